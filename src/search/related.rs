//! Related stories: the articles most like one article, by what its story is
//! about. The article's headline and story (not its captions, tags or byline:
//! a photo credit or a wire's name says nothing of the subject) are analysed
//! as the index analyses them; its most telling words — frequent in it, rare
//! in the archive, by tf·idf as Lucene's MoreLikeThis chooses them — become
//! one query of any of them, ranked by BM25 over the whole text. The article itself is never among the results, and the
//! search filters narrow them as they narrow a search.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::tokenizer::TokenStream;
use tantivy::{Searcher, TantivyDocument};

use super::copies::{fold, hits, is_copy_of, OnPage, Prints};
use super::highlight::Highlighter;
use super::{check_section, filtered, find, MatchCount, SearchRequest, SearchResults};
use crate::article::Article;
use crate::error::Result;
use crate::index::fingerprint::Fingerprint;
use crate::index::schema::text_analyzer;
use crate::index::{Archive, Fields};

/// How many of the article's words make the query: Lucene's default, and
/// enough to say what a news story is about without its every detail.
const QUERY_WORDS: usize = 25;

/// A word must stand in at least this many other articles to relate the
/// article to anything: a typo or a name found nowhere else cannot.
const MIN_OTHER_ARTICLES: u64 = 1;

/// What related stories are asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedRequest {
    /// The article's id, or its collection's record number, as `show` takes it.
    pub id: String,
    /// Filters (dates, section) and how many to return (`limit`, `offset`);
    /// the query and order are unused.
    pub search: SearchRequest,
}

/// The articles most like one article, best first.
pub fn related(archive: &Archive, request: &RelatedRequest) -> Result<SearchResults> {
    let searcher = archive.searcher();
    let fields = archive.fields();
    check_section(&searcher, fields, request.search.section.as_deref())?;
    let address = find(&searcher, fields, &request.id)?;
    let doc: TantivyDocument = searcher.doc(address)?;
    let article = fields.to_article(&doc);
    let Some(like) = like_query(&searcher, fields, &article)? else {
        return Ok(SearchResults {
            total: MatchCount::Exact(0),
            all_words: 0,
            hits: Vec::new(),
        });
    };
    let itself = TermQuery::new(
        Term::from_field_text(fields.id, article.id.as_str()),
        IndexRecordOption::Basic,
    );
    let query = BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(filtered(like.box_clone(), fields, &request.search)) as Box<dyn Query>,
        ),
        (Occur::MustNot, Box::new(itself)),
    ]);
    let wanted = request.search.offset.saturating_add(request.search.limit);
    let prints = Prints::new(&searcher);
    let own = Fingerprint::of(&article);
    // The article's own copies are the most like it; they are left out, and
    // the window widened until the page is full or the matches run out.
    let mut window = wanted.saturating_mul(2).max(20);
    let stories = loop {
        let top = searcher.search(&query, &TopDocs::with_limit(window).order_by_score())?;
        let exhausted = top.len() < window;
        let others = top.into_iter().filter(|(_, address)| {
            own.as_ref()
                .is_none_or(|own| !is_copy_of(&prints, (own, article.date), *address))
        });
        let stories = fold(&prints, others, |(_, address)| *address);
        if stories.len() >= wanted || exhausted {
            break stories;
        }
        window = window.saturating_mul(2);
    };
    let page: Vec<OnPage> = stories
        .into_iter()
        .take(wanted)
        .enumerate()
        .skip(request.search.offset)
        .map(|(at, story)| OnPage {
            address: story.first.1,
            rank: at + 1,
            score: story.first.0,
            all_words: false,
            folded: story.others,
        })
        .collect();
    let highlighter = Highlighter::new(&searcher, fields, like.as_ref())?;
    // The article asked about is never listed as a copy of a related one.
    let listing = (Some(&prints), &[address][..]);
    let hits = hits(
        &searcher,
        fields,
        &request.search,
        &highlighter,
        listing,
        page,
    )?;
    Ok(SearchResults {
        total: MatchCount::Exact(hits.len() as u64),
        all_words: 0,
        hits,
    })
}

/// The query made of an article's most telling words, or `None` when none
/// of its words is found in any other article.
fn like_query(
    searcher: &Searcher,
    fields: &Fields,
    article: &Article,
) -> Result<Option<Box<dyn Query>>> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut analyzer = text_analyzer();
    for text in
        std::iter::once(article.title.as_str()).chain(article.body.iter().map(String::as_str))
    {
        let mut tokens = analyzer.token_stream(text);
        while tokens.advance() {
            *counts.entry(tokens.token().text.clone()).or_default() += 1;
        }
    }
    let articles = searcher.num_docs() as f64;
    let mut weighed = Vec::with_capacity(counts.len());
    for (word, count) in counts {
        let term = Term::from_field_text(fields.text, &word);
        let holding = searcher.doc_freq(&term)?;
        // The article itself holds the word too.
        if holding <= MIN_OTHER_ARTICLES {
            continue;
        }
        let idf = (1.0 + (articles - holding as f64 + 0.5) / (holding as f64 + 0.5)).ln();
        weighed.push((f64::from(count) * idf, term));
    }
    if weighed.is_empty() {
        return Ok(None);
    }
    weighed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    weighed.truncate(QUERY_WORDS);
    // The weight chooses the words; it does not boost them. Boosting each by
    // its weight let one rare name outweigh the rest of the story: on
    // Reuters-21578 the related articles sharing a topic fell from 70.1% to
    // 64.8% (benches/related.sh, docs/BENCHMARKS.md).
    let words: Vec<(Occur, Box<dyn Query>)> = weighed
        .into_iter()
        .map(|(_, term)| {
            let word = TermQuery::new(term, IndexRecordOption::WithFreqs);
            (Occur::Should, Box::new(word) as Box<dyn Query>)
        })
        .collect();
    Ok(Some(Box::new(BooleanQuery::new(words))))
}
