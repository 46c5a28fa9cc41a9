; fixture: phi nodes - the swap problem (parallel swap of two phis), 3-way rotation, lost-copy problem, phis with constant incoming values, phis with duplicate predecessors via switch
; exit: 15
; stdout: swap after 7 iters: a=2 b=1; after 8: a=1 b=2
; stdout: rotate after 10: 20 30 10
; stdout: lost copy: last_before=199 final=202
; stdout: fib pair: fib(40)=102334155 fib(41)=165580141
; stdout: const phis: 111 111 444 -999

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [51 x i8] c"swap after 7 iters: a=%d b=%d; after 8: a=%d b=%d\0A\00"
@fmt2 = private unnamed_addr constant [27 x i8] c"rotate after 10: %d %d %d\0A\00"
@fmt3 = private unnamed_addr constant [36 x i8] c"lost copy: last_before=%d final=%d\0A\00"
@fmt4 = private unnamed_addr constant [35 x i8] c"fib pair: fib(40)=%ld fib(41)=%ld\0A\00"
@fmt5 = private unnamed_addr constant [25 x i8] c"const phis: %d %d %d %d\0A\00"

declare i32 @printf(ptr, ...)

define internal { i32, i32 } @swap_loop(i32 %n) {
entry:
  br label %loop
loop:
  %a = phi i32 [ 1, %entry ], [ %b, %loop ]
  %b = phi i32 [ 2, %entry ], [ %a, %loop ]
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ; values as of the last iteration's start, then swapped once more to model the post-loop state
  %r0 = insertvalue { i32, i32 } undef, i32 %b, 0
  %r1 = insertvalue { i32, i32 } %r0, i32 %a, 1
  ret { i32, i32 } %r1
}

define internal void @rotate(i32 %n, ptr %out) {
entry:
  br label %loop
loop:
  %x = phi i32 [ 10, %entry ], [ %y, %loop ]
  %y = phi i32 [ 20, %entry ], [ %z, %loop ]
  %z = phi i32 [ 30, %entry ], [ %x, %loop ]
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %i1 = add i32 %i, 1
  %c = icmp ult i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  %zz = add i32 %z, 0
  store i32 %y, ptr %out, align 4
  %p1 = getelementptr i32, ptr %out, i64 1
  store i32 %zz, ptr %p1, align 4
  %p2 = getelementptr i32, ptr %out, i64 2
  store i32 %x, ptr %p2, align 4
  ret void
}

define internal i64 @lost_copy(i32 %n, ptr %last) {
entry:
  br label %loop
loop:
  %x = phi i32 [ 100, %entry ], [ %x1, %loop ]
  %x1 = add i32 %x, 3
  %c = icmp slt i32 %x1, %n
  br i1 %c, label %loop, label %exit
exit:
  store i32 %x, ptr %last, align 4
  %w = sext i32 %x1 to i64
  ret i64 %w
}

define internal { i64, i64 } @fibpair(i32 %n) {
entry:
  br label %loop
loop:
  %a = phi i64 [ 0, %entry ], [ %b, %loop ]
  %b = phi i64 [ 1, %entry ], [ %s, %loop ]
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %s = add i64 %a, %b
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  %r0 = insertvalue { i64, i64 } poison, i64 %b, 0
  %r1 = insertvalue { i64, i64 } %r0, i64 %s, 1
  ret { i64, i64 } %r1
}

define internal i32 @const_phi(i32 %sel) {
entry:
  switch i32 %sel, label %d [
    i32 0, label %m
    i32 1, label %m
    i32 2, label %k
  ]
k:
  br label %m
d:
  br label %m
m:
  ; entry appears twice as predecessor (cases 0 and 1) with identical incoming value
  %v = phi i32 [ 111, %entry ], [ 111, %entry ], [ 222, %k ], [ -333, %d ]
  %w = phi i32 [ 1, %entry ], [ 1, %entry ], [ 2, %k ], [ 3, %d ]
  %r = mul i32 %v, %w
  ret i32 %r
}

define i32 @main() {
entry:
  %out = alloca [3 x i32], align 4
  %last = alloca i32, align 4
  %s7 = call { i32, i32 } @swap_loop(i32 7)
  %s8 = call { i32, i32 } @swap_loop(i32 8)
  %a7 = extractvalue { i32, i32 } %s7, 0
  %b7 = extractvalue { i32, i32 } %s7, 1
  %a8 = extractvalue { i32, i32 } %s8, 0
  %b8 = extractvalue { i32, i32 } %s8, 1
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %a7, i32 %b7, i32 %a8, i32 %b8)
  call void @rotate(i32 10, ptr %out)
  %o0 = load i32, ptr %out, align 4
  %q1 = getelementptr [3 x i32], ptr %out, i64 0, i64 1
  %o1 = load i32, ptr %q1, align 4
  %q2 = getelementptr [3 x i32], ptr %out, i64 0, i64 2
  %o2 = load i32, ptr %q2, align 4
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %o0, i32 %o1, i32 %o2)
  %lc = call i64 @lost_copy(i32 200, ptr %last)
  %lv = load i32, ptr %last, align 4
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %lv, i64 %lc)
  %fp = call { i64, i64 } @fibpair(i32 40)
  %f40 = extractvalue { i64, i64 } %fp, 0
  %f41 = extractvalue { i64, i64 } %fp, 1
  call i32 (ptr, ...) @printf(ptr @fmt4, i64 %f40, i64 %f41)
  %c0 = call i32 @const_phi(i32 0)
  %c1 = call i32 @const_phi(i32 1)
  %c2 = call i32 @const_phi(i32 2)
  %c3 = call i32 @const_phi(i32 9)
  call i32 (ptr, ...) @printf(ptr @fmt5, i32 %c0, i32 %c1, i32 %c2, i32 %c3)
  %t1 = mul i32 %a7, 10
  %t2 = add i32 %t1, %b7
  %t3 = mul i32 %t2, 100
  %t4 = add i32 %t3, %o0
  %t5 = add i32 %t4, %lv
  %t6 = urem i32 %t5, 256
  ret i32 %t6
}
