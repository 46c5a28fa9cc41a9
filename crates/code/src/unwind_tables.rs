//! The unwind information of many tier-0 functions, registered with libgcc in few objects.
//!
//! libgcc keeps every registration in a list, and a frame lookup walks it (for an address in no registered object,
//! such as the host's own frames, all of it) before it looks at the loaded ELF objects: with one registration
//! per function, each frame of a C++ exception or a `backtrace()` cost time in proportion to the number of tier-0
//! functions (3,000 functions: a throw through two host frames took 50–90 µs instead of 2 µs).
//!
//! Here each function's `.eh_frame` bytes (one CIE, one FDE, the terminator) stay where they were made, owned by
//! [`FrameTables`], and the functions whose code starts in one [`WINDOW`] of one code mapping share one *table*
//! object: `__register_frame_info_table` registers a null-terminated array of pointers to their bytes, which libgcc
//! sorts once and then searches by binary search.
//!
//! Why windows of one mapping: libgcc (12) keeps its objects sorted by their lowest address and, for a lookup,
//! searches only the object with the highest lowest address at or below the address it looks up; so each object
//! must hold every function between its lowest and its highest, with no other object's code in between. Functions
//! of one window of one mapping are exactly such a run: only tier-0 code lives in the mapping, and every function
//! there belongs to its window's table.
//!
//! A function that comes or goes changes its window's table: the new array is registered before the old one is
//! withdrawn, so every live function stays registered throughout. What libgcc reads after its lock is released
//! must stay alive: the FDE a lookup returns points into a function's own bytes, which live as long as its code;
//! but libgcc (12) also reads the *object* the FDE was found in (its bases and encoding) after unlocking, so an
//! object withdrawn while other threads unwind through its live functions may still be read for a moment. The
//! object's memory is therefore this module's (`__register_frame_info_table` takes it from the caller), and a
//! withdrawn object is only *retired*: its memory is freed once a stack scan finds no thread holding its address
//! (see [`RetiredObject`]). Arrays are read only under libgcc's lock, when it sorts a new object, and are freed as
//! soon as their object is withdrawn.

use std::collections::{HashMap, HashSet};

unsafe extern "C" {
    fn __register_frame_info_table(begin: *const *const u8, object: *mut ObjectMemory);
    fn __deregister_frame_info(begin: *const *const u8) -> *mut ObjectMemory;
}

/// The memory libgcc keeps a registered object's bookkeeping in (its `struct object`: 48 or 56 bytes on x86-64,
/// with room to spare).
#[repr(C, align(16))]
struct ObjectMemory([u64; 16]);

/// The memory of a table object withdrawn from the system unwinder. Another thread's unwinder may still read it
/// for a moment after the withdrawal (see the module's description): drop it only once no thread's registers or
/// stack hold an address in [`RetiredObject::range`] (a stack scan, `scan_other_threads`, found none), or when no
/// thread can be unwinding through code it described.
pub struct RetiredObject(Box<ObjectMemory>);

impl RetiredObject {
    /// The addresses the memory spans (`end` inclusive, as the stack scan takes them).
    pub fn range(&self) -> (usize, usize) {
        let start = &*self.0 as *const ObjectMemory as usize;
        (start, start + std::mem::size_of::<ObjectMemory>() - 1)
    }
}

/// Functions whose code starts in one window of this many bytes of a mapping share a table (some 40 to 150
/// small functions: each change copies the table's array, and libgcc sorts a table anew at the first lookup
/// after it changed).
pub(crate) const WINDOW: usize = 8 << 10;

/// A table: the mapping's start and the window's index in it.
type Key = (usize, usize);

/// A registered table object: a null-terminated array of pointers to the members' bytes, and the memory libgcc
/// keeps the object in.
struct Table {
    array: Box<[*const u8]>,
    object: Box<ObjectMemory>,
}

impl Table {
    /// The members' bytes (the array without its terminator).
    fn members(&self) -> &[*const u8] {
        &self.array[..self.array.len() - 1]
    }
}

/// The registered unwind information of tier-0 functions, by code address (see the module's description).
#[derive(Default)]
pub(crate) struct FrameTables {
    /// Each function's bytes and its table.
    frames: HashMap<usize, (Box<[u8]>, Key)>,
    tables: HashMap<Key, Table>,
    /// Objects withdrawn and not yet handed out by [`FrameTables::take_retired`].
    retired: Vec<RetiredObject>,
}

// SAFETY: the raw pointers in the tables point into `Box`es this value owns; nothing here is tied to a thread.
unsafe impl Send for FrameTables {}

impl FrameTables {
    /// Registers `bytes`, a well-formed `.eh_frame` (CIEs and FDEs, then a zero length word) describing the code
    /// at `address`, which lies in the mapping that starts at `mapping` (holding only code registered here), is
    /// mapped now and stays mapped until [`FrameTables::remove`] of that address.
    pub(crate) fn add(&mut self, address: usize, mapping: usize, bytes: Box<[u8]>) {
        // Not expected (code at one address goes before other code is placed there), but kept consistent.
        drop(self.remove(&[address]));
        let key = (mapping, (address - mapping) / WINDOW);
        let old = self.tables.remove(&key);
        let mut members: Vec<*const u8> = old.as_ref().map_or_else(Vec::new, |t| t.members().to_vec());
        members.push(bytes.as_ptr());
        self.frames.insert(address, (bytes, key));
        self.register_anew(key, members, old);
    }

    /// Withdraws the registrations of the functions at `addresses` and returns their bytes (the caller frees
    /// them, with or after the code). Addresses not registered here are skipped. Each table that loses members is
    /// registered anew once.
    pub(crate) fn remove(&mut self, addresses: &[usize]) -> Vec<Box<[u8]>> {
        let mut out = Vec::with_capacity(addresses.len());
        let mut gone: HashMap<Key, HashSet<*const u8>> = HashMap::new();
        for a in addresses {
            let Some((bytes, key)) = self.frames.remove(a) else { continue };
            gone.entry(key).or_default().insert(bytes.as_ptr());
            out.push(bytes);
        }
        // The bytes in `out` stay alive until the tables that pointed to them are withdrawn here.
        for (key, gone) in gone {
            let Some(old) = self.tables.remove(&key) else { continue };
            let members: Vec<*const u8> = old.members().iter().copied().filter(|p| !gone.contains(p)).collect();
            self.register_anew(key, members, Some(old));
        }
        out
    }

    /// How many objects the functions here occupy in libgcc's list.
    #[cfg(test)]
    pub(crate) fn objects(&self) -> usize {
        self.tables.len()
    }

    /// The memory of the objects withdrawn since the last call (see [`RetiredObject`]).
    pub(crate) fn take_retired(&mut self) -> Vec<RetiredObject> {
        std::mem::take(&mut self.retired)
    }

    /// Registers a table of `members` (none: nothing) for `key`, then withdraws `old`, what was registered for it.
    fn register_anew(&mut self, key: Key, mut members: Vec<*const u8>, old: Option<Table>) {
        if !members.is_empty() {
            members.push(std::ptr::null());
            let array = members.into_boxed_slice();
            let mut object = Box::new(ObjectMemory([0; 16]));
            // SAFETY: a null-terminated array of pointers to well-formed `.eh_frame` bytes of mapped code, all
            // owned here, and memory for libgcc's bookkeeping; both are kept, unmoved, in `tables` until
            // `withdraw` withdraws exactly this array (and the object memory longer, see `RetiredObject`).
            unsafe { __register_frame_info_table(array.as_ptr(), &mut *object) };
            self.tables.insert(key, Table { array, object });
        }
        if let Some(old) = old {
            withdraw(&old.array, &old.object);
            self.retired.push(RetiredObject(old.object));
        }
    }
}

/// Withdraws a table registered by `register_anew` with `array` and `object`.
fn withdraw(array: &[*const u8], object: &ObjectMemory) {
    // SAFETY: the array was registered with `object` by `__register_frame_info_table` and not withdrawn since;
    // libgcc hands back that memory, which this module keeps (see `RetiredObject`).
    let returned = unsafe { __deregister_frame_info(array.as_ptr()) };
    debug_assert_eq!(returned as *const ObjectMemory, object as *const ObjectMemory);
}

impl Drop for FrameTables {
    fn drop(&mut self) {
        // Only when every module of the engine is gone: no thread can be unwinding through tier-0 code, so the
        // objects' memory goes at once.
        for table in self.tables.values() {
            withdraw(&table.array, &table.object);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FrameTables, WINDOW};
    use crate::unwind::tests::unwinder_sees;
    use crate::unwind::{eh_frame, leaf_cie};
    use gimli::write::{Address, FrameDescriptionEntry};

    const PIECE: usize = 48;

    /// "Code" for `n` functions of `PIECE` bytes in one mapping (the unwinder only reads the tables).
    fn mapping(n: usize) -> (Vec<u8>, Vec<usize>) {
        let code = vec![0xc3_u8; n * PIECE];
        let starts = (0..n).map(|i| code.as_ptr() as usize + i * PIECE).collect();
        (code, starts)
    }

    fn add(frames: &mut FrameTables, mapping: usize, start: usize) {
        let fde = FrameDescriptionEntry::new(Address::Constant(start as u64), PIECE as u32);
        frames.add(start, mapping, eh_frame(leaf_cie(), fde).unwrap());
    }

    fn seen(start: usize) -> bool {
        unwinder_sees(start + 5) == Some(start)
    }

    /// Visits 0..n in a scattered order (a step coprime with n).
    fn scattered(n: usize) -> impl Iterator<Item = usize> {
        (0..n).map(move |i| (i * 7919) % n)
    }

    #[test]
    fn functions_share_a_table_per_window_and_stay_known_while_others_come_and_go() {
        // Two mappings, three windows in the first: functions added in a scattered order, as holes get filled.
        let n = 2 * WINDOW / PIECE + 100;
        let (code_a, a) = mapping(n);
        let (code_b, b) = mapping(50);
        let mut frames = FrameTables::default();
        for i in scattered(n) {
            add(&mut frames, code_a.as_ptr() as usize, a[i]);
        }
        for &s in &b {
            add(&mut frames, code_b.as_ptr() as usize, s);
        }
        assert_eq!(frames.objects(), 3 + 1);
        assert!(a.iter().chain(&b).all(|&s| seen(s)));

        // Every third function of the first mapping goes, then all of the second.
        let gone: Vec<usize> = a.iter().copied().step_by(3).collect();
        assert_eq!(frames.remove(&gone).len(), gone.len());
        assert!(gone.iter().all(|&s| !seen(s)));
        assert!(a.iter().filter(|s| !gone.contains(s)).all(|&s| seen(s)));
        assert_eq!(frames.remove(&b).len(), b.len());
        assert!(b.iter().all(|&s| !seen(s)));
        assert_eq!(frames.objects(), 3);

        // Every table registered anew left the memory of the object it replaced to be freed later.
        let retired = frames.take_retired();
        assert!(retired.len() >= 4, "{}", retired.len());
        assert!(frames.take_retired().is_empty());
        drop(retired);

        // Removing what is not registered changes nothing; what goes can come back.
        assert!(frames.remove(&gone).is_empty());
        for &s in &gone {
            add(&mut frames, code_a.as_ptr() as usize, s);
        }
        assert!(a.iter().all(|&s| seen(s)));
        drop(frames);
        assert!(a.iter().all(|&s| !seen(s)));
    }
}
