//! Walking use lists and recognizing calls.

use inkwell::values::{
    AnyValueEnum, BasicValue, BasicValueEnum, BasicValueUse, InstructionOpcode, InstructionValue, PointerValue,
};

/// The instruction behind a user value (`None` for a user that is not an instruction, such as a constant
/// expression).
pub(crate) fn as_instruction(v: AnyValueEnum<'_>) -> Option<InstructionValue<'_>> {
    match v {
        AnyValueEnum::InstructionValue(i) => Some(i),
        AnyValueEnum::PhiValue(p) => Some(p.as_instruction()),
        other => BasicValueEnum::try_from(other).ok().and_then(|b| b.as_instruction_value()),
    }
}

/// Each user of a value once, from its first use on (`None` stands for users that are not instructions).
/// Collected up front, so the caller may rewrite them.
pub(crate) fn users(first: Option<BasicValueUse<'_>>) -> Vec<Option<InstructionValue<'_>>> {
    let mut out = Vec::new();
    let mut next = first;
    while let Some(u) = next {
        let user = as_instruction(u.get_user());
        if !out.contains(&user) {
            out.push(user);
        }
        next = u.get_next_use();
    }
    out
}

/// The called value of call or invoke `inst`, if it is a pointer (its last operand).
pub(crate) fn callee(inst: InstructionValue<'_>) -> Option<PointerValue<'_>> {
    let last = inst.get_num_operands().checked_sub(1)?;
    inst.get_operand(last).and_then(|o| o.value()).filter(|v| v.is_pointer_value()).map(|v| v.into_pointer_value())
}

/// The calls and invokes whose callee is `f` (not those that only pass it as an argument).
pub(crate) fn calls_of(f: inkwell::values::FunctionValue<'_>) -> Vec<InstructionValue<'_>> {
    let f = f.as_global_value().as_pointer_value();
    users(f.get_first_use())
        .into_iter()
        .flatten()
        .filter(|i| matches!(i.get_opcode(), InstructionOpcode::Call | InstructionOpcode::Invoke))
        .filter(|i| callee(*i) == Some(f))
        .collect()
}

/// Whether `inst` is a call of a function whose name starts with `prefix`.
pub(crate) fn is_call_to(inst: InstructionValue<'_>, prefix: &str) -> bool {
    inst.get_opcode() == InstructionOpcode::Call
        && callee(inst).is_some_and(|c| c.get_name().to_str().is_ok_and(|name| name.starts_with(prefix)))
}
