//! Collecting a module's [`Stats`](crate::Stats) snapshot (the types themselves are in `crate::stats`).

use super::Inner;
use crate::stats::{FunctionStats, PerTier, Stats};
use std::sync::atomic::Ordering;
use tierlift_ir::FuncId;

impl Inner {
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

    pub(super) fn stats(&self) -> Stats {
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
                indirect_call_samples: self.profiles.indirect_call_samples(f),
                compile_us: PerTier::from_fn(|t| times[t.index()].map(|d| d.as_secs_f64() * 1e6)),
                installed_at_us: v.installed_at.as_secs_f64() * 1e6,
                installs: st.installs.load(Ordering::Relaxed),
                failures: st.failures.lock().unwrap_or_else(|e| e.into_inner()).clone(),
                osr: self.osr_stats(f),
                tierup_latency_us: {
                    let requested = *st.requested_at.lock().unwrap_or_else(|e| e.into_inner());
                    let installed = *st.installed_at.lock().unwrap_or_else(|e| e.into_inner());
                    PerTier::from_fn(|t| {
                        let asked = requested[t.index()]?;
                        let done = installed[t.index()]?;
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
            withdrawn_requests: self.withdrawn.load(Ordering::Relaxed),
            compiled_ahead: self.compiled_ahead.load(Ordering::Relaxed),
            virtual_table_entries: self.table.code_word_count(),
            reclaim: self.workers.reclaim_stats(),
            batched_versions: self.workers.batched_versions(),
            llvm_setup_us: self.workers.setup_time().as_secs_f64() * 1e6,
        }
    }
}
