; fixture: global aliases - alias of a variable, alias with a different value type than its aliasee (i64 alias of a [4 x i64] global, accessed with geps), private/internal aliases, alias of a function called directly and through a pointer, alias identity comparisons
; exit: 255
; stdout: via alias=42 via orig after alias store=7 internal alias=7
; stdout: third=300 arr[2] after store=333 priv_arr[3]=400
; stdout: func alias direct=82 indirect=122 same_addr=1 same_elem=1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@g = global i32 42
@arr = global [4 x i64] [i64 100, i64 200, i64 300, i64 400]
@a = alias i32, ptr @g
@a_int = internal alias i32, ptr @g
@first = alias i64, ptr @arr
@priv_arr = private alias [4 x i64], ptr @arr
@fmt1 = private unnamed_addr constant [62 x i8] c"via alias=%d via orig after alias store=%d internal alias=%d\0A\00"
@fmt2 = private unnamed_addr constant [50 x i8] c"third=%ld arr[2] after store=%ld priv_arr[3]=%ld\0A\00"
@fmt3 = private unnamed_addr constant [60 x i8] c"func alias direct=%d indirect=%d same_addr=%d same_elem=%d\0A\00"

declare i32 @printf(ptr, ...)

define i32 @square_plus(i32 %x) {
  %m = mul i32 %x, %x
  %r = add i32 %m, 1
  ret i32 %r
}
@sq_alias = alias i32 (i32), ptr @square_plus

define i32 @main() {
entry:
  %v1 = load i32, ptr @a, align 4
  store i32 7, ptr @a, align 4
  %v2 = load i32, ptr @g, align 4
  %v3 = load i32, ptr @a_int, align 4
  call i32 (ptr, ...) @printf(ptr @fmt1, i32 %v1, i32 %v2, i32 %v3)
  %thirdp = getelementptr inbounds i64, ptr @first, i64 2
  %t = load i64, ptr %thirdp, align 8
  store i64 333, ptr %thirdp, align 8
  %e2p = getelementptr inbounds [4 x i64], ptr @arr, i64 0, i64 2
  %e2 = load i64, ptr %e2p, align 8
  %p3 = getelementptr inbounds [4 x i64], ptr @priv_arr, i64 0, i64 3
  %e3 = load i64, ptr %p3, align 8
  call i32 (ptr, ...) @printf(ptr @fmt2, i64 %t, i64 %e2, i64 %e3)
  %d = call i32 @sq_alias(i32 9)
  %fp = select i1 true, ptr @sq_alias, ptr null
  %i = call i32 %fp(i32 11)
  %same = icmp eq ptr @a, @g
  %samez = zext i1 %same to i32
  %same2 = icmp eq ptr %thirdp, %e2p
  %same2z = zext i1 %same2 to i32
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %d, i32 %i, i32 %samez, i32 %same2z)
  %s1 = add i32 %v1, %v2
  %s2 = add i32 %s1, %d
  %s3 = add i32 %s2, %i
  %s4 = add i32 %s3, %samez
  %s5 = add i32 %s4, %same2z
  %m = and i32 %s5, 255
  ret i32 %m
}
