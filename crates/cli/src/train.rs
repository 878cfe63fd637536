//! `postcare train`: fits the learned layer on labelled posts.
//!
//! Logistic regression, one head per category, over the engine's own features
//! ([`postcare_core::learned::features`]), fitted with AdaGrad and L2 regularisation. Everything is
//! deterministic (a fixed seed, one thread), so the same corpus always gives the same weights file.
//!
//! Thresholds are chosen by k-fold cross-validation on the training posts alone: each fold's posts
//! are scored by a model fitted on the others, and each category's `veto` and `caution` are the
//! pair that does best on those out-of-fold scores (see [`thresholds`]); then the gate's, the best
//! that keeps false alarms within the product's bar (see [`gate`]).

use postcare_core::eval::{self, LabelledPost, Scores};
use postcare_core::learned::{self, features::BITS, Features, Head, Model};
use postcare_core::rules::{self, RuleSet};
use postcare_core::{Category, Options};
use std::collections::BTreeSet;

const C: usize = Category::ALL.len();
/// Heads: one per category, then the gate (risky at all).
const H: usize = learned::HEADS;
const G: usize = learned::GATE;

#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    pub folds: usize,
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Params {
        Params { epochs: 12, rate: 0.3, l2: 3e-3, folds: 10, seed: 0x5eed }
    }
}

/// One training post, read once.
pub struct Example {
    features: Features,
    /// Distinct buckets with their weight in the post's score (count / sqrt(total)).
    values: Vec<(u32, f32)>,
    /// Per head: each category's label, then whether the post is risky at all.
    labels: [bool; H],
    /// Categories the rules flag with a finding the model cannot overrule.
    fixed: [bool; C],
    /// Categories the rules flag only with findings the model can overrule (readings, not facts).
    readings: [bool; C],
    /// The clauses holding those findings, per category.
    overrulable: [Vec<usize>; C],
    /// Categories the model may add a caution for (no `quiet_with` signal in the post).
    addable: [bool; C],
}

impl Example {
    /// What a model makes of this post (`None`: the draft is too short for it to have a say).
    fn score(&self, model: &Model) -> Option<Scored> {
        let reading = model.read(&self.features);
        let post = reading.post()?;
        let clause = std::array::from_fn(|c| self.overrulable[c].iter().map(|&s| reading.clause(s)[c]).fold(0.0, f32::max));
        Some(Scored { post, clause })
    }

    /// Whether rules and model together flag category `c`, as `check()` decides it.
    fn flagged(&self, c: usize, s: Option<&Scored>, t: &Thresholds, gate: f32) -> bool {
        match s {
            Some(Scored { post: p, clause }) => {
                self.fixed[c]
                    || (self.readings[c] && (clause[c] >= learned::CLAUSE_STANDS || p[c] >= t.caution))
                    || (p[G] >= gate && ((self.readings[c] && p[c] >= t.veto) || (self.addable[c] && p[c] >= t.caution)))
            }
            None => self.fixed[c] || self.readings[c],
        }
    }
}

/// What a model makes of one post: the probability of each category and of the gate, and per
/// category the highest score of a clause holding a finding the model may overrule.
#[derive(Debug, Clone, Copy)]
struct Scored {
    post: [f32; H],
    clause: [f32; C],
}

/// One category's thresholds.
#[derive(Debug, Clone, Copy)]
struct Thresholds {
    veto: f32,
    caution: f32,
}

pub fn examples(posts: &[LabelledPost]) -> Vec<Example> {
    let set = RuleSet::get();
    posts
        .iter()
        .map(|post| {
            let (text, options) = post.input();
            let features = set.features(text, &options);
            let mut sorted = features.buckets.clone();
            sorted.sort_unstable();
            let norm = if sorted.is_empty() { 0.0 } else { 1.0 / (sorted.len() as f32).sqrt() };
            let mut values: Vec<(u32, f32)> = Vec::new();
            for b in sorted {
                match values.last_mut() {
                    Some((last, v)) if *last == b => *v += norm,
                    _ => values.push((b, norm)),
                }
            }
            let findings = set.check_with(text, &options, None).findings;
            let overrulable = rules::overrulable_clauses(text, &features, &findings);
            let addable = Category::ALL.map(|c| !features.holds_any(set.quiet_with(c)));
            let fixed: BTreeSet<Category> = findings.iter().filter(|f| !set.is_overrulable(f.rule)).map(|f| f.category).collect();
            let any: BTreeSet<Category> = findings.iter().map(|f| f.category).collect();
            Example {
                features,
                values,
                labels: std::array::from_fn(|h| if h == G { !post.expect.is_empty() } else { post.expect.contains(&Category::ALL[h]) }),
                fixed: Category::ALL.map(|c| fixed.contains(&c)),
                readings: Category::ALL.map(|c| any.contains(&c) && !fixed.contains(&c)),
                overrulable,
                addable,
            }
        })
        .collect()
}

/// A small deterministic generator (xorshift64*), for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Fits weights (`[head][bucket]`) and biases on some examples: one head per category, then the
/// gate.
fn fit(examples: &[&Example], params: &Params) -> (Vec<Vec<f32>>, [f32; H]) {
    let buckets = 1usize << BITS;
    let mut w = vec![0f32; buckets * H];
    let mut g2 = vec![0f32; buckets * H];
    let mut bias = [0f32; H];
    let mut bias_g2 = [0f32; H];
    // Positive posts are rarer than negative ones for every head: weigh them up.
    let mut positive_weight = [1f32; H];
    for (c, pw) in positive_weight.iter_mut().enumerate() {
        let pos = examples.iter().filter(|e| e.labels[c]).count().max(1) as f32;
        let neg = (examples.len() as f32 - pos).max(1.0);
        *pw = (neg / pos).sqrt();
    }
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(params.seed | 1);
    for _ in 0..params.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let e = examples[i];
            let mut z = bias;
            for &(b, v) in &e.values {
                let row = &w[b as usize * H..][..H];
                for c in 0..H {
                    z[c] += row[c] * v;
                }
            }
            for c in 0..H {
                let y = e.labels[c];
                let g = (learned::sigmoid(z[c]) - if y { 1.0 } else { 0.0 }) * if y { positive_weight[c] } else { 1.0 };
                bias_g2[c] += g * g;
                bias[c] -= params.rate * g / bias_g2[c].sqrt().max(1e-6);
                for &(b, v) in &e.values {
                    let k = b as usize * H + c;
                    let grad = g * v + params.l2 * w[k];
                    g2[k] += grad * grad;
                    w[k] -= params.rate * grad / g2[k].sqrt().max(1e-6);
                }
            }
        }
    }
    let weights = (0..H).map(|c| (0..buckets).map(|b| w[b * H + c]).collect()).collect();
    (weights, bias)
}

fn model(examples: &[&Example], params: &Params, t: [Thresholds; C], gate: f32) -> Model {
    let (weights, bias) = fit(examples, params);
    let heads = std::array::from_fn(|h| {
        let (veto, caution) = if h == G { (gate, gate) } else { (t[h].veto, t[h].caution) };
        Head { bias: bias[h], scale: 1.0, veto, caution }
    });
    Model::quantise(RuleSet::get().signature, heads, &weights)
}

/// Out-of-fold probabilities for every example.
fn out_of_fold(examples: &[Example], params: &Params) -> Vec<Option<Scored>> {
    let mut fold_of: Vec<usize> = (0..examples.len()).map(|i| i % params.folds).collect();
    Rng(params.seed ^ 0xf01d | 1).shuffle(&mut fold_of);
    let mut out = vec![None; examples.len()];
    for k in 0..params.folds {
        let train: Vec<&Example> = examples.iter().zip(&fold_of).filter(|(_, &f)| f != k).map(|(e, _)| e).collect();
        let m = model(&train, params, [Thresholds { veto: 0.0, caution: 1.0 }; C], 0.0);
        for (i, e) in examples.iter().enumerate().filter(|(i, _)| fold_of[*i] == k) {
            out[i] = e.score(&m);
        }
    }
    out
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    if tp == 0 {
        0.0
    } else {
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    }
}

/// Each category's thresholds from out-of-fold scores: `veto` and `caution` together maximise F1
/// of rules and model on the training posts, among the settings that flag no more harmless posts
/// in the category than the rules alone do (a false alarm teaches a worker to post anyway, so the
/// model must pay for what it adds).
fn thresholds(examples: &[Example], oof: &[Option<Scored>]) -> [Thresholds; C] {
    std::array::from_fn(|c| {
        let rules_fp = examples.iter().filter(|e| !e.labels[c] && (e.fixed[c] || e.readings[c])).count();
        let mut best = (f64::MIN, Thresholds { veto: 0.0, caution: 1.0 });
        for veto_step in 0..=50 {
            for caution_step in 10..=95 {
                let t = Thresholds { veto: veto_step as f32 / 100.0, caution: caution_step as f32 / 100.0 };
                if t.veto > t.caution {
                    continue;
                }
                let (mut tp, mut fp, mut fn_) = (0, 0, 0);
                for (e, s) in examples.iter().zip(oof) {
                    match (e.labels[c], e.flagged(c, s.as_ref(), &t, 0.0)) {
                        (true, true) => tp += 1,
                        (false, true) => fp += 1,
                        (true, false) => fn_ += 1,
                        _ => {}
                    }
                }
                // Ties go to the lower veto (fewer rule findings overruled), then the higher
                // caution threshold (fewer additions).
                if fp > rules_fp {
                    continue;
                }
                let score = f1(tp, fp, fn_);
                if score > best.0 + 1e-12 || (score >= best.0 - 1e-12 && t.veto <= best.1.veto && t.caution > best.1.caution) {
                    best = (score, t);
                }
            }
        }
        best.1
    })
}

/// What rules and model flag on each post, for given thresholds.
fn flag_all(examples: &[Example], oof: &[Option<Scored>], t: &[Thresholds; C], gate: f32) -> Vec<Vec<Category>> {
    examples
        .iter()
        .zip(oof)
        .map(|(e, s)| Category::ALL.into_iter().filter(|&c| e.flagged(c as usize, s.as_ref(), &t[c as usize], gate)).collect())
        .collect()
}

/// The most harmless posts rules and model may flag, as a share: the product's bar. The gate is
/// chosen to keep the cross-validated false-alarm rate within it.
const MAX_FALSE_ALARMS: f64 = 0.05;

/// The gate's threshold from out-of-fold scores, with the categories' thresholds set: of those
/// that keep false alarms within [`MAX_FALSE_ALARMS`] on the training posts, the one that
/// maximises macro-F1 of rules and model (ties go to the higher gate, which overrules more and
/// adds less). When none does, the gate with the fewest false alarms.
fn gate(posts: &[LabelledPost], examples: &[Example], oof: &[Option<Scored>], t: &[Thresholds; C]) -> f32 {
    // Each gate with whether it is within the bar, and its merit: macro-F1 within the bar, fewer
    // false alarms outside it.
    let gates: Vec<(f32, bool, f64)> = (0..=80)
        .map(|step| {
            let g = step as f32 / 100.0;
            let flagged = flag_all(examples, oof, t, g);
            let scores = eval::score_sets(posts, |i, _| flagged[i].iter().copied().collect());
            let within = scores.false_alarm_rate() <= MAX_FALSE_ALARMS;
            (g, within, if within { scores.macro_f1() } else { -scores.false_alarm_rate() })
        })
        .collect();
    let within = gates.iter().any(|&(_, w, _)| w);
    let best = gates.iter().filter(|&&(_, w, _)| w == within).map(|&(_, _, m)| m).fold(f64::MIN, f64::max);
    gates.iter().rev().find(|&&(_, w, m)| w == within && m >= best - 1e-12).map_or(0.0, |&(g, _, _)| g)
}

/// Cross-validated figures on the training posts: rules alone, and rules with the model.
pub struct Trained {
    pub model: Model,
    pub rules_alone: Scores,
    pub cross_validated: Scores,
    /// What rules and model flag on each training post, cross-validated (in corpus order).
    pub flagged: Vec<Vec<Category>>,
}

/// Chooses thresholds (each category's, then the gate's) by cross-validation, then fits the model
/// on every example.
pub fn train(posts: &[LabelledPost], params: &Params) -> Trained {
    let examples = examples(posts);
    let oof = out_of_fold(&examples, params);
    let t = thresholds(&examples, &oof);
    let g = gate(posts, &examples, &oof, &t);
    let rules: Vec<Vec<Category>> =
        examples.iter().map(|e| Category::ALL.into_iter().filter(|&c| e.fixed[c as usize] || e.readings[c as usize]).collect()).collect();
    let flagged = flag_all(&examples, &oof, &t, g);
    let rules_alone = eval::score_sets(posts, |i, _| rules[i].iter().copied().collect());
    let cross_validated = eval::score_sets(posts, |i, _| flagged[i].iter().copied().collect());
    let all: Vec<&Example> = examples.iter().collect();
    Trained { model: model(&all, params, t, g), rules_alone, cross_validated, flagged }
}

/// Scores a corpus checked with rules and a given model.
pub fn score_with_model(posts: &[LabelledPost], model: &Model) -> Scores {
    eval::score_with(posts, |text, options: &Options| RuleSet::get().check_with(text, options, Some(model)))
}

/// The first `fraction` of the posts in a fixed shuffled order (for learning curves).
pub fn sample(posts: Vec<LabelledPost>, fraction: f64, seed: u64) -> Vec<LabelledPost> {
    let mut posts = posts;
    Rng(seed | 1).shuffle(&mut posts);
    let keep = ((posts.len() as f64) * fraction).round() as usize;
    posts.truncate(keep);
    posts
}
