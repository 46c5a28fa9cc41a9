//! The sampling rule: a function in more than 50 of the last 100 samples goes straight to O3; a function that
//! crossed a counter threshold goes to the next level.

use super::{Decision, FuncView, Sample, TierPolicy, next_tier};
use crate::versions::Tier;
use std::collections::VecDeque;
use std::sync::Mutex;

/// Counting thresholds for the next level, plus a window of the last 100 samples for the jump to O3.
pub struct Sampling {
    calls: u64,
    loops: u64,
    window: Mutex<VecDeque<u32>>,
}

/// Samples kept.
pub const WINDOW: usize = 100;
/// More than this many samples in the window sends a function straight to O3.
pub const MAJORITY: usize = 50;

impl Sampling {
    /// A sampling policy whose counter thresholds for the next level are `calls` and `loops`.
    pub fn new(calls: u64, loops: u64) -> Self {
        Sampling { calls: calls.max(1), loops: loops.max(1), window: Mutex::new(VecDeque::with_capacity(WINDOW)) }
    }
}

impl TierPolicy for Sampling {
    fn on_hot(&self, f: &FuncView) -> Decision {
        let current = f.pending.map_or(f.tier, |p| p.max(f.tier));
        let compile = next_tier(current);
        Decision {
            compile,
            next_call_threshold: if compile.is_some() { f.calls.saturating_add(self.calls * 10) } else { u64::MAX },
            next_loop_threshold: if compile.is_some() { self.loops * 10 } else { u64::MAX },
        }
    }

    fn on_sample(&self, s: &Sample) -> Option<Tier> {
        let mut w = self.window.lock().unwrap_or_else(|e| e.into_inner());
        if w.len() == WINDOW {
            w.pop_front();
        }
        w.push_back(s.hottest.index);
        let hits = w.iter().filter(|&&i| i == s.hottest.index).count();
        let current = s.hottest.pending.map_or(s.hottest.tier, |p| p.max(s.hottest.tier));
        (hits > MAJORITY && current < Tier::LlvmO3).then_some(Tier::LlvmO3)
    }

    fn wants_samples(&self) -> bool {
        true
    }

    fn name(&self) -> &'static str {
        "sampling"
    }
}
