//! Watches: saved searches that say what a scrape added. Each remembers the
//! matches it saw when it last ran ([`Seen`]); running it reports the matches
//! that arrived since — new articles, and revised ones — then remembers the
//! new set. The list lives in the index folder, beside the generations, so a
//! `--rebuild` or `--compact` keeps it (and, ids being stable, does not make
//! the archive "new"); a run reads one generation, whatever an indexer
//! publishes meanwhile. The file is replaced whole, atomically.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::index::Archive;
use crate::search::request::{parse_date_flag, RangeEnd};
use crate::search::{arrivals, Arrival, SearchRequest, Seen};

/// The file in the index folder that holds the watches.
const FILE: &str = "watches.json";

/// A saved search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Watch {
    /// What the user calls it.
    pub name: String,
    /// The query, in search syntax.
    pub query: String,
    /// `--since` as typed: a span such as `30d` counts back from each run.
    pub since: Option<String>,
    /// `--until` as typed.
    pub until: Option<String>,
    /// `--section`.
    pub section: Option<String>,
    /// The matches seen at the last run; `None` before the first.
    pub seen: Option<Seen>,
}

impl Watch {
    /// A watch that has not run yet, its filters checked as search checks them.
    pub fn new(
        name: &str,
        query: &str,
        since: Option<String>,
        until: Option<String>,
        section: Option<String>,
        today: NaiveDate,
    ) -> Result<Watch> {
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(Error::BadRequest(
                "a watch needs a name of printable characters".to_string(),
            ));
        }
        let watch = Watch {
            name: name.to_string(),
            query: query.to_string(),
            since,
            until,
            section,
            seen: None,
        };
        watch.request(today, 0)?;
        Ok(watch)
    }

    /// Fails as its first run would on this archive (an unknown section),
    /// so that a mistyped watch is refused when added.
    pub fn check(&self, archive: &Archive, today: NaiveDate) -> Result<()> {
        arrivals(archive, &self.request(today, 0)?, Some(&Seen::default())).map(|_| ())
    }

    /// The search this watch runs on `today`.
    pub fn request(&self, today: NaiveDate, limit: usize) -> Result<SearchRequest> {
        let day = |flag: &str, value: &Option<String>, end| {
            value
                .as_deref()
                .map(|text| parse_date_flag(text, end, today))
                .transpose()
                .map_err(|message| Error::BadRequest(format!("{flag}: {message}")))
        };
        SearchRequest {
            since: day("--since", &self.since, RangeEnd::Start)?,
            until: day("--until", &self.until, RangeEnd::End)?,
            section: self.section.clone(),
            limit,
            ..SearchRequest::new(self.query.clone())
        }
        .validate()
    }
}

/// What one watch found on a run.
#[derive(Debug, Clone)]
pub struct WatchRun {
    /// The watch's name.
    pub name: String,
    /// Whether this was its first run (the best matches are shown, and
    /// everything matching now is remembered as seen).
    pub first: bool,
    /// Matches not seen before.
    pub new: u64,
    /// Matches seen before with other text.
    pub revised: u64,
    /// The arrivals shown, newest first (on a first run, the best matches).
    pub shown: Vec<Arrival>,
}

/// The watches of one index.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Watches {
    /// In the order they were added.
    pub watches: Vec<Watch>,
}

impl Watches {
    /// The watches of the index at `root` (none when it has no file yet).
    pub fn load(root: &Path) -> Result<Watches> {
        let path = root.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| Error::BrokenIndex {
                path: path.clone(),
                reason: format!("its watches cannot be read ({error})"),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Watches::default()),
            Err(error) => Err(Error::io(path, error)),
        }
    }

    /// Writes the watches beside the index, replacing the file in one step.
    pub fn save(&self, root: &Path) -> Result<()> {
        let path = root.join(FILE);
        let temporary: PathBuf = root.join(format!(".{FILE}.{}", std::process::id()));
        let bytes = serde_json::to_vec(self).map_err(|error| Error::io(&path, error.into()))?;
        std::fs::write(&temporary, bytes).map_err(|error| Error::io(&temporary, error))?;
        std::fs::rename(&temporary, &path).map_err(|error| Error::io(&path, error))
    }

    /// Adds a watch; its name must be new.
    pub fn add(&mut self, watch: Watch) -> Result<()> {
        if self.watches.iter().any(|known| known.name == watch.name) {
            return Err(Error::BadRequest(format!(
                "a watch named '{}' exists already: remove it first, or pick another name",
                watch.name
            )));
        }
        self.watches.push(watch);
        Ok(())
    }

    /// Removes the watch named `name`.
    pub fn remove(&mut self, name: &str) -> Result<()> {
        let before = self.watches.len();
        self.watches.retain(|watch| watch.name != name);
        if self.watches.len() == before {
            return Err(self.unknown(name));
        }
        Ok(())
    }

    /// Runs the watches named (all of them when `names` is empty) against
    /// one generation of the archive, showing up to `limit` arrivals each,
    /// and remembers what each saw.
    pub fn run(
        &mut self,
        archive: &Archive,
        names: &[String],
        limit: usize,
        today: NaiveDate,
    ) -> Result<Vec<WatchRun>> {
        if let Some(name) = names
            .iter()
            .find(|name| !self.watches.iter().any(|watch| &watch.name == *name))
        {
            return Err(self.unknown(name));
        }
        let mut runs = Vec::new();
        for watch in &mut self.watches {
            if !names.is_empty() && !names.contains(&watch.name) {
                continue;
            }
            let found = arrivals(archive, &watch.request(today, limit)?, watch.seen.as_ref())?;
            runs.push(WatchRun {
                name: watch.name.clone(),
                first: watch.seen.is_none(),
                new: found.new,
                revised: found.revised,
                shown: found.shown,
            });
            watch.seen = Some(found.seen);
        }
        Ok(runs)
    }

    fn unknown(&self, name: &str) -> Error {
        let names: Vec<&str> = self
            .watches
            .iter()
            .map(|watch| watch.name.as_str())
            .collect();
        Error::BadRequest(format!(
            "no watch named '{name}'; watches: {}",
            if names.is_empty() {
                "none (add one with `morgue watch add NAME QUERY`)".to_string()
            } else {
                names.join(", ")
            }
        ))
    }
}
