//! Where Rust calls into JIT code: an exception that nothing in the JIT frames catches ends the program as it would
//! natively, instead of unwinding into Rust.
//!
//! A C++ `throw` first searches the stack for a handler (the unwinder's phase 1) and unwinds frames only once one is
//! found. Natively, a search that reaches the thread's first frame finds none, and `__cxa_throw` calls
//! `std::terminate` with every frame still in place ("terminate called after throwing an instance of ...").
//! Between JIT code and the Rust code that called it, the search would instead reach Rust frames: a
//! `catch_unwind` claims every exception, the JIT frames are unwound (their destructors run) and Rust aborts with
//! its own message, since it cannot catch foreign exceptions.
//!
//! [`enter_jit`] runs its closure below a frame of its own whose personality routine ends the search there: an
//! exception that reaches it uncaught makes `_Unwind_RaiseException` fail, and the thrower reacts as at the end of
//! the stack (`__cxa_throw` calls `std::terminate`, `_Unwind_Resume` aborts). The frame stays an ordinary frame for
//! everything else: debuggers and `backtrace()` walk through it into the Rust frames, a forced unwind
//! (`pthread_exit`, cancellation) passes it as before, and so does a Rust panic (a host function called by JIT code
//! may panic through the JIT frames into the embedder's `catch_unwind`).

use std::ffi::{c_int, c_void};

/// `_UA_SEARCH_PHASE`: the unwinder's first phase, looking for a handler.
const UA_SEARCH_PHASE: c_int = 1;
/// `_URC_FATAL_PHASE1_ERROR`: ends the search; the raise fails.
const URC_FATAL_PHASE1_ERROR: c_int = 3;
/// `_URC_CONTINUE_UNWIND`: nothing to do in this frame.
const URC_CONTINUE_UNWIND: c_int = 8;
/// The exception class of Rust panics.
const RUST_EXCEPTION_CLASS: u64 = u64::from_ne_bytes(*b"MOZ\0RUST");

/// The personality routine of the boundary frame (Itanium C++ ABI, level 1): the search phase of any exception
/// but a Rust panic ends here; every other call passes the frame.
extern "C" fn boundary_personality(
    _version: c_int,
    actions: c_int,
    class: u64,
    _exception: *mut c_void,
    _context: *mut c_void,
) -> c_int {
    if actions & UA_SEARCH_PHASE != 0 && class != RUST_EXCEPTION_CLASS {
        URC_FATAL_PHASE1_ERROR
    } else {
        URC_CONTINUE_UNWIND
    }
}

// `tierlift_enter_jit(run, data)` calls `run(data)` in a frame whose call-frame information names
// `boundary_personality` (through a pointer cell, the usual indirect pc-relative encoding, so `.eh_frame` needs
// no relocation at load).
std::arch::global_asm!(
    ".pushsection .data.rel.ro.tierlift_enter_jit,\"aw\",@progbits",
    ".p2align 3",
    "tierlift_enter_jit_personality:",
    ".quad {personality}",
    ".popsection",
    ".text",
    ".p2align 4",
    ".globl tierlift_enter_jit",
    ".hidden tierlift_enter_jit",
    ".type tierlift_enter_jit,@function",
    "tierlift_enter_jit:",
    ".cfi_startproc",
    ".cfi_personality 0x9b, tierlift_enter_jit_personality",
    "push rbp",
    ".cfi_def_cfa_offset 16",
    ".cfi_offset rbp, -16",
    "mov rbp, rsp",
    ".cfi_def_cfa_register rbp",
    "mov rax, rdi",
    "mov rdi, rsi",
    "call rax",
    "pop rbp",
    ".cfi_def_cfa rsp, 8",
    "ret",
    ".cfi_endproc",
    ".size tierlift_enter_jit, .-tierlift_enter_jit",
    personality = sym boundary_personality,
);

unsafe extern "C-unwind" {
    /// Calls `run(data)` below the boundary frame.
    fn tierlift_enter_jit(run: extern "C-unwind" fn(*mut c_void), data: *mut c_void);
}

/// A closure and, once it returned, its result: what an assembly routine of this crate calls a closure through
/// (`run_call::<F, R>` with a pointer to a `Call<F, R>`).
pub(crate) struct Call<F, R> {
    f: Option<F>,
    result: Option<R>,
}

impl<F: FnOnce() -> R, R> Call<F, R> {
    pub(crate) fn new(f: F) -> Self {
        Call { f: Some(f), result: None }
    }

    /// The closure's result, once `run_call` ran it.
    pub(crate) fn result(self) -> R {
        match self.result {
            Some(result) => result,
            None => unreachable!("the closure returned"),
        }
    }
}

/// Runs the closure behind `data` (a `Call<F, R>`), keeping its result there.
pub(crate) extern "C-unwind" fn run_call<F: FnOnce() -> R, R>(data: *mut c_void) {
    // SAFETY: callers pass a pointer to their own `Call<F, R>`, alive and not otherwise borrowed during this call.
    let call = unsafe { &mut *data.cast::<Call<F, R>>() };
    if let Some(f) = call.f.take() {
        call.result = Some(f());
    }
}

/// Runs `f`, which calls JIT code, below a frame where an exception's search for a handler ends (see the module
/// docs): a C++ exception that no JIT frame catches calls `std::terminate` as it would natively, without unwinding
/// anything. A Rust panic unwinds through as usual.
pub fn enter_jit<F: FnOnce() -> R, R>(f: F) -> R {
    let mut call = Call::new(f);
    // SAFETY: `tierlift_enter_jit` calls `run_call::<F, R>` once with the pointer it is given, which points to
    // `call`, alive until this function returns; a panic in `f` unwinds through the boundary frame (its
    // personality passes Rust panics) and `run_call`, which are `C-unwind`.
    unsafe { tierlift_enter_jit(run_call::<F, R>, (&raw mut call).cast()) };
    call.result()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_and_panics_pass() {
        assert_eq!(enter_jit(|| 6 * 7), 42);
        let caught = std::panic::catch_unwind(|| enter_jit(|| -> u32 { panic!("through the boundary") }));
        assert!(caught.is_err());
        // Nested boundaries.
        assert_eq!(enter_jit(|| enter_jit(|| "inner")), "inner");
    }
}
