//! Globals no pointer can reach: a local (internal or private) global variable whose every use is the address of
//! a load or a store, or of one of its elements (`ffi::only_accessed_directly`), has an address that no value of
//! the program holds, so no access through a pointer touches it. A whole-module compile knows that (LLVM's `GlobalsAA` on local
//! globals); a job module sees such a global as an external symbol that any pointer might reach, and keeps
//! reloading it after every store through a pointer (a record's `next` field written, the global `glob_ptr`
//! read again). Job modules say it with scoped no-alias metadata: accesses to such globals are in one scope,
//! every other load, store and memory intrinsic is `noalias` with that scope. Calls are left alone (a callee may
//! access the globals). The facts are the module's own, so they hold in every tier; a host that writes such a
//! global through its symbol address must not hand JIT code that pointer (no C program can name a `static`
//! from outside its unit either).

use std::collections::HashSet;

use inkwell::context::ContextRef;
use inkwell::module::{Linkage, Module};
use inkwell::values::{BasicMetadataValueEnum, InstructionOpcode, InstructionValue, MetadataValue};

use crate::ffi;

/// The local globals of `module` that no pointer can reach, by the name job modules bind them under.
pub(crate) fn unreachable_by_pointers(module: &Module<'_>) -> HashSet<String> {
    module
        .get_globals()
        .filter(|g| {
            matches!(g.get_linkage(), Linkage::Internal | Linkage::Private)
                && !g.is_declaration()
                && !g.is_thread_local()
                && !g.is_externally_initialized()
                && !g.get_name().to_bytes().starts_with(b"llvm.")
                && ffi::only_accessed_directly(*g)
        })
        .filter_map(|g| g.get_name().to_str().ok().map(|n| crate::extract::bound_name(n).into_owned()))
        .collect()
}

/// Marks the accesses of every function body in `module`: those to a global of `globals` get `!alias.scope`,
/// all other loads, stores and memory intrinsics `!noalias`, of one scope. Returns how many accesses to such
/// globals were found (nothing is marked when there are none).
pub(crate) fn mark(module: &Module<'_>, globals: &HashSet<String>) -> usize {
    if globals.is_empty() {
        return 0;
    }
    let bodies: Vec<_> = module.get_functions().filter(|f| f.count_basic_blocks() > 0).collect();
    let accesses = |inst: InstructionValue<'_>| -> Option<bool> {
        let pointer = match inst.get_opcode() {
            InstructionOpcode::Load => inst.get_operand(0)?.value()?,
            InstructionOpcode::Store => inst.get_operand(1)?.value()?,
            InstructionOpcode::Call if ffi::calls_memory_intrinsic(inst) => return Some(false),
            _ => return None,
        };
        Some(ffi::base_global_name(pointer).is_some_and(|name| globals.contains(&name)))
    };
    let marks: Vec<(InstructionValue<'_>, bool)> = bodies
        .iter()
        .flat_map(|f| f.get_basic_block_iter())
        .flat_map(|b| b.get_instructions())
        .filter_map(|i| accesses(i).map(|to_global| (i, to_global)))
        .collect();
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
        let mut found: Vec<String> = unreachable_by_pointers(&module).into_iter().collect();
        found.sort();
        // Not `taken` (stored as a value), `indexed` (a getelementptr instruction that may leave it), `public`
        // (external). `in_bounds` is indexed by a variable, in bounds: every address computed from it is its own.
        assert_eq!(found, ["direct", "fields", "in_bounds"]);
        assert_eq!(mark(&module, &unreachable_by_pointers(&module)), 4);
        let (scope, noalias) = (context.get_kind_id("alias.scope"), context.get_kind_id("noalias"));
        let f = module.get_function("f").expect("f");
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
}
