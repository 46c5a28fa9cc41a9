//! `x86_fp80` (C's `long double`): kept in an `i128` leaf whose low 80 bits are the value's bits, computed by the
//! runtime's x87 routines (`__tierlift_x87_*`, see `tierlift_code::x87`).
//!
//! In memory a value takes its 10 bytes (its allocation is 16). Arguments go in memory, in 16-byte-aligned stack
//! slots of the argument area (as `byval` arguments do, see `abi`); a result comes back in `st(0)` (a `long double
//! _Complex`, `{ x86_fp80, x86_fp80 }`, in `st(0)` and `st(1)`), which Cranelift does not know: a function returning
//! one calls the `push` routine just before it returns, and a caller calls `pop` just after the call.

use crate::error::{Reason, unsupported};
use crate::translate::arith::libcall;
use crate::translate::float_bits::predicate_of;
use crate::translator::FuncTranslator;
use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Signature, Value as CValue, types as ct};
use tierlift_ir::{BinOp, CastOp, FloatPredicate, Type, Value};

/// The name of an x87 routine.
fn routine(what: &str) -> String {
    format!("__tierlift_x87_{what}")
}

/// Calls the routine `what` with `args`, returning a value of type `ret`.
fn call(t: &mut FuncTranslator<'_>, what: &str, args: &[CValue], ret: ct::Type) -> Result<CValue, Reason> {
    libcall(t, &routine(what), args, ret)
}

/// Whether a value of type `ty` is read and written as the 10 bytes of an `x86_fp80` ([`load`], [`store`]): an
/// `x86_fp80`, or an `i80` (which has the same container).
pub(crate) fn in_ten_bytes(ty: &Type) -> bool {
    ty.is_x86_fp80() || *ty == Type::Int(80)
}

/// Loads the 10 bytes of a value at `addr + off` (also an `i80`'s, which has the same container).
pub(crate) fn load(t: &mut FuncTranslator<'_>, addr: CValue, off: i32) -> CValue {
    let flags = MemFlagsData::new();
    let lo = t.b.ins().load(ct::I64, flags, addr, off);
    let hi = t.b.ins().uload16(ct::I64, flags, addr, off + 8);
    t.b.ins().iconcat(lo, hi)
}

/// Stores the 10 bytes of value `v` at `addr + off`.
pub(crate) fn store(t: &mut FuncTranslator<'_>, v: CValue, addr: CValue, off: i32) {
    let flags = MemFlagsData::new();
    let (lo, hi) = t.b.ins().isplit(v);
    t.b.ins().store(flags, lo, addr, off);
    t.b.ins().istore16(flags, hi, addr, off + 8);
}

/// `fadd`, `fsub`, `fmul`, `fdiv`, `frem`.
pub(crate) fn binary(t: &mut FuncTranslator<'_>, op: BinOp, ops: &[Value]) -> Result<CValue, Reason> {
    let [add, sub, mul, div, rem] = ["add", "sub", "mul", "div", "rem"].map(routine);
    crate::translate::float_bits::binary_by_routines(t, op, ops, [&add, &sub, &mul, &div, &rem], ct::I128)
}

/// `fcmp`, from the routine's four-way comparison.
pub(crate) fn compare(t: &mut FuncTranslator<'_>, p: FloatPredicate, ops: &[Value]) -> Result<CValue, Reason> {
    let a = t.get1(&ops[0])?;
    let b = t.get1(&ops[1])?;
    let outcome = call(t, "compare", &[a, b], ct::I32)?;
    Ok(predicate_of(t, p, outcome))
}

/// A conversion to or from `x86_fp80` (of scalar `v` of type `from`).
pub(crate) fn cast(
    t: &mut FuncTranslator<'_>,
    op: CastOp,
    from: &Type,
    to: &Type,
    v: CValue,
) -> Result<CValue, Reason> {
    match (op, from, to) {
        (CastOp::FPExt, Type::Float, _) => call(t, "from_f32", &[v], ct::I128),
        (CastOp::FPExt, Type::Double, _) => call(t, "from_f64", &[v], ct::I128),
        (CastOp::FPTrunc, _, Type::Float) => call(t, "to_f32", &[v], ct::F32),
        (CastOp::FPTrunc, _, Type::Double) => call(t, "to_f64", &[v], ct::F64),
        (CastOp::SIToFP | CastOp::UIToFP, Type::Int(bits), _) if *bits <= 64 => {
            let signed = op == CastOp::SIToFP;
            let wide = if *bits == 64 {
                v
            } else if signed {
                let s = t.sext_in_container(v, *bits);
                if t.b.func.dfg.value_type(s) == ct::I64 { s } else { t.b.ins().sextend(ct::I64, s) }
            } else if t.b.func.dfg.value_type(v) == ct::I64 {
                v
            } else {
                t.b.ins().uextend(ct::I64, v)
            };
            // An unsigned value below 2^63 is the same signed.
            let what = if signed || *bits < 64 { "from_i64" } else { "from_u64" };
            call(t, what, &[wide], ct::I128)
        }
        (CastOp::FPToSI | CastOp::FPToUI, _, Type::Int(bits)) if *bits <= 64 => {
            // Out of range is poison: any value of the type does.
            let what = if op == CastOp::FPToUI && *bits == 64 { "to_u64" } else { "to_i64" };
            let r = call(t, what, &[v], ct::I64)?;
            crate::translate::float_bits::integer_result(t, r, *bits)
        }
        // `i80` and `x86_fp80` share their container and bits.
        (CastOp::BitCast, _, _) if from.bit_width() == 80 && to.bit_width() == 80 => Ok(v),
        _ => unsupported(format!("{op:?} from {from} to {to}")),
    }
}

/// An intrinsic on `x86_fp80` values (`llvm.fabs.f80`, ...), by base name.
pub(crate) fn intrinsic(t: &mut FuncTranslator<'_>, base: &str, vals: &[CValue]) -> Result<CValue, Reason> {
    let operand = |i: usize| vals.get(i).copied().ok_or_else(|| format!("llvm.{base} on x86_fp80: missing operand"));
    let r = match base {
        // Unfused, as `fmuladd` allows (and LLVM's x87 code does).
        "fmuladd" => crate::translate::float_bits::mul_add(t, [&routine("mul"), &routine("add")], vals, ct::I128)?,
        "sqrt" | "floor" | "ceil" | "trunc" | "round" | "roundeven" => call(t, base, &[operand(0)?], ct::I128)?,
        "rint" | "nearbyint" => call(t, "rint", &[operand(0)?], ct::I128)?,
        _ => return unsupported(format!("llvm.{base} on x86_fp80")),
    };
    Ok(r)
}

/// How many values of a function's result of type `ty` the ABI returns on the x87 stack: 1 for an `x86_fp80`
/// (in `st(0)`), 2 for `{ x86_fp80, x86_fp80 }` (a `long double _Complex`: the real part in `st(0)`, the
/// imaginary one in `st(1)`); `None` for other types.
pub(crate) fn returned_in_x87(ty: &Type) -> Option<usize> {
    match ty {
        t if t.is_x86_fp80() => Some(1),
        Type::Struct(s) if s.fields.len() == 2 && s.fields.iter().all(Type::is_x86_fp80) => Some(2),
        _ => None,
    }
}

/// After a call of a function that returns `n` values on the x87 stack: the values, popped in order.
pub(crate) fn take_results(t: &mut FuncTranslator<'_>, n: usize) -> Result<Vec<CValue>, Reason> {
    (0..n).map(|_| call(t, "pop", &[], ct::I128)).collect()
}

/// Before returning `vals` on the x87 stack: pushed last to first, so that the first is `st(0)`.
pub(crate) fn give_results(t: &mut FuncTranslator<'_>, vals: &[CValue]) -> Result<(), Reason> {
    let name = routine("push");
    let addr = t.env.libcall(&name).ok_or_else(|| format!("support routine {name} is not available"))?;
    let mut sig = Signature::new(t.call_conv);
    sig.params.push(AbiParam::new(ct::I128));
    let sigref = t.b.import_signature(sig);
    for &v in vals.iter().rev() {
        let callee = t.b.ins().iconst(ct::I64, addr as i64);
        t.b.ins().call_indirect(sigref, callee, &[v]);
    }
    Ok(())
}
