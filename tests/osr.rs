//! On-stack replacement: programs whose hot loop lives in `main` give lli-19's output with OSR forced at the first
//! back edge and at realistic thresholds, and the forced runs enter LLVM code through an OSR entry (from tier-0
//! code, or from the LLVM O0 code of a function tier 0 declines).

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn programs() -> Vec<PathBuf> {
    let dir = common::root().join("tests").join("osr");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "c" || x == "cpp" || x == "ll"))
        .collect();
    v.sort();
    v
}

/// Deterministic text for the programs that read stdin.
fn input() -> Vec<u8> {
    let mut out = Vec::new();
    let mut x: u32 = 7;
    for line in 0..120_000 {
        for word in 0..(line % 9 + 1) {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let len = (x >> 28) as usize + 1;
            for k in 0..len {
                let c = b"abcdefghijklmnopqrstuvwxyz0123456789"[((x >> (k % 24)) % 36) as usize];
                out.push(c);
            }
            out.push(if word % 4 == 3 { b',' } else { b' ' });
        }
        out.push(b'\n');
    }
    out
}

fn run(cmd: &mut Command, stdin: &[u8]) -> (common::RunResult, String) {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let mut pipe = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    writer.join().unwrap();
    (
        common::RunResult { stdout: String::from_utf8_lossy(&out.stdout).into_owned(), code: out.status.code() },
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn osr_entries(stats: &Path, function: &str) -> u64 {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(stats).unwrap()).unwrap();
    v["functions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"] == function)
        .flat_map(|f| f["osr"].as_array().cloned().unwrap_or_default())
        .map(|o| o["entries"].as_u64().unwrap_or(0))
        .sum()
}

/// Runs `program` tiered (loop threshold 1000, compiles waited for) with every optimized module printed and the
/// stats written to `stats`.
fn run_dumping(program: &Path, stats: &Path) -> std::process::Output {
    Command::new(common::run_bitcode())
        .args(["--loop-threshold", "1000", "--wait-compiles", "--stats-json"])
        .arg(stats)
        .arg(program)
        .env("TIERLIFT_DUMP_LLVM", "1")
        .output()
        .expect("spawn run_bitcode")
}

/// The body of `main`'s OSR entry among the modules a [`run_dumping`] run printed.
fn main_entry_body(out: &std::process::Output) -> String {
    let dump = String::from_utf8_lossy(&out.stderr);
    let entry = dump
        .split("\ndefine ")
        .find(|d| d.contains("@main.tl.osr"))
        .unwrap_or_else(|| panic!("no OSR entry in the dumped modules:\n{dump}"));
    entry[..entry.find("\n}").unwrap_or(entry.len())].to_string()
}

#[test]
fn hot_loops_in_main_enter_llvm_code() {
    let stdin = input();
    let mut failures = Vec::new();
    for src in programs() {
        for level in [0, 1, 2] {
            let bc = common::compile_c(&src, level);
            let (reference, _) = run(Command::new(common::tool("lli-19")).arg(&bc), &stdin);
            let stats = common::scratch().join(format!(
                "osr-{}-{level}-{}.json",
                std::process::id(),
                src.file_stem().unwrap().to_string_lossy()
            ));
            let configs: [(&str, &[&str]); 3] =
                [("forced", &["--loop-threshold", "1"]), ("realistic", &[]), ("off", &["--osr", "off"])];
            for (name, opts) in configs {
                // With OSR forced, the entry must come while `main` still loops: its compile may outlast the loop
                // on a loaded host (a debug build's suite running beside other jobs), so a run without an entry is
                // tried again, up to three runs in all.
                let attempts = if name == "forced" { 3 } else { 1 };
                let (mut entries, mut wrong) = (0, false);
                for _ in 0..attempts {
                    let mut cmd = Command::new(common::run_bitcode());
                    cmd.args(opts).arg("--stats-json").arg(&stats).arg(&bc);
                    let (got, stderr) = run(&mut cmd, &stdin);
                    if got != reference {
                        failures.push(format!(
                            "{} -O{level} {name}: expected {reference:?}, got {got:?}\n{stderr}",
                            src.display()
                        ));
                        wrong = true;
                        break;
                    }
                    entries = osr_entries(&stats, "main");
                    if entries > 0 {
                        break;
                    }
                }
                if wrong {
                    continue;
                }
                if name == "forced" && entries == 0 {
                    failures.push(format!("{} -O{level}: no OSR entry was taken with OSR forced", src.display()));
                }
                if name == "off" && entries != 0 {
                    failures.push(format!("{} -O{level}: OSR entries taken with --osr off", src.display()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `main` loops calling a small function: its OSR entry (the code `main`'s frame then runs for good) carries the
/// callee's body, and LLVM inlines it.
#[test]
fn an_entry_into_main_inlines_its_hot_callee() {
    let ir = r#"
declare i32 @printf(ptr, ...)
@fmt = private constant [5 x i8] c"%ld\0A\00"

define internal i64 @step(i64 %s, i64 %i) {
  %a = mul i64 %i, 3
  %b = xor i64 %s, %a
  %c = add i64 %b, 1
  ret i64 %c
}

define i32 @main() {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i64 [ 0, %entry ], [ %s1, %loop ]
  %s1 = call i64 @step(i64 %s, i64 %i)
  %i1 = add i64 %i, 1
  %done = icmp eq i64 %i1, 300000000
  br i1 %done, label %exit, label %loop
exit:
  %r = call i32 (ptr, ...) @printf(ptr @fmt, i64 %s1)
  ret i32 0
}
"#;
    let path = common::scratch().join(format!("osr-inline-{}.ll", std::process::id()));
    std::fs::write(&path, ir).unwrap();
    let stats = path.with_extension("json");
    let out = run_dumping(&path, &stats);
    let expected = (0..300_000_000i64).fold(0i64, |s, i| (s ^ (i * 3)) + 1);
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{expected}\n"));
    assert!(osr_entries(&stats, "main") >= 1, "main never entered its OSR entry");
    let body = main_entry_body(&out);
    let body = body.as_str();
    assert!(!body.contains("@step("), "the OSR entry still calls @step:\n{body}");
}

/// `main` copies string literals into locals before its loop and compares them inside (clang -O0 bitcode, where
/// every string stays in a local the tier-0 frame holds): the entry rebuilds both locals from the literals
/// instead of reading the frame, so LLVM knows the strings (the comparison leaves the loop). The loop runs long
/// enough for its entry's compile to finish first even on a loaded machine.
#[test]
fn an_entry_into_main_knows_the_strings_main_copied_before_the_loop() {
    let src = common::scratch().join(format!("osr-strings-{}.c", std::process::id()));
    std::fs::write(
        &src,
        r#"
#include <stdio.h>
#include <string.h>
static int differ(const char *a, const char *b) { return strcmp(a, b) != 0; }
int main(void) {
    char first[17], second[18];
    strcpy(first, "THE FIRST STRING");
    strcpy(second, "THE OTHER STRING");
    long n = 0;
    for (int i = 0; i < 20000000; i++)
        n += differ(first, second) * 3 + (i & 3);
    printf("%ld %s\n", n, first);
    return 0;
}
"#,
    )
    .unwrap();
    let bc = common::compile_c(&src, 0);
    let stats = src.with_extension("json");
    let out = run_dumping(&bc, &stats);
    let expected: i64 = (0..20_000_000i64).map(|i| 3 + (i & 3)).sum();
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{expected} THE FIRST STRING\n"));
    assert!(osr_entries(&stats, "main") >= 1, "main never entered its OSR entry");
    let body = main_entry_body(&out);
    let body = body.as_str();
    // Only the code before the loop names the second literal.
    assert!(body.contains("@.str.1"), "the OSR entry does not know the second string:\n{body}");
    assert!(!body.contains("@differ("), "the OSR entry does not inline the comparison:\n{body}");
}
