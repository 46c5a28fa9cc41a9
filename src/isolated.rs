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

fn with_detail(line: &str) -> String {
    if line.is_empty() { String::new() } else { format!(": {line}") }
}
