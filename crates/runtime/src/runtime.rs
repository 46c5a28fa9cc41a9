//! A loaded module and its tier manager: [`Runtime`] is its public face, `Inner` its state (shared with the
//! lazy trampoline, the hotness hook, the sampler and the workers' callbacks). What `Inner` does is in the
//! submodules:
//! - `first_call`: the lazy trampoline's resolve, tier 0 (translate, compile) and the LLVM O0 fallback;
//! - `jobs`: LLVM compile jobs, which callee bodies they carry for inlining, their queue priority;
//! - `hotness`: the hook counters call when hot, and the background compile requests of the policy;
//! - `osr`: on-stack-replacement entry requests and their installation;
//! - `install`: installing a compiled version (record, then slot), and synchronous LLVM compiles;
//! - `stats`: the per-function statistics snapshot.

use crate::config::{Config, PolicyKind, TierMode};
use crate::load::{self, Addresses};
use crate::policy::{self, TierPolicy};
use crate::stats::Stats;
use crate::versions::{FuncState, Tier};
use crate::workers::{Engine, JobResult, Workers};
use crate::{Error, Result};
use cranelift_frontend::FunctionBuilderContext;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};
use tierlift_code::{ClifCode, Counters, FunctionTable, LazyResolve, VarargThunks};
use tierlift_ir::{FuncId, Module, Symbol};

mod ahead;
mod first_call;
mod hotness;
mod install;
mod jobs;
mod osr;
mod stats;
mod tier0_isa;

/// C library functions that switch a thread to another stack and back (coroutines): a module that refers to one
/// keeps its superseded code (see `Runtime::new`), and its functions with variable-sized allocas go to LLVM instead
/// of tier 0, whose dynamic-alloca stack is one per thread, not one per stack (see `Inner::translate_and_compile`).
const STACK_SWITCHES: [&str; 3] = ["swapcontext", "setcontext", "makecontext"];

/// A loaded module: its function table, globals, compiled code and tier manager. Dropping it stops its compiles
/// on the engine's workers and frees its code (its LLVM code once the workers let go of it; see the crate
/// docs); no JIT code of the module may run after that.
pub struct Runtime {
    pub(crate) inner: Arc<Inner>,
    sampler: Mutex<Option<std::thread::JoinHandle<()>>>,
    exit: tierlift_code::ModuleExit,
}

pub(crate) struct Inner {
    pub(crate) module: Module,
    pub(crate) config: Config,
    /// The stubs and slots, and the memory of the module's global variables.
    pub(crate) table: FunctionTable,
    _proxy: Arc<Proxy>,
    /// Stand-ins for external functions found nowhere at load.
    _missing: tierlift_code::MissingFunctions,
    /// The `tls_index` records of the shared objects' thread-local variables the module uses.
    pub(crate) native_tls: crate::load::TlsIndices,
    pub(crate) addrs: Addresses,
    thunks: VarargThunks,
    /// Tier-0 code and Cranelift's contexts; shared with the tier-0 versions, which free their code through it.
    clif: Arc<Mutex<ClifState>>,
    /// Superseded versions are handed to the engine to free (`Config::free_code`, and no code observers).
    free_code: bool,
    /// The host said it switches stacks, or the module refers to a C library function that does (see
    /// [`STACK_SWITCHES`]).
    switches_stacks: bool,
    /// Shared with queued jobs, which rank themselves by it (see `Inner::rank`).
    pub(crate) counters: Arc<Counters>,
    /// Branch, switch and indirect-call counts of tier-0 code (profile-guided optimization).
    pub(crate) profiles: crate::profile::Profiles,
    pub(crate) funcs: Vec<FuncState>,
    pub(crate) workers: Workers,
    pub(crate) policy: Box<dyn TierPolicy>,
    pub(super) compile_lock: Mutex<()>,
    loaded_at: Instant,
    versions: AtomicU64,
    pub(crate) hook_nanos_max: AtomicU64,
    pub(crate) hook_calls: AtomicU64,
    /// Queued compile requests withdrawn because a caller's installed O3 code carries the function's body.
    pub(crate) withdrawn: AtomicU64,
    /// Functions compiled in tier 0 ahead of their first call by an idle worker.
    pub(crate) compiled_ahead: AtomicU64,
    sizes: Vec<OnceLock<u32>>,
    pub(crate) stopping: AtomicBool,
    /// `TIERLIFT_DUMP_CLIF` was set at load: print every tier-0 function's Cranelift IR.
    dump_clif: bool,
    /// Profilers, debuggers and the event log.
    pub(crate) observe: Arc<crate::observe::Observation>,
    /// Functions no tier may compile (they use an intrinsic this host cannot run), with the reason.
    refused: std::collections::HashMap<FuncId, String>,
}

pub(crate) struct ClifState {
    code: ClifCode,
    ctx: cranelift_codegen::Context,
    fctx: FunctionBuilderContext,
}

/// Forwards the trampoline's and the hook's calls to the module, which the function table only knows weakly.
struct Proxy {
    inner: OnceLock<Weak<Inner>>,
}

impl LazyResolve for Proxy {
    fn resolve(&self, index: u32) -> std::result::Result<usize, String> {
        let inner = self.inner.get().and_then(Weak::upgrade).ok_or("module is being dropped")?;
        inner.resolve(FuncId(index)).map_err(|e| {
            if let Some(handler) = &inner.config.lazy_failure {
                (handler.0)(&e);
            }
            e.to_string()
        })
    }

    fn hot(&self, index: u32, loop_index: u32) {
        if let Some(inner) = self.inner.get().and_then(Weak::upgrade) {
            inner.hot(FuncId(index), loop_index);
        }
    }
}

impl Runtime {
    /// Loads a module from bitcode or textual IR.
    pub fn load_bytes(bytes: &[u8], config: Config) -> Result<Runtime> {
        Runtime::load(Module::parse(bytes)?, config)
    }

    /// Sets up a parsed module: resolves externals, allocates and initializes globals, creates stubs and slots,
    /// starts the compile workers. No function is compiled yet.
    pub fn load(module: Module, config: Config) -> Result<Runtime> {
        crate::validate::check_target(&module)?;
        let refused = crate::validate::refused_functions(&module);
        let n = module.functions.len();
        let exit = tierlift_code::ModuleExit::new()?;
        let (externs, missing, tls_indices) =
            load::resolve_externs(&module, &config.symbols, &exit, config.lazy_failure.as_ref(), config.heap_cache)?;
        let proxy = Arc::new(Proxy { inner: OnceLock::new() });
        let weak_proxy: Weak<dyn LazyResolve> = Arc::downgrade(&(proxy.clone() as Arc<dyn LazyResolve>));
        let counters = Arc::new(Counters::new(n, config.call_threshold.max(1), config.loop_threshold.max(1)));
        // Tier-0 code that counts its calls has them counted in front of it, by the table's counting entries.
        let tier0_counts = match config.mode {
            TierMode::Tiered => true,
            TierMode::Tier0 => config.counters,
            TierMode::LlvmO0 | TierMode::LlvmO2 | TierMode::LlvmO3 => false,
        };
        // The globals live in front of the stubs, in the table's mapping (see `FunctionTable::with_globals`).
        let layout = load::layout_globals(&module);
        let globals_size = usize::try_from(layout.size)
            .map_err(|_| Error::Setup(format!("cannot allocate {} bytes of globals", layout.size)))?;
        let mut table = FunctionTable::with_globals(n, weak_proxy, tier0_counts.then_some(&*counters), globals_size)?;
        let globals_base = table.globals_address() as u64;
        let mut externs = externs;
        load::bind_section_bounds(&module, &layout, globals_base, &mut externs);
        let mut addrs = Addresses {
            stubs: (0..n).map(|i| table.stub(i) as u64).collect(),
            globals: layout.offsets.iter().map(|o| globals_base + o).collect(),
            externs,
            aliases: vec![0; module.aliases.len()],
        };
        load::resolve_aliases(&module, &mut addrs)?;
        let virtual_entries = load::initialize_globals(&module, table.globals_mut(), globals_base, &addrs)?;
        if config.direct_virtual_calls {
            table.set_code_words(virtual_entries);
        }
        let symbols = load::symbol_table(&module, &addrs);
        // No LLVM work until a function needs it: workers start, and set up their compiler for this module, at
        // its first job.
        let engine = config.engine.clone().unwrap_or_else(|| Engine::new(config.compile_threads, config.worker_delay));
        let observe = Arc::new(crate::observe::Observation::new(&config)?);
        let native_thread_locals = tls_indices.externs().map(|e| module.externs[e].name.clone()).collect();
        let workers = engine.attach(module.bitcode(), symbols, native_thread_locals, observe.clone());
        let variadic_targets: Vec<usize> = module
            .externs
            .iter()
            .zip(&addrs.externs)
            .filter(|(e, a)| e.sig.as_ref().is_some_and(|s| s.variadic) && **a != 0)
            .map(|(_, a)| *a as usize)
            .collect();
        let thunks = VarargThunks::new();
        thunks.prepare(&variadic_targets)?;
        observe.report_glue(&module, &table, &addrs, &thunks);
        let isa = tier0_isa::tier0_isas(config.verifier)?;
        let policy: Box<dyn TierPolicy> = match (&config.custom_policy, config.policy) {
            (Some(factory), _) => (factory.0)(),
            (None, PolicyKind::Counting) => {
                Box::new(policy::Counting::new(config.call_threshold, config.loop_threshold))
            }
            (None, PolicyKind::Sampling) => {
                Box::new(policy::Sampling::new(config.call_threshold, config.loop_threshold))
            }
            (None, PolicyKind::CostBenefit) => {
                Box::new(policy::CostBenefit::new(config.call_threshold, config.loop_threshold))
            }
        };
        // Debuggers and profilers keep the names of code by address: freed code would leave them stale. A module
        // that switches stacks through the C library (coroutines on `swapcontext`) may have frames of its code on
        // stacks no thread runs on right now, which the scan before freeing cannot see: its code is kept.
        let switches_stacks = config.switches_stacks || STACK_SWITCHES.iter().any(|name| module.symbol(name).is_some());
        if config.free_code && switches_stacks {
            tracing::info!("the module switches stacks (swapcontext): its superseded code is kept");
        }
        let free_code = config.free_code && !config.observe.any() && !switches_stacks;
        let inner = Arc::new(Inner {
            counters,
            profiles: crate::profile::Profiles::new(n),
            funcs: (0..n).map(|_| FuncState::default()).collect(),
            sizes: (0..n).map(|_| OnceLock::new()).collect(),
            module,
            config,
            table,
            _proxy: proxy.clone(),
            _missing: missing,
            native_tls: tls_indices,
            addrs,
            thunks,
            clif: Arc::new(Mutex::new(ClifState {
                code: ClifCode::new(isa, workers.tier0_code()),
                ctx: cranelift_codegen::Context::new(),
                fctx: FunctionBuilderContext::new(),
            })),
            free_code,
            switches_stacks,
            workers,
            policy,
            compile_lock: Mutex::new(()),
            loaded_at: Instant::now(),
            versions: AtomicU64::new(0),
            hook_nanos_max: AtomicU64::new(0),
            hook_calls: AtomicU64::new(0),
            withdrawn: AtomicU64::new(0),
            compiled_ahead: AtomicU64::new(0),
            stopping: AtomicBool::new(false),
            dump_clif: std::env::var_os("TIERLIFT_DUMP_CLIF").is_some(),
            observe,
            refused,
        });
        let _ = proxy.inner.set(Arc::downgrade(&inner));
        let sampler = (inner.config.mode == TierMode::Tiered && inner.policy.wants_samples())
            .then(|| crate::sampler::spawn(Arc::downgrade(&inner)));
        Ok(Runtime { inner, sampler: Mutex::new(sampler), exit })
    }

    /// The module's `__dso_handle` and `atexit`, under which its exit-time functions are registered.
    pub fn module_exit(&self) -> &tierlift_code::ModuleExit {
        &self.exit
    }

    /// The addresses of the module's static constructors (`llvm.global_ctors`), in the order they must run.
    pub fn static_constructors(&self) -> Result<Vec<usize>> {
        self.structor_addresses(self.inner.module.constructors())
    }

    /// The addresses of the module's static destructors (`llvm.global_dtors`) in priority order; they run in
    /// reverse, so registering them at exit in this order is right.
    pub fn static_destructors(&self) -> Result<Vec<usize>> {
        self.structor_addresses(self.inner.module.destructors())
    }

    fn structor_addresses(&self, list: Vec<tierlift_ir::Const>) -> Result<Vec<usize>> {
        let addrs = &self.inner.addrs;
        let mut out = Vec::with_capacity(list.len());
        for c in list {
            let bad = |reason: String| Error::Setup(format!("static constructor or destructor: {reason}"));
            if let tierlift_ir::Const::Symbol(Symbol::Func(f)) = &c {
                let sig = &self.inner.module.functions[f.0 as usize].sig;
                // Older front ends type them `i32 ()`; the result is ignored, as lli and the C runtime do.
                let returns_ok = matches!(sig.ret, tierlift_ir::Type::Void | tierlift_ir::Type::Int(_));
                if !sig.params.is_empty() || !returns_ok {
                    return Err(bad(format!("@{} is not `void ()` or `i32 ()`", self.inner.fname(*f))));
                }
            }
            let address = match tierlift_ir::fold(&c, &|s| Some(addrs.of(s))).map_err(bad)? {
                tierlift_ir::Folded::Addr(s, offset) => addrs.of(s).wrapping_add(offset as u64) as usize,
                tierlift_ir::Folded::Int(v) => v as usize,
            };
            if address != 0 {
                out.push(address);
            }
        }
        Ok(out)
    }

    /// The parsed module.
    pub fn module(&self) -> &Module {
        &self.inner.module
    }

    /// The stub (stable public address) of a defined function, by IR name.
    pub fn function_address(&self, name: &str) -> Result<usize> {
        match self.inner.module.symbol(name) {
            Some(Symbol::Func(f)) => Ok(self.inner.table.stub(f.0 as usize)),
            _ => Err(Error::NoSuchFunction(name.to_string())),
        }
    }

    /// The address of any symbol (function stub, global, external, alias), by IR name.
    pub fn symbol_address(&self, name: &str) -> Option<usize> {
        self.inner.module.symbol(name).map(|s| self.inner.addrs.of(s) as usize)
    }

    /// The IR signature of a defined function.
    pub fn function_signature(&self, name: &str) -> Result<&tierlift_ir::Signature> {
        match self.inner.module.symbol(name) {
            Some(Symbol::Func(f)) => Ok(&self.inner.module.functions[f.0 as usize].sig),
            _ => Err(Error::NoSuchFunction(name.to_string())),
        }
    }

    /// Compiles a function now, in the tier its mode starts with, so errors surface here instead of at its
    /// first call.
    pub fn compile_now(&self, name: &str) -> Result<()> {
        match self.inner.module.symbol(name) {
            Some(Symbol::Func(f)) => self.inner.resolve(f).map(|_| ()),
            _ => Err(Error::NoSuchFunction(name.to_string())),
        }
    }

    /// Compiles every function now, in the tier its mode starts with; returns the failures.
    pub fn compile_all(&self) -> Vec<Error> {
        (0..self.inner.module.functions.len() as u32).filter_map(|i| self.inner.resolve(FuncId(i)).err()).collect()
    }

    /// Test hook: installs `name`'s code of `tier`, whatever tier it is in now (downgrades included), compiling it
    /// synchronously the first time and reusing that code afterwards. Returns the code address.
    pub fn force_tier(&self, name: &str, tier: Tier) -> Result<usize> {
        let Some(f) = self.inner.func_named(name) else {
            return Err(Error::NoSuchFunction(name.to_string()));
        };
        let cached = self.inner.funcs[f.0 as usize].by_tier.lock().unwrap_or_else(|e| e.into_inner())[tier.index()]
            .as_ref()
            .and_then(std::sync::Weak::upgrade);
        if let Some(version) = cached {
            let address = version.address;
            // Not the engine's to free any more (if it was retired): it goes back into the slot.
            self.inner.workers.unretire(&version);
            self.inner.publish(f, version);
            return Ok(address);
        }
        let _signals = tierlift_code::AsyncSignalsBlocked::new();
        if tier == Tier::Tier0 {
            self.inner.check_allowed(f)?;
            let _guard = self.inner.compile_lock.lock().unwrap_or_else(|e| e.into_inner());
            return self
                .inner
                .compile_tier0(f)
                .map(|v| v.address)
                .map_err(|reason| Error::Compile { function: name.to_string(), reason });
        }
        self.inner.compile_sync(f, tier, true).map(|v| v.address)
    }

    /// Benchmark hook: compiles `name` at `tier` anew, without installing it, and returns how long it took
    /// (reading the IR, translating or optimizing, generating and linking machine code). The code stays mapped
    /// until the module is dropped.
    pub fn compile_fresh(&self, name: &str, tier: Tier) -> Result<Duration> {
        let Some(f) = self.inner.func_named(name) else {
            return Err(Error::NoSuchFunction(name.to_string()));
        };
        self.inner.check_allowed(f)?;
        let fail = |reason: String| Error::Compile { function: name.to_string(), reason };
        if tier == Tier::Tier0 {
            let start = Instant::now();
            self.inner.translate_and_compile(f).map_err(fail)?;
            return Ok(start.elapsed());
        }
        let JobResult { result, time, .. } = self.inner.workers.run_now(self.inner.llvm_job(f, tier));
        result.map(|_| time).map_err(fail)
    }

    /// Benchmark hook: compiles `name` anew in tier 0, without installing it, and returns the part of the time
    /// spent inside Cranelift (lowering, register allocation, emission), without reading and translating the IR.
    pub fn tier0_codegen_time(&self, name: &str) -> Result<Duration> {
        let Some(f) = self.inner.func_named(name) else {
            return Err(Error::NoSuchFunction(name.to_string()));
        };
        let compiled = self
            .inner
            .translate_and_compile(f)
            .map_err(|reason| Error::Compile { function: name.to_string(), reason })?;
        Ok(compiled.codegen_time)
    }

    /// A snapshot of per-function tiers, counters and compile times.
    pub fn stats(&self) -> Stats {
        self.inner.stats()
    }

    /// Waits until no background compile is queued or running, or `timeout` passes. Returns whether it drained.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        let start = Instant::now();
        // Looked at once at least: with no time to wait, it says whether the module is idle now.
        loop {
            let busy = self.inner.workers.queued() > 0
                || self.inner.funcs.iter().any(|f| {
                    f.pending().is_some() || f.osr.lock().unwrap_or_else(|e| e.into_inner()).in_flight.is_some()
                });
            if !busy {
                return true;
            }
            if start.elapsed() >= timeout {
                return false;
            }
            std::thread::sleep(Duration::from_millis(1).min(timeout.saturating_sub(start.elapsed())));
        }
    }
}

impl Runtime {
    /// Stops the sampler and the module's compiles (queued ones are dropped; the result of one in flight is
    /// discarded); code keeps running in whatever tier it reached. The engine's workers go on serving other
    /// modules. Idempotent; dropping the runtime does it too.
    pub fn shutdown(&self) {
        self.inner.stopping.store(true, Ordering::Release);
        if let Some(s) = self.sampler.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = s.join();
        }
        self.inner.workers.shutdown();
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        self.shutdown();
        if let Err(e) = self.write_observations() {
            tracing::warn!(%e, "cannot write the trace or timeline");
        }
    }
}

/// Frees a tier-0 version's code in its module's code memory (nothing if the module is gone: its code went with
/// it). Returns whether something was freed.
pub(crate) fn free_tier0(space: &Weak<Mutex<ClifState>>, address: usize) -> bool {
    let Some(space) = space.upgrade() else { return false };
    let mut st = space.lock().unwrap_or_else(|e| e.into_inner());
    st.code.free(address).is_some()
}

impl Inner {
    fn fname(&self, f: FuncId) -> &str {
        &self.module.functions[f.0 as usize].name
    }

    /// The function the module defines under `name`, if any.
    fn func_named(&self, name: &str) -> Option<FuncId> {
        match self.module.symbol(name) {
            Some(Symbol::Func(f)) => Some(f),
            _ => None,
        }
    }

    fn global_id(&self, f: FuncId) -> u32 {
        self.table.id_base() + f.0
    }

    /// How LLVM code counts `f`'s calls: in the shards its counting entry counts in, where the table has one (so
    /// threads running the function write lines of their own), else in the entry counter.
    fn call_counting(&self, f: FuncId) -> tierlift_llvm::CallCounting {
        let shift = self.counters.entry_plane_shift().filter(|_| self.table.counting_entry(f.0 as usize).is_some());
        match shift {
            Some(plane_shift) => {
                let hash = tierlift_code::SHARD_HASH;
                tierlift_llvm::CallCounting::Sharded {
                    plane_shift,
                    stack_shift: hash.stack_shift,
                    spread: hash.spread,
                    shard_bits: hash.shard_bits,
                    used_up: tierlift_code::shard_used_up_address() as u64,
                }
            }
            None => tierlift_llvm::CallCounting::Counter,
        }
    }

    /// `f`'s size in IR instructions if it is known without reading its IR (once compiled), else 100.
    pub(crate) fn known_size(&self, f: FuncId) -> u32 {
        self.sizes[f.0 as usize].get().copied().unwrap_or(100)
    }

    /// Whether the program asks that `f` never be inlined (`noinline` outside clang -O0's blanket marks): no
    /// caller's job inlines it, so its own compile is what speeds its calls up.
    pub(crate) fn never_inlined(&self, f: FuncId) -> bool {
        self.module.functions[f.0 as usize].never_inlined
    }

    fn size(&self, f: FuncId) -> u32 {
        *self.sizes[f.0 as usize].get_or_init(|| self.module.function(f).insts.len() as u32)
    }
}
