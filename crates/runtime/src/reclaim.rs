//! Freeing superseded code: versions no slot holds any more are freed once no thread can be running them or
//! return into them.
//!
//! When a function's new version is installed, the old one is *retired* here (after the slot store). A compile
//! worker, between jobs, runs a *round* when enough code waits ([`ROUND_BYTES`]) or the oldest retired version
//! has waited [`LONGEST_WAIT`], and at most every [`ROUND_INTERVAL`] (less often after rounds that could not
//! conclude). Rounds are rare because each one may signal the threads that are running (see the stack scan): a
//! signal that finds a thread just gone to sleep ends its `nanosleep` or `poll` early (EINTR).
//! A round takes the retired versions nothing
//! else holds (no slot, no `force_tier` reuse in progress), asks the stack scan (`tierlift_code::
//! scan_other_threads`) whether any thread's registers or stack refer to their code, and frees those nobody
//! refers to: tier-0 code goes back to its module's code memory, LLVM code is removed from its LLJIT. A version
//! that was reinstalled and retired again after the round began waits for the next round. A round the scan
//! cannot conclude (a thread did not answer) frees nothing.
//!
//! Why the scan suffices: JIT code reaches other functions only through their slots, by way of their stubs
//! (which jump through the slot) or by loading the slot and calling what it holds (optimized code calling a
//! callee that had code when it was compiled); once a slot no longer holds a version, a thread can only be in
//! that version if its program counter or a return address on its stack points there, or if the thread holds
//! the address it loaded from the slot before the slot changed (in a register or on its stack until the call),
//! or (tier-0 code whose calls a counting entry counts) if it is in the entry or holds its address. Versions of
//! modules that are dropped are forgotten (the module frees all its code itself).
//!
//! Rounds also free the memory of unwind table objects that the tier-0 code's unwind tables withdrew (a table
//! is registered anew whenever one of its functions comes or goes, see `tierlift_code::RetiredObject`): the
//! system unwinder may read a withdrawn object for a moment after it found a frame's entry in it, with the
//! object's address in a register or on its stack, where the scan sees it.

use crate::versions::Version;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Rounds are at least this far apart.
pub(crate) const ROUND_INTERVAL: Duration = Duration::from_secs(1);
/// What a withdrawn unwind table object counts for in the bytes that make a round due (its memory and a share of
/// the round it needs).
const UNWIND_OBJECT_BYTES: usize = 256;
/// A round is due when this much retired code waits...
pub(crate) const ROUND_BYTES: usize = 256 << 10;
/// ... or when the oldest retired version has waited this long.
pub(crate) const LONGEST_WAIT: Duration = Duration::from_secs(2);
/// Rounds are at least this far apart when a module asked for them eagerly.
const EAGER_INTERVAL: Duration = Duration::from_millis(10);
/// After inconclusive rounds the interval doubles, up to this.
const LONGEST_INTERVAL: Duration = Duration::from_secs(10);
/// How long a round waits for signalled threads to answer (the worker compiles nothing meanwhile).
const ANSWER_TIMEOUT: Duration = Duration::from_millis(200);

/// One retired version.
struct Retired {
    version: Arc<Version>,
    /// When it was first retired.
    since: Instant,
    /// When it was (last) retired, in retire order.
    seq: u64,
    /// Engine-wide number of its module.
    module: u64,
}

struct State {
    retired: Vec<Retired>,
    seq: u64,
    last_round: Option<Instant>,
    /// Time between rounds now: doubles after an inconclusive round, back to `ROUND_INTERVAL` after a good one.
    interval: Duration,
    /// A module asked for rounds as soon as anything waits (`Config::free_code_eagerly`, a test hook).
    eager: bool,
    /// The memory of unwind table objects withdrawn from the tier-0 code's unwind tables, and since when each
    /// waits (see `tierlift_code::RetiredObject`).
    objects: Vec<(tierlift_code::RetiredObject, Instant)>,
}

impl Default for State {
    fn default() -> Self {
        State {
            retired: Vec::new(),
            seq: 0,
            last_round: None,
            interval: ROUND_INTERVAL,
            eager: false,
            objects: Vec::new(),
        }
    }
}

/// What freeing superseded code has done so far, engine-wide.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReclaimStats {
    /// Versions retired (left their slot) and waiting to be freed now.
    pub waiting: u64,
    /// Versions freed.
    pub versions_freed: u64,
    /// Bytes of machine code freed (a version whose object file it shares with others counts when it is freed;
    /// the object's memory goes with the last of them).
    pub bytes_freed: u64,
    /// Rounds that scanned the threads.
    pub rounds: u64,
    /// Rounds that freed nothing because a thread could not be scanned.
    pub inconclusive: u64,
    /// The longest scan of a round, in microseconds (the compile worker running it compiles nothing meanwhile).
    pub longest_scan_us: u64,
    /// Unwind table objects of tier-0 code (each the registration of many functions' unwind information)
    /// withdrawn and freed since: a table is registered anew whenever one of its functions comes or goes.
    pub unwind_objects_freed: u64,
}

/// What a range the scan looks for stands for.
#[derive(Clone, Copy)]
enum Item {
    /// The candidate version of that index.
    Version(usize),
    /// The withdrawn unwind table object of that index.
    Object(usize),
}

/// What the scan looks for, sorted and disjoint, each range with what it stands for: each candidate's code, and
/// for tier-0 code whose calls are counted in front of it, its counting entry too (a thread that has loaded the
/// slot's old value, the entry, and not yet called it is on its way into the code); and the memory of each
/// withdrawn unwind table object (a thread inside the system unwinder may still read it). Ranges that overlap
/// are merged.
fn asked_ranges(
    candidates: &[Arc<Version>],
    objects: &[tierlift_code::RetiredObject],
) -> Vec<(usize, usize, Vec<Item>)> {
    let mut ranges: Vec<(usize, usize, Item)> = Vec::with_capacity(candidates.len() * 2 + objects.len());
    for (i, v) in candidates.iter().enumerate() {
        ranges.push((v.address, v.address + v.code_size, Item::Version(i)));
        if v.entry != v.address {
            ranges.push((v.entry, v.entry + tierlift_code::ENTRY_SIZE, Item::Version(i)));
        }
    }
    for (j, o) in objects.iter().enumerate() {
        let (start, end) = o.range();
        ranges.push((start, end, Item::Object(j)));
    }
    ranges.sort_unstable_by_key(|&(start, end, _)| (start, end));
    let mut merged: Vec<(usize, usize, Vec<Item>)> = Vec::with_capacity(ranges.len());
    for (start, end, item) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => {
                last.1 = last.1.max(end);
                last.2.push(item);
            }
            _ => merged.push((start, end, vec![item])),
        }
    }
    merged
}

/// The engine's retired versions and the rounds that free them.
#[derive(Default)]
pub(crate) struct Reclaimer {
    state: Mutex<State>,
    /// The scan cannot work on this system: nothing is retired any more.
    unsupported: AtomicBool,
    versions_freed: AtomicU64,
    bytes_freed: AtomicU64,
    rounds: AtomicU64,
    inconclusive: AtomicU64,
    longest_scan_us: AtomicU64,
    unwind_objects_freed: AtomicU64,
}

impl Reclaimer {
    /// Takes `version`, just replaced in its slot, to free it when safe. Returns it back when it cannot be freed
    /// (its code size is unknown, or scanning is unavailable): the caller keeps it.
    /// With `eagerly`, the engine runs rounds as soon as something waits, from now on.
    pub(crate) fn retire(&self, module: u64, version: Arc<Version>, eagerly: bool) -> Option<Arc<Version>> {
        if self.unsupported.load(Ordering::Relaxed) || version.code.is_none() || version.code_size == 0 {
            return Some(version);
        }
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.eager |= eagerly;
        st.seq += 1;
        let seq = st.seq;
        match st.retired.iter_mut().find(|r| Arc::ptr_eq(&r.version, &version)) {
            // Retired twice without being taken back: the scan must start after this.
            Some(r) => r.seq = seq,
            None => st.retired.push(Retired { version, since: Instant::now(), seq, module }),
        }
        None
    }

    /// Takes `version` back from the retired ones: it is about to be installed again (`force_tier`).
    pub(crate) fn unretire(&self, version: &Arc<Version>) {
        let taken = {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            st.retired.iter().position(|r| Arc::ptr_eq(&r.version, version)).map(|i| st.retired.swap_remove(i))
        };
        drop(taken);
    }

    /// Drops the retired versions of a module being unloaded (it frees all its code).
    pub(crate) fn forget_module(&self, module: u64) {
        let gone: Vec<Retired> = {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            let (gone, kept) = std::mem::take(&mut st.retired).into_iter().partition(|r| r.module == module);
            st.retired = kept;
            gone
        };
        drop(gone);
    }

    /// Runs a round if versions (or the memory of unwind table objects withdrawn from `code`'s unwind tables)
    /// wait and the last round was long enough ago. Called by compile workers, which never run JIT code.
    pub(crate) fn round_if_due(&self, code: &tierlift_code::SharedCodeMemory) {
        let withdrawn = code.take_retired_unwind_objects();
        let (cutoff, candidates, objects) = {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            st.objects.extend(withdrawn.into_iter().map(|o| (o, now)));
            if self.unsupported.load(Ordering::Relaxed) {
                // No scan can tell when they are free: the objects' memory stays.
                return;
            }
            // Versions a slot holds again (`force_tier`) do not count.
            let free = || st.retired.iter().filter(|r| Arc::strong_count(&r.version) == 1);
            let waiting: usize =
                free().map(|r| r.version.code_size).sum::<usize>() + st.objects.len() * UNWIND_OBJECT_BYTES;
            let oldest = free()
                .map(|r| r.since.elapsed())
                .chain(st.objects.iter().map(|(_, since)| since.elapsed()))
                .max()
                .unwrap_or_default();
            let due = waiting >= ROUND_BYTES || oldest >= LONGEST_WAIT || (st.eager && waiting > 0);
            let interval = if st.eager { EAGER_INTERVAL } else { st.interval };
            if !due || st.last_round.is_some_and(|t| t.elapsed() < interval) {
                return;
            }
            st.last_round = Some(now);
            // Only what nothing else holds: a version in a slot, or about to be reinstalled, is not a candidate.
            let candidates: Vec<Arc<Version>> = st
                .retired
                .iter()
                .filter(|r| Arc::strong_count(&r.version) == 1)
                .map(|r| Arc::clone(&r.version))
                .collect();
            let objects: Vec<tierlift_code::RetiredObject> = st.objects.drain(..).map(|(o, _)| o).collect();
            (st.seq, candidates, objects)
        };
        if candidates.is_empty() && objects.is_empty() {
            return;
        }
        let ranges = asked_ranges(&candidates, &objects);
        let asked: Vec<(usize, usize)> = ranges.iter().map(|(s, e, _)| (*s, *e)).collect();
        self.rounds.fetch_add(1, Ordering::Relaxed);
        let scan_start = Instant::now();
        let scan = tierlift_code::scan_other_threads(&asked, ANSWER_TIMEOUT);
        self.longest_scan_us.fetch_max(scan_start.elapsed().as_micros() as u64, Ordering::Relaxed);
        let scan = match scan {
            Ok(scan) => scan,
            Err(e) => {
                let now = Instant::now();
                let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
                st.objects.extend(objects.into_iter().map(|o| (o, now)));
                self.inconclusive.fetch_add(1, Ordering::Relaxed);
                match e {
                    tierlift_code::ScanError::Unsupported(why) => {
                        tracing::info!(%why, "superseded code stays mapped");
                        self.unsupported.store(true, Ordering::Relaxed);
                    }
                    e => {
                        tracing::debug!(%e, "no code freed this round");
                        st.interval = (st.interval * 2).min(LONGEST_INTERVAL);
                    }
                }
                return;
            }
        };
        self.state.lock().unwrap_or_else(|e| e.into_inner()).interval = ROUND_INTERVAL;
        let (mut referenced, mut unreferenced) = (HashSet::new(), HashSet::new());
        let mut objects: Vec<Option<tierlift_code::RetiredObject>> = objects.into_iter().map(Some).collect();
        let mut kept_objects = Vec::new();
        for ((_, _, of), &hit) in ranges.iter().zip(&scan.referenced) {
            for item in of {
                match *item {
                    Item::Version(i) => {
                        if hit { &mut referenced } else { &mut unreferenced }.insert(Arc::as_ptr(&candidates[i]));
                    }
                    Item::Object(j) if hit => kept_objects.extend(objects[j].take()),
                    Item::Object(_) => {}
                }
            }
        }
        // A version is free only if none of its ranges is referenced.
        unreferenced.retain(|v| !referenced.contains(v));
        drop(candidates);
        let freed_objects = objects.into_iter().flatten().count();
        self.unwind_objects_freed.fetch_add(freed_objects as u64, Ordering::Relaxed);
        let freeable: Vec<Retired> = {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            // Still in use: their wait starts again, so that they do not make every round due.
            let now = Instant::now();
            st.objects.extend(kept_objects.into_iter().map(|o| (o, now)));
            for r in st.retired.iter_mut().filter(|r| referenced.contains(&Arc::as_ptr(&r.version))) {
                r.since = now;
            }
            let (free, keep) = std::mem::take(&mut st.retired)
                .into_iter()
                .partition(|r| r.seq <= cutoff && unreferenced.contains(&Arc::as_ptr(&r.version)));
            st.retired = keep;
            free
        };
        for r in freeable {
            // Someone may have taken it up since the scan (`force_tier`): then it is theirs, and comes back here
            // when it leaves its slot again.
            if let Ok(version) = Arc::try_unwrap(r.version) {
                self.free(version);
            }
        }
    }

    fn free(&self, mut version: Version) {
        let size = version.code_size as u64;
        let freed = version.code.take().is_some_and(|code| code.free(version.address));
        if freed {
            self.versions_freed.fetch_add(1, Ordering::Relaxed);
            self.bytes_freed.fetch_add(size, Ordering::Relaxed);
        }
    }

    /// What has been done so far.
    pub(crate) fn stats(&self) -> ReclaimStats {
        ReclaimStats {
            waiting: self.state.lock().unwrap_or_else(|e| e.into_inner()).retired.len() as u64,
            versions_freed: self.versions_freed.load(Ordering::Relaxed),
            bytes_freed: self.bytes_freed.load(Ordering::Relaxed),
            rounds: self.rounds.load(Ordering::Relaxed),
            inconclusive: self.inconclusive.load(Ordering::Relaxed),
            longest_scan_us: self.longest_scan_us.load(Ordering::Relaxed),
            unwind_objects_freed: self.unwind_objects_freed.load(Ordering::Relaxed),
        }
    }
}
