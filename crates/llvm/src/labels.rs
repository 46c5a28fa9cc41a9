//! Code labels as numbers: every `blockaddress` constant becomes the number `tierlift_ir::block_label` gives its
//! block, and every `indirectbr` a `switch` on that number. Tier 0 does the same, so a label stored in memory
//! (by any tier's code, or in a global's initializer) names the same block in every version of its function.
//!
//! Also, every `llvm.fmuladd` becomes an `fmul` and an `fadd`: the intrinsic lets a compiler fuse or not, and tier 0
//! does not, so a function gives the same results whichever tier runs it (LLVM would fuse on an FMA-capable host).
//!
//! Runs on the parsed module before anything is copied from it. Each instruction added here is named with the
//! prefix [`ADDED`] (the `ptrtoint` of an `indirectbr`, the `fmul` of an `fmuladd`), so that instruction
//! numbering (for OSR states) can skip it; the `unreachable` block an `indirectbr` gains goes after all original
//! blocks, so block numbers do not move.

use inkwell::module::Module;
use inkwell::values::{BasicValue, BasicValueEnum, InstructionOpcode};

use crate::ffi;

/// The name prefix of instructions this pass adds.
pub(crate) const ADDED: &str = "tl.added";

/// Whether `inst` is the `switch` an `indirectbr` became here: its condition is the number this pass added.
pub(crate) fn is_lowered_indirect_branch(inst: inkwell::values::InstructionValue<'_>) -> bool {
    inst.get_opcode() == InstructionOpcode::Switch
        && inst
            .get_operand(0)
            .and_then(|o| o.value())
            .and_then(|v| v.as_instruction_value())
            .is_some_and(|c| c.get_opcode() == InstructionOpcode::PtrToInt && is_added(c))
}

/// Whether this pass added `inst` (its name has the [`ADDED`] prefix).
pub(crate) fn is_added(inst: inkwell::values::InstructionValue<'_>) -> bool {
    inst.get_name().is_some_and(|n| n.to_bytes().starts_with(ADDED.as_bytes()))
}

/// Lowers every label and every `llvm.fmuladd` of `module`.
pub(crate) fn lower(module: &Module<'_>) -> Result<(), String> {
    ffi::replace_block_addresses(module, tierlift_ir::block_label);
    lower_indirect_branches(module)?;
    unfuse_multiply_adds(module)
}

/// Replaces each `call @llvm.fmuladd.*(a, b, c)` by `fadd (fmul a, b), c`.
fn unfuse_multiply_adds(module: &Module<'_>) -> Result<(), String> {
    let builder = module.get_context().create_builder();
    for f in module.get_functions() {
        let name = f.get_name().to_bytes();
        if !name.starts_with(b"llvm.fmuladd.") {
            continue;
        }
        let calls = crate::uses::users(f.as_global_value().as_pointer_value().get_first_use())
            .into_iter()
            .flatten()
            .filter(|i| i.get_opcode() == InstructionOpcode::Call);
        for call in calls {
            let operand = |k: u32| call.get_operand(k).and_then(|o| o.value()).ok_or("fmuladd operand");
            let (a, b, c) = (operand(0)?, operand(1)?, operand(2)?);
            builder.position_before(&call);
            // No fast-math flags on either: nothing may fuse them again.
            let sum = match (a, b, c) {
                (BasicValueEnum::FloatValue(a), BasicValueEnum::FloatValue(b), BasicValueEnum::FloatValue(c)) => {
                    let m = builder.build_float_mul(a, b, ADDED).map_err(|e| e.to_string())?;
                    builder.build_float_add(m, c, "").map_err(|e| e.to_string())?.as_basic_value_enum()
                }
                (BasicValueEnum::VectorValue(a), BasicValueEnum::VectorValue(b), BasicValueEnum::VectorValue(c)) => {
                    let m = builder.build_float_mul(a, b, ADDED).map_err(|e| e.to_string())?;
                    builder.build_float_add(m, c, "").map_err(|e| e.to_string())?.as_basic_value_enum()
                }
                _ => continue,
            };
            ffi::replace_all_uses_with(call, sum);
            call.erase_from_basic_block();
        }
    }
    Ok(())
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
            let number = builder.build_ptr_to_int(address, ctx.i64_type(), ADDED).map_err(|e| e.to_string())?;
            builder.build_switch(number, bad, &cases).map_err(|e| e.to_string())?;
            term.erase_from_basic_block();
        }
    }
    Ok(())
}
