//! Running untrusted work in a disposable child process.
//!
//! Some inputs make LLVM crash or end the process (`report_fatal_error`) inside code tierlift cannot guard: its
//! bitcode reader on corrupted files, its instruction selector on intrinsics the CPU lacks. [`run_isolated`]
//! `fork`s, runs a closure in the child under an address-space limit, and reports how the child ended, with
//! what it wrote to stdout and stderr; the parent kills it when it runs past its time limit. `fork` waits for
//! LLVM work of the compile workers in progress (see [`llvm_work`](crate::llvm_work)), so the child never
//! inherits LLVM half-changed by them; LLVM use by other threads of the host is not fenced off.

use std::time::{Duration, Instant};

/// Limits for the child.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Memory the child may map beyond what the process had mapped when it forked.
    pub memory_bytes: u64,
    /// Wall time after which the child is killed.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { memory_bytes: 2 << 30, timeout: Duration::from_secs(10) }
    }
}

/// How the child ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The closure returned `Ok`.
    Ok,
    /// The closure returned `Err` with this message.
    Failed(String),
    /// The child ended with another exit status (e.g. LLVM's `exit(1)` after a fatal error); its output.
    Exited(i32, String),
    /// The child died of a signal (a crash, or `abort`); its output.
    Signaled(i32, String),
    /// The child ran past [`Limits::timeout`] and was killed.
    TimedOut,
}

/// Exit status of a child whose closure returned `Err`.
const FAILED: i32 = 101;
/// Exit status of a child whose closure returned `Ok`.
const OK: i32 = 0;
/// Output kept from the child.
const MAX_OUTPUT: usize = 64 * 1024;

/// Runs `work` in a child process under `limits`; see the module docs. `Err` only when the child could not be
/// started.
pub fn run_isolated(limits: Limits, work: impl FnOnce() -> Result<(), String>) -> std::io::Result<Outcome> {
    let mapped = mapped_bytes();
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe2` writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let (read_end, write_end) = (fds[0], fds[1]);
    // SAFETY: the child only calls `child_main`, which never returns (it ends with `_exit`), so no state of the
    // parent's other threads is used past what `work` itself touches.
    let pid = unsafe { libc::fork() };
    if pid < 0 {
        let e = std::io::Error::last_os_error();
        close(read_end);
        close(write_end);
        return Err(e);
    }
    if pid == 0 {
        child_main(read_end, write_end, mapped.saturating_add(limits.memory_bytes), work);
    }
    close(write_end);
    let (output, finished) = collect(read_end, limits.timeout);
    close(read_end);
    if !finished {
        // SAFETY: `pid` is our child, not yet reaped.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
    let mut status = 0;
    // SAFETY: waiting for our own child; `status` is a valid out-pointer.
    while unsafe { libc::waitpid(pid, &mut status, 0) } < 0 {
        if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            return Err(std::io::Error::last_os_error());
        }
    }
    let output = String::from_utf8_lossy(&output).trim().to_owned();
    Ok(if !finished {
        Outcome::TimedOut
    } else if libc::WIFSIGNALED(status) {
        Outcome::Signaled(libc::WTERMSIG(status), output)
    } else {
        match libc::WEXITSTATUS(status) {
            OK => Outcome::Ok,
            FAILED => Outcome::Failed(output),
            code => Outcome::Exited(code, output),
        }
    })
}

/// The child: output to the pipe, the memory limit, the work, `_exit`.
fn child_main(read_end: i32, write_end: i32, memory: u64, work: impl FnOnce() -> Result<(), String>) -> ! {
    // SAFETY: plain system calls on descriptors this process owns; `limit` is a valid rlimit.
    unsafe {
        libc::close(read_end);
        libc::dup2(write_end, 1);
        libc::dup2(write_end, 2);
        let limit = libc::rlimit { rlim_cur: memory, rlim_max: memory };
        libc::setrlimit(libc::RLIMIT_AS, &limit);
    }
    let status = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(Ok(())) => OK,
        Ok(Err(message)) => {
            // SAFETY: writing a buffer we own to our own descriptor.
            unsafe { libc::write(2, message.as_ptr().cast(), message.len()) };
            FAILED
        }
        Err(_) => FAILED + 1,
    };
    // SAFETY: ends the child at once, without running the parent's exit-time functions or flushing its stdio.
    unsafe { libc::_exit(status) }
}

/// Reads the child's output until it closes the pipe (`true`) or `timeout` passes (`false`).
fn collect(fd: i32, timeout: Duration) -> (Vec<u8>, bool) {
    let deadline = Instant::now() + timeout;
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (out, false);
        }
        let mut pfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        let ms = left.as_millis().clamp(1, i32::MAX as u128) as i32;
        // SAFETY: `pfd` is one valid pollfd.
        let ready = unsafe { libc::poll(&mut pfd, 1, ms) };
        if ready <= 0 {
            continue;
        }
        // SAFETY: reading into a buffer we own, at most its length.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        match n {
            0 => return (out, true),
            n if n > 0 => {
                if out.len() < MAX_OUTPUT {
                    out.extend_from_slice(&buf[..n as usize]);
                }
            }
            _ if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {}
            _ => return (out, true),
        }
    }
}

fn close(fd: i32) {
    // SAFETY: closing a descriptor this function's caller owns and no longer uses.
    unsafe { libc::close(fd) };
}

/// The process's mapped address space, in bytes (`/proc/self/statm`), or 0 if unknown.
fn mapped_bytes() -> u64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|p| p.parse::<u64>().ok()))
        .unwrap_or(0);
    // SAFETY: `sysconf` has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as u64;
    pages * page
}
