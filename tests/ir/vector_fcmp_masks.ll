; fixture: vector fcmp one/ueq with a NaN lane, and fptosi/fptoui of float vectors to lane masks
; exit: 0
; stdout: 2 13 1 13

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private constant [13 x i8] c"%d %d %d %d\0A\00"
declare i32 @printf(ptr, ...)
define i32 @main() {
  %a = insertelement <4 x float> <float 1.0, float 2.0, float 0.0, float 4.0>, float 0x7FF8000000000000, i32 2
  %b = fcmp one <4 x float> %a, <float 1.0, float 3.0, float 1.0, float 4.0>
  %c = fcmp ueq <4 x float> %a, <float 1.0, float 3.0, float 1.0, float 4.0>
  %bb = bitcast <4 x i1> %b to i4
  %cb = bitcast <4 x i1> %c to i4
  %bz = zext i4 %bb to i32
  %cz = zext i4 %cb to i32
  %f = fptosi <2 x double> <double -1.0, double 0.0> to <2 x i1>
  %fb = bitcast <2 x i1> %f to i2
  %fz = zext i2 %fb to i32
  %g = fptoui <4 x float> <float 1.0, float 0.0, float 1.0, float 1.0> to <4 x i1>
  %gb = bitcast <4 x i1> %g to i4
  %gz = zext i4 %gb to i32
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %bz, i32 %cz, i32 %fz, i32 %gz)
  ret i32 0
}
