//! `morgue serve` in a real browser (issue #23): headless Chromium (Debian's
//! `chromium`, which `.ci/run` installs) driven over its DevTools protocol,
//! against the real server on the bundled corpus: type a query, narrow by a
//! facet and by a timeline bar, page, open an article and its related
//! stories; and a corpus of hostile markup that must render as text and run
//! nothing. Screenshots go to `target/screenshots/`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use headless_chrome::protocol::cdp::Emulation;
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::Tab;

use crate::chromium::{browser, script};
use crate::server::Server;
use crate::util::{bundled_corpus, succeed};

fn indexed(dumps: &Path, dir: &Path) -> PathBuf {
    let index = dir.join("index");
    succeed(&index, &["index", &dumps.display().to_string()]);
    index
}

fn screenshot(tab: &Tab, name: &str) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&folder).expect("a folder for screenshots");
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("a screenshot");
    std::fs::write(folder.join(format!("{name}.png")), png).expect("the screenshot is saved");
}

fn texts(tab: &Tab, selector: &str) -> Vec<String> {
    tab.find_elements(selector)
        .map(|elements| {
            elements
                .iter()
                .filter_map(|element| element.get_inner_text().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The tab's URL once it satisfies `wanted` (a click starts a navigation
/// that the tab reports a moment later), within five seconds.
fn url_once(tab: &Tab, wanted: impl Fn(&str) -> bool) -> String {
    for _ in 0..100 {
        let url = tab.get_url();
        if wanted(&url) {
            return url;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the page stayed at {}", tab.get_url());
}

#[test]
fn a_reporter_searches_narrows_pages_and_reads_in_the_browser() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&indexed(&bundled_corpus(), dir.path()), &[]);
    let tab = browser.new_tab().expect("a tab");
    tab.navigate_to(&format!("{}/", server.base))
        .and_then(|tab| tab.wait_until_navigated())
        .expect("the page loads");

    // "/" focuses the search box; typing a query and Enter shows its hits.
    tab.press_key("/").expect("a key");
    assert_eq!(script(&tab, "document.activeElement.id"), "q");
    tab.type_str("Abe")
        .and_then(|tab| tab.press_key("Enter"))
        .expect("typed");
    url_once(&tab, |url| url.contains("q=Abe"));
    tab.wait_until_navigated().expect("the results load");
    tab.wait_for_element("li.hit").expect("hits");
    let titles = texts(&tab, "li.hit h2");
    assert_eq!(titles.len(), 10, "{titles:?}");
    assert!(titles[0].contains("Abe"), "{titles:?}");
    screenshot(&tab, "search");
    // The page's weight and when its results arrived, as the browser saw
    // them (the assets are cached from the first page by now).
    let timing = script(
        &tab,
        "(() => { const n = performance.getEntriesByType('navigation')[0]; \
           const bytes = performance.getEntriesByType('resource') \
             .reduce((sum, entry) => sum + entry.transferSize, n.transferSize); \
           return `${bytes} ${Math.round(n.responseEnd)} ${Math.round(n.domContentLoadedEventEnd)}`; })()",
    );
    let numbers: Vec<u64> = timing.split(' ').filter_map(|n| n.parse().ok()).collect();
    assert_eq!(numbers.len(), 3, "{timing}");
    eprintln!(
        "search page: {} bytes transferred, results received at {} ms, ready at {} ms",
        numbers[0], numbers[1], numbers[2]
    );
    assert!(
        numbers[0] < 100_000,
        "a search page of {} bytes",
        numbers[0]
    );

    // Paging: the next ten, numbered on.
    tab.find_element("a[rel=next]")
        .and_then(|link| link.click().map(|_| ()))
        .expect("next");
    url_once(&tab, |url| url.contains("offset=10"));
    tab.wait_until_navigated().expect("page two");
    tab.wait_for_element("ol.hits[start='11']")
        .expect("hits from 11");

    // A section facet narrows the hits to it.
    tab.navigate_to(&format!("{}/?q=Abe", server.base))
        .and_then(|tab| tab.wait_until_navigated())
        .expect("back to the first page");
    let facet = tab
        .find_element("section[aria-label=Sections] li a")
        .expect("a section facet");
    let section = facet.get_inner_text().expect("its name");
    facet.click().expect("a click");
    url_once(&tab, |url| url.contains("section="));
    tab.wait_until_navigated().expect("narrowed");
    tab.wait_for_element("li.hit").expect("hits");
    let metas = texts(&tab, "li.hit p.meta");
    assert!(
        !metas.is_empty() && metas.iter().all(|meta| meta.contains(&section)),
        "{section}: {metas:?}"
    );

    // A timeline bar narrows the dates to its period.
    tab.navigate_to(&format!("{}/?q=Abe", server.base))
        .and_then(|tab| tab.wait_until_navigated())
        .expect("back again");
    let before = texts(&tab, "p.summary").join("");
    tab.wait_for_element(".timeline svg a rect")
        .and_then(|bar| bar.click().map(|_| ()))
        .expect("a bar is clicked");
    url_once(&tab, |url| url.contains("since=") && url.contains("until="));
    tab.wait_until_navigated().expect("narrowed by date");
    let after = texts(&tab, "p.summary").join("");
    assert_ne!(before, after, "the count changes");

    // Live search: a pause in typing shows the new query's hits, no reload;
    // the URL follows.
    tab.navigate_to(&format!("{}/?q=Abe", server.base))
        .and_then(|tab| tab.wait_until_navigated())
        .expect("a search");
    let box_ = tab.wait_for_element("#q").expect("the search box");
    box_.click().expect("focused");
    script(&tab, "document.getElementById('q').select(); ''");
    tab.type_str("Nakamura").expect("typed");
    url_once(&tab, |url| url.contains("q=Nakamura"));
    let live = texts(&tab, "li.hit h2");
    assert_eq!(live.len(), 1, "one story: {live:?}");
    assert!(texts(&tab, "li.hit details summary")
        .join("")
        .contains("+2 copies"));
    // ...and says so to a screen reader, in the live region outside the
    // part that was swapped.
    let announced = texts(&tab, "#announce").join("");
    assert_eq!(
        announced,
        "3 matches (3 with every word); showing 1–1, with 2 copies folded in."
    );
    assert_eq!(announced, texts(&tab, "p.summary").join(""));

    // An article, with its related stories.
    tab.navigate_to(&format!("{}/?q=Motegi+Lavrov", server.base))
        .and_then(|tab| tab.wait_until_navigated())
        .expect("a search");
    let first = tab.wait_for_element("li.hit h2 a").expect("a hit");
    let title = first.get_inner_text().expect("its title");
    first.click().expect("opened");
    url_once(&tab, |url| url.contains("/articles/"));
    tab.wait_until_navigated().expect("the article loads");
    let heading = tab
        .wait_for_element("article.story h1")
        .expect("the article");
    assert_eq!(heading.get_inner_text().expect("its headline"), title);
    let related = texts(&tab, "aside[aria-label='Related stories'] li.hit h2");
    assert!(
        !related.is_empty() && !related.contains(&title),
        "{related:?}"
    );
    screenshot(&tab, "article");
}

#[test]
fn hostile_markup_in_scraped_text_runs_nothing() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let dumps = dir.path().join("dumps");
    std::fs::create_dir_all(&dumps).unwrap();
    std::fs::write(
        dumps.join("hostile.txt"),
        " date 2024-05-02 National / Society\n\n\
         Council <script>window.pwned='title'</script> debates harbour fees\n\n\
         The council debated harbour fees on Thursday. <img src=x onerror=\"window.pwned='body'\"> \
         Members voted to keep them unchanged. <script>window.pwned='script'</script>\n\n\
         Ferry operators welcomed the decision, saying higher fees would have ended two routes.\n",
    )
    .unwrap();
    let server = Server::start(&indexed(&dumps, dir.path()), &[]);
    let tab = browser.new_tab().expect("a tab");
    tab.navigate_to(&format!("{}/?q=harbour", server.base))
        .and_then(|tab| tab.wait_until_navigated())
        .expect("the page loads");
    let title = tab
        .wait_for_element("li.hit h2")
        .expect("a hit")
        .get_inner_text()
        .unwrap();
    assert!(
        title.contains("<script>window.pwned='title'</script>"),
        "{title}"
    );
    tab.find_element("li.hit h2 a")
        .and_then(|link| link.click().map(|_| ()))
        .expect("opened");
    url_once(&tab, |url| url.contains("/articles/"));
    tab.wait_until_navigated().expect("the article loads");
    let body = texts(&tab, "article.story .body p").join("\n");
    assert!(
        body.contains("<img src=x onerror=\"window.pwned='body'\">"),
        "{body}"
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(script(&tab, "String(window.pwned)"), "undefined");
    assert_eq!(script(&tab, "String(document.images.length)"), "0");
}

#[test]
fn the_page_works_from_the_keyboard_and_on_a_phone() {
    let Some(browser) = browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(&indexed(&bundled_corpus(), dir.path()), &[]);
    let tab = browser.new_tab().expect("a tab");
    tab.navigate_to(&format!("{}/?q=Abe", server.base))
        .and_then(|tab| tab.wait_until_navigated())
        .expect("the page loads");
    tab.wait_for_element("li.hit").expect("hits");

    // The first Tab offers to skip the form; taking it, the next Tab is on
    // the first hit's headline; where focus is can be seen.
    tab.press_key("Tab").expect("a key");
    assert_eq!(
        script(&tab, "document.activeElement.textContent"),
        "Skip to content"
    );
    assert_ne!(
        script(
            &tab,
            "getComputedStyle(document.activeElement).outlineStyle"
        ),
        "none",
        "focus is visible"
    );
    tab.press_key("Enter").expect("a key");
    assert_eq!(script(&tab, "document.activeElement.id"), "content");
    tab.press_key("Tab").expect("a key");
    let first = texts(&tab, "li.hit h2").into_iter().next().unwrap();
    assert_eq!(script(&tab, "document.activeElement.textContent"), first);
    tab.press_key("Enter").expect("a key");
    url_once(&tab, |url| url.contains("/articles/"));
    tab.wait_until_navigated().expect("the article loads");
    tab.wait_for_element("article.story h1")
        .expect("the article");

    // Every control of the form has a name a screen reader can say.
    tab.navigate_to(&format!("{}/?q=Abe", server.base))
        .and_then(|tab| tab.wait_until_navigated())
        .expect("the search again");
    let unnamed = script(
        &tab,
        "[...document.querySelectorAll('input, select, button')] \
           .filter(c => !(c.labels && c.labels.length) && !c.textContent.trim() && !c.getAttribute('aria-label')) \
           .map(c => c.outerHTML).join(' ')",
    );
    assert_eq!(unnamed, "", "controls without a label");

    // On a phone's width the page does not scroll sideways and the
    // coverage panel follows the hits.
    tab.call_method(Emulation::SetDeviceMetricsOverride {
        width: 390,
        height: 844,
        device_scale_factor: 2.0,
        mobile: true,
        scale: None,
        screen_width: None,
        screen_height: None,
        position_x: None,
        position_y: None,
        dont_set_visible_size: None,
        screen_orientation: None,
        viewport: None,
        display_feature: None,
        device_posture: None,
    })
    .expect("a phone's screen");
    tab.reload(true, None)
        .and_then(|tab| tab.wait_until_navigated())
        .expect("reloaded");
    tab.wait_for_element("li.hit").expect("hits");
    let widths = script(
        &tab,
        "`${document.documentElement.scrollWidth} ${window.innerWidth}`",
    );
    let widths: Vec<u32> = widths.split(' ').filter_map(|n| n.parse().ok()).collect();
    assert!(
        widths.len() == 2 && widths[0] <= widths[1],
        "page {widths:?} wider than the screen"
    );
    assert_eq!(
        script(
            &tab,
            "String(document.querySelector('aside').getBoundingClientRect().top > \
                    document.querySelector('ol.hits').getBoundingClientRect().top)"
        ),
        "true"
    );
    screenshot(&tab, "phone");
}
