; fixture: private and internal globals with assembler-local names (`.LC0`, `.L.str`) used by hot functions, in every tier
; exit: 12
; stdout: hello from .LC0
; stdout: sum 4950

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.LC0 = private unnamed_addr constant [16 x i8] c"hello from .LC0\00"
@.L.str = internal constant [8 x i8] c"sum %d\0A\00"
@.Ltable = internal global [4 x i32] [i32 1, i32 2, i32 3, i32 6]

declare i32 @puts(ptr)
declare i32 @printf(ptr, ...)

define internal i32 @.Lpick(i32 %i) {
  %m = and i32 %i, 3
  %e = zext i32 %m to i64
  %p = getelementptr [4 x i32], ptr @.Ltable, i64 0, i64 %e
  %v = load i32, ptr %p
  ret i32 %v
}

define i32 @main() {
entry:
  call i32 @puts(ptr @.LC0)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i32 [ 0, %entry ], [ %s1, %loop ]
  %s1 = add i32 %s, %i
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, 100
  br i1 %c, label %loop, label %done
done:
  call i32 (ptr, ...) @printf(ptr @.L.str, i32 %s1)
  %a = call i32 @.Lpick(i32 2)
  %b = call i32 @.Lpick(i32 3)
  %r = add i32 %a, %b
  %r2 = add i32 %r, 3
  ret i32 %r2
}
