//! morgue: full-text search for news archives.
//!
//! The data flows through one module per stage:
//!
//! ```text
//! dump files ─► ingest ─► Article ─► index (tantivy) ─► search ─► Hit ─► print
//!                                                          ├─► eval (judged rankings)
//!                                                          └─► watch (what a scrape added)
//! ```
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = tempfile::tempdir()?;
//! # let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
//! # std::fs::create_dir(&corpus)?;
//! std::fs::write(corpus.join("a.txt"), "date 2019-12-10 World\n\nTreaty talks\n\nKyodo\n\nMotegi met Lavrov.\n")?;
//! morgue::index::build(&index, &[corpus], &Default::default(), &mut |_| {})?;
//! let archive = morgue::index::Archive::open(&index)?;
//! let results = morgue::search::search(&archive, &morgue::search::SearchRequest::new("Motegi Lavrov"))?;
//! assert_eq!(results.hits[0].title, "Treaty talks");
//! # Ok(())
//! # }
//! ```
#![warn(missing_docs)]

pub mod article;
pub mod error;
pub mod eval;
pub mod index;
pub mod ingest;
pub mod print;
pub mod search;
pub mod serve;
pub mod watch;

pub use article::{Article, ArticleId, Section, TitleOrigin};
pub use error::{Error, Result};
