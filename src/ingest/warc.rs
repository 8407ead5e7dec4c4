//! WARC crawls (`.warc`, `.warc.gz` with one gzip member per record, as
//! Common Crawl's CC-NEWS and the Internet Archive write them). Records are
//! read one at a time from a stream, so a crawl file is never held in memory
//! whole; every HTML `response` (and HTML `resource`, as browser-based
//! archivers store pages) becomes an article through the HTML path, its URL
//! from `WARC-Target-URI` and, when the page has no date, its date from
//! `WARC-Date`. Other records (requests, metadata, images) are passed over.
//! Pages are read in batches on every core: reading a page's HTML is most of
//! a crawl's cost, and a crawl is often one file.

use std::io::{BufRead, Read};
use std::path::Path;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::dates::{parse_any_date, DayOrder};
use super::decode::decode;
use super::format::{DumpFormat, Parsed};
use super::records::FieldMap;
use super::warning::{Warning, WarningKind};
use super::{first_few, html};

/// A WARC crawl: every HTML response in it, read as a stream.
pub(super) struct Warc;

impl DumpFormat for Warc {
    fn name(&self) -> &'static str {
        "warc"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["warc"]
    }

    fn looks_like(&self, head: &str) -> bool {
        head.starts_with("WARC/")
    }

    fn read(&self, text: &str, source: &Path, _: &FieldMap) -> Result<Parsed, String> {
        parse_stream(text.as_bytes(), source, u64::MAX)
    }

    fn is_streamed(&self) -> bool {
        true
    }

    fn read_stream(
        &self,
        input: &mut dyn BufRead,
        source: &Path,
        max_record_bytes: u64,
        _: &FieldMap,
    ) -> Result<Parsed, String> {
        parse_stream(input, source, max_record_bytes)
    }
}

/// Reads every record of a WARC stream (already gunzipped). A record whose
/// payload is over `max_record_bytes` is skipped with a warning.
fn parse_stream(
    mut input: impl BufRead,
    source: &Path,
    max_record_bytes: u64,
) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let (mut records, mut pages) = (0usize, 0usize);
    let mut not_articles = Vec::new();
    let mut too_big = Vec::new();
    let mut unreadable = Vec::new();
    let mut batch = Batch::default();
    loop {
        let header = match read_header(&mut input) {
            Ok(Some(header)) => header,
            Ok(None) => break,
            Err(reason) if records == 0 => return Err(reason),
            Err(reason) => {
                parsed.damaged = Some(format!(
                    "crawl cut short after {records} records ({reason}); the records before were read"
                ));
                break;
            }
        };
        records += 1;
        let length = header.content_length;
        let is_response = header.kind.eq_ignore_ascii_case("response")
            && header.content_type.contains("application/http");
        let is_resource =
            header.kind.eq_ignore_ascii_case("resource") && header.content_type.contains("html");
        let is_page = is_response || is_resource;
        if !is_page || length > max_record_bytes {
            if is_page {
                too_big.push(
                    header
                        .target
                        .clone()
                        .unwrap_or_else(|| format!("#{records}")),
                );
            }
            let skipped = std::io::copy(&mut (&mut input).take(length), &mut std::io::sink());
            if skipped.map_or(true, |skipped| skipped < length) {
                batch.read(source, &mut parsed, &mut not_articles);
                parsed.warnings.push(Warning::new(
                    WarningKind::CutShort,
                    format!("crawl cut short in record {records}"),
                ));
                break;
            }
            continue;
        }
        let mut block = Vec::with_capacity(length.min(1 << 24) as usize);
        let read = (&mut input).take(length).read_to_end(&mut block);
        if read.is_err() || (block.len() as u64) < length {
            parsed.damaged = Some(format!(
                "crawl cut short in record {records}; the records before it were read"
            ));
            break;
        }
        let html = if is_resource {
            block
        } else {
            match html_payload(&block, max_record_bytes) {
                Some(Ok(html)) => html,
                Some(Err(reason)) => {
                    let page = header.target.unwrap_or_else(|| format!("#{records}"));
                    unreadable.push(format!("{page} ({reason})"));
                    continue;
                }
                None => continue,
            }
        };
        pages += 1;
        let date =
            header
                .date
                .as_deref()
                .and_then(|date| match parse_any_date(date, DayOrder::Unknown) {
                    Some(Ok(day)) => Some(day),
                    _ => None,
                });
        let page = Page {
            html,
            target: header.target,
            record: records,
            date,
        };
        if batch.add(page) {
            batch.read(source, &mut parsed, &mut not_articles);
        }
    }
    batch.read(source, &mut parsed, &mut not_articles);
    if records == 0 {
        return Err("no WARC record in the file".to_string());
    }
    if !not_articles.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::RecordsLeftOut,
            format!(
                "{} of {pages} pages had no story text: {}",
                not_articles.len(),
                first_few(&not_articles)
            ),
        ));
    }
    if !unreadable.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::RecordsLeftOut,
            format!(
                "{} pages could not be read: {}",
                unreadable.len(),
                first_few(&unreadable)
            ),
        ));
    }
    if !too_big.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::RecordsTooLarge,
            format!(
                "{} pages over {max_record_bytes} bytes were not read (raise --max-file-size): {}",
                too_big.len(),
                first_few(&too_big)
            ),
        ));
    }
    Ok(parsed)
}

/// A page taken from its record, not yet read.
struct Page {
    html: Vec<u8>,
    /// The record's `WARC-Target-URI`.
    target: Option<String>,
    /// The record's number in the crawl, for a page without an address.
    record: usize,
    /// The record's `WARC-Date`.
    date: Option<NaiveDate>,
}

/// Pages of the crawl not yet read.
#[derive(Default)]
struct Batch {
    pages: Vec<Page>,
    bytes: usize,
}

/// Pages and bytes of HTML a batch holds at most: enough to keep every core
/// busy, few enough that a crawl's memory stays bounded.
const BATCH_PAGES: usize = 64;
const BATCH_BYTES: usize = 32 << 20;

impl Batch {
    /// Adds a page; says whether the batch is full.
    fn add(&mut self, page: Page) -> bool {
        self.bytes += page.html.len();
        self.pages.push(page);
        self.pages.len() >= BATCH_PAGES || self.bytes >= BATCH_BYTES
    }

    /// Reads every page of the batch, on every core, and takes their
    /// articles and warnings in crawl order.
    fn read(&mut self, source: &Path, parsed: &mut Parsed, not_articles: &mut Vec<String>) {
        let read: Vec<Result<Parsed, String>> = self
            .pages
            .par_iter()
            .map(|page| read_page(&page.html, source, page.target.as_deref(), page.date))
            .collect();
        for (page, outcome) in self.pages.drain(..).zip(read) {
            match outcome {
                Ok(read) => {
                    parsed.articles.extend(read.articles);
                    let page_name = page.target.as_deref().unwrap_or("a page");
                    parsed.warnings.extend(
                        read.warnings
                            .into_iter()
                            .map(|warning| warning.within(page_name)),
                    );
                }
                Err(_) => {
                    not_articles.push(page.target.unwrap_or_else(|| format!("#{}", page.record)))
                }
            }
        }
        self.bytes = 0;
    }
}

fn read_page(
    payload: &[u8],
    source: &Path,
    url: Option<&str>,
    date: Option<NaiveDate>,
) -> Result<Parsed, String> {
    let decoded = decode(payload)?;
    html::parse_page(&decoded.text, source, url, date)
}

/// The header of one record.
#[derive(Debug, Default)]
struct RecordHeader {
    kind: String,
    target: Option<String>,
    date: Option<String>,
    content_type: String,
    content_length: u64,
}

/// Reads a record header (`WARC/1.x` line, fields, blank line); `None` at the
/// end of the stream. Blank lines between records are skipped.
fn read_header(input: &mut impl BufRead) -> Result<Option<RecordHeader>, String> {
    let mut line = String::new();
    loop {
        line.clear();
        let read = read_line(input, &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    if !line.starts_with("WARC/") {
        return Err(format!(
            "expected a WARC record, found '{}'",
            line.trim().chars().take(40).collect::<String>()
        ));
    }
    let mut header = RecordHeader::default();
    let mut has_length = false;
    loop {
        line.clear();
        if read_line(input, &mut line)? == 0 {
            return Err("a record header ends without its blank line".to_string());
        }
        let field = line.trim_end();
        if field.is_empty() {
            break;
        }
        let Some((name, value)) = field.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => header.kind = value.to_string(),
            "warc-target-uri" => header.target = Some(value.trim_matches(['<', '>']).to_string()),
            "warc-date" => header.date = Some(value.to_string()),
            "content-type" => header.content_type = value.to_ascii_lowercase(),
            "content-length" => {
                header.content_length = value
                    .parse()
                    .map_err(|_| format!("bad Content-Length '{value}'"))?;
                has_length = true;
            }
            _ => {}
        }
    }
    if !has_length {
        return Err("a record without Content-Length".to_string());
    }
    Ok(Some(header))
}

/// One header line, refusing absurdly long ones (binary junk has no newlines).
fn read_line(input: &mut impl BufRead, line: &mut String) -> Result<usize, String> {
    let mut bytes = Vec::new();
    let read = input
        .take(64 * 1024)
        .read_until(b'\n', &mut bytes)
        .map_err(|error| format!("damaged crawl: {error}"))?;
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(read)
}

/// The body of an HTTP response block when it is an HTML page with status
/// 2xx (`None` otherwise), unchunked and uncompressed: crawlers store what
/// the server sent, which may be gzipped. `Err` says why a page cannot be
/// read (an encoding morgue does not read, a body over `max_bytes` inflated).
fn html_payload(block: &[u8], max_bytes: u64) -> Option<Result<Vec<u8>, String>> {
    let split = find(block, b"\r\n\r\n")
        .map(|at| (at, at + 4))
        .or_else(|| find(block, b"\n\n").map(|at| (at, at + 2)))?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status = lines.next()?.split_whitespace().nth(1)?;
    if !status.starts_with('2') {
        return None;
    }
    let (mut chunked, mut encoding) = (false, String::new());
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" if !value.contains("html") => return None,
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = value,
            _ => {}
        }
    }
    let body = &block[split.1..];
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    };
    let inflated = |reader: &mut dyn Read| {
        let mut out = Vec::new();
        match reader.take(max_bytes + 1).read_to_end(&mut out) {
            Err(error) => Err(format!("damaged {encoding} body: {error}")),
            Ok(_) if out.len() as u64 > max_bytes => {
                Err(format!("over {max_bytes} bytes once inflated"))
            }
            Ok(_) => Ok(out),
        }
    };
    Some(match encoding.as_str() {
        "gzip" | "x-gzip" => inflated(&mut flate2::read::MultiGzDecoder::new(body.as_slice())),
        "deflate" => inflated(&mut flate2::read::ZlibDecoder::new(body.as_slice())),
        "" | "identity" => Ok(body),
        // Brotli and the rest: reported rather than read as garbage.
        other => Err(format!("content encoding '{other}'")),
    })
}

/// Undoes HTTP chunked transfer encoding, as some crawlers store it.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = find(body, b"\r\n") {
        let size_text = String::from_utf8_lossy(&body[..end]);
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            break;
        };
        let start = end + 2;
        if size == 0 || start + size > body.len() {
            break;
        }
        out.extend_from_slice(&body[start..start + size]);
        body = body.get(start + size + 2..).unwrap_or_default();
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, content_type: &str, block: &str) -> String {
        format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2019-11-20T10:00:00Z\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    const PAGE: &str = "<html><head><title>Ferry fares to rise</title></head><body><article><h1>Ferry fares to rise</h1>\
        <p>Ferry fares on the harbor routes will rise by a tenth from January, the city transport office said on Wednesday, citing fuel costs.</p>\
        <p>Commuters' groups said the increase would fall hardest on workers who cross the bay twice a day and asked for a monthly pass.</p></article></body></html>";

    /// Pages as other crawlers store them: the server's gzipped body kept as
    /// sent, and a browser-based archiver's `resource` record of the page.
    #[test]
    fn compressed_and_resource_pages_are_read() {
        use std::io::Write;
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gzip.write_all(PAGE.as_bytes()).unwrap();
        let mut gzipped =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        gzipped.extend(gzip.finish().unwrap());
        let mut crawl = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/gz\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            gzipped.len()
        )
        .into_bytes();
        crawl.extend(&gzipped);
        crawl.extend(b"\r\n\r\n");
        let brotli =
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\u{1b}\u{2}";
        crawl.extend(
            record(
                "response",
                "https://example.com/br",
                "application/http; msgtype=response",
                brotli,
            )
            .bytes(),
        );
        crawl.extend(record("resource", "https://example.com/r", "text/html", PAGE).bytes());
        let parsed = parse_stream(crawl.as_slice(), Path::new("c.warc"), 1 << 20).unwrap();
        let urls: Vec<_> = parsed
            .articles
            .iter()
            .map(|article| article.url.as_deref().unwrap())
            .collect();
        assert_eq!(urls, ["https://example.com/gz", "https://example.com/r"]);
        assert!(parsed.articles[0].body[0].starts_with("Ferry fares on the harbor routes"));
        assert_eq!(
            parsed.warnings,
            [Warning::new(
                WarningKind::RecordsLeftOut,
                "1 pages could not be read: https://example.com/br (content encoding 'br')"
            )]
        );
        // A gzipped page over the limit once inflated is not read either.
        let limit = gzipped.len() as u64;
        assert!(limit < PAGE.len() as u64);
        let small = parse_stream(crawl.as_slice(), Path::new("c.warc"), limit).unwrap();
        let expected = format!("https://example.com/gz (over {limit} bytes once inflated)");
        assert!(
            small.warnings[0].to_string().contains(&expected),
            "{:?}",
            small.warnings
        );
    }

    #[test]
    fn responses_become_articles_and_the_rest_is_passed_over() {
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{PAGE}");
        let chunked = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{PAGE}\r\n0\r\n\r\n",
            PAGE.len()
        );
        let crawl = [
            record(
                "warcinfo",
                "",
                "application/warc-fields",
                "software: test\r\n",
            ),
            record(
                "request",
                "https://example.com/a",
                "application/http; msgtype=request",
                "GET / HTTP/1.1\r\n\r\n",
            ),
            record(
                "response",
                "https://example.com/a",
                "application/http; msgtype=response",
                &http,
            ),
            record(
                "response",
                "https://example.com/b",
                "application/http; msgtype=response",
                &chunked,
            ),
            record(
                "response",
                "https://example.com/c",
                "application/http; msgtype=response",
                "HTTP/1.1 404 Not Found\r\n\r\nnope",
            ),
            record(
                "response",
                "https://example.com/d.png",
                "application/http; msgtype=response",
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}PNG",
            ),
        ]
        .concat();
        let parsed = parse_stream(crawl.as_bytes(), Path::new("c.warc"), 1 << 20).unwrap();
        assert_eq!(parsed.articles.len(), 2, "{:?}", parsed.warnings);
        let first = &parsed.articles[0];
        assert_eq!(first.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(first.title, "Ferry fares to rise");
        assert_eq!(first.date, NaiveDate::from_ymd_opt(2019, 11, 20));
        assert!(first.body[0].starts_with("Ferry fares on the harbor routes"));
        assert_eq!(
            parsed.articles[1].url.as_deref(),
            Some("https://example.com/b")
        );

        // Cut in the middle of a record: what came before is kept, and the cut reported.
        let cut = &crawl[..crawl.find("https://example.com/b").unwrap() + 200];
        let parsed = parse_stream(cut.as_bytes(), Path::new("c.warc"), 1 << 20).unwrap();
        assert_eq!(parsed.articles.len(), 1);
        assert!(parsed.damaged.unwrap().contains("cut short"));
        assert!(parse_stream(&b"not a crawl at all"[..], Path::new("x"), 1 << 20).is_err());
    }

    /// Pages read in batches on several threads come out in crawl order,
    /// and a page without a story is named where it stood.
    #[test]
    fn a_crawl_of_many_pages_keeps_their_order() {
        let pages = 2 * BATCH_PAGES + 7;
        let crawl: String = (0..pages)
            .map(|at| {
                let page = if at == BATCH_PAGES + 3 {
                    "<html><body><nav>Home</nav></body></html>".to_string()
                } else {
                    PAGE.replace("Ferry fares to rise", &format!("Ferry fares rise {at}"))
                };
                let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{page}");
                let uri = format!("https://example.com/{at}");
                record(
                    "response",
                    &uri,
                    "application/http; msgtype=response",
                    &http,
                )
            })
            .collect();
        let parsed = parse_stream(crawl.as_bytes(), Path::new("c.warc"), 1 << 20).unwrap();
        let titles: Vec<String> = parsed.articles.iter().map(|a| a.title.clone()).collect();
        let expected: Vec<String> = (0..pages)
            .filter(|&at| at != BATCH_PAGES + 3)
            .map(|at| format!("Ferry fares rise {at}"))
            .collect();
        assert!(titles == expected, "pages out of crawl order");
        let left_out = parsed
            .warnings
            .iter()
            .map(ToString::to_string)
            .find(|said| said.contains("had no story text"));
        assert!(
            left_out.is_some_and(|said| said.contains(&format!("example.com/{}", BATCH_PAGES + 3))),
            "{:?}",
            parsed.warnings
        );
    }
}
