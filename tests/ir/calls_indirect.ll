; fixture: indirect calls through function pointers loaded from a global table, @f taken as a value and stored in a global then compared with @f (must be equal), callbacks passed as arguments, returned function pointers, indirect call of variadic printf
; exit: 82
; stdout: op[0](10,0)=10
; stdout: op[1](11,3)=8
; stdout: op[2](12,6)=72
; stdout: op[3](13,9)=4
; stdout: saved==@op_mul:1 saved==@op_add:0 table[2]==saved:1 call(saved)=42
; stdout: fold add=5050 fold mul=3628800 chosen(7)=14
; stdout: indirect printf works 42 2.5

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@ops = internal constant [4 x ptr] [ptr @op_add, ptr @op_sub, ptr @op_mul, ptr @op_xor]
@saved = internal global ptr null
@fmt1 = private unnamed_addr constant [18 x i8] c"op[%d](%d,%d)=%d\0A\00"
@fmt2 = private unnamed_addr constant [71 x i8] c"saved==@op_mul:%d saved==@op_add:%d table[2]==saved:%d call(saved)=%d\0A\00"
@fmt3 = private unnamed_addr constant [38 x i8] c"fold add=%d fold mul=%d chosen(7)=%d\0A\00"
@fmt4 = private unnamed_addr constant [28 x i8] c"indirect printf %s %d %.1f\0A\00"
@word = private unnamed_addr constant [6 x i8] c"works\00"

declare i32 @printf(ptr, ...)

define internal i32 @op_add(i32 %a, i32 %b) {
  %r = add i32 %a, %b
  ret i32 %r
}
define internal i32 @op_sub(i32 %a, i32 %b) {
  %r = sub i32 %a, %b
  ret i32 %r
}
define internal i32 @op_mul(i32 %a, i32 %b) {
  %r = mul i32 %a, %b
  ret i32 %r
}
define internal i32 @op_xor(i32 %a, i32 %b) {
  %r = xor i32 %a, %b
  ret i32 %r
}
define internal i32 @inc(i32 %a) {
  %r = add i32 %a, 1
  ret i32 %r
}
define internal i32 @dbl(i32 %a) {
  %r = shl i32 %a, 1
  ret i32 %r
}

; fold(f, init, n): acc = f(acc, i) for i in 1..n
define internal i32 @fold(ptr %f, i32 %init, i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 1, %entry ], [ %i1, %loop ]
  %acc = phi i32 [ %init, %entry ], [ %acc1, %loop ]
  %acc1 = call i32 %f(i32 %acc, i32 %i)
  %i1 = add i32 %i, 1
  %c = icmp sle i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  ret i32 %acc1
}

define internal ptr @choose(i1 %which) {
  %p = select i1 %which, ptr @dbl, ptr @inc
  ret ptr %p
}

define i32 @main() {
entry:
  br label %loop
loop:
  %k = phi i32 [ 0, %entry ], [ %k1, %loop ]
  %sum = phi i32 [ 0, %entry ], [ %sum1, %loop ]
  %fp.addr = getelementptr inbounds [4 x ptr], ptr @ops, i32 0, i32 %k
  %fp = load ptr, ptr %fp.addr, align 8
  %a = add i32 %k, 10
  %b = mul i32 %k, 3
  %r = call i32 %fp(i32 %a, i32 %b)
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %k, i32 %a, i32 %b, i32 %r)
  %sum1 = add i32 %sum, %r
  %k1 = add i32 %k, 1
  %c = icmp ult i32 %k1, 4
  br i1 %c, label %loop, label %next
next:
  store ptr @op_mul, ptr @saved, align 8
  %s = load ptr, ptr @saved, align 8
  %eq1 = icmp eq ptr %s, @op_mul
  %eq2 = icmp eq ptr %s, @op_add
  %t2 = load ptr, ptr getelementptr inbounds ([4 x ptr], ptr @ops, i32 0, i32 2), align 8
  %eq3 = icmp eq ptr %t2, %s
  %cs = call i32 %s(i32 6, i32 7)
  %z1 = zext i1 %eq1 to i32
  %z2 = zext i1 %eq2 to i32
  %z3 = zext i1 %eq3 to i32
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %z1, i32 %z2, i32 %z3, i32 %cs)
  %fa = call i32 @fold(ptr @op_add, i32 0, i32 100)
  %fm = call i32 @fold(ptr %s, i32 1, i32 10)
  %ch = call ptr @choose(i1 true)
  %cv = call i32 %ch(i32 7)
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %fa, i32 %fm, i32 %cv)
  %pf = select i1 %eq1, ptr @printf, ptr null
  call i32 (ptr, ...) %pf(ptr @fmt4, ptr @word, i32 42, double 2.5)
  %t1 = add i32 %sum1, %z1
  %t3 = add i32 %t1, %z3
  %t4 = add i32 %t3, %cs
  %t5 = add i32 %t4, %fa
  %t6 = add i32 %t5, %cv
  %m = and i32 %t6, 255
  ret i32 %m
}
