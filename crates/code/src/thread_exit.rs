//! Destructors of JIT code's `thread_local` objects: `__cxa_thread_atexit` for a module.
//!
//! C++ registers a `thread_local` object's destructor with `__cxa_thread_atexit(destructor, object,
//! &__dso_handle)` on the thread that first uses it; the C library runs the thread's destructors when the thread
//! ends, or from `exit` for the exiting thread. Two things differ for a JIT module:
//! - **It can be unloaded while a thread still has a destructor of it pending.** The C library would then call
//!   freed code when that thread ends. Each registration here holds the module (its owner, see
//!   [`crate::ModuleExit::set_owner`]) until the destructor has run, as the C library keeps a shared library
//!   loaded while destructors of it are pending: an unloaded module stays in memory until the last thread with
//!   such a destructor has ended.
//! - **An embedder may end the process other than by `exit`** (`run_bitcode` replaces the program's `exit` and ends
//!   with `_exit`, so that no library destructor runs under a compiling worker). [`run_thread_destructors`] runs
//!   the calling thread's pending destructors first, as `exit` would have.
//!
//! Each registration is a record passed to the C library's `__cxa_thread_atexit_impl`; the record runs its
//! destructor once, whether `run_thread_destructors` or the thread's end comes first, and is freed at the thread's
//! end.

use std::any::Any;
use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};

/// What keeps a module loaded: its owner, as the embedding layer gave it.
pub(crate) type Owner = OnceLock<Weak<dyn Any + Send + Sync>>;

/// One registered destructor.
struct Record {
    destructor: extern "C" fn(*mut c_void),
    object: *mut c_void,
    thread: libc::pid_t,
    ran: AtomicBool,
    /// The module, kept loaded until the record is freed.
    _owner: Arc<dyn Any + Send + Sync>,
}

/// The records not yet freed, in registration order.
struct Pending(Vec<*const Record>);

// SAFETY: the pointers are only dereferenced while the record is alive (a record leaves this list before it is
// freed, under the lock), for its immutable fields and its atomic flag.
unsafe impl Send for Pending {}

static PENDING: Mutex<Pending> = Mutex::new(Pending(Vec::new()));

/// The records' lock, held across a `fork` (see `fork`).
pub(crate) fn lock_for_fork() -> Box<dyn Any> {
    Box::new(PENDING.lock().unwrap_or_else(|e| e.into_inner()))
}

unsafe extern "C" {
    fn __cxa_thread_atexit_impl(
        destructor: extern "C" fn(*mut c_void),
        object: *mut c_void,
        dso_handle: *mut c_void,
    ) -> c_int;
}

/// `__cxa_thread_atexit` for the module whose owner cell is `owner` (its thunk passes it as a fourth argument).
pub(crate) extern "C" fn module_thread_atexit(
    destructor: extern "C" fn(*mut c_void),
    object: *mut c_void,
    dso_handle: *mut c_void,
    owner: *const Owner,
) -> c_int {
    // SAFETY: the module's thunk passes the address of its `ModuleExit`'s owner cell, which lives as long as the
    // module's code, whose thread is calling.
    let owner = unsafe { &*owner };
    // A module being unloaded (its owner is gone) runs no new destructor at a thread's end: its code is about to
    // be freed.
    let Some(owner) = owner.get().and_then(Weak::upgrade) else { return 0 };
    crate::fork::watch_fork_and_exit();
    // SAFETY: `gettid` has no preconditions.
    let thread = unsafe { libc::gettid() };
    let record =
        Box::into_raw(Box::new(Record { destructor, object, thread, ran: AtomicBool::new(false), _owner: owner }));
    PENDING.lock().unwrap_or_else(|e| e.into_inner()).0.push(record);
    // SAFETY: the C library calls `end_of_thread` once, with `record`, when this thread ends; the record stays
    // allocated until then.
    let status = unsafe { __cxa_thread_atexit_impl(end_of_thread, record.cast(), dso_handle) };
    if status != 0 {
        end_of_thread_without_running(record);
    }
    status
}

/// Runs a record's destructor, unless it ran already.
fn run(record: &Record) {
    if !record.ran.swap(true, Ordering::AcqRel) {
        crate::enter_jit(|| (record.destructor)(record.object));
    }
}

/// Takes `record` out of the pending list and frees it (dropping its hold on the module).
fn end_of_thread_without_running(record: *mut Record) {
    PENDING.lock().unwrap_or_else(|e| e.into_inner()).0.retain(|&r| r != record.cast_const());
    // SAFETY: made by `Box::into_raw` in `module_thread_atexit`, reached once here (the C library calls
    // `end_of_thread` once, or never if registering failed); no longer in `PENDING`, so nothing else reaches it.
    drop(unsafe { Box::from_raw(record) });
}

/// The C library's call at the thread's end.
extern "C" fn end_of_thread(record: *mut c_void) {
    let record = record.cast::<Record>();
    // SAFETY: the record is alive until freed just below.
    run(unsafe { &*record });
    end_of_thread_without_running(record);
}

/// Runs the calling thread's pending destructors of JIT code's `thread_local` objects now, the most recently
/// registered first (including any registered while they run), as `exit` does for the exiting thread. For an
/// embedder that ends the process without `exit`; each destructor runs once (not again when the thread ends).
pub fn run_thread_destructors() {
    // SAFETY: `gettid` has no preconditions.
    let me = unsafe { libc::gettid() };
    loop {
        let next = {
            let pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
            // SAFETY: records in `PENDING` are alive.
            pending.0.iter().rev().copied().find(|&r| unsafe { (*r).thread == me && !(*r).ran.load(Ordering::Acquire) })
        };
        let Some(record) = next else { return };
        // SAFETY: a record of this thread stays alive until this thread ends (its `end_of_thread`), so after the
        // lock is released too.
        run(unsafe { &*record });
    }
}
