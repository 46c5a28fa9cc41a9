; fixture: zeroext/signext parameter and return attributes on i1/i8/i16, incl. values with the high bit set, round trips through extension in caller and callee, and libc calls (toupper, isdigit) taking promoted ints
; exit: 154
; stdout: sx8(-5)=-50 zx8(251)=2510 sx16(-300)=-299 zx16(65236)=65237
; stdout: ret sext i8=-56 ret zext i8=200 ret sext i16=-25536 ret zext i1=1
; stdout: bool param: 51 -1  mixed=-1974500344649
; stdout: libc: toupper(q)=Q isdigit(7)=1 isdigit(x)=0

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [53 x i8] c"sx8(-5)=%d zx8(251)=%d sx16(-300)=%d zx16(65236)=%d\0A\00"
@fmt2 = private unnamed_addr constant [62 x i8] c"ret sext i8=%d ret zext i8=%d ret sext i16=%d ret zext i1=%d\0A\00"
@fmt3 = private unnamed_addr constant [30 x i8] c"bool param: %d %d  mixed=%ld\0A\00"
@fmt4 = private unnamed_addr constant [49 x i8] c"libc: toupper(q)=%c isdigit(7)=%d isdigit(x)=%d\0A\00"

declare i32 @printf(ptr, ...)
declare i32 @toupper(i32)
declare i32 @isdigit(i32)

define internal i32 @sx8(i8 signext %x) {
  %e = sext i8 %x to i32
  %r = mul i32 %e, 10
  ret i32 %r
}
define internal i32 @zx8(i8 zeroext %x) {
  %e = zext i8 %x to i32
  %r = mul i32 %e, 10
  ret i32 %r
}
define internal i32 @sx16(i16 signext %x) {
  %e = sext i16 %x to i32
  %r = add i32 %e, 1
  ret i32 %r
}
define internal i32 @zx16(i16 zeroext %x) {
  %e = zext i16 %x to i32
  %r = add i32 %e, 1
  ret i32 %r
}
define internal signext i8 @ret_s8(i32 %x) {
  %t = trunc i32 %x to i8
  ret i8 %t
}
define internal zeroext i8 @ret_z8(i32 %x) {
  %t = trunc i32 %x to i8
  ret i8 %t
}
define internal signext i16 @ret_s16(i32 %x) {
  %t = trunc i32 %x to i16
  ret i16 %t
}
define internal zeroext i1 @ret_b(i32 %x) {
  %c = icmp sgt i32 %x, 100
  ret i1 %c
}
define internal i32 @take_bool(i1 zeroext %b, i32 %x) {
  %e = zext i1 %b to i32
  %r = select i1 %b, i32 %x, i32 -1
  %r2 = add i32 %r, %e
  ret i32 %r2
}
define internal i64 @mixed(i8 signext %a, i16 zeroext %b, i1 zeroext %c, i8 zeroext %d, i16 signext %e) {
  %a1 = sext i8 %a to i64
  %b1 = zext i16 %b to i64
  %c1 = zext i1 %c to i64
  %d1 = zext i8 %d to i64
  %e1 = sext i16 %e to i64
  %s1 = mul i64 %a1, 1000000
  %s2 = mul i64 %b1, 10
  %s3 = add i64 %s1, %s2
  %s4 = add i64 %s3, %c1
  %s5 = mul i64 %d1, 100000000
  %s6 = add i64 %s4, %s5
  %s7 = mul i64 %e1, 1000000000000
  %s8 = add i64 %s6, %s7
  ret i64 %s8
}

define i32 @main() {
entry:
  %a = call i32 @sx8(i8 signext -5)
  %b = call i32 @zx8(i8 zeroext -5)
  %c = call i32 @sx16(i16 signext -300)
  %d = call i32 @zx16(i16 zeroext -300)
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %a, i32 %b, i32 %c, i32 %d)
  %r1 = call signext i8 @ret_s8(i32 200)
  %r2 = call zeroext i8 @ret_z8(i32 200)
  %r3 = call signext i16 @ret_s16(i32 40000)
  %r4 = call zeroext i1 @ret_b(i32 101)
  %r1e = sext i8 %r1 to i32
  %r2e = zext i8 %r2 to i32
  %r3e = sext i16 %r3 to i32
  %r4e = zext i1 %r4 to i32
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %r1e, i32 %r2e, i32 %r3e, i32 %r4e)
  %t1 = call i32 @take_bool(i1 zeroext true, i32 50)
  %t2 = call i32 @take_bool(i1 zeroext false, i32 50)
  %mx = call i64 @mixed(i8 signext -1, i16 zeroext -1, i1 zeroext true, i8 zeroext -1, i16 signext -2)
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %t1, i32 %t2, i64 %mx)
  %u = call i32 @toupper(i32 113)
  %dg = call i32 @isdigit(i32 55)
  %dgb = icmp ne i32 %dg, 0
  %dgz = zext i1 %dgb to i32
  %dx = call i32 @isdigit(i32 120)
  %dxb = icmp ne i32 %dx, 0
  %dxz = zext i1 %dxb to i32
  call i32 (ptr, ...) @printf(ptr @fmt4, i32 %u, i32 %dgz, i32 %dxz)
  %s1 = add i32 %a, %b
  %s2 = add i32 %s1, %c
  %s3 = add i32 %s2, %d
  %s4 = add i32 %s3, %r1e
  %s5 = add i32 %s4, %r2e
  %s6 = add i32 %s5, %r3e
  %s7 = add i32 %s6, %t1
  %s8 = add i32 %s7, %u
  %m = and i32 %s8, 255
  ret i32 %m
}
