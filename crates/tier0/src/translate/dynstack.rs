//! Dynamic allocas and `llvm.stacksave`/`llvm.stackrestore`, on the runtime's per-thread dynamic stack.

use crate::error::Reason;
use crate::translator::FuncTranslator;
use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Signature as CSig, Value as CValue, types as ct};
use tierlift_ir::{Const, Function, Op, Value};

/// The support routine a function calls on entry with its frame pointer: it pushes the function's activation
/// record and returns the calling thread's cells (`[0]` the top, `[1]` the innermost record).
pub(crate) const ENTER_ROUTINE: &str = "__tierlift_dynamic_stack_enter";

/// Whether `f` needs the dynamic stack: an alloca with a run-time count or outside the entry block, or
/// stacksave/stackrestore.
pub fn needs_dynamic_stack(f: &Function) -> bool {
    f.blocks.iter().enumerate().any(|(bi, blk)| {
        f.insts[blk.start as usize..blk.end as usize].iter().any(|inst| match &inst.op {
            Op::Alloca { .. } => bi != 0 || !matches!(inst.operands[0], Value::Const(Const::Int(..))),
            Op::Call { .. } => matches!(
                inst.operands.last(),
                Some(Value::Const(Const::Intrinsic(n))) if n.starts_with("llvm.stacksave") || n.starts_with("llvm.stackrestore")
            ),
            _ => false,
        })
    })
}

impl FuncTranslator<'_> {
    /// In the entry block: pushes this call's activation record (which also reclaims the space of frames that
    /// were unwound without returning) and keeps the cells and the record, to restore them on return.
    pub(crate) fn dynamic_stack_prologue(&mut self) -> Result<(), Reason> {
        let routine = self.env.libcall(ENTER_ROUTINE).ok_or("the dynamic stack is not available")?;
        let mut sig = CSig::new(self.call_conv);
        sig.params.push(AbiParam::new(ct::I64));
        sig.returns.push(AbiParam::new(ct::I64));
        let sigref = self.b.import_signature(sig);
        let callee = self.b.ins().iconst(ct::I64, routine as i64);
        let frame = self.b.ins().get_frame_pointer(ct::I64);
        let call = self.b.ins().call_indirect(sigref, callee, &[frame]);
        let cell = self.b.inst_results(call)[0];
        let record = self.b.ins().load(ct::I64, MemFlagsData::trusted(), cell, 8);
        self.dyn_stack = Some((cell, record));
        Ok(())
    }

    fn cell(&self) -> Result<CValue, Reason> {
        self.dyn_stack.map(|(c, _)| c).ok_or_else(|| "dynamic stack used without a prologue".to_string())
    }

    /// `alloca` of `size` bytes at run time.
    pub(crate) fn dynamic_alloca(&mut self, size: CValue, align: u64) -> Result<CValue, Reason> {
        let cell = self.cell()?;
        let top = self.b.ins().load(ct::I64, MemFlagsData::trusted(), cell, 0);
        let lowered = self.b.ins().isub(top, size);
        let aligned = self.b.ins().band_imm_s(lowered, -(align.max(16) as i64));
        self.b.ins().store(MemFlagsData::trusted(), aligned, cell, 0);
        Ok(aligned)
    }

    /// `llvm.stacksave`.
    pub(crate) fn dynamic_stack_save(&mut self) -> Result<CValue, Reason> {
        let cell = self.cell()?;
        Ok(self.b.ins().load(ct::I64, MemFlagsData::trusted(), cell, 0))
    }

    /// `llvm.stackrestore`.
    pub(crate) fn dynamic_stack_restore(&mut self, p: CValue) -> Result<(), Reason> {
        let cell = self.cell()?;
        self.b.ins().store(MemFlagsData::trusted(), p, cell, 0);
        Ok(())
    }

    /// Before a return: frees everything this call allocated dynamically, and its record.
    pub(crate) fn dynamic_stack_epilogue(&mut self) {
        if let Some((cell, record)) = self.dyn_stack {
            let flags = MemFlagsData::trusted();
            let previous = self.b.ins().load(ct::I64, flags, record, 8);
            let saved_top = self.b.ins().load(ct::I64, flags, record, 16);
            self.b.ins().store(flags, saved_top, cell, 0);
            self.b.ins().store(flags, previous, cell, 8);
        }
    }
}
