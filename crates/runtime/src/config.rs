//! How a module is run: forced tiers or tiered, which policy, how many compile threads.

use crate::policy::TierPolicy;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// What happens when a function called for the first time cannot be compiled in any tier. There is no caller
/// to return an error to (the call came from JIT code or through a function pointer), so the handler is told
/// the error and should end the thread or the process in its own way (log and `exit`, `pthread_exit`, a
/// `siglongjmp` to a recovery point...). If it returns, the default runs: the error is printed on stderr,
/// naming the function and the reason, the C streams are flushed and the process ends with status 70 (`_exit`).
#[derive(Clone)]
pub struct LazyFailureHandler(pub Arc<dyn Fn(&crate::Error) + Send + Sync>);

impl std::fmt::Debug for LazyFailureHandler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LazyFailureHandler(..)")
    }
}

/// Makes a fresh custom policy for each loaded module.
#[derive(Clone)]
pub struct PolicyFactory(pub Arc<dyn Fn() -> Box<dyn TierPolicy> + Send + Sync>);

impl std::fmt::Debug for PolicyFactory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PolicyFactory(..)")
    }
}

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
    /// Profile-guided optimization: instrumented tier-0 code counts branch edges, `switch` destinations and
    /// indirect-call targets, and O2/O3 compiles use them.
    pub pgo: bool,
    /// Compile ahead (default off): once a function's first call compiled it in tier 0, its direct callees (and
    /// theirs) are compiled in tier 0 by an idle background worker, so that their first calls find code (tiered
    /// and tier-0 modes). First compiles of a module take turns, so this gains only where the program runs
    /// between first calls.
    pub compile_ahead: bool,
    /// Virtual calls without the stub's jump (default on): the function entries of C++ virtual tables hold the
    /// function's current code instead of its stub, rewritten at each install (see
    /// `load::is_virtual_table`). Off: every entry keeps the stub, like every other stored function pointer.
    pub direct_virtual_calls: bool,
    /// JIT code's `malloc`, `calloc`, `free` and C++ `new`/`delete` go through a per-thread cache of small freed
    /// blocks (default on; see `tierlift_code::heap_cache`): the engine's own threads would otherwise put the
    /// C library's allocator on its locked paths for good. Off: they are the process's functions.
    pub heap_cache: bool,
    /// Free superseded code (a version no slot holds) once a stack scan shows no thread can be running it or
    /// return into it (default on). The scan sends a real-time signal to threads that are not asleep in a
    /// system call; turn this off in a program that runs JIT code on stacks it switches between (coroutines),
    /// which the scan cannot see. A module that refers to `swapcontext`, `setcontext` or `makecontext` keeps its
    /// superseded code whatever this says. Off while profilers or debuggers observe the code.
    pub free_code: bool,
    /// Test hook: free superseded code as soon as possible (a scan whenever some waits).
    #[doc(hidden)]
    pub free_code_eagerly: bool,
    /// The host runs JIT code on stacks it switches between (coroutines, green threads): superseded code is kept,
    /// and functions with variable-sized allocas go to LLVM instead of tier 0. Implied for a module that refers to
    /// `swapcontext`, `setcontext` or `makecontext`.
    pub switches_stacks: bool,
    /// Which profilers and debuggers see the module's code (perf map, jitdump, GDB JIT interface).
    pub observe: tierlift_code::observe::ObserveOptions,
    /// Write a Chrome trace-event JSON of the module's tiering here (at `Runtime::write_observations` and drop).
    pub trace: Option<PathBuf>,
    /// Draw the module's tiering timeline as SVG here (at `Runtime::write_observations` and drop).
    pub timeline: Option<PathBuf>,
    /// A policy of the embedder's, used instead of [`Config::policy`].
    pub custom_policy: Option<PolicyFactory>,
    /// What a failed first-call compile does (see [`LazyFailureHandler`]); `None`: the default.
    pub lazy_failure: Option<LazyFailureHandler>,
    /// The engine whose compile workers the module shares with the other modules of a `Jit`; `None`: a pool of
    /// its own ([`Config::compile_threads`] workers).
    pub engine: Option<crate::Engine>,
    /// Parse and verify untrusted input in a child process first, under these limits (see
    /// `tierlift_code::isolate`); `None`: parse in this process only.
    pub isolate_parse: Option<tierlift_code::isolate::Limits>,
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
            pgo: true,
            compile_ahead: false,
            direct_virtual_calls: true,
            heap_cache: true,
            free_code: true,
            free_code_eagerly: false,
            switches_stacks: false,
            observe: Default::default(),
            trace: None,
            timeline: None,
            custom_policy: None,
            lazy_failure: None,
            isolate_parse: None,
            engine: None,
        }
    }
}
