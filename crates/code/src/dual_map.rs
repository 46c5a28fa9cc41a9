//! Shared memory mapped twice: a writable view and an executable view of the same pages.
//!
//! Code is written through the read+write view and runs from the read+execute view, so no page is ever writable
//! and executable in one mapping, and placing new code next to running code needs no protection change (no
//! system call per function). The memory is an anonymous `memfd`; its descriptor is closed as soon as both views
//! exist (the mappings keep the memory alive), so a region holds no file descriptor. Unwritten pages read as zero
//! and take no memory.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// `len` bytes of shared memory mapped read+write at one address and read+execute at another.
pub(crate) struct DualMapping {
    write: *mut u8,
    exec: *mut u8,
    len: usize,
}

impl DualMapping {
    /// Creates the memory and maps both views. `len` is a multiple of the page size.
    pub(crate) fn new(len: usize) -> io::Result<Self> {
        // Executable on purpose: where `vm.memfd_noexec` is 1, a memfd is sealed non-executable unless asked
        // otherwise. Kernels before 6.3 know no such flag (EINVAL): there every memfd may be mapped executable.
        let mut fd = create_memfd(libc::MFD_CLOEXEC | libc::MFD_EXEC);
        if fd < 0 && io::Error::last_os_error().raw_os_error() == Some(libc::EINVAL) {
            fd = create_memfd(libc::MFD_CLOEXEC);
        }
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: `fd` was just returned by `memfd_create`, is open, and nothing else owns it.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let size = libc::off_t::try_from(len).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
        // SAFETY: `fd` is an open memfd owned here; resizing it touches no memory of this process.
        if unsafe { libc::ftruncate(fd.as_raw_fd(), size) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let write = map(&fd, len, libc::PROT_READ | libc::PROT_WRITE)?;
        let exec = match map(&fd, len, libc::PROT_READ | libc::PROT_EXEC) {
            Ok(p) => p,
            Err(e) => {
                // SAFETY: `write` is the mapping of `len` bytes made just above, referenced nowhere else.
                unsafe { libc::munmap(write.cast(), len) };
                return Err(e);
            }
        };
        Ok(DualMapping { write, exec, len })
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
}

fn create_memfd(flags: libc::c_uint) -> libc::c_int {
    // SAFETY: the name is NUL-terminated; the call only creates a descriptor.
    unsafe { libc::memfd_create(c"tierlift-code".as_ptr(), flags) }
}

fn map(fd: &OwnedFd, len: usize, prot: libc::c_int) -> io::Result<*mut u8> {
    // SAFETY: a fresh shared mapping of an open memfd of at least `len` bytes, at an address the kernel picks:
    // it overlaps nothing else.
    let p = unsafe { libc::mmap(std::ptr::null_mut(), len, prot, libc::MAP_SHARED, fd.as_raw_fd(), 0) };
    if p == libc::MAP_FAILED { Err(io::Error::last_os_error()) } else { Ok(p.cast()) }
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
