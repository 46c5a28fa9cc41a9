//! Unwind information of JIT code, registered with the system unwinder while the code is mapped.
//!
//! The unwinder of C++ exceptions, `backtrace()`, profilers and debuggers finds how to leave a frame by its return
//! address: in the `.eh_frame` of a loaded ELF object, or in a table registered at run time with libgcc's
//! `__register_frame`. Every piece of code tierlift maps is in such a table: tier-0 functions with the call-frame
//! information Cranelift emits, up to 64 functions per table ([`FrameTables`]); code that never moves the stack
//! pointer (stubs, variadic-call thunks) with one entry saying that the return address is at `[rsp]`. (LLVM-tier code is linked by ORC, which registers the
//! `.eh_frame` of every object it links; the trampolines are assembled into this crate with `.cfi_*` directives.)
//!
//! libgcc's `__register_frame` takes the start of an `.eh_frame` section and reads entries up to a zero length
//! word; it keeps a pointer to the bytes, so they stay alive (and unmoved) until `__deregister_frame`.

use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::isa::unwind::UnwindInfo;
use gimli::write::{Address, CallFrameInstruction, CommonInformationEntry, EhFrame, EndianVec, FrameDescriptionEntry};
use gimli::write::{FrameTable, Writer};
use gimli::{Encoding, Format, RunTimeEndian, X86_64};
use std::collections::{BTreeMap, HashMap};

unsafe extern "C" {
    fn __register_frame(begin: *const u8);
    fn __deregister_frame(begin: *const u8);
}

/// An `.eh_frame` registered with the system unwinder; dropping it deregisters it.
pub struct FrameRegistration {
    bytes: Box<[u8]>,
}

impl FrameRegistration {
    /// Registers `len` bytes of code at `address` that call nothing and never move the stack pointer (stubs,
    /// tail-jumping thunks): in all of it the caller's frame is at `rsp + 8` and the return address at `[rsp]`.
    pub fn for_leaf_code(address: usize, len: usize) -> Result<FrameRegistration, String> {
        let len = u32::try_from(len).map_err(|_| format!("{len} bytes of leaf code in one frame table"))?;
        Self::register(leaf_cie(), FrameDescriptionEntry::new(Address::Constant(address as u64), len))
    }

    fn register(cie: CommonInformationEntry, fde: FrameDescriptionEntry) -> Result<FrameRegistration, String> {
        let mut table = FrameTable::default();
        let cie = table.add_cie(cie);
        table.add_fde(cie, fde);
        let mut section = EhFrame(EndianVec::new(RunTimeEndian::Little));
        table.write_eh_frame(&mut section).map_err(|e| format!("writing .eh_frame: {e}"))?;
        // The zero length word that ends the section.
        section.0.write_u32(0).map_err(|e| format!("writing .eh_frame: {e}"))?;
        Ok(FrameRegistration::from_section(section.0.into_vec().into_boxed_slice()))
    }

    /// Registers `bytes`, a whole `.eh_frame` section (records, then a zero length word), as gimli writes it
    /// (one CIE, one FDE) or as [`FrameTables`] puts it together (one CIE, FDEs pointing back to it), whose FDEs
    /// cover code that is mapped now and stays mapped until this registration is dropped.
    fn from_section(bytes: Box<[u8]>) -> FrameRegistration {
        // SAFETY: `bytes` is a well-formed `.eh_frame` (see above) covering mapped code; the box is neither moved
        // nor freed before `Drop` deregisters exactly this pointer, and the code stays mapped at least that long
        // (its owner drops the registration first).
        unsafe { __register_frame(bytes.as_ptr()) };
        FrameRegistration { bytes }
    }
}

impl Drop for FrameRegistration {
    fn drop(&mut self) {
        // SAFETY: this pointer was registered by `register` and is deregistered once (here); the bytes are still
        // alive because `self` owns them.
        unsafe { __deregister_frame(self.bytes.as_ptr()) };
    }
}

/// Functions per registered table in [`FrameTables`].
const CHUNK: usize = 64;

/// The call-frame information of many functions (a module's tier-0 code), registered with the system unwinder in
/// tables of up to 64 functions each rather than one table per function.
///
/// libgcc keeps registered tables in a linked list: deregistering one searches the list, the first unwind after
/// registrations sorts every new table into it, and every frame the unwinder looks up walks it (for an address
/// in no table: all of it). With a table per function, a C++ exception thrown after 3,000 tier-0 functions had
/// compiled took 88 µs per throw instead of 2 µs. A table that gains or loses a function is written anew and
/// registered before the old one is deregistered, so the unwinder always finds every function.
#[derive(Default)]
pub struct FrameTables {
    tables: BTreeMap<u64, Chunk>,
    /// The table holding each function, by address.
    table_of: HashMap<usize, u64>,
    /// The table new functions join while it has room.
    open: Option<u64>,
    next: u64,
}

/// One registered table: its CIE record, each function's FDE record (by address), and the registration of the
/// section made of them.
struct Chunk {
    cie: Vec<u8>,
    fdes: BTreeMap<usize, Vec<u8>>,
    registered: Option<FrameRegistration>,
}

impl FrameTables {
    /// Adds the call-frame information Cranelift produced for a function now at `address`. Information not of
    /// the System V kind is not registered (no such target is built here).
    pub fn add_function(&mut self, isa: &dyn TargetIsa, info: &UnwindInfo, address: usize) -> Result<(), String> {
        let UnwindInfo::SystemV(info) = info else { return Ok(()) };
        let cie = isa.create_systemv_cie().ok_or("the target has no System V call-frame information")?;
        self.add(address, cie, info.to_fde(Address::Constant(address as u64)))
    }

    /// Adds `fde`, whose code starts at `address`, under `cie`.
    fn add(&mut self, address: usize, cie: CommonInformationEntry, fde: FrameDescriptionEntry) -> Result<(), String> {
        let (cie, fde) = records(cie, fde)?;
        let id = match self.open.filter(|id| self.tables.get(id).is_some_and(|t| t.fdes.len() < CHUNK && t.cie == cie))
        {
            Some(id) => id,
            None => {
                let id = self.next;
                self.next += 1;
                self.tables.insert(id, Chunk { cie, fdes: BTreeMap::new(), registered: None });
                self.open = Some(id);
                id
            }
        };
        let table = self.tables.get_mut(&id).expect("just found or made");
        table.fdes.insert(address, fde);
        if let Err(e) = table.register() {
            table.fdes.remove(&address);
            return Err(e);
        }
        self.table_of.insert(address, id);
        Ok(())
    }

    /// Forgets the function at `address` (before its memory is reused).
    pub fn remove(&mut self, address: usize) {
        let Some(id) = self.table_of.remove(&address) else { return };
        let Some(table) = self.tables.get_mut(&id) else { return };
        table.fdes.remove(&address);
        if table.fdes.is_empty() {
            self.tables.remove(&id);
        } else if table.register().is_err() {
            // Writing a smaller table cannot fail where the bigger one was written; if it did, the old table
            // (which still names the removed function) must not outlive its code.
            self.tables.remove(&id);
        }
    }

    /// Forgets every function: newest tables first, which is how libgcc's list is searched cheapest.
    pub fn clear(&mut self) {
        while self.tables.pop_last().is_some() {}
        self.table_of.clear();
        self.open = None;
    }
}

impl Drop for FrameTables {
    fn drop(&mut self) {
        self.clear();
    }
}

impl Chunk {
    /// Writes the section (the CIE, each FDE pointing back to it, the terminator), registers it, then
    /// deregisters the table it replaces.
    fn register(&mut self) -> Result<(), String> {
        let size = self.cie.len() + self.fdes.values().map(Vec::len).sum::<usize>() + 4;
        let mut section = Vec::with_capacity(size);
        section.extend_from_slice(&self.cie);
        for fde in self.fdes.values() {
            let at = section.len();
            section.extend_from_slice(fde);
            // The CIE pointer (the FDE's second word) is the distance from itself back to the CIE, at offset 0.
            let back = u32::try_from(at + 4).map_err(|_| "call-frame table too large".to_string())?;
            section[at + 4..at + 8].copy_from_slice(&back.to_le_bytes());
        }
        section.extend_from_slice(&[0; 4]);
        let new = FrameRegistration::from_section(section.into_boxed_slice());
        drop(self.registered.replace(new));
        Ok(())
    }
}

/// The CIE record and the FDE record (CIE pointer still to be set) of one function, as gimli writes them
/// (addresses absolute, so an FDE record can move within a section).
fn records(cie: CommonInformationEntry, fde: FrameDescriptionEntry) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut table = FrameTable::default();
    let cie = table.add_cie(cie);
    table.add_fde(cie, fde);
    let mut section = EhFrame(EndianVec::new(RunTimeEndian::Little));
    table.write_eh_frame(&mut section).map_err(|e| format!("writing .eh_frame: {e}"))?;
    let bytes = section.0.into_vec();
    let record_end = |at: usize| -> Result<usize, String> {
        let len = bytes.get(at..at + 4).ok_or("short .eh_frame")?;
        let len = u32::from_le_bytes(len.try_into().expect("four bytes")) as usize;
        (len != 0xffff_ffff && at + 4 + len <= bytes.len()).then_some(at + 4 + len).ok_or("unexpected .eh_frame".into())
    };
    let cie_end = record_end(0)?;
    let fde_end = record_end(cie_end)?;
    Ok((bytes[..cie_end].to_vec(), bytes[cie_end..fde_end].to_vec()))
}

/// The x86-64 System V entry state: the frame starts at `rsp + 8`, the return address is at `[rsp]`.
fn leaf_cie() -> CommonInformationEntry {
    let encoding = Encoding { address_size: 8, format: Format::Dwarf32, version: 1 };
    let mut cie = CommonInformationEntry::new(encoding, 1, -8, X86_64::RA);
    cie.add_instruction(CallFrameInstruction::Cfa(X86_64::RSP, 8));
    cie.add_instruction(CallFrameInstruction::Offset(X86_64::RA, -8));
    cie
}

#[cfg(test)]
mod tests {
    use super::FrameRegistration;
    use std::ffi::c_void;

    #[repr(C)]
    struct Bases {
        tbase: *mut c_void,
        dbase: *mut c_void,
        func: *mut c_void,
    }

    unsafe extern "C" {
        fn _Unwind_Find_FDE(pc: *mut c_void, bases: *mut Bases) -> *const c_void;
    }

    /// The start of the code the unwinder finds for `pc`, if it finds any.
    fn unwinder_sees(pc: usize) -> Option<usize> {
        let mut bases = Bases { tbase: std::ptr::null_mut(), dbase: std::ptr::null_mut(), func: std::ptr::null_mut() };
        // SAFETY: `_Unwind_Find_FDE` only reads the unwinder's tables and writes `bases`, a valid local.
        let fde = unsafe { _Unwind_Find_FDE(pc as *mut c_void, &mut bases) };
        (!fde.is_null()).then_some(bases.func as usize)
    }

    #[test]
    fn leaf_code_is_known_to_the_unwinder_while_registered() {
        // Any address range works: the unwinder only looks the table up, it does not read the code.
        let code = [0xc3_u8; 64];
        let start = code.as_ptr() as usize;
        assert_eq!(unwinder_sees(start + 10), None);
        let frame = FrameRegistration::for_leaf_code(start, code.len()).expect("register");
        assert_eq!(unwinder_sees(start + 10), Some(start));
        assert_eq!(unwinder_sees(start + 63), Some(start));
        assert_eq!(unwinder_sees(start + 64), None);
        drop(frame);
        assert_eq!(unwinder_sees(start + 10), None);
    }

    #[test]
    fn functions_in_shared_tables_are_known_until_removed() {
        use super::{FrameTables, leaf_cie};
        use gimli::write::{Address, FrameDescriptionEntry};
        // 150 "functions" of 16 bytes: three tables. The unwinder only looks the tables up.
        let code = vec![0xc3_u8; 150 * 16];
        let at = |i: usize| code.as_ptr() as usize + i * 16;
        let mut tables = FrameTables::default();
        for i in 0..150 {
            tables.add(at(i), leaf_cie(), FrameDescriptionEntry::new(Address::Constant(at(i) as u64), 16)).unwrap();
        }
        assert_eq!(tables.tables.len(), 3);
        for i in 0..150 {
            assert_eq!(unwinder_sees(at(i) + 5), Some(at(i)), "function {i}");
        }
        // Removing one rewrites its table; the others stay known.
        for i in [0, 70, 149] {
            tables.remove(at(i));
            assert_eq!(unwinder_sees(at(i) + 5), None, "removed function {i}");
        }
        for i in [1, 69, 71, 128, 148] {
            assert_eq!(unwinder_sees(at(i) + 5), Some(at(i)), "function {i}");
        }
        // A table whose functions are all gone is deregistered.
        for i in 128..149 {
            tables.remove(at(i));
        }
        assert_eq!(tables.tables.len(), 2);
        drop(tables);
        for i in [1, 69, 71] {
            assert_eq!(unwinder_sees(at(i) + 5), None, "function {i} after the tables were dropped");
        }
    }

    /// Resolves to a function returning 7 and records a backtrace taken inside the resolve.
    struct Recorder(std::sync::Mutex<String>);

    extern "C" fn seven() -> i32 {
        7
    }

    impl crate::LazyResolve for Recorder {
        fn resolve(&self, _index: u32) -> Result<usize, String> {
            *self.0.lock().unwrap() = std::backtrace::Backtrace::force_capture().to_string();
            Ok(seven as *const () as usize)
        }
    }

    #[inline(never)]
    fn first_call_through_the_stub(stub: usize) -> i32 {
        // SAFETY: the stub forwards (through the lazy trampoline, then the slot) to `seven`, an `extern "C" fn()
        // -> i32`; the table outlives the call.
        let f: extern "C" fn() -> i32 = unsafe { crate::fn_from_address(stub) };
        f()
    }

    #[test]
    fn a_backtrace_inside_a_first_call_passes_the_stub_and_the_trampoline() {
        let resolver = std::sync::Arc::new(Recorder(std::sync::Mutex::new(String::new())));
        let weak: std::sync::Weak<dyn crate::LazyResolve> =
            std::sync::Arc::downgrade(&(resolver.clone() as std::sync::Arc<dyn crate::LazyResolve>));
        let table = crate::FunctionTable::new(1, weak).unwrap();
        assert_eq!(unwinder_sees(table.stub(0) + 4), Some(table.stub(0) & !(region::page::size() - 1)));
        assert!(unwinder_sees(crate::trampoline::lazy_trampoline_address() + 4).is_some());
        assert!(unwinder_sees(crate::hook_trampoline_address() + 4).is_some());
        assert!(unwinder_sees(crate::indirect_call_miss_address() + 4).is_some());
        assert_eq!(first_call_through_the_stub(table.stub(0)), 7);
        let trace = resolver.0.lock().unwrap().clone();
        // The unwinder got from the resolver through the trampoline (the stub only jumped) to the caller.
        assert!(trace.contains("first_call_through_the_stub"), "{trace}");
    }
}
