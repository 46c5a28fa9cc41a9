//! Installing a compiled version: its record, then one release store to the function's slot; and the
//! synchronous LLVM compile that installs its result.

use super::Inner;
use crate::versions::{Tier, Version};
use crate::workers::JobResult;
use crate::{Error, Result};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tierlift_ir::FuncId;

impl Inner {
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
    pub(super) fn install(&self, f: FuncId, tier: Tier, address: usize, compile_time: Duration, force: bool) {
        let st = &self.funcs[f.0 as usize];
        if !force && st.tier().is_some_and(|t| t >= tier) {
            return;
        }
        st.compile_times.lock().unwrap_or_else(|e| e.into_inner())[tier.index()] = Some(compile_time);
        let version = Arc::new(Version { tier, address, compile_time, installed_at: self.loaded_at.elapsed() });
        st.by_tier.lock().unwrap_or_else(|e| e.into_inner())[tier.index()] = Some(version.clone());
        if tier != Tier::Tier0 {
            self.profiles.close_window(f, self.counters.calls(f.0));
        }
        // Counted before the version is published: whoever sees the new tier sees its install counted.
        st.installs.fetch_add(1, Ordering::Relaxed);
        st.version.store(Some(version));
        self.table.install(f.0 as usize, address);
        let (function, tier) = (self.fname(f).to_string(), tier.name().to_string());
        self.observe.events.record(crate::trace::EventKind::Install { function, tier });
    }
}
