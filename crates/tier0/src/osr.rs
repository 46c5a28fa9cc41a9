//! Loop analysis for counters and on-stack replacement: natural loops with their nesting, dominators, and the
//! state a frame must hand over to enter a function at a loop header.

use crate::translator::{reverse_postorder, successors};
use tierlift_ir::{Function, Op, Type, Value};

/// A natural loop.
#[derive(Clone, Debug)]
pub struct Loop {
    /// Its header block.
    pub header: usize,
    /// The innermost other loop that contains it (index into the list [`loops`] returns).
    pub parent: Option<usize>,
    /// Its blocks (the header included).
    pub blocks: Vec<usize>,
}

/// A value handed over to an OSR entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateValue {
    /// Parameter `n`.
    Arg(u32),
    /// The result of instruction `n`.
    Inst(u32),
    /// The address of alloca `n`, whose address never escapes: the entry copies its contents into a fresh local
    /// of its own (which LLVM can keep in registers) instead of working on the tier-0 frame's memory.
    Local(u32),
    /// Alloca `n`, whose address never escapes and whose contents every path from the header writes whole before
    /// it reads them: the entry makes a fresh local, and the site stores nothing in its slot.
    DeadLocal(u32),
}

/// Per block, the blocks that branch to it, once per edge (a block reached twice from one terminator is listed
/// twice).
pub(crate) fn predecessors(f: &Function) -> Vec<Vec<usize>> {
    let mut preds = vec![Vec::new(); f.blocks.len()];
    for b in 0..f.blocks.len() {
        for s in successors(f, b) {
            preds[s].push(b);
        }
    }
    preds
}

/// The block of each instruction.
fn block_of(f: &Function) -> Vec<usize> {
    let mut block_of = vec![0usize; f.insts.len()];
    for b in 0..f.blocks.len() {
        for (i, _) in f.block_insts(b) {
            block_of[i as usize] = b;
        }
    }
    block_of
}

/// Immediate dominators of the reachable blocks (`usize::MAX` for unreachable ones; the entry is its own).
pub fn dominators(f: &Function) -> Vec<usize> {
    let order = reverse_postorder(f);
    let mut pos = vec![usize::MAX; f.blocks.len()];
    for (i, &b) in order.iter().enumerate() {
        pos[b] = i;
    }
    let preds = predecessors(f);
    let mut idom = vec![usize::MAX; f.blocks.len()];
    if order.is_empty() {
        return idom;
    }
    idom[order[0]] = order[0];
    let intersect = |idom: &[usize], mut a: usize, mut b: usize| {
        while a != b {
            while pos[a] > pos[b] {
                a = idom[a];
            }
            while pos[b] > pos[a] {
                b = idom[b];
            }
        }
        a
    };
    let mut changed = true;
    while changed {
        changed = false;
        for &b in &order[1..] {
            let mut new = usize::MAX;
            for &p in &preds[b] {
                if idom[p] == usize::MAX {
                    continue;
                }
                new = if new == usize::MAX { p } else { intersect(&idom, p, new) };
            }
            if new != usize::MAX && idom[b] != new {
                idom[b] = new;
                changed = true;
            }
        }
    }
    idom
}

/// The natural loops of `f`, in the order of [`crate::loop_headers`] (which numbers the loop counters).
pub fn loops(f: &Function) -> Vec<Loop> {
    let order = reverse_postorder(f);
    let headers = crate::translator::headers_in(f, &order);
    let mut pos = vec![usize::MAX; f.blocks.len()];
    for (i, &b) in order.iter().enumerate() {
        pos[b] = i;
    }
    let preds = predecessors(f);
    let mut out: Vec<Loop> = headers
        .iter()
        .map(|&h| {
            let mut inside = vec![false; f.blocks.len()];
            inside[h] = true;
            let mut work: Vec<usize> =
                preds[h].iter().copied().filter(|&p| pos[p] != usize::MAX && pos[p] >= pos[h]).collect();
            while let Some(b) = work.pop() {
                if inside[b] {
                    continue;
                }
                inside[b] = true;
                work.extend(preds[b].iter().copied().filter(|&p| pos[p] != usize::MAX));
            }
            let blocks = (0..f.blocks.len()).filter(|&b| inside[b]).collect();
            Loop { header: h, parent: None, blocks }
        })
        .collect();
    for i in 0..out.len() {
        let h = out[i].header;
        out[i].parent = (0..out.len())
            .filter(|&j| j != i && out[j].blocks.contains(&h) && out[j].blocks.len() > out[i].blocks.len())
            .min_by_key(|&j| out[j].blocks.len());
    }
    out
}

/// For each instruction, the (user instruction, operand index) pairs that use its result.
fn users(f: &Function) -> Vec<Vec<(u32, usize)>> {
    let mut users = vec![Vec::new(); f.insts.len()];
    for (i, inst) in f.insts.iter().enumerate() {
        for (j, op) in inst.operands.iter().enumerate() {
            if let Value::Inst(p) = op {
                users[*p as usize].push((i as u32, j));
            }
        }
    }
    users
}

/// Whether alloca `a` (a single static object) has its address used only to load from, store to, offset into,
/// copy to or from, or mark the lifetime of: then nothing but the function itself can see its memory.
fn non_escaping_alloca(f: &Function, users: &[Vec<(u32, usize)>], a: u32) -> bool {
    let inst = &f.insts[a as usize];
    if !matches!(inst.op, Op::Alloca { .. }) || !matches!(inst.operands[0], Value::Const(tierlift_ir::Const::Int(_, 1)))
    {
        return false;
    }
    for p in addresses_of(f, users, a) {
        for &(i, j) in &users[p as usize] {
            let user = &f.insts[i as usize];
            let ok = match &user.op {
                Op::Load { .. } => true,
                Op::Store { .. } => j == 1,
                Op::Gep { .. } => j == 0,
                Op::Call { .. } => matches!(
                    user.operands.last(),
                    Some(Value::Const(tierlift_ir::Const::Intrinsic(n)))
                        if n.starts_with("llvm.lifetime.")
                            || (j < 2 && (n.starts_with("llvm.memcpy.") || n.starts_with("llvm.memmove.")))
                            || (j == 0 && n.starts_with("llvm.memset."))
                ),
                _ => false,
            };
            if !ok {
                return false;
            }
        }
    }
    true
}

/// Whether a value of this type fits one 16-byte state slot.
fn fits_slot(ty: &Type) -> bool {
    match ty {
        Type::Int(bits) => *bits <= 128,
        Type::Float | Type::Double | Type::Ptr => true,
        Type::Vector(..) => ty.alloc_size() <= 16 && crate::types::scalar(ty).is_ok(),
        // `half` and `fp128` as their float leaves; `x86_fp80` as its `i128` leaf (the 80 bits and zeros), which an
        // entry loads as an `x86_fp80`.
        t => crate::translate::float_bits::SoftFloat::of(t).is_some(),
    }
}

/// The OSR state of every loop of `f`, in the order of [`loops`]: what a frame standing at the loop's header hands to
/// an OSR entry. All `None` when the function uses the dynamic-alloca stack.
pub fn osr_states(f: &Function, loops: &[Loop]) -> Vec<Option<Vec<StateValue>>> {
    if loops.is_empty() || crate::translate::dynstack::needs_dynamic_stack(f) {
        return vec![None; loops.len()];
    }
    // A value of an instruction the reader could not model (in a function tier 0 declines, whose LLVM O0 version
    // leaves through these states) may be live at a header, or be a header's phi, with no way to tell where it
    // fits: no sites in such a function. Instructions without a result (an inline-assembly barrier) are only
    // uses, which the reader lists.
    if f.insts.iter().any(|i| matches!(i.op, Op::Unsupported(_)) && i.ty != Type::Void) {
        return vec![None; loops.len()];
    }
    // A `musttail` call must pass on its caller's own parameters, which an entry (taking the state) cannot; made
    // a plain call there, each level of a tail recursion through a hot loop would keep the frame that entered on
    // the stack. No sites: such a function reaches LLVM code through its normal entry.
    if crate::translate::call::has_musttail(f) {
        return vec![None; loops.len()];
    }
    let mut tree = DominatorChain::new(f);
    let users = users(f);
    let headers: Vec<usize> = loops.iter().map(|l| l.header).collect();
    let live = live_at(f, &headers);
    let (preds, block_of) = (predecessors(f), block_of(f));
    // Per local, the blocks on entry to which its contents may still be read (computed when first asked).
    let mut contents: std::collections::HashMap<u32, Vec<bool>> = std::collections::HashMap::new();
    let mut contents_live = |a: u32, header: usize| {
        contents.entry(a).or_insert_with(|| crate::dead_locals::contents_live_in(f, &users, &preds, &block_of, a))
            [header]
    };
    let mut locals = Locals { f, users: &users, non_escaping: Default::default(), addresses: Default::default() };
    let mut states: Vec<_> = loops
        .iter()
        .zip(&live)
        .map(|(l, live)| state_at(f, l.header, &mut tree, &block_of, live, &mut locals, &mut contents_live))
        .collect();
    // An entry cannot start at a landing pad (only an invoke's unwind edge may lead there): a loop whose header is
    // one (a retry loop) gets no site; a frame in it stays in tier 0 until the loop ends.
    for (state, l) in states.iter_mut().zip(loops) {
        if f.landing_pad(l.header).is_some() {
            *state = None;
        }
    }
    // Every site stores its whole state on its cold path, which tier 0 pays for in compile time, more than the
    // stores' number says (each stored value stays live into the cold path): in a giant function whose 81 loops
    // each had 164 values live at their headers, sites whose states added up to half its size more than doubled
    // its compile. Keep sites while their states add up to an eighth of the function's size, outer loops first (a
    // frame in an inner loop without a site leaves through the enclosing loop's), smaller states first among
    // loops of one depth.
    let depth = |mut l: usize| {
        let mut d = 0;
        while let Some(p) = loops[l].parent {
            d += 1;
            l = p;
        }
        d
    };
    // Dead locals cost a site nothing.
    let stored = |s: &Option<Vec<StateValue>>| {
        s.as_ref().map_or(0, |s| s.iter().filter(|v| !matches!(v, StateValue::DeadLocal(_))).count())
    };
    let mut order: Vec<usize> = (0..loops.len()).filter(|&l| states[l].is_some()).collect();
    order.sort_by_key(|&l| (depth(l), stored(&states[l])));
    let mut budget = (f.insts.len() / 8).max(OSR_STATE_BUDGET_MIN);
    for l in order {
        let size = stored(&states[l]);
        if size > budget {
            states[l] = None;
        } else {
            budget -= size;
        }
    }
    states
}

/// The state values a function may store at its OSR sites, at least (more for large functions).
const OSR_STATE_BUDGET_MIN: usize = 128;

/// Which values are live on entry to each of `headers`: for each, the live values in increasing order, an argument
/// `a` as `a` and instruction `i` as the argument count plus `i`. A value is live on entry to a block when a use is
/// reachable from there without passing its definition; found by walking back from every use to the definition
/// (SSA liveness by path exploration). Lists, not a flag per value and header: a giant function's hundreds of loop
/// headers times its tens of thousands of values would be megabytes of flags, nearly all unset.
pub(crate) fn live_at(f: &Function, headers: &[usize]) -> Vec<Vec<u32>> {
    let nargs = f.sig.params.len();
    let n = nargs + f.insts.len();
    let mut slot_of = vec![usize::MAX; f.blocks.len()];
    for (k, &h) in headers.iter().enumerate() {
        if h < slot_of.len() {
            slot_of[h] = k;
        }
    }
    let mut live = vec![Vec::new(); headers.len()];
    let preds = predecessors(f);
    let block_of = block_of(f);
    // Each use as the block the value must be live into: the using block, or for a phi operand the incoming block,
    // where it must be live out (so live in too, unless it is defined there).
    let mut uses: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, inst) in f.insts.iter().enumerate() {
        for (j, op) in inst.operands.iter().enumerate() {
            let v = match op {
                Value::Arg(a) => *a as usize,
                Value::Inst(d) => nargs + *d as usize,
                Value::Const(_) => continue,
            };
            let at = match &inst.op {
                Op::Phi { blocks } => match blocks.get(j) {
                    Some(p) => p.0 as usize,
                    None => continue,
                },
                _ => block_of[i],
            };
            if v < n {
                uses[v].push(at);
            }
        }
    }
    let mut seen = vec![usize::MAX; f.blocks.len()];
    let mut work = Vec::new();
    for (v, v_uses) in uses.iter().enumerate() {
        let def = if v < nargs { None } else { Some(block_of[v - nargs]) };
        work.extend(v_uses.iter().copied().filter(|&b| Some(b) != def));
        while let Some(b) = work.pop() {
            if std::mem::replace(&mut seen[b], v) == v {
                continue;
            }
            if slot_of[b] != usize::MAX {
                // Each value is visited once per block, in increasing order: the lists come out sorted.
                live[slot_of[b]].push(v as u32);
            }
            for &p in &preds[b] {
                if Some(p) != def && seen[p] != v {
                    work.push(p);
                }
            }
        }
    }
    live
}

/// The values a frame of `f` standing at the start of block `header` hands to an OSR entry: the header's phis,
/// and the parameters and results of instructions in blocks that dominate the header that are live there (`live`,
/// as [`live_at`] gives it), in dominator-tree order (the outermost block's first, each block's in instruction
/// order). `None` when the loop cannot be entered that way (a value too large for a slot).
fn state_at(
    f: &Function,
    header: usize,
    tree: &mut DominatorChain,
    block_of: &[usize],
    live: &[u32],
    locals: &mut Locals,
    contents_live: &mut dyn FnMut(u32, usize) -> bool,
) -> Option<Vec<StateValue>> {
    if header == 0 || header >= f.blocks.len() || !tree.mark_above(header) {
        return None;
    }
    let nargs = f.sig.params.len() as u32;
    let mut state = Vec::new();
    for &v in live.iter().take_while(|&&v| v < nargs) {
        if !fits_slot(&f.sig.params[v as usize]) {
            return None;
        }
        state.push(StateValue::Arg(v));
    }
    // Live results of instructions in the blocks above the header, outermost block first.
    let mut above: Vec<(usize, u32)> = live
        .iter()
        .filter(|&&v| v >= nargs)
        .map(|&v| v - nargs)
        .filter(|&i| f.insts[i as usize].ty != Type::Void)
        .filter_map(|i| tree.depth_above(block_of[i as usize]).map(|d| (d, i)))
        .collect();
    above.sort_unstable();
    let mut push_inst = |i: u32, state: &mut Vec<StateValue>, locals: &mut Locals| {
        if !fits_slot(&f.insts[i as usize].ty) {
            return false;
        }
        state.push(match locals.non_escaping(i) {
            true if contents_live(i, header) => StateValue::Local(i),
            true => StateValue::DeadLocal(i),
            false => StateValue::Inst(i),
        });
        true
    };
    for (_, i) in above {
        if !push_inst(i, &mut state, locals) {
            return None;
        }
    }
    for (i, inst) in f.block_insts(header) {
        if !matches!(inst.op, Op::Phi { .. }) {
            break;
        }
        if !push_inst(i, &mut state, locals) {
            return None;
        }
    }
    // A local the entry makes anew must be reached only through its alloca there: an address computed from it
    // before the header (a field's or an element's, hoisted out of the loop by the optimizer) would come in from
    // the state pointing at the frame's object, and the entry would read one object and write the other. Such a
    // local stays the frame's.
    let passed: std::collections::HashSet<u32> =
        state.iter().filter_map(|v| if let StateValue::Inst(i) = v { Some(*i) } else { None }).collect();
    for v in &mut state {
        if let StateValue::Local(a) | StateValue::DeadLocal(a) = *v
            && locals.addresses(a).iter().skip(1).any(|d| passed.contains(d))
        {
            *v = StateValue::Inst(a);
        }
    }
    Some(state)
}

/// The blocks that strictly dominate one header at a time, with their depth in the dominator tree, marked in
/// place so that the next header's marks need no clearing.
struct DominatorChain {
    idom: Vec<usize>,
    /// Per block: the header whose chain last marked it, and the block's depth in the tree.
    mark: Vec<(usize, usize)>,
    /// The header marked last.
    current: usize,
}

impl DominatorChain {
    fn new(f: &Function) -> DominatorChain {
        DominatorChain { idom: dominators(f), mark: vec![(usize::MAX, 0); f.blocks.len()], current: usize::MAX }
    }

    /// Marks the blocks that strictly dominate `header`; false when it is unreachable.
    fn mark_above(&mut self, header: usize) -> bool {
        if self.idom[header] == usize::MAX {
            return false;
        }
        let mut chain = Vec::new();
        let mut b = self.idom[header];
        loop {
            chain.push(b);
            if self.idom[b] == b {
                break;
            }
            b = self.idom[b];
        }
        for (depth, &b) in chain.iter().rev().enumerate() {
            self.mark[b] = (header, depth);
        }
        self.current = header;
        true
    }

    /// The depth of block `b` if it strictly dominates the header marked last.
    fn depth_above(&self, b: usize) -> Option<usize> {
        let (h, depth) = self.mark[b];
        (h == self.current).then_some(depth)
    }
}

/// What the states of a function's loops ask about its allocas, each answered once.
struct Locals<'a> {
    f: &'a Function,
    users: &'a [Vec<(u32, usize)>],
    non_escaping: std::collections::HashMap<u32, bool>,
    addresses: std::collections::HashMap<u32, Vec<u32>>,
}

impl Locals<'_> {
    /// [`non_escaping_alloca`] of instruction `a`.
    fn non_escaping(&mut self, a: u32) -> bool {
        let (f, users) = (self.f, self.users);
        *self.non_escaping.entry(a).or_insert_with(|| non_escaping_alloca(f, users, a))
    }

    /// [`addresses_of`] alloca `a`.
    fn addresses(&mut self, a: u32) -> &[u32] {
        let (f, users) = (self.f, self.users);
        self.addresses.entry(a).or_insert_with(|| addresses_of(f, users, a))
    }
}

/// Alloca `a` and the addresses computed from it by `getelementptr`, transitively, `a` first.
pub(crate) fn addresses_of(f: &Function, users: &[Vec<(u32, usize)>], a: u32) -> Vec<u32> {
    let mut derived = vec![a];
    let mut k = 0;
    while k < derived.len() {
        let p = derived[k];
        k += 1;
        for &(i, j) in &users[p as usize] {
            if j == 0 && matches!(f.insts[i as usize].op, Op::Gep { .. }) && !derived.contains(&i) {
                derived.push(i);
            }
        }
    }
    derived
}
