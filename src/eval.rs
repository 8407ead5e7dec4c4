//! Evaluation: measures the ranking against relevance judgments the way the
//! field does, so that a change to ranking is a number, not an impression.
//!
//! Inputs are the common interchange forms: topics as `qid<TAB>query` lines,
//! judgments (qrels) as TREC lines `qid iteration docid grade`. Metrics follow
//! trec_eval: a document is relevant when its grade is at least 1; nDCG gains
//! are the grades, discounted by log2(rank + 1); AP divides by every relevant
//! document judged, retrieved or not. Means are over the topics that have at
//! least one relevant judgment; such a topic that retrieves nothing scores 0
//! (trec_eval's `-c`), so a ranking cannot gain by returning nothing.
//!
//! The order measured is the order `morgue search` shows (documents are named
//! by their record number, [`crate::Article::docno`], else by morgue's id).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::index::Archive;
use crate::search::{ranked_ids, SearchRequest, Sort};

/// Information needs to run: `(qid, query)` in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Topics(pub Vec<(String, String)>);

impl Topics {
    /// Parses `qid<TAB>query` lines; blank lines and `#` comments are skipped.
    pub fn parse(text: &str) -> Result<Topics> {
        let mut topics = Vec::new();
        for (at, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((qid, query)) = line.split_once('\t') else {
                return Err(Error::BadRequest(format!(
                    "topics line {}: expected 'qid<TAB>query', found '{}'",
                    at + 1,
                    shorten(line)
                )));
            };
            topics.push((qid.trim().to_string(), query.trim().to_string()));
        }
        Ok(Topics(topics))
    }
}

/// Graded judgments: for each topic, the grade of each judged document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Qrels(pub HashMap<String, HashMap<String, i32>>);

impl Qrels {
    /// Parses TREC qrels lines, `qid iteration docid grade`, whitespace-separated.
    pub fn parse(text: &str) -> Result<Qrels> {
        let mut qrels: HashMap<String, HashMap<String, i32>> = HashMap::new();
        for (at, line) in text.lines().enumerate() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.is_empty() {
                continue;
            }
            let grade = match fields[..] {
                [_, _, _, grade] => grade.parse::<i32>().ok(),
                _ => None,
            };
            let Some(grade) = grade else {
                return Err(Error::BadRequest(format!(
                    "qrels line {}: expected 'qid iteration docid grade', found '{}'",
                    at + 1,
                    shorten(line)
                )));
            };
            qrels
                .entry(fields[0].to_string())
                .or_default()
                .insert(fields[2].to_string(), grade);
        }
        Ok(Qrels(qrels))
    }
}

fn shorten(line: &str) -> String {
    line.chars().take(80).collect()
}

/// The standard measures of one ranked list, or their means over topics.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Measures {
    /// Average precision (over the whole list; MAP as a mean).
    pub map: f64,
    /// Normalised discounted cumulative gain of the first 10.
    pub ndcg_10: f64,
    /// Share of the first 10 that are relevant.
    pub p_10: f64,
    /// Share of the relevant documents found in the first 100.
    pub recall_100: f64,
    /// Reciprocal rank of the first relevant document (MRR as a mean).
    pub mrr: f64,
}

impl Measures {
    /// Scores one ranked list of document ids against one topic's judgments.
    pub fn of(ranking: &[String], judged: &HashMap<String, i32>) -> Measures {
        let relevant = judged.values().filter(|&&grade| grade >= 1).count();
        if relevant == 0 {
            return Measures::default();
        }
        let grade = |doc: &String| judged.get(doc).copied().unwrap_or(0);
        let mut found = 0usize;
        let mut precision_sum = 0.0;
        let mut measures = Measures::default();
        for (at, doc) in ranking.iter().enumerate() {
            let rank = at + 1;
            let grade = grade(doc);
            if grade < 1 {
                continue;
            }
            found += 1;
            precision_sum += found as f64 / rank as f64;
            if found == 1 {
                measures.mrr = 1.0 / rank as f64;
            }
            if rank <= 10 {
                measures.p_10 += 0.1;
                measures.ndcg_10 += f64::from(grade) / (rank as f64 + 1.0).log2();
            }
            if rank <= 100 {
                measures.recall_100 += 1.0 / relevant as f64;
            }
        }
        measures.map = precision_sum / relevant as f64;
        let mut ideal: Vec<i32> = judged.values().copied().filter(|&g| g >= 1).collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let ideal_dcg: f64 = ideal
            .iter()
            .take(10)
            .enumerate()
            .map(|(at, &grade)| f64::from(grade) / (at as f64 + 2.0).log2())
            .sum();
        measures.ndcg_10 /= ideal_dcg;
        measures
    }

    fn mean(all: &[Measures]) -> Measures {
        let count = all.len().max(1) as f64;
        let sum = |pick: fn(&Measures) -> f64| all.iter().map(pick).sum::<f64>() / count;
        Measures {
            map: sum(|m| m.map),
            ndcg_10: sum(|m| m.ndcg_10),
            p_10: sum(|m| m.p_10),
            recall_100: sum(|m| m.recall_100),
            mrr: sum(|m| m.mrr),
        }
    }
}

/// The result of an evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// Topics scored (those with at least one relevant judgment).
    pub topics: usize,
    /// Topics in the topics file with no relevant judgment: run, not scored.
    pub unjudged_topics: usize,
    /// Means over the scored topics.
    pub mean: Measures,
    /// Each scored topic's measures, by qid.
    pub per_topic: BTreeMap<String, Measures>,
}

/// How an evaluation runs its queries.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// Documents retrieved per topic (trec_eval's usual 1000).
    pub depth: usize,
    /// Ordering, as for `morgue search`.
    pub sort: Sort,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            depth: 1000,
            // Judgments are about topics, not dates: the recency in `blend`
            // reorders them at random (Reuters-21578 topics with days spread
            // over ten years: MAP 0.6373 by relevance, 0.6283 blended).
            sort: Sort::Relevance,
        }
    }
}

/// Runs every topic against the archive and scores the rankings. With `run`,
/// also writes them as a TREC run (`qid Q0 docid rank score morgue`) whose
/// score column falls with rank, so that tools re-sorting by score keep
/// morgue's order (the all-words tier is not monotone in BM25).
pub fn evaluate(
    archive: &Archive,
    topics: &Topics,
    qrels: &Qrels,
    options: &EvalOptions,
    mut run: Option<&mut dyn Write>,
) -> Result<Evaluation> {
    let mut per_topic = BTreeMap::new();
    let mut unjudged_topics = 0;
    let no_judgments = HashMap::new();
    for (qid, query) in &topics.0 {
        let mut request = SearchRequest::new(query.clone());
        request.limit = options.depth;
        request.sort = options.sort;
        request.max_query_chars = usize::MAX;
        let ranking: Vec<String> = ranked_ids(archive, &request)?
            .into_iter()
            .map(|hit| hit.docno.unwrap_or_else(|| hit.id.as_str().to_string()))
            .collect();
        if let Some(out) = run.as_deref_mut() {
            for (at, doc) in ranking.iter().enumerate() {
                writeln!(
                    out,
                    "{qid} Q0 {doc} {} {} morgue",
                    at + 1,
                    ranking.len() - at
                )
                .map_err(|error| Error::io("run file", error))?;
            }
        }
        let judged = qrels.0.get(qid).unwrap_or(&no_judgments);
        if judged.values().any(|&grade| grade >= 1) {
            per_topic.insert(qid.clone(), Measures::of(&ranking, judged));
        } else {
            unjudged_topics += 1;
        }
    }
    let all: Vec<Measures> = per_topic.values().copied().collect();
    Ok(Evaluation {
        topics: per_topic.len(),
        unjudged_topics,
        mean: Measures::mean(&all),
        per_topic,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|id| id.to_string()).collect()
    }

    fn judged(pairs: &[(&str, i32)]) -> HashMap<String, i32> {
        pairs.iter().map(|&(doc, g)| (doc.to_string(), g)).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn hand_worked_binary_example() {
        // Relevant: a, c, e (e never retrieved). Ranking: a x c y.
        // AP = (1/1 + 2/3) / 3 = 0.5556; P@10 = 2/10; R@100 = 2/3; RR = 1.
        let measures = Measures::of(
            &docs(&["a", "x", "c", "y"]),
            &judged(&[("a", 1), ("c", 1), ("e", 1), ("x", 0)]),
        );
        assert!(close(measures.map, (1.0 + 2.0 / 3.0) / 3.0));
        assert!(close(measures.p_10, 0.2));
        assert!(close(measures.recall_100, 2.0 / 3.0));
        assert!(close(measures.mrr, 1.0));
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) + 1/log2(4).
        let ideal = 1.0 + 1.0 / 3f64.log2() + 0.5;
        assert!(close(measures.ndcg_10, 1.5 / ideal));
    }

    #[test]
    fn graded_gains_and_late_first_hit() {
        // Grades 3 and 1; ranking puts the grade-1 document second, the grade-3 one fourth.
        let measures = Measures::of(
            &docs(&["n1", "low", "n2", "high"]),
            &judged(&[("low", 1), ("high", 3), ("bad", -1)]),
        );
        let dcg = 1.0 / 3f64.log2() + 3.0 / 5f64.log2();
        let ideal = 3.0 + 1.0 / 3f64.log2();
        assert!(close(measures.ndcg_10, dcg / ideal));
        assert!(close(measures.mrr, 0.5));
        assert!(close(measures.map, (1.0 / 2.0 + 2.0 / 4.0) / 2.0));
    }

    #[test]
    fn nothing_retrieved_or_nothing_relevant_scores_zero() {
        assert_eq!(Measures::of(&[], &judged(&[("a", 2)])), Measures::default());
        assert_eq!(
            Measures::of(&docs(&["a"]), &judged(&[("a", 0), ("b", -1)])),
            Measures::default()
        );
    }

    #[test]
    fn parses_topics_and_qrels_and_names_bad_lines() {
        let topics =
            Topics::parse("# comment\n1\tflow past a cylinder\n\n2\tshock waves\r\n").unwrap();
        assert_eq!(topics.0[1], ("2".to_string(), "shock waves".to_string()));
        let error = Topics::parse("1 no tab here").unwrap_err().to_string();
        assert!(error.contains("line 1"), "{error}");

        let qrels = Qrels::parse("1 0 184 4\n1 0 29 2\n\n2 Q0 12 0\n").unwrap();
        assert_eq!(qrels.0["1"]["184"], 4);
        assert_eq!(qrels.0["2"]["12"], 0);
        let error = Qrels::parse("1 0 184\n").unwrap_err().to_string();
        assert!(error.contains("qrels line 1"), "{error}");
    }
}
