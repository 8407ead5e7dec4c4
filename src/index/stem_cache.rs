//! Snowball's English stemmer with a memory of the stems it computed, one
//! per indexing thread: a measured speed-up (stemming was 16% of a full
//! build's CPU time) kept apart from the tokenizer whose words it stems.

use std::cell::RefCell;
use std::hash::Hasher;

use rustc_hash::FxHasher;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Slots a thread's [`StemMemory`] may grow to (4 MB of 32-byte slots); it
/// stops remembering new words at three quarters full. English news reuses a
/// few tens of thousands of words.
const STEM_SLOTS_MAX: usize = 1 << 17;

/// Snowball's English stemmer, remembering the stems it has computed:
/// stemming was 16% of a full build's CPU time (perf, Reuters page dumps),
/// and nearly every word of a new article has been stemmed before.
#[derive(Clone)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

thread_local! {
    /// One memory per thread, shared by every field's analyser: tantivy
    /// clones an analyser per field and per segment, and clones that each
    /// started empty re-stemmed the same words (and had each its own table
    /// to miss the cache in). Only English stems are ever remembered.
    static STEMS: RefCell<StemMemory> = const { RefCell::new(StemMemory::new()) };
}

/// The stems a [`CachedStemmer`] has computed: an open-addressing table whose
/// slots hold the word itself and how its stem differs from it, so a lookup
/// reads one cache line. (Slots pointing into a string of words cost two
/// cache misses per lookup: 8% of a full build's CPU, perf, Reuters page
/// dumps.)
struct StemMemory {
    /// A power of two long, at most three quarters full; empty until the
    /// first word.
    slots: Vec<Slot>,
    remembered: usize,
}

/// Longest word a slot holds; longer ones are stemmed each time (rare).
const SLOT_WORD_BYTES: usize = 24;
/// Longest ending a stem puts after what it keeps of its word: Snowball's
/// English rewrites are at most three letters ("ational" → "ate"); five
/// leaves room for its exceptions ("skies" → "sky").
const SLOT_ENDING_BYTES: usize = 5;

/// A remembered word: its stem is `word[..kept]` followed by `ending`.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    word: [u8; SLOT_WORD_BYTES],
    /// 0 marks a free slot.
    word_len: u8,
    kept: u8,
    ending_len: u8,
    ending: [u8; SLOT_ENDING_BYTES],
}

impl Slot {
    const FREE: Slot = Slot {
        word: [0; SLOT_WORD_BYTES],
        word_len: 0,
        kept: 0,
        ending_len: 0,
        ending: [0; SLOT_ENDING_BYTES],
    };

    /// The slot remembering `stem` for `word`, if both fit.
    fn of(word: &str, stem: &str) -> Option<Slot> {
        let mut kept = word
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !(word.is_char_boundary(kept) && stem.is_char_boundary(kept)) {
            kept -= 1;
        }
        let ending = &stem.as_bytes()[kept..];
        if word.is_empty() || word.len() > SLOT_WORD_BYTES || ending.len() > SLOT_ENDING_BYTES {
            return None;
        }
        let mut slot = Slot::FREE;
        slot.word[..word.len()].copy_from_slice(word.as_bytes());
        slot.ending[..ending.len()].copy_from_slice(ending);
        // All three fit in a byte: the word is at most SLOT_WORD_BYTES long.
        slot.word_len = word.len() as u8;
        slot.kept = kept as u8;
        slot.ending_len = ending.len() as u8;
        Some(slot)
    }

    fn holds(&self, word: &[u8]) -> bool {
        usize::from(self.word_len) == word.len() && same_bytes(&self.word[..word.len()], word)
    }

    /// Turns the slot's word, in `text`, into its stem.
    fn stem(&self, text: &mut String) {
        if usize::from(self.kept) == text.len() && self.ending_len == 0 {
            return;
        }
        // The ending was cut from a `str` at a character boundary.
        if let Ok(ending) = std::str::from_utf8(&self.ending[..usize::from(self.ending_len)]) {
            text.truncate(usize::from(self.kept));
            text.push_str(ending);
        }
    }
}

impl StemMemory {
    const fn new() -> StemMemory {
        StemMemory {
            slots: Vec::new(),
            remembered: 0,
        }
    }

    fn hash(word: &[u8]) -> usize {
        let mut hasher = FxHasher::default();
        hasher.write(word);
        // Fx hashes mix best into their high bits.
        (hasher.finish() >> 40) as usize
    }

    /// The word's slot if it is remembered, or else the free slot it would take.
    fn find(&self, word: &[u8]) -> Result<&Slot, Option<usize>> {
        if self.slots.is_empty() {
            return Err(None);
        }
        let mask = self.slots.len() - 1;
        let mut index = Self::hash(word) & mask;
        loop {
            let slot = &self.slots[index];
            if slot.word_len == 0 {
                return Err(Some(index));
            }
            if slot.holds(word) {
                return Ok(slot);
            }
            index = (index + 1) & mask;
        }
    }

    /// Remembers `word`'s stem in the free slot [`StemMemory::find`] gave,
    /// unless the memory is full or the word does not fit a slot.
    fn remember(&mut self, free: Option<usize>, word: &str, stem: &str) {
        let Some(slot) = Slot::of(word, stem) else {
            return;
        };
        let full = (self.remembered + 1) * 4 > self.slots.len() * 3;
        match free {
            Some(free) if !full => self.slots[free] = slot,
            _ if self.slots.len() < STEM_SLOTS_MAX => {
                self.grow();
                self.place(slot);
            }
            _ => return,
        }
        self.remembered += 1;
    }

    /// Doubles the table. It starts at 64 slots (2 KB): a search stems a
    /// handful of words, and each fresh page of memory is a page fault
    /// (about 5 µs on the VM this was measured on, where a start at 1024
    /// slots was 32 of a search's 82 faults on fresh memory).
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(64);
        let old = std::mem::replace(&mut self.slots, vec![Slot::FREE; size]);
        for slot in old.into_iter().filter(|slot| slot.word_len != 0) {
            self.place(slot);
        }
    }

    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut index = Self::hash(&slot.word[..usize::from(slot.word_len)]) & mask;
        while self.slots[index].word_len != 0 {
            index = (index + 1) & mask;
        }
        self.slots[index] = slot;
    }
}

/// Byte equality without a call to `memcmp`, which costs more than the
/// comparison itself for words of a few bytes.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A tokenizer followed by a [`CachedStemmer`].
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stemmer: frostem::Stemmer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            inner: self.inner.token_stream(text),
            stemmer: &self.stemmer,
        }
    }
}

/// The tokens of one text, stemmed.
pub struct CachedStemmerStream<'a, S> {
    inner: S,
    stemmer: &'a frostem::Stemmer,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        // Snowball leaves words of one or two letters alone and rewrites
        // letters only: a number (news is full of them, and each would take a
        // place among the remembered words) stays as it is, as does a word
        // the `Stem` gate blanked.
        if token.text.len() <= 2 || token.text.bytes().all(|byte| byte.is_ascii_digit()) {
            return true;
        }
        STEMS.with_borrow_mut(|stems| match stems.find(token.text.as_bytes()) {
            Ok(slot) => slot.stem(&mut token.text),
            Err(free) => {
                let stem = self.stemmer.stem(&token.text);
                stems.remember(free, &token.text, &stem);
                if stem != token.text {
                    let stem = stem.into_owned();
                    token.text.clear();
                    token.text.push_str(&stem);
                }
            }
        });
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::tokenizer::WordsAndPairs;

    /// The cached stemmer's words for `text`, checked against Snowball's
    /// twice: the second time they come from memory.
    fn stemmed_as_snowball_stems(text: &str) -> Vec<String> {
        use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer};
        let analyse = |analyzer: &mut TextAnalyzer| {
            let mut stream = analyzer.token_stream(text);
            let mut out = Vec::new();
            while stream.advance() {
                out.push(stream.token().text.clone());
            }
            out
        };
        let expected = analyse(
            &mut TextAnalyzer::builder(WordsAndPairs)
                .filter(Stemmer::new(Language::English))
                .build(),
        );
        let mut cached = TextAnalyzer::builder(WordsAndPairs)
            .filter(CachedStemmer)
            .build();
        assert_eq!(analyse(&mut cached), expected);
        assert_eq!(analyse(&mut cached), expected, "from memory");
        expected
    }

    #[test]
    fn remembered_stems_are_snowballs_stems() {
        let text =
            "Generously running runners ran 1987's 10,000 m in the 1980s; connections connected nationally, running again; \
             skies dying; counterrevolutionaries' deinstitutionalizationalisations, Übermäßigkeiten";
        assert_eq!(stemmed_as_snowball_stems(text)[1], "run");
    }

    /// Words too short to look up are the ones Snowball never changes.
    #[test]
    fn short_words_stem_as_snowball_stems_them() {
        let letters = ('a'..='z').chain(['é', 'ß']);
        let mut text = String::new();
        for first in letters.clone() {
            text.push(first);
            text.push(' ');
            for second in letters.clone() {
                text.extend([first, second, ' ']);
            }
        }
        stemmed_as_snowball_stems(&text);
    }

    /// Thousands of distinct words: the memory grows several times over and
    /// still answers every word with Snowball's stem.
    #[test]
    fn remembered_stems_survive_the_memory_growing() {
        let letters = |mut number: usize| {
            let mut word = String::new();
            loop {
                word.push(char::from(b'a' + (number % 26) as u8));
                number /= 26;
                if number == 0 {
                    break word;
                }
            }
        };
        let endings = ["ing", "s", "ed", "ation", ""];
        let text: Vec<String> = (0..6000)
            .map(|number| format!("{}{}", letters(number), endings[number % endings.len()]))
            .collect();
        stemmed_as_snowball_stems(&text.join(" "));
    }
}
