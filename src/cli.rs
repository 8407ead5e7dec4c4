//! Command-line arguments. The doc comments are the `--help` text; nothing here
//! reaches the library, which takes typed values built in `main.rs`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use morgue::ingest::Format;

/// Search scraped news archives from the command line.
#[derive(Debug, Parser)]
#[command(name = "morgue", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index directory [default: ./index]
    #[arg(long, global = true, env = "MORGUE_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,

    /// When to colour results: auto (on a terminal, unless NO_COLOR is set),
    /// always, never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest dump files into the index (adding to it when it exists).
    ///
    /// Only files new or changed since the last run are read. A story scraped
    /// twice is one article; a revised version replaces the older one. The
    /// update is published atomically: searches see the old index until it is
    /// complete, and a killed run leaves the old index intact.
    ///
    /// Exit status: 0 when every dump was read, 1 when some files were
    /// skipped or read only in part (each is named on stderr with the
    /// reason), 2 on error.
    Index(IndexArgs),
    /// Search the index.
    ///
    /// Words: articles holding all of them come first, then those holding
    /// some. "a phrase", -exclude, +require, a OR b, and field prefixes
    /// title: byline: body: caption: tag: section: work as usual.
    ///
    /// Exit status: 0 when something matched, 1 when nothing did, 2 on error.
    Search(SearchArgs),
    /// Print one article in full.
    Show(ShowArgs),
    /// List the articles most like one article (what its story is about),
    /// printed as search prints hits; the article itself is never listed.
    ///
    /// Exit status: 0 when something is related, 1 when nothing is, 2 on error.
    Related(RelatedArgs),
    /// Count the articles about a query (or the whole archive): when they ran,
    /// under which sections and by whom, with a timeline chart.
    ///
    /// The counted set is the articles holding every word of the query (its
    /// search's "with every word" count), narrowed by the same filters as
    /// search; --any counts those holding any word.
    Stats(StatsArgs),
    /// Saved searches that say what each scrape added.
    ///
    /// `watch run` prints, per watch, the matching articles that entered the
    /// archive since that watch last ran (new ones, and revised ones marked
    /// so), then remembers where it stopped; a first run prints the current
    /// best matches. Watches live in the index folder and survive --rebuild
    /// and --compact.
    ///
    /// Exit status of `watch run`: 0 when something is new, 1 when nothing
    /// is, 2 on error.
    #[command(subcommand)]
    Watch(WatchCommand),
    /// Write every article (or those the filters pass) as JSON Lines, oldest
    /// first (for other tools).
    Export(ExportArgs),
    /// Measure ranking against relevance judgments (MAP, nDCG@10, P@10,
    /// Recall@100, MRR, with trec_eval's semantics).
    ///
    /// Documents are named by the record number their collection gave them
    /// (a SMART .I), else by morgue's id. Run it before and after a ranking
    /// change, on judgments of your own archive.
    Eval(EvalArgs),
    /// Serve the archive to a browser and as a JSON API (read-only).
    ///
    /// Listens on 127.0.0.1:7700 unless --addr says otherwise; anyone who can
    /// reach the address can read the archive. Follows the index: what
    /// `morgue index` publishes is served within a second. Ctrl-C or SIGTERM
    /// stops it once requests in flight finish.
    Serve(ServeArgs),
    /// Print a shell's completion script for morgue to stdout.
    ///
    /// bash: morgue completions bash > ~/.local/share/bash-completion/completions/morgue;
    /// zsh: morgue completions zsh > ~/.zfunc/_morgue (with ~/.zfunc on fpath);
    /// fish: morgue completions fish > ~/.config/fish/completions/morgue.fish
    Completions(CompletionsArgs),
    /// Print a manual page (roff) to stdout: morgue man > morgue.1, and one
    /// per command: morgue man search > morgue-search.1
    Man(ManArgs),
}

/// Arguments of `morgue man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print [default: morgue's own]
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Arguments of `morgue completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `morgue index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders of dumps, walked recursively
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub paths: Vec<PathBuf>,

    /// Start from an empty index instead of adding to the existing one; the
    /// old index stays searchable until the new one is complete
    #[arg(long)]
    pub rebuild: bool,

    /// Remove the articles of files that disappeared from under PATH (by
    /// default they stay in the archive)
    #[arg(long)]
    pub prune: bool,

    /// Merge the index into one segment when the run is done (with no PATH
    /// changes, only that): searches of a large archive get faster (a million
    /// articles: median 15.3 → 9.1 ms), the merge rewrites the index once
    /// (81 s at a million). Worth it after a large import, not every night
    #[arg(long)]
    pub compact: bool,

    /// When another `morgue index` is updating the index, wait for it instead
    /// of failing
    #[arg(long)]
    pub wait: bool,

    /// Skip (and report) files larger than this: bytes, or with K, M or G
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Index at most this many characters of one story's text (the rest is
    /// reported, never dropped silently)
    #[arg(long, value_name = "N", default_value_t = 1_000_000)]
    pub max_article_chars: usize,

    /// Read every file as this format instead of detecting it from the
    /// extension and the content: page, smart, json, csv, reuters-sgml, html
    /// or warc (the README's Formats section describes each)
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<Format>,

    /// Read record field NAME as an article's PART, for JSON and CSV dumps
    /// whose names are not the common ones (repeatable): body=article_text,
    /// title=hed, date=first_seen. Parts: id url date section title byline body
    /// summary captions tags source
    #[arg(long = "field", value_name = "PART=NAME")]
    pub fields: Vec<String>,

    /// Threads parsing dump files, and reading one file of many records [default: number of
    /// cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,

    /// Memory budget of a build, in MB: the index writer's buffers (at least
    /// 15 per thread) and how many new articles are held between checkpoints;
    /// peak memory grows with it [default: 64 per core]
    #[arg(long, value_name = "MB", value_parser = clap::value_parser!(u64).range(15..=65536))]
    pub memory: Option<u64>,

    /// Print the summary as one JSON object on stdout
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `morgue search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for; quote it when it has several words or starts with
    /// "-" ("-coal Motegi")
    /// (Raw bytes are accepted: text that is not UTF-8 is searched as decoded
    /// with replacement characters, never refused.)
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<OsString>,

    /// More query words, for an unquoted query (`morgue search Motegi Lavrov`)
    #[arg(value_name = "WORDS", hide = true)]
    pub more_words: Vec<OsString>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Order of hits
    #[arg(long, value_enum, default_value_t = SortArg::Blend)]
    pub sort: SortArg,

    /// Half-life, in days, of the recency boost used by --sort blend
    #[arg(long, value_name = "DAYS", default_value_t = morgue::search::request::DEFAULT_HALF_LIFE_DAYS)]
    pub half_life: f64,

    /// Number of hits to show (0 prints only the count)
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Number of hits to skip, for paging
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Print hits as JSON Lines on stdout (counts go to stderr)
    #[arg(long)]
    pub json: bool,

    /// List every wire copy of a story as a hit of its own (by default a
    /// story printed by several outlets is one hit, its copies named under it)
    #[arg(long)]
    pub all_copies: bool,

    /// Refuse queries longer than this many characters
    #[arg(long, value_name = "N", default_value_t = morgue::search::request::DEFAULT_MAX_QUERY_CHARS)]
    pub max_query_chars: usize,
}

/// The filters every command that selects articles takes.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// First day: YYYY-MM-DD, YYYY-MM, YYYY, or back from today: 30d, 2w, 6m, 1y
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Last day, inclusive (same forms as --since; 2019-12 means to Dec 31)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Only articles filed under this section, at any level ("Politics",
    /// "National / Politics")
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,
}

/// Choices for `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless NO_COLOR is set
    Auto,
    /// Always, even piped
    Always,
    /// Never
    Never,
}

/// Orders for `--sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// BM25 relevance, the headline weighted
    Relevance,
    /// Newest first
    Date,
    /// Oldest first
    Oldest,
    /// Relevance with a mild preference for recent articles
    Blend,
}

/// Arguments of `morgue serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0: any free port, printed on start)
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7700")]
    pub addr: std::net::SocketAddr,

    /// Requests handled at once; more are answered 503 at once
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub max_in_flight: usize,

    /// Seconds a request may take before it is answered 503
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub timeout: u64,
}

/// Arguments of `morgue eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Topics: one `qid<TAB>query` per line
    #[arg(long, value_name = "FILE")]
    pub topics: PathBuf,

    /// Judgments in TREC qrels form: `qid iteration docid grade` (grade ≥ 1 is relevant)
    #[arg(long, value_name = "FILE")]
    pub qrels: PathBuf,

    /// Also write the rankings as a TREC run file, for trec_eval and other tools
    #[arg(long, value_name = "FILE")]
    pub run: Option<PathBuf>,

    /// Documents retrieved per topic
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub depth: usize,

    /// Order of hits, as for `morgue search`. Relevance by default:
    /// judgments say what is relevant, not what is recent; `blend` measures
    /// what search shows by default
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Print the means and each topic's measures as one JSON object
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `morgue show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Article id, as printed by `morgue search`, or the record number the
    /// source collection gave it
    pub id: String,

    /// Print the article as one JSON object
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `morgue related`.
#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// Article id, as printed by `morgue search`, or the record number the
    /// source collection gave it
    pub id: String,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Number of related articles to show
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Print them as JSON Lines, with the fields of `search --json`
    #[arg(long)]
    pub json: bool,
}

/// What `morgue watch` does.
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Save a search as a watch
    Add(WatchAddArgs),
    /// List the watches
    List,
    /// Delete a watch
    Remove {
        /// The watch's name
        name: String,
    },
    /// Print what arrived since each watch (or those named) last ran
    Run(WatchRunArgs),
}

/// Arguments of `morgue watch add`.
#[derive(Debug, Args)]
pub struct WatchAddArgs {
    /// A name for the watch
    pub name: String,

    /// What to watch for (search syntax; articles holding every word)
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: OsString,

    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Arguments of `morgue watch run`.
#[derive(Debug, Args)]
pub struct WatchRunArgs {
    /// The watches to run [default: all]
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,

    /// Most articles shown per watch (all are counted and remembered)
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
    pub limit: usize,

    /// Print the articles as JSON Lines: the fields of `search --json`, plus
    /// `watch` and `revised`
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `morgue export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Arguments of `morgue stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Count the articles holding every word of this query (same syntax as
    /// search); without one, the whole archive
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<OsString>,

    /// More query words, for an unquoted query
    #[arg(value_name = "WORDS", hide = true)]
    pub more_words: Vec<OsString>,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Count the articles holding any word of the query, not only those
    /// holding all of them
    #[arg(long)]
    pub any: bool,

    /// Length of a timeline bar [default: the finest that keeps about 60 bars]
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub by: Option<PeriodArg>,

    /// Print the statistics as one JSON object
    #[arg(long)]
    pub json: bool,
}

/// Periods for `--by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Calendar years
    Year,
    /// Calendar months
    Month,
    /// ISO weeks, Monday to Sunday
    Week,
    /// Days
    Day,
}

/// A `--format` name, as `Format::all` lists them.
fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::all().map(Format::name).collect();
        format!("'{name}' is not a format; use one of {}", names.join(", "))
    })
}

/// Parses a size such as `1048576`, `512K`, `64M` or `2G` (powers of 1024).
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().last() {
        Some((at, unit)) if unit.is_ascii_alphabetic() => (&text[..at], unit.to_ascii_uppercase()),
        _ => (text, 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => {
            return Err(format!(
                "'{text}' is not a size: use bytes, or a number with K, M or G"
            ))
        }
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|number| number.checked_mul(1 << shift))
        .ok_or_else(|| format!("'{text}' is not a size: use bytes, or a number with K, M or G"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn format_help_names_every_format() {
        let help = Cli::command()
            .find_subcommand("index")
            .and_then(|index| {
                index
                    .get_arguments()
                    .find(|arg| arg.get_id() == "format")
                    .cloned()
            })
            .and_then(|arg| arg.get_help().map(ToString::to_string))
            .unwrap_or_default();
        for format in Format::all() {
            let name = format.name();
            assert!(help.contains(name), "{name} missing from: {help}");
            assert_eq!(parse_format(name), Ok(format));
        }
        assert!(parse_format("docx").unwrap_err().contains("reuters-sgml"));
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }
}
