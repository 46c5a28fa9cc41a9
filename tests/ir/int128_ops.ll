; fixture: i128 add/sub/mul/udiv/sdiv/urem/srem/shl/lshr/ashr/icmp on runtime values, printed as two 64-bit hex halves
; exit: 120
; stdout: add   0123456789abcdeffedcba98b1eefc17
; stdout: sub   0123456789abcdeffedcba983ab96809
; stdout: mul   79be0246864e30738641fdb9796dfe70
; stdout: udiv  0000000004e2fff8a480a8f47507e0e0
; stdout: sdiv  0000000004e2fff8a480a8f47507e0e0
; stdout: urem  00000000000000000000000024ec4bf0
; stdout: srem  00000000000000000000000024ec4bf0
; stdout: shl   3579bdffdb97530eca86420000000000
; stdout: lshr  0000000000091a2b3c4d5e6f7ff6e5d4
; stdout: ashr  0000000000091a2b3c4d5e6f7ff6e5d4
; stdout: cmp slt=0 ult=0 eq=0 sgt=1
; stdout: add   fedcba98765431d00123456789ab9db7
; stdout: sub   fedcba98765432500123456789abfe29
; stdout: mul   950c83fb72ea5e392222222222222590
; stdout: udiv  00000000000000000000000000000000
; stdout: sdiv  000000000000000000048d159e26af37
; stdout: urem  fedcba98765432100123456789abcdf0
; stdout: srem  ffffffffffffffd0dc9abcdf0123212f
; stdout: shl   9abcdf00000000000000000000000000
; stdout: lshr  0000000000000000000000000fedcba9
; stdout: ashr  ffffffffffffffffffffffffffedcba9
; stdout: cmp slt=1 ult=1 eq=0 sgt=0
; stdout: add   80000000000000010000000000000000
; stdout: sub   7ffffffffffffffefffffffffffffffe
; stdout: mul   7ffffffffffffffeffffffffffffffff
; stdout: udiv  00000000000000007fffffffffffffff
; stdout: sdiv  00000000000000007fffffffffffffff
; stdout: urem  00000000000000008000000000000000
; stdout: srem  00000000000000008000000000000000
; stdout: shl   80000000000000000000000000000000
; stdout: lshr  00000000000000000000000000000000
; stdout: ashr  00000000000000000000000000000000
; stdout: cmp slt=0 ult=0 eq=0 sgt=1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [19 x i8] c"%-5s %016lx%016lx\0A\00"
@n_add = private unnamed_addr constant [4 x i8] c"add\00"
@n_sub = private unnamed_addr constant [4 x i8] c"sub\00"
@n_mul = private unnamed_addr constant [4 x i8] c"mul\00"
@n_udiv = private unnamed_addr constant [5 x i8] c"udiv\00"
@n_sdiv = private unnamed_addr constant [5 x i8] c"sdiv\00"
@n_urem = private unnamed_addr constant [5 x i8] c"urem\00"
@n_srem = private unnamed_addr constant [5 x i8] c"srem\00"
@n_shl = private unnamed_addr constant [4 x i8] c"shl\00"
@n_lshr = private unnamed_addr constant [5 x i8] c"lshr\00"
@n_ashr = private unnamed_addr constant [5 x i8] c"ashr\00"
@fmtc = private unnamed_addr constant [32 x i8] c"cmp slt=%d ult=%d eq=%d sgt=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal void @show(ptr %name, i128 %v) {
entry:
  %hi.w = lshr i128 %v, 64
  %hi = trunc i128 %hi.w to i64
  %lo = trunc i128 %v to i64
  %r = call i32 (ptr, ...) @printf(ptr @fmt, ptr %name, i64 %hi, i64 %lo)
  ret void
}

define internal i128 @ops(i128 %a, i128 %b, i32 %sh32) {
entry:
  %sh = zext i32 %sh32 to i128
  %add = add i128 %a, %b
  call void @show(ptr @n_add, i128 %add)
  %sub = sub i128 %a, %b
  call void @show(ptr @n_sub, i128 %sub)
  %mul = mul i128 %a, %b
  call void @show(ptr @n_mul, i128 %mul)
  %udiv = udiv i128 %a, %b
  call void @show(ptr @n_udiv, i128 %udiv)
  %sdiv = sdiv i128 %a, %b
  call void @show(ptr @n_sdiv, i128 %sdiv)
  %urem = urem i128 %a, %b
  call void @show(ptr @n_urem, i128 %urem)
  %srem = srem i128 %a, %b
  call void @show(ptr @n_srem, i128 %srem)
  %shl = shl i128 %a, %sh
  call void @show(ptr @n_shl, i128 %shl)
  %lshr = lshr i128 %a, %sh
  call void @show(ptr @n_lshr, i128 %lshr)
  %ashr = ashr i128 %a, %sh
  call void @show(ptr @n_ashr, i128 %ashr)
  %c1 = icmp slt i128 %a, %b
  %c2 = icmp ult i128 %a, %b
  %c3 = icmp eq i128 %a, %b
  %c4 = icmp sgt i128 %a, %b
  %z1 = zext i1 %c1 to i32
  %z2 = zext i1 %c2 to i32
  %z3 = zext i1 %c3 to i32
  %z4 = zext i1 %c4 to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmtc, i32 %z1, i32 %z2, i32 %z3, i32 %z4)
  %x1 = xor i128 %add, %mul
  %x2 = xor i128 %x1, %udiv
  %x3 = xor i128 %x2, %srem
  %x4 = xor i128 %x3, %ashr
  ret i128 %x4
}

define i32 @main() {
entry:
  ; a = 0x0123456789abcdef_fedcba9876543210, b = 1000000007
  %r1 = call i128 @ops(i128 1512366075204170947332355369683137040, i128 1000000007, i32 37)
  ; a = -a_prev, b = -(2^70 + 12345)
  %r2 = call i128 @ops(i128 -1512366075204170947332355369683137040, i128 -1180591620717411315769, i32 100)
  ; a = 2^127 - 1, b = 2^64 + 1
  %r3 = call i128 @ops(i128 170141183460469231731687303715884105727, i128 18446744073709551617, i32 127)
  %x = xor i128 %r1, %r2
  %y = xor i128 %x, %r3
  %hi.w = lshr i128 %y, 64
  %hi = trunc i128 %hi.w to i64
  %lo = trunc i128 %y to i64
  %s = add i64 %hi, %lo
  %s32 = trunc i64 %s to i32
  %m = and i32 %s32, 255
  ret i32 %m
}
