//! The tier manager of tierlift.
//!
//! A [`Runtime`] is one loaded module: its function table (stubs and slots), its globals, its tier-0 code, its
//! background LLVM workers and the [`policy::TierPolicy`] that decides when a function moves up. Functions are
//! compiled on their first call (through the lazy trampoline); counters in tier-0 code call a hook when hot; the
//! hook asks the policy and queues a background compile; the worker's result is installed with one atomic store.
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
mod runtime;
mod sampler;
mod stats;
mod tier0_isa;
mod timeline;
pub mod trace;
mod validate;
mod versions;
mod workers;

pub use config::{Config, LazyFailureHandler, PolicyFactory, PolicyKind, TierMode};
pub use error::{Error, Result};
pub use runtime::Runtime;
pub use stats::{FunctionStats, OsrStats, PerTier, Stats, Totals};
pub use tierlift_code::observe::ObserveOptions;
pub use versions::{Tier, Version};
pub use workers::Engine;
