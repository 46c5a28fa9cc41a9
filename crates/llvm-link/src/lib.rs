//! Links libLLVM into every binary of the workspace: the crates that call LLVM (`tierlift-ir`, `tierlift-llvm`)
//! and the one that refers to libLLVM's GDB JIT interface (`tierlift-code`) depend on this crate, whose build
//! script says how. Release builds link LLVM's static libraries (a process starts about 5 ms sooner: resolving
//! the shared library's symbols is most of a small program's start-up); other builds link the shared library, so
//! that the many test binaries link fast. `TIERLIFT_LLVM_LINK=static` or `dynamic` overrides the choice; the
//! LLVM used is `LLVM_SYS_191_PREFIX`'s (`.cargo/config.toml`), else `llvm-config-19`'s.
//!
//! The crate has no items; depending on it is enough:
//!
//! ```toml
//! [dependencies]
//! tierlift-llvm-link = { path = "crates/llvm-link" }
//! ```
