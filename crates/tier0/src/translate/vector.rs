//! `extractelement`, `insertelement` and `shufflevector` on vectors of any number of chunks.

use crate::error::{Reason, unsupported};
use crate::translate::chunks::{self, LaneSource};
use crate::translate::mask;
use crate::translator::FuncTranslator;
use crate::types::{self, VectorShape};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Value as CValue, types as ct};
use tierlift_ir::{Const, Type, Value};

/// A constant lane index.
fn const_lane(v: &Value) -> Option<u64> {
    match v {
        Value::Const(Const::Int(_, x)) => u64::try_from(*x).ok(),
        Value::Const(Const::Zero(_)) => Some(0),
        _ => None,
    }
}

/// Whether `ty` is a lane mask `<N x i1>`.
fn is_mask(ty: &Type) -> bool {
    matches!(ty, Type::Vector(_, e) if **e == Type::Int(1))
}

/// Spills all chunks of a vector to a fresh stack slot; returns the slot's address and the address of lane `idx`.
fn lane_address(
    t: &mut FuncTranslator<'_>,
    chunks: &[CValue],
    shape: VectorShape,
    idx: &Value,
) -> Result<(CValue, CValue), Reason> {
    let size = 16 * shape.chunks;
    let slot = t.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, size, 4));
    let base = t.b.ins().stack_addr(ct::I64, slot, 0);
    for (k, &c) in chunks.iter().enumerate() {
        t.b.ins().store(MemFlagsData::trusted(), c, base, 16 * k as i32);
    }
    let ity = t.ty_of(idx);
    let i = t.get1(idx)?;
    let i = match ity {
        Type::Int(64) => i,
        Type::Int(b) if b < 64 => t.b.ins().uextend(ct::I64, i),
        _ => return unsupported("vector index wider than 64 bits"),
    };
    // Out-of-range indices are poison; keep the access inside the slot.
    let last = i64::from(shape.chunks * shape.per_chunk() - 1);
    let i = if (last + 1).count_ones() == 1 {
        t.b.ins().band_imm_s(i, last)
    } else {
        let limit = t.b.ins().iconst(ct::I64, last);
        t.b.ins().umin(i, limit)
    };
    let off = t.b.ins().imul_imm_s(i, i64::from(shape.lane_bits() / 8));
    Ok((base, t.b.ins().iadd(base, off)))
}

/// `extractelement`; a lane of a mask becomes an `i1`.
pub(crate) fn extract_element(t: &mut FuncTranslator<'_>, _ty: &Type, ops: &[Value]) -> Result<CValue, Reason> {
    let vty = t.ty_of(&ops[0]);
    let shape = types::shape_of(&vty)?;
    let v = t.get(&ops[0])?;
    let lane = match const_lane(&ops[1]) {
        Some(l) if l < u64::from(shape.chunks * shape.per_chunk()) => chunks::extract_lane(t, &v, shape, l as u32),
        _ => {
            let (_, addr) = lane_address(t, &v, shape, &ops[1])?;
            t.b.ins().load(shape.chunk.lane_type(), MemFlagsData::trusted(), addr, 0)
        }
    };
    Ok(if is_mask(&vty) { t.b.ins().icmp_imm_s(IntCC::NotEqual, lane, 0) } else { lane })
}

/// `insertelement`; an `i1` inserted into a mask becomes an all-zeros or all-ones lane.
pub(crate) fn insert_element(t: &mut FuncTranslator<'_>, ty: &Type, ops: &[Value]) -> Result<Vec<CValue>, Reason> {
    let shape = types::shape_of(ty)?;
    let mut v = t.get(&ops[0])?;
    let mut x = t.get1(&ops[1])?;
    let lane_ty = shape.chunk.lane_type();
    if is_mask(ty) {
        let wide = if lane_ty == ct::I8 { x } else { t.b.ins().uextend(lane_ty, x) };
        x = t.b.ins().ineg(wide);
    }
    match const_lane(&ops[2]) {
        Some(l) if l < u64::from(shape.chunks * shape.per_chunk()) => {
            chunks::insert_lane(t, &mut v, shape, l as u32, x);
            Ok(v)
        }
        _ => {
            let (base, addr) = lane_address(t, &v, shape, &ops[2])?;
            t.b.ins().store(MemFlagsData::trusted(), x, addr, 0);
            Ok((0..shape.chunks as i32)
                .map(|k| t.b.ins().load(shape.chunk, MemFlagsData::trusted(), base, 16 * k))
                .collect())
        }
    }
}

/// `shufflevector`: result lane `i` is lane `mask[i]` of `a` followed by `b` (negative: poison). Lane masks are
/// first brought to the result's lane width, so that every source lane is as wide as a result lane.
pub(crate) fn shuffle(
    t: &mut FuncTranslator<'_>,
    ty: &Type,
    ops: &[Value],
    mask: &[i32],
) -> Result<Vec<CValue>, Reason> {
    let src = t.ty_of(&ops[0]);
    let (Type::Vector(n, _), Type::Vector(..)) = (&src, ty) else {
        return unsupported("shufflevector of non-vectors");
    };
    let n = *n;
    let rs = types::shape_of(ty)?;
    let mut a = t.get(&ops[0])?;
    let mut b = t.get(&ops[1])?;
    let mut ss = types::shape_of(&src)?;
    if is_mask(ty) {
        a = mask::relane(t, &a, n, rs.lane_bits());
        b = mask::relane(t, &b, n, rs.lane_bits());
        ss = VectorShape { lanes: n, chunk: rs.chunk, chunks: a.len() as u32 };
    }
    // Chunks of `a`, then chunks of `b`.
    let a_chunks = a.len();
    let srcs: Vec<CValue> = a.into_iter().chain(b).collect();
    let picks: Vec<LaneSource> = mask
        .iter()
        .map(|&m| {
            let m = u32::try_from(m).ok()?;
            let (c, l) = if m < n { ss.locate(m) } else { ss.locate(m - n) };
            Some((if m < n { c } else { a_chunks + c }, l))
        })
        .collect();
    Ok(chunks::gather(t, &srcs, &picks, rs))
}
