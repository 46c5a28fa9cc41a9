//! Finding out whether any thread can still be running, or return into, a piece of retired code.
//!
//! Once a function's new version is installed, no call reaches the old one any more: JIT code calls functions
//! through their stubs, and stubs jump through the slots. A thread can only still be in the old code if it was
//! running there when the slot changed, or if a frame of the old code is on its stack (it will return there).
//! So, after the slot store, the old code is unreachable once no thread's registers or stack hold an address in it.
//! [`scan_other_threads`] checks that for a set of address ranges, conservatively: any word equal to an address in
//! a range (a return address, a saved register, or data that merely looks like one) keeps the range alive.
//!
//! How each thread is looked at, without stopping the process:
//! - **A thread asleep in a system call** (state `S` or `D`): it is not running JIT code, and its registers hold no
//!   retired address (JIT code keeps code addresses only in return addresses: it calls through stubs, whose
//!   addresses never retire). Its stack, from the stack pointer the kernel reports in `/proc/self/task/T/syscall`,
//!   is read from here. The read counts only if the thread slept throughout: the same state and the same number
//!   of context switches (`/proc/self/task/T/status`) before and after. Such a thread gets no signal, so its
//!   `sleep`, `poll` or `read` is not interrupted. A thread that keeps waking from short sleeps in a call that a
//!   signal would make fail with `EINTR` (`nanosleep`, `poll`, `epoll_wait`, ...; signal(7)) is not signalled
//!   either: the scan is given up, and tried again later.
//! - **Any other thread** gets a real-time signal. Its handler looks at the registers of the interrupted context
//!   (its program counter included) and at its own stack, from the interrupted stack pointer (minus the red zone)
//!   to the top of the stack's mapping, and reports back. The handler is installed with `SA_RESTART`.
//!
//! Memory is read with `process_vm_readv` on the process itself, which fails cleanly where nothing is mapped.
//! Exited threads not yet reaped are skipped. The scan is given up (nothing may be freed) when a thread cannot be
//! looked at: it blocks the signal, does not answer in time (e.g. stopped by a debugger), runs on an alternate
//! signal stack, or its stack pointer is in no known mapping or in a stack of tierlift's own (a first call's
//! compile, the hotness hook: `compile_stack`); and for good when the program has installed a
//! handler of its own for the signal.
//!
//! Not seen by the scan, so not to be combined with freeing code: JIT frames on a stack the thread is not running
//! on right now (coroutines or green threads that switch stacks, `swapcontext`; also a signal handler asleep on
//! an alternate stack while the JIT code it interrupted waits on the thread's own stack).
//!
//! The calling thread is not examined: it must not be running JIT code (compile workers call the scan). Threads
//! that never run JIT code can say so with [`ExcludedThread`].

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Bytes below the stack pointer that a leaf function may use without moving it (System V red zone).
const RED_ZONE: usize = 128;
/// A stack mapping larger than this (above the stack pointer) is not scanned: the scan gives up.
const LARGEST_STACK: usize = 256 << 20;
/// Times a sleeping thread's stack is read before it is signalled instead (it kept waking meanwhile).
const SLEEP_TRIES: usize = 8;
/// How long after seeing a thread running the scan looks again, before it signals the thread.
const RUNNING_RECHECK: Duration = Duration::from_micros(50);
/// Words read per `process_vm_readv` in a signal handler (its buffer is on the interrupted thread's stack).
const HANDLER_CHUNK_WORDS: usize = 64;
/// Words read per `process_vm_readv` when a sleeping thread's stack is read from the scanning thread.
const SCANNER_CHUNK_WORDS: usize = 8192;

/// What one scan asks and what the threads answer. Lives until every handler that may read it has left.
struct Request {
    /// Retired code, `(start, end)` with `end` inclusive (a call that ends a function returns to its end), sorted.
    ranges: Vec<(usize, usize)>,
    /// Readable mappings of the process, `(start, end)` exclusive, sorted.
    maps: Vec<(usize, usize)>,
    /// Threads signalled, sorted.
    tids: Vec<i32>,
    /// Which of `tids` answered.
    answered: Vec<AtomicBool>,
    /// Which of `ranges` something refers to.
    hits: Vec<AtomicBool>,
    /// A thread could not be scanned: nothing may be freed.
    unknown: AtomicBool,
}

/// The scan in progress (null: none).
static REQUEST: AtomicPtr<Request> = AtomicPtr::new(std::ptr::null_mut());
/// Handlers between reading `REQUEST` and leaving it.
static IN_HANDLER: AtomicUsize = AtomicUsize::new(0);
/// One scan at a time.
static SCAN: Mutex<()> = Mutex::new(());
/// The signal the scan sends (`None`: no free real-time signal, or its handler could not be installed).
static SIGNAL: OnceLock<Option<libc::c_int>> = OnceLock::new();
/// Threads that never run JIT code.
static EXCLUDED: Mutex<Option<HashSet<i32>>> = Mutex::new(None);

fn gettid() -> i32 {
    // SAFETY: `gettid` has no preconditions and is async-signal-safe.
    unsafe { libc::gettid() }
}

/// Marks the current thread as one that never runs JIT code (a compile worker), for as long as the value lives:
/// scans leave it alone.
pub struct ExcludedThread {
    tid: i32,
    _this_thread: std::marker::PhantomData<*const ()>,
}

impl ExcludedThread {
    /// Excludes the calling thread.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        let tid = gettid();
        EXCLUDED.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashSet::new).insert(tid);
        ExcludedThread { tid, _this_thread: std::marker::PhantomData }
    }
}

impl Drop for ExcludedThread {
    fn drop(&mut self) {
        if let Some(set) = EXCLUDED.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            set.remove(&self.tid);
        }
    }
}

/// The scan's signal, chosen and its handler installed on first use: the highest real-time signal nobody
/// handles. Asynchronous-signal blocking (`AsyncSignalsBlocked`) leaves it out, so threads in the runtime answer.
pub(crate) fn scan_signal() -> Option<libc::c_int> {
    *SIGNAL.get_or_init(install_handler)
}

fn install_handler() -> Option<libc::c_int> {
    let (low, high) = (libc::SIGRTMIN() + 2, libc::SIGRTMAX());
    for signal in (low..=high).rev() {
        let mut old = std::mem::MaybeUninit::<libc::sigaction>::zeroed();
        // SAFETY: a null new action only reads the current one into `old`.
        if unsafe { libc::sigaction(signal, std::ptr::null(), old.as_mut_ptr()) } != 0 {
            continue;
        }
        // SAFETY: `sigaction` succeeded and wrote `old`.
        if unsafe { old.assume_init() }.sa_sigaction != libc::SIG_DFL {
            continue;
        }
        // SAFETY: a zeroed `sigaction` is a valid starting point; the fields set below are valid, `on_signal` has
        // the signature `SA_SIGINFO` requires, and only touches atomics and memory the scan keeps alive.
        let installed = unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut()) == 0
        };
        if installed {
            return Some(signal);
        }
    }
    None
}

/// Whether `signal` still has the scan's handler (the program may have installed its own since).
fn handler_installed(signal: libc::c_int) -> bool {
    let mut now = std::mem::MaybeUninit::<libc::sigaction>::zeroed();
    // SAFETY: a null new action only reads the current one into `now`.
    let read = unsafe { libc::sigaction(signal, std::ptr::null(), now.as_mut_ptr()) } == 0;
    // SAFETY: `sigaction` succeeded and wrote `now`.
    read && unsafe { now.assume_init() }.sa_sigaction == on_signal as *const () as usize
}

extern "C" fn on_signal(_signal: libc::c_int, _info: *mut libc::siginfo_t, context: *mut libc::c_void) {
    // SAFETY: `__errno_location` returns this thread's errno cell; it is restored before returning, so the
    // interrupted code never sees a change.
    let errno = unsafe { *libc::__errno_location() };
    IN_HANDLER.fetch_add(1, Ordering::SeqCst);
    let request = REQUEST.load(Ordering::SeqCst);
    if !request.is_null() {
        // SAFETY: the scanner frees a request only after clearing `REQUEST` and then seeing `IN_HANDLER` at zero;
        // this handler counted itself in before loading the pointer, so the request outlives this use.
        let request = unsafe { &*request };
        // SAFETY: with `SA_SIGINFO` the kernel passes the interrupted context as the third argument.
        let context = unsafe { &*(context as *const libc::ucontext_t) };
        answer(request, context);
    }
    IN_HANDLER.fetch_sub(1, Ordering::SeqCst);
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = errno };
}

/// A signalled thread's part of the scan: its registers and its stack. Async-signal-safe: no allocation, no lock.
fn answer(request: &Request, context: &libc::ucontext_t) {
    let Ok(me) = request.tids.binary_search(&gettid()) else { return };
    let gregs = &context.uc_mcontext.gregs;
    for &value in gregs.iter() {
        mark(request, value as usize);
    }
    let mut stack = std::mem::MaybeUninit::<libc::stack_t>::zeroed();
    // SAFETY: a null new stack only reads the current alternate stack settings, which is async-signal-safe.
    let on_alternate = unsafe { libc::sigaltstack(std::ptr::null(), stack.as_mut_ptr()) } == 0
        // SAFETY: `sigaltstack` succeeded and wrote `stack`.
        && unsafe { stack.assume_init() }.ss_flags & libc::SS_ONSTACK != 0;
    // The handler runs on the interrupted stack (no `SA_ONSTACK`), unless the thread was already on its alternate
    // stack: then the frames of the code it interrupted are on another stack, out of reach.
    let scanned =
        !on_alternate && scan_stack(request, gregs[libc::REG_RSP as usize] as usize, &mut [0; HANDLER_CHUNK_WORDS]);
    if !scanned {
        request.unknown.store(true, Ordering::SeqCst);
    }
    request.answered[me].store(true, Ordering::SeqCst);
}

/// Marks the range `value` falls in, if any.
fn mark(request: &Request, value: usize) {
    let i = request.ranges.partition_point(|&(start, _)| start <= value);
    if i > 0 && value <= request.ranges[i - 1].1 {
        request.hits[i - 1].store(true, Ordering::Relaxed);
    }
}

/// Scans a stack from `sp` (less the red zone) to the end of the mapping holding `sp` (the top of a thread's
/// stack: stacks grow down, and a thread's stack is one mapping). False if `sp` is in no known mapping, the
/// mapping is too large, or it cannot be read. Reads through `buffer`, in pieces of its size. Async-signal-safe.
fn scan_stack(request: &Request, sp: usize, buffer: &mut [usize]) -> bool {
    // A thread working on one of tierlift's own stacks has its JIT frames on its own stack, above where it left it.
    if crate::compile_stack::is_compile_stack(sp) {
        return false;
    }
    let i = request.maps.partition_point(|&(start, _)| start <= sp);
    if i == 0 || sp >= request.maps[i - 1].1 {
        return false;
    }
    let (own_start, end) = request.maps[i - 1];
    let start = sp.saturating_sub(RED_ZONE).max(own_start) & !7;
    if end - start > LARGEST_STACK {
        return false;
    }
    let mut at = start;
    while at < end {
        let len = (end - at).min(buffer.len() * 8);
        let local = libc::iovec { iov_base: buffer.as_mut_ptr().cast(), iov_len: len };
        let remote = libc::iovec { iov_base: at as *mut libc::c_void, iov_len: len };
        // SAFETY: reads `len` bytes of this process at `at` into `buffer` (at least `len` bytes long); the kernel
        // checks the source range and fails instead of faulting where nothing is mapped.
        let read = unsafe { libc::process_vm_readv(libc::getpid(), &local, 1, &remote, 1, 0) };
        if read <= 0 {
            return false;
        }
        for &word in &buffer[..read as usize / 8] {
            mark(request, word);
        }
        at += read as usize;
    }
    true
}

/// What a conclusive scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// For each range asked about, whether something refers to it.
    pub referenced: Vec<bool>,
    /// Threads read while asleep in a system call (not signalled).
    pub asleep: usize,
    /// Threads signalled.
    pub signalled: usize,
}

/// Why a scan could not tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    /// No real-time signal is free, or the system refuses what the scan needs.
    Unsupported(String),
    /// A thread could not be looked at; try again later.
    Busy(String),
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::Unsupported(why) => write!(f, "stack scanning unavailable: {why}"),
            ScanError::Busy(why) => write!(f, "stack scan inconclusive: {why}"),
        }
    }
}

/// A thread's `status` as far as the scan cares.
struct Status {
    /// Asleep in the kernel (`S` or `D`).
    sleeping: bool,
    /// Exited, not yet reaped (`Z` or `X`): no stack to look at.
    dead: bool,
    /// Context switches, voluntary and not.
    switches: u64,
    /// Voluntary context switches alone (the thread went to sleep).
    sleeps: u64,
    blocked: u64,
}

fn read_status(tid: i32) -> Option<Status> {
    let text = std::fs::read_to_string(format!("/proc/self/task/{tid}/status")).ok()?;
    let field = |name: &str| text.lines().find_map(|l| l.strip_prefix(name)).map(str::trim);
    let state = field("State:")?.chars().next();
    let (sleeping, dead) = (matches!(state, Some('S' | 'D')), matches!(state, Some('Z' | 'X')));
    let sleeps = field("voluntary_ctxt_switches:")?.parse::<u64>().ok()?;
    let switches = sleeps + field("nonvoluntary_ctxt_switches:")?.parse::<u64>().ok()?;
    let blocked = u64::from_str_radix(field("SigBlk:")?, 16).ok()?;
    Some(Status { sleeping, dead, switches, sleeps, blocked })
}

/// The system call number, user stack pointer and program counter of a thread blocked in a system call (`None`:
/// it is not).
fn blocked_in_syscall(tid: i32) -> Option<(i64, usize, usize)> {
    let text = std::fs::read_to_string(format!("/proc/self/task/{tid}/syscall")).ok()?;
    let fields: Vec<&str> = text.split_whitespace().collect();
    if fields.len() < 3 || fields[0] == "running" || fields[0] == "-1" {
        return None;
    }
    let hex = |s: &str| usize::from_str_radix(s.trim_start_matches("0x"), 16).ok();
    Some((fields[0].parse().ok()?, hex(fields[fields.len() - 2])?, hex(fields[fields.len() - 1])?))
}

/// Whether a signal handler makes system call `nr` fail with `EINTR` even with `SA_RESTART` (signal(7): sleeps,
/// waits for I/O readiness or events, System V IPC waits).
fn interrupted_by_signals(nr: i64) -> bool {
    [
        libc::SYS_nanosleep,
        libc::SYS_clock_nanosleep,
        libc::SYS_poll,
        libc::SYS_ppoll,
        libc::SYS_select,
        libc::SYS_pselect6,
        libc::SYS_epoll_wait,
        libc::SYS_epoll_pwait,
        libc::SYS_epoll_pwait2,
        libc::SYS_io_getevents,
        libc::SYS_msgrcv,
        libc::SYS_msgsnd,
        libc::SYS_semop,
        libc::SYS_semtimedop,
        libc::SYS_rt_sigtimedwait,
        libc::SYS_rt_sigsuspend,
        libc::SYS_pause,
    ]
    .contains(&nr)
}

fn readable_mappings() -> Result<Vec<(usize, usize)>, ScanError> {
    let text = std::fs::read_to_string("/proc/self/maps")
        .map_err(|e| ScanError::Unsupported(format!("/proc/self/maps: {e}")))?;
    let mut maps: Vec<(usize, usize)> = text
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (range, perms) = (fields.next()?, fields.next()?);
            let (start, end) = range.split_once('-')?;
            perms.starts_with('r').then_some(())?;
            Some((usize::from_str_radix(start, 16).ok()?, usize::from_str_radix(end, 16).ok()?))
        })
        .collect();
    maps.sort_unstable();
    Ok(maps)
}

fn other_threads() -> Result<Vec<i32>, ScanError> {
    let me = gettid();
    let excluded = EXCLUDED.lock().unwrap_or_else(|e| e.into_inner()).clone().unwrap_or_default();
    let dir =
        std::fs::read_dir("/proc/self/task").map_err(|e| ScanError::Unsupported(format!("/proc/self/task: {e}")))?;
    let mut tids: Vec<i32> = dir
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .filter(|&t| t != me && !excluded.contains(&t))
        .collect();
    tids.sort_unstable();
    Ok(tids)
}

/// What looking at a thread from outside found.
enum Look {
    /// Asleep in a system call throughout: its stack was scanned from here.
    Asleep,
    /// Exited.
    Gone,
    /// Running (or not readable from here), and the signal can reach it.
    Running,
    /// Running, with the signal blocked.
    Blocks,
    /// Kept waking from short sleeps in a system call that a signal would make fail with `EINTR` (`nanosleep`,
    /// `poll`): not signalled, so not looked at.
    Restless,
}

/// Scans `tid`'s stack from here if it is asleep in a system call and stays so throughout; else says whether the
/// signal can reach it, as late as possible before it is sent.
fn look_at(request: &Request, tid: i32, signal: libc::c_int, buffer: &mut [usize]) -> Look {
    let Some(mut now) = read_status(tid) else { return Look::Gone };
    let first_sleeps = now.sleeps;
    // Whether it was seen in a sleep that a signal would make fail (`restless`), or in any sleep at all.
    let (mut restless, mut seen_asleep) = (false, false);
    for _ in 0..SLEEP_TRIES {
        if now.dead {
            return Look::Gone;
        }
        if !now.sleeping {
            // Running, or awake between two short sleeps: look again a moment later, so that a thread that
            // sleeps often is seen asleep (and in which call) rather than signalled at once.
            std::thread::sleep(RUNNING_RECHECK);
            let Some(later) = read_status(tid) else { return Look::Gone };
            let slept = later.sleeps != now.sleeps || later.sleeping;
            now = later;
            if !slept {
                break;
            }
            continue;
        }
        let Some((nr, sp, pc)) = blocked_in_syscall(tid) else {
            // Woke meanwhile.
            let Some(later) = read_status(tid) else { return Look::Gone };
            now = later;
            continue;
        };
        seen_asleep = true;
        restless |= interrupted_by_signals(nr);
        mark(request, pc);
        let scanned = scan_stack(request, sp, buffer);
        let Some(after) = read_status(tid) else { return Look::Gone };
        if scanned && after.sleeping && after.switches == now.switches {
            return Look::Asleep;
        }
        now = after;
    }
    // Seen in such a sleep, or sleeping in calls it was never caught in: the signal could well find it in the
    // next one, and the program would see its `nanosleep` or `poll` fail, which it never does natively. A thread
    // that did not sleep while it was looked at is running; one seen only in calls that `SA_RESTART` restarts
    // (`futex`, `read`) may be signalled.
    let slept = now.sleeps != first_sleeps || now.sleeping;
    if restless || (slept && !seen_asleep) {
        Look::Restless
    } else if now.blocked & (1u64 << (signal - 1)) != 0 {
        Look::Blocks
    } else {
        Look::Running
    }
}

/// For each of `ranges` (code retired before this call: `(start, end)`, `end` inclusive, sorted and disjoint),
/// whether some other thread's registers or stack hold an address in it (`Scan::referenced`). Waits up to `timeout` for signalled
/// threads. The calling thread must not be running JIT code (its own stack is not scanned).
pub fn scan_other_threads(ranges: &[(usize, usize)], timeout: Duration) -> Result<Scan, ScanError> {
    let _one = SCAN.lock().unwrap_or_else(|e| e.into_inner());
    let signal = scan_signal().ok_or_else(|| ScanError::Unsupported("no free real-time signal".into()))?;
    if !handler_installed(signal) {
        return Err(ScanError::Unsupported(format!("the program took over signal {signal}")));
    }
    let maps = readable_mappings()?;
    let mut request = Request {
        ranges: ranges.to_vec(),
        maps,
        tids: Vec::new(),
        answered: Vec::new(),
        hits: ranges.iter().map(|_| AtomicBool::new(false)).collect(),
        unknown: AtomicBool::new(false),
    };
    let tids = other_threads()?;
    request.answered = tids.iter().map(|_| AtomicBool::new(false)).collect();
    request.tids = tids;
    let request = Box::into_raw(Box::new(request));
    REQUEST.store(request, Ordering::SeqCst);
    // SAFETY: `request` stays valid until it is freed below, after `REQUEST` is cleared and no handler is in it.
    let shared = unsafe { &*request };
    // SAFETY: `getpid` has no preconditions.
    let pid = unsafe { libc::getpid() };
    let (mut asleep, mut signalled, mut blocked_by) = (0, 0, None);
    let mut buffer = vec![0usize; SCANNER_CHUNK_WORDS];
    for (i, &tid) in shared.tids.iter().enumerate() {
        match look_at(shared, tid, signal, &mut buffer) {
            Look::Asleep => {
                asleep += 1;
                shared.answered[i].store(true, Ordering::SeqCst);
            }
            Look::Gone => shared.answered[i].store(true, Ordering::SeqCst),
            look @ (Look::Blocks | Look::Restless) => {
                let name = std::fs::read_to_string(format!("/proc/self/task/{tid}/comm")).unwrap_or_default();
                blocked_by = Some(if matches!(look, Look::Blocks) {
                    format!("thread {tid} ({}) blocks signal {signal}", name.trim())
                } else {
                    format!("thread {tid} ({}) keeps waking from short sleeps", name.trim())
                });
                shared.unknown.store(true, Ordering::SeqCst);
                break;
            }
            Look::Running => {
                // Signalled right after it was seen running: the shorter that gap, the less likely the signal
                // finds it gone to sleep in a call that a handler interrupts (`nanosleep`, `poll`: EINTR).
                // SAFETY: `tgkill` with this process's id only signals its own threads; the handler is installed.
                let sent = unsafe { libc::syscall(libc::SYS_tgkill, pid, tid, signal) } == 0;
                if sent {
                    signalled += 1;
                // SAFETY: reads this thread's errno right after the failed call.
                } else if unsafe { *libc::__errno_location() } == libc::ESRCH {
                    // Gone since it was listed, and its stack with it.
                    shared.answered[i].store(true, Ordering::SeqCst);
                } else {
                    shared.unknown.store(true, Ordering::SeqCst);
                }
            }
        }
    }
    let start = Instant::now();
    let mut all = false;
    while start.elapsed() < timeout {
        all = shared.answered.iter().all(|a| a.load(Ordering::SeqCst));
        if all || shared.unknown.load(Ordering::SeqCst) {
            break;
        }
        std::thread::sleep(Duration::from_micros(100));
    }
    let outcome = if let Some(why) = blocked_by {
        Err(ScanError::Busy(why))
    } else if shared.unknown.load(Ordering::SeqCst) {
        Err(ScanError::Busy("a thread's stack could not be scanned".into()))
    } else if !all {
        Err(ScanError::Busy("a thread did not answer in time".into()))
    } else {
        Ok(Scan { referenced: shared.hits.iter().map(|h| h.load(Ordering::SeqCst)).collect(), asleep, signalled })
    };
    REQUEST.store(std::ptr::null_mut(), Ordering::SeqCst);
    let waiting = Instant::now();
    while IN_HANDLER.load(Ordering::SeqCst) != 0 {
        if waiting.elapsed() > Duration::from_secs(1) {
            // A handler is stuck inside the request: leave it allocated rather than free it under the handler.
            return outcome;
        }
        std::thread::yield_now();
    }
    // SAFETY: `request` came from `Box::into_raw` above; `REQUEST` no longer points to it and no handler is using
    // it (a handler entering from now on reads null), so this is the only reference.
    drop(unsafe { Box::from_raw(request) });
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize as Counter;

    /// A function whose code the test treats as "retired": a thread runs inside it (spinning) or sleeps with it on
    /// its stack.
    #[inline(never)]
    extern "C" fn spin_until(flag: &AtomicBool) {
        while !flag.load(Ordering::Relaxed) {
            std::hint::spin_loop();
        }
    }

    #[inline(never)]
    extern "C" fn sleep_until(flag: &AtomicBool) {
        while !flag.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(5));
        }
        // Keeps a frame of this function on the stack while sleeping (no tail call).
        std::hint::black_box(flag);
    }

    /// Ranges of about 512 bytes from each address, cut short where the next one starts, sorted.
    fn ranges_of(addresses: &[usize]) -> Vec<(usize, usize)> {
        let mut starts = addresses.to_vec();
        starts.sort_unstable();
        (0..starts.len())
            .map(|i| (starts[i], starts.get(i + 1).map_or(starts[i] + 512, |&n| (starts[i] + 512).min(n - 1))))
            .collect()
    }

    /// Never called.
    #[inline(never)]
    extern "C" fn never_called(x: u64) -> u64 {
        x.rotate_left(13) ^ 0x5eed
    }

    /// Never called: what `threads_in_short_sleeps_are_not_interrupted` scans for.
    #[inline(never)]
    extern "C" fn scanned_while_napping(x: u64) -> u64 {
        x.rotate_right(7) ^ 0xa11
    }

    #[inline(never)]
    extern "C" fn spin_excluded(flag: &AtomicBool) {
        while !flag.load(Ordering::Acquire) {
            std::hint::spin_loop();
            std::hint::spin_loop();
        }
    }

    fn scan_retrying(ranges: &[(usize, usize)]) -> Scan {
        for _ in 0..50 {
            match scan_other_threads(ranges, Duration::from_secs(2)) {
                Ok(hits) => return hits,
                Err(ScanError::Busy(_)) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => panic!("{e}"),
            }
        }
        panic!("no conclusive scan");
    }

    #[test]
    fn finds_running_and_sleeping_frames_and_only_them() {
        let stop = Arc::new(AtomicBool::new(false));
        let started = Arc::new(Counter::new(0));
        let mut threads = Vec::new();
        for f in [spin_until as extern "C" fn(&AtomicBool), sleep_until] {
            let (stop, started) = (stop.clone(), started.clone());
            threads.push(std::thread::spawn(move || {
                started.fetch_add(1, Ordering::SeqCst);
                f(&stop);
            }));
        }
        while started.load(Ordering::SeqCst) < 2 {
            std::thread::yield_now();
        }
        std::thread::sleep(Duration::from_millis(50));
        let spin = spin_until as *const () as usize;
        let sleep = sleep_until as *const () as usize;
        let never = never_called as *const () as usize;
        let mut ranges = ranges_of(&[spin, sleep, never]);
        // `never_called` is a few instructions long: 512 bytes from its start reach the functions after it, which
        // other tests run on their threads meanwhile (seen: `scan_retrying`, `spin_excluded`). Its first 16 bytes
        // are its own, as functions start 16-byte aligned.
        for r in ranges.iter_mut().filter(|r| r.0 == never) {
            r.1 = r.1.min(never + 15);
        }
        let scan = scan_retrying(&ranges);
        let hits = &scan.referenced;
        stop.store(true, Ordering::SeqCst);
        for t in threads {
            t.join().unwrap();
        }
        let hit = |f: usize| hits[ranges.iter().position(|r| r.0 == f).unwrap()];
        assert!(hit(spin), "the spinning thread's program counter");
        assert!(hit(sleep), "the sleeping thread's return address");
        assert!(!hit(never), "code nobody runs: {hits:?}");
        // The spinning thread is signalled; the sleeping one (and the test harness's idle threads) are read asleep.
        assert!(scan.signalled >= 1 && scan.asleep >= 1, "{scan:?}");
    }

    #[test]
    fn threads_in_short_sleeps_are_not_interrupted() {
        // A thread that sleeps 20 µs at a time is rarely asleep throughout a read of its stack; a signal would
        // often find it in `nanosleep`, which then fails with EINTR whatever `SA_RESTART` says.
        let stop = Arc::new(AtomicBool::new(false));
        let s = stop.clone();
        let sleeper = std::thread::spawn(move || {
            let (mut naps, mut interrupted) = (0u64, 0u64);
            while !s.load(Ordering::Relaxed) {
                let nap = libc::timespec { tv_sec: 0, tv_nsec: 20_000 };
                // SAFETY: `nap` is a valid timespec; the remaining time is not asked for.
                if unsafe { libc::nanosleep(&nap, std::ptr::null_mut()) } != 0 {
                    interrupted += 1;
                }
                naps += 1;
            }
            (naps, interrupted)
        });
        // A function of its own: this thread's frames hold the address it scans for, and a test scanning for
        // `never_called` at the same time asserts that no thread refers to that one.
        let ranges = ranges_of(&[scanned_while_napping as *const () as usize]);
        let (mut conclusive, mut restless) = (0, 0);
        for _ in 0..100 {
            match scan_other_threads(&ranges, Duration::from_secs(2)) {
                Ok(_) => conclusive += 1,
                Err(ScanError::Busy(why)) => restless += usize::from(why.contains("short sleeps")),
                Err(e) => panic!("{e}"),
            }
        }
        stop.store(true, Ordering::SeqCst);
        let (naps, interrupted) = sleeper.join().unwrap();
        assert!(naps > 100, "{naps}");
        assert_eq!(interrupted, 0, "{naps} naps; {conclusive} conclusive scans, {restless} given up");
    }

    #[test]
    fn excluded_threads_are_not_scanned() {
        let stop = Arc::new(AtomicBool::new(false));
        let ready = Arc::new(AtomicBool::new(false));
        let (s, r) = (stop.clone(), ready.clone());
        let t = std::thread::spawn(move || {
            let _excluded = ExcludedThread::new();
            r.store(true, Ordering::SeqCst);
            spin_excluded(&s);
        });
        while !ready.load(Ordering::SeqCst) {
            std::thread::yield_now();
        }
        let ranges = ranges_of(&[spin_excluded as *const () as usize]);
        let scan = scan_retrying(&ranges);
        stop.store(true, Ordering::SeqCst);
        t.join().unwrap();
        assert_eq!(scan.referenced, vec![false]);
    }
}
