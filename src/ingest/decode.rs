//! Bytes into text, the same for every format: gzip inflated (bounded),
//! UTF-8 with or without a byte-order mark, UTF-16 with one, legacy
//! encodings detected from the bytes, line endings folded, stray control
//! bytes blanked, binary refused.

use std::borrow::Cow;
use std::io::Read;

use super::Skip;

/// The first bytes of every gzip member.
pub(super) const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// Inflates gzip data (all members), refusing more than `limit` bytes of
/// output: a small file can hold a huge one (a "gzip bomb").
pub(super) fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, Skip> {
    let mut inflated = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit.saturating_add(1))
        .read_to_end(&mut inflated)
        .map_err(|error| Skip::NotText(format!("damaged gzip data: {error}")))?;
    if inflated.len() as u64 > limit {
        return Err(Skip::TooLarge(format!(
            "gzip data inflates to more than {limit} bytes (raise the limit with --max-file-size)"
        )));
    }
    Ok(inflated)
}

/// Text decoded from a file's bytes.
#[derive(Debug)]
pub(super) struct Decoded<'a> {
    /// The file's own bytes when they were clean UTF-8 already (most files):
    /// no copy of every file on its way to the parser.
    pub text: Cow<'a, str>,
    /// What was odd about the bytes (a legacy encoding, invalid UTF-8), for a warning.
    pub note: Option<String>,
}

/// Decodes UTF-8 (with or without a byte-order mark), UTF-16 with a BOM, and
/// legacy encodings (Windows-1252, ISO-8859-x, Shift_JIS, EUC-JP, GBK…)
/// detected from the bytes, and folds CRLF and lone CR line endings to LF so
/// that parsers see one shape.
pub(super) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file".to_string());
    }
    let (text, note) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_or_legacy(rest)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (Cow::Owned(utf16(rest, u16::from_le_bytes)?), None)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (Cow::Owned(utf16(rest, u16::from_be_bytes)?), None)
    } else {
        if looks_binary(bytes) {
            return Err("binary data, not text".to_string());
        }
        utf8_or_legacy(bytes)
    };
    let text = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        text
    };
    let text = if has_stray_control(&text) {
        let is_stray_control = |ch: char| ch.is_control() && !matches!(ch, '\n' | '\t');
        Cow::Owned(text.replace(is_stray_control, " "))
    } else {
        text
    };
    Ok(Decoded { text, note })
}

/// Whether the text holds a control character other than a newline or tab
/// (`char::is_control`: U+0000–U+001F and U+007F–U+009F), read from its
/// UTF-8 bytes: this runs over every file, nearly always to find none.
fn has_stray_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    // A fold, not `any`: it runs over every byte without a branch per byte.
    bytes.iter().fold(false, |found, &byte| {
        found | ((byte < 0x20) & (byte != b'\n') & (byte != b'\t')) | (byte == 0x7F)
    }) || memchr::memchr_iter(0xC2, bytes).any(|at| matches!(bytes.get(at + 1), Some(0x80..=0x9F)))
}

/// UTF-8 when the bytes are UTF-8. Otherwise, when they hold valid multi-byte
/// UTF-8 characters at least as often as invalid bytes, UTF-8 with the bad
/// bytes replaced (a damaged UTF-8 file); when not, the legacy encoding the
/// bytes look like (chardetng, the detector Firefox uses).
fn utf8_or_legacy(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|ch| !ch.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if valid_multibyte >= invalid {
        let text = String::from_utf8_lossy(bytes);
        let note = format!("{invalid} invalid UTF-8 sequences replaced with U+FFFD");
        return (text, Some(note));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, had_errors) = encoding.decode(bytes);
    let note = format!(
        "not UTF-8; decoded as {}{}",
        encoding.name(),
        if had_errors {
            ", some bytes replaced"
        } else {
            ""
        }
    );
    (Cow::Owned(text.into_owned()), Some(note))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| "invalid UTF-16 text".to_string())
}

/// Images, archives and executables are full of NUL and other control bytes;
/// text has none, or a stray few a scraper let through (those are blanked).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&byte| byte < 0x20 && !matches!(byte, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 100 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bom_crlf_and_utf16() {
        let decoded = decode(b"\xEF\xBB\xBFa\r\nb\rc").unwrap();
        assert_eq!(decoded.text, "a\nb\nc");
        assert!(decoded.note.is_none());

        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("hé\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().text, "hé\n");
    }

    #[test]
    fn stray_controls_are_found_in_every_range_and_nowhere_else() {
        for clean in [
            "plain\ttext\n",
            "caf\u{e9} \u{a0}\u{c2}\u{a0}\u{100}",
            "東京",
        ] {
            assert!(!has_stray_control(clean), "{clean:?}");
            assert!(matches!(
                decode(clean.as_bytes()).unwrap().text,
                Cow::Borrowed(_)
            ));
        }
        let words = "A story as a crawler left it. ".repeat(5);
        for control in ['\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            let stray = format!("{words}{control}{words}");
            assert!(has_stray_control(&stray), "{control:?}");
            assert_eq!(
                decode(stray.as_bytes()).unwrap().text,
                format!("{words} {words}")
            );
        }
    }

    #[test]
    fn rejects_empty_and_binary_and_decodes_legacy_encodings() {
        assert_eq!(decode(b" \n\t ").unwrap_err(), "empty file");
        assert_eq!(decode(b"\x89PNG\0\0").unwrap_err(), "binary data, not text");
        let stray = [
            &b"A story with a stray NUL "[..],
            b"\0\x1a",
            &b" in it, as a crawler left it. ".repeat(20),
        ]
        .concat();
        assert!(decode(&stray)
            .unwrap()
            .text
            .starts_with("A story with a stray NUL    in it"));
        let latin = decode(b"Caf\xE9 cr\xE8me, na\xEFve r\xE9sum\xE9 in Paris").unwrap();
        assert_eq!(latin.text, "Café crème, naïve résumé in Paris");
        assert!(latin.note.unwrap().contains("windows-1252"));
        let (shift_jis, _, _) =
            encoding_rs::SHIFT_JIS.encode("東京都の天気予報は晴れのち曇りです。");
        let japanese = decode(&shift_jis).unwrap();
        assert_eq!(japanese.text, "東京都の天気予報は晴れのち曇りです。");
        let (euc, _, _) = encoding_rs::EUC_JP.encode("東京都の天気予報は晴れのち曇りです。");
        assert_eq!(
            decode(&euc).unwrap().text,
            "東京都の天気予報は晴れのち曇りです。"
        );
        let damaged: Vec<u8> = "Élysée talks — \u{201c}quoted\u{201d} "
            .as_bytes()
            .iter()
            .copied()
            .chain([0xFF, b'x'])
            .collect();
        let damaged = decode(&damaged).unwrap();
        assert!(damaged.text.starts_with("Élysée talks"));
        assert!(damaged.note.unwrap().contains("1 invalid UTF-8"));
    }
}
