; fixture: byval struct arguments (callee gets a private copy; caller's object must be unchanged) and sret struct returns, in the shape clang emits for structs larger than 16 bytes, incl. byval on the stack after 6 register args
; exit: 82
; stdout: orig after call: 10 -20 30 -40 1.25 7
; stdout: result: -60 119 -182 237 5.00 8
; stdout: sum_big=185 chained=0 many_args=209809

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%Big = type { [4 x i64], double, i32 }

@fmt1 = private unnamed_addr constant [42 x i8] c"orig after call: %ld %ld %ld %ld %.2f %d\0A\00"
@fmt2 = private unnamed_addr constant [33 x i8] c"result: %ld %ld %ld %ld %.2f %d\0A\00"
@fmt3 = private unnamed_addr constant [39 x i8] c"sum_big=%ld chained=%ld many_args=%ld\0A\00"

declare i32 @printf(ptr, ...)
declare void @llvm.memcpy.p0.p0.i64(ptr noalias nocapture writeonly, ptr noalias nocapture readonly, i64, i1 immarg)

; Big transform(Big x, int k): modifies x in place (its own copy) and returns it via sret
define internal void @transform(ptr noalias sret(%Big) align 8 %out, ptr byval(%Big) align 8 %x, i32 %k) {
entry:
  %kw = sext i32 %k to i64
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %p = getelementptr inbounds %Big, ptr %x, i64 0, i32 0, i64 %i
  %v = load i64, ptr %p, align 8
  %v2 = mul i64 %v, %kw
  %v3 = add i64 %v2, %i
  store i64 %v3, ptr %p, align 8
  %i1 = add i64 %i, 1
  %c = icmp ult i64 %i1, 4
  br i1 %c, label %loop, label %done
done:
  %dp = getelementptr inbounds %Big, ptr %x, i64 0, i32 1
  %d = load double, ptr %dp, align 8
  %d2 = fmul double %d, 2.0
  store double %d2, ptr %dp, align 8
  %tp = getelementptr inbounds %Big, ptr %x, i64 0, i32 2
  %t = load i32, ptr %tp, align 8
  %t2 = add i32 %t, %k
  store i32 %t2, ptr %tp, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 %out, ptr align 8 %x, i64 48, i1 false)
  ret void
}

define internal i64 @sum_big(ptr byval(%Big) align 8 %x) {
entry:
  %p0 = getelementptr inbounds %Big, ptr %x, i64 0, i32 0, i64 0
  %p3 = getelementptr inbounds %Big, ptr %x, i64 0, i32 0, i64 3
  %a = load i64, ptr %p0, align 8
  %b = load i64, ptr %p3, align 8
  ; clobber the copy
  store i64 -1, ptr %p0, align 8
  %tp = getelementptr inbounds %Big, ptr %x, i64 0, i32 2
  %t = load i32, ptr %tp, align 8
  %tw = sext i32 %t to i64
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %tw
  ret i64 %s2
}

; byval after six integer register arguments: passed in memory after the register args
define internal i64 @many(i64 %a, i64 %b, i64 %c, i64 %d, i64 %e, i64 %f, ptr byval(%Big) align 8 %x, i64 %g) {
  %p1 = getelementptr inbounds %Big, ptr %x, i64 0, i32 0, i64 1
  %v = load i64, ptr %p1, align 8
  %s1 = add i64 %a, %b
  %s2 = add i64 %s1, %c
  %s3 = add i64 %s2, %d
  %s4 = add i64 %s3, %e
  %s5 = add i64 %s4, %f
  %s6 = mul i64 %s5, 1000
  %s7 = add i64 %s6, %v
  %s8 = mul i64 %s7, 10
  %s9 = add i64 %s8, %g
  ret i64 %s9
}

define i32 @main() {
entry:
  %orig = alloca %Big, align 8
  %res = alloca %Big, align 8
  %res2 = alloca %Big, align 8
  %e0 = getelementptr inbounds %Big, ptr %orig, i64 0, i32 0, i64 0
  store i64 10, ptr %e0, align 8
  %e1 = getelementptr inbounds %Big, ptr %orig, i64 0, i32 0, i64 1
  store i64 -20, ptr %e1, align 8
  %e2 = getelementptr inbounds %Big, ptr %orig, i64 0, i32 0, i64 2
  store i64 30, ptr %e2, align 8
  %e3 = getelementptr inbounds %Big, ptr %orig, i64 0, i32 0, i64 3
  store i64 -40, ptr %e3, align 8
  %ed = getelementptr inbounds %Big, ptr %orig, i64 0, i32 1
  store double 1.25, ptr %ed, align 8
  %et = getelementptr inbounds %Big, ptr %orig, i64 0, i32 2
  store i32 7, ptr %et, align 8
  call void @transform(ptr sret(%Big) align 8 %res, ptr byval(%Big) align 8 %orig, i32 3)
  call void @transform(ptr sret(%Big) align 8 %res2, ptr byval(%Big) align 8 %res, i32 -2)
  %o0 = load i64, ptr %e0, align 8
  %o1 = load i64, ptr %e1, align 8
  %o2 = load i64, ptr %e2, align 8
  %o3 = load i64, ptr %e3, align 8
  %od = load double, ptr %ed, align 8
  %ot = load i32, ptr %et, align 8
  call i32 (ptr, ...) @printf(ptr @fmt1, i64 %o0, i64 %o1, i64 %o2, i64 %o3, double %od, i32 %ot)
  %r0p = getelementptr inbounds %Big, ptr %res2, i64 0, i32 0, i64 0
  %r1p = getelementptr inbounds %Big, ptr %res2, i64 0, i32 0, i64 1
  %r2p = getelementptr inbounds %Big, ptr %res2, i64 0, i32 0, i64 2
  %r3p = getelementptr inbounds %Big, ptr %res2, i64 0, i32 0, i64 3
  %rdp = getelementptr inbounds %Big, ptr %res2, i64 0, i32 1
  %rtp = getelementptr inbounds %Big, ptr %res2, i64 0, i32 2
  %r0 = load i64, ptr %r0p, align 8
  %r1 = load i64, ptr %r1p, align 8
  %r2 = load i64, ptr %r2p, align 8
  %r3 = load i64, ptr %r3p, align 8
  %rd = load double, ptr %rdp, align 8
  %rt = load i32, ptr %rtp, align 8
  call i32 (ptr, ...) @printf(ptr @fmt2, i64 %r0, i64 %r1, i64 %r2, i64 %r3, double %rd, i32 %rt)
  %sb = call i64 @sum_big(ptr byval(%Big) align 8 %res2)
  %sb2 = call i64 @sum_big(ptr byval(%Big) align 8 %res2)
  %chk = sub i64 %sb2, %sb
  %mn = call i64 @many(i64 1, i64 2, i64 3, i64 4, i64 5, i64 6, ptr byval(%Big) align 8 %orig, i64 9)
  call i32 (ptr, ...) @printf(ptr @fmt3, i64 %sb, i64 %chk, i64 %mn)
  %t1 = trunc i64 %sb to i32
  %t2 = add i32 %t1, %rt
  %t3 = trunc i64 %mn to i32
  %t4 = add i32 %t2, %t3
  %m = and i32 %t4, 255
  ret i32 %m
}
