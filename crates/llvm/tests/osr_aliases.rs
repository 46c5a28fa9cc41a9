//! An OSR entry of a function in a module with aliases: the job module's unused private aliases must still point
//! at a definition once the function's body has moved into its entry (LLVM's verifier rejects the module
//! otherwise, and the function never gets its entry).

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use tierlift_llvm::{CompileRequest, ModuleCompiler, OptLevel, OsrRequest, OsrValue};

const MODULE: &str = r#"
target triple = "x86_64-pc-linux-gnu"

@g = internal alias i32 (i32), ptr @h

define internal i32 @h(i32 %x) {
  %y = mul i32 %x, 3
  ret i32 %y
}

define i32 @f(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %acc = phi i32 [ 0, %entry ], [ %acc1, %loop ]
  %t = call i32 @g(i32 %i)
  %acc1 = add i32 %acc, %t
  %i1 = add i32 %i, 1
  %more = icmp slt i32 %i1, %n
  br i1 %more, label %loop, label %done
done:
  ret i32 %acc1
}
"#;

extern "C" fn triple(x: i32) -> i32 {
    x.wrapping_mul(3)
}

#[test]
fn osr_entry_of_a_function_in_a_module_with_aliases() -> Result<(), Box<dyn std::error::Error>> {
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(MODULE.as_bytes(), "aliases.ll");
    let module = context.create_module_from_ir(buffer)?;
    let bitcode = module.write_bitcode_to_memory().as_slice().to_vec();
    let h = triple as *const () as u64;
    let mut c = ModuleCompiler::new(&bitcode, &[("f".into(), 0), ("h".into(), h), ("g".into(), h)])?;
    // Block 1 is `loop`; instructions 1 and 2 are `%i` and `%acc` (entry holds 1 instruction).
    let state = [OsrValue::Arg(0), OsrValue::Inst(1), OsrValue::Inst(2)];
    for (k, level) in [OptLevel::O0, OptLevel::O2, OptLevel::O3].into_iter().enumerate() {
        let version = format!("f.osr.{k}");
        let compiled = c.compile(&CompileRequest {
            osr: Some(OsrRequest { header: 1, state: &state }),
            ..CompileRequest::new("f", level, &version)
        })?;
        // SAFETY: an OSR entry of `i32 (i32)` is `i32 (ptr state)`.
        let entry: extern "C" fn(*const u64) -> i32 = unsafe { std::mem::transmute(compiled.address) };
        for (n, i, acc) in [(10, 0, 0), (100, 37, 5), (5, 4, -7)] {
            let buf: [u64; 6] = [n as u64, 0, i as u64, 0, acc as u32 as u64, 0];
            let expected = (i..n).fold(acc, |a: i32, j: i32| a.wrapping_add(j * 3));
            assert_eq!(entry(buf.as_ptr()), expected, "{level:?} n={n} i={i} acc={acc}");
        }
    }
    Ok(())
}
