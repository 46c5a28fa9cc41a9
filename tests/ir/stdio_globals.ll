; fixture: external libc globals @stdout/@stderr (loaded as FILE*) used with fputs/fputc/fprintf/fflush/fwrite; ordering between printf and fputs on stdout is preserved; stderr output is not part of the expected stdout
; exit: 46
; stdout: line one via fputs(stdout)
; stdout: line two via printf, n=2
; stdout: fprintf(stdout): abc 3
; stdout: fwrite bytes|ABCDE

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@stdout = external global ptr
@stderr = external global ptr
@l1 = private unnamed_addr constant [28 x i8] c"line one via fputs(stdout)\0A\00"
@l2 = private unnamed_addr constant [27 x i8] c"line two via printf, n=%d\0A\00"
@l3 = private unnamed_addr constant [40 x i8] c"this goes to stderr and is not checked\0A\00"
@l4 = private unnamed_addr constant [24 x i8] c"fprintf(stdout): %s %d\0A\00"
@l5 = private unnamed_addr constant [14 x i8] c"fwrite bytes|\00"
@w = private unnamed_addr constant [4 x i8] c"abc\00"

declare i32 @fputs(ptr, ptr)
declare i32 @fputc(i32, ptr)
declare i32 @fflush(ptr)
declare i32 @printf(ptr, ...)
declare i32 @fprintf(ptr, ptr, ...)
declare i64 @fwrite(ptr, i64, i64, ptr)

define i32 @main() {
entry:
  %out = load ptr, ptr @stdout, align 8
  %err = load ptr, ptr @stderr, align 8
  %r1 = call i32 @fputs(ptr @l1, ptr %out)
  %r2 = call i32 (ptr, ...) @printf(ptr @l2, i32 2)
  %r3 = call i32 @fputs(ptr @l3, ptr %err)
  %f1 = call i32 @fflush(ptr %err)
  %r4 = call i32 (ptr, ptr, ...) @fprintf(ptr %out, ptr @l4, ptr @w, i32 3)
  %nw = call i64 @fwrite(ptr @l5, i64 1, i64 13, ptr %out)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %ch = add i32 %i, 65
  %c = call i32 @fputc(i32 %ch, ptr %out)
  %i1 = add i32 %i, 1
  %more = icmp ult i32 %i1, 5
  br i1 %more, label %loop, label %done
done:
  %nl = call i32 @fputc(i32 10, ptr %out)
  %f2 = call i32 @fflush(ptr %out)
  %f3 = call i32 @fflush(ptr null)
  %sameptr = icmp eq ptr %out, %err
  %sz = zext i1 %sameptr to i32
  %nwt = trunc i64 %nw to i32
  %s1 = add i32 %nwt, %r4
  %s2 = add i32 %s1, %f2
  %s3 = add i32 %s2, %sz
  %s4 = add i32 %s3, %nl
  ret i32 %s4
}
