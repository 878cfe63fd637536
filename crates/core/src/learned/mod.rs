//! The learned layer: a linear model over hashed features that reads a draft as a whole.
//!
//! Rules find what can be named: identifiers, watch-list names, phrases a trainer wrote down. Many
//! risky posts say it some other way ("the wee man in our house", a crude remark with no care word
//! in it), so a model trained on labelled posts (`tests/corpus/train-*.jsonl`, `postcare train`)
//! scores each category too.
//!
//! How rule signals and model scores combine (the one place this is decided):
//! - The rule engine's signals are features of the model, alongside words, word pairs and
//!   character n-grams ([`features`]).
//! - Rules speak first and keep their exact spans, severities and explanations.
//! - On a draft of fewer than [`MIN_WORDS`] words the model says nothing: a handful of words is
//!   too little to read a post by, and identifiers and names there are the rules' to find.
//! - The model scores the whole post: one probability per category, and from a head of its own,
//!   the *gate*, one that the post is risky at all (trained on every risky post, whatever its
//!   category). Each category has two thresholds and the gate one, chosen by cross-validation on
//!   the training corpus only (`postcare train`); the gate's keeps false alarms on those posts
//!   within the product's bar of 5%.
//! - When the gate scores under its threshold the post reads as harmless: the model adds nothing,
//!   and a rule finding that rests on a reading is overruled unless the post scores at or above
//!   its category's `caution` (where the category's own head would caution unprompted).
//! - Otherwise a rule finding that rests on a *reading* of the text (lexicon phrases, a name
//!   guessed from capitals, an age, a setting's name, a private message) is overruled when the
//!   post scores under the category's `veto`.
//! - Either way, such a finding stands when the clause it sits in (a sentence split at commas,
//!   semicolons, colons and dashes), read on its own, scores at least [`CLAUSE_STANDS`]: a post
//!   about several things keeps each plainly risky part.
//! - Findings anchored on a *fact* ([`crate::signals::DEFINITE`]: an identifier with a fixed form
//!   such as a CHI number or a postcode, the watch-list, who a message goes to, an attached photo,
//!   where it was taken) always stand, but where a rule marks them `overrulable`: a watch-list
//!   first name with nothing about care beside it (it can be a pet's or the worker's own
//!   child's), and a photo whose words speak of a care setting without naming it or its people
//!   (the photo check is asked of every photo anyway).
//! - For a category no rule flagged, at or above `caution` the model adds a caution on the
//!   clause that weighs most for the category, worded from `model/messages.toml`, unless the
//!   post holds a signal that keeps it quiet about that category (`quiet_with` there: the
//!   worker's own family for confidentiality, a joke at their own expense for dignity). The model
//!   only ever cautions: a warning, which holds a post back, rests on something a rule can name.
//!
//! The weights file (`model/weights.bin`) is made by `scripts/train-model.sh`. Native builds
//! carry it compiled in; the browser extension ships it beside the WebAssembly engine and hands
//! it to [`install`] once at start-up.

pub mod features;

use crate::Category;
pub use features::Features;
use std::sync::OnceLock;

const MAGIC: &[u8; 4] = b"PCM4";

/// The fewest words a draft needs before the model has a say.
pub const MIN_WORDS: usize = 5;
const HEAD_FLOATS: usize = 4;
const CATEGORIES: usize = Category::ALL.len();
/// A rule finding that rests on a reading stands, whatever the post as a whole reads as, when the
/// clause it sits in, read on its own, scores at least this for its category: a post about several
/// things ("visited Mrs B…, steaming on shift tonight lol, keysafe is 1938") keeps each plainly
/// risky part. Set high, so it rescues only what is plain (cross-validated macro-F1 0.846 at both
/// 0.9 and 0.85, 0.845 at 0.8; at 0.85 a plainly risky clause scoring just under 0.9 still stands).
pub const CLAUSE_STANDS: f32 = 0.85;

/// The gate's head, after one head per category: whether the post is risky at all.
pub const GATE: usize = CATEGORIES;
/// How many heads the model has: one per category, then the gate.
pub const HEADS: usize = CATEGORIES + 1;

/// The model as trained for one category, or for the gate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Head {
    pub bias: f32,
    /// Weight of one quantised step.
    pub scale: f32,
    /// Probability under which the model overrules the category's findings that rest on readings
    /// (for the gate: under which the post reads as harmless).
    pub veto: f32,
    /// Probability at or above which the model adds a caution (for the gate: the same as `veto`).
    pub caution: f32,
}

/// A trained model: one logistic head per category, and the gate, over shared hashed features.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Fingerprint of the feature set the model was trained on (see [`signature`]).
    pub signature: u64,
    /// One head per category, in [`Category::ALL`] order, then the gate ([`GATE`]).
    pub heads: [Head; HEADS],
    /// Quantised weights, `bucket * HEADS + head`.
    weights: Vec<i8>,
}

/// A fingerprint of what the features mean: the hashing, and the rule engine's signal names.
/// A model trained on other features is refused rather than misread.
pub fn signature(signal_names: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    };
    eat(b"features v6");
    eat(&features::BITS.to_le_bytes());
    for name in signal_names {
        eat(name.as_bytes());
    }
    h
}

impl Model {
    /// Builds a model from trained weights (`weights[head][bucket]`), quantising each head's
    /// weights to 8 bits.
    pub fn quantise(signature: u64, heads: [Head; HEADS], weights: &[Vec<f32>]) -> Model {
        let buckets = 1usize << features::BITS;
        let mut heads = heads;
        let mut q = vec![0i8; buckets * HEADS];
        for (c, w) in weights.iter().enumerate().take(HEADS) {
            let max = w.iter().fold(0f32, |m, x| m.max(x.abs()));
            let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
            heads[c].scale = scale;
            for (b, x) in w.iter().enumerate().take(buckets) {
                q[b * HEADS + c] = (x / scale).round().clamp(-127.0, 127.0) as i8;
            }
        }
        Model { signature, heads, weights: q }
    }

    /// Reads a weights file.
    pub fn parse(bytes: &[u8]) -> Result<Model, String> {
        let buckets = 1usize << features::BITS;
        let head_len = 4 + 4 + 4 + 8 + HEADS * HEAD_FLOATS * 4;
        if bytes.len() != head_len + buckets * HEADS || &bytes[..4] != MAGIC {
            return Err("not a Post with Care model for this version".into());
        }
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        let f32_at = |at: usize| f32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        if u32_at(4) != features::BITS || u32_at(8) as usize != HEADS {
            return Err("model was trained with other feature settings".into());
        }
        let signature = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
        let mut heads = [Head { bias: 0.0, scale: 1.0, veto: 0.0, caution: 1.0 }; HEADS];
        for (c, head) in heads.iter_mut().enumerate() {
            let at = 20 + c * HEAD_FLOATS * 4;
            *head = Head { bias: f32_at(at), scale: f32_at(at + 4), veto: f32_at(at + 8), caution: f32_at(at + 12) };
        }
        let weights = bytes[head_len..].iter().map(|&b| b as i8).collect();
        Ok(Model { signature, heads, weights })
    }

    /// The weights file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(20 + HEADS * HEAD_FLOATS * 4 + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&features::BITS.to_le_bytes());
        out.extend_from_slice(&(HEADS as u32).to_le_bytes());
        out.extend_from_slice(&self.signature.to_le_bytes());
        for h in &self.heads {
            for x in [h.bias, h.scale, h.veto, h.caution] {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out.extend(self.weights.iter().map(|&w| w as u8));
        out
    }

    /// Reads a draft's features in one pass: each clause's summed weights, from which the post's
    /// probabilities, each clause's and the clause that weighs most for a category all follow.
    pub fn read<'m>(&'m self, f: &Features) -> Reading<'m> {
        // One slot per clause, and one for what is about the post as a whole.
        let mut sums = vec![([0i32; HEADS], 0u32); f.clauses.len() + 1];
        for (&b, &s) in f.buckets.iter().zip(&f.clause) {
            let (sum, n) = &mut sums[s as usize];
            for (x, &w) in sum.iter_mut().zip(&self.weights[b as usize * HEADS..][..HEADS]) {
                *x += i32::from(w);
            }
            *n += 1;
        }
        Reading { model: self, sums, words: f.words }
    }

    /// Each head's probability for summed quantised weights over `n` feature occurrences.
    fn logistic(&self, sums: &[i32; HEADS], n: u32) -> [f32; HEADS] {
        let norm = if n == 0 { 0.0 } else { 1.0 / (n as f32).sqrt() };
        std::array::from_fn(|c| {
            let h = &self.heads[c];
            sigmoid(h.bias + sums[c] as f32 * h.scale * norm)
        })
    }
}

/// One draft as the model reads it (see [`Model::read`]).
pub struct Reading<'m> {
    model: &'m Model,
    /// Per clause, then for the post as a whole: summed quantised weights per head, and how many
    /// feature occurrences.
    sums: Vec<([i32; HEADS], u32)>,
    words: usize,
}

impl Reading<'_> {
    /// The probability of each category for the whole draft, then the gate's (that it is risky
    /// at all), or `None` when the draft is too short for the model to have a say.
    pub fn post(&self) -> Option<[f32; HEADS]> {
        if self.words < MIN_WORDS {
            return None;
        }
        let mut total = [0i32; HEADS];
        let mut n = 0;
        for (sum, k) in &self.sums {
            for (t, x) in total.iter_mut().zip(sum) {
                *t += x;
            }
            n += k;
        }
        Some(self.model.logistic(&total, n))
    }

    /// The probability of each category for clause `s` read on its own.
    pub fn clause(&self, s: usize) -> [f32; HEADS] {
        let (sum, n) = &self.sums[s];
        self.model.logistic(sum, *n)
    }

    /// The clause that weighs most for `category`.
    pub fn best_clause(&self, category: Category) -> Option<usize> {
        let c = category as usize;
        self.sums[..self.sums.len() - 1]
            .iter()
            .enumerate()
            .filter(|(_, (_, n))| *n > 0)
            .map(|(i, (sum, n))| (i, sum[c] as f32 / (*n as f32).sqrt()))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }
}

pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

static MODEL: OnceLock<Option<Model>> = OnceLock::new();

/// Installs the model the engine uses. The extension calls this once, before its first check,
/// with the weights file it ships; native builds need not (theirs is compiled in). Fails if a
/// model is already in use or the bytes are not a model for this engine.
pub fn install(bytes: &[u8]) -> Result<(), String> {
    let model = Model::parse(bytes)?;
    MODEL.set(Some(model)).map_err(|_| "a model is already installed".to_string())
}

/// The model in use, if any. Native builds use the compiled-in weights; a weights file that is
/// not a model for this engine leaves the rules to work alone (a test keeps the shipped one
/// current).
pub fn get() -> Option<&'static Model> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        MODEL.get_or_init(|| Model::parse(BUNDLED).ok()).as_ref()
    }
    #[cfg(target_arch = "wasm32")]
    {
        MODEL.get().and_then(Option::as_ref)
    }
}

/// The weights file, compiled into native builds.
#[cfg(not(target_arch = "wasm32"))]
pub const BUNDLED: &[u8] = include_bytes!("../../model/weights.bin");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleSet;
    use crate::{check, Options, Severity};

    fn probability(text: &str, category: Category) -> f32 {
        let model = get().expect("a model is shipped");
        let features = RuleSet::get().features(text, &Options::default());
        model.read(&features).post().expect("long enough")[category as usize]
    }

    #[test]
    fn the_shipped_weights_load_and_match_the_rules() {
        let model = Model::parse(BUNDLED).expect("model/weights.bin parses");
        assert_eq!(model.signature, RuleSet::get().signature, "model/weights.bin was trained on other signals: run scripts/train-model.sh");
        assert_eq!(Model::parse(&model.to_bytes()).unwrap(), model, "a weights file reads back as written");
        for h in &model.heads {
            assert!(h.veto <= h.caution, "{h:?}");
        }
    }

    #[test]
    fn other_bytes_are_refused() {
        assert!(Model::parse(b"").is_err());
        assert!(Model::parse(&BUNDLED[..BUNDLED.len() - 1]).is_err());
        let mut wrong = BUNDLED.to_vec();
        wrong[0] = b'X';
        assert!(Model::parse(&wrong).is_err());
    }

    /// One draft per category the model should read as risky, and a look-alike it should not.
    const KNOWN: [(Category, &str, &str); 5] = [
        (
            Category::Confidentiality,
            "the wee boy we moved to his new placement yesterday was in bits, his mum turned up drunk at contact again",
            "my own wee boy starts at his new school yesterday and was in bits, proud mum moment",
        ),
        (
            Category::Boundaries,
            "her son asked if I'd come round for dinner on my day off and I said aye, don't tell the office",
            "off to my sister's for dinner tonight, she's doing a roast, can't wait",
        ),
        (
            Category::Dignity,
            "honestly the state of the residents today, smelly old bats the lot of them, couldn't stop laughing at them",
            "honestly the state of my kitchen today, smelly dishes everywhere, couldn't stop laughing at myself",
        ),
        (
            Category::Reputation,
            "still steaming from last night, been to three visits already and can barely stand up, nobody noticed",
            "still buzzing from last night's gig, had a lie in and a big breakfast on my day off",
        ),
        (
            Category::Exposure,
            "on my own in the unit every Saturday night from 10 till 8, nobody else in the building at all",
            "lovely quiet Saturday night at home on my own, takeaway and a film, bliss",
        ),
    ];

    #[test]
    fn known_risky_and_harmless_drafts_per_category() {
        for (category, risky, harmless) in KNOWN {
            let (p, q) = (probability(risky, category), probability(harmless, category));
            assert!(p > q, "{category}: risky {p:.3} should score above harmless {q:.3}");
            let flagged = check(harmless, &Options::default()).findings;
            assert!(flagged.iter().all(|f| f.category != category), "{category}: harmless draft flagged ({q:.3}): {harmless}: {flagged:?}");
        }
    }

    #[test]
    fn the_workers_own_family_and_self_jokes_keep_the_model_quiet() {
        for (category, text) in [
            (Category::Confidentiality, "my own wee boy was in bits at his new school today, proud mum moment"),
            (Category::Dignity, "the state of me this morning, laughing at myself in the car park"),
        ] {
            let quiet = RuleSet::get().quiet_with(category);
            assert!(!quiet.is_empty(), "model/messages.toml: {category} has quiet_with signals");
            assert!(RuleSet::get().features(text, &Options::default()).holds_any(quiet), "{category}: {text}");
        }
    }

    #[test]
    fn findings_of_the_model_underline_a_clause_of_the_draft() {
        let mut seen = 0;
        for (_, risky, _) in KNOWN {
            for text in [risky.to_string(), format!("Hello.\u{200b} {risky} 😀 Right, off to bed.")] {
                for f in check(&text, &Options::default()).findings.iter().filter(|f| f.rule.ends_with(".learned")) {
                    seen += 1;
                    assert!(f.start < f.end && f.end <= text.len(), "{f:?}");
                    assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                    assert_eq!(text[f.start..f.end].trim(), &text[f.start..f.end], "no spaces at the ends");
                    assert_eq!(f.severity, Severity::Caution, "the model only cautions");
                    assert!(!f.why.is_empty() && !f.instead.is_empty() && !f.guidance.is_empty() && !f.code.is_empty());
                }
            }
        }
        assert!(seen > 0, "the model flags at least one of its known risky drafts");
    }

    #[test]
    fn findings_on_facts_stand_however_harmless_the_rest_reads() {
        let watch = Options::with_watchlist(["Ailsa Kerrigan"]);
        for (text, rule) in [
            ("Lovely walk along the shore with Ailsa Kerrigan this afternoon, what a day", "confidentiality.watched-full-name"),
            ("Ailsa's son phoned the office again about her care plan, bless him", "confidentiality.watched-name-with-detail"),
            ("lovely sunny afternoon, my lucky CHI 1904851231 apparently", "confidentiality.health-number"),
        ] {
            let rules = check(text, &watch).findings.iter().map(|f| f.rule).collect::<Vec<_>>();
            assert!(rules.contains(&rule), "{text}: {rules:?}");
            assert!(!RuleSet::get().is_overrulable(rule), "{rule}");
        }
        assert!(RuleSet::get().is_overrulable("confidentiality.watched-name"), "a first name alone may be a pet's");
    }

    #[test]
    fn a_plainly_risky_clause_keeps_its_finding_in_a_post_about_other_things() {
        let text = "Absolutely steaming on shift tonight lol, keysafe is 1938, text me on 07700 900123 if you need in";
        let rules = check(text, &Options::default()).findings.iter().map(|f| f.rule).collect::<Vec<_>>();
        assert!(rules.contains(&"reputation.intoxicated-at-work"), "{rules:?}");
    }

    #[test]
    fn affection_in_a_message_to_someone_not_on_the_list_keeps_its_caution() {
        let options = Options { context: crate::Context::Message, to: vec!["sarah.b".into()], ..Options::default() };
        let findings = check("Lovely to chat earlier miss you already x", &options).findings;
        assert!(findings.iter().any(|f| f.category == Category::Boundaries && f.severity == Severity::Caution), "{findings:?}");
    }

    #[test]
    fn a_short_draft_is_left_to_the_rules() {
        let features = RuleSet::get().features("CHI 1904851231 x", &Options::default());
        assert!(get().unwrap().read(&features).post().is_none());
    }
}
