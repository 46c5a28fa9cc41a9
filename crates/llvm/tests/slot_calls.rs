//! Direct calls made through the callee's slot (`CompileRequest::slot_calls`): the optimized code reads the slot at
//! each call and calls what it holds, while the function taken as a value stays its symbol (the stub).

use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use tierlift_llvm::{CompileRequest, Compiled, ModuleCompiler, OptLevel};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const MODULE: &str = r#"
target triple = "x86_64-pc-linux-gnu"

define i64 @callee(i64 %x) {
  %r = add i64 %x, 1
  ret i64 %r
}

define i64 @twice(i64 %x) {
  %a = call i64 @callee(i64 %x)
  %b = tail call i64 @callee(i64 %a)
  ret i64 %b
}

define ptr @callee_address() {
  ret ptr @callee
}

define i1 @is_callee(ptr %p) {
  %c = icmp eq ptr %p, @callee
  ret i1 %c
}

define i1 @is_not_callee(ptr %p) {
  %c = icmp ne ptr @callee, %p
  ret i1 %c
}
"#;

/// What the symbol `callee` (its stub, in the runtime) leads to: `x + 1`.
extern "C" fn callee_stub(x: i64) -> i64 {
    x + 1
}

extern "C" fn times_two(x: i64) -> i64 {
    x * 2
}

extern "C" fn times_three(x: i64) -> i64 {
    x * 3
}

/// `callee`'s slot: the code its calls reach now.
static SLOT: AtomicUsize = AtomicUsize::new(0);

/// `callee`'s slot for the comparisons' test.
static ENTRY_SLOT: AtomicUsize = AtomicUsize::new(0);

fn bitcode(ir: &str) -> Vec<u8> {
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(ir.as_bytes(), "slot_calls.ll");
    let module = context.create_module_from_ir(buffer).unwrap_or_else(|e| panic!("test IR does not parse: {e}"));
    module.write_bitcode_to_memory().as_slice().to_vec()
}

fn compile(c: &mut ModuleCompiler, function: &str, level: OptLevel, slots: &[(&str, u64)]) -> Compiled {
    compile_with(c, function, level, slots, &[])
}

/// [`compile`] with `entries` as the request's `slot_entries`.
fn compile_with(
    c: &mut ModuleCompiler,
    function: &str,
    level: OptLevel,
    slots: &[(&str, u64)],
    entries: &[(&str, u64)],
) -> Compiled {
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let version = format!("{function}.tl.{}", SEQ.fetch_add(1, Ordering::Relaxed));
    let request =
        CompileRequest { slot_calls: slots, slot_entries: entries, ..CompileRequest::new(function, level, &version) };
    c.compile(&request).unwrap_or_else(|e| panic!("{function} at {level:?}: {e}"))
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

#[test]
fn optimized_calls_read_the_callees_slot_at_each_call_and_values_stay_the_symbol() -> TestResult {
    let symbols = vec![("callee".to_string(), callee_stub as *const () as usize as u64)];
    let mut c = ModuleCompiler::new(&bitcode(MODULE), &symbols)?;
    let slot = [("callee", SLOT.as_ptr() as u64)];
    for level in [OptLevel::O2, OptLevel::O3] {
        SLOT.store(times_two as *const () as usize, Ordering::SeqCst);
        let compiled = compile(&mut c, "twice", level, &slot);
        assert_eq!(compiled.slot_calls, 2, "{level:?}");
        // SAFETY: @twice is i64 (i64).
        let twice: extern "C" fn(i64) -> i64 = unsafe { as_fn(compiled.address) };
        assert_eq!(twice(5), 20, "{level:?}: both calls reach what the slot holds");
        SLOT.store(times_three as *const () as usize, Ordering::SeqCst);
        assert_eq!(twice(5), 45, "{level:?}: the slot is read at each call, not once");

        // Without the slot, and for the function as a value, the symbol.
        let plain = compile(&mut c, "twice", level, &[]);
        assert_eq!(plain.slot_calls, 0);
        // SAFETY: as above.
        let twice: extern "C" fn(i64) -> i64 = unsafe { as_fn(plain.address) };
        assert_eq!(twice(5), 7, "{level:?}");
        let address = compile(&mut c, "callee_address", level, &slot);
        // SAFETY: @callee_address is ptr ().
        let get: extern "C" fn() -> usize = unsafe { as_fn(address.address) };
        assert_eq!(get(), callee_stub as *const () as usize, "{level:?}");
    }
    // O0 (the fallback for what tier 0 declines) calls the symbol: its callees may not have code yet.
    let compiled = compile(&mut c, "twice", OptLevel::O0, &slot);
    assert_eq!(compiled.slot_calls, 0);
    // SAFETY: @twice is i64 (i64).
    let twice: extern "C" fn(i64) -> i64 = unsafe { as_fn(compiled.address) };
    assert_eq!(twice(5), 7);
    Ok(())
}

/// A C++ virtual table entry holds its function's current code: a comparison of a loaded pointer with the
/// function (a promoted virtual call's guard) accepts the stub and whatever the slot holds when it is made.
#[test]
fn comparisons_with_a_function_accept_what_its_slot_holds() -> TestResult {
    let stub = callee_stub as *const () as usize;
    let (two, three) = (times_two as *const () as usize, times_three as *const () as usize);
    let symbols = vec![("callee".to_string(), stub as u64)];
    let mut c = ModuleCompiler::new(&bitcode(MODULE), &symbols)?;
    let entries = [("callee", ENTRY_SLOT.as_ptr() as u64)];
    for level in [OptLevel::O2, OptLevel::O3] {
        ENTRY_SLOT.store(two, Ordering::SeqCst);
        let eq = compile_with(&mut c, "is_callee", level, &[], &entries);
        let ne = compile_with(&mut c, "is_not_callee", level, &[], &entries);
        assert_eq!((eq.slot_compares, ne.slot_compares), (1, 1), "{level:?}");
        // SAFETY: both are i1 (ptr).
        let (eq, ne): (extern "C" fn(usize) -> bool, extern "C" fn(usize) -> bool) =
            unsafe { (as_fn(eq.address), as_fn(ne.address)) };
        assert_eq!((eq(stub), eq(two), eq(three)), (true, true, false), "{level:?}");
        assert_eq!((ne(stub), ne(two), ne(three)), (false, false, true), "{level:?}");
        ENTRY_SLOT.store(three, Ordering::SeqCst);
        assert_eq!((eq(two), eq(three), ne(three)), (false, true, false), "{level:?}: the slot is read each time");

        let plain = compile(&mut c, "is_callee", level, &[]);
        assert_eq!(plain.slot_compares, 0);
        // SAFETY: as above.
        let plain: extern "C" fn(usize) -> bool = unsafe { as_fn(plain.address) };
        assert_eq!((plain(stub), plain(three)), (true, false), "{level:?}");
    }
    Ok(())
}
