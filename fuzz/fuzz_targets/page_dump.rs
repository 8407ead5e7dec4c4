//! Any bytes as a dump of every format (page dump, SMART records): ingest
//! must return an outcome, never panic, and every article it returns must
//! have a headline and text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use morgue::ingest::{FileOutcome, Format, Limits, Reader};

fuzz_target!(|data: &[u8]| {
    let reader = Reader {
        limits: Limits {
            max_file_bytes: u64::MAX,
            max_article_chars: 2_000,
        },
        ..Reader::default()
    };
    for (_, format) in Format::ALL {
        if let FileOutcome::Read { articles, .. } =
            reader.parse(std::path::Path::new("fuzz.txt"), format, data)
        {
            for article in articles {
                assert!(!article.title.is_empty());
            }
        }
    }
});
