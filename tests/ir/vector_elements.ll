; fixture: insertelement/extractelement with constant and variable (runtime, i32 and i64) lane indices on <4 x i32>, <2 x i64>, <8 x i16>, <16 x i8>, <4 x float>, <2 x double>, building vectors lane by lane in loops
; exit: 152
; stdout: built v4i32 via variable inserts: -5 -4 -1 4  reversed sum=-30
; stdout: v16i8 histogram lanes: 25 25 25 25 ... 0  total=100
; stdout: v4f32 var-extract: 1.25 -2.50 1.25 -5.00  v2f64: 9.750 0.500  v2i64[1]=81985529216486895 v8i16[4]=12345

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@f1 = private unnamed_addr constant [64 x i8] c"built v4i32 via variable inserts: %d %d %d %d  reversed sum=%d\0A\00"
@f2 = private unnamed_addr constant [53 x i8] c"v16i8 histogram lanes: %d %d %d %d ... %d  total=%d\0A\00"
@f3 = private unnamed_addr constant [87 x i8] c"v4f32 var-extract: %.2f %.2f %.2f %.2f  v2f64: %.3f %.3f  v2i64[%d]=%ld v8i16[%ld]=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @get4(<4 x i32> %v, i32 %i) {
  %e = extractelement <4 x i32> %v, i32 %i
  ret i32 %e
}

define i32 @main() {
entry:
  br label %build
build:
  %i = phi i32 [ 0, %entry ], [ %i1, %build ]
  %v = phi <4 x i32> [ zeroinitializer, %entry ], [ %v1, %build ]
  %sq = mul i32 %i, %i
  %val = sub i32 %sq, 5
  %v1 = insertelement <4 x i32> %v, i32 %val, i32 %i
  %i1 = add i32 %i, 1
  %c = icmp ult i32 %i1, 4
  br i1 %c, label %build, label %built
built:
  %e0 = extractelement <4 x i32> %v1, i32 0
  %e1 = extractelement <4 x i32> %v1, i64 1
  %e2 = extractelement <4 x i32> %v1, i32 2
  %e3 = extractelement <4 x i32> %v1, i64 3
  br label %rev
rev:
  %j = phi i32 [ 3, %built ], [ %j1, %rev ]
  %acc = phi i32 [ 0, %built ], [ %acc1, %rev ]
  %x = call i32 @get4(<4 x i32> %v1, i32 %j)
  %w = sub i32 4, %j
  %xw = mul i32 %x, %w
  %acc1 = add i32 %acc, %xw
  %j1 = sub i32 %j, 1
  %cj = icmp sge i32 %j1, 0
  br i1 %cj, label %rev, label %revdone
revdone:
  call i32 (ptr, ...) @printf(ptr @f1, i32 %e0, i32 %e1, i32 %e2, i32 %e3, i32 %acc1)
  ; byte histogram of (k*k) mod 16 in a <16 x i8>, variable-index read-modify-write
  br label %hist
hist:
  %k = phi i32 [ 0, %revdone ], [ %k1, %hist ]
  %h = phi <16 x i8> [ zeroinitializer, %revdone ], [ %h1, %hist ]
  %kk = mul i32 %k, %k
  %b = and i32 %kk, 15
  %old = extractelement <16 x i8> %h, i32 %b
  %new = add i8 %old, 1
  %h1 = insertelement <16 x i8> %h, i8 %new, i32 %b
  %k1 = add i32 %k, 1
  %ck = icmp ult i32 %k1, 100
  br i1 %ck, label %hist, label %histdone
histdone:
  %hl0 = extractelement <16 x i8> %h1, i32 0
  %hl1 = extractelement <16 x i8> %h1, i32 1
  %hl4 = extractelement <16 x i8> %h1, i32 4
  %hl9 = extractelement <16 x i8> %h1, i32 9
  %hl15 = extractelement <16 x i8> %h1, i32 15
  %z0 = zext i8 %hl0 to i32
  %z1 = zext i8 %hl1 to i32
  %z4 = zext i8 %hl4 to i32
  %z9 = zext i8 %hl9 to i32
  %z15 = zext i8 %hl15 to i32
  br label %tot
tot:
  %t = phi i32 [ 0, %histdone ], [ %t1, %tot ]
  %ts = phi i32 [ 0, %histdone ], [ %ts1, %tot ]
  %te = extractelement <16 x i8> %h1, i32 %t
  %tez = zext i8 %te to i32
  %ts1 = add i32 %ts, %tez
  %t1 = add i32 %t, 1
  %ct = icmp ult i32 %t1, 16
  br i1 %ct, label %tot, label %totdone
totdone:
  call i32 (ptr, ...) @printf(ptr @f2, i32 %z0, i32 %z1, i32 %z4, i32 %z9, i32 %z15, i32 %ts1)
  ; float/double/i64/i16 lanes with runtime indices
  %fv0 = insertelement <4 x float> undef, float 1.25, i32 0
  %fv1 = insertelement <4 x float> %fv0, float -2.5, i32 1
  %fv2 = insertelement <4 x float> %fv1, float 3.75, i32 2
  %fv3 = insertelement <4 x float> %fv2, float -5.0, i32 3
  %i3 = and i32 %ts1, 3
  %i2 = xor i32 %i3, 1
  %fa = extractelement <4 x float> %fv3, i32 %i3
  %fb = extractelement <4 x float> %fv3, i32 %i2
  %fc = extractelement <4 x float> %fv3, i32 0
  %fd = extractelement <4 x float> %fv3, i32 3
  %fad = fpext float %fa to double
  %fbd = fpext float %fb to double
  %fcd = fpext float %fc to double
  %fdd = fpext float %fd to double
  %idx1 = and i32 %ts1, 1
  %dv = insertelement <2 x double> <double 0.125, double 0.5>, double 9.75, i32 %idx1
  %d0 = extractelement <2 x double> %dv, i32 0
  %d1 = extractelement <2 x double> %dv, i32 1
  %lv = insertelement <2 x i64> <i64 -1, i64 -2>, i64 81985529216486895, i32 %i2
  %lidx = sub i32 1, %idx1
  %lval = extractelement <2 x i64> %lv, i32 %lidx
  %sidx = zext i32 %i3 to i64
  %sv = insertelement <8 x i16> <i16 10, i16 20, i16 30, i16 40, i16 50, i16 60, i16 70, i16 80>, i16 -999, i64 %sidx
  %sidx2 = add i64 %sidx, 4
  %sv2 = insertelement <8 x i16> %sv, i16 12345, i64 %sidx2
  %sval = extractelement <8 x i16> %sv2, i64 %sidx2
  %svale = sext i16 %sval to i32
  call i32 (ptr, ...) @printf(ptr @f3, double %fad, double %fbd, double %fcd, double %fdd, double %d0, double %d1, i32 %lidx, i64 %lval, i64 %sidx2, i32 %svale)
  %r1 = add i32 %acc1, %ts1
  %r2 = add i32 %r1, %z1
  %r3 = add i32 %r2, %svale
  %m = and i32 %r3, 255
  ret i32 %m
}
