//! Fixed thresholds per tier, HotSpot-like.

use super::{Decision, FuncView, TierPolicy, next_tier};
use crate::versions::Tier;

/// Promote to O2 after `calls` calls or `loops` back edges; to O3 after `o3_factor` times as many.
#[derive(Clone, Debug)]
pub struct Counting {
    /// Calls before O2.
    pub calls: u64,
    /// Back edges (of one loop) before O2.
    pub loops: u64,
    /// How many times more events O3 needs than O2.
    pub o3_factor: u64,
}

impl Counting {
    /// A counting policy with the given O2 thresholds and O3 at 10× them.
    pub fn new(calls: u64, loops: u64) -> Self {
        Counting { calls: calls.max(1), loops: loops.max(1), o3_factor: 10 }
    }
}

impl TierPolicy for Counting {
    fn on_hot(&self, f: &FuncView) -> Decision {
        let current = f.pending.map_or(f.tier, |p| p.max(f.tier));
        let Some(next) = next_tier(current) else {
            return Decision { compile: None, next_call_threshold: u64::MAX, next_loop_threshold: u64::MAX };
        };
        let (calls, loops) = if next == Tier::LlvmO3 {
            (self.calls.saturating_mul(self.o3_factor), self.loops.saturating_mul(self.o3_factor))
        } else {
            (self.calls, self.loops)
        };
        // The first crossing compiles O2; the thresholds then move to the O3 level.
        Decision {
            compile: Some(next),
            next_call_threshold: f.calls.saturating_add(calls.saturating_mul(self.o3_factor)),
            next_loop_threshold: loops.saturating_mul(self.o3_factor),
        }
    }

    fn name(&self) -> &'static str {
        "counting"
    }
}
