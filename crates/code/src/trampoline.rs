//! The compile-on-first-call trampoline and the process-wide registry it resolves through.
//!
//! Each stub loads a process-wide function id into `r11d` and jumps through its slot. A slot that has no code yet
//! holds the function's lazy entry, which loads the same id and jumps to [`lazy_trampoline_address`]: it saves
//! every argument register (`rdi rsi rdx rcx r8 r9`, `rax` whose `al` carries the vector-register count of
//! variadic calls, `r10`, and the vector registers: with `xsave`, whole and as they were, `ymm`/`zmm` included; on
//! CPUs without it, `xmm0`–`xmm7`), calls `resolve(id)` with the thread's cancellation off (as the
//! register-preserving entries below do: a forced unwind must not cross the compile's Rust frames), restores them
//! and jumps to the code it got. Stack arguments are untouched.

use crate::signals::AsyncSignalsBlocked;
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{RwLock, Weak};

/// Supplies code for a function on its first call. Implemented by the runtime.
pub trait LazyResolve: Send + Sync {
    /// Compiles (or finds) code for function `index` of the table and installs it; returns the code address.
    /// Must be idempotent: several threads may ask for the same function at once.
    fn resolve(&self, index: u32) -> std::result::Result<usize, String>;

    /// Called (from JIT code, through [`hook_trampoline_address`]) when a counter of function `index` reaches its
    /// threshold; `loop_index` is 0 for the entry counter, `1 + n` for loop `n`. Must only record and return.
    fn hot(&self, index: u32, loop_index: u32) {
        let _ = (index, loop_index);
    }
}

struct Entry {
    len: u32,
    resolver: Weak<dyn LazyResolve>,
}

static NEXT_BASE: AtomicU32 = AtomicU32::new(1);
static REGISTRY: RwLock<BTreeMap<u32, Entry>> = RwLock::new(BTreeMap::new());
static FAILURE_HANDLER: RwLock<Option<fn(&str) -> !>> = RwLock::new(None);

/// A table's reservation of process-wide ids; dropping it unregisters the resolver.
pub(crate) struct Registration {
    pub(crate) base: u32,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut reg = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
        reg.remove(&self.base);
    }
}

pub(crate) fn register(len: usize, resolver: Weak<dyn LazyResolve>) -> Result<Registration> {
    let len32 = u32::try_from(len).map_err(|_| Error::IdSpace(len))?;
    let base = NEXT_BASE
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| b.checked_add(len32.max(1)))
        .map_err(|_| Error::IdSpace(len))?;
    let mut reg = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    reg.insert(base, Entry { len: len32, resolver });
    Ok(Registration { base })
}

/// Sets what happens when a lazily called function cannot be compiled in any tier (there is no caller to return
/// an error to). The default prints the error on stderr, flushes the C streams and ends the process with status
/// 70 at once (`_exit`: exit-time functions do not run, since compile workers may be inside LLVM).
pub fn set_lazy_failure_handler(handler: fn(&str) -> !) {
    *FAILURE_HANDLER.write().unwrap_or_else(|e| e.into_inner()) = Some(handler);
}

pub(crate) fn fail(msg: &str) -> ! {
    let handler = *FAILURE_HANDLER.read().unwrap_or_else(|e| e.into_inner());
    match handler {
        Some(h) => h(msg),
        None => {
            eprintln!("tierlift: {msg}");
            // SAFETY: flushes every C stream, then ends the process; nothing of it runs afterwards.
            unsafe {
                libc::fflush(std::ptr::null_mut());
                libc::_exit(70)
            }
        }
    }
}

fn find(id: u32) -> std::result::Result<(u32, std::sync::Arc<dyn LazyResolve>), String> {
    let reg = REGISTRY.read().unwrap_or_else(|e| e.into_inner());
    let (&base, entry) = reg
        .range(..=id)
        .next_back()
        .filter(|(b, e)| id - **b < e.len)
        .ok_or_else(|| format!("call through a stub of an unloaded module (id {id})"))?;
    Ok((base, entry.resolver.upgrade().ok_or("call into a dropped module")?))
}

pub(crate) extern "C" fn hotness_hook(id: u32, loop_index: u32) {
    // The hook takes the policy's and the queue's locks: keep the program's handlers (which may call JIT code that
    // reaches the hook again) from interrupting it.
    let _signals = AsyncSignalsBlocked::new();
    // On a stack of tierlift's own: the program's may be small or nearly used up (see `compile_stack`).
    crate::on_compile_stack(|| {
        let _ = std::panic::catch_unwind(|| {
            if let Ok((base, resolver)) = find(id) {
                resolver.hot(id - base, loop_index);
            }
        });
    });
}

fn lookup(id: u32) -> std::result::Result<usize, String> {
    let (base, resolver) = find(id)?;
    resolver.resolve(id - base)
}

extern "C" fn lazy_resolve(id: u32) -> usize {
    // A handler that interrupted this compile and made a first call itself would wait for this thread's compile
    // lock forever: signals wait until the compile is done (see `signals`).
    let _signals = AsyncSignalsBlocked::new();
    // The compile runs on a stack of tierlift's own: the program's may be small or nearly used up (see
    // `compile_stack`).
    match crate::on_compile_stack(|| std::panic::catch_unwind(|| lookup(id))) {
        Ok(Ok(code)) => code,
        Ok(Err(msg)) => fail(&msg),
        Err(_) => fail("internal error: panic while compiling a function on its first call"),
    }
}

/// Stores xmm0–xmm7 at `[rsp]`..`[rsp+112]` (the vector argument registers).
macro_rules! save_xmm_0_7 {
    () => {
        concat!(
            "movdqu [rsp], xmm0\n",
            "movdqu [rsp+16], xmm1\n",
            "movdqu [rsp+32], xmm2\n",
            "movdqu [rsp+48], xmm3\n",
            "movdqu [rsp+64], xmm4\n",
            "movdqu [rsp+80], xmm5\n",
            "movdqu [rsp+96], xmm6\n",
            "movdqu [rsp+112], xmm7"
        )
    };
}

/// Reloads what [`save_xmm_0_7`] stored.
macro_rules! restore_xmm_0_7 {
    () => {
        concat!(
            "movdqu xmm0, [rsp]\n",
            "movdqu xmm1, [rsp+16]\n",
            "movdqu xmm2, [rsp+32]\n",
            "movdqu xmm3, [rsp+48]\n",
            "movdqu xmm4, [rsp+64]\n",
            "movdqu xmm5, [rsp+80]\n",
            "movdqu xmm6, [rsp+96]\n",
            "movdqu xmm7, [rsp+112]"
        )
    };
}

/// Pushes the integer argument registers a lazy trampoline keeps (`rax` carries `al` for variadic calls, `r10` a
/// `nest` argument).
macro_rules! push_argument_registers {
    () => {
        concat!(
            "push rdi\n",
            "push rsi\n",
            "push rdx\n",
            "push rcx\n",
            "push r8\n",
            "push r9\n",
            "push rax\n",
            "push r10"
        )
    };
}

/// Pops what [`push_argument_registers`] pushed, then the frame's `rbp`, and jumps to the code in `r11`.
macro_rules! pop_argument_registers_and_go {
    () => {
        concat!(
            "pop r10\n",
            "pop rax\n",
            "pop r9\n",
            "pop r8\n",
            "pop rcx\n",
            "pop rdx\n",
            "pop rsi\n",
            "pop rdi\n",
            "pop rbp\n",
            ".cfi_def_cfa rsp, 8\n",
            ".cfi_restore rbp\n",
            "jmp r11"
        )
    };
}

/// Turns the calling thread's cancellation off for a call into the runtime: `pthread_setcanceltype(DEFERRED,
/// &type)` and `pthread_setcancelstate(DISABLE, &state)`, `type` at `[rbp-80]` and `state` at `[rbp-76]` (free
/// bytes of every trampoline here, below the registers it pushed). Clobbers what a C call does: the registers to
/// keep must be saved before.
macro_rules! cancellation_off {
    () => {
        concat!(
            "xor edi, edi\n",
            "lea rsi, [rbp-80]\n",
            "call {setcanceltype}\n",
            "mov edi, 1\n",
            "lea rsi, [rbp-76]\n",
            "call {setcancelstate}"
        )
    };
}

/// Brings back what [`cancellation_off`] saved: the state first (still deferred: nothing is acted on inside
/// `pthread_setcancelstate`), then, for an asynchronously cancellable thread, `pthread_testcancel` acts on a
/// cancellation that came meanwhile (unwinding from the trampoline's frame, which has unwind information, into
/// its caller's; unlike a cancellation acted on inside `pthread_setcancelstate`, it sets the thread's result),
/// then the type. Clobbers what a C call does.
macro_rules! cancellation_restored {
    () => {
        concat!(
            "mov edi, [rbp-76]\n",
            "lea rsi, [rbp-76]\n",
            "call {setcancelstate}\n",
            "cmp dword ptr [rbp-80], 1\n",
            "jne 3f\n",
            "call {testcancel}\n",
            "3:\n",
            "mov edi, [rbp-80]\n",
            "lea rsi, [rbp-80]\n",
            "call {setcanceltype}"
        )
    };
}

/// A trampoline's frame: `rbp` pushed and set, with the unwind directives that say so.
macro_rules! frame_enter {
    () => {
        concat!(
            "push rbp\n",
            ".cfi_def_cfa_offset 16\n",
            ".cfi_offset rbp, -16\n",
            "mov rbp, rsp\n",
            ".cfi_def_cfa_register rbp"
        )
    };
}

// The compile-on-first-call trampoline for CPUs without XSAVE: the vector argument registers are `xmm0`–`xmm7`.
// (The callee may take 256- or 512-bit vectors in `ymm`/`zmm` registers, whose upper parts the compile clobbers:
// where the CPU has them, [`lazy_trampoline_address`] hands out the XSAVE variant below.)
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl tierlift_lazy_trampoline",
    ".hidden tierlift_lazy_trampoline",
    ".type tierlift_lazy_trampoline,@function",
    "tierlift_lazy_trampoline:",
    ".cfi_startproc",
    frame_enter!(),
    push_argument_registers!(),
    // 16 bytes for the function's id (then its code) at [rbp-72] and the cancellation words, then the vector
    // registers.
    "sub rsp, 144",
    save_xmm_0_7!(),
    "mov [rbp-72], r11",
    cancellation_off!(),
    "mov edi, [rbp-72]",
    "call {resolve}",
    "mov [rbp-72], rax",
    cancellation_restored!(),
    "mov r11, [rbp-72]",
    restore_xmm_0_7!(),
    "add rsp, 144",
    pop_argument_registers_and_go!(),
    ".cfi_endproc",
    ".size tierlift_lazy_trampoline, .-tierlift_lazy_trampoline",
    resolve = sym lazy_resolve,
    setcancelstate = sym pthread_setcancelstate,
    setcanceltype = sym pthread_setcanceltype,
    testcancel = sym pthread_testcancel,
);

/// Register-state components the XSAVE variant keeps (XCR0 bits): SSE (`xmm`), AVX (the upper halves of `ymm`),
/// and AVX-512 (opmask registers, the upper halves of `zmm0`–`zmm15`, `zmm16`–`zmm31`). Not x87 (no arguments
/// travel there) nor AMX tiles (touching them can fault when the kernel has not given the thread tile state).
const XSAVE_COMPONENTS: u32 = 0b1110_0110;

/// Bytes the XSAVE variant takes from the stack: the standard-format save area for [`XSAVE_COMPONENTS`], plus 64 for
/// its alignment. Set by [`lazy_trampoline_address`] before it hands out that variant.
static XSAVE_BYTES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

// The lazy trampoline on CPUs with XSAVE: `xsave` keeps every vector argument register whole (`xmm`, `ymm`, `zmm`:
// whatever the CPU has) and `xrstor` brings them back as they were, including whether their upper parts were in
// use: code after a first call does not run with upper halves left dirty (which slows down legacy SSE code).
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl tierlift_lazy_trampoline_xsave",
    ".hidden tierlift_lazy_trampoline_xsave",
    ".type tierlift_lazy_trampoline_xsave,@function",
    "tierlift_lazy_trampoline_xsave:",
    ".cfi_startproc",
    frame_enter!(),
    push_argument_registers!(),
    // 16 bytes for the function's id (then its code) at [rbp-72] and the cancellation words, then the save area.
    "sub rsp, 16",
    "sub rsp, qword ptr [rip + {bytes}]",
    "and rsp, -64",
    // The save area's header must be zero but for what `xsave` writes itself.
    "xor eax, eax",
    "mov qword ptr [rsp + 512], rax",
    "mov qword ptr [rsp + 520], rax",
    "mov qword ptr [rsp + 528], rax",
    "mov qword ptr [rsp + 536], rax",
    "mov qword ptr [rsp + 544], rax",
    "mov qword ptr [rsp + 552], rax",
    "mov qword ptr [rsp + 560], rax",
    "mov qword ptr [rsp + 568], rax",
    "mov eax, {components}",
    "xor edx, edx",
    "xsave [rsp]",
    "mov [rbp-72], r11",
    cancellation_off!(),
    "mov edi, [rbp-72]",
    "call {resolve}",
    "mov [rbp-72], rax",
    cancellation_restored!(),
    "mov r11, [rbp-72]",
    "mov eax, {components}",
    "xor edx, edx",
    "xrstor [rsp]",
    "lea rsp, [rbp - 64]",
    pop_argument_registers_and_go!(),
    ".cfi_endproc",
    ".size tierlift_lazy_trampoline_xsave, .-tierlift_lazy_trampoline_xsave",
    resolve = sym lazy_resolve,
    bytes = sym XSAVE_BYTES,
    components = const XSAVE_COMPONENTS,
    setcancelstate = sym pthread_setcancelstate,
    setcanceltype = sym pthread_setcanceltype,
    testcancel = sym pthread_testcancel,
);

/// The XSAVE variant's stack need, if the kernel enabled XSAVE: the end of the furthest component of
/// [`XSAVE_COMPONENTS`] the kernel enabled (at least the legacy area and the header), plus 64.
fn xsave_bytes() -> Option<u64> {
    use std::arch::x86_64::{__cpuid, __cpuid_count};
    // CPUID.1:ECX.OSXSAVE: XSAVE is there and the kernel turned it on (XGETBV works).
    if __cpuid(1).ecx & (1 << 27) == 0 {
        return None;
    }
    let xcr0_low: u32;
    // SAFETY: XGETBV with ECX = 0 reads XCR0; it is allowed in user mode once OSXSAVE is set (checked above) and
    // touches no memory.
    unsafe { std::arch::asm!("xgetbv", in("ecx") 0, out("eax") xcr0_low, out("edx") _, options(nomem, nostack)) };
    let enabled = xcr0_low & XSAVE_COMPONENTS;
    let mut end = 512 + 64;
    for component in 2..8 {
        if enabled & (1 << component) != 0 {
            // CPUID.(0DH, i): EAX the component's size, EBX its offset in the standard format.
            let leaf = __cpuid_count(0xd, component);
            end = end.max(leaf.ebx + leaf.eax);
        }
    }
    Some(u64::from(end) + 64)
}

/// A register-preserving entry named `$name` in front of the `extern "C"` function `$callee`: instrumented tier-0
/// code calls it with Cranelift's `preserve_all` convention (up to five integer arguments in the C convention's
/// registers, nothing clobbered), so a cold path inside a hot loop does not force the loop's values out of
/// caller-saved registers. (Cranelift's `preserve_all` convention has no return values: a routine that answers
/// writes to memory its caller points to.)
///
/// The callee runs with the thread's cancellation disabled (and deferred): a thread the program made
/// asynchronously cancellable (native code of which only computes, which is safe) could otherwise be cancelled in
/// the middle of the runtime's Rust code, whose frames a forced unwind must not cross (they hold locks, and end in
/// an `extern "C"` function that aborts on unwinding: "FATAL: exception not rethrown"). The previous state and type
/// are restored here, after the callee returned; an asynchronously cancellable thread acts on a cancellation that
/// came meanwhile here, unwinding from this frame. (`SIGCANCEL` cannot be blocked, unlike the signals `signals`
/// keeps out.)
macro_rules! preserve_all_entry {
    ($name:literal, $callee:path) => {
        std::arch::global_asm!(
            crate::asm_function!($name),
            ".cfi_startproc",
            frame_enter!(),
            "push rax",
            "push rcx",
            "push rdx",
            "push rsi",
            "push rdi",
            "push r8",
            "push r9",
            "push r10",
            "push r11",
            "sub rsp, 264",
            save_xmm_0_7!(),
            "movdqu [rsp+128], xmm8",
            "movdqu [rsp+144], xmm9",
            "movdqu [rsp+160], xmm10",
            "movdqu [rsp+176], xmm11",
            "movdqu [rsp+192], xmm12",
            "movdqu [rsp+208], xmm13",
            "movdqu [rsp+224], xmm14",
            "movdqu [rsp+240], xmm15",
            // The cancellation words in the 8 bytes above the vector registers; then the arguments again from
            // where they were pushed.
            cancellation_off!(),
            "mov rdi, [rsp+296]",
            "mov rsi, [rsp+304]",
            "mov rdx, [rsp+312]",
            "mov rcx, [rsp+320]",
            "mov r8, [rsp+288]",
            "call {callee}",
            cancellation_restored!(),
            restore_xmm_0_7!(),
            "movdqu xmm8, [rsp+128]",
            "movdqu xmm9, [rsp+144]",
            "movdqu xmm10, [rsp+160]",
            "movdqu xmm11, [rsp+176]",
            "movdqu xmm12, [rsp+192]",
            "movdqu xmm13, [rsp+208]",
            "movdqu xmm14, [rsp+224]",
            "movdqu xmm15, [rsp+240]",
            "add rsp, 264",
            "pop r11",
            "pop r10",
            "pop r9",
            "pop r8",
            "pop rdi",
            "pop rsi",
            "pop rdx",
            "pop rcx",
            "pop rax",
            "pop rbp",
            ".cfi_def_cfa rsp, 8",
            ".cfi_restore rbp",
            "ret",
            ".cfi_endproc",
            concat!(".size ", $name, ", .-", $name),
            callee = sym $callee,
            setcancelstate = sym pthread_setcancelstate,
            setcanceltype = sym pthread_setcanceltype,
            testcancel = sym pthread_testcancel,
        );
    };
}

unsafe extern "C" {
    /// `int pthread_setcancelstate(int state, int *oldstate)` (not in the `libc` crate for Linux).
    fn pthread_setcancelstate(state: libc::c_int, oldstate: *mut libc::c_int) -> libc::c_int;
    /// `int pthread_setcanceltype(int type, int *oldtype)`.
    fn pthread_setcanceltype(kind: libc::c_int, oldkind: *mut libc::c_int) -> libc::c_int;
    /// `void pthread_testcancel(void)`.
    fn pthread_testcancel();
}

// The hotness hook: a counter's cold path.
preserve_all_entry!("tierlift_hook_trampoline", hotness_hook);

// The indirect-call miss routine: a sampled call's cold path.
preserve_all_entry!("tierlift_indirect_call_miss_trampoline", crate::profile::indirect_call_miss);

// A shard of a counting entry used up its calls (see `entry_counts`).
preserve_all_entry!("tierlift_entry_shard_trampoline", crate::entry_counts::shard_used_up);

// A batch of loop visits reached its counter's threshold (see `loop_batches`).
preserve_all_entry!("tierlift_loop_threshold_trampoline", crate::loop_batches::loop_threshold_reached);

unsafe extern "C" {
    fn tierlift_lazy_trampoline();
    fn tierlift_lazy_trampoline_xsave();
    fn tierlift_hook_trampoline();
    fn tierlift_indirect_call_miss_trampoline();
}

/// Address of the indirect-call miss routine behind an entry that preserves every register (for Cranelift's
/// `preserve_all` calling convention): `fn(site: *mut u64, target: u64)`.
pub fn indirect_call_miss_address() -> usize {
    tierlift_indirect_call_miss_trampoline as *const () as usize
}

/// Address of the hotness hook, `fn(id: u32, loop_index: u32)`, behind an entry that preserves every register
/// (Cranelift's `preserve_all` convention, and a superset of the C one): instrumented code calls it with the
/// process-wide id of a function ([`crate::FunctionTable::id_base`] + index) when one of its counters reaches its
/// threshold.
pub fn hook_trampoline_address() -> usize {
    tierlift_hook_trampoline as *const () as usize
}

/// Address of the lazy trampoline (the initial content of every slot).
pub fn lazy_trampoline_address() -> usize {
    static CHOSEN: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CHOSEN.get_or_init(|| match xsave_bytes() {
        Some(bytes) => {
            XSAVE_BYTES.store(bytes, std::sync::atomic::Ordering::Release);
            tierlift_lazy_trampoline_xsave as *const () as usize
        }
        None => tierlift_lazy_trampoline as *const () as usize,
    })
}
