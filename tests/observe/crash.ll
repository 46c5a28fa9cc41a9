; main -> outer -> middle -> leaf; leaf stores through the pointer it is given. main calls outer 300,000 times
; with a valid pointer (enough for the hot functions to reach LLVM O3 when tiered), then, only when given an
; argument (`run_bitcode FILE crash`), once with the address 8: a SIGSEGV three JIT frames deep. Each function
; uses its callee's result, so no call becomes a tail call that would drop a frame, and calls its callee through
; a pointer read with a volatile load, so no tier can inline it (unless PGO promotes the indirect call to a direct
; one: the tests that count frames turn it off). Exit code 0 without argument.

@to_middle = global ptr @middle
@to_leaf = global ptr @leaf
@to_outer = global ptr @outer

define i32 @leaf(ptr %p, i32 %v) {
  store volatile i32 %v, ptr %p
  %r = add i32 %v, 3
  ret i32 %r
}

define i32 @middle(ptr %p, i32 %v) {
  %w = mul i32 %v, 5
  %callee = load volatile ptr, ptr @to_leaf
  %r = call i32 %callee(ptr %p, i32 %w)
  %s = xor i32 %r, %v
  ret i32 %s
}

define i32 @outer(ptr %p, i32 %v) {
  %w = add i32 %v, 7
  %callee = load volatile ptr, ptr @to_middle
  %r = call i32 %callee(ptr %p, i32 %w)
  %s = sub i32 %r, %v
  ret i32 %s
}

define i32 @main(i32 %argc, ptr %argv) {
entry:
  %slot = alloca i32
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i32 [ 0, %entry ], [ %acc.next, %loop ]
  %callee = load volatile ptr, ptr @to_outer
  %r = call i32 %callee(ptr %slot, i32 %i)
  %acc.next = add i32 %acc, %r
  %i.next = add i32 %i, 1
  %more = icmp slt i32 %i.next, 300000
  br i1 %more, label %loop, label %done
done:
  %asked = icmp sgt i32 %argc, 1
  br i1 %asked, label %crash, label %exit
exit:
  ret i32 0
crash:
  %bad = inttoptr i32 8 to ptr
  %callee.last = load volatile ptr, ptr @to_outer
  %last = call i32 %callee.last(ptr %bad, i32 %acc.next)
  ret i32 %last
}
