//! LLVM intrinsics that clang emits for ordinary C: hardware instructions where Cranelift has them, libc/libm calls
//! otherwise.

use crate::error::{Reason, unsupported};
use crate::translate::arith::libcall;
use crate::translate::float_bits::SoftFloat;
use crate::translate::{chunks, reduce};
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{InstBuilder, Value as CValue, types as ct};
use tierlift_ir::{Const, Inst, Type, Value};

/// The intrinsic's base name: `llvm.memcpy.p0.p0.i64` gives `memcpy`.
fn base(name: &str) -> &str {
    let rest = name.strip_prefix("llvm.").unwrap_or(name);
    let known = [
        "memcpy.inline",
        "memset.inline",
        "memcpy",
        "memmove",
        "memset",
        "lifetime.start",
        "lifetime.end",
        "sadd.with.overflow",
        "uadd.with.overflow",
        "ssub.with.overflow",
        "usub.with.overflow",
        "smul.with.overflow",
        "umul.with.overflow",
        "sadd.sat",
        "uadd.sat",
        "ssub.sat",
        "usub.sat",
        "vector.reduce.add",
        "vector.reduce.mul",
        "vector.reduce.and",
        "vector.reduce.or",
        "vector.reduce.xor",
        "vector.reduce.smax",
        "vector.reduce.smin",
        "vector.reduce.umax",
        "vector.reduce.umin",
        "vector.reduce.fadd",
        "vector.reduce.fmul",
        "vector.reduce.fmax",
        "vector.reduce.fmin",
        "experimental.noalias.scope.decl",
        "invariant.start",
        "invariant.end",
        "is.fpclass",
        "is.constant",
        "stacksave",
        "stackrestore",
        "objectsize",
        "load.relative",
        "threadlocal.address",
        "dbg.value",
        "dbg.declare",
        "dbg.label",
        "dbg.assign",
        "eh.typeid.for",
    ];
    for k in known {
        if rest == k || rest.starts_with(&format!("{k}.")) {
            return k;
        }
    }
    rest.split('.').next().unwrap_or(rest)
}

fn float_name(t: &FuncTranslator<'_>, v: CValue, double: &'static str, single: &'static str) -> &'static str {
    if t.b.func.dfg.value_type(v) == ct::F32 { single } else { double }
}

pub(crate) fn call(t: &mut FuncTranslator<'_>, name: &str, inst: &Inst, args: &[Value]) -> Result<Vec<CValue>, Reason> {
    let b = base(name);
    let ty = &inst.ty;
    // On a float type computed by support routines (the greatest involved, as for a conversion between two).
    let soft = args.iter().map(|a| SoftFloat::of(&t.ty_of(a))).fold(SoftFloat::of(ty), Option::max);
    if let Some(soft) = soft {
        return Ok(vec![soft.intrinsic(t, b, args)?]);
    }
    let arg = |t: &mut FuncTranslator<'_>, i: usize| t.get1(&args[i]);
    let one = |v: CValue| Ok(vec![v]);
    match b {
        "lifetime.start"
        | "lifetime.end"
        | "assume"
        | "experimental.noalias.scope.decl"
        | "invariant.end"
        | "sideeffect"
        | "dbg.value"
        | "dbg.declare"
        | "dbg.label"
        | "dbg.assign"
        | "prefetch"
        | "donothing"
        | "var.annotation"
        | "codeview.annotation"
        | "pseudoprobe" => Ok(Vec::new()),
        "invariant.start" => one(t.b.ins().iconst(ct::I64, 0)),
        "eh.typeid.for" => {
            // The type's index in this function's type table: the selector a landing pad receives for it.
            let address = t.address_of(&args[0])?;
            let table = t.exceptions.as_mut().ok_or("llvm.eh.typeid.for in a function without landing pads")?;
            one(t.b.ins().iconst(ct::I32, i64::from(table.index_of(address))))
        }
        "va_start" => {
            let list = arg(t, 0)?;
            crate::translate::varargs::va_start(t, list)?;
            Ok(Vec::new())
        }
        "va_copy" => {
            let (dst, src) = (arg(t, 0)?, arg(t, 1)?);
            crate::translate::varargs::va_copy(t, dst, src);
            Ok(Vec::new())
        }
        "va_end" => Ok(Vec::new()),
        "ptrmask" => {
            let (p, mask) = (arg(t, 0)?, arg(t, 1)?);
            one(t.b.ins().band(p, mask))
        }
        "threadlocal.address" => {
            // The variable's address is what its routine takes (see `FuncEnv::thread_local_routine`); the LLVM
            // tiers reach it the same way.
            let found = match &args[0] {
                Value::Const(Const::Symbol(s)) => t.env.thread_local_routine(*s).zip(t.env.symbol_address(*s)),
                _ => None,
            };
            let (routine, control) =
                found.ok_or("llvm.threadlocal.address of something else than a thread-local global")?;
            let control = t.b.ins().iconst(ct::I64, control as i64);
            one(libcall(t, routine, &[control], ct::I64)?)
        }
        "expect"
        | "ptr.annotation"
        | "annotation"
        | "launder.invariant.group"
        | "strip.invariant.group"
        | "ssa.copy" => t.get(&args[0]),
        "is.constant" => one(t.b.ins().iconst(ct::I8, 0)),
        "memcpy" | "memmove" | "memcpy.inline" => {
            let f = if b == "memmove" { "memmove" } else { "memcpy" };
            let (d, s, n) = (arg(t, 0)?, arg(t, 1)?, arg(t, 2)?);
            let n = widen64(t, n);
            libcall(t, f, &[d, s, n], ct::I64)?;
            Ok(Vec::new())
        }
        "memset" | "memset.inline" => {
            let (d, v, n) = (arg(t, 0)?, arg(t, 1)?, arg(t, 2)?);
            let v = t.b.ins().uextend(ct::I32, v);
            let n = widen64(t, n);
            libcall(t, "memset", &[d, v, n], ct::I64)?;
            Ok(Vec::new())
        }
        "debugtrap" => {
            // `int3`, as natively: SIGTRAP, and execution goes on after it when a handler returns.
            t.b.ins().debugtrap();
            Ok(Vec::new())
        }
        "trap" | "ubsantrap" => {
            t.trap();
            // The block must go on (LLVM puts `unreachable` after); give it a fresh, dead block.
            let dead = t.b.create_block();
            t.b.switch_to_block(dead);
            Ok(Vec::new())
        }
        "abs" => {
            if let Type::Int(bits) = ty
                && !bits.is_power_of_two()
            {
                return unsupported("abs on an odd width");
            }
            elementwise(t, args, 1, |t, x| t.b.ins().iabs(x[0]))
        }
        "smax" | "smin" | "umax" | "umin" if matches!(ty, Type::Vector(..)) => elementwise(t, args, 2, |t, x| {
            let ins = t.b.ins();
            match b {
                "smax" => ins.smax(x[0], x[1]),
                "smin" => ins.smin(x[0], x[1]),
                "umax" => ins.umax(x[0], x[1]),
                _ => ins.umin(x[0], x[1]),
            }
        }),
        "smax" | "smin" | "umax" | "umin" => {
            let (mut x, mut y) = (arg(t, 0)?, arg(t, 1)?);
            if let Type::Int(bits) = ty
                && b.starts_with('s')
            {
                x = t.sext_in_container(x, *bits);
                y = t.sext_in_container(y, *bits);
            }
            let r = match b {
                "smax" => t.b.ins().smax(x, y),
                "smin" => t.b.ins().smin(x, y),
                "umax" => t.b.ins().umax(x, y),
                _ => t.b.ins().umin(x, y),
            };
            one(match ty {
                Type::Int(bits) => t.mask(r, *bits),
                _ => r,
            })
        }
        "fabs" => elementwise(t, args, 1, |t, x| t.b.ins().fabs(x[0])),
        "sqrt" => elementwise(t, args, 1, |t, x| t.b.ins().sqrt(x[0])),
        "floor" | "ceil" | "trunc" | "rint" | "nearbyint" | "roundeven" => elementwise(t, args, 1, |t, x| {
            let ins = t.b.ins();
            match b {
                "floor" => ins.floor(x[0]),
                "ceil" => ins.ceil(x[0]),
                "trunc" => ins.trunc(x[0]),
                _ => ins.nearest(x[0]),
            }
        }),
        "copysign" => elementwise(t, args, 2, |t, x| copysign(t, x[0], x[1])),
        "fma" if matches!(ty, Type::Vector(..)) => elementwise(t, args, 3, |t, x| t.b.ins().fma(x[0], x[1], x[2])),
        "fma" => {
            let (x, y, z) = (arg(t, 0)?, arg(t, 1)?, arg(t, 2)?);
            let name = float_name(t, x, "fma", "fmaf");
            let rt = t.b.func.dfg.value_type(x);
            one(libcall(t, name, &[x, y, z], rt)?)
        }
        "fmuladd" => elementwise(t, args, 3, |t, x| {
            let m = t.b.ins().fmul(x[0], x[1]);
            t.b.ins().fadd(m, x[2])
        }),
        "minimum" | "maximum" => elementwise(t, args, 2, |t, x| {
            if b == "minimum" { t.b.ins().fmin(x[0], x[1]) } else { t.b.ins().fmax(x[0], x[1]) }
        }),
        "minnum" | "maxnum" => {
            let is_min = b == "minnum";
            if let Type::Vector(..) = ty {
                let shape = types::shape_of(ty)?;
                let (x, y) = (t.get(&args[0])?, t.get(&args[1])?);
                return chunks::lanewise(t, &[&x, &y], shape, shape, |t, l| Ok(minnum(t, is_min, l[0], l[1])));
            }
            let (x, y) = (arg(t, 0)?, arg(t, 1)?);
            one(minnum(t, is_min, x, y))
        }
        "round" | "pow" | "exp" | "exp2" | "exp10" | "log" | "log2" | "log10" | "sin" | "cos" | "tan" | "lround"
        | "llround" | "lrint" | "llrint" | "powi" | "ldexp" | "frexp" | "asin" | "acos" | "atan" | "atan2" | "sinh"
        | "cosh" | "tanh" => libm(t, b, ty, args),
        "ctpop" | "ctlz" | "cttz" | "bswap" | "bitreverse" => bits(t, b, ty, args),
        "fshl" | "fshr" => funnel(t, b == "fshl", ty, args),
        "sadd.with.overflow" | "uadd.with.overflow" | "ssub.with.overflow" | "usub.with.overflow"
        | "smul.with.overflow" | "umul.with.overflow" => overflow(t, b, ty, args),
        "sadd.sat" | "uadd.sat" | "ssub.sat" | "usub.sat" => saturating(t, b, ty, args),
        "stacksave" => one(t.dynamic_stack_save()?),
        "stackrestore" => {
            let p = arg(t, 0)?;
            t.dynamic_stack_restore(p)?;
            Ok(Vec::new())
        }
        "load.relative" => {
            // ptr + sext(load i32 (ptr + offset))
            let (p, off) = (arg(t, 0)?, arg(t, 1)?);
            let off = widen64(t, off);
            let at = t.b.ins().iadd(p, off);
            let rel = t.b.ins().load(ct::I32, cranelift_codegen::ir::MemFlagsData::new(), at, 0);
            let rel = t.b.ins().sextend(ct::I64, rel);
            one(t.b.ins().iadd(p, rel))
        }
        "is.fpclass" => one(fpclass(t, args)?),
        "objectsize" => {
            let Some(Value::Const(tierlift_ir::Const::Int(_, min))) = args.get(1) else {
                return unsupported("objectsize with a non-constant flag");
            };
            let rt = types::scalar(ty)?;
            let v = if *min == 1 { 0 } else { u128::MAX };
            let mask_bits = rt.bits();
            one(t.iconst(rt, if mask_bits >= 128 { v } else { v & ((1u128 << mask_bits) - 1) }))
        }
        b if b.starts_with("vector.reduce.") => reduce::reduce(t, &b["vector.reduce.".len()..], args),
        other => unsupported(format!("intrinsic llvm.{other} ({name})")),
    }
}

/// `llvm.is.fpclass(x, test)`: which IEEE classes `x` belongs to, from its bits.
fn fpclass(t: &mut FuncTranslator<'_>, args: &[Value]) -> Result<CValue, Reason> {
    let Some(Value::Const(tierlift_ir::Const::Int(_, test))) = args.get(1) else {
        return unsupported("is.fpclass with a non-constant test");
    };
    let x = t.get1(&args[0])?;
    let fty = t.b.func.dfg.value_type(x);
    let (ity, exp_bits, mant_bits) = match fty {
        ct::F32 => (ct::I32, 8u32, 23u32),
        ct::F64 => (ct::I64, 11, 52),
        _ => return unsupported("is.fpclass on a vector"),
    };
    let le = cranelift_codegen::ir::MemFlagsData::new();
    let bits = t.b.ins().bitcast(ity, le, x);
    let w = ity.bits();
    let abs_mask = (1u128 << (w - 1)) - 1;
    let inf = ((1u128 << exp_bits) - 1) << mant_bits;
    let quiet = inf | (1u128 << (mant_bits - 1));
    let min_norm = 1u128 << mant_bits;
    let abs_mask_v = t.iconst(ity, abs_mask);
    let abs = t.b.ins().band(bits, abs_mask_v);
    let neg = t.b.ins().icmp_imm_s(IntCC::SignedLessThan, bits, 0);
    let pos = t.b.ins().bxor_imm_s(neg, 1);
    let c = |t: &mut FuncTranslator<'_>, cc: IntCC, k: u128| {
        let kv = t.iconst(ity, k);
        t.b.ins().icmp(cc, abs, kv)
    };
    let is_inf = c(t, IntCC::Equal, inf);
    let is_nan = c(t, IntCC::UnsignedGreaterThan, inf);
    let is_qnan = c(t, IntCC::UnsignedGreaterThanOrEqual, quiet);
    let not_q = t.b.ins().bxor_imm_s(is_qnan, 1);
    let is_snan = t.b.ins().band(is_nan, not_q);
    let is_zero = c(t, IntCC::Equal, 0);
    let below_norm = c(t, IntCC::UnsignedLessThan, min_norm);
    let nonzero = t.b.ins().bxor_imm_s(is_zero, 1);
    let is_sub = t.b.ins().band(below_norm, nonzero);
    let at_least_norm = t.b.ins().bxor_imm_s(below_norm, 1);
    let finite = c(t, IntCC::UnsignedLessThan, inf);
    let is_norm = t.b.ins().band(at_least_norm, finite);
    let mut result = t.b.ins().iconst(ct::I8, 0);
    let classes: [(u32, CValue, Option<CValue>); 10] = [
        (0, is_snan, None),
        (1, is_qnan, None),
        (2, is_inf, Some(neg)),
        (3, is_norm, Some(neg)),
        (4, is_sub, Some(neg)),
        (5, is_zero, Some(neg)),
        (6, is_zero, Some(pos)),
        (7, is_sub, Some(pos)),
        (8, is_norm, Some(pos)),
        (9, is_inf, Some(pos)),
    ];
    for (bit, class, sign) in classes {
        if test & (1 << bit) == 0 {
            continue;
        }
        let hit = match sign {
            Some(s) => t.b.ins().band(class, s),
            None => class,
        };
        result = t.b.ins().bor(result, hit);
    }
    Ok(result)
}

/// `llvm.minnum`/`llvm.maxnum` on two floats: the non-NaN operand wins; otherwise the smaller (larger) one.
pub(crate) fn minnum(t: &mut FuncTranslator<'_>, is_min: bool, x: CValue, y: CValue) -> CValue {
    let cc = if is_min { FloatCC::LessThan } else { FloatCC::GreaterThan };
    let x_wins = t.b.ins().fcmp(cc, x, y);
    let y_nan = t.b.ins().fcmp(FloatCC::Unordered, y, y);
    let pick_x = t.b.ins().bor(x_wins, y_nan);
    let x_nan = t.b.ins().fcmp(FloatCC::Unordered, x, x);
    let first = t.b.ins().select(pick_x, x, y);
    t.b.ins().select(x_nan, y, first)
}

/// `llvm.copysign`: x64 Cranelift has `fcopysign` for scalars only, so vectors take the sign bits by a
/// `bitselect`.
fn copysign(t: &mut FuncTranslator<'_>, x: CValue, y: CValue) -> CValue {
    let ty = t.b.func.dfg.value_type(x);
    if !ty.is_vector() {
        return t.b.ins().fcopysign(x, y);
    }
    let lane = ty.lane_type().as_int();
    let sign = t.iconst(lane, 1u128 << (lane.bits() - 1));
    let signs = t.b.ins().splat(ty.as_int(), sign);
    let signs = chunks::recast(t, signs, ty);
    t.b.ins().bitselect(signs, y, x)
}

/// An elementwise intrinsic over the first `n` arguments: on scalars once, on vectors chunk by chunk.
fn elementwise(
    t: &mut FuncTranslator<'_>,
    args: &[Value],
    n: usize,
    f: impl Fn(&mut FuncTranslator<'_>, &[CValue]) -> CValue,
) -> Result<Vec<CValue>, Reason> {
    let mut operands = Vec::with_capacity(n);
    for a in &args[..n] {
        operands.push(t.get(a)?);
    }
    chunks::zip_leaves(t, &operands, |t, x| Ok(f(t, x)))
}

fn widen64(t: &mut FuncTranslator<'_>, v: CValue) -> CValue {
    if t.b.func.dfg.value_type(v).bits() < 64 { t.b.ins().uextend(ct::I64, v) } else { v }
}

fn libm(t: &mut FuncTranslator<'_>, b: &str, ty: &Type, args: &[Value]) -> Result<Vec<CValue>, Reason> {
    let mut vals = Vec::new();
    for a in args {
        vals.push(t.get1(a)?);
    }
    let first = t.b.func.dfg.value_type(vals[0]);
    if first.is_vector() {
        return unsupported(format!("vector llvm.{b}"));
    }
    let single = first == ct::F32;
    let name = match (b, single) {
        ("powi", _) => return unsupported("llvm.powi"),
        ("frexp", _) => return unsupported("llvm.frexp"),
        ("lround" | "llround", false) => "lround",
        ("lround" | "llround", true) => "lroundf",
        ("lrint" | "llrint", false) => "lrint",
        ("lrint" | "llrint", true) => "lrintf",
        (n, false) => n,
        ("round", true) => "roundf",
        ("pow", true) => "powf",
        ("exp", true) => "expf",
        ("exp2", true) => "exp2f",
        ("exp10", true) => "exp10f",
        ("log", true) => "logf",
        ("log2", true) => "log2f",
        ("log10", true) => "log10f",
        ("sin", true) => "sinf",
        ("cos", true) => "cosf",
        ("tan", true) => "tanf",
        ("ldexp", true) => "ldexpf",
        ("asin", true) => "asinf",
        ("acos", true) => "acosf",
        ("atan", true) => "atanf",
        ("atan2", true) => "atan2f",
        ("sinh", true) => "sinhf",
        ("cosh", true) => "coshf",
        ("tanh", true) => "tanhf",
        (n, true) => return unsupported(format!("llvm.{n} on float")),
    };
    let rt = types::scalar(ty)?;
    let r = libcall(t, name, &vals, if rt.is_int() && rt.bits() < 64 { ct::I64 } else { rt })?;
    Ok(vec![if rt.is_int() && rt.bits() < 64 { t.b.ins().ireduce(rt, r) } else { r }])
}

/// `ctpop`, `ctlz`, `cttz`, `bswap`, `bitreverse`; on vectors lane by lane.
fn bits(t: &mut FuncTranslator<'_>, b: &str, ty: &Type, args: &[Value]) -> Result<Vec<CValue>, Reason> {
    if let Type::Vector(_, elem) = ty {
        if !matches!(**elem, Type::Int(8 | 16 | 32 | 64)) {
            return unsupported(format!("llvm.{b} on {ty}"));
        }
        let shape = types::shape_of(ty)?;
        let x = t.get(&args[0])?;
        return chunks::lanewise(t, &[&x], shape, shape, |t, l| Ok(bit_op(t, b, l[0])));
    }
    let x = t.get1(&args[0])?;
    let Type::Int(w) = ty else {
        return unsupported(format!("llvm.{b} on {ty}"));
    };
    let cw = t.b.func.dfg.value_type(x).bits();
    if *w != cw && b != "ctpop" {
        return unsupported(format!("llvm.{b} on i{w}"));
    }
    Ok(vec![bit_op(t, b, x)])
}

/// One of the bit-counting or bit-reordering operations of [`bits`] on a scalar.
fn bit_op(t: &mut FuncTranslator<'_>, b: &str, x: CValue) -> CValue {
    let ins = t.b.ins();
    match b {
        "ctpop" => ins.popcnt(x),
        "ctlz" => ins.clz(x),
        "cttz" => ins.ctz(x),
        "bswap" => ins.bswap(x),
        _ => ins.bitrev(x),
    }
}

/// `fshl`/`fshr`; on vectors lane by lane.
fn funnel(t: &mut FuncTranslator<'_>, left: bool, ty: &Type, args: &[Value]) -> Result<Vec<CValue>, Reason> {
    let rotate = args[0] == args[1];
    if let Type::Vector(_, elem) = ty {
        let Type::Int(w @ (8 | 16 | 32 | 64)) = **elem else {
            return unsupported(format!("funnel shift on {ty}"));
        };
        let shape = types::shape_of(ty)?;
        let (a, b, c) = (t.get(&args[0])?, t.get(&args[1])?, t.get(&args[2])?);
        return chunks::lanewise(t, &[&a, &b, &c], shape, shape, |t, l| {
            Ok(funnel_scalar(t, left, rotate, w, l[0], l[1], l[2]))
        });
    }
    let Type::Int(w) = ty else {
        return unsupported(format!("funnel shift on {ty}"));
    };
    if !matches!(w, 8 | 16 | 32 | 64) {
        return unsupported(format!("funnel shift on i{w}"));
    }
    let (a, b, c) = (t.get1(&args[0])?, t.get1(&args[1])?, t.get1(&args[2])?);
    Ok(vec![funnel_scalar(t, left, rotate, *w, a, b, c)])
}

/// A funnel shift of `iW` scalars (`a` and `b` the same value when `rotate`).
fn funnel_scalar(
    t: &mut FuncTranslator<'_>,
    left: bool,
    rotate: bool,
    w: u32,
    a: CValue,
    b: CValue,
    c: CValue,
) -> CValue {
    if rotate {
        return if left { t.b.ins().rotl(a, c) } else { t.b.ins().rotr(a, c) };
    }
    let w = i64::from(w);
    let s = t.b.ins().band_imm_s(c, w - 1);
    let st = t.b.func.dfg.value_type(s);
    let width = t.b.ins().iconst(st, w);
    let inv = t.b.ins().isub(width, s);
    let (hi, lo) = if left {
        (t.b.ins().ishl(a, s), t.b.ins().ushr(b, inv))
    } else {
        (t.b.ins().ishl(a, inv), t.b.ins().ushr(b, s))
    };
    let combined = t.b.ins().bor(hi, lo);
    let zero = t.b.ins().icmp_imm_s(IntCC::Equal, s, 0);
    t.b.ins().select(zero, if left { a } else { b }, combined)
}

fn overflow(t: &mut FuncTranslator<'_>, b: &str, ty: &Type, args: &[Value]) -> Result<Vec<CValue>, Reason> {
    let (x, y) = (t.get1(&args[0])?, t.get1(&args[1])?);
    let Type::Struct(s) = ty else {
        return unsupported("overflow intrinsic result");
    };
    let Type::Int(w) = s.fields[0] else {
        return unsupported("vector overflow intrinsic");
    };
    if !matches!(w, 8 | 16 | 32 | 64) {
        return odd_overflow(t, b, w, x, y);
    }
    let (v, o) = match b {
        "sadd.with.overflow" => t.b.ins().sadd_overflow(x, y),
        "uadd.with.overflow" => t.b.ins().uadd_overflow(x, y),
        "ssub.with.overflow" => t.b.ins().ssub_overflow(x, y),
        "usub.with.overflow" => t.b.ins().usub_overflow(x, y),
        "smul.with.overflow" => t.b.ins().smul_overflow(x, y),
        _ => t.b.ins().umul_overflow(x, y),
    };
    Ok(vec![v, o])
}

/// Overflow intrinsics on widths Cranelift has no flags for: compute exactly in a wider type, then check the result
/// fits in `w` bits.
fn odd_overflow(t: &mut FuncTranslator<'_>, b: &str, w: u32, x: CValue, y: CValue) -> Result<Vec<CValue>, Reason> {
    if w > 63 {
        return unsupported(format!("overflow intrinsic on i{w}"));
    }
    let signed = b.starts_with('s');
    let wide = ct::I128;
    let ext = |t: &mut FuncTranslator<'_>, v: CValue| {
        let v = if signed { t.sext_in_container(v, w) } else { v };
        if signed { t.b.ins().sextend(wide, v) } else { t.b.ins().uextend(wide, v) }
    };
    let (a, c) = (ext(t, x), ext(t, y));
    let exact = match &b[1..4] {
        "add" => t.b.ins().iadd(a, c),
        "sub" => t.b.ins().isub(a, c),
        _ => t.b.ins().imul(a, c),
    };
    let cty = t.b.func.dfg.value_type(x);
    let narrow = t.b.ins().ireduce(cty, exact);
    let value = t.mask(narrow, w);
    // Back to 128 bits the way the operands were extended: equal iff nothing was lost.
    let back = ext(t, value);
    let overflow = t.b.ins().icmp(IntCC::NotEqual, back, exact);
    Ok(vec![value, overflow])
}

/// `llvm.{s,u}{add,sub}.sat`; on vectors chunk by chunk.
fn saturating(t: &mut FuncTranslator<'_>, b: &str, ty: &Type, args: &[Value]) -> Result<Vec<CValue>, Reason> {
    if let Type::Vector(..) = ty {
        return elementwise(t, args, 2, |t, x| {
            let ins = t.b.ins();
            match b {
                "sadd.sat" => ins.sadd_sat(x[0], x[1]),
                "uadd.sat" => ins.uadd_sat(x[0], x[1]),
                "ssub.sat" => ins.ssub_sat(x[0], x[1]),
                _ => ins.usub_sat(x[0], x[1]),
            }
        });
    }
    let (x, y) = (t.get1(&args[0])?, t.get1(&args[1])?);
    let Type::Int(w) = ty else {
        return unsupported("saturating op on a non-integer");
    };
    if !matches!(w, 8 | 16 | 32 | 64) {
        return unsupported(format!("saturating op on i{w}"));
    }
    let cty = t.b.func.dfg.value_type(x);
    let bits = cty.bits();
    let r = match b {
        "uadd.sat" => {
            let (v, o) = t.b.ins().uadd_overflow(x, y);
            let max = t.iconst(cty, u128::MAX >> (128 - bits));
            t.b.ins().select(o, max, v)
        }
        "usub.sat" => {
            let (v, o) = t.b.ins().usub_overflow(x, y);
            let zero = t.iconst(cty, 0);
            t.b.ins().select(o, zero, v)
        }
        _ => {
            let (v, o) = if b == "sadd.sat" { t.b.ins().sadd_overflow(x, y) } else { t.b.ins().ssub_overflow(x, y) };
            // On overflow the result saturates toward the sign of x (add) or away from y's sign (sub).
            let max = t.iconst(cty, (1u128 << (bits - 1)) - 1);
            let min = t.iconst(cty, 1u128 << (bits - 1));
            let neg = t.b.ins().icmp_imm_s(IntCC::SignedLessThan, x, 0);
            let sat = t.b.ins().select(neg, min, max);
            t.b.ins().select(o, sat, v)
        }
    };
    Ok(vec![r])
}
