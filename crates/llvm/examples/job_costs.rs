//! Where an LLVM job's time goes: every function defined in each bitcode file given is compiled once at O0 and
//! once at O3 by one [`ModuleCompiler`], and the phases are summed per level: building the job module
//! (`extract`), the O2/O3 pipeline (`optimize`), instruction selection to object file (`codegen`) and adding the
//! object to the LLJIT (`link`). The *overhead* printed is extract / (optimize + codegen): the per-job set-up as a
//! share of the compile it wraps.
//!
//! `cargo run --release -p tierlift-llvm --example job_costs -- [--rounds N] [--limit N] [--whole] FILE.bc...`
//! (default 3 rounds; each phase of each job counts its fastest round; `--limit` compiles only the first N
//! functions of each module; `--whole` starts every job from a copy of the whole module skeleton, for
//! comparison; `--batch N` compiles the jobs N at a time into one object file each, as a
//! [`tierlift_llvm::Batch`], and splits each object's code generation and linking evenly among its jobs). O3 jobs
//! carry the bodies of the function's direct callees as `available_externally`, as the runtime's hot-callee
//! bodies do.

use std::collections::BTreeSet;
use std::time::Duration;

use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::Module;
use inkwell::values::{FunctionValue, InstructionOpcode};
use tierlift_llvm::{CompileRequest, ModuleCompiler, OptLevel};

/// The phases of one level, summed over every function of a module.
#[derive(Debug, Default, Clone, Copy)]
struct Phases {
    extract: Duration,
    optimize: Duration,
    codegen: Duration,
    link: Duration,
    jobs: usize,
}

impl Phases {
    fn overhead(&self) -> f64 {
        self.extract.as_secs_f64() / (self.optimize + self.codegen).as_secs_f64()
    }
}

/// The functions `f` calls directly that the module defines.
fn direct_callees(f: FunctionValue<'_>) -> Vec<String> {
    let mut names = BTreeSet::new();
    for bb in f.get_basic_block_iter() {
        for inst in bb.get_instructions() {
            if inst.get_opcode() != InstructionOpcode::Call {
                continue;
            }
            let last = inst.get_num_operands().saturating_sub(1);
            let callee = inst.get_operand(last).and_then(|o| o.value());
            if let Some(callee) = callee.filter(|v| v.is_pointer_value()) {
                let name = callee.into_pointer_value().get_name().to_string_lossy().into_owned();
                if name != f.get_name().to_string_lossy() {
                    names.insert(name);
                }
            }
        }
    }
    names.into_iter().collect()
}

fn run(path: &str, rounds: usize, limit: usize, whole: bool, batch: usize) -> Result<(), Box<dyn std::error::Error>> {
    let bitcode = std::fs::read(path)?;
    let context = Context::create();
    let buffer = MemoryBuffer::create_from_memory_range(&bitcode, "job_costs");
    let module = Module::parse_bitcode_from_buffer(&buffer, &context).map_err(|e| e.to_string())?;
    let mut symbols = Vec::new();
    let mut address = 0x7000_0000_0000u64;
    let mut jobs = Vec::new();
    for f in module.get_functions() {
        if f.count_basic_blocks() == 0 {
            continue;
        }
        let name = f.get_name().to_string_lossy().into_owned();
        symbols.push((name.clone(), address));
        address += 16;
        let defined: Vec<String> = direct_callees(f)
            .into_iter()
            .filter(|c| module.get_function(c).is_some_and(|c| c.count_basic_blocks() > 0))
            .collect();
        jobs.push((name, defined));
    }
    for g in module.get_globals() {
        symbols.push((g.get_name().to_string_lossy().into_owned(), address));
        address += 64;
    }

    // Per level, per job: the fastest of the rounds for each phase, so that a job descheduled in one round (a busy
    // machine) does not count.
    let count = jobs.len().min(limit);
    let mut fastest = vec![vec![Phases::default(); count]; 2];
    let mut whole_copies = 0;
    for round in 0..rounds {
        let mut compiler = ModuleCompiler::new(&bitcode, &symbols)?;
        compiler.copy_whole_module(whole);
        for (l, level) in [OptLevel::O0, OptLevel::O3].into_iter().enumerate() {
            let chosen: Vec<(usize, &(String, Vec<String>))> = jobs.iter().take(limit).enumerate().collect();
            for group in chosen.chunks(batch.max(1)) {
                let mut b = compiler.batch();
                for (j, (name, callees)) in group {
                    let version = format!("{name}.job{round}.{l}.{j}");
                    let inline: Vec<&str> = callees.iter().map(String::as_str).collect();
                    b.add(&CompileRequest { inline_bodies: &inline, ..CompileRequest::new(name, level, &version) })?;
                }
                let versions = b.finish()?.versions;
                let n = versions.len().max(1) as u32;
                for ((j, _), (c, _)) in group.iter().zip(&versions) {
                    let p = &mut fastest[l][*j];
                    let min = |old: Duration, new: Duration| if round == 0 { new } else { old.min(new) };
                    p.extract = min(p.extract, c.extract_time);
                    p.optimize = min(p.optimize, c.optimize_time);
                    p.codegen = min(p.codegen, c.codegen_time / n);
                    p.link = min(p.link, c.link_time / n);
                    p.jobs = 1;
                }
            }
        }
        whole_copies = compiler.whole_module_copies() / 2;
    }
    for (l, level) in ["O0", "O3"].into_iter().enumerate() {
        let mut p = Phases::default();
        for job in &fastest[l] {
            p.extract += job.extract;
            p.optimize += job.optimize;
            p.codegen += job.codegen;
            p.link += job.link;
            p.jobs += job.jobs;
        }
        println!(
            "{path} {level}: {} jobs  extract {:8.2?}  optimize {:8.2?}  codegen {:8.2?}  link {:8.2?}  \
             overhead {:5.1}%  (extract per job {:6.1?}; whole-module copies per level and round {whole_copies})",
            p.jobs,
            p.extract,
            p.optimize,
            p.codegen,
            p.link,
            100.0 * p.overhead(),
            p.extract / p.jobs.max(1) as u32,
        );
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds = 3;
    let mut limit = usize::MAX;
    let mut batch = 1;
    let whole = args.iter().any(|a| a == "--whole");
    args.retain(|a| a != "--whole");
    if let Some(i) = args.iter().position(|a| a == "--limit") {
        limit = args.get(i + 1).and_then(|n| n.parse().ok()).ok_or("--limit takes a number")?;
        args.drain(i..i + 2);
    }
    if let Some(i) = args.iter().position(|a| a == "--rounds") {
        rounds = args.get(i + 1).and_then(|n| n.parse().ok()).ok_or("--rounds takes a number")?;
        args.drain(i..i + 2);
    }
    if let Some(i) = args.iter().position(|a| a == "--batch") {
        batch = args.get(i + 1).and_then(|n| n.parse().ok()).ok_or("--batch takes a number")?;
        args.drain(i..i + 2);
    }
    for path in &args {
        run(path, rounds, limit, whole, batch)?;
    }
    Ok(())
}
