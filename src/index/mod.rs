//! Index: stores articles in a tantivy index on disk and opens it for search.
//!
//! A build (`build`) is incremental: it reads only files that are new or
//! changed since the last run (`state`), folds repeats and revisions of a story
//! into one article (`identity`), and publishes the result as a new generation
//! in one atomic step (`generation`), so a reader never sees half a batch and a
//! killed run leaves the previous index intact.
//!
//! By role: `archive` opens a published generation for readers; `build` finds
//! the files, reads them on worker threads and takes their outcomes in file
//! order (so outcomes never depend on thread timing); `revisions` decides for
//! each incoming article whether it is new, a copy, a revision or an older
//! version and hands documents to tantivy's own indexing threads; `report`
//! is what a build tells its caller.

mod archive;
mod build;
pub mod days;
pub mod fingerprint;
mod generation;
pub mod identity;
mod in_text_order;
mod pool;
mod report;
mod revisions;
pub mod schema;
mod state;
mod stem_cache;
mod tokenizer;

pub use schema::Fields;

pub use archive::Archive;
pub use build::{build, IndexOptions};
pub use report::{IndexEvent, IndexReport};
