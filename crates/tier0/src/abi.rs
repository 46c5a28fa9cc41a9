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

/// Where one more 64-bit argument, appended to a call of Cranelift signature `params` in the System V convention,
/// arrives: the argument registers the call leaves free are taken first (integer, then floating-point, passing
/// the value as an `f64`), then the stack word after the call's stack arguments. Follows Cranelift's assignment
/// of argument locations: an `i128` takes two integer registers or 16 aligned stack bytes, a `byval` argument its
/// size of stack, every other value one register of its class or an 8-byte-aligned stack slot of at least 8 bytes.
pub(crate) fn spare_argument(params: &[AbiParam]) -> crate::Carrier {
    let (mut gprs, mut vregs, mut stack) = (0u8, 0u8, 0u32);
    for p in params {
        let ty = p.value_type;
        if let ArgumentPurpose::StructArgument(size) = p.purpose {
            stack += size;
        } else if ty.bits() == 128 && ty.is_int() {
            if gprs + 2 > 6 {
                stack = stack.next_multiple_of(16) + 16;
            }
            gprs += 2;
        } else if ty.is_int() {
            if gprs < 6 {
                gprs += 1;
            } else {
                stack = stack.next_multiple_of(8) + 8;
            }
        } else if vregs < 8 {
            vregs += 1;
        } else {
            let size = ty.bytes().max(8);
            stack = stack.next_multiple_of(size) + size;
        }
    }
    if gprs < 6 {
        crate::Carrier::IntRegister(gprs)
    } else if vregs < 8 {
        crate::Carrier::FloatRegister(vregs)
    } else {
        crate::Carrier::Stack(stack.next_multiple_of(8))
    }
}

#[cfg(test)]
mod tests {
    use super::spare_argument;
    use crate::Carrier;
    use cranelift_codegen::ir::types::{F64, I8X16, I32, I64, I128};
    use cranelift_codegen::ir::{AbiParam, ArgumentPurpose};

    fn params(tys: &[cranelift_codegen::ir::Type]) -> Vec<AbiParam> {
        tys.iter().map(|&t| AbiParam::new(t)).collect()
    }

    #[test]
    fn the_spare_argument_takes_the_first_free_register_then_the_stack() {
        assert_eq!(spare_argument(&[]), Carrier::IntRegister(0));
        assert_eq!(spare_argument(&params(&[I64, F64, I32])), Carrier::IntRegister(2));
        assert_eq!(spare_argument(&params(&[I64; 6])), Carrier::FloatRegister(0));
        assert_eq!(spare_argument(&params(&[I64, I64, I64, I64, I64, I64, F64, I8X16])), Carrier::FloatRegister(2));
        let full: Vec<_> = [I64; 6].into_iter().chain([F64; 8]).collect();
        assert_eq!(spare_argument(&params(&full)), Carrier::Stack(0));
        let spilled: Vec<_> = full.iter().copied().chain([I32, F64]).collect();
        assert_eq!(spare_argument(&params(&spilled)), Carrier::Stack(16));
    }

    #[test]
    fn wide_integers_and_byval_arguments_take_their_own_stack_space() {
        // An i128 takes two registers or, with one left, 16 aligned stack bytes and the last register with it.
        assert_eq!(spare_argument(&params(&[I64, I128])), Carrier::IntRegister(3));
        let split: Vec<_> = [I64; 5].into_iter().chain([I128]).collect();
        assert_eq!(spare_argument(&params(&split)), Carrier::FloatRegister(0));
        let split_full: Vec<_> = split.iter().copied().chain([F64; 8]).collect();
        assert_eq!(spare_argument(&params(&split_full)), Carrier::Stack(16));
        let mut byval = params(&[I64; 6].into_iter().chain([F64; 8]).collect::<Vec<_>>());
        byval.insert(0, AbiParam::special(I64, ArgumentPurpose::StructArgument(24)));
        assert_eq!(spare_argument(&byval), Carrier::Stack(24));
        byval.push(AbiParam::new(I128));
        assert_eq!(spare_argument(&byval), Carrier::Stack(48));
    }
}
