//! Which locals hold nothing worth handing to an OSR entry: a non-escaping alloca whose contents every path from a
//! loop header writes whole before it reads them (a local of clang -O0 code declared in the loop's body, such as
//! an interpreter's per-case temporaries). The entry makes such a local anew instead of copying it, and the
//! tier-0 site stores nothing for it; a local kept in a register would otherwise stay live across the whole
//! function to its site, which with a hundred of them made the register allocator's work grow far faster than
//! the function.

use tierlift_ir::{Const, Function, Op, Value};

/// What an instruction does to a local's contents.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Event {
    /// May read them.
    Read,
    /// Overwrites them whole, or ends or starts their lifetime: what was there is never read.
    Write,
}

/// For alloca `a`, whose address is only loaded from, stored to, offset into, copied from or to, or marked (see
/// `osr::non_escaping_alloca`): per block, whether a path from the block's start may read the contents before
/// writing them whole.
pub(crate) fn contents_live_in(
    f: &Function,
    users: &[Vec<(u32, usize)>],
    predecessors: &[Vec<usize>],
    block_of: &[usize],
    a: u32,
) -> Vec<bool> {
    let size = match &f.insts[a as usize].op {
        Op::Alloca { ty, .. } => ty.alloc_size(),
        _ => return vec![true; f.blocks.len()],
    };
    // The first event of each block, by instruction index.
    let mut first: Vec<Option<(u32, Event)>> = vec![None; f.blocks.len()];
    let mut note = |i: u32, e: Event| {
        let b = block_of[i as usize];
        if first[b].is_none_or(|(at, _)| i < at) {
            first[b] = Some((i, e));
        }
    };
    for p in crate::osr::addresses_of(f, users, a) {
        for &(i, j) in &users[p as usize] {
            let user = &f.insts[i as usize];
            match &user.op {
                Op::Load { .. } => note(i, Event::Read),
                // A store through the local's own address of at least its size; one into a part of it neither
                // reads nor replaces the rest.
                Op::Store { volatile: false, .. }
                    if j == 1 && p == a && crate::translator::value_type(f, &user.operands[0]).alloc_size() >= size => {
                }
                Op::Store { volatile: false, .. } if j == 1 && p == a => continue,
                // Stores through a part of it, and the addresses of its parts (their own uses are looked at).
                Op::Store { .. } | Op::Gep { .. } => continue,
                Op::Call { .. } => match user.operands.last() {
                    Some(Value::Const(Const::Intrinsic(n))) if n.starts_with("llvm.lifetime.") => {}
                    // The source of a copy is read; a copy or fill into it may cover only a part.
                    Some(Value::Const(Const::Intrinsic(n)))
                        if j == 1 && (n.starts_with("llvm.memcpy.") || n.starts_with("llvm.memmove.")) =>
                    {
                        note(i, Event::Read);
                        continue;
                    }
                    _ => continue,
                },
                _ => {
                    note(i, Event::Read);
                    continue;
                }
            }
            note(i, Event::Write);
        }
    }
    // Backward: live on entry if the block reads first, or writes nothing and a successor is live on entry.
    let mut live: Vec<bool> = first.iter().map(|e| matches!(e, Some((_, Event::Read)))).collect();
    let mut work: Vec<usize> = (0..f.blocks.len()).filter(|&b| live[b]).collect();
    while let Some(b) = work.pop() {
        for &p in &predecessors[b] {
            if !live[p] && first[p].is_none() {
                live[p] = true;
                work.push(p);
            }
        }
    }
    live
}
