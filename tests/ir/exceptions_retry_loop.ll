; fixture: a retry loop whose header is a landing pad (reached again by the unwind edge of the invoke in the loop), with phis before the landingpad; the call succeeds after 3000 throws
; exit: 28
; stdout: 3000 3000 4498500

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
@_ZTIi = external constant ptr
declare ptr @__cxa_allocate_exception(i64)
declare void @__cxa_throw(ptr, ptr, ptr)
declare ptr @__cxa_begin_catch(ptr)
declare void @__cxa_end_catch()
declare i32 @__gxx_personality_v0(...)
declare i32 @printf(ptr, ...)
@fmt = private constant [10 x i8] c"%d %d %d\0A\00"

define i32 @f(i32 %n) {
  %t = icmp slt i32 %n, 3000
  br i1 %t, label %throw, label %ok
throw:
  %e = call ptr @__cxa_allocate_exception(i64 4)
  store i32 %n, ptr %e
  call void @__cxa_throw(ptr %e, ptr @_ZTIi, ptr null)
  unreachable
ok:
  ret i32 %n
}

define i32 @main() personality ptr @__gxx_personality_v0 {
entry:
  %r0 = invoke i32 @f(i32 0) to label %done unwind label %lp
lp:
  %n = phi i32 [ 0, %entry ], [ %n1, %again ]
  %s = phi i32 [ 0, %entry ], [ %s1, %again ]
  %l = landingpad { ptr, i32 } catch ptr null
  %x = extractvalue { ptr, i32 } %l, 0
  %p = call ptr @__cxa_begin_catch(ptr %x)
  %v = load i32, ptr %p
  call void @__cxa_end_catch()
  %s1 = add i32 %s, %v
  %n1 = add i32 %n, 1
  br label %again
again:
  %r = invoke i32 @f(i32 %n1) to label %done unwind label %lp
done:
  %res = phi i32 [ %r0, %entry ], [ %r, %again ]
  %nn = phi i32 [ 0, %entry ], [ %n1, %again ]
  %ss = phi i32 [ 0, %entry ], [ %s1, %again ]
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %res, i32 %nn, i32 %ss)
  %m = urem i32 %ss, 97
  ret i32 %m
}
