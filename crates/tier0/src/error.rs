//! The error type of tier 0.

/// Why tier 0 declined a function. The runtime compiles such functions with LLVM instead.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// A construct tier 0 does not translate.
    #[error("tier 0 cannot translate `{inst}` in @{function}: {reason}")]
    Unsupported {
        /// The function's IR name.
        function: String,
        /// The instruction (or construct) concerned.
        inst: String,
        /// Why.
        reason: String,
    },
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// A reason, before the translator adds the function and instruction.
pub(crate) type Reason = String;

/// Shorthand for an unsupported construct.
pub(crate) fn unsupported<T>(reason: impl Into<String>) -> std::result::Result<T, Reason> {
    Err(reason.into())
}
