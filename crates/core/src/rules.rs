//! Rules: data a trainer can read and change (`rules/*.toml`), compiled once.
//!
//! A rule says which signal to underline (`at`), what else must be nearby (`with`), what rules it
//! out (`without`, `not_after`, `not_before`), what must come just before it (`after`), and what to
//! tell the worker. For example:
//!
//! ```toml
//! [[rule]]
//! id = "confidentiality.name-with-health"
//! category = "confidentiality"
//! severity = "warn"
//! at = ["person_name", "titled_name"]     # underline the name
//! with = ["health|circumstances"]          # each entry: one of these kinds must be in scope
//! without = ["own_family"]                 # none of these may be in scope
//! scope = "sentence"                       # or "post", or "near" with near = 80 (bytes)
//! title = "A name with details of someone's health"
//! why = "…"
//! instead = "…"
//! guidance = "sharing-information"
//! code = ["confidential"]
//! suggest = "a person I support"
//! examples.match = ["Margaret Tulloch was blue-lighted to Crosshouse after another fall"]
//! examples.no_match = ["Margaret Tulloch is our new manager"]
//! ```
//!
//! Every rule's examples run as tests (`cargo test -p postcare-core rule_examples`).

use crate::guidance::Guidance;
use crate::lexicon::{LexiconFile, Lexicons};
use crate::people::Watchlist;
use crate::signals::{self, Signals, Span};
use crate::text::Folded;
use crate::{Category, Finding, Options, Report, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Rule files, by guidance area. Compiled in so the WebAssembly build needs no file access.
pub const RULE_FILES: &[(&str, &str)] = &[
    ("confidentiality.toml", include_str!("../rules/confidentiality.toml")),
    ("boundaries.toml", include_str!("../rules/boundaries.toml")),
    ("dignity.toml", include_str!("../rules/dignity.toml")),
    ("reputation.toml", include_str!("../rules/reputation.toml")),
    ("exposure.toml", include_str!("../rules/exposure.toml")),
];

/// Lexicon files.
pub const LEXICON_FILES: &[(&str, &str)] = &[
    ("lexicons/care.toml", include_str!("../rules/lexicons/care.toml")),
    ("lexicons/people.toml", include_str!("../rules/lexicons/people.toml")),
    ("lexicons/conduct.toml", include_str!("../rules/lexicons/conduct.toml")),
    ("lexicons/contact.toml", include_str!("../rules/lexicons/contact.toml")),
    ("lexicons/safety.toml", include_str!("../rules/lexicons/safety.toml")),
];

#[derive(Debug, Clone, Copy, Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// The sentence the underlined words are in.
    #[default]
    Sentence,
    /// `near` bytes either side of the underlined words.
    Near,
    /// The whole post.
    Post,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Drafts this rule must flag.
    #[serde(default, rename = "match")]
    pub must_match: Vec<String>,
    /// Drafts this rule must leave alone.
    #[serde(default, rename = "no_match")]
    pub must_not_match: Vec<String>,
    /// Watch-list to use while checking the examples.
    #[serde(default)]
    pub watchlist: Vec<String>,
}

/// A rule as written in its file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSource {
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    /// Signal kinds whose words are underlined; any one of them anchors the rule.
    pub at: Vec<String>,
    /// Each entry lists alternatives ("a|b"); every entry must be present in scope.
    #[serde(default)]
    pub with: Vec<String>,
    /// Signal kinds that rule the finding out when present in scope.
    #[serde(default)]
    pub without: Vec<String>,
    /// Signal kinds that rule the finding out when they overlap the underlined words or end
    /// just before them ("my mum", "our Jen").
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Signal kinds that rule the finding out when they start just after the underlined words
    /// ("Iona ferry", "Lily (the spaniel)").
    #[serde(default)]
    pub not_before: Vec<String>,
    /// Signal kinds one of which must end just before the underlined words ("Hi Sharon",
    /// "@Jodie Marr"); empty means no such condition.
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub scope: Scope,
    #[serde(default)]
    pub near: Option<usize>,
    pub title: String,
    pub why: String,
    pub instead: String,
    pub guidance: String,
    pub code: Vec<String>,
    #[serde(default)]
    pub suggest: Option<String>,
    #[serde(default)]
    pub examples: Examples,
}

#[derive(Deserialize)]
struct RuleFile {
    rule: Vec<RuleSource>,
}

/// A rule with its signal names resolved to ids and its wording ready to hand out.
pub struct Rule {
    pub source: RuleSource,
    at: Vec<usize>,
    with: Vec<Vec<usize>>,
    without: Vec<usize>,
    not_after: Vec<usize>,
    not_before: Vec<usize>,
    after: Vec<usize>,
    guidance_title: String,
    code_text: Vec<String>,
    message: String,
}

/// All rules and lexicons, compiled.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    lexicons: Lexicons,
    /// Signal names by id: built-in detectors first, then lexicons.
    pub signal_names: Vec<String>,
}

/// How far before the underlined words a `not_after` or `after` signal may end ("my wee boy
/// Jack"), and how far after them a `not_before` signal may start.
const NOT_AFTER_REACH: usize = 12;

impl RuleSet {
    /// The compiled-in rule set, parsed and compiled on first use.
    pub fn get() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(|| RuleSet::compile(RULE_FILES, LEXICON_FILES).unwrap_or_else(|e| panic!("{e}")))
    }

    pub fn compile(rule_files: &[(&str, &str)], lexicon_files: &[(&str, &str)]) -> Result<RuleSet, String> {
        let mut lexicon_sources = Vec::new();
        for (path, source) in lexicon_files {
            let file: LexiconFile = toml::from_str(source).map_err(|e| format!("rules/{path}: {e}"))?;
            lexicon_sources.extend(file);
        }
        let mut signal_names: Vec<String> = signals::builtin_names().into_iter().map(String::from).collect();
        for (name, _) in &lexicon_sources {
            if signal_names.contains(name) {
                return Err(format!("lexicon {name} is defined twice or clashes with a detector"));
            }
            signal_names.push(name.clone());
        }
        let lexicons = Lexicons::build(lexicon_sources.iter().map(|(n, s)| (n.as_str(), s)))?;

        let guidance = Guidance::get();
        let id_of = |name: &str, rule: &str| -> Result<usize, String> {
            signal_names
                .iter()
                .position(|n| n == name.trim())
                .ok_or_else(|| format!("rule {rule}: unknown signal {name:?}"))
        };
        let mut rules = Vec::new();
        for (path, source) in rule_files {
            let file: RuleFile = toml::from_str(source).map_err(|e| format!("rules/{path}: {e}"))?;
            for r in file.rule {
                let ids = |names: &[String]| -> Result<Vec<usize>, String> {
                    names.iter().flat_map(|n| n.split('|')).map(|n| id_of(n, &r.id)).collect()
                };
                let at = ids(&r.at)?;
                let with = r.with.iter().map(|alts| ids(std::slice::from_ref(alts))).collect::<Result<_, _>>()?;
                let without = ids(&r.without)?;
                let not_after = ids(&r.not_after)?;
                let not_before = ids(&r.not_before)?;
                let after = ids(&r.after)?;
                let area = guidance.area(&r.guidance).ok_or_else(|| format!("rule {}: unknown guidance area {:?}", r.id, r.guidance))?;
                let code_text = r
                    .code
                    .iter()
                    .map(|c| guidance.statement(c).map(|s| s.text.clone()).ok_or_else(|| format!("rule {}: unknown Code statement {c:?}", r.id)))
                    .collect::<Result<Vec<_>, _>>()?;
                if !r.id.starts_with(r.category.as_str()) {
                    return Err(format!("rule {}: id should start with its category", r.id));
                }
                if r.scope == Scope::Near && r.near.is_none() {
                    return Err(format!("rule {}: scope \"near\" needs near = <bytes>", r.id));
                }
                if rules.iter().any(|x: &Rule| x.source.id == r.id) {
                    return Err(format!("rule {} is defined twice", r.id));
                }
                let message = format!("{} {} {}", with_full_stop(&r.title), r.why.trim(), r.instead.trim());
                rules.push(Rule { at, with, without, not_after, not_before, after, guidance_title: area.title.clone(), code_text, message, source: r });
            }
        }
        // Warnings before cautions (each in file order), so a span that merits a warning is
        // never claimed first by a caution in the same category.
        rules.sort_by_key(|r| std::cmp::Reverse(r.source.severity));
        Ok(RuleSet { rules, lexicons, signal_names })
    }

    pub fn check(&'static self, text: &str, options: &Options) -> Report {
        let folded = Folded::new(text);
        let watchlist = Watchlist::new(&options.watchlist);
        let signals = Signals::collect(folded.as_str(), &self.lexicons, self.signal_names.len(), &watchlist);
        let mut findings: Vec<Finding> = Vec::new();
        // Spans already flagged, per category: a span is flagged once per category, by the
        // first rule (in file order) that holds there. Non-overlapping, keyed by start.
        let mut flagged: [BTreeMap<usize, usize>; 5] = Default::default();
        for rule in &self.rules {
            if !options.is_enabled(rule.source.category) {
                continue;
            }
            for &kind in &rule.at {
                for &anchor in signals.spans(kind) {
                    if !rule.holds(&signals, anchor) {
                        continue;
                    }
                    let (start, end) = folded.to_original(anchor.start, anchor.end);
                    let spans = &mut flagged[rule.source.category as usize];
                    let overlaps_before = spans.range(..end).next_back().is_some_and(|(_, &e)| e > start);
                    if overlaps_before {
                        continue;
                    }
                    spans.insert(start, end.max(start + 1));
                    findings.push(rule.finding(start, end));
                }
            }
        }
        findings.sort_by(|a, b| (a.start, a.end, a.category).cmp(&(b.start, b.end, b.category)));
        Report { findings }
    }
}

fn with_full_stop(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) { s.to_string() } else { format!("{s}.") }
}

impl Rule {
    /// Whether the rule's conditions hold around one anchor.
    fn holds(&self, signals: &Signals, anchor: Span) -> bool {
        let (start, end) = match self.source.scope {
            Scope::Sentence => {
                let (s, e) = signals.sentence_of(anchor.start);
                (s.min(anchor.start), e.max(anchor.end))
            }
            Scope::Near => {
                let near = self.source.near.unwrap_or(0);
                (anchor.start.saturating_sub(near), (anchor.end + near).min(signals.len))
            }
            Scope::Post => (0, signals.len),
        };
        let present = |kinds: &[usize]| kinds.iter().any(|&k| signals.any_in(k, start, end, anchor));
        // What a rule needs with its anchor must be other words: "one of my mums" is not also
        // the second sign of a person that "mums on my caseload" would otherwise supply.
        let apart = |kinds: &[usize]| kinds.iter().any(|&k| signals.any_apart(k, start, end, anchor));
        if !self.with.iter().all(|alts| apart(alts)) {
            return false;
        }
        if present(&self.without) {
            return false;
        }
        let nothing = Span { start: usize::MAX, end: usize::MAX };
        let before = Span { start: anchor.start.saturating_sub(NOT_AFTER_REACH), end: anchor.end };
        let just_before = |kinds: &[usize]| kinds.iter().any(|&k| signals.any_in(k, before.start, before.end, nothing));
        if !self.after.is_empty() && !just_before(&self.after) {
            return false;
        }
        let after_end = (anchor.end + NOT_AFTER_REACH).min(signals.len);
        let starts_just_after = |k: usize| {
            let spans = signals.spans(k);
            spans.get(spans.partition_point(|s| s.start < anchor.end)).is_some_and(|s| s.start < after_end)
        };
        !just_before(&self.not_after) && !self.not_before.iter().any(|&k| starts_just_after(k))
    }

    fn finding(&'static self, start: usize, end: usize) -> Finding {
        let r = &self.source;
        Finding {
            rule: &r.id,
            category: r.category,
            severity: r.severity,
            start,
            end,
            title: &r.title,
            message: self.message.clone(),
            why: &r.why,
            instead: &r.instead,
            guidance: &self.guidance_title,
            code: self.code_text.iter().map(String::as_str).collect(),
            suggestion: r.suggest.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule's own examples: the must-match drafts trigger it, the must-not-match drafts don't.
    #[test]
    fn rule_examples() {
        let set = RuleSet::get();
        let mut failures = Vec::new();
        for rule in &set.rules {
            let r = &rule.source;
            assert!(!r.examples.must_match.is_empty(), "rule {} has no must-match examples", r.id);
            assert!(!r.examples.must_not_match.is_empty(), "rule {} has no must-not-match examples", r.id);
            let options = Options::with_watchlist(r.examples.watchlist.clone());
            for text in &r.examples.must_match {
                if !set.check(text, &options).findings.iter().any(|f| f.rule == r.id) {
                    failures.push(format!("{} should match: {text}", r.id));
                }
            }
            for text in &r.examples.must_not_match {
                if set.check(text, &options).findings.iter().any(|f| f.rule == r.id) {
                    failures.push(format!("{} should not match: {text}", r.id));
                }
            }
        }
        assert!(failures.is_empty(), "{} rule example failures:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn every_lexicon_is_used_by_a_rule() {
        let set = RuleSet::get();
        let first_lexicon = signals::builtin_names().len();
        for (id, name) in set.signal_names.iter().enumerate().skip(first_lexicon) {
            let used = set.rules.iter().any(|r| {
                r.at.contains(&id) || r.with.iter().any(|w| w.contains(&id)) || r.without.contains(&id)
                    || r.not_after.contains(&id)
                    || r.not_before.contains(&id)
                    || r.after.contains(&id)
            });
            assert!(used, "lexicon {name} is not used by any rule");
        }
    }
}
