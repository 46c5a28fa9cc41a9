; fixture: variadic calls to printf mixing i32/i64/double/ptr/char arguments, more than 6 integer and more than 8 double varargs (stack-passed), float promoted to double by the caller, and snprintf into a stack buffer
; exit: 21
; stdout: mix: -7 3.142 -1234567890123 word 2.8 A 4000000000 1.234568e+04
; stdout: ints: 1 2 3 4 5 6 7 8 9 10
; stdout: doubles: 1.5 2.5 3.5 4.5 5.5 6.5 7.5 8.5 9.5 10.5 11.5
; stdout: interleaved: 1 0.5 2 1.5 3 2.5 4 3.5 5 4.5 6 5.5 7 6.5 8 7.5 9 8.5
; stdout: snprintf wrote 22: <word| 9.88|42  |beef>

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@f1 = private unnamed_addr constant [35 x i8] c"mix: %d %.3f %ld %s %.1f %c %u %e\0A\00"
@f2 = private unnamed_addr constant [37 x i8] c"ints: %d %d %d %d %d %d %d %d %d %d\0A\00"
@f3 = private unnamed_addr constant [43 x i8] c"doubles: %g %g %g %g %g %g %g %g %g %g %g\0A\00"
@f4 = private unnamed_addr constant [68 x i8] c"interleaved: %d %g %d %g %d %g %d %g %d %g %d %g %d %g %d %g %d %g\0A\00"
@f5 = private unnamed_addr constant [19 x i8] c"<%s|%5.2f|%-4d|%x>\00"
@f6 = private unnamed_addr constant [23 x i8] c"snprintf wrote %d: %s\0A\00"
@word = private unnamed_addr constant [5 x i8] c"word\00"

declare i32 @printf(ptr, ...)
declare i32 @snprintf(ptr, i64, ptr, ...)

define i32 @main() {
entry:
  %buf = alloca [64 x i8], align 16
  %fl = fadd float 2.5, 0.25
  %fld = fpext float %fl to double
  %n1 = call i32 (ptr, ...) @printf(ptr @f1, i32 -7, double 3.14159, i64 -1234567890123, ptr @word, double %fld, i32 65, i32 4000000000, double 12345.678)
  %n2 = call i32 (ptr, ...) @printf(ptr @f2, i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7, i32 8, i32 9, i32 10)
  %n3 = call i32 (ptr, ...) @printf(ptr @f3, double 1.5, double 2.5, double 3.5, double 4.5, double 5.5, double 6.5, double 7.5, double 8.5, double 9.5, double 10.5, double 11.5)
  %n4 = call i32 (ptr, ...) @printf(ptr @f4, i32 1, double 0.5, i32 2, double 1.5, i32 3, double 2.5, i32 4, double 3.5, i32 5, double 4.5, i32 6, double 5.5, i32 7, double 6.5, i32 8, double 7.5, i32 9, double 8.5)
  %n5 = call i32 (ptr, i64, ptr, ...) @snprintf(ptr %buf, i64 64, ptr @f5, ptr @word, double 9.875, i32 42, i32 48879)
  %n6 = call i32 (ptr, ...) @printf(ptr @f6, i32 %n5, ptr %buf)
  %s1 = add i32 %n1, %n2
  %s2 = add i32 %s1, %n3
  %s3 = add i32 %s2, %n4
  %s4 = add i32 %s3, %n5
  %s5 = add i32 %s4, %n6
  %m = and i32 %s5, 255
  ret i32 %m
}
