//! A syndication set (issue #22): real wire stories, and copies of some of
//! them as other outlets print them — their own headline, byline and section,
//! the bottom trimmed or a sentence cut, a local paragraph or a line of the
//! outlet's chrome added, house style applied, a day or two later. The
//! stories not copied stay as they are, and with them the collection's own
//! look-alikes: templated earnings reports, weekly figures under one
//! headline, same-day stories on one event. Shared by the copy tests and
//! `benches/copies.rs`; deterministic for a seed.

use std::io::Write;
use std::path::Path;

use chrono::{Days, NaiveDate};
use morgue::Article;
use serde_json::json;

/// Outlets that reprint wire stories: a name, the sections they file under,
/// and a line of their chrome that an imperfect scrape leaves in the text.
const OUTLETS: [(&str, &[&str], &str); 5] = [
    (
        "The Riverton Ledger",
        &["Business", "World", "Nation"],
        "Sign up for the Ledger's morning briefing to get the day's top stories in your inbox.",
    ),
    (
        "Harbour City Times",
        &["Money", "International"],
        "Copyright Harbour City Times. All rights reserved. This material may not be redistributed.",
    ),
    (
        "Northern Courier",
        &["Economy", "Markets", "News"],
        "Have a news tip? Call the Courier newsroom any time of day or night.",
    ),
    (
        "Valley Evening Post",
        &["Business / Markets", "World News"],
        "Read more business news at the Post's website and follow us on social media.",
    ),
    ("Midland Wire Digest", &["Wire"], ""),
];

/// Local paragraphs an outlet adds to a wire story.
const LOCAL: [&str; 4] = [
    "Officials in {town} said they were studying the announcement and expected to comment later this week.",
    "The news was followed closely in {town}, where several hundred people work in the industry.",
    "A spokeswoman for the {town} chamber of commerce said members had not yet been told of any change.",
    "Analysts at a {town} brokerage said the move had been widely expected by the market.",
];

const TOWNS: [&str; 5] = [
    "Riverton",
    "Harbour City",
    "Northfield",
    "Ashby",
    "Millbrook",
];

/// The records of Reuters-21578 (the `.sgm` files in `root`), read as morgue
/// reads them: the sources a set is made from.
pub fn reuters_stories(root: &Path) -> Vec<Article> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(root)
        .unwrap_or_else(|error| panic!("{}: {error}", root.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "sgm"))
        .collect();
    files.sort();
    let reader = morgue::ingest::Reader::default();
    files
        .iter()
        .flat_map(|path| match reader.read(path) {
            morgue::ingest::FileOutcome::Read { articles, .. } => articles,
            _ => Vec::new(),
        })
        .collect()
}

/// One generated set: JSON Lines per outlet, and which records are one story.
pub struct Syndication {
    /// File name and its lines, one record each.
    pub outlets: Vec<(String, Vec<String>)>,
    /// Each copied story: the source's record number, then its copies'.
    pub stories: Vec<Vec<String>>,
}

impl Syndication {
    /// Copies of `count` of the `sources` (those with a record number, a
    /// date and at least 80 words), one to four each.
    pub fn generate(sources: &[Article], count: usize, seed: u64) -> Syndication {
        let mut random = Random(seed);
        let eligible: Vec<&Article> = sources
            .iter()
            .filter(|article| article.docno.is_some() && article.date.is_some())
            .filter(|article| words(&article.body.join(" ")) >= 80)
            .collect();
        let mut outlets: Vec<(String, Vec<String>)> = (0..OUTLETS.len())
            .map(|at| (format!("outlet-{at}.jsonl"), Vec::new()))
            .collect();
        let mut stories = Vec::new();
        let step = (eligible.len() / count.max(1)).max(1);
        for source in eligible.iter().step_by(step).take(count) {
            let docno = source.docno.clone().unwrap_or_default();
            let mut story = vec![docno.clone()];
            let copies = 1 + random.below(4);
            let first_outlet = random.below(OUTLETS.len());
            for copy in 0..copies {
                let outlet = (first_outlet + copy) % OUTLETS.len();
                let copy_docno = format!("syn-{docno}-{copy}");
                let record = reprint(source, outlet, &copy_docno, &mut random);
                outlets[outlet].1.push(record.to_string());
                story.push(copy_docno);
            }
            stories.push(story);
        }
        Syndication { outlets, stories }
    }

    /// Writes the outlets' files into `dir`.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        for (name, lines) in &self.outlets {
            let mut file = std::io::BufWriter::new(std::fs::File::create(dir.join(name))?);
            for line in lines {
                writeln!(file, "{line}")?;
            }
            file.flush()?;
        }
        Ok(())
    }
}

/// One outlet's printing of a wire story, as a JSON record.
fn reprint(source: &Article, outlet: usize, docno: &str, random: &mut Random) -> serde_json::Value {
    let (name, sections, chrome) = OUTLETS[outlet];
    let mut sentences: Vec<String> = source
        .body
        .iter()
        .flat_map(|paragraph| sentences_of(paragraph))
        .collect();
    let total = words(&sentences.join(" "));
    // Papers cut wire copy from the bottom: keep at least 60% of the words.
    if random.chance(50) {
        let keep = total * (60 + random.below(35)) / 100;
        let mut kept = 0;
        let at = sentences
            .iter()
            .position(|sentence| {
                kept += words(sentence);
                kept >= keep
            })
            .unwrap_or(sentences.len());
        sentences.truncate((at + 1).max(2));
    }
    if random.chance(40) && sentences.len() > 4 {
        let cut = 1 + random.below(sentences.len() - 2);
        sentences.remove(cut);
    }
    if random.chance(40) {
        let town = TOWNS[random.below(TOWNS.len())];
        let local = LOCAL[random.below(LOCAL.len())].replace("{town}", town);
        let at = if random.chance(50) {
            1
        } else {
            sentences.len()
        };
        sentences.insert(at.min(sentences.len()), local);
    }
    if random.chance(30) && !chrome.is_empty() {
        sentences.push(chrome.to_string());
    }
    // House style: spelled-out units, typographic quotes.
    if random.chance(20) {
        for sentence in &mut sentences {
            *sentence = sentence
                .replace(" dlrs", " dollars")
                .replace(" pct", " percent")
                .replace(" mln", " million");
        }
    }
    if random.chance(30) {
        for sentence in &mut sentences {
            *sentence = curly_quotes(sentence);
        }
    }
    let title = match random.below(3) {
        0 => title_case(&source.title),
        1 => {
            let lede = sentences.first().map(String::as_str).unwrap_or_default();
            lede.split_whitespace()
                .take(9)
                .collect::<Vec<_>>()
                .join(" ")
        }
        _ => format!("UPDATE 1-{}", source.title),
    };
    let byline = match random.below(4) {
        0 => Some(format!("{name} staff and wire reports")),
        1 => Some("By a Reuters correspondent".to_string()),
        2 => Some("Reuters".to_string()),
        _ => None,
    };
    let late = match random.below(10) {
        0..5 => 0,
        5..9 => 1,
        _ => 2,
    };
    let date = source
        .date
        .and_then(|date| date.checked_add_days(Days::new(late)))
        .unwrap_or(NaiveDate::MIN);
    // Two or three sentences a paragraph, as papers set wire copy.
    let paragraphs: Vec<String> = sentences
        .chunks(2 + random.below(2))
        .map(|chunk| chunk.join(" "))
        .collect();
    json!({
        "docno": docno,
        "date": date.to_string(),
        "title": title,
        "byline": byline,
        "section": sections[random.below(sections.len())],
        "body": paragraphs,
    })
}

fn sentences_of(paragraph: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = paragraph.as_bytes();
    for (at, _) in paragraph.match_indices(". ") {
        // A sentence ends before a capital, not after "U.S." inside one.
        let next = bytes.get(at + 2).copied().unwrap_or(b' ');
        let before = paragraph[..at].rsplit(' ').next().unwrap_or_default();
        if next.is_ascii_uppercase() && before.len() > 2 && !before.contains('.') {
            sentences.push(paragraph[start..=at].trim().to_string());
            start = at + 2;
        }
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        sentences.push(rest.to_string());
    }
    sentences
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn title_case(title: &str) -> String {
    title
        .split_whitespace()
        .map(|word| {
            let lower = word.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn curly_quotes(text: &str) -> String {
    let mut open = true;
    text.chars()
        .map(|ch| match ch {
            '"' => {
                open = !open;
                if open {
                    '\u{201d}'
                } else {
                    '\u{201c}'
                }
            }
            '\'' => '\u{2019}',
            other => other,
        })
        .collect()
}

/// SplitMix64: a deterministic sequence from a seed, so a set is the same
/// on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut value = self.0;
        value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        value ^ (value >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Copy detection measured on an index holding a syndication set and its sources.
pub struct Measured {
    /// Pairs of articles that are one story: a source and its copies, and
    /// sources that are the same text.
    pub gold: usize,
    /// Pairs `morgue` calls copies.
    pub found: usize,
    /// Of those, pairs that are one story.
    pub right: usize,
    /// Pairs called copies that are not, by record number (and headline).
    pub wrong: Vec<[String; 2]>,
    /// Pairs that are one story but were not called copies.
    pub missed: Vec<[String; 2]>,
}

impl Measured {
    pub fn precision(&self) -> f64 {
        self.right as f64 / self.found.max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.right as f64 / self.gold.max(1) as f64
    }
}

/// Asks the archive at `index` for the copies of every article and compares
/// them with `stories` (see [`Syndication::stories`]).
pub fn measure(index: &Path, stories: &[Vec<String>]) -> Measured {
    use std::collections::{BTreeSet, HashMap};
    let archive = morgue::index::Archive::open(index).expect("the index opens");
    let mut articles: Vec<(String, String, Source)> = Vec::new();
    morgue::search::export(
        &archive,
        &morgue::search::SearchRequest::new(""),
        &mut |article| {
            let docno = article.docno.clone().unwrap_or_default();
            let id = article.id.to_string();
            articles.push((docno, id, Source::of(&article)));
            Ok(())
        },
    )
    .expect("the archive exports");
    // Gold: each generated story, joined with the sources that are the same
    // text: most (80%) of the shorter one's five-word sequences in the
    // other, within three days (Reuters sent many stories twice, as a brief
    // and in full, or under a new headline).
    let mut story_of: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<Vec<String>> = Vec::new();
    let same_text = same_text(&articles);
    for group in stories.iter().cloned().chain(same_text) {
        let joined: BTreeSet<usize> = group
            .iter()
            .filter_map(|d| story_of.get(d))
            .copied()
            .collect();
        let at = match joined.first() {
            Some(&first) => first,
            None => {
                groups.push(Vec::new());
                groups.len() - 1
            }
        };
        for other in joined.into_iter().skip(1) {
            let moved = std::mem::take(&mut groups[other]);
            for docno in &moved {
                story_of.insert(docno.clone(), at);
            }
            groups[at].extend(moved);
        }
        for docno in group {
            if story_of.insert(docno.clone(), at).is_none() {
                groups[at].push(docno);
            }
        }
    }
    let pair = |a: &str, b: &str| {
        if a < b {
            [a.to_string(), b.to_string()]
        } else {
            [b.to_string(), a.to_string()]
        }
    };
    let mut gold: BTreeSet<[String; 2]> = BTreeSet::new();
    for group in &groups {
        for (at, a) in group.iter().enumerate() {
            for b in &group[at + 1..] {
                gold.insert(pair(a, b));
            }
        }
    }
    let docno_of: HashMap<&str, &str> = articles
        .iter()
        .map(|(docno, id, _)| (id.as_str(), docno.as_str()))
        .collect();
    let mut found: BTreeSet<[String; 2]> = BTreeSet::new();
    for (docno, id, _) in &articles {
        let (_, copies) =
            morgue::search::show_with_copies(&archive, id).expect("copies are listed");
        for copy in copies {
            let theirs = docno_of.get(copy.id.as_str()).copied().unwrap_or_default();
            found.insert(pair(docno, theirs));
        }
    }
    Measured {
        gold: gold.len(),
        found: found.len(),
        right: found.intersection(&gold).count(),
        wrong: found.difference(&gold).cloned().collect(),
        missed: gold.difference(&found).cloned().collect(),
    }
}

/// What the gold needs of an original: its day and its five-word sequences.
struct Source {
    day: Option<NaiveDate>,
    shingles: std::collections::HashSet<u64>,
}

impl Source {
    fn of(article: &Article) -> Source {
        use std::hash::{Hash, Hasher};
        let text = article.body.join(" ").to_lowercase();
        let words: Vec<&str> = text
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        let shingles = words
            .windows(5)
            .map(|window| {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                window.hash(&mut hasher);
                hasher.finish()
            })
            .collect();
        Source {
            day: article.date,
            shingles,
        }
    }
}

/// Groups of original articles (not generated) that are the same text.
fn same_text(articles: &[(String, String, Source)]) -> Vec<Vec<String>> {
    use std::collections::HashMap;
    let originals: Vec<&(String, String, Source)> = articles
        .iter()
        .filter(|(docno, _, source)| !docno.starts_with("syn-") && source.shingles.len() >= 30)
        .collect();
    let mut holding: HashMap<u64, Vec<usize>> = HashMap::new();
    for (at, (_, _, source)) in originals.iter().enumerate() {
        for shingle in &source.shingles {
            holding.entry(*shingle).or_default().push(at);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for holders in holding.values().filter(|holders| holders.len() <= 200) {
        for (at, a) in holders.iter().enumerate() {
            for b in &holders[at + 1..] {
                *shared.entry((*a, *b)).or_default() += 1;
            }
        }
    }
    let mut groups = Vec::new();
    for ((a, b), count) in shared {
        let (one, other) = (&originals[a].2, &originals[b].2);
        let shorter = one.shingles.len().min(other.shingles.len());
        let close = match (one.day, other.day) {
            (Some(x), Some(y)) => (x - y).num_days().abs() <= 3,
            _ => true,
        };
        if close && count * 10 >= shorter * 8 {
            groups.push(vec![originals[a].0.clone(), originals[b].0.clone()]);
        }
    }
    groups
}
