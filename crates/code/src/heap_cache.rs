//! A per-thread cache of the small heap blocks JIT code frees, in front of the process's allocator.
//!
//! glibc's allocator skips its locks and atomic operations only while the process has never created a thread,
//! and never goes back to that path. The engine's compile workers are threads, so in a JIT process every
//! `malloc` and `free` that misses glibc's own small per-thread cache pays a locked instruction or two: on hosts
//! where those are slow, an allocation-bound program runs twice as long as its native build. JIT code's
//! `malloc`, `calloc`, `realloc`, `free` (and libstdc++'s `operator new`/`delete`, which allocate with `malloc`) can be
//! bound to the routines here instead: a freed block of at most [`MAX_CACHED`] usable bytes goes to the calling
//! thread's cache (by size class) while the thread holds less than [`BUDGET`] bytes there, and a request a cached
//! block fits takes it without reaching the allocator.
//!
//! Every block handed out is one the process's allocator made, so C library code may `free` or `realloc` it, and
//! blocks the C library made may come back through its `free`. A block's size class is its usable size
//! (`malloc_usable_size`): class `c` holds blocks of at least `16c - 8` usable bytes, what glibc gives a request
//! of up to that many. A thread's cached blocks go back to the allocator when the thread ends (or at
//! `malloc_trim`). A block freed twice in a row into the cache is caught as glibc catches it: the process aborts
//! with glibc's message.

use std::cell::UnsafeCell;
use std::ffi::c_void;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Size classes (class `c` holds blocks of `16c - 8` to `16c + 7` usable bytes); class 1 is never cached.
const CLASSES: usize = 64;
/// The largest request the cache serves, in bytes.
pub const MAX_CACHED: usize = 16 * CLASSES - 8;
/// The most a thread's cache holds, in bytes (counted as `16c` for a block of class `c`).
pub const BUDGET: usize = 1 << 20;

/// A cached block's first two words.
#[repr(C)]
struct Link {
    next: *mut Link,
    /// The owning cache's key while the block is cached (how a second `free` of it is noticed).
    key: usize,
}

struct Cache {
    heads: [*mut Link; CLASSES + 1],
    bytes: usize,
}

impl Cache {
    const EMPTY: Cache = Cache { heads: [std::ptr::null_mut(); CLASSES + 1], bytes: 0 };

    fn key(&self) -> usize {
        self as *const Cache as usize ^ 0x7469_6572_6c69_6674
    }

    /// A block of class `class`, if one is cached.
    fn take(&mut self, class: usize) -> Option<*mut c_void> {
        let head = self.heads[class];
        if head.is_null() {
            return None;
        }
        // SAFETY: `head` is a cached block: this thread put it in the list, it has at least 24 usable bytes
        // (class >= 2) and nothing else uses it until it is handed out here.
        unsafe {
            self.heads[class] = (*head).next;
            (*head).key = 0;
        }
        self.bytes -= 16 * class;
        Some(head.cast())
    }

    /// Keeps `block` (of class `class`) unless the budget is spent; `false`: the caller frees it.
    fn keep(&mut self, class: usize, block: *mut c_void) -> bool {
        if self.bytes + 16 * class > BUDGET {
            return false;
        }
        let key = self.key();
        let link = block.cast::<Link>();
        // SAFETY: `block` is a live heap block the program freed, of at least 24 usable bytes (class >= 2): its
        // first two words are the program's to give up. The second is read before it is written: whatever the
        // program left there (bytes the allocator handed out, perhaps never written: memcheck says so) is
        // compared with the key, as glibc's own cache compares its key; only a match leads to the list walk.
        unsafe {
            if std::ptr::read_volatile(&raw const (*link).key) == key && self.holds(class, link) {
                double_free();
            }
            (*link).next = self.heads[class];
            (*link).key = key;
        }
        self.heads[class] = link;
        self.bytes += 16 * class;
        true
    }

    fn holds(&self, class: usize, block: *mut Link) -> bool {
        let mut at = self.heads[class];
        while !at.is_null() {
            if at == block {
                return true;
            }
            // SAFETY: every block in the list is cached by this thread.
            at = unsafe { (*at).next };
        }
        false
    }

    fn give_back(&mut self) {
        for class in 2..=CLASSES {
            while let Some(block) = self.take(class) {
                // SAFETY: a cached block is a live allocation of the process's allocator that nothing else holds.
                unsafe { libc::free(block) };
            }
        }
    }
}

impl Drop for Cache {
    fn drop(&mut self) {
        self.give_back();
    }
}

thread_local! {
    static CACHE: UnsafeCell<Cache> = const { UnsafeCell::new(Cache::EMPTY) };
}

/// Runs `f` on the calling thread's cache; `None` once the thread's cache is gone (late in thread exit).
fn with_cache<R>(f: impl FnOnce(&mut Cache) -> R) -> Option<R> {
    // SAFETY: the cache is this thread's own, and none of its methods calls out to code that could reach the
    // cache again (the allocator is called outside this closure), so this is the only reference to it.
    CACHE.try_with(|c| f(unsafe { &mut *c.get() })).ok()
}

fn double_free() -> ! {
    let message = b"free(): double free detected in tcache 2\n";
    // SAFETY: writes a static buffer to standard error, then ends the process as glibc's check does.
    unsafe {
        libc::write(2, message.as_ptr().cast(), message.len());
        libc::abort()
    }
}

/// The class a request of `n` bytes takes from (at least 2); `None` if the cache does not serve it.
fn request_class(n: usize) -> Option<usize> {
    (n <= MAX_CACHED).then(|| (n + 8).div_ceil(16).max(2))
}

/// A cached block for a request of `n` bytes, if the calling thread holds one of its class.
fn cached(n: usize) -> Option<*mut c_void> {
    request_class(n).and_then(|class| with_cache(|c| c.take(class)).flatten())
}

/// `malloc` for JIT code.
extern "C" fn malloc(n: usize) -> *mut c_void {
    if let Some(block) = cached(n) {
        return block;
    }
    // SAFETY: the process's allocator, called as the program called this.
    unsafe { libc::malloc(n) }
}

/// `calloc` for JIT code.
extern "C" fn calloc(count: usize, size: usize) -> *mut c_void {
    if let Some(n) = count.checked_mul(size)
        && let Some(block) = cached(n)
    {
        // SAFETY: a cached block has at least `n` usable bytes (its class) and is now the caller's.
        unsafe { std::ptr::write_bytes(block.cast::<u8>(), 0, n) };
        return block;
    }
    // SAFETY: the process's allocator, called as the program called this.
    unsafe { libc::calloc(count, size) }
}

/// `realloc` for JIT code: `realloc(NULL, n)` is [`malloc`] (what allocators written over `realloc` call); a small
/// block shrinking by at most half stays where it is, and one growing into a class the cache holds a block of
/// moves there (the old block is freed into the cache). Anything else is the allocator's `realloc`.
extern "C" fn realloc(block: *mut c_void, n: usize) -> *mut c_void {
    if block.is_null() {
        return malloc(n);
    }
    if n > 0 && n <= MAX_CACHED {
        // SAFETY: `block` is a live allocation the program passes to `realloc`.
        let usable = unsafe { libc::malloc_usable_size(block) };
        if n <= usable && usable <= MAX_CACHED && usable <= 2 * n + 16 {
            return block;
        }
        if usable < n
            && let Some(moved) = cached(n)
        {
            // SAFETY: `moved` has at least `n` usable bytes and `block` `usable` (< n) initialized ones (the
            // program's); the two are distinct live blocks. `block` is then the program's to free.
            unsafe { std::ptr::copy_nonoverlapping(block.cast::<u8>(), moved.cast::<u8>(), usable) };
            free(block);
            return moved;
        }
    }
    // SAFETY: the process's allocator, called as the program called this (`block` is one of its blocks).
    unsafe { libc::realloc(block, n) }
}

/// `free` for JIT code (also `operator delete` when libstdc++'s allocates with `malloc`).
extern "C" fn free(block: *mut c_void) {
    if block.is_null() {
        return;
    }
    if !(block as usize).is_multiple_of(16) {
        // No allocator block: the C library's `free` reports the invalid pointer as it does natively.
        // SAFETY: the program's own call, passed on unchanged.
        return unsafe { libc::free(block) };
    }
    // SAFETY: `block` is a block the program frees, hence a live allocation of the process's allocator (a freed
    // one answers 0 and goes on to `free`, which reports the double free).
    let usable = unsafe { libc::malloc_usable_size(block) };
    let class = (usable + 8) / 16;
    if (2..=CLASSES).contains(&class) && with_cache(|c| c.keep(class, block)) == Some(true) {
        return;
    }
    // SAFETY: as above; the block is not cached.
    unsafe { libc::free(block) }
}

/// Sized `operator delete`: the size is not needed.
extern "C" fn free_sized(block: *mut c_void, _size: usize) {
    free(block)
}

/// `malloc_trim` for JIT code: the calling thread's cache goes back to the allocator first.
extern "C" fn malloc_trim(pad: usize) -> i32 {
    with_cache(Cache::give_back);
    // SAFETY: the process's allocator, called as the program called this.
    unsafe { libc::malloc_trim(pad) }
}

/// The C++ runtime's own `operator new` and `operator new[]`, which run out of memory as C++ says (new handler,
/// `std::bad_alloc`).
static REAL_NEW: AtomicUsize = AtomicUsize::new(0);
static REAL_NEW_ARRAY: AtomicUsize = AtomicUsize::new(0);

fn new_with(real: &AtomicUsize, n: usize) -> *mut c_void {
    if let Some(block) = cached(n) {
        return block;
    }
    let address = real.load(Ordering::Relaxed);
    // SAFETY: `address` is libstdc++'s `operator new` (or `new[]`), stored before any JIT code could call this
    // (`routine` binds these only after storing it); it may throw, which `C-unwind` lets pass.
    let real: extern "C-unwind" fn(usize) -> *mut c_void = unsafe { std::mem::transmute(address) };
    real(n)
}

extern "C-unwind" fn operator_new(n: usize) -> *mut c_void {
    new_with(&REAL_NEW, n)
}

extern "C-unwind" fn operator_new_array(n: usize) -> *mut c_void {
    new_with(&REAL_NEW_ARRAY, n)
}

/// Whether the process's allocator and libstdc++ fit the cache: `malloc` and `malloc_usable_size` come from one
/// object, and `operator new` (if loaded) is libstdc++'s, which allocates with `malloc`.
struct Binding {
    c: bool,
    cpp: bool,
}

fn binding() -> &'static Binding {
    static BINDING: OnceLock<Binding> = OnceLock::new();
    BINDING.get_or_init(|| {
        let c = match (object_of(c"malloc"), object_of(c"malloc_usable_size"), object_of(c"free")) {
            (Some(a), Some(b), Some(f)) => a == b && b == f,
            _ => false,
        };
        let new = crate::dlsym_default(c"_Znwm");
        let new_array = crate::dlsym_default(c"_Znam");
        let cpp = c
            && match (new, new_array) {
                (Some(new), Some(new_array)) => {
                    REAL_NEW.store(new, Ordering::Relaxed);
                    REAL_NEW_ARRAY.store(new_array, Ordering::Relaxed);
                    [new, new_array].iter().all(|&a| file_of(a).is_some_and(|f| f.contains("libstdc++")))
                }
                _ => false,
            };
        Binding { c, cpp }
    })
}

/// The file name of the object holding `name`, as the dynamic linker knows it.
fn object_of(name: &std::ffi::CStr) -> Option<String> {
    file_of(crate::dlsym_default(name)?)
}

fn file_of(address: usize) -> Option<String> {
    let mut info: libc::Dl_info = libc::Dl_info {
        dli_fname: std::ptr::null(),
        dli_fbase: std::ptr::null_mut(),
        dli_sname: std::ptr::null(),
        dli_saddr: std::ptr::null_mut(),
    };
    // SAFETY: `dladdr` only reads the address and fills `info`; `dli_fname` is a NUL-terminated string owned by
    // the dynamic linker for as long as the object is loaded (the C library and libstdc++ are never unloaded).
    unsafe {
        if libc::dladdr(address as *const c_void, &mut info) == 0 || info.dli_fname.is_null() {
            return None;
        }
        Some(std::ffi::CStr::from_ptr(info.dli_fname).to_string_lossy().into_owned())
    }
}

/// The cache's routine for the external function `name`, if it has one and the process's allocator fits it.
pub fn routine(name: &str) -> Option<usize> {
    let b = binding();
    let address = match name {
        "malloc" if b.c => malloc as *const () as usize,
        "calloc" if b.c => calloc as *const () as usize,
        "realloc" if b.c => realloc as *const () as usize,
        "free" if b.c => free as *const () as usize,
        "malloc_trim" if b.c => malloc_trim as *const () as usize,
        "_Znwm" if b.cpp => operator_new as *const () as usize,
        "_Znam" if b.cpp => operator_new_array as *const () as usize,
        "_ZdlPv" | "_ZdaPv" if b.cpp => free as *const () as usize,
        "_ZdlPvm" | "_ZdaPvm" if b.cpp => free_sized as *const () as usize,
        _ => return None,
    };
    Some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_freed_block_serves_the_next_request_of_its_class() {
        let a = malloc(40);
        free(a);
        let b = malloc(33);
        assert_eq!(a, b, "a 40-byte block serves a 33-byte request");
        let c = malloc(40);
        assert_ne!(b, c);
        free(b);
        free(c);
        let z = calloc(5, 8);
        // SAFETY: `z` has at least 40 bytes.
        let bytes = unsafe { std::slice::from_raw_parts(z.cast::<u8>(), 40) };
        assert!(bytes.iter().all(|&b| b == 0), "calloc clears a cached block");
        free(z);
    }

    #[test]
    fn a_request_never_gets_a_smaller_block() {
        for n in 0..=MAX_CACHED {
            let class = request_class(n).unwrap();
            assert!(16 * class - 8 >= n, "{n}");
        }
        assert_eq!(request_class(MAX_CACHED + 1), None);
        for n in [1usize, 24, 25, 100, 500, MAX_CACHED] {
            let p = malloc(n);
            // SAFETY: `p` is a live allocation.
            let usable = unsafe { libc::malloc_usable_size(p) };
            assert!(usable >= n);
            free(p);
            let q = malloc(n);
            // SAFETY: as above.
            assert!(unsafe { libc::malloc_usable_size(q) } >= n);
            free(q);
        }
    }

    #[test]
    fn the_budget_bounds_a_thread_and_its_blocks_go_back_at_its_end() {
        std::thread::spawn(|| {
            let blocks: Vec<_> = (0..BUDGET / 32 + 100).map(|_| malloc(16)).collect();
            for &b in &blocks {
                free(b);
            }
            let held = with_cache(|c| c.bytes).unwrap();
            assert!(held <= BUDGET && held > BUDGET - 64, "{held}");
            with_cache(Cache::give_back);
            assert_eq!(with_cache(|c| c.bytes), Some(0));
        })
        .join()
        .unwrap();
    }

    #[test]
    fn realloc_keeps_or_moves_the_contents() {
        let a = malloc(100).cast::<u8>();
        // SAFETY: `a` has at least 100 bytes.
        unsafe { (0..100).for_each(|i| *a.add(i) = i as u8) };
        let kept = realloc(a.cast(), 60).cast::<u8>();
        assert_eq!(kept, a, "shrinking by less than half keeps the block");
        let spare = malloc(500);
        free(spare);
        let grown = realloc(kept.cast(), 500).cast::<u8>();
        assert_eq!(grown, spare.cast::<u8>(), "growing takes a cached block of the new class");
        // SAFETY: `grown` holds the first 60 bytes moved from `a` (at least those).
        assert!(unsafe { (0..60).all(|i| *grown.add(i) == i as u8) });
        let big = realloc(grown.cast(), 100_000);
        // SAFETY: as above, through the allocator's own `realloc`.
        assert!(unsafe { (0..60).all(|i| *big.cast::<u8>().add(i) == i as u8) });
        free(big);
    }

    #[test]
    fn the_c_library_frees_what_the_cache_hands_out() {
        let a = malloc(64);
        free(a);
        let b = malloc(64);
        // SAFETY: `b` is a live allocation of the C library's allocator.
        let c = unsafe { libc::realloc(b, 4000) };
        assert!(!c.is_null());
        // SAFETY: as above.
        unsafe { libc::free(c) };
        assert!(routine("malloc").is_some() && routine("free").is_some());
        assert_eq!(routine("printf"), None);
    }
}
