//! Lowering of constants (global initializers) to bytes plus relocations.

use crate::{CastOp, Const, ConstExpr, Op, Symbol, Type};

/// A pointer-sized field of an initializer that must hold `address(symbol) + addend`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reloc {
    /// Byte offset in the initializer.
    pub offset: u64,
    /// The symbol whose address is stored.
    pub symbol: Symbol,
    /// Added to the address.
    pub addend: i64,
}

/// A constant folded as far as load time allows: a number or a symbol's address plus an offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folded {
    /// A plain integer (or pointer) value.
    Int(u128),
    /// `address(symbol) + offset`.
    Addr(Symbol, i64),
}

/// Writes `c` (of type `ty`) into `out` (at least `ty.alloc_size()` bytes) and records its relocations, with
/// offsets relative to the start of `out` plus `base`. `address` gives symbol addresses where a constant needs
/// them as numbers (differences of two symbols' addresses, as in relative lookup tables).
pub fn lower_initializer(
    c: &Const,
    ty: &Type,
    out: &mut [u8],
    base: u64,
    relocs: &mut Vec<Reloc>,
    address: &dyn Fn(Symbol) -> Option<u64>,
) -> Result<(), String> {
    match c {
        Const::Null | Const::Undef(_) | Const::Poison(_) | Const::Zero(_) => {}
        Const::Int(..)
        | Const::Expr(_)
        | Const::Symbol(_)
        | Const::Float(_)
        | Const::Double(_)
        | Const::X86Fp80(_)
        | Const::Half(_)
        | Const::Fp128(_)
        | Const::BlockAddress { .. } => match fold(c, address)? {
            Folded::Int(v) => {
                let n = ty.store_size() as usize;
                let bytes = v.to_le_bytes();
                out[..n.min(16)].copy_from_slice(&bytes[..n.min(16)]);
            }
            Folded::Addr(symbol, addend) => relocs.push(Reloc { offset: base, symbol, addend }),
        },
        Const::Bytes(_, data) => {
            let n = data.len().min(out.len());
            out[..n].copy_from_slice(&data[..n]);
        }
        Const::Aggregate(aty, elems) => {
            for (i, e) in elems.iter().enumerate() {
                let (ety, off) = aty.member(i as u64).ok_or("aggregate constant has too many elements")?;
                let off_us = off as usize;
                lower_initializer(e, ety, &mut out[off_us..], base + off, relocs, address)?;
            }
        }
        Const::Intrinsic(name) => return Err(format!("address of intrinsic {name}")),
    }
    Ok(())
}

/// Folds a scalar constant (integer, float bits, pointer, constant expression) to a number or an address.
pub fn fold(c: &Const, address: &dyn Fn(Symbol) -> Option<u64>) -> Result<Folded, String> {
    Ok(match c {
        Const::Int(bits, v) => Folded::Int(mask(*v, *bits)),
        Const::Float(b) => Folded::Int(u128::from(*b)),
        Const::Double(b) => Folded::Int(u128::from(*b)),
        Const::X86Fp80(b) | Const::Fp128(b) => Folded::Int(*b),
        Const::Half(b) => Folded::Int(u128::from(*b)),
        Const::Null | Const::Undef(_) | Const::Poison(_) | Const::Zero(_) => Folded::Int(0),
        Const::Symbol(s) => Folded::Addr(*s, 0),
        Const::BlockAddress { block, .. } => Folded::Int(u128::from(crate::block_label(*block))),
        Const::Expr(e) => fold_expr(e, address)?,
        other => return Err(format!("cannot fold constant {other:?}")),
    })
}

fn mask(v: u128, bits: u32) -> u128 {
    if bits >= 128 { v } else { v & ((1u128 << bits) - 1) }
}

fn sign_extend(v: u128, bits: u32) -> i128 {
    if bits == 0 || bits >= 128 {
        return v as i128;
    }
    let shift = 128 - bits;
    ((v << shift) as i128) >> shift
}

fn int_bits(c: &Const) -> u32 {
    match c {
        Const::Int(b, _) => *b,
        _ => 64,
    }
}

fn fold_expr(e: &ConstExpr, address: &dyn Fn(Symbol) -> Option<u64>) -> Result<Folded, String> {
    let arg = |i: usize| e.operands.get(i).ok_or_else(|| "constant expression operand missing".to_string());
    match &e.op {
        Op::Gep { source, .. } => {
            let base = fold(arg(0)?, address)?;
            let mut indices = Vec::new();
            for idx in &e.operands[1..] {
                match fold(idx, address)? {
                    Folded::Int(v) => indices.push(sign_extend(v, int_bits(idx)) as i64),
                    Folded::Addr(..) => return Err("symbolic GEP index".into()),
                }
            }
            let off = gep_offset(source, &indices).ok_or("GEP index out of its type")?;
            Ok(match base {
                Folded::Int(v) => Folded::Int((v as i128 + i128::from(off)) as u128 & u128::from(u64::MAX)),
                Folded::Addr(s, a) => Folded::Addr(s, a + off),
            })
        }
        Op::Cast(CastOp::PtrToInt | CastOp::IntToPtr | CastOp::BitCast | CastOp::AddrSpaceCast) => {
            let v = fold(arg(0)?, address)?;
            Ok(match (v, &e.ty) {
                (Folded::Int(x), Type::Int(bits)) => Folded::Int(mask(x, *bits)),
                (v, _) => v,
            })
        }
        Op::Cast(CastOp::Trunc | CastOp::ZExt | CastOp::SExt) => match (fold(arg(0)?, address)?, &e.ty) {
            (Folded::Int(x), Type::Int(bits)) => {
                let from = int_bits(arg(0)?);
                let v = if matches!(e.op, Op::Cast(CastOp::SExt)) { sign_extend(x, from) as u128 } else { x };
                Ok(Folded::Int(mask(v, *bits)))
            }
            _ => Err("integer cast of an address in a constant".into()),
        },
        Op::Binary(op) => {
            let (a, b) = (fold(arg(0)?, address)?, fold(arg(1)?, address)?);
            let bits = match &e.ty {
                Type::Int(b) => *b,
                _ => 64,
            };
            use crate::BinOp::*;
            Ok(match (op, a, b) {
                (Add, Folded::Int(x), Folded::Int(y)) => Folded::Int(mask(x.wrapping_add(y), bits)),
                (Sub, Folded::Int(x), Folded::Int(y)) => Folded::Int(mask(x.wrapping_sub(y), bits)),
                (Mul, Folded::Int(x), Folded::Int(y)) => Folded::Int(mask(x.wrapping_mul(y), bits)),
                (And, Folded::Int(x), Folded::Int(y)) => Folded::Int(x & y),
                (Or, Folded::Int(x), Folded::Int(y)) => Folded::Int(x | y),
                (Xor, Folded::Int(x), Folded::Int(y)) => Folded::Int(x ^ y),
                (Add, Folded::Addr(s, o), Folded::Int(y)) | (Add, Folded::Int(y), Folded::Addr(s, o)) => {
                    Folded::Addr(s, o.wrapping_add(y as i64))
                }
                (Sub, Folded::Addr(s, o), Folded::Int(y)) => Folded::Addr(s, o.wrapping_sub(y as i64)),
                (Sub, Folded::Addr(s1, o1), Folded::Addr(s2, o2)) if s1 == s2 => {
                    Folded::Int(mask(o1.wrapping_sub(o2) as u128, bits))
                }
                (Sub, Folded::Addr(s1, o1), Folded::Addr(s2, o2)) => {
                    let (a1, a2) = (address(s1).ok_or("unknown address")?, address(s2).ok_or("unknown address")?);
                    let d = (a1.wrapping_add(o1 as u64)).wrapping_sub(a2.wrapping_add(o2 as u64));
                    Folded::Int(mask(u128::from(d), bits))
                }
                _ => return Err(format!("constant expression {op:?} on addresses")),
            })
        }
        other => Err(format!("constant expression {other:?} in an initializer")),
    }
}

/// Byte offset of a GEP with constant indices over `source`.
pub fn gep_offset(source: &Type, indices: &[i64]) -> Option<i64> {
    let (first, rest) = indices.split_first()?;
    let mut off = first.wrapping_mul(source.alloc_size() as i64);
    let mut ty = source;
    for &i in rest {
        match ty {
            Type::Struct(s) => {
                let idx = usize::try_from(i).ok()?;
                off += *s.offsets.get(idx)? as i64;
                ty = s.fields.get(idx)?;
            }
            Type::Array(_, e) | Type::Vector(_, e) => {
                off = off.wrapping_add(i.wrapping_mul(e.alloc_size() as i64));
                ty = e;
            }
            _ => return None,
        }
    }
    Some(off)
}
