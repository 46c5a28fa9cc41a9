//! # tierlift-llvm
//!
//! The LLVM tiers of tierlift: compile one function of a module at a time — the O0 fallback for functions tier 0
//! cannot translate, O2 and O3 for hot functions — into an ORC LLJIT, and return the address of its machine
//! code.
//!
//! A [`ModuleCompiler`] is created per worker thread from the module's bitcode and a symbol table (IR name →
//! address): functions map to their stubs, globals to the runtime's copies. It keeps the parsed module as a
//! *skeleton* (function bodies parked outside their functions, non-constant initializers and debug info dropped).
//! Each [`ModuleCompiler::compile`] copies the bodies the job needs into a new module, with declarations of only
//! the global values they refer to (and the initializers of the constants among them), so a job costs what its
//! function uses, not what the module holds. The copy becomes a *job module* that defines only the requested function, renamed to a unique version
//! name; everything else becomes an external declaration bound to its absolute symbol, so all tiers share the
//! same function addresses (stubs) and the same global memory:
//!
//! * uses of the function itself (recursion, `@f` as a value) go through its stub — function pointers keep their
//!   identity across tier changes;
//! * bodies named in [`CompileRequest::inline_bodies`] travel along as `available_externally` so O2/O3 can
//!   inline them;
//! * `constant` globals keep their initializer as `available_externally` so O2/O3 can fold loads from them;
//! * at O2/O3, accesses to local globals that no pointer can reach (used only as load and store addresses, or
//!   passed only to parameters of local functions that use them so and get nothing else) are in a scope of their
//!   own, with the accesses through such parameters, and every other access is `noalias` with it
//!   (`global_scopes`);
//! * at O2/O3, the normal version of a recursive local function whose calls all pass one integer constant at a
//!   position (and its own calls pass it on) is a guard that calls the body with the constant in place when the
//!   argument holds it, inlined there so LLVM specializes it, and the general body otherwise (`specialize`);
//! * aliases become declarations of their own name (the symbol table must contain them), ifuncs likewise;
//! * at O2/O3 `optnone` and clang `-O0`'s blanket `noinline` are stripped (a program's own `noinline` stays), at
//!   O3 `llvm.loop.unroll.disable` loop metadata too (clang `-O1` output).
//!
//! Code is generated for the host CPU with all its features (copies and fills of a known size lowered 16 bytes at
//! a time, as for the x86-64 baseline: a wider load of a struct just written field by field stalls on store
//! forwarding), PIC, small code model: JITLink reaches absolute
//! symbols anywhere in the address space through GOT entries and call stubs (relaxed to direct accesses when in
//! range). For that, no declaration in a job may be `dso_local` (it would get a 32-bit PC-relative fixup and fail
//! to link against a far address), which is why jobs use freshly created declarations throughout.
//!
//! Contracts and limits:
//!
//! * Every global value of the module must be named (the loader names anonymous ones) — [`ModuleCompiler::new`]
//!   rejects unnamed ones — and every name a compiled function refers to must be in the symbol table or in the
//!   running process, else [`ModuleCompiler::compile`] fails with [`Error::Link`].
//! * A `thread_local` global's symbol is the control object of the C runtime's emulated TLS; code reaches the
//!   calling thread's copy through `__emutls_get_address`. A use other than `llvm.threadlocal.address` is
//!   rejected ([`Error::Extract`]).
//! * Code labels are numbers (`tierlift_ir::block_label`): `blockaddress` constants become them and `indirectbr`
//!   a `switch` on them, as in tier 0, so a label stored in memory is valid in every tier.
//! * Code stays mapped while the compiler or a [`CodeOwner`] of it lives.
//! * A `ModuleCompiler` is not `Send`; compilers on different threads are independent (own context, target
//!   machines and LLJIT; compilers on one thread may share the latter two, [`SharedMachines`]). LLVM failures that go through the context's diagnostics (e.g. bad inline assembly)
//!   become errors; `report_fatal_error` inside LLVM (e.g. instruction selection failures) still ends the process,
//!   after a message naming the function and level being compiled. [`probe_codegen`] finds such failures in a
//!   process that may die.
//! * A [`Batch`] compiles several jobs into one object file: each is optimized in its own job module as above,
//!   then the optimized modules are linked into one for code generation (whose set-up, and the object's linking,
//!   cost about a millisecond per object at O2/O3 whatever its size). A version's [`VersionCode`] is then a share
//!   of the object, whose memory goes with the last share freed.
//! * `TIERLIFT_CPU_FEATURES` (e.g. `-avx512f`) is appended to the host CPU's features: code is generated, and
//!   probes run, for a CPU with those features added or removed.
//!
//! ```no_run
//! use tierlift_llvm::{CompileRequest, ModuleCompiler, OptLevel};
//!
//! # fn main() -> tierlift_llvm::Result<()> {
//! # let bitcode: Vec<u8> = Vec::new();
//! # let add_stub: u64 = 0;
//! // `bitcode` holds a module defining `i64 @add(i64, i64)`; `add_stub` is the address of add's stub.
//! let mut compiler = ModuleCompiler::new(&bitcode, &[("add".to_string(), add_stub)])?;
//! let compiled = compiler.compile(&CompileRequest::new("add", OptLevel::O3, "add.tl.o3.1"))?;
//! // SAFETY: the module says `add` is `i64 (i64, i64)` with the C calling convention.
//! let add: extern "C" fn(i64, i64) -> i64 = unsafe { std::mem::transmute(compiled.address as usize) };
//! assert_eq!(add(2, 3), 5);
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod batch;
mod compiler;
mod counters;
mod error;
mod extract;
mod facts;
mod fatal;
mod ffi;
mod global_scopes;
mod irreducible;
mod job_module;
mod labels;
mod loop_exits;
mod object_file;
mod orc;
mod osr;
mod osr_locals;
mod passes;
mod prepare;
mod probe;
mod profile;
mod slot_calls;
mod specialize;
mod target;
mod thread_local;
mod uses;
mod value_probes;

use std::time::Duration;

pub use batch::{Batch, Finished};
pub use compiler::{ModuleCompiler, SharedMachines};
pub use error::{Error, Result};
pub use orc::{CodeOwner, VersionCode};
pub use probe::probe_codegen;
pub use target::host_target_triple;

/// The alignment at which a module's own global variable is placed in memory, given its declared alignment and
/// its allocation size: at least 16 bytes for objects of 16 bytes or more (as the x86-64 System V ABI places
/// arrays), else as declared. The runtime lays globals out by this rule, and job modules declare the variables
/// they refer to with it, so that the optimizer may rely on it: for example, a local array that is only ever
/// copied from a constant (a string literal, a table) is replaced by the constant itself only if the constant
/// is at least as aligned as the array (LLVM cannot raise the alignment of a variable it does not place).
pub fn placed_alignment(declared: u64, size: u64) -> u64 {
    if size >= 16 { declared.max(16) } else { declared.max(1) }
}

/// How hard LLVM works on a function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OptLevel {
    /// No IR optimization, fast instruction selection and register allocation (`CodeGenOptLevel::None`): the
    /// fallback tier for functions tier 0 cannot translate.
    O0,
    /// `default<O2>` and `CodeGenOptLevel::Default`: tier 1.
    O2,
    /// `default<O3>` and `CodeGenOptLevel::Aggressive`: tier 2.
    O3,
}

impl OptLevel {
    /// Dense index (0, 1, 2) for per-level tables.
    pub(crate) fn index(self) -> usize {
        match self {
            OptLevel::O0 => 0,
            OptLevel::O2 => 1,
            OptLevel::O3 => 2,
        }
    }
}

/// What to compile, and how.
#[derive(Debug, Clone, Copy)]
pub struct CompileRequest<'a> {
    /// IR name of the function to compile (a definition in the module).
    pub function: &'a str,
    /// Optimization level.
    pub level: OptLevel,
    /// Unique symbol name under which this version is emitted (e.g. `"f.tl.o3.1"`). It must not be the name of
    /// any global value of the module, any symbol given to [`ModuleCompiler::new`], or an earlier version.
    pub version_name: &'a str,
    /// Other defined functions whose bodies travel along as `available_externally` so they can be inlined
    /// (O2/O3 only; ignored at O0). Names that are not definitions of the module are ignored.
    pub inline_bodies: &'a [&'a str],
    /// Entry counter to insert as LLVM IR (the LLVM-O0 fallback path for functions tier 0 cannot translate).
    pub counters: Option<CounterSpec>,
    /// Build an on-stack-replacement entry instead of the normal function: see [`OsrRequest`].
    pub osr: Option<OsrRequest<'a>>,
    /// What tier 0 measured of the function and of bodies that travel along (O2/O3 only): branch weights, entry
    /// counts and indirect-call targets for LLVM's profile-guided passes. The hot targets of indirect calls that
    /// are also in `inline_bodies` can be promoted to guarded direct calls and inlined.
    pub profiles: &'a [FunctionProfile],
    /// Loop headers of an O0 version (with `counters`) that count their visits and leave through an OSR entry
    /// once one is installed: the way out for a long-running frame of a function tier 0 declines.
    pub loop_exits: &'a [LoopExit<'a>],
    /// Indirect calls of an O0 version whose targets are recorded in the function's profile record, as tier-0
    /// code records them (the value profile of a function tier 0 declines).
    pub value_probes: &'a [ValueProbe],
    /// Functions of the module (IR name, address of the word that holds the address of its current code) whose
    /// direct calls may load that word and call what it holds instead of calling the function's symbol (O2/O3
    /// only; ignored at O0). The word must always hold code that follows the function's ABI and needs nothing
    /// else from its caller (the runtime's compile-on-first-call trampoline needs the function's id, which each
    /// function's lazy entry loads). Uses as values keep the symbol.
    pub slot_calls: &'a [(&'a str, u64)],
    /// Functions of the module (IR name, address of its slot) whose pointer a program's loaded function pointer
    /// may also equal as the code the slot holds: the entries of C++ virtual tables follow their function's slot
    /// (O2/O3 only; ignored at O0). After optimization, an equality comparison of a pointer with such a function
    /// (what indirect-call promotion guards a promoted call with) also accepts the slot's current value.
    pub slot_entries: &'a [(&'a str, u64)],
}

impl<'a> CompileRequest<'a> {
    /// A request for `function` at `level`, emitted as `version_name`, with nothing else: no bodies to inline, no
    /// counters, no OSR entry, no profile, no probes, no slot calls. Set the rest with struct update syntax.
    pub fn new(function: &'a str, level: OptLevel, version_name: &'a str) -> Self {
        CompileRequest {
            function,
            level,
            version_name,
            inline_bodies: &[],
            counters: None,
            osr: None,
            profiles: &[],
            loop_exits: &[],
            value_probes: &[],
            slot_calls: &[],
            slot_entries: &[],
        }
    }
}

/// An indirect call (or invoke) of an O0 version that reports each target it calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueProbe {
    /// The call, as the index of its instruction in the numbering of [`OsrValue::Inst`].
    pub inst: u32,
    /// Address of the call site's words in the function's profile record.
    pub site: u64,
    /// The routine that records a target: `extern "C" fn(site: *mut u64, target: u64)`.
    pub routine: u64,
}

/// A loop header of an LLVM O0 version that counts its visits in a loop record and, once the record holds an
/// OSR entry, hands the frame's state to it and returns what it returns (tier 0's loop counters, in LLVM IR).
#[derive(Debug, Clone, Copy)]
pub struct LoopExit<'a> {
    /// The loop header, as the index of the block in the function's layout order.
    pub header: u32,
    /// Address of the loop's record: `u64` words, 0 the visit counter, 1 its threshold (0 silences it), 2 the OSR
    /// entry (0 until one is installed), 3 how many frames took it.
    pub record: u64,
    /// The loop index passed to the hook.
    pub hook_index: u32,
    /// The values the OSR entry takes, in slot order (see [`OsrRequest::state`]); `None`: count only.
    pub state: Option<&'a [OsrValue]>,
}

/// What tier 0 measured of one function, for the optimizer. Sites are numbered as `tierlift_tier0::profile`
/// numbers them (blocks in layout order; within a block, calls through a function pointer, then a conditional
/// `br` or a `switch`); a function whose sites do not match gets no profile metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunctionProfile {
    /// IR name of the function.
    pub function: String,
    /// Calls counted.
    pub entry_count: u64,
    /// Each site's counts, in site order.
    pub sites: Vec<SiteProfile>,
}

/// What one site counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteProfile {
    /// A conditional `br`: executions that went to its true and to its false successor.
    Branch {
        /// To the first (true) successor.
        taken: u64,
        /// To the second (false) successor.
        not_taken: u64,
    },
    /// A `switch`: per successor operand (the default first, then each case), executions that went there. Not
    /// attached as weights (see the `profile` module); it identifies the site.
    Switch {
        /// One weight per successor operand.
        weights: Vec<u64>,
    },
    /// A call through a function pointer.
    IndirectCall {
        /// Calls counted.
        total: u64,
        /// The most frequent targets (IR names of the module's functions) and their counts.
        targets: Vec<(String, u64)>,
    },
}

/// An on-stack-replacement entry: the version is `ret (ptr state)` and starts at a loop header with the values a
/// running frame passes in `state` (slot `k` is 16 bytes at offset `16 * k`, holding `state[k]` as LLVM stores
/// its type). The state must hold every value defined before the header that is used at or after it: the
/// function's parameters, the header's phis and the instructions of blocks that dominate the header.
#[derive(Debug, Clone, Copy)]
pub struct OsrRequest<'a> {
    /// The loop header, as the index of the block in the function's layout order.
    pub header: u32,
    /// The values in the state buffer, in slot order.
    pub state: &'a [OsrValue],
}

/// A value of the function being entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OsrValue {
    /// Parameter `n`.
    Arg(u32),
    /// Instruction `n`, counting the function's instructions in layout order and skipping `llvm.dbg.*` calls.
    Inst(u32),
    /// Instruction `n`, an alloca whose address does not escape the function: the state holds the address of the
    /// running frame's object, whose contents the entry copies into a fresh alloca of its own.
    Local(u32),
    /// Instruction `n`, an alloca whose address does not escape and whose contents no path from the header reads
    /// before writing them whole: the entry makes a fresh alloca; the state's slot holds nothing.
    DeadLocal(u32),
}

/// The threshold value that silences an entry counter: the inserted code then neither counts nor calls the hook
/// (the same value tier-0 counters use).
pub const SILENT_THRESHOLD: u64 = 0;

/// Where the entry counter inserted by [`CompileRequest::counters`] lives and whom it calls.
///
/// The inserted code is `t = *threshold; if t != SILENT_THRESHOLD { n = *entry_counter + 1; *entry_counter = n;
/// if n >= t { hook(func_index, 0) } }` with relaxed (monotonic) atomic loads and stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CounterSpec {
    /// Address of the function's `u64` entry counter.
    pub entry_counter: u64,
    /// Address of a `u64` holding the current threshold (read on every call, so the runtime can change it).
    pub threshold: u64,
    /// Address of the hotness hook, `extern "C" fn(func_index: u32, loop_index: u32)`; called with loop index 0
    /// (the entry counter).
    pub hook: u64,
    /// The function's index, passed to the hook.
    pub func_index: u32,
    /// Where calls are counted: in the entry counter itself, or in the shard of the calling thread.
    pub calls: CallCounting,
}

/// How LLVM code counts its calls (see [`CounterSpec`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallCounting {
    /// Load, add one, store the entry counter; call the hook at the threshold.
    Counter,
    /// Count down the calling thread's shard of the entry counter (the runtime's counting-entry layout: shard `s`
    /// of the line at `entry_counter` is `(1 + s) << plane_shift` bytes after it) and call `used_up(line, offset
    /// of the shard from the first shard)` when it runs out. The shard is the top `shard_bits` bits of the 32-bit
    /// product `(return-address slot >> stack_shift) * spread`.
    Sharded {
        /// log2 of the distance from the entry line to its first shard.
        plane_shift: u32,
        /// Stack-pointer bits below this are ignored.
        stack_shift: u32,
        /// Odd multiplier of the hash.
        spread: u32,
        /// log2 of the shards per counter.
        shard_bits: u32,
        /// Address of `extern "C" fn(line: *const u64, shard_offset: u64)`, which adds up the count, calls the
        /// hook when it is due and refills the shard.
        used_up: u64,
    },
}

/// A compiled version of a function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// Address of the version's machine code (valid while the [`ModuleCompiler`] or a [`CodeOwner`] of it lives).
    pub address: u64,
    /// Copying the module, building the job module, level adjustments, counters and verification.
    pub extract_time: Duration,
    /// Running the O2/O3 pipeline (zero at O0).
    pub optimize_time: Duration,
    /// Instruction selection, register allocation and object emission (of the whole object, for a version
    /// compiled in a [`Batch`]).
    pub codegen_time: Duration,
    /// Adding the object to the LLJIT and linking it (symbol lookup; of the whole object, in a [`Batch`]).
    pub link_time: Duration,
    /// Instructions in the function's body before optimization (without inserted counters).
    pub ir_instructions: usize,
    /// Instructions in the version's body after optimization (inlined callees included).
    pub optimized_instructions: usize,
    /// Size of the object file produced, in bytes (shared by the versions of a [`Batch`]).
    pub object_size: usize,
    /// Size of the version's machine code, in bytes (from the object file's symbol table; 0 if it has none).
    pub code_size: usize,
    /// The bodies of [`CompileRequest::inline_bodies`] that the optimized code still refers to (not inlined
    /// everywhere: too big, or `noinline`).
    pub still_called: Vec<String>,
    /// How many calls of the optimized code load their callee from its slot ([`CompileRequest::slot_calls`]).
    pub slot_calls: usize,
    /// How many comparisons with a function also compare with its slot's value ([`CompileRequest::slot_entries`]).
    pub slot_compares: usize,
}

impl Compiled {
    /// Total time spent: extraction + optimization + code generation + linking.
    pub fn total_time(&self) -> Duration {
        self.extract_time + self.optimize_time + self.codegen_time + self.link_time
    }
}
