//! WebAssembly bindings of the Post with Care engine, used by the extension's service worker.
//!
//! [`check`] reads a draft and returns its findings with spans in UTF-16 code units (the unit of
//! JavaScript strings and DOM ranges), [`guidance`] returns the guidance summary the popup shows,
//! [`categories`] the engine's categories (the build derives the extension's category lists from
//! it), [`photo_metadata`] reads where and when an attached photo was taken, and [`load_rules`]
//! and [`load_model`] install the rules and the learned layer's weights at start-up. The draft and
//! the photo are only ever borrowed for the call: nothing is kept.
//!
//! Everything but the `#[wasm_bindgen]` wrappers is plain Rust, tested natively.

use postcare_core::guidance::Guidance;
use postcare_core::{Category, Options, Report};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Checks `text` and returns the report with every span in UTF-16 code units.
pub fn check_utf16(text: &str, options: &Options) -> Report {
    let mut report = postcare_core::check(text, options);
    let spans = report.utf16_spans(text);
    for (finding, (start, end)) in report.findings.iter_mut().zip(spans) {
        finding.start = start;
        finding.end = end;
    }
    report
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&serializer).map_err(|e| JsError::new(&e.to_string()))
}

/// `check(text, options?) -> { findings: [...], prompts?: [...] }`, spans in UTF-16 code units.
///
/// `options` is `{ watchlist?: string[], disabled?: string[], context?: "post" | "comment" |
/// "message", to?: string[], attachments?: [{ kind: "image" | "video", gps?: { lat, lon },
/// taken?: string }], location?: string }`; `undefined` or `null` means the defaults.
#[wasm_bindgen]
pub fn check(text: &str, options: JsValue) -> Result<JsValue, JsError> {
    if !postcare_core::rules::files_installed() {
        return Err(JsError::new("the engine has no rules yet (load_rules)"));
    }
    let options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| JsError::new(&e.to_string()))?
    };
    to_js(&check_utf16(text, &options))
}

/// Installs the rule and lexicon files the extension ships (`wasm/rules.bin`, made by
/// `postcare rules-bundle`). Called once, before the first check.
#[wasm_bindgen]
pub fn load_rules(bundle: &str) -> Result<(), JsError> {
    postcare_core::rules::install_files(bundle).map_err(|e| JsError::new(&e))
}

/// Installs the learned layer from the weights file the extension ships (`wasm/model.bin`).
/// Called once, before the first check; until then checks use the rules alone.
#[wasm_bindgen]
pub fn load_model(bytes: &[u8]) -> Result<(), JsError> {
    postcare_core::learned::install(bytes).map_err(|e| JsError::new(&e))
}

/// `photo_metadata(bytes) -> { gps?: { lat, lon }, taken?: string }` from a JPEG file.
#[wasm_bindgen]
pub fn photo_metadata(bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(&postcare_core::exif::read(bytes))
}

/// The guidance summary: `{ intro, codes_url, areas: [...], code: [...] }`.
#[wasm_bindgen]
pub fn guidance() -> Result<JsValue, JsError> {
    to_js(Guidance::get())
}

/// The engine's categories, in order: `["confidentiality", "boundaries", ...]`.
#[wasm_bindgen]
pub fn categories() -> Result<JsValue, JsError> {
    to_js(&Category::ALL.map(Category::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UTF-16 span of `needle` in `text`, as JavaScript's `indexOf` would give it.
    fn js_span(text: &str, needle: &str) -> (usize, usize) {
        let byte = text.find(needle).expect("needle in text");
        let start = text[..byte].encode_utf16().count();
        (start, start + needle.encode_utf16().count())
    }

    fn spans(text: &str) -> Vec<(usize, usize)> {
        check_utf16(text, &Options::default()).findings.iter().map(|f| (f.start, f.end)).collect()
    }

    /// Checks that the finding covering `needle` has the UTF-16 span JavaScript expects, and that
    /// the converted span is the same text as the engine's byte span.
    fn assert_found(text: &str, needle: &str) {
        let want = js_span(text, needle);
        let got = spans(text);
        assert!(
            got.iter().any(|&(s, e)| s <= want.0 && e >= want.1),
            "no finding covers {needle:?} at UTF-16 {want:?} in {text:?}; got {got:?}"
        );
        let bytes = postcare_core::check(text, &Options::default());
        let utf16: Vec<u16> = text.encode_utf16().collect();
        for (f, (s, e)) in bytes.findings.iter().zip(got) {
            assert_eq!(String::from_utf16(&utf16[s..e]).unwrap(), &text[f.start..f.end]);
        }
    }

    #[test]
    fn ascii_spans_are_unchanged() {
        let text = "Her CHI is 1904851231 if anyone needs it";
        let report = postcare_core::check(text, &Options::default());
        assert!(!report.findings.is_empty(), "engine finds the CHI number");
        let converted = check_utf16(text, &Options::default());
        for (a, b) in report.findings.iter().zip(&converted.findings) {
            assert_eq!((a.start, a.end), (b.start, b.end));
        }
        assert_found(text, "1904851231");
    }

    #[test]
    fn emoji_before_the_span_count_as_two_units() {
        // Each of these emoji is 4 UTF-8 bytes and 2 UTF-16 code units (a surrogate pair).
        assert_found("😀😀 Her CHI is 1904851231 🎉", "1904851231");
        // A ZWJ family sequence and a flag: several code points, all astral.
        assert_found("👩‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿 CHI 1904851231", "1904851231");
    }

    #[test]
    fn accented_text_before_the_span_counts_as_one_unit_each() {
        // é, ò and ñ are 2 UTF-8 bytes and 1 UTF-16 unit each.
        assert_found("Réunion café, Mòrag Niñez: CHI 1904851231", "1904851231");
    }

    #[test]
    fn benign_text_has_no_findings() {
        assert!(spans("Lovely sunny walk by the loch today 🌞").is_empty());
    }

    #[test]
    fn spans_stay_inside_the_utf16_length() {
        let text = "Ça va 😀 — CHI 1904851231 😀";
        let len = text.encode_utf16().count();
        for (s, e) in spans(text) {
            assert!(s <= e && e <= len);
        }
    }
}
