//! The page's stylesheet and script, built into the binary: nothing is read
//! from disk, and only these names are served (a path cannot climb out).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

const STYLE: &str = include_str!("assets/app.css");
const SCRIPT: &str = include_str!("assets/app.js");

/// `GET /assets/{name}`.
pub async fn asset(name: Option<Path<String>>) -> Response {
    let (body, kind) = match name.as_ref().map(|Path(name)| name.as_str()) {
        Some("app.css") => (STYLE, "text/css; charset=utf-8"),
        Some("app.js") => (SCRIPT, "text/javascript; charset=utf-8"),
        _ => return (StatusCode::NOT_FOUND, "no such asset").into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}
