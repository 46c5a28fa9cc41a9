//! A function's first call: the lazy trampoline's resolve, tier 0 (translate with Cranelift, compile, install)
//! and the LLVM O0 fallback for what tier 0 declines.

use super::Inner;
use super::jobs::{callees_in, calls_itself, calls_unnamed, direct_callees};
use crate::config::TierMode;
use crate::versions::{Code, Tier, Version};
use crate::workers::Built;
use crate::{Error, Result, libcalls};
use cranelift_frontend::FunctionBuilderContext;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tierlift_ir::{FuncId, Symbol};

/// A function compiled in tier 0.
pub(super) struct Tier0Code {
    /// Its code.
    address: usize,
    /// Its machine code's size in bytes.
    code_size: usize,
    /// Its IR size in instructions.
    size: u32,
    /// The time spent inside Cranelift.
    pub(super) codegen_time: Duration,
}

// Tier-0 code gives a silenced loop counter batches as long as the batch routine's longest.
const _: () = assert!(tierlift_tier0::MAX_BATCH == tierlift_code::MAX_BATCH);

/// Why a function with variable-sized allocas of a module that switches stacks is left to LLVM.
const SHARED_DYNAMIC_STACK: &str = concat!(
    "tier 0 keeps variable-sized allocas on one stack per thread, ",
    "which coroutines of a module that switches stacks (swapcontext) would share"
);

impl Inner {
    /// The first compile of a function (from the lazy trampoline, or `compile_now`).
    pub(super) fn resolve(&self, f: FuncId) -> Result<usize> {
        self.check_allowed(f)?;
        // Every region that holds a compile lock runs with asynchronous signals blocked (see tierlift-code).
        let _signals = tierlift_code::AsyncSignalsBlocked::new();
        let guard = self.compile_lock.lock().unwrap_or_else(|e| e.into_inner());
        let i = f.0 as usize;
        if !self.table.is_lazy(i) {
            return Ok(self.table.current(i));
        }
        // The version is held until its address is returned, so that it cannot be freed before the caller runs it.
        let version = match self.config.mode {
            TierMode::Tiered | TierMode::Tier0 => match self.compile_tier0(f) {
                Ok(version) => Ok(version),
                Err(reason) => {
                    tracing::debug!(function = self.fname(f), %reason, "tier 0 declined; compiling with LLVM O0");
                    *self.funcs[i].fallback_reason.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason.clone());
                    self.profiles.declined(f);
                    self.compile_fallback(f).map_err(|e| Error::Compile {
                        function: self.fname(f).to_string(),
                        reason: format!("tier 0: {reason}; LLVM O0: {e}"),
                    })
                }
            },
            TierMode::LlvmO0 => self.compile_sync(f, Tier::LlvmO0, false),
            TierMode::LlvmO2 => self.compile_sync(f, Tier::LlvmO2, false),
            TierMode::LlvmO3 => self.compile_sync(f, Tier::LlvmO3, false),
        };
        drop(guard);
        if version.as_ref().is_ok_and(|v| v.tier == Tier::Tier0) {
            self.compile_callees_ahead(f, 0);
        }
        version.map(|v| v.entry)
    }

    /// The LLVM O0 version of a function tier 0 declines. When tiered, its loops count and leave through OSR
    /// entries like tier-0 loops, and with profiling its indirect calls record their targets; should those not
    /// build, it is compiled without them.
    fn compile_fallback(&self, f: FuncId) -> Result<Arc<Version>> {
        let mut job = self.llvm_job(f, Tier::LlvmO0);
        job.loop_exits = self.loop_exits(f);
        if self.config.pgo && job.counters.is_some() {
            let routine = tierlift_code::indirect_call_miss_address() as u64;
            job.value_probes = self
                .profiles
                .indirect_call_sites(f)
                .into_iter()
                .map(|(inst, site)| tierlift_llvm::ValueProbe { inst, site, routine })
                .collect();
        }
        if (job.loop_exits.is_empty() && job.value_probes.is_empty()) || job.counters.is_none() {
            return self.compile_sync(f, Tier::LlvmO0, false);
        }
        self.compile_sync_job(f, Tier::LlvmO0, false, job).or_else(|e| {
            tracing::debug!(function = self.fname(f), error = %e, "LLVM O0 with loop exits failed; compiling without");
            self.compile_sync(f, Tier::LlvmO0, false)
        })
    }

    /// `Err` for a function no tier may compile (see `validate`).
    pub(super) fn check_allowed(&self, f: FuncId) -> Result<()> {
        match self.refused.get(&f) {
            Some(reason) => Err(Error::Compile { function: self.fname(f).to_string(), reason: reason.clone() }),
            None => Ok(()),
        }
    }

    fn instrumented(&self) -> bool {
        self.config.mode == TierMode::Tiered || self.config.counters
    }

    /// Compiles `f` in tier 0 and installs it; returns the version (hold it while its address is in use).
    pub(super) fn compile_tier0(&self, f: FuncId) -> std::result::Result<Arc<Version>, String> {
        let start = Instant::now();
        let compiled = self.translate_and_compile(f)?;
        let size = compiled.size;
        let time = start.elapsed();
        tracing::debug!(function = self.fname(f), tier = "tier0", ?time, "compiled");
        self.observe.events.record_since(start, crate::trace::EventKind::tier0_compile(self.fname(f), size, time));
        let built = Built {
            address: compiled.address,
            size: compiled.code_size,
            code: Some(Code::Tier0(Arc::downgrade(&self.clif))),
        };
        let version = self.install(f, Tier::Tier0, built, time, true);
        self.policy.on_compiled(Tier::Tier0, size, time);
        Ok(version)
    }

    /// Reads, translates and compiles `f` in tier 0.
    pub(super) fn translate_and_compile(&self, f: FuncId) -> std::result::Result<Tier0Code, String> {
        let _signals = tierlift_code::AsyncSignalsBlocked::new();
        let body = self.module.function(f);
        let _ = self.sizes[f.0 as usize].set(body.insts.len() as u32);
        let shape = self.remember_shape(f, &body);
        if self.switches_stacks && tierlift_tier0::needs_dynamic_stack(&body) {
            return Err(SHARED_DYNAMIC_STACK.into());
        }
        let osr = self.config.osr && self.config.mode == TierMode::Tiered;
        let instr = self.instrumented().then(|| tierlift_tier0::Instrumentation {
            entry_counter: self.counters.entry_address(f.0),
            entry_threshold: self.counters.entry_threshold_address(f.0),
            // Calls are counted in front of the code where the table has counting entries.
            count_entry: self.table.counting_entry(f.0 as usize).is_none(),
            loop_records: self.counters.loop_records(f.0, shape.loops.len()),
            osr_states: if osr { shape.osr_states.clone() } else { Vec::new() },
            // Innermost loops count in the frame, the loops around them in memory (each visit exact).
            batches: shape.batches.clone(),
            hook: tierlift_code::hook_trampoline_address() as u64,
            loop_batch: tierlift_code::loop_batch_address() as u64,
            func_index: self.global_id(f),
            profile: self.config.pgo.then(|| self.profiles.probe(f, &body)),
        });
        let recursive = self.may_recurse(f, shape);
        let regalloc =
            super::tier0_isa::regalloc_for(shape.loops.len(), recursive, self.config.mode == TierMode::Tiered);
        let mut st = self.clif.lock().unwrap_or_else(|e| e.into_inner());
        let st = &mut *st;
        let config = st.code.isa().frontend_config();
        st.ctx.clear();
        let compiled = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let exceptions =
                tierlift_tier0::translate(&body, self, config, instr.as_ref(), &mut st.ctx.func, &mut st.fctx)
                    .map_err(|e| e.to_string())?;
            if self.dump_clif {
                eprintln!("{}", st.ctx.func.display());
            }
            match &exceptions {
                Some(e) => {
                    let lsda = |try_calls: &[(u32, u32, u32)], len: u32| e.lsda(try_calls, len);
                    let landing = tierlift_code::LandingPads { personality: e.personality, lsda: &lsda };
                    st.code.compile(&mut st.ctx, regalloc, Some(landing))
                }
                None => st.code.compile(&mut st.ctx, regalloc, None),
            }
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
        Ok(Tier0Code {
            address: compiled.address,
            code_size: compiled.code_size,
            size: body.insts.len() as u32,
            codegen_time: compiled.codegen_time,
        })
    }

    /// Whether a call `f` (of shape `shape`) makes may lead back to `f`, as far as can be told: unless every
    /// function its calls can reach is known (compiled, so its shape is), names its callees (no call through a
    /// pointer) and none of them calls `f`, it may. Functions not compiled yet, calls through pointers, and more
    /// than a bound of functions to look at all count as a way back.
    fn may_recurse(&self, f: FuncId, shape: &crate::versions::Shape) -> bool {
        /// At most this many functions are looked at.
        const LIMIT: usize = 64;
        if shape.calls_itself || shape.calls_unnamed {
            return true;
        }
        let mut seen: Vec<FuncId> = shape.callees.clone();
        let mut next = 0;
        while next < seen.len() {
            if next == LIMIT {
                return true;
            }
            let Some(callee) = self.funcs[seen[next].0 as usize].shape.get() else { return true };
            if callee.calls_unnamed || callee.callees.contains(&f) {
                return true;
            }
            for c in &callee.callees {
                if !seen.contains(c) {
                    seen.push(*c);
                }
            }
            next += 1;
        }
        false
    }

    /// Records what the hook needs to know about `f` without reading its IR again: direct callees, loops and the
    /// OSR state of each loop.
    fn remember_shape(&self, f: FuncId, body: &tierlift_ir::Function) -> &crate::versions::Shape {
        self.funcs[f.0 as usize].shape.get_or_init(|| {
            let callees = direct_callees(body, f);
            let calls_itself = calls_itself(body, f);
            let calls_unnamed = calls_unnamed(body);
            let loops = tierlift_tier0::osr::loops(body);
            let loop_callees = loops.iter().map(|l| callees_in(body, f, l.blocks.iter().copied())).collect();
            // No OSR into a variadic function: an entry is a function of its own, without the caller's variadic
            // arguments (LLVM rejects `va_start` there).
            let osr_states = if self.config.osr && self.config.mode == TierMode::Tiered && !body.sig.variadic {
                tierlift_tier0::osr::osr_states(body, &loops)
            } else {
                vec![None; loops.len()]
            };
            let batches = std::sync::Arc::new(tierlift_tier0::LoopBatches::innermost(body, &loops));
            crate::versions::Shape { callees, calls_itself, calls_unnamed, loops, loop_callees, osr_states, batches }
        })
    }
}

impl tierlift_tier0::FuncEnv for Inner {
    fn symbol_address(&self, s: Symbol) -> Option<u64> {
        Some(self.addrs.of(s))
    }

    fn slot_address(&self, s: Symbol) -> Option<u64> {
        match s {
            Symbol::Func(f) => Some(self.table.slot_address(f.0 as usize) as u64),
            _ => None,
        }
    }

    fn vararg_thunk(&self, target: u64) -> Option<u64> {
        self.thunks.thunk_for(target as usize).ok().map(|a| a as u64)
    }

    fn vararg_jump(&self, carrier: tierlift_tier0::Carrier) -> Option<u64> {
        use tierlift_code::PassedIn;
        let via = match carrier {
            tierlift_tier0::Carrier::IntRegister(r) => PassedIn::IntRegister(r),
            tierlift_tier0::Carrier::FloatRegister(x) => PassedIn::FloatRegister(x),
            tierlift_tier0::Carrier::Stack(offset) => PassedIn::Stack(offset),
        };
        self.thunks.jump_thunk(via).ok().map(|a| a as u64)
    }

    fn libcall(&self, name: &str) -> Option<u64> {
        self.config.symbols.get(name).map(|&a| a as u64).or_else(|| libcalls::lookup(name))
    }

    fn thread_local_routine(&self, s: Symbol) -> Option<&'static str> {
        match s {
            Symbol::Global(g) if self.module.globals[g.0 as usize].thread_local => Some("__emutls_get_address"),
            Symbol::Extern(e) if self.native_tls.has(e.0 as usize) => Some("__tls_get_addr"),
            // Another module's variable: its emulated-TLS control object.
            Symbol::Extern(e) if self.module.externs[e.0 as usize].thread_local => Some("__emutls_get_address"),
            _ => None,
        }
    }

    fn returns_twice(&self, s: Symbol) -> bool {
        // The C library's functions that return twice (clang marks their calls `returns_twice`).
        const TWICE: [&str; 7] = ["setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp", "savectx", "vfork", "getcontext"];
        matches!(s, Symbol::Extern(_)) && TWICE.contains(&self.module.symbol_name(s))
    }
}
