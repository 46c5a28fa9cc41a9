//! The edge to the LLVM C API for what inkwell does not offer (everything ORC is in [`crate::orc`]): owning a
//! context together with a parsed module, capturing the context's diagnostics, reading loop metadata, creating
//! and erasing global values without going through inkwell's type enums, and aliases/ifuncs.
//!
//! Every `unsafe` block of the crate outside `orc.rs`, `thread_local.rs` (rebuilding constant expressions) and
//! `job_module.rs` (copying a body and what it refers to into a new module) is in this file or in its
//! `addresses` module (where an address comes from, which values' addresses stay in accesses and calls).

use std::collections::HashMap;
use std::ffi::{CStr, CString, c_uint, c_void};
use std::sync::Mutex;

use inkwell::context::{AsContextRef, Context};
use inkwell::llvm_sys::LLVMDiagnosticSeverity;
use inkwell::llvm_sys::core as llvm;
use inkwell::llvm_sys::prelude::{LLVMBasicBlockRef, LLVMDiagnosticInfoRef, LLVMModuleRef, LLVMValueRef};
use inkwell::llvm_sys::{LLVMTypeKind, LLVMValueKind};
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::Module;
use inkwell::values::{AsValueRef, FunctionValue, GlobalValue, InstructionValue};

use crate::{Error, Result};

mod addresses;

pub(crate) use addresses::{
    AddressBase, Argument, DirectCall, address_base, direct_calls, only_accessed_or_passed,
    parameter_only_accessed_directly,
};

/// Error messages the context's diagnostic handler received. LLVM's default handler prints them and calls
/// `exit(1)` for errors; ours records them so the caller can turn them into an [`Error`].
#[derive(Debug, Default)]
struct Diagnostics {
    errors: Mutex<Vec<String>>,
}

/// The diagnostic handler installed on every context this crate creates.
extern "C" fn record_diagnostic(info: LLVMDiagnosticInfoRef, sink: *mut c_void) {
    // SAFETY: LLVM calls the handler with a live diagnostic for the duration of the call.
    let severity = unsafe { llvm::LLVMGetDiagInfoSeverity(info) };
    if severity != LLVMDiagnosticSeverity::LLVMDSError {
        return;
    }
    // SAFETY: as above; the description is a fresh malloc'ed C string (or null) that we own.
    let raw = unsafe { llvm::LLVMGetDiagInfoDescription(info) };
    if raw.is_null() {
        return;
    }
    // SAFETY: `raw` is a non-null, NUL-terminated string returned by LLVM just above.
    let message = unsafe { CStr::from_ptr(raw) }.to_string_lossy().into_owned();
    // SAFETY: `raw` came from LLVMGetDiagInfoDescription and is disposed exactly once, here.
    unsafe { llvm::LLVMDisposeMessage(raw) };
    // SAFETY: `sink` is the `Box<Diagnostics>` pointer registered in `ParsedModule::parse`; the box is owned by
    // the `ParsedModule` and outlives the context (which is disposed first), so the pointer is valid and only
    // read through a shared reference.
    let sink = unsafe { &*(sink as *const Diagnostics) };
    if let Ok(mut errors) = sink.errors.lock() {
        errors.push(message);
    }
}

/// A function body parked outside its function: the blocks, in order, detached from `function` (which then looks
/// like a declaration to everything that walks the module).
#[derive(Debug)]
struct Parked {
    function: LLVMValueRef,
    blocks: Vec<LLVMBasicBlockRef>,
}

/// A module of a [`ParsedModule`]'s context that is no longer used, owned until it is disposed of: when the first job
/// is done ([`ParsedModule::dispose_retired`]), or with the `ParsedModule`, or on drop. Freeing a large module
/// takes tens of milliseconds that the first job need not wait for (sqlite's promoted copy: 31 ms).
pub(crate) struct RetiredModule(LLVMModuleRef);

impl RetiredModule {
    /// Takes over `module` (of a `ParsedModule`'s context, and referenced by nothing else).
    pub(crate) fn new(module: Module<'_>) -> Self {
        RetiredModule(owned_raw(module))
    }
}

/// The LLVM module `module` wraps, whose ownership moves to the caller: the inkwell wrapper only holds a borrowed
/// data layout handle, so forgetting it leaks nothing.
fn owned_raw(module: Module<'_>) -> LLVMModuleRef {
    let raw = module.as_mut_ptr();
    std::mem::forget(module);
    raw
}

impl Drop for RetiredModule {
    fn drop(&mut self) {
        // SAFETY: the module is owned by `self` alone (`new` took it from its only wrapper), and its context
        // outlives it (a `ParsedModule` drops its retired modules before its context; before it is built they
        // live inside its `parse`, which holds the context).
        unsafe { llvm::LLVMDisposeModule(self.0) };
    }
}

/// An LLVM context together with one module parsed into it, kept as a *skeleton*: every function body is parked
/// (detached from its function) so that copying the module for a job costs the declarations and global
/// initializers plus only the bodies the job needs, not the whole module.
pub(crate) struct ParsedModule {
    /// The parsed module; owned, lives in `context`, disposed in `Drop` before the context (with all parked
    /// bodies put back first).
    base: LLVMModuleRef,
    /// Parked bodies by function name. A function whose blocks have their address taken (`blockaddress`) is
    /// never parked: its body stays in the skeleton and is copied into every job.
    parked: HashMap<String, Parked>,
    /// Modules of the context kept only until the first job is done (see [`RetiredModule`]).
    retired: std::cell::RefCell<Vec<RetiredModule>>,
    /// Owns everything of the module; dropped after `base` is disposed (fields drop after `Drop::drop`), and
    /// before `diagnostics`. Only held, never read: job modules reach it through `base`.
    _context: Context,
    /// The diagnostic handler's sink; must outlive `context`, hence declared after it.
    diagnostics: Box<Diagnostics>,
}

impl std::fmt::Debug for ParsedModule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedModule")
            .field("base", &self.base)
            .field("parked", &self.parked.len())
            .finish_non_exhaustive()
    }
}

impl ParsedModule {
    /// Parses `bitcode` into a fresh context, lets `prepare` inspect/adjust (and verify) the module, then parks
    /// the function bodies.
    pub(crate) fn parse(
        bitcode: &[u8],
        prepare: impl FnOnce(&Module<'_>) -> Result<Vec<RetiredModule>>,
    ) -> Result<Self> {
        let context = Context::create();
        let diagnostics = Box::new(Diagnostics::default());
        let sink: *const Diagnostics = &*diagnostics;
        // SAFETY: the context is live; `sink` points into a heap box that `ParsedModule` keeps until after the
        // context is disposed (field order), and the handler only reads it through a shared reference.
        unsafe {
            llvm::LLVMContextSetDiagnosticHandler(
                (&context).as_ctx_ref(),
                Some(record_diagnostic),
                sink as *mut c_void,
            );
        }
        let (base, retired) = {
            let buffer = MemoryBuffer::create_from_memory_range(bitcode, "tierlift-module");
            let module = Module::parse_bitcode_from_buffer(&buffer, &context)
                .map_err(|e| Error::InvalidBitcode { reason: e.to_string() })?;
            let retired = prepare(&module)?;
            // Ownership of the LLVM module moves to `ParsedModule::base`.
            (owned_raw(module), std::cell::RefCell::new(retired))
        };
        let mut parsed = ParsedModule { base, parked: HashMap::new(), retired, _context: context, diagnostics };
        parsed.park_bodies();
        parsed.drop_variable_initializers();
        Ok(parsed)
    }

    /// Disposes of the modules kept until now (see [`RetiredModule`]).
    pub(crate) fn dispose_retired(&self) {
        self.retired.borrow_mut().clear();
    }

    /// Detaches the body of every defined function whose blocks are not address-taken.
    fn park_bodies(&mut self) {
        // SAFETY: `base` is live and owned by `self`; the iteration yields its functions, then null.
        let mut function = unsafe { llvm::LLVMGetFirstFunction(self.base) };
        while !function.is_null() {
            let name = value_name(function);
            let parkable = !name.is_empty() && !has_blockaddress_users(function) && !self.parked.contains_key(&name);
            let mut blocks = Vec::new();
            if parkable {
                // SAFETY: `function` is a live function of `base`; the iteration yields its blocks, then null.
                let mut bb = unsafe { llvm::LLVMGetFirstBasicBlock(function) };
                while !bb.is_null() {
                    blocks.push(bb);
                    // SAFETY: `bb` is a live block of `function`.
                    bb = unsafe { llvm::LLVMGetNextBasicBlock(bb) };
                }
                for &bb in &blocks {
                    // SAFETY: `bb` is a block of `function`; it is unlinked (not freed) and kept in `parked`, to
                    // be put back by `attach` / `Drop` before anything frees the module.
                    unsafe { llvm::LLVMRemoveBasicBlockFromParent(bb) };
                }
            }
            if !blocks.is_empty() {
                self.parked.insert(name, Parked { function, blocks });
            }
            // SAFETY: `function` is a live function of `base`.
            function = unsafe { llvm::LLVMGetNextFunction(function) };
        }
    }

    /// Removes what no job ever uses from the skeleton: the initializers of non-`constant` global variables (jobs
    /// bind variables to the runtime's copies), replaced by `zeroinitializer` (one constant, whatever the size)
    /// so that they stay definitions, and the `llvm.*` globals (`llvm.used`, `llvm.global_ctors`, ...: the runtime
    /// ran constructors at load time). This keeps big data tables out of every job's copy.
    fn drop_variable_initializers(&mut self) {
        // SAFETY: `base` is live; the iteration yields its global variables, then null.
        let mut global = unsafe { llvm::LLVMGetFirstGlobal(self.base) };
        while !global.is_null() {
            // SAFETY: `global` is a live global variable of `base`.
            let next = unsafe { llvm::LLVMGetNextGlobal(global) };
            // SAFETY: as above; these only read the variable.
            let (constant, uses) = unsafe { (llvm::LLVMIsGlobalConstant(global) != 0, llvm::LLVMGetFirstUse(global)) };
            if value_name(global).starts_with("llvm.") && uses.is_null() {
                // SAFETY: `global` is a live, unused global variable of `base`; `next` was read before.
                unsafe { llvm::LLVMDeleteGlobal(global) };
            } else if !constant {
                // SAFETY: `global` is a live global variable; a definition's initializer may be any constant of
                // its value type, such as its null constant. Only jobs look at it, and never at its value (see
                // `extract`); declarations stay declarations.
                unsafe {
                    if !llvm::LLVMGetInitializer(global).is_null() {
                        llvm::LLVMSetInitializer(global, llvm::LLVMConstNull(llvm::LLVMGlobalGetValueType(global)));
                    }
                }
            }
            global = next;
        }
    }

    /// Puts the parked body of `parked` back into its function (which has no blocks meanwhile).
    fn attach(parked: &Parked) {
        for &bb in &parked.blocks {
            // SAFETY: `bb` was detached from `parked.function` by `park_bodies` (or `detach`) and is parentless;
            // appending in the recorded order restores the body exactly (entry block first).
            unsafe { llvm::LLVMAppendExistingBasicBlock(parked.function, bb) };
        }
    }

    /// Parks the body of `parked` again after [`attach`](Self::attach).
    fn detach(parked: &Parked) {
        for &bb in &parked.blocks {
            // SAFETY: `bb` was attached to `parked.function` by `attach`; it is unlinked again, not freed.
            unsafe { llvm::LLVMRemoveBasicBlockFromParent(bb) };
        }
    }

    /// The names of the functions that have a body (parked or not), in no particular order.
    pub(crate) fn defined_functions(&self) -> Vec<String> {
        let mut names: Vec<String> = self.parked.keys().cloned().collect();
        // SAFETY: `base` is live; the iteration yields its functions, then null.
        let mut function = unsafe { llvm::LLVMGetFirstFunction(self.base) };
        while !function.is_null() {
            // SAFETY: `function` is a live function of `base`.
            if unsafe { llvm::LLVMCountBasicBlocks(function) } > 0 {
                names.push(value_name(function));
            }
            // SAFETY: as above.
            function = unsafe { llvm::LLVMGetNextFunction(function) };
        }
        names
    }

    /// A copy of the module (`LLVMCloneModule`) in the same context in which the functions named in `bodies`
    /// have their bodies and every other parked function is a declaration. Dropping it disposes it.
    pub(crate) fn clone_with_bodies(&self, bodies: &[&str]) -> Module<'_> {
        let mut attached: Vec<&Parked> = Vec::with_capacity(bodies.len());
        for name in bodies {
            if let Some(parked) = self.parked.get(*name)
                && !attached.iter().any(|p| std::ptr::eq(*p, parked))
            {
                Self::attach(parked);
                attached.push(parked);
            }
        }
        // SAFETY: `self.base` is a live module owned by `self` (with some bodies attached); the clone is a new
        // module in the same context, owned by the returned inkwell `Module`, whose lifetime is tied to `&self`
        // and hence to the context. The clone shares no instructions with `base`.
        let clone = unsafe { Module::new(llvm::LLVMCloneModule(self.base)) };
        for parked in attached {
            Self::detach(parked);
        }
        clone
    }

    /// A new module in the same context holding copies of the functions named in `bodies` with their bodies, and
    /// declarations of only what they refer to (see `job_module`), plus the functions named in `keep`. Names
    /// after the first that are not definitions of the module are left out. Declines (and changes nothing) if the
    /// first is not a definition or the module uses what the direct copy does not handle;
    /// [`clone_with_bodies`](Self::clone_with_bodies) then does the job.
    pub(crate) fn copy_for_job(
        &self,
        bodies: &[&str],
        keep: &[&str],
    ) -> std::result::Result<Module<'_>, crate::job_module::Declined> {
        let mut sources: Vec<crate::job_module::Body> = Vec::with_capacity(bodies.len());
        for (i, name) in bodies.iter().enumerate() {
            if i == 1 && sources.is_empty() {
                break;
            }
            let function = match self.parked.get(*name) {
                Some(parked) => crate::job_module::Body { function: parked.function, blocks: parked.blocks.clone() },
                None => {
                    let Ok(c_name) = CString::new(*name) else { continue };
                    // SAFETY: `base` is live; the lookup returns null or a live function of `base`.
                    let function = unsafe { llvm::LLVMGetNamedFunction(self.base, c_name.as_ptr()) };
                    if function.is_null() {
                        continue;
                    }
                    let mut blocks = Vec::new();
                    // SAFETY: `function` is live; the iteration yields its attached blocks, then null.
                    let mut bb = unsafe { llvm::LLVMGetFirstBasicBlock(function) };
                    while !bb.is_null() {
                        blocks.push(bb);
                        // SAFETY: `bb` is a live block of `function`.
                        bb = unsafe { llvm::LLVMGetNextBasicBlock(bb) };
                    }
                    if blocks.is_empty() {
                        continue;
                    }
                    crate::job_module::Body { function, blocks }
                }
            };
            if !sources.iter().any(|s| s.function == function.function) {
                sources.push(function);
            }
        }
        if sources.is_empty() {
            // The job's own function is no definition: the whole copy tells which error that is.
            return Err(crate::job_module::Declined("the function is not a definition"));
        }
        // SAFETY: `base` is live and owned by `self`, unchanged during the copy (nothing else runs on this
        // context meanwhile: `&self` and the compiler is not `Send`); each source is a function of `base` with its
        // parked or attached blocks, listed once.
        let raw = unsafe { crate::job_module::copy(self.base, &sources, keep)? };
        // SAFETY: `raw` is a new module in this context, owned by the returned inkwell `Module`, whose lifetime is
        // tied to `&self` and hence to the context.
        Ok(unsafe { Module::new(raw) })
    }

    /// Whether the module has a global value (function, variable, alias or ifunc) named `name`.
    pub(crate) fn has_global_named(&self, name: &str) -> bool {
        let Ok(c_name) = CString::new(name) else { return false };
        // SAFETY: `base` is live; the lookups only read its symbol table.
        unsafe {
            !llvm::LLVMGetNamedFunction(self.base, c_name.as_ptr()).is_null()
                || !llvm::LLVMGetNamedGlobal(self.base, c_name.as_ptr()).is_null()
                || !llvm::LLVMGetNamedGlobalAlias(self.base, c_name.as_ptr(), name.len()).is_null()
                || !llvm::LLVMGetNamedGlobalIFunc(self.base, c_name.as_ptr(), name.len()).is_null()
        }
    }

    /// Removes and returns the error diagnostics recorded since the last call.
    pub(crate) fn take_errors(&self) -> Vec<String> {
        self.diagnostics.errors.lock().map(|mut errors| std::mem::take(&mut *errors)).unwrap_or_default()
    }

    /// Moves everything `src` holds into `dest` (`LLVMLinkModules2`; both job modules of this module's context),
    /// consuming `src`. `src`'s module-level assembly is dropped first: every job module carries the module's
    /// own, and `dest` has it already. Errors with what the linker reported (through the context's diagnostic
    /// handler, which stays ours; inkwell's `link_in_module` replaces it with one that points at its stack).
    pub(crate) fn link_job_modules<'p>(
        &'p self,
        dest: &Module<'p>,
        src: Module<'p>,
    ) -> std::result::Result<(), String> {
        let _ = self.take_errors();
        let raw = src.as_mut_ptr();
        // `LLVMLinkModules2` destroys the source module, whatever it returns.
        std::mem::forget(src);
        // SAFETY: `raw` is a live module of this context, owned here (inkwell's handle was forgotten above) and
        // destroyed by the linker; `dest` is a live module of the same context. Setting an empty assembly string
        // (length 0) copies nothing out of the pointer.
        let failed = unsafe {
            llvm::LLVMSetModuleInlineAsm2(raw, c"".as_ptr(), 0);
            inkwell::llvm_sys::linker::LLVMLinkModules2(dest.as_mut_ptr(), raw) != 0
        };
        let errors = self.take_errors();
        match (failed, errors.is_empty()) {
            (false, true) => Ok(()),
            (true, true) => Err("the linker failed without a message".into()),
            _ => Err(errors.join("; ")),
        }
    }
}

impl Drop for ParsedModule {
    fn drop(&mut self) {
        // Parked blocks hold uses of the module's values; LLVM must free them with their functions.
        for parked in self.parked.values() {
            Self::attach(parked);
        }
        // SAFETY: `base` is owned by `self`, not disposed before, complete again, and every job module borrowed
        // from `self` is gone (they borrow `&self`). The context field is dropped after this, so the module dies
        // first.
        unsafe { llvm::LLVMDisposeModule(self.base) };
    }
}

/// The name of a global value (empty if unnamed).
fn value_name(value: LLVMValueRef) -> String {
    let mut len = 0usize;
    // SAFETY: `value` is a live value; LLVM returns a pointer to its `len` name bytes (or null).
    let ptr = unsafe { llvm::LLVMGetValueName2(value, &mut len) };
    if ptr.is_null() {
        return String::new();
    }
    // SAFETY: `ptr` points to `len` bytes owned by the value, which outlives this call.
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    String::from_utf8_lossy(bytes).into_owned()
}

/// Replaces every `blockaddress(@f, %bb)` constant of `module` by the number `label(index of %bb in @f)`, as a
/// pointer constant. Returns how many were replaced.
pub(crate) fn replace_block_addresses(module: &Module<'_>, label: impl Fn(u32) -> u64) -> usize {
    let raw_module = module.as_mut_ptr();
    let mut found: Vec<(LLVMValueRef, u64)> = Vec::new();
    // SAFETY: iterating the live module's functions, their blocks and each block's use list, reading only
    // (replacements happen after collecting).
    unsafe {
        let mut f = llvm::LLVMGetFirstFunction(raw_module);
        while !f.is_null() {
            let mut b = llvm::LLVMGetFirstBasicBlock(f);
            let mut index = 0u32;
            while !b.is_null() {
                let mut u = llvm::LLVMGetFirstUse(llvm::LLVMBasicBlockAsValue(b));
                while !u.is_null() {
                    let user = llvm::LLVMGetUser(u);
                    if llvm::LLVMGetValueKind(user) == LLVMValueKind::LLVMBlockAddressValueKind
                        && !found.iter().any(|x| x.0 == user)
                    {
                        found.push((user, label(index)));
                    }
                    u = llvm::LLVMGetNextUse(u);
                }
                b = llvm::LLVMGetNextBasicBlock(b);
                index += 1;
            }
            f = llvm::LLVMGetNextFunction(f);
        }
    }
    for &(address, value) in &found {
        // SAFETY: `address` is a live blockaddress constant of the module's context; the replacement is a fresh
        // constant of the same (pointer) type in that context, as RAUW requires.
        unsafe {
            let ctx = llvm::LLVMGetModuleContext(raw_module);
            let number = llvm::LLVMConstInt(llvm::LLVMInt64TypeInContext(ctx), value, 0);
            let replacement = llvm::LLVMConstIntToPtr(number, llvm::LLVMTypeOf(address));
            llvm::LLVMReplaceAllUsesWith(address, replacement);
        }
    }
    found.len()
}

/// True if some `blockaddress(@function, ...)` constant exists: a user of the function or of one of its blocks.
fn has_blockaddress_users(function: LLVMValueRef) -> bool {
    let is_block_address = |mut u: inkwell::llvm_sys::prelude::LLVMUseRef| {
        while !u.is_null() {
            // SAFETY: `u` is a live use; its user is a live value.
            let kind = unsafe { llvm::LLVMGetValueKind(llvm::LLVMGetUser(u)) };
            if kind == LLVMValueKind::LLVMBlockAddressValueKind {
                return true;
            }
            // SAFETY: as above.
            u = unsafe { llvm::LLVMGetNextUse(u) };
        }
        false
    };
    // SAFETY: `function` is live; its use list and block list are only read.
    if is_block_address(unsafe { llvm::LLVMGetFirstUse(function) }) {
        return true;
    }
    // SAFETY: as above; each block is live while the function is.
    let mut bb = unsafe { llvm::LLVMGetFirstBasicBlock(function) };
    while !bb.is_null() {
        // SAFETY: `bb` is a live block of `function`.
        if is_block_address(unsafe { llvm::LLVMGetFirstUse(llvm::LLVMBasicBlockAsValue(bb)) }) {
            return true;
        }
        // SAFETY: as above.
        bb = unsafe { llvm::LLVMGetNextBasicBlock(bb) };
    }
    false
}

/// True if the `llvm.loop` metadata node `loop_id` (as attached to `inst` under `loop_kind`) contains an
/// operand node `!{!"llvm.loop.unroll.disable"}`.
pub(crate) fn loop_disables_unroll(inst: InstructionValue<'_>, loop_kind: u32) -> bool {
    let raw_inst = inst.as_value_ref();
    // SAFETY: `raw_inst` is a live instruction; LLVMGetMetadata returns null or a MetadataAsValue.
    let node = unsafe { llvm::LLVMGetMetadata(raw_inst, loop_kind) };
    // SAFETY: LLVMIsAMDNode accepts any value (or null) and checks the kind before casting.
    if node.is_null() || unsafe { llvm::LLVMIsAMDNode(node) }.is_null() {
        return false;
    }
    // SAFETY: `node` is a MetadataAsValue wrapping an MDNode (checked above).
    let count = unsafe { llvm::LLVMGetMDNodeNumOperands(node) } as usize;
    let mut operands: Vec<LLVMValueRef> = vec![std::ptr::null_mut(); count];
    // SAFETY: `operands` has room for exactly the `count` operands LLVM writes.
    unsafe { llvm::LLVMGetMDNodeOperands(node, operands.as_mut_ptr()) };
    operands.into_iter().any(|op| {
        // SAFETY: `op` is null or a value LLVM just handed out; LLVMIsAMDNode checks before casting.
        if op.is_null() || unsafe { llvm::LLVMIsAMDNode(op) }.is_null() {
            return false;
        }
        // SAFETY: `op` is an MDNode (checked above).
        let n = unsafe { llvm::LLVMGetMDNodeNumOperands(op) } as usize;
        if n == 0 {
            return false;
        }
        let mut inner: Vec<LLVMValueRef> = vec![std::ptr::null_mut(); n];
        // SAFETY: room for exactly `n` operands.
        unsafe { llvm::LLVMGetMDNodeOperands(op, inner.as_mut_ptr()) };
        let first = inner[0];
        if first.is_null() {
            return false;
        }
        let mut len: c_uint = 0;
        // SAFETY: LLVMGetMDString checks that `first` is an MDString and returns null otherwise.
        let s = unsafe { llvm::LLVMGetMDString(first, &mut len) };
        if s.is_null() {
            return false;
        }
        // SAFETY: LLVM returned a pointer to `len` bytes of the MDString, valid while the context lives.
        let bytes = unsafe { std::slice::from_raw_parts(s.cast::<u8>(), len as usize) };
        bytes == b"llvm.loop.unroll.disable"
    })
}

/// Removes the metadata attachment of kind `kind` from `inst`.
pub(crate) fn clear_metadata(inst: InstructionValue<'_>, kind: u32) {
    // SAFETY: `inst` is a live instruction; a null node removes the attachment.
    unsafe { llvm::LLVMSetMetadata(inst.as_value_ref(), kind, std::ptr::null_mut()) };
}

/// Copies every metadata attachment of function `from` (e.g. `!dbg`, `!prof`) to function `to`.
pub(crate) fn copy_function_metadata(from: FunctionValue<'_>, to: FunctionValue<'_>) {
    let mut count: usize = 0;
    // SAFETY: `from` is a live function; LLVM returns an owned array of `count` entries (or null).
    let entries = unsafe { llvm::LLVMGlobalCopyAllMetadata(from.as_value_ref(), &mut count) };
    if entries.is_null() {
        return;
    }
    for i in 0..count {
        let index = c_uint::try_from(i).unwrap_or(c_uint::MAX);
        // SAFETY: `index < count`, the array is live until disposed below, `to` is a live function.
        unsafe {
            let kind = llvm::LLVMValueMetadataEntriesGetKind(entries, index);
            let md = llvm::LLVMValueMetadataEntriesGetMetadata(entries, index);
            llvm::LLVMGlobalSetMetadata(to.as_value_ref(), kind, md);
        }
    }
    // SAFETY: `entries` came from LLVMGlobalCopyAllMetadata and is disposed exactly once.
    unsafe { llvm::LLVMDisposeValueMetadataEntries(entries) };
}

/// What a new declaration created by [`add_declaration_like`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DeclKind {
    /// A function declaration.
    Function,
    /// A global variable declaration.
    Variable,
}

/// Adds to `module` a fresh external declaration named `name` with the value type and address space of the
/// global value `like` (a function declaration if that type is a function type, else a global variable). Fresh
/// declarations are never `dso_local`, so code refers to them through the GOT / PLT stubs.
pub(crate) fn add_declaration_like<'ctx>(
    module: &Module<'ctx>,
    like: GlobalValue<'ctx>,
    name: &str,
) -> Result<(GlobalValue<'ctx>, DeclKind)> {
    let c_name = CString::new(name).map_err(|_| Error::NulInName { operation: "compile", name: name.to_owned() })?;
    let raw_like = like.as_value_ref();
    // SAFETY: `raw_like` is a live global value; its value type and its own (pointer) type are live types of
    // the module's context. `module` is live; LLVM copies `c_name`. The result is a new global value of `module`.
    let (raw, kind) = unsafe {
        let value_type = llvm::LLVMGlobalGetValueType(raw_like);
        if llvm::LLVMGetTypeKind(value_type) == LLVMTypeKind::LLVMFunctionTypeKind {
            let f = llvm::LLVMAddFunction(module.as_mut_ptr(), c_name.as_ptr(), value_type);
            (f, DeclKind::Function)
        } else {
            let address_space = llvm::LLVMGetPointerAddressSpace(llvm::LLVMTypeOf(raw_like));
            let g = llvm::LLVMAddGlobalInAddressSpace(module.as_mut_ptr(), value_type, c_name.as_ptr(), address_space);
            (g, DeclKind::Variable)
        }
    };
    // SAFETY: `raw` is the global value LLVM just created in `module`.
    Ok((unsafe { GlobalValue::new(raw) }, kind))
}

/// The module's aliases (`@a = alias ...`), in module order.
pub(crate) fn global_aliases<'ctx>(module: &Module<'ctx>) -> Vec<GlobalValue<'ctx>> {
    let mut out = Vec::new();
    // SAFETY: `module` is live; the iteration functions return null at the end or a live alias of `module`.
    let mut cur = unsafe { llvm::LLVMGetFirstGlobalAlias(module.as_mut_ptr()) };
    while !cur.is_null() {
        // SAFETY: `cur` is a live GlobalAlias, which is a GlobalValue.
        out.push(unsafe { GlobalValue::new(cur) });
        // SAFETY: as above.
        cur = unsafe { llvm::LLVMGetNextGlobalAlias(cur) };
    }
    out
}

/// The module's ifuncs (`@f = ifunc ...`), in module order.
pub(crate) fn global_ifuncs<'ctx>(module: &Module<'ctx>) -> Vec<GlobalValue<'ctx>> {
    let mut out = Vec::new();
    // SAFETY: `module` is live; the iteration functions return null at the end or a live ifunc of `module`.
    let mut cur = unsafe { llvm::LLVMGetFirstGlobalIFunc(module.as_mut_ptr()) };
    while !cur.is_null() {
        // SAFETY: `cur` is a live GlobalIFunc, which is a GlobalValue.
        out.push(unsafe { GlobalValue::new(cur) });
        // SAFETY: as above.
        cur = unsafe { llvm::LLVMGetNextGlobalIFunc(cur) };
    }
    out
}

/// The aliasee of `alias` (a constant: a global value or a constant expression over one).
pub(crate) fn aliasee(alias: GlobalValue<'_>) -> AliaseeRef {
    // SAFETY: `alias` is a live GlobalAlias; its aliasee is a live constant of the same context.
    AliaseeRef(unsafe { llvm::LLVMAliasGetAliasee(alias.as_value_ref()) })
}

/// A raw aliasee constant, usable with [`replace_all_uses_with`].
#[derive(Clone, Copy)]
pub(crate) struct AliaseeRef(inkwell::llvm_sys::prelude::LLVMValueRef);

impl AliaseeRef {
    /// Whether the aliasee is `value` itself.
    pub(crate) fn is(self, value: GlobalValue<'_>) -> bool {
        self.0 == value.as_value_ref()
    }
}

// SAFETY: the wrapped reference is a live constant (see `aliasee`).
unsafe impl AsValueRef for AliaseeRef {
    fn as_value_ref(&self) -> inkwell::llvm_sys::prelude::LLVMValueRef {
        self.0
    }
}

/// Points `alias` at `target` (both pointer-typed global values of the same module and address space).
pub(crate) fn set_aliasee(alias: GlobalValue<'_>, target: FunctionValue<'_>) {
    // SAFETY: both are live global values of the same module; the caller checked the address spaces match.
    unsafe { llvm::LLVMAliasSetAliasee(alias.as_value_ref(), target.as_value_ref()) };
}

/// The address space of the pointer a global value evaluates to.
pub(crate) fn address_space(value: GlobalValue<'_>) -> u32 {
    // SAFETY: a global value's type is always a pointer type.
    unsafe { llvm::LLVMGetPointerAddressSpace(llvm::LLVMTypeOf(value.as_value_ref())) }
}

/// A global value of a job module that is to be erased once everything referring to it was redirected.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Dead<'ctx> {
    /// A function (definition or declaration).
    Function(FunctionValue<'ctx>),
    /// A global variable.
    Variable(GlobalValue<'ctx>),
    /// An ifunc.
    IFunc(GlobalValue<'ctx>),
}

impl Dead<'_> {
    fn raw(&self) -> LLVMValueRef {
        match self {
            Dead::Function(f) => f.as_value_ref(),
            Dead::Variable(g) | Dead::IFunc(g) => g.as_value_ref(),
        }
    }
}

/// Erases every value in `dead` that has no uses left, and returns the names (as given alongside) of those that
/// still had uses: they are left in the module, and the caller reports them.
///
/// # Safety
/// Each entry must be a live global value of one module, appear once, and be of the kind its variant says; the
/// caller must not use any copy of these handles afterwards (erasing frees the values).
pub(crate) unsafe fn erase(dead: Vec<(Dead<'_>, String)>) -> Vec<String> {
    let mut kept = Vec::new();
    for (value, name) in dead {
        let raw = value.raw();
        // SAFETY: `raw` is live (caller contract).
        if !unsafe { llvm::LLVMGetFirstUse(raw) }.is_null() {
            kept.push(name);
            continue;
        }
        // SAFETY: `raw` is live, unused, and of the variant's kind (caller contract); each erase call drops the
        // value's own references (body, initializer, resolver) before freeing it.
        unsafe {
            match value {
                Dead::Function(_) => llvm::LLVMDeleteFunction(raw),
                Dead::Variable(_) => llvm::LLVMDeleteGlobal(raw),
                Dead::IFunc(_) => llvm::LLVMEraseGlobalIFunc(raw),
            }
        }
    }
    kept
}

/// Removes the personality routine of `f` (a function whose body moved elsewhere).
pub(crate) fn clear_personality(f: FunctionValue<'_>) {
    // SAFETY: `f` is a live function; a null personality is how LLVM stores "none".
    unsafe { llvm::LLVMSetPersonalityFn(f.as_value_ref(), std::ptr::null_mut()) };
}

/// `LLVMReplaceAllUsesWith(old, new)` for two values of the same type (checked; a mismatch or `old == new` does
/// nothing and returns false).
pub(crate) fn replace_all_uses_with(old: impl AsValueRef, new: impl AsValueRef) -> bool {
    let (old, new) = (old.as_value_ref(), new.as_value_ref());
    if old == new {
        return false;
    }
    // SAFETY: both are live values; LLVMTypeOf only reads them.
    let same_type = unsafe { llvm::LLVMTypeOf(old) == llvm::LLVMTypeOf(new) };
    if !same_type {
        return false;
    }
    // SAFETY: distinct live values of the same type in one context, as RAUW requires.
    unsafe { llvm::LLVMReplaceAllUsesWith(old, new) };
    true
}

/// Gives global variable `to` the initializer of global variable `from`. Returns false (and does nothing) if
/// `from` has no initializer or the two do not have the same value type.
pub(crate) fn copy_initializer(from: GlobalValue<'_>, to: GlobalValue<'_>) -> bool {
    let (from, to) = (from.as_value_ref(), to.as_value_ref());
    // SAFETY: both are live global values; these calls only read them.
    let (same_type, is_var) = unsafe {
        (
            llvm::LLVMGlobalGetValueType(from) == llvm::LLVMGlobalGetValueType(to),
            !llvm::LLVMIsAGlobalVariable(from).is_null() && !llvm::LLVMIsAGlobalVariable(to).is_null(),
        )
    };
    if !same_type || !is_var {
        return false;
    }
    // SAFETY: `from` is a live global variable (checked); LLVMGetInitializer returns null for a declaration.
    let init = unsafe { llvm::LLVMGetInitializer(from) };
    if init.is_null() {
        return false;
    }
    // SAFETY: `to` is a live global variable with the same value type as the constant `init` (checked above).
    unsafe { llvm::LLVMSetInitializer(to, init) };
    true
}

/// The garbage-collector strategy name of `f` (`gc "name"`), if it has one. (inkwell's `get_gc` reads a null
/// pointer when there is none.)
pub(crate) fn gc_name(f: FunctionValue<'_>) -> Option<String> {
    // SAFETY: `f` is a live function; LLVMGetGC returns null or a NUL-terminated string owned by the context.
    let raw = unsafe { llvm::LLVMGetGC(f.as_value_ref()) };
    if raw.is_null() {
        return None;
    }
    // SAFETY: non-null, NUL-terminated, alive while the context is (we copy it right away).
    Some(unsafe { CStr::from_ptr(raw) }.to_string_lossy().into_owned())
}

/// Whether every use of `global` only reads it: loads through it, directly or through `getelementptr` (as an
/// instruction or a constant expression) and casts of it. A store, a call argument, a comparison, a
/// `ptrtoint`, a use in another initializer — anything that writes it or lets its address escape — says no.
pub(crate) fn only_loaded(global: GlobalValue<'_>) -> bool {
    every_use(global, |user, value| {
        // SAFETY: `user` is a live user of the live `value`; its kind, operands and volatility are only read.
        unsafe {
            if !llvm::LLVMIsALoadInst(user).is_null() {
                UseOf::accepted(llvm::LLVMGetOperand(user, 0) == value && llvm::LLVMGetVolatile(user) == 0)
            } else if !llvm::LLVMIsAGetElementPtrInst(user).is_null() && llvm::LLVMGetOperand(user, 0) == value {
                UseOf::Through
            } else {
                UseOf::Refused
            }
        }
    })
}

/// What [`every_use`]'s judge makes of one use.
enum UseOf {
    /// The use is fine.
    Accepted,
    /// The user is an address computed from the value: its own uses are judged instead.
    Through,
    /// The user stores the value into this stack slot, whose other users all load it: the loads' uses are
    /// judged instead.
    Loads(LLVMValueRef),
    /// The use is not allowed.
    Refused,
}

impl UseOf {
    fn accepted(ok: bool) -> Self {
        if ok { UseOf::Accepted } else { UseOf::Refused }
    }
}

/// Whether `judge(user, value)` accepts every use of `global`, looking through constant `getelementptr` and
/// `bitcast` expressions of it (and the users `judge` passes [`UseOf::Through`]) to their uses, at most eight
/// deep.
fn every_use(global: GlobalValue<'_>, judge: impl Fn(LLVMValueRef, LLVMValueRef) -> UseOf) -> bool {
    walk_uses(global.as_value_ref(), 0, &judge)
}

/// Whether `judge` accepts every use of `value` (see [`every_use`]), `depth` steps from where the walk began.
fn walk_uses(value: LLVMValueRef, depth: u32, judge: &dyn Fn(LLVMValueRef, LLVMValueRef) -> UseOf) -> bool {
    if depth > 8 {
        return false;
    }
    // SAFETY: `value` is a live value; its use list yields live uses and users; opcodes are read only.
    unsafe {
        let mut u = llvm::LLVMGetFirstUse(value);
        while !u.is_null() {
            let user = llvm::LLVMGetUser(u);
            let constant_address = !llvm::LLVMIsAConstantExpr(user).is_null()
                && matches!(
                    llvm::LLVMGetConstOpcode(user),
                    inkwell::llvm_sys::LLVMOpcode::LLVMGetElementPtr | inkwell::llvm_sys::LLVMOpcode::LLVMBitCast
                )
                && llvm::LLVMGetOperand(user, 0) == value;
            let ok = match if constant_address { UseOf::Through } else { judge(user, value) } {
                UseOf::Accepted => true,
                UseOf::Through => walk_uses(user, depth + 1, judge),
                UseOf::Loads(slot) => {
                    let mut all = true;
                    let mut s = llvm::LLVMGetFirstUse(slot);
                    while all && !s.is_null() {
                        // The store itself, or a load whose uses are judged.
                        let slot_user = llvm::LLVMGetUser(s);
                        all = slot_user == user || walk_uses(slot_user, depth + 1, judge);
                        s = llvm::LLVMGetNextUse(s);
                    }
                    all
                }
                UseOf::Refused => false,
            };
            if !ok {
                return false;
            }
            u = llvm::LLVMGetNextUse(u);
        }
    }
    true
}

/// Whether `value` is computed at run time: an instruction's result or a function argument (not a constant, a
/// global value or inline assembly).
pub(crate) fn is_runtime_value(value: impl AsValueRef) -> bool {
    // SAFETY: `value` is a live value; LLVMGetValueKind only reads it.
    let kind = unsafe { llvm::LLVMGetValueKind(value.as_value_ref()) };
    matches!(kind, LLVMValueKind::LLVMInstructionValueKind | LLVMValueKind::LLVMArgumentValueKind)
}

/// Number of successors of terminator `inst` (`LLVMGetNumSuccessors`).
pub(crate) fn successor_count(inst: InstructionValue<'_>) -> u32 {
    if !inst.is_terminator() {
        return 0;
    }
    // SAFETY: `inst` is a live terminator instruction, which LLVMGetNumSuccessors requires.
    unsafe { llvm::LLVMGetNumSuccessors(inst.as_value_ref()) }
}

/// Whether `value` points into a `constant` global variable: the variable itself, or constant-expression
/// `getelementptr`s and casts of it. Memory there never changes, so reading it later reads what it read before.
pub(crate) fn points_into_constant_global(value: impl AsValueRef) -> bool {
    // SAFETY: `base_global_variable` returns a live global variable; its constness is only read.
    base_global_variable(value.as_value_ref()).is_some_and(|g| unsafe { llvm::LLVMIsGlobalConstant(g) } != 0)
}

/// The global variable `value` is, or is an address in through constant `getelementptr`/`bitcast` expressions
/// and `getelementptr inbounds` instructions (at most eight deep).
fn base_global_variable(value: LLVMValueRef) -> Option<LLVMValueRef> {
    let mut v = value;
    for _ in 0..8 {
        // SAFETY: `v` is a live value (the argument, or the pointer operand of a live constant expression or
        // instruction); these calls only read it.
        unsafe {
            if !llvm::LLVMIsAGlobalVariable(v).is_null() {
                return Some(v);
            }
            if !llvm::LLVMIsAGetElementPtrInst(v).is_null() {
                let base = llvm::LLVMGetOperand(v, 0);
                if !in_bounds_address_of(v, base) {
                    return None;
                }
                v = base;
                continue;
            }
            if llvm::LLVMIsAConstantExpr(v).is_null()
                || !matches!(
                    llvm::LLVMGetConstOpcode(v),
                    inkwell::llvm_sys::LLVMOpcode::LLVMGetElementPtr | inkwell::llvm_sys::LLVMOpcode::LLVMBitCast
                )
            {
                return None;
            }
            v = llvm::LLVMGetOperand(v, 0);
        }
    }
    None
}

/// Whether `user` is a `getelementptr inbounds` instruction computing an address from `base` (its pointer
/// operand; no index is `base`).
fn in_bounds_address_of(user: LLVMValueRef, base: LLVMValueRef) -> bool {
    // SAFETY: `user` is a live value; its kind, flag and operands are only read.
    unsafe {
        if llvm::LLVMIsAGetElementPtrInst(user).is_null()
            || llvm::LLVMIsInBounds(user) == 0
            || llvm::LLVMGetOperand(user, 0) != base
        {
            return false;
        }
        (1..llvm::LLVMGetNumOperands(user) as u32).all(|i| llvm::LLVMGetOperand(user, i) != base)
    }
}

/// Whether `inst` calls `llvm.memcpy`, `llvm.memmove` or `llvm.memset` (memory reached only through its
/// pointer arguments).
pub(crate) fn calls_memory_intrinsic(inst: InstructionValue<'_>) -> bool {
    // SAFETY: `inst` is a live instruction; its kind and callee operand are only read.
    let callee = unsafe {
        let v = inst.as_value_ref();
        if llvm::LLVMIsACallInst(v).is_null() {
            return false;
        }
        let callee = llvm::LLVMGetCalledValue(v);
        if callee.is_null() || llvm::LLVMIsAFunction(callee).is_null() {
            return false;
        }
        callee
    };
    let name = value_name(callee);
    ["llvm.memcpy.", "llvm.memmove.", "llvm.memset."].iter().any(|p| name.starts_with(p))
}

/// The bytes of the `constant` global variable `value` names, when its initializer is a constant string (a
/// C string literal).
pub(crate) fn constant_string(value: impl AsValueRef) -> Option<Vec<u8>> {
    let v = value.as_value_ref();
    // SAFETY: `v` is a live value; these calls only read it, and LLVMGetInitializer returns null for a declaration.
    let init = unsafe {
        if llvm::LLVMIsAGlobalVariable(v).is_null() || llvm::LLVMIsGlobalConstant(v) == 0 {
            return None;
        }
        llvm::LLVMGetInitializer(v)
    };
    // SAFETY: `init` is a live constant (checked non-null); LLVMIsConstantString only reads it.
    if init.is_null() || unsafe { llvm::LLVMIsConstantString(init) } == 0 {
        return None;
    }
    let mut len = 0usize;
    // SAFETY: `init` is a constant data sequence (checked); the returned pointer covers `len` bytes owned by
    // the context, copied before anything can change it.
    let bytes = unsafe { llvm::LLVMGetAsString(init, &mut len) };
    if bytes.is_null() {
        return None;
    }
    // SAFETY: as above: `len` readable bytes at `bytes`.
    Some(unsafe { std::slice::from_raw_parts(bytes.cast::<u8>(), len) }.to_vec())
}

/// Whether store `inst` stores one of its function's parameters to an `alloca`. (Read through the C API:
/// inkwell's operand accessors panic on operands of types it does not model, such as `metadata`.)
pub(crate) fn stores_argument_to_alloca(inst: InstructionValue<'_>) -> bool {
    let store = inst.as_value_ref();
    // SAFETY: `store` is a live instruction; a store has two operands, value and pointer; these calls only read.
    unsafe {
        !llvm::LLVMIsAStoreInst(store).is_null()
            && !llvm::LLVMIsAArgument(llvm::LLVMGetOperand(store, 0)).is_null()
            && !llvm::LLVMIsAAllocaInst(llvm::LLVMGetOperand(store, 1)).is_null()
    }
}

/// Whether operand `i` of `inst` is `value` (false if `inst` has no such operand). Compares the values
/// themselves, whatever their type.
pub(crate) fn operand_is(inst: InstructionValue<'_>, i: u32, value: impl AsValueRef) -> bool {
    let inst = inst.as_value_ref();
    // SAFETY: `inst` is a live instruction (a user), `i` is checked against its operand count; only reads.
    unsafe { i < llvm::LLVMGetNumOperands(inst).max(0) as u32 && llvm::LLVMGetOperand(inst, i) == value.as_value_ref() }
}

/// Whether instruction `inst` produces a pointer (read through the C API, whatever its type).
pub(crate) fn returns_pointer(inst: InstructionValue<'_>) -> bool {
    // SAFETY: `inst` is a live instruction; LLVMTypeOf and LLVMGetTypeKind only read it.
    unsafe { llvm::LLVMGetTypeKind(llvm::LLVMTypeOf(inst.as_value_ref())) == LLVMTypeKind::LLVMPointerTypeKind }
}

/// Successor `i` of terminator `inst` (`i` below [`successor_count`]).
pub(crate) fn successor<'ctx>(inst: InstructionValue<'ctx>, i: u32) -> Option<inkwell::basic_block::BasicBlock<'ctx>> {
    if i >= successor_count(inst) {
        return None;
    }
    // SAFETY: `inst` is a live terminator with more than `i` successors (checked); the block it returns lives in
    // the same function.
    unsafe { inkwell::basic_block::BasicBlock::new(llvm::LLVMGetSuccessor(inst.as_value_ref(), i)) }
}

/// Makes successor `i` of terminator `inst` (`i` below [`successor_count`]) the block `to` of the same function.
pub(crate) fn set_successor(inst: InstructionValue<'_>, i: u32, to: inkwell::basic_block::BasicBlock<'_>) -> bool {
    if i >= successor_count(inst) {
        return false;
    }
    // SAFETY: `inst` is a live terminator with more than `i` successors (checked); `to` is a live block.
    unsafe { llvm::LLVMSetSuccessor(inst.as_value_ref(), i, to.as_mut_ptr()) };
    true
}

/// Sets LLVM's process-wide code generation options `options` (`-name` or `-name=value`, as `llc` takes them).
/// Each must be an option this LLVM has: an unknown one makes LLVM print an error and end the process.
pub(crate) fn set_codegen_options(options: &[&CStr]) {
    let mut argv: Vec<*const std::ffi::c_char> = vec![c"tierlift".as_ptr()];
    argv.extend(options.iter().map(|o| o.as_ptr()));
    // SAFETY: `argv` holds `argv.len()` pointers to NUL-terminated strings (the program name, then `options`),
    // all alive across the call, and the overview is a NUL-terminated string; LLVM reads them and keeps nothing.
    // Parsing again resets the options' occurrence counts first, so a second parse of the same option is fine.
    unsafe {
        inkwell::llvm_sys::support::LLVMParseCommandLineOptions(argv.len() as i32, argv.as_ptr(), c"".as_ptr());
    }
}
