//! In-process query latency by kind of query, on an index of the Reuters dumps
//! built once before timing (the build itself is timed by `benches/end_to_end.sh`).

use criterion::{criterion_group, criterion_main, Criterion};
use morgue::index::{self, Archive, IndexOptions};
use morgue::search::{search, SearchRequest, Sort};

#[path = "common.rs"]
mod common;

fn query_kinds(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let index_dir = dir.path().join("index");
    index::build(
        &index_dir,
        &common::dump_folders(),
        &IndexOptions::default(),
        &mut |_| {},
    )
    .expect("the benchmark index builds");
    let archive = Archive::open(&index_dir).expect("the benchmark index opens");
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();

    let mut cases: Vec<(&str, SearchRequest)> = vec![
        ("one_word", SearchRequest::new("cocoa")),
        ("two_words", SearchRequest::new("oil prices")),
        ("phrase", SearchRequest::new("\"money supply\"")),
        (
            "natural_language",
            SearchRequest::new(
                "what did the federal reserve say about interest rates and the dollar",
            ),
        ),
    ];
    let mut dated = SearchRequest::new("oil prices");
    (dated.since, dated.until) = (day("1987-03-01"), day("1987-03-31"));
    cases.push(("date_filtered", dated));
    for (name, sort) in [
        ("relevance", Sort::Relevance),
        ("by_date", Sort::Date),
        ("blend", Sort::Blend),
    ] {
        let mut request = SearchRequest::new("bank rates");
        request.sort = sort;
        cases.push((name, request));
    }

    let mut group = c.benchmark_group("search");
    for (name, request) in &cases {
        group.bench_function(*name, |b| {
            b.iter(|| search(&archive, request).expect("search runs"))
        });
    }
    group.finish();
}

criterion_group!(benches, query_kinds);
criterion_main!(benches);
