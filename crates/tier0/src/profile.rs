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
//! | conditional `br` | `[false edge, true edge]` |
//! | `switch` with N cases | N + 1 words, one per successor operand (default first): an execution counts in the word of the first operand that names the destination taken |
//! | indirect `call` | [`INDIRECT_CALL_TARGETS`] pairs `[target, count]`, then the number of calls that missed pair 0 |
//!
//! `indirectbr` is not a site (it becomes a `switch` in the LLVM tiers, which then see a site tier 0 does not
//! count; the layouts differ and the function simply gets no profile).

use tierlift_ir::{Const, Function, Op, Symbol, Value};

/// How many targets an indirect call site remembers.
pub const INDIRECT_CALL_TARGETS: usize = 4;

/// Words of an indirect call site.
pub const INDIRECT_CALL_WORDS: u32 = 2 * INDIRECT_CALL_TARGETS as u32 + 1;

/// What a site counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteKind {
    /// A conditional `br`.
    Branch,
    /// A `switch` with this many successor operands (the default and one per case).
    Switch {
        /// Successor operands (cases + 1).
        successors: u32,
    },
    /// A `call` through a function pointer.
    IndirectCall,
}

impl SiteKind {
    /// Words the site owns in the profile record.
    pub fn words(self) -> u32 {
        match self {
            SiteKind::Branch => 2,
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
}

/// Where the executions of a block go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Nowhere in the function (`ret`, `unreachable`, ...).
    Exit,
    /// All to one block.
    Jump(u32),
    /// To each block, as many times as the word at that offset of the record counted.
    Counted(Vec<(u32, u32)>),
    /// Split evenly between these blocks (not counted: `indirectbr`).
    Even(Vec<u32>),
}

impl ProfileLayout {
    /// The layout of `func`'s profile record.
    pub fn of(func: &Function) -> ProfileLayout {
        let mut layout = ProfileLayout::default();
        for b in 0..func.blocks.len() {
            let mut flow = Flow::Exit;
            for (i, inst) in func.block_insts(b) {
                if let (Op::Call { .. }, Some(Value::Const(Const::Symbol(callee)))) = (&inst.op, inst.operands.last()) {
                    layout.calls.push((b as u32, *callee));
                }
                flow = match &inst.op {
                    Op::Br(to) => Flow::Jump(to.0),
                    Op::CondBr(yes, no) => Flow::Counted(vec![(no.0, layout.words), (yes.0, layout.words + 1)]),
                    Op::Switch { default, cases } => {
                        let mut to: Vec<(u32, u32)> = Vec::new();
                        for (k, d) in std::iter::once(default).chain(cases.iter().map(|c| &c.1)).enumerate() {
                            if !to.iter().any(|t| t.0 == d.0) {
                                to.push((d.0, layout.words + k as u32));
                            }
                        }
                        Flow::Counted(to)
                    }
                    Op::IndirectBr(dests) => Flow::Even(dests.iter().map(|d| d.0).collect()),
                    _ => flow,
                };
                let kind = match &inst.op {
                    Op::Call { .. } if is_indirect_callee(inst.operands.last()) => SiteKind::IndirectCall,
                    Op::CondBr(..) => SiteKind::Branch,
                    Op::Switch { cases, .. } => SiteKind::Switch { successors: cases.len() as u32 + 1 },
                    _ => continue,
                };
                layout.sites.push(Site { kind, inst: i, block: b as u32, offset: layout.words });
                layout.words += kind.words();
            }
            layout.flows.push(flow);
        }
        layout
    }

    /// How many times each block ran, estimated from the function's `entries` and its record `words`: the entry
    /// block runs once per entry, a block whose terminator was counted passes on what was counted per edge, any
    /// other block passes on all it received (split evenly at an `indirectbr`). Loops converge in a few passes.
    pub fn block_counts(&self, entries: u64, words: &[u64]) -> Vec<u64> {
        let n = self.flows.len();
        let word = |o: u32| words.get(o as usize).copied().unwrap_or(0);
        // Incoming edges per block: (from, Some(word)) for a counted edge, (from, None) for a share of `from`.
        let mut incoming: Vec<Vec<(usize, Option<u32>)>> = vec![Vec::new(); n];
        let targets = |flow: &Flow| -> Vec<u32> {
            match flow {
                Flow::Exit => Vec::new(),
                Flow::Jump(to) => vec![*to],
                Flow::Counted(edges) => edges.iter().map(|e| e.0).collect(),
                Flow::Even(to) => to.clone(),
            }
        };
        for (b, flow) in self.flows.iter().enumerate() {
            match flow {
                Flow::Exit => {}
                Flow::Jump(to) => incoming[*to as usize].push((b, None)),
                Flow::Counted(edges) => edges.iter().for_each(|&(to, o)| incoming[to as usize].push((b, Some(o)))),
                Flow::Even(to) => to.iter().for_each(|&t| incoming[t as usize].push((b, None))),
            }
        }
        // Reverse postorder, so that a pass sees every forward edge's source before its destination.
        let mut order = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        let mut stack: Vec<(usize, usize)> = Vec::new();
        if n > 0 {
            seen[0] = true;
            stack.push((0, 0));
        }
        while let Some(&mut (b, ref mut k)) = stack.last_mut() {
            let succ = targets(&self.flows[b]);
            if let Some(&s) = succ.get(*k) {
                *k += 1;
                if !seen[s as usize] {
                    seen[s as usize] = true;
                    stack.push((s as usize, 0));
                }
            } else {
                order.push(b);
                stack.pop();
            }
        }
        order.reverse();
        let mut counts = vec![0u64; n];
        // Each pass settles one more level of loop nesting.
        for _ in 0..16 {
            let mut changed = false;
            for &b in &order {
                let mut c = if b == 0 { entries } else { 0 };
                for &(from, edge) in &incoming[b] {
                    let flow = match (edge, &self.flows[from]) {
                        (Some(o), _) => word(o),
                        (None, Flow::Even(to)) => counts[from] / to.len().max(1) as u64,
                        (None, _) => counts[from],
                    };
                    c = c.saturating_add(flow);
                }
                changed |= counts[b] != c;
                counts[b] = c;
            }
            if !changed {
                break;
            }
        }
        counts
    }

    /// Calls made by each direct call site's callee, summed per callee: `(callee, calls)`, most first, from the
    /// estimated block counts.
    pub fn call_counts(&self, entries: u64, words: &[u64]) -> Vec<(Symbol, u64)> {
        let counts = self.block_counts(entries, words);
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

    /// Per instruction of a function with `insts` instructions: the offset of its site, if it is one.
    pub fn offsets_by_instruction(&self, insts: usize) -> Vec<Option<u32>> {
        let mut out = vec![None; insts];
        for s in &self.sites {
            if let Some(slot) = out.get_mut(s.inst as usize) {
                *slot = Some(s.offset);
            }
        }
        out
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
    /// `extern "C" fn(site: *mut u64, target: u64)`, called with the site's first word and the callee when the
    /// callee is not the target in pair 0.
    pub indirect_call_miss: u64,
    /// The layout the record follows.
    pub layout: ProfileLayout,
}

#[cfg(test)]
mod tests {
    use super::*;
    use tierlift_ir::{FuncId, Module};

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
            vec![SiteKind::IndirectCall, SiteKind::Branch, SiteKind::Switch { successors: 3 }, SiteKind::IndirectCall]
        );
        let offsets: Vec<u32> = layout.sites.iter().map(|s| s.offset).collect();
        let w = INDIRECT_CALL_WORDS;
        assert_eq!(offsets, vec![0, w, w + 2, w + 5]);
        assert_eq!(layout.words, 2 * w + 5);
        assert_eq!(layout.sites.iter().map(|s| s.block).collect::<Vec<_>>(), vec![0, 0, 1, 2]);
        // The direct call of @f is not a site.
        let by_inst = layout.offsets_by_instruction(m.function(FuncId(0)).insts.len());
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
        // Two calls of @f ran the loop 10 times in all: the branch went to %body 10 times and to %done twice.
        let words = vec![2, 10];
        assert_eq!(layout.block_counts(2, &words), vec![2, 12, 10, 10, 2]);
        let calls = layout.call_counts(2, &words);
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].1, 14);
    }
}
