//! How a program ends: an exception nothing catches (in `main`, in a static constructor, in an exit-time
//! function) calls `std::terminate` without unwinding any frame, `main` ending its thread with `pthread_exit`
//! leaves the process to its other threads, the exiting thread's `thread_local` objects are destroyed before the
//! exit-time functions run, and an exit-time function that calls `exit` does not keep the others from running. Each program of `tests/program_end` is
//! compared with its native build: same stdout, same exit status or signal.

mod common;

use common::native::{matches_native, outcome};
use std::path::PathBuf;
use std::process::Command;

const MODES: [&[&str]; 4] =
    [&["--mode", "tier0"], &["--mode", "llvm-o0"], &["--mode", "llvm-o2"], &["--mode", "tiered", "--threshold", "1"]];

/// A program of `tests/program_end`.
fn program(name: &str) -> PathBuf {
    common::root().join("tests").join("program_end").join(name)
}

/// Asserts that every native outcome is SIGABRT after exactly `stdout`, and that under `run_bitcode` the C++
/// runtime's terminate handler reported `what` (tierlift adds nothing of its own).
fn terminates(name: &str, stdout: &str, what: &str) {
    let src = program(name);
    let natives = matches_native(&src, &[0, 2], &MODES);
    assert!(natives.iter().all(|n| n.signal == Some(libc::SIGABRT) && n.stdout == stdout), "{natives:?}");
    let module = common::compile_c(&src, 0);
    let (_, stderr) = outcome(Command::new(common::run_bitcode()).arg(&module));
    let expected = format!("terminate called after throwing an instance of 'std::runtime_error'\n  what():  {what}\n");
    assert_eq!(stderr, expected);
}

#[test]
fn an_exception_nothing_catches_terminates_without_unwinding_main() {
    terminates(
        "uncaught_in_main.cpp",
        "destructor of thrower\ncaught: nobody catches this\nabout to throw\n",
        "nobody catches this",
    );
}

#[test]
fn an_exception_escaping_a_static_constructor_terminates_before_main() {
    terminates("throw_in_static_constructor.cpp", "constructing\n", "bad configuration");
}

#[test]
fn an_exception_escaping_an_exit_handler_terminates() {
    terminates("throw_in_exit_handler.cpp", "main returns 3\nexit handler runs\n", "thrown at exit");
}

#[test]
fn main_ending_its_thread_leaves_the_process_to_the_other_threads() {
    let natives = matches_native(&program("main_thread_exits.c"), &[0, 2], &MODES);
    let expected = "main leaves\nworker 0: 500000\nworker 1: 999999\nexit handler after 2 workers\n";
    assert!(natives.iter().all(|n| n.code == Some(0) && n.stdout == expected), "{natives:?}");
}

#[test]
fn the_exiting_threads_thread_locals_are_destroyed_before_exit_handlers() {
    let natives = matches_native(&program("thread_local_destructors.cpp"), &[0, 2], &MODES);
    let expected = "worker 1: later thread_local destroyed\nworker 1: thread_local destroyed after 10 uses\n\
                    worker 2: later thread_local destroyed\nworker 2: thread_local destroyed after 20 uses\n\
                    main returns\nmain: later thread_local destroyed\nmain: thread_local destroyed after 5 uses\n\
                    atexit handler\nstatic destructor\n";
    assert!(natives.iter().all(|n| n.code == Some(0) && n.stdout == expected), "{natives:?}");
}

#[test]
fn exit_called_by_an_exit_handler_goes_on_with_the_remaining_ones() {
    let natives = matches_native(&program("exit_in_exit_handler.c"), &[0, 2], &MODES);
    let expected = "main returns 3\nregistered last, runs first\ncalls exit(7)\n\
                    registered first, runs last of the handlers\ndestructor\n";
    assert!(natives.iter().all(|n| n.code == Some(7) && n.stdout == expected), "{natives:?}");
}
