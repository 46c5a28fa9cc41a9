//! The state handed to an OSR entry holds what is live at the loop header, not everything defined before it.

use tierlift_ir::{Module, Op, Symbol};
use tierlift_tier0::osr::{StateValue, loops, osr_states};

const NESTED: &str = r#"
define i32 @f(i32 %n, ptr %unused) {
entry:
  br label %outer
outer:
  %i = phi i32 [ 0, %entry ], [ %i.next, %latch ]
  %acc = phi i32 [ 0, %entry ], [ %acc2, %latch ]
  %t = mul i32 %i, 3
  %base = add i32 %t, 1
  br label %inner
inner:
  %j = phi i32 [ 0, %outer ], [ %j.next, %inner ]
  %a = phi i32 [ %acc, %outer ], [ %a2, %inner ]
  %a2 = add i32 %a, %base
  %j.next = add i32 %j, 1
  %c = icmp slt i32 %j.next, %n
  br i1 %c, label %inner, label %latch
latch:
  %acc2 = add i32 %a2, 0
  %i.next = add i32 %i, 1
  %c2 = icmp slt i32 %i.next, %n
  br i1 %c2, label %outer, label %exit
exit:
  ret i32 %acc2
}
"#;

#[test]
fn inner_loop_state_is_what_is_live_at_its_header() {
    let module = Module::parse(NESTED.as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("f") else { panic!("no @f") };
    let f = module.function(id);
    // Layout numbering: entry `br` is 0; outer holds %i 1, %acc 2, %t 3, %base 4; inner starts with %j 6, %a 7.
    assert!(matches!(f.insts[1].op, Op::Phi { .. }) && matches!(f.insts[2].op, Op::Phi { .. }));
    assert!(matches!(f.insts[6].op, Op::Phi { .. }) && matches!(f.insts[7].op, Op::Phi { .. }));
    let ls = loops(&f);
    let states = osr_states(&f, &ls);
    let inner = ls.iter().position(|l| l.parent.is_some()).expect("an inner loop");
    let state = states[inner].clone().expect("enterable");
    // %n is used inside; %unused never. %i is used by the latch and %base by the inner body; %t only fed %base,
    // and %acc only reaches the inner header through its phi, which the state carries itself.
    assert_eq!(
        state,
        vec![StateValue::Arg(0), StateValue::Inst(1), StateValue::Inst(4), StateValue::Inst(6), StateValue::Inst(7)]
    );
    let outer = ls.iter().position(|l| l.parent.is_none()).expect("an outer loop");
    assert_eq!(
        states[outer].clone().expect("enterable"),
        vec![StateValue::Arg(0), StateValue::Inst(1), StateValue::Inst(2)]
    );
}

/// A function whose loops all carry a large state: `values` sums computed before the outer loop stay live through
/// every loop (they are added up after it).
fn many_loops(values: usize, inner: usize) -> String {
    let mut ir = String::from("define i64 @g(i64 %n) {\nentry:\n");
    for k in 0..values {
        ir.push_str(&format!("  %v{k} = mul i64 %n, {}\n", k + 3));
    }
    ir.push_str("  br label %outer\nouter:\n  %i = phi i64 [ 0, %entry ], [ %i.next, %latch ]\n  br label %l0\n");
    for j in 0..inner {
        let next = if j + 1 == inner { "latch".to_string() } else { format!("l{}", j + 1) };
        ir.push_str(&format!(
            "l{j}:\n  %c{j} = phi i64 [ 0, %{prev} ], [ %c{j}.next, %l{j} ]\n  %c{j}.next = add i64 %c{j}, 1\n  \
             %d{j} = icmp slt i64 %c{j}.next, %n\n  br i1 %d{j}, label %l{j}, label %{next}\n",
            prev = if j == 0 { "outer".to_string() } else { format!("l{}", j - 1) },
        ));
    }
    ir.push_str("latch:\n  %i.next = add i64 %i, 1\n  %again = icmp slt i64 %i.next, %n\n  br i1 %again, label %outer, label %done\ndone:\n");
    let mut acc = "%i.next".to_string();
    for k in 0..values {
        ir.push_str(&format!("  %s{k} = add i64 {acc}, %v{k}\n"));
        acc = format!("%s{k}");
    }
    ir.push_str(&format!("  ret i64 {acc}\n}}\n"));
    ir
}

#[test]
fn sites_stay_within_a_budget_outer_loops_first() {
    let module = Module::parse(many_loops(60, 12).as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("g") else { panic!("no @g") };
    let f = module.function(id);
    let ls = loops(&f);
    assert_eq!(ls.len(), 13);
    let states = osr_states(&f, &ls);
    let outer = ls.iter().position(|l| l.parent.is_none()).expect("the outer loop");
    let outer_state = states[outer].as_ref().expect("the outer loop keeps its site");
    // %n and the 60 sums are live at every header (the sums are used after the nest).
    assert!(outer_state.len() >= 61, "{}", outer_state.len());
    let kept: Vec<usize> = states.iter().flatten().map(Vec::len).collect();
    let total: usize = kept.iter().sum();
    assert!(kept.len() < ls.len(), "every loop kept its site: {kept:?}");
    assert!(total <= (f.insts.len() / 2).max(128), "{total} state values for {} instructions", f.insts.len());
}

/// A retry loop: the landing pad is the loop's header, reached again by the unwind edge of the invoke in the loop.
const RETRY: &str = r#"
declare i32 @f(i32)
declare i32 @__gxx_personality_v0(...)
define i32 @g() personality ptr @__gxx_personality_v0 {
entry:
  %r0 = invoke i32 @f(i32 0) to label %done unwind label %lp
lp:
  %n = phi i32 [ 0, %entry ], [ %n1, %lp ]
  %l = landingpad { ptr, i32 } catch ptr null
  %n1 = add i32 %n, 1
  %r = invoke i32 @f(i32 %n1) to label %done unwind label %lp
done:
  %res = phi i32 [ %r0, %entry ], [ %r, %lp ]
  ret i32 %res
}
"#;

#[test]
fn a_loop_whose_header_is_a_landing_pad_has_no_osr_site() {
    let module = Module::parse(RETRY.as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("g") else { panic!("no @g") };
    let f = module.function(id);
    let ls = loops(&f);
    assert_eq!(ls.len(), 1, "the retry loop");
    // An OSR entry would have to branch to the landing pad, which only an unwind edge may do.
    assert_eq!(osr_states(&f, &ls), vec![None]);
}

/// A loop carrying a `bfloat` phi (tier 0 declines the function; its LLVM O0 version leaves through these
/// states): no slot holds that value, so no loop of the function gets a site.
const BFLOAT_LOOP: &str = r#"
define bfloat @sum(ptr %p, i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %s = phi bfloat [ 0xR0000, %entry ], [ %s1, %loop ]
  %q = getelementptr bfloat, ptr %p, i64 %i
  %x = load bfloat, ptr %q
  %s1 = fadd bfloat %s, %x
  %i1 = add i64 %i, 1
  %c = icmp slt i64 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  ret bfloat %s1
}
"#;

/// A loop whose body holds an inline-assembly barrier that reads a local's address: the barrier is an instruction
/// the reader cannot model, but it has no result, so the loop keeps its site; the local escapes through it.
const ASM_LOOP: &str = r#"
define i64 @spin(i64 %n) {
entry:
  %slot = alloca i64
  store i64 0, ptr %slot
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  call void asm sideeffect "", "r,~{memory}"(ptr %slot)
  %v = load i64, ptr %slot
  %v1 = add i64 %v, %i
  store i64 %v1, ptr %slot
  %i1 = add i64 %i, 1
  %c = icmp slt i64 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  %r = load i64, ptr %slot
  ret i64 %r
}
"#;

#[test]
fn values_the_reader_cannot_model_keep_their_loops_out_only_when_they_have_a_result() {
    let module = Module::parse(BFLOAT_LOOP.as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("sum") else { panic!("no @sum") };
    let f = module.function(id);
    assert!(matches!(f.insts[2].op, Op::Unsupported(_)), "{:?}", f.insts[2].op);
    assert!(osr_states(&f, &loops(&f)).iter().all(Option::is_none));

    let module = Module::parse(ASM_LOOP.as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("spin") else { panic!("no @spin") };
    let f = module.function(id);
    // entry: %slot 0, store 1, br 2; loop: %i 3, the barrier 4.
    assert!(matches!(f.insts[4].op, Op::Unsupported(_)), "{:?}", f.insts[4].op);
    assert_eq!(f.insts[4].operands, vec![tierlift_ir::Value::Inst(0)]);
    let states = osr_states(&f, &loops(&f));
    assert_eq!(states, vec![Some(vec![StateValue::Arg(0), StateValue::Inst(0), StateValue::Inst(3)])]);
}

/// A loop in a function that tail-calls itself with `musttail`: an entry (which takes the state as its one
/// parameter) could not keep the call a `musttail` one.
const MUSTTAIL_LOOP: &str = r#"
define i64 @levels(i64 %n, i64 %acc) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %a = phi i64 [ %acc, %entry ], [ %a1, %loop ]
  %x = xor i64 %i, %n
  %a1 = add i64 %a, %x
  %i1 = add i64 %i, 1
  %c = icmp slt i64 %i1, 1000
  br i1 %c, label %loop, label %exit
exit:
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %next
done:
  ret i64 %a1
next:
  %m = sub i64 %n, 1
  %r = musttail call i64 @levels(i64 %m, i64 %a1)
  ret i64 %r
}
"#;

#[test]
fn a_function_with_a_musttail_call_has_no_osr_sites() {
    let module = Module::parse(MUSTTAIL_LOOP.as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("levels") else { panic!("no @levels") };
    let f = module.function(id);
    assert_eq!(loops(&f).len(), 1);
    assert_eq!(osr_states(&f, &loops(&f)), vec![None]);
    // The same loop without the `musttail` marker has its site.
    let plain = MUSTTAIL_LOOP.replace("musttail call", "call");
    let module = Module::parse(plain.as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("levels") else { panic!("no @levels") };
    let f = module.function(id);
    assert!(osr_states(&f, &loops(&f))[0].is_some());
}

/// An interpreter's shape at -O0: `%acc` is read at the top of each round; `%t` is written whole before it is read
/// on every path; `%pair` is written only in part before it is read; `%gone` ends its lifetime first.
const LOCALS_IN_A_LOOP: &str = r#"
declare void @llvm.lifetime.start.p0(i64, ptr)

define i64 @run(i64 %n) {
entry:
  %acc = alloca i64
  %t = alloca i64
  %pair = alloca { i64, i64 }
  %gone = alloca i64
  %i = alloca i64
  store i64 0, ptr %acc
  store i64 0, ptr %i
  br label %loop
loop:
  %iv = load i64, ptr %i
  %k = and i64 %iv, 1
  %odd = icmp eq i64 %k, 1
  br i1 %odd, label %one, label %two
one:
  store i64 %iv, ptr %t
  %second = getelementptr inbounds { i64, i64 }, ptr %pair, i64 0, i32 1
  store i64 %iv, ptr %second
  call void @llvm.lifetime.start.p0(i64 8, ptr %gone)
  br label %join
two:
  %x = mul i64 %iv, 3
  store i64 %x, ptr %t
  store i64 %x, ptr %gone
  br label %join
join:
  %tv = load i64, ptr %t
  %pv = load i64, ptr %pair
  %gv = load i64, ptr %gone
  %a = load i64, ptr %acc
  %a1 = add i64 %a, %tv
  %a2 = add i64 %a1, %pv
  %a3 = add i64 %a2, %gv
  store i64 %a3, ptr %acc
  %iv1 = add i64 %iv, 1
  store i64 %iv1, ptr %i
  %c = icmp slt i64 %iv1, %n
  br i1 %c, label %loop, label %exit
exit:
  %r = load i64, ptr %acc
  ret i64 %r
}
"#;

#[test]
fn locals_every_path_from_the_header_writes_before_reading_are_made_anew_by_the_entry() {
    let module = Module::parse(LOCALS_IN_A_LOOP.as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("run") else { panic!("no @run") };
    let f = module.function(id);
    let states = osr_states(&f, &loops(&f));
    // entry: %acc 0, %t 1, %pair 2, %gone 3, %i 4.
    let state = states[0].clone().expect("the loop has a site");
    let kind = |n: u32| state.iter().find(|v| matches!(v, StateValue::Local(i) | StateValue::DeadLocal(i) if *i == n));
    assert_eq!(kind(0), Some(&StateValue::Local(0)), "%acc is read first: {state:?}");
    assert_eq!(kind(1), Some(&StateValue::DeadLocal(1)), "%t is written whole first: {state:?}");
    assert_eq!(kind(2), Some(&StateValue::Local(2)), "%pair is written in part only: {state:?}");
    assert_eq!(kind(3), Some(&StateValue::DeadLocal(3)), "%gone starts its lifetime or is written: {state:?}");
    assert_eq!(kind(4), Some(&StateValue::Local(4)), "%i is read first: {state:?}");
}

/// `%hist`'s second element's address is computed before the loop (as clang -O1 hoists it) and used inside: it
/// comes in through the state, so the entry must keep working on the frame's object, not a copy.
const HOISTED_ELEMENT: &str = r#"
define i64 @tally(i64 %n) {
entry:
  %hist = alloca [4 x i64]
  %acc = alloca i64
  store i64 0, ptr %acc
  call void @llvm.memset.p0.i64(ptr %hist, i8 0, i64 32, i1 false)
  %second = getelementptr inbounds i8, ptr %hist, i64 8
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %k = and i64 %i, 3
  %at = getelementptr inbounds [4 x i64], ptr %hist, i64 0, i64 %k
  %v = load i64, ptr %at
  %v1 = add i64 %v, 1
  store i64 %v1, ptr %at
  %s = load i64, ptr %second
  %a = load i64, ptr %acc
  %a1 = add i64 %a, %s
  store i64 %a1, ptr %acc
  %i1 = add i64 %i, 1
  %c = icmp slt i64 %i1, %n
  br i1 %c, label %loop, label %exit
exit:
  %r = load i64, ptr %acc
  ret i64 %r
}
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
"#;

#[test]
fn a_local_whose_element_address_comes_in_through_the_state_is_not_copied() {
    let module = Module::parse(HOISTED_ELEMENT.as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("tally") else { panic!("no @tally") };
    let f = module.function(id);
    let state = osr_states(&f, &loops(&f))[0].clone().expect("the loop has a site");
    // entry: %hist 0, %acc 1, store 2, memset 3, %second 4.
    assert!(state.contains(&StateValue::Inst(0)), "%hist stays the frame's: {state:?}");
    assert!(state.contains(&StateValue::Inst(4)), "{state:?}");
    assert!(state.contains(&StateValue::Local(1)), "%acc is still copied: {state:?}");
}

/// Blocks laid out in another order than the dominator tree's: `late` dominates `mid`, which dominates the loop,
/// but `mid` comes first in the function.
const LAYOUT_NOT_DOMINANCE: &str = r#"
define i32 @f(i32 %n) {
entry:
  %e = add i32 %n, 1
  br label %late
mid:
  %m = mul i32 %l, 5
  br label %loop
late:
  %l = mul i32 %e, 3
  br label %mid
loop:
  %i = phi i32 [ 0, %mid ], [ %i.next, %loop ]
  %s = add i32 %i, %m
  %s2 = add i32 %s, %l
  %s3 = add i32 %s2, %e
  %i.next = add i32 %i, 1
  %c = icmp slt i32 %i.next, %s3
  br i1 %c, label %loop, label %exit
exit:
  ret i32 %i.next
}
"#;

#[test]
fn state_values_follow_the_dominator_tree_not_the_layout() {
    let module = Module::parse(LAYOUT_NOT_DOMINANCE.as_bytes()).unwrap();
    let Some(Symbol::Func(id)) = module.symbol("f") else { panic!("no @f") };
    let f = module.function(id);
    // Layout numbering: %e 0, br 1, %m 2, br 3, %l 4, br 5, %i 6.
    assert!(matches!(f.insts[6].op, Op::Phi { .. }));
    let state = osr_states(&f, &loops(&f))[0].clone().expect("enterable");
    // Entry's %e, then late's %l, then mid's %m (though %m comes before %l in the function), then the phi.
    assert_eq!(state, vec![StateValue::Inst(0), StateValue::Inst(4), StateValue::Inst(2), StateValue::Inst(6)]);
}
