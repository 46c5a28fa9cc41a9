//! The host target: one-time LLVM target initialization, the host triple/CPU/features, and the per-level
//! target machines a [`ModuleCompiler`](crate::ModuleCompiler) generates code with.

use std::collections::HashSet;
use std::sync::OnceLock;

use inkwell::OptimizationLevel;
use inkwell::targets::{CodeModel, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple};

use crate::{Error, OptLevel, Result};

/// Initializes LLVM's x86 target (info, MC, code generator, asm printer and parser) exactly once per process.
pub(crate) fn init_native_target() -> Result<()> {
    static INIT: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    INIT.get_or_init(|| {
        if !cfg!(target_arch = "x86_64") {
            return Err(format!("tierlift-llvm generates x86-64 code only; this host is {}", std::env::consts::ARCH));
        }
        Target::initialize_x86(&InitializationConfig::default());
        // With a profile (every function tier 0 profiled), machine block placement rotates loops by the
        // profile's frequencies: by default it keeps a profiled loop's header on top, and a short copy loop
        // whose exits are tested first (ninja's `CanonicalizePath`, 9 trips per entry) ends every iteration
        // with an unconditional jump back: 104 ms a round with the profile against 75 ms without.
        crate::ffi::set_codegen_options(&[c"-precise-rotation-cost"]);
        Ok(())
    })
    .clone()
    .map_err(|reason| Error::HostTarget { reason })
}

/// The LLVM target triple of the host (what LLVM was configured for, e.g. `x86_64-pc-linux-gnu`).
pub fn host_target_triple() -> String {
    TargetMachine::get_default_triple().as_str().to_string_lossy().into_owned()
}

/// The architecture part of a target triple (`x86_64` in `x86_64-pc-linux-gnu`).
pub(crate) fn triple_arch(triple: &str) -> &str {
    triple.split('-').next().unwrap_or("")
}

/// Tuning that machine code generation adds to the host's features: copies and fills of a known size (`memcpy`,
/// `memset`, a struct assignment) move 16 bytes at a time, as for the x86-64 baseline, instead of 32. A 32-byte
/// load of a struct that was just written field by field cannot take its bytes from the pending stores (store
/// forwarding fails) and waits for them to reach the cache, which in a loop that copies a record and then updates
/// fields of it costs several times the loop. Only lowering changes: the optimizer, and so the vectorizers, still
/// see the host's preferred width, and the 256-bit vectors of vectorized loops stay 256-bit (with AVX they are
/// legal whatever the preferred width). `TIERLIFT_CPU_FEATURES` comes after it and can undo it.
const CODEGEN_TUNING: &str = "+prefer-128-bit,-allow-light-256-bit";

/// The host CPU and its features, as LLVM detects them.
#[derive(Debug, Clone)]
pub(crate) struct HostTarget {
    /// Target triple.
    pub(crate) triple: String,
    /// `LLVMGetHostCPUName`, e.g. `znver3`.
    pub(crate) cpu: String,
    /// `LLVMGetHostCPUFeatures`, e.g. `+sse2,-avx512f,...`.
    pub(crate) features: String,
    /// `features` with [`CODEGEN_TUNING`], for machine code generation (before `TIERLIFT_CPU_FEATURES`).
    codegen_features: String,
    /// The features the host has (names without the leading `+`).
    enabled: HashSet<String>,
}

impl HostTarget {
    /// Detects the host.
    pub(crate) fn detect() -> Self {
        let triple = host_target_triple();
        let cpu = TargetMachine::get_host_cpu_name().to_string();
        let detected = TargetMachine::get_host_cpu_features().to_string();
        // `TIERLIFT_CPU_FEATURES` adds or removes features (`-avx512f,+...`): later entries win in LLVM.
        let extra = std::env::var("TIERLIFT_CPU_FEATURES").ok().filter(|e| !e.trim().is_empty());
        let with_extra = |base: String| match &extra {
            Some(extra) => format!("{base},{}", extra.trim()),
            None => base,
        };
        let features = with_extra(detected.clone());
        let codegen_features = with_extra(format!("{detected},{CODEGEN_TUNING}"));
        // `LLVMGetHostCPUFeatures` lists what cpuid reports; the x86-64 baseline (what clang's default
        // `"target-features"` asks for) is implied and partly missing from the list (e.g. `x87`).
        let baseline = ["64bit", "cmov", "cx8", "fxsr", "mmx", "sse", "sse2", "x87"];
        let mut enabled: HashSet<String> = baseline.iter().map(|f| f.to_string()).collect();
        for f in features.split(',').map(str::trim) {
            if let Some(on) = f.strip_prefix('+') {
                enabled.insert(on.to_owned());
            } else if let Some(off) = f.strip_prefix('-') {
                enabled.remove(off);
            }
        }
        HostTarget { triple, cpu, features, codegen_features, enabled }
    }

    /// True if every feature a `"target-features"` attribute turns on (`+name`) is one the host has, so the
    /// attribute can be dropped in favour of the host's full feature set without asking for anything the host
    /// lacks.
    pub(crate) fn covers(&self, target_features: &str) -> bool {
        target_features.split(',').filter_map(|f| f.trim().strip_prefix('+')).all(|f| self.enabled.contains(f))
    }

    /// Creates a target machine for the host CPU at the code generation level that goes with `level`.
    ///
    /// Relocation model PIC with the small code model: calls to other functions are `call rel32` through
    /// JITLink-built stubs when the target is out of range (and direct when in range), and data is reached through
    /// GOT entries that JITLink builds (and relaxes to direct `lea` when in range). That works for absolute symbols
    /// anywhere in the 64-bit address space as long as no declaration is `dso_local`, which the job modules
    /// guarantee (see `extract`).
    pub(crate) fn target_machine(&self, level: OptLevel) -> Result<TargetMachine> {
        self.machine_with(level, &self.features)
    }

    /// [`Self::target_machine`] for generating machine code: the host's features with [`CODEGEN_TUNING`].
    pub(crate) fn codegen_machine(&self, level: OptLevel) -> Result<TargetMachine> {
        self.machine_with(level, &self.codegen_features)
    }

    fn machine_with(&self, level: OptLevel, features: &str) -> Result<TargetMachine> {
        let triple = TargetTriple::create(&self.triple);
        let target = Target::from_triple(&triple)
            .map_err(|e| Error::HostTarget { reason: format!("no LLVM target for {}: {e}", self.triple) })?;
        let codegen_level = match level {
            OptLevel::O0 => OptimizationLevel::None,
            OptLevel::O2 => OptimizationLevel::Default,
            OptLevel::O3 => OptimizationLevel::Aggressive,
        };
        target
            .create_target_machine(&triple, &self.cpu, features, codegen_level, RelocMode::PIC, CodeModel::Small)
            .ok_or_else(|| Error::HostTarget {
                reason: format!("cannot create a target machine for {} cpu {} ({level:?})", self.triple, self.cpu),
            })
    }
}

/// Lazily created target machines per [`OptLevel`]: one the optimizer works with, one that generates the code.
#[derive(Debug, Default)]
pub(crate) struct TargetMachines {
    machines: [Option<TargetMachine>; 3],
    codegen: [Option<TargetMachine>; 3],
}

impl TargetMachines {
    /// The machine the optimizer works with at `level`, created on first use.
    pub(crate) fn get(&mut self, host: &HostTarget, level: OptLevel) -> Result<&TargetMachine> {
        Self::slot(&mut self.machines[level.index()], || host.target_machine(level))
    }

    /// The machine that generates code at `level` (see [`HostTarget::codegen_machine`]), created on first use.
    pub(crate) fn codegen(&mut self, host: &HostTarget, level: OptLevel) -> Result<&TargetMachine> {
        Self::slot(&mut self.codegen[level.index()], || host.codegen_machine(level))
    }

    fn slot(slot: &mut Option<TargetMachine>, make: impl FnOnce() -> Result<TargetMachine>) -> Result<&TargetMachine> {
        if slot.is_none() {
            *slot = Some(make()?);
        }
        slot.as_ref().ok_or_else(|| Error::HostTarget { reason: "target machine vanished".into() })
    }
}

#[cfg(test)]
mod tests {
    use inkwell::context::Context;
    use inkwell::memory_buffer::MemoryBuffer;
    use inkwell::targets::FileType;

    use super::HostTarget;
    use crate::OptLevel;

    const IR: &str = r#"
%rec = type { ptr, i32, i32, i32, [36 x i8] }
@a = global %rec zeroinitializer, align 8
@b = global %rec zeroinitializer, align 8

define void @copy_record(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  call void @llvm.memcpy.p0.p0.i64(ptr align 8 @b, ptr align 8 @a, i64 56, i1 false)
  %f = getelementptr %rec, ptr @a, i64 0, i32 2
  store i32 %i, ptr %f, align 4
  %i1 = add i32 %i, 1
  %c = icmp slt i32 %i1, %n
  br i1 %c, label %loop, label %done
done:
  ret void
}

define void @add8(ptr %p, ptr %q) {
  %x = load <8 x i32>, ptr %p, align 4
  %y = load <8 x i32>, ptr %q, align 4
  %s = add <8 x i32> %x, %y
  store <8 x i32> %s, ptr %p, align 4
  ret void
}

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
"#;

    /// The assembly code generation emits for `name` in `IR`, at O2.
    fn assembly_of(host: &HostTarget, name: &str) -> String {
        let context = Context::create();
        let buffer = MemoryBuffer::create_from_memory_range_copy(IR.as_bytes(), "t.ll");
        let module = context.create_module_from_ir(buffer).expect("IR parses");
        let machine = host.codegen_machine(OptLevel::O2).expect("a code generation machine");
        let text = machine.write_to_memory_buffer(&module, FileType::Assembly).expect("assembly");
        let text = String::from_utf8_lossy(text.as_slice()).into_owned();
        let start = text.find(&format!("{name}:")).unwrap_or_else(|| panic!("{name} in\n{text}"));
        let end = text[start..].find(".Lfunc_end").map_or(text.len(), |e| start + e);
        text[start..end].to_owned()
    }

    #[test]
    fn copies_of_known_size_move_sixteen_bytes_at_a_time_and_vectors_keep_their_width() {
        super::init_native_target().expect("the x86 target");
        let host = HostTarget::detect();
        if !host.covers("+avx2") || std::env::var_os("TIERLIFT_CPU_FEATURES").is_some() {
            eprintln!("host without AVX2 (or features overridden): nothing to check");
            return;
        }
        let copy = assembly_of(&host, "copy_record");
        assert!(copy.contains("xmm"), "the copy is not done with 16-byte moves:\n{copy}");
        assert!(!copy.contains("ymm"), "the copy uses 32-byte moves:\n{copy}");
        let add = assembly_of(&host, "add8");
        assert!(add.contains("ymm"), "a 256-bit vector add was split:\n{add}");
    }
}
