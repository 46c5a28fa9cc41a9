//! Conversions.

use crate::error::{Reason, unsupported};
use crate::translate::arith::libcall;
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::{Endianness, InstBuilder, MemFlagsData, Value as CValue, types as ct};
use tierlift_ir::{CastOp, Type, Value};

pub(crate) fn cast(t: &mut FuncTranslator<'_>, op: CastOp, to: &Type, from_v: &Value) -> Result<CValue, Reason> {
    let from = t.ty_of(from_v);
    let v = t.get1(from_v)?;
    if let (Type::Vector(..), _) | (_, Type::Vector(..)) = (&from, to)
        && op != CastOp::BitCast
    {
        return vector_cast(t, op, &from, to, v);
    }
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

fn vector_cast(t: &mut FuncTranslator<'_>, op: CastOp, from: &Type, to: &Type, v: CValue) -> Result<CValue, Reason> {
    let (Type::Vector(n, fe), Type::Vector(m, te)) = (from, to) else {
        return unsupported(format!("{op:?} between {from} and {to}"));
    };
    if n != m {
        return unsupported("vector cast changing the lane count");
    }
    let to_ct = types::vector(*m, te)?;
    let from_ct = t.b.func.dfg.value_type(v);
    // <N x i1> masks widen to N-lane integers of the same 128-bit shape.
    if **fe == Type::Int(1) && te.is_int() && from_ct.lane_bits() == to_ct.lane_bits() {
        return Ok(match op {
            CastOp::SExt => v,
            CastOp::ZExt => {
                let one = t.iconst(to_ct.lane_type(), 1);
                let ones = t.b.ins().splat(to_ct, one);
                t.b.ins().band(v, ones)
            }
            _ => return unsupported(format!("{op:?} of a lane mask")),
        });
    }
    if **te == Type::Int(1) && op == CastOp::Trunc && from_ct.lane_bits() == to_ct.lane_bits() {
        // Lane mask from bit 0 of each lane: shift it to the sign bit and spread it.
        let sh = i64::from(from_ct.lane_bits() - 1);
        let l = t.b.ins().ishl_imm_s(v, sh);
        return Ok(t.b.ins().sshr_imm_s(l, sh));
    }
    match (op, from_ct.lane_bits() == to_ct.lane_bits()) {
        (CastOp::SIToFP, true) if te.is_float() => Ok(t.b.ins().fcvt_from_sint(to_ct, v)),
        (CastOp::UIToFP, true) if te.is_float() => Ok(t.b.ins().fcvt_from_uint(to_ct, v)),
        (CastOp::FPToSI, true) if te.is_int() => Ok(t.b.ins().fcvt_to_sint_sat(to_ct, v)),
        (CastOp::FPToUI, true) if te.is_int() => Ok(t.b.ins().fcvt_to_uint_sat(to_ct, v)),
        (CastOp::PtrToInt | CastOp::IntToPtr, true) => Ok(v),
        _ => unsupported(format!("{op:?} from {from} to {to}")),
    }
}
