//! How a module is run: forced tiers or tiered, which policy, how many compile threads.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

/// Which tiers run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TierMode {
    /// Tier 0 first; hot functions move to LLVM O2 and O3 in the background.
    Tiered,
    /// Tier 0 only (functions tier 0 declines still fall back to LLVM O0).
    Tier0,
    /// Every function compiled lazily by LLVM at O0.
    LlvmO0,
    /// Every function compiled lazily by LLVM at O2.
    LlvmO2,
    /// Every function compiled lazily by LLVM at O3.
    LlvmO3,
}

/// The built-in tiering policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyKind {
    /// Fixed call and back-edge thresholds per tier.
    Counting,
    /// A sampler records the hottest function every interval; > 50 of the last 100 samples goes straight to O3.
    Sampling,
    /// Expected future time against measured compile cost and speedup.
    CostBenefit,
}

/// Everything that decides how a loaded module runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Which tiers run.
    pub mode: TierMode,
    /// The tiering policy (in [`TierMode::Tiered`]).
    pub policy: PolicyKind,
    /// Background LLVM compile threads (at least 1).
    pub compile_threads: usize,
    /// Calls before a function is first considered hot.
    pub call_threshold: u64,
    /// Loop iterations (back edges) before a function is first considered hot.
    pub loop_threshold: u64,
    /// Whether tier-0 code carries counters (forced on in [`TierMode::Tiered`]).
    pub counters: bool,
    /// Run Cranelift's IR verifier on every tier-0 function.
    pub verifier: bool,
    /// Symbols the embedder provides; they take precedence over the process's.
    pub symbols: HashMap<String, usize>,
    /// Test hook: every background compile sleeps this long first.
    pub worker_delay: Duration,
    /// Sampling interval of the sampling policy.
    pub sample_interval: Duration,
    /// On-stack replacement: hot loops of a running tier-0 frame move to LLVM code (tiered mode).
    pub osr: bool,
    /// Which profilers and debuggers see the module's code (perf map, jitdump, GDB JIT interface).
    pub observe: tierlift_code::observe::ObserveOptions,
    /// Write a Chrome trace-event JSON of the module's tiering here (at `Runtime::write_observations` and drop).
    pub trace: Option<PathBuf>,
    /// Draw the module's tiering timeline as SVG here (at `Runtime::write_observations` and drop).
    pub timeline: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: TierMode::Tiered,
            policy: PolicyKind::Counting,
            compile_threads: 1,
            call_threshold: 1000,
            loop_threshold: 10_000,
            counters: false,
            verifier: cfg!(debug_assertions),
            symbols: HashMap::new(),
            worker_delay: Duration::ZERO,
            sample_interval: Duration::from_millis(1),
            osr: true,
            observe: Default::default(),
            trace: None,
            timeline: None,
        }
    }
}
