//! Exceptions in tier 0: the landing pads of a function as the personality routine sees them, and the
//! language-specific data area (LSDA) that tells it so.
//!
//! An `invoke` becomes a Cranelift `try_call` whose one handler is the landing pad, tagged with the landing pad's
//! index here; after code generation the caller learns where each `try_call` returns and where its handler
//! starts, and [`ExceptionTable::lsda`] writes the table the personality routine (`__gxx_personality_v0`,
//! `__gcc_personality_v0`, anything that reads the GCC layout) looks the return address up in: its call-site
//! table (each `try_call`'s landing pad and action chain; every other part of the function unwinds on), its
//! action table (per landing pad, its `catch` and `filter` clauses, then a cleanup when it has one), its type
//! table (the type infos' addresses) and the exception specifications of its filters.
//!
//! The selector a landing pad receives is what the matched action says: a type's index in the type table for a
//! `catch` (what `llvm.eh.typeid.for` of the type gives in this function), a negative number for a `filter`, 0
//! for a cleanup.

use crate::error::Reason;
use tierlift_ir::{Clause, Function, Op, Value};

/// `DW_EH_PE_omit`: the field is absent.
const OMIT: u8 = 0xff;
/// `DW_EH_PE_absptr`: an 8-byte address.
const ABSPTR: u8 = 0x00;
/// `DW_EH_PE_uleb128`.
const ULEB128: u8 = 0x01;

/// What a landing pad does with an exception, clause by clause.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Action {
    /// Taken when the exception matches the type of this index (1-based) in the type table.
    Catch(u32),
    /// Taken when the exception matches none of these types (indices in the type table).
    Filter(Vec<u32>),
}

/// One landing pad: its clauses, and whether it also runs for exceptions none of them takes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pad {
    /// The `landingpad` instruction.
    inst: u32,
    actions: Vec<Action>,
    cleanup: bool,
}

/// The landing pads of one function and everything its LSDA refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExceptionTable {
    /// The address of the function's personality routine.
    pub personality: u64,
    /// The type infos' addresses (0: any exception); index `i` here is type index `i + 1`.
    type_infos: Vec<u64>,
    /// By tag: the `try_call` of an `invoke` whose unwind destination is `pads[k]`'s block carries tag `k`.
    pads: Vec<Pad>,
}

impl ExceptionTable {
    /// The table of `f`, whose addresses `address` resolves (`None` if `f` has no landing pad).
    pub(crate) fn of(
        f: &Function,
        mut address: impl FnMut(&Value) -> Result<u64, Reason>,
    ) -> Result<Option<Self>, Reason> {
        let mut table: Option<ExceptionTable> = None;
        for (i, inst) in f.insts.iter().enumerate() {
            let Op::LandingPad { cleanup, clauses } = &inst.op else { continue };
            let personality = address(&inst.operands[0])?;
            let t =
                table.get_or_insert_with(|| ExceptionTable { personality, type_infos: Vec::new(), pads: Vec::new() });
            if t.personality != personality {
                return Err("landing pads with different personality routines".into());
            }
            let mut values = inst.operands[1..].iter();
            let mut actions = Vec::with_capacity(clauses.len());
            for clause in clauses {
                match clause {
                    Clause::Catch => {
                        let v = values.next().ok_or("landingpad clause without its type info")?;
                        actions.push(Action::Catch(t.index_of(address(v)?)));
                    }
                    Clause::Filter(n) => {
                        let mut types = Vec::with_capacity(*n as usize);
                        for _ in 0..*n {
                            let v = values.next().ok_or("filter clause without its type infos")?;
                            types.push(t.index_of(address(v)?));
                        }
                        actions.push(Action::Filter(types));
                    }
                }
            }
            t.pads.push(Pad { inst: i as u32, actions, cleanup: *cleanup });
        }
        Ok(table)
    }

    /// The index (1-based) of the type info at `address` in the type table, added if it is not there yet.
    pub(crate) fn index_of(&mut self, address: u64) -> u32 {
        let at = match self.type_infos.iter().position(|&a| a == address) {
            Some(at) => at,
            None => {
                self.type_infos.push(address);
                self.type_infos.len() - 1
            }
        };
        at as u32 + 1
    }

    /// The tag of the landing pad that `landingpad` instruction `inst` starts.
    pub(crate) fn tag_of(&self, inst: u32) -> Option<u32> {
        self.pads.iter().position(|p| p.inst == inst).map(|k| k as u32)
    }

    /// The LSDA of the function once compiled into `code_len` bytes, given each `try_call` as (its return
    /// address, its handler's tag, its handler's address), all as offsets from the function's start. Every
    /// other address of the function is listed as unwinding on without a landing pad (the C++ personality
    /// routine terminates the program at a call it finds no entry for).
    pub fn lsda(&self, try_calls: &[(u32, u32, u32)], code_len: u32) -> Result<Vec<u8>, String> {
        // The action table: each landing pad's chain, the clauses in order, then a cleanup.
        let mut actions = Vec::new();
        let mut specs = Vec::new();
        let mut first_action = Vec::with_capacity(self.pads.len());
        for pad in &self.pads {
            let mut filters: Vec<i64> = Vec::new();
            for a in &pad.actions {
                filters.push(match a {
                    Action::Catch(index) => i64::from(*index),
                    Action::Filter(types) => {
                        let at = specs.len() as i64;
                        for &t in types {
                            uleb(&mut specs, u64::from(t));
                        }
                        uleb(&mut specs, 0);
                        -(at + 1)
                    }
                });
            }
            if pad.cleanup && !pad.actions.is_empty() {
                filters.push(0);
            }
            if filters.is_empty() {
                // A cleanup only: no action record.
                first_action.push(0);
                continue;
            }
            first_action.push(actions.len() as u64 + 1);
            for (k, filter) in filters.iter().enumerate() {
                sleb(&mut actions, *filter);
                // The next record starts right after this field, whose one byte the offset counts from.
                sleb(&mut actions, if k + 1 < filters.len() { 1 } else { 0 });
            }
        }

        // The call-site table, in address order, covering the whole function.
        let mut sites: Vec<(u32, u32, u32)> = try_calls.to_vec();
        sites.sort_unstable();
        let mut call_sites = Vec::new();
        let mut at = 0u32;
        for &(ret, tag, pad) in &sites {
            let first = *first_action.get(tag as usize).ok_or_else(|| format!("try_call with unknown tag {tag}"))?;
            let start = ret.checked_sub(1).filter(|&s| s >= at).ok_or("try_calls out of order")?;
            if start > at {
                call_site(&mut call_sites, at, start - at, 0, 0);
            }
            call_site(&mut call_sites, start, 1, pad, first);
            at = ret;
        }
        if code_len > at {
            call_site(&mut call_sites, at, code_len - at, 0, 0);
        }

        let mut out = vec![OMIT];
        let has_types = !actions.is_empty();
        if has_types {
            out.push(ABSPTR);
            // From the end of this field to the end of the type table.
            let mut tail = Vec::new();
            tail.push(ULEB128);
            uleb(&mut tail, call_sites.len() as u64);
            tail.extend_from_slice(&call_sites);
            tail.extend_from_slice(&actions);
            let type_table = 8 * self.type_infos.len();
            uleb(&mut out, (tail.len() + type_table) as u64);
            out.extend_from_slice(&tail);
            // Type index i is the i-th entry counting back from the table's end.
            for &address in self.type_infos.iter().rev() {
                out.extend_from_slice(&address.to_le_bytes());
            }
            out.extend_from_slice(&specs);
        } else {
            out.push(OMIT);
            out.push(ULEB128);
            uleb(&mut out, call_sites.len() as u64);
            out.extend_from_slice(&call_sites);
        }
        Ok(out)
    }
}

/// One call-site record: where it starts and how long it is, its landing pad (0: none) and its first action
/// (1 + its offset in the action table; 0: none), all offsets from the function's start.
fn call_site(out: &mut Vec<u8>, start: u32, len: u32, pad: u32, action: u64) {
    uleb(out, u64::from(start));
    uleb(out, u64::from(len));
    uleb(out, u64::from(pad));
    uleb(out, action);
}

fn uleb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn sleb(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        let done = (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0);
        if done {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_uleb(b: &[u8], at: &mut usize) -> u64 {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let byte = b[*at];
            *at += 1;
            v |= u64::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                return v;
            }
        }
    }

    fn read_sleb(b: &[u8], at: &mut usize) -> i64 {
        let (mut v, mut shift) = (0i64, 0);
        loop {
            let byte = b[*at];
            *at += 1;
            v |= i64::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                if shift < 64 && byte & 0x40 != 0 {
                    v |= -1 << shift;
                }
                return v;
            }
        }
    }

    /// Reads an LSDA as the C++ personality routine does: the call sites (start, length, pad, action chain as
    /// filters), the type table's first `types` entries by index, and where the type table ends.
    #[allow(clippy::type_complexity)]
    fn read(b: &[u8], types: usize) -> (Vec<(u64, u64, u64, Vec<i64>)>, Vec<u64>, usize) {
        let mut at = 0;
        assert_eq!(b[at], OMIT);
        at += 1;
        let ttype_encoding = b[at];
        at += 1;
        let ttype_end = if ttype_encoding == OMIT {
            None
        } else {
            let off = read_uleb(b, &mut at) as usize;
            Some(at + off)
        };
        assert_eq!(b[at], ULEB128);
        at += 1;
        let len = read_uleb(b, &mut at) as usize;
        let table_end = at + len;
        let mut raw = Vec::new();
        while at < table_end {
            let s = read_uleb(b, &mut at);
            let l = read_uleb(b, &mut at);
            let p = read_uleb(b, &mut at);
            let a = read_uleb(b, &mut at);
            raw.push((s, l, p, a));
        }
        let actions_start = table_end;
        let sites = raw
            .into_iter()
            .map(|(s, l, p, a)| {
                let mut chain = Vec::new();
                if a != 0 {
                    let mut at = actions_start + a as usize - 1;
                    loop {
                        chain.push(read_sleb(b, &mut at));
                        let here = at;
                        let next = read_sleb(b, &mut at);
                        if next == 0 {
                            break;
                        }
                        at = (here as i64 + next) as usize;
                    }
                }
                (s, l, p, chain)
            })
            .collect();
        let end = ttype_end.unwrap_or(b.len());
        let types = (1..=types).map(|i| {
            let at = end - 8 * i;
            assert!(at >= actions_start, "type {i} overlaps the action table");
            u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
        });
        (sites, types.collect(), end)
    }

    #[test]
    fn the_lsda_covers_the_function_and_chains_each_pads_clauses() {
        let table = ExceptionTable {
            personality: 0x1000,
            type_infos: vec![0xaaaa, 0, 0xbbbb],
            pads: vec![
                // catch type 1, catch-all (2), cleanup
                Pad { inst: 5, actions: vec![Action::Catch(1), Action::Catch(2)], cleanup: true },
                // cleanup only
                Pad { inst: 9, actions: vec![], cleanup: true },
                // filter allowing types 3 and 1, then an empty filter
                Pad { inst: 12, actions: vec![Action::Filter(vec![3, 1]), Action::Filter(vec![])], cleanup: false },
            ],
        };
        // Three try_calls, given out of order: return addresses 40, 20 and 100, in a function of 300 bytes.
        let lsda = table.lsda(&[(40, 1, 210), (20, 0, 200), (100, 2, 220)], 300).unwrap();
        let (sites, types, ttype) = read(&lsda, 3);
        let covered: Vec<(u64, u64)> = sites.iter().map(|s| (s.0, s.0 + s.1)).collect();
        assert_eq!(covered, vec![(0, 19), (19, 20), (20, 39), (39, 40), (40, 99), (99, 100), (100, 300)]);
        let pads: Vec<u64> = sites.iter().map(|s| s.2).collect();
        assert_eq!(pads, vec![0, 200, 0, 210, 0, 220, 0]);
        assert_eq!(sites[1].3, vec![1, 2, 0]);
        assert!(sites[3].3.is_empty());
        assert!(sites.iter().filter(|s| s.2 == 0).all(|s| s.3.is_empty()));
        assert_eq!(types, vec![0xaaaa, 0, 0xbbbb]);
        // Filters are negative: -(1 + the offset of their list after the type table), each list ended by 0.
        let filters = &sites[5].3;
        assert_eq!(filters.len(), 2);
        let list = |f: i64| {
            let mut at = ttype + (-f - 1) as usize;
            let mut out = Vec::new();
            loop {
                match read_uleb(&lsda, &mut at) {
                    0 => return out,
                    t => out.push(t),
                }
            }
        };
        assert_eq!(list(filters[0]), vec![3, 1]);
        assert_eq!(list(filters[1]), Vec::<u64>::new());
    }

    #[test]
    fn a_function_whose_pads_only_clean_up_has_no_type_table() {
        let table = ExceptionTable {
            personality: 1,
            type_infos: vec![],
            pads: vec![Pad { inst: 0, actions: vec![], cleanup: true }],
        };
        let lsda = table.lsda(&[(8, 0, 30)], 40).unwrap();
        assert_eq!(lsda[1], OMIT);
        let (sites, types, _) = read(&lsda, 0);
        assert_eq!(sites.iter().map(|s| (s.0, s.1, s.2)).collect::<Vec<_>>(), vec![(0, 7, 0), (7, 1, 30), (8, 32, 0)]);
        assert!(types.is_empty());
        assert!(table.lsda(&[(8, 7, 30)], 40).is_err(), "an unknown tag");
    }
}
