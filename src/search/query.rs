//! The query language, read the way a newsroom researcher types it:
//!
//! - `Motegi Lavrov`: articles with both words first, then those with either;
//! - `"peace treaty"`: a phrase; an unclosed quote runs to the end;
//! - `title:Lavrov`, `byline:Kyodo`, `body:`, `caption:`, `tag:`, `section:`;
//! - `-coal` or `NOT coal`: exclude; `+word`: require even in the fallback;
//! - `Abe OR Putin` (also `|`): either word fills one slot of the query.
//!
//! There is no syntax error: a character that means nothing here is treated as
//! text, and text that analyses to no word is dropped. The parser is a single
//! pass over the characters, kept apart from tantivy so it can be tested alone.

use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::tokenizer::TextAnalyzer;

use crate::index::Fields;

/// A field a user can name before a colon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldName {
    /// `title:` or `headline:`.
    Title,
    /// `byline:`, `by:`, `author:` or `source:`.
    Byline,
    /// `body:` or `text:`: the whole text (headline, byline, story, captions
    /// and tags are indexed as one).
    Body,
    /// `caption:` or `captions:`.
    Captions,
    /// `tag:` or `tags:`.
    Tags,
    /// `section:`.
    Section,
}

impl FieldName {
    fn parse(name: &str) -> Option<Self> {
        Some(match name.to_lowercase().as_str() {
            "title" | "headline" => FieldName::Title,
            "byline" | "by" | "author" | "source" => FieldName::Byline,
            "body" | "text" => FieldName::Body,
            "caption" | "captions" => FieldName::Captions,
            "tag" | "tags" => FieldName::Tags,
            "section" => FieldName::Section,
            _ => return None,
        })
    }

    fn field(self, fields: &Fields) -> Field {
        match self {
            FieldName::Title => fields.title,
            FieldName::Byline => fields.byline,
            FieldName::Body => fields.text,
            FieldName::Captions => fields.captions,
            FieldName::Tags => fields.tags,
            FieldName::Section => fields.section,
        }
    }
}

/// One thing to look for: a word or a quoted phrase, maybe in one field.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// Restricts the match to one field; `None` searches all text fields.
    pub field: Option<FieldName>,
    /// The user's text; analysed later with the index's analyser.
    pub text: String,
    /// Whether the user quoted it.
    pub quoted: bool,
}

/// One slot of the query: alternatives joined by OR, maybe negated or required.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Any one of these satisfies the clause.
    pub alternatives: Vec<Alternative>,
    /// `-word`: the article must not match.
    pub excluded: bool,
    /// `+word`: the article must match even when the fallback relaxes the rest.
    pub required: bool,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UserQuery {
    /// The clauses in the order typed.
    pub clauses: Vec<Clause>,
}

impl UserQuery {
    /// Parses anything a user can type; never fails.
    pub fn parse(input: &str) -> UserQuery {
        let mut clauses: Vec<Clause> = Vec::new();
        let mut join_next = false;
        let mut negate_next = false;
        let mut chars = input.char_indices().peekable();
        while let Some(&(start, ch)) = chars.peek() {
            if ch.is_whitespace() {
                chars.next();
                continue;
            }
            let mut excluded = std::mem::take(&mut negate_next);
            let mut required = false;
            let mut field = None;
            let mut cursor = start;
            // Prefix markers.
            if let Some(sign @ ('-' | '+')) = input[cursor..].chars().next() {
                let after = &input[cursor + 1..];
                if after.starts_with(|c: char| !c.is_whitespace()) {
                    excluded |= sign == '-';
                    required = sign == '+';
                    cursor += 1;
                }
            }
            // Field prefix: a known name followed by a colon and something.
            if let Some(colon) = input[cursor..].find(':') {
                let name = &input[cursor..cursor + colon];
                let after = &input[cursor + colon + 1..];
                if let Some(known) = FieldName::parse(name) {
                    if after.starts_with(|c: char| !c.is_whitespace()) {
                        field = Some(known);
                        cursor += colon + 1;
                    }
                }
            }
            // The word or phrase itself.
            let (text, quoted, end) = if input[cursor..].starts_with('"') {
                let body_start = cursor + 1;
                match input[body_start..].find('"') {
                    Some(close) => (
                        &input[body_start..body_start + close],
                        true,
                        body_start + close + 1,
                    ),
                    None => (&input[body_start..], true, input.len()),
                }
            } else {
                let end = input[cursor..]
                    .find(char::is_whitespace)
                    .map_or(input.len(), |at| cursor + at);
                (&input[cursor..end], false, end)
            };
            while chars.peek().is_some_and(|&(at, _)| at < end) {
                chars.next();
            }
            if !quoted && field.is_none() && !excluded && !required {
                match text {
                    "OR" | "|" if !clauses.is_empty() => {
                        join_next = true;
                        continue;
                    }
                    "AND" | "&&" => continue,
                    "NOT" => {
                        negate_next = true;
                        continue;
                    }
                    _ => {}
                }
            }
            let alternative = Alternative {
                field,
                text: text.to_string(),
                quoted,
            };
            match clauses.last_mut() {
                Some(last) if std::mem::take(&mut join_next) && !excluded && !last.excluded => {
                    last.alternatives.push(alternative);
                    last.required |= required;
                }
                _ => clauses.push(Clause {
                    alternatives: vec![alternative],
                    excluded,
                    required,
                }),
            }
        }
        UserQuery { clauses }
    }
}

/// Words so common that they say nothing about what a query is after: they
/// are never required, and they score nothing when the query has other words
/// (on Cranfield, scoring them cost 0.015 MAP and 0.021 nDCG@10); a query of
/// only such words ("the who") still searches them.
const STOP_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did",
    "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will",
    "with", "would", "you", "your",
];

/// How far apart (in words, in order) two neighbouring query words may stand
/// in the body for the pair to earn [`PROXIMITY_WEIGHT`]: a sentence's reach.
pub const PROXIMITY_SLOP: u32 = 8;

/// The weight of a neighbouring pair of query words found near each other in
/// the body, against 1.0 for each word on its own: stories where "trade" and
/// "deficit" stand together beat stories that mention each somewhere.
/// Cranfield MAP +0.007 and nDCG@10 +0.008, known-item search on Reuters by
/// body words MRR +0.037, by exact headline −0.001 (see docs/BENCHMARKS.md).
pub const PROXIMITY_WEIGHT: f32 = 0.3;

/// The tantivy queries for one user query, in the shapes search needs.
pub struct CompiledQuery {
    /// Every content clause required: the first tier of hits.
    pub strict: Box<dyn Query>,
    /// Any clause suffices (required ones still required): the full match set.
    pub loose: Box<dyn Query>,
    /// Neighbouring query words close together in the body, one query per
    /// pair: a bonus added to the scores of each tier's best matches, never a
    /// condition of matching (evaluating positions for every match was most
    /// of a search's cost).
    pub proximity: Vec<Box<dyn Query>>,
    /// Whether the strict and loose tiers differ (more than one clause to relax).
    pub tiered: bool,
    /// Set when every content clause is one plain word: see [`Shortcut`].
    pub shortcut: Option<Shortcut>,
    /// Set when the query has no searchable word and so matches every article.
    pub everything: bool,
}

/// A query whose content clauses are all plain words (no phrase, field,
/// alternative or `+word`), which `plain_words` can rank without scoring most
/// of its matches.
pub struct Shortcut {
    /// The analysed words, in the order typed.
    words: Vec<String>,
    /// The whole-text field.
    text: Field,
    /// The boosted fields and their weights.
    boosted_fields: [(Field, f32); 2],
    /// The excluded clauses (`-word`), which still apply.
    pub excluded: Vec<Box<dyn Query>>,
}

impl CompiledQuery {
    /// Analyses the user's words with the index's analyser and builds the
    /// queries. A query with no searchable word matches every article, so that
    /// filters alone (`--since 2019-12 ""`) list what is in range.
    pub fn compile(query: &UserQuery, fields: &Fields, analyzer: &TextAnalyzer) -> CompiledQuery {
        let mut analyzer = analyzer.clone();
        let mut content = Vec::new();
        let mut common = Vec::new();
        let mut required = Vec::new();
        let mut excluded = Vec::new();
        let mut content_words = Vec::new();
        for clause in &query.clauses {
            let alternatives: Vec<Box<dyn Query>> = clause
                .alternatives
                .iter()
                .filter_map(|alternative| alternative_query(alternative, fields, &mut analyzer))
                .collect();
            let Some(clause_query) = any_of(alternatives) else {
                continue;
            };
            if clause.excluded {
                excluded.push(clause_query);
            } else if clause.required {
                required.push(clause_query);
            } else if is_stop_clause(clause) {
                common.push(clause_query);
            } else {
                content_words.push(plain_word(clause, &mut analyzer));
                content.push(clause_query);
            }
        }
        // A query of only common words ("the who") must still require them.
        if content.is_empty() {
            content = std::mem::take(&mut common);
        }
        let nearby = content_words
            .windows(2)
            .filter_map(|pair| match pair {
                [Some(first), Some(second)] if first != second => {
                    Some(near_each_other(fields.text, first, second))
                }
                _ => None,
            })
            .collect::<Vec<_>>();
        let tiered = content.len() > 1;
        let shortcut = match content_words
            .iter()
            .cloned()
            .collect::<Option<Vec<String>>>()
        {
            Some(words) if required.is_empty() && !words.is_empty() => {
                Some(Shortcut::new(fields, words, &excluded))
            }
            _ => None,
        };
        let build = |strict: bool| -> Box<dyn Query> {
            let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for query in &required {
                parts.push((Occur::Must, query.box_clone()));
            }
            let content_occur = if strict { Occur::Must } else { Occur::Should };
            for query in &content {
                parts.push((content_occur, query.box_clone()));
            }
            if required.is_empty() && content.is_empty() {
                parts.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
            }
            for query in &excluded {
                parts.push((Occur::MustNot, query.box_clone()));
            }
            Box::new(BooleanQuery::new(parts))
        };
        CompiledQuery {
            strict: build(true),
            loose: build(false),
            proximity: nearby,
            tiered,
            shortcut,
            everything: required.is_empty() && content.is_empty() && excluded.is_empty(),
        }
    }
}

impl Shortcut {
    fn new(fields: &Fields, words: Vec<String>, excluded: &[Box<dyn Query>]) -> Shortcut {
        Shortcut {
            words,
            text: fields.text,
            boosted_fields: fields.boosted_fields(),
            excluded: excluded.iter().map(|query| query.box_clone()).collect(),
        }
    }

    /// Each word in the whole text.
    pub fn text_terms(&self) -> impl Iterator<Item = Term> + '_ {
        self.words
            .iter()
            .map(|word| Term::from_field_text(self.text, word))
    }

    /// Each word in each boosted field, with the field's weight.
    pub fn boosted_terms(&self) -> impl Iterator<Item = (Term, f32)> + '_ {
        self.boosted_fields.iter().flat_map(|&(field, weight)| {
            self.words
                .iter()
                .map(move |word| (Term::from_field_text(field, word), weight))
        })
    }
}

/// The single analysed token of a clause that is one plain word (no field,
/// no quotes, no alternatives), which is what proximity pairs are made of.
fn plain_word(clause: &Clause, analyzer: &mut TextAnalyzer) -> Option<String> {
    let [alternative] = &clause.alternatives[..] else {
        return None;
    };
    if alternative.quoted || alternative.field.is_some() {
        return None;
    }
    let mut spellings = spellings(analyzer, &alternative.text);
    match &mut spellings[..] {
        [only] if only.len() == 1 => only.pop(),
        _ => None,
    }
}

/// Two words within [`PROXIMITY_SLOP`] of each other, in order, in `field`.
fn near_each_other(field: Field, first: &str, second: &str) -> Box<dyn Query> {
    let mut phrase = PhraseQuery::new(vec![
        Term::from_field_text(field, first),
        Term::from_field_text(field, second),
    ]);
    phrase.set_slop(PROXIMITY_SLOP);
    Box::new(BoostQuery::new(Box::new(phrase), PROXIMITY_WEIGHT))
}

fn is_stop_clause(clause: &Clause) -> bool {
    clause.alternatives.iter().all(|alternative| {
        !alternative.quoted
            && alternative.field.is_none()
            && STOP_WORDS.contains(&alternative.text.to_lowercase().as_str())
    })
}

fn any_of(mut queries: Vec<Box<dyn Query>>) -> Option<Box<dyn Query>> {
    match queries.len() {
        0 => None,
        1 => queries.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            queries
                .into_iter()
                .map(|query| (Occur::Should, query))
                .collect(),
        ))),
    }
}

/// One word or phrase, looked up in its field, or else in the whole text with
/// the boosted fields adding to its score.
/// A single typed word that analyses to several tokens ("Motegi's",
/// "COVID-19") becomes a phrase, as the user meant one thing; a hyphenated
/// one may also be written whole ("COVID19").
fn alternative_query(
    alternative: &Alternative,
    fields: &Fields,
    analyzer: &mut TextAnalyzer,
) -> Option<Box<dyn Query>> {
    let spellings = spellings(analyzer, &alternative.text);
    if spellings.is_empty() {
        return None;
    }
    let in_field = |field: Field| -> Box<dyn Query> {
        let written = |words: &Vec<String>| -> Box<dyn Query> {
            if let [word] = &words[..] {
                scored_term(Term::from_field_text(field, word))
            } else {
                let terms = words
                    .iter()
                    .map(|word| Term::from_field_text(field, word))
                    .collect();
                Box::new(PhraseQuery::new(terms))
            }
        };
        match &spellings[..] {
            [words] => written(words),
            _ => Box::new(BooleanQuery::new(
                spellings
                    .iter()
                    .map(|words| (Occur::Should, written(words)))
                    .collect(),
            )),
        }
    };
    match alternative.field {
        Some(name) => Some(in_field(name.field(fields))),
        None => {
            let mut parts = vec![(Occur::Must, in_field(fields.text))];
            for (field, weight) in fields.boosted_fields() {
                let boosted: Box<dyn Query> = Box::new(BoostQuery::new(in_field(field), weight));
                parts.push((Occur::Should, boosted));
            }
            Some(Box::new(BooleanQuery::new(parts)))
        }
    }
}

/// A word scored by BM25 in one field.
fn scored_term(term: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
}

/// The ways a piece of query text is written in the index, each a run of
/// analysed words in a row: word by word, and, when it holds hyphenated
/// compounds (which the analyser also gives whole, at the last part's
/// position), with each compound as one word. Empty when nothing in the text
/// is searchable.
pub fn spellings(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Vec<String>> {
    let mut stream = analyzer.token_stream(text);
    let mut parts: Vec<(usize, String)> = Vec::new();
    let mut wholes: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut last_position = None;
    while let Some(token) = stream.next() {
        if last_position == Some(token.position) {
            wholes.push((token.offset_from..token.offset_to, token.text.clone()));
        } else {
            last_position = Some(token.position);
            parts.push((token.offset_from, token.text.clone()));
        }
    }
    if parts.is_empty() {
        return Vec::new();
    }
    let mut whole_words = Vec::new();
    let mut wholes_left = wholes.iter().peekable();
    for (start, word) in &parts {
        match wholes_left.peek() {
            Some((range, _)) if range.contains(start) => {
                // The compound's last part: the whole word stands there.
                let next_part_outside = parts
                    .iter()
                    .find(|(other, _)| other > start)
                    .is_none_or(|(other, _)| !range.contains(other));
                if next_part_outside {
                    if let Some((_, whole)) = wholes_left.next() {
                        whole_words.push(whole.clone());
                    }
                }
            }
            _ => whole_words.push(word.clone()),
        }
    }
    let by_word = parts.into_iter().map(|(_, word)| word).collect();
    if wholes.is_empty() {
        vec![by_word]
    } else {
        vec![by_word, whole_words]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(query: &UserQuery) -> Vec<Vec<&str>> {
        query
            .clauses
            .iter()
            .map(|clause| {
                clause
                    .alternatives
                    .iter()
                    .map(|a| a.text.as_str())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn plain_words_phrases_fields_and_signs() {
        let query = UserQuery::parse(r#"Motegi "peace treaty" title:Lavrov -coal +Moscow"#);
        assert_eq!(
            words(&query),
            vec![
                vec!["Motegi"],
                vec!["peace treaty"],
                vec!["Lavrov"],
                vec!["coal"],
                vec!["Moscow"]
            ]
        );
        assert!(query.clauses[1].alternatives[0].quoted);
        assert_eq!(
            query.clauses[2].alternatives[0].field,
            Some(FieldName::Title)
        );
        assert!(query.clauses[3].excluded);
        assert!(query.clauses[4].required);
    }

    #[test]
    fn or_joins_neighbours_and_not_negates() {
        let query = UserQuery::parse("Abe OR Putin | Xi summit NOT Trump");
        assert_eq!(
            words(&query),
            vec![vec!["Abe", "Putin", "Xi"], vec!["summit"], vec!["Trump"]]
        );
        assert!(query.clauses[2].excluded);
    }

    #[test]
    fn hyphenated_words_are_looked_for_both_ways() {
        let analyzer = crate::index::schema::text_analyzer();
        let words = |text: &str| spellings(&mut analyzer.clone(), text);
        assert_eq!(words("U.S."), [["us"]]);
        assert_eq!(words("e-mail"), [vec!["e", "mail"], vec!["email"]]);
        assert_eq!(
            words("an e-mail from COVID-19 wards"),
            [
                vec!["an", "e", "mail", "from", "covid", "19", "ward"],
                vec!["an", "email", "from", "covid19", "ward"]
            ]
        );
        assert!(words("—").is_empty());
    }

    #[test]
    fn anything_typed_parses_without_error() {
        for input in [
            "\"",
            "-",
            "+",
            ":",
            "title:",
            "OR",
            "((a)",
            "a OR",
            "\"unclosed phrase",
            "x:y",
            "🦀 -\"",
            "NOT",
            "- -",
        ] {
            let query = UserQuery::parse(input);
            assert!(query.clauses.len() <= 3, "{input}: {query:?}");
        }
        assert_eq!(
            words(&UserQuery::parse("\"unclosed phrase")),
            vec![vec!["unclosed phrase"]]
        );
        assert_eq!(words(&UserQuery::parse("x:y")), vec![vec!["x:y"]]);
        assert_eq!(
            UserQuery::parse("title: x").clauses[0].alternatives[0].field,
            None
        );
    }
}
