//! LLVM's fatal-error handler. `report_fatal_error` inside LLVM (an instruction it cannot select, a type it cannot
//! legalize) ends the process after calling the handler; the handler installed here first says which function
//! and level this thread was compiling, so the message is actionable. The loader's validation (unknown and
//! foreign intrinsics, probes for CPU features) keeps the known causes from reaching LLVM at all.

use std::cell::RefCell;
use std::ffi::{CStr, c_char};
use std::sync::Once;

thread_local! {
    /// What this thread is compiling, for the handler's message.
    static COMPILING: RefCell<Option<String>> = const { RefCell::new(None) };
}

extern "C" fn on_fatal_error(reason: *const c_char) {
    let reason = if reason.is_null() {
        String::new()
    } else {
        // SAFETY: LLVM passes a NUL-terminated message that lives for the duration of the call.
        unsafe { CStr::from_ptr(reason) }.to_string_lossy().into_owned()
    };
    let what = COMPILING.with(|c| c.try_borrow().ok().and_then(|c| c.clone()));
    match what {
        Some(what) => eprintln!("tierlift: LLVM fatal error while compiling {what}: {reason}"),
        None => eprintln!("tierlift: LLVM fatal error: {reason}"),
    }
}

/// Installs the handler (once per process; later calls do nothing).
pub(crate) fn install() {
    static ONCE: Once = Once::new();
    // SAFETY: the handler is a plain `extern "C"` function valid for the life of the process; LLVM calls it
    // with a NUL-terminated message.
    ONCE.call_once(|| unsafe { inkwell::llvm_sys::error_handling::LLVMInstallFatalErrorHandler(Some(on_fatal_error)) });
}

/// Records what this thread compiles until the guard is dropped.
pub(crate) struct Compiling(Option<String>);

impl Compiling {
    /// Marks this thread as compiling `what` (e.g. `@f at O3`).
    pub(crate) fn start(what: String) -> Self {
        install();
        Compiling(COMPILING.with(|c| c.replace(Some(what))))
    }
}

impl Drop for Compiling {
    fn drop(&mut self) {
        let previous = self.0.take();
        COMPILING.with(|c| *c.borrow_mut() = previous);
    }
}
