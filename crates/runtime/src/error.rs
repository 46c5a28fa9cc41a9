//! The error type of the runtime.

/// What can go wrong loading or compiling a module.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Loading or reading the IR failed.
    #[error(transparent)]
    Ir(#[from] tierlift_ir::Error),
    /// An external symbol the module uses is neither registered nor in the process.
    #[error("unresolved external symbol `{0}`")]
    UnresolvedSymbol(String),
    /// A global initializer tierlift cannot evaluate.
    #[error("cannot initialize global @{global}: {reason}")]
    Initializer {
        /// The global.
        global: String,
        /// Why.
        reason: String,
    },
    /// Mapping memory for stubs, slots, globals or code failed.
    #[error(transparent)]
    Code(#[from] tierlift_code::Error),
    /// Compiling a function failed in every tier that was tried.
    #[error("cannot compile @{function}: {reason}")]
    Compile {
        /// The function.
        function: String,
        /// Why (each tier's reason).
        reason: String,
    },
    /// No function or global of that name.
    #[error("no function named `{0}` in the module")]
    NoSuchFunction(String),
    /// The compile workers are gone.
    #[error("the compile service has stopped")]
    Stopped,
    /// Setting up the native code generator failed.
    #[error("code generator setup: {0}")]
    Setup(String),
    /// A trace or timeline file could not be written.
    #[error("{0}")]
    Output(String),
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
