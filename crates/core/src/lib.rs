//! The Post with Care guidance engine.
//!
//! [`check`] reads a draft post and returns [`Finding`]s: places where the draft may go against the
//! SSSC social media guidance or the SSSC Code of Practice for Social Service Workers. Everything
//! happens in memory; the engine has no I/O, so the same code runs natively (the `postcare` CLI) and
//! in WebAssembly (the browser extension).
//!
//! How it works, in three layers:
//! 1. [`text`] folds the draft into a searchable form (zero-width characters dropped, full-width
//!    digits and look-alike letters mapped) while remembering where every byte came from.
//! 2. Detectors find *signals*: validated identifiers ([`identifiers`]), people ([`people`]) and
//!    lexicon phrases ([`lexicon`], data in `rules/lexicons/*.toml`).
//! 3. Rules ([`rules`], data in `rules/*.toml`) combine signals into findings, each with its own
//!    kind, plain-English message and the guidance it rests on.
//!
//! Spans are UTF-8 byte offsets into the caller's text; [`Report::utf16_spans`] converts them for
//! JavaScript.

pub mod eval;
pub mod exif;
mod fnv;
pub mod guidance;
pub mod identifiers;
pub mod learned;
pub mod lexicon;
pub mod people;
pub mod rules;
pub mod signals;
pub mod text;

use serde::Serialize;
use std::fmt;

/// The five things the guidance asks a worker to think about before posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Information that identifies, or could identify, a person who uses services, their family or
    /// carers, or that discloses their care, health or circumstances.
    Confidentiality,
    /// Personal relationships or private contact with people who use services, their families or
    /// carers, or discussing their care with them over social media.
    Boundaries,
    /// Demeaning or mocking remarks about people who use services, carers or colleagues.
    Dignity,
    /// Posts that reflect badly on the worker, their employer or the profession.
    Reputation,
    /// The worker making themselves or their service unsafe or traceable.
    Exposure,
}

impl Category {
    /// Every category, in declaration order, so `category as usize` is its index here. This and
    /// [`Category::as_str`] are the one list of categories; everything else derives from them.
    pub const ALL: [Category; 5] =
        [Category::Confidentiality, Category::Boundaries, Category::Dignity, Category::Reputation, Category::Exposure];

    /// How many categories there are: the length of per-category arrays.
    pub const COUNT: usize = Category::ALL.len();

    /// The category's name in rules, settings, JSON and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Confidentiality => "confidentiality",
            Category::Boundaries => "boundaries",
            Category::Dignity => "dignity",
            Category::Reputation => "reputation",
            Category::Exposure => "exposure",
        }
    }

    pub fn parse(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How strongly a finding should interrupt the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a second look; shown inline but never holds a post back.
    Caution,
    /// A likely breach; the extension asks once more before the post goes out.
    Warn,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Caution => "caution",
            Severity::Warn => "warn",
        }
    }
}

/// One thing the worker should look at again.
///
/// The wording fields borrow from the rule set, which is parsed once and lives for the whole
/// program, so a finding costs no string copies beyond its suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `confidentiality.name-with-care-detail`.
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Start of the words that matter, as a UTF-8 byte offset into the checked text.
    pub start: usize,
    /// End (exclusive) of the words that matter, as a UTF-8 byte offset.
    pub end: usize,
    /// What was found, in a few words ("A name alongside details of someone's care").
    pub title: &'static str,
    /// The whole message in plain, kind English: what was found, why it matters, what to do.
    pub message: String,
    /// Why it matters.
    pub why: &'static str,
    /// What to do instead.
    pub instead: &'static str,
    /// The part of the SSSC social media guidance this rests on, by its heading.
    pub guidance: &'static str,
    /// The Code of Practice statements this rests on, quoted.
    pub code: Vec<&'static str>,
    /// Replacement text for the span, where a safe rewrite exists ("" means remove it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// True when the finding is about the post as a whole (who a message goes to, an attached
    /// photo) rather than any of its words; `start` and `end` are then both 0.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub about_post: bool,
    /// What this finding's context adds, which the rule's own wording cannot know: where a photo
    /// was taken, that a work group chat is not a secure system. Already part of `message`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Where the words are going.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    /// A post on the worker's own page or feed.
    #[default]
    Post,
    /// A comment or reply under someone else's post.
    Comment,
    /// A direct or private message, to one person or a group chat.
    Message,
}

/// What kind of file is attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttachmentKind {
    Image,
    Video,
}

/// A place on Earth in decimal degrees (north and east positive).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Gps {
    pub lat: f64,
    pub lon: f64,
}

impl Gps {
    /// The place in plain words, rounded to about a hundred metres: "55.953° N, 3.188° W".
    pub fn plain(&self) -> String {
        // Thousandths of a degree by integer arithmetic: formatting floats would add tens of
        // kilobytes to the WebAssembly engine.
        let part = |v: f64, positive: char, negative: char| {
            let milli = (v.abs() * 1000.0).round() as u64;
            format!("{}.{:03}° {}", milli / 1000, milli % 1000, if v < 0.0 { negative } else { positive })
        };
        format!("{}, {}", part(self.lat, 'N', 'S'), part(self.lon, 'E', 'W'))
    }
}

/// A photo or video attached to the post. The engine never sees the pixels: only that it is
/// there and what its metadata says (see [`exif`]).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Attachment {
    pub kind: AttachmentKind,
    /// Where the camera says the photo was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gps: Option<Gps>,
    /// When the camera says the photo was taken, as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken: Option<String>,
}

impl Attachment {
    pub fn new(kind: AttachmentKind) -> Attachment {
        Attachment { kind, gps: None, taken: None }
    }
}

/// A question the worker should ask themselves before posting, shown alongside the findings but
/// never counted as one: it is asked of every post that has the thing it is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prompt {
    /// Stable id, e.g. `photo-check`.
    pub id: &'static str,
    pub title: &'static str,
    pub message: &'static str,
}

/// The worker's settings.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Options {
    /// Names of people the worker supports. Matched case-insensitively, by first name alone, in
    /// the possessive, by surname with a title ("Mrs Kelly"), and by common short forms.
    pub watchlist: Vec<String>,
    /// Categories the worker has switched off. Empty means every category is checked.
    pub disabled: Vec<Category>,
    /// Whether this is a post, a comment or a private message.
    pub context: Context,
    /// For a message: who it goes to (display names), or the group chat's name.
    pub to: Vec<String>,
    /// Photos and videos attached to the post.
    pub attachments: Vec<Attachment>,
    /// The place the worker tagged the post with (the site's location tag or check-in), e.g.
    /// "Sunnyside Care Home, Paisley". Its words count towards a photo's care setting; they are
    /// never part of the text, so never underlined.
    pub location: Option<String>,
    /// Leave the learned layer out and check with the rules alone (for comparing the two).
    pub rules_only: bool,
}

impl Options {
    pub fn with_watchlist<I, S>(names: I) -> Options
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Options { watchlist: names.into_iter().map(Into::into).collect(), ..Options::default() }
    }

    pub fn is_enabled(&self, category: Category) -> bool {
        !self.disabled.contains(&category)
    }
}

/// Everything [`check`] found in one draft, ordered by position.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Questions for the worker that are not findings (the photo check).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<Prompt>,
}

impl Report {
    /// Each finding's span converted from UTF-8 byte offsets to UTF-16 code units, the unit
    /// JavaScript strings and DOM ranges use. `text` must be the text that was checked.
    pub fn utf16_spans(&self, text: &str) -> Vec<(usize, usize)> {
        let to_utf16 = text::Utf16Index::new(text);
        self.findings.iter().map(|f| (to_utf16.at(f.start), to_utf16.at(f.end))).collect()
    }
}

/// Check one draft post against the guidance.
///
/// Never panics and runs in time linear in the length of `text`.
pub fn check(text: &str, options: &Options) -> Report {
    rules::RuleSet::get().check(text, options)
}
