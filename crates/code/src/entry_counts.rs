//! Counting entries: calls to a tier-0 function counted in front of its code instead of inside it.
//!
//! An instrumented function's slot holds its counting entry while tier-0 code runs it: a few instructions, one per
//! function, in the function table's mapping, that add one to the function's entry counter and jump on to the
//! code. The code itself carries no entry counter, which spares the compiler a split entry block (for a small
//! function, most of what instrumentation costs its compile), and once nothing reads the count any more the slot
//! can point at the code itself: then calls cost nothing at all.
//!
//! The entry works on the function's entry line of [`crate::Counters`] (word 1 the threshold, word 2 the function's
//! process-wide id, word 3 the code to run ([`crate::Counters::set_entry_target`]), word 4 the routine that takes
//! the rare path, word 5 the shards in use, word 6 log2 of a plane's size) and counts in one of the counter's
//! shards (see `entry_planes`), chosen by a hash of the calling thread's stack pointer: threads that run one
//! function write different cache lines, and the entry line itself is only read. A shard counts down the calls it
//! may take before the rare path looks at the whole count (word 0: calls left; word 1: the shard's count once
//! they are used up, so it has counted `word 1 - word 0`). Per call:
//!
//! ```text
//! endbr64
//! movabs r11, <line>
//! cmp    qword [r11+8], 0    ; threshold 0: silenced
//! je     code
//! mov    r10, rsp
//! shr    r10, 16
//! imul   r10d, r10d, <odd>   ; stacks 64 KiB apart spread over the shards
//! shr    r10d, 32 - 4
//! shl    r10, <plane shift>  ; the shard's offset from plane 1
//! dec    qword [r11 + r10 + <plane>]
//! jle    rare
//! code: jmp [r11+24]         ; the code
//! rare: jmp [r11+32]         ; tierlift_entry_count_trampoline
//! ```
//!
//! The rare path adds up the count (the entry line's word 0, which LLVM code counts in, and every shard in use),
//! calls the hotness hook when it reached the threshold, and gives the shard its next calls: half the distance to
//! the threshold shared among the shards in use, at least 1 and at most [`MAX_GRANT`], so one thread alone calls the
//! hook at exactly the threshold, and threads together a little later.
//!
//! `r10` and `r11` are free at a call: the stub clobbers `r11` already, and `r10` carries only a `nest` argument,
//! which tier 0 does not accept. Neither the entry nor the rare routine moves the stack before it jumps to the
//! code, so the code finds its arguments (registers, `al`, stack) as its caller left them.

use crate::entry_planes::{Line, SHARD_BITS, shard_of};
use std::sync::atomic::Ordering;

/// Bytes per counting entry (the code above is 61 bytes).
pub const ENTRY_SIZE: usize = 64;

/// Word of an entry line that holds the function's process-wide id.
pub(crate) const ID_WORD: usize = 2;
/// Word of an entry line that holds the code the entry jumps to.
pub(crate) const TARGET_WORD: usize = 3;
/// Word of an entry line that holds the rare path's routine.
pub(crate) const RARE_WORD: usize = 4;
/// Word of an entry line whose bit `s` says that shard `s` counted.
pub(crate) const MASK_WORD: usize = 5;
/// Word of an entry line that holds log2 of a plane's size (the distance between a line and its first shard).
pub(crate) const PLANE_WORD: usize = 6;

/// The most calls a shard takes before its rare path looks at the whole count again (which reads the other
/// shards in use: lines other threads write).
pub const MAX_GRANT: u64 = 1024;

/// Multiplier of the stack-pointer hash (odd; Fibonacci hashing spreads evenly spaced stacks).
const SPREAD: u32 = 0x9e37_79b1;
/// Stack-pointer bits the hash ignores: calls within 64 KiB of one stack count in one shard.
const STACK_SHIFT: u32 = 16;

/// How a counting entry picks its shard, for code that counts like it: the shard is the top `shard_bits` bits of
/// the 32-bit product `(stack pointer at the call >> stack_shift) * spread`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardHash {
    /// Stack-pointer bits below this are ignored.
    pub stack_shift: u32,
    /// Odd multiplier.
    pub spread: u32,
    /// log2 of the shards per counter.
    pub shard_bits: u32,
}

/// The counting entries' shard hash.
pub const SHARD_HASH: ShardHash = ShardHash { stack_shift: STACK_SHIFT, spread: SPREAD, shard_bits: SHARD_BITS };

/// Address of the routine a shard that ran out of calls runs, for code that counts calls in the shards itself:
/// `extern "C" fn(line: *const u64, shard_offset: u64)`: it adds up the count, runs the hook when it is due and
/// refills the shard.
pub fn shard_used_up_address() -> usize {
    shard_used_up as *const () as usize
}

/// The counting entry for the entry line at `line`, whose shards start `1 << plane_shift` bytes after it.
pub(crate) fn encode_entry(line: u64, plane_shift: u32) -> [u8; ENTRY_SIZE] {
    let plane = u32::try_from(1_u64 << plane_shift).ok().filter(|p| *p <= i32::MAX as u32);
    let plane = plane.expect("a plane's size fits a 32-bit displacement (checked by the table)");
    let mut code = Vec::with_capacity(ENTRY_SIZE);
    code.extend_from_slice(&[0xf3, 0x0f, 0x1e, 0xfa]); // endbr64
    code.extend_from_slice(&[0x49, 0xbb]); // movabs r11, imm64
    code.extend_from_slice(&line.to_le_bytes());
    code.extend_from_slice(&[0x49, 0x83, 0x7b, 0x08, 0x00]); // cmp qword ptr [r11+8], 0
    code.extend_from_slice(&[0x74, 0x20]); // je code (the 32 bytes up to it)
    code.extend_from_slice(&[0x49, 0x89, 0xe2]); // mov r10, rsp
    code.extend_from_slice(&[0x49, 0xc1, 0xea, STACK_SHIFT as u8]); // shr r10, stack shift
    code.extend_from_slice(&[0x45, 0x69, 0xd2]); // imul r10d, r10d, imm32
    code.extend_from_slice(&SPREAD.to_le_bytes());
    code.extend_from_slice(&[0x41, 0xc1, 0xea, (32 - SHARD_BITS) as u8]); // shr r10d, 32 - shard bits
    code.extend_from_slice(&[0x49, 0xc1, 0xe2, plane_shift as u8]); // shl r10, plane shift
    code.extend_from_slice(&[0x4b, 0xff, 0x8c, 0x13]); // dec qword ptr [r11 + r10 + disp32]
    code.extend_from_slice(&plane.to_le_bytes());
    code.extend_from_slice(&[0x7e, 0x04]); // jle rare
    code.extend_from_slice(&[0x41, 0xff, 0x63, (TARGET_WORD * 8) as u8]); // code: jmp [r11+24]
    code.extend_from_slice(&[0x41, 0xff, 0x63, (RARE_WORD * 8) as u8]); // rare: jmp [r11+32]
    debug_assert_eq!(code.len(), 61);
    // The rest is never reached: int3.
    code.resize(ENTRY_SIZE, 0xcc);
    code.try_into().expect("an entry fits in ENTRY_SIZE bytes")
}

/// What a shard has counted: `word 1 - word 0`. Threads that share a shard may lose counts (as they would with
/// one counter), and a refill racing with such a thread may leave the words inconsistent for a moment: nonsense
/// (more than 2^62) reads as nothing.
fn shard_count(shard: &Line) -> u64 {
    let left = shard.0[0].load(Ordering::Relaxed);
    let count = shard.0[1].load(Ordering::Relaxed).wrapping_sub(left);
    if count > 1 << 62 { 0 } else { count }
}

/// The calls counted on an entry line and in its shards in use (`shard(s)` is shard `s`).
pub(crate) fn total_calls<'a>(line: &'a Line, shard: impl Fn(usize) -> &'a Line) -> u64 {
    let mut used = line.0[MASK_WORD].load(Ordering::Relaxed);
    let mut total = line.0[0].load(Ordering::Relaxed);
    while used != 0 {
        total = total.saturating_add(shard_count(shard(used.trailing_zeros() as usize)));
        used &= used - 1;
    }
    total
}

/// The calls a shard may take before its rare path runs again, with `total` calls counted, the hook due at
/// `threshold` and `shards` shards in use: each shard half its share of the distance, so that a thread alone
/// reaches the threshold exactly and the shards' calls together step over it by at most half the distance.
fn next_grant(threshold: u64, total: u64, shards: u32) -> u64 {
    if threshold == crate::SILENT {
        return MAX_GRANT;
    }
    (threshold.saturating_sub(total) / (2 * u64::from(shards.max(1)))).clamp(1, MAX_GRANT)
}

/// A shard of the entry line at `line` used up its calls (`offset`: the shard's offset from the first shard):
/// adds up the count, runs the hook if the count reached the threshold, and refills the shard. Called behind the
/// register-preserving entry `tierlift_entry_shard_trampoline`.
pub(crate) extern "C" fn shard_used_up(line: *const Line, offset: u64) {
    // SAFETY: the counting entry passes the entry line it was made for, a line of a live `Counters` (its function
    // table, and so its entries, live no longer than the counters they were made with).
    let main = unsafe { &*line };
    let shift = main.0[PLANE_WORD].load(Ordering::Relaxed) as u32;
    let shard = |s: usize| -> &Line {
        // SAFETY: `line` is an entry line of its counters' block, whose plane shift its word holds (written by
        // `prepare_counting_entry`), and every `s` here is masked to the shards per counter.
        unsafe { shard_of(line, shift, s) }
    };
    let s = ((offset >> shift) as usize) & ((1 << SHARD_BITS) - 1);
    let bit = 1_u64 << s;
    if main.0[MASK_WORD].load(Ordering::Relaxed) & bit == 0 {
        main.0[MASK_WORD].fetch_or(bit, Ordering::Relaxed);
    }
    let total = total_calls(main, shard);
    let mut threshold = main.0[1].load(Ordering::Relaxed);
    if threshold != crate::SILENT && total >= threshold {
        crate::trampoline::hotness_hook(main.0[ID_WORD].load(Ordering::Relaxed) as u32, 0);
        threshold = main.0[1].load(Ordering::Relaxed);
    }
    let mine = shard(s);
    let shards = main.0[MASK_WORD].load(Ordering::Relaxed).count_ones();
    let (count, grant) = (shard_count(mine), next_grant(threshold, total, shards));
    // Calls left first: a reader in between sees fewer calls, never more.
    mine.0[0].store(grant, Ordering::Relaxed);
    mine.0[1].store(count.wrapping_add(grant), Ordering::Relaxed);
}

// `tierlift_entry_count_trampoline`: the rare path of a counting entry, jumped to with the entry line in `r11`
// and the shard's offset in `r10`, the stack as at the function's entry (return address at `[rsp]`). Runs
// `shard_used_up` behind its register-preserving entry, then on to the code, arguments intact.
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl tierlift_entry_count_trampoline",
    ".hidden tierlift_entry_count_trampoline",
    ".type tierlift_entry_count_trampoline,@function",
    "tierlift_entry_count_trampoline:",
    ".cfi_startproc",
    "push rdi",
    ".cfi_adjust_cfa_offset 8",
    "push rsi",
    ".cfi_adjust_cfa_offset 8",
    "push r11",
    ".cfi_adjust_cfa_offset 8",
    "mov rdi, r11",
    "mov rsi, r10",
    "call {used_up}",
    "pop r11",
    ".cfi_adjust_cfa_offset -8",
    "pop rsi",
    ".cfi_adjust_cfa_offset -8",
    "pop rdi",
    ".cfi_adjust_cfa_offset -8",
    "jmp qword ptr [r11 + 24]",
    ".cfi_endproc",
    ".size tierlift_entry_count_trampoline, .-tierlift_entry_count_trampoline",
    used_up = sym tierlift_entry_shard_trampoline,
);

unsafe extern "C" {
    fn tierlift_entry_count_trampoline();
    fn tierlift_entry_shard_trampoline();
}

/// Address of the counting entries' rare path (what word [`RARE_WORD`] of an entry line holds).
pub(crate) fn rare_path_address() -> usize {
    tierlift_entry_count_trampoline as *const () as usize
}
