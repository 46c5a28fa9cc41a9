//! The memory behind the functions' entry lines and their shards: one block of equal planes per module.
//!
//! Plane 0 holds each function's entry line (counter, threshold and what its counting entry needs; see
//! [`crate::Counters`]). Planes 1 to [`EntryPlanes::shards`] hold the entry counters' shards: line `f` of plane
//! `1 + s` is shard `s` of function `f`. A counting entry picks the shard from the calling thread's stack pointer, so
//! threads running one function write different lines, and a thread that runs alone writes one plane only: the
//! other planes stay untouched (never backed by memory).
//!
//! A plane is a power of two of bytes, so an entry finds its shard with a shift: the shard's line is at
//! `line + plane + (s << plane_shift)`. The planes of all modules come from one pool (see `pool`).

use std::sync::atomic::AtomicU64;

/// Words per line (one cache line).
pub(crate) const LINE_WORDS: usize = 8;

/// One cache line of counters.
#[repr(C, align(64))]
pub(crate) struct Line(pub(crate) [AtomicU64; LINE_WORDS]);

/// log2 of the shards per entry counter.
pub(crate) const SHARD_BITS: u32 = 4;

/// A plane's size must fit an instruction's signed 32-bit displacement (the entry adds it as one).
const MAX_PLANE_SHIFT: u32 = 30;

/// `lines` entry lines followed by their shard planes, zero-initialized.
pub(crate) struct EntryPlanes {
    base: *mut Line,
    lines: usize,
    plane_shift: u32,
}

// SAFETY: the block is plain memory owned by this value and only ever accessed through `AtomicU64`s.
unsafe impl Send for EntryPlanes {}
// SAFETY: as above: shared access goes through atomics only.
unsafe impl Sync for EntryPlanes {}

impl EntryPlanes {
    /// Planes for `lines` entry lines, zero-filled: `1 + shards` planes, each the lines' size rounded up to a power
    /// of two (at least one line), from the process-wide pool.
    pub(crate) fn new(lines: usize) -> Self {
        let plane = (lines.max(1) * std::mem::size_of::<Line>()).next_power_of_two();
        let plane_shift = plane.trailing_zeros();
        let base = pool::take(plane_shift).cast::<Line>();
        EntryPlanes { base, lines, plane_shift }
    }

    /// Entry line `f` (plane 0).
    pub(crate) fn line(&self, f: usize) -> &Line {
        assert!(f < self.lines, "entry line {f} of {}", self.lines);
        // SAFETY: `f` is below `lines`, which plane 0 holds; the block lives as long as `self`, is zero-filled
        // (a valid `Line` of atomics) and is only accessed through atomics.
        unsafe { &*self.base.add(f) }
    }

    /// Shard `s` of entry line `f`.
    pub(crate) fn shard(&self, f: usize, s: usize) -> &Line {
        assert!(s < self.shards(), "shard {s} of entry line {f}");
        // SAFETY: `line` checks `f`; the line is in plane 0 of this block, whose planes are `1 << plane_shift`
        // bytes, and `s` is below the shards per counter.
        unsafe { shard_of(self.line(f), self.plane_shift, s) }
    }

    /// Shards per entry counter.
    pub(crate) fn shards(&self) -> usize {
        1 << SHARD_BITS
    }

    /// log2 of a plane's size in bytes.
    pub(crate) fn plane_shift(&self) -> u32 {
        self.plane_shift
    }

    /// Whether a counting entry can reach the shards (the plane's size fits its displacement; modules of more
    /// than 2^24 functions do not).
    pub(crate) fn reachable(&self) -> bool {
        self.plane_shift <= MAX_PLANE_SHIFT
    }
}

/// Shard `s` of the entry line at `line`: `(1 + s) << plane_shift` bytes after it (the layout above).
///
/// # Safety
/// `line` must be an entry line (plane 0) of a live block whose planes are `1 << plane_shift` bytes, and
/// `s < 1 << SHARD_BITS`; the shard lives as long as that block.
pub(crate) unsafe fn shard_of<'a>(line: *const Line, plane_shift: u32, s: usize) -> &'a Line {
    // SAFETY: by the caller's promise the line's shards lie `(1 + s) << plane_shift` bytes after it, inside the
    // same zero-filled block of atomics, which outlives the reference.
    unsafe { &*line.byte_add((1 + s) << plane_shift) }
}

impl Drop for EntryPlanes {
    fn drop(&mut self) {
        // SAFETY: the block came from `pool::take` for this plane size and nothing refers to it once its owner is
        // gone (the function table and the code that count in it go first).
        unsafe { pool::give_back(self.base.cast(), self.plane_shift) };
    }
}

/// Blocks of planes for every module of the process: carved from large reservations, one free list per plane
/// size, zeroed when given back. A module costs no mapping of its own (the kernel's limit on mappings stays for the
/// host) and small modules share pages; a reservation is kept for the next module. Blocks of large modules
/// (planes of `DEDICATED_SHIFT` and more) are mappings of their own, unmapped when given back.
mod pool {
    use super::{Line, SHARD_BITS};
    use std::sync::Mutex;

    /// Plane sizes from `1 << DEDICATED_SHIFT` bytes (16,384 functions) up get a mapping of their own.
    pub(super) const DEDICATED_SHIFT: u32 = 20;
    /// Bytes reserved at a time for a plane size (at least one block).
    const RESERVATION: usize = 16 << 20;

    struct Class {
        free: Vec<usize>,
        next: usize,
        end: usize,
    }

    static CLASSES: Mutex<Vec<Class>> = Mutex::new(Vec::new());

    /// Bytes of a block: the entry lines' plane and one plane per shard.
    pub(super) fn block_bytes(plane_shift: u32) -> usize {
        (1 + (1 << SHARD_BITS)) << plane_shift
    }

    /// `bytes` of fresh zero-filled address space, backed on first touch; aborts like a failed allocation if the
    /// kernel refuses.
    fn reserve(bytes: usize) -> usize {
        // SAFETY: a fresh anonymous private mapping (no file, no fixed address); checked for failure below.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                bytes,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            let layout = std::alloc::Layout::from_size_align(bytes, std::mem::align_of::<Line>());
            std::alloc::handle_alloc_error(layout.unwrap_or(std::alloc::Layout::new::<Line>()));
        }
        base as usize
    }

    /// A zero-filled block for planes of `1 << plane_shift` bytes, aligned to a line.
    pub(super) fn take(plane_shift: u32) -> *mut u8 {
        let bytes = block_bytes(plane_shift);
        if plane_shift >= DEDICATED_SHIFT {
            return reserve(bytes) as *mut u8;
        }
        let mut classes = CLASSES.lock().unwrap_or_else(|e| e.into_inner());
        if classes.len() <= plane_shift as usize {
            classes.resize_with(plane_shift as usize + 1, || Class { free: Vec::new(), next: 0, end: 0 });
        }
        let class = &mut classes[plane_shift as usize];
        if let Some(block) = class.free.pop() {
            return block as *mut u8;
        }
        if class.end - class.next < bytes {
            // A whole number of blocks: nothing of a reservation is left over.
            let size = RESERVATION.next_multiple_of(bytes);
            class.next = reserve(size);
            class.end = class.next + size;
        }
        let block = class.next;
        class.next += bytes;
        block as *mut u8
    }

    /// Gives a block back to the pool, zeroed (or unmaps it).
    ///
    /// # Safety
    /// `block` must come from [`take`] with the same `plane_shift`, and nothing may use it any more.
    pub(super) unsafe fn give_back(block: *mut u8, plane_shift: u32) {
        let bytes = block_bytes(plane_shift);
        if plane_shift >= DEDICATED_SHIFT {
            // SAFETY: the block is its own mapping of `bytes` (see `take`), no longer used.
            unsafe { libc::munmap(block.cast(), bytes) };
            return;
        }
        let page = region::page::size();
        if bytes.is_multiple_of(page) && (block as usize).is_multiple_of(page) {
            // Whole pages: dropped, so the memory goes back to the kernel and reads as zero again.
            // SAFETY: the pages belong to this block alone (blocks of this size are page-sized and page-aligned)
            // and nothing uses them any more.
            if unsafe { libc::madvise(block.cast(), bytes, libc::MADV_DONTNEED) } != 0 {
                // SAFETY: as above; the block is writable memory of `bytes`.
                unsafe { std::ptr::write_bytes(block, 0, bytes) };
            }
        } else {
            // SAFETY: the block is writable memory of `bytes` that nothing uses any more.
            unsafe { std::ptr::write_bytes(block, 0, bytes) };
        }
        CLASSES.lock().unwrap_or_else(|e| e.into_inner())[plane_shift as usize].free.push(block as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    /// A block given back comes out again zeroed, for small (shared pages) and page-sized planes.
    #[test]
    fn blocks_come_back_zeroed_and_are_reused() {
        for lines in [3, 100] {
            let planes = EntryPlanes::new(lines);
            let (first, last) = (planes.line(0).0[0].as_ptr() as usize, planes.shard(lines - 1, 15).0[7].as_ptr());
            for f in 0..lines {
                planes.line(f).0[1].store(7, Ordering::Relaxed);
                for s in 0..planes.shards() {
                    planes.shard(f, s).0[0].store(u64::MAX, Ordering::Relaxed);
                }
            }
            // The last shard line ends inside the block (which has room for the plane rounded up).
            let bytes = pool::block_bytes(planes.plane_shift());
            assert!(last as usize + 8 - first <= bytes && bytes < 17 * 128 * lines.max(1), "{lines} lines: {bytes}");
            drop(planes);
            // Other tests may take blocks of this size meanwhile: look for ours among a few.
            let again: Vec<EntryPlanes> = (0..8).map(|_| EntryPlanes::new(lines)).collect();
            let ours = again.iter().find(|p| p.line(0).0[0].as_ptr() as usize == first).expect("the block is reused");
            for f in 0..lines {
                assert_eq!(ours.line(f).0[1].load(Ordering::Relaxed), 0);
                for s in 0..ours.shards() {
                    assert_eq!(ours.shard(f, s).0[0].load(Ordering::Relaxed), 0);
                }
            }
        }
    }
}
