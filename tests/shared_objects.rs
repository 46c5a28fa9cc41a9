//! Small functions that get hot together are compiled into one LLVM object file (code generation and linking
//! cost about a millisecond per object whatever its size), and each still runs and is freed as its own version.

use std::time::{Duration, Instant};
use tierlift::{Jit, Tier};

/// Six small functions and a driver that calls each of them once per iteration: they cross the call threshold
/// in the same iteration, and their jobs wait in the queue together.
const MODULE: &str = r#"
define i64 @f0(i64 %x) {
  %r = add i64 %x, 3
  ret i64 %r
}
define i64 @f1(i64 %x) {
  %r = mul i64 %x, 5
  ret i64 %r
}
define i64 @f2(i64 %x) {
  %r = xor i64 %x, 1234
  ret i64 %r
}
define i64 @f3(i64 %x) {
  %r = sub i64 100, %x
  ret i64 %r
}
define i64 @f4(i64 %x) {
  %s = shl i64 %x, 2
  %r = or i64 %s, 1
  ret i64 %r
}
define i64 @f5(i64 %x) {
  %c = icmp slt i64 %x, 50
  %r = select i1 %c, i64 %x, i64 50
  ret i64 %r
}
define i64 @run(i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc6, %loop ]
  %a0 = call i64 @f0(i64 %i)
  %acc1 = add i64 %acc, %a0
  %a1 = call i64 @f1(i64 %i)
  %acc2 = add i64 %acc1, %a1
  %a2 = call i64 @f2(i64 %i)
  %acc3 = add i64 %acc2, %a2
  %a3 = call i64 @f3(i64 %i)
  %acc4 = add i64 %acc3, %a3
  %a4 = call i64 @f4(i64 %i)
  %acc5 = add i64 %acc4, %a4
  %a5 = call i64 @f5(i64 %i)
  %acc6 = add i64 %acc5, %a5
  %i1 = add i64 %i, 1
  %done = icmp eq i64 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i64 %acc6
}
"#;

fn run(n: i64) -> i64 {
    (0..n).map(|i| (i + 3) + i * 5 + (i ^ 1234) + (100 - i) + ((i << 2) | 1) + i.min(50)).sum()
}

#[test]
fn small_functions_hot_together_share_an_object_and_are_freed_one_by_one() {
    // The first job waits 100 ms on the worker, so the other five are queued behind it when it starts. No OSR
    // and a high loop threshold: `run` itself stays in tier 0 and keeps calling the six through their slots.
    let jit = Jit::builder()
        .call_threshold(50)
        .loop_threshold(1_000_000_000)
        .osr(false)
        .worker_delay(Duration::from_millis(100))
        .free_code_eagerly(true)
        .trace(std::env::temp_dir().join(format!("tierlift-shared-objects-{}.json", std::process::id())))
        .build();
    let m = jit.load_bytes(MODULE.as_bytes()).expect("the module loads");
    // SAFETY: `run` is `i64 (i64)` and only computes.
    let drive = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("run") }.expect("run");
    let names = ["f0", "f1", "f2", "f3", "f4", "f5"];
    let tiers = |m: &tierlift::LoadedModule| {
        let stats = m.stats();
        let tiers: Vec<Tier> = names.iter().map(|f| stats.function(f).map_or(Tier::Tier0, |s| s.tier)).collect();
        (tiers, stats)
    };
    // `run` is called fewer times than the call threshold: it never gets hot itself (its O3 code would inline
    // the six and withdraw their compiles). Its first call makes the six cross the O2 threshold.
    assert_eq!(drive.call(60), run(60));
    assert!(m.wait_idle(Duration::from_secs(60)));
    let (at, stats) = tiers(&m);
    assert!(at.iter().all(|t| *t == Tier::LlvmO2), "{at:?}\n{}", stats.table());
    let after_o2 = stats.batched_versions;
    assert!(after_o2 >= 2, "{after_o2} versions shared an object file\n{}", stats.table());
    // Ten more calls: 600 calls each, past the O3 threshold.
    for _ in 0..10 {
        assert_eq!(drive.call(60), run(60));
    }
    assert!(m.wait_idle(Duration::from_secs(60)));
    assert_eq!(drive.call(777), run(777));
    let (at, stats) = tiers(&m);
    assert!(at.iter().all(|t| *t == Tier::LlvmO3), "{at:?}\n{}", stats.table());
    assert!(stats.batched_versions >= after_o2 + 2, "{} versions shared an object file", stats.batched_versions);
    // The trace tells each compile's object apart: its events add up to the same count.
    let shared: u64 = m
        .events()
        .iter()
        .filter_map(|e| match &e.kind {
            tierlift::trace::EventKind::Compile { ok: true, object_versions, .. } if *object_versions > 1 => Some(1),
            _ => None,
        })
        .sum();
    assert_eq!(shared, stats.batched_versions);
    // The tier-0 and O2 versions were freed as the next ones replaced them, each when it could be: the others of
    // an O2 object kept running meanwhile (the calls above), and the O3 code still does.
    let deadline = Instant::now() + Duration::from_secs(30);
    while m.stats().reclaim.versions_freed < 12 && Instant::now() < deadline {
        assert_eq!(drive.call(100), run(100));
        std::thread::sleep(Duration::from_millis(20));
    }
    let freed = m.stats().reclaim.versions_freed;
    assert!(freed >= 12, "{freed} versions freed");
    assert_eq!(drive.call(1000), run(1000));
}
