; fixture: alloca with a dynamic element count (i32 and i64 counts, array element type, over-aligned) in a called function, filled and reduced at runtime
; exit: 93
; stdout: n=1 sum=0 maxrow=0 aligned=1
; stdout: n=10 sum=285 maxrow=27 aligned=1
; stdout: n=100 sum=328350 maxrow=297 aligned=1
; stdout: n=1000 sum=332833500 maxrow=2997 aligned=1
; stdout: nested total=7878

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [35 x i8] c"n=%d sum=%ld maxrow=%d aligned=%d\0A\00"
@fmt2 = private unnamed_addr constant [18 x i8] c"nested total=%ld\0A\00"

declare i32 @printf(ptr, ...)

define internal i64 @work(i32 %n) {
entry:
  %buf = alloca i64, i32 %n, align 8
  %n64 = zext i32 %n to i64
  %rows = alloca [4 x i32], i64 %n64, align 32
  br label %fill
fill:
  %i = phi i32 [ 0, %entry ], [ %i1, %fill ]
  %iw = zext i32 %i to i64
  %p = getelementptr inbounds i64, ptr %buf, i64 %iw
  %sq = mul i64 %iw, %iw
  store i64 %sq, ptr %p, align 8
  %r0 = getelementptr inbounds [4 x i32], ptr %rows, i64 %iw, i64 0
  %r3 = getelementptr inbounds [4 x i32], ptr %rows, i64 %iw, i64 3
  store i32 %i, ptr %r0, align 4
  %i3 = mul i32 %i, 3
  store i32 %i3, ptr %r3, align 4
  %i1 = add i32 %i, 1
  %c = icmp ult i32 %i1, %n
  br i1 %c, label %fill, label %sum
sum:
  br label %sloop
sloop:
  %j = phi i32 [ 0, %sum ], [ %j1, %sloop ]
  %acc = phi i64 [ 0, %sum ], [ %acc1, %sloop ]
  %mx = phi i32 [ 0, %sum ], [ %mx1, %sloop ]
  %jw = zext i32 %j to i64
  %q = getelementptr inbounds i64, ptr %buf, i64 %jw
  %v = load i64, ptr %q, align 8
  %acc1 = add i64 %acc, %v
  %rq = getelementptr inbounds [4 x i32], ptr %rows, i64 %jw, i64 3
  %rv = load i32, ptr %rq, align 4
  %g = icmp sgt i32 %rv, %mx
  %mx1 = select i1 %g, i32 %rv, i32 %mx
  %j1 = add i32 %j, 1
  %c2 = icmp ult i32 %j1, %n
  br i1 %c2, label %sloop, label %done
done:
  %ri = ptrtoint ptr %rows to i64
  %ra = and i64 %ri, 31
  %al = icmp eq i64 %ra, 0
  %alz = zext i1 %al to i32
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %n, i64 %acc1, i32 %mx1, i32 %alz)
  ret i64 %acc1
}

define internal i64 @nested(i32 %depth) {
entry:
  %z = icmp eq i32 %depth, 0
  br i1 %z, label %base, label %rec
base:
  ret i64 0
rec:
  %cnt = mul i32 %depth, 5
  %arr = alloca i16, i32 %cnt, align 2
  %first = getelementptr inbounds i16, ptr %arr, i32 0
  %lastidx = sub i32 %cnt, 1
  %last = getelementptr inbounds i16, ptr %arr, i32 %lastidx
  %d16 = trunc i32 %depth to i16
  store i16 %d16, ptr %first, align 2
  %d2 = mul i16 %d16, 100
  store i16 %d2, ptr %last, align 2
  %dm1 = sub i32 %depth, 1
  %sub = call i64 @nested(i32 %dm1)
  %fv = load i16, ptr %first, align 2
  %lv = load i16, ptr %last, align 2
  %fe = sext i16 %fv to i64
  %le = sext i16 %lv to i64
  %s1 = add i64 %sub, %fe
  %s2 = add i64 %s1, %le
  ret i64 %s2
}

define i32 @main() {
entry:
  %a = call i64 @work(i32 1)
  %b = call i64 @work(i32 10)
  %c = call i64 @work(i32 100)
  %d = call i64 @work(i32 1000)
  %e = call i64 @nested(i32 12)
  call i32 (ptr, ...) @printf(ptr @fmt2, i64 %e)
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %c
  %s3 = add i64 %s2, %d
  %s4 = add i64 %s3, %e
  %t = trunc i64 %s4 to i32
  %m = and i32 %t, 255
  ret i32 %m
}
