; fixture: main(i32 %argc, ptr %argv) - run with no extra arguments so argc == 1 and argv[argc] == null; exit code computed from argc (argv[0] text is not inspected)
; exit: 42
; stdout: argc=1 argv[argc]==NULL:1 argv[0]!=NULL:1

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [46 x i8] c"argc=%d argv[argc]==NULL:%d argv[0]!=NULL:%d\0A\00"

declare i32 @printf(ptr, ...)

define i32 @main(i32 %argc, ptr %argv) {
entry:
  %idx = sext i32 %argc to i64
  %pp = getelementptr inbounds ptr, ptr %argv, i64 %idx
  %last = load ptr, ptr %pp, align 8
  %isnull = icmp eq ptr %last, null
  %nz = zext i1 %isnull to i32
  %a0 = load ptr, ptr %argv, align 8
  %a0nn = icmp ne ptr %a0, null
  %a0z = zext i1 %a0nn to i32
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %argc, i32 %nz, i32 %a0z)
  %many = icmp sgt i32 %argc, 5
  br i1 %many, label %big, label %small
big:
  ret i32 200
small:
  %r1 = mul i32 %argc, 40
  %r2 = add i32 %r1, %nz
  %r3 = add i32 %r2, %a0z
  ret i32 %r3
}
