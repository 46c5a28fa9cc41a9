//! Reading the object file LLVM emitted for a job, before ORC links it.

use object::{Object, ObjectSection, ObjectSymbol};

/// The size in bytes of the machine code of `symbol` in the object file `bytes` (its ELF `st_size`), if the
/// file parses and defines it.
pub(crate) fn symbol_size(bytes: &[u8], symbol: &str) -> Option<usize> {
    let file = object::File::parse(bytes).ok()?;
    let sym = file.symbols().find(|s| s.name() == Ok(symbol) && s.is_definition())?;
    usize::try_from(sym.size()).ok()
}

/// Sets the address (`sh_addr`) of the section that defines `symbol` in the ELF64 object `bytes` so that the
/// symbol lands at `address`. `None` if the file does not parse or does not define the symbol in a section.
pub(crate) fn place_symbol_section(bytes: &mut [u8], symbol: &str, address: u64) -> Option<()> {
    let (section, value) = {
        let file = object::File::parse(&*bytes).ok()?;
        let sym = file.symbols().find(|s| s.name() == Ok(symbol) && s.is_definition())?;
        (sym.section_index()?.0, sym.address())
    };
    // ELF64 little endian: e_shoff at 0x28, e_shentsize at 0x3a; sh_addr at 0x10 of a section header.
    let shoff = u64::from_le_bytes(bytes.get(0x28..0x30)?.try_into().ok()?) as usize;
    let shentsize = u16::from_le_bytes(bytes.get(0x3a..0x3c)?.try_into().ok()?) as usize;
    let at = shoff.checked_add(section.checked_mul(shentsize)?)?.checked_add(0x10)?;
    bytes.get_mut(at..at + 8)?.copy_from_slice(&address.wrapping_sub(value).to_le_bytes());
    Some(())
}

/// Whether the object file `bytes` carries a DWARF line table.
pub(crate) fn has_line_table(bytes: &[u8]) -> bool {
    object::File::parse(bytes).is_ok_and(|f| f.section_by_name(".debug_line").is_some_and(|s| s.size() > 0))
}
