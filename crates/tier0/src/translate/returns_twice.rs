//! Values live across a call that may return twice (`setjmp`, `getcontext`, ...). Cranelift knows no such calls:
//! its register allocator lets values whose ranges do not overlap, as far as the control flow says, share a spill
//! slot, and the control flow does not say that a `longjmp` from later code comes back to the call. A `longjmp`
//! restores the registers of the call, not the frame's slots, so a value live after the call whose slot another
//! value took in between reads garbage after the second return (a C cleanup handler's argument, with
//! `pthread_cleanup_push` in -O1 code, after an asynchronous cancellation). Tier 0 declines a function with such a
//! value; LLVM keeps the slots of a function that calls `setjmp` apart. The addresses of its fixed-size locals are
//! made again at each use in such a function (see `FuncTranslator::get`), so they are never in a slot: at -O0,
//! where everything else is loaded from those locals after the call, nothing is live across it.

use crate::translator::successors;
use tierlift_ir::{Const, Function, Op, Symbol, Value};

/// Whether `f` calls something that may return twice.
pub(crate) fn calls_returns_twice(f: &Function, returns_twice: &impl Fn(Symbol) -> bool) -> bool {
    f.insts.iter().any(|inst| is_returns_twice_call(&inst.op, &inst.operands, returns_twice))
}

fn is_returns_twice_call(op: &Op, operands: &[Value], returns_twice: &impl Fn(Symbol) -> bool) -> bool {
    matches!(op, Op::Call { .. })
        && matches!(operands.last(), Some(Value::Const(Const::Symbol(s))) if returns_twice(*s))
}

/// Whether the address of alloca `i` of a function that calls something that may return twice is made again at
/// each use: a local of a fixed size in the entry block, aligned to at most 16 bytes (a frame slot of its own).
pub(crate) fn address_made_at_uses(f: &Function, i: u32) -> bool {
    let inst = &f.insts[i as usize];
    let Op::Alloca { ty, align } = &inst.op else { return false };
    f.blocks.first().is_some_and(|b| (b.start..b.end).contains(&i))
        && matches!(inst.operands.first(), Some(Value::Const(Const::Int(..))))
        && (*align).max(ty.align()) <= 16
}

/// Whether a value of `f` is live right after one of its calls that may return twice (its addresses of fixed-size
/// locals aside, see [`address_made_at_uses`]).
pub(crate) fn value_live_across(f: &Function, returns_twice: impl Fn(Symbol) -> bool) -> bool {
    if !calls_returns_twice(f, &returns_twice) {
        return false;
    }
    let nargs = f.sig.params.len();
    let words = (nargs + f.insts.len()).div_ceil(64);
    let index = |v: &Value| match v {
        Value::Arg(a) => Some(*a as usize),
        Value::Inst(i) => Some(nargs + *i as usize),
        _ => None,
    };
    let set = |bits: &mut [u64], k: usize| bits[k / 64] |= 1 << (k % 64);
    let nblocks = f.blocks.len();
    // Per block: what it uses before defining it (phi operands count on the edge, in the predecessor's live-out),
    // what it defines, and the phi operands each predecessor hands it.
    let mut uses = vec![vec![0u64; words]; nblocks];
    let mut defs = vec![vec![0u64; words]; nblocks];
    let mut edge_uses = vec![vec![0u64; words]; nblocks];
    for b in 0..nblocks {
        for (i, inst) in f.block_insts(b) {
            if let Op::Phi { blocks } = &inst.op {
                for (v, from) in inst.operands.iter().zip(blocks) {
                    if let Some(k) = index(v) {
                        set(&mut edge_uses[from.0 as usize], k);
                    }
                }
            } else {
                for v in &inst.operands {
                    if let Some(k) = index(v)
                        && defs[b][k / 64] & (1 << (k % 64)) == 0
                    {
                        set(&mut uses[b], k);
                    }
                }
            }
            set(&mut defs[b], nargs + i as usize);
        }
    }
    // Live-in and live-out of every block, to a fixed point.
    let succs: Vec<Vec<usize>> = (0..nblocks).map(|b| successors(f, b)).collect();
    let mut live_in = vec![vec![0u64; words]; nblocks];
    let mut live_out = vec![vec![0u64; words]; nblocks];
    let mut changed = true;
    while changed {
        changed = false;
        for b in (0..nblocks).rev() {
            let mut out = edge_uses[b].clone();
            for &s in &succs[b] {
                for (o, x) in out.iter_mut().zip(&live_in[s]) {
                    *o |= x;
                }
            }
            let inn: Vec<u64> = (0..words).map(|w| uses[b][w] | (out[w] & !defs[b][w])).collect();
            if inn != live_in[b] || out != live_out[b] {
                live_in[b] = inn;
                live_out[b] = out;
                changed = true;
            }
        }
    }
    let remade: Vec<bool> = (0..f.insts.len() as u32).map(|i| address_made_at_uses(f, i)).collect();
    (0..nblocks).any(|b| {
        let insts: Vec<(u32, &tierlift_ir::Inst)> = f.block_insts(b).collect();
        // Walk the block backwards from its live-out; at each call that may return twice, what is live after it.
        let mut live = live_out[b].clone();
        for (i, inst) in insts.into_iter().rev() {
            let k = nargs + i as usize;
            live[k / 64] &= !(1 << (k % 64));
            // Live after the call and defined before it (its own result arrives in a register each time).
            if is_returns_twice_call(&inst.op, &inst.operands, &returns_twice) {
                let risky = live.iter().enumerate().any(|(w, bits)| {
                    (0..64).any(|k| {
                        let v = w * 64 + k;
                        bits & (1 << k) != 0 && !(v >= nargs && remade[v - nargs])
                    })
                });
                if risky {
                    return true;
                }
            }
            if !matches!(inst.op, Op::Phi { .. }) {
                for v in &inst.operands {
                    if let Some(k) = index(v) {
                        set(&mut live, k);
                    }
                }
            }
        }
        false
    })
}
