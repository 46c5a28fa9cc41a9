//! The entry counter inserted as LLVM IR into functions compiled by the LLVM O0 fallback (functions tier 0
//! cannot translate), so that they still tier up.

use inkwell::AtomicOrdering;
use inkwell::IntPredicate;
use inkwell::context::ContextRef;
use inkwell::values::{FunctionValue, InstructionOpcode, InstructionValue, PointerValue};
use inkwell::{AddressSpace, basic_block::BasicBlock, builder::Builder, values::BasicValueEnum};

use crate::{CallCounting, CounterSpec};
use inkwell::intrinsics::Intrinsic;
use inkwell::module::Module;

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
///
/// With [`CallCounting::Sharded`], `tl.count` counts down the calling thread's shard instead (the same relaxed
/// load and store, on a line other threads do not write) and `tl.hook` calls the routine that adds the shards up:
///
/// ```llvm
/// tl.count:
///   %sp = call ptr @llvm.addressofreturnaddress.p0()
///   %k = trunc i64 (ptrtoint %sp >> <stack_shift>) to i32
///   %s = lshr i32 (mul i32 %k, <spread>), 32 - <shard_bits>
///   %offset = shl i64 (zext i32 %s), <plane_shift>
///   %shard = inttoptr i64 (<entry_counter> + (1 << <plane_shift>) + %offset)
///   %left = sub (load atomic %shard), 1       ; stored back
///   br i1 (icmp sle %left, 0), label %tl.hook, label %old.entry
/// tl.hook:
///   call void <used_up>(ptr <entry_counter>, i64 %offset)
/// ```
pub(crate) fn insert_entry_counter<'ctx>(
    module: &Module<'ctx>,
    f: FunctionValue<'ctx>,
    spec: &CounterSpec,
) -> Result<(), String> {
    let context = module.get_context();
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
    let err = |e: inkwell::builder::BuilderError| e.to_string();

    let limit = relaxed_load(&builder, context, threshold, "tl.threshold")?;
    let silent = i64_type.const_int(crate::SILENT_THRESHOLD, false);
    let quiet = builder.build_int_compare(IntPredicate::EQ, limit, silent, "tl.quiet").map_err(err)?;
    builder.build_conditional_branch(quiet, old_entry, count_block).map_err(err)?;

    builder.position_at_end(count_block);
    match spec.calls {
        CallCounting::Counter => {
            let count = relaxed_load(&builder, context, counter, "tl.count")?;
            let next = builder.build_int_add(count, i64_type.const_int(1, false), "tl.count.next").map_err(err)?;
            make_relaxed(builder.build_store(counter, next).map_err(err)?)?;
            let hit = builder.build_int_compare(IntPredicate::UGE, next, limit, "tl.hit").map_err(err)?;
            builder.build_conditional_branch(hit, hook_block, old_entry).map_err(err)?;

            builder.position_at_end(hook_block);
            let hook_type = context.void_type().fn_type(&[i32_type.into(), i32_type.into()], false);
            let args = [i32_type.const_int(u64::from(spec.func_index), false).into(), i32_type.const_zero().into()];
            builder.build_indirect_call(hook_type, address(spec.hook), &args, "").map_err(err)?;
        }
        CallCounting::Sharded { plane_shift, stack_shift, spread, shard_bits, used_up } => {
            let slot = Intrinsic::find("llvm.addressofreturnaddress")
                .and_then(|i| i.get_declaration(module, &[ptr_type.into()]))
                .ok_or("no llvm.addressofreturnaddress")?;
            let sp = builder.build_call(slot, &[], "tl.sp").map_err(err)?;
            let sp = sp.try_as_basic_value().basic().ok_or("llvm.addressofreturnaddress returned nothing")?;
            let sp = builder.build_ptr_to_int(sp.into_pointer_value(), i64_type, "tl.sp.int").map_err(err)?;
            let shifted = builder
                .build_right_shift(sp, i64_type.const_int(u64::from(stack_shift), false), false, "tl.sp.high")
                .map_err(err)?;
            let key = builder.build_int_truncate(shifted, i32_type, "tl.key").map_err(err)?;
            let hash =
                builder.build_int_mul(key, i32_type.const_int(u64::from(spread), false), "tl.hash").map_err(err)?;
            let top = i32_type.const_int(u64::from(32 - shard_bits), false);
            let s = builder.build_right_shift(hash, top, false, "tl.shard").map_err(err)?;
            let s = builder.build_int_z_extend(s, i64_type, "tl.shard.wide").map_err(err)?;
            let offset = builder
                .build_left_shift(s, i64_type.const_int(u64::from(plane_shift), false), "tl.offset")
                .map_err(err)?;
            let first = i64_type.const_int(spec.entry_counter + (1_u64 << plane_shift), false);
            let shard = builder.build_int_add(first, offset, "tl.shard.address").map_err(err)?;
            let shard = builder.build_int_to_ptr(shard, ptr_type, "tl.shard.ptr").map_err(err)?;
            let left = relaxed_load(&builder, context, shard, "tl.left")?;
            let next = builder.build_int_sub(left, i64_type.const_int(1, false), "tl.left.next").map_err(err)?;
            make_relaxed(builder.build_store(shard, next).map_err(err)?)?;
            let out =
                builder.build_int_compare(IntPredicate::SLE, next, i64_type.const_zero(), "tl.out").map_err(err)?;
            builder.build_conditional_branch(out, hook_block, old_entry).map_err(err)?;

            builder.position_at_end(hook_block);
            let used_up_type = context.void_type().fn_type(&[ptr_type.into(), i64_type.into()], false);
            builder
                .build_indirect_call(used_up_type, address(used_up), &[counter.into(), offset.into()], "")
                .map_err(err)?;
        }
    }
    builder.build_unconditional_branch(old_entry).map_err(err)?;
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
