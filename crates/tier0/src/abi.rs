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
    if ty.is_x86_fp80() {
        // In memory, like a 16-byte `byval` argument (aligned by `push_param`); the caller passes the address of
        // a copy.
        return Ok(AbiParam::special(types::scalar(&Type::Ptr)?, ArgumentPurpose::StructArgument(16)));
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

/// What a parameter of a lowered signature carries: an LLVM argument, by index, or nothing (eight bytes of the
/// argument area that put the next argument on a 16-byte boundary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ParamSource {
    /// The LLVM argument of this index.
    Arg(usize),
    /// Padding before an argument that the ABI aligns to 16 bytes in memory.
    Padding,
}

/// Appends the parameter of LLVM argument `index` (of type `ty`, with `attrs`) to `params`, after eight bytes of
/// padding where the ABI puts it in memory at a 16-byte boundary (an `x86_fp80`, or a `byval` object aligned to
/// 16) and the arguments before it end at an odd eightbyte: Cranelift places such arguments, as `byval` ones, at
/// the next free byte of the argument area.
pub(crate) fn push_param(
    params: &mut Vec<AbiParam>,
    sources: &mut Vec<ParamSource>,
    index: usize,
    ty: &Type,
    attrs: &ParamAttrs,
) -> Result<(), Reason> {
    let p = param(ty, attrs)?;
    let aligned = ty.is_x86_fp80() || attrs.byval.as_ref().is_some_and(|b| b.align() >= 16);
    if aligned && !assign(params).stack.is_multiple_of(16) {
        params.push(AbiParam::special(types::scalar(&Type::Ptr)?, ArgumentPurpose::StructArgument(8)));
        sources.push(ParamSource::Padding);
    }
    params.push(p);
    sources.push(ParamSource::Arg(index));
    Ok(())
}

/// The Cranelift signature of an LLVM function type with its ABI attributes.
pub fn lower(sig: &Signature, call_conv: CallConv) -> Result<CSig, Reason> {
    Ok(lower_with_sources(sig, call_conv)?.0)
}

/// [`lower`], with what each of the signature's parameters carries.
pub(crate) fn lower_with_sources(sig: &Signature, call_conv: CallConv) -> Result<(CSig, Vec<ParamSource>), Reason> {
    if !is_c_like(sig.call_conv) {
        return unsupported(format!("calling convention {}", sig.call_conv));
    }
    let mut out = CSig::new(call_conv);
    let mut sources = Vec::with_capacity(sig.params.len());
    for (i, ty) in sig.params.iter().enumerate() {
        let attrs = sig.param_attrs.get(i).cloned().unwrap_or_default();
        push_param(&mut out.params, &mut sources, i, ty, &attrs)?;
    }
    if crate::translate::x86_fp80::returned_in_x87(&sig.ret).is_some() {
        // It comes back in `st(0)` (and `st(1)`), outside Cranelift's view (see `translate::x86_fp80`).
        return Ok((out, sources));
    }
    let mut ret_leaves = Vec::new();
    types::leaf_layout(&sig.ret, 0, &mut ret_leaves);
    if ret_leaves.iter().any(|(t, _)| t.is_x86_fp80()) {
        return unsupported(format!("return type {} (x86_fp80 members with other values)", sig.ret));
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
    Ok((out, sources))
}

/// Where one more 64-bit argument, appended to a call of Cranelift signature `params` in the System V convention,
/// arrives: the argument registers the call leaves free are taken first (integer, then floating-point, passing
/// the value as an `f64`), then the stack word after the call's stack arguments. Follows Cranelift's assignment
/// of argument locations: an `i128` takes two integer registers or 16 aligned stack bytes, a `byval` argument its
/// size of stack, every other value one register of its class or an 8-byte-aligned stack slot of at least 8 bytes.
pub(crate) fn spare_argument(params: &[AbiParam]) -> crate::Carrier {
    let Assigned { gprs, vregs, stack } = assign(params);
    if gprs < 6 {
        crate::Carrier::IntRegister(gprs)
    } else if vregs < 8 {
        crate::Carrier::FloatRegister(vregs)
    } else {
        crate::Carrier::Stack(stack.next_multiple_of(8))
    }
}

/// What the arguments of a call take, as Cranelift assigns them in the System V convention.
struct Assigned {
    /// Integer argument registers.
    gprs: u8,
    /// Vector argument registers.
    vregs: u8,
    /// Bytes of the argument area.
    stack: u32,
}

/// The registers and argument-area bytes the parameters `params` take (see [`spare_argument`]).
fn assign(params: &[AbiParam]) -> Assigned {
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
    Assigned { gprs, vregs, stack }
}

#[cfg(test)]
mod tests {
    use super::{ParamSource, push_param, spare_argument};
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

    #[test]
    fn a_long_double_in_memory_starts_at_a_16_byte_boundary() {
        let (fp80, plain) = (tierlift_ir::Type::Other("x86_fp80".into()), tierlift_ir::ParamAttrs::default());
        let lowered = |ints: usize| {
            let (mut params, mut sources) = (Vec::new(), Vec::new());
            for i in 0..ints {
                push_param(&mut params, &mut sources, i, &tierlift_ir::Type::Int(64), &plain).unwrap();
            }
            push_param(&mut params, &mut sources, ints, &fp80, &plain).unwrap();
            push_param(&mut params, &mut sources, ints + 1, &fp80, &plain).unwrap();
            (params, sources)
        };
        // Six integers fill the registers: the argument area starts with the first long double.
        let (params, sources) = lowered(6);
        assert_eq!(sources, (0..8).map(ParamSource::Arg).collect::<Vec<_>>());
        assert_eq!(params[6].purpose, ArgumentPurpose::StructArgument(16));
        // A seventh integer takes the area's first eightbyte: eight bytes of padding follow it.
        let (_, sources) = lowered(7);
        let mut expected: Vec<_> = (0..7).map(ParamSource::Arg).collect();
        expected.extend([ParamSource::Padding, ParamSource::Arg(7), ParamSource::Arg(8)]);
        assert_eq!(sources, expected);
    }
}
