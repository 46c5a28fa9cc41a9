//! Thunks that set `%al` before a variadic call.
//!
//! SysV x86-64 passes an upper bound of the number of vector registers used in `%al` to variadic callees. Cranelift
//! never sets it, so tier-0 code calls variadic functions through `mov al, 8; movabs r11, target; jmp r11`.

use crate::{ExecBuffer, Result};
use std::collections::HashMap;
use std::sync::Mutex;

/// Bytes per variadic-call thunk.
pub const THUNK_SIZE: usize = 16;

/// A cache of variadic-call thunks, one per target address. Thunks live until this value is dropped.
#[derive(Default)]
pub struct VarargThunks {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    by_target: HashMap<usize, usize>,
    buffers: Vec<ExecBuffer>,
}

fn encode(target: usize) -> [u8; THUNK_SIZE] {
    let mut code = [0xcc_u8; THUNK_SIZE];
    code[0] = 0xb0; // mov al, imm8
    code[1] = 8;
    code[2] = 0x49; // movabs r11, imm64
    code[3] = 0xbb;
    code[4..12].copy_from_slice(&(target as u64).to_le_bytes());
    code[12] = 0x41; // jmp r11
    code[13] = 0xff;
    code[14] = 0xe3;
    code
}

impl VarargThunks {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The thunk for `target`, creating it on first use.
    pub fn thunk_for(&self, target: usize) -> Result<usize> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&t) = inner.by_target.get(&target) {
            return Ok(t);
        }
        let buf = ExecBuffer::new(&encode(target))?;
        let addr = buf.address();
        inner.buffers.push(buf);
        inner.by_target.insert(target, addr);
        Ok(addr)
    }

    /// Prepares thunks for many targets at once, sharing pages (used at load for every known variadic callee).
    pub fn prepare(&self, targets: &[usize]) -> Result<()> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let fresh: Vec<usize> = targets.iter().copied().filter(|t| !inner.by_target.contains_key(t)).collect();
        if fresh.is_empty() {
            return Ok(());
        }
        let mut bytes = Vec::with_capacity(fresh.len() * THUNK_SIZE);
        for &t in &fresh {
            bytes.extend_from_slice(&encode(t));
        }
        let buf = ExecBuffer::new(&bytes)?;
        for (i, &t) in fresh.iter().enumerate() {
            inner.by_target.insert(t, buf.address() + i * THUNK_SIZE);
        }
        inner.buffers.push(buf);
        Ok(())
    }
}
