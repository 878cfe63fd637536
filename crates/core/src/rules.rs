//! Rules: data a trainer can read and change (`rules/*.toml`), compiled once.
//!
//! A rule says which signal to underline (`at`), what else must be nearby (`with`), what rules it
//! out (`without`, `without_anywhere`, `not_after`, `not_before`), what must come just before it
//! (`after`), and what to tell the worker. `overrulable = true` lets the learned layer overrule a
//! finding on a watch-list name or a photo when the post reads as harmless (see
//! [`RuleSource::overrulable`]). For example:
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
//! Every rule's examples run as tests (`cargo test -p postcare-core rule_examples`, or one rule's: `rule_examples::confidentiality::case_talk`). An
//! example
//! can be a table that sets the context it is checked in:
//! `{ text = "miss you x", context = "message", to = ["Jordan Mackie"], attachments = [{ kind = "image" }] }`;
//! `examples.context`, `examples.to`, `examples.attachments`, `examples.location` and
//! `examples.watchlist` set it for all of a rule's examples.
//!
//! Besides rules, a file may hold, for a signal about the whole post (`when`):
//! - `[[prompt]]` (`id`, `when`, `title`, `text`): a question asked of every post where the
//!   signal is present (the photo check), shown with the findings but never one of them;
//! - `[[note]]` (`when`, `categories = "a, b"`, `text`): a sentence added to every finding in
//!   those categories ("Work group chats are not a secure system").
//!
//! A rule's `detail` is a sentence about this post in particular; `{location}` in it stands for
//! where the attached photos say they were taken.

use crate::guidance::Guidance;
use crate::learned::{self, Features};
use crate::lexicon::{LexiconFile, Lexicons};
use crate::people::Watchlist;
use crate::signals::{self, PostContext, Signals, Span};
use crate::text::Folded;
use crate::{Attachment, Category, Context, Finding, Options, Prompt, Report, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

// RULE_FILES and LEXICON_FILES: every `rules/*.toml` but guidance.toml, and every
// `rules/lexicons/*.toml`, found by build.rs. Native builds compile them in. The WebAssembly
// engine is handed them once at start-up ([`install_files`], from the file `postcare rules-bundle`
// writes), beside its weights, so the module the extension ships carries code, not data.
#[cfg(not(target_arch = "wasm32"))]
include!(concat!(env!("OUT_DIR"), "/rule_files.rs"));

/// Rule or lexicon files: each one's path under `rules/` and its text.
pub type Files = Vec<(&'static str, &'static str)>;

/// The rule and lexicon files as one text (`postcare rules-bundle`): for each file, "R" or "L",
/// its path and its text, each followed by a NUL.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundle() -> String {
    let tagged = RULE_FILES.iter().map(|f| ("R", f)).chain(LEXICON_FILES.iter().map(|f| ("L", f)));
    tagged.map(|(tag, (path, text))| format!("{tag}\0{path}\0{text}\0")).collect()
}

/// Reads a bundle made by [`bundle`] into rule files and lexicon files.
pub fn parse_bundle(bundle: &'static str) -> Result<(Files, Files), String> {
    let parts: Vec<&'static str> = bundle.split('\0').collect();
    if parts.last() != Some(&"") || parts.len() % 3 != 1 {
        return Err("not a rules bundle".into());
    }
    let (mut rules, mut lexicons) = (Vec::new(), Vec::new());
    for entry in parts[..parts.len() - 1].chunks(3) {
        match entry[0] {
            "R" => rules.push((entry[1], entry[2])),
            "L" => lexicons.push((entry[1], entry[2])),
            other => return Err(format!("rules bundle: unknown entry {other:?}")),
        }
    }
    Ok((rules, lexicons))
}

static INSTALLED: OnceLock<(Files, Files)> = OnceLock::new();

/// Hands the engine its rule and lexicon files, once, before its first check: how the
/// WebAssembly engine gets them. (Native builds have them compiled in, and use files handed to
/// them instead only if they come before the first check.)
pub fn install_files(bundle: &str) -> Result<(), String> {
    let files = parse_bundle(Box::leak(bundle.to_owned().into_boxed_str()))?;
    INSTALLED.set(files).map_err(|_| "rules are already installed".to_string())
}

/// Whether the engine has its rules: always natively, once installed in WebAssembly.
pub fn files_installed() -> bool {
    INSTALLED.get().is_some() || cfg!(not(target_arch = "wasm32"))
}

fn files() -> (Files, Files) {
    if let Some(files) = INSTALLED.get() {
        return files.clone();
    }
    #[cfg(target_arch = "wasm32")]
    {
        (Vec::new(), Vec::new())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        (RULE_FILES.to_vec(), LEXICON_FILES.to_vec())
    }
}

/// The lexicon that tells a work group chat by its name ("Night shift", "Brae House staff").
/// It is matched against who a message goes to, not the words of the post.
pub const WORK_GROUP_LEXICON: &str = "work_group";

/// The lexicon that tells a care setting in the place the worker tagged (the site's location tag:
/// "Sunnyside Care Home, Paisley"). It is matched against the location, not the words of the post;
/// a location that matches the watch-list counts too.
pub const TAGGED_SETTING_LEXICON: &str = "care_place";

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
    pub must_match: Vec<Example>,
    /// Drafts this rule must leave alone.
    #[serde(default, rename = "no_match")]
    pub must_not_match: Vec<Example>,
    /// Watch-list to use while checking the examples.
    #[serde(default)]
    pub watchlist: Vec<String>,
    /// Context, recipients and attachments to check the examples with.
    #[serde(default)]
    pub context: Context,
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(default)]
    pub location: Option<String>,
}

/// One example draft: its text alone, or its text with the context it is checked in.
#[derive(Debug)]
pub enum Example {
    Text(String),
    InContext(ExampleInContext),
}

// By hand rather than `#[serde(untagged)]`, whose buffering code would add tens of kilobytes
// to the WebAssembly engine.
impl<'de> Deserialize<'de> for Example {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Example, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Example;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a draft, or a table with its text and context")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Example, E> {
                Ok(Example::Text(text.to_string()))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, map: M) -> Result<Example, M::Error> {
                ExampleInContext::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Example::InContext)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleInContext {
    pub text: String,
    pub context: Option<Context>,
    pub to: Option<Vec<String>>,
    pub attachments: Option<Vec<Attachment>>,
    pub location: Option<String>,
    pub watchlist: Option<Vec<String>>,
}

impl Examples {
    /// An example's text and the options to check it with.
    pub fn input<'e>(&self, example: &'e Example) -> (&'e str, Options) {
        let mut options = Options {
            watchlist: self.watchlist.clone(),
            context: self.context,
            to: self.to.clone(),
            attachments: self.attachments.clone(),
            location: self.location.clone(),
            ..Options::default()
        };
        match example {
            Example::Text(text) => (text, options),
            Example::InContext(e) => {
                options.context = e.context.unwrap_or(options.context);
                options.to = e.to.clone().unwrap_or(options.to);
                options.attachments = e.attachments.clone().unwrap_or(options.attachments);
                options.watchlist = e.watchlist.clone().unwrap_or(options.watchlist);
                options.location = e.location.clone().or(options.location);
                (&e.text, options)
            }
        }
    }
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
    /// Signal kinds that rule the finding out when present anywhere in the post, whatever the
    /// rule's scope ("I can't accept friend requests from families" two sentences on).
    #[serde(default)]
    pub without_anywhere: Vec<String>,
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
    /// A sentence about this post in particular, added to the message (see the module comment).
    #[serde(default)]
    pub detail: Option<String>,
    /// `overrulable = true`: the learned layer may overrule this rule's findings although they
    /// are anchored on a watch-list name or an attached photo, when the post reads as harmless (a
    /// name on the list can be a pet's, a footballer's or the worker's own child's; the photo
    /// check is asked of every photo anyway). Findings on identifiers with a fixed form always
    /// stand.
    #[serde(default)]
    pub overrulable: bool,
    /// Read natively, where the examples run as tests; skipped unread in the WebAssembly
    /// engine, which never uses them (their parsing code would add tens of kilobytes).
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default)]
    pub examples: Examples,
    #[cfg(target_arch = "wasm32")]
    #[serde(default)]
    pub examples: serde::de::IgnoredAny,
}

/// Words shown because of what is true of the whole post (a signal in [`signals::CONTEXT`]):
/// a `[[prompt]]` (`id`, `when`, `title`, `text`) asked of every such post, or a `[[note]]`
/// (`when`, `categories`, `text`) added to its findings in those categories.
#[derive(Debug)]
pub struct ContextText {
    pub id: String,
    /// The signal kind about the whole post that brings these words (`attachment`).
    pub when: usize,
    pub title: String,
    pub categories: Vec<Category>,
    pub text: String,
}

/// A prompt or note as written: a table of strings, with `categories` separated by commas. Read
/// as a map rather than a struct of its own, which would add kilobytes to the WebAssembly engine.
type ContextTextSource = BTreeMap<String, String>;

impl ContextText {
    fn compile(mut source: ContextTextSource, keys: &[&str], what: &str) -> Result<ContextText, String> {
        if let Some(unknown) = source.keys().find(|k| !keys.contains(&k.as_str())) {
            return Err(format!("{what}: unknown key {unknown:?}"));
        }
        let mut take = |key: &str| source.remove(key).unwrap_or_default().trim().to_string();
        let (id, when, title, categories, text) = (take("id"), take("when"), take("title"), take("categories"), take("text"));
        let when = signals::context_id(&when).ok_or_else(|| format!("{what}: {when:?} is not a signal about the whole post"))?;
        let categories = categories
            .split(',')
            .filter(|c| !c.trim().is_empty())
            .map(|c| Category::parse(c).ok_or_else(|| format!("{what}: unknown category {c:?}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ContextText { id, when, title, categories, text })
    }
}

#[derive(Deserialize)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<RuleSource>,
    #[serde(default)]
    prompt: Vec<ContextTextSource>,
    #[serde(default)]
    note: Vec<ContextTextSource>,
}

/// A rule with its signal names resolved to ids and its wording ready to hand out.
pub struct Rule {
    pub source: RuleSource,
    at: Vec<usize>,
    with: Vec<Vec<usize>>,
    without: Vec<usize>,
    without_anywhere: Vec<usize>,
    not_after: Vec<usize>,
    not_before: Vec<usize>,
    after: Vec<usize>,
    /// Anchored on readings of the text only (lexicon phrases, names guessed from capitals, ages,
    /// a private message), never on a fact ([`signals::DEFINITE`]), or marked `overrulable` in its
    /// file: the learned layer may overrule it (see [`crate::learned`]).
    pub overrulable: bool,
    guidance_title: String,
    code_text: Vec<String>,
    message: String,
}

/// What the worker is told when the learned layer flags a category (`model/messages.toml`).
pub const LEARNED_MESSAGES: &str = include_str!("../model/messages.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LearnedWordingSource {
    category: Category,
    title: String,
    why: String,
    instead: String,
    guidance: String,
    code: Vec<String>,
    /// Signals (lexicon names) that keep the model from adding a finding in this category to a
    /// post where they are found: "own_family" for confidentiality, as the rules do.
    #[serde(default)]
    quiet_with: Vec<String>,
}

#[derive(Deserialize)]
struct LearnedWordingFile {
    category: Vec<LearnedWordingSource>,
}

/// The wording of the learned layer's findings for one category, ready to hand out.
struct LearnedWording {
    id: String,
    source: LearnedWordingSource,
    guidance_title: String,
    code_text: Vec<String>,
    message: String,
    /// The feature buckets of the `quiet_with` signals.
    quiet_with: Vec<u32>,
}

/// All rules and lexicons, compiled.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub prompts: Vec<ContextText>,
    pub notes: Vec<ContextText>,
    lexicons: Lexicons,
    /// Index of [`WORK_GROUP_LEXICON`] among the lexicons.
    work_group: usize,
    /// Index of [`TAGGED_SETTING_LEXICON`] among the lexicons.
    tagged_setting: usize,
    /// Signal names by id: built-in detectors first, then lexicons.
    pub signal_names: Vec<String>,
    /// Fingerprint of the learned layer's features; a model trained on others is not used.
    pub signature: u64,
    /// The learned layer's wording, by category.
    learned: Vec<LearnedWording>,
}

/// How far before the underlined words a `not_after` or `after` signal may end ("my wee boy
/// Jack"), and how far after them a `not_before` signal may start.
const NOT_AFTER_REACH: usize = 12;

impl RuleSet {
    /// The rule set, parsed and compiled on first use (in WebAssembly, after [`install_files`]).
    pub fn get() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(|| {
            let (rules, lexicons) = files();
            RuleSet::compile(&rules, &lexicons).unwrap_or_else(|e| panic!("{e}"))
        })
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
            signal_names.iter().position(|n| n == name.trim()).ok_or_else(|| format!("rule {rule}: unknown signal {name:?}"))
        };
        let work_group = lexicon_sources
            .iter()
            .position(|(n, _)| n == WORK_GROUP_LEXICON)
            .ok_or_else(|| format!("lexicon {WORK_GROUP_LEXICON} is missing"))?;
        let tagged_setting = lexicon_sources
            .iter()
            .position(|(n, _)| n == TAGGED_SETTING_LEXICON)
            .ok_or_else(|| format!("lexicon {TAGGED_SETTING_LEXICON} is missing"))?;
        let mut rules = Vec::new();
        let (mut prompts, mut notes) = (Vec::new(), Vec::new());
        for (path, source) in rule_files {
            let file: RuleFile = toml::from_str(source).map_err(|e| format!("rules/{path}: {e}"))?;
            for p in file.prompt {
                prompts.push(ContextText::compile(p, &["id", "when", "title", "text"], &format!("rules/{path}: prompt"))?);
            }
            for n in file.note {
                notes.push(ContextText::compile(n, &["when", "categories", "text"], &format!("rules/{path}: note"))?);
            }
            for r in file.rule {
                let ids = |names: &[String]| -> Result<Vec<usize>, String> {
                    names.iter().flat_map(|n| n.split('|')).map(|n| id_of(n, &r.id)).collect()
                };
                let at = ids(&r.at)?;
                let with = r.with.iter().map(|alts| ids(std::slice::from_ref(alts))).collect::<Result<_, _>>()?;
                let without = ids(&r.without)?;
                let without_anywhere = ids(&r.without_anywhere)?;
                let not_after = ids(&r.not_after)?;
                let not_before = ids(&r.not_before)?;
                let after = ids(&r.after)?;
                let area = guidance.area(&r.guidance).ok_or_else(|| format!("rule {}: unknown guidance area {:?}", r.id, r.guidance))?;
                let code_text = r
                    .code
                    .iter()
                    .map(|c| {
                        guidance.statement(c).map(|s| s.text.clone()).ok_or_else(|| format!("rule {}: unknown Code statement {c:?}", r.id))
                    })
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
                let on_fact = |id: &usize| signals::DEFINITE.contains(&signal_names[*id].as_str());
                let may_be_overruled = |id: &usize| ["watched_name", "attachment"].contains(&signal_names[*id].as_str());
                if r.overrulable && at.iter().filter(|id| on_fact(id)).any(|id| !may_be_overruled(id)) {
                    return Err(format!(
                        "rule {}: only findings on a watch-list name or a photo may be marked overrulable; other facts always stand",
                        r.id
                    ));
                }
                let overrulable = r.overrulable || !at.iter().any(on_fact);
                rules.push(Rule {
                    at,
                    with,
                    without,
                    without_anywhere,
                    not_after,
                    not_before,
                    after,
                    overrulable,
                    guidance_title: area.title.clone(),
                    code_text,
                    message,
                    source: r,
                });
            }
        }
        // Warnings before cautions (each in file order), so a span that merits a warning is
        // never claimed first by a caution in the same category.
        rules.sort_by_key(|r| std::cmp::Reverse(r.source.severity));

        let file: LearnedWordingFile = toml::from_str(LEARNED_MESSAGES).map_err(|e| format!("model/messages.toml: {e}"))?;
        let mut sources = file.category;
        let mut learned = Vec::new();
        for c in Category::ALL {
            let at = sources.iter().position(|w| w.category == c).ok_or_else(|| format!("model/messages.toml: no wording for {c}"))?;
            let source = sources.swap_remove(at);
            let area = guidance
                .area(&source.guidance)
                .ok_or_else(|| format!("model/messages.toml: unknown guidance area {:?}", source.guidance))?;
            let code_text = source
                .code
                .iter()
                .map(|k| {
                    guidance
                        .statement(k)
                        .map(|s| s.text.clone())
                        .ok_or_else(|| format!("model/messages.toml: unknown Code statement {k:?}"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let message = format!("{} {} {}", with_full_stop(&source.title), source.why.trim(), source.instead.trim());
            let quiet_with = source
                .quiet_with
                .iter()
                .map(|name| {
                    signal_names
                        .contains(name)
                        .then(|| learned::features::signal_bucket(name))
                        .ok_or_else(|| format!("model/messages.toml: {c}: unknown signal {name:?}"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            learned.push(LearnedWording {
                id: format!("{c}.learned"),
                guidance_title: area.title.clone(),
                code_text,
                message,
                source,
                quiet_with,
            });
        }
        let signature = learned::signature(&signal_names);
        Ok(RuleSet { rules, prompts, notes, lexicons, work_group, tagged_setting, signal_names, signature, learned })
    }

    /// Which signals about the whole post hold, in [`signals::CONTEXT`] order.
    fn context(&self, options: &Options, watchlist: &Watchlist) -> PostContext {
        let in_message = options.context == Context::Message;
        let holds = |name: &str, lexicon: usize| {
            let folded = Folded::new(name);
            self.lexicons.find(folded.as_str(), &[]).iter().any(|h| h.lexicon == lexicon)
        };
        let names_a_work_group = |name: &String| holds(name, self.work_group);
        let tagged_care_setting =
            options.location.as_deref().is_some_and(|place| holds(place, self.tagged_setting) || watchlist.matches_name(place));
        [
            in_message,
            options.to.iter().any(|name| watchlist.matches_name(name)),
            (in_message && options.to.len() > 1) || options.to.iter().any(names_a_work_group),
            !options.attachments.is_empty(),
            options.attachments.iter().any(|a| a.gps.is_some()),
            tagged_care_setting,
        ]
    }

    /// The feature buckets of signals that keep the learned layer from adding a finding in
    /// `category` (`quiet_with` in `model/messages.toml`).
    pub fn quiet_with(&self, category: Category) -> &[u32] {
        &self.learned[category as usize].quiet_with
    }

    /// Whether the rule with this id rests on readings only, so the learned layer may overrule it.
    pub fn is_overrulable(&self, rule: &str) -> bool {
        self.rules.iter().any(|r| r.overrulable && r.source.id == rule)
    }

    /// Who a message goes to, as the learned layer reads it (nothing for a post or comment).
    fn recipients<'o>(&self, options: &'o Options) -> &'o [String] {
        if options.context == Context::Message {
            &options.to
        } else {
            &[]
        }
    }

    /// The learned layer's features for one draft: the one extraction training and checking share.
    pub fn features(&'static self, text: &str, options: &Options) -> Features {
        let folded = Folded::new(text);
        let watchlist = Watchlist::new(&options.watchlist);
        let context = self.context(options, &watchlist);
        let signals = Signals::collect(folded.as_str(), &self.lexicons, self.signal_names.len(), &watchlist, &context);
        Features::extract(folded.as_str(), &signals, &self.signal_names, self.recipients(options))
    }

    /// Checks a draft with the rules and the installed learned layer.
    pub fn check(&'static self, text: &str, options: &Options) -> Report {
        self.check_with(text, options, learned::get())
    }

    /// Checks a draft with the rules and a given learned layer (`None`: rules alone). A model
    /// trained on other features than this rule set's is not used.
    pub fn check_with(&'static self, text: &str, options: &Options, model: Option<&learned::Model>) -> Report {
        let folded = Folded::new(text);
        let watchlist = Watchlist::new(&options.watchlist);
        let context = self.context(options, &watchlist);
        let signals = Signals::collect(folded.as_str(), &self.lexicons, self.signal_names.len(), &watchlist, &context);
        let mut findings: Vec<Finding> = Vec::new();
        // Spans already flagged, per category: a span is flagged once per category, by the
        // first rule (in file order) that holds there. Non-overlapping, keyed by start.
        let mut flagged: [BTreeMap<usize, usize>; Category::COUNT] = Default::default();
        for rule in &self.rules {
            if !options.is_enabled(rule.source.category) {
                continue;
            }
            for &kind in &rule.at {
                for &anchor in signals.spans(kind) {
                    if !rule.holds(&signals, anchor) {
                        continue;
                    }
                    if anchor == signals::WHOLE_POST {
                        // About the post as a whole: it claims no words, so it never stands
                        // in the way of a finding about them.
                        findings.push(rule.finding(0, 0, true, options));
                        continue;
                    }
                    let (start, end) = folded.to_original(anchor.start, anchor.end);
                    let spans = &mut flagged[rule.source.category as usize];
                    let overlaps_before = spans.range(..end).next_back().is_some_and(|(_, &e)| e > start);
                    if overlaps_before {
                        continue;
                    }
                    spans.insert(start, end.max(start + 1));
                    findings.push(rule.finding(start, end, false, options));
                }
            }
        }
        if !options.rules_only {
            if let Some(model) = model.filter(|m| m.signature == self.signature) {
                self.learned_layer(model, &folded, &signals, options, &mut findings);
            }
        }
        for note in &self.notes {
            if !signals.spans(note.when).is_empty() {
                for f in findings.iter_mut().filter(|f| note.categories.contains(&f.category)) {
                    f.add_detail(&note.text);
                }
            }
        }
        findings.sort_by_key(|f| (f.start, f.end, f.category));
        let prompts = self
            .prompts
            .iter()
            .filter(|p| !signals.spans(p.when).is_empty())
            .map(|p| Prompt { id: &p.id, title: &p.title, message: &p.text })
            .collect();
        Report { findings, prompts }
    }

    /// The learned layer's part (how rules and model combine is set out in [`crate::learned`]):
    /// it overrules a finding that rests on readings when the post scores under the category's
    /// `veto`, or, on a post the gate reads as harmless, under its `caution`; a finding whose own
    /// clause reads as plainly risky ([`learned::CLAUSE_STANDS`]) stands either way.
    /// Then, for each category left unflagged, it adds a caution on the clause that weighs most
    /// when the post scores at or over its `caution`.
    fn learned_layer(
        &'static self,
        model: &learned::Model,
        folded: &Folded,
        signals: &Signals,
        options: &Options,
        findings: &mut Vec<Finding>,
    ) {
        let features = Features::extract(folded.as_str(), signals, &self.signal_names, self.recipients(options));
        let reading = model.read(&features);
        let Some(probabilities) = reading.post() else { return };
        let harmless = probabilities[learned::GATE] < model.heads[learned::GATE].veto;
        // A reading stands when the post scores at or over the category's veto, and the gate reads
        // the post as risky or the category's own head would caution about it unprompted.
        let stands = |f: &Finding| {
            let (p, head) = (probabilities[f.category as usize], &model.heads[f.category as usize]);
            p >= head.veto && (!harmless || p >= head.caution)
        };
        if findings.iter().any(|f| self.is_overrulable(f.rule) && !stands(f)) {
            let starts = clause_starts(folded, &features);
            findings.retain(|f| {
                !self.is_overrulable(f.rule)
                    || stands(f)
                    || clause_of(&starts, f).is_some_and(|s| reading.clause(s)[f.category as usize] >= learned::CLAUSE_STANDS)
            });
        }
        if harmless {
            return;
        }
        for c in Category::ALL {
            let head = &model.heads[c as usize];
            let p = probabilities[c as usize];
            if p < head.caution || !options.is_enabled(c) || findings.iter().any(|f| f.category == c) {
                continue;
            }
            if features.holds_any(self.quiet_with(c)) {
                continue;
            }
            let Some(clause) = reading.best_clause(c) else { continue };
            let (s, e) = features.clauses[clause];
            let part = &folded.as_str()[s..e];
            let s = s + (part.len() - part.trim_start().len());
            let e = e - (part.len() - part.trim_end().len());
            if s >= e {
                continue;
            }
            let (start, end) = folded.to_original(s, e);
            let w = &self.learned[c as usize];
            findings.push(Finding {
                rule: &w.id,
                category: c,
                severity: Severity::Caution,
                start,
                end,
                title: &w.source.title,
                message: w.message.clone(),
                why: &w.source.why,
                instead: &w.source.instead,
                guidance: &w.guidance_title,
                code: w.code_text.iter().map(String::as_str).collect(),
                suggestion: None,
                about_post: false,
                detail: None,
            });
        }
    }
}

/// Where each of the model's clauses starts in the original text.
fn clause_starts(folded: &Folded, features: &Features) -> Vec<usize> {
    features.clauses.iter().map(|&(s, e)| folded.to_original(s, e).0).collect()
}

/// The clause (index into `starts`) a finding sits in; `None` for a finding about the whole post.
fn clause_of(starts: &[usize], finding: &Finding) -> Option<usize> {
    (!finding.about_post && !starts.is_empty()).then(|| starts.partition_point(|&s| s <= finding.start).saturating_sub(1))
}

/// For each category, the clauses holding a finding the learned layer may overrule
/// (`postcare train` weighs them as [`RuleSet::check`] does).
pub fn overrulable_clauses(text: &str, features: &Features, findings: &[Finding]) -> [Vec<usize>; Category::COUNT] {
    let set = RuleSet::get();
    let starts = clause_starts(&Folded::new(text), features);
    let mut out: [Vec<usize>; Category::COUNT] = Default::default();
    for f in findings.iter().filter(|f| set.is_overrulable(f.rule)) {
        if let Some(s) = clause_of(&starts, f) {
            out[f.category as usize].push(s);
        }
    }
    out
}

fn with_full_stop(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
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
        if present(&self.without) || self.without_anywhere.iter().any(|&k| !signals.spans(k).is_empty()) {
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

    fn finding(&'static self, start: usize, end: usize, about_post: bool, options: &Options) -> Finding {
        let r = &self.source;
        let mut finding = Finding {
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
            about_post,
            detail: None,
        };
        if let Some(detail) = &r.detail {
            finding.add_detail(&detail.replace("{location}", &photo_locations(&options.attachments)));
        }
        finding
    }
}

impl Finding {
    /// Adds a sentence about this post in particular, to `detail` and to the message.
    fn add_detail(&mut self, sentence: &str) {
        self.message = format!("{} {sentence}", self.message);
        self.detail = Some(match self.detail.take() {
            Some(d) => format!("{d} {sentence}"),
            None => sentence.to_string(),
        });
    }
}

/// Where the attached photos say they were taken, in plain words: "55.953° N, 3.188° W (taken
/// on 1 May 2024)".
fn photo_locations(attachments: &[Attachment]) -> String {
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let places: Vec<String> = attachments
        .iter()
        .filter_map(|a| {
            let place = a.gps?.plain();
            let date = a.taken.as_deref().and_then(|t| {
                let (y, m, d) = (t.get(..4)?, t.get(5..7)?.parse::<usize>().ok()?, t.get(8..10)?.parse::<u32>().ok()?);
                Some(format!("{d} {} {y}", MONTHS.get(m.checked_sub(1)?)?))
            });
            Some(match date {
                Some(date) => format!("{place} (taken on {date})"),
                None => place,
            })
        })
        .collect();
    places.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_bundle_reads_back_as_the_compiled_in_files() {
        let (rules, lexicons) = parse_bundle(Box::leak(bundle().into_boxed_str())).unwrap();
        assert_eq!(rules, RULE_FILES);
        assert_eq!(lexicons, LEXICON_FILES);
        assert!(parse_bundle("R\0a.toml\0").is_err());
        assert!(parse_bundle("X\0a.toml\0text\0").is_err());
    }

    #[test]
    fn facts_are_detector_signals_and_their_findings_stand() {
        let set = RuleSet::get();
        for name in signals::DEFINITE {
            assert!(signals::builtin_names().contains(&name), "{name} is not a detector signal");
        }
        let overrulable = |id: &str| set.rules.iter().find(|r| r.source.id == id).unwrap_or_else(|| panic!("no rule {id}")).overrulable;
        assert!(!overrulable("confidentiality.watched-name-with-detail"), "a watch-list name with details of care is a fact");
        assert!(overrulable("confidentiality.watched-name"), "a watch-list name alone may be someone else's");
        assert!(overrulable("confidentiality.name-with-care-detail"), "a name guessed from capitals is a reading");
        assert!(set.rules.iter().any(|r| !r.overrulable && r.at.iter().any(|&id| set.signal_names[id] == "chi_number")));
    }

    #[test]
    fn every_lexicon_is_used_by_a_rule_or_the_learned_layer() {
        let set = RuleSet::get();
        let first_lexicon = signals::builtin_names().len();
        for (id, name) in set.signal_names.iter().enumerate().skip(first_lexicon) {
            let used = name == WORK_GROUP_LEXICON
                || name == TAGGED_SETTING_LEXICON
                || Category::ALL.iter().any(|&c| set.quiet_with(c).contains(&learned::features::signal_bucket(name)))
                || set.rules.iter().any(|r| {
                    r.at.contains(&id)
                        || r.with.iter().any(|w| w.contains(&id))
                        || r.without.contains(&id)
                        || r.without_anywhere.contains(&id)
                        || r.not_after.contains(&id)
                        || r.not_before.contains(&id)
                        || r.after.contains(&id)
                });
            assert!(used, "lexicon {name} is not used by any rule");
        }
    }
}

/// One test per rule, generated by build.rs from the rule files.
#[cfg(test)]
mod rule_examples {
    use super::*;

    /// The rule's own examples: its must-match drafts trigger it, its must-not-match drafts don't.
    fn check_examples(id: &str) {
        let set = RuleSet::get();
        let r = &set.rules.iter().find(|r| r.source.id == id).unwrap_or_else(|| panic!("no rule {id}")).source;
        assert!(!r.examples.must_match.is_empty(), "rule {id} has no must-match examples");
        assert!(!r.examples.must_not_match.is_empty(), "rule {id} has no must-not-match examples");
        // The rule as written, without the learned layer (which may overrule a rule on a
        // post it reads as harmless; its own tests are in crate::learned).
        let flags = |example: &Example| {
            let (text, options) = r.examples.input(example);
            set.check_with(text, &options, None).findings.iter().any(|f| f.rule == id)
        };
        let mut failures = Vec::new();
        failures.extend(r.examples.must_match.iter().filter(|t| !flags(t)).map(|t| format!("should match: {t:?}")));
        failures.extend(r.examples.must_not_match.iter().filter(|t| flags(t)).map(|t| format!("should not match: {t:?}")));
        assert!(failures.is_empty(), "rule {id}: {} example(s) failed:\n{}", failures.len(), failures.join("\n"));
    }

    include!(concat!(env!("OUT_DIR"), "/rule_example_tests.rs"));

    #[test]
    fn every_rule_has_its_own_test() {
        let mut parsed: Vec<&str> = RuleSet::get().rules.iter().map(|r| r.source.id.as_str()).collect();
        let mut generated = RULE_IDS.to_vec();
        parsed.sort_unstable();
        generated.sort_unstable();
        assert_eq!(parsed, generated, "build.rs reads rule ids from `id = \"…\"` lines; write each rule's id that way");
    }
}
