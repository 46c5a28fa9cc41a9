//! Machine code of profiled loops: a loop whose exits are tested at its top (a scan until a separator), compiled
//! with a profile, is laid out so that its hot path ends with a conditional branch back, not with an
//! unconditional jump back after the exit tests (two taken branches per trip).

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use tierlift_llvm::{CompileRequest, FunctionProfile, ModuleCompiler, OptLevel, SiteProfile};

/// `scan(s, d)` copies bytes from `s` to `d` (a `.` as `_`) until a `/` or a NUL, and returns where it stopped.
const MODULE: &str = r#"
define i64 @scan(ptr %s, ptr %d) {
entry:
  br label %head
head:
  %p = phi ptr [ %s, %entry ], [ %p1, %next ]
  %q = phi ptr [ %d, %entry ], [ %q1, %next ]
  %c = load i8, ptr %p
  %slash = icmp eq i8 %c, 47
  br i1 %slash, label %exit, label %notslash
notslash:
  %nul = icmp eq i8 %c, 0
  br i1 %nul, label %exit, label %notnul
notnul:
  %isdot = icmp eq i8 %c, 46
  br i1 %isdot, label %dot, label %copy
dot:
  store i8 95, ptr %q
  br label %next
copy:
  store i8 %c, ptr %q
  br label %next
next:
  %p1 = getelementptr i8, ptr %p, i64 1
  %q1 = getelementptr i8, ptr %q, i64 1
  br label %head
exit:
  %n = ptrtoint ptr %p to i64
  ret i64 %n
}
"#;

/// What tier 0 would have counted of `scan`: 100,000 calls of about ten trips, a `/` ending eight in ten.
fn profile() -> FunctionProfile {
    let branch = |taken, not_taken| SiteProfile::Branch { taken, not_taken };
    FunctionProfile {
        function: "scan".into(),
        entry_count: 100_000,
        sites: vec![branch(80_000, 820_000), branch(20_000, 800_000), branch(10_000, 790_000)],
    }
}

fn bitcode() -> Vec<u8> {
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range_copy(MODULE.as_bytes(), "scan.ll");
    let module = context.create_module_from_ir(buffer).expect("the test IR parses");
    module.write_bitcode_to_memory().as_slice().to_vec()
}

/// The instructions of the code at `address`, up to its first `ret`, as GNU `objdump` prints them (offset,
/// then mnemonic and operands).
fn disassembly(address: u64) -> Vec<(u64, String)> {
    // At most 128 bytes, not past the end of the code's page (the code is far shorter).
    let len = (128).min(4096 - (address % 4096)) as usize;
    // SAFETY: `address` is the entry of compiled code, readable, and `len` bytes from it stay within its page.
    let bytes = unsafe { std::slice::from_raw_parts(address as *const u8, len) }.to_vec();
    let file = std::env::temp_dir().join(format!("tierlift-profiled-loop-{}.bin", std::process::id()));
    std::fs::write(&file, bytes).unwrap();
    let out = std::process::Command::new("objdump")
        .args(["-D", "-b", "binary", "-m", "i386:x86-64", "--no-show-raw-insn"])
        .arg(&file)
        .output()
        .expect("objdump (binutils) runs");
    let _ = std::fs::remove_file(&file);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut insts = Vec::new();
    for line in text.lines() {
        let Some((at, inst)) = line.trim().split_once(':') else { continue };
        let Ok(at) = u64::from_str_radix(at.trim(), 16) else { continue };
        let inst = inst.split_whitespace().collect::<Vec<_>>().join(" ");
        let ret = inst.starts_with("ret");
        insts.push((at, inst));
        if ret {
            break;
        }
    }
    insts
}

#[test]
fn a_profiled_scan_loop_branches_back_conditionally() {
    let mut compiler = ModuleCompiler::new(&bitcode(), &[]).unwrap();
    let profiles = [profile()];
    let request =
        CompileRequest { profiles: &profiles, ..CompileRequest::new("scan", OptLevel::O3, "scan.tl.llvm-o3.1") };
    let compiled = compiler.compile(&request).unwrap();
    // SAFETY: `scan` is `i64 (ptr, ptr)`; it reads `s` up to a `/` or NUL and writes as many bytes to `d`.
    let scan: extern "C" fn(*const u8, *mut u8) -> i64 = unsafe { std::mem::transmute(compiled.address) };
    let text = b"a.c/def\0";
    let mut out = [0u8; 8];
    let stop = scan(text.as_ptr(), out.as_mut_ptr());
    assert_eq!(stop - text.as_ptr() as i64, 3);
    assert_eq!(&out[..3], b"a_c");
    let insts = disassembly(compiled.address);
    assert!(insts.last().is_some_and(|i| i.1.starts_with("ret")), "{insts:#?}");
    // The loop's hot path goes back with a conditional branch (`jne` to an earlier instruction).
    let conditional_back = insts.iter().any(|(at, inst)| {
        let Some((mnemonic, target)) = inst.split_once(' ') else { return false };
        mnemonic.starts_with('j')
            && mnemonic != "jmp"
            && u64::from_str_radix(target.trim_start_matches("0x"), 16).is_ok_and(|t| t < *at)
    });
    assert!(conditional_back, "{insts:#?}");
}
