//! Profile-guided compiles: where tier-0 code of each function counts its branch edges, `switch` destinations
//! and indirect-call targets (`tierlift_tier0::profile` lays the record out, `tierlift_code::ProfileRecords`
//! holds it), and how the counts become the profiles an O2/O3 job carries.

use std::sync::OnceLock;

use tierlift_code::{ProfileRecords, STUB_SIZE};
use tierlift_ir::FuncId;
use tierlift_llvm::{FunctionProfile, SiteProfile};
use tierlift_tier0::profile::{
    INDIRECT_CALL_SAMPLE_PERIOD, INDIRECT_CALL_TARGETS, ProfileLayout, ProfileProbe, SiteKind,
};

/// Indirect-call targets below this share of a site's calls are not worth a body in the job.
const HOT_TARGET_PERCENT: u64 = 20;

/// A loop whose branches say it ran fewer trips than this per entry gets no weights on them.
const LONG_LOOP_TRIPS: u64 = 64;

/// A site needs this many calls before its targets count.
const MIN_SITE_CALLS: u64 = 64;

/// A site sampled fewer times than this names no targets (a share of a handful of samples says little).
const MIN_SITE_SAMPLES: u64 = 4;

/// The profile records and layouts of one module's functions.
pub(crate) struct Profiles {
    records: ProfileRecords,
    layouts: Box<[OnceLock<ProfileLayout>]>,
    /// Per function, its calls when its first LLVM version was installed: the entry count of the window in
    /// which tier-0 code counted (LLVM code counts calls too, but not branches).
    entries: Box<[OnceLock<u64>]>,
    /// Per function, set when tier 0 declined it: its LLVM O0 code records indirect-call targets in its record,
    /// and counts no branch.
    declined: Box<[OnceLock<()>]>,
}

impl Profiles {
    /// Room for `n` functions; nothing allocated until a function is instrumented.
    pub(crate) fn new(n: usize) -> Self {
        Profiles {
            records: ProfileRecords::new(n),
            layouts: (0..n).map(|_| OnceLock::new()).collect(),
            entries: (0..n).map(|_| OnceLock::new()).collect(),
            declined: (0..n).map(|_| OnceLock::new()).collect(),
        }
    }

    /// `f`'s first code that does not count branches was installed after `calls` calls: the profile's window ends.
    pub(crate) fn close_window(&self, f: FuncId, calls: u64) {
        let _ = self.entries[f.0 as usize].set(calls);
    }

    /// The indirect calls of `f` and their words in its record: where the LLVM O0 code of a function tier 0
    /// declined records targets (instruction index, address). Empty if `f` has no record.
    pub(crate) fn indirect_call_sites(&self, f: FuncId) -> Vec<(u32, u64)> {
        let Some(layout) = self.layouts[f.0 as usize].get() else { return Vec::new() };
        let record = self.records.record(f.0, layout.words as usize);
        layout
            .sites
            .iter()
            .filter(|s| s.kind == SiteKind::IndirectCall)
            .map(|s| (s.inst, record + 8 * u64::from(s.offset)))
            .collect()
    }

    /// The samples `f`'s indirect-call sites took, summed over the targets they remember (0 without a record).
    pub(crate) fn indirect_call_samples(&self, f: FuncId) -> u64 {
        let Some(layout) = self.layouts[f.0 as usize].get() else { return 0 };
        let words = self.records.snapshot(f.0);
        let sites = layout.sites.iter().filter(|s| s.kind == SiteKind::IndirectCall);
        sites.flat_map(|s| site_samples(&words, s.offset)).map(|(_, samples)| samples).sum()
    }

    /// Tier 0 declined `f`: its record holds only what its O0 code records (indirect-call targets).
    pub(crate) fn declined(&self, f: FuncId) {
        let _ = self.declined[f.0 as usize].set(());
    }

    /// `f`'s layout, if tier-0 code of `f` counts in its record.
    fn counted_layout(&self, f: FuncId) -> Option<&ProfileLayout> {
        self.layouts[f.0 as usize].get().filter(|_| self.declined[f.0 as usize].get().is_none())
    }

    /// `f`'s calls during its profile's window, given its calls so far.
    fn window_entries(&self, f: FuncId, calls: u64) -> u64 {
        self.entries[f.0 as usize].get().copied().unwrap_or(calls)
    }

    /// Where tier-0 code of `f` (whose IR is `body`) counts: its record, allocated on first use.
    pub(crate) fn probe(&self, f: FuncId, body: &tierlift_ir::Function) -> ProfileProbe {
        let layout = self.layouts[f.0 as usize].get_or_init(|| ProfileLayout::of(body)).clone();
        ProfileProbe {
            record: self.records.record(f.0, layout.words as usize),
            indirect_call_miss: tierlift_code::indirect_call_miss_address() as u64,
            layout,
        }
    }

    /// The functions `f` called directly while its tier-0 code counted, with how often (estimated from its block
    /// counts), most first; `None` if it never ran instrumented. Calls of itself are left out.
    pub(crate) fn callees_by_calls(&self, f: FuncId, calls: u64, headers: &[u64]) -> Option<Vec<(FuncId, u64)>> {
        let layout = self.counted_layout(f)?;
        let words = self.records.snapshot(f.0);
        let calls = layout.call_counts(self.window_entries(f, calls), &words, headers);
        Some(
            calls
                .into_iter()
                .filter_map(|(s, n)| match s {
                    tierlift_ir::Symbol::Func(g) if g != f => Some((g, n)),
                    _ => None,
                })
                .collect(),
        )
    }

    /// What tier 0 counted of `f` so far (for a function tier 0 declined, the targets its O0 code recorded), named
    /// `name`, with `calls` calls and its loop headers run `headers` times; `None` if it never ran instrumented. Indirect-call targets are stub addresses; `target` names those
    /// of the module. A branch whose edges the counts do not determine gets no weights.
    pub(crate) fn read(
        &self,
        f: FuncId,
        name: &str,
        calls: u64,
        headers: &[u64],
        target: impl Fn(u64) -> Option<String>,
    ) -> Option<FunctionProfile> {
        // A declined function's LLVM O0 code records the target of every indirect call, and nothing else.
        let declined = self.declined[f.0 as usize].get().is_some();
        let layout = self.layouts[f.0 as usize].get()?;
        let words = self.records.snapshot(f.0);
        let entries = self.window_entries(f, calls);
        let (branches, blocks) = if declined {
            (Vec::new(), Vec::new())
        } else {
            let solution = layout.solve(entries, &words, headers);
            (solution.branches, solution.blocks)
        };
        let period = if declined { 1 } else { INDIRECT_CALL_SAMPLE_PERIOD };
        let mut branches = branches.into_iter();
        let word = |i: u32| words.get(i as usize).copied().unwrap_or(0);
        let sites = layout
            .sites
            .iter()
            .map(|s| match s.kind {
                SiteKind::Branch { .. } => {
                    let (taken, not_taken) = branches.next().flatten().unwrap_or((0, 0));
                    // A loop that looked short keeps LLVM's own trip-count estimate: tier 0 saw only the first
                    // part of the run, and an early short trip count talks the vectorizer and the unroller out
                    // of loops that grow long later. A long one keeps its weights (they make the calls in it hot).
                    let (stay, leave) = (taken.max(not_taken), taken.min(not_taken));
                    if s.loop_control && stay < LONG_LOOP_TRIPS.saturating_mul(leave.max(1)) {
                        SiteProfile::Branch { taken: 0, not_taken: 0 }
                    } else {
                        SiteProfile::Branch { taken, not_taken }
                    }
                }
                SiteKind::Switch { successors } => SiteProfile::Switch {
                    weights: (0..successors).map(|k| if declined { 0 } else { word(s.offset + k) }).collect(),
                },
                SiteKind::IndirectCall => {
                    let samples = site_samples(&words, s.offset);
                    let calls = blocks.get(s.block as usize).copied().flatten();
                    let (total, targets) = split_calls(calls, &samples, period);
                    let targets = targets.into_iter().filter_map(|(t, c)| Some((target(t)?, c))).collect();
                    SiteProfile::IndirectCall { total, targets }
                }
            })
            .collect();
        Some(FunctionProfile { function: name.to_string(), entry_count: entries, sites })
    }
}

/// The `[target, samples]` pairs of the indirect-call site at word `offset` of a record's `words` that hold a
/// target.
fn site_samples(words: &[u64], offset: u32) -> Vec<(u64, u64)> {
    let word = |i: u32| words.get(i as usize).copied().unwrap_or(0);
    (0..INDIRECT_CALL_TARGETS as u32)
        .map(|p| (word(offset + 2 * p), word(offset + 2 * p + 1)))
        .filter(|&(t, c)| t != 0 && c != 0)
        .collect()
}

/// An indirect call site's calls and its targets' shares of them, from its `samples` (`[target, samples]`
/// pairs) and how often its block ran (`calls`, if the block counts tell). Without a block count each sample
/// stands for `period` calls (one in `period` calls is sampled). Too few samples name no targets.
fn split_calls(calls: Option<u64>, samples: &[(u64, u64)], period: u64) -> (u64, Vec<(u64, u64)>) {
    let sampled: u64 = samples.iter().map(|s| s.1).sum();
    let total = calls.filter(|&c| c > 0).unwrap_or(sampled.saturating_mul(period));
    if sampled < MIN_SITE_SAMPLES {
        return (total, Vec::new());
    }
    let share = |n: u64| (u128::from(total) * u128::from(n) / u128::from(sampled)) as u64;
    (total, samples.iter().map(|&(t, n)| (t, share(n))).filter(|t| t.1 > 0).collect())
}

/// The targets of `profile`'s indirect calls worth carrying a body for: at least [`HOT_TARGET_PERCENT`] of a
/// site's calls, at sites that ran at least [`MIN_SITE_CALLS`] times; hottest first.
pub(crate) fn hot_targets(profile: &FunctionProfile) -> Vec<String> {
    let mut hot: Vec<(u64, &str)> = Vec::new();
    for s in &profile.sites {
        let SiteProfile::IndirectCall { total, targets } = s else { continue };
        if *total < MIN_SITE_CALLS {
            continue;
        }
        for (name, count) in targets {
            if count * 100 >= total * HOT_TARGET_PERCENT {
                match hot.iter_mut().find(|h| h.1 == name) {
                    Some(h) => h.0 += count,
                    None => hot.push((*count, name)),
                }
            }
        }
    }
    hot.sort_by_key(|h| std::cmp::Reverse(h.0));
    hot.into_iter().map(|h| h.1.to_string()).collect()
}

/// The function whose stub is at `address`, among `n` stubs from `first_stub`.
pub(crate) fn function_at_stub(first_stub: u64, n: usize, address: u64) -> Option<FuncId> {
    let offset = address.checked_sub(first_stub)?;
    let index = offset / STUB_SIZE as u64;
    (offset % STUB_SIZE as u64 == 0 && index < n as u64).then_some(FuncId(index as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_translator_and_the_miss_routine_agree_on_indirect_call_sites() {
        assert_eq!(tierlift_tier0::profile::INDIRECT_CALL_WORDS as usize, tierlift_code::INDIRECT_CALL_SITE_WORDS);
    }

    #[test]
    fn samples_split_the_block_count() {
        // 1000 calls, sampled 60 times: 45 of one target, 15 of another.
        let p = INDIRECT_CALL_SAMPLE_PERIOD;
        assert_eq!(split_calls(Some(1000), &[(7, 45), (9, 15)], p), (1000, vec![(7, 750), (9, 250)]));
        // Without a block count, each sample stands for a period of calls.
        assert_eq!(split_calls(None, &[(7, 4), (9, 4)], p), (8 * p, vec![(7, 4 * p), (9, 4 * p)]));
        // Every call recorded (a declined function's O0 code): a sample is a call.
        assert_eq!(split_calls(None, &[(7, 30), (9, 10)], 1), (40, vec![(7, 30), (9, 10)]));
        // Too few samples name no target, but the calls still count.
        assert_eq!(split_calls(Some(500), &[(7, 2)], p), (500, vec![]));
        assert_eq!(split_calls(Some(0), &[], p), (0, vec![]));
    }

    #[test]
    fn stubs_map_back_to_functions() {
        let base = 0x10000;
        assert_eq!(function_at_stub(base, 3, base), Some(FuncId(0)));
        assert_eq!(function_at_stub(base, 3, base + 2 * STUB_SIZE as u64), Some(FuncId(2)));
        assert_eq!(function_at_stub(base, 3, base + 3 * STUB_SIZE as u64), None);
        assert_eq!(function_at_stub(base, 3, base + 1), None);
        assert_eq!(function_at_stub(base, 3, base - 16), None);
    }

    #[test]
    fn only_frequent_targets_of_busy_sites_are_hot() {
        let p = FunctionProfile {
            function: "f".into(),
            entry_count: 1,
            sites: vec![
                SiteProfile::IndirectCall { total: 1000, targets: vec![("a".into(), 900), ("b".into(), 100)] },
                SiteProfile::IndirectCall { total: 10, targets: vec![("c".into(), 10)] },
                SiteProfile::IndirectCall { total: 500, targets: vec![("b".into(), 400)] },
            ],
        };
        assert_eq!(hot_targets(&p), vec!["a".to_string(), "b".to_string()]);
    }
}
