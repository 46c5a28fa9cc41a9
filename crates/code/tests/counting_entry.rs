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
