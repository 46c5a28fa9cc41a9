//! Keeping `fork` away from LLVM work in progress.
//!
//! A `fork`ed child has only the thread that called `fork`. Had a compile worker been inside LLVM at that moment,
//! LLVM's process-wide state (one-time initializations, registries, their locks) would be left half-changed in the
//! child for good, and the child's first LLVM compile would wait forever. Workers therefore hold [`llvm_work`]
//! while they use LLVM, and `fork` takes it exclusively first (a `pthread_atfork` handler): it waits for the
//! compile in progress to finish, and the child starts with no LLVM work half done.

use std::cell::RefCell;
use std::sync::{Once, RwLock, RwLockReadGuard, RwLockWriteGuard};

static LLVM_WORK: RwLock<()> = RwLock::new(());
static REGISTER: Once = Once::new();

thread_local! {
    static HELD_FOR_FORK: RefCell<Option<RwLockWriteGuard<'static, ()>>> = const { RefCell::new(None) };
}

extern "C" fn before_fork() {
    let guard = LLVM_WORK.write().unwrap_or_else(|e| e.into_inner());
    HELD_FOR_FORK.with(|held| *held.borrow_mut() = Some(guard));
}

extern "C" fn after_fork() {
    HELD_FOR_FORK.with(|held| drop(held.borrow_mut().take()));
}

/// Marks LLVM work in progress until the guard is dropped; `fork` waits for it (see the module docs).
pub fn llvm_work() -> RwLockReadGuard<'static, ()> {
    REGISTER.call_once(|| {
        // SAFETY: the handlers are plain functions that live for the whole process; `before_fork` runs in the
        // forking thread before the fork, `after_fork` in that thread of the parent and of the child afterwards,
        // so the guard taken before is released in both.
        unsafe { libc::pthread_atfork(Some(before_fork), Some(after_fork), Some(after_fork)) };
    });
    LLVM_WORK.read().unwrap_or_else(|e| e.into_inner())
}
