; fixture: shufflevector - splat, reverse, interleave (unpack lo/hi) of two vectors, concatenation to <8 x i32>, narrowing extract to <2 x i32>, byte shuffles, masks with poison/undef elements whose lanes are never observed
; exit: 210
; stdout: splat     30 30 30 30
; stdout: reverse   4 3 2 1
; stdout: interlo   1 10 2 20
; stdout: interhi   3 30 4 40
; stdout: mix       40 4 30 2
; stdout: concat    1 2 3 4 10 20 30 40
; stdout: narrow    30 2  f64-swap -7.50 1.25  f32-splat 3.50
; stdout: bytes-rev 0c0d0e0f 08090a0b 04050607 00010203  masked lanes: 20 4

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@f4 = private unnamed_addr constant [18 x i8] c"%-9s %d %d %d %d\0A\00"
@f8 = private unnamed_addr constant [35 x i8] c"concat    %d %d %d %d %d %d %d %d\0A\00"
@f2 = private unnamed_addr constant [53 x i8] c"narrow    %d %d  f64-swap %.2f %.2f  f32-splat %.2f\0A\00"
@f16 = private unnamed_addr constant [52 x i8] c"bytes-rev %08x %08x %08x %08x  masked lanes: %d %d\0A\00"
@n.splat = private unnamed_addr constant [6 x i8] c"splat\00"
@n.rev = private unnamed_addr constant [8 x i8] c"reverse\00"
@n.lo = private unnamed_addr constant [8 x i8] c"interlo\00"
@n.hi = private unnamed_addr constant [8 x i8] c"interhi\00"
@n.mix = private unnamed_addr constant [4 x i8] c"mix\00"

declare i32 @printf(ptr, ...)

define internal i32 @p4(ptr %n, <4 x i32> %v) {
  %a = extractelement <4 x i32> %v, i32 0
  %b = extractelement <4 x i32> %v, i32 1
  %c = extractelement <4 x i32> %v, i32 2
  %d = extractelement <4 x i32> %v, i32 3
  call i32 (ptr, ...) @printf(ptr @f4, ptr %n, i32 %a, i32 %b, i32 %c, i32 %d)
  %s1 = add i32 %a, %b
  %s2 = mul i32 %s1, 3
  %s3 = add i32 %s2, %c
  %s4 = mul i32 %s3, 3
  %s5 = add i32 %s4, %d
  ret i32 %s5
}

define i32 @main() {
entry:
  %a = add <4 x i32> <i32 1, i32 2, i32 3, i32 4>, zeroinitializer
  %b = add <4 x i32> <i32 10, i32 20, i32 30, i32 40>, zeroinitializer
  ; splat of a runtime scalar
  %x = extractelement <4 x i32> %b, i32 2
  %ins = insertelement <4 x i32> poison, i32 %x, i32 0
  %splat = shufflevector <4 x i32> %ins, <4 x i32> poison, <4 x i32> zeroinitializer
  %c1 = call i32 @p4(ptr @n.splat, <4 x i32> %splat)
  %rev = shufflevector <4 x i32> %a, <4 x i32> poison, <4 x i32> <i32 3, i32 2, i32 1, i32 0>
  %c2 = call i32 @p4(ptr @n.rev, <4 x i32> %rev)
  %lo = shufflevector <4 x i32> %a, <4 x i32> %b, <4 x i32> <i32 0, i32 4, i32 1, i32 5>
  %c3 = call i32 @p4(ptr @n.lo, <4 x i32> %lo)
  %hi = shufflevector <4 x i32> %a, <4 x i32> %b, <4 x i32> <i32 2, i32 6, i32 3, i32 7>
  %c4 = call i32 @p4(ptr @n.hi, <4 x i32> %hi)
  %mix = shufflevector <4 x i32> %rev, <4 x i32> %hi, <4 x i32> <i32 7, i32 0, i32 5, i32 2>
  %c5 = call i32 @p4(ptr @n.mix, <4 x i32> %mix)
  %cat = shufflevector <4 x i32> %a, <4 x i32> %b, <8 x i32> <i32 0, i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7>
  %k0 = extractelement <8 x i32> %cat, i32 0
  %k1 = extractelement <8 x i32> %cat, i32 1
  %k2 = extractelement <8 x i32> %cat, i32 2
  %k3 = extractelement <8 x i32> %cat, i32 3
  %k4 = extractelement <8 x i32> %cat, i32 4
  %k5 = extractelement <8 x i32> %cat, i32 5
  %k6 = extractelement <8 x i32> %cat, i32 6
  %k7 = extractelement <8 x i32> %cat, i32 7
  call i32 (ptr, ...) @printf(ptr @f8, i32 %k0, i32 %k1, i32 %k2, i32 %k3, i32 %k4, i32 %k5, i32 %k6, i32 %k7)
  %nar = shufflevector <8 x i32> %cat, <8 x i32> poison, <2 x i32> <i32 6, i32 1>
  %n0 = extractelement <2 x i32> %nar, i32 0
  %n1 = extractelement <2 x i32> %nar, i32 1
  %dd = fadd <2 x double> <double 1.25, double -7.5>, zeroinitializer
  %dsw = shufflevector <2 x double> %dd, <2 x double> poison, <2 x i32> <i32 1, i32 0>
  %ds0 = extractelement <2 x double> %dsw, i32 0
  %ds1 = extractelement <2 x double> %dsw, i32 1
  %ff = fadd <4 x float> <float 0.5, float 1.5, float 2.5, float 3.5>, zeroinitializer
  %fsp = shufflevector <4 x float> %ff, <4 x float> poison, <4 x i32> <i32 3, i32 3, i32 3, i32 3>
  %fs2 = extractelement <4 x float> %fsp, i32 2
  %fs2d = fpext float %fs2 to double
  call i32 (ptr, ...) @printf(ptr @f2, i32 %n0, i32 %n1, double %ds0, double %ds1, double %fs2d)
  ; byte reverse of a 16-byte vector
  %by = bitcast <4 x i32> <i32 50462976, i32 117835012, i32 185207048, i32 252579084> to <16 x i8>
  %byr = shufflevector <16 x i8> %by, <16 x i8> poison, <16 x i32> <i32 15, i32 14, i32 13, i32 12, i32 11, i32 10, i32 9, i32 8, i32 7, i32 6, i32 5, i32 4, i32 3, i32 2, i32 1, i32 0>
  %byw = bitcast <16 x i8> %byr to <4 x i32>
  %w0 = extractelement <4 x i32> %byw, i32 0
  %w1 = extractelement <4 x i32> %byw, i32 1
  %w2 = extractelement <4 x i32> %byw, i32 2
  %w3 = extractelement <4 x i32> %byw, i32 3
  ; masks with poison/undef elements: only lanes 0 and 2 are ever read
  %pm = shufflevector <4 x i32> %a, <4 x i32> %b, <4 x i32> <i32 5, i32 poison, i32 3, i32 undef>
  %pm0 = extractelement <4 x i32> %pm, i32 0
  %pm2 = extractelement <4 x i32> %pm, i32 2
  call i32 (ptr, ...) @printf(ptr @f16, i32 %w0, i32 %w1, i32 %w2, i32 %w3, i32 %pm0, i32 %pm2)
  %s1 = add i32 %c1, %c2
  %s2 = add i32 %s1, %c3
  %s3 = add i32 %s2, %c4
  %s4 = add i32 %s3, %c5
  %s5 = add i32 %s4, %n0
  %s6 = add i32 %s5, %pm0
  %s7 = add i32 %s6, %pm2
  %m = and i32 %s7, 255
  ret i32 %m
}
