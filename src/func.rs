//! Typed handles to JIT functions.

use crate::LoadedModule;
use std::marker::PhantomData;

/// A JIT function as an `extern "C" fn` pointer `F`, valid while its module lives. The pointer is the function's
/// stub: it stays the same across tier changes.
#[derive(Clone, Copy)]
pub struct Func<'m, F: Copy> {
    f: F,
    address: usize,
    _module: PhantomData<&'m LoadedModule>,
}

impl<'m, F: Copy> Func<'m, F> {
    pub(crate) fn new(f: F, address: usize) -> Self {
        Func { f, address, _module: PhantomData }
    }

    /// The function pointer (call it while the module lives).
    pub fn get(&self) -> F {
        self.f
    }

    /// The stub address.
    pub fn address(&self) -> usize {
        self.address
    }
}
