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

use std::sync::Arc;

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
}
