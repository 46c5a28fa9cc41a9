//! `fp128` (C's `__float128`): an `f128` leaf, which Cranelift loads, stores and passes in `xmm` registers as the
//! ABI does, computed by the C runtime's soft-float routines (`__addtf3`, `__letf2`, `__extenddftf2`, ...) and the
//! C library's `*f128` functions, the routines LLVM's own code calls.

use crate::error::{Reason, unsupported};
use crate::translate::arith::libcall;
use crate::translate::float_bits;
use crate::translator::FuncTranslator;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value as CValue, types as ct};
use tierlift_ir::{BinOp, CastOp, FloatPredicate, Type, Value};

/// `fadd`, `fsub`, `fmul`, `fdiv`, `frem`.
pub(crate) fn binary(t: &mut FuncTranslator<'_>, op: BinOp, ops: &[Value]) -> Result<CValue, Reason> {
    let routines = ["__addtf3", "__subtf3", "__multf3", "__divtf3", "fmodf128"];
    float_bits::binary_by_routines(t, op, ops, routines, ct::F128)
}

/// `fcmp`: `__unordtf2` says whether the operands are unordered, `__letf2` how ordered ones compare.
pub(crate) fn compare(t: &mut FuncTranslator<'_>, p: FloatPredicate, ops: &[Value]) -> Result<CValue, Reason> {
    let a = t.get1(&ops[0])?;
    let b = t.get1(&ops[1])?;
    let unordered = libcall(t, "__unordtf2", &[a, b], ct::I32)?;
    let order = libcall(t, "__letf2", &[a, b], ct::I32)?;
    let [less, equal, greater, uno] = [float_bits::LESS, float_bits::EQUAL, float_bits::GREATER, float_bits::UNORDERED]
        .map(|k| t.b.ins().iconst(ct::I32, k));
    let is_less = t.b.ins().icmp_imm_s(IntCC::SignedLessThan, order, 0);
    let is_equal = t.b.ins().icmp_imm_s(IntCC::Equal, order, 0);
    let r = t.b.ins().select(is_equal, equal, greater);
    let r = t.b.ins().select(is_less, less, r);
    let r = t.b.ins().select(unordered, uno, r);
    Ok(float_bits::predicate_of(t, p, r))
}

/// A conversion to or from `fp128` (of scalar `v` of type `from`).
pub(crate) fn cast(
    t: &mut FuncTranslator<'_>,
    op: CastOp,
    from: &Type,
    to: &Type,
    v: CValue,
) -> Result<CValue, Reason> {
    let call = |t: &mut FuncTranslator<'_>, name: &str, v: CValue, ret| libcall(t, name, &[v], ret);
    match (op, from, to) {
        (CastOp::FPExt, Type::Half, _) => call(t, "__extendhftf2", v, ct::F128),
        (CastOp::FPExt, Type::Float, _) => call(t, "__extendsftf2", v, ct::F128),
        (CastOp::FPExt, Type::Double, _) => call(t, "__extenddftf2", v, ct::F128),
        (CastOp::FPTrunc, _, Type::Half) => call(t, "__trunctfhf2", v, ct::F16),
        (CastOp::FPTrunc, _, Type::Float) => call(t, "__trunctfsf2", v, ct::F32),
        (CastOp::FPTrunc, _, Type::Double) => call(t, "__trunctfdf2", v, ct::F64),
        (CastOp::SIToFP | CastOp::UIToFP, Type::Int(bits), _) if *bits <= 64 => {
            let signed = op == CastOp::SIToFP;
            // Every `i64` and `u64` is exact in `fp128`: narrower ones are widened first.
            let wide = crate::translate::cast::cast_value(
                t,
                if signed { CastOp::SExt } else { CastOp::ZExt },
                from,
                &Type::Int(64),
                v,
            )?;
            call(t, if signed { "__floatditf" } else { "__floatunditf" }, wide, ct::F128)
        }
        (CastOp::FPToSI | CastOp::FPToUI, _, Type::Int(bits)) if *bits <= 128 => {
            let signed = op == CastOp::FPToSI;
            let (name, ty) = match (signed, *bits > 64) {
                (true, false) => ("__fixtfdi", ct::I64),
                (false, false) => ("__fixunstfdi", ct::I64),
                (true, true) => ("__fixtfti", ct::I128),
                (false, true) => ("__fixunstfti", ct::I128),
            };
            let r = call(t, name, v, ty)?;
            float_bits::integer_result(t, r, *bits)
        }
        (CastOp::BitCast, _, _) if from.bit_width() == 128 && to.bit_width() == 128 => float_bits::bitcast_to(t, to, v),
        _ => unsupported(format!("{op:?} from {from} to {to}")),
    }
}

/// An intrinsic on `fp128` values (`llvm.fabs.f128`, ...), by base name: the C library's `*f128` functions.
pub(crate) fn intrinsic(t: &mut FuncTranslator<'_>, base: &str, vals: &[CValue]) -> Result<CValue, Reason> {
    let operand = |i: usize| vals.get(i).copied().ok_or_else(|| format!("llvm.{base} on fp128: missing operand"));
    let r = match base {
        "fmuladd" => float_bits::mul_add(t, ["__multf3", "__addtf3"], vals, ct::F128)?,
        "sqrt" | "floor" | "ceil" | "trunc" | "round" | "roundeven" | "rint" | "nearbyint" => {
            libcall(t, &format!("{base}f128"), &[operand(0)?], ct::F128)?
        }
        _ => return unsupported(format!("llvm.{base} on fp128")),
    };
    Ok(r)
}
