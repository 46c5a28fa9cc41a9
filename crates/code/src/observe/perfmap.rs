//! `/tmp/perf-PID.map`: the text file perf reads to name code in anonymous executable memory, one
//! `START SIZE name` line (hexadecimal, no `0x`) per piece of code.

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

/// The open map of the process that opened it (a `fork`ed child opens its own).
static MAP: Mutex<Option<(u32, File)>> = Mutex::new(None);

/// The map file of process `pid`.
pub fn perf_map_path(pid: u32) -> PathBuf {
    PathBuf::from(format!("/tmp/perf-{pid}.map"))
}

fn with_map<T>(f: impl FnOnce(&mut File) -> std::io::Result<T>) -> std::io::Result<T> {
    let mut map = MAP.lock().unwrap_or_else(|e| e.into_inner());
    let pid = std::process::id();
    if map.as_ref().is_none_or(|(p, _)| *p != pid) {
        // The first writer of this process starts the file afresh: a stale map of an earlier process with the same
        // id would name the wrong code.
        *map = Some((pid, File::create(perf_map_path(pid))?));
    }
    let (_, file) = map.as_mut().expect("opened above");
    f(file)
}

/// Creates this process's map file if it does not exist yet.
pub(crate) fn open() -> std::io::Result<()> {
    with_map(|_| Ok(()))
}

/// Appends one line per `(address, size, name)`, in one write so lines of concurrent writers never interleave.
pub(crate) fn append(entries: &[(usize, usize, String)]) -> std::io::Result<()> {
    let mut text = String::new();
    for (address, size, name) in entries {
        // perf splits on the first two spaces only, so the name may contain spaces; not newlines.
        text.push_str(&format!("{address:x} {size:x} {}\n", name.replace('\n', " ")));
    }
    with_map(|file| file.write_all(text.as_bytes()))
}
