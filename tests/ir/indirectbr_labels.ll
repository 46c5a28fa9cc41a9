; fixture: indirectbr and blockaddress (a label table in a constant global, a label in a mutable global, label arithmetic, a destination with a phi)
; exit: 59
; stdout: labels differ: 1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@labels = internal unnamed_addr constant [2 x ptr] [ptr blockaddress(@main, %a), ptr blockaddress(@main, %b)]
@last = internal global ptr blockaddress(@main, %b)
@fmt = private constant [19 x i8] c"labels differ: %d\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main() {
entry:
  %ta = load ptr, ptr @labels
  %tb = load ptr, ptr getelementptr ([2 x ptr], ptr @labels, i64 0, i64 1)
  %ia = ptrtoint ptr %ta to i64
  %ib = ptrtoint ptr %tb to i64
  %differ = icmp ne i64 %ia, %ib
  %d32 = zext i1 %differ to i32
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %d32)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %a ], [ %i1, %b ]
  %acc = phi i32 [ 0, %entry ], [ %acc.a, %a ], [ %acc.b, %b ]
  %i1 = add i32 %i, 1
  %done = icmp eq i32 %i, 7
  br i1 %done, label %exit, label %go
go:
  %k = and i32 %i, 1
  %k64 = zext i32 %k to i64
  %slot = getelementptr [2 x ptr], ptr @labels, i64 0, i64 %k64
  %target = load ptr, ptr %slot
  %odd = icmp ne i32 %k, 0
  ; every third round goes through the label stored in @last (always %b), rebuilt by offset arithmetic
  %third = urem i32 %i, 3
  %use.last = icmp eq i32 %third, 2
  %stored = load ptr, ptr @last
  %off = sub i64 %ib, %ia
  %rebuilt = getelementptr i8, ptr %ta, i64 %off
  %same = icmp eq ptr %rebuilt, %stored
  %via = select i1 %same, ptr %rebuilt, ptr %target
  %dest = select i1 %use.last, ptr %via, ptr %target
  %bonus = select i1 %odd, i32 5, i32 1
  indirectbr ptr %dest, [label %a, label %b]
a:
  %acc.a = add i32 %acc, 1
  br label %loop
b:
  %extra = phi i32 [ %bonus, %go ]
  %acc.b0 = add i32 %acc, 10
  %acc.b = add i32 %acc.b0, %extra
  br label %loop
exit:
  ret i32 %acc
}
