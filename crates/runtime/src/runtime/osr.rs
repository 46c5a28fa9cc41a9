//! On-stack replacement requests: choosing the loop a long-running tier-0 frame leaves through, queueing its
//! entry compile, and installing the entry.

use super::Inner;
use crate::versions::{InFlight, OsrLog, Shape, Tier};
use crate::workers::{JobResult, SUPERSEDED};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tierlift_ir::FuncId;

/// How long a loop nest's visits stay unchanged before its frames are taken to have left it.
const LEFT_AFTER: Duration = Duration::from_millis(1);
/// How long after dropping the entry of a nest the frame left an inner loop's entry waits for the loop around it
/// to come round.
const CLIMB_WAIT: Duration = Duration::from_millis(10);
/// A function whose code has run for less than the loop threshold times this many nanoseconds (2 ms at the
/// default threshold) gets no OSR entry yet. The threshold's visits take that long in a slow loop; a tight loop
/// crosses it in tens of microseconds, and a frame that young is not expected to loop for as long as an entry
/// takes to compile (ten milliseconds and more): a loop that crosses its threshold that early is often one that
/// fills memory for the loop after it, gone before its entry would be there. A frame still looping when the
/// function is old enough asks then.
const SETTLE_PER_VISIT_NS: u64 = 200;
/// The fewest visits after which a young frame's loop looks again.
const SETTLE_MIN_STEP: u64 = 1024;

impl Inner {
    /// A loop counter crossed its threshold: pick the loop to enter (the outermost enclosing loop that keeps
    /// coming back, so the whole nest moves to LLVM code), queue its OSR entry compile once, and make its header
    /// poll for the entry until it is installed. The entry is compiled at `tier`, the one the policy wants the
    /// function in, if `long_frame`: the function's calls loop long (few calls, or many visits each); otherwise
    /// (or with no `tier`) an installed entry is only re-armed and none is asked for. Returns whether the frame at
    /// loop `l` has a way out this way (an entry installed, coming, or still to be asked for once the one in
    /// flight is done).
    pub(super) fn osr_hot(&self, f: FuncId, l: usize, tier: Option<Tier>, long_frame: bool) -> bool {
        let st = &self.funcs[f.0 as usize];
        let Some(shape) = st.shape.get() else { return false };
        let mut osr = st.osr.lock().unwrap_or_else(|e| e.into_inner());
        // An entry installed at this loop or one around it: the frame takes it at that loop's header, so a further
        // entry would go unused. Entries are installed under this lock. A long frame is made to poll on its next
        // visit. Not the short calls of a function called often: each would call the hook to enter, for a few
        // visits of LLVM code (655,000 calls of Lua's table resize entered one by one while its normal entry
        // waited in the queue); they take the entry when the hook next runs anyway.
        if let Some(a) = shape.enclosing(l).find(|&a| self.counters.osr_entry(f.0, a) != 0) {
            let next = self.counters.back_edge(f.0, a).saturating_add(1);
            if long_frame && self.counters.loop_threshold(f.0, a) > next {
                self.counters.set_loop_threshold(f.0, a, next);
            }
            return true;
        }
        let Some(tier) = tier.filter(|_| long_frame) else { return false };
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
        // One entry compile at a time per function: a frame needs only one way out. Unless the frames left the nest
        // whose entry is in flight (a loop that filled an array before the one that works on it): that compile is
        // dropped if it has not started, and this nest's entry is asked for, once its outermost loop has come
        // round (an entry at an inner loop would make the loop around it one with two ways in) or, for a slow
        // outer loop, [`CLIMB_WAIT`] after the drop.
        if let Some(t) = osr.in_flight.as_ref().map(|i| i.loop_index)
            && !shape.enclosing(l).any(|a| a == t)
            && self.left_in_flight_nest(f, shape, &mut osr)
        {
            osr.in_flight = None;
            osr.in_flight_dropped_at = Some(Instant::now());
        }
        let climbed = shape.loops[target]
            .parent
            .is_none_or(|p| shape.osr_states[p].is_none() || self.counters.back_edge(f.0, p) >= 2);
        let climbing = !climbed && osr.in_flight_dropped_at.is_some_and(|at| at.elapsed() < CLIMB_WAIT);
        let new = !osr.requested.contains(&target) && osr.in_flight.is_none() && !climbing;
        // A young frame waits (see `SETTLE_PER_VISIT_NS`): its loop looks again about when the function has run
        // that long.
        let settle = Duration::from_nanos(self.config.loop_threshold.saturating_mul(SETTLE_PER_VISIT_NS));
        if new && let Some(age) = self.running_for(f).filter(|age| *age < settle) {
            let count = self.counters.back_edge(f.0, l);
            let per_second = count as f64 / age.as_secs_f64().max(1e-6);
            let step = ((settle - age).as_secs_f64() * per_second) as u64;
            self.counters.set_loop_threshold(f.0, l, count.saturating_add(step.max(SETTLE_MIN_STEP)));
            return true;
        }
        let left = new.then(|| {
            osr.requested.push(target);
            let left = Arc::new(AtomicBool::new(false));
            let visits = self.nest_visits(f, shape, target);
            let changed_at = Instant::now();
            osr.in_flight = Some(InFlight { loop_index: target, visits, changed_at, left: Arc::clone(&left) });
            left
        });
        // The hot loop and the chosen one keep polling (the policy may have stopped asking): for the entry once it is
        // installed, or to request one once the function's previous entry compile is done.
        let polling: Vec<usize> = [target, l].into_iter().filter(|r| !osr.failed.contains(r)).collect();
        drop(osr);
        let covered = polling.contains(&target);
        if let Some(left) = left {
            self.request_osr(f, target, shape, tier, left);
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

    /// Whether the frames have left the loop nest whose OSR entry is in flight, asked while a loop of another nest
    /// runs: the nest's visits (its loop's and those of the loops inside it, which tier-0 code adds to memory at
    /// least every 64 visits) did not change for [`LEFT_AFTER`]. A look that sees them changed starts the wait
    /// again. Once left, the entry's compile is dropped if it has not started, and a frame that comes back to the
    /// nest asks for it again.
    fn left_in_flight_nest(&self, f: FuncId, shape: &Shape, osr: &mut OsrLog) -> bool {
        let Some(seen) = osr.in_flight.as_mut() else { return false };
        let visits = self.nest_visits(f, shape, seen.loop_index);
        let now = Instant::now();
        if visits != seen.visits {
            seen.visits = visits;
            seen.changed_at = now;
            return false;
        }
        if now.duration_since(seen.changed_at) < LEFT_AFTER {
            return false;
        }
        seen.left.store(true, Ordering::Release);
        true
    }

    /// How long `f` has had code: since its first version was installed.
    fn running_for(&self, f: FuncId) -> Option<Duration> {
        let installed = *self.funcs[f.0 as usize].installed_at.lock().unwrap_or_else(|e| e.into_inner());
        let first = installed.into_iter().flatten().min()?;
        Some(self.loaded_at.elapsed().saturating_sub(first))
    }

    /// The visits of loop `t` of `f` and of the loops inside it.
    fn nest_visits(&self, f: FuncId, shape: &Shape, t: usize) -> u64 {
        (0..shape.loops.len())
            .filter(|&d| shape.enclosing(d).any(|a| a == t))
            .fold(0u64, |sum, d| sum.saturating_add(self.counters.back_edge(f.0, d)))
    }

    fn request_osr(&self, f: FuncId, target: usize, shape: &Shape, tier: Tier, left: Arc<AtomicBool>) {
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
        // Dropped before it starts if the frames have left the nest by then (seen from a loop of another nest).
        job.stale = Some(Box::new(move || left.load(Ordering::Acquire)));
        job.done = Box::new(move |r: JobResult| {
            let Some(inner) = weak.upgrade() else { return };
            let st = &inner.funcs[f.0 as usize];
            // Installed and marked done under one lock, so a racing hook sees either the compile in flight or the
            // entry.
            let mut osr = st.osr.lock().unwrap_or_else(|e| e.into_inner());
            if osr.in_flight.as_ref().is_some_and(|i| i.loop_index == target) {
                osr.in_flight = None;
            }
            match r.result {
                Ok(built) => {
                    tracing::debug!(function = inner.fname(f), loop_index = target, time = ?r.time, "OSR entry installed");
                    // Entries stay mapped while the module lives: tier-0 code of any age may jump into them.
                    inner.counters.set_osr_entry(f.0, target, built.address as u64);
                    let function = inner.fname(f).to_string();
                    inner.observe.events.record(crate::trace::EventKind::OsrInstall { function, loop_index: target });
                    osr.compiled.push((target, r.time));
                }
                // The frames had left the nest: a frame that comes back asks again.
                Err(reason) if reason == SUPERSEDED => osr.requested.retain(|&r| r != target),
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
