//! Small jobs that share an object file.
//!
//! Code generation and linking cost about a millisecond per object file at O2/O3 whatever its size, most of the
//! compile of a small function (a C++ program's iterator and accessor templates: 1–3 ms each). When a worker
//! picks a small normal-entry O2/O3 job, it keeps taking the next job of the queue into the same object file
//! while that job is of the same module and level and small too, up to [`BATCH_JOBS`] jobs or [`BATCH_WINDOW`]
//! of compile time: the queue's order is kept (a batch only takes the job that would have run next), and the
//! first job's code waits for at most that window.

use super::{
    Built, Compilers, Job, JobResult, Pool, SUPERSEDED, Source, Task, built, compile_alone, execute_one, report,
    with_request,
};
use crate::trace::EventKind;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tierlift_llvm::OptLevel;

/// A job may share an object file when the function and the bodies it carries are at most this many IR
/// instructions: its optimization is then short (a few milliseconds at most), and code generation's fixed
/// cost a large part of its compile.
const BATCH_REGION: u32 = 160;

/// At most this many jobs per object file.
const BATCH_JOBS: usize = 8;

/// A batch takes no further job after it spent this long.
const BATCH_WINDOW: Duration = Duration::from_millis(6);

/// Whether `job` (prepared) may share an object file with others of its module: a small normal-entry O2/O3
/// version without loop exits or probes, of a module whose versions do not go to debuggers one object each.
pub(super) fn may_share_an_object(source: &Source, job: &Job) -> bool {
    job.level != OptLevel::O0
        && job.osr.is_none()
        && job.loop_exits.is_empty()
        && job.value_probes.is_empty()
        && job.region_size.is_some_and(|size| size <= BATCH_REGION)
        && !source.observe.frame_pointers()
}

/// A job of the batch with when its compile started.
struct Member {
    job: Job,
    start: Instant,
    /// Its own share of the compile: building and optimizing its job module.
    own: Duration,
}

/// What became of a batch's jobs.
enum Outcome {
    /// Each job's version, with its share of the object file, and how long generating the object took.
    Built(Vec<(Member, tierlift_llvm::Compiled, tierlift_llvm::VersionCode)>, Duration),
    /// Every job failed, for this reason.
    Failed(Vec<Member>, String),
    /// Each job was compiled alone, and its result is here.
    Alone(Vec<(Member, Result<Built, String>)>),
}

/// Compiles `job` (prepared, and [`may_share_an_object`]) with the jobs that follow it in the queue while they
/// may join, in one object file, and reports each.
pub(super) fn execute(pool: &Pool, compilers: &mut Compilers, source: Arc<Source>, job: Job) {
    source.running.fetch_add(1, Ordering::AcqRel);
    // The first job's compile time counts from here (before the test delay), the batch's window from after it.
    let first_start = Instant::now();
    let level = job.level;
    // Jobs whose own compile failed before code generation, with why.
    let mut failed: Vec<(Member, String)> = Vec::new();
    // A job taken from the queue that may not join: compiled alone after the batch.
    let mut next_alone: Option<Job> = None;
    let outcome = {
        // LLVM work ends before results are reported: `exit` and `fork` wait only for the compiles.
        let _llvm = tierlift_code::llvm_work();
        if !pool.delay.is_zero() {
            std::thread::sleep(pool.delay);
        }
        let window_start = Instant::now();
        match compilers.for_source(&source, level) {
            Err(reason) => Outcome::Failed(vec![Member { job, start: first_start, own: Duration::ZERO }], reason),
            Ok(c) => {
                let mut members: Vec<Member> = Vec::new();
                let mut batch = c.batch();
                let mut candidate = Some(job);
                while let Some(job) = candidate.take() {
                    let added_at = Instant::now();
                    let job_start = if members.is_empty() && failed.is_empty() { first_start } else { added_at };
                    let added = with_request(&job, |req| {
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| batch.add(req)))
                            .unwrap_or_else(|_| Err(panicked(req.function)))
                    });
                    let member = Member { job, start: job_start, own: added_at.elapsed() };
                    match added {
                        Ok(()) => members.push(member),
                        Err(e) => failed.push((member, e.to_string())),
                    }
                    if members.len() + failed.len() >= BATCH_JOBS || window_start.elapsed() >= BATCH_WINDOW {
                        break;
                    }
                    let Some(task) = next_mate(pool, &source) else { break };
                    // A stale job is dropped, and ends the batch.
                    if task.superseded() {
                        (task.job.done)(JobResult::failed(SUPERSEDED));
                        break;
                    }
                    let mut job = task.job;
                    if let Some(prepare) = job.prepare.take() {
                        prepare(&mut job);
                    }
                    // A function whose body a job of the batch carries waits for that job's code: installed,
                    // it withdraws the function's own compile when it inlined every call (see `withdraw`).
                    let carried = members.iter().any(|m| m.job.inline_bodies.contains(&job.function));
                    if job.level == level && !carried && may_share_an_object(&source, &job) {
                        candidate = Some(job);
                    } else {
                        next_alone = Some(job);
                        break;
                    }
                }
                let first = members.first().map_or(String::new(), |m| m.job.function.clone());
                let emit_start = Instant::now();
                let finished = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| batch.finish()))
                    .unwrap_or_else(|_| Err(panicked(&first)));
                match finished {
                    Ok(finished) => Outcome::Built(
                        members
                            .into_iter()
                            .zip(finished.versions)
                            .map(|(m, (compiled, code))| (m, compiled, code))
                            .collect(),
                        emit_start.elapsed(),
                    ),
                    Err(e) if members.len() <= 1 => Outcome::Failed(members, e.to_string()),
                    Err(e) => {
                        // One object for all failed: each job compiles alone, so that one job's failure stays its own.
                        tracing::debug!(jobs = members.len(), error = %e, "a batch failed; its jobs compile alone");
                        Outcome::Alone(
                            members
                                .into_iter()
                                .map(|mut m| {
                                    let result = compile_alone(c, &source, &mut m.job);
                                    (m, result)
                                })
                                .collect(),
                        )
                    }
                }
            }
        }
    };
    // A job's compile time (what the policy learns compile costs from) is its own optimization and its share of
    // the object's code generation; its trace event spans its wait for the others.
    let finish = |m: Member, result: Result<Built, String>, time: Duration| {
        (m.job.done)(JobResult { result, time, inline_bodies: m.job.inline_bodies });
    };
    for (m, reason) in failed {
        report(&source.observe, &m.job, m.start, None, None, 1);
        let time = m.own;
        finish(m, Err(reason), time);
    }
    match outcome {
        Outcome::Built(versions, emit) => {
            let emit_share = emit / versions.len().max(1) as u32;
            if versions.len() > 1 {
                source.batched.fetch_add(versions.len() as u64, Ordering::Relaxed);
            }
            let object_versions = versions.len();
            for (mut m, compiled, code) in versions {
                report(&source.observe, &m.job, m.start, Some(&compiled), None, object_versions);
                let built = built(&mut m.job, &compiled, Some(crate::versions::Code::Llvm(code)));
                let time = m.own + emit_share;
                finish(m, Ok(built), time);
            }
        }
        Outcome::Failed(members, reason) => {
            for m in members {
                report(&source.observe, &m.job, m.start, None, None, 1);
                let time = m.start.elapsed();
                finish(m, Err(reason.clone()), time);
            }
        }
        Outcome::Alone(results) => {
            for (m, result) in results {
                let time = m.start.elapsed();
                finish(m, result, time);
            }
        }
    }
    source.running.fetch_sub(1, Ordering::AcqRel);
    if let Some(job) = next_alone {
        // The batch's code, installed, may have made it stale.
        if source.stopped.load(Ordering::Acquire) || job.stale.as_ref().is_some_and(|stale| stale()) {
            (job.done)(JobResult::failed(SUPERSEDED));
        } else {
            execute_one(pool, compilers, source, job);
        }
    }
}

fn panicked(function: &str) -> tierlift_llvm::Error {
    tierlift_llvm::Error::Extract {
        function: function.to_owned(),
        reason: "internal error: panic while compiling".into(),
    }
}

/// The job at the head of the background queue, taken if it is one of `source`'s and no job someone waits for is
/// queued: the job that would run next anyway.
fn next_mate(pool: &Pool, source: &Arc<Source>) -> Option<Task> {
    let mut q = pool.queue.lock().unwrap_or_else(|e| e.into_inner());
    if !q.urgent.is_empty() || q.closed {
        return None;
    }
    // As a worker picking its next job would see the queue: the counters moved since the last pick.
    q.rerank();
    if !Arc::ptr_eq(&q.background.peek()?.2.source, source) {
        return None;
    }
    let super::Queued(_, _, task) = q.background.pop()?;
    let queued = q.background.len();
    drop(q);
    source.observe.events.record(EventKind::Queue { queued });
    Some(task)
}
