//! Value profiling inserted as LLVM IR into O0 versions of functions tier 0 declines: before each indirect call
//! (or invoke) that the runtime names, a call of the runtime's routine with the site's words and the target, the
//! routine tier-0 code calls for its sampled calls. The O2/O3 jobs and OSR entries of such a function can then
//! promote its hot indirect calls (a C++ `main` with destructors in scope that calls virtual functions).

use inkwell::AddressSpace;
use inkwell::context::ContextRef;
use inkwell::values::{FunctionValue, InstructionOpcode, InstructionValue};

use crate::ValueProbe;
use crate::uses::callee;

/// The instructions of `f` that `probes` name, in the same order; `None` for one that is no call or invoke.
pub(crate) fn resolve<'ctx>(f: FunctionValue<'ctx>, probes: &[ValueProbe]) -> Vec<Option<InstructionValue<'ctx>>> {
    let insts = crate::osr::numbered(f);
    probes
        .iter()
        .map(|p| {
            insts.get(p.inst as usize).copied().filter(|i| {
                matches!(i.get_opcode(), InstructionOpcode::Call | InstructionOpcode::Invoke)
                    && callee(*i).is_some_and(crate::ffi::is_runtime_value)
            })
        })
        .collect()
}

/// Inserts the probes before their calls (`calls` from [`resolve`]); returns how many.
pub(crate) fn insert<'ctx>(
    context: ContextRef<'ctx>,
    probes: &[ValueProbe],
    calls: &[Option<InstructionValue<'ctx>>],
) -> Result<usize, String> {
    let builder = context.create_builder();
    let i64t = context.i64_type();
    let ptr = context.ptr_type(AddressSpace::default());
    let routine_type = context.void_type().fn_type(&[ptr.into(), i64t.into()], false);
    let mut inserted = 0;
    for (probe, call) in probes.iter().zip(calls) {
        let Some(call) = *call else { continue };
        let Some(target) = callee(call) else { continue };
        builder.position_before(&call);
        let target = builder.build_ptr_to_int(target, i64t, "tl.vp.target").map_err(|e| e.to_string())?;
        let site = i64t.const_int(probe.site, false).const_to_pointer(ptr);
        let routine = i64t.const_int(probe.routine, false).const_to_pointer(ptr);
        builder
            .build_indirect_call(routine_type, routine, &[site.into(), target.into()], "")
            .map_err(|e| e.to_string())?;
        inserted += 1;
    }
    Ok(inserted)
}
