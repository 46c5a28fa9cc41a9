//! Terminators: `ret`, `br`, `switch`, `indirectbr`, `unreachable`.

use crate::error::Reason;
use crate::profile::SiteKind;
use crate::translator::FuncTranslator;
use cranelift_codegen::ir::{ArgumentPurpose, InstBuilder};
use cranelift_frontend::Switch;
use std::collections::HashMap;
use tierlift_ir::{BlockId, Inst, Op};

pub(crate) fn terminator(t: &mut FuncTranslator<'_>, inst: &Inst) -> Result<(), Reason> {
    match &inst.op {
        // The `musttail` call before it already left the frame.
        Op::Ret if std::mem::take(&mut t.tail_called) => {}
        Op::Ret => {
            let has_sret = t.b.func.signature.params.iter().any(|p| p.purpose == ArgumentPurpose::StructReturn);
            let vals = match inst.operands.first() {
                Some(v) if !has_sret => t.get(v)?,
                _ => Vec::new(),
            };
            t.flush_loop_counts();
            t.dynamic_stack_epilogue();
            if crate::translate::x86_fp80::returned_in_x87(&t.f.sig.ret).is_some() {
                // Returned on the x87 stack: loaded last, as nothing after it may touch that stack.
                crate::translate::x86_fp80::give_results(t, &vals)?;
                t.b.ins().return_(&[]);
                return Ok(());
            }
            t.b.ins().return_(&vals);
        }
        Op::Br(to) => {
            let args = t.edge_args(*to)?;
            t.move_loop_counts(*to);
            let blk = t.block(*to);
            t.b.ins().jump(blk, &args);
        }
        Op::CondBr(yes, no) => {
            let c = t.get1(&inst.operands[0])?;
            let mut loop_edges = Vec::new();
            let yes_args = t.edge_args(*yes)?;
            let (yb, yes_args) = t.loop_edge(*yes, yes_args, &mut loop_edges);
            let no_args = t.edge_args(*no)?;
            let (nb, no_args) = t.loop_edge(*no, no_args, &mut loop_edges);
            match t.profile_site() {
                // The counted edge is the only way into its target: the target counts it when it starts.
                Some((site, SiteKind::Branch { counts_true }))
                    if t.count_on_entry(if counts_true { *yes } else { *no }, site) =>
                {
                    t.b.ins().brif(c, yb, &yes_args, nb, &no_args);
                }
                Some((site, SiteKind::Branch { counts_true })) => {
                    // The counted edge goes through a block that counts it; the other edge costs nothing.
                    let edge = t.b.create_block();
                    if counts_true {
                        t.b.ins().brif(c, edge, &[], nb, &no_args);
                    } else {
                        t.b.ins().brif(c, yb, &yes_args, edge, &[]);
                    }
                    t.b.switch_to_block(edge);
                    t.bump_site(site);
                    if counts_true {
                        t.b.ins().jump(yb, &yes_args);
                    } else {
                        t.b.ins().jump(nb, &no_args);
                    }
                }
                _ => {
                    t.b.ins().brif(c, yb, &yes_args, nb, &no_args);
                }
            }
            t.finish_loop_edges(loop_edges);
        }
        Op::Switch { default, cases } => switch(t, inst, Some(*default), cases)?,
        Op::Unreachable => t.trap(),
        Op::IndirectBr(dests) => {
            // Labels are block numbers in every tier (`block_label`): a switch over the possible destinations.
            let mut cases: Vec<(u128, BlockId)> = Vec::new();
            for d in dests {
                if !cases.iter().any(|c| c.1 == *d) {
                    cases.push((u128::from(tierlift_ir::block_label(d.0)), *d));
                }
            }
            switch(t, inst, None, &cases)?
        }
        _ => unreachable!("not a terminator"),
    }
    Ok(())
}

/// A multiway branch on operand 0; without a `default`, other values trap.
fn switch(
    t: &mut FuncTranslator<'_>,
    inst: &Inst,
    default: Option<BlockId>,
    cases: &[(u128, BlockId)],
) -> Result<(), Reason> {
    let v = t.get1(&inst.operands[0])?;
    // A profiled switch counts each destination in the word of the first successor operand naming it.
    let site = match t.profile_site() {
        Some((site, SiteKind::Switch { .. })) if default.is_some() => Some(site),
        _ => None,
    };
    // Targets with phis, and targets of a profiled switch that others lead to as well, are reached through an edge
    // block.
    let mut targets: HashMap<BlockId, cranelift_codegen::ir::Block> = HashMap::new();
    let mut edges = Vec::new();
    let all: Vec<BlockId> = default.into_iter().chain(cases.iter().map(|c| c.1)).collect();
    for (position, to) in all.into_iter().enumerate() {
        if targets.contains_key(&to) {
            continue;
        }
        let args = t.edge_args(to)?;
        let mut counter = site.map(|s| s + 8 * position as u64);
        // A destination this switch is the only way into counts itself when it starts.
        if let Some(c) = counter.filter(|_| args.is_empty())
            && t.count_on_entry(to, c)
        {
            counter = None;
        }
        let blk = if args.is_empty() && counter.is_none() && !t.edge_moves_loop_counts(to) {
            t.block(to)
        } else {
            let edge = t.b.create_block();
            edges.push((edge, to, args, counter));
            edge
        };
        targets.insert(to, blk);
    }
    let trap = default.is_none().then(|| t.b.create_block());
    let otherwise = match (default, trap) {
        (Some(d), _) => targets[&d],
        (None, Some(trap)) => trap,
        (None, None) => unreachable!("a trap block exists without a default"),
    };
    let mut sw = Switch::new();
    for (value, to) in cases {
        sw.set_entry(*value, targets[to]);
    }
    sw.emit(&mut t.b, v, otherwise);
    for (edge, to, args, counter) in edges {
        t.b.switch_to_block(edge);
        if let Some(counter) = counter {
            t.bump_site(counter);
        }
        t.move_loop_counts(to);
        let blk = t.block(to);
        t.b.ins().jump(blk, &args);
    }
    if let Some(trap) = trap {
        t.b.switch_to_block(trap);
        t.trap();
    }
    Ok(())
}
