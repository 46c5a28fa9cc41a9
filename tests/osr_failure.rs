//! A failed OSR compile is recorded in the stats, and the frame that asked for it keeps running in tier 0 without
//! calling the hotness hook again and again.

use tierlift::{Jit, Tier, TierMode};

/// A function name that is not UTF-8, which LLVM job modules refuse: every LLVM compile of `spin`, which refers to
/// that function (on a path never taken), fails.
const LOOP: &str = r#"
define void @"unusable\FFname"() {
  ret void
}

define i64 @spin(i64 %n) {
entry:
  %never = icmp eq i64 %n, -12345
  br i1 %never, label %unused, label %loop
unused:
  call void @"unusable\FFname"()
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ 0, %unused ], [ %i1, %loop ]
  %s = phi i64 [ 0, %entry ], [ 0, %unused ], [ %s2, %loop ]
  %s1 = mul i64 %s, 31
  %s2 = add i64 %s1, %i
  %i1 = add i64 %i, 1
  %more = icmp slt i64 %i1, %n
  br i1 %more, label %loop, label %exit
exit:
  ret i64 %s2
}
"#;

#[test]
fn failed_osr_compile_is_recorded_and_the_hook_goes_quiet() {
    let jit = Jit::builder().mode(TierMode::Tiered).call_threshold(1_000_000).loop_threshold(1).build();
    let module = jit.load_bytes(LOOP.as_bytes()).expect("load");
    // SAFETY: @spin is i64 (i64).
    let spin = unsafe { module.get_function::<extern "C" fn(i64) -> i64>("spin") }.expect("spin");
    let n = 2_000_000i64;
    let expected = (0..n).fold(0i64, |s, i| s.wrapping_mul(31).wrapping_add(i));
    assert_eq!(spin.call(n), expected);
    assert!(module.wait_idle(std::time::Duration::from_secs(30)));
    let stats = module.stats();
    let f = stats.function("spin").expect("stats of spin");
    assert_eq!(f.tier, Tier::Tier0);
    assert!(!f.failures.is_empty(), "no failed compile recorded: {f:?}");
    assert!(stats.totals.failures >= 1);
    assert!(stats.hook_calls < 5_000, "the hook ran {} times over {n} iterations", stats.hook_calls);
}

#[test]
fn failed_compiles_are_not_retried_at_every_call() {
    let jit = Jit::builder().mode(TierMode::Tiered).call_threshold(1).loop_threshold(10).build();
    let module = jit.load_bytes(LOOP.as_bytes()).expect("load");
    // SAFETY: @spin is i64 (i64).
    let spin = unsafe { module.get_function::<extern "C" fn(i64) -> i64>("spin") }.expect("spin");
    let mut total = 0i64;
    for i in 0..200_000 {
        total = total.wrapping_add(spin.call(i % 7));
    }
    let expected: i64 = (0..200_000i64)
        .map(|i| (0..(i % 7).max(1)).fold(0i64, |s, k| s.wrapping_mul(31).wrapping_add(k)))
        .fold(0, i64::wrapping_add);
    assert_eq!(total, expected);
    assert!(module.wait_idle(std::time::Duration::from_secs(30)));
    let stats = module.stats();
    let f = stats.function("spin").expect("stats of spin");
    assert_eq!(f.tier, Tier::Tier0);
    assert!(!f.failures.is_empty(), "no failed compile recorded: {f:?}");
    assert!(f.failures.len() <= 8, "{} failed compiles of one function", f.failures.len());
    // Before the compile fails the hook runs at the policy's thresholds (more often the longer the failing compile
    // takes, as on a loaded machine); afterwards never: far fewer hook calls than calls.
    assert!(stats.hook_calls < 20_000, "the hook ran {} times over 200000 calls", stats.hook_calls);
}
