; fixture: loads and stores of integers whose store size is not a power of two or that are narrower than a byte (i24, i40, i48, i56, i12, i3), alone, unaligned, volatile and in a packed struct, beside bytes they must not touch
; exit: 0
; stdout: i24: abcdef  bytes aaefcdabaaaaaaaaaaaaaaaaaaaaaaaa
; stdout: i40: fffffffcf8  bytes aaaaaaf8fcffffffaaaaaaaaaaaaaaaa
; stdout: i48: 1  bytes aaaafeffffffffffaaaaaaaaaaaaaaaa
; stdout: i56: ffffffffffffffff  bytes aaaaaaaaaaffffffffffffffaaaaaaaa
; stdout: i12: abc  bytes aaaaaaaabc0aaaaaaaaaaaaaaaaaaaaa
; stdout: i3: fffffffffffffffd  bytes aaaaaaaaaaaa05aaaaaaaaaaaaaaaaaa
; stdout: volatile i24: 123456  bytes aaaaaaaaaaaaaa563412aaaaaaaaaaaa
; stdout: volatile i40: 9876543210  bytes aaaaaaaaaaaaaaaaaa1032547698aaaa
; stdout: packed: 7 7fffff fffffffbaa ff sum 100007ffbb0

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%packed = type <{ i8, i24, i40, i8 }>

@buf = internal global [32 x i8] zeroinitializer, align 16
@rec = internal global %packed zeroinitializer, align 1
@fmt = private unnamed_addr constant [32 x i8] c"%s: %llx  bytes %016llx%016llx\0A\00"
@n24 = private unnamed_addr constant [4 x i8] c"i24\00"
@n40 = private unnamed_addr constant [4 x i8] c"i40\00"
@n48 = private unnamed_addr constant [4 x i8] c"i48\00"
@n56 = private unnamed_addr constant [4 x i8] c"i56\00"
@n12 = private unnamed_addr constant [4 x i8] c"i12\00"
@n3 = private unnamed_addr constant [3 x i8] c"i3\00"
@nv24 = private unnamed_addr constant [13 x i8] c"volatile i24\00"
@nv40 = private unnamed_addr constant [13 x i8] c"volatile i40\00"
@fmt2 = private unnamed_addr constant [32 x i8] c"packed: %x %x %llx %x sum %llx\0A\00"

declare i32 @printf(ptr, ...)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

define internal void @show(ptr %name, i64 %v) noinline {
  %lo = load i64, ptr @buf, align 16
  %hp = getelementptr i8, ptr @buf, i64 8
  %hi = load i64, ptr %hp, align 8
  %lo.be = call i64 @llvm.bswap.i64(i64 %lo)
  %hi.be = call i64 @llvm.bswap.i64(i64 %hi)
  call i32 (ptr, ...) @printf(ptr @fmt, ptr %name, i64 %v, i64 %lo.be, i64 %hi.be)
  call void @llvm.memset.p0.i64(ptr @buf, i8 170, i64 32, i1 false)
  ret void
}
declare i64 @llvm.bswap.i64(i64)

define internal i64 @roundtrip24(ptr %p, i24 %x) noinline {
  store i24 %x, ptr %p, align 1
  %y = load i24, ptr %p, align 1
  %z = zext i24 %y to i64
  ret i64 %z
}

define i32 @main() {
  call void @llvm.memset.p0.i64(ptr @buf, i8 170, i64 32, i1 false)
  %p1 = getelementptr i8, ptr @buf, i64 1
  %a = call i64 @roundtrip24(ptr %p1, i24 -1985229329)
  call void @show(ptr @n24, i64 %a)

  %p3 = getelementptr i8, ptr @buf, i64 3
  store i40 1099511627000, ptr %p3, align 1
  %b = load i40, ptr %p3, align 1
  %b64 = zext i40 %b to i64
  call void @show(ptr @n40, i64 %b64)

  %p2 = getelementptr i8, ptr @buf, i64 2
  store i48 -2, ptr %p2, align 2
  %c = load i48, ptr %p2, align 2
  %c1 = add i48 %c, 3
  %c64 = zext i48 %c1 to i64
  call void @show(ptr @n48, i64 %c64)

  %p5 = getelementptr i8, ptr @buf, i64 5
  store i56 72057594037927935, ptr %p5, align 1
  %d = load i56, ptr %p5, align 1
  %d64 = sext i56 %d to i64
  call void @show(ptr @n56, i64 %d64)

  %p4 = getelementptr i8, ptr @buf, i64 4
  store i12 2748, ptr %p4, align 1
  %e = load i12, ptr %p4, align 1
  %e64 = zext i12 %e to i64
  call void @show(ptr @n12, i64 %e64)

  %p6 = getelementptr i8, ptr @buf, i64 6
  store i3 5, ptr %p6, align 1
  %f = load i3, ptr %p6, align 1
  %fs = sext i3 %f to i64
  call void @show(ptr @n3, i64 %fs)

  %pv = getelementptr i8, ptr @buf, i64 7
  store volatile i24 1193046, ptr %pv, align 1
  %g = load volatile i24, ptr %pv, align 1
  %g64 = zext i24 %g to i64
  call void @show(ptr @nv24, i64 %g64)
  %pw = getelementptr i8, ptr @buf, i64 9
  store volatile i40 -81985529216486896, ptr %pw, align 1
  %h = load volatile i40, ptr %pw, align 1
  %h64 = zext i40 %h to i64
  call void @show(ptr @nv40, i64 %h64)

  %r0 = getelementptr %packed, ptr @rec, i32 0, i32 0
  %r1 = getelementptr %packed, ptr @rec, i32 0, i32 1
  %r2 = getelementptr %packed, ptr @rec, i32 0, i32 2
  %r3 = getelementptr %packed, ptr @rec, i32 0, i32 3
  store i8 7, ptr %r0, align 1
  store i24 8388607, ptr %r1, align 1
  store i40 -5, ptr %r2, align 1
  store i8 9, ptr %r3, align 1
  %v = load %packed, ptr @rec, align 1
  store %packed %v, ptr @buf, align 1
  %w0 = load i8, ptr @buf, align 1
  %q1 = getelementptr i8, ptr @buf, i64 1
  %w1 = load i24, ptr %q1, align 1
  %q4 = getelementptr i8, ptr @buf, i64 4
  %w2 = load i40, ptr %q4, align 1
  %q9 = getelementptr i8, ptr @buf, i64 9
  %w3 = load i8, ptr %q9, align 1
  %s1 = zext i24 %w1 to i64
  %s2 = zext i40 %w2 to i64
  %s0 = zext i8 %w0 to i64
  %t = add i64 %s1, %s2
  %t2 = add i64 %t, %s0
  %u0 = zext i8 %w0 to i32
  %u1 = zext i24 %w1 to i32
  %u3 = zext i8 %w3 to i32
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %u0, i32 %u1, i64 %s2, i32 %u3, i64 %t2)
  ret i32 0
}
