//! What the tier manager did and when: compiles, installs, OSR requests and entries, queue lengths. Recorded for
//! a Chrome trace-event file (Perfetto, `chrome://tracing`) and the timeline picture, and sent as `tracing`
//! events (target `tierlift::events`) for embedders.

use serde::Serialize;
use serde_json::{Value, json};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One recorded event.
#[derive(Clone, Debug, Serialize)]
pub struct TraceEvent {
    /// When it happened (for a compile: when it started), in microseconds after the module was loaded.
    pub at_us: f64,
    /// The thread it happened on.
    pub thread: String,
    /// What happened.
    pub kind: EventKind,
}

/// What happened.
#[derive(Clone, Debug, Serialize)]
pub enum EventKind {
    /// A compile ran (tier 0 on the calling thread, LLVM tiers on a worker).
    Compile {
        /// The function.
        function: String,
        /// The tier compiled: `tier0`, `llvm-o0`, `llvm-o2`, `llvm-o3`.
        tier: String,
        /// The loop whose OSR entry this compile built, if it did.
        osr_loop: Option<usize>,
        /// IR instructions of the function.
        ir_size: usize,
        /// Time between the request and the start of the compile, in microseconds (0 for tier 0).
        queue_wait_us: f64,
        /// How long the compile took, in microseconds.
        duration_us: f64,
        /// Whether it produced code.
        ok: bool,
        /// How many versions the object file it went into holds: more than 1 when small jobs shared one (their
        /// events overlap: each spans its own compile and its wait for the object).
        object_versions: usize,
    },
    /// New code became the function's current code.
    Install {
        /// The function.
        function: String,
        /// Its tier.
        tier: String,
    },
    /// An OSR entry was asked for.
    OsrRequest {
        /// The function.
        function: String,
        /// The loop.
        loop_index: usize,
        /// The tier it is compiled at.
        tier: String,
    },
    /// An OSR entry was installed: running tier-0 frames in that loop take it at their next check.
    OsrInstall {
        /// The function.
        function: String,
        /// The loop.
        loop_index: usize,
    },
    /// Frames that entered an OSR entry, counted up to the moment the trace was taken.
    OsrEntries {
        /// The function.
        function: String,
        /// The loop.
        loop_index: usize,
        /// Frames that entered.
        frames: u64,
    },
    /// Background compiles waiting in the queue.
    Queue {
        /// Jobs waiting.
        queued: usize,
    },
}

impl EventKind {
    /// A tier-0 compile of `function` (`size` IR instructions) that took `time`.
    pub(crate) fn tier0_compile(function: &str, size: u32, time: Duration) -> EventKind {
        EventKind::Compile {
            function: function.to_string(),
            tier: crate::Tier::Tier0.name().to_string(),
            osr_loop: None,
            ir_size: size as usize,
            queue_wait_us: 0.0,
            duration_us: time.as_secs_f64() * 1e6,
            ok: true,
            object_versions: 1,
        }
    }

    fn trace(&self) {
        match self {
            EventKind::Compile {
                function,
                tier,
                osr_loop,
                ir_size,
                queue_wait_us,
                duration_us,
                ok,
                object_versions,
            } => {
                tracing::debug!(target: "tierlift::events", function, tier, ?osr_loop, ir_size, queue_wait_us,
                    duration_us, ok, object_versions, "compile")
            }
            EventKind::Install { function, tier } => {
                tracing::debug!(target: "tierlift::events", function, tier, "install")
            }
            EventKind::OsrRequest { function, loop_index, tier } => {
                tracing::debug!(target: "tierlift::events", function, loop_index, tier, "osr request")
            }
            EventKind::OsrInstall { function, loop_index } => {
                tracing::debug!(target: "tierlift::events", function, loop_index, "osr install")
            }
            EventKind::OsrEntries { function, loop_index, frames } => {
                tracing::debug!(target: "tierlift::events", function, loop_index, frames, "osr entries")
            }
            EventKind::Queue { queued } => tracing::trace!(target: "tierlift::events", queued, "compile queue"),
        }
    }
}

/// The events of one module, kept when a trace or a timeline was asked for.
pub(crate) struct EventLog {
    origin: Instant,
    keep: bool,
    events: Mutex<Vec<TraceEvent>>,
}

fn thread_label() -> String {
    let t = std::thread::current();
    match t.name() {
        Some(name) => name.to_string(),
        None => format!("{:?}", t.id()),
    }
}

impl EventLog {
    /// A log whose times count from now; it keeps events only when `keep` (they go to `tracing` either way).
    pub(crate) fn new(keep: bool) -> Self {
        EventLog { origin: Instant::now(), keep, events: Mutex::new(Vec::new()) }
    }

    /// Time since the log started.
    pub(crate) fn now(&self) -> Duration {
        self.origin.elapsed()
    }

    /// Records an event that happens now.
    pub(crate) fn record(&self, kind: EventKind) {
        self.record_at(self.origin.elapsed(), kind);
    }

    /// Records an event that happened at `at` (a compile: when it started).
    pub(crate) fn record_since(&self, at: Instant, kind: EventKind) {
        self.record_at(at.saturating_duration_since(self.origin), kind);
    }

    fn record_at(&self, at: Duration, kind: EventKind) {
        kind.trace();
        if self.keep {
            let event = TraceEvent { at_us: at.as_secs_f64() * 1e6, thread: thread_label(), kind };
            self.events.lock().unwrap_or_else(|e| e.into_inner()).push(event);
        }
    }

    /// The events so far, in the order they were recorded.
    pub(crate) fn snapshot(&self) -> Vec<TraceEvent> {
        self.events.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// The Chrome trace-event JSON (object form) of `events`: a complete event per compile on its thread, instant
/// events for installs and OSR, a counter track for the compile queue, and thread names.
pub fn chrome_trace<'a>(events: &'a [TraceEvent]) -> String {
    let pid = std::process::id();
    let mut threads: Vec<&str> = Vec::new();
    let mut tid = |name: &'a str| -> usize {
        match threads.iter().position(|t| *t == name) {
            Some(i) => i + 1,
            None => {
                threads.push(name);
                threads.len()
            }
        }
    };
    let mut out: Vec<Value> = Vec::with_capacity(events.len() + 8);
    for e in events {
        let t = tid(&e.thread);
        let instant = |name: String, cat: &str, args: Value| json!({"name": name, "cat": cat, "ph": "i", "s": "p", "ts": e.at_us, "pid": pid, "tid": t, "args": args});
        out.push(match &e.kind {
            EventKind::Compile {
                function,
                tier,
                osr_loop,
                ir_size,
                queue_wait_us,
                duration_us,
                ok,
                object_versions,
            } => {
                let name = match osr_loop {
                    Some(l) => format!("{function} [{tier}, osr loop {l}]"),
                    None => format!("{function} [{tier}]"),
                };
                json!({"name": name, "cat": "compile", "ph": "X", "ts": e.at_us, "dur": duration_us, "pid": pid,
                    "tid": t, "args": {"function": function, "tier": tier, "osr_loop": osr_loop, "ir_size": ir_size,
                    "queue_wait_us": queue_wait_us, "ok": ok, "object_versions": object_versions}})
            }
            EventKind::Install { function, tier } => {
                instant(format!("install {function} [{tier}]"), "install", json!({"function": function, "tier": tier}))
            }
            EventKind::OsrRequest { function, loop_index, tier } => instant(
                format!("osr request {function} loop {loop_index}"),
                "osr",
                json!({"function": function, "loop": loop_index, "tier": tier}),
            ),
            EventKind::OsrInstall { function, loop_index } => instant(
                format!("osr entry {function} loop {loop_index}"),
                "osr",
                json!({"function": function, "loop": loop_index}),
            ),
            EventKind::OsrEntries { function, loop_index, frames } => instant(
                format!("osr entries so far: {function} loop {loop_index} x{frames}"),
                "osr",
                json!({"function": function, "loop": loop_index, "frames": frames}),
            ),
            EventKind::Queue { queued } => {
                json!({"name": "compile queue", "ph": "C", "ts": e.at_us, "pid": pid, "args": {"queued": queued}})
            }
        });
    }
    for (i, name) in threads.iter().enumerate() {
        out.push(json!({"name": "thread_name", "ph": "M", "pid": pid, "tid": i + 1, "args": {"name": name}}));
    }
    out.push(json!({"name": "process_name", "ph": "M", "pid": pid, "args": {"name": "tierlift"}}));
    serde_json::to_string(&json!({"traceEvents": out, "displayTimeUnit": "ms"})).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_become_complete_events_on_their_threads() {
        let log = EventLog::new(true);
        log.record(EventKind::Compile {
            function: "f".into(),
            tier: "llvm-o3".into(),
            osr_loop: None,
            ir_size: 12,
            queue_wait_us: 3.0,
            duration_us: 50.0,
            ok: true,
            object_versions: 3,
        });
        log.record(EventKind::Install { function: "f".into(), tier: "llvm-o3".into() });
        log.record(EventKind::Queue { queued: 2 });
        let v: Value = serde_json::from_str(&chrome_trace(&log.snapshot())).unwrap();
        let events = v["traceEvents"].as_array().unwrap();
        let compile = events.iter().find(|e| e["ph"] == "X").unwrap();
        assert_eq!(compile["name"], "f [llvm-o3]");
        assert_eq!(compile["dur"], 50.0);
        assert_eq!(compile["args"]["ir_size"], 12);
        assert_eq!(compile["args"]["object_versions"], 3);
        assert!(events.iter().any(|e| e["ph"] == "i" && e["args"]["tier"] == "llvm-o3"));
        assert!(events.iter().any(|e| e["ph"] == "C" && e["args"]["queued"] == 2));
        let tid = &compile["tid"];
        assert!(events.iter().any(|e| e["ph"] == "M" && e["name"] == "thread_name" && &e["tid"] == tid));
    }

    #[test]
    fn a_log_that_keeps_nothing_stays_empty() {
        let log = EventLog::new(false);
        log.record(EventKind::Queue { queued: 1 });
        assert!(log.snapshot().is_empty());
    }
}
