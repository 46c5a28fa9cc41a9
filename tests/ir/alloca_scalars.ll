; fixture: alloca/load/store of every scalar type (i1 i8 i16 i32 i64 i128 float double ptr) with explicit alignments, over-aligned allocas, unaligned (align 1) accesses and volatile loads/stores
; exit: 78
; stdout: ints: i1=1 i8=-100 i16=-30000 i32=123456789 i64=-1234567890123 i128hi=ffffffffffffffff i128lo=123456789abcdef
; stdout: fp: float=2.5000 double=3.141593 ptr-load=123456789
; stdout: align: a16 mod=0 a32 mod=0 a64 mod=0
; stdout: unaligned i64 at +1: 123456789abcdef0, bytes 0 222 18, i32 at +3: 56789abc
; stdout: volatile sum=1225

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [63 x i8] c"ints: i1=%d i8=%d i16=%d i32=%d i64=%ld i128hi=%lx i128lo=%lx\0A\00"
@fmt2 = private unnamed_addr constant [40 x i8] c"fp: float=%.4f double=%.6f ptr-load=%d\0A\00"
@fmt3 = private unnamed_addr constant [44 x i8] c"align: a16 mod=%ld a32 mod=%ld a64 mod=%ld\0A\00"
@fmt4 = private unnamed_addr constant [57 x i8] c"unaligned i64 at +1: %lx, bytes %d %d %d, i32 at +3: %x\0A\00"
@fmt5 = private unnamed_addr constant [17 x i8] c"volatile sum=%d\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main() {
entry:
  %b1 = alloca i1, align 1
  %b8 = alloca i8, align 1
  %b16 = alloca i16, align 2
  %b32 = alloca i32, align 4
  %b64 = alloca i64, align 8
  %b128 = alloca i128, align 16
  %bf = alloca float, align 4
  %bd = alloca double, align 8
  %bp = alloca ptr, align 8
  %a16 = alloca i32, align 16
  %a32 = alloca <4 x i32>, align 32
  %a64 = alloca [3 x i8], align 64
  %buf = alloca [16 x i8], align 8
  %vol = alloca i32, align 4
  store i1 true, ptr %b1, align 1
  store i8 -100, ptr %b8, align 1
  store i16 -30000, ptr %b16, align 2
  store i32 123456789, ptr %b32, align 4
  store i64 -1234567890123, ptr %b64, align 8
  store i128 340282366920938463463374607431768211455, ptr %b128, align 16
  ; overwrite the low half of the i128 through an i64 store
  store i64 81985529216486895, ptr %b128, align 16
  store float 2.5, ptr %bf, align 4
  store double 3.141592653589793, ptr %bd, align 8
  store ptr %b32, ptr %bp, align 8
  %v1 = load i1, ptr %b1, align 1
  %v8 = load i8, ptr %b8, align 1
  %v16 = load i16, ptr %b16, align 2
  %v32 = load i32, ptr %b32, align 4
  %v64 = load i64, ptr %b64, align 8
  %v128 = load i128, ptr %b128, align 16
  %vf = load float, ptr %bf, align 4
  %vd = load double, ptr %bd, align 8
  %vp = load ptr, ptr %bp, align 8
  %vpv = load i32, ptr %vp, align 4
  %e1 = zext i1 %v1 to i32
  %e8 = sext i8 %v8 to i32
  %e16 = sext i16 %v16 to i32
  %hi.w = lshr i128 %v128, 64
  %hi = trunc i128 %hi.w to i64
  %lo = trunc i128 %v128 to i64
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %e1, i32 %e8, i32 %e16, i32 %v32, i64 %v64, i64 %hi, i64 %lo)
  %fd = fpext float %vf to double
  call i32 (ptr, ...) @printf(ptr @fmt2, double %fd, double %vd, i32 %vpv)
  ; alignment of over-aligned allocas
  %i16 = ptrtoint ptr %a16 to i64
  %i32 = ptrtoint ptr %a32 to i64
  %i64 = ptrtoint ptr %a64 to i64
  %m16 = urem i64 %i16, 16
  %m32 = urem i64 %i32, 32
  %m64 = urem i64 %i64, 64
  store i32 7, ptr %a16, align 16
  store <4 x i32> <i32 1, i32 2, i32 3, i32 4>, ptr %a32, align 32
  call i32 (ptr, ...) @printf(ptr @fmt3, i64 %m16, i64 %m32, i64 %m64)
  ; unaligned accesses into a byte buffer
  call void @llvm.memset.p0.i64(ptr align 8 %buf, i8 0, i64 16, i1 false)
  %p1 = getelementptr inbounds i8, ptr %buf, i64 1
  store i64 1311768467463790320, ptr %p1, align 1
  %u64 = load i64, ptr %p1, align 1
  %bb0 = load i8, ptr %buf, align 1
  %p2 = getelementptr inbounds i8, ptr %buf, i64 2
  %bb2 = load i8, ptr %p2, align 1
  %p8 = getelementptr inbounds i8, ptr %buf, i64 8
  %bb8 = load i8, ptr %p8, align 1
  %z0 = zext i8 %bb0 to i32
  %z2 = zext i8 %bb2 to i32
  %z8 = zext i8 %bb8 to i32
  %p3 = getelementptr inbounds i8, ptr %buf, i64 3
  %u32 = load i32, ptr %p3, align 1
  call i32 (ptr, ...) @printf(ptr @fmt4, i64 %u64, i32 %z0, i32 %z2, i32 %z8, i32 %u32)
  ; volatile loop: every access must happen
  store volatile i32 0, ptr %vol, align 4
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %inext, %loop ]
  %cur = load volatile i32, ptr %vol, align 4
  %nv = add i32 %cur, %i
  store volatile i32 %nv, ptr %vol, align 4
  %inext = add i32 %i, 1
  %c = icmp slt i32 %inext, 50
  br i1 %c, label %loop, label %done
done:
  %fin = load volatile i32, ptr %vol, align 4
  call i32 (ptr, ...) @printf(ptr @fmt5, i32 %fin)
  %a32v = load <4 x i32>, ptr %a32, align 32
  %l3 = extractelement <4 x i32> %a32v, i32 3
  %a16v = load i32, ptr %a16, align 16
  %t1 = add i32 %fin, %e8
  %t2 = add i32 %t1, %l3
  %t3 = add i32 %t2, %a16v
  %t4 = add i32 %t3, %z2
  %m = and i32 %t4, 255
  ret i32 %m
}

declare void @llvm.memset.p0.i64(ptr nocapture writeonly, i8, i64, i1 immarg)
