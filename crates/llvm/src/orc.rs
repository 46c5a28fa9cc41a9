//! ORC LLJIT through the LLVM C API (inkwell only wraps the long-gone ORCv1): one LLJIT per
//! [`ModuleCompiler`](crate::ModuleCompiler), absolute symbols for everything the module refers to, a process
//! symbol generator as fallback, and object files added one per compiled version.

use std::collections::HashSet;
use std::ffi::{CStr, CString, c_void};
use std::sync::{Arc, Mutex};

use inkwell::llvm_sys::error::{LLVMDisposeErrorMessage, LLVMErrorRef, LLVMGetErrorMessage};
use inkwell::llvm_sys::orc2::lljit::{
    LLVMOrcCreateLLJIT, LLVMOrcDisposeLLJIT, LLVMOrcLLJITAddObjectFileWithRT, LLVMOrcLLJITGetExecutionSession,
    LLVMOrcLLJITGetGlobalPrefix, LLVMOrcLLJITGetMainJITDylib, LLVMOrcLLJITLookup, LLVMOrcLLJITMangleAndIntern,
    LLVMOrcLLJITRef,
};
use inkwell::llvm_sys::orc2::{
    LLVMJITEvaluatedSymbol, LLVMJITSymbolFlags, LLVMJITSymbolGenericFlags, LLVMOrcAbsoluteSymbols,
    LLVMOrcCSymbolMapPair, LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess, LLVMOrcDisposeMaterializationUnit,
    LLVMOrcExecutionSessionSetErrorReporter, LLVMOrcJITDylibAddGenerator, LLVMOrcJITDylibCreateResourceTracker,
    LLVMOrcJITDylibDefine, LLVMOrcJITDylibRef, LLVMOrcReleaseResourceTracker, LLVMOrcResourceTrackerRef,
    LLVMOrcResourceTrackerRemove,
};
use inkwell::memory_buffer::MemoryBuffer;

use crate::{Error, Result};

/// Turns an `LLVMErrorRef` into its message, consuming the error. Null means success.
fn take_error(err: LLVMErrorRef) -> Option<String> {
    if err.is_null() {
        return None;
    }
    // SAFETY: `err` is a non-null error just returned by LLVM and not yet consumed; LLVMGetErrorMessage consumes
    // it and returns an owned C string.
    let raw = unsafe { LLVMGetErrorMessage(err) };
    if raw.is_null() {
        return Some("unknown ORC error".into());
    }
    // SAFETY: `raw` is a non-null NUL-terminated string from LLVMGetErrorMessage.
    let message = unsafe { CStr::from_ptr(raw) }.to_string_lossy().into_owned();
    // SAFETY: `raw` came from LLVMGetErrorMessage and is disposed exactly once, here.
    unsafe { LLVMDisposeErrorMessage(raw) };
    Some(message)
}

/// Errors the execution session could not hand to a caller (e.g. "Symbols not found" while linking: the lookup
/// itself only returns "Failed to materialize symbols").
#[derive(Debug, Default)]
struct SessionErrors {
    messages: Mutex<Vec<String>>,
}

impl SessionErrors {
    fn drain(&self) -> Vec<String> {
        self.messages.lock().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default()
    }
}

/// The execution session's error reporter.
extern "C" fn report_session_error(ctx: *mut c_void, err: LLVMErrorRef) {
    let message = take_error(err).unwrap_or_default();
    // SAFETY: `ctx` is the `Box<SessionErrors>` pointer registered in `Jit::new`; the box is owned by the `Jit`
    // and freed only after the LLJIT (and its execution session) is disposed. Read through a shared reference.
    let errors = unsafe { &*(ctx as *const SessionErrors) };
    if let Ok(mut m) = errors.messages.lock() {
        m.push(message);
    }
}

/// An ORC LLJIT instance for the host, owning all the code added to it.
#[derive(Debug)]
pub(crate) struct Jit {
    /// Owned; disposed in `Drop` (which frees all JIT'd code).
    lljit: LLVMOrcLLJITRef,
    /// The main JITDylib, owned by `lljit`.
    main: LLVMOrcJITDylibRef,
    /// The error reporter's context; must outlive `lljit`.
    errors: Box<SessionErrors>,
}

// SAFETY: ORC's LLJIT and ExecutionSession are internally synchronized (they are designed for concurrent
// compilation threads); the raw pointers are owned handles, not borrowed thread-local state, so the LLJIT may be
// used from, and disposed on, any thread.
unsafe impl Send for Jit {}
// SAFETY: every `&self` method (`add_object_and_lookup`) only calls LLJIT entry points that ORC documents as
// thread-safe; `errors` is a `Mutex`.
unsafe impl Sync for Jit {}

impl Jit {
    /// Creates an LLJIT for the host, defines `symbols` as absolute symbols in its main JITDylib, and adds a
    /// search generator for the symbols of the running process as a fallback.
    pub(crate) fn new(symbols: &[(String, u64)]) -> Result<Self> {
        let mut names = Vec::with_capacity(symbols.len());
        let mut seen = HashSet::with_capacity(symbols.len());
        for (name, _) in symbols {
            if !seen.insert(name.as_str()) {
                return Err(Error::DuplicateSymbol { name: name.clone() });
            }
            names.push(
                CString::new(crate::extract::bound_name(name).as_ref())
                    .map_err(|_| Error::NulInName { operation: "ModuleCompiler::new", name: name.clone() })?,
            );
        }

        let mut lljit: LLVMOrcLLJITRef = std::ptr::null_mut();
        // SAFETY: a null builder asks for the default (host) configuration; `lljit` receives the new instance.
        let err = unsafe { LLVMOrcCreateLLJIT(&mut lljit, std::ptr::null_mut()) };
        if let Some(reason) = take_error(err) {
            return Err(Error::JitSetup { reason });
        }
        if lljit.is_null() {
            return Err(Error::JitSetup { reason: "LLVMOrcCreateLLJIT returned no instance".into() });
        }
        // SAFETY: `lljit` is the live instance created above.
        let main = unsafe { LLVMOrcLLJITGetMainJITDylib(lljit) };
        // From here on `Drop` disposes the instance on every early return.
        let jit = Jit { lljit, main, errors: Box::default() };
        let errors_ptr: *const SessionErrors = &*jit.errors;
        // SAFETY: `lljit` is live; the reporter context is the boxed `SessionErrors`, which `Jit` frees only
        // after disposing the LLJIT (see `Drop`), and the reporter only reads it through a shared reference.
        unsafe {
            let session = LLVMOrcLLJITGetExecutionSession(jit.lljit);
            LLVMOrcExecutionSessionSetErrorReporter(session, report_session_error, errors_ptr as *mut c_void);
        }

        if !symbols.is_empty() {
            let mut pairs: Vec<LLVMOrcCSymbolMapPair> = names
                .iter()
                .zip(symbols)
                .map(|(name, &(_, address))| LLVMOrcCSymbolMapPair {
                    // SAFETY: `lljit` is live and `name` is a NUL-terminated string; the returned pool entry is
                    // retained once, and that reference is handed to LLVMOrcAbsoluteSymbols below.
                    Name: unsafe { LLVMOrcLLJITMangleAndIntern(jit.lljit, name.as_ptr()) },
                    Sym: LLVMJITEvaluatedSymbol {
                        Address: address,
                        Flags: LLVMJITSymbolFlags {
                            GenericFlags: LLVMJITSymbolGenericFlags::LLVMJITSymbolGenericFlagsExported as u8,
                            TargetFlags: 0,
                        },
                    },
                })
                .collect();
            // SAFETY: `pairs` holds `pairs.len()` initialized entries whose names are retained for this call;
            // LLVMOrcAbsoluteSymbols takes ownership of those references (not of the array, which we free).
            let unit = unsafe { LLVMOrcAbsoluteSymbols(pairs.as_mut_ptr(), pairs.len()) };
            // SAFETY: `main` belongs to the live `lljit`; on success the JITDylib owns `unit`.
            let err = unsafe { LLVMOrcJITDylibDefine(jit.main, unit) };
            if let Some(reason) = take_error(err) {
                // SAFETY: on failure ownership of `unit` stays with us; dispose it exactly once.
                unsafe { LLVMOrcDisposeMaterializationUnit(unit) };
                return Err(Error::JitSetup { reason: format!("defining absolute symbols: {reason}") });
            }
        }

        let mut generator = std::ptr::null_mut();
        // SAFETY: `lljit` is live; no filter is passed, so the filter context may be null.
        let err = unsafe {
            LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(
                &mut generator,
                LLVMOrcLLJITGetGlobalPrefix(jit.lljit),
                None,
                std::ptr::null_mut(),
            )
        };
        if let Some(reason) = take_error(err) {
            return Err(Error::JitSetup { reason: format!("process symbol generator: {reason}") });
        }
        // SAFETY: `generator` was just created and is owned by us; the JITDylib takes ownership of it.
        unsafe { LLVMOrcJITDylibAddGenerator(jit.main, generator) };
        Ok(jit)
    }

    /// Adds the object file `object` to the main JITDylib under a fresh resource tracker and looks up `symbol`
    /// (which links the object). On failure the object's resources are removed again and the error includes
    /// whatever the execution session reported meanwhile.
    pub(crate) fn add_object_and_lookup(
        self: &Arc<Self>,
        object: MemoryBuffer<'_>,
        symbol: &CStr,
    ) -> std::result::Result<(u64, VersionCode), String> {
        let _ = self.errors.drain();
        // SAFETY: `main` belongs to the live LLJIT; the tracker comes back retained once and is released below.
        let tracker = unsafe { LLVMOrcJITDylibCreateResourceTracker(self.main) };
        let buffer = object.as_mut_ptr();
        // Ownership of the buffer passes to LLVMOrcLLJITAddObjectFileWithRT (even when it fails).
        std::mem::forget(object);
        // SAFETY: `lljit` and `tracker` are live; `buffer` is an owned memory buffer whose ownership we hand over.
        let err = unsafe { LLVMOrcLLJITAddObjectFileWithRT(self.lljit, tracker, buffer) };
        let result = match take_error(err) {
            Some(reason) => Err(format!("adding the object file: {reason}")),
            None => {
                let mut address = 0u64;
                // SAFETY: `lljit` is live, `symbol` is NUL-terminated, `address` receives the result.
                let err = unsafe { LLVMOrcLLJITLookup(self.lljit, &mut address, symbol.as_ptr()) };
                match take_error(err) {
                    Some(reason) => Err(reason),
                    None if address == 0 => Err("lookup returned address 0".into()),
                    None => Ok(address),
                }
            }
        };
        // From here on the tracker's one reference is owned by `code`, which releases it when dropped.
        let code = VersionCode { _jit: Arc::clone(self), tracker };
        match result {
            Ok(address) => Ok((address, code)),
            Err(reason) => {
                let mut parts = vec![reason];
                parts.extend(self.errors.drain());
                // Drops whatever the failed object defined.
                parts.extend(code.free().err());
                Err(parts.join("; "))
            }
        }
    }
}

/// The machine code of one compiled version (one object file in the LLJIT, under its own resource tracker).
///
/// Dropping it leaves the code mapped (it lives as long as the LLJIT); [`VersionCode::free`] unmaps it now and
/// deregisters its unwind information.
#[derive(Debug)]
pub struct VersionCode {
    /// Keeps the LLJIT alive while the tracker is.
    _jit: Arc<Jit>,
    /// Retained once, by this value.
    tracker: LLVMOrcResourceTrackerRef,
}

// SAFETY: a resource tracker is a reference-counted ORC object whose operations (remove, release) go through the
// thread-safe execution session; the LLJIT it belongs to is kept alive by `jit` (itself `Send + Sync`).
unsafe impl Send for VersionCode {}
// SAFETY: no `&self` method touches the tracker.
unsafe impl Sync for VersionCode {}

impl VersionCode {
    /// Removes the version's code from the LLJIT: its memory is freed and its unwind information deregistered.
    ///
    /// Only for code that no thread is running or can return into, and that nothing calls any more.
    pub fn free(self) -> std::result::Result<(), String> {
        // SAFETY: `tracker` is live (retained by `self` until `Drop`), and its LLJIT is alive (`self._jit`).
        let err = unsafe { LLVMOrcResourceTrackerRemove(self.tracker) };
        take_error(err).map_or(Ok(()), Err)
    }
}

impl Drop for VersionCode {
    fn drop(&mut self) {
        // SAFETY: releases the one reference this value holds; the LLJIT (kept alive by `_jit`, dropped after this)
        // keeps the code of a tracker not removed.
        unsafe { LLVMOrcReleaseResourceTracker(self.tracker) };
    }
}

impl Drop for Jit {
    fn drop(&mut self) {
        // SAFETY: `lljit` is owned by `self` and disposed exactly once; the error reporter's box is still alive
        // (fields are dropped after this). Disposal frees all code the LLJIT linked.
        let err = unsafe { LLVMOrcDisposeLLJIT(self.lljit) };
        if let Some(reason) = take_error(err) {
            tracing::warn!(%reason, "disposing the LLJIT reported an error");
        }
    }
}

/// Keeps the machine code of a [`ModuleCompiler`](crate::ModuleCompiler) mapped.
///
/// All code a `ModuleCompiler` produced lives in its LLJIT, which is freed when the last owner goes. A
/// `CodeOwner` is such an owner that is `Send + Sync` and can outlive the compiler (e.g. held by the runtime's
/// module record after the worker thread that owned the compiler has exited).
#[derive(Debug, Clone)]
pub struct CodeOwner {
    _jit: Arc<Jit>,
}

impl CodeOwner {
    pub(crate) fn new(jit: Arc<Jit>) -> Self {
        CodeOwner { _jit: jit }
    }
}
