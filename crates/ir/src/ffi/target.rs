//! The FFI edge for what the loader checks about a module's target: its triple and data layout, the intrinsics
//! it declares and who calls them, and tiny probe modules that call one intrinsic (see `Module::intrinsic_probe`).
//! The safety argument of the parent module applies to every block here.

use super::{LlvmModule, V, c, sys};
use std::ffi::{CStr, CString};
use std::marker::PhantomData;

impl LlvmModule {
    /// The module's target triple and data layout strings.
    pub fn target_strings(&self) -> (String, String) {
        // SAFETY: the module is live; both strings are owned by it and copied before it can change.
        unsafe {
            let triple = CStr::from_ptr(c::LLVMGetTarget(self.module)).to_string_lossy().into_owned();
            let layout = CStr::from_ptr(c::LLVMGetDataLayoutStr(self.module)).to_string_lossy().into_owned();
            (triple, layout)
        }
    }

    /// The function named `name`, if the module has one.
    pub fn named_function(&self, name: &str) -> Option<V<'_>> {
        let name = CString::new(name).ok()?;
        // SAFETY: the module is live; the name is NUL-terminated; a non-null result is a function of the module.
        let f = unsafe { c::LLVMGetNamedFunction(self.module, name.as_ptr()) };
        (!f.is_null()).then_some(V(f, PhantomData))
    }

    /// A module in this module's context holding `define void @probe(ptr %out, <params>)` that calls the
    /// intrinsic declaration `decl` with its parameters and stores the result to `%out`, as bitcode; the probe
    /// module is disposed before returning. `immarg` parameters take the constants of the module's first call
    /// of `decl` (an intrinsic may accept only some immediates), or zero.
    pub fn intrinsic_probe(&self, decl: V<'_>) -> Vec<u8> {
        let name = CString::new(super::name(decl)).unwrap_or_default();
        let immarg = super::attr_kind("immarg");
        // SAFETY: every handle below is created in, or taken from, this module's live context; the probe module
        // is ours, written out and disposed at the end; strings are NUL-terminated and copied by LLVM.
        unsafe {
            let ctx = self.ctx;
            let probe = c::LLVMModuleCreateWithNameInContext(c"probe".as_ptr(), ctx);
            c::LLVMSetTarget(probe, c::LLVMGetTarget(self.module));
            c::LLVMSetDataLayout(probe, c::LLVMGetDataLayoutStr(self.module));
            let fn_ty = c::LLVMGlobalGetValueType(decl.0);
            let callee = c::LLVMAddFunction(probe, name.as_ptr(), fn_ty);
            let n = c::LLVMCountParamTypes(fn_ty) as usize;
            let mut params = vec![std::ptr::null_mut(); n];
            c::LLVMGetParamTypes(fn_ty, params.as_mut_ptr());
            let ptr = c::LLVMPointerTypeInContext(ctx, 0);
            let mut probe_params = vec![ptr];
            probe_params.extend_from_slice(&params);
            let void = c::LLVMVoidTypeInContext(ctx);
            let probe_ty = c::LLVMFunctionType(void, probe_params.as_mut_ptr(), probe_params.len() as u32, 0);
            let f = c::LLVMAddFunction(probe, c"probe".as_ptr(), probe_ty);
            let entry = c::LLVMAppendBasicBlockInContext(ctx, f, c"entry".as_ptr());
            let b = c::LLVMCreateBuilderInContext(ctx);
            c::LLVMPositionBuilderAtEnd(b, entry);
            let site = first_call(decl);
            let mut args: Vec<_> = (0..n)
                .map(|i| {
                    if c::LLVMGetEnumAttributeAtIndex(decl.0, i as u32 + 1, immarg).is_null() {
                        return c::LLVMGetParam(f, i as u32 + 1);
                    }
                    match site.map(|call| c::LLVMGetOperand(call, i as u32)) {
                        Some(arg) if !arg.is_null() && c::LLVMIsConstant(arg) != 0 => arg,
                        _ => c::LLVMConstNull(params[i]),
                    }
                })
                .collect();
            let call = c::LLVMBuildCall2(b, fn_ty, callee, args.as_mut_ptr(), n as u32, c"".as_ptr());
            let ret = c::LLVMGetReturnType(fn_ty);
            if c::LLVMGetTypeKind(ret) != sys::LLVMTypeKind::LLVMVoidTypeKind {
                c::LLVMBuildStore(b, call, c::LLVMGetParam(f, 0));
            }
            c::LLVMBuildRetVoid(b);
            c::LLVMDisposeBuilder(b);
            let buf = sys::bit_writer::LLVMWriteBitcodeToMemoryBuffer(probe);
            let bytes =
                std::slice::from_raw_parts(c::LLVMGetBufferStart(buf).cast::<u8>(), c::LLVMGetBufferSize(buf)).to_vec();
            c::LLVMDisposeMemoryBuffer(buf);
            c::LLVMDisposeModule(probe);
            bytes
        }
    }
}

/// The first call instruction that calls `decl`.
fn first_call(decl: V<'_>) -> Option<sys::prelude::LLVMValueRef> {
    // SAFETY: walking the live use list of a live function; users are live values.
    unsafe {
        let mut u = c::LLVMGetFirstUse(decl.0);
        while !u.is_null() {
            let user = c::LLVMGetUser(u);
            if !c::LLVMIsACallInst(user).is_null() && c::LLVMGetCalledValue(user) == decl.0 {
                return Some(user);
            }
            u = c::LLVMGetNextUse(u);
        }
    }
    None
}

/// Whether LLVM knows `name` (an `llvm.*` function name) as an intrinsic.
pub fn is_known_intrinsic(name: &str) -> bool {
    // SAFETY: LLVM reads `name.len()` bytes of `name`.
    unsafe { c::LLVMLookupIntrinsicID(name.as_ptr().cast(), name.len()) != 0 }
}

/// The functions whose instructions use `v` (each once, in no particular order).
pub fn using_functions(v: V<'_>) -> Vec<V<'_>> {
    let mut out: Vec<V<'_>> = Vec::new();
    // SAFETY: `v` is a live value; walking its use list yields live users; an instruction's parent block and the
    // block's parent function are live values of the same module.
    unsafe {
        let mut u = c::LLVMGetFirstUse(v.0);
        while !u.is_null() {
            let user = c::LLVMGetUser(u);
            if !c::LLVMIsAInstruction(user).is_null() {
                let block = c::LLVMGetInstructionParent(user);
                if !block.is_null() {
                    let f = V(c::LLVMGetBasicBlockParent(block), PhantomData);
                    if !out.contains(&f) {
                        out.push(f);
                    }
                }
            }
            u = c::LLVMGetNextUse(u);
        }
    }
    out
}
