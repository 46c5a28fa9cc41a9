//! Compile threads as background work for the kernel's scheduler.

/// Makes the calling thread a batch thread (`SCHED_BATCH`): the scheduler no longer lets it preempt a running
/// thread when it wakes up. A compile worker woken by a job the program just queued (from the hotness hook)
/// otherwise often landed on the program thread's CPU and took it over for milliseconds, in the middle of the
/// hook, while the other CPU was idle. Returns whether the policy was set (an unprivileged thread may always
/// choose it; a sandbox may refuse).
pub fn schedule_this_thread_as_batch() -> bool {
    let param = libc::sched_param { sched_priority: 0 };
    // SAFETY: `sched_setscheduler` with pid 0 changes the calling thread's policy only; `param` is a valid
    // `sched_param` (priority 0, the only one `SCHED_BATCH` allows) that lives across the call.
    unsafe { libc::sched_setscheduler(0, libc::SCHED_BATCH, &param) == 0 }
}
