//! Snippets and headline highlights: which passage of a hit to show, and
//! where the query's words are in it.
//!
//! Finding the words means analysing each hit's text the way the index did,
//! and English stemming was most of that cost (half of a search's time in
//! process): now only words that begin like one of the query's terms are
//! stemmed (see [`Stem`]).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::Searcher;

use super::{Hit, Snippet};
use crate::article::Article;
use crate::error::Result;
use crate::index::schema::{snippet_analyzer, Stem};
use crate::index::Fields;

/// Longest snippet shown, in characters: about two lines of a terminal.
const SNIPPET_CHARS: usize = 220;

/// Makes snippets and headline highlights for the words of one query.
pub(super) struct Highlighter {
    body: SnippetGenerator,
    captions: SnippetGenerator,
    title: SnippetGenerator,
    /// The query's character pairs (a Chinese or Japanese word is a phrase
    /// of them), to finish a word a passage's end cut through.
    pairs: BTreeSet<String>,
}

impl Highlighter {
    pub(super) fn new(searcher: &Searcher, fields: &Fields, query: &dyn Query) -> Result<Self> {
        // Words looked up in the whole text are highlighted in every part of it.
        let mut pairs = BTreeSet::new();
        let mut generator = |field: Field, max_chars: usize| -> Result<SnippetGenerator> {
            let mut terms: BTreeMap<String, f32> = BTreeMap::new();
            let mut lookup_failed = None;
            query.query_terms(&mut |term, _| {
                if term.field() != field && term.field() != fields.text {
                    return;
                }
                let value = term.value();
                let Some(text) = value.as_str() else {
                    return;
                };
                match searcher.doc_freq(term) {
                    // tantivy's own weighting: rarer words make the better passage.
                    Ok(found) if found > 0 => {
                        terms.insert(text.to_string(), 1.0 / (1.0 + found as f32));
                    }
                    Ok(_) => {}
                    Err(error) => lookup_failed = Some(error),
                }
            });
            if let Some(error) = lookup_failed {
                return Err(error.into());
            }
            pairs.extend(
                terms
                    .keys()
                    .filter(|term| term.chars().count() == 2)
                    .cloned(),
            );
            let analyzer = snippet_analyzer(Stem::only_for(terms.keys().cloned()));
            Ok(SnippetGenerator::new(terms, analyzer, field, max_chars))
        };
        let body = generator(fields.body, SNIPPET_CHARS)?;
        let captions = generator(fields.captions, SNIPPET_CHARS)?;
        let title = generator(fields.title, usize::MAX / 2)?;
        Ok(Highlighter {
            body,
            captions,
            title,
            pairs,
        })
    }

    pub(super) fn hit(&self, article: Article, rank: usize, score: f32, all_words: bool) -> Hit {
        let body = article.body_text();
        let title_snippet = self.title.snippet(&article.title);
        Hit {
            rank,
            snippet: self.snippet(&body, &article.captions),
            id: article.id,
            docno: article.docno,
            score,
            date: article.date,
            section: article.section.map(|section| section.to_string()),
            title_highlights: if title_snippet.fragment() == article.title {
                merged(title_snippet.highlighted().iter().cloned())
            } else {
                Vec::new()
            },
            title: article.title,
            byline: article.byline,
            url: article.url,
            path: article.source.to_string_lossy().into_owned(),
            all_words,
            copies: Vec::new(),
        }
    }

    /// The best passage of the body; failing that, of the captions; failing
    /// that (the words were only in the headline), the story's opening.
    fn snippet(&self, body: &str, captions: &[String]) -> Snippet {
        let from_body = self.body.snippet(body);
        if !from_body.highlighted().is_empty() {
            let (range, highlights) = finish_word(
                &self.pairs,
                body,
                from_body.fragment_range(),
                from_body.highlighted(),
            );
            return passage(body, range, &highlights);
        }
        let captions = captions.join(" ");
        let from_captions = self.captions.snippet(&captions);
        if !from_captions.highlighted().is_empty() {
            let (range, highlights) = finish_word(
                &self.pairs,
                &captions,
                from_captions.fragment_range(),
                from_captions.highlighted(),
            );
            return passage(&captions, range, &highlights);
        }
        let end = opening_end(body, SNIPPET_CHARS);
        passage(body, 0..end, &[])
    }
}

/// The passage `text[range]` and its highlights (offsets in the passage),
/// with a word the passage's end cut through finished: a Chinese or Japanese
/// word is a phrase of character `pairs`, and a passage may stop after its
/// first pairs (スカイツリ|ー).
fn finish_word(
    pairs: &BTreeSet<String>,
    text: &str,
    mut range: Range<usize>,
    highlights: &[Range<usize>],
) -> (Range<usize>, Vec<Range<usize>>) {
    let mut highlights = highlights.to_vec();
    let length = range.len();
    if let Some(last) = highlights.last_mut().filter(|last| last.end == length) {
        let mut pair = String::new();
        while let (Some(before), Some(next)) = (
            text[..range.end].chars().next_back(),
            text[range.end..].chars().next(),
        ) {
            pair.clear();
            pair.extend([before, next]);
            if !pairs.contains(&pair) {
                break;
            }
            range.end += next.len_utf8();
            last.end += next.len_utf8();
        }
    }
    (range, highlights)
}

/// A snippet of `text[range]` on one line: runs of whitespace (the blank lines
/// between paragraphs) become one space, and highlights move with the text.
fn passage(text: &str, range: Range<usize>, highlights: &[Range<usize>]) -> Snippet {
    let fragment = &text[range.clone()];
    let mut line = String::with_capacity(fragment.len());
    let mut new_offset = vec![0; fragment.len() + 1];
    let mut in_space = false;
    for (at, ch) in fragment.char_indices() {
        new_offset[at] = line.len();
        if ch.is_whitespace() {
            if !in_space {
                line.push(' ');
            }
            in_space = true;
        } else {
            line.push(ch);
            in_space = false;
        }
    }
    new_offset[fragment.len()] = line.len();
    let moved = |offset: usize| new_offset.get(offset).copied().unwrap_or(line.len());
    Snippet {
        highlights: merged(
            highlights
                .iter()
                .map(|highlight| moved(highlight.start)..moved(highlight.end)),
        ),
        text: line,
        starts_mid_text: range.start > 0,
        ends_mid_text: range.end < text.trim_end().len(),
    }
}

/// Highlight ranges in order, overlapping ones joined: the character pairs
/// of a Japanese word (東京, 京都) mark one span (東京都).
fn merged(ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = ranges.collect();
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// Where an opening of about `max_chars` characters ends, at a word boundary.
fn opening_end(text: &str, max_chars: usize) -> usize {
    match text.char_indices().nth(max_chars) {
        None => text.len(),
        Some((cut, _)) => text[..cut].rfind(char::is_whitespace).unwrap_or(cut),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_tokens_come_in_text_order_compounds_included() {
        use tantivy::tokenizer::TokenStream;
        let mut analyzer = snippet_analyzer(Stem::All);
        let mut stream = analyzer.token_stream("orders for non-defense e-mail goods");
        let mut seen = Vec::new();
        while stream.advance() {
            let token = stream.token();
            seen.push((token.offset_from, token.text.clone()));
        }
        let words: Vec<&str> = seen.iter().map(|(_, word)| word.as_str()).collect();
        assert_eq!(
            words,
            [
                "order",
                "for",
                "non",
                "nondefens",
                "defens",
                "e",
                "email",
                "mail",
                "good"
            ]
        );
        assert!(seen.windows(2).all(|pair| pair[0].0 <= pair[1].0));
    }

    #[test]
    fn passages_fold_paragraph_breaks_and_keep_highlights_on_their_words() {
        let text = "Motegi met\n\nLavrov  today. Then more text.";
        let lavrov = text.find("Lavrov").unwrap();
        let end = text.find(" Then").unwrap();
        let snippet = passage(text, 0..end, &[0..6, lavrov..lavrov + 6]);
        assert_eq!(snippet.text, "Motegi met Lavrov today.");
        let words: Vec<&str> = snippet
            .highlights
            .iter()
            .map(|r| &snippet.text[r.clone()])
            .collect();
        assert_eq!(words, vec!["Motegi", "Lavrov"]);
        assert!(!snippet.starts_mid_text);
        assert!(snippet.ends_mid_text);
    }

    #[test]
    fn a_japanese_word_cut_by_the_passage_end_is_finished() {
        let text = "できます。スカイツリーに行く";
        let cut = text.find("ー").unwrap();
        let start = text.find("スカ").unwrap();
        let pairs: BTreeSet<String> = ["スカ", "カイ", "イツ", "ツリ", "リー"]
            .map(String::from)
            .into();
        let (range, highlights) =
            finish_word(&pairs, text, 0..cut, std::slice::from_ref(&(start..cut)));
        assert_eq!(&text[range.clone()], "できます。スカイツリー");
        let snippet = passage(text, range, &highlights);
        let marked: Vec<&str> = snippet
            .highlights
            .iter()
            .map(|r| &snippet.text[r.clone()])
            .collect();
        assert_eq!(marked, ["スカイツリー"]);
        // A passage that ends between words is left as it is.
        let whole = text.find("に").unwrap();
        assert_eq!(
            finish_word(
                &pairs,
                text,
                0..whole,
                std::slice::from_ref(&(start..whole))
            )
            .0,
            0..whole
        );
    }

    #[test]
    fn overlapping_highlights_are_joined() {
        assert_eq!(
            merged([3..5, 0..2, 1..4, 7..9].into_iter()),
            vec![0..5, 7..9]
        );
        assert_eq!(merged([0..2, 2..4].into_iter()), vec![0..2, 2..4]);
    }

    #[test]
    fn openings_end_at_a_word_boundary() {
        assert_eq!(opening_end("short", 10), 5);
        assert_eq!(
            &"one two three"[..opening_end("one two three", 9)],
            "one two"
        );
    }
}
