//! Fixed-address hotness counters read and written by tier-0 code.

use std::sync::atomic::{AtomicU64, Ordering};

/// Per-function counters at fixed addresses: for function `i`, an entry counter, a threshold, and a block of
/// back-edge counters. Tier-0 code increments them with plain (non-atomic) loads and stores, which is a benign race:
/// a lost increment only delays a tier-up.
pub struct Counters {
    entry: Box<[AtomicU64]>,
    threshold: Box<[AtomicU64]>,
    loops: Box<[AtomicU64]>,
    loop_base: Box<[u32]>,
}

impl Counters {
    /// Counters for functions with `loops_per_function[i]` back-edge counters each; thresholds start at `threshold`.
    pub fn new(loops_per_function: &[u32], threshold: u64) -> Self {
        let n = loops_per_function.len();
        let mut loop_base = Vec::with_capacity(n);
        let mut total = 0u32;
        for &l in loops_per_function {
            loop_base.push(total);
            total += l;
        }
        let zeroed = |len: usize| (0..len).map(|_| AtomicU64::new(0)).collect::<Box<[_]>>();
        Counters {
            entry: zeroed(n),
            threshold: (0..n).map(|_| AtomicU64::new(threshold)).collect(),
            loops: zeroed(total as usize),
            loop_base: loop_base.into(),
        }
    }

    /// Address of function `f`'s entry counter.
    pub fn entry_address(&self, f: u32) -> usize {
        self.entry[f as usize].as_ptr() as usize
    }

    /// Address of function `f`'s current threshold.
    pub fn threshold_address(&self, f: u32) -> usize {
        self.threshold[f as usize].as_ptr() as usize
    }

    /// Address of back-edge counter `l` of function `f`.
    pub fn loop_address(&self, f: u32, l: u32) -> usize {
        self.loops[(self.loop_base[f as usize] + l) as usize].as_ptr() as usize
    }

    /// Calls counted so far for `f`.
    pub fn calls(&self, f: u32) -> u64 {
        self.entry[f as usize].load(Ordering::Relaxed)
    }

    /// Sum of `f`'s back-edge counters.
    pub fn back_edges(&self, f: u32) -> u64 {
        let base = self.loop_base[f as usize] as usize;
        let end = self.loop_base.get(f as usize + 1).map_or(self.loops.len(), |&e| e as usize);
        self.loops[base..end].iter().map(|c| c.load(Ordering::Relaxed)).sum()
    }

    /// Back-edge counter `l` of `f`.
    pub fn back_edge(&self, f: u32, l: u32) -> u64 {
        self.loops[(self.loop_base[f as usize] + l) as usize].load(Ordering::Relaxed)
    }

    /// Sets the threshold at which `f`'s counters next call the hotness hook.
    pub fn set_threshold(&self, f: u32, value: u64) {
        self.threshold[f as usize].store(value, Ordering::Relaxed);
    }

    /// Current threshold of `f`.
    pub fn threshold(&self, f: u32) -> u64 {
        self.threshold[f as usize].load(Ordering::Relaxed)
    }
}
