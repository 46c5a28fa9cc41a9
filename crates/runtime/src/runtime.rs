//! A loaded module and its tier manager.

use crate::config::{Config, PolicyKind, TierMode};
use crate::load::{self, Addresses};
use crate::policy::{self, Decision, FuncView, TierPolicy};
use crate::stats::{FunctionStats, PerTier, Stats};
use crate::versions::{FuncState, Tier, Version};
use crate::workers::{Engine, Job, JobResult, Workers};
use crate::{Error, Result, libcalls};
use cranelift_frontend::FunctionBuilderContext;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::{Duration, Instant};
use tierlift_code::{ClifCode, Counters, DataBlock, FunctionTable, LazyResolve, VarargThunks, hotness_hook_address};
use tierlift_ir::{FuncId, Module, Symbol};
use tierlift_llvm::{CounterSpec, OptLevel};

/// A loaded module: its function table, globals, compiled code and tier manager. Dropping it stops the compile
/// workers and frees all code; no JIT code of the module may run after that.
pub struct Runtime {
    pub(crate) inner: Arc<Inner>,
    sampler: Mutex<Option<std::thread::JoinHandle<()>>>,
    exit: tierlift_code::ModuleExit,
}

pub(crate) struct Inner {
    pub(crate) module: Module,
    pub(crate) config: Config,
    pub(crate) table: FunctionTable,
    _proxy: Arc<Proxy>,
    _data: DataBlock,
    /// Stand-ins for external functions found nowhere at load.
    _missing: tierlift_code::MissingFunctions,
    pub(crate) addrs: Addresses,
    thunks: VarargThunks,
    clif: Mutex<ClifState>,
    pub(crate) counters: Counters,
    pub(crate) funcs: Vec<FuncState>,
    pub(crate) workers: Workers,
    pub(crate) policy: Box<dyn TierPolicy>,
    compile_lock: Mutex<()>,
    loaded_at: Instant,
    versions: AtomicU64,
    pub(crate) hook_nanos_max: AtomicU64,
    pub(crate) hook_calls: AtomicU64,
    sizes: Vec<OnceLock<u32>>,
    pub(crate) stopping: AtomicBool,
    /// `TIERLIFT_DUMP_CLIF` was set at load: print every tier-0 function's Cranelift IR.
    dump_clif: bool,
    /// Profilers, debuggers and the event log.
    pub(crate) observe: Arc<crate::observe::Observation>,
    /// Functions no tier may compile (they use an intrinsic this host cannot run), with the reason.
    refused: std::collections::HashMap<FuncId, String>,
}

/// A function compiled in tier 0.
struct Tier0Code {
    /// Its code.
    address: usize,
    /// Its IR size in instructions.
    size: u32,
    /// The time spent inside Cranelift.
    codegen_time: Duration,
}

struct ClifState {
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
        let (externs, missing) = load::resolve_externs(&module, &config.symbols, &exit)?;
        let proxy = Arc::new(Proxy { inner: OnceLock::new() });
        let weak_proxy: Weak<dyn LazyResolve> = Arc::downgrade(&(proxy.clone() as Arc<dyn LazyResolve>));
        let table = FunctionTable::new(n, weak_proxy)?;
        let (mut data, globals) = load::allocate_globals(&module)?;
        let mut addrs = Addresses {
            stubs: (0..n).map(|i| table.stub(i) as u64).collect(),
            globals,
            externs,
            aliases: vec![0; module.aliases.len()],
        };
        load::resolve_aliases(&module, &mut addrs)?;
        load::initialize_globals(&module, &mut data, &addrs)?;
        let symbols = load::symbol_table(&module, &addrs);
        // No LLVM work until a function needs it: workers start, and set up their compiler for this module, at
        // its first job.
        let engine = config.engine.clone().unwrap_or_else(|| Engine::new(config.compile_threads, config.worker_delay));
        let observe = Arc::new(crate::observe::Observation::new(&config)?);
        let workers = engine.attach(module.bitcode(), symbols, observe.clone());
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
        let isa = crate::tier0_isa::tier0_isas(config.verifier)?;
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
        let inner = Arc::new(Inner {
            counters: Counters::new(n, config.call_threshold.max(1), config.loop_threshold.max(1)),
            funcs: (0..n).map(|_| FuncState::default()).collect(),
            sizes: (0..n).map(|_| OnceLock::new()).collect(),
            module,
            config,
            table,
            _proxy: proxy.clone(),
            _data: data,
            _missing: missing,
            addrs,
            thunks,
            clif: Mutex::new(ClifState {
                code: ClifCode::new(isa),
                ctx: cranelift_codegen::Context::new(),
                fctx: FunctionBuilderContext::new(),
            }),
            workers,
            policy,
            compile_lock: Mutex::new(()),
            loaded_at: Instant::now(),
            versions: AtomicU64::new(0),
            hook_nanos_max: AtomicU64::new(0),
            hook_calls: AtomicU64::new(0),
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
        let Some(Symbol::Func(f)) = self.inner.module.symbol(name) else {
            return Err(Error::NoSuchFunction(name.to_string()));
        };
        let cached = self.inner.funcs[f.0 as usize].by_tier.lock().unwrap_or_else(|e| e.into_inner())[tier.index()]
            .as_ref()
            .map(|v| (v.address, v.compile_time));
        if let Some((address, time)) = cached {
            self.inner.install(f, tier, address, time, true);
            return Ok(address);
        }
        let _signals = tierlift_code::AsyncSignalsBlocked::new();
        if tier == Tier::Tier0 {
            self.inner.check_allowed(f)?;
            let _guard = self.inner.compile_lock.lock().unwrap_or_else(|e| e.into_inner());
            return self.inner.compile_tier0(f).map_err(|reason| Error::Compile { function: name.to_string(), reason });
        }
        self.inner.compile_sync(f, tier, true)
    }

    /// Benchmark hook: compiles `name` at `tier` anew, without installing it, and returns how long it took
    /// (reading the IR, translating or optimizing, generating and linking machine code). The code stays mapped
    /// until the module is dropped.
    pub fn compile_fresh(&self, name: &str, tier: Tier) -> Result<Duration> {
        let Some(Symbol::Func(f)) = self.inner.module.symbol(name) else {
            return Err(Error::NoSuchFunction(name.to_string()));
        };
        self.inner.check_allowed(f)?;
        let fail = |reason: String| Error::Compile { function: name.to_string(), reason };
        if tier == Tier::Tier0 {
            let start = Instant::now();
            self.inner.translate_and_compile(f).map_err(fail)?;
            return Ok(start.elapsed());
        }
        let JobResult { result, time } = self.inner.workers.run_now(self.inner.llvm_job(f, tier));
        result.map(|_| time).map_err(fail)
    }

    /// Benchmark hook: compiles `name` anew in tier 0, without installing it, and returns the part of the time
    /// spent inside Cranelift (lowering, register allocation, emission), without reading and translating the IR.
    pub fn tier0_codegen_time(&self, name: &str) -> Result<Duration> {
        let Some(Symbol::Func(f)) = self.inner.module.symbol(name) else {
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
        while start.elapsed() < timeout {
            let busy = self.inner.workers.queued() > 0
                || self.inner.funcs.iter().any(|f| {
                    f.pending().is_some() || f.osr.lock().unwrap_or_else(|e| e.into_inner()).in_flight.is_some()
                });
            if !busy {
                return true;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        false
    }
}

impl Runtime {
    /// Stops the sampler and the compile workers (after their current job); code keeps running in whatever tier
    /// it reached. Idempotent; dropping the runtime does it too.
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

impl Inner {
    fn fname(&self, f: FuncId) -> &str {
        &self.module.functions[f.0 as usize].name
    }

    fn global_id(&self, f: FuncId) -> u32 {
        self.table.id_base() + f.0
    }

    fn size(&self, f: FuncId) -> u32 {
        *self.sizes[f.0 as usize].get_or_init(|| self.module.function(f).insts.len() as u32)
    }

    /// The first compile of a function (from the lazy trampoline, or `compile_now`).
    fn resolve(&self, f: FuncId) -> Result<usize> {
        self.check_allowed(f)?;
        // Every region that holds a compile lock runs with asynchronous signals blocked (see tierlift-code).
        let _signals = tierlift_code::AsyncSignalsBlocked::new();
        let _guard = self.compile_lock.lock().unwrap_or_else(|e| e.into_inner());
        let i = f.0 as usize;
        if !self.table.is_lazy(i) {
            return Ok(self.table.current(i));
        }
        match self.config.mode {
            TierMode::Tiered | TierMode::Tier0 => match self.compile_tier0(f) {
                Ok(addr) => Ok(addr),
                Err(reason) => {
                    tracing::debug!(function = self.fname(f), %reason, "tier 0 declined; compiling with LLVM O0");
                    *self.funcs[i].fallback_reason.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason.clone());
                    self.compile_sync(f, Tier::LlvmO0, false).map_err(|e| Error::Compile {
                        function: self.fname(f).to_string(),
                        reason: format!("tier 0: {reason}; LLVM O0: {e}"),
                    })
                }
            },
            TierMode::LlvmO0 => self.compile_sync(f, Tier::LlvmO0, false),
            TierMode::LlvmO2 => self.compile_sync(f, Tier::LlvmO2, false),
            TierMode::LlvmO3 => self.compile_sync(f, Tier::LlvmO3, false),
        }
    }

    /// `Err` for a function no tier may compile (see `validate`).
    fn check_allowed(&self, f: FuncId) -> Result<()> {
        match self.refused.get(&f) {
            Some(reason) => Err(Error::Compile { function: self.fname(f).to_string(), reason: reason.clone() }),
            None => Ok(()),
        }
    }

    fn instrumented(&self) -> bool {
        self.config.mode == TierMode::Tiered || self.config.counters
    }

    fn compile_tier0(&self, f: FuncId) -> std::result::Result<usize, String> {
        let start = Instant::now();
        let compiled = self.translate_and_compile(f)?;
        let (address, size) = (compiled.address, compiled.size);
        let time = start.elapsed();
        tracing::debug!(function = self.fname(f), tier = "tier0", ?time, "compiled");
        self.observe.events.record_since(start, crate::trace::EventKind::tier0_compile(self.fname(f), size, time));
        self.install(f, Tier::Tier0, address, time, true);
        self.policy.on_compiled(Tier::Tier0, size, time);
        Ok(address)
    }

    /// Reads, translates and compiles `f` in tier 0.
    fn translate_and_compile(&self, f: FuncId) -> std::result::Result<Tier0Code, String> {
        let _signals = tierlift_code::AsyncSignalsBlocked::new();
        let body = self.module.function(f);
        let _ = self.sizes[f.0 as usize].set(body.insts.len() as u32);
        let shape = self.remember_shape(f, &body);
        let osr = self.config.osr && self.config.mode == TierMode::Tiered;
        let instr = self.instrumented().then(|| tierlift_tier0::Instrumentation {
            entry_counter: self.counters.entry_address(f.0),
            entry_threshold: self.counters.entry_threshold_address(f.0),
            loop_records: self.counters.loop_records(f.0, shape.loops.len()),
            osr_states: if osr { shape.osr_states.clone() } else { Vec::new() },
            hook: tierlift_code::hook_trampoline_address() as u64,
            func_index: self.global_id(f),
        });
        let mut st = self.clif.lock().unwrap_or_else(|e| e.into_inner());
        let st = &mut *st;
        let config = st.code.isa().frontend_config();
        st.ctx.clear();
        let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            tierlift_tier0::translate(&body, self, config, instr.as_ref(), &mut st.ctx.func, &mut st.fctx)
                .map_err(|e| e.to_string())?;
            if self.dump_clif {
                eprintln!("{}", st.ctx.func.display());
            }
            st.code.compile(&mut st.ctx, crate::tier0_isa::regalloc_for(shape.loops.len()))
        }))
        .unwrap_or_else(|payload| {
            let what = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("internal error: panic in Cranelift: {}", what.lines().next().unwrap_or("")))
        });
        let compiled = match compiled {
            Ok(c) => c,
            Err(e) => {
                // A translation that stopped half-way leaves the builder context dirty: start afresh.
                st.ctx.clear();
                st.fctx = FunctionBuilderContext::new();
                return Err(e);
            }
        };
        self.observe.body(self.fname(f), Tier::Tier0.name(), compiled.address, compiled.code_size);
        Ok(Tier0Code { address: compiled.address, size: body.insts.len() as u32, codegen_time: compiled.codegen_time })
    }

    fn llvm_job(&self, f: FuncId, tier: Tier) -> Job {
        let level = match tier {
            Tier::LlvmO0 | Tier::Tier0 => OptLevel::O0,
            Tier::LlvmO2 => OptLevel::O2,
            Tier::LlvmO3 => OptLevel::O3,
        };
        let n = self.versions.fetch_add(1, Ordering::Relaxed);
        // Counters in LLVM code let the function move on: the O0 fallback and O2 count calls when tiered.
        let counters = (self.config.mode == TierMode::Tiered && tier != Tier::LlvmO3).then(|| CounterSpec {
            entry_counter: self.counters.entry_address(f.0),
            threshold: self.counters.entry_threshold_address(f.0),
            hook: hotness_hook_address() as u64,
            func_index: self.global_id(f),
        });
        let inline_bodies = match (self.config.mode, tier) {
            // A fixed optimizing mode compiles like clang does a whole module: every function it reaches
            // through direct calls is there to inline (within a size budget).
            (TierMode::LlvmO2 | TierMode::LlvmO3, Tier::LlvmO2 | Tier::LlvmO3) => self.reachable_callees(f),
            (_, Tier::LlvmO3) => self.hot_callees(f),
            _ => Vec::new(),
        };
        Job {
            function: self.fname(f).to_string(),
            level,
            version_name: format!("{}.tl.{}.{n}", self.fname(f), tier.name()),
            inline_bodies,
            counters,
            priority: self.priority(f),
            done: Box::new(|_| {}),
            stale: None,
            osr: None,
            osr_loop: None,
            queued_at: Instant::now(),
        }
    }

    /// Queue order of `f`'s background compiles: counted events per IR instruction, so that among equally hot
    /// functions the cheaper compile goes first, and a huge function does not hold up many small hot ones
    /// (weighted shortest job first; compile time grows with size).
    fn priority(&self, f: FuncId) -> u64 {
        let events = self.counters.calls(f.0).saturating_add(self.counters.back_edges(f.0));
        let size = u64::from(self.sizes[f.0 as usize].get().copied().unwrap_or(100));
        events.saturating_mul(64) / (size + 32)
    }

    /// Bodies an O3 job carries as `available_externally` so the inliner sees the hot call tree: callees that ran
    /// (measured call counts, hottest first), and theirs, transitively (see [`Inner::inline_candidates`]).
    fn hot_callees(&self, f: FuncId) -> Vec<String> {
        self.inline_candidates(f, |g| {
            let Some(shape) = self.funcs[g.0 as usize].shape.get() else { return Vec::new() };
            let mut callees: Vec<(u64, FuncId)> =
                shape.callees.iter().map(|c| (self.counters.calls(c.0), *c)).filter(|(calls, _)| *calls > 0).collect();
            callees.sort_by_key(|c| std::cmp::Reverse(c.0));
            callees.into_iter().map(|(_, c)| c).collect()
        })
    }

    /// Every function reachable from `f` through direct calls: the bodies a fixed O2/O3 mode's job carries, as
    /// clang's whole-module compile would see them.
    fn reachable_callees(&self, f: FuncId) -> Vec<String> {
        self.inline_candidates(f, |g| direct_callees(&self.module.function(g), g))
    }

    /// Functions reachable from `f` through `callees`, nearest first, small enough to inline, while their bodies
    /// add up to at most [`REACHABLE_BUDGET`] IR instructions. A callee too big to inline is left out with what
    /// only it calls.
    fn inline_candidates(&self, f: FuncId, callees: impl Fn(FuncId) -> Vec<FuncId>) -> Vec<String> {
        let mut seen = vec![f];
        let mut queue = std::collections::VecDeque::from([f]);
        let mut out = Vec::new();
        let mut budget = REACHABLE_BUDGET;
        while let Some(g) = queue.pop_front() {
            for c in callees(g) {
                if seen.contains(&c) || self.refused.contains_key(&c) {
                    continue;
                }
                seen.push(c);
                let size = self.size(c) as usize;
                if size > INLINE_CANDIDATE_SIZE || size > budget {
                    continue;
                }
                budget -= size;
                out.push(self.fname(c).to_string());
                queue.push_back(c);
            }
        }
        out
    }

    /// Records what the hook needs to know about `f` without reading its IR again: direct callees, loops and the
    /// OSR state of each loop.
    fn remember_shape(&self, f: FuncId, body: &tierlift_ir::Function) -> &crate::versions::Shape {
        self.funcs[f.0 as usize].shape.get_or_init(|| {
            let callees = direct_callees(body, f);
            let loops = tierlift_tier0::osr::loops(body);
            // No OSR into a variadic function: an entry is a function of its own, without the caller's variadic
            // arguments (LLVM rejects `va_start` there).
            let osr_states = if self.config.osr && self.config.mode == TierMode::Tiered && !body.sig.variadic {
                tierlift_tier0::osr::osr_states(body, &loops)
            } else {
                vec![None; loops.len()]
            };
            crate::versions::Shape { callees, loops, osr_states }
        })
    }

    /// A loop counter crossed its threshold: pick the loop to enter (the outermost enclosing loop that keeps
    /// coming back, so the whole nest moves to LLVM code), queue its OSR entry compile once, and make its header
    /// poll for the entry until it is installed. The entry is compiled at `tier`, the one the policy wants the
    /// function in (`None`: only re-arm an installed entry, ask for none). Returns whether the frame at loop `l` has
    /// a way out this way (an entry installed, coming, or still to be asked for once the one in flight is done).
    fn osr_hot(&self, f: FuncId, l: usize, tier: Option<Tier>) -> bool {
        let st = &self.funcs[f.0 as usize];
        let Some(shape) = st.shape.get() else { return false };
        let mut osr = st.osr.lock().unwrap_or_else(|e| e.into_inner());
        // An entry installed at this loop or one around it: the frame takes it at that loop's header (made to poll
        // on its next visit), so a further entry would go unused. Entries are installed under this lock.
        if let Some(a) = shape.enclosing(l).find(|&a| self.counters.osr_entry(f.0, a) != 0) {
            let next = self.counters.back_edge(f.0, a).saturating_add(1);
            if self.counters.loop_threshold(f.0, a) > next {
                self.counters.set_loop_threshold(f.0, a, next);
            }
            return true;
        }
        let Some(tier) = tier else { return false };
        // The loop itself, or the nearest one around it with an OSR site (tier 0 leaves some loops without one).
        let Some(mut target) = shape.site_around(l) else { return false };
        while let Some(p) = shape.loops[target].parent {
            if self.counters.back_edge(f.0, p) < 2 || shape.osr_states[p].is_none() {
                break;
            }
            target = p;
        }
        if osr.failed.contains(&target) {
            // Its entry failed to compile: no way out, and no polling for one.
            return false;
        }
        // One entry compile at a time per function: a frame needs only one way out.
        let new = !osr.requested.contains(&target) && osr.in_flight.is_none();
        if new {
            osr.requested.push(target);
            osr.in_flight = Some(target);
        }
        // The hot loop and the chosen one keep polling (the policy may have stopped asking): for the entry once it is
        // installed, or to request one once the function's previous entry compile is done.
        let polling: Vec<usize> = [target, l].into_iter().filter(|r| !osr.failed.contains(r)).collect();
        drop(osr);
        let covered = polling.contains(&target);
        if new {
            self.request_osr(f, target, shape, tier);
        }
        for r in polling {
            let count = self.counters.back_edge(f.0, r);
            let poll = count.saturating_add((count / 64).clamp(1, 1024));
            let current = self.counters.loop_threshold(f.0, r);
            if current <= count || current > poll {
                self.counters.set_loop_threshold(f.0, r, poll);
            }
        }
        covered
    }

    /// Whether an OSR entry compile for loop `l` or a loop around it failed.
    fn osr_failed_around(&self, f: FuncId, l: usize) -> bool {
        let st = &self.funcs[f.0 as usize];
        let Some(shape) = st.shape.get() else { return false };
        let osr = st.osr.lock().unwrap_or_else(|e| e.into_inner());
        shape.enclosing(l).any(|a| osr.failed.contains(&a))
    }

    fn request_osr(&self, f: FuncId, target: usize, shape: &crate::versions::Shape, tier: Tier) {
        let Some(state) = shape.osr_states[target].as_ref() else { return };
        tracing::debug!(function = self.fname(f), loop_index = target, tier = tier.name(), "OSR entry requested");
        let mut job = self.llvm_job(f, tier);
        job.counters = None;
        job.osr_loop = Some(target);
        self.observe.events.record(crate::trace::EventKind::OsrRequest {
            function: self.fname(f).to_string(),
            loop_index: target,
            tier: tier.name().to_string(),
        });
        job.version_name =
            format!("{}.tl.osr{target}.{}", self.fname(f), self.versions.fetch_add(1, Ordering::Relaxed));
        job.osr = Some((
            shape.loops[target].header as u32,
            state
                .iter()
                .map(|v| match v {
                    tierlift_tier0::osr::StateValue::Arg(a) => tierlift_llvm::OsrValue::Arg(*a),
                    tierlift_tier0::osr::StateValue::Inst(i) => tierlift_llvm::OsrValue::Inst(*i),
                    tierlift_tier0::osr::StateValue::Local(i) => tierlift_llvm::OsrValue::Local(*i),
                })
                .collect(),
        ));
        // Just above the function's own normal-entry request: the running frame needs its way out first.
        job.priority = self.priority(f).saturating_add(1);
        let weak = self._proxy.inner.get().cloned().unwrap_or_default();
        job.done = Box::new(move |r: JobResult| {
            let Some(inner) = weak.upgrade() else { return };
            let st = &inner.funcs[f.0 as usize];
            // Installed and marked done under one lock, so a racing hook sees either the compile in flight or the
            // entry.
            let mut osr = st.osr.lock().unwrap_or_else(|e| e.into_inner());
            osr.in_flight = None;
            match r.result {
                Ok(addr) => {
                    tracing::debug!(function = inner.fname(f), loop_index = target, time = ?r.time, "OSR entry installed");
                    inner.counters.set_osr_entry(f.0, target, addr as u64);
                    let function = inner.fname(f).to_string();
                    inner.observe.events.record(crate::trace::EventKind::OsrInstall { function, loop_index: target });
                    osr.compiled.push((target, r.time));
                }
                Err(reason) => {
                    tracing::warn!(function = inner.fname(f), loop_index = target, %reason, "OSR compile failed");
                    osr.failed.push(target);
                    // Not under the OSR lock: `stats` takes the failures lock first, then the OSR lock.
                    drop(osr);
                    st.failures.lock().unwrap_or_else(|e| e.into_inner()).push(format!("osr loop {target}: {reason}"));
                }
            }
        });
        self.workers.submit(job);
    }

    /// Compiles with LLVM on a worker and waits; installs the result (over any tier when `force`).
    pub(crate) fn compile_sync(&self, f: FuncId, tier: Tier, force: bool) -> Result<usize> {
        self.check_allowed(f)?;
        let job = self.llvm_job(f, tier);
        let JobResult { result, time } = self.workers.run_now(job);
        match result {
            Ok(addr) => {
                self.install(f, tier, addr, time, force);
                self.policy.on_compiled(tier, self.size(f), time);
                Ok(addr)
            }
            Err(reason) if reason == crate::workers::STOPPED => Err(Error::Stopped),
            Err(reason) => Err(Error::Compile { function: self.fname(f).to_string(), reason }),
        }
    }

    /// Installs new code: the version record first, then one release store to the slot. Unless `force`, never
    /// replaces a higher tier by a lower one.
    fn install(&self, f: FuncId, tier: Tier, address: usize, compile_time: Duration, force: bool) {
        let st = &self.funcs[f.0 as usize];
        if !force && st.tier().is_some_and(|t| t >= tier) {
            return;
        }
        st.compile_times.lock().unwrap_or_else(|e| e.into_inner())[tier.index()] = Some(compile_time);
        let version = Arc::new(Version { tier, address, compile_time, installed_at: self.loaded_at.elapsed() });
        st.by_tier.lock().unwrap_or_else(|e| e.into_inner())[tier.index()] = Some(version.clone());
        st.version.store(Some(version));
        self.table.install(f.0 as usize, address);
        st.installs.fetch_add(1, Ordering::Relaxed);
        let (function, tier) = (self.fname(f).to_string(), tier.name().to_string());
        self.observe.events.record(crate::trace::EventKind::Install { function, tier });
    }

    pub(crate) fn view(&self, f: FuncId, loop_index: u32) -> Option<FuncView> {
        let st = &self.funcs[f.0 as usize];
        Some(FuncView {
            index: f.0,
            tier: st.tier()?,
            pending: st.pending(),
            calls: self.counters.calls(f.0),
            back_edges: self.counters.back_edges(f.0),
            loop_index,
            size: self.sizes[f.0 as usize].get().copied().unwrap_or(100),
        })
    }

    /// A counter crossed its threshold: ask the policy, maybe queue a compile. Never compiles here.
    fn hot(&self, f: FuncId, loop_index: u32) {
        let start = Instant::now();
        // A function whose LLVM compile failed stays where it is: its counters go quiet.
        let failed = self.funcs[f.0 as usize].failed.load(Ordering::Acquire) != 0;
        if self.config.mode != TierMode::Tiered || self.stopping.load(Ordering::Acquire) || failed {
            self.counters.set_entry_threshold(f.0, u64::MAX);
            self.counters.set_all_loop_thresholds(f.0, u64::MAX);
            return;
        }
        if let Some(view) = self.view(f, loop_index) {
            let Decision { compile, next_call_threshold, next_loop_threshold } = self.policy.on_hot(&view);
            self.counters.set_entry_threshold(f.0, next_call_threshold.max(view.calls + 1));
            if loop_index > 0 {
                let l = loop_index as usize - 1;
                let current = self.counters.back_edge(f.0, l);
                // While a frame may still leave this loop through OSR, keep looking at least every
                // `loop_threshold` iterations even when the policy has nothing more to compile: whether the frame
                // loops long enough for OSR is only known later (frames of other threads may have just started).
                // Not once an OSR compile for this loop nest failed: the frame stays in tier 0 for good.
                let site = self.funcs[f.0 as usize].shape.get().and_then(|shape| shape.site_around(l));
                let step = if self.config.osr && site.is_some() && !self.osr_failed_around(f, l) {
                    next_loop_threshold.min(self.config.loop_threshold)
                } else {
                    next_loop_threshold
                };
                self.counters.set_loop_threshold(f.0, l, current.saturating_add(step.max(1)));
            }
            // The OSR entry first: the running frame needs it now, the normal entry only for later calls. Only for
            // frames that loop long per call (main, drivers): a function called often reaches LLVM code through its
            // normal entry soon enough. The entry goes to the tier the policy wants the function in (now, or on its
            // way or installed); none while the policy does not think LLVM code pays off yet.
            let wanted = compile.or(view.pending.max(Some(view.tier)).filter(|t| *t >= Tier::LlvmO2));
            let mut osr_covers = false;
            if loop_index > 0 && self.config.osr {
                let l = loop_index as usize - 1;
                let per_call = self.counters.back_edge(f.0, l) / view.calls.max(1);
                let long_frame = view.calls <= 2 || per_call >= self.config.loop_threshold;
                osr_covers = self.osr_hot(f, l, wanted.filter(|_| long_frame));
            }
            match compile {
                // Called once so far (main, a driver): the frame leaves through its OSR entry, and a normal entry
                // would serve only calls that may never come. Ask again at the next call.
                Some(_) if osr_covers && view.calls <= 1 => self.counters.set_entry_threshold(f.0, view.calls + 1),
                Some(tier) => self.request(f, tier),
                None => {}
            }
        }
        let nanos = start.elapsed().as_nanos() as u64;
        self.hook_calls.fetch_add(1, Ordering::Relaxed);
        self.hook_nanos_max.fetch_max(nanos, Ordering::Relaxed);
    }

    /// Queues a background compile of `f` at `tier` unless that tier (or a higher one) is installed or pending.
    pub(crate) fn request(&self, f: FuncId, tier: Tier) {
        let st = &self.funcs[f.0 as usize];
        if st.tier().is_some_and(|t| t >= tier) {
            return;
        }
        let want = tier.index() as u8 + 1;
        if st.failed.load(Ordering::Acquire) >= want {
            return;
        }
        let mut cur = st.pending.load(Ordering::Acquire);
        loop {
            if cur >= want {
                return;
            }
            match st.pending.compare_exchange(cur, want, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => break,
                Err(now) => cur = now,
            }
        }
        st.requested_at.lock().unwrap_or_else(|e| e.into_inner())[tier.index()] = Some(self.loaded_at.elapsed());
        let mut job = self.llvm_job(f, tier);
        let weak = self._proxy.inner.get().cloned().unwrap_or_default();
        let stale_weak = weak.clone();
        job.stale = Some(Box::new(move || {
            // Superseded by a higher tier requested or installed since.
            stale_weak.upgrade().is_none_or(|inner| {
                let st = &inner.funcs[f.0 as usize];
                st.pending.load(Ordering::Acquire) > want || st.tier().is_some_and(|t| t >= tier)
            })
        }));
        job.done = Box::new(move |r: JobResult| {
            let Some(inner) = weak.upgrade() else { return };
            let st = &inner.funcs[f.0 as usize];
            match r.result {
                Ok(addr) => {
                    inner.install(f, tier, addr, r.time, false);
                    inner.policy.on_compiled(tier, inner.size(f), r.time);
                }
                Err(reason) if reason == "superseded" => {}
                Err(reason) => {
                    tracing::warn!(function = inner.fname(f), tier = tier.name(), %reason, "background compile failed");
                    st.failures.lock().unwrap_or_else(|e| e.into_inner()).push(format!("{}: {reason}", tier.name()));
                    st.failed.fetch_max(want, Ordering::AcqRel);
                }
            }
            let _ = st.pending.compare_exchange(want, 0, Ordering::AcqRel, Ordering::Acquire);
        });
        self.workers.submit(job);
    }

    fn osr_stats(&self, f: FuncId) -> Vec<crate::stats::OsrStats> {
        let st = &self.funcs[f.0 as usize];
        let Some(shape) = st.shape.get() else { return Vec::new() };
        let log = st.osr.lock().unwrap_or_else(|e| e.into_inner());
        log.requested
            .iter()
            .map(|&l| {
                let compiled = log.compiled.iter().find(|(x, _)| *x == l).map(|(_, t)| t.as_secs_f64() * 1e6);
                crate::stats::OsrStats {
                    loop_index: l,
                    header_block: shape.loops[l].header,
                    installed: self.counters.osr_entry(f.0, l) != 0,
                    compile_us: compiled.unwrap_or(0.0),
                    entries: self.counters.osr_taken(f.0, l),
                }
            })
            .collect()
    }

    fn stats(&self) -> Stats {
        let mut functions = Vec::new();
        for (i, st) in self.funcs.iter().enumerate() {
            let Some(v) = st.version.load_full() else {
                continue;
            };
            let f = FuncId(i as u32);
            let times = *st.compile_times.lock().unwrap_or_else(|e| e.into_inner());
            functions.push(FunctionStats {
                name: self.fname(f).to_string(),
                tier: v.tier,
                fallback_reason: st.fallback_reason.lock().unwrap_or_else(|e| e.into_inner()).clone(),
                calls: self.counters.calls(f.0),
                back_edges: self.counters.back_edges(f.0),
                compile_us: PerTier::from_fn(|t| times[t.index()].map(|d| d.as_secs_f64() * 1e6)),
                installed_at_us: v.installed_at.as_secs_f64() * 1e6,
                installs: st.installs.load(Ordering::Relaxed),
                failures: st.failures.lock().unwrap_or_else(|e| e.into_inner()).clone(),
                osr: self.osr_stats(f),
                tierup_latency_us: {
                    let requested = *st.requested_at.lock().unwrap_or_else(|e| e.into_inner());
                    let by_tier = st.by_tier.lock().unwrap_or_else(|e| e.into_inner());
                    PerTier::from_fn(|t| {
                        let asked = requested[t.index()]?;
                        let done = by_tier[t.index()].as_ref()?.installed_at;
                        (done >= asked).then(|| (done - asked).as_secs_f64() * 1e6)
                    })
                },
            });
        }
        Stats {
            policy: self.policy.name().to_string(),
            totals: crate::stats::Totals::of(&functions),
            functions,
            hook_calls: self.hook_calls.load(Ordering::Relaxed),
            hook_max_us: self.hook_nanos_max.load(Ordering::Relaxed) as f64 / 1e3,
        }
    }
}

/// IR instructions of callee bodies a fixed O2/O3 mode's job may carry (each job optimizes them all).
const REACHABLE_BUDGET: usize = 4_000;
/// The largest callee (IR instructions) a fixed O2/O3 mode's job carries: LLVM's inliner leaves bigger ones
/// alone unless they have one caller.
const INLINE_CANDIDATE_SIZE: usize = 600;

/// The functions of the module `body` (function `f`) calls directly, other than itself, each once.
fn direct_callees(body: &tierlift_ir::Function, f: FuncId) -> Vec<FuncId> {
    let mut callees = Vec::new();
    for inst in &body.insts {
        if let tierlift_ir::Op::Call { .. } = inst.op
            && let Some(tierlift_ir::Value::Const(tierlift_ir::Const::Symbol(Symbol::Func(c)))) = inst.operands.last()
            && *c != f
            && !callees.contains(c)
        {
            callees.push(*c);
        }
    }
    callees
}

impl tierlift_tier0::FuncEnv for Inner {
    fn symbol_address(&self, s: Symbol) -> Option<u64> {
        Some(self.addrs.of(s))
    }

    fn vararg_thunk(&self, target: u64) -> Option<u64> {
        self.thunks.thunk_for(target as usize).ok().map(|a| a as u64)
    }

    fn libcall(&self, name: &str) -> Option<u64> {
        self.config.symbols.get(name).map(|&a| a as u64).or_else(|| libcalls::lookup(name))
    }

    fn is_thread_local(&self, s: Symbol) -> bool {
        matches!(s, Symbol::Global(g) if self.module.globals[g.0 as usize].thread_local)
    }
}
