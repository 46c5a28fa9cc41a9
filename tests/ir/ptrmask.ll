; fixture: llvm.ptrmask clears the low bits of a pointer (as clang's va_arg of a 16-byte-aligned type does)
; exit: 24

declare ptr @llvm.ptrmask.p0.i64(ptr, i64)

@buf = global [64 x i8] zeroinitializer, align 64

define i32 @main() {
  %p = getelementptr i8, ptr @buf, i64 27
  %m = call ptr @llvm.ptrmask.p0.i64(ptr %p, i64 -16)
  %a = ptrtoint ptr %m to i64
  %b = ptrtoint ptr @buf to i64
  %d = sub i64 %a, %b
  %q = getelementptr i8, ptr @buf, i64 31
  %m2 = call ptr @llvm.ptrmask.p0.i64(ptr %q, i64 -8)
  %a2 = ptrtoint ptr %m2 to i64
  %d2 = sub i64 %a2, %b
  %s = add i64 %d, %d2
  %s1 = sub i64 %s, 16
  %r = trunc i64 %s1 to i32
  ret i32 %r
}
