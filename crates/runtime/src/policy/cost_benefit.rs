//! Cost/benefit, Jikes-RVM-like: recompile at the tier that minimizes expected future time plus compile time.
//!
//! A function that has run for `t` is expected to run for another `t` (the past predicts the future). Moving it to
//! tier `k` costs `compile_k(size)` and makes it run `speedup_k` times faster, so the expected time at tier `k` is
//! `compile_k + t / speedup_k`. Compile rates (instructions per second) and speedups are learned from this process's
//! own compiles and counter rates; until measured they start from conservative defaults.

use super::{Decision, FuncView, TierPolicy};
use crate::versions::Tier;
use std::sync::Mutex;
use std::time::Duration;

/// Learned model state.
struct Model {
    /// Seconds per IR instruction to compile, per tier index.
    compile_secs_per_inst: [f64; 4],
    /// Speed relative to tier 0, per tier index.
    speedup: [f64; 4],
}

/// The cost/benefit policy.
pub struct CostBenefit {
    model: Mutex<Model>,
    /// Estimated seconds one counted event (a call or a back edge) takes in tier 0.
    secs_per_event: f64,
    calls: u64,
    loops: u64,
}

impl CostBenefit {
    /// A cost/benefit policy that first looks at a function after `calls` calls or `loops` back edges.
    pub fn new(calls: u64, loops: u64) -> Self {
        CostBenefit {
            model: Mutex::new(Model {
                compile_secs_per_inst: [2e-6, 10e-6, 60e-6, 90e-6],
                speedup: [1.0, 1.2, 3.0, 3.3],
            }),
            secs_per_event: 50e-9,
            calls: calls.max(1),
            loops: loops.max(1),
        }
    }
}

impl TierPolicy for CostBenefit {
    fn on_hot(&self, f: &FuncView) -> Decision {
        let m = self.model.lock().unwrap_or_else(|e| e.into_inner());
        let current = f.pending.map_or(f.tier, |p| p.max(f.tier));
        let past = (f.calls + f.back_edges) as f64 * self.secs_per_event / m.speedup[f.tier.index()];
        let future_now = past;
        let mut best = (future_now, None);
        for tier in [Tier::LlvmO2, Tier::LlvmO3] {
            if tier <= current {
                continue;
            }
            let cost = m.compile_secs_per_inst[tier.index()] * f64::from(f.size.max(1));
            let future = cost + past * m.speedup[f.tier.index()] / m.speedup[tier.index()];
            if future < best.0 {
                best = (future, Some(tier));
            }
        }
        // Look again after the function has run about as long again.
        Decision {
            compile: best.1,
            next_call_threshold: f.calls.saturating_mul(2).max(f.calls + self.calls),
            next_loop_threshold: self.loops.saturating_mul(4),
        }
    }

    fn on_compiled(&self, tier: Tier, size: u32, time: Duration) {
        let mut m = self.model.lock().unwrap_or_else(|e| e.into_inner());
        let measured = time.as_secs_f64() / f64::from(size.max(1));
        let slot = &mut m.compile_secs_per_inst[tier.index()];
        // Exponential moving average of the measured compile rate.
        *slot = 0.7 * *slot + 0.3 * measured;
    }

    fn name(&self) -> &'static str {
        "cost-benefit"
    }
}
