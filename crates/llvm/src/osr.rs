//! On-stack-replacement entries: the job's function re-entered at a loop header with the live state of a running
//! tier-0 frame.
//!
//! The version becomes `ret (ptr %state)`. Its new entry block loads state slot `k` (16 bytes each, at offset
//! `16 * k`) and branches to the loop header. Parameters are replaced by their loaded values. Each header phi in
//! the state gets the loaded value as its incoming value from the new entry. Every other instruction in the state
//! is demoted to a stack slot that starts with the loaded value and is rewritten whenever the instruction runs
//! again (an inner loop's header can be dominated by an outer loop's body), which SROA turns back into SSA.
//! Blocks that only led to the header from the old entry become unreachable and are deleted by the optimizer.

use inkwell::attributes::AttributeLoc;
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::module::{Linkage, Module};
use inkwell::types::{BasicType, BasicTypeEnum};
use inkwell::values::{
    AnyValue, BasicValue, BasicValueEnum, FunctionValue, InstructionOpcode, InstructionValue, PhiValue,
};

use crate::uses::is_call_to;
use crate::{OsrRequest, OsrValue};

/// Instructions of `f` in layout order, skipping debug-intrinsic calls and what label lowering added: the
/// numbering [`OsrValue::Inst`] uses.
pub(crate) fn numbered<'ctx>(f: FunctionValue<'ctx>) -> Vec<InstructionValue<'ctx>> {
    let mut out = Vec::new();
    for bb in f.get_basic_block_iter() {
        for inst in bb.get_instructions() {
            let added = crate::labels::is_added(inst);
            if !added && !is_call_to(inst, "llvm.dbg.") {
                out.push(inst);
            }
        }
    }
    out
}

/// The values of `version`'s body that `state` names (see [`OsrValue`]).
pub(crate) fn resolve_state<'ctx>(
    version: FunctionValue<'ctx>,
    state: &[OsrValue],
) -> Result<Vec<BasicValueEnum<'ctx>>, String> {
    let insts = numbered(version);
    let params = version.get_params();
    let mut out = Vec::with_capacity(state.len());
    for v in state {
        let value = match *v {
            OsrValue::Arg(i) => *params.get(i as usize).ok_or("OSR state names a missing parameter")?,
            OsrValue::Inst(i) | OsrValue::Local(i) | OsrValue::DeadLocal(i) => {
                let inst = *insts.get(i as usize).ok_or("OSR state names a missing instruction")?;
                inst.as_any_value_enum().try_into().map_err(|_| "OSR state names an instruction without a value")?
            }
        };
        if value.get_type().size_of().is_none() {
            return Err("unsized OSR state value".into());
        }
        out.push(value);
    }
    Ok(out)
}

/// Rewrites `version` (named `name`) into its OSR entry for `req`; returns the new function, which takes the name.
pub(crate) fn build_entry<'ctx>(
    module: &Module<'ctx>,
    version: FunctionValue<'ctx>,
    name: &str,
    req: &OsrRequest<'_>,
) -> Result<FunctionValue<'ctx>, String> {
    let ctx = module.get_context();
    let blocks = version.get_basic_blocks();
    let header = *blocks.get(req.header as usize).ok_or("OSR header block out of range")?;
    if req.header == 0 {
        return Err("the entry block cannot be a loop header".into());
    }
    let params = version.get_params();
    let state = resolve_state(version, req.state)?;

    // What the entry does with each local, found before the body changes (see `osr_locals`): tier-0 locals are
    // always copied; a local used in the frame is copied when the entry can keep it to itself.
    let entry_block = version.get_first_basic_block();
    let plans: Vec<Option<crate::osr_locals::LocalPlan<'ctx>>> = state
        .iter()
        .zip(req.state)
        .map(|(value, kind)| {
            let inst = value.as_instruction_value().filter(|i| i.get_opcode() == InstructionOpcode::Alloca)?;
            let plan = crate::osr_locals::plan(version, inst, header, &state);
            match kind {
                OsrValue::Local(_) => Some(plan),
                // One object of the allocated type (the copy covers that much), made once, in the entry block.
                OsrValue::Inst(_) if plan.private && inst.get_parent() == entry_block && single_object(inst) => {
                    Some(plan)
                }
                _ => None,
            }
        })
        .collect();

    let ptr = ctx.ptr_type(inkwell::AddressSpace::default());
    let fn_type = match version.get_type().get_return_type() {
        Some(ret) => ret.fn_type(&[ptr.into()], false),
        None => ctx.void_type().fn_type(&[ptr.into()], false),
    };
    let entry_fn = module.add_function(&format!("{name}.osr.build"), fn_type, Some(Linkage::External));
    // The function's own attributes go with its body: `uwtable(async)` above all, without which the entry's unwind
    // information is exact only at its calls, and an asynchronous unwind (a thread cancelled in the middle of the
    // loop) reads wrong frames. Not what would keep the entry from being optimized.
    let left_out = ["optnone", "noinline"].map(inkwell::attributes::Attribute::get_named_enum_kind_id);
    for attr in version.attributes(AttributeLoc::Function) {
        if !(attr.is_enum() && left_out.contains(&attr.get_enum_kind_id())) {
            entry_fn.add_attribute(AttributeLoc::Function, attr);
        }
    }
    let entry = ctx.append_basic_block(entry_fn, "osr.entry");
    for bb in &blocks {
        bb.remove_from_function().map_err(|()| "cannot detach a basic block".to_string())?;
        entry_fn.append_existing_basic_block(*bb);
    }
    let builder = ctx.create_builder();
    builder.position_at_end(entry);
    let state_ptr = entry_fn.get_nth_param(0).ok_or("missing state parameter")?.into_pointer_value();
    let i8t = ctx.i8_type();
    let mut loaded = Vec::with_capacity(state.len());
    for (k, value) in state.iter().enumerate() {
        let offset = ctx.i64_type().const_int(16 * k as u64, false);
        let at = build_gep(&builder, i8t.as_basic_type_enum(), state_ptr, offset)?;
        let v = builder.build_load(value.get_type(), at, &format!("osr.s{k}")).map_err(|e| e.to_string())?;
        loaded.push(v);
    }
    // Parameters outside the state are only used where the entry never goes (the old way to the header).
    for p in &params {
        if !state.contains(p) {
            crate::ffi::replace_all_uses_with(*p, undef(p.get_type()));
        }
    }
    for (((value, load), plan), kind) in state.iter().zip(&loaded).zip(&plans).zip(req.state) {
        if let (OsrValue::DeadLocal(_), Some(inst)) = (kind, value.as_instruction_value()) {
            // Nothing to copy.
            let (local, _) = fresh_local(&builder, entry, inst)?;
            crate::ffi::replace_all_uses_with(*value, local);
            continue;
        }
        if let (Some(plan), Some(inst)) = (plan, value.as_instruction_value()) {
            // A private copy the optimizer can promote to registers; the frame's object is dead after the entry.
            let (local, align) = fresh_local(&builder, entry, inst)?;
            let ty = inst.get_allocated_type().map_err(|e| e.to_string())?;
            let size = ty.size_of().ok_or("unsized local")?;
            match &plan.replay {
                Some(writes) => crate::osr_locals::replay(&builder, writes)?,
                None => {
                    builder
                        .build_memcpy(local, align, load.into_pointer_value(), 1, size)
                        .map_err(|e| e.to_string())?;
                }
            }
            crate::ffi::replace_all_uses_with(*value, local);
            continue;
        }
        match value.as_instruction_value() {
            None => {
                // A parameter: constant for the whole call.
                crate::ffi::replace_all_uses_with(*value, *load);
            }
            Some(inst) if inst.get_opcode() == InstructionOpcode::Phi && inst.get_parent() == Some(header) => {
                let phi: PhiValue<'ctx> = inst.try_into().map_err(|_| "not a phi")?;
                phi.add_incoming(&[(load, entry)]);
            }
            Some(inst) => demote(&builder, entry, inst, *value, *load)?,
        }
    }
    builder.position_at_end(entry);
    builder.build_unconditional_branch(header).map_err(|e| e.to_string())?;
    // Lifetime markers of demoted allocas would now see loads instead of allocas.
    let lifetimes: Vec<_> = entry_fn
        .get_basic_block_iter()
        .flat_map(|bb| bb.get_instructions().collect::<Vec<_>>())
        .filter(|i| is_call_to(*i, "llvm.lifetime."))
        .collect();
    for i in lifetimes {
        i.erase_from_basic_block();
    }
    // The body moved: the personality routine goes with it (a declaration must not have one).
    if let Some(personality) = version.get_personality_function() {
        entry_fn.set_personality_function(personality);
        crate::ffi::clear_personality(version);
    }
    // The job's unused private aliases point at the version (see `extract`), which has no body now.
    for alias in crate::ffi::global_aliases(module) {
        if crate::ffi::aliasee(alias).is(version.as_global_value()) {
            crate::ffi::set_aliasee(alias, entry_fn);
        }
    }
    version.as_global_value().set_name(&format!("{name}.osr.body"));
    entry_fn.as_global_value().set_name(name);
    Ok(entry_fn)
}

/// A local of the entry like alloca `inst` (its type and alignment), at the end of block `entry`, and its
/// alignment.
fn fresh_local<'ctx>(
    builder: &Builder<'ctx>,
    entry: BasicBlock<'ctx>,
    inst: InstructionValue<'ctx>,
) -> Result<(inkwell::values::PointerValue<'ctx>, u32), String> {
    let ty = inst.get_allocated_type().map_err(|e| e.to_string())?;
    let align = inst.get_alignment().map_err(|e| e.to_string())?.max(1);
    builder.position_at_end(entry);
    let local = builder.build_alloca(ty, "osr.local").map_err(|e| e.to_string())?;
    if let Some(a) = local.as_instruction() {
        a.set_alignment(align).map_err(|e| e.to_string())?;
    }
    Ok((local, align))
}

/// Whether alloca `inst` allocates one object (its count is the constant 1).
fn single_object(inst: InstructionValue<'_>) -> bool {
    matches!(
        inst.get_operand(0).and_then(|o| o.value()),
        Some(BasicValueEnum::IntValue(n)) if n.get_zero_extended_constant() == Some(1)
    )
}

/// `undef` of a basic type.
fn undef(t: BasicTypeEnum<'_>) -> BasicValueEnum<'_> {
    match t {
        BasicTypeEnum::ArrayType(t) => t.get_undef().into(),
        BasicTypeEnum::FloatType(t) => t.get_undef().into(),
        BasicTypeEnum::IntType(t) => t.get_undef().into(),
        BasicTypeEnum::PointerType(t) => t.get_undef().into(),
        BasicTypeEnum::StructType(t) => t.get_undef().into(),
        BasicTypeEnum::VectorType(t) => t.get_undef().into(),
        BasicTypeEnum::ScalableVectorType(t) => t.get_undef().into(),
    }
}

pub(crate) fn build_gep<'ctx>(
    builder: &Builder<'ctx>,
    elem: BasicTypeEnum<'ctx>,
    base: inkwell::values::PointerValue<'ctx>,
    offset: inkwell::values::IntValue<'ctx>,
) -> Result<inkwell::values::PointerValue<'ctx>, String> {
    // SAFETY: the offset stays inside the caller's state buffer (one 16-byte slot per value); LLVM does not
    // dereference anything here.
    unsafe { builder.build_in_bounds_gep(elem, base, &[offset], "osr.at") }.map_err(|e| e.to_string())
}

/// Demotes `inst` to a stack slot initialized with `initial` in `entry`, stored again after every execution of
/// `inst`, and loaded at each use.
fn demote<'ctx>(
    builder: &Builder<'ctx>,
    entry: BasicBlock<'ctx>,
    inst: InstructionValue<'ctx>,
    value: BasicValueEnum<'ctx>,
    initial: BasicValueEnum<'ctx>,
) -> Result<(), String> {
    let err = |e: inkwell::builder::BuilderError| e.to_string();
    let ty = value.get_type();
    // Collect the users before adding the store that would be one.
    let users: Vec<InstructionValue<'ctx>> = crate::uses::users(inst.get_first_use()).into_iter().flatten().collect();
    match entry.get_first_instruction() {
        Some(first) => builder.position_before(&first),
        None => builder.position_at_end(entry),
    }
    let slot = builder.build_alloca(ty, "osr.slot").map_err(err)?;
    builder.position_at_end(entry);
    builder.build_store(slot, initial).map_err(err)?;
    // Store the new value whenever the instruction runs again.
    let block = inst.get_parent().ok_or("detached instruction")?;
    if inst.get_opcode() == InstructionOpcode::Phi {
        match block.get_instructions().find(|i| i.get_opcode() != InstructionOpcode::Phi) {
            Some(first) => builder.position_before(&first),
            None => return Err("block of phis without terminator".into()),
        }
    } else if inst.get_opcode() == InstructionOpcode::Invoke {
        // An invoke's value exists on its normal edge: stored at the start of its normal destination, which must
        // be reached from the invoke alone (as clang's `invoke.cont` blocks are).
        let normal = crate::ffi::successor(inst, 0).ok_or("an invoke without a normal destination")?;
        let only_from_here = normal.get_first_use().is_some_and(|u| u.get_next_use().is_none());
        match normal.get_instructions().find(|i| i.get_opcode() != InstructionOpcode::Phi) {
            Some(first) if only_from_here => builder.position_before(&first),
            _ => return Err("an invoke's value whose normal destination is shared cannot be OSR state".into()),
        }
    } else {
        match inst.get_next_instruction() {
            Some(next) => builder.position_before(&next),
            None => return Err("a terminator cannot be OSR state".into()),
        }
    }
    builder.build_store(slot, value).map_err(err)?;
    for user in users {
        let is_phi = user.get_opcode() == InstructionOpcode::Phi;
        // A phi may list one predecessor more than once (a switch with several cases to one block); those entries
        // must keep one value, so they share one reload.
        let mut reloads: Vec<(BasicBlock<'ctx>, BasicValueEnum<'ctx>)> = Vec::new();
        for j in 0..user.get_num_operands() {
            let Some(op) = user.get_operand(j).and_then(|o| o.value()) else { continue };
            if op != value {
                continue;
            }
            let l = if is_phi {
                let phi: PhiValue<'ctx> = user.try_into().map_err(|_| "not a phi")?;
                let (_, pred) = phi.get_incoming(j).ok_or("phi incoming out of range")?;
                match reloads.iter().find(|(b, _)| *b == pred) {
                    Some((_, l)) => *l,
                    None => {
                        let term = pred.get_terminator().ok_or("predecessor without terminator")?;
                        builder.position_before(&term);
                        let l = builder.build_load(ty, slot, "osr.reload").map_err(err)?;
                        reloads.push((pred, l));
                        l
                    }
                }
            } else {
                builder.position_before(&user);
                builder.build_load(ty, slot, "osr.reload").map_err(err)?
            };
            if !user.set_operand(j, l) {
                return Err("cannot rewrite an operand".into());
            }
        }
    }
    Ok(())
}
