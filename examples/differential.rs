//! Differential testing against `lli-19` on random programs: functions from `llvm-stress-19` wrapped in a
//! deterministic `main`, or csmith programs compiled by clang-19 at -O0/-O1/-O2.
//!
//! `differential [--source stress|csmith] [--first SEED] [--count N] [--size N] [--jobs N] [--workdir DIR]
//! [--run-bitcode PATH] [--keep]`
//!
//! Each program runs under `lli-19 -O0` and `lli-19 -O3`; a program on which the two disagree (its result
//! depends on undefined behaviour) or that lli cannot finish in time is skipped. The others run under
//! `run_bitcode` in tier 0, tiered with threshold 1, and with OSR at every loop, and each result (stdout and exit
//! status) must equal lli's. Two runs that both end by a signal agree (which signal a crash raises differs
//! between code generators). Every function is also compiled in tier 0 in this process, to count how many tier 0
//! translated itself (the others fall back to LLVM O0). Mismatching programs are kept in the work directory.
//! Prints a summary; exits with status 1 on any mismatch.

use clap::{Parser, ValueEnum};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use tierlift::{Jit, TierMode};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Source {
    /// One `llvm-stress-19` function per seed, in a deterministic `main`.
    Stress,
    /// One csmith program per seed, at -O0, -O1 and -O2.
    Csmith,
}

/// Differential testing of run_bitcode against lli-19 on random programs.
#[derive(Parser, Debug)]
struct Args {
    /// Where the programs come from.
    #[arg(long, value_enum, default_value = "stress")]
    source: Source,
    /// First seed.
    #[arg(long, default_value_t = 1)]
    first: u64,
    /// Number of seeds.
    #[arg(long, default_value_t = 100)]
    count: u64,
    /// Size of each llvm-stress function (instructions).
    #[arg(long, default_value_t = 100)]
    size: u32,
    /// Work directory (mismatches are kept here).
    #[arg(long, default_value = "target/differential")]
    workdir: PathBuf,
    /// The run_bitcode binary (default: next to this one).
    #[arg(long)]
    run_bitcode: Option<PathBuf>,
    /// Keep every program, not only mismatching ones.
    #[arg(long)]
    keep: bool,
    /// Programs checked at once.
    #[arg(long, default_value_t = 1)]
    jobs: u64,
    /// Seconds before a run is given up.
    #[arg(long, default_value_t = 10)]
    timeout: u32,
    /// llvm-stress functions compute in `x86_fp80` where they would in `double` (programs that no longer
    /// assemble, as a `bitcast` between `double` and `i64` does, are skipped).
    #[arg(long)]
    long_double: bool,
}

/// The modes every program runs in (the OSR mode also compiles callees ahead: functions stay in tier 0 there,
/// so the worker is mostly idle and races the program's own first calls).
const MODES: [(&str, &[&str]); 3] = [
    ("tier0", &["--mode", "tier0"]),
    ("tiered-threshold-1", &["--mode", "tiered", "--threshold", "1", "--loop-threshold", "1"]),
    (
        "osr-every-loop",
        &["--mode", "tiered", "--threshold", "1000000", "--loop-threshold", "1", "--compile-ahead", "on"],
    ),
];

/// Block executions a wrapped llvm-stress function may make before the program reports and exits.
const BUDGET: u32 = 20_000;

/// Bytes each pointer argument of the stress function points into (at the middle of its buffer).
const BUFFER: usize = 4096;

#[derive(Clone, Debug, PartialEq, Eq)]
struct Outcome {
    stdout: String,
    /// Exit status, or 128 + signal.
    status: i32,
    timed_out: bool,
}

impl Outcome {
    fn agrees(&self, other: &Outcome) -> bool {
        self == other || (self.status > 128 && other.status > 128 && !self.timed_out && !other.timed_out)
    }
}

fn run(timeout: u32, program: &Path, args: &[&str], file: &Path) -> Outcome {
    // SIGKILL five seconds after the SIGTERM: a process stuck with SIGTERM blocked (say, a hook's lock overwritten
    // by a program's wild writes) must not stop the run.
    let out = Command::new("timeout")
        .args(["-k", "5"])
        .arg(timeout.to_string())
        .arg(program)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    use std::os::unix::process::ExitStatusExt;
    let status = out.status.code().unwrap_or_else(|| 128 + out.status.signal().unwrap_or(0));
    // `timeout` exits with 124 after its SIGTERM worked, 137 after its SIGKILL.
    Outcome {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        status,
        timed_out: status == 124 || status == 137,
    }
}

/// Wraps an llvm-stress module: allocas widened to 256 zeroed bytes (llvm-stress stores vectors into scalar slots
/// and loads slots it never stored),
/// undefined behaviour removed ([`defined_behaviour`]), every block charged to a budget (llvm-stress loops need not end), and
/// a `main` that calls the function with pointers into three patterned buffers and prints a hash of the buffers.
fn wrap_stress(ir: &str, seed: u64) -> Option<String> {
    let define = ir.lines().find(|l| l.starts_with("define void @autogen_SD"))?;
    let name = define.split('@').nth(1)?.split('(').next()?.to_string();
    let mut out = String::with_capacity(ir.len() * 2);
    // Declarations of the intrinsics the rewrites call.
    let mut declared = std::collections::BTreeSet::new();
    let mut in_function = false;
    for line in ir.lines() {
        let trimmed = line.trim_start();
        if line.starts_with("define ") {
            in_function = true;
        } else if line.starts_with('}') {
            in_function = false;
        }
        if in_function && trimmed.contains("= alloca ") {
            let (lhs, rhs) = line.split_once("= alloca ")?;
            let align: u32 = rhs.rsplit_once("align ").and_then(|(_, a)| a.trim().parse().ok()).unwrap_or(1);
            // Aligned for any vector store llvm-stress may claim alignment for.
            let _ = writeln!(out, "{lhs}= alloca [256 x i8], align {}", align.max(64));
            // Zeroed: llvm-stress loads slots it never stored, and stack garbage differs from run to run.
            let _ = writeln!(out, "  call void @llvm.memset.p0.i64(ptr {}, i8 0, i64 256, i1 false)", lhs.trim());
            continue;
        }
        if in_function && let Some(safe) = defined_behaviour(line, &mut declared) {
            out.push_str(&safe);
            continue;
        }
        out.push_str(line);
        out.push('\n');
        // A block label: charge the block (llvm-stress blocks start with no phis).
        let is_label = in_function
            && !line.starts_with(' ')
            && line.split(';').next().is_some_and(|l| l.trim_end().ends_with(':'));
        if is_label {
            out.push_str("  call void @tl.charge()\n");
        }
    }
    declared.insert("declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)".to_string());
    for d in declared {
        out.push_str(&d);
        out.push('\n');
    }
    let seed8 = (seed % 251) as u8;
    let _ = write!(
        out,
        r#"
@tl.buffers = global [{total} x i8] zeroinitializer, align 64
@tl.budget = global i32 {BUDGET}
@tl.format = private constant [17 x i8] c"hash %016llx %d\0A\00"

declare i32 @printf(ptr, ...)
declare void @exit(i32)

define void @tl.report(i32 %how) {{
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %h = phi i64 [ -3750763034362895579, %entry ], [ %h2, %loop ]
  %p = getelementptr i8, ptr @tl.buffers, i64 %i
  %b = load i8, ptr %p
  %bz = zext i8 %b to i64
  %h1 = xor i64 %h, %bz
  %h2 = mul i64 %h1, 1099511628211
  %i1 = add i64 %i, 1
  %more = icmp ult i64 %i1, {total}
  br i1 %more, label %loop, label %done
done:
  call i32 (ptr, ...) @printf(ptr @tl.format, i64 %h2, i32 %how)
  ret void
}}

define void @tl.charge() {{
  %b = load i32, ptr @tl.budget
  %b1 = sub i32 %b, 1
  store i32 %b1, ptr @tl.budget
  %out = icmp eq i32 %b1, 0
  br i1 %out, label %stop, label %go
stop:
  call void @tl.report(i32 1)
  call void @exit(i32 0)
  unreachable
go:
  ret void
}}

define i32 @main() {{
entry:
  br label %fill
fill:
  %i = phi i64 [ 0, %entry ], [ %i1, %fill ]
  %p = getelementptr i8, ptr @tl.buffers, i64 %i
  %t = trunc i64 %i to i8
  %v = mul i8 %t, 37
  %v1 = add i8 %v, {seed8}
  store i8 %v1, ptr %p
  %i1 = add i64 %i, 1
  %more = icmp ult i64 %i1, {total}
  br i1 %more, label %fill, label %call
call:
  %a0 = getelementptr i8, ptr @tl.buffers, i64 {mid0}
  %a1 = getelementptr i8, ptr @tl.buffers, i64 {mid1}
  %a2 = getelementptr i8, ptr @tl.buffers, i64 {mid2}
  call void @{name}(ptr %a0, ptr %a1, ptr %a2, i32 {arg3}, i64 {arg4}, i8 {arg5})
  call void @tl.report(i32 0)
  ret i32 0
}}
"#,
        total = 3 * BUFFER,
        mid0 = BUFFER / 2,
        mid1 = BUFFER + BUFFER / 2,
        mid2 = 2 * BUFFER + BUFFER / 2,
        arg3 = (seed * 7919 % 1000) as i32 - 500,
        arg4 = (seed.wrapping_mul(2654435761) % 100_000) as i64 - 50_000,
        arg5 = (seed % 200) as i8,
    );
    Some(out)
}

/// `ir` with `double` replaced by `x86_fp80`, its constants converted (exactly); `None` when the result does not
/// assemble (`scratch` is overwritten to check).
fn in_long_double(ir: &str, scratch: &Path) -> Option<String> {
    let mut out = String::with_capacity(ir.len() + ir.len() / 4);
    for line in ir.lines() {
        // Vectors stay `double`: a program mixing them with scalars no longer assembles, one without them is
        // all scalar `x86_fp80` (tier 0 declines vectors of it).
        let line = line.replace("x double>", "x tl.vector.double>").replace("double", "x86_fp80");
        let line = line.replace("x tl.vector.double>", "x double>");
        let mut rest = line.as_str();
        while let Some(at) = rest.find("x86_fp80 ") {
            let (head, tail) = rest.split_at(at + "x86_fp80 ".len());
            out.push_str(head);
            let end = tail.find([',', ' ', '>', ')', ']']).unwrap_or(tail.len());
            let token = &tail[..end];
            let value = if let Some(hex) = token.strip_prefix("0x").filter(|h| h.len() == 16) {
                u64::from_str_radix(hex, 16).ok()
            } else if token.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') {
                token.parse::<f64>().ok().map(f64::to_bits)
            } else {
                None
            };
            match value {
                Some(bits) => {
                    let _ = write!(out, "0xK{:020X}", double_to_fp80(bits));
                    rest = &tail[end..];
                }
                None => rest = tail,
            }
        }
        out.push_str(rest);
        out.push('\n');
    }
    std::fs::write(scratch, &out).ok()?;
    let ok = Command::new("llvm-as-19").arg(scratch).arg("-o").arg("/dev/null").output().ok()?.status.success();
    ok.then_some(out)
}

/// The `x86_fp80` bits of the `double` of bits `bits` (every double is exact in it).
fn double_to_fp80(bits: u64) -> u128 {
    let sign = u128::from(bits >> 63) << 79;
    let exponent = (bits >> 52) & 0x7ff;
    let fraction = bits & ((1 << 52) - 1);
    let (exponent, significand) = match exponent {
        0 if fraction == 0 => (0, 0),
        // Subnormal: normalized, as the wider exponent allows.
        0 => (15372 - u64::from(fraction.leading_zeros()), fraction << fraction.leading_zeros()),
        0x7ff => (0x7fff, 1 << 63 | fraction << 11),
        e => (e - 1023 + 16383, 1 << 63 | fraction << 11),
    };
    sign | u128::from(exponent) << 64 | u128::from(significand)
}

/// Splits at the commas outside brackets.
fn split_top_level(text: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0i32, 0, Vec::new());
    for (i, c) in text.char_indices() {
        match c {
            '<' | '(' | '[' | '{' => depth += 1,
            '>' | ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out
}

/// Splits `TYPE rest` where TYPE is `iN`, `ptr`, ... or `<N x T>`.
fn split_type(text: &str) -> Option<(&str, &str)> {
    let end = if text.starts_with('<') { text.find('>')? + 1 } else { text.find(' ')? };
    Some((&text[..end], text[end..].trim_start()))
}

/// The bit width of an integer type or of the lanes of an integer vector type.
fn lane_bits(ty: &str) -> Option<u32> {
    ty.rsplit(' ').next()?.trim_end_matches('>').strip_prefix('i')?.parse().ok()
}

/// A constant of type `ty` (integer or integer vector) with every lane `v`.
fn splat(ty: &str, v: u64) -> String {
    if ty.starts_with('<') {
        let elem = ty.rsplit(' ').next().unwrap_or("i32").trim_end_matches('>');
        format!("splat ({elem} {v})")
    } else {
        v.to_string()
    }
}

/// An instruction of an llvm-stress function rewritten so that it has no undefined behaviour and yields no poison
/// from its operands' values: integer divisions get a positive, non-zero divisor (`(b >> 1) | 1`), shift amounts
/// are taken modulo the width, element indexes modulo the lane count, float-to-integer conversions get an input in
/// range, `poison` shuffle-mask lanes pick lane 0, an `i1` is loaded as the low bit of its byte, and
/// `exact`/`nuw`/`nsw` are dropped. llvm-stress
/// divides and shifts by anything and indexes past the end; LLVM folds such operations on constants to poison while
/// tier 0 executes them, so without this most programs would differ through undefined behaviour alone. `None` for
/// other lines. Intrinsics the rewrite calls are added to `declared`.
fn defined_behaviour(line: &str, declared: &mut std::collections::BTreeSet<String>) -> Option<String> {
    let (lhs, rhs) = line.split_once(" = ")?;
    let name = lhs.trim();
    let (op, mut rest) = rhs.split_once(' ')?;
    while let Some(r) = ["exact ", "nuw ", "nsw "].iter().find_map(|f| rest.strip_prefix(f)) {
        rest = r;
    }
    match op {
        "udiv" | "sdiv" | "urem" | "srem" | "shl" | "lshr" | "ashr" => {
            let (ty, operands) = split_type(rest)?;
            let [a, b] = split_top_level(operands)[..] else { return None };
            let bits = lane_bits(ty)?;
            let prep = if op.ends_with("div") || op.ends_with("rem") {
                if bits == 1 {
                    return Some(format!("{lhs} = {op} {ty} {a}, {}\n", splat(ty, 1)));
                }
                format!(
                    "  {name}.tl.s = lshr {ty} {b}, {one}\n  {name}.tl.b = or {ty} {name}.tl.s, {one}\n",
                    one = splat(ty, 1)
                )
            } else {
                format!("  {name}.tl.b = urem {ty} {b}, {}\n", splat(ty, u64::from(bits)))
            };
            Some(format!("{prep}{lhs} = {op} {ty} {a}, {name}.tl.b\n"))
        }
        "fptosi" | "fptoui" => {
            // `fptosi T X to I`: X clamped into a range every lane of I holds (NaN becomes the low end).
            let (ty, after) = split_type(rest)?;
            let (x, to) = after.split_once(" to ")?;
            let bits = lane_bits(to)?;
            let suffix = match (ty.starts_with('<'), ty.rsplit(' ').next()?.trim_end_matches('>')) {
                (false, "float") => "f32".to_string(),
                (false, "double") => "f64".to_string(),
                (true, elem @ ("float" | "double")) => {
                    let lanes = ty.strip_prefix('<')?.split(' ').next()?;
                    format!("v{lanes}{}", if elem == "float" { "f32" } else { "f64" })
                }
                _ => return None,
            };
            let (lo, hi) = match (op, bits) {
                ("fptosi", 1) => (-1.0, 0.0),
                ("fptosi", n) => (-(2f64.powi(n as i32 - 2)), 2f64.powi(n as i32 - 2)),
                (_, n) => (0.0, 2f64.powi(n as i32 - 1)),
            };
            let constant = |v: f64| {
                let c = format!("0x{:016X}", v.to_bits());
                if ty.starts_with('<') {
                    format!("splat ({} {c})", ty.rsplit(' ').next().unwrap_or("").trim_end_matches('>'))
                } else {
                    c
                }
            };
            for f in ["maxnum", "minnum"] {
                declared.insert(format!("declare {ty} @llvm.{f}.{suffix}({ty}, {ty})"));
            }
            Some(format!(
                "  {name}.tl.lo = call {ty} @llvm.maxnum.{suffix}({ty} {x}, {ty} {})\n  \
                 {name}.tl.c = call {ty} @llvm.minnum.{suffix}({ty} {name}.tl.lo, {ty} {})\n\
                 {lhs} = {op} {ty} {name}.tl.c to {to}\n",
                constant(lo),
                constant(hi)
            ))
        }
        "shufflevector" if rest.contains("poison") => {
            // A `poison` mask lane makes a poison lane, and llvm-stress branches on such lanes: pick lane 0.
            let (operands, mask) = rest.rsplit_once(", <")?;
            let mask = format!("<{mask}").replace("i32 poison", "i32 0");
            let mask = match mask.strip_suffix(" poison") {
                Some(ty) => format!("{ty} zeroinitializer"),
                None => mask,
            };
            Some(format!("{lhs} = shufflevector {operands}, {mask}\n"))
        }
        "load" if rest.starts_with("i1, ") => {
            // A byte other than 0 or 1 read as `i1` is undefined; read the byte and keep its low bit.
            let tail = rest.strip_prefix("i1, ")?;
            Some(format!("  {name}.tl.byte = load i8, {tail}\n{lhs} = trunc i8 {name}.tl.byte to i1\n"))
        }
        "extractelement" | "insertelement" => {
            let parts = split_top_level(rest);
            let (vty, _) = split_type(parts.first()?)?;
            let lanes: u64 = vty.strip_prefix('<')?.split(' ').next()?.parse().ok()?;
            let (ity, index) = split_type(parts.last()?)?;
            let head = parts[..parts.len() - 1].join(", ");
            if let Ok(k) = index.parse::<i64>() {
                return Some(format!("{lhs} = {op} {head}, {ity} {}\n", k.rem_euclid(lanes as i64)));
            }
            Some(format!("  {name}.tl.i = urem {ity} {index}, {lanes}\n{lhs} = {op} {head}, {ity} {name}.tl.i\n"))
        }
        _ => None,
    }
}

impl Tally {
    fn merge(&mut self, o: Tally) {
        self.programs += o.programs;
        self.skipped_lli_disagrees += o.skipped_lli_disagrees;
        self.skipped_lli_timeout += o.skipped_lli_timeout;
        self.skipped_no_program += o.skipped_no_program;
        self.compared += o.compared;
        for (k, v) in o.mismatches {
            *self.mismatches.entry(k).or_default() += v;
        }
        self.functions += o.functions;
        self.translated += o.translated;
        for (k, v) in o.reasons {
            *self.reasons.entry(k).or_default() += v;
        }
        self.mismatch_lines.extend(o.mismatch_lines);
    }
}

#[derive(Default)]
struct Tally {
    programs: u64,
    skipped_lli_disagrees: u64,
    skipped_lli_timeout: u64,
    skipped_no_program: u64,
    compared: u64,
    mismatches: BTreeMap<&'static str, u64>,
    functions: u64,
    translated: u64,
    reasons: BTreeMap<String, u64>,
    mismatch_lines: Vec<String>,
}

/// Runs one program file in every mode against lli; records the results.
fn check(args: &Args, run_bitcode: &Path, file: &Path, label: &str, tally: &mut Tally) {
    tally.programs += 1;
    let lli = Path::new("lli-19");
    let reference = run(args.timeout, lli, &["-O0"], file);
    if reference.timed_out {
        tally.skipped_lli_timeout += 1;
        remove_unless_kept(args, file);
        return;
    }
    if args.source == Source::Stress && reference.status == 1 && reference.stdout.is_empty() {
        // lli could not load it: a broken wrapper, which must not count as agreement.
        panic!("lli-19 cannot run {}", file.display());
    }
    let optimized = run(args.timeout, lli, &["-O3"], file);
    if !reference.agrees(&optimized) {
        tally.skipped_lli_disagrees += 1;
        remove_unless_kept(args, file);
        return;
    }
    tally.compared += 1;
    count_translated(file, args.source == Source::Stress, tally);
    let mut keep = false;
    for (mode, opts) in MODES {
        let got = run(args.timeout * 3, run_bitcode, opts, file);
        if !got.agrees(&reference) {
            *tally.mismatches.entry(mode).or_default() += 1;
            keep = true;
            let line = format!(
                "MISMATCH {label} [{mode}]: lli status {} stdout {:?}; run_bitcode status {} stdout {:?}",
                reference.status,
                reference.stdout.chars().take(200).collect::<String>(),
                got.status,
                got.stdout.chars().take(200).collect::<String>()
            );
            println!("{line}");
            tally.mismatch_lines.push(line);
        }
    }
    if !keep {
        remove_unless_kept(args, file);
    }
}

/// Removes a program that needs no second look (unless `--keep`).
fn remove_unless_kept(args: &Args, file: &Path) {
    if !args.keep {
        let _ = std::fs::remove_file(file);
    }
}

/// Compiles every function of `file` in tier 0 in this process (without running anything; the stress and csmith
/// programs have no static constructors) and counts those tier 0 translated itself and why it declined the
/// others. With `wrapper`, the llvm-stress wrapper's own functions (`main`, `tl.*`) are not counted.
fn count_translated(file: &Path, wrapper: bool, tally: &mut Tally) {
    let jit = Jit::builder().mode(TierMode::Tier0).build();
    let module = match jit.load_file(file) {
        Ok(m) => m,
        Err(e) => {
            *tally.reasons.entry(format!("load failed: {}", shorten(&e.to_string()))).or_default() += 1;
            return;
        }
    };
    let names: Vec<String> = module.ir().functions.iter().map(|f| f.name.clone()).collect();
    for name in names {
        if wrapper && (name.starts_with("tl.") || name == "main") {
            continue;
        }
        tally.functions += 1;
        if let Err(e) = module.compile_now(&name) {
            *tally.reasons.entry(format!("no tier compiled it: {}", shorten(&e.to_string()))).or_default() += 1;
            continue;
        }
        match module.stats().function(&name).and_then(|f| f.fallback_reason.clone()) {
            None => tally.translated += 1,
            Some(reason) => *tally.reasons.entry(shorten(&reason)).or_default() += 1,
        }
    }
}

/// A decline reason without the names of the function and value, so that equal causes count together.
fn shorten(reason: &str) -> String {
    let r = reason.split(" in @").next().unwrap_or(reason);
    r.chars().take(120).collect()
}

fn main() {
    let mut args = Args::parse();
    // Tier 0 catches Cranelift's panics and falls back; their messages would only clutter the report.
    std::panic::set_hook(Box::new(|_| {}));
    std::fs::create_dir_all(&args.workdir).expect("create the work directory");
    // csmith runs inside the work directory (its `platform.info` goes there): paths must not be relative to it.
    args.workdir = args.workdir.canonicalize().expect("the work directory's absolute path");
    let run_bitcode = args
        .run_bitcode
        .clone()
        .unwrap_or_else(|| std::env::current_exe().expect("own path").with_file_name("run_bitcode"));
    assert!(run_bitcode.is_file(), "{} not found (build the run_bitcode example)", run_bitcode.display());
    let jobs = args.jobs.max(1);
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|j| {
                let (args, run_bitcode) = (&args, &run_bitcode);
                scope.spawn(move || {
                    let mut tally = Tally::default();
                    for seed in (args.first + j..args.first + args.count).step_by(jobs as usize) {
                        one_seed(args, run_bitcode, seed, &mut tally);
                    }
                    tally
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("a differential worker panicked")).collect()
    });
    let mut tally = Tally::default();
    for t in tallies {
        tally.merge(t);
    }
    report(&args, &tally);
    if tally.mismatches.values().sum::<u64>() > 0 {
        std::process::exit(1);
    }
}

/// Generates the program(s) of one seed and checks them.
fn one_seed(args: &Args, run_bitcode: &Path, seed: u64, tally: &mut Tally) {
    {
        match args.source {
            Source::Stress => {
                let raw = args.workdir.join(format!("stress{seed}.raw.ll"));
                let ok = Command::new("llvm-stress-19")
                    .arg(format!("-seed={seed}"))
                    .arg(format!("-size={}", args.size))
                    .arg("-o")
                    .arg(&raw)
                    .status()
                    .is_ok_and(|s| s.success());
                let wrapped = ok.then(|| std::fs::read_to_string(&raw).ok()).flatten().and_then(|ir| {
                    let ir = if args.long_double { in_long_double(&ir, &raw)? } else { ir };
                    wrap_stress(&ir, seed)
                });
                let _ = std::fs::remove_file(&raw);
                let Some(wrapped) = wrapped else {
                    tally.skipped_no_program += 1;
                    return;
                };
                let file = args.workdir.join(format!("stress{seed}.ll"));
                std::fs::write(&file, wrapped).expect("write the wrapped program");
                check(args, run_bitcode, &file, &format!("stress seed {seed}"), tally);
            }
            Source::Csmith => {
                let c = args.workdir.join(format!("csmith{seed}.c"));
                let generated = Command::new("csmith")
                    .args(["--seed", &seed.to_string(), "--no-packed-struct", "-o"])
                    .arg(&c)
                    .current_dir(&args.workdir)
                    .status()
                    .is_ok_and(|s| s.success());
                if !generated {
                    tally.skipped_no_program += 1;
                    return;
                }
                let mut kept = false;
                for level in [0, 1, 2] {
                    let bc = args.workdir.join(format!("csmith{seed}.O{level}.bc"));
                    let compiled = Command::new("clang-19")
                        .args([&format!("-O{level}"), "-w", "-I/usr/include/csmith", "-c", "-emit-llvm", "-o"])
                        .arg(&bc)
                        .arg(&c)
                        .status()
                        .is_ok_and(|s| s.success());
                    if !compiled {
                        tally.skipped_no_program += 1;
                        return;
                    }
                    let before = tally.mismatch_lines.len();
                    check(args, run_bitcode, &bc, &format!("csmith seed {seed} -O{level}"), tally);
                    kept |= tally.mismatch_lines.len() > before;
                }
                if !kept {
                    let _ = std::fs::remove_file(&c);
                }
            }
        }
    }
}

fn report(args: &Args, t: &Tally) {
    let share = if t.functions == 0 { 0.0 } else { 100.0 * t.translated as f64 / t.functions as f64 };
    println!(
        "{:?} seeds {}..{}: {} programs, {} compared with lli-19, skipped {} (lli modes disagree), {} (lli timeout), \
         {} (not generated)",
        args.source,
        args.first,
        args.first + args.count,
        t.programs,
        t.compared,
        t.skipped_lli_disagrees,
        t.skipped_lli_timeout,
        t.skipped_no_program
    );
    let mismatches: Vec<String> =
        MODES.iter().map(|(m, _)| format!("{m} {}", t.mismatches.get(m).unwrap_or(&0))).collect();
    println!("mismatches: {}", mismatches.join(", "));
    println!("tier 0 translated {} of {} functions ({share:.1}%)", t.translated, t.functions);
    let mut reasons: Vec<(&String, &u64)> = t.reasons.iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(a.1));
    for (reason, n) in reasons.iter().take(15) {
        println!("  declined {n:>6}: {reason}");
    }
}
