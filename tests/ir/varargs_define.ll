; fixture: variadic function definitions - llvm.va_start/llvm.va_end/llvm.va_copy with the va_arg instruction (i32, i64, double, ptr) and with clang-style manual x86-64 va_list walking ([1 x {i32,i32,ptr,ptr}]: gp_offset, fp_offset, overflow_arg_area, reg_save_area), incl. stack-passed varargs
; exit: 125
; stdout: va_arg sum_i32(5)=15 sum_i32(10)=1050
; stdout: va_arg mixed: 1132.9375  copy-pass: 104
; stdout: manual sum_ints(12)=78 sum_doubles(10)=50.000
; stdout: strings: alpha-beta-gamma

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.__va_list_tag = type { i32, i32, ptr, ptr }

@f1 = private unnamed_addr constant [37 x i8] c"va_arg sum_i32(5)=%d sum_i32(10)=%d\0A\00"
@f2 = private unnamed_addr constant [36 x i8] c"va_arg mixed: %.4f  copy-pass: %ld\0A\00"
@f3 = private unnamed_addr constant [46 x i8] c"manual sum_ints(12)=%ld sum_doubles(10)=%.3f\0A\00"
@f4 = private unnamed_addr constant [13 x i8] c"strings: %s\0A\00"
@sa = private unnamed_addr constant [6 x i8] c"alpha\00"
@sb = private unnamed_addr constant [6 x i8] c"-beta\00"
@sc = private unnamed_addr constant [7 x i8] c"-gamma\00"

declare i32 @printf(ptr, ...)
declare void @llvm.va_start.p0(ptr)
declare void @llvm.va_end.p0(ptr)
declare void @llvm.va_copy.p0(ptr, ptr)
declare ptr @strcat(ptr, ptr)

; sum of n i32 varargs using the va_arg instruction
define internal i32 @sum_i32(i32 %n, ...) {
entry:
  %ap = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_start.p0(ptr %ap)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i32 [ 0, %entry ], [ %s1, %loop ]
  %v = va_arg ptr %ap, i32
  %s1 = add i32 %s, %v
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  call void @llvm.va_end.p0(ptr %ap)
  ret i32 %s1
}

; format string of 'i' (i64), 'd' (double), 'p' (ptr to i32): returns a double accumulation, and
; via va_copy walks the list a second time summing only the integers
define internal double @mixed(ptr %fmt, ptr %intsum, ...) {
entry:
  %ap = alloca [1 x %struct.__va_list_tag], align 16
  %ap2 = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_start.p0(ptr %ap)
  call void @llvm.va_copy.p0(ptr %ap2, ptr %ap)
  br label %loop
loop:
  %p = phi ptr [ %fmt, %entry ], [ %p1, %next ]
  %acc = phi double [ 0.0, %entry ], [ %acc1, %next ]
  %ch = load i8, ptr %p, align 1
  switch i8 %ch, label %end [
    i8 105, label %is_i
    i8 100, label %is_d
    i8 112, label %is_p
  ]
is_i:
  %vi = va_arg ptr %ap, i64
  %vif = sitofp i64 %vi to double
  br label %next
is_d:
  %vd = va_arg ptr %ap, double
  br label %next
is_p:
  %vp = va_arg ptr %ap, ptr
  %vpv = load i32, ptr %vp, align 4
  %vpf = sitofp i32 %vpv to double
  br label %next
next:
  %add = phi double [ %vif, %is_i ], [ %vd, %is_d ], [ %vpf, %is_p ]
  %acc1 = fadd double %acc, %add
  %p1 = getelementptr inbounds i8, ptr %p, i64 1
  br label %loop
end:
  call void @llvm.va_end.p0(ptr %ap)
  br label %loop2
loop2:
  %q = phi ptr [ %fmt, %end ], [ %q1, %next2 ]
  %isum = phi i64 [ 0, %end ], [ %isum1, %next2 ]
  %ch2 = load i8, ptr %q, align 1
  switch i8 %ch2, label %end2 [
    i8 105, label %c_i
    i8 100, label %c_d
    i8 112, label %c_p
  ]
c_i:
  %wi = va_arg ptr %ap2, i64
  br label %next2
c_d:
  %wd = va_arg ptr %ap2, double
  br label %next2
c_p:
  %wp = va_arg ptr %ap2, ptr
  br label %next2
next2:
  %inc = phi i64 [ %wi, %c_i ], [ 0, %c_d ], [ 0, %c_p ]
  %isum1 = add i64 %isum, %inc
  %q1 = getelementptr inbounds i8, ptr %q, i64 1
  br label %loop2
end2:
  call void @llvm.va_end.p0(ptr %ap2)
  store i64 %isum, ptr %intsum, align 8
  ret double %acc
}

; clang -O1 style: manual gp_offset/overflow_arg_area walking for ints
define internal i64 @sum_ints_manual(i32 %n, ...) {
entry:
  %ap = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_start.p0(ptr %ap)
  %gp_off_p = getelementptr inbounds %struct.__va_list_tag, ptr %ap, i64 0, i32 0
  %ovf_p = getelementptr inbounds %struct.__va_list_tag, ptr %ap, i64 0, i32 2
  %regs_p = getelementptr inbounds %struct.__va_list_tag, ptr %ap, i64 0, i32 3
  %regs = load ptr, ptr %regs_p, align 16
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %got ]
  %s = phi i64 [ 0, %entry ], [ %s1, %got ]
  %gp = load i32, ptr %gp_off_p, align 16
  %inregs = icmp ult i32 %gp, 41
  br i1 %inregs, label %fromreg, label %fromstack
fromreg:
  %gpz = zext i32 %gp to i64
  %ra = getelementptr i8, ptr %regs, i64 %gpz
  %gp8 = add i32 %gp, 8
  store i32 %gp8, ptr %gp_off_p, align 16
  br label %got
fromstack:
  %ov = load ptr, ptr %ovf_p, align 8
  %ov8 = getelementptr i8, ptr %ov, i64 8
  store ptr %ov8, ptr %ovf_p, align 8
  br label %got
got:
  %addr = phi ptr [ %ra, %fromreg ], [ %ov, %fromstack ]
  %v = load i32, ptr %addr, align 4
  %vw = sext i32 %v to i64
  %s1 = add i64 %s, %vw
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  call void @llvm.va_end.p0(ptr %ap)
  ret i64 %s1
}

; clang -O1 style: manual fp_offset walking for doubles (fp regs at offsets 48..175)
define internal double @sum_doubles_manual(i32 %n, ...) {
entry:
  %ap = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_start.p0(ptr %ap)
  %fp_off_p = getelementptr inbounds %struct.__va_list_tag, ptr %ap, i64 0, i32 1
  %ovf_p = getelementptr inbounds %struct.__va_list_tag, ptr %ap, i64 0, i32 2
  %regs_p = getelementptr inbounds %struct.__va_list_tag, ptr %ap, i64 0, i32 3
  %regs = load ptr, ptr %regs_p, align 16
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %got ]
  %s = phi double [ 0.0, %entry ], [ %s1, %got ]
  %fp = load i32, ptr %fp_off_p, align 4
  %inregs = icmp ult i32 %fp, 161
  br i1 %inregs, label %fromreg, label %fromstack
fromreg:
  %fpz = zext i32 %fp to i64
  %ra = getelementptr i8, ptr %regs, i64 %fpz
  %fp16 = add i32 %fp, 16
  store i32 %fp16, ptr %fp_off_p, align 4
  br label %got
fromstack:
  %ov = load ptr, ptr %ovf_p, align 8
  %ov8 = getelementptr i8, ptr %ov, i64 8
  store ptr %ov8, ptr %ovf_p, align 8
  br label %got
got:
  %addr = phi ptr [ %ra, %fromreg ], [ %ov, %fromstack ]
  %v = load double, ptr %addr, align 8
  %s1 = fadd double %s, %v
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  call void @llvm.va_end.p0(ptr %ap)
  ret double %s1
}

; concatenates a null-terminated list of string varargs into %dst
define internal void @concat(ptr %dst, ...) {
entry:
  %ap = alloca [1 x %struct.__va_list_tag], align 16
  call void @llvm.va_start.p0(ptr %ap)
  store i8 0, ptr %dst, align 1
  br label %loop
loop:
  %s = va_arg ptr %ap, ptr
  %isnull = icmp eq ptr %s, null
  br i1 %isnull, label %done, label %append
append:
  %r = call ptr @strcat(ptr %dst, ptr %s)
  br label %loop
done:
  call void @llvm.va_end.p0(ptr %ap)
  ret void
}

@mfmt = private unnamed_addr constant [15 x i8] c"idpidddddddidd\00"
@k1 = internal global i32 1000
@k2 = internal global i32 -20

define i32 @main() {
entry:
  %isum = alloca i64, align 8
  %buf = alloca [64 x i8], align 1
  %a = call i32 (i32, ...) @sum_i32(i32 5, i32 1, i32 2, i32 3, i32 4, i32 5)
  %b = call i32 (i32, ...) @sum_i32(i32 10, i32 10, i32 -20, i32 30, i32 -40, i32 50, i32 -60, i32 70, i32 -80, i32 90, i32 1000)
  call i32 (ptr, ...) @printf(ptr @f1, i32 %a, i32 %b)
  %m = call double (ptr, ptr, ...) @mixed(ptr @mfmt, ptr %isum, i64 7, double 0.5, ptr @k1, i64 -3, double 1.25, double 2.0, double 3.0, double 4.0, double 5.0, double 6.0, double 7.0, i64 100, double 0.125, double 0.0625)
  %is = load i64, ptr %isum, align 8
  call i32 (ptr, ...) @printf(ptr @f2, double %m, i64 %is)
  %c = call i64 (i32, ...) @sum_ints_manual(i32 12, i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7, i32 8, i32 9, i32 10, i32 11, i32 12)
  %d = call double (i32, ...) @sum_doubles_manual(i32 10, double 0.5, double 1.5, double 2.5, double 3.5, double 4.5, double 5.5, double 6.5, double 7.5, double 8.5, double 9.5)
  call i32 (ptr, ...) @printf(ptr @f3, i64 %c, double %d)
  call void (ptr, ...) @concat(ptr %buf, ptr @sa, ptr @sb, ptr @sc, ptr null)
  call i32 (ptr, ...) @printf(ptr @f4, ptr %buf)
  %ct = trunc i64 %c to i32
  %is32 = trunc i64 %is to i32
  %t1 = add i32 %a, %b
  %t2 = add i32 %t1, %ct
  %t3 = add i32 %t2, %is32
  %di = fptosi double %d to i32
  %t4 = add i32 %t3, %di
  %mi = fptosi double %m to i32
  %t5 = add i32 %t4, %mi
  %r = and i32 %t5, 255
  ret i32 %r
}
