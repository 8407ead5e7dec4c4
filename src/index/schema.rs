//! The index's schema: which parts of an [`Article`] are searchable, which are
//! kept for display, and how text is analysed. This is the one place that maps
//! articles to tantivy documents and back.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, Value, FAST, STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Tokenizer,
};
use tantivy::{Index, TantivyDocument};

use super::days;

use super::fingerprint::Fingerprint;
use super::identity::{ContentHash, StoryKey, Version};
use super::in_text_order::InTextOrder;
use super::stem_cache::CachedStemmer;
pub use super::tokenizer::Stem;
use super::tokenizer::WordsAndPairs;
use crate::article::{Article, ArticleId, Section, TitleOrigin};

/// The analyser every text field uses: words split on non-alphanumerics (and
/// Chinese, Japanese and Korean into overlapping character pairs, see
/// `tokenizer`), long junk tokens dropped, case and accents folded ("Élysée"
/// finds "elysee"), and English stemming ("talks" finds "talk").
pub const TEXT_ANALYZER: &str = "morgue_english";

/// Handles to the schema's fields, so code names fields instead of strings.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// [`ArticleId`], untokenised: deletes and `morgue show` look it up exactly.
    pub id: Field,
    /// [`ArticleId::number`] as a fast column: what a ranked list of ids and
    /// the order of an export read, without loading documents.
    pub id_number: Field,
    /// The record number the source collection gave the article, untokenised:
    /// `morgue show` and `morgue eval` look it up.
    pub docno: Field,
    /// The page URL, untokenised.
    pub url: Field,
    /// Publication day as a date fast field: range filters, date sort, recency.
    pub date: Field,
    /// Section path for display and `section:` queries; a fast column too, so
    /// `morgue stats` counts sections without loading documents.
    pub section: Field,
    /// Lowercased section levels for the exact `--section` filter.
    pub section_key: Field,
    /// Headline, as the dump gave it.
    pub title: Field,
    /// The opening words shown for a story with no headline: stored, never
    /// searched (see [`TitleOrigin`]; index format 13).
    pub opening: Field,
    /// Writer or wire; a fast column too, so that `morgue stats` counts
    /// bylines without loading documents (index format 11).
    pub byline: Field,
    /// Story text, paragraphs separated by blank lines: stored for display and
    /// snippets; searched through [`Fields::text`].
    pub body: Field,
    /// This story's photo captions, one value each.
    pub captions: Field,
    /// Topic tags, one value each.
    pub tags: Field,
    /// Headline, byline, story, captions and tags indexed as one text, never
    /// stored: whether an article matches a query word is one posting list
    /// here, not a union of one per field (intersecting such unions was a
    /// third of a search's time at a million articles).
    pub text: Field,
    /// The dump file the story came from: stored only, as nothing looks
    /// articles up by file (its unique term per article was 4.8% of the
    /// instructions of a scratch run indexing 5,000 articles).
    pub path: Field,
    /// [`StoryKey`] as a number: finds earlier versions of a story. Eight
    /// bytes per term instead of 32 hex digits, which the term dictionary
    /// cannot share (they were 5.6% of the same run's instructions). A fast
    /// column too: a watch knows a story by it, across revisions and rebuilds.
    pub story: Field,
    /// [`ContentHash`] of the stored version, as 16 raw bytes (hex digits
    /// were 32 bytes per article that the doc store cannot compress).
    pub content: Field,
    /// Modification time of the dump file, in seconds: which version is newer.
    pub modified: Field,
    /// The first eight bytes of [`ContentHash`] as a fast column: a watch
    /// tells a revised story from the one it saw without loading either.
    pub content_number: Field,
    /// A few values of the story text's [`Fingerprint`], indexed: the
    /// articles sharing one are the candidates for its wire copies.
    pub copy_bands: Field,
    /// The story text's whole [`Fingerprint`] as a multi-valued fast column
    /// (empty for a text too short to have one): tells copies among candidates.
    pub fingerprint: Field,
}

impl Fields {
    /// Builds the schema morgue writes.
    pub fn schema() -> Schema {
        let mut builder = Schema::builder();
        let searched = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let text = searched.clone().set_stored();
        // Keys are matched whole and never scored: a length norm per article
        // for each would be a byte per article per field, read by nothing.
        let key = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_fieldnorms(false)
                .set_index_option(IndexRecordOption::Basic),
        );
        builder.add_text_field("id", key.clone().set_stored());
        builder.add_u64_field("id_number", FAST);
        builder.add_text_field("docno", key.clone().set_stored().set_fast("raw"));
        builder.add_text_field("url", key.clone().set_stored());
        builder.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        );
        builder.add_text_field("section", text.clone().set_fast("raw"));
        builder.add_text_field("section_key", key);
        builder.add_text_field("title", text.clone());
        builder.add_text_field("opening", STORED);
        builder.add_text_field("byline", text.clone().set_fast("raw"));
        builder.add_text_field("body", STORED);
        builder.add_text_field("captions", text.clone());
        builder.add_text_field("tags", text.clone());
        builder.add_text_field("text", searched);
        builder.add_text_field("path", STORED);
        builder.add_u64_field("story", NumericOptions::default().set_indexed().set_fast());
        builder.add_bytes_field("content", STORED);
        builder.add_i64_field("modified", STORED);
        builder.add_u64_field("content_number", FAST);
        builder.add_u64_field("copy_bands", NumericOptions::default().set_indexed());
        builder.add_u64_field("fingerprint", FAST);
        builder.build()
    }

    /// Finds the fields in a schema read from disk; `Err` names the first missing
    /// one, which means the index was not written by this version of morgue.
    pub fn from_schema(schema: &Schema) -> Result<Fields, String> {
        let field = |name: &str| {
            schema
                .get_field(name)
                .map_err(|_| format!("it has no '{name}' field"))
        };
        Ok(Fields {
            id: field("id")?,
            id_number: field("id_number")?,
            docno: field("docno")?,
            url: field("url")?,
            date: field("date")?,
            section: field("section")?,
            section_key: field("section_key")?,
            title: field("title")?,
            opening: field("opening")?,
            byline: field("byline")?,
            body: field("body")?,
            captions: field("captions")?,
            tags: field("tags")?,
            text: field("text")?,
            path: field("path")?,
            story: field("story")?,
            content: field("content")?,
            modified: field("modified")?,
            content_number: field("content_number")?,
            copy_bands: field("copy_bands")?,
            fingerprint: field("fingerprint")?,
        })
    }

    /// Where a plain query word counts beyond [`Fields::text`], which alone
    /// decides whether an article matches: the headline (again, so a headline
    /// word found in the story too, as a lede restates its headline, counts
    /// three times) and the section, whose words (World, Business) say little.
    /// Weights measured with benches/ranking.sh (docs/BENCHMARKS.md).
    pub fn boosted_fields(&self) -> [(Field, f32); 2] {
        [(self.title, 0.5), (self.section, 0.3)]
    }

    /// The tantivy document for a version of a story (`identity` and its
    /// text's fingerprint as computed by the caller, who needs the first and
    /// computes the second on another thread) read from a file modified at
    /// `modified_secs`.
    pub fn to_document(
        &self,
        article: &Article,
        identity: (&StoryKey, &ContentHash),
        print: Option<&Fingerprint>,
        modified_secs: i64,
    ) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_u64(self.story, identity.0 .0);
        doc.add_bytes(self.content, &identity.1 .0);
        doc.add_u64(self.content_number, identity.1.number());
        doc.add_i64(self.modified, modified_secs);
        doc.add_text(self.id, article.id.as_str());
        if let Some(number) = article.id.number() {
            doc.add_u64(self.id_number, number);
        }
        if let Some(docno) = &article.docno {
            doc.add_text(self.docno, docno);
        }
        if let Some(url) = &article.url {
            doc.add_text(self.url, url);
        }
        if let Some(date) = article.date {
            doc.add_date(self.date, days::stored(date));
        }
        if let Some(section) = &article.section {
            doc.add_text(self.section, section.to_string());
            for key in section.filter_keys() {
                doc.add_text(self.section_key, key);
            }
        }
        match article.title_origin {
            TitleOrigin::Given => {
                doc.add_text(self.title, &article.title);
                doc.add_text(self.text, &article.title);
            }
            // The words are the body's own, searched there once.
            TitleOrigin::Opening => doc.add_text(self.opening, &article.title),
        }
        if let Some(byline) = &article.byline {
            doc.add_text(self.byline, byline);
            doc.add_text(self.text, byline);
        }
        let body = article.body_text();
        doc.add_text(self.text, &body);
        doc.add_text(self.body, body);
        for caption in &article.captions {
            doc.add_text(self.captions, caption);
            doc.add_text(self.text, caption);
        }
        for tag in &article.tags {
            doc.add_text(self.tags, tag);
            doc.add_text(self.text, tag);
        }
        doc.add_text(self.path, article.source.to_string_lossy());
        if let Some(fingerprint) = print {
            for band in fingerprint.bands() {
                doc.add_u64(self.copy_bands, band);
            }
            for word in fingerprint.to_words() {
                doc.add_u64(self.fingerprint, word);
            }
        }
        doc
    }

    /// The content hash and version of a stored document, to compare it with
    /// another version of the same story.
    pub fn to_version(&self, doc: &TantivyDocument) -> (ContentHash, Version) {
        let mut content = [0; 16];
        if let Some(stored) = doc
            .get_first(self.content)
            .and_then(|value| value.as_bytes())
            .filter(|bytes| bytes.len() == content.len())
        {
            content.copy_from_slice(stored);
        }
        let modified_secs = doc
            .get_first(self.modified)
            .and_then(|value| value.as_i64())
            .unwrap_or_default();
        let path = doc
            .get_first(self.path)
            .and_then(|value| value.as_str())
            .unwrap_or_default();
        (
            ContentHash(content),
            Version {
                modified_secs,
                path: path.into(),
            },
        )
    }

    /// Reads a stored document back into an article.
    pub fn to_article(&self, doc: &TantivyDocument) -> Article {
        let text = |field: Field| -> Option<String> {
            doc.get_first(field)
                .and_then(|value| value.as_str())
                .map(str::to_string)
        };
        let all = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|value| value.as_str())
                .map(str::to_string)
                .collect()
        };
        let body = text(self.body).unwrap_or_default();
        // A story has a headline it was given or an opening label, never both.
        let (title, title_origin) = match text(self.opening) {
            Some(opening) => (opening, TitleOrigin::Opening),
            None => (text(self.title).unwrap_or_default(), TitleOrigin::Given),
        };
        Article {
            id: ArticleId::from_string(text(self.id).unwrap_or_default()),
            docno: text(self.docno),
            url: text(self.url),
            date: doc
                .get_first(self.date)
                .and_then(|value| value.as_datetime())
                .map(days::day_of),
            section: text(self.section).and_then(|section| Section::parse(&section)),
            title,
            title_origin,
            byline: text(self.byline),
            // A brief (a headline without text) has no paragraphs, not one empty one.
            body: body
                .split("\n\n")
                .filter(|paragraph| !paragraph.is_empty())
                .map(str::to_string)
                .collect(),
            captions: all(self.captions),
            tags: all(self.tags),
            source: text(self.path).unwrap_or_default().into(),
        }
    }
}

/// Registers the text analyser on an index (tantivy keeps analysers in memory
/// only, so every open must do this).
pub fn register_analyzer(index: &Index) {
    index.tokenizers().register(TEXT_ANALYZER, text_analyzer());
}

/// The analyser behind [`TEXT_ANALYZER`], also used to analyse query words.
pub fn text_analyzer() -> TextAnalyzer {
    analyzer_stemming(Stem::All)
}

/// The same analyser with stemming narrowed, for finding a query's words in
/// a text without the cost of stemming every other word in it.
pub fn analyzer_stemming(which: Stem) -> TextAnalyzer {
    analyzer_over(WordsAndPairs, which)
}

/// The analyser for cutting snippets: the same words, given in the order
/// they stand in the text (see [`InTextOrder`]).
pub fn snippet_analyzer(which: Stem) -> TextAnalyzer {
    analyzer_over(InTextOrder(WordsAndPairs), which)
}

fn analyzer_over<T: Tokenizer>(tokenizer: T, which: Stem) -> TextAnalyzer {
    TextAnalyzer::builder(tokenizer)
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(which)
        .filter(CachedStemmer)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    #[test]
    fn article_round_trips_through_a_document() {
        let schema = Fields::schema();
        let fields = Fields::from_schema(&schema).unwrap();
        let mut article = Article {
            id: ArticleId::from_string("abc"),
            docno: Some("17".into()),
            url: Some("https://example.com/x".into()),
            date: NaiveDate::from_ymd_opt(1987, 3, 2),
            section: Section::parse("Business / Markets"),
            title: "Title".into(),
            title_origin: TitleOrigin::Given,
            byline: Some("Reuters".into()),
            body: vec!["One.".into(), "Two.".into()],
            captions: vec!["A photo.".into(), "Another.".into()],
            tags: vec!["earn".into()],
            source: PathBuf::from("corpus/a.txt"),
        };
        let identity = (&StoryKey::of(&article), &ContentHash::of(&article));
        let print = Fingerprint::of(&article);
        let doc = fields.to_document(&article, identity, print.as_ref(), 42);
        assert_eq!(fields.to_article(&doc), article);
        let (content, version) = fields.to_version(&doc);
        assert_eq!(content, ContentHash::of(&article));
        assert_eq!(
            (version.modified_secs, version.path),
            (42, article.source.clone())
        );

        // A headline made of the opening words comes back as one, unsearched.
        article.title_origin = TitleOrigin::Opening;
        let doc = fields.to_document(&article, identity, print.as_ref(), 42);
        assert_eq!(fields.to_article(&doc), article);
        assert!(doc.get_first(fields.title).is_none());
    }

    fn analysed(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push((token.text.clone(), token.offset_from, token.position));
        }
        tokens
    }

    #[test]
    fn narrowed_stemming_finds_exactly_what_full_stemming_finds() {
        let text = "Skies cried; dying, lying and tying generals' TALKS: the United Nations' \
                    news, 東京都庁, Élysée, 1987-03-02, yearly yields, idly, gently, early, \
                    only, ugly, singly, skis, happy hoping hopping";
        let full = analysed(text_analyzer(), text);
        for (term, _, _) in &full {
            let narrowed = analysed(analyzer_stemming(Stem::only_for([term.clone()])), text);
            assert_eq!(narrowed.len(), full.len(), "every word keeps its place");
            for (theirs, ours) in full.iter().zip(&narrowed) {
                assert_eq!(theirs.1..theirs.2, ours.1..ours.2);
                assert_eq!(theirs.0 == *term, ours.0 == *term, "{term} in {ours:?}");
            }
        }
    }

    #[test]
    fn analyzer_folds_case_accents_and_stems() {
        let mut analyzer = text_analyzer();
        let mut stream = analyzer.token_stream("Élysée TALKS");
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push(token.text.clone());
        }
        assert_eq!(tokens, vec!["elyse", "talk"]);
    }
}
