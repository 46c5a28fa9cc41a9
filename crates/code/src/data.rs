//! Memory for a module's global variables: one zeroed, fixed-address block.

use std::alloc::Layout;

/// A zero-initialized, 64-byte aligned block that never moves and is freed on drop.
pub struct DataBlock {
    ptr: *mut u8,
    layout: Layout,
}

impl DataBlock {
    /// A zeroed block of `size` bytes (at least one).
    pub fn new(size: usize) -> Option<Self> {
        let layout = Layout::from_size_align(size.max(1), 64).ok()?;
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
        (!ptr.is_null()).then_some(DataBlock { ptr, layout })
    }

    /// Address of the first byte.
    pub fn address(&self) -> usize {
        self.ptr as usize
    }

    /// Size in bytes.
    pub fn len(&self) -> usize {
        self.layout.size()
    }

    /// Whether the block is empty (never: at least one byte is allocated).
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The block's bytes, for writing initializers before any code runs.
    pub fn bytes_mut(&mut self) -> &mut [u8] {
        // SAFETY: `ptr` points to `layout.size()` initialized (zeroed) bytes owned by `self`, borrowed mutably.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.layout.size()) }
    }
}

impl Drop for DataBlock {
    fn drop(&mut self) {
        // SAFETY: allocated in `new` with exactly this layout.
        unsafe { std::alloc::dealloc(self.ptr, self.layout) }
    }
}

// SAFETY: the block is plain memory; JIT code accesses it with its own synchronization, like any C global.
unsafe impl Send for DataBlock {}
// SAFETY: as above.
unsafe impl Sync for DataBlock {}
