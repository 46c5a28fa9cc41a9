//! Conversions.

use crate::error::{Reason, unsupported};
use crate::translate::arith::libcall;
use crate::translate::float_bits::SoftFloat;
use crate::translate::vector_cast;
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::{Endianness, InstBuilder, MemFlagsData, Value as CValue, types as ct};
use tierlift_ir::{CastOp, Type, Value};

/// `op` from the type of `from_v` to `to`.
pub(crate) fn cast(t: &mut FuncTranslator<'_>, op: CastOp, to: &Type, from_v: &Value) -> Result<Vec<CValue>, Reason> {
    let from = t.ty_of(from_v);
    if matches!(from, Type::Vector(..)) || matches!(to, Type::Vector(..)) {
        let v = t.get(from_v)?;
        return vector_cast::cast(t, op, &from, to, &v);
    }
    let v = t.get1(from_v)?;
    Ok(vec![cast_value(t, op, &from, to, v)?])
}

/// Converts the scalar `v` of LLVM type `from` to the scalar type `to`.
pub(crate) fn cast_value(
    t: &mut FuncTranslator<'_>,
    op: CastOp,
    from: &Type,
    to: &Type,
    v: CValue,
) -> Result<CValue, Reason> {
    if let Some(soft) = SoftFloat::of(from).max(SoftFloat::of(to)) {
        return soft.cast(t, op, from, to, v);
    }
    let from = from.clone();
    let to_ct = types::scalar(to)?;
    let from_ct = t.b.func.dfg.value_type(v);
    match op {
        CastOp::Trunc => {
            let Type::Int(bits) = to else {
                return unsupported("trunc to a non-integer");
            };
            let r = if from_ct == to_ct { v } else { t.b.ins().ireduce(to_ct, v) };
            Ok(t.mask(r, *bits))
        }
        CastOp::ZExt => Ok(if from_ct == to_ct { v } else { t.b.ins().uextend(to_ct, v) }),
        CastOp::SExt => {
            let (Type::Int(fb), Type::Int(tb)) = (&from, to) else {
                return unsupported("sext of a non-integer");
            };
            let s = t.sext_in_container(v, *fb);
            let r = if from_ct == to_ct { s } else { t.b.ins().sextend(to_ct, s) };
            Ok(t.mask(r, *tb))
        }
        CastOp::FPTrunc => Ok(t.b.ins().fdemote(to_ct, v)),
        CastOp::FPExt => Ok(t.b.ins().fpromote(to_ct, v)),
        CastOp::FPToUI | CastOp::FPToSI => {
            let Type::Int(bits) = to else {
                return unsupported("fptoi to a non-integer");
            };
            let signed = op == CastOp::FPToSI;
            if to_ct == ct::I128 {
                let name = match (signed, from_ct == ct::F32) {
                    (true, true) => "__fixsfti",
                    (true, false) => "__fixdfti",
                    (false, true) => "__fixunssfti",
                    (false, false) => "__fixunsdfti",
                };
                return libcall(t, name, &[v], ct::I128);
            }
            let wide = if to_ct.bits() < 32 { ct::I32 } else { to_ct };
            let r = if signed { t.b.ins().fcvt_to_sint_sat(wide, v) } else { t.b.ins().fcvt_to_uint_sat(wide, v) };
            let r = if wide == to_ct { r } else { t.b.ins().ireduce(to_ct, r) };
            Ok(t.mask(r, *bits))
        }
        CastOp::UIToFP | CastOp::SIToFP => {
            let Type::Int(bits) = from else {
                return unsupported("itofp from a non-integer");
            };
            let signed = op == CastOp::SIToFP;
            if from_ct == ct::I128 {
                let name = match (signed, to_ct == ct::F32) {
                    (true, true) => "__floattisf",
                    (true, false) => "__floattidf",
                    (false, true) => "__floatuntisf",
                    (false, false) => "__floatuntidf",
                };
                return libcall(t, name, &[v], to_ct);
            }
            let x = if signed { t.sext_in_container(v, bits) } else { v };
            let x = if from_ct.bits() < 32 {
                if signed { t.b.ins().sextend(ct::I32, x) } else { t.b.ins().uextend(ct::I32, x) }
            } else {
                x
            };
            Ok(if signed { t.b.ins().fcvt_from_sint(to_ct, x) } else { t.b.ins().fcvt_from_uint(to_ct, x) })
        }
        CastOp::PtrToInt => {
            let Type::Int(bits) = to else {
                return unsupported("ptrtoint to a non-integer");
            };
            let r = match to_ct.bits().cmp(&64) {
                std::cmp::Ordering::Less => t.b.ins().ireduce(to_ct, v),
                std::cmp::Ordering::Equal => v,
                std::cmp::Ordering::Greater => t.b.ins().uextend(to_ct, v),
            };
            Ok(t.mask(r, *bits))
        }
        CastOp::IntToPtr => Ok(match from_ct.bits().cmp(&64) {
            std::cmp::Ordering::Less => t.b.ins().uextend(ct::I64, v),
            std::cmp::Ordering::Equal => v,
            std::cmp::Ordering::Greater => t.b.ins().ireduce(ct::I64, v),
        }),
        CastOp::BitCast | CastOp::AddrSpaceCast => {
            if from_ct == to_ct {
                return Ok(v);
            }
            if from_ct.bits() != to_ct.bits() || from.bit_width() != to.bit_width() {
                return unsupported(format!("bitcast {from} to {to}"));
            }
            Ok(t.b.ins().bitcast(to_ct, MemFlagsData::new().with_endianness(Endianness::Little), v))
        }
    }
}
