//! The workload programs (`benches/workloads/*.c`, `*.cpp`) and the binaries built from them.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One workload program.
#[derive(Clone, Debug)]
pub struct Workload {
    /// File stem.
    pub name: String,
    /// Its shape (`hot-kernel`, `flat`, `short`, ...), from the header comment.
    pub shape: String,
    /// The C or C++ source.
    pub source: PathBuf,
}

/// Reads the workloads of `dir`, keeping those whose name contains one of `only` (all when empty).
pub fn discover(dir: &Path, only: &[String]) -> Result<Vec<Workload>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_none_or(|e| e != "c" && e != "cpp") {
            continue;
        }
        let name = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let text = std::fs::read_to_string(&path)?;
        let shape = text
            .lines()
            .next()
            .and_then(|l| l.split("workload:").nth(1))
            .and_then(|l| l.split('|').next())
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|| "other".into());
        out.push(Workload { name, shape, source: path });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd.status().with_context(|| format!("running {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

/// Bitcode and native builds of one workload.
pub struct Built {
    /// clang-19 bitcode per level: (`O0` | `O1`, path).
    pub bitcode: Vec<(String, PathBuf)>,
    /// The same bitcode after `opt-19 -O2`, per level (what `lli -O2` gets when IR passes are wanted).
    pub optimized: Vec<(String, PathBuf)>,
    /// Native `clang-19 -O3`.
    pub native: PathBuf,
}

/// Compiles a workload into `out`.
pub fn build(w: &Workload, out: &Path) -> Result<Built> {
    std::fs::create_dir_all(out)?;
    let compiler = if w.source.extension().is_some_and(|e| e == "cpp") { "clang++-19" } else { "clang-19" };
    let mut bitcode = Vec::new();
    let mut optimized = Vec::new();
    for level in ["O0", "O1"] {
        let bc = out.join(format!("{}.{level}.bc", w.name));
        run(Command::new(compiler)
            .args([&format!("-{level}"), "-c", "-emit-llvm", "-w", "-o"])
            .arg(&bc)
            .arg(&w.source))?;
        let opt = out.join(format!("{}.{level}.opt2.bc", w.name));
        run(Command::new("opt-19").args(["-O2", "-o"]).arg(&opt).arg(&bc))?;
        bitcode.push((level.to_string(), bc));
        optimized.push((level.to_string(), opt));
    }
    let native = out.join(format!("{}.native", w.name));
    run(Command::new(compiler).args(["-O3", "-w", "-o"]).arg(&native).arg(&w.source).args(["-lm", "-lpthread"]))?;
    Ok(Built { bitcode, optimized, native })
}
