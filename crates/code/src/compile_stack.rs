//! Stacks of tierlift's own for the work it does on a program's thread: the compile at a function's first call
//! and the hotness hook.
//!
//! That work runs where the program happened to call: on a thread created with a small stack (16 KB is allowed),
//! on a coroutine's stack, or at the bottom of a deep recursion. A tier-0 compile needs far more stack than the
//! call it stands for (Cranelift took 64-128 KB for a function of 100 lines; an LLVM compile, for a function tier
//! 0 declines, more), so a program that runs natively overflowed its stack under the JIT. [`on_compile_stack`]
//! runs such work on a stack from a process-wide pool instead: as many stacks as threads have ever been in such
//! work at once, each [`COMPILE_STACK_SIZE`] of reserved memory (touched only as deep as a compile went) with a
//! guard page below it, kept for the life of the process.
//!
//! Unwinders, debuggers and profilers walk from the pool's stack back to the thread's own (the switch keeps a
//! frame pointer chain and call-frame information). The stack scan does not look past a pool stack: a thread
//! whose stack pointer is in one makes the scan inconclusive ([`is_compile_stack`]), as a thread that blocks the
//! scan's signal does; the work on it runs with asynchronous signals blocked anyway.

use crate::boundary::{Call, run_call};
use std::ffi::c_void;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Usable size of each stack of the pool (what a program's main thread has by default).
pub const COMPILE_STACK_SIZE: usize = 8 << 20;

/// At most this many stacks (beyond, work runs on the thread's own stack, as it would without the pool).
const MAX_STACKS: usize = 256;

/// Each stack's `(lowest usable address, top)`, written once before `STACKS` counts it: read from signal
/// handlers, so plain atomics rather than a lock.
static RANGES: [[AtomicUsize; 2]; MAX_STACKS] = [const { [AtomicUsize::new(0), AtomicUsize::new(0)] }; MAX_STACKS];
/// How many entries of `RANGES` are set.
static STACKS: AtomicUsize = AtomicUsize::new(0);
/// The tops of the stacks no thread is using.
static FREE: Mutex<Vec<usize>> = Mutex::new(Vec::new());

/// Whether `address` is in a stack of the pool. Async-signal-safe.
pub fn is_compile_stack(address: usize) -> bool {
    let n = STACKS.load(Ordering::Acquire);
    RANGES[..n].iter().any(|[low, top]| (low.load(Ordering::Relaxed)..top.load(Ordering::Relaxed)).contains(&address))
}

/// The pool's lock, held across a `fork` (see `fork`).
pub(crate) fn lock_for_fork() -> Box<dyn std::any::Any> {
    Box::new(FREE.lock().unwrap_or_else(|e| e.into_inner()))
}

/// A stack of the pool, mapped now if none is free; `None` if the pool is full or mapping failed.
fn take() -> Option<usize> {
    crate::fork::watch_fork_and_exit();
    if let Some(top) = FREE.lock().unwrap_or_else(|e| e.into_inner()).pop() {
        return Some(top);
    }
    let page = region::page::size();
    let mut mem = region::alloc(COMPILE_STACK_SIZE + page, region::Protection::READ_WRITE).ok()?;
    let base = mem.as_mut_ptr::<u8>() as usize;
    // SAFETY: the first page of our own fresh mapping becomes the guard; nothing references it.
    unsafe { region::protect(base as *const u8, page, region::Protection::NONE) }.ok()?;
    let top = base + mem.len();
    let index = {
        // Under the free list's lock, so that two threads do not fill the same entry.
        let _free = FREE.lock().unwrap_or_else(|e| e.into_inner());
        let index = STACKS.load(Ordering::Relaxed);
        if index == MAX_STACKS {
            return None;
        }
        RANGES[index][0].store(base + page, Ordering::Relaxed);
        RANGES[index][1].store(top, Ordering::Relaxed);
        STACKS.store(index + 1, Ordering::Release);
        index
    };
    debug_assert!(index < MAX_STACKS);
    // The pool keeps the mapping for the life of the process.
    std::mem::forget(mem);
    Some(top)
}

// `tierlift_on_stack(data, run, top)` calls `run(data)` with the stack pointer at `top` (16-byte aligned), and
// returns on the caller's stack. The frame pointer chain and the CFA (`rbp` + 16) lead back to the caller.
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl tierlift_on_stack",
    ".hidden tierlift_on_stack",
    ".type tierlift_on_stack,@function",
    "tierlift_on_stack:",
    ".cfi_startproc",
    "push rbp",
    ".cfi_def_cfa_offset 16",
    ".cfi_offset rbp, -16",
    "mov rbp, rsp",
    ".cfi_def_cfa_register rbp",
    "mov rsp, rdx",
    "call rsi",
    "mov rsp, rbp",
    "pop rbp",
    ".cfi_def_cfa rsp, 8",
    "ret",
    ".cfi_endproc",
    ".size tierlift_on_stack, .-tierlift_on_stack",
);

unsafe extern "C-unwind" {
    /// Calls `run(data)` on the stack whose top is `top`.
    fn tierlift_on_stack(data: *mut c_void, run: extern "C-unwind" fn(*mut c_void), top: usize);
}

/// Runs `f` on a stack of the pool (see the module docs), or on this thread's own stack if it already runs on
/// one of the pool's or none can be had. A panic in `f` unwinds back to the thread's own stack (the switch has
/// call-frame information); callers catch panics inside it anyway.
pub fn on_compile_stack<F: FnOnce() -> R, R>(f: F) -> R {
    let here = 0u8;
    if is_compile_stack(&raw const here as usize) {
        return f();
    }
    let Some(top) = take() else { return f() };
    let mut work = Call::new(f);
    // SAFETY: `top` is the 16-byte aligned top of a pool stack no other thread uses (taken from the free list or
    // mapped just now), with `COMPILE_STACK_SIZE` bytes below it and a guard page below those; `run_call::<F, R>`
    // gets a pointer to `work`, alive until this function returns.
    unsafe { tierlift_on_stack((&raw mut work).cast(), run_call::<F, R>, top) };
    FREE.lock().unwrap_or_else(|e| e.into_inner()).push(top);
    work.result()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(n: u32) -> u32 {
        let mut buffer = [n as u8; 4096];
        std::hint::black_box(&mut buffer);
        if n == 0 { buffer[7] as u32 } else { 1 + depth(n - 1) }
    }

    #[test]
    fn work_needing_megabytes_runs_on_a_thread_with_a_small_stack() {
        // 1,000 frames of 4 KB on a thread of 64 KB: only on the pool's stack.
        let t = std::thread::Builder::new().stack_size(64 << 10).spawn(|| {
            let here = 0u8;
            assert!(!is_compile_stack(&raw const here as usize));
            on_compile_stack(|| {
                let here = 0u8;
                assert!(is_compile_stack(&raw const here as usize));
                // Nested work stays on the same stack.
                on_compile_stack(|| depth(1000))
            })
        });
        assert_eq!(t.unwrap().join().unwrap(), 1000);
    }
}
