//! Where an address comes from: a global variable, a parameter of the function it is used in, or something else,
//! looking through in-bounds address arithmetic and through the stack slot a parameter is kept in by code that
//! leaves its locals in memory (clang -O0: `store ptr %p, ptr %p.addr` once, then only loads of `%p.addr`).
//! And which values' addresses go nowhere but such accesses and direct calls.

use inkwell::llvm_sys::core as llvm;
use inkwell::llvm_sys::prelude::LLVMValueRef;
use inkwell::values::{AsValueRef, FunctionValue, GlobalValue};

use super::{UseOf, in_bounds_address_of, value_name, walk_uses};

/// What an address is computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AddressBase {
    /// A global variable, by name: the address is in it (or computed in bounds from it).
    Global(String),
    /// Parameter `index` of the function the address is used in.
    Parameter(u32),
    /// Anything else (an instruction's result, a function, a constant).
    Other,
}

/// What `pointer` is computed from, through constant `getelementptr`/`bitcast` expressions, `getelementptr
/// inbounds` instructions and loads of a slot that only ever holds a parameter (at most eight steps).
pub(crate) fn address_base(pointer: impl AsValueRef) -> AddressBase {
    base_of(pointer.as_value_ref())
}

/// [`address_base`] of a raw value.
fn base_of(pointer: LLVMValueRef) -> AddressBase {
    let mut v = pointer;
    for _ in 0..8 {
        // SAFETY: `v` is a live value (the argument, or an operand of a live instruction or constant expression,
        // or the value a live store stores); these calls only read it.
        unsafe {
            if !llvm::LLVMIsAGlobalVariable(v).is_null() {
                return AddressBase::Global(value_name(v));
            }
            if !llvm::LLVMIsAArgument(v).is_null() {
                return parameter_index(v).map_or(AddressBase::Other, AddressBase::Parameter);
            }
            if !llvm::LLVMIsAGetElementPtrInst(v).is_null() {
                let base = llvm::LLVMGetOperand(v, 0);
                if !in_bounds_address_of(v, base) {
                    return AddressBase::Other;
                }
                v = base;
                continue;
            }
            if !llvm::LLVMIsALoadInst(v).is_null() {
                match slot_parameter(llvm::LLVMGetOperand(v, 0)) {
                    Some(parameter) => {
                        v = parameter;
                        continue;
                    }
                    None => return AddressBase::Other,
                }
            }
            if llvm::LLVMIsAConstantExpr(v).is_null()
                || !matches!(
                    llvm::LLVMGetConstOpcode(v),
                    inkwell::llvm_sys::LLVMOpcode::LLVMGetElementPtr | inkwell::llvm_sys::LLVMOpcode::LLVMBitCast
                )
            {
                return AddressBase::Other;
            }
            v = llvm::LLVMGetOperand(v, 0);
        }
    }
    AddressBase::Other
}

/// The position of argument `arg` in its function's parameter list.
fn parameter_index(arg: LLVMValueRef) -> Option<u32> {
    // SAFETY: `arg` is a live argument; its parent function and that function's parameters are only read.
    unsafe {
        let f = llvm::LLVMGetParamParent(arg);
        (0..llvm::LLVMCountParams(f)).find(|&i| llvm::LLVMGetParam(f, i) == arg)
    }
}

/// The parameter `slot` holds, when `slot` is an `alloca` whose uses are one store of a parameter into it and
/// loads from it: every load reads that parameter (or, before the store, nothing a program may use).
fn slot_parameter(slot: LLVMValueRef) -> Option<LLVMValueRef> {
    let mut parameter = None;
    // SAFETY: `slot` is a live value; its kind and its use list (live uses and users) are only read.
    unsafe {
        if llvm::LLVMIsAAllocaInst(slot).is_null() {
            return None;
        }
        let mut u = llvm::LLVMGetFirstUse(slot);
        while !u.is_null() {
            let user = llvm::LLVMGetUser(u);
            if !llvm::LLVMIsALoadInst(user).is_null() && llvm::LLVMGetOperand(user, 0) == slot {
                // A load of the slot.
            } else if !llvm::LLVMIsAStoreInst(user).is_null()
                && llvm::LLVMGetOperand(user, 1) == slot
                && !llvm::LLVMIsAArgument(llvm::LLVMGetOperand(user, 0)).is_null()
                && parameter.is_none()
            {
                parameter = Some(llvm::LLVMGetOperand(user, 0));
            } else {
                return None;
            }
            u = llvm::LLVMGetNextUse(u);
        }
    }
    parameter
}

/// Whether every use of pointer parameter `parameter` is the address of a load or a store (directly, through
/// `getelementptr inbounds` instructions, or through the slot it is kept in): whatever it points to is reached
/// only by those accesses while the function runs, and it is not kept.
pub(crate) fn parameter_only_accessed_directly(parameter: impl AsValueRef) -> bool {
    walk_uses(parameter.as_value_ref(), 0, &|user, value| {
        // SAFETY: `user` is a live user of the live `value`; its kind and operands are only read.
        let (stored, address) = unsafe {
            if llvm::LLVMIsAStoreInst(user).is_null() {
                return as_address(user, value);
            }
            (llvm::LLVMGetOperand(user, 0), llvm::LLVMGetOperand(user, 1))
        };
        if stored == value && slot_parameter(address) == Some(value) {
            UseOf::Loads(address)
        } else {
            as_address(user, value)
        }
    })
}

/// What a use of `value` by `user` is when only addresses of loads and stores are allowed: an in-bounds address
/// computed from it ([`UseOf::Through`]), the address of a load or a store (not the value stored), or refused.
fn as_address(user: LLVMValueRef, value: LLVMValueRef) -> UseOf {
    // SAFETY: `user` is a live user of the live `value`; its kind and operands are only read.
    unsafe {
        if in_bounds_address_of(user, value) {
            UseOf::Through
        } else if !llvm::LLVMIsALoadInst(user).is_null() {
            UseOf::accepted(llvm::LLVMGetOperand(user, 0) == value)
        } else if !llvm::LLVMIsAStoreInst(user).is_null() {
            UseOf::accepted(llvm::LLVMGetOperand(user, 1) == value && llvm::LLVMGetOperand(user, 0) != value)
        } else {
            UseOf::Refused
        }
    }
}

/// Whether every use of `global` is the address of a load or a store (directly, or through constant
/// `getelementptr`/`bitcast` expressions and `getelementptr inbounds` instructions), or an argument of a direct
/// call or invoke at a position `passes(callee's name, position)` accepts. No instruction stores its address,
/// compares it or passes it elsewhere, so no other pointer value of the program can point into it. (An address
/// computed in bounds from the global, an element indexed by a variable, is based on it and may only reach it.)
pub(crate) fn only_accessed_or_passed(global: GlobalValue<'_>, passes: impl Fn(&str, u32) -> bool) -> bool {
    walk_uses(global.as_value_ref(), 0, &|user, value| {
        let Some(callee) = direct_callee(user) else { return as_address(user, value) };
        let name = value_name(callee);
        let mut passed = false;
        // SAFETY: `user` is a live call or invoke using the live `value`; its operands are only read.
        for i in 0..unsafe { llvm::LLVMGetNumArgOperands(user) } {
            // SAFETY: as above; `i` is below the argument count.
            if unsafe { llvm::LLVMGetOperand(user, i) } == value {
                if !passes(&name, i) {
                    return UseOf::Refused;
                }
                passed = true;
            }
        }
        // Not an argument: the callee itself, or an operand bundle's value.
        UseOf::accepted(passed)
    })
}

/// The function a `call` or `invoke` instruction `inst` calls, when it calls one by name.
fn direct_callee(inst: LLVMValueRef) -> Option<LLVMValueRef> {
    // SAFETY: `inst` is a live value; its kind and called operand are only read.
    unsafe {
        if llvm::LLVMIsACallInst(inst).is_null() && llvm::LLVMIsAInvokeInst(inst).is_null() {
            return None;
        }
        let callee = llvm::LLVMGetCalledValue(inst);
        (!callee.is_null() && !llvm::LLVMIsAFunction(callee).is_null()).then_some(callee)
    }
}

/// One argument of a direct call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Argument {
    /// What it is computed from, as an address (a parameter passed on: [`AddressBase::Parameter`]).
    pub(crate) base: AddressBase,
    /// Its value, zero-extended, when it is an integer constant of at most 64 bits.
    pub(crate) constant: Option<u64>,
}

/// A direct call of a function.
#[derive(Clone, Debug)]
pub(crate) struct DirectCall {
    /// Whether the call is in the called function's own body.
    pub(crate) recursive: bool,
    /// Its arguments, in order.
    pub(crate) arguments: Vec<Argument>,
}

/// Every call of `f`, when every use of `f` is the callee of a `call` or `invoke` instruction (its address is
/// taken nowhere, so these are all the calls there are).
pub(crate) fn direct_calls(f: FunctionValue<'_>) -> Option<Vec<DirectCall>> {
    let f = f.as_value_ref();
    let mut calls = Vec::new();
    // SAFETY: `f` is a live function; its use list yields live uses and users, whose kinds, operands and parent
    // blocks are only read.
    unsafe {
        let mut u = llvm::LLVMGetFirstUse(f);
        while !u.is_null() {
            let user = llvm::LLVMGetUser(u);
            if direct_callee(user) != Some(f) {
                return None;
            }
            let count = llvm::LLVMGetNumArgOperands(user);
            // The callee is the last operand; any other operand (an argument, a bundle's value) naming `f` takes
            // its address.
            let operands = llvm::LLVMGetNumOperands(user).max(1) as u32 - 1;
            if (0..operands).any(|i| llvm::LLVMGetOperand(user, i) == f) {
                return None;
            }
            let arguments = (0..count)
                .map(|i| {
                    let v = llvm::LLVMGetOperand(user, i);
                    let constant = (!llvm::LLVMIsAConstantInt(v).is_null()
                        && llvm::LLVMGetIntTypeWidth(llvm::LLVMTypeOf(v)) <= 64)
                        .then(|| llvm::LLVMConstIntGetZExtValue(v));
                    Argument { base: base_of(v), constant }
                })
                .collect();
            let recursive = llvm::LLVMGetBasicBlockParent(llvm::LLVMGetInstructionParent(user)) == f;
            calls.push(DirectCall { recursive, arguments });
            u = llvm::LLVMGetNextUse(u);
        }
    }
    Some(calls)
}
