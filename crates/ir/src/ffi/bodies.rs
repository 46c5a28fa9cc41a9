//! The FFI edge for reading function bodies on demand: a bitcode module is loaded lazily (declarations, globals and
//! metadata at once, each function body when it is first read). LLVM's C API can load such a module
//! (`LLVMGetBitcodeModuleInContext2`) but has no call that reads a body in; two C++ members of libLLVM do it:
//! `llvm::GlobalValue::materialize()` and `llvm::Module::materializeAll()`. Both return an `llvm::Error`, a class
//! with one pointer member (the error's payload, null on success; the same pointer the C API calls
//! `LLVMErrorRef`) and a destructor, which the x86-64 C++ ABI returns through a hidden pointer passed first, before
//! `this`. That layout holds only for a libLLVM built without LLVM's ABI-breaking checks, which such a build
//! announces by defining `llvm::DisableABIBreakingChecks`: this file refers to that symbol, so linking against a
//! libLLVM built the other way fails instead of misreading errors. The parent module's safety argument applies
//! to every block here.

use super::{LlvmModule, V, sys};
use std::ffi::c_int;
use sys::error::LLVMErrorRef;
use sys::prelude::{LLVMModuleRef, LLVMValueRef};

unsafe extern "C" {
    /// `llvm::Error llvm::GlobalValue::materialize()`.
    #[link_name = "_ZN4llvm11GlobalValue11materializeEv"]
    fn global_value_materialize(error: *mut LLVMErrorRef, value: LLVMValueRef);
    /// `llvm::Error llvm::Module::materializeAll()`.
    #[link_name = "_ZN4llvm6Module14materializeAllEv"]
    fn module_materialize_all(error: *mut LLVMErrorRef, module: LLVMModuleRef);
    /// Defined only by a libLLVM whose `llvm::Error` is the single pointer the declarations above expect.
    #[link_name = "_ZN4llvm24DisableABIBreakingChecksE"]
    static DISABLE_ABI_BREAKING_CHECKS: c_int;
}

/// The message of an `llvm::Error` payload (consuming it), or `Ok` for none.
fn error_result(error: LLVMErrorRef) -> Result<(), String> {
    if error.is_null() {
        return Ok(());
    }
    // SAFETY: `error` is a payload LLVM handed us; `LLVMGetErrorMessage` consumes it and returns a string we dispose.
    unsafe {
        let msg = sys::error::LLVMGetErrorMessage(error);
        let text = std::ffi::CStr::from_ptr(msg).to_string_lossy().into_owned();
        sys::error::LLVMDisposeErrorMessage(msg);
        Err(text)
    }
}

/// Reads `f`'s body in if the module was loaded lazily and it is not read yet; nothing otherwise.
pub fn materialize(f: V<'_>) -> Result<(), String> {
    let mut error: LLVMErrorRef = std::ptr::null_mut();
    // SAFETY: `f` is a live global value of its module (a `Value*` whose address is that of its `GlobalValue`
    // base: single inheritance); the callee writes one pointer to `error`. For a module without a lazy reader, or
    // a value already read, it does nothing. Reading the ABI guard keeps the link-time check (see the file docs).
    unsafe {
        std::hint::black_box(std::ptr::addr_of!(DISABLE_ABI_BREAKING_CHECKS));
        global_value_materialize(&mut error, f.0);
    }
    error_result(error)
}

/// Whether LLVM's verifier accepts function `f` (read in already).
pub fn function_verifies(f: V<'_>) -> bool {
    // SAFETY: `f` is a live function; with `ReturnStatus` the verifier only reads it.
    unsafe {
        sys::analysis::LLVMVerifyFunction(f.0, sys::analysis::LLVMVerifierFailureAction::LLVMReturnStatusAction) == 0
    }
}

impl LlvmModule {
    /// Reads every function body not read yet (lazily loaded bitcode); afterwards the module is whole.
    pub fn materialize_all(&mut self) -> Result<(), String> {
        if !self.lazy {
            return Ok(());
        }
        let mut error: LLVMErrorRef = std::ptr::null_mut();
        // SAFETY: the module is live and exclusively borrowed (reading bodies in changes it); the callee writes one
        // pointer to `error`. See `materialize` for the ABI guard.
        unsafe {
            std::hint::black_box(std::ptr::addr_of!(DISABLE_ABI_BREAKING_CHECKS));
            module_materialize_all(&mut error, self.module);
        }
        self.lazy = false;
        error_result(error)
    }

    /// Whether function bodies are read on demand (see [`materialize`]).
    pub fn is_lazy(&self) -> bool {
        self.lazy
    }

    /// Reads the body of the `i`th indexed function (see [`LlvmModule::index_functions`]) in, when the module was
    /// loaded lazily, and verifies it the first time; the same verdict afterwards.
    pub fn read_body(&mut self, i: usize) -> Result<(), String> {
        if !self.lazy {
            return Ok(());
        }
        if let Some(verdict) = self.bodies.get(&i) {
            return verdict.clone();
        }
        let value = V(self.indexed[i], std::marker::PhantomData);
        let verdict = materialize(value).map_err(|e| format!("cannot read its body: {e}")).and_then(|()| {
            if function_verifies(value) {
                Ok(())
            } else {
                // The module's verifier names what is wrong (bodies read so far all passed).
                Err(self.verify().err().unwrap_or_else(|| "its body does not verify".into()))
            }
        });
        self.bodies.insert(i, verdict.clone());
        verdict
    }
}
