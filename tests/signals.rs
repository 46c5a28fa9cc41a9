//! Signals as native code gets them: every integer division x86-64 faults on raises SIGFPE (`FPE_INTDIV`) in
//! every mode, and a signal handler may be the first caller of a JIT function while the interrupted thread is
//! compiling one. Each program is compared with its native clang-19 build: same stdout, same exit status or
//! signal.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a process ended and what it printed.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    stdout: String,
    code: Option<i32>,
    signal: Option<i32>,
}

/// Runs `cmd` to its end, or kills it after a minute (a hang is a failure, not a stuck test run).
fn outcome(cmd: &mut Command) -> (Outcome, String) {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait");
            panic!("{cmd:?} hung; stdout so far:\n{}", String::from_utf8_lossy(&out.stdout));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (
        Outcome {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            code: out.status.code(),
            signal: out.status.signal(),
        },
        stderr,
    )
}

/// A native executable of `src` built by clang-19 at `-O{level}`.
fn native(src: &Path, level: u32) -> PathBuf {
    let stem = src.file_stem().unwrap().to_string_lossy();
    let exe = common::scratch().join(format!("{stem}.O{level}.{}.native", std::process::id()));
    let status = Command::new(common::tool("clang-19"))
        .args([format!("-O{level}").as_str(), "-w", "-o"])
        .arg(&exe)
        .arg(src)
        .status()
        .expect("run clang-19");
    assert!(status.success(), "clang-19 failed on {}", src.display());
    exe
}

const MODES: [&[&str]; 5] = [
    &["--mode", "tier0"],
    &["--mode", "llvm-o0"],
    &["--mode", "llvm-o3"],
    &["--mode", "tiered", "--threshold", "1"],
    &["--mode", "tiered", "--threshold", "1000000000", "--loop-threshold", "1"],
];

/// Runs `src` natively and in `modes` at each of `levels`; returns the native outcomes.
fn matches_native(src: &Path, levels: &[u32], modes: &[&[&str]]) -> Vec<Outcome> {
    let mut natives = Vec::new();
    for &level in levels {
        let (want, _) = outcome(&mut Command::new(native(src, level)));
        let module = common::compile_c(src, level);
        for mode in modes {
            let (got, stderr) = outcome(Command::new(common::run_bitcode()).args(*mode).arg(&module));
            assert_eq!(got, want, "{} -O{level} {mode:?} differs from native; stderr:\n{stderr}", src.display());
        }
        natives.push(want);
    }
    natives
}

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
