//! Wire copies (issue #22): the same story printed by several outlets, each
//! with its own headline, byline, chrome and trims. Every article's story
//! text gets a [`Fingerprint`] at index time: a one-permutation MinHash of its
//! five-word sequences (numbers kept, so templated reports about different
//! companies or weeks differ where their figures do), kept in a fast column,
//! plus a few of its values as indexed [`Fingerprint::bands`] through which a
//! search finds the candidates. Two articles are copies when their sketches
//! say the texts mostly overlap ([`Fingerprint::likeness`]) and their dates
//! are close ([`COPY_DAYS`]).
//!
//! Nothing is grouped at index time: a copy arriving in a later scrape shares
//! bands with its story at once, and a pruned one takes only its own terms.

use chrono::NaiveDate;

use crate::article::Article;

use super::tokenizer::is_cjk;

/// Words per sequence: long enough that boilerplate ("the company said in a
/// statement") rarely fills one, short enough that a trimmed sentence
/// leaves most of its neighbours' sequences intact.
const SHINGLE_WORDS: usize = 5;
/// Sketch slots: 32 estimate an overlap of one half within ±0.09.
const SLOTS: usize = 32;
/// Slots indexed as candidate terms: two texts sharing half their sequences
/// share at least one of four slots 94% of the time.
pub const BANDS: usize = 4;
/// Texts with fewer sequences get no fingerprint: a two-line dividend notice
/// ("Qtly div 10 cts vs 10 cts prior, pay April 15") is the same words for a
/// hundred companies, and a brief that short says too little to call a copy.
const MIN_SHINGLES: usize = 30;
/// Copies run within days of each other (a wire story printed the next day,
/// a weekly a few days on); a story a week later is a follow-up or a weekly
/// list under the same headline.
pub const COPY_DAYS: i64 = 3;
/// Slots to a stored word: seven bytes, and the word's place in the eighth.
const SLOTS_PER_WORD: usize = 7;
/// Values of [`Fingerprint::to_words`]: the slots, then the count.
pub const WORDS: usize = SLOTS.div_ceil(SLOTS_PER_WORD) + 1;
/// Where a word's place is kept in it.
const TAG_SHIFT: u32 = 56;

/// A sketch of a story text's five-word sequences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Per slot, a byte of the smallest sequence hash falling in it: two
    /// different sequences agree by chance once in 256, which raises an
    /// overlap estimate by at most 0.004 and halves the column of
    /// 16-bit slots (a build's cost is in what it stores).
    slots: [u8; SLOTS],
    /// The first [`BANDS`] slots as indexed terms, with more bits than the
    /// slots keep (8 would make every article a candidate for every other).
    bands: [u64; BANDS],
    /// How many sequences the text has (saturating), for containment.
    shingles: u32,
}

/// How much two fingerprinted texts overlap, as estimated from the sketches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Likeness {
    /// Shared sequences over all sequences of both (Jaccard).
    pub jaccard: f64,
    /// Shared sequences over those of the shorter text.
    pub containment: f64,
}

impl Likeness {
    /// Whether the overlap makes two texts one story: most of both (a copy
    /// with a sentence cut or a local paragraph added), or nearly all of the
    /// shorter one when it is a trimmed copy at least half the other's length.
    pub fn is_copy(self) -> bool {
        self.jaccard >= 0.45 || (self.containment >= 0.8 && self.jaccard >= 0.3)
    }
}

impl Fingerprint {
    /// The fingerprint of an article's story text (not its headline, byline
    /// or captions, which each outlet writes its own way), or `None` when it
    /// is too short to tell a copy from a look-alike.
    pub fn of(article: &Article) -> Option<Fingerprint> {
        Fingerprint::of_paragraphs(article.body.iter().map(String::as_str))
    }

    fn of_paragraphs<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Option<Fingerprint> {
        let mut window = [0u64; SHINGLE_WORDS];
        let mut words = 0usize;
        let mut mins = [u64::MAX; SLOTS];
        let mut shingles = 0usize;
        for paragraph in paragraphs {
            for_each_word(paragraph, |word| {
                window[words % SHINGLE_WORDS] = word;
                words += 1;
                if words >= SHINGLE_WORDS {
                    let hash = shingle_hash(&window, words);
                    // The top bits choose the slot; the rest order within it.
                    let slot = (hash >> 59) as usize;
                    let rest = hash & (u64::MAX >> 5);
                    if rest < mins[slot] {
                        mins[slot] = rest;
                    }
                    shingles += 1;
                }
            });
        }
        if shingles < MIN_SHINGLES {
            return None;
        }
        // An empty slot borrows the next filled one's value, marked with the
        // distance, so that two texts agree on it exactly when they agree on
        // the slot it borrows from ("densification").
        let mut filled = mins;
        for slot in 0..SLOTS {
            if mins[slot] == u64::MAX {
                let (distance, from) = (1..SLOTS)
                    .map(|distance| (distance, mins[(slot + distance) % SLOTS]))
                    .find(|(_, value)| *value != u64::MAX)?;
                filled[slot] = mix(from ^ (distance as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            }
        }
        let mut slots = [0u8; SLOTS];
        for (slot, value) in slots.iter_mut().zip(filled) {
            *slot = mix(value) as u8;
        }
        let mut bands = [0u64; BANDS];
        // A band is its slot's number and 24 bits of its value: distinct
        // enough for a million articles (an unrelated one shares a band by
        // chance once in 16 million), and a term dictionary of four small
        // numbers per article costs the build less than one of four random
        // 64-bit ones (3% of a build of the Reuters dumps).
        for (band, (at, value)) in bands.iter_mut().zip(filled.iter().enumerate()) {
            *band = (at as u64) << 24 | mix(*value) & 0xff_ffff;
        }
        Some(Fingerprint {
            slots,
            bands,
            shingles: u32::try_from(shingles).unwrap_or(u32::MAX),
        })
    }

    /// The indexed candidate terms.
    pub fn bands(&self) -> [u64; BANDS] {
        self.bands
    }

    /// The values kept in the fast column: seven slots to a word, and the
    /// sequence count last, each word tagged with its place in the top byte
    /// (a multi-valued column need not keep the order values were added in).
    pub fn to_words(&self) -> [u64; WORDS] {
        let mut words = [0u64; WORDS];
        for (at, word) in words.iter_mut().enumerate() {
            let value = if at == WORDS - 1 {
                u64::from(self.shingles)
            } else {
                (0..SLOTS_PER_WORD).fold(0, |value, within| {
                    let slot = self.slots.get(at * SLOTS_PER_WORD + within).copied();
                    value | u64::from(slot.unwrap_or(0)) << (8 * within)
                })
            };
            *word = (at as u64) << TAG_SHIFT | value;
        }
        words
    }

    /// Reads [`Fingerprint::to_words`] back, in any order (without the bands,
    /// which are only needed to index it); `None` unless every word is there.
    pub fn from_words(values: impl IntoIterator<Item = u64>) -> Option<Fingerprint> {
        let mut words = [None; WORDS];
        for value in values {
            let at = usize::try_from(value >> TAG_SHIFT).ok()?;
            *words.get_mut(at)? = Some(value & ((1 << TAG_SHIFT) - 1));
        }
        let mut slots = [0u8; SLOTS];
        for (at, slot) in slots.iter_mut().enumerate() {
            let word = words[at / SLOTS_PER_WORD]?;
            *slot = (word >> (8 * (at % SLOTS_PER_WORD))) as u8;
        }
        Some(Fingerprint {
            slots,
            bands: [0; BANDS],
            shingles: u32::try_from(words[WORDS - 1]?).ok()?,
        })
    }

    /// How much this text and another overlap.
    pub fn likeness(&self, other: &Fingerprint) -> Likeness {
        let equal = self
            .slots
            .iter()
            .zip(&other.slots)
            .filter(|(ours, theirs)| ours == theirs)
            .count();
        let jaccard = equal as f64 / SLOTS as f64;
        let (ours, theirs) = (f64::from(self.shingles), f64::from(other.shingles));
        let shared = jaccard * (ours + theirs) / (1.0 + jaccard);
        Likeness {
            jaccard,
            containment: (shared / ours.min(theirs)).min(1.0),
        }
    }
}

/// Whether two fingerprinted articles are copies of one story: their texts
/// overlap enough and, when both are dated, they ran within [`COPY_DAYS`].
pub fn are_copies(
    (ours, our_date): (&Fingerprint, Option<NaiveDate>),
    (theirs, their_date): (&Fingerprint, Option<NaiveDate>),
) -> bool {
    ran_close(our_date, their_date) && ours.likeness(theirs).is_copy()
}

/// Whether two articles ran close enough in time to be copies (an undated
/// one may be a copy of anything).
pub fn ran_close(ours: Option<NaiveDate>, theirs: Option<NaiveDate>) -> bool {
    match (ours, theirs) {
        (Some(ours), Some(theirs)) => (ours - theirs).num_days().abs() <= COPY_DAYS,
        _ => true,
    }
}

/// Calls `each` with a hash of every word of `text`: runs of letters and
/// digits, case folded, and each CJK character on its own (those scripts put
/// no spaces between words).
fn for_each_word(text: &str, mut each: impl FnMut(u64)) {
    let bytes = text.as_bytes();
    let mut word = WordHash::default();
    let mut at = 0;
    while at < bytes.len() {
        // News text is mostly ASCII: its bytes are taken as they are, and
        // only other characters are decoded.
        let byte = bytes[at];
        if byte.is_ascii() {
            at += 1;
            if byte.is_ascii_alphanumeric() {
                word.push(byte.to_ascii_lowercase());
            } else {
                word.finish(&mut each);
            }
            continue;
        }
        let Some(ch) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at += ch.len_utf8();
        if is_cjk(ch) {
            word.finish(&mut each);
            word.push_char(ch);
            word.finish(&mut each);
        } else if ch.is_alphanumeric() {
            for lower in ch.to_lowercase() {
                word.push_char(lower);
            }
        } else {
            word.finish(&mut each);
        }
    }
    word.finish(&mut each);
}

/// A word's hash, built eight bytes at a time: one multiplication per
/// eight bytes rather than one per byte (a build spent 3.4% of its time
/// hashing words a byte at a time).
#[derive(Default)]
struct WordHash {
    pending: u64,
    pending_bytes: u32,
    hash: u64,
    begun: bool,
}

impl WordHash {
    fn push(&mut self, byte: u8) {
        self.pending = self.pending << 8 | u64::from(byte);
        self.pending_bytes += 1;
        self.begun = true;
        if self.pending_bytes == 8 {
            self.hash = (self.hash ^ self.pending).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            self.pending = 0;
            self.pending_bytes = 0;
        }
    }

    fn push_char(&mut self, ch: char) {
        let mut buffer = [0; 4];
        for byte in ch.encode_utf8(&mut buffer).bytes() {
            self.push(byte);
        }
    }

    /// Ends the word, if one was begun: its bytes hold no zero, so words of
    /// up to eight bytes hash from distinct values.
    fn finish(&mut self, each: &mut impl FnMut(u64)) {
        if !self.begun {
            return;
        }
        each((self.hash ^ self.pending).wrapping_mul(0xff51_afd7_ed55_8ccd));
        *self = WordHash::default();
    }
}

/// The hash of the sequence of the last [`SHINGLE_WORDS`] words, kept in a
/// ring whose newest word is at `(words - 1) % SHINGLE_WORDS`.
fn shingle_hash(window: &[u64; SHINGLE_WORDS], words: usize) -> u64 {
    let mut hash = 0u64;
    for back in (0..SHINGLE_WORDS).rev() {
        let word = window[(words - 1 - back) % SHINGLE_WORDS];
        hash = (hash.rotate_left(23) ^ word).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    mix(hash)
}

/// SplitMix64's finaliser: spreads every input bit over the output.
fn mix(mut value: u64) -> u64 {
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: [&str; 4] = [
        "The central bank raised its main lending rate by half a point to 7.5 percent on \
         Tuesday, the third increase this year, saying prices were still rising faster \
         than wages in most of the country.",
        "Governor Ana Ruiz told reporters the board had voted six to one for the move and \
         would watch the housing market closely before deciding on any further step.",
        "Banks said they would pass the increase on to borrowers within a week. Mortgage \
         lenders warned that first-time buyers would be hit hardest by the change.",
        "The currency rose 0.8 percent against the dollar after the announcement, while \
         shares of the largest lenders fell in early trading in the capital.",
    ];

    fn print(paragraphs: &[&str]) -> Fingerprint {
        Fingerprint::of_paragraphs(paragraphs.iter().copied()).expect("long enough")
    }

    #[test]
    fn a_copy_with_other_spacing_and_case_is_the_same_text() {
        let shouted: Vec<String> = STORY.iter().map(|p| p.to_uppercase()).collect();
        let spaced = shouted.join("\n\n  ");
        let copy = print(&[spaced.as_str()]);
        assert_eq!(copy.slots, print(&STORY).slots);
        assert!(print(&STORY).likeness(&copy).is_copy());
    }

    #[test]
    fn trims_and_a_local_paragraph_keep_a_copy_a_copy() {
        let original = print(&STORY);
        let trimmed = print(&STORY[..3]);
        let local = [
            STORY[0],
            "Local estate agents in Riverton said the rise would cool a market that had \
             seen prices double in five years.",
            STORY[1],
            STORY[2],
            STORY[3],
        ];
        for copy in [trimmed, print(&local)] {
            let likeness = original.likeness(&copy);
            assert!(likeness.is_copy(), "{likeness:?}");
        }
    }

    #[test]
    fn a_template_with_other_figures_is_not_a_copy() {
        // Two companies' quarters: the same words, other figures throughout.
        let report = |figures: [&str; 8]| {
            format!(
                "Shr profit {} cts vs loss {} cts. Net profit {} vs loss {}. Revs {} mln vs \
                 {} mln. Nine mths shr profit {} cts vs loss {} cts. Note: Company said \
                 results include a gain from the sale of a unit in the quarter.",
                figures[0],
                figures[1],
                figures[2],
                figures[3],
                figures[4],
                figures[5],
                figures[6],
                figures[7]
            )
        };
        let one = report([
            "11",
            "12",
            "1,210,000",
            "1,120,000",
            "45.7",
            "40.2",
            "31",
            "40",
        ]);
        let other = report(["9", "4", "1,006,000", "310,000", "48.1", "39.9", "22", "15"]);
        let likeness = print(&[one.as_str()]).likeness(&print(&[other.as_str()]));
        assert!(!likeness.is_copy(), "{likeness:?}");
    }

    #[test]
    fn short_texts_get_no_fingerprint() {
        assert_eq!(
            Fingerprint::of_paragraphs([
                "Qtly div 10 cts vs 10 cts prior. Pay April 15. Record April 1."
            ]),
            None
        );
    }

    #[test]
    fn words_round_trip_in_any_order_without_the_bands() {
        let fingerprint = print(&STORY);
        let mut words = fingerprint.to_words();
        words.reverse();
        let read = Fingerprint::from_words(words).expect("its own words");
        assert_eq!(
            (read.slots, read.shingles),
            (fingerprint.slots, fingerprint.shingles)
        );
        assert_eq!(Fingerprint::from_words(words[1..].iter().copied()), None);
        assert_eq!(Fingerprint::from_words([u64::MAX]), None);
    }

    #[test]
    fn copies_must_run_within_days() {
        let day = |d| NaiveDate::from_ymd_opt(1987, 3, d);
        let story = print(&STORY);
        assert!(are_copies((&story, day(2)), (&story, day(5))));
        assert!(are_copies((&story, day(2)), (&story, None)));
        assert!(!are_copies((&story, day(2)), (&story, day(9))));
    }

    #[test]
    fn cjk_text_is_read_a_character_at_a_time() {
        let mut words = 0;
        for_each_word("東京都 news 2024", |_| words += 1);
        assert_eq!(words, 5);
    }
}
