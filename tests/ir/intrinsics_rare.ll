; fixture: llvm.is.fpclass on float/double, llvm.load.relative tables, overflow intrinsics on odd widths (i33, i17)
; exit: 0
; stdout: class 0: 000001
; stdout: class 1: 001100
; stdout: class 2: 010000
; stdout: class 3: 100000
; stdout: class 4: 000010
; stdout: class 5: 001000
; stdout: rel alpha
; stdout: rel beta
; stdout: rel gamma
; stdout: ovf -4294967296 1
; stdout: ovf 4294967294 0
; stdout: ovf 4294967295 1
; stdout: ovf -12 0
; stdout: ovf 131071 0
; stdout: ovf 0 1
; stdout: ovf 120000 0
; stdout: ovf 131044 0
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare i32 @printf(ptr, ...)
declare i1 @llvm.is.fpclass.f64(double, i32)
declare i1 @llvm.is.fpclass.f32(float, i32)
declare ptr @llvm.load.relative.i64(ptr, i64)
declare { i33, i1 } @llvm.sadd.with.overflow.i33(i33, i33)
declare { i33, i1 } @llvm.ssub.with.overflow.i33(i33, i33)
declare { i17, i1 } @llvm.umul.with.overflow.i17(i17, i17)
declare { i17, i1 } @llvm.uadd.with.overflow.i17(i17, i17)

@s0 = private constant [6 x i8] c"alpha\00"
@s1 = private constant [5 x i8] c"beta\00"
@s2 = private constant [6 x i8] c"gamma\00"
@rel = private constant [3 x i32] [
  i32 trunc (i64 sub (i64 ptrtoint (ptr @s0 to i64), i64 ptrtoint (ptr @rel to i64)) to i32),
  i32 trunc (i64 sub (i64 ptrtoint (ptr @s1 to i64), i64 ptrtoint (ptr @rel to i64)) to i32),
  i32 trunc (i64 sub (i64 ptrtoint (ptr @s2 to i64), i64 ptrtoint (ptr @rel to i64)) to i32)
]
@fmt_cls = private constant [24 x i8] c"class %d: %d%d%d%d%d%d\0A\00"
@fmt_rel = private constant [8 x i8] c"rel %s\0A\00"
@fmt_ovf = private constant [13 x i8] c"ovf %lld %d\0A\00"

define void @show(i32 %i, double %x) {
  %nan = call i1 @llvm.is.fpclass.f64(double %x, i32 3)
  %inf = call i1 @llvm.is.fpclass.f64(double %x, i32 516)
  %neg = call i1 @llvm.is.fpclass.f64(double %x, i32 60)
  %zero = call i1 @llvm.is.fpclass.f64(double %x, i32 96)
  %sub = call i1 @llvm.is.fpclass.f64(double %x, i32 144)
  %xf = fptrunc double %x to float
  %normf = call i1 @llvm.is.fpclass.f32(float %xf, i32 264)
  %a = zext i1 %nan to i32
  %b = zext i1 %inf to i32
  %c = zext i1 %neg to i32
  %d = zext i1 %zero to i32
  %e = zext i1 %sub to i32
  %f = zext i1 %normf to i32
  call i32 (ptr, ...) @printf(ptr @fmt_cls, i32 %i, i32 %a, i32 %b, i32 %c, i32 %d, i32 %e, i32 %f)
  ret void
}

define void @ovf33(i64 %x, i64 %y, i1 %sub) {
  %a = trunc i64 %x to i33
  %b = trunc i64 %y to i33
  br i1 %sub, label %s, label %p
p:
  %rp = call { i33, i1 } @llvm.sadd.with.overflow.i33(i33 %a, i33 %b)
  br label %done
s:
  %rs = call { i33, i1 } @llvm.ssub.with.overflow.i33(i33 %a, i33 %b)
  br label %done
done:
  %r = phi { i33, i1 } [ %rp, %p ], [ %rs, %s ]
  %v = extractvalue { i33, i1 } %r, 0
  %o = extractvalue { i33, i1 } %r, 1
  %v64 = sext i33 %v to i64
  %o32 = zext i1 %o to i32
  call i32 (ptr, ...) @printf(ptr @fmt_ovf, i64 %v64, i32 %o32)
  ret void
}

define void @ovf17(i32 %x, i32 %y, i1 %mul) {
  %a = trunc i32 %x to i17
  %b = trunc i32 %y to i17
  br i1 %mul, label %m, label %p
p:
  %rp = call { i17, i1 } @llvm.uadd.with.overflow.i17(i17 %a, i17 %b)
  br label %done
m:
  %rm = call { i17, i1 } @llvm.umul.with.overflow.i17(i17 %a, i17 %b)
  br label %done
done:
  %r = phi { i17, i1 } [ %rp, %p ], [ %rm, %m ]
  %v = extractvalue { i17, i1 } %r, 0
  %o = extractvalue { i17, i1 } %r, 1
  %v64 = zext i17 %v to i64
  %o32 = zext i1 %o to i32
  call i32 (ptr, ...) @printf(ptr @fmt_ovf, i64 %v64, i32 %o32)
  ret void
}

define i32 @main() {
  call void @show(i32 0, double 1.5)
  call void @show(i32 1, double -0.0)
  call void @show(i32 2, double 0x7FF0000000000000)
  call void @show(i32 3, double 0xFFF8000000000000)
  call void @show(i32 4, double 0x0000000000000010)
  call void @show(i32 5, double -2.5e300)
  br label %loop
loop:
  %i = phi i64 [ 0, %0 ], [ %i1, %loop ]
  %off = shl i64 %i, 2
  %p = call ptr @llvm.load.relative.i64(ptr @rel, i64 %off)
  call i32 (ptr, ...) @printf(ptr @fmt_rel, ptr %p)
  %i1 = add i64 %i, 1
  %d = icmp eq i64 %i1, 3
  br i1 %d, label %ovf, label %loop
ovf:
  call void @ovf33(i64 4294967295, i64 1, i1 false)
  call void @ovf33(i64 2147483647, i64 2147483647, i1 false)
  call void @ovf33(i64 -4294967296, i64 1, i1 true)
  call void @ovf33(i64 -5, i64 7, i1 true)
  call void @ovf17(i32 100000, i32 31071, i1 false)
  call void @ovf17(i32 100000, i32 31072, i1 false)
  call void @ovf17(i32 300, i32 400, i1 true)
  call void @ovf17(i32 362, i32 362, i1 true)
  ret i32 0
}
