//! Parsing speed of the page-dump reader: bytes of dump per second, file reads
//! from the page cache included (the way `morgue index` sees them); and the
//! text analyser every indexed word goes through, beside tantivy's own English
//! chain (what its Python bindings' `en_stem` runs) on the same text.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "common.rs"]
mod common;

fn parse_page_dumps(c: &mut Criterion) {
    let files = morgue::ingest::discover(&common::dump_folders(), None).files;
    let sample: Vec<_> = files.iter().step_by(10).cloned().collect();
    let bytes: u64 = sample
        .iter()
        .filter_map(|path| std::fs::metadata(path).ok())
        .map(|meta| meta.len())
        .sum();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("page_dump", |b| {
        b.iter(|| {
            sample
                .iter()
                .map(|path| morgue::ingest::Reader::default().read(path))
                .filter(|outcome| matches!(outcome, morgue::ingest::FileOutcome::Read { .. }))
                .count()
        })
    });
    group.finish();
}

/// Every indexed word of the sample passes the analyser once: a build's
/// tokenizing and stemming cost, apart from tantivy's postings.
fn analyse_text(c: &mut Criterion) {
    use tantivy::tokenizer::{
        Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    };
    let files = morgue::ingest::discover(&common::dump_folders(), None).files;
    let reader = morgue::ingest::Reader::default();
    let texts: Vec<String> = files
        .iter()
        .step_by(10)
        .filter_map(|path| match reader.read(path) {
            morgue::ingest::FileOutcome::Read { articles, .. } => Some(articles),
            _ => None,
        })
        .flatten()
        .map(|article| format!("{}\n\n{}", article.title, article.body.join("\n\n")))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let words = |analyzer: &mut TextAnalyzer| {
        let mut count = 0usize;
        for text in &texts {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                count += stream.token().text.len();
            }
        }
        count
    };
    let mut group = c.benchmark_group("analyse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    let mut ours = morgue::index::schema::text_analyzer();
    group.bench_function("morgue", |b| b.iter(|| words(&mut ours)));
    let mut english = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build();
    group.bench_function("tantivy_en_stem", |b| b.iter(|| words(&mut english)));
    group.finish();
}

criterion_group!(benches, parse_page_dumps, analyse_text);
criterion_main!(benches);
