//! Function bodies in owned form.

use crate::{Inst, Op, Signature, Type};

/// A basic block: the instructions `start..end` of its function, the last being the terminator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// First instruction index.
    pub start: u32,
    /// One past the last instruction index.
    pub end: u32,
}

/// A function body. Block 0 is the entry block.
#[derive(Clone, Debug)]
pub struct Function {
    /// IR name.
    pub name: String,
    /// Type and ABI attributes.
    pub sig: Signature,
    /// Blocks in layout order (not necessarily dominance order).
    pub blocks: Vec<Block>,
    /// All instructions; blocks index into this.
    pub insts: Vec<Inst>,
}

impl Function {
    /// A function whose body could not be read (or did not verify): one unsupported instruction that says why.
    pub fn unreadable(name: String, sig: Signature, reason: String) -> Function {
        let inst =
            Inst { op: Op::Unsupported(format!("invalid body: {reason}")), ty: Type::Void, operands: Vec::new() };
        Function { name, sig, blocks: vec![Block { start: 0, end: 1 }], insts: vec![inst] }
    }

    /// Instructions of block `b` with their indices.
    pub fn block_insts(&self, b: usize) -> impl Iterator<Item = (u32, &Inst)> {
        let blk = self.blocks[b];
        (blk.start..blk.end).map(move |i| (i, &self.insts[i as usize]))
    }

    /// The `landingpad` instruction block `b` starts with (after its phis), if it is a landing pad.
    pub fn landing_pad(&self, b: usize) -> Option<u32> {
        let (i, inst) = self.block_insts(b).find(|(_, inst)| !matches!(inst.op, Op::Phi { .. }))?;
        matches!(inst.op, Op::LandingPad { .. }).then_some(i)
    }

    /// Number of instructions.
    pub fn len(&self) -> usize {
        self.insts.len()
    }

    /// Whether the function has no instructions.
    pub fn is_empty(&self) -> bool {
        self.insts.is_empty()
    }
}
