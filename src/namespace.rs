//! A [`Jit`](crate::Jit)'s symbol namespace: what each loaded module exports, and how a new module's undefined
//! symbols find definitions in modules loaded before it.
//!
//! Resolution order for an undefined symbol: the embedder's `JitBuilder::symbol`s, its `symbol_lookup`
//! callback, exported definitions of modules loaded into the same `Jit`, then the process. A module that
//! resolves a symbol to another module keeps that module loaded. Two definitions of one name that are both
//! strong are a load error; a `weak`/`linkonce`/`common` one gives way to the one loaded first (other modules
//! resolve to that one; the module's own references keep its own copy).

use crate::module::ModuleCore;
use crate::{Error, Result};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

/// An exported definition.
#[derive(Clone, Copy, Debug)]
struct Export {
    address: usize,
    replaceable: bool,
}

/// One loaded module's exports.
struct Entry {
    module: Weak<ModuleCore>,
    exports: HashMap<String, Export>,
}

/// The exports of every module loaded into one `Jit`, in load order.
#[derive(Default)]
pub(crate) struct Namespace {
    modules: Mutex<Vec<Entry>>,
}

impl std::fmt::Debug for Namespace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.modules.lock().map(|m| m.len()).unwrap_or(0);
        f.debug_struct("Namespace").field("modules", &n).finish()
    }
}

/// What a module defines for others: its exported functions (stubs) and globals.
fn exports_of(core: &ModuleCore) -> HashMap<String, Export> {
    let rt = core.runtime();
    let ir = rt.module();
    let mut out = HashMap::new();
    for f in ir.functions.iter().filter(|f| f.exported) {
        if let Ok(address) = rt.function_address(&f.name) {
            out.insert(f.name.clone(), Export { address, replaceable: f.replaceable });
        }
    }
    for g in ir.globals.iter().filter(|g| g.exported && !g.name.starts_with("llvm.")) {
        if let Some(address) = rt.symbol_address(&g.name) {
            out.insert(g.name.clone(), Export { address, replaceable: g.replaceable });
        }
    }
    out
}

impl Namespace {
    /// Live modules' entries (dropping those of unloaded modules).
    fn live(&self) -> std::sync::MutexGuard<'_, Vec<Entry>> {
        let mut modules = self.modules.lock().unwrap_or_else(|e| e.into_inner());
        modules.retain(|e| e.module.strong_count() > 0);
        modules
    }

    /// Finds definitions for the undefined symbols `names` in loaded modules: the addresses found, and the
    /// modules they belong to (to keep loaded). The first loaded definition of a name wins.
    pub(crate) fn resolve<'a>(
        &self,
        names: impl Iterator<Item = &'a str>,
    ) -> (HashMap<String, usize>, Vec<Arc<ModuleCore>>) {
        let modules = self.live();
        let mut found = HashMap::new();
        let mut links: Vec<Arc<ModuleCore>> = Vec::new();
        for name in names {
            for entry in modules.iter() {
                let Some(export) = entry.exports.get(name) else { continue };
                let Some(module) = entry.module.upgrade() else { continue };
                found.insert(name.to_owned(), export.address);
                if !links.iter().any(|l| Arc::ptr_eq(l, &module)) {
                    links.push(module);
                }
                break;
            }
        }
        (found, links)
    }

    /// Checks, before it loads, that no strong definition of `module` clashes with a strong definition of a
    /// module already loaded.
    pub(crate) fn check(&self, module: &tierlift_ir::Module) -> Result<()> {
        let modules = self.live();
        let strong = module
            .functions
            .iter()
            .filter(|f| f.exported && !f.replaceable)
            .map(|f| &f.name)
            .chain(module.globals.iter().filter(|g| g.exported && !g.replaceable).map(|g| &g.name));
        for name in strong {
            if modules.iter().filter_map(|e| e.exports.get(name)).any(|other| !other.replaceable) {
                return Err(Error::DuplicateDefinition(name.clone()));
            }
        }
        Ok(())
    }

    /// Adds a freshly loaded module's exports, unless one of its strong definitions clashes with a strong
    /// definition of a module already loaded.
    pub(crate) fn register(&self, core: &Arc<ModuleCore>) -> Result<()> {
        let exports = exports_of(core);
        let mut modules = self.live();
        for (name, export) in &exports {
            let clash = modules
                .iter()
                .filter_map(|e| e.exports.get(name))
                .any(|other| !other.replaceable && !export.replaceable);
            if clash {
                return Err(Error::DuplicateDefinition(name.clone()));
            }
        }
        modules.push(Entry { module: Arc::downgrade(core), exports });
        Ok(())
    }
}
