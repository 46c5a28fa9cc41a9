//! Level-specific adjustments of a job module before it is optimized: attributes that would stop the optimizer
//! (clang `-O0` output), per-function target overrides, and loop metadata that disables unrolling (clang `-O1`).

use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::module::Module;
use inkwell::values::FunctionValue;

use crate::target::HostTarget;
use crate::{OptLevel, ffi};

/// Applies the adjustments for `level` to every function of `module`:
///
/// * O2/O3: remove `optnone` (clang `-O0` puts it on every function; with it LLVM does nothing). clang -O0's
///   `noinline` marks are gone already (see `facts`); a `noinline` left is the program's and is kept.
/// * All levels: drop `"target-cpu"`, `"tune-cpu"` and `"target-features"` when the features the function asks
///   for are all available on the host, so that it is compiled for the host CPU with all its features (the same
///   at every level, so every LLVM tier passes vector arguments the same way). A function that asks for more than
///   the host has keeps its attributes.
/// * O3: remove `llvm.loop` metadata that contains `llvm.loop.unroll.disable` from terminators.
pub(crate) fn for_level(module: &Module<'_>, level: OptLevel, host: &HostTarget) {
    let optnone = Attribute::get_named_enum_kind_id("optnone");
    let loop_kind = module.get_context().get_kind_id("llvm.loop");
    for f in module.get_functions() {
        if f.get_intrinsic_id() != 0 {
            continue;
        }
        if level != OptLevel::O0 {
            f.remove_enum_attribute(AttributeLoc::Function, optnone);
        }
        retarget_to_host(f, host);
        if level == OptLevel::O3 {
            for bb in f.get_basic_block_iter() {
                if let Some(terminator) = bb.get_terminator()
                    && ffi::loop_disables_unroll(terminator, loop_kind)
                {
                    ffi::clear_metadata(terminator, loop_kind);
                }
            }
        }
    }
}

/// Drops the per-function CPU/feature overrides of `f` when the host covers what they ask for.
fn retarget_to_host(f: FunctionValue<'_>, host: &HostTarget) {
    let covered = match f.get_string_attribute(AttributeLoc::Function, "target-features") {
        Some(features) => host.covers(&features.get_string_value().to_string_lossy()),
        None => true,
    };
    if covered {
        for key in ["target-cpu", "tune-cpu", "target-features"] {
            if f.get_string_attribute(AttributeLoc::Function, key).is_some() {
                f.remove_string_attribute(AttributeLoc::Function, key);
            }
        }
    }
}

/// Makes every function defined in `module` keep a frame pointer (`"frame-pointer"="all"`), so that debuggers
/// and profilers that walk frame-pointer chains pass through its frames.
pub(crate) fn keep_frame_pointers(module: &inkwell::module::Module<'_>) {
    let attribute = module.get_context().create_string_attribute("frame-pointer", "all");
    for f in module.get_functions().filter(|f| f.count_basic_blocks() > 0) {
        f.add_attribute(AttributeLoc::Function, attribute);
    }
}

#[cfg(test)]
mod tests {
    use inkwell::attributes::AttributeLoc;
    use inkwell::context::Context;
    use inkwell::memory_buffer::MemoryBuffer;

    use super::for_level;
    use crate::target::HostTarget;
    use crate::{OptLevel, ffi};

    const IR: &str = r#"
define i64 @f(i64 %n) #0 {
entry:
  br label %a
a:
  %i = phi i64 [ 0, %entry ], [ %i1, %a ]
  %i1 = add i64 %i, 1
  %c = icmp slt i64 %i1, %n
  br i1 %c, label %a, label %b, !llvm.loop !0
b:
  %j = phi i64 [ 0, %a ], [ %j1, %b ]
  %j1 = add i64 %j, 1
  %d = icmp slt i64 %j1, %n
  br i1 %d, label %b, label %e, !llvm.loop !3
e:
  ret i64 %j1
}
attributes #0 = { noinline optnone "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" }
!0 = distinct !{!0, !1, !2}
!1 = !{!"llvm.loop.mustprogress"}
!2 = !{!"llvm.loop.unroll.disable"}
!3 = distinct !{!3, !1}
"#;

    /// (loop 1 disables unroll, loop 1 has md, loop 2 has md) for the two latches of @f.
    fn loop_state(module: &inkwell::module::Module<'_>) -> (bool, bool, bool) {
        let kind = module.get_context().get_kind_id("llvm.loop");
        let f = module.get_function("f").expect("f");
        let blocks = f.get_basic_blocks();
        let (a, b) = (blocks[1].get_terminator().expect("a"), blocks[2].get_terminator().expect("b"));
        (ffi::loop_disables_unroll(a, kind), a.get_metadata(kind).is_some(), b.get_metadata(kind).is_some())
    }

    #[test]
    fn levels_adjust_attributes_and_loop_metadata() {
        let host = HostTarget::detect();
        for level in [OptLevel::O0, OptLevel::O2, OptLevel::O3] {
            let context = Context::create();
            let buffer = MemoryBuffer::create_from_memory_range_copy(IR.as_bytes(), "t.ll");
            let module = context.create_module_from_ir(buffer).expect("IR parses");
            assert_eq!(loop_state(&module), (true, true, true));
            for_level(&module, level, &host);
            let f = module.get_function("f").expect("f");
            let has = |name: &str| {
                f.get_enum_attribute(AttributeLoc::Function, Attribute::get_named_enum_kind_id(name)).is_some()
            };
            use inkwell::attributes::Attribute;
            assert_eq!(has("optnone"), level == OptLevel::O0, "{level:?}");
            // clang -O0's blanket `noinline` is the parsed module's business (`facts`): a job keeps what it has.
            assert!(has("noinline"), "{level:?}");
            // Baseline x86-64 features are covered by any x86-64 host: the override goes at every level.
            assert!(f.get_string_attribute(AttributeLoc::Function, "target-cpu").is_none(), "{level:?}");
            assert!(f.get_string_attribute(AttributeLoc::Function, "target-features").is_none(), "{level:?}");
            let expected = if level == OptLevel::O3 { (false, false, true) } else { (true, true, true) };
            assert_eq!(loop_state(&module), expected, "{level:?}");
            assert!(module.verify().is_ok(), "{level:?}");
        }
    }

    #[test]
    fn features_beyond_the_host_keep_their_override() {
        let host = HostTarget::detect();
        assert!(host.covers("+cx8,+fxsr,+mmx,+sse,+sse2,+x87"), "host features: {}", host.features);
        assert!(!host.covers("+sse2,+no-such-feature"));
    }
}
