; fixture: x86_fp80 (long double): arithmetic, frem, fneg, all 16 fcmp predicates with NaN, conversions to and from integers, float and double, intrinsics, 10-byte loads and stores, phi and select, arguments on the stack behind an odd number of stack words, results in st0 (direct, indirect, external, { x86_fp80, x86_fp80 }), printf %Lg, a global initializer and bitcasts to i80
; exit: 57
; stdout: arith 3.75 -0.75 -6 0.125 -1.5 -2.5 1.00000000000000000087
; stdout: fcmp b8f0 95aa a6cc 95aa a6cc ff00 ff00
; stdout: conv -5 -2147483648 18446744073709551615 4000000000 -2 -9223372036854775808 18446744073709551610 250 0x1.99999ap-4 0x1.999999999999ap-4 0.100000000000000000001
; stdout: intr 2.5 -2.5 1.41421356237309504876 2 3 2 3 -3 2 2 2 7
; stdout: mem 42.5 171 171 171 171 171 171 -7.25 9
; stdout: calls 1021.5 5.5 0.5 10.5 1 1.75 6.5
; stdout: loop 5.18737751763962026165 2.5 0
; stdout: bits 16383 -1.5 0xK3fff8000000000000000

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%pair = type { i8, x86_fp80, i16 }

@g = internal global x86_fp80 0xK4002E800000000000000
@f.arith = private unnamed_addr constant [31 x i8] c"arith %Lg %Lg %Lg %Lg %Lg %Lg \00"
@f.last = private unnamed_addr constant [8 x i8] c"%.21Lg\0A\00"
@f.fcmp = private unnamed_addr constant [31 x i8] c"fcmp %04x %04x %04x %04x %04x \00"
@f.fcmp2 = private unnamed_addr constant [11 x i8] c"%04x %04x\0A\00"
@f.conv = private unnamed_addr constant [42 x i8] c"conv %d %d %llu %u %d %lld %llu %u %a %a \00"
@f.intr = private unnamed_addr constant [49 x i8] c"intr %Lg %Lg %.21Lg %Lg %Lg %Lg %Lg %Lg %Lg %Lg \00"
@f.intr2 = private unnamed_addr constant [9 x i8] c"%Lg %Lg\0A\00"
@f.mem = private unnamed_addr constant [34 x i8] c"mem %Lg %d %d %d %d %d %d %Lg %d\0A\00"
@f.calls = private unnamed_addr constant [35 x i8] c"calls %Lg %Lg %Lg %Lg %Lg %Lg %Lg\0A\00"
@f.loop = private unnamed_addr constant [20 x i8] c"loop %.21Lg %Lg %d\0A\00"
@f.bits = private unnamed_addr constant [28 x i8] c"bits %d %Lg 0xK%04x%016llx\0A\00"

declare i32 @printf(ptr, ...)
declare x86_fp80 @fmodl(x86_fp80, x86_fp80)
declare x86_fp80 @llvm.fabs.f80(x86_fp80)
declare x86_fp80 @llvm.copysign.f80(x86_fp80, x86_fp80)
declare x86_fp80 @llvm.sqrt.f80(x86_fp80)
declare x86_fp80 @llvm.floor.f80(x86_fp80)
declare x86_fp80 @llvm.ceil.f80(x86_fp80)
declare x86_fp80 @llvm.trunc.f80(x86_fp80)
declare x86_fp80 @llvm.round.f80(x86_fp80)
declare x86_fp80 @llvm.roundeven.f80(x86_fp80)
declare x86_fp80 @llvm.rint.f80(x86_fp80)
declare x86_fp80 @llvm.nearbyint.f80(x86_fp80)
declare x86_fp80 @llvm.fmuladd.f80(x86_fp80, x86_fp80, x86_fp80)

; The 16 predicates of a with b, one bit each (false is bit 0 ... true is bit 15).
define internal i32 @predicates(x86_fp80 %a, x86_fp80 %b) noinline {
  %c0 = fcmp false x86_fp80 %a, %b
  %c1 = fcmp oeq x86_fp80 %a, %b
  %c2 = fcmp ogt x86_fp80 %a, %b
  %c3 = fcmp oge x86_fp80 %a, %b
  %c4 = fcmp olt x86_fp80 %a, %b
  %c5 = fcmp ole x86_fp80 %a, %b
  %c6 = fcmp one x86_fp80 %a, %b
  %c7 = fcmp ord x86_fp80 %a, %b
  %c8 = fcmp ueq x86_fp80 %a, %b
  %c9 = fcmp ugt x86_fp80 %a, %b
  %c10 = fcmp uge x86_fp80 %a, %b
  %c11 = fcmp ult x86_fp80 %a, %b
  %c12 = fcmp ule x86_fp80 %a, %b
  %c13 = fcmp une x86_fp80 %a, %b
  %c14 = fcmp uno x86_fp80 %a, %b
  %c15 = fcmp true x86_fp80 %a, %b
  %z0 = zext i1 %c0 to i32
  %z1 = zext i1 %c1 to i32
  %z2 = zext i1 %c2 to i32
  %z3 = zext i1 %c3 to i32
  %z4 = zext i1 %c4 to i32
  %z5 = zext i1 %c5 to i32
  %z6 = zext i1 %c6 to i32
  %z7 = zext i1 %c7 to i32
  %z8 = zext i1 %c8 to i32
  %z9 = zext i1 %c9 to i32
  %z10 = zext i1 %c10 to i32
  %z11 = zext i1 %c11 to i32
  %z12 = zext i1 %c12 to i32
  %z13 = zext i1 %c13 to i32
  %z14 = zext i1 %c14 to i32
  %z15 = zext i1 %c15 to i32
  %s1 = shl i32 %z1, 1
  %s2 = shl i32 %z2, 2
  %s3 = shl i32 %z3, 3
  %s4 = shl i32 %z4, 4
  %s5 = shl i32 %z5, 5
  %s6 = shl i32 %z6, 6
  %s7 = shl i32 %z7, 7
  %s8 = shl i32 %z8, 8
  %s9 = shl i32 %z9, 9
  %s10 = shl i32 %z10, 10
  %s11 = shl i32 %z11, 11
  %s12 = shl i32 %z12, 12
  %s13 = shl i32 %z13, 13
  %s14 = shl i32 %z14, 14
  %s15 = shl i32 %z15, 15
  %o1 = or i32 %z0, %s1
  %o2 = or i32 %o1, %s2
  %o3 = or i32 %o2, %s3
  %o4 = or i32 %o3, %s4
  %o5 = or i32 %o4, %s5
  %o6 = or i32 %o5, %s6
  %o7 = or i32 %o6, %s7
  %o8 = or i32 %o7, %s8
  %o9 = or i32 %o8, %s9
  %o10 = or i32 %o9, %s10
  %o11 = or i32 %o10, %s11
  %o12 = or i32 %o11, %s12
  %o13 = or i32 %o12, %s13
  %o14 = or i32 %o13, %s14
  %o15 = or i32 %o14, %s15
  ret i32 %o15
}

; Six integers in registers, one on the stack, then the long double at the next 16-byte boundary, then an int.
define internal x86_fp80 @many(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, i64 %g, x86_fp80 %x, i32 %h) noinline {
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %c
  %s3 = add i64 %s2, %d
  %s4 = add i64 %s3, %e
  %s5 = add i64 %s4, %f
  %s6 = mul i64 %g, 1000
  %s7 = add i64 %s5, %s6
  %hl = sext i32 %h to i64
  %s8 = add i64 %s7, %hl
  %sf = sitofp i64 %s8 to x86_fp80
  %r = fadd x86_fp80 %sf, %x
  ret x86_fp80 %r
}

; A long double _Complex product, returned in st0 (real) and st1 (imaginary).
define internal { x86_fp80, x86_fp80 } @cmul(x86_fp80 %ar, x86_fp80 %ai, x86_fp80 %br, x86_fp80 %bi) noinline {
  %rr = fmul x86_fp80 %ar, %br
  %ii = fmul x86_fp80 %ai, %bi
  %re = fsub x86_fp80 %rr, %ii
  %ri = fmul x86_fp80 %ar, %bi
  %ir = fmul x86_fp80 %ai, %br
  %im = fadd x86_fp80 %ri, %ir
  %p0 = insertvalue { x86_fp80, x86_fp80 } poison, x86_fp80 %re, 0
  %p1 = insertvalue { x86_fp80, x86_fp80 } %p0, x86_fp80 %im, 1
  ret { x86_fp80, x86_fp80 } %p1
}

define internal x86_fp80 @half(x86_fp80 %x) noinline {
  %r = fmul x86_fp80 %x, 0xK3FFE8000000000000000
  ret x86_fp80 %r
}

define internal x86_fp80 @negate(x86_fp80 %x) noinline {
  %r = fneg x86_fp80 %x
  ret x86_fp80 %r
}

; The harmonic sum 1/1 + ... + 1/n in a loop carrying a long double phi.
define internal x86_fp80 @harmonic(i32 %n) noinline {
entry:
  br label %loop
loop:
  %i = phi i32 [ 1, %entry ], [ %i1, %loop ]
  %s = phi x86_fp80 [ 0xK00000000000000000000, %entry ], [ %s1, %loop ]
  %fi = sitofp i32 %i to x86_fp80
  %q = fdiv x86_fp80 0xK3FFF8000000000000000, %fi
  %s1 = fadd x86_fp80 %s, %q
  %i1 = add i32 %i, 1
  %done = icmp sgt i32 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret x86_fp80 %s1
}

define i32 @main() {
entry:
  ; arithmetic: 1.5 + 2.25, 1.5 - 2.25, 1.5 * -4, 1 / 8, frem -7.5 2, fneg 2.5, 1 + 2^-60
  %one = fpext double 1.0 to x86_fp80
  %a = fadd x86_fp80 0xK3FFFC000000000000000, 0xK40009000000000000000
  %b = fsub x86_fp80 0xK3FFFC000000000000000, 0xK40009000000000000000
  %m4 = fpext float -4.0 to x86_fp80
  %c = fmul x86_fp80 0xK3FFFC000000000000000, %m4
  %eight = sitofp i32 8 to x86_fp80
  %d = fdiv x86_fp80 %one, %eight
  %m75 = fpext double -7.5 to x86_fp80
  %two = fpext double 2.0 to x86_fp80
  %e = frem x86_fp80 %m75, %two
  %two5 = fpext double 2.5 to x86_fp80
  %f = fneg x86_fp80 %two5
  %tiny = fdiv x86_fp80 %one, 0xK403B8000000000000000
  %near1 = fadd x86_fp80 %one, %tiny
  call i32 (ptr, ...) @printf(ptr @f.arith, x86_fp80 %a, x86_fp80 %b, x86_fp80 %c, x86_fp80 %d, x86_fp80 %e, x86_fp80 %f)
  call i32 (ptr, ...) @printf(ptr @f.last, x86_fp80 %near1)

  ; fcmp: less, equal, greater, NaN on either side, -0 against +0, infinity against the largest finite value
  %nan = fdiv x86_fp80 0xK00000000000000000000, 0xK00000000000000000000
  %k1 = call i32 @predicates(x86_fp80 %one, x86_fp80 %two)
  %k2 = call i32 @predicates(x86_fp80 %two, x86_fp80 %two)
  %k3 = call i32 @predicates(x86_fp80 %two, x86_fp80 %one)
  %k4 = call i32 @predicates(x86_fp80 0xK80000000000000000000, x86_fp80 0xK00000000000000000000)
  %k5 = call i32 @predicates(x86_fp80 0xK7FFF8000000000000000, x86_fp80 0xK7FFEFFFFFFFFFFFFFFFF)
  %k6 = call i32 @predicates(x86_fp80 %nan, x86_fp80 %one)
  %k7 = call i32 @predicates(x86_fp80 %one, x86_fp80 %nan)
  call i32 (ptr, ...) @printf(ptr @f.fcmp, i32 %k1, i32 %k2, i32 %k3, i32 %k4, i32 %k5)
  call i32 (ptr, ...) @printf(ptr @f.fcmp2, i32 %k6, i32 %k7)

  ; conversions
  %x1 = sitofp i8 -5 to x86_fp80
  %i1 = fptosi x86_fp80 %x1 to i8
  %i1w = sext i8 %i1 to i32
  %x2 = sitofp i32 -2147483648 to x86_fp80
  %i2 = fptosi x86_fp80 %x2 to i32
  %x3 = uitofp i64 -1 to x86_fp80
  %x3m = fsub x86_fp80 %x3, 0xK403E8000000000000000
  %i3a = fptoui x86_fp80 %x3m to i64
  %i3 = add i64 %i3a, 9223372036854775808
  %x4 = uitofp i32 4000000000 to x86_fp80
  %i4 = fptoui x86_fp80 %x4 to i32
  %x5 = fpext double -2.75 to x86_fp80
  %i5 = fptosi x86_fp80 %x5 to i32
  %x6 = sitofp i64 -9223372036854775808 to x86_fp80
  %i6 = fptosi x86_fp80 %x6 to i64
  %x7 = uitofp i64 18446744073709551610 to x86_fp80
  %i7 = fptoui x86_fp80 %x7 to i64
  %x8 = fpext float 250.5 to x86_fp80
  %i8 = fptoui x86_fp80 %x8 to i8
  %i8w = zext i8 %i8 to i32
  %tenth = fdiv x86_fp80 %one, 0xK4002A000000000000000
  %tf = fptrunc x86_fp80 %tenth to float
  %tfd = fpext float %tf to double
  %td = fptrunc x86_fp80 %tenth to double
  call i32 (ptr, ...) @printf(ptr @f.conv, i32 %i1w, i32 %i2, i64 %i3, i32 %i4, i32 %i5, i64 %i6, i64 %i7, i32 %i8w, double %tfd, double %td)
  call i32 (ptr, ...) @printf(ptr @f.last, x86_fp80 %tenth)

  ; intrinsics
  %n1 = call x86_fp80 @llvm.fabs.f80(x86_fp80 %f)
  %n2 = call x86_fp80 @llvm.copysign.f80(x86_fp80 %two5, x86_fp80 %m4)
  %n3 = call x86_fp80 @llvm.sqrt.f80(x86_fp80 %two)
  %n4 = call x86_fp80 @llvm.floor.f80(x86_fp80 %two5)
  %n5 = call x86_fp80 @llvm.ceil.f80(x86_fp80 %two5)
  %n6 = call x86_fp80 @llvm.trunc.f80(x86_fp80 %two5)
  %n7 = call x86_fp80 @llvm.round.f80(x86_fp80 %two5)
  %n8 = call x86_fp80 @llvm.round.f80(x86_fp80 %f)
  %n9 = call x86_fp80 @llvm.roundeven.f80(x86_fp80 %two5)
  %n10 = call x86_fp80 @llvm.rint.f80(x86_fp80 %two5)
  %n11 = call x86_fp80 @llvm.nearbyint.f80(x86_fp80 %two5)
  %n12 = call x86_fp80 @llvm.fmuladd.f80(x86_fp80 %two5, x86_fp80 %two, x86_fp80 %two)
  call i32 (ptr, ...) @printf(ptr @f.intr, x86_fp80 %n1, x86_fp80 %n2, x86_fp80 %n3, x86_fp80 %n4, x86_fp80 %n5, x86_fp80 %n6, x86_fp80 %n7, x86_fp80 %n8, x86_fp80 %n9, x86_fp80 %n10)
  call i32 (ptr, ...) @printf(ptr @f.intr2, x86_fp80 %n11, x86_fp80 %n12)

  ; memory: a store writes 10 bytes and leaves the 6 after them; a struct's fields around one
  %cell = alloca [2 x x86_fp80], align 16
  call void @llvm.memset.p0.i64(ptr %cell, i8 171, i64 32, i1 false)
  %v425 = fpext double 42.5 to x86_fp80
  store x86_fp80 %v425, ptr %cell, align 16
  %back = load x86_fp80, ptr %cell, align 16
  %p10 = getelementptr i8, ptr %cell, i64 10
  %p11 = getelementptr i8, ptr %cell, i64 11
  %p12 = getelementptr i8, ptr %cell, i64 12
  %p13 = getelementptr i8, ptr %cell, i64 13
  %p14 = getelementptr i8, ptr %cell, i64 14
  %p15 = getelementptr i8, ptr %cell, i64 15
  %b10 = load i8, ptr %p10
  %b11 = load i8, ptr %p11
  %b12 = load i8, ptr %p12
  %b13 = load i8, ptr %p13
  %b14 = load i8, ptr %p14
  %b15 = load i8, ptr %p15
  %w10 = zext i8 %b10 to i32
  %w11 = zext i8 %b11 to i32
  %w12 = zext i8 %b12 to i32
  %w13 = zext i8 %b13 to i32
  %w14 = zext i8 %b14 to i32
  %w15 = zext i8 %b15 to i32
  %pr = alloca %pair, align 16
  %v725 = fpext double -7.25 to x86_fp80
  %pv0 = insertvalue %pair { i8 1, x86_fp80 0xK00000000000000000000, i16 9 }, x86_fp80 %v725, 1
  store %pair %pv0, ptr %pr, align 16
  %pl = load %pair, ptr %pr, align 16
  %plx = extractvalue %pair %pl, 1
  %ply = extractvalue %pair %pl, 2
  %plyw = zext i16 %ply to i32
  call i32 (ptr, ...) @printf(ptr @f.mem, x86_fp80 %back, i32 %w10, i32 %w11, i32 %w12, i32 %w13, i32 %w14, i32 %w15, x86_fp80 %plx, i32 %plyw)

  ; calls: stack arguments, results in st0 (direct, through a pointer, external), a complex product in st0/st1
  %r1 = call x86_fp80 @many(i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, i64 1, x86_fp80 %two5, i32 -2)
  %fp = select i1 true, ptr @half, ptr @negate
  %r2 = call x86_fp80 %fp(x86_fp80 0xK4002B000000000000000)
  %r3 = call x86_fp80 @fmodl(x86_fp80 %two5, x86_fp80 %two)
  %cp = call { x86_fp80, x86_fp80 } @cmul(x86_fp80 %one, x86_fp80 %two, x86_fp80 %two5, x86_fp80 %m4)
  %cre = extractvalue { x86_fp80, x86_fp80 } %cp, 0
  %cim = extractvalue { x86_fp80, x86_fp80 } %cp, 1
  %r4 = call x86_fp80 @negate(x86_fp80 0xKC001D000000000000000)
  %r5 = call x86_fp80 @half(x86_fp80 0xK4000E000000000000000)
  call i32 (ptr, ...) @printf(ptr @f.calls, x86_fp80 %r1, x86_fp80 %r2, x86_fp80 %r3, x86_fp80 %cre, x86_fp80 %cim, x86_fp80 %r5, x86_fp80 %r4)

  ; a loop's phi, a select, the global
  %h = call x86_fp80 @harmonic(i32 100)
  %gt = fcmp ogt x86_fp80 %h, %two5
  %sel = select i1 %gt, x86_fp80 %two5, x86_fp80 %h
  %gv = load x86_fp80, ptr @g
  %gi = fptosi x86_fp80 %gv to i32
  %gok = icmp eq i32 %gi, 29
  %gokw = zext i1 %gok to i32
  call i32 (ptr, ...) @printf(ptr @f.loop, x86_fp80 %h, x86_fp80 %sel, i32 %gokw)

  ; bitcasts: the exponent field of 1.0, -1.5 made from its bits, the bits of the stored global
  %ob = bitcast x86_fp80 %one to i80
  %oe = lshr i80 %ob, 64
  %oe32 = trunc i80 %oe to i32
  %mb = bitcast i80 u0xBFFFC000000000000000 to x86_fp80
  %neg = fneg x86_fp80 %gv
  store x86_fp80 %one, ptr @g
  %gb = load i80, ptr @g
  %ghi = lshr i80 %gb, 64
  %ghi32 = trunc i80 %ghi to i32
  %glo = trunc i80 %gb to i64
  call i32 (ptr, ...) @printf(ptr @f.bits, i32 %oe32, x86_fp80 %mb, i32 %ghi32, i64 %glo)

  %sum = fadd x86_fp80 %h, %v425
  %exit = fptosi x86_fp80 %sum to i32
  %neg29 = fptosi x86_fp80 %neg to i32
  %ret = add i32 %exit, %neg29
  %ret2 = add i32 %ret, 24
  ret i32 %ret2
}

declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
