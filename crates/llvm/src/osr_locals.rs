//! Locals an OSR entry keeps to itself, and locals it fills itself.
//!
//! An OSR entry receives each live local (`alloca`) of the tier-0 frame by address. Tier 0 marks the locals
//! whose address goes nowhere but loads, stores and memory intrinsics, and the entry copies those into locals of
//! its own ([`crate::OsrValue::Local`]); every other local stays the frame's object, which the optimizer must
//! treat as memory anyone may see. Here, with the attributes the module's functions carry (inferred once per
//! module), a local whose address only reaches calls that do not keep it (`nocapture`), and of which no other
//! value the entry receives is an address, is private too: nothing but the entry's code can reach the frame's
//! object once the entry runs, so a copy behaves the same.
//!
//! A copy's contents are still unknown data. Some are known without the frame: when every write to the local
//! overwrites fixed bytes with constant data (a store of a constant, `memset`, a copy from a `constant` global,
//! `strcpy` of a constant string), all those writes run once on every way from the function's entry to the loop
//! header, and none can run again from the header on, the local holds at the header exactly what those writes
//! left, and bytes no write touched were never written (undefined). The entry then makes its local by repeating
//! those writes, in order, and the optimizer sees the constants (a `strcmp` of a string copied into a local
//! before the loop folds, as it does in a whole-function compile).

use std::collections::HashSet;

use inkwell::attributes::{Attribute, AttributeLoc};
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::values::{
    AnyValue, BasicValue, BasicValueEnum, CallSiteValue, FunctionValue, InstructionOpcode, InstructionValue,
    PointerValue,
};

use crate::ffi::{is_runtime_value, operand_is, points_into_constant_global};
use crate::uses::{is_call_to, users};

/// Library functions that only overwrite bytes of their first argument with data taken from the others (none
/// reads what it overwrites, unlike `strcat`).
const OVERWRITING_CALLS: &[&str] = &["strcpy", "stpcpy", "strncpy", "memcpy", "memmove", "memset"];

/// Intrinsics that only overwrite bytes of their first argument (`llvm.memcpy.inline.*` included).
const OVERWRITING_INTRINSICS: &[&str] = &["llvm.memcpy.", "llvm.memmove.", "llvm.memset."];

/// Variadic C library functions that print their arguments as a format (at the given argument) says.
const FORMATTED_OUTPUT: &[(&str, u32)] = &[("printf", 0), ("fprintf", 1), ("dprintf", 1)];

/// A local with more uses than this is not looked at.
const MAX_USES: usize = 256;

/// `ArgMem`'s "may write" bit in the value of LLVM 19's `memory` attribute (two bits per location, argument
/// memory first: read = 1, write = 2).
const ARGMEM_MOD: u64 = 2;

/// How an OSR entry at `header` treats local `alloca` of `f`.
pub(crate) struct LocalPlan<'ctx> {
    /// Whether the entry may use a copy of its own instead of the frame's object: every use of the local's
    /// address is known not to keep it, and none of `state`'s other values is an address computed from it.
    pub(crate) private: bool,
    /// When every write to the local before the header is known and can be repeated: those writes, in order.
    /// Then the local holds at the header what they wrote and, where they wrote nothing, bytes never written
    /// (undefined): the entry needs none of the frame's bytes.
    pub(crate) replay: Option<Vec<InstructionValue<'ctx>>>,
}

/// What an OSR entry at `header` can do with local `alloca` of `f`, given the values of the entry's state.
pub(crate) fn plan<'ctx>(
    f: FunctionValue<'ctx>,
    alloca: InstructionValue<'ctx>,
    header: BasicBlock<'ctx>,
    state: &[BasicValueEnum<'ctx>],
) -> LocalPlan<'ctx> {
    let Some(uses) = uses_of(alloca) else { return LocalPlan { private: false, replay: None } };
    let derived_in_state =
        uses.addresses.iter().any(|a| *a != alloca && state.iter().any(|v| v.as_instruction_value() == Some(*a)));
    let replay = if uses.other_writes { None } else { constant_writes(f, &uses.overwrites, header) };
    LocalPlan { private: !derived_in_state, replay }
}

/// `overwrites` (of a local of `f`) in the order they ran before the loop `header`, if they are the local's
/// whole contents there (see the module docs); those on ways that never reach the header are left out.
fn constant_writes<'ctx>(
    f: FunctionValue<'ctx>,
    overwrites: &[InstructionValue<'ctx>],
    header: BasicBlock<'ctx>,
) -> Option<Vec<InstructionValue<'ctx>>> {
    if overwrites.is_empty() {
        return Some(Vec::new());
    }
    let entry = f.get_first_basic_block()?;
    let from_header = reachable(&[header], None);
    let path = path_to(entry, header)?;
    let mut ordered = Vec::with_capacity(overwrites.len());
    for &w in overwrites {
        let block = w.get_parent()?;
        if from_header.contains(&block) {
            return None;
        }
        if !reachable(&[block], None).contains(&header) {
            // Runs only on ways that never reach the loop.
            continue;
        }
        let dominates = block == entry || !reachable(&[entry], Some(block)).contains(&header);
        let in_cycle = reachable(&successors(block), None).contains(&block);
        if !dominates || in_cycle || !replayable(w) {
            return None;
        }
        let position = path.iter().position(|&b| b == block)?;
        let index = block.get_instructions().position(|i| i == w)?;
        ordered.push((position, index, w));
    }
    ordered.sort_by_key(|&(p, i, _)| (p, i));
    Some(ordered.into_iter().map(|(_, _, w)| w).collect())
}

/// Repeats `writes` (from [`constant_writes`]) at the builder's position: copies of each write and of the
/// `getelementptr`s between it and the local, which still refer to the original local (the caller replaces
/// it).
pub(crate) fn replay<'ctx>(builder: &Builder<'ctx>, writes: &[InstructionValue<'ctx>]) -> Result<(), String> {
    for &w in writes {
        let at = destination_operand(w);
        let dest = pointer_operand(w, at).ok_or("a replayed write without a destination")?;
        let dest = clone_address(builder, dest)?;
        let copy = w.explicit_clone();
        builder.insert_instruction(&copy, None);
        if !copy.set_operand(at, dest) {
            return Err("cannot point a replayed write at the entry's local".into());
        }
    }
    Ok(())
}

/// What the uses of a local's address do.
struct Uses<'ctx> {
    /// The local and the addresses computed from it (`getelementptr`).
    addresses: Vec<InstructionValue<'ctx>>,
    /// Stores and calls that only overwrite bytes of it.
    overwrites: Vec<InstructionValue<'ctx>>,
    /// Whether some call may write it in other ways.
    other_writes: bool,
}

/// The uses of `alloca`'s address, if every use of it and of addresses computed from it is one that does not
/// let it escape: loads, `getelementptr`, comparisons, lifetime markers, copies out of it, overwrites of it, and
/// calls that do not keep the argument (`nocapture`). `None` otherwise.
fn uses_of(alloca: InstructionValue<'_>) -> Option<Uses<'_>> {
    let mut uses = Uses { addresses: vec![alloca], overwrites: Vec::new(), other_writes: false };
    let mut next = 0;
    let mut seen = 0;
    while let Some(&address) = uses.addresses.get(next) {
        next += 1;
        for user in users(address.get_first_use()) {
            let user = user?;
            seen += 1;
            if seen > MAX_USES {
                return None;
            }
            let is_operand = |i: u32| operand_is(user, i, address);
            match user.get_opcode() {
                InstructionOpcode::GetElementPtr
                    if is_operand(0) && (1..user.get_num_operands()).all(|i| !is_operand(i)) =>
                {
                    if !uses.addresses.contains(&user) {
                        uses.addresses.push(user);
                    }
                }
                InstructionOpcode::Load | InstructionOpcode::ICmp => {}
                InstructionOpcode::Store if !is_operand(0) => uses.overwrites.push(user),
                InstructionOpcode::Call => match call_effect(user, address)? {
                    Effect::Reads => {}
                    Effect::Overwrites => uses.overwrites.push(user),
                    Effect::Writes => uses.other_writes = true,
                },
                _ => return None,
            }
        }
    }
    Some(uses)
}

/// What a call does to the memory at `address`, one of its arguments.
enum Effect {
    Reads,
    /// Only overwrites bytes there with data taken from its other arguments.
    Overwrites,
    /// May write it otherwise.
    Writes,
}

/// How call `call` treats `address`; `None` if it may keep it (or return it).
fn call_effect(call: InstructionValue<'_>, address: InstructionValue<'_>) -> Option<Effect> {
    if is_call_to(call, "llvm.lifetime.") {
        return Some(Effect::Reads);
    }
    let site = CallSiteValue::try_from(call).ok()?;
    let args = site.count_arguments();
    let positions: Vec<u32> = (0..args).filter(|&i| operand_is(call, i, address)).collect();
    if positions.len() != (0..call.get_num_operands()).filter(|&i| operand_is(call, i, address)).count() {
        // The address is the callee, or an operand beyond the arguments.
        return None;
    }
    let callee = site.get_called_fn_value();
    let name = callee.map(|f| f.get_name().to_string_lossy().into_owned()).unwrap_or_default();
    let intrinsic = OVERWRITING_INTRINSICS.iter().any(|p| name.starts_with(p));
    let library = OVERWRITING_CALLS.contains(&name.as_str()) && callee.is_some_and(|f| f.count_basic_blocks() == 0);
    if intrinsic || library {
        // The library functions return their first argument: a used result would be one more address.
        if call.get_first_use().is_some() {
            return None;
        }
        return match positions[..] {
            [0] => Some(Effect::Overwrites),
            // A copy out of the local only reads it.
            [1] if !name.contains("memset") => Some(Effect::Reads),
            _ => None,
        };
    }
    // A pointer the call returns could be the address again (`nocapture` speaks of copies that outlive the call).
    if crate::ffi::returns_pointer(call) && call.get_first_use().is_some() {
        return None;
    }
    let has = |loc: AttributeLoc, kind: &str| {
        let kind = Attribute::get_named_enum_kind_id(kind);
        site.get_enum_attribute(loc, kind).is_some()
            || callee.is_some_and(|f| f.get_enum_attribute(loc, kind).is_some())
    };
    let memory = Attribute::get_named_enum_kind_id("memory");
    let no_argument_writes = [site.get_enum_attribute(AttributeLoc::Function, memory)]
        .into_iter()
        .chain([callee.and_then(|f| f.get_enum_attribute(AttributeLoc::Function, memory))])
        .flatten()
        .any(|m| m.get_enum_value() & ARGMEM_MOD == 0);
    // `printf("%s", local)`: the C library's formatted output reads the strings it prints, and only `%n` writes.
    let printed = FORMATTED_OUTPUT.iter().find(|(n, _)| *n == name).is_some_and(|&(_, format)| {
        callee.is_some_and(|f| f.count_basic_blocks() == 0 && f.get_type().is_var_arg())
            && call
                .get_operand(format)
                .and_then(|o| o.value())
                .and_then(crate::ffi::constant_string)
                .is_some_and(|s| !stores_a_count(&s))
    });
    let mut writes = false;
    for i in positions {
        if printed && i >= callee.map_or(u32::MAX, |f| f.count_params()) {
            continue;
        }
        let loc = AttributeLoc::Param(i);
        if !has(loc, "nocapture") {
            return None;
        }
        writes |= !(no_argument_writes || has(loc, "readonly") || has(loc, "readnone"));
    }
    Some(if writes { Effect::Writes } else { Effect::Reads })
}

/// Whether C format string `format` has a `%n` conversion (the only one that writes through its argument).
fn stores_a_count(format: &[u8]) -> bool {
    let mut rest = format;
    while let Some(at) = rest.iter().position(|&c| c == b'%') {
        let spec = &rest[at + 1..];
        // Flags, positions, width, precision and length modifiers come before the conversion.
        let skip = spec.iter().take_while(|c| b"0123456789$-+ #.*'IhlLqjzt".contains(c)).count();
        match spec.get(skip) {
            Some(b'n') => return true,
            Some(_) => rest = &spec[skip + 1..],
            None => return false,
        }
    }
    false
}

/// Whether write `w` can run again anywhere with the same effect: it stores constant data at a fixed offset of
/// the local, and its result, if any, is unused.
fn replayable(w: InstructionValue<'_>) -> bool {
    let at = destination_operand(w);
    let Some(dest) = pointer_operand(w, at) else { return false };
    if !fixed_address(dest) || w.get_first_use().is_some() || w.get_volatile().unwrap_or(false) {
        return false;
    }
    let operand = |i: u32| w.get_operand(i).and_then(|o| o.value());
    if w.get_opcode() == InstructionOpcode::Store {
        return operand(0).is_some_and(|v| !is_runtime_value(v));
    }
    // The arguments after the destination (the callee is the last operand): constants, and what they point to
    // never changes.
    (1..w.get_num_operands().saturating_sub(1)).all(|i| match operand(i) {
        Some(v) if v.is_pointer_value() => points_into_constant_global(v),
        Some(v) => !is_runtime_value(v),
        None => false,
    })
}

/// Which operand of write `w` is the address it writes.
fn destination_operand(w: InstructionValue<'_>) -> u32 {
    if w.get_opcode() == InstructionOpcode::Store { 1 } else { 0 }
}

fn pointer_operand(inst: InstructionValue<'_>, i: u32) -> Option<PointerValue<'_>> {
    inst.get_operand(i).and_then(|o| o.value()).filter(|v| v.is_pointer_value()).map(|v| v.into_pointer_value())
}

/// Whether `address` is the local itself or `getelementptr`s of it with constant indices.
fn fixed_address(address: PointerValue<'_>) -> bool {
    match address.as_instruction_value() {
        Some(i) if i.get_opcode() == InstructionOpcode::Alloca => true,
        Some(i) if i.get_opcode() == InstructionOpcode::GetElementPtr => {
            (1..i.get_num_operands())
                .all(|k| i.get_operand(k).and_then(|o| o.value()).is_some_and(|v| !is_runtime_value(v)))
                && pointer_operand(i, 0).is_some_and(fixed_address)
        }
        _ => false,
    }
}

/// A copy, at the builder's position, of the `getelementptr`s that compute `address` from the local.
fn clone_address<'ctx>(builder: &Builder<'ctx>, address: PointerValue<'ctx>) -> Result<PointerValue<'ctx>, String> {
    let Some(gep) = address.as_instruction_value().filter(|i| i.get_opcode() == InstructionOpcode::GetElementPtr)
    else {
        return Ok(address);
    };
    let base = clone_address(builder, pointer_operand(gep, 0).ok_or("getelementptr without a base")?)?;
    let copy = gep.explicit_clone();
    builder.insert_instruction(&copy, None);
    if !copy.set_operand(0, base) {
        return Err("cannot rebase a copied getelementptr".into());
    }
    BasicValueEnum::try_from(copy.as_any_value_enum())
        .ok()
        .filter(|v| v.is_pointer_value())
        .map(|v| v.into_pointer_value())
        .ok_or_else(|| "a copied getelementptr without a pointer value".into())
}

fn successors<'ctx>(block: BasicBlock<'ctx>) -> Vec<BasicBlock<'ctx>> {
    let Some(term) = block.get_terminator() else { return Vec::new() };
    (0..term.get_num_operands()).filter_map(|i| term.get_operand(i).and_then(|o| o.block())).collect()
}

/// The blocks reachable from `start` (included), not going through `avoid`.
fn reachable<'ctx>(start: &[BasicBlock<'ctx>], avoid: Option<BasicBlock<'ctx>>) -> HashSet<BasicBlock<'ctx>> {
    let mut seen: HashSet<BasicBlock<'ctx>> = HashSet::new();
    let mut work: Vec<BasicBlock<'ctx>> = start.iter().copied().filter(|&b| Some(b) != avoid).collect();
    while let Some(b) = work.pop() {
        if seen.insert(b) {
            work.extend(successors(b).into_iter().filter(|&s| Some(s) != avoid && !seen.contains(&s)));
        }
    }
    seen
}

/// The blocks of one way from `entry` to `header` (both included), in order.
fn path_to<'ctx>(entry: BasicBlock<'ctx>, header: BasicBlock<'ctx>) -> Option<Vec<BasicBlock<'ctx>>> {
    let mut parent: std::collections::HashMap<BasicBlock<'ctx>, BasicBlock<'ctx>> = Default::default();
    let mut queue = std::collections::VecDeque::from([entry]);
    let mut seen = HashSet::from([entry]);
    while let Some(b) = queue.pop_front() {
        if b == header {
            let mut path = vec![b];
            let mut at = b;
            while let Some(&p) = parent.get(&at) {
                path.push(p);
                at = p;
            }
            path.reverse();
            return Some(path);
        }
        for s in successors(b) {
            if seen.insert(s) {
                parent.insert(s, b);
                queue.push_back(s);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::stores_a_count;

    #[test]
    fn only_percent_n_stores_a_count() {
        assert!(!stores_a_count(b"%s|%s\n"));
        assert!(!stores_a_count(b"none counted: %d %%n %5.2f %-10s %lld\n"));
        assert!(stores_a_count(b"%s%n"));
        assert!(stores_a_count(b"%d %2$hhn"));
        assert!(!stores_a_count(b"trailing %"));
    }
}
