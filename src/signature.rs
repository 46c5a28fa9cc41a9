//! Checking a Rust function-pointer type against a function's IR signature.
//!
//! [`NativeFn`] is implemented for `extern "C" fn(A, B, ...) -> R` with up to 10 parameters whose types are
//! [`NativeType`]s; `LoadedModule::get_function` compares each position with the IR signature and returns
//! [`Error::SignatureMismatch`](crate::Error::SignatureMismatch) when they differ. Only types whose C ABI is
//! fixed by their IR type are checked: integers by width, `float`/`double`, `ptr`, `void`. Anything else
//! (aggregates, vectors, `byval`/`sret` parameters, variadic functions) is reported as a mismatch; such
//! functions can still be reached with `get_function_unchecked`.

use tierlift_ir::{ParamAttrs, Signature, Type};

/// The IR-level shape of a Rust parameter or return type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeKind {
    /// No value (`()`, IR `void`).
    Void,
    /// An integer of this many bits (`bool` is 1: IR `i1`, or `i8` with `zeroext`).
    Int(u32),
    /// `f32`, IR `float`.
    F32,
    /// `f64`, IR `double`.
    F64,
    /// A raw pointer, IR `ptr`.
    Ptr,
}

impl std::fmt::Display for NativeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NativeKind::Void => f.write_str("void"),
            NativeKind::Int(1) => f.write_str("i1 (bool)"),
            NativeKind::Int(n) => write!(f, "i{n}"),
            NativeKind::F32 => f.write_str("float"),
            NativeKind::F64 => f.write_str("double"),
            NativeKind::Ptr => f.write_str("ptr"),
        }
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A Rust type that can cross the C ABI to JIT code with a checkable IR type.
pub trait NativeType: sealed::Sealed {
    /// Its IR shape.
    const KIND: NativeKind;
    /// What a result of this type is read as from the register that holds it: itself, or a byte for `bool`
    /// (whose other values than 0 and 1 a Rust `bool` must never hold).
    #[doc(hidden)]
    type Raw: Copy;
    /// The result from its register; `bit`: the IR result is `i1`, whose bits above the lowest are undefined.
    #[doc(hidden)]
    fn from_raw(raw: Self::Raw, bit: bool) -> Self;
}

macro_rules! native_types {
    ($($t:ty => $k:expr, |$raw:ident, $bit:ident| $from:expr);* $(;)?) => {$(
        impl sealed::Sealed for $t {}
        impl NativeType for $t {
            const KIND: NativeKind = $k;
            type Raw = $t;
            #[allow(unused_variables)]
            fn from_raw($raw: $t, $bit: bool) -> $t {
                $from
            }
        }
    )*};
}

native_types! {
    () => NativeKind::Void, |raw, bit| raw;
    i8 => NativeKind::Int(8), |raw, bit| if bit { raw & 1 } else { raw };
    u8 => NativeKind::Int(8), |raw, bit| if bit { raw & 1 } else { raw };
    i16 => NativeKind::Int(16), |raw, bit| raw;
    u16 => NativeKind::Int(16), |raw, bit| raw;
    i32 => NativeKind::Int(32), |raw, bit| raw;
    u32 => NativeKind::Int(32), |raw, bit| raw;
    i64 => NativeKind::Int(64), |raw, bit| raw;
    u64 => NativeKind::Int(64), |raw, bit| raw;
    isize => NativeKind::Int(64), |raw, bit| raw;
    usize => NativeKind::Int(64), |raw, bit| raw;
    f32 => NativeKind::F32, |raw, bit| raw;
    f64 => NativeKind::F64, |raw, bit| raw;
}

impl sealed::Sealed for bool {}
impl NativeType for bool {
    const KIND: NativeKind = NativeKind::Int(1);
    type Raw = u8;
    fn from_raw(raw: u8, _bit: bool) -> bool {
        raw & 1 != 0
    }
}

impl<T> sealed::Sealed for *const T {}
impl<T> NativeType for *const T {
    const KIND: NativeKind = NativeKind::Ptr;
    type Raw = Self;
    fn from_raw(raw: Self, _bit: bool) -> Self {
        raw
    }
}
impl<T> sealed::Sealed for *mut T {}
impl<T> NativeType for *mut T {
    const KIND: NativeKind = NativeKind::Ptr;
    type Raw = Self;
    fn from_raw(raw: Self, _bit: bool) -> Self {
        raw
    }
}

/// An `extern "C" fn` pointer type whose parameters and result are [`NativeType`]s: what
/// `LoadedModule::get_function` hands out after checking it against the IR signature.
pub trait NativeFn: Copy + sealed::Sealed {
    /// Parameter shapes, in order.
    fn params() -> Vec<NativeKind>;
    /// Result shape.
    fn result() -> NativeKind;
    /// Reinterprets a code address as this type.
    ///
    /// # Safety
    /// The code at `address` must follow this signature under the C ABI and stay mapped while the result is used.
    #[doc(hidden)]
    unsafe fn from_address(address: usize) -> Self;
}

macro_rules! native_fns {
    ($(($($p:ident),*)),* $(,)?) => {$(
        impl<R: NativeType, $($p: NativeType),*> sealed::Sealed for extern "C" fn($($p),*) -> R {}
        impl<R: NativeType, $($p: NativeType),*> NativeFn for extern "C" fn($($p),*) -> R {
            fn params() -> Vec<NativeKind> {
                vec![$($p::KIND),*]
            }
            fn result() -> NativeKind {
                R::KIND
            }
            unsafe fn from_address(address: usize) -> Self {
                // SAFETY: forwarded to the caller: the code at `address` has this signature and stays mapped.
                unsafe { tierlift_code::fn_from_address::<Self>(address) }
            }
        }
        impl<R: NativeType, $($p: NativeType),*> crate::Func<'_, extern "C" fn($($p),*) -> R> {
            /// Calls the function (through its stub: whatever tier runs it now). A C++ exception that the JIT
            /// code does not catch calls `std::terminate` at this call, as at a `noexcept` boundary, without
            /// unwinding the JIT frames (see [`tierlift_code::enter_jit`]). An IR `i1` result is its lowest bit
            /// (the bits above it are undefined, and a `bool` is read from a byte).
            #[allow(non_snake_case, clippy::too_many_arguments)]
            pub fn call(&self, $($p: $p),*) -> R {
                // SAFETY: the stub has the signature of `self.f` (the handle's contract), and `R::Raw` is returned
                // in the same register as `R` (itself, or a byte for `bool`).
                let f = unsafe { tierlift_code::fn_from_address::<extern "C" fn($($p),*) -> R::Raw>(self.address()) };
                let raw = tierlift_code::enter_jit(move || f($($p),*));
                R::from_raw(raw, self.bit_result)
            }
        }
    )*};
}

native_fns! {
    (),
    (A),
    (A, B),
    (A, B, C),
    (A, B, C, D),
    (A, B, C, D, E),
    (A, B, C, D, E, G),
    (A, B, C, D, E, G, H),
    (A, B, C, D, E, G, H, I),
    (A, B, C, D, E, G, H, I, J),
    (A, B, C, D, E, G, H, I, J, K),
}

/// The shape of an IR type with attributes, or why it has none that can be checked.
fn ir_kind(ty: &Type, attrs: &ParamAttrs) -> Result<NativeKind, String> {
    if attrs.byval.is_some() || attrs.sret.is_some() {
        return Err(format!("{ty:?} passed byval/sret"));
    }
    if let Some(other) = attrs.unusual {
        return Err(format!("{ty:?} with `{other}`"));
    }
    match ty {
        Type::Void => Ok(NativeKind::Void),
        Type::Int(n @ (1 | 8 | 16 | 32 | 64)) => Ok(NativeKind::Int(*n)),
        Type::Float => Ok(NativeKind::F32),
        Type::Double => Ok(NativeKind::F64),
        Type::Ptr => Ok(NativeKind::Ptr),
        other => Err(format!("{other:?}")),
    }
}

fn same(ir: NativeKind, rust: NativeKind) -> bool {
    // An `i1` travels as a byte: `bool`, `u8` and `i8` all fit it.
    ir == rust || (ir == NativeKind::Int(1) && rust == NativeKind::Int(8))
}

/// Compares `F` with `sig`; `Err` says where they differ.
pub(crate) fn check<F: NativeFn>(sig: &Signature) -> Result<(), String> {
    if sig.variadic {
        return Err("the function is variadic".into());
    }
    if sig.call_conv != 0 {
        return Err(format!("the function uses calling convention {}, not C", sig.call_conv));
    }
    let params = F::params();
    if params.len() != sig.params.len() {
        return Err(format!("the IR function takes {} parameters, the Rust type {}", sig.params.len(), params.len()));
    }
    let no_attrs = ParamAttrs::default();
    for (i, (ty, rust)) in sig.params.iter().zip(&params).enumerate() {
        let attrs = sig.param_attrs.get(i).unwrap_or(&no_attrs);
        match ir_kind(ty, attrs) {
            Ok(ir) if same(ir, *rust) => {}
            Ok(ir) => return Err(format!("parameter {i} is {ir} in the IR, {rust} in the Rust type")),
            Err(what) => return Err(format!("parameter {i} ({what}) has no checked Rust equivalent")),
        }
    }
    match ir_kind(&sig.ret, &sig.ret_attrs) {
        Ok(ir) if same(ir, F::result()) => Ok(()),
        Ok(ir) => Err(format!("the result is {ir} in the IR, {} in the Rust type", F::result())),
        Err(what) => Err(format!("the result ({what}) has no checked Rust equivalent")),
    }
}
