//! Fixed-address hotness counters read and written by instrumented code.

use crate::entry_planes::{EntryPlanes, LINE_WORDS, Line};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Per-function counters at fixed addresses: an entry counter and its threshold, and, allocated when the function
/// is first instrumented, one record per loop. Instrumented code updates them with plain loads and stores: a lost
/// increment between racing threads only delays a tier-up.
///
/// A threshold word of [`SILENT`] silences its counter: instrumented code compares, finds nothing to do and writes
/// nothing (see [`Counters::silence`]). The setters never store it by accident (a threshold of 0 acts as 1) and
/// the getters report a silenced threshold as `u64::MAX` (never).
///
/// Each function's entry counter and threshold, and each loop record, has a cache line of its own, so threads
/// running different functions (or loops) never write to one line.
///
/// An entry line's words 2–6 serve the function's counting entry, if it has one (see `entry_counts`): its
/// process-wide id, the code the entry jumps to, the entry's rare path, and where its shards are. A counting
/// entry counts in the shard of the calling thread (so threads running one function write different lines);
/// code that counts calls itself (LLVM code, tier-0 code without a counting entry) counts in word 0.
///
/// A loop record starts with four `u64` words: the back-edge counter, its threshold, the address of the loop's
/// on-stack-replacement entry (0 until one is installed), and how many times that entry was taken.
pub struct Counters {
    /// Per function: the entry line (word 0 the entry counter, word 1 its threshold) and its shards.
    entry: EntryPlanes,
    loop_threshold: u64,
    loops: Box<[OnceLock<Box<[Line]>>]>,
}

/// The threshold word's value that silences a counter: instrumented code neither counts nor calls the hook.
pub const SILENT: u64 = 0;

/// Words per loop record (one cache line).
pub const LOOP_RECORD_WORDS: usize = LINE_WORDS;

impl Line {
    fn new(first: u64, second: u64) -> Self {
        let mut words: [AtomicU64; LINE_WORDS] = Default::default();
        *words[0].get_mut() = first;
        *words[1].get_mut() = second;
        Line(words)
    }
}

impl Counters {
    /// Counters for `n` functions with the given initial thresholds.
    pub fn new(n: usize, entry_threshold: u64, loop_threshold: u64) -> Self {
        let entry = EntryPlanes::new(n);
        for f in 0..n {
            entry.line(f).0[1].store(entry_threshold.max(1), Ordering::Relaxed);
        }
        Counters { entry, loop_threshold: loop_threshold.max(1), loops: (0..n).map(|_| OnceLock::new()).collect() }
    }

    /// Address of function `f`'s entry counter.
    pub fn entry_address(&self, f: u32) -> u64 {
        self.entry.line(f as usize).0[0].as_ptr() as u64
    }

    /// Makes `f`'s entry line ready for a counting entry: the function's process-wide id and the rare path.
    pub(crate) fn prepare_counting_entry(&self, f: u32, id: u32) {
        let line = &self.entry.line(f as usize).0;
        line[crate::entry_counts::ID_WORD].store(u64::from(id), Ordering::Relaxed);
        line[crate::entry_counts::RARE_WORD].store(crate::entry_counts::rare_path_address() as u64, Ordering::Relaxed);
        line[crate::entry_counts::PLANE_WORD].store(u64::from(self.entry.plane_shift()), Ordering::Relaxed);
    }

    /// log2 of the distance from an entry line to its first shard, if a counting entry can reach the shards.
    pub fn entry_plane_shift(&self) -> Option<u32> {
        self.entry.reachable().then(|| self.entry.plane_shift())
    }

    /// Sets the code `f`'s counting entry jumps to (one release store): do it before the entry goes into the
    /// function's slot. `code` must follow the function's ABI and stay mapped while the entry may jump to it.
    pub fn set_entry_target(&self, f: u32, code: usize) {
        self.entry.line(f as usize).0[crate::entry_counts::TARGET_WORD].store(code as u64, Ordering::Release);
    }

    /// Address of function `f`'s entry threshold.
    pub fn entry_threshold_address(&self, f: u32) -> u64 {
        self.entry.line(f as usize).0[1].as_ptr() as u64
    }

    /// Addresses of `f`'s loop records, allocating `count` of them on first use (later calls return the same
    /// records, however many were asked for first).
    pub fn loop_records(&self, f: u32, count: usize) -> Vec<u64> {
        let lines =
            self.loops[f as usize].get_or_init(|| (0..count).map(|_| Line::new(0, self.loop_threshold)).collect());
        lines.iter().map(|l| l.0[0].as_ptr() as u64).collect()
    }

    fn loop_word(&self, f: u32, l: usize, w: usize) -> Option<&AtomicU64> {
        self.loops[f as usize].get().and_then(|c| c.get(l)).map(|line| &line.0[w])
    }

    /// Number of loop records of `f`.
    pub fn loop_count(&self, f: u32) -> usize {
        self.loops[f as usize].get().map_or(0, |c| c.len())
    }

    /// Calls counted so far for `f` (by its counting entry's shards and by the code's own counting).
    pub fn calls(&self, f: u32) -> u64 {
        let f = f as usize;
        crate::entry_counts::total_calls(self.entry.line(f), |s| self.entry.shard(f, s))
    }

    /// Which shards of `f`'s entry counter its counting entry has counted in (bit `s` for shard `s`): how many
    /// threads' stacks (or stack regions) called it through the entry, up to collisions.
    pub fn entry_shards_in_use(&self, f: u32) -> u64 {
        self.entry.line(f as usize).0[crate::entry_counts::MASK_WORD].load(Ordering::Relaxed)
    }

    /// Sum of `f`'s back-edge counters.
    pub fn back_edges(&self, f: u32) -> u64 {
        (0..self.loop_count(f)).map(|l| self.back_edge(f, l)).sum()
    }

    /// Back-edge counter of loop `l` of `f` (0 if not allocated).
    pub fn back_edge(&self, f: u32, l: usize) -> u64 {
        self.loop_word(f, l, 0).map_or(0, |c| c.load(Ordering::Relaxed))
    }

    /// Sets the value `f`'s entry counter must reach to call the hook next (and makes it count again if it was
    /// silenced). A counting entry's shards look at a new threshold when they next run out of calls (at most
    /// [`crate::MAX_GRANT`] calls each): set from the hook, it applies to the shard that called it at once.
    pub fn set_entry_threshold(&self, f: u32, value: u64) {
        self.entry.line(f as usize).0[1].store(value.max(1), Ordering::Relaxed);
    }

    /// `f`'s entry threshold (`u64::MAX` once silenced).
    pub fn entry_threshold(&self, f: u32) -> u64 {
        audible(self.entry.line(f as usize).0[1].load(Ordering::Relaxed))
    }

    /// Sets the value loop `l`'s counter must reach to call the hook next (and makes it count again if it was
    /// silenced).
    pub fn set_loop_threshold(&self, f: u32, l: usize, value: u64) {
        if let Some(w) = self.loop_word(f, l, 1) {
            w.store(value.max(1), Ordering::Relaxed);
        }
    }

    /// The value loop `l`'s counter must reach to call the hook next (`u64::MAX` once silenced or when `l` has
    /// no record).
    pub fn loop_threshold(&self, f: u32, l: usize) -> u64 {
        self.loop_word(f, l, 1).map_or(u64::MAX, |c| audible(c.load(Ordering::Relaxed)))
    }

    /// Silences `f`'s entry and loop counters for good, or until a threshold is set again: for a function that
    /// nothing will compile, whose counts nobody reads any more. Instrumented code then only loads and compares
    /// (no store: the counter's cache line stays shared and clean across threads, and no store-to-load chain runs
    /// through a loop), and the counts stay where they are. Loop records allocated later start counting.
    pub fn silence(&self, f: u32) {
        self.entry.line(f as usize).0[1].store(SILENT, Ordering::Relaxed);
        for l in 0..self.loop_count(f) {
            if let Some(w) = self.loop_word(f, l, 1) {
                w.store(SILENT, Ordering::Relaxed);
            }
        }
    }

    /// Whether `f`'s entry counter is silenced.
    pub fn is_silent(&self, f: u32) -> bool {
        self.entry.line(f as usize).0[1].load(Ordering::Relaxed) == SILENT
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

/// A threshold word as the runtime sees it: a silenced one never fires.
fn audible(word: u64) -> u64 {
    if word == SILENT { u64::MAX } else { word }
}
