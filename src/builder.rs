//! Configuring a [`Jit`].

use crate::policy::TierPolicy;
use crate::{Error, Jit, PolicyKind, TierMode};
use std::sync::Arc;
use std::time::Duration;

/// Builds a [`Jit`].
#[derive(Clone, Debug, Default)]
pub struct JitBuilder {
    config: tierlift_runtime::Config,
    lookup: Option<SymbolLookup>,
}

/// A function from a symbol name to its address, if known.
type LookupFn = dyn Fn(&str) -> Option<usize> + Send + Sync;

/// The embedder's callback for symbol names it computes ([`JitBuilder::symbol_lookup`]).
#[derive(Clone)]
pub(crate) struct SymbolLookup(pub(crate) Arc<LookupFn>);

impl std::fmt::Debug for SymbolLookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SymbolLookup(..)")
    }
}

impl JitBuilder {
    /// Which tiers run (default: tiered).
    pub fn mode(mut self, mode: TierMode) -> Self {
        self.config.mode = mode;
        self
    }

    /// The tiering policy (default: counting).
    pub fn policy(mut self, policy: PolicyKind) -> Self {
        self.config.policy = policy;
        self
    }

    /// A tiering policy of the embedder's: `make` is called once per loaded module for a fresh instance (the
    /// built-in ones are in [`crate::policy`]). Takes precedence over [`policy`](Self::policy).
    pub fn custom_policy(mut self, make: impl Fn() -> Box<dyn TierPolicy> + Send + Sync + 'static) -> Self {
        self.config.custom_policy = Some(tierlift_runtime::PolicyFactory(Arc::new(make)));
        self
    }

    /// What happens when a function reached lazily (its first call, from JIT code or a function pointer) cannot
    /// be compiled in any tier, or when JIT code calls an external function that was found nowhere at load (bound
    /// lazily, as a shared library's are: [`Error::UnresolvedSymbol`]): `handler` gets the error (naming the
    /// function and the reason) and should end the thread or process its own way. If it returns, the default runs: the error is printed on stderr and the
    /// process ends with status 70 (C streams flushed, no exit-time functions).
    /// [`LoadedModule::compile_all`](crate::LoadedModule::compile_all) finds such functions up front.
    pub fn lazy_failure_handler(mut self, handler: impl Fn(&Error) + Send + Sync + 'static) -> Self {
        self.config.lazy_failure = Some(tierlift_runtime::LazyFailureHandler(Arc::new(handler)));
        self
    }

    /// Untrusted input: parse and verify every module in a child process first, which may use at most
    /// `memory_bytes` more memory and `timeout` of time. Input that crashes LLVM's reader, hangs it or exhausts
    /// memory ends the child and is rejected ([`Error::RejectedInput`]) before this process parses it. Costs a
    /// `fork` and a second parse per load.
    pub fn isolate_parse(mut self, memory_bytes: u64, timeout: Duration) -> Self {
        self.config.isolate_parse = Some(tierlift_code::isolate::Limits { memory_bytes, timeout });
        self
    }

    /// Background compile threads of the engine, shared by all its modules (default 1). They start idle with the
    /// engine; each sets up LLVM for a module at its first job for that module.
    pub fn compile_threads(mut self, n: usize) -> Self {
        self.config.compile_threads = n.max(1);
        self
    }

    /// Calls before a function is first considered for tier-up.
    pub fn call_threshold(mut self, n: u64) -> Self {
        self.config.call_threshold = n.max(1);
        self
    }

    /// Loop iterations before a function is first considered for tier-up.
    pub fn loop_threshold(mut self, n: u64) -> Self {
        self.config.loop_threshold = n.max(1);
        self
    }

    /// Whether tier-0 code carries counters outside tiered mode (for measuring their overhead).
    pub fn counters(mut self, on: bool) -> Self {
        self.config.counters = on;
        self
    }

    /// Whether Cranelift's verifier checks every tier-0 function (default: on in debug builds).
    pub fn verifier(mut self, on: bool) -> Self {
        self.config.verifier = on;
        self
    }

    /// Resolves undefined symbols of loaded modules that [`symbol`](Self::symbol) does not name: `lookup` returns
    /// an address or `None` (then other modules of the `Jit`, then the process, are searched).
    pub fn symbol_lookup(mut self, lookup: impl Fn(&str) -> Option<usize> + Send + Sync + 'static) -> Self {
        self.lookup = Some(SymbolLookup(Arc::new(lookup)));
        self
    }

    /// Provides an external symbol; it takes precedence over the process's symbols.
    pub fn symbol(mut self, name: impl Into<String>, address: usize) -> Self {
        self.config.symbols.insert(name.into(), address);
        self
    }

    /// On-stack replacement (default on): hot loops of a frame still running tier-0 code move to LLVM code.
    pub fn osr(mut self, on: bool) -> Self {
        self.config.osr = on;
        self
    }

    /// Profile-guided optimization (default on): instrumented tier-0 code also counts which way conditional
    /// branches go, which `switch` cases run and which functions indirect calls reach, and the O2/O3 compiles
    /// get those counts as branch weights, entry counts and value profiles (hot indirect-call targets become
    /// guarded direct calls the inliner can take).
    pub fn pgo(mut self, on: bool) -> Self {
        self.config.pgo = on;
        self
    }

    /// Compile ahead (default off): once a function's first call has compiled it in tier 0, an idle background
    /// worker compiles its direct callees in tier 0 too, and their callees, so that their first calls find code
    /// ready. A module's first compiles take turns (the program's and the worker's), so it gains only where the
    /// program runs for a while between first calls; it costs worker time and code memory for callees that are
    /// never called.
    pub fn compile_ahead(mut self, on: bool) -> Self {
        self.config.compile_ahead = on;
        self
    }

    /// Virtual calls without a stub in between (default on): the function entries of C++ virtual tables
    /// (Itanium ABI `_ZTV`/`_ZTC` globals) hold their function's current code instead of its stub, and follow it
    /// at each tier change, so a virtual call is one indirect call, as natively. C++ code never sees an entry's
    /// value (only virtual calls load it); turn this off for a module whose code reads virtual tables and
    /// compares the function pointers it finds there with functions' addresses.
    pub fn direct_virtual_calls(mut self, on: bool) -> Self {
        self.config.direct_virtual_calls = on;
        self
    }

    /// A per-thread cache of small freed heap blocks for JIT code (default on). glibc's allocator leaves its
    /// lock-free paths for good once a process has created a thread, and the engine's compile workers are
    /// threads; with the cache, the module's `malloc`, `calloc`, small `realloc`s, `free` and C++
    /// `new`/`delete` take a block the calling thread freed before (up to 1,016 bytes; a thread holds at most
    /// 1 MiB, given back when it ends or at `malloc_trim`) without reaching the allocator. Every block is the
    /// allocator's own, so the C library may `free` or `realloc` it. The module sees these routines, not the C
    /// library's, as the addresses of `malloc`, `free`... Off: those calls go straight to the process's
    /// functions.
    pub fn heap_cache(mut self, on: bool) -> Self {
        self.config.heap_cache = on;
        self
    }

    /// Free superseded code (default on): once a function's new version is installed, the old one's memory is
    /// returned when a stack scan shows that no thread is running it or can return into it. The scan reads the
    /// stacks of threads asleep in a system call from `/proc` and sends the other threads a real-time signal
    /// (handled with `SA_RESTART`; its handler only reads memory). Turn it off in a host that runs JIT code on
    /// stacks it switches between (coroutines): the scan sees only the stack a thread is on. A module that refers
    /// to `swapcontext`, `setcontext` or `makecontext` keeps its superseded code either way. It is off while
    /// profilers or debuggers observe the code ([`JitBuilder::perf_map`], `jitdump`, `gdb`).
    pub fn free_superseded_code(mut self, on: bool) -> Self {
        self.config.free_code = on;
        self
    }

    /// Test hook: superseded code is freed as soon as possible (a scan whenever some waits, instead of once
    /// enough has waited), to exercise freeing in short runs.
    #[doc(hidden)]
    pub fn free_code_eagerly(mut self, on: bool) -> Self {
        self.config.free_code_eagerly = on;
        self
    }

    /// Say that the host runs JIT code on stacks it switches between (coroutines, green threads) by means of its
    /// own (default off). Superseded code is then kept (the scan that frees it sees only the stack a thread is on)
    /// and functions with variable-sized allocas go to LLVM instead of tier 0 (whose arrays live on one stack of
    /// its own per thread, which the coroutines would share). A module that refers to `swapcontext`, `setcontext`
    /// or `makecontext` is treated so whatever this says.
    pub fn switches_stacks(mut self, on: bool) -> Self {
        self.config.switches_stacks = on;
        self
    }

    /// Sampling interval of the sampling policy.
    pub fn sample_interval(mut self, interval: Duration) -> Self {
        self.config.sample_interval = interval;
        self
    }

    /// Writes `/tmp/perf-PID.map` as code is made executable, so `perf report` names JIT code (every tier, OSR
    /// entries, stubs and thunks; the tier in brackets: `collatz [llvm-o3]`).
    pub fn perf_map(mut self, on: bool) -> Self {
        self.config.observe.perf_map = on;
        self
    }

    /// Writes `/tmp/jit-PID.dump` (perf's jitdump format, with the code bytes) for `perf inject -j`.
    pub fn jitdump(mut self, on: bool) -> Self {
        self.config.observe.jitdump = on;
        self
    }

    /// Registers JIT code with debuggers through the GDB JIT interface, so backtraces and breakpoints name JIT
    /// frames in every tier; LLVM-tier code then keeps frame pointers so debuggers can unwind through it.
    pub fn gdb(mut self, on: bool) -> Self {
        self.config.observe.gdb = on;
        self
    }

    /// Writes a Chrome trace-event JSON of the tiering (compiles per worker thread, installs, OSR, queue length)
    /// to `path` when the module is dropped or [`crate::LoadedModule::write_observations`] is called.
    pub fn trace(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.config.trace = Some(path.into());
        self
    }

    /// Draws the tiering timeline (one lane per function, coloured by tier) as SVG to `path`, like
    /// [`JitBuilder::trace`].
    pub fn timeline(mut self, path: impl Into<std::path::PathBuf>) -> Self {
        self.config.timeline = Some(path.into());
        self
    }

    /// Test hook: every background compile waits this long before it starts.
    #[doc(hidden)]
    pub fn worker_delay(mut self, delay: Duration) -> Self {
        self.config.worker_delay = delay;
        self
    }

    /// The configured JIT.
    pub fn build(self) -> Jit {
        let mut config = self.config;
        config.engine = Some(tierlift_runtime::Engine::new(config.compile_threads, config.worker_delay));
        Jit { config, lookup: self.lookup, namespace: Default::default() }
    }
}
