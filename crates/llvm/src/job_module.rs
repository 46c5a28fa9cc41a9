//! A job's starting module built directly: a new module in the compiler's context that holds copies of the job's
//! bodies and of exactly the global values they refer to, instead of a copy of the whole skeleton
//! (`LLVMCloneModule`, whose cost grows with the module: every declaration, every constant initializer, and, when
//! the job rebinds a function that a big constant table refers to, a rebuild of that table per function).
//!
//! What the copy holds, for `extract::build_job` to turn into the job module as it does with a whole copy:
//! * each body: a function with the original name, type, linkage, calling convention, attributes, personality,
//!   alignment, GC strategy and metadata attachments, and its blocks copied instruction by instruction
//!   (`LLVMInstructionClone`, operands then mapped to the copy's values; phis are rebuilt, since the C API cannot
//!   change a phi's incoming blocks);
//! * every other function or global variable the bodies reach (directly, through constant expressions and
//!   aggregates, or through the initializer of a reached `constant`): a declaration with the original name, type,
//!   calling convention, attributes, `extern_weak`-ness, address space, alignment, constness, thread-local mode and
//!   `externally_initialized` flag; a `constant` keeps its (mapped) initializer and linkage;
//! * the names given as `keep` (targets of profiled indirect calls) as declarations even if nothing refers to them;
//! * the skeleton's triple, data layout, source file name, module-level assembly and named metadata (module flags).
//!
//! Metadata nodes are shared with the skeleton (they belong to the context; nothing changes them in place), except
//! nodes that refer to global values (`!callees` lists), which are rebuilt over the copy's values. The copy
//! declines — and the caller falls back to copying the skeleton — for what it does not map: aliases, ifuncs,
//! `blockaddress`, constant expressions other than casts, `getelementptr` and integer `add`/`sub`/`mul`/`xor`
//! (those are rebuilt without `nsw`/`nuw`, which the C API cannot read from a constant), metadata that refers to an
//! argument or instruction or to itself and to values, and prefix or prologue data.

use std::collections::{HashMap, HashSet};
use std::ffi::{CString, c_uint};

use inkwell::llvm_sys::core as llvm;
use inkwell::llvm_sys::prelude::{
    LLVMBasicBlockRef, LLVMBuilderRef, LLVMContextRef, LLVMMetadataRef, LLVMModuleRef, LLVMTypeRef, LLVMValueRef,
};
use inkwell::llvm_sys::{LLVMLinkage, LLVMOpcode, LLVMValueKind};

/// Why the direct copy does not handle a job; the caller copies the skeleton instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Declined(pub(crate) &'static str);

/// One body to copy: the skeleton's function and its blocks in order (parked or attached).
pub(crate) struct Body {
    /// The function in the skeleton.
    pub(crate) function: LLVMValueRef,
    /// Its blocks, entry first.
    pub(crate) blocks: Vec<LLVMBasicBlockRef>,
}

/// Builds the copy for a job (see the module docs) and returns the new module, owned by the caller.
///
/// # Safety
/// `base` must be a live module whose functions and global values stay unchanged during the call; each body's
/// function must be a function of `base` and its blocks the function's body (attached to it or parked, with their
/// instructions intact), each body listed once; `keep` names are looked up in `base`.
pub(crate) unsafe fn copy(base: LLVMModuleRef, bodies: &[Body], keep: &[&str]) -> Result<LLVMModuleRef, Declined> {
    // SAFETY: `base` is live (caller contract); the new module is created in its context with its identifier.
    let module = unsafe {
        let ctx = llvm::LLVMGetModuleContext(base);
        let mut len = 0usize;
        let id = llvm::LLVMGetModuleIdentifier(base, &mut len);
        let id = CString::new(std::slice::from_raw_parts(id.cast::<u8>(), len)).unwrap_or_default();
        llvm::LLVMModuleCreateWithNameInContext(id.as_ptr(), ctx)
    };
    let mut copier = Copier::new(base, module);
    // SAFETY: forwarded caller contract; `module` is the fresh module of `base`'s context created above.
    match unsafe { copier.run(bodies, keep) } {
        Ok(()) => Ok(module),
        Err(declined) => {
            drop(copier);
            // SAFETY: `module` was created above and is owned here; nothing else refers to it. Disposing drops
            // the references its (possibly half-mapped) instructions hold on the skeleton's values.
            unsafe { llvm::LLVMDisposeModule(module) };
            Err(declined)
        }
    }
}

/// The state of one copy.
struct Copier {
    base: LLVMModuleRef,
    module: LLVMModuleRef,
    ctx: LLVMContextRef,
    builder: LLVMBuilderRef,
    /// Skeleton global value → its copy.
    globals: HashMap<LLVMValueRef, LLVMValueRef>,
    /// Constants that refer to global values → their mapped versions (constants without any map to themselves).
    constants: HashMap<LLVMValueRef, LLVMValueRef>,
    /// The body being copied: skeleton instruction / argument / block value → its copy.
    locals: HashMap<LLVMValueRef, LLVMValueRef>,
    /// Metadata (as values) → its version over the copy's global values (itself if it refers to none).
    metadata: HashMap<LLVMValueRef, LLVMValueRef>,
    /// Metadata nodes being mapped (a node reached again through itself is a cycle).
    metadata_in_progress: HashSet<LLVMValueRef>,
    /// Whether [`Copier::map_attachments`] hands on unchanged attachments too (for phis, which are built anew).
    set_all_attachments: bool,
    /// Reached constants whose initializer is still to be mapped: (skeleton variable, copy).
    initializers: Vec<(LLVMValueRef, LLVMValueRef)>,
}

impl Drop for Copier {
    fn drop(&mut self) {
        // SAFETY: the builder was created in `new` and is disposed exactly once, here.
        unsafe { llvm::LLVMDisposeBuilder(self.builder) };
    }
}

/// `LLVMAttributeFunctionIndex`.
const FUNCTION_INDEX: c_uint = c_uint::MAX;

impl Copier {
    fn new(base: LLVMModuleRef, module: LLVMModuleRef) -> Self {
        // SAFETY: `module` is a live module; the builder is created in its context and disposed in `Drop`.
        let (ctx, builder) = unsafe {
            let ctx = llvm::LLVMGetModuleContext(module);
            (ctx, llvm::LLVMCreateBuilderInContext(ctx))
        };
        Copier {
            base,
            module,
            ctx,
            builder,
            globals: HashMap::new(),
            constants: HashMap::new(),
            locals: HashMap::new(),
            metadata: HashMap::new(),
            metadata_in_progress: HashSet::new(),
            set_all_attachments: false,
            initializers: Vec::new(),
        }
    }

    /// # Safety
    /// As [`copy`]; `self.module` is a fresh module of `self.base`'s context.
    unsafe fn run(&mut self, bodies: &[Body], keep: &[&str]) -> Result<(), Declined> {
        // SAFETY: both modules are live (caller contract); this copies module-level strings and metadata.
        unsafe { self.copy_module_level()? };
        // Every body's function exists before any body is copied, so calls between bodies find their copies.
        for body in bodies {
            // SAFETY: `body.function` is a live function of `base` (caller contract), listed once.
            unsafe { self.declare(body.function, true)? };
        }
        for body in bodies {
            // SAFETY: as above; its copy was just declared.
            unsafe { self.finish_definition(body.function)? };
        }
        for body in bodies {
            // SAFETY: forwarded caller contract for `body`; its function was declared just above.
            unsafe { self.copy_body(body)? };
        }
        for name in keep {
            let Ok(c_name) = CString::new(*name) else { continue };
            // SAFETY: `base` is live; the lookup returns null or one of its functions.
            let f = unsafe { llvm::LLVMGetNamedFunction(self.base, c_name.as_ptr()) };
            if !f.is_null() {
                self.global(f)?;
            }
        }
        while let Some((old, new)) = self.initializers.pop() {
            // SAFETY: `old` is a global variable of `base` with an initializer (checked when it was queued);
            // its mapped version has the same type, as `new`'s value type is `old`'s.
            unsafe {
                let init = self.value(llvm::LLVMGetInitializer(old))?;
                llvm::LLVMSetInitializer(new, init);
            }
        }
        Ok(())
    }

    /// Triple, data layout, source file name, module-level assembly and every named metadata node.
    unsafe fn copy_module_level(&mut self) -> Result<(), Declined> {
        let (base, module) = (self.base, self.module);
        // SAFETY: both modules are live; the getters return strings owned by `base` (NUL-terminated for the
        // triple and data layout, `len` bytes otherwise), which the setters copy.
        unsafe {
            llvm::LLVMSetTarget(module, llvm::LLVMGetTarget(base));
            llvm::LLVMSetDataLayout(module, llvm::LLVMGetDataLayoutStr(base));
            let mut len = 0usize;
            let name = llvm::LLVMGetSourceFileName(base, &mut len);
            llvm::LLVMSetSourceFileName(module, name, len);
            let asm = llvm::LLVMGetModuleInlineAsm(base, &mut len);
            if len > 0 {
                llvm::LLVMSetModuleInlineAsm2(module, asm, len);
            }
        }
        // SAFETY: `base` is live; the iteration yields its named metadata, then null.
        let mut named = unsafe { llvm::LLVMGetFirstNamedMetadata(base) };
        while !named.is_null() {
            let mut len = 0usize;
            // SAFETY: `named` is a live named node of `base`; its name is `len` bytes owned by it.
            let name =
                unsafe { std::slice::from_raw_parts(llvm::LLVMGetNamedMetadataName(named, &mut len).cast(), len) };
            let name = CString::new(name).map_err(|_| Declined("named metadata with a NUL in its name"))?;
            // SAFETY: `base` is live and has the node `name`; `operands` has room for the count LLVM reports.
            let operands = unsafe {
                let count = llvm::LLVMGetNamedMetadataNumOperands(base, name.as_ptr()) as usize;
                let mut operands = vec![std::ptr::null_mut(); count];
                llvm::LLVMGetNamedMetadataOperands(base, name.as_ptr(), operands.as_mut_ptr());
                operands
            };
            for op in operands {
                let op = self.metadata(op)?;
                // SAFETY: `op` is a metadata node of the shared context over the copy's values; adding it to the
                // copy's node of the same name creates that node if needed.
                unsafe { llvm::LLVMAddNamedMetadataOperand(module, name.as_ptr(), op) };
            }
            // SAFETY: `named` is live.
            named = unsafe { llvm::LLVMGetNextNamedMetadata(named) };
        }
        Ok(())
    }

    /// The copy of global value `old` of the skeleton, created on first reach.
    fn global(&mut self, old: LLVMValueRef) -> Result<LLVMValueRef, Declined> {
        match self.globals.get(&old) {
            Some(&new) => Ok(new),
            // SAFETY: `old` is a global value reached from the skeleton (an operand of its bodies or
            // initializers), hence live.
            None => unsafe { self.declare(old, false) },
        }
    }

    /// Creates the copy of global value `old` (a function or a global variable of the skeleton): a definition
    /// shell for a body (`definition`), else a declaration; a `constant` with an initializer gets it later.
    ///
    /// # Safety
    /// `old` must be a live global value of `self.base`.
    unsafe fn declare(&mut self, old: LLVMValueRef, definition: bool) -> Result<LLVMValueRef, Declined> {
        // SAFETY: `old` is live (contract); every call below reads it or creates / sets up the new global value
        // in the live `self.module`, with types of the shared context; name bytes are copied by LLVM.
        unsafe {
            let mut len = 0usize;
            let name = llvm::LLVMGetValueName2(old, &mut len);
            let value_type = llvm::LLVMGlobalGetValueType(old);
            let linkage = llvm::LLVMGetLinkage(old);
            let weak = linkage == LLVMLinkage::LLVMExternalWeakLinkage;
            let new = match llvm::LLVMGetValueKind(old) {
                LLVMValueKind::LLVMFunctionValueKind => {
                    if definition && (llvm::LLVMHasPrefixData(old) != 0 || llvm::LLVMHasPrologueData(old) != 0) {
                        return Err(Declined("prefix or prologue data"));
                    }
                    let new = llvm::LLVMAddFunction(self.module, c"".as_ptr(), value_type);
                    llvm::LLVMSetValueName2(new, name, len);
                    llvm::LLVMSetFunctionCallConv(new, llvm::LLVMGetFunctionCallConv(old));
                    let params = llvm::LLVMCountParams(old);
                    for index in [FUNCTION_INDEX, 0].into_iter().chain(1..=params) {
                        let count = llvm::LLVMGetAttributeCountAtIndex(old, index) as usize;
                        let mut attributes = vec![std::ptr::null_mut(); count];
                        llvm::LLVMGetAttributesAtIndex(old, index, attributes.as_mut_ptr());
                        for attribute in attributes {
                            llvm::LLVMAddAttributeAtIndex(new, index, attribute);
                        }
                    }
                    if definition {
                        llvm::LLVMSetLinkage(new, linkage);
                        llvm::LLVMSetAlignment(new, llvm::LLVMGetAlignment(old));
                        let gc = llvm::LLVMGetGC(old);
                        if !gc.is_null() {
                            llvm::LLVMSetGC(new, gc);
                        }
                    } else if weak {
                        llvm::LLVMSetLinkage(new, linkage);
                    }
                    new
                }
                LLVMValueKind::LLVMGlobalVariableValueKind => {
                    let space = llvm::LLVMGetPointerAddressSpace(llvm::LLVMTypeOf(old));
                    let new = llvm::LLVMAddGlobalInAddressSpace(self.module, value_type, c"".as_ptr(), space);
                    llvm::LLVMSetValueName2(new, name, len);
                    llvm::LLVMSetThreadLocalMode(new, llvm::LLVMGetThreadLocalMode(old));
                    llvm::LLVMSetAlignment(new, llvm::LLVMGetAlignment(old));
                    llvm::LLVMSetExternallyInitialized(new, llvm::LLVMIsExternallyInitialized(old));
                    llvm::LLVMSetGlobalConstant(new, llvm::LLVMIsGlobalConstant(old));
                    llvm::LLVMSetUnnamedAddress(new, llvm::LLVMGetUnnamedAddress(old));
                    if !llvm::LLVMGetInitializer(old).is_null() {
                        llvm::LLVMSetLinkage(new, linkage);
                        self.initializers.push((old, new));
                    } else if weak {
                        llvm::LLVMSetLinkage(new, linkage);
                    }
                    new
                }
                LLVMValueKind::LLVMGlobalAliasValueKind => return Err(Declined("alias")),
                LLVMValueKind::LLVMGlobalIFuncValueKind => return Err(Declined("ifunc")),
                _ => return Err(Declined("unexpected global value kind")),
            };
            self.globals.insert(old, new);
            Ok(new)
        }
    }

    /// Gives the copy of body function `old` (declared with `definition`) its personality and metadata: after
    /// every body is declared, since the personality may be one of them.
    ///
    /// # Safety
    /// `old` must be a live function of `self.base` whose copy exists.
    unsafe fn finish_definition(&mut self, old: LLVMValueRef) -> Result<(), Declined> {
        let new = self.globals[&old];
        // SAFETY: `old` is live (contract), `new` its copy in the live `self.module`; the mapped personality is
        // a global value (or constant over one) of the copy.
        unsafe {
            if llvm::LLVMHasPersonalityFn(old) != 0 {
                let personality = self.value(llvm::LLVMGetPersonalityFn(old))?;
                llvm::LLVMSetPersonalityFn(new, personality);
            }
        }
        self.copy_global_metadata(old, new)
    }

    /// Copies the metadata attachments of function `old` to `new`, mapped.
    fn copy_global_metadata(&mut self, old: LLVMValueRef, new: LLVMValueRef) -> Result<(), Declined> {
        let mut count = 0usize;
        // SAFETY: `old` is a live function; LLVM returns an owned array of `count` entries (or null).
        let entries = unsafe { llvm::LLVMGlobalCopyAllMetadata(old, &mut count) };
        let result = self.map_attachments(entries, count, |kind, md| {
            // SAFETY: `new` is a live function; `md` is metadata of the same context over the copy's values.
            unsafe { llvm::LLVMGlobalSetMetadata(new, kind, md) }
        });
        if !entries.is_null() {
            // SAFETY: `entries` came from LLVMGlobalCopyAllMetadata and is disposed exactly once.
            unsafe { llvm::LLVMDisposeValueMetadataEntries(entries) };
        }
        result
    }

    /// Maps each of the `count` metadata attachments in `entries` (null: none) and hands (kind, mapped metadata)
    /// to `set` for those that changed — or for all if `all`.
    fn map_attachments(
        &mut self,
        entries: *mut inkwell::llvm_sys::prelude::LLVMValueMetadataEntry,
        count: usize,
        mut set: impl FnMut(c_uint, LLVMMetadataRef),
    ) -> Result<(), Declined> {
        if entries.is_null() {
            return Ok(());
        }
        for i in 0..c_uint::try_from(count).unwrap_or(0) {
            // SAFETY: `i < count`; the array is live (the caller disposes it afterwards); the metadata belongs to
            // the shared context.
            let (kind, md, as_value) = unsafe {
                let md = llvm::LLVMValueMetadataEntriesGetMetadata(entries, i);
                (llvm::LLVMValueMetadataEntriesGetKind(entries, i), md, llvm::LLVMMetadataAsValue(self.ctx, md))
            };
            let mapped = self.metadata(as_value)?;
            // SAFETY: `mapped` is a MetadataAsValue of the context.
            let mapped = unsafe { llvm::LLVMValueAsMetadata(mapped) };
            if mapped != md || self.set_all_attachments {
                set(kind, mapped);
            }
        }
        Ok(())
    }

    /// Copies one body into the copy of its function (declared before).
    ///
    /// # Safety
    /// As [`copy`] for `body`.
    unsafe fn copy_body(&mut self, body: &Body) -> Result<(), Declined> {
        let old_fn = body.function;
        let new_fn = self.globals[&old_fn];
        self.locals.clear();
        let mut phis = Vec::new();
        let mut others = Vec::new();
        // SAFETY: `old_fn` and its blocks are live (contract), `new_fn` is its fresh copy without blocks; each
        // instruction is cloned (operands still the skeleton's, mapped below) and inserted at the end of the
        // new block the builder is positioned at. Names are copied as bytes.
        unsafe {
            for i in 0..llvm::LLVMCountParams(old_fn) {
                let (old, new) = (llvm::LLVMGetParam(old_fn, i), llvm::LLVMGetParam(new_fn, i));
                copy_name(old, new);
                self.locals.insert(old, new);
            }
            let mut new_blocks = Vec::with_capacity(body.blocks.len());
            for &bb in &body.blocks {
                let new_bb = llvm::LLVMAppendBasicBlockInContext(self.ctx, new_fn, c"".as_ptr());
                copy_name(llvm::LLVMBasicBlockAsValue(bb), llvm::LLVMBasicBlockAsValue(new_bb));
                self.locals.insert(llvm::LLVMBasicBlockAsValue(bb), llvm::LLVMBasicBlockAsValue(new_bb));
                new_blocks.push(new_bb);
            }
            for (&bb, &new_bb) in body.blocks.iter().zip(&new_blocks) {
                llvm::LLVMPositionBuilderAtEnd(self.builder, new_bb);
                let mut inst = llvm::LLVMGetFirstInstruction(bb);
                while !inst.is_null() {
                    let new = if llvm::LLVMIsAPHINode(inst).is_null() {
                        let new = llvm::LLVMInstructionClone(inst);
                        llvm::LLVMInsertIntoBuilder(self.builder, new);
                        others.push((inst, new));
                        new
                    } else {
                        let new = llvm::LLVMBuildPhi(self.builder, llvm::LLVMTypeOf(inst), c"".as_ptr());
                        if llvm::LLVMCanValueUseFastMathFlags(inst) != 0 {
                            llvm::LLVMSetFastMathFlags(new, llvm::LLVMGetFastMathFlags(inst));
                        }
                        phis.push((inst, new));
                        new
                    };
                    copy_name(inst, new);
                    self.locals.insert(inst, new);
                    inst = llvm::LLVMGetNextInstruction(inst);
                }
            }
            for &(old, new) in &others {
                for i in 0..c_uint::try_from(llvm::LLVMGetNumOperands(new)).unwrap_or(0) {
                    let op = llvm::LLVMGetOperand(new, i);
                    if op.is_null() {
                        continue;
                    }
                    let mapped = self.value(op)?;
                    if mapped != op {
                        llvm::LLVMSetOperand(new, i, mapped);
                    }
                }
                if llvm::LLVMHasMetadata(old) != 0 {
                    // The clone has the same attachments: only those that refer to values change.
                    self.set_all_attachments = false;
                    self.map_instruction_metadata(old, new)?;
                }
            }
            for &(old, new) in &phis {
                for i in 0..llvm::LLVMCountIncoming(old) {
                    let mut value = self.value(llvm::LLVMGetIncomingValue(old, i))?;
                    let block = llvm::LLVMBasicBlockAsValue(llvm::LLVMGetIncomingBlock(old, i));
                    let Some(&block) = self.locals.get(&block) else {
                        return Err(Declined("phi from a block of another function"));
                    };
                    let mut block = llvm::LLVMValueAsBasicBlock(block);
                    llvm::LLVMAddIncoming(new, &mut value, &mut block, 1);
                }
                if llvm::LLVMHasMetadata(old) != 0 {
                    self.set_all_attachments = true;
                    self.map_instruction_metadata(old, new)?;
                }
            }
        }
        Ok(())
    }

    /// Gives instruction `new` the attachments of `old` (other than its debug location), mapped.
    fn map_instruction_metadata(&mut self, old: LLVMValueRef, new: LLVMValueRef) -> Result<(), Declined> {
        let mut count = 0usize;
        // SAFETY: `old` is a live instruction; LLVM returns an owned array of `count` entries (or null).
        let entries = unsafe { llvm::LLVMInstructionGetAllMetadataOtherThanDebugLoc(old, &mut count) };
        let ctx = self.ctx;
        let result = self.map_attachments(entries, count, |kind, md| {
            // SAFETY: `new` is a live instruction; `md` is metadata of its context over the copy's values.
            unsafe { llvm::LLVMSetMetadata(new, kind, llvm::LLVMMetadataAsValue(ctx, md)) }
        });
        if !entries.is_null() {
            // SAFETY: `entries` came from LLVMInstructionGetAllMetadataOtherThanDebugLoc, disposed exactly once.
            unsafe { llvm::LLVMDisposeValueMetadataEntries(entries) };
        }
        result
    }

    /// Metadata (as a value: a node, a string, a value held as metadata) over the copy's global values: itself if
    /// it refers to none, else a node rebuilt with its operands mapped (as `!callees` lists are). Declines for
    /// metadata that refers to an argument or instruction, and for a node that refers to values and to itself.
    fn metadata(&mut self, md: LLVMValueRef) -> Result<LLVMValueRef, Declined> {
        if md.is_null() {
            return Ok(md);
        }
        if let Some(&mapped) = self.metadata.get(&md) {
            return Ok(mapped);
        }
        // SAFETY: `md` is a live value of the context; the LLVMIsA* calls check its kind before anything else;
        // a node's operands are read into a buffer of the size LLVM reports; new nodes are created in the
        // context from metadata of the context.
        let mapped = unsafe {
            if !llvm::LLVMIsAMDString(md).is_null() {
                return Ok(md);
            }
            let wrapped_value = !llvm::LLVMIsAValueAsMetadata(md).is_null();
            if !wrapped_value && llvm::LLVMIsAMDNode(md).is_null() {
                if llvm::LLVMGetValueKind(md) == LLVMValueKind::LLVMMetadataAsValueValueKind {
                    return Err(Declined("metadata other than nodes, strings and values"));
                }
                // A value held by a node (numbers, global values, constants over them).
                return self.value(md);
            }
            // A wrapped value reads as one operand.
            let count = llvm::LLVMGetMDNodeNumOperands(md) as usize;
            let mut operands = vec![std::ptr::null_mut(); count];
            llvm::LLVMGetMDNodeOperands(md, operands.as_mut_ptr());
            if wrapped_value {
                // `metadata ptr @g` (one value wrapped, not a node).
                let value = self.value(operands[0])?;
                if value == operands[0] {
                    md
                } else {
                    llvm::LLVMMetadataAsValue(self.ctx, llvm::LLVMValueAsMetadata(value))
                }
            } else {
                if !self.metadata_in_progress.insert(md) {
                    // Reached through itself (`llvm.loop` nodes): unchanged unless it turns out to refer to values.
                    return Ok(md);
                }
                let mut changed = false;
                let mut mapped_operands = Vec::with_capacity(count);
                for &op in &operands {
                    let mapped = self.metadata(op);
                    let mapped = match mapped {
                        Ok(mapped) => mapped,
                        Err(declined) => {
                            self.metadata_in_progress.remove(&md);
                            return Err(declined);
                        }
                    };
                    changed |= mapped != op;
                    mapped_operands.push(if mapped.is_null() {
                        std::ptr::null_mut()
                    } else {
                        llvm::LLVMValueAsMetadata(mapped)
                    });
                }
                self.metadata_in_progress.remove(&md);
                if !changed {
                    md
                } else if operands.contains(&md) {
                    return Err(Declined("a metadata node that refers to itself and to values"));
                } else {
                    let node =
                        llvm::LLVMMDNodeInContext2(self.ctx, mapped_operands.as_mut_ptr(), mapped_operands.len());
                    llvm::LLVMMetadataAsValue(self.ctx, node)
                }
            }
        };
        self.metadata.insert(md, mapped);
        Ok(mapped)
    }

    /// The copy's version of an operand: a local value of the body, a global value, or a constant over them.
    fn value(&mut self, value: LLVMValueRef) -> Result<LLVMValueRef, Declined> {
        // SAFETY: `value` is a live operand (of a skeleton instruction, constant or function); LLVMGetValueKind
        // only reads it.
        let kind = unsafe { llvm::LLVMGetValueKind(value) };
        match kind {
            LLVMValueKind::LLVMArgumentValueKind
            | LLVMValueKind::LLVMBasicBlockValueKind
            | LLVMValueKind::LLVMInstructionValueKind => {
                self.locals.get(&value).copied().ok_or(Declined("a value of another function"))
            }
            LLVMValueKind::LLVMFunctionValueKind
            | LLVMValueKind::LLVMGlobalVariableValueKind
            | LLVMValueKind::LLVMGlobalAliasValueKind
            | LLVMValueKind::LLVMGlobalIFuncValueKind => self.global(value),
            LLVMValueKind::LLVMMetadataAsValueValueKind => self.metadata(value),
            LLVMValueKind::LLVMConstantExprValueKind
            | LLVMValueKind::LLVMConstantArrayValueKind
            | LLVMValueKind::LLVMConstantStructValueKind
            | LLVMValueKind::LLVMConstantVectorValueKind => self.constant(value, kind),
            LLVMValueKind::LLVMUndefValueValueKind
            | LLVMValueKind::LLVMPoisonValueKind
            | LLVMValueKind::LLVMConstantAggregateZeroValueKind
            | LLVMValueKind::LLVMConstantDataArrayValueKind
            | LLVMValueKind::LLVMConstantDataVectorValueKind
            | LLVMValueKind::LLVMConstantIntValueKind
            | LLVMValueKind::LLVMConstantFPValueKind
            | LLVMValueKind::LLVMConstantPointerNullValueKind
            | LLVMValueKind::LLVMConstantTokenNoneValueKind
            | LLVMValueKind::LLVMConstantTargetNoneValueKind
            | LLVMValueKind::LLVMInlineAsmValueKind => Ok(value),
            LLVMValueKind::LLVMBlockAddressValueKind => Err(Declined("blockaddress")),
            _ => Err(Declined("an operand of an unexpected kind")),
        }
    }

    /// A constant aggregate or expression with its operands mapped (itself if none changed).
    fn constant(&mut self, c: LLVMValueRef, kind: LLVMValueKind) -> Result<LLVMValueRef, Declined> {
        if let Some(&mapped) = self.constants.get(&c) {
            return Ok(mapped);
        }
        // SAFETY: `c` is a live constant; its operands are live constants.
        let count = unsafe { llvm::LLVMGetNumOperands(c) };
        let mut operands = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        let mut changed = false;
        for i in 0..c_uint::try_from(count).unwrap_or(0) {
            // SAFETY: `i` is below the operand count.
            let op = unsafe { llvm::LLVMGetOperand(c, i) };
            let mapped = self.value(op)?;
            changed |= mapped != op;
            operands.push(mapped);
        }
        let mapped = if changed {
            // SAFETY: `c` is live; each rebuild gets `c`'s own type / element type and its operands mapped one for
            // one (same types), so the result is the same constant over the copy's global values.
            unsafe { rebuild(c, kind, &mut operands)? }
        } else {
            c
        };
        self.constants.insert(c, mapped);
        Ok(mapped)
    }
}

/// Rebuilds constant `c` of kind `kind` over `operands` (its operands, mapped).
///
/// # Safety
/// `c` must be a live constant of that kind and `operands` have its operand count and types.
unsafe fn rebuild(
    c: LLVMValueRef,
    kind: LLVMValueKind,
    operands: &mut [LLVMValueRef],
) -> Result<LLVMValueRef, Declined> {
    let n = c_uint::try_from(operands.len()).map_err(|_| Declined("a constant too big"))?;
    // SAFETY: per the contract; every constructor below gets a type and operands taken from `c` itself.
    unsafe {
        let ty: LLVMTypeRef = llvm::LLVMTypeOf(c);
        Ok(match kind {
            LLVMValueKind::LLVMConstantArrayValueKind => {
                llvm::LLVMConstArray2(llvm::LLVMGetElementType(ty), operands.as_mut_ptr(), u64::from(n))
            }
            LLVMValueKind::LLVMConstantStructValueKind => llvm::LLVMConstNamedStruct(ty, operands.as_mut_ptr(), n),
            LLVMValueKind::LLVMConstantVectorValueKind => llvm::LLVMConstVector(operands.as_mut_ptr(), n),
            _ => match llvm::LLVMGetConstOpcode(c) {
                LLVMOpcode::LLVMGetElementPtr => {
                    let (pointer, indices) = operands.split_first_mut().ok_or(Declined("an empty getelementptr"))?;
                    llvm::LLVMConstGEPWithNoWrapFlags(
                        llvm::LLVMGetGEPSourceElementType(c),
                        *pointer,
                        indices.as_mut_ptr(),
                        n - 1,
                        llvm::LLVMGEPGetNoWrapFlags(c),
                    )
                }
                LLVMOpcode::LLVMTrunc => llvm::LLVMConstTrunc(operands[0], ty),
                LLVMOpcode::LLVMPtrToInt => llvm::LLVMConstPtrToInt(operands[0], ty),
                LLVMOpcode::LLVMIntToPtr => llvm::LLVMConstIntToPtr(operands[0], ty),
                LLVMOpcode::LLVMBitCast => llvm::LLVMConstBitCast(operands[0], ty),
                LLVMOpcode::LLVMAddrSpaceCast => llvm::LLVMConstAddrSpaceCast(operands[0], ty),
                // Without `nsw`/`nuw` (the C API reads them from instructions only): dropping them only makes the
                // value defined where it might have been poison.
                LLVMOpcode::LLVMAdd => llvm::LLVMConstAdd(operands[0], operands[1]),
                LLVMOpcode::LLVMSub => llvm::LLVMConstSub(operands[0], operands[1]),
                LLVMOpcode::LLVMMul => llvm::LLVMConstMul(operands[0], operands[1]),
                LLVMOpcode::LLVMXor => llvm::LLVMConstXor(operands[0], operands[1]),
                _ => return Err(Declined("a constant expression of an unexpected kind")),
            },
        })
    }
}

/// Gives `new` the name of `old` (nothing if unnamed).
///
/// # Safety
/// Both must be live values; `new` must be in a function or module where the name may be set.
unsafe fn copy_name(old: LLVMValueRef, new: LLVMValueRef) {
    let mut len = 0usize;
    // SAFETY: per the contract; the name bytes are owned by `old` and copied by LLVM.
    unsafe {
        let name = llvm::LLVMGetValueName2(old, &mut len);
        if len > 0 {
            llvm::LLVMSetValueName2(new, name, len);
        }
    }
}
