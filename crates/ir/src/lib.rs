//! Loading and reading LLVM IR for tierlift.
//!
//! [`Module::parse`] takes bitcode or textual IR (told apart by content), verifies it, and numbers what the runtime
//! must know about: defined functions ([`FuncId`]), defined globals ([`GlobalId`]), external declarations
//! ([`ExternId`]) and aliases ([`AliasId`]). Function bodies are read on demand into an owned form ([`Function`],
//! [`Inst`], [`Value`], [`Const`]) that carries everything tier 0 needs, including what inkwell cannot see
//! (constant expressions, switch cases, wide integers, aggregate constants). Global initializers are lowered to bytes
//! plus relocations by [`lower_initializer`].
//!
//! ```
//! let m = tierlift_ir::Module::parse(b"define i32 @main() {\n  ret i32 7\n}\n").unwrap();
//! let main = m.symbol("main").unwrap();
//! let tierlift_ir::Symbol::Func(id) = main else { unreachable!() };
//! let body = m.function(id);
//! assert_eq!(body.insts.len(), 1);
//! ```

// Its build script links libLLVM; a crate nothing names is not linked at all.
use tierlift_llvm_link as _;

mod error;
mod ffi;
mod function;
mod init;
mod inst;
mod module;
mod reader;
mod types;
mod values;

pub use error::{Error, Result};
pub use function::{Block, Function};
pub use init::{Folded, Reloc, fold, gep_offset, lower_initializer};
pub use inst::{BinOp, BlockId, CastOp, Clause, FloatPredicate, Inst, IntPredicate, Op, ParamAttrs, RmwOp, Signature};
pub use module::{
    AliasDecl, ExternDecl, FunctionDecl, GlobalDecl, IntrinsicDecl, Module, intrinsic_target, is_bitcode,
};
pub use types::{StructType, Type};
pub use values::{AliasId, Const, ConstExpr, ExternId, FuncId, GlobalId, Symbol, Value, block_label};
