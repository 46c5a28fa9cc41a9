; fixture: freeze (identity on normal values; on poison/undef gives an arbitrary but fixed value so x^x==0, x-x==0, x==x), plus poison/undef used only where the result cannot depend on them
; exit: 126
; stdout: freeze normal: 1234 -5 2.75
; stdout: freeze poison/undef: xor=0 sub=0 eq=1 and0=0 or-all=-1
; stdout: undef/poison unobserved: struct=17,-4 select=99 phi=55 vec=42

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [28 x i8] c"freeze normal: %d %ld %.2f\0A\00"
@fmt2 = private unnamed_addr constant [61 x i8] c"freeze poison/undef: xor=%d sub=%ld eq=%d and0=%d or-all=%d\0A\00"
@fmt3 = private unnamed_addr constant [63 x i8] c"undef/poison unobserved: struct=%d,%d select=%d phi=%d vec=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @pick(i1 %c, i32 %x) {
entry:
  br i1 %c, label %a, label %b
a:
  br label %m
b:
  br label %m
m:
  ; the undef incoming value is only reachable when %c is false, and main passes true
  %v = phi i32 [ %x, %a ], [ undef, %b ]
  ret i32 %v
}

define i32 @main() {
entry:
  %n1 = freeze i32 1234
  %n2 = freeze i64 -5
  %n3 = freeze double 2.75
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %n1, i64 %n2, double %n3)
  %p = freeze i32 poison
  %x = xor i32 %p, %p
  %u = freeze i64 undef
  %s = sub i64 %u, %u
  %q = freeze i8 poison
  %eq = icmp eq i8 %q, %q
  %eqz = zext i1 %eq to i32
  ; poison produced by an overflowing nsw add, frozen, then masked out
  %ov = add nsw i32 2147483647, %n1
  %ovf = freeze i32 %ov
  %and0 = and i32 %ovf, 0
  %orall = or i32 %ovf, -1
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %x, i64 %s, i32 %eqz, i32 %and0, i32 %orall)
  ; insertvalue into undef/poison then overwrite every field
  %st0 = insertvalue { i32, i32 } undef, i32 17, 0
  %st1 = insertvalue { i32, i32 } %st0, i32 -4, 1
  %f0 = extractvalue { i32, i32 } %st1, 0
  %f1 = extractvalue { i32, i32 } %st1, 1
  ; select whose unchosen arm is poison
  %sel = select i1 true, i32 99, i32 poison
  %ph = call i32 @pick(i1 true, i32 55)
  ; vector built from poison with every lane overwritten
  %v0 = insertelement <4 x i32> poison, i32 1, i32 0
  %v1 = insertelement <4 x i32> %v0, i32 2, i32 1
  %v2 = insertelement <4 x i32> %v1, i32 3, i32 2
  %v3 = insertelement <4 x i32> %v2, i32 4, i32 3
  %e0 = extractelement <4 x i32> %v3, i32 0
  %e3 = extractelement <4 x i32> %v3, i32 3
  %ev = mul i32 %e0, %e3
  %vs = mul i32 %ev, 10
  %ea = extractelement <4 x i32> %v3, i32 1
  %vsum = add i32 %vs, %ea
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %f0, i32 %f1, i32 %sel, i32 %ph, i32 %vsum)
  %r1 = add i32 %x, %n1
  %r2 = add i32 %r1, %eqz
  %r3 = add i32 %r2, %f0
  %r4 = add i32 %r3, %sel
  %r5 = add i32 %r4, %ph
  %r6 = add i32 %r5, %and0
  %m = and i32 %r6, 255
  ret i32 %m
}
