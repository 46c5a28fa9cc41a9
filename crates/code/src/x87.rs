//! `x86_fp80` (C's `long double`) arithmetic for tier-0 code, on the x87 unit.
//!
//! Cranelift has no 80-bit floating-point type: tier 0 keeps an `x86_fp80` value in an `i128` whose low 80 bits are
//! the value's bits (the rest zero) and calls these routines for what needs the x87 unit. Each takes and returns
//! such values as System V passes an `__int128` (in `rdi:rsi`, the second in `rdx:rcx`, the result in `rax:rdx`),
//! computes with the x87 instruction LLVM's own code generator uses, in the x87 control word's precision and
//! rounding (so the results are the bits LLVM's code gives), and leaves the x87 register stack as it found it —
//! except [`routine`]'s `__tierlift_x87_push` and `__tierlift_x87_pop`, which move a value into and out of `st(0)`
//! where the ABI returns a `long double`: code that returns one loads it with `push` just before its `ret`, and a
//! caller takes the callee's result with `pop` just after its `call` (nothing between touches the x87 unit).
//!
//! The routines are leaves that keep their operands in the red zone below the stack pointer.

/// An `x86_fp80` value's bits in the low 80 bits.
type F80 = u128;

/// Assembles one routine: its symbol, its frame-less call frame information, its instructions.
macro_rules! routine {
    ($name:literal, $($line:expr),+ $(,)?) => {
        std::arch::global_asm!(
            crate::asm_function!($name),
            ".cfi_startproc",
            $($line,)+
            ".cfi_endproc",
            concat!(".size ", $name, ", . - ", $name),
        );
    };
}

/// The first operand (`rdi:rsi`) to the red zone at `rsp - 16`.
macro_rules! first_operand {
    () => {
        "mov qword ptr [rsp - 16], rdi\nmov qword ptr [rsp - 8], rsi"
    };
}

/// The second operand (`rdx:rcx`) to the red zone at `rsp - 32`.
macro_rules! second_operand {
    () => {
        "mov qword ptr [rsp - 32], rdx\nmov qword ptr [rsp - 24], rcx"
    };
}

/// Pops `st(0)` into the red zone at `rsp - OFFSET` and returns it in `rax:rdx`.
macro_rules! return_st0 {
    ($offset:literal) => {
        concat!(
            "fstp tbyte ptr [rsp - ",
            $offset,
            "]\nmov rax, qword ptr [rsp - ",
            $offset,
            "]\nmovzx edx, word ptr [rsp - ",
            $offset,
            " + 8]\nret"
        )
    };
}

/// `op st(0), st(1)` with `st(0)` = the first operand, `st(1)` = the second; the result is `st(0)`.
macro_rules! binary {
    ($name:literal, $op:literal) => {
        routine!(
            $name,
            first_operand!(),
            second_operand!(),
            "fld tbyte ptr [rsp - 32]",
            "fld tbyte ptr [rsp - 16]",
            concat!($op, " st(0), st(1)"),
            // The result over the second operand, popped: the result alone on the stack.
            "fstp st(1)",
            return_st0!("16"),
        );
    };
}

binary!("tierlift_x87_add", "fadd");
binary!("tierlift_x87_sub", "fsub");
binary!("tierlift_x87_mul", "fmul");
binary!("tierlift_x87_div", "fdiv");

// `frem`: C's `fmodl` (the remainder of the truncated quotient), `fprem` repeated until complete (C2 clear).
routine!(
    "tierlift_x87_rem",
    first_operand!(),
    second_operand!(),
    "fld tbyte ptr [rsp - 32]",
    "fld tbyte ptr [rsp - 16]",
    "2:",
    "fprem",
    "fnstsw ax",
    "test ah, 4",
    "jnz 2b",
    "fstp st(1)",
    return_st0!("16"),
);

// A quiet comparison of the first operand with the second: 0 less, 1 equal, 2 greater, 3 unordered.
routine!(
    "tierlift_x87_compare",
    first_operand!(),
    second_operand!(),
    "fld tbyte ptr [rsp - 32]",
    "fld tbyte ptr [rsp - 16]",
    "fucomip st(0), st(1)",
    "fstp st(0)",
    "mov eax, 3",
    "jp 2f",
    "mov eax, 0",
    "jb 2f",
    "mov eax, 1",
    "je 2f",
    "mov eax, 2",
    "2:",
    "ret",
);

/// One x87 instruction on the operand.
macro_rules! unary {
    ($name:literal, $op:literal) => {
        routine!($name, first_operand!(), "fld tbyte ptr [rsp - 16]", $op, return_st0!("16"),);
    };
}

unary!("tierlift_x87_sqrt", "fsqrt");
// `frndint` in the control word's rounding mode (`llvm.rint`, `llvm.nearbyint`).
unary!("tierlift_x87_rint", "frndint");

/// `frndint` in one rounding mode (the control word's bits 10-11), the caller's control word restored after.
macro_rules! round_in_mode {
    ($name:literal, $mode:literal) => {
        routine!(
            $name,
            first_operand!(),
            "fnstcw word ptr [rsp - 24]",
            "movzx eax, word ptr [rsp - 24]",
            "and eax, 0xF3FF",
            concat!("or eax, ", $mode),
            "mov word ptr [rsp - 22], ax",
            "fldcw word ptr [rsp - 22]",
            "fld tbyte ptr [rsp - 16]",
            "frndint",
            "fldcw word ptr [rsp - 24]",
            return_st0!("16"),
        );
    };
}

round_in_mode!("tierlift_x87_roundeven", "0x000");
round_in_mode!("tierlift_x87_floor", "0x400");
round_in_mode!("tierlift_x87_ceil", "0x800");
round_in_mode!("tierlift_x87_trunc", "0xC00");

// `fptosi` to `i64`: `fistp` with the rounding mode set to truncation (out of range: `i64::MIN`, the x87's
// "integer indefinite"; LLVM's result is poison there).
routine!(
    "tierlift_x87_to_i64",
    first_operand!(),
    "fnstcw word ptr [rsp - 24]",
    "movzx eax, word ptr [rsp - 24]",
    "or eax, 0xC00",
    "mov word ptr [rsp - 22], ax",
    "fldcw word ptr [rsp - 22]",
    "fld tbyte ptr [rsp - 16]",
    "fistp qword ptr [rsp - 32]",
    "fldcw word ptr [rsp - 24]",
    "mov rax, qword ptr [rsp - 32]",
    "ret",
);

// `sitofp` from `i64` (exact: the significand has 64 bits).
routine!("tierlift_x87_from_i64", "mov qword ptr [rsp - 8], rdi", "fild qword ptr [rsp - 8]", return_st0!("32"),);

// `fpext` from `float` and `double` (exact).
routine!("tierlift_x87_from_f32", "movss dword ptr [rsp - 8], xmm0", "fld dword ptr [rsp - 8]", return_st0!("32"),);
routine!("tierlift_x87_from_f64", "movsd qword ptr [rsp - 8], xmm0", "fld qword ptr [rsp - 8]", return_st0!("32"),);

// `fptrunc` to `float` and `double`, rounded as the control word says.
routine!(
    "tierlift_x87_to_f32",
    first_operand!(),
    "fld tbyte ptr [rsp - 16]",
    "fstp dword ptr [rsp - 24]",
    "movss xmm0, dword ptr [rsp - 24]",
    "ret",
);
routine!(
    "tierlift_x87_to_f64",
    first_operand!(),
    "fld tbyte ptr [rsp - 16]",
    "fstp qword ptr [rsp - 24]",
    "movsd xmm0, qword ptr [rsp - 24]",
    "ret",
);

// Loads the operand into `st(0)` and returns with it there: where a function returns a `long double`.
routine!("tierlift_x87_push", first_operand!(), "fld tbyte ptr [rsp - 16]", "ret",);

// Pops `st(0)` and returns it: where a called function returned a `long double` there.
routine!("tierlift_x87_pop", return_st0!("16"),);

unsafe extern "C" {
    fn tierlift_x87_add(a: F80, b: F80) -> F80;
    fn tierlift_x87_sub(a: F80, b: F80) -> F80;
    fn tierlift_x87_mul(a: F80, b: F80) -> F80;
    fn tierlift_x87_div(a: F80, b: F80) -> F80;
    fn tierlift_x87_rem(a: F80, b: F80) -> F80;
    fn tierlift_x87_compare(a: F80, b: F80) -> u32;
    fn tierlift_x87_sqrt(a: F80) -> F80;
    fn tierlift_x87_rint(a: F80) -> F80;
    fn tierlift_x87_roundeven(a: F80) -> F80;
    fn tierlift_x87_floor(a: F80) -> F80;
    fn tierlift_x87_ceil(a: F80) -> F80;
    fn tierlift_x87_trunc(a: F80) -> F80;
    fn tierlift_x87_to_i64(a: F80) -> i64;
    fn tierlift_x87_from_i64(a: i64) -> F80;
    fn tierlift_x87_from_f32(a: f32) -> F80;
    fn tierlift_x87_from_f64(a: f64) -> F80;
    fn tierlift_x87_to_f32(a: F80) -> f32;
    fn tierlift_x87_to_f64(a: F80) -> f64;
    fn tierlift_x87_push(a: F80);
    fn tierlift_x87_pop() -> F80;
}

/// 2^63, 2^64, 0.5 and 1.0 as `x86_fp80` bits (sign and exponent in bits 64-79, the explicit integer bit at 63).
const TWO_63: F80 = 0x403E_8000_0000_0000_0000;
const TWO_64: F80 = 0x403F_8000_0000_0000_0000;
const HALF: F80 = 0x3FFE_8000_0000_0000_0000;
const ONE: F80 = 0x3FFF_8000_0000_0000_0000;
/// The sign bit.
const SIGN: F80 = 1 << 79;

/// `uitofp` from `i64`: exact, as the significand has 64 bits.
extern "C" fn from_u64(x: u64) -> F80 {
    // SAFETY: the routines take and return values in registers and restore the x87 stack.
    unsafe {
        let r = tierlift_x87_from_i64(x as i64);
        if (x as i64) < 0 { tierlift_x87_add(r, TWO_64) } else { r }
    }
}

/// `fptoui` to `i64` (truncating; out of range gives some value, as LLVM's poison allows).
extern "C" fn to_u64(a: F80) -> u64 {
    // SAFETY: as in `from_u64`.
    unsafe {
        if matches!(tierlift_x87_compare(a, TWO_63), 1 | 2) {
            (tierlift_x87_to_i64(tierlift_x87_sub(a, TWO_63)) as u64) ^ (1 << 63)
        } else {
            tierlift_x87_to_i64(a) as u64
        }
    }
}

/// `llvm.round`: to the nearest integer, halves away from zero.
extern "C" fn round(a: F80) -> F80 {
    // SAFETY: as in `from_u64`.
    unsafe {
        let t = tierlift_x87_trunc(a);
        let fraction = tierlift_x87_sub(a, t) & !SIGN;
        if matches!(tierlift_x87_compare(fraction, HALF), 1 | 2) { tierlift_x87_add(t, (a & SIGN) | ONE) } else { t }
    }
}

/// The address of the `x86_fp80` routine tier 0 calls by `name` (`__tierlift_x87_add`, ...), if there is one.
pub fn routine(name: &str) -> Option<usize> {
    let name = name.strip_prefix("__tierlift_x87_")?;
    let f: *const () = match name {
        "add" => tierlift_x87_add as *const (),
        "sub" => tierlift_x87_sub as *const (),
        "mul" => tierlift_x87_mul as *const (),
        "div" => tierlift_x87_div as *const (),
        "rem" => tierlift_x87_rem as *const (),
        "compare" => tierlift_x87_compare as *const (),
        "sqrt" => tierlift_x87_sqrt as *const (),
        "rint" => tierlift_x87_rint as *const (),
        "roundeven" => tierlift_x87_roundeven as *const (),
        "floor" => tierlift_x87_floor as *const (),
        "ceil" => tierlift_x87_ceil as *const (),
        "trunc" => tierlift_x87_trunc as *const (),
        "round" => round as *const (),
        "to_i64" => tierlift_x87_to_i64 as *const (),
        "to_u64" => to_u64 as *const (),
        "from_i64" => tierlift_x87_from_i64 as *const (),
        "from_u64" => from_u64 as *const (),
        "from_f32" => tierlift_x87_from_f32 as *const (),
        "from_f64" => tierlift_x87_from_f64 as *const (),
        "to_f32" => tierlift_x87_to_f32 as *const (),
        "to_f64" => tierlift_x87_to_f64 as *const (),
        "push" => tierlift_x87_push as *const (),
        "pop" => tierlift_x87_pop as *const (),
        _ => return None,
    };
    Some(f as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64) -> F80 {
        // SAFETY: a routine of the module, called with its declared signature.
        unsafe { tierlift_x87_from_f64(x) }
    }

    fn d(x: F80) -> f64 {
        // SAFETY: as above.
        unsafe { tierlift_x87_to_f64(x) }
    }

    #[test]
    fn arithmetic_takes_its_operands_in_order() {
        // SAFETY: routines of the module, called with their declared signatures.
        unsafe {
            assert_eq!(d(tierlift_x87_add(f(1.5), f(2.25))), 3.75);
            assert_eq!(d(tierlift_x87_sub(f(1.5), f(2.25))), -0.75);
            assert_eq!(d(tierlift_x87_mul(f(1.5), f(-4.0))), -6.0);
            assert_eq!(d(tierlift_x87_div(f(1.0), f(8.0))), 0.125);
            assert_eq!(d(tierlift_x87_rem(f(-7.5), f(2.0))), -1.5);
            assert_eq!(d(tierlift_x87_rem(f(1e300), f(3.0))), 1e300 % 3.0);
            assert_eq!(d(tierlift_x87_sqrt(f(2.25))), 1.5);
        }
        assert_eq!(f(1.0), ONE);
        assert_eq!(f(0.5), HALF);
        assert_eq!(f(2f64.powi(63)), TWO_63);
    }

    #[test]
    fn extended_precision_is_kept_between_operations() {
        // 1 + 2^-60 exists in x86_fp80 (64-bit significand) but not in double.
        // SAFETY: as above.
        unsafe {
            let tiny = tierlift_x87_div(ONE, f(2f64.powi(60)));
            let sum = tierlift_x87_add(ONE, tiny);
            assert_ne!(sum, ONE);
            assert_eq!(d(tierlift_x87_sub(sum, ONE)), 2f64.powi(-60));
        }
    }

    #[test]
    fn comparisons_order_and_spot_nan() {
        // SAFETY: as above.
        unsafe {
            assert_eq!(tierlift_x87_compare(f(1.0), f(2.0)), 0);
            assert_eq!(tierlift_x87_compare(f(2.0), f(2.0)), 1);
            assert_eq!(tierlift_x87_compare(f(-0.0), f(0.0)), 1);
            assert_eq!(tierlift_x87_compare(f(3.0), f(2.0)), 2);
            assert_eq!(tierlift_x87_compare(f(f64::NAN), f(2.0)), 3);
            assert_eq!(tierlift_x87_compare(f(1.0), f(f64::NAN)), 3);
        }
    }

    #[test]
    fn conversions_round_trip_and_truncate() {
        // SAFETY: as above.
        unsafe {
            assert_eq!(tierlift_x87_to_i64(f(-2.75)), -2);
            assert_eq!(tierlift_x87_to_i64(tierlift_x87_from_i64(i64::MAX)), i64::MAX);
            assert_eq!(tierlift_x87_to_f32(f(0.1)), 0.1f64 as f32);
            assert_eq!(d(tierlift_x87_from_f32(0.1)), f64::from(0.1f32));
        }
        assert_eq!(to_u64(from_u64(u64::MAX)), u64::MAX);
        assert_eq!(to_u64(from_u64(1 << 63)), 1 << 63);
        assert_eq!(to_u64(f(3.9)), 3);
        assert_eq!(d(from_u64(u64::MAX)), 2f64.powi(64));
    }

    #[test]
    fn rounding_follows_each_mode() {
        let cases =
            [(2.5, 2.0, 3.0, 2.0, 3.0, 2.0), (-2.5, -3.0, -2.0, -2.0, -3.0, -2.0), (0.49, 0.0, 1.0, 0.0, 0.0, 0.0)];
        for (x, floor, ceil, trunc, round_away, even) in cases {
            // SAFETY: as above.
            unsafe {
                assert_eq!(d(tierlift_x87_floor(f(x))), floor, "floor {x}");
                assert_eq!(d(tierlift_x87_ceil(f(x))), ceil, "ceil {x}");
                assert_eq!(d(tierlift_x87_trunc(f(x))), trunc, "trunc {x}");
                assert_eq!(d(tierlift_x87_roundeven(f(x))), even, "roundeven {x}");
                assert_eq!(d(tierlift_x87_rint(f(x))), even, "rint {x}");
            }
            assert_eq!(d(round(f(x))), round_away, "round {x}");
        }
    }

    #[test]
    fn a_value_goes_through_st0_and_back() {
        // SAFETY: `push` leaves one value on the x87 stack, which `pop` takes off again before anything else runs.
        let back = unsafe {
            tierlift_x87_push(f(6.5));
            tierlift_x87_pop()
        };
        assert_eq!(d(back), 6.5);
        assert!(routine("__tierlift_x87_round").is_some());
        assert!(routine("__tierlift_x87_nothing").is_none());
    }
}
