//! Property tests: `check` never panics and every span it returns is valid, whatever the input.
//!
//! Inputs mix the characters that break naive text code: emoji (4-byte UTF-8, UTF-16 surrogate
//! pairs), right-to-left text and bidi controls, combining marks, NUL, zero-width characters,
//! full-width and other Unicode digits, Cyrillic look-alikes, and the digits and punctuation that
//! identifiers are made of. Sizes are bounded so the suite runs in a few seconds.

use postcare_core::{check, Options, Report};
use proptest::prelude::*;

/// Pieces of text the generator strings together: realistic fragments next to hostile ones.
const PIECES: &[&str] = &[
    // Words and names, including ones the detectors look for.
    "Agnes",
    "agnes",
    "Blackwood",
    "Mrs",
    "Mr",
    "Kelly",
    "Tam",
    "wee",
    "room",
    "bed",
    "ward",
    "CHI",
    "NHS",
    "DOB",
    "born",
    "aged",
    "flat",
    "Flat 3/2,",
    "Street",
    "Road",
    "House",
    "Lodge",
    "keysafe",
    "code",
    "dementia",
    "client",
    "service user",
    "lol",
    "ffs",
    "at",
    "in",
    "on",
    "the",
    "is",
    "'s",
    "’s",
    // Identifier-shaped material.
    "1904851231",
    "2902201230",
    "943 476 5919",
    "401-023-2137",
    "943.476.5919",
    "07700 900123",
    "+44",
    "EH4 3LP",
    "AA 12 34 56 B",
    "03/04/2015",
    "3.4.15",
    "1938#",
    "0",
    "12",
    "(3)",
    ", 91,",
    // Unicode trouble.
    "😀",
    "👩🏽‍⚕️",
    "🏳️‍🌈",
    "\u{1F1EC}\u{1F1E7}",
    "שלום",
    "مرحبا",
    "\u{202E}",
    "\u{2066}",
    "\u{061C}",
    "e\u{301}",
    "\u{0301}\u{0301}",
    "\u{0308}",
    "\0",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{00AD}",
    "１９０４",
    "８５１２３１",
    "٣٤٥",
    "४५६",
    "Аgnes",
    "а",
    "о",
    "Α",
    "ß",
    "İ",
    "ǅ",
    "ﬁ",
    "\u{3000}",
    "\u{00A0}",
    "\u{2019}",
    "\u{2013}",
    "\u{FFFD}",
    "\u{10FFFF}",
    "\u{E000}",
    // Punctuation and whitespace.
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    ".",
    "..",
    "!",
    "?",
    "-",
    "/",
    "@",
    "#",
    "(",
    ")",
    "'",
    "\"",
    ",",
    ":",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[0-9 .\\-/()+#]{1,14}",
        1 => "[A-Z][a-z]{1,8}",
    ]
}

/// A draft of up to ~60 pieces, joined with or without spaces.
fn draft() -> impl Strategy<Value = String> {
    (prop::collection::vec(piece(), 0..60), any::<bool>()).prop_map(|(parts, spaced)| parts.join(if spaced { " " } else { "" }))
}

/// Arbitrary Unicode text, unstructured.
fn arbitrary_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..200).prop_map(|cs| cs.into_iter().collect())
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Z][a-z]{0,8}( [A-Z][a-z]{0,10})?",
        1 => prop::collection::vec(piece(), 0..4).prop_map(|p| p.concat()),
        1 => prop::collection::vec(any::<char>(), 0..12).prop_map(|cs| cs.into_iter().collect()),
        1 => Just(String::new()),
        1 => Just("  ".to_owned()),
    ]
}

fn watchlist() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(name(), 0..6)
}

fn assert_valid(text: &str, report: &Report) -> Result<(), TestCaseError> {
    let mut last_start = 0;
    for f in &report.findings {
        prop_assert!(f.start <= f.end, "start > end: {}..{} ({})", f.start, f.end, f.rule);
        prop_assert!(f.end <= text.len(), "end {} past len {} ({})", f.end, text.len(), f.rule);
        prop_assert!(text.is_char_boundary(f.start), "start {} inside a character ({})", f.start, f.rule);
        prop_assert!(text.is_char_boundary(f.end), "end {} inside a character ({})", f.end, f.rule);
        prop_assert!(f.start >= last_start, "findings not ordered by start");
        last_start = f.start;
    }
    let utf16_len = text.encode_utf16().count();
    let spans = report.utf16_spans(text);
    prop_assert_eq!(spans.len(), report.findings.len());
    let mut last = (0, 0);
    for (f, &(s, e)) in report.findings.iter().zip(&spans) {
        prop_assert!(s <= e && e <= utf16_len, "utf16 span {}..{} outside 0..{}", s, e, utf16_len);
        // Exactly the UTF-16 length of the text before each byte offset.
        prop_assert_eq!(s, text[..f.start].encode_utf16().count());
        prop_assert_eq!(e, text[..f.end].encode_utf16().count());
        prop_assert!(s >= last.0, "utf16 starts not monotonic");
        last = (s, e);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn drafts_without_a_watchlist(text in draft()) {
        assert_valid(&text, &check(&text, &Options::default()))?;
    }

    #[test]
    fn drafts_with_a_watchlist(text in draft(), names in watchlist()) {
        assert_valid(&text, &check(&text, &Options::with_watchlist(names)))?;
    }

    #[test]
    fn arbitrary_unicode_without_a_watchlist(text in arbitrary_text()) {
        assert_valid(&text, &check(&text, &Options::default()))?;
    }

    #[test]
    fn arbitrary_unicode_with_arbitrary_names(text in arbitrary_text(), names in watchlist()) {
        assert_valid(&text, &check(&text, &Options::with_watchlist(names)))?;
    }

    /// Names taken from the draft itself, so the watch-list matcher always has something to match,
    /// however odd the surrounding characters.
    #[test]
    fn watchlist_drawn_from_the_draft(text in draft(), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..4)) {
        let words: Vec<&str> = text.split_whitespace().collect();
        prop_assume!(!words.is_empty());
        let names: Vec<String> = picks.iter().map(|i| words[i.index(words.len())].to_owned()).collect();
        assert_valid(&text, &check(&text, &Options::with_watchlist(names)))?;
    }

    /// Every category switched off still gives valid (empty or partial) reports.
    #[test]
    fn disabled_categories(text in draft(), mask in 0u8..32) {
        let disabled = postcare_core::Category::ALL.into_iter().enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| c).collect();
        let options = Options { disabled, watchlist: vec!["Agnes Blackwood".into()], ..Options::default() };
        let report = check(&text, &options);
        assert_valid(&text, &report)?;
        for f in &report.findings {
            prop_assert!(options.is_enabled(f.category), "finding in a disabled category: {}", f.rule);
        }
    }
}

#[test]
fn empty_and_tiny_inputs() {
    for text in ["", " ", "\0", "\u{200B}", "😀", "e\u{301}", "\u{202E}", "'", "@", "1"] {
        for names in [vec![], vec![""], vec!["Agnes"], vec!["\u{200B}"], vec!["😀"]] {
            let report = check(text, &Options::with_watchlist(names.clone()));
            assert_valid(text, &report).unwrap_or_else(|e| panic!("{text:?} {names:?}: {e}"));
        }
    }
}
