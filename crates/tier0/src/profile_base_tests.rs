//! How translated code addresses the profile record: from one base value in functions with loops or several
//! counting sites, from a constant address per count elsewhere.

use crate::FuncEnv;
use crate::profile::{ProfileLayout, ProfileProbe};
use cranelift_codegen::ir::Function as ClifFunction;
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::FunctionBuilderContext;
use tierlift_ir::{FuncId, Module, Symbol};

struct Env;

impl FuncEnv for Env {
    fn symbol_address(&self, _: Symbol) -> Option<u64> {
        Some(0x1000)
    }
    fn vararg_thunk(&self, _: u64) -> Option<u64> {
        None
    }
    fn libcall(&self, _: &str) -> Option<u64> {
        None
    }
}

/// The profile record's address.
const RECORD: u64 = 0x7654_0000;

/// The CLIF of function `index` of `ir`, instrumented with a profile record at [`RECORD`].
fn clif(ir: &str, index: u32) -> String {
    let m = Module::parse(ir.as_bytes()).unwrap();
    let body = m.function(FuncId(index));
    let loops = crate::osr::loops(&body);
    let instr = crate::Instrumentation {
        entry_counter: 0x5000,
        entry_threshold: 0x5008,
        count_entry: true,
        loop_records: (0..loops.len() as u64).map(|l| 0x6000 + 32 * l).collect(),
        osr_states: Vec::new(),
        batches: std::sync::Arc::new(crate::LoopBatches::innermost(&body, &loops)),
        hook: 0x7000,
        loop_batch: 0x7100,
        func_index: 1,
        profile: Some(ProfileProbe { record: RECORD, indirect_call_miss: 0x7200, layout: ProfileLayout::of(&body) }),
    };
    let config = TargetFrontendConfig {
        default_call_conv: CallConv::SystemV,
        pointer_width: target_lexicon::PointerWidth::U64,
        page_size_align_log2: 12,
    };
    let mut out = ClifFunction::new();
    crate::translate(&body, &Env, config, Some(&instr), &mut out, &mut FunctionBuilderContext::new()).unwrap();
    out.display().to_string()
}

/// How many constants in `clif` are addresses inside the profile record.
fn record_constants(clif: &str) -> usize {
    clif.lines()
        .filter_map(|l| l.split("iconst.i64 ").nth(1))
        .filter_map(|c| c.split_whitespace().next())
        .filter_map(|c| c.strip_prefix("0x").map(|h| u64::from_str_radix(&h.replace('_', ""), 16)))
        .filter_map(Result::ok)
        .filter(|&a| (RECORD..RECORD + 4096).contains(&a))
        .count()
}

const LOOP: &str = "define i64 @sum(ptr %p, i64 %n) {
entry:
  br label %head
head:
  %i = phi i64 [ 0, %entry ], [ %i1, %next ]
  %s = phi i64 [ 0, %entry ], [ %s2, %next ]
  %done = icmp sge i64 %i, %n
  br i1 %done, label %out, label %body
body:
  %a = getelementptr i64, ptr %p, i64 %i
  %v = load i64, ptr %a
  %odd = and i64 %v, 1
  %c = icmp eq i64 %odd, 0
  br i1 %c, label %even, label %next
even:
  %s1 = add i64 %s, %v
  br label %next
next:
  %s2 = phi i64 [ %s, %body ], [ %s1, %even ]
  %i1 = add i64 %i, 1
  br label %head
out:
  ret i64 %s
}
define i64 @one_branch(i64 %x) {
  %c = icmp slt i64 %x, 0
  br i1 %c, label %neg, label %pos
neg:
  ret i64 0
pos:
  ret i64 %x
}
";

#[test]
fn a_function_with_a_loop_addresses_its_profile_words_from_one_base() {
    let code = clif(LOOP, 0);
    // Two counted branches, one constant: the base, whose words the counts add to at offsets.
    assert_eq!(record_constants(&code), 1, "{code}");
    assert!(code.contains("bor"), "{code}");
}

#[test]
fn a_small_loop_free_function_counts_at_a_constant_address() {
    let code = clif(LOOP, 1);
    assert_eq!(record_constants(&code), 1, "{code}");
    assert!(!code.contains("bor"), "{code}");
}
