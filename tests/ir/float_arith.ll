; fixture: float and double fadd/fsub/fmul/fdiv/frem/fneg on runtime values, incl. fast-math flags on exact operations and infinities
; exit: 20
; stdout: double: add=13.75 sub=7.25 mul=34.125 div=3.2307692307692308 rem=0.75 neg=-10.5
; stdout: double: add=-6.9000000000000004 sub=-7.0999999999999996 mul=-0.70000000000000007 div=-70 rem=-0.099999999999999617 neg=7
; stdout: double: add=1.0000000000000001e+300 sub=1.0000000000000001e+300 mul=1.0000000000000001e+290 div=inf rem=5.476641984772742e-11 neg=-1.0000000000000001e+300
; stdout: double: add=5 sub=-1 mul=6 div=0.66666666666666663 rem=2 neg=-2
; stdout: float: add=13.75 sub=7.25 mul=34.125 div=3.23076916 rem=0.75 neg=-10.5
; stdout: float: add=0.300000012 sub=-0.100000001 mul=0.0200000014 div=0.5 rem=0.100000001 neg=-0.100000001
; stdout: float: add=-1e+10 sub=-1e+10 mul=-7.0000001e+10 div=-1.42857139e+09 rem=-4 neg=1e+10
; stdout: special: inf -inf inf 9.99989e-321 3.0

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmtd = private unnamed_addr constant [69 x i8] c"double: add=%.17g sub=%.17g mul=%.17g div=%.17g rem=%.17g neg=%.17g\0A\00"
@fmtf = private unnamed_addr constant [62 x i8] c"float: add=%.9g sub=%.9g mul=%.9g div=%.9g rem=%.9g neg=%.9g\0A\00"
@fmtx = private unnamed_addr constant [27 x i8] c"special: %g %g %g %g %.1f\0A\00"

declare i32 @printf(ptr, ...)

define internal double @dops(double %a, double %b) {
entry:
  %add = fadd double %a, %b
  %sub = fsub double %a, %b
  %mul = fmul double %a, %b
  %div = fdiv double %a, %b
  %rem = frem double %a, %b
  %neg = fneg double %a
  %r = call i32 (ptr, ...) @printf(ptr @fmtd, double %add, double %sub, double %mul, double %div, double %rem, double %neg)
  %s1 = fadd double %add, %sub
  %s2 = fadd double %s1, %rem
  %s3 = fsub double %s2, %neg
  ret double %s3
}

define internal float @fops(float %a, float %b) {
entry:
  %add = fadd float %a, %b
  %sub = fsub float %a, %b
  %mul = fmul float %a, %b
  %div = fdiv float %a, %b
  %rem = frem float %a, %b
  %neg = fneg float %a
  %e1 = fpext float %add to double
  %e2 = fpext float %sub to double
  %e3 = fpext float %mul to double
  %e4 = fpext float %div to double
  %e5 = fpext float %rem to double
  %e6 = fpext float %neg to double
  %r = call i32 (ptr, ...) @printf(ptr @fmtf, double %e1, double %e2, double %e3, double %e4, double %e5, double %e6)
  %s1 = fadd float %add, %sub
  %s2 = fadd float %s1, %rem
  %s3 = fsub float %s2, %neg
  ret float %s3
}

define i32 @main() {
entry:
  %d1 = call double @dops(double 10.5, double 3.25)
  %d2 = call double @dops(double -7.0, double 0.1)
  %d3 = call double @dops(double 1.0e300, double 1.0e-10)
  %d4 = call double @dops(double 2.0, double 3.0)
  %f1 = call float @fops(float 10.5, float 3.25)
  %f2 = call float @fops(float 0x3FB99999A0000000, float 0x3FC99999A0000000)
  %f3 = call float @fops(float -1.0e10, float 7.0)
  ; infinities and fast-math flags on exactly representable operations
  %inf = fdiv double 1.0, 0.0
  %ninf = fneg double %inf
  %z = fmul double %ninf, 0.0
  %big = fmul double 1.0e308, 10.0
  %fm = fadd fast double 0.5, 0.25
  %fm2 = fmul nnan ninf nsz double %fm, 4.0
  %r = call i32 (ptr, ...) @printf(ptr @fmtx, double %inf, double %ninf, double %big, double 1.0e-320, double %fm2)
  %sd1 = fadd double %d1, %d2
  %sd2 = fadd double %sd1, %d4
  %sf1 = fadd float %f1, %f2
  %sf2 = fadd float %sf1, %f3
  %sfd = fpext float %sf2 to double
  %tot = fadd double %sd2, %sfd
  %i64 = fptosi double %tot to i64
  %i = trunc i64 %i64 to i32
  %m = and i32 %i, 255
  ret i32 %m
}
