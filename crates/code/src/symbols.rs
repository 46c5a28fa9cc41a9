//! Looking up symbols in the running process.

use std::ffi::CStr;
use std::sync::OnceLock;

/// Address of `name` in the process: the executable and every loaded shared library, then the C math library
/// (opened on first use, so that `libm` functions resolve even when the host does not link it).
pub fn dlsym_default(name: &CStr) -> Option<usize> {
    // SAFETY: `name` is NUL-terminated; RTLD_DEFAULT searches the global scope; the result is only an address.
    let p = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) };
    if !p.is_null() {
        return Some(p as usize);
    }
    let libm = *LIBM.get_or_init(|| {
        // SAFETY: the library name is NUL-terminated; the handle is never closed, so it stays valid.
        let h = unsafe { libc::dlopen(c"libm.so.6".as_ptr(), libc::RTLD_NOW | libc::RTLD_GLOBAL) };
        h as usize
    });
    if libm == 0 {
        return None;
    }
    // SAFETY: `libm` is a live handle from dlopen; `name` is NUL-terminated.
    let p = unsafe { libc::dlsym(libm as *mut libc::c_void, name.as_ptr()) };
    (!p.is_null()).then_some(p as usize)
}

static LIBM: OnceLock<usize> = OnceLock::new();
