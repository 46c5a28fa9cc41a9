; fixture: thread-local globals used directly (loads, stores, constant GEPs, a pointer returned), without llvm.threadlocal.address; another thread sees its own copy
; exit: 23
; stdout: tls 5 7 12
; stdout: thread 105 main 12

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@counter = internal thread_local global i32 5
@pair = thread_local global [2 x i32] [i32 3, i32 4]
@fmt = private constant [14 x i8] c"tls %d %d %d\0A\00"
@fmt2 = private constant [19 x i8] c"thread %d main %d\0A\00"

declare i32 @printf(ptr, ...)
declare i32 @pthread_create(ptr, ptr, ptr, ptr)
declare i32 @pthread_join(i64, ptr)

define internal ptr @addr() {
  ret ptr @counter
}

define internal ptr @worker(ptr %arg) {
  %c = load i32, ptr @counter
  %c1 = add i32 %c, 100
  store i32 %c1, ptr getelementptr inbounds ([2 x i32], ptr @pair, i64 0, i64 1)
  %v = load i32, ptr getelementptr inbounds ([2 x i32], ptr @pair, i64 0, i64 1)
  %p = inttoptr i32 %v to ptr
  ret ptr %p
}

define i32 @main() {
  %c = load i32, ptr @counter
  %p1 = getelementptr [2 x i32], ptr @pair, i64 0, i64 1
  %b = load i32, ptr %p1
  %a = load i32, ptr @pair
  %s = add i32 %a, %b
  %q = call ptr @addr()
  %c2 = load i32, ptr %q
  %t = add i32 %c2, %s
  store i32 %t, ptr @counter
  %c3 = load i32, ptr @counter
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %c, i32 %s, i32 %c3)
  %tid = alloca i64
  %ret = alloca ptr
  call i32 @pthread_create(ptr %tid, ptr null, ptr @worker, ptr null)
  %id = load i64, ptr %tid
  call i32 @pthread_join(i64 %id, ptr %ret)
  %rp = load ptr, ptr %ret
  %rv = ptrtoint ptr %rp to i32
  %mine = load i32, ptr @counter
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %rv, i32 %mine)
  %r = add i32 %c3, 11
  ret i32 %r
}
