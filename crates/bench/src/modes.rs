//! The ways each program is run.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Which family a mode belongs to (for the ratio columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// tierlift, tiered.
    Tiered,
    /// tierlift, one fixed tier.
    FixedTier,
    /// tierlift, other (counter-overhead, profile-guided optimization and OSR comparison rows).
    Extra,
    /// lli-19.
    Lli,
    /// Native clang-19 -O3.
    Native,
}

/// One way to run a program.
#[derive(Clone, Debug)]
pub struct Mode {
    /// Column name.
    pub name: String,
    /// Family.
    pub family: Family,
    /// Whether it runs the `opt-19 -O2` bitcode instead of clang's.
    pub optimized_input: bool,
    args: Vec<String>,
    program: Program,
}

#[derive(Clone, Debug)]
enum Program {
    Tierlift,
    LliJit,
    NativeBinary,
}

fn mode(name: &str, family: Family, program: Program, args: &[&str], optimized_input: bool) -> Mode {
    Mode {
        name: name.to_string(),
        family,
        optimized_input,
        args: args.iter().map(|s| s.to_string()).collect(),
        program,
    }
}

/// Every mode of the suite.
pub fn all() -> Vec<Mode> {
    use Family::*;
    use Program::{LliJit, NativeBinary, Tierlift};
    vec![
        mode("tiered-counting", Tiered, Tierlift, &["--policy", "counting"], false),
        mode("tiered-sampling", Tiered, Tierlift, &["--policy", "sampling"], false),
        mode("tiered-cost-benefit", Tiered, Tierlift, &["--policy", "cost-benefit"], false),
        mode("tiered-no-osr", Extra, Tierlift, &["--osr", "off"], false),
        mode("tiered-pgo-off", Extra, Tierlift, &["--pgo", "off"], false),
        mode("tier0", FixedTier, Tierlift, &["--mode", "tier0"], false),
        mode("tier0-counters", Extra, Tierlift, &["--mode", "tier0", "--counters"], false),
        mode("tier0-counters-pgo-off", Extra, Tierlift, &["--mode", "tier0", "--counters", "--pgo", "off"], false),
        // Thresholds out of reach: the counters never fall silent, as in a tiered run before its first install.
        mode(
            "tier0-counting",
            Extra,
            Tierlift,
            &[
                "--mode",
                "tier0",
                "--counters",
                "--threshold",
                "1000000000000000",
                "--loop-threshold",
                "1000000000000000",
            ],
            false,
        ),
        mode("llvm-o0", FixedTier, Tierlift, &["--mode", "llvm-o0"], false),
        mode("llvm-o2", FixedTier, Tierlift, &["--mode", "llvm-o2"], false),
        mode("llvm-o3", FixedTier, Tierlift, &["--mode", "llvm-o3"], false),
        mode("lli-O0", Lli, LliJit, &["-O0"], false),
        mode("lli-O2", Lli, LliJit, &["-O2"], false),
        mode("lli-O3", Lli, LliJit, &["-O3"], false),
        mode("lli-lazy-O0", Lli, LliJit, &["-jit-kind=orc-lazy", "-O0"], false),
        mode("lli-lazy-O2", Lli, LliJit, &["-jit-kind=orc-lazy", "-O2"], false),
        mode("lli-lazy-O3", Lli, LliJit, &["-jit-kind=orc-lazy", "-O3"], false),
        mode("lli-O2-opt", Lli, LliJit, &["-O2"], true),
        mode("lli-lazy-O2-opt", Lli, LliJit, &["-jit-kind=orc-lazy", "-O2"], true),
        mode("native-O3", Native, NativeBinary, &[], false),
    ]
}

impl Mode {
    /// The command that runs `input` (bitcode, or the native binary for the native mode).
    pub fn command(&self, runner: &Path, input: &Path, native: &Path, stats: Option<&PathBuf>) -> Command {
        match self.program {
            Program::Tierlift => {
                let mut c = Command::new(runner);
                c.args(&self.args);
                if let Some(s) = stats {
                    c.arg("--stats-json").arg(s);
                }
                c.arg(input);
                c
            }
            Program::LliJit => {
                let mut c = Command::new("lli-19");
                c.args(&self.args).arg(input);
                c
            }
            Program::NativeBinary => Command::new(native),
        }
    }
}
