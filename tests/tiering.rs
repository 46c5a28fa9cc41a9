//! Tiering under load: hot functions reach O2 and O3, installs under running threads are safe, and the
//! application never waits for a compile.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tierlift::{Jit, PolicyKind, Tier, TierMode};

const KERNELS: &str = r#"
define i64 @poly(i64 %x) {
  %a = mul i64 %x, %x
  %b = mul i64 %a, 3
  %c = add i64 %b, %x
  %d = add i64 %c, 7
  ret i64 %d
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

define double @mix(double %x, i32 %k) {
  %kf = sitofp i32 %k to double
  %y = fmul double %x, %kf
  %z = fadd double %y, 0.5
  ret double %z
}

define i64 @caller(i64 %x) {
  %p = call i64 @poly(i64 %x)
  %q = call i64 @sum_to(i64 10)
  %r = add i64 %p, %q
  ret i64 %r
}

define ptr @poly_address() {
  ret ptr @poly
}
"#;

fn poly(x: i64) -> i64 {
    x.wrapping_mul(x).wrapping_mul(3).wrapping_add(x).wrapping_add(7)
}

type I64Fn = extern "C" fn(i64) -> i64;

#[test]
fn hot_functions_reach_o2_then_o3() {
    for policy in [PolicyKind::Counting, PolicyKind::Sampling, PolicyKind::CostBenefit] {
        let jit = Jit::builder().policy(policy).call_threshold(50).loop_threshold(500).build();
        let m = jit.load_bytes(KERNELS.as_bytes()).unwrap();
        // SAFETY: signatures match the IR.
        let (caller, p) =
            unsafe { (m.get_function::<I64Fn>("caller").unwrap(), m.get_function::<I64Fn>("poly").unwrap()) };
        // The first call compiles tier 0, and far from the threshold nothing else can be installed: looked at
        // here, not after a round of calls that a busy machine may stretch past `poly`'s first LLVM install.
        assert_eq!(p.call(0), poly(0));
        let mut seen = vec![m.stats().function("poly").unwrap().tier];
        let start = Instant::now();
        let mut x = 0i64;
        while start.elapsed() < Duration::from_secs(60) {
            for _ in 0..1000 {
                x += 1;
                assert_eq!(caller.call(x), poly(x) + 55);
                // Called from the host too: `caller`'s O3 code may inline `poly` (and withdraw its own compile),
                // but these calls keep it hot.
                assert_eq!(p.call(x), poly(x));
            }
            if let Some(tier) = m.stats().function("poly").map(|f| f.tier)
                && seen.last() != Some(&tier)
            {
                seen.push(tier);
            }
            if seen.last() == Some(&Tier::LlvmO3) {
                break;
            }
        }
        assert_eq!(seen.first(), Some(&Tier::Tier0), "{policy:?}: {seen:?}");
        assert_eq!(seen.last(), Some(&Tier::LlvmO3), "{policy:?}: poly never reached O3: {seen:?}");
        let stats = m.stats();
        let poly_stats = stats.function("poly").unwrap();
        assert!(poly_stats.installs >= 2, "{policy:?}: {poly_stats:?}");
        assert!(poly_stats.compile_us.llvm_o3.is_some());
    }
}

#[test]
fn counting_goes_through_o2_before_o3() {
    let jit = Jit::builder().policy(PolicyKind::Counting).call_threshold(50).build();
    let m = jit.load_bytes(KERNELS.as_bytes()).unwrap();
    // SAFETY: `poly` is `i64 (i64)`.
    let p = unsafe { m.get_function::<I64Fn>("poly").unwrap().get() };
    let tier = |m: &tierlift::LoadedModule| m.stats().function("poly").unwrap().tier;
    for x in 0..49 {
        assert_eq!(p(x), poly(x));
    }
    assert!(m.wait_idle(Duration::from_secs(30)));
    assert_eq!(tier(&m), Tier::Tier0, "below the threshold nothing moves");
    for x in 0..10 {
        assert_eq!(p(x), poly(x));
    }
    assert!(m.wait_idle(Duration::from_secs(30)));
    assert_eq!(tier(&m), Tier::LlvmO2);
    // O2 code counts calls too; ten times the threshold later it moves to O3.
    for x in 0..50 * 10 * 10 {
        assert_eq!(p(x), poly(x));
    }
    assert!(m.wait_idle(Duration::from_secs(30)));
    assert_eq!(tier(&m), Tier::LlvmO3);
}

#[test]
fn loops_make_a_function_hot() {
    let jit = Jit::builder().call_threshold(1_000_000).loop_threshold(1000).build();
    let m = jit.load_bytes(KERNELS.as_bytes()).unwrap();
    // SAFETY: `sum_to` is `i64 (i64)`.
    let sum_to = unsafe { m.get_function::<I64Fn>("sum_to").unwrap() };
    let start = Instant::now();
    loop {
        assert_eq!(sum_to.call(100_000), 100_000 * 100_001 / 2);
        let s = m.stats();
        let f = s.function("sum_to").unwrap();
        if f.tier == Tier::LlvmO3 {
            assert!(f.back_edges >= 1000, "{f:?}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "sum_to never reached O3: {f:?}");
    }
}

#[test]
fn installs_under_eight_calling_threads() {
    let jit = Jit::builder().mode(TierMode::Tier0).build();
    let m = Arc::new(jit.load_bytes(KERNELS.as_bytes()).unwrap());
    let stub = m.function_address("poly").unwrap();
    // SAFETY: signatures match the IR.
    let poly_address = unsafe { m.get_function::<extern "C" fn() -> *const u8>("poly_address").unwrap().get() };
    assert_eq!(poly_address() as usize, stub);
    let stop = Arc::new(AtomicBool::new(false));
    let calls = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let (m, stop, calls) = (m.clone(), stop.clone(), calls.clone());
            std::thread::spawn(move || {
                // SAFETY: signatures match the IR; `m` outlives the thread's use of them.
                let (p, c, mix) = unsafe {
                    (
                        m.get_function::<I64Fn>("poly").unwrap().get(),
                        m.get_function::<I64Fn>("caller").unwrap().get(),
                        m.get_function::<extern "C" fn(f64, i32) -> f64>("mix").unwrap().get(),
                    )
                };
                let mut n = 0u64;
                let mut x = t as i64;
                while !stop.load(Ordering::Relaxed) || n < 100_000 {
                    x = x.wrapping_add(8);
                    assert_eq!(p(x), poly(x));
                    assert_eq!(c(x), poly(x) + 55);
                    assert_eq!(mix(1.5, t), 1.5 * f64::from(t) + 0.5);
                    assert_eq!(m.function_address("poly").unwrap(), stub);
                    n += 1;
                }
                calls.fetch_add(n, Ordering::Relaxed);
            })
        })
        .collect();
    let ladder = [Tier::Tier0, Tier::LlvmO2, Tier::LlvmO3, Tier::LlvmO2];
    let mut installs = 0;
    for round in 0..300 {
        for name in ["poly", "caller", "mix", "sum_to"] {
            m.force_tier(name, ladder[round % ladder.len()]).unwrap();
            installs += 1;
        }
        assert_eq!(poly_address() as usize, stub, "function pointer identity across installs");
    }
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().expect("a calling thread failed");
    }
    assert!(installs >= 1000);
    let total: u32 = m.stats().functions.iter().map(|f| f.installs).sum();
    assert!(total >= 1000, "only {total} installs recorded");
    assert!(calls.load(Ordering::Relaxed) >= 800_000);
    assert_eq!(poly_address() as usize, stub);
}

#[test]
fn compiles_never_block_the_caller() {
    // Every background compile first sleeps 300 ms; the caller must keep running tier-0 code meanwhile.
    let jit = Jit::builder().call_threshold(100).worker_delay(Duration::from_millis(300)).build();
    let m = jit.load_bytes(KERNELS.as_bytes()).unwrap();
    // SAFETY: `poly` is `i64 (i64)`.
    let p = unsafe { m.get_function::<I64Fn>("poly").unwrap().get() };
    let start = Instant::now();
    let mut calls_while_pending = 0u64;
    let mut longest_call = Duration::ZERO;
    let mut x = 0;
    while start.elapsed() < Duration::from_millis(250) {
        let t = Instant::now();
        assert_eq!(p(x), poly(x));
        longest_call = longest_call.max(t.elapsed());
        x += 1;
        if x > 100 {
            calls_while_pending += 1;
        }
    }
    let stats = m.stats();
    assert_eq!(stats.function("poly").unwrap().tier, Tier::Tier0, "the delayed compile cannot have finished yet");
    assert!(calls_while_pending > 10_000, "only {calls_while_pending} calls ran while the compile was pending");
    assert!(stats.hook_calls >= 1);
    // Waiting for the compile would take at least the worker's 300 ms delay; the bound leaves room for a thread
    // descheduled on a busy machine (9 ms was seen under a load of 9 on 2 cores).
    assert!(stats.hook_max_us < 50_000.0, "hotness hook took {} us", stats.hook_max_us);
    assert!(longest_call < Duration::from_millis(100), "a call waited {longest_call:?}");
    assert!(m.wait_idle(Duration::from_secs(30)));
    assert_ne!(m.stats().function("poly").unwrap().tier, Tier::Tier0);
}

#[test]
fn run_bitcode_reports_tiers_of_a_hot_program() {
    let src = common::root().join("tests/c/nqueens.c");
    let bc = common::compile_c(&src, 1);
    let json = common::scratch().join(format!("nqueens-stats-{}.json", std::process::id()));
    let (got, stderr) = common::tierlift(
        &bc,
        &[
            "--mode",
            "tiered",
            "--threshold",
            "5",
            "--loop-threshold",
            "100",
            "--wait-compiles",
            "--stats-json",
            json.to_str().unwrap(),
        ],
    );
    assert_eq!(got, common::lli(&bc), "{stderr}");
    let stats: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let functions = stats["functions"].as_array().unwrap();
    assert!(!functions.is_empty());
    for f in functions {
        assert!(f["name"].is_string() && f["tier"].is_string() && f["calls"].is_u64());
        assert!(f.get("fallback_reason").is_some());
        // Per-tier figures are objects keyed by tier name, with only the tiers that have one.
        let times = f["compile_us"].as_object().unwrap_or_else(|| panic!("compile_us is not an object: {f}"));
        assert!(times.contains_key(f["tier"].as_str().unwrap()), "{f}");
        assert!(times.keys().all(|k| ["tier0", "llvm-o0", "llvm-o2", "llvm-o3"].contains(&k.as_str())), "{f}");
        assert!(f["tierup_latency_us"].is_object(), "{f}");
    }
    assert!(stats["totals"]["in_tier"].is_object() && stats["totals"]["compile_us"].is_object(), "{stats}");
    let text = std::fs::read_to_string(&json).unwrap();
    assert!(!text.contains("-0.0"), "negative zero in the stats JSON");
    assert!(functions.iter().any(|f| f["tier"] != "tier0"), "no function of a hot program left tier 0: {functions:?}");
}

/// An embedder's policy: straight to O3 at the third call, nothing for loops.
struct StraightToO3;

impl tierlift::policy::TierPolicy for StraightToO3 {
    fn on_hot(&self, f: &tierlift::policy::FuncView) -> tierlift::policy::Decision {
        let done = f.tier == Tier::LlvmO3 || f.pending == Some(Tier::LlvmO3);
        tierlift::policy::Decision {
            compile: (!done && f.calls >= 3).then_some(Tier::LlvmO3),
            next_call_threshold: if done { u64::MAX } else { 3 },
            next_loop_threshold: u64::MAX,
        }
    }

    fn name(&self) -> &'static str {
        "straight-to-o3"
    }
}

#[test]
fn a_custom_policy_decides() {
    let jit = Jit::builder().custom_policy(|| Box::new(StraightToO3)).call_threshold(1).build();
    let m = jit.load_bytes(KERNELS.as_bytes()).unwrap();
    // SAFETY: `poly` is `i64 (i64)`.
    let p = unsafe { m.get_function::<I64Fn>("poly").unwrap() };
    for x in 0..10 {
        assert_eq!(p.call(x), poly(x));
    }
    assert!(m.wait_idle(Duration::from_secs(30)));
    let stats = m.stats();
    assert_eq!(stats.policy, "straight-to-o3");
    let f = stats.function("poly").unwrap();
    assert_eq!(f.tier, Tier::LlvmO3, "{f:?}");
    assert!(f.compile_us.llvm_o2.is_none(), "the custom policy skips O2: {f:?}");
}

const DRIVER: &str = r#"
define i64 @blocker(i64 %x) {
  %y = add i64 %x, 1
  ret i64 %y
}

define i64 @helper(i64 %x) {
  %a = mul i64 %x, 7
  %b = xor i64 %a, 5
  ret i64 %b
}

define i64 @driver(i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s1, %loop ]
  %h = call i64 @helper(i64 %i)
  %s1 = add i64 %s, %h
  %i1 = add i64 %i, 1
  %done = icmp sge i64 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i64 %s1
}
"#;

fn driver(n: i64) -> i64 {
    (0..n).map(|i| i.wrapping_mul(7) ^ 5).fold(0i64, |s, h| s.wrapping_add(h))
}

#[test]
fn a_hot_callers_o3_code_withdraws_its_helpers_queued_compile() {
    // Every compile first sleeps, so that requests queue up behind the first one.
    let jit = Jit::builder()
        .custom_policy(|| Box::new(StraightToO3))
        .call_threshold(1)
        .worker_delay(Duration::from_millis(500))
        .build();
    let ir = format!("{DRIVER}\ndefine i64 @warmup(i64 %x) {{\n  ret i64 %x\n}}\n");
    let m = jit.load_bytes(ir.as_bytes()).unwrap();
    // SAFETY: all four are `i64 (i64)`.
    let (warmup, blocker, helper, drive) = unsafe {
        (
            m.get_function::<I64Fn>("warmup").unwrap(),
            m.get_function::<I64Fn>("blocker").unwrap(),
            m.get_function::<I64Fn>("helper").unwrap(),
            m.get_function::<I64Fn>("driver").unwrap(),
        )
    };
    // The module's first job sets up the worker's compiler for it and then picks the best job again: done with
    // `warmup`, so that `blocker`'s job is the one taken below, however long the set-up takes on a busy machine.
    for x in 0..3 {
        assert_eq!(warmup.call(x), x);
    }
    assert!(m.wait_idle(Duration::from_secs(60)));
    assert_eq!(m.stats().function("warmup").unwrap().tier, Tier::LlvmO3);
    // The worker takes `blocker`'s compile; `helper` (hot first) and `driver` queue behind it.
    for x in 0..3 {
        assert_eq!(blocker.call(x), x + 1);
    }
    for _ in 0..3 {
        assert_eq!(drive.call(1000), driver(1000));
    }
    assert!(m.wait_idle(Duration::from_secs(60)));
    let stats = m.stats();
    // `driver`'s job carries `helper`, ranks before it, and once installed withdraws `helper`'s own compile.
    assert_eq!(stats.function("driver").unwrap().tier, Tier::LlvmO3, "{stats:?}");
    assert!(stats.withdrawn_requests >= 1, "{stats:?}");
    let h = stats.function("helper").unwrap();
    assert_eq!((h.tier, h.compile_us.llvm_o3), (Tier::Tier0, None), "{h:?}");
    assert_eq!(drive.call(77), driver(77));
    // Calls that keep coming (here from the host) ask for `helper` again once its re-armed counter is reached.
    for x in 0..100 {
        assert_eq!(helper.call(x), x.wrapping_mul(7) ^ 5);
    }
    assert!(m.wait_idle(Duration::from_secs(60)));
    assert_eq!(m.stats().function("helper").unwrap().tier, Tier::LlvmO3);
}

#[test]
fn a_helper_the_program_keeps_out_of_line_compiles_before_its_caller() {
    // `helper` is `noinline` (the program's own mark: `driver` and `blocker` have none), so `driver`'s O3 code
    // calls it: its own compile is what speeds those calls up, and it ranks as any hot function does.
    let ir = DRIVER.replace("define i64 @helper(i64 %x) {", "define i64 @helper(i64 %x) #0 {")
        + "attributes #0 = { noinline }\n";
    let jit = Jit::builder()
        .custom_policy(|| Box::new(StraightToO3))
        .call_threshold(1)
        .worker_delay(Duration::from_millis(300))
        .build();
    let m = jit.load_bytes(ir.as_bytes()).unwrap();
    // SAFETY: all three are `i64 (i64)`.
    let (blocker, drive) =
        unsafe { (m.get_function::<I64Fn>("blocker").unwrap(), m.get_function::<I64Fn>("driver").unwrap()) };
    for x in 0..3 {
        assert_eq!(blocker.call(x), x + 1);
    }
    for _ in 0..3 {
        assert_eq!(drive.call(1000), driver(1000));
    }
    assert!(m.wait_idle(Duration::from_secs(60)));
    let stats = m.stats();
    let (d, h) = (stats.function("driver").unwrap(), stats.function("helper").unwrap());
    assert_eq!((d.tier, h.tier), (Tier::LlvmO3, Tier::LlvmO3), "{stats:?}");
    assert_eq!(stats.withdrawn_requests, 0, "{stats:?}");
    // Queued behind `blocker` together, the helper's 3,000 calls go before the driver's 3.
    assert!(h.installed_at_us < d.installed_at_us, "{stats:?}");
    assert_eq!(drive.call(77), driver(77));
}

/// [`DRIVER`]'s `blocker` and `helper`, and `flagged`: a driver called once whose loop calls `helper` until the
/// host raises `flag`, then writes its iteration count and sum to `out`. A never-taken block of `cold`
/// instructions makes it large, so that per unit of size its loop ranks below the helper's calls.
fn flagged_driver_ir(cold_size: usize) -> String {
    let mut cold = String::new();
    let mut last = "%i".to_string();
    for k in 0..cold_size {
        cold.push_str(&format!("  %c{k} = mul i64 {last}, {}\n", k + 3));
        last = format!("%c{k}");
    }
    format!(
        r#"{DRIVER}
define void @flagged(ptr %flag, ptr %out) {{
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %latch ]
  %s = phi i64 [ 0, %entry ], [ %s2, %latch ]
  %h = call i64 @helper(i64 %i)
  %s1 = add i64 %s, %h
  %i1 = add i64 %i, 1
  %rare = icmp eq i64 %i1, -5
  br i1 %rare, label %cold, label %latch
cold:
{cold}  br label %latch
latch:
  %s2 = phi i64 [ %s1, %loop ], [ {last}, %cold ]
  %stop = load volatile i64, ptr %flag
  %go = icmp eq i64 %stop, 0
  br i1 %go, label %loop, label %exit
exit:
  store i64 %i1, ptr %out
  %sum = getelementptr i64, ptr %out, i64 1
  store i64 %s2, ptr %sum
  ret void
}}
"#
    )
}

/// Loads [`flagged_driver_ir`] (with a cold block of `cold` instructions) with a trace (for the events) into an engine whose every compile first sleeps 300 ms,
/// calls `flagged` `short_calls` times with the flag already raised (one iteration each), makes `blocker` hot so
/// that the worker sleeps in its compile, then runs `flagged` on a thread until the worker is idle and raises the
/// flag. Checks its result and that its frame entered an OSR entry; returns the module's stats and events.
fn run_flagged_driver(short_calls: usize, cold: usize) -> (tierlift::Stats, Vec<tierlift::trace::TraceEvent>) {
    let trace = std::env::temp_dir().join(format!("tierlift-flagged-{short_calls}-{cold}-{}.json", std::process::id()));
    let jit = Jit::builder()
        .call_threshold(1000)
        .loop_threshold(5000)
        .worker_delay(Duration::from_millis(300))
        .trace(&trace)
        .build();
    let m = jit.load_bytes(flagged_driver_ir(cold).as_bytes()).unwrap();
    // SAFETY: `blocker` is `i64 (i64)`, `flagged` `void (ptr, ptr)`.
    let (blocker, drive) = unsafe {
        (
            m.get_function::<I64Fn>("blocker").unwrap().get(),
            m.get_function::<extern "C" fn(*const AtomicU64, *mut [u64; 2])>("flagged").unwrap().get(),
        )
    };
    let raised = AtomicU64::new(1);
    for _ in 0..short_calls {
        let mut out = [0u64; 2];
        drive(&raised, &mut out);
        assert_eq!(out, [1, 5]);
    }
    // The worker takes `blocker`'s compile (given time to start on it: a worker's first job also prepares the
    // module); what `flagged`'s loop asks for queues behind it.
    for x in 0..2000 {
        assert_eq!(blocker(x), x + 1);
    }
    std::thread::sleep(Duration::from_millis(100));
    let flag = Arc::new(AtomicU64::new(0));
    let running = {
        let flag = Arc::clone(&flag);
        std::thread::spawn(move || {
            let mut out = [0u64; 2];
            drive(Arc::as_ptr(&flag), &mut out);
            out
        })
    };
    let idle = m.wait_idle(Duration::from_secs(60));
    // The frame takes the installed entry at its loop's next check: the flag is raised once it has, or a thread
    // the scheduler left waiting would leave the loop the ordinary way.
    if idle {
        wait_for_osr_entry(&m, "flagged");
    }
    flag.store(1, Ordering::SeqCst);
    let [count, sum] = running.join().unwrap();
    assert!(idle);
    let expected = (0..count as i64).fold(0i64, |s, i| s.wrapping_add(i.wrapping_mul(7) ^ 5));
    assert_eq!(sum as i64, expected, "after {count} iterations");
    let stats = m.stats();
    let flagged = stats.function("flagged").unwrap();
    assert!(flagged.osr.iter().any(|o| o.installed && o.entries == 1), "{flagged:?}");
    let events = m.events();
    drop(m);
    let _ = std::fs::remove_file(&trace);
    (stats, events)
}

/// Waits until a frame of `function` has entered one of its OSR entries, or a minute has passed.
fn wait_for_osr_entry(m: &tierlift::LoadedModule, function: &str) {
    let start = Instant::now();
    let entered = || m.stats().function(function).is_some_and(|s| s.osr.iter().any(|o| o.entries > 0));
    while !entered() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// When the LLVM compile of `function` (its OSR entry with `osr`, else its normal entry) started, if it ran.
fn compile_start(events: &[tierlift::trace::TraceEvent], function: &str, osr: bool) -> Option<f64> {
    events.iter().find_map(|e| match &e.kind {
        tierlift::trace::EventKind::Compile { function: f, tier, osr_loop, .. }
            if f == function && tier != "tier0" && osr_loop.is_some() == osr =>
        {
            Some(e.at_us)
        }
        _ => None,
    })
}

#[test]
fn a_running_drivers_osr_entry_goes_before_its_helpers_compile() {
    let (stats, events) = run_flagged_driver(0, 300);
    let helper = stats.function("helper").unwrap();
    assert!(helper.calls >= 1000 && helper.tier != Tier::Tier0, "{helper:?}");
    // The entry, which carries the helper and ranks above it, was compiled before the helper's own code.
    let entry = compile_start(&events, "flagged", true).expect("the entry's compile");
    let own = compile_start(&events, "helper", false);
    assert!(own.is_some_and(|own| own > entry), "entry compiled at {entry} us, the helper at {own:?} us");
}

#[test]
fn a_large_running_drivers_helper_compiles_before_its_osr_entry() {
    // A driver of 1,500 instructions (an interpreter's dispatch loop at -O0): its entry would take the worker for
    // long, so the small hot helper, which ranks higher per unit of size, compiles first.
    let (stats, events) = run_flagged_driver(0, 1_500);
    let helper = stats.function("helper").unwrap();
    assert!(helper.calls >= 1000 && helper.tier != Tier::Tier0, "{helper:?}");
    let entry = compile_start(&events, "flagged", true).expect("the entry's compile");
    let own = compile_start(&events, "helper", false).expect("the helper's own compile");
    assert!(own < entry, "entry compiled at {entry} us, the helper at {own} us");
}

#[test]
fn an_osr_entry_goes_before_its_functions_normal_entry() {
    // `flagged` has been called before (three short calls), so its entry is not a driver's: it must still go
    // before its own O3 compile, which ranks by the helper's calls it carries.
    let (stats, events) = run_flagged_driver(3, 300);
    assert!(stats.function("flagged").unwrap().calls >= 4);
    let entry = compile_start(&events, "flagged", true).expect("the entry's compile");
    let own = compile_start(&events, "flagged", false);
    assert!(own.is_none_or(|own| own > entry), "entry compiled at {entry} us, the normal entry at {own:?} us");
}

/// `blocker` as in [`DRIVER`], and `spin`: a loop that runs until the host raises `flag`, then writes its
/// iteration count and sum to `out`.
const SPIN: &str = r#"
define i64 @blocker(i64 %x) {
  %y = add i64 %x, 1
  ret i64 %y
}

define void @spin(ptr %flag, ptr %out) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s1, %loop ]
  %x = xor i64 %i, 5
  %s1 = add i64 %s, %x
  %i1 = add i64 %i, 1
  %stop = load volatile i64, ptr %flag
  %go = icmp eq i64 %stop, 0
  br i1 %go, label %loop, label %exit
exit:
  store i64 %i1, ptr %out
  %p = getelementptr i64, ptr %out, i64 1
  store i64 %s1, ptr %p
  ret void
}
"#;

#[test]
fn threads_whose_calls_leave_through_osr_get_no_normal_entry_until_another_call_comes() {
    let jit = Jit::builder().call_threshold(2).loop_threshold(5000).worker_delay(Duration::from_millis(300)).build();
    let m = jit.load_bytes(SPIN.as_bytes()).unwrap();
    // SAFETY: `blocker` is `i64 (i64)`, `spin` `void (ptr, ptr)`.
    let (blocker, spin) = unsafe {
        (
            m.get_function::<I64Fn>("blocker").unwrap().get(),
            m.get_function::<extern "C" fn(*const AtomicU64, *mut [u64; 2])>("spin").unwrap().get(),
        )
    };
    // The worker sleeps in `blocker`'s compile while four threads' calls ask for `spin`'s normal entry and for
    // an entry into their loop.
    for x in 0..2000 {
        assert_eq!(blocker(x), x + 1);
    }
    std::thread::sleep(Duration::from_millis(100));
    let flag = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let flag = Arc::clone(&flag);
            std::thread::spawn(move || {
                let mut out = [0u64; 2];
                spin(Arc::as_ptr(&flag), &mut out);
                out
            })
        })
        .collect();
    assert!(m.wait_idle(Duration::from_secs(60)));
    let s = m.stats().function("spin").unwrap().clone();
    // The threads end before anything is checked: the module must outlive its running code.
    flag.store(1, Ordering::SeqCst);
    for t in threads {
        let [count, sum] = t.join().unwrap();
        assert_eq!(sum as i64, (0..count as i64).fold(0i64, |s, i| s.wrapping_add(i ^ 5)), "after {count}");
    }
    assert!(s.calls == 4 && s.osr.iter().any(|o| o.installed), "{s:?}");
    assert_eq!((s.tier, s.compile_us.llvm_o2, s.compile_us.llvm_o3), (Tier::Tier0, None, None), "{s:?}");
    // Further calls ask for the normal entry again (the call that reaches the hook is the one whose counter
    // shard runs out: with the threads' shards spent differently under load, the fifth call or one soon after).
    for _ in 0..16 {
        let mut out = [0u64; 2];
        spin(Arc::as_ptr(&flag), &mut out);
        assert_eq!(out, [1, 5]);
        assert!(m.wait_idle(Duration::from_secs(60)));
        if m.stats().function("spin").unwrap().tier >= Tier::LlvmO2 {
            break;
        }
    }
    let s = m.stats().function("spin").unwrap().clone();
    assert!(s.tier >= Tier::LlvmO2, "{s:?}");
}

/// Functions larger than a helper go to O3 at their third call; others after [`HELPER_CALLS`] calls.
struct DriversFirst;

/// Calls after which [`DriversFirst`] compiles a small function.
const HELPER_CALLS: u64 = 760;

impl tierlift::policy::TierPolicy for DriversFirst {
    fn on_hot(&self, f: &tierlift::policy::FuncView) -> tierlift::policy::Decision {
        let done = f.tier == Tier::LlvmO3 || f.pending == Some(Tier::LlvmO3);
        let wanted = (f.size > 5 && f.calls >= 3) || f.calls >= HELPER_CALLS;
        tierlift::policy::Decision {
            compile: (!done && wanted).then_some(Tier::LlvmO3),
            next_call_threshold: if done || wanted { u64::MAX } else { HELPER_CALLS },
            next_loop_threshold: u64::MAX,
        }
    }

    fn name(&self) -> &'static str {
        "drivers-first"
    }
}

#[test]
fn a_callee_inlined_by_a_hot_callers_o3_code_is_not_asked_for_by_the_calls_right_after() {
    let jit = Jit::builder().custom_policy(|| Box::new(DriversFirst)).call_threshold(3).build();
    let m = jit.load_bytes(DRIVER.as_bytes()).unwrap();
    // SAFETY: both are `i64 (i64)`.
    let (helper, drive) =
        unsafe { (m.get_function::<I64Fn>("helper").unwrap(), m.get_function::<I64Fn>("driver").unwrap()) };
    for _ in 0..3 {
        assert_eq!(drive.call(250), driver(250));
    }
    assert!(m.wait_idle(Duration::from_secs(60)));
    let stats = m.stats();
    assert_eq!(stats.function("driver").unwrap().tier, Tier::LlvmO3, "{stats:?}");
    assert_eq!(stats.function("helper").unwrap().calls, 750, "{stats:?}");
    // `driver`'s install re-armed `helper` at its 750 calls plus ten times the call threshold: calls past the
    // policy's 760 (as a caller's frames still in old code would make) ask for nothing yet.
    for x in 0..20 {
        assert_eq!(helper.call(x), x.wrapping_mul(7) ^ 5);
    }
    assert!(m.wait_idle(Duration::from_secs(60)));
    let stats = m.stats();
    let h = stats.function("helper").unwrap();
    assert_eq!((h.tier, h.compile_us.llvm_o3), (Tier::Tier0, None), "{h:?}");
    // Calls that keep coming do, past the re-armed 780.
    for x in 0..20 {
        assert_eq!(helper.call(x), x.wrapping_mul(7) ^ 5);
    }
    assert!(m.wait_idle(Duration::from_secs(60)));
    assert_eq!(m.stats().function("helper").unwrap().tier, Tier::LlvmO3);
}

/// `blocker` as in [`DRIVER`], and `fill_then_spin`: a loop that writes `n` values into a 1,024-entry buffer, then
/// a loop that reads them until the host raises `flag`, and writes its iteration count and sum to `out`.
const FILL_THEN_SPIN: &str = r#"
define i64 @blocker(i64 %x) {
  %y = add i64 %x, 1
  ret i64 %y
}

define void @fill_then_spin(ptr %buf, i64 %n, ptr %flag, ptr %out) {
entry:
  br label %fill
fill:
  %i = phi i64 [ 0, %entry ], [ %i1, %fill ]
  %k = and i64 %i, 1023
  %at = getelementptr i64, ptr %buf, i64 %k
  %v = mul i64 %i, 3
  store i64 %v, ptr %at
  %i1 = add i64 %i, 1
  %more = icmp ult i64 %i1, %n
  br i1 %more, label %fill, label %spin
spin:
  %j = phi i64 [ 0, %fill ], [ %j1, %spin ]
  %s = phi i64 [ 0, %fill ], [ %s1, %spin ]
  %kj = and i64 %j, 1023
  %from = getelementptr i64, ptr %buf, i64 %kj
  %w = load i64, ptr %from
  %x = xor i64 %w, %j
  %s1 = add i64 %s, %x
  %j1 = add i64 %j, 1
  %stop = load volatile i64, ptr %flag
  %go = icmp eq i64 %stop, 0
  br i1 %go, label %spin, label %exit
exit:
  store i64 %j1, ptr %out
  %p = getelementptr i64, ptr %out, i64 1
  store i64 %s1, ptr %p
  ret void
}
"#;

/// Header blocks of `fill_then_spin`'s loops.
const FILL_HEADER: usize = 1;
const SPIN_HEADER: usize = 2;

/// Runs `fill_then_spin` (filling `n` values) on a thread of a module loaded into `jit` until its frame entered
/// an OSR entry and the module is idle, then raises the flag and checks the result. Before that, with `block_worker`, makes `blocker` hot so that the
/// worker is in its compile while the loops ask for entries. Returns `fill_then_spin`'s stats.
fn run_fill_then_spin(jit: &Jit, n: u64, block_worker: bool) -> tierlift::FunctionStats {
    let m = jit.load_bytes(FILL_THEN_SPIN.as_bytes()).unwrap();
    // SAFETY: `blocker` is `i64 (i64)`, `fill_then_spin` `void (ptr, i64, ptr, ptr)`.
    let (blocker, run) = unsafe {
        (
            m.get_function::<I64Fn>("blocker").unwrap().get(),
            m.get_function::<extern "C" fn(*mut [u64; 1024], u64, *const AtomicU64, *mut [u64; 2])>("fill_then_spin")
                .unwrap()
                .get(),
        )
    };
    if block_worker {
        for x in 0..2000 {
            assert_eq!(blocker(x), x + 1);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let flag = Arc::new(AtomicU64::new(0));
    let running = {
        let flag = Arc::clone(&flag);
        std::thread::spawn(move || {
            let mut buf = Box::new([0u64; 1024]);
            let mut out = [0u64; 2];
            run(&mut *buf, n, Arc::as_ptr(&flag), &mut out);
            (buf, out)
        })
    };
    // Until the frame entered an entry and nothing compiles.
    wait_for_osr_entry(&m, "fill_then_spin");
    let idle = m.wait_idle(Duration::from_secs(60));
    let stats = m.stats().function("fill_then_spin").cloned();
    // The thread ends before anything is checked: the module must outlive its running code.
    flag.store(1, Ordering::SeqCst);
    let (buf, [count, sum]) = running.join().unwrap();
    assert!(idle);
    let stats = stats.unwrap();
    let filled: Vec<u64> = (0..1024u64).map(|k| (k + (n - 1 - k) / 1024 * 1024).wrapping_mul(3)).collect();
    assert_eq!(&buf[..], &filled[..]);
    let expected = (0..count).fold(0u64, |s, j| s.wrapping_add(buf[(j & 1023) as usize] ^ j));
    assert_eq!(sum, expected, "after {count} iterations");
    stats
}

/// The spin loop's entry is installed and the frame entered it; the fill loop has none (none asked for, or the
/// one asked for was dropped before its compile).
fn assert_only_the_spin_loop_entered(s: &tierlift::FunctionStats) {
    assert!(s.osr.iter().any(|o| o.header_block == SPIN_HEADER && o.installed && o.entries == 1), "{s:?}");
    assert!(s.osr.iter().all(|o| o.header_block != FILL_HEADER), "{s:?}");
}

#[test]
fn a_loop_that_ends_soon_after_its_function_started_gets_no_osr_entry() {
    // The fill loop crosses the loop threshold within a fraction of a millisecond and ends soon after: younger than
    // the threshold's settling time (40 ms here), its frame asks for no entry. The spin loop, still running when
    // the function is that old, gets one.
    let jit = Jit::builder().loop_threshold(200_000).build();
    assert_only_the_spin_loop_entered(&run_fill_then_spin(&jit, 400_000, false));
}

#[test]
fn an_osr_entry_for_a_nest_the_frame_left_is_dropped_before_its_compile() {
    // The fill loop runs long enough to ask for its entry, which waits behind `blocker`'s compile (every compile
    // sleeps 300 ms first); the frame moves on to the spin loop, which sees the fill loop's nest stand still and
    // asks for its own entry. The worker then drops the fill loop's and compiles the spin loop's.
    let jit = Jit::builder().call_threshold(1000).loop_threshold(5000).worker_delay(Duration::from_millis(300)).build();
    assert_only_the_spin_loop_entered(&run_fill_then_spin(&jit, 4_000_000, true));
}

/// A module of `n` small functions and `asm_inc` (`i64 (i64)`, its argument plus one), which tier 0 declines (inline
/// assembly).
fn with_declined_function(n: usize) -> String {
    let mut ir = String::new();
    for i in 0..n {
        ir.push_str(&format!(
            "define i64 @f{i}(i64 %x) {{\n  %a = mul i64 %x, {i}\n  %b = add i64 %a, 7\n  ret i64 %b\n}}\n"
        ));
    }
    ir.push_str(
        "define i64 @asm_inc(i64 %x) {\n  %r = call i64 asm \"lea 1($1), $0\", \"=r,r\"(i64 %x)\n  ret i64 %r\n}\n",
    );
    ir
}

/// A function tier 0 declines is compiled by LLVM at its first call; when that is the module's first LLVM work,
/// setting up the module's compiler (parsing every function's bitcode) comes first. The stats count that set-up
/// once, for the module, not as the function's compile time.
#[test]
fn a_first_llvm_compile_is_timed_without_the_compiler_set_up() {
    let jit = Jit::builder().build();
    let m = jit.load_bytes(with_declined_function(3000).as_bytes()).unwrap();
    // SAFETY: `asm_inc` is `i64 (i64)`.
    let asm_inc = unsafe { m.get_function::<I64Fn>("asm_inc").unwrap() };
    assert_eq!(asm_inc.call(41), 42);
    let stats = m.stats();
    let f = stats.function("asm_inc").unwrap();
    assert_eq!(f.tier, Tier::LlvmO0, "{f:?}");
    let compile = f.compile_us.get(Tier::LlvmO0).unwrap();
    assert!(stats.llvm_setup_us > 0.0);
    assert!(compile < stats.llvm_setup_us, "compile {compile} us, set-up {} us", stats.llvm_setup_us);
}

/// A synchronous compile (a declined function's first call) goes before every queued background compile of the
/// engine, also when it is its module's first LLVM work and the worker set the module's compiler up first: it
/// used to go back to the queue after the set-up, ranked below the hot functions of another module, and its
/// caller waited for all of their compiles.
#[test]
fn a_synchronous_compile_goes_before_other_modules_queued_compiles() {
    let jit = Jit::builder().call_threshold(50).worker_delay(Duration::from_millis(100)).build();
    let mut hot = String::new();
    for i in 0..12 {
        hot.push_str(&format!("define i64 @h{i}(i64 %x) {{\n  %a = mul i64 %x, {i}\n  ret i64 %a\n}}\n"));
    }
    let a = jit.load_bytes(hot.as_bytes()).unwrap();
    let b = jit.load_bytes(with_declined_function(20000).as_bytes()).unwrap();
    // SAFETY: `asm_inc` is `i64 (i64)`.
    let asm_inc = unsafe { b.get_function::<I64Fn>("asm_inc").unwrap() };
    let hs: Vec<_> = (0..12)
        .map(|i| {
            // SAFETY: every `h` is `i64 (i64)`.
            unsafe { a.get_function::<I64Fn>(&format!("h{i}")).unwrap() }
        })
        .collect();
    let calling = AtomicBool::new(false);
    let at_o2_then = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !calling.load(Ordering::Acquire) {
                std::thread::yield_now();
            }
            // The worker took the synchronous compile and sets up its module's compiler: the hot functions'
            // compiles queue meanwhile.
            std::thread::sleep(Duration::from_millis(10));
            for (i, h) in hs.iter().enumerate() {
                for n in 0..200 {
                    assert_eq!(h.call(n), n * i as i64);
                }
            }
        });
        calling.store(true, Ordering::Release);
        assert_eq!(asm_inc.call(41), 42);
        a.stats().functions.iter().filter(|f| f.tier != Tier::Tier0).count()
    });
    assert_eq!(b.stats().function("asm_inc").unwrap().tier, Tier::LlvmO0);
    // Each background compile takes at least 100 ms: the caller did not wait for the twelve queued ones.
    assert!(at_o2_then <= 2, "{at_o2_then} functions of the other module were compiled first");
}
