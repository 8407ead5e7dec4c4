//! Any bytes as a saved web page, through the whole HTML reader (metadata,
//! story extraction, captions, tidying): an outcome, never a panic, and every
//! article it returns has a headline. Seed it with real pages to mutate:
//! `fuzz/seeds.sh` unpacks `../shared/corpora`'s HTML into
//! `fuzz/corpus/html/`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use morgue::ingest::{FileOutcome, Format, Limits, Reader};

fuzz_target!(|page: &[u8]| {
    let reader = Reader {
        limits: Limits {
            max_file_bytes: 1 << 20,
            max_article_chars: 20_000,
        },
        ..Reader::default()
    };
    if let FileOutcome::Read { articles, .. } =
        reader.parse(std::path::Path::new("fuzz.html"), Format::Html, page)
    {
        for article in articles {
            assert!(!article.title.is_empty());
        }
    }
});
