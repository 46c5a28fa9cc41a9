//! C++ virtual tables hold their functions' current code: a virtual call is one indirect call, with no stub in
//! between, in every tier; the entries follow each install; every other stored function pointer stays the stub.

mod common;

use tierlift::{Jit, Tier, TierMode};

/// A class with one virtual function (`area`, the square of the object's second word), its virtual table, a
/// plain table of pointers to the same function, and a virtual call site.
const CLASSES: &str = r#"
@_ZTV6Square = linkonce_odr constant { [3 x ptr] } { [3 x ptr] [ptr null, ptr null, ptr @_ZN6Square4areaEv] }
@handlers = constant [1 x ptr] [ptr @_ZN6Square4areaEv]

define linkonce_odr i64 @_ZN6Square4areaEv(ptr %this) {
  %side.p = getelementptr inbounds i8, ptr %this, i64 8
  %side = load i64, ptr %side.p
  %r = mul i64 %side, %side
  ret i64 %r
}

define i64 @area_of(ptr %shape) {
  %vtable = load ptr, ptr %shape
  %f = load ptr, ptr %vtable
  %r = call i64 %f(ptr %shape)
  ret i64 %r
}

define i1 @handler_is_area() {
  %h = load ptr, ptr @handlers
  %eq = icmp eq ptr %h, @_ZN6Square4areaEv
  ret i1 %eq
}
"#;

const AREA: &str = "_ZN6Square4areaEv";

/// An object of the class: its virtual table pointer and its side.
#[repr(C)]
struct Square {
    vtable: usize,
    side: i64,
}

/// Reads the pointer-sized word at `address`.
fn word(address: usize) -> usize {
    // SAFETY: every address read here is a pointer-sized global of a module the caller keeps loaded.
    unsafe { (address as *const usize).read_volatile() }
}

struct Loaded {
    module: tierlift::LoadedModule,
    /// The virtual table's entry for `area`.
    entry: usize,
    /// The plain table's pointer to `area`.
    handler: usize,
    stub: usize,
    object: Box<Square>,
}

fn load(jit: &Jit) -> Loaded {
    let module = jit.load_bytes(CLASSES.as_bytes()).unwrap();
    let table = module.symbol_address("_ZTV6Square").unwrap();
    let object = Box::new(Square { vtable: table + 16, side: 7 });
    Loaded {
        entry: table + 16,
        handler: module.symbol_address("handlers").unwrap(),
        stub: module.function_address(AREA).unwrap(),
        object,
        module,
    }
}

impl Loaded {
    fn area(&self) -> i64 {
        // SAFETY: @area_of is i64 (ptr), and the object is laid out as the IR reads it.
        let area_of = unsafe { self.module.get_function::<extern "C" fn(*const Square) -> i64>("area_of").unwrap() };
        area_of.call(&*self.object)
    }

    fn tier(&self) -> String {
        let stats = self.module.stats();
        let f = stats.functions.iter().find(|f| f.name == AREA).unwrap();
        f.tier.name().to_string()
    }
}

#[test]
fn virtual_table_entries_follow_the_installed_code() {
    for mode in [TierMode::Tiered, TierMode::Tier0, TierMode::LlvmO2] {
        let jit = Jit::builder().mode(mode).build();
        let l = load(&jit);
        assert_eq!(l.module.stats().virtual_table_entries, 1, "{mode:?}");
        assert_eq!(word(l.entry), l.stub, "{mode:?}: before the first call the entry is the stub");
        assert_eq!(l.area(), 49, "{mode:?}");
        let first = word(l.entry);
        assert_ne!(first, l.stub, "{mode:?}: after the first call the entry is the code ({})", l.tier());
        assert_eq!(l.area(), 49, "{mode:?}");
        // A plain table keeps the stub: a C program may compare what it holds with the function.
        assert_eq!(word(l.handler), l.stub, "{mode:?}");
        // SAFETY: @handler_is_area is i1 ().
        let is_area = unsafe { l.module.get_function::<extern "C" fn() -> bool>("handler_is_area").unwrap() };
        assert!(is_area.call(), "{mode:?}");

        l.module.force_tier(AREA, Tier::LlvmO3).unwrap();
        assert_eq!(l.tier(), "llvm-o3", "{mode:?}");
        let second = word(l.entry);
        assert!(second != first && second != l.stub, "{mode:?}: the entry follows the install");
        assert_eq!(l.area(), 49, "{mode:?}");
        l.module.force_tier(AREA, Tier::Tier0).unwrap();
        assert!(word(l.entry) != second && word(l.entry) != l.stub, "{mode:?}: and a downgrade");
        assert_eq!(l.area(), 49, "{mode:?}");
    }
}

#[test]
fn without_direct_virtual_calls_entries_keep_the_stub() {
    let jit = Jit::builder().mode(TierMode::Tiered).direct_virtual_calls(false).build();
    let l = load(&jit);
    assert_eq!(l.module.stats().virtual_table_entries, 0);
    assert_eq!(l.area(), 49);
    l.module.force_tier(AREA, Tier::LlvmO3).unwrap();
    assert_eq!(l.area(), 49);
    assert_eq!(word(l.entry), l.stub);
}

/// Four threads make virtual calls while the virtual functions (and the loop that calls them) change tiers at
/// every threshold and the code they replace is freed at once: an entry a thread loaded before the install
/// keeps its code alive until the thread has left it (the stack scan sees the address in its registers).
#[test]
fn virtual_calls_pass_code_that_is_being_replaced_and_freed() {
    let src = common::root().join("tests/cpp/virtual_calls_while_code_is_freed.cpp");
    for level in [0, 2] {
        let module = common::compile_c(&src, level);
        let (mut freed, mut replaced) = (0, 0);
        // Every run is compared with lli-19; what a run gets to do before it ends depends on timing, so up to six
        // runs (on a loaded machine) until some code was freed and some virtual function replaced.
        for _ in 0..6 {
            if freed > 0 && replaced > 0 {
                break;
            }
            // No OSR: the threads' frames of `run` stay in tier 0 and keep calling through the entries (an OSR
            // entry would inline the virtual functions it saw called, whose own compiles are then withdrawn).
            let opts = ["--threshold", "1", "--loop-threshold", "1000000000", "--free-code", "eager"];
            let stats = common::run_with_stats(&module, &opts);
            freed += stats["reclaim"]["versions_freed"].as_u64().expect("versions_freed");
            let functions = stats["functions"].as_array().expect("functions");
            // A virtual function installed more than once: its table entry changed while the threads ran.
            replaced += functions
                .iter()
                .filter(|f| f["name"].as_str().is_some_and(|n| n.contains("4eval") || n.contains("4kind")))
                .filter(|f| f["installs"].as_u64().is_some_and(|n| n >= 2))
                .count();
        }
        assert!(freed > 0, "-O{level}: nothing was freed");
        assert!(replaced > 0, "-O{level}: no virtual function left its first code");
    }
}
