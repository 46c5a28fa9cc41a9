//! Helpers shared by the criterion benches.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compiles a C file to bitcode with clang-19 (into target/bench-inputs).
pub fn bitcode(src: &Path, level: u32) -> PathBuf {
    let dir = root().join("target").join("bench-inputs");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(format!("{}.O{level}.bc", src.file_stem().unwrap().to_string_lossy()));
    let ok = Command::new("clang-19")
        .args([format!("-O{level}").as_str(), "-c", "-emit-llvm", "-w", "-o"])
        .arg(&out)
        .arg(src)
        .status()
        .expect("clang-19 is required (make bench installs it)")
        .success();
    assert!(ok, "clang-19 failed on {}", src.display());
    out
}

/// A module of `n` functions of which main calls `called` (through a table), as textual IR.
pub fn large_module(n: usize, called: usize) -> String {
    let mut ir = String::from("declare i32 @printf(ptr, ...)\n@fmt = private constant [4 x i8] c\"%d\\0A\\00\"\n");
    for i in 0..n {
        ir.push_str(&format!(
            "define i32 @f{i}(i32 %x) {{\nentry:\n  %a = mul i32 %x, {m}\n  %b = add i32 %a, {i}\n  %c = xor i32 %b, {k}\n  \
             %d = icmp sgt i32 %c, 1000\n  br i1 %d, label %big, label %small\nbig:\n  %e = sdiv i32 %c, 3\n  ret i32 %e\n\
             small:\n  %f = shl i32 %c, 1\n  ret i32 %f\n}}\n",
            m = i % 7 + 2,
            k = i * 31 % 1009
        ));
    }
    ir.push_str("define i32 @main() {\nentry:\n  %s0 = add i32 0, 1\n");
    for j in 0..called {
        let f = j * (n / called.max(1));
        ir.push_str(&format!("  %s{} = call i32 @f{f}(i32 %s{j})\n", j + 1));
    }
    ir.push_str(&format!(
        "  %r = and i32 %s{called}, 127\n  call i32 (ptr, ...) @printf(ptr @fmt, i32 %r)\n  ret i32 0\n}}\n"
    ));
    ir
}
