//! Any bytes as a `.txt` dump: ingest must return an outcome, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use morgue::ingest::{parse_bytes, FileOutcome, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_file_bytes: u64::MAX,
        max_article_chars: 2_000,
    };
    if let FileOutcome::Read { articles, .. } =
        parse_bytes(std::path::Path::new("fuzz.txt"), data, &limits)
    {
        for article in articles {
            assert!(!article.title.is_empty());
            assert!(!article.body.is_empty());
        }
    }
});
