//! A sample of the differential testing of `examples/differential.rs` (`tools/differential.sh` runs it at
//! scale): llvm-stress functions and csmith programs in tier 0, tiered with threshold 1 and with OSR at every
//! loop, against lli-19. No mismatch is allowed, and tier 0 must translate almost every llvm-stress function
//! itself.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn differential() -> PathBuf {
    let p = common::run_bitcode().with_file_name("differential");
    assert!(p.is_file(), "{} not built; `cargo test` builds examples", p.display());
    p
}

/// Runs the tool; returns its report (stdout) after checking it ended without mismatches.
fn run(args: &[&str]) -> String {
    common::tool("lli-19");
    let workdir = common::scratch().join(format!("differential-{}-{}", std::process::id(), args.join("_")));
    let out = Command::new(differential())
        .args(args)
        .arg("--workdir")
        .arg(&workdir)
        .args(["--jobs", "2"])
        .output()
        .expect("run the differential tool");
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "mismatches against lli-19 (programs kept in {}):\n{report}", workdir.display());
    report
}

/// `translated` and `total` from the report's "tier 0 translated X of Y functions" line.
fn translated(report: &str) -> (u64, u64) {
    let line = report.lines().find(|l| l.starts_with("tier 0 translated")).expect("a translation count");
    let words: Vec<&str> = line.split_whitespace().collect();
    (words[3].parse().expect("count"), words[5].parse().expect("total"))
}

#[test]
fn llvm_stress_sample_matches_lli_and_stays_in_tier0() {
    common::tool("llvm-stress-19");
    let report = run(&["--source", "stress", "--first", "1", "--count", "100", "--size", "60"]);
    let (done, total) = translated(&report);
    assert!(total >= 95, "only {total} functions compared:\n{report}");
    assert!(done * 100 >= total * 95, "tier 0 translated {done} of {total} functions:\n{report}");
}

#[test]
fn csmith_sample_matches_lli() {
    common::tool("csmith");
    let report = run(&["--source", "csmith", "--first", "1", "--count", "3"]);
    assert!(report.contains("mismatches: tier0 0"), "{report}");
}
