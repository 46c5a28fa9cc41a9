//! What the tests of this crate share: a callee with every kind of argument (integer and vector registers, and
//! both kinds on the stack), to check that code between a caller and its callee leaves them intact.

#[allow(clippy::too_many_arguments)]
pub extern "C" fn many_args(
    a: i64,
    b: i64,
    c: i64,
    d: i64,
    e: i64,
    f: i64,
    g: i64,
    h: i64,
    x0: f64,
    x1: f64,
    x2: f64,
    x3: f64,
    x4: f64,
    x5: f64,
    x6: f64,
    x7: f64,
    x8: f64,
) -> f64 {
    (a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h) as f64
        + x0
        + 2.0 * x1
        + 3.0 * x2
        + 4.0 * x3
        + 5.0 * x4
        + 6.0 * x5
        + 7.0 * x6
        + 8.0 * x7
        + 9.0 * x8
}

pub type ManyArgs =
    extern "C" fn(i64, i64, i64, i64, i64, i64, i64, i64, f64, f64, f64, f64, f64, f64, f64, f64, f64) -> f64;
