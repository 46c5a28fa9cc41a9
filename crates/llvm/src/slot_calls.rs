//! Calls through the callee's slot: a direct call of another function of the module calls its stub, which jumps
//! through the function's slot in the function table. Once the callee has code (its slot no longer holds the
//! compile-on-first-call trampoline, which needs the stub to say which function it is), the optimized job can
//! load the slot itself and call what it holds: one indirect call instead of a call and an indirect jump.

use inkwell::AddressSpace;
use inkwell::builder::Builder;
use inkwell::module::Module;
use inkwell::values::BasicValue;

/// Makes the direct calls (and invokes) of the functions named in `slots` (IR name, address of the function's
/// slot) load the callee's code address from its slot and call that. Uses of the functions as values keep their
/// stub addresses. Runs on the optimized module, so nothing moves or merges the loads: each call reads the slot
/// when it is made, and a new tier installed meanwhile is called as through the stub. Returns how many calls
/// changed.
pub(crate) fn call_through_slots(module: &Module<'_>, slots: &[(&str, u64)]) -> Result<usize, String> {
    let context = module.get_context();
    let builder = context.create_builder();
    let ptr = context.ptr_type(AddressSpace::default());
    let mut changed = 0;
    for &(name, slot) in slots {
        let Some(callee) = module.get_function(&crate::extract::bound_name(name)) else { continue };
        let address = context.i64_type().const_int(slot, false).const_to_pointer(ptr);
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
