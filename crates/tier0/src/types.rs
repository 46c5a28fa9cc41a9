//! How LLVM types are represented in Cranelift: each LLVM value becomes a list of Cranelift values ("leaves").
//!
//! Scalars are one leaf: `iN` lives in the smallest of `i8 i16 i32 i64 i128` that holds it, with the bits above N
//! kept zero (`i1` is 0 or 1 in an `i8`); `float`/`double` are `f32`/`f64`; pointers are `i64`. Vectors are one or
//! more 128-bit Cranelift vectors ("chunks", see [`VectorShape`]); `<N x i1>` is a lane mask (all ones for true).
//! First-class structs and arrays are flattened into the leaves of their members, in order.

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
        // Its 80 bits in the low bits (see `translate::x86_fp80`).
        t if t.is_x86_fp80() => ct::I128,
        // In `xmm` registers, as the ABI passes them (see `translate::half` and `translate::fp128`).
        Type::Half => ct::F16,
        t if t.is_fp128() => ct::F128,
        other => return unsupported(format!("type {other} as a scalar")),
    })
}

/// Most chunks tier 0 splits one vector into (4096 bits of data).
const MAX_CHUNKS: u32 = 32;

/// How an LLVM vector type is represented: as `chunks` leaves of the 128-bit Cranelift type `chunk`, lanes in order
/// (chunk k holds lanes `k*L .. k*L+L-1`, `L` = `chunk.lane_count()`).
///
/// Vectors of at most 128 bits are one chunk; narrower ("partial") vectors such as `<2 x float>`, `<8 x i8>` or
/// `<1 x i8>` live
/// in the low lanes of it, the other lanes being don't-care (which is also how the x86-64 ABI passes them). Wider
/// vectors (`<8 x i32>`, `<4 x double>`, `<32 x i8>`, ...) are several full chunks. `<n x i1>` is a lane mask (all
/// ones for true): for `n <= 16` one chunk of `128/n`-bit lanes, for `n > 16` `n/16` chunks of `i8x16`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VectorShape {
    /// The number of lanes LLVM sees.
    pub lanes: u32,
    /// The Cranelift type of each chunk (always 128 bits).
    pub chunk: CType,
    /// The number of chunks (leaves).
    pub chunks: u32,
}

impl VectorShape {
    /// Lanes per chunk.
    pub fn per_chunk(&self) -> u32 {
        self.chunk.lane_count()
    }

    /// Bits per lane of the chunks.
    pub fn lane_bits(&self) -> u32 {
        self.chunk.lane_bits()
    }

    /// The chunk holding LLVM lane `lane`, and the lane's index inside it.
    pub fn locate(&self, lane: u32) -> (usize, u8) {
        ((lane / self.per_chunk()) as usize, (lane % self.per_chunk()) as u8)
    }

    /// How many lanes of chunk `k` LLVM sees (the last chunk of a partial vector has don't-care lanes).
    pub fn live_lanes(&self, k: usize) -> u32 {
        let start = k as u32 * self.per_chunk();
        self.lanes.saturating_sub(start).min(self.per_chunk())
    }
}

/// The lane width a lane mask `<n x i1>` uses: `128/n` bits up to 16 lanes (64 for `<1 x i1>`, which lives in the
/// low lane of an `i64x2`), bytes beyond.
pub fn mask_lane_bits(n: u32) -> Result<u32, Reason> {
    match n {
        1 => Ok(64),
        2 | 4 | 8 | 16 => Ok(128 / n),
        _ if n > 16 && n.is_multiple_of(16) && n / 16 <= MAX_CHUNKS => Ok(8),
        _ => unsupported(format!("<{n} x i1>")),
    }
}

/// The chunk shape of `<n x elem>`.
pub fn vector_shape(n: u32, elem: &Type) -> Result<VectorShape, Reason> {
    let lane = match elem {
        Type::Int(1) => {
            let bits = mask_lane_bits(n)?;
            let chunk = int_container(bits)?.by(128 / bits).ok_or_else(|| format!("<{n} x i1>"))?;
            return Ok(VectorShape { lanes: n, chunk, chunks: (n * bits).div_ceil(128) });
        }
        Type::Int(8) => ct::I8,
        Type::Int(16) => ct::I16,
        Type::Int(32) => ct::I32,
        Type::Int(64) | Type::Ptr => ct::I64,
        Type::Float => ct::F32,
        Type::Double => ct::F64,
        other => return unsupported(format!("vector of {other}")),
    };
    let total = u64::from(lane.bits()) * u64::from(n);
    let chunk = lane.by(128 / lane.bits()).ok_or_else(|| format!("<{n} x {elem}>"))?;
    let chunks = if (8..=128).contains(&total) && total.is_power_of_two() {
        1
    } else if total > 128 && total.is_multiple_of(128) && total / 128 <= u64::from(MAX_CHUNKS) {
        (total / 128) as u32
    } else {
        return unsupported(format!("<{n} x {elem}>"));
    };
    Ok(VectorShape { lanes: n, chunk, chunks })
}

/// The chunk shape of a vector type.
pub fn shape_of(ty: &Type) -> Result<VectorShape, Reason> {
    match ty {
        Type::Vector(n, elem) => vector_shape(*n, elem),
        other => unsupported(format!("{other} is not a vector")),
    }
}

/// The one Cranelift vector type for `<n x elem>` when it fits in 128 bits (see [`VectorShape`]).
pub fn vector(n: u32, elem: &Type) -> Result<CType, Reason> {
    let shape = vector_shape(n, elem)?;
    if shape.chunks != 1 {
        return unsupported(format!("<{n} x {elem}> as one value (vectors wider than 128 bits)"));
    }
    Ok(shape.chunk)
}

/// Whether `ty` is, or contains, a vector wider than 128 bits (several leaves).
pub fn has_wide_vector(ty: &Type) -> bool {
    match ty {
        Type::Vector(n, elem) => vector_shape(*n, elem).is_ok_and(|s| s.chunks > 1),
        Type::Struct(s) => s.fields.iter().any(has_wide_vector),
        Type::Array(_, elem) => has_wide_vector(elem),
        _ => false,
    }
}

/// Whether `ty` is a vector narrower than 128 bits (kept in the low lanes of a 128-bit register).
pub fn is_partial_vector(ty: &Type) -> bool {
    matches!(ty, Type::Vector(n, e) if **e != Type::Int(1) && u64::from(*n) * e.bit_width() < 128)
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
        Type::Vector(n, elem) => {
            let shape = vector_shape(*n, elem)?;
            out.extend(std::iter::repeat_n(shape.chunk, shape.chunks as usize));
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
        Type::Vector(n, elem) => match vector_shape(*n, elem) {
            // A wide vector is laid out as its 128-bit chunks, one after the other.
            Ok(shape) if shape.chunks > 1 => {
                let chunk_ty = Type::Vector(shape.per_chunk(), elem.clone());
                let stride = chunk_ty.store_size();
                for k in 0..u64::from(shape.chunks) {
                    out.push((chunk_ty.clone(), base + k * stride));
                }
            }
            _ => out.push((ty.clone(), base)),
        },
        other => out.push((other.clone(), base)),
    }
}

/// Number of leaves of `ty`.
pub fn leaf_count(ty: &Type) -> usize {
    match ty {
        Type::Void => 0,
        Type::Struct(s) => s.fields.iter().map(leaf_count).sum(),
        Type::Array(n, elem) => *n as usize * leaf_count(elem),
        Type::Vector(n, elem) => vector_shape(*n, elem).map_or(1, |s| s.chunks as usize),
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
