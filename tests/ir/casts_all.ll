; fixture: every cast instruction - trunc zext sext fptrunc fpext fptoui fptosi uitofp sitofp ptrtoint inttoptr bitcast (scalar and vector<->int)
; exit: 10
; stdout: trunc: -17 52719 1 -1985229329
; stdout: zext: 239 4294967291 1  sext: -17 -5 -1
; stdout: fptrunc: 0.100000001 16777216.0  fpext: 3.75
; stdout: fptoui: 100000000000000000 3 255  fptosi: -10000000000000000 -3 -128
; stdout: uitofp: 18446744073709551616.0 4294967291.0 239.0  sitofp: -5.0 -5.0 -17.0
; stdout: ptrtoint diff: 24  inttoptr load: 33 44
; stdout: bitcast: 40700000 3fb999999999999a 3.141593 10.000 vec->i64 fffffffb12345678 i64->vec -1985229329 19088743
; stdout: trunc: -2 65534 0 -2
; stdout: zext: 254 2147483647 0  sext: -2 2147483647 0
; stdout: fptrunc: 12.25 16777216.0  fpext: 1000000000
; stdout: fptoui: 12250000000000000000 1000000000 255  fptosi: -1225000000000000000 -1000000000 -128
; stdout: uitofp: 18446744073709551616.0 2147483647.0 254.0  sitofp: 2147483647.0 2147483648.0 -2.0
; stdout: ptrtoint diff: 24  inttoptr load: 33 44
; stdout: bitcast: 4e6e6b28 4028800000000000 3.141593 10.000 vec->i64 7fffffff12345678 i64->vec -2 -1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@data = internal global [4 x i64] [i64 11, i64 22, i64 33, i64 44]
@f1 = private unnamed_addr constant [20 x i8] c"trunc: %d %d %d %d\0A\00"
@f2 = private unnamed_addr constant [36 x i8] c"zext: %u %lu %lu  sext: %d %ld %ld\0A\00"
@f3 = private unnamed_addr constant [34 x i8] c"fptrunc: %.9g %.1f  fpext: %.17g\0A\00"
@f4 = private unnamed_addr constant [38 x i8] c"fptoui: %lu %u %u  fptosi: %ld %d %d\0A\00"
@f5 = private unnamed_addr constant [48 x i8] c"uitofp: %.1f %.1f %.1f  sitofp: %.1f %.1f %.1f\0A\00"
@f6 = private unnamed_addr constant [44 x i8] c"ptrtoint diff: %ld  inttoptr load: %ld %ld\0A\00"
@f7 = private unnamed_addr constant [63 x i8] c"bitcast: %08x %016lx %.6f %.3f vec->i64 %016lx i64->vec %d %d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @casts(i64 %x, double %d, float %f, i32 %neg) {
entry:
  ; trunc
  %t8 = trunc i64 %x to i8
  %t16 = trunc i64 %x to i16
  %t1 = trunc i64 %x to i1
  %t32 = trunc i64 %x to i32
  %p8 = sext i8 %t8 to i32
  %p16 = zext i16 %t16 to i32
  %p1 = zext i1 %t1 to i32
  call i32 (ptr, ...) @printf(ptr @f1, i32 %p8, i32 %p16, i32 %p1, i32 %t32)
  ; zext / sext
  %z32 = zext i8 %t8 to i32
  %z64 = zext i32 %neg to i64
  %z64b = zext i1 %t1 to i64
  %s32 = sext i8 %t8 to i32
  %s64 = sext i32 %neg to i64
  %s64b = sext i1 %t1 to i64
  call i32 (ptr, ...) @printf(ptr @f2, i32 %z32, i64 %z64, i64 %z64b, i32 %s32, i64 %s64, i64 %s64b)
  ; fptrunc / fpext
  %ft = fptrunc double %d to float
  %ftbig = fptrunc double 16777217.0 to float
  %fte = fpext float %ft to double
  %ftbige = fpext float %ftbig to double
  %fe = fpext float %f to double
  call i32 (ptr, ...) @printf(ptr @f3, double %fte, double %ftbige, double %fe)
  ; fptoui / fptosi
  %big = fmul double %d, 1.0e18
  %u64 = fptoui double %big to i64
  %u32 = fptoui float %f to i32
  %u8 = fptoui double 255.9 to i8
  %u8z = zext i8 %u8 to i32
  %big17 = fmul double %d, 1.0e17
  %nd = fneg double %big17
  %s64f = fptosi double %nd to i64
  %nf = fneg float %f
  %s32f = fptosi float %nf to i32
  %s8 = fptosi double -128.7 to i8
  %s8x = sext i8 %s8 to i32
  call i32 (ptr, ...) @printf(ptr @f4, i64 %u64, i32 %u32, i32 %u8z, i64 %s64f, i32 %s32f, i32 %s8x)
  ; uitofp / sitofp
  %uf1 = uitofp i64 -1 to double
  %uf2 = uitofp i32 %neg to double
  %uf3 = uitofp i8 %t8 to float
  %uf3d = fpext float %uf3 to double
  %sf1 = sitofp i64 %s64 to double
  %sf2 = sitofp i32 %neg to float
  %sf2d = fpext float %sf2 to double
  %sf3 = sitofp i8 %t8 to double
  call i32 (ptr, ...) @printf(ptr @f5, double %uf1, double %uf2, double %uf3d, double %sf1, double %sf2d, double %sf3)
  ; ptrtoint / inttoptr
  %e0 = getelementptr inbounds [4 x i64], ptr @data, i64 0, i64 0
  %e3 = getelementptr inbounds [4 x i64], ptr @data, i64 0, i64 3
  %i0 = ptrtoint ptr %e0 to i64
  %i3 = ptrtoint ptr %e3 to i64
  %diff = sub i64 %i3, %i0
  %i2 = add i64 %i0, 16
  %p2 = inttoptr i64 %i2 to ptr
  %v2 = load i64, ptr %p2, align 8
  %p3 = inttoptr i64 %i3 to ptr
  %v3 = load i64, ptr %p3, align 8
  call i32 (ptr, ...) @printf(ptr @f6, i64 %diff, i64 %v2, i64 %v3)
  ; bitcast
  %bf = bitcast float %f to i32
  %bd = bitcast double %d to i64
  %back = bitcast i32 1078530011 to float
  %backd = fpext float %back to double
  %dbl = bitcast i64 4621819117588971520 to double
  %vec = insertelement <2 x i32> <i32 305419896, i32 0>, i32 %neg, i32 1
  %vi = bitcast <2 x i32> %vec to i64
  %iv = bitcast i64 %x to <2 x i32>
  %iv0 = extractelement <2 x i32> %iv, i32 0
  %iv1 = extractelement <2 x i32> %iv, i32 1
  call i32 (ptr, ...) @printf(ptr @f7, i32 %bf, i64 %bd, double %backd, double %dbl, i64 %vi, i32 %iv0, i32 %iv1)
  %r1 = add i32 %p8, %p16
  %r2 = add i32 %r1, %s8x
  %r3 = trunc i64 %diff to i32
  %r4 = add i32 %r2, %r3
  ret i32 %r4
}

define i32 @main() {
entry:
  %a = call i32 @casts(i64 81985529216486895, double 0.1, float 3.75, i32 -5)
  %b = call i32 @casts(i64 -2, double 12.25, float 1.0e9, i32 2147483647)
  %s = add i32 %a, %b
  %m = and i32 %s, 255
  ret i32 %m
}
