//! Executable memory, stubs, the function table, counters and trampolines.
//!
//! This crate is the one place where tierlift writes machine code or changes which code runs. Everything here is
//! x86-64 System V.
//!
//! * [`FunctionTable`]: one stub and one slot per function. The stub (`endbr64; mov r11d, id; jmp [rip+slot]`) is the
//!   function's stable public address; the slot holds the code that currently runs. Installing new code is one
//!   atomic store to the slot, and one to each of the function's code words: words of the module's globals that
//!   hold the current code instead of the stub (C++ virtual table entries: [`FunctionTable::set_code_words`]).
//! * The lazy trampoline: every slot starts at the function's lazy entry, which loads the function's id (as its
//!   stub does) and jumps there. It saves all argument registers, asks the registered [`LazyResolve`] for code,
//!   and jumps on with the caller's arguments intact. A slot thus always holds code that needs nothing from its
//!   caller: JIT code may call through it instead of through the stub.
//! * [`VarargThunks`]: tiny per-target thunks that set `%al` before jumping to a variadic callee.
//! * [`Counters`]: fixed-address hotness counters and thresholds read by tier-0 code, and the counting entries
//!   (in the function table) that count calls in front of tier-0 code.
//! * [`MissingFunctions`]: stand-ins for unresolved external functions that report the name when called.
//! * [`ModuleExit`]: a module's `__dso_handle`, `atexit` and `__cxa_thread_atexit`, and the run of its exit-time
//!   functions; [`run_thread_destructors`] runs the calling thread's pending `thread_local` destructors.
//! * [`observe::CodeObserver`]: perf map, perf jitdump and GDB JIT interface registration of JIT code.
//! * [`on_compile_stack`]: the stacks first-call compiles and the hotness hook run on, whatever the program's stack.
//! * [`enter_jit`]: where Rust calls JIT code, so that an exception nothing catches ends the program as natively.
//! * [`scan_other_threads`]: whether any thread can still run or return into retired code.
//! * [`ClifCode`]: the executable memory of tier-0 functions (large regions mapped twice, writable and executable,
//!   filled without a system call per function). A module's global variables live in its [`FunctionTable`]'s
//!   mapping, in front of the stubs ([`FunctionTable::with_globals`]).
//!
//! ```
//! use std::sync::Arc;
//! use tierlift_code::{FunctionTable, LazyResolve};
//!
//! extern "C" fn forty_two() -> i32 { 42 }
//!
//! struct Resolver;
//! impl LazyResolve for Resolver {
//!     fn resolve(&self, _index: u32) -> Result<usize, String> { Ok(forty_two as *const () as usize) }
//! }
//!
//! // The table keeps only a weak reference: the owner keeps the resolver alive.
//! let resolver: Arc<dyn LazyResolve> = Arc::new(Resolver);
//! let table = FunctionTable::new(1, Arc::downgrade(&resolver)).unwrap();
//! let stub = table.stub(0);
//! // SAFETY: the stub forwards to `forty_two`, an `extern "C" fn() -> i32`.
//! let f: extern "C" fn() -> i32 = unsafe { std::mem::transmute(stub) };
//! assert_eq!(f(), 42);
//! ```

// Its build script links libLLVM; a crate nothing names is not linked at all.
use tierlift_llvm_link as _;

/// The start of a routine in `global_asm!`: in `.text`, 16-byte aligned, a global symbol `$name` hidden from other
/// objects' dynamic linking, typed as a function, and its label.
macro_rules! asm_function {
    ($name:literal) => {
        concat!(".text\n.p2align 4\n.globl ", $name, "\n.hidden ", $name, "\n.type ", $name, ",@function\n", $name, ":")
    };
}
pub(crate) use asm_function;

mod background;
mod boundary;
mod clif;
mod code_memory;
mod code_words;
mod compile_stack;
mod counters;
mod dual_map;
mod dynstack;
mod entry_counts;
mod entry_planes;
mod error;
mod exit;
mod fault;
mod fork;
pub mod heap_cache;
pub mod isolate;
mod loop_batches;
mod memory;
mod missing;
pub mod observe;
mod profile;
pub mod program_threads;
mod relocate;
mod signals;
mod stack_scan;
mod symbols;
mod table;
mod thread_exit;
mod thunks;
mod trampoline;
pub mod unlocked_stdio;
mod unwind;
mod unwind_tables;
pub mod x87;

pub use background::schedule_this_thread_as_batch;
pub use boundary::enter_jit;
pub use clif::{ClifCode, ClifFunction, ClifIsas, LandingPads, RegAlloc, SharedCodeMemory, WriteLsda};
pub use compile_stack::{COMPILE_STACK_SIZE, is_compile_stack, on_compile_stack};
pub use counters::{Counters, LOOP_RECORD_WORDS, SILENT};
pub use dynstack::{DYNAMIC_STACK_SIZE, dynamic_stack_enter_address};
pub use entry_counts::{ENTRY_SIZE, MAX_GRANT, SHARD_HASH, ShardHash, shard_used_up_address};
pub use error::{Error, Result};
pub use exit::ModuleExit;
pub use fault::divide_error;
pub use fork::{LlvmWork, llvm_work};
pub use loop_batches::{HOOK_RAN, MAX_BATCH, loop_batch_address};
pub use memory::ExecBuffer;
pub use missing::{MissingFunctions, MissingReport};
pub use profile::{INDIRECT_CALL_SITE_WORDS, ProfileRecords};
pub use signals::{AsyncSignalsBlocked, block_async_signals_on_this_thread};
pub use stack_scan::{ExcludedThread, Scan, ScanError, scan_other_threads};
pub use symbols::{dlsym_default, dlsym_next, tls_index};
pub use table::{FunctionTable, STUB_SIZE};
pub use thread_exit::run_thread_destructors;
pub use thunks::{PassedIn, THUNK_SIZE, VarargThunks};
pub use trampoline::{LazyResolve, hook_trampoline_address, indirect_call_miss_address, set_lazy_failure_handler};
pub use unwind::FrameRegistration;
pub use unwind_tables::RetiredObject;

/// Reinterprets a code address as a function pointer type `F`.
///
/// # Safety
/// `F` must be a function pointer type (`extern "C" fn(...) -> ...`) whose signature matches the code at
/// `address` under the platform C ABI, and the code must stay mapped for as long as the result is used.
pub unsafe fn fn_from_address<F: Copy>(address: usize) -> F {
    assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<usize>(), "F must be a function pointer");
    // SAFETY: sizes match (checked above); the caller guarantees `F` is a function pointer type matching the code.
    unsafe { std::mem::transmute_copy(&address) }
}
