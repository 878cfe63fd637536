//! What the learned layer reads in a draft: hashed words, word pairs (next to each other and one
//! apart), character n-grams and the rule engine's own signals, each tagged with the clause it
//! came from.
//!
//! This is the one implementation of feature extraction: `postcare train` calls it to build its
//! training data and [`super::Model`] calls it to score a draft, so the two can never drift apart.

use crate::signals::Signals;
use crate::text;

/// Features are hashed into `1 << BITS` buckets.
pub const BITS: u32 = 18;
const MASK: u64 = (1 << BITS) - 1;

/// Longest word whose character n-grams are taken (longer runs are URLs, hashtags or noise).
const MAX_NGRAM_WORD: usize = 24;

/// One draft's features: a bucket per occurrence, with the clause it occurred in.
#[derive(Debug, Default, Clone)]
pub struct Features {
    /// Bucket of each feature occurrence, in text order (signals last).
    pub buckets: Vec<u32>,
    /// Index into `clauses` of each occurrence, or `clauses.len()` for what is about the post as
    /// a whole rather than any clause of it (who a message goes to).
    pub clause: Vec<u32>,
    /// Clause byte ranges of the searched (folded) text: sentences split at commas, semicolons,
    /// colons and dashes (see [`text::clauses`]).
    pub clauses: Vec<(usize, usize)>,
    /// How many words the draft has.
    pub words: usize,
}

impl Features {
    /// Extracts features from folded text, the signals the detectors found in it and, for a
    /// message, the names of who it goes to. `signal_names` are the rule set's signal names by id.
    pub fn extract(folded: &str, signals: &Signals, signal_names: &[String], recipients: &[String]) -> Features {
        let clauses = text::clauses(folded, &signals.sentences);
        // About two and a half features a byte in ordinary prose.
        let capacity = folded.len() * 5 / 2 + 64;
        let mut f = Features { buckets: Vec::with_capacity(capacity), clause: Vec::with_capacity(capacity), clauses, words: 0 };
        let mut word = String::new();
        // The two words before this one, and their clauses (word pairs never cross a clause).
        let mut before = Before::default();
        let mut grams = Grams::default();
        let mut clause = 0u32;
        let mut word_start = None;
        for (at, c) in folded.char_indices() {
            let inner_apostrophe = c == '\'' && word_start.is_some() && folded[at + 1..].chars().next().is_some_and(is_word_char);
            if is_word_char(c) || inner_apostrophe {
                if word_start.is_none() {
                    word_start = Some(at);
                    word.clear();
                }
                push_lower(&mut word, c);
                continue;
            }
            if let Some(start) = word_start.take() {
                clause = f.clause_at(start, clause);
                f.word(&word, &before, clause, &mut grams);
                before.shift(&mut word, clause);
            }
            if !c.is_ascii() && !is_word_char(c) && !is_modifier(c) && !is_space(c) {
                // Emoji and other symbols carry tone ("🤮", "🙄"); one feature each.
                clause = f.clause_at(at, clause);
                let mut buf = [0u8; 4];
                f.push(hash(b'e', &[c.encode_utf8(&mut buf).as_bytes()]), clause);
            }
        }
        if let Some(start) = word_start {
            clause = f.clause_at(start, clause);
            f.word(&word, &before, clause, &mut grams);
        }
        let mut per_clause: Vec<(u32, u32)> = Vec::new();
        for (kind, name) in signal_names.iter().enumerate() {
            let bucket = signal_bucket(name);
            for span in signals.spans(kind) {
                // Spans of one kind are sorted, so the forward search stays linear.
                clause = f.clause_at(span.start, if clause as usize >= f.clauses.len() { 0 } else { clause });
                f.push(bucket, clause);
                per_clause.push((clause, kind as u32));
            }
        }
        // Who a message goes to ("Mum", "Babe ❤️", "Night shift 🌙", "Jordan M") says much about
        // what is fitting to send them. These belong to no clause of the draft: they are counted
        // in the post's score only, never a clause's (see `super::Model::read`).
        let about_post = f.clauses.len() as u32;
        for name in recipients {
            for part in name.split(|c: char| !is_word_char(c)) {
                if !part.is_empty() {
                    let mut lower = String::with_capacity(part.len());
                    part.chars().for_each(|c| push_lower(&mut lower, c));
                    f.push(hash(b'r', &[lower.as_bytes()]), about_post);
                }
            }
            for c in name.chars().filter(|&c| !c.is_ascii() && !is_word_char(c) && !is_modifier(c) && !is_space(c)) {
                let mut buf = [0u8; 4];
                f.push(hash(b'r', &[c.encode_utf8(&mut buf).as_bytes()]), about_post);
            }
        }
        // Two kinds of signal in one clause ("a name" with "a health detail") say more together
        // than either alone, which a linear model cannot see by itself.
        per_clause.sort_unstable();
        per_clause.dedup();
        for group in per_clause.chunk_by(|a, b| a.0 == b.0) {
            for (i, a) in group.iter().enumerate() {
                for b in &group[i + 1..] {
                    let (x, y) = (signal_names[a.1 as usize].as_bytes(), signal_names[b.1 as usize].as_bytes());
                    f.push(hash(b'p', &[x, b"+", y]), a.0);
                }
            }
        }
        f
    }

    /// Whether any of these buckets is among the features.
    pub fn holds_any(&self, buckets: &[u32]) -> bool {
        self.buckets.iter().any(|b| buckets.contains(b))
    }

    /// The index of the clause containing byte `at`. Calls with rising `at` pass the last
    /// answer as `from` and cost nothing; any other call is a binary search.
    fn clause_at(&self, at: usize, from: u32) -> u32 {
        let i = from as usize;
        let next_starts_later = |i: usize| self.clauses.get(i + 1).is_none_or(|s| s.0 > at);
        if i < self.clauses.len() && self.clauses[i].0 <= at {
            if next_starts_later(i) {
                return i as u32;
            }
            if next_starts_later(i + 1) {
                return (i + 1) as u32;
            }
        }
        self.clauses.partition_point(|s| s.0 <= at).saturating_sub(1) as u32
    }

    fn push(&mut self, bucket: u32, clause: u32) {
        self.buckets.push(bucket);
        self.clause.push(clause);
    }

    fn word(&mut self, word: &str, before: &Before, clause: u32, grams: &mut Grams) {
        self.words += 1;
        self.push(hash(b'w', &[word.as_bytes()]), clause);
        if before.clause[0] == clause {
            self.push(hash(b'b', &[before.word[0].as_bytes(), b" ", word.as_bytes()]), clause);
        }
        // The word two back, skipping one: "hate my job" and "hate this job" share "hate _ job".
        if before.clause[1] == clause {
            self.push(hash(b'k', &[before.word[1].as_bytes(), b" ", word.as_bytes()]), clause);
        }
        // Character n-grams of "<word>" (3 and 4 characters): misspellings, text-speak and word
        // forms share them ("bampot", "bampots"; "f*cking", "fckin"). Five-character n-grams
        // added nothing to cross-validated F1 and cost a sixth of the time.
        if word.len() > MAX_NGRAM_WORD && word.chars().count() > MAX_NGRAM_WORD {
            return;
        }
        grams.padded.clear();
        grams.padded.push(b'<');
        grams.padded.extend_from_slice(word.as_bytes());
        grams.padded.push(b'>');
        let padded = &grams.padded;
        // Each n-gram's hash extends the one a character shorter from the same start (FNV reads
        // bytes in order), so both lengths cost one pass.
        if word.is_ascii() {
            let n = padded.len();
            for s in 0..n.saturating_sub(2) {
                let mut h = Fnv::new(b'c');
                h.eat(&padded[s..s + 2]);
                for &b in &padded[s + 2..(s + 4).min(n)] {
                    h.eat(&[b]);
                    self.push(h.bucket(), clause);
                }
            }
            return;
        }
        // Character boundaries of the padded word.
        grams.bounds.clear();
        grams.bounds.extend((0..padded.len()).filter(|&i| (padded[i] & 0xC0) != 0x80));
        grams.bounds.push(padded.len());
        let bounds = &grams.bounds;
        let n = bounds.len() - 1;
        for s in 0..n.saturating_sub(2) {
            let mut h = Fnv::new(b'c');
            h.eat(&padded[bounds[s]..bounds[s + 2]]);
            for end in s + 3..=(s + 4).min(n) {
                h.eat(&padded[bounds[end - 1]..bounds[end]]);
                self.push(h.bucket(), clause);
            }
        }
    }
}

/// The last two words read (`[0]` the nearer) and the clauses they were in.
struct Before {
    word: [String; 2],
    clause: [u32; 2],
}

impl Default for Before {
    fn default() -> Self {
        Before { word: Default::default(), clause: [u32::MAX; 2] }
    }
}

impl Before {
    /// Makes `word`, just read in `clause`, the nearer of the two (and takes the farther's buffer).
    fn shift(&mut self, word: &mut String, clause: u32) {
        self.word.swap(0, 1);
        std::mem::swap(&mut self.word[0], word);
        self.clause = [clause, self.clause[0]];
    }
}

/// Scratch space for one draft's character n-grams, reused from word to word.
#[derive(Default)]
struct Grams {
    padded: Vec<u8>,
    bounds: Vec<usize>,
}

/// The bucket of a rule signal (by its name) among the features.
pub fn signal_bucket(name: &str) -> u32 {
    hash(b's', &[name.as_bytes()])
}

/// A letter or digit. Without Unicode's tables (the WebAssembly engine leaves them out): ASCII
/// letters and digits, and every character from Latin-1 up to the general punctuation block
/// (accented Latin, Greek, Cyrillic, Arabic, Devanagari...) but the two arithmetic signs there.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (('\u{C0}'..'\u{2000}').contains(&c) && c != '×' && c != '÷')
}

fn is_space(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// Lower-cases a character into `out`, with digits read as shapes ("4b" and "7c" are alike).
/// Letters beyond ASCII are kept as written.
fn push_lower(out: &mut String, c: char) {
    if c.is_ascii_digit() {
        out.push('0');
    } else {
        out.push(c.to_ascii_lowercase());
    }
}

/// Skin-tone modifiers, variation selectors and joiners: part of an emoji, not one of their own.
fn is_modifier(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}' | '\u{FE00}'..='\u{FE0F}' | '\u{200D}' | '\u{20E3}')
}

/// FNV-1a over a namespace byte and bytes, folded to a bucket.
struct Fnv(u64);

impl Fnv {
    fn new(namespace: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.eat(&[namespace]);
        h
    }

    fn eat(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The bucket so far. FNV's low bits alone mix poorly, so the high bits are folded in.
    fn bucket(&self) -> u32 {
        let h = self.0;
        ((h ^ (h >> 29) ^ (h >> 47)) & MASK) as u32
    }
}

/// The bucket of a namespace byte and parts, hashed in order.
fn hash(namespace: u8, parts: &[&[u8]]) -> u32 {
    let mut h = Fnv::new(namespace);
    for part in parts {
        h.eat(part);
    }
    h.bucket()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;

    fn features(text: &str) -> Features {
        RuleSet::get().features(text, &crate::Options::default())
    }

    #[test]
    fn words_pairs_ngrams_and_signals_are_all_there() {
        let f = features("Wee Tam in room 4 🙄. Next sentence");
        assert!(f.buckets.contains(&hash(b'w', &[b"tam"])));
        assert!(f.buckets.contains(&hash(b'b', &[b"wee tam"])));
        assert!(f.buckets.contains(&hash(b'c', &[b"<ta"])));
        assert!(f.buckets.contains(&hash(b'w', &[b"0"])), "digits are read as shapes");
        assert!(f.buckets.contains(&hash(b'e', &["🙄".as_bytes()])));
        assert!(f.buckets.iter().all(|&b| u64::from(b) <= MASK));
        assert_eq!(f.buckets.len(), f.clause.len());
    }

    #[test]
    fn two_kinds_of_signal_in_one_clause_make_a_pair() {
        let name_and_health = hash(b'p', &[b"person_name", b"+", b"health"]);
        assert!(features("Margaret in room 12 had a fall and her dementia is worse").buckets.contains(&name_and_health));
        assert!(!features("Margaret phoned. Her dementia is worse").buckets.contains(&name_and_health), "not across clauses");
    }

    #[test]
    fn features_know_their_clause() {
        let f = features("First one here. Second one there, third one: fourth");
        assert_eq!(f.clauses.len(), 4);
        let second = hash(b'w', &[b"second"]);
        let at = f.buckets.iter().position(|&b| b == second).unwrap();
        assert_eq!(f.clause[at], 1);
        let fourth = hash(b'w', &[b"fourth"]);
        assert_eq!(f.clause[f.buckets.iter().position(|&b| b == fourth).unwrap()], 3);
        // No word pair across a clause boundary.
        assert!(!f.buckets.contains(&hash(b'b', &[b"here second"])));
        assert!(!f.buckets.contains(&hash(b'b', &[b"there third"])));
    }

    #[test]
    fn case_and_look_alikes_do_not_change_features() {
        let a = features("Margaret is in ROOM 12");
        let b = features("margaret is in room 12");
        assert_eq!(a.buckets, b.buckets);
    }

    #[test]
    fn empty_and_symbol_only_drafts_have_no_word_features() {
        assert!(features("").buckets.is_empty());
        let f = features("!!! ... ???");
        assert!(f.buckets.iter().all(|&b| b != hash(b'w', &[b""])));
    }
}
