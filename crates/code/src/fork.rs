//! Keeping `fork` and process exit away from LLVM work in progress.
//!
//! A `fork`ed child has only the thread that called `fork`. Had a compile worker been inside LLVM at that moment,
//! LLVM's process-wide state (one-time initializations, registries, their locks) would be left half-changed in the
//! child for good, and the child's first LLVM compile would wait forever. Workers therefore hold [`llvm_work`]
//! while they use LLVM, and `fork` takes it exclusively first (a `pthread_atfork` handler): it waits for the
//! compile in progress to finish, and the child starts with no LLVM work half done.
//!
//! `exit` runs LLVM's static destructors; a worker compiling at that moment would use freed state (heap
//! corruption). An `atexit` handler waits for the work in progress and keeps workers from starting more: they stay
//! blocked until the process is gone. `exit` runs handlers newest first, and LLVM registers the destructors of
//! its function-local statics when a compile first reaches them, so the handler is registered again after each
//! of the first [`REREGISTRATIONS`] pieces of LLVM work (it acts once). A thread that calls `exit` from inside
//! LLVM work (LLVM's own fatal-error exit) does not wait for itself.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Once, RwLock, RwLockReadGuard, RwLockWriteGuard};

static LLVM_WORK: RwLock<()> = RwLock::new(());
static REGISTER: Once = Once::new();
/// The exit handler has run.
static QUIESCED: AtomicBool = AtomicBool::new(false);
/// Times the exit handler was registered again after LLVM work.
static REREGISTERED: AtomicU32 = AtomicU32::new(0);
/// After this many pieces of LLVM work, the statics LLVM builds on first use exist.
const REREGISTRATIONS: u32 = 64;

thread_local! {
    /// The locks `fork` holds across itself: LLVM work, then the short-lived locks of `compile_stack` and
    /// `thread_exit` (a child inheriting one of those held by a thread it does not have would wait forever at
    /// its first call of a function or its first `thread_local` with a destructor).
    /// A plain pointer (null when none are held), not a value with a destructor: a thread may fork from its
    /// end, in a `pthread_key_create` destructor, after Rust's thread-locals with destructors are gone.
    static HELD_FOR_FORK: Cell<*mut Vec<Box<dyn std::any::Any>>> = const { Cell::new(std::ptr::null_mut()) };
    /// [`LlvmWork`] guards this thread holds.
    static WORKING: Cell<u32> = const { Cell::new(0) };
}

extern "C" fn before_fork() {
    let llvm: RwLockWriteGuard<'static, ()> = LLVM_WORK.write().unwrap_or_else(|e| e.into_inner());
    let guards: Vec<Box<dyn std::any::Any>> =
        vec![Box::new(llvm), crate::compile_stack::lock_for_fork(), crate::thread_exit::lock_for_fork()];
    HELD_FOR_FORK.set(Box::into_raw(Box::new(guards)));
}

extern "C" fn after_fork() {
    let held = HELD_FOR_FORK.replace(std::ptr::null_mut());
    if held.is_null() {
        return;
    }
    // SAFETY: a non-null pointer is the box `before_fork` leaked on this thread, taken back once (the cell is
    // null again).
    let mut held = unsafe { Box::from_raw(held) };
    // Released in the reverse order of taking.
    while let Some(guard) = held.pop() {
        drop(guard);
    }
}

/// Installs the `fork` and `exit` handlers (see the module docs), once.
pub(crate) fn watch_fork_and_exit() {
    REGISTER.call_once(|| {
        // SAFETY: the handlers are plain functions that live for the whole process; `before_fork` runs in the
        // forking thread before the fork, `after_fork` in that thread of the parent and of the child afterwards,
        // so the guards taken before are released in both. `before_exit` runs once, at `exit`.
        unsafe {
            libc::pthread_atfork(Some(before_fork), Some(after_fork), Some(after_fork));
            libc::atexit(before_exit);
        }
    });
}

extern "C" fn before_exit() {
    if WORKING.with(Cell::get) > 0 || QUIESCED.swap(true, Ordering::AcqRel) {
        return;
    }
    // Held until the process is gone: no LLVM work starts while LLVM's static destructors run.
    std::mem::forget(LLVM_WORK.write().unwrap_or_else(|e| e.into_inner()));
}

/// LLVM work in progress on this thread (see the module docs); dropping it ends the work.
pub struct LlvmWork {
    _guard: RwLockReadGuard<'static, ()>,
}

impl Drop for LlvmWork {
    fn drop(&mut self) {
        WORKING.with(|w| w.set(w.get().saturating_sub(1)));
        if REREGISTERED.load(Ordering::Relaxed) < REREGISTRATIONS {
            REREGISTERED.fetch_add(1, Ordering::Relaxed);
            // SAFETY: registers a plain function that lives for the whole process (see `llvm_work`).
            unsafe { libc::atexit(before_exit) };
        }
    }
}

/// Marks LLVM work in progress until the guard is dropped; `fork` and `exit` wait for it (see the module docs).
pub fn llvm_work() -> LlvmWork {
    watch_fork_and_exit();
    let guard = LLVM_WORK.read().unwrap_or_else(|e| e.into_inner());
    WORKING.with(|w| w.set(w.get() + 1));
    LlvmWork { _guard: guard }
}
