; fixture: icmp with all ten predicates (eq ne ugt uge ult ule sgt sge slt sle) on i8, i32, i64 and ptr operands
; exit: 225
; stdout: i32 eq=1 ne=0 ugt=0 uge=1 ult=0 ule=1 sgt=0 sge=1 slt=0 sle=1
; stdout: i32 eq=0 ne=1 ugt=1 uge=1 ult=0 ule=0 sgt=0 sge=0 slt=1 sle=1
; stdout: i32 eq=0 ne=1 ugt=0 uge=0 ult=1 ule=1 sgt=1 sge=1 slt=0 sle=0
; stdout: i32 eq=0 ne=1 ugt=1 uge=1 ult=0 ule=0 sgt=0 sge=0 slt=1 sle=1
; stdout: i8  eq=0 ne=1 ugt=1 uge=1 ult=0 ule=0 sgt=0 sge=0 slt=1 sle=1
; stdout: i8  eq=0 ne=1 ugt=0 uge=0 ult=1 ule=1 sgt=1 sge=1 slt=0 sle=0
; stdout: i64 eq=0 ne=1 ugt=1 uge=1 ult=0 ule=0 sgt=0 sge=0 slt=1 sle=1
; stdout: i64 eq=0 ne=1 ugt=1 uge=1 ult=0 ule=0 sgt=1 sge=1 slt=0 sle=0
; stdout: ptr eq=0 ne=1 ugt=0 uge=0 ult=1 ule=1 sgt=0 sge=0 slt=1 sle=1
; stdout: ptr eq=1 ne=0 ugt=0 uge=1 ult=0 ule=1 sgt=0 sge=1 slt=0 sle=1
; stdout: mask checksum=5998

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [74 x i8] c"%-3s eq=%d ne=%d ugt=%d uge=%d ult=%d ule=%d sgt=%d sge=%d slt=%d sle=%d\0A\00"
@n.i8 = private unnamed_addr constant [3 x i8] c"i8\00"
@n.i32 = private unnamed_addr constant [4 x i8] c"i32\00"
@n.i64 = private unnamed_addr constant [4 x i8] c"i64\00"
@n.ptr = private unnamed_addr constant [4 x i8] c"ptr\00"
@arr = internal global [4 x i32] zeroinitializer
@fmtm = private unnamed_addr constant [18 x i8] c"mask checksum=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @cmp_i8(i8 %a, i8 %b) {
entry:
  %c.eq = icmp eq i8 %a, %b
  %z.eq = zext i1 %c.eq to i32
  %c.ne = icmp ne i8 %a, %b
  %z.ne = zext i1 %c.ne to i32
  %c.ugt = icmp ugt i8 %a, %b
  %z.ugt = zext i1 %c.ugt to i32
  %c.uge = icmp uge i8 %a, %b
  %z.uge = zext i1 %c.uge to i32
  %c.ult = icmp ult i8 %a, %b
  %z.ult = zext i1 %c.ult to i32
  %c.ule = icmp ule i8 %a, %b
  %z.ule = zext i1 %c.ule to i32
  %c.sgt = icmp sgt i8 %a, %b
  %z.sgt = zext i1 %c.sgt to i32
  %c.sge = icmp sge i8 %a, %b
  %z.sge = zext i1 %c.sge to i32
  %c.slt = icmp slt i8 %a, %b
  %z.slt = zext i1 %c.slt to i32
  %c.sle = icmp sle i8 %a, %b
  %z.sle = zext i1 %c.sle to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt, ptr @n.i8, i32 %z.eq, i32 %z.ne, i32 %z.ugt, i32 %z.uge, i32 %z.ult, i32 %z.ule, i32 %z.sgt, i32 %z.sge, i32 %z.slt, i32 %z.sle)
  %m0 = add i32 0, 0
  %sh.eq = shl i32 %z.eq, 0
  %m1 = or i32 %m0, %sh.eq
  %sh.ne = shl i32 %z.ne, 1
  %m2 = or i32 %m1, %sh.ne
  %sh.ugt = shl i32 %z.ugt, 2
  %m3 = or i32 %m2, %sh.ugt
  %sh.uge = shl i32 %z.uge, 3
  %m4 = or i32 %m3, %sh.uge
  %sh.ult = shl i32 %z.ult, 4
  %m5 = or i32 %m4, %sh.ult
  %sh.ule = shl i32 %z.ule, 5
  %m6 = or i32 %m5, %sh.ule
  %sh.sgt = shl i32 %z.sgt, 6
  %m7 = or i32 %m6, %sh.sgt
  %sh.sge = shl i32 %z.sge, 7
  %m8 = or i32 %m7, %sh.sge
  %sh.slt = shl i32 %z.slt, 8
  %m9 = or i32 %m8, %sh.slt
  %sh.sle = shl i32 %z.sle, 9
  %m10 = or i32 %m9, %sh.sle
  ret i32 %m10
}

define internal i32 @cmp_i32(i32 %a, i32 %b) {
entry:
  %c.eq = icmp eq i32 %a, %b
  %z.eq = zext i1 %c.eq to i32
  %c.ne = icmp ne i32 %a, %b
  %z.ne = zext i1 %c.ne to i32
  %c.ugt = icmp ugt i32 %a, %b
  %z.ugt = zext i1 %c.ugt to i32
  %c.uge = icmp uge i32 %a, %b
  %z.uge = zext i1 %c.uge to i32
  %c.ult = icmp ult i32 %a, %b
  %z.ult = zext i1 %c.ult to i32
  %c.ule = icmp ule i32 %a, %b
  %z.ule = zext i1 %c.ule to i32
  %c.sgt = icmp sgt i32 %a, %b
  %z.sgt = zext i1 %c.sgt to i32
  %c.sge = icmp sge i32 %a, %b
  %z.sge = zext i1 %c.sge to i32
  %c.slt = icmp slt i32 %a, %b
  %z.slt = zext i1 %c.slt to i32
  %c.sle = icmp sle i32 %a, %b
  %z.sle = zext i1 %c.sle to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt, ptr @n.i32, i32 %z.eq, i32 %z.ne, i32 %z.ugt, i32 %z.uge, i32 %z.ult, i32 %z.ule, i32 %z.sgt, i32 %z.sge, i32 %z.slt, i32 %z.sle)
  %m0 = add i32 0, 0
  %sh.eq = shl i32 %z.eq, 0
  %m1 = or i32 %m0, %sh.eq
  %sh.ne = shl i32 %z.ne, 1
  %m2 = or i32 %m1, %sh.ne
  %sh.ugt = shl i32 %z.ugt, 2
  %m3 = or i32 %m2, %sh.ugt
  %sh.uge = shl i32 %z.uge, 3
  %m4 = or i32 %m3, %sh.uge
  %sh.ult = shl i32 %z.ult, 4
  %m5 = or i32 %m4, %sh.ult
  %sh.ule = shl i32 %z.ule, 5
  %m6 = or i32 %m5, %sh.ule
  %sh.sgt = shl i32 %z.sgt, 6
  %m7 = or i32 %m6, %sh.sgt
  %sh.sge = shl i32 %z.sge, 7
  %m8 = or i32 %m7, %sh.sge
  %sh.slt = shl i32 %z.slt, 8
  %m9 = or i32 %m8, %sh.slt
  %sh.sle = shl i32 %z.sle, 9
  %m10 = or i32 %m9, %sh.sle
  ret i32 %m10
}

define internal i32 @cmp_i64(i64 %a, i64 %b) {
entry:
  %c.eq = icmp eq i64 %a, %b
  %z.eq = zext i1 %c.eq to i32
  %c.ne = icmp ne i64 %a, %b
  %z.ne = zext i1 %c.ne to i32
  %c.ugt = icmp ugt i64 %a, %b
  %z.ugt = zext i1 %c.ugt to i32
  %c.uge = icmp uge i64 %a, %b
  %z.uge = zext i1 %c.uge to i32
  %c.ult = icmp ult i64 %a, %b
  %z.ult = zext i1 %c.ult to i32
  %c.ule = icmp ule i64 %a, %b
  %z.ule = zext i1 %c.ule to i32
  %c.sgt = icmp sgt i64 %a, %b
  %z.sgt = zext i1 %c.sgt to i32
  %c.sge = icmp sge i64 %a, %b
  %z.sge = zext i1 %c.sge to i32
  %c.slt = icmp slt i64 %a, %b
  %z.slt = zext i1 %c.slt to i32
  %c.sle = icmp sle i64 %a, %b
  %z.sle = zext i1 %c.sle to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt, ptr @n.i64, i32 %z.eq, i32 %z.ne, i32 %z.ugt, i32 %z.uge, i32 %z.ult, i32 %z.ule, i32 %z.sgt, i32 %z.sge, i32 %z.slt, i32 %z.sle)
  %m0 = add i32 0, 0
  %sh.eq = shl i32 %z.eq, 0
  %m1 = or i32 %m0, %sh.eq
  %sh.ne = shl i32 %z.ne, 1
  %m2 = or i32 %m1, %sh.ne
  %sh.ugt = shl i32 %z.ugt, 2
  %m3 = or i32 %m2, %sh.ugt
  %sh.uge = shl i32 %z.uge, 3
  %m4 = or i32 %m3, %sh.uge
  %sh.ult = shl i32 %z.ult, 4
  %m5 = or i32 %m4, %sh.ult
  %sh.ule = shl i32 %z.ule, 5
  %m6 = or i32 %m5, %sh.ule
  %sh.sgt = shl i32 %z.sgt, 6
  %m7 = or i32 %m6, %sh.sgt
  %sh.sge = shl i32 %z.sge, 7
  %m8 = or i32 %m7, %sh.sge
  %sh.slt = shl i32 %z.slt, 8
  %m9 = or i32 %m8, %sh.slt
  %sh.sle = shl i32 %z.sle, 9
  %m10 = or i32 %m9, %sh.sle
  ret i32 %m10
}

define internal i32 @cmp_ptr(ptr %a, ptr %b) {
entry:
  %c.eq = icmp eq ptr %a, %b
  %z.eq = zext i1 %c.eq to i32
  %c.ne = icmp ne ptr %a, %b
  %z.ne = zext i1 %c.ne to i32
  %c.ugt = icmp ugt ptr %a, %b
  %z.ugt = zext i1 %c.ugt to i32
  %c.uge = icmp uge ptr %a, %b
  %z.uge = zext i1 %c.uge to i32
  %c.ult = icmp ult ptr %a, %b
  %z.ult = zext i1 %c.ult to i32
  %c.ule = icmp ule ptr %a, %b
  %z.ule = zext i1 %c.ule to i32
  %c.sgt = icmp sgt ptr %a, %b
  %z.sgt = zext i1 %c.sgt to i32
  %c.sge = icmp sge ptr %a, %b
  %z.sge = zext i1 %c.sge to i32
  %c.slt = icmp slt ptr %a, %b
  %z.slt = zext i1 %c.slt to i32
  %c.sle = icmp sle ptr %a, %b
  %z.sle = zext i1 %c.sle to i32
  %r = call i32 (ptr, ...) @printf(ptr @fmt, ptr @n.ptr, i32 %z.eq, i32 %z.ne, i32 %z.ugt, i32 %z.uge, i32 %z.ult, i32 %z.ule, i32 %z.sgt, i32 %z.sge, i32 %z.slt, i32 %z.sle)
  %m0 = add i32 0, 0
  %sh.eq = shl i32 %z.eq, 0
  %m1 = or i32 %m0, %sh.eq
  %sh.ne = shl i32 %z.ne, 1
  %m2 = or i32 %m1, %sh.ne
  %sh.ugt = shl i32 %z.ugt, 2
  %m3 = or i32 %m2, %sh.ugt
  %sh.uge = shl i32 %z.uge, 3
  %m4 = or i32 %m3, %sh.uge
  %sh.ult = shl i32 %z.ult, 4
  %m5 = or i32 %m4, %sh.ult
  %sh.ule = shl i32 %z.ule, 5
  %m6 = or i32 %m5, %sh.ule
  %sh.sgt = shl i32 %z.sgt, 6
  %m7 = or i32 %m6, %sh.sgt
  %sh.sge = shl i32 %z.sge, 7
  %m8 = or i32 %m7, %sh.sge
  %sh.slt = shl i32 %z.slt, 8
  %m9 = or i32 %m8, %sh.slt
  %sh.sle = shl i32 %z.sle, 9
  %m10 = or i32 %m9, %sh.sle
  ret i32 %m10
}

define i32 @main() {
entry:
  %a1 = call i32 @cmp_i32(i32 5, i32 5)
  %a2 = call i32 @cmp_i32(i32 -1, i32 1)
  %a3 = call i32 @cmp_i32(i32 1, i32 -1)
  %a4 = call i32 @cmp_i32(i32 -2147483648, i32 2147483647)
  %b1 = call i32 @cmp_i8(i8 -128, i8 127)
  %b2 = call i32 @cmp_i8(i8 100, i8 -100)
  %c1 = call i32 @cmp_i64(i64 -9223372036854775808, i64 0)
  %c2 = call i32 @cmp_i64(i64 4294967296, i64 4294967295)
  %p0 = getelementptr inbounds [4 x i32], ptr @arr, i64 0, i64 1
  %p1 = getelementptr inbounds [4 x i32], ptr @arr, i64 0, i64 3
  %d1 = call i32 @cmp_ptr(ptr %p0, ptr %p1)
  %d2 = call i32 @cmp_ptr(ptr %p1, ptr %p1)
  %s1 = add i32 %a1, %a2
  %s2 = add i32 %s1, %a3
  %s3 = add i32 %s2, %a4
  %s4 = add i32 %s3, %b1
  %s5 = add i32 %s4, %b2
  %s6 = add i32 %s5, %c1
  %s7 = add i32 %s6, %c2
  %s8 = add i32 %s7, %d1
  %s9 = add i32 %s8, %d2
  %r = call i32 (ptr, ...) @printf(ptr @fmtm, i32 %s9)
  %m = urem i32 %s9, 251
  ret i32 %m
}
