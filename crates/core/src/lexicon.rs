//! Lexicons: named lists of words and phrases a trainer can read and edit
//! (`rules/lexicons/*.toml`), all found in one pass over the text.
//!
//! A term is matched case-insensitively on word boundaries. Two small conveniences keep the lists
//! short without turning them into regular expressions:
//! - `(a|b|c)` offers alternatives and `(a|)` makes a part optional:
//!   `"thick as (mince|two short planks)"`, `"(my|our) (wee |)boy"`;
//! - a trailing `*` lets the word run on: `"nutter*"` finds nutter, nutters, nuttery.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One lexicon as written in its file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconSource {
    /// What the list is for, in a sentence.
    pub about: String,
    pub terms: Vec<String>,
    /// Ignore hits inside quotation marks: a post criticising the phrase "bed blocking" is not
    /// using it.
    #[serde(default)]
    pub not_in_quotes: bool,
}

/// A lexicon file: lexicon name -> lexicon.
pub type LexiconFile = BTreeMap<String, LexiconSource>;

/// A phrase found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexiconHit {
    /// Index of the lexicon in the order given to [`Lexicons::build`].
    pub lexicon: usize,
    pub start: usize,
    pub end: usize,
}

struct Pattern {
    lexicon: usize,
    runs_on: bool,
}

/// Every lexicon compiled into one automaton (matching is case-insensitive for ASCII letters).
pub struct Lexicons {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
    not_in_quotes: Vec<bool>,
}

/// Expands the `(a|b)` alternatives of a term into plain phrases.
pub fn expand(term: &str) -> Result<Vec<String>, String> {
    let mut out = vec![String::new()];
    let mut rest = term;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').ok_or_else(|| format!("unclosed '(' in {term:?}"))? + open;
        let literal = &rest[..open];
        let options: Vec<&str> = rest[open + 1..close].split('|').collect();
        let mut next = Vec::with_capacity(out.len() * options.len());
        for prefix in &out {
            for option in &options {
                next.push(format!("{prefix}{literal}{option}"));
            }
        }
        out = next;
        if out.len() > 4096 {
            return Err(format!("{term:?} expands to too many phrases"));
        }
        rest = &rest[close + 1..];
    }
    Ok(out
        .into_iter()
        .map(|p| {
            let joined = format!("{p}{rest}");
            joined.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
        })
        .filter(|p| !p.is_empty() && p != "*")
        .collect())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when a letter or digit ends just before byte `at` (which must be a char boundary).
pub fn word_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(is_word_char)
}

/// True when a letter or digit starts at byte `at` (which must be a char boundary).
pub fn word_at(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(is_word_char)
}

impl Lexicons {
    /// Compiles lexicons given as (name, source) pairs; hits report the index into this list.
    pub fn build<'a, I>(lexicons: I) -> Result<Lexicons, String>
    where
        I: IntoIterator<Item = (&'a str, &'a LexiconSource)>,
    {
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        let mut not_in_quotes = Vec::new();
        for (index, (name, source)) in lexicons.into_iter().enumerate() {
            not_in_quotes.push(source.not_in_quotes);
            for term in &source.terms {
                // Terms are folded like the text they are matched against ("tues–thurs").
                let folded = crate::text::Folded::new(term);
                for phrase in expand(folded.as_str()).map_err(|e| format!("lexicon {name}: {e}"))? {
                    let runs_on = phrase.ends_with('*');
                    let phrase = phrase.trim_end_matches('*').to_string();
                    if phrase.is_empty() {
                        return Err(format!("lexicon {name}: empty term in {term:?}"));
                    }
                    phrases.push(phrase);
                    patterns.push(Pattern { lexicon: index, runs_on });
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            // A contiguous NFA builds in a fraction of a DFA's time and memory, which matters
            // more here (first check after the extension's worker wakes) than the last
            // nanosecond of search speed.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&phrases)
            .map_err(|e| e.to_string())?;
        Ok(Lexicons { automaton, patterns, not_in_quotes })
    }

    /// Finds every lexicon phrase in `text` that stands as whole words.
    pub fn find(&self, text: &str, quoted: &[(usize, usize)]) -> Vec<LexiconHit> {
        let mut hits = Vec::new();
        // Phrases are stored in lower case; an ASCII-lowered copy keeps every byte offset, and
        // halves the automaton compared with case-insensitive matching.
        let lowered = text.to_ascii_lowercase();
        for m in self.automaton.find_overlapping_iter(&lowered) {
            let pattern = &self.patterns[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            // Whole words only, where the phrase starts or ends with a letter or digit.
            // (Phrases are ASCII or whole characters, so match edges are char boundaries.)
            if word_at(text, start) && word_before(text, start) {
                continue;
            }
            if pattern.runs_on {
                while let Some(c) = text[end..].chars().next().filter(|&c| is_word_char(c)) {
                    end += c.len_utf8();
                }
            } else if word_before(text, end) && word_at(text, end) {
                continue;
            }
            if self.not_in_quotes[pattern.lexicon] && inside_a_quote(quoted, start, end) {
                continue;
            }
            hits.push(LexiconHit { lexicon: pattern.lexicon, start, end });
        }
        hits
    }
}

/// Whether `[start, end)` lies inside one of `quoted`, which is sorted and non-overlapping.
fn inside_a_quote(quoted: &[(usize, usize)], start: usize, end: usize) -> bool {
    let i = quoted.partition_point(|&(qs, _)| qs <= start);
    i > 0 && end <= quoted[i - 1].1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternatives_and_optional_parts_expand() {
        assert_eq!(expand("(my|our) (wee |)boy").unwrap(), ["my wee boy", "my boy", "our wee boy", "our boy"]);
        assert_eq!(expand("Nutter*").unwrap(), ["nutter*"]);
    }

    fn one(terms: &[&str]) -> Lexicons {
        let source = LexiconSource {
            about: String::new(),
            terms: terms.iter().map(|s| s.to_string()).collect(),
            not_in_quotes: true,
        };
        Lexicons::build([("test", &source)]).unwrap()
    }

    #[test]
    fn matches_whole_words_case_insensitively() {
        let lex = one(&["care plan", "unit"]);
        let hits = lex.find("Her Care Plan and the unit, not the community", &[]);
        assert_eq!(hits.len(), 2);
        assert_eq!((hits[0].start, hits[0].end), (4, 13));
    }

    #[test]
    fn star_runs_on_to_the_end_of_the_word() {
        let lex = one(&["nutter*"]);
        let hits = lex.find("the nutters on ward 2", &[]);
        assert_eq!((hits[0].start, hits[0].end), (4, 11));
    }

    #[test]
    fn quoted_hits_are_skipped_when_asked() {
        let lex = one(&["bed blocking"]);
        assert!(lex.find("'bed blocking' is a horrible phrase", &[(0, 14)]).is_empty());
        assert_eq!(lex.find("bed blocking again", &[]).len(), 1);
    }
}
