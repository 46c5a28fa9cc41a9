//! Code versions and per-function state.

use arc_swap::ArcSwapOption;
use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

/// Where a function's code came from. In JSON it is its [`Tier::name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Tier {
    /// Cranelift.
    #[serde(rename = "tier0")]
    Tier0,
    /// LLVM at O0 (the fallback for functions tier 0 declines, or forced).
    #[serde(rename = "llvm-o0")]
    LlvmO0,
    /// LLVM at O2.
    #[serde(rename = "llvm-o2")]
    LlvmO2,
    /// LLVM at O3.
    #[serde(rename = "llvm-o3")]
    LlvmO3,
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Tier {
    /// Every tier, lowest first.
    pub const ALL: [Tier; 4] = [Tier::Tier0, Tier::LlvmO0, Tier::LlvmO2, Tier::LlvmO3];

    /// The name used in stats: `tier0`, `llvm-o0`, `llvm-o2`, `llvm-o3`.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Tier0 => "tier0",
            Tier::LlvmO0 => "llvm-o0",
            Tier::LlvmO2 => "llvm-o2",
            Tier::LlvmO3 => "llvm-o3",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    pub(crate) fn from_index(i: u8) -> Option<Tier> {
        [Tier::Tier0, Tier::LlvmO0, Tier::LlvmO2, Tier::LlvmO3].get(usize::from(i)).copied()
    }
}

/// One installed code version of a function.
#[derive(Debug)]
pub struct Version {
    /// Its tier.
    pub tier: Tier,
    /// Address of its machine code.
    pub address: usize,
    /// What the function's slot holds while this version runs: `address`, or for tier-0 code whose calls are
    /// counted in front of it, the function's counting entry (which jumps to `address`).
    pub entry: usize,
    /// Size of its machine code in bytes (0: unknown).
    pub code_size: usize,
    /// Time from starting the compile to the code being executable.
    pub compile_time: Duration,
    /// When it was installed, relative to the module's load.
    pub installed_at: Duration,
    /// What frees its code once it is superseded (`None`: it stays until the module is dropped).
    pub(crate) code: Option<Code>,
}

/// Where a version's code lives, to free it.
pub(crate) enum Code {
    /// In its module's tier-0 code memory (gone with the module).
    Tier0(Weak<Mutex<crate::runtime::ClifState>>),
    /// In an LLJIT of a compile worker.
    Llvm(tierlift_llvm::VersionCode),
}

impl Code {
    /// Frees the code at `address`, which no thread can run or return into any more and nothing calls. Returns
    /// whether something was freed (tier-0 code of a module already dropped went with the module).
    pub(crate) fn free(self, address: usize) -> bool {
        match self {
            Code::Tier0(space) => crate::runtime::free_tier0(&space, address),
            Code::Llvm(code) => {
                let _llvm = tierlift_code::llvm_work();
                code.free().map_err(|e| tracing::warn!(%e, "freeing LLVM code")).is_ok()
            }
        }
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Code::Tier0(_) => "Tier0",
            Code::Llvm(_) => "Llvm",
        })
    }
}

/// What the runtime knows about one function.
#[derive(Default)]
pub(crate) struct FuncState {
    /// The version in the slot.
    pub(crate) version: ArcSwapOption<Version>,
    /// Held while a version is installed: the record and the slot change together, so that the version handed
    /// to the engine to free is never the one left in the slot.
    pub(crate) installing: Mutex<()>,
    /// The latest version compiled at each tier, while it lives (reinstalled by `force_tier`).
    pub(crate) by_tier: Mutex<[Option<Weak<Version>>; 4]>,
    /// When the latest version of each tier was installed, relative to the module's load.
    pub(crate) installed_at: Mutex<[Option<Duration>; 4]>,
    /// Superseded versions kept mapped (not handed to the engine to free), the latest per tier.
    pub(crate) kept: Mutex<[Option<Arc<Version>>; 4]>,
    /// Why tier 0 declined it.
    pub(crate) fallback_reason: Mutex<Option<String>>,
    /// Compile time per tier (last compile).
    pub(crate) compile_times: Mutex<[Option<Duration>; 4]>,
    /// When each tier was last requested from the background workers, relative to load.
    pub(crate) requested_at: Mutex<[Option<Duration>; 4]>,
    /// Failed background compiles.
    pub(crate) failures: Mutex<Vec<String>>,
    /// The tier requested from the background workers and not yet installed (0 = none, else tier index + 1).
    pub(crate) pending: AtomicU8,
    /// The highest tier whose background compile failed (0 = none, else tier index + 1): it and the tiers below
    /// are not asked for again (the same IR fails the same way).
    pub(crate) failed: AtomicU8,
    /// Bumped whenever a queued request is withdrawn (see `Inner::withdraw`): a job queued before is dropped.
    /// Changed, like `pending` by a request, under `requested_at`'s lock.
    pub(crate) withdrawals: AtomicU32,
    /// Installs so far.
    pub(crate) installs: AtomicU32,
    /// A compile ahead of its first call was queued (see `Inner::compile_callees_ahead`).
    pub(crate) ahead_queued: std::sync::atomic::AtomicBool,
    /// Callees, loops and OSR states, recorded at the tier-0 compile.
    pub(crate) shape: std::sync::OnceLock<Shape>,
    /// On-stack-replacement entries requested and compiled.
    pub(crate) osr: Mutex<OsrLog>,
}

/// What the tier manager remembers of a function's IR.
pub(crate) struct Shape {
    /// Functions it calls directly.
    pub(crate) callees: Vec<tierlift_ir::FuncId>,
    /// Whether it calls itself directly.
    pub(crate) calls_itself: bool,
    /// Whether it calls through a pointer (or an alias): a callee it does not name.
    pub(crate) calls_unnamed: bool,
    /// Its loops, indexed like its loop counters.
    pub(crate) loops: Vec<tierlift_tier0::osr::Loop>,
    /// The functions each loop calls directly (in its own blocks, nested loops' included).
    pub(crate) loop_callees: Vec<Vec<tierlift_ir::FuncId>>,
    /// The OSR state of each loop (`None`: that loop cannot be entered).
    pub(crate) osr_states: Vec<Option<Vec<tierlift_tier0::osr::StateValue>>>,
    /// Which loops count in the frame (the innermost ones), and where their counts move.
    pub(crate) batches: std::sync::Arc<tierlift_tier0::LoopBatches>,
}

impl Shape {
    /// Loop `l` and the loops around it, innermost first.
    pub(crate) fn enclosing(&self, l: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(l).filter(|&l| l < self.loops.len()), |&a| self.loops[a].parent)
    }

    /// The innermost of loop `l` and the loops around it that has an OSR site.
    pub(crate) fn site_around(&self, l: usize) -> Option<usize> {
        self.enclosing(l).find(|&a| self.osr_states[a].is_some())
    }
}

/// OSR entries of one function.
#[derive(Default)]
pub(crate) struct OsrLog {
    /// Loops whose entry was requested.
    pub(crate) requested: Vec<usize>,
    /// Loops whose entry failed to compile.
    pub(crate) failed: Vec<usize>,
    /// Loops whose entry is installed, with the compile time.
    pub(crate) compiled: Vec<(usize, Duration)>,
    /// The entry being compiled.
    pub(crate) in_flight: Option<InFlight>,
    /// When an in-flight entry was last dropped because the frame had left its nest.
    pub(crate) in_flight_dropped_at: Option<std::time::Instant>,
    /// The function's calls when a normal-entry compile was last dropped because its frames all had a way out
    /// through an entry (see `Inner::frames_left_through_osr`).
    pub(crate) normal_entry_dropped_at: Option<u64>,
}

/// An OSR entry being compiled, and its loop nest's visits (its loop's and those of the loops inside it) as last
/// looked at (see `Inner::left_in_flight_nest`).
pub(crate) struct InFlight {
    /// The loop the entry starts at.
    pub(crate) loop_index: usize,
    /// The nest's visits then.
    pub(crate) visits: u64,
    /// When they were last seen to change (or the nest was first looked at).
    pub(crate) changed_at: std::time::Instant,
    /// Set once the frames are taken to have left the nest: its entry's compile is dropped if it has not started.
    pub(crate) left: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl FuncState {
    pub(crate) fn tier(&self) -> Option<Tier> {
        self.version.load().as_ref().map(|v| v.tier)
    }

    pub(crate) fn pending(&self) -> Option<Tier> {
        match self.pending.load(Ordering::Acquire) {
            0 => None,
            i => Tier::from_index(i - 1),
        }
    }
}
