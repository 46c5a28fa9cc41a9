//! How the program ends: `exit` (or a return from `main`), `main`'s thread leaving with `pthread_exit`, and the
//! destructors of the exiting thread's `thread_local` objects, each as the C library does it natively.

use std::ffi::{c_int, c_void};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The end of the program, from main's return or from its `exit`: run the exiting thread's `thread_local`
/// destructors and the exit-time functions while compiles still work, write the stats, flush the C streams, and
/// end the process. `_exit` does not wait for a compile in flight (which can take longer than the program ran)
/// and runs no static destructors of the libraries, so none of LLVM's runs under a compiling worker; the
/// program's own exit-time functions are the module's and ran above.
pub fn finish(status: c_int) -> ! {
    run_thread_destructors();
    if let Some(r) = crate::RUNNING.get() {
        // The program's exit-time functions, then its libraries', most recently loaded first.
        r.module.run_exit_functions();
        for lib in r.libraries.iter().rev() {
            lib.run_exit_functions();
        }
        // The program's output first, then the stats.
        // SAFETY: flushes every C stream; no stream is being written concurrently by this thread.
        unsafe { libc::fflush(std::ptr::null_mut()) };
        if r.wait_compiles {
            r.module.wait_idle(std::time::Duration::from_secs(60));
        }
        let stats = r.module.stats();
        if r.stats {
            eprint!("{}", stats.table());
        }
        if let Err(e) = r.module.write_observations() {
            eprintln!("run_bitcode: {e}");
        }
        if let Some(path) = &r.stats_json {
            let json = serde_json::to_string_pretty(&stats).unwrap_or_default();
            if let Err(e) = std::fs::write(path, json) {
                eprintln!("run_bitcode: cannot write {}: {e}", path.display());
            }
        }
    }
    // SAFETY: flushes every C stream, then ends the process at once; nothing of this process runs afterwards.
    unsafe {
        libc::fflush(std::ptr::null_mut());
        libc::_exit(status)
    }
}

/// Replaces the C library's `exit` for the program.
pub extern "C" fn program_exit(status: c_int) -> ! {
    finish(status)
}

/// The thread that runs the program's `main` (`pthread_self`), once it does.
pub static MAIN_THREAD: AtomicU64 = AtomicU64::new(0);

/// Replaces `pthread_exit` for the program. Another thread exits as usual. `main`'s thread ends the program's
/// main thread, which natively leaves the process running until its last thread ends, and then exits with status
/// 0: here the thread runs its `thread_local` destructors, waits for the program's other threads (every thread
/// but tierlift's own, whose names start with `tierlift-`) and then ends the program as `exit(0)` would. Unlike
/// natively, `main`'s own frames are not unwound (a C++ destructor or a cleanup handler pending in them does not
/// run).
pub extern "C" fn program_pthread_exit(value: *mut c_void) -> ! {
    // SAFETY: `pthread_self` has no preconditions.
    let me = unsafe { libc::pthread_self() } as u64;
    if me != MAIN_THREAD.load(Ordering::Acquire) {
        // SAFETY: what the program asked for, on one of its own threads (whose first frame is the C library's).
        unsafe { libc::pthread_exit(value) }
    }
    run_thread_destructors();
    while other_program_threads() > 0 {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    finish(0)
}

/// How many threads of this process other than the calling one are the program's.
fn other_program_threads() -> usize {
    // SAFETY: `gettid` has no preconditions.
    let me = unsafe { libc::gettid() }.to_string();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return 0 };
    tasks
        .filter_map(|task| task.ok())
        .filter(|task| task.file_name().to_str() != Some(me.as_str()))
        .filter(|task| {
            // A thread that ended between the listing and this read is no longer there.
            std::fs::read_to_string(task.path().join("comm")).is_ok_and(|name| !name.starts_with("tierlift-"))
        })
        .count()
}

/// A `thread_local` object's destructor, registered by the program on one thread.
struct ThreadDestructor {
    destructor: extern "C" fn(*mut c_void),
    object: *mut c_void,
    thread: libc::pid_t,
    ran: AtomicBool,
}

/// The destructors registered and not yet run, in registration order. (Raw pointers of `Box`es: the C
/// library's list holds them too, so a record lives until its thread ends.)
struct Pending(Vec<*const ThreadDestructor>);

// SAFETY: the records are only read (their `ran` flag is atomic) and freed by the thread that registered them.
unsafe impl Send for Pending {}

static PENDING: Mutex<Pending> = Mutex::new(Pending(Vec::new()));

unsafe extern "C" {
    fn __cxa_thread_atexit_impl(
        destructor: extern "C" fn(*mut c_void),
        object: *mut c_void,
        dso_handle: *mut c_void,
    ) -> c_int;
}

/// Replaces `__cxa_thread_atexit` (what C++ `thread_local` objects register their destructors with) for the
/// program. The C library runs a thread's destructors when the thread ends and, natively, from `exit` for the
/// exiting thread; `finish` ends the process with `_exit`, so it runs the exiting thread's itself: each
/// destructor is registered with the C library through a record that runs it once, whichever comes first.
pub extern "C" fn program_thread_atexit(
    destructor: extern "C" fn(*mut c_void),
    object: *mut c_void,
    dso_handle: *mut c_void,
) -> c_int {
    // SAFETY: `gettid` has no preconditions.
    let thread = unsafe { libc::gettid() };
    let record = Box::into_raw(Box::new(ThreadDestructor { destructor, object, thread, ran: AtomicBool::new(false) }));
    PENDING.lock().unwrap_or_else(|e| e.into_inner()).0.push(record);
    // SAFETY: `run_record` is called once, at this thread's end, with `record`, which stays allocated until then.
    unsafe { __cxa_thread_atexit_impl(run_record, record.cast(), dso_handle) }
}

/// Runs a record's destructor unless `finish` ran it, and frees the record (at its thread's end).
extern "C" fn run_record(record: *mut c_void) {
    let record = record.cast::<ThreadDestructor>();
    PENDING.lock().unwrap_or_else(|e| e.into_inner()).0.retain(|&r| r != record.cast_const());
    // SAFETY: `program_thread_atexit` made `record` with `Box::into_raw`, and the C library calls this once for
    // it; it is no longer in `PENDING`, so nothing else reaches it.
    let record = unsafe { Box::from_raw(record) };
    if !record.ran.swap(true, Ordering::AcqRel) {
        (record.destructor)(record.object);
    }
}

/// Runs the calling thread's pending `thread_local` destructors, the most recently registered first (as the C
/// library would at this thread's end), including any registered while they run.
fn run_thread_destructors() {
    // SAFETY: `gettid` has no preconditions.
    let me = unsafe { libc::gettid() };
    loop {
        let next = {
            let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
            // SAFETY: records in `PENDING` are alive (freed only after leaving it, by their own thread: this one).
            pending.0.iter().rev().copied().find(|&r| unsafe { (*r).thread == me && !(*r).ran.load(Ordering::Acquire) })
        };
        let Some(record) = next else { return };
        // SAFETY: as above; the record stays in `PENDING` (the C library's entry still points to it).
        let record = unsafe { &*record };
        if !record.ran.swap(true, Ordering::AcqRel) {
            (record.destructor)(record.object);
        }
    }
}
