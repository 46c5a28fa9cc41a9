; fixture: global variables and functions with private/internal/external/weak/weak_odr/linkonce_odr/common linkage, constant vs mutable, explicit alignment, unnamed_addr, dso_local
; exit: 197
; stdout: initial: 11 22 33 44 55 66 0 77 -4 -1
; stdout: after update: 12 22000000000000 -7 440 550 660 123 77 sum_arr=2016 aligned64=1
; stdout: funcs: internal=42 linkonce_odr=121 weak=20 weak_odr=234 private=168

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@priv = private global i32 11, align 4
@intl = internal global i64 22, align 8
@ext = global i16 33, align 2
@wk = weak global i32 44
@wkodr = weak_odr global i32 55
@lodr = linkonce_odr global i32 66
@cmn = common global i32 0, align 4
@cmn_arr = common global [64 x i8] zeroinitializer, align 16
@konst = internal constant i32 77, align 4
@konst_arr = private unnamed_addr constant [4 x i16] [i16 1, i16 -2, i16 3, i16 -4], align 2
@big_aligned = internal global [3 x i32] [i32 5, i32 6, i32 7], align 64
@local = dso_local global i8 -1, align 1
@fmt1 = private unnamed_addr constant [41 x i8] c"initial: %d %ld %d %d %d %d %d %d %d %d\0A\00"
@fmt2 = private unnamed_addr constant [64 x i8] c"after update: %d %ld %d %d %d %d %d %d sum_arr=%d aligned64=%d\0A\00"
@fmt3 = private unnamed_addr constant [67 x i8] c"funcs: internal=%d linkonce_odr=%d weak=%d weak_odr=%d private=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @f_internal(i32 %x) {
  %r = mul i32 %x, 2
  ret i32 %r
}
define linkonce_odr i32 @f_linkonce(i32 %x) {
  %r = add i32 %x, 100
  ret i32 %r
}
define weak i32 @f_weak(i32 %x) {
  %r = sub i32 %x, 1
  ret i32 %r
}
define weak_odr i32 @f_weak_odr(i32 %x) {
  %r = xor i32 %x, 255
  ret i32 %r
}
define private i32 @f_private(i32 %x) {
  %r = shl i32 %x, 3
  ret i32 %r
}

define i32 @main() {
entry:
  %a = load i32, ptr @priv, align 4
  %b = load i64, ptr @intl, align 8
  %c = load i16, ptr @ext, align 2
  %ce = sext i16 %c to i32
  %d = load i32, ptr @wk, align 4
  %e = load i32, ptr @wkodr, align 4
  %f = load i32, ptr @lodr, align 4
  %g = load i32, ptr @cmn, align 4
  %h = load i32, ptr @konst, align 4
  %k2p = getelementptr inbounds [4 x i16], ptr @konst_arr, i64 0, i64 3
  %k2 = load i16, ptr %k2p, align 2
  %k2e = sext i16 %k2 to i32
  %l = load i8, ptr @local, align 1
  %le = sext i8 %l to i32
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %a, i64 %b, i32 %ce, i32 %d, i32 %e, i32 %f, i32 %g, i32 %h, i32 %k2e, i32 %le)
  ; mutate every mutable global
  %a1 = add i32 %a, 1
  store i32 %a1, ptr @priv, align 4
  %b1 = mul i64 %b, 1000000000000
  store i64 %b1, ptr @intl, align 8
  store i16 -7, ptr @ext, align 2
  store i32 440, ptr @wk, align 4
  store i32 550, ptr @wkodr, align 4
  store i32 660, ptr @lodr, align 4
  store i32 123, ptr @cmn, align 4
  br label %fill
fill:
  %i = phi i64 [ 0, %entry ], [ %i1, %fill ]
  %p = getelementptr inbounds [64 x i8], ptr @cmn_arr, i64 0, i64 %i
  %i8 = trunc i64 %i to i8
  store i8 %i8, ptr %p, align 1
  %i1 = add i64 %i, 1
  %c1 = icmp ult i64 %i1, 64
  br i1 %c1, label %fill, label %sum
sum:
  br label %sloop
sloop:
  %j = phi i64 [ 0, %sum ], [ %j1, %sloop ]
  %acc = phi i32 [ 0, %sum ], [ %acc1, %sloop ]
  %q = getelementptr inbounds [64 x i8], ptr @cmn_arr, i64 0, i64 %j
  %qv = load i8, ptr %q, align 1
  %qe = zext i8 %qv to i32
  %acc1 = add i32 %acc, %qe
  %j1 = add i64 %j, 1
  %c2 = icmp ult i64 %j1, 64
  br i1 %c2, label %sloop, label %report
report:
  %ra = load i32, ptr @priv, align 4
  %rb = load i64, ptr @intl, align 8
  %rc = load i16, ptr @ext, align 2
  %rce = sext i16 %rc to i32
  %rd = load i32, ptr @wk, align 4
  %re = load i32, ptr @wkodr, align 4
  %rf = load i32, ptr @lodr, align 4
  %rg = load i32, ptr @cmn, align 4
  %rh = load i32, ptr @konst, align 4
  %ai = ptrtoint ptr @big_aligned to i64
  %am = and i64 %ai, 63
  %aok = icmp eq i64 %am, 0
  %aokz = zext i1 %aok to i32
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %ra, i64 %rb, i32 %rce, i32 %rd, i32 %re, i32 %rf, i32 %rg, i32 %rh, i32 %acc1, i32 %aokz)
  %x1 = call i32 @f_internal(i32 21)
  %x2 = call i32 @f_linkonce(i32 21)
  %x3 = call i32 @f_weak(i32 21)
  %x4 = call i32 @f_weak_odr(i32 21)
  %x5 = call i32 @f_private(i32 21)
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %x1, i32 %x2, i32 %x3, i32 %x4, i32 %x5)
  %s1 = add i32 %x1, %x2
  %s2 = add i32 %s1, %x3
  %s3 = add i32 %s2, %x4
  %s4 = add i32 %s3, %x5
  %s5 = add i32 %s4, %rg
  %s6 = add i32 %s5, %aokz
  %m = and i32 %s6, 255
  ret i32 %m
}
