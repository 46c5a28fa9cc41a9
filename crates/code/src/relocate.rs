//! Cranelift's relocations in tier-0 code, resolved against the process.
//!
//! Tier-0 code reaches callees, globals, counters and hooks through absolute addresses it carries as constants,
//! so the only relocations Cranelift leaves are its own: calls to the C library for operations it lowers to a
//! libcall (float rounding without SSE4.1, `fma` without FMA, ...), as 64-bit absolute addresses
//! (`use_colocated_libcalls` is off), and references into the function itself. Anything else is an error that
//! names the relocation, never a wrong address.

use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::ir::{ExternalName, LibCall};
use cranelift_codegen::{FinalizedMachReloc, FinalizedRelocTarget};
use std::ffi::CString;

/// Applies `relocs` to `code`, which will run at `address`.
pub(crate) fn apply(relocs: &[FinalizedMachReloc], code: &mut [u8], address: usize) -> Result<(), String> {
    for reloc in relocs {
        let base = match &reloc.target {
            FinalizedRelocTarget::Func(offset) => address + *offset as usize,
            FinalizedRelocTarget::ExternalName(ExternalName::LibCall(libcall)) => libcall_address(*libcall)?,
            FinalizedRelocTarget::ExternalName(other) => {
                return Err(format!("relocation against {other:?}, which tier-0 code never refers to"));
            }
        };
        let target = (base as i64).wrapping_add(reloc.addend);
        let at = reloc.offset as usize;
        let place = (address + at) as i64;
        match reloc.kind {
            Reloc::Abs8 => write(code, at, &target.to_le_bytes())?,
            Reloc::Abs4 => {
                let value =
                    u32::try_from(target).map_err(|_| format!("{target:#x} does not fit an Abs4 relocation"))?;
                write(code, at, &value.to_le_bytes())?
            }
            Reloc::X86PCRel4 | Reloc::X86CallPCRel4 => {
                let value = i32::try_from(target.wrapping_sub(place))
                    .map_err(|_| format!("{target:#x} is out of reach of a 32-bit displacement at {place:#x}"))?;
                write(code, at, &value.to_le_bytes())?
            }
            other => return Err(format!("unsupported relocation {other:?} at offset {at}")),
        }
    }
    Ok(())
}

fn write(code: &mut [u8], at: usize, value: &[u8]) -> Result<(), String> {
    let end = at.checked_add(value.len()).filter(|&end| end <= code.len());
    let end = end.ok_or_else(|| format!("relocation at offset {at} lies outside the {} bytes of code", code.len()))?;
    code[at..end].copy_from_slice(value);
    Ok(())
}

/// The process's definition of the C function Cranelift calls for `libcall`.
fn libcall_address(libcall: LibCall) -> Result<usize, String> {
    let name = cranelift_module::default_libcall_names()(libcall);
    let symbol = CString::new(name.as_str()).map_err(|_| format!("libcall name {name:?}"))?;
    crate::dlsym_default(&symbol).ok_or_else(|| format!("libcall {name} is not defined in the process"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reloc(kind: Reloc, offset: u32, target: FinalizedRelocTarget, addend: i64) -> FinalizedMachReloc {
        FinalizedMachReloc { offset, kind, target, addend }
    }

    #[test]
    fn libcalls_resolve_to_the_c_library() {
        let mut code = [0u8; 8];
        let r = reloc(Reloc::Abs8, 0, FinalizedRelocTarget::ExternalName(ExternalName::LibCall(LibCall::FloorF64)), 0);
        apply(&[r], &mut code, 0x1000).unwrap();
        assert_eq!(usize::from_le_bytes(code), libcall_address(LibCall::FloorF64).unwrap());
        // SAFETY: `floor` from libm is `double floor(double)`.
        let f: extern "C" fn(f64) -> f64 = unsafe { crate::fn_from_address(usize::from_le_bytes(code)) };
        assert_eq!(f(-2.5), -3.0);
    }

    #[test]
    fn pc_relative_relocations_count_from_their_place() {
        let mut code = [0u8; 16];
        let r = reloc(Reloc::X86PCRel4, 4, FinalizedRelocTarget::Func(12), -4);
        apply(&[r], &mut code, 0x10_0000).unwrap();
        // target 0x10000c - 4, place 0x100004: displacement 4.
        assert_eq!(i32::from_le_bytes(code[4..8].try_into().unwrap()), 4);
    }

    #[test]
    fn what_tier_0_never_produces_is_an_error() {
        let mut code = [0u8; 8];
        let user = FinalizedRelocTarget::ExternalName(ExternalName::KnownSymbol(
            cranelift_codegen::ir::KnownSymbol::ElfGlobalOffsetTable,
        ));
        assert!(apply(&[reloc(Reloc::Abs8, 0, user, 0)], &mut code, 0).is_err());
        let tls = reloc(Reloc::ElfX86_64TlsGd, 0, FinalizedRelocTarget::Func(0), 0);
        assert!(apply(&[tls], &mut code, 0).unwrap_err().contains("unsupported relocation"));
        let outside = reloc(Reloc::Abs8, 4, FinalizedRelocTarget::Func(0), 0);
        assert!(apply(&[outside], &mut code, 0).unwrap_err().contains("outside"));
    }
}
