//! Page furniture: everything a scraped page prints around and inside a story
//! that is not the story — navigation, headings of other stories' lists and
//! their teasers, plugs and ads, bylines and signatures, publication stamps,
//! photo captions and credits, tags. One file per kind; the page-dump reader
//! and the HTML reader both ask here, so teaching morgue one more newsletter
//! plug or byline shape is one edit in one place.

pub(crate) mod bylines;
pub(crate) mod captions;
pub(crate) mod chrome;
pub(crate) mod plugs;
pub(crate) mod stamps;
pub(crate) mod tags;

/// The openings of a newsletter or subscription plug. Under a story they head
/// the page's chrome ("Sign up for our morning briefing"); inside one they
/// interrupt it: the chrome and the plug rules both read this one list.
const SIGNUP_OPENINGS: &[&str] = &["sign up for", "sign up to", "subscribe to", "subscribe for"];
