//! How the program ends: `exit` (or a return from `main`), `main`'s thread leaving with `pthread_exit`, and the
//! destructors of the exiting thread's `thread_local` objects, each as the C library does it natively.

use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicU64, Ordering};

/// The end of the program, from main's return or from its `exit`: run the exiting thread's `thread_local`
/// destructors and the exit-time functions while compiles still work, write the stats, flush the C streams, and
/// end the process. `_exit` does not wait for a compile in flight (which can take longer than the program ran)
/// and runs no static destructors of the libraries, so none of LLVM's runs under a compiling worker; the
/// program's own exit-time functions are the module's and ran above.
pub fn finish(status: c_int) -> ! {
    tierlift::run_thread_destructors();
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
///
/// `pthread_exit` ends a thread by a forced unwind, which passes through this function's frame: it is
/// `C-unwind`, and calls `pthread_exit` as a function that unwinds, so that its unwind tables list that call
/// (with nothing to run there). As an `extern "C"` function its optimized code had a table of call sites without
/// it, which makes the personality routine stop the unwind, and the C library then aborts the process.
pub extern "C-unwind" fn program_pthread_exit(value: *mut c_void) -> ! {
    // SAFETY: `pthread_self` has no preconditions.
    let me = unsafe { libc::pthread_self() } as u64;
    if me != MAIN_THREAD.load(Ordering::Acquire) {
        // SAFETY: what the program asked for, on one of its own threads (whose first frame is the C library's);
        // this frame holds nothing to drop.
        unsafe { pthread_exit_unwinding(value) }
    }
    tierlift::run_thread_destructors();
    while other_program_threads() > 0 {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    finish(0)
}

unsafe extern "C-unwind" {
    /// The C library's `pthread_exit`, declared as what it is: it unwinds the calling thread.
    #[link_name = "pthread_exit"]
    fn pthread_exit_unwinding(value: *mut c_void) -> !;
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
