//! The Cranelift targets of tier 0, built once per process (per verifier setting) and shared by every module.
//!
//! Tier 0 is about compile speed: no mid-end optimization (measured 1.36x faster to compile than `speed`, with no
//! run-time loss on the suite's kernels). Loop-free functions of tiered runs get the single-pass register
//! allocator, the rest the backtracking one (see [`regalloc_for`]).

use crate::{Error, Result};
use cranelift_codegen::settings::{self, Configurable};
use std::sync::OnceLock;
use tierlift_code::{ClifIsas, RegAlloc};

static WITH_VERIFIER: OnceLock<ClifIsas> = OnceLock::new();
static WITHOUT_VERIFIER: OnceLock<ClifIsas> = OnceLock::new();

/// Tier 0's targets for this machine, with or without Cranelift's verifier.
pub(super) fn tier0_isas(verifier: bool) -> Result<ClifIsas> {
    let cell = if verifier { &WITH_VERIFIER } else { &WITHOUT_VERIFIER };
    if let Some(isas) = cell.get() {
        return Ok(isas.clone());
    }
    let isas = ClifIsas {
        backtracking: native_isa(verifier, "backtracking")?,
        single_pass: native_isa(verifier, "single_pass")?,
    };
    Ok(cell.get_or_init(|| isas).clone())
}

/// The allocator for a function with `loops` natural loops: the single-pass one (cheaper to compile, more spills)
/// for loop-free code when tier 0 is not the last tier (`tiered`): hot code moves on to LLVM, so the spills last
/// only until then. Loops, and every function in a fixed tier-0 mode, get the backtracking one (measured: in a
/// fixed tier-0 mode loop-free but hot code, such as recursion or small helpers called from loops, ran up to 1.3x
/// slower with the single-pass allocator; tiered runs showed no loss). So do functions that may be `recursive`
/// (whose calls may lead back to them, through pointers included): the single-pass allocator's frames are larger
/// (128 bytes against 48 for a one-line list walk, where clang -O0 takes 48), and a recursion that fits the native
/// stack must fit tier 0's, whose frames stay on the stack however soon LLVM code arrives.
pub(super) fn regalloc_for(loops: usize, recursive: bool, tiered: bool) -> RegAlloc {
    if loops == 0 && !recursive && tiered { RegAlloc::SinglePass } else { RegAlloc::Backtracking }
}

fn native_isa(verifier: bool, regalloc: &str) -> Result<cranelift_codegen::isa::OwnedTargetIsa> {
    let mut flags = settings::builder();
    let set = |f: &mut settings::Builder, k: &str, v: &str| f.set(k, v).map_err(|e| Error::Setup(format!("{k}: {e}")));
    set(&mut flags, "opt_level", "none")?;
    set(&mut flags, "regalloc_algorithm", regalloc)?;
    set(&mut flags, "enable_verifier", if verifier { "true" } else { "false" })?;
    set(&mut flags, "enable_llvm_abi_extensions", "true")?;
    set(&mut flags, "preserve_frame_pointers", "true")?;
    let builder = cranelift_native::builder().map_err(|e| Error::Setup(e.to_string()))?;
    builder.finish(settings::Flags::new(flags)).map_err(|e| Error::Setup(e.to_string()))
}
