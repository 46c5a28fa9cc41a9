//! `run_bitcode`'s command line: everything after the program's file goes to the program, as with lli.

mod common;

use std::process::Command;

/// Prints each argument after argv[0] in brackets, then a newline.
const PRINT_ARGS: &str = r#"
@fmt = private constant [5 x i8] c"[%s]\00"
declare i32 @printf(ptr, ...)
declare i32 @putchar(i32)
define i32 @main(i32 %argc, ptr %argv) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 1, %entry ], [ %i1, %body ]
  %more = icmp slt i32 %i, %argc
  br i1 %more, label %body, label %done
body:
  %at = getelementptr ptr, ptr %argv, i32 %i
  %arg = load ptr, ptr %at
  call i32 (ptr, ...) @printf(ptr @fmt, ptr %arg)
  %i1 = add i32 %i, 1
  br label %loop
done:
  call i32 @putchar(i32 10)
  ret i32 0
}
"#;

#[test]
fn options_after_the_file_belong_to_the_program() {
    let path = common::scratch().join(format!("print-args-{}.ll", std::process::id()));
    std::fs::write(&path, PRINT_ARGS).unwrap();
    let run = |before: &[&str], after: &[&str]| {
        let out = Command::new(common::run_bitcode()).args(before).arg(&path).args(after).output().unwrap();
        assert!(out.status.success(), "{before:?} FILE {after:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(run(&[], &["-h", "--stats", "-V"]), "[-h][--stats][-V]\n");
    assert_eq!(run(&[], &["--mode", "tier0", "--", "x"]), "[--mode][tier0][--][x]\n");
    assert_eq!(run(&["--mode", "tier0"], &["plain", "-x"]), "[plain][-x]\n");
    assert_eq!(run(&[], &[]), "\n");
}
