//! Signals: everything the detectors found in one draft, by kind, ready for rules to combine.
//!
//! A signal kind is a name rules use: a built-in detector (`chi_number`, `person_name`, …) or a
//! lexicon (`care_context`, `own_family`, …). Kinds are numbered once when the rule set loads.
//!
//! A few kinds describe the post as a whole rather than its words ([`CONTEXT`]): that it is a
//! private message, who it goes to, what is attached, where the worker tagged it. Rules use them in `with` and `without`
//! like any other kind, and a rule anchored on one (`at`) gives a finding about the whole post.

use crate::identifiers::{self, IdKind};
use crate::lexicon::Lexicons;
use crate::people::{self, PersonKind, Watchlist};
use crate::text;

/// A byte range of the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Names of the built-in detector signals, in id order; lexicon signals follow them.
pub fn builtin_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = IdKind::ALL.iter().map(|k| k.name()).collect();
    names.extend(PersonKind::ALL.iter().map(|k| k.name()));
    names.push(QUOTED);
    names.extend(CONTEXT);
    names
}

/// Signals that are facts rather than readings: identifiers with a fixed form, the watch-list, who
/// a message goes to, an attached photo (the model reads only the words, never the picture), and
/// where a photo was taken or the post is tagged. A rule anchored on a watch-list name or a photo
/// may still mark its findings `overrulable`: a first name with nothing about care beside it, or a
/// photo whose words only speak of a care setting (see [`crate::rules::RuleSource::overrulable`]).
pub const DEFINITE: [&str; 16] = [
    "chi_number",
    "nhs_number",
    "ni_number",
    "postcode",
    "phone_number",
    "email_address",
    "date_of_birth",
    "street_address",
    "access_code",
    "case_reference",
    "watched_name",
    "watched_full_name",
    "recipient_watched",
    "attachment",
    "photo_location",
    "tagged_care_setting",
];

/// Signal kinds about the post as a whole, in id order after [`QUOTED`].
pub const CONTEXT: [&str; 6] = [
    // A private or direct message.
    "in_message",
    // A message to someone on the watch-list (by display name or group name).
    "recipient_watched",
    // A group chat: several recipients, or a group name that reads as a work team's.
    "group_chat",
    // A photo or video is attached.
    "attachment",
    // An attached photo carries the place it was taken.
    "photo_location",
    // The place the worker tagged (the site's location tag) is a care setting, or a place on the
    // watch-list.
    "tagged_care_setting",
];

/// Which [`CONTEXT`] kinds hold for one post, in the same order.
pub type PostContext = [bool; CONTEXT.len()];

/// Text inside quotation marks: words quoted to be questioned, not used.
pub const QUOTED: &str = "quoted";

fn builtin_id_of_identifier(kind: IdKind) -> usize {
    IdKind::ALL.iter().position(|k| *k == kind).expect("listed")
}

fn builtin_id_of_person(kind: PersonKind) -> usize {
    IdKind::ALL.len() + PersonKind::ALL.iter().position(|k| *k == kind).expect("listed")
}

const QUOTED_ID: usize = IdKind::ALL.len() + PersonKind::ALL.len();
const FIRST_CONTEXT_ID: usize = QUOTED_ID + 1;

/// The id of a [`CONTEXT`] kind.
pub fn context_id(name: &str) -> Option<usize> {
    CONTEXT.iter().position(|k| *k == name).map(|i| FIRST_CONTEXT_ID + i)
}

/// A [`CONTEXT`] kind's anchor: empty, at the start of the post.
pub const WHOLE_POST: Span = Span { start: 0, end: 0 };

/// Spans inside '…' or "…" quotes (not apostrophes: a quote opens after a space or bracket and
/// closes before a space or punctuation, within one line).
pub fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let q = bytes[i];
        let opens = (q == b'\'' || q == b'"') && (i == 0 || matches!(bytes[i - 1], b' ' | b'(' | b'\n' | b':'));
        if opens {
            let limit = (i + 120).min(bytes.len());
            let close = (i + 2..limit)
                .find(|&j| bytes[j] == b'\n' || (bytes[j] == q && (j + 1 == bytes.len() || !bytes[j + 1].is_ascii_alphanumeric())));
            if let Some(j) = close.filter(|&j| bytes[j] == q) {
                out.push((i, j + 1));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Every signal in one draft.
pub struct Signals {
    /// Spans by signal id, each list sorted by start.
    by_kind: Vec<Vec<Span>>,
    /// The longest span of each kind, so overlap queries only look back that far.
    longest: Vec<usize>,
    /// Kinds that hold for the whole post ([`CONTEXT`]): present wherever a rule looks.
    whole_post: Vec<bool>,
    /// Sentence ranges of the searched text.
    pub sentences: Vec<(usize, usize)>,
    pub len: usize,
}

impl Signals {
    pub fn collect(text: &str, lexicons: &Lexicons, kinds: usize, watchlist: &Watchlist, context: &PostContext) -> Signals {
        let mut by_kind = vec![Vec::new(); kinds];
        let sentences = text::sentences(text);
        let sentence_starts: Vec<usize> = sentences.iter().map(|s| s.0).collect();
        for id in identifiers::find(text) {
            by_kind[builtin_id_of_identifier(id.kind)].push(Span { start: id.start, end: id.end });
        }
        for p in people::find(text, &sentence_starts, watchlist) {
            by_kind[builtin_id_of_person(p.kind)].push(Span { start: p.start, end: p.end });
        }
        let quoted = quoted_spans(text);
        by_kind[QUOTED_ID] = quoted.iter().map(|&(start, end)| Span { start, end }).collect();
        let mut whole_post = vec![false; kinds];
        for (i, &present) in context.iter().enumerate() {
            whole_post[FIRST_CONTEXT_ID + i] = present;
            if present {
                by_kind[FIRST_CONTEXT_ID + i].push(WHOLE_POST);
            }
        }
        let first_lexicon = FIRST_CONTEXT_ID + CONTEXT.len();
        for hit in lexicons.find(text, &quoted) {
            by_kind[first_lexicon + hit.lexicon].push(Span { start: hit.start, end: hit.end });
        }
        for spans in &mut by_kind {
            spans.sort();
            spans.dedup();
        }
        let longest = by_kind.iter().map(|spans| spans.iter().map(|s| s.end - s.start).max().unwrap_or(0)).collect();
        Signals { by_kind, longest, whole_post, sentences, len: text.len() }
    }

    pub fn spans(&self, kind: usize) -> &[Span] {
        &self.by_kind[kind]
    }

    /// Any span of `kind` overlapping `[start, end)` other than `except`.
    pub fn any_in(&self, kind: usize, start: usize, end: usize, except: Span) -> bool {
        self.any_overlapping(kind, start, end, |s| *s != except)
    }

    /// Any span of `kind` overlapping `[start, end)` that does not overlap `anchor`.
    pub fn any_apart(&self, kind: usize, start: usize, end: usize, anchor: Span) -> bool {
        self.any_overlapping(kind, start, end, |s| s.end <= anchor.start || s.start >= anchor.end)
    }

    /// Any span of `kind` overlapping `[start, end)` that `keep` accepts. A kind about the post as a
    /// whole (who it goes to, an attachment) holds everywhere, apart from any words.
    fn any_overlapping(&self, kind: usize, start: usize, end: usize, keep: impl Fn(&Span) -> bool) -> bool {
        if self.whole_post[kind] {
            return true;
        }
        let spans = &self.by_kind[kind];
        // Spans are sorted by start and none is longer than `longest`, so only those starting
        // within that distance before `start` can overlap.
        let from = spans.partition_point(|s| s.start + self.longest[kind] < start);
        let upto = spans.partition_point(|s| s.start < end);
        spans[from..upto.max(from)].iter().any(|s| s.end > start && keep(s))
    }

    /// The sentence containing byte `at`.
    pub fn sentence_of(&self, at: usize) -> (usize, usize) {
        let i = self.sentences.partition_point(|s| s.0 <= at).saturating_sub(1);
        self.sentences.get(i).copied().unwrap_or((0, self.len))
    }
}
