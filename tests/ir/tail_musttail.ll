; fixture: tail and musttail calls - musttail self recursion and mutual recursion 1,000,000 deep (needs real tail calls), musttail forwarding to a same-prototype function, plain tail-marked calls
; exit: 55
; stdout: sum_to(1000000)=500000500000 even(1000001)=0 fwd=42007 tail_fact(20)=2432902008176640000 gcd=1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [72 x i8] c"sum_to(1000000)=%ld even(1000001)=%d fwd=%ld tail_fact(20)=%ld gcd=%ld\0A\00"

declare i32 @printf(ptr, ...)

define internal i64 @sum_to(i64 %n, i64 %acc) {
entry:
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %rec
done:
  ret i64 %acc
rec:
  %acc1 = add i64 %acc, %n
  %n1 = sub i64 %n, 1
  %r = musttail call i64 @sum_to(i64 %n1, i64 %acc1)
  ret i64 %r
}

define internal i32 @m_even(i32 %n, i32 %pad) {
entry:
  %z = icmp eq i32 %n, 0
  br i1 %z, label %yes, label %rec
yes:
  ret i32 1
rec:
  %n1 = sub i32 %n, 1
  %r = musttail call i32 @m_odd(i32 %n1, i32 %pad)
  ret i32 %r
}

define internal i32 @m_odd(i32 %n, i32 %pad) {
entry:
  %z = icmp eq i32 %n, 0
  br i1 %z, label %no, label %rec
no:
  ret i32 0
rec:
  %n1 = sub i32 %n, 1
  %r = musttail call i32 @m_even(i32 %n1, i32 %pad)
  ret i32 %r
}

define internal i64 @target(i64 %a, i64 %b) {
  %m = mul i64 %a, 1000
  %r = add i64 %m, %b
  ret i64 %r
}

define internal i64 @forwarder(i64 %a, i64 %b) {
  %a2 = add i64 %a, 1
  %r = musttail call i64 @target(i64 %a2, i64 %b)
  ret i64 %r
}

define internal i64 @fact_acc(i64 %n, i64 %acc) {
entry:
  %le = icmp ule i64 %n, 1
  br i1 %le, label %done, label %rec
done:
  ret i64 %acc
rec:
  %acc1 = mul i64 %acc, %n
  %n1 = sub i64 %n, 1
  %r = tail call i64 @fact_acc(i64 %n1, i64 %acc1)
  ret i64 %r
}

define internal i64 @gcd(i64 %a, i64 %b) {
entry:
  %z = icmp eq i64 %b, 0
  br i1 %z, label %done, label %rec
done:
  ret i64 %a
rec:
  %m = urem i64 %a, %b
  %r = tail call i64 @gcd(i64 %b, i64 %m)
  ret i64 %r
}

define i32 @main() {
entry:
  %s = call i64 @sum_to(i64 1000000, i64 0)
  %e = call i32 @m_even(i32 1000001, i32 0)
  %f = call i64 @forwarder(i64 41, i64 7)
  %t = tail call i64 @fact_acc(i64 20, i64 1)
  %g = call i64 @gcd(i64 832040, i64 514229)
  call i32 (ptr, ...) @printf(ptr @fmt, i64 %s, i32 %e, i64 %f, i64 %t, i64 %g)
  %s32 = trunc i64 %s to i32
  %f32 = trunc i64 %f to i32
  %a = add i32 %s32, %f32
  %b = add i32 %a, %e
  %m = and i32 %b, 255
  ret i32 %m
}
