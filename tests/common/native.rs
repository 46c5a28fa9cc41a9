//! Running a C or C++ program natively and under `run_bitcode`, and comparing how each ended.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a process ended and what it printed.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub code: Option<i32>,
    pub signal: Option<i32>,
}

/// Runs `cmd` to its end, or kills it after a minute (a hang is a failure, not a stuck test run); returns how it
/// ended and its stderr.
pub fn outcome(cmd: &mut Command) -> (Outcome, String) {
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

/// A native executable of `src` built at `-O{level}` by clang-19 (clang++-19 for a `.cpp` file).
pub fn native(src: &Path, level: u32) -> PathBuf {
    let stem = src.file_stem().unwrap().to_string_lossy();
    let exe = super::scratch().join(format!("{stem}.O{level}.{}.native", std::process::id()));
    let compiler = if src.extension().is_some_and(|e| e == "cpp") { "clang++-19" } else { "clang-19" };
    let status = Command::new(super::tool(compiler))
        .args([format!("-O{level}").as_str(), "-w", "-pthread", "-o"])
        .arg(&exe)
        .arg(src)
        .status()
        .expect("run clang-19");
    assert!(status.success(), "{compiler} failed on {}", src.display());
    exe
}

/// Runs `src` natively and under `run_bitcode` with each of `modes` at each of `levels`, asserting the same
/// stdout and the same exit status or signal; returns the native outcomes.
pub fn matches_native(src: &Path, levels: &[u32], modes: &[&[&str]]) -> Vec<Outcome> {
    let mut natives = Vec::new();
    for &level in levels {
        let (want, _) = outcome(&mut Command::new(native(src, level)));
        let module = super::compile_c(src, level);
        for mode in modes {
            let (got, stderr) = outcome(Command::new(super::run_bitcode()).args(*mode).arg(&module));
            assert_eq!(got, want, "{} -O{level} {mode:?} differs from native; stderr:\n{stderr}", src.display());
        }
        natives.push(want);
    }
    natives
}
