//! The criterion benches (`benches/`), run by the suite so that their numbers land in the same report.

use anyhow::{Result, bail};
use std::path::Path;

/// Runs `cargo bench` for the criterion benches.
pub fn run(root: &Path) -> Result<()> {
    let status = std::process::Command::new("cargo")
        .current_dir(root)
        .args(["bench", "--bench", "compile_throughput", "--bench", "steady_state", "--bench", "startup"])
        .status()?;
    if !status.success() {
        bail!("cargo bench failed");
    }
    Ok(())
}

/// Mean time in nanoseconds and, when declared, elements per iteration, of one criterion benchmark.
fn estimate(dir: &Path) -> Option<(f64, Option<f64>)> {
    let est: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("new/estimates.json")).ok()?).ok()?;
    let mean = est["mean"]["point_estimate"].as_f64()?;
    let bench: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("new/benchmark.json")).ok()?).ok()?;
    let elements = bench["throughput"]["Elements"].as_f64();
    Some((mean, elements))
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.2} ns")
    }
}

/// Markdown tables of the criterion results found under `target/criterion`.
pub fn markdown(root: &Path) -> String {
    let base = root.join("target/criterion");
    let mut s = String::new();
    let tiers = ["tier0", "tier0-cranelift-only", "llvm-o0", "llvm-o2", "llvm-o3"];
    let rows: Vec<(&str, f64, f64)> = tiers
        .iter()
        .filter_map(|t| {
            let (ns, el) = estimate(&base.join("compile_throughput").join(t))?;
            Some((*t, ns, el? / (ns / 1e6)))
        })
        .collect();
    if !rows.is_empty() {
        s.push_str(
            "\n## Compile throughput (criterion `compile_throughput`)\n\nThe same functions (every function of six \
             test programs at clang -O1 that tier 0 accepts) compiled from IR to executable code per tier.\n\n| tier \
             | time for all | IR instructions / ms | vs llvm-o0 |\n|---|---|---|---|\n",
        );
        let o0 = rows.iter().find(|r| r.0 == "llvm-o0").map(|r| r.2);
        for (t, ns, rate) in &rows {
            let vs = o0.map_or("—".into(), |o| format!("{:.2}×", rate / o));
            s.push_str(&format!("| {t} | {} | {rate:.0} | {vs} |\n", fmt_ns(*ns)));
        }
    }
    let mut steady = String::new();
    for name in [
        "kernel_tier0",
        "kernel_llvm-o0",
        "kernel_llvm-o2",
        "kernel_llvm-o3",
        "kernel_tiered",
        "call_through-stub",
        "call_direct",
    ] {
        if let Some((ns, _)) = estimate(&base.join("steady_state").join(name)) {
            steady.push_str(&format!("| {} | {} |\n", name.replace('_', "/"), fmt_ns(ns)));
        }
    }
    if !steady.is_empty() {
        s.push_str(
            "\n## Steady state (criterion `steady_state`)\n\nPer call after warm-up (a 256-element loop kernel), and a \
             trivial function called through its stub versus at its code address.\n\n| bench | time per call |\n|---|---|\n",
        );
        s.push_str(&steady);
    }
    let mut startup = String::new();
    for name in [
        "run_bitcode_tiered",
        "run_bitcode_tier0",
        "run_bitcode_llvm-o0",
        "run_bitcode_llvm-o2",
        "lli-19_default",
        "lli-19_orc-lazy",
        "lli-19_O2",
    ] {
        if let Some((ns, _)) = estimate(&base.join("startup").join(name)) {
            let label = match name.split_once('_') {
                Some(("run", rest)) => format!("run_bitcode --mode {}", rest.trim_start_matches("bitcode_")),
                Some((tool, kind)) => format!("{tool} {kind}"),
                None => name.to_string(),
            };
            startup.push_str(&format!("| {label} | {} |\n", fmt_ns(ns)));
        }
    }
    if !startup.is_empty() {
        s.push_str(
            "\n## Start-up (criterion `startup`)\n\nTime to first result, as a whole process, for a module of 2,000 \
             functions of which main calls 30.\n\n| runner | time |\n|---|---|\n",
        );
        s.push_str(&startup);
    }
    s
}
