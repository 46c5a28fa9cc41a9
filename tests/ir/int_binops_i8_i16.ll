; fixture: i8 and i16 add/sub/mul/udiv/sdiv/urem/srem/shl/lshr/ashr/and/or/xor with wraparound, printed via sext/zext to i32
; exit: 235
; stdout: 107 93 -68 14 14 2 2 | 0 0 0 | 4 103 99
; stdout: -93 -107 68 22 -14 2 -2 | 0 1 -1 | 4 -97 -101
; stdout: 125 -127 2 0 -63 127 1 | -64 1 1 | 126 -1 -127
; stdout: -117 117 -128 11 -11 7 -7 | 0 16 -16 | 0 -117 -117
; stdout: 1007 993 7000 142 142 6 6 | -3072 7 7 | 0 1007 1007
; stdout: -29923 -30077 -16240 461 -389 39 -47 | 0 4 -4 | 64 -29987 -30051
; stdout: 32765 -32767 2 0 -16383 32767 1 | -16384 1 1 | 32766 -1 -32767
; stdout: -32749 32749 -32768 1724 -1724 12 -12 | 0 4096 -4096 | 0 -32749 -32749
; stdout: flags: 127 27000 200 9000

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [44 x i8] c"%d %d %d %u %d %u %d | %d %u %d | %d %d %d\0A\00"
@fmt2 = private unnamed_addr constant [20 x i8] c"flags: %d %d %d %d\0A\00"

declare i32 @printf(ptr, ...)

define internal i8 @ops8(i8 %a, i8 %b) {
entry:
  %add = add i8 %a, %b
  %sub = sub i8 %a, %b
  %mul = mul i8 %a, %b
  %udiv = udiv i8 %a, %b
  %sdiv = sdiv i8 %a, %b
  %urem = urem i8 %a, %b
  %srem = srem i8 %a, %b
  %sh = and i8 %b, 7
  %shl = shl i8 %a, %sh
  %lshr = lshr i8 %a, %sh
  %ashr = ashr i8 %a, %sh
  %and = and i8 %a, %b
  %or = or i8 %a, %b
  %xor = xor i8 %a, %b
  %p.add = sext i8 %add to i32
  %p.sub = sext i8 %sub to i32
  %p.mul = sext i8 %mul to i32
  %p.udiv = zext i8 %udiv to i32
  %p.sdiv = sext i8 %sdiv to i32
  %p.urem = zext i8 %urem to i32
  %p.srem = sext i8 %srem to i32
  %p.shl = sext i8 %shl to i32
  %p.lshr = zext i8 %lshr to i32
  %p.ashr = sext i8 %ashr to i32
  %p.and = sext i8 %and to i32
  %p.or = sext i8 %or to i32
  %p.xor = sext i8 %xor to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt, i32 %p.add, i32 %p.sub, i32 %p.mul, i32 %p.udiv, i32 %p.sdiv, i32 %p.urem, i32 %p.srem, i32 %p.shl, i32 %p.lshr, i32 %p.ashr, i32 %p.and, i32 %p.or, i32 %p.xor)
  %c1 = xor i8 %add, %sub
  %c2 = add i8 %c1, %mul
  %c3 = xor i8 %c2, %udiv
  %c4 = add i8 %c3, %sdiv
  %c5 = xor i8 %c4, %urem
  %c6 = add i8 %c5, %srem
  %c7 = xor i8 %c6, %shl
  %c8 = add i8 %c7, %lshr
  %c9 = xor i8 %c8, %ashr
  %c10 = add i8 %c9, %and
  %c11 = xor i8 %c10, %or
  %c12 = add i8 %c11, %xor
  ret i8 %c12
}

define internal i16 @ops16(i16 %a, i16 %b) {
entry:
  %add = add i16 %a, %b
  %sub = sub i16 %a, %b
  %mul = mul i16 %a, %b
  %udiv = udiv i16 %a, %b
  %sdiv = sdiv i16 %a, %b
  %urem = urem i16 %a, %b
  %srem = srem i16 %a, %b
  %sh = and i16 %b, 15
  %shl = shl i16 %a, %sh
  %lshr = lshr i16 %a, %sh
  %ashr = ashr i16 %a, %sh
  %and = and i16 %a, %b
  %or = or i16 %a, %b
  %xor = xor i16 %a, %b
  %p.add = sext i16 %add to i32
  %p.sub = sext i16 %sub to i32
  %p.mul = sext i16 %mul to i32
  %p.udiv = zext i16 %udiv to i32
  %p.sdiv = sext i16 %sdiv to i32
  %p.urem = zext i16 %urem to i32
  %p.srem = sext i16 %srem to i32
  %p.shl = sext i16 %shl to i32
  %p.lshr = zext i16 %lshr to i32
  %p.ashr = sext i16 %ashr to i32
  %p.and = sext i16 %and to i32
  %p.or = sext i16 %or to i32
  %p.xor = sext i16 %xor to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt, i32 %p.add, i32 %p.sub, i32 %p.mul, i32 %p.udiv, i32 %p.sdiv, i32 %p.urem, i32 %p.srem, i32 %p.shl, i32 %p.lshr, i32 %p.ashr, i32 %p.and, i32 %p.or, i32 %p.xor)
  %c1 = xor i16 %add, %sub
  %c2 = add i16 %c1, %mul
  %c3 = xor i16 %c2, %udiv
  %c4 = add i16 %c3, %sdiv
  %c5 = xor i16 %c4, %urem
  %c6 = add i16 %c5, %srem
  %c7 = xor i16 %c6, %shl
  %c8 = add i16 %c7, %lshr
  %c9 = xor i16 %c8, %ashr
  %c10 = add i16 %c9, %and
  %c11 = xor i16 %c10, %or
  %c12 = add i16 %c11, %xor
  ret i16 %c12
}

define internal i32 @flags(i8 %a, i16 %b) {
entry:
  %add8 = add nsw i8 %a, 27
  %mul16 = mul nuw nsw i16 %b, 9
  %shl8 = shl nuw i8 %a, 1
  %div16 = udiv exact i16 %mul16, 3
  %p1 = sext i8 %add8 to i32
  %p2 = zext i16 %mul16 to i32
  %p3 = zext i8 %shl8 to i32
  %p4 = zext i16 %div16 to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt2, i32 %p1, i32 %p2, i32 %p3, i32 %p4)
  %s1 = add i32 %p1, %p2
  %s2 = add i32 %s1, %p3
  %s3 = add i32 %s2, %p4
  ret i32 %s3
}

define i32 @main() {
entry:
  %a1 = call i8 @ops8(i8 100, i8 7)
  %a2 = call i8 @ops8(i8 -100, i8 7)
  %a3 = call i8 @ops8(i8 127, i8 -2)
  %a4 = call i8 @ops8(i8 -128, i8 11)
  %b1 = call i16 @ops16(i16 1000, i16 7)
  %b2 = call i16 @ops16(i16 -30000, i16 77)
  %b3 = call i16 @ops16(i16 32767, i16 -2)
  %b4 = call i16 @ops16(i16 -32768, i16 19)
  %f = call i32 @flags(i8 100, i16 3000)
  %x1 = add i8 %a1, %a2
  %x2 = add i8 %x1, %a3
  %x3 = add i8 %x2, %a4
  %y1 = add i16 %b1, %b2
  %y2 = add i16 %y1, %b3
  %y3 = add i16 %y2, %b4
  %xz = zext i8 %x3 to i32
  %yz = zext i16 %y3 to i32
  %s = add i32 %xz, %yz
  %s2 = add i32 %s, %f
  %m = and i32 %s2, 255
  ret i32 %m
}
