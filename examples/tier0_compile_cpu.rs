//! Tier-0 compile cost per function, in CPU time of the compiling thread: every function of each bitcode file that
//! tier 0 accepts is compiled `ROUNDS` times (in a tiered engine, as the first call of a tiered run would) and the
//! thread's CPU time (`/proc/thread-self/schedstat`) is divided by the number of compiles. Unlike wall-clock
//! benches, the result barely moves when other processes load the machine.
//!
//! `cargo run --release --example tier0_compile_cpu -- [--plain] [--pgo off] [--osr off] ROUNDS FILE.bc...` prints,
//! per file, the number of functions, the CPU microseconds per compile and the microseconds of it spent inside
//! Cranelift. `--plain` compiles as the fixed tier-0 mode does (no counters, no profile, no OSR sites); `--pgo off`
//! and `--osr off` leave out the profile probes or the OSR sites of a tiered engine's code.

use anyhow::{Context, Result, bail};
use std::time::Duration;
use tierlift::{Jit, Tier, TierMode};

/// CPU time this thread has run, in nanoseconds.
fn thread_cpu_ns() -> Result<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").context("reading schedstat")?;
    text.split_whitespace().next().and_then(|v| v.parse().ok()).context("parsing schedstat")
}

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1).peekable();
    let mut builder = Jit::builder().verifier(false);
    while let Some(flag) = args.next_if(|a| a.starts_with("--")) {
        builder = match (flag.as_str(), args.next_if(|a| a == "off")) {
            ("--plain", None) => builder.mode(TierMode::Tier0),
            ("--pgo", Some(_)) => builder.pgo(false),
            ("--osr", Some(_)) => builder.osr(false),
            _ => bail!("unknown option {flag}"),
        };
    }
    let usage = "usage: tier0_compile_cpu [--plain] [--pgo off] [--osr off] ROUNDS FILE.bc...";
    let rounds: u32 = args.next().context(usage)?.parse()?;
    if rounds == 0 {
        bail!("ROUNDS must be at least 1");
    }
    for file in args {
        let bytes = std::fs::read(&file).with_context(|| format!("reading {file}"))?;
        let module = builder.clone().build().load_bytes(&bytes)?;
        // Functions tier 0 accepts (the first compile also warms up the reader and the caches).
        let names: Vec<String> = module
            .ir()
            .functions
            .iter()
            .map(|f| f.name.clone())
            .filter(|n| module.compile_fresh(n, Tier::Tier0).is_ok())
            .collect();
        if names.is_empty() {
            println!("{file}: no function compiles in tier 0");
            continue;
        }
        let start = thread_cpu_ns()?;
        let mut cranelift = Duration::ZERO;
        for _ in 0..rounds {
            for name in &names {
                // One compile (not installed), of which it reports the time inside Cranelift.
                cranelift += module.tier0_codegen_time(name)?;
            }
        }
        let compiles = f64::from(rounds) * names.len() as f64;
        let cpu_us = (thread_cpu_ns()? - start) as f64 / 1e3 / compiles;
        let cranelift_us = cranelift.as_secs_f64() * 1e6 / compiles;
        println!(
            "{file}: {} functions, {cpu_us:.1} us CPU per compile, {cranelift_us:.1} us in Cranelift",
            names.len()
        );
    }
    Ok(())
}
