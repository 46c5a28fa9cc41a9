//! The per-function translation context: block map, value map, and the walk over the function.

use crate::FuncEnv;
use crate::abi;
use crate::error::{Error, Reason, Result, unsupported};
use crate::exceptions::ExceptionTable;
use crate::types;
use cranelift_codegen::ir::{
    self, AbiParam, BlockArg, Function as ClifFunction, InstBuilder, MemFlagsData, Signature as CSig, TrapCode,
    Type as CType, UserFuncName, Value as CValue, types as ct,
};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use tierlift_ir::{BlockId, Const, Function, Inst, Op, Type, Value};

/// Addresses of the counters tier-0 code updates, and the hook it calls when one reaches its threshold.
#[derive(Clone, Debug)]
pub struct Instrumentation {
    /// The function's entry counter (u64).
    pub entry_counter: u64,
    /// The function's entry threshold (u64): reaching it calls the hook with loop index 0.
    pub entry_threshold: u64,
    /// Whether the code counts its calls itself. When calls are counted before the code is reached (a counting
    /// entry in front of it), the code only reads the entry counter, where indirect-call sampling needs it.
    pub count_entry: bool,
    /// One record per loop header, in the order [`loop_headers`] gives: four u64 words — the back-edge counter,
    /// the threshold it is compared with, the address of the loop's OSR entry (0 until one is installed) and the
    /// number of OSR entries taken.
    pub loop_records: Vec<u64>,
    /// Per loop (same order), the state handed to an OSR entry: a loop with one checks for an installed entry
    /// when its counter reaches its threshold (see [`crate::osr::osr_states`]). Empty: no OSR sites.
    pub osr_states: Vec<Option<Vec<crate::osr::StateValue>>>,
    /// Which loops count their visits in the frame and add them to their counters in batches (see
    /// `loop_counts.rs`; meant for innermost loops, where a count per visit costs most) rather than counting each
    /// visit in memory. Loops it does not list count in memory.
    pub batches: std::sync::Arc<crate::loop_counts::LoopBatches>,
    /// The hotness hook, `fn(func_index: u32, loop_index: u32)` with Cranelift's `preserve_all` convention (it
    /// must save every register it uses); loop indices start at 1.
    pub hook: u64,
    /// Ends a batch of loop visits counted in the frame, `fn(record: u64, batch: u64, func_index: u32,
    /// loop_index: u32)` with Cranelift's `preserve_all` convention: adds the visits the u64 at `batch` holds to
    /// the record's counter, calls the hook at the threshold, and writes the next batch's visits (at least 1, at
    /// most [`MAX_BATCH`](crate::MAX_BATCH)) to the u64 at `batch`, with bit 63 set when the hook ran.
    pub loop_batch: u64,
    /// Passed to the hook.
    pub func_index: u32,
    /// Where branch, switch and indirect-call counts go (`None`: not profiled).
    pub profile: Option<crate::profile::ProfileProbe>,
}

/// Translates `func` into `out` (whose signature is set here) for the target described by `config`. Returns the
/// function's landing pads, if it has any: the `try_call`s of its `invoke`s are tagged with their landing pad's
/// index there, and the code's unwind information needs the table's LSDA (see [`ExceptionTable::lsda`]).
pub fn translate(
    func: &Function,
    env: &dyn FuncEnv,
    config: TargetFrontendConfig,
    instr: Option<&Instrumentation>,
    out: &mut ClifFunction,
    fctx: &mut FunctionBuilderContext,
) -> Result<Option<ExceptionTable>> {
    let call_conv = config.default_call_conv;
    let fail = |inst: String, reason: Reason| Error::Unsupported { function: func.name.clone(), inst, reason };
    // A function with `musttail` calls is compiled in Cranelift's `tail` convention, which guarantees them, when
    // its callers cannot tell it from the C one (see `abi::tail_compatible`).
    let own_conv = if crate::translate::call::has_musttail(func) && abi::tail_compatible(&func.sig) {
        CallConv::Tail
    } else {
        call_conv
    };
    let (mut sig, param_sources) =
        abi::lower_with_sources(&func.sig, own_conv).map_err(|r| fail("signature".into(), r))?;
    if func.sig.variadic {
        crate::translate::varargs::extend_signature(&func.sig, &mut sig).map_err(|r| fail("signature".into(), r))?;
    }
    out.signature = sig;
    out.name = UserFuncName::testcase(&func.name);
    let mut t = FuncTranslator::new(func, env, call_conv, FunctionBuilder::new(out, fctx));
    t.param_sources = param_sources;
    let result = t.run(instr);
    match result {
        Ok(()) => {
            t.b.seal_all_blocks();
            t.b.finalize(config);
            Ok(t.exceptions)
        }
        Err(reason) => {
            let inst = func.insts.get(t.cur as usize).map_or_else(|| "function".to_string(), describe);
            Err(fail(inst, reason))
        }
    }
}

/// A short description of an instruction for error messages.
pub(crate) fn describe(inst: &Inst) -> String {
    match &inst.op {
        Op::Unsupported(text) => text.clone(),
        Op::Call { .. } => match inst.operands.last() {
            Some(Value::Const(Const::Intrinsic(name))) => format!("call @{name}"),
            _ => "call".to_string(),
        },
        op => format!("{op:?} : {}", inst.ty).chars().take(200).collect(),
    }
}

/// Reverse postorder of the reachable blocks, from the entry.
pub(crate) fn reverse_postorder(func: &Function) -> Vec<usize> {
    let n = func.blocks.len();
    let mut visited = vec![false; n];
    let mut post = Vec::with_capacity(n);
    let mut stack: Vec<(usize, Vec<usize>, usize)> = Vec::new();
    if n == 0 {
        return post;
    }
    visited[0] = true;
    stack.push((0, successors(func, 0), 0));
    while let Some((b, succs, i)) = stack.last_mut() {
        if *i < succs.len() {
            let s = succs[*i];
            *i += 1;
            if !visited[s] {
                visited[s] = true;
                let ss = successors(func, s);
                stack.push((s, ss, 0));
            }
        } else {
            post.push(*b);
            stack.pop();
        }
    }
    post.reverse();
    post
}

/// Successor blocks of block `b`.
pub(crate) fn successors(func: &Function, b: usize) -> Vec<usize> {
    let blk = func.blocks[b];
    if blk.end == blk.start {
        return Vec::new();
    }
    let term = &func.insts[blk.end as usize - 1];
    match &term.op {
        Op::Br(t) => vec![t.0 as usize],
        Op::CondBr(t, f) => vec![t.0 as usize, f.0 as usize],
        Op::Switch { default, cases } => {
            let mut v = vec![default.0 as usize];
            v.extend(cases.iter().map(|(_, d)| d.0 as usize));
            v
        }
        Op::IndirectBr(ds) => ds.iter().map(|d| d.0 as usize).collect(),
        Op::Invoke { normal, unwind, .. } => vec![normal.0 as usize, unwind.0 as usize],
        _ => Vec::new(),
    }
}

/// Loop headers: targets of retreating edges in reverse postorder, in order of first appearance.
pub fn loop_headers(func: &Function) -> Vec<usize> {
    headers_in(func, &reverse_postorder(func))
}

/// [`loop_headers`] for an already computed reverse postorder.
pub(crate) fn headers_in(func: &Function, order: &[usize]) -> Vec<usize> {
    let mut pos = vec![usize::MAX; func.blocks.len()];
    for (i, &b) in order.iter().enumerate() {
        pos[b] = i;
    }
    let mut headers = Vec::new();
    for &b in order {
        for s in successors(func, b) {
            if pos[s] <= pos[b] && !headers.contains(&s) {
                headers.push(s);
            }
        }
    }
    headers
}

pub(crate) struct FuncTranslator<'a> {
    pub(crate) f: &'a Function,
    pub(crate) env: &'a dyn FuncEnv,
    pub(crate) call_conv: CallConv,
    pub(crate) b: FunctionBuilder<'a>,
    pub(crate) blocks: Vec<Option<ir::Block>>,
    pub(crate) vals: Vec<Option<Vec<CValue>>>,
    pub(crate) args: Vec<Vec<CValue>>,
    /// What each parameter of the function's Cranelift signature carries (see [`abi::ParamSource`]).
    pub(crate) param_sources: Vec<abi::ParamSource>,
    pub(crate) cur: u32,
    pub(crate) cur_block: usize,
    /// The dynamic-stack cell and the top saved on entry, for functions with dynamic allocas.
    pub(crate) dyn_stack: Option<(CValue, CValue)>,
    /// Where a variadic function's variadic arguments are.
    pub(crate) va: Option<crate::translate::varargs::VaFrame>,
    /// Profile counting: see [`Profiling`].
    pub(crate) profile: Option<Profiling>,
    /// Per instrumented loop, its counter's record and the frame's batch variables.
    pub(crate) loop_counts: Vec<Option<crate::loop_counts::LoopCount>>,
    /// Which loops count in the frame and where their counts move (`None`: no loop does).
    pub(crate) batches: Option<std::sync::Arc<crate::loop_counts::LoopBatches>>,
    /// Locals kept in variables, by alloca (see `translate::promote`).
    pub(crate) promoted: std::collections::HashMap<u32, crate::translate::promote::Promoted>,
    /// In a function that calls something that may return twice: the frame slots of the locals whose addresses
    /// are made again at each use, by alloca (see `translate::returns_twice`).
    pub(crate) remade: Option<std::collections::HashMap<u32, cranelift_codegen::ir::StackSlot>>,
    /// The function's landing pads, if it has any.
    pub(crate) exceptions: Option<ExceptionTable>,
    /// A `musttail` call just left the frame: the `ret` after it emits nothing.
    pub(crate) tail_called: bool,
}

/// Counting sites from which a loop-free function addresses its profile record from a register (see
/// [`Profiling::base`]).
const BASED_PROFILE_SITES: usize = 4;

/// What the translation needs to count profile sites: the record's address, the indirect-call miss routine,
/// each instruction's site offset, and what decides which indirect calls are sampled.
pub(crate) struct Profiling {
    pub(crate) record: u64,
    /// The record's address in a value defined on entry, from which the counting sites address their words: one
    /// `add qword [reg + offset], 1` per count. Only in functions with loops or several counting sites: it holds a
    /// register (or a spill slot) for the whole function, which a small function would pay for at every call.
    base: Option<CValue>,
    pub(crate) indirect_call_miss: u64,
    /// The address of the word that counts the function's calls for sampling (see
    /// [`crate::profile::ProfileLayout::call_key`]).
    call_key: Option<u64>,
    pub(crate) sites: Vec<Option<(u32, crate::profile::SiteKind)>>,
    /// The indirect call sites.
    sampled: Vec<SampledCall>,
    /// The scattered counters of the entry (index 0) and of each loop header (index `1 + loop`), as each was
    /// incremented in the code translated so far: see [`crate::profile::is_sampled`].
    sample_keys: Vec<Option<CValue>>,
    /// Per block, how many edges lead to it (the layout's).
    predecessors: Vec<u32>,
    /// Per block, the address of a branch's counter to bump when the block starts (its only way in is the
    /// counted edge, so it needs no block of its own).
    counts_on_entry: Vec<Option<u64>>,
    /// Per block, whether its translation has begun.
    started: Vec<bool>,
}

impl Profiling {
    /// The address of the first word of instruction `inst`'s site and the site's kind, if it is one.
    pub(crate) fn site(&self, inst: u32) -> Option<(u64, crate::profile::SiteKind)> {
        self.sites.get(inst as usize).copied().flatten().map(|(o, k)| (self.record + 8 * u64::from(o), k))
    }

    /// The key that decides whether indirect call `inst` is sampled: its loop's, or else the entry's.
    pub(crate) fn sample_key(&self, inst: u32) -> Option<CValue> {
        let l = self.sampled.iter().find(|s| s.call == inst).and_then(|s| s.sample_loop);
        l.and_then(|l| self.sample_keys.get(1 + l as usize).copied().flatten())
            .or_else(|| self.sample_keys.first().copied().flatten())
    }

    /// Whether indirect call `inst` is sampled where its callee is computed rather than at the call.
    pub(crate) fn sampled_early(&self, inst: u32) -> bool {
        self.sampled.iter().any(|s| s.call == inst && s.callee_defined_at.is_some())
    }

    /// The indirect call, if any, sampled right after instruction `inst` (which computes its callee).
    fn sampled_after(&self, inst: u32) -> Option<u32> {
        self.sampled.iter().find(|s| s.callee_defined_at == Some(inst)).map(|s| s.call)
    }
}

/// An indirect call site, as tier 0 samples it.
struct SampledCall {
    /// The call.
    call: u32,
    /// The loop whose counter decides its samples (`None`: the entry counter).
    sample_loop: Option<u32>,
    /// The instruction that computes the callee, if it is in the call's block before it (and not a phi): the
    /// target is sampled right there, where fewer values are live than at the call, whose arguments would
    /// otherwise have to survive the sampling's cold path.
    callee_defined_at: Option<u32>,
}

impl SampledCall {
    fn of(f: &Function, site: &crate::profile::Site) -> SampledCall {
        let block = f.blocks[site.block as usize];
        let callee_defined_at = match f.insts[site.inst as usize].operands.last() {
            Some(Value::Inst(d))
                if (block.start..site.inst).contains(d) && !matches!(f.insts[*d as usize].op, Op::Phi { .. }) =>
            {
                Some(*d)
            }
            _ => None,
        };
        SampledCall { call: site.inst, sample_loop: site.sample_loop, callee_defined_at }
    }
}

impl<'a> FuncTranslator<'a> {
    fn new(f: &'a Function, env: &'a dyn FuncEnv, call_conv: CallConv, b: FunctionBuilder<'a>) -> Self {
        FuncTranslator {
            f,
            env,
            call_conv,
            b,
            blocks: vec![None; f.blocks.len()],
            vals: vec![None; f.insts.len()],
            args: Vec::new(),
            param_sources: Vec::new(),
            cur: 0,
            cur_block: 0,
            dyn_stack: None,
            va: None,
            profile: None,
            loop_counts: Vec::new(),
            batches: None,
            promoted: std::collections::HashMap::new(),
            remade: None,
            exceptions: None,
            tail_called: false,
        }
    }

    fn run(&mut self, instr: Option<&Instrumentation>) -> std::result::Result<(), Reason> {
        self.profile = instr.and_then(|i| i.profile.as_ref()).map(|p| Profiling {
            record: p.record,
            base: None,
            indirect_call_miss: p.indirect_call_miss,
            call_key: p.layout.call_key.map(|o| p.record + 8 * u64::from(o)),
            sites: p.layout.sites_by_instruction(self.f.insts.len()),
            sampled: p
                .layout
                .sites
                .iter()
                .filter(|s| s.kind.is_indirect_call())
                .map(|s| SampledCall::of(self.f, s))
                .collect(),
            sample_keys: Vec::new(),
            predecessors: p.layout.predecessors.clone(),
            counts_on_entry: vec![None; self.f.blocks.len()],
            started: vec![false; self.f.blocks.len()],
        });
        let exceptions = ExceptionTable::of(self.f, |v| self.address_of(v))?;
        self.exceptions = exceptions;
        let order = reverse_postorder(self.f);
        for &bi in &order {
            let blk = self.b.create_block();
            self.blocks[bi] = Some(blk);
        }
        // Phis become block parameters.
        for &bi in &order {
            let blk = self.blocks[bi].expect("created");
            for (i, inst) in self.f.block_insts(bi) {
                if !matches!(inst.op, Op::Phi { .. }) {
                    break;
                }
                self.cur = i;
                let mut leaves = Vec::new();
                for t in types::leaf_types(&inst.ty)? {
                    leaves.push(self.b.append_block_param(blk, t));
                }
                self.vals[i as usize] = Some(leaves);
            }
            // A landing pad's exception and selector arrive as two more parameters (see `call::invoke`).
            if let Some(i) = self.f.landing_pad(bi) {
                let exception = self.b.append_block_param(blk, ct::I64);
                let selector = self.b.append_block_param(blk, ct::I32);
                self.vals[i as usize] = Some(vec![exception, selector]);
            }
        }
        let entry = self.blocks[0].expect("entry block is reachable");
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        let based = instr.is_some_and(|i| {
            let counting_sites =
                i.profile.as_ref().map_or(0, |p| p.layout.sites.iter().filter(|s| !s.kind.is_indirect_call()).count());
            !i.loop_records.is_empty() || counting_sites >= BASED_PROFILE_SITES
        });
        if let Some(p) = self.profile.as_mut().filter(|_| based) {
            // An `or` of the address with itself: a constant would be put in a register again at every use (a
            // ten-byte `movabs`, often twice), the result of an instruction is computed once and stays in a
            // register (or a spill slot) for the whole function.
            let r = self.b.ins().iconst(ct::I64, p.record as i64);
            p.base = Some(self.b.ins().bor(r, r));
        }
        let params = self.b.block_params(entry).to_vec();
        let mut it = params.into_iter();
        for source in std::mem::take(&mut self.param_sources) {
            let v = it.next().ok_or("parameter count mismatch")?;
            let abi::ParamSource::Arg(i) = source else { continue };
            let ty = &self.f.sig.params[i];
            let v = if ty.is_x86_fp80() {
                crate::translate::x86_fp80::load(self, v, 0)
            } else {
                self.normalize(&ty.clone(), v)
            };
            self.args.push(vec![v]);
        }
        if self.f.sig.variadic {
            let extra: Vec<CValue> = it.collect();
            self.va = Some(crate::translate::varargs::prologue(self, &extra)?);
        }
        if crate::translate::dynstack::needs_dynamic_stack(self.f) {
            self.dynamic_stack_prologue()?;
        }
        let env = self.env;
        let returns_twice = crate::translate::returns_twice::calls_returns_twice(self.f, &|s| env.returns_twice(s));
        if returns_twice {
            if crate::translate::returns_twice::value_live_across(self.f, |s| env.returns_twice(s)) {
                return crate::error::unsupported("a value live across a call that may return twice (setjmp)");
            }
            self.remade = Some(std::collections::HashMap::new());
        }
        let locals = crate::translate::promote::promotable(self.f, returns_twice);
        self.promote_locals(&locals)?;
        let headers = if instr.is_some() { loop_headers(self.f) } else { Vec::new() };
        if let Some(instr) = instr {
            self.start_loop_counts(&instr.loop_records, &instr.batches);
            if instr.count_entry {
                let c =
                    self.count(instr.entry_counter, instr.entry_threshold, instr.hook, instr.func_index, 0, None)?;
                self.sample_key(0, c);
            } else if let Some(key_word) =
                self.profile.as_ref().and_then(|p| p.call_key).filter(|_| self.samples_calls())
            {
                // The counting entry counts in shards this code does not see: it counts its calls itself, while
                // its counter is not silenced (then nothing is written).
                let taddr = self.b.ins().iconst(ct::I64, instr.entry_threshold as i64);
                let t = self.b.ins().load(ct::I64, MemFlagsData::trusted(), taddr, 0);
                let counting = self.b.create_block();
                let keyed = self.b.create_block();
                let c = self.b.append_block_param(keyed, ct::I64);
                let silenced = self.b.ins().iconst(ct::I64, crate::profile::SILENCED_COUNT as i64);
                self.b.ins().brif(t, counting, &[], keyed, &[BlockArg::Value(silenced)]);
                self.b.switch_to_block(counting);
                let counted = self.bump_site(key_word);
                self.b.ins().jump(keyed, &[BlockArg::Value(counted)]);
                self.b.switch_to_block(keyed);
                self.sample_key(0, c);
            }
            if self.samples_calls() {
                self.start_loop_sample_keys();
            }
        }
        for &bi in &order {
            self.cur_block = bi;
            let blk = self.blocks[bi].expect("created");
            if bi != 0 {
                self.b.switch_to_block(blk);
            }
            self.loop_counts_at_block_start(bi);
            if let Some(p) = self.profile.as_mut() {
                p.started[bi] = true;
                if let Some(counter) = p.counts_on_entry[bi] {
                    self.bump_site(counter);
                }
            }
            if let Some(instr) = instr
                && let Some(h) = headers.iter().position(|&x| x == bi)
                && let Some(&record) = instr.loop_records.get(h)
            {
                let osr = instr.osr_states.get(h).cloned().flatten().map(|st| (record + 16, st));
                if instr.batches.batched.get(h).copied().unwrap_or(false) {
                    self.count_loop(h, instr.loop_batch, instr.func_index, osr)?;
                    if let Some(key) = self.next_loop_sample_key(h) {
                        self.set_sample_key(h + 1, key);
                    }
                } else {
                    let c = self.count(record, record + 8, instr.hook, instr.func_index, h as u32 + 1, osr)?;
                    self.sample_key(h + 1, c);
                }
            }
            let range = self.f.blocks[bi];
            for i in range.start..range.end {
                self.cur = i;
                let inst = &self.f.insts[i as usize];
                if matches!(inst.op, Op::Phi { .. }) {
                    continue;
                }
                let result = self.inst(inst)?;
                if inst.ty != Type::Void {
                    self.vals[i as usize] = Some(result);
                }
                if let Some(call) = self.profile.as_ref().and_then(|p| p.sampled_after(i)) {
                    crate::translate::call::sample_target(self, call, &Value::Inst(i))?;
                }
            }
        }
        Ok(())
    }

    /// Whether the function samples indirect calls (and so needs the counts that decide which).
    pub(crate) fn samples_calls(&self) -> bool {
        self.profile.as_ref().is_some_and(|p| !p.sampled.is_empty())
    }

    /// Keeps the scattered value of counter `index` (0: the entry's, `1 + loop`: a loop header's) just incremented
    /// to `count`, if the function samples indirect calls.
    fn sample_key(&mut self, index: usize, count: CValue) {
        if !self.samples_calls() {
            return;
        }
        let low = self.b.ins().ireduce(ct::I32, count);
        let key = self.b.ins().imul_imm_s(low, i64::from(crate::profile::SAMPLE_MULTIPLIER as i32));
        self.set_sample_key(index, key);
    }

    /// Keeps `key`, an already scattered count, as counter `index`'s (see [`Self::sample_key`]).
    pub(crate) fn set_sample_key(&mut self, index: usize, key: CValue) {
        let Some(p) = self.profile.as_mut().filter(|p| !p.sampled.is_empty()) else { return };
        let keys = p.sample_keys.len().max(index + 1);
        p.sample_keys.resize(keys, None);
        p.sample_keys[index] = Some(key);
    }

    /// An entry counter (`lp` 0) or a loop counter counted in memory: `if counter + 1 < *threshold { counter += 1 }
    /// else if *threshold != 0 { counter += 1; hook(func, lp) }`. A threshold of 0 means the counter is silenced:
    /// nothing reads it any more, so the code neither writes it nor calls the hook, and the counter's cache line
    /// stays read-only however many threads run the function. At a loop header with an OSR site, the hook's path
    /// then checks the site's entry and, once one is installed, hands the frame's state to it and returns what it
    /// returns: the rest of the call runs in LLVM code. (Innermost loops count in the frame: see `loop_counts.rs`.)
    /// Returns the new count (for sampling indirect calls: see [`Self::unless_silenced`]).
    #[allow(clippy::too_many_arguments)]
    fn count(
        &mut self,
        counter: u64,
        threshold: u64,
        hook: u64,
        func: u32,
        lp: u32,
        osr: Option<(u64, Vec<crate::osr::StateValue>)>,
    ) -> std::result::Result<CValue, Reason> {
        let flags = MemFlagsData::trusted();
        let addr = self.b.ins().iconst(ct::I64, counter as i64);
        let c = self.b.ins().load(ct::I64, flags, addr, 0);
        let c1 = self.b.ins().iadd_imm_s(c, 1);
        // The threshold usually sits next to the counter: one address for both.
        let t = match i32::try_from(threshold.wrapping_sub(counter) as i64) {
            Ok(offset) => self.b.ins().load(ct::I64, flags, addr, offset),
            Err(_) => {
                let taddr = self.b.ins().iconst(ct::I64, threshold as i64);
                self.b.ins().load(ct::I64, flags, taddr, 0)
            }
        };
        // At or past the threshold, not equal to it: threads racing on one counter (the increment is not atomic)
        // can step over a value, and a thread must not miss its way out because of that.
        let hit = self.b.ins().icmp(ir::condcodes::IntCC::UnsignedGreaterThanOrEqual, c1, t);
        let check = self.b.create_block();
        let fire = self.b.create_block();
        let store = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(check);
        self.b.set_cold_block(fire);
        self.b.ins().brif(hit, check, &[], store, &[]);
        self.b.switch_to_block(store);
        self.b.ins().store(flags, c1, addr, 0);
        self.b.ins().jump(cont, &[]);
        // Past the threshold: a silenced counter (threshold 0) skips the store and the hook.
        self.b.switch_to_block(check);
        self.b.ins().brif(t, fire, &[], cont, &[]);
        self.b.switch_to_block(fire);
        self.b.ins().store(flags, c1, addr, 0);
        self.call_hook(hook, func, lp);
        match osr {
            None => {
                self.b.ins().jump(cont, &[]);
            }
            Some((site, state)) => {
                let site_addr = self.b.ins().iconst(ct::I64, site as i64);
                let entry = self.b.ins().atomic_load(ct::I64, MemFlagsData::new(), site_addr);
                let enter = self.b.create_block();
                self.b.set_cold_block(enter);
                self.b.ins().brif(entry, enter, &[], cont, &[]);
                self.b.switch_to_block(enter);
                self.enter_osr(site_addr, entry, &state)?;
            }
        }
        self.b.switch_to_block(cont);
        Ok(self.unless_silenced(t, c1))
    }

    /// `count` for sampling indirect calls, or [`crate::profile::SILENCED_COUNT`] when the counter's threshold `t`
    /// is 0 (silenced: its count no longer moves). Just `count` where the function samples no calls.
    fn unless_silenced(&mut self, t: CValue, count: CValue) -> CValue {
        if !self.samples_calls() {
            return count;
        }
        let silenced = self.b.ins().iconst(ct::I64, crate::profile::SILENCED_COUNT as i64);
        self.b.ins().select(t, count, silenced)
    }

    /// `hook(func, lp)`. The hook preserves every register, so the hot path around this cold call keeps its
    /// registers.
    pub(crate) fn call_hook(&mut self, hook: u64, func: u32, lp: u32) {
        let mut sig = CSig::new(CallConv::PreserveAll);
        sig.params.push(AbiParam::new(ct::I32));
        sig.params.push(AbiParam::new(ct::I32));
        let sigref = self.b.import_signature(sig);
        let callee = self.b.ins().iconst(ct::I64, hook as i64);
        let fa = self.b.ins().iconst(ct::I32, i64::from(func));
        let la = self.b.ins().iconst(ct::I32, i64::from(lp));
        self.b.ins().call_indirect(sigref, callee, &[fa, la]);
    }

    /// Spills the OSR state, calls the entry and returns its result.
    pub(crate) fn enter_osr(
        &mut self,
        site_addr: CValue,
        entry: CValue,
        state: &[crate::osr::StateValue],
    ) -> std::result::Result<(), Reason> {
        let size = u32::try_from(state.len() * 16).map_err(|_| "OSR state too large".to_string())?;
        let slot =
            self.b.create_sized_stack_slot(ir::StackSlotData::new(ir::StackSlotKind::ExplicitSlot, size.max(16), 4));
        let buf = self.b.ins().stack_addr(ct::I64, slot, 0);
        for (k, v) in state.iter().enumerate() {
            let value = match v {
                crate::osr::StateValue::Arg(a) => Value::Arg(*a),
                crate::osr::StateValue::Inst(i) | crate::osr::StateValue::Local(i) => Value::Inst(*i),
                // The entry makes it anew.
                crate::osr::StateValue::DeadLocal(_) => continue,
            };
            let x = self.get1(&value)?;
            self.b.ins().store(MemFlagsData::trusted(), x, buf, (16 * k) as i32);
        }
        self.bump(site_addr, 8);
        // The other batched loops' pending visits (fewer than `MAX_BATCH` each) are left uncounted: the frame goes
        // on in LLVM code, which counts nothing, and adding them at every site cost a function with many loops
        // as much compile time as that many returns.
        let osr_sig = tierlift_ir::Signature {
            params: vec![Type::Ptr],
            param_attrs: vec![Default::default()],
            ret: self.f.sig.ret.clone(),
            ret_attrs: self.f.sig.ret_attrs.clone(),
            variadic: false,
            call_conv: 0,
        };
        let csig = abi::lower(&osr_sig, self.call_conv)?;
        let sigref = self.b.import_signature(csig);
        let call = self.b.ins().call_indirect(sigref, entry, &[buf]);
        let results = self.b.inst_results(call).to_vec();
        self.dynamic_stack_epilogue();
        let has_sret = self.b.func.signature.params.iter().any(|p| p.purpose == ir::ArgumentPurpose::StructReturn);
        if has_sret {
            self.b.ins().return_(&[]);
        } else {
            self.b.ins().return_(&results);
        }
        Ok(())
    }

    /// Adds one to the profile word at address `site`, addressed from the record's base where the function keeps
    /// it; returns the new count.
    pub(crate) fn bump_site(&mut self, site: u64) -> CValue {
        let based =
            self.profile.as_ref().and_then(|p| Some((p.base?, i32::try_from(site.checked_sub(p.record)?).ok()?)));
        let (address, offset) = based.unwrap_or_else(|| (self.b.ins().iconst(ct::I64, site as i64), 0));
        self.bump(address, offset)
    }

    /// `*(u64*)(address + offset) += 1`, with a plain load and store (a lost increment between racing threads
    /// only delays a tier-up or blurs the profile); returns the new count.
    pub(crate) fn bump(&mut self, address: CValue, offset: i32) -> CValue {
        let flags = MemFlagsData::trusted();
        let c = self.b.ins().load(ct::I64, flags, address, offset);
        let c1 = self.b.ins().iadd_imm_s(c, 1);
        self.b.ins().store(flags, c1, address, offset);
        c1
    }

    /// Whether the branch being translated may count its edge to `to` (its counter at `counter`) at the start of
    /// `to`: true, and arranged, when that edge is the only way into `to` and `to` is not translated yet.
    pub(crate) fn count_on_entry(&mut self, to: BlockId, counter: u64) -> bool {
        let Some(p) = self.profile.as_mut() else { return false };
        let b = to.0 as usize;
        if b == 0 || p.predecessors.get(b) != Some(&1) || p.started[b] || p.counts_on_entry[b].is_some() {
            return false;
        }
        p.counts_on_entry[b] = Some(counter);
        true
    }

    /// The profile site of the instruction being translated (its first word's address and its kind), if it is
    /// one and profiling is on.
    pub(crate) fn profile_site(&self) -> Option<(u64, crate::profile::SiteKind)> {
        self.profile.as_ref().and_then(|p| p.site(self.cur))
    }

    /// Clears bits above N of an `iN` that arrived from outside (parameter, call result, load).
    pub(crate) fn normalize(&mut self, ty: &Type, v: CValue) -> CValue {
        match ty {
            Type::Int(bits) if !matches!(bits, 8 | 16 | 32 | 64 | 128) => self.mask(v, *bits),
            _ => v,
        }
    }

    /// `v & ((1 << bits) - 1)`.
    pub(crate) fn mask(&mut self, v: CValue, bits: u32) -> CValue {
        let t = self.b.func.dfg.value_type(v);
        if t.bits() == bits {
            return v;
        }
        if t == ct::I128 {
            let m = self.iconst(ct::I128, (1u128 << bits) - 1);
            self.b.ins().band(v, m)
        } else {
            self.b.ins().band_imm_s(v, ((1u128 << bits) - 1) as i64)
        }
    }

    /// Sign-extends an `iN` (zero-extended in its container) to the full container width.
    pub(crate) fn sext_in_container(&mut self, v: CValue, bits: u32) -> CValue {
        let t = self.b.func.dfg.value_type(v);
        let w = t.bits();
        if w == bits {
            return v;
        }
        let sh = i64::from(w - bits);
        let l = self.b.ins().ishl_imm_s(v, sh);
        self.b.ins().sshr_imm_s(l, sh)
    }

    /// An integer constant of any width up to 128 bits.
    pub(crate) fn iconst(&mut self, t: CType, v: u128) -> CValue {
        if t == ct::I128 {
            let lo = self.b.ins().iconst(ct::I64, v as u64 as i64);
            let hi = self.b.ins().iconst(ct::I64, (v >> 64) as u64 as i64);
            self.b.ins().iconcat(lo, hi)
        } else {
            self.b.ins().iconst(t, v as i64)
        }
    }

    /// The address a type info or personality operand (a symbol, or null) stands for.
    pub(crate) fn address_of(&self, v: &Value) -> std::result::Result<u64, Reason> {
        match v {
            Value::Const(Const::Null) => Ok(0),
            Value::Const(Const::Symbol(s)) => {
                self.env.symbol_address(*s).ok_or_else(|| format!("address of {s:?} is unknown"))
            }
            _ => unsupported("a type info or personality routine that is not a symbol"),
        }
    }

    /// The LLVM type of an operand.
    pub(crate) fn ty_of(&self, v: &Value) -> Type {
        value_type(self.f, v)
    }

    /// All leaves of an operand.
    pub(crate) fn get(&mut self, v: &Value) -> std::result::Result<Vec<CValue>, Reason> {
        if let Some(address) = self.remade_address(v) {
            return Ok(vec![address]);
        }
        if let Some(leaves) = self.kept(v) {
            return Ok(leaves.to_vec());
        }
        match v {
            Value::Arg(n) => Err(format!("use of argument {n}, which the function does not have")),
            // A local kept in a variable, as an address (only an OSR state takes one).
            Value::Inst(i) if self.promoted.contains_key(i) => Ok(vec![self.local_address(*i)]),
            Value::Inst(i) => Err(format!("use of %{i} before its definition")),
            Value::Const(c) => self.constant(c),
        }
    }

    /// The leaves of an argument or of an instruction's result where they are kept (`None`: a constant, a local
    /// kept in a variable, or a result not defined yet), read in place: most operands are scalars, and a copy
    /// of their leaves is an allocation per use.
    fn kept(&self, v: &Value) -> Option<&[CValue]> {
        match v {
            Value::Arg(n) => self.args.get(*n as usize).map(Vec::as_slice),
            Value::Inst(i) if !self.promoted.contains_key(i) => self.vals.get(*i as usize)?.as_deref(),
            _ => None,
        }
    }

    /// The single leaf of a scalar or vector operand.
    pub(crate) fn get1(&mut self, v: &Value) -> std::result::Result<CValue, Reason> {
        let one = |leaves: &[CValue]| match leaves {
            [x] => Ok(*x),
            _ => unsupported("aggregate where a scalar was expected"),
        };
        if let Some(address) = self.remade_address(v) {
            return Ok(address);
        }
        match self.kept(v) {
            Some(leaves) => one(leaves),
            None => one(&self.get(v)?),
        }
    }

    /// The address of a local whose address is made again at each use (see [`FuncTranslator::remade`]).
    fn remade_address(&mut self, v: &Value) -> Option<CValue> {
        let Value::Inst(i) = v else { return None };
        let slot = *self.remade.as_ref()?.get(i)?;
        Some(self.b.ins().stack_addr(ct::I64, slot, 0))
    }

    /// Block arguments for the edge from the current block to `to`.
    pub(crate) fn edge_args(&mut self, to: BlockId) -> std::result::Result<Vec<BlockArg>, Reason> {
        let from = self.cur_block as u32;
        let mut out = Vec::new();
        let phis: Vec<(u32, Inst)> = self
            .f
            .block_insts(to.0 as usize)
            .take_while(|(_, i)| matches!(i.op, Op::Phi { .. }))
            .map(|(i, inst)| (i, inst.clone()))
            .collect();
        for (_, phi) in phis {
            let Op::Phi { blocks } = &phi.op else { unreachable!() };
            let k = blocks.iter().position(|b| b.0 == from).ok_or("phi lacks an incoming value for a predecessor")?;
            for v in self.get(&phi.operands[k])? {
                out.push(BlockArg::Value(v));
            }
        }
        Ok(out)
    }

    /// The Cranelift block of an LLVM block (reachable by construction when branched to from reachable code).
    pub(crate) fn block(&self, b: BlockId) -> ir::Block {
        self.blocks[b.0 as usize].expect("successor of a reachable block is reachable")
    }

    /// A user trap (`unreachable`, `llvm.trap`).
    pub(crate) fn trap(&mut self) {
        self.b.ins().trap(TrapCode::unwrap_user(1));
    }

    fn inst(&mut self, inst: &Inst) -> std::result::Result<Vec<CValue>, Reason> {
        use crate::translate::*;
        match &inst.op {
            Op::Ret | Op::Br(_) | Op::CondBr(..) | Op::Switch { .. } | Op::Unreachable | Op::IndirectBr(_) => {
                control::terminator(self, inst)?;
                Ok(Vec::new())
            }
            Op::Alloca { .. } | Op::Load { .. } | Op::Store { .. } | Op::AtomicRmw(_) | Op::CmpXchg | Op::Fence => {
                memory::memory(self, inst)
            }
            Op::Call { .. } => call::call(self, inst),
            Op::Invoke { .. } => call::invoke(self, inst),
            // Its values are the parameters of its block.
            Op::LandingPad { .. } => Ok(self.vals[self.cur as usize].clone().unwrap_or_default()),
            Op::Resume => {
                call::resume(self, inst)?;
                Ok(Vec::new())
            }
            Op::VaArg => unsupported("va_arg (variadic function definition)"),
            Op::Unsupported(what) => unsupported(what.clone()),
            Op::Phi { .. } => unreachable!("phis are block parameters"),
            op => self.pure(op, &inst.ty, &inst.operands),
        }
    }

    /// Operations without side effects, shared by instructions and constant expressions.
    pub(crate) fn pure(&mut self, op: &Op, ty: &Type, ops: &[Value]) -> std::result::Result<Vec<CValue>, Reason> {
        use crate::translate::*;
        match op {
            Op::Binary(b) => arith::binary(self, *b, ty, ops),
            Op::FNeg if let Some(soft) = float_bits::SoftFloat::of(ty) => {
                let x = self.get1(&ops[0])?;
                Ok(vec![float_bits::with_sign(self, x, soft.sign_bit(), float_bits::Sign::Flip)])
            }
            Op::FNeg => {
                let x = self.get(&ops[0])?;
                Ok(x.into_iter().map(|c| self.b.ins().fneg(c)).collect())
            }
            Op::ICmp(p) => arith::icmp(self, *p, ty, ops),
            Op::FCmp(p) => arith::fcmp(self, *p, ty, ops),
            Op::Cast(c) => cast::cast(self, *c, ty, &ops[0]),
            Op::Select => arith::select(self, ty, ops),
            Op::Gep { source, .. } => Ok(vec![memory::gep(self, source, ops)?]),
            Op::ExtractValue(idx) => aggregate::extract_value(self, &ops[0], idx),
            Op::InsertValue(idx) => aggregate::insert_value(self, &ops[0], &ops[1], idx),
            Op::ExtractElement => Ok(vec![vector::extract_element(self, ty, ops)?]),
            Op::InsertElement => vector::insert_element(self, ty, ops),
            Op::ShuffleVector(mask) => vector::shuffle(self, ty, ops, mask),
            Op::Freeze => self.get(&ops[0]),
            other => unsupported(format!("{other:?} as a constant expression")),
        }
    }
}

/// The LLVM type of an operand of `f`.
pub(crate) fn value_type(f: &Function, v: &Value) -> Type {
    match v {
        Value::Arg(n) => f.sig.params[*n as usize].clone(),
        Value::Inst(i) => f.insts[*i as usize].ty.clone(),
        Value::Const(c) => const_type(c),
    }
}

/// The type of a constant operand.
pub(crate) fn const_type(c: &Const) -> Type {
    match c {
        Const::Int(bits, _) => Type::Int(*bits),
        Const::Float(_) => Type::Float,
        Const::Double(_) => Type::Double,
        Const::X86Fp80(_) => Type::Other("x86_fp80".into()),
        Const::Half(_) => Type::Half,
        Const::Fp128(_) => Type::Other("fp128".into()),
        Const::Null | Const::Symbol(_) | Const::Intrinsic(_) | Const::BlockAddress { .. } => Type::Ptr,
        Const::Undef(t) | Const::Poison(t) | Const::Zero(t) | Const::Bytes(t, _) | Const::Aggregate(t, _) => t.clone(),
        Const::Expr(e) => e.ty.clone(),
    }
}
