//! `extractelement`, `insertelement` and `shufflevector` on 128-bit vectors.

use crate::error::{Reason, unsupported};
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    ConstantData, Endianness, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Value as CValue, types as ct,
};
use tierlift_ir::{Const, Type, Value};

fn const_lane(v: &Value) -> Option<u8> {
    match v {
        Value::Const(Const::Int(_, x)) => u8::try_from(*x).ok(),
        Value::Const(Const::Zero(_)) => Some(0),
        _ => None,
    }
}

fn is_mask(ty: &Type) -> bool {
    matches!(ty, Type::Vector(_, e) if **e == Type::Int(1))
}

/// Spills `vec` to a fresh stack slot and returns the address of lane `idx`.
fn lane_address(t: &mut FuncTranslator<'_>, vec: CValue, idx: &Value) -> Result<(CValue, CValue), Reason> {
    let vty = t.b.func.dfg.value_type(vec);
    let slot = t.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 16, 4));
    let base = t.b.ins().stack_addr(ct::I64, slot, 0);
    t.b.ins().store(MemFlagsData::trusted(), vec, base, 0);
    let ity = t.ty_of(idx);
    let i = t.get1(idx)?;
    let i = match ity {
        Type::Int(64) => i,
        Type::Int(b) if b < 64 => t.b.ins().uextend(ct::I64, i),
        _ => return unsupported("vector index wider than 64 bits"),
    };
    // Out-of-range indices are poison; keep the access inside the slot.
    let i = t.b.ins().band_imm_s(i, i64::from(vty.lane_count() - 1));
    let off = t.b.ins().imul_imm_s(i, i64::from(vty.lane_bits() / 8));
    Ok((base, t.b.ins().iadd(base, off)))
}

pub(crate) fn extract_element(t: &mut FuncTranslator<'_>, _ty: &Type, ops: &[Value]) -> Result<CValue, Reason> {
    let vty_ir = t.ty_of(&ops[0]);
    let v = t.get1(&ops[0])?;
    let lane = match const_lane(&ops[1]) {
        Some(l) if u32::from(l) < t.b.func.dfg.value_type(v).lane_count() => t.b.ins().extractlane(v, l),
        _ => {
            let lt = t.b.func.dfg.value_type(v).lane_type();
            let (_, addr) = lane_address(t, v, &ops[1])?;
            t.b.ins().load(lt, MemFlagsData::trusted(), addr, 0)
        }
    };
    Ok(if is_mask(&vty_ir) { t.b.ins().icmp_imm_s(IntCC::NotEqual, lane, 0) } else { lane })
}

pub(crate) fn insert_element(t: &mut FuncTranslator<'_>, ty: &Type, ops: &[Value]) -> Result<CValue, Reason> {
    let v = t.get1(&ops[0])?;
    let mut x = t.get1(&ops[1])?;
    let vty = t.b.func.dfg.value_type(v);
    if is_mask(ty) {
        // 0/1 becomes an all-zeros or all-ones lane.
        let wide = if vty.lane_type() == ct::I8 { x } else { t.b.ins().uextend(vty.lane_type(), x) };
        x = t.b.ins().ineg(wide);
    }
    match const_lane(&ops[2]) {
        Some(l) if u32::from(l) < vty.lane_count() => Ok(t.b.ins().insertlane(v, x, l)),
        _ => {
            let (base, addr) = lane_address(t, v, &ops[2])?;
            t.b.ins().store(MemFlagsData::trusted(), x, addr, 0);
            Ok(t.b.ins().load(vty, MemFlagsData::trusted(), base, 0))
        }
    }
}

pub(crate) fn shuffle(t: &mut FuncTranslator<'_>, ty: &Type, ops: &[Value], mask: &[i32]) -> Result<CValue, Reason> {
    let src = t.ty_of(&ops[0]);
    let (Type::Vector(n, elem), Type::Vector(_, relem)) = (&src, ty) else {
        return unsupported("shufflevector of non-vectors");
    };
    if **elem == Type::Int(1) || **relem == Type::Int(1) {
        return unsupported("shufflevector of lane masks");
    }
    let rty = types::scalar(ty)?;
    let a = t.get1(&ops[0])?;
    let b = t.get1(&ops[1])?;
    // One byte shuffle over the two 16-byte registers: lane k of `a` starts at byte k*lb, lane k of `b` at 16+k*lb.
    let lb = elem.alloc_size() as usize;
    if mask.len() * lb > 16 {
        return unsupported("shufflevector producing more than 128 bits");
    }
    let n = *n as usize;
    let mut bytes = [0u8; 16];
    for (i, &m) in mask.iter().enumerate() {
        let m = if m < 0 { 0 } else { m as usize };
        let start = if m < n { m * lb } else { 16 + (m - n) * lb };
        for k in 0..lb {
            bytes[i * lb + k] = (start + k) as u8;
        }
    }
    let le = MemFlagsData::new().with_endianness(Endianness::Little);
    let to_bytes = |t: &mut FuncTranslator<'_>, v: CValue| {
        if t.b.func.dfg.value_type(v) == ct::I8X16 { v } else { t.b.ins().bitcast(ct::I8X16, le, v) }
    };
    let (a8, b8) = (to_bytes(t, a), to_bytes(t, b));
    let imm = t.b.func.dfg.immediates.push(ConstantData::from(bytes.to_vec()));
    let r = t.b.ins().shuffle(a8, b8, imm);
    Ok(if rty == ct::I8X16 { r } else { t.b.ins().bitcast(rty, le, r) })
}
