; fixture: llvm.stacksave/llvm.stackrestore around dynamic allocas in a loop (10000 x 4 KiB: only works if stackrestore releases the space), nested save/restore
; exit: 194
; stdout: iterations=10000 total=99990000 nested=1234

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [36 x i8] c"iterations=%d total=%ld nested=%ld\0A\00"

declare i32 @printf(ptr, ...)
declare ptr @llvm.stacksave.p0()
declare void @llvm.stackrestore.p0(ptr)

define internal i64 @nested(i32 %n) {
entry:
  %outer = call ptr @llvm.stacksave.p0()
  %a = alloca i64, i32 %n, align 8
  store i64 1000, ptr %a, align 8
  %inner = call ptr @llvm.stacksave.p0()
  %b = alloca i64, i32 %n, align 8
  store i64 234, ptr %b, align 8
  %bv = load i64, ptr %b, align 8
  call void @llvm.stackrestore.p0(ptr %inner)
  %av = load i64, ptr %a, align 8
  %s = add i64 %av, %bv
  call void @llvm.stackrestore.p0(ptr %outer)
  ret i64 %s
}

define i32 @main() {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %total = phi i64 [ 0, %entry ], [ %total1, %loop ]
  %sp = call ptr @llvm.stacksave.p0()
  ; 4 KiB per iteration: 10000 iterations would need ~40 MB without stackrestore
  %buf = alloca [512 x i64], i32 1, align 16
  %n = add i32 %i, 1
  %dyn = alloca i32, i32 %n, align 4
  %last.idx = sub i32 %n, 1
  %lp = getelementptr inbounds i32, ptr %dyn, i32 %last.idx
  store i32 %i, ptr %lp, align 4
  %bp = getelementptr inbounds [512 x i64], ptr %buf, i64 0, i64 511
  %iw = sext i32 %i to i64
  store i64 %iw, ptr %bp, align 8
  %lv = load i32, ptr %lp, align 4
  %bv = load i64, ptr %bp, align 8
  %lve = sext i32 %lv to i64
  %add = add i64 %lve, %bv
  %total1 = add i64 %total, %add
  call void @llvm.stackrestore.p0(ptr %sp)
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, 10000
  br i1 %c, label %loop, label %done
done:
  %nv = call i64 @nested(i32 50)
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %i1, i64 %total1, i64 %nv)
  %t = trunc i64 %total1 to i32
  %nt = trunc i64 %nv to i32
  %t2 = add i32 %t, %nt
  %m = and i32 %t2, 255
  ret i32 %m
}
