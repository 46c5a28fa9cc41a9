//! Freeing superseded code: versions that left their slot are freed once no thread runs them, and never while a
//! thread is inside one or will return into one.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tierlift::{Jit, LoadedModule, Tier, TierMode};

mod common;
use common::{mappings, status};

const KERNELS: &str = r#"
declare void @host_wait(i64)

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

define i64 @fib(i64 %n) {
entry:
  %small = icmp slt i64 %n, 2
  br i1 %small, label %base, label %rec
base:
  ret i64 %n
rec:
  %n1 = sub i64 %n, 1
  %n2 = sub i64 %n, 2
  %a = call i64 @fib(i64 %n1)
  %b = call i64 @fib(i64 %n2)
  %s = add i64 %a, %b
  ret i64 %s
}

define i64 @caller(i64 %x) {
  %p = call i64 @poly(i64 %x)
  %q = call i64 @sum_to(i64 100)
  %r = add i64 %p, %q
  ret i64 %r
}

; Calls the host, which holds the thread there, then goes on computing in the same (by then superseded) code.
define i64 @holds(i64 %which, i64 %x) {
  %a = mul i64 %x, 5
  call void @host_wait(i64 %which)
  %b = add i64 %a, 11
  %c = mul i64 %b, %x
  ret i64 %c
}
"#;

fn poly(x: i64) -> i64 {
    x.wrapping_mul(x).wrapping_mul(3).wrapping_add(x).wrapping_add(7)
}

fn fib(n: i64) -> i64 {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}

fn holds(x: i64) -> i64 {
    (x * 5 + 11) * x
}

type I64Fn = extern "C" fn(i64) -> i64;
type HoldsFn = extern "C" fn(i64, i64) -> i64;

/// One flag per holding test: the host keeps the JIT thread until it is set. `which` 0 sleeps, 1 spins.
static ENTERED: [AtomicBool; 2] = [AtomicBool::new(false), AtomicBool::new(false)];
static RELEASE: [AtomicBool; 2] = [AtomicBool::new(false), AtomicBool::new(false)];

extern "C" fn host_wait(which: i64) {
    let w = which as usize;
    ENTERED[w].store(true, Ordering::SeqCst);
    while !RELEASE[w].load(Ordering::SeqCst) {
        if w == 0 {
            std::thread::sleep(Duration::from_millis(2));
        } else {
            std::hint::spin_loop();
        }
    }
}

fn load(mode: TierMode) -> LoadedModule {
    let jit = Jit::builder().mode(mode).symbol("host_wait", host_wait as *const () as usize).build();
    jit.load_bytes(KERNELS.as_bytes()).unwrap()
}

/// Resident memory in kB.
fn rss_kb() -> u64 {
    status("VmRSS:")
}

/// Waits until the module's engine has completed `n` more scan rounds than `from`, or has nothing left to free.
fn wait_rounds(m: &LoadedModule, from: u64, n: u64) {
    let start = Instant::now();
    while m.stats().reclaim.rounds < from + n && m.stats().reclaim.waiting > 0 {
        assert!(start.elapsed() < Duration::from_secs(30), "no reclamation rounds: {:?}", m.stats().reclaim);
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A thread held inside the O2 version of `holds` (asleep, or spinning) while that version is superseded
/// several times and rounds run: it is not freed, the thread returns into it and computes the right result; once
/// the thread has left, the version is freed.
fn held_version_survives(which: usize) {
    let m = Arc::new(load(TierMode::Tiered));
    m.force_tier("holds", Tier::LlvmO2).unwrap();
    // SAFETY: `holds` is `i64 (i64, i64)`.
    let f: HoldsFn = unsafe { m.get_function::<HoldsFn>("holds").unwrap().get() };
    let t = std::thread::spawn(move || f(which as i64, 9));
    while !ENTERED[which].load(Ordering::SeqCst) {
        std::thread::yield_now();
    }
    let before = m.stats().reclaim;
    // Supersede it, and flip between other versions so that more code is retired and freed around it.
    for tier in [Tier::LlvmO3, Tier::Tier0, Tier::LlvmO0, Tier::LlvmO3] {
        m.force_tier("holds", tier).unwrap();
    }
    wait_rounds(&m, before.rounds, 2);
    let during = m.stats().reclaim;
    assert!(during.waiting >= 1, "the held version must still wait: {during:?}");
    RELEASE[which].store(true, Ordering::SeqCst);
    assert_eq!(t.join().unwrap(), holds(9), "the thread returned into its version");
    // Now nothing is in it: a later round frees it.
    let start = Instant::now();
    while m.stats().reclaim.versions_freed <= during.versions_freed {
        assert!(start.elapsed() < Duration::from_secs(30), "never freed: {:?}", m.stats().reclaim);
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(f(0, 3), holds(3));
}

#[test]
fn a_version_a_sleeping_thread_will_return_into_is_kept() {
    held_version_survives(0);
}

#[test]
fn a_version_a_running_thread_will_return_into_is_kept() {
    held_version_survives(1);
}

/// Stack size of the threads of the flipping test: larger than any other thread of this process asks for, so that
/// none of them runs on a stack that an exited thread left behind (the C library hands a new thread a cached stack
/// of a size close to the one it asks for, without clearing it), nor the other way round. A stack inherited that
/// way carries the old thread's frames, return addresses into JIT code among them, into the unwritten slots of the
/// new thread's frames, where the conservative scan sees them; and code addresses are reused once code is freed.
const FRESH_STACK: usize = 24 << 20;

/// Runs `f` on a new thread with a stack of `FRESH_STACK` bytes.
fn on_fresh_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> std::thread::JoinHandle<T> {
    std::thread::Builder::new().stack_size(FRESH_STACK).spawn(f).expect("spawn a thread")
}

#[test]
fn versions_flipping_under_eight_calling_threads_are_freed_and_memory_stays_bounded() {
    // Only threads of its own hold this test's code addresses: the version count it checks at the end does not
    // depend on what earlier threads left on the test thread's stack.
    on_fresh_stack(flip_versions_under_eight_calling_threads).join().expect("the test's thread failed");
}

fn flip_versions_under_eight_calling_threads() {
    // Rounds as soon as anything waits: they race the flips and the calls, and free versions that later flips
    // compile again. (At the default pace nothing would be due: each version is back in its slot within
    // milliseconds, so none waits long and little code waits at once.)
    let jit = Jit::builder()
        .mode(TierMode::Tiered)
        .free_code_eagerly(true)
        .symbol("host_wait", host_wait as *const () as usize)
        .build();
    let m = Arc::new(jit.load_bytes(KERNELS.as_bytes()).unwrap());
    let stop = Arc::new(AtomicBool::new(false));
    let calls = Arc::new(AtomicU64::new(0));
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let (m, stop, calls) = (m.clone(), stop.clone(), calls.clone());
            on_fresh_stack(move || {
                // SAFETY: signatures match the IR; `m` outlives the thread's use of them.
                let (p, c, fb) = unsafe {
                    (
                        m.get_function::<I64Fn>("poly").unwrap().get(),
                        m.get_function::<I64Fn>("caller").unwrap().get(),
                        m.get_function::<I64Fn>("fib").unwrap().get(),
                    )
                };
                let mut n = 0u64;
                let mut x = t as i64;
                while !stop.load(Ordering::Relaxed) {
                    x = x.wrapping_add(8);
                    assert_eq!(p(x), poly(x));
                    assert_eq!(c(x), poly(x) + 5050);
                    // Deep recursion: return addresses into whichever versions of `fib` ran.
                    assert_eq!(fb(12 + (x & 3)), fib(12 + (x & 3)));
                    n += 1;
                }
                calls.fetch_add(n, Ordering::Relaxed);
            })
        })
        .collect();
    let ladder = [Tier::Tier0, Tier::LlvmO2, Tier::LlvmO3, Tier::LlvmO0];
    let names = ["poly", "caller", "fib", "sum_to"];
    // The flips run on a thread of their own, which ends before the last rounds: `force_tier` returns code
    // addresses, and a copy left in a live frame would keep a version alive (the scan is conservative).
    let flipper = {
        let (m, stop) = (m.clone(), stop.clone());
        on_fresh_stack(move || {
            let flip = |round: usize| {
                for (k, name) in names.iter().enumerate() {
                    m.force_tier(name, ladder[(round + k) % ladder.len()]).unwrap();
                }
            };
            // Warm up: every version compiled once, the process's mappings settled.
            for round in 0..8 {
                flip(round);
            }
            std::thread::sleep(Duration::from_millis(500));
            let before = (mappings(), rss_kb());
            let start = Instant::now();
            let mut flips = 0;
            let mut round = 0;
            // At least 5 s and 2,000 flips, but no more than 20 s: with rounds this eager most flips compile
            // anew (their version was freed meanwhile), which a slow machine does at a few per second.
            let enough = |flips: usize| {
                let t = start.elapsed();
                t >= Duration::from_secs(20) || (flips >= 2000 && t >= Duration::from_secs(5))
            };
            while !enough(flips) {
                flip(round);
                flips += names.len();
                round += 1;
                if round % 16 == 0 {
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
            assert!(flips >= 200, "too slow: {flips} flips in {:?}", start.elapsed());
            stop.store(true, Ordering::Relaxed);
            let during = m.stats().reclaim;
            assert!(during.rounds >= 2, "{during:?} after {flips} flips");
            // Every function settles in O3: each one's other versions (tier 0, O0, O2) leave their slots for
            // good, and rounds free them all (none of them is in use any more).
            for name in names {
                m.force_tier(name, Tier::LlvmO3).unwrap();
            }
            (flips, before)
        })
    };
    let (flips, (maps_before, rss_before)) = flipper.join().expect("the flipping thread failed");
    for t in threads {
        t.join().expect("a calling thread failed");
    }
    let start = Instant::now();
    // The scan is conservative: a stale copy of a code address in some thread's live frame keeps that version;
    // a couple of them may stay.
    const STALE: u64 = 2;
    while m.stats().reclaim.waiting > STALE {
        assert!(start.elapsed() < Duration::from_secs(60), "never freed: {:?}", m.stats().reclaim);
        std::thread::sleep(Duration::from_millis(50));
    }
    let reclaim = m.stats().reclaim;
    // The three lower tiers' versions of each function, each compiled at least once.
    assert!(reclaim.versions_freed >= 3 * names.len() as u64 - STALE, "{reclaim:?} after {flips} flips");
    let total: u32 = m.stats().functions.iter().map(|f| f.installs).sum();
    assert!(total as usize >= flips, "only {total} installs recorded");
    assert!(calls.load(Ordering::Relaxed) > 1000);
    let (maps_after, rss_after) = (mappings(), rss_kb());
    assert!(maps_after < maps_before + 64, "mappings grew from {maps_before} to {maps_after}: {reclaim:?}");
    assert!(rss_after < rss_before + 64 * 1024, "RSS grew from {rss_before} kB to {rss_after} kB: {reclaim:?}");
}

#[test]
fn turned_off_nothing_is_freed() {
    flips_keep_their_versions(Jit::builder().free_superseded_code(false), KERNELS);
}

/// A module that switches stacks through the C library (coroutines on `swapcontext`) can have frames of its code on
/// stacks no thread is running on, which the scan cannot see: its superseded code is kept, even when freeing is
/// eager.
#[test]
fn a_module_that_switches_stacks_keeps_its_superseded_code() {
    flips_keep_their_versions(Jit::builder(), &format!("declare i32 @swapcontext(ptr, ptr)\n{KERNELS}"));
}

/// A host that switches stacks by means of its own says so: the same.
#[test]
fn a_host_that_switches_stacks_keeps_superseded_code() {
    flips_keep_their_versions(Jit::builder().switches_stacks(true), KERNELS);
}

/// Flips `poly` of `source` between two tiers with eager freeing on: nothing may be freed.
fn flips_keep_their_versions(builder: tierlift::JitBuilder, source: &str) {
    let jit = builder
        .mode(TierMode::Tier0)
        .free_code_eagerly(true)
        .symbol("host_wait", host_wait as *const () as usize)
        .build();
    let m = jit.load_bytes(source.as_bytes()).unwrap();
    // SAFETY: `poly` is `i64 (i64)`.
    let p = unsafe { m.get_function::<I64Fn>("poly").unwrap().get() };
    for round in 0..20 {
        m.force_tier("poly", [Tier::Tier0, Tier::LlvmO2][round % 2]).unwrap();
        assert_eq!(p(round as i64), poly(round as i64));
    }
    std::thread::sleep(Duration::from_millis(600));
    let reclaim = m.stats().reclaim;
    assert_eq!((reclaim.versions_freed, reclaim.waiting), (0, 0), "{reclaim:?}");
}

/// Modules that come and go in tier 0 leave withdrawn unwind table objects behind (their functions leave the
/// engine's shared unwind tables); the engine frees them in its rounds even though no code version is ever
/// superseded, and even while modules keep arriving (the compile workers' sweeps used to wait for a quiet spell
/// that never came).
#[test]
fn unwind_tables_left_by_modules_that_come_and_go_are_freed() {
    let jit = Jit::builder().mode(TierMode::Tier0).symbol("host_wait", host_wait as *const () as usize).build();
    let start = Instant::now();
    let mut freed = 0;
    while freed == 0 && start.elapsed() < Duration::from_secs(30) {
        for _ in 0..20 {
            let m = jit.load_bytes(KERNELS.as_bytes()).expect("load");
            // SAFETY: `poly` is `i64 (i64)`.
            let jit_poly = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("poly") }.expect("poly");
            assert_eq!(jit_poly.call(5), poly(5));
        }
        let probe = jit.load_bytes(KERNELS.as_bytes()).expect("load");
        freed = probe.stats().reclaim.unwind_objects_freed;
    }
    assert!(freed > 0, "no withdrawn unwind table object was freed in {:?}", start.elapsed());
}
