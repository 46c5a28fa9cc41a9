; fixture: vectors narrower than 128 bits - <2 x float> passed and returned in registers, <8 x i8>/<4 x i16>/<2 x i32> loads, stores, arithmetic, widening and narrowing casts, compares, shuffles to and from 128 bits
; exit: 0
; stdout: f2 3.00 -4.50
; stdout: b8 210 17 16 15 0 13 0 0
; stdout: w4 -9 3000 24464 21
; stdout: d2 3000.0 90000.0
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

declare i32 @printf(ptr, ...)

@bytes = global [8 x i8] [i8 1, i8 2, i8 3, i8 250, i8 5, i8 6, i8 7, i8 200]
@shorts = global [4 x i16] [i16 -3, i16 1000, i16 30000, i16 7]
@out = global [8 x i8] zeroinitializer
@fmt2 = private constant [14 x i8] c"f2 %.2f %.2f\0A\00"
@fmt8 = private constant [28 x i8] c"b8 %d %d %d %d %d %d %d %d\0A\00"
@fmt4 = private constant [16 x i8] c"w4 %d %d %d %d\0A\00"
@fmtd = private constant [14 x i8] c"d2 %.1f %.1f\0A\00"

define <2 x float> @scale(<2 x float> %v, float %k) {
  %s0 = insertelement <2 x float> poison, float %k, i64 0
  %s = shufflevector <2 x float> %s0, <2 x float> poison, <2 x i32> zeroinitializer
  %r = fmul <2 x float> %v, %s
  ret <2 x float> %r
}

define i32 @main() {
  %v = call <2 x float> @scale(<2 x float> <float 1.5, float -2.25>, float 2.0)
  %a = extractelement <2 x float> %v, i64 0
  %b = extractelement <2 x float> %v, i64 1
  %ad = fpext float %a to double
  %bd = fpext float %b to double
  call i32 (ptr, ...) @printf(ptr @fmt2, double %ad, double %bd)

  %x = load <8 x i8>, ptr @bytes, align 1
  %y = add <8 x i8> %x, <i8 10, i8 10, i8 10, i8 10, i8 10, i8 10, i8 10, i8 10>
  %big = icmp ugt <8 x i8> %y, <i8 12, i8 12, i8 12, i8 12, i8 12, i8 12, i8 12, i8 12>
  %z = select <8 x i1> %big, <8 x i8> %y, <8 x i8> zeroinitializer
  %rev = shufflevector <8 x i8> %z, <8 x i8> poison, <8 x i32> <i32 7, i32 6, i32 5, i32 4, i32 3, i32 2, i32 1, i32 0>
  store <8 x i8> %rev, ptr @out, align 1
  %o = load [8 x i8], ptr @out
  %o0 = extractvalue [8 x i8] %o, 0
  %o1 = extractvalue [8 x i8] %o, 1
  %o2 = extractvalue [8 x i8] %o, 2
  %o3 = extractvalue [8 x i8] %o, 3
  %o4 = extractvalue [8 x i8] %o, 4
  %o5 = extractvalue [8 x i8] %o, 5
  %o6 = extractvalue [8 x i8] %o, 6
  %o7 = extractvalue [8 x i8] %o, 7
  %e0 = zext i8 %o0 to i32
  %e1 = zext i8 %o1 to i32
  %e2 = zext i8 %o2 to i32
  %e3 = zext i8 %o3 to i32
  %e4 = zext i8 %o4 to i32
  %e5 = zext i8 %o5 to i32
  %e6 = zext i8 %o6 to i32
  %e7 = zext i8 %o7 to i32
  call i32 (ptr, ...) @printf(ptr @fmt8, i32 %e0, i32 %e1, i32 %e2, i32 %e3, i32 %e4, i32 %e5, i32 %e6, i32 %e7)

  %h = load <4 x i16>, ptr @shorts, align 2
  %w = sext <4 x i16> %h to <4 x i32>
  %w2 = mul <4 x i32> %w, <i32 3, i32 3, i32 3, i32 3>
  %n = trunc <4 x i32> %w2 to <4 x i16>
  %n32 = sext <4 x i16> %n to <4 x i32>
  %n0 = extractelement <4 x i32> %n32, i64 0
  %n1 = extractelement <4 x i32> %n32, i64 1
  %n2 = extractelement <4 x i32> %n32, i64 2
  %n3 = extractelement <4 x i32> %n32, i64 3
  call i32 (ptr, ...) @printf(ptr @fmt4, i32 %n0, i32 %n1, i32 %n2, i32 %n3)

  %lo = shufflevector <4 x i32> %w2, <4 x i32> poison, <2 x i32> <i32 1, i32 2>
  %df = sitofp <2 x i32> %lo to <2 x double>
  %d0 = extractelement <2 x double> %df, i64 0
  %d1 = extractelement <2 x double> %df, i64 1
  call i32 (ptr, ...) @printf(ptr @fmtd, double %d0, double %d1)
  ret i32 0
}
