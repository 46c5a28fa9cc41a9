; fixture: integer intrinsics - llvm.abs (poison flag false), smax/smin/umax/umin, ctpop, ctlz/cttz (zero-is-poison false and true on nonzero), bswap, bitreverse, fshl/fshr (rotates and funnel shifts), at i8/i16/i32/i64
; exit: 119
; stdout: x=-42 abs=42 smax=-7 smin=-42 umax=4294967254 umin=1000
; stdout: x=5 abs=5 smax=5 smin=-7 umax=1000 umin=5
; stdout: x=-2147483648 abs=-2147483648 smax=-7 smin=-2147483648 umax=2147483648 umin=1000
; stdout: x=123456 abs=123456 smax=123456 smin=-7 umax=123456 umin=1000
; stdout: x=00000000 ctpop=0 ctlz=32 cttz=32 bswap=00000000 bitrev=00000000 rotl5=00000000 rotr5=00000000 fshl=00000000 fshr=ffffffff
; stdout: x=00000001 ctpop=1 ctlz=31 cttz=0 bswap=01000000 bitrev=80000000 rotl5=00000020 rotr5=08000000 fshl=00000018 fshr=18765432
; stdout: x=deadbeef ctpop=24 ctlz=0 cttz=0 bswap=efbeadde bitrev=f77db57b rotl5=d5b7ddfb rotr5=7ef56df7 fshl=dbeef123 fshr=eef12345
; stdout: x=80000000 ctpop=1 ctlz=0 cttz=31 bswap=00000080 bitrev=00000001 rotl5=00000010 rotr5=04000000 fshl=00000000 fshr=00000000
; stdout: i64: ctpop=32 ctlz=3 cttz=4 bswap=f0debc9a78563412 bitrev=0f7b3d591e6a2c48 fshl=23456789abcdef0f abs=1311768467463790320
; stdout: i16: bswap=3412 ctlz=3 bitrev=2c48  i8: ctpop=4 bitrev=69 fshr=c1 abs=-128 umin=100

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [45 x i8] c"x=%d abs=%d smax=%d smin=%d umax=%u umin=%u\0A\00"
@fmt2 = private unnamed_addr constant [98 x i8] c"x=%08x ctpop=%d ctlz=%d cttz=%d bswap=%08x bitrev=%08x rotl5=%08x rotr5=%08x fshl=%08x fshr=%08x\0A\00"
@fmt3 = private unnamed_addr constant [81 x i8] c"i64: ctpop=%ld ctlz=%ld cttz=%ld bswap=%016lx bitrev=%016lx fshl=%016lx abs=%ld\0A\00"
@fmt4 = private unnamed_addr constant [88 x i8] c"i16: bswap=%04x ctlz=%d bitrev=%04x  i8: ctpop=%d bitrev=%02x fshr=%02x abs=%d umin=%d\0A\00"

declare i32 @printf(ptr, ...)
declare i32 @llvm.abs.i32(i32, i1 immarg)
declare i64 @llvm.abs.i64(i64, i1 immarg)
declare i8 @llvm.abs.i8(i8, i1 immarg)
declare i32 @llvm.smax.i32(i32, i32)
declare i32 @llvm.smin.i32(i32, i32)
declare i32 @llvm.umax.i32(i32, i32)
declare i32 @llvm.umin.i32(i32, i32)
declare i8 @llvm.umin.i8(i8, i8)
declare i32 @llvm.ctpop.i32(i32)
declare i64 @llvm.ctpop.i64(i64)
declare i8 @llvm.ctpop.i8(i8)
declare i32 @llvm.ctlz.i32(i32, i1 immarg)
declare i64 @llvm.ctlz.i64(i64, i1 immarg)
declare i16 @llvm.ctlz.i16(i16, i1 immarg)
declare i32 @llvm.cttz.i32(i32, i1 immarg)
declare i64 @llvm.cttz.i64(i64, i1 immarg)
declare i32 @llvm.bswap.i32(i32)
declare i64 @llvm.bswap.i64(i64)
declare i16 @llvm.bswap.i16(i16)
declare i32 @llvm.bitreverse.i32(i32)
declare i64 @llvm.bitreverse.i64(i64)
declare i16 @llvm.bitreverse.i16(i16)
declare i8 @llvm.bitreverse.i8(i8)
declare i32 @llvm.fshl.i32(i32, i32, i32)
declare i32 @llvm.fshr.i32(i32, i32, i32)
declare i64 @llvm.fshl.i64(i64, i64, i64)
declare i8 @llvm.fshr.i8(i8, i8, i8)

define internal i32 @minmax(i32 %x) {
  %abs = call i32 @llvm.abs.i32(i32 %x, i1 false)
  %smax = call i32 @llvm.smax.i32(i32 %x, i32 -7)
  %smin = call i32 @llvm.smin.i32(i32 %x, i32 -7)
  %umax = call i32 @llvm.umax.i32(i32 %x, i32 1000)
  %umin = call i32 @llvm.umin.i32(i32 %x, i32 1000)
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %x, i32 %abs, i32 %smax, i32 %smin, i32 %umax, i32 %umin)
  %s1 = add i32 %abs, %smax
  %s2 = add i32 %s1, %smin
  %s3 = add i32 %s2, %umax
  %s4 = add i32 %s3, %umin
  ret i32 %s4
}

define internal i32 @bits(i32 %x, i32 %y, i32 %sh) {
  %pop = call i32 @llvm.ctpop.i32(i32 %x)
  %clz = call i32 @llvm.ctlz.i32(i32 %x, i1 false)
  %ctz = call i32 @llvm.cttz.i32(i32 %x, i1 false)
  %bs = call i32 @llvm.bswap.i32(i32 %x)
  %br = call i32 @llvm.bitreverse.i32(i32 %x)
  %rotl = call i32 @llvm.fshl.i32(i32 %x, i32 %x, i32 5)
  %rotr = call i32 @llvm.fshr.i32(i32 %x, i32 %x, i32 5)
  %fl = call i32 @llvm.fshl.i32(i32 %x, i32 %y, i32 %sh)
  %fr = call i32 @llvm.fshr.i32(i32 %x, i32 %y, i32 %sh)
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %x, i32 %pop, i32 %clz, i32 %ctz, i32 %bs, i32 %br, i32 %rotl, i32 %rotr, i32 %fl, i32 %fr)
  %s1 = add i32 %pop, %clz
  %s2 = add i32 %s1, %ctz
  %s3 = xor i32 %s2, %bs
  %s4 = xor i32 %s3, %br
  %s5 = xor i32 %s4, %fl
  %s6 = xor i32 %s5, %fr
  ret i32 %s6
}

define i32 @main() {
entry:
  %m1 = call i32 @minmax(i32 -42)
  %m2 = call i32 @minmax(i32 5)
  %m3 = call i32 @minmax(i32 -2147483648)
  %m4 = call i32 @minmax(i32 123456)
  %b1 = call i32 @bits(i32 0, i32 -1, i32 0)
  %b2 = call i32 @bits(i32 1, i32 -2023406815, i32 36)
  %b3 = call i32 @bits(i32 -559038737, i32 305419896, i32 12)
  %b4 = call i32 @bits(i32 -2147483648, i32 1, i32 31)
  %q = add i64 0, 1311768467463790320
  %q64pop = call i64 @llvm.ctpop.i64(i64 %q)
  %q64clz = call i64 @llvm.ctlz.i64(i64 %q, i1 true)
  %q64ctz = call i64 @llvm.cttz.i64(i64 %q, i1 true)
  %q64bs = call i64 @llvm.bswap.i64(i64 %q)
  %q64br = call i64 @llvm.bitreverse.i64(i64 %q)
  %q64fl = call i64 @llvm.fshl.i64(i64 %q, i64 -1, i64 68)
  %qn = sub i64 0, %q
  %q64abs = call i64 @llvm.abs.i64(i64 %qn, i1 true)
  call i32 (ptr, ...) @printf(ptr @fmt3, i64 %q64pop, i64 %q64clz, i64 %q64ctz, i64 %q64bs, i64 %q64br, i64 %q64fl, i64 %q64abs)
  %h = add i16 0, 4660
  %hbs = call i16 @llvm.bswap.i16(i16 %h)
  %hclz = call i16 @llvm.ctlz.i16(i16 %h, i1 false)
  %hbr = call i16 @llvm.bitreverse.i16(i16 %h)
  %hbse = zext i16 %hbs to i32
  %hclze = zext i16 %hclz to i32
  %hbre = zext i16 %hbr to i32
  %c = add i8 0, -106
  %cpop = call i8 @llvm.ctpop.i8(i8 %c)
  %cbr = call i8 @llvm.bitreverse.i8(i8 %c)
  %cfr = call i8 @llvm.fshr.i8(i8 %c, i8 15, i8 11)
  %cabs = call i8 @llvm.abs.i8(i8 -128, i1 false)
  %cumin = call i8 @llvm.umin.i8(i8 %c, i8 100)
  %cpope = zext i8 %cpop to i32
  %cbre = zext i8 %cbr to i32
  %cfre = zext i8 %cfr to i32
  %cabse = sext i8 %cabs to i32
  %cumine = zext i8 %cumin to i32
  call i32 (ptr, ...) @printf(ptr @fmt4, i32 %hbse, i32 %hclze, i32 %hbre, i32 %cpope, i32 %cbre, i32 %cfre, i32 %cabse, i32 %cumine)
  %s1 = add i32 %m1, %m2
  %s2 = add i32 %s1, %m3
  %s3 = add i32 %s2, %m4
  %s4 = add i32 %s3, %b1
  %s5 = add i32 %s4, %b2
  %s6 = add i32 %s5, %b3
  %s7 = add i32 %s6, %b4
  %s8 = add i32 %s7, %hbre
  %s9 = add i32 %s8, %cfre
  %m = and i32 %s9, 255
  ret i32 %m
}
