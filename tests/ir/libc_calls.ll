; fixture: calls to external libc functions - strlen, strcmp, abs, labs, atoi, malloc/free, memcmp, and qsort/bsearch with comparator functions defined in this module (libc calling back into JIT code)
; exit: 119
; stdout: strlen=12 strcmp<0=1 abs=77 labs=5000000000 atoi=-12345
; stdout: sorted asc: -300 -7 -1 0 5 19 19 42 88 1000
; stdout: bsearch 88 -> index 8, bsearch 6 -> found 0
; stdout: heap: sum=859 memcmp=0 sorted desc first=505 last=-500 calls>0=1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@s1 = private unnamed_addr constant [13 x i8] c"hello, world\00"
@s2 = private unnamed_addr constant [13 x i8] c"hello, there\00"
@num = private unnamed_addr constant [12 x i8] c"  -12345xyz\00"
@data = internal global [10 x i32] [i32 42, i32 -7, i32 19, i32 0, i32 1000, i32 -300, i32 19, i32 5, i32 88, i32 -1]
@f1 = private unnamed_addr constant [48 x i8] c"strlen=%ld strcmp<0=%d abs=%d labs=%ld atoi=%d\0A\00"
@f2 = private unnamed_addr constant [43 x i8] c"sorted asc: %d %d %d %d %d %d %d %d %d %d\0A\00"
@f3 = private unnamed_addr constant [48 x i8] c"bsearch 88 -> index %ld, bsearch 6 -> found %d\0A\00"
@f4 = private unnamed_addr constant [67 x i8] c"heap: sum=%ld memcmp=%d sorted desc first=%ld last=%ld calls>0=%d\0A\00"
@cmp_calls = internal global i32 0

declare i32 @printf(ptr, ...)
declare i64 @strlen(ptr)
declare i32 @strcmp(ptr, ptr)
declare i32 @abs(i32)
declare i64 @labs(i64)
declare i32 @atoi(ptr)
declare ptr @malloc(i64)
declare void @free(ptr)
declare i32 @memcmp(ptr, ptr, i64)
declare void @qsort(ptr, i64, i64, ptr)
declare ptr @bsearch(ptr, ptr, i64, i64, ptr)

define internal i32 @cmp_i32(ptr %a, ptr %b) {
  %c = load i32, ptr @cmp_calls, align 4
  %c1 = add i32 %c, 1
  store i32 %c1, ptr @cmp_calls, align 4
  %x = load i32, ptr %a, align 4
  %y = load i32, ptr %b, align 4
  %gt = icmp sgt i32 %x, %y
  %lt = icmp slt i32 %x, %y
  %g = zext i1 %gt to i32
  %l = zext i1 %lt to i32
  %r = sub i32 %g, %l
  ret i32 %r
}

define internal i32 @cmp_i64_desc(ptr %a, ptr %b) {
  %x = load i64, ptr %a, align 8
  %y = load i64, ptr %b, align 8
  %gt = icmp sgt i64 %y, %x
  %lt = icmp slt i64 %y, %x
  %g = zext i1 %gt to i32
  %l = zext i1 %lt to i32
  %r = sub i32 %g, %l
  ret i32 %r
}

define i32 @main() {
entry:
  %len = call i64 @strlen(ptr @s1)
  %sc = call i32 @strcmp(ptr @s2, ptr @s1)
  %scn = icmp slt i32 %sc, 0
  %scz = zext i1 %scn to i32
  %ab = call i32 @abs(i32 -77)
  %lab = call i64 @labs(i64 -5000000000)
  %ai = call i32 @atoi(ptr @num)
  call i32 (ptr, ...) @printf(ptr @f1, i64 %len, i32 %scz, i32 %ab, i64 %lab, i32 %ai)
  call void @qsort(ptr @data, i64 10, i64 4, ptr @cmp_i32)
  %d0 = load i32, ptr @data, align 4
  %p1 = getelementptr inbounds [10 x i32], ptr @data, i64 0, i64 1
  %d1 = load i32, ptr %p1, align 4
  %p2 = getelementptr inbounds [10 x i32], ptr @data, i64 0, i64 2
  %d2 = load i32, ptr %p2, align 4
  %p3 = getelementptr inbounds [10 x i32], ptr @data, i64 0, i64 3
  %d3 = load i32, ptr %p3, align 4
  %p4 = getelementptr inbounds [10 x i32], ptr @data, i64 0, i64 4
  %d4 = load i32, ptr %p4, align 4
  %p5 = getelementptr inbounds [10 x i32], ptr @data, i64 0, i64 5
  %d5 = load i32, ptr %p5, align 4
  %p6 = getelementptr inbounds [10 x i32], ptr @data, i64 0, i64 6
  %d6 = load i32, ptr %p6, align 4
  %p7 = getelementptr inbounds [10 x i32], ptr @data, i64 0, i64 7
  %d7 = load i32, ptr %p7, align 4
  %p8 = getelementptr inbounds [10 x i32], ptr @data, i64 0, i64 8
  %d8 = load i32, ptr %p8, align 4
  %p9 = getelementptr inbounds [10 x i32], ptr @data, i64 0, i64 9
  %d9 = load i32, ptr %p9, align 4
  call i32 (ptr, ...) @printf(ptr @f2, i32 %d0, i32 %d1, i32 %d2, i32 %d3, i32 %d4, i32 %d5, i32 %d6, i32 %d7, i32 %d8, i32 %d9)
  %key = alloca i32, align 4
  store i32 88, ptr %key, align 4
  %hit = call ptr @bsearch(ptr %key, ptr @data, i64 10, i64 4, ptr @cmp_i32)
  %hi = ptrtoint ptr %hit to i64
  %base = ptrtoint ptr @data to i64
  %off = sub i64 %hi, %base
  %idx = sdiv exact i64 %off, 4
  store i32 6, ptr %key, align 4
  %miss = call ptr @bsearch(ptr %key, ptr @data, i64 10, i64 4, ptr @cmp_i32)
  %found = icmp ne ptr %miss, null
  %foundz = zext i1 %found to i32
  call i32 (ptr, ...) @printf(ptr @f3, i64 %idx, i32 %foundz)
  ; heap array of i64, sorted descending with an IR comparator
  %heap = call ptr @malloc(i64 800)
  br label %fill
fill:
  %i = phi i64 [ 0, %entry ], [ %i1, %fill ]
  %p = getelementptr inbounds i64, ptr %heap, i64 %i
  %v1 = mul i64 %i, 7919
  %v2 = urem i64 %v1, 1009
  %v3 = sub i64 %v2, 500
  store i64 %v3, ptr %p, align 8
  %i1 = add i64 %i, 1
  %c = icmp ult i64 %i1, 100
  br i1 %c, label %fill, label %sort
sort:
  %heap2 = call ptr @malloc(i64 800)
  call void @llvm.memcpy.p0.p0.i64(ptr %heap2, ptr %heap, i64 800, i1 false)
  %same = call i32 @memcmp(ptr %heap, ptr %heap2, i64 800)
  call void @qsort(ptr %heap, i64 100, i64 8, ptr @cmp_i64_desc)
  br label %sum
sum:
  %j = phi i64 [ 0, %sort ], [ %j1, %sum ]
  %acc = phi i64 [ 0, %sort ], [ %acc1, %sum ]
  %q = getelementptr inbounds i64, ptr %heap, i64 %j
  %qv = load i64, ptr %q, align 8
  %acc1 = add i64 %acc, %qv
  %j1 = add i64 %j, 1
  %cj = icmp ult i64 %j1, 100
  br i1 %cj, label %sum, label %done
done:
  %first = load i64, ptr %heap, align 8
  %lastp = getelementptr inbounds i64, ptr %heap, i64 99
  %last = load i64, ptr %lastp, align 8
  %calls = load i32, ptr @cmp_calls, align 4
  %cpos = icmp sgt i32 %calls, 0
  %cposz = zext i1 %cpos to i32
  call i32 (ptr, ...) @printf(ptr @f4, i64 %acc1, i32 %same, i64 %first, i64 %last, i32 %cposz)
  call void @free(ptr %heap)
  call void @free(ptr %heap2)
  %t1 = trunc i64 %idx to i32
  %t2 = trunc i64 %acc1 to i32
  %t3 = add i32 %t1, %t2
  %t4 = add i32 %t3, %ab
  %t5 = add i32 %t4, %ai
  %m = and i32 %t5, 255
  ret i32 %m
}

declare void @llvm.memcpy.p0.p0.i64(ptr noalias nocapture writeonly, ptr noalias nocapture readonly, i64, i1 immarg)
