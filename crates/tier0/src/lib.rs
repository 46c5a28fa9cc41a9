//! Tier 0 of tierlift: LLVM IR to Cranelift IR.
//!
//! [`translate`] turns one [`tierlift_ir::Function`] into a Cranelift function with the same x86-64 System V ABI
//! LLVM's codegen gives its IR signature, so that code of any tier can call code of any other. Everything the
//! translation needs from the runtime (where a callee's slot is, a global's address, a libcall, the counters) comes
//! through the [`FuncEnv`] trait, so tests can translate with a dummy environment.
//!
//! Constructs tier 0 does not handle give [`Error::Unsupported`] naming the function and instruction; the runtime
//! then compiles that function with LLVM instead.
//!
//! An `invoke` becomes a `try_call` whose handler leads to the landing pad; [`translate`] then also returns the
//! function's [`ExceptionTable`], which writes the LSDA once the code is laid out (see `exceptions.rs`).
//!
//! Variadic definitions take their free argument registers as extra parameters and keep a System V register save
//! area (see `translate/varargs.rs`); this needs frame pointers, which the runtime's tier-0 ISA keeps. Calls to
//! variadic functions go through thunks that set `%al` (Cranelift never does): per target for direct calls, and
//! for calls through pointers one per [`Carrier`], the argument register or stack word the call leaves free, in
//! which the pointer rides along to the thunk that jumps to it.
//!
//! Undefined values: `undef` and `poison` are materialized as zero of their type, and `freeze` passes its operand
//! through. Any choice is allowed by LLVM's semantics; zero is deterministic.
//!
//! ```
//! use cranelift_codegen::ir::Function as ClifFunction;
//! use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
//! use target_lexicon::PointerWidth;
//! use cranelift_frontend::FunctionBuilderContext;
//! use tierlift_ir::{FuncId, Module, Symbol};
//! use tierlift_tier0::{FuncEnv, translate};
//!
//! struct NoEnv;
//! impl FuncEnv for NoEnv {
//!     fn symbol_address(&self, _: Symbol) -> Option<u64> { None }
//!     fn vararg_thunk(&self, target: u64) -> Option<u64> { Some(target) }
//!     fn libcall(&self, _: &str) -> Option<u64> { None }
//! }
//!
//! let m = Module::parse(b"define i32 @add(i32 %a, i32 %b) {\n  %s = add i32 %a, %b\n  ret i32 %s\n}\n").unwrap();
//! let body = m.function(FuncId(0));
//! let mut out = ClifFunction::new();
//! let config = TargetFrontendConfig {
//!     default_call_conv: CallConv::SystemV,
//!     pointer_width: PointerWidth::U64,
//!     page_size_align_log2: 12,
//! };
//! let landing_pads = translate(&body, &NoEnv, config, None, &mut out, &mut FunctionBuilderContext::new()).unwrap();
//! assert!(out.display().to_string().contains("iadd"));
//! // No `invoke`: no LSDA for the unwinder.
//! assert!(landing_pads.is_none());
//! ```

#![forbid(unsafe_code)]

mod abi;
mod dead_locals;
mod error;
mod exceptions;
mod intrinsics;
mod loop_counts;
pub mod osr;
pub mod profile;
#[cfg(test)]
mod profile_base_tests;
mod translate;
mod translator;
mod types;

pub use abi::lower as lower_signature;
pub use error::{Error, Result};
pub use exceptions::ExceptionTable;
pub use loop_counts::MAX_BATCH;
pub use loop_counts::{FEW_LOOPS, LoopBatches};
pub use translate::dynstack::needs_dynamic_stack;
pub use translator::{Instrumentation, loop_headers, translate};

use tierlift_ir::Symbol;

/// Where a call passes a value its callee does not read: the first free argument register (System V order:
/// `rdi`, `rsi`, `rdx`, `rcx`, `r8`, `r9`; `xmm0`-`xmm7`) or, with none free, the stack word at this byte offset
/// from the first stack argument (the word after the call's own stack arguments).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Carrier {
    /// Integer argument register number 0-5.
    IntRegister(u8),
    /// Floating-point argument register `xmm0`-`xmm7` (the value's bits as an `f64`).
    FloatRegister(u8),
    /// The stack argument word at this byte offset.
    Stack(u32),
}

/// What the translator needs to know about the world outside the function.
pub trait FuncEnv {
    /// The runtime address of a module symbol: a defined function's stub, a global's storage, an external's
    /// resolved address, an alias's target. `None` if unknown (the translation then fails).
    fn symbol_address(&self, s: Symbol) -> Option<u64>;
    /// The address of the word that holds module function `s`'s current code (its slot), for direct calls to load
    /// and call instead of calling the stub, which jumps through that word: the word must always hold code that
    /// needs nothing from its caller. `None`: calls go to [`FuncEnv::symbol_address`].
    fn slot_address(&self, s: Symbol) -> Option<u64> {
        let _ = s;
        None
    }
    /// A thunk that sets `%al` and jumps to `target`, for calls to variadic functions.
    fn vararg_thunk(&self, target: u64) -> Option<u64>;
    /// A thunk that sets `%al` and jumps to the function whose address a call passes in `carrier`, for calls to
    /// variadic functions through pointers (the pointer rides as one more argument, which the callee never
    /// reads). `None`: such calls are declined.
    fn vararg_jump(&self, carrier: Carrier) -> Option<u64> {
        let _ = carrier;
        None
    }
    /// The address of a support routine (`memcpy`, `fmod`, `__udivti3`, ...).
    fn libcall(&self, name: &str) -> Option<u64>;
    /// For a thread-local variable `s`, the routine that finds the calling thread's copy: its address is then what
    /// every use (through `llvm.threadlocal.address` or direct) passes to that routine. The module's own
    /// variables use the C runtime's emulated TLS (`__emutls_get_address` with their control object), a shared
    /// object's use its native TLS (`__tls_get_addr` with their `tls_index`).
    fn thread_local_routine(&self, s: Symbol) -> Option<&'static str> {
        let _ = s;
        None
    }
    /// Whether a call to `s` may return twice (`setjmp` and kin): a function that makes one keeps its locals in
    /// memory.
    fn returns_twice(&self, s: Symbol) -> bool {
        let _ = s;
        false
    }
}
