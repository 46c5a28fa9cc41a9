//! The memory behind the functions' entry lines and their shards: one mapping of equal planes.
//!
//! Plane 0 holds each function's entry line (counter, threshold and what its counting entry needs; see
//! [`crate::Counters`]). Planes 1 to [`EntryPlanes::shards`] hold the entry counters' shards: line `f` of plane
//! `1 + s` is shard `s` of function `f`. A counting entry picks the shard from the calling thread's stack pointer, so
//! threads running one function write different lines, and a thread that runs alone writes one plane only: the
//! other planes stay untouched (never backed by memory).
//!
//! A plane is a power of two of bytes, so an entry finds its shard with a shift: the shard's line is at
//! `line + plane + (s << plane_shift)`.

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
    bytes: usize,
    lines: usize,
    plane_shift: u32,
}

// SAFETY: the mapping is plain memory owned by this value and only ever accessed through `AtomicU64`s.
unsafe impl Send for EntryPlanes {}
// SAFETY: as above: shared access goes through atomics only.
unsafe impl Sync for EntryPlanes {}

impl EntryPlanes {
    /// Planes for `lines` entry lines (reserved address space: `1 + shards` times the lines' size rounded up to a
    /// power of two; memory only where touched).
    pub(crate) fn new(lines: usize) -> Self {
        let page = region::page::size();
        let plane = (lines.max(1) * std::mem::size_of::<Line>()).next_power_of_two().max(page);
        let plane_shift = plane.trailing_zeros();
        let bytes = plane * (1 + (1 << SHARD_BITS));
        // SAFETY: a fresh anonymous private mapping (zero-filled, backed on first touch); checked for failure below.
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
            let layout = std::alloc::Layout::from_size_align(bytes, page).unwrap_or(std::alloc::Layout::new::<Line>());
            std::alloc::handle_alloc_error(layout);
        }
        EntryPlanes { base: base.cast(), bytes, lines, plane_shift }
    }

    /// Entry line `f` (plane 0).
    pub(crate) fn line(&self, f: usize) -> &Line {
        assert!(f < self.lines, "entry line {f} of {}", self.lines);
        // SAFETY: `f` is below `lines`, which plane 0 holds; the mapping lives as long as `self`, is zero-filled
        // (a valid `Line` of atomics) and is only accessed through atomics.
        unsafe { &*self.base.add(f) }
    }

    /// Shard `s` of entry line `f`.
    pub(crate) fn shard(&self, f: usize, s: usize) -> &Line {
        assert!(f < self.lines && s < self.shards(), "shard {s} of entry line {f}");
        let offset = (1 + s) << self.plane_shift;
        // SAFETY: `f` lies within a plane and `1 + s` is one of the mapping's `1 + shards` planes, so the line is
        // inside the mapping; validity and access as in `line`.
        unsafe { &*self.base.byte_add(offset).add(f) }
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

impl Drop for EntryPlanes {
    fn drop(&mut self) {
        // SAFETY: the mapping was made by `new` with this size and nothing refers to it once its owner is gone.
        unsafe { libc::munmap(self.base.cast(), self.bytes) };
    }
}
