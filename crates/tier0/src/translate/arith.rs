//! Integer and float arithmetic, comparisons and `select`.

use crate::error::{Reason, unsupported};
use crate::translate::float_bits::SoftFloat;
use crate::translate::{chunks, mask};
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{AbiParam, InstBuilder, Signature as CSig, Value as CValue, types as ct};
use tierlift_ir::{BinOp, Const, FloatPredicate, IntPredicate, Type, Value};

/// A binary operator on integers, floats, or vectors of them (any number of chunks).
pub(crate) fn binary(t: &mut FuncTranslator<'_>, op: BinOp, ty: &Type, ops: &[Value]) -> Result<Vec<CValue>, Reason> {
    match ty {
        Type::Int(bits) => Ok(vec![int_binary(t, op, *bits, ops)?]),
        Type::Float | Type::Double => Ok(vec![float_binary(t, op, ty, ops)?]),
        Type::Vector(_, elem) => vector_binary(t, op, ty, elem, ops),
        other => match SoftFloat::of(other) {
            Some(soft) => Ok(vec![soft.binary(t, op, ops)?]),
            None => unsupported(format!("{op:?} on {other}")),
        },
    }
}

/// A binary operator on `iN` (kept zero-extended in its container).
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
                    if may_fault(&ops[1], bits) {
                        signed_division_faults(t, op, sa, sb);
                    }
                    t.b.ins().sdiv(sa, sb)
                }
                BinOp::SRem => {
                    let sb = t.sext_in_container(b, bits);
                    if may_fault(&ops[1], bits) {
                        signed_division_faults(t, op, sa, sb);
                    }
                    t.b.ins().srem(sa, sb)
                }
                _ => ins.sshr(sa, b),
            }
        }
        _ => return unsupported(format!("{op:?} on integers")),
    };
    Ok(if odd { t.mask(r, bits) } else { r })
}

/// Whether a signed division or remainder by `divisor` may fault: unless it is a constant other than 0 and -1.
fn may_fault(divisor: &Value, bits: u32) -> bool {
    match divisor {
        Value::Const(Const::Int(_, v)) => {
            let all = if bits >= 128 { u128::MAX } else { (1u128 << bits) - 1 };
            v & all == 0 || v & all == all
        }
        _ => true,
    }
}

/// Makes a signed division or remainder fault as x86-64 `idiv` does: a SIGFPE (`FPE_INTDIV`) for a zero divisor,
/// and for `srem` also for the minimum divided by -1 (Cranelift traps with `ud2`, SIGILL, on a zero divisor and
/// defines `MIN srem -1` as 0). Emits the check and a cold block that executes an unsigned division by zero; the
/// operation itself follows in a fresh block. The fast path gains one test and branch.
fn signed_division_faults(t: &mut FuncTranslator<'_>, op: BinOp, sa: CValue, sb: CValue) {
    let ty = t.b.func.dfg.value_type(sa);
    let fault = t.b.create_block();
    let cont = t.b.create_block();
    t.b.set_cold_block(fault);
    if op == BinOp::SDiv {
        // MIN sdiv -1 is left to Cranelift's `idiv`, which faults on it like the native one.
        t.b.ins().brif(sb, cont, &[], fault, &[]);
        t.b.switch_to_block(fault);
        // The divisor is zero here: `div` faults. (A handler that returns re-runs it, as natively.)
        t.b.ins().udiv(sa, sb);
    } else {
        // The divisor is 0 or -1 exactly when divisor + 1 <= 1 (unsigned).
        let next = t.b.ins().iadd_imm_s(sb, 1);
        let special = t.b.ins().icmp_imm_u(IntCC::UnsignedLessThanOrEqual, next, 1);
        t.b.ins().brif(special, fault, &[], cont, &[]);
        t.b.switch_to_block(fault);
        // Divide by 0 (a fault) for a zero divisor or a minimum dividend, else by 1; `cont` then computes the
        // remainder by -1, which is 0.
        let zero_divisor = t.b.ins().icmp_imm_u(IntCC::Equal, sb, 0);
        let min = t.iconst(ty, 1u128 << (ty.bits() - 1));
        let min_dividend = t.b.ins().icmp(IntCC::Equal, sa, min);
        let faults = t.b.ins().bor(zero_divisor, min_dividend);
        let zero = t.iconst(ty, 0);
        let one = t.iconst(ty, 1);
        let divisor = t.b.ins().select(faults, zero, one);
        t.b.ins().urem(sa, divisor);
    }
    t.b.ins().jump(cont, &[]);
    t.b.switch_to_block(cont);
}

/// `sdiv` or `srem` on vectors, lane by lane, each lane faulting as a native (scalar) `idiv` does.
fn signed_division_lanes(
    t: &mut FuncTranslator<'_>,
    op: BinOp,
    shape: types::VectorShape,
    a: &[CValue],
    b: &[CValue],
) -> Vec<CValue> {
    let mut out = Vec::with_capacity(a.len());
    for (k, (&x, &y)) in a.iter().zip(b).enumerate() {
        let mut v = x;
        for lane in 0..shape.live_lanes(k) as u8 {
            let xa = t.b.ins().extractlane(x, lane);
            let yb = t.b.ins().extractlane(y, lane);
            signed_division_faults(t, op, xa, yb);
            let r = if op == BinOp::SDiv { t.b.ins().sdiv(xa, yb) } else { t.b.ins().srem(xa, yb) };
            v = t.b.ins().insertlane(v, r, lane);
        }
        out.push(v);
    }
    out
}

/// A binary operator on `float` or `double`.
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

/// A uniform constant shift amount of a vector shift.
fn uniform_amount(v: &Value) -> Option<u128> {
    match v {
        Value::Const(c) => match splat_const(c) {
            Some(Const::Int(_, v)) => Some(v),
            Some(Const::Zero(_)) => Some(0),
            _ => None,
        },
        _ => None,
    }
}

/// A binary operator on vectors, chunk by chunk (lane by lane where Cranelift has no vector instruction).
fn vector_binary(
    t: &mut FuncTranslator<'_>,
    op: BinOp,
    ty: &Type,
    elem: &Type,
    ops: &[Value],
) -> Result<Vec<CValue>, Reason> {
    let shape = types::shape_of(ty)?;
    let a = t.get(&ops[0])?;
    if matches!(op, BinOp::Shl | BinOp::LShr | BinOp::AShr) {
        // A uniform shift amount becomes Cranelift's scalar amount; anything else is done lane by lane.
        if let Some(amount) = uniform_amount(&ops[1]) {
            let amt = amount as i64;
            return chunks::zip_leaves(t, &[a], |t, x| {
                let ins = t.b.ins();
                Ok(match op {
                    BinOp::Shl => ins.ishl_imm_s(x[0], amt),
                    BinOp::LShr => ins.ushr_imm_s(x[0], amt),
                    _ => ins.sshr_imm_s(x[0], amt),
                })
            });
        }
        let b = t.get(&ops[1])?;
        return Ok(per_chunk_lanes(t, shape, &a, &b, |ins, x, y| match op {
            BinOp::Shl => ins.ishl(x, y),
            BinOp::LShr => ins.ushr(x, y),
            _ => ins.sshr(x, y),
        }));
    }
    let b = t.get(&ops[1])?;
    if *elem == Type::Int(1) {
        // Lane masks: i1 arithmetic is modulo 2.
        return chunks::zip_leaves(t, &[a, b], |t, x| {
            let ins = t.b.ins();
            Ok(match op {
                BinOp::Add | BinOp::Sub | BinOp::Xor => ins.bxor(x[0], x[1]),
                BinOp::Mul | BinOp::And => ins.band(x[0], x[1]),
                BinOp::Or => ins.bor(x[0], x[1]),
                _ => return unsupported(format!("{op:?} on {ty}")),
            })
        });
    }
    let is_float = elem.is_float();
    match (op, is_float) {
        (BinOp::UDiv, false) => return Ok(per_chunk_lanes(t, shape, &a, &b, |ins, x, y| ins.udiv(x, y))),
        (BinOp::SDiv | BinOp::SRem, false) => return Ok(signed_division_lanes(t, op, shape, &a, &b)),
        (BinOp::URem, false) => return Ok(per_chunk_lanes(t, shape, &a, &b, |ins, x, y| ins.urem(x, y))),
        (BinOp::FRem, true) => {
            let (name, ct) = if *elem == Type::Float { ("fmodf", ct::F32) } else { ("fmod", ct::F64) };
            return chunks::lanewise(t, &[&a, &b], shape, shape, |t, x| libcall(t, name, x, ct));
        }
        _ => {}
    }
    chunks::zip_leaves(t, &[a, b], |t, x| {
        let (a, b) = (x[0], x[1]);
        Ok(match (op, is_float) {
            (BinOp::Add, false) => t.b.ins().iadd(a, b),
            (BinOp::Sub, false) => t.b.ins().isub(a, b),
            (BinOp::Mul, false) => imul_vector(t, a, b),
            (BinOp::And, false) => t.b.ins().band(a, b),
            (BinOp::Or, false) => t.b.ins().bor(a, b),
            (BinOp::Xor, false) => t.b.ins().bxor(a, b),
            (BinOp::FAdd, true) => t.b.ins().fadd(a, b),
            (BinOp::FSub, true) => t.b.ins().fsub(a, b),
            (BinOp::FMul, true) => t.b.ins().fmul(a, b),
            (BinOp::FDiv, true) => t.b.ins().fdiv(a, b),
            _ => return unsupported(format!("{op:?} on {ty}")),
        })
    })
}

/// `a * b` on one chunk. x86 has no byte multiply: `i8x16` multiplies as two `i16x8` halves and keeps the low
/// byte of each product.
pub(crate) fn imul_vector(t: &mut FuncTranslator<'_>, a: CValue, b: CValue) -> CValue {
    if t.b.func.dfg.value_type(a) != ct::I8X16 {
        return t.b.ins().imul(a, b);
    }
    let (al, ah) = (t.b.ins().uwiden_low(a), t.b.ins().uwiden_high(a));
    let (bl, bh) = (t.b.ins().uwiden_low(b), t.b.ins().uwiden_high(b));
    let lo = t.b.ins().imul(al, bl);
    let hi = t.b.ins().imul(ah, bh);
    let bytes: [u8; 16] = std::array::from_fn(|i| (2 * i) as u8);
    chunks::byte_shuffle(t, lo, hi, bytes, ct::I8X16)
}

/// Applies `f` lane by lane to every chunk of two vectors of shape `shape` (only the lanes LLVM sees).
fn per_chunk_lanes(
    t: &mut FuncTranslator<'_>,
    shape: types::VectorShape,
    a: &[CValue],
    b: &[CValue],
    f: impl Fn(cranelift_frontend::FuncInstBuilder<'_, '_>, CValue, CValue) -> CValue,
) -> Vec<CValue> {
    let mut out = Vec::with_capacity(a.len());
    for (k, (&x, &y)) in a.iter().zip(b).enumerate() {
        out.push(scalarize(t, shape.live_lanes(k), x, y, &f));
    }
    out
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

/// The Cranelift condition of an integer predicate.
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

/// `icmp`; on vectors it compares chunk by chunk and gives the canonical lane mask.
pub(crate) fn icmp(
    t: &mut FuncTranslator<'_>,
    p: IntPredicate,
    _ty: &Type,
    ops: &[Value],
) -> Result<Vec<CValue>, Reason> {
    let oty = t.ty_of(&ops[0]);
    if let Type::Vector(n, _) = oty {
        // Lanes are full-width integers; masks (all ones = true = -1) compare correctly as they are.
        let a = t.get(&ops[0])?;
        let b = t.get(&ops[1])?;
        let m = chunks::zip_leaves(t, &[a, b], |t, x| Ok(t.b.ins().icmp(int_cc(p), x[0], x[1])))?;
        return mask::to_canonical(t, &m, n);
    }
    let mut a = t.get1(&ops[0])?;
    let mut b = t.get1(&ops[1])?;
    let signed = matches!(p, IntPredicate::Sgt | IntPredicate::Sge | IntPredicate::Slt | IntPredicate::Sle);
    if let Type::Int(bits) = oty
        && signed
    {
        a = t.sext_in_container(a, bits);
        b = t.sext_in_container(b, bits);
    }
    Ok(vec![t.b.ins().icmp(int_cc(p), a, b)])
}

/// `fcmp`; on vectors it compares chunk by chunk and gives the canonical lane mask.
pub(crate) fn fcmp(
    t: &mut FuncTranslator<'_>,
    p: FloatPredicate,
    _ty: &Type,
    ops: &[Value],
) -> Result<Vec<CValue>, Reason> {
    let oty = t.ty_of(&ops[0]);
    if let Some(soft) = SoftFloat::of(&oty) {
        return Ok(vec![soft.compare(t, p, ops)?]);
    }
    let cc = match p {
        FloatPredicate::False | FloatPredicate::True => {
            let v = p == FloatPredicate::True;
            return match oty {
                Type::Vector(n, _) => mask::splat(t, n, v),
                _ => Ok(vec![t.iconst(ct::I8, u128::from(v))]),
            };
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
    let a = t.get(&ops[0])?;
    let b = t.get(&ops[1])?;
    let vector = matches!(oty, Type::Vector(..));
    let m = chunks::zip_leaves(t, &[a, b], |t, x| {
        // x64 Cranelift compares vectors for `one` and `ueq` only in two steps.
        Ok(match cc {
            FloatCC::OrderedNotEqual if vector => {
                let ord = t.b.ins().fcmp(FloatCC::Ordered, x[0], x[1]);
                let ne = t.b.ins().fcmp(FloatCC::NotEqual, x[0], x[1]);
                t.b.ins().band(ord, ne)
            }
            FloatCC::UnorderedOrEqual if vector => {
                let uno = t.b.ins().fcmp(FloatCC::Unordered, x[0], x[1]);
                let eq = t.b.ins().fcmp(FloatCC::Equal, x[0], x[1]);
                t.b.ins().bor(uno, eq)
            }
            _ => t.b.ins().fcmp(cc, x[0], x[1]),
        })
    })?;
    match oty {
        Type::Vector(n, _) => mask::to_canonical(t, &m, n),
        _ => Ok(m),
    }
}

/// `select`: with a scalar condition leaf by leaf; with a vector condition, the mask in the data's shape picks
/// bits chunk by chunk.
pub(crate) fn select(t: &mut FuncTranslator<'_>, ty: &Type, ops: &[Value]) -> Result<Vec<CValue>, Reason> {
    let cty = t.ty_of(&ops[0]);
    let c = t.get(&ops[0])?;
    let a = t.get(&ops[1])?;
    let b = t.get(&ops[2])?;
    if matches!(cty, Type::Vector(..)) {
        let data = types::shape_of(ty)?;
        let mask = mask::to_data_shape(t, &c, data);
        return chunks::zip_leaves(t, &[mask, a, b], |t, x| Ok(t.b.ins().bitselect(x[0], x[1], x[2])));
    }
    let [c] = c.as_slice() else {
        return unsupported("select with an aggregate condition");
    };
    Ok(a.iter().zip(&b).map(|(x, y)| t.b.ins().select(*c, *x, *y)).collect())
}
