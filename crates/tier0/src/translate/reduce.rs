//! `llvm.vector.reduce.*` over all lanes of all chunks, lane masks included.

use crate::error::{Reason, unsupported};
use crate::translate::arith::imul_vector;
use crate::translate::chunks;
use crate::translator::FuncTranslator;
use crate::types::{self, VectorShape};
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value as CValue, types as ct};
use tierlift_ir::{Type, Value};

/// `llvm.vector.reduce.<op>` with arguments `args` (`fadd`/`fmul` take a start value first).
pub(crate) fn reduce(t: &mut FuncTranslator<'_>, op: &str, args: &[Value]) -> Result<Vec<CValue>, Reason> {
    let ordered = op == "fadd" || op == "fmul";
    let vec_arg = &args[args.len() - 1];
    let vty = t.ty_of(vec_arg);
    let mut shape = types::shape_of(&vty)?;
    let mut v = t.get(vec_arg)?;
    if matches!(&vty, Type::Vector(_, e) if **e == Type::Int(1)) {
        return Ok(vec![reduce_mask(t, op, &v, shape)?]);
    }
    let mut acc = if ordered { Some(t.get1(&args[0])?) } else { None };
    // Integer reductions are associative and commutative: combine the chunks lane-wise first.
    if v.len() > 1 && shape.chunk.lane_type().is_int() {
        let mut folded = v[0];
        for &c in &v[1..] {
            folded = combine(t, op, folded, c)?;
        }
        v = vec![folded];
        shape = VectorShape { lanes: shape.per_chunk(), chunks: 1, ..shape };
    }
    for lane in 0..shape.lanes {
        let x = chunks::extract_lane(t, &v, shape, lane);
        acc = Some(match acc {
            None => x,
            Some(a) => combine(t, op, a, x)?,
        });
    }
    Ok(vec![acc.ok_or("empty vector reduction")?])
}

/// One step of reduction `op`: on scalars, or lane-wise on two chunks (integer operations only).
fn combine(t: &mut FuncTranslator<'_>, op: &str, a: CValue, x: CValue) -> Result<CValue, Reason> {
    Ok(match op {
        "add" => t.b.ins().iadd(a, x),
        "mul" => imul_vector(t, a, x),
        "and" => t.b.ins().band(a, x),
        "or" => t.b.ins().bor(a, x),
        "xor" => t.b.ins().bxor(a, x),
        "smax" => t.b.ins().smax(a, x),
        "smin" => t.b.ins().smin(a, x),
        "umax" => t.b.ins().umax(a, x),
        "umin" => t.b.ins().umin(a, x),
        "fadd" => t.b.ins().fadd(a, x),
        "fmul" => t.b.ins().fmul(a, x),
        // Like llvm.minnum/maxnum: the non-NaN operand wins; otherwise the smaller (larger) one.
        "fmax" | "fmin" => crate::intrinsics::minnum(t, op == "fmin", a, x),
        other => return unsupported(format!("llvm.vector.reduce.{other}")),
    })
}

/// What a reduction over a lane mask computes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MaskTest {
    /// Whether any lane is true.
    Any,
    /// Whether every lane is true.
    All,
    /// Whether an odd number of lanes is true.
    Parity,
}

/// A reduction over `<N x i1>`: "any" (or, umax, smin), "all" (and, mul, umin, smax) or parity (xor, add).
fn reduce_mask(t: &mut FuncTranslator<'_>, op: &str, mask: &[CValue], shape: VectorShape) -> Result<CValue, Reason> {
    // True is all ones, so as a signed number it is -1: smax is "all", smin is "any".
    let test = match op {
        "or" | "umax" | "smin" => MaskTest::Any,
        "and" | "mul" | "umin" | "smax" => MaskTest::All,
        "xor" | "add" => MaskTest::Parity,
        other => return unsupported(format!("llvm.vector.reduce.{other} over a lane mask")),
    };
    // Fold the chunks lane-wise first; the test is then on one chunk's lanes.
    let mut m = mask[0];
    for &c in &mask[1..] {
        m = match test {
            MaskTest::Any => t.b.ins().bor(m, c),
            MaskTest::All => t.b.ins().band(m, c),
            MaskTest::Parity => t.b.ins().bxor(m, c),
        };
    }
    let bits = t.b.ins().vhigh_bits(ct::I64, m);
    let all = (1i64 << shape.per_chunk()) - 1;
    Ok(match test {
        MaskTest::Any => t.b.ins().icmp_imm_s(IntCC::NotEqual, bits, 0),
        MaskTest::All => t.b.ins().icmp_imm_s(IntCC::Equal, bits, all),
        MaskTest::Parity => {
            let n = t.b.ins().popcnt(bits);
            let p = t.b.ins().band_imm_s(n, 1);
            t.b.ins().ireduce(ct::I8, p)
        }
    })
}
