//! OSR entries into functions whose irreducible cycles are entered through a `switch` (as every lowered
//! `indirectbr` is): the OSR pipeline's `fix-irreducible` pass must not crash on them, and the entry must compute
//! what the function computes from that state.

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use tierlift_llvm::{CompileRequest, ModuleCompiler, OptLevel, OsrRequest, OsrValue};

/// Each turn of the loop at `outer` enters the cycle of blocks `a`, `b` and `c` at any of them through one
/// `switch`; `b` ends in a `switch` too. An OSR entry at `outer` keeps that cycle irreducible.
const MODULE: &str = r#"
target triple = "x86_64-pc-linux-gnu"

define i32 @f(i32 %n, i32 %m) {
entry:
  br label %outer
outer:
  %k = phi i32 [ 0, %entry ], [ %k1, %inner_exit ]
  %acc = phi i32 [ 0, %entry ], [ %acc1, %inner_exit ]
  %x = and i32 %k, 3
  switch i32 %x, label %a [ i32 1, label %b
                            i32 2, label %c ]
a:
  %i = phi i32 [ 0, %outer ], [ %i.b, %b ], [ %i.c1, %c ]
  %i.a = add i32 %i, 1
  %d = icmp slt i32 %i.a, %n
  br i1 %d, label %b, label %inner_exit
b:
  %i.b = phi i32 [ 0, %outer ], [ %i.a, %a ]
  %s = and i32 %i.b, 3
  switch i32 %s, label %a [ i32 1, label %c ]
c:
  %i.c = phi i32 [ 0, %outer ], [ %i.b, %b ]
  %i.c1 = add i32 %i.c, 2
  %e = icmp slt i32 %i.c1, %n
  br i1 %e, label %a, label %inner_exit
inner_exit:
  %r = phi i32 [ %i.a, %a ], [ %i.c1, %c ]
  %acc1 = add i32 %acc, %r
  %k1 = add i32 %k, 1
  %more = icmp slt i32 %k1, %m
  br i1 %more, label %outer, label %done
done:
  ret i32 %acc1
}
"#;

/// One turn of the inner cycle, entered at `a`, `b` or `c` by `x`.
fn inner(x: i32, n: i32) -> i32 {
    let (mut block, mut i) = (
        match x {
            1 => 'b',
            2 => 'c',
            _ => 'a',
        },
        0,
    );
    loop {
        match block {
            'a' => {
                i += 1;
                if i >= n {
                    return i;
                }
                block = 'b';
            }
            'b' => block = if i & 3 == 1 { 'c' } else { 'a' },
            _ => {
                i += 2;
                if i >= n {
                    return i;
                }
                block = 'a';
            }
        }
    }
}

/// `f` entered at `outer` with `%k` and `%acc`.
fn model(n: i32, m: i32, mut k: i32, mut acc: i32) -> i32 {
    loop {
        acc = acc.wrapping_add(inner(k & 3, n));
        k += 1;
        if k >= m {
            return acc;
        }
    }
}

#[test]
fn osr_entry_into_irreducible_switch_cycle() -> Result<(), Box<dyn std::error::Error>> {
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(MODULE.as_bytes(), "irreducible.ll");
    let module = context.create_module_from_ir(buffer)?;
    let bitcode = module.write_bitcode_to_memory().as_slice().to_vec();
    let mut c = ModuleCompiler::new(&bitcode, &[("f".into(), 0)])?;
    // Block 1 is `outer`; instructions 1 and 2 are `%k` and `%acc` (entry holds 1 instruction).
    let state = [OsrValue::Arg(0), OsrValue::Arg(1), OsrValue::Inst(1), OsrValue::Inst(2)];
    for (k, level) in [OptLevel::O2, OptLevel::O3].into_iter().enumerate() {
        let version = format!("f.osr.{k}");
        let compiled = c.compile(&CompileRequest {
            osr: Some(OsrRequest { header: 1, state: &state }),
            ..CompileRequest::new("f", level, &version)
        })?;
        // SAFETY: an OSR entry of `i32 (i32, i32)` is `i32 (ptr state)`.
        let entry: extern "C" fn(*const u64) -> i32 = unsafe { std::mem::transmute(compiled.address) };
        for (n, m, k, acc) in [(10, 20, 0, 0), (100, 7, 1, 5), (57, 40, 13, -3), (3, 9, 8, 1)] {
            let buf: [u64; 8] = [n as u64, 0, m as u64, 0, k as u64, 0, acc as u32 as u64, 0];
            assert_eq!(entry(buf.as_ptr()), model(n, m, k, acc), "{level:?} n={n} m={m} k={k} acc={acc}");
        }
    }
    Ok(())
}
