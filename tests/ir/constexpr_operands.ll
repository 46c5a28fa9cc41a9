; fixture: constant expressions - getelementptr/ptrtoint/inttoptr/sub/add/trunc constexprs in global initializers and as instruction operands (load/store/icmp/call args), incl. the sizeof/offsetof-via-null-gep idiom
; exit: 180
; stdout: globals: *p_third=30 span=20 sizeof(S)=40 offsetof(S.f3[4])=36
; stdout: table: 10 20 60 mixed: 20 1016 24
; stdout: operands: load=50 stored=777 eq=1 ne=1 call=25 inttoptr=60

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%S = type { i8, i64, i16, [5 x i32] }

@arr = internal global [6 x i32] [i32 10, i32 20, i32 30, i32 40, i32 50, i32 60]
@p_third = internal global ptr getelementptr inbounds ([6 x i32], ptr @arr, i64 0, i64 2)
@span = internal global i64 sub (i64 ptrtoint (ptr getelementptr ([6 x i32], ptr @arr, i64 0, i64 5) to i64), i64 ptrtoint (ptr @arr to i64))
@sizeof_s = internal global i64 ptrtoint (ptr getelementptr (%S, ptr null, i32 1) to i64)
@offsetof_s2 = internal global i64 ptrtoint (ptr getelementptr (%S, ptr null, i32 0, i32 3, i32 4) to i64)
@table = internal global [3 x ptr] [ptr @arr, ptr getelementptr (i8, ptr @arr, i64 4), ptr getelementptr (i32, ptr @arr, i64 5)]
@mixed = internal global { ptr, i64, i32 } { ptr getelementptr inbounds ([6 x i32], ptr @arr, i64 0, i64 1), i64 add (i64 ptrtoint (ptr getelementptr (%S, ptr null, i32 0, i32 2) to i64), i64 1000), i32 trunc (i64 sub (i64 ptrtoint (ptr getelementptr ([6 x i32], ptr @arr, i64 1, i64 0) to i64), i64 ptrtoint (ptr @arr to i64)) to i32) }
@fmt1 = private unnamed_addr constant [67 x i8] c"globals: *p_third=%d span=%ld sizeof(S)=%ld offsetof(S.f3[4])=%ld\0A\00"
@fmt2 = private unnamed_addr constant [34 x i8] c"table: %d %d %d mixed: %d %ld %d\0A\00"
@fmt3 = private unnamed_addr constant [61 x i8] c"operands: load=%d stored=%d eq=%d ne=%d call=%d inttoptr=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @deref_plus(ptr %p, i32 %k) {
  %v = load i32, ptr %p, align 4
  %r = add i32 %v, %k
  ret i32 %r
}

define i32 @main() {
entry:
  %pt = load ptr, ptr @p_third, align 8
  %v3 = load i32, ptr %pt, align 4
  %span = load i64, ptr @span, align 8
  %sz = load i64, ptr @sizeof_s, align 8
  %of = load i64, ptr @offsetof_s2, align 8
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %v3, i64 %span, i64 %sz, i64 %of)
  %t0 = load ptr, ptr @table, align 8
  %t1 = load ptr, ptr getelementptr inbounds ([3 x ptr], ptr @table, i64 0, i64 1), align 8
  %t2 = load ptr, ptr getelementptr inbounds ([3 x ptr], ptr @table, i64 0, i64 2), align 8
  %tv0 = load i32, ptr %t0, align 4
  %tv1 = load i32, ptr %t1, align 4
  %tv2 = load i32, ptr %t2, align 4
  %m0 = load ptr, ptr @mixed, align 8
  %mv0 = load i32, ptr %m0, align 4
  %m1 = load i64, ptr getelementptr inbounds ({ ptr, i64, i32 }, ptr @mixed, i32 0, i32 1), align 8
  %m2 = load i32, ptr getelementptr inbounds ({ ptr, i64, i32 }, ptr @mixed, i32 0, i32 2), align 4
  call i32 (ptr, ...) @printf(ptr @fmt2, i32 %tv0, i32 %tv1, i32 %tv2, i32 %mv0, i64 %m1, i32 %m2)
  ; constexpr operands directly in instructions
  %ld = load i32, ptr getelementptr inbounds ([6 x i32], ptr @arr, i64 0, i64 4), align 4
  store i32 777, ptr getelementptr inbounds ([6 x i32], ptr @arr, i64 0, i64 3), align 4
  %st = load i32, ptr getelementptr (i8, ptr @arr, i64 12), align 4
  %eq = icmp eq ptr %pt, getelementptr inbounds ([6 x i32], ptr @arr, i64 0, i64 2)
  %ne = icmp ne ptr %t2, getelementptr inbounds ([6 x i32], ptr @arr, i64 0, i64 4)
  %eqz = zext i1 %eq to i32
  %nez = zext i1 %ne to i32
  %cv = call i32 @deref_plus(ptr getelementptr inbounds ([6 x i32], ptr @arr, i64 0, i64 1), i32 5)
  %ip = load i32, ptr inttoptr (i64 add (i64 ptrtoint (ptr @arr to i64), i64 20) to ptr), align 4
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %ld, i32 %st, i32 %eqz, i32 %nez, i32 %cv, i32 %ip)
  %s1 = add i32 %v3, %tv2
  %s2 = add i32 %s1, %m2
  %s3 = add i32 %s2, %cv
  %s4 = trunc i64 %sz to i32
  %s5 = add i32 %s3, %s4
  %s6 = add i32 %s5, %eqz
  %m = and i32 %s6, 255
  ret i32 %m
}
