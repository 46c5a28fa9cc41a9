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

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

mod builder;
mod func;
mod isolated;
mod module;
mod signature;

pub use builder::JitBuilder;
pub use func::Func;
pub use module::LoadedModule;
pub use signature::{NativeFn, NativeKind, NativeType};
/// Errors of the executable-memory layer ([`Error::Code`]).
pub use tierlift_code::Error as CodeError;
/// The parsed IR a module was loaded from ([`LoadedModule::ir`]): names, signatures, globals.
pub use tierlift_ir as ir;
/// Errors of loading and reading IR ([`Error::Ir`]).
pub use tierlift_ir::Error as IrError;
pub use tierlift_runtime::policy;
pub use tierlift_runtime::trace;
pub use tierlift_runtime::{
    Error, FunctionStats, LazyFailureHandler, OsrStats, PerTier, PolicyKind, Result, Stats, Tier, TierMode, Totals,
    Version,
};

/// The JIT: a configuration from which modules are loaded. Each loaded module has its own code, globals and
/// compile workers.
#[derive(Clone, Debug, Default)]
pub struct Jit {
    config: tierlift_runtime::Config,
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

    /// Loads bitcode or textual IR from memory.
    pub fn load_bytes(&self, bytes: &[u8]) -> Result<LoadedModule> {
        if let Some(limits) = self.config.isolate_parse {
            isolated::check(bytes, limits)?;
        }
        LoadedModule::new(tierlift_runtime::Runtime::load_bytes(bytes, self.config.clone())?)
    }
}
