//! What the floating-point types tier 0 computes with support routines (`half`, `x86_fp80`, `fp128`) share:
//! the sign bit's operations on the value's bits, and `fcmp` predicates read off a four-way comparison.

use crate::translator::FuncTranslator;
use cranelift_codegen::ir::{InstBuilder, Value as CValue, types as ct};
use tierlift_ir::FloatPredicate;

/// A comparison's outcome as the support routines give it: 0 less, 1 equal, 2 greater, 3 unordered.
pub(crate) const LESS: i64 = 0;
/// See [`LESS`].
pub(crate) const EQUAL: i64 = 1;
/// See [`LESS`].
pub(crate) const GREATER: i64 = 2;
/// See [`LESS`].
pub(crate) const UNORDERED: i64 = 3;

/// The predicate `p` as a truth table over the four outcomes (bit `k` for outcome `k`), picked by `outcome` (an
/// `i32` in 0..=3): the `i8` 0 or 1 of `fcmp p`.
pub(crate) fn predicate_of(t: &mut FuncTranslator<'_>, p: FloatPredicate, outcome: CValue) -> CValue {
    use FloatPredicate as P;
    let (less, equal, greater, unordered) = (1 << LESS, 1 << EQUAL, 1 << GREATER, 1 << UNORDERED);
    let table: i64 = match p {
        P::False => 0,
        P::Oeq => equal,
        P::Ogt => greater,
        P::Oge => greater | equal,
        P::Olt => less,
        P::Ole => less | equal,
        P::One => less | greater,
        P::Ord => less | equal | greater,
        P::Uno => unordered,
        P::Ueq => unordered | equal,
        P::Ugt => unordered | greater,
        P::Uge => unordered | greater | equal,
        P::Ult => unordered | less,
        P::Ule => unordered | less | equal,
        P::Une => unordered | less | greater,
        P::True => 15,
    };
    let table = t.b.ins().iconst(ct::I32, table);
    let bit = t.b.ins().ushr(table, outcome);
    let bit = t.b.ins().band_imm_s(bit, 1);
    t.b.ins().ireduce(ct::I8, bit)
}

/// What to do with a value's sign bit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sign {
    /// `fneg`: flip it.
    Flip,
    /// `llvm.fabs`: clear it.
    Clear,
    /// `llvm.copysign`: take it from the second operand.
    CopyFrom(CValue),
}

/// `v` with its sign bit (bit `sign_bit` of its bits) changed as `op` says. `v` is a float of the width of its bits
/// (`f16`, `f128`, seen through a bitcast) or an integer holding them (`x86_fp80` in an `i128`).
pub(crate) fn with_sign(t: &mut FuncTranslator<'_>, v: CValue, sign_bit: u32, op: Sign) -> CValue {
    let ty = t.b.func.dfg.value_type(v);
    let int = ct::Type::int_with_byte_size(ty.bytes() as u16).unwrap_or(ty);
    let le = crate::translate::chunks::le();
    let bits_of = |t: &mut FuncTranslator<'_>, x: CValue| if ty == int { x } else { t.b.ins().bitcast(int, le, x) };
    let bits = bits_of(t, v);
    let sign = t.iconst(int, 1u128 << sign_bit);
    let r = match op {
        Sign::Flip => t.b.ins().bxor(bits, sign),
        Sign::Clear => t.b.ins().band_not(bits, sign),
        Sign::CopyFrom(other) => {
            let other = bits_of(t, other);
            let magnitude = t.b.ins().band_not(bits, sign);
            let s = t.b.ins().band(other, sign);
            t.b.ins().bor(magnitude, s)
        }
    };
    if ty == int { r } else { t.b.ins().bitcast(ty, le, r) }
}
