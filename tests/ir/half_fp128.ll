; fixture: half and fp128: arithmetic, frem, fneg, all 16 fcmp predicates with NaN, conversions to and from integers and the other float types (a double that rounds differently through float), bitcasts, intrinsics, memory, phi and select, arguments beyond the registers and results in xmm registers
; exit: 0
; stdout: 3.75 -0.75 -6 0.333252 1.5 -3.75 inf 3.05176e-05 
; stdout: 5c78 4ad5 5366 7f80 4ad5 1c78 0ad5 1366 3f80 0ad5 
; stdout: 1.00098 1 -inf 200 -2048 -5 192 1 48128 
; stdout: 3.75 -2.5 1.41406 -3 3 -2 2 2 5 4 
; stdout: bfff8000000000000000000000000000 3ffd5555555555555555555555555555 3fff8000000000000000000000000000 bffd5555555555555555555555555555 
; stdout: 3ffb999999999999a000000000000000 3ffb99999a0000000000000000000000 3ffd5540000000000000000000000000 c03dfffffffffffffffc000000000000 
; stdout: 403efffffffffffffffe000000000000 c001c000000000000000000000000000 3ffd5555555555555555555555555555 bfff0000000000000000000000000000 
; stdout: 3fff6a09e667f3bcc908b2fb1366ea95 c0008000000000000000000000000000 3fff1c71c71c71c71c71c71c71c71c72 
; stdout: 4599676419421066581 1051372203 0.333252 -9223372036854775807 -1 0 268435455 
; stdout: 4002a555555555555555555555555555 22.25 2 9 

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@h.mem = internal global [3 x half] [half 0xH3C00, half 0xH4000, half 0xH4200]
@q.mem = internal global [2 x fp128] [fp128 0xL00000000000000003FFF000000000000, fp128 0xL0000000000000000C000400000000000]
@f.h = private unnamed_addr constant [4 x i8] c"%g \00"
@f.x = private unnamed_addr constant [6 x i8] c"%04x \00"
@f.q = private unnamed_addr constant [16 x i8] c"%016llx%016llx \00"
@f.d = private unnamed_addr constant [6 x i8] c"%lld \00"
@f.nl = private unnamed_addr constant [2 x i8] c"\0A\00"

declare i32 @printf(ptr, ...)
declare half @llvm.fabs.f16(half)
declare half @llvm.copysign.f16(half, half)
declare half @llvm.sqrt.f16(half)
declare half @llvm.floor.f16(half)
declare half @llvm.ceil.f16(half)
declare half @llvm.trunc.f16(half)
declare half @llvm.rint.f16(half)
declare half @llvm.nearbyint.f16(half)
declare half @llvm.roundeven.f16(half)
declare half @llvm.fmuladd.f16(half, half, half)
declare fp128 @llvm.fabs.f128(fp128)
declare fp128 @llvm.copysign.f128(fp128, fp128)
declare fp128 @llvm.sqrt.f128(fp128)
declare fp128 @llvm.floor.f128(fp128)
declare fp128 @llvm.fmuladd.f128(fp128, fp128, fp128)

define internal void @ph(half %x) noinline {
  %d = fpext half %x to double
  call i32 (ptr, ...) @printf(ptr @f.h, double %d)
  ret void
}

define internal void @pq(fp128 %x) noinline {
  %b = bitcast fp128 %x to i128
  %hi = lshr i128 %b, 64
  %hi64 = trunc i128 %hi to i64
  %lo64 = trunc i128 %b to i64
  call i32 (ptr, ...) @printf(ptr @f.q, i64 %hi64, i64 %lo64)
  ret void
}

define internal void @pi(i64 %x) noinline {
  call i32 (ptr, ...) @printf(ptr @f.d, i64 %x)
  ret void
}

define internal void @nl() noinline {
  call i32 (ptr, ...) @printf(ptr @f.nl)
  ret void
}

define internal i32 @hpred(half %a, half %b) noinline {
  %c0 = fcmp oeq half %a, %b
  %c1 = fcmp ogt half %a, %b
  %c2 = fcmp oge half %a, %b
  %c3 = fcmp olt half %a, %b
  %c4 = fcmp ole half %a, %b
  %c5 = fcmp one half %a, %b
  %c6 = fcmp ord half %a, %b
  %c7 = fcmp ueq half %a, %b
  %c8 = fcmp ugt half %a, %b
  %c9 = fcmp uge half %a, %b
  %c10 = fcmp ult half %a, %b
  %c11 = fcmp ule half %a, %b
  %c12 = fcmp une half %a, %b
  %c13 = fcmp uno half %a, %b
  %c14 = fcmp true half %a, %b
  %c15 = fcmp false half %a, %b
  %v = insertelement <16 x i1> poison, i1 %c0, i32 0
  %v1 = insertelement <16 x i1> %v, i1 %c1, i32 1
  %v2 = insertelement <16 x i1> %v1, i1 %c2, i32 2
  %v3 = insertelement <16 x i1> %v2, i1 %c3, i32 3
  %v4 = insertelement <16 x i1> %v3, i1 %c4, i32 4
  %v5 = insertelement <16 x i1> %v4, i1 %c5, i32 5
  %v6 = insertelement <16 x i1> %v5, i1 %c6, i32 6
  %v7 = insertelement <16 x i1> %v6, i1 %c7, i32 7
  %v8 = insertelement <16 x i1> %v7, i1 %c8, i32 8
  %v9 = insertelement <16 x i1> %v8, i1 %c9, i32 9
  %v10 = insertelement <16 x i1> %v9, i1 %c10, i32 10
  %v11 = insertelement <16 x i1> %v10, i1 %c11, i32 11
  %v12 = insertelement <16 x i1> %v11, i1 %c12, i32 12
  %v13 = insertelement <16 x i1> %v12, i1 %c13, i32 13
  %v14 = insertelement <16 x i1> %v13, i1 %c14, i32 14
  %v15 = insertelement <16 x i1> %v14, i1 %c15, i32 15
  %m = bitcast <16 x i1> %v15 to i16
  %r = zext i16 %m to i32
  ret i32 %r
}

define internal i32 @qpred(fp128 %a, fp128 %b) noinline {
  %c0 = fcmp oeq fp128 %a, %b
  %c1 = fcmp ogt fp128 %a, %b
  %c2 = fcmp oge fp128 %a, %b
  %c3 = fcmp olt fp128 %a, %b
  %c4 = fcmp ole fp128 %a, %b
  %c5 = fcmp one fp128 %a, %b
  %c6 = fcmp ord fp128 %a, %b
  %c7 = fcmp ueq fp128 %a, %b
  %c8 = fcmp ugt fp128 %a, %b
  %c9 = fcmp uge fp128 %a, %b
  %c10 = fcmp ult fp128 %a, %b
  %c11 = fcmp ule fp128 %a, %b
  %c12 = fcmp une fp128 %a, %b
  %c13 = fcmp uno fp128 %a, %b
  %v = insertelement <16 x i1> zeroinitializer, i1 %c0, i32 0
  %v1 = insertelement <16 x i1> %v, i1 %c1, i32 1
  %v2 = insertelement <16 x i1> %v1, i1 %c2, i32 2
  %v3 = insertelement <16 x i1> %v2, i1 %c3, i32 3
  %v4 = insertelement <16 x i1> %v3, i1 %c4, i32 4
  %v5 = insertelement <16 x i1> %v4, i1 %c5, i32 5
  %v6 = insertelement <16 x i1> %v5, i1 %c6, i32 6
  %v7 = insertelement <16 x i1> %v6, i1 %c7, i32 7
  %v8 = insertelement <16 x i1> %v7, i1 %c8, i32 8
  %v9 = insertelement <16 x i1> %v8, i1 %c9, i32 9
  %v10 = insertelement <16 x i1> %v9, i1 %c10, i32 10
  %v11 = insertelement <16 x i1> %v10, i1 %c11, i32 11
  %v12 = insertelement <16 x i1> %v11, i1 %c12, i32 12
  %v13 = insertelement <16 x i1> %v12, i1 %c13, i32 13
  %m = bitcast <16 x i1> %v13 to i16
  %r = zext i16 %m to i32
  ret i32 %r
}

; Nine of each: the ninth goes on the stack (fp128 aligned to 16 there).
define internal fp128 @qsum(fp128 %a, fp128 %b, fp128 %c, fp128 %d, fp128 %e, fp128 %f, fp128 %g, fp128 %h, i32 %k, fp128 %i) noinline {
  %s1 = fadd fp128 %a, %b
  %s2 = fadd fp128 %s1, %c
  %s3 = fadd fp128 %s2, %d
  %s4 = fadd fp128 %s3, %e
  %s5 = fadd fp128 %s4, %f
  %s6 = fadd fp128 %s5, %g
  %s7 = fadd fp128 %s6, %h
  %kq = sitofp i32 %k to fp128
  %s8 = fmul fp128 %s7, %kq
  %s9 = fsub fp128 %s8, %i
  ret fp128 %s9
}

define internal half @hsum(half %a, half %b, half %c, half %d, half %e, half %f, half %g, half %h, i32 %k, half %i) noinline {
  %s1 = fadd half %a, %b
  %s2 = fadd half %s1, %c
  %s3 = fadd half %s2, %d
  %s4 = fadd half %s3, %e
  %s5 = fadd half %s4, %f
  %s6 = fadd half %s5, %g
  %s7 = fadd half %s6, %h
  %kh = sitofp i32 %k to half
  %s8 = fmul half %s7, %kh
  %s9 = fsub half %s8, %i
  ret half %s9
}

define internal half @hloop(i32 %n) noinline {
entry:
  br label %loop
loop:
  %i = phi i32 [ 1, %entry ], [ %i1, %loop ]
  %s = phi half [ 0xH0000, %entry ], [ %s2, %loop ]
  %fi = uitofp i32 %i to half
  %q = fdiv half 0xH3C00, %fi
  %s1 = fadd half %s, %q
  %big = fcmp ogt half %s1, 0xH4000
  %s2 = select i1 %big, half 0xH4000, half %s1
  %i1 = add i32 %i, 1
  %done = icmp sgt i32 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret half %s2
}

define i32 @main() {
  ; half arithmetic: 1.5+2.25, 1.5-2.25, 1.5*-4, 1/3, frem 7.5 2, fneg, overflow to inf, a subnormal
  %a = fadd half 0xH3E00, 0xH4080
  %b = fsub half 0xH3E00, 0xH4080
  %c = fmul half 0xH3E00, 0xHC400
  %d = fdiv half 0xH3C00, 0xH4200
  %e = frem half 0xH4780, 0xH4000
  %f = fneg half %a
  %g = fmul half 0xH7BFF, 0xH4000
  %h = fmul half 0xH0400, 0xH3800
  call void @ph(half %a)
  call void @ph(half %b)
  call void @ph(half %c)
  call void @ph(half %d)
  call void @ph(half %e)
  call void @ph(half %f)
  call void @ph(half %g)
  call void @ph(half %h)
  call void @nl()

  ; fcmp: less, equal, greater, NaN either side, -0 against +0
  %nan = fdiv half 0xH0000, 0xH0000
  %k1 = call i32 @hpred(half 0xH3C00, half 0xH4000)
  %k2 = call i32 @hpred(half 0xH4000, half 0xH4000)
  %k3 = call i32 @hpred(half 0xH4000, half 0xH3C00)
  %k4 = call i32 @hpred(half %nan, half 0xH3C00)
  %k5 = call i32 @hpred(half 0xH8000, half 0xH0000)
  %qnan = fdiv fp128 0xL00000000000000000000000000000000, 0xL00000000000000000000000000000000
  %k6 = call i32 @qpred(fp128 0xL00000000000000003FFF000000000000, fp128 0xL00000000000000004000000000000000)
  %k7 = call i32 @qpred(fp128 0xL00000000000000004000000000000000, fp128 0xL00000000000000004000000000000000)
  %k8 = call i32 @qpred(fp128 0xL00000000000000004000000000000000, fp128 0xL00000000000000003FFF000000000000)
  %k9 = call i32 @qpred(fp128 0xL00000000000000003FFF000000000000, fp128 %qnan)
  %k10 = call i32 @qpred(fp128 0xL00000000000000008000000000000000, fp128 0xL00000000000000000000000000000000)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k1)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k2)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k3)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k4)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k5)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k6)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k7)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k8)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k9)
  call i32 (ptr, ...) @printf(ptr @f.x, i32 %k10)
  call void @nl()

  ; half conversions: a double just above the halfway point between two halves rounds up directly but would
  ; round to even through float; integers; float; bitcasts
  %t1 = fptrunc double 0x3FF0020000000001 to half
  %t2 = fptrunc float 0x3FF0020000000000 to half
  %t3 = sitofp i64 -70000 to half
  %t4 = uitofp i8 200 to half
  %t5 = sitofp i16 -2049 to half
  %t6 = fptosi half 0xHC500 to i32
  %t7 = fptoui half 0xH5A00 to i8
  %t6w = sext i32 %t6 to i64
  %t7w = zext i8 %t7 to i64
  %t8 = bitcast i16 15360 to half
  %t9 = bitcast half 0xHBC00 to i16
  %t9w = zext i16 %t9 to i64
  call void @ph(half %t1)
  call void @ph(half %t2)
  call void @ph(half %t3)
  call void @ph(half %t4)
  call void @ph(half %t5)
  call void @pi(i64 %t6w)
  call void @pi(i64 %t7w)
  call void @ph(half %t8)
  call void @pi(i64 %t9w)
  call void @nl()

  ; half intrinsics
  %i1 = call half @llvm.fabs.f16(half %f)
  %i2 = call half @llvm.copysign.f16(half 0xH4100, half 0xHC000)
  %i3 = call half @llvm.sqrt.f16(half 0xH4000)
  %i4 = call half @llvm.floor.f16(half 0xHC100)
  %i5 = call half @llvm.ceil.f16(half 0xH4100)
  %i6 = call half @llvm.trunc.f16(half 0xHC100)
  %i7 = call half @llvm.rint.f16(half 0xH4100)
  %i8 = call half @llvm.nearbyint.f16(half 0xH3E00)
  %i9 = call half @llvm.roundeven.f16(half 0xH4500)
  %i10 = call half @llvm.fmuladd.f16(half 0xH3E00, half 0xH4000, half 0xH3C00)
  call void @ph(half %i1)
  call void @ph(half %i2)
  call void @ph(half %i3)
  call void @ph(half %i4)
  call void @ph(half %i5)
  call void @ph(half %i6)
  call void @ph(half %i7)
  call void @ph(half %i8)
  call void @ph(half %i9)
  call void @ph(half %i10)
  call void @nl()

  ; fp128: arithmetic, frem, fneg, conversions, intrinsics, memory
  %one = load fp128, ptr @q.mem
  %p1 = getelementptr fp128, ptr @q.mem, i64 1
  %m25 = load fp128, ptr %p1
  %qa = fadd fp128 %one, %m25
  %qb = fdiv fp128 %one, 0xL00000000000000004000800000000000
  %qc = frem fp128 0xL00000000000000004001E00000000000, 0xL00000000000000004000000000000000
  %qd = fneg fp128 %qb
  %qe = fpext double 0x3FB999999999999A to fp128
  %qf = fpext float 0x3FB99999A0000000 to fp128
  %qg = fpext half 0xH3555 to fp128
  %qh = sitofp i64 -9223372036854775807 to fp128
  %qi = uitofp i64 -1 to fp128
  %qj = sitofp i8 -7 to fp128
  %qk = call fp128 @llvm.fabs.f128(fp128 %qd)
  %ql = call fp128 @llvm.copysign.f128(fp128 %one, fp128 %qd)
  %qm = call fp128 @llvm.sqrt.f128(fp128 0xL00000000000000004000000000000000)
  %qn = call fp128 @llvm.floor.f128(fp128 %m25)
  %qo = call fp128 @llvm.fmuladd.f128(fp128 %qb, fp128 %qb, fp128 %one)
  store fp128 %qo, ptr %p1
  %qp = load fp128, ptr %p1
  call void @pq(fp128 %qa)
  call void @pq(fp128 %qb)
  call void @pq(fp128 %qc)
  call void @pq(fp128 %qd)
  call void @nl()
  call void @pq(fp128 %qe)
  call void @pq(fp128 %qf)
  call void @pq(fp128 %qg)
  call void @pq(fp128 %qh)
  call void @nl()
  call void @pq(fp128 %qi)
  call void @pq(fp128 %qj)
  call void @pq(fp128 %qk)
  call void @pq(fp128 %ql)
  call void @nl()
  call void @pq(fp128 %qm)
  call void @pq(fp128 %qn)
  call void @pq(fp128 %qp)
  call void @nl()
  %r1 = fptrunc fp128 %qb to double
  %r1i = bitcast double %r1 to i64
  %r2 = fptrunc fp128 %qb to float
  %r2i = bitcast float %r2 to i32
  %r2w = zext i32 %r2i to i64
  %r3 = fptrunc fp128 %qb to half
  %r4 = fptosi fp128 %qh to i64
  %r5 = fptoui fp128 %qi to i64
  %r6 = fptosi fp128 %qd to i32
  %r6w = sext i32 %r6 to i64
  %big = fmul fp128 %qi, %qi
  %r7 = fptoui fp128 %big to i128
  %r7h = lshr i128 %r7, 100
  %r7w = trunc i128 %r7h to i64
  call void @pi(i64 %r1i)
  call void @pi(i64 %r2w)
  call void @ph(half %r3)
  call void @pi(i64 %r4)
  call void @pi(i64 %r5)
  call void @pi(i64 %r6w)
  call void @pi(i64 %r7w)
  call void @nl()

  ; calls with arguments beyond the registers, a loop carrying a half, memory
  %s = call fp128 @qsum(fp128 %one, fp128 %one, fp128 %m25, fp128 %one, fp128 %one, fp128 %one, fp128 %one, fp128 %one, i32 3, fp128 %qb)
  %hs = call half @hsum(half 0xH3C00, half 0xH3C00, half 0xH3C00, half 0xH3C00, half 0xH3C00, half 0xH3C00, half 0xH3C00, half 0xH3800, i32 3, half 0xH3400)
  %hl = call half @hloop(i32 50)
  %hp = getelementptr half, ptr @h.mem, i64 2
  %hv = load half, ptr %hp
  %hv2 = fmul half %hv, %hv
  store half %hv2, ptr @h.mem
  %hv3 = load half, ptr @h.mem
  call void @pq(fp128 %s)
  call void @ph(half %hs)
  call void @ph(half %hl)
  call void @ph(half %hv3)
  call void @nl()
  ret i32 0
}
