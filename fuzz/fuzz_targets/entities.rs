//! Any text through the entity decoder (#21: it once sliced inside a
//! character): it must never panic, never leave a control character that is
//! not whitespace, and never grow text that holds no `&`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use morgue::ingest::decode_entities;

fuzz_target!(|text: &str| {
    let decoded = decode_entities(text);
    assert!(!decoded
        .chars()
        .any(|ch| ch.is_control() && !ch.is_whitespace()));
    if !text.contains('&') {
        assert!(decoded.len() <= text.len());
    }
});
