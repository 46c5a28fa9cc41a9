//! A loaded module: numbering of its symbols, their declarations, and lazily read function bodies.

use crate::ffi::{self, LLVMLinkage, LlvmModule};
use crate::reader::{Reader, TypeCache};
use crate::{AliasId, Const, Error, ExternId, FuncId, Function, GlobalId, Result, Signature, Symbol, Type};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// A function defined in the module.
#[derive(Clone, Debug)]
pub struct FunctionDecl {
    /// IR name (unnamed functions get a generated name at load).
    pub name: String,
    /// Type and ABI attributes.
    pub sig: Signature,
    /// Whether other modules may see it (not private/internal).
    pub exported: bool,
    /// Whether another definition may take its place (`weak`, `linkonce`, `common`, `extern_weak`...): the
    /// first loaded one wins.
    pub replaceable: bool,
    /// Whether the program asks that it never be inlined (`noinline`). clang -O0 marks every function
    /// `noinline` (a module where a function is `optnone`, or every one but the `alwaysinline` ones is `noinline`,
    /// is taken for clang -O0 output); in such a module the mark says nothing and this is false.
    pub never_inlined: bool,
}

/// A global variable defined in the module.
#[derive(Clone, Debug)]
pub struct GlobalDecl {
    /// IR name.
    pub name: String,
    /// Value type.
    pub ty: Type,
    /// Alignment in bytes.
    pub align: u64,
    /// Whether it is `constant`.
    pub constant: bool,
    /// The initializer (`None` for `common` or missing: zero).
    pub init: Option<Const>,
    /// `thread_local`: each thread has its own copy, which starts as the initializer. Code reaches it through
    /// `llvm.threadlocal.address` or by using it directly.
    pub thread_local: bool,
    /// Whether other modules may see it (not private/internal).
    pub exported: bool,
    /// Whether another definition may take its place (`weak`, `linkonce`, `common`): the first loaded one wins.
    pub replaceable: bool,
    /// The section it is placed in (`section "name"`), if it names one.
    pub section: Option<String>,
}

/// An external function or variable, resolved by the runtime.
#[derive(Clone, Debug)]
pub struct ExternDecl {
    /// Symbol name.
    pub name: String,
    /// The function's signature, for functions.
    pub sig: Option<Signature>,
    /// `extern_weak`: resolves to null when absent.
    pub weak: bool,
    /// A `thread_local` variable of another object (a shared library's `__thread` variable): each thread reaches
    /// its own instance.
    pub thread_local: bool,
}

/// A global alias.
#[derive(Clone, Debug)]
pub struct AliasDecl {
    /// Alias name.
    pub name: String,
    /// What it stands for (a symbol, possibly behind a constant expression).
    pub target: Const,
}

/// An intrinsic (`llvm.*`) the module declares, and the defined functions that use it.
#[derive(Clone, Debug)]
pub struct IntrinsicDecl {
    /// Its name, e.g. `llvm.x86.sse2.pause` or `llvm.memcpy.p0.p0.i64`.
    pub name: String,
    /// Whether LLVM knows the name as an intrinsic.
    pub known: bool,
    /// Defined functions with an instruction that uses it. Complete for an intrinsic LLVM does not know or one of
    /// a target ([`intrinsic_target`]); for the others, bitcode loads lazily and the list may be empty.
    pub users: Vec<FuncId>,
}

/// The prefixes (after `llvm.`) of LLVM's target-specific intrinsics.
const TARGET_INTRINSIC_PREFIXES: [&str; 18] = [
    "aarch64",
    "amdgcn",
    "arm",
    "bpf",
    "dx",
    "hexagon",
    "loongarch",
    "mips",
    "nvvm",
    "ppc",
    "r600",
    "riscv",
    "s390",
    "spv",
    "ve",
    "wasm",
    "x86",
    "xcore",
];

/// The target an intrinsic named `name` belongs to (`x86` for `llvm.x86.sse2.pause`), if it is target-specific.
pub fn intrinsic_target(name: &str) -> Option<&'static str> {
    let prefix = name.strip_prefix("llvm.")?.split('.').next()?;
    TARGET_INTRINSIC_PREFIXES.iter().find(|t| **t == prefix).copied()
}

/// Whether a declaration named `name` is an intrinsic whose users the loader must know at once (see
/// [`IntrinsicDecl::users`]).
fn users_needed(name: &str) -> bool {
    name.starts_with("llvm.") && (!ffi::is_known_intrinsic(name) || intrinsic_target(name).is_some())
}

/// A verified LLVM module with its symbols numbered.
///
/// Bodies are read on demand by [`Module::function`]; the LLVM module behind them is used by one thread at a time.
/// Bitcode loads lazily ([`Module::parse`]): a function's body is read from the bitcode, and verified, when
/// [`Module::function`] first asks for it.
pub struct Module {
    llvm: Mutex<LlvmModule>,
    /// The types readers converted so far (taken while `llvm` is held).
    types: Mutex<TypeCache>,
    symbols: FxHashMap<usize, Symbol>,
    /// Defined functions, indexed by [`FuncId`].
    pub functions: Vec<FunctionDecl>,
    /// Defined global variables, indexed by [`GlobalId`].
    pub globals: Vec<GlobalDecl>,
    /// External declarations, indexed by [`ExternId`].
    pub externs: Vec<ExternDecl>,
    /// Aliases, indexed by [`AliasId`].
    pub aliases: Vec<AliasDecl>,
    /// Intrinsics the module declares, with their users.
    pub intrinsics: Vec<IntrinsicDecl>,
    /// The target triple (the host's default when the module has none).
    pub triple: String,
    /// The data layout string (the x86-64 default when the module has none).
    pub data_layout: String,
    by_name: HashMap<String, Symbol>,
    bitcode: Arc<[u8]>,
}

/// Whether a definition with this linkage is visible to other modules.
fn exported(linkage: LLVMLinkage) -> bool {
    !matches!(linkage, LLVMLinkage::LLVMPrivateLinkage | LLVMLinkage::LLVMInternalLinkage)
}

/// Whether a definition with this linkage gives way to another one of the same name (ELF's weak symbols).
fn replaceable(linkage: LLVMLinkage) -> bool {
    matches!(
        linkage,
        LLVMLinkage::LLVMWeakAnyLinkage
            | LLVMLinkage::LLVMWeakODRLinkage
            | LLVMLinkage::LLVMLinkOnceAnyLinkage
            | LLVMLinkage::LLVMLinkOnceODRLinkage
            | LLVMLinkage::LLVMCommonLinkage
            | LLVMLinkage::LLVMExternalWeakLinkage
    )
}

/// Whether function `f` carries the function attribute `kind`.
fn has_function_attribute(f: ffi::V<'_>, kind: u32) -> bool {
    ffi::attribute(f, false, ffi::FUNCTION_INDEX, kind).is_some()
}

/// Whether the defined functions `defined` look like clang -O0's output, whose `noinline` marks are on every
/// function and say nothing of the program: one of them is `optnone`, or every one is `noinline` except those
/// that must be inlined (`alwaysinline`), as with `-O0 -Xclang -disable-O0-optnone`.
fn marked_by_o0<'a>(defined: impl Iterator<Item = ffi::V<'a>> + Clone) -> bool {
    let [optnone, noinline, alwaysinline] = ["optnone", "noinline", "alwaysinline"].map(ffi::attr_kind);
    let has = has_function_attribute;
    defined.clone().any(|f| has(f, optnone))
        || (defined.clone().any(|f| has(f, noinline))
            && defined.into_iter().all(|f| has(f, noinline) || has(f, alwaysinline)))
}

/// Whether `bytes` start like LLVM bitcode (raw or wrapped).
pub fn is_bitcode(bytes: &[u8]) -> bool {
    bytes.starts_with(b"BC\xC0\xDE") || bytes.starts_with(&[0xDE, 0xC0, 0x17, 0x0B])
}

impl Module {
    /// Loads a module from a file (bitcode or text, told apart by content).
    pub fn load_file(path: &std::path::Path) -> Result<Module> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.display().to_string(), source })?;
        Module::parse(&bytes)
    }

    /// Loads a module from bitcode or textual IR in memory, verifies it and numbers its symbols. Bitcode loads
    /// lazily: what a function's body holds is read, and verified, when [`Module::function`] first asks for it, so
    /// a broken body is found then (it reads as one unsupported instruction that says why); a module with
    /// intrinsics the loader must check ([`IntrinsicDecl::users`]) is read whole.
    pub fn parse(bytes: &[u8]) -> Result<Module> {
        Module::parse_with(bytes, true)
    }

    /// [`Module::parse`], reading and verifying every function body now: malformed bodies fail the load.
    pub fn parse_whole(bytes: &[u8]) -> Result<Module> {
        Module::parse_with(bytes, false)
    }

    fn parse_with(bytes: &[u8], lazy: bool) -> Result<Module> {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::Empty);
        }
        let mut llvm = LlvmModule::parse(bytes, is_bitcode(bytes), lazy).map_err(Error::Parse)?;
        if llvm.is_lazy() && llvm.functions().into_iter().any(|f| users_needed(&ffi::name(f))) {
            llvm.materialize_all().map_err(Error::Parse)?;
        }
        // A lazily loaded module's bodies are verified as they are read.
        llvm.verify().map_err(Error::Verify)?;
        let target_set = llvm.default_target();

        let mut symbols = FxHashMap::default();
        let mut defined_keys = Vec::new();
        let mut anon = 0;
        let mut name_of = |v: ffi::V<'_>| {
            let n = ffi::name(v);
            if !n.is_empty() {
                return n;
            }
            anon += 1;
            let fresh = format!("__tl.anon.{anon}");
            ffi::set_name(v, &fresh);
            fresh
        };
        let (mut fn_names, mut externs_raw, mut global_raw, mut alias_raw) = (vec![], vec![], vec![], vec![]);
        let mut intrinsic_raw = Vec::new();
        for f in llvm.functions() {
            let name = ffi::name(f);
            if name.starts_with("llvm.") {
                intrinsic_raw.push((f, name));
                continue;
            }
            let name = name_of(f);
            if ffi::is_declaration(f) {
                symbols.insert(f.key(), Symbol::Extern(ExternId(externs_raw.len() as u32)));
                externs_raw.push((f, name, true));
            } else {
                symbols.insert(f.key(), Symbol::Func(FuncId(fn_names.len() as u32)));
                defined_keys.push(f.key());
                fn_names.push((f, name));
            }
        }
        for g in llvm.globals() {
            let name = name_of(g);
            if ffi::is_declaration(g) {
                symbols.insert(g.key(), Symbol::Extern(ExternId(externs_raw.len() as u32)));
                externs_raw.push((g, name, false));
            } else {
                symbols.insert(g.key(), Symbol::Global(GlobalId(global_raw.len() as u32)));
                global_raw.push((g, name));
            }
        }
        for a in llvm.aliases() {
            let name = name_of(a);
            symbols.insert(a.key(), Symbol::Alias(AliasId(alias_raw.len() as u32)));
            alias_raw.push((a, name));
        }

        let mut reader = Reader::new(&llvm, &symbols, TypeCache::default());
        let noinline = ffi::attr_kind("noinline");
        let program_marks = !marked_by_o0(fn_names.iter().map(|(f, _)| *f));
        let functions = fn_names
            .iter()
            .map(|(f, name)| FunctionDecl {
                name: name.clone(),
                sig: reader.signature(*f, false, ffi::global_value_type(*f)),
                exported: exported(ffi::linkage(*f)),
                replaceable: replaceable(ffi::linkage(*f)),
                never_inlined: program_marks && has_function_attribute(*f, noinline),
            })
            .collect::<Vec<_>>();
        let mut globals = Vec::with_capacity(global_raw.len());
        for (g, name) in &global_raw {
            let ty = reader.ty(ffi::global_value_type(*g));
            let init = match ffi::initializer(*g) {
                Some(i) if ffi::linkage(*g) != LLVMLinkage::LLVMCommonLinkage => {
                    Some(reader.constant(i).map_err(|reason| Error::Unsupported { symbol: name.clone(), reason })?)
                }
                _ => None,
            };
            let align = ffi::alignment(*g).max(ty.align()).max(1);
            let constant = ffi::is_global_constant(*g);
            let thread_local = ffi::is_thread_local(*g);
            let (exported, replaceable) = (exported(ffi::linkage(*g)), replaceable(ffi::linkage(*g)));
            globals.push(GlobalDecl {
                name: name.clone(),
                ty,
                align,
                constant,
                init,
                thread_local,
                exported,
                replaceable,
                section: ffi::section(*g),
            });
        }
        let externs = externs_raw
            .iter()
            .map(|(v, name, is_fn)| ExternDecl {
                name: name.clone(),
                sig: is_fn.then(|| reader.signature(*v, false, ffi::global_value_type(*v))),
                weak: ffi::linkage(*v) == LLVMLinkage::LLVMExternalWeakLinkage,
                thread_local: !is_fn && ffi::is_thread_local(*v),
            })
            .collect::<Vec<_>>();
        let mut aliases = Vec::with_capacity(alias_raw.len());
        for (a, name) in &alias_raw {
            let target = reader
                .constant(ffi::aliasee(*a))
                .map_err(|reason| Error::Unsupported { symbol: name.clone(), reason })?;
            aliases.push(AliasDecl { name: name.clone(), target });
        }
        let types = Mutex::new(reader.into_types());
        let intrinsics = intrinsic_raw
            .iter()
            .map(|(f, name)| IntrinsicDecl {
                known: ffi::is_known_intrinsic(name),
                users: ffi::using_functions(*f)
                    .into_iter()
                    .filter_map(|user| match symbols.get(&user.key()) {
                        Some(Symbol::Func(id)) => Some(*id),
                        _ => None,
                    })
                    .collect(),
                name: name.clone(),
            })
            .collect();
        let (triple, data_layout) = llvm.target_strings();
        llvm.index_functions(&defined_keys);
        // The compile workers read the module from bitcode. Bitcode given to us serves as it is when loading
        // changed nothing (no value was named, no target set): writing it anew costs as much as a third of
        // parsing it.
        let bitcode: Arc<[u8]> = if is_bitcode(bytes) && anon == 0 && !target_set {
            bytes.into()
        } else {
            // Written anew, the module is read whole first (and what was read only now, verified).
            if llvm.is_lazy() {
                llvm.materialize_all().map_err(Error::Parse)?;
                llvm.verify().map_err(Error::Verify)?;
            }
            llvm.write_bitcode().into()
        };

        let mut by_name = HashMap::new();
        for (i, f) in functions.iter().enumerate() {
            by_name.insert(f.name.clone(), Symbol::Func(FuncId(i as u32)));
        }
        for (i, g) in globals.iter().enumerate() {
            by_name.insert(g.name.clone(), Symbol::Global(GlobalId(i as u32)));
        }
        for (i, e) in externs.iter().enumerate() {
            by_name.insert(e.name.clone(), Symbol::Extern(ExternId(i as u32)));
        }
        for (i, a) in aliases.iter().enumerate() {
            by_name.insert(a.name.clone(), Symbol::Alias(AliasId(i as u32)));
        }
        Ok(Module {
            llvm: Mutex::new(llvm),
            types,
            symbols,
            functions,
            globals,
            externs,
            aliases,
            intrinsics,
            triple,
            data_layout,
            by_name,
            bitcode,
        })
    }

    /// Reads the body of function `id`. A body that cannot be read or does not verify reads as one
    /// [`Op::Unsupported`](crate::Op::Unsupported) instruction that says why.
    pub fn function(&self, id: FuncId) -> Function {
        let mut llvm = self.llvm.lock().unwrap_or_else(|e| e.into_inner());
        let decl = &self.functions[id.0 as usize];
        if let Err(reason) = llvm.read_body(id.0 as usize) {
            return Function::unreadable(decl.name.clone(), decl.sig.clone(), reason);
        }
        let f = llvm.indexed_function(id.0 as usize);
        let mut types = self.types.lock().unwrap_or_else(|e| e.into_inner());
        let mut reader = Reader::new(&llvm, &self.symbols, std::mem::take(&mut *types));
        let body = reader.function(f, decl.name.clone(), decl.sig.clone());
        *types = reader.into_types();
        body
    }

    /// Looks a symbol up by IR name.
    pub fn symbol(&self, name: &str) -> Option<Symbol> {
        self.by_name.get(name).copied()
    }

    /// The IR name of a symbol.
    pub fn symbol_name(&self, s: Symbol) -> &str {
        match s {
            Symbol::Func(f) => &self.functions[f.0 as usize].name,
            Symbol::Global(g) => &self.globals[g.0 as usize].name,
            Symbol::Extern(e) => &self.externs[e.0 as usize].name,
            Symbol::Alias(a) => &self.aliases[a.0 as usize].name,
        }
    }

    /// The functions of `llvm.global_ctors`, in the order they run: by priority, then as listed.
    pub fn constructors(&self) -> Vec<Const> {
        self.structors("llvm.global_ctors")
    }

    /// The functions of `llvm.global_dtors`, in order of priority, then as listed (they run in reverse, at exit).
    pub fn destructors(&self) -> Vec<Const> {
        self.structors("llvm.global_dtors")
    }

    fn structors(&self, name: &str) -> Vec<Const> {
        let Some(Symbol::Global(g)) = self.symbol(name) else { return Vec::new() };
        let Some(Const::Aggregate(_, entries)) = &self.globals[g.0 as usize].init else { return Vec::new() };
        let mut list: Vec<(u128, Const)> = entries
            .iter()
            .filter_map(|e| match e {
                Const::Aggregate(_, fields) => match (fields.first(), fields.get(1)) {
                    (Some(Const::Int(_, priority)), Some(f)) if !matches!(f, Const::Null | Const::Zero(_)) => {
                        Some((*priority, f.clone()))
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect();
        list.sort_by_key(|(priority, _)| *priority);
        list.into_iter().map(|(_, f)| f).collect()
    }

    /// A tiny module, as bitcode, that calls the intrinsic `name` the way this module declares it (see
    /// [`IntrinsicDecl`]): `define void @probe(ptr %out, <params>)` passing its parameters through (constant zeros
    /// where the intrinsic wants immediates) and storing the result to `%out`. Compiling it tells whether the code
    /// generator can select the intrinsic for a given CPU. `None` if the module declares no such function.
    pub fn intrinsic_probe(&self, name: &str) -> Option<Vec<u8>> {
        let llvm = self.llvm.lock().unwrap_or_else(|e| e.into_inner());
        let decl = llvm.named_function(name)?;
        Some(llvm.intrinsic_probe(decl))
    }

    /// The module as bitcode, with every global value named (for LLVM-tier workers, which parse their own copy).
    pub fn bitcode(&self) -> Arc<[u8]> {
        self.bitcode.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::Module;

    fn never_inlined(ir: &str) -> Vec<(String, bool)> {
        let m = Module::parse(ir.as_bytes()).unwrap();
        m.functions.iter().map(|f| (f.name.clone(), f.never_inlined)).collect()
    }

    #[test]
    fn a_programs_own_noinline_is_seen_and_clang_o0_blanket_marks_are_not() {
        let body = "{\n  ret i32 %x\n}\n";
        let own = format!(
            "define i32 @kept(i32 %x) #0 {body}define i32 @free(i32 %x) {body}attributes #0 = {{ noinline }}\n"
        );
        assert_eq!(never_inlined(&own), [("kept".into(), true), ("free".into(), false)]);
        // clang -O0: every function `noinline optnone`; with `-disable-O0-optnone`, `noinline` on all but the
        // `alwaysinline` ones.
        let o0 = format!("define i32 @a(i32 %x) #0 {body}define i32 @b(i32 %x) #0 {body}");
        for marks in ["noinline optnone", "noinline"] {
            let ir = format!("{o0}attributes #0 = {{ {marks} }}\n");
            assert_eq!(never_inlined(&ir), [("a".into(), false), ("b".into(), false)], "{marks}");
        }
        let always = format!(
            "define i32 @a(i32 %x) #0 {body}define i32 @b(i32 %x) #1 {body}\
             attributes #0 = {{ noinline }}\nattributes #1 = {{ alwaysinline }}\n"
        );
        assert_eq!(never_inlined(&always), [("a".into(), false), ("b".into(), false)]);
    }
}
