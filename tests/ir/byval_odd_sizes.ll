; fixture: byval struct arguments whose size is not a multiple of 8 (3, 12 and 20 bytes), in registers' place and on the stack after 6 register args; callees change their copies, callers' objects stay unchanged
; exit: 31
; stdout: s3 3+5+7 copy-changed=100
; stdout: s12 1000+-20+300 copy-changed=1
; stdout: s20 1+2+3+4+5
; stdout: many 21 1280 15 9
; stdout: after: 3 5 7 / 1000 -20 300 / 1 5

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%S3 = type { i8, i8, i8 }
%S12 = type { i32, i32, i32 }
%S20 = type { i32, i32, i32, i32, i32 }

@g3 = internal global %S3 { i8 3, i8 5, i8 7 }
@fmt3 = private unnamed_addr constant [29 x i8] c"s3 %d+%d+%d copy-changed=%d\0A\00"
@fmt12 = private unnamed_addr constant [30 x i8] c"s12 %d+%d+%d copy-changed=%d\0A\00"
@fmt20 = private unnamed_addr constant [20 x i8] c"s20 %d+%d+%d+%d+%d\0A\00"
@fmtm = private unnamed_addr constant [19 x i8] c"many %ld %d %d %d\0A\00"
@fmta = private unnamed_addr constant [36 x i8] c"after: %d %d %d / %d %d %d / %d %d\0A\00"

declare i32 @printf(ptr, ...)

; Prints the three bytes, overwrites the first in its own copy and reads it back.
define internal i32 @show3(ptr byval(%S3) align 1 %s) noinline {
  %p1 = getelementptr inbounds %S3, ptr %s, i64 0, i32 1
  %p2 = getelementptr inbounds %S3, ptr %s, i64 0, i32 2
  %a = load i8, ptr %s, align 1
  %b = load i8, ptr %p1, align 1
  %c = load i8, ptr %p2, align 1
  store i8 100, ptr %s, align 1
  %a2 = load i8, ptr %s, align 1
  %aw = zext i8 %a to i32
  %bw = zext i8 %b to i32
  %cw = zext i8 %c to i32
  %a2w = zext i8 %a2 to i32
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %aw, i32 %bw, i32 %cw, i32 %a2w)
  %s1 = add i32 %aw, %bw
  %s2 = add i32 %s1, %cw
  ret i32 %s2
}

define internal i32 @show12(ptr byval(%S12) align 4 %s) noinline {
  %p1 = getelementptr inbounds %S12, ptr %s, i64 0, i32 1
  %p2 = getelementptr inbounds %S12, ptr %s, i64 0, i32 2
  %a = load i32, ptr %s, align 4
  %b = load i32, ptr %p1, align 4
  %c = load i32, ptr %p2, align 4
  store i32 1, ptr %p2, align 4
  %c2 = load i32, ptr %p2, align 4
  call i32 (ptr, ...) @printf(ptr @fmt12, i32 %a, i32 %b, i32 %c, i32 %c2)
  ret i32 %c2
}

define internal i32 @show20(ptr byval(%S20) align 4 %s) noinline {
  %p1 = getelementptr inbounds %S20, ptr %s, i64 0, i32 1
  %p2 = getelementptr inbounds %S20, ptr %s, i64 0, i32 2
  %p3 = getelementptr inbounds %S20, ptr %s, i64 0, i32 3
  %p4 = getelementptr inbounds %S20, ptr %s, i64 0, i32 4
  %a = load i32, ptr %s, align 4
  %b = load i32, ptr %p1, align 4
  %c = load i32, ptr %p2, align 4
  %d = load i32, ptr %p3, align 4
  %e = load i32, ptr %p4, align 4
  call i32 (ptr, ...) @printf(ptr @fmt20, i32 %a, i32 %b, i32 %c, i32 %d, i32 %e)
  %s1 = add i32 %a, %e
  ret i32 %s1
}

; Six integer registers taken: the structs and the last i32 go on the stack, in order.
define internal i32 @many(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, ptr byval(%S12) align 4 %s, ptr byval(%S3) align 1 %t, i32 %g) noinline {
  %sum1 = add i64 %a, %b
  %sum2 = add i64 %sum1, %c
  %sum3 = add i64 %sum2, %d
  %sum4 = add i64 %sum3, %e
  %sum5 = add i64 %sum4, %f
  %p0 = getelementptr inbounds %S12, ptr %s, i64 0, i32 0
  %x = load i32, ptr %p0, align 4
  %y = mul i32 %x, 1
  %x2 = add i32 %y, 280
  %tp = getelementptr inbounds %S3, ptr %t, i64 0, i32 2
  %z = load i8, ptr %tp, align 1
  %zw = zext i8 %z to i32
  %zz = add i32 %zw, 8
  store i32 -7, ptr %p0, align 4
  call i32 (ptr, ...) @printf(ptr @fmtm, i64 %sum5, i32 %x2, i32 %zz, i32 %g)
  ret i32 %g
}

define i32 @main() {
  %s12 = alloca %S12, align 4
  %s20 = alloca %S20, align 4
  store i32 1000, ptr %s12, align 4
  %q1 = getelementptr inbounds %S12, ptr %s12, i64 0, i32 1
  store i32 -20, ptr %q1, align 4
  %q2 = getelementptr inbounds %S12, ptr %s12, i64 0, i32 2
  store i32 300, ptr %q2, align 4
  %r0 = getelementptr inbounds %S20, ptr %s20, i64 0, i32 0
  store i32 1, ptr %r0, align 4
  %r1 = getelementptr inbounds %S20, ptr %s20, i64 0, i32 1
  store i32 2, ptr %r1, align 4
  %r2 = getelementptr inbounds %S20, ptr %s20, i64 0, i32 2
  store i32 3, ptr %r2, align 4
  %r3 = getelementptr inbounds %S20, ptr %s20, i64 0, i32 3
  store i32 4, ptr %r3, align 4
  %r4 = getelementptr inbounds %S20, ptr %s20, i64 0, i32 4
  store i32 5, ptr %r4, align 4
  %v3 = call i32 @show3(ptr byval(%S3) align 1 @g3)
  %v12 = call i32 @show12(ptr byval(%S12) align 4 %s12)
  %v20 = call i32 @show20(ptr byval(%S20) align 4 %s20)
  %vm = call i32 @many(i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, ptr byval(%S12) align 4 %s12, ptr byval(%S3) align 1 @g3, i32 9)
  %g0 = load i8, ptr @g3, align 1
  %g1p = getelementptr inbounds %S3, ptr @g3, i64 0, i32 1
  %g1 = load i8, ptr %g1p, align 1
  %g2p = getelementptr inbounds %S3, ptr @g3, i64 0, i32 2
  %g2 = load i8, ptr %g2p, align 1
  %g0w = zext i8 %g0 to i32
  %g1w = zext i8 %g1 to i32
  %g2w = zext i8 %g2 to i32
  %a0 = load i32, ptr %s12, align 4
  %a1 = load i32, ptr %q1, align 4
  %a2 = load i32, ptr %q2, align 4
  %b0 = load i32, ptr %r0, align 4
  %b4 = load i32, ptr %r4, align 4
  call i32 (ptr, ...) @printf(ptr @fmta, i32 %g0w, i32 %g1w, i32 %g2w, i32 %a0, i32 %a1, i32 %a2, i32 %b0, i32 %b4)
  %t1 = add i32 %v3, %v12
  %t2 = add i32 %t1, %v20
  %t3 = add i32 %t2, %vm
  %t4 = sub i32 %t3, 0
  ret i32 %t4
}
