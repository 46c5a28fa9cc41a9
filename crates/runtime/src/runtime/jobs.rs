//! Building LLVM compile jobs: the optimization level, counters, which callee bodies travel along to be
//! inlined, and the job's place in the queue.

use super::Inner;
use crate::config::TierMode;
use crate::versions::Tier;
use crate::workers::Job;
use std::sync::atomic::Ordering;
use std::time::Instant;
use tierlift_code::hook_trampoline_address;
use tierlift_ir::{FuncId, Symbol};
use tierlift_llvm::{CounterSpec, FunctionProfile, OptLevel};

// LLVM code's entry counters and tier 0's share one threshold word per function: both read its silent value alike.
const _: () = assert!(tierlift_code::SILENT == tierlift_llvm::SILENT_THRESHOLD);

impl Inner {
    /// A job compiling `f` at `tier` with the bodies it may inline, at its queue priority; the caller sets what
    /// happens with the result.
    pub(super) fn llvm_job(&self, f: FuncId, tier: Tier) -> Job {
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
            // Through the register-preserving entry (a superset of the C convention LLVM calls it with), which also
            // keeps an asynchronously cancellable thread from being cancelled inside the runtime.
            hook: hook_trampoline_address() as u64,
            func_index: self.global_id(f),
            calls: self.call_counting(f),
        });
        let fixed = matches!(self.config.mode, TierMode::LlvmO2 | TierMode::LlvmO3);
        // A fixed optimizing mode compiles like clang does a whole module: every function it reaches through
        // direct calls is there to inline (within a size budget).
        let inline_bodies =
            if fixed && matches!(tier, Tier::LlvmO2 | Tier::LlvmO3) { self.reachable_callees(f) } else { Vec::new() };
        // What the counters say (the hot call tree, the profiles) is read on the worker, just before the compile:
        // the counts are fresher there, and the hook that queued the job stays short.
        let prepare: Option<crate::workers::Prepare> = (!fixed && level != OptLevel::O0).then(|| {
            let weak = self._proxy.inner.get().cloned().unwrap_or_default();
            Box::new(move |job: &mut Job| {
                let Some(inner) = weak.upgrade() else { return };
                // O3 jobs carry the hot call tree; so do OSR entries at any level into a function called once or
                // twice (`main`, a driver): its entry is the code that frame runs for as long as it loops (it has no
                // counters to move on from). The entries of a function called often only bridge to its normal
                // entry's code, which is on its way: they stay quick to compile.
                if tier == Tier::LlvmO3 || (job.osr.is_some() && inner.counters.calls(f.0) <= 2) {
                    job.inline_bodies = inner.hot_callees(f);
                }
                job.profiles = inner.job_profiles(f, level, &mut job.inline_bodies);
                job.slot_calls = inner.slot_calls(f, &job.inline_bodies);
                job.slot_entries = inner.slot_entries(&job.inline_bodies, &job.profiles);
                job.region_size = Some(
                    std::iter::once(f)
                        .chain(job.inline_bodies.iter().filter_map(|b| inner.func_named(b)))
                        .map(|g| inner.known_size(g))
                        .sum(),
                );
            }) as crate::workers::Prepare
        });
        let slot_calls = if fixed && level != OptLevel::O0 { self.slot_calls(f, &inline_bodies) } else { Vec::new() };
        Job {
            function: self.fname(f).to_string(),
            level,
            version_name: format!("{}.tl.{}.{n}", self.fname(f), tier.name()),
            inline_bodies,
            counters,
            profiles: Vec::new(),
            prepare,
            // A tiered O3 job carries the hot callees to inline: it is ranked with them.
            rank: if tier == Tier::LlvmO3 && !fixed { self.region_rank(f) } else { self.rank(f, 0) },
            done: Box::new(|_| {}),
            stale: None,
            osr: None,
            osr_loop: None,
            loop_exits: Vec::new(),
            value_probes: Vec::new(),
            slot_calls,
            slot_entries: Vec::new(),
            queued_at: Instant::now(),
            region_size: None,
        }
    }

    /// The functions whose direct calls the optimized code of `f` (with `bodies` carried for inlining) makes
    /// through their slots: the direct callees of `f` and of those bodies, `f` aside (its calls of itself call
    /// the version being compiled). A slot always holds code that needs nothing from its caller: until the
    /// function has code, its lazy entry, which tells the trampoline which function it is.
    fn slot_calls(&self, f: FuncId, bodies: &[String]) -> Vec<(String, u64)> {
        let mut seen = vec![f];
        for g in std::iter::once(f).chain(bodies.iter().filter_map(|name| self.func_named(name))) {
            let callees = match self.funcs[g.0 as usize].shape.get() {
                Some(shape) => shape.callees.clone(),
                None => direct_callees(&self.module.function(g), g),
            };
            for c in callees {
                if !seen.contains(&c) {
                    seen.push(c);
                }
            }
        }
        seen[1..].iter().map(|&c| (self.fname(c).to_string(), self.table.slot_address(c.0 as usize) as u64)).collect()
    }

    /// The functions whose virtual table entries follow their slots, by the code addresses such an entry held:
    /// their versions' entries and code that are still alive.
    fn entry_functions(&self) -> std::collections::HashMap<u64, FuncId> {
        let mut out = std::collections::HashMap::new();
        for i in self.table.code_word_functions() {
            let g = FuncId(i as u32);
            out.insert(self.table.current(i) as u64, g);
            let versions = self.funcs[i].by_tier.lock().unwrap_or_else(|e| e.into_inner()).clone();
            for v in versions.iter().flatten().filter_map(std::sync::Weak::upgrade) {
                out.insert(v.entry as u64, g);
                out.insert(v.address as u64, g);
            }
        }
        out
    }

    /// The functions a job carrying `bodies` and `profiles` may compare a loaded function pointer with (the
    /// bodies, and the targets its indirect calls were seen to reach, which promotion guards with a comparison)
    /// whose virtual table entries follow their slots, with their slots.
    fn slot_entries(&self, bodies: &[String], profiles: &[FunctionProfile]) -> Vec<(String, u64)> {
        let targets = profiles.iter().flat_map(|p| &p.sites).flat_map(|s| match s {
            tierlift_llvm::SiteProfile::IndirectCall { targets, .. } => targets.as_slice(),
            _ => &[],
        });
        let mut out: Vec<(String, u64)> = Vec::new();
        for name in bodies.iter().chain(targets.map(|(name, _)| name)) {
            let Some(g) = self.func_named(name) else { continue };
            if self.table.has_code_words(g.0 as usize) && !out.iter().any(|(n, _)| n == name) {
                out.push((name.clone(), self.table.slot_address(g.0 as usize) as u64));
            }
        }
        out
    }

    /// The loops of `f` an O0 version counts in their records, with the OSR state of those a frame can leave
    /// (as tier 0's code of `f` would have them): for the fallback of a function tier 0 declines, when tiered.
    pub(super) fn loop_exits(&self, f: FuncId) -> Vec<crate::workers::LoopExitSpec> {
        let Some(shape) = self.funcs[f.0 as usize].shape.get() else { return Vec::new() };
        if self.config.mode != TierMode::Tiered || shape.loops.is_empty() {
            return Vec::new();
        }
        let records = self.counters.loop_records(f.0, shape.loops.len());
        shape
            .loops
            .iter()
            .zip(records)
            .enumerate()
            .map(|(l, (lp, record))| crate::workers::LoopExitSpec {
                header: lp.header as u32,
                record,
                hook_index: l as u32 + 1,
                state: shape.osr_states.get(l).cloned().flatten().map(|st| st.iter().map(osr_value).collect()),
            })
            .collect()
    }

    /// The profiles an O2/O3 job for `f` carries: `f`'s and those of the bodies that travel along. The hot targets
    /// of their indirect calls join those bodies (when small enough to inline), so that LLVM can promote the calls
    /// and inline the targets.
    fn job_profiles(&self, f: FuncId, level: OptLevel, inline_bodies: &mut Vec<String>) -> Vec<FunctionProfile> {
        if !self.config.pgo || level == OptLevel::O0 {
            return Vec::new();
        }
        let first_stub = self.table.stub(0) as u64;
        let n = self.funcs.len();
        // A virtual call's target is the code its table entry held (see `FunctionTable::set_code_words`).
        let by_code = std::cell::OnceCell::new();
        let read = |g: FuncId| {
            self.profiles.read(g, self.fname(g), self.counters.calls(g.0), &self.header_counts(g), |address| {
                crate::profile::function_at_stub(first_stub, n, address)
                    .or_else(|| by_code.get_or_init(|| self.entry_functions()).get(&address).copied())
                    .map(|t| self.fname(t).to_string())
            })
        };
        // `f`, then the bodies that travel along; the hot targets of their indirect calls join those bodies.
        let mut queue: Vec<FuncId> =
            std::iter::once(f).chain(inline_bodies.iter().filter_map(|b| self.func_named(b))).collect();
        let mut profiles = Vec::new();
        let mut added = 0;
        let mut next = 0;
        while let Some(&g) = queue.get(next) {
            next += 1;
            let Some(p) = read(g) else { continue };
            for target in crate::profile::hot_targets(&p) {
                let Some(t) = self.func_named(&target) else { continue };
                if added < MAX_PROMOTED_BODIES
                    && !queue.contains(&t)
                    && self.inlinable(t)
                    && (self.size(t) as usize) <= INLINE_CANDIDATE_SIZE
                {
                    added += 1;
                    inline_bodies.push(target);
                    queue.push(t);
                }
            }
            profiles.push(p);
        }
        profiles
    }

    /// The queue order of `f`'s background compiles, plus `bonus`, as it is when asked: counted events per IR
    /// instruction, so that among equally hot functions the cheaper compile goes first, and a huge function does
    /// not hold up many small hot ones (weighted shortest job first; compile time grows with size). It holds the
    /// counters, not the module: a worker asks under the queue's lock, where the module's last reference must
    /// not be dropped.
    pub(super) fn rank(&self, f: FuncId, bonus: u64) -> crate::workers::Rank {
        self.rank_with(f, Vec::new(), bonus)
    }

    /// The rank of a tiered O3 job for `f`, which carries `f`'s hot callees for the inliner: the calls and back
    /// edges of `f` and the calls of the callees its job may inline, transitively (those tier 0 compiled and
    /// that ran, nearest first, within [`REGION_RANK_BUDGET`] IR instructions), per unit of their size. A hot
    /// driver's job then goes before the jobs of the small helpers it calls, and of theirs (each of which ranks
    /// high alone, being small and called often); once installed it makes theirs unnecessary (see
    /// `Inner::withdraw`).
    fn region_rank(&self, f: FuncId) -> crate::workers::Rank {
        // Bodies never read here (this runs in the hook): only callees tier 0 compiled, whose sizes are known.
        let ran = |g: FuncId| {
            self.funcs[g.0 as usize].shape.get().map_or_else(Vec::new, |shape| {
                let compiled = |c: FuncId| self.funcs[c.0 as usize].shape.get().is_some();
                shape.callees.iter().copied().filter(|&c| self.counters.calls(c.0) > 0 && compiled(c)).collect()
            })
        };
        let members = self.reachable_within(f, REGION_RANK_BUDGET, |c| self.known_size(c), ran);
        self.rank_with(f, members, 0)
    }

    /// [`Inner::rank`] over `f` and the calls of `callees` (their sizes added to `f`'s). The calls of a tiny
    /// function without loops count a quarter in its own job: called from tier-0 code, its optimized version saves
    /// little of what a call costs (the call itself, which only a caller's job that inlines it removes). A
    /// function the program keeps out of line (`noinline`) counts in full: no caller's job removes its calls.
    fn rank_with(&self, f: FuncId, callees: Vec<FuncId>, bonus: u64) -> crate::workers::Rank {
        let counters = std::sync::Arc::clone(&self.counters);
        let size =
            std::iter::once(f).chain(callees.iter().copied()).map(|g| u64::from(self.known_size(g))).sum::<u64>();
        let tiny = self.known_size(f) <= TINY_FUNCTION
            && !self.never_inlined(f)
            && self.funcs[f.0 as usize].shape.get().is_some_and(|shape| shape.loops.is_empty());
        let own_weight = if tiny { 1 } else { 4 };
        Box::new(move || {
            let own = counters.calls(f.0).saturating_add(counters.back_edges(f.0)).saturating_mul(own_weight);
            let events = callees.iter().fold(own, |sum, c| sum.saturating_add(counters.calls(c.0).saturating_mul(4)));
            (events.saturating_mul(16) / (size + 32)).saturating_add(bonus)
        })
    }

    /// How many times each loop header of `f` ran in tier-0 code (its loop counters).
    fn header_counts(&self, f: FuncId) -> Vec<u64> {
        (0..self.counters.loop_count(f.0)).map(|l| self.counters.back_edge(f.0, l)).collect()
    }

    /// Bodies an O3 job carries as `available_externally` so the inliner sees the hot call tree: callees that ran
    /// (by how often their call sites ran when profiled, else by their call counts; hottest first), and theirs,
    /// transitively (see [`Inner::inline_candidates`]).
    fn hot_callees(&self, f: FuncId) -> Vec<String> {
        self.inline_candidates(f, |g| {
            // With a profile: the callees of `g`'s call sites that ran, by how often those sites ran.
            if self.config.pgo
                && let Some(calls) = self.profiles.callees_by_calls(g, self.counters.calls(g.0), &self.header_counts(g))
            {
                return calls.into_iter().filter(|c| c.1 > 0).map(|c| c.0).collect();
            }
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

    /// The rank of an OSR entry job into loop `l` of a frame of `f` that carries the hot call tree: above `f`'s
    /// own jobs and above those of the helpers the loop reaches through direct calls: functions tier 0 compiled
    /// (only those can have jobs queued) that do little per call (no more than [`HELPER_VISITS`] loop visits a
    /// call so far). The frame can only leave tier 0 through that entry, which makes such a helper's own compile
    /// unnecessary once it is installed, while compiling it first only speeds up the calls of its loop. A callee
    /// that loops for long in each call gains from its own code at once, and so does one the program keeps out of
    /// line (`noinline`), which the entry calls: those keep their places (their callees are not followed). (Reads
    /// only tier 0's shapes and counters: the hook that asks for the entry stays short.)
    ///
    /// Not for a large function (over [`LARGE_FRAME`] IR instructions: an interpreter's dispatch loop at -O0),
    /// whose entry takes the worker for hundreds of milliseconds: its job ranks like an O3 job's region, by the
    /// loop's visits and the helpers' calls per unit of their size together, so that small hot helpers, cheap to
    /// compile and often most of the loop's time, are not kept waiting behind it.
    pub(super) fn frame_rank(&self, f: FuncId, l: usize) -> crate::workers::Rank {
        let mut seen = vec![f];
        let mut queue = std::collections::VecDeque::new();
        let callees = |g: FuncId| -> &[FuncId] {
            let Some(shape) = self.funcs[g.0 as usize].shape.get() else { return &[] };
            if g == f { shape.loop_callees.get(l).map_or(&[], Vec::as_slice) } else { &shape.callees }
        };
        let helper = |c: FuncId| {
            self.funcs[c.0 as usize].shape.get().is_some()
                && !self.never_inlined(c)
                && self.counters.back_edges(c.0) <= self.counters.calls(c.0).saturating_mul(HELPER_VISITS)
        };
        queue.push_back(f);
        while let Some(g) = queue.pop_front() {
            for &c in callees(g) {
                if !seen.contains(&c) && helper(c) {
                    seen.push(c);
                    queue.push_back(c);
                }
            }
        }
        let helpers = seen.split_off(1);
        if self.known_size(f) > LARGE_FRAME {
            return self.rank_with(f, helpers, 0);
        }
        let mut ranks = self.own_ranks(f);
        for &c in &helpers {
            ranks.push(self.rank(c, 1));
            ranks.push(self.region_rank(c));
        }
        above_all(ranks)
    }

    /// The rank of an OSR entry job for a frame of `f`: above `f`'s own normal-entry job, whichever way that one is
    /// ranked (an O3 job by its region): the running frame needs its way out first.
    pub(super) fn entry_rank(&self, f: FuncId) -> crate::workers::Rank {
        above_all(self.own_ranks(f))
    }

    /// The ranks `f`'s own normal-entry job may have: an O2 job's, an O3 job's (by its region).
    fn own_ranks(&self, f: FuncId) -> Vec<crate::workers::Rank> {
        vec![self.rank(f, 0), self.region_rank(f)]
    }

    /// Whether a job of another function may carry `f`'s body for its inliner: LLVM could compile it, and the
    /// program does not keep it out of line.
    fn inlinable(&self, f: FuncId) -> bool {
        !self.refused.contains_key(&f) && !self.never_inlined(f)
    }

    /// Functions reachable from `f` through `callees`, nearest first, small enough to inline, while their bodies
    /// add up to at most [`REACHABLE_BUDGET`] IR instructions (see [`Inner::reachable_within`]).
    fn inline_candidates(&self, f: FuncId, callees: impl Fn(FuncId) -> Vec<FuncId>) -> Vec<String> {
        let reached = self.reachable_within(f, REACHABLE_BUDGET, |c| self.size(c), callees);
        reached.into_iter().map(|c| self.fname(c).to_string()).collect()
    }

    /// Functions reachable from `f` through `callees`, nearest first, that another job may inline and whose
    /// `size` is at most [`INLINE_CANDIDATE_SIZE`], while their sizes add up to at most `budget`. A callee too big
    /// to inline, or kept out of line by the program, is left out with what only it calls.
    fn reachable_within(
        &self,
        f: FuncId,
        mut budget: usize,
        size: impl Fn(FuncId) -> u32,
        callees: impl Fn(FuncId) -> Vec<FuncId>,
    ) -> Vec<FuncId> {
        let mut seen = vec![f];
        let mut queue = std::collections::VecDeque::from([f]);
        let mut out = Vec::new();
        while let Some(g) = queue.pop_front() {
            for c in callees(g) {
                if seen.contains(&c) || !self.inlinable(c) {
                    continue;
                }
                seen.push(c);
                let size = size(c) as usize;
                if size > INLINE_CANDIDATE_SIZE || size > budget {
                    continue;
                }
                budget -= size;
                out.push(c);
                queue.push_back(c);
            }
        }
        out
    }
}

/// A rank above all of `ranks`, by a margin: the queue evaluates its jobs' ranks one after another while the
/// program runs, and a job's counts may grow by more than one between the two evaluations.
fn above_all(ranks: Vec<crate::workers::Rank>) -> crate::workers::Rank {
    Box::new(move || {
        let top = ranks.iter().map(|rank| rank()).max().unwrap_or(0);
        top.saturating_add(top / 4).saturating_add(1)
    })
}

/// Loop visits per call (on average so far) up to which a callee counts as a helper of its caller's loop (see
/// `Inner::frame_rank`).
const HELPER_VISITS: u64 = 16;
/// IR instructions of a function above which a frame's OSR entry no longer goes before the compiles of the
/// helpers its loop calls (see `Inner::frame_rank`).
const LARGE_FRAME: u32 = 1_000;
/// IR instructions of a function whose own compile ranks its calls low (see `Inner::rank_with`).
const TINY_FUNCTION: u32 = 12;
/// IR instructions of the callees whose calls rank a tiered O3 job (see `Inner::region_rank`).
const REGION_RANK_BUDGET: usize = 1_000;
/// IR instructions of callee bodies a fixed O2/O3 mode's job may carry (each job optimizes them all).
const REACHABLE_BUDGET: usize = 4_000;
/// The largest callee (IR instructions) a fixed O2/O3 mode's job carries: LLVM's inliner leaves bigger ones
/// alone unless they have one caller.
const INLINE_CANDIDATE_SIZE: usize = 600;
/// At most this many hot indirect-call targets travel along with a job (a body each).
const MAX_PROMOTED_BODIES: usize = 16;

/// The functions of the module `body` (function `f`) calls directly, other than itself, each once.
pub(super) fn direct_callees(body: &tierlift_ir::Function, f: FuncId) -> Vec<FuncId> {
    callees_in(body, f, 0..body.blocks.len())
}

/// Whether `f`'s body calls `f` directly.
pub(super) fn calls_itself(body: &tierlift_ir::Function, f: FuncId) -> bool {
    body.insts.iter().any(|inst| direct_callee(inst) == Some(f))
}

/// Whether `body` calls something it does not name as a function of the module or an external one: a callee
/// reached through a pointer, or through an alias.
pub(super) fn calls_unnamed(body: &tierlift_ir::Function) -> bool {
    use tierlift_ir::{Const, Value};
    body.insts.iter().filter_map(callee_of).any(|callee| {
        !matches!(callee, Value::Const(Const::Symbol(Symbol::Func(_) | Symbol::Extern(_)) | Const::Intrinsic(_)))
    })
}

/// The functions other than `f` that the given blocks of `f`'s body call directly, each once.
pub(super) fn callees_in(body: &tierlift_ir::Function, f: FuncId, blocks: impl Iterator<Item = usize>) -> Vec<FuncId> {
    let mut callees = Vec::new();
    for (_, inst) in blocks.flat_map(|b| body.block_insts(b)) {
        if let Some(c) = direct_callee(inst)
            && c != f
            && !callees.contains(&c)
        {
            callees.push(c);
        }
    }
    callees
}

/// The callee operand of a `call` or `invoke`.
fn callee_of(inst: &tierlift_ir::Inst) -> Option<&tierlift_ir::Value> {
    matches!(inst.op, tierlift_ir::Op::Call { .. } | tierlift_ir::Op::Invoke { .. })
        .then(|| inst.operands.last())
        .flatten()
}

/// The function a `call` or `invoke` names as its callee, if it names one of the module's.
fn direct_callee(inst: &tierlift_ir::Inst) -> Option<FuncId> {
    match callee_of(inst)? {
        tierlift_ir::Value::Const(tierlift_ir::Const::Symbol(Symbol::Func(c))) => Some(*c),
        _ => None,
    }
}

/// Tier 0's name for a value of an OSR state, as the LLVM crate names it.
pub(super) fn osr_value(v: &tierlift_tier0::osr::StateValue) -> tierlift_llvm::OsrValue {
    match v {
        tierlift_tier0::osr::StateValue::Arg(a) => tierlift_llvm::OsrValue::Arg(*a),
        tierlift_tier0::osr::StateValue::Inst(i) => tierlift_llvm::OsrValue::Inst(*i),
        tierlift_tier0::osr::StateValue::Local(i) => tierlift_llvm::OsrValue::Local(*i),
        tierlift_tier0::osr::StateValue::DeadLocal(i) => tierlift_llvm::OsrValue::DeadLocal(*i),
    }
}
