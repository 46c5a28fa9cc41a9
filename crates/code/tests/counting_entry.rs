//! A function table's counting entries count each call, call the hook once at the threshold, leave a silenced
//! counter alone, and pass every argument (registers, `al`, the stack) through to the code.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tierlift_code::{Counters, FunctionTable, LazyResolve};

mod common;
use common::{ManyArgs, many_args};

/// Records the hook's calls: (function index, loop index, the count the counter held then).
struct Hooks {
    calls: Mutex<Vec<(u32, u32, u64)>>,
    counters: Arc<Counters>,
    resolved: AtomicUsize,
}

impl LazyResolve for Hooks {
    fn resolve(&self, _index: u32) -> Result<usize, String> {
        self.resolved.fetch_add(1, Ordering::SeqCst);
        Err("not used".into())
    }

    fn hot(&self, index: u32, loop_index: u32) {
        let count = self.counters.calls(index);
        self.calls.lock().unwrap().push((index, loop_index, count));
        // What the runtime does: ask again later.
        self.counters.set_entry_threshold(index, count + 10);
    }
}

fn call(f: ManyArgs, i: i64) -> f64 {
    let x = i as f64;
    f(i, 2, 3, 4, 5, 6, 7, 8, x, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, x + 0.25)
}

fn expected(i: i64) -> f64 {
    let x = i as f64;
    many_args(i, 2, 3, 4, 5, 6, 7, 8, x, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, x + 0.25)
}

/// A table of `functions` functions with counting entries, whose entry thresholds start at `threshold`.
struct Setup {
    counters: Arc<Counters>,
    hooks: Arc<Hooks>,
    _resolver: Arc<dyn LazyResolve>,
    table: FunctionTable,
}

fn set_up(functions: usize, threshold: u64) -> Setup {
    let counters = Arc::new(Counters::new(functions, threshold, 100));
    let hooks = Arc::new(Hooks { calls: Mutex::new(Vec::new()), counters: counters.clone(), resolved: 0.into() });
    let resolver: Arc<dyn LazyResolve> = hooks.clone();
    let table = FunctionTable::with_counting_entries(functions, Arc::downgrade(&resolver), &counters).unwrap();
    Setup { counters, hooks, _resolver: resolver, table }
}

impl Setup {
    /// Puts function `f`'s counting entry, jumping to `code`, in its slot; returns the function's stub.
    fn enter(&self, f: usize, code: usize) -> usize {
        self.counters.set_entry_target(f as u32, code);
        self.table.install(f, self.table.counting_entry(f).expect("the table has counting entries"));
        self.table.stub(f)
    }
}

#[test]
fn entries_count_calls_and_call_the_hook_at_the_threshold() {
    let s = set_up(3, 5);
    assert_ne!(s.table.counting_entry(2), s.table.counting_entry(1));
    let stub = s.enter(2, many_args as *const () as usize);
    // SAFETY: stub 2 jumps through its slot to the counting entry, which jumps on to `many_args` (`ManyArgs`).
    let f: ManyArgs = unsafe { std::mem::transmute(stub) };
    for i in 1..=23 {
        assert_eq!(call(f, i), expected(i), "call {i}");
        assert_eq!(s.counters.calls(2), i as u64);
    }
    // Thresholds 5, then 15 (set by the hook at 5), then 25: two hook calls so far, each with the count stored.
    assert_eq!(*s.hooks.calls.lock().unwrap(), vec![(2, 0, 5), (2, 0, 15)]);
    assert_eq!(s.counters.calls(0) + s.counters.calls(1), 0);
    assert_eq!(s.hooks.resolved.load(Ordering::SeqCst), 0);
}

#[test]
fn a_silenced_entry_neither_counts_nor_calls_the_hook() {
    let s = set_up(1, 3);
    let stub = s.enter(0, many_args as *const () as usize);
    // SAFETY: as above.
    let f: ManyArgs = unsafe { std::mem::transmute(stub) };
    assert_eq!(call(f, 1), expected(1));
    s.counters.silence(0);
    for i in 2..10 {
        assert_eq!(call(f, i), expected(i));
    }
    assert_eq!(s.counters.calls(0), 1);
    assert!(s.hooks.calls.lock().unwrap().is_empty());
}

/// A variadic callee sees `al` (the vector registers used) as its caller set it.
#[test]
fn the_entry_keeps_al_for_variadic_callees() {
    let s = set_up(1, 1);
    // A target that returns `rax` as it found it: what the caller put in `al`.
    let echo = tierlift_code::ExecBuffer::new(&[0xc3]).unwrap(); // ret (rax untouched)
    let stub = s.enter(0, echo.address());
    for al in [0_u64, 3, 8] {
        let got: u64;
        // SAFETY: calls the stub with `al` set, as a variadic call does; the path (entry, then `ret`) touches no
        // register but r10, r11 and rax's return value, which is the `al` it was given (the hook's path, taken at
        // the first call, preserves every register it does not own).
        unsafe {
            std::arch::asm!("call {stub}", stub = in(reg) stub, inout("rax") al => got, out("r10") _, out("r11") _,
                clobber_abi("C"));
        }
        assert_eq!(got, al);
    }
    assert_eq!(s.counters.calls(0), 3);
    assert_eq!(s.hooks.calls.lock().unwrap().first().map(|c| c.2), Some(1));
}

extern "C" fn nothing() {}

/// Calls `f` (no arguments) with the stack pointer at `top` (16-aligned, with room below it).
///
/// # Safety
/// `f` must be callable as `extern "C" fn()` and `top` the end of writable memory deep enough for the call.
unsafe fn call_on_stack(f: usize, top: usize) {
    // SAFETY: the caller vouches for `f` and the stack; `r12` (callee-saved, so kept across the call) carries the
    // real stack pointer, which is back in place before the block ends.
    unsafe {
        std::arch::asm!(
            "mov r12, rsp",
            "mov rsp, {top}",
            "call {f}",
            "mov rsp, r12",
            top = in(reg) top,
            f = in(reg) f,
            out("r12") _,
            clobber_abi("C"),
        )
    }
}

/// Two stacks (tops inside `memory`) whose calls count in different shards, found by calling once from each
/// candidate: stacks 64 KiB apart never share one.
fn two_shards(s: &Setup, stub: usize, memory: &[u8]) -> (usize, usize) {
    let base = (memory.as_ptr() as usize).next_multiple_of(1 << 16) + (1 << 16);
    let tops: Vec<usize> = (0..4).map(|k| base + (k << 16) + (1 << 15)).collect();
    // SAFETY: `nothing` behind the stub; each top lies in `memory` with 32 KiB below it.
    unsafe { call_on_stack(stub, tops[0]) };
    let first = s.counters.entry_shards_in_use(0);
    for &top in &tops[1..] {
        // SAFETY: as above.
        unsafe { call_on_stack(stub, top) };
        if s.counters.entry_shards_in_use(0) != first {
            return (tops[0], top);
        }
    }
    panic!("stacks 64 KiB apart counted in one shard");
}

#[test]
fn threads_on_different_stacks_count_in_their_own_shards_and_the_hook_sees_the_sum() {
    let s = set_up(1, 1_000_000);
    let stub = s.enter(0, nothing as *const () as usize);
    let memory = vec![0_u8; 8 << 16];
    let (a, b) = two_shards(&s, stub, &memory);
    assert_eq!(s.counters.entry_shards_in_use(0).count_ones(), 2);
    let before = s.counters.calls(0);
    // Two threads at once, each on its own stack: with one shared counter they would lose increments.
    const CALLS: u64 = 200_000;
    std::thread::scope(|scope| {
        for top in [a, b] {
            scope.spawn(move || {
                for _ in 0..CALLS {
                    // SAFETY: as in `two_shards`; the two threads use different stacks.
                    unsafe { call_on_stack(stub, top) };
                }
            });
        }
    });
    assert_eq!(s.counters.calls(0), before + 2 * CALLS);
    assert!(s.hooks.calls.lock().unwrap().is_empty());

    // The hook is due once the shards' sum reaches the threshold, whichever shard gets there (a fresh table, whose
    // shards were filled for this threshold; the same stacks count in the same shards).
    let s = set_up(1, 100);
    let stub = s.enter(0, nothing as *const () as usize);
    for top in [a, a, b] {
        for _ in 0..40 {
            // SAFETY: as above.
            unsafe { call_on_stack(stub, top) };
        }
    }
    // The hook asks again 10 calls later each time.
    assert_eq!(*s.hooks.calls.lock().unwrap(), vec![(0, 0, 100), (0, 0, 110), (0, 0, 120)]);
    assert_eq!(s.counters.calls(0), 120);
    assert_eq!(s.counters.entry_shards_in_use(0).count_ones(), 2);
}
