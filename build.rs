//! `run_bitcode` defines `pthread_create` to see every thread the process creates, and the stream functions
//! that leave their locks out while the program has one thread (see `examples/run_bitcode/threads.rs`); the
//! executable exports them, so that shared libraries (libstdc++'s `std::thread`, `std::cout`) and JIT code find
//! them before the C library's.

/// What `run_bitcode` defines for the whole process.
const EXPORTED: &[&str] = &[
    "pthread_create",
    "getc",
    "fgetc",
    "getchar",
    "putc",
    "fputc",
    "putchar",
    "feof",
    "ferror",
    "fgets",
    "fputs",
    "fread",
    "fwrite",
    "ungetc",
];

fn main() {
    for name in EXPORTED {
        println!("cargo::rustc-link-arg-examples=-Wl,--export-dynamic-symbol={name}");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
