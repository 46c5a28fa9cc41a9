; fixture: i64 add/sub/mul/udiv/sdiv/urem/srem/shl/lshr/ashr/and/or/xor on runtime values, plus nsw/nuw/exact flags on non-overflowing operands
; exit: 179
; stdout: 107 93 700 14 14 2 2 | 12800 0 0 | 4 103 99
; stdout: -93 -107 -700 2635249153387078788 -14 0 -2 | -12800 144115188075855871 -1 | 4 -97 -101
; stdout: 9223372036854775805 -9223372036854775807 2 0 -4611686018427387903 9223372036854775807 1 | -4611686018427387904 1 1 | 9223372036854775806 -1 -9223372036854775807
; stdout: -1234567890123456690 -1234567890123456888 6904987393744639201 173860365490768634 -12470382728519765 61 -54 | 1203577482767237120 500940257 -35930655 | 99 -1234567890123456789 -1234567890123456888
; stdout: -9223372036854775805 9223372036854775805 -9223372036854775808 3074457345618258602 -3074457345618258602 2 -2 | 0 1152921504606846976 -1152921504606846976 | 0 -9223372036854775805 -9223372036854775805
; stdout: flags: 8888888 6419754 9449772114007 1234567 19753072 4938268

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [57 x i8] c"%ld %ld %ld %lu %ld %lu %ld | %ld %lu %ld | %ld %ld %ld\0A\00"
@fmt2 = private unnamed_addr constant [32 x i8] c"flags: %ld %ld %ld %ld %ld %ld\0A\00"

declare i32 @printf(ptr, ...)

define internal i64 @ops(i64 %a, i64 %b) {
entry:
  %add = add i64 %a, %b
  %sub = sub i64 %a, %b
  %mul = mul i64 %a, %b
  %udiv = udiv i64 %a, %b
  %sdiv = sdiv i64 %a, %b
  %urem = urem i64 %a, %b
  %srem = srem i64 %a, %b
  %sh = and i64 %b, 63
  %shl = shl i64 %a, %sh
  %lshr = lshr i64 %a, %sh
  %ashr = ashr i64 %a, %sh
  %and = and i64 %a, %b
  %or = or i64 %a, %b
  %xor = xor i64 %a, %b
  %r = call i32 (ptr, ...) @printf(ptr @fmt, i64 %add, i64 %sub, i64 %mul, i64 %udiv, i64 %sdiv, i64 %urem, i64 %srem, i64 %shl, i64 %lshr, i64 %ashr, i64 %and, i64 %or, i64 %xor)
  %c1 = xor i64 %add, %sub
  %c2 = add i64 %c1, %mul
  %c3 = xor i64 %c2, %udiv
  %c4 = add i64 %c3, %sdiv
  %c5 = xor i64 %c4, %urem
  %c6 = add i64 %c5, %srem
  %c7 = xor i64 %c6, %shl
  %c8 = add i64 %c7, %lshr
  %c9 = xor i64 %c8, %ashr
  %c10 = add i64 %c9, %and
  %c11 = xor i64 %c10, %or
  %c12 = add i64 %c11, %xor
  ret i64 %c12
}

define internal i64 @flags(i64 %a, i64 %b) {
entry:
  %add = add nsw nuw i64 %a, %b
  %sub = sub nsw i64 %b, %a
  %mul = mul nuw nsw i64 %a, %b
  %sdiv = sdiv exact i64 %mul, %b
  %shl = shl nuw nsw i64 %a, 4
  %lshr = lshr exact i64 %shl, 2
  %r = call i32 (ptr, ...) @printf(ptr @fmt2, i64 %add, i64 %sub, i64 %mul, i64 %sdiv, i64 %shl, i64 %lshr)
  %s1 = add i64 %add, %sub
  %s2 = add i64 %s1, %sdiv
  %s3 = add i64 %s2, %lshr
  ret i64 %s3
}

define i32 @main() {
entry:
  %r1 = call i64 @ops(i64 100, i64 7)
  %r2 = call i64 @ops(i64 -100, i64 7)
  %r3 = call i64 @ops(i64 9223372036854775807, i64 -2)
  %r4 = call i64 @ops(i64 -1234567890123456789, i64 99)
  %r5 = call i64 @ops(i64 -9223372036854775808, i64 3)
  %r6 = call i64 @flags(i64 1234567, i64 7654321)
  %s1 = add i64 %r1, %r2
  %s2 = add i64 %s1, %r3
  %s3 = add i64 %s2, %r4
  %s4 = add i64 %s3, %r5
  %s5 = add i64 %s4, %r6
  %t = trunc i64 %s5 to i32
  %m = and i32 %t, 255
  ret i32 %m
}
