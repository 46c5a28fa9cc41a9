//! Code labels as numbers: every `blockaddress` constant becomes the number `tierlift_ir::block_label` gives its
//! block, and every `indirectbr` a `switch` on that number. Tier 0 does the same, so a label stored in memory
//! (by any tier's code, or in a global's initializer) names the same block in every version of its function.
//!
//! Runs on the parsed module before anything is copied from it. The `ptrtoint` each `indirectbr` gains is named
//! [`LABEL_VALUE`], so that instruction numbering (for OSR states) can skip it; the `unreachable` block each gains
//! goes after all original blocks, so block numbers do not move.

use inkwell::module::Module;
use inkwell::values::InstructionOpcode;

use crate::ffi;

/// The name of the `ptrtoint` a lowered `indirectbr` switches on.
pub(crate) const LABEL_VALUE: &str = "tl.label";

/// Lowers every label of `module`.
pub(crate) fn lower(module: &Module<'_>) -> Result<(), String> {
    ffi::replace_block_addresses(module, tierlift_ir::block_label);
    lower_indirect_branches(module)
}

/// Turns every `indirectbr` of the module's bodies into a `switch` on the label number of its destinations
/// (other values reach `unreachable`).
fn lower_indirect_branches(module: &Module<'_>) -> std::result::Result<(), String> {
    let ctx = module.get_context();
    let builder = ctx.create_builder();
    for f in module.get_functions() {
        let blocks = f.get_basic_blocks();
        for bb in &blocks {
            let Some(term) = bb.get_terminator() else { continue };
            if term.get_opcode() != InstructionOpcode::IndirectBr {
                continue;
            }
            let address = term
                .get_operand(0)
                .and_then(|o| o.value())
                .filter(|v| v.is_pointer_value())
                .ok_or("indirectbr without an address")?
                .into_pointer_value();
            let mut cases = Vec::new();
            for i in 1..term.get_num_operands() {
                let dest = term.get_operand(i).and_then(|o| o.block()).ok_or("indirectbr destination")?;
                if cases.iter().any(|(_, d)| *d == dest) {
                    // One switch edge stands for all of them: fine unless phis count the edges.
                    if dest.get_first_instruction().is_some_and(|i| i.get_opcode() == InstructionOpcode::Phi) {
                        return Err("indirectbr lists a destination with phis twice".into());
                    }
                    continue;
                }
                let index = blocks.iter().position(|b| *b == dest).ok_or("indirectbr to another function")?;
                let label = ctx.i64_type().const_int(tierlift_ir::block_label(index as u32), false);
                cases.push((label, dest));
            }
            let bad = ctx.append_basic_block(f, "indirectbr.bad");
            builder.position_at_end(bad);
            builder.build_unreachable().map_err(|e| e.to_string())?;
            builder.position_before(&term);
            let number = builder.build_ptr_to_int(address, ctx.i64_type(), LABEL_VALUE).map_err(|e| e.to_string())?;
            builder.build_switch(number, bad, &cases).map_err(|e| e.to_string())?;
            term.erase_from_basic_block();
        }
    }
    Ok(())
}
