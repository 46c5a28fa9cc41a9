//! Profile-guided optimization: what tier 0 counts reaches the optimized LLVM modules (branch weights, entry
//! counts, indirect calls promoted to the hot target), only when PGO is on, and programs give the same results
//! as `lli-19` with it, through tier changes and on-stack replacement.

mod common;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn program() -> PathBuf {
    common::root().join("tests/pgo/profiled.c")
}

/// Runs the program's `-O{level}` bitcode tiered with low thresholds (a call threshold of 50 unless `opts` sets one), waiting for compiles at exit and printing
/// every optimized module; checks stdout and exit code against `lli-19`. Returns the optimized modules (one per
/// job) and the stats.
fn run(level: u32, name: &str, opts: &[&str]) -> (Vec<String>, Value) {
    run_source(&program(), level, name, opts)
}

/// [`run`] on the C program `source`.
fn run_source(source: &std::path::Path, level: u32, name: &str, opts: &[&str]) -> (Vec<String>, Value) {
    let bc = common::compile_c(source, level);
    let stats_path = common::scratch().join(format!("pgo-{name}-{}.json", std::process::id()));
    let out = Command::new(common::run_bitcode())
        .env("TIERLIFT_DUMP_LLVM", "1")
        .args(if opts.contains(&"--threshold") { &[][..] } else { &["--threshold", "50"][..] })
        .args(["--wait-compiles", "--stats-json"])
        .arg(&stats_path)
        .args(opts)
        .arg(&bc)
        .output()
        .expect("run run_bitcode");
    let expected = common::lli(&bc);
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected.stdout, "{name}");
    assert_eq!(out.status.code(), expected.code, "{name}");
    let stats: Value = serde_json::from_str(&std::fs::read_to_string(&stats_path).unwrap()).unwrap();
    let _ = std::fs::remove_file(&stats_path);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let modules = stderr.split("; ModuleID").skip(1).map(str::to_string).collect();
    (modules, stats)
}

fn tier_of(stats: &Value, function: &str) -> String {
    let f = stats["functions"].as_array().unwrap().iter().find(|f| f["name"] == function);
    f.unwrap_or_else(|| panic!("no {function} in {stats}"))["tier"].as_str().unwrap().to_string()
}

/// The optimized module that defines `function`'s O3 version.
fn o3_module<'a>(modules: &'a [String], function: &str) -> &'a str {
    let define = format!("@{function}.tl.llvm-o3.");
    modules
        .iter()
        .find(|m| m.lines().any(|l| l.starts_with("define") && l.contains(&define)))
        .unwrap_or_else(|| panic!("no O3 module of {function}"))
}

#[test]
fn the_profile_reaches_the_optimized_modules() {
    for level in [0, 1] {
        let (modules, stats) = run(level, &format!("on-O{level}"), &[]);
        assert_eq!(tier_of(&stats, "insertion_sort"), "llvm-o3", "O{level}");
        let sort = o3_module(&modules, "insertion_sort");
        assert!(sort.contains("!\"function_entry_count\""), "O{level}: {sort}");
        assert!(sort.contains("!\"branch_weights\""), "O{level}: {sort}");
        // The comparator call was promoted: a guarded direct call of the hot comparator, which got inlined.
        assert!(
            sort.lines().any(|l| l.contains("icmp eq ptr") && l.contains("@by_value")),
            "O{level}: the call through the comparator was not promoted:\n{sort}"
        );
        // clang -O0's `noinline` on every function does not keep the optimizing tiers from inlining.
        assert!(
            !sort.lines().any(|l| l.contains("call") && l.contains("@by_value(")),
            "O{level}: the promoted call was not inlined:\n{sort}"
        );
        let bytecode = modules.iter().find(|m| m.contains("@run_bytecode.tl.llvm-o3."));
        if level == 0 {
            // The interpreter loop's function carries its entry count, but its switch keeps LLVM's own estimates
            // (measured weights laid dispatch loops out worse).
            let bytecode = bytecode.expect("run_bytecode reached O3");
            assert!(bytecode.contains("function_entry_count"), "{bytecode}");
            assert!(bytecode.lines().any(|l| l.trim_start().starts_with("switch ")), "{bytecode}");
            assert!(
                !bytecode.lines().any(|l| l.trim_start().starts_with(']') && l.contains("!prof")),
                "the switch got weights:\n{bytecode}"
            );
        }
    }
}

#[test]
fn without_pgo_the_modules_carry_no_profile() {
    let (modules, stats) = run(0, "off", &["--pgo", "off"]);
    assert_eq!(tier_of(&stats, "insertion_sort"), "llvm-o3");
    assert!(!modules.is_empty());
    for m in &modules {
        assert!(!m.contains("branch_weights") && !m.contains("function_entry_count"), "{m}");
    }
    let sort = o3_module(&modules, "insertion_sort");
    assert!(!sort.lines().any(|l| l.contains("icmp eq ptr") && l.contains("@by_value")), "{sort}");
}

#[test]
fn results_hold_through_tier_changes_and_osr() {
    for level in [0, 1] {
        // Every function moves up at its first call, and every loop asks for its OSR entry at its first back
        // edge: entries are built from the profile of a few iterations.
        let (_, stats) = run(level, &format!("osr-O{level}"), &["--threshold", "1", "--loop-threshold", "1"]);
        let installed = stats["functions"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["osr"].as_array().cloned().unwrap_or_default())
            .filter(|o| o["installed"] == true)
            .count();
        assert!(installed > 0, "O{level}: no OSR entry was built: {stats}");
        // And with the sampling policy, which jumps straight to O3.
        run(level, &format!("sampling-O{level}"), &["--policy", "sampling"]);
    }
}

/// A function tier 0 declines (a C++ `main` with an inline assembly statement) is compiled by LLVM at O0 with its
/// indirect calls recording their targets: its OSR entry carries the value profile (and promotes the hot
/// virtual call).
#[test]
fn a_declined_function_records_its_indirect_call_targets() {
    let bc = common::compile_c(&common::root().join("tests/pgo/declined_main.cpp"), 1);
    let expected = common::lli(&bc);
    // The entry is built from the targets recorded by the time its compile starts; on a loaded host that can be
    // before the first sampled call was recorded (seen about once in 40 runs). Up to three runs.
    let mut last = String::new();
    for attempt in 0..3 {
        let stats_path = common::scratch().join(format!("pgo-declined-{}-{attempt}.json", std::process::id()));
        let out = Command::new(common::run_bitcode())
            .env("TIERLIFT_DUMP_LLVM", "1")
            .args(["--loop-threshold", "2000", "--wait-compiles", "--stats-json"])
            .arg(&stats_path)
            .arg(&bc)
            .output()
            .expect("run run_bitcode");
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected.stdout);
        assert_eq!(out.status.code(), expected.code);
        let stats: Value = serde_json::from_str(&std::fs::read_to_string(&stats_path).unwrap()).unwrap();
        let main = stats["functions"].as_array().unwrap().iter().find(|f| f["name"] == "main").unwrap();
        assert!(main["fallback_reason"].as_str().is_some_and(|r| r.contains("inline assembly")), "{main}");
        let entries: u64 = main["osr"].as_array().unwrap().iter().map(|o| o["entries"].as_u64().unwrap_or(0)).sum();
        assert!(entries >= 1, "main never left its O0 code: {main}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let module = stderr
            .split("; ModuleID")
            .find(|m| m.lines().any(|l| l.starts_with("define") && l.contains("@main.tl.osr")))
            .unwrap_or_else(|| panic!("no OSR entry of main in:\n{stderr}"));
        if module.contains("!\"VP\"") {
            return;
        }
        last = module.to_string();
    }
    panic!("no value profile in main's entry in three runs; the last:\n{last}");
}

/// Whether `module` has a two-way branch whose weights are both above zero, the larger `ratio` times the smaller.
fn has_branch_split(module: &str, ratio: std::ops::Range<f64>) -> bool {
    module.lines().filter(|l| l.contains("!\"branch_weights\"")).any(|l| {
        let n: Vec<f64> =
            l.split("i32 ").skip(1).filter_map(|w| w.trim_end_matches([',', '}', ' ']).parse().ok()).collect();
        n.len() == 2 && n[0].min(n[1]) > 0.0 && ratio.contains(&(n[0].max(n[1]) / n[0].min(n[1])))
    })
}

/// A branch inside a switch's case: its weights follow from how often the case ran, which tier 0 counts where the
/// switch is the case block's only way in (at the block's start). The branch goes one way one time in four.
#[test]
fn a_branch_inside_a_switch_case_gets_the_cases_split() {
    let source = common::root().join("tests/pgo/switch_cases.c");
    for level in [0, 1] {
        let (modules, stats) = run_source(&source, level, &format!("switch-O{level}"), &["--threshold", "5000"]);
        assert_eq!(tier_of(&stats, "classify"), "llvm-o3", "O{level}");
        let classify = o3_module(&modules, "classify");
        assert!(has_branch_split(classify, 2.8..3.2), "O{level}: no branch weighted 1:3 in\n{classify}");
    }
}

/// A threaded interpreter's dispatch (computed goto: an `indirectbr`, which LLVM code sees as a `switch` on label
/// numbers) is no profile site: the function's profile still fits it, and a branch inside one handler, taken one
/// time in four, gets its weights.
#[test]
fn a_function_dispatching_through_computed_gotos_gets_its_profile() {
    let source = common::root().join("tests/pgo/computed_goto.c");
    for level in [0, 1] {
        let (modules, stats) = run_source(&source, level, &format!("goto-O{level}"), &["--threshold", "5000"]);
        assert_eq!(tier_of(&stats, "run"), "llvm-o3", "O{level}");
        let run = o3_module(&modules, "run");
        assert!(run.contains("!\"function_entry_count\""), "O{level}: {run}");
        assert!(has_branch_split(run, 2.0..4.0), "O{level}: no branch weighted about 1:3 in\n{run}");
    }
}
