//! Headless Chromium for tests and benches: Debian's `chromium`, which
//! `.ci/run` installs, driven over its DevTools protocol.

use std::ffi::OsStr;
use std::path::PathBuf;
use std::time::Duration;

use headless_chrome::{Browser, LaunchOptions, Tab};

/// Chromium, or `None` to skip where it is not installed (under `CI=true`
/// a missing browser fails the test instead: CI installs it).
pub fn browser() -> Option<Browser> {
    let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(PathBuf::from)
        .find(|path| path.exists());
    let Some(path) = path else {
        if std::env::var("CI").is_ok_and(|value| value == "true") {
            panic!("chromium is missing; .ci/run installs it (apt-get install -y chromium)");
        }
        eprintln!("skipping: chromium not found");
        return None;
    };
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .sandbox(false)
        .window_size(Some((1280, 1000)))
        .idle_browser_timeout(Duration::from_secs(120))
        .args(
            [
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ]
            .iter()
            .map(OsStr::new)
            .collect(),
        )
        .build()
        .expect("launch options");
    Some(Browser::new(options).expect("chromium starts"))
}

/// Evaluates a JavaScript expression that gives a string.
pub fn script(tab: &Tab, expression: &str) -> String {
    tab.evaluate(expression, false)
        .expect("the page evaluates it")
        .value
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}
