//! `Batch`: several jobs of a module optimized one by one and generated into one object file.

use std::sync::atomic::{AtomicI64, Ordering};

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use tierlift_llvm::{CompileRequest, Error, ModuleCompiler, OptLevel};

const MODULE: &str = r#"
target triple = "x86_64-pc-linux-gnu"

@g = dso_local global i64 5, align 8
@.str = private unnamed_addr constant [6 x i8] c"hello\00", align 1

declare i64 @strlen(ptr)

define dso_local i64 @helper(i64 %x) {
  %y = mul i64 %x, 3
  ret i64 %y
}

define dso_local i64 @a(i64 %x) {
  %h = call i64 @helper(i64 %x)
  %r = add i64 %h, 1
  ret i64 %r
}

define dso_local i64 @b(i64 %x) {
  %h = call i64 @helper(i64 %x)
  %l = call i64 @strlen(ptr @.str)
  %r = add i64 %h, %l
  ret i64 %r
}

define dso_local i64 @bump(i64 %x) {
  %v = load i64, ptr @g, align 8
  %r = add i64 %v, %x
  store i64 %r, ptr @g, align 8
  ret i64 %r
}

define dso_local i64 @fact(i64 %n) {
entry:
  %small = icmp slt i64 %n, 2
  br i1 %small, label %one, label %more
one:
  ret i64 1
more:
  %m = sub i64 %n, 1
  %f = call i64 @fact(i64 %m)
  %r = mul i64 %n, %f
  ret i64 %r
}
"#;

static G: AtomicI64 = AtomicI64::new(5);
static HELLO: [u8; 6] = *b"hello\0";

/// The runtime's `helper` (what its stub would reach): the same function.
extern "C" fn helper_native(x: i64) -> i64 {
    x * 3
}

fn compiler(debug_info: bool) -> ModuleCompiler {
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(MODULE.as_bytes(), "batch.ll");
    let module = context.create_module_from_ir(buffer).expect("the test IR parses");
    let bitcode = module.write_bitcode_to_memory().as_slice().to_vec();
    let symbols = vec![
        ("helper".to_string(), helper_native as *const () as usize as u64),
        ("g".to_string(), G.as_ptr() as u64),
        (".str".to_string(), HELLO.as_ptr() as u64),
    ];
    let make = if debug_info { ModuleCompiler::with_debug_info } else { ModuleCompiler::new };
    make(&bitcode, &symbols).expect("the compiler is set up")
}

fn call(address: u64, x: i64) -> i64 {
    // SAFETY: every address here is a version of an `i64 (i64)` function of MODULE, mapped while its compiler
    // lives.
    let f: extern "C" fn(i64) -> i64 = unsafe { std::mem::transmute(address as usize) };
    f(x)
}

#[test]
fn jobs_of_a_batch_share_one_object_and_each_runs_as_compiled_alone() {
    for level in [OptLevel::O2, OptLevel::O3] {
        let c = compiler(false);
        let mut batch = c.batch();
        let helper = ["helper"];
        for (function, version) in [("a", "a.1"), ("b", "b.1"), ("bump", "bump.1"), ("fact", "fact.1")] {
            let bodies: &[&str] = if function == "bump" || function == "fact" { &[] } else { &helper };
            let req = CompileRequest { inline_bodies: bodies, ..CompileRequest::new(function, level, version) };
            batch.add(&req).unwrap_or_else(|e| panic!("{function} at {level:?}: {e}"));
        }
        assert_eq!(batch.len(), 4);
        let versions = batch.finish().expect("the batch compiles").versions;
        let [a, b, bump, fact] = [0, 1, 2, 3].map(|i| versions[i].0.clone());
        assert_eq!((call(a.address, 4), call(b.address, 4)), (13, 17), "{level:?}");
        G.store(5, Ordering::SeqCst);
        assert_eq!((call(bump.address, 2), call(bump.address, 3)), (7, 10), "{level:?}");
        assert_eq!(G.load(Ordering::SeqCst), 10);
        assert_eq!(call(fact.address, 10), 3_628_800, "{level:?}");
        // Both carried `helper` and inlined it: the two copies met in one module without a clash.
        assert!(a.still_called.is_empty() && b.still_called.is_empty(), "{:?} {:?}", a.still_called, b.still_called);
        let objects: Vec<usize> = versions.iter().map(|(v, _)| v.object_size).collect();
        assert!(objects.iter().all(|&size| size == objects[0] && size > 0), "{objects:?}");
        assert!(versions.iter().all(|(v, _)| v.code_size > 0), "a version without its symbol's size");
        let mut addresses: Vec<u64> = versions.iter().map(|(v, _)| v.address).collect();
        addresses.dedup();
        assert_eq!(addresses.len(), 4, "{addresses:x?}");
    }
}

#[test]
fn a_job_that_fails_leaves_the_batch_to_the_others() {
    let mut c = compiler(false);
    {
        let mut batch = c.batch();
        assert!(batch.is_empty());
        batch.add(&CompileRequest::new("a", OptLevel::O3, "a.1")).expect("compiles");
        let err = batch.add(&CompileRequest::new("no_such_function", OptLevel::O3, "x.1")).expect_err("unknown");
        assert!(matches!(err, Error::UnknownFunction { .. }), "{err}");
        let err = batch.add(&CompileRequest::new("b", OptLevel::O2, "b.1")).expect_err("another level");
        assert!(err.to_string().contains("one optimization level"), "{err}");
        let err = batch.add(&CompileRequest::new("b", OptLevel::O3, "a.1")).expect_err("a name taken");
        assert!(matches!(err, Error::VersionNameTaken { .. }), "{err}");
        batch.add(&CompileRequest::new("fact", OptLevel::O3, "fact.1")).expect("compiles");
        assert_eq!(batch.len(), 2);
        let versions = batch.finish().expect("the rest compiles").versions;
        assert_eq!((call(versions[0].0.address, 1), call(versions[1].0.address, 5)), (4, 120));
    }
    // The batch's version names are taken for good; an empty batch makes nothing.
    let err = c.compile(&CompileRequest::new("fact", OptLevel::O3, "fact.1")).expect_err("a name taken");
    assert!(matches!(err, Error::VersionNameTaken { .. }), "{err}");
    assert!(c.batch().finish().expect("nothing to do").versions.is_empty());
}

#[test]
fn with_debug_info_each_version_has_its_own_object() {
    let c = compiler(true);
    let mut batch = c.batch();
    batch.add(&CompileRequest::new("a", OptLevel::O2, "a.1")).expect("compiles");
    let err = batch.add(&CompileRequest::new("b", OptLevel::O2, "b.1")).expect_err("a second job");
    assert!(err.to_string().contains("debug info"), "{err}");
    let finished = batch.finish().expect("compiles");
    assert_eq!(finished.versions.len(), 1);
    assert_eq!(call(finished.versions[0].0.address, 2), 7);
}
