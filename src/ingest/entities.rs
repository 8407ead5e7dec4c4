//! Character references left in scraped text: a headline escaped twice, the
//! `&#8211;` WordPress writes into titles, Reuters SGML's `&lt;` and its
//! `&#2;` `&#3;` record markers. Names and numbers are decoded by
//! `html-escape`, which knows every HTML5 name and never cuts a character in
//! two (a hand-written decoder here once did, and took a whole build down:
//! issue #21). This module only adds what news text needs on top: control
//! characters carry no text and are dropped, and the C1 numbers old pages use
//! for curly quotes and dashes mean their Windows-1252 characters, as they do
//! in every browser.

use std::borrow::Cow;

/// `text` with its character references decoded and its control characters
/// (other than whitespace) dropped. Every reader that meets escaped text
/// calls it; it is public for the fuzzer (`fuzz/fuzz_targets/entities.rs`).
pub fn decode_entities(text: &str) -> String {
    let mapped = map_numeric_controls(text);
    let decoded = html_escape::decode_html_entities(mapped.as_ref());
    decoded
        .chars()
        .filter(|&ch| !is_stray_control(ch))
        .collect()
}

/// A control character that is not whitespace: never text a reader wants.
fn is_stray_control(ch: char) -> bool {
    ch.is_control() && !ch.is_whitespace()
}

/// Numeric references to control characters, rewritten before `html-escape`
/// sees them (it leaves C0 references as written and decodes C1 ones as the
/// controls themselves): C0 and DEL are dropped, C1 becomes Windows-1252.
fn map_numeric_controls(text: &str) -> Cow<'_, str> {
    if !text.contains("&#") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Every index below is just past an ASCII byte ('&', '#', 'x', a digit,
    // ';'), so every slice falls on a character boundary.
    while let Some(at) = rest.find("&#") {
        let after = &rest[at + 2..];
        let (digits, radix) = match after.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (after, 10),
        };
        let length = digits
            .bytes()
            .take_while(|byte| byte.is_ascii_digit() || (radix == 16 && byte.is_ascii_hexdigit()))
            .count();
        let number = (length > 0 && digits[length..].starts_with(';'))
            .then(|| u32::from_str_radix(&digits[..length], radix).ok())
            .flatten();
        match number.and_then(control_replacement) {
            Some(replacement) => {
                out.push_str(&rest[..at]);
                if let Some(ch) = replacement {
                    out.push(ch);
                }
                rest = &digits[length + 1..];
            }
            None => {
                out.push_str(&rest[..at + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// For a referenced control character: `Some(None)` to drop it,
/// `Some(Some(ch))` to write `ch` instead. Other numbers: `None`.
fn control_replacement(number: u32) -> Option<Option<char>> {
    if let Ok(byte @ 0x80..=0x9f) = u8::try_from(number) {
        let bytes = [byte];
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
        return Some(text.chars().next().filter(|&ch| !ch.is_control()));
    }
    char::from_u32(number)
        .filter(|&ch| is_stray_control(ch))
        .map(|_| None)
}

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn entities_beside_multibyte_characters_decode_whole() {
        // The page that panicked the old decoder (#21), and its cousins.
        assert_eq!(decode_entities("&nbsp;mamá"), "\u{a0}mamá");
        assert_eq!(decode_entities("mamá&amp;papá"), "mamá&papá");
        assert_eq!(decode_entities("東京&quot;大阪&quot;"), "東京\"大阪\"");
        assert_eq!(decode_entities("&ámbito;"), "&ámbito;");
        assert_eq!(decode_entities("&#233;té"), "été");
        assert_eq!(decode_entities("&eacute;l&egrave;ve"), "élève");
        assert_eq!(decode_entities("a &mdash; b"), "a — b");
        assert_eq!(decode_entities("&#x1F600;!"), "😀!");
    }

    #[test]
    fn broken_references_stay_as_written() {
        assert_eq!(decode_entities("AT&T"), "AT&T");
        assert_eq!(decode_entities("fish & chips &"), "fish & chips &");
        assert_eq!(decode_entities("&"), "&");
        assert_eq!(decode_entities("&#"), "&#");
        assert_eq!(decode_entities("&#x"), "&#x");
        assert_eq!(decode_entities("tail &amp"), "tail &amp");
        assert_eq!(decode_entities("&#12"), "&#12");
        assert_eq!(decode_entities("&unknownname;é"), "&unknownname;é");
        assert_eq!(decode_entities("&#;"), "&#;");
        assert_eq!(decode_entities("&#x;"), "&#x;");
    }

    #[test]
    fn numbers_out_of_range_are_not_characters() {
        assert_eq!(decode_entities("&#1114112;é"), "&#1114112;é");
        assert_eq!(
            decode_entities("&#99999999999999999999;"),
            "&#99999999999999999999;"
        );
        assert_eq!(decode_entities("&#xD800;"), "&#xD800;");
        assert_eq!(decode_entities("&#-5;"), "&#-5;");
    }

    #[test]
    fn control_characters_carry_no_text() {
        // Reuters-21578 marks a record's body with &#2; … &#3;.
        assert_eq!(
            decode_entities("&#2;Text of the story&#3;"),
            "Text of the story"
        );
        assert_eq!(decode_entities("a&#5;b&#22;c&#31;d&#127;e&#0;f"), "abcdef");
        assert_eq!(decode_entities("a\u{2}b"), "ab");
        assert_eq!(decode_entities("line&#10;next&#9;tab"), "line\nnext\ttab");
        // An escaped reference is text, not a control.
        assert_eq!(decode_entities("&amp;#2;"), "&#2;");
    }

    #[test]
    fn c1_numbers_are_the_windows_quotes_and_dashes_they_meant() {
        assert_eq!(
            decode_entities("&#147;Yes,&#148; he said &#150; twice"),
            "“Yes,” he said – twice"
        );
        assert_eq!(decode_entities("&#x85;"), "…");
        // 0x81 has no Windows-1252 character: dropped.
        assert_eq!(decode_entities("a&#129;b"), "ab");
    }
}
