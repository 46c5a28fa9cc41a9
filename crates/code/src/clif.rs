//! Tier-0 machine code: Cranelift compiles, tierlift places the bytes, applies the relocations and registers the
//! unwind information.

use crate::code_memory::CodeMemory;
use crate::unwind_tables::{FrameTables, RetiredObject};
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::isa::{OwnedTargetIsa, TargetIsa};
use cranelift_codegen::{Context, FinalizedMachExceptionHandler};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The targets tier 0 compiles for: the same machine and settings, with either register allocator.
#[derive(Clone)]
pub struct ClifIsas {
    /// With Cranelift's backtracking allocator (`regalloc_algorithm=backtracking`): better code in loops.
    pub backtracking: OwnedTargetIsa,
    /// With the single-pass allocator (`regalloc_algorithm=single_pass`): faster to compile, more spills.
    pub single_pass: OwnedTargetIsa,
}

/// Which register allocator compiles a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegAlloc {
    /// Cranelift's backtracking allocator.
    Backtracking,
    /// Cranelift's single-pass allocator.
    SinglePass,
}

/// Executable memory for tier-0 code, shared by the modules of an engine (cheap to clone; clones share it): their
/// functions fill the same regions, so a module with a few functions maps nothing of its own.
#[derive(Clone)]
pub struct SharedCodeMemory {
    memory: Arc<Mutex<CodeMemory>>,
    /// The registered unwind information of the code (see `unwind_tables`).
    frames: Arc<Mutex<FrameTables>>,
}

impl Default for SharedCodeMemory {
    fn default() -> Self {
        Self::new()
    }
}

impl SharedCodeMemory {
    /// Empty: the first function maps the first region.
    pub fn new() -> Self {
        SharedCodeMemory {
            memory: Arc::new(Mutex::new(CodeMemory::new())),
            frames: Arc::new(Mutex::new(FrameTables::default())),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CodeMemory> {
        self.memory.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn frames(&self) -> std::sync::MutexGuard<'_, FrameTables> {
        self.frames.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The memory of unwind table objects withdrawn since the last call, for the caller to free once no thread
    /// can still read it (see [`RetiredObject`]).
    pub fn take_retired_unwind_objects(&self) -> Vec<RetiredObject> {
        self.frames().take_retired()
    }

    /// Bytes of code placed and not freed, by every owner.
    pub fn live_bytes(&self) -> usize {
        self.lock().live_bytes()
    }

    /// Mappings holding the code (a region counts as its two views).
    pub fn mappings(&self) -> usize {
        self.lock().mappings()
    }
}

impl std::fmt::Debug for SharedCodeMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedCodeMemory").field("live_bytes", &self.live_bytes()).finish()
    }
}

/// The tier-0 functions of one loaded module: their code (in memory it may share with other modules) and the
/// registration of each function's unwind information (in tables it may share with other modules). Dropping it
/// frees them all.
pub struct ClifCode {
    isas: ClifIsas,
    /// Every function placed and not freed, by address. Its unwind information is registered in the memory's
    /// frame tables (the unwinder forgets the code before its memory is freed).
    functions: BTreeMap<usize, Placed>,
    memory: SharedCodeMemory,
}

/// Writes a function's LSDA, given each `try_call` as (its return address, the tag of its handler, its handler's
/// address), all offsets from the function's start, and the size of the code.
pub type WriteLsda<'a> = dyn Fn(&[(u32, u32, u32)], u32) -> Result<Vec<u8>, String> + 'a;

/// What the unwinder needs to take exceptions into a function's landing pads.
pub struct LandingPads<'a> {
    /// The address of the function's personality routine.
    pub personality: u64,
    /// The function's LSDA, once its code is laid out.
    pub lsda: &'a WriteLsda<'a>,
}

/// A function placed by a [`ClifCode`]: the size of its code, and its LSDA if it has landing pads.
struct Placed {
    size: usize,
    _lsda: Option<Box<[u8]>>,
}

/// A finished tier-0 function.
pub struct ClifFunction {
    /// Address of its first instruction.
    pub address: usize,
    /// Size of its machine code in bytes.
    pub code_size: usize,
    /// Time spent in Cranelift (lowering, register allocation, emission).
    pub codegen_time: Duration,
}

impl ClifCode {
    /// A code space for `isas`, placing code in `memory`. Libcalls Cranelift itself emits are resolved against
    /// the process.
    pub fn new(isas: ClifIsas, memory: SharedCodeMemory) -> Self {
        ClifCode { isas, functions: BTreeMap::new(), memory }
    }

    /// The target this code space compiles for (either allocator's: they differ only in the allocator).
    pub fn isa(&self) -> &dyn TargetIsa {
        &*self.isas.backtracking
    }

    /// Compiles `ctx.func` with `regalloc`, places it in executable memory and registers its unwind information
    /// (with `landing`, for a function whose `try_call`s have landing pads: the personality routine and the LSDA).
    /// The code stays mapped (and registered) until this value is dropped.
    pub fn compile(
        &mut self,
        ctx: &mut Context,
        regalloc: RegAlloc,
        landing: Option<LandingPads<'_>>,
    ) -> Result<ClifFunction, String> {
        let isa = match regalloc {
            RegAlloc::Backtracking => &*self.isas.backtracking,
            RegAlloc::SinglePass => &*self.isas.single_pass,
        };
        let start = std::time::Instant::now();
        let compiled = ctx.compile(isa, &mut ControlPlane::default()).map_err(|e| match e.inner {
            cranelift_codegen::CodegenError::Verifier(errs) => format!(
                "Cranelift verifier: {}",
                cranelift_codegen::print_errors::pretty_verifier_error(e.func, None, errs)
            ),
            other => format!("{other:?}"),
        })?;
        let codegen_time = start.elapsed();
        let code = compiled.code_buffer();
        let align = (compiled.buffer.alignment as usize).max(isa.function_alignment().minimum as usize).max(16);
        let info = compiled.create_unwind_info(isa).map_err(|e| format!("unwind information: {e}"))?;
        let info = info.ok_or("Cranelift produced no unwind information")?;
        let lsda = match &landing {
            Some(pads) => {
                let try_calls: Vec<(u32, u32, u32)> = compiled
                    .buffer
                    .call_sites()
                    .flat_map(|site| {
                        site.exception_handlers.iter().filter_map(move |h| match h {
                            FinalizedMachExceptionHandler::Tag(tag, at) => Some((site.ret_addr, tag.as_u32(), *at)),
                            _ => None,
                        })
                    })
                    .collect();
                let len = u32::try_from(code.len()).map_err(|_| "a function of more than 4 GiB")?;
                Some((pads.personality, (pads.lsda)(&try_calls, len)?.into_boxed_slice()))
            }
            None => None,
        };
        let relocs = compiled.buffer.relocs();
        let address = self.memory.lock().place(code, align, |bytes, at| crate::relocate::apply(relocs, bytes, at))?;
        let code_size = code.len();
        let pads = lsda.as_ref().map(|(personality, bytes)| (*personality, bytes.as_ptr() as u64));
        match crate::unwind::function_eh_frame(isa, &info, code, address, pads) {
            Ok(Some(bytes)) => {
                let mapping = self.memory.lock().mapping_of(address);
                self.memory.frames().add(address, mapping, bytes)
            }
            Ok(None) => {}
            Err(e) => {
                self.memory.lock().free(address, code_size);
                return Err(e);
            }
        }
        // The LSDA's bytes stay where they are (the registered FDE points at them) until the function goes.
        self.functions.insert(address, Placed { size: code_size, _lsda: lsda.map(|(_, bytes)| bytes) });
        ctx.clear();
        Ok(ClifFunction { address, code_size, codegen_time })
    }
}

impl ClifCode {
    /// Frees the function placed at `address`: the unwinder forgets it, and its memory is reused for later
    /// functions (or given back). Returns its size, or `None` for an address that holds no function.
    ///
    /// Only for code that no thread is running or can return into, and that nothing calls any more: a version
    /// no slot holds, after a stack scan ([`scan_other_threads`](crate::scan_other_threads)) found no reference to
    /// it.
    pub fn free(&mut self, address: usize) -> Option<usize> {
        let placed = self.functions.remove(&address)?;
        // The unwinder forgets the function before its LSDA and its code go.
        drop(self.memory.frames().remove(&[address]));
        self.memory.lock().free(address, placed.size);
        Some(placed.size)
    }

    /// Bytes of this module's tier-0 code placed and not freed.
    pub fn live_bytes(&self) -> usize {
        self.functions.values().map(|p| p.size).sum()
    }
}

impl Drop for ClifCode {
    fn drop(&mut self) {
        // The unwinder forgets the functions before their memory is freed (each table that loses members is
        // registered anew once).
        // Freeing is sound: `ClifCode` is owned by a loaded module and dropped with it; the embedding API ties
        // every handle to JIT code to that module's lifetime, and the runtime stops its workers before dropping,
        // so no thread can be running in or return into this code any more.
        let addresses: Vec<usize> = self.functions.keys().copied().collect();
        drop(self.memory.frames().remove(&addresses));
        let mut memory = self.memory.lock();
        while let Some((address, placed)) = self.functions.pop_last() {
            memory.free(address, placed.size);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cranelift_codegen::cursor::{Cursor, FuncCursor};
    use cranelift_codegen::ir::{AbiParam, Function, InstBuilder, Signature, UserFuncName, types};
    use cranelift_codegen::isa::CallConv;
    use cranelift_codegen::settings::{self, Configurable};

    /// x86-64 without SSE4.1 (so `ceil` is a call into the C library) and the given allocator.
    fn isa_without_sse41(regalloc: &str) -> OwnedTargetIsa {
        let mut flags = settings::builder();
        flags.set("regalloc_algorithm", regalloc).unwrap();
        flags.set("preserve_frame_pointers", "true").unwrap();
        let mut isa = cranelift_codegen::isa::lookup_by_name("x86_64-unknown-linux-gnu").unwrap();
        isa.set("has_sse41", "false").unwrap();
        isa.finish(settings::Flags::new(flags)).unwrap()
    }

    /// `double f(double x) { return ceil(x) + offset; }`
    fn ceil_plus(offset: f64) -> Function {
        let mut sig = Signature::new(CallConv::SystemV);
        sig.params.push(AbiParam::new(types::F64));
        sig.returns.push(AbiParam::new(types::F64));
        let mut func = Function::with_name_signature(UserFuncName::default(), sig);
        let block = func.dfg.make_block();
        let x = func.dfg.append_block_param(block, types::F64);
        let mut pos = FuncCursor::new(&mut func);
        pos.insert_block(block);
        let c = pos.ins().ceil(x);
        let k = pos.ins().f64const(offset);
        let r = pos.ins().fadd(c, k);
        pos.ins().return_(&[r]);
        func
    }

    #[test]
    fn many_functions_with_libcalls_run_with_either_allocator() {
        let isas =
            ClifIsas { backtracking: isa_without_sse41("backtracking"), single_pass: isa_without_sse41("single_pass") };
        let mut ctx = Context::for_function(ceil_plus(0.0));
        let relocs = ctx.compile(&*isas.backtracking, &mut ControlPlane::default()).unwrap().buffer.relocs().to_vec();
        assert!(
            relocs.iter().any(|r| matches!(
                r.target,
                cranelift_codegen::FinalizedRelocTarget::ExternalName(cranelift_codegen::ir::ExternalName::LibCall(_))
            )),
            "no libcall relocation: {relocs:?}"
        );
        let memory = SharedCodeMemory::new();
        let mut code = ClifCode::new(isas.clone(), memory.clone());
        let mut functions = Vec::new();
        for i in 0..300 {
            let regalloc = if i % 2 == 0 { RegAlloc::Backtracking } else { RegAlloc::SinglePass };
            ctx.func = ceil_plus(f64::from(i));
            let compiled = code.compile(&mut ctx, regalloc, None).unwrap();
            assert!(compiled.code_size > 0);
            functions.push(compiled.address);
        }
        for (i, &address) in functions.iter().enumerate() {
            // SAFETY: every function is `f64 (f64)` and stays mapped while `code` lives.
            let f: extern "C" fn(f64) -> f64 = unsafe { crate::fn_from_address(address) };
            assert_eq!(f(1.25), 2.0 + i as f64);
        }
        // 300 small functions fit one region: its two views.
        assert_eq!(memory.mappings(), 2);
        assert_eq!(code.functions.len(), 300);
        // Freeing forgets the unwind information and reuses the memory.
        let live = memory.live_bytes();
        let size = code.free(functions[0]).unwrap();
        assert_eq!(code.free(functions[0]), None);
        assert_eq!(memory.live_bytes(), live - size.next_multiple_of(16));
        ctx.func = ceil_plus(1000.0);
        let again = code.compile(&mut ctx, RegAlloc::Backtracking, None).unwrap();
        assert_eq!(again.address, functions[0]);
        // SAFETY: `f64 (f64)`, placed just now.
        let f: extern "C" fn(f64) -> f64 = unsafe { crate::fn_from_address(again.address) };
        assert_eq!(f(1.25), 1002.0);
        // A second module's code goes into the same region; dropping a module frees its code only.
        let mut other = ClifCode::new(isas, memory.clone());
        ctx.func = ceil_plus(-1.0);
        let theirs = other.compile(&mut ctx, RegAlloc::SinglePass, None).unwrap();
        assert_eq!(memory.mappings(), 2);
        drop(code);
        assert_eq!(memory.live_bytes(), theirs.code_size.next_multiple_of(16));
        // SAFETY: `f64 (f64)`, still placed.
        let g: extern "C" fn(f64) -> f64 = unsafe { crate::fn_from_address(theirs.address) };
        assert_eq!(g(1.25), 1.0);
    }
}
