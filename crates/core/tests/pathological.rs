//! Pathological input: cost must stay linear in the length of the draft, with no blow-up.
//!
//! Run in release mode (`cargo test --release`). Every time bound here is a smoke check at least
//! ten times the budget `./build.sh bench` measures against, so a busy machine never fails it;
//! the growth checks take the minimum of several runs. Timing tests hold a lock so they never run
//! alongside each other.

use postcare_core::{check, Options, Report};
use std::sync::Mutex;
use std::time::{Duration, Instant};

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    let guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    // Parse the rule set before anything is timed.
    check("warm up", &Options::default());
    guard
}

fn watch() -> Options {
    Options::with_watchlist(["Agnes Blackwood", "Moira Kelly", "Will Henderson"])
}

/// `unit` repeated until the text is at least `bytes` long.
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

fn timed(text: &str, options: &Options) -> (Duration, Report) {
    let t = Instant::now();
    let report = check(text, options);
    (t.elapsed(), report)
}

fn assert_spans_valid(text: &str, report: &Report) {
    for f in &report.findings {
        assert!(f.start <= f.end && f.end <= text.len(), "span {}..{} out of bounds", f.start, f.end);
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end), "span off a char boundary");
    }
}

/// Checks one input within `limit`, and that its spans are valid.
fn assert_within(what: &str, text: &str, options: &Options, limit: Duration) -> Report {
    let (took, report) = timed(text, options);
    eprintln!("{what}: {} bytes in {took:?}, {} findings", text.len(), report.findings.len());
    assert!(took < limit, "{what}: {} bytes took {took:?} (limit {limit:?})", text.len());
    assert_spans_valid(text, &report);
    report
}

/// Growth from `base / 4` bytes to `base * 4` (sixteen times as much text) must stay far from
/// quadratic. Linear cost grows about 16x and quadratic about 256x; the bound, 160x, is ten times
/// the linear figure, a loose smoke check that a busy machine cannot fail by being slow (timings
/// themselves belong in `./build.sh bench`, row 7). Small and large runs are interleaved and the
/// fastest of each kept.
fn assert_linear(what: &str, unit: &str, base: usize, options: &Options) {
    let small = repeat_to(unit, base / 4);
    let large = repeat_to(unit, base * 4);
    let (mut t1, mut t16) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        t1 = t1.min(timed(&small, options).0);
        t16 = t16.min(timed(&large, options).0);
    }
    let ratio = t16.as_secs_f64() / t1.as_secs_f64().max(1e-9);
    eprintln!("{what}: {} bytes {t1:?}, {} bytes {t16:?}, ratio {ratio:.2}", small.len(), large.len());
    assert!(
        t16 < t1 * 160 + Duration::from_millis(20),
        "{what}: super-linear growth from {} to {} bytes: {t1:?} -> {t16:?} (x{ratio:.1})",
        small.len(),
        large.len(),
    );
}

const MB: usize = 1 << 20;

/// A realistic draft, full of the things detectors look at.
const POST: &str = "Wee Agnes in room 4 was on great form at the singalong today, her daughter finally showed her face. \
Mrs Kelly's keysafe is 1938 if anyone's covering. CHI 1904851231, NHS 943 476 5919, lives at 4 Station Brae, EH4 3LP. \
Call me on 07700 900123, DOB 03/04/2015, aged 7. Honestly the state of some of them, \"nutter\" is not a word we use! \
Off to Ravenscraig Lodge now 😂🙃 #carelife @someone ";

// ---- Bounds -----------------------------------------------------------------------------------

#[test]
fn ten_megabytes_of_digits() {
    let _g = serial();
    let text = repeat_to("0123456789", 10 * MB);
    assert_within("10 MB of digits", &text, &Options::default(), Duration::from_secs(10));
    assert_within("10 MB of digits, watch-list", &text, &watch(), Duration::from_secs(10));
}

#[test]
fn one_megabyte_post() {
    let _g = serial();
    let text = repeat_to(POST, MB);
    let report = assert_within("1 MB post", &text, &watch(), Duration::from_secs(5));
    assert!(!report.findings.is_empty());
}

#[test]
fn hundred_thousand_digits() {
    let _g = serial();
    let text = repeat_to("7", 100_000);
    assert_within("100k digits", &text, &Options::default(), Duration::from_secs(2));
    let spaced = repeat_to("9 4 3 4 7 6 5 9 1 9 ", 200_000);
    assert_within("100k spaced digits (valid NHS runs)", &spaced, &Options::default(), Duration::from_secs(2));
    let numbers = repeat_to("1904851231 ", 110_000);
    assert_within("10k CHI numbers", &numbers, &Options::default(), Duration::from_secs(2));
}

#[test]
fn ten_thousand_capitalised_names() {
    let _g = serial();
    let names = ["Agnes Blackwood ", "Moira Kelly ", "Will Henderson ", "Mrs Kelly ", "John Smith ", "Tam ", "Jessica "];
    let text: String = names.iter().cycle().take(10_000).copied().collect();
    assert_within("10k capitalised names", &text, &Options::default(), Duration::from_secs(2));
    assert_within("10k capitalised names, watch-list", &text, &watch(), Duration::from_secs(2));
    let big_watch = Options::with_watchlist((0..1000).map(|i| format!("Person{i} Surname{i}")));
    assert_within("10k capitalised names, 1000-name watch-list", &text, &big_watch, Duration::from_secs(5));
}

#[test]
fn deeply_repeated_punctuation() {
    let _g = serial();
    for unit in ["!", "(", ")", "'", "\"", "@", ".", "?", "-", "#", ". ", "' ", "\" ", "@a", "a@", "a.", "(0", "+44"] {
        let text = repeat_to(unit, 200_000);
        assert_within(&format!("{unit:?} x 200k"), &text, &watch(), Duration::from_secs(2));
    }
}

#[test]
fn hundred_thousand_character_word() {
    let _g = serial();
    for (what, unit) in
        [("letters", "a"), ("capitalised", "Agnes"), ("alphanumeric", "a1"), ("lexicon prefix", "nutter"), ("zero-width", "a\u{200B}")]
    {
        let text = repeat_to(unit, 100_000);
        assert_within(&format!("100k-char word ({what})"), &text, &watch(), Duration::from_secs(2));
    }
    let email = format!("{}@example.org", "a".repeat(100_000));
    assert_within("100k-char email local part", &email, &Options::default(), Duration::from_secs(2));
}

// ---- Growth -----------------------------------------------------------------------------------

#[test]
fn linear_in_digits() {
    let _g = serial();
    assert_linear("digits", "0123456789", 2 * MB, &Options::default());
    assert_linear("spaced digits, no valid number", "1 2 3 4 5 6 7 8 9 ", MB, &Options::default());
}

#[test]
fn linear_in_names() {
    let _g = serial();
    assert_linear("capitalised names", "Agnes Blackwood Moira Kelly John Smith ", MB, &Options::default());
}

#[test]
fn linear_in_punctuation() {
    let _g = serial();
    for unit in ["!", "(", "'", "@", ". ", "\" "] {
        assert_linear(&format!("{unit:?}"), unit, MB, &watch());
    }
}

#[test]
fn linear_in_one_long_word() {
    let _g = serial();
    assert_linear("one long word", "a", MB, &watch());
    assert_linear("one long lexicon-prefixed word", "nutter", MB, &watch());
}

// Many findings: each new finding must not be compared with every earlier one (this once grew
// with the square of the number of findings).

#[test]
fn linear_in_many_identifier_findings() {
    let _g = serial();
    assert_linear("spaced valid NHS numbers", "9 4 3 4 7 6 5 9 1 9 ", MB / 2, &Options::default());
    assert_linear("valid CHI numbers", "1904851231 ", MB / 2, &Options::default());
}

#[test]
fn linear_in_many_watched_names() {
    let _g = serial();
    assert_linear("watched names", "Agnes Blackwood Moira Kelly John Smith ", MB / 2, &watch());
}

#[test]
fn linear_in_posts() {
    let _g = serial();
    assert_linear("realistic post", POST, MB / 2, &watch());
}

// Many lexicon hits and many quotes: each hit must not scan the whole list of quoted spans (this
// once grew with hits x quotes).

#[test]
fn linear_in_quoted_and_unquoted_phrases() {
    let _g = serial();
    assert_linear("quoted lexicon words", "\"idiot\" ", MB / 4, &Options::default());
    assert_linear("lexicon words beside quotes", "\"x\" idiot ", MB / 4, &Options::default());
}
