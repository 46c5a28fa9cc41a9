//! The dynamic-alloca stack: a per-thread region for `alloca`s whose size or count is only known at run time
//! (C variable-length arrays), which Cranelift's fixed-size frames cannot hold.
//!
//! Tier-0 code saves the thread's top on entry, bumps it down for each dynamic alloca, and restores it on return;
//! `llvm.stacksave`/`llvm.stackrestore` read and write the top. A guard page below the region turns an overflow
//! into a fault instead of silent corruption.

use region::{Allocation, Protection};
use std::cell::Cell;

/// Size of each thread's region.
pub const DYNAMIC_STACK_SIZE: usize = 64 << 20;

struct DynStack {
    _mem: Option<Allocation>,
    top: Cell<usize>,
}

impl DynStack {
    fn new() -> Self {
        let page = region::page::size();
        let Ok(mut mem) = region::alloc(DYNAMIC_STACK_SIZE + page, Protection::READ_WRITE) else {
            return DynStack { _mem: None, top: Cell::new(0) };
        };
        let base = mem.as_mut_ptr::<u8>();
        // SAFETY: the first page of our own fresh mapping becomes the guard; nothing references it.
        let guarded = unsafe { region::protect(base, page, Protection::NONE) }.is_ok();
        let top = base as usize + mem.len();
        DynStack { _mem: guarded.then_some(mem), top: Cell::new(if guarded { top } else { 0 }) }
    }
}

thread_local! {
    static STACK: DynStack = DynStack::new();
}

extern "C" fn dynamic_stack_cell() -> *mut usize {
    STACK.with(|s| s.top.as_ptr())
}

/// Address of `extern "C" fn() -> *mut usize`, which returns the calling thread's dynamic-stack top cell (its
/// region is mapped on the thread's first call). The cell holds 0 if the region could not be mapped.
pub fn dynamic_stack_cell_address() -> usize {
    dynamic_stack_cell as *const () as usize
}
