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
    /// A module defines a symbol (strongly) that a module already loaded into the same `Jit` defines strongly.
    #[error("duplicate definition of `{0}`: a module already loaded into this Jit defines it")]
    DuplicateDefinition(String),
    /// No function or global of that name.
    #[error("no function named `{0}` in the module")]
    NoSuchFunction(String),
    /// The module's compile workers were stopped ([`Runtime::shutdown`](crate::Runtime::shutdown)) before a
    /// compile that needed them.
    #[error("the compile service has stopped")]
    Stopped,
    /// The module is not for this host: another architecture or operating system, or a data layout this host's
    /// code cannot share memory with.
    #[error("module target: {0}")]
    Target(String),
    /// The Rust function-pointer type given to `get_function` does not match the function's IR signature.
    #[error("@{function} does not have the requested type: {reason}")]
    SignatureMismatch {
        /// The function.
        function: String,
        /// Where the types differ.
        reason: String,
    },
    /// Parsing the input in an isolated child process crashed, ran out of time or memory: the input is
    /// rejected without being parsed in this process.
    #[error("rejected input: {0}")]
    RejectedInput(String),
    /// Setting up the native code generator failed.
    #[error("code generator setup: {0}")]
    Setup(String),
    /// A trace or timeline file could not be written.
    #[error("{0}")]
    Output(String),
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
