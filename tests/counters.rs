//! Tier-0 counters: loop visits counted in the frame add up exactly, counters nobody reads stop being written, and
//! functions that several threads run still reach their tier.

use std::time::{Duration, Instant};
use tierlift::{Jit, PolicyKind, Tier, TierMode};

const FUNCS: &str = r#"
define i64 @step(i64 %x) {
  %a = mul i64 %x, 6364136223846793005
  %b = add i64 %a, 1442695040888963407
  ret i64 %b
}

define i64 @sum_to(i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s1, %loop ]
  %s1 = add i64 %s, %i
  %i1 = add i64 %i, 1
  %done = icmp sgt i64 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i64 %s1
}

; rows * cols products, summed; the outer loop's header runs rows + 1 times, the inner one's rows * cols.
define i64 @grid(i64 %rows, i64 %cols) {
entry:
  br label %outer
outer:
  %r = phi i64 [ 0, %entry ], [ %r1, %inner_done ]
  %acc = phi i64 [ 0, %entry ], [ %acc2, %inner_done ]
  %more = icmp slt i64 %r, %rows
  br i1 %more, label %inner_start, label %exit
inner_start:
  br label %inner
inner:
  %c = phi i64 [ 0, %inner_start ], [ %c1, %inner ]
  %acc1 = phi i64 [ %acc, %inner_start ], [ %acc_next, %inner ]
  %p = mul i64 %r, %c
  %acc_next = add i64 %acc1, %p
  %c1 = add i64 %c, 1
  %again = icmp slt i64 %c1, %cols
  br i1 %again, label %inner, label %inner_done
inner_done:
  %acc2 = phi i64 [ %acc_next, %inner ]
  %r1 = add i64 %r, 1
  br label %outer
exit:
  ret i64 %acc
}

; Three innermost loops, more than tier 0 keeps counting in registers throughout: `a` and `b` run in every
; iteration of `outer` (a's exit enters b), `c` runs after it and leaves through one of two returns.
define i64 @spread(i64 %rows, i64 %n, i64 %stop) {
entry:
  br label %outer
outer:
  %r = phi i64 [ 0, %entry ], [ %r1, %b_done ]
  %acc = phi i64 [ 0, %entry ], [ %acc_b1, %b_done ]
  %more = icmp slt i64 %r, %rows
  br i1 %more, label %a, label %c_start
a:
  %i = phi i64 [ 0, %outer ], [ %i1, %a ]
  %acc_a = phi i64 [ %acc, %outer ], [ %acc_a1, %a ]
  %acc_a1 = add i64 %acc_a, %i
  %i1 = add i64 %i, 1
  %a_again = icmp sle i64 %i1, %n
  br i1 %a_again, label %a, label %b
b:
  %j = phi i64 [ 0, %a ], [ %j1, %b ]
  %acc_b = phi i64 [ %acc_a1, %a ], [ %acc_b1, %b ]
  %acc_b1 = add i64 %acc_b, %j
  %j1 = add i64 %j, 1
  %b_again = icmp sle i64 %j1, %r
  br i1 %b_again, label %b, label %b_done
b_done:
  %r1 = add i64 %r, 1
  br label %outer
c_start:
  br label %c
c:
  %k = phi i64 [ 0, %c_start ], [ %k1, %c_latch ]
  %hit = icmp eq i64 %k, %stop
  br i1 %hit, label %early, label %c_latch
c_latch:
  %k1 = add i64 %k, 1
  %c_again = icmp slt i64 %k1, %n
  br i1 %c_again, label %c, label %late
early:
  %k_thousands = mul i64 %k, 1000
  %e = add i64 %acc, %k_thousands
  ret i64 %e
late:
  %l = sub i64 %acc, %k1
  ret i64 %l
}
"#;

type I64Fn = extern "C" fn(i64) -> i64;
type GridFn = extern "C" fn(i64, i64) -> i64;
type SpreadFn = extern "C" fn(i64, i64, i64) -> i64;

fn step(x: i64) -> i64 {
    x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407)
}

fn grid(rows: i64, cols: i64) -> i64 {
    (0..rows).map(|r| (0..cols).map(|c| r * c).sum::<i64>()).sum()
}

#[test]
fn loop_visits_counted_in_the_frame_add_up_exactly() -> anyhow::Result<()> {
    // Thresholds out of reach: every visit is counted and nothing silences the counters.
    let jit =
        Jit::builder().mode(TierMode::Tier0).counters(true).call_threshold(1 << 40).loop_threshold(1 << 40).build();
    let m = jit.load_bytes(FUNCS.as_bytes())?;
    // SAFETY: the signatures match the IR.
    let (sum_to, grid_fn) = unsafe { (m.get_function::<I64Fn>("sum_to")?, m.get_function::<GridFn>("grid")?) };
    let mut visits = 0u64;
    // Short and long loops: batches of one, batches that end mid-loop, batches cut short by the return.
    for n in (0..40).chain([100, 1000, 12_345, 100_000]) {
        assert_eq!(sum_to.call(n), n * (n + 1) / 2);
        visits += n as u64 + 1;
    }
    let stats = m.stats();
    let f = stats.function("sum_to").unwrap();
    assert_eq!(f.tier, Tier::Tier0);
    assert_eq!(f.calls, 44);
    assert_eq!(f.back_edges, visits, "{f:?}");

    let mut visits = 0u64;
    for (rows, cols) in [(0, 5), (1, 1), (3, 7), (100, 3), (7, 1000), (300, 300)] {
        assert_eq!(grid_fn.call(rows, cols), grid(rows, cols));
        visits += (rows + 1) as u64 + (rows * cols) as u64;
    }
    let stats = m.stats();
    assert_eq!(stats.function("grid").unwrap().back_edges, visits, "{:?}", stats.function("grid"));
    Ok(())
}

/// `spread`'s result and the visits of its loop headers.
fn spread(rows: i64, n: i64, stop: i64) -> (i64, u64) {
    let mut acc = 0;
    let mut visits = rows.max(0) as u64 + 1;
    for r in 0..rows {
        acc += n * (n + 1) / 2 + r * (r + 1) / 2;
        visits += (n + 1) as u64 + (r + 1) as u64;
    }
    let mut k = 0;
    loop {
        visits += 1;
        if k == stop {
            return (acc + k * 1000, visits);
        }
        if k + 1 >= n {
            return (acc - (k + 1), visits);
        }
        k += 1;
    }
}

#[test]
fn loop_visits_add_up_exactly_where_loops_keep_their_counts_in_the_frame_between_runs() -> anyhow::Result<()> {
    let jit =
        Jit::builder().mode(TierMode::Tier0).counters(true).call_threshold(1 << 40).loop_threshold(1 << 40).build();
    let m = jit.load_bytes(FUNCS.as_bytes())?;
    // SAFETY: the signature matches the IR.
    let spread_fn = unsafe { m.get_function::<SpreadFn>("spread")? };
    let mut visits = 0u64;
    for (rows, n, stop) in [(0, 0, 0), (1, 0, 5), (3, 2, 1), (4, 70, 100), (50, 3, 2), (9, 200, 150), (200, 1, -1)] {
        let (result, v) = spread(rows, n, stop);
        assert_eq!(spread_fn.call(rows, n, stop), result, "spread({rows}, {n}, {stop})");
        visits += v;
    }
    let stats = m.stats();
    let f = stats.function("spread").unwrap();
    assert_eq!(f.tier, Tier::Tier0);
    assert_eq!(f.back_edges, visits, "{f:?}");
    Ok(())
}

#[test]
fn counters_nothing_reads_are_not_written() -> anyhow::Result<()> {
    // Tier 0 only: the first crossing finds nothing to compile, and the counters fall silent.
    let jit = Jit::builder().mode(TierMode::Tier0).counters(true).call_threshold(100).loop_threshold(1000).build();
    let m = jit.load_bytes(FUNCS.as_bytes())?;
    // SAFETY: the signatures match the IR.
    let (step_fn, sum_to) = unsafe { (m.get_function::<I64Fn>("step")?, m.get_function::<I64Fn>("sum_to")?) };
    for x in 0..10_000 {
        assert_eq!(step_fn.call(x), step(x));
    }
    for _ in 0..3 {
        assert_eq!(sum_to.call(100_000), 100_000 * 100_001 / 2);
    }
    let stats = m.stats();
    let s = stats.function("step").unwrap();
    assert_eq!(s.calls, 100, "the entry counter stops at its threshold: {s:?}");
    let l = stats.function("sum_to").unwrap();
    // The loop stops counting at its threshold; each return adds at most one batch counted after it.
    assert!(l.back_edges >= 1000 && l.back_edges < 1000 + 3 * 64, "{l:?}");
    Ok(())
}

/// `@pick` calls one of three functions through a table: a site with three targets.
const THREE_TARGETS: &str = r#"
define i64 @one(i64 %x) {
  ret i64 1
}
define i64 @two(i64 %x) {
  %y = add i64 %x, 2
  ret i64 %y
}
define i64 @three(i64 %x) {
  %y = mul i64 %x, 3
  ret i64 %y
}
@table = constant [3 x ptr] [ptr @one, ptr @two, ptr @three]
define i64 @pick(i64 %i) {
  %k = urem i64 %i, 3
  %slot = getelementptr [3 x ptr], ptr @table, i64 0, i64 %k
  %f = load ptr, ptr %slot
  %r = call i64 %f(i64 %i)
  ret i64 %r
}
"#;

#[test]
fn calls_sample_their_targets_only_while_their_counter_counts() -> anyhow::Result<()> {
    // Counting stops at 33 calls; the calls after that take no samples. A key taken from a count that no longer
    // moves would sample all of them or none (34, where the entry counter stops, would sample all, and most of
    // them would go to the miss routine), and calls counted in front of the code leave its count in shards.
    let jit = Jit::builder().mode(TierMode::Tier0).counters(true).pgo(true).call_threshold(33).build();
    let m = jit.load_bytes(THREE_TARGETS.as_bytes())?;
    // SAFETY: the signature matches the IR.
    let pick = unsafe { m.get_function::<I64Fn>("pick")? };
    let calls = 30_000;
    for i in 0..calls {
        let want = [1, i + 2, 3 * i][i as usize % 3];
        assert_eq!(pick.call(i), want);
    }
    let stats = m.stats();
    let s = stats.function("pick").unwrap();
    assert_eq!(s.calls, 33, "the entry counter stops at its threshold: {s:?}");
    assert!(s.indirect_call_samples <= 4, "a silenced counter's calls took samples: {s:?}");
    Ok(())
}

#[test]
fn calls_sample_about_one_in_32_of_their_targets_while_counted() -> anyhow::Result<()> {
    let jit = Jit::builder().mode(TierMode::Tier0).counters(true).pgo(true).call_threshold(1 << 40).build();
    let m = jit.load_bytes(THREE_TARGETS.as_bytes())?;
    // SAFETY: the signature matches the IR.
    let pick = unsafe { m.get_function::<I64Fn>("pick")? };
    let calls: i64 = 32_000;
    for i in 0..calls {
        assert_eq!(pick.call(i), [1, i + 2, 3 * i][i as usize % 3]);
    }
    let s = m.stats().function("pick").unwrap().clone();
    assert!((900..=1100).contains(&s.indirect_call_samples), "{s:?}");
    Ok(())
}

#[test]
fn functions_four_threads_run_reach_their_tier() -> anyhow::Result<()> {
    let jit = Jit::builder().policy(PolicyKind::Counting).call_threshold(1000).loop_threshold(20_000).build();
    let m = jit.load_bytes(FUNCS.as_bytes())?;
    // SAFETY: the signatures match the IR.
    let (step_fn, sum_to) =
        unsafe { (m.get_function::<I64Fn>("step")?.get(), m.get_function::<I64Fn>("sum_to")?.get()) };
    let start = Instant::now();
    let tier = |name: &str| m.stats().function(name).map(|f| f.tier);
    while (tier("step") < Some(Tier::LlvmO2) || tier("sum_to") < Some(Tier::LlvmO2))
        && start.elapsed() < Duration::from_secs(60)
    {
        std::thread::scope(|s| {
            for t in 0..4i64 {
                s.spawn(move || {
                    for x in 0..20_000 {
                        assert_eq!(step_fn(x * 4 + t), step(x * 4 + t));
                    }
                    // Called too rarely to cross the call threshold: its loop counter makes it hot.
                    for n in 0..8 {
                        assert_eq!(sum_to(500 + n), (500 + n) * (501 + n) / 2);
                    }
                });
            }
        });
        m.wait_idle(Duration::from_secs(10));
    }
    let stats = m.stats();
    let s = stats.function("step").unwrap();
    let l = stats.function("sum_to").unwrap();
    assert!(s.tier >= Tier::LlvmO2, "{s:?}");
    assert!(l.tier >= Tier::LlvmO2, "{l:?}");
    // Racing threads may lose increments, but the counts that moved the functions are there.
    assert!(s.calls >= 1000, "{s:?}");
    assert!(l.back_edges >= 20_000, "{l:?}");
    Ok(())
}
