//! The lazy trampoline keeps every argument register intact, and slots swap atomically under running callers.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use tierlift_code::{FunctionTable, LazyResolve, PassedIn, THUNK_SIZE, VarargThunks};

mod common;
use common::{ManyArgs, many_args};

struct Counting(AtomicUsize, usize);
impl LazyResolve for Counting {
    fn resolve(&self, _index: u32) -> Result<usize, String> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(self.1)
    }
}

#[test]
fn trampoline_preserves_arguments() {
    let resolver = Arc::new(Counting(AtomicUsize::new(0), many_args as *const () as usize));
    let dyn_resolver: Arc<dyn LazyResolve> = resolver.clone();
    let table = FunctionTable::new(3, Arc::downgrade(&dyn_resolver)).unwrap();
    assert!(table.is_lazy(1));
    // SAFETY: stub 1 resolves to `many_args`, whose type is `ManyArgs`.
    let f: ManyArgs = unsafe { std::mem::transmute(table.stub(1)) };
    let expect = many_args(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5);
    assert_eq!(f(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5), expect);
    // The resolver does not install; the runtime does. Install here and check calls no longer resolve.
    table.install(1, many_args as *const () as usize);
    assert_eq!(f(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5), expect);
    assert_eq!(resolver.0.load(Ordering::SeqCst), 1);
    assert!(!table.is_lazy(1));
    assert!(table.is_lazy(0));
}

/// Records which function the trampoline asked for.
struct Asked(std::sync::Mutex<Vec<u32>>, usize);
impl LazyResolve for Asked {
    fn resolve(&self, index: u32) -> Result<usize, String> {
        self.0.lock().unwrap().push(index);
        Ok(self.1)
    }
}

/// A slot holds code that needs nothing from its caller even before the function has code: its lazy entry
/// tells the trampoline which function it is, so optimized code may call through the slot instead of the stub.
#[test]
fn a_call_through_a_slot_before_the_first_compile_reaches_the_trampoline_for_that_function() {
    let resolver = Arc::new(Asked(Default::default(), many_args as *const () as usize));
    let dyn_resolver: Arc<dyn LazyResolve> = resolver.clone();
    let table = FunctionTable::new(4, Arc::downgrade(&dyn_resolver)).unwrap();
    let entries: Vec<usize> = (0..4).map(|i| table.current(i)).collect();
    assert_eq!(entries, (0..4).map(|i| table.lazy_entry(i)).collect::<Vec<_>>());
    assert!(entries.windows(2).all(|w| w[0] != w[1]), "one entry per function: {entries:x?}");
    // SAFETY: slot 2 holds lazy entry 2, which resolves to `many_args`, whose type is `ManyArgs`.
    let f: ManyArgs = unsafe { std::mem::transmute(table.current(2)) };
    let expect = many_args(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5);
    assert_eq!(f(1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5), expect);
    assert_eq!(*resolver.0.lock().unwrap(), [2]);
    assert!(table.is_lazy(2), "the resolver does not install");
    table.install(2, many_args as *const () as usize);
    assert!(!table.is_lazy(2) && table.is_lazy(3));
}

extern "C" fn one() -> u64 {
    1
}
extern "C" fn two() -> u64 {
    2
}

#[test]
fn swaps_under_concurrent_calls() {
    let resolver: Arc<dyn LazyResolve> = Arc::new(Counting(AtomicUsize::new(0), one as *const () as usize));
    let table = Arc::new(FunctionTable::new(1, Arc::downgrade(&resolver)).unwrap());
    table.install(0, one as *const () as usize);
    let stub = table.stub(0);
    let barrier = Arc::new(Barrier::new(3));
    let callers: Vec<_> = (0..2)
        .map(|_| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                // SAFETY: the stub always forwards to `one` or `two`, both `extern "C" fn() -> u64`.
                let f: extern "C" fn() -> u64 = unsafe { std::mem::transmute(stub) };
                barrier.wait();
                let mut seen = [0u64; 3];
                for _ in 0..200_000 {
                    let r = f();
                    assert!(r == 1 || r == 2, "stub returned {r}");
                    seen[r as usize] += 1;
                }
                seen
            })
        })
        .collect();
    barrier.wait();
    for i in 0..200_000 {
        table.install(0, if i % 2 == 0 { two as *const () as usize } else { one as *const () as usize });
    }
    for c in callers {
        let seen = c.join().unwrap();
        assert_eq!(seen[1] + seen[2], 200_000);
    }
}

extern "C" fn report_al() -> u64 {
    // A variadic callee would read %al here; an `extern "C"` Rust fn cannot see it, so this only checks the jump.
    7
}

#[test]
fn vararg_thunk_jumps_to_target() {
    let thunks = VarargThunks::new();
    let t = thunks.thunk_for(report_al as *const () as usize).unwrap();
    assert_eq!(thunks.thunk_for(report_al as *const () as usize).unwrap(), t);
    // SAFETY: the thunk jumps to `report_al` with all argument registers untouched.
    let f: extern "C" fn() -> u64 = unsafe { std::mem::transmute(t) };
    assert_eq!(f(), 7);
}

unsafe extern "C" {
    fn snprintf(buf: *mut u8, size: usize, format: *const u8, ...) -> i32;
}

/// What `snprintf` wrote into `buf`.
fn written(buf: &[u8]) -> &str {
    std::str::from_utf8(&buf[..buf.iter().position(|&b| b == 0).unwrap()]).unwrap()
}

#[test]
fn jump_thunks_set_al_and_jump_to_the_pointer_passed_beside_the_arguments() {
    // `snprintf` reads its double arguments only if `%al` says vector registers carry some: the calls below go
    // through non-variadic function types (which leave `%al` as it falls), so the output shows the thunk set it.
    let thunks = VarargThunks::new();
    let target = snprintf as *const () as usize;
    let mut buf = [0u8; 96];

    // The pointer in the fourth integer register (rcx), after three integers and a double.
    let t = thunks.jump_thunk(PassedIn::IntRegister(3)).unwrap();
    assert_eq!(thunks.jump_thunk(PassedIn::IntRegister(3)).unwrap(), t);
    type InRcx = extern "C" fn(*mut u8, usize, *const u8, f64, usize) -> i32;
    // SAFETY: the thunk sets %al and jumps to snprintf with the arguments untouched; rcx is past its arguments.
    let f: InRcx = unsafe { std::mem::transmute(t) };
    assert_eq!(f(buf.as_mut_ptr(), buf.len(), c"%.2f".as_ptr().cast(), 2.5, target), 4);
    assert_eq!(written(&buf), "2.50");

    // Every integer register taken: the pointer in xmm1.
    let t = thunks.jump_thunk(PassedIn::FloatRegister(1)).unwrap();
    type InXmm1 = extern "C" fn(*mut u8, usize, *const u8, i32, i32, i32, f64, f64) -> i32;
    // SAFETY: as above; xmm1 holds the pointer's bits, past snprintf's one double.
    let f: InXmm1 = unsafe { std::mem::transmute(t) };
    let fmt = c"%d %d %d %.1f".as_ptr().cast();
    f(buf.as_mut_ptr(), buf.len(), fmt, 1, 2, 3, -7.5, f64::from_bits(target as u64));
    assert_eq!(written(&buf), "1 2 3 -7.5");

    // Every register taken and one stack argument: the pointer in the stack word after it.
    let t = thunks.jump_thunk(PassedIn::Stack(8)).unwrap();
    type OnStack = extern "C" fn(
        *mut u8,
        usize,
        *const u8,
        i32,
        i32,
        i32,
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
        f64,
        i64,
        usize,
    ) -> i32;
    // SAFETY: as above; the word after snprintf's one stack argument holds the pointer.
    let f: OnStack = unsafe { std::mem::transmute(t) };
    let fmt = c"%d%d%d %g %g %g %g %g %g %g %g %ld".as_ptr().cast();
    f(buf.as_mut_ptr(), buf.len(), fmt, 4, 5, 6, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.25, 99, target);
    assert_eq!(written(&buf), "456 1.5 2 3 4 5 6 7 8.25 99");

    // The registers' thunks were made together, side by side: one mapping per module, however many it uses.
    let first = thunks.jump_thunk(PassedIn::IntRegister(0)).unwrap();
    assert_eq!(thunks.jump_thunk(PassedIn::FloatRegister(7)).unwrap(), first + 13 * THUNK_SIZE);
    assert!(thunks.jump_thunk(PassedIn::IntRegister(6)).is_err());
    assert!(thunks.jump_thunk(PassedIn::FloatRegister(8)).is_err());
}

/// The permissions `/proc/self/maps` gives the page at `addr`.
fn permissions_at(addr: usize) -> String {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let line = maps
        .lines()
        .find(|l| {
            let (start, end) = l.split_whitespace().next().unwrap().split_once('-').unwrap();
            (usize::from_str_radix(start, 16).unwrap()..usize::from_str_radix(end, 16).unwrap()).contains(&addr)
        })
        .unwrap_or_else(|| panic!("{addr:#x} is not mapped"));
    line.split_whitespace().nth(1).unwrap().to_string()
}

#[test]
fn globals_sit_in_front_of_the_stubs_and_end_at_code_that_cannot_be_written() {
    let resolver: Arc<dyn LazyResolve> = Arc::new(Counting(AtomicUsize::new(0), many_args as *const () as usize));
    let page = 4096;
    let mut table = FunctionTable::with_globals(2, Arc::downgrade(&resolver), None, 5000).unwrap();
    let base = table.globals_address();
    assert_eq!(base % page, 0);
    let globals = table.globals_mut();
    assert_eq!(globals.len(), 5000);
    assert!(globals.iter().all(|&b| b == 0));
    globals[4999] = 7;
    assert_eq!(table.globals_mut()[4999], 7);
    assert_eq!(permissions_at(base), "rw-p");
    // The globals' pages end where the stubs begin: a write past them faults.
    assert_eq!(table.stub(0), base + 2 * page);
    assert_eq!(permissions_at(table.stub(0)), "r-xp");
    // Without globals, the mapping starts with the stubs.
    let plain = FunctionTable::new(1, Arc::downgrade(&resolver)).unwrap();
    assert_eq!(plain.globals_address(), plain.stub(0));
    // Globals the stubs could not reach past to their slots are an error, not stubs that jump astray.
    let huge = FunctionTable::with_globals(1, Arc::downgrade(&resolver), None, 1 << 31);
    assert!(matches!(huge, Err(tierlift_code::Error::GlobalsTooLarge(n)) if n == 1 << 31));
}

/// Whether XGETBV with ECX = 1 (which register-state components are in use) is there.
fn xinuse_readable() -> bool {
    std::arch::is_x86_feature_detected!("xsave") && std::arch::x86_64::__cpuid_count(0xd, 1).eax & (1 << 2) != 0
}

/// Resolves to its address after clearing the vector registers' upper halves, as a compile does when the C
/// library's AVX routines run (they end with `vzeroupper`).
struct Clobbering(usize);
impl LazyResolve for Clobbering {
    fn resolve(&self, _index: u32) -> Result<usize, String> {
        // SAFETY: `vzeroupper` only clears the upper halves of the vector registers, which no Rust code here keeps
        // values in (the caller checked that the CPU has AVX).
        unsafe { std::arch::asm!("vzeroupper", out("xmm0") _, out("xmm1") _, options(nomem, nostack)) };
        Ok(self.0)
    }
}

/// A first call keeps a 256-bit argument whole, and leaves the vector registers' upper halves as unused as it found
/// them (the compile in between ran code that may have used and cleared them).
#[test]
fn first_calls_keep_the_vector_state_as_they_found_it() {
    if !std::arch::is_x86_feature_detected!("avx") || !xinuse_readable() {
        return;
    }
    let ret = tierlift_code::ExecBuffer::new(&[0xc3]).unwrap(); // ret: ymm0 comes back as the stub got it
    let resolver: Arc<dyn LazyResolve> = Arc::new(Clobbering(ret.address()));
    let table = FunctionTable::new(2, Arc::downgrade(&resolver)).unwrap();
    let (wide, clean) = (table.stub(0), table.stub(1));

    let sent: [u64; 4] = [0x1111, 0x2222, 0x3333, 0x4444];
    let mut got = [0_u64; 4];
    // SAFETY: stub 0 resolves to `ret`; the trampoline preserves every argument register; r12 (callee-saved) holds
    // the output buffer across the call; the block ends with the upper halves cleared again.
    unsafe {
        std::arch::asm!(
            "vmovdqu ymm0, [{sent}]",
            "call {stub}",
            "vmovdqu [r12], ymm0",
            "vzeroupper",
            sent = in(reg) sent.as_ptr(),
            stub = in(reg) wide,
            in("r12") got.as_mut_ptr(),
            clobber_abi("C"),
        )
    };
    assert_eq!(got, sent);

    let in_use: u32;
    // SAFETY: stub 1 resolves to `ret`; XGETBV(1) is available (checked) and only reads.
    unsafe {
        std::arch::asm!(
            "vzeroupper",
            "call {stub}",
            "mov ecx, 1",
            "xgetbv",
            stub = in(reg) clean,
            out("eax") in_use,
            clobber_abi("C"),
        )
    };
    // AVX (bit 2) and, on AVX-512 CPUs, the upper halves of zmm0-15 (bit 6): not in use, as before the call.
    assert_eq!(in_use & 0b100_0100, 0, "state in use after a first call: {in_use:#b}");
}
