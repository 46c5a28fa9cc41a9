//! Unwinding through JIT frames: C++ exceptions thrown through plain (non-`invoke`) tier-0 frames, entered
//! directly, through a function pointer, recursively and from an on-stack-replacement entry, and `backtrace()`
//! from the bottom of a chain of tier-0 frames; exceptions caught by the landing pads of tier-0 functions (C++
//! `try`/`catch` and destructors, C cleanups run by `pthread_exit`). Each run is compared with lli-19, and the
//! stats must show that the frames the program unwinds through really ran in the tier the run claims.

mod common;

fn function<'a>(stats: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    stats["functions"]
        .as_array()
        .expect("functions")
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("@{name} was never compiled"))
}

fn tier(stats: &serde_json::Value, name: &str) -> String {
    function(stats, name)["tier"].as_str().unwrap_or_default().to_string()
}

fn osr_entries(stats: &serde_json::Value, name: &str) -> u64 {
    function(stats, name)["osr"].as_array().into_iter().flatten().map(|o| o["entries"].as_u64().unwrap_or(0)).sum()
}

/// The functions between the `throw` and the `catch` that have no `invoke` (so tier 0 compiles them).
const PLAIN_FRAMES: [&str; 4] = ["_Z5checkll", "_Z6level3ll", "_Z6level2ll", "_Z7recurseill"];

#[test]
fn cpp_exceptions_unwind_through_plain_tier0_frames() {
    let src = common::root().join("tests").join("cpp").join("throw_through_plain_frames.cpp");
    for level in [0, 1] {
        let module = common::compile_c(&src, level);
        let reference = common::lli(&module);
        assert!(reference.stdout.contains("caught 16 failures and 16 standard exceptions"), "{reference:?}");

        let stats = common::run_with_stats(&module, &["--mode", "tier0"]);
        for name in PLAIN_FRAMES.iter().chain(&["_Z6level1ll"]) {
            assert_eq!(tier(&stats, name), "tier0", "-O{level}: @{name}");
        }

        // Tiered, with calls alone never hot enough: every throw still passes the tier-0 frames.
        let stats = common::run_with_stats(
            &module,
            &["--mode", "tiered", "--threshold", "1000000000", "--loop-threshold", "1000000000"],
        );
        for name in PLAIN_FRAMES {
            assert_eq!(tier(&stats, name), "tier0", "-O{level} tiered: @{name}");
        }

        // OSR at the first back edge: the hot loop of @level1 runs in an OSR entry (LLVM code) called from its
        // tier-0 frame, and the exceptions leave through it. The entry is compiled in the background while the
        // program runs on: on a loaded machine a run may end first, so up to three runs get the chance.
        let osr = ["--mode", "tiered", "--threshold", "1000000000", "--loop-threshold", "1", "--wait-compiles"];
        let stats = (0..3)
            .map(|_| common::run_with_stats(&module, &osr))
            .find(|stats| osr_entries(stats, "_Z6level1ll") > 0)
            .unwrap_or_else(|| panic!("-O{level}: the loop of @level1 never entered OSR code in three runs"));
        for name in ["_Z5checkll", "_Z6level3ll"] {
            assert_eq!(tier(&stats, name), "tier0", "-O{level} OSR: @{name}");
        }
    }
}

#[test]
fn backtrace_passes_tier0_frames() {
    let src = common::root().join("tests").join("c").join("backtrace_depth.c");
    for level in [0, 2] {
        let module = common::compile_c(&src, level);
        assert!(common::lli(&module).stdout.contains("every frame: yes"));
        let stats = common::run_with_stats(&module, &["--mode", "tier0"]);
        assert_eq!(tier(&stats, "chain"), "tier0", "-O{level}");
        assert_eq!(tier(&stats, "bottom"), "tier0", "-O{level}");
    }
}

#[test]
fn frames_left_by_an_exception_or_longjmp_give_back_their_dynamic_stack() {
    // Each program would need far more than the 64 MiB per-thread region of run-time sized allocations if the
    // frames it leaves without returning kept theirs.
    let cpp = common::root().join("tests").join("cpp").join("throw_through_vla_frames.cpp");
    let c = common::root().join("tests").join("c").join("longjmp_over_vla.c");
    for level in [0, 1] {
        let stats = common::run_with_stats(&common::compile_c(&cpp, level), &["--mode", "tier0"]);
        assert_eq!(tier(&stats, "_Z4fillii"), "tier0", "-O{level}");
        assert_eq!(tier(&stats, "_Z4nestiii"), "tier0", "-O{level}");
    }
    let stats = common::run_with_stats(&common::compile_c(&c, 0), &["--mode", "tier0"]);
    assert_eq!(tier(&stats, "dig"), "tier0");
}

/// Two threads throw through many functions while each function's tier-0 code, then its first LLVM code, is
/// replaced and freed at once: the unwind tables that remain must never point into freed memory. Tier-0
/// functions share unwind tables that are registered anew as functions come and go, while other threads unwind
/// through the tables' other functions (libgcc reads a table's object for a moment after releasing its lock: the
/// object's memory may only go after a stack scan). LLVM code of every version reaches the personality routine
/// through a cell that the first version's object used to hold (when that version was freed, the next exception
/// through a later version crashed). Several runs, since what goes wrong depends on timing.
#[test]
fn exceptions_pass_code_that_is_being_replaced_and_freed() {
    let src = common::root().join("tests").join("cpp").join("throw_while_code_is_freed.cpp");
    for level in [0, 2] {
        let module = common::compile_c(&src, level);
        let (mut versions_freed, mut objects_freed) = (0, 0);
        // A run frees a few versions (those replaced early enough for a round to come before the end), or now and
        // then none: up to eight runs until some were freed.
        for _ in 0..8 {
            if versions_freed > 0 && objects_freed > 0 {
                break;
            }
            let stats =
                common::run_with_stats(&module, &["--mode", "tiered", "--threshold", "1", "--free-code", "eager"]);
            versions_freed += stats["reclaim"]["versions_freed"].as_u64().expect("versions_freed");
            objects_freed += stats["reclaim"]["unwind_objects_freed"].as_u64().expect("unwind_objects_freed");
        }
        assert!(versions_freed > 0, "-O{level}: nothing was freed");
        // Tier-0 functions come and go in shared unwind tables, whose withdrawn objects the rounds free too.
        assert!(objects_freed > 0, "-O{level}: no withdrawn unwind table object was freed");
    }
}

/// Functions with landing pads (`try`/`catch`, destructors to run while unwinding, rethrows, `noexcept`) run in
/// tier 0, whose `invoke`s are `try_call`s with an LSDA for the C++ personality routine; with every call hot,
/// the same functions catch in their O2/O3 code while exceptions keep flying through the frames of both tiers.
#[test]
fn cpp_landing_pads_catch_in_tier0_and_in_optimized_code() {
    let src = common::root().join("tests").join("cpp").join("landing_pads.cpp");
    for level in [0, 1] {
        let module = common::compile_c(&src, level);
        let stats = common::run_with_stats(&module, &["--mode", "tier0"]);
        let functions = stats["functions"].as_array().expect("functions");
        for f in functions {
            assert_eq!((f["tier"].as_str(), f["fallback_reason"].as_str()), (Some("tier0"), None), "-O{level}: {f}");
        }
        // `main` holds the outermost try/catch at every level.
        assert_eq!(tier(&stats, "main"), "tier0", "-O{level}");

        let stats = common::run_with_stats(&module, &["--mode", "tiered", "--threshold", "1", "--wait-compiles"]);
        if level == 0 {
            // @relay catches, rethrows and throws from its handler; @middle catches ints behind a cleanup.
            for name in ["_ZL5relaylRl", "_ZL6middlel"] {
                let t = tier(&stats, name);
                assert!(t == "llvm-o2" || t == "llvm-o3", "-O0 tiered: @{name} stayed in {t}");
            }
        }
    }
}

/// `pthread_exit` unwinds its thread by a forced unwind, which runs every frame's cleanups and no handler: C
/// code built with `-fexceptions` has landing pads of `__gcc_personality_v0` for its cleanup variables, and in
/// tier-0 frames they run too.
#[test]
fn thread_exit_runs_the_cleanups_of_tier0_frames() {
    let src = common::root().join("tests").join("c").join("thread_exit_cleanups.c");
    for level in [0, 1] {
        let module = common::compile_c_with(&src, level, &["-fexceptions"]);
        let stats = common::run_with_stats(&module, &["--mode", "tier0"]);
        assert!(common::lli(&module).stdout.contains("cleaned 5080"), "-O{level}: cleanups did not all run");
        for name in ["deep", "body"] {
            let f = function(&stats, name);
            assert_eq!((f["tier"].as_str(), f["fallback_reason"].as_str()), (Some("tier0"), None), "-O{level}: {f}");
        }
    }
}

/// Four threads catch exceptions in landing pads of functions whose code tiers up (every call hot) and whose
/// replaced versions are freed at once: a function's LSDA, which the personality routine reads while it unwinds
/// a frame of that version, goes only with the version's code.
#[test]
fn landing_pads_catch_while_their_code_is_replaced_and_freed() {
    let src = common::root().join("tests").join("cpp").join("catch_while_code_is_freed.cpp");
    let module = common::compile_c(&src, 0);
    let (mut versions_freed, mut optimized) = (0, 0);
    // Every run is compared with lli-19; how far the tiers get before a run ends depends on timing, so up to six
    // runs (on a loaded machine) until some code was freed and some function with landing pads ran in LLVM code
    // (others were inlined into it).
    for _ in 0..6 {
        if versions_freed > 0 && optimized > 0 {
            break;
        }
        let stats = common::run_with_stats(&module, &["--mode", "tiered", "--threshold", "1", "--free-code", "eager"]);
        versions_freed += stats["reclaim"]["versions_freed"].as_u64().expect("versions_freed");
        let tiers = ["_ZL4leafl", "_ZL2m1l", "_ZL2m2l", "_ZL2m3l", "_ZL2m4l"].map(|n| tier(&stats, n));
        optimized += tiers.iter().filter(|t| t.starts_with("llvm-o")).count();
    }
    assert!(versions_freed > 0, "nothing was freed");
    assert!(optimized > 0, "every function with landing pads stayed in tier 0");
}
