//! Exit-time functions of one module: its `__dso_handle`, an `atexit` that registers under it, and the run of
//! everything registered under it.
//!
//! C++ static objects register their destructors with `__cxa_atexit(f, obj, &__dso_handle)` and C code calls
//! `atexit(f)`; both belong to the module that registered them. Giving each module a handle of its own lets the
//! module run them when it is dropped (as `dlclose` does for a shared library), before its code is freed; a
//! process that exits with the module still loaded runs them from `exit` as usual. The module's
//! `__cxa_thread_atexit` (destructors of `thread_local` objects) is in `thread_exit`.

use crate::thread_exit::Owner;
use crate::{ExecBuffer, Result};
use std::any::Any;
use std::ffi::{c_int, c_void};
use std::sync::Weak;

unsafe extern "C" {
    fn __cxa_atexit(function: usize, argument: *mut c_void, dso_handle: *mut c_void) -> c_int;
    fn __cxa_finalize(dso_handle: *mut c_void);
}

/// The exit-time bookkeeping of one module. The handle, the owner cell and the thunks live as long as this value.
pub struct ModuleExit {
    handle: Box<u64>,
    /// What keeps the module loaded while a thread has a destructor of it pending (`thread_exit`).
    owner: Box<Owner>,
    /// The module's `atexit`, then, at [`THREAD_ATEXIT_OFFSET`], its `__cxa_thread_atexit`.
    thunks: ExecBuffer,
}

/// Where the `__cxa_thread_atexit` thunk starts in [`ModuleExit`]'s code.
const THREAD_ATEXIT_OFFSET: usize = 32;

/// `int atexit(void (*f)(void))` for one module: `__cxa_atexit(f, NULL, handle)`. `f` receives the null argument
/// in `%rdi`, which a function without parameters ignores.
fn encode_atexit(handle: u64, cxa_atexit: u64) -> Vec<u8> {
    let mut code = vec![0x31, 0xf6]; // xor esi, esi
    code.extend_from_slice(&[0x48, 0xba]); // movabs rdx, imm64
    code.extend_from_slice(&handle.to_le_bytes());
    code.extend_from_slice(&[0x49, 0xbb]); // movabs r11, imm64
    code.extend_from_slice(&cxa_atexit.to_le_bytes());
    code.extend_from_slice(&[0x41, 0xff, 0xe3]); // jmp r11
    code
}

/// `int __cxa_thread_atexit(void (*f)(void *), void *obj, void *dso)` for one module: `module_thread_atexit(f,
/// obj, dso, owner)`.
fn encode_thread_atexit(owner: u64, target: u64) -> Vec<u8> {
    let mut code = vec![0x48, 0xb9]; // movabs rcx, imm64
    code.extend_from_slice(&owner.to_le_bytes());
    code.extend_from_slice(&[0x49, 0xbb]); // movabs r11, imm64
    code.extend_from_slice(&target.to_le_bytes());
    code.extend_from_slice(&[0x41, 0xff, 0xe3]); // jmp r11
    code
}

impl ModuleExit {
    /// A fresh handle and the `atexit` and `__cxa_thread_atexit` that register under it.
    pub fn new() -> Result<Self> {
        let handle = Box::new(0u64);
        let owner: Box<Owner> = Box::default();
        let address = &*handle as *const u64 as u64;
        let mut code = encode_atexit(address, __cxa_atexit as *const () as u64);
        debug_assert!(code.len() <= THREAD_ATEXIT_OFFSET);
        code.resize(THREAD_ATEXIT_OFFSET, 0xcc); // int3
        let owner_cell = &*owner as *const Owner as u64;
        code.extend(encode_thread_atexit(owner_cell, crate::thread_exit::module_thread_atexit as *const () as u64));
        let thunks = ExecBuffer::new(&code)?;
        Ok(ModuleExit { handle, owner, thunks })
    }

    /// Gives the module its owner: what a `thread_local` destructor of the module that a thread has pending keeps
    /// alive, so that the module's code stays mapped until that thread has run it. Set once; until then (and once
    /// the owner is gone), the module's `__cxa_thread_atexit` registers nothing.
    pub fn set_owner(&self, owner: Weak<dyn Any + Send + Sync>) {
        let _ = self.owner.set(owner);
    }

    /// The module's `__cxa_thread_atexit`.
    pub fn thread_atexit(&self) -> usize {
        self.thunks.address() + THREAD_ATEXIT_OFFSET
    }

    /// The address the module's `__dso_handle` stands for.
    pub fn dso_handle(&self) -> usize {
        &*self.handle as *const u64 as usize
    }

    /// The module's `atexit`.
    pub fn atexit(&self) -> usize {
        self.thunks.address()
    }

    /// Registers the function at `address` to run at exit, or when [`ModuleExit::finalize`] runs.
    ///
    /// # Safety
    /// `address` must be the entry of a function callable as `extern "C" fn()` whose code stays mapped until this
    /// value has been finalized or the process has exited.
    pub unsafe fn register(&self, address: usize) -> bool {
        // SAFETY: `__cxa_atexit` only records the pointer (a function pointer is passed as an address-sized
        // integer under the C ABI); the caller guarantees it can be called, with an ignored argument, until then.
        unsafe { __cxa_atexit(address, std::ptr::null_mut(), self.dso_handle() as *mut c_void) == 0 }
    }

    /// Runs, most recent first, every function registered under this module's handle that has not run yet, and
    /// forgets them: a later call runs only what was registered since, and a call from one of the functions (an
    /// exit-time function that calls an `exit` which finalizes the module) runs the ones not yet run, as a nested
    /// `exit` goes on with the remaining handlers natively.
    ///
    /// # Safety
    /// The code of every function registered under the handle must still be mapped and callable.
    pub unsafe fn finalize(&self) {
        // An exception one of them lets escape ends the program as it would natively.
        // SAFETY: the handle is the one the functions were registered under; the caller guarantees their code is
        // alive. glibc skips entries that already ran (for instance from `exit`).
        crate::enter_jit(|| unsafe { __cxa_finalize(self.dso_handle() as *mut c_void) });
    }
}
