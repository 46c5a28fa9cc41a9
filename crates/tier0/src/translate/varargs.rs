//! Variadic function definitions on x86-64 System V: the register save area and `llvm.va_start`,
//! `llvm.va_copy`, `llvm.va_end`.
//!
//! A caller passes the variadic arguments in the argument registers the fixed ones left (and %al says how many
//! vector registers it used), then on the stack. Tier 0 declares the free registers as extra parameters of the
//! function — `i64` for each free general-purpose register, a 128-bit vector for each free `xmm` register — so
//! Cranelift's ABI hands them over like the fixed ones, and stores them in the prologue into a save area laid
//! out as the ABI's `va_list` expects (6 × 8 bytes, then 8 × 16). `va_start` fills the `va_list`
//! (`{ i32 gp_offset, i32 fp_offset, ptr overflow_arg_area, ptr reg_save_area }`); clang's own `va_arg` code
//! reads it. The stack arguments start 16 bytes above the frame pointer (tier-0 code keeps frame pointers).
//! Functions whose fixed parameters do not all travel in registers are left to LLVM.

use crate::error::{Reason, unsupported};
use crate::translator::FuncTranslator;
use cranelift_codegen::ir::{
    AbiParam, InstBuilder, MemFlagsData, Signature as CSig, StackSlot, StackSlotData, StackSlotKind, Value as CValue,
    types as ct,
};
use tierlift_ir::{Signature, Type};

/// General-purpose argument registers (`rdi rsi rdx rcx r8 r9`).
const GP_REGS: u32 = 6;
/// Vector argument registers (`xmm0`–`xmm7`).
const FP_REGS: u32 = 8;
/// Bytes of the register save area.
const SAVE_AREA: u32 = GP_REGS * 8 + FP_REGS * 16;

/// A variadic function's frame: where its variadic arguments are.
pub(crate) struct VaFrame {
    save_area: StackSlot,
    gp_offset: i64,
    fp_offset: i64,
    overflow: CValue,
}

/// Argument registers the fixed parameters take: (general-purpose, vector).
fn fixed_registers(sig: &Signature) -> Result<(u32, u32), Reason> {
    let (mut gp, mut fp) = (0, 0);
    for (i, ty) in sig.params.iter().enumerate() {
        let attrs = sig.param_attrs.get(i).cloned().unwrap_or_default();
        if attrs.byval.is_some() {
            return unsupported("variadic function with a byval parameter");
        }
        match ty {
            Type::Int(n) if *n <= 64 => gp += 1,
            Type::Ptr => gp += 1,
            Type::Int(128) => gp += 2,
            Type::Float | Type::Double => fp += 1,
            Type::Vector(..) if ty.bit_width() <= 128 => fp += 1,
            other => return unsupported(format!("variadic function with a {other} parameter")),
        }
    }
    if gp > GP_REGS || fp > FP_REGS {
        return unsupported("variadic function whose fixed parameters do not all fit in registers");
    }
    Ok((gp, fp))
}

/// Adds the free argument registers to a variadic definition's signature.
pub(crate) fn extend_signature(sig: &Signature, out: &mut CSig) -> Result<(), Reason> {
    let (gp, fp) = fixed_registers(sig)?;
    out.params.extend((gp..GP_REGS).map(|_| AbiParam::new(ct::I64)));
    out.params.extend((fp..FP_REGS).map(|_| AbiParam::new(ct::I8X16)));
    Ok(())
}

/// Stores the free argument registers (`extra`, as declared by [`extend_signature`]) into the save area.
pub(crate) fn prologue(t: &mut FuncTranslator<'_>, extra: &[CValue]) -> Result<VaFrame, Reason> {
    let (gp, fp) = fixed_registers(&t.f.sig)?;
    let save_area = t.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, SAVE_AREA, 4));
    let base = t.b.ins().stack_addr(ct::I64, save_area, 0);
    let flags = MemFlagsData::trusted();
    let mut free = extra.iter();
    for reg in gp..GP_REGS {
        let v = *free.next().ok_or("variadic register parameters missing")?;
        t.b.ins().store(flags, v, base, (reg * 8) as i32);
    }
    for reg in fp..FP_REGS {
        let v = *free.next().ok_or("variadic register parameters missing")?;
        t.b.ins().store(flags, v, base, (GP_REGS * 8 + reg * 16) as i32);
    }
    let frame = t.b.ins().get_frame_pointer(ct::I64);
    let overflow = t.b.ins().iadd_imm_s(frame, 16);
    Ok(VaFrame { save_area, gp_offset: i64::from(gp * 8), fp_offset: i64::from(GP_REGS * 8 + fp * 16), overflow })
}

/// `llvm.va_start(%list)`: the list starts at the first variadic argument.
pub(crate) fn va_start(t: &mut FuncTranslator<'_>, list: CValue) -> Result<(), Reason> {
    let Some(va) = &t.va else { return unsupported("va_start outside a variadic function") };
    let (slot, gp_offset, fp_offset, overflow) = (va.save_area, va.gp_offset, va.fp_offset, va.overflow);
    let flags = MemFlagsData::trusted();
    let gp = t.b.ins().iconst(ct::I32, gp_offset);
    let fp = t.b.ins().iconst(ct::I32, fp_offset);
    let save = t.b.ins().stack_addr(ct::I64, slot, 0);
    t.b.ins().store(flags, gp, list, 0);
    t.b.ins().store(flags, fp, list, 4);
    t.b.ins().store(flags, overflow, list, 8);
    t.b.ins().store(flags, save, list, 16);
    Ok(())
}

/// `llvm.va_copy(%dst, %src)`: the 24-byte list, copied.
pub(crate) fn va_copy(t: &mut FuncTranslator<'_>, dst: CValue, src: CValue) {
    let flags = MemFlagsData::trusted();
    for offset in [0, 8, 16] {
        let word = t.b.ins().load(ct::I64, flags, src, offset);
        t.b.ins().store(flags, word, dst, offset);
    }
}
