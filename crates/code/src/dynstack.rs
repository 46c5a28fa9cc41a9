//! The dynamic-alloca stack: a per-thread region for `alloca`s whose size or count is only known at run time
//! (C variable-length arrays), which Cranelift's fixed-size frames cannot hold.
//!
//! Each thread has two cells: the top of its region and its innermost activation record. A tier-0 function that
//! uses the region calls [`dynamic_stack_enter_address`] on entry with its frame pointer, which pushes a record
//! (the frame pointer, the previous record, the top before the record) and returns the cells; the function then
//! bumps the top down for each dynamic alloca and, on return, restores the top and the innermost record from its
//! record. `llvm.stacksave`/`llvm.stackrestore` read and write the top. A guard page below the region turns an
//! overflow into a fault instead of silent corruption.
//!
//! A frame that leaves without returning (a C++ exception unwinding through it, a `longjmp` over it) skips its
//! restore. The next entry reclaims what such frames held: every record whose frame pointer is at or below the
//! entering function's is of a frame that is gone (the stack grows down, so live callers' frames are above), and is
//! popped with its allocations. Without that, a program throwing through a variable-length array in a loop ran
//! out of its region. (The order of frame pointers is the order of frames on one stack: a signal handler running
//! on an alternate stack mapped above the interrupted thread's stack, which uses the region, would take the records
//! of live frames for gone ones.)

use region::{Allocation, Protection};
use std::cell::Cell;

/// Size of each thread's region.
pub const DYNAMIC_STACK_SIZE: usize = 64 << 20;

/// Words of an activation record: frame pointer, previous record, top before the record, padding.
const RECORD_WORDS: usize = 4;

struct DynStack {
    _mem: Option<Allocation>,
    /// The top of the region (0 if it could not be mapped) and the innermost activation record (0 if none).
    cells: [Cell<usize>; 2],
}

impl DynStack {
    fn new() -> Self {
        let page = region::page::size();
        let unmapped = || DynStack { _mem: None, cells: [Cell::new(0), Cell::new(0)] };
        let Ok(mut mem) = region::alloc(DYNAMIC_STACK_SIZE + page, Protection::READ_WRITE) else {
            return unmapped();
        };
        let base = mem.as_mut_ptr::<u8>();
        // SAFETY: the first page of our own fresh mapping becomes the guard; nothing references it.
        if unsafe { region::protect(base, page, Protection::NONE) }.is_err() {
            return unmapped();
        }
        let top = base as usize + mem.len();
        DynStack { _mem: Some(mem), cells: [Cell::new(top), Cell::new(0)] }
    }
}

thread_local! {
    static STACK: DynStack = DynStack::new();
}

extern "C" fn dynamic_stack_enter(frame: usize) -> *mut usize {
    STACK.with(|s| {
        let [top, innermost] = &s.cells;
        if top.get() == 0 {
            return top.as_ptr();
        }
        // Records of frames that are gone: at or below this frame.
        while innermost.get() != 0 {
            let record = innermost.get() as *const usize;
            // SAFETY: every record was written below by this thread inside its own region, which stays mapped
            // while the thread lives; records are popped before the space they occupy is reused.
            let (owner, previous, saved_top) = unsafe { (*record, *record.add(1), *record.add(2)) };
            if owner > frame {
                break;
            }
            top.set(saved_top);
            innermost.set(previous);
        }
        let record = (top.get() - RECORD_WORDS * 8) & !15;
        // SAFETY: `record` lies inside this thread's region below its top (or in the guard page, which faults as
        // any overflow of the region does); nothing else uses that space.
        unsafe {
            let r = record as *mut usize;
            r.write(frame);
            r.add(1).write(innermost.get());
            r.add(2).write(top.get());
        }
        innermost.set(record);
        top.set(record);
        top.as_ptr()
    })
}

/// Address of `extern "C" fn(frame_pointer: usize) -> *mut usize`, called on entry by a function that uses the
/// dynamic stack: pops the records of frames that left without returning, pushes the caller's record and returns
/// the thread's cells (`[0]` the top, `[1]` the innermost record, which is now the caller's). The caller restores
/// both cells from its record (`[1]` previous record, `[2]` previous top) when it returns.
pub fn dynamic_stack_enter_address() -> usize {
    dynamic_stack_enter as *const () as usize
}
