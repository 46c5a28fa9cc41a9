//! [`ModuleCompiler`]: one module's LLVM context and parsed module on a worker, with the worker's target machines
//! and LLJIT ([`SharedMachines`]).

use std::collections::HashSet;
use std::ffi::CString;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Instant;

use inkwell::module::Module;
use inkwell::targets::{FileType, TargetTriple};

use crate::batch::{Batch, EmitError, Emitted, Finished, JobFacts, Optimized};
use crate::extract::{self, count_instructions};
use crate::ffi::{self, ParsedModule};
use crate::orc::{CodeOwner, Jit, ModuleDylib, VersionCode};
use crate::target::{self, HostTarget, TargetMachines};
use crate::{CompileRequest, Compiled, Error, OptLevel, Result, counters, passes, prepare};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Everything a worker needs to compile functions of one module: its own LLVM context with the module parsed
/// into it, one target machine per level for the host CPU, and a JITDylib in an ORC LLJIT holding the code. The
/// target machines and the LLJIT may be shared with the compilers of other modules on the same thread
/// ([`ModuleCompiler::sharing`]); the LLVM context is the module's own, so that everything it holds (types,
/// constants, metadata) is freed with the module.
///
/// Not `Send`: it lives on the worker thread that created it (LLVM contexts and target machines are not
/// thread-safe). Modules reach it as bitcode bytes.
///
/// The machine code of every version compiled lives in this compiler's JITDylib and is freed when the compiler —
/// and every [`CodeOwner`] obtained from [`ModuleCompiler::code_owner`] — is dropped (the emptied JITDylib
/// serves a later module). Dropping releases, in order, its share of the target machines, the JITDylib (if no
/// `CodeOwner` is left), then the parsed module and its context.
pub struct ModuleCompiler {
    host: HostTarget,
    machines: SharedMachines,
    /// The module's JITDylib in the thread's shared LLJIT.
    jit: Arc<ModuleDylib>,
    versions: RefCell<HashSet<String>>,
    parsed: ParsedModule,
    /// `TIERLIFT_DUMP_LLVM` was set when the compiler was created: print every optimized job module.
    dump: bool,
    /// Every version keeps a frame pointer (for debuggers; see [`ModuleCompiler::keep_frame_pointers`]).
    frame_pointers: bool,
    /// Debug info is kept and object files are returned for debuggers ([`ModuleCompiler::with_debug_info`]).
    debug_info: bool,
    /// Every job starts from a copy of the whole skeleton ([`ModuleCompiler::copy_whole_module`]).
    copy_whole_module: bool,
    /// Jobs that started from a copy of the whole skeleton ([`ModuleCompiler::whole_module_copies`]).
    whole_module_copies: Cell<usize>,
    /// The last version's object file for debuggers ([`ModuleCompiler::take_debug_object`]).
    debug_object: Option<Vec<u8>>,
    /// The last version's code, to free it later ([`ModuleCompiler::take_version_code`]).
    version_code: Option<VersionCode>,
    /// Local globals no pointer can reach, by bound name (see `global_scopes`).
    unreachable_globals: crate::global_scopes::Unreachable,
    /// Recursive local functions and the constants their calls pass (see [`crate::specialize`]).
    constant_arguments: crate::specialize::ConstantArguments,
    /// O2/O3 requests are served (the whole-module analysis ran; see [`ModuleCompiler::sharing_for_o0`]).
    optimizes: bool,
    /// Declared thread-local variables that are a shared object's (see
    /// [`ModuleCompiler::native_thread_locals`]).
    native_thread_locals: HashSet<String>,
    _not_send: PhantomData<*const ()>,
}

/// What the compilers of one thread share (a compile worker shares it among the modules it compiles for): target
/// machines for the host, one per optimization level, and an ORC LLJIT in which each module gets a JITDylib; all
/// made on first use. Clones share them. Not `Send`.
#[derive(Clone, Default)]
pub struct SharedMachines(Rc<RefCell<TargetMachines>>, Rc<std::cell::OnceCell<Arc<Jit>>>);

impl SharedMachines {
    fn jit(&self) -> Result<Arc<Jit>> {
        if let Some(jit) = self.1.get() {
            return Ok(Arc::clone(jit));
        }
        let jit = Arc::new(Jit::new()?);
        let _ = self.1.set(Arc::clone(&jit));
        Ok(jit)
    }
}

impl std::fmt::Debug for SharedMachines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedMachines")
    }
}

impl std::fmt::Debug for ModuleCompiler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModuleCompiler")
            .field("triple", &self.host.triple)
            .field("cpu", &self.host.cpu)
            .field("versions", &self.versions.borrow().len())
            .finish_non_exhaustive()
    }
}

impl ModuleCompiler {
    /// Parses `bitcode` (a whole module, as written by `LLVMWriteBitcodeToMemoryBuffer`) into a fresh LLVM
    /// context owned by this compiler, verifies it, and creates an ORC LLJIT for the host with a JITDylib that
    /// defines one absolute symbol per entry of `symbols` (IR name → address: defined functions map to their
    /// stubs, global variables to their runtime addresses, aliases to their aliasee's address, external
    /// functions and data to their resolved addresses). Names missing from `symbols` fall back to the symbols
    /// of the running process (libcalls LLVM emits: `memcpy`, `fmod`, `__udivti3`, ...).
    ///
    /// A module without a target triple or data layout gets the host's. Errors on garbage bitcode, an invalid
    /// module, a module for another architecture, an unnamed global value, duplicate or NUL-containing symbol
    /// names, or a failure to set up the JIT.
    pub fn new(bitcode: &[u8], symbols: &[(String, u64)]) -> Result<Self> {
        Self::sharing(&SharedMachines::default(), bitcode, symbols, false)
    }

    /// Like [`ModuleCompiler::new`], but keeps the module's debug info (line tables, variables) in every version,
    /// and keeps each version's object file, placed at its load address, for debuggers
    /// ([`ModuleCompiler::take_debug_object`]). Costs a copy of the debug metadata per job.
    pub fn with_debug_info(bitcode: &[u8], symbols: &[(String, u64)]) -> Result<Self> {
        Self::sharing(&SharedMachines::default(), bitcode, symbols, true)
    }

    /// Like [`ModuleCompiler::new`] (or [`ModuleCompiler::with_debug_info`] when `debug_info`), using the target
    /// machines and the LLJIT in `machines`, which compilers of other modules on this thread share (creating them
    /// was two thirds of a compiler's set-up, and the LLJIT about 100 kB of memory); the module gets a JITDylib
    /// of its own in the LLJIT.
    pub fn sharing(
        machines: &SharedMachines,
        bitcode: &[u8],
        symbols: &[(String, u64)],
        debug_info: bool,
    ) -> Result<Self> {
        Self::build(machines, bitcode, symbols, debug_info, true)
    }

    /// Like [`ModuleCompiler::sharing`], for a compiler that compiles only at O0 (the synchronous compiles of
    /// functions tier 0 declines): it skips the whole-module analysis the optimizing levels use (attribute
    /// inference, constant and unreachable globals; a tenth of a second on some modules), and refuses O2/O3
    /// requests.
    pub fn sharing_for_o0(
        machines: &SharedMachines,
        bitcode: &[u8],
        symbols: &[(String, u64)],
        debug_info: bool,
    ) -> Result<Self> {
        Self::build(machines, bitcode, symbols, debug_info, false)
    }

    /// Whether this compiler compiles at O2/O3 as well as O0 (it was not made by
    /// [`ModuleCompiler::sharing_for_o0`]).
    pub fn optimizes(&self) -> bool {
        self.optimizes
    }

    fn build(
        machines: &SharedMachines,
        bitcode: &[u8],
        symbols: &[(String, u64)],
        debug_info: bool,
        optimizes: bool,
    ) -> Result<Self> {
        target::init_native_target()?;
        let build_start = Instant::now();
        let host = HostTarget::detect();
        let machines = machines.clone();
        let mut shared = machines.0.borrow_mut();
        let data_layout = shared.get(&host, OptLevel::O0)?.get_target_data().get_data_layout();
        // The O2 machine the compiler keeps for its O2 jobs also gives the whole-module analysis its cost models.
        let analysis_machine = if optimizes { Some(shared.get(&host, OptLevel::O2)?) } else { None };
        let mut personalities: Vec<String> = Vec::new();
        let mut unreachable_globals = crate::global_scopes::Unreachable::default();
        let mut constant_arguments = crate::specialize::ConstantArguments::default();
        let parsed = ParsedModule::parse(bitcode, |module| {
            personalities = crate::orc::personalities(module);
            adopt_host_target(module, &host, &data_layout)?;
            check_names(module)?;
            module.verify().map_err(|e| Error::InvalidModule { reason: e.to_string() })?;
            crate::labels::lower(module).map_err(|reason| Error::InvalidModule { reason })?;
            // Debug metadata would be copied into every job: only for debuggers.
            if !debug_info {
                module.strip_debug_info();
            }
            let Some(analysis_machine) = analysis_machine else { return Ok(Vec::new()) };
            let _compiling = crate::fatal::Compiling::start("the module's interprocedural facts".into());
            let start = Instant::now();
            let (constants, copy) = crate::facts::infer(module, bitcode, analysis_machine)
                .map_err(|reason| Error::InvalidModule { reason: format!("attribute inference: {reason}") })?;
            let inferred_us = start.elapsed().as_micros();
            unreachable_globals = crate::global_scopes::unreachable_by_pointers(module);
            let scopes_us = start.elapsed().as_micros() - inferred_us;
            constant_arguments = crate::specialize::find(module);
            tracing::debug!(
                inferred_us,
                scopes_us,
                constants,
                unreachable = unreachable_globals.globals(),
                carrying_parameters = unreachable_globals.parameters(),
                specialized = constant_arguments.len(),
                facts_us = start.elapsed().as_micros(),
                "interprocedural facts inferred"
            );
            // Freed once the first job is done.
            Ok(copy.map(crate::ffi::RetiredModule::new).into_iter().collect())
        })?;
        drop(shared);
        let errors = parsed.take_errors();
        if !errors.is_empty() {
            return Err(Error::InvalidBitcode { reason: errors.join("; ") });
        }
        let parsed_us = build_start.elapsed().as_micros();
        let jit = Arc::new(machines.jit()?.module_dylib(symbols, &personalities)?);
        tracing::debug!(parsed_us, total_us = build_start.elapsed().as_micros(), "module compiler set up");
        let dump = std::env::var_os("TIERLIFT_DUMP_LLVM").is_some();
        Ok(ModuleCompiler {
            host,
            machines,
            jit,
            versions: RefCell::default(),
            parsed,
            dump,
            frame_pointers: false,
            debug_info,
            copy_whole_module: false,
            whole_module_copies: Cell::new(0),
            debug_object: None,
            version_code: None,
            unreachable_globals,
            constant_arguments,
            optimizes,
            native_thread_locals: HashSet::new(),
            _not_send: PhantomData,
        })
    }

    /// Compiles one function of the module at `req.level` and returns the address of its machine code (valid
    /// while this compiler or a [`CodeOwner`] of it lives).
    ///
    /// Steps: copy the function's body (and at O2/O3 the bodies in `req.inline_bodies`) with declarations of what
    /// they refer to into a new module (or, with debug info or what that copy does not handle, copy the whole
    /// module skeleton with those bodies), turn the copy into a job module that defines only `req.function` under
    /// `req.version_name` (see the crate docs), mark the accesses of globals no pointer reaches (O2/O3), build the
    /// OSR entry if asked for one, put a normal O2/O3 version of a recursive function whose calls pass constants
    /// behind a guard that specializes it (see `specialize`), adjust attributes and loop metadata for the level,
    /// insert the entry counter if `req.counters` is set, verify, run `default<O2>`/`default<O3>` (nothing at O0),
    /// emit an object file with this compiler's target machine for the level, add it to the LLJIT and look the
    /// version symbol up (which links it).
    ///
    /// A [`Batch`] does the same for several functions with one object file.
    pub fn compile(&mut self, req: &CompileRequest<'_>) -> Result<Compiled> {
        let mut batch = self.batch();
        batch.add(req)?;
        let Finished { versions, debug_object } = batch.finish()?;
        let Some((compiled, code)) = versions.into_iter().next() else {
            return Err(Error::Link {
                function: req.function.to_owned(),
                version: req.version_name.to_owned(),
                reason: "the object file defined no version".into(),
            });
        };
        self.version_code = Some(code);
        self.debug_object = debug_object;
        Ok(compiled)
    }

    /// Frees what the set-up kept only so that the first job would not wait for its freeing (the copy of the module
    /// the interprocedural facts were found on: tens of milliseconds for a large module). For a caller between
    /// jobs, once one was delivered; a no-op after the first time.
    pub fn free_retired(&self) {
        self.parsed.dispose_retired();
    }

    /// A batch of jobs for this compiler whose versions share one object file (see [`Batch`]).
    pub fn batch(&self) -> Batch<'_> {
        Batch::new(self)
    }

    /// Builds the job module for `req` and optimizes it: everything [`ModuleCompiler::compile`] does before code
    /// generation.
    pub(crate) fn optimize_job(&self, req: &CompileRequest<'_>) -> Result<Optimized<'_>> {
        let function = req.function;
        let _span = tracing::debug_span!("llvm_compile", function, level = ?req.level).entered();
        // The version of a function with an assembler-local name gets a name other object files can refer to.
        let version_name = extract::bound_name(req.version_name);
        let req = &CompileRequest { version_name: &version_name, ..*req };
        let version_c = CString::new(req.version_name)
            .map_err(|_| Error::NulInName { operation: "compile", name: req.version_name.to_owned() })?;
        if self.versions.borrow().contains(req.version_name) {
            return Err(Error::VersionNameTaken {
                function: function.to_owned(),
                version: req.version_name.to_owned(),
            });
        }
        if req.level != OptLevel::O0 && !self.optimizes {
            return Err(Error::Optimize {
                function: function.to_owned(),
                level: req.level,
                reason: "this compiler was made for O0 only".into(),
            });
        }

        let _compiling = crate::fatal::Compiling::start(format!("@{function} at {:?}", req.level));
        let start = Instant::now();
        let _ = self.parsed.take_errors();
        let mut bodies = Vec::with_capacity(req.inline_bodies.len() + 1);
        bodies.push(function);
        if req.level != OptLevel::O0 {
            bodies.extend_from_slice(req.inline_bodies);
        }
        if self.parsed.has_global_named(req.version_name) {
            return Err(Error::VersionNameTaken {
                function: function.to_owned(),
                version: req.version_name.to_owned(),
            });
        }
        let direct = !self.debug_info && !self.copy_whole_module;
        let (module, whole) = start_module(&self.parsed, req, &bodies, direct);
        self.whole_module_copies.set(self.whole_module_copies.get() + usize::from(whole));
        let promote = if req.level == OptLevel::O0 { false } else { self.attach_profiles(&module, req) };
        // OSR entries are built without debug info (the entry builder's clones would carry the function's
        // subprogram twice); debuggers get their symbols only.
        let debug_info = self.debug_info && req.osr.is_none();
        if self.debug_info && !debug_info {
            module.strip_debug_info();
        }
        let mut job = extract::build_job(&module, req, &self.native_thread_locals)?;
        // Before the OSR entry replaces parameters and demotes values to slots: what an access's address is
        // computed from is seen in the bodies as the module has them.
        if req.level != OptLevel::O0 {
            crate::global_scopes::mark(&module, &self.unreachable_globals, job.version, function);
        }
        if let Some(osr) = &req.osr {
            job.version = crate::osr::build_entry(&module, job.version, req.version_name, osr).map_err(|reason| {
                Error::Extract { function: function.to_owned(), reason: format!("OSR entry: {reason}") }
            })?;
        }
        let ir_instructions = count_instructions(job.version);
        // A normal entry at O2/O3 without counters to insert (they name the body's blocks and loops).
        let plain =
            req.level != OptLevel::O0 && req.osr.is_none() && req.counters.is_none() && req.loop_exits.is_empty();
        if plain
            && !debug_info
            && let Some(constants) = self.constant_arguments.of(function)
            && let Some(guard) = crate::specialize::apply(&module, job.version, constants)
        {
            tracing::debug!(function, ?constants, "specialized for the constants its calls pass");
            job.version = guard;
        }
        prepare::for_level(&module, req.level, &self.host);
        if self.frame_pointers {
            prepare::keep_frame_pointers(&module);
        }
        // Both name instructions by their place in the body as it is now: found before either inserts anything.
        let probed = if req.osr.is_none() && req.level == OptLevel::O0 {
            crate::value_probes::resolve(job.version, req.value_probes)
        } else {
            Vec::new()
        };
        if let Some(spec) = req.counters.as_ref().filter(|_| req.osr.is_none() && !req.loop_exits.is_empty()) {
            let exits = crate::loop_exits::insert(module.get_context(), job.version, spec, req.loop_exits)
                .map_err(|reason| Error::Counters { function: function.to_owned(), reason })?;
            tracing::debug!(function, loops = req.loop_exits.len(), exits, "loop counters and OSR exits inserted");
        }
        if !probed.is_empty() {
            let probes = crate::value_probes::insert(module.get_context(), req.value_probes, &probed)
                .map_err(|reason| Error::Counters { function: function.to_owned(), reason })?;
            tracing::debug!(function, probes, "indirect-call probes inserted");
        }
        if let Some(spec) = &req.counters {
            counters::insert_entry_counter(&module, job.version, spec)
                .map_err(|reason| Error::Counters { function: function.to_owned(), reason })?;
        }
        module
            .verify()
            .map_err(|e| Error::InvalidJobModule { function: function.to_owned(), reason: e.to_string() })?;
        let extract_time = start.elapsed();

        let mut machines = self.machines.0.borrow_mut();
        let machine = machines.get(&self.host, req.level).map_err(|e| Error::Codegen {
            function: function.to_owned(),
            level: req.level,
            reason: e.to_string(),
        })?;

        let start = Instant::now();
        passes::optimize(&module, req.level, machine, req.osr.is_some(), promote)
            .map_err(|reason| Error::Optimize { function: function.to_owned(), level: req.level, reason })?;
        let optimize_time = start.elapsed();
        if self.dump {
            eprintln!("{}", module.print_to_string().to_string());
        }
        let optimized_instructions = module.get_function(req.version_name).map(count_instructions).unwrap_or(0);
        // A carried body the optimized job still refers to was not inlined everywhere (too big, `noinline`).
        let still_called: Vec<String> = bodies[1..]
            .iter()
            .filter(|name| {
                module.get_function(&extract::bound_name(name)).is_some_and(|g| {
                    inkwell::values::BasicValue::get_first_use(&g.as_global_value().as_pointer_value()).is_some()
                })
            })
            .map(|name| (*name).to_owned())
            .collect();
        // After the optimizer: the calls it kept direct (not inlined) go through the callees' slots, and its
        // comparisons with functions whose virtual table entries hold their code also compare with that code.
        let (slot_calls, slot_compares) = if req.level == OptLevel::O0 {
            (0, 0)
        } else {
            let failed = |reason| Error::Optimize { function: function.to_owned(), level: req.level, reason };
            (
                crate::slot_calls::call_through_slots(&module, req.slot_calls).map_err(failed)?,
                crate::slot_calls::compare_with_slots(&module, req.slot_entries).map_err(failed)?,
            )
        };
        let facts = JobFacts {
            function: function.to_owned(),
            level: req.level,
            version_name: req.version_name.to_owned(),
            version_c,
            debug_info,
            extract_time,
            optimize_time,
            ir_instructions,
            optimized_instructions,
            still_called,
            slot_calls,
            slot_compares,
        };
        Ok(Optimized { module, facts })
    }

    /// Links `src` into `dest`, both job modules of this compiler (see `ffi::ParsedModule::link_job_modules`).
    pub(crate) fn link_job_modules<'p>(
        &'p self,
        dest: &Module<'p>,
        src: Module<'p>,
    ) -> std::result::Result<(), String> {
        self.parsed.link_job_modules(dest, src)
    }

    /// Generates the code of `module` (jobs of this compiler linked into one module, all at `level`), adds the
    /// object file to the LLJIT under one resource tracker and looks up `names` (which links it). Returns the
    /// object file's bytes if `keep_object`, for debuggers.
    pub(crate) fn emit(
        &self,
        module: &Module<'_>,
        level: OptLevel,
        names: &[&std::ffi::CStr],
        keep_object: bool,
    ) -> std::result::Result<Emitted, EmitError> {
        let start = Instant::now();
        let object = {
            let mut machines = self.machines.0.borrow_mut();
            let machine = machines.codegen(&self.host, level).map_err(|e| EmitError::Codegen(e.to_string()))?;
            machine.write_to_memory_buffer(module, FileType::Object).map_err(|e| EmitError::Codegen(e.to_string()))?
        };
        let errors = self.parsed.take_errors();
        if !errors.is_empty() {
            return Err(EmitError::Codegen(errors.join("; ")));
        }
        let codegen_time = start.elapsed();
        let object_size = object.get_size();
        let code_sizes = names
            .iter()
            .map(|name| crate::object_file::symbol_size(object.as_slice(), &name.to_string_lossy()).unwrap_or(0))
            .collect();
        let object_copy = keep_object.then(|| object.as_slice().to_vec());
        let start = Instant::now();
        let (addresses, code) = self.jit.add_object_and_lookup(object, names).map_err(EmitError::Link)?;
        Ok(Emitted { addresses, code_sizes, code, object_size, object_copy, codegen_time, link_time: start.elapsed() })
    }

    /// Records `name` as a version this compiler made (version names are never reused).
    pub(crate) fn record_version(&self, name: &str) {
        self.versions.borrow_mut().insert(name.to_owned());
    }

    /// Whether versions keep the module's debug info (see [`ModuleCompiler::with_debug_info`]).
    pub(crate) fn keeps_debug_info(&self) -> bool {
        self.debug_info
    }

    /// Attaches the request's profiles to the copied module (before the job is built, while names are the
    /// module's own). A profile that does not fit its function is skipped. Returns whether an indirect call got
    /// targets to promote.
    fn attach_profiles(&self, module: &Module<'_>, req: &CompileRequest<'_>) -> bool {
        let mut promote = false;
        for p in req.profiles {
            let entry_count = req.osr.is_none() || p.function != req.function;
            match crate::profile::attach(module, p, entry_count, |name| extract::bound_name(name).into_owned()) {
                Ok(attached) => {
                    promote |= attached.indirect_calls > 0;
                    tracing::debug!(function = p.function, ?attached, "profile attached");
                }
                Err(reason) => tracing::debug!(function = p.function, reason, "profile not attached"),
            }
        }
        promote
    }

    /// Whether versions compiled from now on keep a frame pointer in every frame (default off: LLVM omits it at
    /// O2/O3). Debuggers then unwind through LLVM-tier frames by walking the frame-pointer chain, as they do
    /// through tier-0 frames.
    pub fn keep_frame_pointers(&mut self, on: bool) {
        self.frame_pointers = on;
    }

    /// The declared thread-local variables that are a shared object's (the C library's native TLS): their bound
    /// symbol is a `tls_index`, and code reaches the calling thread's instance with `__tls_get_addr`. Every other
    /// thread-local variable's symbol is an emulated-TLS control object (`__emutls_get_address`), as for the
    /// module's own.
    pub fn native_thread_locals(&mut self, names: impl IntoIterator<Item = String>) {
        self.native_thread_locals = names.into_iter().collect();
    }

    /// Whether jobs compiled from now on start from a copy of the whole module skeleton (`LLVMCloneModule`, cost
    /// growing with the module) instead of a copy of only what the job's bodies refer to (default off). The job
    /// modules are the same up to the order of their global values; this is the reference to compare against.
    pub fn copy_whole_module(&mut self, on: bool) {
        self.copy_whole_module = on;
    }

    /// How many jobs so far started from a copy of the whole module skeleton: with debug info, after
    /// [`ModuleCompiler::copy_whole_module`], or because the module uses something the direct copy does not
    /// handle (aliases, ifuncs, constant expressions other than casts, `getelementptr` and integer arithmetic,
    /// metadata that refers to values, prefix or prologue data).
    pub fn whole_module_copies(&self) -> usize {
        self.whole_module_copies.get()
    }

    /// With [`ModuleCompiler::with_debug_info`]: the object file of the version compiled last, with the section
    /// holding its code placed at the address it was linked to. That is what a debugger's JIT interface reads; the
    /// debugger applies the debug sections' relocations itself.
    pub fn take_debug_object(&mut self) -> Option<Vec<u8>> {
        self.debug_object.take()
    }

    /// The code of the version compiled last, once: a handle that can free it
    /// ([`VersionCode::free`]) when no thread can run it any more. Without it the code stays mapped as long as
    /// the compiler or a [`CodeOwner`] lives.
    pub fn take_version_code(&mut self) -> Option<VersionCode> {
        self.version_code.take()
    }

    /// A handle that keeps the code of this compiler mapped, even after the compiler itself is dropped.
    pub fn code_owner(&self) -> CodeOwner {
        CodeOwner::new(Arc::clone(&self.jit))
    }

    /// The host CPU name code is generated for (`LLVMGetHostCPUName`).
    pub fn host_cpu(&self) -> &str {
        &self.host.cpu
    }

    /// The names of the function definitions of the module, sorted (useful to pick `inline_bodies`).
    pub fn defined_functions(&self) -> Vec<String> {
        let mut names = self.parsed.defined_functions();
        names.sort_unstable();
        names
    }
}

/// The module a job starts from, holding `bodies` (the job's function first): a copy of those bodies and of what
/// they refer to if `direct` and the copy handles them, else a copy of the whole skeleton with those bodies.
/// Returns whether it is the whole skeleton.
fn start_module<'p>(
    parsed: &'p ParsedModule,
    req: &CompileRequest<'_>,
    bodies: &[&str],
    direct: bool,
) -> (Module<'p>, bool) {
    if direct {
        let keep: Vec<&str> = extract::kept_targets(req).into_iter().collect();
        match parsed.copy_for_job(bodies, &keep) {
            Ok(module) => return (module, false),
            Err(declined) => tracing::debug!(reason = declined.0, "the job copies the whole module"),
        }
    }
    (parsed.clone_with_bodies(bodies), true)
}

/// Gives a module without triple / data layout the host's; rejects a module for another architecture.
fn adopt_host_target(
    module: &Module<'_>,
    host: &HostTarget,
    data_layout: &inkwell::data_layout::DataLayout,
) -> Result<()> {
    let triple = module.get_triple();
    let triple = triple.as_str().to_string_lossy().into_owned();
    if triple.is_empty() {
        module.set_triple(&TargetTriple::create(&host.triple));
    } else if target::triple_arch(&triple) != target::triple_arch(&host.triple) {
        return Err(Error::InvalidModule { reason: format!("module is for {triple}, host is {}", host.triple) });
    }
    if module.get_data_layout().as_str().to_bytes().is_empty() {
        module.set_data_layout(data_layout);
    }
    Ok(())
}

/// Rejects modules with unnamed global values: job modules refer to every global value by name.
fn check_names(module: &Module<'_>) -> Result<()> {
    let unnamed = |kind: &'static str, names: Vec<bool>| -> Result<()> {
        match names.iter().position(|&empty| empty) {
            Some(index) => Err(Error::UnnamedGlobal { kind, index }),
            None => Ok(()),
        }
    };
    unnamed("function", module.get_functions().map(|f| f.get_name().to_bytes().is_empty()).collect())?;
    unnamed("global variable", module.get_globals().map(|g| g.get_name().to_bytes().is_empty()).collect())?;
    unnamed("alias", ffi::global_aliases(module).into_iter().map(|a| a.get_name().to_bytes().is_empty()).collect())?;
    unnamed("ifunc", ffi::global_ifuncs(module).into_iter().map(|a| a.get_name().to_bytes().is_empty()).collect())
}
