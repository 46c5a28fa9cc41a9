//! What the floating-point types tier 0 computes with support routines (`half`, `x86_fp80`, `fp128`) share:
//! the sign bit's operations on the value's bits, and `fcmp` predicates read off a four-way comparison.

use crate::error::{Reason, unsupported};
use crate::translate::arith::libcall;
use crate::translator::FuncTranslator;
use cranelift_codegen::ir::{InstBuilder, Value as CValue, types as ct};
use tierlift_ir::{BinOp, CastOp, FloatPredicate, Type, Value};

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

/// A floating-point type tier 0 computes with support routines. Ordered: where an operation involves two of them
/// (a conversion between them), the greater one's translation handles it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SoftFloat {
    /// `half` (`translate::half`).
    Half,
    /// `fp128` (`translate::fp128`).
    Fp128,
    /// `x86_fp80` (`translate::x86_fp80`).
    X86Fp80,
}

impl SoftFloat {
    /// Which of them `ty` is, if any.
    pub(crate) fn of(ty: &Type) -> Option<Self> {
        match ty {
            Type::Half => Some(SoftFloat::Half),
            t if t.is_fp128() => Some(SoftFloat::Fp128),
            t if t.is_x86_fp80() => Some(SoftFloat::X86Fp80),
            _ => None,
        }
    }

    /// The sign bit's position in a value's bits.
    pub(crate) fn sign_bit(self) -> u32 {
        match self {
            SoftFloat::Half => 15,
            SoftFloat::Fp128 => 127,
            SoftFloat::X86Fp80 => 79,
        }
    }

    /// `fadd`, `fsub`, `fmul`, `fdiv`, `frem`.
    pub(crate) fn binary(self, t: &mut FuncTranslator<'_>, op: BinOp, ops: &[Value]) -> Result<CValue, Reason> {
        use crate::translate::{fp128, half, x86_fp80};
        match self {
            SoftFloat::Half => half::binary(t, op, ops),
            SoftFloat::Fp128 => fp128::binary(t, op, ops),
            SoftFloat::X86Fp80 => x86_fp80::binary(t, op, ops),
        }
    }

    /// `fcmp p`.
    pub(crate) fn compare(
        self,
        t: &mut FuncTranslator<'_>,
        p: FloatPredicate,
        ops: &[Value],
    ) -> Result<CValue, Reason> {
        use crate::translate::{fp128, half, x86_fp80};
        match self {
            SoftFloat::Half => half::compare(t, p, ops),
            SoftFloat::Fp128 => fp128::compare(t, p, ops),
            SoftFloat::X86Fp80 => x86_fp80::compare(t, p, ops),
        }
    }

    /// A conversion of scalar `v` of type `from` to `to`, one of which is this type.
    pub(crate) fn cast(
        self,
        t: &mut FuncTranslator<'_>,
        op: CastOp,
        from: &Type,
        to: &Type,
        v: CValue,
    ) -> Result<CValue, Reason> {
        use crate::translate::{fp128, half, x86_fp80};
        match self {
            SoftFloat::Half => half::cast(t, op, from, to, v),
            SoftFloat::Fp128 => fp128::cast(t, op, from, to, v),
            SoftFloat::X86Fp80 => x86_fp80::cast(t, op, from, to, v),
        }
    }

    /// Intrinsic `llvm.{base}` on `args`: the sign intrinsics on the bits, the others by the type's translation.
    pub(crate) fn intrinsic(self, t: &mut FuncTranslator<'_>, base: &str, args: &[Value]) -> Result<CValue, Reason> {
        use crate::translate::{fp128, half, x86_fp80};
        let vals = operands(t, args)?;
        if let Some(r) = sign_intrinsic(t, base, &vals, self.sign_bit()) {
            return r;
        }
        match self {
            SoftFloat::Half => half::intrinsic(t, base, &vals),
            SoftFloat::Fp128 => fp128::intrinsic(t, base, &vals),
            SoftFloat::X86Fp80 => x86_fp80::intrinsic(t, base, &vals),
        }
    }
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

/// The leaves of scalar operands `args`, in order.
pub(crate) fn operands(t: &mut FuncTranslator<'_>, args: &[Value]) -> Result<Vec<CValue>, Reason> {
    args.iter().map(|a| t.get1(a)).collect()
}

/// A binary operator of a type computed by support routines: `routines` names those of `fadd`, `fsub`, `fmul`,
/// `fdiv` and `frem`, in that order, which return a `ret`.
pub(crate) fn binary_by_routines(
    t: &mut FuncTranslator<'_>,
    op: BinOp,
    ops: &[Value],
    routines: [&str; 5],
    ret: ct::Type,
) -> Result<CValue, Reason> {
    let k = [BinOp::FAdd, BinOp::FSub, BinOp::FMul, BinOp::FDiv, BinOp::FRem].iter().position(|o| *o == op);
    let Some(k) = k else { return unsupported(format!("{op:?} on floats")) };
    let vals = operands(t, ops)?;
    libcall(t, routines[k], &vals, ret)
}

/// `llvm.fabs` and `llvm.copysign` on the bits of `vals` (see [`with_sign`]); `None` for other intrinsics.
pub(crate) fn sign_intrinsic(
    t: &mut FuncTranslator<'_>,
    base: &str,
    vals: &[CValue],
    sign_bit: u32,
) -> Option<Result<CValue, Reason>> {
    let op = match (base, vals) {
        ("fabs", [_]) => Sign::Clear,
        ("copysign", [_, sign]) => Sign::CopyFrom(*sign),
        ("fabs" | "copysign", _) => return Some(unsupported(format!("llvm.{base} with {} operands", vals.len()))),
        _ => return None,
    };
    Some(Ok(with_sign(t, vals[0], sign_bit, op)))
}

/// `v` as the scalar type `to` of the same width.
pub(crate) fn bitcast_to(t: &mut FuncTranslator<'_>, to: &Type, v: CValue) -> Result<CValue, Reason> {
    let to_ct = crate::types::scalar(to)?;
    Ok(t.b.ins().bitcast(to_ct, crate::translate::chunks::le(), v))
}

/// An integer conversion's result `r` (an `i64` or `i128`) as `iN`, in its container: out of range is poison, so
/// the low bits do.
pub(crate) fn integer_result(t: &mut FuncTranslator<'_>, r: CValue, bits: u32) -> Result<CValue, Reason> {
    let container = crate::types::int_container(bits)?;
    let r = if container == t.b.func.dfg.value_type(r) { r } else { t.b.ins().ireduce(container, r) };
    Ok(t.mask(r, bits))
}

/// `llvm.fmuladd(a, b, c)` unfused, as it allows: routine `mul` then routine `add`, on values of Cranelift type `ty`.
pub(crate) fn mul_add(
    t: &mut FuncTranslator<'_>,
    [mul, add]: [&str; 2],
    vals: &[CValue],
    ty: ct::Type,
) -> Result<CValue, Reason> {
    let [a, b, c] = vals else { return unsupported(format!("llvm.fmuladd with {} operands", vals.len())) };
    let product = libcall(t, mul, &[*a, *b], ty)?;
    libcall(t, add, &[product, *c], ty)
}
