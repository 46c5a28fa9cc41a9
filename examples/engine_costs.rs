//! What a short-lived module costs an engine: load + first call latency, drop latency, and resident memory and
//! mappings per live module, for a small query-like module (a loop calling a helper over an internal global).
//!
//! `cargo run --release --example engine_costs -- tiered|tier0 [CYCLES] [LIVE]` (defaults 2000 and 200); one mode
//! per process, so that memory the allocator kept from one mode does not hide what the other takes. Prints one
//! line per figure; `BENCHMARKS.md` ("Engine: modules that come and go") keeps the latest numbers.

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

fn main() {
    let mut args = std::env::args().skip(1);
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
