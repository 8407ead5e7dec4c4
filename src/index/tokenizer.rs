//! Splits text into the words the index holds. Alphabetic scripts split at
//! anything that is not a letter or digit, as tantivy's simple tokenizer
//! does. Chinese, Japanese and Korean are written without spaces between
//! words, so a run of their characters becomes overlapping pairs
//! (東京都庁 → 東京 京都 都庁): a query word, paired the same way, is then
//! a phrase of pairs, found wherever it stands inside a longer run. A single
//! character standing alone is kept as it is.

use std::sync::Arc;

use rustc_hash::FxHashMap;
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
}

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
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.next_position;
        self.token.position_length = 1;
        self.next_position += 1;
        true
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
                if byte.is_ascii_alphanumeric() {
                    self.at = self.word_end(self.at);
                    return self.emit(start, self.at);
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
                return self.emit(start, self.at);
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

/// Which words reach the stemmer. Snowball's English stemmer never changes a
/// word's first letter (it only rewrites endings; its few irregular forms, such
/// as "dying" to "die", keep it too), so a word that does not begin like any of
/// a set of stemmed terms cannot stem to one of them. Blanking such words
/// first (each keeps its place and offsets, and an empty word stems at no
/// cost) finds the same matches while stemming a few words instead of all.
#[derive(Clone)]
pub enum Stem {
    /// Every word, as the index needs.
    All,
    /// Only words beginning with the first letter of one of these terms.
    OnlyWordsBeginningLike(Arc<Vec<char>>),
}

impl Stem {
    /// Narrows stemming to words that may stem to one of `terms`.
    pub fn only_for(terms: impl IntoIterator<Item = String>) -> Stem {
        let mut openings: Vec<char> = terms
            .into_iter()
            .filter_map(|term| term.chars().next())
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
    openings: Option<&'a [char]>,
}

impl<S: TokenStream> TokenStream for StemGateStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        if let Some(openings) = self.openings {
            let token = self.inner.token_mut();
            let first = token.text.chars().next();
            if !first.is_some_and(|first| openings.contains(&first)) {
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

/// Words a [`CachedStemmer`] remembers per indexing thread: English text
/// reuses a few tens of thousands of words, and a hundred thousand stems
/// take about 10 MB (two short boxed strings and a table slot each).
const STEMS_REMEMBERED: usize = 100_000;

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
            stems: FxHashMap::default(),
        }
    }
}

/// A tokenizer followed by a [`CachedStemmer`]; each clone (tantivy makes one
/// per indexing thread and segment) keeps its own stems.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    stemmer: frostem::Stemmer,
    stems: FxHashMap<Box<str>, Box<str>>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            inner: self.inner.token_stream(text),
            stemmer: &self.stemmer,
            stems: &mut self.stems,
        }
    }
}

/// The tokens of one text, stemmed.
pub struct CachedStemmerStream<'a, S> {
    inner: S,
    stemmer: &'a frostem::Stemmer,
    stems: &'a mut FxHashMap<Box<str>, Box<str>>,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        // Snowball rewrites letters only: a number (news is full of them, and
        // each would take a place among the remembered words) stays as it is,
        // as does a word the `Stem` gate blanked.
        if token.text.bytes().all(|byte| byte.is_ascii_digit()) {
            return true;
        }
        if let Some(stem) = self.stems.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem: Box<str> = self.stemmer.stem(&token.text).into();
        if self.stems.len() < STEMS_REMEMBERED {
            self.stems.insert(token.text.as_str().into(), stem.clone());
        }
        token.text.clear();
        token.text.push_str(&stem);
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
            assert_eq!(&text[token.offset_from..token.offset_to], token.text);
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
                "x1y2",
                "ÅNGSTRÖM١٢",
                "東京",
                "abc",
                "都",
                "z"
            ]
        );
    }

    #[test]
    fn cjk_runs_become_overlapping_pairs_with_consecutive_positions() {
        assert_eq!(
            tokens("東京都庁"),
            [
                ("東京".to_string(), 0),
                ("京都".to_string(), 1),
                ("都庁".to_string(), 2)
            ]
        );
        assert_eq!(
            texts("iPhone5を買った"),
            ["iPhone5", "を買", "買っ", "った"]
        );
        assert_eq!(texts("川 と 山"), ["川", "と", "山"]);
        assert_eq!(texts("서울 시장"), ["서울", "시장"]);
        assert!(texts("").is_empty());
    }

    #[test]
    fn remembered_stems_are_snowballs_stems() {
        use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer};
        let text =
            "Generously running runners ran 1987's 10,000 m in the 1980s; connections connected nationally, running again";
        let words = |analyzer: &mut TextAnalyzer| {
            let mut stream = analyzer.token_stream(text);
            let mut out = Vec::new();
            while stream.advance() {
                out.push(stream.token().text.clone());
            }
            out
        };
        let mut snowball = TextAnalyzer::builder(WordsAndPairs)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(WordsAndPairs)
            .filter(CachedStemmer)
            .build();
        let expected = words(&mut snowball);
        assert_eq!(expected[1], "run");
        assert_eq!(words(&mut cached), expected);
        assert_eq!(words(&mut cached), expected, "from memory");
    }
}
