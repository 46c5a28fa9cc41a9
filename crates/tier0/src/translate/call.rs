//! Calls: to module functions through their slots (or their stubs, where the environment gives no slot),
//! to externals by address, to variadic callees through a `%al`-setting thunk, and through function pointers;
//! `invoke` as a `try_call`, and `resume`.

use crate::abi;
use crate::error::{Reason, unsupported};
use crate::intrinsics;
use crate::profile::SAMPLE_BOUND;
use crate::translator::FuncTranslator;
use crate::types;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Signature, StackSlotData, StackSlotKind};
use cranelift_codegen::ir::{BlockArg, BlockCall, ExceptionTableData, ExceptionTableItem, ExceptionTag, SigRef};
use cranelift_codegen::ir::{Value as CValue, types as ct};
use cranelift_codegen::isa::CallConv;
use tierlift_ir::{Const, Inst, Op, Type, Value};

pub(crate) fn call(t: &mut FuncTranslator<'_>, inst: &Inst) -> Result<Vec<CValue>, Reason> {
    let Op::Call { sig, musttail, .. } = &inst.op else { unreachable!("not a call") };
    let (callee, args) = inst.operands.split_last().ok_or("call without callee")?;
    if let Value::Const(Const::Intrinsic(name)) = callee {
        return intrinsics::call(t, name, inst, args);
    }
    if *musttail {
        return tail_call(t, sig, callee, args);
    }
    let (sigref, target, vals) = prepare(t, sig, callee, args, t.call_conv)?;
    let call = t.b.ins().call_indirect(sigref, target, &vals);
    let results = t.b.inst_results(call).to_vec();
    normalize_results(t, &inst.ty, results)
}

/// Whether `f` has a `musttail` call.
pub(crate) fn has_musttail(f: &tierlift_ir::Function) -> bool {
    f.insts.iter().any(|i| matches!(i.op, Op::Call { musttail: true, .. }))
}

/// A `musttail` call: the frame's leaving work (as at a `ret`), then a jump to the callee in Cranelift's `tail`
/// convention, in which the function itself was compiled (`translate`). The `ret` that follows is left out
/// ([`FuncTranslator::tail_called`]). LLVM makes the callee's prototype match the caller's, so both conventions
/// agree with the C one for it.
fn tail_call(
    t: &mut FuncTranslator<'_>,
    sig: &tierlift_ir::Signature,
    callee: &Value,
    args: &[Value],
) -> Result<Vec<CValue>, Reason> {
    if t.b.func.signature.call_conv != CallConv::Tail || !abi::tail_compatible(sig) {
        return unsupported(
            "musttail call whose arguments do not all go in registers, or whose result takes two (tier 0 \
             guarantees tail calls only where Cranelift's tail convention matches the C one)",
        );
    }
    let (sigref, target, vals) = prepare(t, sig, callee, args, CallConv::Tail)?;
    t.flush_loop_counts();
    t.dynamic_stack_epilogue();
    t.b.ins().return_call_indirect(sigref, target, &vals);
    t.tail_called = true;
    Ok(Vec::new())
}

/// `invoke`: a `try_call` whose normal return goes on at the `normal` block and whose one handler, tagged with
/// the landing pad's index in the function's [`ExceptionTable`](crate::ExceptionTable), passes the exception
/// and the selector the personality routine left in `rax` and `rdx` to the `unwind` block (a landing pad's two
/// extra parameters). Both edges pass their destination's phis on.
pub(crate) fn invoke(t: &mut FuncTranslator<'_>, inst: &Inst) -> Result<Vec<CValue>, Reason> {
    let Op::Invoke { sig, normal, unwind } = &inst.op else { unreachable!("not an invoke") };
    let (callee, args) = inst.operands.split_last().ok_or("invoke without callee")?;
    if let Value::Const(Const::Intrinsic(name)) = callee {
        return unsupported(format!("invoke of @{name}"));
    }
    let tag =
        t.f.landing_pad(unwind.0 as usize)
            .and_then(|i| t.exceptions.as_ref()?.tag_of(i))
            .ok_or("the unwind destination of an invoke does not start with a landingpad")?;
    let (sigref, target, vals) = prepare(t, sig, callee, args, t.call_conv)?;

    let returned = t.b.create_block();
    let returns: Vec<ct::Type> = t.b.func.dfg.signatures[sigref].returns.iter().map(|r| r.value_type).collect();
    for ty in &returns {
        t.b.append_block_param(returned, *ty);
    }
    let caught = t.b.create_block();
    t.b.set_cold_block(caught);
    t.b.append_block_param(caught, ct::I64);
    t.b.append_block_param(caught, ct::I64);
    let pool = &mut t.b.func.dfg.value_lists;
    let normal_call = BlockCall::new(returned, (0..returns.len() as u32).map(BlockArg::TryCallRet), pool);
    let handler = BlockCall::new(caught, [BlockArg::TryCallExn(0), BlockArg::TryCallExn(1)], pool);
    let item = ExceptionTableItem::Tag(ExceptionTag::from_u32(tag), handler);
    let table = t.b.func.dfg.exception_tables.push(ExceptionTableData::new(sigref, normal_call, [item]));
    t.b.ins().try_call_indirect(target, &vals, table);

    t.b.switch_to_block(caught);
    let params = t.b.block_params(caught).to_vec();
    let selector = t.b.ins().ireduce(ct::I32, params[1]);
    let mut pad_args = t.edge_args(*unwind)?;
    pad_args.extend([BlockArg::Value(params[0]), BlockArg::Value(selector)]);
    t.move_loop_counts(*unwind);
    let pad_block = t.block(*unwind);
    t.b.ins().jump(pad_block, &pad_args);

    t.b.switch_to_block(returned);
    let results = t.b.block_params(returned).to_vec();
    let results = normalize_results(t, &inst.ty, results)?;
    if inst.ty != Type::Void {
        // The normal destination's phis may take the result.
        t.vals[t.cur as usize] = Some(results.clone());
    }
    let normal_args = t.edge_args(*normal)?;
    t.move_loop_counts(*normal);
    let normal_block = t.block(*normal);
    t.b.ins().jump(normal_block, &normal_args);
    Ok(results)
}

/// `resume`: rethrows the exception a landing pad received (`_Unwind_Resume` does not return).
pub(crate) fn resume(t: &mut FuncTranslator<'_>, inst: &Inst) -> Result<(), Reason> {
    let exception = *t.get(&inst.operands[0])?.first().ok_or("resume without an exception")?;
    t.flush_loop_counts();
    crate::translate::arith::libcall(t, "_Unwind_Resume", &[exception], ct::I64)?;
    t.trap();
    Ok(())
}

/// The signature (in `call_conv`), target and arguments of a call to `callee` with `sig`: a module function
/// through its slot, an external at its address, a variadic callee through a thunk that sets `%al`, a function
/// pointer as it is (its target sampled when the profile says so), or, variadic, through a thunk that takes it
/// as one more argument.
fn prepare(
    t: &mut FuncTranslator<'_>,
    sig: &tierlift_ir::Signature,
    callee: &Value,
    args: &[Value],
    call_conv: CallConv,
) -> Result<(SigRef, CValue, Vec<CValue>), Reason> {
    let (mut csig, mut sources) = abi::lower_with_sources(sig, call_conv)?;
    if sig.variadic {
        for (i, a) in args.iter().enumerate().skip(sig.params.len()) {
            let ty = t.ty_of(a);
            if matches!(ty, Type::Struct(_) | Type::Array(..)) {
                return unsupported("aggregate passed to a variadic function");
            }
            let attrs = sig.param_attrs.get(i).cloned().unwrap_or_default();
            abi::push_param(&mut csig.params, &mut sources, i, &ty, &attrs)?;
        }
    }
    let mut extra = None;
    let target = match callee {
        Value::Const(Const::Symbol(s)) => match t.env.slot_address(*s).filter(|_| !sig.variadic) {
            // The code the slot holds now: one indirect call, where the stub would add a jump through the slot.
            Some(slot) => {
                let slot = t.b.ins().iconst(ct::I64, slot as i64);
                t.b.ins().load(ct::I64, MemFlagsData::trusted(), slot, 0)
            }
            None => {
                let mut addr = t.env.symbol_address(*s).ok_or_else(|| format!("address of {s:?} is unknown"))?;
                if sig.variadic {
                    addr = t.env.vararg_thunk(addr).ok_or("no thunk for a variadic call")?;
                }
                t.b.ins().iconst(ct::I64, addr as i64)
            }
        },
        other => {
            if !t.profile.as_ref().is_some_and(|p| p.sampled_early(t.cur)) {
                sample_target(t, t.cur, other)?;
            }
            let pointer = t.get1(other)?;
            if sig.variadic {
                // The pointer goes along as one more argument, to a thunk that sets `%al` and jumps to it.
                let carrier = abi::spare_argument(&csig.params);
                let thunk = t.env.vararg_jump(carrier).ok_or("no thunk for a variadic call through a pointer")?;
                let mut pass = pointer;
                if let crate::Carrier::FloatRegister(_) = carrier {
                    csig.params.push(AbiParam::new(ct::F64));
                    pass = t.b.ins().bitcast(ct::F64, crate::translate::chunks::le(), pointer);
                } else {
                    csig.params.push(AbiParam::new(ct::I64));
                }
                extra = Some(pass);
                t.b.ins().iconst(ct::I64, thunk as i64)
            } else {
                pointer
            }
        }
    };
    let mut vals = Vec::with_capacity(sources.len() + 1);
    for source in sources {
        let abi::ParamSource::Arg(i) = source else {
            // Padding: any eight readable bytes (the saved frame pointer's).
            vals.push(t.b.ins().get_frame_pointer(ct::I64));
            continue;
        };
        let a = args.get(i).ok_or("call with fewer arguments than its signature")?;
        let v = t.get1(a)?;
        vals.push(match sig.param_attrs.get(i).and_then(|attrs| attrs.byval.as_ref()) {
            Some(ty) if ty.alloc_size() % 8 != 0 => byval_copy(t, v, ty.alloc_size())?,
            _ if t.ty_of(a).is_x86_fp80() => in_memory(t, v),
            _ => v,
        });
    }
    vals.extend(extra);
    Ok((t.b.import_signature(csig), target, vals))
}

/// Samples the target of indirect call `call`, whose callee is `callee`: when the call's key says so (see
/// [`crate::profile`]), on a cold path, a target equal to the site's first one counts there inline and any other
/// goes to the miss routine, which keeps the site's most frequent targets. A call that is not sampled costs a
/// compare and a branch.
pub(crate) fn sample_target(t: &mut FuncTranslator<'_>, call: u32, callee: &Value) -> Result<(), Reason> {
    let Some(p) = t.profile.as_ref() else { return Ok(()) };
    let (Some((site, crate::profile::SiteKind::IndirectCall)), Some(key)) = (p.site(call), p.sample_key(call)) else {
        return Ok(());
    };
    let miss = p.indirect_call_miss;
    let target = t.get1(callee)?;
    let sampled = t.b.ins().icmp_imm_u(IntCC::UnsignedLessThan, key, i64::from(SAMPLE_BOUND));
    let (sample_block, done) = (t.b.create_block(), t.b.create_block());
    t.b.set_cold_block(sample_block);
    t.b.ins().brif(sampled, sample_block, &[], done, &[]);
    t.b.switch_to_block(sample_block);
    let first_target = t.b.ins().iconst(ct::I64, site as i64);
    let first = t.b.ins().load(ct::I64, MemFlagsData::trusted(), first_target, 0);
    let hit = t.b.ins().icmp(IntCC::Equal, target, first);
    let (hit_block, miss_block) = (t.b.create_block(), t.b.create_block());
    t.b.set_cold_block(hit_block);
    t.b.set_cold_block(miss_block);
    t.b.ins().brif(hit, hit_block, &[], miss_block, &[]);
    t.b.switch_to_block(hit_block);
    t.bump(first_target, 8);
    t.b.ins().jump(done, &[]);
    t.b.switch_to_block(miss_block);
    // The routine preserves every register: values live across the call site stay where they are.
    let mut sig = Signature::new(CallConv::PreserveAll);
    sig.params.push(AbiParam::new(ct::I64));
    sig.params.push(AbiParam::new(ct::I64));
    let sigref = t.b.import_signature(sig);
    let routine = t.b.ins().iconst(ct::I64, miss as i64);
    // Copies made here: the routine's fixed argument registers then constrain these copies only, not the
    // callee and the site's address that the hot path holds in registers of its choice.
    let site_arg = t.b.ins().iconst(ct::I64, site as i64);
    let target_arg = t.b.ins().bor_imm_s(target, 0);
    t.b.ins().call_indirect(sigref, routine, &[site_arg, target_arg]);
    t.b.ins().jump(done, &[]);
    t.b.switch_to_block(done);
    Ok(())
}

/// A copy of the `size` bytes at `src` in a slot of the frame whose size is rounded up to a multiple of 8, for a
/// `byval` argument: the call copies whole eightbytes into the argument area, which read from the object itself
/// could run past its end (into an unmapped page).
fn byval_copy(t: &mut FuncTranslator<'_>, src: CValue, size: u64) -> Result<CValue, Reason> {
    let rounded = u32::try_from(size.next_multiple_of(8)).map_err(|_| "huge byval".to_string())?;
    let slot = t.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, rounded, 3));
    let dst = t.b.ins().stack_addr(ct::I64, slot, 0);
    if size > 64 {
        let n = t.b.ins().iconst(ct::I64, size as i64);
        crate::translate::arith::libcall(t, "memcpy", &[dst, src, n], ct::I64)?;
        return Ok(dst);
    }
    let mut at = 0;
    for (width, ty) in [(8, ct::I64), (4, ct::I32), (2, ct::I16), (1, ct::I8)] {
        while size - at >= width {
            let v = t.b.ins().load(ty, MemFlagsData::new(), src, at as i32);
            t.b.ins().store(MemFlagsData::trusted(), v, dst, at as i32);
            at += width;
        }
    }
    Ok(dst)
}

/// An `x86_fp80` argument's copy in a frame slot, which the call copies into the argument area.
fn in_memory(t: &mut FuncTranslator<'_>, v: CValue) -> CValue {
    let slot = t.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 16, 4));
    let addr = t.b.ins().stack_addr(ct::I64, slot, 0);
    crate::translate::x86_fp80::store(t, v, addr, 0);
    addr
}

/// The results of a call that came back: odd-width integers (and `i1`) masked, an `x86_fp80` taken from `st(0)`.
pub(crate) fn normalize_results(
    t: &mut FuncTranslator<'_>,
    ty: &Type,
    results: Vec<CValue>,
) -> Result<Vec<CValue>, Reason> {
    if let Some(n) = crate::translate::x86_fp80::returned_in_x87(ty) {
        return crate::translate::x86_fp80::take_results(t, n);
    }
    let mut layout = Vec::new();
    types::leaf_layout(ty, 0, &mut layout);
    if layout.len() != results.len() {
        return Ok(results);
    }
    Ok(results.into_iter().zip(layout).map(|(v, (lty, _))| t.normalize(&lty, v)).collect())
}

#[cfg(test)]
mod tests {
    use crate::FuncEnv;
    use cranelift_codegen::ir::Function as ClifFunction;
    use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
    use cranelift_frontend::FunctionBuilderContext;
    use tierlift_ir::{FuncId, Module, Symbol};

    /// Every callee's stub at 0x1000 (4096), its slot at 0x2000 (8192) when `slots`, its `%al` thunk 0x100 after
    /// its stub (4352).
    struct Env {
        slots: bool,
    }

    impl FuncEnv for Env {
        fn symbol_address(&self, _: Symbol) -> Option<u64> {
            Some(0x1000)
        }
        fn slot_address(&self, _: Symbol) -> Option<u64> {
            self.slots.then_some(0x2000)
        }
        fn vararg_thunk(&self, target: u64) -> Option<u64> {
            Some(target + 0x100)
        }
        fn libcall(&self, _: &str) -> Option<u64> {
            None
        }
    }

    fn clif(env: &Env, function: u32) -> String {
        let m = Module::parse(
            b"declare i64 @callee(i64)
declare i32 @variadic(i32, ...)
define i64 @direct(i64 %x) {
  %r = call i64 @callee(i64 %x)
  ret i64 %r
}
define i32 @through_thunk(i32 %x) {
  %r = call i32 (i32, ...) @variadic(i32 %x, i32 1)
  ret i32 %r
}
",
        )
        .unwrap();
        let body = m.function(FuncId(function));
        let mut out = ClifFunction::new();
        let config = TargetFrontendConfig {
            default_call_conv: CallConv::SystemV,
            pointer_width: target_lexicon::PointerWidth::U64,
            page_size_align_log2: 12,
        };
        crate::translate(&body, env, config, None, &mut out, &mut FunctionBuilderContext::new()).unwrap();
        out.display().to_string()
    }

    #[test]
    fn a_direct_call_loads_the_callee_s_slot_when_the_environment_gives_one() {
        let with_slot = clif(&Env { slots: true }, 0);
        assert!(with_slot.contains("iconst.i64 8192") && with_slot.contains("load.i64"), "{with_slot}");
        assert!(!with_slot.contains("4096"), "{with_slot}");
        let with_stub = clif(&Env { slots: false }, 0);
        assert!(with_stub.contains("iconst.i64 4096") && !with_stub.contains("load"), "{with_stub}");
        // A variadic callee is reached through the thunk that sets `%al`, which jumps to the stub.
        let variadic = clif(&Env { slots: true }, 1);
        assert!(variadic.contains("iconst.i64 4352") && !variadic.contains("8192"), "{variadic}");
    }
}
