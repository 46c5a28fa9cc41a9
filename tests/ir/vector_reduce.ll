; fixture: llvm.vector.reduce.* - add mul and or xor smax smin umax umin on <4 x i32>/<8 x i16>/<2 x i64>/<16 x i8>, ordered fadd with a start value, fmul, fmax and fmin on <4 x float>/<2 x double>
; exit: 40
; stdout: v4i32: add=107 mul=-23100 and=0 or=ffffffff xor=ffffff95 smax=100 smin=-7 umax=4294967289 umin=3
; stdout: v4i32: add=-15 mul=64 and=fffffff8 or=ffffffff xor=5 smax=-1 smin=-8 umax=4294967295 umin=4294967288
; stdout: v4i32: add=42893 mul=0 and=0 or=ffffffff xor=ffff598f smax=65535 smin=-22897 umax=4294944399 umin=0
; stdout: v8i16: add=-29536 smin=-300 umax=65237  v2i64: add=8999999999999999999 mul=-9223372030926249001  v16i8: add=31 xor=247 umin=0 smax=127
; stdout: fp: fadd(start 100)=107.3750 fadd(start -0.0)=0.9375 fmul=-12.0000 fmax=7.250 fmin=-100.000 dfadd=2.502000 dfmax=-0.50

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [74 x i8] c"v4i32: add=%d mul=%d and=%x or=%x xor=%x smax=%d smin=%d umax=%u umin=%u\0A\00"
@fmt2 = private unnamed_addr constant [93 x i8] c"v8i16: add=%d smin=%d umax=%d  v2i64: add=%ld mul=%ld  v16i8: add=%d xor=%d umin=%d smax=%d\0A\00"
@fmt3 = private unnamed_addr constant [100 x i8] c"fp: fadd(start 100)=%.4f fadd(start -0.0)=%.4f fmul=%.4f fmax=%.3f fmin=%.3f dfadd=%.6f dfmax=%.2f\0A\00"

declare i32 @printf(ptr, ...)
declare i32 @llvm.vector.reduce.add.v4i32(<4 x i32>)
declare i32 @llvm.vector.reduce.mul.v4i32(<4 x i32>)
declare i32 @llvm.vector.reduce.and.v4i32(<4 x i32>)
declare i32 @llvm.vector.reduce.or.v4i32(<4 x i32>)
declare i32 @llvm.vector.reduce.xor.v4i32(<4 x i32>)
declare i32 @llvm.vector.reduce.smax.v4i32(<4 x i32>)
declare i32 @llvm.vector.reduce.smin.v4i32(<4 x i32>)
declare i32 @llvm.vector.reduce.umax.v4i32(<4 x i32>)
declare i32 @llvm.vector.reduce.umin.v4i32(<4 x i32>)
declare i16 @llvm.vector.reduce.add.v8i16(<8 x i16>)
declare i16 @llvm.vector.reduce.smin.v8i16(<8 x i16>)
declare i16 @llvm.vector.reduce.umax.v8i16(<8 x i16>)
declare i64 @llvm.vector.reduce.add.v2i64(<2 x i64>)
declare i64 @llvm.vector.reduce.mul.v2i64(<2 x i64>)
declare i8 @llvm.vector.reduce.add.v16i8(<16 x i8>)
declare i8 @llvm.vector.reduce.xor.v16i8(<16 x i8>)
declare i8 @llvm.vector.reduce.umin.v16i8(<16 x i8>)
declare i8 @llvm.vector.reduce.smax.v16i8(<16 x i8>)
declare float @llvm.vector.reduce.fadd.v4f32(float, <4 x float>)
declare float @llvm.vector.reduce.fmul.v4f32(float, <4 x float>)
declare float @llvm.vector.reduce.fmax.v4f32(<4 x float>)
declare float @llvm.vector.reduce.fmin.v4f32(<4 x float>)
declare double @llvm.vector.reduce.fadd.v2f64(double, <2 x double>)
declare double @llvm.vector.reduce.fmax.v2f64(<2 x double>)

define internal i32 @ired(<4 x i32> %v) {
  %add = call i32 @llvm.vector.reduce.add.v4i32(<4 x i32> %v)
  %mul = call i32 @llvm.vector.reduce.mul.v4i32(<4 x i32> %v)
  %and = call i32 @llvm.vector.reduce.and.v4i32(<4 x i32> %v)
  %or = call i32 @llvm.vector.reduce.or.v4i32(<4 x i32> %v)
  %xor = call i32 @llvm.vector.reduce.xor.v4i32(<4 x i32> %v)
  %smax = call i32 @llvm.vector.reduce.smax.v4i32(<4 x i32> %v)
  %smin = call i32 @llvm.vector.reduce.smin.v4i32(<4 x i32> %v)
  %umax = call i32 @llvm.vector.reduce.umax.v4i32(<4 x i32> %v)
  %umin = call i32 @llvm.vector.reduce.umin.v4i32(<4 x i32> %v)
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %add, i32 %mul, i32 %and, i32 %or, i32 %xor, i32 %smax, i32 %smin, i32 %umax, i32 %umin)
  %s1 = add i32 %add, %mul
  %s2 = add i32 %s1, %smax
  %s3 = add i32 %s2, %smin
  %s4 = add i32 %s3, %umin
  ret i32 %s4
}

define i32 @main() {
entry:
  %a = call i32 @ired(<4 x i32> <i32 3, i32 -7, i32 11, i32 100>)
  %b = call i32 @ired(<4 x i32> <i32 -1, i32 -2, i32 -4, i32 -8>)
  %va = insertelement <4 x i32> <i32 0, i32 255, i32 65535, i32 0>, i32 %a, i32 3
  %c = call i32 @ired(<4 x i32> %va)
  %h1 = call i16 @llvm.vector.reduce.add.v8i16(<8 x i16> <i16 1000, i16 2000, i16 3000, i16 4000, i16 5000, i16 6000, i16 7000, i16 8000>)
  %h2 = call i16 @llvm.vector.reduce.smin.v8i16(<8 x i16> <i16 5, i16 -300, i16 7, i16 -299, i16 0, i16 1, i16 2, i16 3>)
  %h3 = call i16 @llvm.vector.reduce.umax.v8i16(<8 x i16> <i16 5, i16 -300, i16 7, i16 -299, i16 0, i16 1, i16 2, i16 3>)
  %h1e = sext i16 %h1 to i32
  %h2e = sext i16 %h2 to i32
  %h3e = zext i16 %h3 to i32
  %q1 = call i64 @llvm.vector.reduce.add.v2i64(<2 x i64> <i64 9000000000000000000, i64 -1>)
  %q2 = call i64 @llvm.vector.reduce.mul.v2i64(<2 x i64> <i64 3037000499, i64 -3037000499>)
  %bytes = shufflevector <4 x i32> <i32 16909060, i32 84281096, i32 -16777216, i32 2139062143>, <4 x i32> poison, <4 x i32> <i32 0, i32 1, i32 2, i32 3>
  %bv = bitcast <4 x i32> %bytes to <16 x i8>
  %c1 = call i8 @llvm.vector.reduce.add.v16i8(<16 x i8> %bv)
  %c2 = call i8 @llvm.vector.reduce.xor.v16i8(<16 x i8> %bv)
  %c3 = call i8 @llvm.vector.reduce.umin.v16i8(<16 x i8> %bv)
  %c4 = call i8 @llvm.vector.reduce.smax.v16i8(<16 x i8> %bv)
  %c1e = zext i8 %c1 to i32
  %c2e = zext i8 %c2 to i32
  %c3e = zext i8 %c3 to i32
  %c4e = sext i8 %c4 to i32
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %h1e, i32 %h2e, i32 %h3e, i64 %q1, i64 %q2, i32 %c1e, i32 %c2e, i32 %c3e, i32 %c4e)
  %f1 = call float @llvm.vector.reduce.fadd.v4f32(float 100.0, <4 x float> <float 1.5, float -2.25, float 0.125, float 8.0>)
  %f2 = call float @llvm.vector.reduce.fadd.v4f32(float -0.0, <4 x float> <float 0.5, float 0.25, float 0.125, float 0.0625>)
  %f3 = call float @llvm.vector.reduce.fmul.v4f32(float 2.0, <4 x float> <float 1.5, float -2.0, float 0.5, float 4.0>)
  %f4 = call float @llvm.vector.reduce.fmax.v4f32(<4 x float> <float -3.5, float 7.25, float 7.125, float -100.0>)
  %f5 = call float @llvm.vector.reduce.fmin.v4f32(<4 x float> <float -3.5, float 7.25, float 7.125, float -100.0>)
  %d1 = call double @llvm.vector.reduce.fadd.v2f64(double 0.001, <2 x double> <double 1.0e-3, double 2.5>)
  %d2 = call double @llvm.vector.reduce.fmax.v2f64(<2 x double> <double -1.0, double -0.5>)
  %f1d = fpext float %f1 to double
  %f2d = fpext float %f2 to double
  %f3d = fpext float %f3 to double
  %f4d = fpext float %f4 to double
  %f5d = fpext float %f5 to double
  call i32 (ptr, ...) @printf(ptr @fmt3, double %f1d, double %f2d, double %f3d, double %f4d, double %f5d, double %d1, double %d2)
  %s1 = add i32 %a, %b
  %s2 = add i32 %s1, %c
  %s3 = add i32 %s2, %h2e
  %s4 = add i32 %s3, %c1e
  %fi = fptosi float %f1 to i32
  %s5 = add i32 %s4, %fi
  %m = and i32 %s5, 255
  ret i32 %m
}
