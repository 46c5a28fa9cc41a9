//! Snapshots of what the tier manager did.

use crate::Tier;
use serde::Serialize;

/// One figure per tier; tiers without one are left out of the JSON, whose keys are the tier names (`tier0`,
/// `llvm-o0`, `llvm-o2`, `llvm-o3`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct PerTier<T> {
    /// Tier 0 (Cranelift).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier0: Option<T>,
    /// LLVM at O0.
    #[serde(rename = "llvm-o0", skip_serializing_if = "Option::is_none")]
    pub llvm_o0: Option<T>,
    /// LLVM at O2.
    #[serde(rename = "llvm-o2", skip_serializing_if = "Option::is_none")]
    pub llvm_o2: Option<T>,
    /// LLVM at O3.
    #[serde(rename = "llvm-o3", skip_serializing_if = "Option::is_none")]
    pub llvm_o3: Option<T>,
}

impl<T: Copy> PerTier<T> {
    /// The figure of `tier`, if there is one.
    pub fn get(&self, tier: Tier) -> Option<T> {
        match tier {
            Tier::Tier0 => self.tier0,
            Tier::LlvmO0 => self.llvm_o0,
            Tier::LlvmO2 => self.llvm_o2,
            Tier::LlvmO3 => self.llvm_o3,
        }
    }

    /// Sets the figure of `tier`.
    pub fn set(&mut self, tier: Tier, value: Option<T>) {
        let slot = match tier {
            Tier::Tier0 => &mut self.tier0,
            Tier::LlvmO0 => &mut self.llvm_o0,
            Tier::LlvmO2 => &mut self.llvm_o2,
            Tier::LlvmO3 => &mut self.llvm_o3,
        };
        *slot = value;
    }

    /// The tiers that have a figure, lowest first.
    pub fn iter(&self) -> impl Iterator<Item = (Tier, T)> + '_ {
        Tier::ALL.into_iter().filter_map(|t| self.get(t).map(|v| (t, v)))
    }

    /// Builds the table from a function of the tier.
    pub fn from_fn(mut f: impl FnMut(Tier) -> Option<T>) -> Self {
        let mut out = PerTier { tier0: None, llvm_o0: None, llvm_o2: None, llvm_o3: None };
        for t in Tier::ALL {
            out.set(t, f(t));
        }
        out
    }
}

/// Per-function statistics.
#[derive(Clone, Debug, Serialize)]
pub struct FunctionStats {
    /// IR name.
    pub name: String,
    /// Current tier (`tier0`, `llvm-o0`, `llvm-o2` or `llvm-o3` in JSON).
    pub tier: Tier,
    /// Why tier 0 declined the function, if it did.
    pub fallback_reason: Option<String>,
    /// Calls counted (0 when the running code carries no counters). Counting stops where nothing reads the
    /// count any more (outside tiered mode, once the hook has run).
    pub calls: u64,
    /// Loop header visits counted in tier-0 code (a running frame adds its visits in batches: see
    /// `tierlift_tier0`'s loop counts), with the same stop as `calls`.
    pub back_edges: u64,
    /// Samples of indirect-call targets its instrumented code took for profile-guided optimization (about one
    /// call in 32 of each site while its calls are counted; none once counting stops), summed over its sites.
    pub indirect_call_samples: u64,
    /// Last compile time per tier, in microseconds.
    pub compile_us: PerTier<f64>,
    /// When the current code was installed, in microseconds after load.
    pub installed_at_us: f64,
    /// Code installs so far.
    pub installs: u32,
    /// Background compiles that failed.
    pub failures: Vec<String>,
    /// On-stack-replacement entries of this function's loops.
    pub osr: Vec<OsrStats>,
    /// Time from a background compile's request (the hot event) to its code being installed, per tier, in
    /// microseconds.
    pub tierup_latency_us: PerTier<f64>,
}

/// One loop's on-stack-replacement entry.
#[derive(Clone, Debug, Serialize)]
pub struct OsrStats {
    /// The loop (index among the function's loops, outermost first in nesting order of discovery).
    pub loop_index: usize,
    /// The loop header's block index.
    pub header_block: usize,
    /// Whether its entry is installed.
    pub installed: bool,
    /// Compile time of the entry, in microseconds.
    pub compile_us: f64,
    /// Frames that entered it.
    pub entries: u64,
}

/// Sums over the functions of a module.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Totals {
    /// Functions compiled (in any tier).
    pub functions: usize,
    /// Functions whose code is in each tier now.
    pub in_tier: PerTier<usize>,
    /// Functions tier 0 declined.
    pub fallbacks: usize,
    /// Code installs.
    pub installs: u64,
    /// Compile time spent per tier (last compile of each function), in microseconds; tiers nothing was compiled
    /// in are left out.
    pub compile_us: PerTier<f64>,
    /// Frames that entered LLVM code through an OSR entry.
    pub osr_entries: u64,
    /// Background compiles (normal or OSR entries) that failed, over all functions.
    pub failures: usize,
}

/// A snapshot of a module's tiering.
#[derive(Clone, Debug, Serialize)]
pub struct Stats {
    /// The policy in charge.
    pub policy: String,
    /// Every function compiled so far.
    pub functions: Vec<FunctionStats>,
    /// Sums over `functions`.
    pub totals: Totals,
    /// Times the hotness hook ran.
    pub hook_calls: u64,
    /// The hook's longest run, in microseconds.
    pub hook_max_us: f64,
    /// Queued compiles withdrawn because an installed O3 version of a caller carries the function's body (the
    /// function is asked for again if calls keep coming).
    pub withdrawn_requests: u64,
    /// Functions compiled in tier 0 by an idle worker ahead of their first call (see [`crate::Config::compile_ahead`]).
    pub compiled_ahead: u64,
    /// Function entries of C++ virtual tables that hold their function's current code instead of its stub (see
    /// [`crate::Config::direct_virtual_calls`]).
    pub virtual_table_entries: usize,
    /// Superseded code freed so far by the module's engine (all its modules).
    pub reclaim: crate::ReclaimStats,
    /// LLVM versions compiled into one object file together with other small jobs of the module (code generation
    /// and linking have a fixed cost per object file); such an object's memory is freed with the last of its
    /// versions.
    pub batched_versions: u64,
    /// Time the compile workers spent setting up LLVM compilers for the module (parsing its bitcode, the
    /// whole-module analysis the optimizing tiers use), in microseconds: once per worker, before its first job,
    /// and counted in no function's compile time.
    pub llvm_setup_us: f64,
}

impl Totals {
    /// Sums the per-function figures.
    pub fn of(functions: &[FunctionStats]) -> Totals {
        let mut t = Totals { functions: functions.len(), ..Totals::default() };
        for tier in Tier::ALL {
            t.in_tier.set(tier, Some(functions.iter().filter(|f| f.tier == tier).count()));
            // Summed from 0.0 (an empty `sum` of floats is -0.0); no entry for a tier nothing was compiled in.
            let times: Vec<f64> = functions.iter().filter_map(|f| f.compile_us.get(tier)).collect();
            t.compile_us.set(tier, (!times.is_empty()).then(|| times.iter().fold(0.0, |a, b| a + b)));
        }
        t.fallbacks = functions.iter().filter(|f| f.fallback_reason.is_some()).count();
        t.installs = functions.iter().map(|f| u64::from(f.installs)).sum();
        t.osr_entries = functions.iter().flat_map(|f| &f.osr).map(|o| o.entries).sum();
        t.failures = functions.iter().map(|f| f.failures.len()).sum();
        t
    }
}

impl Stats {
    /// The stats of one function, by IR name.
    pub fn function(&self, name: &str) -> Option<&FunctionStats> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// A human-readable table.
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:<32} {:<8} {:>12} {:>12} {:>8}  compile (us)\n",
            "function", "tier", "calls", "back-edges", "installs"
        );
        for f in &self.functions {
            let times: Vec<String> = f.compile_us.iter().map(|(t, us)| format!("{}={us:.0}", t.name())).collect();
            out.push_str(&format!(
                "{:<32} {:<8} {:>12} {:>12} {:>8}  {}{}\n",
                f.name,
                f.tier.name(),
                f.calls,
                f.back_edges,
                f.installs,
                times.join(" "),
                f.fallback_reason.as_ref().map(|r| format!("  [fallback: {r}]")).unwrap_or_default()
            ));
            for failure in &f.failures {
                out.push_str(&format!("  failed compile: {}\n", failure.trim_end().replace('\n', " ")));
            }
            for o in &f.osr {
                out.push_str(&format!(
                    "  osr loop {} (block {}): {} entries, compiled in {:.0} us\n",
                    o.loop_index, o.header_block, o.entries, o.compile_us
                ));
            }
        }
        let t = &self.totals;
        let tiers: Vec<String> = t.in_tier.iter().map(|(n, c)| format!("{} {c}", n.name())).collect();
        let times: Vec<String> =
            t.compile_us.iter().map(|(n, us)| format!("{} {:.1} ms", n.name(), us / 1000.0)).collect();
        out.push_str(&format!(
            "total: {} functions ({}), {} fallbacks, {} installs, {} OSR entries, {} failed compiles; compile time {}\n",
            t.functions,
            tiers.join(", "),
            t.fallbacks,
            t.installs,
            t.osr_entries,
            t.failures,
            times.join(", ")
        ));
        out.push_str(&format!(
            "policy {}; hook ran {} times, longest {:.1} us; {} queued compiles withdrawn (inlined into a caller); {} \
             compiled ahead of their first call; {} versions shared an object file; LLVM set-up {:.1} ms\n",
            self.policy,
            self.hook_calls,
            self.hook_max_us,
            self.withdrawn_requests,
            self.compiled_ahead,
            self.batched_versions,
            self.llvm_setup_us / 1000.0
        ));
        out
    }
}
