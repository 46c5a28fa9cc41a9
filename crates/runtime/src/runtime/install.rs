//! Installing a compiled version: its record, then one release store to the function's slot, then the superseded
//! version handed to the engine to free (see `reclaim`); and the synchronous LLVM compile that installs its result.

use super::Inner;
use crate::versions::{Tier, Version};
use crate::workers::{Built, JobResult};
use crate::{Error, Result};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tierlift_ir::FuncId;

impl Inner {
    /// Compiles with LLVM on a worker and waits; installs the result (over any tier when `force`). Returns the
    /// version in the slot afterwards: hold it while its address is in use, so that it is not freed meanwhile.
    pub(crate) fn compile_sync(&self, f: FuncId, tier: Tier, force: bool) -> Result<Arc<Version>> {
        self.compile_sync_job(f, tier, force, self.llvm_job(f, tier))
    }

    /// [`Self::compile_sync`] of a job made by `llvm_job` and adjusted.
    pub(super) fn compile_sync_job(
        &self,
        f: FuncId,
        tier: Tier,
        force: bool,
        job: crate::workers::Job,
    ) -> Result<Arc<Version>> {
        self.check_allowed(f)?;
        let JobResult { result, time, .. } = self.workers.run_now(job);
        match result {
            Ok(built) => {
                let version = self.install(f, tier, built, time, force);
                self.policy.on_compiled(tier, self.size(f), time);
                Ok(version)
            }
            Err(reason) if reason == crate::workers::STOPPED => Err(Error::Stopped),
            Err(reason) => Err(Error::Compile { function: self.fname(f).to_string(), reason }),
        }
    }

    /// Installs new code: the version record first, then one release store to the slot. Unless `force`, never
    /// replaces a higher tier by a lower one (the new code is then freed at once: nothing ever ran it). Returns
    /// the version in the slot afterwards.
    pub(super) fn install(
        &self,
        f: FuncId,
        tier: Tier,
        built: Built,
        compile_time: Duration,
        force: bool,
    ) -> Arc<Version> {
        let st = &self.funcs[f.0 as usize];
        let installing = st.installing.lock().unwrap_or_else(|e| e.into_inner());
        if !force && let Some(current) = st.version.load_full().filter(|v| v.tier >= tier) {
            drop(installing);
            self.discard(built);
            return current;
        }
        st.compile_times.lock().unwrap_or_else(|e| e.into_inner())[tier.index()] = Some(compile_time);
        let installed_at = self.loaded_at.elapsed();
        let entry = match tier {
            Tier::Tier0 => self.table.counting_entry(f.0 as usize).unwrap_or(built.address),
            _ => built.address,
        };
        let version = Arc::new(Version {
            tier,
            address: built.address,
            entry,
            code_size: built.size,
            compile_time,
            installed_at,
            code: built.code,
        });
        st.by_tier.lock().unwrap_or_else(|e| e.into_inner())[tier.index()] = Some(Arc::downgrade(&version));
        st.installed_at.lock().unwrap_or_else(|e| e.into_inner())[tier.index()] = Some(installed_at);
        self.publish_locked(f, Arc::clone(&version), installing);
        version
    }

    /// Puts `version` (new, or one `force_tier` takes up again) in the function's slot, and hands the version it
    /// replaces to the engine to free.
    pub(super) fn publish(&self, f: FuncId, version: Arc<Version>) {
        let installing = self.funcs[f.0 as usize].installing.lock().unwrap_or_else(|e| e.into_inner());
        self.publish_locked(f, version, installing);
    }

    /// `publish`, with the function's install lock held (released before the old version goes to the engine).
    fn publish_locked(&self, f: FuncId, version: Arc<Version>, installing: std::sync::MutexGuard<'_, ()>) {
        let st = &self.funcs[f.0 as usize];
        if version.tier != Tier::Tier0 {
            self.profiles.close_window(f, self.counters.calls(f.0));
        }
        // Counted before the version is published: whoever sees the new tier sees its install counted.
        st.installs.fetch_add(1, Ordering::Relaxed);
        let tier = version.tier;
        if version.entry != version.address {
            self.counters.set_entry_target(f.0, version.address);
        }
        let old = st.version.swap(Some(Arc::clone(&version)));
        self.table.install(f.0 as usize, self.slot_value(f, &version));
        drop(installing);
        let (function, tier_name) = (self.fname(f).to_string(), tier.name().to_string());
        self.observe.events.record(crate::trace::EventKind::Install { function, tier: tier_name });
        if let Some(old) = old.filter(|old| !Arc::ptr_eq(old, &version)) {
            // After the slot store: from now on no call reaches the old code.
            let kept = if self.free_code { self.workers.retire(old, self.config.free_code_eagerly) } else { Some(old) };
            if let Some(old) = kept {
                let tier = old.tier.index();
                st.kept.lock().unwrap_or_else(|e| e.into_inner())[tier] = Some(old);
            }
        }
    }

    /// What `f`'s slot holds while `version` runs: its entry, or its code itself when its calls are counted in
    /// front of it and nothing reads the count any more (a silenced counter).
    fn slot_value(&self, f: FuncId, version: &Version) -> usize {
        if version.entry != version.address && self.counters.is_silent(f.0) { version.address } else { version.entry }
    }

    /// `f`'s counters were just silenced: calls that a counting entry counts in front of its tier-0 code go
    /// straight to the code from now on.
    pub(super) fn skip_counting_entry(&self, f: FuncId) {
        let st = &self.funcs[f.0 as usize];
        let _installing = st.installing.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(version) = st.version.load_full() {
            self.table.install(f.0 as usize, self.slot_value(f, &version));
        }
    }

    /// Frees code that was compiled but never installed.
    fn discard(&self, built: Built) {
        if let Some(code) = built.code {
            code.free(built.address);
        }
    }
}
