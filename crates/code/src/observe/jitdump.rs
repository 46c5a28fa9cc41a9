//! perf's jitdump format (`tools/perf/Documentation/jitdump-specification.txt` in Linux): a file
//! `jit-PID.dump` holding a header and one `JIT_CODE_LOAD` record per piece of code, with its bytes. The process
//! maps the file executable once so that `perf record -k mono` notes its path; `perf inject -j` then turns each
//! record into a small ELF file that `perf report` and `perf annotate` use.
//!
//! There is no unload record: code freed and later replaced at the same address gets a new load record with a
//! later timestamp, which perf prefers for samples after it.

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

const MAGIC: u32 = 0x4A69_5444; // "JiTD"
const VERSION: u32 = 1;
const HEADER_SIZE: u32 = 40;
const EM_X86_64: u32 = 62;
const JIT_CODE_LOAD: u32 = 0;
const RECORD_HEADER_SIZE: usize = 16;
const LOAD_FIELDS_SIZE: usize = 40;

struct Dump {
    pid: u32,
    file: File,
    /// `/proc/self/mem`, through which code bytes are copied: the kernel checks the range is mapped.
    memory: File,
    next_index: u64,
}

/// The open dump of the process that opened it (a `fork`ed child opens its own).
static DUMP: Mutex<Option<Dump>> = Mutex::new(None);

/// The jitdump file of process `pid`.
pub fn jitdump_path(pid: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/jit-{pid}.dump"))
}

/// Nanoseconds of `CLOCK_MONOTONIC`, the clock perf uses with `-k mono`.
fn timestamp() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; CLOCK_MONOTONIC is always available on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts) };
    (ts.tv_sec as u64).wrapping_mul(1_000_000_000).wrapping_add(ts.tv_nsec as u64)
}

fn create(pid: u32) -> std::io::Result<Dump> {
    let path = jitdump_path(pid);
    let mut file = std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(true).open(&path)?;
    let mut header = Vec::with_capacity(HEADER_SIZE as usize);
    for word in [MAGIC, VERSION, HEADER_SIZE, EM_X86_64, 0, pid] {
        header.extend_from_slice(&word.to_le_bytes());
    }
    header.extend_from_slice(&timestamp().to_le_bytes());
    header.extend_from_slice(&0u64.to_le_bytes()); // flags
    file.write_all(&header)?;
    file.flush()?;
    // perf learns of the file from this mapping: an executable mapping of it shows up as an mmap event.
    // SAFETY: maps the first page of a file we own read+execute, privately; the mapping is never accessed and
    // deliberately stays for the life of the process (perf only needs the event).
    let mapped = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            4096,
            libc::PROT_READ | libc::PROT_EXEC,
            libc::MAP_PRIVATE,
            std::os::fd::AsRawFd::as_raw_fd(&file),
            0,
        )
    };
    if mapped == libc::MAP_FAILED {
        return Err(std::io::Error::last_os_error());
    }
    let memory = File::open("/proc/self/mem")?;
    Ok(Dump { pid, file, memory, next_index: 0 })
}

fn with_dump<T>(f: impl FnOnce(&mut Dump) -> std::io::Result<T>) -> std::io::Result<T> {
    let mut dump = DUMP.lock().unwrap_or_else(|e| e.into_inner());
    let pid = std::process::id();
    if dump.as_ref().is_none_or(|d| d.pid != pid) {
        *dump = Some(create(pid)?);
    }
    f(dump.as_mut().expect("created above"))
}

/// Creates this process's dump file if it does not exist yet.
pub(crate) fn open() -> std::io::Result<()> {
    with_dump(|_| Ok(()))
}

/// Appends a `JIT_CODE_LOAD` record for the `size` bytes of code at `address`, named `name`. The bytes are read
/// through `/proc/self/mem`, so a range that is not mapped is an error, never a fault.
pub(crate) fn code_load(name: &str, address: usize, size: usize) -> std::io::Result<()> {
    // SAFETY: gettid has no preconditions.
    let tid = unsafe { libc::gettid() } as u32;
    let total = RECORD_HEADER_SIZE + LOAD_FIELDS_SIZE + name.len() + 1 + size;
    let mut record = Vec::with_capacity(total);
    with_dump(|dump| {
        let mut code = vec![0u8; size];
        std::os::unix::fs::FileExt::read_exact_at(&dump.memory, &mut code, address as u64)?;
        record.extend_from_slice(&JIT_CODE_LOAD.to_le_bytes());
        record.extend_from_slice(&(total as u32).to_le_bytes());
        record.extend_from_slice(&timestamp().to_le_bytes());
        record.extend_from_slice(&dump.pid.to_le_bytes());
        record.extend_from_slice(&tid.to_le_bytes());
        record.extend_from_slice(&(address as u64).to_le_bytes()); // vma
        record.extend_from_slice(&(address as u64).to_le_bytes()); // code_addr
        record.extend_from_slice(&(size as u64).to_le_bytes());
        record.extend_from_slice(&dump.next_index.to_le_bytes());
        dump.next_index += 1;
        record.extend_from_slice(name.as_bytes());
        record.push(0);
        record.extend_from_slice(&code);
        dump.file.write_all(&record)
    })
}
