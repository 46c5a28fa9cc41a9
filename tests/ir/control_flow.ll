; fixture: br, conditional br, switch with many cases (dense, sparse, i8 and i64 conditions, shared destinations) and default, unreachable in a dead branch
; exit: 94
; stdout: switch32 histogram: a=4 b=3 c=4 d=3 def=29 sum=411
; stdout: switch64: 10 20 30 40 7
; stdout: switch8: -1 1 0 200
; stdout: collatz(27) steps=111 peak=9232

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [55 x i8] c"switch32 histogram: a=%d b=%d c=%d d=%d def=%d sum=%d\0A\00"
@fmt64 = private unnamed_addr constant [26 x i8] c"switch64: %d %d %d %d %d\0A\00"
@fmt8 = private unnamed_addr constant [22 x i8] c"switch8: %d %d %d %d\0A\00"
@fmtc = private unnamed_addr constant [30 x i8] c"collatz(27) steps=%d peak=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @classify(i32 %x) {
entry:
  switch i32 %x, label %def [
    i32 0, label %a
    i32 1, label %a
    i32 2, label %b
    i32 3, label %c
    i32 5, label %b
    i32 7, label %d
    i32 11, label %c
    i32 13, label %d
    i32 17, label %a
    i32 19, label %b
    i32 23, label %c
    i32 29, label %d
    i32 31, label %a
    i32 1000, label %b
    i32 -1, label %c
    i32 -2147483648, label %d
  ]
a:
  br label %done
b:
  br label %done
c:
  br label %done
d:
  br label %done
def:
  br label %done
done:
  %r = phi i32 [ 1, %a ], [ 2, %b ], [ 3, %c ], [ 4, %d ], [ 0, %def ]
  ret i32 %r
}

define internal i32 @sw64(i64 %x) {
entry:
  switch i64 %x, label %other [
    i64 0, label %zero
    i64 4294967296, label %big
    i64 -1, label %minus1
    i64 9223372036854775807, label %max
  ]
zero:
  ret i32 10
big:
  ret i32 20
minus1:
  ret i32 30
max:
  ret i32 40
other:
  %t = trunc i64 %x to i32
  ret i32 %t
}

define internal i32 @sw8(i8 %x) {
entry:
  switch i8 %x, label %other [
    i8 -128, label %lo
    i8 127, label %hi
    i8 0, label %z
  ]
lo:
  ret i32 -1
hi:
  ret i32 1
z:
  ret i32 0
other:
  %e = zext i8 %x to i32
  ret i32 %e
}

define internal i32 @abs_or_trap(i32 %x) {
entry:
  %neg = icmp slt i32 %x, 0
  br i1 %neg, label %isneg, label %notneg
isneg:
  %n = sub i32 0, %x
  br label %check
notneg:
  br label %check
check:
  %v = phi i32 [ %n, %isneg ], [ %x, %notneg ]
  %bad = icmp slt i32 %v, 0
  br i1 %bad, label %dead, label %ok
dead:
  unreachable
ok:
  ret i32 %v
}

define i32 @main() {
entry:
  br label %loop
loop:
  %i = phi i32 [ -3, %entry ], [ %inext, %latch ]
  %ca = phi i32 [ 0, %entry ], [ %ca2, %latch ]
  %cb = phi i32 [ 0, %entry ], [ %cb2, %latch ]
  %cc = phi i32 [ 0, %entry ], [ %cc2, %latch ]
  %cd = phi i32 [ 0, %entry ], [ %cd2, %latch ]
  %cdef = phi i32 [ 0, %entry ], [ %cdef2, %latch ]
  %sum = phi i32 [ 0, %entry ], [ %sum2, %latch ]
  %k = call i32 @classify(i32 %i)
  %isa = icmp eq i32 %k, 1
  %isb = icmp eq i32 %k, 2
  %isc = icmp eq i32 %k, 3
  %isd = icmp eq i32 %k, 4
  %isdef = icmp eq i32 %k, 0
  %za = zext i1 %isa to i32
  %zb = zext i1 %isb to i32
  %zc = zext i1 %isc to i32
  %zd = zext i1 %isd to i32
  %zdef = zext i1 %isdef to i32
  %ca2 = add i32 %ca, %za
  %cb2 = add i32 %cb, %zb
  %cc2 = add i32 %cc, %zc
  %cd2 = add i32 %cd, %zd
  %cdef2 = add i32 %cdef, %zdef
  %w = mul i32 %k, %i
  %sum2 = add i32 %sum, %w
  br label %latch
latch:
  %inext = add i32 %i, 1
  %cont = icmp slt i32 %inext, 40
  br i1 %cont, label %loop, label %after
after:
  %x1 = call i32 @classify(i32 1000)
  %x2 = call i32 @classify(i32 -2147483648)
  %sum3 = add i32 %sum2, %x1
  %sum4 = add i32 %sum3, %x2
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %ca2, i32 %cb2, i32 %cc2, i32 %cd2, i32 %cdef2, i32 %sum4)
  %y1 = call i32 @sw64(i64 0)
  %y2 = call i32 @sw64(i64 4294967296)
  %y3 = call i32 @sw64(i64 -1)
  %y4 = call i32 @sw64(i64 9223372036854775807)
  %y5 = call i32 @sw64(i64 4294967303)
  call i32 (ptr, ...) @printf(ptr @fmt64, i32 %y1, i32 %y2, i32 %y3, i32 %y4, i32 %y5)
  %z1 = call i32 @sw8(i8 -128)
  %z2 = call i32 @sw8(i8 127)
  %z3 = call i32 @sw8(i8 0)
  %z4 = call i32 @sw8(i8 -56)
  call i32 (ptr, ...) @printf(ptr @fmt8, i32 %z1, i32 %z2, i32 %z3, i32 %z4)
  br label %cz
cz:
  %n = phi i32 [ 27, %after ], [ %n2, %cz.next ]
  %steps = phi i32 [ 0, %after ], [ %steps2, %cz.next ]
  %peak = phi i32 [ 27, %after ], [ %peak2, %cz.next ]
  %one = icmp eq i32 %n, 1
  br i1 %one, label %cz.done, label %cz.body
cz.body:
  %odd = and i32 %n, 1
  %isodd = icmp ne i32 %odd, 0
  br i1 %isodd, label %cz.odd, label %cz.even
cz.odd:
  %t3 = mul i32 %n, 3
  %t3p = add i32 %t3, 1
  br label %cz.next
cz.even:
  %h = lshr i32 %n, 1
  br label %cz.next
cz.next:
  %n2 = phi i32 [ %t3p, %cz.odd ], [ %h, %cz.even ]
  %steps2 = add i32 %steps, 1
  %gt = icmp ugt i32 %n2, %peak
  %peak2 = select i1 %gt, i32 %n2, i32 %peak
  br label %cz
cz.done:
  call i32 (ptr, ...) @printf(ptr @fmtc, i32 %steps, i32 %peak)
  %ab = call i32 @abs_or_trap(i32 -77)
  %r1 = add i32 %sum4, %steps
  %r2 = add i32 %r1, %ab
  %r3 = add i32 %r2, %y5
  %m = and i32 %r3, 255
  ret i32 %m
}
