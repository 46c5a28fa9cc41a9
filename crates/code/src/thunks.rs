//! Thunks that set `%al` before a variadic call.
//!
//! SysV x86-64 passes an upper bound of the number of vector registers used in `%al` to variadic callees. Cranelift
//! never sets it, so tier-0 code calls variadic functions through `mov al, 8; movabs r11, target; jmp r11`, and
//! variadic functions through pointers through `mov al, 8; jmp <the pointer>`, the pointer passed where the call
//! leaves an argument register or stack word unused (see [`PassedIn`]).

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
    jumps: HashMap<PassedIn, usize>,
    buffers: Vec<ExecBuffer>,
}

/// Where a call through a pointer passes the pointer to its thunk, beside the callee's arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PassedIn {
    /// Integer argument register 0-5 (`rdi`, `rsi`, `rdx`, `rcx`, `r8`, `r9`).
    IntRegister(u8),
    /// `xmm0`-`xmm7`.
    FloatRegister(u8),
    /// The stack argument word at this byte offset from the first stack argument (at most 2^31 - 16).
    Stack(u32),
}

/// The bytes of the thunk that sets `%al` and jumps to the pointer passed in `via`; `None` for a register or
/// offset out of range.
fn encode_jump(via: PassedIn) -> Option<[u8; THUNK_SIZE]> {
    let mut code = [0xcc_u8; THUNK_SIZE];
    let mut at = 0;
    let mut put = |bytes: &[u8]| {
        code[at..at + bytes.len()].copy_from_slice(bytes);
        at += bytes.len();
    };
    put(&[0xb0, 8]); // mov al, 8
    match via {
        PassedIn::IntRegister(r) => {
            // jmp rdi / rsi / rdx / rcx / r8 / r9
            let jump: &[u8] = match r {
                0 => &[0xff, 0xe7],
                1 => &[0xff, 0xe6],
                2 => &[0xff, 0xe2],
                3 => &[0xff, 0xe1],
                4 => &[0x41, 0xff, 0xe0],
                5 => &[0x41, 0xff, 0xe1],
                _ => return None,
            };
            put(jump);
        }
        PassedIn::FloatRegister(x) => {
            if x >= 8 {
                return None;
            }
            put(&[0x66, 0x49, 0x0f, 0x7e, 0xc3 | (x << 3)]); // movq r11, xmmN
            put(&[0x41, 0xff, 0xe3]); // jmp r11
        }
        PassedIn::Stack(offset) => {
            // The return address is at [rsp]; stack arguments start above it.
            let disp = i32::try_from(u64::from(offset) + 8).ok()?;
            put(&[0x4c, 0x8b, 0x9c, 0x24]); // mov r11, [rsp + disp32]
            put(&disp.to_le_bytes());
            put(&[0x41, 0xff, 0xe3]); // jmp r11
        }
    }
    Some(code)
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

    /// The thunk that sets `%al` and jumps to the function whose address its caller passes in `via`, creating it
    /// on first use; an error for a register that does not pass arguments.
    pub fn jump_thunk(&self, via: PassedIn) -> Result<usize> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&t) = inner.jumps.get(&via) {
            return Ok(t);
        }
        encode_jump(via).ok_or_else(|| crate::Error::NoThunk(format!("{via:?}")))?;
        // The registers' thunks are made together, on one page, with the first of them; a stack word's alone.
        let group: Vec<PassedIn> = match via {
            PassedIn::Stack(_) => vec![via],
            _ => (0..6).map(PassedIn::IntRegister).chain((0..8).map(PassedIn::FloatRegister)).collect(),
        };
        let mut bytes = Vec::with_capacity(group.len() * THUNK_SIZE);
        for &v in &group {
            bytes.extend_from_slice(&encode_jump(v).ok_or_else(|| crate::Error::NoThunk(format!("{v:?}")))?);
        }
        let buf = ExecBuffer::new(&bytes)?;
        for (i, &v) in group.iter().enumerate() {
            inner.jumps.insert(v, buf.address() + i * THUNK_SIZE);
        }
        inner.buffers.push(buf);
        Ok(inner.jumps[&via])
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
