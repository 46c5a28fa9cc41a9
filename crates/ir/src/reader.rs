//! Conversion of LLVM's in-memory IR into tierlift's owned form.

use crate::ffi::{self, B, LLVMOpcode as O, LLVMTypeKind as K, LLVMValueKind as VK, LlvmModule, T, V};
use crate::{
    BinOp, Block, BlockId, CastOp, Clause, Const, ConstExpr, FloatPredicate, Function, Inst, IntPredicate, Op,
    ParamAttrs, RmwOp, Signature, StructType, Symbol, Type, Value,
};
use inkwell::llvm_sys::{LLVMAtomicRMWBinOp as R, LLVMIntPredicate as IP, LLVMRealPredicate as RP};
use rustc_hash::FxHashMap;
use std::sync::{Arc, OnceLock};

/// Converted types by LLVM type (its address: types live as long as their module's context).
pub(crate) type TypeCache = FxHashMap<usize, Type>;

/// Reads values of one module, caching converted types.
pub(crate) struct Reader<'m> {
    pub(crate) m: &'m LlvmModule,
    pub(crate) symbols: &'m FxHashMap<usize, Symbol>,
    types: TypeCache,
    attr_kinds: &'static AttrKinds,
}

struct AttrKinds {
    zext: u32,
    sext: u32,
    byval: u32,
    sret: u32,
    unusual: [(u32, &'static str); 6],
}

impl AttrKinds {
    /// The kinds' numbers, which LLVM fixes for the process (looked up by name once).
    fn get() -> &'static AttrKinds {
        static KINDS: OnceLock<AttrKinds> = OnceLock::new();
        KINDS.get_or_init(AttrKinds::new)
    }

    fn new() -> Self {
        let names = ["inreg", "inalloca", "preallocated", "swiftself", "swifterror", "nest"];
        AttrKinds {
            zext: ffi::attr_kind("zeroext"),
            sext: ffi::attr_kind("signext"),
            byval: ffi::attr_kind("byval"),
            sret: ffi::attr_kind("sret"),
            unusual: names.map(|n| (ffi::attr_kind(n), n)),
        }
    }
}

impl<'m> Reader<'m> {
    /// A reader that starts from the types `types` holds (converted by earlier readers of the same module).
    pub(crate) fn new(m: &'m LlvmModule, symbols: &'m FxHashMap<usize, Symbol>, types: TypeCache) -> Self {
        Reader { m, symbols, types, attr_kinds: AttrKinds::get() }
    }

    /// The types converted so far, for the module's next reader.
    pub(crate) fn into_types(self) -> TypeCache {
        self.types
    }

    /// Converts a type.
    pub(crate) fn ty(&mut self, t: T<'m>) -> Type {
        if let Some(ty) = self.types.get(&t.key()) {
            return ty.clone();
        }
        let ty = match ffi::type_kind(t) {
            K::LLVMVoidTypeKind => Type::Void,
            K::LLVMIntegerTypeKind => Type::Int(ffi::int_width(t)),
            K::LLVMHalfTypeKind => Type::Half,
            K::LLVMFloatTypeKind => Type::Float,
            K::LLVMDoubleTypeKind => Type::Double,
            K::LLVMPointerTypeKind => Type::Ptr,
            K::LLVMVectorTypeKind => Type::Vector(ffi::vector_len(t), Box::new(self.ty(ffi::element_type(t)))),
            K::LLVMArrayTypeKind => Type::Array(ffi::array_len(t), Box::new(self.ty(ffi::element_type(t)))),
            K::LLVMStructTypeKind if !ffi::struct_is_opaque(t) => {
                let (fields, packed) = ffi::struct_fields(t);
                let fields: Vec<Type> = fields.into_iter().map(|f| self.ty(f)).collect();
                let (offsets, size, align) = self.m.struct_layout(t);
                Type::Struct(Arc::new(StructType { fields, offsets, size, align, packed }))
            }
            K::LLVMLabelTypeKind => Type::Label,
            K::LLVMMetadataTypeKind => Type::Metadata,
            _ => Type::Other(ffi::print_type(t)),
        };
        self.types.insert(t.key(), ty.clone());
        ty
    }

    fn param_attrs(&mut self, v: V<'m>, call: bool, index: u32) -> ParamAttrs {
        let k = self.attr_kinds;
        let (zext, sext, byval, sret, unusual) = (k.zext, k.sext, k.byval, k.sret, k.unusual);
        let byval = ffi::attribute(v, call, index, byval).map(|t| t.map(|t| self.ty(t)).unwrap_or(Type::Int(8)));
        let sret = ffi::attribute(v, call, index, sret).map(|t| t.map(|t| self.ty(t)).unwrap_or(Type::Int(8)));
        ParamAttrs {
            zext: ffi::attribute(v, call, index, zext).is_some(),
            sext: ffi::attribute(v, call, index, sext).is_some(),
            byval,
            sret,
            unusual: unusual.iter().find(|(kind, _)| ffi::attribute(v, call, index, *kind).is_some()).map(|u| u.1),
        }
    }

    /// The signature of function `f` (or of call site `f` when `call`), whose function type is `fnty`.
    pub(crate) fn signature(&mut self, f: V<'m>, call: bool, fnty: T<'m>) -> Signature {
        let (params, ret, variadic) = ffi::function_type(fnty);
        let params: Vec<Type> = params.into_iter().map(|p| self.ty(p)).collect();
        let param_attrs = (0..params.len() as u32).map(|i| self.param_attrs(f, call, i + 1)).collect();
        Signature {
            ret: self.ty(ret),
            ret_attrs: self.param_attrs(f, call, 0),
            params,
            variadic,
            param_attrs,
            call_conv: ffi::call_conv(f, call),
        }
    }

    /// Converts a constant.
    pub(crate) fn constant(&mut self, v: V<'m>) -> Result<Const, String> {
        let ty = self.ty(ffi::type_of(v));
        Ok(match ffi::value_kind(v) {
            VK::LLVMConstantIntValueKind => {
                let Type::Int(bits) = ty else {
                    return Err("integer constant of non-integer type".into());
                };
                if bits <= 64 {
                    Const::Int(bits, u128::from(ffi::const_int_u64(v)))
                } else {
                    Const::Int(bits, parse_wide_int(&ffi::print(v), bits)?)
                }
            }
            VK::LLVMConstantFPValueKind => match ty {
                Type::Float => Const::Float(ffi::const_float_bits(v)),
                Type::Double => Const::Double(ffi::const_real(v).to_bits()),
                t if t.is_x86_fp80() => Const::X86Fp80(parse_hex_float(&ffi::print(v), "0xK", 20)?),
                Type::Half => Const::Half(parse_hex_float(&ffi::print(v), "0xH", 4)? as u16),
                // Printed as its low 64 bits, then its high 64 bits.
                t if t.is_fp128() => Const::Fp128(parse_hex_float(&ffi::print(v), "0xL", 32)?.rotate_left(64)),
                other => return Err(format!("floating-point constant of type {other}")),
            },
            VK::LLVMConstantPointerNullValueKind => Const::Null,
            VK::LLVMUndefValueValueKind => Const::Undef(ty),
            VK::LLVMPoisonValueKind => Const::Poison(ty),
            VK::LLVMConstantAggregateZeroValueKind => Const::Zero(ty),
            VK::LLVMConstantDataArrayValueKind | VK::LLVMConstantDataVectorValueKind => {
                if ty.scalar() == &Type::Int(8) || matches!(&ty, Type::Array(_, e) if **e == Type::Int(8)) {
                    Const::Bytes(ty, ffi::const_string(v))
                } else {
                    let (n, elem) = match &ty {
                        Type::Array(n, e) => (*n, (**e).clone()),
                        Type::Vector(n, e) => (u64::from(*n), (**e).clone()),
                        _ => return Err("data constant of non-sequential type".into()),
                    };
                    let mut bytes = Vec::with_capacity((n * elem.alloc_size()) as usize);
                    for i in 0..n as u32 {
                        let e = ffi::aggregate_element(v, i).ok_or("missing element")?;
                        let raw: u128 = match self.constant(e)? {
                            Const::Int(_, x) => x,
                            Const::Float(b) => u128::from(b),
                            Const::Double(b) => u128::from(b),
                            Const::X86Fp80(b) | Const::Fp128(b) => b,
                            Const::Half(b) => u128::from(b),
                            other => return Err(format!("unexpected data element {other:?}")),
                        };
                        let width = elem.alloc_size() as usize;
                        bytes.extend_from_slice(&raw.to_le_bytes()[..width.min(16)]);
                    }
                    Const::Bytes(ty, bytes)
                }
            }
            VK::LLVMConstantArrayValueKind | VK::LLVMConstantStructValueKind | VK::LLVMConstantVectorValueKind => {
                let elems = ffi::operands(v).into_iter().map(|e| self.constant(e)).collect::<Result<Vec<_>, _>>()?;
                Const::Aggregate(ty, elems)
            }
            VK::LLVMConstantExprValueKind => {
                let op = self.const_expr_op(v)?;
                let operands = ffi::operands(v).into_iter().map(|e| self.constant(e)).collect::<Result<Vec<_>, _>>()?;
                Const::Expr(Box::new(ConstExpr { op, ty, operands }))
            }
            VK::LLVMFunctionValueKind | VK::LLVMGlobalVariableValueKind | VK::LLVMGlobalAliasValueKind => {
                match self.symbols.get(&v.key()) {
                    Some(s) => Const::Symbol(*s),
                    None if ffi::is_function(v) && ffi::name(v).starts_with("llvm.") => Const::Intrinsic(ffi::name(v)),
                    None => return Err(format!("reference to unknown symbol @{}", ffi::name(v))),
                }
            }
            VK::LLVMBlockAddressValueKind => {
                let (f, block) = ffi::block_address(v).ok_or("blockaddress of an unknown block")?;
                match self.symbols.get(&f.key()) {
                    Some(Symbol::Func(function)) => Const::BlockAddress { function: *function, block },
                    _ => return Err("blockaddress of a function that is not defined here".into()),
                }
            }
            VK::LLVMGlobalIFuncValueKind => return Err("ifunc".into()),
            other => return Err(format!("constant of kind {other:?}")),
        })
    }

    fn const_expr_op(&mut self, v: V<'m>) -> Result<Op, String> {
        let opc = ffi::const_opcode(v);
        Ok(match opc {
            O::LLVMGetElementPtr => Op::Gep { source: self.ty(ffi::gep_source_type(v)), inbounds: ffi::is_inbounds(v) },
            O::LLVMICmp => Op::ICmp(int_predicate(ffi::icmp_predicate(v))),
            O::LLVMFCmp => Op::FCmp(float_predicate(ffi::fcmp_predicate(v))),
            O::LLVMSelect => Op::Select,
            O::LLVMExtractElement => Op::ExtractElement,
            O::LLVMInsertElement => Op::InsertElement,
            O::LLVMShuffleVector => return Err("shufflevector constant expression".into()),
            other => match (binop(other), castop(other)) {
                (Some(b), _) => Op::Binary(b),
                (_, Some(c)) => Op::Cast(c),
                _ => return Err(format!("constant expression {other:?}")),
            },
        })
    }

    /// Converts function `f` (a definition) into owned form. Instructions tier 0 cannot model become
    /// [`Op::Unsupported`]; only constants the reader cannot represent at all give an error.
    pub(crate) fn function(&mut self, f: V<'m>, name: String, sig: Signature) -> Function {
        let blocks = ffi::blocks(f);
        let block_ids: FxHashMap<usize, BlockId> =
            blocks.iter().enumerate().map(|(i, b)| (b.key(), BlockId(i as u32))).collect();
        let args: FxHashMap<usize, u32> = ffi::params(f).iter().enumerate().map(|(i, p)| (p.key(), i as u32)).collect();
        // Number the instructions first: operands may refer to instructions later in layout order.
        let mut numbered: FxHashMap<usize, u32> = FxHashMap::default();
        let mut order: Vec<(V<'m>, usize)> = Vec::new();
        for (bi, b) in blocks.iter().enumerate() {
            for i in ffi::instructions(*b) {
                if is_debug_intrinsic(i) {
                    continue;
                }
                numbered.insert(i.key(), order.len() as u32);
                order.push((i, bi));
            }
        }
        let mut insts = Vec::with_capacity(order.len());
        let mut out_blocks = vec![Block { start: 0, end: 0 }; blocks.len()];
        for (index, &(i, bi)) in order.iter().enumerate() {
            if index == 0 || order[index - 1].1 != bi {
                out_blocks[bi].start = index as u32;
            }
            out_blocks[bi].end = index as u32 + 1;
            let inst = self.instruction(i, &block_ids, &args, &numbered).unwrap_or_else(|reason| {
                // What the analyses of a function tier 0 declines still need (liveness for the OSR states of its
                // LLVM O0 version, which values escape): the result type, and the operands that are arguments or
                // instructions.
                let operands = ffi::operands(i).into_iter().filter_map(|v| local_value(v, &args, &numbered)).collect();
                Inst {
                    op: Op::Unsupported(format!("{reason}: {}", ffi::print(i))),
                    ty: self.ty(ffi::type_of(i)),
                    operands,
                }
            });
            insts.push(inst);
        }
        Function { name, sig, blocks: out_blocks, insts }
    }

    fn operand(
        &mut self,
        v: V<'m>,
        args: &FxHashMap<usize, u32>,
        numbered: &FxHashMap<usize, u32>,
    ) -> Result<Value, String> {
        if let Some(local) = local_value(v, args, numbered) {
            return Ok(local);
        }
        match ffi::value_kind(v) {
            VK::LLVMInstructionValueKind => Err("operand defined outside the function".into()),
            VK::LLVMMetadataAsValueValueKind => Ok(Value::Const(Const::Undef(Type::Metadata))),
            VK::LLVMInlineAsmValueKind => Err("inline assembly".into()),
            _ => Ok(Value::Const(self.constant(v)?)),
        }
    }

    /// The signature a call or invoke calls with (the call site's attributes, merged with a direct callee's
    /// declared ABI attributes) and its value operands, `[args..., callee]`, given its argument operands.
    fn call_site(&mut self, i: V<'m>, args: &[V<'m>]) -> Result<(Signature, Vec<V<'m>>), String> {
        let callee = ffi::called_value(i);
        if ffi::is_inline_asm(callee) {
            return Err("inline assembly".into());
        }
        let mut sig = self.signature(i, true, ffi::called_function_type(i));
        if ffi::is_function(callee) {
            let decl = self.signature(callee, false, ffi::called_function_type(i));
            for (a, d) in sig.param_attrs.iter_mut().zip(decl.param_attrs) {
                a.zext |= d.zext;
                a.sext |= d.sext;
                if a.byval.is_none() {
                    a.byval = d.byval;
                }
                if a.sret.is_none() {
                    a.sret = d.sret;
                }
            }
            sig.ret_attrs.zext |= decl.ret_attrs.zext;
            sig.ret_attrs.sext |= decl.ret_attrs.sext;
        }
        // The variadic arguments' own attributes (a struct passed `byval`, an `i8 signext`...).
        for index in sig.params.len()..args.len() {
            let attrs = self.param_attrs(i, true, index as u32 + 1);
            sig.param_attrs.push(attrs);
        }
        let mut vs: Vec<V<'m>> = args.to_vec();
        vs.push(callee);
        Ok((sig, vs))
    }

    fn instruction(
        &mut self,
        i: V<'m>,
        block_ids: &FxHashMap<usize, BlockId>,
        args: &FxHashMap<usize, u32>,
        numbered: &FxHashMap<usize, u32>,
    ) -> Result<Inst, String> {
        let block = |b: B<'m>| block_ids.get(&b.key()).copied().ok_or_else(|| "branch to a foreign block".to_string());
        let block_of = |v: V<'m>| {
            if ffi::is_block(v) { block(ffi::value_as_block(v)) } else { Err("expected a block operand".into()) }
        };
        let ty = self.ty(ffi::type_of(i));
        let raw_ops = ffi::operands(i);
        let value_ops = |this: &mut Self, vs: &[V<'m>]| -> Result<Vec<Value>, String> {
            vs.iter().map(|v| this.operand(*v, args, numbered)).collect()
        };
        let opc = ffi::opcode(i);
        let (op, operands) = match opc {
            O::LLVMRet => (Op::Ret, value_ops(self, &raw_ops)?),
            O::LLVMBr if raw_ops.len() == 1 => (Op::Br(block_of(raw_ops[0])?), Vec::new()),
            // Conditional br operands are [cond, false, true].
            O::LLVMBr => (Op::CondBr(block_of(raw_ops[2])?, block_of(raw_ops[1])?), value_ops(self, &raw_ops[..1])?),
            O::LLVMSwitch => {
                let default = block_of(raw_ops[1])?;
                let mut cases = Vec::new();
                for pair in raw_ops[2..].chunks(2) {
                    let Const::Int(_, value) = self.constant(pair[0])? else {
                        return Err("non-integer case".into());
                    };
                    cases.push((value, block_of(pair[1])?));
                }
                (Op::Switch { default, cases }, value_ops(self, &raw_ops[..1])?)
            }
            O::LLVMIndirectBr => {
                let dests = raw_ops[1..].iter().map(|b| block_of(*b)).collect::<Result<Vec<_>, _>>()?;
                (Op::IndirectBr(dests), value_ops(self, &raw_ops[..1])?)
            }
            O::LLVMUnreachable => (Op::Unreachable, Vec::new()),
            O::LLVMFNeg => (Op::FNeg, value_ops(self, &raw_ops)?),
            O::LLVMICmp => (Op::ICmp(int_predicate(ffi::icmp_predicate(i))), value_ops(self, &raw_ops)?),
            O::LLVMFCmp => (Op::FCmp(float_predicate(ffi::fcmp_predicate(i))), value_ops(self, &raw_ops)?),
            O::LLVMSelect => (Op::Select, value_ops(self, &raw_ops)?),
            O::LLVMPHI => {
                let incoming = ffi::incoming(i);
                let blocks = incoming.iter().map(|(_, b)| block(*b)).collect::<Result<Vec<_>, _>>()?;
                let vals: Vec<V<'m>> = incoming.iter().map(|(v, _)| *v).collect();
                (Op::Phi { blocks }, value_ops(self, &vals)?)
            }
            O::LLVMAlloca => {
                let alloc_ty = self.ty(ffi::allocated_type(i));
                let align = ffi::alignment(i).max(1);
                (Op::Alloca { ty: alloc_ty, align }, value_ops(self, &raw_ops)?)
            }
            O::LLVMLoad => (
                Op::Load { align: ffi::alignment(i), volatile: ffi::is_volatile(i), atomic: ffi::is_atomic(i) },
                value_ops(self, &raw_ops)?,
            ),
            O::LLVMStore => (
                Op::Store { align: ffi::alignment(i), volatile: ffi::is_volatile(i), atomic: ffi::is_atomic(i) },
                value_ops(self, &raw_ops)?,
            ),
            O::LLVMGetElementPtr => (
                Op::Gep { source: self.ty(ffi::gep_source_type(i)), inbounds: ffi::is_inbounds(i) },
                value_ops(self, &raw_ops)?,
            ),
            O::LLVMCall => {
                let (sig, vs) = self.call_site(i, &raw_ops[..ffi::arg_count(i) as usize])?;
                let tk = ffi::tail_kind(i);
                (Op::Call { sig, tail: tk == 1 || tk == 2, musttail: tk == 2 }, value_ops(self, &vs)?)
            }
            // Operands are [args..., normal, unwind, callee].
            O::LLVMInvoke if raw_ops.len() >= 3 => {
                let n = raw_ops.len();
                let normal = block_of(raw_ops[n - 3])?;
                let unwind = block_of(raw_ops[n - 2])?;
                let (sig, vs) = self.call_site(i, &raw_ops[..n - 3])?;
                (Op::Invoke { sig, normal, unwind }, value_ops(self, &vs)?)
            }
            O::LLVMLandingPad => {
                let personality = ffi::personality_of(i).ok_or("landingpad in a function without a personality")?;
                let mut vs = vec![personality];
                let mut clauses = Vec::with_capacity(raw_ops.len());
                for c in &raw_ops {
                    if ffi::type_kind(ffi::type_of(*c)) == K::LLVMArrayTypeKind {
                        let n = u32::try_from(ffi::array_len(ffi::type_of(*c))).map_err(|_| "huge filter clause")?;
                        for k in 0..n {
                            vs.push(ffi::aggregate_element(*c, k).ok_or("unreadable filter clause")?);
                        }
                        clauses.push(Clause::Filter(n));
                    } else {
                        vs.push(*c);
                        clauses.push(Clause::Catch);
                    }
                }
                (Op::LandingPad { cleanup: ffi::is_cleanup(i), clauses }, value_ops(self, &vs)?)
            }
            O::LLVMResume => (Op::Resume, value_ops(self, &raw_ops)?),
            O::LLVMExtractValue => (Op::ExtractValue(ffi::aggregate_indices(i)), value_ops(self, &raw_ops)?),
            O::LLVMInsertValue => (Op::InsertValue(ffi::aggregate_indices(i)), value_ops(self, &raw_ops)?),
            O::LLVMExtractElement => (Op::ExtractElement, value_ops(self, &raw_ops)?),
            O::LLVMInsertElement => (Op::InsertElement, value_ops(self, &raw_ops)?),
            O::LLVMShuffleVector => (Op::ShuffleVector(ffi::shuffle_mask(i)), value_ops(self, &raw_ops[..2])?),
            O::LLVMAtomicRMW => (Op::AtomicRmw(rmw_op(ffi::rmw_op(i))), value_ops(self, &raw_ops)?),
            O::LLVMAtomicCmpXchg => (Op::CmpXchg, value_ops(self, &raw_ops)?),
            O::LLVMFence => (Op::Fence, Vec::new()),
            O::LLVMFreeze => (Op::Freeze, value_ops(self, &raw_ops)?),
            O::LLVMVAArg => (Op::VaArg, value_ops(self, &raw_ops)?),
            other => match (binop(other), castop(other)) {
                (Some(b), _) => (Op::Binary(b), value_ops(self, &raw_ops)?),
                (_, Some(c)) => (Op::Cast(c), value_ops(self, &raw_ops)?),
                _ => return Err(format!("instruction {other:?}")),
            },
        };
        Ok(Inst { op, ty, operands })
    }
}

fn is_debug_intrinsic(i: V<'_>) -> bool {
    if ffi::opcode(i) != O::LLVMCall {
        return false;
    }
    let callee = ffi::called_value(i);
    ffi::is_function(callee) && ffi::name(callee).starts_with("llvm.dbg.")
}

/// Parses the hex digits of a floating-point constant LLVM prints in hex with a prefix (`x86_fp80
/// 0xK3FFF8000000000000000`: its sign and exponent, then its significand, in 20 digits; `half 0xH3C00`; `fp128
/// 0xL...` in 32).
fn parse_hex_float(text: &str, prefix: &str, digits: usize) -> Result<u128, String> {
    let hex = text.split_whitespace().last().and_then(|w| w.strip_prefix(prefix));
    hex.filter(|h| h.len() == digits)
        .and_then(|h| u128::from_str_radix(h, 16).ok())
        .ok_or_else(|| format!("floating-point constant not in hex form: {text}"))
}

/// Parses the value of a wide integer constant from its printed form (`i128 -5`).
fn parse_wide_int(text: &str, bits: u32) -> Result<u128, String> {
    let digits = text.split_whitespace().last().ok_or("empty constant")?;
    let value = if let Some(neg) = digits.strip_prefix('-') {
        neg.parse::<u128>().map(|v| v.wrapping_neg())
    } else if digits == "true" {
        Ok(1)
    } else if digits == "false" {
        Ok(0)
    } else {
        digits.parse::<u128>()
    }
    .map_err(|_| format!("integer constant too wide: {text}"))?;
    if bits > 128 {
        return Err(format!("integer constant wider than 128 bits: {text}"));
    }
    Ok(if bits == 128 { value } else { value & ((1u128 << bits) - 1) })
}

fn binop(o: O) -> Option<BinOp> {
    Some(match o {
        O::LLVMAdd => BinOp::Add,
        O::LLVMSub => BinOp::Sub,
        O::LLVMMul => BinOp::Mul,
        O::LLVMUDiv => BinOp::UDiv,
        O::LLVMSDiv => BinOp::SDiv,
        O::LLVMURem => BinOp::URem,
        O::LLVMSRem => BinOp::SRem,
        O::LLVMShl => BinOp::Shl,
        O::LLVMLShr => BinOp::LShr,
        O::LLVMAShr => BinOp::AShr,
        O::LLVMAnd => BinOp::And,
        O::LLVMOr => BinOp::Or,
        O::LLVMXor => BinOp::Xor,
        O::LLVMFAdd => BinOp::FAdd,
        O::LLVMFSub => BinOp::FSub,
        O::LLVMFMul => BinOp::FMul,
        O::LLVMFDiv => BinOp::FDiv,
        O::LLVMFRem => BinOp::FRem,
        _ => return None,
    })
}

fn castop(o: O) -> Option<CastOp> {
    Some(match o {
        O::LLVMTrunc => CastOp::Trunc,
        O::LLVMZExt => CastOp::ZExt,
        O::LLVMSExt => CastOp::SExt,
        O::LLVMFPTrunc => CastOp::FPTrunc,
        O::LLVMFPExt => CastOp::FPExt,
        O::LLVMFPToUI => CastOp::FPToUI,
        O::LLVMFPToSI => CastOp::FPToSI,
        O::LLVMUIToFP => CastOp::UIToFP,
        O::LLVMSIToFP => CastOp::SIToFP,
        O::LLVMPtrToInt => CastOp::PtrToInt,
        O::LLVMIntToPtr => CastOp::IntToPtr,
        O::LLVMBitCast => CastOp::BitCast,
        O::LLVMAddrSpaceCast => CastOp::AddrSpaceCast,
        _ => return None,
    })
}

fn int_predicate(p: IP) -> IntPredicate {
    match p {
        IP::LLVMIntEQ => IntPredicate::Eq,
        IP::LLVMIntNE => IntPredicate::Ne,
        IP::LLVMIntUGT => IntPredicate::Ugt,
        IP::LLVMIntUGE => IntPredicate::Uge,
        IP::LLVMIntULT => IntPredicate::Ult,
        IP::LLVMIntULE => IntPredicate::Ule,
        IP::LLVMIntSGT => IntPredicate::Sgt,
        IP::LLVMIntSGE => IntPredicate::Sge,
        IP::LLVMIntSLT => IntPredicate::Slt,
        IP::LLVMIntSLE => IntPredicate::Sle,
    }
}

fn float_predicate(p: RP) -> FloatPredicate {
    match p {
        RP::LLVMRealPredicateFalse => FloatPredicate::False,
        RP::LLVMRealOEQ => FloatPredicate::Oeq,
        RP::LLVMRealOGT => FloatPredicate::Ogt,
        RP::LLVMRealOGE => FloatPredicate::Oge,
        RP::LLVMRealOLT => FloatPredicate::Olt,
        RP::LLVMRealOLE => FloatPredicate::Ole,
        RP::LLVMRealONE => FloatPredicate::One,
        RP::LLVMRealORD => FloatPredicate::Ord,
        RP::LLVMRealUNO => FloatPredicate::Uno,
        RP::LLVMRealUEQ => FloatPredicate::Ueq,
        RP::LLVMRealUGT => FloatPredicate::Ugt,
        RP::LLVMRealUGE => FloatPredicate::Uge,
        RP::LLVMRealULT => FloatPredicate::Ult,
        RP::LLVMRealULE => FloatPredicate::Ule,
        RP::LLVMRealUNE => FloatPredicate::Une,
        RP::LLVMRealPredicateTrue => FloatPredicate::True,
    }
}

fn rmw_op(r: R) -> RmwOp {
    match r {
        R::LLVMAtomicRMWBinOpXchg => RmwOp::Xchg,
        R::LLVMAtomicRMWBinOpAdd => RmwOp::Add,
        R::LLVMAtomicRMWBinOpSub => RmwOp::Sub,
        R::LLVMAtomicRMWBinOpAnd => RmwOp::And,
        R::LLVMAtomicRMWBinOpNand => RmwOp::Nand,
        R::LLVMAtomicRMWBinOpOr => RmwOp::Or,
        R::LLVMAtomicRMWBinOpXor => RmwOp::Xor,
        R::LLVMAtomicRMWBinOpMax => RmwOp::Max,
        R::LLVMAtomicRMWBinOpMin => RmwOp::Min,
        R::LLVMAtomicRMWBinOpUMax => RmwOp::UMax,
        R::LLVMAtomicRMWBinOpUMin => RmwOp::UMin,
        R::LLVMAtomicRMWBinOpFAdd => RmwOp::FAdd,
        R::LLVMAtomicRMWBinOpFSub => RmwOp::FSub,
        R::LLVMAtomicRMWBinOpFMax => RmwOp::FMax,
        R::LLVMAtomicRMWBinOpFMin => RmwOp::FMin,
        _ => RmwOp::Other,
    }
}

/// `v` as an argument or an instruction of the function being read (`None`: anything else).
fn local_value(v: V<'_>, args: &FxHashMap<usize, u32>, numbered: &FxHashMap<usize, u32>) -> Option<Value> {
    args.get(&v.key()).map(|&a| Value::Arg(a)).or_else(|| numbered.get(&v.key()).map(|&i| Value::Inst(i)))
}
