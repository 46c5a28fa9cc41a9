//! End-to-end tests of `ModuleCompiler`: textual IR → bitcode → job module → optimized machine code in ORC,
//! called from Rust.

use std::sync::atomic::{AtomicU8, AtomicU32, AtomicU64, Ordering};

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use tierlift_llvm::{CallCounting, CompileRequest, Compiled, CounterSpec, Error, ModuleCompiler, OptLevel};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const LEVELS: [OptLevel; 3] = [OptLevel::O0, OptLevel::O2, OptLevel::O3];

/// The module under test. `dso_local` everywhere, as clang emits it: the compiler must still reach the runtime's
/// addresses (Rust statics in the test binary, far from the JIT's memory) through GOT / stubs.
const MODULE: &str = r#"
target triple = "x86_64-pc-linux-gnu"

@g = dso_local global i64 5, align 8
@table = dso_local constant [4 x i64] [i64 10, i64 20, i64 30, i64 40], align 16
@.str = private unnamed_addr constant [6 x i8] c"hello\00", align 1
@alias_add = alias i64 (i64, i64), ptr @add
@llvm.used = appending global [1 x ptr] [ptr @g], section "llvm.metadata"

declare i64 @ext(i64)
declare i64 @strlen(ptr)

define dso_local i64 @add(i64 %a, i64 %b) {
  %s = add i64 %a, %b
  ret i64 %s
}

define dso_local i64 @fib(i64 %n) {
entry:
  %c = icmp slt i64 %n, 2
  br i1 %c, label %base, label %rec
base:
  ret i64 %n
rec:
  %n1 = sub i64 %n, 1
  %f1 = call i64 @fib(i64 %n1)
  %n2 = sub i64 %n, 2
  %f2 = call i64 @fib(i64 %n2)
  %r = add i64 %f1, %f2
  ret i64 %r
}

define dso_local i64 @call_ext(i64 %x) {
  %r = call i64 @ext(i64 %x)
  %r2 = add i64 %r, 1
  ret i64 %r2
}

define dso_local i64 @bump_g(i64 %d) {
  %v = load i64, ptr @g, align 8
  %n = add i64 %v, %d
  store i64 %n, ptr @g, align 8
  ret i64 %n
}

define dso_local ptr @get_add() {
  ret ptr @add
}

define dso_local ptr @get_fib() {
  ret ptr @fib
}

define dso_local i64 @table_at(i64 %i) {
  %p = getelementptr inbounds [4 x i64], ptr @table, i64 0, i64 %i
  %v = load i64, ptr %p, align 8
  ret i64 %v
}

define dso_local i64 @table_sum() {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  %p = getelementptr inbounds [4 x i64], ptr @table, i64 0, i64 %i
  %v = load i64, ptr %p, align 8
  %acc.next = add i64 %acc, %v
  %i.next = add i64 %i, 1
  %done = icmp eq i64 %i.next, 4
  br i1 %done, label %exit, label %loop
exit:
  ret i64 %acc.next
}

define dso_local i64 @use_add(i64 %a) {
  %r = call i64 @add(i64 %a, i64 %a)
  ret i64 %r
}

define dso_local i64 @call_alias(i64 %a) {
  %r = call i64 @alias_add(i64 %a, i64 1)
  ret i64 %r
}

define dso_local i64 @hello_len() {
  %r = call i64 @strlen(ptr @.str)
  ret i64 %r
}

define dso_local i64 @div128(i64 %a, i64 %b) {
  %wa = zext i64 %a to i128
  %hi = shl i128 %wa, 64
  %wb = zext i64 %b to i128
  %q = udiv i128 %hi, %wb
  %t = trunc i128 %q to i64
  ret i64 %t
}

define dso_local i64 @sum_to(i64 %n) #0 {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i.next, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %loop ]
  %acc.next = add i64 %acc, %i
  %i.next = add i64 %i, 1
  %done = icmp sge i64 %i.next, %n
  br i1 %done, label %exit, label %loop, !llvm.loop !0
exit:
  ret i64 %acc.next
}

define dso_local i64 @with_alloca(i64 %x) {
entry:
  %slot = alloca i64, align 8
  store i64 %x, ptr %slot, align 8
  %v = load i64, ptr %slot, align 8
  %r = mul i64 %v, 2
  ret i64 %r
}

define dso_local i64 @spill_optnone(i64 %x) #0 {
entry:
  %slot = alloca i64, align 8
  store i64 %x, ptr %slot, align 8
  %v = load i64, ptr %slot, align 8
  %r = mul i64 %v, 2
  ret i64 %r
}

attributes #0 = { noinline nounwind optnone "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" }

!0 = distinct !{!0, !1, !2}
!1 = !{!"llvm.loop.mustprogress"}
!2 = !{!"llvm.loop.unroll.disable"}
"#;

/// Exception handling and variadic definitions: what the LLVM O0 fallback exists for.
const FALLBACK: &str = r#"
declare i32 @__gxx_personality_v0(...)
declare i64 @may_throw(i64)
declare void @llvm.va_start.p0(ptr)
declare void @llvm.va_end.p0(ptr)

define i64 @guarded(i64 %x) personality ptr @__gxx_personality_v0 {
entry:
  %r = invoke i64 @may_throw(i64 %x) to label %ok unwind label %lpad
ok:
  ret i64 %r
lpad:
  %lp = landingpad { ptr, i32 } cleanup
  ret i64 -1
}

define i64 @vsum(i32 %n, ...) {
entry:
  %ap = alloca [24 x i8], align 16
  call void @llvm.va_start.p0(ptr %ap)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %body ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %body ]
  %more = icmp slt i32 %i, %n
  br i1 %more, label %body, label %done
body:
  %v = va_arg ptr %ap, i64
  %acc.next = add i64 %acc, %v
  %i.next = add i32 %i, 1
  br label %loop
done:
  call void @llvm.va_end.p0(ptr %ap)
  ret i64 %acc
}

define void @bad_asm() {
  call void asm sideeffect "this_is_not_an_x86_instruction %eax", ""()
  ret void
}
"#;

/// A module referring to a symbol nobody defines.
const UNRESOLVED: &str = r#"
declare i64 @tierlift_test_no_such_symbol_anywhere(i64)
define i64 @f(i64 %x) {
  %r = call i64 @tierlift_test_no_such_symbol_anywhere(i64 %x)
  ret i64 %r
}
"#;

static ADD_CALLS: AtomicU64 = AtomicU64::new(0);
static G: AtomicU64 = AtomicU64::new(5);
static TABLE: [u64; 4] = [10, 20, 30, 40];
static HELLO: [u8; 6] = *b"hello\0";

/// Stands in for add's stub.
extern "C" fn add_native(a: i64, b: i64) -> i64 {
    ADD_CALLS.fetch_add(1, Ordering::Relaxed);
    a + b
}

/// Calls that reached fib's stand-in stub.
static FIB_STUB_CALLS: AtomicU64 = AtomicU64::new(0);

/// Stands in for fib's stub (its address is what `@fib` as a value must be).
extern "C" fn fib_native(n: i64) -> i64 {
    FIB_STUB_CALLS.fetch_add(1, Ordering::Relaxed);
    if n < 2 { n } else { fib_native(n - 1) + fib_native(n - 2) }
}

extern "C" fn ext_native(x: i64) -> i64 {
    x * 3
}

/// Turns textual IR into bitcode bytes, as the loader would hand them to a worker.
fn bitcode(ir: &str) -> Vec<u8> {
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(ir.as_bytes(), "test.ll");
    let module = context.create_module_from_ir(buffer).unwrap_or_else(|e| panic!("test IR does not parse: {e}"));
    module.write_bitcode_to_memory().as_slice().to_vec()
}

fn symbols() -> Vec<(String, u64)> {
    vec![
        ("add".into(), add_native as *const () as usize as u64),
        ("alias_add".into(), add_native as *const () as usize as u64),
        ("fib".into(), fib_native as *const () as usize as u64),
        ("ext".into(), ext_native as *const () as usize as u64),
        ("g".into(), G.as_ptr() as u64),
        ("table".into(), TABLE.as_ptr() as u64),
        (".str".into(), HELLO.as_ptr() as u64),
    ]
}

fn compiler() -> Result<ModuleCompiler, Error> {
    ModuleCompiler::new(&bitcode(MODULE), &symbols())
}

fn level_name(level: OptLevel) -> &'static str {
    match level {
        OptLevel::O0 => "o0",
        OptLevel::O2 => "o2",
        OptLevel::O3 => "o3",
    }
}

fn compile(c: &mut ModuleCompiler, function: &str, level: OptLevel) -> Result<Compiled, Error> {
    compile_with(c, function, level, &[], None)
}

fn compile_with(
    c: &mut ModuleCompiler,
    function: &str,
    level: OptLevel,
    inline_bodies: &[&str],
    counters: Option<CounterSpec>,
) -> Result<Compiled, Error> {
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let version = format!("{function}.tl.{}.{}", level_name(level), SEQ.fetch_add(1, Ordering::Relaxed));
    let compiled =
        c.compile(&CompileRequest { inline_bodies, counters, ..CompileRequest::new(function, level, &version) })?;
    eprintln!(
        "{version:<24} extract {:>8.3?} optimize {:>8.3?} codegen {:>8.3?} link {:>8.3?} | {} -> {} instructions, {} byte object",
        compiled.extract_time,
        compiled.optimize_time,
        compiled.codegen_time,
        compiled.link_time,
        compiled.ir_instructions,
        compiled.optimized_instructions,
        compiled.object_size
    );
    Ok(compiled)
}

/// Reinterprets a code address as a function pointer of type `F`.
///
/// # Safety
/// `address` must be the entry of machine code with exactly the signature `F` (and stay mapped while called).
unsafe fn as_fn<F: Copy>(address: u64) -> F {
    assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<usize>());
    // SAFETY: `F` is a function pointer type of pointer size (asserted); the caller guarantees the signature.
    unsafe { std::mem::transmute_copy(&(address as usize)) }
}

type FnI64I64I64 = extern "C" fn(i64, i64) -> i64;
type FnI64I64 = extern "C" fn(i64) -> i64;
type FnI64 = extern "C" fn() -> i64;
type FnPtr = extern "C" fn() -> usize;

#[test]
fn add_at_every_level() -> TestResult {
    let mut c = compiler()?;
    for level in LEVELS {
        let compiled = compile(&mut c, "add", level)?;
        // SAFETY: @add is i64 (i64, i64).
        let add: FnI64I64I64 = unsafe { as_fn(compiled.address) };
        assert_eq!(add(2, 40), 42, "{level:?}");
        assert_eq!(add(-7, 3), -4, "{level:?}");
    }
    Ok(())
}

#[test]
fn compilers_of_modules_share_target_machines_and_the_lljit() -> TestResult {
    let machines = tierlift_llvm::SharedMachines::default();
    let mut a = ModuleCompiler::sharing(&machines, &bitcode(MODULE), &symbols(), false)?;
    let mut b = ModuleCompiler::sharing(&machines, &bitcode(MODULE), &symbols(), false)?;
    for level in LEVELS {
        let from_a = compile(&mut a, "add", level)?;
        let from_b = compile(&mut b, "add", level)?;
        // SAFETY: @add is i64 (i64, i64) in both modules.
        let (fa, fb): (FnI64I64I64, FnI64I64I64) = unsafe { (as_fn(from_a.address), as_fn(from_b.address)) };
        assert_eq!((fa(2, 40), fb(40, 2)), (42, 42), "{level:?}");
    }
    drop(a);
    // The machines and the LLJIT outlive one module's compiler; a third module takes the emptied JITDylib, with
    // the same symbol names defined anew.
    let compiled = compile(&mut b, "fib", OptLevel::O3)?;
    // SAFETY: @fib is i64 (i64).
    let fib: FnI64I64 = unsafe { as_fn(compiled.address) };
    assert_eq!(fib(20), 6765);
    let mut c = ModuleCompiler::sharing(&machines, &bitcode(MODULE), &symbols(), false)?;
    let from_c = compile(&mut c, "add", OptLevel::O3)?;
    // SAFETY: @add is i64 (i64, i64).
    let add: FnI64I64I64 = unsafe { as_fn(from_c.address) };
    assert_eq!(add(20, 22), 42);
    Ok(())
}

#[test]
fn recursive_calls_call_the_version_itself() -> TestResult {
    let mut c = compiler()?;
    for level in LEVELS {
        let compiled = compile(&mut c, "fib", level)?;
        // SAFETY: @fib is i64 (i64).
        let fib: FnI64I64 = unsafe { as_fn(compiled.address) };
        let before = FIB_STUB_CALLS.load(Ordering::SeqCst);
        assert_eq!(fib(10), 55, "{level:?}");
        assert_eq!(fib(1), 1, "{level:?}");
        assert_eq!(FIB_STUB_CALLS.load(Ordering::SeqCst), before, "{level:?}: recursion went through the stub");
    }
    Ok(())
}

#[test]
fn self_tail_recursion_becomes_a_loop_at_o3() -> TestResult {
    // 10 million nested calls would overflow the 256 KiB stack below; the version calling itself lets LLVM
    // turn the tail recursion into a loop. `@sum_to` as a value stays the stub.
    let ir = r#"
define i64 @sum_to(i64 %n, i64 %acc) {
  %done = icmp eq i64 %n, 0
  br i1 %done, label %out, label %more
out:
  ret i64 %acc
more:
  %n1 = sub i64 %n, 1
  %a1 = add i64 %acc, %n
  %r = tail call i64 @sum_to(i64 %n1, i64 %a1)
  ret i64 %r
}
define ptr @sum_to_address() {
  ret ptr @sum_to
}
"#;
    extern "C" fn sum_stub(_: i64, _: i64) -> i64 {
        -1
    }
    let syms = vec![("sum_to".to_string(), sum_stub as *const () as usize as u64)];
    let mut c = ModuleCompiler::new(&bitcode(ir), &syms)?;
    let compiled = compile(&mut c, "sum_to", OptLevel::O3)?;
    let address = compile(&mut c, "sum_to_address", OptLevel::O3)?;
    // SAFETY: @sum_to is i64 (i64, i64); @sum_to_address is ptr ().
    let (sum, addr): (FnI64I64I64, FnPtr) = unsafe { (as_fn(compiled.address), as_fn(address.address)) };
    assert_eq!(addr(), sum_stub as *const () as usize);
    let n = 10_000_000i64;
    let got = std::thread::Builder::new().stack_size(256 << 10).spawn(move || sum(n, 0))?.join().unwrap();
    assert_eq!(got, n * (n + 1) / 2);
    Ok(())
}

#[test]
fn local_globals_never_written_fold_like_constants() -> TestResult {
    let ir = r#"
@ro = internal global [4 x i32] [i32 10, i32 20, i32 30, i32 40], align 16
@rw = internal global [4 x i32] [i32 10, i32 20, i32 30, i32 40], align 16

define i32 @read_ro() {
  %p = getelementptr inbounds [4 x i32], ptr @ro, i64 0, i64 2
  %v = load i32, ptr %p, align 4
  ret i32 %v
}
define i32 @read_rw() {
  %p = getelementptr inbounds [4 x i32], ptr @rw, i64 0, i64 2
  %v = load i32, ptr %p, align 4
  ret i32 %v
}
define void @write_rw(i32 %x) {
  store i32 %x, ptr @rw, align 4
  ret void
}
"#;
    static RO: [i32; 4] = [10, 20, 30, 40];
    static RW: [i32; 4] = [10, 20, 30, 40];
    let syms = vec![("ro".to_string(), RO.as_ptr() as u64), ("rw".to_string(), RW.as_ptr() as u64)];
    let mut c = ModuleCompiler::new(&bitcode(ir), &syms)?;
    let ro = compile(&mut c, "read_ro", OptLevel::O2)?;
    let rw = compile(&mut c, "read_rw", OptLevel::O2)?;
    assert_eq!(ro.optimized_instructions, 1, "the load from a never-written local global folds to `ret 30`");
    assert!(rw.optimized_instructions > 1, "a written global must be loaded");
    // SAFETY: both are i32 ().
    let (ro, rw): (extern "C" fn() -> i32, extern "C" fn() -> i32) = unsafe { (as_fn(ro.address), as_fn(rw.address)) };
    assert_eq!((ro(), rw()), (30, 30));
    Ok(())
}

#[test]
fn local_array_copied_from_a_constant_reads_the_constant() -> TestResult {
    // clang -O0's shape of `char buf[31]; strcpy(buf, "..."); return strlen(buf);`: the local is only ever
    // copied from the literal, so O2 reads the literal instead (which needs the literal at least as aligned as
    // the local: the runtime places its 16-byte-or-larger variables 16-aligned, and jobs say so).
    let ir = r#"
@.str = private unnamed_addr constant [31 x i8] c"DHRYSTONE PROGRAM, 1'ST STRING\00", align 1

declare ptr @strcpy(ptr, ptr)
declare i64 @strlen(ptr)

define i64 @copied_len() {
  %buf = alloca [31 x i8], align 16
  %d = call ptr @strcpy(ptr %buf, ptr @.str)
  %n = call i64 @strlen(ptr %buf)
  ret i64 %n
}
"#;
    #[repr(C, align(16))]
    struct Placed([u8; 31]);
    static STR: Placed = Placed(*b"DHRYSTONE PROGRAM, 1'ST STRING\0");
    assert_eq!(tierlift_llvm::placed_alignment(1, 31), 16);
    let syms = vec![
        (".str".to_string(), STR.0.as_ptr() as u64),
        ("strcpy".to_string(), libc_strcpy as *const () as u64),
        ("strlen".to_string(), libc_strlen as *const () as u64),
    ];
    let mut c = ModuleCompiler::new(&bitcode(ir), &syms)?;
    let compiled = compile(&mut c, "copied_len", OptLevel::O2)?;
    assert_eq!(compiled.optimized_instructions, 1, "the copy and strlen fold to `ret i64 30`");
    // SAFETY: @copied_len is i64 ().
    let f: FnI64 = unsafe { as_fn(compiled.address) };
    assert_eq!(f(), 30);
    Ok(())
}

#[test]
fn a_wider_store_through_a_pointer_leaves_a_small_global_alone() -> TestResult {
    // The job knows the module's own variables' sizes: a 4-byte store through `%p` cannot be to the 1-byte
    // `@flag`, so O2 forwards the 7 stored before it to the load after it.
    let ir = r#"
@flag = internal global i8 0, align 1

define i32 @store_then_read(ptr %p) {
  store i8 7, ptr @flag, align 1
  store i32 0, ptr %p, align 4
  %v = load i8, ptr @flag, align 1
  %w = zext i8 %v to i32
  ret i32 %w
}
"#;
    static FLAG: AtomicU8 = AtomicU8::new(0);
    let syms = vec![("flag".to_string(), FLAG.as_ptr() as u64)];
    let mut c = ModuleCompiler::new(&bitcode(ir), &syms)?;
    let o0 = compile(&mut c, "store_then_read", OptLevel::O0)?;
    let o2 = compile(&mut c, "store_then_read", OptLevel::O2)?;
    assert_eq!(o2.optimized_instructions, 3, "two stores and `ret i32 7`");
    for compiled in [o0, o2] {
        // SAFETY: @store_then_read is i32 (ptr).
        let f: extern "C" fn(*mut i32) -> i32 = unsafe { as_fn(compiled.address) };
        let mut target = 5i32;
        FLAG.store(0, Ordering::SeqCst);
        assert_eq!(f(&mut target), 7);
        // The variable is still the runtime's copy.
        assert_eq!((FLAG.load(Ordering::SeqCst), target), (7, 0));
    }
    Ok(())
}

unsafe extern "C" {
    #[link_name = "strcpy"]
    fn libc_strcpy(d: *mut u8, s: *const u8) -> *mut u8;
    #[link_name = "strlen"]
    fn libc_strlen(s: *const u8) -> usize;
}

#[test]
fn external_function_binds_to_absolute_symbol() -> TestResult {
    let mut c = compiler()?;
    for level in LEVELS {
        let compiled = compile(&mut c, "call_ext", level)?;
        // SAFETY: @call_ext is i64 (i64).
        let f: FnI64I64 = unsafe { as_fn(compiled.address) };
        assert_eq!(f(5), 16, "{level:?}");
    }
    Ok(())
}

#[test]
fn global_binds_to_runtime_address() -> TestResult {
    let mut c = compiler()?;
    for level in LEVELS {
        let compiled = compile(&mut c, "bump_g", level)?;
        // SAFETY: @bump_g is i64 (i64).
        let bump: FnI64I64 = unsafe { as_fn(compiled.address) };
        let distance = (compiled.address as i128 - G.as_ptr() as i128).unsigned_abs();
        if distance <= 1 << 31 {
            eprintln!("note: code and @g are only {distance:#x} bytes apart; far binding not exercised");
        }
        G.store(100, Ordering::SeqCst);
        assert_eq!(bump(1), 101, "{level:?}");
        assert_eq!(bump(10), 111, "{level:?}");
        assert_eq!(G.load(Ordering::SeqCst), 111, "{level:?}");
    }
    Ok(())
}

#[test]
fn function_address_is_the_stub() -> TestResult {
    let mut c = compiler()?;
    for level in LEVELS {
        let compiled = compile(&mut c, "get_add", level)?;
        // SAFETY: @get_add is ptr ().
        let get_add: FnPtr = unsafe { as_fn(compiled.address) };
        assert_eq!(get_add(), add_native as *const () as usize, "{level:?}");
        // The function being compiled, taken as a value, is its stub too (not the new code).
        let compiled = compile(&mut c, "get_fib", level)?;
        // SAFETY: @get_fib is ptr ().
        let get_fib: FnPtr = unsafe { as_fn(compiled.address) };
        assert_eq!(get_fib(), fib_native as *const () as usize, "{level:?}");
    }
    Ok(())
}

#[test]
fn constant_table_loads_and_folds() -> TestResult {
    let mut c = compiler()?;
    for level in LEVELS {
        let compiled = compile(&mut c, "table_at", level)?;
        // SAFETY: @table_at is i64 (i64).
        let at: FnI64I64 = unsafe { as_fn(compiled.address) };
        for (i, expected) in TABLE.iter().enumerate() {
            assert_eq!(at(i as i64) as u64, *expected, "{level:?}");
        }
        let compiled = compile(&mut c, "table_sum", level)?;
        // SAFETY: @table_sum is i64 ().
        let sum: FnI64 = unsafe { as_fn(compiled.address) };
        assert_eq!(sum(), 100, "{level:?}");
        if level == OptLevel::O3 {
            // The initializer travelled along as available_externally: O3 folds the loop to `ret i64 100`.
            assert_eq!(compiled.optimized_instructions, 1, "table_sum was not folded at O3");
        }
    }
    Ok(())
}

#[test]
fn alias_and_private_string_and_libcalls() -> TestResult {
    let mut c = compiler()?;
    for level in LEVELS {
        let compiled = compile(&mut c, "call_alias", level)?;
        // SAFETY: @call_alias is i64 (i64).
        let f: FnI64I64 = unsafe { as_fn(compiled.address) };
        assert_eq!(f(41), 42, "{level:?}");

        let compiled = compile(&mut c, "hello_len", level)?;
        // SAFETY: @hello_len is i64 ().
        let f: FnI64 = unsafe { as_fn(compiled.address) };
        assert_eq!(f(), 5, "{level:?}");

        let compiled = compile(&mut c, "div128", level)?;
        // SAFETY: @div128 is i64 (i64, i64).
        let f: FnI64I64I64 = unsafe { as_fn(compiled.address) };
        assert_eq!(f(1, 3) as u64, 0x5555_5555_5555_5555, "{level:?}");
    }
    Ok(())
}

#[test]
fn optnone_noinline_and_unroll_disable_are_stripped_at_o3() -> TestResult {
    let mut c = compiler()?;
    for level in LEVELS {
        let compiled = compile(&mut c, "sum_to", level)?;
        // SAFETY: @sum_to is i64 (i64).
        let f: FnI64I64 = unsafe { as_fn(compiled.address) };
        assert_eq!(f(100), 4950, "{level:?}");
        assert_eq!(f(1), 0, "{level:?}");
        if level != OptLevel::O0 {
            // With optnone gone the loop becomes a closed form (a different instruction count); with optnone
            // still there the pipeline would leave the function untouched.
            assert_ne!(
                compiled.optimized_instructions, compiled.ir_instructions,
                "{level:?} did not optimize sum_to: {compiled:?}"
            );
        }
        let compiled = compile(&mut c, "spill_optnone", level)?;
        // SAFETY: @spill_optnone is i64 (i64).
        let f: FnI64I64 = unsafe { as_fn(compiled.address) };
        assert_eq!(f(21), 42, "{level:?}");
        if level == OptLevel::O0 {
            assert_eq!(compiled.optimized_instructions, compiled.ir_instructions);
        } else {
            // alloca/store/load/mul/ret -> shl/ret
            assert!(
                compiled.optimized_instructions < compiled.ir_instructions,
                "{level:?} did not optimize spill_optnone: {compiled:?}"
            );
        }
    }
    Ok(())
}

#[test]
fn inline_bodies_are_inlined() -> TestResult {
    let mut c = compiler()?;
    for level in [OptLevel::O2, OptLevel::O3] {
        let without = compile_with(&mut c, "use_add", level, &[], None)?;
        let with = compile_with(&mut c, "use_add", level, &["add"], None)?;
        // SAFETY: @use_add is i64 (i64).
        let (f_without, f_with): (FnI64I64, FnI64I64) = unsafe { (as_fn(without.address), as_fn(with.address)) };
        let before = ADD_CALLS.load(Ordering::SeqCst);
        assert_eq!(f_with(21), 42, "{level:?}");
        assert_eq!(ADD_CALLS.load(Ordering::SeqCst), before, "add was not inlined at {level:?}");
        assert_eq!(f_without(21), 42, "{level:?}");
        assert!(ADD_CALLS.load(Ordering::SeqCst) > before, "add's stub was not called at {level:?}");
    }
    Ok(())
}

static LEAF_CALLS: AtomicU64 = AtomicU64::new(0);

extern "C" fn leaf_stub(x: i64) -> i64 {
    LEAF_CALLS.fetch_add(1, Ordering::SeqCst);
    x * 3
}

#[test]
fn a_programs_noinline_is_kept_and_clang_o0s_blanket_one_is_not() -> TestResult {
    // `user` is not `noinline`: the module is not clang -O0 output, and `leaf`'s `noinline` is the program's.
    let own = r#"
define internal i64 @leaf(i64 %x) #0 {
  %y = mul i64 %x, 3
  ret i64 %y
}
define i64 @user(i64 %x) {
  %r = call i64 @leaf(i64 %x)
  %s = add i64 %r, 1
  ret i64 %s
}
attributes #0 = { noinline }
"#;
    // Every function `noinline` (and `optnone`, or not): clang -O0's marks, which say nothing about inlining.
    let blanket = own.replace("define i64 @user(i64 %x) {", "define i64 @user(i64 %x) #0 {");
    let syms = vec![("leaf".to_string(), leaf_stub as *const () as u64)];
    for (ir, inlined) in
        [(own, false), (blanket.as_str(), true), (&blanket.replace("{ noinline }", "{ noinline optnone }"), true)]
    {
        let mut c = ModuleCompiler::new(&bitcode(ir), &syms)?;
        let compiled = compile_with(&mut c, "user", OptLevel::O3, &["leaf"], None)?;
        // SAFETY: @user is i64 (i64).
        let user: FnI64I64 = unsafe { as_fn(compiled.address) };
        let before = LEAF_CALLS.load(Ordering::SeqCst);
        assert_eq!(user(5), 16);
        assert_eq!(LEAF_CALLS.load(Ordering::SeqCst) == before, inlined, "inlined: {inlined}\n{ir}");
    }
    Ok(())
}

static ENTRY_COUNTER: AtomicU64 = AtomicU64::new(0);
static THRESHOLD: AtomicU64 = AtomicU64::new(3);
static HOOK_CALLS: AtomicU32 = AtomicU32::new(0);
static HOOK_ARGS: AtomicU64 = AtomicU64::new(u64::MAX);

extern "C" fn hook(func_index: u32, loop_index: u32) {
    HOOK_CALLS.fetch_add(1, Ordering::SeqCst);
    HOOK_ARGS.store((u64::from(func_index) << 32) | u64::from(loop_index), Ordering::SeqCst);
}

#[test]
fn entry_counter_and_hook() -> TestResult {
    let mut c = compiler()?;
    let spec = CounterSpec {
        entry_counter: ENTRY_COUNTER.as_ptr() as u64,
        threshold: THRESHOLD.as_ptr() as u64,
        hook: hook as *const () as usize as u64,
        func_index: 7,
        calls: CallCounting::Counter,
    };
    let compiled = compile_with(&mut c, "with_alloca", OptLevel::O0, &[], Some(spec))?;
    // SAFETY: @with_alloca is i64 (i64).
    let f: FnI64I64 = unsafe { as_fn(compiled.address) };
    for call in 1..=5u64 {
        assert_eq!(f(call as i64), 2 * call as i64);
        assert_eq!(ENTRY_COUNTER.load(Ordering::SeqCst), call);
        // The threshold is 3: every call at or past it calls the hook, until the threshold moves on.
        let expected_hooks = call.saturating_sub(2) as u32;
        assert_eq!(HOOK_CALLS.load(Ordering::SeqCst), expected_hooks, "after call {call}");
    }
    assert_eq!(HOOK_ARGS.load(Ordering::SeqCst), 7 << 32);
    // The threshold is read on every call: raising it quiets the hook until the counter gets there (calls 8..10).
    THRESHOLD.store(8, Ordering::SeqCst);
    for _ in 0..5 {
        f(1);
    }
    assert_eq!(ENTRY_COUNTER.load(Ordering::SeqCst), 10);
    assert_eq!(HOOK_CALLS.load(Ordering::SeqCst), 3 + 3);
    // A silenced counter neither counts nor calls the hook.
    THRESHOLD.store(tierlift_llvm::SILENT_THRESHOLD, Ordering::SeqCst);
    for _ in 0..5 {
        assert_eq!(f(4), 8);
    }
    assert_eq!((ENTRY_COUNTER.load(Ordering::SeqCst), HOOK_CALLS.load(Ordering::SeqCst)), (10, 6));
    Ok(())
}

#[test]
fn counters_work_at_o3_too() -> TestResult {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    static LIMIT: AtomicU64 = AtomicU64::new(2);
    static HITS: AtomicU32 = AtomicU32::new(0);
    extern "C" fn local_hook(_: u32, _: u32) {
        HITS.fetch_add(1, Ordering::SeqCst);
    }
    let mut c = compiler()?;
    let spec = CounterSpec {
        entry_counter: COUNT.as_ptr() as u64,
        threshold: LIMIT.as_ptr() as u64,
        hook: local_hook as *const () as usize as u64,
        func_index: 1,
        calls: CallCounting::Counter,
    };
    let compiled = compile_with(&mut c, "fib", OptLevel::O3, &[], Some(spec))?;
    // SAFETY: @fib is i64 (i64).
    let fib: FnI64I64 = unsafe { as_fn(compiled.address) };
    // No recursion: every recursive call would count too, since the version calls itself.
    assert_eq!(fib(1), 1);
    assert_eq!(fib(1), 1);
    assert_eq!(COUNT.load(Ordering::SeqCst), 2);
    assert_eq!(HITS.load(Ordering::SeqCst), 1);
    Ok(())
}

/// An entry line (words 0–7) followed by 16 shard lines, 64 bytes apart (plane shift 6).
#[repr(C, align(64))]
struct Planes([AtomicU64; 8 * 17]);

static PLANES: Planes = Planes([const { AtomicU64::new(0) }; 8 * 17]);
static USED_UP: std::sync::Mutex<Vec<u64>> = std::sync::Mutex::new(Vec::new());

/// Records the shard's offset and gives it three more calls.
extern "C" fn used_up(line: *const u64, offset: u64) {
    assert_eq!(line, PLANES.0[0].as_ptr().cast_const());
    USED_UP.lock().unwrap().push(offset);
    PLANES.0[8 + offset as usize / 8].store(3, Ordering::SeqCst);
}

#[test]
fn sharded_counting_counts_down_the_callers_shard() -> TestResult {
    let mut c = compiler()?;
    PLANES.0[1].store(1_000, Ordering::SeqCst); // the threshold: counting
    let spec = CounterSpec {
        entry_counter: PLANES.0[0].as_ptr() as u64,
        threshold: PLANES.0[1].as_ptr() as u64,
        hook: hook as *const () as usize as u64,
        func_index: 3,
        calls: CallCounting::Sharded {
            plane_shift: 6,
            stack_shift: 16,
            spread: 0x9e37_79b1,
            shard_bits: 4,
            used_up: used_up as *const () as usize as u64,
        },
    };
    let compiled = compile_with(&mut c, "with_alloca", OptLevel::O2, &[], Some(spec))?;
    // SAFETY: @with_alloca is i64 (i64).
    let f: FnI64I64 = unsafe { as_fn(compiled.address) };
    for call in 1..=7 {
        assert_eq!(f(call), 2 * call);
    }
    // A fresh shard runs out at the first call, then after every three.
    let offsets = USED_UP.lock().unwrap().clone();
    assert_eq!(offsets.len(), 3, "{offsets:?}");
    assert!(offsets.iter().all(|o| *o == offsets[0] && o % 64 == 0 && *o < 16 * 64), "{offsets:?}");
    let shard = 8 + offsets[0] as usize / 8;
    assert_eq!(PLANES.0[shard].load(Ordering::SeqCst), 3);
    // Neither the entry line's counter nor any other shard was written; the hook is the routine's business.
    let written = (0..8 * 17).filter(|w| *w != 1 && *w != shard && PLANES.0[*w].load(Ordering::SeqCst) != 0).count();
    assert_eq!(written, 0);
    // Silenced: no counting at all.
    PLANES.0[1].store(tierlift_llvm::SILENT_THRESHOLD, Ordering::SeqCst);
    for call in 1..=5 {
        assert_eq!(f(call), 2 * call);
    }
    assert_eq!((PLANES.0[shard].load(Ordering::SeqCst), USED_UP.lock().unwrap().len()), (3, 3));
    Ok(())
}

#[test]
fn garbage_bitcode_is_an_error() {
    let err = ModuleCompiler::new(b"this is not bitcode", &[]).expect_err("garbage accepted");
    assert!(matches!(err, Error::InvalidBitcode { .. }), "{err}");
    let err = ModuleCompiler::new(&[], &[]).expect_err("empty input accepted");
    assert!(matches!(err, Error::InvalidBitcode { .. }), "{err}");
    let good = bitcode(MODULE);
    let err = ModuleCompiler::new(&good[..good.len() / 2], &[]).expect_err("truncated bitcode accepted");
    assert!(matches!(err, Error::InvalidBitcode { .. }), "{err}");
}

#[test]
fn bad_requests_are_errors() -> TestResult {
    let mut table = symbols();
    table.push(("runtime_only".into(), add_native as *const () as usize as u64));
    let mut c = ModuleCompiler::new(&bitcode(MODULE), &table)?;
    let err = compile(&mut c, "no_such_function", OptLevel::O2).expect_err("unknown function compiled");
    assert!(matches!(err, Error::UnknownFunction { .. }), "{err}");
    let err = compile(&mut c, "ext", OptLevel::O2).expect_err("declaration compiled");
    assert!(matches!(err, Error::NotADefinition { .. }), "{err}");

    let request = |version: &'static str| CompileRequest::new("add", OptLevel::O0, version);
    c.compile(&request("add.v1"))?;
    let err = c.compile(&request("add.v1")).expect_err("version name reused");
    assert!(matches!(err, Error::VersionNameTaken { .. }), "{err}");
    let err = c.compile(&request("fib")).expect_err("version name of a module function");
    assert!(matches!(err, Error::VersionNameTaken { .. }), "{err}");
    let err = c.compile(&request("ext")).expect_err("version name of a declaration");
    assert!(matches!(err, Error::VersionNameTaken { .. }), "{err}");
    let err = c.compile(&request("runtime_only")).expect_err("version name of an absolute symbol");
    assert!(matches!(err, Error::Link { .. }), "{err}");
    // The compiler is still usable after errors.
    let compiled = compile(&mut c, "add", OptLevel::O2)?;
    // SAFETY: @add is i64 (i64, i64).
    let add: FnI64I64I64 = unsafe { as_fn(compiled.address) };
    assert_eq!(add(1, 2), 3);
    Ok(())
}

#[test]
fn unresolved_symbol_is_a_link_error() -> TestResult {
    let mut c = ModuleCompiler::new(&bitcode(UNRESOLVED), &[])?;
    for level in LEVELS {
        let err = compile(&mut c, "f", level).expect_err("unresolved symbol linked");
        assert!(matches!(err, Error::Link { .. }), "{err}");
        assert!(err.to_string().contains("tierlift_test_no_such_symbol_anywhere"), "{err}");
    }
    Ok(())
}

#[test]
fn bad_symbol_tables_are_errors() {
    let bc = bitcode(MODULE);
    let dup = vec![("a".to_string(), 1u64), ("a".to_string(), 2u64)];
    let err = ModuleCompiler::new(&bc, &dup).expect_err("duplicate symbol accepted");
    assert!(matches!(err, Error::DuplicateSymbol { .. }), "{err}");
    let nul = vec![("a\0b".to_string(), 1u64)];
    let err = ModuleCompiler::new(&bc, &nul).expect_err("NUL in name accepted");
    assert!(matches!(err, Error::NulInName { .. }), "{err}");
}

#[test]
fn unnamed_globals_are_rejected() {
    let ir = "@0 = global i64 1\ndefine i64 @f() {\n  %v = load i64, ptr @0\n  ret i64 %v\n}\n";
    let err = ModuleCompiler::new(&bitcode(ir), &[]).expect_err("unnamed global accepted");
    assert!(matches!(err, Error::UnnamedGlobal { .. }), "{err}");
}

#[test]
fn code_outlives_the_compiler_on_another_thread() -> TestResult {
    let (address, owner) = std::thread::spawn(|| -> Result<(u64, tierlift_llvm::CodeOwner), Error> {
        let mut c = compiler()?;
        let compiled = compile(&mut c, "fib", OptLevel::O3)?;
        Ok((compiled.address, c.code_owner()))
    })
    .join()
    .map_err(|_| "worker panicked")??;
    // SAFETY: @fib is i64 (i64), and `owner` keeps its code mapped.
    let fib: FnI64I64 = unsafe { as_fn(address) };
    assert_eq!(fib(12), 144);
    drop(owner);
    Ok(())
}

#[test]
fn many_versions_of_one_function() -> TestResult {
    let mut c = compiler()?;
    let mut addresses = Vec::new();
    for round in 0..3 {
        for level in LEVELS {
            let compiled = compile(&mut c, "fib", level)?;
            // SAFETY: @fib is i64 (i64).
            let fib: FnI64I64 = unsafe { as_fn(compiled.address) };
            assert_eq!(fib(15), 610, "round {round} {level:?}");
            addresses.push(compiled.address);
        }
    }
    addresses.sort_unstable();
    addresses.dedup();
    assert_eq!(addresses.len(), 9, "versions share code addresses");
    Ok(())
}

extern "C" fn dummy_personality() {}

#[test]
fn exception_handling_and_variadic_definitions() -> TestResult {
    let table = vec![
        ("may_throw".to_string(), ext_native as *const () as usize as u64),
        ("__gxx_personality_v0".to_string(), dummy_personality as *const () as usize as u64),
    ];
    let mut c = ModuleCompiler::new(&bitcode(FALLBACK), &table)?;
    for level in LEVELS {
        let compiled = compile(&mut c, "guarded", level)?;
        // SAFETY: @guarded is i64 (i64).
        let f: FnI64I64 = unsafe { as_fn(compiled.address) };
        assert_eq!(f(4), 12, "{level:?}");

        let compiled = compile(&mut c, "vsum", level)?;
        // SAFETY: @vsum is i64 (i32, ...).
        let f: unsafe extern "C" fn(i32, ...) -> i64 = unsafe { as_fn(compiled.address) };
        // SAFETY: three i64 variadic arguments, as @vsum reads them.
        assert_eq!(unsafe { f(3, 1i64, 2i64, 39i64) }, 42, "{level:?}");
    }
    Ok(())
}

#[test]
fn codegen_errors_are_errors_not_exits() -> TestResult {
    let mut c = ModuleCompiler::new(&bitcode(FALLBACK), &[])?;
    let err = compile(&mut c, "bad_asm", OptLevel::O0).expect_err("invalid inline asm compiled");
    assert!(matches!(err, Error::Codegen { .. }), "{err}");
    assert!(err.to_string().contains("this_is_not_an_x86_instruction"), "{err}");
    Ok(())
}

#[test]
fn compilers_on_several_threads_at_once() -> TestResult {
    let workers: Vec<_> = (0..4)
        .map(|worker| {
            std::thread::spawn(move || -> Result<(), Error> {
                let mut c = compiler()?;
                for level in LEVELS {
                    let fib = compile(&mut c, "fib", level)?;
                    let sum = compile(&mut c, "table_sum", level)?;
                    let ext = compile(&mut c, "call_ext", level)?;
                    // SAFETY: @fib and @call_ext are i64 (i64), @table_sum is i64 ().
                    let (fib, sum, ext): (FnI64I64, FnI64, FnI64I64) =
                        unsafe { (as_fn(fib.address), as_fn(sum.address), as_fn(ext.address)) };
                    assert_eq!(fib(10), 55, "worker {worker} {level:?}");
                    assert_eq!(sum(), 100, "worker {worker} {level:?}");
                    assert_eq!(ext(10), 31, "worker {worker} {level:?}");
                }
                Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker.join().map_err(|_| "worker panicked")??;
    }
    Ok(())
}

#[test]
fn thread_local_globals_used_directly_get_a_copy_per_thread() -> TestResult {
    static TEMPLATE: [u64; 2] = [7, 40];
    // The emulated-TLS control object (size, alignment, index, initial image), as in the test below.
    let control: &'static mut [u64; 4] = Box::leak(Box::new([16, 8, 0, TEMPLATE.as_ptr() as u64]));
    // Direct uses, without llvm.threadlocal.address: an operand, and a constant expression over the global.
    let ir = "@t = thread_local global [2 x i64] [i64 7, i64 40]\n\
              define i64 @bump() {\n  %v = load i64, ptr @t\n  %w = add i64 %v, 1\n  store i64 %w, ptr @t\n  \
              %h = load i64, ptr getelementptr inbounds ([2 x i64], ptr @t, i64 0, i64 1)\n  \
              %r = add i64 %w, %h\n  ret i64 %r\n}\n";
    let mut c = ModuleCompiler::new(&bitcode(ir), &[("t".into(), control.as_mut_ptr() as u64)])?;
    for level in LEVELS {
        let compiled = compile(&mut c, "bump", level)?;
        let address = compiled.address;
        let run = move || {
            // SAFETY: `bump` is `i64 ()`; the compiler (and its code) outlives the threads, which are joined.
            let bump: FnI64 = unsafe { as_fn(address) };
            (bump(), bump())
        };
        let there = std::thread::spawn(run).join().map_err(|_| "thread panicked")?;
        assert_eq!(there, (48, 49), "{level:?}: a new thread starts from the initial value");
    }
    Ok(())
}

#[test]
fn thread_local_globals_get_a_copy_per_thread() -> TestResult {
    static TEMPLATE: u64 = 7;
    // The emulated-TLS control object the runtime gives a thread-local global: size, alignment, index (set by the
    // C runtime on first use), initial image.
    let control: &'static mut [u64; 4] = Box::leak(Box::new([8, 8, 0, &TEMPLATE as *const u64 as u64]));
    let ir = "@t = thread_local global i64 7\n\
              define i64 @bump() {\n  %p = call ptr @llvm.threadlocal.address.p0(ptr @t)\n  %v = load i64, ptr %p\n  \
              %w = add i64 %v, 1\n  store i64 %w, ptr %p\n  ret i64 %w\n}\n\
              declare ptr @llvm.threadlocal.address.p0(ptr)\n";
    let mut c = ModuleCompiler::new(&bitcode(ir), &[("t".into(), control.as_mut_ptr() as u64)])?;
    for level in LEVELS {
        let compiled = compile(&mut c, "bump", level)?;
        let address = compiled.address;
        let run = move || {
            // SAFETY: `bump` is `i64 ()`; the compiler (and its code) outlives the threads, which are joined.
            let bump: FnI64 = unsafe { as_fn(address) };
            (bump(), bump(), bump())
        };
        let here = run();
        let there = std::thread::spawn(run).join().map_err(|_| "thread panicked")?;
        assert_eq!(there, (8, 9, 10), "{level:?}: a new thread starts from the initial value");
        assert!(here.0 >= 8 && here.1 == here.0 + 1, "{level:?}: {here:?}");
    }
    Ok(())
}

/// clang -O0's style: parameters stored to stack slots, so the facts are found on a promoted copy of the module.
const SLOTS_MODULE: &str = r#"
target triple = "x86_64-pc-linux-gnu"

define dso_local i64 @square(i64 %x) {
  %slot = alloca i64, align 8
  store i64 %x, ptr %slot, align 8
  %v = load i64, ptr %slot, align 8
  %r = mul i64 %v, %v
  ret i64 %r
}

define dso_local i64 @sum_squares(i64 %a, i64 %b) {
  %sa = alloca i64, align 8
  %sb = alloca i64, align 8
  store i64 %a, ptr %sa, align 8
  store i64 %b, ptr %sb, align 8
  %va = load i64, ptr %sa, align 8
  %vb = load i64, ptr %sb, align 8
  %qa = call i64 @square(i64 %va)
  %qb = call i64 @square(i64 %vb)
  %r = add i64 %qa, %qb
  ret i64 %r
}
"#;

#[test]
fn the_promoted_copy_is_freed_after_the_first_job_and_compiles_go_on() -> TestResult {
    let machines = tierlift_llvm::SharedMachines::default();
    let mut c = ModuleCompiler::sharing(&machines, &bitcode(SLOTS_MODULE), &[], false)?;
    let first = compile_with(&mut c, "sum_squares", OptLevel::O3, &["square"], None)?;
    c.free_retired();
    c.free_retired();
    let second = compile(&mut c, "square", OptLevel::O2)?;
    // SAFETY: @sum_squares is i64 (i64, i64), @square i64 (i64).
    let (sum_squares, square): (FnI64I64I64, FnI64I64) = unsafe { (as_fn(first.address), as_fn(second.address)) };
    assert_eq!(sum_squares(3, 4), 25);
    assert_eq!(square(-9), 81);
    Ok(())
}
