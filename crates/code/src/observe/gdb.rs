//! The GDB JIT interface: a debugger puts a breakpoint in `__jit_debug_register_code` and, each time it is hit,
//! reads `__jit_debug_descriptor` to learn which in-memory object file was added or removed. Each registration
//! here is one such object ([`super::elf::symbol_file`]), linked into the descriptor's list until it is dropped.

use std::sync::Mutex;

const JIT_NOACTION: u32 = 0;
const JIT_REGISTER_FN: u32 = 1;
const JIT_UNREGISTER_FN: u32 = 2;

/// An entry of the descriptor's doubly linked list, laid out as the debugger expects.
#[repr(C)]
struct JitCodeEntry {
    next: *mut JitCodeEntry,
    prev: *mut JitCodeEntry,
    symfile_addr: *const u8,
    symfile_size: u64,
}

/// The descriptor the debugger reads, laid out as the debugger expects (version 1).
#[repr(C)]
struct JitDescriptor {
    version: u32,
    action_flag: u32,
    relevant_entry: *mut JitCodeEntry,
    first_entry: *mut JitCodeEntry,
}

unsafe extern "C" {
    /// The process's JIT descriptor, found by debuggers by this exact name; libLLVM defines it (its ORC and MCJIT
    /// debugger support write to the same one), whether linked statically or as the shared library. Only changed
    /// under `LIST` here.
    static mut __jit_debug_descriptor: JitDescriptor;
    /// Called after every change to the descriptor; a debugger keeps a breakpoint here (libLLVM's, an empty
    /// function it keeps from being inlined; calling it has no precondition).
    safe fn __jit_debug_register_code();
}

/// Serializes every change to the descriptor and its list (the debugger reads them only while the process is
/// stopped in `__jit_debug_register_code`).
static LIST: Mutex<()> = Mutex::new(());

/// One object file registered with the debugger; dropping it unregisters the object.
pub(crate) struct Registration {
    /// Owned, heap-pinned list entry (a raw `Box`), freed in `Drop` after it is unlinked.
    entry: *mut JitCodeEntry,
    /// The object file the entry points at; it must stay put while registered.
    _symfile: Box<[u8]>,
}

// SAFETY: the entry is only touched under `LIST`, and the symbol file is immutable; a registration may be
// dropped on any thread.
unsafe impl Send for Registration {}

impl Registration {
    /// Links `symfile` at the head of the descriptor's list and tells the debugger.
    pub(crate) fn new(symfile: Vec<u8>) -> Registration {
        let symfile = symfile.into_boxed_slice();
        let entry = Box::into_raw(Box::new(JitCodeEntry {
            next: std::ptr::null_mut(),
            prev: std::ptr::null_mut(),
            symfile_addr: symfile.as_ptr(),
            symfile_size: symfile.len() as u64,
        }));
        let _guard = LIST.lock().unwrap_or_else(|e| e.into_inner());
        let desc = &raw mut __jit_debug_descriptor;
        // SAFETY: `LIST` is held, so nothing else reads or writes the descriptor or the list now (the debugger only
        // reads them while the process is stopped at the call below). `entry` is a fresh, valid allocation; the old
        // head, if any, is a live entry owned by another `Registration`, which unlinks it under `LIST` before freeing.
        unsafe {
            let head = (*desc).first_entry;
            (*entry).next = head;
            if !head.is_null() {
                (*head).prev = entry;
            }
            (*desc).first_entry = entry;
            (*desc).relevant_entry = entry;
            (*desc).action_flag = JIT_REGISTER_FN;
        }
        __jit_debug_register_code();
        // SAFETY: as above, under `LIST`.
        unsafe { (*desc).action_flag = JIT_NOACTION };
        Registration { entry, _symfile: symfile }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let _guard = LIST.lock().unwrap_or_else(|e| e.into_inner());
        let desc = &raw mut __jit_debug_descriptor;
        // SAFETY: `LIST` is held; `self.entry` is linked (linked in `new`, unlinked only here) and its neighbours are
        // live entries of other registrations, which can only unlink themselves under `LIST`.
        unsafe {
            let e = self.entry;
            if (*e).prev.is_null() {
                (*desc).first_entry = (*e).next;
            } else {
                (*(*e).prev).next = (*e).next;
            }
            if !(*e).next.is_null() {
                (*(*e).next).prev = (*e).prev;
            }
            (*desc).relevant_entry = e;
            (*desc).action_flag = JIT_UNREGISTER_FN;
        }
        __jit_debug_register_code();
        // SAFETY: under `LIST`; the debugger has seen the removal, so the entry is no longer referenced by the list
        // or the descriptor once `relevant_entry` is cleared, and it came from `Box::into_raw` in `new`.
        unsafe {
            (*desc).action_flag = JIT_NOACTION;
            (*desc).relevant_entry = std::ptr::null_mut();
            drop(Box::from_raw(self.entry));
        }
    }
}

/// The number of object files registered now (for tests).
pub(crate) fn registered() -> usize {
    let _guard = LIST.lock().unwrap_or_else(|e| e.into_inner());
    let mut n = 0;
    let desc = &raw const __jit_debug_descriptor;
    // SAFETY: under `LIST`; every entry in the list is live (owned by a `Registration` that unlinks it under
    // `LIST` before freeing it).
    unsafe {
        let mut e = (*desc).first_entry;
        while !e.is_null() {
            n += 1;
            e = (*e).next;
        }
    }
    n
}
