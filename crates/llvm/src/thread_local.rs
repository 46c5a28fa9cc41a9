//! Thread-local globals in job modules: every access reaches the calling thread's copy through
//! `__emutls_get_address(control)`, where `control` is the runtime's emulated-TLS control object (tier 0 does the
//! same), or, for a shared object's variable, through `__tls_get_addr(index)` with its `tls_index`. Accesses come
//! as `llvm.threadlocal.address(@g)` (clang) or as direct uses of `@g` (older front ends, hand-written IR),
//! including uses inside constant expressions (`getelementptr (..., @g, ...)`), which are rebuilt as instructions
//! over the per-thread address.

use std::collections::HashSet;

use inkwell::llvm_sys::core as llvm;
use inkwell::llvm_sys::prelude::{LLVMBuilderRef, LLVMValueRef};
use inkwell::llvm_sys::{LLVMOpcode, LLVMValueKind};
use inkwell::module::Module;
use inkwell::values::{AsValueRef, BasicValue, FunctionValue, GlobalValue, PointerValue};

use crate::ffi;

/// Rewrites every use of the thread-local global `old` (see the module docs) into a call of `routine` (a function
/// `ptr (ptr)`: `__emutls_get_address`, or `__tls_get_addr` for a shared object's variable) with `control`.
/// Afterwards `old` has no uses left.
pub(crate) fn lower<'ctx>(
    module: &Module<'ctx>,
    old: GlobalValue<'ctx>,
    control: PointerValue<'ctx>,
    routine: &str,
) -> Result<(), String> {
    let ctx = module.get_context();
    let ptr = ctx.ptr_type(inkwell::AddressSpace::default());
    let get_address = module
        .get_function(routine)
        .unwrap_or_else(|| module.add_function(routine, ptr.fn_type(&[ptr.into()], false), None));
    let builder = ctx.create_builder();
    let mut calls = Vec::new();
    for user in crate::uses::users(old.as_pointer_value().get_first_use()).into_iter().flatten() {
        if crate::uses::is_call_to(user, "llvm.threadlocal.address") {
            calls.push(user);
        }
    }
    for call in calls {
        builder.position_before(&call);
        let fresh = builder.build_call(get_address, &[control.into()], "tls").map_err(|e| e.to_string())?;
        let fresh = fresh.try_as_basic_value().basic().ok_or("the thread-local routine returns no value")?;
        ffi::replace_all_uses_with(call, fresh);
        call.erase_from_basic_block();
    }
    let uses = operand_uses(old.as_value_ref())?;
    let b = Builder::new(module);
    for (inst, index) in uses {
        b.rewrite(inst, index, old.as_value_ref(), get_address, control.as_value_ref())?;
    }
    // What is left are constant expressions that no instruction uses any more.
    // SAFETY: `old` is a live global; its remaining users are dead constants, whose rewrite to null changes no code.
    unsafe {
        llvm::LLVMReplaceAllUsesWith(
            old.as_value_ref(),
            llvm::LLVMConstPointerNull(llvm::LLVMTypeOf(old.as_value_ref())),
        )
    };
    Ok(())
}

/// Every (instruction, operand index) whose operand is `global` or a constant expression built over it.
fn operand_uses(global: LLVMValueRef) -> Result<Vec<(LLVMValueRef, u32)>, String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![global];
    while let Some(v) = stack.pop() {
        // SAFETY: `v` is a live value (the global or a constant expression over it); walking its use list reads it.
        let mut u = unsafe { llvm::LLVMGetFirstUse(v) };
        while !u.is_null() {
            // SAFETY: `u` is a live use of `v`.
            let user = unsafe { llvm::LLVMGetUser(u) };
            // SAFETY: `user` is a live value.
            if !unsafe { llvm::LLVMIsAInstruction(user) }.is_null() {
                // SAFETY: `user` is an instruction; its operands are read by index within their count.
                let n = unsafe { llvm::LLVMGetNumOperands(user) };
                for i in 0..n.max(0) as u32 {
                    // SAFETY: as above.
                    if unsafe { llvm::LLVMGetOperand(user, i) } == v && !out.contains(&(user, i)) {
                        out.push((user, i));
                    }
                }
            // SAFETY: `user` is a live value.
            } else if !unsafe { llvm::LLVMIsAConstantExpr(user) }.is_null() {
                if seen.insert(user) {
                    stack.push(user);
                }
            } else {
                return Err("a thread-local global's address is used in a constant initializer".into());
            }
            // SAFETY: `u` is a live use.
            u = unsafe { llvm::LLVMGetNextUse(u) };
        }
    }
    Ok(out)
}

/// An LLVM IR builder over the raw C API (constant expressions are rebuilt with their opcode).
struct Builder(LLVMBuilderRef);

impl Drop for Builder {
    fn drop(&mut self) {
        // SAFETY: created in `new`, disposed once.
        unsafe { llvm::LLVMDisposeBuilder(self.0) };
    }
}

impl Builder {
    fn new(module: &Module<'_>) -> Self {
        // SAFETY: the module's context is live for the builder's life (the builder is dropped within `lower`).
        Builder(unsafe { llvm::LLVMCreateBuilderInContext(llvm::LLVMGetModuleContext(module.as_mut_ptr())) })
    }

    /// Replaces operand `index` of `inst` (which is `global` or a constant expression over it) by the same value
    /// computed from this thread's copy, built before `inst` (at the end of the incoming block for a phi).
    fn rewrite(
        &self,
        inst: LLVMValueRef,
        index: u32,
        global: LLVMValueRef,
        get_address: FunctionValue<'_>,
        control: LLVMValueRef,
    ) -> Result<(), String> {
        // SAFETY: `inst` is a live instruction with operand `index` (from `operand_uses`); the builder is positioned
        // inside its function; `get_address` is `ptr (ptr)` and `control` a pointer.
        unsafe {
            if !llvm::LLVMIsAPHINode(inst).is_null() {
                let block = llvm::LLVMGetIncomingBlock(inst, index);
                llvm::LLVMPositionBuilderBefore(self.0, llvm::LLVMGetBasicBlockTerminator(block));
            } else {
                llvm::LLVMPositionBuilderBefore(self.0, inst);
            }
            let f = get_address.as_value_ref();
            let mut args = [control];
            let here =
                llvm::LLVMBuildCall2(self.0, llvm::LLVMGlobalGetValueType(f), f, args.as_mut_ptr(), 1, c"tls".as_ptr());
            let operand = llvm::LLVMGetOperand(inst, index);
            let value = self.rebuild(operand, global, here)?;
            llvm::LLVMSetOperand(inst, index, value);
        }
        Ok(())
    }

    /// `v` with `global` replaced by `here`: `v` itself when it does not involve `global`, else new instructions.
    ///
    /// # Safety
    /// `v`, `global` and `here` are live values of one context; the builder is positioned in a block.
    unsafe fn rebuild(
        &self,
        v: LLVMValueRef,
        global: LLVMValueRef,
        here: LLVMValueRef,
    ) -> Result<LLVMValueRef, String> {
        if v == global {
            return Ok(here);
        }
        // SAFETY: `v` is live (caller contract).
        if unsafe { llvm::LLVMGetValueKind(v) } != LLVMValueKind::LLVMConstantExprValueKind {
            return Ok(v);
        }
        // SAFETY: `v` is a live constant expression; its operands are read by index within their count, and the
        // instructions built take operands of the types the expression had.
        unsafe {
            let n = llvm::LLVMGetNumOperands(v).max(0) as u32;
            let mut ops = Vec::with_capacity(n as usize);
            for i in 0..n {
                ops.push(self.rebuild(llvm::LLVMGetOperand(v, i), global, here)?);
            }
            let opcode = llvm::LLVMGetConstOpcode(v);
            let name = c"tls.expr".as_ptr();
            let out = match opcode {
                LLVMOpcode::LLVMGetElementPtr => {
                    let ty = llvm::LLVMGetGEPSourceElementType(v);
                    let build =
                        if llvm::LLVMIsInBounds(v) != 0 { llvm::LLVMBuildInBoundsGEP2 } else { llvm::LLVMBuildGEP2 };
                    build(self.0, ty, ops[0], ops[1..].as_mut_ptr(), n - 1, name)
                }
                LLVMOpcode::LLVMTrunc
                | LLVMOpcode::LLVMPtrToInt
                | LLVMOpcode::LLVMIntToPtr
                | LLVMOpcode::LLVMBitCast
                | LLVMOpcode::LLVMAddrSpaceCast => {
                    llvm::LLVMBuildCast(self.0, opcode, ops[0], llvm::LLVMTypeOf(v), name)
                }
                LLVMOpcode::LLVMAdd | LLVMOpcode::LLVMSub | LLVMOpcode::LLVMMul | LLVMOpcode::LLVMXor => {
                    llvm::LLVMBuildBinOp(self.0, opcode, ops[0], ops[1], name)
                }
                other => return Err(format!("a thread-local global inside a constant expression ({other:?})")),
            };
            Ok(out)
        }
    }
}
