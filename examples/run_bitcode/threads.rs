//! The process's `pthread_create`: every thread created in the process — by the program's code, by a library it
//! calls (libstdc++'s `std::thread`) or by tierlift — is created here, so tierlift knows while the program has
//! a single thread and may leave the locks of its stream I/O out (`tierlift_code::unlocked_stdio`). The stream
//! functions are defined here too, for the shared libraries the program calls: libstdc++'s `std::cin` and
//! `std::cout` read and write through `getc`, `ungetc`, `putc`, `fread` and `fwrite`.

use std::ffi::{c_char, c_int, c_void};
use tierlift_code::program_threads;
use tierlift_code::unlocked_stdio::{self as stdio, File};

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

/// Defines the process's stream function `$name` as `tierlift_code::unlocked_stdio`'s.
macro_rules! stream_function {
    ($name:ident, ($($arg:ident: $ty:ty),*) -> $ret:ty) => {
        #[doc = concat!("The process's `", stringify!($name), "` (see the module documentation).")]
        ///
        /// # Safety
        #[doc = concat!("As the C library's `", stringify!($name), "`.")]
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn $name($($arg: $ty),*) -> $ret {
            // SAFETY: the caller's arguments, passed on as the caller gave them.
            unsafe { stdio::$name($($arg),*) }
        }
    };
}

stream_function!(getc, (stream: *mut File) -> c_int);
stream_function!(fgetc, (stream: *mut File) -> c_int);
stream_function!(getchar, () -> c_int);
stream_function!(putc, (c: c_int, stream: *mut File) -> c_int);
stream_function!(fputc, (c: c_int, stream: *mut File) -> c_int);
stream_function!(putchar, (c: c_int) -> c_int);
stream_function!(feof, (stream: *mut File) -> c_int);
stream_function!(ferror, (stream: *mut File) -> c_int);
stream_function!(fgets, (s: *mut c_char, n: c_int, stream: *mut File) -> *mut c_char);
stream_function!(fputs, (s: *const c_char, stream: *mut File) -> c_int);
stream_function!(fread, (p: *mut c_void, size: usize, n: usize, stream: *mut File) -> usize);
stream_function!(fwrite, (p: *const c_void, size: usize, n: usize, stream: *mut File) -> usize);
stream_function!(ungetc, (c: c_int, stream: *mut File) -> c_int);
