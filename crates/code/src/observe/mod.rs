//! Making JIT code visible to profilers and debuggers.
//!
//! A [`CodeObserver`] is told about every piece of code as it is mapped ([`CodeObserver::code_loaded`]) and, per
//! the [`ObserveOptions`] it was made with, writes it to perf's map file (`/tmp/perf-PID.map`), to a perf jitdump
//! file (`/tmp/jit-PID.dump`) and registers it with debuggers through the GDB JIT interface. The files and the
//! debugger's list are process-wide; each observer keeps its own debugger registrations and removes them when it
//! is dropped, which its owner does when it frees the code.

mod elf;
mod gdb;
mod jitdump;
mod perfmap;

pub use jitdump::jitdump_path;
pub use perfmap::perf_map_path;

use std::sync::Mutex;

/// Which consumers see JIT code.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ObserveOptions {
    /// Write `/tmp/perf-PID.map` for `perf report`.
    pub perf_map: bool,
    /// Write `/tmp/jit-PID.dump` for `perf inject -j`.
    pub jitdump: bool,
    /// Register code with debuggers through the GDB JIT interface.
    pub gdb: bool,
}

impl ObserveOptions {
    /// Whether any consumer is on.
    pub fn any(&self) -> bool {
        self.perf_map || self.jitdump || self.gdb
    }
}

/// What a piece of code is, which decides how debuggers name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// A body of the function: a debugger names it by the function's own name, so `break NAME` and backtraces
    /// read like the program's source.
    Body,
    /// Glue that jumps elsewhere (a stub, a thunk): a debugger names it `tierlift.TAG.NAME` (not `NAME@TAG`,
    /// which gdb reads as symbol `NAME` of version `TAG`, so `break NAME` would stop in the stub).
    Glue,
}

/// One piece of mapped code.
#[derive(Clone, Copy, Debug)]
pub struct CodeSymbol<'a> {
    /// The function (or target) it belongs to.
    pub name: &'a str,
    /// What it is: the tier (`tier0`, `llvm-o3`), `osr loop 2, llvm-o3`, `stub`, `vararg thunk`.
    pub tag: &'a str,
    /// Body or glue.
    pub kind: CodeKind,
    /// Its first byte.
    pub address: usize,
    /// Its size in bytes.
    pub size: usize,
}

impl CodeSymbol<'_> {
    /// The name profilers show: `collatz [llvm-o3]`.
    pub fn profile_name(&self) -> String {
        format!("{} [{}]", self.name, self.tag)
    }

    fn debugger_name(&self) -> String {
        match self.kind {
            CodeKind::Body => self.name.to_string(),
            CodeKind::Glue => format!("tierlift.{}.{}", self.tag.replace(' ', "_"), self.name),
        }
    }
}

/// Reports JIT code to the consumers its options name. Dropping it unregisters its code from debuggers.
pub struct CodeObserver {
    options: ObserveOptions,
    registrations: Mutex<Vec<gdb::Registration>>,
}

impl std::fmt::Debug for CodeObserver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeObserver").field("options", &self.options).finish_non_exhaustive()
    }
}

impl CodeObserver {
    /// An observer for `options`, with the process's perf map and jitdump files created (when asked for) so that
    /// a failure to write them shows here, not later.
    pub fn new(options: ObserveOptions) -> std::io::Result<CodeObserver> {
        if options.perf_map {
            perfmap::open()?;
        }
        if options.jitdump {
            jitdump::open()?;
        }
        Ok(CodeObserver { options, registrations: Mutex::new(Vec::new()) })
    }

    /// The options it was made with.
    pub fn options(&self) -> ObserveOptions {
        self.options
    }

    /// Reports code just made executable. `symbols` that belong together (the stubs of one table) go in one call:
    /// they become one object file for the debugger.
    ///
    /// Profiling output is best effort: a failed write is returned, but the code runs either way. With `jitdump`
    /// on, the code bytes are copied into the dump (a range that is not mapped is an error).
    pub fn code_loaded(&self, symbols: &[CodeSymbol<'_>]) -> std::io::Result<()> {
        self.report(symbols, None)
    }

    /// Like [`CodeObserver::code_loaded`] for one function whose compiler also produced an object file for
    /// debuggers (an ELF object with its code section's address set to where the code lives, and debug sections
    /// the debugger relocates itself): debuggers get that object, with its line tables, instead of a symbol-only
    /// one.
    pub fn code_loaded_with_object(&self, symbol: &CodeSymbol<'_>, object: Vec<u8>) -> std::io::Result<()> {
        self.report(std::slice::from_ref(symbol), Some(object))
    }

    fn report(&self, symbols: &[CodeSymbol<'_>], object: Option<Vec<u8>>) -> std::io::Result<()> {
        let symbols: Vec<&CodeSymbol<'_>> = symbols.iter().filter(|s| s.size > 0).collect();
        if symbols.is_empty() {
            return Ok(());
        }
        if self.options.gdb
            && let Some(object) = object
        {
            let registration = gdb::Registration::new(object);
            self.registrations.lock().unwrap_or_else(|e| e.into_inner()).push(registration);
        } else if self.options.gdb {
            let names: Vec<String> = symbols.iter().map(|s| s.debugger_name()).collect();
            let elf_symbols: Vec<elf::ElfSymbol<'_>> = symbols
                .iter()
                .zip(&names)
                .map(|(s, n)| elf::ElfSymbol { name: n.as_bytes(), address: s.address as u64, size: s.size as u64 })
                .collect();
            let registration = gdb::Registration::new(elf::symbol_file(&elf_symbols));
            self.registrations.lock().unwrap_or_else(|e| e.into_inner()).push(registration);
        }
        let mut result = Ok(());
        if self.options.perf_map {
            let entries: Vec<(usize, usize, String)> =
                symbols.iter().map(|s| (s.address, s.size, s.profile_name())).collect();
            result = result.and(perfmap::append(&entries));
        }
        if self.options.jitdump {
            for s in &symbols {
                result = result.and(jitdump::code_load(&s.profile_name(), s.address, s.size));
            }
        }
        result
    }

    /// Unregisters from debuggers the code reported so far, for an owner about to free it. Dropping the observer
    /// does the same.
    pub fn code_freed(&self) {
        self.registrations.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Object files registered with debuggers now, by every observer of the process.
pub fn debugger_registrations() -> usize {
    gdb::registered()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debugger_registrations_last_as_long_as_the_observer() {
        let before = debugger_registrations();
        let observer = CodeObserver::new(ObserveOptions { gdb: true, ..Default::default() }).unwrap();
        let code = [0xc3u8; 32];
        let address = code.as_ptr() as usize;
        let body = CodeSymbol { name: "f", tag: "tier0", kind: CodeKind::Body, address, size: 16 };
        let glue = CodeSymbol { name: "f", tag: "stub", kind: CodeKind::Glue, address: address + 16, size: 16 };
        observer.code_loaded(&[body]).unwrap();
        observer.code_loaded(&[glue]).unwrap();
        // Empty pieces are not registered.
        observer.code_loaded(&[CodeSymbol { size: 0, ..body }]).unwrap();
        assert_eq!(debugger_registrations(), before + 2);
        assert_eq!(body.profile_name(), "f [tier0]");
        assert_eq!(glue.debugger_name(), "tierlift.stub.f");
        drop(observer);
        assert_eq!(debugger_registrations(), before);
    }
}
