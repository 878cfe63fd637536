//! Lexicons: named lists of words and phrases a trainer can read and edit
//! (`rules/lexicons/*.toml`), all found in one pass over the text.
//!
//! The text is split into tokens (runs of letters and digits; every other visible character is
//! a token of its own; spaces separate) and each phrase, split the same way, is looked up by its
//! first token. Building the index is a few thousand hash inserts, so the engine is ready within
//! milliseconds of the extension's worker waking.
//!
//! A term is matched case-insensitively on word boundaries. Two small conveniences keep the lists
//! short without turning them into regular expressions:
//! - `(a|b|c)` offers alternatives and `(a|)` makes a part optional:
//!   `"thick as (mince|two short planks)"`, `"(my|our) (wee |)boy"`;
//! - a trailing `*` lets the word run on: `"nutter*"` finds nutter, nutters, nuttery.

use crate::fnv::FnvMap;
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
    /// Words that rule a hit out when they come right before it: "mum was in hospital" is the
    /// worker's own mum, "his mum was in hospital" and "Agnes's mum was in hospital" are not
    /// (`s` stands for the possessive `'s`).
    #[serde(default)]
    pub not_after: Vec<String>,
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

/// One expanded phrase, as tokens.
struct Phrase {
    tokens: Box<[Box<str>]>,
    /// The last token may run on to the end of the word (`nutter*`).
    runs_on: bool,
    lexicon: usize,
}

/// Every lexicon's phrases, indexed by first token.
pub struct Lexicons {
    phrases: Vec<Phrase>,
    /// One-token phrases, and two-token phrases whose second token runs on, by first token.
    by_first: FnvMap<Box<str>, Vec<u32>>,
    /// Longer phrases by a hash of their first two tokens: "the" alone starts hundreds of
    /// phrases, "the lady" only a few.
    by_pair: FnvMap<u64, Vec<u32>>,
    /// One-token phrases that run on (`nutter*`), by their first three bytes.
    by_prefix: FnvMap<Box<[u8]>, Vec<u32>>,
    not_in_quotes: Vec<bool>,
    /// Per lexicon, the words that rule a hit out when right before it (lower case).
    not_after: Vec<Vec<Box<str>>>,
}

/// A token of the text: a byte range.
#[derive(Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Splits text into tokens: runs of letters and digits, and every other non-space character
/// alone, except quotation marks and apostrophes.
fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut word_start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        if is_word_char(c) {
            word_start.get_or_insert(at);
            continue;
        }
        if let Some(start) = word_start.take() {
            out.push(Token { start, end: at });
        }
        // Quotation marks and apostrophes separate words but are not tokens themselves, so
        // "the 'clients'" still reads as "the clients" (quoted use is judged separately).
        if !c.is_whitespace() && c != '\'' && c != '"' {
            out.push(Token { start: at, end: at + c.len_utf8() });
        }
    }
    if let Some(start) = word_start {
        out.push(Token { start, end: text.len() });
    }
    out
}

const PREFIX_KEY: usize = 3;

/// The index key of a phrase's first two tokens.
fn pair_key(first: &str, second: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = crate::fnv::Fnv::default();
    h.write(first.as_bytes());
    h.write(&[0xff]);
    h.write(second.as_bytes());
    h.finish()
}

/// Expands the `(a|b)` alternatives of a term (groups may nest) into plain phrases, lower-cased
/// like the text they are matched against (ASCII letters only, which keeps byte offsets).
pub fn expand(term: &str) -> Result<Vec<String>, String> {
    let out = expand_sequence(term, term)?;
    Ok(out
        .into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase())
        .filter(|p| !p.is_empty() && p != "*")
        .collect())
}

/// Every phrase a run of literals and groups stands for; groups may nest.
fn expand_sequence(seq: &str, term: &str) -> Result<Vec<String>, String> {
    let mut out = vec![String::new()];
    let mut rest = seq;
    while let Some(open) = rest.find(['(', ')']) {
        if rest.as_bytes()[open] == b')' {
            return Err(format!("unopened ')' in {term:?}"));
        }
        let close = matching_close(&rest[open..]).ok_or_else(|| format!("unclosed '(' in {term:?}"))? + open;
        let literal = &rest[..open];
        let mut options = Vec::new();
        for alt in split_top_level(&rest[open + 1..close]) {
            options.extend(expand_sequence(alt, term)?);
        }
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
    Ok(out.into_iter().map(|p| format!("{p}{rest}")).collect())
}

/// The byte index of the ')' closing the '(' that `s` starts with.
fn matching_close(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits a group's inside at the '|' that are not inside a nested group.
fn split_top_level(s: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut from) = (Vec::new(), 0usize, 0);
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b'|' if depth == 0 => {
                parts.push(&s[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[from..]);
    parts
}

impl Lexicons {
    /// Compiles lexicons given as (name, source) pairs; hits report the index into this list.
    pub fn build<'a, I>(lexicons: I) -> Result<Lexicons, String>
    where
        I: IntoIterator<Item = (&'a str, &'a LexiconSource)>,
    {
        let mut lex = Lexicons {
            phrases: Vec::new(),
            by_first: FnvMap::default(),
            by_pair: FnvMap::default(),
            by_prefix: FnvMap::default(),
            not_in_quotes: Vec::new(),
            not_after: Vec::new(),
        };
        for (index, (name, source)) in lexicons.into_iter().enumerate() {
            lex.not_in_quotes.push(source.not_in_quotes);
            lex.not_after.push(source.not_after.iter().map(|w| Box::from(w.trim().to_ascii_lowercase().as_str())).collect());
            for term in &source.terms {
                // Terms are folded like the text they are matched against ("tues–thurs").
                let folded = crate::text::Folded::new(term);
                for phrase in expand(folded.as_str()).map_err(|e| format!("lexicon {name}: {e}"))? {
                    let runs_on = phrase.ends_with('*');
                    let phrase = phrase.trim_end_matches('*');
                    let tokens: Box<[Box<str>]> = tokenize(phrase).iter().map(|t| Box::from(&phrase[t.start..t.end])).collect();
                    let Some(first) = tokens.first().cloned() else {
                        return Err(format!("lexicon {name}: empty term in {term:?}"));
                    };
                    let id = lex.phrases.len() as u32;
                    if runs_on && tokens.len() == 1 {
                        if first.len() < PREFIX_KEY {
                            return Err(format!("lexicon {name}: {term:?} is too short to run on"));
                        }
                        lex.by_prefix.entry(Box::from(&first.as_bytes()[..PREFIX_KEY])).or_default().push(id);
                    } else if tokens.len() == 1 || (runs_on && tokens.len() == 2) {
                        lex.by_first.entry(first).or_default().push(id);
                    } else {
                        lex.by_pair.entry(pair_key(&tokens[0], &tokens[1])).or_default().push(id);
                    }
                    lex.phrases.push(Phrase { tokens, runs_on, lexicon: index });
                }
            }
        }
        Ok(lex)
    }

    /// Finds every lexicon phrase in `text`.
    pub fn find(&self, text: &str, quoted: &[(usize, usize)]) -> Vec<LexiconHit> {
        // Phrases are stored in lower case; an ASCII-lowered copy keeps every byte offset.
        let lowered = text.to_ascii_lowercase();
        let tokens = tokenize(&lowered);
        let word = |t: Token| &lowered[t.start..t.end];
        let mut hits = Vec::new();
        for (i, &first) in tokens.iter().enumerate() {
            let exact = self.by_first.get(word(first)).map(Vec::as_slice).unwrap_or_default();
            let paired = tokens
                .get(i + 1)
                .and_then(|&second| self.by_pair.get(&pair_key(word(first), word(second))))
                .map(Vec::as_slice)
                .unwrap_or_default();
            let prefixed =
                word(first).as_bytes().get(..PREFIX_KEY).and_then(|key| self.by_prefix.get(key)).map(Vec::as_slice).unwrap_or_default();
            for &id in exact.iter().chain(paired).chain(prefixed) {
                let phrase = &self.phrases[id as usize];
                let n = phrase.tokens.len();
                let Some(window) = tokens.get(i..i + n) else { continue };
                let matches = phrase.tokens.iter().zip(window).enumerate().all(|(k, (p, &t))| {
                    if phrase.runs_on && k == n - 1 {
                        word(t).starts_with(&**p)
                    } else {
                        word(t) == &**p
                    }
                });
                if !matches {
                    continue;
                }
                let (start, end) = (first.start, window[n - 1].end);
                if self.not_in_quotes[phrase.lexicon] && inside_a_quote(quoted, start, end) {
                    continue;
                }
                let not_after = &self.not_after[phrase.lexicon];
                if i > 0 && not_after.iter().any(|w| **w == *word(tokens[i - 1])) {
                    continue;
                }
                hits.push(LexiconHit { lexicon: phrase.lexicon, start, end });
            }
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
    fn groups_nest() {
        assert_eq!(expand("lives (alone|on (his|her) own)").unwrap(), ["lives alone", "lives on his own", "lives on her own"]);
        assert_eq!(expand("(can't|cannot) (give (you |)updates)").unwrap().len(), 4);
        assert!(expand("can't) reply").is_err());
        assert!(expand("(can't reply").is_err());
    }

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
            not_after: vec!["his".into(), "s".into()],
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
    fn words_right_before_can_rule_a_hit_out() {
        let lex = one(&["mum was in"]);
        assert_eq!(lex.find("Mum was in the Royal again", &[]).len(), 1);
        assert!(lex.find("his mum was in the Royal again", &[]).is_empty());
        assert!(lex.find("Agnes's mum was in the Royal again", &[]).is_empty());
    }

    #[test]
    fn quoted_hits_are_skipped_when_asked() {
        let lex = one(&["bed blocking"]);
        assert!(lex.find("'bed blocking' is a horrible phrase", &[(0, 14)]).is_empty());
        assert_eq!(lex.find("bed blocking again", &[]).len(), 1);
    }
}
