//! Globals no pointer can reach: a local (internal or private) global variable whose every use is the address of
//! a load or a store, or of one of its elements, has an address that no value of the program holds, so no access
//! through a pointer touches it. A whole-module compile knows that (LLVM's `GlobalsAA` on local globals); a job
//! module sees such a global as an external symbol that any pointer might reach, and keeps reloading it after
//! every store through a pointer (a record's `next` field written, the global `glob_ptr` read again). Job
//! modules say it with scoped no-alias metadata: accesses to such globals are in one scope, every other load,
//! store and memory intrinsic is `noalias` with that scope. Calls are left alone (a callee may access the
//! globals).
//!
//! A global may also be passed to a local function whose address is not taken, at a pointer parameter that
//! every call of it fills with such a global and that the function only uses as the address of its own loads
//! and stores (directly, in bounds, or through the stack slot clang -O0 keeps it in). Accesses through such a
//! parameter are in the scope too: that is what lets the optimizer keep a global's element in a register across
//! a loop once the callee is inlined, as a whole-module compile would.
//!
//! The facts are the module's own, so they hold in every tier. A host that writes such a global through its
//! symbol address must not hand JIT code that pointer, and a host that calls such a local function must pass
//! it what the module's own calls pass (no C program can name a `static` from outside its unit either).

use std::collections::{HashMap, HashSet};

use inkwell::context::ContextRef;
use inkwell::module::{Linkage, Module};
use inkwell::types::BasicMetadataTypeEnum;
use inkwell::values::{BasicMetadataValueEnum, FunctionValue, InstructionOpcode, InstructionValue, MetadataValue};

use crate::extract::bound_name;
use crate::facts::{is_local_definition, takes_a_copy};
use crate::ffi::{self, AddressBase};

/// What no pointer of a module can reach, by the names job modules bind them under.
#[derive(Debug, Default)]
pub(crate) struct Unreachable {
    /// Local globals whose address only the module's own accesses and the parameters below use.
    globals: HashSet<String>,
    /// Pointer parameters (function, position) that only ever receive such globals, and only access them.
    parameters: HashSet<(String, u32)>,
}

impl Unreachable {
    /// How many globals no pointer can reach.
    pub(crate) fn globals(&self) -> usize {
        self.globals.len()
    }

    /// How many parameters only receive such globals.
    pub(crate) fn parameters(&self) -> usize {
        self.parameters.len()
    }
}

/// The local globals of `module` that no pointer can reach, and the parameters that carry them.
pub(crate) fn unreachable_by_pointers(module: &Module<'_>) -> Unreachable {
    let candidates: Vec<_> = module
        .get_globals()
        .filter(|g| {
            matches!(g.get_linkage(), Linkage::Internal | Linkage::Private)
                && !g.is_declaration()
                && !g.is_thread_local()
                && !g.is_externally_initialized()
                && !g.get_name().to_bytes().starts_with(b"llvm.")
        })
        .collect();
    // Parameters that might carry such globals, with the calls that fill them: each call's arguments by base.
    let mut calls: HashMap<String, Vec<ffi::DirectCall>> = HashMap::new();
    let mut parameters: HashSet<(String, u32)> = HashSet::new();
    for f in module.get_functions().filter(|f| is_local_definition(*f)) {
        let Some(direct) = ffi::direct_calls(f) else { continue };
        let Ok(name) = f.get_name().to_str() else { continue };
        let accessing: Vec<u32> = (0..f.count_params()).filter(|&i| only_accesses_through(f, i)).collect();
        if !accessing.is_empty() {
            parameters.extend(accessing.into_iter().map(|i| (name.to_owned(), i)));
            calls.insert(name.to_owned(), direct);
        }
    }
    // A global passed anywhere but such a parameter is out; a parameter some call fills with anything but such a
    // global is out. Both sets only shrink, so this ends.
    loop {
        let globals: HashSet<String> = candidates
            .iter()
            .filter(|g| ffi::only_accessed_or_passed(**g, |f, i| parameters.contains(&(f.to_owned(), i))))
            .filter_map(|g| g.get_name().to_str().ok().map(str::to_owned))
            .collect();
        let kept: HashSet<(String, u32)> = parameters
            .iter()
            .filter(|(f, i)| {
                calls[f].iter().all(|call| {
                    matches!(call.arguments.get(*i as usize), Some(ffi::Argument { base: AddressBase::Global(g), .. })
                        if globals.contains(g))
                })
            })
            .cloned()
            .collect();
        if kept.len() == parameters.len() {
            return Unreachable {
                globals: globals.iter().map(|g| bound_name(g).into_owned()).collect(),
                parameters: kept.into_iter().map(|(f, i)| (bound_name(&f).into_owned(), i)).collect(),
            };
        }
        parameters = kept;
    }
}

/// Whether parameter `i` of `f` is a pointer (not a copy) that `f` only uses as the address of its own accesses.
fn only_accesses_through(f: FunctionValue<'_>, i: u32) -> bool {
    let pointer = f
        .get_type()
        .get_param_types()
        .get(i as usize)
        .is_some_and(|t| matches!(t, BasicMetadataTypeEnum::PointerType(_)));
    pointer && !takes_a_copy(f, i) && f.get_nth_param(i).is_some_and(ffi::parameter_only_accessed_directly)
}

/// Marks the accesses of every function body in `module`: those to a global of `unreachable`, or through a
/// parameter that only carries such globals, get `!alias.scope`, all other loads, stores and memory intrinsics
/// `!noalias`, of one scope. `version` is the job's function, whose parameters are those of the module's
/// `function`; other bodies have their own names. Returns how many accesses got the scope (nothing is marked
/// when there are none).
pub(crate) fn mark(
    module: &Module<'_>,
    unreachable: &Unreachable,
    version: FunctionValue<'_>,
    function: &str,
) -> usize {
    if unreachable.globals.is_empty() {
        return 0;
    }
    let bodies: Vec<_> = module.get_functions().filter(|f| f.count_basic_blocks() > 0).collect();
    // `scoped`: the positions of the body's parameters that only carry such globals.
    let accesses = |inst: InstructionValue<'_>, scoped: &[u32]| -> Option<bool> {
        let pointer = match inst.get_opcode() {
            InstructionOpcode::Load => inst.get_operand(0)?.value()?,
            InstructionOpcode::Store => inst.get_operand(1)?.value()?,
            InstructionOpcode::Call if ffi::calls_memory_intrinsic(inst) => return Some(false),
            _ => return None,
        };
        Some(match ffi::address_base(pointer) {
            AddressBase::Global(name) => unreachable.globals.contains(&name),
            AddressBase::Parameter(i) => scoped.contains(&i),
            AddressBase::Other => false,
        })
    };
    let function = bound_name(function);
    let mut marks: Vec<(InstructionValue<'_>, bool)> = Vec::new();
    for f in &bodies {
        let own_name;
        let name = if *f == version {
            function.as_ref()
        } else {
            own_name = f.get_name().to_string_lossy();
            own_name.as_ref()
        };
        let scoped: Vec<u32> = unreachable.parameters.iter().filter(|(g, _)| g == name).map(|(_, i)| *i).collect();
        for inst in f.get_basic_block_iter().flat_map(|b| b.get_instructions()) {
            if let Some(to_global) = accesses(inst, &scoped) {
                marks.push((inst, to_global));
            }
        }
    }
    let found = marks.iter().filter(|(_, to_global)| *to_global).count();
    if found == 0 {
        return 0;
    }
    let context = module.get_context();
    let domain = context.metadata_node(&[context.metadata_string("tierlift.unreachable-globals").into()]);
    let scope =
        context.metadata_node(&[context.metadata_string("tierlift.unreachable-globals.scope").into(), domain.into()]);
    let (scope_kind, noalias_kind) = (context.get_kind_id("alias.scope"), context.get_kind_id("noalias"));
    for (inst, to_global) in marks {
        add_scope(&context, inst, if to_global { scope_kind } else { noalias_kind }, scope);
    }
    found
}

/// Adds `scope` to the list of scopes `inst` has under metadata `kind`.
fn add_scope<'ctx>(context: &ContextRef<'ctx>, inst: InstructionValue<'ctx>, kind: u32, scope: MetadataValue<'ctx>) {
    let mut scopes: Vec<BasicMetadataValueEnum<'ctx>> =
        inst.get_metadata(kind).and_then(|list| list.get_node_values()).unwrap_or_default();
    scopes.push(scope.into());
    let _ = inst.set_metadata(context.metadata_node(&scopes), kind);
}

#[cfg(test)]
mod tests {
    use inkwell::context::Context;
    use inkwell::memory_buffer::MemoryBuffer;
    use inkwell::values::InstructionOpcode;

    use super::{mark, unreachable_by_pointers};

    const IR: &str = r#"
@direct = internal global i64 0
@fields = internal global [4 x i32] zeroinitializer
@taken = internal global i64 0
@indexed = internal global [4 x i32] zeroinitializer
@in_bounds = internal global [4 x i32] zeroinitializer
@public = global i64 0
@sink = global ptr null

define i64 @f(ptr %p, i64 %i) {
  %a = load i64, ptr @direct
  store i64 %a, ptr %p
  store i32 1, ptr getelementptr ([4 x i32], ptr @fields, i64 0, i64 2)
  store ptr @taken, ptr @sink
  %g = getelementptr [4 x i32], ptr @indexed, i64 0, i64 %i
  store i32 2, ptr %g
  %h = getelementptr inbounds [4 x i32], ptr @in_bounds, i64 0, i64 %i
  %e = getelementptr inbounds i32, ptr %h, i64 1
  store i32 3, ptr %e
  call void @llvm.memset.p0.i64(ptr %p, i8 0, i64 16, i1 false)
  %b = load i64, ptr @public
  store i64 %b, ptr @direct
  ret i64 %b
}

declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
"#;

    #[test]
    fn globals_used_only_as_load_and_store_addresses_get_a_scope_of_their_own() {
        let context = Context::create();
        let buffer = MemoryBuffer::create_from_memory_range_copy(IR.as_bytes(), "t.ll");
        let module = context.create_module_from_ir(buffer).expect("IR parses");
        let unreachable = unreachable_by_pointers(&module);
        let mut found: Vec<String> = unreachable.globals.iter().cloned().collect();
        found.sort();
        // Not `taken` (stored as a value), `indexed` (a getelementptr instruction that may leave it), `public`
        // (external). `in_bounds` is indexed by a variable, in bounds: every address computed from it is its own.
        assert_eq!(found, ["direct", "fields", "in_bounds"]);
        let f = module.get_function("f").expect("f");
        assert_eq!(mark(&module, &unreachable, f, "f"), 4);
        let (scope, noalias) = (context.get_kind_id("alias.scope"), context.get_kind_id("noalias"));
        let marks: Vec<(InstructionOpcode, bool, bool)> = f
            .get_first_basic_block()
            .expect("entry")
            .get_instructions()
            .filter(|i| {
                i.get_opcode() != InstructionOpcode::GetElementPtr && i.get_opcode() != InstructionOpcode::Return
            })
            .map(|i| (i.get_opcode(), i.get_metadata(scope).is_some(), i.get_metadata(noalias).is_some()))
            .collect();
        use InstructionOpcode::{Call, Load, Store};
        assert_eq!(
            marks,
            [
                (Load, true, false),  // @direct
                (Store, false, true), // through %p
                (Store, true, false), // @fields[2]
                (Store, false, true), // to @sink
                (Store, false, true), // through the getelementptr on @indexed
                (Store, true, false), // @in_bounds[%i + 1]
                (Call, false, true),  // memset through %p
                (Load, false, true),  // @public
                (Store, true, false), // @direct
            ]
        );
        assert!(module.verify().is_ok());
    }

    /// A module whose globals reach local functions' parameters: `fill` (the parameter used directly) and
    /// `fill_o0` (kept in a stack slot, as clang -O0 does) only ever get `@a` and `@b`; `mixed` gets `@c` from
    /// one call and a pointer of the caller's from another; `taken`'s address is stored, so not all its calls
    /// are known; `keeps` stores its parameter.
    const PASSED: &str = r#"
@a = internal global [8 x i32] zeroinitializer
@b = internal global [8 x i32] zeroinitializer
@c = internal global [8 x i32] zeroinitializer
@d = internal global [8 x i32] zeroinitializer
@e = internal global [8 x i32] zeroinitializer
@sink = global ptr null

define internal void @fill(ptr %p, i64 %i) {
  %q = getelementptr inbounds i32, ptr %p, i64 %i
  store i32 1, ptr %q
  ret void
}

define internal void @fill_o0(ptr %p, ptr %other) {
  %slot = alloca ptr
  store ptr %p, ptr %slot
  %r = load ptr, ptr %slot
  %q = getelementptr inbounds i32, ptr %r, i64 3
  %v = load i32, ptr %q
  store i32 %v, ptr %other
  ret void
}

define internal void @mixed(ptr %p) {
  store i32 2, ptr %p
  ret void
}

define internal void @taken(ptr %p) {
  store i32 3, ptr %p
  ret void
}

define internal void @keeps(ptr %p) {
  store ptr %p, ptr @sink
  ret void
}

define void @main(ptr %mine) {
  call void @fill(ptr @a, i64 2)
  call void @fill(ptr getelementptr inbounds ([8 x i32], ptr @b, i64 0, i64 4), i64 1)
  call void @fill_o0(ptr @b, ptr %mine)
  call void @mixed(ptr @c)
  call void @mixed(ptr %mine)
  call void @taken(ptr @d)
  store ptr @taken, ptr @sink
  call void @keeps(ptr @e)
  %x = load i32, ptr @a
  store i32 %x, ptr %mine
  ret void
}
"#;

    #[test]
    fn parameters_that_only_receive_unreachable_globals_share_their_scope() {
        let context = Context::create();
        let buffer = MemoryBuffer::create_from_memory_range_copy(PASSED.as_bytes(), "t.ll");
        let module = context.create_module_from_ir(buffer).expect("IR parses");
        let unreachable = unreachable_by_pointers(&module);
        let mut globals: Vec<&str> = unreachable.globals.iter().map(String::as_str).collect();
        globals.sort();
        // `c` reaches a parameter that also gets another pointer, `d` one whose function's address is taken,
        // `e` one that is stored.
        assert_eq!(globals, ["a", "b"]);
        let mut parameters: Vec<(&str, u32)> = unreachable.parameters.iter().map(|(f, i)| (f.as_str(), *i)).collect();
        parameters.sort();
        // `fill_o0`'s second parameter is only accessed too, but a call gives it `main`'s pointer.
        assert_eq!(parameters, [("fill", 0), ("fill_o0", 0)]);

        let (scope, noalias) = (context.get_kind_id("alias.scope"), context.get_kind_id("noalias"));
        let marks = |name: &str| -> Vec<(bool, bool)> {
            let f = module.get_function(name).expect("function");
            f.get_basic_block_iter()
                .flat_map(|b| b.get_instructions())
                .filter(|i| matches!(i.get_opcode(), InstructionOpcode::Load | InstructionOpcode::Store))
                .map(|i| (i.get_metadata(scope).is_some(), i.get_metadata(noalias).is_some()))
                .collect()
        };
        // `fill` compiled as a job's version under another name: its parameter is still `fill`'s.
        let main = module.get_function("main").expect("main");
        assert_eq!(mark(&module, &unreachable, main, "main"), 3);
        assert_eq!(marks("fill"), [(true, false)]);
        // The slot's own store and load are the frame's; the access through the loaded parameter is in scope.
        assert_eq!(marks("fill_o0"), [(false, true), (false, true), (true, false), (false, true)]);
        assert_eq!(marks("mixed"), [(false, true)]);
        assert_eq!(marks("main"), [(false, true), (true, false), (false, true)]);
        assert!(module.verify().is_ok());
    }

    #[test]
    fn a_version_under_its_own_name_keeps_its_parameters_scope() {
        let context = Context::create();
        let buffer = MemoryBuffer::create_from_memory_range_copy(PASSED.as_bytes(), "t.ll");
        let module = context.create_module_from_ir(buffer).expect("IR parses");
        let unreachable = unreachable_by_pointers(&module);
        let fill = module.get_function("fill").expect("fill");
        fill.as_global_value().set_name("fill.v1");
        let scope = context.get_kind_id("alias.scope");
        assert!(mark(&module, &unreachable, fill, "fill") > 0);
        let store = fill.get_first_basic_block().and_then(|b| b.get_instructions().nth(1)).expect("store");
        assert_eq!(store.get_opcode(), InstructionOpcode::Store);
        assert!(store.get_metadata(scope).is_some());
    }
}
