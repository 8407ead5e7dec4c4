//! The `morgue` command: parses arguments, calls the library, prints, and turns
//! the outcome into an exit status (0 found, 1 nothing found or files skipped,
//! 2 error).

mod cli;
mod progress;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{CommandFactory, Parser};

use cli::{
    Cli, ColorArg, Command, EvalArgs, ExportArgs, FilterArgs, IndexArgs, ManArgs, PeriodArg,
    RelatedArgs, SearchArgs, ServeArgs, ShowArgs, SortArg, StatsArgs, WatchCommand,
};
use morgue::eval::{self, EvalOptions, Qrels, Topics};
use morgue::index::{Archive, IndexOptions};
use morgue::ingest::{FieldMap, Limits, Reader};
use morgue::print::{for_terminal, Printer};
use morgue::search::request::{parse_date_flag, RangeEnd};
use morgue::search::{self, MatchCount, Period, RelatedRequest, SearchRequest, Sort, StatsRequest};
use morgue::serve::ServeOptions;
use morgue::watch::{Watch, Watches};
use progress::build_with_progress;

/// Where the index lives when neither `--index` nor `MORGUE_INDEX` says.
const DEFAULT_INDEX: &str = "index";
/// What `morgue search` indexes on first use when the default index is missing.
const DEFAULT_CORPUS: &str = "corpus";

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("morgue: {}", for_terminal(&format!("{error:#}")));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let index_given = cli.index.is_some();
    let cx = Session {
        index_dir: cli.index.unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX)),
        color: cli.color,
    };
    match cli.command {
        Command::Index(args) => run_index(&cx, args),
        Command::Search(args) => {
            if !index_given {
                build_default_index_if_missing(&cx.index_dir)?;
            }
            run_search(&cx, args)
        }
        Command::Show(args) => run_show(&cx, args),
        Command::Related(args) => run_related(&cx, args),
        Command::Stats(args) => run_stats(&cx, args),
        Command::Export(args) => run_export(&cx, args),
        Command::Watch(command) => run_watch(&cx, command),
        Command::Eval(args) => run_eval(&cx, args),
        Command::Serve(args) => run_serve(&cx, args),
        Command::Completions(args) => {
            let mut command = Cli::command();
            clap_complete::generate(args.shell, &mut command, "morgue", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man(args) => run_man(args),
    }
}

fn run_serve(cx: &Session, args: ServeArgs) -> Result<ExitCode> {
    let options = ServeOptions {
        index: cx.index_dir.clone(),
        addr: args.addr,
        max_in_flight: args.max_in_flight,
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        search_threads: std::thread::available_parallelism().map_or(2, |cores| cores.get()),
    };
    let index = cx.index_dir.display().to_string();
    morgue::serve::serve(&options, |addr| {
        eprintln!("morgue: serving {index} at http://{addr}/ (Ctrl-C stops)");
        if !addr.ip().is_loopback() {
            eprintln!(
                "morgue: warning: {addr} is not a loopback address: anyone who can reach this port can read the archive"
            );
        }
    })
    .with_context(|| format!("serving {index}"))?;
    Ok(ExitCode::SUCCESS)
}

/// A manual page for morgue or one of its commands, named as the main page's
/// list of commands names them (`morgue-search(1)`).
fn run_man(args: ManArgs) -> Result<ExitCode> {
    let mut morgue = Cli::command();
    // Building names each command as its page is titled: morgue-search.
    morgue.build();
    let page = match &args.command {
        None => morgue,
        Some(name) => morgue
            .find_subcommand(name)
            .cloned()
            .with_context(|| format!("no command '{name}' has a manual page"))?
            .version(env!("CARGO_PKG_VERSION")),
    };
    clap_mangen::Man::new(page).render(&mut std::io::stdout())?;
    Ok(ExitCode::SUCCESS)
}

fn run_index(cx: &Session, args: IndexArgs) -> Result<ExitCode> {
    let index_dir = &cx.index_dir;
    for path in &args.paths {
        if !path.exists() {
            anyhow::bail!("{}: no such file or folder to index", path.display());
        }
    }
    let mut options = IndexOptions {
        rebuild: args.rebuild,
        prune: args.prune,
        compact: args.compact,
        wait: args.wait,
        reader: Reader {
            limits: Limits {
                max_file_bytes: args.max_file_size,
                max_article_chars: args.max_article_chars,
            },
            format: args.format,
            fields: field_map(&args.fields)?,
        },
        ..IndexOptions::default()
    };
    if let Some(threads) = args.threads {
        options.parser_threads = threads.max(1);
        // A file of many records is read on this many threads too.
        rayon::ThreadPoolBuilder::new()
            .num_threads(options.parser_threads)
            .build_global()
            .context("setting the number of threads reading a large file")?;
    }
    if let Some(megabytes) = args.memory {
        options.set_memory(usize::try_from(megabytes << 20).unwrap_or(usize::MAX));
    }
    let report = build_with_progress(index_dir, &args.paths, &options)?;
    if args.json {
        let mut stdout = std::io::stdout().lock();
        serde_json::to_writer(&mut stdout, &report)?;
        writeln!(stdout)?;
    }
    Ok(if report.files_skipped > 0 || report.files_damaged > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The `--field PART=NAME` overrides, checked; the error names the flag.
fn field_map(specs: &[String]) -> Result<FieldMap> {
    let mut fields = FieldMap::default();
    for spec in specs {
        fields
            .add(spec)
            .map_err(|message| anyhow::anyhow!("--field: {message}"))?;
    }
    Ok(fields)
}

/// A newcomer's first `morgue search` just works: with no index yet and the
/// bundled corpus beside it, build the index first and say so.
fn build_default_index_if_missing(index_dir: &Path) -> Result<()> {
    let corpus = Path::new(DEFAULT_CORPUS);
    if Archive::exists(index_dir) || !corpus.is_dir() {
        return Ok(());
    }
    eprintln!(
        "morgue: no index at {} yet; building it from {}/ first",
        index_dir.display(),
        corpus.display()
    );
    build_with_progress(index_dir, &[corpus.to_path_buf()], &IndexOptions::default())?;
    Ok(())
}

fn run_search(cx: &Session, args: SearchArgs) -> Result<ExitCode> {
    let request = search_request(&args)?;
    let archive = cx.archive()?;
    let results = search::search(&archive, &request)?;
    let printer = cx.printer(args.json);
    // Standard output flushes every line when it is not a terminal: ten hits
    // were fifty write calls.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let shown = results.hits.len();
    let (first, last) = (request.offset + 1, request.offset + shown);
    let matches = match results.total {
        MatchCount::Exact(0) => "no matches".to_string(),
        MatchCount::Exact(1) => "1 match".to_string(),
        MatchCount::Exact(total) => format!("{total} matches"),
        MatchCount::MoreThan(total) => format!("more than {total} matches"),
    };
    let headline = match (results.total.at_least(), shown) {
        (0, _) => matches,
        (_, 0) => format!("{matches} ({} with every word)", results.all_words),
        (_, _) => format!(
            "{matches} ({} with every word); showing {first}–{last} by {}",
            results.all_words,
            sort_name(request.sort)
        ),
    };
    if args.json {
        eprintln!("morgue: {headline}");
    } else {
        writeln!(stdout, "{headline}\n")?;
    }
    printer.hits(&mut stdout, &results)?;
    stdout.flush()?;
    // The process ends next, and the kernel tears its mappings down at exit in
    // one pass; unmapping every index file one by one first cost 34 us a file
    // (strace, a million-article index: 80 files, 2.7 ms of a search).
    std::mem::forget(archive);
    Ok(if results.total.at_least() > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Parses a date flag; the error names the flag.
fn date(flag: &str, value: &Option<String>, end: RangeEnd) -> Result<Option<chrono::NaiveDate>> {
    value
        .as_deref()
        .map(|text| parse_date_flag(text, end, chrono::Local::now().date_naive()))
        .transpose()
        .map_err(|message| anyhow::anyhow!("{flag}: {message}"))
}

/// Turns flags into a checked [`SearchRequest`]; errors name the flag.
fn search_request(args: &SearchArgs) -> Result<SearchRequest> {
    let request = SearchRequest {
        sort: sort(args.sort),
        limit: args.limit,
        offset: args.offset,
        half_life_days: args.half_life,
        max_query_chars: args.max_query_chars,
        all_copies: args.all_copies,
        ..filtered_request(query_text(&args.query, &args.more_words), &args.filters)?
    };
    Ok(request.validate()?)
}

/// A query typed as one argument or as several words, as one string. Raw
/// bytes that are not UTF-8 are decoded with replacement characters.
fn query_text(query: &Option<OsString>, more_words: &[OsString]) -> String {
    query
        .iter()
        .chain(more_words)
        .map(|word| word.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A request for `query` narrowed by the filter flags, order and paging
/// left at their defaults.
fn filtered_request(query: String, filters: &FilterArgs) -> Result<SearchRequest> {
    Ok(SearchRequest {
        since: date("--since", &filters.since, RangeEnd::Start)?,
        until: date("--until", &filters.until, RangeEnd::End)?,
        section: filters
            .section
            .clone()
            .filter(|section| !section.trim().is_empty()),
        ..SearchRequest::new(query)
    })
}

fn sort(arg: SortArg) -> Sort {
    match arg {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Date => Sort::Date,
        SortArg::Oldest => Sort::Oldest,
        SortArg::Blend => Sort::Blend,
    }
}

fn sort_name(sort: Sort) -> &'static str {
    match sort {
        Sort::Relevance => "relevance",
        Sort::Date => "date, newest first",
        Sort::Oldest => "date, oldest first",
        Sort::Blend => "relevance and recency",
    }
}

fn run_show(cx: &Session, args: ShowArgs) -> Result<ExitCode> {
    let archive = cx.archive()?;
    let (article, copies) = search::show_with_copies(&archive, &args.id)?;
    let mut stdout = std::io::stdout().lock();
    cx.printer(args.json)
        .shown(&mut stdout, &article, &copies)?;
    Ok(ExitCode::SUCCESS)
}

fn run_related(cx: &Session, args: RelatedArgs) -> Result<ExitCode> {
    let request = RelatedRequest {
        id: args.id,
        search: SearchRequest {
            limit: args.limit,
            ..filtered_request(String::new(), &args.filters)?
        }
        .validate()?,
    };
    let archive = cx.archive()?;
    let results = search::related(&archive, &request)?;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    cx.printer(args.json).hits(&mut stdout, &results)?;
    stdout.flush()?;
    Ok(if results.hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_stats(cx: &Session, args: StatsArgs) -> Result<ExitCode> {
    let query = query_text(&args.query, &args.more_words);
    let request = StatsRequest {
        search: filtered_request(query, &args.filters)?.validate()?,
        any_word: args.any,
        by: args.by.map(period),
    };
    let archive = cx.archive()?;
    let stats = search::stats(&archive, &request)?;
    let mut stdout = std::io::stdout().lock();
    cx.printer(args.json).stats(&mut stdout, &stats, &request)?;
    Ok(ExitCode::SUCCESS)
}

fn period(arg: PeriodArg) -> Period {
    match arg {
        PeriodArg::Year => Period::Year,
        PeriodArg::Month => Period::Month,
        PeriodArg::Week => Period::Week,
        PeriodArg::Day => Period::Day,
    }
}

fn run_watch(cx: &Session, command: WatchCommand) -> Result<ExitCode> {
    let index_dir = &cx.index_dir;
    let today = chrono::Local::now().date_naive();
    // Checked first, so that no watch is saved beside a folder that is no index.
    let archive = cx.archive()?;
    let mut watches = Watches::load(index_dir)?;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let code = match command {
        WatchCommand::Add(args) => {
            let query = args.query.to_string_lossy();
            let filters = &args.filters;
            let section = filters
                .section
                .clone()
                .filter(|section| !section.trim().is_empty());
            let watch = Watch::new(
                &args.name,
                &query,
                filters.since.clone(),
                filters.until.clone(),
                section,
                today,
            )?;
            watch.check(&archive, today)?;
            watches.add(watch)?;
            watches.save(index_dir)?;
            ExitCode::SUCCESS
        }
        WatchCommand::List => {
            cx.printer(false).watches(&mut stdout, &watches)?;
            ExitCode::SUCCESS
        }
        WatchCommand::Remove { name } => {
            watches.remove(&name)?;
            watches.save(index_dir)?;
            ExitCode::SUCCESS
        }
        WatchCommand::Run(args) => {
            let runs = watches.run(&archive, &args.names, args.limit, today)?;
            watches.save(index_dir)?;
            cx.printer(args.json).watch_runs(&mut stdout, &runs)?;
            if runs
                .iter()
                .any(|run| run.new + run.revised > 0 || (run.first && !run.shown.is_empty()))
            {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    };
    stdout.flush()?;
    Ok(code)
}

fn run_export(cx: &Session, args: ExportArgs) -> Result<ExitCode> {
    let filters = filtered_request(String::new(), &args.filters)?.validate()?;
    let archive = cx.archive()?;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    search::export(&archive, &filters, &mut |article| {
        Printer::Json
            .article(&mut stdout, &article)
            .map_err(|error| morgue::Error::io("stdout", error))
    })?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn run_eval(cx: &Session, args: EvalArgs) -> Result<ExitCode> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
    };
    let topics = Topics::parse(&read(&args.topics)?)
        .with_context(|| format!("in {}", args.topics.display()))?;
    let qrels = Qrels::parse(&read(&args.qrels)?)
        .with_context(|| format!("in {}", args.qrels.display()))?;
    let archive = cx.archive()?;
    let options = EvalOptions {
        depth: args.depth.max(1),
        sort: sort(args.sort),
    };
    let mut run_file = match &args.run {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        )),
        None => None,
    };
    let run = run_file.as_mut().map(|file| file as &mut dyn Write);
    let evaluation = eval::evaluate(&archive, &topics, &qrels, &options, run)?;
    if let Some(mut file) = run_file {
        file.flush().context("writing the run file")?;
    }
    if evaluation.topics == 0 {
        anyhow::bail!(
            "no topic in {} has a relevant judgment in {} (are the qids the same in both?)",
            args.topics.display(),
            args.qrels.display()
        );
    }
    let mut stdout = std::io::stdout().lock();
    cx.printer(args.json).evaluation(&mut stdout, &evaluation)?;
    Ok(ExitCode::SUCCESS)
}

/// What every command shares: where the index is, and how to print.
struct Session {
    index_dir: PathBuf,
    color: ColorArg,
}

impl Session {
    /// The archive the command reads.
    fn archive(&self) -> Result<Archive> {
        Ok(Archive::open(&self.index_dir)?)
    }

    /// JSON Lines, or text for a person: coloured with `--color always`, or
    /// with `auto` on a terminal when `NO_COLOR` is not set (no-color.org).
    fn printer(&self, json: bool) -> Printer {
        if json {
            return Printer::Json;
        }
        let terminal = std::io::stdout().is_terminal();
        let color = match self.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
            }
        };
        Printer::Human {
            color,
            width: output_width(terminal),
        }
    }
}

/// How wide lines may be: the terminal's width, else `COLUMNS`, else 80.
fn output_width(terminal: bool) -> usize {
    let from_terminal = terminal
        .then(|| terminal_size::terminal_size_of(std::io::stdout()))
        .flatten()
        .map(|(width, _)| usize::from(width.0));
    from_terminal
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(80)
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
