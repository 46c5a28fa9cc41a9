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
//! `fork`: a child shares the regions with its parent (they are shared mappings). Both continue to place code
//! after what was placed before the `fork`, so they would write over each other's new functions. A child
//! therefore never places code into a region that existed when it was forked: it starts a fresh one.
//!
//! Publication: x86-64 keeps instruction fetch coherent with stores, also with stores through another mapping of
//! the same page, so new code needs no cache flush. Code is only ever written where nothing has run yet, and
//! another thread reaches it only through the slot store (Release) the runtime makes after placing it.

use crate::dual_map::DualMapping;
use region::{Allocation, Protection};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Size of a module's first region.
const FIRST_REGION: usize = 64 << 10;
/// Regions stop doubling at this size.
const LARGEST_REGION: usize = 4 << 20;

/// Bumped in every `fork`ed child: regions made in an earlier generation are shared with another process.
static FORK_GENERATION: AtomicU64 = AtomicU64::new(0);
static REGISTER_FORK_HANDLER: Once = Once::new();
/// Executable shared memory was refused once: every later function gets its own pages.
static DUAL_MAPPING_REFUSED: AtomicBool = AtomicBool::new(false);

extern "C" fn in_forked_child() {
    FORK_GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// The executable memory of one owner's functions (one module's tier-0 code).
pub(crate) struct CodeMemory {
    regions: Vec<DualMapping>,
    /// Bytes placed in the newest region.
    used: usize,
    /// The fork generation the newest region was made in.
    generation: u64,
    /// Functions placed on pages of their own.
    single: Vec<Allocation>,
}

impl CodeMemory {
    /// No memory yet: the first function maps the first region.
    pub(crate) fn new() -> Self {
        REGISTER_FORK_HANDLER.call_once(|| {
            // SAFETY: registers a handler that only bumps an atomic (async-signal-safe, as a child handler must
            // be); it stays valid for the life of the process.
            if unsafe { libc::pthread_atfork(None, None, Some(in_forked_child)) } != 0 {
                // Without the handler a child could not tell shared regions apart: no regions at all.
                DUAL_MAPPING_REFUSED.store(true, Ordering::Relaxed);
            }
        });
        CodeMemory { regions: Vec::new(), used: 0, generation: 0, single: Vec::new() }
    }

    /// Copies `code` (aligned to `align`, a power of two) into executable memory, lets `patch` fix the copy up
    /// before anything can run it (it gets the bytes and the address they will run at), and returns that
    /// address. The memory stays executable until `self` is dropped.
    pub(crate) fn place(
        &mut self,
        code: &[u8],
        align: usize,
        patch: impl FnOnce(&mut [u8], usize) -> Result<(), String>,
    ) -> Result<usize, String> {
        self.place_in_generation(FORK_GENERATION.load(Ordering::Relaxed), code, align, patch)
    }

    fn place_in_generation(
        &mut self,
        generation: u64,
        code: &[u8],
        align: usize,
        patch: impl FnOnce(&mut [u8], usize) -> Result<(), String>,
    ) -> Result<usize, String> {
        if !DUAL_MAPPING_REFUSED.load(Ordering::Relaxed) {
            match self.region_for(generation, code.len(), align) {
                Ok(start) => {
                    let region = self.regions.last_mut().expect("a region for the code");
                    let address = region.exec_address() + start;
                    // SAFETY: `start..start + len` lies past every function placed in this region (bump
                    // allocation), so no code runs from it and no other slice of it exists.
                    let bytes = unsafe { region.writable(start, code.len()) };
                    bytes.copy_from_slice(code);
                    patch(bytes, address)?;
                    self.used = start + code.len();
                    return Ok(address);
                }
                Err(e) if refused(&e) => DUAL_MAPPING_REFUSED.store(true, Ordering::Relaxed),
                Err(e) => return Err(format!("mapping tier-0 code memory: {e}")),
            }
        }
        self.place_on_own_pages(code, patch)
    }

    /// Offset in the newest region where `len` bytes aligned to `align` go, mapping a new region when they do not
    /// fit (or when the newest region is shared with a parent process).
    fn region_for(&mut self, generation: u64, len: usize, align: usize) -> std::io::Result<usize> {
        if let Some(region) = self.regions.last()
            && self.generation == generation
        {
            let start = self.used.next_multiple_of(align);
            if start + len <= region.len() {
                return Ok(start);
            }
        }
        let grown = (FIRST_REGION << self.regions.len().min(16)).min(LARGEST_REGION);
        let size = grown.max(len.next_multiple_of(region::page::size()));
        self.regions.push(DualMapping::new(size)?);
        self.used = 0;
        self.generation = generation;
        Ok(0)
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
        self.single.push(alloc);
        Ok(address)
    }

    /// Number of mappings made so far (each region counts as its two views).
    #[cfg(test)]
    pub(crate) fn mappings(&self) -> usize {
        2 * self.regions.len() + self.single.len()
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
    fn a_forked_child_places_code_in_a_region_of_its_own() {
        let mut memory = CodeMemory::new();
        let code = [0xc3_u8; 8];
        let before = memory.place_in_generation(7, &code, 16, |_, _| Ok(())).unwrap();
        // In a child the generation has moved on: the next function starts a new region.
        let after = memory.place_in_generation(8, &code, 16, |_, _| Ok(())).unwrap();
        assert_ne!(after, before + 16);
        assert_eq!(memory.mappings(), 4);
    }
}
