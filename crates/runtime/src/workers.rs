//! Background LLVM compile workers, shared by every module of an engine.
//!
//! An [`Engine`] owns one pool of worker threads (`compile_threads` of them, started idle with the engine; a
//! module that never gets hot costs no LLVM work at all) and an urgent lane. A module attaches to it and gets a
//! [`Workers`] handle: its jobs carry the module's bitcode and symbols, and each worker thread sets up an LLVM
//! compiler (context, parsed module, target machines, LLJIT) for a module the first time it compiles a job of
//! it. Dropping a module cancels its queued jobs without waiting for one in flight (its result is discarded);
//! each worker drops its compiler for that module, and with it the module's LLVM code, at its next job or within
//! a sweep interval.

use crate::observe::Observation;
use crate::trace::EventKind;
use crate::versions::Tier;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, Weak};
use std::time::{Duration, Instant};
use tierlift_llvm::{CodeOwner, CompileRequest, CounterSpec, ModuleCompiler, OptLevel};

mod batch;

/// The failure reason of a job submitted after the module's compiles were stopped.
pub(crate) const STOPPED: &str = "compile service stopped";
/// Why a job ends without a compile when it was overtaken ([`Job::stale`]) or its module stopped before it ran.
pub(crate) const SUPERSEDED: &str = "superseded";

/// How often an idle worker looks for compilers of unloaded modules to drop.
const SWEEP_INTERVAL: Duration = Duration::from_millis(200);

/// New machine code of a function.
pub(crate) struct Built {
    /// Its address.
    pub(crate) address: usize,
    /// Its size in bytes (0: unknown).
    pub(crate) size: usize,
    /// What frees it (`None`: it stays mapped while the module lives).
    pub(crate) code: Option<crate::versions::Code>,
}

/// What a finished job reports.
pub(crate) struct JobResult {
    /// The new code, or why it failed.
    pub(crate) result: Result<Built, String>,
    /// Wall time of the compile on the worker.
    pub(crate) time: Duration,
    /// The bodies that travelled along with the job to be inlined (as the job finally carried them) and that
    /// its optimized code no longer calls: inlined wherever the job called them.
    pub(crate) inline_bodies: Vec<String>,
}

impl JobResult {
    /// A job that produced no code, and why.
    pub(crate) fn failed(reason: impl Into<String>) -> Self {
        JobResult { result: Err(reason.into()), time: Duration::ZERO, inline_bodies: Vec::new() }
    }
}

/// One compile job.
pub(crate) struct Job {
    pub(crate) function: String,
    pub(crate) level: OptLevel,
    pub(crate) version_name: String,
    pub(crate) inline_bodies: Vec<String>,
    pub(crate) counters: Option<CounterSpec>,
    /// What tier 0 measured of the function and of the bodies that travel along (empty without profiling).
    pub(crate) profiles: Vec<tierlift_llvm::FunctionProfile>,
    /// Run by the worker just before the compile (outside the queue's lock): fills in what depends on the
    /// counters at that moment (`inline_bodies`, `profiles`).
    pub(crate) prepare: Option<Prepare>,
    /// Queue order among background jobs, higher first, as it is now: asked when the job is queued and again
    /// when a worker picks its next job (the function's counters keep moving while the job waits), so the
    /// hottest waiting function goes first.
    pub(crate) rank: Rank,
    pub(crate) done: Box<dyn FnOnce(JobResult) + Send>,
    /// Build an on-stack-replacement entry at this loop header (block index) with this state.
    pub(crate) osr: Option<(u32, Vec<tierlift_llvm::OsrValue>)>,
    /// Asked just before the compile starts: a job whose result could no longer be installed is dropped.
    pub(crate) stale: Option<Box<dyn Fn() -> bool + Send>>,
    /// The loop whose OSR entry this job builds (for traces and profilers).
    pub(crate) osr_loop: Option<usize>,
    /// Loops of an O0 version that count and leave through OSR entries (the fallback for what tier 0 declines).
    pub(crate) loop_exits: Vec<LoopExitSpec>,
    /// Indirect calls of an O0 version that record their targets (the same fallback, with profiling on).
    pub(crate) value_probes: Vec<tierlift_llvm::ValueProbe>,
    /// Callees whose direct calls the job's code makes through their slots (see
    /// [`tierlift_llvm::CompileRequest::slot_calls`]).
    pub(crate) slot_calls: Vec<(String, u64)>,
    /// Functions whose virtual table entries follow their slots, among those the job carries (see
    /// [`tierlift_llvm::CompileRequest::slot_entries`]).
    pub(crate) slot_entries: Vec<(String, u64)>,
    /// When the job was queued.
    pub(crate) queued_at: Instant,
    /// IR instructions of the function and of the bodies it carries, as tier 0 counted them; set when the job is
    /// prepared (`None`: not known, and the job gets an object file of its own).
    pub(crate) region_size: Option<u32>,
}

/// One loop of [`Job::loop_exits`] (see [`tierlift_llvm::LoopExit`]).
pub(crate) struct LoopExitSpec {
    pub(crate) header: u32,
    pub(crate) record: u64,
    pub(crate) hook_index: u32,
    pub(crate) state: Option<Vec<tierlift_llvm::OsrValue>>,
}

/// A module as the workers know it.
struct Source {
    /// Engine-wide module number (the key of each worker's compilers).
    id: u64,
    bitcode: Arc<[u8]>,
    symbols: Vec<(String, u64)>,
    /// Its declared thread-local variables that are a shared object's (`load::TlsIndices`).
    native_thread_locals: Vec<String>,
    /// Keep the module's LLVM code mapped while the module lives, whichever worker compiled it.
    owners: Mutex<Vec<CodeOwner>>,
    /// The module stopped its compiles (or was dropped): its jobs are discarded.
    stopped: AtomicBool,
    /// Jobs of the module running now.
    running: AtomicUsize,
    /// Versions compiled into an object file together with others (see `batch`).
    batched: AtomicU64,
    /// Time the workers spent setting up compilers for the module (parsing its bitcode, its whole-module
    /// analysis), in microseconds: not part of any job's compile time.
    setup_us: AtomicU64,
    /// Where the module's compiles and new code are reported.
    observe: Arc<Observation>,
}

/// A job with the module it belongs to.
struct Task {
    source: Arc<Source>,
    job: Job,
    /// It went back to the queue once while its module's compiler was set up (see `serve`).
    requeued: bool,
    /// A caller waits for it (see [`Workers::run_now`]): it goes before every background job, and is compiled as
    /// soon as its module's compiler is set up.
    urgent: bool,
}

impl Task {
    /// Its module stopped, or the job was overtaken: it is discarded, not compiled.
    fn superseded(&self) -> bool {
        self.source.stopped.load(Ordering::Acquire) || self.job.stale.as_ref().is_some_and(|stale| stale())
    }
}

struct Queued(u64, u64, Task);

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

/// A tier-0 compile done ahead of a function's first call, while a worker has nothing else to do (see
/// [`Workers::compile_ahead`]).
pub(crate) type Ahead = Box<dyn FnOnce() + Send>;

/// An ahead-of-call compile with the module it belongs to.
struct AheadTask {
    source: Arc<Source>,
    run: Ahead,
}

#[derive(Default)]
struct Queue {
    urgent: VecDeque<Task>,
    background: BinaryHeap<Queued>,
    /// Tier-0 compiles ahead of first calls, oldest first: taken only when no LLVM job waits.
    ahead: VecDeque<AheadTask>,
    seq: u64,
    /// The engine is gone: threads finish and exit.
    closed: bool,
}

impl Queue {
    /// Queues a background job at its current rank, the newest among equals; returns how many are queued.
    fn push_background(&mut self, task: Task) -> usize {
        self.seq += 1;
        let seq = self.seq;
        let rank = (task.job.rank)();
        self.background.push(Queued(rank, seq, task));
        self.background.len()
    }

    /// Ranks the background jobs anew, if there are few enough of them (see [`RERANK_LIMIT`]).
    fn rerank(&mut self) {
        if (2..=RERANK_LIMIT).contains(&self.background.len()) {
            let jobs = std::mem::take(&mut self.background).into_vec();
            self.background = jobs.into_iter().map(|Queued(_, seq, t)| Queued((t.job.rank)(), seq, t)).collect();
        }
    }
}

struct Pool {
    queue: Mutex<Queue>,
    ready: Condvar,
    delay: Duration,
    /// Background workers to run (started on demand).
    workers: usize,
    /// Background workers started so far.
    started: AtomicUsize,
    /// Workers compiling right now.
    active: AtomicUsize,
    /// The process the workers run in: a `fork`ed child has none of them.
    pid: u32,
    /// The process that has an urgent lane (0: none yet).
    lane: AtomicU32,
    next_module: AtomicU64,
    /// The threads started, to join when the engine goes.
    threads: Mutex<Vec<std::thread::JoinHandle<()>>>,
    /// Superseded code of every module, freed by the workers between jobs.
    reclaim: crate::reclaim::Reclaimer,
    /// Tier-0 code of every module.
    tier0_code: tierlift_code::SharedCodeMemory,
}

/// Closes the pool when the last engine handle goes, and waits for its threads (a compile in flight finishes
/// first): no LLVM work of an engine outlives it, so a process may `exit` once its engines are gone.
struct Closer(Arc<Pool>);

impl Drop for Closer {
    fn drop(&mut self) {
        self.0.queue.lock().unwrap_or_else(|e| e.into_inner()).closed = true;
        self.0.ready.notify_all();
        let threads = std::mem::take(&mut *self.0.threads.lock().unwrap_or_else(|e| e.into_inner()));
        let me = std::thread::current().id();
        for t in threads {
            // A worker can drop the last handle itself (a job's callback releasing its module): it exits on its
            // own once the queue is closed.
            if t.thread().id() != me {
                let _ = t.join();
            }
        }
    }
}

/// The compile workers of an engine; clones share them. Threads start idle with the engine and end when the last
/// handle (the engine's, or a module's) is gone.
#[derive(Clone)]
pub struct Engine {
    closer: Arc<Closer>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pool = &self.closer.0;
        f.debug_struct("Engine")
            .field("workers", &pool.workers)
            .field("started", &pool.started.load(Ordering::Relaxed))
            .finish()
    }
}

impl Engine {
    /// An engine with `threads` background compile workers; `delay` is a test hook (every compile waits that
    /// long first).
    pub fn new(threads: usize, delay: Duration) -> Self {
        let pool = Arc::new(Pool {
            queue: Mutex::new(Queue::default()),
            ready: Condvar::new(),
            delay,
            workers: threads.max(1),
            started: AtomicUsize::new(0),
            active: AtomicUsize::new(0),
            pid: std::process::id(),
            lane: AtomicU32::new(0),
            next_module: AtomicU64::new(1),
            threads: Mutex::new(Vec::new()),
            reclaim: crate::reclaim::Reclaimer::default(),
            tier0_code: tierlift_code::SharedCodeMemory::new(),
        });
        // The threads start now, idle, so that the hotness hook (which submits jobs) never has to spawn one; their
        // LLVM set-up waits for a job.
        start_workers(&pool);
        Engine { closer: Arc::new(Closer(pool)) }
    }

    /// Background worker threads running now.
    pub fn threads(&self) -> usize {
        self.closer.0.started.load(Ordering::Acquire)
    }

    /// The executable memory the engine's modules place their tier-0 code in.
    pub fn tier0_code(&self) -> &tierlift_code::SharedCodeMemory {
        &self.closer.0.tier0_code
    }

    /// What freeing superseded code has done so far, for all modules of the engine.
    pub fn reclaim_stats(&self) -> crate::reclaim::ReclaimStats {
        self.closer.0.reclaim.stats()
    }

    /// Attaches a module: its jobs compile `bitcode` with `symbols` bound (`native_thread_locals`: see
    /// `ModuleCompiler::native_thread_locals`).
    pub(crate) fn attach(
        &self,
        bitcode: Arc<[u8]>,
        symbols: Vec<(String, u64)>,
        native_thread_locals: Vec<String>,
        observe: Arc<Observation>,
    ) -> Workers {
        let source = Arc::new(Source {
            id: self.closer.0.next_module.fetch_add(1, Ordering::Relaxed),
            bitcode,
            symbols,
            native_thread_locals,
            owners: Mutex::new(Vec::new()),
            stopped: AtomicBool::new(false),
            running: AtomicUsize::new(0),
            batched: AtomicU64::new(0),
            setup_us: AtomicU64::new(0),
            observe,
        });
        Workers { engine: self.clone(), source }
    }
}

/// One module's access to its engine's workers.
pub(crate) struct Workers {
    engine: Engine,
    source: Arc<Source>,
}

impl Workers {
    fn pool(&self) -> &Arc<Pool> {
        &self.engine.closer.0
    }

    /// Starts the background workers if they are not running yet.
    fn start_workers(&self) {
        start_workers(self.pool());
    }

    /// Queues a background job.
    pub(crate) fn submit(&self, mut job: Job) {
        if self.source.stopped.load(Ordering::Acquire) {
            return;
        }
        job.queued_at = Instant::now();
        self.start_workers();
        let pool = self.pool();
        let mut q = pool.queue.lock().unwrap_or_else(|e| e.into_inner());
        let queued = q.push_background(Task { source: self.source.clone(), job, requeued: false, urgent: false });
        drop(q);
        self.source.observe.events.record(EventKind::Queue { queued });
        // All: the urgent lane waits on the same condition for urgent jobs only, and a single wake-up that reached
        // it would leave this job queued until a worker's next sweep.
        pool.ready.notify_all();
    }

    /// Queues a tier-0 compile to run ahead of the function's first call, when a background worker has no LLVM
    /// job to do. Dropped, not run, once the module stops.
    pub(crate) fn compile_ahead(&self, run: Ahead) {
        if self.source.stopped.load(Ordering::Acquire) {
            return;
        }
        self.start_workers();
        let pool = self.pool();
        pool.queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .ahead
            .push_back(AheadTask { source: self.source.clone(), run });
        pool.ready.notify_all();
    }

    /// Runs a job ahead of every background job and waits for it (used when a caller needs code now: the LLVM
    /// fallback of a function tier 0 declines, and the forced LLVM modes).
    pub(crate) fn run_now(&self, mut job: Job) -> JobResult {
        if self.source.stopped.load(Ordering::Acquire) {
            return JobResult::failed(STOPPED);
        }
        self.start_workers();
        let (tx, rx) = std::sync::mpsc::channel();
        job.queued_at = Instant::now();
        job.done = Box::new(move |r| {
            let _ = tx.send(r);
        });
        let pool = self.pool();
        pool.queue.lock().unwrap_or_else(|e| e.into_inner()).urgent.push_back(Task {
            source: self.source.clone(),
            job,
            requeued: false,
            urgent: true,
        });
        let pid = std::process::id();
        let workers_unavailable = pid != pool.pid || pool.active.load(Ordering::Acquire) >= pool.workers;
        if workers_unavailable && pool.lane.swap(pid, Ordering::AcqRel) != pid {
            let weak = Arc::downgrade(pool);
            let builder = std::thread::Builder::new().name("tierlift-llvm-urgent".into());
            if let Ok(t) = tierlift_code::program_threads::spawn_own(builder, move || lane(&weak)) {
                pool.threads.lock().unwrap_or_else(|e| e.into_inner()).push(t);
            }
        }
        pool.ready.notify_all();
        rx.recv().unwrap_or(JobResult::failed("compile worker died"))
    }

    /// Hands a version that left its slot to the engine, to free when no thread can run it; returns it when it
    /// cannot be freed (the caller keeps it).
    pub(crate) fn retire(
        &self,
        version: Arc<crate::versions::Version>,
        eagerly: bool,
    ) -> Option<Arc<crate::versions::Version>> {
        self.pool().reclaim.retire(self.source.id, version, eagerly)
    }

    /// Takes a retired version back from the engine before it is installed again.
    pub(crate) fn unretire(&self, version: &Arc<crate::versions::Version>) {
        self.pool().reclaim.unretire(version);
    }

    /// The engine's tier-0 code memory.
    pub(crate) fn tier0_code(&self) -> tierlift_code::SharedCodeMemory {
        self.engine.tier0_code().clone()
    }

    /// The engine's reclamation figures.
    pub(crate) fn reclaim_stats(&self) -> crate::reclaim::ReclaimStats {
        self.engine.reclaim_stats()
    }

    /// Versions of the module compiled into an object file together with others.
    pub(crate) fn batched_versions(&self) -> u64 {
        self.source.batched.load(Ordering::Relaxed)
    }

    /// Time the workers spent setting up compilers for this module.
    pub(crate) fn setup_time(&self) -> Duration {
        Duration::from_micros(self.source.setup_us.load(Ordering::Relaxed))
    }

    /// This module's jobs waiting or running.
    pub(crate) fn queued(&self) -> usize {
        let q = self.pool().queue.lock().unwrap_or_else(|e| e.into_inner());
        let waiting = q.background.iter().filter(|Queued(_, _, t)| Arc::ptr_eq(&t.source, &self.source)).count();
        waiting + self.source.running.load(Ordering::Acquire)
    }

    /// Stops this module's compiles: queued jobs are dropped, a job in flight finishes on its worker and its
    /// result is discarded; nothing waits for it. Later jobs fail with [`STOPPED`].
    pub(crate) fn shutdown(&self) {
        self.source.stopped.store(true, Ordering::Release);
        let (dropped, _ahead): (Vec<Queued>, Vec<AheadTask>) = {
            let mut q = self.pool().queue.lock().unwrap_or_else(|e| e.into_inner());
            let (mine, others): (Vec<Queued>, Vec<Queued>) = std::mem::take(&mut q.background)
                .into_iter()
                .partition(|Queued(_, _, t)| Arc::ptr_eq(&t.source, &self.source));
            q.background = others.into_iter().collect();
            let (ahead, others): (Vec<AheadTask>, Vec<AheadTask>) =
                std::mem::take(&mut q.ahead).into_iter().partition(|t| Arc::ptr_eq(&t.source, &self.source));
            q.ahead = others.into();
            (mine, ahead)
        };
        // Outside the queue lock: a job's callback may take other locks.
        for Queued(_, _, task) in dropped {
            (task.job.done)(JobResult::failed(SUPERSEDED));
        }
        self.pool().ready.notify_all();
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        self.shutdown();
        // The module frees all its code now: what it retired is no longer the engine's to free.
        self.pool().reclaim.forget_module(self.source.id);
    }
}

/// Starts the background workers that are not running yet (none in a `fork`ed child: it gets an urgent lane).
/// A worker does no LLVM work before its first job.
fn start_workers(pool: &Arc<Pool>) {
    if pool.pid != std::process::id() {
        return;
    }
    while pool.started.load(Ordering::Acquire) < pool.workers {
        let n = pool.started.fetch_add(1, Ordering::AcqRel);
        if n >= pool.workers {
            pool.started.fetch_sub(1, Ordering::AcqRel);
            break;
        }
        let weak = Arc::downgrade(pool);
        let builder = std::thread::Builder::new().name(format!("tierlift-llvm-{n}"));
        match tierlift_code::program_threads::spawn_own(builder, move || worker(&weak)) {
            Ok(t) => pool.threads.lock().unwrap_or_else(|e| e.into_inner()).push(t),
            Err(_) => {
                pool.started.fetch_sub(1, Ordering::AcqRel);
                break;
            }
        }
    }
}

/// What a worker does next.
enum Next {
    Run(Box<Task>),
    Ahead(AheadTask),
    /// Nothing to do for a while: drop compilers of unloaded modules.
    Sweep,
    Exit,
}

/// Completes a job on its worker (see [`Job::prepare`]).
pub(crate) type Prepare = Box<dyn FnOnce(&mut Job) + Send>;

/// A job's current priority (see [`Job::rank`]).
pub(crate) type Rank = Box<dyn Fn() -> u64 + Send>;

/// Background queues up to this long are re-ranked at every pick (a pass over them); longer ones keep the
/// priorities their jobs had when queued.
const RERANK_LIMIT: usize = 256;

/// The next job, waiting for one: a job someone waits for first, then (unless `urgent_only`) background ones.
fn next_job(pool: &Pool, urgent_only: bool) -> Next {
    // Sweeps (and the reclaim rounds between them) come at least this often while no job runs, however often
    // the condition is notified meanwhile (modules come and go).
    let sweep_at = Instant::now() + SWEEP_INTERVAL;
    let mut q = pool.queue.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if let Some(t) = q.urgent.pop_front() {
            return Next::Run(Box::new(t));
        }
        if !urgent_only {
            q.rerank();
        }
        if !urgent_only && let Some(Queued(_, _, t)) = q.background.pop() {
            let queued = q.background.len();
            drop(q);
            t.source.observe.events.record(EventKind::Queue { queued });
            return Next::Run(Box::new(t));
        }
        if !urgent_only && let Some(t) = q.ahead.pop_front() {
            return Next::Ahead(t);
        }
        if q.closed {
            return Next::Exit;
        }
        let left = sweep_at.saturating_duration_since(Instant::now());
        let (guard, _) = pool.ready.wait_timeout(q, left).unwrap_or_else(|e| e.into_inner());
        q = guard;
        if Instant::now() >= sweep_at && q.urgent.is_empty() && (urgent_only || q.background.is_empty()) {
            return Next::Sweep;
        }
    }
}

/// A worker's compilers, one per module it has compiled for, and the target machines they share.
#[derive(Default)]
struct Compilers {
    by_module: HashMap<u64, (Weak<Source>, ModuleCompiler)>,
    machines: tierlift_llvm::SharedMachines,
}

impl Compilers {
    /// Drops the compilers (and so the LLVM code) of modules that are gone or stopped.
    fn sweep(&mut self) {
        self.by_module.retain(|_, (source, _)| source.upgrade().is_some_and(|s| !s.stopped.load(Ordering::Acquire)));
    }

    /// Frees what each compiler's set-up kept for later (see [`ModuleCompiler::free_retired`]).
    fn free_retired(&self) {
        for (_, c) in self.by_module.values() {
            c.free_retired();
        }
    }

    /// Whether this worker has a compiler for `source` that serves `level`.
    fn ready_for(&self, source: &Source, level: OptLevel) -> bool {
        self.by_module.get(&source.id).is_some_and(|(_, c)| level == OptLevel::O0 || c.optimizes())
    }

    /// The worker's compiler for `source`, made on first use. A compiler made for an O0 job skips the
    /// whole-module analysis the optimizing levels need (the synchronous compiles of functions tier 0 declines
    /// wait for it); an O2/O3 job replaces it with one that has it (the code it compiled lives on: the source
    /// owns it).
    fn for_source(&mut self, source: &Arc<Source>, level: OptLevel) -> Result<&mut ModuleCompiler, String> {
        let optimizing = level != OptLevel::O0;
        if optimizing && self.by_module.get(&source.id).is_some_and(|(_, c)| !c.optimizes()) {
            self.by_module.remove(&source.id);
        }
        let compiler = match self.by_module.entry(source.id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let start = Instant::now();
                // For debuggers: frame pointers to unwind by, and the module's debug info for line tables.
                let debugging = source.observe.frame_pointers();
                let make = if optimizing { ModuleCompiler::sharing } else { ModuleCompiler::sharing_for_o0 };
                let mut c =
                    make(&self.machines, &source.bitcode, &source.symbols, debugging).map_err(|e| e.to_string())?;
                c.keep_frame_pointers(debugging);
                c.native_thread_locals(source.native_thread_locals.iter().cloned());
                source.owners.lock().unwrap_or_else(|e| e.into_inner()).push(c.code_owner());
                source.setup_us.fetch_add(start.elapsed().as_micros() as u64, Ordering::Relaxed);
                e.insert((Arc::downgrade(source), c))
            }
        };
        Ok(&mut compiler.1)
    }
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

fn worker(pool: &Weak<Pool>) {
    serve(pool, false);
}

/// The urgent lane: runs only jobs a caller waits for.
fn lane(pool: &Weak<Pool>) {
    serve(pool, true);
}

fn serve(pool: &Weak<Pool>, urgent_only: bool) {
    // The program's signal handlers never run on a compile thread (see tierlift-code's `signals`).
    tierlift_code::block_async_signals_on_this_thread();
    // Background work: a worker woken by a job does not preempt the program's thread (the lane's caller waits).
    if !urgent_only {
        tierlift_code::schedule_this_thread_as_batch();
    }
    // Compile threads never run JIT code: stack scans leave them alone.
    let _excluded = tierlift_code::ExcludedThread::new();
    let mut compilers = Compilers::default();
    loop {
        let Some(p) = pool.upgrade() else { break };
        if !urgent_only {
            p.reclaim.round_if_due(&p.tier0_code);
        }
        match next_job(&p, urgent_only) {
            Next::Exit => break,
            Next::Sweep => {
                let _llvm = tierlift_code::llvm_work();
                compilers.sweep();
            }
            Next::Ahead(t) => {
                if !t.source.stopped.load(Ordering::Acquire) {
                    // `fork` and `exit` wait for it like for an LLVM compile: it holds the module's compile lock.
                    let _work = tierlift_code::llvm_work();
                    (t.run)();
                }
            }
            Next::Run(task) => {
                let _busy = (!urgent_only).then(|| Busy::new(&p.active));
                {
                    let _llvm = tierlift_code::llvm_work();
                    compilers.sweep();
                }
                // A module's first background job sets the module's compiler up (its parse and whole-module
                // analysis take milliseconds), then goes back to the queue: the jobs queued meanwhile may rank
                // higher (a hot driver's, queued just after its helpers').
                // Once only, and not for a job about to be discarded (its module stopped: the compiler would be
                // swept away again), nor for one a caller waits for: behind background jobs that outrank it, a
                // synchronous compile of one module would wait for the queued compiles of every module of the
                // engine.
                if !urgent_only
                    && !task.urgent
                    && !task.requeued
                    && !task.superseded()
                    && !compilers.ready_for(&task.source, task.job.level)
                {
                    let ready = {
                        let _llvm = tierlift_code::llvm_work();
                        compilers.for_source(&task.source, task.job.level).is_ok()
                    };
                    if ready {
                        requeue(&p, *task);
                        continue;
                    }
                }
                execute(&p, &mut compilers, *task);
                // After the job's result is delivered: what the set-up kept so as not to delay it.
                let _llvm = tierlift_code::llvm_work();
                compilers.free_retired();
            }
        }
    }
    // Disposing of LLVM state is LLVM work too.
    let _llvm = tierlift_code::llvm_work();
    drop(compilers);
}

/// Puts a background job back in the queue, ranked anew.
fn requeue(pool: &Pool, mut task: Task) {
    task.requeued = true;
    pool.queue.lock().unwrap_or_else(|e| e.into_inner()).push_background(task);
}

/// Compiles a job with the worker's compiler for its module (set up on first use) and reports the result; a
/// small O2/O3 job takes the jobs after it in the queue along into one object file while they are small too
/// (see `batch`).
fn execute(pool: &Pool, compilers: &mut Compilers, task: Task) {
    if task.superseded() {
        (task.job.done)(JobResult::failed(SUPERSEDED));
        return;
    }
    let Task { source, mut job, .. } = task;
    if let Some(prepare) = job.prepare.take() {
        prepare(&mut job);
    }
    if batch::may_share_an_object(&source, &job) {
        batch::execute(pool, compilers, source, job);
    } else {
        execute_one(pool, compilers, source, job);
    }
}

/// Compiles one prepared job alone and reports the result.
fn execute_one(pool: &Pool, compilers: &mut Compilers, source: Arc<Source>, mut job: Job) {
    source.running.fetch_add(1, Ordering::AcqRel);
    let (result, time) = {
        // LLVM work ends before the result is reported: `exit` and `fork` wait only for the compile itself.
        let _llvm = tierlift_code::llvm_work();
        // The compile's time leaves out setting up the module's compiler (a synchronous compile may be the
        // module's first LLVM work: see `Source::setup_us`).
        match compilers.for_source(&source, job.level) {
            Err(reason) => (Err(reason), Duration::ZERO),
            Ok(c) => {
                let start = Instant::now();
                if !pool.delay.is_zero() {
                    std::thread::sleep(pool.delay);
                }
                (compile_alone(c, &source, &mut job), start.elapsed())
            }
        }
    };
    // A module dropped while its job ran: nobody can install the result.
    let inline_bodies = std::mem::take(&mut job.inline_bodies);
    (job.done)(JobResult { result, time, inline_bodies });
    source.running.fetch_sub(1, Ordering::AcqRel);
}

/// Compiles `job` alone with `c`, reports the compile, and keeps in `job.inline_bodies` only the bodies its code
/// no longer calls.
fn compile_alone(c: &mut ModuleCompiler, source: &Source, job: &mut Job) -> Result<Built, String> {
    let compile_start = Instant::now();
    let result =
        with_request(job, |req| match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c.compile(req))) {
            Ok(r) => r.map_err(|e| e.to_string()),
            Err(_) => Err(format!("internal error: panic while compiling @{}", job.function)),
        });
    report(&source.observe, job, compile_start, result.as_ref().ok(), c.take_debug_object(), 1);
    let code = c.take_version_code().map(crate::versions::Code::Llvm);
    result.map(|compiled| built(job, &compiled, code))
}

/// What `job`'s compile built, keeping in `job.inline_bodies` only the bodies its code no longer calls.
fn built(job: &mut Job, compiled: &tierlift_llvm::Compiled, code: Option<crate::versions::Code>) -> Built {
    job.inline_bodies.retain(|name| !compiled.still_called.contains(name));
    Built { address: compiled.address as usize, size: compiled.code_size, code }
}

/// Calls `f` with the compile request `job` makes.
fn with_request<R>(job: &Job, f: impl FnOnce(&CompileRequest<'_>) -> R) -> R {
    let inline: Vec<&str> = job.inline_bodies.iter().map(String::as_str).collect();
    let slot_calls: Vec<(&str, u64)> = job.slot_calls.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let slot_entries: Vec<(&str, u64)> = job.slot_entries.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let loop_exits: Vec<tierlift_llvm::LoopExit<'_>> = job
        .loop_exits
        .iter()
        .map(|e| tierlift_llvm::LoopExit {
            header: e.header,
            record: e.record,
            hook_index: e.hook_index,
            state: e.state.as_deref(),
        })
        .collect();
    f(&CompileRequest {
        function: &job.function,
        level: job.level,
        version_name: &job.version_name,
        inline_bodies: &inline,
        counters: job.counters,
        osr: job.osr.as_ref().map(|(header, state)| tierlift_llvm::OsrRequest { header: *header, state }),
        profiles: &job.profiles,
        loop_exits: &loop_exits,
        value_probes: &job.value_probes,
        slot_calls: &slot_calls,
        slot_entries: &slot_entries,
    })
}

/// Reports a finished compile to the trace and, if it produced code, the code to profilers and debuggers.
fn report(
    observe: &Observation,
    job: &Job,
    start: Instant,
    compiled: Option<&tierlift_llvm::Compiled>,
    debug_object: Option<Vec<u8>>,
    object_versions: usize,
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
            Some(object) => observe.body_with_object(&job.function, &tag, address, size, object),
            None => observe.body(&job.function, &tag, address, size),
        }
    }
    observe.events.record_since(
        start,
        EventKind::Compile {
            function: job.function.clone(),
            tier: tier.to_string(),
            osr_loop: job.osr_loop,
            ir_size: compiled.map_or(0, |c| c.ir_instructions),
            queue_wait_us: start.saturating_duration_since(job.queued_at).as_secs_f64() * 1e6,
            duration_us: start.elapsed().as_secs_f64() * 1e6,
            ok: compiled.is_some(),
            object_versions,
        },
    );
}
