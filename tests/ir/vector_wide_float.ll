; fixture: wide float vectors <16 x float> <8 x float> <4 x double> <8 x double>: fadd fsub fmul fdiv frem fneg, fcmp+select, fpext/fptrunc and sitofp/uitofp/fptosi/fptoui between lane widths (chunk count changes, lane-by-lane where x86 has no instruction), bitcasts, fabs sqrt floor ceil trunc fma fmuladd minnum maxnum minimum copysign, ordered fadd/fmul and fmax/fmin reductions, run-time extract/insert
; exit: 96
; stdout: fadd v16f32: 102 -9.25 1.07374e+09 0.125 -9.25 102 0.125 1.07374e+09 44.5 -1e+06 65412.8 12.75 -1e+06 44.5 12.75 65412.8
; stdout: fsub v8f32: -40.5 -1.75 1.07368e+09 -3.625 999993 98 -9 123.251
; stdout: fmul v8f32: 63 1.125 7.03687e+13 0.46875 7e+06 251.25 0 -0.120361
; stdout: fdiv v8f32: 21 -0.125 131072 -0.46875 -1e+06 0.833333 1.28571 61.625
; stdout: frem v8f32: 0 -0.5 1 0.75 -1 2.5 0 -0.25
; stdout: fneg v8f32: 40.5 1.75 -1.07368e+09 3.625 -999993 -98 9 -123.251
; stdout: fadd/fmul v4f64: 2.5e+15 1e+200 -192.763 -9.9e-05
; stdout: fdiv v4f64: 4e+14 -7e-100 -20.531 -100
; stdout: frem v4f64: 0 1 0 0.01
; stdout: fsub v8f64: 1 -1e+100 1.64159 -1.501 1e+15 5.5 -66 -1.4
; stdout: select olt: 1.5 -2.25 65536 0.125 -1e+06 2.5 0 -123.25
; stdout: select ugt v4f64: 1e+15 7 3.14159 0.1
; stdout: select one v16f32: 102 -9.25 1.07374e+09 0.125 -9.25 102 0.125 1.07374e+09 44.5 -1e+06 65412.8 12.75 -1e+06 44.5 12.75 65412.8
; stdout: fpext v8f32->v8f64: 1.5 -2.25 1.07374e+09 0.125 -7 100.5 0 0.000976562
; stdout: fpext v4f32->v4f64: 0.375 -0.625 1000 0.25
; stdout: fptrunc v4f64->v4f32: 2.5e+15 inf -192.763 -9.9e-05
; stdout: fptrunc v8f64->v8f32: 2.5 -inf 3.14159 -0.001 1e+15 7 -64.5 0.1
; stdout: sitofp v8i32->v8f32: 1 -2 1.67772e+07 -2.14748e+09 2.14748e+09 -100 65536 -7
; stdout: uitofp v8i32->v8f32: 1 4.29497e+09 1.67772e+07 2.14748e+09 2.14748e+09 4.29497e+09 65536 4.29497e+09
; stdout: sitofp v4i32->v4f64: 1 -2 1.67772e+07 -2.14748e+09
; stdout: uitofp v8i32->v8f64: 1 4.29497e+09 1.67772e+07 2.14748e+09 2.14748e+09 4.29497e+09 65536 4.29497e+09
; stdout: sitofp v8i16->v8f32: -32768 32767 -1 1 1000 -1000 12345 0
; stdout: uitofp v8i16->v8f64: 32768 32767 65535 1 1000 64536 12345 0
; stdout: sitofp v4i64->v4f32: 9.0072e+15 -5 -9.22337e+18 1.23457e+11
; stdout: sitofp v4i64->v4f64: 9.0072e+15 -5 -9.22337e+18 1.23457e+11
; stdout: uitofp v4i64->v4f64: 9.0072e+15 1.84467e+19 9.22337e+18 1.23457e+11
; stdout: fptosi v8f32->v8i32: 21 0 32768 1 -500000 1 4 -61
; stdout: fptoui v8f32->v8i32: 1 2 1073741824 0 7 100 0 0
; stdout: fptosi v8f32->v8i16: 0 0 32 0 -500 0 0 0
; stdout: fptosi v4f64->v4i32: 2 -100000 3 -1000
; stdout: fptosi v4f64->v4i64: 1000000000000000 7 -64 0
; stdout: fptoui v4f64->v4i64: 1000000000000000000 7 64 1
; stdout: fptosi v4f32->v4i64: 16777216000 -3000000000 7 0
; stdout: bitcast v8f32->v8i32: 1020 3073 1256 992 3086 1068 0 936
; stdout: fabs: 40.5 1.75 1.07368e+09 3.625 999993 98 9 123.251
; stdout: sqrt: 2.5 1e+100 3.14159 0.001
; stdout: floor: 21 -1 131072 -1 -1e+06 0 1 61
; stdout: ceil: 21 -0 131072 -0 -1e+06 1 2 62
; stdout: trunc: 4e+14 0 -20 -100
; stdout: fma: 2.5e+15 -7e+100 -202.133 0.4999
; stdout: fmuladd: 45 -5 2.14755e+09 4 -1.00001e+06 203.5 9 -123.248
; stdout: minnum: 1.5 -2.25 65536 0.125 -1e+06 2.5 0 -123.25
; stdout: maxnum: 1e+15 7 3.14159 0.1
; stdout: minimum: -40.5 -1.75 -1.07368e+09 -3.625 -999993 -98 -9 -123.251
; stdout: copysign: -1.5 -2.25 1.07374e+09 -0.125 7 100.5 -0 0.000976562
; stdout: reductions: -1.5708e+98 -1e+100 1.10728e+10 65536
; stdout: extract/insert v8f64: 2.5 0.1 3.14159 -0.001 1e+15 9 -64.5 0.1
; Each `@dump.<elem>` helper prints a label and the lanes stored in %buf, and returns a hash of them that
; `main` sums into its exit code. Wide vectors never cross a call (the ABI passes them in ymm registers).

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@F = private unnamed_addr constant [16 x float] [float 1.5, float -2.25, float 1.073741824e+9, float 0.125, float -7.0, float 100.5, float 0.0, float 9.765625e-4, float 42.0, float -0.5, float 65536.0, float 3.75, float -1.0e+6, float 2.5, float 9.0, float -123.25]
@D = private unnamed_addr constant [8 x double] [double 2.5, double -1.0e+100, double 3.141592653589793, double -0.001, double 1.0e+15, double 7.0, double -64.5, double 0.1]
@I = private unnamed_addr constant [8 x i32] [i32 1, i32 -2, i32 16777217, i32 -2147483648, i32 2147483647, i32 -100, i32 65536, i32 -7]
@L = private unnamed_addr constant [4 x i64] [i64 9007199254740993, i64 -5, i64 -9223372036854775807, i64 123456789012]
@S = private unnamed_addr constant [8 x i16] [i16 -32768, i16 32767, i16 -1, i16 1, i16 1000, i16 -1000, i16 12345, i16 0]

declare <8 x float> @llvm.fabs.v8f32(<8 x float>)
declare <4 x double> @llvm.sqrt.v4f64(<4 x double>)
declare <8 x float> @llvm.floor.v8f32(<8 x float>)
declare <8 x float> @llvm.ceil.v8f32(<8 x float>)
declare <4 x double> @llvm.trunc.v4f64(<4 x double>)
declare <4 x double> @llvm.fma.v4f64(<4 x double>, <4 x double>, <4 x double>)
declare <8 x float> @llvm.fmuladd.v8f32(<8 x float>, <8 x float>, <8 x float>)
declare <8 x float> @llvm.minnum.v8f32(<8 x float>, <8 x float>)
declare <4 x double> @llvm.maxnum.v4f64(<4 x double>, <4 x double>)
declare <8 x float> @llvm.minimum.v8f32(<8 x float>, <8 x float>)
declare <8 x float> @llvm.copysign.v8f32(<8 x float>, <8 x float>)
declare float @llvm.vector.reduce.fadd.v16f32(float, <16 x float>)
declare double @llvm.vector.reduce.fmul.v4f64(double, <4 x double>)
declare float @llvm.vector.reduce.fmax.v8f32(<8 x float>)
declare double @llvm.vector.reduce.fmin.v8f64(<8 x double>)

@fmt.s = private unnamed_addr constant [4 x i8] c"%s:\00"
@fmt.double = private unnamed_addr constant [4 x i8] c" %g\00"
@fmt.float = private unnamed_addr constant [4 x i8] c" %g\00"
@fmt.i16 = private unnamed_addr constant [4 x i8] c" %d\00"
@fmt.i32 = private unnamed_addr constant [4 x i8] c" %d\00"
@fmt.i64 = private unnamed_addr constant [6 x i8] c" %lld\00"
@s.1 = private unnamed_addr constant [12 x i8] c"fadd v16f32\00"
@s.2 = private unnamed_addr constant [11 x i8] c"fsub v8f32\00"
@s.3 = private unnamed_addr constant [11 x i8] c"fmul v8f32\00"
@s.4 = private unnamed_addr constant [11 x i8] c"fdiv v8f32\00"
@s.5 = private unnamed_addr constant [11 x i8] c"frem v8f32\00"
@s.6 = private unnamed_addr constant [11 x i8] c"fneg v8f32\00"
@s.7 = private unnamed_addr constant [16 x i8] c"fadd/fmul v4f64\00"
@s.8 = private unnamed_addr constant [11 x i8] c"fdiv v4f64\00"
@s.9 = private unnamed_addr constant [11 x i8] c"frem v4f64\00"
@s.10 = private unnamed_addr constant [11 x i8] c"fsub v8f64\00"
@s.11 = private unnamed_addr constant [11 x i8] c"select olt\00"
@s.12 = private unnamed_addr constant [17 x i8] c"select ugt v4f64\00"
@s.13 = private unnamed_addr constant [18 x i8] c"select one v16f32\00"
@s.14 = private unnamed_addr constant [19 x i8] c"fpext v8f32->v8f64\00"
@s.15 = private unnamed_addr constant [19 x i8] c"fpext v4f32->v4f64\00"
@s.16 = private unnamed_addr constant [21 x i8] c"fptrunc v4f64->v4f32\00"
@s.17 = private unnamed_addr constant [21 x i8] c"fptrunc v8f64->v8f32\00"
@s.18 = private unnamed_addr constant [20 x i8] c"sitofp v8i32->v8f32\00"
@s.19 = private unnamed_addr constant [20 x i8] c"uitofp v8i32->v8f32\00"
@s.20 = private unnamed_addr constant [20 x i8] c"sitofp v4i32->v4f64\00"
@s.21 = private unnamed_addr constant [20 x i8] c"uitofp v8i32->v8f64\00"
@s.22 = private unnamed_addr constant [20 x i8] c"sitofp v8i16->v8f32\00"
@s.23 = private unnamed_addr constant [20 x i8] c"uitofp v8i16->v8f64\00"
@s.24 = private unnamed_addr constant [20 x i8] c"sitofp v4i64->v4f32\00"
@s.25 = private unnamed_addr constant [20 x i8] c"sitofp v4i64->v4f64\00"
@s.26 = private unnamed_addr constant [20 x i8] c"uitofp v4i64->v4f64\00"
@s.27 = private unnamed_addr constant [20 x i8] c"fptosi v8f32->v8i32\00"
@s.28 = private unnamed_addr constant [20 x i8] c"fptoui v8f32->v8i32\00"
@s.29 = private unnamed_addr constant [20 x i8] c"fptosi v8f32->v8i16\00"
@s.30 = private unnamed_addr constant [20 x i8] c"fptosi v4f64->v4i32\00"
@s.31 = private unnamed_addr constant [20 x i8] c"fptosi v4f64->v4i64\00"
@s.32 = private unnamed_addr constant [20 x i8] c"fptoui v4f64->v4i64\00"
@s.33 = private unnamed_addr constant [20 x i8] c"fptosi v4f32->v4i64\00"
@s.34 = private unnamed_addr constant [21 x i8] c"bitcast v8f32->v8i32\00"
@s.35 = private unnamed_addr constant [5 x i8] c"fabs\00"
@s.36 = private unnamed_addr constant [5 x i8] c"sqrt\00"
@s.37 = private unnamed_addr constant [6 x i8] c"floor\00"
@s.38 = private unnamed_addr constant [5 x i8] c"ceil\00"
@s.39 = private unnamed_addr constant [6 x i8] c"trunc\00"
@s.40 = private unnamed_addr constant [4 x i8] c"fma\00"
@s.41 = private unnamed_addr constant [8 x i8] c"fmuladd\00"
@s.42 = private unnamed_addr constant [7 x i8] c"minnum\00"
@s.43 = private unnamed_addr constant [7 x i8] c"maxnum\00"
@s.44 = private unnamed_addr constant [8 x i8] c"minimum\00"
@s.45 = private unnamed_addr constant [9 x i8] c"copysign\00"
@s.46 = private unnamed_addr constant [11 x i8] c"reductions\00"
@s.47 = private unnamed_addr constant [21 x i8] c"extract/insert v8f64\00"

declare i32 @printf(ptr, ...)
declare i32 @putchar(i32)

define internal i32 @dump.double(ptr %label, ptr %p, i32 %n) {
entry:
  call i32 (ptr, ...) @printf(ptr @fmt.s, ptr %label)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %h = phi i32 [ 7, %entry ], [ %h1, %loop ]
  %q = getelementptr inbounds double, ptr %p, i32 %i
  %v = load double, ptr %q
  %a = fadd double %v, 0.0
  call i32 (ptr, ...) @printf(ptr @fmt.double, double %a)
  %b64 = bitcast double %v to i64
  %hi = lshr i64 %b64, 32
  %x64 = xor i64 %b64, %hi
  %hv = trunc i64 %x64 to i32
  %hm = mul i32 %h, 31
  %h1 = add i32 %hm, %hv
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  call i32 @putchar(i32 10)
  ret i32 %h1
}

define internal i32 @dump.float(ptr %label, ptr %p, i32 %n) {
entry:
  call i32 (ptr, ...) @printf(ptr @fmt.s, ptr %label)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %h = phi i32 [ 7, %entry ], [ %h1, %loop ]
  %q = getelementptr inbounds float, ptr %p, i32 %i
  %v = load float, ptr %q
  %a = fpext float %v to double
  call i32 (ptr, ...) @printf(ptr @fmt.float, double %a)
  %hv = bitcast float %v to i32
  %hm = mul i32 %h, 31
  %h1 = add i32 %hm, %hv
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  call i32 @putchar(i32 10)
  ret i32 %h1
}

define internal i32 @dump.i16(ptr %label, ptr %p, i32 %n) {
entry:
  call i32 (ptr, ...) @printf(ptr @fmt.s, ptr %label)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %h = phi i32 [ 7, %entry ], [ %h1, %loop ]
  %q = getelementptr inbounds i16, ptr %p, i32 %i
  %v = load i16, ptr %q
  %a = sext i16 %v to i32
  call i32 (ptr, ...) @printf(ptr @fmt.i16, i32 %a)
  %hv = sext i16 %v to i32
  %hm = mul i32 %h, 31
  %h1 = add i32 %hm, %hv
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  call i32 @putchar(i32 10)
  ret i32 %h1
}

define internal i32 @dump.i32(ptr %label, ptr %p, i32 %n) {
entry:
  call i32 (ptr, ...) @printf(ptr @fmt.s, ptr %label)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %h = phi i32 [ 7, %entry ], [ %h1, %loop ]
  %q = getelementptr inbounds i32, ptr %p, i32 %i
  %v = load i32, ptr %q
  %a = add i32 %v, 0
  call i32 (ptr, ...) @printf(ptr @fmt.i32, i32 %a)
  %hv = add i32 %v, 0
  %hm = mul i32 %h, 31
  %h1 = add i32 %hm, %hv
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  call i32 @putchar(i32 10)
  ret i32 %h1
}

define internal i32 @dump.i64(ptr %label, ptr %p, i32 %n) {
entry:
  call i32 (ptr, ...) @printf(ptr @fmt.s, ptr %label)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %h = phi i32 [ 7, %entry ], [ %h1, %loop ]
  %q = getelementptr inbounds i64, ptr %p, i32 %i
  %v = load i64, ptr %q
  %a = add i64 %v, 0
  call i32 (ptr, ...) @printf(ptr @fmt.i64, i64 %a)
  %b64 = add i64 %v, 0
  %hi = lshr i64 %b64, 32
  %x64 = xor i64 %b64, %hi
  %hv = trunc i64 %x64 to i32
  %hm = mul i32 %h, 31
  %h1 = add i32 %hm, %hv
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  call i32 @putchar(i32 10)
  ret i32 %h1
}
define i32 @main(i32 %argc, ptr %argv) {
entry:
  %buf = alloca [64 x i64], align 64
  %acc0 = add i32 0, 0
  %f = load <16 x float>, ptr @F, align 4
  %g = shufflevector <16 x float> %f, <16 x float> poison, <16 x i32> <i32 5, i32 4, i32 7, i32 6, i32 1, i32 0, i32 3, i32 2, i32 13, i32 12, i32 15, i32 14, i32 9, i32 8, i32 11, i32 10>
  %f8 = load <8 x float>, ptr @F, align 4
  %g8 = load <8 x float>, ptr getelementptr inbounds (i8, ptr @F, i64 32), align 4
  %d = load <4 x double>, ptr @D, align 8
  %e = load <4 x double>, ptr getelementptr inbounds (i8, ptr @D, i64 32), align 8
  %d8 = load <8 x double>, ptr @D, align 8
  ; elementwise float arithmetic on two and four chunks
  %fadd = fadd <16 x float> %f, %g
  store <16 x float> %fadd, ptr %buf, align 16
  %h1 = call i32 @dump.float(ptr @s.1, ptr %buf, i32 16)
  %acc1 = add i32 %acc0, %h1
  %fsub = fsub <8 x float> %f8, %g8
  store <8 x float> %fsub, ptr %buf, align 16
  %h2 = call i32 @dump.float(ptr @s.2, ptr %buf, i32 8)
  %acc2 = add i32 %acc1, %h2
  %fmul = fmul <8 x float> %f8, %g8
  store <8 x float> %fmul, ptr %buf, align 16
  %h3 = call i32 @dump.float(ptr @s.3, ptr %buf, i32 8)
  %acc3 = add i32 %acc2, %h3
  %fdiv = fdiv <8 x float> %g8, <float 2.0, float 4.0, float 0.5, float -8.0, float 1.0, float 3.0, float 7.0, float -2.0>
  store <8 x float> %fdiv, ptr %buf, align 16
  %h4 = call i32 @dump.float(ptr @s.4, ptr %buf, i32 8)
  %acc4 = add i32 %acc3, %h4
  %frem = frem <8 x float> %g8, splat (float 3.0)
  store <8 x float> %frem, ptr %buf, align 16
  %h5 = call i32 @dump.float(ptr @s.5, ptr %buf, i32 8)
  %acc5 = add i32 %acc4, %h5
  %fneg = fneg <8 x float> %fsub
  store <8 x float> %fneg, ptr %buf, align 16
  %h6 = call i32 @dump.float(ptr @s.6, ptr %buf, i32 8)
  %acc6 = add i32 %acc5, %h6
  %dadd = fadd <4 x double> %d, %e
  %dmul = fmul <4 x double> %dadd, %d
  store <4 x double> %dmul, ptr %buf, align 16
  %h7 = call i32 @dump.double(ptr @s.7, ptr %buf, i32 4)
  %acc7 = add i32 %acc6, %h7
  %ddiv = fdiv <4 x double> %e, %d
  store <4 x double> %ddiv, ptr %buf, align 16
  %h8 = call i32 @dump.double(ptr @s.8, ptr %buf, i32 4)
  %acc8 = add i32 %acc7, %h8
  %drem = frem <4 x double> %e, <double 2.0, double 3.0, double 0.25, double 0.03>
  store <4 x double> %drem, ptr %buf, align 16
  %h9 = call i32 @dump.double(ptr @s.9, ptr %buf, i32 4)
  %acc9 = add i32 %acc8, %h9
  %d8s = fsub <8 x double> %d8, splat (double 1.5)
  store <8 x double> %d8s, ptr %buf, align 16
  %h10 = call i32 @dump.double(ptr @s.10, ptr %buf, i32 8)
  %acc10 = add i32 %acc9, %h10
  ; compare and select per chunk
  %c1 = fcmp olt <8 x float> %f8, %g8
  %sel = select <8 x i1> %c1, <8 x float> %f8, <8 x float> %g8
  store <8 x float> %sel, ptr %buf, align 16
  %h11 = call i32 @dump.float(ptr @s.11, ptr %buf, i32 8)
  %acc11 = add i32 %acc10, %h11
  %c2 = fcmp ugt <4 x double> %d, %e
  %sel2 = select <4 x i1> %c2, <4 x double> %d, <4 x double> %e
  store <4 x double> %sel2, ptr %buf, align 16
  %h12 = call i32 @dump.double(ptr @s.12, ptr %buf, i32 4)
  %acc12 = add i32 %acc11, %h12
  %c3 = fcmp oeq <16 x float> %f, %g
  %c4 = fcmp true <16 x float> %f, %g
  %c5 = xor <16 x i1> %c3, %c4
  %sel3 = select <16 x i1> %c5, <16 x float> %fadd, <16 x float> zeroinitializer
  store <16 x float> %sel3, ptr %buf, align 16
  %h13 = call i32 @dump.float(ptr @s.13, ptr %buf, i32 16)
  %acc13 = add i32 %acc12, %h13
  ; conversions that change the chunk count
  %ext = fpext <8 x float> %f8 to <8 x double>
  store <8 x double> %ext, ptr %buf, align 16
  %h14 = call i32 @dump.double(ptr @s.14, ptr %buf, i32 8)
  %acc14 = add i32 %acc13, %h14
  %ext4 = fpext <4 x float> <float 0.375, float -0.625, float 1.0e+3, float 2.5e-1> to <4 x double>
  store <4 x double> %ext4, ptr %buf, align 16
  %h15 = call i32 @dump.double(ptr @s.15, ptr %buf, i32 4)
  %acc15 = add i32 %acc14, %h15
  %tr = fptrunc <4 x double> %dmul to <4 x float>
  store <4 x float> %tr, ptr %buf, align 16
  %h16 = call i32 @dump.float(ptr @s.16, ptr %buf, i32 4)
  %acc16 = add i32 %acc15, %h16
  %tr8 = fptrunc <8 x double> %d8 to <8 x float>
  store <8 x float> %tr8, ptr %buf, align 16
  %h17 = call i32 @dump.float(ptr @s.17, ptr %buf, i32 8)
  %acc17 = add i32 %acc16, %h17
  %iv = load <8 x i32>, ptr @I, align 4
  %si = sitofp <8 x i32> %iv to <8 x float>
  store <8 x float> %si, ptr %buf, align 16
  %h18 = call i32 @dump.float(ptr @s.18, ptr %buf, i32 8)
  %acc18 = add i32 %acc17, %h18
  %ui = uitofp <8 x i32> %iv to <8 x float>
  store <8 x float> %ui, ptr %buf, align 16
  %h19 = call i32 @dump.float(ptr @s.19, ptr %buf, i32 8)
  %acc19 = add i32 %acc18, %h19
  %iv4 = load <4 x i32>, ptr @I, align 4
  %sid = sitofp <4 x i32> %iv4 to <4 x double>
  store <4 x double> %sid, ptr %buf, align 16
  %h20 = call i32 @dump.double(ptr @s.20, ptr %buf, i32 4)
  %acc20 = add i32 %acc19, %h20
  %iv8 = load <8 x i32>, ptr @I, align 4
  %uid = uitofp <8 x i32> %iv8 to <8 x double>
  store <8 x double> %uid, ptr %buf, align 16
  %h21 = call i32 @dump.double(ptr @s.21, ptr %buf, i32 8)
  %acc21 = add i32 %acc20, %h21
  %sv = load <8 x i16>, ptr @S, align 2
  %s16 = sitofp <8 x i16> %sv to <8 x float>
  store <8 x float> %s16, ptr %buf, align 16
  %h22 = call i32 @dump.float(ptr @s.22, ptr %buf, i32 8)
  %acc22 = add i32 %acc21, %h22
  %u16 = uitofp <8 x i16> %sv to <8 x double>
  store <8 x double> %u16, ptr %buf, align 16
  %h23 = call i32 @dump.double(ptr @s.23, ptr %buf, i32 8)
  %acc23 = add i32 %acc22, %h23
  %lv = load <4 x i64>, ptr @L, align 8
  %l2f = sitofp <4 x i64> %lv to <4 x float>
  store <4 x float> %l2f, ptr %buf, align 16
  %h24 = call i32 @dump.float(ptr @s.24, ptr %buf, i32 4)
  %acc24 = add i32 %acc23, %h24
  %l2d = sitofp <4 x i64> %lv to <4 x double>
  store <4 x double> %l2d, ptr %buf, align 16
  %h25 = call i32 @dump.double(ptr @s.25, ptr %buf, i32 4)
  %acc25 = add i32 %acc24, %h25
  %l2u = uitofp <4 x i64> %lv to <4 x double>
  store <4 x double> %l2u, ptr %buf, align 16
  %h26 = call i32 @dump.double(ptr @s.26, ptr %buf, i32 4)
  %acc26 = add i32 %acc25, %h26
  %small = fmul <8 x float> %g8, splat (float 0.5)
  %fi = fptosi <8 x float> %small to <8 x i32>
  store <8 x i32> %fi, ptr %buf, align 16
  %h27 = call i32 @dump.i32(ptr @s.27, ptr %buf, i32 8)
  %acc27 = add i32 %acc26, %h27
  %fabsv = call <8 x float> @llvm.fabs.v8f32(<8 x float> %f8)
  %fu = fptoui <8 x float> %fabsv to <8 x i32>
  store <8 x i32> %fu, ptr %buf, align 16
  %h28 = call i32 @dump.i32(ptr @s.28, ptr %buf, i32 8)
  %acc28 = add i32 %acc27, %h28
  %fb = fdiv <8 x float> %small, splat (float 1.0e+3)
  %fi16 = fptosi <8 x float> %fb to <8 x i16>
  store <8 x i16> %fi16, ptr %buf, align 16
  %h29 = call i32 @dump.i16(ptr @s.29, ptr %buf, i32 8)
  %acc29 = add i32 %acc28, %h29
  %dsmall = fdiv <4 x double> %d, <double 1.0, double 1.0e+95, double 1.0, double 1.0e-6>
  %di = fptosi <4 x double> %dsmall to <4 x i32>
  store <4 x i32> %di, ptr %buf, align 16
  %h30 = call i32 @dump.i32(ptr @s.30, ptr %buf, i32 4)
  %acc30 = add i32 %acc29, %h30
  %dl = fptosi <4 x double> %e to <4 x i64>
  store <4 x i64> %dl, ptr %buf, align 16
  %h31 = call i32 @dump.i64(ptr @s.31, ptr %buf, i32 4)
  %acc31 = add i32 %acc30, %h31
  %dabs = fmul <4 x double> %e, <double 1.0e+3, double 1.0, double -1.0, double 10.0>
  %du = fptoui <4 x double> %dabs to <4 x i64>
  store <4 x i64> %du, ptr %buf, align 16
  %h32 = call i32 @dump.i64(ptr @s.32, ptr %buf, i32 4)
  %acc32 = add i32 %acc31, %h32
  %fl = fptosi <4 x float> <float 1.6777216e+10, float -3.0e+9, float 7.875, float -0.875> to <4 x i64>
  store <4 x i64> %fl, ptr %buf, align 16
  %h33 = call i32 @dump.i64(ptr @s.33, ptr %buf, i32 4)
  %acc33 = add i32 %acc32, %h33
  ; bitcasts
  %bc = bitcast <8 x float> %f8 to <4 x double>
  %bc2 = bitcast <4 x double> %bc to <8 x i32>
  %bc3 = lshr <8 x i32> %bc2, splat (i32 20)
  store <8 x i32> %bc3, ptr %buf, align 16
  %h34 = call i32 @dump.i32(ptr @s.34, ptr %buf, i32 8)
  %acc34 = add i32 %acc33, %h34
  ; intrinsics on every chunk
  %ab = call <8 x float> @llvm.fabs.v8f32(<8 x float> %fsub)
  store <8 x float> %ab, ptr %buf, align 16
  %h35 = call i32 @dump.float(ptr @s.35, ptr %buf, i32 8)
  %acc35 = add i32 %acc34, %h35
  %dsq = fmul <4 x double> %d, %d
  %sq = call <4 x double> @llvm.sqrt.v4f64(<4 x double> %dsq)
  store <4 x double> %sq, ptr %buf, align 16
  %h36 = call i32 @dump.double(ptr @s.36, ptr %buf, i32 4)
  %acc36 = add i32 %acc35, %h36
  %fl8 = call <8 x float> @llvm.floor.v8f32(<8 x float> %fdiv)
  store <8 x float> %fl8, ptr %buf, align 16
  %h37 = call i32 @dump.float(ptr @s.37, ptr %buf, i32 8)
  %acc37 = add i32 %acc36, %h37
  %ce8 = call <8 x float> @llvm.ceil.v8f32(<8 x float> %fdiv)
  store <8 x float> %ce8, ptr %buf, align 16
  %h38 = call i32 @dump.float(ptr @s.38, ptr %buf, i32 8)
  %acc38 = add i32 %acc37, %h38
  %tr4 = call <4 x double> @llvm.trunc.v4f64(<4 x double> %ddiv)
  store <4 x double> %tr4, ptr %buf, align 16
  %h39 = call i32 @dump.double(ptr @s.39, ptr %buf, i32 4)
  %acc39 = add i32 %acc38, %h39
  %fm = call <4 x double> @llvm.fma.v4f64(<4 x double> %d, <4 x double> %e, <4 x double> splat (double 0.5))
  store <4 x double> %fm, ptr %buf, align 16
  %h40 = call i32 @dump.double(ptr @s.40, ptr %buf, i32 4)
  %acc40 = add i32 %acc39, %h40
  %fma8 = call <8 x float> @llvm.fmuladd.v8f32(<8 x float> %f8, <8 x float> splat (float 2.0), <8 x float> %g8)
  store <8 x float> %fma8, ptr %buf, align 16
  %h41 = call i32 @dump.float(ptr @s.41, ptr %buf, i32 8)
  %acc41 = add i32 %acc40, %h41
  %mn = call <8 x float> @llvm.minnum.v8f32(<8 x float> %f8, <8 x float> %g8)
  store <8 x float> %mn, ptr %buf, align 16
  %h42 = call i32 @dump.float(ptr @s.42, ptr %buf, i32 8)
  %acc42 = add i32 %acc41, %h42
  %mx = call <4 x double> @llvm.maxnum.v4f64(<4 x double> %d, <4 x double> %e)
  store <4 x double> %mx, ptr %buf, align 16
  %h43 = call i32 @dump.double(ptr @s.43, ptr %buf, i32 4)
  %acc43 = add i32 %acc42, %h43
  %mi = call <8 x float> @llvm.minimum.v8f32(<8 x float> %fsub, <8 x float> %fneg)
  store <8 x float> %mi, ptr %buf, align 16
  %h44 = call i32 @dump.float(ptr @s.44, ptr %buf, i32 8)
  %acc44 = add i32 %acc43, %h44
  %cs = call <8 x float> @llvm.copysign.v8f32(<8 x float> %f8, <8 x float> %fsub)
  store <8 x float> %cs, ptr %buf, align 16
  %h45 = call i32 @dump.float(ptr @s.45, ptr %buf, i32 8)
  %acc45 = add i32 %acc44, %h45
  ; reductions over all lanes, in lane order where it matters
  %r0 = call float @llvm.vector.reduce.fadd.v16f32(float 1.0e+10, <16 x float> %f)
  %r1 = call double @llvm.vector.reduce.fmul.v4f64(double -2.0, <4 x double> %d)
  %r2 = call float @llvm.vector.reduce.fmax.v8f32(<8 x float> %g8)
  %r3 = call double @llvm.vector.reduce.fmin.v8f64(<8 x double> %d8)
  %rv0 = insertelement <4 x double> poison, double %r1, i32 0
  %rv1 = insertelement <4 x double> %rv0, double %r3, i32 1
  %r0d = fpext float %r0 to double
  %r2d = fpext float %r2 to double
  %rv2 = insertelement <4 x double> %rv1, double %r0d, i32 2
  %rv3 = insertelement <4 x double> %rv2, double %r2d, i32 3
  store <4 x double> %rv3, ptr %buf, align 16
  %h46 = call i32 @dump.double(ptr @s.46, ptr %buf, i32 4)
  %acc46 = add i32 %acc45, %h46
  ; extract/insert on wide float vectors with run-time indices
  %ix = add i32 %argc, 6
  %x6 = extractelement <8 x double> %d8, i32 %ix
  %x6b = extractelement <16 x float> %f, i64 14
  %x6c = fpext float %x6b to double
  %y1 = insertelement <8 x double> %d8, double %x6, i32 %argc
  %y2 = insertelement <8 x double> %y1, double %x6c, i32 5
  store <8 x double> %y2, ptr %buf, align 16
  %h47 = call i32 @dump.double(ptr @s.47, ptr %buf, i32 8)
  %acc47 = add i32 %acc46, %h47
  %res = and i32 %acc47, 255
  ret i32 %res
}
