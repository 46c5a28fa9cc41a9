//! Stand-ins for external functions that could not be resolved at load.
//!
//! A module loads like a shared library with lazy binding: an external function that neither the embedder, the
//! engine nor the process defines does not stop the load. Its address becomes a tiny thunk of its own,
//! `movabs rdi, name; movabs r11, report; jmp r11`, and a call to it ends the process through the lazy-failure
//! handler with a message naming the symbol (status 70 by default), instead of jumping to address 0.

use crate::{ExecBuffer, Result};
use std::ffi::{CStr, CString, c_char};

const THUNK_SIZE: usize = 32;

/// Thunks for a module's unresolved external functions; they live as long as this value.
pub struct MissingFunctions {
    /// The names the thunks pass to [`missing_called`]: their bytes must outlive the thunks.
    names: Vec<CString>,
    code: Option<ExecBuffer>,
}

fn encode(name: *const c_char) -> [u8; THUNK_SIZE] {
    let mut code = [0xcc_u8; THUNK_SIZE];
    code[0] = 0x48; // movabs rdi, imm64
    code[1] = 0xbf;
    code[2..10].copy_from_slice(&(name as u64).to_le_bytes());
    code[10] = 0x49; // movabs r11, imm64
    code[11] = 0xbb;
    code[12..20].copy_from_slice(&(missing_called as *const () as u64).to_le_bytes());
    code[20] = 0x41; // jmp r11
    code[21] = 0xff;
    code[22] = 0xe3;
    code
}

extern "C" fn missing_called(name: *const c_char) -> ! {
    // SAFETY: the thunks pass a pointer to a NUL-terminated name owned by their `MissingFunctions`, which lives as
    // long as the thunks can be called.
    let name = unsafe { CStr::from_ptr(name) }.to_string_lossy();
    crate::trampoline::fail(&format!(
        "call to `{name}`, an external function that was not found when the module was loaded"
    ))
}

impl MissingFunctions {
    /// One thunk per name, in order. A name containing NUL is reported without its tail.
    pub fn new(names: &[String]) -> Result<Self> {
        let names: Vec<CString> =
            names.iter().map(|n| CString::new(n.split('\0').next().unwrap_or_default()).unwrap_or_default()).collect();
        if names.is_empty() {
            return Ok(MissingFunctions { names, code: None });
        }
        let mut bytes = Vec::with_capacity(names.len() * THUNK_SIZE);
        for n in &names {
            bytes.extend_from_slice(&encode(n.as_ptr()));
        }
        let code = ExecBuffer::new(&bytes)?;
        Ok(MissingFunctions { names, code: Some(code) })
    }

    /// The number of thunks.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The address of thunk `i` (the stand-in for the `i`-th name given to [`MissingFunctions::new`]).
    pub fn address(&self, i: usize) -> usize {
        assert!(i < self.names.len(), "missing-function thunk {i} out of range");
        self.code.as_ref().map_or(0, |c| c.address() + i * THUNK_SIZE)
    }
}
