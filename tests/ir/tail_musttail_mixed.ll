; fixture: musttail calls between functions tier 0 compiles and functions it hands to LLVM (one with an inline-assembly barrier), each way 1,000,000 deep; musttail calls whose arguments go on the stack, and one returning two integers, which tier 0 hands to LLVM; musttail through a function pointer
; exit: 41
; stdout: ping(1000000)=1500000 wide=7000028 pair=400000,400001 via_table=3749996

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [51 x i8] c"ping(%ld)=%ld wide=%ld pair=%ld,%ld via_table=%ld\0A\00"
@table = internal constant [2 x ptr] [ptr @step_a, ptr @step_b]

declare i32 @printf(ptr, ...)

; In tier 0: tail-calls @pong, which tier 0 declines (inline assembly), which tail-calls back.
define internal i64 @ping(i64 %n, i64 %acc) {
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %rec
done:
  ret i64 %acc
rec:
  %m = sub i64 %n, 1
  %a = add i64 %acc, 2
  %r = musttail call i64 @pong(i64 %m, i64 %a)
  ret i64 %r
}

define internal i64 @pong(i64 %n, i64 %acc) {
  call void asm sideeffect "", "~{memory}"()
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %rec
done:
  ret i64 %acc
rec:
  %m = sub i64 %n, 1
  %a = add i64 %acc, 1
  %r = musttail call i64 @ping(i64 %m, i64 %a)
  ret i64 %r
}

; Eight integer arguments: two go on the stack.
define internal i64 @wide(i64 %n, i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g) {
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %rec
done:
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %c
  %s3 = add i64 %s2, %d
  %s4 = add i64 %s3, %e
  %s5 = add i64 %s4, %f
  %s6 = add i64 %s5, %g
  ret i64 %s6
rec:
  %m = sub i64 %n, 1
  %g1 = add i64 %g, 7
  %r = musttail call i64 @wide(i64 %m, i64 %g1, i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f)
  ret i64 %r
}

; Two integer results: the second comes back in a register the two conventions do not agree on.
define internal { i64, i64 } @pair(i64 %n, i64 %x) {
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %rec
done:
  %p0 = insertvalue { i64, i64 } undef, i64 %x, 0
  %x1 = add i64 %x, 1
  %p1 = insertvalue { i64, i64 } %p0, i64 %x1, 1
  ret { i64, i64 } %p1
rec:
  %m = sub i64 %n, 1
  %x2 = add i64 %x, 1
  %r = musttail call { i64, i64 } @pair(i64 %m, i64 %x2)
  ret { i64, i64 } %r
}

; Through a table of function pointers, as a tail-calling interpreter dispatches.
define internal i64 @step_a(i64 %n, i64 %acc) {
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %rec
done:
  ret i64 %acc
rec:
  %m = sub i64 %n, 1
  %a = add i64 %acc, 1
  %k = and i64 %n, 1
  %at = getelementptr [2 x ptr], ptr @table, i64 0, i64 %k
  %next = load ptr, ptr %at
  %r = musttail call i64 %next(i64 %m, i64 %a)
  ret i64 %r
}

define internal i64 @step_b(i64 %n, i64 %acc) {
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %rec
done:
  ret i64 %acc
rec:
  %m = sub i64 %n, 1
  %a = add i64 %acc, 5
  %k = lshr i64 %n, 3
  %k1 = and i64 %k, 1
  %at = getelementptr [2 x ptr], ptr @table, i64 0, i64 %k1
  %next = load ptr, ptr %at
  %r = musttail call i64 %next(i64 %m, i64 %a)
  ret i64 %r
}

define i32 @main() {
  %p = call i64 @ping(i64 1000000, i64 0)
  %w = call i64 @wide(i64 1000000, i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 7)
  %q = call { i64, i64 } @pair(i64 400000, i64 0)
  %q0 = extractvalue { i64, i64 } %q, 0
  %q1 = extractvalue { i64, i64 } %q, 1
  %t = call i64 @step_a(i64 1000000, i64 0)
  call i32 (ptr, ...) @printf(ptr @fmt, i64 1000000, i64 %p, i64 %w, i64 %q0, i64 %q1, i64 %t)
  %s = add i64 %p, %w
  %s1 = add i64 %s, %q1
  %s2 = add i64 %s1, %t
  %s3 = trunc i64 %s2 to i32
  %r = and i32 %s3, 63
  ret i32 %r
}
