//! Turning a copy of the module (the job's bodies and what they refer to, see `job_module`, or the whole skeleton
//! with the job's bodies attached, see `ffi::ParsedModule`) into a *job module* that defines exactly one function: the requested one, under its version name.
//!
//! Every global value of the job module except LLVM intrinsics is replaced by a **fresh** value created for the
//! job (same name, type, attributes) and the old one is erased. Fresh values matter: clang marks definitions
//! `dso_local`, and the C API cannot clear that flag; a `dso_local` declaration would be reached with a 32-bit
//! PC-relative relocation, which fails for runtime addresses more than 2 GiB from the JIT's code. Fresh
//! declarations are reached through GOT entries / call stubs, so absolute symbols may be anywhere.
//!
//! * The target function `F`: its body moves into a fresh definition named `version_name` (external linkage,
//!   default visibility, no comdat); every use of `F` (recursive calls, `@F` taken as a value, `F` in constant
//!   initializers) goes to a fresh declaration named `F`, bound to `F`'s stub by an absolute symbol.
//! * Other definitions named in `inline_bodies` (O2/O3 only): the body moves into a fresh `available_externally`
//!   definition so the inliner can use it; no code is emitted for it.
//! * Every other function: a fresh external declaration (`extern_weak` stays `extern_weak`).
//! * Global variables: fresh external declarations (type, address space, alignment and constness kept).
//!   A `thread_local` global is reached through `__emutls_get_address` with the runtime's control object for
//!   it (the C runtime's emulated TLS, which tier 0 uses too; see `thread_local.rs`). A `constant` with an initializer keeps it as
//!   `available_externally`, so O2/O3 can fold
//!   loads from it while the address still binds to the runtime's copy.
//! * Functions and globals nothing refers to are erased.
//! * `llvm.*` globals (`llvm.used`, `llvm.global_ctors`, ...) are erased: the runtime runs constructors at load.
//! * `__dso_handle` and `atexit`, which LLJIT defines itself, and assembler-local names (`.LC0`), which no other
//!   object file can refer to, are bound under the names [`bound_name`] gives.
//! * Aliases: uses are replaced by the aliasee (over the rebound declarations), so LLVM sees that an alias and its
//!   target are one address; only when the types differ does the alias become a declaration of its own name.
//!   The C API cannot erase an alias, so the old alias is left unnamed and private, pointing at the version
//!   function (a valid, unused alias that GlobalDCE removes and that emits at most a local symbol).
//! * IFuncs: a fresh function declaration of the same name; the ifunc is erased.

use std::collections::HashSet;

use inkwell::attributes::AttributeLoc;
use inkwell::module::{Linkage, Module};
use inkwell::types::BasicType as _;
use inkwell::values::{BasicValue, FunctionValue, GlobalValue, InstructionOpcode};

use crate::ffi::{self, Dead, DeclKind};
use crate::{CompileRequest, Error, OptLevel, Result};

/// The outcome of [`build_job`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Job<'ctx> {
    /// The function to compile, named `version_name`.
    pub(crate) version: FunctionValue<'ctx>,
}

/// Number of instructions in `f`'s body.
pub(crate) fn count_instructions(f: FunctionValue<'_>) -> usize {
    f.get_basic_block_iter().map(|bb| bb.get_instructions().count()).sum()
}

/// Rewrites `module` (a fresh copy of the whole module) into the job module for `req`; see the module docs.
pub(crate) fn build_job<'ctx>(
    module: &Module<'ctx>,
    req: &CompileRequest<'_>,
    native_thread_locals: &HashSet<String>,
) -> Result<Job<'ctx>> {
    let function = req.function;
    let extract_error = |reason: String| Error::Extract { function: function.to_owned(), reason };

    let target =
        module.get_function(function).ok_or_else(|| Error::UnknownFunction { function: function.to_owned() })?;
    if target.count_basic_blocks() == 0 || target.get_intrinsic_id() != 0 {
        return Err(Error::NotADefinition { function: function.to_owned() });
    }
    let aliases = ffi::global_aliases(module);
    let ifuncs = ffi::global_ifuncs(module);
    let version_taken = module.get_function(req.version_name).is_some()
        || module.get_global(req.version_name).is_some()
        || aliases.iter().chain(&ifuncs).any(|a| a.get_name().to_bytes() == req.version_name.as_bytes());
    if version_taken || req.version_name.is_empty() {
        return Err(Error::VersionNameTaken { function: function.to_owned(), version: req.version_name.to_owned() });
    }

    let inline: HashSet<&str> = match req.level {
        OptLevel::O0 => HashSet::new(),
        OptLevel::O2 | OptLevel::O3 => req.inline_bodies.iter().copied().collect(),
    };
    let keep = kept_targets(req);
    let mut dead: Vec<(Dead<'ctx>, String)> = Vec::new();
    let mut version = None;
    let mut self_decl = None;

    let functions: Vec<FunctionValue<'ctx>> = module.get_functions().collect();
    for old in functions {
        if old.get_intrinsic_id() != 0 {
            continue;
        }
        let name = utf8_name(old.get_name().to_bytes(), &extract_error)?;
        if old != target && !has_uses(old.as_global_value()) && !keep.contains(name.as_str()) {
            dead.push((Dead::Function(old), name));
            continue;
        }
        let is_definition = old.count_basic_blocks() > 0;
        let old_linkage = old.get_linkage();
        let ty = old.get_type();
        old.as_global_value().set_name("");
        let replacement = if old == target {
            let v = module.add_function(req.version_name, ty, Some(Linkage::External));
            copy_signature(old, v);
            copy_definition_extras(old, v);
            move_body(old, v).map_err(&extract_error)?;
            version = Some(v);
            let decl = module.add_function(&bound_name(&name), ty, Some(Linkage::External));
            copy_signature(old, decl);
            self_decl = Some(decl);
            decl
        } else if is_definition && inline.contains(name.as_str()) {
            let body = module.add_function(&bound_name(&name), ty, Some(Linkage::AvailableExternally));
            copy_signature(old, body);
            copy_definition_extras(old, body);
            move_body(old, body).map_err(&extract_error)?;
            body
        } else {
            let linkage = if old_linkage == Linkage::ExternalWeak { Linkage::ExternalWeak } else { Linkage::External };
            let decl = module.add_function(&bound_name(&name), ty, Some(linkage));
            copy_signature(old, decl);
            decl
        };
        ffi::replace_all_uses_with(old, replacement);
        dead.push((Dead::Function(old), name));
    }
    let version = version.ok_or_else(|| extract_error("the function vanished while extracting".into()))?;
    if req.osr.is_none()
        && let Some(decl) = self_decl
    {
        call_self_directly(decl, version);
    }

    let layout = module.get_data_layout();
    let target_data = layout.as_str().to_str().ok().map(inkwell::targets::TargetData::create);
    let globals: Vec<_> = module.get_globals().collect();
    for old in globals {
        let name = utf8_name(old.get_name().to_bytes(), &extract_error)?;
        if name.starts_with("llvm.") || !has_uses(old) {
            dead.push((Dead::Variable(old), name));
            continue;
        }
        if old.is_thread_local() {
            // The runtime's address for a thread-local global is the control object of the C runtime's emulated
            // TLS, shared with tier 0, or for a shared object's variable its `tls_index`; each access becomes a
            // call that finds the calling thread's copy.
            let routine = if old.is_declaration() && native_thread_locals.contains(&name) {
                "__tls_get_addr"
            } else {
                "__emutls_get_address"
            };
            old.set_name("");
            let control = module.add_global(module.get_context().i8_type(), None, &bound_name(&name));
            crate::thread_local::lower(module, old, control.as_pointer_value(), routine).map_err(&extract_error)?;
            dead.push((Dead::Variable(old), name));
            continue;
        }
        old.set_name("");
        let (fresh, _) = ffi::add_declaration_like(module, old, &bound_name(&name))?;
        // The module's own variables (not those another definition may stand in for: weak, linkonce, common,
        // available_externally) sit where the runtime placed them, with their type's size, at least this aligned.
        let own = !old.is_declaration()
            && matches!(old.get_linkage(), Linkage::External | Linkage::Internal | Linkage::Private);
        let own_type =
            inkwell::types::BasicTypeEnum::try_from(old.get_value_type()).ok().filter(|ty| own && ty.is_sized());
        let mut align = old.get_alignment();
        if let (Some(ty), Some(td)) = (own_type, &target_data) {
            align = crate::placed_alignment(u64::from(align), td.get_abi_size(&ty)) as u32;
        }
        fresh.set_alignment(align);
        fresh.set_externally_initialized(old.is_externally_initialized());
        fresh.set_constant(old.is_constant());
        if old.get_linkage() == Linkage::ExternalWeak {
            fresh.set_linkage(Linkage::ExternalWeak);
        }
        let foldable = old.is_constant() && !old.is_declaration() && !old.is_externally_initialized();
        if foldable && ffi::copy_initializer(old, fresh) {
            fresh.set_linkage(Linkage::AvailableExternally);
            fresh.set_unnamed_address(old.get_unnamed_address());
        } else if let Some(ty) = own_type.filter(|_| req.level != OptLevel::O0 && !old.is_constant())
            && !old.is_externally_initialized()
        {
            // A variable's size is known to alias analysis only from a definition: an access wider than the
            // variable cannot touch it (a store of an `i32` through any pointer leaves an `i8` global alone). So
            // the job sees a definition, `available_externally` with a zero initializer. LLVM reads the initializer
            // of no variable that is neither `constant` nor local to the module, and drops it before code
            // generation (the variable stays bound to the runtime's copy).
            fresh.set_initializer(&ty.const_zero());
            fresh.set_linkage(Linkage::AvailableExternally);
        }
        ffi::replace_all_uses_with(old, fresh);
        dead.push((Dead::Variable(old), name));
    }

    let version_space = ffi::address_space(version.as_global_value());
    for alias in aliases {
        let name = utf8_name(alias.get_name().to_bytes(), &extract_error)?;
        alias.set_name("");
        // Uses see the aliasee itself (already rebound to declarations above), so LLVM knows an alias and its
        // aliasee are the same address; a separate declaration would let O2 fold `@alias == @aliasee` to false.
        let target = ffi::aliasee(alias);
        if !ffi::replace_all_uses_with(alias, target) {
            let (fresh, _) = ffi::add_declaration_like(module, alias, &name)?;
            ffi::replace_all_uses_with(alias, fresh);
        }
        if ffi::address_space(alias) != version_space {
            return Err(extract_error(format!(
                "alias {name:?} is in address space {}, functions in {version_space}",
                ffi::address_space(alias)
            )));
        }
        alias.set_linkage(Linkage::Private);
        ffi::set_aliasee(alias, version);
    }
    for ifunc in ifuncs {
        let name = utf8_name(ifunc.get_name().to_bytes(), &extract_error)?;
        ifunc.set_name("");
        let (fresh, kind) = ffi::add_declaration_like(module, ifunc, &name)?;
        if kind != DeclKind::Function {
            return Err(extract_error(format!("ifunc {name:?} does not have a function type")));
        }
        ffi::replace_all_uses_with(ifunc, fresh);
        dead.push((Dead::IFunc(ifunc), name));
    }

    // SAFETY: every entry is a distinct live function / global variable / ifunc of `module`, tagged with its
    // kind when it was collected above; all their uses were redirected to fresh values, and no handle to them is
    // used after this point (`dead` is consumed, the loops above are done, `target` is not used again).
    let still_used = unsafe { ffi::erase(dead) };
    if !still_used.is_empty() {
        return Err(extract_error(format!("values still used after redirecting them: {}", still_used.join(", "))));
    }
    Ok(Job { version })
}

/// The functions a job keeps even if nothing refers to them: the targets of profiled indirect calls (O2/O3), so
/// that promotion can find them.
pub(crate) fn kept_targets<'r>(req: &CompileRequest<'r>) -> HashSet<&'r str> {
    match req.level {
        OptLevel::O0 => HashSet::new(),
        OptLevel::O2 | OptLevel::O3 => req
            .profiles
            .iter()
            .flat_map(|p| &p.sites)
            .filter_map(|s| match s {
                crate::SiteProfile::IndirectCall { targets, .. } => Some(targets),
                _ => None,
            })
            .flatten()
            .map(|(name, _)| name.as_str())
            .collect(),
    }
}

/// Makes direct calls of the function being compiled (recursion, in its body or in bodies carried for inlining)
/// call this version itself instead of the stub, so that LLVM's recursion optimizations (tail-call elimination,
/// inlining of the recursion, argument specialization) apply. `@f` used as a value stays the stub, so function
/// pointers keep their identity; a thread in older code keeps recursing there.
fn call_self_directly<'ctx>(decl: FunctionValue<'ctx>, version: FunctionValue<'ctx>) {
    let calls = crate::uses::calls_of(decl).into_iter().filter(|i| i.get_opcode() == InstructionOpcode::Call);
    for call in calls {
        // A call passing `@f` as an argument as well keeps it there: only the callee operand changes.
        call.set_operand(call.get_num_operands() - 1, version.as_global_value().as_pointer_value());
    }
}

/// Names LLJIT's own platform support defines in every JITDylib (a `__dso_handle` of its own, an `atexit` that
/// registers with it). The runtime's module has its own, so job modules and the absolute symbols bind them under
/// another name.
const PLATFORM_NAMES: [&str; 2] = ["__dso_handle", "atexit"];

/// The prefix of assembler-local names on ELF: a symbol named `.L...` (clang's `.LC0`, `.L.str`) is a temporary
/// label of the object file that defines it, so another object file cannot refer to it ("Undefined temporary
/// symbol").
const ASSEMBLER_LOCAL_PREFIX: &str = ".L";

/// The name under which the symbol `name` of the module is bound in job modules and in the LLJIT: itself, except
/// for the platform names LLJIT defines and assembler-local names, which get a prefix.
pub(crate) fn bound_name(name: &str) -> std::borrow::Cow<'_, str> {
    if PLATFORM_NAMES.contains(&name) || name.starts_with(ASSEMBLER_LOCAL_PREFIX) {
        format!("tierlift.bound.{name}").into()
    } else {
        name.into()
    }
}

/// True if anything refers to `value`. Unused values are simply erased: a declaration nothing refers to needs
/// no symbol, and skipping them keeps the job's cost proportional to what the function uses.
fn has_uses(value: GlobalValue<'_>) -> bool {
    value.as_pointer_value().get_first_use().is_some()
}

/// A global value's name as UTF-8 (names that are not cannot be bound to symbols given as `String`s).
fn utf8_name(bytes: &[u8], extract_error: &impl Fn(String) -> Error) -> Result<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) if !s.is_empty() => Ok(s.to_owned()),
        Ok(_) => Err(extract_error("unnamed global value in module".into())),
        Err(_) => Err(extract_error(format!("global value name {:?} is not UTF-8", String::from_utf8_lossy(bytes)))),
    }
}

/// Copies what a caller relies on: calling convention and all function, return and parameter attributes.
fn copy_signature(from: FunctionValue<'_>, to: FunctionValue<'_>) {
    to.set_call_conventions(from.get_call_conventions());
    let mut locations = vec![AttributeLoc::Function, AttributeLoc::Return];
    locations.extend((0..from.count_params()).map(AttributeLoc::Param));
    for loc in locations {
        for attribute in from.attributes(loc) {
            to.add_attribute(loc, attribute);
        }
    }
}

/// Copies what only a definition has: personality, alignment, GC strategy and metadata attachments (`!dbg`
/// subprogram, `!prof` entry count, ...).
fn copy_definition_extras(from: FunctionValue<'_>, to: FunctionValue<'_>) {
    if let Some(personality) = from.get_personality_function() {
        to.set_personality_function(personality);
    }
    let alignment = from.as_global_value().get_alignment();
    if alignment != 0 {
        to.as_global_value().set_alignment(alignment);
    }
    if let Some(gc) = ffi::gc_name(from)
        && !gc.is_empty()
    {
        to.set_gc(&gc);
    }
    ffi::copy_function_metadata(from, to);
}

/// Moves all basic blocks of `from` into `to` (which has none yet) and redirects uses of `from`'s parameters to
/// `to`'s. `from` is left as a body-less function.
fn move_body(from: FunctionValue<'_>, to: FunctionValue<'_>) -> std::result::Result<(), String> {
    for bb in from.get_basic_blocks() {
        bb.remove_from_function().map_err(|()| "cannot detach a basic block from its function".to_string())?;
        to.append_existing_basic_block(bb);
    }
    for (old, new) in from.get_param_iter().zip(to.get_param_iter()) {
        if let Ok(name) = old.get_name().to_str() {
            new.set_name(name);
        }
        ffi::replace_all_uses_with(old, new);
    }
    Ok(())
}
