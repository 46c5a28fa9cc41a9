//! Standard input and output as the program's single-thread paths serve them: the programs of `tests/streams`
//! read a generated text from stdin, natively and under `run_bitcode`, and must print the same.

mod common;

use common::native::{native, outcome};
use std::process::{Command, Stdio};

/// A text of `words` pseudo-random words, a dozen a line.
fn text(words: usize) -> String {
    let mut state = 0x2545_f491_u32;
    let mut out = String::new();
    for i in 0..words {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let len = 1 + state % 9;
        out.extend((0..len).map(|k| (b'a' + ((state >> (k * 3)) % 26) as u8) as char));
        out.push(if i % 12 == 11 { '\n' } else { ' ' });
    }
    out
}

#[test]
fn cin_and_cout_read_and_write_the_same_bytes_before_and_after_a_thread() {
    let src = common::root().join("tests").join("streams").join("words.cpp");
    let input = common::scratch().join(format!("words-{}.txt", std::process::id()));
    std::fs::write(&input, text(60_000)).unwrap();
    let stdin = || Stdio::from(std::fs::File::open(&input).unwrap());
    for level in [0, 2] {
        let (want, _) = outcome(Command::new(native(&src, level)).stdin(stdin()));
        assert!(want.stdout.contains("after a thread"), "{want:?}");
        let module = common::compile_c(&src, level);
        for mode in
            [&["--mode", "tier0"][..], &["--mode", "tiered", "--threshold", "1"], &["--single-thread-paths", "off"]]
        {
            let (got, stderr) = outcome(Command::new(common::run_bitcode()).args(mode).arg(&module).stdin(stdin()));
            assert_eq!(got, want, "-O{level} {mode:?}; stderr:\n{stderr}");
        }
    }
}
