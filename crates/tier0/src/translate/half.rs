//! `half` (C's `_Float16`): an `f16` leaf, which Cranelift loads, stores and passes in `xmm` registers as the ABI
//! does. Arithmetic, comparisons and conversions go through `float`, with the C runtime's conversions
//! (`__extendhfsf2`, `__truncsfhf2`, `__truncdfhf2`): a `float` holds every `half` and every exact sum, product or
//! quotient of two to more than twice `half`'s precision, so rounding its result to `half` gives the correctly
//! rounded `half` result, as LLVM's own code (which computes the same way) does.

use crate::error::{Reason, unsupported};
use crate::translate::arith::libcall;
use crate::translate::float_bits;
use crate::translator::FuncTranslator;
use cranelift_codegen::ir::condcodes::FloatCC;
use cranelift_codegen::ir::{InstBuilder, Value as CValue, types as ct};
use tierlift_ir::{BinOp, CastOp, FloatPredicate, Type, Value};

/// `v` (a `half`) as a `float` (exact).
fn widened(t: &mut FuncTranslator<'_>, v: CValue) -> Result<CValue, Reason> {
    libcall(t, "__extendhfsf2", &[v], ct::F32)
}

/// The `half` nearest to `v`, a `float` or a `double` (rounded once).
fn narrowed(t: &mut FuncTranslator<'_>, v: CValue) -> Result<CValue, Reason> {
    let name = if t.b.func.dfg.value_type(v) == ct::F32 { "__truncsfhf2" } else { "__truncdfhf2" };
    libcall(t, name, &[v], ct::F16)
}

/// `fadd`, `fsub`, `fmul`, `fdiv`, `frem`, in `float`.
pub(crate) fn binary(t: &mut FuncTranslator<'_>, op: BinOp, ops: &[Value]) -> Result<CValue, Reason> {
    let a = t.get1(&ops[0])?;
    let b = t.get1(&ops[1])?;
    let a = widened(t, a)?;
    let b = widened(t, b)?;
    let r = match op {
        BinOp::FAdd => t.b.ins().fadd(a, b),
        BinOp::FSub => t.b.ins().fsub(a, b),
        BinOp::FMul => t.b.ins().fmul(a, b),
        BinOp::FDiv => t.b.ins().fdiv(a, b),
        // Exact in `float`.
        BinOp::FRem => libcall(t, "fmodf", &[a, b], ct::F32)?,
        _ => return unsupported(format!("{op:?} on half")),
    };
    narrowed(t, r)
}

/// `fcmp`, on the operands widened to `float` (exact).
pub(crate) fn compare(t: &mut FuncTranslator<'_>, p: FloatPredicate, ops: &[Value]) -> Result<CValue, Reason> {
    let a = t.get1(&ops[0])?;
    let b = t.get1(&ops[1])?;
    let a = widened(t, a)?;
    let b = widened(t, b)?;
    let outcome = outcome_of(t, a, b);
    Ok(float_bits::predicate_of(t, p, outcome))
}

/// The four-way comparison of two `float`s (see [`float_bits::LESS`]).
fn outcome_of(t: &mut FuncTranslator<'_>, a: CValue, b: CValue) -> CValue {
    let uno = t.b.ins().fcmp(FloatCC::Unordered, a, b);
    let lt = t.b.ins().fcmp(FloatCC::LessThan, a, b);
    let eq = t.b.ins().fcmp(FloatCC::Equal, a, b);
    let [less, equal, greater, unordered] =
        [float_bits::LESS, float_bits::EQUAL, float_bits::GREATER, float_bits::UNORDERED]
            .map(|k| t.b.ins().iconst(ct::I32, k));
    let r = t.b.ins().select(eq, equal, greater);
    let r = t.b.ins().select(lt, less, r);
    t.b.ins().select(uno, unordered, r)
}

/// A conversion to or from `half` (of scalar `v` of type `from`).
pub(crate) fn cast(
    t: &mut FuncTranslator<'_>,
    op: CastOp,
    from: &Type,
    to: &Type,
    v: CValue,
) -> Result<CValue, Reason> {
    match (op, from, to) {
        (CastOp::FPExt, _, Type::Float) => widened(t, v),
        (CastOp::FPExt, _, Type::Double) => {
            let f = widened(t, v)?;
            Ok(t.b.ins().fpromote(ct::F64, f))
        }
        (CastOp::FPTrunc, Type::Float | Type::Double, _) => narrowed(t, v),
        (CastOp::SIToFP | CastOp::UIToFP, Type::Int(bits), _) if *bits <= 64 => {
            // Through `double`: exact below 2^53, and anything above is far beyond `half`'s range either way.
            let d = crate::translate::cast::cast_value(t, op, from, &Type::Double, v)?;
            narrowed(t, d)
        }
        (CastOp::FPToSI | CastOp::FPToUI, _, Type::Int(_)) => {
            let f = widened(t, v)?;
            crate::translate::cast::cast_value(t, op, &Type::Float, to, f)
        }
        (CastOp::BitCast, _, _) if from.bit_width() == 16 && to.bit_width() == 16 => float_bits::bitcast_to(t, to, v),
        _ => unsupported(format!("{op:?} from {from} to {to}")),
    }
}

/// An intrinsic on `half` values (`llvm.fabs.f16`, ...), by base name: in `float`, rounded once.
pub(crate) fn intrinsic(t: &mut FuncTranslator<'_>, base: &str, vals: &[CValue]) -> Result<CValue, Reason> {
    let operand = |i: usize| vals.get(i).copied().ok_or_else(|| format!("llvm.{base} on half: missing operand"));
    let r = match base {
        "fmuladd" => {
            // The product of two `half`s is exact in `float`.
            let a = widened(t, operand(0)?)?;
            let b = widened(t, operand(1)?)?;
            let c = widened(t, operand(2)?)?;
            let p = t.b.ins().fmul(a, b);
            let s = t.b.ins().fadd(p, c);
            narrowed(t, s)?
        }
        "sqrt" | "floor" | "ceil" | "trunc" | "rint" | "nearbyint" | "roundeven" => {
            let x = widened(t, operand(0)?)?;
            let ins = t.b.ins();
            let r = match base {
                "sqrt" => ins.sqrt(x),
                "floor" => ins.floor(x),
                "ceil" => ins.ceil(x),
                "trunc" => ins.trunc(x),
                _ => ins.nearest(x),
            };
            narrowed(t, r)?
        }
        _ => return unsupported(format!("llvm.{base} on half")),
    };
    Ok(r)
}
