//! Fixed-address hotness counters read and written by instrumented code.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Per-function counters at fixed addresses: an entry counter and its threshold, and, allocated when the function
/// is first instrumented, one record per loop. Instrumented code updates them with plain loads and stores: a lost
/// increment between racing threads only delays a tier-up.
///
/// A loop record is four `u64` words: the back-edge counter, its threshold, the address of the loop's
/// on-stack-replacement entry (0 until one is installed), and how many times that entry was taken.
pub struct Counters {
    entry: Box<[AtomicU64]>,
    entry_threshold: Box<[AtomicU64]>,
    loop_threshold: u64,
    loops: Box<[OnceLock<Box<[AtomicU64]>>]>,
}

/// Words per loop record.
pub const LOOP_RECORD_WORDS: usize = 4;

fn filled(n: usize, v: u64) -> Box<[AtomicU64]> {
    (0..n).map(|_| AtomicU64::new(v)).collect()
}

impl Counters {
    /// Counters for `n` functions with the given initial thresholds.
    pub fn new(n: usize, entry_threshold: u64, loop_threshold: u64) -> Self {
        Counters {
            entry: filled(n, 0),
            entry_threshold: filled(n, entry_threshold),
            loop_threshold,
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

    /// Addresses of `f`'s loop records, allocating `count` of them on first use (later calls return the same
    /// records, however many were asked for first).
    pub fn loop_records(&self, f: u32, count: usize) -> Vec<u64> {
        let words = self.loops[f as usize].get_or_init(|| {
            (0..count * LOOP_RECORD_WORDS)
                .map(|i| AtomicU64::new(if i % LOOP_RECORD_WORDS == 1 { self.loop_threshold } else { 0 }))
                .collect()
        });
        words.iter().step_by(LOOP_RECORD_WORDS).map(|c| c.as_ptr() as u64).collect()
    }

    fn loop_word(&self, f: u32, l: usize, w: usize) -> Option<&AtomicU64> {
        self.loops[f as usize].get().and_then(|c| c.get(l * LOOP_RECORD_WORDS + w))
    }

    /// Number of loop records of `f`.
    pub fn loop_count(&self, f: u32) -> usize {
        self.loops[f as usize].get().map_or(0, |c| c.len() / LOOP_RECORD_WORDS)
    }

    /// Calls counted so far for `f`.
    pub fn calls(&self, f: u32) -> u64 {
        self.entry[f as usize].load(Ordering::Relaxed)
    }

    /// Sum of `f`'s back-edge counters.
    pub fn back_edges(&self, f: u32) -> u64 {
        (0..self.loop_count(f)).map(|l| self.back_edge(f, l)).sum()
    }

    /// Back-edge counter of loop `l` of `f` (0 if not allocated).
    pub fn back_edge(&self, f: u32, l: usize) -> u64 {
        self.loop_word(f, l, 0).map_or(0, |c| c.load(Ordering::Relaxed))
    }

    /// Sets the value `f`'s entry counter must reach to call the hook next.
    pub fn set_entry_threshold(&self, f: u32, value: u64) {
        self.entry_threshold[f as usize].store(value, Ordering::Relaxed);
    }

    /// `f`'s entry threshold.
    pub fn entry_threshold(&self, f: u32) -> u64 {
        self.entry_threshold[f as usize].load(Ordering::Relaxed)
    }

    /// Sets the value loop `l`'s counter must reach to call the hook next.
    pub fn set_loop_threshold(&self, f: u32, l: usize, value: u64) {
        if let Some(w) = self.loop_word(f, l, 1) {
            w.store(value, Ordering::Relaxed);
        }
    }

    /// The value loop `l`'s counter must reach to call the hook next.
    pub fn loop_threshold(&self, f: u32, l: usize) -> u64 {
        self.loop_word(f, l, 1).map_or(u64::MAX, |c| c.load(Ordering::Relaxed))
    }

    /// Sets every loop threshold of `f`.
    pub fn set_all_loop_thresholds(&self, f: u32, value: u64) {
        for l in 0..self.loop_count(f) {
            self.set_loop_threshold(f, l, value);
        }
    }

    /// Installs the OSR entry of loop `l` (one release store; the code must be executable).
    pub fn set_osr_entry(&self, f: u32, l: usize, address: u64) {
        if let Some(w) = self.loop_word(f, l, 2) {
            w.store(address, Ordering::Release);
        }
    }

    /// The OSR entry of loop `l` (0 if none).
    pub fn osr_entry(&self, f: u32, l: usize) -> u64 {
        self.loop_word(f, l, 2).map_or(0, |c| c.load(Ordering::Acquire))
    }

    /// How many times frames entered loop `l`'s OSR entry.
    pub fn osr_taken(&self, f: u32, l: usize) -> u64 {
        self.loop_word(f, l, 3).map_or(0, |c| c.load(Ordering::Relaxed))
    }
}
