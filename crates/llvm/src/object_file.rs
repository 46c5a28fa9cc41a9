//! Reading the object file LLVM emitted for a job, before ORC links it.

use object::{Object, ObjectSymbol};

/// The size in bytes of the machine code of `symbol` in the object file `bytes` (its ELF `st_size`), if the
/// file parses and defines it.
pub(crate) fn symbol_size(bytes: &[u8], symbol: &str) -> Option<usize> {
    let file = object::File::parse(bytes).ok()?;
    let sym = file.symbols().find(|s| s.name() == Ok(symbol) && s.is_definition())?;
    usize::try_from(sym.size()).ok()
}
