//! Tier-0 coverage over the C programs: every function tier 0 compiles at -O0 and -O1 (variadic definitions
//! included), at least 95% at -O2, leaving out what tier 0 hands to LLVM by design (inline assembly,
//! variable-sized allocas of a module that switches stacks, values live across a call that may return twice),
//! which some programs use to exercise that fallback; and IR fixtures of constructs tier 0 once declined. Computed
//! from `run_bitcode --stats-json`.

mod common;

#[test]
fn tier0_translates_what_clang_emits() {
    let mut report = Vec::new();
    for (level, required) in [(0u32, 100.0f64), (1, 100.0), (2, 95.0)] {
        let (mut total, mut translated, mut by_design) = (0usize, 0usize, 0usize);
        let mut declined = Vec::new();
        for src in common::c_programs() {
            let bc = common::compile_c(&src, level);
            let json = common::scratch().join(format!("cov-{}-{level}.json", std::process::id()));
            let (_, stderr) = common::tierlift(&bc, &["--mode", "tier0", "--stats-json", json.to_str().unwrap()]);
            let stats: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(&json)
                    .unwrap_or_else(|e| panic!("{}: no stats ({e}): {stderr}", bc.display())),
            )
            .unwrap();
            for f in stats["functions"].as_array().unwrap() {
                let reason = f["fallback_reason"].as_str();
                let design = ["inline assembly", "switches stacks", "may return twice"];
                if reason.is_some_and(|r| design.iter().any(|d| r.contains(d))) {
                    by_design += 1;
                    continue;
                }
                total += 1;
                match reason {
                    None => translated += 1,
                    Some(r) => declined.push(format!("{} @{}: {r}", bc.display(), f["name"].as_str().unwrap_or("?"))),
                }
            }
        }
        let pct = 100.0 * translated as f64 / total.max(1) as f64;
        report.push(format!(
            "-O{level}: {translated}/{total} functions in tier 0 ({pct:.1}%), {by_design} handed to LLVM by design"
        ));
        assert!(total > 0);
        assert!(pct >= required, "-O{level}: {pct:.1}% < {required}%; declined:\n{}", declined.join("\n"));
    }
    println!("{}", report.join("\n"));
}

/// Functions of `fixture` (under tests/ir) that tier 0 declined, with the reasons, from a `--mode tier0` run whose
/// result matches the fixture's header.
fn declined_in_tier0(fixture: &str) -> Vec<String> {
    let path = common::root().join("tests").join("ir").join(fixture);
    let json = common::scratch().join(format!("cov-{fixture}-{}.json", std::process::id()));
    let (got, stderr) = common::tierlift(&path, &["--mode", "tier0", "--stats-json", json.to_str().unwrap()]);
    assert_eq!(got, common::fixture_expectation(&path), "{fixture}: {stderr}");
    let stats: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let functions = stats["functions"].as_array().unwrap();
    assert!(!functions.is_empty());
    functions
        .iter()
        .filter_map(|f| f["fallback_reason"].as_str().map(|r| format!("@{}: {r}", f["name"].as_str().unwrap_or("?"))))
        .collect()
}

#[test]
fn byval_arguments_of_odd_sizes_stay_in_tier0() {
    // Cranelift's argument area takes whole eightbytes; 3-, 12- and 20-byte structs used to make it panic.
    assert_eq!(declined_in_tier0("byval_odd_sizes.ll"), Vec::<String>::new());
}

#[test]
fn floating_point_types_beyond_double_stay_in_tier0() {
    // `x86_fp80` arithmetic, comparisons, conversions and intrinsics, its 10-byte memory accesses, its arguments in
    // the argument area and its results in x87 registers used to send every function touching one to LLVM at O0;
    // so did `half` and `fp128`, which travel in xmm registers and compute through the C runtime's routines.
    assert_eq!(declined_in_tier0("x86_fp80.ll"), Vec::<String>::new());
    assert_eq!(declined_in_tier0("half_fp128.ll"), Vec::<String>::new());
}

#[test]
fn odd_width_integers_in_memory_stay_in_tier0() {
    // Packed bitfields give `i24`, `i40`, ... loads and stores (csmith's programs are full of them); tier 0 used to
    // decline such functions.
    assert_eq!(declined_in_tier0("int_odd_width_memory.ll"), Vec::<String>::new());
}

#[test]
fn functions_with_landing_pads_stay_in_tier0() {
    // `invoke`, `landingpad` (catch, catch-all, cleanup, filters), `resume` and `llvm.eh.typeid.for` used to send
    // their functions to LLVM at O0.
    assert_eq!(declined_in_tier0("exceptions_landing_pads.ll"), Vec::<String>::new());
    assert_eq!(declined_in_tier0("exceptions_invoke_abi.ll"), Vec::<String>::new());
    assert_eq!(declined_in_tier0("exceptions_retry_loop.ll"), Vec::<String>::new());
}

#[test]
fn musttail_calls_stay_in_tier0_where_their_arguments_go_in_registers() {
    // Tier 0 compiles a function with `musttail` calls in Cranelift's `tail` convention, which callers cannot tell
    // from the C one when every argument goes in a register and at most one integer comes back; such functions
    // used to go to LLVM at O0 on their first call (a tail-calling interpreter's every handler).
    assert_eq!(declined_in_tier0("tail_musttail.ll"), Vec::<String>::new());
    let declined = declined_in_tier0("tail_musttail_mixed.ll");
    let names: Vec<&str> = declined.iter().map(|d| d.split(':').next().unwrap()).collect();
    assert_eq!(names, ["@pong", "@wide", "@pair"], "{declined:?}");
    assert!(declined[0].contains("inline assembly"), "{declined:?}");
    for d in &declined[1..] {
        assert!(d.contains("musttail call whose arguments do not all go in registers"), "{d}");
    }
}
