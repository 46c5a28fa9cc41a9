//! Values live across a call that may return twice (`setjmp`, `getcontext`, ...). Cranelift knows no such calls:
//! its register allocator lets values whose ranges do not overlap, as far as the control flow says, share a spill
//! slot, and the control flow does not say that a `longjmp` from later code comes back to the call. A `longjmp`
//! restores the registers of the call, not the frame's slots, so a value live after the call whose slot another
//! value took in between reads garbage after the second return (a C cleanup handler's argument, with
//! `pthread_cleanup_push` in -O1 code, after an asynchronous cancellation). Tier 0 declines a function with such a
//! value; LLVM keeps the slots of a function that calls `setjmp` apart. The addresses of its fixed-size locals are
//! made again at each use in such a function (see `FuncTranslator::get`), so they are never in a slot: at -O0,
//! where everything else is loaded from those locals after the call, nothing is live across it.

use crate::osr::live_at;
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
/// locals aside, see [`address_made_at_uses`]): live into a successor of the call's block, handed by that block to
/// a successor's phi, or used later in the block, and defined before the call.
pub(crate) fn value_live_across(f: &Function, returns_twice: impl Fn(Symbol) -> bool) -> bool {
    let calls: Vec<(usize, u32)> = (0..f.blocks.len())
        .flat_map(|b| {
            let returns_twice = &returns_twice;
            f.block_insts(b)
                .filter(move |(_, inst)| is_returns_twice_call(&inst.op, &inst.operands, returns_twice))
                .map(move |(i, _)| (b, i))
        })
        .collect();
    if calls.is_empty() {
        return false;
    }
    let nargs = f.sig.params.len();
    let slot = |v: &Value| match v {
        Value::Arg(a) => Some(*a as usize),
        Value::Inst(i) => Some(nargs + *i as usize),
        Value::Const(_) => None,
    };
    let mut heads: Vec<usize> = calls.iter().flat_map(|&(b, _)| successors(f, b)).collect();
    heads.sort_unstable();
    heads.dedup();
    let live_in = live_at(f, &heads);
    calls.into_iter().any(|(b, call)| {
        let mut live = vec![false; nargs + f.insts.len()];
        for s in successors(f, b) {
            let Ok(row) = heads.binary_search(&s) else { continue };
            for &v in &live_in[row] {
                live[v as usize] = true;
            }
            for (_, inst) in f.block_insts(s) {
                if let Op::Phi { blocks } = &inst.op {
                    let from_here = inst.operands.iter().zip(blocks).filter(|(_, from)| from.0 as usize == b);
                    for k in from_here.filter_map(|(v, _)| slot(v)) {
                        live[k] = true;
                    }
                }
            }
        }
        for (_, inst) in f.block_insts(b).filter(|(i, _)| *i > call) {
            for k in inst.operands.iter().filter_map(slot) {
                live[k] = true;
            }
        }
        // Defined by the call or after it: computed again after its second return (the call's result arrives in a
        // register each time).
        for (i, _) in f.block_insts(b).filter(|(i, _)| *i >= call) {
            live[nargs + i as usize] = false;
        }
        live.iter().enumerate().any(|(v, &l)| l && !(v >= nargs && address_made_at_uses(f, (v - nargs) as u32)))
    })
}
