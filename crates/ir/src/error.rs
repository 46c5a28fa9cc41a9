//! The error type of the IR crate.

/// Why a module could not be loaded or read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is empty.
    #[error("empty input: not LLVM bitcode or IR")]
    Empty,
    /// The input could not be parsed (bitcode or text).
    #[error("cannot parse module: {0}")]
    Parse(String),
    /// LLVM's verifier rejected the module.
    #[error("invalid module: {0}")]
    Verify(String),
    /// A construct of the module that tierlift cannot load at all.
    #[error("unsupported in {symbol}: {reason}")]
    Unsupported {
        /// The global or function concerned.
        symbol: String,
        /// What is unsupported.
        reason: String,
    },
    /// Reading a file failed.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
