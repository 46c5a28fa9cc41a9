//! Words of a module's globals that hold a function's current code instead of its stub.
//!
//! A pointer to a function is its stub, whose address never changes; a call through it costs a second taken
//! branch (the stub's `jmp [slot]`). Where a table of pointers is only ever read to be called, that jump buys
//! nothing: the runtime may let such a word follow the function's slot, so that it always holds what the slot
//! holds (the stub itself while the function has no code). [`CodeWords`] keeps where those words are and rewrites
//! them at each install, after the slot.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The words that follow functions' slots, by function index (sorted, so that a function's words are adjacent).
#[derive(Default)]
pub(crate) struct CodeWords {
    words: Box<[(u32, usize)]>,
}

impl CodeWords {
    /// Keeps `words` (function index, address of the word) whose address is an 8-byte aligned word inside
    /// `area` (start and length of memory that outlives `self`, written only atomically from now on).
    pub(crate) fn new(mut words: Vec<(u32, usize)>, area: (usize, usize)) -> Self {
        let (start, len) = area;
        words.retain(|&(_, at)| at % 8 == 0 && at >= start && at.checked_add(8).is_some_and(|end| end <= start + len));
        words.sort_unstable();
        CodeWords { words: words.into_boxed_slice() }
    }

    /// Function `i`'s words.
    fn of(&self, i: u32) -> &[(u32, usize)] {
        let first = self.words.partition_point(|&(f, _)| f < i);
        let end = self.words.partition_point(|&(f, _)| f <= i);
        &self.words[first..end]
    }

    /// Whether function `i` has words that follow its slot.
    pub(crate) fn has(&self, i: u32) -> bool {
        !self.of(i).is_empty()
    }

    /// Function `i`'s slot now holds `code`, its lazy entry if `lazy`; `stub` is its stub. Every word of `i`
    /// gets `code`, or the stub while the function has no code (the lazy entry would do, but a table whose
    /// functions never ran holds what the program stored).
    pub(crate) fn follow(&self, i: u32, code: usize, stub: usize, lazy: bool) {
        let value = if lazy { stub } else { code };
        for &(_, at) in self.of(i) {
            // SAFETY: `new` kept only 8-byte aligned words inside memory that outlives `self` and that is only
            // written atomically from then on (JIT code reads it with plain loads, which an aligned 8-byte store
            // never tears).
            let word = unsafe { &*(at as *const AtomicUsize) };
            word.store(value, Ordering::Release);
        }
    }

    /// Every word, as (function index, address).
    pub(crate) fn all(&self) -> &[(u32, usize)] {
        &self.words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_outside_the_area_or_unaligned_are_refused() {
        let area = [0u64; 4];
        let start = area.as_ptr() as usize;
        let words = vec![(1, start + 8), (0, start), (2, start + 4), (3, start + 32), (1, start + 24)];
        let kept = CodeWords::new(words, (start, 32));
        assert_eq!(kept.all(), &[(0, start), (1, start + 8), (1, start + 24)]);
        assert!(kept.has(1) && kept.has(0) && !kept.has(2));
    }

    #[test]
    fn a_function_s_words_follow_its_code_and_hold_the_stub_while_it_has_none() {
        let area: [AtomicUsize; 3] = Default::default();
        let start = area.as_ptr() as usize;
        let kept = CodeWords::new(vec![(5, start), (5, start + 16), (6, start + 8)], (start, 24));
        let read = || area.iter().map(|w| w.load(Ordering::Acquire)).collect::<Vec<_>>();
        kept.follow(5, 0x1234, 0x9000, false);
        assert_eq!(read(), [0x1234, 0, 0x1234]);
        kept.follow(5, 0x5678, 0x9000, true);
        assert_eq!(read(), [0x9000, 0, 0x9000]);
    }
}
