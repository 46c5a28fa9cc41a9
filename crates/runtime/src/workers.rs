//! Background LLVM compile workers. Each worker thread owns its own LLVM context, target machine, LLJIT and
//! parsed copy of the module; jobs reach it as plain data and come back as code addresses.

use crate::observe::Observation;
use crate::trace::EventKind;
use crate::versions::Tier;
use std::collections::{BinaryHeap, VecDeque};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tierlift_llvm::{CodeOwner, CompileRequest, CounterSpec, ModuleCompiler, OptLevel};

/// The failure reason of a job submitted after the service stopped.
pub(crate) const STOPPED: &str = "compile service stopped";

/// What a finished job reports.
pub(crate) struct JobResult {
    /// Address of the new code, or why it failed.
    pub(crate) result: Result<usize, String>,
    /// Wall time of the compile on the worker.
    pub(crate) time: Duration,
}

/// One compile job.
pub(crate) struct Job {
    pub(crate) function: String,
    pub(crate) level: OptLevel,
    pub(crate) version_name: String,
    pub(crate) inline_bodies: Vec<String>,
    pub(crate) counters: Option<CounterSpec>,
    /// Queue order among background jobs: higher first.
    pub(crate) priority: u64,
    pub(crate) done: Box<dyn FnOnce(JobResult) + Send>,
    /// Build an on-stack-replacement entry at this loop header (block index) with this state.
    pub(crate) osr: Option<(u32, Vec<tierlift_llvm::OsrValue>)>,
    /// Asked just before the compile starts: a job whose result could no longer be installed is dropped.
    pub(crate) stale: Option<Box<dyn Fn() -> bool + Send>>,
    /// The loop whose OSR entry this job builds (for traces and profilers).
    pub(crate) osr_loop: Option<usize>,
    /// When the job was queued.
    pub(crate) queued_at: Instant,
}

struct Queued(u64, u64, Job);

impl PartialEq for Queued {
    fn eq(&self, o: &Self) -> bool {
        (self.0, self.1) == (o.0, o.1)
    }
}
impl Eq for Queued {}
impl PartialOrd for Queued {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Queued {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        // Higher priority first; among equals, the older job (smaller sequence number) first.
        self.0.cmp(&o.0).then(o.1.cmp(&self.1))
    }
}

#[derive(Default)]
struct Queue {
    urgent: VecDeque<Job>,
    background: BinaryHeap<Queued>,
    seq: u64,
    shutdown: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
    bitcode: Arc<[u8]>,
    symbols: Vec<(String, u64)>,
    owners: Mutex<Vec<CodeOwner>>,
    delay: Duration,
    eager: bool,
    /// Background workers.
    workers: usize,
    /// Workers compiling right now.
    active: AtomicUsize,
    /// The process the workers run in: a `fork`ed child has none of them.
    pid: u32,
    /// Where compiles and new code are reported.
    observe: Arc<Observation>,
}

/// The pool of compile workers of one module, plus an urgent lane: a thread of its own, started the first time a
/// caller waits for code while every worker is busy (or in a `fork`ed child, which has no workers), that takes
/// only jobs someone waits for. A function tier 0 declines is then compiled at once instead of after a long O3
/// compile of another function.
pub(crate) struct Workers {
    shared: Arc<Shared>,
    threads: Mutex<Vec<JoinHandle<()>>>,
    /// The process that has an urgent lane (0: none yet).
    lane: AtomicU32,
}

impl Workers {
    /// Starts `threads` workers. With `eager`, each sets up its LLVM context and LLJIT right away instead of at its
    /// first job, so that the first tier-up does not wait for it.
    pub(crate) fn new(
        bitcode: Arc<[u8]>,
        symbols: Vec<(String, u64)>,
        threads: usize,
        delay: Duration,
        eager: bool,
        observe: Arc<Observation>,
    ) -> Self {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            ready: Condvar::new(),
            bitcode,
            symbols,
            owners: Mutex::new(Vec::new()),
            delay,
            eager,
            workers: threads.max(1),
            active: AtomicUsize::new(0),
            pid: std::process::id(),
            observe,
        });
        let handles = (0..threads.max(1))
            .map(|i| {
                let shared = shared.clone();
                std::thread::Builder::new()
                    .name(format!("tierlift-llvm-{i}"))
                    .spawn(move || worker(&shared))
                    .expect("spawn compile worker")
            })
            .collect();
        Workers { shared, threads: Mutex::new(handles), lane: AtomicU32::new(0) }
    }

    /// Queues a background job.
    pub(crate) fn submit(&self, mut job: Job) {
        job.queued_at = Instant::now();
        let mut q = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
        if q.shutdown {
            return;
        }
        q.seq += 1;
        let seq = q.seq;
        q.background.push(Queued(job.priority, seq, job));
        let queued = q.background.len();
        drop(q);
        self.shared.observe.events.record(EventKind::Queue { queued });
        self.shared.ready.notify_one();
    }

    /// Runs a job ahead of every background job and waits for it (used when a caller needs code now: the LLVM
    /// fallback of a function tier 0 declines, and the forced LLVM modes).
    pub(crate) fn run_now(&self, mut job: Job) -> JobResult {
        let (tx, rx) = std::sync::mpsc::channel();
        job.queued_at = Instant::now();
        job.done = Box::new(move |r| {
            let _ = tx.send(r);
        });
        {
            let mut q = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
            if q.shutdown {
                return JobResult { result: Err(STOPPED.into()), time: Duration::ZERO };
            }
            q.urgent.push_back(job);
        }
        let pid = std::process::id();
        let workers_unavailable =
            pid != self.shared.pid || self.shared.active.load(Ordering::Acquire) >= self.shared.workers;
        if workers_unavailable && self.lane.swap(pid, Ordering::AcqRel) != pid {
            let shared = self.shared.clone();
            if let Ok(h) = std::thread::Builder::new().name("tierlift-llvm-urgent".into()).spawn(move || lane(&shared))
            {
                self.threads.lock().unwrap_or_else(|e| e.into_inner()).push(h);
            }
        }
        self.shared.ready.notify_all();
        rx.recv().unwrap_or(JobResult { result: Err("compile worker died".into()), time: Duration::ZERO })
    }

    /// Jobs waiting in the background queue.
    pub(crate) fn queued(&self) -> usize {
        self.shared.queue.lock().unwrap_or_else(|e| e.into_inner()).background.len()
    }

    /// Stops the workers after their current job and waits for them. Queued jobs are dropped.
    pub(crate) fn shutdown(&self) {
        {
            let mut q = self.shared.queue.lock().unwrap_or_else(|e| e.into_inner());
            q.shutdown = true;
            q.background.clear();
        }
        self.shared.ready.notify_all();
        let handles = std::mem::take(&mut *self.threads.lock().unwrap_or_else(|e| e.into_inner()));
        for h in handles {
            let _ = h.join();
        }
    }
}

/// The next job, waiting for one: a job someone waits for first, then (unless `urgent_only`) background ones.
/// `None` once the service stops.
fn next_job(shared: &Shared, urgent_only: bool) -> Option<Job> {
    let mut q = shared.queue.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if let Some(j) = q.urgent.pop_front() {
            return Some(j);
        }
        if q.shutdown {
            return None;
        }
        if !urgent_only && let Some(Queued(_, _, j)) = q.background.pop() {
            let queued = q.background.len();
            drop(q);
            shared.observe.events.record(EventKind::Queue { queued });
            return Some(j);
        }
        q = shared.ready.wait(q).unwrap_or_else(|e| e.into_inner());
    }
}

fn set_up(shared: &Shared) -> Result<ModuleCompiler, String> {
    // For debuggers: frame pointers to unwind by, and the module's debug info for line tables.
    let debugging = shared.observe.frame_pointers();
    let mut c = if debugging {
        ModuleCompiler::with_debug_info(&shared.bitcode, &shared.symbols)
    } else {
        ModuleCompiler::new(&shared.bitcode, &shared.symbols)
    }
    .map_err(|e| e.to_string())?;
    c.keep_frame_pointers(debugging);
    shared.owners.lock().unwrap_or_else(|e| e.into_inner()).push(c.code_owner());
    Ok(c)
}

/// Counts a worker as busy while alive.
struct Busy<'a>(&'a AtomicUsize);

impl<'a> Busy<'a> {
    fn new(active: &'a AtomicUsize) -> Self {
        active.fetch_add(1, Ordering::AcqRel);
        Busy(active)
    }
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

fn worker(shared: &Shared) {
    // A set-up in progress does not count as busy: a waiting caller is better served by it than by a lane that
    // has to set itself up from the start.
    let mut compiler: Option<ModuleCompiler> = if shared.eager {
        let _llvm = tierlift_code::llvm_work();
        set_up(shared).ok()
    } else {
        None
    };
    while let Some(job) = next_job(shared, false) {
        let _busy = Busy::new(&shared.active);
        execute(shared, &mut compiler, job);
    }
}

/// The urgent lane: runs only jobs a caller waits for.
fn lane(shared: &Shared) {
    let mut compiler = None;
    while let Some(job) = next_job(shared, true) {
        execute(shared, &mut compiler, job);
    }
}

/// Compiles one job with `compiler` (set up on first use) and reports the result.
fn execute(shared: &Shared, compiler: &mut Option<ModuleCompiler>, job: Job) {
    let _llvm = tierlift_code::llvm_work();
    if job.stale.as_ref().is_some_and(|stale| stale()) {
        (job.done)(JobResult { result: Err("superseded".into()), time: Duration::ZERO });
        return;
    }
    let start = Instant::now();
    if !shared.delay.is_zero() {
        std::thread::sleep(shared.delay);
    }
    if compiler.is_none() {
        match set_up(shared) {
            Ok(c) => *compiler = Some(c),
            Err(e) => {
                (job.done)(JobResult { result: Err(e), time: start.elapsed() });
                return;
            }
        }
    }
    let c = compiler.as_mut().expect("created above");
    let inline: Vec<&str> = job.inline_bodies.iter().map(String::as_str).collect();
    let req = CompileRequest {
        function: &job.function,
        level: job.level,
        version_name: &job.version_name,
        inline_bodies: &inline,
        counters: job.counters,
        osr: job.osr.as_ref().map(|(header, state)| tierlift_llvm::OsrRequest { header: *header, state }),
    };
    let compile_start = Instant::now();
    let result = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c.compile(&req))) {
        Ok(r) => r.map_err(|e| e.to_string()),
        Err(_) => Err(format!("internal error: panic while compiling @{}", job.function)),
    };
    report(shared, &job, compile_start, result.as_ref().ok(), c.take_debug_object());
    let result = result.map(|compiled| compiled.address as usize);
    (job.done)(JobResult { result, time: start.elapsed() });
}

/// Reports a finished compile to the trace and, if it produced code, the code to profilers and debuggers.
fn report(
    shared: &Shared,
    job: &Job,
    start: Instant,
    compiled: Option<&tierlift_llvm::Compiled>,
    debug_object: Option<Vec<u8>>,
) {
    let tier = match job.level {
        OptLevel::O0 => Tier::LlvmO0,
        OptLevel::O2 => Tier::LlvmO2,
        OptLevel::O3 => Tier::LlvmO3,
    }
    .name();
    if let Some(compiled) = compiled {
        let tag = match job.osr_loop {
            Some(l) => format!("{tier}, osr loop {l}"),
            None => tier.to_string(),
        };
        let (address, size) = (compiled.address as usize, compiled.code_size);
        match debug_object {
            Some(object) => shared.observe.body_with_object(&job.function, &tag, address, size, object),
            None => shared.observe.body(&job.function, &tag, address, size),
        }
    }
    shared.observe.events.record_since(
        start,
        EventKind::Compile {
            function: job.function.clone(),
            tier: tier.to_string(),
            osr_loop: job.osr_loop,
            ir_size: compiled.map_or(0, |c| c.ir_instructions),
            queue_wait_us: start.saturating_duration_since(job.queued_at).as_secs_f64() * 1e6,
            duration_us: start.elapsed().as_secs_f64() * 1e6,
            ok: compiled.is_some(),
        },
    );
}
