//! Load-time work: resolving external symbols, laying out and initializing globals, evaluating aliases.

use crate::{Error, Result, libcalls};
use std::collections::HashMap;
use std::ffi::CString;
use tierlift_code::MissingFunctions;
use tierlift_ir::{Folded, Module, Symbol, fold, lower_initializer};

/// Addresses of every symbol of a module.
pub(crate) struct Addresses {
    pub(crate) stubs: Vec<u64>,
    pub(crate) globals: Vec<u64>,
    pub(crate) externs: Vec<u64>,
    pub(crate) aliases: Vec<u64>,
}

impl Addresses {
    pub(crate) fn of(&self, s: Symbol) -> u64 {
        match s {
            Symbol::Func(f) => self.stubs[f.0 as usize],
            Symbol::Global(g) => self.globals[g.0 as usize],
            Symbol::Extern(e) => self.externs[e.0 as usize],
            Symbol::Alias(a) => self.aliases[a.0 as usize],
        }
    }
}

/// Resolves every external declaration: embedder symbols first, then the module's own `__dso_handle`, `atexit`
/// and `__cxa_thread_atexit`, the allocator's entries of `tierlift_code::heap_cache` (with `heap_cache`), then the
/// process (a thread-local variable of a shared object: its `tls_index`, see
/// [`TlsIndices`]). `extern_weak` ones may be null. An external function found nowhere is bound lazily,
/// as a shared library with lazy binding would: to a thunk that, if it is ever called, hands
/// [`Error::UnresolvedSymbol`] to the lazy-failure handler and ends the process naming the symbol. An external
/// global variable found nowhere is an error at load (its address may be read anywhere).
pub(crate) fn resolve_externs(
    m: &Module,
    registered: &HashMap<String, usize>,
    exit: &tierlift_code::ModuleExit,
    lazy_failure: Option<&crate::LazyFailureHandler>,
    heap_cache: bool,
) -> Result<(Vec<u64>, MissingFunctions, TlsIndices)> {
    let mut missing = Vec::new();
    let mut out = Vec::with_capacity(m.externs.len());
    // Thread-local variables of shared objects, by their position in `out`: their address is a `tls_index`.
    let mut tls = Vec::new();
    for e in &m.externs {
        if let Some(&a) = registered.get(&e.name) {
            out.push(Some(a as u64));
            continue;
        }
        if e.thread_local {
            let index = CString::new(e.name.as_str()).ok().and_then(|c| tierlift_code::tls_index(&c));
            match index {
                Some(index) => {
                    tls.push((out.len(), index));
                    out.push(Some(0));
                }
                None if e.weak => out.push(Some(0)),
                None => return Err(Error::UnresolvedSymbol(e.name.clone())),
            }
            continue;
        }
        if e.sig.is_none() && section_bound(m, &e.name).is_some() {
            // Bound once the globals are placed (`bind_section_bounds`).
            out.push(Some(0));
            continue;
        }
        match e.name.as_str() {
            "__dso_handle" => out.push(Some(exit.dso_handle() as u64)),
            "atexit" if e.sig.is_some() => out.push(Some(exit.atexit() as u64)),
            "__cxa_thread_atexit" if e.sig.is_some() => out.push(Some(exit.thread_atexit() as u64)),
            name if heap_cache
                && e.sig.is_some()
                && let Some(a) = tierlift_code::heap_cache::routine(name) =>
            {
                out.push(Some(a as u64))
            }
            _ => match libcalls::process_symbol(&e.name) {
                Some(a) => out.push(Some(a)),
                None if e.weak => out.push(Some(0)),
                None if e.sig.is_some() => {
                    out.push(None);
                    missing.push(e.name.clone());
                }
                None => return Err(Error::UnresolvedSymbol(e.name.clone())),
            },
        }
    }
    // A call to one tells the embedder's lazy-failure handler first, as a first call that cannot compile does.
    let report = lazy_failure.map(|h| {
        let handler = std::sync::Arc::clone(&h.0);
        let report: tierlift_code::MissingReport =
            std::sync::Arc::new(move |name: &str| handler(&Error::UnresolvedSymbol(name.to_string())));
        report
    });
    let thunks = MissingFunctions::new(&missing, report)?;
    let mut next = 0;
    let mut addresses: Vec<u64> = out
        .into_iter()
        .map(|a| {
            a.unwrap_or_else(|| {
                next += 1;
                thunks.address(next - 1) as u64
            })
        })
        .collect();
    let indices = TlsIndices {
        records: tls.iter().map(|&(_, index)| index).collect(),
        externs: tls.iter().map(|&(at, _)| at).collect(),
    };
    for (k, &(at, _)) in tls.iter().enumerate() {
        addresses[at] = indices.address(k);
    }
    Ok((addresses, thunks, indices))
}

/// The `tls_index` records (`{ module id, offset }`) of the shared objects' thread-local variables a module
/// uses: such a variable's address, for the module's code, is its record, which every access passes to
/// `__tls_get_addr` for the calling thread's instance. They live as long as the module.
pub(crate) struct TlsIndices {
    records: Box<[[u64; 2]]>,
    /// The externs they are of, by index in the module's externs.
    externs: Vec<usize>,
}

impl TlsIndices {
    fn address(&self, k: usize) -> u64 {
        &self.records[k] as *const [u64; 2] as u64
    }

    /// Whether the module's extern `e` is a shared object's thread-local variable.
    pub(crate) fn has(&self, e: usize) -> bool {
        self.externs.contains(&e)
    }

    /// The externs that are shared objects' thread-local variables.
    pub(crate) fn externs(&self) -> impl Iterator<Item = usize> + '_ {
        self.externs.iter().copied()
    }
}

/// Size of the control object that stands for a thread-local global: the layout of `__emutls_get_address`'s
/// argument (size, alignment, per-thread index, initial image), followed by the initial image itself.
const TLS_CONTROL_SIZE: u64 = 32;

/// Where the initial image of a thread-local global whose control object is at `control` starts.
fn tls_image(control: u64, align: u64) -> u64 {
    (control + TLS_CONTROL_SIZE).next_multiple_of(align.max(1))
}

/// The globals' block: its size in bytes, each global's offset in it, and where each section that globals
/// name starts and ends.
pub(crate) struct GlobalsLayout {
    pub(crate) size: u64,
    pub(crate) offsets: Vec<u64>,
    /// `(name, start, end)` offsets of the globals placed in section `name`, for `__start_name`/`__stop_name`.
    pub(crate) sections: Vec<(String, u64, u64)>,
}

/// Lays out the globals in one block. A thread-local global's offset is its control object's (what
/// `__emutls_get_address` takes); its initial image follows it. Globals that name a section whose name is a C
/// identifier come after the others, one section after another, each in module order at its own alignment, as a
/// linker places them: code walks such a section from `__start_name` to `__stop_name` (a registry each
/// translation unit adds to). The block must be placed at an address aligned to every global's alignment (a
/// page).
pub(crate) fn layout_globals(m: &Module) -> GlobalsLayout {
    let mut offsets = vec![0; m.globals.len()];
    let mut size: u64 = 0;
    let section_of: Vec<Option<&str>> = m.globals.iter().map(bounded_section).collect();
    for (i, g) in m.globals.iter().enumerate().filter(|(i, _)| section_of[*i].is_none()) {
        let align =
            if g.thread_local { g.align.max(16) } else { tierlift_llvm::placed_alignment(g.align, g.ty.alloc_size()) };
        let off = size.next_multiple_of(align);
        offsets[i] = off;
        let start = if g.thread_local { tls_image(off, g.align) } else { off };
        size = start + g.ty.alloc_size().max(1);
    }
    let mut sections: Vec<(String, u64, u64)> = Vec::new();
    for name in section_of.iter().flatten() {
        if !sections.iter().any(|(n, ..)| n == name) {
            sections.push((name.to_string(), 0, 0));
        }
    }
    for (name, start, end) in &mut sections {
        *start = size;
        for (i, g) in m.globals.iter().enumerate().filter(|(i, _)| section_of[*i] == Some(name.as_str())) {
            let off = size.next_multiple_of(g.align.max(1));
            offsets[i] = off;
            size = off + g.ty.alloc_size();
        }
        *end = size;
    }
    GlobalsLayout { size, offsets, sections }
}

/// The section of a (not thread-local) global whose name a C program can bound with `__start_`/`__stop_`.
fn bounded_section(g: &tierlift_ir::GlobalDecl) -> Option<&str> {
    let name = g.section.as_deref().filter(|_| !g.thread_local)?;
    let mut chars = name.chars();
    let first = chars.next()?;
    ((first.is_ascii_alphabetic() || first == '_') && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then_some(name)
}

/// The section `name` (an external variable's) bounds, as `__start_S` (`Some((S, true))`) or `__stop_S`
/// (`Some((S, false))`), if a global of `m` is placed in `S`.
fn section_bound<'a>(m: &Module, name: &'a str) -> Option<(&'a str, bool)> {
    let (section, start) = match (name.strip_prefix("__start_"), name.strip_prefix("__stop_")) {
        (Some(s), _) => (s, true),
        (_, Some(s)) => (s, false),
        _ => return None,
    };
    m.globals.iter().any(|g| bounded_section(g) == Some(section)).then_some((section, start))
}

/// Binds the module's `__start_S`/`__stop_S` external variables (left at 0 by [`resolve_externs`]) to where
/// section `S` starts and ends in the globals' block at `base`.
pub(crate) fn bind_section_bounds(m: &Module, layout: &GlobalsLayout, base: u64, externs: &mut [u64]) {
    for (e, address) in m.externs.iter().zip(externs.iter_mut()) {
        let Some((section, start)) = section_bound(m, &e.name).filter(|_| e.sig.is_none() && *address == 0) else {
            continue;
        };
        if let Some((_, from, to)) = layout.sections.iter().find(|(n, ..)| n == section) {
            *address = base + if start { *from } else { *to };
        }
    }
}

/// Evaluates alias targets (which may name other aliases).
pub(crate) fn resolve_aliases(m: &Module, addrs: &mut Addresses) -> Result<()> {
    let mut done = vec![false; m.aliases.len()];
    for _round in 0..=m.aliases.len() {
        let mut progress = false;
        for (i, a) in m.aliases.iter().enumerate() {
            if done[i] {
                continue;
            }
            let folded = fold(&a.target, &|s| Some(addrs.of(s)))
                .map_err(|reason| Error::Initializer { global: a.name.clone(), reason })?;
            let value = match folded {
                Folded::Int(v) => Some(v as u64),
                // An alias of an alias not resolved yet: the next round.
                Folded::Addr(Symbol::Alias(t), _) if !done[t.0 as usize] => None,
                Folded::Addr(s, off) => Some(addrs.of(s).wrapping_add(off as u64)),
            };
            if let Some(v) = value {
                addrs.aliases[i] = v;
                done[i] = true;
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    match done.iter().position(|d| !d) {
        Some(i) => Err(Error::Initializer { global: m.aliases[i].name.clone(), reason: "alias cycle".into() }),
        None => Ok(()),
    }
}

/// Writes every initializer into the globals' block (`bytes`, at address `base`), with relocations applied.
/// Returns the entries of C++ virtual tables that point at one of the module's functions, as (function index,
/// address of the entry): see [`is_virtual_table`].
pub(crate) fn initialize_globals(
    m: &Module,
    bytes: &mut [u8],
    base: u64,
    addrs: &Addresses,
) -> Result<Vec<(usize, usize)>> {
    let mut entries = Vec::new();
    for (g, &addr) in m.globals.iter().zip(&addrs.globals) {
        let size = g.ty.alloc_size() as usize;
        let addr = if g.thread_local {
            let image = tls_image(addr, g.align);
            let control = [size.max(1) as u64, g.align.max(1), 0, image];
            let at = (addr - base) as usize;
            for (k, word) in control.iter().enumerate() {
                bytes[at + 8 * k..at + 8 * k + 8].copy_from_slice(&word.to_le_bytes());
            }
            image
        } else {
            addr
        };
        let Some(init) = &g.init else { continue };
        let off = (addr - base) as usize;
        let mut relocs = Vec::new();
        lower_initializer(init, &g.ty, &mut bytes[off..off + size], 0, &mut relocs, &|s| Some(addrs.of(s)))
            .map_err(|reason| Error::Initializer { global: g.name.clone(), reason })?;
        let virtual_table = is_virtual_table(g);
        for r in relocs {
            let value = addrs.of(r.symbol).wrapping_add(r.addend as u64);
            let at = off + r.offset as usize;
            bytes[at..at + 8].copy_from_slice(&value.to_le_bytes());
            if let (true, Symbol::Func(f), 0) = (virtual_table, r.symbol, r.addend) {
                entries.push((f.0 as usize, base as usize + at));
            }
        }
    }
    Ok(entries)
}

/// Whether `g` is a C++ virtual table (Itanium C++ ABI: `_ZTV` names a class's table, `_ZTC` a construction
/// table), a constant one. The ABI reaches a table's function entries only through virtual calls, which load an
/// entry and call it: no C++ expression yields an entry's value (a pointer to a virtual member function is the
/// entry's offset), so an entry may hold the function's current code instead of its stub.
fn is_virtual_table(g: &tierlift_ir::GlobalDecl) -> bool {
    g.constant && !g.thread_local && (g.name.starts_with("_ZTV") || g.name.starts_with("_ZTC"))
}

/// Name → address of every symbol, for LLVM-tier modules.
pub(crate) fn symbol_table(m: &Module, addrs: &Addresses) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for (i, f) in m.functions.iter().enumerate() {
        out.push((f.name.clone(), addrs.stubs[i]));
    }
    for (i, g) in m.globals.iter().enumerate() {
        out.push((g.name.clone(), addrs.globals[i]));
    }
    for (i, e) in m.externs.iter().enumerate() {
        out.push((e.name.clone(), addrs.externs[i]));
    }
    for (i, a) in m.aliases.iter().enumerate() {
        out.push((a.name.clone(), addrs.aliases[i]));
    }
    out
}
