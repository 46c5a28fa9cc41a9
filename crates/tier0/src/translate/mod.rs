//! One file per instruction family.

pub(crate) mod aggregate;
pub(crate) mod arith;
pub(crate) mod call;
pub(crate) mod cast;
pub(crate) mod chunks;
pub(crate) mod constant;
pub(crate) mod control;
pub(crate) mod dynstack;
pub(crate) mod float_bits;
pub(crate) mod fp128;
pub(crate) mod half;
pub(crate) mod mask;
pub(crate) mod memory;
pub(crate) mod promote;
pub(crate) mod reduce;
pub(crate) mod returns_twice;
pub(crate) mod varargs;
pub(crate) mod vector;
pub(crate) mod vector_cast;
pub(crate) mod x86_fp80;
