//! A loaded module.

use crate::signature::{self, NativeFn};
use crate::{Error, Func, Result, Stats, Tier};
use std::sync::Arc;
use std::time::Duration;
use tierlift_runtime::Runtime;

/// A module loaded into a [`Jit`](crate::Jit): its globals are allocated, its functions have stubs, its static
/// constructors have run; code is compiled on first call. Its exported functions and globals are visible to
/// modules loaded later into the same `Jit`.
///
/// Like a shared library, it runs its exit-time functions (static destructors, `atexit` handlers it
/// registered) when the process exits or when it is unloaded, whichever comes first. Dropping it unloads it —
/// exit-time functions, then its compile workers stop and its code and globals are freed — once no module
/// linked to it is loaded any more: a module it exports to keeps it loaded, and so does a thread that has a
/// destructor of one of its C++ `thread_local` objects pending, until that thread ends and has run it.
pub struct LoadedModule {
    pub(crate) core: Arc<ModuleCore>,
}

/// What a loaded module is, shared by its handle and by the modules linked to it.
pub(crate) struct ModuleCore {
    rt: Runtime,
    /// Modules this one links to: they stay loaded while it is.
    _links: Vec<Arc<ModuleCore>>,
}

impl ModuleCore {
    /// The module's runtime.
    pub(crate) fn runtime(&self) -> &Runtime {
        &self.rt
    }
}

impl Drop for ModuleCore {
    fn drop(&mut self) {
        // SAFETY: the module's code stays mapped until `rt` is dropped, after this; the modules it links to are
        // dropped after `rt` (field order), so exit-time functions may still call into them.
        unsafe { self.rt.module_exit().finalize() };
    }
}

impl LoadedModule {
    /// Runs the static constructors of a freshly loaded module and registers its static destructors. `links`
    /// are the modules it resolved symbols to.
    pub(crate) fn new(
        rt: Runtime,
        links: Vec<Arc<ModuleCore>>,
        register: impl FnOnce(&Arc<ModuleCore>) -> Result<()>,
    ) -> Result<Self> {
        let constructors = rt.static_constructors()?;
        let destructors = rt.static_destructors()?;
        let module = LoadedModule { core: Arc::new(ModuleCore { rt, _links: links }) };
        // Its exports join the namespace before its constructors run: a load that loses a race for a name runs
        // none of them, and a constructor may load a module that links to this one.
        register(&module.core)?;
        // A thread with a `thread_local` destructor of the module pending keeps it loaded until it has run it.
        let owner: std::sync::Weak<dyn std::any::Any + Send + Sync> = Arc::downgrade(&module.core) as _;
        module.core.rt.module_exit().set_owner(owner);
        // Destructors are registered first, so that what the constructors register with `atexit` runs before them
        // at exit, as it does natively (where `.fini_array` runs after every `atexit` handler).
        for address in destructors {
            // SAFETY: a stub or code address of a `void ()` or `i32 ()` function (checked by `static_destructors`);
            // the module finalizes its exit-time functions before its code is freed (`Drop`), and a process that
            // exits first runs them with the code still mapped.
            unsafe { module.core.rt.module_exit().register(address) };
        }
        for address in constructors {
            // SAFETY: a stub or code address of a `void ()` or `i32 ()` function (signatures of module functions
            // are checked by `static_constructors`; an `i32` result is ignored in `%eax`, which the C ABI lets a
            // caller of a `void` function clobber); the module, and so its code, outlives the call.
            let f = unsafe { tierlift_code::fn_from_address::<extern "C" fn()>(address) };
            tierlift_code::enter_jit(|| f());
        }
        Ok(module)
    }

    /// Runs the module's exit-time functions now (most recent first): static destructors and what its code
    /// registered with `atexit` or `__cxa_atexit`. Later calls, process exit and drop do not run them again. An
    /// embedder that calls `exit` itself while keeping the module loaded need not call this.
    pub fn run_exit_functions(&self) {
        // SAFETY: `self` keeps the module's code mapped for the whole call.
        unsafe { self.core.rt.module_exit().finalize() };
    }

    /// A typed handle to the function `name`, after checking `F` against its IR signature: the number of
    /// parameters, and each parameter's and the result's type (integer width, `float`, `double`, `ptr`, `void`;
    /// see [`NativeFn`]). A difference is [`Error::SignatureMismatch`].
    ///
    /// ```
    /// # let jit = tierlift::Jit::builder().build();
    /// let m = jit.load_bytes(b"define double @half(double %x) {\n  %y = fmul double %x, 0.5\n  ret double %y\n}\n")?;
    /// // SAFETY: `half` only computes on its argument.
    /// let half = unsafe { m.get_function::<extern "C" fn(f64) -> f64>("half")? };
    /// assert_eq!(half.call(3.0), 1.5);
    /// // SAFETY: never called: the signature does not match.
    /// assert!(unsafe { m.get_function::<extern "C" fn(i64) -> i64>("half") }.is_err());
    /// # Ok::<(), tierlift::Error>(())
    /// ```
    ///
    /// # Safety
    /// The IR types fix the ABI but not the meaning: the function must be sound to call with any arguments safe
    /// Rust can pass (valid pointers, in particular, where it dereferences them).
    pub unsafe fn get_function<F: NativeFn>(&self, name: &str) -> Result<Func<'_, F>> {
        let address = self.core.rt.function_address(name)?;
        let sig = self.core.rt.function_signature(name)?;
        signature::check::<F>(sig).map_err(|reason| Error::SignatureMismatch { function: name.to_string(), reason })?;
        // SAFETY: `F` matches the function's IR signature (checked above); the stub lives as long as `self`,
        // which the returned handle borrows.
        let f = unsafe { F::from_address(address) };
        Ok(Func::new(f, address, sig.ret == tierlift_ir::Type::Int(1)))
    }

    /// A handle to the function `name` as any function-pointer type `F`, unchecked: for signatures
    /// [`get_function`](Self::get_function) cannot check (aggregates, vectors, `byval`, variadic functions).
    ///
    /// # Safety
    /// `F` must be an `extern "C" fn` pointer type matching the function's IR signature under the C ABI (e.g.
    /// `i32 (ptr)` is `extern "C" fn(*const u8) -> i32`), and calling it must be sound as for `get_function`.
    pub unsafe fn get_function_unchecked<F: Copy>(&self, name: &str) -> Result<Func<'_, F>> {
        let address = self.core.rt.function_address(name)?;
        if std::mem::size_of::<F>() != std::mem::size_of::<usize>() {
            return Err(Error::SignatureMismatch {
                function: name.to_string(),
                reason: "the Rust type is not a function pointer".into(),
            });
        }
        // SAFETY: `F` is pointer-sized (checked above) and, as the caller guarantees, a function pointer type
        // matching the function; the stub lives as long as `self`, which the returned handle borrows.
        let f = unsafe { tierlift_code::fn_from_address::<F>(address) };
        let bit_result = self.core.rt.function_signature(name).is_ok_and(|sig| sig.ret == tierlift_ir::Type::Int(1));
        Ok(Func::new(f, address, bit_result))
    }

    /// The stub address of function `name`: its one public address, stable across tier changes.
    pub fn function_address(&self, name: &str) -> Result<usize> {
        self.core.rt.function_address(name)
    }

    /// The address of any symbol of the module (function stub, global variable, external, alias).
    pub fn symbol_address(&self, name: &str) -> Option<usize> {
        self.core.rt.symbol_address(name)
    }

    /// Compiles `name` now instead of at its first call, so that a compile error is returned here.
    pub fn compile_now(&self, name: &str) -> Result<()> {
        self.core.rt.compile_now(name)
    }

    /// Compiles every function of the module now (in the tier its mode starts with) and returns every failure,
    /// so that nothing fails later at a first call. Functions that compiled stay installed.
    pub fn compile_all(&self) -> std::result::Result<(), Vec<Error>> {
        let errors = self.core.rt.compile_all();
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// Per-function tiers, counters and compile times.
    pub fn stats(&self) -> Stats {
        self.core.rt.stats()
    }

    /// Waits until no background compile is queued or running (or `timeout` passes); returns whether it drained.
    /// `Duration::ZERO` asks without waiting.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        self.core.rt.wait_idle(timeout)
    }

    /// Test hook: compiles `name` at `tier` now and installs it over whatever runs (downgrades included).
    #[doc(hidden)]
    pub fn force_tier(&self, name: &str, tier: Tier) -> Result<usize> {
        self.core.rt.force_tier(name, tier)
    }

    /// Stops background compilation; code keeps running in the tier it reached. Call it before the process exits
    /// while JIT code may still be running (dropping the module does it too).
    pub fn shutdown(&self) {
        self.core.rt.shutdown();
    }

    /// Benchmark hook: compiles `name` anew in tier 0 without installing it; returns the time spent in Cranelift.
    #[doc(hidden)]
    pub fn tier0_codegen_time(&self, name: &str) -> Result<Duration> {
        self.core.rt.tier0_codegen_time(name)
    }

    /// Benchmark hook: compiles `name` at `tier` anew without installing it; returns the compile time.
    #[doc(hidden)]
    pub fn compile_fresh(&self, name: &str, tier: Tier) -> Result<Duration> {
        self.core.rt.compile_fresh(name, tier)
    }

    /// The tiering events recorded so far (compiles, installs, OSR), kept when a trace or timeline file is set.
    pub fn events(&self) -> Vec<tierlift_runtime::trace::TraceEvent> {
        self.core.rt.events()
    }

    /// Writes the trace and timeline files set on the builder, from the events so far (dropping the module writes
    /// them again, complete).
    pub fn write_observations(&self) -> Result<()> {
        self.core.rt.write_observations()
    }

    /// The parsed module (names, signatures, globals).
    pub fn ir(&self) -> &crate::ir::Module {
        self.core.rt.module()
    }
}
