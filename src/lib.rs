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
//! assert_eq!(square.get()(12), 144);
//! # Ok::<(), tierlift::Error>(())
//! ```

mod builder;
mod func;
mod module;

pub use builder::JitBuilder;
pub use func::Func;
pub use module::LoadedModule;
pub use tierlift_runtime::policy;
pub use tierlift_runtime::trace;
pub use tierlift_runtime::{Error, FunctionStats, PolicyKind, Result, Stats, Tier, TierMode};

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
        let module = tierlift_ir::Module::load_file(path.as_ref())?;
        LoadedModule::new(tierlift_runtime::Runtime::load(module, self.config.clone())?)
    }

    /// Loads bitcode or textual IR from memory.
    pub fn load_bytes(&self, bytes: &[u8]) -> Result<LoadedModule> {
        LoadedModule::new(tierlift_runtime::Runtime::load_bytes(bytes, self.config.clone())?)
    }
}
