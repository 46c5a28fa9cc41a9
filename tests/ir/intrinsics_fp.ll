; fixture: floating-point intrinsics on double and float - fabs sqrt floor ceil trunc round rint nearbyint copysign fma fmuladd minnum maxnum minimum maximum (NaN and signed zero) pow exp log sin cos
; exit: 164
; stdout: x=2.5 fabs=2.5 floor=2 ceil=3 trunc=2 round=3 rint=2 nearbyint=2
; stdout: x=-2.5 fabs=2.5 floor=-3 ceil=-2 trunc=-2 round=-3 rint=-2 nearbyint=-2
; stdout: x=3.5 fabs=3.5 floor=3 ceil=4 trunc=3 round=4 rint=4 nearbyint=4
; stdout: x=-0.3 fabs=0.3 floor=-1 ceil=-0 trunc=-0 round=-0 rint=-0 nearbyint=-0
; stdout: x=7.75 fabs=7.75 floor=7 ceil=8 trunc=7 round=8 rint=8 nearbyint=8
; stdout: sqrt(2)=1.4142135623731 fma=5.5511151231257827e-17 fmuladd=6.25 copysign=-3,4
; stdout: minnum=-1.5 maxnum=2 minnum(NaN,3)=3 maxnum(2,NaN)=2 minimum(-0,0)=-0 maximum(-0,0)=0 minimum(NaN,1) is nan=1
; stdout: pow(2,10)=1024 pow(2,0.5)=1.414213562 exp(1)=2.718281828 log(10)=2.302585093 sin(0.5)=0.4794255386 cos(0.5)=0.8775825619
; stdout: float: sqrt=1.73205 floor=-2 round=1 fabs=8.125 fma=3 minnum=-4.5 copysign=-2 pow=81 exp=7.38906 sin=0.841471

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [70 x i8] c"x=%g fabs=%g floor=%g ceil=%g trunc=%g round=%g rint=%g nearbyint=%g\0A\00"
@fmt2 = private unnamed_addr constant [53 x i8] c"sqrt(2)=%.15g fma=%.17g fmuladd=%.6g copysign=%g,%g\0A\00"
@fmt3 = private unnamed_addr constant [114 x i8] c"minnum=%g maxnum=%g minnum(NaN,3)=%g maxnum(2,NaN)=%g minimum(-0,0)=%g maximum(-0,0)=%g minimum(NaN,1) is nan=%d\0A\00"
@fmt4 = private unnamed_addr constant [91 x i8] c"pow(2,10)=%.10g pow(2,0.5)=%.10g exp(1)=%.10g log(10)=%.10g sin(0.5)=%.10g cos(0.5)=%.10g\0A\00"
@fmt5 = private unnamed_addr constant [102 x i8] c"float: sqrt=%.6g floor=%g round=%g fabs=%g fma=%.6g minnum=%g copysign=%g pow=%.6g exp=%.6g sin=%.6g\0A\00"

declare i32 @printf(ptr, ...)
declare double @llvm.fabs.f64(double)
declare double @llvm.sqrt.f64(double)
declare double @llvm.floor.f64(double)
declare double @llvm.ceil.f64(double)
declare double @llvm.trunc.f64(double)
declare double @llvm.round.f64(double)
declare double @llvm.rint.f64(double)
declare double @llvm.nearbyint.f64(double)
declare double @llvm.copysign.f64(double, double)
declare double @llvm.fma.f64(double, double, double)
declare double @llvm.fmuladd.f64(double, double, double)
declare double @llvm.minnum.f64(double, double)
declare double @llvm.maxnum.f64(double, double)
declare double @llvm.minimum.f64(double, double)
declare double @llvm.maximum.f64(double, double)
declare double @llvm.pow.f64(double, double)
declare double @llvm.exp.f64(double)
declare double @llvm.log.f64(double)
declare double @llvm.sin.f64(double)
declare double @llvm.cos.f64(double)
declare float @llvm.sqrt.f32(float)
declare float @llvm.floor.f32(float)
declare float @llvm.round.f32(float)
declare float @llvm.fabs.f32(float)
declare float @llvm.fma.f32(float, float, float)
declare float @llvm.minnum.f32(float, float)
declare float @llvm.copysign.f32(float, float)
declare float @llvm.pow.f32(float, float)
declare float @llvm.exp.f32(float)
declare float @llvm.sin.f32(float)

define internal double @rounding(double %x) {
  %a = call double @llvm.fabs.f64(double %x)
  %f = call double @llvm.floor.f64(double %x)
  %c = call double @llvm.ceil.f64(double %x)
  %t = call double @llvm.trunc.f64(double %x)
  %r = call double @llvm.round.f64(double %x)
  %ri = call double @llvm.rint.f64(double %x)
  %n = call double @llvm.nearbyint.f64(double %x)
  call i32 (ptr, ...) @printf(ptr @fmt1, double %x, double %a, double %f, double %c, double %t, double %r, double %ri, double %n)
  %s1 = fadd double %a, %f
  %s2 = fadd double %s1, %c
  %s3 = fadd double %s2, %t
  %s4 = fadd double %s3, %r
  %s5 = fadd double %s4, %ri
  %s6 = fadd double %s5, %n
  ret double %s6
}

define i32 @main() {
entry:
  %r1 = call double @rounding(double 2.5)
  %r2 = call double @rounding(double -2.5)
  %r3 = call double @rounding(double 3.5)
  %r4 = call double @rounding(double -0.3)
  %r5 = call double @rounding(double 7.75)
  %sq = call double @llvm.sqrt.f64(double 2.0)
  ; fma with a single rounding: 0.1*10 - 1 is not 0 when fused
  %fm = call double @llvm.fma.f64(double 0.1, double 10.0, double -1.0)
  %fma2 = call double @llvm.fmuladd.f64(double 1.5, double 4.0, double 0.25)
  %cs1 = call double @llvm.copysign.f64(double 3.0, double -0.0)
  %cs2 = call double @llvm.copysign.f64(double -4.0, double 1.0)
  call i32 (ptr, ...) @printf(ptr @fmt2, double %sq, double %fm, double %fma2, double %cs1, double %cs2)
  %nan = fdiv double 0.0, 0.0
  %mn = call double @llvm.minnum.f64(double -1.5, double 2.0)
  %mx = call double @llvm.maxnum.f64(double -1.5, double 2.0)
  %mnn = call double @llvm.minnum.f64(double %nan, double 3.0)
  %mxn = call double @llvm.maxnum.f64(double 2.0, double %nan)
  %mi0 = call double @llvm.minimum.f64(double -0.0, double 0.0)
  %ma0 = call double @llvm.maximum.f64(double -0.0, double 0.0)
  %min_nan = call double @llvm.minimum.f64(double %nan, double 1.0)
  %isn = fcmp uno double %min_nan, 0.0
  %isnz = zext i1 %isn to i32
  call i32 (ptr, ...) @printf(ptr @fmt3, double %mn, double %mx, double %mnn, double %mxn, double %mi0, double %ma0, i32 %isnz)
  %p1 = call double @llvm.pow.f64(double 2.0, double 10.0)
  %p2 = call double @llvm.pow.f64(double 2.0, double 0.5)
  %e1 = call double @llvm.exp.f64(double 1.0)
  %l1 = call double @llvm.log.f64(double 10.0)
  %s1 = call double @llvm.sin.f64(double 0.5)
  %c1 = call double @llvm.cos.f64(double 0.5)
  call i32 (ptr, ...) @printf(ptr @fmt4, double %p1, double %p2, double %e1, double %l1, double %s1, double %c1)
  %fs = call float @llvm.sqrt.f32(float 3.0)
  %ff = call float @llvm.floor.f32(float -1.5)
  %fr = call float @llvm.round.f32(float 0.5)
  %fa = call float @llvm.fabs.f32(float -8.125)
  %ffma = call float @llvm.fma.f32(float 1.5, float 1.5, float 0.75)
  %fmn = call float @llvm.minnum.f32(float 4.0, float -4.5)
  %fcs = call float @llvm.copysign.f32(float 2.0, float -1.0)
  %fp = call float @llvm.pow.f32(float 3.0, float 4.0)
  %fe = call float @llvm.exp.f32(float 2.0)
  %fsn = call float @llvm.sin.f32(float 1.0)
  %fsd = fpext float %fs to double
  %ffd = fpext float %ff to double
  %frd = fpext float %fr to double
  %fad = fpext float %fa to double
  %ffmad = fpext float %ffma to double
  %fmnd = fpext float %fmn to double
  %fcsd = fpext float %fcs to double
  %fpd = fpext float %fp to double
  %fed = fpext float %fe to double
  %fsnd = fpext float %fsn to double
  call i32 (ptr, ...) @printf(ptr @fmt5, double %fsd, double %ffd, double %frd, double %fad, double %ffmad, double %fmnd, double %fcsd, double %fpd, double %fed, double %fsnd)
  %t1 = fadd double %r1, %r2
  %t2 = fadd double %t1, %r3
  %t3 = fadd double %t2, %r4
  %t4 = fadd double %t3, %r5
  %t5 = fadd double %t4, %p1
  %t6 = fadd double %t5, %fpd
  %ti = fptosi double %t6 to i32
  %m = and i32 %ti, 255
  ret i32 %m
}
