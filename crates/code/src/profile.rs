//! Profile records: per function, the words tier-0 code counts branch edges, `switch` destinations and
//! indirect-call targets in (the layout is `tierlift_tier0::profile`'s), and the routine that keeps an indirect
//! call site's most frequent targets.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Targets an indirect-call site keeps (pairs `[target, samples]`), followed by the target missed last and how
/// many times in a row it was.
const TARGETS: usize = 4;

/// Words of an indirect-call site.
const WORDS: usize = 2 * TARGETS + 2;

/// Words of an indirect-call site as the miss routine sees it (the translator's layout must agree).
pub const INDIRECT_CALL_SITE_WORDS: usize = WORDS;

/// A target sampled this many times in a row by the miss routine takes pair 0 (a phase of the program calls
/// it now).
const STREAK: u64 = 16;

/// Profile records of the functions of one module, each allocated when the function is first instrumented and
/// kept (with its counts) while the module lives, across its tier-0 compiles. Records start on a cache line of
/// their own.
pub struct ProfileRecords {
    records: Box<[OnceLock<Box<[Line]>>]>,
}

/// Eight words on a cache line of their own.
#[repr(C, align(64))]
#[derive(Default)]
struct Line([AtomicU64; 8]);

impl ProfileRecords {
    /// Records for `n` functions, none allocated yet.
    pub fn new(n: usize) -> Self {
        ProfileRecords { records: (0..n).map(|_| OnceLock::new()).collect() }
    }

    /// The address of `f`'s record, allocating `words` zeroed words on first use (later calls return the same
    /// record, however many words were asked for first).
    pub fn record(&self, f: u32, words: usize) -> u64 {
        let lines =
            self.records[f as usize].get_or_init(|| (0..words.div_ceil(8).max(1)).map(|_| Line::default()).collect());
        lines.as_ptr() as u64
    }

    /// A copy of `f`'s record (empty if it has none).
    pub fn snapshot(&self, f: u32) -> Vec<u64> {
        self.records[f as usize]
            .get()
            .map(|lines| lines.iter().flat_map(|l| l.0.iter().map(|w| w.load(Ordering::Relaxed))).collect())
            .unwrap_or_default()
    }
}

/// Counts one sample of `target` at an indirect-call site (`site` points at its `WORDS` words): instrumented
/// code calls it, behind a register-preserving entry (`crate::indirect_call_miss_address`), when a sampled
/// call's target is not the one in the site's pair 0.
///
/// A known target's count goes up, and a target that overtakes pair 0, or misses [`STREAK`] times in a row,
/// swaps into it (with its count), so the inline check in tier-0 code hits the most frequent target, or the one
/// the program calls now. An unknown one takes a free pair, or replaces the pair with the
/// smallest count and inherits that count plus one (the "space saving" rule: a target that keeps coming back
/// cannot be starved out by earlier ones; the counts always add up to the samples taken). Threads race on these
/// words without locks; the worst outcome is a blurred count.
pub(crate) extern "C" fn indirect_call_miss(site: *mut u64, target: u64) {
    // SAFETY: tier-0 code passes the address of a live site of the function's profile record, whose words are
    // `AtomicU64`s of `ProfileRecords` (8-aligned, `WORDS` of them from `site`): the record outlives every code
    // version that refers to it.
    let words = unsafe { std::slice::from_raw_parts(site as *const AtomicU64, WORDS) };
    record_target(words, target);
}

/// Counts one sample of `target`.
fn record_target(words: &[AtomicU64], target: u64) {
    let load = |i: usize| words[i].load(Ordering::Relaxed);
    let streak = if load(2 * TARGETS) == target { load(2 * TARGETS + 1) + 1 } else { 1 };
    words[2 * TARGETS].store(target, Ordering::Relaxed);
    words[2 * TARGETS + 1].store(streak, Ordering::Relaxed);
    let p = (0..TARGETS)
        .find(|&p| load(2 * p) == target || load(2 * p) == 0)
        .unwrap_or_else(|| (1..TARGETS).min_by_key(|&p| load(2 * p + 1)).unwrap_or(1));
    words[2 * p].store(target, Ordering::Relaxed);
    words[2 * p + 1].store(load(2 * p + 1) + 1, Ordering::Relaxed);
    if p != 0 && (load(2 * p + 1) > load(1) || streak >= STREAK) {
        words[2 * TARGETS + 1].store(0, Ordering::Relaxed);
        let (t0, c0) = (load(0), load(1));
        words[0].store(load(2 * p), Ordering::Relaxed);
        words[1].store(load(2 * p + 1), Ordering::Relaxed);
        words[2 * p].store(t0, Ordering::Relaxed);
        words[2 * p + 1].store(c0, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Vec<AtomicU64> {
        (0..WORDS).map(|_| AtomicU64::new(0)).collect()
    }

    #[test]
    fn the_most_frequent_target_moves_to_pair_zero() {
        let w = site();
        record_target(&w, 10);
        for _ in 0..5 {
            record_target(&w, 20);
        }
        assert_eq!(w[0].load(Ordering::Relaxed), 20);
        assert_eq!(w[1].load(Ordering::Relaxed), 5);
        assert_eq!(w[2].load(Ordering::Relaxed), 10);
        assert_eq!(w[3].load(Ordering::Relaxed), 1);
        let samples: u64 = (0..TARGETS).map(|p| w[2 * p + 1].load(Ordering::Relaxed)).sum();
        assert_eq!(samples, 6, "the counts add up to the samples");
    }

    #[test]
    fn a_returning_target_displaces_the_rarest() {
        let w = site();
        for t in 1..=4 {
            for _ in 0..t {
                record_target(&w, t * 100);
            }
        }
        // Pairs full: 400 (4), then 100 (1), 200 (2), 300 (3) in some order behind it.
        for _ in 0..10 {
            record_target(&w, 900);
        }
        assert_eq!(w[0].load(Ordering::Relaxed), 900, "the newcomer overtook everything");
        let targets: Vec<u64> = (0..TARGETS).map(|p| w[2 * p].load(Ordering::Relaxed)).collect();
        assert!(targets.contains(&400) && targets.contains(&300), "frequent targets stay: {targets:?}");
    }

    #[test]
    fn a_phase_of_one_target_takes_pair_zero() {
        let w = site();
        for _ in 0..1000 {
            record_target(&w, 10);
        }
        for _ in 0..STREAK {
            record_target(&w, 20);
        }
        assert_eq!(w[0].load(Ordering::Relaxed), 20);
        assert_eq!(w[1].load(Ordering::Relaxed), STREAK, "counts move with their targets");
        assert_eq!(w[2].load(Ordering::Relaxed), 10);
        assert_eq!(w[3].load(Ordering::Relaxed), 1000);
    }

    #[test]
    fn the_register_preserving_entry_reaches_the_routine() {
        let w = site();
        // SAFETY: the entry takes the C convention's first two integer registers and preserves every register,
        // so calling it as an `extern "C"` function is sound; `w` holds a site's `WORDS` atomic words.
        let miss: extern "C" fn(*mut u64, u64) = unsafe { std::mem::transmute(crate::indirect_call_miss_address()) };
        miss(w.as_ptr() as *mut u64, 77);
        miss(w.as_ptr() as *mut u64, 77);
        assert_eq!((w[0].load(Ordering::Relaxed), w[1].load(Ordering::Relaxed)), (77, 2));
    }

    #[test]
    fn records_are_zeroed_and_kept() {
        let r = ProfileRecords::new(2);
        let a = r.record(1, 20);
        assert_eq!(r.record(1, 3), a);
        assert_eq!(a % 64, 0);
        assert_eq!(r.snapshot(1).len(), 24);
        assert!(r.snapshot(1).iter().all(|&w| w == 0));
        assert!(r.snapshot(0).is_empty());
    }
}
