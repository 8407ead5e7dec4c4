//! `morgue serve` (issue #23): the archive over HTTP, as pages for a browser
//! (rendered on the server, a small script on top) and as a JSON API for
//! other tools. Handlers are thin: they parse a request into the library's
//! types (`params`), run the same search, stats, related or show as the CLI
//! on a blocking thread, and render (`pages`, `api`).
//!
//! axum on tokio, with tower's layers for what every request gets: a bound
//! on requests in flight (beyond it a fast 503, not a queue), a time limit
//! (503), a panic turned into a 500 while the server keeps serving, and the
//! security headers. The server follows the index: a background task looks
//! at `CURRENT` twice a second and swaps in a newly published generation; a
//! request keeps the generation it started with.

mod api;
mod assets;
mod pages;
mod params;

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::error_handling::HandleErrorLayer;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{BoxError, Json, Router};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::{Error, Result};
use crate::index::Archive;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The index folder (the one `morgue index` writes).
    pub index: PathBuf,
    /// Where to listen.
    pub addr: SocketAddr,
    /// Requests handled at once; more get a 503 at once.
    pub max_in_flight: usize,
    /// Longest a request may take before it gets a 503.
    pub timeout: Duration,
    /// Threads that run searches (the machine's cores by default).
    pub search_threads: usize,
}

/// How often the server looks for a newly published generation.
const FOLLOW_EVERY: Duration = Duration::from_millis(500);

/// The page's policy: scripts, styles and images from the server itself
/// only, no inline script, no plugins, no framing.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// What every handler shares: the live generation of the archive.
struct Shared {
    root: PathBuf,
    live: ArcSwap<Live>,
}

/// A generation being served, with what the page's form needs of it every
/// time: its sections (counting them is a pass over the whole archive, 7 ms
/// at a million articles — most of a page's time when done per request).
struct Live {
    archive: Archive,
    sections: Vec<String>,
}

impl Live {
    fn open(root: &std::path::Path) -> Result<Live> {
        let archive = Archive::open(root)?;
        let sections = crate::search::sections(&archive)?;
        Ok(Live { archive, sections })
    }
}

type State = Arc<Shared>;

/// Serves the archive until Ctrl-C or SIGTERM, letting requests in flight
/// finish; `ready` is told the address once the server listens (port 0 picks
/// a free one).
pub fn serve(options: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let live = Live::open(&options.index)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(options.search_threads.max(1))
        .enable_all()
        .build()
        .map_err(|error| Error::io("the server's threads", error))?;
    let shared = Arc::new(Shared {
        root: options.index.clone(),
        live: ArcSwap::from_pointee(live),
    });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|error| Error::io(options.addr.to_string(), error))?;
        let bound = listener
            .local_addr()
            .map_err(|error| Error::io(options.addr.to_string(), error))?;
        tokio::spawn(follow(shared.clone()));
        ready(bound);
        axum::serve(listener, router(shared, options))
            .with_graceful_shutdown(stopped())
            .into_future()
            .await
            .map_err(|error| Error::io(bound.to_string(), error))
    })
}

/// The routes and the layers every request passes. The bound on requests in
/// flight wraps the whole router as one service (`Router::layer` would give
/// each route a bound of its own).
fn router(shared: State, options: &ServeOptions) -> Router {
    // A panicking handler answers 500 in its own kind: a page or JSON.
    let pages = Router::new()
        .route("/", get(pages::search))
        .route("/articles/{id}", get(pages::article))
        .route("/assets/{name}", get(assets::asset))
        .fallback(pages::not_found)
        .layer(CatchPanicLayer::custom(panicked_page));
    let api = Router::new()
        .route("/search", get(api::search))
        .route("/stats", get(api::stats))
        .route("/articles/{id}", get(api::article))
        .route("/articles/{id}/related", get(api::related))
        .fallback(api::not_found)
        .layer(CatchPanicLayer::custom(panicked));
    let routes = pages.nest("/api", api).with_state(shared);
    let guarded = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(overloaded))
        .load_shed()
        .concurrency_limit(options.max_in_flight.max(1))
        .timeout(options.timeout)
        .service(routes);
    let header = |name, value: &'static str| {
        SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
    };
    Router::new()
        .fallback_service(guarded)
        .layer(header(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(header(header::REFERRER_POLICY, "no-referrer"))
}

/// Swaps in each generation `morgue index` publishes. A generation that
/// cannot be opened yet (being removed, or a half-written one a killed
/// indexer left) is tried again on the next look; the one served stays.
async fn follow(shared: State) {
    let mut every = tokio::time::interval(FOLLOW_EVERY);
    loop {
        every.tick().await;
        let watched = shared.clone();
        let _ = tokio::task::spawn_blocking(move || {
            let live = Archive::live_generation(&watched.root).ok().flatten();
            if live.is_some_and(|live| live != watched.live.load().archive.generation()) {
                if let Ok(newer) = Live::open(&watched.root) {
                    watched.live.store(Arc::new(newer));
                }
            }
        })
        .await;
    }
}

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    let interrupted = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminated = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminated = std::future::pending::<()>();
    tokio::select! {
        () = interrupted => {},
        () = terminated => {},
    }
}

/// The sections of the generation live now, for the page's picker.
fn sections(shared: &State) -> Vec<String> {
    shared.live.load().sections.clone()
}

/// Runs library work on a search thread against the generation live now.
async fn on_archive<T: Send + 'static>(
    shared: &State,
    work: impl FnOnce(&Archive) -> Result<T> + Send + 'static,
) -> Result<T, Failure> {
    on_generation(shared.live.load_full(), work).await
}

/// Runs library work on a search thread against one generation, so that two
/// pieces of one answer run side by side and still read the same articles.
async fn on_generation<T: Send + 'static>(
    live: Arc<Live>,
    work: impl FnOnce(&Archive) -> Result<T> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(move || work(&live.archive))
        .await
        .map_err(|_| Failure::Internal)?
        .map_err(Failure::from)
}

/// Why a request failed, as a status and a message for the person or
/// program that sent it (never a trace; details of a 500 go to stderr).
#[derive(Debug)]
enum Failure {
    BadRequest(String),
    NotFound(String),
    Unavailable(String),
    Internal,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        match error {
            Error::BadRequest(message) => Failure::BadRequest(message),
            Error::UnknownId(_) => Failure::NotFound(error.to_string()),
            Error::NoIndex(_) | Error::BrokenIndex { .. } | Error::Busy { .. } => {
                Failure::Unavailable(error.to_string())
            }
            other => {
                eprintln!("morgue serve: {other}");
                Failure::Internal
            }
        }
    }
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message(&self) -> &str {
        match self {
            Failure::BadRequest(message)
            | Failure::NotFound(message)
            | Failure::Unavailable(message) => message,
            Failure::Internal => "internal error; the server's log says more",
        }
    }

    /// The failure as the JSON API answers it: `{"error": …}`.
    fn json(&self) -> Response {
        let body = serde_json::json!({ "error": self.message() });
        (self.status(), Json(body)).into_response()
    }
}

/// A request the layers turned away: too many in flight, or too slow; as
/// JSON for the API, as a page for a browser.
async fn overloaded(uri: Uri, error: BoxError) -> Response {
    let failure = if error.is::<tower::timeout::error::Elapsed>() {
        Failure::Unavailable("the request took too long; try a narrower search".into())
    } else {
        Failure::Unavailable("the server is busy; try again in a moment".into())
    };
    if uri.path().starts_with("/api/") {
        failure.json()
    } else {
        pages::failure_page(&failure)
    }
}

/// An API handler that panicked: a 500, and the server goes on.
fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    eprintln!("morgue serve: a request handler panicked; please report it");
    Failure::Internal.json()
}

/// A page handler that panicked: a 500 page, and the server goes on.
fn panicked_page(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    eprintln!("morgue serve: a request handler panicked; please report it");
    pages::failure_page(&Failure::Internal)
}
