//! Fixed-address hotness counters read and written by instrumented code.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Per-function counters at fixed addresses: an entry counter and its threshold, and, allocated when the function
/// is first instrumented, one back-edge counter per loop with a shared loop threshold. Instrumented code updates
/// them with plain loads and stores: a lost increment between racing threads only delays a tier-up.
pub struct Counters {
    entry: Box<[AtomicU64]>,
    entry_threshold: Box<[AtomicU64]>,
    loop_threshold: Box<[AtomicU64]>,
    loops: Box<[OnceLock<Box<[AtomicU64]>>]>,
}

fn filled(n: usize, v: u64) -> Box<[AtomicU64]> {
    (0..n).map(|_| AtomicU64::new(v)).collect()
}

impl Counters {
    /// Counters for `n` functions with the given initial thresholds.
    pub fn new(n: usize, entry_threshold: u64, loop_threshold: u64) -> Self {
        Counters {
            entry: filled(n, 0),
            entry_threshold: filled(n, entry_threshold),
            loop_threshold: filled(n, loop_threshold),
            loops: (0..n).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Address of function `f`'s entry counter.
    pub fn entry_address(&self, f: u32) -> u64 {
        self.entry[f as usize].as_ptr() as u64
    }

    /// Address of function `f`'s entry threshold.
    pub fn entry_threshold_address(&self, f: u32) -> u64 {
        self.entry_threshold[f as usize].as_ptr() as u64
    }

    /// Address of function `f`'s loop threshold.
    pub fn loop_threshold_address(&self, f: u32) -> u64 {
        self.loop_threshold[f as usize].as_ptr() as u64
    }

    /// Addresses of `f`'s loop counters, allocating `count` of them on first use (later calls return the same
    /// counters, however many were asked for first).
    pub fn loop_addresses(&self, f: u32, count: usize) -> Vec<u64> {
        self.loops[f as usize].get_or_init(|| filled(count, 0)).iter().map(|c| c.as_ptr() as u64).collect()
    }

    /// Calls counted so far for `f`.
    pub fn calls(&self, f: u32) -> u64 {
        self.entry[f as usize].load(Ordering::Relaxed)
    }

    /// Sum of `f`'s back-edge counters.
    pub fn back_edges(&self, f: u32) -> u64 {
        self.loops[f as usize].get().map_or(0, |l| l.iter().map(|c| c.load(Ordering::Relaxed)).sum())
    }

    /// Back-edge counter `l` of `f` (0 if not allocated).
    pub fn back_edge(&self, f: u32, l: usize) -> u64 {
        self.loops[f as usize].get().and_then(|c| c.get(l)).map_or(0, |c| c.load(Ordering::Relaxed))
    }

    /// Sets the value `f`'s entry counter must reach to call the hook next.
    pub fn set_entry_threshold(&self, f: u32, value: u64) {
        self.entry_threshold[f as usize].store(value, Ordering::Relaxed);
    }

    /// Sets the value `f`'s loop counters must reach to call the hook next.
    pub fn set_loop_threshold(&self, f: u32, value: u64) {
        self.loop_threshold[f as usize].store(value, Ordering::Relaxed);
    }

    /// `f`'s entry threshold.
    pub fn entry_threshold(&self, f: u32) -> u64 {
        self.entry_threshold[f as usize].load(Ordering::Relaxed)
    }

    /// `f`'s loop threshold.
    pub fn loop_threshold(&self, f: u32) -> u64 {
        self.loop_threshold[f as usize].load(Ordering::Relaxed)
    }
}
