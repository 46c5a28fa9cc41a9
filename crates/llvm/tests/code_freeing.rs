//! LLVM code is unmapped when a version is freed and when its module's compiler goes. One test in this binary,
//! so that no other test maps memory meanwhile at the addresses it checks.

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use tierlift_llvm::{CompileRequest, ModuleCompiler, OptLevel, SharedMachines};

const MODULE: &str = r#"
define i64 @add(i64 %a, i64 %b) {
  %s = add i64 %a, %b
  ret i64 %s
}

define i64 @sub(i64 %a, i64 %b) {
  %s = sub i64 %a, %b
  ret i64 %s
}
"#;

fn bitcode() -> Vec<u8> {
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(MODULE.as_bytes(), "free.ll");
    let module = context.create_module_from_ir(buffer).expect("the test IR parses");
    module.write_bitcode_to_memory().as_slice().to_vec()
}

/// Whether `address` lies in a mapping of this process.
fn mapped(address: u64) -> bool {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    maps.lines().any(|l| {
        let (a, b) = l.split_whitespace().next().unwrap().split_once('-').unwrap();
        (u64::from_str_radix(a, 16).unwrap()..u64::from_str_radix(b, 16).unwrap()).contains(&address)
    })
}

fn compile(c: &mut ModuleCompiler, level: OptLevel, version: &str) -> u64 {
    let req = CompileRequest::new("add", level, version);
    c.compile(&req).expect("compiles").address
}

fn call(address: u64, a: i64, b: i64) -> i64 {
    // SAFETY: every address here is a version of `@add` or `@sub`, `i64 (i64, i64)`, not freed when called.
    let f: extern "C" fn(i64, i64) -> i64 = unsafe { std::mem::transmute(address as usize) };
    f(a, b)
}

#[test]
fn freed_code_is_unmapped_and_the_rest_keeps_running() {
    let machines = SharedMachines::default();
    let mut a = ModuleCompiler::sharing(&machines, &bitcode(), &[], false).unwrap();
    // A version freed through its handle: JITLink maps each object's memory on its own, so it is unmapped.
    let mut versions = Vec::new();
    for (i, level) in [OptLevel::O0, OptLevel::O2, OptLevel::O3].into_iter().enumerate() {
        let address = compile(&mut a, level, &format!("add.v{i}"));
        versions.push((address, a.take_version_code().expect("the version's code")));
        assert!(a.take_version_code().is_none(), "taken once");
    }
    let (freed, code) = versions.remove(0);
    code.free().expect("frees");
    assert!(!mapped(freed), "still mapped at {freed:#x}");
    for (address, _) in &versions {
        assert_eq!(call(*address, 2, 40), 42);
    }
    // Dropping a handle without freeing keeps the code.
    let (kept, code) = versions.remove(0);
    drop(code);
    assert_eq!(call(kept, 1, 1), 2);
    // A module's code goes with its compiler (and its handles); another module on the same LLJIT keeps running.
    let mut b = ModuleCompiler::sharing(&machines, &bitcode(), &[], false).unwrap();
    let in_b = compile(&mut b, OptLevel::O2, "add.b");
    drop(versions);
    drop(a);
    assert!(!mapped(kept), "module a's code is still mapped at {kept:#x}");
    assert_eq!(call(in_b, 20, 22), 42);
    // Versions that share an object file: its memory goes with the last of them.
    let mut batch = b.batch();
    batch.add(&CompileRequest::new("add", OptLevel::O3, "add.b3")).unwrap();
    batch.add(&CompileRequest::new("sub", OptLevel::O3, "sub.b3")).unwrap();
    let mut shared = batch.finish().expect("the batch compiles").versions;
    assert_eq!(shared.len(), 2);
    let (sub, sub_code) = shared.pop().unwrap();
    let (add, add_code) = shared.pop().unwrap();
    assert_eq!((call(add.address, 2, 3), call(sub.address, 2, 3)), (5, -1));
    add_code.free().expect("gives its share up");
    assert!(mapped(add.address) && mapped(sub.address), "the object went with its first version");
    assert_eq!(call(sub.address, 9, 4), 5);
    sub_code.free().expect("frees");
    assert!(!mapped(sub.address), "the object is still mapped at {:#x}", sub.address);
    assert_eq!(call(in_b, 1, 2), 3);
}
