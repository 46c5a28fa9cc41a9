//! Stream I/O without the streams' locks while the program has a single thread.
//!
//! glibc's stdio locks a stream around every call once the process has created a thread, for good, and a JIT's own
//! threads count: on hosts where locked instructions are slow, a `getc` or `putc` loop runs six times slower than
//! in the native build of the same program. A host that sees every thread the process creates (it interposes
//! `pthread_create` and calls [`crate::program_threads::thread_created`] from it; `run_bitcode` does) may bind the
//! program's character and block I/O functions to the routines here ([`routine`]) and [`enable`] them: while no
//! thread but the program's first and tierlift's own exists, they call glibc's `_unlocked` variants, as glibc's own
//! functions effectively do in a single-threaded process; from the program's first other thread on, the locking
//! ones. The flag is set by the thread that creates the second program thread, before that thread exists, so no
//! unlocked call can overlap a call of another program thread.
//!
//! tierlift's threads are spawned with [`crate::program_threads::spawn_own`] and do not count; neither does a
//! thread one of them creates (LLVM's). Threads glibc creates without `pthread_create` count when the program's
//! code asks for them through the routines here: C11 `thrd_create`, asynchronous I/O (`aio_read`, `aio_write`,
//! `aio_fsync`, `lio_listio`) and `SIGEV_THREAD` notifications (`timer_create`, `mq_notify`). Not seen: such
//! requests made by a shared library on the program's behalf, and threads made with a bare `clone`.

use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

include!("stream_functions.in");

/// A C stream.
pub type File = libc::FILE;

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
}

/// The host sees every thread the process creates and asked for the unlocked paths ([`enable`]).
static ENABLED: AtomicBool = AtomicBool::new(false);

/// Turns the unlocked paths on, for a host whose `pthread_create` calls
/// [`crate::program_threads::thread_created`] for every thread of the process. Until then (and in every other
/// host) the routines here are the C library's locking functions.
pub fn enable() {
    ENABLED.store(true, Ordering::SeqCst);
}

/// Whether a stream call may leave the lock out now.
fn unlocked() -> bool {
    ENABLED.load(Ordering::Relaxed) && !crate::program_threads::program_is_threaded_relaxed()
}

/// The C library's definitions of [`STREAM_FUNCTIONS`], by position, once looked up.
static NEXT: [AtomicUsize; STREAM_FUNCTIONS.len()] = [const { AtomicUsize::new(0) }; STREAM_FUNCTIONS.len()];

/// The C library's definition of `STREAM_FUNCTIONS[index]`: the next one after the calling object's, so that a
/// host that defines (and exports) the stream functions itself, to serve shared libraries too, still reaches
/// glibc's.
fn next(index: usize) -> usize {
    let known = NEXT[index].load(Ordering::Relaxed);
    if known != 0 {
        return known;
    }
    let Ok(name) = std::ffi::CString::new(STREAM_FUNCTIONS[index]) else { unreachable!("names have no NUL") };
    let Some(found) = crate::dlsym_next(&name) else {
        // Every stream function exists in the C library; without it the call cannot be made.
        // SAFETY: ends the process; nothing is left half done by this thread's stream call, which has not begun.
        unsafe { libc::abort() }
    };
    NEXT[index].store(found, Ordering::Relaxed);
    found
}

/// Looks every C library stream function up now, so that no later call (from a signal handler, say) needs the
/// dynamic linker. A host that defines the stream functions calls this before the program runs.
pub fn prepare() {
    (0..STREAM_FUNCTIONS.len()).for_each(|i| {
        next(i);
    });
}

/// The position of `name` in [`STREAM_FUNCTIONS`], at compile time.
const fn position(name: &str) -> usize {
    let mut i = 0;
    while i < STREAM_FUNCTIONS.len() {
        if const_str_eq(STREAM_FUNCTIONS[i], name) {
            return i;
        }
        i += 1;
    }
    panic!("not a stream function")
}

const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Defines a routine that calls `$unlocked` while the program has one thread, the C library's `$name`
/// otherwise.
macro_rules! single_threaded {
    ($routine:ident, $unlocked:ident, $name:literal, ($($arg:ident: $ty:ty),*) -> $ret:ty) => {
        #[doc = concat!("`", $name, "` that leaves the stream's lock out while the program has one thread.")]
        ///
        /// # Safety
        #[doc = concat!("As the C library's `", $name, "`.")]
        pub unsafe extern "C" fn $routine($($arg: $ty),*) -> $ret {
            const AT: usize = position($name);
            // SAFETY: the caller passes what the C library's function takes; the unlocked variant is used only
            // while no other thread of the program exists (see the module documentation), which is when leaving
            // the stream's lock out is sound; `next` is the C library's function of this name and type.
            unsafe {
                if unlocked() {
                    $unlocked($($arg),*)
                } else {
                    let f: unsafe extern "C" fn($($ty),*) -> $ret =
                        std::mem::transmute(next(AT));
                    f($($arg),*)
                }
            }
        }
    };
}

single_threaded!(getc, getc_unlocked, "getc", (stream: *mut File) -> c_int);
single_threaded!(fgetc, fgetc_unlocked, "fgetc", (stream: *mut File) -> c_int);
single_threaded!(getchar, getchar_unlocked, "getchar", () -> c_int);
single_threaded!(putc, putc_unlocked, "putc", (c: c_int, stream: *mut File) -> c_int);
single_threaded!(fputc, fputc_unlocked, "fputc", (c: c_int, stream: *mut File) -> c_int);
single_threaded!(putchar, putchar_unlocked, "putchar", (c: c_int) -> c_int);
single_threaded!(feof, feof_unlocked, "feof", (stream: *mut File) -> c_int);
single_threaded!(ferror, ferror_unlocked, "ferror", (stream: *mut File) -> c_int);
single_threaded!(fgets, fgets_unlocked, "fgets", (s: *mut c_char, n: c_int, stream: *mut File) -> *mut c_char);
single_threaded!(fputs, fputs_unlocked, "fputs", (s: *const c_char, stream: *mut File) -> c_int);
single_threaded!(fread, fread_unlocked, "fread", (p: *mut c_void, size: usize, n: usize, stream: *mut File) -> usize);
single_threaded!(fwrite, fwrite_unlocked, "fwrite", (p: *const c_void, size: usize, n: usize, stream: *mut File) -> usize);

/// The start of glibc's `FILE`, as its public header (`bits/types/struct_FILE.h`) lays it out: the fields
/// `getc_unlocked`'s inline expansion reads, fixed by the C library's ABI.
#[repr(C)]
struct FileHead {
    flags: c_int,
    read_ptr: *mut u8,
    read_end: *mut u8,
    read_base: *mut u8,
}

/// The stream's end-of-file flag in `FileHead::flags` (`_IO_EOF_SEEN`, public for `feof_unlocked`).
const EOF_SEEN: c_int = 0x10;

/// `ungetc` that leaves the stream's lock out while the program has one thread. glibc has no unlocked variant;
/// the common case — pushing back the byte just read, still in the buffer — is what glibc does first: step the
/// read pointer back and clear the end-of-file flag. Anything else is the C library's `ungetc`.
///
/// # Safety
/// As the C library's `ungetc`.
pub unsafe extern "C" fn ungetc(c: c_int, stream: *mut File) -> c_int {
    const AT: usize = position("ungetc");
    if c != libc::EOF && unlocked() && !stream.is_null() {
        let head = stream.cast::<FileHead>();
        // SAFETY: `stream` is an open glibc stream (the caller's contract), which starts with `FileHead`; no
        // other thread of the program exists to use it meanwhile. The byte before the read pointer is in the
        // stream's buffer when the pointer is past the buffer's start.
        unsafe {
            let at = (*head).read_ptr;
            if !at.is_null() && at > (*head).read_base && *at.sub(1) == c as u8 {
                (*head).read_ptr = at.sub(1);
                (*head).flags &= !EOF_SEEN;
                return c_int::from(c as u8);
            }
        }
    }
    // SAFETY: the C library's `ungetc`, with the caller's arguments.
    unsafe {
        let f: unsafe extern "C" fn(c_int, *mut File) -> c_int = std::mem::transmute(next(AT));
        f(c, stream)
    }
}

/// Notes a thread glibc will create for a `SIGEV_THREAD` notification of `event` (null: none).
///
/// # Safety
/// `event` is null or points to a `sigevent`.
unsafe fn note_notification_thread(event: *const libc::sigevent) {
    // SAFETY: the caller's contract.
    if !event.is_null() && unsafe { (*event).sigev_notify } == libc::SIGEV_THREAD {
        crate::program_threads::thread_created();
    }
}

/// `timer_create` for the program: a `SIGEV_THREAD` timer makes glibc create a thread that runs program code.
extern "C" fn timer_create_noting(
    clock: libc::clockid_t,
    event: *mut libc::sigevent,
    timer: *mut libc::timer_t,
) -> c_int {
    // SAFETY: `event` is null or the program's event description, as `timer_create` takes it.
    unsafe {
        note_notification_thread(event);
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
        note_notification_thread(event);
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
/// function through which glibc creates threads for the program). For hosts that call
/// [`crate::program_threads::thread_created`] from their `pthread_create`; elsewhere the program's threads would
/// go unseen.
pub fn routine(name: &str) -> Option<usize> {
    let address = match name {
        "getc" | "_IO_getc" => getc as *const () as usize,
        "fgetc" => fgetc as *const () as usize,
        "getchar" => getchar as *const () as usize,
        "putc" | "_IO_putc" => putc as *const () as usize,
        "fputc" => fputc as *const () as usize,
        "putchar" => putchar as *const () as usize,
        "feof" => feof as *const () as usize,
        "ferror" => ferror as *const () as usize,
        "fgets" => fgets as *const () as usize,
        "fputs" => fputs as *const () as usize,
        "fread" => fread as *const () as usize,
        "fwrite" => fwrite as *const () as usize,
        "ungetc" => ungetc as *const () as usize,
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

/// Other names [`routine`] answers for: glibc's old names of `getc` and `putc`, and the functions through which
/// glibc creates threads for the program without `pthread_create`.
const THREAD_MAKERS_AND_ALIASES: &[&str] = &[
    "_IO_getc",
    "_IO_putc",
    "timer_create",
    "mq_notify",
    "thrd_create",
    "aio_read",
    "aio_write",
    "aio_fsync",
    "lio_listio",
];

/// The names [`routine`] answers for.
pub fn names() -> impl Iterator<Item = &'static str> {
    STREAM_FUNCTIONS.iter().chain(THREAD_MAKERS_AND_ALIASES).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locking_path_reaches_the_c_library() {
        prepare();
        for (i, name) in STREAM_FUNCTIONS.iter().enumerate() {
            let c = std::ffi::CString::new(*name).unwrap();
            // SAFETY: a NUL-terminated name; only the address is used.
            let libc_own = unsafe { libc::dlsym(libc::RTLD_DEFAULT, c.as_ptr()) } as usize;
            assert_eq!(next(i), libc_own, "{name}: nothing here defines it, so the next one is the C library's");
        }
        assert_eq!(STREAM_FUNCTIONS[position("ungetc")], "ungetc");
    }

    #[test]
    fn every_name_has_a_routine() {
        for name in names() {
            assert!(routine(name).is_some(), "{name}");
        }
        assert_eq!(routine("printf"), None);
    }
}
