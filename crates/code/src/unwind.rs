//! Unwind information of JIT code, registered with the system unwinder while the code is mapped.
//!
//! The unwinder of C++ exceptions, `backtrace()`, profilers and debuggers finds how to leave a frame by its return
//! address: in the `.eh_frame` of a loaded ELF object, or in a table registered at run time with libgcc's
//! `__register_frame`. Every piece of code tierlift maps is in such a table: tier-0 functions with the
//! call-frame information Cranelift emits, in tables shared by the functions of one window of code memory (see
//! `unwind_tables`); code that never moves the stack pointer (stubs, counting entries, variadic-call thunks) in
//! a table of its own, one entry saying that the return address is at `[rsp]`. (LLVM-tier code is linked by ORC, which registers the
//! `.eh_frame` of every object it links; the trampolines are assembled into this crate with `.cfi_*` directives.)
//!
//! libgcc's `__register_frame` takes the start of an `.eh_frame` section and reads entries up to a zero length
//! word; it keeps a pointer to the bytes, so they stay alive (and unmoved) until `__deregister_frame`.

use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::isa::unwind::UnwindInfo;
use gimli::write::{Address, CallFrameInstruction, CommonInformationEntry, EhFrame, EndianVec, FrameDescriptionEntry};
use gimli::write::{FrameTable, Writer};
use gimli::{Encoding, Format, RunTimeEndian, X86_64};

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
        let bytes = eh_frame(cie, fde)?;
        // SAFETY: `bytes` is a well-formed `.eh_frame` (one CIE, one FDE, the zero terminator) written by gimli,
        // whose FDE covers code that is mapped now; the box is neither moved nor freed before `Drop` deregisters
        // exactly this pointer, and the code stays mapped at least that long (its owner drops this first).
        unsafe { __register_frame(bytes.as_ptr()) };
        Ok(FrameRegistration { bytes })
    }
}

/// The `.eh_frame` bytes (one CIE, one FDE, the zero terminator) of the call-frame information Cranelift
/// produced for a function now at `address`, to register with [`crate::unwind_tables::FrameTables`]; with
/// `landing`, (the personality routine's address, the LSDA's address) for a function with landing pads. `Ok(None)`
/// when the information is not of the System V kind (no such target is built here).
pub(crate) fn function_eh_frame(
    isa: &dyn TargetIsa,
    info: &UnwindInfo,
    code: &[u8],
    address: usize,
    landing: Option<(u64, u64)>,
) -> Result<Option<Box<[u8]>>, String> {
    let UnwindInfo::SystemV(info) = info else { return Ok(None) };
    let mut cie = isa.create_systemv_cie().ok_or("the target has no System V call-frame information")?;
    let mut fde = info.to_fde(Address::Constant(address as u64));
    // Cranelift describes the prologue only: from there on the frame is found through `rbp`, which is right until
    // an epilogue's `pop rbp`. The instruction after it (the `ret`, or a tail call's jump) finds the return
    // address at `rsp`: without a row of its own, an unwinder that starts there (a thread cancelled
    // asynchronously, a backtrace taken from a signal handler) takes the caller's frame pointer for this one's.
    for (at, len) in epilogue_exits(code) {
        fde.add_instruction(at, CallFrameInstruction::RememberState);
        fde.add_instruction(at, CallFrameInstruction::Cfa(X86_64::RSP, 8));
        fde.add_instruction(at, CallFrameInstruction::SameValue(X86_64::RBP));
        fde.add_instruction(at + len, CallFrameInstruction::RestoreState);
    }
    if let Some((personality, lsda)) = landing {
        cie.personality = Some((gimli::DW_EH_PE_absptr, Address::Constant(personality)));
        cie.lsda_encoding = Some(gimli::DW_EH_PE_absptr);
        fde.lsda = Some(Address::Constant(lsda));
    }
    eh_frame(cie, fde).map(Some)
}

/// The instructions that leave a frame after its epilogue has popped `rbp`, as (offset, length): what follows
/// Cranelift's x86-64 epilogue `mov rsp, rbp; pop rbp` (bytes `48 89 ec 5d`) when it is a `ret` (`c3`), a
/// `jmp rel32` (`e9`), a `jmp r11` (`41 ff e3`) or a `jmp r10` (`41 ff e2`, a `musttail` call's). Found by their
/// bytes: a false match needs those eight bytes inside an instruction's immediate with a `ret` starting right
/// after it.
fn epilogue_exits(code: &[u8]) -> Vec<(u32, u32)> {
    const EPILOGUE: [u8; 4] = [0x48, 0x89, 0xec, 0x5d];
    let mut out = Vec::new();
    for (p, window) in code.windows(EPILOGUE.len()).enumerate() {
        if window != EPILOGUE {
            continue;
        }
        let at = p + EPILOGUE.len();
        let len = match code.get(at..) {
            Some([0xc3, ..]) => 1,
            Some([0xe9, _, _, _, _, ..]) => 5,
            Some([0x41, 0xff, 0xe2 | 0xe3, ..]) => 3,
            _ => continue,
        };
        if let Ok(at) = u32::try_from(at) {
            out.push((at, len));
        }
    }
    out
}

/// An `.eh_frame` section of one CIE and one FDE, ended by a zero length word.
pub(crate) fn eh_frame(cie: CommonInformationEntry, fde: FrameDescriptionEntry) -> Result<Box<[u8]>, String> {
    let mut table = FrameTable::default();
    let cie = table.add_cie(cie);
    table.add_fde(cie, fde);
    let mut section = EhFrame(EndianVec::new(RunTimeEndian::Little));
    table.write_eh_frame(&mut section).map_err(|e| format!("writing .eh_frame: {e}"))?;
    // The zero length word that ends the section.
    section.0.write_u32(0).map_err(|e| format!("writing .eh_frame: {e}"))?;
    Ok(section.0.into_vec().into_boxed_slice())
}

impl Drop for FrameRegistration {
    fn drop(&mut self) {
        // SAFETY: this pointer was registered by `register` and is deregistered once (here); the bytes are still
        // alive because `self` owns them.
        unsafe { __deregister_frame(self.bytes.as_ptr()) };
    }
}

/// The x86-64 System V entry state: the frame starts at `rsp + 8`, the return address is at `[rsp]`.
pub(crate) fn leaf_cie() -> CommonInformationEntry {
    let encoding = Encoding { address_size: 8, format: Format::Dwarf32, version: 1 };
    let mut cie = CommonInformationEntry::new(encoding, 1, -8, X86_64::RA);
    cie.add_instruction(CallFrameInstruction::Cfa(X86_64::RSP, 8));
    cie.add_instruction(CallFrameInstruction::Offset(X86_64::RA, -8));
    cie
}

#[cfg(test)]
pub(crate) mod tests {
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
    pub(crate) fn unwinder_sees(pc: usize) -> Option<usize> {
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
        // Not a tail call (an optimized build would jump to the stub, and this frame would not be on the stack).
        std::hint::black_box(f())
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

#[cfg(test)]
mod epilogue_tests {
    use super::epilogue_exits;

    #[test]
    fn the_instruction_after_an_epilogue_pops_rbp_is_found() {
        // push rbp; mov rbp, rsp; ...; mov rsp, rbp; pop rbp; ret, then a second exit by a tail call's jump, and
        // the same four bytes followed by something that leaves no frame (a `nop`).
        let code = [
            0x55, 0x48, 0x89, 0xe5, 0x90, 0x48, 0x89, 0xec, 0x5d, 0xc3, // ret at 9
            0x48, 0x89, 0xec, 0x5d, 0xe9, 1, 2, 3, 4, // jmp rel32 at 14
            0x48, 0x89, 0xec, 0x5d, 0x41, 0xff, 0xe3, // jmp r11 at 23
            0x48, 0x89, 0xec, 0x5d, 0x41, 0xff, 0xe2, // jmp r10 at 30
            0x48, 0x89, 0xec, 0x5d, 0x90, // not an exit
        ];
        assert_eq!(epilogue_exits(&code), vec![(9, 1), (14, 5), (23, 3), (30, 3)]);
    }
}
