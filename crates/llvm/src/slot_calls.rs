//! Calls through the callee's slot: a direct call of another function of the module calls its stub, which jumps
//! through the function's slot in the function table. A slot always holds code that needs nothing from its
//! caller (before the function's first compile, an entry that tells the trampoline which function it is), so the
//! optimized job can load the slot itself and call what it holds: one indirect call instead of a call and an
//! indirect jump.

use inkwell::AddressSpace;
use inkwell::IntPredicate;
use inkwell::builder::Builder;
use inkwell::module::Module;
use inkwell::values::{BasicValue, FunctionValue, InstructionOpcode, PointerValue};

/// Makes the direct calls (and invokes) of the functions named in `slots` (IR name, address of the function's
/// slot) load the callee's code address from its slot and call that. Uses of the functions as values keep their
/// stub addresses. Runs on the optimized module, so nothing moves or merges the loads: each call reads the slot
/// when it is made, and a new tier installed meanwhile is called as through the stub. Returns how many calls
/// changed.
pub(crate) fn call_through_slots(module: &Module<'_>, slots: &[(&str, u64)]) -> Result<usize, String> {
    let builder = module.get_context().create_builder();
    let ptr = module.get_context().ptr_type(AddressSpace::default());
    let mut changed = 0;
    for (callee, address) in functions_and_slots(module, slots) {
        for call in crate::uses::calls_of(callee) {
            builder.position_before(&call);
            let code = load_slot(&builder, ptr, address)?;
            let last = call.get_num_operands() - 1;
            if call.set_operand(last, code) {
                changed += 1;
            }
        }
    }
    Ok(changed)
}

/// Makes every equality comparison of a pointer with a function named in `entries` (IR name, address of the
/// function's slot) also accept what the slot holds: a C++ virtual table entry holds its function's current code,
/// not its stub, so a promoted virtual call's guard (`icmp eq ptr %loaded, @f`) must also compare with the code.
/// Runs on the optimized module (each comparison reads the slot when it is made). Returns how many comparisons
/// changed.
pub(crate) fn compare_with_slots(module: &Module<'_>, entries: &[(&str, u64)]) -> Result<usize, String> {
    let builder = module.get_context().create_builder();
    let ptr = module.get_context().ptr_type(AddressSpace::default());
    let mut changed = 0;
    for (f, address) in functions_and_slots(module, entries) {
        let f = f.as_global_value().as_pointer_value();
        for compare in crate::uses::users(f.get_first_use()).into_iter().flatten() {
            let predicate = match compare.get_icmp_predicate() {
                Some(p @ (IntPredicate::EQ | IntPredicate::NE)) if compare.get_opcode() == InstructionOpcode::ICmp => p,
                _ => continue,
            };
            let operand = |k| compare.get_operand(k).and_then(|o| o.value()).map(|v| v.into_pointer_value());
            let (Some(a), Some(b)) = (operand(0), operand(1)) else { continue };
            let other = if a == f { b } else { a };
            builder.position_before(&compare);
            let with_stub = builder.build_int_compare(predicate, other, f, "tl.stub").map_err(|e| e.to_string())?;
            let code = load_slot(&builder, ptr, address)?;
            let with_code = builder.build_int_compare(predicate, other, code, "tl.code").map_err(|e| e.to_string())?;
            let either = match predicate {
                IntPredicate::EQ => builder.build_or(with_stub, with_code, "tl.entry"),
                _ => builder.build_and(with_stub, with_code, "tl.entry"),
            }
            .map_err(|e| e.to_string())?;
            let either = either.as_instruction_value().ok_or("comparison folded to a constant")?;
            compare.replace_all_uses_with(&either);
            compare.erase_from_basic_block();
            changed += 1;
        }
    }
    Ok(changed)
}

/// The functions of `module` named in `slots` (IR name, address of the function's slot), each with its slot's
/// address as a pointer constant; names the module does not hold are skipped.
fn functions_and_slots<'ctx>(
    module: &Module<'ctx>,
    slots: &[(&str, u64)],
) -> Vec<(FunctionValue<'ctx>, PointerValue<'ctx>)> {
    let context = module.get_context();
    let ptr = context.ptr_type(AddressSpace::default());
    slots
        .iter()
        .filter_map(|&(name, slot)| {
            let f = module.get_function(&crate::extract::bound_name(name))?;
            Some((f, context.i64_type().const_int(slot, false).const_to_pointer(ptr)))
        })
        .collect()
}

fn load_slot<'ctx>(
    builder: &Builder<'ctx>,
    ptr: inkwell::types::PointerType<'ctx>,
    slot: inkwell::values::PointerValue<'ctx>,
) -> Result<inkwell::values::PointerValue<'ctx>, String> {
    let load = builder.build_load(ptr, slot, "tl.slot").map_err(|e| e.to_string())?;
    if let Some(inst) = load.as_instruction_value() {
        inst.set_alignment(8).map_err(|e| e.to_string())?;
    }
    Ok(load.into_pointer_value())
}
