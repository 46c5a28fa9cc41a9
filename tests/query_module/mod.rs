//! The query-like module the engine tests and `examples/engine_costs.rs` load by the thousand.

/// A query-like module: `run_<i>` loops over its argument and calls a helper (each query's entry has its own
/// name: modules alive together in one engine may not define one name twice).
pub fn query(i: usize) -> String {
    format!(
        "@k = internal global i64 {i}\n\
         define internal i64 @helper(i64 %x) {{\n  %k = load i64, ptr @k\n  %y = mul i64 %x, %k\n  ret i64 %y\n}}\n\
         define i64 @run_{i}(i64 %n) {{\nentry:\n  br label %loop\nloop:\n  \
         %i = phi i64 [ 0, %entry ], [ %next, %loop ]\n  %acc = phi i64 [ 0, %entry ], [ %sum, %loop ]\n  \
         %h = call i64 @helper(i64 %i)\n  %sum = add i64 %acc, %h\n  %next = add i64 %i, 1\n  \
         %done = icmp sge i64 %next, %n\n  br i1 %done, label %exit, label %loop\nexit:\n  ret i64 %sum\n}}\n"
    )
}

/// What module `i`'s `run_<i>(n)` returns.
pub fn expected(i: usize, n: i64) -> i64 {
    (0..n).map(|x| x * i as i64).sum()
}
