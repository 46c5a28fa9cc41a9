//! One file per instruction family.

pub(crate) mod aggregate;
pub(crate) mod arith;
pub(crate) mod call;
pub(crate) mod cast;
pub(crate) mod constant;
pub(crate) mod control;
pub(crate) mod dynstack;
pub(crate) mod memory;
pub(crate) mod vector;
