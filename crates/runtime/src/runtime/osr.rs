//! On-stack replacement requests: choosing the loop a long-running tier-0 frame leaves through, queueing its
//! entry compile, and installing the entry.

use super::Inner;
use crate::versions::Tier;
use crate::workers::JobResult;
use std::sync::atomic::Ordering;
use tierlift_ir::FuncId;

impl Inner {
    /// A loop counter crossed its threshold: pick the loop to enter (the outermost enclosing loop that keeps
    /// coming back, so the whole nest moves to LLVM code), queue its OSR entry compile once, and make its header
    /// poll for the entry until it is installed. The entry is compiled at `tier`, the one the policy wants the
    /// function in (`None`: only re-arm an installed entry, ask for none). Returns whether the frame at loop `l` has
    /// a way out this way (an entry installed, coming, or still to be asked for once the one in flight is done).
    pub(super) fn osr_hot(&self, f: FuncId, l: usize, tier: Option<Tier>) -> bool {
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
    pub(super) fn osr_failed_around(&self, f: FuncId, l: usize) -> bool {
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
        job.osr = Some((shape.loops[target].header as u32, state.iter().map(super::jobs::osr_value).collect()));
        // Above the function's own normal-entry request: the running frame needs its way out first. A frame of a
        // function called once or twice (`main`, a driver) gets an entry that carries the hot call tree (see
        // `llvm_job`): that entry goes before the compiles of what the loop calls too.
        job.rank = if self.counters.calls(f.0) <= 2 { self.frame_rank(f, target) } else { self.entry_rank(f) };
        let weak = self._proxy.inner.get().cloned().unwrap_or_default();
        job.done = Box::new(move |r: JobResult| {
            let Some(inner) = weak.upgrade() else { return };
            let st = &inner.funcs[f.0 as usize];
            // Installed and marked done under one lock, so a racing hook sees either the compile in flight or the
            // entry.
            let mut osr = st.osr.lock().unwrap_or_else(|e| e.into_inner());
            osr.in_flight = None;
            match r.result {
                Ok(built) => {
                    tracing::debug!(function = inner.fname(f), loop_index = target, time = ?r.time, "OSR entry installed");
                    // Entries stay mapped while the module lives: tier-0 code of any age may jump into them.
                    inner.counters.set_osr_entry(f.0, target, built.address as u64);
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
}
