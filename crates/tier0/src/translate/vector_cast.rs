//! Casts involving vectors: bitcasts (between vector types, between a vector and a scalar of the same width, from
//! a lane mask to an integer) and lane-wise conversions. A conversion that changes the lane width changes the
//! number of chunks: vector instructions where Cranelift has them, lane by lane otherwise.

use crate::error::{Reason, unsupported};
use crate::translate::cast::cast_value;
use crate::translate::{chunks, mask};
use crate::translator::FuncTranslator;
use crate::types::{self, VectorShape};
use cranelift_codegen::ir::{InstBuilder, Value as CValue, types as ct};
use tierlift_ir::{CastOp, Type};

/// `op` from `from` to `to`, at least one of them a vector; `v` holds the leaves of the operand.
pub(crate) fn cast(
    t: &mut FuncTranslator<'_>,
    op: CastOp,
    from: &Type,
    to: &Type,
    v: &[CValue],
) -> Result<Vec<CValue>, Reason> {
    if matches!(op, CastOp::BitCast | CastOp::AddrSpaceCast) {
        return bitcast(t, from, to, v);
    }
    let (Type::Vector(n, fe), Type::Vector(m, te)) = (from, to) else {
        return unsupported(format!("{op:?} between {from} and {to}"));
    };
    if n != m {
        return unsupported("vector cast changing the lane count");
    }
    let n = *n;
    let (fs, ts) = (types::shape_of(from)?, types::shape_of(to)?);
    if **fe == Type::Int(1) {
        return from_mask(t, op, n, te, v);
    }
    if **te == Type::Int(1) && matches!(op, CastOp::FPToSI | CastOp::FPToUI) && fe.is_float() {
        // Through integers as wide as the floats: the only defined results are 0 and -1 (signed) or 1 (unsigned),
        // so a lane is true when its integer is not zero.
        let wide = Type::Vector(n, Box::new(Type::Int(fe.bit_width() as u32)));
        let ints = cast(t, op, from, &wide, v)?;
        let m: Vec<CValue> = ints
            .iter()
            .map(|&c| {
                let ty = t.b.func.dfg.value_type(c);
                let zero = t.iconst(ty.lane_type(), 0);
                let zero = t.b.ins().splat(ty, zero);
                t.b.ins().icmp(cranelift_codegen::ir::condcodes::IntCC::NotEqual, c, zero)
            })
            .collect();
        return mask::to_canonical(t, &m, n);
    }
    if **te == Type::Int(1) {
        if op != CastOp::Trunc {
            return unsupported(format!("{op:?} from {from} to {to}"));
        }
        // Bit 0 of each lane: shift it to the sign bit and spread it over the lane.
        let sh = i64::from(fs.lane_bits() - 1);
        let m: Vec<CValue> = v
            .iter()
            .map(|&c| {
                let l = t.b.ins().ishl_imm_s(c, sh);
                t.b.ins().sshr_imm_s(l, sh)
            })
            .collect();
        return mask::to_canonical(t, &m, n);
    }
    let tb = ts.lane_bits();
    match op {
        CastOp::ZExt | CastOp::SExt | CastOp::Trunc | CastOp::PtrToInt | CastOp::IntToPtr
            if !fe.is_float() && !te.is_float() =>
        {
            Ok(chunks::resize_lanes(t, v, n, tb, op == CastOp::SExt))
        }
        CastOp::FPExt if **fe == Type::Float && **te == Type::Double => Ok(fpext(t, v, ts)),
        CastOp::FPTrunc if **fe == Type::Double && **te == Type::Float => Ok(fptrunc(t, v, ts)),
        CastOp::SIToFP | CastOp::UIToFP if fe.is_int() && te.is_float() && fs.lane_bits() <= tb => {
            // Extend to the float's width, then convert chunk by chunk.
            let signed = op == CastOp::SIToFP;
            let ints = chunks::resize_lanes(t, v, n, tb, signed);
            Ok(ints
                .into_iter()
                .map(
                    |c| {
                        if signed {
                            t.b.ins().fcvt_from_sint(ts.chunk, c)
                        } else {
                            t.b.ins().fcvt_from_uint(ts.chunk, c)
                        }
                    },
                )
                .collect())
        }
        CastOp::FPToSI | CastOp::FPToUI if **fe == Type::Float && te.is_int() && tb <= 32 => {
            // f32x4 to i32x4 (out-of-range lanes are poison, so saturating is fine), then truncate.
            let signed = op == CastOp::FPToSI;
            let ints: Vec<CValue> = v
                .iter()
                .map(|&c| {
                    if signed {
                        t.b.ins().fcvt_to_sint_sat(ct::I32X4, c)
                    } else {
                        t.b.ins().fcvt_to_uint_sat(ct::I32X4, c)
                    }
                })
                .collect();
            Ok(chunks::resize_lanes(t, &ints, n, tb, false))
        }
        _ => chunks::lanewise(t, &[v], fs, ts, |t, x| cast_value(t, op, fe, te, x[0])),
    }
}

/// Casts from a lane mask `<n x i1>`: `zext` gives 0/1 lanes, `sext` 0/-1 lanes; int-to-float goes through them.
fn from_mask(t: &mut FuncTranslator<'_>, op: CastOp, n: u32, te: &Type, v: &[CValue]) -> Result<Vec<CValue>, Reason> {
    let to = Type::Vector(n, Box::new(te.clone()));
    match op {
        CastOp::SExt | CastOp::ZExt if te.is_int() => {
            let ts = types::shape_of(&to)?;
            let m = mask::relane(t, v, n, ts.lane_bits());
            if op == CastOp::SExt {
                return Ok(m);
            }
            let one = t.iconst(ts.chunk.lane_type(), 1);
            let ones = t.b.ins().splat(ts.chunk, one);
            Ok(m.into_iter().map(|c| t.b.ins().band(c, ones)).collect())
        }
        CastOp::SIToFP | CastOp::UIToFP if te.is_float() => {
            // An i1 lane is -1 signed and 1 unsigned when true.
            let ity = Type::Vector(n, Box::new(Type::Int(te.bit_width() as u32)));
            let ext = if op == CastOp::SIToFP { CastOp::SExt } else { CastOp::ZExt };
            let ints = from_mask(t, ext, n, ity.scalar(), v)?;
            cast(t, op, &ity, &to, &ints)
        }
        _ => unsupported(format!("{op:?} of a lane mask to {to}")),
    }
}

/// `fpext` of `float` lanes to `double` lanes: result chunk `k` widens half `k % 2` of source chunk `k / 2`.
fn fpext(t: &mut FuncTranslator<'_>, v: &[CValue], ts: VectorShape) -> Vec<CValue> {
    let high: [u8; 16] = std::array::from_fn(|i| (8 + i % 8) as u8);
    (0..ts.chunks as usize)
        .map(|k| {
            let c = v[k / 2];
            let src = if k % 2 == 1 { chunks::byte_shuffle(t, c, c, high, ct::F32X4) } else { c };
            t.b.ins().fvpromote_low(src)
        })
        .collect()
}

/// `fptrunc` of `double` lanes to `float` lanes: result chunk `k` packs source chunks `2k` and `2k + 1`.
fn fptrunc(t: &mut FuncTranslator<'_>, v: &[CValue], ts: VectorShape) -> Vec<CValue> {
    let pack: [u8; 16] = std::array::from_fn(|i| if i < 8 { i as u8 } else { (16 + i - 8) as u8 });
    (0..ts.chunks as usize)
        .map(|k| {
            let lo = t.b.ins().fvdemote(v[2 * k]);
            match v.get(2 * k + 1) {
                Some(&c) => {
                    let hi = t.b.ins().fvdemote(c);
                    chunks::byte_shuffle(t, lo, hi, pack, ct::F32X4)
                }
                None => lo,
            }
        })
        .collect()
}

/// Bitcasts involving vectors (partial and wide vectors included).
fn bitcast(t: &mut FuncTranslator<'_>, from: &Type, to: &Type, v: &[CValue]) -> Result<Vec<CValue>, Reason> {
    if from.bit_width() != to.bit_width() {
        return unsupported(format!("bitcast {from} to {to}"));
    }
    // A lane mask to an integer: one bit per lane.
    if let (Type::Vector(n, e), Type::Int(bits)) = (from, to)
        && **e == Type::Int(1)
    {
        let m = mask::to_bits(t, v, *n)?;
        let r = if *bits < 64 { t.b.ins().ireduce(types::int_container(*bits)?, m) } else { m };
        return Ok(vec![t.mask(r, *bits)]);
    }
    // An integer to a lane mask: lane `i` is bit `i`.
    if let (Type::Int(bits), Type::Vector(n, e)) = (from, to)
        && **e == Type::Int(1)
        && *bits <= 64
    {
        let [x] = v else {
            return unsupported(format!("bitcast {from} to {to}"));
        };
        let x = if t.b.func.dfg.value_type(*x) == ct::I64 { *x } else { t.b.ins().uextend(ct::I64, *x) };
        return mask::from_bits(t, x, *n);
    }
    let is_mask = |ty: &Type| matches!(ty, Type::Vector(_, e) if **e == Type::Int(1));
    if is_mask(from) || is_mask(to) {
        return unsupported(format!("bitcast {from} to {to}"));
    }
    match (from, to) {
        (Type::Vector(..), Type::Vector(..)) => {
            // Same width, so the same number of chunks; lanes stay in memory order.
            let ts = types::shape_of(to)?;
            if v.len() != ts.chunks as usize {
                return unsupported(format!("bitcast {from} to {to}"));
            }
            Ok(v.iter().map(|&c| chunks::recast(t, c, ts.chunk)).collect())
        }
        (Type::Vector(..), _) => {
            // The low bits of the register hold the value.
            let [c] = v else {
                return unsupported(format!("bitcast {from} to {to}"));
            };
            let to_ct = types::scalar(to)?;
            if to_ct.bits() == 128 {
                return Ok(vec![t.b.ins().bitcast(to_ct, chunks::le(), *c)]);
            }
            let w = chunks::recast(t, *c, vector_of(to_ct));
            Ok(vec![t.b.ins().extractlane(w, 0)])
        }
        _ => {
            let [c] = v else {
                return unsupported(format!("bitcast {from} to {to}"));
            };
            let to_ct = types::scalar(to)?;
            let from_ct = t.b.func.dfg.value_type(*c);
            if from_ct.bits() == 128 {
                return Ok(vec![t.b.ins().bitcast(to_ct, chunks::le(), *c)]);
            }
            let w = chunks::scalar_into_vector(t, vector_of(from_ct), *c);
            Ok(vec![chunks::recast(t, w, to_ct)])
        }
    }
}

/// The 128-bit vector whose lanes have type `lane`.
fn vector_of(lane: ct::Type) -> ct::Type {
    lane.by(128 / lane.bits()).expect("128-bit vector")
}
