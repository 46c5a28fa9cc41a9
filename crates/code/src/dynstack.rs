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
//! A thread's region is mapped at its first use and unmapped by a `pthread_key_create` destructor when the thread
//! ends. The cells are thread-locals without a destructor: a thread's end runs the program's own `thread_local`
//! and key destructors, which are JIT code and may use the region after Rust's thread-locals with destructors are
//! gone (reaching one of those from the entry below would abort the process).
//!
//! A frame that leaves without returning (a C++ exception unwinding through it, a `longjmp` over it) skips its
//! restore. The next entry reclaims what such frames held: every record whose frame pointer is at or below the
//! entering function's is of a frame that is gone (the stack grows down, so live callers' frames are above), and is
//! popped with its allocations. Without that, a program throwing through a variable-length array in a loop ran
//! out of its region. (The order of frame pointers is the order of frames on one stack: a signal handler running
//! on an alternate stack mapped above the interrupted thread's stack, which uses the region, would take the records
//! of live frames for gone ones.)

use std::cell::Cell;
use std::ffi::c_void;
use std::sync::OnceLock;

/// Size of each thread's region.
pub const DYNAMIC_STACK_SIZE: usize = 64 << 20;

/// Words of an activation record: frame pointer, previous record, top before the record, padding.
const RECORD_WORDS: usize = 4;

thread_local! {
    /// This thread's cells: the top of its region (0 while it has none) and the innermost activation record (0 if
    /// none). Plain cells, without a destructor, so they stay usable while the thread ends: a program's
    /// `thread_local` or `pthread_key_create` destructors are JIT code too, and run after Rust's own thread-locals
    /// may have been destroyed.
    static CELLS: [Cell<usize>; 2] = const { [Cell::new(0), Cell::new(0)] };
}

/// Length of a region's mapping: a guard page, then the region.
fn mapping_len() -> usize {
    DYNAMIC_STACK_SIZE + region::page::size()
}

/// The key whose destructor unmaps a thread's region when the thread ends (`None` if the process has no key left:
/// regions then stay mapped).
fn release_key() -> Option<libc::pthread_key_t> {
    static KEY: OnceLock<Option<libc::pthread_key_t>> = OnceLock::new();
    *KEY.get_or_init(|| {
        let mut key: libc::pthread_key_t = 0;
        // SAFETY: `key` is valid for the write; `release` is a plain function that lives for the whole process.
        (unsafe { libc::pthread_key_create(&mut key, Some(release)) } == 0).then_some(key)
    })
}

/// Unmaps the ending thread's region (the key's destructor). The C library calls it after the thread's start
/// routine and its `thread_local` destructors have returned, and after or between the program's own key
/// destructors: no frame of the thread is running in the region. A later destructor that uses the region maps a
/// new one, which the C library's next round of key destructors releases.
unsafe extern "C" fn release(base: *mut c_void) {
    CELLS.with(|[top, innermost]| {
        top.set(0);
        innermost.set(0);
    });
    // SAFETY: `base` is the start of the mapping `map_region` made for this thread and gave to the key; nothing
    // refers to it any more (see above).
    unsafe { libc::munmap(base, mapping_len()) };
}

/// Maps a region for this thread and returns its top, or 0 if it cannot be mapped.
fn map_region() -> usize {
    let len = mapping_len();
    // SAFETY: a fresh anonymous private mapping at an address of the kernel's choice touches no existing memory.
    let base = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if base == libc::MAP_FAILED {
        return 0;
    }
    // SAFETY: the first page of our own fresh mapping becomes the guard; nothing references it.
    let guarded = unsafe { libc::mprotect(base, region::page::size(), libc::PROT_NONE) } == 0;
    // SAFETY: the key exists (it was created above); the value is this thread's own mapping.
    let owned = guarded && release_key().is_none_or(|key| unsafe { libc::pthread_setspecific(key, base) } == 0);
    if !owned {
        // SAFETY: our own mapping, not yet handed out.
        unsafe { libc::munmap(base, len) };
        return 0;
    }
    base as usize + len
}

extern "C" fn dynamic_stack_enter(frame: usize) -> *mut usize {
    CELLS.with(|[top, innermost]| {
        if top.get() == 0 {
            top.set(map_region());
            if top.get() == 0 {
                return top.as_ptr();
            }
        }
        // Records of frames that are gone: at or below this frame.
        while innermost.get() != 0 {
            let record = innermost.get() as *const usize;
            // SAFETY: every record was written below by this thread inside its own region, which stays mapped
            // until the thread's key destructors release it (then the cells are reset); records are popped before
            // the space they occupy is reused.
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
