//! The sampler of the sampling policy: every interval it finds the function whose counters grew most since the
//! previous sample and reports it to the policy.

use crate::policy::Sample;
use crate::runtime::Inner;
use std::sync::Weak;
use std::sync::atomic::Ordering;
use tierlift_ir::FuncId;

pub(crate) fn spawn(inner: Weak<Inner>) -> std::thread::JoinHandle<()> {
    let builder = std::thread::Builder::new().name("tierlift-sampler".into());
    tierlift_code::program_threads::spawn_own(builder, move || run(&inner)).expect("spawn sampler")
}

fn run(weak: &Weak<Inner>) {
    tierlift_code::block_async_signals_on_this_thread();
    let mut last: Vec<u64> = Vec::new();
    loop {
        let Some(inner) = weak.upgrade() else { return };
        if inner.stopping.load(Ordering::Acquire) {
            return;
        }
        let interval = inner.config.sample_interval;
        let n = inner.funcs.len();
        last.resize(n, 0);
        let mut best: Option<(u64, usize)> = None;
        for (i, slot) in last.iter_mut().enumerate() {
            let now = inner.counters.calls(i as u32) + inner.counters.back_edges(i as u32);
            let delta = now.saturating_sub(*slot);
            *slot = now;
            if delta > 0 && best.is_none_or(|(d, _)| delta > d) {
                best = Some((delta, i));
            }
        }
        if let Some((_, i)) = best
            && let Some(view) = inner.view(FuncId(i as u32), 0)
            && let Some(tier) = inner.policy.on_sample(&Sample { hottest: view })
        {
            inner.request(FuncId(i as u32), tier);
        }
        drop(inner);
        std::thread::sleep(interval);
    }
}
