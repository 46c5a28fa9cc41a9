; fixture: vector icmp/fcmp producing <N x i1> (incl. NaN lanes), select with a vector condition and with a scalar condition, <N x i1> zext/sext and bitcast to an integer mask, vector min/max/abs/clamp via compare+select
; exit: 71
; stdout: icmp v4i32 slt mask=a ult mask=4 eq mask=1 sgt-as-sext: 0 0 -1 0
; stdout: smax: 5 4 100 7  umin: 5 4 100 7  abs: 5 3 100 -2147483648
; stdout: fcmp v4f32 olt mask=3 uno mask=4 une mask=4  clamp: -1 0.25 0 5
; stdout: v16i8 ugt-128 count=1  v8i16 select: 1 -2 9 -4 25 -6 49 -8  v2f64 scalar-cond select: -1 -2

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@f1 = private unnamed_addr constant [72 x i8] c"icmp v4i32 slt mask=%x ult mask=%x eq mask=%x sgt-as-sext: %d %d %d %d\0A\00"
@f2 = private unnamed_addr constant [56 x i8] c"smax: %d %d %d %d  umin: %u %u %u %u  abs: %d %d %d %d\0A\00"
@f3 = private unnamed_addr constant [68 x i8] c"fcmp v4f32 olt mask=%x uno mask=%x une mask=%x  clamp: %g %g %g %g\0A\00"
@f4 = private unnamed_addr constant [96 x i8] c"v16i8 ugt-128 count=%d  v8i16 select: %d %d %d %d %d %d %d %d  v2f64 scalar-cond select: %g %g\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main() {
entry:
  %a = add <4 x i32> <i32 5, i32 -3, i32 100, i32 -2147483648>, zeroinitializer
  %b = add <4 x i32> <i32 5, i32 4, i32 -100, i32 7>, zeroinitializer
  %slt = icmp slt <4 x i32> %a, %b
  %ult = icmp ult <4 x i32> %a, %b
  %eq = icmp eq <4 x i32> %a, %b
  %sgt = icmp sgt <4 x i32> %a, %b
  %m1 = bitcast <4 x i1> %slt to i4
  %m2 = bitcast <4 x i1> %ult to i4
  %m3 = bitcast <4 x i1> %eq to i4
  %m1e = zext i4 %m1 to i32
  %m2e = zext i4 %m2 to i32
  %m3e = zext i4 %m3 to i32
  %sx = sext <4 x i1> %sgt to <4 x i32>
  %sx0 = extractelement <4 x i32> %sx, i32 0
  %sx1 = extractelement <4 x i32> %sx, i32 1
  %sx2 = extractelement <4 x i32> %sx, i32 2
  %sx3 = extractelement <4 x i32> %sx, i32 3
  call i32 (ptr, ...) @printf(ptr @f1, i32 %m1e, i32 %m2e, i32 %m3e, i32 %sx0, i32 %sx1, i32 %sx2, i32 %sx3)
  %smax = select <4 x i1> %sgt, <4 x i32> %a, <4 x i32> %b
  %umin = select <4 x i1> %ult, <4 x i32> %a, <4 x i32> %b
  %neg = sub <4 x i32> zeroinitializer, %a
  %isneg = icmp slt <4 x i32> %a, zeroinitializer
  %abs = select <4 x i1> %isneg, <4 x i32> %neg, <4 x i32> %a
  %x0 = extractelement <4 x i32> %smax, i32 0
  %x1 = extractelement <4 x i32> %smax, i32 1
  %x2 = extractelement <4 x i32> %smax, i32 2
  %x3 = extractelement <4 x i32> %smax, i32 3
  %u0 = extractelement <4 x i32> %umin, i32 0
  %u1 = extractelement <4 x i32> %umin, i32 1
  %u2 = extractelement <4 x i32> %umin, i32 2
  %u3 = extractelement <4 x i32> %umin, i32 3
  %a0 = extractelement <4 x i32> %abs, i32 0
  %a1 = extractelement <4 x i32> %abs, i32 1
  %a2 = extractelement <4 x i32> %abs, i32 2
  %a3 = extractelement <4 x i32> %abs, i32 3
  call i32 (ptr, ...) @printf(ptr @f2, i32 %x0, i32 %x1, i32 %x2, i32 %x3, i32 %u0, i32 %u1, i32 %u2, i32 %u3, i32 %a0, i32 %a1, i32 %a2, i32 %a3)
  ; float compares with a NaN lane
  %nan = fdiv float 0.0, 0.0
  %fv = insertelement <4 x float> <float -5.5, float 0.25, float 0.0, float 9.0>, float %nan, i32 2
  %fw = fadd <4 x float> <float 1.0, float 1.0, float 1.0, float 1.0>, zeroinitializer
  %olt = fcmp olt <4 x float> %fv, %fw
  %uno = fcmp uno <4 x float> %fv, %fw
  %une = fcmp une <4 x float> %fv, %fv
  %fm1 = bitcast <4 x i1> %olt to i4
  %fm2 = bitcast <4 x i1> %uno to i4
  %fm3 = bitcast <4 x i1> %une to i4
  %fm1e = zext i4 %fm1 to i32
  %fm2e = zext i4 %fm2 to i32
  %fm3e = zext i4 %fm3 to i32
  ; clamp into [-1, 5], NaN lane replaced by 0
  %lo = fcmp olt <4 x float> %fv, <float -1.0, float -1.0, float -1.0, float -1.0>
  %c1 = select <4 x i1> %lo, <4 x float> <float -1.0, float -1.0, float -1.0, float -1.0>, <4 x float> %fv
  %hi = fcmp ogt <4 x float> %c1, <float 5.0, float 5.0, float 5.0, float 5.0>
  %c2 = select <4 x i1> %hi, <4 x float> <float 5.0, float 5.0, float 5.0, float 5.0>, <4 x float> %c1
  %c3 = select <4 x i1> %uno, <4 x float> zeroinitializer, <4 x float> %c2
  %cd = fpext <4 x float> %c3 to <4 x double>
  %cd0 = extractelement <4 x double> %cd, i32 0
  %cd1 = extractelement <4 x double> %cd, i32 1
  %cd2 = extractelement <4 x double> %cd, i32 2
  %cd3 = extractelement <4 x double> %cd, i32 3
  call i32 (ptr, ...) @printf(ptr @f3, i32 %fm1e, i32 %fm2e, i32 %fm3e, double %cd0, double %cd1, double %cd2, double %cd3)
  ; 16 x i8 unsigned compare and count via zext + sum of lanes
  %bytes = bitcast <4 x i32> <i32 -2139062144, i32 2139062143, i32 -16777216, i32 305419896> to <16 x i8>
  %ugt = icmp ugt <16 x i8> %bytes, <i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128, i8 -128>
  %ugtm = bitcast <16 x i1> %ugt to i16
  %cnt = call i16 @llvm.ctpop.i16(i16 %ugtm)
  %cnte = zext i16 %cnt to i32
  ; 8 x i16 select between two computed vectors
  %h = add <8 x i16> <i16 1, i16 2, i16 3, i16 4, i16 5, i16 6, i16 7, i16 8>, zeroinitializer
  %odd.b = and <8 x i16> %h, <i16 1, i16 1, i16 1, i16 1, i16 1, i16 1, i16 1, i16 1>
  %odd = icmp ne <8 x i16> %odd.b, zeroinitializer
  %sq = mul <8 x i16> %h, %h
  %ng = sub <8 x i16> zeroinitializer, %h
  %hs = select <8 x i1> %odd, <8 x i16> %sq, <8 x i16> %ng
  %hw = sext <8 x i16> %hs to <8 x i32>
  %h0 = extractelement <8 x i32> %hw, i32 0
  %h1 = extractelement <8 x i32> %hw, i32 1
  %h2 = extractelement <8 x i32> %hw, i32 2
  %h3 = extractelement <8 x i32> %hw, i32 3
  %h4 = extractelement <8 x i32> %hw, i32 4
  %h5 = extractelement <8 x i32> %hw, i32 5
  %h6 = extractelement <8 x i32> %hw, i32 6
  %h7 = extractelement <8 x i32> %hw, i32 7
  ; scalar condition selecting whole vectors
  %sc = icmp eq i32 %cnte, 7
  %dv = select i1 %sc, <2 x double> <double 1.5, double 2.5>, <2 x double> <double -1.0, double -2.0>
  %dv0 = extractelement <2 x double> %dv, i32 0
  %dv1 = extractelement <2 x double> %dv, i32 1
  call i32 (ptr, ...) @printf(ptr @f4, i32 %cnte, i32 %h0, i32 %h1, i32 %h2, i32 %h3, i32 %h4, i32 %h5, i32 %h6, i32 %h7, double %dv0, double %dv1)
  %r1 = add i32 %m1e, %m2e
  %r2 = add i32 %r1, %fm1e
  %r3 = add i32 %r2, %fm2e
  %r4 = add i32 %r3, %cnte
  %r5 = add i32 %r4, %h6
  %r6 = add i32 %r5, %a3
  %m = and i32 %r6, 255
  ret i32 %m
}

declare i16 @llvm.ctpop.i16(i16)
