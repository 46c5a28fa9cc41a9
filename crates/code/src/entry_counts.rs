//! Counting entries: calls to a tier-0 function counted in front of its code instead of inside it.
//!
//! An instrumented function's slot holds its counting entry while tier-0 code runs it: a few instructions, one per
//! function, in the function table's mapping, that add one to the function's entry counter and jump on to the
//! code. The code itself carries no entry counter, which spares the compiler a split entry block (for a small
//! function, most of what instrumentation costs its compile), and once nothing reads the count any more the slot
//! can point at the code itself: then calls cost nothing at all.
//!
//! The entry works on the function's entry line of [`crate::Counters`]: word 0 the counter, word 1 its threshold,
//! word 2 the function's process-wide id, word 3 the code to run ([`crate::Counters::set_entry_target`]), word 4
//! the routine that takes the rare path. Per call:
//!
//! ```text
//! endbr64
//! movabs r11, <line>
//! mov    r10, [r11]          ; count
//! inc    r10
//! cmp    r10, [r11+8]        ; threshold (0: silenced)
//! jae    rare
//! mov    [r11], r10
//! jmp    [r11+24]            ; the code
//! rare: jmp [r11+32]         ; tierlift_entry_count_trampoline
//! ```
//!
//! `r10` and `r11` are free at a call: the stub clobbers `r11` already, and `r10` carries only a `nest` argument,
//! which tier 0 does not accept. Neither the entry nor the rare routine moves the stack before it jumps to the
//! code, so the code finds its arguments (registers, `al`, stack) as its caller left them.

/// Bytes per counting entry (the code above is 37 bytes; entries start 16-aligned).
pub const ENTRY_SIZE: usize = 48;

/// Word of an entry line that holds the function's process-wide id.
pub(crate) const ID_WORD: usize = 2;
/// Word of an entry line that holds the code the entry jumps to.
pub(crate) const TARGET_WORD: usize = 3;
/// Word of an entry line that holds the rare path's routine.
pub(crate) const RARE_WORD: usize = 4;

/// The counting entry for the entry line at `line`.
pub(crate) fn encode_entry(line: u64) -> [u8; ENTRY_SIZE] {
    let mut code = Vec::with_capacity(ENTRY_SIZE);
    code.extend_from_slice(&[0xf3, 0x0f, 0x1e, 0xfa]); // endbr64
    code.extend_from_slice(&[0x49, 0xbb]); // movabs r11, imm64
    code.extend_from_slice(&line.to_le_bytes());
    code.extend_from_slice(&[0x4d, 0x8b, 0x13]); // mov r10, [r11]
    code.extend_from_slice(&[0x49, 0xff, 0xc2]); // inc r10
    code.extend_from_slice(&[0x4d, 0x3b, 0x53, 0x08]); // cmp r10, [r11+8]
    code.extend_from_slice(&[0x73, 0x07]); // jae rare (the 7 bytes of the next two instructions)
    code.extend_from_slice(&[0x4d, 0x89, 0x13]); // mov [r11], r10
    code.extend_from_slice(&[0x41, 0xff, 0x63, (TARGET_WORD * 8) as u8]); // jmp [r11+24]
    code.extend_from_slice(&[0x41, 0xff, 0x63, (RARE_WORD * 8) as u8]); // rare: jmp [r11+32]
    // The rest is never reached: int3.
    code.resize(ENTRY_SIZE, 0xcc);
    code.try_into().expect("an entry fits in ENTRY_SIZE bytes")
}

// `tierlift_entry_count_trampoline`: the rare path of a counting entry, jumped to with the entry line in `r11`
// and the incremented count in `r10`, the stack as at the function's entry (return address at `[rsp]`). A
// silenced counter (threshold 0) is left alone; otherwise the count is stored and the hotness hook runs, behind
// its register-preserving entry, with the function's id and loop index 0. Then on to the code, arguments intact.
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl tierlift_entry_count_trampoline",
    ".hidden tierlift_entry_count_trampoline",
    ".type tierlift_entry_count_trampoline,@function",
    "tierlift_entry_count_trampoline:",
    ".cfi_startproc",
    "cmp qword ptr [r11 + 8], 0",
    "je 1f",
    "mov qword ptr [r11], r10",
    "push rdi",
    ".cfi_adjust_cfa_offset 8",
    "push rsi",
    ".cfi_adjust_cfa_offset 8",
    "push r11",
    ".cfi_adjust_cfa_offset 8",
    "mov edi, dword ptr [r11 + 16]",
    "xor esi, esi",
    "call {hook}",
    "pop r11",
    ".cfi_adjust_cfa_offset -8",
    "pop rsi",
    ".cfi_adjust_cfa_offset -8",
    "pop rdi",
    ".cfi_adjust_cfa_offset -8",
    "1:",
    "jmp qword ptr [r11 + 24]",
    ".cfi_endproc",
    ".size tierlift_entry_count_trampoline, .-tierlift_entry_count_trampoline",
    hook = sym tierlift_hook_trampoline,
);

unsafe extern "C" {
    fn tierlift_entry_count_trampoline();
    fn tierlift_hook_trampoline();
}

/// Address of the counting entries' rare path (what word [`RARE_WORD`] of an entry line holds).
pub(crate) fn rare_path_address() -> usize {
    tierlift_entry_count_trampoline as *const () as usize
}
