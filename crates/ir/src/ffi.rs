//! The FFI edge: every call into LLVM's C API that `tierlift-ir` makes.
//!
//! Safety argument, shared by every block below: [`LlvmModule`] owns an `LLVMContextRef` and an `LLVMModuleRef`
//! and disposes them only on drop. Handles ([`V`], [`T`]) carry the lifetime of a borrow of that `LlvmModule`, so a
//! handle cannot outlive the module it points into, and handles are only made from values LLVM gave us for that
//! module (never null unless a function's contract says so, which is checked where it can be). `LlvmModule` is
//! `Send` but not `Sync`: it is used from one thread at a time, behind a mutex.

use inkwell::llvm_sys as sys;
use std::ffi::{CStr, CString, c_char};
use std::marker::PhantomData;
use sys::core as c;
use sys::prelude::{LLVMContextRef, LLVMModuleRef, LLVMTypeRef, LLVMValueRef};

pub use sys::{LLVMLinkage, LLVMOpcode, LLVMTypeKind, LLVMValueKind};

mod bodies;
mod target;
pub use bodies::materialize;
pub use target::{is_known_intrinsic, using_functions};

/// A value (instruction, argument, constant, global, block-as-value) of a borrowed [`LlvmModule`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct V<'m>(LLVMValueRef, PhantomData<&'m LlvmModule>);

/// A type of a borrowed [`LlvmModule`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct T<'m>(LLVMTypeRef, PhantomData<&'m LlvmModule>);

/// A basic block of a borrowed [`LlvmModule`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct B<'m>(sys::prelude::LLVMBasicBlockRef, PhantomData<&'m LlvmModule>);

/// An owned LLVM context with one parsed module in it.
pub struct LlvmModule {
    ctx: LLVMContextRef,
    module: LLVMModuleRef,
    /// Function handles of this module, recorded by [`LlvmModule::index_functions`].
    indexed: Vec<LLVMValueRef>,
    /// Function bodies are read on demand (bitcode loaded lazily; see `bodies`).
    lazy: bool,
    /// Whether each indexed function read on demand so far verified (by index), or why not.
    bodies: std::collections::HashMap<usize, Result<(), String>>,
}

impl<'m> V<'m> {
    /// An opaque key identifying the value (for maps); never turned back into a handle.
    pub fn key(self) -> usize {
        self.0 as usize
    }
}

impl<'m> T<'m> {
    /// An opaque key identifying the type (for caches).
    pub fn key(self) -> usize {
        self.0 as usize
    }
}

impl<'m> B<'m> {
    /// An opaque key identifying the block (for maps).
    pub fn key(self) -> usize {
        self.0 as usize
    }
}

// SAFETY: the context and module are owned exclusively by this value; LLVM allows a context (with everything in
// it) to be used from any thread as long as only one thread uses it at a time, which `&mut`/mutex use ensures.
unsafe impl Send for LlvmModule {}

impl Drop for LlvmModule {
    fn drop(&mut self) {
        // SAFETY: we own both; the module belongs to the context and is disposed first; no handle outlives `self`.
        unsafe {
            c::LLVMDisposeModule(self.module);
            c::LLVMContextDispose(self.ctx);
        }
    }
}

fn take_message(msg: *mut c_char) -> String {
    if msg.is_null() {
        return String::new();
    }
    // SAFETY: `msg` is a NUL-terminated string that LLVM allocated for us to dispose.
    unsafe {
        let s = CStr::from_ptr(msg).to_string_lossy().into_owned();
        c::LLVMDisposeMessage(msg);
        s
    }
}

/// Context diagnostic handler: appends error messages to the `String` behind `sink`; with a null `sink` it drops
/// them (errors of reading a body in later come back as values, and nothing should print or end the process).
extern "C" fn record_diagnostic(info: sys::prelude::LLVMDiagnosticInfoRef, sink: *mut std::ffi::c_void) {
    // SAFETY: LLVM passes a live diagnostic for the duration of the call; `sink` is the `String` registered in
    // `LlvmModule::parse`, alive and not otherwise borrowed while LLVM parses.
    unsafe {
        if sink.is_null() || c::LLVMGetDiagInfoSeverity(info) != sys::LLVMDiagnosticSeverity::LLVMDSError {
            return;
        }
        let text = take_message(c::LLVMGetDiagInfoDescription(info));
        let out = &mut *sink.cast::<String>();
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(text.lines().next().unwrap_or(""));
    }
}

fn cstr_to_string(p: *const c_char, len: usize) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: LLVM returned a pointer to `len` readable bytes that live as long as the value they describe.
    let bytes = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), len) };
    String::from_utf8_lossy(bytes).into_owned()
}

/// The data layout of x86-64 Linux, used for modules that carry none.
pub const X86_64_DATA_LAYOUT: &str = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128";
/// The target triple used for modules that carry none.
pub const X86_64_TRIPLE: &str = "x86_64-pc-linux-gnu";

impl LlvmModule {
    /// Parses bitcode (`is_bitcode`) or textual IR from `bytes` into a fresh context. Bitcode loads lazily when
    /// `lazy`: declarations, globals and metadata now, each function body when [`LlvmModule::read_body`] first
    /// asks for it.
    pub fn parse(bytes: &[u8], is_bitcode: bool, lazy: bool) -> Result<LlvmModule, String> {
        let name = c"input";
        let mut diagnostics = String::new();
        // SAFETY: the context is fresh and ours. The memory buffer copies `bytes`. LLVMParseIRInContext takes
        // ownership of it; LLVMParseBitcodeInContext2 only borrows it (we dispose it after); the lazy
        // LLVMGetBitcodeModuleInContext2 gives it to the module it returns (which reads bodies from it later) and
        // leaves it ours when it fails. On failure the out-module is not set and we dispose the context.
        unsafe {
            let ctx = c::LLVMContextCreate();
            // LLVM's default handler prints errors and exits the process; record them instead.
            c::LLVMContextSetDiagnosticHandler(ctx, Some(record_diagnostic), (&raw mut diagnostics).cast());
            let buf = c::LLVMCreateMemoryBufferWithMemoryRangeCopy(bytes.as_ptr().cast(), bytes.len(), name.as_ptr());
            let mut module = std::ptr::null_mut();
            if is_bitcode {
                let failed = if lazy {
                    let failed = sys::bit_reader::LLVMGetBitcodeModuleInContext2(ctx, buf, &mut module);
                    if failed != 0 || module.is_null() {
                        c::LLVMDisposeMemoryBuffer(buf);
                    }
                    failed
                } else {
                    let failed = sys::bit_reader::LLVMParseBitcodeInContext2(ctx, buf, &mut module);
                    c::LLVMDisposeMemoryBuffer(buf);
                    failed
                };
                if failed != 0 || module.is_null() {
                    c::LLVMContextDispose(ctx);
                    let why =
                        if diagnostics.is_empty() { "invalid or truncated bitcode".to_string() } else { diagnostics };
                    return Err(why);
                }
            } else {
                let mut msg = std::ptr::null_mut();
                let failed = sys::ir_reader::LLVMParseIRInContext(ctx, buf, &mut module, &mut msg);
                if failed != 0 || module.is_null() {
                    c::LLVMContextDispose(ctx);
                    return Err(take_message(msg).lines().next().unwrap_or("invalid IR").to_string());
                }
            }
            // The handler's sink lives on this stack frame: detach it before returning (the handler stays, quiet).
            c::LLVMContextSetDiagnosticHandler(ctx, Some(record_diagnostic), std::ptr::null_mut());
            Ok(LlvmModule {
                ctx,
                module,
                indexed: Vec::new(),
                lazy: lazy && is_bitcode,
                bodies: std::collections::HashMap::new(),
            })
        }
    }

    /// Runs LLVM's verifier.
    pub fn verify(&self) -> Result<(), String> {
        let mut msg = std::ptr::null_mut();
        // SAFETY: the module is live; the verifier only reads it and allocates `msg` for us.
        let broken = unsafe {
            sys::analysis::LLVMVerifyModule(
                self.module,
                sys::analysis::LLVMVerifierFailureAction::LLVMReturnStatusAction,
                &mut msg,
            )
        };
        let text = take_message(msg);
        if broken != 0 { Err(text.lines().next().unwrap_or("verification failed").to_string()) } else { Ok(()) }
    }

    /// Sets the x86-64 data layout and triple when the module has none; tells whether it set either.
    pub fn default_target(&mut self) -> bool {
        // SAFETY: the module is live and exclusively borrowed; the strings are NUL-terminated and copied by LLVM.
        unsafe {
            let dl = CStr::from_ptr(c::LLVMGetDataLayoutStr(self.module));
            let set_layout = dl.to_bytes().is_empty();
            if set_layout {
                let s = CString::new(X86_64_DATA_LAYOUT).expect("no NUL");
                c::LLVMSetDataLayout(self.module, s.as_ptr());
            }
            let triple = CStr::from_ptr(c::LLVMGetTarget(self.module));
            let set_triple = triple.to_bytes().is_empty();
            if set_triple {
                let s = CString::new(X86_64_TRIPLE).expect("no NUL");
                c::LLVMSetTarget(self.module, s.as_ptr());
            }
            set_layout || set_triple
        }
    }

    /// Serializes the module to bitcode.
    pub fn write_bitcode(&self) -> Vec<u8> {
        // SAFETY: the module is live; the returned buffer is ours, read once and disposed.
        unsafe {
            let buf = sys::bit_writer::LLVMWriteBitcodeToMemoryBuffer(self.module);
            let start = c::LLVMGetBufferStart(buf);
            let len = c::LLVMGetBufferSize(buf);
            let bytes = std::slice::from_raw_parts(start.cast::<u8>(), len).to_vec();
            c::LLVMDisposeMemoryBuffer(buf);
            bytes
        }
    }

    /// Defined and declared functions, in module order.
    pub fn functions(&self) -> Vec<V<'_>> {
        let mut out = Vec::new();
        // SAFETY: iterating the live module's function list.
        unsafe {
            let mut f = c::LLVMGetFirstFunction(self.module);
            while !f.is_null() {
                out.push(V(f, PhantomData));
                f = c::LLVMGetNextFunction(f);
            }
        }
        out
    }

    /// Remembers `funcs` (handles of this module) so they can be fetched by position later.
    pub fn index_functions(&mut self, funcs: &[usize]) {
        let mine: std::collections::HashSet<usize> = self.functions().iter().map(|f| f.key()).collect();
        self.indexed = funcs.iter().filter(|k| mine.contains(k)).map(|&k| k as LLVMValueRef).collect();
        assert_eq!(self.indexed.len(), funcs.len(), "indexed functions must belong to this module");
    }

    /// The `i`th function recorded by [`LlvmModule::index_functions`].
    pub fn indexed_function(&self, i: usize) -> V<'_> {
        V(self.indexed[i], PhantomData)
    }

    /// Global variables, in module order.
    pub fn globals(&self) -> Vec<V<'_>> {
        let mut out = Vec::new();
        // SAFETY: iterating the live module's global list.
        unsafe {
            let mut g = c::LLVMGetFirstGlobal(self.module);
            while !g.is_null() {
                out.push(V(g, PhantomData));
                g = c::LLVMGetNextGlobal(g);
            }
        }
        out
    }

    /// Global aliases, in module order.
    pub fn aliases(&self) -> Vec<V<'_>> {
        let mut out = Vec::new();
        // SAFETY: iterating the live module's alias list.
        unsafe {
            let mut a = c::LLVMGetFirstGlobalAlias(self.module);
            while !a.is_null() {
                out.push(V(a, PhantomData));
                a = c::LLVMGetNextGlobalAlias(a);
            }
        }
        out
    }

    /// Struct layout from the module's data layout: offsets, size, alignment.
    pub fn struct_layout(&self, t: T<'_>) -> (Vec<u64>, u64, u64) {
        // SAFETY: `t` is a sized struct type of this module's context; the data layout belongs to the module.
        unsafe {
            let td = sys::target::LLVMGetModuleDataLayout(self.module);
            let n = c::LLVMCountStructElementTypes(t.0);
            let offsets = (0..n).map(|i| sys::target::LLVMOffsetOfElement(td, t.0, i)).collect();
            let size = sys::target::LLVMABISizeOfType(td, t.0);
            let align = u64::from(sys::target::LLVMABIAlignmentOfType(td, t.0));
            (offsets, size, align)
        }
    }
}

/// Value name (empty when unnamed).
pub fn name(v: V<'_>) -> String {
    let mut len = 0;
    // SAFETY: `v` is live; LLVM returns a pointer into the value's name storage with its length.
    let p = unsafe { c::LLVMGetValueName2(v.0, &mut len) };
    cstr_to_string(p, len)
}

/// Renames a global value.
pub fn set_name(v: V<'_>, name: &str) {
    // SAFETY: `v` is live; LLVM copies `len` bytes of the name.
    unsafe { c::LLVMSetValueName2(v.0, name.as_ptr().cast(), name.len()) }
}

/// Printed form of a value (for error messages).
pub fn print(v: V<'_>) -> String {
    // SAFETY: `v` is live; LLVM allocates the string for us to dispose.
    take_message(unsafe { c::LLVMPrintValueToString(v.0) }).trim().to_string()
}

/// Printed form of a type.
pub fn print_type(t: T<'_>) -> String {
    // SAFETY: `t` is live; LLVM allocates the string for us to dispose.
    take_message(unsafe { c::LLVMPrintTypeToString(t.0) })
}

/// The kind of a value.
pub fn value_kind(v: V<'_>) -> LLVMValueKind {
    // SAFETY: `v` is live.
    unsafe { c::LLVMGetValueKind(v.0) }
}

/// The type of a value.
pub fn type_of(v: V<'_>) -> T<'_> {
    // SAFETY: `v` is live; every value has a type.
    T(unsafe { c::LLVMTypeOf(v.0) }, PhantomData)
}

/// The value type of a global (what it holds, not `ptr`).
pub fn global_value_type(v: V<'_>) -> T<'_> {
    // SAFETY: `v` is a live global value.
    T(unsafe { c::LLVMGlobalGetValueType(v.0) }, PhantomData)
}

/// The kind of a type.
pub fn type_kind(t: T<'_>) -> LLVMTypeKind {
    // SAFETY: `t` is live.
    unsafe { c::LLVMGetTypeKind(t.0) }
}

/// Width of an integer type.
pub fn int_width(t: T<'_>) -> u32 {
    // SAFETY: `t` is a live integer type (callers check the kind).
    unsafe { c::LLVMGetIntTypeWidth(t.0) }
}

/// Element type of an array or vector type.
pub fn element_type(t: T<'_>) -> T<'_> {
    // SAFETY: `t` is a live sequential type (callers check the kind).
    T(unsafe { c::LLVMGetElementType(t.0) }, PhantomData)
}

/// Length of an array type.
pub fn array_len(t: T<'_>) -> u64 {
    // SAFETY: `t` is a live array type.
    unsafe { c::LLVMGetArrayLength2(t.0) }
}

/// Length of a vector type.
pub fn vector_len(t: T<'_>) -> u32 {
    // SAFETY: `t` is a live vector type.
    unsafe { c::LLVMGetVectorSize(t.0) }
}

/// Field types and packedness of a struct type.
pub fn struct_fields(t: T<'_>) -> (Vec<T<'_>>, bool) {
    // SAFETY: `t` is a live struct type; indices are below its element count.
    unsafe {
        let n = c::LLVMCountStructElementTypes(t.0);
        let fields = (0..n).map(|i| T(c::LLVMStructGetTypeAtIndex(t.0, i), PhantomData)).collect();
        (fields, c::LLVMIsPackedStruct(t.0) != 0)
    }
}

/// Whether a struct type is opaque (has no body).
pub fn struct_is_opaque(t: T<'_>) -> bool {
    // SAFETY: `t` is a live struct type.
    unsafe { c::LLVMIsOpaqueStruct(t.0) != 0 }
}

/// Parameter types, return type and variadic flag of a function type.
pub fn function_type(t: T<'_>) -> (Vec<T<'_>>, T<'_>, bool) {
    // SAFETY: `t` is a live function type; the buffer has room for exactly `n` parameter types.
    unsafe {
        let n = c::LLVMCountParamTypes(t.0) as usize;
        let mut params = vec![std::ptr::null_mut(); n];
        c::LLVMGetParamTypes(t.0, params.as_mut_ptr());
        let ret = c::LLVMGetReturnType(t.0);
        let variadic = c::LLVMIsFunctionVarArg(t.0) != 0;
        (params.into_iter().map(|p| T(p, PhantomData)).collect(), T(ret, PhantomData), variadic)
    }
}

/// The attribute index of a function's own attributes (`LLVMAttributeFunctionIndex`).
pub const FUNCTION_INDEX: u32 = u32::MAX;

/// Attribute kind id for a name such as `"zeroext"`.
pub fn attr_kind(name: &str) -> u32 {
    // SAFETY: LLVM reads `name.len()` bytes of `name`.
    unsafe { c::LLVMGetEnumAttributeKindForName(name.as_ptr().cast(), name.len()) }
}

/// Whether function `f` (or a call site, when `call`) has attribute `kind` at `index` (0 = return, 1.. = params).
/// Returns the type argument of type attributes (`byval`, `sret`) when present.
pub fn attribute(v: V<'_>, call: bool, index: u32, kind: u32) -> Option<Option<T<'_>>> {
    // SAFETY: `v` is a live function or call instruction; the index is within its attribute lists or LLVM
    // returns null; a non-null attribute is live as long as the context.
    unsafe {
        let a = if call {
            c::LLVMGetCallSiteEnumAttribute(v.0, index, kind)
        } else {
            c::LLVMGetEnumAttributeAtIndex(v.0, index, kind)
        };
        if a.is_null() {
            return None;
        }
        if c::LLVMIsTypeAttribute(a) != 0 {
            let t = c::LLVMGetTypeAttributeValue(a);
            Some((!t.is_null()).then_some(T(t, PhantomData)))
        } else {
            Some(None)
        }
    }
}

/// Calling convention of a function or call site.
pub fn call_conv(v: V<'_>, call: bool) -> u32 {
    // SAFETY: `v` is a live function (or call instruction when `call`).
    unsafe { if call { c::LLVMGetInstructionCallConv(v.0) } else { c::LLVMGetFunctionCallConv(v.0) } }
}

/// Whether a global value is a declaration.
pub fn is_declaration(v: V<'_>) -> bool {
    // SAFETY: `v` is a live global value.
    unsafe { c::LLVMIsDeclaration(v.0) != 0 }
}

/// Linkage of a global value.
pub fn linkage(v: V<'_>) -> LLVMLinkage {
    // SAFETY: `v` is a live global value.
    unsafe { c::LLVMGetLinkage(v.0) }
}

/// Whether a global variable is `constant`.
pub fn is_global_constant(v: V<'_>) -> bool {
    // SAFETY: `v` is a live global variable.
    unsafe { c::LLVMIsGlobalConstant(v.0) != 0 }
}

/// Whether a global variable is thread-local.
pub fn is_thread_local(v: V<'_>) -> bool {
    // SAFETY: `v` is a live global variable.
    unsafe { c::LLVMIsThreadLocal(v.0) != 0 }
}

/// The section a global is placed in (`section "name"`), if it names one.
pub fn section(v: V<'_>) -> Option<String> {
    // SAFETY: `v` is a live global value; the result is null or a NUL-terminated string owned by it, copied here.
    let name = unsafe { c::LLVMGetSection(v.0) };
    if name.is_null() {
        return None;
    }
    // SAFETY: non-null, NUL-terminated (above).
    let name = unsafe { CStr::from_ptr(name) }.to_string_lossy().into_owned();
    (!name.is_empty()).then_some(name)
}

/// Initializer of a global variable, if any.
pub fn initializer(v: V<'_>) -> Option<V<'_>> {
    // SAFETY: `v` is a live global variable; null means none.
    let i = unsafe { c::LLVMGetInitializer(v.0) };
    (!i.is_null()).then_some(V(i, PhantomData))
}

/// Alignment of a global, alloca, load or store (0 = unspecified).
pub fn alignment(v: V<'_>) -> u64 {
    // SAFETY: `v` is a live global, alloca, load, store, atomicrmw or cmpxchg.
    u64::from(unsafe { c::LLVMGetAlignment(v.0) })
}

/// The aliasee of a global alias.
pub fn aliasee(v: V<'_>) -> V<'_> {
    // SAFETY: `v` is a live global alias.
    V(unsafe { c::LLVMAliasGetAliasee(v.0) }, PhantomData)
}

/// Parameters of a function.
pub fn params(f: V<'_>) -> Vec<V<'_>> {
    // SAFETY: `f` is a live function; indices are below its parameter count.
    unsafe { (0..c::LLVMCountParams(f.0)).map(|i| V(c::LLVMGetParam(f.0, i), PhantomData)).collect() }
}

/// Basic blocks of a function, in layout order.
pub fn blocks(f: V<'_>) -> Vec<B<'_>> {
    let mut out = Vec::new();
    // SAFETY: iterating the live function's block list.
    unsafe {
        let mut b = c::LLVMGetFirstBasicBlock(f.0);
        while !b.is_null() {
            out.push(B(b, PhantomData));
            b = c::LLVMGetNextBasicBlock(b);
        }
    }
    out
}

/// The function a `blockaddress` constant names a block of, and that block's index in layout order.
pub fn block_address(v: V<'_>) -> Option<(V<'_>, u32)> {
    // SAFETY: `v` is a live `blockaddress` constant (the caller checked its kind); the accessors only read it.
    let f = unsafe { c::LLVMGetBlockAddressFunction(v.0) };
    if f.is_null() {
        return None;
    }
    let f = V(f, PhantomData);
    // In a lazily loaded module the block is a placeholder until the function's body is read in.
    materialize(f).ok()?;
    // SAFETY: as above.
    let bb = unsafe { c::LLVMGetBlockAddressBasicBlock(v.0) };
    if bb.is_null() {
        return None;
    }
    let index = blocks(f).iter().position(|b| b.0 == bb)?;
    Some((f, index as u32))
}

/// Instructions of a block, in order.
pub fn instructions(b: B<'_>) -> Vec<V<'_>> {
    let mut out = Vec::new();
    // SAFETY: iterating the live block's instruction list.
    unsafe {
        let mut i = c::LLVMGetFirstInstruction(b.0);
        while !i.is_null() {
            out.push(V(i, PhantomData));
            i = c::LLVMGetNextInstruction(i);
        }
    }
    out
}

/// The block a block-valued operand denotes.
pub fn value_as_block(v: V<'_>) -> B<'_> {
    // SAFETY: `v` is a live basic-block value (callers check `LLVMValueIsBasicBlock`).
    B(unsafe { c::LLVMValueAsBasicBlock(v.0) }, PhantomData)
}

/// Whether a value is a basic block.
pub fn is_block(v: V<'_>) -> bool {
    // SAFETY: `v` is live.
    unsafe { c::LLVMValueIsBasicBlock(v.0) != 0 }
}

/// Opcode of an instruction.
pub fn opcode(v: V<'_>) -> LLVMOpcode {
    // SAFETY: `v` is a live instruction.
    unsafe { c::LLVMGetInstructionOpcode(v.0) }
}

/// Opcode of a constant expression.
pub fn const_opcode(v: V<'_>) -> LLVMOpcode {
    // SAFETY: `v` is a live constant expression.
    unsafe { c::LLVMGetConstOpcode(v.0) }
}

/// Operands of a user (instruction or constant).
pub fn operands(v: V<'_>) -> Vec<V<'_>> {
    // SAFETY: `v` is a live user; indices are below its operand count.
    unsafe {
        let n = c::LLVMGetNumOperands(v.0);
        (0..n.max(0) as u32).map(|i| V(c::LLVMGetOperand(v.0, i), PhantomData)).collect()
    }
}

/// Integer predicate of an `icmp` (instruction or constant expression).
pub fn icmp_predicate(v: V<'_>) -> sys::LLVMIntPredicate {
    // SAFETY: `v` is a live icmp.
    unsafe { c::LLVMGetICmpPredicate(v.0) }
}

/// Float predicate of an `fcmp`.
pub fn fcmp_predicate(v: V<'_>) -> sys::LLVMRealPredicate {
    // SAFETY: `v` is a live fcmp.
    unsafe { c::LLVMGetFCmpPredicate(v.0) }
}

/// Allocated type of an `alloca`.
pub fn allocated_type(v: V<'_>) -> T<'_> {
    // SAFETY: `v` is a live alloca.
    T(unsafe { c::LLVMGetAllocatedType(v.0) }, PhantomData)
}

/// Whether a load or store is volatile.
pub fn is_volatile(v: V<'_>) -> bool {
    // SAFETY: `v` is a live load, store, atomicrmw or cmpxchg.
    unsafe { c::LLVMGetVolatile(v.0) != 0 }
}

/// Whether a load or store is atomic.
pub fn is_atomic(v: V<'_>) -> bool {
    // SAFETY: `v` is a live load or store.
    unsafe { c::LLVMGetOrdering(v.0) != sys::LLVMAtomicOrdering::LLVMAtomicOrderingNotAtomic }
}

/// Source element type of a GEP (instruction or constant expression).
pub fn gep_source_type(v: V<'_>) -> T<'_> {
    // SAFETY: `v` is a live GEP operator.
    T(unsafe { c::LLVMGetGEPSourceElementType(v.0) }, PhantomData)
}

/// Whether a GEP is `inbounds`.
pub fn is_inbounds(v: V<'_>) -> bool {
    // SAFETY: `v` is a live GEP operator.
    unsafe { c::LLVMIsInBounds(v.0) != 0 }
}

/// Function type a call instruction calls with.
pub fn called_function_type(v: V<'_>) -> T<'_> {
    // SAFETY: `v` is a live call instruction.
    T(unsafe { c::LLVMGetCalledFunctionType(v.0) }, PhantomData)
}

/// The callee operand of a call.
pub fn called_value(v: V<'_>) -> V<'_> {
    // SAFETY: `v` is a live call instruction.
    V(unsafe { c::LLVMGetCalledValue(v.0) }, PhantomData)
}

/// Number of argument operands of a call.
pub fn arg_count(v: V<'_>) -> u32 {
    // SAFETY: `v` is a live call instruction.
    unsafe { c::LLVMGetNumArgOperands(v.0) }
}

/// Tail-call kind of a call: 0 none, 1 tail, 2 musttail, 3 notail.
pub fn tail_kind(v: V<'_>) -> u32 {
    // SAFETY: `v` is a live call instruction.
    match unsafe { c::LLVMGetTailCallKind(v.0) } {
        sys::LLVMTailCallKind::LLVMTailCallKindNone => 0,
        sys::LLVMTailCallKind::LLVMTailCallKindTail => 1,
        sys::LLVMTailCallKind::LLVMTailCallKindMustTail => 2,
        sys::LLVMTailCallKind::LLVMTailCallKindNoTail => 3,
    }
}

/// Whether a `landingpad` has the `cleanup` flag.
pub fn is_cleanup(v: V<'_>) -> bool {
    // SAFETY: `v` is a live landingpad instruction.
    unsafe { c::LLVMIsCleanup(v.0) != 0 }
}

/// The personality routine of the function an instruction is in, if the function has one.
pub fn personality_of(i: V<'_>) -> Option<V<'_>> {
    // SAFETY: `i` is a live instruction in a block of a function; the personality is read only when the function
    // says it has one.
    unsafe {
        let f = c::LLVMGetBasicBlockParent(c::LLVMGetInstructionParent(i.0));
        (!f.is_null() && c::LLVMHasPersonalityFn(f) != 0).then(|| V(c::LLVMGetPersonalityFn(f), PhantomData))
    }
}

/// Incoming (value, block) pairs of a phi.
pub fn incoming(v: V<'_>) -> Vec<(V<'_>, B<'_>)> {
    // SAFETY: `v` is a live phi; indices are below its incoming count.
    unsafe {
        (0..c::LLVMCountIncoming(v.0))
            .map(|i| (V(c::LLVMGetIncomingValue(v.0, i), PhantomData), B(c::LLVMGetIncomingBlock(v.0, i), PhantomData)))
            .collect()
    }
}

/// Indices of an `extractvalue` / `insertvalue`.
pub fn aggregate_indices(v: V<'_>) -> Vec<u32> {
    // SAFETY: `v` is a live extractvalue or insertvalue; LLVM returns `n` indices.
    unsafe {
        let n = c::LLVMGetNumIndices(v.0) as usize;
        let p = c::LLVMGetIndices(v.0);
        if p.is_null() { Vec::new() } else { std::slice::from_raw_parts(p, n).to_vec() }
    }
}

/// Mask of a `shufflevector`; -1 for undefined lanes.
pub fn shuffle_mask(v: V<'_>) -> Vec<i32> {
    // SAFETY: `v` is a live shufflevector; indices are below its mask length.
    unsafe {
        let undef = c::LLVMGetUndefMaskElem();
        (0..c::LLVMGetNumMaskElements(v.0))
            .map(|i| {
                let m = c::LLVMGetMaskValue(v.0, i);
                if m == undef { -1 } else { m }
            })
            .collect()
    }
}

/// Operation of an `atomicrmw`.
pub fn rmw_op(v: V<'_>) -> sys::LLVMAtomicRMWBinOp {
    // SAFETY: `v` is a live atomicrmw.
    unsafe { c::LLVMGetAtomicRMWBinOp(v.0) }
}

/// Zero-extended value of an integer constant of at most 64 bits.
pub fn const_int_u64(v: V<'_>) -> u64 {
    // SAFETY: `v` is a live ConstantInt of at most 64 bits.
    unsafe { c::LLVMConstIntGetZExtValue(v.0) }
}

/// Value of a floating-point constant, widened to f64.
pub fn const_real(v: V<'_>) -> f64 {
    let mut loses = 0;
    // SAFETY: `v` is a live ConstantFP.
    unsafe { c::LLVMConstRealGetDouble(v.0, &mut loses) }
}

/// The bits of a `float` constant, exactly (a signaling NaN stays signaling: converting it through `double`
/// would quiet it).
pub fn const_float_bits(v: V<'_>) -> u32 {
    // SAFETY: `v` is a live ConstantFP of type `float`; bitcasting it to `i32` folds to a ConstantInt of the same
    // context holding its bits, which is then read.
    unsafe {
        let i32_type = c::LLVMInt32TypeInContext(c::LLVMGetTypeContext(c::LLVMTypeOf(v.0)));
        let bits = c::LLVMConstBitCast(v.0, i32_type);
        if c::LLVMIsAConstantInt(bits).is_null() {
            return (const_real(v) as f32).to_bits();
        }
        c::LLVMConstIntGetZExtValue(bits) as u32
    }
}

/// Contents of a constant `i8` array.
pub fn const_string(v: V<'_>) -> Vec<u8> {
    let mut len = 0;
    // SAFETY: `v` is a live ConstantDataSequential of i8; LLVM returns `len` bytes owned by the constant.
    unsafe {
        let p = c::LLVMGetAsString(v.0, &mut len);
        if p.is_null() { Vec::new() } else { std::slice::from_raw_parts(p.cast::<u8>(), len).to_vec() }
    }
}

/// Element `i` of a constant aggregate or data sequential.
pub fn aggregate_element(v: V<'_>, i: u32) -> Option<V<'_>> {
    // SAFETY: `v` is a live constant; LLVM returns null for an out-of-range index.
    let e = unsafe { c::LLVMGetAggregateElement(v.0, i) };
    (!e.is_null()).then_some(V(e, PhantomData))
}

/// Whether a called value is inline assembly.
pub fn is_inline_asm(v: V<'_>) -> bool {
    // SAFETY: `v` is live.
    unsafe { !c::LLVMIsAInlineAsm(v.0).is_null() }
}

/// Whether `v` is a function (as opposed to another global value).
pub fn is_function(v: V<'_>) -> bool {
    // SAFETY: `v` is live.
    unsafe { !c::LLVMIsAFunction(v.0).is_null() }
}
