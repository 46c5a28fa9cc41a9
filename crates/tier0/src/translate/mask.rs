//! Lane masks (`<N x i1>`): every lane all ones (true) or all zeros (false). A mask has a canonical shape (see
//! [`crate::types::VectorShape`]: `128/N`-bit lanes up to 16 lanes, `i8x16` chunks beyond); compares produce masks
//! in the shape of their operands, and `select` needs them in the shape of its data. Because every lane is all
//! ones or all zeros, widening a lane is a sign extension and narrowing keeps any part of it.

use crate::error::{Reason, unsupported};
use crate::translate::chunks;
use crate::translator::FuncTranslator;
use crate::types::{self, VectorShape};
use cranelift_codegen::ir::{InstBuilder, Value as CValue, types as ct};
use tierlift_ir::Type;

/// A mask of `lanes` lanes (in any shape: integer or float lanes of any width) with `bits`-bit integer lanes.
pub(crate) fn relane(t: &mut FuncTranslator<'_>, mask: &[CValue], lanes: u32, bits: u32) -> Vec<CValue> {
    chunks::resize_lanes(t, mask, lanes, bits, true)
}

/// A mask of `lanes` lanes (in any shape) in the canonical shape of `<lanes x i1>`.
pub(crate) fn to_canonical(t: &mut FuncTranslator<'_>, mask: &[CValue], lanes: u32) -> Result<Vec<CValue>, Reason> {
    let bits = types::mask_lane_bits(lanes)?;
    Ok(relane(t, mask, lanes, bits))
}

/// A mask in the shape of data vectors of shape `data` (same lane count), as the data's chunk type (for
/// `bitselect`).
pub(crate) fn to_data_shape(t: &mut FuncTranslator<'_>, mask: &[CValue], data: VectorShape) -> Vec<CValue> {
    let m = relane(t, mask, data.lanes, data.lane_bits());
    m.into_iter().map(|c| chunks::recast(t, c, data.chunk)).collect()
}

/// The canonical `<lanes x i1>` with every lane `value`.
pub(crate) fn splat(t: &mut FuncTranslator<'_>, lanes: u32, value: bool) -> Result<Vec<CValue>, Reason> {
    let shape = types::vector_shape(lanes, &Type::BOOL)?;
    let lane = t.iconst(shape.chunk.lane_type(), if value { u128::MAX } else { 0 });
    let chunk = t.b.ins().splat(shape.chunk, lane);
    Ok(vec![chunk; shape.chunks as usize])
}

/// `bitcast iN to <N x i1>`: lane `i` is bit `i` of `bits` (an `i64`; N up to 64), as a canonical mask.
pub(crate) fn from_bits(t: &mut FuncTranslator<'_>, bits: CValue, lanes: u32) -> Result<Vec<CValue>, Reason> {
    if lanes > 64 {
        return unsupported(format!("bitcast of an integer wider than 64 bits to <{lanes} x i1>"));
    }
    let shape = types::vector_shape(lanes, &Type::BOOL)?;
    let lane_type = shape.chunk.lane_type();
    let mut out = Vec::with_capacity(shape.chunks as usize);
    for k in 0..shape.chunks as usize {
        let mut chunk = {
            let zero = t.iconst(lane_type, 0);
            t.b.ins().splat(shape.chunk, zero)
        };
        for j in 0..shape.live_lanes(k) {
            let lane = k as u32 * shape.per_chunk() + j;
            let bit = t.b.ins().ushr_imm_s(bits, i64::from(lane));
            let bit = t.b.ins().band_imm_s(bit, 1);
            let all = t.b.ins().ineg(bit);
            let all = if lane_type.bits() < 64 { t.b.ins().ireduce(lane_type, all) } else { all };
            chunk = t.b.ins().insertlane(chunk, all, j as u8);
        }
        out.push(chunk);
    }
    Ok(out)
}

/// `bitcast <N x i1> to iN`: bit `i` is lane `i`. Gives an `i64` holding the N bits (N up to 64); bits past N are
/// don't-care when the mask does not fill its chunks.
pub(crate) fn to_bits(t: &mut FuncTranslator<'_>, mask: &[CValue], lanes: u32) -> Result<CValue, Reason> {
    if lanes > 64 {
        return unsupported(format!("bitcast of <{lanes} x i1> to an integer wider than 64 bits"));
    }
    let shape = types::vector_shape(lanes, &Type::BOOL)?;
    let mut acc: Option<CValue> = None;
    for (k, &c) in mask.iter().enumerate() {
        let bits = t.b.ins().vhigh_bits(ct::I64, c);
        let part = if k == 0 { bits } else { t.b.ins().ishl_imm_s(bits, i64::from(shape.per_chunk()) * k as i64) };
        acc = Some(match acc {
            None => part,
            Some(a) => t.b.ins().bor(a, part),
        });
    }
    acc.ok_or_else(|| "empty lane mask".to_string())
}
