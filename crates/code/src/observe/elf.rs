//! A minimal in-memory ELF object that names code already in memory: one `.text` section of type `SHT_NOBITS`
//! placed at the code's address (so it carries no bytes) and a symbol table. This is what a debugger's JIT
//! interface reads to name JIT frames.

use object::elf;
use object::write::elf::{FileHeader, SectionHeader, Sym, Writer};

/// A function symbol of a [`symbol_file`]: a name and an absolute address range.
pub(crate) struct ElfSymbol<'a> {
    pub(crate) name: &'a [u8],
    pub(crate) address: u64,
    pub(crate) size: u64,
}

/// Builds a relocatable x86-64 ELF object whose `.text` spans all `symbols` (as `SHT_NOBITS` at their lowest
/// address) and whose symbol table holds one global function symbol per entry, at its offset in `.text`, the way a
/// relocated JIT object looks once its section addresses are patched to where the code lives.
pub(crate) fn symbol_file(symbols: &[ElfSymbol<'_>]) -> Vec<u8> {
    let start = symbols.iter().map(|s| s.address).min().unwrap_or(0);
    let end = symbols.iter().map(|s| s.address.saturating_add(s.size.max(1))).max().unwrap_or(start);
    let mut out = Vec::new();
    let mut w = Writer::new(object::Endianness::Little, true, &mut out);
    w.reserve_file_header();
    let text_name = w.add_section_name(b".text");
    let text = w.reserve_section_index();
    w.reserve_null_symbol_index();
    let names: Vec<_> = symbols.iter().map(|s| w.add_string(s.name)).collect();
    for _ in symbols {
        w.reserve_symbol_index(Some(text));
    }
    w.reserve_symtab_section_index();
    w.reserve_strtab_section_index();
    w.reserve_shstrtab_section_index();
    w.reserve_symtab();
    w.reserve_strtab();
    w.reserve_shstrtab();
    w.reserve_section_headers();

    let header = FileHeader {
        os_abi: elf::ELFOSABI_NONE,
        abi_version: 0,
        e_type: elf::ET_REL,
        e_machine: elf::EM_X86_64,
        e_entry: 0,
        e_flags: 0,
    };
    // Writing into a Vec cannot fail, and the header fields are all in range for ELF64.
    w.write_file_header(&header).expect("ELF header of a Vec-backed writer");
    w.write_null_symbol();
    for (s, name) in symbols.iter().zip(names) {
        w.write_symbol(&Sym {
            name: Some(name),
            section: Some(text),
            st_info: (elf::STB_GLOBAL << 4) | elf::STT_FUNC,
            st_other: elf::STV_DEFAULT,
            st_shndx: 0,
            st_value: s.address - start,
            st_size: s.size,
        });
    }
    w.write_strtab();
    w.write_shstrtab();
    w.write_null_section_header();
    w.write_section_header(&SectionHeader {
        name: Some(text_name),
        sh_type: elf::SHT_NOBITS,
        sh_flags: u64::from(elf::SHF_ALLOC | elf::SHF_EXECINSTR),
        sh_addr: start,
        sh_offset: 0,
        sh_size: end - start,
        sh_link: 0,
        sh_info: 0,
        sh_addralign: 1,
        sh_entsize: 0,
    });
    w.write_symtab_section_header(1);
    w.write_strtab_section_header();
    w.write_shstrtab_section_header();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use object::{Object, ObjectSection, ObjectSymbol};

    #[test]
    fn symbols_land_at_their_addresses() {
        let bytes = symbol_file(&[
            ElfSymbol { name: b"leaf", address: 0x7000_1000, size: 0x40 },
            ElfSymbol { name: b"top", address: 0x7000_1040, size: 0x20 },
        ]);
        let file = object::File::parse(&*bytes).unwrap();
        let text = file.section_by_name(".text").unwrap();
        assert_eq!(text.address(), 0x7000_1000);
        assert_eq!(text.size(), 0x60);
        let syms: Vec<(String, u64, u64)> =
            file.symbols().map(|s| (s.name().unwrap().to_string(), s.address(), s.size())).collect();
        // A relocatable object's symbol values are offsets into their section.
        assert_eq!(syms, [("leaf".to_string(), 0, 0x40), ("top".to_string(), 0x40, 0x20)]);
    }
}
