//! A function table's counting entries count each call, call the hook once at the threshold, leave a silenced
//! counter alone, and pass every argument (registers, `al`, the stack) through to the code.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tierlift_code::{Counters, FunctionTable, LazyResolve};

#[allow(clippy::too_many_arguments)]
extern "C" fn many_args(
    a: i64,
    b: i64,
    c: i64,
    d: i64,
    e: i64,
    f: i64,
    g: i64,
    h: i64,
    x0: f64,
    x1: f64,
    x2: f64,
    x3: f64,
    x4: f64,
    x5: f64,
    x6: f64,
    x7: f64,
    x8: f64,
) -> f64 {
    (a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h) as f64
        + x0
        + 2.0 * x1
        + 3.0 * x2
        + 4.0 * x3
        + 5.0 * x4
        + 6.0 * x5
        + 7.0 * x6
        + 8.0 * x7
        + 9.0 * x8
}

type ManyArgs =
    extern "C" fn(i64, i64, i64, i64, i64, i64, i64, i64, f64, f64, f64, f64, f64, f64, f64, f64, f64) -> f64;

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

#[test]
fn entries_count_calls_and_call_the_hook_at_the_threshold() {
    let counters = Arc::new(Counters::new(3, 5, 100));
    let hooks = Arc::new(Hooks { calls: Mutex::new(Vec::new()), counters: counters.clone(), resolved: 0.into() });
    let resolver: Arc<dyn LazyResolve> = hooks.clone();
    let table = FunctionTable::with_counting_entries(3, Arc::downgrade(&resolver), &counters).unwrap();
    let entry = table.counting_entry(2).expect("the table has counting entries");
    assert_ne!(Some(entry), table.counting_entry(1));
    counters.set_entry_target(2, many_args as *const () as usize);
    table.install(2, entry);
    // SAFETY: stub 2 jumps through its slot to the counting entry, which jumps on to `many_args` (`ManyArgs`).
    let f: ManyArgs = unsafe { std::mem::transmute(table.stub(2)) };
    for i in 1..=23 {
        assert_eq!(call(f, i), expected(i), "call {i}");
        assert_eq!(counters.calls(2), i as u64);
    }
    // Thresholds 5, then 15 (set by the hook at 5), then 25: two hook calls so far, each with the count stored.
    assert_eq!(*hooks.calls.lock().unwrap(), vec![(2, 0, 5), (2, 0, 15)]);
    assert_eq!(counters.calls(0) + counters.calls(1), 0);
    assert_eq!(hooks.resolved.load(Ordering::SeqCst), 0);
}

#[test]
fn a_silenced_entry_neither_counts_nor_calls_the_hook() {
    let counters = Arc::new(Counters::new(1, 3, 100));
    let hooks = Arc::new(Hooks { calls: Mutex::new(Vec::new()), counters: counters.clone(), resolved: 0.into() });
    let resolver: Arc<dyn LazyResolve> = hooks.clone();
    let table = FunctionTable::with_counting_entries(1, Arc::downgrade(&resolver), &counters).unwrap();
    counters.set_entry_target(0, many_args as *const () as usize);
    table.install(0, table.counting_entry(0).unwrap());
    // SAFETY: as above.
    let f: ManyArgs = unsafe { std::mem::transmute(table.stub(0)) };
    assert_eq!(call(f, 1), expected(1));
    counters.silence(0);
    for i in 2..10 {
        assert_eq!(call(f, i), expected(i));
    }
    assert_eq!(counters.calls(0), 1);
    assert!(hooks.calls.lock().unwrap().is_empty());
}

/// A variadic callee sees `al` (the vector registers used) as its caller set it.
#[test]
fn the_entry_keeps_al_for_variadic_callees() {
    let counters = Arc::new(Counters::new(1, 1, 100));
    let hooks = Arc::new(Hooks { calls: Mutex::new(Vec::new()), counters: counters.clone(), resolved: 0.into() });
    let resolver: Arc<dyn LazyResolve> = hooks.clone();
    let table = FunctionTable::with_counting_entries(1, Arc::downgrade(&resolver), &counters).unwrap();
    // A target that returns `rax` as it found it: what the caller put in `al`.
    let echo = tierlift_code::ExecBuffer::new(&[0xc3]).unwrap(); // ret (rax untouched)
    counters.set_entry_target(0, echo.address());
    table.install(0, table.counting_entry(0).unwrap());
    let stub = table.stub(0);
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
    assert_eq!(counters.calls(0), 3);
    assert_eq!(hooks.calls.lock().unwrap().first().map(|c| c.2), Some(1));
}
