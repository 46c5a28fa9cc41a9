//! Recursive functions specialized on the constants their calls pass.
//!
//! A recursive local function that every call from elsewhere passes one integer constant at some position, and
//! that passes that constant or the parameter itself on at that position when it calls itself (the board size
//! of an N-queens search, the depth limit of a tree walk), is optimized by a whole-module compile for that
//! constant (interprocedural constant propagation): loop bounds become known, loops unroll. A job compiles one
//! function and sees neither the callers nor the guarantee. So its version is built as a guard in front of the
//! body, which moves into a local function of the job:
//!
//! ```text
//! version(args):  if the parameters hold the constants: body(args with the constants)  [always inlined]
//!                 else:                                  body(args)
//! ```
//!
//! LLVM inlines the body into the first branch with the constants in place, and the recursion, which calls the
//! version, comes back through the guard into that specialized copy. The guard keeps it right for any caller: a
//! host, or code that calls through a pointer, passing other values takes the general body.

use std::collections::HashMap;

use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::module::{Linkage, Module};
use inkwell::types::BasicMetadataTypeEnum;
use inkwell::values::{BasicMetadataValueEnum, FunctionValue};

use crate::extract::{bound_name, count_instructions};
use crate::facts::{is_local_definition, takes_a_copy};
use crate::ffi::{self, AddressBase};

/// Bodies larger than this (IR instructions) are not specialized: the job optimizes the body twice.
const MAX_BODY: usize = 400;

/// The constants found: for a function (by the name jobs bind it under), its parameters' positions and values.
#[derive(Debug, Default)]
pub(crate) struct ConstantArguments(HashMap<String, Vec<(u32, u64)>>);

impl ConstantArguments {
    /// How many functions have constant arguments.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The constant arguments of `function` (its name in the module), if any.
    pub(crate) fn of(&self, function: &str) -> Option<&[(u32, u64)]> {
        self.0.get(bound_name(function).as_ref()).map(Vec::as_slice)
    }
}

/// The recursive local functions of `module` (bodies attached) whose calls pass constants as described in the
/// module docs.
pub(crate) fn find(module: &Module<'_>) -> ConstantArguments {
    let mut found = HashMap::new();
    for f in module.get_functions() {
        if !is_local_definition(f) || f.get_type().is_var_arg() || count_instructions(f) > MAX_BODY {
            continue;
        }
        let Some(calls) = ffi::direct_calls(f) else { continue };
        if !calls.iter().any(|c| c.recursive) || calls.iter().all(|c| c.recursive) {
            continue;
        }
        let mut constants = Vec::new();
        for (i, ty) in f.get_type().get_param_types().iter().enumerate() {
            if !matches!(ty, BasicMetadataTypeEnum::IntType(t) if t.get_bit_width() <= 64) {
                continue;
            }
            let mut value = None;
            let agreed = calls.iter().all(|call| match call.arguments.get(i) {
                Some(a) if call.recursive && a.base == AddressBase::Parameter(i as u32) => true,
                Some(ffi::Argument { constant: Some(k), .. }) => *value.get_or_insert(*k) == *k,
                _ => false,
            });
            if agreed && let Some(k) = value {
                constants.push((i as u32, k));
            }
        }
        if !constants.is_empty()
            && let Ok(name) = f.get_name().to_str()
        {
            found.insert(bound_name(name).into_owned(), constants);
        }
    }
    ConstantArguments(found)
}

/// Turns `version` into the guard described in the module docs, for `constants` (positions and values), and
/// returns it: the same function value's body becomes the local function `<version>.general`, and a new function
/// under the version's name and linkage, with its type, calling convention and attributes, takes every use.
/// `None`, with nothing changed, for a variadic function, one whose parameters are copies, one the program asks
/// not to inline, or a body too large; also `None` if the builder fails once the body has moved (not seen: the
/// job's verification then reports the unfinished guard).
pub(crate) fn apply<'ctx>(
    module: &Module<'ctx>,
    version: FunctionValue<'ctx>,
    constants: &[(u32, u64)],
) -> Option<FunctionValue<'ctx>> {
    let ty = version.get_type();
    let params = ty.get_param_types();
    let kind = |name: &str| Attribute::get_named_enum_kind_id(name);
    // A guard that forwards a parameter the callee receives as a copy would copy it twice.
    if ty.is_var_arg()
        || (0..version.count_params()).any(|i| takes_a_copy(version, i))
        || version.get_enum_attribute(AttributeLoc::Function, kind("noinline")).is_some()
        || count_instructions(version) > MAX_BODY
        || constants.iter().any(|(i, _)| !matches!(params.get(*i as usize), Some(BasicMetadataTypeEnum::IntType(_))))
    {
        return None;
    }
    let name = version.get_name().to_str().ok()?.to_owned();
    let linkage = version.get_linkage();
    version.as_global_value().set_name(&format!("{name}.general"));
    let guard = module.add_function(&name, ty, Some(linkage));
    version.replace_all_uses_with(guard);
    version.set_linkage(Linkage::Internal);
    guard.set_call_conventions(version.get_call_conventions());
    let locs = [AttributeLoc::Function, AttributeLoc::Return]
        .into_iter()
        .chain((0..version.count_params()).map(AttributeLoc::Param));
    for loc in locs {
        for attribute in version.attributes(loc) {
            guard.add_attribute(loc, attribute);
        }
    }

    let context = module.get_context();
    let builder = context.create_builder();
    let entry = context.append_basic_block(guard, "entry");
    let special = context.append_basic_block(guard, "constants");
    let general = context.append_basic_block(guard, "general");
    builder.position_at_end(entry);
    let args = guard.get_params();
    let mut holds: Option<inkwell::values::IntValue<'ctx>> = None;
    let mut special_args: Vec<BasicMetadataValueEnum<'ctx>> = args.iter().map(|a| (*a).into()).collect();
    for &(i, k) in constants {
        let arg = args[i as usize].into_int_value();
        let constant = arg.get_type().const_int(k, false);
        let equal = builder.build_int_compare(inkwell::IntPredicate::EQ, arg, constant, "").ok()?;
        holds = Some(match holds {
            Some(h) => builder.build_and(h, equal, "").ok()?,
            None => equal,
        });
        special_args[i as usize] = constant.into();
    }
    builder.build_conditional_branch(holds?, special, general).ok()?;
    let always_inline = context.create_enum_attribute(kind("alwaysinline"), 0);
    let general_args: Vec<BasicMetadataValueEnum<'ctx>> = args.iter().map(|a| (*a).into()).collect();
    for (block, call_args, inline) in [(special, &special_args, true), (general, &general_args, false)] {
        builder.position_at_end(block);
        let call = builder.build_call(version, call_args, "").ok()?;
        call.set_call_convention(version.get_call_conventions());
        if inline {
            call.add_attribute(AttributeLoc::Function, always_inline);
        }
        match call.try_as_basic_value().basic() {
            Some(value) => builder.build_return(Some(&value)).ok()?,
            None => builder.build_return(None).ok()?,
        };
    }
    Some(guard)
}

#[cfg(test)]
mod tests {
    use inkwell::context::Context;
    use inkwell::memory_buffer::MemoryBuffer;

    use inkwell::values::AnyValue;

    use super::{apply, find};

    /// `depth` gets 4 from `main` and passes its own `%limit` on (through a stack slot, as clang -O0 keeps it);
    /// `%level` changes; `spread` gets two different constants; `alone` is not recursive.
    const IR: &str = r#"
define internal i32 @depth(i32 %level, i32 %limit) {
  %slot = alloca i32
  store i32 %limit, ptr %slot
  %done = icmp sge i32 %level, %limit
  br i1 %done, label %leaf, label %more
leaf:
  ret i32 1
more:
  %next = add i32 %level, 1
  %l = load i32, ptr %slot
  %a = call i32 @depth(i32 %next, i32 %l)
  %b = call i32 @depth(i32 %next, i32 4)
  %s = add i32 %a, %b
  ret i32 %s
}

define internal i32 @spread(i32 %n) {
  %z = icmp eq i32 %n, 0
  br i1 %z, label %out, label %again
out:
  ret i32 0
again:
  %m = sub i32 %n, 1
  %r = call i32 @spread(i32 %m)
  ret i32 %r
}

define internal i32 @alone(i32 %n) {
  ret i32 %n
}

define i32 @main() {
  %a = call i32 @depth(i32 0, i32 4)
  %b = call i32 @spread(i32 3)
  %c = call i32 @spread(i32 5)
  %d = call i32 @alone(i32 7)
  %s = add i32 %a, %b
  %t = add i32 %s, %c
  %u = add i32 %t, %d
  ret i32 %u
}
"#;

    #[test]
    fn recursive_functions_get_the_constants_all_their_calls_agree_on() {
        let context = Context::create();
        let buffer = MemoryBuffer::create_from_memory_range_copy(IR.as_bytes(), "t.ll");
        let module = context.create_module_from_ir(buffer).expect("IR parses");
        let found = find(&module);
        // `depth`'s `%level` gets 0 from `main` but `%next` from itself; `spread` gets 3 and 5; `alone` does not
        // call itself.
        assert_eq!(found.len(), 1);
        assert_eq!(found.of("depth"), Some(&[(1, 4)][..]));
    }

    #[test]
    fn the_guard_takes_every_use_and_calls_the_body_with_the_constants_or_without() {
        let context = Context::create();
        let buffer = MemoryBuffer::create_from_memory_range_copy(IR.as_bytes(), "t.ll");
        let module = context.create_module_from_ir(buffer).expect("IR parses");
        let depth = module.get_function("depth").expect("depth");
        let guard = apply(&module, depth, &[(1, 4)]).expect("specialized");
        assert_eq!(guard.get_name().to_str(), Ok("depth"));
        assert_eq!(depth.get_name().to_str(), Ok("depth.general"));
        module.verify().expect("the module verifies");
        let text = guard.print_to_string().to_string();
        assert!(text.contains("icmp eq i32 %1, 4"), "{text}");
        assert!(text.contains("call i32 @depth.general(i32 %0, i32 4) #"), "{text}");
        assert!(text.contains("call i32 @depth.general(i32 %0, i32 %1)"), "{text}");
        // The body's own calls and `main`'s now go through the guard.
        let body = depth.print_to_string().to_string();
        assert_eq!(body.matches("call i32 @depth(").count(), 2, "{body}");
        let main = module.get_function("main").expect("main").print_to_string().to_string();
        assert!(main.contains("call i32 @depth(i32 0, i32 4)"), "{main}");
        assert_eq!(depth.get_linkage(), inkwell::module::Linkage::Internal);
    }
}
