; fixture: `main(i32 %argc)` with a single parameter, as lli accepts it: argc is 1
; exit: 41
; stdout: argc=1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private constant [9 x i8] c"argc=%d\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main(i32 %argc) {
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %argc)
  %r = add i32 %argc, 40
  ret i32 %r
}
