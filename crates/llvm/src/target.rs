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

/// The host CPU and its features, as LLVM detects them.
#[derive(Debug, Clone)]
pub(crate) struct HostTarget {
    /// Target triple.
    pub(crate) triple: String,
    /// `LLVMGetHostCPUName`, e.g. `znver3`.
    pub(crate) cpu: String,
    /// `LLVMGetHostCPUFeatures`, e.g. `+sse2,-avx512f,...`.
    pub(crate) features: String,
    /// The features the host has (names without the leading `+`).
    enabled: HashSet<String>,
}

impl HostTarget {
    /// Detects the host.
    pub(crate) fn detect() -> Self {
        let triple = host_target_triple();
        let cpu = TargetMachine::get_host_cpu_name().to_string();
        let mut features = TargetMachine::get_host_cpu_features().to_string();
        // `TIERLIFT_CPU_FEATURES` adds or removes features (`-avx512f,+...`): later entries win in LLVM.
        if let Ok(extra) = std::env::var("TIERLIFT_CPU_FEATURES")
            && !extra.trim().is_empty()
        {
            features = format!("{features},{}", extra.trim());
        }
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
        HostTarget { triple, cpu, features, enabled }
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
        let triple = TargetTriple::create(&self.triple);
        let target = Target::from_triple(&triple)
            .map_err(|e| Error::HostTarget { reason: format!("no LLVM target for {}: {e}", self.triple) })?;
        let codegen_level = match level {
            OptLevel::O0 => OptimizationLevel::None,
            OptLevel::O2 => OptimizationLevel::Default,
            OptLevel::O3 => OptimizationLevel::Aggressive,
        };
        target
            .create_target_machine(&triple, &self.cpu, &self.features, codegen_level, RelocMode::PIC, CodeModel::Small)
            .ok_or_else(|| Error::HostTarget {
                reason: format!("cannot create a target machine for {} cpu {} ({level:?})", self.triple, self.cpu),
            })
    }
}

/// One lazily created target machine per [`OptLevel`].
#[derive(Debug, Default)]
pub(crate) struct TargetMachines {
    machines: [Option<TargetMachine>; 3],
}

impl TargetMachines {
    /// The machine for `level`, created on first use.
    pub(crate) fn get(&mut self, host: &HostTarget, level: OptLevel) -> Result<&TargetMachine> {
        let slot = &mut self.machines[level.index()];
        if slot.is_none() {
            *slot = Some(host.target_machine(level)?);
        }
        slot.as_ref().ok_or_else(|| Error::HostTarget { reason: "target machine vanished".into() })
    }
}
