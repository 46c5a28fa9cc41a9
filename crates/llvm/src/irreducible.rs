//! Finding irreducible control flow (cycles with more than one entry), which LLVM's `fix-irreducible` pass turns
//! into natural loops. In LLVM 19 that pass crashes on a cycle entered through a `switch` (every lowered
//! `indirectbr` is one), so the OSR pipeline lowers switches first in modules that have such cycles.

use std::collections::HashMap;

use inkwell::basic_block::BasicBlock;
use inkwell::module::Module;
use inkwell::values::{FunctionValue, InstructionOpcode};

/// Whether some function body of `module` (available_externally ones included) has a `switch` and irreducible
/// control flow.
pub(crate) fn has_irreducible_switch(module: &Module<'_>) -> bool {
    module.get_functions().any(|f| {
        f.count_basic_blocks() > 0
            && f.get_basic_block_iter()
                .any(|bb| bb.get_terminator().is_some_and(|t| t.get_opcode() == InstructionOpcode::Switch))
            && is_irreducible(f)
    })
}

fn successors(bb: BasicBlock<'_>) -> Vec<BasicBlock<'_>> {
    let Some(t) = bb.get_terminator() else { return Vec::new() };
    (0..t.get_num_operands()).filter_map(|i| t.get_operand(i).and_then(|o| o.block())).collect()
}

/// Whether `f`'s control-flow graph is irreducible: some retreating edge of a depth-first walk from the entry goes
/// to a block that does not dominate its source.
fn is_irreducible(f: FunctionValue<'_>) -> bool {
    let blocks = f.get_basic_blocks();
    let index: HashMap<BasicBlock<'_>, usize> = blocks.iter().enumerate().map(|(i, b)| (*b, i)).collect();
    let succ: Vec<Vec<usize>> =
        blocks.iter().map(|b| successors(*b).iter().filter_map(|s| index.get(s).copied()).collect()).collect();
    // Depth-first walk: postorder numbers and the retreating edges (to a block still on the walk's stack).
    let n = blocks.len();
    let (mut post, mut on_stack, mut seen) = (vec![usize::MAX; n], vec![false; n], vec![false; n]);
    let mut order = Vec::with_capacity(n);
    let mut retreating = Vec::new();
    let mut stack = vec![(0usize, 0usize)];
    seen[0] = true;
    on_stack[0] = true;
    while let Some(&mut (b, ref mut next)) = stack.last_mut() {
        if let Some(&s) = succ[b].get(*next) {
            *next += 1;
            if on_stack[s] {
                retreating.push((b, s));
            } else if !seen[s] {
                seen[s] = true;
                on_stack[s] = true;
                stack.push((s, 0));
            }
        } else {
            on_stack[b] = false;
            post[b] = order.len();
            order.push(b);
            stack.pop();
        }
    }
    if retreating.is_empty() {
        return false;
    }
    // Immediate dominators (Cooper, Harvey and Kennedy's iteration over reverse postorder).
    let mut preds = vec![Vec::new(); n];
    for (b, ss) in succ.iter().enumerate() {
        if seen[b] {
            for &s in ss {
                preds[s].push(b);
            }
        }
    }
    let mut idom = vec![usize::MAX; n];
    idom[0] = 0;
    let mut changed = true;
    while changed {
        changed = false;
        for &b in order.iter().rev().skip(1) {
            let mut new = usize::MAX;
            for &p in &preds[b] {
                if idom[p] == usize::MAX {
                    continue;
                }
                new = if new == usize::MAX { p } else { intersect(&idom, &post, p, new) };
            }
            if new != idom[b] {
                idom[b] = new;
                changed = true;
            }
        }
    }
    let dominates = |a: usize, mut b: usize| loop {
        if a == b {
            return true;
        }
        if b == 0 || idom[b] == usize::MAX {
            return false;
        }
        b = idom[b];
    };
    retreating.iter().any(|&(from, to)| !dominates(to, from))
}

fn intersect(idom: &[usize], post: &[usize], mut a: usize, mut b: usize) -> usize {
    while a != b {
        while post[a] < post[b] {
            a = idom[a];
        }
        while post[b] < post[a] {
            b = idom[b];
        }
    }
    a
}
