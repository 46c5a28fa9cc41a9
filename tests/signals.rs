//! Signals as native code gets them: every integer division x86-64 faults on raises SIGFPE (`FPE_INTDIV`) in
//! every mode, and a signal handler may be the first caller of a JIT function while the interrupted thread is
//! compiling one. Each program is compared with its native clang-19 build: same stdout, same exit status or
//! signal.

mod common;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// How a process ended and what it printed.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    stdout: String,
    code: Option<i32>,
    signal: Option<i32>,
}

fn outcome(cmd: &mut Command) -> (Outcome, String) {
    let out = cmd.output().expect("run");
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

/// Runs `src` natively and in every mode at -O0 and -O2; returns the native outcomes.
fn matches_native(src: &Path, extra: &[&str]) -> Vec<Outcome> {
    let mut natives = Vec::new();
    for level in [0, 2] {
        let (want, _) = outcome(&mut Command::new(native(src, level)));
        let module = common::compile_c(src, level);
        for mode in MODES {
            let (got, stderr) = outcome(Command::new(common::run_bitcode()).args(mode).args(extra).arg(&module));
            assert_eq!(got, want, "{} -O{level} {mode:?} differs from native; stderr:\n{stderr}", src.display());
        }
        natives.push(want);
    }
    natives
}

fn c_program(name: &str) -> PathBuf {
    common::root().join("tests").join("c").join(name)
}

#[test]
fn division_faults_are_sigfpe_in_every_mode() {
    let natives = matches_native(&c_program("division_faults.c"), &[]);
    assert!(natives.iter().all(|n| n.stdout.matches("SIGFPE, FPE_INTDIV").count() == 10), "{natives:?}");
    // The divisions ran in tier 0 in tier-0 mode.
    let module = common::compile_c(&c_program("division_faults.c"), 0);
    let stats = common::scratch().join(format!("division-faults-{}.json", std::process::id()));
    let (_, stderr) = common::tierlift(&module, &["--mode", "tier0", "--stats-json", stats.to_str().unwrap()]);
    let stats: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).expect(&stderr);
    for name in ["div_int", "rem_long", "div_unsigned", "div_int_min", "rem_long_min", "rem_minus_one", "div_short"] {
        let f = stats["functions"].as_array().unwrap().iter().find(|f| f["name"] == name).expect(name);
        assert_eq!(f["tier"], "tier0", "@{name}");
    }
}

#[test]
fn unhandled_division_by_zero_ends_with_sigfpe() {
    let natives = matches_native(&c_program("division_by_zero_kills.c"), &[]);
    assert!(natives.iter().all(|n| n.signal == Some(libc::SIGFPE)), "{natives:?}");
}
