//! Page-granular memory that is written once and then made executable (W^X).

use crate::unwind::FrameRegistration;
use crate::{Error, Result};
use region::{Allocation, Protection};

/// A small executable buffer of leaf code (code that calls nothing and never moves the stack pointer, such as
/// tail-jumping thunks): bytes are copied in while the pages are writable, then the pages become read+execute and
/// never writable again. The unwinder knows it as leaf code while it is mapped.
pub struct ExecBuffer {
    // Declared first: deregistered before the memory is unmapped.
    _frame: FrameRegistration,
    alloc: Allocation,
}

impl ExecBuffer {
    /// Maps fresh pages, copies `code` (leaf code only) to their start and makes them read+execute.
    pub fn new(code: &[u8]) -> Result<Self> {
        let mut alloc = region::alloc(code.len().max(1), Protection::READ_WRITE)?;
        let dst = alloc.as_mut_ptr::<u8>();
        // SAFETY: `alloc` is a fresh read+write mapping of at least `code.len()` bytes that nothing else references.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), dst, code.len()) };
        // SAFETY: the range is exactly the mapping we own; no code runs from it yet.
        unsafe { region::protect(dst, alloc.len(), Protection::READ_EXECUTE)? };
        let frame = FrameRegistration::for_leaf_code(dst as usize, code.len().max(1)).map_err(Error::Unwind)?;
        Ok(ExecBuffer { _frame: frame, alloc })
    }

    /// Address of the first byte.
    pub fn address(&self) -> usize {
        self.alloc.as_ptr::<u8>() as usize
    }
}

// SAFETY: the mapping is immutable after construction; sharing its address between threads is sound.
unsafe impl Send for ExecBuffer {}
// SAFETY: as above, no interior mutability.
unsafe impl Sync for ExecBuffer {}
