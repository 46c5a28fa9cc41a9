//! Destructors of JIT code's C++ `thread_local` objects: a module dropped while a thread has one pending stays
//! loaded until that thread has run it, and `run_thread_destructors` runs the calling thread's at once.

mod common;

use std::sync::Mutex;
use std::sync::mpsc::channel;
use tierlift::{Jit, LoadedModule};

/// What the module's destructors reported, in order.
static RECORDED: Mutex<Vec<i64>> = Mutex::new(Vec::new());
/// One test at a time: they share `RECORDED`.
static SERIAL: Mutex<()> = Mutex::new(());

extern "C" fn record(value: i64) {
    RECORDED.lock().unwrap_or_else(|e| e.into_inner()).push(value);
}

fn load(jit: &Jit) -> LoadedModule {
    let src = common::root().join("tests").join("thread_locals").join("counter.cpp");
    jit.load_file(common::compile_c(&src, 1)).unwrap()
}

fn jit() -> Jit {
    Jit::builder().symbol("record", record as *const () as usize).call_threshold(1).build()
}

#[test]
fn a_dropped_module_stays_loaded_until_its_thread_local_destructors_have_run() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    RECORDED.lock().unwrap().clear();
    let jit = jit();
    let module = load(&jit);
    // SAFETY: `touch` is `i64 (i64)`; the address is called only while the module is loaded (see below).
    let touch = unsafe { module.get_function::<extern "C" fn(i64) -> i64>("touch") }.unwrap().address();
    let (touched, touched_rx) = channel();
    let (go_on, go_on_rx) = channel::<()>();
    let thread = std::thread::spawn(move || {
        // SAFETY: as above: the thread's pending destructor keeps the module loaded while this thread runs.
        let touch: extern "C" fn(i64) -> i64 = unsafe { std::mem::transmute(touch) };
        assert_eq!(touch(5), 5);
        assert_eq!(touch(2), 7);
        touched.send(()).unwrap();
        go_on_rx.recv().unwrap();
        // The module was dropped by now; its code is still there.
        assert_eq!(touch(1), 8);
    });
    touched_rx.recv().unwrap();
    drop(module);
    // Not unloaded: its static destructor has not run.
    assert!(RECORDED.lock().unwrap().is_empty(), "{:?}", RECORDED.lock().unwrap());
    go_on.send(()).unwrap();
    thread.join().unwrap();
    // The thread's destructor ran at its end, then the module was unloaded.
    assert_eq!(*RECORDED.lock().unwrap(), [8, -1]);
}

#[test]
fn run_thread_destructors_runs_the_calling_threads_once() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    RECORDED.lock().unwrap().clear();
    let jit = jit();
    let module = load(&jit);
    // SAFETY: `touch` is `i64 (i64)`; called only on threads joined before the module is dropped.
    let address = unsafe { module.get_function::<extern "C" fn(i64) -> i64>("touch") }.unwrap().address();
    // SAFETY: as above.
    let touch = move || -> extern "C" fn(i64) -> i64 { unsafe { std::mem::transmute(address) } };
    // (Joined threads, not scoped ones: a scope ends when the threads' closures have returned, which is before
    // the threads' `thread_local` destructors run.)
    std::thread::spawn(move || {
        assert_eq!(touch()(3), 3);
        tierlift::run_thread_destructors();
        assert_eq!(*RECORDED.lock().unwrap(), [3]);
        // Nothing else of this thread is pending.
        tierlift::run_thread_destructors();
        assert_eq!(*RECORDED.lock().unwrap(), [3]);
    })
    .join()
    .unwrap();
    // Another thread's stays pending until that thread ends.
    std::thread::spawn(move || {
        assert_eq!(touch()(4), 4);
        assert_eq!(*RECORDED.lock().unwrap(), [3]);
    })
    .join()
    .unwrap();
    // The first thread's did not run again at its end; the second's ran at its end.
    assert_eq!(*RECORDED.lock().unwrap(), [3, 4]);
    drop(module);
    assert_eq!(RECORDED.lock().unwrap().last(), Some(&-1));
}

/// A thread's end runs the program's `thread_local` and `pthread_key_create` destructors after Rust's own
/// thread-locals with destructors may be gone. JIT code compiled there (tier 0 on first call) and its dynamic
/// allocas must work without them: no panic, no fallback, no abort, and the threads' dynamic-alloca regions are
/// unmapped when they end.
#[test]
fn a_threads_end_compiles_and_runs_destructors_that_use_dynamic_allocas() {
    let src = common::root().join("tests").join("thread_locals").join("thread_end.cpp");
    for level in [0, 1] {
        let module = common::compile_c(&src, level);
        let reference = common::lli(&module);
        assert!(reference.stdout.contains("address space returned"), "lli-19: {reference:?}");
        for mode in [["--mode", "tier0"], ["--threshold", "1"]] {
            let stats = common::scratch().join(format!("thread_end-{}-{level}-{}.json", std::process::id(), mode[1]));
            let mut args = mode.to_vec();
            let stats_arg = stats.to_string_lossy().into_owned();
            args.extend(["--stats-json", stats_arg.as_str()]);
            let (got, stderr) = common::tierlift(&module, &args);
            assert_eq!(got, reference, "-O{level} {mode:?}: differs from lli-19; stderr:\n{stderr}");
            assert!(!stderr.contains("panicked"), "-O{level} {mode:?}: stderr:\n{stderr}");
            let stats: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
            for f in stats["functions"].as_array().unwrap() {
                assert!(f["fallback_reason"].is_null(), "-O{level} {mode:?}: {f}");
                if mode[1] == "tier0" && f["name"] != "__cxx_global_var_init" {
                    assert_eq!(f["tier"], "tier0", "-O{level}: {f}");
                }
            }
            let names: Vec<&str> =
                stats["functions"].as_array().unwrap().iter().filter_map(|f| f["name"].as_str()).collect();
            assert!(names.iter().any(|n| n.contains("fold_late")), "-O{level} {mode:?}: {names:?}");
        }
    }
}
