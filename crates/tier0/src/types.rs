//! How LLVM types are represented in Cranelift: each LLVM value becomes a list of Cranelift values ("leaves").
//!
//! Scalars are one leaf: `iN` lives in the smallest of `i8 i16 i32 i64 i128` that holds it, with the bits above N
//! kept zero (`i1` is 0 or 1 in an `i8`); `float`/`double` are `f32`/`f64`; pointers are `i64`. 128-bit vectors
//! are one Cranelift vector; `<N x i1>` is a lane mask of `128/N`-bit lanes (all ones for true). First-class structs
//! and arrays are flattened into the leaves of their members, in order.

use crate::error::{Reason, unsupported};
use cranelift_codegen::ir::Type as CType;
use cranelift_codegen::ir::types as ct;
use tierlift_ir::Type;

/// The Cranelift integer type that holds `iN`.
pub fn int_container(bits: u32) -> Result<CType, Reason> {
    Ok(match bits {
        1..=8 => ct::I8,
        9..=16 => ct::I16,
        17..=32 => ct::I32,
        33..=64 => ct::I64,
        65..=128 => ct::I128,
        _ => return unsupported(format!("i{bits}")),
    })
}

/// The Cranelift type of a scalar or vector LLVM type (one leaf).
pub fn scalar(ty: &Type) -> Result<CType, Reason> {
    Ok(match ty {
        Type::Int(bits) => int_container(*bits)?,
        Type::Float => ct::F32,
        Type::Double => ct::F64,
        Type::Ptr => ct::I64,
        Type::Vector(n, elem) => vector(*n, elem)?,
        other => return unsupported(format!("type {other} as a scalar")),
    })
}

/// The Cranelift vector type for `<n x elem>`. Vectors narrower than 128 bits ("partial" vectors such as
/// `<2 x float>` or `<8 x i8>`) live in the low lanes of a 128-bit vector whose other lanes are don't-care, which is
/// also how the x86-64 ABI passes them. `<n x i1>` is a lane mask with `128/n`-bit lanes.
pub fn vector(n: u32, elem: &Type) -> Result<CType, Reason> {
    let lane = match elem {
        Type::Int(1) => match n {
            2 => ct::I64,
            4 => ct::I32,
            8 => ct::I16,
            16 => ct::I8,
            _ => return unsupported(format!("<{n} x i1>")),
        },
        Type::Int(8) => ct::I8,
        Type::Int(16) => ct::I16,
        Type::Int(32) => ct::I32,
        Type::Int(64) | Type::Ptr => ct::I64,
        Type::Float => ct::F32,
        Type::Double => ct::F64,
        other => return unsupported(format!("vector of {other}")),
    };
    let total = lane.bits() * n;
    if *elem == Type::Int(1) || total == 128 {
        return lane.by(n).ok_or_else(|| format!("<{n} x {elem}>"));
    }
    if total < 128 && total >= 16 && total.is_power_of_two() {
        return lane.by(128 / lane.bits()).ok_or_else(|| format!("<{n} x {elem}>"));
    }
    unsupported(format!("<{n} x {elem}> (vectors wider than 128 bits)"))
}

/// Whether `ty` is a vector narrower than 128 bits (kept in the low lanes of a 128-bit register).
pub fn is_partial_vector(ty: &Type) -> bool {
    matches!(ty, Type::Vector(n, e) if **e != Type::Int(1) && u64::from(*n) * e.bit_width() < 128)
}

/// Number of lanes LLVM sees in a vector type (Cranelift's type may have more).
pub fn ir_lanes(ty: &Type) -> u32 {
    match ty {
        Type::Vector(n, _) => *n,
        _ => 1,
    }
}

/// Appends the leaf types of `ty` to `out`.
pub fn leaves(ty: &Type, out: &mut Vec<CType>) -> Result<(), Reason> {
    match ty {
        Type::Void => {}
        Type::Struct(s) => {
            for f in &s.fields {
                leaves(f, out)?;
            }
        }
        Type::Array(n, elem) => {
            if *n > 64 {
                return unsupported(format!("first-class array {ty}"));
            }
            for _ in 0..*n {
                leaves(elem, out)?;
            }
        }
        other => out.push(scalar(other)?),
    }
    Ok(())
}

/// The leaf types of `ty`.
pub fn leaf_types(ty: &Type) -> Result<Vec<CType>, Reason> {
    let mut out = Vec::new();
    leaves(ty, &mut out)?;
    Ok(out)
}

/// Each leaf of `ty` with its LLVM type and byte offset inside `ty`'s memory layout.
pub fn leaf_layout(ty: &Type, base: u64, out: &mut Vec<(Type, u64)>) {
    match ty {
        Type::Void => {}
        Type::Struct(s) => {
            for (f, off) in s.fields.iter().zip(&s.offsets) {
                leaf_layout(f, base + off, out);
            }
        }
        Type::Array(n, elem) => {
            for i in 0..*n {
                leaf_layout(elem, base + i * elem.alloc_size(), out);
            }
        }
        other => out.push((other.clone(), base)),
    }
}

/// Number of leaves of `ty`.
pub fn leaf_count(ty: &Type) -> usize {
    match ty {
        Type::Void => 0,
        Type::Struct(s) => s.fields.iter().map(leaf_count).sum(),
        Type::Array(n, elem) => *n as usize * leaf_count(elem),
        _ => 1,
    }
}

/// The range of leaves that member path `indices` of aggregate `ty` occupies, and the member's type.
pub fn member_leaves<'t>(ty: &'t Type, indices: &[u32]) -> Result<(std::ops::Range<usize>, &'t Type), Reason> {
    let mut start = 0;
    let mut cur = ty;
    for &i in indices {
        match cur {
            Type::Struct(s) => {
                let i = i as usize;
                if i >= s.fields.len() {
                    return unsupported("aggregate index out of range");
                }
                start += s.fields[..i].iter().map(leaf_count).sum::<usize>();
                cur = &s.fields[i];
            }
            Type::Array(n, elem) => {
                if u64::from(i) >= *n {
                    return unsupported("aggregate index out of range");
                }
                start += i as usize * leaf_count(elem);
                cur = elem;
            }
            _ => return unsupported("aggregate index into a scalar"),
        }
    }
    Ok((start..start + leaf_count(cur), cur))
}
