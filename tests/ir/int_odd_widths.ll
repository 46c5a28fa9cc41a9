; fixture: odd integer widths i1/i3/i17/i33 arithmetic with wraparound, passed as parameters, with trunc/zext/sext to and from i32/i64
; exit: 140
; stdout: i1: add=0 mul=1 sub=0 xor=0 sext=-1 zext=1
; stdout: i1: add=1 mul=0 sub=1 xor=1 sext=0 zext=0
; stdout: i3: add=-1(s) 7(u) mul=2 udiv=2 sdiv=-1 srem=-1 lshr=2 ashr=-2 trunc=2
; stdout: i3: add=-2(s) 6(u) mul=1 udiv=1 sdiv=1 srem=0 lshr=1 ashr=1 trunc=0
; stdout: i17: add=-2 mul=-1000(s) 130072(u) sdiv=-142 urem=72 shl=-24576 icmp_slt=1 icmp_ult=0
; stdout: i17: add=-2000 mul=7936(s) 7936(u) sdiv=1133 urem=936 shl=32768 icmp_slt=0 icmp_ult=1
; stdout: i33: add=0 mul=1410065408 udiv=2863311530 sdiv=-201437915 ashr=-12500 lshr=1073729324 zext=8589834592 sext=-100000
; stdout: i33: add=0 mul=9 udiv=2863311530 sdiv=-1 ashr=0 lshr=0 zext=3 sext=3

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [49 x i8] c"i1: add=%d mul=%d sub=%d xor=%d sext=%d zext=%d\0A\00"
@fmt3 = private unnamed_addr constant [77 x i8] c"i3: add=%d(s) %u(u) mul=%d udiv=%u sdiv=%d srem=%d lshr=%u ashr=%d trunc=%d\0A\00"
@fmt17 = private unnamed_addr constant [76 x i8] c"i17: add=%d mul=%d(s) %u(u) sdiv=%d urem=%u shl=%d icmp_slt=%d icmp_ult=%d\0A\00"
@fmt33 = private unnamed_addr constant [76 x i8] c"i33: add=%ld mul=%ld udiv=%lu sdiv=%ld ashr=%ld lshr=%lu zext=%lu sext=%ld\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @test_i1(i1 %a, i1 %b) {
entry:
  %add = add i1 %a, %b
  %mul = mul i1 %a, %b
  %sub = sub i1 %b, %a
  %x = xor i1 %a, true
  %e_add = zext i1 %add to i32
  %e_mul = zext i1 %mul to i32
  %e_sub = zext i1 %sub to i32
  %e_x = zext i1 %x to i32
  %s = sext i1 %a to i32
  %z = zext i1 %a to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt1, i32 %e_add, i32 %e_mul, i32 %e_sub, i32 %e_x, i32 %s, i32 %z)
  %t = add i32 %s, %e_sub
  ret i32 %t
}

define internal i32 @test_i3(i3 %a, i3 %b) {
entry:
  %add = add i3 %a, %b
  %mul = mul i3 %a, %b
  %udiv = udiv i3 %a, %b
  %sdiv = sdiv i3 %a, %b
  %srem = srem i3 %a, %b
  %lshr = lshr i3 %a, 1
  %ashr = ashr i3 %a, 1
  %wide = zext i3 %a to i32
  %big = add i32 %wide, 13
  %tr = trunc i32 %big to i3
  %p_adds = sext i3 %add to i32
  %p_addu = zext i3 %add to i32
  %p_mul = sext i3 %mul to i32
  %p_udiv = zext i3 %udiv to i32
  %p_sdiv = sext i3 %sdiv to i32
  %p_srem = sext i3 %srem to i32
  %p_lshr = zext i3 %lshr to i32
  %p_ashr = sext i3 %ashr to i32
  %p_tr = sext i3 %tr to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt3, i32 %p_adds, i32 %p_addu, i32 %p_mul, i32 %p_udiv, i32 %p_sdiv, i32 %p_srem, i32 %p_lshr, i32 %p_ashr, i32 %p_tr)
  %s1 = add i32 %p_adds, %p_mul
  %s2 = add i32 %s1, %p_srem
  %s3 = add i32 %s2, %p_tr
  ret i32 %s3
}

define internal i32 @test_i17(i17 %a, i17 %b) {
entry:
  %add = add i17 %a, %a
  %mul = mul i17 %a, %b
  %sdiv = sdiv i17 %mul, 7
  %urem = urem i17 %mul, 1000
  %shl = shl i17 %b, 10
  %lt = icmp slt i17 %mul, 0
  %ult = icmp ult i17 %mul, 65536
  %p_add = sext i17 %add to i32
  %p_muls = sext i17 %mul to i32
  %p_mulu = zext i17 %mul to i32
  %p_sdiv = sext i17 %sdiv to i32
  %p_urem = zext i17 %urem to i32
  %p_shl = sext i17 %shl to i32
  %p_lt = zext i1 %lt to i32
  %p_ult = zext i1 %ult to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt17, i32 %p_add, i32 %p_muls, i32 %p_mulu, i32 %p_sdiv, i32 %p_urem, i32 %p_shl, i32 %p_lt, i32 %p_ult)
  %s1 = add i32 %p_sdiv, %p_urem
  ret i32 %s1
}

define internal i64 @test_i33(i33 %a, i33 %b) {
entry:
  %add = add i33 %a, %a
  %mul = mul i33 %b, %b
  %udiv = udiv i33 -1, 3
  %sdiv = sdiv i33 %mul, -7
  %neg = sub i33 0, %b
  %ashr = ashr i33 %neg, 3
  %lshr = lshr i33 %neg, 3
  %p_add = sext i33 %add to i64
  %p_mul = sext i33 %mul to i64
  %p_udiv = zext i33 %udiv to i64
  %p_sdiv = sext i33 %sdiv to i64
  %p_ashr = sext i33 %ashr to i64
  %p_lshr = zext i33 %lshr to i64
  %z = zext i33 %neg to i64
  %s = sext i33 %neg to i64
  %r = call i32 (ptr, ...) @printf(ptr @fmt33, i64 %p_add, i64 %p_mul, i64 %p_udiv, i64 %p_sdiv, i64 %p_ashr, i64 %p_lshr, i64 %z, i64 %s)
  %t1 = add i64 %p_mul, %p_sdiv
  %t2 = add i64 %t1, %p_lshr
  %t3 = add i64 %t2, %s
  ret i64 %t3
}

define i32 @main() {
entry:
  %a = call i32 @test_i1(i1 true, i1 true)
  %b = call i32 @test_i1(i1 false, i1 true)
  %c = call i32 @test_i3(i3 -3, i3 2)
  %d = call i32 @test_i3(i3 3, i3 3)
  %big = add i64 4294967296, 4294967296
  %t17 = trunc i64 100000 to i17
  %e = call i32 @test_i17(i17 65535, i17 1000)
  %f = call i32 @test_i17(i17 -1000, i17 %t17)
  %tb = trunc i64 %big to i33
  %g = call i64 @test_i33(i33 4294967296, i33 100000)
  %h = call i64 @test_i33(i33 %tb, i33 -3)
  %s1 = add i32 %a, %b
  %s2 = add i32 %s1, %c
  %s3 = add i32 %s2, %d
  %s4 = add i32 %s3, %e
  %s5 = add i32 %s4, %f
  %gh = add i64 %g, %h
  %gh32 = trunc i64 %gh to i32
  %s6 = add i32 %s5, %gh32
  %m = and i32 %s6, 255
  ret i32 %m
}
