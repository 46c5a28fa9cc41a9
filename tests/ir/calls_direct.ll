; fixture: direct calls - recursion (fib, ackermann), mutual recursion, many mixed int/float arguments spilling to the stack, i1/i8/float/double/void returns, fastcc and nounwind attributes
; exit: 25
; stdout: fib(25)=75025 ack(2,3)=9 ack(3,4)=125 even(31)=0 odd(31)=1
; stdout: many ints=16000010081 many floats=473.0000 mixed=2335.1667
; stdout: small rets: -24 232 2.500 6.250 void-side-effect=42

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [59 x i8] c"fib(25)=%d ack(2,3)=%d ack(3,4)=%d even(31)=%d odd(31)=%d\0A\00"
@fmt2 = private unnamed_addr constant [43 x i8] c"many ints=%ld many floats=%.4f mixed=%.4f\0A\00"
@fmt3 = private unnamed_addr constant [49 x i8] c"small rets: %d %d %.3f %.3f void-side-effect=%d\0A\00"
@side = internal global i32 0

declare i32 @printf(ptr, ...)

define internal i32 @fib(i32 %n) nounwind {
entry:
  %lt = icmp slt i32 %n, 2
  br i1 %lt, label %base, label %rec
base:
  ret i32 %n
rec:
  %n1 = sub i32 %n, 1
  %n2 = sub i32 %n, 2
  %f1 = call i32 @fib(i32 %n1)
  %f2 = call i32 @fib(i32 %n2)
  %s = add i32 %f1, %f2
  ret i32 %s
}

define internal fastcc i32 @ack(i32 %m, i32 %n) {
entry:
  %mz = icmp eq i32 %m, 0
  br i1 %mz, label %m0, label %mn
m0:
  %r0 = add i32 %n, 1
  ret i32 %r0
mn:
  %nz = icmp eq i32 %n, 0
  %m1 = sub i32 %m, 1
  br i1 %nz, label %n0, label %nn
n0:
  %r1 = call fastcc i32 @ack(i32 %m1, i32 1)
  ret i32 %r1
nn:
  %n1 = sub i32 %n, 1
  %inner = call fastcc i32 @ack(i32 %m, i32 %n1)
  %r2 = call fastcc i32 @ack(i32 %m1, i32 %inner)
  ret i32 %r2
}

define internal i1 @is_even(i32 %n) {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %yes, label %no
yes:
  ret i1 true
no:
  %m = sub i32 %n, 1
  %r = call i1 @is_odd(i32 %m)
  ret i1 %r
}

define internal i1 @is_odd(i32 %n) {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %yes, label %no
yes:
  ret i1 false
no:
  %m = sub i32 %n, 1
  %r = call i1 @is_even(i32 %m)
  ret i1 %r
}

define internal i64 @many_ints(i8 %a, i16 %b, i32 %c, i64 %d, i32 %e, i64 %f, i32 %g, i64 %h, i8 %i, i16 %j) {
  %a1 = sext i8 %a to i64
  %b1 = sext i16 %b to i64
  %c1 = sext i32 %c to i64
  %e1 = sext i32 %e to i64
  %g1 = sext i32 %g to i64
  %i1 = sext i8 %i to i64
  %j1 = sext i16 %j to i64
  ; weighted sum so argument order matters
  %s1 = mul i64 %a1, 1
  %t2 = mul i64 %b1, 2
  %s2 = add i64 %s1, %t2
  %t3 = mul i64 %c1, 3
  %s3 = add i64 %s2, %t3
  %t4 = mul i64 %d, 4
  %s4 = add i64 %s3, %t4
  %t5 = mul i64 %e1, 5
  %s5 = add i64 %s4, %t5
  %t6 = mul i64 %f, 6
  %s6 = add i64 %s5, %t6
  %t7 = mul i64 %g1, 7
  %s7 = add i64 %s6, %t7
  %t8 = mul i64 %h, 8
  %s8 = add i64 %s7, %t8
  %t9 = mul i64 %i1, 9
  %s9 = add i64 %s8, %t9
  %t10 = mul i64 %j1, 10
  %s10 = add i64 %s9, %t10
  ret i64 %s10
}

define internal double @many_floats(double %a, float %b, double %c, float %d, double %e, double %f, double %g, double %h, double %i, float %j, double %k) {
  %b1 = fpext float %b to double
  %d1 = fpext float %d to double
  %j1 = fpext float %j to double
  %s1 = fmul double %a, 1.0
  %t2 = fmul double %b1, 2.0
  %s2 = fadd double %s1, %t2
  %t3 = fmul double %c, 3.0
  %s3 = fadd double %s2, %t3
  %t4 = fmul double %d1, 4.0
  %s4 = fadd double %s3, %t4
  %t5 = fmul double %e, 5.0
  %s5 = fadd double %s4, %t5
  %t6 = fmul double %f, 6.0
  %s6 = fadd double %s5, %t6
  %t7 = fmul double %g, 7.0
  %s7 = fadd double %s6, %t7
  %t8 = fmul double %h, 8.0
  %s8 = fadd double %s7, %t8
  %t9 = fmul double %i, 9.0
  %s9 = fadd double %s8, %t9
  %t10 = fmul double %j1, 10.0
  %s10 = fadd double %s9, %t10
  %t11 = fmul double %k, 11.0
  %s11 = fadd double %s10, %t11
  ret double %s11
}

define internal double @mixed(i32 %a, double %b, i64 %c, float %d, i8 %e, double %f, i32 %g, i32 %h, i32 %i, i32 %j, double %k, double %l, double %m, double %n, double %o, double %p, i64 %q) {
  %a1 = sitofp i32 %a to double
  %c1 = sitofp i64 %c to double
  %d1 = fpext float %d to double
  %e1 = sitofp i8 %e to double
  %g1 = sitofp i32 %g to double
  %hj = add i32 %h, %i
  %hj2 = mul i32 %hj, %j
  %hj3 = sitofp i32 %hj2 to double
  %q1 = sitofp i64 %q to double
  %s1 = fadd double %a1, %b
  %s2 = fsub double %s1, %c1
  %s3 = fmul double %s2, %d1
  %s4 = fadd double %s3, %e1
  %s5 = fdiv double %s4, %f
  %s6 = fadd double %s5, %g1
  %s7 = fadd double %s6, %hj3
  %s8 = fsub double %s7, %k
  %s9 = fadd double %s8, %l
  %s10 = fmul double %s9, %m
  %s11 = fadd double %s10, %n
  %s12 = fsub double %s11, %o
  %s13 = fadd double %s12, %p
  %s14 = fadd double %s13, %q1
  ret double %s14
}

define internal i8 @ret_i8(i32 %x) {
  %t = trunc i32 %x to i8
  ret i8 %t
}
define internal float @ret_float(float %x) {
  %r = fmul float %x, 0.5
  ret float %r
}
define internal double @ret_double() {
  ret double 6.25
}
define internal void @bump(i32 %k) {
  %v = load i32, ptr @side, align 4
  %n = add i32 %v, %k
  store i32 %n, ptr @side, align 4
  ret void
}

define i32 @main() {
entry:
  %f = call i32 @fib(i32 25)
  %a1 = call fastcc i32 @ack(i32 2, i32 3)
  %a2 = call fastcc i32 @ack(i32 3, i32 4)
  %e = call i1 @is_even(i32 31)
  %o = call i1 @is_odd(i32 31)
  %ez = zext i1 %e to i32
  %oz = zext i1 %o to i32
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %f, i32 %a1, i32 %a2, i32 %ez, i32 %oz)
  %mi = call i64 @many_ints(i8 -1, i16 -2, i32 3, i64 4000000000, i32 -5, i64 6, i32 7, i64 -8, i8 9, i16 1000)
  %mf = call double @many_floats(double 0.5, float 1.5, double 2.5, float 3.5, double 4.5, double 5.5, double 6.5, double 7.5, double 8.5, float 9.5, double 10.5)
  %mx = call double @mixed(i32 1, double 2.0, i64 3, float 4.0, i8 -5, double 6.0, i32 7, i32 8, i32 9, i32 10, double 11.0, double 12.0, double 13.0, double 14.0, double 15.0, double 16.0, i64 17)
  call i32 (ptr, ...) @printf(ptr @fmt2, i64 %mi, double %mf, double %mx)
  %r8 = call i8 @ret_i8(i32 1000)
  %r8e = sext i8 %r8 to i32
  %r8u = zext i8 %r8 to i32
  %rf = call float @ret_float(float 5.0)
  %rfd = fpext float %rf to double
  %rd = call double @ret_double()
  call void @bump(i32 5)
  call void @bump(i32 37)
  %sv = load i32, ptr @side, align 4
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %r8e, i32 %r8u, double %rfd, double %rd, i32 %sv)
  %s1 = add i32 %f, %a2
  %s2 = add i32 %s1, %sv
  %mit = trunc i64 %mi to i32
  %s3 = add i32 %s2, %mit
  %m = and i32 %s3, 255
  ret i32 %m
}
