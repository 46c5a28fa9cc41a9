; fixture: getelementptr over structs (with padding), arrays, nested struct/array paths, variable i32/i64 indices, negative indices, inbounds and plain forms, i8 byte offsets
; exit: 178
; stdout: offsets: inner.i32=12 inner.arr[2]=20 outer.inner=8 outer.arr[1].arr[1]=50 outer.dbl=56 sizeof(Outer)=64
; stdout: packed: i32 at 1 = 12345678, i16 at 5 = -2
; stdout: walk sum=63 neg-index=2 backwards=3000
; stdout: 2d: 133 49 84 byte-offset load=63

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%Inner = type { i8, i32, [3 x i16] }
%Outer = type { i64, %Inner, [2 x %Inner], double }
%Packed = type <{ i8, i32, i16 }>

@objs = internal global [3 x %Outer] zeroinitializer
@pk = internal global %Packed <{ i8 1, i32 305419896, i16 -2 }>
@fmt1 = private unnamed_addr constant [113 x i8] c"offsets: inner.i32=%ld inner.arr[2]=%ld outer.inner=%ld outer.arr[1].arr[1]=%ld outer.dbl=%ld sizeof(Outer)=%ld\0A\00"
@fmt2 = private unnamed_addr constant [42 x i8] c"packed: i32 at %ld = %x, i16 at %ld = %d\0A\00"
@fmt3 = private unnamed_addr constant [41 x i8] c"walk sum=%ld neg-index=%d backwards=%ld\0A\00"
@fmt4 = private unnamed_addr constant [34 x i8] c"2d: %d %d %d byte-offset load=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i64 @off(ptr %base, ptr %p) {
  %a = ptrtoint ptr %base to i64
  %b = ptrtoint ptr %p to i64
  %d = sub i64 %b, %a
  ret i64 %d
}

define internal void @fill(i32 %k) {
entry:
  %kw = sext i32 %k to i64
  %o = getelementptr inbounds [3 x %Outer], ptr @objs, i64 0, i64 %kw
  %f0 = getelementptr inbounds %Outer, ptr %o, i32 0, i32 0
  %kk = mul i64 %kw, 1000
  store i64 %kk, ptr %f0, align 8
  %in.c = getelementptr inbounds %Outer, ptr %o, i32 0, i32 1, i32 0
  %k8 = trunc i32 %k to i8
  store i8 %k8, ptr %in.c, align 1
  %in.i = getelementptr inbounds %Outer, ptr %o, i32 0, i32 1, i32 1
  %k2 = mul i32 %k, 2
  store i32 %k2, ptr %in.i, align 4
  br label %loop
loop:
  %j = phi i32 [ 0, %entry ], [ %j1, %loop ]
  ; variable indices at two levels: arr[j % 2].arr[j % 3]
  %jm2 = urem i32 %j, 2
  %jm3 = urem i32 %j, 3
  %p = getelementptr inbounds %Outer, ptr %o, i64 0, i32 2, i32 %jm2, i32 2, i32 %jm3
  %old = load i16, ptr %p, align 2
  %j16 = trunc i32 %j to i16
  %k16 = trunc i32 %k to i16
  %add = add i16 %j16, %k16
  %new = add i16 %old, %add
  store i16 %new, ptr %p, align 2
  %j1 = add i32 %j, 1
  %c = icmp slt i32 %j1, 6
  br i1 %c, label %loop, label %done
done:
  %dp = getelementptr inbounds %Outer, ptr %o, i32 0, i32 3
  %kd = sitofp i32 %k to double
  %kd2 = fmul double %kd, 1.5
  store double %kd2, ptr %dp, align 8
  ret void
}

define i32 @main() {
entry:
  ; structural offsets computed with GEPs on a null-free real base
  %base = getelementptr inbounds [3 x %Outer], ptr @objs, i64 0, i64 0
  %p1 = getelementptr inbounds %Outer, ptr %base, i64 0, i32 1, i32 1
  %o1 = call i64 @off(ptr %base, ptr %p1)
  %p2 = getelementptr inbounds %Outer, ptr %base, i64 0, i32 1, i32 2, i64 2
  %o2 = call i64 @off(ptr %base, ptr %p2)
  %p3 = getelementptr inbounds %Outer, ptr %base, i64 0, i32 1
  %o3 = call i64 @off(ptr %base, ptr %p3)
  %p4 = getelementptr inbounds %Outer, ptr %base, i64 0, i32 2, i64 1, i32 2, i64 1
  %o4 = call i64 @off(ptr %base, ptr %p4)
  %p5 = getelementptr inbounds %Outer, ptr %base, i64 0, i32 3
  %o5 = call i64 @off(ptr %base, ptr %p5)
  %p6 = getelementptr %Outer, ptr %base, i64 1
  %o6 = call i64 @off(ptr %base, ptr %p6)
  call i32 (ptr, ...) @printf(ptr @fmt1, i64 %o1, i64 %o2, i64 %o3, i64 %o4, i64 %o5, i64 %o6)
  ; packed struct
  %pk1 = getelementptr inbounds %Packed, ptr @pk, i32 0, i32 1
  %pk2 = getelementptr inbounds %Packed, ptr @pk, i32 0, i32 2
  %po1 = call i64 @off(ptr @pk, ptr %pk1)
  %po2 = call i64 @off(ptr @pk, ptr %pk2)
  %pv1 = load i32, ptr %pk1, align 1
  %pv2 = load i16, ptr %pk2, align 1
  %pv2e = sext i16 %pv2 to i32
  call i32 (ptr, ...) @printf(ptr @fmt2, i64 %po1, i32 %pv1, i64 %po2, i32 %pv2e)
  call void @fill(i32 0)
  call void @fill(i32 1)
  call void @fill(i32 2)
  ; walk all i16 array elements of objs[*].arr[*].arr[*] with variable indices
  br label %outer
outer:
  %k = phi i64 [ 0, %entry ], [ %k1, %outer.latch ]
  %sum = phi i64 [ 0, %entry ], [ %sum.o, %outer.latch ]
  br label %inner
inner:
  %m = phi i32 [ 0, %outer ], [ %m1, %inner ]
  %s = phi i64 [ %sum, %outer ], [ %s1, %inner ]
  %a = udiv i32 %m, 3
  %b = urem i32 %m, 3
  %ep = getelementptr inbounds [3 x %Outer], ptr @objs, i64 0, i64 %k, i32 2, i32 %a, i32 2, i32 %b
  %ev = load i16, ptr %ep, align 2
  %evw = sext i16 %ev to i64
  %s1 = add i64 %s, %evw
  %m1 = add i32 %m, 1
  %ci = icmp ult i32 %m1, 6
  br i1 %ci, label %inner, label %outer.latch
outer.latch:
  %sum.o = phi i64 [ %s1, %inner ]
  %k1 = add i64 %k, 1
  %co = icmp ult i64 %k1, 3
  br i1 %co, label %outer, label %after
after:
  ; negative index: from objs[2].inner.i32 step back one whole Outer
  %last = getelementptr inbounds [3 x %Outer], ptr @objs, i64 0, i64 2, i32 1, i32 1
  %prev = getelementptr inbounds %Outer, ptr %last, i64 -1
  %pv = load i32, ptr %prev, align 4
  ; walk backwards over the i64 field with negative variable indices
  %end = getelementptr inbounds [3 x %Outer], ptr @objs, i64 1, i64 0
  br label %back
back:
  %bi = phi i64 [ -1, %after ], [ %bi1, %back ]
  %bacc = phi i64 [ 0, %after ], [ %bacc1, %back ]
  %bp = getelementptr inbounds %Outer, ptr %end, i64 %bi, i32 0
  %bv = load i64, ptr %bp, align 8
  %bacc1 = add i64 %bacc, %bv
  %bi1 = sub i64 %bi, 1
  %bc = icmp sge i64 %bi1, -3
  br i1 %bc, label %back, label %backdone
backdone:
  call i32 (ptr, ...) @printf(ptr @fmt3, i64 %sum.o, i32 %pv, i64 %bacc1)
  ; 2-d array with variable row/col and a byte-offset gep
  %grid = alloca [4 x [5 x i32]], align 16
  br label %g
g:
  %gi = phi i32 [ 0, %backdone ], [ %gi1, %g ]
  %r = udiv i32 %gi, 5
  %cc = urem i32 %gi, 5
  %gp = getelementptr inbounds [4 x [5 x i32]], ptr %grid, i32 0, i32 %r, i32 %cc
  %gv = mul i32 %gi, 7
  store i32 %gv, ptr %gp, align 4
  %gi1 = add i32 %gi, 1
  %gc = icmp ult i32 %gi1, 20
  br i1 %gc, label %g, label %gdone
gdone:
  %q1 = getelementptr inbounds [4 x [5 x i32]], ptr %grid, i64 0, i64 3, i64 4
  %q2 = getelementptr inbounds [5 x i32], ptr %grid, i64 2, i64 -3
  %q3 = getelementptr [4 x [5 x i32]], ptr %grid, i64 0, i64 0, i64 12
  %q4 = getelementptr inbounds i8, ptr %grid, i64 36
  %v1 = load i32, ptr %q1, align 4
  %v2 = load i32, ptr %q2, align 4
  %v3 = load i32, ptr %q3, align 4
  %v4 = load i32, ptr %q4, align 4
  call i32 (ptr, ...) @printf(ptr @fmt4, i32 %v1, i32 %v2, i32 %v3, i32 %v4)
  %t = trunc i64 %sum.o to i32
  %t1 = add i32 %t, %v2
  %t2 = add i32 %t1, %pv
  %t3 = trunc i64 %o6 to i32
  %t4 = add i32 %t2, %t3
  %res = and i32 %t4, 255
  ret i32 %res
}
