//! Modules the host cannot run, or only partly: an `Err` for what cannot work, the host alive, the rest of the
//! module callable — in every mode.

mod common;

use std::time::Duration;
use tierlift::{Error, Jit, TierMode};

const MODES: [TierMode; 3] = [TierMode::Tier0, TierMode::LlvmO3, TierMode::Tiered];

/// `ok` works everywhere; `bad` is what the test is about.
fn module_with(bad: &str) -> String {
    format!("define i64 @ok(i64 %x) {{\n  %y = mul i64 %x, 3\n  ret i64 %y\n}}\n\n{bad}")
}

/// Loads `ir` in `mode`, checks that `bad` fails to compile with a message containing each of `expect` (through
/// `compile_now` and `compile_all`), and that `ok` still runs.
fn check_refused(ir: &str, mode: TierMode, expect: &[&str]) {
    let jit = Jit::builder().mode(mode).build();
    let m = jit.load_bytes(ir.as_bytes()).unwrap_or_else(|e| panic!("{mode:?}: load failed: {e}"));
    let err = m.compile_now("bad").expect_err("bad must not compile");
    let text = err.to_string();
    assert!(matches!(err, Error::Compile { .. }), "{mode:?}: {err:?}");
    for e in expect {
        assert!(text.contains(e), "{mode:?}: `{text}` does not mention `{e}`");
    }
    let all = m.compile_all().expect_err("compile_all reports the bad function");
    assert_eq!(all.len(), 1, "{mode:?}: {all:?}");
    assert!(all[0].to_string().contains("@bad"), "{mode:?}: {}", all[0]);
    // SAFETY: `ok` is `i64 (i64)` and only computes.
    let ok = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("ok") }.unwrap();
    assert_eq!(ok.call(14), 42, "{mode:?}");
    assert!(m.wait_idle(Duration::from_secs(30)));
}

#[test]
fn foreign_intrinsic_is_refused_with_its_name() {
    let ir = module_with(
        "declare i32 @llvm.aarch64.crc32b(i32, i32)\n\
         define i32 @bad(i32 %a, i32 %b) {\n  %r = call i32 @llvm.aarch64.crc32b(i32 %a, i32 %b)\n  ret i32 %r\n}\n",
    );
    for mode in MODES {
        check_refused(&ir, mode, &["@bad", "llvm.aarch64.crc32b", "another target"]);
    }
}

const AVX512: &str = "declare <16 x float> @llvm.x86.avx512.sqrt.ps.512(<16 x float>, i32 immarg)\n\
    define void @bad(ptr %p) {\n  %v = load <16 x float>, ptr %p\n  \
    %r = call <16 x float> @llvm.x86.avx512.sqrt.ps.512(<16 x float> %v, i32 4)\n  \
    store <16 x float> %r, ptr %p\n  ret void\n}\n";

/// Runs the test `name` of this binary in a child process with `env` set; returns its combined output.
fn run_self(name: &str, env: &[(&str, &str)]) -> (std::process::ExitStatus, String) {
    let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
    cmd.args([name, "--exact", "--ignored", "--nocapture", "--test-threads=1"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (out.status, format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn intrinsic_the_cpu_lacks_is_refused_not_fatal() {
    // LLVM compiles for a CPU without AVX-512 (on hosts that have it, too) in a child test process.
    let (status, out) = run_self("avx512_on_a_cpu_without_it", &[("TIERLIFT_CPU_FEATURES", "-avx512f")]);
    assert!(status.success(), "{out}");
    assert!(out.contains("1 passed"), "the child test did not run: {out}");
}

#[test]
#[ignore = "run by intrinsic_the_cpu_lacks_is_refused_not_fatal with TIERLIFT_CPU_FEATURES set"]
fn avx512_on_a_cpu_without_it() {
    assert_eq!(std::env::var("TIERLIFT_CPU_FEATURES").as_deref(), Ok("-avx512f"));
    for mode in [TierMode::LlvmO3, TierMode::Tiered] {
        check_refused(&module_with(AVX512), mode, &["@bad", "llvm.x86.avx512.sqrt.ps.512", "cannot run", "split"]);
    }
}

#[test]
fn intrinsic_the_cpu_has_is_accepted() {
    // Where the host has AVX-512 the same module compiles; elsewhere it is refused like above.
    let has_avx512 = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default().contains(" avx512f");
    let jit = Jit::builder().mode(TierMode::LlvmO3).build();
    let m = jit.load_bytes(module_with(AVX512).as_bytes()).unwrap();
    assert_eq!(m.compile_now("bad").is_ok(), has_avx512, "{:?}", m.compile_now("bad"));
}

#[test]
fn unknown_intrinsic_is_refused() {
    let ir = module_with(
        "declare i32 @llvm.tierlift.nonsense(i32)\ndefine i32 @bad(i32 %a) {\n  %r = call i32 @llvm.tierlift.nonsense(i32 %a)\n  ret i32 %r\n}\n",
    );
    match Jit::builder().build().load_bytes(ir.as_bytes()) {
        // LLVM's verifier may reject the module outright; otherwise only @bad is refused.
        Err(e) => assert!(e.to_string().contains("llvm.tierlift.nonsense"), "{e}"),
        Ok(_) => {
            for mode in MODES {
                check_refused(&ir, mode, &["@bad", "llvm.tierlift.nonsense"]);
            }
        }
    }
}

#[test]
fn function_failing_in_every_tier() {
    // Tier 0 declines inline assembly; LLVM cannot assemble this.
    let ir = module_with(
        "define void @bad() {\n  call void asm sideeffect \"no_such_instruction %rax\", \"\"()\n  ret void\n}\n",
    );
    for mode in MODES {
        check_refused(&ir, mode, &["@bad"]);
    }
}

#[test]
fn foreign_triple_and_layout_do_not_load() {
    for (header, expect) in [
        ("target triple = \"aarch64-unknown-linux-gnu\"\n", "aarch64"),
        ("target triple = \"x86_64-pc-windows-msvc\"\n", "windows"),
        ("target datalayout = \"e-p:32:32-i64:64-n8:16:32-S128\"\ntarget triple = \"x86_64-pc-linux-gnu\"\n", "32-bit"),
    ] {
        let ir = format!("{header}{}", module_with(""));
        for mode in MODES {
            match Jit::builder().mode(mode).build().load_bytes(ir.as_bytes()) {
                Err(e @ Error::Target(_)) => assert!(e.to_string().contains(expect), "{e}"),
                Err(e) => panic!("{mode:?}: wrong error for {header}: {e:?}"),
                Ok(_) => panic!("{mode:?}: a module with {header} loaded"),
            }
        }
    }
}

#[test]
fn checked_handles_reject_the_wrong_type() {
    let ir = "define double @half(double %x) {\n  %y = fmul double %x, 0.5\n  ret double %y\n}\n\
              define i32 @first(ptr %p, i32 %n) {\n  %v = load i32, ptr %p\n  %r = add i32 %v, %n\n  ret i32 %r\n}\n";
    let m = Jit::builder().build().load_bytes(ir.as_bytes()).unwrap();
    let mismatch = |e: Error| match e {
        Error::SignatureMismatch { function, reason } => format!("{function}: {reason}"),
        other => panic!("expected a signature mismatch, got {other:?}"),
    };
    // SAFETY: handles are only created, and called only when the type matches the IR (all calls below).
    unsafe {
        let e = mismatch(m.get_function::<extern "C" fn(i64) -> i64>("half").err().unwrap());
        assert!(e.contains("half") && e.contains("double") && e.contains("i64"), "{e}");
        let e = mismatch(m.get_function::<extern "C" fn(f64, f64) -> f64>("half").err().unwrap());
        assert!(e.contains("1 parameters") || e.contains("parameters"), "{e}");
        let e = mismatch(m.get_function::<extern "C" fn(f32) -> f64>("half").err().unwrap());
        assert!(e.contains("float"), "{e}");
        let e = mismatch(m.get_function::<extern "C" fn(usize, i32) -> i32>("first").err().unwrap());
        assert!(e.contains("ptr"), "{e}");
        let e = mismatch(m.get_function::<extern "C" fn(*const i32, i64) -> i32>("first").err().unwrap());
        assert!(e.contains("parameter 1"), "{e}");
        assert!(matches!(m.get_function::<extern "C" fn(f64) -> f64>("nothing"), Err(Error::NoSuchFunction(_))));
        let half = m.get_function::<extern "C" fn(f64) -> f64>("half").unwrap();
        assert_eq!(half.call(5.0), 2.5);
        let first = m.get_function::<extern "C" fn(*const i32, i32) -> i32>("first").unwrap();
        assert_eq!(first.call([40].as_ptr(), 2), 42);
        // Types the check cannot see stay reachable, unchecked.
        let raw = m.get_function_unchecked::<extern "C" fn(f64) -> f64>("half").unwrap();
        assert_eq!(raw.call(1.0), 0.5);
        assert!(m.get_function_unchecked::<u32>("half").is_err(), "not a function pointer");
    }
}

#[test]
fn lazy_failure_goes_to_the_handler() {
    let (status, out) = run_self("lazy_failure_child", &[]);
    assert_eq!(status.code(), Some(42), "{out}");
    assert!(out.contains("handler saw: cannot compile @bad"), "{out}");
}

#[test]
#[ignore = "run by lazy_failure_goes_to_the_handler"]
fn lazy_failure_child() {
    let ir = module_with(
        "declare i32 @llvm.aarch64.crc32b(i32, i32)\n\
         define i32 @bad(i32 %a, i32 %b) {\n  %r = call i32 @llvm.aarch64.crc32b(i32 %a, i32 %b)\n  ret i32 %r\n}\n",
    );
    let jit = Jit::builder()
        .lazy_failure_handler(|e| {
            println!("handler saw: {e}");
            std::process::exit(42);
        })
        .build();
    let m = jit.load_bytes(ir.as_bytes()).unwrap();
    // SAFETY: `bad` is `i32 (i32, i32)`; its first call fails to compile and never returns.
    let bad = unsafe { m.get_function::<extern "C" fn(i32, i32) -> i32>("bad") }.unwrap();
    bad.call(1, 2);
    unreachable!("the handler exits");
}

#[test]
fn a_call_to_a_missing_external_goes_to_the_handler() {
    let (status, out) = run_self("missing_external_child", &[]);
    assert_eq!(status.code(), Some(43), "{out}");
    assert!(out.contains("handler saw: unresolved external symbol `not_defined_anywhere`"), "{out}");
}

#[test]
#[ignore = "run by a_call_to_a_missing_external_goes_to_the_handler"]
fn missing_external_child() {
    let ir = module_with(
        "declare i64 @not_defined_anywhere(i64)\n\
         define i64 @calls_it(i64 %x) {\n  %r = call i64 @not_defined_anywhere(i64 %x)\n  ret i64 %r\n}\n",
    );
    let jit = Jit::builder()
        .lazy_failure_handler(|e| {
            println!("handler saw: {e}");
            std::process::exit(43);
        })
        .build();
    // Bound lazily, as a shared library's functions are: the load succeeds.
    let m = jit.load_bytes(ir.as_bytes()).unwrap();
    // SAFETY: `calls_it` is `i64 (i64)`; its call to the missing function never returns.
    let f = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("calls_it") }.unwrap();
    f.call(1);
    unreachable!("the handler exits");
}

#[test]
fn run_bitcode_exits_70_naming_the_function() {
    let ir = module_with(
        "declare i32 @llvm.aarch64.crc32b(i32, i32)\n\
         define i32 @bad(i32 %a, i32 %b) {\n  %r = call i32 @llvm.aarch64.crc32b(i32 %a, i32 %b)\n  ret i32 %r\n}\n\
         define i32 @main() {\n  %r = call i32 @bad(i32 1, i32 2)\n  ret i32 %r\n}\n",
    );
    let path = common::scratch().join(format!("lazy-fail-{}.ll", std::process::id()));
    std::fs::write(&path, ir).unwrap();
    for mode in ["tier0", "llvm-o3", "tiered"] {
        let (got, stderr) = common::tierlift(&path, &["--mode", mode]);
        assert_eq!(got.code, Some(70), "{mode}: {stderr}");
        assert!(stderr.contains("@bad") && stderr.contains("llvm.aarch64.crc32b"), "{mode}: {stderr}");
    }
}

#[test]
fn compiles_after_shutdown_are_stopped() {
    let jit = Jit::builder().mode(TierMode::LlvmO2).build();
    let m = jit.load_bytes(module_with("define i64 @later() {\n  ret i64 5\n}\n").as_bytes()).unwrap();
    m.compile_now("ok").unwrap();
    m.shutdown();
    assert!(matches!(m.compile_now("later"), Err(Error::Stopped)), "{:?}", m.compile_now("later"));
    // Code compiled before keeps running.
    // SAFETY: `ok` is `i64 (i64)`.
    let ok = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("ok") }.unwrap();
    assert_eq!(ok.call(2), 6);
}
