//! What a short-lived module costs an engine: load + first call latency, drop latency, and resident memory and
//! mappings per live module, for a small query-like module (a loop calling a helper over an internal global).
//!
//! `cargo run --release --example engine_costs -- tiered|tier0 [CYCLES] [LIVE]` (defaults 2000 and 200); one mode
//! per process, so that memory the allocator kept from one mode does not hide what the other takes. Prints one
//! line per figure; `BENCHMARKS.md` ("Engine: modules that come and go") keeps the latest numbers.
//!
//! `... -- flips [THREADS] [SECONDS]` (defaults 8 and 10): threads call four functions while the main thread
//! flips them between tiers (`force_tier`); prints what freeing superseded code did, and mappings and RSS.

use std::time::{Duration, Instant};
use tierlift::{Jit, TierMode};

#[path = "../tests/query_module/mod.rs"]
mod query_module;
use query_module::{expected, query};

fn rss_kb() -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn mappings() -> usize {
    std::fs::read_to_string("/proc/self/maps").map(|m| m.lines().count()).unwrap_or(0)
}

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort_unstable();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn call(m: &tierlift::LoadedModule, i: usize, n: i64) -> i64 {
    // SAFETY: `run_<i>` is `i64 (i64)` and only computes.
    let f = unsafe { m.get_function::<extern "C" fn(i64) -> i64>(&format!("run_{i}")) }.expect("run_i");
    f.call(n)
}

/// Four functions to flip between tiers: a leaf, a loop, a recursion, and a caller of two of them.
const FLIPPED: &str = r#"
define i64 @poly(i64 %x) {
  %a = mul i64 %x, %x
  %b = add i64 %a, 7
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
define i64 @fib(i64 %n) {
entry:
  %small = icmp slt i64 %n, 2
  br i1 %small, label %base, label %rec
base:
  ret i64 %n
rec:
  %n1 = sub i64 %n, 1
  %n2 = sub i64 %n, 2
  %b = call i64 @fib(i64 %n1)
  %c = call i64 @fib(i64 %n2)
  %s = add i64 %b, %c
  ret i64 %s
}
define i64 @caller(i64 %x) {
  %p = call i64 @poly(i64 %x)
  %q = call i64 @sum_to(i64 100)
  %r = add i64 %p, %q
  ret i64 %r
}
"#;

/// Threads call while the main thread flips the functions' tiers; what freeing superseded code did.
fn flips(threads: usize, seconds: u64) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let jit = Jit::builder().build();
    let m = Arc::new(jit.load_bytes(FLIPPED.as_bytes()).expect("load"));
    let stop = Arc::new(AtomicBool::new(false));
    let callers: Vec<_> = (0..threads)
        .map(|_| {
            let (m, stop) = (m.clone(), stop.clone());
            std::thread::spawn(move || {
                // SAFETY: both are `i64 (i64)` and only compute; `m` outlives the thread's use of them.
                let (c, f) = unsafe {
                    (
                        m.get_function::<extern "C" fn(i64) -> i64>("caller").expect("caller").get(),
                        m.get_function::<extern "C" fn(i64) -> i64>("fib").expect("fib").get(),
                    )
                };
                let mut x = 0;
                while !stop.load(Ordering::Relaxed) {
                    x += 1;
                    assert_eq!(c(x), x * x + 7 + 5050);
                    assert_eq!(f(15), 610);
                }
            })
        })
        .collect();
    let tiers = [tierlift::Tier::Tier0, tierlift::Tier::LlvmO2, tierlift::Tier::LlvmO3, tierlift::Tier::LlvmO0];
    let names = ["poly", "sum_to", "fib", "caller"];
    let flip = |round: usize| {
        for (k, name) in names.iter().enumerate() {
            m.force_tier(name, tiers[(round + k) % tiers.len()]).expect("force_tier");
        }
    };
    for round in 0..8 {
        flip(round);
    }
    std::thread::sleep(Duration::from_secs(3));
    let (rss, maps) = (rss_kb(), mappings());
    let start = Instant::now();
    let mut round = 0;
    while start.elapsed() < Duration::from_secs(seconds) {
        flip(round);
        round += 1;
        std::thread::sleep(Duration::from_millis(1));
    }
    stop.store(true, Ordering::Relaxed);
    for t in callers {
        t.join().expect("a caller failed");
    }
    let r = m.stats().reclaim;
    println!(
        "flips: {threads} calling threads, {} installs in {seconds} s; {} versions freed ({} bytes) in {} rounds \
         ({} inconclusive, longest scan {} us), {} waiting; mappings {maps} -> {}, RSS {rss} -> {} kB",
        round * names.len(),
        r.versions_freed,
        r.bytes_freed,
        r.rounds,
        r.inconclusive,
        r.longest_scan_us,
        r.waiting,
        mappings(),
        rss_kb()
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    if let Some("flips") = std::env::args().nth(1).as_deref() {
        args.next();
        let threads = args.next().and_then(|a| a.parse().ok()).unwrap_or(8);
        let seconds = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
        flips(threads, seconds);
        return;
    }
    let (name, mode) = match args.next().as_deref() {
        Some("tier0") => ("tier0", TierMode::Tier0),
        _ => ("tiered", TierMode::Tiered),
    };
    let cycles: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let live: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    {
        let jit = Jit::builder().mode(mode).build();
        let (mut first, mut drop) = (Vec::new(), Vec::new());
        let rss_start = rss_kb();
        let mut rss_after_warmup = 0;
        for i in 0..cycles {
            let text = query(i);
            let t = Instant::now();
            let m = jit.load_bytes(text.as_bytes()).expect("load");
            let got = call(&m, i, 100);
            first.push(t.elapsed());
            assert_eq!(got, expected(i, 100));
            let t = Instant::now();
            std::mem::drop(m);
            drop.push(t.elapsed());
            if i + 1 == cycles.min(200) {
                rss_after_warmup = rss_kb();
            }
        }
        let grew = rss_kb().saturating_sub(rss_after_warmup);
        let probe = jit.load_bytes(query(0).as_bytes()).expect("load");
        let r = probe.stats().reclaim;
        std::mem::drop(probe);
        println!(
            "{name}: reclaim rounds {} ({} inconclusive), unwind table objects freed {}",
            r.rounds, r.inconclusive, r.unwind_objects_freed
        );
        println!(
            "{name}: load + first call p50 {:?} p90 {:?}; drop p50 {:?} max {:?}; RSS {} kB at start, +{} kB over the last {} cycles",
            percentile(&mut first, 0.5),
            percentile(&mut first, 0.9),
            percentile(&mut drop, 0.5),
            percentile(&mut drop, 1.0),
            rss_start,
            grew,
            cycles.saturating_sub(200)
        );
        let (before, maps_before) = (rss_kb(), mappings());
        let modules: Vec<_> = (0..live).map(|i| jit.load_bytes(query(i).as_bytes()).expect("load")).collect();
        for (i, m) in modules.iter().enumerate() {
            call(m, i, 100);
        }
        let per_module = (rss_kb().saturating_sub(before)) as f64 / live as f64;
        let maps_per_module = mappings().saturating_sub(maps_before) as f64 / live as f64;
        println!(
            "{name}: {live} live modules, each called once: {per_module:.1} kB of RSS and {maps_per_module:.1} mappings per module"
        );
    }
}
