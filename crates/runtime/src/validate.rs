//! Checks at load that a module suits this host, so that nothing LLVM would reject fatally reaches it later:
//!
//! * the target triple must be x86-64 Linux (or say no OS), the data layout little-endian with 64-bit pointers
//!   — otherwise the module does not load ([`Error::Target`]);
//! * every intrinsic must be known to LLVM and belong to no other target, and x86 intrinsics must be ones the
//!   CPU can run: each is compiled once per process in a disposable child process (a probe), since LLVM ends
//!   the process when it cannot select one. A function that uses a bad intrinsic is refused in every tier, with
//!   the reason; the rest of the module works.

use crate::{Error, Result};
use std::collections::HashMap;
use std::sync::Mutex;
use tierlift_code::isolate::{self, Limits, Outcome};
use tierlift_ir::{FuncId, Module};

/// Checks the triple and the data layout.
pub(crate) fn check_target(module: &Module) -> Result<()> {
    let triple = module.triple.as_str();
    let mut parts = triple.split('-');
    let arch = parts.next().unwrap_or("");
    if !matches!(arch, "x86_64" | "amd64") {
        return Err(Error::Target(format!("the module is for `{triple}`; this host runs x86_64 Linux code")));
    }
    let rest: Vec<&str> = parts.collect();
    let foreign_os = ["windows", "win32", "darwin", "macos", "ios", "freebsd", "netbsd", "openbsd", "uefi", "cuda"];
    if let Some(os) = rest.iter().find(|p| foreign_os.iter().any(|f| p.starts_with(f))) {
        return Err(Error::Target(format!(
            "the module is for `{triple}` ({os}); this host runs x86_64 Linux code (its calling conventions and C \
             library differ)"
        )));
    }
    let layout = module.data_layout.as_str();
    for spec in layout.split('-') {
        if spec == "E" {
            return Err(Error::Target(format!("data layout `{layout}` is big-endian; this host is little-endian")));
        }
        let pointer = spec.strip_prefix("p:").or_else(|| spec.strip_prefix("p0:"));
        if let Some(size) = pointer.and_then(|p| p.split(':').next())
            && size != "64"
        {
            return Err(Error::Target(format!("data layout `{layout}` has {size}-bit pointers; this host has 64")));
        }
    }
    Ok(())
}

/// Functions that must not be compiled, with the reason.
pub(crate) fn refused_functions(module: &Module) -> HashMap<FuncId, String> {
    let mut refused = HashMap::new();
    let mut probes = Vec::new();
    for intrinsic in &module.intrinsics {
        if intrinsic.users.is_empty() {
            continue;
        }
        let name = &intrinsic.name;
        let reason = match tierlift_ir::intrinsic_target(name) {
            _ if !intrinsic.known => Some(format!("it uses @{name}, which LLVM does not know as an intrinsic")),
            Some("x86") => {
                probes.push(intrinsic);
                None
            }
            Some(target) => {
                Some(format!("it uses @{name}, an intrinsic of another target ({target}); this host is x86_64"))
            }
            None => None,
        };
        if let Some(reason) = reason {
            for f in &intrinsic.users {
                refused.entry(*f).or_insert_with(|| reason.clone());
            }
        }
    }
    for intrinsic in probes {
        if let Err(why) = probe(module, &intrinsic.name) {
            let reason = format!("it uses @{}, which this CPU cannot run: {why}", intrinsic.name);
            for f in &intrinsic.users {
                refused.entry(*f).or_insert_with(|| reason.clone());
            }
        }
    }
    refused
}

/// Whether LLVM can compile a call to intrinsic `name` for this CPU, asked once per process (and per
/// `TIERLIFT_CPU_FEATURES`, which changes the CPU LLVM compiles for).
fn probe(module: &Module, name: &str) -> std::result::Result<(), String> {
    /// (intrinsic, `TIERLIFT_CPU_FEATURES`) and what its probe found.
    type Probed = Vec<((String, String), std::result::Result<(), String>)>;
    static PROBED: Mutex<Probed> = Mutex::new(Vec::new());
    let key = (name.to_owned(), std::env::var("TIERLIFT_CPU_FEATURES").unwrap_or_default());
    if let Some((_, r)) = PROBED.lock().unwrap_or_else(|e| e.into_inner()).iter().find(|(k, _)| *k == key) {
        return r.clone();
    }
    let Some(bitcode) = module.intrinsic_probe(name) else { return Ok(()) };
    let run = |seconds| {
        let limits = Limits { memory_bytes: 1 << 30, timeout: std::time::Duration::from_secs(seconds) };
        isolate::run_isolated(limits, || {
            tierlift_llvm::probe_codegen(&bitcode, &format!("@{name}")).map_err(|e| e.to_string())
        })
    };
    // The child has only the forking thread: a lock another thread held at that moment stays taken in it for
    // good (seen: the C library's exit-function lock, which LLVM takes when it first reaches a function-local
    // static during code generation). A compile of one call takes milliseconds; a child that does not finish
    // in seconds is tried once more, forked at another moment, before its intrinsic is refused.
    let mut outcome = run(5);
    if matches!(outcome, Ok(Outcome::TimedOut)) {
        outcome = run(20);
    }
    let result = match outcome {
        Ok(Outcome::Ok) => Ok(()),
        Ok(Outcome::Failed(msg)) => Err(msg),
        Ok(Outcome::Exited(_, out) | Outcome::Signaled(_, out)) => Err(llvm_message(&out)),
        Ok(Outcome::TimedOut) => Err("compiling it did not finish".into()),
        // No child process: do not refuse what could not be checked.
        Err(_) => Ok(()),
    };
    PROBED.lock().unwrap_or_else(|e| e.into_inner()).push((key, result.clone()));
    result
}

/// The gist of what a dying LLVM printed: its `LLVM ERROR` line if there is one.
fn llvm_message(output: &str) -> String {
    let line = output
        .lines()
        .find(|l| l.contains("LLVM ERROR"))
        .or_else(|| output.lines().find(|l| l.contains("fatal error")))
        .or_else(|| output.lines().next())
        .unwrap_or("the code generator crashed");
    line.trim().to_owned()
}
