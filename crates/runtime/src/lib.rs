//! The tier manager of tierlift.
//!
//! A [`Runtime`] is one loaded module with its tier manager. Functions are compiled on their first call (through
//! the lazy trampoline); counters in tier-0 code call a hook when hot; the hook asks the module's
//! [`policy::TierPolicy`] and queues a background compile; the worker's result is installed with one atomic store.
//!
//! # Engine and modules
//!
//! An [`Engine`] is what modules share: one pool of LLVM compile workers with one priority queue —
//! `compile_threads` background threads, started idle with the engine, and an urgent-lane thread started when a
//! caller must wait for a compile while every worker is busy (or, in a `fork`ed child, no worker exists). Each
//! worker sets up an LLVM compiler (context, parsed module, ORC LLJIT) for a module at its first job of that
//! module, with target machines the worker creates once and shares among its modules. The threads end when the last handle to the engine (its own, or a module's) is gone, after
//! the compile in flight. A module loaded without [`Config::engine`] gets an engine of its own. (The root crate's
//! `Jit` adds the symbol namespace through which the modules of one engine link to each other.) The engine also
//! holds the executable memory all its modules place tier-0 code in, and the versions they retired until they
//! are freed (see below).
//!
//! Each module owns the rest: its function table (stubs and slots), its globals, its call and loop counters, its
//! tier-0 functions (in the engine's memory), its variadic-call thunks, its version records, its own policy instance (and sampler thread, for a
//! policy that samples), its exit-time functions, and its LLVM code — compiled by the engine's workers, kept
//! mapped by the module. The lazy trampoline and the hotness-hook trampoline are process-wide.
//!
//! When memory is returned:
//! - **Superseded versions** (code a newer version replaced: tier 0, lower LLVM tiers) are handed to the engine,
//!   whose workers free them once a stack scan shows no thread running them or able to return into them
//!   ([`Config::free_code`]; the `reclaim` stats count rounds and versions freed). LLVM code compiled but not
//!   installed (a higher tier came first) is freed at once. OSR entries, and superseded code while profilers or
//!   debuggers observe the module or with `free_code` off, stay mapped until the module is dropped.
//! - **Dropping the [`Runtime`]** stops its compiles (its queued jobs are dropped; one in flight finishes on its
//!   worker without being waited for, and its result is discarded), joins its sampler, and frees its tier-0 code,
//!   stubs, slots, globals, counters and thunks at once (or, if a worker is reporting a finished compile of the
//!   module at that moment, as soon as that report returns).
//! - **Its LLVM code** goes once the module is dropped, a compile of it still in flight has finished, and each
//!   worker that compiled for it has dropped its compiler for the module: at that worker's next job, or within a
//!   sweep interval (200 ms) when it is idle.
//!
//! The root crate keeps a module loaded while a module linked to it is loaded, so the drop above waits until the
//! last module that uses it is dropped.
//!
//! ```no_run
//! use tierlift_runtime::{Config, Runtime};
//!
//! let rt = Runtime::load_bytes(b"define i32 @main() {\n  ret i32 3\n}\n", Config::default()).unwrap();
//! let main = rt.function_address("main").unwrap();
//! // SAFETY: `main` has type `i32 ()`.
//! let main: extern "C" fn() -> i32 = unsafe { std::mem::transmute(main) };
//! assert_eq!(main(), 3);
//! ```

mod config;
mod error;
mod libcalls;
mod load;
mod observe;
mod output;
pub mod policy;
mod profile;
mod reclaim;
mod runtime;
mod sampler;
mod stats;
mod timeline;
pub mod trace;
mod validate;
mod versions;
mod workers;

pub use config::{Config, LazyFailureHandler, PolicyFactory, PolicyKind, TierMode};
pub use error::{Error, Result};
pub use reclaim::ReclaimStats;
pub use runtime::Runtime;
pub use stats::{FunctionStats, OsrStats, PerTier, Stats, Totals};
pub use tierlift_code::observe::ObserveOptions;
pub use versions::{Tier, Version};
pub use workers::Engine;
