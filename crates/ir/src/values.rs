//! Operands: arguments, instruction results, constants and symbols.

use crate::Type;

/// Index of a function defined in the module (it has a slot and a stub).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(pub u32);

/// Index of a global variable defined in the module (allocated by the runtime at load).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlobalId(pub u32);

/// Index of an external symbol (a declaration resolved against the process or the embedder).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExternId(pub u32);

/// Index of a global alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AliasId(pub u32);

/// A module-level symbol whose address the runtime knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// A defined function: its address is its stub.
    Func(FuncId),
    /// A defined global variable.
    Global(GlobalId),
    /// An external function or variable.
    Extern(ExternId),
    /// An alias of another symbol (possibly with an offset).
    Alias(AliasId),
}

/// An operand of an instruction.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// The function's `n`th parameter.
    Arg(u32),
    /// The result of instruction `n` (index into [`crate::Function::insts`]).
    Inst(u32),
    /// A constant.
    Const(Const),
}

/// A constant operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// An integer of the given width; the value is zero-extended to 128 bits.
    Int(u32, u128),
    /// A `float`, as bits.
    Float(u32),
    /// A `double`, as bits.
    Double(u64),
    /// A `half`, as bits.
    Half(u16),
    /// An `fp128`, as bits.
    Fp128(u128),
    /// An `x86_fp80`, its 80 bits (sign, 15-bit exponent, 64-bit significand with its explicit integer bit).
    X86Fp80(u128),
    /// `ptr null`.
    Null,
    /// `undef` of a type. Tier 0 materializes undef and poison as zero.
    Undef(Type),
    /// `poison` of a type (treated like undef).
    Poison(Type),
    /// `zeroinitializer` of a type.
    Zero(Type),
    /// The address of a symbol.
    Symbol(Symbol),
    /// An LLVM intrinsic function (only as a call target), by name.
    Intrinsic(String),
    /// The raw little-endian contents of a constant data array or vector of the given type.
    Bytes(Type, Vec<u8>),
    /// A vector, array or struct constant.
    Aggregate(Type, Vec<Const>),
    /// A constant expression.
    Expr(Box<ConstExpr>),
    /// `blockaddress(@f, %bb)`: the label of block `block` (layout index) of `function`, as the number
    /// [`block_label`] gives, which every tier uses, so a label stored in memory stays valid across tier changes.
    BlockAddress {
        /// The function.
        function: FuncId,
        /// The block's index in layout order.
        block: u32,
    },
}

/// The value a `blockaddress` of block `block` (layout index) stands for at run time in every tier: a small
/// number, never a code address (which would differ between the versions of a function). `indirectbr` maps it
/// back to its block. Labels of different functions may coincide; comparing them is not meaningful in C either.
pub fn block_label(block: u32) -> u64 {
    0x1000 + u64::from(block)
}

/// A constant expression (`getelementptr`, casts, `add`, `sub`, ...), kept in instruction form.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstExpr {
    /// What it computes, with the same meaning as the instruction of that name.
    pub op: crate::Op,
    /// Result type.
    pub ty: Type,
    /// Operands.
    pub operands: Vec<Const>,
}

impl Const {
    /// The constant `iN value`.
    pub fn int(bits: u32, value: u128) -> Const {
        Const::Int(bits, value)
    }

    /// Whether this is undef or poison.
    pub fn is_undef(&self) -> bool {
        matches!(self, Const::Undef(_) | Const::Poison(_))
    }
}
