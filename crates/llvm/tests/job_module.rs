//! Job modules built from a copy of only what the function refers to give the same results as those built from a
//! copy of the whole module, at every level; the direct copy is taken whenever it applies, and a module it does
//! not handle (an alias) still compiles, through the whole copy.

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use tierlift_llvm::{CompileRequest, ModuleCompiler, OptLevel};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Function pointers in a constant table and in a `!callees` list, a constant whose initializer is a
/// `getelementptr` into a variable, an `extern_weak` declaration, phis whose incoming values are laid out after
/// them, a `switch`, and calls between bodies (`twice` is carried along for inlining at O2/O3).
const MODULE: &str = r#"
target triple = "x86_64-pc-linux-gnu"

@data = dso_local global [4 x i64] [i64 1, i64 2, i64 3, i64 4], align 8
@table = dso_local constant [2 x ptr] [ptr @inc, ptr @dec], align 8
@pair = dso_local constant { ptr, i64 } { ptr getelementptr inbounds (i8, ptr @data, i64 8), i64 3 }, align 8
@weak = extern_weak global i64

declare i64 @inc(i64)
declare i64 @dec(i64)

define dso_local i64 @twice(i64 %x) {
  %y = shl i64 %x, 1
  ret i64 %y
}

define dso_local i64 @pick(i64 %i, i64 %x) {
  %p = getelementptr inbounds [2 x ptr], ptr @table, i64 0, i64 %i
  %f = load ptr, ptr %p, align 8
  %r = call i64 %f(i64 %x), !callees !0
  %t = call i64 @twice(i64 %r)
  ret i64 %t
}

define dso_local i64 @second() {
  %p = load ptr, ptr @pair, align 8
  %v = load i64, ptr %p, align 8
  %q = getelementptr inbounds { ptr, i64 }, ptr @pair, i64 0, i32 1
  %w = load i64, ptr %q, align 8
  %s = add i64 %v, %w
  ret i64 %s
}

define dso_local i64 @sum_to(i64 %n) {
entry:
  br label %head
exit:
  ret i64 %acc
head:
  %i = phi i64 [ 0, %entry ], [ %i.next, %body ]
  %acc = phi i64 [ 0, %entry ], [ %acc.next, %body ]
  %done = icmp sgt i64 %i, %n
  br i1 %done, label %exit, label %body
body:
  %acc.next = add i64 %acc, %i
  %i.next = add i64 %i, 1
  br label %head, !llvm.loop !1
}

define dso_local i64 @classify(i64 %x) {
entry:
  switch i64 %x, label %other [ i64 0, label %zero
                                i64 7, label %seven ]
zero:
  br label %join
seven:
  br label %join
other:
  br label %join
join:
  %r = phi i64 [ 100, %zero ], [ 107, %seven ], [ -1, %other ]
  ret i64 %r
}

define dso_local i64 @weak_missing() {
  %missing = icmp eq ptr @weak, null
  %r = zext i1 %missing to i64
  ret i64 %r
}

!0 = !{ptr @inc, ptr @dec}
!1 = distinct !{!1, !2}
!2 = !{!"llvm.loop.mustprogress"}
"#;

/// `@alias_twice` is an alias: the direct copy declines, the whole copy compiles it.
const ALIAS_MODULE: &str = r#"
target triple = "x86_64-pc-linux-gnu"

@alias_twice = alias i64 (i64), ptr @twice

define dso_local i64 @twice(i64 %x) {
  %y = shl i64 %x, 1
  ret i64 %y
}

define dso_local i64 @four_times(i64 %x) {
  %y = call i64 @alias_twice(i64 %x)
  %z = call i64 @alias_twice(i64 %y)
  ret i64 %z
}
"#;

extern "C" fn inc_native(x: i64) -> i64 {
    x + 1
}

extern "C" fn dec_native(x: i64) -> i64 {
    x - 1
}

extern "C" fn twice_native(x: i64) -> i64 {
    x * 2
}

/// The runtime's copies of the module's globals.
#[repr(C)]
struct Pair {
    pointer: *const i64,
    value: i64,
}

static DATA: [i64; 4] = [1, 2, 3, 4];
static TABLE: [extern "C" fn(i64) -> i64; 2] = [inc_native, dec_native];

fn bitcode(ir: &str) -> Vec<u8> {
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(ir.as_bytes(), "job_module.ll");
    let module = context.create_module_from_ir(buffer).expect("test IR parses");
    module.write_bitcode_to_memory().as_slice().to_vec()
}

fn address<T>(p: *const T) -> u64 {
    p as usize as u64
}

fn compile(
    c: &mut ModuleCompiler,
    function: &str,
    level: OptLevel,
    version: &str,
) -> Result<u64, tierlift_llvm::Error> {
    let inline: &[&str] = &["twice"];
    let compiled =
        c.compile(&CompileRequest { inline_bodies: inline, ..CompileRequest::new(function, level, version) })?;
    Ok(compiled.address)
}

#[test]
fn direct_copies_compute_what_whole_copies_do() -> TestResult {
    let pair = Box::new(Pair { pointer: DATA[1..].as_ptr(), value: 3 });
    let symbols = vec![
        ("data".to_string(), address(DATA.as_ptr())),
        ("table".to_string(), address(TABLE.as_ptr())),
        ("pair".to_string(), address(&*pair)),
        ("inc".to_string(), inc_native as *const () as usize as u64),
        ("dec".to_string(), dec_native as *const () as usize as u64),
        ("twice".to_string(), twice_native as *const () as usize as u64),
        ("weak".to_string(), 0),
    ];
    let bc = bitcode(MODULE);
    let mut jobs = 0;
    for whole in [false, true] {
        let mut c = ModuleCompiler::new(&bc, &symbols)?;
        c.copy_whole_module(whole);
        for (l, level) in [OptLevel::O0, OptLevel::O2, OptLevel::O3].into_iter().enumerate() {
            let version = |f: &str| format!("{f}.{whole}.{l}");
            type I64I64I64 = extern "C" fn(i64, i64) -> i64;
            type I64I64 = extern "C" fn(i64) -> i64;
            type I64 = extern "C" fn() -> i64;
            // SAFETY: each function has the signature it is called with, and only computes.
            unsafe {
                let pick: I64I64I64 = std::mem::transmute(compile(&mut c, "pick", level, &version("pick"))? as usize);
                assert_eq!((pick(0, 10), pick(1, 10)), (22, 18), "pick at {level:?}, whole copy {whole}");
                let second: I64 = std::mem::transmute(compile(&mut c, "second", level, &version("second"))? as usize);
                assert_eq!(second(), 5, "second at {level:?}, whole copy {whole}");
                let sum_to: I64I64 =
                    std::mem::transmute(compile(&mut c, "sum_to", level, &version("sum_to"))? as usize);
                assert_eq!((sum_to(0), sum_to(10)), (0, 55), "sum_to at {level:?}, whole copy {whole}");
                let classify: I64I64 =
                    std::mem::transmute(compile(&mut c, "classify", level, &version("classify"))? as usize);
                assert_eq!([classify(0), classify(7), classify(3)], [100, 107, -1], "classify at {level:?}");
                let weak: I64 = std::mem::transmute(compile(&mut c, "weak_missing", level, &version("weak"))? as usize);
                assert_eq!(weak(), 1, "weak_missing at {level:?}, whole copy {whole}");
            }
            jobs += 5;
        }
        let expected = if whole { 15 } else { 0 };
        assert_eq!(c.whole_module_copies(), expected, "jobs that copied the whole module, whole copy {whole}");
    }
    assert_eq!(jobs, 30);
    Ok(())
}

#[test]
fn an_alias_takes_the_whole_copy() -> TestResult {
    let symbols = vec![
        ("twice".to_string(), twice_native as *const () as usize as u64),
        ("alias_twice".to_string(), twice_native as *const () as usize as u64),
        ("four_times".to_string(), 0x1000),
    ];
    let mut c = ModuleCompiler::new(&bitcode(ALIAS_MODULE), &symbols)?;
    for (l, level) in [OptLevel::O0, OptLevel::O3].into_iter().enumerate() {
        let address = compile(&mut c, "four_times", level, &format!("four_times.{l}"))?;
        // SAFETY: `four_times` is i64 (i64) and only computes.
        let four_times: extern "C" fn(i64) -> i64 = unsafe { std::mem::transmute(address as usize) };
        assert_eq!(four_times(3), 12, "four_times at {level:?}");
    }
    assert_eq!(c.whole_module_copies(), 2);
    // A function that does not reach the alias copies directly.
    compile(&mut c, "twice", OptLevel::O0, "twice.0")?;
    assert_eq!(c.whole_module_copies(), 2);
    Ok(())
}
