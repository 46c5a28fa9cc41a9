//! The entry counter inserted as LLVM IR into functions compiled by the LLVM O0 fallback (functions tier 0
//! cannot translate), so that they still tier up.

use inkwell::AtomicOrdering;
use inkwell::IntPredicate;
use inkwell::context::ContextRef;
use inkwell::values::{FunctionValue, InstructionOpcode, InstructionValue, PointerValue};
use inkwell::{AddressSpace, basic_block::BasicBlock, builder::Builder, values::BasicValueEnum};

use crate::CounterSpec;

/// Inserts at the entry of `f`:
///
/// ```llvm
/// tl.entry:                                   ; new entry; the old entry's static allocas move here
///   %t = load atomic i64, ptr <threshold> monotonic, align 8
///   %quiet = icmp eq i64 %t, 0                 ; SILENT_THRESHOLD: nothing to count
///   br i1 %quiet, label %old.entry, label %tl.count
/// tl.count:
///   %c = load atomic i64, ptr <entry_counter> monotonic, align 8
///   %n = add i64 %c, 1
///   store atomic i64 %n, ptr <entry_counter> monotonic, align 8
///   %hit = icmp uge i64 %n, %t
///   br i1 %hit, label %tl.hook, label %old.entry
/// tl.hook:
///   call void <hook>(i32 <func_index>, i32 0)
///   br label %old.entry
/// ```
///
/// The counter is a relaxed load + store, not an atomic read-modify-write: concurrent callers may lose counts
/// (as tier-0 counters do), but nothing tears and it costs no more than a plain increment. The test is "at or past
/// the threshold", not "equal", so that racing threads cannot step over it; the hook moves the threshold on.
pub(crate) fn insert_entry_counter<'ctx>(
    context: ContextRef<'ctx>,
    f: FunctionValue<'ctx>,
    spec: &CounterSpec,
) -> Result<(), String> {
    let old_entry = f.get_first_basic_block().ok_or("function has no body")?;
    let entry = context.prepend_basic_block(old_entry, "tl.entry");
    let count_block = context.insert_basic_block_after(entry, "tl.count");
    let hook_block = context.insert_basic_block_after(count_block, "tl.hook");
    let builder = context.create_builder();
    builder.position_at_end(entry);
    move_static_allocas(&builder, old_entry);

    let i32_type = context.i32_type();
    let i64_type = context.i64_type();
    let ptr_type = context.ptr_type(AddressSpace::default());
    let address = |a: u64| i64_type.const_int(a, false).const_to_pointer(ptr_type);
    let counter = address(spec.entry_counter);
    let threshold = address(spec.threshold);

    let limit = relaxed_load(&builder, context, threshold, "tl.threshold")?;
    let silent = i64_type.const_int(crate::SILENT_THRESHOLD, false);
    let quiet = builder.build_int_compare(IntPredicate::EQ, limit, silent, "tl.quiet").map_err(|e| e.to_string())?;
    builder.build_conditional_branch(quiet, old_entry, count_block).map_err(|e| e.to_string())?;

    builder.position_at_end(count_block);
    let count = relaxed_load(&builder, context, counter, "tl.count")?;
    let next =
        builder.build_int_add(count, i64_type.const_int(1, false), "tl.count.next").map_err(|e| e.to_string())?;
    let store = builder.build_store(counter, next).map_err(|e| e.to_string())?;
    make_relaxed(store)?;
    let hit = builder.build_int_compare(IntPredicate::UGE, next, limit, "tl.hit").map_err(|e| e.to_string())?;
    builder.build_conditional_branch(hit, hook_block, old_entry).map_err(|e| e.to_string())?;

    builder.position_at_end(hook_block);
    let hook_type = context.void_type().fn_type(&[i32_type.into(), i32_type.into()], false);
    builder
        .build_indirect_call(
            hook_type,
            address(spec.hook),
            &[i32_type.const_int(u64::from(spec.func_index), false).into(), i32_type.const_zero().into()],
            "",
        )
        .map_err(|e| e.to_string())?;
    builder.build_unconditional_branch(old_entry).map_err(|e| e.to_string())?;
    Ok(())
}

/// `load atomic i64, ptr %ptr monotonic, align 8`.
pub(crate) fn relaxed_load<'ctx>(
    builder: &Builder<'ctx>,
    context: ContextRef<'ctx>,
    ptr: PointerValue<'ctx>,
    name: &str,
) -> Result<inkwell::values::IntValue<'ctx>, String> {
    let value = builder.build_load(context.i64_type(), ptr, name).map_err(|e| e.to_string())?;
    let BasicValueEnum::IntValue(value) = value else {
        return Err("i64 load did not produce an integer".into());
    };
    let inst = value.as_instruction().ok_or("i64 load did not produce an instruction")?;
    make_relaxed(inst)?;
    Ok(value)
}

/// Makes a load or store `monotonic` with 8-byte alignment (atomic accesses need an explicit alignment).
pub(crate) fn make_relaxed(inst: InstructionValue<'_>) -> Result<(), String> {
    inst.set_alignment(8).map_err(|e| e.to_string())?;
    inst.set_atomic_ordering(AtomicOrdering::Monotonic).map_err(|e| e.to_string())
}

/// Moves the allocas with a constant size from the start of `old_entry` into the block `builder` is positioned
/// in, so they stay static allocas of the new entry block (codegen folds those into the frame).
fn move_static_allocas<'ctx>(builder: &Builder<'ctx>, old_entry: BasicBlock<'ctx>) {
    let mut next = old_entry.get_first_instruction();
    while let Some(inst) = next {
        next = inst.get_next_instruction();
        if inst.get_opcode() != InstructionOpcode::Alloca {
            continue;
        }
        let constant_size = matches!(
            inst.get_operand(0),
            Some(inkwell::values::Operand::Value(BasicValueEnum::IntValue(size))) if size.is_const()
        );
        if constant_size {
            let name = inst.get_name().and_then(|n| n.to_str().ok()).map(str::to_owned);
            inst.remove_from_basic_block();
            builder.insert_instruction(&inst, name.as_deref());
        }
    }
}
