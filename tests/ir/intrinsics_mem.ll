; fixture: llvm.memcpy/memmove/memset with constant small, large (4096) and variable sizes, overlapping memmove both directions, plus llvm.lifetime.start/end, llvm.assume and llvm.expect
; exit: 35
; stdout: small: ABCDEFGHIJKLMNOP | memset: xxxxxxx
; stdout: memmove fwd: ABCABCDEFGHIJNOP back: DEFGHIJKLMKLMNOP
; stdout: large: sum=534288 equal=1 tail=-1
; stdout: variable: n=5 copied=ABCDE.. set-sum=105
; stdout: variable: n=13 copied=ABCDEFGHIJKLM.. set-sum=273
; stdout: lifetime scratch=16843009 assume/expect path=1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@src = internal constant [16 x i8] c"ABCDEFGHIJKLMNOP"
@big = internal global [4096 x i8] zeroinitializer, align 16
@big2 = internal global [4096 x i8] zeroinitializer, align 16
@fmt1 = private unnamed_addr constant [24 x i8] c"small: %s | memset: %s\0A\00"
@fmt2 = private unnamed_addr constant [26 x i8] c"memmove fwd: %s back: %s\0A\00"
@fmt3 = private unnamed_addr constant [33 x i8] c"large: sum=%ld equal=%d tail=%d\0A\00"
@fmt4 = private unnamed_addr constant [39 x i8] c"variable: n=%ld copied=%s set-sum=%ld\0A\00"
@fmt5 = private unnamed_addr constant [43 x i8] c"lifetime scratch=%d assume/expect path=%d\0A\00"

declare i32 @printf(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr noalias nocapture writeonly, ptr noalias nocapture readonly, i64, i1 immarg)
declare void @llvm.memcpy.p0.p0.i32(ptr noalias nocapture writeonly, ptr noalias nocapture readonly, i32, i1 immarg)
declare void @llvm.memmove.p0.p0.i64(ptr nocapture writeonly, ptr nocapture readonly, i64, i1 immarg)
declare void @llvm.memset.p0.i64(ptr nocapture writeonly, i8, i64, i1 immarg)
declare void @llvm.memset.p0.i32(ptr nocapture writeonly, i8, i32, i1 immarg)
declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)
declare void @llvm.lifetime.end.p0(i64 immarg, ptr nocapture)
declare void @llvm.assume(i1 noundef)
declare i64 @llvm.expect.i64(i64, i64)
declare i1 @llvm.expect.i1(i1, i1)

define internal i64 @var_ops(i64 %n) {
entry:
  %buf = alloca [64 x i8], align 1
  %buf2 = alloca [64 x i8], align 1
  call void @llvm.memset.p0.i64(ptr %buf, i8 46, i64 64, i1 false)
  call void @llvm.memcpy.p0.p0.i64(ptr %buf, ptr @src, i64 %n, i1 false)
  %endp = getelementptr inbounds i8, ptr %buf, i64 %n
  %np2 = add i64 %n, 2
  %endp2 = getelementptr inbounds i8, ptr %buf, i64 %np2
  store i8 0, ptr %endp2, align 1
  call void @llvm.memset.p0.i64(ptr %buf2, i8 0, i64 64, i1 false)
  %k = mul i64 %n, 3
  call void @llvm.memset.p0.i64(ptr %buf2, i8 7, i64 %k, i1 true)
  br label %sum
sum:
  %i = phi i64 [ 0, %entry ], [ %i1, %sum ]
  %acc = phi i64 [ 0, %entry ], [ %acc1, %sum ]
  %p = getelementptr inbounds i8, ptr %buf2, i64 %i
  %v = load i8, ptr %p, align 1
  %ve = zext i8 %v to i64
  %acc1 = add i64 %acc, %ve
  %i1 = add i64 %i, 1
  %c = icmp ult i64 %i1, 64
  br i1 %c, label %sum, label %done
done:
  call i32 (ptr, ...) @printf(ptr @fmt4, i64 %n, ptr %buf, i64 %acc1)
  ret i64 %acc1
}

define i32 @main() {
entry:
  %a = alloca [17 x i8], align 1
  %b = alloca [17 x i8], align 1
  ; small constant-size copy and set
  call void @llvm.memcpy.p0.p0.i64(ptr %a, ptr @src, i64 16, i1 false)
  %a16 = getelementptr inbounds [17 x i8], ptr %a, i64 0, i64 16
  store i8 0, ptr %a16, align 1
  call void @llvm.memset.p0.i32(ptr %b, i8 120, i32 7, i1 false)
  %b7 = getelementptr inbounds [17 x i8], ptr %b, i64 0, i64 7
  call void @llvm.memset.p0.i64(ptr %b7, i8 0, i64 1, i1 true)
  call i32 (ptr, ...) @printf(ptr @fmt1, ptr %a, ptr %b)
  ; overlapping memmove forward (dst > src) and backward (dst < src)
  %c = alloca [17 x i8], align 1
  %d = alloca [17 x i8], align 1
  call void @llvm.memcpy.p0.p0.i32(ptr %c, ptr %a, i32 17, i1 false)
  call void @llvm.memcpy.p0.p0.i32(ptr %d, ptr %a, i32 17, i1 false)
  %c3 = getelementptr inbounds i8, ptr %c, i64 3
  call void @llvm.memmove.p0.p0.i64(ptr %c3, ptr %c, i64 10, i1 false)
  %d3 = getelementptr inbounds i8, ptr %d, i64 3
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %d3, i64 10, i1 false)
  call i32 (ptr, ...) @printf(ptr @fmt2, ptr %c, ptr %d)
  ; large: fill pattern with a loop, copy 4096 bytes, compare
  br label %fill
fill:
  %i = phi i64 [ 0, %entry ], [ %i1, %fill ]
  %p = getelementptr inbounds [4096 x i8], ptr @big, i64 0, i64 %i
  %im = mul i64 %i, 13
  %ib = trunc i64 %im to i8
  store i8 %ib, ptr %p, align 1
  %i1 = add i64 %i, 1
  %fc = icmp ult i64 %i1, 4096
  br i1 %fc, label %fill, label %copy
copy:
  call void @llvm.memcpy.p0.p0.i64(ptr align 16 @big2, ptr align 16 @big, i64 4096, i1 false)
  %tailp = getelementptr inbounds [4096 x i8], ptr @big2, i64 0, i64 4000
  call void @llvm.memset.p0.i64(ptr %tailp, i8 -1, i64 96, i1 false)
  br label %cmp
cmp:
  %j = phi i64 [ 0, %copy ], [ %j1, %cmp ]
  %s = phi i64 [ 0, %copy ], [ %s1, %cmp ]
  %eq = phi i32 [ 1, %copy ], [ %eq1, %cmp ]
  %q1 = getelementptr inbounds [4096 x i8], ptr @big, i64 0, i64 %j
  %q2 = getelementptr inbounds [4096 x i8], ptr @big2, i64 0, i64 %j
  %v1 = load i8, ptr %q1, align 1
  %v2 = load i8, ptr %q2, align 1
  %v2e = zext i8 %v2 to i64
  %s1 = add i64 %s, %v2e
  %same = icmp eq i8 %v1, %v2
  %lt = icmp ult i64 %j, 4000
  %bad = and i1 %lt, true
  %ne = xor i1 %same, true
  %mism = and i1 %bad, %ne
  %eq1 = select i1 %mism, i32 0, i32 %eq
  %j1 = add i64 %j, 1
  %cc = icmp ult i64 %j1, 4096
  br i1 %cc, label %cmp, label %cmpdone
cmpdone:
  %lastp = getelementptr inbounds [4096 x i8], ptr @big2, i64 0, i64 4095
  %last = load i8, ptr %lastp, align 1
  %laste = sext i8 %last to i32
  call i32 (ptr, ...) @printf(ptr @fmt3, i64 %s1, i32 %eq1, i32 %laste)
  %r1 = call i64 @var_ops(i64 5)
  %r2 = call i64 @var_ops(i64 13)
  ; lifetime markers around a scratch alloca
  %scratch = alloca [32 x i32], align 16
  call void @llvm.lifetime.start.p0(i64 128, ptr %scratch)
  call void @llvm.memset.p0.i64(ptr %scratch, i8 1, i64 128, i1 false)
  %sp = getelementptr inbounds [32 x i32], ptr %scratch, i64 0, i64 31
  %sv = load i32, ptr %sp, align 4
  call void @llvm.lifetime.end.p0(i64 128, ptr %scratch)
  ; assume + expect
  %pos = icmp sgt i64 %r2, 0
  call void @llvm.assume(i1 %pos)
  %ex = call i64 @llvm.expect.i64(i64 %r1, i64 105)
  %isx = icmp eq i64 %ex, 105
  %isxe = call i1 @llvm.expect.i1(i1 %isx, i1 true)
  br i1 %isxe, label %likely, label %unlikely
likely:
  br label %join
unlikely:
  br label %join
join:
  %path = phi i32 [ 1, %likely ], [ 2, %unlikely ]
  call i32 (ptr, ...) @printf(ptr @fmt5, i32 %sv, i32 %path)
  %t = trunc i64 %s1 to i32
  %t1 = add i32 %t, %eq1
  %t2 = trunc i64 %r2 to i32
  %t3 = add i32 %t1, %t2
  %t4 = add i32 %t3, %path
  %m = and i32 %t4, 255
  ret i32 %m
}
