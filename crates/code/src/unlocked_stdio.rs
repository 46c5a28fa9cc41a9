//! Stream I/O without the streams' locks while the program has a single thread.
//!
//! glibc's stdio locks a stream around every call once the process has created a thread, for good, and a JIT's
//! own threads count: on hosts where locked instructions are slow, a `getc` or `putc` loop runs six times slower
//! than in the native build of the same program. A host that sees every thread the process creates (it
//! interposes `pthread_create` and calls [`crate::program_threads::thread_created`] from it; `run_bitcode` does) may bind the program's
//! character and block I/O functions to the routines here ([`routine`]): while no thread but the program's first
//! and tierlift's own exists, they call glibc's `_unlocked` variants, as glibc's own functions effectively do in
//! a single-threaded process; from the program's first other thread on, the locking ones. The flag is set by the
//! thread that creates the second program thread, before that thread exists, so no unlocked call can overlap a
//! call of another program thread.
//!
//! tierlift's threads are spawned with [`crate::program_threads::spawn_own`] and do not count; neither does a
//! thread one of them creates (LLVM's). Threads glibc creates without `pthread_create` count when the program's
//! code asks for them through the routines here: C11 `thrd_create`, asynchronous I/O (`aio_read`, `aio_write`,
//! `aio_fsync`, `lio_listio`) and `SIGEV_THREAD` notifications (`timer_create`, `mq_notify`). Not seen: such
//! requests made by a shared library on the program's behalf, and threads made with a bare `clone`.

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::Ordering;

type File = libc::FILE;

unsafe extern "C" {
    fn getc_unlocked(stream: *mut File) -> c_int;
    fn fgetc_unlocked(stream: *mut File) -> c_int;
    fn getchar_unlocked() -> c_int;
    fn putc_unlocked(c: c_int, stream: *mut File) -> c_int;
    fn fputc_unlocked(c: c_int, stream: *mut File) -> c_int;
    fn putchar_unlocked(c: c_int) -> c_int;
    fn feof_unlocked(stream: *mut File) -> c_int;
    fn ferror_unlocked(stream: *mut File) -> c_int;
    fn fgets_unlocked(s: *mut c_char, n: c_int, stream: *mut File) -> *mut c_char;
    fn fputs_unlocked(s: *const c_char, stream: *mut File) -> c_int;
    fn fread_unlocked(p: *mut c_void, size: usize, n: usize, stream: *mut File) -> usize;
    fn fwrite_unlocked(p: *const c_void, size: usize, n: usize, stream: *mut File) -> usize;
    fn getc(stream: *mut File) -> c_int;
    fn getchar() -> c_int;
    fn putc(c: c_int, stream: *mut File) -> c_int;
    fn putchar(c: c_int) -> c_int;
    fn feof(stream: *mut File) -> c_int;
    fn ferror(stream: *mut File) -> c_int;
}

/// Defines a routine that calls `$unlocked` while the program has one thread, `$locked` afterwards.
macro_rules! single_threaded {
    ($name:ident, $unlocked:ident, $locked:path, ($($arg:ident: $ty:ty),*) -> $ret:ty) => {
        extern "C" fn $name($($arg: $ty),*) -> $ret {
            // SAFETY: the program calls this as it would call the C library's function, with the same
            // arguments; the unlocked variant is used only while no other thread of the program exists (see
            // the module documentation), which is when leaving the stream's lock out is sound.
            unsafe {
                if crate::program_threads::THREADED.load(Ordering::Relaxed) { $locked($($arg),*) } else { $unlocked($($arg),*) }
            }
        }
    };
}

single_threaded!(getc_single, getc_unlocked, getc, (stream: *mut File) -> c_int);
single_threaded!(fgetc_single, fgetc_unlocked, libc::fgetc, (stream: *mut File) -> c_int);
single_threaded!(getchar_single, getchar_unlocked, getchar, () -> c_int);
single_threaded!(putc_single, putc_unlocked, putc, (c: c_int, stream: *mut File) -> c_int);
single_threaded!(fputc_single, fputc_unlocked, libc::fputc, (c: c_int, stream: *mut File) -> c_int);
single_threaded!(putchar_single, putchar_unlocked, putchar, (c: c_int) -> c_int);
single_threaded!(feof_single, feof_unlocked, feof, (stream: *mut File) -> c_int);
single_threaded!(ferror_single, ferror_unlocked, ferror, (stream: *mut File) -> c_int);
single_threaded!(fgets_single, fgets_unlocked, libc::fgets, (s: *mut c_char, n: c_int, stream: *mut File) -> *mut c_char);
single_threaded!(fputs_single, fputs_unlocked, libc::fputs, (s: *const c_char, stream: *mut File) -> c_int);
single_threaded!(fread_single, fread_unlocked, libc::fread, (p: *mut c_void, size: usize, n: usize, stream: *mut File) -> usize);
single_threaded!(fwrite_single, fwrite_unlocked, libc::fwrite, (p: *const c_void, size: usize, n: usize, stream: *mut File) -> usize);

/// `timer_create` for the program: a `SIGEV_THREAD` timer makes glibc create a thread that runs program code.
extern "C" fn timer_create_noting(
    clock: libc::clockid_t,
    event: *mut libc::sigevent,
    timer: *mut libc::timer_t,
) -> c_int {
    // SAFETY: `event` is null or the program's event description, as `timer_create` takes it.
    unsafe {
        if !event.is_null() && (*event).sigev_notify == libc::SIGEV_THREAD {
            crate::program_threads::thread_created();
        }
        libc::timer_create(clock, event, timer)
    }
}

unsafe extern "C" {
    fn mq_notify(queue: libc::mqd_t, event: *const libc::sigevent) -> c_int;
}

/// `mq_notify` for the program: a `SIGEV_THREAD` notification runs program code on a thread glibc creates.
extern "C" fn mq_notify_noting(queue: libc::mqd_t, event: *const libc::sigevent) -> c_int {
    // SAFETY: `event` is null or the program's event description, as `mq_notify` takes it.
    unsafe {
        if !event.is_null() && (*event).sigev_notify == libc::SIGEV_THREAD {
            crate::program_threads::thread_created();
        }
        mq_notify(queue, event)
    }
}

unsafe extern "C" {
    fn thrd_create(thread: *mut libc::c_ulong, start: extern "C" fn(*mut c_void) -> c_int, arg: *mut c_void) -> c_int;
    fn aio_read(request: *mut c_void) -> c_int;
    fn aio_write(request: *mut c_void) -> c_int;
    fn aio_fsync(op: c_int, request: *mut c_void) -> c_int;
    fn lio_listio(mode: c_int, list: *const *mut c_void, n: c_int, event: *mut libc::sigevent) -> c_int;
}

/// `thrd_create` for the program: glibc creates C11 threads without passing through `pthread_create`.
extern "C" fn thrd_create_noting(
    thread: *mut libc::c_ulong,
    start: extern "C" fn(*mut c_void) -> c_int,
    arg: *mut c_void,
) -> c_int {
    crate::program_threads::thread_created();
    // SAFETY: the program's arguments, as `thrd_create` takes them.
    unsafe { thrd_create(thread, start, arg) }
}

// Asynchronous I/O runs on threads glibc creates, and may notify on one (`SIGEV_THREAD`): any request counts.
extern "C" fn aio_read_noting(request: *mut c_void) -> c_int {
    crate::program_threads::thread_created();
    // SAFETY: the program's request, as `aio_read` takes it.
    unsafe { aio_read(request) }
}

extern "C" fn aio_write_noting(request: *mut c_void) -> c_int {
    crate::program_threads::thread_created();
    // SAFETY: the program's request, as `aio_write` takes it.
    unsafe { aio_write(request) }
}

extern "C" fn aio_fsync_noting(op: c_int, request: *mut c_void) -> c_int {
    crate::program_threads::thread_created();
    // SAFETY: the program's arguments, as `aio_fsync` takes them.
    unsafe { aio_fsync(op, request) }
}

extern "C" fn lio_listio_noting(mode: c_int, list: *const *mut c_void, n: c_int, event: *mut libc::sigevent) -> c_int {
    crate::program_threads::thread_created();
    // SAFETY: the program's arguments, as `lio_listio` takes them.
    unsafe { lio_listio(mode, list, n, event) }
}

/// The routine for the program's external function `name`, if it is one of the stream functions above (or a
/// function through which glibc creates threads for the program). For hosts that call [`thread_created`] from
/// their `pthread_create`; elsewhere the program's threads would go unseen.
pub fn routine(name: &str) -> Option<usize> {
    let address = match name {
        "getc" | "_IO_getc" => getc_single as *const () as usize,
        "fgetc" => fgetc_single as *const () as usize,
        "getchar" => getchar_single as *const () as usize,
        "putc" | "_IO_putc" => putc_single as *const () as usize,
        "fputc" => fputc_single as *const () as usize,
        "putchar" => putchar_single as *const () as usize,
        "feof" => feof_single as *const () as usize,
        "ferror" => ferror_single as *const () as usize,
        "fgets" => fgets_single as *const () as usize,
        "fputs" => fputs_single as *const () as usize,
        "fread" => fread_single as *const () as usize,
        "fwrite" => fwrite_single as *const () as usize,
        "timer_create" => timer_create_noting as *const () as usize,
        "mq_notify" => mq_notify_noting as *const () as usize,
        "thrd_create" => thrd_create_noting as *const () as usize,
        "aio_read" => aio_read_noting as *const () as usize,
        "aio_write" => aio_write_noting as *const () as usize,
        "aio_fsync" => aio_fsync_noting as *const () as usize,
        "lio_listio" => lio_listio_noting as *const () as usize,
        _ => return None,
    };
    Some(address)
}

/// The names [`routine`] answers for.
pub const NAMES: &[&str] = &[
    "getc",
    "_IO_getc",
    "fgetc",
    "getchar",
    "putc",
    "_IO_putc",
    "fputc",
    "putchar",
    "feof",
    "ferror",
    "fgets",
    "fputs",
    "fread",
    "fwrite",
    "timer_create",
    "mq_notify",
    "thrd_create",
    "aio_read",
    "aio_write",
    "aio_fsync",
    "lio_listio",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_has_a_routine() {
        for name in NAMES {
            assert!(routine(name).is_some(), "{name}");
        }
        assert_eq!(routine("printf"), None);
    }
}
