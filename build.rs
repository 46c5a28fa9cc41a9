//! `run_bitcode` defines `pthread_create` to see every thread the process creates (see
//! `examples/run_bitcode/threads.rs`); the executable exports it, so that shared libraries (libstdc++'s
//! `std::thread`) and JIT code find it before the C library's.

fn main() {
    println!("cargo::rustc-link-arg-examples=-Wl,--export-dynamic-symbol=pthread_create");
    println!("cargo::rerun-if-changed=build.rs");
}
