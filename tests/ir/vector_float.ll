; fixture: 128-bit float vectors <4 x float> and <2 x double> - fadd fsub fmul fdiv frem fneg, vector arguments/returns, lane-wise division by zero to +-inf
; exit: 40
; stdout: add  v4f32: 2 1.75 7 7
; stdout: sub  v4f32: 1 -6.25 13 7
; stdout: mul  v4f32: 0.75 -9 -30 0
; stdout: div  v4f32: 3 -0.5625 -3.33333 inf
; stdout: rem  v4f32: 1.5 -2.25 1 1
; stdout: neg  v4f32: -1.5 2.25 -10 -7
; stdout: poly v4f32: 1.125 -45 60 0
; stdout: add  v2f64: 10000000003 0.19999999999999998
; stdout: sub  v2f64: 9999999997 -0.40000000000000002
; stdout: mul  v2f64: 30000000000 -0.029999999999999999
; stdout: div  v2f64: 3333333333.3333335 -0.33333333333333337
; stdout: rem  v2f64: 1 -0.10000000000000001
; stdout: neg  v2f64: -3 -0.29999999999999999

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@f4 = private unnamed_addr constant [25 x i8] c"%-4s v4f32: %g %g %g %g\0A\00"
@f2 = private unnamed_addr constant [25 x i8] c"%-4s v2f64: %.17g %.17g\0A\00"
@n.add = private unnamed_addr constant [4 x i8] c"add\00"
@n.sub = private unnamed_addr constant [4 x i8] c"sub\00"
@n.mul = private unnamed_addr constant [4 x i8] c"mul\00"
@n.div = private unnamed_addr constant [4 x i8] c"div\00"
@n.rem = private unnamed_addr constant [4 x i8] c"rem\00"
@n.neg = private unnamed_addr constant [4 x i8] c"neg\00"
@n.poly = private unnamed_addr constant [5 x i8] c"poly\00"

declare i32 @printf(ptr, ...)

define internal void @p4(ptr %n, <4 x float> %v) {
  %w = fpext <4 x float> %v to <4 x double>
  %a = extractelement <4 x double> %w, i32 0
  %b = extractelement <4 x double> %w, i32 1
  %c = extractelement <4 x double> %w, i32 2
  %d = extractelement <4 x double> %w, i32 3
  call i32 (ptr, ...) @printf(ptr @f4, ptr %n, double %a, double %b, double %c, double %d)
  ret void
}
define internal void @p2(ptr %n, <2 x double> %v) {
  %a = extractelement <2 x double> %v, i32 0
  %b = extractelement <2 x double> %v, i32 1
  call i32 (ptr, ...) @printf(ptr @f2, ptr %n, double %a, double %b)
  ret void
}

define internal <4 x float> @ops4(<4 x float> %a, <4 x float> %b) {
  %add = fadd <4 x float> %a, %b
  call void @p4(ptr @n.add, <4 x float> %add)
  %sub = fsub <4 x float> %a, %b
  call void @p4(ptr @n.sub, <4 x float> %sub)
  %mul = fmul <4 x float> %a, %b
  call void @p4(ptr @n.mul, <4 x float> %mul)
  %div = fdiv <4 x float> %a, %b
  call void @p4(ptr @n.div, <4 x float> %div)
  %rem = frem <4 x float> %a, <float 3.0, float 3.0, float 3.0, float 3.0>
  call void @p4(ptr @n.rem, <4 x float> %rem)
  %neg = fneg <4 x float> %a
  call void @p4(ptr @n.neg, <4 x float> %neg)
  ; horner: ((a*b)+a)*b
  %h1 = fmul <4 x float> %a, %b
  %h2 = fadd <4 x float> %h1, %a
  %h3 = fmul <4 x float> %h2, %b
  call void @p4(ptr @n.poly, <4 x float> %h3)
  ret <4 x float> %h3
}

define internal <2 x double> @ops2(<2 x double> %a, <2 x double> %b) {
  %add = fadd <2 x double> %a, %b
  call void @p2(ptr @n.add, <2 x double> %add)
  %sub = fsub <2 x double> %a, %b
  call void @p2(ptr @n.sub, <2 x double> %sub)
  %mul = fmul <2 x double> %a, %b
  call void @p2(ptr @n.mul, <2 x double> %mul)
  %div = fdiv <2 x double> %a, %b
  call void @p2(ptr @n.div, <2 x double> %div)
  %rem = frem <2 x double> %a, %b
  call void @p2(ptr @n.rem, <2 x double> %rem)
  %neg = fneg <2 x double> %b
  call void @p2(ptr @n.neg, <2 x double> %neg)
  %r = fadd <2 x double> %mul, %div
  ret <2 x double> %r
}

define i32 @main() {
entry:
  %r4 = call <4 x float> @ops4(<4 x float> <float 1.5, float -2.25, float 10.0, float 7.0>, <4 x float> <float 0.5, float 4.0, float -3.0, float 0.0>)
  %r2 = call <2 x double> @ops2(<2 x double> <double 1.0e10, double -0.1>, <2 x double> <double 3.0, double 0.3>)
  %x = extractelement <4 x float> %r4, i32 1
  %y = extractelement <2 x double> %r2, i32 0
  %xd = fpext float %x to double
  %s = fadd double %xd, %y
  %i = fptosi double %s to i64
  %t = trunc i64 %i to i32
  %m = and i32 %t, 255
  ret i32 %m
}
