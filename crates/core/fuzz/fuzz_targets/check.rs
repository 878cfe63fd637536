//! Fuzzes `postcare_core::check` with and without a watch-list.
//!
//! Input layout: everything before the first NUL byte (if any) is a watch-list, one name per line;
//! the rest is the draft. Inputs without a NUL are checked as a draft with an empty watch-list and
//! again with a watch-list made from the draft's own words, so capitalised words in the draft
//! exercise the watch-list matcher.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postcare_core::{check, Options, Report};

fn assert_spans(text: &str, report: &Report) {
    let mut last_start = 0;
    for f in &report.findings {
        assert!(f.start <= f.end, "start > end: {f:?}");
        assert!(f.end <= text.len(), "end out of bounds: {f:?} (len {})", text.len());
        assert!(text.is_char_boundary(f.start), "start not on a char boundary: {f:?}");
        assert!(text.is_char_boundary(f.end), "end not on a char boundary: {f:?}");
        assert!(f.start >= last_start, "findings not ordered by start");
        last_start = f.start;
    }
    let utf16_len = text.encode_utf16().count();
    let spans = report.utf16_spans(text);
    assert_eq!(spans.len(), report.findings.len());
    for (f, &(s, e)) in report.findings.iter().zip(&spans) {
        assert!(s <= e && e <= utf16_len, "utf16 span {s}..{e} out of bounds {utf16_len}");
        assert_eq!(s, text[..f.start].encode_utf16().count(), "utf16 start");
        assert_eq!(e, text[..f.end].encode_utf16().count(), "utf16 end");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let (watch, text) = match input.split_once('\0') {
        Some((w, t)) => (Some(w), t),
        None => (None, input),
    };
    match watch {
        Some(w) => {
            let options = Options::with_watchlist(w.lines());
            assert_spans(text, &check(text, &options));
        }
        None => {
            assert_spans(text, &check(text, &Options::default()));
            let names: Vec<&str> = text
                .split_whitespace()
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .take(8)
                .collect();
            if !names.is_empty() {
                assert_spans(text, &check(text, &Options::with_watchlist(names)));
            }
        }
    }
});
