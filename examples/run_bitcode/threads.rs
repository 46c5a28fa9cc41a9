//! The process's `pthread_create`: every thread created in the process — by the program's code, by a library it
//! calls (libstdc++'s `std::thread`) or by tierlift — is created here, so tierlift knows while the program has
//! a single thread and may leave the locks of its stream I/O out (`tierlift_code::unlocked_stdio`).

use std::ffi::{c_int, c_void};
use tierlift_code::program_threads;

/// Notes the creation, then creates the thread with the C library's `pthread_create`. Exported from the
/// executable (`build.rs`), so shared libraries and JIT code bind to it instead of the C library's.
///
/// # Safety
/// As the C library's `pthread_create`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn pthread_create(
    thread: *mut libc::pthread_t,
    attr: *const libc::pthread_attr_t,
    start: extern "C" fn(*mut c_void) -> *mut c_void,
    arg: *mut c_void,
) -> c_int {
    program_threads::thread_created();
    // SAFETY: the caller's arguments, passed on as the caller gave them.
    unsafe { program_threads::create_thread(thread, attr, start, arg) }
}

/// Whether every `pthread_create` of the process comes here: the dynamic linker's global scope finds this one.
pub fn every_creation_seen() -> bool {
    let here = pthread_create as *const () as usize;
    tierlift_code::dlsym_default(c"pthread_create") == Some(here)
}
