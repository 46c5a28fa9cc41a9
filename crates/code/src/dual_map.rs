//! Shared memory mapped twice: a writable view and an executable view of the same pages.
//!
//! Code is written through the read+write view and runs from the read+execute view, so no page is ever writable
//! and executable in one mapping, and placing new code next to running code needs no protection change (no
//! system call per function). The memory is shared anonymous memory; the second view is made by `mremap` with
//! an old size of 0, which maps the same pages again. No file descriptor is involved, and both views show in
//! `/proc/PID/maps` as `/dev/zero (deleted)`, which profilers treat as anonymous memory: `perf` names the code in
//! it from `/tmp/perf-PID.map` (a memfd's views would be taken for a file without symbols). Unwritten pages read
//! as zero and take no memory.

use std::io;

/// `len` bytes of shared memory mapped read+write at one address and read+execute at another.
pub(crate) struct DualMapping {
    write: *mut u8,
    exec: *mut u8,
    len: usize,
}

impl DualMapping {
    /// Creates the memory and maps both views. `len` is a multiple of the page size.
    pub(crate) fn new(len: usize) -> io::Result<Self> {
        // SAFETY: a fresh shared anonymous mapping of `len` bytes at an address the kernel picks: it overlaps
        // nothing else.
        let write = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if write == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        let write: *mut u8 = write.cast();
        let undo = |e: io::Error, exec: Option<*mut libc::c_void>| {
            // SAFETY: the mappings made above in this function, `len` bytes each, referenced nowhere else.
            unsafe {
                libc::munmap(write.cast(), len);
                if let Some(x) = exec {
                    libc::munmap(x, len);
                }
            }
            e
        };
        // SAFETY: `write` is a shareable mapping of `len` bytes; an old size of 0 asks for a second mapping of the
        // same pages (with the same protection, read+write, until the `mprotect` below), at a new address.
        let exec = unsafe { libc::mremap(write.cast(), 0, len, libc::MREMAP_MAYMOVE) };
        if exec == libc::MAP_FAILED {
            return Err(undo(io::Error::last_os_error(), None));
        }
        // SAFETY: `exec` is the second view made just above, `len` bytes; nothing runs from it or writes it yet.
        if unsafe { libc::mprotect(exec, len, libc::PROT_READ | libc::PROT_EXEC) } != 0 {
            return Err(undo(io::Error::last_os_error(), Some(exec)));
        }
        Ok(DualMapping { write, exec: exec.cast(), len })
    }

    /// Size of each view in bytes.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Address of the first byte of the executable view.
    pub(crate) fn exec_address(&self) -> usize {
        self.exec as usize
    }

    /// The writable view of bytes `start..start + len`.
    ///
    /// # Safety
    /// No code may run from that range of the executable view, and no other slice of it may be alive, while the
    /// result is used.
    pub(crate) unsafe fn writable(&mut self, start: usize, len: usize) -> &mut [u8] {
        assert!(start.checked_add(len).is_some_and(|end| end <= self.len), "range outside the mapping");
        // SAFETY: the range lies inside the writable view (checked above), which stays mapped while `self` lives;
        // the caller guarantees nothing else reads it as code or holds another slice of it.
        unsafe { std::slice::from_raw_parts_mut(self.write.add(start), len) }
    }

    /// Gives the memory of the whole pages inside `start..start + len` back to the system (they read as zero
    /// afterwards, in both views).
    ///
    /// # Safety
    /// No code may run from that range, now or later, until new code is written there.
    pub(crate) unsafe fn release(&mut self, start: usize, len: usize) {
        let page = region::page::size();
        let (first, end) = (start.next_multiple_of(page), (start + len).min(self.len) / page * page);
        if first < end {
            // SAFETY: the pages lie inside the writable view; shared memory is freed by `MADV_REMOVE`, and the
            // caller guarantees nothing runs from them. A failure only leaves the memory in use.
            unsafe { libc::madvise(self.write.add(first).cast(), end - first, libc::MADV_REMOVE) };
        }
    }
}

impl Drop for DualMapping {
    fn drop(&mut self) {
        // SAFETY: both views were mapped by `new` with `len` bytes and are unmapped only here; their owner
        // guarantees that no code runs from the executable view any more.
        unsafe {
            libc::munmap(self.write.cast(), self.len);
            libc::munmap(self.exec.cast(), self.len);
        }
    }
}

// SAFETY: the views are plain memory owned by this value; writing needs `&mut self`.
unsafe impl Send for DualMapping {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `/proc/self/maps` line of the mapping that contains `address`.
    fn maps_line(address: usize) -> String {
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        maps.lines()
            .find(|l| {
                let range = l.split_whitespace().next().unwrap();
                let (a, b) = range.split_once('-').unwrap();
                let (a, b) = (usize::from_str_radix(a, 16).unwrap(), usize::from_str_radix(b, 16).unwrap());
                (a..b).contains(&address)
            })
            .unwrap()
            .to_string()
    }

    #[test]
    fn both_views_share_pages_and_look_anonymous_to_profilers() {
        let page = 4096;
        let mut m = DualMapping::new(4 * page).unwrap();
        // SAFETY: nothing runs from the mapping; this is the only slice of it.
        unsafe { m.writable(page, 4) }.copy_from_slice(&[1, 2, 3, 4]);
        // SAFETY: the executable view is readable and `page + 4` bytes long at least.
        let seen = unsafe { std::slice::from_raw_parts((m.exec_address() + page) as *const u8, 4) };
        assert_eq!(seen, &[1, 2, 3, 4]);
        let exec = maps_line(m.exec_address());
        let write = maps_line(m.write as usize);
        assert!(exec.split_whitespace().nth(1).unwrap().starts_with("r-x"), "{exec}");
        assert!(write.split_whitespace().nth(1).unwrap().starts_with("rw-"), "{write}");
        // perf reads JIT symbols from /tmp/perf-PID.map only for memory it takes as anonymous.
        let name = exec.split_whitespace().nth(5).unwrap_or("");
        assert!(name.is_empty() || name.starts_with("/dev/zero") || name.starts_with("[anon"), "{exec}");
    }
}
