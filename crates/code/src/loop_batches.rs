//! The end of a batch of loop visits counted in the frame: tier-0 code counts an innermost loop's visits in a
//! register and, every few visits, calls the routine at [`loop_batch_address`] to add them to the loop's counter,
//! run the hook when the counter reached its threshold, and learn how many visits the next batch holds: the
//! routine reads the batch from a word of the caller's frame and writes the next batch there. Kept out
//! of line, the rare path costs the compiler a call instead of some sixty instructions and a dozen blocks per
//! loop; the common case (below the threshold) is a few instructions of assembly that save two registers, so the
//! call costs about what the inline code did.
//!
//! A batch ends where the threshold is, never later than [`MAX_BATCH`] visits (so that a threshold the runtime
//! lowers, to poll for an OSR entry, is seen that soon) and never holds more than an eighth of the count (so the
//! count in memory is exact while it is small, below 16, and lags a running frame by at most an eighth later). A
//! silenced counter (threshold [`SILENT`]) is neither written nor looked at again before `MAX_BATCH` visits.

use crate::counters::SILENT;
use std::sync::atomic::{AtomicU64, Ordering};

/// The most visits a loop header counts in its frame before adding them to its counter in memory.
pub const MAX_BATCH: u64 = 64;

/// Set in the word the routine at [`loop_batch_address`] writes when the hook ran and the loop's OSR site holds an
/// installed entry: the rest of the word is the entry's address, which the frame enters (instead of a next batch).
pub const HOOK_RAN: u64 = 1 << 63;

/// The next batch for counter value `c` below threshold `t`: up to the threshold, at most an eighth of the count
/// (at least 1), at most `MAX_BATCH`.
fn next_batch(c: u64, t: u64) -> u64 {
    (c / 8).clamp(1, MAX_BATCH).min(t - c)
}

// `tierlift_loop_batch_trampoline(record, batch, id, loop_index)`, called with Cranelift's `preserve_all`
// convention (arguments in rdi, rsi, edx, ecx; every register preserved). The common case, a batch that leaves
// the counter below its threshold, is done here without saving the registers a call into Rust would clobber:
// add the visits (`*batch`) to the counter (word 0 of the record), compute the next batch from the threshold
// (word 1), write it to `*batch`. A silenced counter (threshold 0) is not written: batches of 64 then. At or
// past the threshold the counter is written and `loop_threshold_reached` runs, behind the register-preserving
// entry, with the same arguments. (The constants are `MAX_BATCH` = 64 and its shift by 3 is the eighth.)
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl tierlift_loop_batch_trampoline",
    ".hidden tierlift_loop_batch_trampoline",
    ".type tierlift_loop_batch_trampoline,@function",
    "tierlift_loop_batch_trampoline:",
    ".cfi_startproc",
    "push rax",
    ".cfi_adjust_cfa_offset 8",
    "push r9",
    ".cfi_adjust_cfa_offset 8",
    ".cfi_remember_state",
    "mov r9, qword ptr [rdi + 8]",
    "test r9, r9",
    "jz 3f",
    "mov rax, qword ptr [rdi]",
    "add rax, qword ptr [rsi]",
    "mov qword ptr [rdi], rax",
    "cmp rax, r9",
    "jae 4f",
    // Below the threshold: min(t - c, clamp(c / 8, 1, 64)).
    "sub r9, rax",
    "shr rax, 3",
    "cmp rax, 64",
    "jbe 1f",
    "mov eax, 64",
    "1:",
    "test rax, rax",
    "jnz 2f",
    "mov eax, 1",
    "2:",
    "cmp rax, r9",
    "cmova rax, r9",
    "mov qword ptr [rsi], rax",
    "pop r9",
    ".cfi_adjust_cfa_offset -8",
    "pop rax",
    ".cfi_adjust_cfa_offset -8",
    "ret",
    // Silenced: nothing written to the counter.
    "3:",
    ".cfi_restore_state",
    ".cfi_remember_state",
    "mov qword ptr [rsi], 64",
    "pop r9",
    ".cfi_adjust_cfa_offset -8",
    "pop rax",
    ".cfi_adjust_cfa_offset -8",
    "ret",
    // At or past the threshold: the hook, with every register saved.
    "4:",
    ".cfi_restore_state",
    "pop r9",
    ".cfi_adjust_cfa_offset -8",
    "pop rax",
    ".cfi_adjust_cfa_offset -8",
    "jmp {reached}",
    ".cfi_endproc",
    ".size tierlift_loop_batch_trampoline, .-tierlift_loop_batch_trampoline",
    reached = sym tierlift_loop_threshold_trampoline,
);

unsafe extern "C" {
    fn tierlift_loop_batch_trampoline();
    fn tierlift_loop_threshold_trampoline();
}

/// Address of the routine that ends a batch of loop visits counted in the frame, for Cranelift's `preserve_all`
/// convention (it preserves every register): `fn(record: *const u64, batch: *mut u64, id: u32, loop_index: u32,
/// site: *const u64)`. It adds the visits `*batch` holds to the loop record's counter (word 0) and compares it with
/// the threshold (word 1); at or past it, it runs the hotness hook for function `id`'s loop `loop_index`. It writes
/// the next batch's visits to `*batch`; or, when the hook ran and the loop's OSR site (`site`, its entry's cell; null
/// for a loop without one) holds an installed entry, the entry's address with [`HOOK_RAN`] set.
pub fn loop_batch_address() -> usize {
    tierlift_loop_batch_trampoline as *const () as usize
}

/// The batch that reached the threshold is in the counter already: runs the hook and writes the next batch to
/// `*batch`, or the entry installed in the OSR site's cell `site` (if not null) with [`HOOK_RAN`]. Reached from
/// `tierlift_loop_batch_trampoline` through a register-preserving entry (`tierlift_loop_threshold_trampoline`, in
/// `trampoline.rs` with the other such entries).
///
/// # Safety
/// `record` points to a live loop record (at least two `u64` words, 8-aligned) of the counters of the module
/// whose code calls this; `batch` to a writable, aligned `u64` (a slot in the caller's frame); `site` is null or
/// points to a live, aligned OSR entry cell of that module.
pub(crate) unsafe extern "C" fn loop_threshold_reached(
    record: *const AtomicU64,
    batch: *mut u64,
    id: u32,
    loop_index: u32,
    site: *const AtomicU64,
) {
    crate::trampoline::hotness_hook(id, loop_index);
    // SAFETY: the caller's contract: `site` is null or a live, aligned cell.
    let entry = unsafe { site.as_ref() }.map_or(0, |cell| cell.load(Ordering::Acquire));
    if entry != 0 {
        // SAFETY: the caller's contract: `batch` is writable and aligned.
        unsafe { batch.write(entry | HOOK_RAN) };
        return;
    }
    // SAFETY: the caller's contract: a live, aligned record of at least two words.
    let (counter, threshold) = unsafe { (&*record, &*record.add(1)) };
    // The threshold as it is now: the hook moves it (or silences the counter).
    let (c, t) = (counter.load(Ordering::Relaxed), threshold.load(Ordering::Relaxed));
    let next = if t > c {
        next_batch(c, t)
    } else if t == SILENT {
        MAX_BATCH
    } else {
        1
    };
    // SAFETY: the caller's contract: `batch` is writable and aligned.
    unsafe { batch.write(next) };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(counter: u64, threshold: u64) -> [AtomicU64; 2] {
        [AtomicU64::new(counter), AtomicU64::new(threshold)]
    }

    fn done(r: &[AtomicU64; 2], visits: u64) -> u64 {
        done_at(r, visits, std::ptr::null())
    }

    fn done_at(r: &[AtomicU64; 2], visits: u64, site: *const AtomicU64) -> u64 {
        let mut batch = visits;
        // SAFETY: the address is the routine's, whose arguments are those of this C signature in the C
        // convention's registers, and which preserves every register (more than the C convention asks).
        let routine: unsafe extern "C" fn(*const AtomicU64, *mut u64, u32, u32, *const AtomicU64) =
            unsafe { crate::fn_from_address(loop_batch_address()) };
        // SAFETY: it reads and writes the live two-word record, the local and the site's cell. Function id
        // `u32::MAX` belongs to no module, so the hook finds nothing to do.
        unsafe { routine(r.as_ptr(), &mut batch, u32::MAX, 1, site) };
        batch
    }

    #[test]
    fn the_routine_computes_what_the_rule_says() {
        for c in [0_u64, 1, 7, 8, 15, 16, 100, 511, 512, 513, 1000, 5000, 1 << 40] {
            for t in [c + 1, c + 2, c + 9, c + 100, c + 10_000] {
                for visits in [0, 1, 5] {
                    let r = record(c, t + visits);
                    assert_eq!(done(&r, visits), next_batch(c + visits, t + visits), "c {c} t {t} visits {visits}");
                    assert_eq!(r[0].load(Ordering::Relaxed), c + visits);
                }
            }
        }
    }

    #[test]
    fn batches_grow_with_the_count_and_stop_at_the_threshold() {
        let r = record(0, 1000);
        assert_eq!(done(&r, 1), 1);
        assert_eq!(r[0].load(Ordering::Relaxed), 1);
        r[0].store(80, Ordering::Relaxed);
        assert_eq!(done(&r, 0), 10);
        r[0].store(900, Ordering::Relaxed);
        assert_eq!(done(&r, 0), MAX_BATCH);
        r[0].store(990, Ordering::Relaxed);
        assert_eq!(done(&r, 0), 10);
    }

    #[test]
    fn reaching_the_threshold_runs_the_hook() {
        let r = record(995, 1000);
        assert_eq!(done(&r, 5), 1);
        assert_eq!(r[0].load(Ordering::Relaxed), 1000);
    }

    #[test]
    fn an_installed_entry_comes_back_when_the_hook_ran() {
        let entry = 0x7f00_1234_5670_u64;
        let (empty, installed) = (AtomicU64::new(0), AtomicU64::new(entry));
        // Below the threshold the site is not looked at.
        assert_eq!(done_at(&record(100, 1000), 1, &installed), 12);
        // At it: the next batch while nothing is installed, the entry once something is.
        assert_eq!(done_at(&record(995, 1000), 5, &empty), 1);
        assert_eq!(done_at(&record(995, 1000), 5, &installed), entry | HOOK_RAN);
    }

    #[test]
    fn a_silenced_counter_is_not_written() {
        let r = record(7, SILENT);
        assert_eq!(done(&r, 5), MAX_BATCH);
        assert_eq!(r[0].load(Ordering::Relaxed), 7);
    }
}
