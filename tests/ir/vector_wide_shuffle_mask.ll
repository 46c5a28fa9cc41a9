; fixture: shufflevector across 128-bit chunks (concat, straddling extracts, interleave, reverse, gathers from 4 chunks, poison lanes, partial sources) and lane masks of wide compares: <16/32/64 x i1> bitcast to integers, select on data of other lane widths (masks narrowed and widened), mask zext/sext/trunc/uitofp/sitofp, logic and icmp on masks, mask shuffles, lane access, reductions over masks, a mask phi in a loop
; exit: 85
; stdout: concat v4->v8: 7 -3 100 2147483647 3 5 -7 2147483647
; stdout: chunk 2: 12345 -987 31 64
; stdout: straddle: 100 2147483647 -2147483648 65535 -1 0 12345 -987
; stdout: interleave: 7 3 -3 5 100 -7 2147483647 2147483647 -2147483648 9 65535 -11 -1 13 0 0
; stdout: reverse: -42 1000000 5 -77777 64 31 -987 12345 0 -1 65535 -2147483648 2147483647 100 -3 7
; stdout: gather 4 chunks: 7 -11 31 8
; stdout: mix with poison lanes: 3 0 65535 13 -3 -987 0 2147483647
; stdout: to v2i32: -42 3
; stdout: rotate v32i8: 3 127 -128 -127 -1 16 32 48 64 80 96 112 -16 5 10 15 20 25 30 35 40 -56 -46 -36 -26 -16 -6 4 9 65 66 96
; stdout: v2f32 pairs->v8f32: 1.5 -2 0.25 8 8 0.25 -2 1.5
; stdout: even v8f64: 2.5 3.14159 1e+15 -64.5
; stdout: v4i64 x2 -> v8i64: 1099511627776 1 -7 -2 3 9000000000 81985529216486895 -9000000001
; stdout: mask bits: 45650 3355385758 -3237941008 115
; stdout: select v16i1 on v16i8: -1 2 -1 -1 5 -1 7 -1 -1 10 -1 -1 13 14 -1 16
; stdout: select v16i1 on v16i64: 3 -3 -7 2147483647 -2147483648 -11 -1 0 -100 -987 31 -3 -77777 5 -1000 -42
; stdout: select v8i1 on v8i64: 1099511627776 1 -9 -9 3 9000000000 81985529216486895 -9
; stdout: select v8i1 on v8i16: 10 20 0 0 50 60 70 0
; stdout: select v8i1 on v8f32: 7 -3 0.5 0.5 -2.14748e+09 65535 -1 0.5
; stdout: select v4i1 on v4i8: 1 2 -3 4
; stdout: select v4i1 on v4f64: 2.5 -1e+100 -1 -0.001
; stdout: select v2i1 on v2i32: 11 44
; stdout: zext v16i1->v16i32: 0 1 0 0 1 0 1 0 0 1 0 0 1 1 0 1
; stdout: sext v32i1->v32i16: -65536 -1 65535 -65536 -1 -1 65535 0 -1 -1 -1 -1 -1 65535 0 -1
; stdout: zext v32i1->v32i8: 0 1 1 1 1 0 0 1 1 1 1 1 1 0 0 0 1 1 1 1 1 1 1 1 1 1 1 0 0 0 1 1
; stdout: trunc v16i32->v16i1: 1 1 0 1 0 1 1 0 1 1 1 0 1 1 0 0
; stdout: uitofp v8i1: 1 1 0 0 1 1 1 0
; stdout: sitofp v4i1: -1 -1 0 -1
; stdout: mask logic: 0 1 1 0 0 1 0 0 0 1 0 1 1 1 0 1 1 1 1 1 0 0 0 0 1 1 1 0 1 1 0 0
; stdout: interleave v8i1: 1 0 1 0 0 1 0 0 1 0 1 1 1 0 0 0
; stdout: mask lanes/reductions: 1 1 1 1 1246567717 0 1 -939581538 1 0 1 1 0 1 0 0
; stdout: loop mask count: 2 5 5 5 4 0 0 2 5 5 3 3 4 4 4 2 5 5 5 5 5 5 5 3 1 1 1 2 2 2 5 5
; Each `@dump.<elem>` helper prints a label and the lanes stored in %buf, and returns a hash of them that
; `main` sums into its exit code. Wide vectors never cross a call (the ABI passes them in ymm registers).

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@A = private unnamed_addr constant [16 x i32] [i32 7, i32 -3, i32 100, i32 2147483647, i32 -2147483648, i32 65535, i32 -1, i32 0, i32 12345, i32 -987, i32 31, i32 64, i32 -77777, i32 5, i32 1000000, i32 -42]
@B = private unnamed_addr constant [16 x i32] [i32 3, i32 5, i32 -7, i32 2147483647, i32 9, i32 -11, i32 13, i32 0, i32 -100, i32 17, i32 31, i32 -3, i32 33, i32 6, i32 -1000, i32 8]
@BY = private unnamed_addr constant [64 x i8] c"\00\01\02\03\7F\80\81\FF\10\20\30\40\50\60\70\F0\05\0A\0F\14\19\1E\23\28\C8\D2\DC\E6\F0\FA\04\09ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
@Q = private unnamed_addr constant [8 x i64] [i64 1, i64 -2, i64 9000000000, i64 -9000000001, i64 81985529216486895, i64 3, i64 -7, i64 1099511627776]
@D = private unnamed_addr constant [8 x double] [double 2.5, double -1.0e+100, double 3.141592653589793, double -0.001, double 1.0e+15, double 7.0, double -64.5, double 0.1]

declare i1 @llvm.vector.reduce.or.v32i1(<32 x i1>)
declare i1 @llvm.vector.reduce.and.v32i1(<32 x i1>)
declare i1 @llvm.vector.reduce.xor.v32i1(<32 x i1>)
declare i1 @llvm.vector.reduce.or.v8i1(<8 x i1>)
declare i1 @llvm.vector.reduce.and.v16i1(<16 x i1>)
declare i1 @llvm.vector.reduce.umin.v4i1(<4 x i1>)

@fmt.s = private unnamed_addr constant [4 x i8] c"%s:\00"
@fmt.double = private unnamed_addr constant [4 x i8] c" %g\00"
@fmt.float = private unnamed_addr constant [4 x i8] c" %g\00"
@fmt.i16 = private unnamed_addr constant [4 x i8] c" %d\00"
@fmt.i32 = private unnamed_addr constant [4 x i8] c" %d\00"
@fmt.i64 = private unnamed_addr constant [6 x i8] c" %lld\00"
@fmt.i8 = private unnamed_addr constant [4 x i8] c" %d\00"
@s.1 = private unnamed_addr constant [14 x i8] c"concat v4->v8\00"
@s.2 = private unnamed_addr constant [8 x i8] c"chunk 2\00"
@s.3 = private unnamed_addr constant [9 x i8] c"straddle\00"
@s.4 = private unnamed_addr constant [11 x i8] c"interleave\00"
@s.5 = private unnamed_addr constant [8 x i8] c"reverse\00"
@s.6 = private unnamed_addr constant [16 x i8] c"gather 4 chunks\00"
@s.7 = private unnamed_addr constant [22 x i8] c"mix with poison lanes\00"
@s.8 = private unnamed_addr constant [9 x i8] c"to v2i32\00"
@s.9 = private unnamed_addr constant [13 x i8] c"rotate v32i8\00"
@s.10 = private unnamed_addr constant [19 x i8] c"v2f32 pairs->v8f32\00"
@s.11 = private unnamed_addr constant [11 x i8] c"even v8f64\00"
@s.12 = private unnamed_addr constant [18 x i8] c"v4i64 x2 -> v8i64\00"
@s.13 = private unnamed_addr constant [10 x i8] c"mask bits\00"
@s.14 = private unnamed_addr constant [22 x i8] c"select v16i1 on v16i8\00"
@s.15 = private unnamed_addr constant [23 x i8] c"select v16i1 on v16i64\00"
@s.16 = private unnamed_addr constant [21 x i8] c"select v8i1 on v8i64\00"
@s.17 = private unnamed_addr constant [21 x i8] c"select v8i1 on v8i16\00"
@s.18 = private unnamed_addr constant [21 x i8] c"select v8i1 on v8f32\00"
@s.19 = private unnamed_addr constant [20 x i8] c"select v4i1 on v4i8\00"
@s.20 = private unnamed_addr constant [21 x i8] c"select v4i1 on v4f64\00"
@s.21 = private unnamed_addr constant [21 x i8] c"select v2i1 on v2i32\00"
@s.22 = private unnamed_addr constant [19 x i8] c"zext v16i1->v16i32\00"
@s.23 = private unnamed_addr constant [19 x i8] c"sext v32i1->v32i16\00"
@s.24 = private unnamed_addr constant [18 x i8] c"zext v32i1->v32i8\00"
@s.25 = private unnamed_addr constant [20 x i8] c"trunc v16i32->v16i1\00"
@s.26 = private unnamed_addr constant [12 x i8] c"uitofp v8i1\00"
@s.27 = private unnamed_addr constant [12 x i8] c"sitofp v4i1\00"
@s.28 = private unnamed_addr constant [11 x i8] c"mask logic\00"
@s.29 = private unnamed_addr constant [16 x i8] c"interleave v8i1\00"
@s.30 = private unnamed_addr constant [22 x i8] c"mask lanes/reductions\00"
@s.31 = private unnamed_addr constant [16 x i8] c"loop mask count\00"

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

define internal i32 @dump.i8(ptr %label, ptr %p, i32 %n) {
entry:
  call i32 (ptr, ...) @printf(ptr @fmt.s, ptr %label)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %h = phi i32 [ 7, %entry ], [ %h1, %loop ]
  %q = getelementptr inbounds i8, ptr %p, i32 %i
  %v = load i8, ptr %q
  %a = sext i8 %v to i32
  call i32 (ptr, ...) @printf(ptr @fmt.i8, i32 %a)
  %hv = sext i8 %v to i32
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
  %a = load <16 x i32>, ptr @A, align 4
  %b = load <16 x i32>, ptr @B, align 4
  %a4 = load <4 x i32>, ptr @A, align 4
  %b4 = load <4 x i32>, ptr @B, align 4
  %a8 = load <8 x i32>, ptr @A, align 4
  %b8 = load <8 x i32>, ptr @B, align 4
  ; shufflevector: whole chunks, straddling chunks, interleaving, reversing, gathering from many chunks
  %cat = shufflevector <4 x i32> %a4, <4 x i32> %b4, <8 x i32> <i32 0, i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7>
  store <8 x i32> %cat, ptr %buf, align 16
  %h1 = call i32 @dump.i32(ptr @s.1, ptr %buf, i32 8)
  %acc1 = add i32 %acc0, %h1
  %hi = shufflevector <16 x i32> %a, <16 x i32> poison, <4 x i32> <i32 8, i32 9, i32 10, i32 11>
  store <4 x i32> %hi, ptr %buf, align 16
  %h2 = call i32 @dump.i32(ptr @s.2, ptr %buf, i32 4)
  %acc2 = add i32 %acc1, %h2
  %mid = shufflevector <16 x i32> %a, <16 x i32> poison, <8 x i32> <i32 2, i32 3, i32 4, i32 5, i32 6, i32 7, i32 8, i32 9>
  store <8 x i32> %mid, ptr %buf, align 16
  %h3 = call i32 @dump.i32(ptr @s.3, ptr %buf, i32 8)
  %acc3 = add i32 %acc2, %h3
  %il = shufflevector <8 x i32> %a8, <8 x i32> %b8, <16 x i32> <i32 0, i32 8, i32 1, i32 9, i32 2, i32 10, i32 3, i32 11, i32 4, i32 12, i32 5, i32 13, i32 6, i32 14, i32 7, i32 15>
  store <16 x i32> %il, ptr %buf, align 16
  %h4 = call i32 @dump.i32(ptr @s.4, ptr %buf, i32 16)
  %acc4 = add i32 %acc3, %h4
  %rev = shufflevector <16 x i32> %a, <16 x i32> poison, <16 x i32> <i32 15, i32 14, i32 13, i32 12, i32 11, i32 10, i32 9, i32 8, i32 7, i32 6, i32 5, i32 4, i32 3, i32 2, i32 1, i32 0>
  store <16 x i32> %rev, ptr %buf, align 16
  %h5 = call i32 @dump.i32(ptr @s.5, ptr %buf, i32 16)
  %acc5 = add i32 %acc4, %h5
  %diag = shufflevector <16 x i32> %a, <16 x i32> %b, <4 x i32> <i32 0, i32 21, i32 10, i32 31>
  store <4 x i32> %diag, ptr %buf, align 16
  %h6 = call i32 @dump.i32(ptr @s.6, ptr %buf, i32 4)
  %acc6 = add i32 %acc5, %h6
  %mix = shufflevector <16 x i32> %a, <16 x i32> %b, <8 x i32> <i32 16, i32 poison, i32 5, i32 22, i32 27, i32 9, i32 undef, i32 3>
  %mix0 = extractelement <8 x i32> %mix, i32 0
  %mix2 = extractelement <8 x i32> %mix, i32 2
  %mix3 = extractelement <8 x i32> %mix, i32 3
  %mix4 = extractelement <8 x i32> %mix, i32 4
  %mix5 = extractelement <8 x i32> %mix, i32 5
  %mix7 = extractelement <8 x i32> %mix, i32 7
  %mv0 = insertelement <8 x i32> zeroinitializer, i32 %mix0, i32 0
  %mv2 = insertelement <8 x i32> %mv0, i32 %mix2, i32 2
  %mv3 = insertelement <8 x i32> %mv2, i32 %mix3, i32 3
  %mv4 = insertelement <8 x i32> %mv3, i32 %mix4, i32 4
  %mv5 = insertelement <8 x i32> %mv4, i32 %mix5, i32 5
  %mv7 = insertelement <8 x i32> %mv5, i32 %mix7, i32 7
  store <8 x i32> %mv7, ptr %buf, align 16
  %h7 = call i32 @dump.i32(ptr @s.7, ptr %buf, i32 8)
  %acc7 = add i32 %acc6, %h7
  %narrow = shufflevector <16 x i32> %a, <16 x i32> %b, <2 x i32> <i32 15, i32 16>
  store <2 x i32> %narrow, ptr %buf, align 16
  %h8 = call i32 @dump.i32(ptr @s.8, ptr %buf, i32 2)
  %acc8 = add i32 %acc7, %h8
  %y = load <32 x i8>, ptr @BY, align 1
  %y2 = load <32 x i8>, ptr getelementptr inbounds (i8, ptr @BY, i64 32), align 1
  %rot = shufflevector <32 x i8> %y, <32 x i8> %y2, <32 x i32> <i32 3, i32 4, i32 5, i32 6, i32 7, i32 8, i32 9, i32 10, i32 11, i32 12, i32 13, i32 14, i32 15, i32 16, i32 17, i32 18, i32 19, i32 20, i32 21, i32 22, i32 23, i32 24, i32 25, i32 26, i32 27, i32 28, i32 29, i32 30, i32 31, i32 32, i32 33, i32 63>
  store <32 x i8> %rot, ptr %buf, align 16
  %h9 = call i32 @dump.i8(ptr @s.9, ptr %buf, i32 32)
  %acc9 = add i32 %acc8, %h9
  %p2 = shufflevector <2 x float> <float 1.5, float -2.0>, <2 x float> <float 0.25, float 8.0>, <8 x i32> <i32 0, i32 1, i32 2, i32 3, i32 3, i32 2, i32 1, i32 0>
  store <8 x float> %p2, ptr %buf, align 16
  %h10 = call i32 @dump.float(ptr @s.10, ptr %buf, i32 8)
  %acc10 = add i32 %acc9, %h10
  %d8 = load <8 x double>, ptr @D, align 8
  %ev = shufflevector <8 x double> %d8, <8 x double> poison, <4 x i32> <i32 0, i32 2, i32 4, i32 6>
  store <4 x double> %ev, ptr %buf, align 16
  %h11 = call i32 @dump.double(ptr @s.11, ptr %buf, i32 4)
  %acc11 = add i32 %acc10, %h11
  %q = load <4 x i64>, ptr @Q, align 8
  %q2 = load <4 x i64>, ptr getelementptr inbounds (i8, ptr @Q, i64 32), align 8
  %qs = shufflevector <4 x i64> %q, <4 x i64> %q2, <8 x i32> <i32 7, i32 0, i32 6, i32 1, i32 5, i32 2, i32 4, i32 3>
  store <8 x i64> %qs, ptr %buf, align 16
  %h12 = call i32 @dump.i64(ptr @s.12, ptr %buf, i32 8)
  %acc12 = add i32 %acc11, %h12
  ; compares give lane masks; bitcast to integers; select in other lane widths
  %m16 = icmp slt <16 x i32> %a, %b
  %m16i = bitcast <16 x i1> %m16 to i16
  %m32 = icmp eq <32 x i8> %y, %rot
  %y3 = add <32 x i8> %y, splat (i8 3)
  %m32b = icmp ult <32 x i8> %y3, %rot
  %m32i = bitcast <32 x i1> %m32b to i32
  %y64 = load <64 x i8>, ptr @BY, align 1
  %m64 = icmp ugt <64 x i8> %y64, splat (i8 64)
  %m64i = bitcast <64 x i1> %m64 to i64
  %m8 = icmp sgt <8 x i64> %qs, zeroinitializer
  %m8i = bitcast <8 x i1> %m8 to i8
  %m16w = zext i16 %m16i to i64
  %m32w = zext i32 %m32i to i64
  %m8w = zext i8 %m8i to i64
  %bits0 = insertelement <4 x i64> poison, i64 %m16w, i32 0
  %bits1 = insertelement <4 x i64> %bits0, i64 %m32w, i32 1
  %bits2 = insertelement <4 x i64> %bits1, i64 %m64i, i32 2
  %bits3 = insertelement <4 x i64> %bits2, i64 %m8w, i32 3
  store <4 x i64> %bits3, ptr %buf, align 16
  %h13 = call i32 @dump.i64(ptr @s.13, ptr %buf, i32 4)
  %acc13 = add i32 %acc12, %h13
  %s16x8 = select <16 x i1> %m16, <16 x i8> <i8 1, i8 2, i8 3, i8 4, i8 5, i8 6, i8 7, i8 8, i8 9, i8 10, i8 11, i8 12, i8 13, i8 14, i8 15, i8 16>, <16 x i8> splat (i8 -1)
  store <16 x i8> %s16x8, ptr %buf, align 16
  %h14 = call i32 @dump.i8(ptr @s.14, ptr %buf, i32 16)
  %acc14 = add i32 %acc13, %h14
  %a64 = sext <16 x i32> %a to <16 x i64>
  %b64 = sext <16 x i32> %b to <16 x i64>
  %s16x64 = select <16 x i1> %m16, <16 x i64> %a64, <16 x i64> %b64
  store <16 x i64> %s16x64, ptr %buf, align 16
  %h15 = call i32 @dump.i64(ptr @s.15, ptr %buf, i32 16)
  %acc15 = add i32 %acc14, %h15
  %s8x64 = select <8 x i1> %m8, <8 x i64> %qs, <8 x i64> splat (i64 -9)
  store <8 x i64> %s8x64, ptr %buf, align 16
  %h16 = call i32 @dump.i64(ptr @s.16, ptr %buf, i32 8)
  %acc16 = add i32 %acc15, %h16
  %s8x16 = select <8 x i1> %m8, <8 x i16> <i16 10, i16 20, i16 30, i16 40, i16 50, i16 60, i16 70, i16 80>, <8 x i16> zeroinitializer
  store <8 x i16> %s8x16, ptr %buf, align 16
  %h17 = call i32 @dump.i16(ptr @s.17, ptr %buf, i32 8)
  %acc17 = add i32 %acc16, %h17
  %f8 = sitofp <8 x i32> %a8 to <8 x float>
  %s8xf = select <8 x i1> %m8, <8 x float> %f8, <8 x float> splat (float 0.5)
  store <8 x float> %s8xf, ptr %buf, align 16
  %h18 = call i32 @dump.float(ptr @s.18, ptr %buf, i32 8)
  %acc18 = add i32 %acc17, %h18
  %m4 = icmp slt <4 x i64> %q, %q2
  %s4x8 = select <4 x i1> %m4, <4 x i8> <i8 1, i8 2, i8 3, i8 4>, <4 x i8> <i8 -1, i8 -2, i8 -3, i8 -4>
  %s4x8w = sext <4 x i8> %s4x8 to <4 x i32>
  store <4 x i32> %s4x8w, ptr %buf, align 16
  %h19 = call i32 @dump.i32(ptr @s.19, ptr %buf, i32 4)
  %acc19 = add i32 %acc18, %h19
  %d4 = load <4 x double>, ptr @D, align 8
  %s4xd = select <4 x i1> %m4, <4 x double> %d4, <4 x double> splat (double -1.0)
  store <4 x double> %s4xd, ptr %buf, align 16
  %h20 = call i32 @dump.double(ptr @s.20, ptr %buf, i32 4)
  %acc20 = add i32 %acc19, %h20
  %m2 = icmp ne <2 x i64> <i64 5, i64 0>, zeroinitializer
  %s2x32 = select <2 x i1> %m2, <2 x i32> <i32 11, i32 22>, <2 x i32> <i32 33, i32 44>
  store <2 x i32> %s2x32, ptr %buf, align 16
  %h21 = call i32 @dump.i32(ptr @s.21, ptr %buf, i32 2)
  %acc21 = add i32 %acc20, %h21
  ; mask casts
  %z16 = zext <16 x i1> %m16 to <16 x i32>
  store <16 x i32> %z16, ptr %buf, align 16
  %h22 = call i32 @dump.i32(ptr @s.22, ptr %buf, i32 16)
  %acc22 = add i32 %acc21, %h22
  %x32 = sext <32 x i1> %m32b to <32 x i16>
  %x32r = bitcast <32 x i16> %x32 to <16 x i32>
  store <16 x i32> %x32r, ptr %buf, align 16
  %h23 = call i32 @dump.i32(ptr @s.23, ptr %buf, i32 16)
  %acc23 = add i32 %acc22, %h23
  %z32 = zext <32 x i1> %m32b to <32 x i8>
  store <32 x i8> %z32, ptr %buf, align 16
  %h24 = call i32 @dump.i8(ptr @s.24, ptr %buf, i32 32)
  %acc24 = add i32 %acc23, %h24
  %tm = trunc <16 x i32> %a to <16 x i1>
  %tmz = zext <16 x i1> %tm to <16 x i8>
  store <16 x i8> %tmz, ptr %buf, align 16
  %h25 = call i32 @dump.i8(ptr @s.25, ptr %buf, i32 16)
  %acc25 = add i32 %acc24, %h25
  %uf = uitofp <8 x i1> %m8 to <8 x float>
  store <8 x float> %uf, ptr %buf, align 16
  %h26 = call i32 @dump.float(ptr @s.26, ptr %buf, i32 8)
  %acc26 = add i32 %acc25, %h26
  %sf = sitofp <4 x i1> %m4 to <4 x double>
  store <4 x double> %sf, ptr %buf, align 16
  %h27 = call i32 @dump.double(ptr @s.27, ptr %buf, i32 4)
  %acc27 = add i32 %acc26, %h27
  ; logic and compares on masks, constant masks
  %m64lo = shufflevector <64 x i1> %m64, <64 x i1> poison, <32 x i32> <i32 0, i32 2, i32 4, i32 6, i32 8, i32 10, i32 12, i32 14, i32 16, i32 18, i32 20, i32 22, i32 24, i32 26, i32 28, i32 30, i32 32, i32 34, i32 36, i32 38, i32 40, i32 42, i32 44, i32 46, i32 48, i32 50, i32 52, i32 54, i32 56, i32 58, i32 60, i32 62>
  %mand = and <32 x i1> %m32b, %m64lo
  %mor = or <32 x i1> %mand, %m32
  %mxor = xor <32 x i1> %mor, <i1 true, i1 false, i1 true, i1 false, i1 true, i1 false, i1 true, i1 false, i1 true, i1 false, i1 true, i1 false, i1 true, i1 false, i1 true, i1 false, i1 true, i1 true, i1 true, i1 true, i1 false, i1 false, i1 false, i1 false, i1 true, i1 true, i1 true, i1 true, i1 false, i1 false, i1 false, i1 false>
  %meq = icmp eq <32 x i1> %mxor, %m32b
  %madd = add <32 x i1> %meq, %m32b
  %mz = zext <32 x i1> %madd to <32 x i8>
  store <32 x i8> %mz, ptr %buf, align 16
  %h28 = call i32 @dump.i8(ptr @s.28, ptr %buf, i32 32)
  %acc28 = add i32 %acc27, %h28
  ; shuffles of masks
  %m8b = icmp ult <8 x i32> %a8, %b8
  %mcat = shufflevector <8 x i1> %m8, <8 x i1> %m8b, <16 x i32> <i32 0, i32 8, i32 1, i32 9, i32 2, i32 10, i32 3, i32 11, i32 4, i32 12, i32 5, i32 13, i32 6, i32 14, i32 7, i32 15>
  %mcatz = zext <16 x i1> %mcat to <16 x i8>
  store <16 x i8> %mcatz, ptr %buf, align 16
  %h29 = call i32 @dump.i8(ptr @s.29, ptr %buf, i32 16)
  %acc29 = add i32 %acc28, %h29
  %mcat2 = shufflevector <16 x i1> %mcat, <16 x i1> %m16, <32 x i32> <i32 0, i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7, i32 8, i32 9, i32 10, i32 11, i32 12, i32 13, i32 14, i32 15, i32 31, i32 30, i32 29, i32 28, i32 27, i32 26, i32 25, i32 24, i32 23, i32 22, i32 21, i32 20, i32 19, i32 18, i32 17, i32 16>
  %mcat2i = bitcast <32 x i1> %mcat2 to i32
  %mhalf = shufflevector <32 x i1> %m32b, <32 x i1> poison, <4 x i32> <i32 1, i32 17, i32 30, i32 31>
  %mhalfz = zext <4 x i1> %mhalf to <4 x i32>
  ; lane access on masks
  %e5 = extractelement <32 x i1> %m32b, i32 5
  %ix = add i32 %argc, 20
  %e21 = extractelement <32 x i1> %m32b, i32 %ix
  %ins = insertelement <32 x i1> %m32b, i1 true, i32 %ix
  %ins2 = insertelement <32 x i1> %ins, i1 false, i32 0
  %insi = bitcast <32 x i1> %ins2 to i32
  %e5z = zext i1 %e5 to i32
  %e21z = zext i1 %e21 to i32
  ; reductions over masks
  %r0 = call i1 @llvm.vector.reduce.or.v32i1(<32 x i1> %m32b)
  %r1 = call i1 @llvm.vector.reduce.and.v32i1(<32 x i1> %m32b)
  %r2 = call i1 @llvm.vector.reduce.xor.v32i1(<32 x i1> %m32b)
  %r3 = call i1 @llvm.vector.reduce.or.v8i1(<8 x i1> %m8)
  %r4 = call i1 @llvm.vector.reduce.and.v16i1(<16 x i1> %m16)
  %allset = icmp sge <16 x i32> %a, splat (i32 -2147483648)
  %r5 = call i1 @llvm.vector.reduce.and.v16i1(<16 x i1> %allset)
  %r6 = call i1 @llvm.vector.reduce.umin.v4i1(<4 x i1> %m4)
  %r0z = zext i1 %r0 to i32
  %r1z = zext i1 %r1 to i32
  %r2z = zext i1 %r2 to i32
  %r3z = zext i1 %r3 to i32
  %r4z = zext i1 %r4 to i32
  %r5z = zext i1 %r5 to i32
  %r6z = zext i1 %r6 to i32
  %mhalf16 = shufflevector <4 x i32> %mhalfz, <4 x i32> zeroinitializer, <16 x i32> <i32 0, i32 1, i32 2, i32 3, i32 4, i32 4, i32 4, i32 4, i32 4, i32 4, i32 4, i32 4, i32 4, i32 4, i32 4, i32 4>
  %o0 = insertelement <16 x i32> %mhalf16, i32 %mcat2i, i32 4
  %o1 = insertelement <16 x i32> %o0, i32 %e5z, i32 5
  %o2 = insertelement <16 x i32> %o1, i32 %e21z, i32 6
  %o3 = insertelement <16 x i32> %o2, i32 %insi, i32 7
  %o4 = insertelement <16 x i32> %o3, i32 %r0z, i32 8
  %o5 = insertelement <16 x i32> %o4, i32 %r1z, i32 9
  %o6 = insertelement <16 x i32> %o5, i32 %r2z, i32 10
  %o7 = insertelement <16 x i32> %o6, i32 %r3z, i32 11
  %o8 = insertelement <16 x i32> %o7, i32 %r4z, i32 12
  %o9 = insertelement <16 x i32> %o8, i32 %r5z, i32 13
  %o10 = insertelement <16 x i32> %o9, i32 %r6z, i32 14
  store <16 x i32> %o10, ptr %buf, align 16
  %h30 = call i32 @dump.i32(ptr @s.30, ptr %buf, i32 16)
  %acc30 = add i32 %acc29, %h30
  ; a mask carried around a loop: count lanes of a running compare
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %mk = phi <32 x i1> [ zeroinitializer, %entry ], [ %mk1, %loop ]
  %cnt = phi <32 x i8> [ zeroinitializer, %entry ], [ %cnt1, %loop ]
  %ib = trunc i32 %i to i8
  %ibv = insertelement <32 x i8> poison, i8 %ib, i32 0
  %ibs = shufflevector <32 x i8> %ibv, <32 x i8> poison, <32 x i32> zeroinitializer
  %step = mul <32 x i8> %ibs, splat (i8 37)
  %cmp = icmp sgt <32 x i8> %y, %step
  %mk1 = xor <32 x i1> %mk, %cmp
  %inc = zext <32 x i1> %mk1 to <32 x i8>
  %cnt1 = add <32 x i8> %cnt, %inc
  %i1 = add i32 %i, 1
  %more = icmp slt i32 %i1, 7
  br i1 %more, label %loop, label %after
after:
  store <32 x i8> %cnt1, ptr %buf, align 16
  %h31 = call i32 @dump.i8(ptr @s.31, ptr %buf, i32 32)
  %acc31 = add i32 %acc30, %h31
  %res = and i32 %acc31, 255
  ret i32 %res
}
