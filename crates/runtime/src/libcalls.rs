//! Support routines tier-0 code calls: 128-bit arithmetic and conversions (implemented here), and C library
//! functions (looked up in the process).

use std::ffi::CString;

// A zero divisor faults (SIGFPE), as the native routines' `div` does.
extern "C" fn udivti3(a: u128, b: u128) -> u128 {
    a.checked_div(b).unwrap_or_else(|| tierlift_code::divide_error())
}
extern "C" fn divti3(a: i128, b: i128) -> i128 {
    if b == 0 { tierlift_code::divide_error() } else { a.wrapping_div(b) }
}
extern "C" fn umodti3(a: u128, b: u128) -> u128 {
    a.checked_rem(b).unwrap_or_else(|| tierlift_code::divide_error())
}
extern "C" fn modti3(a: i128, b: i128) -> i128 {
    if b == 0 { tierlift_code::divide_error() } else { a.wrapping_rem(b) }
}
extern "C" fn fixdfti(x: f64) -> i128 {
    x as i128
}
extern "C" fn fixsfti(x: f32) -> i128 {
    x as i128
}
extern "C" fn fixunsdfti(x: f64) -> u128 {
    x as u128
}
extern "C" fn fixunssfti(x: f32) -> u128 {
    x as u128
}
extern "C" fn floattidf(x: i128) -> f64 {
    x as f64
}
extern "C" fn floattisf(x: i128) -> f32 {
    x as f32
}
extern "C" fn floatuntidf(x: u128) -> f64 {
    x as f64
}
extern "C" fn floatuntisf(x: u128) -> f32 {
    x as f32
}

/// The address of a support routine by its compiler-rt name, or of a C library function.
pub fn lookup(name: &str) -> Option<u64> {
    let own: Option<usize> = match name {
        "__udivti3" => Some(udivti3 as *const () as usize),
        "__divti3" => Some(divti3 as *const () as usize),
        "__umodti3" => Some(umodti3 as *const () as usize),
        "__modti3" => Some(modti3 as *const () as usize),
        "__fixdfti" => Some(fixdfti as *const () as usize),
        "__fixsfti" => Some(fixsfti as *const () as usize),
        "__fixunsdfti" => Some(fixunsdfti as *const () as usize),
        "__fixunssfti" => Some(fixunssfti as *const () as usize),
        "__floattidf" => Some(floattidf as *const () as usize),
        "__floattisf" => Some(floattisf as *const () as usize),
        "__floatuntidf" => Some(floatuntidf as *const () as usize),
        "__floatuntisf" => Some(floatuntisf as *const () as usize),
        "__tierlift_dynamic_stack_enter" => Some(tierlift_code::dynamic_stack_enter_address()),
        _ => None,
    };
    own.or_else(|| tierlift_code::x87::routine(name)).map(|a| a as u64).or_else(|| process_symbol(name))
}

/// Looks a symbol up in the process (the executable and every loaded shared library).
pub fn process_symbol(name: &str) -> Option<u64> {
    let c = CString::new(name).ok()?;
    tierlift_code::dlsym_default(&c).map(|a| a as u64)
}
