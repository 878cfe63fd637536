//! Scoring the engine against a labelled corpus: per-category precision, recall and F1, and
//! post-level recall and false-alarm rate. A post counts as flagged for a category when any
//! finding (warn or caution) carries that category. Prompts are not findings and never count.

use crate::{check, Attachment, AttachmentKind, Category, Context, Options, Report};
use serde::Deserialize;
use std::collections::BTreeSet;

/// One labelled post, in the corpus format
/// (`{"id", "text", "expect", "watchlist"?, "context"?, "to"?, "attachments"?, "location"?}`).
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledPost {
    pub id: serde_json::Value,
    pub text: String,
    pub expect: Vec<Category>,
    #[serde(default)]
    pub watchlist: Vec<String>,
    #[serde(default)]
    pub context: Context,
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(default)]
    pub location: Option<String>,
}

impl LabelledPost {
    /// The text the engine sees and the options it is checked with.
    pub fn input(&self) -> (&str, Options) {
        input(
            &self.text,
            Options {
                watchlist: self.watchlist.clone(),
                context: self.context,
                to: self.to.clone(),
                attachments: self.attachments.clone(),
                location: self.location.clone(),
                ..Options::default()
            },
        )
    }
}

/// The corpus convention for an attached photo or video: a text that begins
/// `📸 [photo: …]` or `📸 [video: …]` stands for the attachment, whose content the writer of the
/// post knows. A real post has no such description, so the engine must never see it: this
/// returns the attachment and the text after the description.
pub fn split_attachment_prefix(text: &str) -> (Option<Attachment>, &str) {
    let Some(rest) = text.trim_start().strip_prefix("📸") else { return (None, text) };
    let Some(rest) = rest.trim_start().strip_prefix('[') else { return (None, text) };
    let Some(close) = rest.find(']') else { return (None, text) };
    let Some((what, _)) = rest[..close].split_once(':') else { return (None, text) };
    let what = what.trim().to_ascii_lowercase();
    let kind = if what.starts_with("video") || what.starts_with("clip") { AttachmentKind::Video } else { AttachmentKind::Image };
    (Some(Attachment::new(kind)), rest[close + 1..].trim_start())
}

/// A record's text and options as the engine should see them: when the record carries no
/// attachments of its own, a leading attachment description (see [`split_attachment_prefix`])
/// becomes one.
pub fn input(text: &str, mut options: Options) -> (&str, Options) {
    if !options.attachments.is_empty() {
        return (text, options);
    }
    let (attachment, rest) = split_attachment_prefix(text);
    options.attachments.extend(attachment);
    (rest, options)
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
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
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
        if benign == 0 {
            0.0
        } else {
            self.false_alarms as f64 / benign as f64
        }
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
    score_sets(posts, |_, post| {
        let (text, options) = post.input();
        check(text, &options).findings.iter().map(|f| f.category).collect()
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attachment_description_becomes_an_attachment() {
        let (a, rest) = split_attachment_prefix("📸 [photo: residents in the day room]\nLook at them go!");
        assert_eq!(a, Some(Attachment::new(AttachmentKind::Image)));
        assert_eq!(rest, "Look at them go!");
        let (a, rest) = split_attachment_prefix("📸 [video: the Tuesday group dancing] so proud");
        assert_eq!(a.map(|a| a.kind), Some(AttachmentKind::Video));
        assert_eq!(rest, "so proud");
        let (a, rest) = split_attachment_prefix("📸 [selfie: me and Kerri]");
        assert_eq!((a.map(|a| a.kind), rest), (Some(AttachmentKind::Image), ""));
    }

    #[test]
    fn other_texts_are_left_alone() {
        for text in [
            "📸 Mr B's garden after we planted his tatties",
            "Sunset [photo: not at the start]",
            "📸 [unclosed: oops",
            "[photo: no camera]",
        ] {
            assert_eq!(split_attachment_prefix(text), (None, text));
        }
    }

    #[test]
    fn explicit_attachments_keep_the_text_as_written() {
        let options = Options { attachments: vec![Attachment::new(AttachmentKind::Video)], ..Options::default() };
        let (text, options) = input("📸 [photo: x] hi", options);
        assert_eq!((text, options.attachments.len()), ("📸 [photo: x] hi", 1));
    }
}
