//! Compile ahead: when a function's first call has compiled it in tier 0, its direct callees are compiled in
//! tier 0 on an idle background worker, so that their first calls, coming soon, find code instead of
//! compiling it while the program waits. The callees of a function compiled ahead are queued in turn, up to
//! [`AHEAD_DEPTH`] calls away from code that ran: beyond that, the calls are too far from the running code to
//! say whether they come at all.

use super::Inner;
use crate::config::TierMode;
use std::sync::atomic::Ordering;
use tierlift_ir::FuncId;

/// How many calls away from a function that ran its callees are compiled ahead.
const AHEAD_DEPTH: u32 = 2;

impl Inner {
    /// Queues tier-0 compiles of `f`'s direct callees that have no code yet (each function once); `f` is
    /// `depth` calls away from a function that ran (0: it ran).
    pub(super) fn compile_callees_ahead(&self, f: FuncId, depth: u32) {
        if !self.config.compile_ahead
            || depth >= AHEAD_DEPTH
            || !matches!(self.config.mode, TierMode::Tiered | TierMode::Tier0)
            || self.stopping.load(Ordering::Acquire)
        {
            return;
        }
        let Some(shape) = self.funcs[f.0 as usize].shape.get() else { return };
        let weak = self._proxy.inner.get().cloned().unwrap_or_default();
        for &g in &shape.callees {
            let i = g.0 as usize;
            if !self.table.is_lazy(i)
                || self.check_allowed(g).is_err()
                || self.funcs[i].ahead_queued.swap(true, Ordering::AcqRel)
            {
                continue;
            }
            let weak = weak.clone();
            self.workers.compile_ahead(Box::new(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.compile_ahead(g, depth + 1);
                }
            }));
        }
    }

    /// On a worker: compiles `g` in tier 0 unless its first call came first. A function tier 0 declines is
    /// left to its first call (which compiles it with LLVM at O0, synchronously, and records why).
    fn compile_ahead(&self, g: FuncId, depth: u32) {
        if self.stopping.load(Ordering::Acquire) {
            return;
        }
        {
            // Never waits for the lock: its holder may be waiting for this worker (the synchronous LLVM compile
            // of a function tier 0 declines). A compile ahead that finds the lock taken is dropped; a later first
            // compile of a caller may queue it again.
            let _guard = match self.compile_lock.try_lock() {
                Ok(guard) => guard,
                Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => {
                    self.funcs[g.0 as usize].ahead_queued.store(false, Ordering::Release);
                    return;
                }
            };
            if !self.table.is_lazy(g.0 as usize) || self.compile_tier0(g).is_err() {
                return;
            }
        }
        self.compiled_ahead.fetch_add(1, Ordering::Relaxed);
        self.compile_callees_ahead(g, depth);
    }
}
