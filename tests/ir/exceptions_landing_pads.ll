; fixture: invoke and landingpad (catch by type with llvm.eh.typeid.for, catch-all, cleanup with resume, filter clauses as exception specifications, an empty filter), phis in landing pads and normal destinations, the invoke's result on its normal edge, invokes through a function pointer and of variadic printf, exceptions of C++ types thrown with __cxa_throw
; exit: 113
; stdout: middle(0,5)=1005 middle(1,6)=2006 middle(3,7)=15 outer(2,8)=-8 cleanups=1
; stdout: twice(3,4)=24 twice(0,4)=1000 twice(3,0)=1001
; stdout: spec(0)=caught int 9 spec(1)=unexpected spec(3)=ok
; stdout: nothing(1)=-1 nothing(3)=7
; stdout: printf through invoke
; stdout: indirect(0)=3000 indirect(3)=6

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@_ZTIi = external constant ptr
@_ZTIl = external constant ptr
@_ZTId = external constant ptr
@cleanups = internal global i32 0
@fmt_middle = private unnamed_addr constant [72 x i8] c"middle(0,5)=%d middle(1,6)=%d middle(3,7)=%d outer(2,8)=%d cleanups=%d\0A\00"
@fmt_twice = private unnamed_addr constant [43 x i8] c"twice(3,4)=%d twice(0,4)=%d twice(3,0)=%d\0A\00"
@fmt_spec = private unnamed_addr constant [37 x i8] c"spec(0)=%s %d spec(1)=%s spec(3)=%s\0A\00"
@fmt_nothing = private unnamed_addr constant [29 x i8] c"nothing(1)=%d nothing(3)=%d\0A\00"
@fmt_printf = private unnamed_addr constant [23 x i8] c"printf through invoke\0A\00"
@fmt_indirect = private unnamed_addr constant [31 x i8] c"indirect(0)=%d indirect(3)=%d\0A\00"
@s_caught = private unnamed_addr constant [11 x i8] c"caught int\00"
@s_unexpected = private unnamed_addr constant [11 x i8] c"unexpected\00"
@s_ok = private unnamed_addr constant [3 x i8] c"ok\00"

declare ptr @__cxa_allocate_exception(i64)
declare void @__cxa_throw(ptr, ptr, ptr)
declare ptr @__cxa_begin_catch(ptr)
declare void @__cxa_end_catch()
declare i32 @__gxx_personality_v0(...)
declare i32 @llvm.eh.typeid.for.p0(ptr)
declare i32 @printf(ptr, ...)

; Kind 0 throws the int %v, 1 the long %v, 2 the double %v; anything else returns 2 * %v.
define i32 @thrower(i32 %kind, i32 %v) {
entry:
  switch i32 %kind, label %normal [
    i32 0, label %int
    i32 1, label %long
    i32 2, label %double
  ]
int:
  %ei = call ptr @__cxa_allocate_exception(i64 4)
  store i32 %v, ptr %ei
  call void @__cxa_throw(ptr %ei, ptr @_ZTIi, ptr null)
  unreachable
long:
  %el = call ptr @__cxa_allocate_exception(i64 8)
  %vl = sext i32 %v to i64
  store i64 %vl, ptr %el
  call void @__cxa_throw(ptr %el, ptr @_ZTIl, ptr null)
  unreachable
double:
  %ed = call ptr @__cxa_allocate_exception(i64 8)
  %vd = sitofp i32 %v to double
  store double %vd, ptr %ed
  call void @__cxa_throw(ptr %ed, ptr @_ZTId, ptr null)
  unreachable
normal:
  %r = mul i32 %v, 2
  ret i32 %r
}

; Catches ints (+1000) and longs (+2000); anything else passes a cleanup that counts it, then goes on.
define i32 @middle(i32 %kind, i32 %v) personality ptr @__gxx_personality_v0 {
entry:
  %r = invoke i32 @thrower(i32 %kind, i32 %v) to label %ok unwind label %lpad
ok:
  %r1 = add i32 %r, 1
  br label %join
lpad:
  %lp = landingpad { ptr, i32 } cleanup catch ptr @_ZTIi catch ptr @_ZTIl
  %exn = extractvalue { ptr, i32 } %lp, 0
  %sel = extractvalue { ptr, i32 } %lp, 1
  %tid_i = call i32 @llvm.eh.typeid.for.p0(ptr @_ZTIi)
  %is_i = icmp eq i32 %sel, %tid_i
  br i1 %is_i, label %catch_i, label %not_i
not_i:
  %tid_l = call i32 @llvm.eh.typeid.for.p0(ptr @_ZTIl)
  %is_l = icmp eq i32 %sel, %tid_l
  br i1 %is_l, label %catch_l, label %cleanup
catch_i:
  %pi = call ptr @__cxa_begin_catch(ptr %exn)
  %iv = load i32, ptr %pi
  call void @__cxa_end_catch()
  %ci = add i32 %iv, 1000
  br label %join
catch_l:
  %pl = call ptr @__cxa_begin_catch(ptr %exn)
  %lv = load i64, ptr %pl
  call void @__cxa_end_catch()
  %lt = trunc i64 %lv to i32
  %cl = add i32 %lt, 2000
  br label %join
cleanup:
  %c = load i32, ptr @cleanups
  %c1 = add i32 %c, 1
  store i32 %c1, ptr @cleanups
  resume { ptr, i32 } %lp
join:
  %res = phi i32 [ %r1, %ok ], [ %ci, %catch_i ], [ %cl, %catch_l ]
  ret i32 %res
}

; Catches anything (catch-all) that @middle lets through, as the negated value of a double.
define i32 @outer(i32 %kind, i32 %v) personality ptr @__gxx_personality_v0 {
entry:
  %r = invoke i32 @middle(i32 %kind, i32 %v) to label %done unwind label %lpad
lpad:
  %lp = landingpad { ptr, i32 } catch ptr null
  %exn = extractvalue { ptr, i32 } %lp, 0
  %p = call ptr @__cxa_begin_catch(ptr %exn)
  %d = load double, ptr %p
  call void @__cxa_end_catch()
  %n = fptosi double %d to i32
  %neg = sub i32 0, %n
  br label %done
done:
  %res = phi i32 [ %r, %entry ], [ %neg, %lpad ]
  ret i32 %res
}

; Two invokes sharing one landing pad, which learns from a phi which one threw; the second invoke's result is
; used by a phi of its normal destination.
define i32 @twice(i32 %k1, i32 %k2, i32 %v) personality ptr @__gxx_personality_v0 {
entry:
  %a = invoke i32 @thrower(i32 %k1, i32 %v) to label %second unwind label %lpad
second:
  %b = invoke i32 @thrower(i32 %k2, i32 %a) to label %done unwind label %lpad
lpad:
  %which = phi i32 [ 1000, %entry ], [ 1001, %second ]
  %lp = landingpad { ptr, i32 } catch ptr @_ZTIi
  %exn = extractvalue { ptr, i32 } %lp, 0
  %sel = extractvalue { ptr, i32 } %lp, 1
  %tid = call i32 @llvm.eh.typeid.for.p0(ptr @_ZTIi)
  %is_i = icmp eq i32 %sel, %tid
  br i1 %is_i, label %catch, label %other
catch:
  %p = call ptr @__cxa_begin_catch(ptr %exn)
  call void @__cxa_end_catch()
  br label %done
other:
  resume { ptr, i32 } %lp
done:
  %res = phi i32 [ %b, %second ], [ %which, %catch ]
  ret i32 %res
}

; An exception specification allowing ints only: an int goes on to the caller (caught there), anything else
; reaches the landing pad with a negative selector.
define ptr @spec_inner(i32 %kind) personality ptr @__gxx_personality_v0 {
entry:
  %r = invoke i32 @thrower(i32 %kind, i32 9) to label %ok unwind label %lpad
ok:
  ret ptr @s_ok
lpad:
  %lp = landingpad { ptr, i32 } filter [1 x ptr] [ptr @_ZTIi]
  %exn = extractvalue { ptr, i32 } %lp, 0
  %sel = extractvalue { ptr, i32 } %lp, 1
  %neg = icmp slt i32 %sel, 0
  br i1 %neg, label %unexpected, label %other
unexpected:
  %p = call ptr @__cxa_begin_catch(ptr %exn)
  call void @__cxa_end_catch()
  ret ptr @s_unexpected
other:
  resume { ptr, i32 } %lp
}

define ptr @spec(i32 %kind, ptr %got) personality ptr @__gxx_personality_v0 {
entry:
  %r = invoke ptr @spec_inner(i32 %kind) to label %ok unwind label %lpad
ok:
  ret ptr %r
lpad:
  %lp = landingpad { ptr, i32 } catch ptr @_ZTIi
  %exn = extractvalue { ptr, i32 } %lp, 0
  %p = call ptr @__cxa_begin_catch(ptr %exn)
  %v = load i32, ptr %p
  store i32 %v, ptr %got
  call void @__cxa_end_catch()
  ret ptr @s_caught
}

; An empty filter (nothing may leave): every exception lands, with a negative selector.
define i32 @nothing(i32 %kind) personality ptr @__gxx_personality_v0 {
entry:
  %r = invoke i32 @thrower(i32 %kind, i32 3) to label %ok unwind label %lpad
ok:
  %r1 = add i32 %r, 1
  ret i32 %r1
lpad:
  %lp = landingpad { ptr, i32 } filter [0 x ptr] zeroinitializer
  %exn = extractvalue { ptr, i32 } %lp, 0
  %sel = extractvalue { ptr, i32 } %lp, 1
  %neg = icmp slt i32 %sel, 0
  br i1 %neg, label %unexpected, label %other
unexpected:
  %p = call ptr @__cxa_begin_catch(ptr %exn)
  call void @__cxa_end_catch()
  ret i32 -1
other:
  resume { ptr, i32 } %lp
}

; An invoke through a function pointer, catching a long.
define i32 @indirect(ptr %f, i32 %kind) personality ptr @__gxx_personality_v0 {
entry:
  %r = invoke i32 %f(i32 %kind, i32 3) to label %ok unwind label %lpad
ok:
  ret i32 %r
lpad:
  %lp = landingpad { ptr, i32 } catch ptr @_ZTIl catch ptr @_ZTIi
  %exn = extractvalue { ptr, i32 } %lp, 0
  %sel = extractvalue { ptr, i32 } %lp, 1
  %tid = call i32 @llvm.eh.typeid.for.p0(ptr @_ZTId)
  %is_d = icmp eq i32 %sel, %tid
  br i1 %is_d, label %other, label %catch
catch:
  %p = call ptr @__cxa_begin_catch(ptr %exn)
  call void @__cxa_end_catch()
  ret i32 3000
other:
  resume { ptr, i32 } %lp
}

define i32 @main() personality ptr @__gxx_personality_v0 {
entry:
  %got = alloca i32
  store i32 0, ptr %got
  %m0 = call i32 @middle(i32 0, i32 5)
  %m1 = call i32 @middle(i32 1, i32 6)
  %m3 = call i32 @middle(i32 3, i32 7)
  %o2 = call i32 @outer(i32 2, i32 8)
  %cl = load i32, ptr @cleanups
  call i32 (ptr, ...) @printf(ptr @fmt_middle, i32 %m0, i32 %m1, i32 %m3, i32 %o2, i32 %cl)
  %t1 = call i32 @twice(i32 3, i32 4, i32 6)
  %t2 = call i32 @twice(i32 0, i32 4, i32 4)
  %t3 = call i32 @twice(i32 3, i32 0, i32 2)
  call i32 (ptr, ...) @printf(ptr @fmt_twice, i32 %t1, i32 %t2, i32 %t3)
  %s0 = call ptr @spec(i32 0, ptr %got)
  %g = load i32, ptr %got
  %s1 = call ptr @spec(i32 1, ptr %got)
  %s3 = call ptr @spec(i32 3, ptr %got)
  call i32 (ptr, ...) @printf(ptr @fmt_spec, ptr %s0, i32 %g, ptr %s1, ptr %s3)
  %n1 = call i32 @nothing(i32 1)
  %n3 = call i32 @nothing(i32 3)
  call i32 (ptr, ...) @printf(ptr @fmt_nothing, i32 %n1, i32 %n3)
  %pr = invoke i32 (ptr, ...) @printf(ptr @fmt_printf) to label %printed unwind label %lpad
printed:
  %i0 = call i32 @indirect(ptr @thrower, i32 0)
  %i3 = call i32 @indirect(ptr @thrower, i32 3)
  call i32 (ptr, ...) @printf(ptr @fmt_indirect, i32 %i0, i32 %i3)
  %sum1 = add i32 %m0, %m1
  %sum2 = add i32 %sum1, %m3
  %sum3 = add i32 %sum2, %o2
  %sum4 = add i32 %sum3, %t1
  %sum5 = add i32 %sum4, %t2
  %sum6 = add i32 %sum5, %t3
  %sum7 = add i32 %sum6, %n1
  %sum8 = add i32 %sum7, %i0
  %sum9 = add i32 %sum8, %i3
  %sum10 = add i32 %sum9, %cl
  %code = urem i32 %sum10, 256
  ret i32 %code
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
}
