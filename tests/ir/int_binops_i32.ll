; fixture: i32 add/sub/mul/udiv/sdiv/urem/srem/shl/lshr/ashr/and/or/xor on runtime values, plus nsw/nuw/exact flags on non-overflowing operands
; exit: 92
; stdout: 107 93 700 14 14 2 2 | 12800 0 0 | 4 103 99
; stdout: -93 -107 -700 613566742 -14 2 -2 | -12800 33554431 -1 | 4 -97 -101
; stdout: 2147483645 -2147483647 2 0 -1073741823 2147483647 1 | -1073741824 1 1 | 2147483646 -1 -2147483647
; stdout: -123456754 -123456824 -26020319 119186014 -3527336 17 -29 | -987654312 521438813 -15432099 | 35 -123456789 -123456824
; stdout: flags: 6912 4444 7006652 1234 19744 4936

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [44 x i8] c"%d %d %d %u %d %u %d | %d %u %d | %d %d %d\0A\00"
@fmt2 = private unnamed_addr constant [26 x i8] c"flags: %d %d %d %d %d %d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @ops(i32 %a, i32 %b) {
entry:
  %add = add i32 %a, %b
  %sub = sub i32 %a, %b
  %mul = mul i32 %a, %b
  %udiv = udiv i32 %a, %b
  %sdiv = sdiv i32 %a, %b
  %urem = urem i32 %a, %b
  %srem = srem i32 %a, %b
  %sh = and i32 %b, 31
  %shl = shl i32 %a, %sh
  %lshr = lshr i32 %a, %sh
  %ashr = ashr i32 %a, %sh
  %and = and i32 %a, %b
  %or = or i32 %a, %b
  %xor = xor i32 %a, %b
  %r = call i32 (ptr, ...) @printf(ptr @fmt, i32 %add, i32 %sub, i32 %mul, i32 %udiv, i32 %sdiv, i32 %urem, i32 %srem, i32 %shl, i32 %lshr, i32 %ashr, i32 %and, i32 %or, i32 %xor)
  %c1 = xor i32 %add, %sub
  %c2 = add i32 %c1, %mul
  %c3 = xor i32 %c2, %udiv
  %c4 = add i32 %c3, %sdiv
  %c5 = xor i32 %c4, %urem
  %c6 = add i32 %c5, %srem
  %c7 = xor i32 %c6, %shl
  %c8 = add i32 %c7, %lshr
  %c9 = xor i32 %c8, %ashr
  %c10 = add i32 %c9, %and
  %c11 = xor i32 %c10, %or
  %c12 = add i32 %c11, %xor
  ret i32 %c12
}

define internal i32 @flags(i32 %a, i32 %b) {
entry:
  %add = add nsw nuw i32 %a, %b
  %sub = sub nsw i32 %b, %a
  %mul = mul nuw nsw i32 %a, %b
  %sdiv = sdiv exact i32 %mul, %b
  %shl = shl nuw nsw i32 %a, 4
  %lshr = lshr exact i32 %shl, 2
  %r = call i32 (ptr, ...) @printf(ptr @fmt2, i32 %add, i32 %sub, i32 %mul, i32 %sdiv, i32 %shl, i32 %lshr)
  %s1 = add i32 %add, %sub
  %s2 = add i32 %s1, %sdiv
  %s3 = add i32 %s2, %lshr
  ret i32 %s3
}

define i32 @main() {
entry:
  %r1 = call i32 @ops(i32 100, i32 7)
  %r2 = call i32 @ops(i32 -100, i32 7)
  %r3 = call i32 @ops(i32 2147483647, i32 -2)
  %r4 = call i32 @ops(i32 -123456789, i32 35)
  %r5 = call i32 @flags(i32 1234, i32 5678)
  %s1 = add i32 %r1, %r2
  %s2 = add i32 %s1, %r3
  %s3 = add i32 %s2, %r4
  %s4 = add i32 %s3, %r5
  %m = and i32 %s4, 255
  ret i32 %m
}
