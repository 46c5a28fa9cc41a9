//! Which threads are the program's: tierlift spawns its own with [`spawn_own`], and a host that sees every
//! thread the process creates (it interposes `pthread_create`, as `run_bitcode` does) reports each creation to
//! [`thread_created`] and creates the thread with [`create_thread`]. Until a thread that is not tierlift's is
//! created, the program has a single thread, and [`crate::unlocked_stdio`] may leave the streams' locks out.

use std::cell::Cell;
use std::ffi::{c_int, c_void};
use std::sync::atomic::{AtomicU8, Ordering};

/// 1 until a thread of the program's other than its first is created, then 0 for good. It is also the program's
/// `__libc_single_threaded`, as glibc's own variable would be in the program's native process (glibc's is 0
/// here from tierlift's first thread on): inline C++ library code reads it to choose plain over atomic
/// reference counts.
static SINGLE_THREADED: AtomicU8 = AtomicU8::new(1);

/// The address of the program's `__libc_single_threaded` (a `char`), for a host that sees every thread.
pub fn single_threaded_address() -> usize {
    SINGLE_THREADED.as_ptr() as usize
}

thread_local! {
    /// This thread is tierlift's, or is creating one of tierlift's.
    static OWN: Cell<bool> = const { Cell::new(false) };
}

/// Spawns one of tierlift's own threads: it does not end the program's single-threaded I/O, and neither do the
/// threads it creates.
pub fn spawn_own<F, T>(builder: std::thread::Builder, f: F) -> std::io::Result<std::thread::JoinHandle<T>>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let was = OWN.replace(true);
    let spawned = builder.spawn(move || {
        OWN.set(true);
        f()
    });
    OWN.set(was);
    spawned
}

/// A thread is about to be created (the host's `pthread_create` calls this first): unless the caller is one of
/// tierlift's threads, the program is no longer single-threaded.
pub fn thread_created() {
    if !OWN.try_with(Cell::get).unwrap_or(false) {
        SINGLE_THREADED.store(0, Ordering::SeqCst);
    }
}

/// Whether a thread of the program's other than its first was created.
pub fn program_is_threaded() -> bool {
    SINGLE_THREADED.load(Ordering::SeqCst) == 0
}

/// [`program_is_threaded`] for a hot path: the flag is only ever set by the program's one thread (before the
/// second exists) or by a later one, so a relaxed load orders as the caller needs.
pub(crate) fn program_is_threaded_relaxed() -> bool {
    SINGLE_THREADED.load(Ordering::Relaxed) == 0
}

/// Creates a thread with the C library's `pthread_create` (the next definition after the host's own).
///
/// # Safety
/// As `pthread_create`: `thread` is writable, `attr` null or an initialized attribute object, `start` a function
/// that may be run with `arg` on a new thread.
pub unsafe fn create_thread(
    thread: *mut libc::pthread_t,
    attr: *const libc::pthread_attr_t,
    start: extern "C" fn(*mut c_void) -> *mut c_void,
    arg: *mut c_void,
) -> c_int {
    type Create = unsafe extern "C" fn(
        *mut libc::pthread_t,
        *const libc::pthread_attr_t,
        extern "C" fn(*mut c_void) -> *mut c_void,
        *mut c_void,
    ) -> c_int;
    static NEXT: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    let Some(next) = *NEXT.get_or_init(|| crate::dlsym_next(c"pthread_create")) else {
        return libc::ENOSYS;
    };
    // SAFETY: `next` is the C library's `pthread_create`, of this type; the caller keeps its contract.
    unsafe {
        let create: Create = std::mem::transmute(next);
        create(thread, attr, start, arg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_threads_do_not_count_and_others_do() {
        let t = spawn_own(std::thread::Builder::new(), || {
            thread_created();
            OWN.get()
        })
        .unwrap();
        assert!(t.join().unwrap(), "a thread of tierlift's is marked as such");
        assert!(!OWN.get(), "the spawning thread is itself again");
        // (The test harness's threads are not tierlift's: a creation noted from one counts.)
        let before = SINGLE_THREADED.load(Ordering::SeqCst);
        thread_created();
        assert!(program_is_threaded());
        // SAFETY: the address is that of a live static byte.
        assert_eq!(unsafe { *(single_threaded_address() as *const u8) }, 0);
        SINGLE_THREADED.store(before, Ordering::SeqCst);
    }
}
