//! Lowering LLVM signatures to Cranelift signatures with the same x86-64 System V ABI as LLVM's codegen.

use crate::error::{Reason, unsupported};
use crate::types;
use cranelift_codegen::ir::{AbiParam, ArgumentPurpose, Signature as CSig};
use cranelift_codegen::isa::CallConv;
use tierlift_ir::{ParamAttrs, Signature, Type};

/// LLVM calling conventions that are the C convention on x86-64: `ccc`, `fastcc`, `coldcc`.
fn is_c_like(cc: u32) -> bool {
    matches!(cc, 0 | 8 | 9)
}

/// Whether a function of signature `sig` is called the same way in Cranelift's `tail` convention as in the C
/// one, so that tier 0 may compile it (and tail-call functions of its signature) in the `tail` convention. On
/// x86-64 the two pass arguments in the same registers and preserve the same registers; they differ in who pops
/// stack arguments (the callee in `tail`), and in the register of a second integer result. So: a C-like,
/// non-variadic signature whose arguments all go in registers (six integer, eight floating-point) without ABI
/// attributes beyond extension, returning nothing or one integer, pointer or floating-point value.
pub(crate) fn tail_compatible(sig: &Signature) -> bool {
    let scalar = |t: &Type| match t {
        Type::Int(bits) if *bits <= 64 => Some((1, 0)),
        Type::Int(bits) if *bits <= 128 => Some((2, 0)),
        Type::Ptr => Some((1, 0)),
        Type::Float | Type::Double => Some((0, 1)),
        _ => None,
    };
    let plain = |a: &ParamAttrs| a.byval.is_none() && a.sret.is_none() && a.unusual.is_none();
    if !is_c_like(sig.call_conv) || sig.variadic || !plain(&sig.ret_attrs) {
        return false;
    }
    let (mut ints, mut floats) = (0, 0);
    for (i, ty) in sig.params.iter().enumerate() {
        let Some((int, float)) = scalar(ty) else { return false };
        if !sig.param_attrs.get(i).is_none_or(plain) {
            return false;
        }
        ints += int;
        floats += float;
    }
    let returns_one = sig.ret == Type::Void || scalar(&sig.ret).is_some_and(|(int, _)| int <= 1);
    ints <= 6 && floats <= 8 && returns_one
}

/// How a parameter (or a variadic argument, with its call-site attributes) is passed.
pub(crate) fn param(ty: &Type, attrs: &ParamAttrs) -> Result<AbiParam, Reason> {
    if let Some(what) = attrs.unusual {
        return unsupported(format!("parameter attribute {what}"));
    }
    if let Some(byval) = &attrs.byval {
        // The argument area holds whole eightbytes (and Cranelift copies whole eightbytes into it): a caller
        // passes a copy of an odd-sized object from a slot of the rounded size (`call::byval_copy`).
        let size = u32::try_from(byval.alloc_size().next_multiple_of(8)).map_err(|_| "huge byval".to_string())?;
        return Ok(AbiParam::special(types::scalar(&Type::Ptr)?, ArgumentPurpose::StructArgument(size)));
    }
    if attrs.sret.is_some() {
        return Ok(AbiParam::special(types::scalar(&Type::Ptr)?, ArgumentPurpose::StructReturn));
    }
    if matches!(ty, Type::Struct(_) | Type::Array(..)) {
        return unsupported(format!("aggregate parameter {ty}"));
    }
    let p = AbiParam::new(types::scalar(ty)?);
    Ok(if attrs.zext {
        p.uext()
    } else if attrs.sext {
        p.sext()
    } else {
        p
    })
}

/// The Cranelift signature of an LLVM function type with its ABI attributes.
pub fn lower(sig: &Signature, call_conv: CallConv) -> Result<CSig, Reason> {
    if !is_c_like(sig.call_conv) {
        return unsupported(format!("calling convention {}", sig.call_conv));
    }
    let mut out = CSig::new(call_conv);
    for (i, ty) in sig.params.iter().enumerate() {
        let attrs = sig.param_attrs.get(i).cloned().unwrap_or_default();
        out.params.push(param(ty, &attrs)?);
    }
    if types::has_wide_vector(&sig.ret) {
        // LLVM returns these in ymm/zmm registers (or memory), which Cranelift signatures cannot express.
        return unsupported(format!("return type {} (vectors wider than 128 bits)", sig.ret));
    }
    let rets = types::leaf_types(&sig.ret)?;
    if matches!(sig.ret, Type::Struct(_) | Type::Array(..)) {
        let ints = rets.iter().filter(|t| t.is_int()).map(|t| if t.bits() == 128 { 2 } else { 1 }).sum::<usize>();
        let floats = rets.len() - rets.iter().filter(|t| t.is_int()).count();
        if ints > 3 || floats > 2 {
            return unsupported(format!("return type {} does not fit in registers", sig.ret));
        }
    }
    for t in rets {
        let mut p = AbiParam::new(t);
        if sig.ret_attrs.zext {
            p = p.uext();
        } else if sig.ret_attrs.sext {
            p = p.sext();
        }
        out.returns.push(p);
    }
    if out.params.iter().any(|p| p.purpose == ArgumentPurpose::StructReturn) && !out.returns.is_empty() {
        return unsupported("sret function that also returns a value");
    }
    Ok(out)
}
