; fixture: llvm-stress shapes: vectors of i1 loaded and stored bit-packed, <1 x i1> masks, <1 x i8> arithmetic, shuffles, selects and bitcasts
; exit: 0
; stdout: 7 41 41 4 513
; stdout: 1 0 1 255 2 200

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g = global [16 x i8] c"\01\02\03\04\05\06\07\08\09\0A\0B\0C\0D\0E\0F\10"
@fmt = private constant [16 x i8] c"%d %d %d %d %d\0A\00"
@fmt2 = private constant [19 x i8] c"%d %d %d %d %d %d\0A\00"
declare i32 @printf(ptr, ...)

define i32 @main() {
  %v = load <1 x i8>, ptr @g
  %w = add <1 x i8> %v, <i8 40>
  %p = getelementptr i8, ptr @g, i64 3
  store <1 x i8> %w, ptr %p
  %m = load <4 x i1>, ptr @g
  %q = getelementptr i8, ptr @g, i64 5
  %n = xor <4 x i1> %m, <i1 true, i1 false, i1 true, i1 false>
  store <4 x i1> %n, ptr %q
  %c = icmp ugt <1 x i8> %w, <i8 10>
  %s = select <1 x i1> %c, <1 x i64> <i64 7>, <1 x i64> <i64 9>
  %e = extractelement <1 x i64> %s, i32 0
  %e32 = trunc i64 %e to i32
  %b = bitcast <1 x i8> %w to i8
  %bz = zext i8 %b to i32
  %l3 = load i8, ptr %p
  %l3z = zext i8 %l3 to i32
  %l5 = load i8, ptr %q
  %l5z = zext i8 %l5 to i32
  %k = load <16 x i1>, ptr @g
  %kb = bitcast <16 x i1> %k to i16
  %kz = zext i16 %kb to i32
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %e32, i32 %bz, i32 %l3z, i32 %l5z, i32 %kz)
  ; <1 x i1> from a trunc, an insertelement and an extractelement; a <1 x i1> stored and reloaded
  %t = trunc <1 x i8> %w to <1 x i1>
  %t0 = extractelement <1 x i1> %t, i32 0
  %t0z = zext i1 %t0 to i32
  %u = insertelement <1 x i1> %t, i1 false, i32 0
  %u0 = extractelement <1 x i1> %u, i64 0
  %u0z = zext i1 %u0 to i32
  %r = getelementptr i8, ptr @g, i64 8
  store <1 x i1> %c, ptr %r
  %rl = load i8, ptr %r
  %rlz = zext i8 %rl to i32
  %sh = shufflevector <1 x i8> %w, <1 x i8> <i8 -1>, <1 x i32> <i32 1>
  %shs = extractelement <1 x i8> %sh, i32 0
  %shz = zext i8 %shs to i32
  %mb = bitcast i8 2 to <8 x i1>
  %mbs = extractelement <8 x i1> %mb, i32 1
  %mbsz = zext i1 %mbs to i32
  %mbsz2 = shl i32 %mbsz, 1
  %sel = select <1 x i1> %c, <1 x i8> <i8 200>, <1 x i8> %w
  %sels = extractelement <1 x i8> %sel, i32 0
  %selz = zext i8 %sels to i32
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %t0z, i32 %u0z, i32 %rlz, i32 %shz, i32 %mbsz2, i32 %selz)
  ret i32 0
}
