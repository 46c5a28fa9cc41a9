//! Integer and float arithmetic, comparisons and `select`.

use crate::error::{Reason, unsupported};
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Signature as CSig, Value as CValue, types as ct};
use tierlift_ir::{BinOp, Const, FloatPredicate, IntPredicate, Type, Value};

pub(crate) fn binary(t: &mut FuncTranslator<'_>, op: BinOp, ty: &Type, ops: &[Value]) -> Result<CValue, Reason> {
    match ty {
        Type::Int(bits) => int_binary(t, op, *bits, ops),
        Type::Float | Type::Double => float_binary(t, op, ty, ops),
        Type::Vector(_, elem) => vector_binary(t, op, ty, elem, ops),
        other => unsupported(format!("{op:?} on {other}")),
    }
}

fn int_binary(t: &mut FuncTranslator<'_>, op: BinOp, bits: u32, ops: &[Value]) -> Result<CValue, Reason> {
    let a = t.get1(&ops[0])?;
    let b = t.get1(&ops[1])?;
    let odd = !matches!(bits, 8 | 16 | 32 | 64 | 128);
    if bits == 128 && matches!(op, BinOp::UDiv | BinOp::SDiv | BinOp::URem | BinOp::SRem) {
        let name = match op {
            BinOp::UDiv => "__udivti3",
            BinOp::SDiv => "__divti3",
            BinOp::URem => "__umodti3",
            _ => "__modti3",
        };
        return libcall(t, name, &[a, b], ct::I128);
    }
    let ins = t.b.ins();
    let r = match op {
        BinOp::Add => ins.iadd(a, b),
        BinOp::Sub => ins.isub(a, b),
        BinOp::Mul => ins.imul(a, b),
        BinOp::UDiv => ins.udiv(a, b),
        BinOp::URem => ins.urem(a, b),
        BinOp::And => ins.band(a, b),
        BinOp::Or => ins.bor(a, b),
        BinOp::Xor => ins.bxor(a, b),
        BinOp::Shl => ins.ishl(a, b),
        BinOp::LShr => ins.ushr(a, b),
        BinOp::SDiv | BinOp::SRem | BinOp::AShr => {
            let sa = t.sext_in_container(a, bits);
            let ins = t.b.ins();
            match op {
                BinOp::SDiv => {
                    let sb = t.sext_in_container(b, bits);
                    t.b.ins().sdiv(sa, sb)
                }
                BinOp::SRem => {
                    let sb = t.sext_in_container(b, bits);
                    t.b.ins().srem(sa, sb)
                }
                _ => ins.sshr(sa, b),
            }
        }
        _ => return unsupported(format!("{op:?} on integers")),
    };
    Ok(if odd { t.mask(r, bits) } else { r })
}

fn float_binary(t: &mut FuncTranslator<'_>, op: BinOp, ty: &Type, ops: &[Value]) -> Result<CValue, Reason> {
    let a = t.get1(&ops[0])?;
    let b = t.get1(&ops[1])?;
    let ins = t.b.ins();
    Ok(match op {
        BinOp::FAdd => ins.fadd(a, b),
        BinOp::FSub => ins.fsub(a, b),
        BinOp::FMul => ins.fmul(a, b),
        BinOp::FDiv => ins.fdiv(a, b),
        BinOp::FRem => {
            let (name, ct) = if *ty == Type::Float { ("fmodf", ct::F32) } else { ("fmod", ct::F64) };
            return libcall(t, name, &[a, b], ct);
        }
        _ => return unsupported(format!("{op:?} on floats")),
    })
}

/// Whether a vector constant has the same value in every lane; returns that lane.
fn splat_const(c: &Const) -> Option<Const> {
    match c {
        Const::Zero(t) => Some(Const::Zero(t.scalar().clone())),
        Const::Aggregate(_, elems) if !elems.is_empty() && elems.iter().all(|e| e == &elems[0]) => {
            Some(elems[0].clone())
        }
        Const::Bytes(t, bytes) => {
            let w = t.scalar().alloc_size() as usize;
            let first = bytes.get(..w)?;
            if bytes.chunks(w).all(|c| c == first) {
                let mut v = [0u8; 16];
                v[..w].copy_from_slice(first);
                Some(Const::Int(t.scalar().bit_width() as u32, u128::from_le_bytes(v)))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn vector_binary(
    t: &mut FuncTranslator<'_>,
    op: BinOp,
    ty: &Type,
    elem: &Type,
    ops: &[Value],
) -> Result<CValue, Reason> {
    if matches!(op, BinOp::Shl | BinOp::LShr | BinOp::AShr) {
        let a = t.get1(&ops[0])?;
        // A uniform shift amount becomes Cranelift's scalar amount; anything else is done lane by lane.
        let uniform = match &ops[1] {
            Value::Const(c) => match splat_const(c) {
                Some(Const::Int(_, v)) => Some(v),
                Some(Const::Zero(_)) => Some(0),
                _ => None,
            },
            _ => None,
        };
        if let Some(amount) = uniform {
            let ins = t.b.ins();
            let amt = amount as i64;
            return Ok(match op {
                BinOp::Shl => ins.ishl_imm_s(a, amt),
                BinOp::LShr => ins.ushr_imm_s(a, amt),
                _ => ins.sshr_imm_s(a, amt),
            });
        }
        let b = t.get1(&ops[1])?;
        return Ok(scalarize(t, types::ir_lanes(ty), a, b, |ins, x, y| match op {
            BinOp::Shl => ins.ishl(x, y),
            BinOp::LShr => ins.ushr(x, y),
            _ => ins.sshr(x, y),
        }));
    }
    let a = t.get1(&ops[0])?;
    let b = t.get1(&ops[1])?;
    let is_float = elem.is_float();
    Ok(match (op, is_float) {
        (BinOp::Add, false) => t.b.ins().iadd(a, b),
        (BinOp::Sub, false) => t.b.ins().isub(a, b),
        (BinOp::Mul, false) => t.b.ins().imul(a, b),
        (BinOp::And, false) => t.b.ins().band(a, b),
        (BinOp::Or, false) => t.b.ins().bor(a, b),
        (BinOp::Xor, false) => t.b.ins().bxor(a, b),
        (BinOp::UDiv, false) => scalarize(t, types::ir_lanes(ty), a, b, |ins, x, y| ins.udiv(x, y)),
        (BinOp::SDiv, false) => scalarize(t, types::ir_lanes(ty), a, b, |ins, x, y| ins.sdiv(x, y)),
        (BinOp::URem, false) => scalarize(t, types::ir_lanes(ty), a, b, |ins, x, y| ins.urem(x, y)),
        (BinOp::SRem, false) => scalarize(t, types::ir_lanes(ty), a, b, |ins, x, y| ins.srem(x, y)),
        (BinOp::FAdd, true) => t.b.ins().fadd(a, b),
        (BinOp::FSub, true) => t.b.ins().fsub(a, b),
        (BinOp::FMul, true) => t.b.ins().fmul(a, b),
        (BinOp::FDiv, true) => t.b.ins().fdiv(a, b),
        _ => return unsupported(format!("{op:?} on {ty}")),
    })
}

/// Applies `f` lane by lane.
pub(crate) fn scalarize(
    t: &mut FuncTranslator<'_>,
    lanes: u32,
    a: CValue,
    b: CValue,
    f: impl Fn(cranelift_frontend::FuncInstBuilder<'_, '_>, CValue, CValue) -> CValue,
) -> CValue {
    let mut out = a;
    for lane in 0..lanes as u8 {
        let x = t.b.ins().extractlane(a, lane);
        let y = t.b.ins().extractlane(b, lane);
        let r = f(t.b.ins(), x, y);
        out = t.b.ins().insertlane(out, r, lane);
    }
    out
}

/// Calls a support routine by name.
pub(crate) fn libcall(
    t: &mut FuncTranslator<'_>,
    name: &str,
    args: &[CValue],
    ret: ct::Type,
) -> Result<CValue, Reason> {
    let addr = t.env.libcall(name).ok_or_else(|| format!("support routine {name} is not available"))?;
    let mut sig = CSig::new(t.call_conv);
    for a in args {
        sig.params.push(AbiParam::new(t.b.func.dfg.value_type(*a)));
    }
    sig.returns.push(AbiParam::new(ret));
    let sigref = t.b.import_signature(sig);
    let callee = t.b.ins().iconst(ct::I64, addr as i64);
    let call = t.b.ins().call_indirect(sigref, callee, args);
    Ok(t.b.inst_results(call)[0])
}

fn int_cc(p: IntPredicate) -> IntCC {
    match p {
        IntPredicate::Eq => IntCC::Equal,
        IntPredicate::Ne => IntCC::NotEqual,
        IntPredicate::Ugt => IntCC::UnsignedGreaterThan,
        IntPredicate::Uge => IntCC::UnsignedGreaterThanOrEqual,
        IntPredicate::Ult => IntCC::UnsignedLessThan,
        IntPredicate::Ule => IntCC::UnsignedLessThanOrEqual,
        IntPredicate::Sgt => IntCC::SignedGreaterThan,
        IntPredicate::Sge => IntCC::SignedGreaterThanOrEqual,
        IntPredicate::Slt => IntCC::SignedLessThan,
        IntPredicate::Sle => IntCC::SignedLessThanOrEqual,
    }
}

pub(crate) fn icmp(t: &mut FuncTranslator<'_>, p: IntPredicate, _ty: &Type, ops: &[Value]) -> Result<CValue, Reason> {
    let oty = t.ty_of(&ops[0]);
    let mut a = t.get1(&ops[0])?;
    let mut b = t.get1(&ops[1])?;
    let signed = matches!(p, IntPredicate::Sgt | IntPredicate::Sge | IntPredicate::Slt | IntPredicate::Sle);
    if let Type::Int(bits) = oty
        && signed
    {
        a = t.sext_in_container(a, bits);
        b = t.sext_in_container(b, bits);
    }
    if let Type::Vector(_, e) = &oty
        && **e == Type::Int(1)
    {
        return unsupported("icmp on <N x i1>");
    }
    let r = t.b.ins().icmp(int_cc(p), a, b);
    Ok(if let Type::Vector(n, _) = oty { mask_to_canonical(t, r, n)? } else { r })
}

/// Converts a lane mask from a compare of (possibly partial) vectors to the canonical `<n x i1>` type.
pub(crate) fn mask_to_canonical(t: &mut FuncTranslator<'_>, m: CValue, n: u32) -> Result<CValue, Reason> {
    let want = types::vector(n, &Type::Int(1))?;
    convert_mask(t, m, want)
}

/// Re-lanes a mask (all-ones/all-zeros lanes) to `want`, keeping the low lanes in order.
pub(crate) fn convert_mask(t: &mut FuncTranslator<'_>, m: CValue, want: ct::Type) -> Result<CValue, Reason> {
    let le = MemFlagsData::new().with_endianness(cranelift_codegen::ir::Endianness::Little);
    let mut m = m;
    let ty = t.b.func.dfg.value_type(m);
    if !ty.lane_type().is_int() {
        let int = ty.as_int();
        m = t.b.ins().bitcast(int, le, m);
    }
    loop {
        let cur = t.b.func.dfg.value_type(m);
        if cur.lane_bits() == want.lane_bits() {
            break;
        }
        m = if cur.lane_bits() < want.lane_bits() { t.b.ins().swiden_low(m) } else { t.b.ins().snarrow(m, m) };
    }
    let cur = t.b.func.dfg.value_type(m);
    Ok(if cur == want { m } else { t.b.ins().bitcast(want, le, m) })
}

pub(crate) fn fcmp(t: &mut FuncTranslator<'_>, p: FloatPredicate, ty: &Type, ops: &[Value]) -> Result<CValue, Reason> {
    let a = t.get1(&ops[0])?;
    let b = t.get1(&ops[1])?;
    let cc = match p {
        FloatPredicate::False | FloatPredicate::True => {
            let rty = types::scalar(ty)?;
            let v = u128::from(p == FloatPredicate::True);
            return Ok(if rty.is_vector() {
                let lane = t.iconst(rty.lane_type(), if v == 1 { u128::MAX } else { 0 });
                t.b.ins().splat(rty, lane)
            } else {
                t.iconst(ct::I8, v)
            });
        }
        FloatPredicate::Oeq => FloatCC::Equal,
        FloatPredicate::Ogt => FloatCC::GreaterThan,
        FloatPredicate::Oge => FloatCC::GreaterThanOrEqual,
        FloatPredicate::Olt => FloatCC::LessThan,
        FloatPredicate::Ole => FloatCC::LessThanOrEqual,
        FloatPredicate::One => FloatCC::OrderedNotEqual,
        FloatPredicate::Ord => FloatCC::Ordered,
        FloatPredicate::Uno => FloatCC::Unordered,
        FloatPredicate::Ueq => FloatCC::UnorderedOrEqual,
        FloatPredicate::Ugt => FloatCC::UnorderedOrGreaterThan,
        FloatPredicate::Uge => FloatCC::UnorderedOrGreaterThanOrEqual,
        FloatPredicate::Ult => FloatCC::UnorderedOrLessThan,
        FloatPredicate::Ule => FloatCC::UnorderedOrLessThanOrEqual,
        FloatPredicate::Une => FloatCC::NotEqual,
    };
    let r = t.b.ins().fcmp(cc, a, b);
    Ok(if let Type::Vector(n, _) = t.ty_of(&ops[0]) { mask_to_canonical(t, r, n)? } else { r })
}

pub(crate) fn select(t: &mut FuncTranslator<'_>, ty: &Type, ops: &[Value]) -> Result<Vec<CValue>, Reason> {
    let cty = t.ty_of(&ops[0]);
    let c = t.get1(&ops[0])?;
    let a = t.get(&ops[1])?;
    let b = t.get(&ops[2])?;
    if matches!(cty, Type::Vector(..)) {
        let (x, y) = (a[0], b[0]);
        let vty = types::scalar(ty)?;
        let mask = convert_mask(t, c, vty.as_int())?;
        let mask = if vty.as_int() == vty {
            mask
        } else {
            t.b.ins().bitcast(vty, MemFlagsData::new().with_endianness(cranelift_codegen::ir::Endianness::Little), mask)
        };
        return Ok(vec![t.b.ins().bitselect(mask, x, y)]);
    }
    Ok(a.iter().zip(&b).map(|(x, y)| t.b.ins().select(c, *x, *y)).collect())
}
