; OSR: main's local is one alloca of four i64 (a count, not an array type), filled from main's argument before
; the loop and read by a helper that neither keeps nor writes it: an entry that makes the local its own must copy
; all four.
declare i32 @printf(ptr, ...)
@fmt = private constant [5 x i8] c"%ld\0A\00"

define internal i64 @sum4(ptr nocapture readonly %p, i64 %i) noinline {
  %a = load i64, ptr %p
  %q1 = getelementptr i64, ptr %p, i64 1
  %b = load i64, ptr %q1
  %q2 = getelementptr i64, ptr %p, i64 2
  %c = load i64, ptr %q2
  %q3 = getelementptr i64, ptr %p, i64 3
  %d = load i64, ptr %q3
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %c
  %s3 = add i64 %s2, %d
  %r = xor i64 %s3, %i
  ret i64 %r
}

define i32 @main(i32 %argc, ptr %argv) {
entry:
  %arr = alloca i64, i32 4
  %x = sext i32 %argc to i64
  store i64 %x, ptr %arr
  %p1 = getelementptr i64, ptr %arr, i64 1
  %x2 = mul i64 %x, 100
  store i64 %x2, ptr %p1
  %p2 = getelementptr i64, ptr %arr, i64 2
  %x3 = mul i64 %x, 10000
  store i64 %x3, ptr %p2
  %p3 = getelementptr i64, ptr %arr, i64 3
  %x4 = mul i64 %x, 1000000
  store i64 %x4, ptr %p3
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s1, %loop ]
  %v = call i64 @sum4(ptr %arr, i64 %i)
  %s1 = add i64 %s, %v
  %i1 = add i64 %i, 1
  %done = icmp eq i64 %i1, 20000000
  br i1 %done, label %exit, label %loop
exit:
  %r = call i32 (ptr, ...) @printf(ptr @fmt, i64 %s1)
  ret i32 0
}
