; fixture: vectors wider than 128 bits as several 128-bit chunks - <16 x i32> <8 x i32> <4 x i64> <32 x i8> <16 x i16> <16 x i64>: add sub mul (incl. byte multiply) and or xor, sdiv udiv srem urem, uniform/per-lane/run-time shifts, phi in a loop, select with a scalar condition, freeze, constant and run-time extract/insert, integer reductions, zext/sext/trunc changing the chunk count, bitcasts, lane-wise intrinsics (smax umin abs sat ctpop ctlz cttz bswap fshl fshr), data/aggregate/constant-expression constants
; exit: 237
; stdout: add v16i32: 10 2 93 -2147483647 -2147483639 65524 12 1 12245 -970 35 61 -77744 11 999000 -34
; stdout: sub v16i32: 4 -8 107 2147483645 2147483639 65546 -14 -1 12445 -1004 27 67 -77810 -1 1001000 -50
; stdout: mul v16i32: 21 -15 -700 -2 -2147483648 -720885 -13 0 -1234500 -16779 124 -192 -2566641 30 -1000000000 -336
; stdout: and/or/xor: 0 2 -99 8 25 -65536 64 129 -12668 528 1024 -2115 4096 8194 -1000424 32776
; stdout: sdiv: 2 0 -14 1073741823 -238609294 -5957 0 0 -123 -58 7 -21 -2356 0 -1000 -5
; stdout: udiv: 2 858993458 0 1073741823 238609294 0 330382099 0 0 252645077 7 0 130148167 0 0 536870906
; stdout: srem: 1 -3 2 1 -2 8 -1 0 45 -1 3 1 -29 5 0 -2
; stdout: urem: 1 3 100 1 2 65535 8 0 12345 0 3 64 8 5 1000000 6
; stdout: shl 3: 56 -24 800 -8 0 524280 -8 0 98760 -7896 248 512 -622216 40 8000000 -336
; stdout: lshr 5: 0 134217727 3 67108863 67108864 2047 134217727 0 385 134217697 0 2 134215297 0 31250 134217726
; stdout: ashr lanes: 7 -2 25 268435455 -134217728 2047 -1 0 48 -2 0 0 -19 0 61 -1
; stdout: shl var: 56 -96 51200 -4 0 2097120 -8192 0 50565120 -1974 496 524288 -155554 320 256000000 -10752
; stdout: mul v4i64: 81985529216486896 -2 7213023642161793536 -936803852030168063
; stdout: ashr+sdiv v4i64: 213503982334601 0 8050249600627001 -665343644907789
; stdout: mul v32i8: 0 4 18 -61 -66 -128 68 -69 96 -32 -128 64 32 32 64 48 -122 22 -80 84 2 -70 124 72 48 94 -96 -10 96 -34 112 69
; stdout: ashr+udiv v32i8: 0 0 1 32 31 27 4 31 6 34 27 4 2 2 4 3 27 1 30 6 0 31 8 5 3 6 29 35 6 34 8 4
; stdout: mul v16i16: 3 3 -5536 -600 32767 -32768 -4464 -2536 -55 144 1287 -17276 -4096 32 -51 4500
; stdout: loop v8i32: -135 4500 2147483603 -2147483648 2949075 -45 0 555525
; stdout: select/freeze: 4 -8 107 2147483645 2147483639 65546 -14 -1 12445 -1004 27 67 -77810 -1 1001000 -50
; stdout: insert: 3 -5 -7 2 9 -11 13 1 -100 5 4 -3 33 6 64 8
; stdout: reductions: 999276 -1582379008 0 -1 958878 33 -2147483648 -3 0 60 0 246 -2 -7 -936141388 0
; stdout: zext v16i8->v16i32: 3 127 128 129 255 16 32 48 64 80 96 112 240 5 10 15
; stdout: sext v16i8->v16i64: 3000000021 127000000889 -128000000896 -127000000889 -1000000007 16000000112 32000000224 48000000336 64000000448 80000000560 96000000672 112000000784 -16000000112 5000000035 10000000070 15000000105
; stdout: trunc v16i32->v16i8: 21 -15 68 -2 0 11 -13 0 -68 117 124 64 15 30 0 -80
; stdout: trunc v16i64->v16i8: 21 121 -128 -121 -7 112 -32 80 -64 48 -96 16 -112 35 70 105
; stdout: trunc v16i64->v16i16: 24085 14713 -896 -14713 13817 -24464 16608 -7856 -32320 8752 -15712 25360 24464 -3549 -7098 -10647
; stdout: sext v8i16->v8i64: 1 -1 300 -300 32767 -32768 1000 7
; stdout: zext v8i16->v8i32: 1 65535 300 65236 32767 32768 1000 7
; stdout: trunc/zext v4i64: 2309737968 4294967294 1267485184 663106561
; stdout: v4i64->v4i16->v4i64: 1 -2 6656 -6657
; stdout: v16i16->v16i8->v16i16: 3 3 96 168 255 0 144 24 201 144 7 132 0 32 205 148
; stdout: bitcasts: -196608 65535 -65536 32767 -32768 0 65535 0 -64684032 65535 4194304 0 393214 0 -2752497 65535
; stdout: bitcast v4i64->v32i8: 1 0 0 0 0 0 0 0 -2 -1 -1 -1 -1 -1 -1 -1 0 26 113 24 2 0 0 0 -1 -27 -114 -25 -3 -1 -1 -1
; stdout: smax: 7 5 100 2147483647 9 65535 13 1 12345 17 31 64 33 6 1000000 8
; stdout: umin: 3 5 100 2 9 65535 13 0 12345 17 4 64 33 5 1000000 8
; stdout: abs: 3 100 2147483647 -2147483648 65535 1 0 12345
; stdout: uadd.sat: -6 5 11 68 -63 -61 -59 -1 86 103 120 -119 -102 -85 -68 -1 83 89 95 101 107 113 119 125 -1 -1 -1 -1 -1 -1 96 102
; stdout: ssub.sat: -2 -4 5836 300 0 0 5464 2543 50 -132 -1188 16042 8192 -30 48 -4250
; stdout: ctpop: 31 3 31 1 16 32 0 6
; stdout: ctlz: 8 7 6 6 1 0 0 0 3 2 2 1 1 1 1 0 5 4 4 3 3 3 2 2 0 0 0 0 0 0 5 4
; stdout: cttz: 0 1 9 0
; stdout: bswap: 256 -1 11265 -11010 -129 128 -6141 1792 -1025 3072 25344 12027 16 512 -513 -1536
; stdout: rotl: -5 50 -129 1 65535 -1 0 1580160
; stdout: fshr: 81985529216486895 -2305843009213693952 18000000001 -2415919104268435440
; stdout: constants: -2 99 -2147483647 2147483646 65538 -4 4 12418
; Each `@dump.<elem>` helper prints a label and the lanes stored in %buf, and returns a hash of them that
; `main` sums into its exit code. Wide vectors never cross a call (the ABI passes them in ymm registers).

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@A = private unnamed_addr constant [16 x i32] [i32 7, i32 -3, i32 100, i32 2147483647, i32 -2147483648, i32 65535, i32 -1, i32 0, i32 12345, i32 -987, i32 31, i32 64, i32 -77777, i32 5, i32 1000000, i32 -42]
@B = private unnamed_addr constant [16 x i32] [i32 3, i32 5, i32 -7, i32 2, i32 9, i32 -11, i32 13, i32 1, i32 -100, i32 17, i32 4, i32 -3, i32 33, i32 6, i32 -1000, i32 8]
@Q = private unnamed_addr constant [8 x i64] [i64 1, i64 -2, i64 9000000000, i64 -9000000001, i64 81985529216486895, i64 3, i64 -7, i64 1099511627776]
@BY = private unnamed_addr constant [64 x i8] c"\00\01\02\03\7F\80\81\FF\10\20\30\40\50\60\70\F0\05\0A\0F\14\19\1E\23\28\C8\D2\DC\E6\F0\FA\04\09ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
@H = private unnamed_addr constant [16 x i16] [i16 1, i16 -1, i16 300, i16 -300, i16 32767, i16 -32768, i16 1000, i16 7, i16 -5, i16 12, i16 99, i16 -1234, i16 4096, i16 2, i16 -3, i16 250]

declare <16 x i32> @llvm.smax.v16i32(<16 x i32>, <16 x i32>)
declare <16 x i32> @llvm.umin.v16i32(<16 x i32>, <16 x i32>)
declare <8 x i32> @llvm.abs.v8i32(<8 x i32>, i1)
declare <32 x i8> @llvm.uadd.sat.v32i8(<32 x i8>, <32 x i8>)
declare <16 x i16> @llvm.ssub.sat.v16i16(<16 x i16>, <16 x i16>)
declare <8 x i32> @llvm.ctpop.v8i32(<8 x i32>)
declare <32 x i8> @llvm.ctlz.v32i8(<32 x i8>, i1)
declare <4 x i64> @llvm.cttz.v4i64(<4 x i64>, i1)
declare <16 x i16> @llvm.bswap.v16i16(<16 x i16>)
declare <8 x i32> @llvm.fshl.v8i32(<8 x i32>, <8 x i32>, <8 x i32>)
declare <4 x i64> @llvm.fshr.v4i64(<4 x i64>, <4 x i64>, <4 x i64>)
declare i32 @llvm.vector.reduce.add.v16i32(<16 x i32>)
declare i32 @llvm.vector.reduce.mul.v16i32(<16 x i32>)
declare i32 @llvm.vector.reduce.and.v16i32(<16 x i32>)
declare i32 @llvm.vector.reduce.or.v16i32(<16 x i32>)
declare i32 @llvm.vector.reduce.xor.v16i32(<16 x i32>)
declare i32 @llvm.vector.reduce.smax.v16i32(<16 x i32>)
declare i32 @llvm.vector.reduce.smin.v16i32(<16 x i32>)
declare i32 @llvm.vector.reduce.umax.v16i32(<16 x i32>)
declare i32 @llvm.vector.reduce.umin.v16i32(<16 x i32>)
declare i8 @llvm.vector.reduce.add.v32i8(<32 x i8>)
declare i8 @llvm.vector.reduce.mul.v32i8(<32 x i8>)
declare i8 @llvm.vector.reduce.umax.v32i8(<32 x i8>)
declare i64 @llvm.vector.reduce.add.v4i64(<4 x i64>)
declare i64 @llvm.vector.reduce.smin.v4i64(<4 x i64>)
declare i64 @llvm.vector.reduce.mul.v4i64(<4 x i64>)

@fmt.s = private unnamed_addr constant [4 x i8] c"%s:\00"
@fmt.i16 = private unnamed_addr constant [4 x i8] c" %d\00"
@fmt.i32 = private unnamed_addr constant [4 x i8] c" %d\00"
@fmt.i64 = private unnamed_addr constant [6 x i8] c" %lld\00"
@fmt.i8 = private unnamed_addr constant [4 x i8] c" %d\00"
@s.1 = private unnamed_addr constant [11 x i8] c"add v16i32\00"
@s.2 = private unnamed_addr constant [11 x i8] c"sub v16i32\00"
@s.3 = private unnamed_addr constant [11 x i8] c"mul v16i32\00"
@s.4 = private unnamed_addr constant [11 x i8] c"and/or/xor\00"
@s.5 = private unnamed_addr constant [5 x i8] c"sdiv\00"
@s.6 = private unnamed_addr constant [5 x i8] c"udiv\00"
@s.7 = private unnamed_addr constant [5 x i8] c"srem\00"
@s.8 = private unnamed_addr constant [5 x i8] c"urem\00"
@s.9 = private unnamed_addr constant [6 x i8] c"shl 3\00"
@s.10 = private unnamed_addr constant [7 x i8] c"lshr 5\00"
@s.11 = private unnamed_addr constant [11 x i8] c"ashr lanes\00"
@s.12 = private unnamed_addr constant [8 x i8] c"shl var\00"
@s.13 = private unnamed_addr constant [10 x i8] c"mul v4i64\00"
@s.14 = private unnamed_addr constant [16 x i8] c"ashr+sdiv v4i64\00"
@s.15 = private unnamed_addr constant [10 x i8] c"mul v32i8\00"
@s.16 = private unnamed_addr constant [16 x i8] c"ashr+udiv v32i8\00"
@s.17 = private unnamed_addr constant [11 x i8] c"mul v16i16\00"
@s.18 = private unnamed_addr constant [11 x i8] c"loop v8i32\00"
@s.19 = private unnamed_addr constant [14 x i8] c"select/freeze\00"
@s.20 = private unnamed_addr constant [7 x i8] c"insert\00"
@s.21 = private unnamed_addr constant [11 x i8] c"reductions\00"
@s.22 = private unnamed_addr constant [19 x i8] c"zext v16i8->v16i32\00"
@s.23 = private unnamed_addr constant [19 x i8] c"sext v16i8->v16i64\00"
@s.24 = private unnamed_addr constant [20 x i8] c"trunc v16i32->v16i8\00"
@s.25 = private unnamed_addr constant [20 x i8] c"trunc v16i64->v16i8\00"
@s.26 = private unnamed_addr constant [21 x i8] c"trunc v16i64->v16i16\00"
@s.27 = private unnamed_addr constant [18 x i8] c"sext v8i16->v8i64\00"
@s.28 = private unnamed_addr constant [18 x i8] c"zext v8i16->v8i32\00"
@s.29 = private unnamed_addr constant [17 x i8] c"trunc/zext v4i64\00"
@s.30 = private unnamed_addr constant [20 x i8] c"v4i64->v4i16->v4i64\00"
@s.31 = private unnamed_addr constant [22 x i8] c"v16i16->v16i8->v16i16\00"
@s.32 = private unnamed_addr constant [9 x i8] c"bitcasts\00"
@s.33 = private unnamed_addr constant [21 x i8] c"bitcast v4i64->v32i8\00"
@s.34 = private unnamed_addr constant [5 x i8] c"smax\00"
@s.35 = private unnamed_addr constant [5 x i8] c"umin\00"
@s.36 = private unnamed_addr constant [4 x i8] c"abs\00"
@s.37 = private unnamed_addr constant [9 x i8] c"uadd.sat\00"
@s.38 = private unnamed_addr constant [9 x i8] c"ssub.sat\00"
@s.39 = private unnamed_addr constant [6 x i8] c"ctpop\00"
@s.40 = private unnamed_addr constant [5 x i8] c"ctlz\00"
@s.41 = private unnamed_addr constant [5 x i8] c"cttz\00"
@s.42 = private unnamed_addr constant [6 x i8] c"bswap\00"
@s.43 = private unnamed_addr constant [5 x i8] c"rotl\00"
@s.44 = private unnamed_addr constant [5 x i8] c"fshr\00"
@s.45 = private unnamed_addr constant [10 x i8] c"constants\00"

declare i32 @printf(ptr, ...)
declare i32 @putchar(i32)

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
  ; elementwise arithmetic on four chunks
  %add = add <16 x i32> %a, %b
  store <16 x i32> %add, ptr %buf, align 16
  %h1 = call i32 @dump.i32(ptr @s.1, ptr %buf, i32 16)
  %acc1 = add i32 %acc0, %h1
  %sub = sub <16 x i32> %a, %b
  store <16 x i32> %sub, ptr %buf, align 16
  %h2 = call i32 @dump.i32(ptr @s.2, ptr %buf, i32 16)
  %acc2 = add i32 %acc1, %h2
  %mul = mul <16 x i32> %a, %b
  store <16 x i32> %mul, ptr %buf, align 16
  %h3 = call i32 @dump.i32(ptr @s.3, ptr %buf, i32 16)
  %acc3 = add i32 %acc2, %h3
  %and = and <16 x i32> %a, %b
  %or = or <16 x i32> %and, <i32 1, i32 2, i32 4, i32 8, i32 16, i32 32, i32 64, i32 128, i32 256, i32 512, i32 1024, i32 2048, i32 4096, i32 8192, i32 16384, i32 32768>
  %xor = xor <16 x i32> %or, %b
  store <16 x i32> %xor, ptr %buf, align 16
  %h4 = call i32 @dump.i32(ptr @s.4, ptr %buf, i32 16)
  %acc4 = add i32 %acc3, %h4
  %sdiv = sdiv <16 x i32> %a, %b
  store <16 x i32> %sdiv, ptr %buf, align 16
  %h5 = call i32 @dump.i32(ptr @s.5, ptr %buf, i32 16)
  %acc5 = add i32 %acc4, %h5
  %udiv = udiv <16 x i32> %a, %b
  store <16 x i32> %udiv, ptr %buf, align 16
  %h6 = call i32 @dump.i32(ptr @s.6, ptr %buf, i32 16)
  %acc6 = add i32 %acc5, %h6
  %srem = srem <16 x i32> %a, %b
  store <16 x i32> %srem, ptr %buf, align 16
  %h7 = call i32 @dump.i32(ptr @s.7, ptr %buf, i32 16)
  %acc7 = add i32 %acc6, %h7
  %urem = urem <16 x i32> %a, %b
  store <16 x i32> %urem, ptr %buf, align 16
  %h8 = call i32 @dump.i32(ptr @s.8, ptr %buf, i32 16)
  %acc8 = add i32 %acc7, %h8
  ; shifts: uniform constant amounts, per-lane constants, run-time amounts
  %shl = shl <16 x i32> %a, splat (i32 3)
  store <16 x i32> %shl, ptr %buf, align 16
  %h9 = call i32 @dump.i32(ptr @s.9, ptr %buf, i32 16)
  %acc9 = add i32 %acc8, %h9
  %lshr = lshr <16 x i32> %a, splat (i32 5)
  store <16 x i32> %lshr, ptr %buf, align 16
  %h10 = call i32 @dump.i32(ptr @s.10, ptr %buf, i32 16)
  %acc10 = add i32 %acc9, %h10
  %ashr = ashr <16 x i32> %a, <i32 0, i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7, i32 8, i32 9, i32 10, i32 11, i32 12, i32 13, i32 14, i32 31>
  store <16 x i32> %ashr, ptr %buf, align 16
  %h11 = call i32 @dump.i32(ptr @s.11, ptr %buf, i32 16)
  %acc11 = add i32 %acc10, %h11
  %amt = and <16 x i32> %b, splat (i32 15)
  %shv = shl <16 x i32> %a, %amt
  store <16 x i32> %shv, ptr %buf, align 16
  %h12 = call i32 @dump.i32(ptr @s.12, ptr %buf, i32 16)
  %acc12 = add i32 %acc11, %h12
  ; <4 x i64>: two chunks of i64x2
  %q = load <4 x i64>, ptr @Q, align 8
  %q2 = load <4 x i64>, ptr getelementptr inbounds (i8, ptr @Q, i64 32), align 8
  %qa = add <4 x i64> %q, %q2
  %qm = mul <4 x i64> %qa, %q
  store <4 x i64> %qm, ptr %buf, align 16
  %h13 = call i32 @dump.i64(ptr @s.13, ptr %buf, i32 4)
  %acc13 = add i32 %acc12, %h13
  %qs = ashr <4 x i64> %qm, splat (i64 7)
  %qd = sdiv <4 x i64> %qs, <i64 3, i64 -5, i64 7, i64 11>
  store <4 x i64> %qd, ptr %buf, align 16
  %h14 = call i32 @dump.i64(ptr @s.14, ptr %buf, i32 4)
  %acc14 = add i32 %acc13, %h14
  ; <32 x i8>: byte multiply has no x86 instruction
  %y = load <32 x i8>, ptr @BY, align 1
  %y2 = load <32 x i8>, ptr getelementptr inbounds (i8, ptr @BY, i64 29), align 1
  %ym = mul <32 x i8> %y, %y2
  store <32 x i8> %ym, ptr %buf, align 16
  %h15 = call i32 @dump.i8(ptr @s.15, ptr %buf, i32 32)
  %acc15 = add i32 %acc14, %h15
  %ya = ashr <32 x i8> %ym, splat (i8 1)
  %yd = udiv <32 x i8> %ya, splat (i8 7)
  store <32 x i8> %yd, ptr %buf, align 16
  %h16 = call i32 @dump.i8(ptr @s.16, ptr %buf, i32 32)
  %acc16 = add i32 %acc15, %h16
  ; <16 x i16>
  %hh = load <16 x i16>, ptr @H, align 2
  %hm = mul <16 x i16> %hh, <i16 3, i16 -3, i16 200, i16 2, i16 1, i16 1, i16 -70, i16 9000, i16 11, i16 12, i16 13, i16 14, i16 15, i16 16, i16 17, i16 18>
  store <16 x i16> %hm, ptr %buf, align 16
  %h17 = call i32 @dump.i16(ptr @s.17, ptr %buf, i32 16)
  %acc17 = add i32 %acc16, %h17
  ; phi of a wide vector in a loop; splat of a run-time scalar into two chunks
  %v8 = load <8 x i32>, ptr getelementptr inbounds (i8, ptr @A, i64 4), align 4
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %vacc = phi <8 x i32> [ zeroinitializer, %entry ], [ %vacc1, %loop ]
  %ins = insertelement <8 x i32> poison, i32 %i, i64 0
  %spl = shufflevector <8 x i32> %ins, <8 x i32> poison, <8 x i32> zeroinitializer
  %prod = mul <8 x i32> %v8, %spl
  %vacc1 = add <8 x i32> %vacc, %prod
  %i1 = add i32 %i, 1
  %more = icmp slt i32 %i1, 10
  br i1 %more, label %loop, label %after
after:
  store <8 x i32> %vacc1, ptr %buf, align 16
  %h18 = call i32 @dump.i32(ptr @s.18, ptr %buf, i32 8)
  %acc18 = add i32 %acc17, %h18
  ; select with a scalar condition, freeze
  %big = icmp sgt i32 %argc, 0
  %sel = select i1 %big, <16 x i32> %sub, <16 x i32> %add
  %fr = freeze <16 x i32> %sel
  store <16 x i32> %fr, ptr %buf, align 16
  %h19 = call i32 @dump.i32(ptr @s.19, ptr %buf, i32 16)
  %acc19 = add i32 %acc18, %h19
  ; extract/insert with constant and run-time lane indices
  %e13 = extractelement <16 x i32> %a, i32 13
  %vi = add i32 %argc, 10
  %e11 = extractelement <16 x i32> %a, i32 %vi
  %i9 = insertelement <16 x i32> %b, i32 %e13, i64 9
  %vi2 = add i32 %argc, 13
  %i14 = insertelement <16 x i32> %i9, i32 %e11, i32 %vi2
  %i1b = insertelement <16 x i32> %i14, i32 -5, i32 1
  store <16 x i32> %i1b, ptr %buf, align 16
  %h20 = call i32 @dump.i32(ptr @s.20, ptr %buf, i32 16)
  %acc20 = add i32 %acc19, %h20
  ; reductions over all lanes of all chunks
  %r0 = call i32 @llvm.vector.reduce.add.v16i32(<16 x i32> %a)
  %r1 = call i32 @llvm.vector.reduce.mul.v16i32(<16 x i32> %b)
  %r2 = call i32 @llvm.vector.reduce.and.v16i32(<16 x i32> %or)
  %r3 = call i32 @llvm.vector.reduce.or.v16i32(<16 x i32> %b)
  %r4 = call i32 @llvm.vector.reduce.xor.v16i32(<16 x i32> %a)
  %r5 = call i32 @llvm.vector.reduce.smax.v16i32(<16 x i32> %b)
  %r6 = call i32 @llvm.vector.reduce.smin.v16i32(<16 x i32> %a)
  %r7 = call i32 @llvm.vector.reduce.umax.v16i32(<16 x i32> %b)
  %r8 = call i32 @llvm.vector.reduce.umin.v16i32(<16 x i32> %a)
  %ra = insertelement <16 x i32> zeroinitializer, i32 %r0, i32 0
  %rb = insertelement <16 x i32> %ra, i32 %r1, i32 1
  %rc = insertelement <16 x i32> %rb, i32 %r2, i32 2
  %rd = insertelement <16 x i32> %rc, i32 %r3, i32 3
  %re = insertelement <16 x i32> %rd, i32 %r4, i32 4
  %rf = insertelement <16 x i32> %re, i32 %r5, i32 5
  %rg = insertelement <16 x i32> %rf, i32 %r6, i32 6
  %rh = insertelement <16 x i32> %rg, i32 %r7, i32 7
  %ri = insertelement <16 x i32> %rh, i32 %r8, i32 8
  %s0 = call i8 @llvm.vector.reduce.add.v32i8(<32 x i8> %y)
  %s1 = call i8 @llvm.vector.reduce.mul.v32i8(<32 x i8> %y2)
  %s2 = call i8 @llvm.vector.reduce.umax.v32i8(<32 x i8> %ym)
  %s0w = sext i8 %s0 to i32
  %s1w = sext i8 %s1 to i32
  %s2w = zext i8 %s2 to i32
  %rj = insertelement <16 x i32> %ri, i32 %s0w, i32 9
  %rk = insertelement <16 x i32> %rj, i32 %s1w, i32 10
  %rl = insertelement <16 x i32> %rk, i32 %s2w, i32 11
  %t0 = call i64 @llvm.vector.reduce.add.v4i64(<4 x i64> %q)
  %t1 = call i64 @llvm.vector.reduce.smin.v4i64(<4 x i64> %q2)
  %t2 = call i64 @llvm.vector.reduce.mul.v4i64(<4 x i64> %q)
  %t0w = trunc i64 %t0 to i32
  %t1w = trunc i64 %t1 to i32
  %t2h = lshr i64 %t2, 32
  %t2w = trunc i64 %t2h to i32
  %rm = insertelement <16 x i32> %rl, i32 %t0w, i32 12
  %rn = insertelement <16 x i32> %rm, i32 %t1w, i32 13
  %ro = insertelement <16 x i32> %rn, i32 %t2w, i32 14
  store <16 x i32> %ro, ptr %buf, align 16
  %h21 = call i32 @dump.i32(ptr @s.21, ptr %buf, i32 16)
  %acc21 = add i32 %acc20, %h21
  ; casts that change the number of chunks
  %y16 = load <16 x i8>, ptr getelementptr inbounds (i8, ptr @BY, i64 3), align 1
  %z32 = zext <16 x i8> %y16 to <16 x i32>
  store <16 x i32> %z32, ptr %buf, align 16
  %h22 = call i32 @dump.i32(ptr @s.22, ptr %buf, i32 16)
  %acc22 = add i32 %acc21, %h22
  %s64 = sext <16 x i8> %y16 to <16 x i64>
  %s64b = mul <16 x i64> %s64, splat (i64 1000000007)
  store <16 x i64> %s64b, ptr %buf, align 16
  %h23 = call i32 @dump.i64(ptr @s.23, ptr %buf, i32 16)
  %acc23 = add i32 %acc22, %h23
  %t8 = trunc <16 x i32> %mul to <16 x i8>
  store <16 x i8> %t8, ptr %buf, align 16
  %h24 = call i32 @dump.i8(ptr @s.24, ptr %buf, i32 16)
  %acc24 = add i32 %acc23, %h24
  %t8b = trunc <16 x i64> %s64b to <16 x i8>
  store <16 x i8> %t8b, ptr %buf, align 16
  %h25 = call i32 @dump.i8(ptr @s.25, ptr %buf, i32 16)
  %acc25 = add i32 %acc24, %h25
  %t16 = trunc <16 x i64> %s64b to <16 x i16>
  store <16 x i16> %t16, ptr %buf, align 16
  %h26 = call i32 @dump.i16(ptr @s.26, ptr %buf, i32 16)
  %acc26 = add i32 %acc25, %h26
  %hx8 = load <8 x i16>, ptr @H, align 2
  %hxs = sext <8 x i16> %hx8 to <8 x i64>
  store <8 x i64> %hxs, ptr %buf, align 16
  %h27 = call i32 @dump.i64(ptr @s.27, ptr %buf, i32 8)
  %acc27 = add i32 %acc26, %h27
  %hxz = zext <8 x i16> %hx8 to <8 x i32>
  store <8 x i32> %hxz, ptr %buf, align 16
  %h28 = call i32 @dump.i32(ptr @s.28, ptr %buf, i32 8)
  %acc28 = add i32 %acc27, %h28
  %q32 = trunc <4 x i64> %qm to <4 x i32>
  %q32w = zext <4 x i32> %q32 to <4 x i64>
  store <4 x i64> %q32w, ptr %buf, align 16
  %h29 = call i32 @dump.i64(ptr @s.29, ptr %buf, i32 4)
  %acc29 = add i32 %acc28, %h29
  %q16 = trunc <4 x i64> %q to <4 x i16>
  %q16w = sext <4 x i16> %q16 to <4 x i64>
  store <4 x i64> %q16w, ptr %buf, align 16
  %h30 = call i32 @dump.i64(ptr @s.30, ptr %buf, i32 4)
  %acc30 = add i32 %acc29, %h30
  %h16t = trunc <16 x i16> %hm to <16 x i8>
  %h16z = zext <16 x i8> %h16t to <16 x i16>
  store <16 x i16> %h16z, ptr %buf, align 16
  %h31 = call i32 @dump.i16(ptr @s.31, ptr %buf, i32 16)
  %acc31 = add i32 %acc30, %h31
  ; bitcasts between wide vector types keep the bytes in order
  %bc1 = bitcast <16 x i32> %a to <8 x i64>
  %bc2 = lshr <8 x i64> %bc1, splat (i64 16)
  %bc3 = bitcast <8 x i64> %bc2 to <32 x i16>
  %bc4 = bitcast <32 x i16> %bc3 to <16 x i32>
  store <16 x i32> %bc4, ptr %buf, align 16
  %h32 = call i32 @dump.i32(ptr @s.32, ptr %buf, i32 16)
  %acc32 = add i32 %acc31, %h32
  %bc5 = bitcast <4 x i64> %q to <32 x i8>
  store <32 x i8> %bc5, ptr %buf, align 16
  %h33 = call i32 @dump.i8(ptr @s.33, ptr %buf, i32 32)
  %acc33 = add i32 %acc32, %h33
  ; intrinsics, lane-wise on every chunk
  %mx = call <16 x i32> @llvm.smax.v16i32(<16 x i32> %a, <16 x i32> %b)
  store <16 x i32> %mx, ptr %buf, align 16
  %h34 = call i32 @dump.i32(ptr @s.34, ptr %buf, i32 16)
  %acc34 = add i32 %acc33, %h34
  %mn = call <16 x i32> @llvm.umin.v16i32(<16 x i32> %a, <16 x i32> %b)
  store <16 x i32> %mn, ptr %buf, align 16
  %h35 = call i32 @dump.i32(ptr @s.35, ptr %buf, i32 16)
  %acc35 = add i32 %acc34, %h35
  %ab = call <8 x i32> @llvm.abs.v8i32(<8 x i32> %v8, i1 false)
  store <8 x i32> %ab, ptr %buf, align 16
  %h36 = call i32 @dump.i32(ptr @s.36, ptr %buf, i32 8)
  %acc36 = add i32 %acc35, %h36
  %us = call <32 x i8> @llvm.uadd.sat.v32i8(<32 x i8> %y, <32 x i8> %y2)
  store <32 x i8> %us, ptr %buf, align 16
  %h37 = call i32 @dump.i8(ptr @s.37, ptr %buf, i32 32)
  %acc37 = add i32 %acc36, %h37
  %ss = call <16 x i16> @llvm.ssub.sat.v16i16(<16 x i16> %hh, <16 x i16> %hm)
  store <16 x i16> %ss, ptr %buf, align 16
  %h38 = call i32 @dump.i16(ptr @s.38, ptr %buf, i32 16)
  %acc38 = add i32 %acc37, %h38
  ; bit intrinsics and funnel shifts, lane by lane
  %pc = call <8 x i32> @llvm.ctpop.v8i32(<8 x i32> %v8)
  store <8 x i32> %pc, ptr %buf, align 16
  %h39 = call i32 @dump.i32(ptr @s.39, ptr %buf, i32 8)
  %acc39 = add i32 %acc38, %h39
  %lz = call <32 x i8> @llvm.ctlz.v32i8(<32 x i8> %y, i1 false)
  store <32 x i8> %lz, ptr %buf, align 16
  %h40 = call i32 @dump.i8(ptr @s.40, ptr %buf, i32 32)
  %acc40 = add i32 %acc39, %h40
  %tz = call <4 x i64> @llvm.cttz.v4i64(<4 x i64> %q, i1 false)
  store <4 x i64> %tz, ptr %buf, align 16
  %h41 = call i32 @dump.i64(ptr @s.41, ptr %buf, i32 4)
  %acc41 = add i32 %acc40, %h41
  %bs = call <16 x i16> @llvm.bswap.v16i16(<16 x i16> %hh)
  store <16 x i16> %bs, ptr %buf, align 16
  %h42 = call i32 @dump.i16(ptr @s.42, ptr %buf, i32 16)
  %acc42 = add i32 %acc41, %h42
  %rotl = call <8 x i32> @llvm.fshl.v8i32(<8 x i32> %v8, <8 x i32> %v8, <8 x i32> <i32 1, i32 31, i32 8, i32 33, i32 0, i32 16, i32 4, i32 7>)
  store <8 x i32> %rotl, ptr %buf, align 16
  %h43 = call i32 @dump.i32(ptr @s.43, ptr %buf, i32 8)
  %acc43 = add i32 %acc42, %h43
  %fr4 = call <4 x i64> @llvm.fshr.v4i64(<4 x i64> %q, <4 x i64> %q2, <4 x i64> <i64 0, i64 4, i64 63, i64 100>)
  store <4 x i64> %fr4, ptr %buf, align 16
  %h44 = call i32 @dump.i64(ptr @s.44, ptr %buf, i32 4)
  %acc44 = add i32 %acc43, %h44
  ; constants: data vectors, aggregates with constant-expression lanes, zeroinitializer
  %k1 = add <8 x i32> %v8, <i32 1, i32 -1, i32 2, i32 -2, i32 3, i32 -3, i32 4, i32 -4>
  %k2 = xor <8 x i32> %k1, zeroinitializer
  %k3 = add <8 x i32> %k2, <i32 0, i32 0, i32 0, i32 0, i32 0, i32 0, i32 0, i32 ptrtoint (ptr getelementptr (i8, ptr null, i64 77) to i32)>
  store <8 x i32> %k3, ptr %buf, align 16
  %h45 = call i32 @dump.i32(ptr @s.45, ptr %buf, i32 8)
  %acc45 = add i32 %acc44, %h45
  %res = and i32 %acc45, 255
  ret i32 %res
}
