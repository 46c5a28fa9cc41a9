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

/// Address of the next definition of `name` after this object's: the C library's, when the host (whose
/// executable holds this code) defines `name` itself to stand in front of it.
pub fn dlsym_next(name: &CStr) -> Option<usize> {
    // SAFETY: `name` is NUL-terminated; RTLD_NEXT searches the objects loaded after this one; the result is only
    // an address.
    let p = unsafe { libc::dlsym(libc::RTLD_NEXT, name.as_ptr()) };
    (!p.is_null()).then_some(p as usize)
}

/// The `tls_index` (`{ module id, offset }`) of the thread-local variable `name` of a loaded shared object: what
/// `__tls_get_addr` takes to find the calling thread's instance of it. `None` if `name` is not a thread-local
/// variable of an object whose TLS block the calling thread has.
pub fn tls_index(name: &CStr) -> Option<[u64; 2]> {
    // SAFETY: `name` is NUL-terminated; for a thread-local symbol the C library returns the calling thread's
    // instance (allocating the object's TLS block for this thread if need be).
    let address = unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) } as usize;
    if address == 0 {
        return None;
    }
    struct Search {
        address: usize,
        found: Option<[u64; 2]>,
    }
    unsafe extern "C" fn visit(
        info: *mut libc::dl_phdr_info,
        _size: libc::size_t,
        data: *mut libc::c_void,
    ) -> libc::c_int {
        // SAFETY: the C library passes a valid `dl_phdr_info` for one loaded object, and `data` is the `Search`
        // given to `dl_iterate_phdr` below, not otherwise borrowed during the walk.
        let (info, search) = unsafe { (&*info, &mut *data.cast::<Search>()) };
        let block = info.dlpi_tls_data as usize;
        if info.dlpi_tls_modid == 0 || block == 0 {
            return 0;
        }
        // SAFETY: `dlpi_phdr` points to `dlpi_phnum` program headers of the object.
        let headers = unsafe { std::slice::from_raw_parts(info.dlpi_phdr, usize::from(info.dlpi_phnum)) };
        let Some(tls) = headers.iter().find(|h| h.p_type == libc::PT_TLS) else { return 0 };
        if (block..block + tls.p_memsz as usize).contains(&search.address) {
            search.found = Some([info.dlpi_tls_modid as u64, (search.address - block) as u64]);
            return 1;
        }
        0
    }
    let mut search = Search { address, found: None };
    // SAFETY: `visit` only reads what the C library passes and writes `search`, which outlives the walk.
    unsafe { libc::dl_iterate_phdr(Some(visit), (&raw mut search).cast()) };
    search.found
}
