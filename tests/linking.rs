//! One engine, many modules: undefined symbols of a module resolve to modules loaded before it into the same
//! `Jit`; a module stays loaded while a module linked to it is.

mod common;

use std::time::Duration;
use tierlift::{Error, Jit, Tier, TierMode};

const LIB_A: &str = r#"
@a_base = global i64 100
@a_table = global [2 x ptr] [ptr @a_add, ptr @a_mul]

define i64 @a_add(i64 %x, i64 %y) {
  %s = add i64 %x, %y
  %b = load i64, ptr @a_base
  %r = add i64 %s, %b
  ret i64 %r
}

define i64 @a_mul(i64 %x, i64 %y) {
  %r = mul i64 %x, %y
  ret i64 %r
}

define internal i64 @a_hidden() {
  ret i64 7
}
"#;

const APP_B: &str = r#"
declare i64 @a_add(i64, i64)
@a_base = external global i64
@a_table = external global [2 x ptr]

define i64 @b_run(i64 %x) {
  %r = call i64 @a_add(i64 %x, i64 1)
  ret i64 %r
}

define void @b_set_base(i64 %v) {
  store i64 %v, ptr @a_base
  ret void
}

define ptr @b_address_of_a_add() {
  ret ptr @a_add
}

define i64 @b_via_table(i64 %i, i64 %x) {
  %slot = getelementptr [2 x ptr], ptr @a_table, i64 0, i64 %i
  %f = load ptr, ptr %slot
  %r = call i64 %f(i64 %x, i64 %x)
  ret i64 %r
}
"#;

type Run = extern "C" fn(i64) -> i64;

#[test]
fn calls_and_globals_link_across_modules_in_every_mode() {
    for mode in [TierMode::Tier0, TierMode::LlvmO2, TierMode::Tiered] {
        let jit = Jit::builder().mode(mode).call_threshold(50).build();
        let a = jit.load_bytes(LIB_A.as_bytes()).unwrap();
        let b = jit.load_bytes(APP_B.as_bytes()).unwrap();
        // SAFETY: the types match the IR above; the functions only compute and touch their globals.
        let (run, set_base, addr, via_table) = unsafe {
            (
                b.get_function::<Run>("b_run").unwrap(),
                b.get_function::<extern "C" fn(i64)>("b_set_base").unwrap(),
                b.get_function::<extern "C" fn() -> *const u8>("b_address_of_a_add").unwrap(),
                b.get_function::<extern "C" fn(i64, i64) -> i64>("b_via_table").unwrap(),
            )
        };
        assert_eq!(run.call(1), 102, "{mode:?}");
        // One global: B's store is A's global.
        set_base.call(1000);
        assert_eq!(run.call(1), 1002, "{mode:?}");
        assert_eq!(a.symbol_address("a_base"), b.symbol_address("a_base"), "{mode:?}");
        // One address per function: A's stub, from B's code and from A's table.
        assert_eq!(addr.call() as usize, a.function_address("a_add").unwrap(), "{mode:?}");
        assert_eq!(via_table.call(0, 5), 1010, "{mode:?}");
        assert_eq!(via_table.call(1, 5), 25, "{mode:?}");
        assert!(b.wait_idle(Duration::from_secs(30)));
    }
}

#[test]
fn calls_across_modules_follow_the_callees_tier_changes() {
    let jit = Jit::builder().call_threshold(1_000_000).build();
    let a = jit.load_bytes(LIB_A.as_bytes()).unwrap();
    let b = jit.load_bytes(APP_B.as_bytes()).unwrap();
    // SAFETY: `b_run` is `i64 (i64)`.
    let run = unsafe { b.get_function::<Run>("b_run") }.unwrap();
    let tiers = [Tier::Tier0, Tier::LlvmO2, Tier::LlvmO3, Tier::LlvmO0];
    for i in 0..20_000i64 {
        if i % 500 == 0 {
            a.force_tier("a_add", tiers[(i / 500) as usize % tiers.len()]).unwrap();
        }
        assert_eq!(run.call(i), i + 101);
    }
    let installs = a.stats().function("a_add").unwrap().installs;
    assert!(installs >= 40, "a_add was installed {installs} times");
}

#[test]
fn a_module_stays_loaded_while_one_links_to_it() {
    let jit = Jit::builder().build();
    let a = jit.load_bytes(LIB_A.as_bytes()).unwrap();
    let b = jit.load_bytes(APP_B.as_bytes()).unwrap();
    let base = a.symbol_address("a_base").unwrap();
    drop(a);
    // SAFETY: the types match the IR above.
    let (run, set_base) = unsafe {
        (b.get_function::<Run>("b_run").unwrap(), b.get_function::<extern "C" fn(i64)>("b_set_base").unwrap())
    };
    assert_eq!(run.call(1), 102);
    set_base.call(5);
    assert_eq!(run.call(1), 7);
    assert_eq!(b.symbol_address("a_base"), Some(base));
    // A new A is a new module: B keeps the one it linked to, and the clash is only with live strong definitions.
    let a2 = jit.load_bytes(LIB_A.as_bytes());
    assert!(matches!(a2, Err(Error::DuplicateDefinition(_))), "the first A is still loaded through B");
    drop(b);
    let a2 = jit.load_bytes(LIB_A.as_bytes()).unwrap();
    let b2 = jit.load_bytes(APP_B.as_bytes()).unwrap();
    // SAFETY: `b_run` is `i64 (i64)`.
    let run2 = unsafe { b2.get_function::<Run>("b_run") }.unwrap();
    assert_eq!(run2.call(1), 102, "the new B links to the new A's fresh globals");
    assert_eq!(b2.symbol_address("a_base"), a2.symbol_address("a_base"));
}

#[test]
fn strong_duplicates_fail_weak_ones_yield_to_the_first() {
    let jit = Jit::builder().build();
    let _a = jit.load_bytes(LIB_A.as_bytes()).unwrap();
    let dup = "define i64 @a_mul(i64 %x, i64 %y) {\n  ret i64 0\n}\n";
    match jit.load_bytes(dup.as_bytes()) {
        Err(e @ Error::DuplicateDefinition(_)) => assert!(e.to_string().contains("a_mul"), "{e}"),
        other => panic!("expected a duplicate-definition error, got {:?}", other.err()),
    }
    // Internal names never clash.
    jit.load_bytes(b"define internal i64 @a_hidden() {\n  ret i64 8\n}\n").unwrap();
    // A weak definition loaded later gives way: a third module calling it reaches the first one.
    let first = jit.load_bytes(b"define weak i64 @pick() {\n  ret i64 1\n}\n").unwrap();
    let _second = jit.load_bytes(b"define weak i64 @pick() {\n  ret i64 2\n}\n").unwrap();
    let user = jit
        .load_bytes(b"declare i64 @pick()\ndefine i64 @use_pick() {\n  %r = call i64 @pick()\n  ret i64 %r\n}\n")
        .unwrap();
    // SAFETY: `use_pick` is `i64 ()`.
    let use_pick = unsafe { user.get_function::<extern "C" fn() -> i64>("use_pick") }.unwrap();
    assert_eq!(use_pick.call(), 1);
    assert_eq!(user.symbol_address("pick"), first.symbol_address("pick"));
}

#[test]
fn embedder_symbols_and_lookup_come_first() {
    extern "C" fn host_add(x: i64, y: i64) -> i64 {
        x * 1000 + y
    }
    let jit = Jit::builder().symbol_lookup(|name| (name == "a_add").then_some(host_add as *const () as usize)).build();
    let _a = jit.load_bytes(LIB_A.as_bytes()).unwrap();
    let b = jit.load_bytes(APP_B.as_bytes()).unwrap();
    // SAFETY: `b_run` is `i64 (i64)`.
    let run = unsafe { b.get_function::<Run>("b_run") }.unwrap();
    assert_eq!(run.call(2), 2001, "the lookup callback wins over A's definition");
}

#[test]
fn run_bitcode_links_extra_modules() {
    let dir = common::scratch();
    let lib = dir.join(format!("extra-lib-{}.ll", std::process::id()));
    let app = dir.join(format!("extra-app-{}.ll", std::process::id()));
    std::fs::write(&lib, LIB_A).unwrap();
    let main = "declare i32 @printf(ptr, ...)\n@fmt = private constant [5 x i8] c\"%ld\\0A\\00\"\n\
                define i32 @main() {\n  %r = call i64 @b_run(i64 41)\n  \
                %p = call i32 (ptr, ...) @printf(ptr @fmt, i64 %r)\n  ret i32 3\n}\n";
    std::fs::write(&app, format!("{APP_B}\n{main}")).unwrap();
    for mode in ["tier0", "llvm-o2", "tiered"] {
        let (got, stderr) = common::tierlift(&app, &["--mode", mode, "--extra-module", lib.to_str().unwrap()]);
        assert_eq!((got.code, got.stdout.as_str()), (Some(3), "142\n"), "{mode}: {stderr}");
        let lli = std::process::Command::new(common::tool("lli-19"))
            .arg(format!("-extra-module={}", lib.display()))
            .arg(&app)
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&lli.stdout), got.stdout, "lli-19 disagrees");
    }
}

/// A module with `@counter` (`counter`: its definition or declaration) and `@function`, which adds `step` to the
/// calling thread's `@counter` and returns it.
fn tls_module(counter: &str, function: &str, step: i64) -> String {
    format!(
        r#"
@counter = {counter}

define i64 @{function}() {{
  %p = call ptr @llvm.threadlocal.address.p0(ptr @counter)
  %v = load i64, ptr %p
  %n = add i64 %v, {step}
  store i64 %n, ptr %p
  ret i64 %n
}}

declare ptr @llvm.threadlocal.address.p0(ptr)
"#
    )
}

#[test]
fn a_thread_local_variable_of_another_module_is_per_thread_in_every_tier() {
    for mode in [TierMode::Tier0, TierMode::LlvmO0, TierMode::LlvmO2] {
        let jit = Jit::builder().mode(mode).build();
        let lib = jit.load_bytes(tls_module("thread_local global i64 5", "bump_in_lib", 1).as_bytes()).unwrap();
        let app =
            jit.load_bytes(tls_module("external thread_local global i64", "bump_from_app", 100).as_bytes()).unwrap();
        // SAFETY: both are `i64 ()` and touch only their thread's `@counter`.
        let (bump_lib, bump_app) = unsafe {
            (
                lib.get_function::<extern "C" fn() -> i64>("bump_in_lib").unwrap(),
                app.get_function::<extern "C" fn() -> i64>("bump_from_app").unwrap(),
            )
        };
        // Both modules reach the same variable: this thread's copy.
        assert_eq!(bump_lib.call(), 6, "{mode:?}");
        assert_eq!(bump_app.call(), 106, "{mode:?}");
        std::thread::scope(|s| {
            s.spawn(|| {
                assert_eq!(bump_app.call(), 105, "{mode:?}: another thread starts from the initializer");
                assert_eq!(bump_lib.call(), 106, "{mode:?}");
            });
        });
        assert_eq!(bump_lib.call(), 107, "{mode:?}");
        if mode == TierMode::Tier0 {
            let stats = app.stats();
            let f = stats.function("bump_from_app").unwrap();
            assert_eq!((f.tier, &f.fallback_reason), (Tier::Tier0, &None));
        }
    }
}

static CONSTRUCTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

extern "C" fn constructed() {
    CONSTRUCTED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

#[test]
fn of_concurrent_loads_of_one_name_only_the_one_that_wins_runs_its_constructors() {
    const MODULE: &str = "declare void @constructed()\n\
        @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @init, ptr null }]\n\
        define internal void @init() {\n  call void @constructed()\n  ret void\n}\n\
        define i64 @claimed(i64 %x) {\n  ret i64 %x\n}\n";
    let jit = Jit::builder().symbol("constructed", constructed as *const () as usize).build();
    for round in 0..30 {
        let before = CONSTRUCTED.load(std::sync::atomic::Ordering::SeqCst);
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(4));
        let loads: Vec<_> = (0..4)
            .map(|_| {
                let (jit, barrier) = (jit.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    jit.load_bytes(MODULE.as_bytes())
                })
            })
            .collect();
        let results: Vec<_> = loads.into_iter().map(|t| t.join().unwrap()).collect();
        let won = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(won, 1, "round {round}");
        for r in &results {
            if let Err(e) = r {
                assert!(matches!(e, Error::DuplicateDefinition(_)), "round {round}: {e}");
            }
        }
        let ran = CONSTRUCTED.load(std::sync::atomic::Ordering::SeqCst) - before;
        assert_eq!(ran, 1, "round {round}: constructors of rejected loads ran");
    }
}
