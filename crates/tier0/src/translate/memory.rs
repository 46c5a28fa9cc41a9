//! `alloca`, `load`, `store`, `getelementptr` and atomics.

use crate::error::{Reason, unsupported};
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{
    AtomicRmwOp, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind, Value as CValue, types as ct,
};
use tierlift_ir::{Const, Inst, Op, RmwOp, Type, Value};

pub(crate) fn memory(t: &mut FuncTranslator<'_>, inst: &Inst) -> Result<Vec<CValue>, Reason> {
    match &inst.op {
        Op::Alloca { .. } if t.promoted.contains_key(&t.cur) => {
            t.define_local(t.cur);
            Ok(Vec::new())
        }
        Op::Alloca { ty, align } => Ok(vec![alloca(t, ty, *align, &inst.operands[0])?]),
        Op::Load { .. } if t.is_promoted(&inst.operands[0]) => {
            let Value::Inst(a) = inst.operands[0] else { unreachable!("a promoted local is an instruction") };
            Ok(vec![t.read_local(a)])
        }
        Op::Store { .. } if t.is_promoted(&inst.operands[1]) => {
            let Value::Inst(a) = inst.operands[1] else { unreachable!("a promoted local is an instruction") };
            let value = t.get1(&inst.operands[0])?;
            t.write_local(a, value);
            Ok(Vec::new())
        }
        Op::Load { volatile, atomic, .. } => {
            let addr = t.get1(&inst.operands[0])?;
            load(t, &inst.ty, addr, *volatile || *atomic)
        }
        Op::Store { volatile, atomic, .. } => {
            let vty = t.ty_of(&inst.operands[0]);
            let vals = t.get(&inst.operands[0])?;
            let addr = t.get1(&inst.operands[1])?;
            store(t, &vty, &vals, addr, *volatile || *atomic)?;
            Ok(Vec::new())
        }
        Op::AtomicRmw(op) => Ok(vec![rmw(t, *op, &inst.ty, &inst.operands)?]),
        Op::CmpXchg => {
            let p = t.get1(&inst.operands[0])?;
            let e = t.get1(&inst.operands[1])?;
            let x = t.get1(&inst.operands[2])?;
            let vty = t.b.func.dfg.value_type(e);
            if vty.is_vector() || vty.bits() > 64 {
                return unsupported("cmpxchg wider than 64 bits");
            }
            let old = t.b.ins().atomic_cas(MemFlagsData::new(), p, e, x);
            let ok = t.b.ins().icmp(IntCC::Equal, old, e);
            Ok(vec![old, ok])
        }
        Op::Fence => {
            t.b.ins().fence();
            Ok(Vec::new())
        }
        _ => unreachable!("not a memory instruction"),
    }
}

fn alloca(t: &mut FuncTranslator<'_>, ty: &Type, align: u64, count: &Value) -> Result<CValue, Reason> {
    let n = match count {
        Value::Const(Const::Int(_, n)) if t.cur_block == 0 => *n,
        _ => {
            // Run-time size, or executed repeatedly: on the dynamic stack.
            let cty = t.ty_of(count);
            let c = t.get1(count)?;
            let c = match cty {
                Type::Int(bits) if bits < 64 => t.b.ins().uextend(ct::I64, c),
                Type::Int(64) => c,
                _ => return unsupported("alloca count wider than 64 bits"),
            };
            let size = t.b.ins().imul_imm_s(c, ty.alloc_size() as i64);
            return t.dynamic_alloca(size, align.max(ty.align()));
        }
    };
    let size = ty.alloc_size().checked_mul(n as u64).ok_or("alloca size overflows")?;
    let size = u32::try_from(size.max(1)).map_err(|_| "alloca larger than 4 GiB".to_string())?;
    let align = align.max(ty.align()).max(1);
    if align <= 16 {
        let shift = align.trailing_zeros() as u8;
        let slot = t.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, size, shift));
        if let Some(remade) = t.remade.as_mut() {
            // The analysis that let the function into tier 0 counted on this.
            debug_assert!(crate::translate::returns_twice::address_made_at_uses(t.f, t.cur));
            remade.insert(t.cur, slot);
        }
        return Ok(t.b.ins().stack_addr(ct::I64, slot, 0));
    }
    // The frame is only 16-byte aligned: over-allocate and round the address up.
    let padded = size.checked_add(align as u32).ok_or("alloca size overflows")?;
    let slot = t.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, padded, 4));
    let base = t.b.ins().stack_addr(ct::I64, slot, 0);
    let bumped = t.b.ins().iadd_imm_s(base, align as i64 - 1);
    Ok(t.b.ins().band_imm_s(bumped, -(align as i64)))
}

/// Whether tier 0 can load or store a scalar of this type with one memory access of its container.
fn check_scalar_memory(ty: &Type) -> Result<(), Reason> {
    match ty {
        Type::Int(bits) if *bits == 1 || bits.is_power_of_two() && *bits >= 8 => Ok(()),
        Type::Int(bits) => unsupported(format!("memory access of i{bits}")),
        Type::Vector(_, e) if **e == Type::Int(1) => unsupported("memory access of an i1 vector inside an aggregate"),
        _ => Ok(()),
    }
}

/// Loads a value of type `ty` (all its leaves) from `addr`.
pub(crate) fn load(t: &mut FuncTranslator<'_>, ty: &Type, addr: CValue, volatile: bool) -> Result<Vec<CValue>, Reason> {
    if let Type::Vector(n, e) = ty
        && **e == Type::Int(1)
    {
        return load_mask(t, *n, addr, 0);
    }
    let mut layout = Vec::new();
    types::leaf_layout(ty, 0, &mut layout);
    let mut out = Vec::with_capacity(layout.len());
    for (lty, off) in layout {
        let off = i32::try_from(off).map_err(|_| "offset too large".to_string())?;
        if crate::translate::x86_fp80::in_ten_bytes(&lty) {
            out.push(crate::translate::x86_fp80::load(t, addr, off));
            continue;
        }
        if let Some(bits) = odd_int(&lty) {
            out.push(load_odd_int(t, bits, addr, off, volatile)?);
            continue;
        }
        check_scalar_memory(&lty)?;
        let cty = types::scalar(&lty)?;
        if types::is_partial_vector(&lty) {
            out.push(load_partial(t, &lty, cty, addr, off)?);
            continue;
        }
        let v = if volatile && cty.is_int() && cty.bits() <= 64 {
            let a = t.b.ins().iadd_imm_s(addr, i64::from(off));
            t.b.ins().atomic_load(cty, MemFlagsData::new(), a)
        } else {
            t.b.ins().load(cty, MemFlagsData::new(), addr, off)
        };
        let v = if lty == Type::Int(1) { t.b.ins().band_imm_s(v, 1) } else { v };
        out.push(v);
    }
    Ok(out)
}

/// Stores the leaves of a value of type `ty` to `addr`.
pub(crate) fn store(
    t: &mut FuncTranslator<'_>,
    ty: &Type,
    vals: &[CValue],
    addr: CValue,
    volatile: bool,
) -> Result<(), Reason> {
    if let Type::Vector(n, e) = ty
        && **e == Type::Int(1)
    {
        return store_mask(t, *n, vals, addr, 0);
    }
    let mut layout = Vec::new();
    types::leaf_layout(ty, 0, &mut layout);
    if layout.len() != vals.len() {
        return unsupported("store of a value with mismatched leaves");
    }
    for ((lty, off), v) in layout.into_iter().zip(vals) {
        let off = i32::try_from(off).map_err(|_| "offset too large".to_string())?;
        if crate::translate::x86_fp80::in_ten_bytes(&lty) {
            crate::translate::x86_fp80::store(t, *v, addr, off);
            continue;
        }
        if let Some(bits) = odd_int(&lty) {
            store_odd_int(t, bits, *v, addr, off, volatile)?;
            continue;
        }
        check_scalar_memory(&lty)?;
        let cty = t.b.func.dfg.value_type(*v);
        if types::is_partial_vector(&lty) {
            store_partial(t, &lty, *v, addr, off)?;
            continue;
        }
        if volatile && cty.is_int() && cty.bits() <= 64 {
            let a = t.b.ins().iadd_imm_s(addr, i64::from(off));
            t.b.ins().atomic_store(MemFlagsData::new(), *v, a);
        } else {
            t.b.ins().store(MemFlagsData::new(), *v, addr, off);
        }
    }
    Ok(())
}

/// The width of an integer of at most 64 bits that one access of its container cannot load or store (`i24`,
/// `i48`, `i3`: its store size is not a power of two, or it is narrower than a byte but not `i1`).
fn odd_int(ty: &Type) -> Option<u32> {
    match ty {
        Type::Int(bits) if *bits > 1 && *bits <= 64 && !(bits.is_power_of_two() && *bits >= 8) => Some(*bits),
        _ => None,
    }
}

/// The pieces an `iN`'s store size (`N` rounded up to bytes) splits into, low bytes first: byte offset and width,
/// widest first (`i24`: 2 bytes at 0, 1 at 2; `i56`: 4, 2, 1).
fn odd_int_pieces(bits: u32) -> Vec<(i32, ct::Type)> {
    let bytes = bits.div_ceil(8);
    let mut pieces = Vec::new();
    let mut done = 0;
    while done < bytes {
        let size = 1u32 << (bytes - done).ilog2();
        pieces.push((done as i32, ct::Type::int_with_byte_size(size as u16).expect("1, 2, 4 or 8 bytes")));
        done += size;
    }
    pieces
}

/// Loads an odd-width integer (see [`odd_int`]) piece by piece into its container, zero-extended (LLVM reads its
/// store size; the bits above `N` are cleared). Volatile, each piece is one access the optimizer keeps.
fn load_odd_int(
    t: &mut FuncTranslator<'_>,
    bits: u32,
    addr: CValue,
    off: i32,
    volatile: bool,
) -> Result<CValue, Reason> {
    let cty = types::scalar(&Type::Int(bits))?;
    let flags = MemFlagsData::new();
    let mut acc: Option<CValue> = None;
    for (at, piece) in odd_int_pieces(bits) {
        let o = off + at;
        let x = if volatile {
            let a = t.b.ins().iadd_imm_s(addr, i64::from(o));
            let x = t.b.ins().atomic_load(piece, MemFlagsData::new(), a);
            if piece == cty { x } else { t.b.ins().uextend(cty, x) }
        } else {
            match piece.bits() {
                w if w == cty.bits() => t.b.ins().load(cty, flags, addr, o),
                8 => t.b.ins().uload8(cty, flags, addr, o),
                16 => t.b.ins().uload16(cty, flags, addr, o),
                32 => t.b.ins().uload32(flags, addr, o),
                _ => return unsupported(format!("memory access of i{bits}")),
            }
        };
        let x = if at == 0 { x } else { t.b.ins().ishl_imm_s(x, i64::from(at * 8)) };
        acc = Some(match acc {
            Some(a) => t.b.ins().bor(a, x),
            None => x,
        });
    }
    let v = acc.ok_or("an integer of no bytes")?;
    Ok(t.mask(v, bits))
}

/// Stores an odd-width integer (see [`odd_int`]), held zero-extended in its container, piece by piece: its store
/// size, the bits above `N` as zeros. Volatile, each piece is one access the optimizer keeps.
fn store_odd_int(
    t: &mut FuncTranslator<'_>,
    bits: u32,
    v: CValue,
    addr: CValue,
    off: i32,
    volatile: bool,
) -> Result<(), Reason> {
    let cty = t.b.func.dfg.value_type(v);
    let flags = MemFlagsData::new();
    for (at, piece) in odd_int_pieces(bits) {
        let o = off + at;
        let x = if at == 0 { v } else { t.b.ins().ushr_imm_s(v, i64::from(at * 8)) };
        if volatile {
            let x = if piece == cty { x } else { t.b.ins().ireduce(piece, x) };
            let a = t.b.ins().iadd_imm_s(addr, i64::from(o));
            t.b.ins().atomic_store(MemFlagsData::new(), x, a);
            continue;
        }
        match piece.bits() {
            w if w == cty.bits() => t.b.ins().store(flags, x, addr, o),
            8 => t.b.ins().istore8(flags, x, addr, o),
            16 => t.b.ins().istore16(flags, x, addr, o),
            32 => t.b.ins().istore32(flags, x, addr, o),
            _ => return unsupported(format!("memory access of i{bits}")),
        };
    }
    Ok(())
}

/// The integer type as wide as a partial vector's memory, and the 128-bit vector of such integers.
fn partial_int(lty: &Type) -> Result<(ct::Type, ct::Type), Reason> {
    Ok(match lty.store_size() {
        1 => (ct::I8, ct::I8X16),
        2 => (ct::I16, ct::I16X8),
        4 => (ct::I32, ct::I32X4),
        8 => (ct::I64, ct::I64X2),
        other => return unsupported(format!("memory access of a {other}-byte vector")),
    })
}

/// Loads a vector narrower than 128 bits into the low lanes of a register.
fn load_partial(
    t: &mut FuncTranslator<'_>,
    lty: &Type,
    cty: ct::Type,
    addr: CValue,
    off: i32,
) -> Result<CValue, Reason> {
    let (it, vt) = partial_int(lty)?;
    let x = t.b.ins().load(it, MemFlagsData::new(), addr, off);
    let v = crate::translate::chunks::scalar_into_vector(t, vt, x);
    let le = MemFlagsData::new().with_endianness(cranelift_codegen::ir::Endianness::Little);
    Ok(if vt == cty { v } else { t.b.ins().bitcast(cty, le, v) })
}

/// Stores the low lanes of a register that hold a vector narrower than 128 bits.
fn store_partial(t: &mut FuncTranslator<'_>, lty: &Type, v: CValue, addr: CValue, off: i32) -> Result<(), Reason> {
    let (_, vt) = partial_int(lty)?;
    let le = MemFlagsData::new().with_endianness(cranelift_codegen::ir::Endianness::Little);
    let w = if t.b.func.dfg.value_type(v) == vt { v } else { t.b.ins().bitcast(vt, le, v) };
    let x = t.b.ins().extractlane(w, 0);
    t.b.ins().store(MemFlagsData::new(), x, addr, off);
    Ok(())
}

/// The integer type holding the bits of `<n x i1>` in memory (bit `i` is lane `i`, `ceil(n / 8)` bytes).
fn mask_memory_int(n: u32) -> Result<ct::Type, Reason> {
    Ok(match n.div_ceil(8) {
        1 => ct::I8,
        2 => ct::I16,
        3 | 4 => ct::I32,
        5..=8 => ct::I64,
        _ => return unsupported(format!("memory access of <{n} x i1>")),
    })
}

/// Loads `<n x i1>`, bit-packed in memory, as a lane mask.
fn load_mask(t: &mut FuncTranslator<'_>, n: u32, addr: CValue, off: i32) -> Result<Vec<CValue>, Reason> {
    let it = mask_memory_int(n)?;
    let bytes = n.div_ceil(8);
    // Odd sizes (3, 5, 6, 7 bytes) are read byte by byte, so nothing past the value is touched.
    let bits = if bytes == it.bytes() {
        let x = t.b.ins().load(it, MemFlagsData::new(), addr, off);
        if it == ct::I64 { x } else { t.b.ins().uextend(ct::I64, x) }
    } else {
        let mut acc = t.b.ins().iconst(ct::I64, 0);
        for k in 0..bytes {
            let b = t.b.ins().load(ct::I8, MemFlagsData::new(), addr, off + k as i32);
            let b = t.b.ins().uextend(ct::I64, b);
            let b = t.b.ins().ishl_imm_s(b, 8 * i64::from(k));
            acc = t.b.ins().bor(acc, b);
        }
        acc
    };
    crate::translate::mask::from_bits(t, bits, n)
}

/// Stores the lane mask `mask` (`<n x i1>`) bit-packed, bits past lane `n - 1` zero.
fn store_mask(t: &mut FuncTranslator<'_>, n: u32, mask: &[CValue], addr: CValue, off: i32) -> Result<(), Reason> {
    let it = mask_memory_int(n)?;
    let bits = crate::translate::mask::to_bits(t, mask, n)?;
    let bits = if n < 64 { t.b.ins().band_imm_s(bits, ((1u64 << n) - 1) as i64) } else { bits };
    let bytes = n.div_ceil(8);
    if bytes == it.bytes() {
        let x = if it == ct::I64 { bits } else { t.b.ins().ireduce(it, bits) };
        t.b.ins().store(MemFlagsData::new(), x, addr, off);
    } else {
        for k in 0..bytes {
            let b = t.b.ins().ushr_imm_s(bits, 8 * i64::from(k));
            let b = t.b.ins().ireduce(ct::I8, b);
            t.b.ins().store(MemFlagsData::new(), b, addr, off + k as i32);
        }
    }
    Ok(())
}

/// Converts a GEP index to a signed 64-bit value.
fn index64(t: &mut FuncTranslator<'_>, v: &Value) -> Result<CValue, Reason> {
    let ty = t.ty_of(v);
    let Type::Int(bits) = ty else {
        return unsupported(format!("GEP index of type {ty}"));
    };
    let x = t.get1(v)?;
    let x = t.sext_in_container(x, bits);
    let xt = t.b.func.dfg.value_type(x);
    Ok(match xt.bits().cmp(&64) {
        std::cmp::Ordering::Less => t.b.ins().sextend(ct::I64, x),
        std::cmp::Ordering::Equal => x,
        std::cmp::Ordering::Greater => t.b.ins().ireduce(ct::I64, x),
    })
}

fn const_index(v: &Value) -> Option<i64> {
    match v {
        Value::Const(Const::Int(bits, x)) => {
            let shift = 128 - *bits.min(&128);
            Some((((*x << shift) as i128) >> shift) as i64)
        }
        Value::Const(Const::Zero(_)) => Some(0),
        _ => None,
    }
}

pub(crate) fn gep(t: &mut FuncTranslator<'_>, source: &Type, ops: &[Value]) -> Result<CValue, Reason> {
    if matches!(t.ty_of(&ops[0]), Type::Vector(..)) || ops[1..].iter().any(|o| matches!(t.ty_of(o), Type::Vector(..))) {
        return unsupported("vector getelementptr");
    }
    let mut addr = t.get1(&ops[0])?;
    let mut offset: i64 = 0;
    let mut cur = source;
    for (k, idx) in ops[1..].iter().enumerate() {
        let stride = if k == 0 {
            source.alloc_size()
        } else {
            match cur {
                Type::Struct(s) => {
                    let i = const_index(idx).ok_or("non-constant struct index")? as usize;
                    offset = offset.wrapping_add(*s.offsets.get(i).ok_or("struct index out of range")? as i64);
                    cur = &s.fields[i];
                    continue;
                }
                Type::Array(_, e) | Type::Vector(_, e) => {
                    cur = e;
                    e.alloc_size()
                }
                other => return unsupported(format!("GEP into {other}")),
            }
        };
        match const_index(idx) {
            Some(i) => offset = offset.wrapping_add(i.wrapping_mul(stride as i64)),
            None => {
                let x = index64(t, idx)?;
                let scaled = if stride == 1 { x } else { t.b.ins().imul_imm_s(x, stride as i64) };
                addr = t.b.ins().iadd(addr, scaled);
            }
        }
    }
    Ok(if offset == 0 { addr } else { t.b.ins().iadd_imm_s(addr, offset) })
}

fn rmw(t: &mut FuncTranslator<'_>, op: RmwOp, ty: &Type, ops: &[Value]) -> Result<CValue, Reason> {
    let p = t.get1(&ops[0])?;
    let x = t.get1(&ops[1])?;
    let cty = t.b.func.dfg.value_type(x);
    if !cty.is_int() || cty.bits() > 64 || matches!(ty, Type::Int(b) if !b.is_power_of_two() || *b < 8) {
        return unsupported(format!("atomicrmw on {ty}"));
    }
    let aop = match op {
        RmwOp::Xchg => AtomicRmwOp::Xchg,
        RmwOp::Add => AtomicRmwOp::Add,
        RmwOp::Sub => AtomicRmwOp::Sub,
        RmwOp::And => AtomicRmwOp::And,
        RmwOp::Nand => AtomicRmwOp::Nand,
        RmwOp::Or => AtomicRmwOp::Or,
        RmwOp::Xor => AtomicRmwOp::Xor,
        RmwOp::Max => AtomicRmwOp::Smax,
        RmwOp::Min => AtomicRmwOp::Smin,
        RmwOp::UMax => AtomicRmwOp::Umax,
        RmwOp::UMin => AtomicRmwOp::Umin,
        other => return unsupported(format!("atomicrmw {other:?}")),
    };
    Ok(t.b.ins().atomic_rmw(cty, MemFlagsData::new(), aop, p, x))
}
