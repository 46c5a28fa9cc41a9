//! Memory for a module's global variables: one zeroed, fixed-address block of its own pages.
//!
//! The block is a mapping of its own, followed by an inaccessible guard page, rather than heap memory: a program
//! that writes past the end of its last global (undefined behaviour, which native code often survives until it
//! reaches unmapped memory) faults at the guard instead of overwriting the runtime's own data next to it in the
//! heap, which could leave the host process hung on a lock instead of crashed.

/// A zero-initialized, page-aligned block that never moves and is unmapped on drop.
pub struct DataBlock {
    ptr: *mut u8,
    /// Bytes asked for.
    len: usize,
    /// Bytes mapped: `len` rounded up to pages, plus the guard page.
    mapped: usize,
}

fn page_size() -> usize {
    // SAFETY: `sysconf` has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    usize::try_from(page).ok().filter(|&p| p > 0).unwrap_or(4096)
}

impl DataBlock {
    /// A zeroed block of `size` bytes (at least one), followed by a guard page.
    pub fn new(size: usize) -> Option<Self> {
        let page = page_size();
        let len = size.max(1);
        let usable = len.checked_next_multiple_of(page)?;
        let mapped = usable.checked_add(page)?;
        // SAFETY: a fresh private anonymous mapping (zero-filled) at an address the kernel picks; no existing
        // memory is affected.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mapped,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return None;
        }
        let block = DataBlock { ptr: ptr.cast(), len, mapped };
        // SAFETY: the last page lies inside the mapping just made, which nothing else refers to yet.
        let guarded = unsafe { libc::mprotect(ptr.cast::<u8>().add(usable).cast(), page, libc::PROT_NONE) };
        // On failure `block` is dropped, which unmaps it.
        (guarded == 0).then_some(block)
    }

    /// Address of the first byte.
    pub fn address(&self) -> usize {
        self.ptr as usize
    }

    /// Size in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the block is empty (never: at least one byte is allocated).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The block's bytes, for writing initializers before any code runs.
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: `ptr` points to `len` zero-initialized, readable and writable bytes of the mapping owned by
        // `self`, borrowed mutably.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }
}

impl Drop for DataBlock {
    fn drop(&mut self) {
        // SAFETY: the mapping of `mapped` bytes at `ptr` was made in `new` and is owned by `self` alone.
        unsafe { libc::munmap(self.ptr.cast(), self.mapped) };
    }
}

// SAFETY: the block is plain memory; JIT code accesses it with its own synchronization, like any C global.
unsafe impl Send for DataBlock {}
// SAFETY: as above.
unsafe impl Sync for DataBlock {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_zeroed_page_aligned_and_writable_to_its_end() {
        let mut block = DataBlock::new(5000).unwrap();
        assert_eq!(block.address() % page_size(), 0);
        assert_eq!(block.len(), 5000);
        let bytes = block.bytes_mut();
        assert!(bytes.iter().all(|&b| b == 0));
        bytes[4999] = 7;
        assert_eq!(block.bytes_mut()[4999], 7);
    }

    #[test]
    fn the_page_after_the_block_is_inaccessible() {
        let block = DataBlock::new(100).unwrap();
        let guard = block.address() + page_size();
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        let line = maps
            .lines()
            .find(|l| {
                let range = l.split_whitespace().next().unwrap();
                let (start, end) = range.split_once('-').unwrap();
                let (start, end) = (usize::from_str_radix(start, 16).unwrap(), usize::from_str_radix(end, 16).unwrap());
                (start..end).contains(&guard)
            })
            .expect("the guard page is mapped");
        assert!(line.split_whitespace().nth(1).unwrap().starts_with("---p"), "{line}");
    }
}
