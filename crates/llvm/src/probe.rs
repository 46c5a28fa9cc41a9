//! Code-generation probes: compile a tiny module for the host to find out whether LLVM can select what it
//! contains. A probe that LLVM cannot compile may end the process (`report_fatal_error`), so callers run it in
//! a disposable child process.

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::Module;
use inkwell::targets::FileType;

use crate::target::{self, HostTarget};
use crate::{Error, OptLevel, Result};

/// Generates O2 machine code for the host from `bitcode` (e.g. a module from `tierlift_ir::Module::
/// intrinsic_probe`) and discards it. `what` names the probe in a fatal error's message.
pub fn probe_codegen(bitcode: &[u8], what: &str) -> Result<()> {
    target::init_native_target()?;
    let host = HostTarget::detect();
    let ctx = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(bitcode, "probe");
    let module = Module::parse_bitcode_from_buffer(&buffer, &ctx)
        .map_err(|e| Error::InvalidBitcode { reason: e.to_string() })?;
    let _compiling = crate::fatal::Compiling::start(format!("a probe for {what}"));
    let machine = host.target_machine(OptLevel::O2)?;
    machine
        .write_to_memory_buffer(&module, FileType::Object)
        .map(drop)
        .map_err(|e| Error::HostTarget { reason: format!("{what}: {e}") })
}
