//! Stand-ins for external functions that could not be resolved at load.
//!
//! A module loads like a shared library with lazy binding: an external function that neither the embedder, the
//! engine nor the process defines does not stop the load. Its address becomes a tiny thunk of its own,
//! `movabs rdi, entry; movabs r11, report; jmp r11`, and a call to it tells the module's embedder (its report
//! routine: the lazy-failure handler of the module's configuration) and then ends the process through the
//! process-wide lazy-failure handler with a message naming the symbol (status 70 by default), instead of jumping
//! to address 0.

use crate::{ExecBuffer, Result};
use std::sync::Arc;

const THUNK_SIZE: usize = 32;

/// What the module's embedder is told when a missing function is called: its name.
pub type MissingReport = Arc<dyn Fn(&str) + Send + Sync>;

/// What a thunk hands to [`missing_called`].
struct Entry {
    name: String,
    report: Option<MissingReport>,
}

/// Thunks for a module's unresolved external functions; they live as long as this value.
pub struct MissingFunctions {
    /// The entries the thunks pass to [`missing_called`], by address: never resized, so those stay put.
    entries: Vec<Entry>,
    code: Option<ExecBuffer>,
}

fn encode(entry: *const Entry) -> [u8; THUNK_SIZE] {
    let mut code = [0xcc_u8; THUNK_SIZE];
    code[0] = 0x48; // movabs rdi, imm64
    code[1] = 0xbf;
    code[2..10].copy_from_slice(&(entry as u64).to_le_bytes());
    code[10] = 0x49; // movabs r11, imm64
    code[11] = 0xbb;
    code[12..20].copy_from_slice(&(missing_called as *const () as u64).to_le_bytes());
    code[20] = 0x41; // jmp r11
    code[21] = 0xff;
    code[22] = 0xe3;
    code
}

extern "C" fn missing_called(entry: *const Entry) -> ! {
    // SAFETY: the thunks pass a pointer into their `MissingFunctions`' entries, which are never moved (the vector
    // is not resized) and live as long as the thunks can be called.
    let entry = unsafe { &*entry };
    if let Some(report) = &entry.report {
        report(&entry.name);
    }
    crate::trampoline::fail(&format!(
        "call to `{}`, an external function that was not found when the module was loaded",
        entry.name
    ))
}

impl MissingFunctions {
    /// One thunk per name, in order; a call to one first calls `report` (if any) with its name.
    pub fn new(names: &[String], report: Option<MissingReport>) -> Result<Self> {
        let entries: Vec<Entry> = names.iter().map(|n| Entry { name: n.clone(), report: report.clone() }).collect();
        if entries.is_empty() {
            return Ok(MissingFunctions { entries, code: None });
        }
        let mut bytes = Vec::with_capacity(entries.len() * THUNK_SIZE);
        for e in &entries {
            bytes.extend_from_slice(&encode(e));
        }
        let code = ExecBuffer::new(&bytes)?;
        Ok(MissingFunctions { entries, code: Some(code) })
    }

    /// The number of thunks.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The address of thunk `i` (the stand-in for the `i`-th name given to [`MissingFunctions::new`]).
    pub fn address(&self, i: usize) -> usize {
        assert!(i < self.entries.len(), "missing-function thunk {i} out of range");
        self.code.as_ref().map_or(0, |c| c.address() + i * THUNK_SIZE)
    }
}
