; fixture: vector load/store (aligned and align 1 unaligned, through globals and allocas), bitcast between vector types and to/from i128, sext/zext/trunc of vectors, sitofp/fptosi/uitofp/fptrunc/fpext of vectors
; exit: 223
; stdout: load/store: 10 -20 30 -40 | unaligned @3: 06050403 0a090807 0e0d0c0b 1211100f
; stdout: bitcast: v4i32->v2i64 fffffffe00000001 fffffffc00000003  v4f32->v4i32 40800000  i128 hi=fffffffc00000003 lo=fffffffe00000001
; stdout: ext/trunc: sext -200 700 zext 65336 64736 trunc8 100 56 44 -32 trunc16 -40
; stdout: fp casts: sitofp -2.0 -9000000000.0 uitofp 4294967294.0 fptosi -3 100 fptrunc 3.141593 fpext 0.100000001

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@gv = internal global <4 x i32> <i32 1, i32 -2, i32 3, i32 -4>, align 16
@garr = internal global [8 x i16] [i16 100, i16 -200, i16 300, i16 -400, i16 500, i16 -600, i16 700, i16 -800], align 16
@bytes = internal global [20 x i8] c"\00\01\02\03\04\05\06\07\08\09\0A\0B\0C\0D\0E\0F\10\11\12\13", align 16
@f1 = private unnamed_addr constant [61 x i8] c"load/store: %d %d %d %d | unaligned @3: %08x %08x %08x %08x\0A\00"
@f2 = private unnamed_addr constant [82 x i8] c"bitcast: v4i32->v2i64 %016lx %016lx  v4f32->v4i32 %08x  i128 hi=%016lx lo=%016lx\0A\00"
@f3 = private unnamed_addr constant [64 x i8] c"ext/trunc: sext %d %d zext %u %u trunc8 %d %d %d %d trunc16 %d\0A\00"
@f4 = private unnamed_addr constant [77 x i8] c"fp casts: sitofp %.1f %.1f uitofp %.1f fptosi %d %d fptrunc %.6f fpext %.9f\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main() {
entry:
  %tmp = alloca <4 x i32>, align 16
  %buf = alloca [32 x i8], align 16
  %v = load <4 x i32>, ptr @gv, align 16
  %v2 = mul <4 x i32> %v, <i32 10, i32 10, i32 10, i32 10>
  store <4 x i32> %v2, ptr %tmp, align 16
  %back = load <4 x i32>, ptr %tmp, align 16
  %b0 = extractelement <4 x i32> %back, i32 0
  %b1 = extractelement <4 x i32> %back, i32 1
  %b2 = extractelement <4 x i32> %back, i32 2
  %b3 = extractelement <4 x i32> %back, i32 3
  %p3 = getelementptr inbounds [20 x i8], ptr @bytes, i64 0, i64 3
  %u = load <4 x i32>, ptr %p3, align 1
  %u0 = extractelement <4 x i32> %u, i32 0
  %u1 = extractelement <4 x i32> %u, i32 1
  %u2 = extractelement <4 x i32> %u, i32 2
  %u3 = extractelement <4 x i32> %u, i32 3
  call i32 (ptr, ...) @printf(ptr @f1, i32 %b0, i32 %b1, i32 %b2, i32 %b3, i32 %u0, i32 %u1, i32 %u2, i32 %u3)
  ; unaligned store then scalar reads
  %q5 = getelementptr inbounds [32 x i8], ptr %buf, i64 0, i64 5
  store <4 x i32> <i32 287454020, i32 1432778632, i32 -1716864052, i32 -571539796>, ptr %q5, align 1
  %q9 = getelementptr inbounds [32 x i8], ptr %buf, i64 0, i64 9
  %sq = load i32, ptr %q9, align 1
  ; bitcasts
  %as64 = bitcast <4 x i32> %v to <2 x i64>
  %l0 = extractelement <2 x i64> %as64, i32 0
  %l1 = extractelement <2 x i64> %as64, i32 1
  %fv = bitcast <4 x i32> <i32 1065353216, i32 1073741824, i32 -1082130432, i32 0> to <4 x float>
  %fv2 = fmul <4 x float> %fv, <float 2.0, float 2.0, float 2.0, float 2.0>
  %iv = bitcast <4 x float> %fv2 to <4 x i32>
  %iv1 = extractelement <4 x i32> %iv, i32 1
  %wide = bitcast <4 x i32> %v to i128
  %whi.s = lshr i128 %wide, 64
  %whi = trunc i128 %whi.s to i64
  %wlo = trunc i128 %wide to i64
  call i32 (ptr, ...) @printf(ptr @f2, i64 %l0, i64 %l1, i32 %iv1, i64 %whi, i64 %wlo)
  ; integer vector casts
  %h = load <8 x i16>, ptr @garr, align 16
  %hs = sext <8 x i16> %h to <8 x i32>
  %hz = zext <8 x i16> %h to <8 x i32>
  %hs1 = extractelement <8 x i32> %hs, i32 1
  %hs6 = extractelement <8 x i32> %hs, i32 6
  %hz1 = extractelement <8 x i32> %hz, i32 1
  %hz7 = extractelement <8 x i32> %hz, i32 7
  %ht = trunc <8 x i16> %h to <8 x i8>
  %ht0 = extractelement <8 x i8> %ht, i32 0
  %ht1 = extractelement <8 x i8> %ht, i32 1
  %ht2 = extractelement <8 x i8> %ht, i32 2
  %ht7 = extractelement <8 x i8> %ht, i32 7
  %ht0e = sext i8 %ht0 to i32
  %ht1e = sext i8 %ht1 to i32
  %ht2e = sext i8 %ht2 to i32
  %ht7e = sext i8 %ht7 to i32
  %t16 = trunc <4 x i32> %v2 to <4 x i16>
  %t16e = extractelement <4 x i16> %t16, i32 3
  %t16x = sext i16 %t16e to i32
  call i32 (ptr, ...) @printf(ptr @f3, i32 %hs1, i32 %hs6, i32 %hz1, i32 %hz7, i32 %ht0e, i32 %ht1e, i32 %ht2e, i32 %ht7e, i32 %t16x)
  ; fp vector casts
  %sf = sitofp <4 x i32> %v to <4 x float>
  %sf1 = extractelement <4 x float> %sf, i32 1
  %sf1d = fpext float %sf1 to double
  %sd = sitofp <2 x i64> <i64 -9000000000, i64 7> to <2 x double>
  %sd0 = extractelement <2 x double> %sd, i32 0
  %uf = uitofp <4 x i32> %v to <4 x double>
  %uf1 = extractelement <4 x double> %uf, i32 1
  %fi = fptosi <4 x float> <float -3.75, float 2.875, float 100.5, float -0.5> to <4 x i32>
  %fi0 = extractelement <4 x i32> %fi, i32 0
  %fi2 = extractelement <4 x i32> %fi, i32 2
  %ft = fptrunc <2 x double> <double 0.1, double 3.14159265358979> to <2 x float>
  %ft1 = extractelement <2 x float> %ft, i32 1
  %ft1d = fpext float %ft1 to double
  %fe = fpext <2 x float> <float 0x3FB99999A0000000, float 0x3FC99999A0000000> to <2 x double>
  %fe0 = extractelement <2 x double> %fe, i32 0
  call i32 (ptr, ...) @printf(ptr @f4, double %sf1d, double %sd0, double %uf1, i32 %fi0, i32 %fi2, double %ft1d, double %fe0)
  %r1 = add i32 %b3, %u0
  %r2 = add i32 %r1, %sq
  %r3 = add i32 %r2, %iv1
  %r4 = add i32 %r3, %hz7
  %r5 = add i32 %r4, %ht1e
  %r6 = add i32 %r5, %fi2
  %m = and i32 %r6, 255
  ret i32 %m
}
