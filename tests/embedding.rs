//! The embedding API: typed handles, function-pointer identity, callbacks from C into JIT code.

mod common;

use tierlift::{Jit, Tier, TierMode};

const IDENTITY: &str = r#"
@fp = global ptr @twice
@table = global [2 x ptr] [ptr @twice, ptr @thrice]

define i64 @twice(i64 %x) {
  %r = mul i64 %x, 2
  ret i64 %r
}

define i64 @thrice(i64 %x) {
  %r = mul i64 %x, 3
  ret i64 %r
}

define ptr @address_of_twice() {
  ret ptr @twice
}

define i1 @stored_equals_direct() {
  %p = load ptr, ptr @fp
  %eq = icmp eq ptr %p, @twice
  ret i1 %eq
}

define i64 @call_through_table(i64 %i, i64 %x) {
  %slot = getelementptr [2 x ptr], ptr @table, i64 0, i64 %i
  %f = load ptr, ptr %slot
  %r = call i64 %f(i64 %x)
  ret i64 %r
}
"#;

#[test]
fn function_pointers_are_stubs_everywhere() {
    for mode in [TierMode::Tier0, TierMode::LlvmO2, TierMode::Tiered] {
        let jit = Jit::builder().mode(mode).call_threshold(2).build();
        let m = jit.load_bytes(IDENTITY.as_bytes()).unwrap();
        // SAFETY: signatures match the IR above.
        let (twice, addr_of, stored_eq, via_table) = unsafe {
            (
                m.get_function::<extern "C" fn(i64) -> i64>("twice").unwrap(),
                m.get_function::<extern "C" fn() -> *const u8>("address_of_twice").unwrap(),
                m.get_function::<extern "C" fn() -> bool>("stored_equals_direct").unwrap(),
                m.get_function::<extern "C" fn(i64, i64) -> i64>("call_through_table").unwrap(),
            )
        };
        let stub = m.function_address("twice").unwrap();
        assert_eq!(twice.address(), stub);
        assert_eq!(addr_of.call() as usize, stub, "{mode:?}: @twice as a value is its stub");
        let global = m.symbol_address("fp").unwrap();
        // SAFETY: @fp is a pointer-sized global of the module, alive while `m` is.
        let stored = unsafe { *(global as *const usize) };
        assert_eq!(stored, stub, "{mode:?}: the initializer holds the stub");
        assert!(stored_eq.call(), "{mode:?}");
        assert_eq!(via_table.call(0, 21), 42);
        assert_eq!(via_table.call(1, 21), 63);
        // Across forced tier changes the address and behaviour stay the same.
        for tier in [Tier::LlvmO3, Tier::Tier0, Tier::LlvmO2] {
            if tier != Tier::Tier0 {
                m.force_tier("twice", tier).unwrap();
            }
            assert_eq!(addr_of.call() as usize, stub);
            assert_eq!(twice.call(8), 16);
            assert!(stored_eq.call());
        }
    }
}

const QSORT: &str = r#"
declare void @qsort(ptr, i64, i64, ptr)

define i32 @cmp_desc(ptr %a, ptr %b) {
  %x = load i32, ptr %a
  %y = load i32, ptr %b
  %lt = icmp slt i32 %x, %y
  %gt = icmp sgt i32 %x, %y
  %l = zext i1 %lt to i32
  %g = zext i1 %gt to i32
  %r = sub i32 %l, %g
  ret i32 %r
}

define void @sort_desc(ptr %data, i64 %n) {
  call void @qsort(ptr %data, i64 %n, i64 4, ptr @cmp_desc)
  ret void
}
"#;

#[test]
fn c_library_calls_back_into_jit_code() {
    for mode in [TierMode::Tier0, TierMode::LlvmO0, TierMode::Tiered] {
        let m = Jit::builder().mode(mode).call_threshold(3).build().load_bytes(QSORT.as_bytes()).unwrap();
        // SAFETY: `sort_desc` is `void (ptr, i64)`.
        let sort = unsafe { m.get_function::<extern "C" fn(*mut i32, i64)>("sort_desc").unwrap() };
        for round in 0..20 {
            let mut v: Vec<i32> = (0..200).map(|i| (i * 7919 + round * 13) % 1000 - 500).collect();
            let mut expected = v.clone();
            expected.sort_by(|a, b| b.cmp(a));
            sort.call(v.as_mut_ptr(), v.len() as i64);
            assert_eq!(v, expected, "{mode:?}");
        }
    }
}

#[test]
fn registered_symbols_take_precedence() {
    extern "C" fn host_add(a: i64, b: i64) -> i64 {
        a + b + 1000
    }
    let ir = "declare i64 @host_add(i64, i64)\ndefine i64 @f(i64 %x) {\n  %r = call i64 @host_add(i64 %x, i64 1)\n  ret i64 %r\n}\n";
    let jit = Jit::builder().mode(TierMode::Tier0).symbol("host_add", host_add as *const () as usize).build();
    let m = jit.load_bytes(ir.as_bytes()).unwrap();
    // SAFETY: `f` is `i64 (i64)`.
    let f = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("f").unwrap() };
    assert_eq!(f.call(5), 1006);
}

static EXIT_EVENTS: std::sync::Mutex<Vec<i64>> = std::sync::Mutex::new(Vec::new());

extern "C" fn record_exit_event(code: i64) {
    EXIT_EVENTS.lock().unwrap().push(code);
}

const STATIC_INIT: &str = r#"
@llvm.global_ctors = appending global [2 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 200, ptr @second, ptr null }, { i32, ptr, ptr } { i32 100, ptr @first, ptr null }]
@llvm.global_dtors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 65535, ptr @goodbye, ptr null }]
@state = global i64 0
@__dso_handle = external hidden global i8

declare void @record(i64)
declare i32 @atexit(ptr)
declare i32 @__cxa_atexit(ptr, ptr, ptr)

define internal void @first() {
  store i64 1, ptr @state
  ret void
}

define internal void @second() {
  %s = load i64, ptr @state
  %t = mul i64 %s, 10
  %u = add i64 %t, 2
  store i64 %u, ptr @state
  ret void
}

define internal void @goodbye() {
  call void @record(i64 1)
  ret void
}

define internal void @handler() {
  call void @record(i64 2)
  ret void
}

define internal void @object_destructor(ptr %obj) {
  %v = load i64, ptr %obj
  call void @record(i64 %v)
  ret void
}

define i64 @read_state() {
  %s = load i64, ptr @state
  ret i64 %s
}

define void @register() {
  call i32 @atexit(ptr @handler)
  call i32 @__cxa_atexit(ptr @object_destructor, ptr @state, ptr @__dso_handle)
  ret void
}
"#;

#[test]
fn static_constructors_run_at_load_and_exit_functions_at_drop() {
    for mode in [TierMode::Tier0, TierMode::LlvmO0, TierMode::Tiered] {
        EXIT_EVENTS.lock().unwrap().clear();
        let jit = Jit::builder().mode(mode).symbol("record", record_exit_event as *const () as usize).build();
        let m = jit.load_bytes(STATIC_INIT.as_bytes()).unwrap();
        // SAFETY: signatures match the IR above.
        let (read, register) = unsafe {
            (
                m.get_function::<extern "C" fn() -> i64>("read_state").unwrap(),
                m.get_function::<extern "C" fn()>("register").unwrap(),
            )
        };
        assert_eq!(read.call(), 12, "{mode:?}: constructors ran by priority, not as listed");
        register.call();
        assert!(EXIT_EVENTS.lock().unwrap().is_empty(), "{mode:?}: nothing runs before exit or drop");
        drop(m);
        // Most recent first: the object's destructor (argument @state, which holds 12), the atexit handler, then
        // the global destructor registered at load.
        assert_eq!(*EXIT_EVENTS.lock().unwrap(), vec![12, 2, 1], "{mode:?}");
    }
}

const DECLINED: &str = r#"
declare i64 @labs(i64)

define i64 @guarded(i64 %x) {
entry:
  %y = call i64 asm "mov $1, $0", "=r,r"(i64 %x)
  %r = call i64 @labs(i64 %y)
  %s = add i64 %r, 1
  ret i64 %s
}
"#;

#[test]
fn a_declined_function_compiled_at_o0_still_reaches_the_optimizing_tiers() {
    // Tier 0 declines inline assembly: the first call compiles @guarded at LLVM O0 synchronously (with a compiler that
    // skips the optimizing levels' whole-module analysis); a forced O2 or O3 compile then needs that analysis.
    let m = Jit::builder().mode(TierMode::Tiered).build().load_bytes(DECLINED.as_bytes()).unwrap();
    // SAFETY: `guarded` is `i64 (i64)`.
    let guarded = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("guarded").unwrap() };
    assert_eq!(guarded.call(-41), 42);
    let stats = m.stats();
    let f = stats.function("guarded").unwrap();
    assert_eq!(f.tier, Tier::LlvmO0);
    assert!(f.fallback_reason.is_some(), "{f:?}");
    for tier in [Tier::LlvmO2, Tier::LlvmO3] {
        m.force_tier("guarded", tier).unwrap();
        assert_eq!(m.stats().function("guarded").unwrap().tier, tier);
        assert_eq!(guarded.call(-9), 10);
    }
}

/// `run` changes its locals between `_setjmp`'s two returns and reads them after the second: kept in memory (as
/// its IR says), they hold what was stored last. Tier 0 keeps a function's locals in registers unless it calls
/// something that returns twice.
const SETJMP_LOCALS: &str = r#"
@buf = internal global [200 x i64] zeroinitializer, align 16

declare i32 @_setjmp(ptr) returns_twice
declare void @longjmp(ptr, i32) noreturn

define internal void @jump(i32 %v) noinline {
  call void @longjmp(ptr @buf, i32 %v)
  unreachable
}

define i32 @run() noinline {
entry:
  %n = alloca i32
  %m = alloca i32
  store i32 1, ptr %n
  store i32 5, ptr %m
  %r = call i32 @_setjmp(ptr @buf) returns_twice
  %first = icmp eq i32 %r, 0
  br i1 %first, label %again, label %after
again:
  %n1 = load i32, ptr %n
  %n2 = add i32 %n1, 11
  store i32 %n2, ptr %n
  call void @jump(i32 1)
  unreachable
after:
  %n3 = load i32, ptr %n
  %m3 = load i32, ptr %m
  %x = mul i32 %n3, 100
  %y = add i32 %x, %m3
  ret i32 %y
}
"#;

#[test]
fn tier0_keeps_the_locals_of_a_function_that_calls_setjmp_in_memory() {
    let m = Jit::builder().mode(TierMode::Tier0).build().load_bytes(SETJMP_LOCALS.as_bytes()).unwrap();
    // SAFETY: `run` is `i32 ()`.
    let run = unsafe { m.get_function::<extern "C" fn() -> i32>("run").unwrap() };
    assert_eq!(run.call(), 1205);
    // Tier 0 compiled it (an LLVM O0 fallback would keep the locals in memory anyway).
    let stats = m.stats();
    let f = stats.function("run").unwrap();
    assert_eq!((f.tier, &f.fallback_reason), (Tier::Tier0, &None));
}

/// `run` calls `later` only when asked to; `later` calls `deeper`, which calls `deepest`.
const CALL_CHAIN: &str = r#"
define internal i64 @deepest(i64 %x) noinline {
  %y = xor i64 %x, 5
  ret i64 %y
}

define internal i64 @deeper(i64 %x) noinline {
  %y = call i64 @deepest(i64 %x)
  %z = add i64 %y, 7
  ret i64 %z
}

define internal i64 @later(i64 %x) noinline {
  %y = call i64 @deeper(i64 %x)
  %z = mul i64 %y, 3
  ret i64 %z
}

define i64 @run(i64 %x) {
entry:
  %go = icmp ne i64 %x, 0
  br i1 %go, label %call, label %done
call:
  %r = call i64 @later(i64 %x)
  ret i64 %r
done:
  ret i64 0
}
"#;

#[test]
fn compile_ahead_readies_callees_two_calls_deep_before_their_first_call() {
    let m = Jit::builder().compile_ahead(true).build().load_bytes(CALL_CHAIN.as_bytes()).unwrap();
    // SAFETY: `run` is `i64 (i64)`.
    let run = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("run").unwrap() };
    // The first call compiles `run` only; an idle worker then compiles `later` and `deeper` (two calls away).
    assert_eq!(run.call(0), 0);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while m.stats().compiled_ahead < 2 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let stats = m.stats();
    assert_eq!(stats.compiled_ahead, 2, "{stats:?}");
    for name in ["later", "deeper"] {
        assert_eq!(stats.function(name).map(|f| f.tier), Some(Tier::Tier0), "{name}: {stats:?}");
    }
    assert!(stats.function("deepest").is_none(), "three calls away, compiled before it was called: {stats:?}");
    assert_eq!(run.call(4), ((4 ^ 5) + 7) * 3);
    assert_eq!(m.stats().function("deepest").map(|f| f.tier), Some(Tier::Tier0));

    // Off: nothing but what is called gets compiled.
    let m = Jit::builder().compile_ahead(false).build().load_bytes(CALL_CHAIN.as_bytes()).unwrap();
    // SAFETY: as above.
    let run = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("run").unwrap() };
    assert_eq!(run.call(0), 0);
    std::thread::sleep(std::time::Duration::from_millis(100));
    let stats = m.stats();
    assert_eq!(stats.compiled_ahead, 0);
    assert!(stats.function("later").is_none(), "{stats:?}");
    assert_eq!(run.call(4), ((4 ^ 5) + 7) * 3);
}

/// `count` walks a tree of `depth` levels with `width` children per node; every call in the module passes width 3
/// (`tree`'s, and its own, which passes the parameter on), so the optimizing tiers compile it for width 3 behind a
/// guard.
const WIDTHS: &str = r#"
define internal i64 @count(i64 %depth, i64 %width) {
entry:
  %leaf = icmp eq i64 %depth, 0
  br i1 %leaf, label %one, label %loop
one:
  ret i64 1
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %s = phi i64 [ 1, %entry ], [ %s1, %loop ]
  %d = sub i64 %depth, 1
  %c = call i64 @count(i64 %d, i64 %width)
  %s1 = add i64 %s, %c
  %i1 = add i64 %i, 1
  %more = icmp slt i64 %i1, %width
  br i1 %more, label %loop, label %done
done:
  ret i64 %s1
}

define i64 @tree(i64 %depth) {
  %r = call i64 @count(i64 %depth, i64 3)
  ret i64 %r
}
"#;

/// Nodes of a tree `depth` levels deep with `width` children per node.
fn nodes(depth: u32, width: i64) -> i64 {
    (0..=depth).map(|k| width.pow(k)).sum()
}

#[test]
fn a_local_function_compiled_for_the_constant_its_calls_pass_still_answers_other_callers() {
    for mode in [TierMode::LlvmO2, TierMode::LlvmO3] {
        let jit = Jit::builder().mode(mode).build();
        let m = jit.load_bytes(WIDTHS.as_bytes()).unwrap();
        // SAFETY: `tree` is `i64 (i64)`, `count` `i64 (i64, i64)`.
        let (tree, count) = unsafe {
            (
                m.get_function::<extern "C" fn(i64) -> i64>("tree").unwrap().get(),
                m.get_function::<extern "C" fn(i64, i64) -> i64>("count").unwrap().get(),
            )
        };
        for depth in 0..6 {
            assert_eq!(tree(depth as i64), nodes(depth, 3), "{mode:?}");
        }
        // The host calls the local function with widths the module never passes: the general body answers.
        for (depth, width) in [(4, 5), (3, 1), (5, 2), (2, 3)] {
            assert_eq!(count(depth as i64, width), nodes(depth, width), "{mode:?} width {width}");
        }
        let stats = m.stats();
        let tier = if mode == TierMode::LlvmO2 { Tier::LlvmO2 } else { Tier::LlvmO3 };
        assert_eq!(stats.function("count").unwrap().tier, tier, "{stats:?}");
    }
}

/// An `i1` result made by truncation: LLVM code returns the argument's low byte as it is (the bits above the lowest
/// are undefined for an `i1`), tier 0 returns 0 or 1.
const BIT_RESULT: &str = "define i1 @low_bit(i64 %x) {\n  %b = trunc i64 %x to i1\n  ret i1 %b\n}\n";

#[test]
fn an_i1_result_is_its_lowest_bit_in_every_tier() {
    let m = Jit::builder().mode(TierMode::Tiered).call_threshold(u64::MAX).build().load_bytes(BIT_RESULT.as_bytes());
    let m = m.unwrap();
    // SAFETY: `low_bit` is `i1 (i64)`; a `bool` and a `u8` both take an `i1` result.
    let as_bool = unsafe { m.get_function::<extern "C" fn(i64) -> bool>("low_bit").unwrap() };
    // SAFETY: as above.
    let as_byte = unsafe { m.get_function::<extern "C" fn(i64) -> u8>("low_bit").unwrap() };
    for tier in [Tier::Tier0, Tier::LlvmO0, Tier::LlvmO2, Tier::LlvmO3] {
        m.force_tier("low_bit", tier).unwrap();
        assert_eq!(m.stats().function("low_bit").unwrap().tier, tier);
        for x in [0i64, 1, 2, 3, 0xfe, 0x101, -2, -1] {
            assert_eq!(as_bool.call(x), x & 1 != 0, "{tier:?}: low_bit({x}) as bool");
            assert_eq!(as_byte.call(x), (x & 1) as u8, "{tier:?}: low_bit({x}) as u8");
        }
    }
}

#[test]
fn an_idle_module_says_so_without_waiting() {
    let m = Jit::builder().build().load_bytes(BIT_RESULT.as_bytes()).unwrap();
    assert!(m.wait_idle(std::time::Duration::ZERO));
}

/// Globals placed in named sections, walked from `__start_<section>` to `__stop_<section>` as a linker lays them
/// out (a registry each translation unit adds entries to): two sections, entries of 16 bytes at alignment 8 in
/// module order, and globals of other sections, or none, in between.
const SECTIONS: &str = r#"
@a = internal constant { i64, i64 } { i64 1, i64 10 }, section "registry", align 8
@other = internal global i64 5
@x = internal constant i32 7, section "counts", align 4
@b = internal constant { i64, i64 } { i64 2, i64 20 }, section "registry", align 8
@dotted = internal global i64 9, section ".data.rel.local"
@c = internal constant { i64, i64 } { i64 3, i64 30 }, section "registry", align 8
@y = internal constant i32 8, section "counts", align 4
@__start_registry = external global [0 x { i64, i64 }]
@__stop_registry = external global [0 x { i64, i64 }]
@__start_counts = external global [0 x i32]
@__stop_counts = external global [0 x i32]
@llvm.used = appending global [5 x ptr] [ptr @a, ptr @b, ptr @c, ptr @x, ptr @y], section "llvm.metadata"

define i64 @walk() {
entry:
  br label %loop
loop:
  %p = phi ptr [ @__start_registry, %entry ], [ %next, %body ]
  %acc = phi i64 [ 0, %entry ], [ %acc1, %body ]
  %done = icmp eq ptr %p, @__stop_registry
  br i1 %done, label %counts, label %body
body:
  %k = load i64, ptr %p
  %vp = getelementptr inbounds i8, ptr %p, i64 8
  %v = load i64, ptr %vp
  %kv = mul i64 %k, %v
  %acc1 = add i64 %acc, %kv
  %next = getelementptr inbounds i8, ptr %p, i64 16
  br label %loop
counts:
  %s = ptrtoint ptr @__start_counts to i64
  %e = ptrtoint ptr @__stop_counts to i64
  %bytes = sub i64 %e, %s
  %x = load i32, ptr @__start_counts
  %yp = getelementptr inbounds i32, ptr @__start_counts, i64 1
  %y = load i32, ptr %yp
  %xy = mul i32 %x, %y
  %xy64 = zext i32 %xy to i64
  %t = mul i64 %acc, 1000
  %t1 = add i64 %t, %xy64
  %t2 = mul i64 %t1, 100
  %r = add i64 %t2, %bytes
  ret i64 %r
}
"#;

#[test]
fn globals_in_a_named_section_lie_between_its_start_and_stop_symbols() {
    let m = Jit::builder().mode(TierMode::Tiered).call_threshold(u64::MAX).build().load_bytes(SECTIONS.as_bytes());
    let m = m.unwrap();
    // SAFETY: `walk` is `i64 ()`.
    let walk = unsafe { m.get_function::<extern "C" fn() -> i64>("walk").unwrap() };
    // Registry: 1*10 + 2*20 + 3*30 = 140; counts: 7 * 8 = 56, in 8 bytes.
    for tier in [Tier::Tier0, Tier::LlvmO0, Tier::LlvmO2] {
        m.force_tier("walk", tier).unwrap();
        assert_eq!(m.stats().function("walk").unwrap().tier, tier);
        assert_eq!(walk.call(), (140 * 1000 + 56) * 100 + 8, "{tier:?}");
    }
}
