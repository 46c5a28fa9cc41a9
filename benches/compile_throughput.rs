//! Compile throughput per tier: the same functions compiled by tier 0 (Cranelift) and by LLVM at O0, O2 and O3,
//! from IR to executable code, in IR instructions per second. Release build, Cranelift verifier off.
//! `tier0-cranelift-only` counts only the time tier 0 spends inside Cranelift.

mod common;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;
use tierlift::{Jit, Tier};

const PROGRAMS: &[&str] = &["interp_switch", "sorting", "hash_table", "matrix_2d", "expr_parser", "bigint_digits"];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile_throughput");
    group.sample_size(10).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_millis(500));
    let modules: Vec<_> = PROGRAMS
        .iter()
        .map(|p| {
            let bc = common::bitcode(&common::root().join(format!("tests/c/{p}.c")), 1);
            std::fs::read(bc).unwrap()
        })
        .collect();
    // Only functions every tier compiles count (tier 0 declines very few; those are left out for all).
    // One engine each: every program defines `main`.
    let loaded: Vec<_> =
        modules.iter().map(|b| Jit::builder().verifier(false).build().load_bytes(b).unwrap()).collect();
    let mut work = Vec::new();
    let mut instructions = 0u64;
    for (i, m) in loaded.iter().enumerate() {
        for f in &m.ir().functions {
            if m.compile_fresh(&f.name, Tier::Tier0).is_ok() {
                let size = m.ir().function(match m.ir().symbol(&f.name) {
                    Some(tierlift_ir::Symbol::Func(id)) => id,
                    _ => unreachable!(),
                });
                instructions += size.insts.len() as u64;
                work.push((i, f.name.clone()));
            }
        }
    }
    group.throughput(Throughput::Elements(instructions));
    // What Cranelift itself takes of tier 0 (lowering, register allocation, emission): a floor under tier 0's
    // time that no change to reading or translating IR can go below.
    group.bench_function("tier0-cranelift-only", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                for (i, name) in &work {
                    total += loaded[*i].tier0_codegen_time(name).unwrap();
                }
            }
            total
        })
    });
    for tier in [Tier::Tier0, Tier::LlvmO0, Tier::LlvmO2, Tier::LlvmO3] {
        group.bench_function(tier.name(), |b| {
            b.iter(|| {
                for (i, name) in &work {
                    loaded[*i].compile_fresh(name, tier).unwrap();
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
