//! Keeping the program's asynchronous signal handlers out of tierlift's locked regions.
//!
//! A signal handler may call JIT functions, and may be the first caller of one: its code is then compiled on
//! the handler's thread, under the module's compile lock. If the handler had interrupted that same thread while it
//! held the lock (in the middle of another first call), the thread would wait for itself forever. So every entry
//! from JIT code into the runtime (a first call, a counter's hotness hook) and every compile an embedder asks for
//! runs with the asynchronous signals blocked on its thread; they are delivered when it returns to the program.
//! The synchronous ones — SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS — stay unblocked: they report a fault of
//! the code running, and blocking them would turn a crash into undefined behaviour. The stack
//! scan's signal (`stack_scan`) stays unblocked too: its handler only reads memory. Compile workers and the
//! sampler block every asynchronous signal for their whole life, so the program's handlers run only on the
//! program's own threads, never in the middle of LLVM work.
//!
//! What that guarantees: a handler interrupting JIT code (in any tier), or a thread waiting for a compile, may call
//! any JIT function, first call or not; two threads making first calls at once, one of them in a handler, are
//! safe too (the other thread's compile finishes, its signals being blocked). What it cannot guarantee: a handler
//! that interrupts a non-async-signal-safe C library function holding a lock (`malloc`, `printf`) and then makes a
//! first call compiles on that thread, and the compile allocates. Native code has no such first call, so a program
//! whose handlers only do async-signal-safe work can still deadlock there; calling the handler's functions once
//! before installing it (or running the module in an eagerly compiled mode) avoids it.

use std::cell::Cell;
use std::mem::MaybeUninit;

/// Signals that report a fault of the instruction that raised them; they are never blocked.
const SYNCHRONOUS: [libc::c_int; 6] =
    [libc::SIGSEGV, libc::SIGBUS, libc::SIGFPE, libc::SIGILL, libc::SIGTRAP, libc::SIGSYS];

/// Every signal but the synchronous ones and the stack scan's.
fn asynchronous() -> libc::sigset_t {
    let mut set = MaybeUninit::<libc::sigset_t>::uninit();
    // SAFETY: `sigfillset` initializes the set it is given; `sigdelset` only changes an initialized set, and the
    // numbers given are valid signals (its failure, for an invalid number, cannot happen).
    unsafe {
        libc::sigfillset(set.as_mut_ptr());
        for s in SYNCHRONOUS {
            libc::sigdelset(set.as_mut_ptr(), s);
        }
        // The stack scan's handler only reads memory and never enters the runtime: threads answer it anywhere.
        if let Some(s) = crate::stack_scan::scan_signal() {
            libc::sigdelset(set.as_mut_ptr(), s);
        }
        set.assume_init()
    }
}

/// Blocks the asynchronous signals on this thread until dropped, then restores the thread's previous mask (signals
/// that arrived meanwhile are delivered then). Nests: only the outermost guard of a thread changes the mask (about
/// 0.5 us for the pair of system calls), inner ones cost a thread-local count.
pub struct AsyncSignalsBlocked {
    /// The mask to restore, for the outermost guard.
    previous: Option<libc::sigset_t>,
    /// A thread's mask is restored on that thread: not `Send`.
    _this_thread: std::marker::PhantomData<*const ()>,
}

thread_local! {
    /// Live guards on this thread. (A handler cannot run between the check and the change of the mask: while the
    /// count is above zero the signals are blocked.)
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

impl AsyncSignalsBlocked {
    /// Blocks them now.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        let depth = DEPTH.get();
        DEPTH.set(depth + 1);
        let previous = (depth == 0).then(|| {
            let block = asynchronous();
            let mut previous = MaybeUninit::<libc::sigset_t>::uninit();
            // SAFETY: both pointers are valid for the call; `pthread_sigmask` with SIG_BLOCK and a valid set cannot
            // fail, and it always writes the previous mask.
            unsafe {
                libc::pthread_sigmask(libc::SIG_BLOCK, &block, previous.as_mut_ptr());
                previous.assume_init()
            }
        });
        AsyncSignalsBlocked { previous, _this_thread: std::marker::PhantomData }
    }
}

impl Drop for AsyncSignalsBlocked {
    fn drop(&mut self) {
        DEPTH.set(DEPTH.get() - 1);
        if let Some(previous) = &self.previous {
            // SAFETY: restores the mask `new` read on this same thread (the value is not `Send`).
            unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, previous, std::ptr::null_mut()) };
        }
    }
}

/// Blocks the asynchronous signals on the calling thread for the rest of its life: for tierlift's own threads
/// (compile workers, the sampler), so that the program's handlers never run on them.
pub fn block_async_signals_on_this_thread() {
    std::mem::forget(AsyncSignalsBlocked::new());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocked(s: libc::c_int) -> bool {
        let mut now = MaybeUninit::<libc::sigset_t>::uninit();
        // SAFETY: a null new set only reads the mask into `now`.
        unsafe {
            libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), now.as_mut_ptr());
            libc::sigismember(now.as_ptr(), s) == 1
        }
    }

    #[test]
    fn blocks_asynchronous_signals_only_while_alive() {
        // A thread of its own: the test harness's threads keep their masks.
        std::thread::spawn(|| {
            assert!(!blocked(libc::SIGALRM));
            {
                let _outer = AsyncSignalsBlocked::new();
                assert!(blocked(libc::SIGALRM) && blocked(libc::SIGINT) && blocked(libc::SIGUSR1));
                assert!(!blocked(libc::SIGSEGV) && !blocked(libc::SIGFPE) && !blocked(libc::SIGILL));
                {
                    let _inner = AsyncSignalsBlocked::new();
                    assert!(blocked(libc::SIGALRM));
                }
                assert!(blocked(libc::SIGALRM), "an inner guard restored too much");
            }
            assert!(!blocked(libc::SIGALRM));
            block_async_signals_on_this_thread();
            assert!(blocked(libc::SIGTERM));
        })
        .join()
        .unwrap();
    }
}
