//! Dynamic allocas and `llvm.stacksave`/`llvm.stackrestore`, on the runtime's per-thread dynamic stack.

use crate::error::Reason;
use crate::translator::FuncTranslator;
use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Signature as CSig, Value as CValue, types as ct};
use tierlift_ir::{Const, Function, Op, Value};

/// The support routine returning the calling thread's top-of-dynamic-stack cell.
pub(crate) const CELL_ROUTINE: &str = "__tierlift_dynamic_stack_cell";

/// Whether `f` needs the dynamic stack: an alloca with a run-time count or outside the entry block, or
/// stacksave/stackrestore.
pub(crate) fn needs_dynamic_stack(f: &Function) -> bool {
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
    /// In the entry block: finds the thread's cell and remembers its top, to be restored on return.
    pub(crate) fn dynamic_stack_prologue(&mut self) -> Result<(), Reason> {
        let routine = self.env.libcall(CELL_ROUTINE).ok_or("the dynamic stack is not available")?;
        let mut sig = CSig::new(self.call_conv);
        sig.returns.push(AbiParam::new(ct::I64));
        let sigref = self.b.import_signature(sig);
        let callee = self.b.ins().iconst(ct::I64, routine as i64);
        let call = self.b.ins().call_indirect(sigref, callee, &[]);
        let cell = self.b.inst_results(call)[0];
        let saved = self.b.ins().load(ct::I64, MemFlagsData::trusted(), cell, 0);
        self.dyn_stack = Some((cell, saved));
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

    /// Before a return: frees everything this call allocated dynamically.
    pub(crate) fn dynamic_stack_epilogue(&mut self) {
        if let Some((cell, saved)) = self.dyn_stack {
            self.b.ins().store(MemFlagsData::trusted(), saved, cell, 0);
        }
    }
}
