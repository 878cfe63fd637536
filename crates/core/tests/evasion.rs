//! Evasion: identifiers and names a worker might split or disguise must still be found wherever a
//! person reading the post would still see them.
//!
//! Each case names the disguised token inside the draft. The test passes when some
//! confidentiality finding's span (UTF-8 bytes into the original draft, i.e. already mapped back
//! from the folded text) covers the whole token, so the underline lands on what the worker typed.
//!
//! The drafts are checked by the rules alone: what is tested here is that the detectors see
//! through the disguise. Whether the learned layer may overrule a harmless mention of a first name
//! is tested in `crate::learned`.

use postcare_core::{check, Category, Options};

const WATCH: &[&str] = &["Agnes Blackwood"];

/// Asserts that checking `text` (with `watchlist`) flags `token` as a confidentiality problem.
fn assert_found(text: &str, token: &str, watchlist: &[&str]) {
    let at = text.find(token).unwrap_or_else(|| panic!("test bug: {token:?} not in {text:?}"));
    let (start, end) = (at, at + token.len());
    let options = Options { rules_only: true, ..Options::with_watchlist(watchlist.iter().copied()) };
    let report = check(text, &options);
    let covered = report.findings.iter().any(|f| f.category == Category::Confidentiality && f.start <= start && f.end >= end);
    assert!(
        covered,
        "no confidentiality finding covers {token:?} (bytes {start}..{end}) in {text:?}; findings: {:#?}",
        report.findings.iter().map(|f| (f.rule, f.category, f.start, f.end, text.get(f.start..f.end))).collect::<Vec<_>>()
    );
}

// ---- Zero-width and other invisible characters ----------------------------------------------

#[test]
fn zero_width_space_inside_a_watched_first_name() {
    assert_found("Ag\u{200B}nes was on great form at the singalong today", "Ag\u{200B}nes", WATCH);
}

#[test]
fn zero_width_joiner_inside_a_watched_first_name_possessive() {
    assert_found("Ag\u{200D}nes's daughter finally showed her face today", "Ag\u{200D}nes", WATCH);
}

#[test]
fn several_invisibles_inside_a_watched_full_name() {
    let text = "A\u{200B}g\u{2060}n\u{FEFF}e\u{00AD}s B\u{200C}lackwood was on great form today";
    assert_found(text, "A\u{200B}g\u{2060}n\u{FEFF}e\u{00AD}s", WATCH);
}

#[test]
fn zero_width_space_inside_a_titled_watched_surname() {
    assert_found("Ordered the cake for Mrs Black\u{200B}wood's 80th", "Black\u{200B}wood", WATCH);
}

#[test]
fn zero_width_space_inside_a_chi_number() {
    let chi = "19048\u{200B}51231";
    assert_found(&format!("CHI {chi} on the label"), chi, &[]);
}

#[test]
fn zero_width_between_every_digit_of_an_unlabelled_chi_number() {
    let chi: String = "1904851231".chars().flat_map(|c| [c, '\u{200B}']).collect();
    let chi = chi.trim_end_matches('\u{200B}');
    assert_found(&format!("can someone check {chi} for me"), chi, &[]);
}

#[test]
fn zero_width_inside_an_nhs_number() {
    let nhs = "943 47\u{200B}6 5919";
    assert_found(&format!("her NHS no. is {nhs} if admin can look"), nhs, &[]);
}

// ---- Spaced digits ----------------------------------------------------------------------------

#[test]
fn spaced_digits_nhs_number() {
    assert_found("her number is 9 4 3 4 7 6 5 9 1 9 if admin can look", "9 4 3 4 7 6 5 9 1 9", &[]);
}

#[test]
fn spaced_digits_chi_number() {
    assert_found("CHI 2 9 0 2 2 0 1 2 3 0 on the label", "2 9 0 2 2 0 1 2 3 0", &[]);
}

#[test]
fn non_breaking_spaces_in_an_nhs_number() {
    let nhs = "943\u{00A0}476\u{00A0}5919";
    assert_found(&format!("NHS {nhs} for the GP"), nhs, &[]);
}

// ---- Dots and dashes --------------------------------------------------------------------------

#[test]
fn dotted_nhs_number() {
    assert_found("her NHS no. is 943.476.5919 if admin can look", "943.476.5919", &[]);
}

#[test]
fn dashed_nhs_number() {
    assert_found("her NHS no. is 943-476-5919 if admin can look", "943-476-5919", &[]);
}

#[test]
fn dashed_nhs_number_unlabelled() {
    assert_found("can someone look up 401-023-2137 please", "401-023-2137", &[]);
}

#[test]
fn en_dashed_nhs_number() {
    let nhs = "943\u{2013}476\u{2013}5919";
    assert_found(&format!("NHS {nhs} for the GP"), nhs, &[]);
}

#[test]
fn dotted_chi_number() {
    assert_found("chi 19.04.85.12.31", "19.04.85.12.31", &[]);
}

#[test]
fn dashed_chi_number() {
    assert_found("CHI 190485-1231 on the label", "190485-1231", &[]);
}

// ---- Full-width digits ------------------------------------------------------------------------

#[test]
fn full_width_chi_number() {
    let chi = "１９０４８５１２３１";
    assert_found(&format!("CHI {chi} on the label"), chi, &[]);
}

#[test]
fn full_width_chi_number_unlabelled() {
    let chi = "２９０２２０１２３０";
    assert_found(&format!("can someone check {chi} for me"), chi, &[]);
}

#[test]
fn full_width_digits_with_a_zero_width_space() {
    let chi = "１９０４\u{200B}８５１２３１";
    assert_found(&format!("CHI {chi}"), chi, &[]);
}

#[test]
fn full_width_spaced_nhs_number() {
    let nhs = "９４３\u{3000}４７６\u{3000}５９１９";
    assert_found(&format!("NHS {nhs}"), nhs, &[]);
}

// ---- Look-alike letters -----------------------------------------------------------------------

#[test]
fn cyrillic_capital_a_in_a_watched_first_name() {
    // "Аgnes" with CYRILLIC CAPITAL LETTER A.
    assert_found("\u{0410}gnes was on great form at the singalong today", "\u{0410}gnes", WATCH);
}

#[test]
fn several_cyrillic_letters_in_a_watched_full_name() {
    // а, е, о and с are all Cyrillic here.
    let name = "Agn\u{0435}s Bl\u{0430}\u{0441}kw\u{043E}od";
    assert_found(&format!("{name} was on great form today"), name, WATCH);
}

#[test]
fn cyrillic_in_a_titled_watched_surname() {
    assert_found("Ordered the cake for Mrs Bl\u{0430}ckwood's 80th", "Bl\u{0430}ckwood", WATCH);
}

#[test]
fn greek_capital_alpha_in_a_watched_first_name() {
    assert_found("\u{0391}gnes was on great form at the singalong today", "\u{0391}gnes", WATCH);
}

#[test]
fn cyrillic_and_zero_width_together() {
    let name = "\u{0410}g\u{200B}n\u{0435}s";
    assert_found(&format!("{name}'s daughter finally showed her face today"), name, WATCH);
}

// ---- The plain forms, as a control ------------------------------------------------------------

#[test]
fn plain_forms_are_found() {
    assert_found("Agnes was on great form at the singalong today", "Agnes", WATCH);
    assert_found("CHI 1904851231 on the label", "1904851231", &[]);
    assert_found("her NHS no. is 943 476 5919 if admin can look", "943 476 5919", &[]);
    assert_found("chi 2902201230", "2902201230", &[]);
}
