//! The benchmark suite: every workload in every mode, side by side in one run.
//!
//! `cargo run --release -p tierlift-bench -- [--runs N] [--only NAME]...` builds `run_bitcode` (release), compiles
//! each workload of `benches/workloads` with clang-19 at -O0 and -O1 (and natively at -O3), runs it in every mode
//! (tierlift tiered under each policy and without OSR or profile-guided optimization, each fixed tier, tier 0 with
//! counters with and without profiling, lli-19 at -O0/-O2/-O3 with and without
//! `-jit-kind=orc-lazy`, lli-19 on `opt-19 -O2` bitcode, native), and writes `BENCHMARKS.md`,
//! `bench-results/results.csv` and `bench-results/chart.svg`.

mod criterion;
mod machine;
mod measure;
mod modes;
mod report;
mod svg;
mod workload;

use anyhow::{Context, Result, bail};
use clap::Parser;
use std::path::PathBuf;
use std::time::Duration;

/// Run the tierlift benchmark suite.
#[derive(Parser, Debug)]
struct Args {
    /// Runs per program and mode (the median is reported).
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Only workloads whose name contains one of these.
    #[arg(long)]
    only: Vec<String>,
    /// Only these modes (column names, e.g. `tiered-counting`); all when none is given.
    #[arg(long)]
    mode: Vec<String>,
    /// Per-run time limit in seconds.
    #[arg(long, default_value_t = 120)]
    timeout: u64,
    /// Do not run the criterion benches (their last results are still reported).
    #[arg(long)]
    skip_criterion: bool,
    /// Where BENCHMARKS.md goes.
    #[arg(long, default_value = "BENCHMARKS.md")]
    output: PathBuf,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize()?;
    std::env::set_current_dir(&root)?;
    let status = std::process::Command::new("cargo")
        .args(["build", "--release", "--example", "run_bitcode"])
        .status()
        .context("building run_bitcode")?;
    if !status.success() {
        bail!("cargo build --release --example run_bitcode failed");
    }
    let runner = root.join("target/release/examples/run_bitcode");
    if !args.skip_criterion {
        criterion::run(&root)?;
    }
    let out_dir = root.join("bench-results");
    let build_dir = root.join("target/bench-workloads");
    std::fs::create_dir_all(&out_dir)?;
    let workloads = workload::discover(&root.join("benches/workloads"), &args.only)?;
    if workloads.is_empty() {
        bail!("no workloads matched");
    }
    let modes: Vec<modes::Mode> =
        modes::all().into_iter().filter(|m| args.mode.is_empty() || args.mode.contains(&m.name)).collect();
    if modes.is_empty() {
        bail!("no modes matched");
    }
    let timeout = Duration::from_secs(args.timeout);
    let mut results = report::Results::default();
    for w in &workloads {
        let built = workload::build(w, &build_dir)?;
        for ((level, bc), (_, opt)) in built.bitcode.iter().zip(&built.optimized) {
            for m in &modes {
                if m.family == modes::Family::Native && level != "O0" {
                    // Native does not depend on the bitcode level: measured once, reported for both.
                    if let Some(r) = results.get(&w.name, "O0", &m.name).cloned() {
                        results.insert(&w.name, level, &m.name, r);
                    }
                    continue;
                }
                let input = if m.optimized_input { opt } else { bc };
                let stats = (m.family == modes::Family::Tiered && m.name == "tiered-counting")
                    .then(|| build_dir.join(format!("{}.{level}.stats.json", w.name)));
                let measured =
                    measure::measure(|| m.command(&runner, input, &built.native, stats.as_ref()), args.runs, timeout);
                match measured {
                    Some(r) => {
                        eprintln!(
                            "{:<16} {level} {:<22} {:>8.3} s  [{:.3}-{:.3}]{}",
                            w.name,
                            m.name,
                            r.median,
                            r.min,
                            r.max,
                            if r.code.is_none() { "  (timed out or crashed)" } else { "" }
                        );
                        results.insert(&w.name, level, &m.name, r);
                    }
                    None => eprintln!("{:<16} {level} {:<22} could not start", w.name, m.name),
                }
                if let Some(s) = stats {
                    results.add_stats(&w.name, level, &s);
                }
            }
        }
    }
    let mut md = report::markdown(&workloads, &modes, &results, args.runs, &std::env::args().collect::<Vec<_>>());
    md.push_str(&criterion::markdown(&root));
    std::fs::write(&args.output, md).with_context(|| format!("writing {}", args.output.display()))?;
    std::fs::write(out_dir.join("results.csv"), report::csv(&workloads, &modes, &results))?;
    std::fs::write(out_dir.join("chart.svg"), svg::chart(&workloads, &results))?;
    eprintln!("wrote {}, bench-results/results.csv, bench-results/chart.svg", args.output.display());
    Ok(())
}
