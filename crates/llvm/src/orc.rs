//! ORC LLJIT through the LLVM C API (inkwell only wraps the long-gone ORCv1): one LLJIT per compile thread, shared
//! by its [`ModuleCompiler`](crate::ModuleCompiler)s; in it a JITDylib per module, with absolute symbols for
//! everything the module refers to and a process symbol generator as fallback, and object files added one per
//! compiled version, each under its own resource tracker.

use std::collections::HashSet;
use std::ffi::{CStr, CString, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use inkwell::llvm_sys::error::{LLVMDisposeErrorMessage, LLVMErrorRef, LLVMGetErrorMessage};
use inkwell::llvm_sys::orc2::lljit::{
    LLVMOrcCreateLLJIT, LLVMOrcDisposeLLJIT, LLVMOrcLLJITAddObjectFileWithRT, LLVMOrcLLJITGetExecutionSession,
    LLVMOrcLLJITGetGlobalPrefix, LLVMOrcLLJITMangleAndIntern, LLVMOrcLLJITRef,
};
use inkwell::llvm_sys::orc2::{
    LLVMJITEvaluatedSymbol, LLVMJITSymbolFlags, LLVMJITSymbolGenericFlags, LLVMOrcAbsoluteSymbols,
    LLVMOrcCJITDylibSearchOrderElement, LLVMOrcCLookupSetElement, LLVMOrcCSymbolMapPair,
    LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess, LLVMOrcDisposeMaterializationUnit,
    LLVMOrcExecutionSessionCreateBareJITDylib, LLVMOrcExecutionSessionLookup, LLVMOrcExecutionSessionSetErrorReporter,
    LLVMOrcJITDylibAddGenerator, LLVMOrcJITDylibClear, LLVMOrcJITDylibCreateResourceTracker, LLVMOrcJITDylibDefine,
    LLVMOrcJITDylibLookupFlags, LLVMOrcJITDylibRef, LLVMOrcLookupKind, LLVMOrcReleaseResourceTracker,
    LLVMOrcReleaseSymbolStringPoolEntry, LLVMOrcResourceTrackerRef, LLVMOrcResourceTrackerRemove,
    LLVMOrcSymbolLookupFlags,
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

/// An ORC LLJIT instance for the host, shared by the compilers of one thread: each module gets a JITDylib of
/// its own in it ([`ModuleDylib`]), and the LLJIT is disposed when the last of them goes.
#[derive(Debug)]
pub(crate) struct Jit {
    /// Owned; disposed in `Drop` (which frees all JIT'd code).
    lljit: LLVMOrcLLJITRef,
    /// The error reporter's context; must outlive `lljit`.
    errors: Box<SessionErrors>,
    /// JITDylibs of modules that are gone, emptied, for the next modules (the C API cannot remove a JITDylib).
    free_dylibs: Mutex<Vec<LLVMOrcJITDylibRef>>,
    /// Names the JITDylibs made so far.
    dylibs_made: std::sync::atomic::AtomicU64,
}

// SAFETY: ORC's LLJIT and ExecutionSession are internally synchronized (they are designed for concurrent
// compilation threads); the raw pointers are owned handles, not borrowed thread-local state, so the LLJIT may be
// used from, and disposed on, any thread. The free JITDylibs are only handed out under their mutex.
unsafe impl Send for Jit {}
// SAFETY: every `&self` method only calls LLJIT and execution-session entry points that ORC documents as
// thread-safe; `errors` and `free_dylibs` are behind mutexes.
unsafe impl Sync for Jit {}

impl Jit {
    /// Creates an LLJIT for the host, with no module in it yet.
    pub(crate) fn new() -> Result<Self> {
        let mut lljit: LLVMOrcLLJITRef = std::ptr::null_mut();
        // SAFETY: a null builder asks for the default (host) configuration; `lljit` receives the new instance.
        let err = unsafe { LLVMOrcCreateLLJIT(&mut lljit, std::ptr::null_mut()) };
        if let Some(reason) = take_error(err) {
            return Err(Error::JitSetup { reason });
        }
        if lljit.is_null() {
            return Err(Error::JitSetup { reason: "LLVMOrcCreateLLJIT returned no instance".into() });
        }
        // From here on `Drop` disposes the instance on every early return.
        let jit = Jit {
            lljit,
            errors: Box::default(),
            free_dylibs: Mutex::new(Vec::new()),
            dylibs_made: std::sync::atomic::AtomicU64::new(0),
        };
        let errors_ptr: *const SessionErrors = &*jit.errors;
        // SAFETY: `lljit` is live; the reporter context is the boxed `SessionErrors`, which `Jit` frees only
        // after disposing the LLJIT (see `Drop`), and the reporter only reads it through a shared reference.
        unsafe {
            let session = LLVMOrcLLJITGetExecutionSession(jit.lljit);
            LLVMOrcExecutionSessionSetErrorReporter(session, report_session_error, errors_ptr as *mut c_void);
        }
        Ok(jit)
    }

    /// A JITDylib for one module: `symbols` defined as absolute symbols in it, and the symbols of the running
    /// process as a fallback. Errors on duplicate or NUL-containing names.
    ///
    /// Each of `personalities` (personality routines the module's functions name, each one of `symbols`) also
    /// gets its `DW.ref.` cell here, for as long as the module lives: code generation emits that cell (a weak,
    /// hidden pointer to the routine, which unwind tables reach indirectly) into every object whose functions
    /// have a personality, and ORC keeps only the first object's copy, binding every later object to it. When
    /// the first object's version was freed, the unwind tables of the others pointed into freed memory, and the
    /// next exception through them crashed. With a cell of the module's own defined first, every object binds to
    /// it.
    pub(crate) fn module_dylib(
        self: &Arc<Self>,
        symbols: &[(String, u64)],
        personalities: &[String],
    ) -> Result<ModuleDylib> {
        let routines: Vec<(&String, u64)> = personalities
            .iter()
            .filter_map(|p| symbols.iter().find(|(name, _)| name == p).map(|&(_, address)| (p, address)))
            .collect();
        let cells: Box<[u64]> = routines.iter().map(|&(_, address)| address).collect();
        let cell_symbols: Vec<(String, u64)> = routines
            .iter()
            .zip(cells.iter())
            .map(|(&(p, _), cell)| (format!("DW.ref.{p}"), cell as *const u64 as u64))
            .collect();
        let symbols: Vec<(String, u64)> = symbols.iter().cloned().chain(cell_symbols).collect();
        let symbols = symbols.as_slice();
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
        let recycled = self.free_dylibs.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let dylib = match recycled {
            Some(dylib) => dylib,
            None => self.new_dylib()?,
        };
        // From here on dropping the handle empties the JITDylib and keeps it for the next module.
        let module = ModuleDylib {
            jit: Arc::clone(self),
            dylib,
            _personality_cells: cells,
            kept_trackers: std::sync::Mutex::new(Vec::new()),
        };
        if !symbols.is_empty() {
            let mut pairs: Vec<LLVMOrcCSymbolMapPair> = names
                .iter()
                .zip(symbols)
                .map(|(name, &(_, address))| LLVMOrcCSymbolMapPair {
                    // SAFETY: `lljit` is live and `name` is a NUL-terminated string; the returned pool entry is
                    // retained once, and that reference is handed to LLVMOrcAbsoluteSymbols below.
                    Name: unsafe { LLVMOrcLLJITMangleAndIntern(self.lljit, name.as_ptr()) },
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
            // SAFETY: `dylib` belongs to the live `lljit`; on success the JITDylib owns `unit`.
            let err = unsafe { LLVMOrcJITDylibDefine(dylib, unit) };
            if let Some(reason) = take_error(err) {
                // SAFETY: on failure ownership of `unit` stays with us; dispose it exactly once.
                unsafe { LLVMOrcDisposeMaterializationUnit(unit) };
                return Err(Error::JitSetup { reason: format!("defining absolute symbols: {reason}") });
            }
        }
        Ok(module)
    }

    /// A new, empty JITDylib that falls back to the process's symbols.
    fn new_dylib(&self) -> Result<LLVMOrcJITDylibRef> {
        let n = self.dylibs_made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = CString::new(format!("tierlift-module-{n}")).expect("no NUL in a number");
        // SAFETY: `lljit` is live; the name is NUL-terminated and unique in this session (a counter).
        let dylib = unsafe {
            LLVMOrcExecutionSessionCreateBareJITDylib(LLVMOrcLLJITGetExecutionSession(self.lljit), name.as_ptr())
        };
        let mut generator = std::ptr::null_mut();
        // SAFETY: `lljit` is live; no filter is passed, so the filter context may be null.
        let err = unsafe {
            LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(
                &mut generator,
                LLVMOrcLLJITGetGlobalPrefix(self.lljit),
                None,
                std::ptr::null_mut(),
            )
        };
        if let Some(reason) = take_error(err) {
            // Kept for a later module, without a generator: never handed out (it is not in `free_dylibs`).
            return Err(Error::JitSetup { reason: format!("process symbol generator: {reason}") });
        }
        // SAFETY: `generator` was just created and is owned by us; the JITDylib takes ownership of it.
        unsafe { LLVMOrcJITDylibAddGenerator(dylib, generator) };
        Ok(dylib)
    }

    /// Looks `symbol` up in `dylib` (which links what defines it) and returns its address.
    fn lookup(&self, dylib: LLVMOrcJITDylibRef, symbol: &CStr) -> std::result::Result<u64, String> {
        /// Where the lookup's result arrives.
        type Answer = std::sync::mpsc::Sender<std::result::Result<u64, String>>;
        extern "C" fn on_result(err: LLVMErrorRef, pairs: *mut LLVMOrcCSymbolMapPair, n: usize, ctx: *mut c_void) {
            // SAFETY: `ctx` is the `Answer` boxed by `lookup`, which waits for this one call before freeing it.
            let answer = unsafe { &*(ctx as *const Answer) };
            let result = match take_error(err) {
                Some(reason) => Err(reason),
                None if n == 0 || pairs.is_null() => Err("lookup returned no symbol".into()),
                // SAFETY: on success ORC passes `n` (here at least one) valid pairs.
                None => Ok(unsafe { (*pairs).Sym.Address }),
            };
            let _ = answer.send(result);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let answer: Box<Answer> = Box::new(tx);
        // SAFETY: `lljit` is live and `symbol` NUL-terminated; the entry comes back retained once and is released
        // after the lookup has answered.
        let name = unsafe { LLVMOrcLLJITMangleAndIntern(self.lljit, symbol.as_ptr()) };
        let mut order = [LLVMOrcCJITDylibSearchOrderElement {
            JD: dylib,
            JDLookupFlags: LLVMOrcJITDylibLookupFlags::LLVMOrcJITDylibLookupFlagsMatchAllSymbols,
        }];
        let mut set = [LLVMOrcCLookupSetElement {
            Name: name,
            LookupFlags: LLVMOrcSymbolLookupFlags::LLVMOrcSymbolLookupFlagsRequiredSymbol,
        }];
        let ctx = &*answer as *const Answer as *mut c_void;
        // SAFETY: the session, the JITDylib and the interned name are live; the arrays outlive the call and the
        // answer (this function waits for it below); `ctx` points to the boxed sender, alive until then too.
        unsafe {
            LLVMOrcExecutionSessionLookup(
                LLVMOrcLLJITGetExecutionSession(self.lljit),
                LLVMOrcLookupKind::LLVMOrcLookupKindStatic,
                order.as_mut_ptr(),
                order.len(),
                set.as_mut_ptr(),
                set.len(),
                on_result,
                ctx,
            )
        };
        let result = rx.recv().unwrap_or_else(|_| Err("the lookup never answered".into()));
        drop(answer);
        // SAFETY: releases the reference `LLVMOrcLLJITMangleAndIntern` returned; the lookup is over.
        unsafe { LLVMOrcReleaseSymbolStringPoolEntry(name) };
        result
    }
}

impl Drop for Jit {
    fn drop(&mut self) {
        // SAFETY: `lljit` is owned by `self` and disposed exactly once; the error reporter's box is still alive
        // (fields are dropped after this). Disposal frees all code the LLJIT linked, and its JITDylibs.
        let err = unsafe { LLVMOrcDisposeLLJIT(self.lljit) };
        if let Some(reason) = take_error(err) {
            tracing::warn!(%reason, "disposing the LLJIT reported an error");
        }
    }
}

/// One module's JITDylib in a shared [`Jit`]: its symbols and the code of its versions. Dropping it empties the
/// JITDylib (the code is freed, unwind information deregistered) and keeps it for the next module.
#[derive(Debug)]
pub(crate) struct ModuleDylib {
    jit: Arc<Jit>,
    dylib: LLVMOrcJITDylibRef,
    /// The `DW.ref.` cells of the module's personality routines (see [`Jit::module_dylib`]): dropped after the
    /// JITDylib is emptied of the code whose unwind tables read them.
    _personality_cells: Box<[u64]>,
    /// Resource trackers of versions dropped without being freed, released only once the JITDylib is emptied
    /// (see [`VersionCode`]'s `Drop`).
    kept_trackers: std::sync::Mutex<Vec<KeptTracker>>,
}

/// A resource tracker whose code stays in its JITDylib until the JITDylib is emptied.
#[derive(Debug)]
struct KeptTracker(LLVMOrcResourceTrackerRef);

// SAFETY: a resource tracker is a reference-counted ORC object; releasing it goes through the thread-safe
// execution session, from whichever thread.
unsafe impl Send for KeptTracker {}

// SAFETY: the JITDylib is owned by the LLJIT (kept alive by `jit`), and every operation on it goes through the
// thread-safe execution session.
unsafe impl Send for ModuleDylib {}
// SAFETY: as above; `&self` methods only add objects and look symbols up, which ORC synchronizes.
unsafe impl Sync for ModuleDylib {}

impl ModuleDylib {
    /// Adds the object file `object` to the module's JITDylib under a fresh resource tracker and looks up
    /// `symbols` (the first lookup links the object). On failure the object's resources are removed again and the
    /// error includes whatever the execution session reported meanwhile. The addresses come in the order of
    /// `symbols`; the code handle is one share of the object (see [`VersionCode::into_shares`]).
    pub(crate) fn add_object_and_lookup(
        self: &Arc<Self>,
        object: MemoryBuffer<'_>,
        symbols: &[&CStr],
    ) -> std::result::Result<(Vec<u64>, VersionCode), String> {
        let jit = &self.jit;
        let _ = jit.errors.drain();
        // SAFETY: `dylib` belongs to the live LLJIT; the tracker comes back retained once, and that reference is
        // owned by the `ObjectCode` made below.
        let tracker = unsafe { LLVMOrcJITDylibCreateResourceTracker(self.dylib) };
        let code = VersionCode::new(ObjectCode {
            module: Arc::clone(self),
            tracker,
            kept: AtomicBool::new(false),
            removed: false,
        });
        let buffer = object.as_mut_ptr();
        // Ownership of the buffer passes to LLVMOrcLLJITAddObjectFileWithRT (even when it fails).
        std::mem::forget(object);
        // SAFETY: `lljit` and `tracker` are live; `buffer` is an owned memory buffer whose ownership we hand over.
        let err = unsafe { LLVMOrcLLJITAddObjectFileWithRT(jit.lljit, tracker, buffer) };
        let result = match take_error(err) {
            Some(reason) => Err(format!("adding the object file: {reason}")),
            None => symbols
                .iter()
                .map(|symbol| match jit.lookup(self.dylib, symbol) {
                    Ok(0) => Err(format!("lookup of {} returned address 0", symbol.to_string_lossy())),
                    other => other,
                })
                .collect(),
        };
        match result {
            Ok(addresses) => Ok((addresses, code)),
            Err(reason) => {
                let mut parts = vec![reason];
                parts.extend(jit.errors.drain());
                // Drops whatever the failed object defined.
                parts.extend(code.free().err());
                Err(parts.join("; "))
            }
        }
    }
}

impl Drop for ModuleDylib {
    fn drop(&mut self) {
        // SAFETY: the JITDylib belongs to the live LLJIT (`jit` is dropped after this); clearing removes every
        // resource tracker of it: its absolute symbols and its code.
        let err = unsafe { LLVMOrcJITDylibClear(self.dylib) };
        let kept = std::mem::take(&mut *self.kept_trackers.lock().unwrap_or_else(|e| e.into_inner()));
        match take_error(err) {
            Some(reason) => {
                // The kept trackers may still hold code: releasing them would move it to the default tracker
                // (see `VersionCode`'s `Drop`). They stay, like the JITDylib.
                std::mem::forget(kept);
                tracing::warn!(%reason, "emptying a module's JITDylib")
            }
            None => {
                for KeptTracker(tracker) in kept {
                    // SAFETY: each was retained once, by the `VersionCode` that handed it over; clearing the
                    // JITDylib removed its resources, so releasing it moves nothing.
                    unsafe { LLVMOrcReleaseResourceTracker(tracker) };
                }
                self.jit.free_dylibs.lock().unwrap_or_else(|e| e.into_inner()).push(self.dylib)
            }
        }
    }
}

/// The machine code of one compiled version: a share of the object file that holds it (one object file in the
/// LLJIT, under its own resource tracker; a [`Batch`](crate::Batch) puts several versions in one).
///
/// Dropping it leaves the code mapped (it lives as long as the LLJIT); [`VersionCode::free`] gives the version's
/// share up, and the object's memory is freed and its unwind information deregistered when the last share is
/// freed (never, if a share was dropped instead).
#[derive(Debug)]
pub struct VersionCode {
    /// `None` only once [`VersionCode::free`] took it.
    object: Option<Arc<ObjectCode>>,
}

/// One object file's code in the LLJIT.
#[derive(Debug)]
struct ObjectCode {
    /// Keeps the module's JITDylib (and the LLJIT) alive while the tracker is.
    module: Arc<ModuleDylib>,
    /// Retained once, by this value.
    tracker: LLVMOrcResourceTrackerRef,
    /// A share was dropped without being freed: the code stays mapped.
    kept: AtomicBool,
    /// Its code was removed.
    removed: bool,
}

// SAFETY: a resource tracker is a reference-counted ORC object whose operations (remove, release) go through the
// thread-safe execution session; the JITDylib and LLJIT it belongs to are kept alive by `module`.
unsafe impl Send for ObjectCode {}
// SAFETY: no `&self` method touches the tracker; `kept` is atomic.
unsafe impl Sync for ObjectCode {}

impl VersionCode {
    fn new(object: ObjectCode) -> Self {
        VersionCode { object: Some(Arc::new(object)) }
    }

    /// This handle as `n` shares of the object file (at least one), one per version it holds. (A share dropped
    /// unfreed keeps the object mapped: splitting hands this one on instead of dropping it.)
    pub(crate) fn into_shares(self, n: usize) -> Vec<Self> {
        let mut shares: Vec<Self> = (1..n).map(|_| VersionCode { object: self.object.clone() }).collect();
        shares.push(self);
        shares
    }

    /// Gives this version's share of its object file up; with the last share, removes the object's code from the
    /// LLJIT (its memory is freed and its unwind information deregistered), unless a share was dropped without
    /// being freed.
    ///
    /// Only for code that no thread is running or can return into, and that nothing calls any more.
    pub fn free(mut self) -> std::result::Result<(), String> {
        let Some(object) = self.object.take().and_then(Arc::into_inner) else { return Ok(()) };
        let mut object = object;
        if object.kept.load(Ordering::Acquire) {
            return Ok(());
        }
        // SAFETY: `tracker` is live (retained by `object` until its `Drop`), and its JITDylib is alive
        // (`object.module`).
        let err = unsafe { LLVMOrcResourceTrackerRemove(object.tracker) };
        let result = take_error(err).map_or(Ok(()), Err);
        object.removed = result.is_ok();
        result
    }
}

impl Drop for VersionCode {
    fn drop(&mut self) {
        if let Some(object) = &self.object {
            object.kept.store(true, Ordering::Release);
        }
    }
}

impl Drop for ObjectCode {
    fn drop(&mut self) {
        if self.removed {
            // SAFETY: releases the one reference this value holds; the tracker's resources are gone, so its
            // destruction moves nothing.
            unsafe { LLVMOrcReleaseResourceTracker(self.tracker) };
        } else {
            // Released now, the last reference would move the tracker's code to the JITDylib's default tracker,
            // and LLVM 19's `ObjectLinkingLayer::handleTransferResources` reads the source's list of allocations
            // through a reference that growing the destination's map can leave dangling (seen as a
            // `std::length_error` thrown on a compile worker, which aborts the process). The code stays mapped
            // either way; the tracker is released once the JITDylib is emptied.
            let mut kept = self.module.kept_trackers.lock().unwrap_or_else(|e| e.into_inner());
            kept.push(KeptTracker(self.tracker));
        }
    }
}

/// Keeps the machine code of a [`ModuleCompiler`](crate::ModuleCompiler) mapped.
///
/// All code a `ModuleCompiler` produced lives in its module's JITDylib, which is emptied when the last owner goes.
/// A `CodeOwner` is such an owner that is `Send + Sync` and can outlive the compiler (e.g. held by the runtime's
/// module record after the worker thread that owned the compiler has exited).
#[derive(Debug, Clone)]
pub struct CodeOwner {
    _module: Arc<ModuleDylib>,
}

impl CodeOwner {
    pub(crate) fn new(module: Arc<ModuleDylib>) -> Self {
        CodeOwner { _module: module }
    }
}

/// The personality routines named by the functions of `module`, each once.
pub(crate) fn personalities(module: &inkwell::module::Module<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for f in module.get_functions() {
        if let Some(p) = f.get_personality_function() {
            let name = p.get_name().to_string_lossy().into_owned();
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}
