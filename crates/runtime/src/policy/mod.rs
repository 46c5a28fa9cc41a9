//! Tiering policies: when, and to which tier, a function is recompiled.
//!
//! The runtime feeds a [`TierPolicy`] events: a counter crossed its threshold ([`TierPolicy::on_hot`]), a sample
//! was taken ([`TierPolicy::on_sample`]), a compile finished with its measured time ([`TierPolicy::on_compiled`]).
//! The policy answers with the tier to compile next, if any, and the thresholds at which to ask again.

mod cost_benefit;
mod counting;
mod sampling;

pub use cost_benefit::CostBenefit;
pub use counting::Counting;
pub use sampling::Sampling;

use crate::versions::Tier;
use std::time::Duration;

/// What a policy sees of one function when deciding.
#[derive(Clone, Copy, Debug)]
pub struct FuncView {
    /// Index of the function in the module.
    pub index: u32,
    /// The tier its slot runs now.
    pub tier: Tier,
    /// A tier already requested and not yet installed.
    pub pending: Option<Tier>,
    /// Calls counted so far.
    pub calls: u64,
    /// Back edges counted so far.
    pub back_edges: u64,
    /// 0 when the entry counter fired, `1 + n` when loop `n`'s counter did.
    pub loop_index: u32,
    /// Number of IR instructions (a size estimate for compile cost).
    pub size: u32,
}

/// A policy's answer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Decision {
    /// Compile this tier in the background.
    pub compile: Option<Tier>,
    /// Ask again when the entry counter reaches this (`u64::MAX`: never).
    pub next_call_threshold: u64,
    /// Ask again when a loop counter reaches this.
    pub next_loop_threshold: u64,
}

/// One sample: the function that ran most since the previous sample, with its share of the counted events.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    /// The hottest function of the interval.
    pub hottest: FuncView,
}

/// Decides when functions move up.
pub trait TierPolicy: Send + Sync {
    /// A counter of `f` reached its threshold.
    fn on_hot(&self, f: &FuncView) -> Decision;
    /// The sampler recorded `s` (only sampling policies need samples).
    fn on_sample(&self, _s: &Sample) -> Option<Tier> {
        None
    }
    /// Whether this policy wants the sampler running.
    fn wants_samples(&self) -> bool {
        false
    }
    /// A compile of `size` IR instructions at `tier` took `time`.
    fn on_compiled(&self, _tier: Tier, _size: u32, _time: Duration) {}
    /// The policy's name (for stats).
    fn name(&self) -> &'static str;
}

/// The next tier after `t` on the usual ladder (tier 0 and LLVM O0 go to O2, O2 to O3).
pub fn next_tier(t: Tier) -> Option<Tier> {
    match t {
        Tier::Tier0 | Tier::LlvmO0 => Some(Tier::LlvmO2),
        Tier::LlvmO2 => Some(Tier::LlvmO3),
        Tier::LlvmO3 => None,
    }
}
