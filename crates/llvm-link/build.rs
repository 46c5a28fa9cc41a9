//! Says how every binary links libLLVM (see the crate docs). inkwell's `llvm-sys` is built with
//! `no-llvm-linking`, so these are the only link directives for LLVM.

use std::path::PathBuf;
use std::process::Command;

fn llvm_config(args: &[&str]) -> String {
    let prefix = std::env::var_os("LLVM_SYS_191_PREFIX").map(PathBuf::from);
    let program = prefix.map_or_else(|| PathBuf::from("llvm-config-19"), |p| p.join("bin/llvm-config"));
    let out = Command::new(&program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e} (install llvm-19-dev)", program.display()));
    assert!(out.status.success(), "{} {args:?} failed: {}", program.display(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("llvm-config prints UTF-8").trim().to_owned()
}

fn main() {
    println!("cargo:rerun-if-env-changed=LLVM_SYS_191_PREFIX");
    println!("cargo:rerun-if-env-changed=TIERLIFT_LLVM_LINK");
    let link_static = match std::env::var("TIERLIFT_LLVM_LINK").as_deref() {
        Ok("static") => true,
        Ok("dynamic") => false,
        _ => std::env::var("PROFILE").as_deref() == Ok("release"),
    };
    println!("cargo:rustc-link-search=native={}", llvm_config(&["--libdir"]));
    if !link_static {
        for lib in llvm_config(&["--link-shared", "--libs"]).split_whitespace() {
            println!("cargo:rustc-link-lib=dylib={}", lib.trim_start_matches("-l"));
        }
        return;
    }
    // Not bundled into this crate's rlib: the final link reads them from LLVM's directory, in llvm-config's
    // order (each library before those it needs).
    for lib in llvm_config(&["--link-static", "--libs"]).split_whitespace() {
        println!("cargo:rustc-link-lib=static:-bundle={}", lib.trim_start_matches("-l"));
    }
    for lib in llvm_config(&["--link-static", "--system-libs"]).split_whitespace() {
        let name = match lib.strip_prefix("-l") {
            Some(name) => name.to_owned(),
            // A full path (`/usr/lib/x86_64-linux-gnu/libz3.so`): its directory and name.
            None => {
                let path = PathBuf::from(lib);
                if let Some(dir) = path.parent() {
                    println!("cargo:rustc-link-search=native={}", dir.display());
                }
                let file = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                file.trim_start_matches("lib").to_owned()
            }
        };
        println!("cargo:rustc-link-lib=dylib={name}");
    }
    println!("cargo:rustc-link-lib=dylib=stdc++");
}
