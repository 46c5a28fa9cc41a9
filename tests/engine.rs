//! The engine shares its compile workers among its modules, and loading and dropping modules returns what they
//! took: threads, mappings and memory stay flat over thousands of short-lived modules.

use std::time::{Duration, Instant};
use tierlift::Jit;

mod common;
mod query_module;
use common::{mappings, status};
use query_module::{expected, query};

/// The tests measure the whole process: one at a time.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn run(m: &tierlift::LoadedModule, i: usize, n: i64) {
    // SAFETY: `run` is `i64 (i64)` and only computes.
    let f = unsafe { m.get_function::<extern "C" fn(i64) -> i64>(&format!("run_{i}")) }.unwrap();
    assert_eq!(f.call(n), expected(i, n), "module {i}");
}

#[test]
fn live_modules_share_the_engines_workers() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let threads_before = status("Threads:");
    let jit = Jit::builder().compile_threads(2).call_threshold(5).loop_threshold(50).build();
    let modules: Vec<_> = (0..200).map(|i| jit.load_bytes(query(i).as_bytes()).unwrap()).collect();
    // Some of them get hot: their functions go to LLVM on the engine's two workers.
    for (i, m) in modules.iter().enumerate() {
        for _ in 0..if i.is_multiple_of(20) { 10 } else { 1 } {
            run(m, i, 100);
        }
    }
    for m in &modules {
        assert!(m.wait_idle(Duration::from_secs(60)));
    }
    let hot = modules
        .iter()
        .enumerate()
        .filter(|(i, m)| m.stats().function(&format!("run_{i}")).is_some_and(|f| f.tier != tierlift::Tier::Tier0));
    assert!(hot.count() >= 10, "the hot modules did not reach LLVM code");
    let threads = status("Threads:");
    assert!(threads <= threads_before + 4, "{threads} threads with 200 modules loaded (before: {threads_before})");
}

#[test]
fn short_lived_modules_return_what_they_took() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let jit = Jit::builder().compile_threads(1).call_threshold(20).loop_threshold(200).build();
    let cycle = |i: usize| {
        let m = jit.load_bytes(query(i).as_bytes()).unwrap();
        // Every tenth module gets hot enough for LLVM code.
        let calls = if i.is_multiple_of(10) { 40 } else { 1 };
        for _ in 0..calls {
            run(&m, i, 50);
        }
        let start = Instant::now();
        drop(m);
        start.elapsed()
    };
    for i in 0..200 {
        cycle(i);
    }
    // Let the workers drop the compilers of the modules above.
    std::thread::sleep(Duration::from_millis(600));
    let (rss, maps, threads) = (status("VmRSS:"), mappings(), status("Threads:"));
    let mut drops: Vec<Duration> = (200..2000).map(cycle).collect();
    std::thread::sleep(Duration::from_millis(600));
    let (rss_after, maps_after, threads_after) = (status("VmRSS:"), mappings(), status("Threads:"));
    drops.sort();
    eprintln!(
        "RSS {rss} -> {rss_after} kB, mappings {maps} -> {maps_after}, threads {threads} -> {threads_after}; drop p50 \
         {:?} max {:?}",
        drops[drops.len() / 2],
        drops[drops.len() - 1]
    );
    assert!(rss_after <= rss + 16 * 1024, "RSS grew from {rss} to {rss_after} kB over 1,800 modules");
    assert!(maps_after <= maps + 64, "mappings grew from {maps} to {maps_after}");
    assert!(threads_after <= threads, "threads grew from {threads} to {threads_after}");
}

/// The scheduling policy (field 41 of `/proc/self/task/TID/stat`) of every thread whose name starts with `prefix`.
fn policies_of(prefix: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for task in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if !comm.starts_with(prefix) {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        // The name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        let Some((_, rest)) = stat.rsplit_once(')') else { continue };
        if let Some(policy) = rest.split_whitespace().nth(41 - 3).and_then(|p| p.parse().ok()) {
            out.push(policy);
        }
    }
    out
}

/// Compile workers are batch threads for the kernel (`SCHED_BATCH`, policy 3): one woken by a job the program just
/// queued does not preempt the program's thread (it used to take the program's CPU for milliseconds in the middle
/// of the hotness hook, in most runs of a short program).
#[test]
fn compile_workers_do_not_preempt_the_program() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let jit = Jit::builder().compile_threads(2).build();
    let _m = jit.load_bytes(query(0).as_bytes()).unwrap();
    // The threads start with the engine and name themselves, then set their policy, as they begin.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut policies = policies_of("tierlift-llvm-");
    while (policies.len() < 2 || policies.iter().any(|&p| p != 3)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        policies = policies_of("tierlift-llvm-");
    }
    assert_eq!(policies, [3, 3]);
}
