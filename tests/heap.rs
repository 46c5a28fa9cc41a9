//! The heap as JIT code sees it: `malloc`, `calloc`, `free` and C++ `new`/`delete` go through a per-thread
//! cache of small freed blocks (unless the embedder turns it off), and what programs can observe of the C
//! library's allocator stays as it is natively: a double free aborts, an impossible `new` throws. The programs
//! of `tests/heap` are compared with their native builds: same stdout, same exit status or signal.

mod common;

use common::native::matches_native;
use std::ffi::CString;
use std::path::PathBuf;
use tierlift::{Jit, TierMode};

const MODES: [&[&str]; 4] =
    [&["--mode", "tier0"], &["--mode", "llvm-o0"], &["--mode", "llvm-o2"], &["--mode", "tiered", "--threshold", "1"]];

/// A program of `tests/heap`.
fn program(name: &str) -> PathBuf {
    common::root().join("tests").join("heap").join(name)
}

#[test]
fn a_block_freed_twice_aborts_as_natively() {
    let natives = matches_native(&program("double_free.c"), &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.signal == Some(libc::SIGABRT) && n.stdout == "freed once\n"), "{natives:?}");
}

#[test]
fn freeing_the_middle_of_a_block_aborts_as_natively() {
    let natives = matches_native(&program("invalid_free.c"), &[0, 2], &MODES);
    assert!(
        natives.iter().all(|n| n.signal == Some(libc::SIGABRT) && n.stdout == "freeing the middle of a block\n"),
        "{natives:?}"
    );
}

#[test]
fn an_impossible_new_throws_bad_alloc_as_natively() {
    let natives = matches_native(&program("out_of_memory.cpp"), &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.code == Some(6)), "{natives:?}");
}

const ENTRIES: &str = r#"
declare ptr @malloc(i64)
declare void @free(ptr)
declare ptr @_Znwm(i64)
declare void @_ZdlPv(ptr)
declare i32 @puts(ptr)

define ptr @entry(i64 %which) {
  switch i64 %which, label %other [ i64 0, label %m
                                    i64 1, label %f
                                    i64 2, label %n
                                    i64 3, label %d ]
m:
  ret ptr @malloc
f:
  ret ptr @free
n:
  ret ptr @_Znwm
d:
  ret ptr @_ZdlPv
other:
  ret ptr @puts
}

define i64 @reuse() {
  %a = call ptr @malloc(i64 40)
  call void @free(ptr %a)
  %b = call ptr @malloc(i64 40)
  %same = icmp eq ptr %a, %b
  call void @free(ptr %b)
  %r = zext i1 %same to i64
  ret i64 %r
}
"#;

fn process_symbol(name: &str) -> usize {
    let c = CString::new(name).unwrap();
    // SAFETY: a NUL-terminated name looked up in the global scope; only the address is used.
    unsafe { libc::dlsym(libc::RTLD_DEFAULT, c.as_ptr()) as usize }
}

#[test]
fn the_allocator_entries_are_the_caches_unless_turned_off() {
    let names = ["malloc", "free", "_Znwm", "_ZdlPv", "puts"];
    for mode in [TierMode::Tier0, TierMode::LlvmO2] {
        for cache in [true, false] {
            let jit = Jit::builder().mode(mode).heap_cache(cache).build();
            let m = jit.load_bytes(ENTRIES.as_bytes()).unwrap();
            // SAFETY: the signatures match the IR above.
            let (entry, reuse) = unsafe {
                (
                    m.get_function::<extern "C" fn(i64) -> *const u8>("entry").unwrap(),
                    m.get_function::<extern "C" fn() -> i64>("reuse").unwrap(),
                )
            };
            for (i, name) in names.iter().enumerate() {
                let cached = cache && *name != "puts";
                let process = process_symbol(name);
                assert_ne!(process, 0, "{name} is in the test process");
                assert_eq!(entry.call(i as i64) as usize != process, cached, "{mode:?}, cache {cache}: @{name}");
            }
            if mode == TierMode::Tier0 {
                // (The optimizer may fold the comparison of two allocations to false.)
                assert_eq!(reuse.call(), 1, "cache {cache}: a freed block serves the next request");
            }
        }
    }
}
