//! Profiles into LLVM: what tier 0 measured of a function becomes the metadata LLVM's profile-guided passes read.
//!
//! * conditional branches get `!prof !{!"branch_weights", ...}` (block placement, if-conversion, the inliner's
//!   call-site frequencies, loop passes' trip-count estimates), except in functions that call themselves (see
//!   [`attach`]);
//! * switches keep LLVM's static estimates (their counts still give the counts of the blocks they lead to): with
//!   the measured weights, the dispatch loops of bytecode interpreters ran 5–15% slower, and no program faster;
//! * the function gets `!prof !{!"function_entry_count", i64 N}`;
//! * indirect calls get value-profile metadata `!prof !{!"VP", i32 0, i64 total, i64 guid, i64 count, ...}`, which
//!   LLVM's indirect-call promotion (`pgo-icall-prom`, run in front of the pipeline) turns into a guarded direct
//!   call of each hot target the job carries a body of, for the inliner to take. Targets are named by the GUID
//!   LLVM gives an external function: the low 64 bits of the MD5 of its name, read little-endian.
//!
//! Sites are matched by position (see `tierlift_tier0::profile`): blocks in layout order, within a block
//! indirect calls and then the terminator. A function whose sites do not have the kinds the profile says is
//! left without profile metadata.

use inkwell::module::Module;
use inkwell::values::{BasicMetadataValueEnum, FunctionValue, InstructionOpcode, InstructionValue};
use md5::{Digest, Md5};

use crate::uses::callee;
use crate::{FunctionProfile, SiteProfile};

/// What [`attach`] put on a function.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attached {
    /// Branches that got weights.
    pub(crate) branches: usize,
    /// Indirect calls that got value-profile metadata.
    pub(crate) indirect_calls: usize,
}

/// LLVM's GUID of an external global value named `name`.
pub(crate) fn guid(name: &str) -> u64 {
    let digest = Md5::digest(name.as_bytes());
    let mut low = [0u8; 8];
    low.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(low)
}

/// The sites of `f`, in the order the profile numbers them (tier 0's `ProfileLayout`).
fn sites(f: FunctionValue<'_>) -> Vec<(SiteShape, InstructionValue<'_>)> {
    let mut out = Vec::new();
    for bb in f.get_basic_blocks() {
        for inst in bb.get_instructions() {
            let shape = match inst.get_opcode() {
                InstructionOpcode::Call | InstructionOpcode::Invoke => match callee(inst) {
                    Some(v) if crate::ffi::is_runtime_value(v) => SiteShape::IndirectCall,
                    _ => continue,
                },
                InstructionOpcode::Br if inst.get_num_operands() == 3 => SiteShape::Branch,
                // A lowered `indirectbr` (see `labels`) is no site: tier 0 counts none there.
                InstructionOpcode::Switch if crate::labels::is_lowered_indirect_branch(inst) => continue,
                InstructionOpcode::Switch => SiteShape::Switch(crate::ffi::successor_count(inst)),
                _ => continue,
            };
            out.push((shape, inst));
        }
    }
    out
}

/// Whether `f` has a direct call of itself.
fn calls_itself(f: FunctionValue<'_>) -> bool {
    use inkwell::values::AsValueRef;
    f.get_basic_blocks().iter().flat_map(|bb| bb.get_instructions()).any(|inst| {
        inst.get_opcode() == InstructionOpcode::Call
            && callee(inst).is_some_and(|c| c.as_value_ref() == f.as_value_ref())
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SiteShape {
    Branch,
    Switch(u32),
    IndirectCall,
}

fn shape_of(site: &SiteProfile) -> SiteShape {
    match site {
        SiteProfile::Branch { .. } => SiteShape::Branch,
        SiteProfile::Switch { weights } => SiteShape::Switch(weights.len() as u32),
        SiteProfile::IndirectCall { .. } => SiteShape::IndirectCall,
    }
}

/// Attaches `profile` to its function in `module` (a copy of the whole module, before the job is built: names
/// are the module's own), with its entry count if `entry_count` (not for a function an OSR entry is built
/// from: its body moves into the entry, and LLVM allows no `!prof` on the declaration left behind). `bound`
/// gives the name under which a function is bound in job modules (the name its GUID is computed from). Errors
/// if the function is missing or its sites do not match the profile.
pub(crate) fn attach(
    module: &Module<'_>,
    profile: &FunctionProfile,
    entry_count: bool,
    bound: impl Fn(&str) -> String,
) -> Result<Attached, String> {
    let f = module
        .get_function(&profile.function)
        .filter(|f| f.count_basic_blocks() > 0)
        .ok_or_else(|| format!("no definition of {:?}", profile.function))?;
    let found = sites(f);
    let expected: Vec<SiteShape> = profile.sites.iter().map(shape_of).collect();
    let shapes: Vec<SiteShape> = found.iter().map(|s| s.0).collect();
    if shapes != expected {
        return Err(format!(
            "{} sites in the function, {} in the profile, or of other kinds",
            shapes.len(),
            expected.len()
        ));
    }
    let ctx = module.get_context();
    let prof = ctx.get_kind_id("prof");
    let i32t = ctx.i32_type();
    let i64t = ctx.i64_type();
    let mut attached = Attached::default();
    if entry_count {
        let entry = ctx.metadata_node(&[
            ctx.metadata_string("function_entry_count").into(),
            i64t.const_int(profile.entry_count, false).into(),
        ]);
        f.as_global_value().set_metadata(entry, prof);
    }
    // `!{!"branch_weights", i32 ...}`, or nothing for a site that never ran.
    let branch_weights = |counts: &[u64]| -> Vec<BasicMetadataValueEnum<'_>> {
        let w = scaled(counts);
        if w.is_empty() {
            return Vec::new();
        }
        std::iter::once(ctx.metadata_string("branch_weights").into())
            .chain(w.iter().map(|&x| i32t.const_int(u64::from(x), false).into()))
            .collect()
    };
    // Tail-recursion elimination turns a function's calls of itself into a loop whose latch is one of the
    // function's branches: their weights, measured per call, then misstate the loop's trip count (fib's leaf test,
    // taken by half of its calls, made LLVM peel the new loop and lay its body out as never repeating: 20% slower).
    let recursive = calls_itself(f);
    for ((_, inst), site) in found.into_iter().zip(&profile.sites) {
        if recursive && matches!(site, SiteProfile::Branch { .. }) {
            continue;
        }
        let values: Vec<BasicMetadataValueEnum<'_>> = match site {
            SiteProfile::Branch { taken, not_taken } => branch_weights(&[*taken, *not_taken]),
            // See the module docs: a switch's weights laid interpreter loops out worse.
            SiteProfile::Switch { .. } => Vec::new(),
            SiteProfile::IndirectCall { total, targets } => {
                let mut known: Vec<(u64, u64)> = targets
                    .iter()
                    .filter(|(name, count)| *count > 0 && module.get_function(name).is_some())
                    .map(|(name, count)| (guid(&bound(name)), *count))
                    .collect();
                // Promotion stops at the first unprofitable target: hottest first.
                known.sort_by_key(|t| std::cmp::Reverse(t.1));
                let sum: u64 = known.iter().map(|t| t.1).sum();
                let mut v: Vec<BasicMetadataValueEnum<'_>> = vec![
                    ctx.metadata_string("VP").into(),
                    i32t.const_int(0, false).into(),
                    i64t.const_int((*total).max(sum), false).into(),
                ];
                for &(g, count) in &known {
                    v.push(i64t.const_int(g, false).into());
                    v.push(i64t.const_int(count, false).into());
                }
                if known.is_empty() { Vec::new() } else { v }
            }
        };
        // A site that never ran, and a switch, keep LLVM's static estimates.
        if values.is_empty() {
            continue;
        }
        match site {
            SiteProfile::IndirectCall { .. } => attached.indirect_calls += 1,
            _ => attached.branches += 1,
        }
        inst.set_metadata(ctx.metadata_node(&values), prof).map_err(|e| e.to_string())?;
    }
    Ok(attached)
}

/// Branch weights as LLVM stores them (32 bits each), scaled down together when a count does not fit; empty if
/// every count is zero.
fn scaled(counts: &[u64]) -> Vec<u32> {
    let max = counts.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return Vec::new();
    }
    let divisor = max / u64::from(u32::MAX) + 1;
    counts.iter().map(|&c| (c / divisor) as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_is_the_low_half_of_md5_little_endian() {
        // MD5("sq") = 4b 34 ... ; LLVM's GUID of an external function `sq` (checked with opt-19's
        // pgo-icall-prom, which promoted a call profiled with this value to @sq).
        assert_eq!(guid("sq"), 16607187365016553803);
    }

    /// `profile` attached to `@f` of `ir`; the module printed afterwards.
    fn attached(ir: &str, profile: &FunctionProfile) -> String {
        let context = inkwell::context::Context::create();
        let buffer = inkwell::memory_buffer::MemoryBuffer::create_from_memory_range_copy(ir.as_bytes(), "t");
        let module = context.create_module_from_ir(buffer).expect("IR parses");
        attach(&module, profile, true, str::to_string).expect("the profile fits");
        module.print_to_string().to_string()
    }

    #[test]
    fn a_function_that_calls_itself_gets_no_branch_weights() {
        let body = |call: &str| {
            r#"
define i64 @f(i64 %n) {
  %c = icmp slt i64 %n, 2
  br i1 %c, label %a, label %b
a:
  ret i64 %n
b:
  %m = sub i64 %n, 1
  %r = call i64 @CALLEE(i64 %m)
  ret i64 %r
}
declare i64 @g(i64)
"#
            .replace("CALLEE", call)
        };
        let profile = FunctionProfile {
            function: "f".into(),
            entry_count: 100,
            sites: vec![SiteProfile::Branch { taken: 50, not_taken: 50 }],
        };
        let other = attached(&body("g"), &profile);
        assert!(other.contains("branch_weights") && other.contains("function_entry_count"), "{other}");
        let itself = attached(&body("f"), &profile);
        assert!(!itself.contains("branch_weights") && itself.contains("function_entry_count"), "{itself}");
    }

    #[test]
    fn weights_scale_together() {
        assert_eq!(scaled(&[0, 0]), Vec::<u32>::new());
        assert_eq!(scaled(&[3, 1]), vec![3, 1]);
        let big = scaled(&[u64::from(u32::MAX) * 4, u64::from(u32::MAX)]);
        assert!(big[0] > 3 * big[1] && big[1] > 0);
    }
}
