//! Profile sites: the places where instrumented tier-0 code records what the optimizing tiers want to know
//! beyond call and back-edge counts — which way conditional branches go, which `switch` cases run, and which
//! functions indirect calls reach.
//!
//! The sites of a function are numbered in a fixed order — blocks in layout order, and within a block its
//! instructions in order (indirect calls, then the terminator) — that depends only on the IR. The LLVM tiers walk
//! the same function in the same order to attach what was counted to the right instructions, and compare the
//! kinds of the sites they find with the layout's before trusting it.
//!
//! Each site owns a few consecutive `u64` words of the function's profile record:
//!
//! | site | words |
//! |---|---|
//! | conditional `br` | one word: how often one chosen edge was taken (see below) |
//! | `switch` with N cases | N + 1 words, one per successor operand (default first): an execution counts in the word of the first operand that names the destination taken |
//! | indirect `call` | [`INDIRECT_CALL_TARGETS`] pairs `[target, samples]`, then two words of the miss routine's |
//!
//! A function with indirect calls has one more word at the end of its record (after every site's): see
//! [`ProfileLayout::call_key`].
//!
//! A conditional branch counts only one of its edges — the one that leaves the innermost loop around it if
//! exactly one does, else the one that does not go back to a loop header if exactly one does, else the true edge
//! unless only the false edge is its target's only way in — so that the edges taken at every iteration of a loop
//! cost nothing, and a counted edge can mostly be counted at the start of its target. The other edge, and how often each block
//! ran, follow from flow conservation ([`ProfileLayout::solve`]): a block runs as often as its incoming edges are
//! taken, and a branch's two edges add up to its block's count. The function's entry count and each loop
//! header's count (the loop counters tier 0 keeps anyway) anchor the system.
//!
//! An indirect call is sampled, not counted: about one call in [`INDIRECT_CALL_SAMPLE_PERIOD`] looks at its
//! target, so the calls that are not sampled cost a compare and a branch. Which calls are sampled follows from a
//! counter tier 0 keeps anyway and has in a register: the innermost loop's header counter for a call in a loop
//! (the header dominates the call, so the counter has just been incremented in the same iteration), else the
//! function's entry counter — or, where calls are counted in front of the code (in per-thread shards, which
//! the code does not see), a count of its own the code keeps in the record's last word. A silenced counter
//! (threshold 0) samples nothing ([`SILENCED_COUNT`]). A call is sampled when that counter, multiplied by
//! [`SAMPLE_MULTIPLIER`] modulo 2^32, is below [`SAMPLE_BOUND`]: consecutive counter values land all over the
//! 32-bit range (the fractional parts of multiples of the golden ratio), so the calls of every residue class
//! modulo any period — an interpreter loop dispatching a fixed sequence of handlers — are sampled alike. A sample
//! counts 1 for its target; how often the site ran is its block's count ([`ProfileLayout::solve`]), so the total
//! stays exact and the samples only split it among the targets.
//!
//! `indirectbr` is not a site (it becomes a `switch` in the LLVM tiers, which then see a site tier 0 does not
//! count; the layouts differ and the function simply gets no profile).

use tierlift_ir::{Const, Function, Op, Symbol, Value};

/// How many targets an indirect call site remembers.
pub const INDIRECT_CALL_TARGETS: usize = 4;

/// One indirect call in about this many is sampled (see the module documentation).
pub const INDIRECT_CALL_SAMPLE_PERIOD: u64 = 32;

/// The multiplier that scatters counter values over the 32-bit range: 2^32 divided by the golden ratio, odd.
pub const SAMPLE_MULTIPLIER: u32 = 0x9E37_79B9;

/// A call is sampled when its counter times [`SAMPLE_MULTIPLIER`] (modulo 2^32) is below this bound: one value
/// in [`INDIRECT_CALL_SAMPLE_PERIOD`].
pub const SAMPLE_BOUND: u32 = ((1u64 << 32) / INDIRECT_CALL_SAMPLE_PERIOD) as u32;

/// Whether the call made when its counter has value `counter` is sampled (what tier-0 code computes).
pub fn is_sampled(counter: u64) -> bool {
    (counter as u32).wrapping_mul(SAMPLE_MULTIPLIER) < SAMPLE_BOUND
}

/// What calls count as for sampling while their counter is silenced (threshold 0): a count that is not sampled.
/// A silenced counter is not written, so its value stays where it stopped; were the calls to go on taking their
/// key from it, either none or every one of them would be sampled, the latter sending every call of a polymorphic
/// site to the miss routine.
pub const SILENCED_COUNT: u64 = 1;

/// Words of an indirect call site: the target pairs, then the miss routine's memory of the target it saw last
/// and how many times in a row.
pub const INDIRECT_CALL_WORDS: u32 = 2 * INDIRECT_CALL_TARGETS as u32 + 2;

/// What a site counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteKind {
    /// A conditional `br` that counts its true edge (`true`) or its false edge.
    Branch {
        /// Whether the counted edge is the true one.
        counts_true: bool,
    },
    /// A `switch` with this many successor operands (the default and one per case).
    Switch {
        /// Successor operands (cases + 1).
        successors: u32,
    },
    /// A `call` through a function pointer.
    IndirectCall,
}

impl SiteKind {
    /// Whether the site is an indirect call.
    pub fn is_indirect_call(self) -> bool {
        self == SiteKind::IndirectCall
    }

    /// Words the site owns in the profile record.
    pub fn words(self) -> u32 {
        match self {
            SiteKind::Branch { .. } => 1,
            SiteKind::Switch { successors } => successors,
            SiteKind::IndirectCall => INDIRECT_CALL_WORDS,
        }
    }
}

/// One site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Site {
    /// What it counts.
    pub kind: SiteKind,
    /// The instruction (index into [`Function::insts`]).
    pub inst: u32,
    /// The block it is in.
    pub block: u32,
    /// Its first word in the function's profile record.
    pub offset: u32,
    /// A conditional branch that controls a loop: one edge leaves the innermost loop around it, or goes back to
    /// a loop header. Its weights would tell LLVM the loop's trip count as tier 0 saw it, early in the run.
    pub loop_control: bool,
    /// An indirect call in a loop whose header dominates it: the loop (in the order of the loop counters)
    /// whose header counter decides which calls are sampled. `None`: the entry counter decides.
    pub sample_loop: Option<u32>,
}

/// The sites of a function and the size of its profile record, with what it takes to estimate how often each
/// block ran and each direct call was made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileLayout {
    /// Sites in their fixed order.
    pub sites: Vec<Site>,
    /// Words of the profile record.
    pub words: u32,
    /// Per block, where its executions go next.
    pub flows: Vec<Flow>,
    /// Direct calls: the block of the call and the callee.
    pub calls: Vec<(u32, Symbol)>,
    /// The header block of each loop, in the order of the function's loop counters.
    pub headers: Vec<u32>,
    /// Per block, how many edges lead to it (from any block, reachable or not): a counted edge that is its
    /// target's only way in is counted where the target starts.
    pub predecessors: Vec<u32>,
    /// In a function with indirect calls, the record's last word: the function's calls as its code counts them
    /// for sampling where the calls are counted in front of the code (whose count moves in per-thread shards the
    /// code does not see: see [`ProfileLayout::of`]).
    pub call_key: Option<u32>,
}

/// What [`ProfileLayout::solve`] found: per block how often it ran, per conditional branch site (in site order)
/// how often its true and its false edge were taken; `None` where the counts do not determine it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Solution {
    /// Per block.
    pub blocks: Vec<Option<u64>>,
    /// Per conditional-branch site, in site order: (true edge, false edge).
    pub branches: Vec<Option<(u64, u64)>>,
}

/// Where the executions of a block go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Nowhere in the function (`ret`, `unreachable`, ...).
    Exit,
    /// All to one block.
    Jump(u32),
    /// A conditional branch: to `counted` as often as the word at `word` says, the rest to `other`.
    Branch {
        /// The destination of the counted edge.
        counted: u32,
        /// The other destination.
        other: u32,
        /// The counted edge's word.
        word: u32,
    },
    /// To each block, as many times as the word at that offset of the record counted.
    Counted(Vec<(u32, u32)>),
    /// Split evenly between these blocks (not counted: `indirectbr`).
    Even(Vec<u32>),
}

impl ProfileLayout {
    /// The layout of `func`'s profile record.
    pub fn of(func: &Function) -> ProfileLayout {
        let mut layout = ProfileLayout::default();
        let loops = crate::osr::loops(func);
        let idom = crate::osr::dominators(func);
        layout.headers = loops.iter().map(|l| l.header as u32).collect();
        layout.predecessors = crate::osr::predecessors(func).iter().map(|p| p.len() as u32).collect();
        let predecessors = &layout.predecessors;
        // The innermost loop around each block: the smallest one containing it.
        let mut innermost: Vec<Option<usize>> = vec![None; func.blocks.len()];
        for (i, l) in loops.iter().enumerate() {
            for &b in &l.blocks {
                if innermost[b].is_none_or(|j| loops[j].blocks.len() > l.blocks.len()) {
                    innermost[b] = Some(i);
                }
            }
        }
        let in_loop = |l: Option<usize>, b: u32| l.is_none_or(|l| loops[l].blocks.contains(&(b as usize)));
        let is_back = |l: Option<usize>, b: u32| {
            l.is_some_and(|l| loops.iter().any(|o| o.header == b as usize && o.blocks.contains(&loops[l].header)))
        };
        for (b, &l) in innermost.iter().enumerate() {
            let mut flow = Flow::Exit;
            let mut loop_control = false;
            for (i, inst) in func.block_insts(b) {
                if let (Op::Call { .. } | Op::Invoke { .. }, Some(Value::Const(Const::Symbol(callee)))) =
                    (&inst.op, inst.operands.last())
                {
                    layout.calls.push((b as u32, *callee));
                }
                if let Op::Invoke { normal, .. } = &inst.op {
                    // Exceptions are rare: the block's count goes on to the normal destination.
                    flow = Flow::Jump(normal.0);
                }
                let kind = match &inst.op {
                    Op::Call { .. } | Op::Invoke { .. } if is_indirect_callee(inst.operands.last()) => {
                        SiteKind::IndirectCall
                    }
                    Op::CondBr(yes, no) => {
                        let (y, n) = (yes.0, no.0);
                        loop_control = in_loop(l, y) != in_loop(l, n) || is_back(l, y) != is_back(l, n);
                        let counts_true = match (in_loop(l, y), in_loop(l, n)) {
                            (false, true) => true,
                            (true, false) => false,
                            _ => match (is_back(l, y), is_back(l, n)) {
                                (true, false) => false,
                                (false, true) => true,
                                // Neither edge decides: one that is its target's only way in is counted in that
                                // target, without a block of its own (see tier 0's branch translation).
                                _ => predecessors[y as usize] == 1 || predecessors[n as usize] != 1,
                            },
                        };
                        let (counted, other) = if counts_true { (y, n) } else { (n, y) };
                        flow = Flow::Branch { counted, other, word: layout.words };
                        SiteKind::Branch { counts_true }
                    }
                    Op::Switch { default, cases } => {
                        let mut to: Vec<(u32, u32)> = Vec::new();
                        for (k, d) in std::iter::once(default).chain(cases.iter().map(|c| &c.1)).enumerate() {
                            if !to.iter().any(|t| t.0 == d.0) {
                                to.push((d.0, layout.words + k as u32));
                            }
                        }
                        flow = Flow::Counted(to);
                        SiteKind::Switch { successors: cases.len() as u32 + 1 }
                    }
                    Op::Br(to) => {
                        flow = Flow::Jump(to.0);
                        continue;
                    }
                    Op::IndirectBr(dests) => {
                        flow = Flow::Even(dests.iter().map(|d| d.0).collect());
                        continue;
                    }
                    _ => continue,
                };
                let loop_control = loop_control && matches!(kind, SiteKind::Branch { .. });
                let sample_loop = l
                    .filter(|&l| kind == SiteKind::IndirectCall && dominates(&idom, loops[l].header, b))
                    .map(|l| l as u32);
                layout.sites.push(Site {
                    kind,
                    inst: i,
                    block: b as u32,
                    offset: layout.words,
                    loop_control,
                    sample_loop,
                });
                layout.words += kind.words();
            }
            layout.flows.push(flow);
        }
        if layout.sites.iter().any(|s| s.kind.is_indirect_call()) {
            layout.call_key = Some(layout.words);
            layout.words += 1;
        }
        layout
    }

    /// Solves the function's flow: `entries` calls, the record's `words`, and `header_counts[l]` executions of
    /// loop `l`'s header (its loop counter; missing ones are unknown). Counts that do not follow are `None`.
    pub fn solve(&self, entries: u64, words: &[u64], header_counts: &[u64]) -> Solution {
        let n = self.flows.len();
        let word = |o: u32| words.get(o as usize).copied().unwrap_or(0);
        let mut count: Vec<Option<u64>> = vec![None; n];
        for (l, &h) in self.headers.iter().enumerate() {
            if let (Some(&c), Some(slot)) = (header_counts.get(l), count.get_mut(h as usize)) {
                *slot = Some(c);
            }
        }
        // Per block with a conditional branch: how often its uncounted edge was taken.
        let mut other: Vec<Option<u64>> = vec![None; n];
        // Incoming edges: (from block, which edge of it).
        #[derive(Clone, Copy)]
        enum Edge {
            All,
            Word(u32),
            Other,
            Share(u64),
        }
        let mut incoming: Vec<Vec<(usize, Edge)>> = vec![Vec::new(); n];
        for (b, flow) in self.flows.iter().enumerate() {
            match flow {
                Flow::Exit => {}
                Flow::Jump(to) => incoming[*to as usize].push((b, Edge::All)),
                Flow::Branch { counted, other, word } => {
                    incoming[*counted as usize].push((b, Edge::Word(*word)));
                    incoming[*other as usize].push((b, Edge::Other));
                }
                Flow::Counted(edges) => {
                    edges.iter().for_each(|&(to, o)| incoming[to as usize].push((b, Edge::Word(o))))
                }
                Flow::Even(to) => to.iter().for_each(|&t| incoming[t as usize].push((b, Edge::Share(to.len() as u64)))),
            }
        }
        for _ in 0..4 * n.max(1) {
            let mut changed = false;
            for b in 0..n {
                let taken = |from: usize, e: Edge, count: &[Option<u64>], other: &[Option<u64>]| match e {
                    Edge::All => count[from],
                    Edge::Word(o) => Some(word(o)),
                    Edge::Other => other[from],
                    Edge::Share(k) => count[from].map(|c| c / k.max(1)),
                };
                let base = if b == 0 { entries } else { 0 };
                let inflows: Vec<Option<u64>> = incoming[b].iter().map(|&(p, e)| taken(p, e, &count, &other)).collect();
                if count[b].is_none() && inflows.iter().all(Option::is_some) {
                    count[b] = Some(inflows.iter().flatten().fold(base, |a, &x| a.saturating_add(x)));
                    changed = true;
                }
                if let Flow::Branch { word: w, .. } = self.flows[b] {
                    match (count[b], other[b]) {
                        (Some(c), None) => {
                            other[b] = Some(c.saturating_sub(word(w)));
                            changed = true;
                        }
                        (None, Some(o)) => {
                            count[b] = Some(o.saturating_add(word(w)));
                            changed = true;
                        }
                        _ => {}
                    }
                }
                // A known count with exactly one unknown incoming edge determines that edge.
                if let Some(c) = count[b] {
                    let unknown: Vec<usize> = (0..inflows.len()).filter(|&k| inflows[k].is_none()).collect();
                    if let [k] = unknown[..] {
                        let rest = inflows.iter().flatten().fold(base, |a, &x| a.saturating_add(x));
                        let value = c.saturating_sub(rest);
                        let (p, e) = incoming[b][k];
                        match e {
                            Edge::All if count[p].is_none() => count[p] = Some(value),
                            Edge::Other if other[p].is_none() => other[p] = Some(value),
                            _ => continue,
                        }
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let branches = self
            .sites
            .iter()
            .filter_map(|s| match s.kind {
                SiteKind::Branch { counts_true } => Some((s.block as usize, s.offset, counts_true)),
                _ => None,
            })
            .map(|(b, o, counts_true)| other[b].map(|rest| if counts_true { (word(o), rest) } else { (rest, word(o)) }))
            .collect();
        Solution { blocks: count, branches }
    }

    /// How many times each block ran (0 where the counts do not tell): see [`ProfileLayout::solve`].
    pub fn block_counts(&self, entries: u64, words: &[u64], header_counts: &[u64]) -> Vec<u64> {
        self.solve(entries, words, header_counts).blocks.into_iter().map(|c| c.unwrap_or(0)).collect()
    }

    /// Calls made by each direct call site's callee, summed per callee: `(callee, calls)`, most first, from the
    /// estimated block counts.
    pub fn call_counts(&self, entries: u64, words: &[u64], header_counts: &[u64]) -> Vec<(Symbol, u64)> {
        let counts = self.block_counts(entries, words, header_counts);
        let mut out: Vec<(Symbol, u64)> = Vec::new();
        for &(b, callee) in &self.calls {
            let c = counts.get(b as usize).copied().unwrap_or(0);
            match out.iter_mut().find(|e| e.0 == callee) {
                Some(e) => e.1 = e.1.saturating_add(c),
                None => out.push((callee, c)),
            }
        }
        out.sort_by_key(|e| std::cmp::Reverse(e.1));
        out
    }

    /// Per instruction of a function with `insts` instructions: its site's offset and kind, if it is one.
    pub fn sites_by_instruction(&self, insts: usize) -> Vec<Option<(u32, SiteKind)>> {
        let mut out = vec![None; insts];
        for s in &self.sites {
            if let Some(slot) = out.get_mut(s.inst as usize) {
                *slot = Some((s.offset, s.kind));
            }
        }
        out
    }
}

/// Whether block `a` dominates block `b`, given the immediate dominators (`usize::MAX` for unreachable blocks).
fn dominates(idom: &[usize], a: usize, mut b: usize) -> bool {
    loop {
        if a == b {
            return true;
        }
        match idom.get(b) {
            Some(&d) if d != b && d != usize::MAX => b = d,
            _ => return false,
        }
    }
}

/// Whether a call's callee operand is a value computed at run time (a function pointer), not a function or a
/// constant.
pub fn is_indirect_callee(callee: Option<&Value>) -> bool {
    matches!(callee, Some(Value::Inst(_) | Value::Arg(_)))
}

/// Where the counts of a site are while tier-0 code runs: the function's profile record and the routine that
/// records an indirect call's target when it is not the site's first one.
#[derive(Clone, Debug)]
pub struct ProfileProbe {
    /// Address of the function's profile record (`ProfileLayout::words` words).
    pub record: u64,
    /// `fn(site: *mut u64, target: u64)` in Cranelift's `preserve_all` convention, called with the site's first
    /// word and the callee when a sampled call's callee is not the target in pair 0.
    pub indirect_call_miss: u64,
    /// The layout the record follows.
    pub layout: ProfileLayout,
}

#[cfg(test)]
mod tests {
    use super::*;
    use tierlift_ir::{FuncId, Module};

    #[test]
    fn calls_of_a_silenced_counter_are_not_sampled() {
        assert!(!is_sampled(SILENCED_COUNT));
    }

    #[test]
    fn sites_follow_blocks_then_instructions() {
        let m = Module::parse(
            b"define i32 @f(ptr %p, i32 %x) {
entry:
  %a = call i32 %p(i32 %x)
  %c = icmp eq i32 %a, 0
  br i1 %c, label %sw, label %done
sw:
  %b = call i32 @f(ptr %p, i32 %a)
  switch i32 %b, label %done [ i32 1, label %entry2
                               i32 2, label %done ]
entry2:
  %d = call i32 %p(i32 %b)
  br label %done
done:
  ret i32 0
}
",
        )
        .unwrap();
        let layout = ProfileLayout::of(&m.function(FuncId(0)));
        let kinds: Vec<SiteKind> = layout.sites.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            vec![
                SiteKind::IndirectCall,
                SiteKind::Branch { counts_true: true },
                SiteKind::Switch { successors: 3 },
                SiteKind::IndirectCall
            ]
        );
        let offsets: Vec<u32> = layout.sites.iter().map(|s| s.offset).collect();
        let w = INDIRECT_CALL_WORDS;
        assert_eq!(offsets, vec![0, w, w + 1, w + 4]);
        // The sites' words, then the word that counts calls for sampling.
        assert_eq!(layout.words, 2 * w + 5);
        assert_eq!(layout.call_key, Some(2 * w + 4));
        assert_eq!(layout.sites.iter().map(|s| s.block).collect::<Vec<_>>(), vec![0, 0, 1, 2]);
        // The direct call of @f is not a site.
        let by_inst = layout.sites_by_instruction(m.function(FuncId(0)).insts.len());
        assert_eq!(by_inst.iter().flatten().count(), 4);
    }

    #[test]
    fn block_counts_follow_the_counted_edges_around_loops() {
        let m = Module::parse(
            b"declare void @g()
define void @f(i32 %n) {
entry:
  br label %head
head:
  %i = phi i32 [ 0, %entry ], [ %i1, %latch ]
  %c = icmp slt i32 %i, %n
  br i1 %c, label %body, label %done
body:
  call void @g()
  br label %latch
latch:
  %i1 = add i32 %i, 1
  br label %head
done:
  call void @g()
  call void @g()
  ret void
}
",
        )
        .unwrap();
        let layout = ProfileLayout::of(&m.function(FuncId(0)));
        // The loop's exit edge is the one counted, not the edge taken at every iteration.
        assert_eq!(layout.sites[0].kind, SiteKind::Branch { counts_true: false });
        assert!(layout.sites[0].loop_control);
        // Two calls of @f ran the loop 10 times in all: the header ran 12 times (its loop counter), the branch
        // left the loop twice.
        let words = vec![2];
        let solution = layout.solve(2, &words, &[12]);
        assert_eq!(solution.blocks, vec![Some(2), Some(12), Some(10), Some(10), Some(2)]);
        assert_eq!(solution.branches, vec![Some((10, 2))]);
        // Without the header's counter the loop's count still follows from the entries and the exits... only
        // if the body's count is known; here it is not, and the solver says so.
        let unknown = layout.solve(2, &words, &[]);
        assert_eq!(unknown.blocks[0], Some(2));
        assert_eq!(unknown.branches, vec![None]);
        let calls = layout.call_counts(2, &words, &[12]);
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].1, 14);
    }

    #[test]
    fn an_invoke_passes_its_blocks_count_to_its_normal_destination() {
        let m = Module::parse(
            b"declare void @g()
declare i32 @__gxx_personality_v0(...)
define void @f(i32 %n) personality ptr @__gxx_personality_v0 {
entry:
  br label %head
head:
  %i = phi i32 [ 0, %entry ], [ %i1, %latch ]
  %c = icmp slt i32 %i, %n
  br i1 %c, label %body, label %done
body:
  invoke void @g() to label %latch unwind label %pad
latch:
  %i1 = add i32 %i, 1
  invoke void @g() to label %head unwind label %pad
pad:
  %lp = landingpad { ptr, i32 } cleanup
  resume { ptr, i32 } %lp
done:
  ret void
}
",
        )
        .unwrap();
        let layout = ProfileLayout::of(&m.function(FuncId(0)));
        let solution = layout.solve(2, &[2], &[12]);
        // entry, head, body, latch (reached through the first invoke), the landing pad (never), done.
        assert_eq!(solution.blocks, vec![Some(2), Some(12), Some(10), Some(10), Some(0), Some(2)]);
        // Both invokes of @g ran ten times.
        let calls = layout.call_counts(2, &[2], &[12]);
        assert_eq!(calls.iter().map(|c| c.1).collect::<Vec<_>>(), vec![20]);
    }

    #[test]
    fn indirect_calls_are_sampled_by_the_counter_of_the_loop_that_dominates_them() {
        let m = Module::parse(
            b"define void @f(ptr %p, i32 %n) {
entry:
  call void %p()
  br label %outer
outer:
  %i = phi i32 [ 0, %entry ], [ %i1, %outer.latch ]
  call void %p()
  br label %inner
inner:
  %j = phi i32 [ 0, %outer ], [ %j1, %inner ]
  call void %p()
  %j1 = add i32 %j, 1
  %c = icmp slt i32 %j1, %n
  br i1 %c, label %inner, label %outer.latch
outer.latch:
  %i1 = add i32 %i, 1
  %d = icmp slt i32 %i1, %n
  br i1 %d, label %outer, label %done
done:
  call void %p()
  ret void
}
",
        )
        .unwrap();
        let f = m.function(FuncId(0));
        let layout = ProfileLayout::of(&f);
        let headers = crate::loop_headers(&f);
        let calls: Vec<Option<usize>> = layout
            .sites
            .iter()
            .filter(|s| s.kind.is_indirect_call())
            .map(|s| s.sample_loop.map(|l| headers[l as usize]))
            .collect();
        // Outside loops the entry counter decides; in a loop, its innermost loop's header counter.
        assert_eq!(calls, vec![None, Some(1), Some(2), None]);
    }

    #[test]
    fn a_call_in_a_loop_entered_at_two_blocks_is_sampled_by_the_entry_counter() {
        // Neither block of the a <-> b cycle dominates the other: whichever one is the loop's header, only the call
        // in it follows that header's counter; the other block can be reached without passing the header, so its
        // call follows the entry counter.
        let m = Module::parse(
            b"define void @f(ptr %p, i1 %c, i32 %n) {
entry:
  br i1 %c, label %a, label %b
a:
  %i = phi i32 [ 0, %entry ], [ %j1, %b ]
  call void %p()
  %i1 = add i32 %i, 1
  br label %b
b:
  %j = phi i32 [ 0, %entry ], [ %i1, %a ]
  call void %p()
  %j1 = add i32 %j, 1
  %d = icmp slt i32 %j1, %n
  br i1 %d, label %a, label %done
done:
  ret void
}
",
        )
        .unwrap();
        let f = m.function(FuncId(0));
        let layout = ProfileLayout::of(&f);
        let headers = crate::loop_headers(&f);
        assert_eq!(headers.len(), 1);
        let calls: Vec<(bool, Option<u32>)> = layout
            .sites
            .iter()
            .filter(|s| s.kind.is_indirect_call())
            .map(|s| (headers[0] == s.block as usize, s.sample_loop))
            .collect();
        assert_eq!(calls.len(), 2);
        for (in_header, sample_loop) in calls {
            assert_eq!(sample_loop, in_header.then_some(0));
        }
    }

    #[test]
    fn sampling_treats_every_residue_class_of_a_period_alike() {
        // A loop that calls a fixed sequence of `period` targets: each position of the sequence gets its share
        // of the samples, whatever the period.
        let n = 1u64 << 18;
        for period in 1..=100u64 {
            let mut samples = vec![0u64; period as usize];
            (1..=n).filter(|&c| is_sampled(c)).for_each(|c| samples[(c % period) as usize] += 1);
            let expected = n / INDIRECT_CALL_SAMPLE_PERIOD / period;
            for (r, &k) in samples.iter().enumerate() {
                assert!(
                    k * 10 >= expected * 7 && k * 10 <= expected * 13,
                    "period {period}, position {r}: {k} samples, expected about {expected}"
                );
            }
        }
    }

    #[test]
    fn diamonds_resolve_from_the_counted_edge() {
        let m = Module::parse(
            b"define i32 @f(i1 %c) {
entry:
  br i1 %c, label %a, label %b
a:
  br label %join
b:
  br label %join
join:
  ret i32 0
}
",
        )
        .unwrap();
        let layout = ProfileLayout::of(&m.function(FuncId(0)));
        let solution = layout.solve(100, &[30], &[]);
        assert_eq!(solution.blocks, vec![Some(100), Some(30), Some(70), Some(100)]);
        assert_eq!(solution.branches, vec![Some((30, 70))]);
    }
}
