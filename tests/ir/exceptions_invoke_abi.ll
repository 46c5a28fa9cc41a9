; fixture: invoke of callees with stack-passed arguments, a two-register struct result, a double result, sret and byval arguments; one landing pad for four invokes, which learns from a phi which one threw
; exit: 190
; stdout: r=13 pair=1,10 d=37.500000 big=3 c=0
; stdout: r=1 pair=0,0 d=0.000000 big=0 c=13
; stdout: r=2 pair=0,0 d=0.000000 big=0 c=33
; stdout: r=3 pair=0,0 d=0.000000 big=0 c=44
; stdout: r=3 pair=0,0 d=0.000000 big=0 c=44
; stdout: r=13 pair=2,20 d=75.000000 big=6 c=0

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
@_ZTIi = external constant ptr
@fmt = private constant [39 x i8] c"r=%ld pair=%ld,%ld d=%f big=%ld c=%ld\0A\00"
%big = type { i64, i64, i64, i64 }
declare ptr @__cxa_allocate_exception(i64)
declare void @__cxa_throw(ptr, ptr, ptr)
declare ptr @__cxa_begin_catch(ptr)
declare void @__cxa_end_catch()
declare i32 @__gxx_personality_v0(...)
declare i32 @printf(ptr, ...)

define i64 @ten(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, i64 %h, i64 %i, i64 %j) {
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %j
  %t = icmp eq i64 %i, 7
  br i1 %t, label %throw, label %ok
throw:
  %ex = call ptr @__cxa_allocate_exception(i64 4)
  %s2t = trunc i64 %s2 to i32
  store i32 %s2t, ptr %ex
  call void @__cxa_throw(ptr %ex, ptr @_ZTIi, ptr null)
  unreachable
ok:
  ret i64 %s2
}

define { i64, i64 } @pair(i64 %x) {
  %t = icmp eq i64 %x, 3
  br i1 %t, label %throw, label %ok
throw:
  %ex = call ptr @__cxa_allocate_exception(i64 4)
  store i32 33, ptr %ex
  call void @__cxa_throw(ptr %ex, ptr @_ZTIi, ptr null)
  unreachable
ok:
  %a = insertvalue { i64, i64 } undef, i64 %x, 0
  %y = mul i64 %x, 10
  %b = insertvalue { i64, i64 } %a, i64 %y, 1
  ret { i64, i64 } %b
}

define double @dbl(double %x) {
  %t = fcmp ogt double %x, 100.0
  br i1 %t, label %throw, label %ok
throw:
  %ex = call ptr @__cxa_allocate_exception(i64 4)
  store i32 44, ptr %ex
  call void @__cxa_throw(ptr %ex, ptr @_ZTIi, ptr null)
  unreachable
ok:
  %r = fmul double %x, 1.5
  ret double %r
}

define void @mkbig(ptr sret(%big) %out, ptr byval(%big) %in) {
  %p = getelementptr %big, ptr %in, i32 0, i32 3
  %v = load i64, ptr %p
  %t = icmp eq i64 %v, 9
  br i1 %t, label %throw, label %ok
throw:
  %ex = call ptr @__cxa_allocate_exception(i64 4)
  store i32 55, ptr %ex
  call void @__cxa_throw(ptr %ex, ptr @_ZTIi, ptr null)
  unreachable
ok:
  %q = getelementptr %big, ptr %out, i32 0, i32 0
  %w = mul i64 %v, 3
  store i64 %w, ptr %q
  ret void
}

define i64 @run(i64 %k) personality ptr @__gxx_personality_v0 {
entry:
  %out = alloca %big
  %in = alloca %big
  %p3 = getelementptr %big, ptr %in, i32 0, i32 3
  store i64 %k, ptr %p3
  %r = invoke i64 @ten(i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7, i64 8, i64 %k, i64 10) to label %n1 unwind label %lp
n1:
  %pr = invoke { i64, i64 } @pair(i64 %k) to label %n2 unwind label %lp
n2:
  %kd = sitofp i64 %k to double
  %kd2 = fmul double %kd, 25.0
  %d = invoke double @dbl(double %kd2) to label %n3 unwind label %lp
n3:
  invoke void @mkbig(ptr sret(%big) %out, ptr byval(%big) %in) to label %n4 unwind label %lp
n4:
  %o = load i64, ptr %out
  %pa = extractvalue { i64, i64 } %pr, 0
  %pb = extractvalue { i64, i64 } %pr, 1
  call i32 (ptr, ...) @printf(ptr @fmt, i64 %r, i64 %pa, i64 %pb, double %d, i64 %o, i64 0)
  %s = add i64 %r, %pb
  ret i64 %s
lp:
  %step = phi i64 [ 1, %entry ], [ 2, %n1 ], [ 3, %n2 ], [ 4, %n3 ]
  %l = landingpad { ptr, i32 } catch ptr @_ZTIi
  %e = extractvalue { ptr, i32 } %l, 0
  %c = call ptr @__cxa_begin_catch(ptr %e)
  %v = load i32, ptr %c
  call void @__cxa_end_catch()
  %v64 = sext i32 %v to i64
  call i32 (ptr, ...) @printf(ptr @fmt, i64 %step, i64 0, i64 0, double 0.0, i64 0, i64 %v64)
  ret i64 %v64
}

define i32 @main() {
  %a = call i64 @run(i64 1)
  %b = call i64 @run(i64 7)
  %c = call i64 @run(i64 3)
  %d = call i64 @run(i64 5)
  %e = call i64 @run(i64 9)
  %f = call i64 @run(i64 2)
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %c
  %s3 = add i64 %s2, %d
  %s4 = add i64 %s3, %e
  %s5 = add i64 %s4, %f
  %r = trunc i64 %s5 to i32
  ret i32 %r
}
