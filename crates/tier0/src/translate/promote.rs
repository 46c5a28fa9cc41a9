//! Locals in registers: an `alloca` of one scalar in the entry block whose address is only ever the address of
//! plain loads and stores of that scalar's type (what every local of clang -O0 code is until its address is
//! taken) becomes a Cranelift variable. Loads read the variable, stores define it, and Cranelift's SSA builder
//! places the block parameters; the frame keeps no slot for it. Where the local's address is still needed — the
//! state an OSR entry takes, which holds non-escaping locals by address — its current value is written to a
//! stack slot made for that, and the slot's address stands for it.
//!
//! A function that calls something that may return twice (`setjmp`) keeps every local in memory: a local changed
//! between the two returns must read its memory's value after the second.

use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::{InstBuilder, MemFlagsData, StackSlot, StackSlotData, StackSlotKind, Value as CValue};
use cranelift_codegen::ir::{Type as CType, types as ct};
use cranelift_frontend::Variable;
use tierlift_ir::{Const, Function, Op, Type, Value};

/// A local kept in a variable.
pub(crate) struct Promoted {
    var: Variable,
    ty: CType,
    /// The slot its value is written to when its address is needed (made then).
    slot: Option<StackSlot>,
}

/// Whether a local of type `ty` can live in a variable: a scalar Cranelift holds in one register.
fn register_type(ty: &Type) -> bool {
    matches!(ty, Type::Int(8 | 16 | 32 | 64) | Type::Ptr | Type::Float | Type::Double)
}

/// The allocas of `f` that can live in variables (see the module docs), by instruction index; none when `f` calls
/// something that may return twice (`calls_returns_twice`).
pub(crate) fn promotable(f: &Function, calls_returns_twice: bool) -> Vec<u32> {
    if calls_returns_twice {
        return Vec::new();
    }
    let mut ok: Vec<Option<Type>> = vec![None; f.insts.len()];
    for (i, inst) in f.block_insts(0) {
        if let Op::Alloca { ty, .. } = &inst.op
            && matches!(inst.operands.first(), Some(Value::Const(Const::Int(_, 1))))
            && register_type(ty)
        {
            ok[i as usize] = Some(ty.clone());
        }
    }
    let local = |v: &Value| match v {
        Value::Inst(a) => ok[*a as usize].is_some().then_some(*a as usize),
        _ => None,
    };
    let mut rejected = Vec::new();
    for inst in &f.insts {
        match &inst.op {
            Op::Load { volatile: false, atomic: false, .. } => {
                if let Some(a) = local(&inst.operands[0])
                    && ok[a].as_ref() != Some(&inst.ty)
                {
                    rejected.push(a);
                }
            }
            Op::Store { volatile: false, atomic: false, .. } => {
                // The stored value must not be a local's address; the address must be stored to with its type.
                if let Some(a) = local(&inst.operands[0]) {
                    rejected.push(a);
                }
                if let Some(a) = local(&inst.operands[1])
                    && ok[a].as_ref() != Some(&crate::translator::value_type(f, &inst.operands[0]))
                {
                    rejected.push(a);
                }
            }
            _ => rejected.extend(inst.operands.iter().filter_map(&local)),
        }
    }
    for a in rejected {
        ok[a] = None;
    }
    ok.iter().enumerate().filter(|(_, t)| t.is_some()).map(|(i, _)| i as u32).collect()
}

impl FuncTranslator<'_> {
    /// Declares a variable for each local of `allocas` (see [`promotable`]).
    pub(crate) fn promote_locals(&mut self, allocas: &[u32]) -> Result<(), crate::error::Reason> {
        for &a in allocas {
            let Op::Alloca { ty, .. } = &self.f.insts[a as usize].op else { continue };
            let ty = types::scalar(ty)?;
            let var = self.b.declare_var(ty);
            self.promoted.insert(a, Promoted { var, ty, slot: None });
        }
        Ok(())
    }

    /// Whether operand `v` is a local kept in a variable.
    pub(crate) fn is_promoted(&self, v: &Value) -> bool {
        matches!(v, Value::Inst(a) if self.promoted.contains_key(a))
    }

    /// The alloca itself: the local starts as zero (a load before any store reads an undefined value).
    pub(crate) fn define_local(&mut self, a: u32) {
        let Some(p) = self.promoted.get(&a) else { return };
        let (var, ty) = (p.var, p.ty);
        let zero = match ty {
            ct::F32 => self.b.ins().f32const(0.0),
            ct::F64 => self.b.ins().f64const(0.0),
            _ => self.b.ins().iconst(ty, 0),
        };
        self.b.def_var(var, zero);
    }

    /// A load of local `a`: its variable's value.
    pub(crate) fn read_local(&mut self, a: u32) -> CValue {
        let var = self.promoted[&a].var;
        self.b.use_var(var)
    }

    /// A store of `value` to local `a`: defines its variable.
    pub(crate) fn write_local(&mut self, a: u32, value: CValue) {
        let var = self.promoted[&a].var;
        self.b.def_var(var, value);
    }

    /// The address of local `a` holding its current value: its slot (made on first use), written now.
    pub(crate) fn local_address(&mut self, a: u32) -> CValue {
        let ty = self.promoted[&a].ty;
        let slot = match self.promoted[&a].slot {
            Some(slot) => slot,
            None => {
                let bytes = ty.bytes();
                let slot = self.b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    bytes,
                    bytes.trailing_zeros() as u8,
                ));
                if let Some(p) = self.promoted.get_mut(&a) {
                    p.slot = Some(slot);
                }
                slot
            }
        };
        let value = self.read_local(a);
        let address = self.b.ins().stack_addr(ct::I64, slot, 0);
        self.b.ins().store(MemFlagsData::trusted(), value, address, 0);
        address
    }
}
