//! `morgue serve` (issue #23), over real HTTP: the real binary listens on a
//! free port, and the tests talk to it as any client would. The API answers
//! what the CLI prints for the same request; bad parameters get the CLI's
//! messages as JSON errors; scraped markup is text on the pages; the server
//! follows the index as it is rebuilt, and survives a panicking handler.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::server::Server;
use crate::util::{bundled_corpus, json_lines, run, succeed};

/// The bundled corpus, indexed once for the tests that only read it.
fn corpus_index() -> &'static Path {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let index = dir.path().join("index");
            succeed(&index, &["index", &bundled_corpus().display().to_string()]);
            (dir, index)
        })
        .1
}

/// A query string's value, percent-encoded.
fn encoded(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[test]
fn the_api_answers_what_the_cli_prints() {
    let index = corpus_index();
    let server = Server::start(index, &[]);
    for (query, extra) in [
        ("Abe", &[][..]),
        ("Motegi Lavrov", &["--sort", "date"][..]),
        ("typhoon", &["--since", "2019", "--until", "2022-12"][..]),
        ("Nakamura Jalalabad", &["--all-copies"][..]),
        ("the", &["--limit", "3", "--offset", "2"][..]),
        ("Abe", &["--section", "Politics"][..]),
    ] {
        let mut args = vec!["search", "--json", query];
        args.extend_from_slice(extra);
        let cli = json_lines(&run(index, &args));
        let mut path = format!("/api/search?q={}", encoded(query));
        for pair in extra.chunks(2) {
            let name = pair[0].trim_start_matches("--").replace('-', "_");
            let value = pair.get(1).copied().unwrap_or("1");
            path.push_str(&format!("&{name}={}", encoded(value)));
        }
        let api = server.json(&path, 200);
        assert_eq!(api["hits"].as_array().unwrap(), &cli, "{path}");
        assert!(api["matches"].as_u64().unwrap() >= cli.len() as u64);
        assert!(api.get("stats").is_none());
    }
    // Coverage with the hits when asked, as `stats --json` counts it.
    let with_stats = server.json("/api/search?q=Abe&stats=1", 200);
    let stats = json_lines(&run(index, &["stats", "--json", "Abe"])).remove(0);
    assert_eq!(with_stats["stats"], stats);
    assert_eq!(server.json("/api/stats?q=Abe", 200), stats);
    let by_month = json_lines(&run(index, &["stats", "--json", "--by", "month"])).remove(0);
    assert_eq!(server.json("/api/stats?by=month", 200), by_month);
    // One article, its copies, its related stories.
    let id = with_stats["hits"][0]["id"].as_str().unwrap().to_string();
    let shown = json_lines(&run(index, &["show", "--json", &id])).remove(0);
    assert_eq!(server.json(&format!("/api/articles/{id}"), 200), shown);
    let related = json_lines(&run(index, &["related", "--json", &id]));
    let api = server.json(&format!("/api/articles/{id}/related"), 200);
    assert_eq!(api["hits"].as_array().unwrap(), &related);
}

#[test]
fn hostile_parameters_get_clear_errors_and_the_server_goes_on() {
    let server = Server::start(corpus_index(), &[]);
    let error = |path: &str, status: u16| -> String {
        let answer = server.json(path, status);
        answer["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: {answer}"))
            .to_string()
    };
    assert!(error("/api/search?q=Abe&since=yesterdayish", 400).starts_with("since: "));
    assert!(error("/api/search?q=Abe&since=1990&until=1980", 400).contains("after"));
    assert!(error("/api/search?q=Abe&sort=best", 400).contains("relevance"));
    assert!(error("/api/search?q=Abe&limit=-1", 400).starts_with("limit: "));
    assert!(error("/api/search?q=Abe&offset=1e9", 400).starts_with("offset: "));
    assert!(error("/api/search?q=Abe&all_copies=maybe", 400).starts_with("all_copies: "));
    assert!(error("/api/stats?by=fortnight", 400).starts_with("by: "));
    assert!(error("/api/search?q=Abe&section=Astrology", 400).contains("Astrology"));
    let huge = "a".repeat(20_000);
    assert!(error(&format!("/api/search?q={huge}"), 400).contains("characters"));
    // Broken escapes are read as text, as the CLI reads bytes that are not UTF-8.
    assert_eq!(server.json("/api/search?q=%ZZ%FF", 200)["matches"], 0);
    assert_eq!(
        error("/api/articles/0000000000000000", 404),
        "no article with id 0000000000000000"
    );
    assert!(error("/api/articles/%FF%FE/related", 400).contains("id"));
    // A NUL byte is text like any other.
    let nul = server.json("/api/search?q=Abe%00Motegi", 200);
    assert!(nul["hits"].is_array());
    assert_eq!(server.get("/no/such/page").0, 404);
    assert!(error("/api/nothing/here", 404).contains("openapi"));
    // Still serving after all of that.
    assert_eq!(
        server.json("/api/search?q=Abe", 200)["hits"]
            .as_array()
            .unwrap()
            .len(),
        10
    );
}

#[test]
fn a_panicking_handler_is_a_500_and_the_server_keeps_serving() {
    let server = Server::start(corpus_index(), &[("MORGUE_TEST_PANIC_ON_QUERY", "kaboom")]);
    let failed = server.json("/api/search?q=kaboom", 500);
    assert!(failed["error"].as_str().unwrap().contains("internal error"));
    let page = server.get("/?q=kaboom");
    assert_eq!(page.0, 500);
    assert!(!page.1.contains("panicked at"), "{}", page.1);
    assert!(page.1.starts_with("<!DOCTYPE html>"), "a page: {}", page.1);
    for _ in 0..3 {
        let matches = server.json("/api/search?q=Abe", 200)["matches"].as_u64();
        assert!(matches.is_some_and(|matches| matches > 0));
    }
    assert_eq!(server.stop(), Some(0), "SIGTERM stops the server cleanly");
}

#[test]
fn overload_and_slowness_get_a_fast_503() {
    let slow = [("MORGUE_TEST_SLOW_QUERY", "Abe")];
    // A request over the time limit is answered 503 when the limit is up.
    let timed = Server::start_with(corpus_index(), &["--timeout", "1"], &slow);
    let started = Instant::now();
    let late = timed.json("/api/search?q=Abe", 503);
    assert!(
        late["error"].as_str().unwrap().contains("too long"),
        "{late}"
    );
    assert!(
        started.elapsed() < Duration::from_millis(1_450),
        "{:?}",
        started.elapsed()
    );
    // Beyond the requests in flight allowed, a 503 at once, not a queue.
    let bounded = std::sync::Arc::new(Server::start_with(
        corpus_index(),
        &["--max-in-flight", "1"],
        &slow,
    ));
    let busy = {
        let bounded = bounded.clone();
        std::thread::spawn(move || bounded.get("/api/search?q=Abe").0)
    };
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let turned_away = bounded.json("/api/search?q=Motegi", 503);
    assert!(
        turned_away["error"].as_str().unwrap().contains("busy"),
        "{turned_away}"
    );
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        busy.join().unwrap(),
        200,
        "the request in flight is answered"
    );
    assert!(bounded.json("/api/search?q=Motegi", 200)["hits"].is_array());
    // A browser turned away gets a page saying so.
    let busy_page = {
        let bounded = bounded.clone();
        std::thread::spawn(move || bounded.get("/api/search?q=Abe").0)
    };
    std::thread::sleep(Duration::from_millis(300));
    let (status, page) = bounded.get("/?q=Motegi");
    assert_eq!(status, 503);
    assert!(
        page.contains("<!DOCTYPE html>") && page.contains("busy"),
        "{page}"
    );
    assert_eq!(busy_page.join().unwrap(), 200);
}

#[test]
fn pages_show_scraped_markup_as_text_and_send_a_strict_policy() {
    let dir = tempfile::tempdir().unwrap();
    let dumps = dir.path().join("dumps");
    std::fs::create_dir_all(&dumps).unwrap();
    std::fs::write(
        dumps.join("hostile.jsonl"),
        concat!(
            r#"{"title": "Harbour <script>alert('title')</script> reopens", "date": "2024-05-01", "#,
            r#""authors": ["<img src=x onerror=alert('byline')>"], "url": "javascript:alert('url')", "#,
            r#""maintext": "The harbour reopened on Wednesday <script>alert('body')</script> after repairs. "#,
            r#"<img src=x onerror=alert('img')> Ferries resumed their morning runs to the islands."}"#,
            "\n"
        ),
    )
    .unwrap();
    // A page dump keeps markup in its text (the JSON reader strips tags from
    // a record's body; titles and bylines keep them).
    std::fs::write(
        dumps.join("council.txt"),
        " date 2024-05-02 National / Society\n\nCouncil <b>debates</b> harbour fees\n\n\
         The council debated harbour fees on Thursday. <script>alert(\"dump\")</script> Members \
         voted to keep them unchanged for another year. <img src=x onerror=alert(1)>\n\n\
         Ferry operators welcomed the decision, saying higher fees would have ended two routes.\n",
    )
    .unwrap();
    let index = dir.path().join("index");
    succeed(&index, &["index", &dumps.display().to_string()]);
    let server = Server::start(&index, &[]);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent
        .get(format!("{}/?q=harbour", server.base))
        .call()
        .unwrap();
    let policy = response
        .headers()
        .get("content-security-policy")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"),
        "{policy}"
    );
    let (status, page) = server.get("/?q=harbour");
    assert_eq!(status, 200);
    assert!(
        page.contains("&lt;script&gt;alert('title')&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img src=x"), "{page}");
    assert!(
        page.contains("Council &lt;b&gt;debates&lt;/b&gt; "),
        "{page}"
    );
    for hit in server.json("/api/search?q=harbour", 200)["hits"]
        .as_array()
        .unwrap()
    {
        let id = hit["id"].as_str().unwrap();
        let (status, article) = server.get(&format!("/articles/{id}"));
        assert_eq!(status, 200);
        assert!(
            !article.contains("<script>alert") && !article.contains("<img src=x"),
            "{article}"
        );
        assert!(!article.contains("href=\"javascript:"), "{article}");
        if hit["title"].as_str().unwrap().starts_with("Council") {
            assert!(
                article.contains("&lt;script&gt;alert(&quot;dump&quot;)&lt;/script&gt;"),
                "{article}"
            );
            assert!(
                article.contains("&lt;img src=x onerror=alert(1)&gt;"),
                "{article}"
            );
        } else {
            assert!(
                article.contains("&lt;img src=x onerror=alert('byline')&gt;"),
                "{article}"
            );
        }
    }
    // Static paths cannot climb out of their folder.
    assert_eq!(server.get("/assets/app.js").0, 200);
    for climb in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e%2fCargo.toml",
        "/assets/..%2F..%2Fetc%2Fpasswd",
    ] {
        let (status, body) = server.get(climb);
        assert_eq!(status, 404, "{climb}: {body}");
    }
}

#[test]
fn the_server_follows_the_index_and_no_request_fails_while_it_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    succeed(&index, &["index", &bundled_corpus().display().to_string()]);
    let server = Server::start(&index, &[]);
    assert_eq!(server.json("/api/search?q=Quillfeather", 200)["matches"], 0);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let base = server.base.clone();
    let hammer = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into();
            let mut answered = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let mut response = agent
                    .get(format!("{base}/api/search?q=Abe&stats=1"))
                    .call()
                    .expect("the server answers");
                let status = response.status().as_u16();
                let body = response.body_mut().read_to_string().unwrap_or_default();
                assert_eq!(status, 200, "{body}");
                answered += 1;
            }
            answered
        })
    };
    let dumps = dir.path().join("new");
    std::fs::create_dir_all(&dumps).unwrap();
    std::fs::write(
        dumps.join("late.jsonl"),
        r#"{"title": "Quillfeather wins the harbour regatta", "date": "2024-06-02", "maintext": "The schooner Quillfeather won the harbour regatta on Sunday for the third year running."}"#,
    )
    .unwrap();
    succeed(&index, &["index", &dumps.display().to_string()]);
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.json("/api/search?q=Quillfeather", 200)["matches"] == 0 {
        assert!(Instant::now() < deadline, "the new article never appeared");
        std::thread::sleep(Duration::from_millis(100));
    }
    succeed(
        &index,
        &[
            "index",
            "--rebuild",
            &bundled_corpus().display().to_string(),
            &dumps.display().to_string(),
        ],
    );
    succeed(
        &index,
        &[
            "index",
            "--compact",
            &bundled_corpus().display().to_string(),
            &dumps.display().to_string(),
        ],
    );
    // An indexer killed midway leaves the served generation as it was.
    if let Some(reuters) = crate::util::shared_corpus("reuters21578") {
        let mut indexer = Command::new(env!("CARGO_BIN_EXE_morgue"))
            .arg("--index")
            .arg(&index)
            .args(["index", &reuters.display().to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(700));
        indexer.kill().unwrap();
        indexer.wait().unwrap();
    }
    std::thread::sleep(Duration::from_millis(1_500));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answered = hammer.join().expect("no request failed");
    assert!(answered > 10, "{answered} requests");
    assert_eq!(server.json("/api/search?q=Quillfeather", 200)["matches"], 1);
}

/// `docs/openapi.json` is what the server does: every path answers its
/// documented parameters (their examples) with the documented shape, every
/// field it sends is documented, and every required one is sent.
#[test]
fn the_openapi_file_describes_what_the_server_answers() {
    let spec_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/openapi.json");
    let spec: Value = serde_json::from_str(&std::fs::read_to_string(spec_path).unwrap()).unwrap();
    let server = Server::start(corpus_index(), &[]);
    let id = server.json("/api/search?q=Nakamura", 200)["hits"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let paths = spec["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 4);
    for (path, item) in paths {
        let get = &item["get"];
        let mut query = Vec::new();
        for parameter in get["parameters"].as_array().unwrap() {
            let parameter = resolve(&spec, parameter);
            if parameter["in"] == "query" {
                let example = match &parameter["example"] {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                query.push(format!(
                    "{}={}",
                    parameter["name"].as_str().unwrap(),
                    encoded(&example)
                ));
            }
        }
        let url = format!("{}?{}", path.replace("{id}", &id), query.join("&"));
        let answer = server.json(&url, 200);
        let schema = &get["responses"]["200"]["content"]["application/json"]["schema"];
        conforms(&spec, &answer, schema, &url);
        for status in get["responses"].as_object().unwrap().keys() {
            assert!(
                ["200", "400", "404", "503"].contains(&status.as_str()),
                "{path}: {status}"
            );
        }
    }
    let error = server.json("/api/articles/nothing-by-this-id", 404);
    conforms(
        &spec,
        &error,
        &spec["components"]["responses"]["Error"]["content"]["application/json"]["schema"],
        "error",
    );
}

/// A `$ref` followed to what it names.
fn resolve<'a>(spec: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) => reference
            .trim_start_matches("#/")
            .split('/')
            .fold(spec, |at, name| &at[name]),
        None => value,
    }
}

fn conforms(spec: &Value, value: &Value, schema: &Value, at: &str) {
    let schema = resolve(spec, schema);
    if value.is_null() {
        assert_eq!(
            schema["nullable"], true,
            "{at}: null where {schema} is not nullable"
        );
        return;
    }
    match schema["type"].as_str() {
        Some("object") => {
            let object = value
                .as_object()
                .unwrap_or_else(|| panic!("{at}: {value} is not an object"));
            for required in schema["required"].as_array().into_iter().flatten() {
                let name = required.as_str().unwrap();
                assert!(object.contains_key(name), "{at}: {name} is missing");
            }
            for (name, field) in object {
                let documented = &schema["properties"][name];
                if !documented.is_null() {
                    conforms(spec, field, documented, &format!("{at}.{name}"));
                } else if schema["additionalProperties"].is_object() {
                    conforms(
                        spec,
                        field,
                        &schema["additionalProperties"],
                        &format!("{at}.{name}"),
                    );
                } else {
                    panic!("{at}: {name} is not documented");
                }
            }
        }
        Some("array") => {
            for (position, item) in value
                .as_array()
                .unwrap_or_else(|| panic!("{at}: not an array"))
                .iter()
                .enumerate()
            {
                conforms(spec, item, &schema["items"], &format!("{at}[{position}]"));
            }
        }
        Some("string") => assert!(value.is_string(), "{at}: {value} is not a string"),
        Some("integer") => assert!(
            value.is_u64() || value.is_i64(),
            "{at}: {value} is not an integer"
        ),
        Some("number") => assert!(value.is_number(), "{at}: {value} is not a number"),
        Some("boolean") => assert!(value.is_boolean(), "{at}: {value} is not a boolean"),
        other => panic!("{at}: no type in the schema ({other:?})"),
    }
}

/// SIGTERM lets a request in flight finish before the server exits.
#[test]
fn a_stop_waits_for_the_requests_in_flight() {
    let server = Server::start(corpus_index(), &[("MORGUE_TEST_SLOW_QUERY", "Abe")]);
    let base = server.base.clone();
    let in_flight = std::thread::spawn(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(format!("{base}/api/search?q=Abe"))
            .call()
            .expect("answered, not cut off");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap_or_default();
        (status, body)
    });
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.stop(), Some(0));
    let (status, body) = in_flight.join().unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"hits\""));
}
