//! Runs the `main` of a `.bc` or `.ll` file under tierlift, like `lli`.
//!
//! `run_bitcode [OPTIONS] FILE [ARGS...]`: `main(argc, argv[, envp])` gets FILE as argv[0] and ARGS after it; the
//! process exits with main's return value (or the status given to `exit`). tierlift's own errors go to stderr as
//! one line and exit with status 1... unless noted, the program's stdout is untouched.

use clap::{Parser, ValueEnum};
mod program_end;
mod threads;

use program_end::{MAIN_THREAD, finish, program_exit, program_pthread_exit};
use std::ffi::{CString, c_char, c_int};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::Ordering;
use tierlift::{Jit, LoadedModule, PolicyKind, TierMode};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Mode {
    /// Tier 0 first, hot functions to LLVM O2/O3 in the background.
    Tiered,
    /// Tier 0 (Cranelift) only.
    Tier0,
    /// Every function by LLVM at O0.
    LlvmO0,
    /// Every function by LLVM at O2.
    LlvmO2,
    /// Every function by LLVM at O3.
    LlvmO3,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Switch {
    /// Enabled.
    On,
    /// Disabled.
    Off,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FreeCode {
    /// Free superseded code once no thread can be running it.
    On,
    /// Keep it until the module is dropped.
    Off,
    /// Free it as soon as possible (a round whenever code waits): for tests.
    Eager,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Policy {
    /// Fixed call/back-edge thresholds.
    Counting,
    /// Hottest-function sampling (> 50 of the last 100 samples goes straight to O3).
    Sampling,
    /// Cost/benefit model learned from this run's compiles.
    CostBenefit,
}

/// Run a .bc/.ll file's main() under the tierlift tiered JIT.
#[derive(Parser, Debug)]
#[command(name = "run_bitcode", version, about)]
struct Args {
    /// How functions are compiled.
    #[arg(long, value_enum, default_value = "tiered")]
    mode: Mode,
    /// Tiering policy (tiered mode).
    #[arg(long, value_enum, default_value = "counting")]
    policy: Policy,
    /// Calls before a function is first considered hot (counting thresholds).
    #[arg(long)]
    threshold: Option<u64>,
    /// Loop iterations before a function is first considered hot.
    #[arg(long)]
    loop_threshold: Option<u64>,
    /// Background LLVM compile threads.
    #[arg(long, default_value_t = 1)]
    compile_threads: usize,
    /// Print per-function stats as a table on stderr at exit.
    #[arg(long)]
    stats: bool,
    /// Write per-function stats as JSON to this file at exit.
    #[arg(long, value_name = "FILE")]
    stats_json: Option<PathBuf>,
    /// At exit, wait for every queued or running compile to finish first (up to a minute), so that the stats show
    /// every tier the policy asked for. By default the process ends without waiting.
    #[arg(long)]
    wait_compiles: bool,
    /// Instrument tier-0 code with counters even outside tiered mode.
    #[arg(long)]
    counters: bool,
    /// On-stack replacement of hot loops in running tier-0 frames (tiered mode).
    #[arg(long, value_enum, default_value = "on")]
    osr: Switch,
    /// Profile-guided optimization: tier-0 code counts branch edges, switch cases and indirect-call targets, and
    /// the LLVM tiers compile with those counts (branch weights, indirect-call promotion).
    #[arg(long, value_enum, default_value = "on")]
    pgo: Switch,
    /// Compile the direct callees of a function that ran in tier 0 on an idle worker, ahead of their first calls.
    #[arg(long, value_enum, default_value = "off")]
    compile_ahead: Switch,
    /// C++ virtual tables hold their functions' current code instead of their stubs (virtual calls skip a jump).
    #[arg(long, value_enum, default_value = "on")]
    direct_virtual_calls: Switch,
    /// The program's malloc/calloc/free and C++ new/delete keep small freed blocks in a per-thread cache.
    #[arg(long, value_enum, default_value = "on")]
    heap_cache: Switch,
    /// While the program has a single thread, it takes the C library's single-thread paths: its getc/putc/
    /// fread/fwrite... leave the streams' locks out, and its __libc_single_threaded says 1 (plain C++ reference
    /// counts).
    #[arg(long, value_enum, default_value = "on")]
    single_thread_paths: Switch,
    /// Free superseded code once no thread can be running it (off while profilers or debuggers observe the code).
    #[arg(long, value_enum, default_value = "on")]
    free_code: FreeCode,
    /// Write /tmp/perf-PID.map so `perf report` names JIT code.
    #[arg(long)]
    perf_map: bool,
    /// Write /tmp/jit-PID.dump (perf jitdump) for `perf inject -j`.
    #[arg(long)]
    jitdump: bool,
    /// Register JIT code with gdb (GDB JIT interface).
    #[arg(long)]
    gdb: bool,
    /// Write a Chrome trace-event JSON of the tiering to FILE at exit (Perfetto, chrome://tracing).
    #[arg(long, value_name = "FILE")]
    trace: Option<PathBuf>,
    /// Draw the tiering timeline as SVG to FILE at exit.
    #[arg(long, value_name = "FILE.svg")]
    timeline: Option<PathBuf>,
    /// Untrusted input: parse and verify FILE in a child process first (2 GiB, 10 s), so that a file that crashes
    /// or hangs LLVM's reader is rejected with an error instead of ending this process.
    #[arg(long)]
    isolate_parse: bool,
    /// A library module (bitcode or textual IR) loaded into the same engine before the program, like lli's
    /// `-extra-module`; repeatable. Functions and globals link across the modules.
    #[arg(long, value_name = "FILE")]
    extra_module: Vec<PathBuf>,
    /// The program (LLVM bitcode or textual IR), then the arguments passed to its main: everything after FILE
    /// goes to the program, options included, as with lli.
    #[arg(value_name = "FILE [ARGS]", required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
    program: Vec<String>,
}

impl Args {
    /// The program's file.
    fn file(&self) -> PathBuf {
        PathBuf::from(&self.program[0])
    }

    /// The arguments after the file.
    fn program_args(&self) -> &[String] {
        &self.program[1..]
    }
}

struct Running {
    module: LoadedModule,
    /// `--extra-module`s, in load order; loaded until the end, like a program's shared libraries.
    libraries: Vec<LoadedModule>,
    stats: bool,
    stats_json: Option<PathBuf>,
    wait_compiles: bool,
}

static RUNNING: OnceLock<Running> = OnceLock::new();

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("run_bitcode: error: {msg}");
    // SAFETY: ends the process at once (a worker may be setting up in the background; see `finish`).
    unsafe { libc::_exit(1) }
}

fn main() {
    // Rust's runtime handles SIGSEGV and SIGBUS in this process to report its own stack overflows (a message and
    // SIGABRT), and ignores SIGPIPE; the program's faults, its stack overflows included, end it by the signal, as
    // they end the native build, and so does a write to a closed pipe (`program | head`). (A handler the program
    // installs replaces the default as usual.)
    for signal in [libc::SIGSEGV, libc::SIGBUS, libc::SIGPIPE] {
        // SAFETY: resets a signal's action to the default before any other thread or JIT code runs; `SIG_DFL` is
        // a valid action for each of them.
        unsafe { libc::signal(signal, libc::SIG_DFL) };
    }
    let args = Args::parse();
    if std::env::var_os("TIERLIFT_LOG").is_some() {
        let filter = tracing_subscriber::EnvFilter::from_env("TIERLIFT_LOG");
        tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
    }
    let mode = match args.mode {
        Mode::Tiered => TierMode::Tiered,
        Mode::Tier0 => TierMode::Tier0,
        Mode::LlvmO0 => TierMode::LlvmO0,
        Mode::LlvmO2 => TierMode::LlvmO2,
        Mode::LlvmO3 => TierMode::LlvmO3,
    };
    let policy = match args.policy {
        Policy::Counting => PolicyKind::Counting,
        Policy::Sampling => PolicyKind::Sampling,
        Policy::CostBenefit => PolicyKind::CostBenefit,
    };
    let mut builder = Jit::builder()
        .mode(mode)
        .policy(policy)
        .compile_threads(args.compile_threads)
        .counters(args.counters)
        .osr(args.osr == Switch::On)
        .pgo(args.pgo == Switch::On)
        .compile_ahead(args.compile_ahead == Switch::On)
        .direct_virtual_calls(args.direct_virtual_calls == Switch::On)
        .heap_cache(args.heap_cache == Switch::On)
        .free_superseded_code(args.free_code != FreeCode::Off)
        .free_code_eagerly(args.free_code == FreeCode::Eager)
        .perf_map(args.perf_map)
        .jitdump(args.jitdump)
        .gdb(args.gdb)
        .symbol("exit", program_exit as *const () as usize)
        .symbol("pthread_exit", program_pthread_exit as *const () as usize);
    // The process's stream functions are run_bitcode's (`threads.rs`): their C library definitions are looked up
    // now, before the program runs.
    tierlift_code::unlocked_stdio::prepare();
    if args.single_thread_paths == Switch::On && threads::every_creation_seen() {
        tierlift_code::unlocked_stdio::enable();
        builder = builder.symbol("__libc_single_threaded", tierlift_code::program_threads::single_threaded_address());
        for name in tierlift_code::unlocked_stdio::names() {
            if let Some(address) = tierlift_code::unlocked_stdio::routine(name) {
                builder = builder.symbol(name, address);
            }
        }
    }
    if let Some(t) = args.threshold {
        builder = builder.call_threshold(t);
        if args.loop_threshold.is_none() {
            builder = builder.loop_threshold(t.saturating_mul(10));
        }
    }
    if let Some(path) = &args.trace {
        builder = builder.trace(path);
    }
    if let Some(path) = &args.timeline {
        builder = builder.timeline(path);
    }
    if let Some(t) = args.loop_threshold {
        builder = builder.loop_threshold(t);
    }
    if args.isolate_parse {
        builder = builder.isolate_parse(2 << 30, std::time::Duration::from_secs(10));
    }
    let jit = builder.build();
    let libraries: Vec<LoadedModule> = args
        .extra_module
        .iter()
        .map(|path| jit.load_file(path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display()))))
        .collect();
    let module = jit.load_file(args.file()).unwrap_or_else(|e| fail(e));
    let main_decl = match module.ir().symbol("main") {
        Some(tierlift_ir::Symbol::Func(f)) => module.ir().functions[f.0 as usize].sig.clone(),
        _ => fail(format!("{}: no function named `main`", args.file().display())),
    };
    if let Err(e) = module.compile_now("main") {
        fail(e);
    }
    let _ = RUNNING.set(Running {
        module,
        libraries,
        stats: args.stats,
        stats_json: args.stats_json.clone(),
        wait_compiles: args.wait_compiles,
    });
    let module = &RUNNING.get().expect("just set").module;

    let mut owned: Vec<CString> = Vec::with_capacity(args.program.len());
    owned.push(CString::new(args.file().display().to_string()).unwrap_or_else(|_| fail("file name contains NUL")));
    for a in args.program_args() {
        owned.push(CString::new(a.as_str()).unwrap_or_else(|_| fail("argument contains NUL")));
    }
    let mut argv: Vec<*const c_char> = owned.iter().map(|s| s.as_ptr()).collect();
    argv.push(std::ptr::null());
    let argc = (argv.len() - 1) as c_int;
    let returns_int = matches!(main_decl.ret, tierlift_ir::Type::Int(_));
    // SAFETY: `pthread_self` has no preconditions.
    MAIN_THREAD.store(unsafe { libc::pthread_self() } as u64, Ordering::Release);
    // SAFETY: the signatures below match main's IR type, checked by parameter count; main returns an integer of
    // at most 32 bits or void (the return register is then ignored), which the checked `get_function` would
    // refuse, hence unchecked.
    let status: c_int = unsafe {
        match main_decl.params.len() {
            0 => module.get_function_unchecked::<extern "C" fn() -> c_int>("main").map(|f| f.call()),
            1 => module.get_function_unchecked::<extern "C" fn(c_int) -> c_int>("main").map(|f| f.call(argc)),
            2 => module
                .get_function_unchecked::<extern "C" fn(c_int, *const *const c_char) -> c_int>("main")
                .map(|f| f.call(argc, argv.as_ptr())),
            3 => {
                unsafe extern "C" {
                    static environ: *const *const c_char;
                }
                let env = environ;
                module
                    .get_function_unchecked::<extern "C" fn(c_int, *const *const c_char, *const *const c_char) -> c_int>(
                        "main",
                    )
                    .map(|f| f.call(argc, argv.as_ptr(), env))
            }
            n => fail(format!("main takes {n} parameters; expected 0 to 3")),
        }
    }
    .unwrap_or_else(|e| fail(e));
    finish(if returns_int { status } else { 0 })
}
