//! Signals as native code gets them: every integer division x86-64 faults on raises SIGFPE (`FPE_INTDIV`) in
//! every mode, and a signal handler may be the first caller of a JIT function while the interrupted thread is
//! compiling one. Each program is compared with its native clang-19 build: same stdout, same exit status or
//! signal.

mod common;

use common::native::matches_native;
use std::path::PathBuf;

const MODES: [&[&str]; 5] = [
    &["--mode", "tier0"],
    &["--mode", "llvm-o0"],
    &["--mode", "llvm-o3"],
    &["--mode", "tiered", "--threshold", "1"],
    &["--mode", "tiered", "--threshold", "1000000000", "--loop-threshold", "1"],
];

/// A program of `tests/signals`.
fn program(name: &str) -> PathBuf {
    common::root().join("tests").join("signals").join(name)
}

#[test]
fn division_faults_are_sigfpe_in_every_mode() {
    let natives = matches_native(&program("division_faults.c"), &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.stdout.matches("SIGFPE, FPE_INTDIV").count() == 13), "{natives:?}");
    // The divisions ran in tier 0 in tier-0 mode.
    let module = common::compile_c(&program("division_faults.c"), 0);
    let stats = common::scratch().join(format!("division-faults-{}.json", std::process::id()));
    let (_, stderr) = common::tierlift(&module, &["--mode", "tier0", "--stats-json", stats.to_str().unwrap()]);
    let stats: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).expect(&stderr);
    let names = ["div_int", "rem_long", "div_unsigned", "div_int_min", "rem_long_min", "rem_minus_one", "div_short"];
    for name in names.iter().chain(&["div_v4si", "rem_v4si_no_fault", "rem_v16qi", "div_v8hu"]) {
        let f = stats["functions"].as_array().unwrap().iter().find(|f| f["name"] == *name).expect(name);
        assert_eq!(f["tier"], "tier0", "@{name}");
    }
}

#[test]
fn unhandled_division_by_zero_ends_with_sigfpe() {
    let natives = matches_native(&program("division_by_zero_kills.c"), &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.signal == Some(libc::SIGFPE)), "{natives:?}");
}

#[test]
fn a_signal_handler_may_make_first_calls_while_main_compiles() {
    // Every 200 us a SIGALRM handler calls a function it has not called before, while main makes 300 first
    // calls (each a compile under the compile lock, or a wait for a worker's compile): it used to deadlock.
    let src = program("first_calls_from_handler.c");
    let modes: [&[&str]; 4] = [
        &["--mode", "tier0"],
        &["--mode", "llvm-o0"],
        &["--mode", "tiered", "--threshold", "1"],
        &["--mode", "tiered", "--policy", "sampling", "--threshold", "2", "--loop-threshold", "1"],
    ];
    let natives = matches_native(&src, &[0], &modes);
    assert!(natives[0].stdout.contains("handler calls 64, all correct: yes"), "{natives:?}");
    assert_eq!(natives[0].code, Some(7));
    // In tier-0 mode the handler's functions were compiled by tier 0, on the handler's thread.
    let module = common::compile_c(&src, 0);
    let stats = common::scratch().join(format!("first-calls-{}.json", std::process::id()));
    let (_, stderr) = common::tierlift(&module, &["--mode", "tier0", "--stats-json", stats.to_str().unwrap()]);
    let stats: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).expect(&stderr);
    let handler_fns: Vec<_> = stats["functions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"].as_str().is_some_and(|n| n.starts_with('h') && n[1..].parse::<u32>().is_ok()))
        .collect();
    assert_eq!(handler_fns.len(), 64);
    assert!(handler_fns.iter().all(|f| f["tier"] == "tier0"), "{handler_fns:?}");
}

#[test]
fn debug_traps_are_sigtrap_and_resume() {
    let natives = matches_native(&program("debug_trap.c"), &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.stdout == "sum 100 after 4 debug traps\ntrap raised SIGILL\n"), "{natives:?}");
}

#[test]
fn writes_past_the_last_global_fault_instead_of_reaching_the_runtime() {
    let natives = matches_native(&program("overrun_past_globals.c"), &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.signal == Some(libc::SIGSEGV) && n.stdout == "overrunning\n"), "{natives:?}");
}

#[test]
fn a_stack_overflow_ends_the_program_by_sigsegv() {
    let natives = matches_native(&program("stack_overflow.c"), &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.signal == Some(libc::SIGSEGV) && n.stdout == "recursing\n"), "{natives:?}");
}

#[test]
fn writing_to_a_closed_pipe_ends_the_program_by_sigpipe() {
    let natives = matches_native(&program("closed_pipe.c"), &[0, 2], &MODES);
    assert!(
        natives.iter().all(|n| n.signal == Some(libc::SIGPIPE) && n.stdout == "writing to a closed pipe\n"),
        "{natives:?}"
    );
}

#[test]
fn a_handler_on_a_small_alternate_stack_may_make_first_calls() {
    let natives = matches_native(&program("first_call_on_alternate_stack.c"), &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.stdout.starts_with("handler on the alternate stack: yes")), "{natives:?}");
}
