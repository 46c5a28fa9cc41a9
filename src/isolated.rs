//! Parsing untrusted input in a child process first ([`JitBuilder::isolate_parse`](crate::JitBuilder)).

use crate::{Error, Result};
use tierlift_code::isolate::{Limits, Outcome, run_isolated};

/// Parses and verifies `bytes` in a child process under `limits`. `Ok` when the child parsed it or found an
/// ordinary error (which this process's own parse then reports); [`Error::RejectedInput`] when the child crashed,
/// ran out of memory or time.
pub(crate) fn check(bytes: &[u8], limits: Limits) -> Result<()> {
    let outcome = run_isolated(limits, || tierlift_ir::Module::parse_whole(bytes).map(drop).map_err(|e| e.to_string()))
        .map_err(|e| Error::Setup(format!("cannot start the isolated parse: {e}")))?;
    let gist = |out: &str| out.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_owned();
    match outcome {
        Outcome::Ok | Outcome::Failed(_) => Ok(()),
        // An allocation that failed under the limit aborts the child: in LLVM ("LLVM ERROR: out of memory"), in
        // Rust ("memory allocation of N bytes failed"), or as a `std::bad_alloc` thrown through LLVM (built without
        // exceptions) into the Rust frames above the reader, which cannot catch it.
        Outcome::Signaled(signal, out) if signal == SIGABRT && OUT_OF_MEMORY.iter().any(|m| out.contains(m)) => {
            Err(Error::RejectedInput(format!(
                "parsing it ran out of memory in the isolated parser (the limit is {} MB)",
                limits.memory_bytes >> 20
            )))
        }
        Outcome::Signaled(signal, out) => Err(Error::RejectedInput(format!(
            "parsing it crashed the isolated parser (signal {signal}){}",
            with_detail(&gist(&out))
        ))),
        Outcome::Exited(code, out) => Err(Error::RejectedInput(format!(
            "the isolated parser ended with status {code}{}",
            with_detail(&gist(&out))
        ))),
        Outcome::TimedOut => Err(Error::RejectedInput(format!("parsing it took longer than {:?}", limits.timeout))),
    }
}

/// `SIGABRT` on Linux.
const SIGABRT: i32 = 6;

/// What a child that ran out of memory says as it aborts.
const OUT_OF_MEMORY: [&str; 3] = ["LLVM ERROR: out of memory", "memory allocation of", "foreign exception"];

fn with_detail(line: &str) -> String {
    if line.is_empty() { String::new() } else { format!(": {line}") }
}
