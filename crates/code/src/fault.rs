//! Faults raised the way native code raises them.

std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl tierlift_divide_error",
    ".hidden tierlift_divide_error",
    ".type tierlift_divide_error,@function",
    "tierlift_divide_error:",
    ".cfi_startproc",
    "xor eax, eax",
    "xor edx, edx",
    "xor ecx, ecx",
    // #DE: the kernel delivers SIGFPE with FPE_INTDIV. A handler that returns resumes at the `div`, which faults
    // again, as a native division by zero does.
    "div ecx",
    "jmp tierlift_divide_error",
    ".cfi_endproc",
    ".size tierlift_divide_error, .-tierlift_divide_error",
);

unsafe extern "C" {
    fn tierlift_divide_error() -> !;
}

/// Executes an integer division by zero: the process gets the SIGFPE (`FPE_INTDIV`) native code gets, which the
/// program's own handler sees. For support routines (128-bit division) whose native counterparts fault.
pub fn divide_error() -> ! {
    // SAFETY: the routine only clears eax, edx and ecx and executes `div ecx`; it never returns, so the clobbered
    // registers cannot matter to the caller, and it touches no memory.
    unsafe { tierlift_divide_error() }
}
