; fixture: static constructors and destructors typed `i32 ()` (older front ends): run like `void ()` ones, their results ignored
; exit: 7
; stdout: ctor 1
; stdout: main 1
; stdout: dtor

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @init, ptr null }]
@llvm.global_dtors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @fini, ptr null }]
@state = internal global i32 0
@f1 = private constant [9 x i8] c"ctor %d\0A\00"
@f2 = private constant [9 x i8] c"main %d\0A\00"
@f3 = private constant [6 x i8] c"dtor\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @init() {
  store i32 1, ptr @state
  %r = call i32 (ptr, ...) @printf(ptr @f1, i32 1)
  ret i32 %r
}

define internal i32 @fini() {
  %r = call i32 (ptr, ...) @printf(ptr @f3)
  ret i32 99
}

define i32 @main() {
  %s = load i32, ptr @state
  call i32 (ptr, ...) @printf(ptr @f2, i32 %s)
  %r = add i32 %s, 6
  ret i32 %r
}
