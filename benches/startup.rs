//! Time to first result for a large module (2,000 functions, 30 called), per mode: `run_bitcode` as a process,
//! beside `lli-19` (default and `-jit-kind=orc-lazy`) on the same bitcode.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::process::{Command, Stdio};
use std::time::Duration;

fn run(cmd: &mut Command) {
    let status = cmd.stdout(Stdio::null()).status().expect("spawn");
    assert!(status.success());
}

fn bench(c: &mut Criterion) {
    let dir = common::root().join("target").join("bench-inputs");
    std::fs::create_dir_all(&dir).unwrap();
    let ll = dir.join("large_module.ll");
    std::fs::write(&ll, common::large_module(2000, 30)).unwrap();
    let bc = dir.join("large_module.bc");
    assert!(Command::new("llvm-as-19").arg(&ll).arg("-o").arg(&bc).status().unwrap().success());
    let runner = common::root().join("target/release/examples/run_bitcode");
    assert!(runner.exists(), "build it first: cargo build --release --example run_bitcode");
    let mut group = c.benchmark_group("startup");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    for mode in ["tiered", "tier0", "llvm-o0", "llvm-o2"] {
        group.bench_function(format!("run_bitcode/{mode}"), |b| {
            b.iter(|| run(Command::new(&runner).args(["--mode", mode]).arg(&bc)))
        });
    }
    group.bench_function("lli-19/default", |b| b.iter(|| run(Command::new("lli-19").arg(&bc))));
    group.bench_function("lli-19/orc-lazy", |b| {
        b.iter(|| run(Command::new("lli-19").arg("-jit-kind=orc-lazy").arg(&bc)))
    });
    group.bench_function("lli-19/O2", |b| b.iter(|| run(Command::new("lli-19").arg("-O2").arg(&bc))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
