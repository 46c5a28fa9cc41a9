//! JIT code that shares state with the C and C++ libraries: a shared object's thread-local variables are reached
//! per thread (through `__tls_get_addr`), in every tier. Each program of `tests/library_state` is compared with
//! its native build.

mod common;

use common::native::matches_native;

const MODES: [&[&str]; 5] = [
    &["--mode", "tier0"],
    &["--mode", "llvm-o0"],
    &["--mode", "llvm-o2"],
    &["--mode", "tiered", "--threshold", "1"],
    &["--mode", "tiered"],
];

#[test]
fn call_once_and_futures_reach_each_threads_library_state() {
    let src = common::root().join("tests").join("library_state").join("call_once_threads.cpp");
    let natives = matches_native(&src, &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.code == Some(2) && n.stdout.contains("set once by the producer")), "{natives:?}");
}
