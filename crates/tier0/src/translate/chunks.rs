//! Vectors as lists of 128-bit chunks (see [`VectorShape`]): lane access, byte shuffles, gathering lanes from
//! several chunks, widening and narrowing every lane (which changes the number of chunks), and lane-by-lane
//! fallbacks.

use crate::error::Reason;
use crate::translator::FuncTranslator;
use crate::types::{self, VectorShape};
use cranelift_codegen::ir::{
    ConstantData, Endianness, InstBuilder, MemFlagsData, Type as CType, Value as CValue, types as ct,
};

/// Where one result lane comes from: an index into a list of source chunks and the lane inside that chunk.
/// `None` is a lane whose value does not matter (poison, undef, or beyond the LLVM lanes of a partial vector).
pub(crate) type LaneSource = Option<(usize, u8)>;

/// Flags for bitcasts between vector types: lanes keep their little-endian memory order.
pub(crate) fn le() -> MemFlagsData {
    MemFlagsData::new().with_endianness(Endianness::Little)
}

/// Reinterprets a 128-bit vector as another 128-bit vector type (nothing when the types agree).
pub(crate) fn recast(t: &mut FuncTranslator<'_>, v: CValue, ty: CType) -> CValue {
    if t.b.func.dfg.value_type(v) == ty { v } else { t.b.ins().bitcast(ty, le(), v) }
}

/// A 128-bit vector of type `vt` whose low bits hold the scalar `x` (the other bits are don't-care). x64
/// Cranelift cannot move an 8-bit scalar into a vector register, so such a scalar goes in as 32 bits.
pub(crate) fn scalar_into_vector(t: &mut FuncTranslator<'_>, vt: CType, x: CValue) -> CValue {
    if t.b.func.dfg.value_type(x) == cranelift_codegen::ir::types::I8 {
        let wide = t.b.ins().uextend(cranelift_codegen::ir::types::I32, x);
        let v = t.b.ins().scalar_to_vector(cranelift_codegen::ir::types::I32X4, wide);
        return recast(t, v, vt);
    }
    t.b.ins().scalar_to_vector(vt, x)
}

/// The same bits with integer lanes of the same width.
pub(crate) fn as_int(t: &mut FuncTranslator<'_>, v: CValue) -> CValue {
    let ty = t.b.func.dfg.value_type(v).as_int();
    recast(t, v, ty)
}

/// The 128-bit vector type with integer lanes of `bits` bits.
pub(crate) fn int_chunk(bits: u32) -> CType {
    types::int_container(bits).ok().and_then(|l| l.by(128 / bits)).expect("lane widths are 8, 16, 32 or 64 bits")
}

/// A byte shuffle of two chunks: byte `i` of the result is byte `bytes[i]` of `a` followed by `b` (0..16 pick
/// from `a`, 16..32 from `b`), seen as type `ty`.
pub(crate) fn byte_shuffle(t: &mut FuncTranslator<'_>, a: CValue, b: CValue, bytes: [u8; 16], ty: CType) -> CValue {
    if bytes.iter().enumerate().all(|(i, &x)| usize::from(x) == i) {
        return recast(t, a, ty);
    }
    let a8 = recast(t, a, ct::I8X16);
    let b8 = recast(t, b, ct::I8X16);
    let imm = t.b.func.dfg.immediates.push(ConstantData::from(bytes.to_vec()));
    let r = t.b.ins().shuffle(a8, b8, imm);
    recast(t, r, ty)
}

/// Lane `lane` of a chunked vector.
pub(crate) fn extract_lane(t: &mut FuncTranslator<'_>, chunks: &[CValue], shape: VectorShape, lane: u32) -> CValue {
    let (k, l) = shape.locate(lane);
    t.b.ins().extractlane(chunks[k], l)
}

/// Replaces lane `lane` of a chunked vector with `x`.
pub(crate) fn insert_lane(t: &mut FuncTranslator<'_>, chunks: &mut [CValue], shape: VectorShape, lane: u32, x: CValue) {
    let (k, l) = shape.locate(lane);
    chunks[k] = t.b.ins().insertlane(chunks[k], x, l);
}

/// Chunks of shape `result` whose lane `i` is lane `picks[i]` of `srcs` (all of the result's chunk type, or at
/// least of its lane width). Each result chunk is one byte shuffle of the two source chunks it uses most; lanes
/// from any further source chunks are moved one by one.
pub(crate) fn gather(
    t: &mut FuncTranslator<'_>,
    srcs: &[CValue],
    picks: &[LaneSource],
    result: VectorShape,
) -> Vec<CValue> {
    let per = result.per_chunk() as usize;
    let lb = (result.lane_bits() / 8) as usize;
    let mut out = Vec::with_capacity(result.chunks as usize);
    for r in 0..result.chunks as usize {
        let lanes: Vec<LaneSource> = (0..per).map(|j| picks.get(r * per + j).copied().flatten()).collect();
        // Source chunks by how many lanes they give, most first (ties: first use first).
        let mut used: Vec<(usize, usize)> = Vec::new();
        for &(c, _) in lanes.iter().flatten() {
            match used.iter_mut().find(|u| u.0 == c) {
                Some(u) => u.1 += 1,
                None => used.push((c, 1)),
            }
        }
        used.sort_by_key(|u| std::cmp::Reverse(u.1));
        let Some(&(a, _)) = used.first() else {
            out.push(t.zero(result.chunk));
            continue;
        };
        let b = used.get(1).map_or(a, |u| u.0);
        let mut bytes = [0u8; 16];
        for (j, lane) in lanes.iter().enumerate() {
            let start = match lane {
                Some((c, l)) if *c == a => usize::from(*l) * lb,
                Some((c, l)) if *c == b => 16 + usize::from(*l) * lb,
                // Don't-care lanes (and lanes filled in below) keep their place, which keeps identities cheap.
                _ => j * lb,
            };
            for k in 0..lb {
                bytes[j * lb + k] = (start + k) as u8;
            }
        }
        let mut v = byte_shuffle(t, srcs[a], srcs[b], bytes, result.chunk);
        for (j, lane) in lanes.iter().enumerate() {
            if let Some((c, l)) = lane
                && *c != a
                && *c != b
            {
                let x = t.b.ins().extractlane(srcs[*c], *l);
                v = t.b.ins().insertlane(v, x, j as u8);
            }
        }
        out.push(v);
    }
    out
}

/// Chunks needed for `lanes` lanes of `bits` bits (at least one).
fn chunks_for(lanes: u32, bits: u32) -> usize {
    (lanes as usize * bits as usize).div_ceil(128).max(1)
}

/// Doubles the width of every (integer) lane, sign- or zero-extending: chunk `k` becomes chunks `2k` and `2k+1`.
fn widen_step(t: &mut FuncTranslator<'_>, chunks: &[CValue], lanes: u32, signed: bool) -> Vec<CValue> {
    let bits = t.b.func.dfg.value_type(chunks[0]).lane_bits();
    let needed = chunks_for(lanes, bits * 2);
    let mut out = Vec::with_capacity(needed);
    for &c in chunks {
        for high in [false, true] {
            if out.len() == needed {
                return out;
            }
            let ins = t.b.ins();
            out.push(match (signed, high) {
                (true, false) => ins.swiden_low(c),
                (true, true) => ins.swiden_high(c),
                (false, false) => ins.uwiden_low(c),
                (false, true) => ins.uwiden_high(c),
            });
        }
    }
    out
}

/// Keeps the low `to` bits of every (integer) lane, in one byte shuffle per result chunk; each result chunk must
/// draw from at most two source chunks.
fn narrow_direct(t: &mut FuncTranslator<'_>, chunks: &[CValue], lanes: u32, to: u32) -> Vec<CValue> {
    let from = t.b.func.dfg.value_type(chunks[0]).lane_bits();
    let src_shape = VectorShape { lanes, chunk: int_chunk(from), chunks: chunks.len() as u32 };
    let result = VectorShape { lanes, chunk: int_chunk(to), chunks: chunks_for(lanes, to) as u32 };
    let (fb, tb) = ((from / 8) as usize, (to / 8) as usize);
    let mut out = Vec::with_capacity(result.chunks as usize);
    for r in 0..result.chunks {
        let first = (r * result.per_chunk()) / src_shape.per_chunk();
        let a = chunks[first as usize];
        let b = chunks.get(first as usize + 1).copied().unwrap_or(a);
        let mut bytes = [0u8; 16];
        for j in 0..result.per_chunk() as usize {
            let g = r as usize * result.per_chunk() as usize + j;
            let (c, l) = (g / src_shape.per_chunk() as usize, g % src_shape.per_chunk() as usize);
            let base = if c == first as usize {
                l * fb
            } else if c == first as usize + 1 && c < chunks.len() {
                16 + l * fb
            } else {
                // Beyond the vector: don't care.
                j * tb % 16
            };
            for k in 0..tb {
                bytes[j * tb + k] = (base + k) as u8;
            }
        }
        out.push(byte_shuffle(t, a, b, bytes, result.chunk));
    }
    out
}

/// Keeps the low `to` bits of every (integer) lane.
fn narrow(t: &mut FuncTranslator<'_>, chunks: &[CValue], lanes: u32, to: u32) -> Vec<CValue> {
    let mut cur = chunks.to_vec();
    loop {
        let from = t.b.func.dfg.value_type(cur[0]).lane_bits();
        if from <= to {
            return cur;
        }
        // A result chunk gathers from `from/to` source chunks; shuffle directly when that is at most two.
        let step = if from / to <= 2 || cur.len() <= 2 { to } else { from / 2 };
        cur = narrow_direct(t, &cur, lanes, step);
    }
}

/// Re-lanes a vector of `lanes` lanes to integer lanes of `bits` bits: extension (signed or not) when widening,
/// truncation when narrowing. The chunk count follows the new width.
pub(crate) fn resize_lanes(
    t: &mut FuncTranslator<'_>,
    chunks: &[CValue],
    lanes: u32,
    bits: u32,
    signed: bool,
) -> Vec<CValue> {
    let mut cur: Vec<CValue> = chunks.iter().map(|&c| as_int(t, c)).collect();
    let from = t.b.func.dfg.value_type(cur[0]).lane_bits();
    if from > bits {
        return narrow(t, &cur, lanes, bits);
    }
    while t.b.func.dfg.value_type(cur[0]).lane_bits() < bits {
        cur = widen_step(t, &cur, lanes, signed);
    }
    cur
}

/// Applies `f` to the `k`-th leaf of every operand, for each `k`: elementwise operations on chunked vectors
/// (scalars and single-chunk vectors have one leaf).
pub(crate) fn zip_leaves(
    t: &mut FuncTranslator<'_>,
    operands: &[Vec<CValue>],
    mut f: impl FnMut(&mut FuncTranslator<'_>, &[CValue]) -> Result<CValue, Reason>,
) -> Result<Vec<CValue>, Reason> {
    let count = operands.first().map_or(0, Vec::len);
    if operands.iter().any(|o| o.len() != count) {
        return Err("operands with different shapes".into());
    }
    let mut out = Vec::with_capacity(count);
    for k in 0..count {
        let leaves: Vec<CValue> = operands.iter().map(|o| o[k]).collect();
        out.push(f(t, &leaves)?);
    }
    Ok(out)
}

/// Builds a vector of shape `result` lane by lane: lane `i` is `f` of lane `i` of each source (all sources with
/// `src_shape`). Only the LLVM lanes are computed; the rest stay zero.
pub(crate) fn lanewise(
    t: &mut FuncTranslator<'_>,
    srcs: &[&[CValue]],
    src_shape: VectorShape,
    result: VectorShape,
    mut f: impl FnMut(&mut FuncTranslator<'_>, &[CValue]) -> Result<CValue, Reason>,
) -> Result<Vec<CValue>, Reason> {
    let mut out: Vec<CValue> = (0..result.chunks).map(|_| t.zero(result.chunk)).collect();
    for lane in 0..result.lanes {
        let xs: Vec<CValue> = srcs.iter().map(|s| extract_lane(t, s, src_shape, lane)).collect();
        let y = f(t, &xs)?;
        insert_lane(t, &mut out, result, lane, y);
    }
    Ok(out)
}
