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

use tierlift_ir::{Function, Op, Value};

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

/// The sites of a function and the size of its profile record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProfileLayout {
    /// Sites in their fixed order.
    pub sites: Vec<Site>,
    /// Words of the profile record.
    pub words: u32,
}

impl ProfileLayout {
    /// The layout of `func`'s profile record.
    pub fn of(func: &Function) -> ProfileLayout {
        let mut layout = ProfileLayout::default();
        for b in 0..func.blocks.len() {
            for (i, inst) in func.block_insts(b) {
                let kind = match &inst.op {
                    Op::Call { .. } if is_indirect_callee(inst.operands.last()) => SiteKind::IndirectCall,
                    Op::CondBr(..) => SiteKind::Branch,
                    Op::Switch { cases, .. } => SiteKind::Switch { successors: cases.len() as u32 + 1 },
                    _ => continue,
                };
                layout.sites.push(Site { kind, inst: i, block: b as u32, offset: layout.words });
                layout.words += kind.words();
            }
        }
        layout
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
}
