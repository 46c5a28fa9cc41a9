//! `run_bitcode` defines `pthread_create` to see every thread the process creates, and the stream functions
//! that leave their locks out while the program has one thread (see `examples/run_bitcode/threads.rs`); the
//! executable exports them, so that shared libraries (libstdc++'s `std::thread`, `std::cout`) and JIT code find
//! them before the C library's.

include!("crates/code/src/stream_functions.in");

fn main() {
    for name in std::iter::once(&"pthread_create").chain(STREAM_FUNCTIONS) {
        println!("cargo::rustc-link-arg-examples=-Wl,--export-dynamic-symbol={name}");
    }
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=crates/code/src/stream_functions.in");
}
