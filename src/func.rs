//! Typed handles to JIT functions.

use crate::LoadedModule;
use std::marker::PhantomData;

/// A JIT function of type `F` (an `extern "C" fn` pointer type), borrowed from its module: safe code can call it
/// only while the module is loaded. `call` goes through the function's stub, so it runs whatever tier is
/// installed at that moment.
///
/// The borrow is what makes a dropped module's code unreachable from safe code:
///
/// ```compile_fail,E0505
/// let jit = tierlift::Jit::builder().build();
/// let m = jit.load_bytes(b"define i64 @one() {\n  ret i64 1\n}\n").unwrap();
/// // SAFETY: `one` is `i64 ()`.
/// let one = unsafe { m.get_function::<extern "C" fn() -> i64>("one") }.unwrap();
/// drop(m); // error: `m` is still borrowed by `one`
/// one.call();
/// ```
///
/// and only function-pointer types whose signature can be checked are accepted:
///
/// ```compile_fail,E0277
/// let jit = tierlift::Jit::builder().build();
/// let m = jit.load_bytes(b"define i64 @one() {\n  ret i64 1\n}\n").unwrap();
/// // error: `u32` is not a `NativeFn`
/// let _ = unsafe { m.get_function::<u32>("one") };
/// ```
#[derive(Clone, Copy)]
pub struct Func<'m, F: Copy> {
    pub(crate) f: F,
    address: usize,
    /// The IR result is `i1`: only its lowest bit is defined (LLVM code leaves the others as they fall), so `call`
    /// reads that bit alone.
    pub(crate) bit_result: bool,
    _module: PhantomData<&'m LoadedModule>,
}

impl<F: Copy> Func<'_, F> {
    pub(crate) fn new(f: F, address: usize, bit_result: bool) -> Self {
        Func { f, address, bit_result, _module: PhantomData }
    }

    /// The raw function pointer (the stub), e.g. to hand to C code.
    ///
    /// # Safety
    /// The pointer outlives this handle: it must not be called after the module is dropped.
    pub unsafe fn get(&self) -> F {
        self.f
    }

    /// The stub address.
    pub fn address(&self) -> usize {
        self.address
    }
}
