; fixture: atomicrmw (add sub xchg and or xor nand max min umax umin, fadd) at i8/i16/i32/i64 with various orderings, cmpxchg success and failure (strong and weak), fence, atomic load/store
; exit: 67
; stdout: rmw old values: add=100 sub=123 xchg=120 and=255 or=60 xor=317 nand=312 -> final=-313
; stdout: minmax old: max=-50 min=-50 umax=-70 umin=-70 -> final=-294967296
; stdout: widths: i8 old=250 now=4  i16 old=65535 now=1234  i64 sum=500500  fadd old=1.50 now=3.75
; stdout: cmpxchg: ok1=1 old1=500500 ok2=0 old2=7 weak-loop=1 final=1701

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g32 = internal global i32 100, align 4
@g64 = internal global i64 0, align 8
@g8 = internal global i8 250, align 1
@g16 = internal global i16 -1, align 2
@gf = internal global float 1.5, align 4
@fmt1 = private unnamed_addr constant [79 x i8] c"rmw old values: add=%d sub=%d xchg=%d and=%d or=%d xor=%d nand=%d -> final=%d\0A\00"
@fmt2 = private unnamed_addr constant [55 x i8] c"minmax old: max=%d min=%d umax=%d umin=%d -> final=%d\0A\00"
@fmt3 = private unnamed_addr constant [82 x i8] c"widths: i8 old=%d now=%d  i16 old=%d now=%d  i64 sum=%ld  fadd old=%.2f now=%.2f\0A\00"
@fmt4 = private unnamed_addr constant [63 x i8] c"cmpxchg: ok1=%d old1=%d ok2=%d old2=%d weak-loop=%d final=%ld\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main() {
entry:
  %o1 = atomicrmw add ptr @g32, i32 23 seq_cst
  %o2 = atomicrmw sub ptr @g32, i32 3 acq_rel
  %o3 = atomicrmw xchg ptr @g32, i32 255 monotonic
  %o4 = atomicrmw and ptr @g32, i32 60 release
  %o5 = atomicrmw or ptr @g32, i32 257 acquire
  %o6 = atomicrmw xor ptr @g32, i32 5 seq_cst
  %o7 = atomicrmw nand ptr @g32, i32 -1 seq_cst
  %f1 = load atomic i32, ptr @g32 seq_cst, align 4
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %o1, i32 %o2, i32 %o3, i32 %o4, i32 %o5, i32 %o6, i32 %o7, i32 %f1)
  store atomic i32 -50, ptr @g32 release, align 4
  %m1 = atomicrmw max ptr @g32, i32 -60 seq_cst
  %m2 = atomicrmw min ptr @g32, i32 -70 seq_cst
  %m3 = atomicrmw umax ptr @g32, i32 10 seq_cst
  %m4 = atomicrmw umin ptr @g32, i32 4000000000 seq_cst
  %f2 = load atomic i32, ptr @g32 acquire, align 4
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %m1, i32 %m2, i32 %m3, i32 %m4, i32 %f2)
  %b1 = atomicrmw add ptr @g8, i8 10 seq_cst
  %b1e = zext i8 %b1 to i32
  %b2 = load atomic i8, ptr @g8 monotonic, align 1
  %b2e = zext i8 %b2 to i32
  %h1 = atomicrmw umin ptr @g16, i16 1234 seq_cst
  %h1e = zext i16 %h1 to i32
  %h2 = load atomic i16, ptr @g16 seq_cst, align 2
  %h2e = sext i16 %h2 to i32
  br label %loop
loop:
  %i = phi i64 [ 1, %entry ], [ %i1, %loop ]
  %unused = atomicrmw add ptr @g64, i64 %i seq_cst
  %i1 = add i64 %i, 1
  %c = icmp ule i64 %i1, 1000
  br i1 %c, label %loop, label %after
after:
  fence seq_cst
  %s64 = load atomic i64, ptr @g64 seq_cst, align 8
  %fo = atomicrmw fadd ptr @gf, float 2.25 seq_cst
  %fn = load atomic float, ptr @gf seq_cst, align 4
  %fod = fpext float %fo to double
  %fnd = fpext float %fn to double
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %b1e, i32 %b2e, i32 %h1e, i32 %h2e, i64 %s64, double %fod, double %fnd)
  ; cmpxchg success then failure
  %cx1 = cmpxchg ptr @g64, i64 500500, i64 7 seq_cst seq_cst
  %ok1 = extractvalue { i64, i1 } %cx1, 1
  %old1 = extractvalue { i64, i1 } %cx1, 0
  %cx2 = cmpxchg ptr @g64, i64 500500, i64 9 acq_rel monotonic
  %ok2 = extractvalue { i64, i1 } %cx2, 1
  %old2 = extractvalue { i64, i1 } %cx2, 0
  fence acquire
  br label %weak
weak:
  ; atomic multiply-by-3 via a weak cmpxchg retry loop, repeated 5 times
  %n = phi i32 [ 0, %after ], [ %n1, %weak.ok ]
  %tries = phi i32 [ 0, %after ], [ %tries1, %weak.ok ]
  br label %retry
retry:
  %tr = phi i32 [ %tries, %weak ], [ %tr1, %retry ]
  %cur = load atomic i64, ptr @g64 monotonic, align 8
  %new = mul i64 %cur, 3
  %cx = cmpxchg weak ptr @g64, i64 %cur, i64 %new seq_cst monotonic
  %ok = extractvalue { i64, i1 } %cx, 1
  %tr1 = add i32 %tr, 1
  br i1 %ok, label %weak.ok, label %retry
weak.ok:
  %tries1 = phi i32 [ %tr1, %retry ]
  %n1 = add i32 %n, 1
  %more = icmp ult i32 %n1, 5
  br i1 %more, label %weak, label %done
done:
  fence release
  %fin = load i64, ptr @g64, align 8
  %ok1z = zext i1 %ok1 to i32
  %ok2z = zext i1 %ok2 to i32
  %old1t = trunc i64 %old1 to i32
  %old2t = trunc i64 %old2 to i32
  %dummy = icmp uge i32 %tries1, 5
  %dz = zext i1 %dummy to i32
  call i32 (ptr, ...) @printf(ptr @fmt4, i32 %ok1z, i32 %old1t, i32 %ok2z, i32 %old2t, i32 %dz, i64 %fin)
  %r1 = add i32 %f1, %f2
  %r2 = add i32 %r1, %b2e
  %r3 = add i32 %r2, %h2e
  %r4 = trunc i64 %fin to i32
  %r5 = add i32 %r3, %r4
  %r6 = add i32 %r5, %ok1z
  %m = and i32 %r6, 255
  ret i32 %m
}
