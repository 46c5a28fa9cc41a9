//! Tables: ratios against the best fixed tier, lli-19 -O2 and native, per bitcode level.

use crate::measure::Measurement;
use crate::modes::{Family, Mode};
use crate::workload::Workload;
use std::collections::HashMap;
use std::path::Path;

/// Every measurement of a suite run, and what the tiered runs' stats said.
#[derive(Default)]
pub struct Results {
    runs: HashMap<(String, String, String), Measurement>,
    /// (workload, level) → (median tier-up latency in µs, OSR entries taken).
    stats: HashMap<(String, String), (Option<f64>, u64)>,
}

impl Results {
    /// Records a measurement.
    pub fn insert(&mut self, w: &str, level: &str, mode: &str, m: Measurement) {
        self.runs.insert((w.into(), level.into(), mode.into()), m);
    }

    /// A measurement.
    pub fn get(&self, w: &str, level: &str, mode: &str) -> Option<&Measurement> {
        self.runs.get(&(w.into(), level.into(), mode.into()))
    }

    /// Median time, only if the run finished with native's output.
    pub fn time(&self, w: &str, level: &str, mode: &str) -> Option<f64> {
        let m = self.get(w, level, mode)?;
        let native = self.get(w, "O0", "native-O3")?;
        (m.code.is_some() && m.stdout == native.stdout && m.code == native.code).then_some(m.median)
    }

    /// Reads a tiered run's stats: tier-up latency (request to install) and OSR entries.
    pub fn add_stats(&mut self, w: &str, level: &str, path: &Path) {
        let Ok(text) = std::fs::read_to_string(path) else { return };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else { return };
        let mut latencies = Vec::new();
        let mut osr = 0;
        for f in v["functions"].as_array().into_iter().flatten() {
            for l in f["tierup_latency_us"].as_object().into_iter().flat_map(|o| o.values()) {
                if let Some(us) = l.as_f64() {
                    latencies.push(us);
                }
            }
            for o in f["osr"].as_array().into_iter().flatten() {
                osr += o["entries"].as_u64().unwrap_or(0);
            }
        }
        latencies.sort_by(f64::total_cmp);
        let median = (!latencies.is_empty()).then(|| latencies[latencies.len() / 2]);
        self.stats.insert((w.into(), level.into()), (median, osr));
    }
}

fn fmt_time(t: Option<f64>) -> String {
    t.map_or_else(|| "—".into(), |t| format!("{t:.3}"))
}

fn fmt_ratio(r: Option<f64>) -> String {
    r.map_or_else(|| "—".into(), |r| format!("{r:.2}×"))
}

fn geomean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| (v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp())
}

/// The best fixed tier of a program (the oracle in hindsight): its name and time.
fn best_fixed(r: &Results, modes: &[Mode], w: &str, level: &str) -> Option<(String, f64)> {
    modes
        .iter()
        .filter(|m| m.family == Family::FixedTier)
        .filter_map(|m| r.time(w, level, &m.name).map(|t| (m.name.clone(), t)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// The default policy's mode name.
pub const DEFAULT: &str = "tiered-counting";

/// BENCHMARKS.md.
pub fn markdown(workloads: &[Workload], modes: &[Mode], r: &Results, runs: usize, argv: &[String]) -> String {
    let mut s = String::from("# Benchmarks\n\n");
    s.push_str(&format!(
        "Produced by one command: `cargo run --release -p tierlift-bench --{}` ({runs} runs per cell, median wall \
         time in seconds, whole process including JIT start-up; a cell is `—` when the run failed or its output \
         differed from native's).\n\n",
        argv.iter().skip(1).map(|a| format!(" {a}")).collect::<String>()
    ));
    s.push_str("Machine:\n\n");
    for line in crate::machine::describe() {
        s.push_str(&format!("- {line}\n"));
    }
    for level in ["O0", "O1"] {
        s.push_str(&format!(
            "\n## clang -{level} bitcode\n\n| workload | shape | native | tiered | best fixed tier | tiered / best | \
             tiered / lli-O2 | tiered / native | tier0 | llvm-o3 | lli-O2 | lli-lazy-O0 | lli-O2 on opt -O2 |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        ));
        let mut vs_native = Vec::new();
        let mut vs_best = Vec::new();
        let mut lli_vs_native = Vec::new();
        for w in workloads {
            let native = r.time(&w.name, level, "native-O3");
            let tiered = r.time(&w.name, level, DEFAULT);
            let best = best_fixed(r, modes, &w.name, level);
            let lli = r.time(&w.name, level, "lli-O2");
            let ratio = |a: Option<f64>, b: Option<f64>| a.zip(b).map(|(a, b)| a / b);
            if let Some(x) = ratio(tiered, native) {
                vs_native.push(x);
            }
            if let Some(x) = ratio(tiered, best.as_ref().map(|b| b.1)) {
                vs_best.push(x);
            }
            if let Some(x) = ratio(lli, native) {
                lli_vs_native.push(x);
            }
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                w.name,
                w.shape,
                fmt_time(native),
                fmt_time(tiered),
                best.as_ref().map_or("—".into(), |(n, t)| format!("{n} {t:.3}")),
                fmt_ratio(ratio(tiered, best.as_ref().map(|b| b.1))),
                fmt_ratio(ratio(tiered, lli)),
                fmt_ratio(ratio(tiered, native)),
                fmt_time(r.time(&w.name, level, "tier0")),
                fmt_time(r.time(&w.name, level, "llvm-o3")),
                fmt_time(lli),
                fmt_time(r.time(&w.name, level, "lli-lazy-O0")),
                fmt_time(r.time(&w.name, level, "lli-O2-opt")),
            ));
        }
        s.push_str(&format!(
            "\nGeometric means at -{level}: tiered / native {}, lli-19 -O2 / native {}, tiered / best fixed tier {}.\n",
            fmt_ratio(geomean(&vs_native)),
            fmt_ratio(geomean(&lli_vs_native)),
            fmt_ratio(geomean(&vs_best)),
        ));
    }
    s.push_str("\n## Policies (ratio to the best fixed tier, clang -O0 / -O1 bitcode)\n\n| workload |");
    let policies: Vec<&Mode> = modes.iter().filter(|m| m.family == Family::Tiered).collect();
    for p in &policies {
        s.push_str(&format!(" {} |", p.name));
    }
    s.push_str(&format!("\n|---|{}\n", "---|".repeat(policies.len())));
    for w in workloads {
        s.push_str(&format!("| {} |", w.name));
        for p in &policies {
            let cell = ["O0", "O1"]
                .iter()
                .map(|level| {
                    let t = r.time(&w.name, level, &p.name);
                    let b = best_fixed(r, modes, &w.name, level).map(|b| b.1);
                    fmt_ratio(t.zip(b).map(|(t, b)| t / b))
                })
                .collect::<Vec<_>>()
                .join(" / ");
            s.push_str(&format!(" {cell} |"));
        }
        s.push('\n');
    }
    s.push_str(
        "\n## Extra rows\n\n| workload | level | counter overhead (tier0 with counters / without) | OSR: tiered / \
         tiered --osr off | OSR entries | tier-up latency (median, request → installed) |\n|---|---|---|---|---|---|\n",
    );
    for w in workloads {
        for level in ["O0", "O1"] {
            let ratio = |a: &str, b: &str| r.time(&w.name, level, a).zip(r.time(&w.name, level, b)).map(|(a, b)| a / b);
            let (latency, osr) = r.stats.get(&(w.name.clone(), level.to_string())).copied().unwrap_or((None, 0));
            s.push_str(&format!(
                "| {} | -{level} | {} | {} | {} | {} |\n",
                w.name,
                fmt_ratio(ratio("tier0-counters", "tier0")),
                fmt_ratio(ratio(DEFAULT, "tiered-no-osr")),
                osr,
                latency.map_or("—".into(), |us| format!("{:.1} ms", us / 1000.0)),
            ));
        }
    }
    s.push_str(
        "\nAll modes, with min–max, are in `bench-results/results.csv`; `bench-results/chart.svg` plots them.\n",
    );
    s
}

/// Every measurement as CSV.
pub fn csv(workloads: &[Workload], modes: &[Mode], r: &Results) -> String {
    let mut s = String::from("workload,shape,level,mode,median_s,min_s,max_s,output_ok\n");
    for w in workloads {
        for level in ["O0", "O1"] {
            for m in modes {
                if let Some(x) = r.get(&w.name, level, &m.name) {
                    s.push_str(&format!(
                        "{},{},{level},{},{:.6},{:.6},{:.6},{}\n",
                        w.name,
                        w.shape,
                        m.name,
                        x.median,
                        x.min,
                        x.max,
                        r.time(&w.name, level, &m.name).is_some()
                    ));
                }
            }
        }
    }
    s
}
