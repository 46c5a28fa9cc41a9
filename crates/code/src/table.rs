//! The function table: one stub and one slot per function, in one mapping.
//!
//! Layout: `[slot pages | globals | stub pages | counting entry pages | lazy entry pages]`. Stub `i` is 16 bytes,
//! `endbr64; mov r11d, id; jmp [rip+disp32]`, where the displacement reaches slot `i` (8 bytes). Lazy entry `i`
//! is the same three instructions jumping through one cell that holds the compile-on-first-call trampoline: slot
//! `i` holds it until the function has code, so a slot always holds code that needs nothing from its caller, and
//! optimized code may call through a slot whatever the function's state. A table made for instrumented code also
//! has one counting entry per function (see `entry_counts`), which counts a call and jumps on to the function's
//! tier-0 code. Stub and entry pages are read+execute after construction and never writable again; slot pages
//! stay read+write. The mapping never moves while the table lives.

use crate::code_words::CodeWords;
use crate::counters::Counters;
use crate::entry_counts::{ENTRY_SIZE, encode_entry};
use crate::trampoline::{self, LazyResolve, Registration};
use crate::unwind::FrameRegistration;
use crate::{Error, Result};
use region::{Allocation, Protection};
use std::sync::Weak;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes per stub.
pub const STUB_SIZE: usize = 16;
const SLOT_SIZE: usize = 8;
/// Bytes in front of the lazy entries: the cell that holds the trampoline's address (16, to keep the entries
/// aligned as the stubs are).
const LAZY_CELL: usize = 16;

/// Fixed-address stubs and atomic code slots for `len` functions, and optionally the memory of the module's
/// global variables just in front of the stubs (see [`FunctionTable::with_globals`]).
pub struct FunctionTable {
    // Declared first: the unwinder forgets the stubs before they are unmapped.
    _frame: FrameRegistration,
    alloc: Allocation,
    len: usize,
    /// Bytes of global variables asked for (the area is rounded up to pages; the stubs start after it).
    globals_len: usize,
    /// Where the globals start in the mapping: after the slots.
    globals_offset: usize,
    /// Where the stubs start in the mapping: after the globals.
    stubs_offset: usize,
    /// Where the counting entries start (0: none).
    entries_offset: usize,
    /// Where the lazy entries start, from the stubs.
    lazy_offset: usize,
    registration: Registration,
    /// Words of the globals that follow slots (see [`FunctionTable::set_code_words`]).
    code_words: CodeWords,
}

fn round_up(n: usize, to: usize) -> usize {
    n.div_ceil(to) * to
}

fn encode_stub(id: u32, stub_addr: usize, slot_addr: usize) -> [u8; STUB_SIZE] {
    let mut s = [0u8; STUB_SIZE];
    s[0..4].copy_from_slice(&[0xf3, 0x0f, 0x1e, 0xfa]); // endbr64
    s[4] = 0x41; // mov r11d, imm32
    s[5] = 0xbb;
    s[6..10].copy_from_slice(&id.to_le_bytes());
    s[10] = 0xff; // jmp [rip + disp32]
    s[11] = 0x25;
    let next = stub_addr + STUB_SIZE;
    let disp = (slot_addr as i64 - next as i64) as i32;
    s[12..16].copy_from_slice(&disp.to_le_bytes());
    s
}

impl FunctionTable {
    /// A table of `len` functions whose slots all start at the lazy trampoline; the trampoline asks `resolver` for
    /// code (by index in this table) on a function's first call. The table holds the resolver weakly: its owner
    /// keeps it alive.
    pub fn new(len: usize, resolver: Weak<dyn LazyResolve>) -> Result<Self> {
        Self::build(len, resolver, None, 0)
    }

    /// A table as [`FunctionTable::new`] makes, with a counting entry per function that counts calls on
    /// `counters`' entry lines (which must outlive the table).
    pub fn with_counting_entries(len: usize, resolver: Weak<dyn LazyResolve>, counters: &Counters) -> Result<Self> {
        Self::build(len, resolver, Some(counters), 0)
    }

    /// A table as [`FunctionTable::new`] (or, with `counters`, [`FunctionTable::with_counting_entries`]) makes,
    /// whose mapping also holds `globals` zeroed bytes for the module's global variables
    /// ([`FunctionTable::globals_mut`]), page-aligned, between the slots and the stubs. The stubs, read and
    /// execute only, follow them: a program that writes past the end of its last global (undefined behaviour,
    /// which native code often survives until it reaches unmapped memory) faults there, as natively, instead of
    /// overwriting the runtime's own memory. The slots and the globals are one read+write mapping to the kernel.
    pub fn with_globals(
        len: usize,
        resolver: Weak<dyn LazyResolve>,
        counters: Option<&Counters>,
        globals: usize,
    ) -> Result<Self> {
        Self::build(len, resolver, counters, globals)
    }

    fn build(len: usize, resolver: Weak<dyn LazyResolve>, counters: Option<&Counters>, globals: usize) -> Result<Self> {
        let page = region::page::size();
        let globals_bytes = if globals == 0 { 0 } else { round_up(globals, page) };
        let stubs_bytes = round_up((len * STUB_SIZE).max(1), page);
        let entries_bytes = if counters.is_some() { round_up((len * ENTRY_SIZE).max(1), page) } else { 0 };
        let slots_bytes = round_up((len * SLOT_SIZE).max(1), page);
        // The trampoline's cell, then one lazy entry per function.
        let lazy_bytes = round_up(LAZY_CELL + len * STUB_SIZE, page);
        let code_bytes = stubs_bytes + entries_bytes + lazy_bytes;
        // Counting entries reach their shards with a 32-bit displacement.
        let plane_shift = match counters {
            Some(counters) => counters.entry_plane_shift().ok_or(Error::IdSpace(len))?,
            None => 0,
        };
        if code_bytes + slots_bytes > (1 << 31) {
            return Err(Error::IdSpace(len));
        }
        // A stub's `jmp [rip+disp32]` reaches over the globals to its slot.
        if code_bytes + slots_bytes + globals_bytes > (1 << 31) {
            return Err(Error::GlobalsTooLarge(globals));
        }
        let registration = trampoline::register(len, resolver)?;
        // Slots, globals, then stubs and entries: the two read+write parts are one mapping to the kernel, and
        // what runs past the globals reaches read+execute pages.
        let mut alloc = region::alloc(slots_bytes + globals_bytes + code_bytes, Protection::READ_WRITE)?;
        let slots_addr = alloc.as_mut_ptr::<u8>() as usize;
        // SAFETY: the mapping holds `code_bytes` after the slots and globals, so the offset stays inside it.
        let base = unsafe { alloc.as_mut_ptr::<u8>().add(slots_bytes + globals_bytes) };
        let base_addr = base as usize;
        let cell = base_addr + stubs_bytes + entries_bytes;
        // SAFETY: the cell is the first, 8-byte aligned word of the lazy entry pages, inside the fresh read+write
        // mapping, and nothing runs from it yet.
        unsafe { (cell as *mut usize).write(trampoline::lazy_trampoline_address()) };
        for i in 0..len {
            let id = registration.base + i as u32;
            let stub_addr = base_addr + i * STUB_SIZE;
            let slot_addr = slots_addr + i * SLOT_SIZE;
            let lazy_addr = cell + LAZY_CELL + i * STUB_SIZE;
            let stub = encode_stub(id, stub_addr, slot_addr);
            let lazy = encode_stub(id, lazy_addr, cell);
            // SAFETY: stub `i`, lazy entry `i` and slot `i` lie inside the fresh read+write mapping (`len` stubs fit
            // in `stubs_bytes`, the cell and `len` lazy entries in `lazy_bytes`, `len` slots in `slots_bytes`),
            // slots are 8-byte aligned, and nothing runs from it yet.
            unsafe {
                std::ptr::copy_nonoverlapping(stub.as_ptr(), stub_addr as *mut u8, STUB_SIZE);
                std::ptr::copy_nonoverlapping(lazy.as_ptr(), lazy_addr as *mut u8, STUB_SIZE);
                (slot_addr as *mut usize).write(lazy_addr);
            }
        }
        if let Some(counters) = counters {
            for i in 0..len {
                counters.prepare_counting_entry(i as u32, registration.base + i as u32);
                let code = encode_entry(counters.entry_address(i as u32), plane_shift);
                // SAFETY: entry `i` lies inside the fresh read+write mapping, in the `entries_bytes` after the
                // stubs (`len` entries fit there), and nothing runs from it yet.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        code.as_ptr(),
                        (base_addr + stubs_bytes + i * ENTRY_SIZE) as *mut u8,
                        ENTRY_SIZE,
                    )
                };
            }
        }
        // SAFETY: the first `code_bytes` of our own mapping hold only the stubs, entries and the trampoline's cell
        // just written; from here on they are read+execute and never written again.
        unsafe { region::protect(base, code_bytes, Protection::READ_EXECUTE)? };
        // A stub or an entry only jumps on, without touching the stack: a frame interrupted in one is its
        // caller's call, return address at `[rsp]`.
        let frame = FrameRegistration::for_leaf_code(base_addr, code_bytes).map_err(Error::Unwind)?;
        let entries_offset = if counters.is_some() { stubs_bytes } else { 0 };
        Ok(FunctionTable {
            _frame: frame,
            alloc,
            len,
            globals_len: globals,
            globals_offset: slots_bytes,
            stubs_offset: slots_bytes + globals_bytes,
            entries_offset,
            lazy_offset: stubs_bytes + entries_bytes + LAZY_CELL,
            registration,
            code_words: CodeWords::default(),
        })
    }

    /// Address of the globals' memory (meaningful when the table was made by [`FunctionTable::with_globals`]).
    pub fn globals_address(&self) -> usize {
        self.alloc.as_ptr::<u8>() as usize + self.globals_offset
    }

    /// The globals' memory, for writing their initializers before any code runs: the `globals` bytes asked for
    /// in [`FunctionTable::with_globals`] (none for other tables).
    pub fn globals_mut(&mut self) -> &mut [u8] {
        // SAFETY: the mapping holds at least `globals_len` zero-initialized read+write bytes at `globals_offset`,
        // owned by the table, borrowed mutably here.
        unsafe {
            std::slice::from_raw_parts_mut(self.alloc.as_mut_ptr::<u8>().add(self.globals_offset), self.globals_len)
        }
    }

    /// Where the stubs start.
    fn stubs(&self) -> usize {
        self.alloc.as_ptr::<u8>() as usize + self.stubs_offset
    }

    /// Number of functions.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table has no functions.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The stable public address of function `i`.
    pub fn stub(&self, i: usize) -> usize {
        assert!(i < self.len, "function index {i} out of range");
        self.stubs() + i * STUB_SIZE
    }

    /// The counting entry of function `i`, if the table has them: it counts a call on the function's entry line
    /// and jumps to the code set with [`Counters::set_entry_target`].
    pub fn counting_entry(&self, i: usize) -> Option<usize> {
        assert!(i < self.len, "function index {i} out of range");
        (self.entries_offset != 0).then(|| self.stubs() + self.entries_offset + i * ENTRY_SIZE)
    }

    fn slot_ref(&self, i: usize) -> &AtomicUsize {
        assert!(i < self.len, "function index {i} out of range");
        // The slots start the mapping.
        let addr = self.alloc.as_ptr::<u8>() as usize + i * SLOT_SIZE;
        // SAFETY: slot `i` is an 8-byte aligned, read+write word inside the mapping, which lives as long as `self`;
        // every access to it goes through this atomic view (JIT code only reads it).
        unsafe { &*(addr as *const AtomicUsize) }
    }

    /// Address of function `i`'s slot (JIT code loads the current code pointer from it).
    pub fn slot_address(&self, i: usize) -> usize {
        self.slot_ref(i) as *const AtomicUsize as usize
    }

    /// The code that currently runs for function `i`.
    pub fn current(&self, i: usize) -> usize {
        self.slot_ref(i).load(Ordering::Acquire)
    }

    /// Function `i`'s lazy entry: what its slot holds until it has code (it loads the function's id, as the stub
    /// does, and jumps to the compile-on-first-call trampoline).
    pub fn lazy_entry(&self, i: usize) -> usize {
        assert!(i < self.len, "function index {i} out of range");
        self.stubs() + self.lazy_offset + i * STUB_SIZE
    }

    /// Whether function `i`'s slot still holds its lazy entry (never compiled).
    pub fn is_lazy(&self, i: usize) -> bool {
        self.current(i) == self.lazy_entry(i)
    }

    /// Installs `code` for function `i`: one release store to its slot, then one to each of its code words (see
    /// [`FunctionTable::set_code_words`]). `code` must be fully written, executable, and follow the function's ABI
    /// without the id its stub loads (only the lazy trampoline needs that); it must stay mapped as long as this
    /// table lives, or until a later install for `i` returned and no thread holds its address any more.
    pub fn install(&self, i: usize, code: usize) {
        self.slot_ref(i).store(code, Ordering::Release);
        self.code_words.follow(i as u32, code, self.stub(i), code == self.lazy_entry(i));
    }

    /// Makes words of the globals' memory follow functions' slots: `words` are (function index, address of a
    /// word in [`FunctionTable::globals_mut`]'s memory) whose value the program only ever loads to call what it
    /// holds. From now on each holds what its function's slot holds (the stub while the function has no code),
    /// so a call through it skips the stub's jump; [`FunctionTable::install`] rewrites them. Call before any code
    /// runs. Words outside the globals or not 8-byte aligned are left alone.
    pub fn set_code_words(&mut self, words: Vec<(usize, usize)>) {
        let words = words.into_iter().filter(|&(f, _)| f < self.len).map(|(f, at)| (f as u32, at)).collect();
        self.code_words = CodeWords::new(words, (self.globals_address(), self.globals_len));
        for i in self.code_word_functions() {
            self.code_words.follow(i as u32, self.current(i), self.stub(i), self.is_lazy(i));
        }
    }

    /// How many words follow functions' slots ([`FunctionTable::set_code_words`]).
    pub fn code_word_count(&self) -> usize {
        self.code_words.all().len()
    }

    /// The functions that have words following their slots ([`FunctionTable::set_code_words`]), ascending.
    pub fn code_word_functions(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self.code_words.all().iter().map(|&(f, _)| f as usize).collect();
        out.dedup();
        out
    }

    /// Whether function `i` has words that follow its slot ([`FunctionTable::set_code_words`]).
    pub fn has_code_words(&self, i: usize) -> bool {
        self.code_words.has(i as u32)
    }

    /// Process-wide id of the first function (the value stubs load into `r11d`).
    pub fn id_base(&self) -> u32 {
        self.registration.base
    }
}

// SAFETY: the stubs are immutable after construction and slots are only accessed atomically; the globals'
// memory is written through `globals_mut` (a unique borrow) before any code runs, and afterwards by JIT code with
// its own synchronization, like any C global.
unsafe impl Send for FunctionTable {}
// SAFETY: as above.
unsafe impl Sync for FunctionTable {}
