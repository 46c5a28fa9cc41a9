//! Materializing constants (including constant expressions) as Cranelift values.

use crate::error::{Reason, unsupported};
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::immediates::{Ieee16, Ieee32, Ieee64};
use cranelift_codegen::ir::{ConstantData, InstBuilder, Type as CType, Value as CValue, types as ct};
use tierlift_ir::{Const, Type, Value};

impl FuncTranslator<'_> {
    /// The leaves of a constant.
    pub(crate) fn constant(&mut self, c: &Const) -> Result<Vec<CValue>, Reason> {
        Ok(match c {
            Const::Int(bits, v) => vec![self.iconst(types::int_container(*bits)?, *v)],
            Const::Float(b) => vec![self.b.ins().f32const(Ieee32::with_bits(*b))],
            Const::Double(b) => vec![self.b.ins().f64const(Ieee64::with_bits(*b))],
            Const::X86Fp80(b) => vec![self.iconst(ct::I128, *b)],
            Const::Half(b) => vec![self.b.ins().f16const(Ieee16::with_bits(*b))],
            Const::Fp128(b) => {
                let bits = self.iconst(ct::I128, *b);
                vec![self.b.ins().bitcast(ct::F128, crate::translate::chunks::le(), bits)]
            }
            Const::Null => vec![self.b.ins().iconst(ct::I64, 0)],
            Const::Undef(t) | Const::Poison(t) | Const::Zero(t) => {
                let leaves = types::leaf_types(t)?;
                leaves.into_iter().map(|lt| self.zero(lt)).collect()
            }
            Const::Symbol(s) => {
                let addr = self.env.symbol_address(*s).ok_or_else(|| format!("address of {s:?} is unknown"))?;
                if let Some(routine) = self.env.thread_local_routine(*s) {
                    // Used directly (without llvm.threadlocal.address): the calling thread's copy all the same.
                    let control = self.b.ins().iconst(ct::I64, addr as i64);
                    return Ok(vec![crate::translate::arith::libcall(self, routine, &[control], ct::I64)?]);
                }
                vec![self.b.ins().iconst(ct::I64, addr as i64)]
            }
            Const::Intrinsic(name) => return unsupported(format!("address of intrinsic @{name}")),
            Const::BlockAddress { block, .. } => {
                vec![self.b.ins().iconst(ct::I64, tierlift_ir::block_label(*block) as i64)]
            }
            Const::Bytes(t, data) => self.bytes(t, data)?,
            Const::Aggregate(t, elems) => match t {
                Type::Vector(_, elem) => self.vector_constant(t, elem, elems)?,
                _ => {
                    let mut out = Vec::new();
                    for e in elems {
                        out.extend(self.constant(e)?);
                    }
                    out
                }
            },
            Const::Expr(e) => {
                let ops: Vec<Value> = e.operands.iter().cloned().map(Value::Const).collect();
                self.pure(&e.op, &e.ty, &ops)?
            }
        })
    }

    /// Zero of a leaf type.
    pub(crate) fn zero(&mut self, t: CType) -> CValue {
        if t.is_vector() {
            let c = self.b.func.dfg.constants.insert(ConstantData::from(vec![0u8; 16]));
            self.b.ins().vconst(t, c)
        } else if t == ct::F32 {
            self.b.ins().f32const(Ieee32::with_bits(0))
        } else if t == ct::F64 {
            self.b.ins().f64const(Ieee64::with_bits(0))
        } else if t == ct::F16 {
            self.b.ins().f16const(Ieee16::with_bits(0))
        } else if t == ct::F128 {
            let bits = self.iconst(ct::I128, 0);
            self.b.ins().bitcast(ct::F128, crate::translate::chunks::le(), bits)
        } else {
            self.iconst(t, 0)
        }
    }

    fn bytes(&mut self, t: &Type, data: &[u8]) -> Result<Vec<CValue>, Reason> {
        match t {
            Type::Vector(..) => {
                // Chunk k is bytes 16k..16k+16 (the last one of a partial vector padded with zeros).
                let shape = types::shape_of(t)?;
                let mut out = Vec::with_capacity(shape.chunks as usize);
                for k in 0..shape.chunks as usize {
                    let mut buf = data.get(16 * k..).unwrap_or_default().to_vec();
                    buf.resize(16, 0);
                    let c = self.b.func.dfg.constants.insert(ConstantData::from(buf));
                    out.push(self.b.ins().vconst(shape.chunk, c));
                }
                Ok(out)
            }
            Type::Array(n, elem) if elem.is_int() || elem.is_float() => {
                let w = elem.alloc_size() as usize;
                let mut out = Vec::new();
                for i in 0..*n as usize {
                    let mut raw = [0u8; 16];
                    raw[..w].copy_from_slice(&data[i * w..(i + 1) * w]);
                    let v = u128::from_le_bytes(raw);
                    let leaf = match elem.as_ref() {
                        Type::Float => Const::Float(v as u32),
                        Type::Double => Const::Double(v as u64),
                        Type::Int(b) => Const::Int(*b, v),
                        _ => unreachable!(),
                    };
                    out.extend(self.constant(&leaf)?);
                }
                Ok(out)
            }
            other => unsupported(format!("data constant of type {other}")),
        }
    }

    /// The chunks of a vector constant given lane by lane; lanes that are not plain numbers (constant
    /// expressions) are inserted at run time.
    fn vector_constant(&mut self, t: &Type, elem: &Type, elems: &[Const]) -> Result<Vec<CValue>, Reason> {
        let shape = types::shape_of(t)?;
        let lane_bytes = (shape.lane_bits() / 8) as usize;
        let mask_lanes = *elem == Type::Int(1);
        let mut bytes = vec![0u8; 16 * shape.chunks as usize];
        let mut dynamic = Vec::new();
        for (i, e) in elems.iter().enumerate() {
            let raw: Option<u128> = match e {
                Const::Int(_, v) if mask_lanes => Some(if *v & 1 == 1 { u128::MAX } else { 0 }),
                Const::Int(_, v) => Some(*v),
                Const::Float(b) => Some(u128::from(*b)),
                Const::Double(b) => Some(u128::from(*b)),
                Const::Null | Const::Undef(_) | Const::Poison(_) | Const::Zero(_) => Some(0),
                _ => None,
            };
            match raw {
                Some(v) => bytes[i * lane_bytes..(i + 1) * lane_bytes].copy_from_slice(&v.to_le_bytes()[..lane_bytes]),
                None => dynamic.push((i, e)),
            }
        }
        let mut out = Vec::with_capacity(shape.chunks as usize);
        for chunk in bytes.chunks(16) {
            let c = self.b.func.dfg.constants.insert(ConstantData::from(chunk.to_vec()));
            out.push(self.b.ins().vconst(shape.chunk, c));
        }
        for (i, e) in dynamic {
            let x = self.constant(e)?;
            let &[mut x] = x.as_slice() else {
                return unsupported("aggregate inside a vector constant");
            };
            if mask_lanes {
                // 0/1 becomes an all-zeros or all-ones lane.
                let lane = shape.chunk.lane_type();
                let wide = if lane == ct::I8 { x } else { self.b.ins().uextend(lane, x) };
                x = self.b.ins().ineg(wide);
            }
            crate::translate::chunks::insert_lane(self, &mut out, shape, i as u32, x);
        }
        Ok(out)
    }
}
