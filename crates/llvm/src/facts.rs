//! Interprocedural facts, found once per parsed module: what each function does (LLVM's attribute inference:
//! `memory(...)`, `nounwind`, `norecurse`, `nocapture`, `willreturn`, ...) and which local globals are never
//! written. Job modules copy a function's attributes onto its declaration and a constant global's initializer
//! as `available_externally`, so the per-function O2/O3 pipelines see what a whole-module compile would.
//!
//! The facts hold for the module as written: every tier runs the same IR, and a local (internal or private)
//! global that no instruction writes and whose address does not escape is constant wherever it is read.

use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::module::{Linkage, Module};
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::TargetMachine;
use inkwell::values::{FunctionValue, InstructionOpcode};

use crate::ffi;

/// Infers function attributes and constant globals on `module` (bodies attached), parsed from `bitcode`; returns
/// how many globals were marked constant, and the promoted copy the inference ran on, if one was made (for the
/// caller to free when it suits it).
pub(crate) fn infer<'ctx>(
    module: &Module<'ctx>,
    bitcode: &[u8],
    machine: &TargetMachine,
) -> Result<(usize, Option<Module<'ctx>>), String> {
    // Attribute inference skips `optnone` functions (all of clang -O0's output); no tier relies on it.
    let optnone = Attribute::get_named_enum_kind_id("optnone");
    let noinline = Attribute::get_named_enum_kind_id("noinline");
    let compiled_at_o0 = marked_by_o0(module);
    // clang -O0 marks every function `noinline`: that says nothing about what to inline. Elsewhere a `noinline` is
    // the program's own wish, and the optimizing tiers keep to it.
    let drop_o0_marks = |m: &Module<'_>| {
        for f in m.get_functions().filter(|f| f.count_basic_blocks() > 0) {
            f.remove_enum_attribute(AttributeLoc::Function, optnone);
            if compiled_at_o0 {
                f.remove_enum_attribute(AttributeLoc::Function, noinline);
            }
        }
    };
    drop_o0_marks(module);
    // Inference on the bodies as written learns little from code whose locals live in stack slots (clang -O0's,
    // or a front end's that leaves promotion to LLVM): a pointer parameter stored to a slot reads as captured. Such
    // a module's inference runs on a copy whose locals are promoted to registers (`sroa`: what the functions do
    // is unchanged), and the attributes it finds go back onto the module's own functions. The copy is parsed
    // from the bitcode again, which costs less than cloning the module (GNU awk's facts: 0.2 s against 0.33 s,
    // with the same attributes); a clone where the two list different functions. `mem2reg` promotes the scalar
    // slots first, leaving `sroa` only the aggregates (unions, arrays): the same attributes as `sroa` alone on
    // every module tried, in two thirds of its time (sqlite -O0's facts 0.52 -> 0.45 s).
    let passes = "inferattrs,cgscc(function-attrs),rpo-function-attrs";
    let mut copy = None;
    if !stores_parameters(module) {
        module.run_passes(passes, machine, PassBuilderOptions::create()).map_err(|e| e.to_string())?;
    } else {
        let start = std::time::Instant::now();
        let simplified = reparsed(module, bitcode).unwrap_or_else(|| module.clone());
        let reparse_us = start.elapsed().as_micros();
        // Its attributes all go back onto the module's functions: the same marks off (a clone has them off).
        drop_o0_marks(&simplified);
        simplified
            .run_passes("function(mem2reg,sroa)", machine, PassBuilderOptions::create())
            .map_err(|e| e.to_string())?;
        let promote_us = start.elapsed().as_micros() - reparse_us;
        simplified.run_passes(passes, machine, PassBuilderOptions::create()).map_err(|e| e.to_string())?;
        tracing::debug!(
            reparse_us,
            promote_us,
            infer_us = start.elapsed().as_micros() - reparse_us - promote_us,
            "facts on a promoted copy"
        );
        for (f, inferred) in module.get_functions().zip(simplified.get_functions()) {
            if f.get_name() != inferred.get_name() {
                return Err(format!(
                    "the module's copy lists {:?} where it has {:?}",
                    inferred.get_name(),
                    f.get_name()
                ));
            }
            copy_enum_attributes(inferred, f);
        }
        copy = Some(simplified);
    }
    let mut marked = 0;
    for g in module.get_globals() {
        let local = matches!(g.get_linkage(), Linkage::Internal | Linkage::Private);
        let candidate = local
            && !g.is_constant()
            && !g.is_declaration()
            && !g.is_thread_local()
            && !g.is_externally_initialized()
            && !g.get_name().to_bytes().starts_with(b"llvm.");
        if candidate && ffi::only_loaded(g) {
            g.set_constant(true);
            marked += 1;
        }
    }
    Ok((marked, copy))
}

/// `module`'s bitcode parsed again into its context, if it lists the same functions in the same order.
fn reparsed<'ctx>(module: &Module<'ctx>, bitcode: &[u8]) -> Option<Module<'ctx>> {
    let buffer = inkwell::memory_buffer::MemoryBuffer::create_from_memory_range(bitcode, "tierlift-facts");
    let copy = Module::parse_bitcode_from_buffer(&buffer, module.get_context()).ok()?;
    copy.strip_debug_info();
    let same = module
        .get_functions()
        .map(|f| f.get_name().to_owned())
        .eq(copy.get_functions().map(|f| f.get_name().to_owned()));
    same.then_some(copy)
}

/// Whether `module`'s code leaves its locals in memory: at least a quarter of its defined functions that take
/// parameters store one in their entry block, to the stack slot that holds it (clang -O0's code does so in
/// every such function; optimized code in a few, whose parameter's address goes to a call). The promoted copy
/// costs a second parse of the module, which for optimized code would find next to nothing more.
fn stores_parameters(module: &Module<'_>) -> bool {
    let (mut with_parameters, mut storing) = (0usize, 0usize);
    for f in module.get_functions().filter(|f| f.count_params() > 0) {
        let Some(entry) = f.get_first_basic_block() else { continue };
        with_parameters += 1;
        if entry
            .get_instructions()
            .any(|i| i.get_opcode() == InstructionOpcode::Store && ffi::stores_argument_to_alloca(i))
        {
            storing += 1;
        }
    }
    storing > 0 && storing.saturating_mul(4) >= with_parameters
}

/// Puts `from`'s enum attributes (the function's, its return value's and its parameters') onto `to`, a function
/// with the same signature; where both have an attribute of one kind, `from`'s value wins.
fn copy_enum_attributes(from: FunctionValue<'_>, to: FunctionValue<'_>) {
    let locs = [AttributeLoc::Function, AttributeLoc::Return]
        .into_iter()
        .chain((0..from.count_params()).map(AttributeLoc::Param));
    for loc in locs {
        for attribute in from.attributes(loc) {
            if attribute.is_enum() && to.get_enum_attribute(loc, attribute.get_enum_kind_id()) != Some(attribute) {
                to.add_attribute(loc, attribute);
            }
        }
    }
}

/// Whether `module` looks like clang -O0's output: some function is `optnone`, or every defined function is
/// `noinline` except those that must be inlined (`alwaysinline`), as with `-O0 -Xclang -disable-O0-optnone`.
fn marked_by_o0(module: &Module<'_>) -> bool {
    let has = |f: &inkwell::values::FunctionValue<'_>, name: &str| {
        f.get_enum_attribute(AttributeLoc::Function, Attribute::get_named_enum_kind_id(name)).is_some()
    };
    let defined: Vec<_> = module.get_functions().filter(|f| f.count_basic_blocks() > 0).collect();
    defined.iter().any(|f| has(f, "optnone"))
        || (defined.iter().any(|f| has(f, "noinline"))
            && defined.iter().all(|f| has(f, "noinline") || has(f, "alwaysinline")))
}

/// Whether `f` is a local (internal or private) function with a body: every call of it is in the module.
pub(crate) fn is_local_definition(f: FunctionValue<'_>) -> bool {
    matches!(f.get_linkage(), Linkage::Internal | Linkage::Private) && f.count_basic_blocks() > 0
}

/// Whether parameter `i` of `f` receives a copy of what the caller passes (`byval`, `inalloca`, `preallocated`),
/// not the value itself.
pub(crate) fn takes_a_copy(f: FunctionValue<'_>, i: u32) -> bool {
    ["byval", "inalloca", "preallocated"]
        .iter()
        .any(|kind| f.get_enum_attribute(AttributeLoc::Param(i), Attribute::get_named_enum_kind_id(kind)).is_some())
}

#[cfg(test)]
mod tests {
    use inkwell::attributes::{Attribute, AttributeLoc};
    use inkwell::context::Context;
    use inkwell::memory_buffer::MemoryBuffer;

    use super::stores_parameters;

    /// A function that keeps its parameter in a stack slot (as clang -O0 does) and `others` that do not.
    fn module_ir(others: usize) -> String {
        let mut ir = String::from(
            "declare void @use(ptr)\n\
             define void @slot(i64 %x) {\n  %a = alloca i64\n  store i64 %x, ptr %a\n  call void @use(ptr %a)\n  ret void\n}\n",
        );
        for k in 0..others {
            ir.push_str(&format!("define i64 @plain{k}(i64 %x) {{\n  %y = add i64 %x, {k}\n  ret i64 %y\n}}\n"));
        }
        ir
    }

    fn stores(others: usize) -> bool {
        let context = Context::create();
        let ir = module_ir(others);
        let buffer = MemoryBuffer::create_from_memory_range_copy(ir.as_bytes(), "slots.ll");
        let module = context.create_module_from_ir(buffer).unwrap();
        stores_parameters(&module)
    }

    /// clang -O0's shape of a function that byte-swaps into a union and copies it out through a pointer held in a
    /// slot: promoted, it only writes what its parameter points to.
    const SWAP_INTO_UNION: &str = r#"
%union.u32 = type { i32 }
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare i32 @llvm.bswap.i32(i32)
define void @store_swapped(ptr noundef %out, i32 noundef %x) #0 {
  %out.addr = alloca ptr, align 8
  %x.addr = alloca i32, align 4
  %u = alloca %union.u32, align 4
  %src = alloca ptr, align 8
  store ptr %out, ptr %out.addr, align 8
  store i32 %x, ptr %x.addr, align 4
  %v = load i32, ptr %x.addr, align 4
  %s = call i32 @llvm.bswap.i32(i32 %v)
  store i32 %s, ptr %u, align 4
  store ptr %u, ptr %src, align 8
  %o = load ptr, ptr %out.addr, align 8
  %p = load ptr, ptr %src, align 8
  call void @llvm.memcpy.p0.p0.i64(ptr align 1 %o, ptr align 1 %p, i64 4, i1 false)
  ret void
}
attributes #0 = { noinline nounwind optnone }
"#;

    #[test]
    fn locals_behind_slots_and_unions_are_promoted_before_inference() {
        crate::target::init_native_target().unwrap();
        let context = Context::create();
        let buffer = MemoryBuffer::create_from_memory_range_copy(SWAP_INTO_UNION.as_bytes(), "swap.ll");
        let module = context.create_module_from_ir(buffer).unwrap();
        let bitcode = module.write_bitcode_to_memory();
        let machine = crate::target::HostTarget::detect().target_machine(crate::OptLevel::O2).unwrap();
        super::infer(&module, bitcode.as_slice(), &machine).unwrap();
        let f = module.get_function("store_swapped").unwrap();
        let memory = Attribute::get_named_enum_kind_id("memory");
        let effects = f.get_enum_attribute(AttributeLoc::Function, memory).expect("memory effects inferred");
        // Argument memory written, nothing else touched (`memory(argmem: write)`): the union's bytes are a value
        // once promoted, and the copy out of it only writes. Promoting the slots alone leaves the union in memory
        // and the copy reading it (`argmem: readwrite`).
        assert_eq!(effects.get_enum_value(), 0b10);
        let out = Attribute::get_named_enum_kind_id("nocapture");
        assert!(f.get_enum_attribute(AttributeLoc::Param(0), out).is_some());
    }

    #[test]
    fn code_that_keeps_its_parameters_in_memory_is_promoted_for_inference() {
        // One function in four or more stores its parameter to a slot: code that leaves locals in memory.
        assert!(stores(0));
        assert!(stores(3));
        // One in nine: optimized code, whose few stores are parameters whose address a call takes.
        assert!(!stores(8));
    }
}
