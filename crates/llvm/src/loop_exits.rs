//! Loop counters and OSR exits inserted as LLVM IR into O0 versions of functions tier 0 declines (inline
//! assembly, `setjmp`, ...), so that a long-running frame of such a function can still leave for
//! optimized code, as a tier-0 frame does.
//!
//! Each loop header `H` gets a block `tl.loop` in front of it that takes over its phis and every edge into it:
//!
//! ```llvm
//! tl.loop:                                    ; H's phis, then
//!   %c1 = add (load atomic i64 <record> monotonic), 1
//!   %t = load atomic i64 <record + 8> monotonic
//!   br i1 (icmp uge %c1, %t), label %tl.loop.check, label %tl.loop.count
//! tl.loop.count:                              ; below the threshold: count
//!   store atomic i64 %c1, <record> monotonic
//!   br label %H
//! tl.loop.check:                              ; a threshold of 0 silences the counter
//!   br i1 (icmp eq %t, 0), label %H, label %tl.loop.hook
//! tl.loop.hook:
//!   store atomic i64 %c1, <record> monotonic
//!   call void <hook>(i32 <func>, i32 <loop index>)
//!   %e = load atomic ptr <record + 16> acquire  ; the loop's OSR entry, once installed
//!   br i1 (icmp ne %e, null), label %tl.loop.enter, label %H
//! tl.loop.enter:                              ; the state in 16-byte slots, as tier 0 hands it over
//!   store <value k>, <buffer + 16 k> ...
//!   <record + 24> += 1
//!   %r = call <ret> %e(ptr <buffer>)
//!   ret %r
//! ```
//!
//! The rest of the call runs in the entry; an exception from it passes this frame by (the entry holds the
//! function's landing pads from the loop on). A loop whose header is an exception pad, or is reached by an
//! `indirectbr`/`callbr`, is left alone.

use inkwell::AddressSpace;
use inkwell::AtomicOrdering;
use inkwell::IntPredicate;
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::context::ContextRef;
use inkwell::types::BasicType;
use inkwell::values::{BasicValueEnum, FunctionValue, InstructionOpcode, InstructionValue, IntValue, PointerValue};

use crate::{CounterSpec, LoopExit};

/// Inserts the counters and exits of `exits` into `f` (an O0 version, before its entry counter is inserted);
/// returns how many loops got an OSR exit.
pub(crate) fn insert<'ctx>(
    context: ContextRef<'ctx>,
    f: FunctionValue<'ctx>,
    spec: &CounterSpec,
    exits: &[LoopExit<'_>],
) -> Result<usize, String> {
    let blocks = f.get_basic_blocks();
    // Resolve everything against the body as it is before any block moves.
    let mut planned = Vec::new();
    for exit in exits {
        let Some(&header) = blocks.get(exit.header as usize) else { continue };
        if exit.header == 0 || is_eh_pad(header) {
            continue;
        }
        let Some(edges) = edges_into(&blocks, header) else { continue };
        let state = exit.state.and_then(|s| crate::osr::resolve_state(f, s).ok());
        planned.push((exit, header, edges, state));
    }
    let builder = context.create_builder();
    let buffer_size = planned.iter().filter_map(|p| p.3.as_ref()).map(|s| s.len()).max().unwrap_or(0);
    let buffer = if buffer_size > 0 { Some(state_buffer(&builder, context, f, buffer_size)?) } else { None };
    let mut with_exit = 0;
    for (exit, header, edges, state) in planned {
        let head = context.prepend_basic_block(header, "tl.loop");
        // The phis move to the new block, and every edge into the header goes there instead.
        let phis: Vec<InstructionValue<'ctx>> =
            header.get_instructions().take_while(|i| i.get_opcode() == InstructionOpcode::Phi).collect();
        builder.position_at_end(head);
        for phi in phis {
            let name = phi.get_name().and_then(|n| n.to_str().ok()).map(str::to_owned);
            phi.remove_from_basic_block();
            builder.insert_instruction(&phi, name.as_deref());
        }
        for (term, i) in edges {
            if !crate::ffi::set_successor(term, i, head) {
                return Err("cannot redirect an edge into a loop header".into());
            }
        }
        let exit_state = state.zip(buffer);
        with_exit += usize::from(exit_state.is_some());
        count(&builder, context, f, head, header, spec, exit, exit_state)?;
    }
    Ok(with_exit)
}

/// The edges into `header` (terminator, successor index), if every one is a `br`, `switch` or `invoke`.
fn edges_into<'ctx>(
    blocks: &[BasicBlock<'ctx>],
    header: BasicBlock<'ctx>,
) -> Option<Vec<(InstructionValue<'ctx>, u32)>> {
    let mut edges = Vec::new();
    for b in blocks {
        let Some(term) = b.get_terminator() else { continue };
        for i in 0..crate::ffi::successor_count(term) {
            if crate::ffi::successor(term, i) == Some(header) {
                if !matches!(
                    term.get_opcode(),
                    InstructionOpcode::Br | InstructionOpcode::Switch | InstructionOpcode::Invoke
                ) {
                    return None;
                }
                edges.push((term, i));
            }
        }
    }
    Some(edges)
}

fn is_eh_pad(block: BasicBlock<'_>) -> bool {
    block.get_instructions().find(|i| i.get_opcode() != InstructionOpcode::Phi).is_some_and(|i| {
        matches!(
            i.get_opcode(),
            InstructionOpcode::LandingPad
                | InstructionOpcode::CatchSwitch
                | InstructionOpcode::CatchPad
                | InstructionOpcode::CleanupPad
        )
    })
}

/// A 16-byte aligned buffer of `slots` 16-byte slots in `f`'s entry block.
fn state_buffer<'ctx>(
    builder: &Builder<'ctx>,
    context: ContextRef<'ctx>,
    f: FunctionValue<'ctx>,
    slots: usize,
) -> Result<PointerValue<'ctx>, String> {
    let entry = f.get_first_basic_block().ok_or("function has no body")?;
    match entry.get_first_instruction() {
        Some(first) => builder.position_before(&first),
        None => builder.position_at_end(entry),
    }
    let ty = context.i8_type().array_type(u32::try_from(16 * slots).map_err(|_| "OSR state too large")?);
    let buffer = builder.build_alloca(ty, "tl.osr.state").map_err(|e| e.to_string())?;
    buffer.as_instruction().ok_or("alloca without an instruction")?.set_alignment(16).map_err(|e| e.to_string())?;
    Ok(buffer)
}

/// Fills `head` (which holds the header's phis) with the counter, the hook call and, with `exit`, the OSR exit;
/// every way on leads to `header`.
#[allow(clippy::too_many_arguments)]
fn count<'ctx>(
    builder: &Builder<'ctx>,
    context: ContextRef<'ctx>,
    f: FunctionValue<'ctx>,
    head: BasicBlock<'ctx>,
    header: BasicBlock<'ctx>,
    spec: &CounterSpec,
    loop_exit: &LoopExit<'_>,
    exit: Option<(Vec<BasicValueEnum<'ctx>>, PointerValue<'ctx>)>,
) -> Result<(), String> {
    let err = |e: inkwell::builder::BuilderError| e.to_string();
    let i32t = context.i32_type();
    let i64t = context.i64_type();
    let ptr = context.ptr_type(AddressSpace::default());
    let word = |k: u64| i64t.const_int(loop_exit.record + 8 * k, false).const_to_pointer(ptr);
    let counted = context.append_basic_block(f, "tl.loop.count");
    let check = context.append_basic_block(f, "tl.loop.check");
    let hook = context.append_basic_block(f, "tl.loop.hook");

    builder.position_at_end(head);
    let c = crate::counters::relaxed_load(builder, context, word(0), "tl.loop.word")?;
    let c1 = builder.build_int_add(c, i64t.const_int(1, false), "tl.loop.n").map_err(err)?;
    let t = crate::counters::relaxed_load(builder, context, word(1), "tl.loop.word")?;
    let hit = builder.build_int_compare(IntPredicate::UGE, c1, t, "tl.loop.hit").map_err(err)?;
    builder.build_conditional_branch(hit, check, counted).map_err(err)?;

    builder.position_at_end(counted);
    relaxed_store(builder, word(0), c1)?;
    builder.build_unconditional_branch(header).map_err(err)?;

    builder.position_at_end(check);
    let silent = builder.build_int_compare(IntPredicate::EQ, t, i64t.const_zero(), "tl.loop.silent").map_err(err)?;
    builder.build_conditional_branch(silent, header, hook).map_err(err)?;

    builder.position_at_end(hook);
    relaxed_store(builder, word(0), c1)?;
    let hook_type = context.void_type().fn_type(&[i32t.into(), i32t.into()], false);
    let hook_address = i64t.const_int(spec.hook, false).const_to_pointer(ptr);
    let args = [
        i32t.const_int(u64::from(spec.func_index), false).into(),
        i32t.const_int(u64::from(loop_exit.hook_index), false).into(),
    ];
    builder.build_indirect_call(hook_type, hook_address, &args, "").map_err(err)?;
    let Some((state, buffer)) = exit else {
        builder.build_unconditional_branch(header).map_err(err)?;
        return Ok(());
    };
    let entry = builder.build_load(ptr, word(2), "tl.osr.entry").map_err(err)?.into_pointer_value();
    let load = entry.as_instruction().ok_or("load without an instruction")?;
    load.set_alignment(8).map_err(|e| e.to_string())?;
    load.set_atomic_ordering(AtomicOrdering::Acquire).map_err(|e| e.to_string())?;
    let installed = builder.build_is_not_null(entry, "tl.osr.installed").map_err(err)?;
    let enter = context.append_basic_block(f, "tl.loop.enter");
    builder.build_conditional_branch(installed, enter, header).map_err(err)?;

    builder.position_at_end(enter);
    for (k, value) in state.iter().enumerate() {
        let offset = i64t.const_int(16 * k as u64, false);
        let at = crate::osr::build_gep(builder, context.i8_type().into(), buffer, offset)?;
        builder.build_store(at, *value).map_err(err)?;
    }
    let taken = crate::counters::relaxed_load(builder, context, word(3), "tl.loop.word")?;
    let taken = builder.build_int_add(taken, i64t.const_int(1, false), "tl.osr.taken").map_err(err)?;
    relaxed_store(builder, word(3), taken)?;
    let entry_type = match f.get_type().get_return_type() {
        Some(ret) => ret.fn_type(&[ptr.into()], false),
        None => context.void_type().fn_type(&[ptr.into()], false),
    };
    let result = builder.build_indirect_call(entry_type, entry, &[buffer.into()], "tl.osr.result").map_err(err)?;
    match result.try_as_basic_value() {
        inkwell::values::ValueKind::Basic(value) => builder.build_return(Some(&value)).map_err(err)?,
        inkwell::values::ValueKind::Instruction(_) => builder.build_return(None).map_err(err)?,
    };
    Ok(())
}

/// `store atomic i64 %value, ptr %at monotonic, align 8`.
fn relaxed_store<'ctx>(builder: &Builder<'ctx>, at: PointerValue<'ctx>, value: IntValue<'ctx>) -> Result<(), String> {
    crate::counters::make_relaxed(builder.build_store(at, value).map_err(|e| e.to_string())?)
}
