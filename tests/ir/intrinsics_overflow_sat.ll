; fixture: llvm.{s,u}{add,sub,mul}.with.overflow (i8/i32/i64 result+flag pairs) and llvm.{s,u}{add,sub}.sat saturating arithmetic (i8/i16/i32)
; exit: 241
; stdout: sadd  2147483647,1 -> -2147483648 ovf=1
; stdout: uadd  2147483647,1 -> -2147483648 ovf=0
; stdout: ssub  2147483647,1 -> 2147483646 ovf=0
; stdout: usub  2147483647,1 -> 2147483646 ovf=0
; stdout: smul  2147483647,1 -> 2147483647 ovf=0
; stdout: umul  2147483647,1 -> 2147483647 ovf=0
; stdout: sadd  -5,3 -> -2 ovf=0
; stdout: uadd  -5,3 -> -2 ovf=0
; stdout: ssub  -5,3 -> -8 ovf=0
; stdout: usub  -5,3 -> -8 ovf=0
; stdout: smul  -5,3 -> -15 ovf=0
; stdout: umul  -5,3 -> -15 ovf=1
; stdout: sadd  65536,65536 -> 131072 ovf=0
; stdout: uadd  65536,65536 -> 131072 ovf=0
; stdout: ssub  65536,65536 -> 0 ovf=0
; stdout: usub  65536,65536 -> 0 ovf=0
; stdout: smul  65536,65536 -> 0 ovf=1
; stdout: umul  65536,65536 -> 0 ovf=1
; stdout: sadd  -2147483648,-1 -> 2147483647 ovf=1
; stdout: uadd  -2147483648,-1 -> 2147483647 ovf=1
; stdout: ssub  -2147483648,-1 -> -2147483647 ovf=0
; stdout: usub  -2147483648,-1 -> -2147483647 ovf=1
; stdout: smul  -2147483648,-1 -> -2147483648 ovf=1
; stdout: umul  -2147483648,-1 -> -2147483648 ovf=1
; stdout: i64: smul -9223372036854775808 ovf=0  umul 0 ovf=1  uadd 1 ovf=1
; stdout: i8: sadd -56 ovf=1 usub 249 ovf=1
; stdout: sat i8: sadd=127 ssub=-128 uadd=255 usub=0  i16: sadd=-32768 usub=1  i32: sadd=2147483647 ssub=-2147483648 uadd=4294967291 usub=0

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [25 x i8] c"%-5s %d,%d -> %d ovf=%d\0A\00"
@fmt2 = private unnamed_addr constant [56 x i8] c"i64: smul %ld ovf=%d  umul %lu ovf=%d  uadd %lu ovf=%d\0A\00"
@fmt3 = private unnamed_addr constant [35 x i8] c"i8: sadd %d ovf=%d usub %d ovf=%d\0A\00"
@fmt4 = private unnamed_addr constant [101 x i8] c"sat i8: sadd=%d ssub=%d uadd=%d usub=%d  i16: sadd=%d usub=%d  i32: sadd=%d ssub=%d uadd=%u usub=%u\0A\00"
@n.sadd = private unnamed_addr constant [5 x i8] c"sadd\00"
@n.uadd = private unnamed_addr constant [5 x i8] c"uadd\00"
@n.ssub = private unnamed_addr constant [5 x i8] c"ssub\00"
@n.usub = private unnamed_addr constant [5 x i8] c"usub\00"
@n.smul = private unnamed_addr constant [5 x i8] c"smul\00"
@n.umul = private unnamed_addr constant [5 x i8] c"umul\00"

declare i32 @printf(ptr, ...)
declare { i32, i1 } @llvm.sadd.with.overflow.i32(i32, i32)
declare { i32, i1 } @llvm.uadd.with.overflow.i32(i32, i32)
declare { i32, i1 } @llvm.ssub.with.overflow.i32(i32, i32)
declare { i32, i1 } @llvm.usub.with.overflow.i32(i32, i32)
declare { i32, i1 } @llvm.smul.with.overflow.i32(i32, i32)
declare { i32, i1 } @llvm.umul.with.overflow.i32(i32, i32)
declare { i64, i1 } @llvm.smul.with.overflow.i64(i64, i64)
declare { i64, i1 } @llvm.umul.with.overflow.i64(i64, i64)
declare { i64, i1 } @llvm.uadd.with.overflow.i64(i64, i64)
declare { i8, i1 } @llvm.sadd.with.overflow.i8(i8, i8)
declare { i8, i1 } @llvm.usub.with.overflow.i8(i8, i8)
declare i8 @llvm.sadd.sat.i8(i8, i8)
declare i8 @llvm.ssub.sat.i8(i8, i8)
declare i8 @llvm.uadd.sat.i8(i8, i8)
declare i8 @llvm.usub.sat.i8(i8, i8)
declare i16 @llvm.sadd.sat.i16(i16, i16)
declare i16 @llvm.usub.sat.i16(i16, i16)
declare i32 @llvm.sadd.sat.i32(i32, i32)
declare i32 @llvm.ssub.sat.i32(i32, i32)
declare i32 @llvm.uadd.sat.i32(i32, i32)
declare i32 @llvm.usub.sat.i32(i32, i32)

define internal i32 @show(ptr %name, i32 %a, i32 %b, { i32, i1 } %r) {
  %v = extractvalue { i32, i1 } %r, 0
  %o = extractvalue { i32, i1 } %r, 1
  %oz = zext i1 %o to i32
  call i32 (ptr, ...) @printf(ptr @fmt1, ptr %name, i32 %a, i32 %b, i32 %v, i32 %oz)
  ret i32 %oz
}

define internal i32 @all32(i32 %a, i32 %b) {
  %r1 = call { i32, i1 } @llvm.sadd.with.overflow.i32(i32 %a, i32 %b)
  %o1 = call i32 @show(ptr @n.sadd, i32 %a, i32 %b, { i32, i1 } %r1)
  %r2 = call { i32, i1 } @llvm.uadd.with.overflow.i32(i32 %a, i32 %b)
  %o2 = call i32 @show(ptr @n.uadd, i32 %a, i32 %b, { i32, i1 } %r2)
  %r3 = call { i32, i1 } @llvm.ssub.with.overflow.i32(i32 %a, i32 %b)
  %o3 = call i32 @show(ptr @n.ssub, i32 %a, i32 %b, { i32, i1 } %r3)
  %r4 = call { i32, i1 } @llvm.usub.with.overflow.i32(i32 %a, i32 %b)
  %o4 = call i32 @show(ptr @n.usub, i32 %a, i32 %b, { i32, i1 } %r4)
  %r5 = call { i32, i1 } @llvm.smul.with.overflow.i32(i32 %a, i32 %b)
  %o5 = call i32 @show(ptr @n.smul, i32 %a, i32 %b, { i32, i1 } %r5)
  %r6 = call { i32, i1 } @llvm.umul.with.overflow.i32(i32 %a, i32 %b)
  %o6 = call i32 @show(ptr @n.umul, i32 %a, i32 %b, { i32, i1 } %r6)
  %b1 = shl i32 %o1, 0
  %b2 = shl i32 %o2, 1
  %b3 = shl i32 %o3, 2
  %b4 = shl i32 %o4, 3
  %b5 = shl i32 %o5, 4
  %b6 = shl i32 %o6, 5
  %m1 = or i32 %b1, %b2
  %m2 = or i32 %m1, %b3
  %m3 = or i32 %m2, %b4
  %m4 = or i32 %m3, %b5
  %m5 = or i32 %m4, %b6
  ret i32 %m5
}

define i32 @main() {
entry:
  %x1 = call i32 @all32(i32 2147483647, i32 1)
  %x2 = call i32 @all32(i32 -5, i32 3)
  %x3 = call i32 @all32(i32 65536, i32 65536)
  %x4 = call i32 @all32(i32 -2147483648, i32 -1)
  %q1 = call { i64, i1 } @llvm.smul.with.overflow.i64(i64 4294967296, i64 -2147483648)
  %q2 = call { i64, i1 } @llvm.umul.with.overflow.i64(i64 4294967296, i64 4294967296)
  %q3 = call { i64, i1 } @llvm.uadd.with.overflow.i64(i64 -1, i64 2)
  %q1v = extractvalue { i64, i1 } %q1, 0
  %q1o = extractvalue { i64, i1 } %q1, 1
  %q2v = extractvalue { i64, i1 } %q2, 0
  %q2o = extractvalue { i64, i1 } %q2, 1
  %q3v = extractvalue { i64, i1 } %q3, 0
  %q3o = extractvalue { i64, i1 } %q3, 1
  %q1z = zext i1 %q1o to i32
  %q2z = zext i1 %q2o to i32
  %q3z = zext i1 %q3o to i32
  call i32 (ptr, ...) @printf(ptr @fmt2, i64 %q1v, i32 %q1z, i64 %q2v, i32 %q2z, i64 %q3v, i32 %q3z)
  %c1 = call { i8, i1 } @llvm.sadd.with.overflow.i8(i8 100, i8 100)
  %c2 = call { i8, i1 } @llvm.usub.with.overflow.i8(i8 3, i8 10)
  %c1v = extractvalue { i8, i1 } %c1, 0
  %c1o = extractvalue { i8, i1 } %c1, 1
  %c2v = extractvalue { i8, i1 } %c2, 0
  %c2o = extractvalue { i8, i1 } %c2, 1
  %c1ve = sext i8 %c1v to i32
  %c1oz = zext i1 %c1o to i32
  %c2ve = zext i8 %c2v to i32
  %c2oz = zext i1 %c2o to i32
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %c1ve, i32 %c1oz, i32 %c2ve, i32 %c2oz)
  %s1 = call i8 @llvm.sadd.sat.i8(i8 100, i8 100)
  %s2 = call i8 @llvm.ssub.sat.i8(i8 -100, i8 100)
  %s3 = call i8 @llvm.uadd.sat.i8(i8 200, i8 100)
  %s4 = call i8 @llvm.usub.sat.i8(i8 10, i8 20)
  %s5 = call i16 @llvm.sadd.sat.i16(i16 -30000, i16 -30000)
  %s6 = call i16 @llvm.usub.sat.i16(i16 1000, i16 999)
  %s7 = call i32 @llvm.sadd.sat.i32(i32 2147483600, i32 100)
  %s8 = call i32 @llvm.ssub.sat.i32(i32 -2147483600, i32 100)
  %s9 = call i32 @llvm.uadd.sat.i32(i32 -10, i32 5)
  %s10 = call i32 @llvm.usub.sat.i32(i32 5, i32 -10)
  %s1e = sext i8 %s1 to i32
  %s2e = sext i8 %s2 to i32
  %s3e = zext i8 %s3 to i32
  %s4e = zext i8 %s4 to i32
  %s5e = sext i16 %s5 to i32
  %s6e = zext i16 %s6 to i32
  call i32 (ptr, ...) @printf(ptr @fmt4, i32 %s1e, i32 %s2e, i32 %s3e, i32 %s4e, i32 %s5e, i32 %s6e, i32 %s7, i32 %s8, i32 %s9, i32 %s10)
  %t1 = mul i32 %x1, 1
  %t2 = mul i32 %x2, 3
  %t3 = mul i32 %x3, 5
  %t4 = mul i32 %x4, 7
  %u1 = add i32 %t1, %t2
  %u2 = add i32 %u1, %t3
  %u3 = add i32 %u2, %t4
  %u4 = add i32 %u3, %q1z
  %u5 = add i32 %u4, %q2z
  %u6 = add i32 %u5, %c1oz
  %u7 = add i32 %u6, %s6e
  %m = and i32 %u7, 255
  ret i32 %m
}
