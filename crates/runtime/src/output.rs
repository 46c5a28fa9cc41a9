//! The trace and timeline files of a module, and its event log for embedders.

use crate::Runtime;
use crate::trace::{EventKind, TraceEvent};

impl Runtime {
    /// The tiering events recorded so far (kept only when the config names a trace or timeline file), followed by
    /// the frames counted entering each OSR entry up to now.
    pub fn events(&self) -> Vec<TraceEvent> {
        let log = &self.inner.observe.events;
        let mut events = log.snapshot();
        let at_us = log.now().as_secs_f64() * 1e6;
        let thread = "tierlift".to_string();
        for f in self.stats().functions {
            for o in f.osr.iter().filter(|o| o.entries > 0) {
                let kind =
                    EventKind::OsrEntries { function: f.name.clone(), loop_index: o.loop_index, frames: o.entries };
                events.push(TraceEvent { at_us, thread: thread.clone(), kind });
            }
        }
        events
    }

    /// Writes the trace (Chrome trace-event JSON) and the timeline (SVG) files the config names, from the events
    /// so far. Dropping the runtime writes them again, complete; a process that ends without dropping it (with
    /// `_exit`) calls this first.
    pub fn write_observations(&self) -> crate::Result<()> {
        let config = &self.inner.config;
        if config.trace.is_none() && config.timeline.is_none() {
            return Ok(());
        }
        let events = self.events();
        let fail = |what: &str, path: &std::path::Path, e: String| {
            crate::Error::Output(format!("cannot write the {what} {}: {e}", path.display()))
        };
        if let Some(path) = &config.trace {
            std::fs::write(path, crate::trace::chrome_trace(&events))
                .map_err(|e| fail("trace", path, e.to_string()))?;
        }
        if let Some(path) = &config.timeline {
            let end_us = self.inner.observe.events.now().as_secs_f64() * 1e6;
            crate::timeline::draw(path, &events, &self.stats(), end_us).map_err(|e| fail("timeline", path, e))?;
        }
        Ok(())
    }
}
