; fixture: global initializers - pointer to another global, pointer to a function, pointer chains, mixed-field struct, zeroinitializer, string constants, arrays of structs holding strings and function pointers
; exit: 156
; stdout: chain: **pp=5 fnptr(14)=42 zeros_sum=0 zstruct.i64=0
; stdout: mixed: -7 1234 -100000 9000000000 1.50 -2.25 *ptr=9 tag=xyz
; stdout: rec alpha id=1 fn(id*10)=30
; stdout: rec beta id=2 fn(id*10)=-20
; stdout: rec gamma id=3 fn(id*10)=90
; stdout: nested: 10 9 12 self=1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%Rec = type { ptr, i32, ptr }
%Mixed = type { i8, i16, i32, i64, float, double, ptr, [3 x i8] }

@counter = internal global i32 5
@pcounter = internal global ptr @counter
@ppcounter = internal global ptr @pcounter
@fnptr = internal global ptr @triple
@zeros = internal global [8 x i64] zeroinitializer
@zstruct = internal global %Mixed zeroinitializer
@mixed = internal global %Mixed { i8 -7, i16 1234, i32 -100000, i64 9000000000, float 1.5, double -2.25, ptr @counter, [3 x i8] c"xyz" }
@s_alpha = private unnamed_addr constant [6 x i8] c"alpha\00"
@s_beta = private unnamed_addr constant [5 x i8] c"beta\00"
@s_gamma = private unnamed_addr constant [6 x i8] c"gamma\00"
@recs = internal global [3 x %Rec] [%Rec { ptr @s_alpha, i32 1, ptr @triple }, %Rec { ptr @s_beta, i32 2, ptr @negate }, %Rec { ptr @s_gamma, i32 3, ptr @triple }]
@nested = internal global { [2 x { i32, [2 x i16] }], ptr } { [2 x { i32, [2 x i16] }] [{ i32, [2 x i16] } { i32 7, [2 x i16] [i16 8, i16 9] }, { i32, [2 x i16] } { i32 10, [2 x i16] [i16 11, i16 12] }], ptr @nested }
@fmt1 = private unnamed_addr constant [59 x i8] c"chain: **pp=%d fnptr(14)=%d zeros_sum=%ld zstruct.i64=%ld\0A\00"
@fmt2 = private unnamed_addr constant [50 x i8] c"mixed: %d %d %d %ld %.2f %.2f *ptr=%d tag=%c%c%c\0A\00"
@fmt3 = private unnamed_addr constant [27 x i8] c"rec %s id=%d fn(id*10)=%d\0A\00"
@fmt4 = private unnamed_addr constant [26 x i8] c"nested: %d %d %d self=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @triple(i32 %x) {
  %r = mul i32 %x, 3
  ret i32 %r
}
define internal i32 @negate(i32 %x) {
  %r = sub i32 0, %x
  ret i32 %r
}

define i32 @main() {
entry:
  %pp = load ptr, ptr @ppcounter, align 8
  %p = load ptr, ptr %pp, align 8
  %v = load i32, ptr %p, align 4
  store i32 9, ptr %p, align 4
  %f = load ptr, ptr @fnptr, align 8
  %fv = call i32 %f(i32 14)
  br label %zl
zl:
  %i = phi i64 [ 0, %entry ], [ %i1, %zl ]
  %zs = phi i64 [ 0, %entry ], [ %zs1, %zl ]
  %zp = getelementptr inbounds [8 x i64], ptr @zeros, i64 0, i64 %i
  %zv = load i64, ptr %zp, align 8
  %zs1 = add i64 %zs, %zv
  %i1 = add i64 %i, 1
  %zc = icmp ult i64 %i1, 8
  br i1 %zc, label %zl, label %zd
zd:
  %zsp = getelementptr inbounds %Mixed, ptr @zstruct, i32 0, i32 3
  %zsv = load i64, ptr %zsp, align 8
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %v, i32 %fv, i64 %zs1, i64 %zsv)
  %m0 = load i8, ptr @mixed, align 8
  %m0e = sext i8 %m0 to i32
  %m1p = getelementptr inbounds %Mixed, ptr @mixed, i32 0, i32 1
  %m1 = load i16, ptr %m1p, align 2
  %m1e = sext i16 %m1 to i32
  %m2p = getelementptr inbounds %Mixed, ptr @mixed, i32 0, i32 2
  %m2 = load i32, ptr %m2p, align 4
  %m3p = getelementptr inbounds %Mixed, ptr @mixed, i32 0, i32 3
  %m3 = load i64, ptr %m3p, align 8
  %m4p = getelementptr inbounds %Mixed, ptr @mixed, i32 0, i32 4
  %m4 = load float, ptr %m4p, align 4
  %m4d = fpext float %m4 to double
  %m5p = getelementptr inbounds %Mixed, ptr @mixed, i32 0, i32 5
  %m5 = load double, ptr %m5p, align 8
  %m6p = getelementptr inbounds %Mixed, ptr @mixed, i32 0, i32 6
  %m6 = load ptr, ptr %m6p, align 8
  %m6v = load i32, ptr %m6, align 4
  %t0p = getelementptr inbounds %Mixed, ptr @mixed, i32 0, i32 7, i32 0
  %t1p = getelementptr inbounds %Mixed, ptr @mixed, i32 0, i32 7, i32 1
  %t2p = getelementptr inbounds %Mixed, ptr @mixed, i32 0, i32 7, i32 2
  %t0 = load i8, ptr %t0p, align 1
  %t1 = load i8, ptr %t1p, align 1
  %t2 = load i8, ptr %t2p, align 1
  %t0e = sext i8 %t0 to i32
  %t1e = sext i8 %t1 to i32
  %t2e = sext i8 %t2 to i32
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %m0e, i32 %m1e, i32 %m2, i64 %m3, double %m4d, double %m5, i32 %m6v, i32 %t0e, i32 %t1e, i32 %t2e)
  br label %rl
rl:
  %k = phi i64 [ 0, %zd ], [ %k1, %rl ]
  %acc = phi i32 [ 0, %zd ], [ %acc1, %rl ]
  %np = getelementptr inbounds [3 x %Rec], ptr @recs, i64 0, i64 %k, i32 0
  %name = load ptr, ptr %np, align 8
  %idp = getelementptr inbounds [3 x %Rec], ptr @recs, i64 0, i64 %k, i32 1
  %id = load i32, ptr %idp, align 4
  %fp = getelementptr inbounds [3 x %Rec], ptr @recs, i64 0, i64 %k, i32 2
  %fn = load ptr, ptr %fp, align 8
  %arg = mul i32 %id, 10
  %res = call i32 %fn(i32 %arg)
  call i32 (ptr, ...) @printf(ptr @fmt3, ptr %name, i32 %id, i32 %res)
  %acc1 = add i32 %acc, %res
  %k1 = add i64 %k, 1
  %rc = icmp ult i64 %k1, 3
  br i1 %rc, label %rl, label %rd
rd:
  %n0p = getelementptr inbounds { [2 x { i32, [2 x i16] }], ptr }, ptr @nested, i32 0, i32 0, i64 1, i32 0
  %n0 = load i32, ptr %n0p, align 4
  %n1p = getelementptr inbounds { [2 x { i32, [2 x i16] }], ptr }, ptr @nested, i32 0, i32 0, i64 0, i32 1, i64 1
  %n1 = load i16, ptr %n1p, align 2
  %n1e = sext i16 %n1 to i32
  %n2p = getelementptr inbounds { [2 x { i32, [2 x i16] }], ptr }, ptr @nested, i32 0, i32 0, i64 1, i32 1, i64 1
  %n2 = load i16, ptr %n2p, align 2
  %n2e = sext i16 %n2 to i32
  %selfp = getelementptr inbounds { [2 x { i32, [2 x i16] }], ptr }, ptr @nested, i32 0, i32 1
  %self = load ptr, ptr %selfp, align 8
  %isself = icmp eq ptr %self, @nested
  %isselfz = zext i1 %isself to i32
  call i32 (ptr, ...) @printf(ptr @fmt4, i32 %n0, i32 %n1e, i32 %n2e, i32 %isselfz)
  %cnow = load i32, ptr @counter, align 4
  %s1 = add i32 %acc1, %fv
  %s2 = add i32 %s1, %cnow
  %s3 = add i32 %s2, %n2e
  %s4 = add i32 %s3, %m0e
  %mm = and i32 %s4, 255
  ret i32 %mm
}
