//! What a module shows of itself: its code to profilers and debuggers ([`CodeObserver`]) and its tiering events
//! to traces and timelines ([`EventLog`]).

use crate::config::Config;
use crate::trace::EventLog;
use tierlift_code::observe::{CodeKind, CodeObserver, CodeSymbol};

/// A module's observers.
pub(crate) struct Observation {
    code: Option<CodeObserver>,
    /// Tiering events.
    pub(crate) events: EventLog,
}

impl Observation {
    /// Observers for what `config` asks for; an error if the profiler files cannot be created.
    pub(crate) fn new(config: &Config) -> crate::Result<Self> {
        let code = if config.observe.any() {
            let observer = CodeObserver::new(config.observe)
                .map_err(|e| crate::Error::Setup(format!("profiler output (perf map / jitdump): {e}")))?;
            Some(observer)
        } else {
            None
        };
        Ok(Observation { code, events: EventLog::new(config.trace.is_some() || config.timeline.is_some()) })
    }

    /// Whether LLVM code should keep frame pointers, so a debugger unwinds through it.
    pub(crate) fn frame_pointers(&self) -> bool {
        self.code.as_ref().is_some_and(|c| c.options().gdb)
    }

    /// Reports a function body just made executable: `tag` is its tier (or OSR entry and tier).
    pub(crate) fn body(&self, name: &str, tag: &str, address: usize, size: usize) {
        if let Some(c) = &self.code {
            let symbol = CodeSymbol { name, tag, kind: CodeKind::Body, address, size };
            if let Err(e) = c.code_loaded(&[symbol]) {
                tracing::warn!(function = name, %e, "cannot report code to profilers");
            }
        }
    }

    /// Reports a function body whose compiler made an object file for debuggers (with line tables).
    pub(crate) fn body_with_object(&self, name: &str, tag: &str, address: usize, size: usize, object: Vec<u8>) {
        if let Some(c) = &self.code {
            let symbol = CodeSymbol { name, tag, kind: CodeKind::Body, address, size };
            if let Err(e) = c.code_loaded_with_object(&symbol, object) {
                tracing::warn!(function = name, %e, "cannot report code to profilers");
            }
        }
    }

    /// Reports glue code (stubs, counting entries, thunks) as one group.
    fn glue(&self, symbols: &[CodeSymbol<'_>]) {
        if let Some(c) = &self.code
            && let Err(e) = c.code_loaded(symbols)
        {
            tracing::warn!(%e, "cannot report glue code to profilers");
        }
    }
}

impl Observation {
    /// Reports the glue code made at load: one stub and one lazy entry (and a counting entry, if any) per function,
    /// and one thunk per variadic external callee.
    pub(crate) fn report_glue(
        &self,
        module: &tierlift_ir::Module,
        table: &tierlift_code::FunctionTable,
        addrs: &crate::load::Addresses,
        thunks: &tierlift_code::VarargThunks,
    ) {
        if self.code.is_none() {
            return;
        }
        // The table's stubs, counting entries and lazy entries are one mapping: one group.
        let (stub_size, count) = (tierlift_code::STUB_SIZE, tierlift_code::ENTRY_SIZE);
        let table_code: Vec<CodeSymbol<'_>> = module
            .functions
            .iter()
            .enumerate()
            .flat_map(|(i, f)| {
                let name = f.name.as_str();
                let glue = |tag, address| CodeSymbol { name, tag, kind: CodeKind::Glue, address, size: stub_size };
                let stub = glue("stub", table.stub(i));
                let entry = table.counting_entry(i).map(|address| CodeSymbol {
                    name,
                    tag: "count",
                    kind: CodeKind::Glue,
                    address,
                    size: count,
                });
                std::iter::once(stub).chain(entry).chain(std::iter::once(glue("lazy", table.lazy_entry(i))))
            })
            .collect();
        self.glue(&table_code);
        let variadic: Vec<CodeSymbol<'_>> = module
            .externs
            .iter()
            .zip(&addrs.externs)
            .filter(|(e, a)| e.sig.as_ref().is_some_and(|s| s.variadic) && **a != 0)
            .filter_map(|(e, a)| {
                let address = thunks.thunk_for(*a as usize).ok()?;
                let size = tierlift_code::THUNK_SIZE;
                Some(CodeSymbol { name: e.name.as_str(), tag: "vararg thunk", kind: CodeKind::Glue, address, size })
            })
            .collect();
        self.glue(&variadic);
    }
}
