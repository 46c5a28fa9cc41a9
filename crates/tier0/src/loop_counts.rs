//! Loop counters kept in registers: a loop header counts its visits in a variable of the frame and adds them to
//! the loop's counter in memory in batches, so a tight loop pays a decrement and a branch per iteration instead of
//! a load, an add and a store to a shared counter (whose store-to-load chain through memory would set the pace of
//! the loop, and whose cache line threads running the loop would fight over).
//!
//! Per loop the frame holds `left` (visits until the next flush), a variable, and `batch` (the visits the current
//! batch holds when `left` reaches 0), in a slot: only the end of a batch and returns read it, so a loop carries
//! one value of its own, not two. At the header, `left -= 1`; at 0, a routine of the runtime (`loop_batch`,
//! called with the `preserve_all` convention) adds the batch to the counter in memory, compares it with its
//! threshold and calls the hook as an entry counter would, and writes the next batch to the slot: it ends where the
//! threshold is, never later than 64 visits (so that a threshold the runtime lowers, to poll for an OSR entry, is
//! seen that soon), and holds at most an eighth of the count (so the count in memory is exact while it is small,
//! below 16, and lags a running frame by at most an eighth later). When the hook ran and the loop's OSR site has an
//! installed entry, the routine writes the entry instead, flagged, and the frame enters it: one cold block per site,
//! where looking for the entry inline and clearing the flag took three. A silenced counter (threshold 0) is looked at
//! inline and never written: batches of [`MAX_BATCH`] then, without a call. The first visit of each call is a batch of
//! one, so a threshold the runtime set is looked at on every call that runs the loop. The end of a batch is a call
//! rather than inline code because, inline, it was some sixty instructions and a dozen blocks per loop, which more than
//! doubled the compile time of small loops; even its common case alone inline (add, compare, next batch: ten
//! instructions, one block) made each tier-0 compile 6–11% longer for 6% less run time while counters count.
//! Returns add what their loops counted since the last flush (a frame leaving through an OSR entry adds nothing:
//! the loop it leaves added its batch in the routine, and it goes on in code that counts nothing).
//!
//! In a function with more than [`FEW_LOOPS`] batched loops, `left` (and a sampling key) lives in a register only
//! while its loop runs: an edge that leaves the loop stores it in the slot, an edge that enters it loads it again,
//! and a return adds what the slots hold (or, inside the loop, the variables). Kept in variables from the
//! function's entry to its returns, a function with many loops (everything inlined into one giant function) gave
//! the register allocator long live ranges per loop across all of its code, and compiled several times slower
//! than without batches; a function with few keeps them so, which costs its compile less than the moves.
//!
//! Which loops count this way is the runtime's choice (`Instrumentation::batches`, usually
//! [`LoopBatches::innermost`]): the innermost ones, whose
//! visits are the many; the loops around them count each visit in memory, which keeps the frame's variables (and
//! the compile time they cost) few.

use crate::error::Reason;
use crate::translator::FuncTranslator;
use cranelift_codegen::ir::{
    AbiParam, Block, BlockArg, InstBuilder, MemFlagsData, Signature, StackSlot, StackSlotData, StackSlotKind,
};
use cranelift_codegen::ir::{condcodes::IntCC, types as ct};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::Variable;
use tierlift_ir::{BlockId, Function};

/// The most visits a loop header counts in its frame before adding them to its counter in memory: the batch
/// routine's rule, which the translator applies itself to a silenced counter's batches (the runtime checks that
/// the two agree).
pub const MAX_BATCH: u64 = 64;

/// One loop's counter: its record in memory and the frame's variables.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LoopCount {
    /// The loop record (word 0 the counter, word 1 its threshold).
    record: u64,
    /// Visits until the next flush.
    left: Variable,
    /// For indirect-call sampling: the loop's visits so far times the sampling multiplier (modulo 2^32), the key
    /// that decides which calls in the loop are sampled; advanced by one visit at every visit.
    key: Option<Variable>,
    /// The frame's slot: `batch` (the visits the current batch holds once `left` reaches 0, read only at the end
    /// of a batch and at returns) at offset 8 and, unless the function keeps its loops' variables in registers
    /// throughout ([`LoopBatches::in_registers`]), where `left` (at 0) and `key` (at 16) wait while the loop does
    /// not run.
    slot: StackSlot,
}

/// Offsets in a [`LoopCount`]'s slot.
const LEFT_AT: i32 = 0;
const BATCH_AT: i32 = 8;
const KEY_AT: i32 = 16;

/// Which loops of a function count in the frame, and where their counts move: computed once per function (see
/// [`LoopBatches::innermost`]) and handed to every instrumented translation of it.
#[derive(Clone, Debug, Default)]
pub struct LoopBatches {
    /// Per loop (in the order of [`crate::loop_headers`]), whether it counts its visits in the frame.
    pub batched: Vec<bool>,
    /// Per block, the batched loop it is in. Natural loops with different headers are nested or disjoint, so
    /// loops that hold no other are disjoint: a block is in at most one of them.
    pub loop_of: Vec<Option<u32>>,
    /// Per block, the batched loop whose variables it stores when it starts: it is an exit of that loop with no
    /// other way in, which spares the edge a block of its own. (No such block is in a batched loop itself: a
    /// loop's blocks other than its header are reached only from inside it, and a header has a back edge too.)
    pub spill_at_start: Vec<Option<u32>>,
    /// Whether the batched loops' variables stay in registers from the function's entry to its returns (so
    /// nothing moves on the loops' edges, and [`Self::loop_of`] is empty): for functions with at most
    /// [`FEW_LOOPS`] of them, whose few long live ranges cost the register allocator less than the moves would.
    pub in_registers: bool,
}

/// Batched loops a function may have and still keep their variables in registers throughout.
pub const FEW_LOOPS: usize = 2;

impl LoopBatches {
    /// The innermost loops of `f` (its [`crate::osr::loops`]) count in the frame, the loops around them in
    /// memory: the innermost loops' visits are the many, and keeping the frame's variables few keeps the compile
    /// cheap.
    pub fn innermost(f: &Function, loops: &[crate::osr::Loop]) -> Self {
        let batched: Vec<bool> = (0..loops.len()).map(|l| !loops.iter().any(|o| o.parent == Some(l))).collect();
        if batched.iter().filter(|&&b| b).count() <= FEW_LOOPS {
            return LoopBatches { batched, in_registers: true, ..Default::default() };
        }
        let mut loop_of = vec![None; f.blocks.len()];
        for (h, l) in loops.iter().enumerate().filter(|(h, _)| batched[*h]) {
            for &b in &l.blocks {
                loop_of[b] = Some(h as u32);
            }
        }
        let mut spill_at_start = vec![None; f.blocks.len()];
        for (b, preds) in crate::osr::predecessors(f).iter().enumerate() {
            if let [p] = preds[..]
                && loop_of[b].is_none()
            {
                spill_at_start[b] = loop_of[p];
            }
        }
        LoopBatches { batched, loop_of, spill_at_start, in_registers: false }
    }
}

impl FuncTranslator<'_> {
    /// Declares the frame's variables of each loop record that `batches` marks, starting every such loop with a
    /// batch of one (in its slot). Call in the entry block.
    pub(crate) fn start_loop_counts(&mut self, records: &[u64], batches: &std::sync::Arc<LoopBatches>) {
        let batched = &batches.batched;
        if !batched.iter().any(|&b| b) {
            return;
        }
        self.batches = Some(batches.clone());
        let one = self.b.ins().iconst(ct::I64, 1);
        self.loop_counts = records
            .iter()
            .enumerate()
            .map(|(h, &record)| {
                batched.get(h).copied().unwrap_or(false).then(|| {
                    let left = self.b.declare_var(ct::I64);
                    let slot = self.b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 24, 3));
                    self.b.ins().stack_store(ct::I64, one, slot, BATCH_AT);
                    if !batches.in_registers {
                        self.b.ins().stack_store(ct::I64, one, slot, LEFT_AT);
                    } else {
                        self.b.def_var(left, one);
                    }
                    LoopCount { record, left, key: None, slot }
                })
            })
            .collect();
    }

    /// At the start of block `b`: stores the variables of the batched loop `b` is the only exit of, if any (see
    /// [`LoopBatches::spill_at_start`]).
    pub(crate) fn loop_counts_at_block_start(&mut self, b: usize) {
        let h = self.batches.as_ref().and_then(|x| x.spill_at_start.get(b).copied().flatten());
        if let Some(lc) = h.and_then(|h| self.loop_counts[h as usize]) {
            self.spill(lc);
        }
    }

    /// Whether the batched loops' `left` and `key` move to their slots between runs (see
    /// [`LoopBatches::in_registers`]).
    fn counts_move(&self) -> bool {
        self.batches.as_ref().is_some_and(|x| !x.in_registers)
    }

    /// Stores `lc`'s variables in its slot (only edges of functions whose loop counts move call this).
    fn spill(&mut self, lc: LoopCount) {
        let left = self.b.use_var(lc.left);
        self.b.ins().stack_store(ct::I64, left, lc.slot, LEFT_AT);
        if let Some(key) = lc.key {
            let key = self.b.use_var(key);
            self.b.ins().stack_store(ct::I64, key, lc.slot, KEY_AT);
        }
    }

    /// The batched loops an edge from the block being translated to `to` leaves (storing its variables on the
    /// edge, unless `to` does it when it starts) and enters.
    fn loop_moves(&self, to: BlockId) -> (Option<usize>, Option<usize>) {
        let (from, into) = (self.batched_loop(self.cur_block), self.batched_loop(to.0 as usize));
        if from == into {
            return (None, None);
        }
        let spilled_there =
            self.batches.as_ref().is_some_and(|x| x.spill_at_start.get(to.0 as usize).copied().flatten().is_some());
        (from.filter(|_| !spilled_there), into)
    }

    /// The batched loop block `b` is in, if any.
    fn batched_loop(&self, b: usize) -> Option<usize> {
        self.batches.as_ref().and_then(|x| x.loop_of.get(b).copied().flatten()).map(|h| h as usize)
    }

    /// Whether the edge from the block being translated to `to` has loop counts to move (see
    /// [`Self::move_loop_counts`]).
    pub(crate) fn edge_moves_loop_counts(&self, to: BlockId) -> bool {
        self.loop_moves(to) != (None, None)
    }

    /// Where an edge to `to` jumps, with what: `to` itself with `args`, or, when the edge leaves or enters a
    /// batched loop and the block being translated has other successors, a block of the edge's own, listed in
    /// `pending` for [`Self::finish_loop_edges`] to fill once the branch is emitted.
    pub(crate) fn loop_edge(
        &mut self,
        to: BlockId,
        args: Vec<BlockArg>,
        pending: &mut Vec<(Block, BlockId, Vec<BlockArg>)>,
    ) -> (Block, Vec<BlockArg>) {
        if !self.edge_moves_loop_counts(to) {
            return (self.block(to), args);
        }
        let edge = self.b.create_block();
        pending.push((edge, to, args));
        (edge, Vec::new())
    }

    /// Fills the edge blocks [`Self::loop_edge`] made: each moves the loop counts and jumps on.
    pub(crate) fn finish_loop_edges(&mut self, pending: Vec<(Block, BlockId, Vec<BlockArg>)>) {
        for (edge, to, args) in pending {
            self.b.switch_to_block(edge);
            self.move_loop_counts(to);
            let target = self.block(to);
            self.b.ins().jump(target, &args);
        }
    }

    /// On the edge from the block being translated to `to`: the batched loop it leaves stores its variables in
    /// its slot, the one it enters loads them. Emit where only that edge passes (before the jump of a block with
    /// one successor, or in a block of the edge's own).
    pub(crate) fn move_loop_counts(&mut self, to: BlockId) {
        let (leaves, enters) = self.loop_moves(to);
        if let Some(lc) = leaves.and_then(|h| self.loop_counts[h]) {
            self.spill(lc);
        }
        if let Some(lc) = enters.and_then(|h| self.loop_counts[h]) {
            let left = self.b.ins().stack_load(ct::I64, ct::I64, lc.slot, LEFT_AT);
            self.b.def_var(lc.left, left);
            if let Some(key) = lc.key {
                let value = self.b.ins().stack_load(ct::I64, ct::I32, lc.slot, KEY_AT);
                self.b.def_var(key, value);
            }
        }
    }

    /// Starts the sampling keys of the batched loops: the visits in the loop's counter when the function is
    /// entered (exact then: a returning frame adds what it held), scattered like the keys of loops counted in
    /// memory. Call in the entry block, after [`Self::start_loop_counts`], when the function samples calls.
    pub(crate) fn start_loop_sample_keys(&mut self) {
        for h in 0..self.loop_counts.len() {
            let Some(mut lc) = self.loop_counts[h] else { continue };
            let addr = self.b.ins().iconst(ct::I64, lc.record as i64);
            let counted = self.b.ins().load(ct::I64, MemFlagsData::trusted(), addr, 0);
            let low = self.b.ins().ireduce(ct::I32, counted);
            let key = self.b.ins().imul_imm_s(low, i64::from(crate::profile::SAMPLE_MULTIPLIER as i32));
            let var = self.b.declare_var(ct::I32);
            if self.counts_move() {
                self.b.ins().stack_store(ct::I64, key, lc.slot, KEY_AT);
            } else {
                self.b.def_var(var, key);
            }
            lc.key = Some(var);
            self.loop_counts[h] = Some(lc);
        }
    }

    /// Advances batched loop `h`'s sampling key by the visit just counted and returns it (`None`: the loop has no
    /// key). One addition per visit: `(n + 1) × m = n × m + m`.
    pub(crate) fn next_loop_sample_key(&mut self, h: usize) -> Option<cranelift_codegen::ir::Value> {
        let var = self.loop_counts.get(h).copied().flatten()?.key?;
        let key = self.b.use_var(var);
        let next = self.b.ins().iadd_imm_s(key, i64::from(crate::profile::SAMPLE_MULTIPLIER as i32));
        self.b.def_var(var, next);
        Some(next)
    }

    /// Counts a visit of loop header `h` (loop index `h + 1` for the hook), one that [`Self::start_loop_counts`]
    /// marked batched; see the module's description. At the end of a batch the routine `loop_batch` adds it to
    /// the counter in memory and says how long the next batch is; when it ran the hook and the loop has an OSR
    /// site, the frame enters the site's entry if one is installed.
    pub(crate) fn count_loop(
        &mut self,
        h: usize,
        loop_batch: u64,
        func: u32,
        osr: Option<(u64, Vec<crate::osr::StateValue>)>,
    ) -> Result<(), Reason> {
        let Some(lc) = self.loop_counts.get(h).copied().flatten() else { return Ok(()) };
        let left = self.b.use_var(lc.left);
        let left1 = self.b.ins().iadd_imm_s(left, -1);
        self.b.def_var(lc.left, left1);
        let flush = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(flush);
        self.b.ins().brif(left1, cont, &[], flush, &[]);

        // A silenced counter (threshold 0) is not written: batches of `MAX_BATCH` from now on, without a call.
        self.b.switch_to_block(flush);
        let record = self.b.ins().iconst(ct::I64, lc.record as i64);
        let t = self.b.ins().load(ct::I64, MemFlagsData::trusted(), record, 8);
        let counting = self.b.create_block();
        let silent = self.b.create_block();
        self.b.set_cold_block(counting);
        self.b.set_cold_block(silent);
        self.b.ins().brif(t, counting, &[], silent, &[]);
        self.b.switch_to_block(silent);
        let cap = self.b.ins().iconst(ct::I64, MAX_BATCH as i64);
        self.next_batch(lc, cap, cont);

        self.b.switch_to_block(counting);
        // `preserve_all` has no return values: the routine reads the batch in the slot and writes the next there
        // (or, when the hook ran and the loop's OSR site has an installed entry, the entry with `HOOK_RAN`).
        let mut sig = Signature::new(CallConv::PreserveAll);
        sig.params.extend([AbiParam::new(ct::I64), AbiParam::new(ct::I64)]);
        sig.params.extend([AbiParam::new(ct::I32), AbiParam::new(ct::I32), AbiParam::new(ct::I64)]);
        let sig = self.b.import_signature(sig);
        let callee = self.b.ins().iconst(ct::I64, loop_batch as i64);
        let func = self.b.ins().iconst(ct::I32, i64::from(func));
        let index = self.b.ins().iconst(ct::I32, h as i64 + 1);
        let out = self.b.ins().stack_addr(ct::I64, lc.slot, BATCH_AT);
        let site = self.b.ins().iconst(ct::I64, osr.as_ref().map_or(0, |(site, _)| *site as i64));
        self.b.ins().call_indirect(sig, callee, &[record, out, func, index, site]);
        let result = self.b.ins().load(ct::I64, MemFlagsData::trusted(), out, 0);
        // The slot holds the next batch already.
        self.b.def_var(lc.left, result);
        match osr {
            Some((site, state)) => {
                // Bit 63: the rest is the installed entry, which takes the frame over.
                let enter = self.b.create_block();
                self.b.set_cold_block(enter);
                let ran = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, result, 0);
                self.b.ins().brif(ran, enter, &[], cont, &[]);
                self.b.switch_to_block(enter);
                let site_addr = self.b.ins().iconst(ct::I64, site as i64);
                let entry = self.b.ins().band_imm_s(result, i64::MAX);
                self.enter_osr(site_addr, entry, &state)?;
            }
            None => {
                self.b.ins().jump(cont, &[]);
            }
        }
        self.b.switch_to_block(cont);
        Ok(())
    }

    /// Starts a batch of `visits` visits of `lc`'s loop and jumps to `cont`.
    fn next_batch(&mut self, lc: LoopCount, visits: cranelift_codegen::ir::Value, cont: Block) {
        self.b.def_var(lc.left, visits);
        self.b.ins().stack_store(ct::I64, visits, lc.slot, BATCH_AT);
        self.b.ins().jump(cont, &[]);
    }

    /// Adds what each loop counted since its last flush to its counter: before the frame returns. Each batch is in
    /// its loop's slot; the loop the block being translated is in has `left` in a variable, the others in their
    /// slots (unless it stays in a variable throughout).
    pub(crate) fn flush_loop_counts(&mut self) {
        let flags = MemFlagsData::trusted();
        let running = self.batched_loop(self.cur_block);
        for (h, lc) in self.loop_counts.clone().into_iter().enumerate() {
            let Some(lc) = lc else { continue };
            let batch = self.b.ins().stack_load(ct::I64, ct::I64, lc.slot, BATCH_AT);
            let left = if self.counts_move() && running != Some(h) {
                self.b.ins().stack_load(ct::I64, ct::I64, lc.slot, LEFT_AT)
            } else {
                self.b.use_var(lc.left)
            };
            let counted = self.b.ins().isub(batch, left);
            let addr = self.b.ins().iconst(ct::I64, lc.record as i64);
            let c = self.b.ins().load(ct::I64, flags, addr, 0);
            let c1 = self.b.ins().iadd(c, counted);
            self.b.ins().store(flags, c1, addr, 0);
        }
    }
}
