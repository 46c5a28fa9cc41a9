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
    cast_value(t, op, &from, to, v)
}

/// Converts `v` of LLVM type `from` to `to`.
pub(crate) fn cast_value(
    t: &mut FuncTranslator<'_>,
    op: CastOp,
    from: &Type,
    to: &Type,
    v: CValue,
) -> Result<CValue, Reason> {
    let from = from.clone();
    if let (Type::Vector(..), _) | (_, Type::Vector(..)) = (&from, to) {
        if op == CastOp::BitCast || op == CastOp::AddrSpaceCast {
            return vector_bitcast(t, &from, to, v);
        }
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

/// Bitcasts involving vectors (partial vectors included).
fn vector_bitcast(t: &mut FuncTranslator<'_>, from: &Type, to: &Type, v: CValue) -> Result<CValue, Reason> {
    if from.bit_width() != to.bit_width() {
        return unsupported(format!("bitcast {from} to {to}"));
    }
    let le = MemFlagsData::new().with_endianness(Endianness::Little);
    let from_ct = t.b.func.dfg.value_type(v);
    // A lane mask to an integer: one bit per lane.
    if let (Type::Vector(n, e), Type::Int(bits)) = (from, to)
        && **e == Type::Int(1)
    {
        let m = t.b.ins().vhigh_bits(ct::I64, v);
        let r = if *bits < 64 { t.b.ins().ireduce(types::int_container(*bits)?, m) } else { m };
        let _ = n;
        return Ok(t.mask(r, *bits));
    }
    if matches!(from, Type::Vector(_, e) if **e == Type::Int(1))
        || matches!(to, Type::Vector(_, e) if **e == Type::Int(1))
    {
        return unsupported(format!("bitcast {from} to {to}"));
    }
    let to_ct = types::scalar(to)?;
    match (from_ct.is_vector(), to_ct.is_vector()) {
        (true, true) => Ok(if from_ct == to_ct { v } else { t.b.ins().bitcast(to_ct, le, v) }),
        (true, false) => {
            // The low bits of the register hold the value.
            let wide = vector_of(to_ct);
            let w = if from_ct == wide { v } else { t.b.ins().bitcast(wide, le, v) };
            Ok(t.b.ins().extractlane(w, 0))
        }
        (false, true) => {
            let wide = vector_of(from_ct);
            let w = t.b.ins().scalar_to_vector(wide, v);
            Ok(if wide == to_ct { w } else { t.b.ins().bitcast(to_ct, le, w) })
        }
        (false, false) => unreachable!("scalar bitcasts are handled elsewhere"),
    }
}

/// The 128-bit vector whose lanes have type `lane`.
fn vector_of(lane: ct::Type) -> ct::Type {
    lane.by(128 / lane.bits()).expect("128-bit vector")
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
    let same = from_ct.lane_bits() == to_ct.lane_bits();
    match op {
        CastOp::SIToFP if same && te.is_float() => return Ok(t.b.ins().fcvt_from_sint(to_ct, v)),
        CastOp::FPToSI if same && te.is_int() => return Ok(t.b.ins().fcvt_to_sint_sat(to_ct, v)),
        CastOp::FPToUI if same && te.is_int() => return Ok(t.b.ins().fcvt_to_uint_sat(to_ct, v)),
        CastOp::PtrToInt | CastOp::IntToPtr if same => return Ok(v),
        CastOp::FPExt if from_ct == ct::F32X4 && to_ct == ct::F64X2 => return Ok(t.b.ins().fvpromote_low(v)),
        CastOp::FPTrunc if from_ct == ct::F64X2 && to_ct == ct::F32X4 => return Ok(t.b.ins().fvdemote(v)),
        CastOp::ZExt | CastOp::SExt if fe.is_int() && te.is_int() && **fe != Type::Int(1) => {
            // Widen the low lanes step by step: i8 -> i16 -> i32 -> i64.
            let mut x = v;
            while t.b.func.dfg.value_type(x).lane_bits() < to_ct.lane_bits() {
                x = if op == CastOp::ZExt { t.b.ins().uwiden_low(x) } else { t.b.ins().swiden_low(x) };
            }
            if t.b.func.dfg.value_type(x) == to_ct {
                return Ok(x);
            }
        }
        CastOp::Trunc if fe.is_int() && te.is_int() && **te != Type::Int(1) => {
            // Keep the low bytes of every lane.
            let (fb, tb) = ((from_ct.lane_bits() / 8) as usize, (to_ct.lane_bits() / 8) as usize);
            let mut bytes = [0u8; 16];
            for lane in 0..*n as usize {
                for k in 0..tb {
                    if lane * tb + k < 16 {
                        bytes[lane * tb + k] = (lane * fb + k) as u8;
                    }
                }
            }
            let le = MemFlagsData::new().with_endianness(Endianness::Little);
            let x = if from_ct == ct::I8X16 { v } else { t.b.ins().bitcast(ct::I8X16, le, v) };
            let imm = t.b.func.dfg.immediates.push(cranelift_codegen::ir::ConstantData::from(bytes.to_vec()));
            let r = t.b.ins().shuffle(x, x, imm);
            return Ok(if to_ct == ct::I8X16 { r } else { t.b.ins().bitcast(to_ct, le, r) });
        }
        _ => {}
    }
    // Anything else, lane by lane.
    if **fe == Type::Int(1) || **te == Type::Int(1) {
        return unsupported(format!("{op:?} from {from} to {to}"));
    }
    let mut out = t.zero(to_ct);
    for lane in 0..*n as u8 {
        let x = t.b.ins().extractlane(v, lane);
        let y = cast_value(t, op, fe, te, x)?;
        out = t.b.ins().insertlane(out, y, lane);
    }
    Ok(out)
}
