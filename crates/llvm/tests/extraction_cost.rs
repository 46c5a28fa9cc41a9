//! How much it costs to get a job module out of a big module: copying the whole parsed module
//! (`LLVMCloneModule`) or parsing the bitcode again — both proportional to the module — versus what
//! `ModuleCompiler::compile` does (copy the job's bodies and only what they refer to into a new module). Run with
//! `cargo test -p tierlift-llvm --release --test extraction_cost -- --ignored --nocapture`.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use inkwell::context::Context;
use inkwell::llvm_sys::core::{LLVMCloneModule, LLVMDisposeModule};
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::Module;
use tierlift_llvm::{CompileRequest, ModuleCompiler, OptLevel};

/// A module with `n` functions of ~30 instructions each, calling their neighbours and touching globals.
fn big_module(n: usize) -> String {
    let mut ir = String::new();
    for i in 0..n {
        let _ = writeln!(ir, "@g{i} = global i64 {i}, align 8");
        let _ = writeln!(ir, "@c{i} = constant [4 x i64] [i64 1, i64 2, i64 3, i64 {i}], align 8");
    }
    for i in 0..n {
        let callee = (i + 1) % n;
        let _ = writeln!(
            ir,
            "define i64 @f{i}(i64 %x) {{
entry:
  %a = load i64, ptr @g{i}, align 8
  %b = add i64 %a, %x
  store i64 %b, ptr @g{i}, align 8
  %p = getelementptr inbounds [4 x i64], ptr @c{i}, i64 0, i64 3
  %c = load i64, ptr %p, align 8
  %d = mul i64 %b, %c
  %e = icmp sgt i64 %x, 100
  br i1 %e, label %rec, label %loop
rec:
  %y = sub i64 %x, 1
  %r = call i64 @f{callee}(i64 %y)
  br label %exit
loop:
  %k = phi i64 [ 0, %entry ], [ %k1, %loop ]
  %s = phi i64 [ %d, %entry ], [ %s1, %loop ]
  %t = xor i64 %s, %k
  %u = shl i64 %t, 1
  %s1 = add i64 %u, %k
  %k1 = add i64 %k, 1
  %m = icmp slt i64 %k1, %x
  br i1 %m, label %loop, label %exit
exit:
  %v = phi i64 [ %r, %rec ], [ %s1, %loop ]
  %w = add i64 %v, 7
  %z = sdiv i64 %w, 3
  ret i64 %z
}}"
        );
    }
    ir
}

fn bitcode(ir: &str) -> Vec<u8> {
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(ir.as_bytes(), "big.ll");
    let module = context.create_module_from_ir(buffer).expect("IR parses");
    module.write_bitcode_to_memory().as_slice().to_vec()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

#[test]
#[ignore = "timing report, not a check"]
fn clone_versus_reparse() {
    for n in [10, 100, 1000] {
        let bc = bitcode(&big_module(n));
        let context = Context::create();
        let buffer = MemoryBuffer::create_from_memory_range(&bc, "big");
        let base = Module::parse_bitcode_from_buffer(&buffer, &context).expect("bitcode parses");

        let clone_times: Vec<Duration> = (0..20)
            .map(|_| {
                let start = Instant::now();
                // SAFETY: `base` is a live, verified module; the clone is disposed right after.
                unsafe { LLVMDisposeModule(LLVMCloneModule(base.as_mut_ptr())) };
                start.elapsed()
            })
            .collect();
        let parse_times: Vec<Duration> = (0..20)
            .map(|_| {
                let start = Instant::now();
                let buffer = MemoryBuffer::create_from_memory_range(&bc, "big");
                let m = Module::parse_bitcode_from_buffer(&buffer, &context).expect("bitcode parses");
                drop(m);
                start.elapsed()
            })
            .collect();

        let symbols: Vec<(String, u64)> = (0..n)
            .flat_map(|i| {
                [
                    (format!("f{i}"), 0x1000 + i as u64 * 16),
                    (format!("g{i}"), 0x10_0000 + i as u64 * 8),
                    (format!("c{i}"), 0x20_0000 + i as u64 * 32),
                ]
            })
            .collect();
        let start = Instant::now();
        let mut compiler = ModuleCompiler::new(&bc, &symbols).expect("compiler");
        let setup = start.elapsed();
        let mut extract = Vec::new();
        let mut totals = [Vec::new(), Vec::new(), Vec::new()];
        for round in 0..5 {
            for (l, level) in [OptLevel::O0, OptLevel::O2, OptLevel::O3].into_iter().enumerate() {
                let version = format!("f0.v{round}.{l}");
                let c = compiler
                    .compile(&CompileRequest { inline_bodies: &["f1"], ..CompileRequest::new("f0", level, &version) })
                    .expect("compiles");
                extract.push(c.extract_time);
                totals[l].push(c.total_time());
            }
        }
        println!(
            "{n:>5} functions, {:>7} bytes bitcode: clone {:>9.3?}  reparse {:>9.3?} | ModuleCompiler::new {:>9.3?} | \
             extract {:>9.3?} | total O0 {:>9.3?} O2 {:>9.3?} O3 {:>9.3?}",
            bc.len(),
            median(clone_times),
            median(parse_times),
            setup,
            median(extract),
            median(totals[0].clone()),
            median(totals[1].clone()),
            median(totals[2].clone()),
        );
    }
}
