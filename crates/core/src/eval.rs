//! Scoring the engine against a labelled corpus: per-category precision, recall and F1, and
//! post-level recall and false-alarm rate. A post counts as flagged for a category when any
//! finding (warn or caution) carries that category.

use crate::{check, Category, Options, Report};
use serde::Deserialize;
use std::collections::BTreeSet;

/// One labelled post, in the corpus format (`{"id", "text", "expect", "watchlist"?}`).
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledPost {
    pub id: serde_json::Value,
    pub text: String,
    pub expect: Vec<Category>,
    #[serde(default)]
    pub watchlist: Vec<String>,
}

impl LabelledPost {
    /// The settings the post is checked with.
    pub fn options(&self) -> Options {
        Options::with_watchlist(self.watchlist.clone())
    }
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 { 1.0 } else { num as f64 / den as f64 }
}

/// A post whose flagged categories differ from its labels.
#[derive(Debug)]
pub struct Miss {
    pub id: String,
    pub expected: BTreeSet<Category>,
    pub found: BTreeSet<Category>,
}

#[derive(Debug, Default)]
pub struct Scores {
    pub by_category: Vec<(Category, Counts)>,
    pub posts: usize,
    pub flagged_right: usize,
    pub false_alarms: usize,
    pub missed: usize,
    pub quiet_right: usize,
    pub misses: Vec<Miss>,
}

impl Scores {
    pub fn post_recall(&self) -> f64 {
        ratio(self.flagged_right, self.flagged_right + self.missed)
    }
    pub fn false_alarm_rate(&self) -> f64 {
        let benign = self.false_alarms + self.quiet_right;
        if benign == 0 { 0.0 } else { self.false_alarms as f64 / benign as f64 }
    }
    /// The mean of the categories' F1.
    pub fn macro_f1(&self) -> f64 {
        self.by_category.iter().map(|(_, n)| n.f1()).sum::<f64>() / self.by_category.len().max(1) as f64
    }
    pub fn category(&self, c: Category) -> Counts {
        self.by_category.iter().find(|(k, _)| *k == c).map(|(_, n)| *n).unwrap_or_default()
    }
}

/// Parses a JSON Lines corpus.
pub fn parse_corpus(source: &str) -> Result<Vec<LabelledPost>, String> {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", n + 1)))
        .collect()
}

/// Runs the engine over every post and scores it against the labels.
pub fn score(posts: &[LabelledPost]) -> Scores {
    score_with(posts, check)
}

/// Scores any checker (the engine with other options, or another model) against the labels.
pub fn score_with(posts: &[LabelledPost], check: impl Fn(&str, &Options) -> Report) -> Scores {
    score_sets(posts, |_, post| check(&post.text, &post.options()).findings.iter().map(|f| f.category).collect())
}

/// Scores the categories some checker flagged in each post against the labels.
pub fn score_sets(posts: &[LabelledPost], mut found: impl FnMut(usize, &LabelledPost) -> BTreeSet<Category>) -> Scores {
    let mut scores = Scores { by_category: Category::ALL.iter().map(|&c| (c, Counts::default())).collect(), ..Scores::default() };
    for (i, post) in posts.iter().enumerate() {
        let found = found(i, post);
        let expected: BTreeSet<Category> = post.expect.iter().copied().collect();
        for (c, counts) in &mut scores.by_category {
            match (expected.contains(c), found.contains(c)) {
                (true, true) => counts.true_pos += 1,
                (false, true) => counts.false_pos += 1,
                (true, false) => counts.false_neg += 1,
                (false, false) => {}
            }
        }
        scores.posts += 1;
        match (!expected.is_empty(), !found.is_empty()) {
            (true, true) => scores.flagged_right += 1,
            (false, true) => scores.false_alarms += 1,
            (true, false) => scores.missed += 1,
            (false, false) => scores.quiet_right += 1,
        }
        if expected != found {
            let id = match &post.id {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            scores.misses.push(Miss { id, expected, found });
        }
    }
    scores
}
