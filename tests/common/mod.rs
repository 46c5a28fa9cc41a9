//! Shared helpers of the integration tests: locating tools, compiling C programs, running them under
//! `run_bitcode` and under `lli-19`.
#![allow(dead_code)]

pub mod native;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, OnceLock};

/// What a program run produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunResult {
    pub stdout: String,
    pub code: Option<i32>,
}

impl RunResult {
    fn from(out: &Output) -> Self {
        RunResult { stdout: String::from_utf8_lossy(&out.stdout).into_owned(), code: out.status.code() }
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch directory for this test run.
pub fn scratch() -> PathBuf {
    let dir = root().join("target").join("tierlift-tests");
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Finds a required tool on PATH; panics with a clear message when it is missing (tests never skip silently).
pub fn tool(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let p = dir.join(name);
        if p.is_file() {
            return p;
        }
    }
    panic!("required tool `{name}` is not installed (run `make test`, which installs it)");
}

/// The `run_bitcode` example built by this `cargo test` (examples are built alongside the tests).
pub fn run_bitcode() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>");
    let p = profile_dir.join("examples").join("run_bitcode");
    assert!(p.is_file(), "{} not built; `cargo test` builds examples", p.display());
    p
}

/// The `.ll` fixtures.
pub fn ir_fixtures() -> Vec<PathBuf> {
    list(&root().join("tests").join("ir"), "ll")
}

/// The C programs.
pub fn c_programs() -> Vec<PathBuf> {
    list(&root().join("tests").join("c"), "c")
}

/// The C++ programs (exceptions, static objects, the C++ standard library).
pub fn cpp_programs() -> Vec<PathBuf> {
    list(&root().join("tests").join("cpp"), "cpp")
}

fn list(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

/// Compiles a C (or, by its extension, C++) file with clang-19 at `-O{level}` to bitcode (cached per test process).
pub fn compile_c(src: &Path, level: u32) -> PathBuf {
    compile_c_with(src, level, &[])
}

/// [`compile_c`] with extra clang flags (`-mavx`, ...).
pub fn compile_c_with(src: &Path, level: u32, flags: &[&str]) -> PathBuf {
    type Key = (PathBuf, u32, Vec<String>);
    static DONE: OnceLock<Mutex<HashMap<Key, PathBuf>>> = OnceLock::new();
    let done = DONE.get_or_init(Default::default);
    let key = (src.to_path_buf(), level, flags.iter().map(|f| f.to_string()).collect::<Vec<_>>());
    if let Some(p) = done.lock().unwrap().get(&key) {
        return p.clone();
    }
    let stem = src.file_stem().unwrap().to_string_lossy();
    let variant: String = flags.concat().chars().filter(char::is_ascii_alphanumeric).collect();
    let out = scratch().join(format!("{stem}.O{level}{variant}.{}.bc", std::process::id()));
    let compiler = if src.extension().is_some_and(|e| e == "cpp") { "clang++-19" } else { "clang-19" };
    let status = Command::new(tool(compiler))
        .args([format!("-O{level}").as_str(), "-c", "-emit-llvm", "-w"])
        .args(flags)
        .arg("-o")
        .arg(&out)
        .arg(src)
        .status()
        .expect("run clang-19");
    assert!(status.success(), "{compiler} failed on {}", src.display());
    done.lock().unwrap().insert(key, out.clone());
    out
}

/// Runs a module under `lli-19` (cached per test process).
pub fn lli(module: &Path) -> RunResult {
    static DONE: OnceLock<Mutex<HashMap<PathBuf, RunResult>>> = OnceLock::new();
    let done = DONE.get_or_init(Default::default);
    if let Some(r) = done.lock().unwrap().get(module) {
        return r.clone();
    }
    let out = Command::new(tool("lli-19")).arg(module).output().expect("run lli-19");
    let r = RunResult::from(&out);
    done.lock().unwrap().insert(module.to_path_buf(), r.clone());
    r
}

/// Runs a module under `run_bitcode` with extra options; returns the result and stderr.
pub fn tierlift(module: &Path, opts: &[&str]) -> (RunResult, String) {
    let out = Command::new(run_bitcode()).args(opts).arg(module).output().expect("run run_bitcode");
    (RunResult::from(&out), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Runs `module` with `opts`, checks the result against lli-19 and returns the stats.
pub fn run_with_stats(module: &Path, opts: &[&str]) -> serde_json::Value {
    let reference = lli(module);
    let stats = scratch().join(format!(
        "stats-{}-{}-{}.json",
        std::process::id(),
        module.file_stem().unwrap().to_string_lossy(),
        opts.join("").replace('-', "")
    ));
    let mut args = opts.to_vec();
    let stats_arg = stats.to_string_lossy().into_owned();
    args.extend(["--stats-json", stats_arg.as_str()]);
    let (got, stderr) = tierlift(module, &args);
    assert_eq!(got, reference, "{} {opts:?}: differs from lli-19; stderr:\n{stderr}", module.display());
    serde_json::from_str(&std::fs::read_to_string(&stats).expect("stats written")).expect("stats are JSON")
}

/// The expectations in a fixture's header (`; exit: N`, `; stdout: line`).
pub fn fixture_expectation(path: &Path) -> RunResult {
    let text = std::fs::read_to_string(path).expect("read fixture");
    let mut code = None;
    let mut stdout = String::new();
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("; exit:") {
            code = Some(v.trim().parse().expect("exit code"));
        } else if let Some(v) = line.strip_prefix("; stdout:") {
            stdout.push_str(v.strip_prefix(' ').unwrap_or(v));
            stdout.push('\n');
        }
    }
    RunResult { stdout, code: Some(code.unwrap_or_else(|| panic!("{}: no `; exit:` line", path.display()))) }
}

/// Every program of the suite: fixtures as they are, C and C++ programs at -O0, -O1 and -O2.
pub fn all_modules() -> Vec<PathBuf> {
    let mut v = ir_fixtures();
    for c in c_programs().into_iter().chain(cpp_programs()) {
        for level in [0, 1, 2] {
            v.push(compile_c(&c, level));
        }
    }
    v
}

/// What the stats of a run of the whole suite must show about tiers.
#[derive(Clone, Copy, Debug)]
pub enum Expect {
    /// Every compiled function is in this tier (or, in tier 0, in `llvm-o0` with a recorded fallback reason).
    AllIn(&'static str),
    /// Some function of some program reached this tier.
    Reaches(&'static str),
    /// Some program freed superseded code.
    CodeFreed,
    /// Some program had an OSR entry compiled and installed (whether a frame got to enter it before the program
    /// ended depends on timing; `tests/osr.rs` checks entries on programs long enough for that).
    OsrInstalled,
}

/// Runs every module with `opts` and compares with lli-19 (and with the header, for fixtures), and checks the tiers
/// the stats report against `expect`. Panics listing every mismatch.
pub fn check_all(opts: &[&str], expect: Expect) {
    let modules = all_modules();
    let mut failures = Vec::new();
    let (mut reached, mut osr, mut freed) = (false, 0u64, 0u64);
    let stats_path = scratch().join(format!("check-{}-{}.json", std::process::id(), opts.join("_").replace('-', "")));
    let stats_arg = stats_path.to_string_lossy().into_owned();
    for m in &modules {
        let reference = lli(m);
        if m.extension().is_some_and(|e| e == "ll") {
            let expected = fixture_expectation(m);
            assert_eq!(reference, expected, "{}: lli-19 disagrees with the fixture header", m.display());
        }
        let mut args = opts.to_vec();
        args.extend(["--stats-json", stats_arg.as_str()]);
        let (got, stderr) = tierlift(m, &args);
        if got != reference {
            failures.push(format!(
                "{} {opts:?}: expected exit {:?}, got {:?}\n--- expected stdout\n{}--- got stdout\n{}--- stderr\n{}",
                m.display(),
                reference.code,
                got.code,
                reference.stdout,
                got.stdout,
                stderr.lines().take(10).collect::<Vec<_>>().join("\n")
            ));
            continue;
        }
        let stats: serde_json::Value = match std::fs::read_to_string(&stats_path).map(|t| serde_json::from_str(&t)) {
            Ok(Ok(v)) => v,
            _ => {
                failures.push(format!("{}: no stats written", m.display()));
                continue;
            }
        };
        freed += stats["reclaim"]["versions_freed"].as_u64().unwrap_or(0);
        for f in stats["functions"].as_array().into_iter().flatten() {
            let tier = f["tier"].as_str().unwrap_or("");
            osr += f["osr"].as_array().into_iter().flatten().filter(|o| o["installed"] == true).count() as u64;
            for failure in f["failures"].as_array().into_iter().flatten() {
                failures.push(format!("{}: @{} had a failed compile: {failure}", m.display(), f["name"]));
            }
            match expect {
                Expect::AllIn(want) => {
                    let fallback = want == "tier0" && tier == "llvm-o0" && !f["fallback_reason"].is_null();
                    if tier != want && !fallback {
                        failures.push(format!("{}: @{} is in {tier}, not {want}", m.display(), f["name"]));
                    }
                }
                Expect::Reaches(want) => reached |= tier == want,
                Expect::OsrInstalled | Expect::CodeFreed => {}
            }
        }
    }
    match expect {
        Expect::Reaches(want) if !reached => failures.push(format!("no function of any program reached {want}")),
        Expect::OsrInstalled if osr == 0 => failures.push("no OSR entry was installed".into()),
        Expect::CodeFreed if freed == 0 => failures.push("no program freed superseded code".into()),
        _ => {}
    }
    assert!(
        failures.is_empty(),
        "{} problems over {} programs:\n{}",
        failures.len(),
        modules.len(),
        failures.join("\n")
    );
}

/// A numeric field of `/proc/self/status` (`VmRSS:` in kB, `Threads:`, ...), 0 if absent.
pub fn status(field: &str) -> u64 {
    let text = std::fs::read_to_string("/proc/self/status").unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Mappings of this process now.
pub fn mappings() -> usize {
    std::fs::read_to_string("/proc/self/maps").unwrap().lines().count()
}
