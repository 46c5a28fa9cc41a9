//! Instructions.

use crate::{Type, Value};

/// Integer and float binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    UDiv,
    SDiv,
    URem,
    SRem,
    Shl,
    LShr,
    AShr,
    And,
    Or,
    Xor,
    FAdd,
    FSub,
    FMul,
    FDiv,
    FRem,
}

/// Conversions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum CastOp {
    Trunc,
    ZExt,
    SExt,
    FPTrunc,
    FPExt,
    FPToUI,
    FPToSI,
    UIToFP,
    SIToFP,
    PtrToInt,
    IntToPtr,
    BitCast,
    AddrSpaceCast,
}

/// `icmp` predicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum IntPredicate {
    Eq,
    Ne,
    Ugt,
    Uge,
    Ult,
    Ule,
    Sgt,
    Sge,
    Slt,
    Sle,
}

/// `fcmp` predicates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum FloatPredicate {
    False,
    Oeq,
    Ogt,
    Oge,
    Olt,
    Ole,
    One,
    Ord,
    Uno,
    Ueq,
    Ugt,
    Uge,
    Ult,
    Ule,
    Une,
    True,
}

/// `atomicrmw` operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum RmwOp {
    Xchg,
    Add,
    Sub,
    And,
    Nand,
    Or,
    Xor,
    Max,
    Min,
    UMax,
    UMin,
    FAdd,
    FSub,
    FMax,
    FMin,
    Other,
}

/// Index of a basic block within its function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

/// ABI-relevant attributes of one parameter or of the return value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParamAttrs {
    /// `zeroext`.
    pub zext: bool,
    /// `signext`.
    pub sext: bool,
    /// `byval(<ty>)`: passed as a copy in the argument area.
    pub byval: Option<Type>,
    /// `sret(<ty>)`: hidden return-area pointer.
    pub sret: Option<Type>,
    /// `inreg`, `inalloca`, `preallocated`, `swift*` or another attribute tier 0 does not model.
    pub unusual: Option<&'static str>,
}

/// A function's type and ABI attributes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Signature {
    /// Parameter types.
    pub params: Vec<Type>,
    /// Return type.
    pub ret: Type,
    /// Whether it takes `...`.
    pub variadic: bool,
    /// Attributes per parameter; for a call to a variadic function, then per variadic argument.
    pub param_attrs: Vec<ParamAttrs>,
    /// Attributes of the return value.
    pub ret_attrs: ParamAttrs,
    /// Calling convention (LLVM's numbering; 0 is C).
    pub call_conv: u32,
}

/// What an instruction does. Operands are in [`Inst::operands`] in LLVM's order unless stated.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Binary arithmetic: `[lhs, rhs]`.
    Binary(BinOp),
    /// `fneg`: `[x]`.
    FNeg,
    /// `icmp`: `[lhs, rhs]`.
    ICmp(IntPredicate),
    /// `fcmp`: `[lhs, rhs]`.
    FCmp(FloatPredicate),
    /// Conversion: `[x]`.
    Cast(CastOp),
    /// `select`: `[cond, if_true, if_false]`.
    Select,
    /// `phi`: operands are incoming values, parallel to `blocks`.
    Phi {
        /// Incoming block of each operand.
        blocks: Vec<BlockId>,
    },
    /// `alloca`: `[count]`.
    Alloca {
        /// Allocated type.
        ty: Type,
        /// Alignment in bytes.
        align: u64,
    },
    /// `load`: `[ptr]`; the loaded type is the instruction's type.
    Load {
        /// Alignment in bytes.
        align: u64,
        /// `volatile`.
        volatile: bool,
        /// Whether it is an atomic load.
        atomic: bool,
    },
    /// `store`: `[value, ptr]`.
    Store {
        /// Alignment in bytes.
        align: u64,
        /// `volatile`.
        volatile: bool,
        /// Whether it is an atomic store.
        atomic: bool,
    },
    /// `getelementptr`: `[base, indices...]`.
    Gep {
        /// The source element type.
        source: Type,
        /// `inbounds`.
        inbounds: bool,
    },
    /// `call`: `[args..., callee]`.
    Call {
        /// The callee's type and ABI attributes as seen at the call site.
        sig: Signature,
        /// `tail` or `musttail`.
        tail: bool,
        /// Whether the call site is `musttail`.
        musttail: bool,
    },
    /// `ret`: `[]` or `[value]`.
    Ret,
    /// Unconditional `br`.
    Br(BlockId),
    /// Conditional `br`: `[cond]`.
    CondBr(BlockId, BlockId),
    /// `switch`: `[value]`; each case's value with its destination.
    Switch {
        /// Default destination.
        default: BlockId,
        /// Case values (zero-extended) and destinations.
        cases: Vec<(u128, BlockId)>,
    },
    /// `indirectbr`: `[address]`.
    IndirectBr(Vec<BlockId>),
    /// `unreachable`.
    Unreachable,
    /// `extractvalue`: `[aggregate]`.
    ExtractValue(Vec<u32>),
    /// `insertvalue`: `[aggregate, value]`.
    InsertValue(Vec<u32>),
    /// `extractelement`: `[vector, index]`.
    ExtractElement,
    /// `insertelement`: `[vector, value, index]`.
    InsertElement,
    /// `shufflevector`: `[a, b]`; `-1` marks an undefined lane.
    ShuffleVector(Vec<i32>),
    /// `atomicrmw`: `[ptr, value]`.
    AtomicRmw(RmwOp),
    /// `cmpxchg`: `[ptr, expected, new]`; the result is `{ T, i1 }`.
    CmpXchg,
    /// `fence`.
    Fence,
    /// `freeze`: `[x]`.
    Freeze,
    /// `va_arg`: `[va_list]`.
    VaArg,
    /// `invoke`: `[args..., callee]`; a call that goes on at `normal` when the callee returns and at `unwind` (a
    /// block that starts with a `landingpad`) when an exception leaves it.
    Invoke {
        /// The callee's type and ABI attributes as seen at the call site.
        sig: Signature,
        /// Where the call returns to.
        normal: BlockId,
        /// Where an exception lands.
        unwind: BlockId,
    },
    /// `landingpad`: `[personality, clause values...]` (the personality routine of the function; a `catch`
    /// clause's type info is one value, a `filter` clause's are as many as it lists). The result is the exception
    /// (a pointer) and the selector (an `i32`) the personality routine hands the landing pad.
    LandingPad {
        /// Whether the landing pad also runs for an exception none of its clauses takes (`cleanup`).
        cleanup: bool,
        /// The clauses, in order.
        clauses: Vec<Clause>,
    },
    /// `resume`: `[exception]` (the `{ ptr, i32 }` a landing pad received), rethrown to the caller.
    Resume,
    /// Anything else tier 0 does not model (`callbr`, `catchswitch`, ...), by opcode name.
    Unsupported(String),
}

/// A clause of a `landingpad`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clause {
    /// `catch`: the exception is taken if it matches the clause's one type info (null: any exception).
    Catch,
    /// `filter`: the exception is taken if it matches none of the clause's this many type infos (an exception
    /// specification; none: any exception).
    Filter(u32),
}

/// One instruction.
#[derive(Clone, Debug, PartialEq)]
pub struct Inst {
    /// What it does.
    pub op: Op,
    /// Result type (`void` for none).
    pub ty: Type,
    /// Operands.
    pub operands: Vec<Value>,
}

impl Inst {
    /// Whether the instruction ends a block.
    pub fn is_terminator(&self) -> bool {
        matches!(
            self.op,
            Op::Ret
                | Op::Br(_)
                | Op::CondBr(..)
                | Op::Switch { .. }
                | Op::IndirectBr(_)
                | Op::Unreachable
                | Op::Invoke { .. }
                | Op::Resume
        )
    }
}
