; fixture: select on i32/i64/i8 values, float and double values, ptr values, and i1 select used as logical and/or (poison-safe short-circuit form)
; exit: 30
; stdout: x=-20: max=5 clamp=-10 sgn=-1 fsel=-10.00 dsel=2.500 ptr=222 and=0 or=1 both=0
; stdout: x=0: max=5 clamp=0 sgn=0 fsel=0.00 dsel=0.000 ptr=222 and=1 or=0 both=0
; stdout: x=3: max=5 clamp=3 sgn=1 fsel=-1.25 dsel=0.375 ptr=222 and=1 or=0 both=0
; stdout: x=8: max=8 clamp=8 sgn=1 fsel=4.00 dsel=1.000 ptr=111 and=0 or=0 both=0
; stdout: x=12: max=12 clamp=10 sgn=1 fsel=6.00 dsel=1.500 ptr=111 and=1 or=1 both=1
; stdout: x=2001: max=2001 clamp=10 sgn=1 fsel=-1.25 dsel=250.125 ptr=111 and=0 or=1 both=0

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@ga = internal global i32 111
@gb = internal global i32 222
@fmt = private unnamed_addr constant [79 x i8] c"x=%d: max=%d clamp=%ld sgn=%d fsel=%.2f dsel=%.3f ptr=%d and=%d or=%d both=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @test(i32 %x) {
entry:
  ; integer select: max(x, 5)
  %gt5 = icmp sgt i32 %x, 5
  %max = select i1 %gt5, i32 %x, i32 5
  ; i64 clamp into [-10, 10]
  %xw = sext i32 %x to i64
  %lo = icmp slt i64 %xw, -10
  %c1 = select i1 %lo, i64 -10, i64 %xw
  %hi = icmp sgt i64 %c1, 10
  %clamp = select i1 %hi, i64 10, i64 %c1
  ; i8 sign via nested selects
  %neg = icmp slt i32 %x, 0
  %zero = icmp eq i32 %x, 0
  %s1 = select i1 %zero, i8 0, i8 1
  %sgn8 = select i1 %neg, i8 -1, i8 %s1
  %sgn = sext i8 %sgn8 to i32
  ; float select
  %xf = sitofp i32 %x to float
  %even.bit = and i32 %x, 1
  %even = icmp eq i32 %even.bit, 0
  %half = fmul float %xf, 0.5
  %fsel = select i1 %even, float %half, float -1.25
  %fseld = fpext float %fsel to double
  ; double select chooses between two computed values (abs)
  %xd = sitofp i32 %x to double
  %nd = fneg double %xd
  %dneg = fcmp olt double %xd, 0.0
  %dabs = select i1 %dneg, double %nd, double %xd
  %dsel = fdiv double %dabs, 8.0
  ; ptr select
  %p = select i1 %gt5, ptr @ga, ptr @gb
  %pv = load i32, ptr %p, align 4
  ; logical and/or written as select on i1
  %inrange = icmp ult i32 %x, 100
  %div3.r = urem i32 %x, 3
  %div3 = icmp eq i32 %div3.r, 0
  %land = select i1 %inrange, i1 %div3, i1 false
  %isbig = icmp sgt i32 %x, 10
  %lor = select i1 %neg, i1 true, i1 %isbig
  %both = select i1 %land, i1 %lor, i1 false
  %zand = zext i1 %land to i32
  %zor = zext i1 %lor to i32
  %zboth = zext i1 %both to i32
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %x, i32 %max, i64 %clamp, i32 %sgn, double %fseld, double %dsel, i32 %pv, i32 %zand, i32 %zor, i32 %zboth)
  %ct = trunc i64 %clamp to i32
  %r1 = add i32 %max, %ct
  %r2 = add i32 %r1, %sgn
  %r3 = mul i32 %zand, 4
  %r4 = mul i32 %zor, 2
  %r5 = add i32 %r2, %r3
  %r6 = add i32 %r5, %r4
  ret i32 %r6
}

define i32 @main() {
entry:
  %a = call i32 @test(i32 -20)
  %b = call i32 @test(i32 0)
  %c = call i32 @test(i32 3)
  %d = call i32 @test(i32 8)
  %e = call i32 @test(i32 12)
  %f = call i32 @test(i32 2001)
  %s1 = add i32 %a, %b
  %s2 = add i32 %s1, %c
  %s3 = add i32 %s2, %d
  %s4 = add i32 %s3, %e
  %s5 = add i32 %s4, %f
  %m = and i32 %s5, 255
  ret i32 %m
}
