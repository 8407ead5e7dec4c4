//! Any bytes as a dump: the first byte picks the format (page dump, SMART,
//! JSON, CSV, Reuters SGML, HTML, WARC), the rest is the file. Ingest must
//! return an outcome, never panic, and every article it returns must have a
//! headline. One format per input keeps the fast parsers fast (the HTML
//! extractor takes milliseconds per page).
#![no_main]

use libfuzzer_sys::fuzz_target;
use morgue::ingest::{FileOutcome, Format, Limits, Reader};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, file)) = data.split_first() else {
        return;
    };
    let (_, format) = Format::ALL[usize::from(pick) % Format::ALL.len()];
    let reader = Reader {
        limits: Limits {
            max_file_bytes: 1 << 20,
            max_article_chars: 2_000,
        },
        ..Reader::default()
    };
    if let FileOutcome::Read { articles, .. } =
        reader.parse(std::path::Path::new("fuzz.dump"), format, file)
    {
        for article in articles {
            assert!(!article.title.is_empty());
        }
    }
});
