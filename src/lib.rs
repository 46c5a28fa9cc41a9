//! tierlift: a tiered JIT for LLVM IR.
//!
//! Functions start in tier 0 — LLVM IR translated to Cranelift and compiled on first call, with counters — and
//! move to LLVM O2 and then O3 on a background thread when they get hot. Every function has one stable address
//! (its stub) for its whole life, so function pointers stay valid and compare equal across tier changes.
//!
//! ```
//! use tierlift::Jit;
//!
//! let jit = Jit::builder().build();
//! let module = jit.load_bytes(b"define i64 @square(i64 %x) {\n  %y = mul i64 %x, %x\n  ret i64 %y\n}\n")?;
//! // SAFETY: @square has the IR type `i64 (i64)`.
//! let square = unsafe { module.get_function::<extern "C" fn(i64) -> i64>("square")? };
//! assert_eq!(square.call(12), 144);
//! # Ok::<(), tierlift::Error>(())
//! ```
//!
//! # Engine and modules
//!
//! A [`Jit`] is the engine. What its modules share:
//! - **Compile workers**: one pool of LLVM compile threads (`compile_threads`, started idle with the `Jit`, plus
//!   an urgent lane started when a caller must wait for a compile while every worker is busy) and their queue.
//!   Each worker sets up LLVM for a module at its first job of that module. The threads end once the `Jit`, its
//!   clones and every module loaded into it are dropped.
//! - **The symbol namespace**: modules link to each other like shared libraries (see [`Jit`]).
//! - **Tier-0 code memory**: the tier-0 functions of all modules are placed in the same large regions, so a module
//!   with a few functions maps nothing of its own.
//! - **Freeing superseded code**: the workers, between jobs, free the versions that left their slots once no
//!   thread is running them or can return into them ([`JitBuilder::free_superseded_code`]).
//! - **The configuration** set on the [`JitBuilder`]: each module starts from a copy, with a policy instance of
//!   its own.
//!
//! What each module ([`LoadedModule`]) owns: its function table (a stub and a slot per function), its globals,
//! its call and loop counters, its tier-0 functions, its LLVM code (compiled by the shared workers, kept mapped by the
//! module), its version records and statistics, its exit-time functions, and (for a policy that samples) a sampler
//! thread.
//!
//! When memory is returned:
//! - A module is unloaded when its [`LoadedModule`] is dropped and no module linked to it is loaded (a module
//!   that resolved a symbol to it keeps it loaded; the last of them to go unloads it).
//! - Unloading runs its exit-time functions, drops its queued compiles and discards the result of one in flight
//!   (without waiting for it, nor for any other module's compile), then frees its tier-0 code, stubs, slots,
//!   globals and counters at once; its LLVM code goes when each worker that compiled for it next looks (at its
//!   next job, or within 200 ms when idle).
//! - Code that a function's newer version superseded is freed once a stack scan shows that no thread is running
//!   it or can return into it (by a compile worker, once 256 kB wait or the oldest waited 2 s; tier-0 memory is
//!   reused, LLVM code is unmapped). OSR entries, and everything while profilers or debuggers observe the code or with
//!   `free_superseded_code(false)`, stay until the module is unloaded.
//! - A module's `thread_local` variables are emulated (`__emutls_get_address`): each thread's copy is freed when
//!   that thread ends, not when the module is unloaded. A host whose long-lived threads run modules that come and
//!   go with large thread-local variables keeps those threads' copies until the threads end.

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

mod builder;
mod func;
mod isolated;
mod module;
mod namespace;
mod signature;

pub use builder::JitBuilder;
pub use func::Func;
pub use module::LoadedModule;
pub use signature::{NativeFn, NativeKind, NativeType};
/// Errors of the executable-memory layer ([`Error::Code`]).
pub use tierlift_code::Error as CodeError;
/// Runs the calling thread's pending destructors of JIT code's C++ `thread_local` objects now, as `exit` does for
/// the exiting thread: for an embedder that ends the process with `_exit` or its own replacement of the program's
/// `exit` (as `run_bitcode` does). Each runs once, not again when the thread ends.
pub use tierlift_code::run_thread_destructors;
/// The parsed IR a module was loaded from ([`LoadedModule::ir`]): names, signatures, globals.
pub use tierlift_ir as ir;
/// Errors of loading and reading IR ([`Error::Ir`]).
pub use tierlift_ir::Error as IrError;
pub use tierlift_runtime::policy;
pub use tierlift_runtime::trace;
pub use tierlift_runtime::{
    Error, FunctionStats, LazyFailureHandler, OsrStats, PerTier, PolicyKind, ReclaimStats, Result, Stats, Tier,
    TierMode, Totals, Version,
};

/// The JIT engine: compile workers, a configuration and a symbol namespace shared by the modules loaded into it
/// (see the crate docs for what each module owns). Cheap to clone; clones share the workers and the namespace. A module's undefined functions and globals resolve to the embedder's symbols
/// ([`JitBuilder::symbol`], [`JitBuilder::symbol_lookup`]), then to exported definitions of modules loaded
/// before it into the same `Jit`, then to the process; a module stays loaded while a module linked to it is.
/// Calls across modules go through the callee's stub, so the callee's tier changes are seen by every caller and
/// its address is one and the same everywhere.
///
/// ```
/// let jit = tierlift::Jit::builder().build();
/// let lib = jit.load_bytes(b"@base = global i64 40\ndefine i64 @add(i64 %x) {\n  %b = load i64, ptr @base\n  %r = add i64 %x, %b\n  ret i64 %r\n}\n")?;
/// let app = jit.load_bytes(b"declare i64 @add(i64)\n@base = external global i64\ndefine i64 @twice_plus() {\n  %b = load i64, ptr @base\n  %r = call i64 @add(i64 %b)\n  ret i64 %r\n}\n")?;
/// drop(lib); // `app` keeps it loaded
/// // SAFETY: `twice_plus` is `i64 ()`.
/// let f = unsafe { app.get_function::<extern "C" fn() -> i64>("twice_plus")? };
/// assert_eq!(f.call(), 80);
/// # Ok::<(), tierlift::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Jit {
    config: tierlift_runtime::Config,
    lookup: Option<builder::SymbolLookup>,
    namespace: std::sync::Arc<namespace::Namespace>,
}

impl Default for Jit {
    /// A `Jit` with the builder's defaults.
    fn default() -> Self {
        Jit::builder().build()
    }
}

impl Jit {
    /// A builder with the defaults: tiered, counting policy, one compile thread.
    pub fn builder() -> JitBuilder {
        JitBuilder::default()
    }

    /// Loads a `.bc` or `.ll` file (told apart by content).
    pub fn load_file(&self, path: impl AsRef<std::path::Path>) -> Result<LoadedModule> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| IrError::Io { path: path.display().to_string(), source })?;
        self.load_bytes(&bytes)
    }

    /// Loads bitcode or textual IR from memory and links it to the modules loaded before (see [`Jit`]).
    pub fn load_bytes(&self, bytes: &[u8]) -> Result<LoadedModule> {
        // Isolated, the input is read whole (every body) in the child and then here, so that a broken body fails
        // the load, as the child found it; otherwise bitcode bodies are read as functions are first compiled.
        let module = match self.config.isolate_parse {
            Some(limits) => {
                isolated::check(bytes, limits)?;
                tierlift_ir::Module::parse_whole(bytes)?
            }
            None => tierlift_ir::Module::parse(bytes)?,
        };
        self.namespace.check(&module)?;
        let mut config = self.config.clone();
        let undefined: Vec<&str> =
            module.externs.iter().map(|e| e.name.as_str()).filter(|name| !config.symbols.contains_key(*name)).collect();
        let mut rest = Vec::new();
        for name in undefined {
            match self.lookup.as_ref().and_then(|l| (l.0)(name)) {
                Some(address) => {
                    config.symbols.insert(name.to_owned(), address);
                }
                None => rest.push(name),
            }
        }
        let (found, links) = self.namespace.resolve(rest.into_iter());
        config.symbols.extend(found);
        let runtime = tierlift_runtime::Runtime::load(module, config)?;
        LoadedModule::new(runtime, links, |core| self.namespace.register(core))
    }
}
