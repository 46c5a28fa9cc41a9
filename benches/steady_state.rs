//! Per-call time after warm-up, per mode: a small kernel called from Rust through its stub. Also a call through
//! the stub against a direct call of the same code and against `Func::call`.

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use std::time::Duration;
use tierlift::{Jit, TierMode};

const KERNEL: &str = r#"
define i64 @kernel(ptr %data, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %acc = phi i64 [ 0, %entry ], [ %acc1, %loop ]
  %p = getelementptr i64, ptr %data, i64 %i
  %v = load i64, ptr %p
  %m = mul i64 %v, %v
  %x = xor i64 %m, %acc
  %acc1 = add i64 %x, %i
  %i1 = add i64 %i, 1
  %done = icmp eq i64 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret i64 %acc1
}

define i64 @add1(i64 %x) {
  %r = add i64 %x, 1
  ret i64 %r
}
"#;

type Kernel = extern "C" fn(*const i64, i64) -> i64;

fn bench(c: &mut Criterion) {
    let data: Vec<i64> = (0..256).collect();
    let mut group = c.benchmark_group("steady_state");
    group.measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    let modes = [
        ("tier0", TierMode::Tier0),
        ("llvm-o0", TierMode::LlvmO0),
        ("llvm-o2", TierMode::LlvmO2),
        ("llvm-o3", TierMode::LlvmO3),
        ("tiered", TierMode::Tiered),
    ];
    for (name, mode) in modes {
        let m = Jit::builder().mode(mode).call_threshold(100).loop_threshold(10_000).build();
        let m = m.load_bytes(KERNEL.as_bytes()).unwrap();
        // SAFETY: `kernel` is `i64 (ptr, i64)`.
        let k = unsafe { m.get_function::<Kernel>("kernel").unwrap().get() };
        // Warm up until the tiered module has reached its final tier.
        for _ in 0..100_000 {
            black_box(k(data.as_ptr(), data.len() as i64));
        }
        m.wait_idle(Duration::from_secs(30));
        if mode == TierMode::Tiered {
            let tier = m.stats().function("kernel").unwrap().tier;
            assert_eq!(tier, tierlift::Tier::LlvmO3, "the tiered kernel did not reach O3 during warm-up");
        }
        group.bench_function(format!("kernel/{name}"), |b| b.iter(|| k(black_box(data.as_ptr()), 256)));
    }
    // Stub against direct: the same O3 code called through the stub and at its own address.
    let m = Jit::builder().mode(TierMode::LlvmO3).build().load_bytes(KERNEL.as_bytes()).unwrap();
    // SAFETY: `add1` is `i64 (i64)`.
    let stub = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("add1").unwrap().get() };
    let code = m.force_tier("add1", tierlift::Tier::LlvmO3).unwrap();
    // SAFETY: `code` is the O3 code of `add1`, alive while `m` is.
    let direct: extern "C" fn(i64) -> i64 = unsafe { tierlift_code::fn_from_address(code) };
    // SAFETY: as above.
    let func = unsafe { m.get_function::<extern "C" fn(i64) -> i64>("add1").unwrap() };
    group.bench_function("call/through-stub", |b| b.iter(|| stub(black_box(1))));
    group.bench_function("call/direct", |b| b.iter(|| direct(black_box(1))));
    // `Func::call`: through the stub, below the frame where an uncaught exception's search ends.
    group.bench_function("call/func-call", |b| b.iter(|| func.call(black_box(1))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
