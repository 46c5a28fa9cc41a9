; fixture: 128-bit integer vectors <4 x i32> <2 x i64> <8 x i16> <16 x i8> - add sub mul and or xor shl lshr ashr (uniform and per-lane shift amounts), passed to and returned from functions
; exit: 195
; stdout: add  v4i32: 107 -97 -2147483647 -65503
; stdout: sub  v4i32: 93 -103 2147483645 -65569
; stdout: mul  v4i32: 700 -300 -2 -2162688
; stdout: and  v4i32: 4 0 2 0
; stdout: or   v4i32: 103 -97 2147483647 -65503
; stdout: xor  v4i32: 99 -97 2147483645 -65503
; stdout: shl  v4i32: 12800 -800 -4 -131072
; stdout: lshr v4i32: 0 536870899 536870911 2147450880
; stdout: ashr v4i32: 6 -7 134217727 -4096
; stdout: add  v2i64: 123456788012 -5581575914
; stdout: sub  v2i64: 123456790012 -14171510506
; stdout: mul  v2i64: -123456789012000 -5525941937061756928
; stdout: xor  v2i64: -123456788980 -14171510506
; stdout: shl  v2i64: 987654312096 5758157787825700864
; stdout: ashr v2i64: 61728394506 -1
; stdout: add  v8i16: 11 18 330 -360 -32768 32767 1100 0
; stdout: sub  v8i16: -9 -22 270 -440 32766 -32767 900 14
; stdout: mul  v8i16: 10 -40 9000 -16000 32767 -32768 -31072 -49
; stdout: or   v8i16: 11 -2 318 -392 32767 -1 1004 -1
; stdout: shl  v8i16: 1 -4 1200 -3200 -16 0 -1536 -32768
; stdout: lshr v8i16: 0 32767 150 32568 16383 16384 500 3
; stdout: add  v16i8: 01030507 80810044 10203040 b9cadbec
; stdout: sub  v16i8: ffffffff 7e7ffe3c 12243648 9bacbdce
; stdout: mul  v16i8: 0002060c 7f80ff00 efbc67f0 f6f5f4f3
; stdout: and  v16i8: 00000200 01000100 11223144 0a0b0c0d
; stdout: shl  v16i8: 00020406 fc00fc00 88109820 00800080
; stdout: ashr v16i8: 00000000 1fe0ff10 04080c11 eaeef3f7

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@f4 = private unnamed_addr constant [25 x i8] c"%-4s v4i32: %d %d %d %d\0A\00"
@f2 = private unnamed_addr constant [21 x i8] c"%-4s v2i64: %ld %ld\0A\00"
@f8 = private unnamed_addr constant [37 x i8] c"%-4s v8i16: %d %d %d %d %d %d %d %d\0A\00"
@f16 = private unnamed_addr constant [81 x i8] c"%-4s v16i8: %02x%02x%02x%02x %02x%02x%02x%02x %02x%02x%02x%02x %02x%02x%02x%02x\0A\00"
@n.add = private unnamed_addr constant [4 x i8] c"add\00"
@n.sub = private unnamed_addr constant [4 x i8] c"sub\00"
@n.mul = private unnamed_addr constant [4 x i8] c"mul\00"
@n.and = private unnamed_addr constant [4 x i8] c"and\00"
@n.or = private unnamed_addr constant [3 x i8] c"or\00"
@n.xor = private unnamed_addr constant [4 x i8] c"xor\00"
@n.shl = private unnamed_addr constant [4 x i8] c"shl\00"
@n.lshr = private unnamed_addr constant [5 x i8] c"lshr\00"
@n.ashr = private unnamed_addr constant [5 x i8] c"ashr\00"

declare i32 @printf(ptr, ...)

define internal void @p4(ptr %n, <4 x i32> %v) {
  %a = extractelement <4 x i32> %v, i32 0
  %b = extractelement <4 x i32> %v, i32 1
  %c = extractelement <4 x i32> %v, i32 2
  %d = extractelement <4 x i32> %v, i32 3
  call i32 (ptr, ...) @printf(ptr @f4, ptr %n, i32 %a, i32 %b, i32 %c, i32 %d)
  ret void
}
define internal void @p2(ptr %n, <2 x i64> %v) {
  %a = extractelement <2 x i64> %v, i32 0
  %b = extractelement <2 x i64> %v, i32 1
  call i32 (ptr, ...) @printf(ptr @f2, ptr %n, i64 %a, i64 %b)
  ret void
}
define internal void @p8(ptr %n, <8 x i16> %v) {
  %w = sext <8 x i16> %v to <8 x i32>
  %a = extractelement <8 x i32> %w, i32 0
  %b = extractelement <8 x i32> %w, i32 1
  %c = extractelement <8 x i32> %w, i32 2
  %d = extractelement <8 x i32> %w, i32 3
  %e = extractelement <8 x i32> %w, i32 4
  %f = extractelement <8 x i32> %w, i32 5
  %g = extractelement <8 x i32> %w, i32 6
  %h = extractelement <8 x i32> %w, i32 7
  call i32 (ptr, ...) @printf(ptr @f8, ptr %n, i32 %a, i32 %b, i32 %c, i32 %d, i32 %e, i32 %f, i32 %g, i32 %h)
  ret void
}
define internal void @p16(ptr %n, <16 x i8> %v) {
  %w = zext <16 x i8> %v to <16 x i32>
  %e0 = extractelement <16 x i32> %w, i32 0
  %e1 = extractelement <16 x i32> %w, i32 1
  %e2 = extractelement <16 x i32> %w, i32 2
  %e3 = extractelement <16 x i32> %w, i32 3
  %e4 = extractelement <16 x i32> %w, i32 4
  %e5 = extractelement <16 x i32> %w, i32 5
  %e6 = extractelement <16 x i32> %w, i32 6
  %e7 = extractelement <16 x i32> %w, i32 7
  %e8 = extractelement <16 x i32> %w, i32 8
  %e9 = extractelement <16 x i32> %w, i32 9
  %e10 = extractelement <16 x i32> %w, i32 10
  %e11 = extractelement <16 x i32> %w, i32 11
  %e12 = extractelement <16 x i32> %w, i32 12
  %e13 = extractelement <16 x i32> %w, i32 13
  %e14 = extractelement <16 x i32> %w, i32 14
  %e15 = extractelement <16 x i32> %w, i32 15
  call i32 (ptr, ...) @printf(ptr @f16, ptr %n, i32 %e0, i32 %e1, i32 %e2, i32 %e3, i32 %e4, i32 %e5, i32 %e6, i32 %e7, i32 %e8, i32 %e9, i32 %e10, i32 %e11, i32 %e12, i32 %e13, i32 %e14, i32 %e15)
  ret void
}

define internal <4 x i32> @ops4(<4 x i32> %a, <4 x i32> %b) {
  %add = add <4 x i32> %a, %b
  call void @p4(ptr @n.add, <4 x i32> %add)
  %sub = sub <4 x i32> %a, %b
  call void @p4(ptr @n.sub, <4 x i32> %sub)
  %mul = mul <4 x i32> %a, %b
  call void @p4(ptr @n.mul, <4 x i32> %mul)
  %and = and <4 x i32> %a, %b
  call void @p4(ptr @n.and, <4 x i32> %and)
  %or = or <4 x i32> %a, %b
  call void @p4(ptr @n.or, <4 x i32> %or)
  %xor = xor <4 x i32> %a, %b
  call void @p4(ptr @n.xor, <4 x i32> %xor)
  %sh = and <4 x i32> %b, <i32 31, i32 31, i32 31, i32 31>
  %shl = shl <4 x i32> %a, %sh
  call void @p4(ptr @n.shl, <4 x i32> %shl)
  %lshr = lshr <4 x i32> %a, %sh
  call void @p4(ptr @n.lshr, <4 x i32> %lshr)
  %ashr = ashr <4 x i32> %a, <i32 4, i32 4, i32 4, i32 4>
  call void @p4(ptr @n.ashr, <4 x i32> %ashr)
  %r1 = add <4 x i32> %add, %mul
  %r2 = xor <4 x i32> %r1, %shl
  %r3 = add <4 x i32> %r2, %ashr
  ret <4 x i32> %r3
}

define internal <2 x i64> @ops2(<2 x i64> %a, <2 x i64> %b) {
  %add = add <2 x i64> %a, %b
  call void @p2(ptr @n.add, <2 x i64> %add)
  %sub = sub <2 x i64> %a, %b
  call void @p2(ptr @n.sub, <2 x i64> %sub)
  %mul = mul <2 x i64> %a, %b
  call void @p2(ptr @n.mul, <2 x i64> %mul)
  %xor = xor <2 x i64> %a, %b
  call void @p2(ptr @n.xor, <2 x i64> %xor)
  %shl = shl <2 x i64> %a, <i64 3, i64 40>
  call void @p2(ptr @n.shl, <2 x i64> %shl)
  %ashr = ashr <2 x i64> %a, <i64 1, i64 63>
  call void @p2(ptr @n.ashr, <2 x i64> %ashr)
  %r = add <2 x i64> %mul, %shl
  ret <2 x i64> %r
}

define internal <8 x i16> @ops8(<8 x i16> %a, <8 x i16> %b) {
  %add = add <8 x i16> %a, %b
  call void @p8(ptr @n.add, <8 x i16> %add)
  %sub = sub <8 x i16> %a, %b
  call void @p8(ptr @n.sub, <8 x i16> %sub)
  %mul = mul <8 x i16> %a, %b
  call void @p8(ptr @n.mul, <8 x i16> %mul)
  %or = or <8 x i16> %a, %b
  call void @p8(ptr @n.or, <8 x i16> %or)
  %shl = shl <8 x i16> %a, <i16 0, i16 1, i16 2, i16 3, i16 4, i16 5, i16 6, i16 15>
  call void @p8(ptr @n.shl, <8 x i16> %shl)
  %lshr = lshr <8 x i16> %a, <i16 1, i16 1, i16 1, i16 1, i16 1, i16 1, i16 1, i16 1>
  call void @p8(ptr @n.lshr, <8 x i16> %lshr)
  %r = add <8 x i16> %mul, %lshr
  ret <8 x i16> %r
}

define internal <16 x i8> @ops16(<16 x i8> %a, <16 x i8> %b) {
  %add = add <16 x i8> %a, %b
  call void @p16(ptr @n.add, <16 x i8> %add)
  %sub = sub <16 x i8> %a, %b
  call void @p16(ptr @n.sub, <16 x i8> %sub)
  %mul = mul <16 x i8> %a, %b
  call void @p16(ptr @n.mul, <16 x i8> %mul)
  %and = and <16 x i8> %a, %b
  call void @p16(ptr @n.and, <16 x i8> %and)
  %shl = shl <16 x i8> %a, <i8 1, i8 1, i8 1, i8 1, i8 2, i8 2, i8 2, i8 2, i8 3, i8 3, i8 3, i8 3, i8 7, i8 7, i8 7, i8 7>
  call void @p16(ptr @n.shl, <16 x i8> %shl)
  %ashr = ashr <16 x i8> %a, <i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2, i8 2>
  call void @p16(ptr @n.ashr, <16 x i8> %ashr)
  %r = xor <16 x i8> %mul, %shl
  ret <16 x i8> %r
}

define i32 @main() {
entry:
  %r4 = call <4 x i32> @ops4(<4 x i32> <i32 100, i32 -100, i32 2147483647, i32 -65536>, <4 x i32> <i32 7, i32 3, i32 2, i32 33>)
  %r2 = call <2 x i64> @ops2(<2 x i64> <i64 123456789012, i64 -9876543210>, <2 x i64> <i64 -1000, i64 4294967296>)
  %r8 = call <8 x i16> @ops8(<8 x i16> <i16 1, i16 -2, i16 300, i16 -400, i16 32767, i16 -32768, i16 1000, i16 7>, <8 x i16> <i16 10, i16 20, i16 30, i16 40, i16 1, i16 -1, i16 100, i16 -7>)
  %r16 = call <16 x i8> @ops16(<16 x i8> <i8 0, i8 1, i8 2, i8 3, i8 127, i8 -128, i8 -1, i8 64, i8 17, i8 34, i8 51, i8 68, i8 -86, i8 -69, i8 -52, i8 -35>, <16 x i8> <i8 1, i8 2, i8 3, i8 4, i8 1, i8 1, i8 1, i8 4, i8 -1, i8 -2, i8 -3, i8 -4, i8 15, i8 15, i8 15, i8 15>)
  %a = extractelement <4 x i32> %r4, i32 0
  %b = extractelement <4 x i32> %r4, i32 3
  %c64 = extractelement <2 x i64> %r2, i32 1
  %c = trunc i64 %c64 to i32
  %d16 = extractelement <8 x i16> %r8, i32 5
  %d = sext i16 %d16 to i32
  %e8 = extractelement <16 x i8> %r16, i32 13
  %e = zext i8 %e8 to i32
  %s1 = add i32 %a, %b
  %s2 = add i32 %s1, %c
  %s3 = add i32 %s2, %d
  %s4 = add i32 %s3, %e
  %m = and i32 %s4, 255
  ret i32 %m
}
