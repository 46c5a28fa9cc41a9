//! Every fixture and C program, in every mode, against lli-19: same stdout, same exit code.

mod common;

use common::Expect;

#[test]
fn tier0_matches_lli() {
    common::check_all(&["--mode", "tier0"], Expect::AllIn("tier0"));
}

#[test]
fn llvm_o0_matches_lli() {
    common::check_all(&["--mode", "llvm-o0"], Expect::AllIn("llvm-o0"));
}

#[test]
fn llvm_o2_matches_lli() {
    common::check_all(&["--mode", "llvm-o2"], Expect::AllIn("llvm-o2"));
}

#[test]
fn llvm_o3_matches_lli() {
    common::check_all(&["--mode", "llvm-o3"], Expect::AllIn("llvm-o3"));
}

#[test]
fn tiered_counting_matches_lli() {
    common::check_all(
        &["--mode", "tiered", "--policy", "counting", "--threshold", "2", "--loop-threshold", "50", "--wait-compiles"],
        Expect::Reaches("llvm-o3"),
    );
}

#[test]
fn tiered_sampling_matches_lli() {
    common::check_all(
        &["--mode", "tiered", "--policy", "sampling", "--threshold", "2", "--loop-threshold", "50", "--wait-compiles"],
        Expect::Reaches("llvm-o3"),
    );
}

#[test]
fn tiered_cost_benefit_matches_lli() {
    common::check_all(
        &[
            "--mode",
            "tiered",
            "--policy",
            "cost-benefit",
            "--threshold",
            "2",
            "--loop-threshold",
            "50",
            "--wait-compiles",
        ],
        Expect::Reaches("llvm-o3"),
    );
}

#[test]
fn tiered_freeing_superseded_code_eagerly_matches_lli() {
    // A stack scan and frees whenever a version leaves its slot, instead of once enough code waits.
    common::check_all(
        &["--mode", "tiered", "--threshold", "2", "--loop-threshold", "50", "--wait-compiles", "--free-code", "eager"],
        Expect::CodeFreed,
    );
}

#[test]
fn tiered_with_osr_at_every_loop_matches_lli() {
    // Functions stay in tier 0 by calls; every hot loop leaves through an OSR entry.
    common::check_all(
        &["--mode", "tiered", "--threshold", "1000000", "--loop-threshold", "1", "--wait-compiles"],
        Expect::OsrInstalled,
    );
}
