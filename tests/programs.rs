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

#[test]
fn wide_vectors_arrive_whole_in_registers_on_first_calls() {
    // Built for the host's vector extensions, the program passes 256-bit (and 512-bit) vectors in ymm (zmm)
    // registers, also to functions on their first call, which compiles them in between. (Not among tests/c: it
    // checks the CPU with inline assembly and passes vectors tier 0 does not take, so LLVM compiles most of it.)
    let mut flags = vec![];
    if std::arch::is_x86_feature_detected!("avx") {
        flags.push("-mavx");
    }
    if std::arch::is_x86_feature_detected!("avx512f") {
        flags.push("-mavx512f");
    }
    let src = common::root().join("tests/isa/wide_vector_arguments.c");
    // Without the flags the vectors travel in memory; with them (if the host has any), in registers.
    for flags in [&[][..], &flags[..]] {
        for level in [0, 1, 2] {
            let module = common::compile_c_with(&src, level, flags);
            let expected = common::lli(&module);
            for mode in ["tier0", "tiered", "llvm-o0", "llvm-o3"] {
                let (got, stderr) = common::tierlift(&module, &["--mode", mode]);
                assert_eq!(got, expected, "-O{level} {flags:?} in {mode}: {stderr}");
            }
        }
    }
}
