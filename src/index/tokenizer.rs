//! Splits text into the words the index holds. Alphabetic scripts split at
//! anything that is not a letter or digit, as tantivy's simple tokenizer
//! does. Chinese, Japanese and Korean are written without spaces between
//! words, so a run of their characters becomes overlapping pairs
//! (東京都庁 → 東京 京都 都庁): a query word, paired the same way, is then
//! a phrase of pairs, found wherever it stands inside a longer run. A single
//! character standing alone is kept as it is.
//!
//! Two spellings news writes both ways are made to meet: an acronym with
//! dots is one word ("U.S." is "US", so a search for either finds both), and
//! a hyphenated compound opening with a letter is also given whole, at its
//! last part's position ("e-mail" is "e", "mail" and "email"; "COVID-19" is
//! also "COVID19"), so archives that spelled it "email" in later years and
//! "e-mail" in earlier ones answer one search.

use std::cell::RefCell;
use std::hash::Hasher;
use std::sync::Arc;

use rustc_hash::FxHasher;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The tokenizer of [`super::schema::TEXT_ANALYZER`].
#[derive(Clone, Default)]
pub struct WordsAndPairs;

impl Tokenizer for WordsAndPairs {
    type TokenStream<'a> = WordsAndPairsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordsAndPairsStream<'a> {
        WordsAndPairsStream {
            text,
            at: 0,
            pending: None,
            token: Token::default(),
            next_position: 0,
            compound: None,
            joined: None,
        }
    }
}

/// The tokens of one text. Scanning goes byte by byte through ASCII (most of
/// any English archive) and decodes a character only where a byte says one
/// starts: this tokenizer runs over every word indexed and every hit's text
/// a snippet is cut from.
pub struct WordsAndPairsStream<'a> {
    text: &'a str,
    /// Where scanning goes on: always a character boundary.
    at: usize,
    /// Inside a run of CJK characters: where the previous character started.
    pending: Option<usize>,
    token: Token,
    next_position: usize,
    /// The hyphenated compound the last word may belong to: where its first
    /// part starts and its last part so far ends.
    compound: Option<(usize, usize)>,
    /// A compound read to its end, to give whole as the next token.
    joined: Option<(usize, usize)>,
}

/// Most parts a compound is given whole for ("mother-in-law"); longer runs of
/// hyphens are lists or ranges, not words.
const MAX_COMPOUND_PARTS: usize = 4;

/// Whether a character belongs to a script written without spaces between
/// words: Han ideographs, kana, Hangul (and their compatibility forms).
pub fn is_cjk(ch: char) -> bool {
    ch >= '\u{1100}'
        && matches!(ch,
            '\u{3005}'..='\u{3007}'
            | '\u{3040}'..='\u{30FF}'
            | '\u{3130}'..='\u{318F}'
            | '\u{31F0}'..='\u{31FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF66}'..='\u{FF9F}'
            | '\u{1100}'..='\u{11FF}'
            | '\u{20000}'..='\u{2FA1F}')
}

impl WordsAndPairsStream<'_> {
    #[inline(always)]
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.place_next(from, to)
    }

    /// Gives the token, its text written, the text `from..to` and the next position.
    #[inline(always)]
    fn place_next(&mut self, from: usize, to: usize) -> bool {
        let position = self.next_position;
        self.next_position += 1;
        self.place(from, to, position)
    }

    #[inline(always)]
    fn place(&mut self, from: usize, to: usize, position: usize) -> bool {
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
        true
    }

    /// A word: noted as a part of a hyphenated compound when it is one, so
    /// that the compound follows it whole once its last part is out. Most
    /// words are neither followed by a hyphen nor part of a compound.
    #[inline(always)]
    fn emit_word(&mut self, from: usize, to: usize) -> bool {
        if self.compound.is_some() || self.text.as_bytes().get(to) == Some(&b'-') {
            self.note_compound(from, to);
        }
        self.emit(from, to)
    }

    /// Extends, ends or starts the compound the word `from..to` belongs to.
    #[cold]
    fn note_compound(&mut self, from: usize, to: usize) {
        let compound_start = match self.compound {
            Some((start, end)) if end + 1 == from && self.text.as_bytes()[end] == b'-' => start,
            _ => from,
        };
        if self.joins_next(to) {
            self.compound = Some((compound_start, to));
        } else {
            self.compound = None;
            let whole = &self.text[compound_start..to];
            let parts = whole.bytes().filter(|&byte| byte == b'-').count() + 1;
            if compound_start < from
                && parts <= MAX_COMPOUND_PARTS
                && whole.starts_with(char::is_alphabetic)
            {
                self.joined = Some((compound_start, to));
            }
        }
    }

    /// Whether a hyphen joins the word ending at `end` to another word.
    fn joins_next(&self, end: usize) -> bool {
        self.text.as_bytes().get(end) == Some(&b'-')
            && self
                .char_at(end + 1)
                .is_some_and(|ch| ch.is_alphanumeric() && !is_cjk(ch))
    }

    /// The compound `from..to` as one word, at the position of its last part.
    fn emit_joined(&mut self, from: usize, to: usize) -> bool {
        self.token.text.clear();
        self.token
            .text
            .extend(self.text[from..to].chars().filter(|&ch| ch != '-'));
        self.place(from, to, self.next_position.saturating_sub(1))
    }

    /// Where an acronym written with dots that starts at `from` ends (after
    /// its last dot): single letters each followed by a dot, two or more.
    fn acronym_end(&self, from: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let mut at = from;
        while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) && bytes.get(at + 1) == Some(&b'.')
        {
            at += 2;
        }
        let letters = (at - from) / 2;
        (letters >= 2 && !bytes.get(at).is_some_and(u8::is_ascii_alphanumeric)).then_some(at)
    }

    /// An acronym's letters as one word ("U.S." gives "US").
    fn emit_acronym(&mut self, from: usize, to: usize) -> bool {
        self.compound = None;
        self.token.text.clear();
        self.token.text.extend(
            self.text.as_bytes()[from..to]
                .iter()
                .step_by(2)
                .map(|&byte| char::from(byte)),
        );
        self.place_next(from, to)
    }

    /// The character starting at byte `at`, if any.
    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|rest| rest.chars().next())
    }

    /// Where the word going on at byte `at` ends: at the first character that
    /// is neither a letter nor a digit, or that is CJK (a run of its own).
    fn word_end(&self, mut at: usize) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii() {
                if !byte.is_ascii_alphanumeric() {
                    break;
                }
                at += 1;
            } else {
                match self.char_at(at) {
                    Some(ch) if ch.is_alphanumeric() && !is_cjk(ch) => at += ch.len_utf8(),
                    _ => break,
                }
            }
        }
        at
    }
}

impl TokenStream for WordsAndPairsStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((from, to)) = self.joined.take() {
            return self.emit_joined(from, to);
        }
        // Continue a CJK run: the next pair starts at the previous character.
        if let Some(previous) = self.pending.take() {
            if let Some(ch) = self.char_at(self.at).filter(|&ch| is_cjk(ch)) {
                self.pending = Some(self.at);
                self.at += ch.len_utf8();
                return self.emit(previous, self.at);
            }
        }
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.at) {
            let start = self.at;
            if byte.is_ascii() {
                self.at += 1;
                if byte.is_ascii_alphabetic() && bytes.get(self.at) == Some(&b'.') {
                    if let Some(end) = self.acronym_end(start) {
                        self.at = end;
                        return self.emit_acronym(start, end);
                    }
                }
                if byte.is_ascii_alphanumeric() {
                    self.at = self.word_end(self.at);
                    return self.emit_word(start, self.at);
                }
                continue;
            }
            let Some(ch) = self.char_at(start) else {
                break;
            };
            self.at += ch.len_utf8();
            if is_cjk(ch) {
                if let Some(next) = self.char_at(self.at).filter(|&next| is_cjk(next)) {
                    self.pending = Some(self.at);
                    self.at += next.len_utf8();
                }
                return self.emit(start, self.at);
            }
            if ch.is_alphanumeric() {
                self.at = self.word_end(self.at);
                return self.emit_word(start, self.at);
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Which words reach the stemmer. Snowball's English stemmer rewrites only
/// endings, so a word's stem keeps its first two letters, except for the
/// irregular "dying", "lying" and "tying" (to "die", "lie", "tie"). So a word
/// that begins like none of a set of stemmed terms (counting a second-letter
/// "y" as an "i") cannot stem to one of them. Blanking such words
/// first (each keeps its place and offsets, and an empty word stems at no
/// cost) finds the same matches while stemming a few words instead of all.
#[derive(Clone)]
pub enum Stem {
    /// Every word, as the index needs.
    All,
    /// Only words beginning with the first two letters of one of these terms
    /// (the one letter of a one-letter term).
    OnlyWordsBeginningLike(Arc<Vec<Opening>>),
}

/// The first letter of a term, and its second when it has one.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Opening(char, Option<char>);

impl Opening {
    fn of(word: &str) -> Option<Opening> {
        let mut letters = word.chars();
        Some(Opening(letters.next()?, letters.next()))
    }

    /// Whether a word opening with `word` may stem to a term opening with `self`.
    fn admits(self, word: Opening) -> bool {
        self.0 == word.0
            && match (self.1, word.1) {
                (None, _) => true,
                (Some(second), Some(theirs)) => {
                    second == theirs || (second == 'i' && theirs == 'y')
                }
                (Some(_), None) => false,
            }
    }
}

impl Stem {
    /// Narrows stemming to words that may stem to one of `terms`.
    pub fn only_for(terms: impl IntoIterator<Item = String>) -> Stem {
        let mut openings: Vec<Opening> = terms
            .into_iter()
            .filter_map(|term| Opening::of(&term))
            .collect();
        openings.sort_unstable();
        openings.dedup();
        Stem::OnlyWordsBeginningLike(Arc::new(openings))
    }
}

impl TokenFilter for Stem {
    type Tokenizer<T: Tokenizer> = StemGate<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> StemGate<T> {
        StemGate { inner, which: self }
    }
}

/// A tokenizer followed by a [`Stem`] gate.
#[derive(Clone)]
pub struct StemGate<T> {
    inner: T,
    which: Stem,
}

impl<T: Tokenizer> Tokenizer for StemGate<T> {
    type TokenStream<'a> = StemGateStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemGateStream {
            inner: self.inner.token_stream(text),
            openings: match &self.which {
                Stem::All => None,
                Stem::OnlyWordsBeginningLike(openings) => Some(openings),
            },
        }
    }
}

/// The tokens of one text, past a [`Stem`] gate.
pub struct StemGateStream<'a, S> {
    inner: S,
    openings: Option<&'a [Opening]>,
}

impl<S: TokenStream> TokenStream for StemGateStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        if let Some(openings) = self.openings {
            let token = self.inner.token_mut();
            let admitted = Opening::of(&token.text)
                .is_some_and(|word| openings.iter().any(|opening| opening.admits(word)));
            if !admitted {
                token.text.clear();
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.inner.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

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

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = WordsAndPairs;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            // Acronyms and compounds cover their dots and hyphens.
            let covered: String = text[token.offset_from..token.offset_to]
                .chars()
                .filter(|&ch| ch != '.' && ch != '-')
                .collect();
            assert_eq!(covered, token.text);
            out.push((token.text.clone(), token.position));
        }
        out
    }

    fn texts(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|(text, _)| text).collect()
    }

    #[test]
    fn alphabetic_words_split_as_usual() {
        assert_eq!(
            texts("Motegi's talks, 2019-12-10!"),
            ["Motegi", "s", "talks", "2019", "12", "10"]
        );
        assert_eq!(texts("Élysée"), ["Élysée"]);
        assert_eq!(
            texts("naïve café-au-lait, x1y2 ÅNGSTRÖM١٢ — 東京abc都 z"),
            [
                "naïve",
                "café",
                "au",
                "lait",
                "caféaulait",
                "x1y2",
                "ÅNGSTRÖM١٢",
                "東京",
                "abc",
                "都",
                "z"
            ]
        );
    }

    /// Expected tokens, written as (text, position) pairs.
    fn positioned(pairs: &[(&str, usize)]) -> Vec<(String, usize)> {
        pairs
            .iter()
            .map(|&(text, position)| (text.to_string(), position))
            .collect()
    }

    #[test]
    fn acronyms_are_one_word_and_compounds_are_also_whole() {
        assert_eq!(
            tokens("the U.S. and U.N. e.g. A.B"),
            positioned(&[
                ("the", 0),
                ("US", 1),
                ("and", 2),
                ("UN", 3),
                ("eg", 4),
                ("A", 5),
                ("B", 6)
            ])
        );
        // The whole compound stands where its last part does.
        assert_eq!(
            tokens("an e-mail from COVID-19 wards"),
            positioned(&[
                ("an", 0),
                ("e", 1),
                ("mail", 2),
                ("email", 2),
                ("from", 3),
                ("COVID", 4),
                ("19", 5),
                ("COVID19", 5),
                ("wards", 6)
            ])
        );
        // Figures joined by hyphens are ranges and dates; long runs are lists.
        assert_eq!(texts("2019-12-10 2-1"), ["2019", "12", "10", "2", "1"]);
        assert_eq!(texts("a-b-c-d-e"), ["a", "b", "c", "d", "e"]);
        assert_eq!(texts("U.S.-led"), ["US", "led"]);
        assert_eq!(texts("well- known"), ["well", "known"]);
    }

    #[test]
    fn cjk_runs_become_overlapping_pairs_with_consecutive_positions() {
        assert_eq!(
            tokens("東京都庁"),
            positioned(&[("東京", 0), ("京都", 1), ("都庁", 2)])
        );
        assert_eq!(
            texts("iPhone5を買った"),
            ["iPhone5", "を買", "買っ", "った"]
        );
        assert_eq!(texts("川 と 山"), ["川", "と", "山"]);
        assert_eq!(texts("서울 시장"), ["서울", "시장"]);
        assert!(texts("").is_empty());
    }

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
