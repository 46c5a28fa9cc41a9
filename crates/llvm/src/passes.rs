//! The optimization pipelines: LLVM's standard `default<O2>` / `default<O3>` through the new pass manager.

use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::TargetMachine;

use crate::OptLevel;

/// The pass pipeline text for `level`, or `None` for O0 (no IR passes: the fallback tier wants fast code, not
/// good code).
pub(crate) fn pipeline(level: OptLevel) -> Option<&'static str> {
    match level {
        OptLevel::O0 => None,
        OptLevel::O2 => Some("default<O2>"),
        OptLevel::O3 => Some("default<O3>"),
    }
}

/// Runs the pipeline for `level` over `module`, with `machine` providing target information (cost models,
/// vector widths) to the passes. With `promote`, indirect calls with value-profile metadata are first promoted
/// to guarded direct calls of their hot targets (`pgo-icall-prom`), in front of the inliner.
pub(crate) fn optimize(
    module: &Module<'_>,
    level: OptLevel,
    machine: &TargetMachine,
    osr: bool,
    promote: bool,
) -> Result<(), String> {
    let Some(passes) = pipeline(level) else {
        return Ok(());
    };
    let with_promotion;
    let passes = if promote {
        with_promotion = format!("pgo-icall-prom,{passes}");
        with_promotion.as_str()
    } else {
        passes
    };
    // An OSR entry that jumps into an inner loop makes the enclosing loops irreducible; restructure them first so
    // that the loop optimizations still see natural loops.
    // `fix-irreducible` crashes on cycles entered through a `switch`: lower switches first where there are some.
    let with_fix;
    let passes = if osr {
        let lower = if crate::irreducible::has_irreducible_switch(module) { "lower-switch," } else { "" };
        with_fix = format!("function(sroa,{lower}fix-irreducible),{passes}");
        with_fix.as_str()
    } else {
        passes
    };
    let options = PassBuilderOptions::create();
    options.set_loop_vectorization(true);
    options.set_loop_slp_vectorization(true);
    options.set_loop_interleaving(true);
    options.set_loop_unrolling(true);
    // With profile counts, the call-graph profile pass would add a `.llvm.call-graph-profile` section, whose
    // SHT_REL relocations JITLink rejects ("No SHT_REL in valid x64 ELF object files"); it only guides a static
    // linker's function order anyway.
    options.set_call_graph_profile(false);
    module.run_passes(passes, machine, options).map_err(|e| e.to_string())
}
