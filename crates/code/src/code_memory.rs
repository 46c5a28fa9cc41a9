//! Executable memory for many small functions, without a system call per function.
//!
//! Functions are placed one after another into large [`DualMapping`] regions: written through the writable
//! view, run from the executable view. Regions grow geometrically, so a module with few functions maps little
//! and one with many maps few regions. Everything is unmapped when the [`CodeMemory`] is dropped.
//!
//! Where the system refuses executable shared memory (a security module), each
//! function gets pages of its own instead, written and then made read+execute (two system calls per function),
//! for the rest of the process.
//!
//! Freed functions leave holes that later functions fill (first fit); whole free pages go back to the system, and
//! a region whose functions are all freed is unmapped.
//!
//! `fork`: a child shares the regions with its parent (they are shared mappings). If both went on placing code in
//! them, they would write over each other's new functions, or over code the other still runs in a hole one of
//! them freed. So after a `fork` the child never writes a region that existed before it (it starts fresh ones),
//! and neither process reuses or gives back space freed in such a region; the parent goes on placing code after
//! what it had placed (the child never looks there).
//!
//! Publication: x86-64 keeps instruction fetch coherent with stores, also with stores through another mapping of
//! the same page, so new code needs no cache flush. Code is only ever written where nothing has run yet, and
//! another thread reaches it only through the slot store (Release) the runtime makes after placing it.

use crate::dual_map::DualMapping;
use region::{Allocation, Protection};
use std::collections::BTreeMap;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Functions start on, and take space in, multiples of this many bytes, so that the holes freed functions leave
/// merge with their neighbours.
const GRAIN: usize = 16;
/// Size of a module's first region.
const FIRST_REGION: usize = 64 << 10;
/// Regions stop doubling at this size.
const LARGEST_REGION: usize = 4 << 20;

/// Bumped in every `fork`ed child: regions made before are the parent's too, and the child never writes them.
static CHILD_GENERATION: AtomicU64 = AtomicU64::new(0);
/// Bumped in both processes at every `fork`: space freed in a region made before may still hold code the other
/// process runs, so it is never reused.
static FORKS: AtomicU64 = AtomicU64::new(0);
static REGISTER_FORK_HANDLER: Once = Once::new();
/// Executable shared memory was refused once: every later function gets its own pages.
static DUAL_MAPPING_REFUSED: AtomicBool = AtomicBool::new(false);

extern "C" fn forked_parent() {
    FORKS.fetch_add(1, Ordering::Relaxed);
}

extern "C" fn forked_child() {
    FORKS.fetch_add(1, Ordering::Relaxed);
    CHILD_GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// Where a process stands in the `fork`s it went through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Generation {
    /// `CHILD_GENERATION`.
    child: u64,
    /// `FORKS`.
    forks: u64,
}

impl Generation {
    fn now() -> Self {
        Generation { child: CHILD_GENERATION.load(Ordering::Relaxed), forks: FORKS.load(Ordering::Relaxed) }
    }
}

/// One region and what is placed in it.
struct Region {
    map: DualMapping,
    /// Bytes from the start handed out by bump allocation so far.
    used: usize,
    /// Bytes of functions placed and not freed.
    live: usize,
    /// Freed ranges below `used`, offset to length, merged with their neighbours.
    holes: BTreeMap<usize, usize>,
    /// When the region was made.
    generation: Generation,
}

impl Region {
    /// Code may be placed after `used`: this process made the region, or is the parent of the processes that
    /// share it (a child never writes a region made before it).
    fn bump_allowed(&self, now: Generation) -> bool {
        self.generation.child == now.child
    }

    /// Freed space may be reused or given back: no `fork` since the region was made.
    fn reuse_allowed(&self, now: Generation) -> bool {
        self.generation == now
    }
}

impl Region {
    /// Offset in a hole where `len` bytes aligned to `align` fit (first fit), with the hole.
    fn hole_for(&self, len: usize, align: usize) -> Option<(usize, usize)> {
        self.holes.iter().find_map(|(&at, &size)| {
            let start = at.next_multiple_of(align);
            (start + len <= at + size).then_some((start, at))
        })
    }

    /// Takes `start..start + len` out of the hole at `hole`.
    fn take_from_hole(&mut self, hole: usize, start: usize, len: usize) {
        let size = self.holes.remove(&hole).expect("the hole");
        if start > hole {
            self.holes.insert(hole, start - hole);
        }
        if start + len < hole + size {
            self.holes.insert(start + len, hole + size - start - len);
        }
    }

    /// Returns `start..start + len` to the free space, merged with its neighbours.
    fn give_back(&mut self, mut start: usize, mut len: usize) {
        if let Some((&before, &size)) = self.holes.range(..start).next_back()
            && before + size == start
        {
            self.holes.remove(&before);
            start = before;
            len += size;
        }
        if let Some(size) = self.holes.remove(&(start + len)) {
            len += size;
        }
        if start + len == self.used {
            // Back to bump space.
            self.used = start;
        } else {
            self.holes.insert(start, len);
        }
    }
}

/// The executable memory of one owner's functions (one module's tier-0 code).
pub(crate) struct CodeMemory {
    /// Sorted by address of the executable view; the newest region (the one bump allocation fills) is `newest`.
    regions: Vec<Region>,
    /// Index in `regions` of the newest region.
    newest: Option<usize>,
    /// Functions placed on pages of their own, by address.
    single: BTreeMap<usize, Allocation>,
}

impl CodeMemory {
    /// No memory yet: the first function maps the first region.
    pub(crate) fn new() -> Self {
        REGISTER_FORK_HANDLER.call_once(|| {
            // SAFETY: registers handlers that only bump an atomic (async-signal-safe, as a child handler must
            // be); they stay valid for the life of the process.
            if unsafe { libc::pthread_atfork(None, Some(forked_parent), Some(forked_child)) } != 0 {
                // Without the handler a child could not tell shared regions apart: no regions at all.
                DUAL_MAPPING_REFUSED.store(true, Ordering::Relaxed);
            }
        });
        CodeMemory { regions: Vec::new(), newest: None, single: BTreeMap::new() }
    }

    /// Copies `code` (aligned to `align`, a power of two) into executable memory, lets `patch` fix the copy up
    /// before anything can run it (it gets the bytes and the address they will run at), and returns that
    /// address. The memory stays executable until it is freed or `self` is dropped.
    pub(crate) fn place(
        &mut self,
        code: &[u8],
        align: usize,
        patch: impl FnOnce(&mut [u8], usize) -> Result<(), String>,
    ) -> Result<usize, String> {
        self.place_in_generation(Generation::now(), code, align, patch)
    }

    fn place_in_generation(
        &mut self,
        generation: Generation,
        code: &[u8],
        align: usize,
        patch: impl FnOnce(&mut [u8], usize) -> Result<(), String>,
    ) -> Result<usize, String> {
        let (space, align) = (code.len().next_multiple_of(GRAIN), align.max(GRAIN));
        if !DUAL_MAPPING_REFUSED.load(Ordering::Relaxed) {
            match self.spot_for(generation, space, align) {
                Ok((index, start, hole)) => {
                    let region = &mut self.regions[index];
                    let address = region.map.exec_address() + start;
                    // SAFETY: `start..start + len` is free space of this region: past every function placed by
                    // bump allocation, or in a hole left by freed functions, which no thread can run or return
                    // into any more (the contract of `free`). No other slice of it exists.
                    let bytes = unsafe { region.map.writable(start, code.len()) };
                    bytes.copy_from_slice(code);
                    patch(bytes, address)?;
                    match hole {
                        Some(hole) => region.take_from_hole(hole, start, space),
                        None => region.used = start + space,
                    }
                    region.live += space;
                    return Ok(address);
                }
                Err(e) if refused(&e) => DUAL_MAPPING_REFUSED.store(true, Ordering::Relaxed),
                Err(e) => return Err(format!("mapping tier-0 code memory: {e}")),
            }
        }
        self.place_on_own_pages(code, patch)
    }

    /// Where `len` bytes aligned to `align` go: a region, the offset in it, and the hole they come from (`None`:
    /// bump space of the newest region). Holes come first; a new region is mapped when nothing fits. After a
    /// `fork`, the child never writes a region made before it, and neither process reuses space freed in one:
    /// the other process may run code there.
    fn spot_for(
        &mut self,
        generation: Generation,
        len: usize,
        align: usize,
    ) -> std::io::Result<(usize, usize, Option<usize>)> {
        for (index, region) in self.regions.iter().enumerate() {
            if region.reuse_allowed(generation)
                && let Some((start, hole)) = region.hole_for(len, align)
            {
                return Ok((index, start, Some(hole)));
            }
        }
        if let Some(index) = self.newest
            && self.regions[index].bump_allowed(generation)
        {
            let start = self.regions[index].used.next_multiple_of(align);
            if start + len <= self.regions[index].map.len() {
                return Ok((index, start, None));
            }
        }
        let made = self.regions.len().min(16);
        let size = (FIRST_REGION << made).min(LARGEST_REGION).max(len.next_multiple_of(region::page::size()));
        let map = DualMapping::new(size)?;
        let region = Region { map, used: 0, live: 0, holes: BTreeMap::new(), generation };
        let index = self.regions.partition_point(|r| r.map.exec_address() < region.map.exec_address());
        self.regions.insert(index, region);
        self.newest = Some(index);
        Ok((index, 0, None))
    }

    /// The start of the mapping that holds the code placed at `address` (a region, or the function's own pages).
    pub(crate) fn mapping_of(&self, address: usize) -> usize {
        if self.single.contains_key(&address) {
            return address;
        }
        let index = self.regions.partition_point(|r| r.map.exec_address() <= address);
        index.checked_sub(1).map_or(address, |i| self.regions[i].map.exec_address())
    }

    /// Frees the `len` bytes of code placed at `address`: the space is reused for later functions, whole free
    /// pages go back to the system, and a region left empty (other than the newest) is unmapped.
    ///
    /// The caller guarantees that no thread is running that code or can return into it, and that nothing will
    /// call it again. Unknown addresses are ignored.
    pub(crate) fn free(&mut self, address: usize, len: usize) {
        self.free_in_generation(Generation::now(), address, len);
    }

    fn free_in_generation(&mut self, now: Generation, address: usize, len: usize) {
        if let Some(alloc) = self.single.remove(&address) {
            drop(alloc);
            return;
        }
        let len = len.next_multiple_of(GRAIN);
        let index = self.regions.partition_point(|r| r.map.exec_address() <= address);
        let Some(index) = index.checked_sub(1) else { return };
        let region = &mut self.regions[index];
        let start = address - region.map.exec_address();
        if start + len > region.used || region.live < len {
            return;
        }
        region.live -= len;
        if region.live == 0 && self.newest != Some(index) {
            // Unmaps both views (in this process only: a forked process keeps its own).
            self.regions.remove(index);
            self.newest = self.newest.map(|n| if n > index { n - 1 } else { n });
            return;
        }
        // Space in a region made before a `fork` may hold code the other process runs: never reused nor given back.
        if region.reuse_allowed(now) {
            region.give_back(start, len);
            let (from, to) = match region.holes.range(..=start).next_back() {
                Some((&hole, &size)) if start < hole + size => (hole, hole + size),
                // Merged into the unused end.
                _ => (region.used, region.map.len()),
            };
            // SAFETY: `from..to` is free space of this region (a hole or the unused end): no thread can run it
            // (the caller's guarantee for the range just freed; nothing runs in the rest).
            unsafe { region.map.release(from, to - from) };
        }
    }

    fn place_on_own_pages(
        &mut self,
        code: &[u8],
        patch: impl FnOnce(&mut [u8], usize) -> Result<(), String>,
    ) -> Result<usize, String> {
        let mut alloc = region::alloc(code.len().max(1), Protection::READ_WRITE).map_err(|e| format!("{e}"))?;
        let address = alloc.as_mut_ptr::<u8>() as usize;
        // SAFETY: `alloc` is a fresh read+write mapping of at least `code.len()` bytes that nothing else references.
        let bytes = unsafe { std::slice::from_raw_parts_mut(alloc.as_mut_ptr::<u8>(), code.len()) };
        bytes.copy_from_slice(code);
        patch(bytes, address)?;
        // SAFETY: the range is exactly the mapping owned here; no code runs from it yet.
        unsafe { region::protect(alloc.as_ptr::<u8>(), alloc.len(), Protection::READ_EXECUTE) }
            .map_err(|e| format!("{e}"))?;
        self.single.insert(address, alloc);
        Ok(address)
    }

    /// Number of mappings made so far (each region counts as its two views).
    pub(crate) fn mappings(&self) -> usize {
        2 * self.regions.len() + self.single.len()
    }

    /// Bytes of code placed and not freed.
    pub(crate) fn live_bytes(&self) -> usize {
        self.regions.iter().map(|r| r.live).sum::<usize>() + self.single.values().map(|a| a.len()).sum::<usize>()
    }
}

/// Whether the system forbids executable shared memory (rather than being out of memory).
fn refused(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EPERM | libc::EACCES | libc::ENOSYS | libc::EINVAL))
}

// SAFETY: the regions and allocations are plain memory owned by this value (`region::Allocation` is not `Send`
// only because it holds a raw pointer); placing code needs `&mut self`.
unsafe impl Send for CodeMemory {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_functions_share_a_region_and_regions_grow() {
        let mut memory = CodeMemory::new();
        let ret = [0xc3_u8; 40];
        let mut addresses = Vec::new();
        for _ in 0..2000 {
            addresses.push(memory.place(&ret, 16, |_, _| Ok(())).unwrap());
        }
        assert!(addresses.iter().all(|a| a % 16 == 0));
        // 2000 functions of 48 bytes (with alignment) in regions of 64 KiB and 128 KiB.
        assert_eq!(memory.mappings(), 4);
        // SAFETY: every placed function is a single `ret`.
        let f: extern "C" fn() = unsafe { crate::fn_from_address(addresses[1999]) };
        f();
    }

    #[test]
    fn patches_see_the_run_address_and_a_failed_patch_places_nothing() {
        let mut memory = CodeMemory::new();
        // mov eax, imm32; ret
        let code = [0xb8, 0, 0, 0, 0, 0xc3];
        let a = memory.place(&code, 16, |bytes, at| {
            bytes[1..5].copy_from_slice(&((at & 0xffff) as u32).to_le_bytes());
            Ok(())
        });
        let a = a.unwrap();
        assert!(memory.place(&code, 16, |_, _| Err("no".into())).is_err());
        let b = memory.place(&code, 16, |_, _| Ok(())).unwrap();
        assert_eq!(b, a + 16, "the failed placement left its space free");
        // SAFETY: `a` is `mov eax, imm32; ret`, an `extern "C" fn() -> u32`.
        let f: extern "C" fn() -> u32 = unsafe { crate::fn_from_address(a) };
        assert_eq!(f(), (a & 0xffff) as u32);
    }

    #[test]
    fn functions_on_pages_of_their_own_run() {
        let mut memory = CodeMemory::new();
        let code = [0xb8, 42, 0, 0, 0, 0xc3];
        let a = memory.place_on_own_pages(&code, |_, _| Ok(())).unwrap();
        // SAFETY: `a` is `mov eax, 42; ret`.
        let f: extern "C" fn() -> u32 = unsafe { crate::fn_from_address(a) };
        assert_eq!(f(), 42);
        assert_eq!(memory.mappings(), 1);
    }

    #[test]
    fn freed_code_leaves_holes_that_later_code_fills() {
        let mut memory = CodeMemory::new();
        // mov eax, imm32; ret (with the immediate set per function)
        let code = |n: u32| {
            let mut c = vec![0xb8, 0, 0, 0, 0, 0xc3];
            c[1..5].copy_from_slice(&n.to_le_bytes());
            c
        };
        let addresses: Vec<usize> = (0..100).map(|n| memory.place(&code(n), 16, |_, _| Ok(())).unwrap()).collect();
        // Free every other one; the next functions go into their holes, lowest first.
        for a in addresses.iter().step_by(2) {
            memory.free(*a, 6);
        }
        assert_eq!(memory.live_bytes(), 50 * GRAIN);
        let reused = memory.place(&code(1000), 16, |_, _| Ok(())).unwrap();
        assert_eq!(reused, addresses[0]);
        // SAFETY: `reused` holds `mov eax, 1000; ret` and stays placed.
        let f: extern "C" fn() -> u32 = unsafe { crate::fn_from_address(reused) };
        assert_eq!(f(), 1000);
        // SAFETY: a function that was never freed still runs.
        let g: extern "C" fn() -> u32 = unsafe { crate::fn_from_address(addresses[99]) };
        assert_eq!(g(), 99);
        // Two neighbouring holes merge: a function longer than one slot of 16 bytes fits where two were freed.
        memory.free(addresses[3], 6);
        let long = [0x90_u8; 30].iter().chain(&code(7)).copied().collect::<Vec<u8>>();
        let merged = memory.place(&long, 16, |_, _| Ok(())).unwrap();
        assert_eq!(merged, addresses[2]);
    }

    #[test]
    fn a_region_whose_code_is_all_freed_is_unmapped_unless_it_is_the_newest() {
        let mut memory = CodeMemory::new();
        let big = vec![0xc3_u8; 40 << 10];
        let first = memory.place(&big, 16, |_, _| Ok(())).unwrap();
        let second = memory.place(&big, 16, |_, _| Ok(())).unwrap();
        assert_eq!(memory.mappings(), 4);
        memory.free(first, big.len());
        assert_eq!(memory.mappings(), 2, "the first region is empty and not the newest");
        memory.free(second, big.len());
        assert_eq!(memory.mappings(), 2, "the newest region stays for the next functions");
        assert_eq!(memory.live_bytes(), 0);
        let again = memory.place(&big, 16, |_, _| Ok(())).unwrap();
        assert_eq!(again, second, "its space is reused from the start");
    }

    #[test]
    fn a_forked_child_places_code_in_a_region_of_its_own() {
        let mut memory = CodeMemory::new();
        let code = [0xc3_u8; 8];
        let before = memory.place_in_generation(Generation { child: 7, forks: 7 }, &code, 16, |_, _| Ok(())).unwrap();
        // In a child the generation has moved on: the next function starts a new region.
        let after = memory.place_in_generation(Generation { child: 8, forks: 8 }, &code, 16, |_, _| Ok(())).unwrap();
        assert_ne!(after, before + 16);
        assert_eq!(memory.mappings(), 4);
    }

    #[test]
    fn after_a_fork_the_parent_goes_on_placing_but_reuses_no_freed_space() {
        let mut memory = CodeMemory::new();
        let code = [0xc3_u8; 8];
        let gen0 = Generation { child: 0, forks: 3 };
        let a = memory.place_in_generation(gen0, &code, 16, |_, _| Ok(())).unwrap();
        let b = memory.place_in_generation(gen0, &code, 16, |_, _| Ok(())).unwrap();
        // The parent forked: it goes on after `b` in the same region...
        let gen1 = Generation { child: 0, forks: 4 };
        let c = memory.place_in_generation(gen1, &code, 16, |_, _| Ok(())).unwrap();
        assert_eq!(c, b + 16);
        assert_eq!(memory.mappings(), 2);
        // ... but what it frees there stays unused: the child may still run `a`.
        memory.free_in_generation(gen1, a, 8);
        let d = memory.place_in_generation(gen1, &code, 16, |_, _| Ok(())).unwrap();
        assert_eq!(d, c + 16);
    }
}
