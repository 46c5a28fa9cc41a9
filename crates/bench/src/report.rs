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

/// The ratio columns of the extra rows: (header, numerator mode, denominator mode).
pub const EXTRA_RATIOS: &[(&str, &str, &str)] = &[
    ("counter overhead (tier0 with counters / without)", "tier0-counters", "tier0"),
    ("counting overhead (tier0 with counters that never fall silent / without)", "tier0-counting", "tier0"),
    ("profiling overhead (tier0 counters with / without PGO profiling)", "tier0-counters", "tier0-counters-pgo-off"),
    ("PGO gain (tiered --pgo off / tiered)", "tiered-pgo-off", DEFAULT),
    ("OSR: tiered / tiered --osr off", DEFAULT, "tiered-no-osr"),
];

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
    s.push_str("\n## Extra rows\n\n| workload | level |");
    for (header, _, _) in EXTRA_RATIOS {
        s.push_str(&format!(" {header} |"));
    }
    s.push_str(&format!(
        " OSR entries | tier-up latency (median, request → installed) |\n|---|---|{}---|---|\n",
        "---|".repeat(EXTRA_RATIOS.len())
    ));
    for w in workloads {
        for level in ["O0", "O1"] {
            let ratio = |a: &str, b: &str| r.time(&w.name, level, a).zip(r.time(&w.name, level, b)).map(|(a, b)| a / b);
            let (latency, osr) = r.stats.get(&(w.name.clone(), level.to_string())).copied().unwrap_or((None, 0));
            s.push_str(&format!("| {} | -{level} |", w.name));
            for (_, numerator, denominator) in EXTRA_RATIOS {
                s.push_str(&format!(" {} |", fmt_ratio(ratio(numerator, denominator))));
            }
            s.push_str(&format!(
                " {} | {} |\n",
                osr,
                latency.map_or("—".into(), |us| format!("{:.1} ms", us / 1000.0)),
            ));
        }
    }
    s.push_str(
        "\nPGO gain above 1× means the tiered run was faster with profile-guided optimization than without; \
         profiling overhead is what the profile probes add to tier-0 code on top of the counters.\n",
    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn run(median: f64, stdout: &str) -> Measurement {
        Measurement { median, min: median, max: median, stdout: stdout.into(), code: Some(0) }
    }

    /// The row of `markdown`'s extra table for `w` at `level`, split into its cells.
    fn extra_row(md: &str, w: &str, level: &str) -> Vec<String> {
        let extra = &md[md.find("## Extra rows").expect("extra table")..];
        let line = extra.lines().find(|l| l.starts_with(&format!("| {w} | -{level} |"))).expect("row");
        line.trim_matches('|').split('|').map(|c| c.trim().to_string()).collect()
    }

    #[test]
    fn extra_ratios_name_existing_modes() {
        let names: Vec<String> = crate::modes::all().into_iter().map(|m| m.name).collect();
        for (header, numerator, denominator) in EXTRA_RATIOS {
            assert!(names.iter().any(|n| n == numerator), "{header}: no mode {numerator}");
            assert!(names.iter().any(|n| n == denominator), "{header}: no mode {denominator}");
        }
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "mode names must be unique");
    }

    #[test]
    fn pgo_ratios_divide_the_right_modes() {
        let w = Workload { name: "w".into(), shape: "s".into(), source: PathBuf::from("w.c") };
        let mut r = Results::default();
        r.insert("w", "O0", "native-O3", run(0.5, "42\n"));
        r.insert("w", "O0", DEFAULT, run(1.0, "42\n"));
        r.insert("w", "O0", "tiered-pgo-off", run(1.25, "42\n"));
        r.insert("w", "O0", "tier0", run(2.0, "42\n"));
        r.insert("w", "O0", "tier0-counters", run(2.4, "42\n"));
        r.insert("w", "O0", "tier0-counters-pgo-off", run(2.2, "42\n"));
        // At -O1 the run without PGO printed something else: its ratio must not be shown.
        r.insert("w", "O1", DEFAULT, run(1.0, "42\n"));
        r.insert("w", "O1", "tiered-pgo-off", run(0.9, "41\n"));
        let md = markdown(&[w], &crate::modes::all(), &r, 1, &[]);
        let column = |header: &str| 2 + EXTRA_RATIOS.iter().position(|(h, _, _)| h.starts_with(header)).unwrap();
        let o0 = extra_row(&md, "w", "O0");
        assert_eq!(o0[column("PGO gain")], "1.25×");
        assert_eq!(o0[column("profiling overhead")], "1.09×");
        assert_eq!(o0[column("counter overhead")], "1.20×");
        assert_eq!(o0[column("OSR")], "—");
        let o1 = extra_row(&md, "w", "O1");
        assert_eq!(o1[column("PGO gain")], "—");
    }
}
