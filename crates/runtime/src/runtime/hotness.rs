//! The hotness hook (a counter crossed its threshold) and the background compile requests it and the sampler
//! make on the policy's word. The hook only queues; it never compiles.

use super::Inner;
use crate::config::TierMode;
use crate::policy::{Decision, FuncView};
use crate::versions::Tier;
use crate::workers::{JobResult, SUPERSEDED};
use std::sync::atomic::Ordering;
use std::time::Instant;
use tierlift_ir::FuncId;

impl Inner {
    pub(crate) fn view(&self, f: FuncId, loop_index: u32) -> Option<FuncView> {
        let st = &self.funcs[f.0 as usize];
        Some(FuncView {
            index: f.0,
            tier: st.tier()?,
            pending: st.pending(),
            calls: self.counters.calls(f.0),
            back_edges: self.counters.back_edges(f.0),
            loop_index,
            size: self.known_size(f),
        })
    }

    /// A counter crossed its threshold: ask the policy, maybe queue a compile. Never compiles here.
    pub(super) fn hot(&self, f: FuncId, loop_index: u32) {
        let start = Instant::now();
        // Outside tiered mode, or once the module is going, nothing will compile: nothing reads further counts, so
        // the counters are silenced (a load and a compare each, no store).
        if self.config.mode != TierMode::Tiered || self.stopping.load(Ordering::Acquire) {
            self.counters.silence(f.0);
            self.skip_counting_entry(f);
            return;
        }
        // A function whose LLVM compile failed stays where it is: its counters stop calling the hook (they keep
        // counting for the sampler, which may still ask for another tier).
        if self.funcs[f.0 as usize].failed.load(Ordering::Acquire) != 0 {
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
                // At least a 64th of the visits so far (at most 1,024) in between, as an OSR entry's polling has:
                // with a loop threshold of a few visits the hook would otherwise run at every visit while an entry
                // compiles, or while the frame runs on in a loop inside the one whose entry is installed.
                let least = (current / 64).clamp(1, 1024);
                self.counters.set_loop_threshold(f.0, l, current.saturating_add(step.max(least)));
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
                osr_covers = self.osr_hot(f, l, wanted, long_frame);
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
        // Under the lock `withdraw` takes: a request either comes before a withdrawal (its job is then dropped and
        // `pending` cleared) or after it (its job counts from the new epoch), never half of each.
        let epoch = {
            let mut requested = st.requested_at.lock().unwrap_or_else(|e| e.into_inner());
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
            requested[tier.index()] = Some(self.loaded_at.elapsed());
            st.withdrawals.load(Ordering::Acquire)
        };
        let mut job = self.llvm_job(f, tier);
        let weak = self._proxy.inner.get().cloned().unwrap_or_default();
        let stale_weak = weak.clone();
        // The calls `f` had when the job was found to serve none of them (see `frames_left_through_osr`).
        let unwanted_at = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(u64::MAX));
        let unwanted = std::sync::Arc::clone(&unwanted_at);
        job.stale = Some(Box::new(move || {
            // Superseded by a higher tier requested or installed since, or withdrawn, or wanted by no call yet.
            stale_weak.upgrade().is_none_or(|inner| {
                let st = &inner.funcs[f.0 as usize];
                st.pending.load(Ordering::Acquire) > want
                    || st.tier().is_some_and(|t| t >= tier)
                    || st.withdrawals.load(Ordering::Acquire) != epoch
                    || inner
                        .frames_left_through_osr(f)
                        .inspect(|&calls| unwanted.store(calls, Ordering::Release))
                        .is_some()
            })
        }));
        job.done = Box::new(move |r: JobResult| {
            let Some(inner) = weak.upgrade() else { return };
            let st = &inner.funcs[f.0 as usize];
            match r.result {
                Ok(built) => {
                    inner.install(f, tier, built, r.time, false);
                    inner.policy.on_compiled(tier, inner.size(f), r.time);
                    if tier == Tier::LlvmO3 {
                        for name in &r.inline_bodies {
                            if let Some(g) = inner.func_named(name) {
                                inner.withdraw(g);
                            }
                        }
                    }
                }
                // Asked for again at the next call, which is then compiled for.
                Err(reason) if reason == SUPERSEDED && unwanted_at.load(Ordering::Acquire) != u64::MAX => {
                    let calls = unwanted_at.load(Ordering::Acquire);
                    st.osr.lock().unwrap_or_else(|e| e.into_inner()).normal_entry_dropped_at = Some(calls);
                    inner.counters.set_entry_threshold(f.0, calls.saturating_add(1));
                }
                Err(reason) if reason == SUPERSEDED => {}
                Err(reason) => {
                    tracing::warn!(function = inner.fname(f), tier = tier.name(), %reason, "background compile failed");
                    st.failures.lock().unwrap_or_else(|e| e.into_inner()).push(format!("{}: {reason}", tier.name()));
                    st.failed.fetch_max(want, Ordering::AcqRel);
                }
            }
            // A withdrawn request's flag was cleared by `withdraw`, and may belong to a newer request by now.
            if st.withdrawals.load(Ordering::Acquire) == epoch {
                let _ = st.pending.compare_exchange(want, 0, Ordering::AcqRel, Ordering::Acquire);
            }
        });
        self.workers.submit(job);
    }

    /// Whether a normal-entry compile of `f` would serve no call yet: `f` was called a few times (a driver per
    /// thread, as `main` is the program's) and each call looped long (on average [`LONG_CALL`] times the loop
    /// threshold so far), its frames have a way out through an OSR entry (installed or being compiled), and no
    /// call came since such a compile was last dropped. Frames that leave through an entry never take the normal
    /// entry, and a compile for calls that may never come would take the worker from the jobs the running code
    /// waits for; a call that comes after all asks again, and is compiled for. Returns `f`'s calls then.
    fn frames_left_through_osr(&self, f: FuncId) -> Option<u64> {
        let calls = self.counters.calls(f.0);
        let long = self.config.loop_threshold.saturating_mul(LONG_CALL).saturating_mul(calls);
        if calls > DRIVER_CALLS || self.counters.back_edges(f.0) < long {
            return None;
        }
        let osr = self.funcs[f.0 as usize].osr.lock().unwrap_or_else(|e| e.into_inner());
        let way_out = osr.in_flight.is_some() || !osr.compiled.is_empty();
        (way_out && osr.normal_entry_dropped_at.is_none_or(|c| c == calls)).then_some(calls)
    }

    /// `g`'s body travelled along with an O3 job of a caller that is now installed: `g` was probably inlined
    /// there, and a compile of its own, still queued, may never pay off (the caller that made it hot no longer
    /// calls it). Such a request is withdrawn (its job is dropped when a worker reaches it) and `g`'s entry
    /// counter re-armed, so that `g` is asked for again if calls keep coming from callers that did not inline it.
    /// A compile already running goes on. A `g` still in tier 0 with nothing requested yet is re-armed the
    /// same way: the caller's frames still in old code, finishing their current call, would otherwise make it
    /// hot just after the caller stopped calling it.
    fn withdraw(&self, g: FuncId) {
        let st = &self.funcs[g.0 as usize];
        // The lock `request` holds while it sets `pending` and reads the epoch (see there).
        let _requests = st.requested_at.lock().unwrap_or_else(|e| e.into_inner());
        let pending = st.pending.load(Ordering::Acquire);
        if pending == 0 {
            // Never moved closer (its threshold may be a later level's already), and a silenced counter
            // (`u64::MAX`) stays silent.
            let (threshold, rearmed) = (self.counters.entry_threshold(g.0), self.rearmed_threshold(g));
            if st.tier() == Some(Tier::Tier0) && rearmed > threshold {
                self.counters.set_entry_threshold(g.0, rearmed);
            }
            return;
        }
        if st.tier().is_some_and(|t| t.index() as u8 + 1 >= pending) {
            return;
        }
        // The queued job sees the new epoch and is dropped; its end leaves `pending` alone (cleared here).
        st.withdrawals.fetch_add(1, Ordering::AcqRel);
        if st.pending.compare_exchange(pending, 0, Ordering::AcqRel, Ordering::Acquire).is_ok() {
            self.withdrawn.fetch_add(1, Ordering::Relaxed);
            self.counters.set_entry_threshold(g.0, self.rearmed_threshold(g));
        }
    }

    /// A call threshold for `g` far enough that the caller's frames still in old code (finishing their current
    /// call) do not ask for `g` again at once.
    fn rearmed_threshold(&self, g: FuncId) -> u64 {
        let rearm = self.config.call_threshold.saturating_mul(WITHDRAWN_REARM_FACTOR);
        self.counters.calls(g.0).saturating_add(rearm)
    }
}

/// Calls up to which a function whose frames loop long counts as a driver (one per thread), whose normal entry
/// waits for a call to come (see `Inner::frames_left_through_osr`).
const DRIVER_CALLS: u64 = 16;
/// Loop visits per call, in loop thresholds, from which such a driver's calls count as long.
const LONG_CALL: u64 = 100;
/// A withdrawn request's function is asked for again after this many times the configured call threshold more
/// calls.
const WITHDRAWN_REARM_FACTOR: u64 = 10;
