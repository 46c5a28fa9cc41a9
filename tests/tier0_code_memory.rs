//! Tier-0 functions share large code regions: compiling many small functions adds neither a mapping nor a page
//! per function, and every one of them runs and returns its own result.

use tierlift::{Jit, Tier, TierMode};

const FUNCTIONS: usize = 500;

/// `@f<i>(x) = x * (i + 3) + i`, with a branch in every third function.
fn module() -> String {
    let mut ir = String::new();
    for i in 0..FUNCTIONS {
        if i % 3 == 0 {
            ir.push_str(&format!(
                "define i64 @f{i}(i64 %x) {{\nentry:\n  %neg = icmp slt i64 %x, 0\n  br i1 %neg, label %n, label %p\n\
                 n:\n  ret i64 0\np:\n  %m = mul i64 %x, {}\n  %r = add i64 %m, {i}\n  ret i64 %r\n}}\n",
                i + 3
            ));
        } else {
            ir.push_str(&format!(
                "define i64 @f{i}(i64 %x) {{\n  %m = mul i64 %x, {}\n  %r = add i64 %m, {i}\n  ret i64 %r\n}}\n",
                i + 3
            ));
        }
    }
    ir
}

/// The number of mappings of this process, and the kilobytes mapped executable.
fn mappings() -> (usize, u64) {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    let exec_kb = maps
        .lines()
        .filter_map(|l| {
            let mut fields = l.split_whitespace();
            let (range, perms) = (fields.next()?, fields.next()?);
            let (a, b) = range.split_once('-')?;
            let len = u64::from_str_radix(b, 16).ok()? - u64::from_str_radix(a, 16).ok()?;
            (perms.as_bytes().get(2) == Some(&b'x')).then_some(len / 1024)
        })
        .sum();
    (maps.lines().count(), exec_kb)
}

fn call(m: &tierlift::LoadedModule, i: usize, x: i64) -> i64 {
    // SAFETY: every `@f<i>` is `i64 (i64)` and only computes.
    let f = unsafe { m.get_function::<extern "C" fn(i64) -> i64>(&format!("f{i}")) }.unwrap();
    f.call(x)
}

#[test]
fn many_small_tier0_functions_add_no_mapping_and_no_page_each() {
    let jit = Jit::builder().mode(TierMode::Tier0).build();
    let m = jit.load_bytes(module().as_bytes()).unwrap();
    // The first function maps the module's first region.
    assert_eq!(call(&m, 0, 5), 15);
    let (maps_before, exec_before) = mappings();
    for i in 1..FUNCTIONS {
        assert_eq!(call(&m, i, 7), 7 * (i as i64 + 3) + i as i64, "@f{i}");
    }
    let (maps_after, exec_after) = mappings();
    let stats = m.stats();
    for i in 0..FUNCTIONS {
        assert_eq!(stats.function(&format!("f{i}")).map(|f| f.tier), Some(Tier::Tier0), "@f{i} ran in tier 0");
    }
    assert!(maps_after < maps_before + 10, "{FUNCTIONS} tier-0 functions: mappings {maps_before} -> {maps_after}");
    // A page per function would be 2,000 kB.
    assert!(
        exec_after < exec_before + 512,
        "{FUNCTIONS} tier-0 functions: executable memory {exec_before} -> {exec_after} kB"
    );
    // Every function still returns its own result when called again.
    for i in (0..FUNCTIONS).rev() {
        assert_eq!(call(&m, i, -1), if i % 3 == 0 { 0 } else { -(i as i64 + 3) + i as i64 }, "@f{i}");
    }
}
