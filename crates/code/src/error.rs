//! The error type of the code crate.

/// Failures while reserving or protecting memory for stubs, slots, thunks or counters, or registering their
/// unwind information.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The operating system refused to map or protect memory.
    #[error("memory mapping failed: {0}")]
    Memory(#[from] region::Error),
    /// More functions than the process-wide stub id space can hold.
    #[error("function id space exhausted ({0} functions requested)")]
    IdSpace(usize),
    /// A module's global variables are so large that its stubs, which follow them, could not reach the slots in
    /// front of them with a 32-bit displacement.
    #[error("{0} bytes of global variables: more than a module's stubs can reach past (2 GiB)")]
    GlobalsTooLarge(usize),
    /// A variadic-call thunk was asked to take its target from where no call passes arguments.
    #[error("no variadic-call thunk takes its target from {0}")]
    NoThunk(String),
    /// The unwind information of new code could not be written.
    #[error("unwind information: {0}")]
    Unwind(String),
}

/// Result with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
