//! Bad input gets a one-line error and a non-zero exit, never a panic or an abort.

mod common;

use std::path::{Path, PathBuf};

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let p = common::scratch().join(format!("bad-{}-{name}", std::process::id()));
    std::fs::write(&p, bytes).unwrap();
    p
}

fn assert_clean_failure(path: &Path, expect: &str) {
    let (got, stderr) = common::tierlift(path, &["--mode", "tier0"]);
    assert_eq!(got.code, Some(1), "{}: exit status {:?}, stderr: {stderr}", path.display(), got.code);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}: expected one line on stderr, got: {stderr}", path.display());
    assert!(lines[0].starts_with("run_bitcode: error:"), "{stderr}");
    assert!(lines[0].contains(expect), "{}: `{}` does not mention `{expect}`", path.display(), lines[0]);
    assert!(got.stdout.is_empty());
}

#[test]
fn empty_file() {
    assert_clean_failure(&write("empty.bc", b""), "empty input");
}

#[test]
fn garbage_file() {
    assert_clean_failure(&write("garbage.bc", &[0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x00, 0xff, 0x42]), "cannot parse");
}

#[test]
fn truncated_bitcode() {
    let bc = common::compile_c(&common::root().join("tests/c/sieve.c"), 1);
    let bytes = std::fs::read(bc).unwrap();
    for cut in [8, bytes.len() / 3, bytes.len() - 9] {
        assert_clean_failure(&write(&format!("trunc{cut}.bc"), &bytes[..cut]), "cannot parse");
    }
}

#[test]
fn broken_text_ir() {
    assert_clean_failure(&write("broken.ll", b"define i32 @main( {\n  ret i32 0\n"), "cannot parse");
}

#[test]
fn invalid_ir_fails_verification() {
    let ir = b"define i32 @main() {\nentry:\n  %x = add i32 %y, 1\n  %y = add i32 %x, 1\n  ret i32 %x\n}\n";
    assert_clean_failure(&write("invalid.ll", ir), "invalid module");
}

const ALL_MODES: [&[&str]; 5] = [
    &["--mode", "tier0"],
    &["--mode", "llvm-o0"],
    &["--mode", "llvm-o2"],
    &["--mode", "llvm-o3"],
    &["--mode", "tiered", "--threshold", "1", "--wait-compiles"],
];

#[test]
fn missing_function_fails_when_called_naming_it() {
    // Bound lazily, like a shared library with lazy binding: the module loads and runs until the call.
    let ir = b"@s = private constant [7 x i8] c\"before\\00\"\ndeclare i32 @puts(ptr)\n\
declare i32 @tierlift_no_such_function(i32)\ndefine i32 @main() {\n  call i32 @puts(ptr @s)\n\
  %r = call i32 @tierlift_no_such_function(i32 1)\n  ret i32 %r\n}\n";
    let path = write("unresolved.ll", ir);
    for mode in ALL_MODES {
        let (got, stderr) = common::tierlift(&path, mode);
        assert_eq!(got.code, Some(70), "{mode:?}: exit status {:?}, stderr: {stderr}", got.code);
        assert_eq!(got.stdout, "before\n", "{mode:?}");
        assert!(stderr.contains("`tierlift_no_such_function`"), "{mode:?}: stderr does not name the symbol: {stderr}");
    }
}

#[test]
fn missing_function_never_called_does_not_stop_the_load() {
    let ir = b"declare i32 @tierlift_no_such_function(i32)\n@table = global ptr @tierlift_no_such_function\n\
define i32 @main() {\n  %p = load ptr, ptr @table\n  %z = icmp eq ptr %p, null\n  br i1 %z, label %a, label %b\n\
a:\n  %r = call i32 @tierlift_no_such_function(i32 1)\n  ret i32 %r\nb:\n  ret i32 9\n}\n";
    let path = write("uncalled.ll", ir);
    for mode in ALL_MODES {
        let (got, stderr) = common::tierlift(&path, mode);
        assert_eq!(got.code, Some(9), "{mode:?}: exit status {:?}, stderr: {stderr}", got.code);
    }
}

#[test]
fn missing_global_variable_fails_the_load() {
    let ir = b"@tierlift_no_such_global = external global i32\ndefine i32 @main() {\n\
  %v = load i32, ptr @tierlift_no_such_global\n  ret i32 %v\n}\n";
    assert_clean_failure(&write("unresolved_global.ll", ir), "tierlift_no_such_global");
}

/// Globals larger than a module's stubs can reach past to their slots (2 GiB): an error at load (it was a crash
/// at the first call).
#[test]
fn globals_too_large_for_the_function_table() {
    let ir = "@big = global [3221225472 x i8] zeroinitializer\n\
              define i32 @main() {\n  store i8 1, ptr @big\n  ret i32 0\n}\n";
    assert_clean_failure(&write("huge-globals.ll", ir.as_bytes()), "bytes of global variables");
}

#[test]
fn missing_main() {
    assert_clean_failure(
        &write("nomain.ll", b"define i32 @not_main() {\n  ret i32 0\n}\n"),
        "no function named `main`",
    );
}

#[test]
fn embedding_api_returns_errors() {
    let jit = tierlift::Jit::builder().build();
    assert!(matches!(jit.load_bytes(b""), Err(tierlift::Error::Ir(tierlift_ir::Error::Empty))));
    assert!(matches!(jit.load_bytes(b"BC\xC0\xDE\x01\x02"), Err(tierlift::Error::Ir(tierlift_ir::Error::Parse(_)))));
    assert!(matches!(jit.load_bytes(b"define i32 @f( {"), Err(tierlift::Error::Ir(tierlift_ir::Error::Parse(_)))));
    let unresolved = b"@tierlift_missing = external global i32\ndefine i32 @f() {\n\
  %v = load i32, ptr @tierlift_missing\n  ret i32 %v\n}\n";
    match jit.load_bytes(unresolved) {
        Err(tierlift::Error::UnresolvedSymbol(name)) => assert_eq!(name, "tierlift_missing"),
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("an unresolved global variable must fail the load"),
    }
    // A missing function is bound lazily: the load succeeds.
    let lazy =
        b"declare void @tierlift_missing()\ndefine void @f() {\n  call void @tierlift_missing()\n  ret void\n}\n";
    assert!(jit.load_bytes(lazy).is_ok());
    let m = jit.load_bytes(b"define void @f() {\n  ret void\n}\n").unwrap();
    assert!(matches!(m.function_address("g"), Err(tierlift::Error::NoSuchFunction(_))));
    assert!(jit.load_file("/nonexistent/tierlift.bc").is_err());
}

/// A corrupted bitcode file on which LLVM's bitcode reader crashes (found by flipping bytes of a clang -O1 module).
fn reader_crash() -> PathBuf {
    common::root().join("tests/bad/reader_crash.bc")
}

#[test]
fn isolated_parse_rejects_input_that_crashes_the_reader() {
    // Parsed in this process, the file kills it: that is what isolation is for.
    let (plain, _) = common::tierlift(&reader_crash(), &["--mode", "tier0"]);
    assert_eq!(plain.code, None, "the fixture no longer crashes LLVM's reader");
    let (got, stderr) = common::tierlift(&reader_crash(), &["--mode", "tier0", "--isolate-parse"]);
    assert_eq!(got.code, Some(1), "{stderr}");
    assert!(stderr.starts_with("run_bitcode: error: rejected input"), "{stderr}");
    // Ordinary bad input keeps its ordinary error.
    let (got, stderr) = common::tierlift(&write("isolated-garbage.bc", b"BC\xc0\xde\x01\x02"), &["--isolate-parse"]);
    assert_eq!(got.code, Some(1), "{stderr}");
    assert!(stderr.contains("cannot parse"), "{stderr}");
}

#[test]
fn isolated_parse_through_the_api_keeps_the_host_alive() {
    let jit = tierlift::Jit::builder().isolate_parse(1 << 30, std::time::Duration::from_secs(10)).build();
    match jit.load_file(reader_crash()) {
        Err(tierlift::Error::RejectedInput(reason)) => assert!(reason.contains("signal"), "{reason}"),
        Err(e) => panic!("wrong error: {e:?}"),
        Ok(_) => panic!("a corrupted module loaded"),
    }
    // The host goes on, and good input still loads through the isolated parse.
    let m = jit.load_bytes(b"define i32 @seven() {\n  ret i32 7\n}\n").unwrap();
    // SAFETY: `seven` is `i32 ()`.
    let seven = unsafe { m.get_function::<extern "C" fn() -> i32>("seven") }.unwrap();
    assert_eq!(seven.call(), 7);
}

/// Bitcode whose `@broken` does not verify (an instruction used before it is defined), written with the
/// verifier off; `main` calls `@seven`, and `@broken` only when the program has an argument. (It names its
/// target: a module without one is written anew, and so read whole, at load.)
fn broken_body_bitcode() -> PathBuf {
    let ll = write(
        "broken_body.ll",
        b"target triple = \"x86_64-pc-linux-gnu\"\n\
target datalayout = \"e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128\"\n\
define i32 @broken(i32 %a) {\n  %x = add i32 %y, %a\n  %y = add i32 %x, 1\n  ret i32 %y\n}\n\
define i32 @seven() {\n  ret i32 7\n}\n\
define i32 @main(i32 %argc, ptr %argv) {\n  %many = icmp sgt i32 %argc, 1\n  br i1 %many, label %bad, label %good\n\
good:\n  %s = call i32 @seven()\n  ret i32 %s\nbad:\n  %b = call i32 @broken(i32 %argc)\n  ret i32 %b\n}\n",
    );
    let bc = ll.with_extension("bc");
    let status = std::process::Command::new("llvm-as-19")
        .arg("-disable-verify")
        .arg(&ll)
        .arg("-o")
        .arg(&bc)
        .status()
        .expect("run llvm-as-19");
    assert!(status.success());
    bc
}

#[test]
fn a_broken_body_in_bitcode_fails_when_its_function_is_first_compiled() {
    let bc = broken_body_bitcode();
    // Tier 0 reads (and verifies) the bodies of bitcode as functions are first compiled: a broken one that never
    // runs does not stop the program. (The LLVM tiers read the whole module and fail their compiles.)
    for mode in [&["--mode", "tier0"][..], &["--mode", "tiered"]] {
        let (got, stderr) = common::tierlift(&bc, mode);
        assert_eq!(got.code, Some(7), "{mode:?}: exit status {:?}, stderr: {stderr}", got.code);
    }
    let (got, stderr) = common::tierlift(&bc, &["--mode", "llvm-o0"]);
    assert_eq!(got.code, Some(1), "{stderr}");
    assert!(stderr.contains("invalid module"), "{stderr}");
    // Called, it is an error that names the function, not a crash.
    let out = std::process::Command::new(common::run_bitcode())
        .args(["--mode", "tier0"])
        .arg(&bc)
        .arg("an-argument")
        .output()
        .expect("run run_bitcode");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(70), "{stderr}");
    assert!(stderr.contains("broken") && stderr.contains("invalid body"), "{stderr}");
    // Through the API: the module loads, the good function runs, compiling the broken one is an error value.
    let jit = tierlift::Jit::builder().mode(tierlift::TierMode::Tier0).build();
    let m = jit.load_file(&bc).expect("a broken body never compiled does not fail the load");
    // SAFETY: `seven` is `i32 ()`.
    let seven = unsafe { m.get_function::<extern "C" fn() -> i32>("seven") }.unwrap();
    assert_eq!(seven.call(), 7);
    let err = m.compile_now("broken").expect_err("a body that does not verify compiled");
    assert!(err.to_string().contains("invalid body"), "{err}");
    // Read whole (as an isolated parse does), the module does not load.
    let isolated = tierlift::Jit::builder().isolate_parse(1 << 30, std::time::Duration::from_secs(10)).build();
    match isolated.load_file(&bc) {
        Err(tierlift::Error::Ir(tierlift_ir::Error::Verify(_))) => {}
        Err(e) => panic!("wrong error: {e:?}"),
        Ok(_) => panic!("read whole, a broken body must fail the load"),
    }
}

#[test]
fn isolated_parse_says_when_the_input_needs_more_memory_than_allowed() {
    let mut ir = String::new();
    for i in 0..40_000 {
        ir.push_str(&format!("define i64 @f{i}(i64 %x) {{\n  %y = add i64 %x, {i}\n  ret i64 %y\n}}\n"));
    }
    let jit = tierlift::Jit::builder().isolate_parse(16 << 20, std::time::Duration::from_secs(60)).build();
    match jit.load_bytes(ir.as_bytes()) {
        Err(tierlift::Error::RejectedInput(reason)) => {
            assert!(reason.contains("ran out of memory") && reason.contains("16 MB"), "{reason}")
        }
        Err(e) => panic!("wrong error: {e:?}"),
        Ok(_) => panic!("parsed within 16 MB"),
    }
}
