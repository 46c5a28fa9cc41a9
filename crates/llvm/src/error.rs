//! The crate's error type.

use crate::OptLevel;

/// Result alias used throughout `tierlift-llvm`.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong while setting up a [`ModuleCompiler`](crate::ModuleCompiler) or compiling one
/// function with it. Each variant names the operation (and, where there is one, the IR function) and the reason
/// LLVM or tierlift gave.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The native target could not be initialized or is not supported (tierlift-llvm generates x86-64 code only).
    #[error("ModuleCompiler::new: host target unavailable: {reason}")]
    HostTarget {
        /// What LLVM reported.
        reason: String,
    },

    /// `ModuleCompiler::new` was given bytes that LLVM's bitcode reader rejects.
    #[error("ModuleCompiler::new: invalid bitcode: {reason}")]
    InvalidBitcode {
        /// The bitcode reader's message.
        reason: String,
    },

    /// The bitcode parsed but the module does not pass LLVM's verifier, or is for a different target.
    #[error("ModuleCompiler::new: invalid module: {reason}")]
    InvalidModule {
        /// The verifier's (or target check's) message.
        reason: String,
    },

    /// A function, global variable or alias of the module has no name. Per-function modules refer to every other
    /// global value by name (bound to an absolute symbol), so the loader must name every global value first.
    #[error("ModuleCompiler::new: unnamed {kind} #{index} in module (every global value must be named)")]
    UnnamedGlobal {
        /// `"function"`, `"global variable"`, `"alias"` or `"ifunc"`.
        kind: &'static str,
        /// Position of the value among the module's values of that kind.
        index: usize,
    },

    /// A symbol or function name contains a NUL byte and cannot be passed to LLVM.
    #[error("{operation}: name {name:?} contains a NUL byte")]
    NulInName {
        /// The operation that received the name.
        operation: &'static str,
        /// The offending name.
        name: String,
    },

    /// The same name appears twice in the symbol list given to `ModuleCompiler::new`.
    #[error("ModuleCompiler::new: symbol {name:?} is defined twice")]
    DuplicateSymbol {
        /// The repeated name.
        name: String,
    },

    /// Creating the ORC LLJIT or defining the absolute symbols / search generator in it failed.
    #[error("ModuleCompiler::new: cannot set up ORC LLJIT: {reason}")]
    JitSetup {
        /// What ORC reported.
        reason: String,
    },

    /// The requested function does not exist in the module.
    #[error("compile: no function named {function:?} in the module")]
    UnknownFunction {
        /// The requested IR name.
        function: String,
    },

    /// The requested function exists but is only a declaration (or an intrinsic).
    #[error("compile: {function:?} is a declaration, not a definition")]
    NotADefinition {
        /// The requested IR name.
        function: String,
    },

    /// `version_name` is already used, either by a global value of the module or by an earlier compile.
    #[error("compile {function:?}: version name {version:?} is already in use")]
    VersionNameTaken {
        /// The function being compiled.
        function: String,
        /// The version name that was requested.
        version: String,
    },

    /// Building the per-function job module failed (an unsupported construct in the module).
    #[error("compile {function:?}: cannot extract the function into its own module: {reason}")]
    Extract {
        /// The function being compiled.
        function: String,
        /// Why.
        reason: String,
    },

    /// Inserting the entry counter IR failed.
    #[error("compile {function:?}: cannot insert counters: {reason}")]
    Counters {
        /// The function being compiled.
        function: String,
        /// Why.
        reason: String,
    },

    /// The job module failed LLVM's verifier.
    #[error("compile {function:?}: job module fails verification: {reason}")]
    InvalidJobModule {
        /// The function being compiled.
        function: String,
        /// The verifier's message.
        reason: String,
    },

    /// Running the `default<O2>` / `default<O3>` pipeline failed.
    #[error("compile {function:?} at {level:?}: optimization failed: {reason}")]
    Optimize {
        /// The function being compiled.
        function: String,
        /// The requested level.
        level: OptLevel,
        /// What LLVM reported.
        reason: String,
    },

    /// Creating the target machine or emitting the object file failed.
    #[error("compile {function:?} at {level:?}: code generation failed: {reason}")]
    Codegen {
        /// The function being compiled.
        function: String,
        /// The requested level.
        level: OptLevel,
        /// What LLVM reported.
        reason: String,
    },

    /// Adding the object file to the LLJIT or looking up the version symbol failed (typically an unresolved
    /// symbol: a name the module refers to that is neither in the symbol list nor in the process).
    #[error("compile {function:?}: linking version {version:?} failed: {reason}")]
    Link {
        /// The function being compiled.
        function: String,
        /// The version symbol.
        version: String,
        /// What ORC / JITLink reported.
        reason: String,
    },
}
