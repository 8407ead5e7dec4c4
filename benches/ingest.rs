//! Parsing speed of the page-dump reader: bytes of dump per second, file reads
//! from the page cache included (the way `morgue index` sees them).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "common.rs"]
mod common;

fn parse_page_dumps(c: &mut Criterion) {
    let files = morgue::ingest::discover(&common::dump_folders()).files;
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

criterion_group!(benches, parse_page_dumps);
criterion_main!(benches);
