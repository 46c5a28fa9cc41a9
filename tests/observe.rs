//! Seeing inside: perf map and jitdump name JIT code of every tier, gdb names JIT frames through the GDB JIT
//! interface, the trace has a compile span per tier reached, and the timeline is drawn. Programs run under
//! `run_bitcode` (each run is its own process, with its own `/tmp/perf-PID.map` and `/tmp/jit-PID.dump`).

mod common;

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// main -> outer -> middle -> leaf, hot enough to reach O3; crashes in leaf when given an argument.
fn crash_ll() -> PathBuf {
    common::root().join("tests/observe/crash.ll")
}

/// Runs `run_bitcode OPTS crash.ll` tiered (low thresholds, waiting for compiles at exit); returns its process id
/// and its stats JSON. Asserts it exited 0, like `lli-19` does.
fn tiered_run(name: &str, opts: &[&str]) -> (u32, Value) {
    let stats_path = common::scratch().join(format!("observe-{name}-stats.json"));
    let child = Command::new(common::run_bitcode())
        .args(["--threshold", "100", "--wait-compiles", "--stats-json"])
        .arg(&stats_path)
        .args(opts)
        .arg(crash_ll())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run run_bitcode");
    let pid = child.id();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), common::lli(&crash_ll()).code, "{}", String::from_utf8_lossy(&out.stderr));
    let stats: Value = serde_json::from_str(&std::fs::read_to_string(&stats_path).unwrap()).unwrap();
    (pid, stats)
}

/// Tiers each function was compiled in, from the stats (`compile_us` has one key per tier compiled).
fn tiers_compiled(stats: &Value) -> HashMap<String, Vec<String>> {
    stats["functions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let tiers = f["compile_us"].as_object().unwrap().keys().cloned();
            (f["name"].as_str().unwrap().to_string(), tiers.collect())
        })
        .collect()
}

/// The run must have moved the hot leaf to O3, or the test would not be about tiers.
fn assert_reached_o3(stats: &Value) {
    let leaf = stats["functions"].as_array().unwrap().iter().find(|f| f["name"] == "leaf").unwrap();
    assert_eq!(leaf["tier"], "llvm-o3", "{stats}");
}

fn parse_perf_map(path: &Path) -> Vec<(u64, u64, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let start = u64::from_str_radix(parts.next().unwrap(), 16).expect("hex start");
            let size = u64::from_str_radix(parts.next().unwrap(), 16).expect("hex size");
            (start, size, parts.next().expect("name").to_string())
        })
        .collect()
}

#[test]
fn perf_map_names_every_tier_a_function_reached() {
    let (pid, stats) = tiered_run("perfmap", &["--perf-map"]);
    assert_reached_o3(&stats);
    let path = PathBuf::from(format!("/tmp/perf-{pid}.map"));
    let entries = parse_perf_map(&path);
    std::fs::remove_file(&path).unwrap();
    for (function, tiers) in tiers_compiled(&stats) {
        for tier in tiers {
            let name = format!("{function} [{tier}]");
            let n = entries.iter().filter(|e| e.2 == name && e.1 > 0).count();
            assert_eq!(n, 1, "{name}: {n} entries in {entries:?}");
        }
        assert!(entries.iter().any(|e| e.2 == format!("{function} [stub]") && e.1 == 16), "{function}: no stub");
        let lazy = format!("{function} [lazy]");
        assert!(entries.iter().any(|e| e.2 == lazy && e.1 == 16), "{function}: no lazy entry");
    }
    // Every OSR entry compiled is there too, and no two pieces of code overlap.
    let osr_compiled: usize = stats["functions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["osr"].as_array().unwrap())
        .filter(|o| o["compile_us"].as_f64().unwrap() > 0.0)
        .count();
    assert_eq!(entries.iter().filter(|e| e.2.contains("osr loop")).count(), osr_compiled, "{entries:?}");
    let mut ranges: Vec<(u64, u64)> = entries.iter().map(|e| (e.0, e.0 + e.1)).collect();
    ranges.sort();
    assert!(ranges.windows(2).all(|w| w[0].1 <= w[1].0), "overlapping ranges: {entries:?}");
}

/// In-process: the perf map's ranges cover exactly the code each tier installed, and the stubs.
#[test]
fn perf_map_ranges_cover_installed_code() {
    let jit = tierlift::Jit::builder().perf_map(true).build();
    let module = jit.load_file(crash_ll()).unwrap();
    let mut installed = Vec::new();
    for tier in [tierlift::Tier::Tier0, tierlift::Tier::LlvmO2, tierlift::Tier::LlvmO3] {
        for f in ["leaf", "middle"] {
            installed.push((format!("{f} [{}]", tier.name()), module.force_tier(f, tier).unwrap() as u64));
        }
    }
    installed.push(("outer [stub]".to_string(), module.function_address("outer").unwrap() as u64));
    let entries = parse_perf_map(Path::new(&format!("/tmp/perf-{}.map", std::process::id())));
    for (name, address) in installed {
        let e = entries.iter().find(|e| e.2 == name).unwrap_or_else(|| panic!("{name} missing: {entries:?}"));
        assert_eq!(e.0, address, "{name}");
        assert!(e.1 > 0, "{name}");
    }
}

#[test]
fn jitdump_holds_a_load_record_with_the_code_of_every_version() {
    let (pid, stats) = tiered_run("jitdump", &["--jitdump"]);
    assert_reached_o3(&stats);
    let path = PathBuf::from(format!("/tmp/jit-{pid}.dump"));
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let u32_at = |o: usize| u32::from_le_bytes(bytes[o..o + 4].try_into().unwrap());
    let u64_at = |o: usize| u64::from_le_bytes(bytes[o..o + 8].try_into().unwrap());
    assert_eq!(u32_at(0), 0x4A69_5444, "magic");
    assert_eq!(u32_at(4), 1, "version");
    assert_eq!(u32_at(12), 62, "EM_X86_64");
    assert_eq!(u32_at(20), pid);
    let mut at = u32_at(8) as usize;
    let mut loads: HashMap<String, Vec<u8>> = HashMap::new();
    let mut last_time = 0;
    while at < bytes.len() {
        let (id, total, time) = (u32_at(at), u32_at(at + 4) as usize, u64_at(at + 8));
        assert_eq!(id, 0, "only JIT_CODE_LOAD records");
        assert!(time >= last_time, "timestamps in order");
        last_time = time;
        let size = u64_at(at + 40) as usize;
        let name_start = at + 56;
        let name_end = name_start + bytes[name_start..].iter().position(|&b| b == 0).unwrap();
        let name = String::from_utf8(bytes[name_start..name_end].to_vec()).unwrap();
        assert_eq!(u64_at(at + 24), u64_at(at + 32), "vma = code address");
        assert_eq!(total, name_end + 1 + size - at, "{name}: record size");
        loads.insert(name, bytes[name_end + 1..name_end + 1 + size].to_vec());
        at += total;
    }
    assert_eq!(at, bytes.len(), "records end at the end of the file");
    for (function, tiers) in tiers_compiled(&stats) {
        for tier in tiers {
            let code = loads.get(&format!("{function} [{tier}]")).unwrap_or_else(|| panic!("{function} {tier}"));
            assert!(!code.is_empty());
            if tier == "tier0" {
                // Tier 0 keeps frame pointers: its code starts with `push rbp; mov rbp, rsp`.
                assert_eq!(code[..4], [0x55, 0x48, 0x89, 0xe5], "{function}: {code:02x?}");
            }
        }
    }
}

/// Runs crash.ll under gdb (crashing in leaf) with `run_bitcode --gdb OPTS` and returns the backtrace lines.
fn gdb_backtrace(opts: &[&str], gdb_commands: &[&str]) -> Vec<String> {
    gdb_backtrace_of(&crash_ll(), opts, gdb_commands)
}

/// Runs `module` under gdb with `run_bitcode --gdb OPTS module crash` and returns the backtrace lines.
fn gdb_backtrace_of(module: &Path, opts: &[&str], gdb_commands: &[&str]) -> Vec<String> {
    let mut cmd = Command::new(common::tool("gdb"));
    cmd.args(["-batch", "-nx", "-ex", "set breakpoint pending on"]);
    for c in gdb_commands {
        cmd.args(["-ex", c]);
    }
    cmd.args(["-ex", "run", "-ex", "bt", "--args"]).arg(common::run_bitcode()).arg("--gdb").args(opts);
    let out = cmd.arg(module).arg("crash").output().expect("run gdb");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().filter(|l| l.starts_with('#')).map(str::to_string).collect()
}

/// The innermost `names.len()` frames are `names`, in order, each named (not `??`).
fn assert_frames(bt: &[String], names: &[&str]) {
    assert!(bt.len() > names.len(), "{bt:#?}");
    for (frame, name) in bt.iter().zip(names) {
        assert!(frame.contains(&format!(" in {name} ")) || frame.contains(&format!(" {name} (")), "{name}: {bt:#?}");
    }
}

#[test]
fn gdb_names_a_crash_three_frames_deep_in_tier0() {
    assert_frames(&gdb_backtrace(&["--mode", "tier0"], &[]), &["leaf", "middle", "outer", "main"]);
}

#[test]
fn gdb_names_a_crash_three_frames_deep_in_llvm_o3() {
    assert_frames(&gdb_backtrace(&["--mode", "llvm-o3"], &[]), &["leaf", "middle", "outer", "main"]);
}

#[test]
fn gdb_names_a_crash_three_frames_deep_when_tiered() {
    // Without PGO: indirect-call promotion would turn the calls through pointers into direct calls and inline them.
    assert_frames(&gdb_backtrace(&["--threshold", "100", "--pgo", "off"], &[]), &["leaf", "middle", "outer", "main"]);
}

#[test]
fn gdb_breakpoint_by_name_stops_in_jit_code() {
    // A pending breakpoint on a JIT function resolves when its code is registered; the program stops there.
    let bt = gdb_backtrace(&["--mode", "llvm-o2"], &["break middle"]);
    assert_frames(&bt, &["middle", "outer", "main"]);
}

#[test]
fn gdb_shows_source_lines_of_llvm_tier_frames_when_the_ir_has_debug_info() {
    // crash.c is crash.ll in C, compiled with -g: the LLVM tiers pass its line tables to gdb.
    let src = common::root().join("tests/observe/crash.c");
    let bc = common::scratch().join("observe-crash-g.bc");
    let clang = Command::new(common::tool("clang-19"))
        .args(["-g", "-O1", "-c", "-emit-llvm", "-o"])
        .arg(&bc)
        .arg(&src)
        .status()
        .unwrap();
    assert!(clang.success());
    let text = std::fs::read_to_string(&src).unwrap();
    let crash_line = text.lines().position(|l| l.contains("/* CRASH */")).unwrap() + 1;
    for mode in ["llvm-o2", "llvm-o3"] {
        let bt = gdb_backtrace_of(&bc, &["--mode", mode], &[]);
        assert_frames(&bt, &["leaf", "middle", "outer", "main"]);
        assert!(bt[0].ends_with(&format!("crash.c:{crash_line}")), "{mode}: {bt:#?}");
        for frame in &bt[1..4] {
            assert!(frame.contains(" at ") && frame.contains("crash.c:"), "{mode}: {bt:#?}");
        }
    }
}

#[test]
fn gdb_sees_nothing_without_the_switch() {
    // The control: without --gdb, JIT frames have no names.
    let out = Command::new(common::tool("gdb"))
        .args(["-batch", "-nx", "-ex", "run", "-ex", "bt", "--args"])
        .arg(common::run_bitcode())
        .args(["--mode", "tier0"])
        .arg(crash_ll())
        .arg("crash")
        .output()
        .expect("run gdb");
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().find(|l| l.starts_with("#0")).unwrap_or_default();
    assert!(first.contains("??") && !first.contains("leaf"), "{text}");
}

#[test]
fn trace_has_a_compile_span_per_tier_reached_and_the_timeline_is_drawn() {
    let dir = common::scratch();
    let (trace, svg) = (dir.join("observe-trace.json"), dir.join("observe-timeline.svg"));
    let _ = std::fs::remove_file(&svg);
    let (_, stats) = tiered_run("trace", &["--trace", trace.to_str().unwrap(), "--timeline", svg.to_str().unwrap()]);
    assert_reached_o3(&stats);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&trace).unwrap()).unwrap();
    let events = v["traceEvents"].as_array().unwrap();
    let thread_names: HashMap<u64, &str> = events
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .map(|e| (e["tid"].as_u64().unwrap(), e["args"]["name"].as_str().unwrap()))
        .collect();
    for (function, tiers) in tiers_compiled(&stats) {
        for tier in tiers {
            let span = events
                .iter()
                .find(|e| {
                    e["ph"] == "X"
                        && e["args"]["function"] == function.as_str()
                        && e["args"]["tier"] == tier.as_str()
                        && e["args"]["osr_loop"].is_null()
                })
                .unwrap_or_else(|| panic!("no compile span for {function} at {tier}"));
            assert!(span["dur"].as_f64().unwrap() > 0.0);
            assert!(span["args"]["ir_size"].as_u64().unwrap() > 0);
            let thread = thread_names[&span["tid"].as_u64().unwrap()];
            if tier != "tier0" {
                assert!(thread.starts_with("tierlift-llvm"), "{function} {tier} compiled on {thread}");
                assert!(span["args"]["queue_wait_us"].as_f64().unwrap() >= 0.0);
            }
            let installed = events.iter().any(|e| {
                e["ph"] == "i"
                    && e["cat"] == "install"
                    && e["args"]["function"] == function.as_str()
                    && e["args"]["tier"] == tier.as_str()
            });
            assert!(installed, "no install of {function} at {tier}");
        }
    }
    assert!(events.iter().any(|e| e["ph"] == "C" && e["name"] == "compile queue"));
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.starts_with("<svg"), "not an SVG");
    for lane in ["leaf", "middle", "outer"] {
        assert!(svg.contains(&format!("\n{lane}\n")), "no lane for {lane}");
    }
}

/// In-process: every piece of code is registered with debuggers while the module lives, and unregistered when
/// the module's code goes (the last compile worker holding the module lets go of it).
#[test]
fn debugger_registrations_go_with_the_module() {
    use tierlift_code::observe::debugger_registrations;
    let before = debugger_registrations();
    let jit = tierlift::Jit::builder().gdb(true).build();
    let module = jit.load_file(crash_ll()).unwrap();
    // One object for the module's stubs.
    assert_eq!(debugger_registrations(), before + 1);
    module.force_tier("leaf", tierlift::Tier::Tier0).unwrap();
    module.force_tier("leaf", tierlift::Tier::LlvmO3).unwrap();
    module.force_tier("middle", tierlift::Tier::LlvmO2).unwrap();
    assert_eq!(debugger_registrations(), before + 4);
    drop(module);
    // A compile worker may hold the module's compile state a moment longer (its LLVM code is freed with it).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while debugger_registrations() != before && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(debugger_registrations(), before);
}
