//! Identifiers: numbers and places that pin down a person, each validated rather than guessed.
//!
//! Scottish CHI and NHS numbers (mod 11), National Insurance numbers (issued prefixes), UK
//! postcodes and phone numbers, email addresses, dates of birth and ages, street addresses (with
//! Scottish flat notation), room, bed and ward numbers, door and key-safe codes, case references
//! and named care settings. Digits may be written with spaces, dots or dashes. The formats and
//! the public test values the tests use are in `docs/identifiers.md`.
//!
//! Each kind is one row of `KINDS`: its signal name, the pattern that proposes candidates and
//! the check that keeps the real ones. Adding a kind is a variant of [`IdKind`] and a row.

use regex::{Match, Regex, RegexSet};
use std::sync::OnceLock;

/// The kinds of identifier this module finds, declared in the order of their rows in `KINDS`,
/// where each has its signal name, pattern and check. Rules refer to them by [`IdKind::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Chi,
    Nhs,
    Nino,
    Postcode,
    PostcodeDistrict,
    Phone,
    Email,
    DateOfBirth,
    Age,
    StreetAddress,
    Street,
    Flat,
    RoomNumber,
    AccessCode,
    CaseReference,
    NamedSetting,
}

impl IdKind {
    /// Every kind, in table order.
    pub const ALL: [IdKind; KINDS.len()] = {
        let mut all = [IdKind::Chi; KINDS.len()];
        let mut i = 0;
        while i < KINDS.len() {
            all[i] = KINDS[i].kind;
            i += 1;
        }
        all
    };

    /// The signal name rules use.
    pub fn name(self) -> &'static str {
        KINDS[self as usize].name
    }
}

/// One identifier found in the text (byte offsets into the searched text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identifier {
    pub kind: IdKind,
    pub start: usize,
    pub end: usize,
}

fn digits_of(s: &str) -> Vec<u32> {
    s.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// Mod-11 check shared by CHI and NHS numbers: weights 10..2 on the first nine digits.
fn mod11_check_digit(first_nine: &[u32]) -> Option<u32> {
    let sum: u32 = first_nine.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k),
    }
}

/// An NHS number: ten digits whose last is the mod-11 check of the first nine.
pub fn is_valid_nhs(digits: &[u32]) -> bool {
    digits.len() == 10 && digits.iter().any(|&d| d != 0) && mod11_check_digit(&digits[..9]) == Some(digits[9])
}

fn is_real_date(day: u32, month: u32, year: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A Scottish CHI number: DDMMYY date of birth, four more digits, mod-11 check digit.
///
/// The two-digit year is ambiguous; the date is valid if it is real in 19YY or 20YY.
pub fn is_valid_chi(digits: &[u32]) -> bool {
    if digits.len() != 10 {
        return false;
    }
    let day = digits[0] * 10 + digits[1];
    let month = digits[2] * 10 + digits[3];
    let yy = digits[4] * 10 + digits[5];
    let real = is_real_date(day, month, 1900 + yy) || is_real_date(day, month, 2000 + yy);
    real && mod11_check_digit(&digits[..9]) == Some(digits[9])
}

/// Whether the first six digits are a DDMMYY date, as a CHI's are.
fn starts_with_a_date(digits: &[u32]) -> bool {
    let day = digits[0] * 10 + digits[1];
    let month = digits[2] * 10 + digits[3];
    let yy = digits[4] * 10 + digits[5];
    is_real_date(day, month, 1900 + yy) || is_real_date(day, month, 2000 + yy)
}

/// Whether the word "CHI" is written just before or after `[start, end)`.
fn labelled_chi(text: &str, start: usize, end: usize) -> bool {
    let mut from = start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + 16).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let near = text[from..to].to_ascii_lowercase();
    let b = near.as_bytes();
    near.match_indices("chi")
        .any(|(i, _)| (i == 0 || !b[i - 1].is_ascii_alphanumeric()) && b.get(i + 3).is_none_or(|c| !c.is_ascii_alphanumeric()))
}

/// A National Insurance number: two letters, six digits, suffix A-D, issued prefixes only.
pub fn is_valid_nino(compact: &str) -> bool {
    let b = compact.as_bytes();
    if b.len() != 9 {
        return false;
    }
    let (p1, p2) = (b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase());
    let digits_ok = b[2..8].iter().all(u8::is_ascii_digit);
    let suffix_ok = matches!(b[8].to_ascii_uppercase(), b'A'..=b'D');
    let first_ok = p1.is_ascii_alphabetic() && !b"DFIQUV".contains(&p1);
    let second_ok = p2.is_ascii_alphabetic() && !b"DFIOQUV".contains(&p2);
    let prefix = [p1, p2];
    let never_issued = [b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"].iter().any(|p| **p == prefix);
    digits_ok && suffix_ok && first_ok && second_ok && !never_issued
}

const SCOTTISH_POSTCODE_AREAS: &[&str] = &["AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE"];

/// A full UK postcode (outward + inward code), letters checked position by position.
pub fn is_valid_postcode(candidate: &str) -> bool {
    let compact: String = candidate.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    if compact == "GIR0AA" {
        return true;
    }
    let b = compact.as_bytes();
    if !(5..=7).contains(&b.len()) {
        return false;
    }
    let (outward, inward) = b.split_at(b.len() - 3);
    let inward_ok = inward[0].is_ascii_digit() && inward[1..].iter().all(|c| c.is_ascii_uppercase() && !b"CIKMOV".contains(c));
    let first_ok = outward[0].is_ascii_uppercase() && !b"QVX".contains(&outward[0]);
    let second_ok = !outward[1].is_ascii_uppercase() || !b"IJZ".contains(&outward[1]);
    inward_ok && first_ok && second_ok
}

/// How one kind of identifier is found: `pattern` proposes candidates, and `accept` keeps the real
/// ones and says which part of the match to underline.
struct Row {
    kind: IdKind,
    /// The signal name rules use.
    name: &'static str,
    /// A regular expression; `{date}` and `{street_types}` stand for [`DATE`] and [`STREET_TYPES`].
    pattern: &'static str,
    /// The span of the identifier for one match of `pattern` in the text, or `None` to drop it.
    accept: fn(&str, Match) -> Option<(usize, usize)>,
}

/// Every kind of identifier, one row each, in [`IdKind`] order. A row's place in this table is
/// also its pattern's index in the compiled set.
const KINDS: &[Row] = &[
    Row { kind: IdKind::Chi, name: "chi_number", pattern: TEN_DIGITS, accept: chi },
    Row { kind: IdKind::Nhs, name: "nhs_number", pattern: TEN_DIGITS, accept: nhs },
    Row {
        kind: IdKind::Nino,
        name: "ni_number",
        pattern: r"(?i-u)(?-u:\b)[a-z]{2}[ .\-]?[0-9]{2}[ .\-]?[0-9]{2}[ .\-]?[0-9]{2}[ .\-]?[a-d](?-u:\b)",
        accept: nino,
    },
    Row {
        kind: IdKind::Postcode,
        name: "postcode",
        pattern: r"(?i-u)(?-u:\b)(?:[a-z]{1,2}[0-9][a-z[0-9]]?|gir) ?[0-9][a-z]{2}(?-u:\b)",
        accept: postcode,
    },
    // A bare Scottish outward code ("in KA7") after a place preposition.
    Row {
        kind: IdKind::PostcodeDistrict,
        name: "postcode_district",
        pattern: r"(?-u:\b)(?:in|at|from|near|round|around) (?:AB|DD|DG|EH|FK|G|HS|IV|KA|KW|KY|ML|PA|PH|TD|ZE)[0-9]{1,2}(?-u:\b)",
        accept: postcode_district,
    },
    Row {
        kind: IdKind::Phone,
        name: "phone_number",
        pattern: r"(?:\+44[ \-]?\(?0?\)?[ \-]?[0-9]|\(?(?-u:\b)0[0-9])[[0-9] \-()]{8,14}[0-9](?-u:\b)",
        accept: phone,
    },
    Row {
        kind: IdKind::Email,
        name: "email_address",
        pattern: r"(?i-u)(?-u:\b)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?-u:\b)",
        accept: whole,
    },
    Row {
        kind: IdKind::DateOfBirth,
        name: "date_of_birth",
        pattern: r"(?i-u)(?-u:\b)(?:d\.?o\.?b\.?|date of birth|born|b\.)[ \t]*(?:is|was|on|:|-)?[ \t]*{date}",
        accept: whole,
    },
    Row {
        kind: IdKind::Age,
        name: "age",
        pattern: r"(?i-u)(?-u:\b)(?:(?:[0-9]{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)[ \-]?(?:years?|yrs?|month|week)s?[ \-]old|[0-9]{1,2} ?y/?o|aged? [0-9]{1,3}|(?:he|she|gran|granny|nan|nana|mum|dad|papa|grandad|wife|husband|son|daughter)(?:'s| is) (?:nearly |almost |)[0-9]{1,3}|[0-9]{1,3}yo)(?-u:\b)|\([0-9]{1,3}\)|, [0-9]{2,3},",
        accept: whole,
    },
    Row {
        kind: IdKind::StreetAddress,
        name: "street_address",
        pattern: r"(?-u:\b)[0-9]{1,4}[a-zA-Z]?,? (?:[A-Z][a-z'\-]+ ){1,3}(?i-u:{street_types})(?-u:\b)",
        accept: whole,
    },
    Row {
        kind: IdKind::Street,
        name: "street_name",
        pattern: r"(?-u:\b)(?:on|in|at|off|up|along|near|round) (?:the )?(?:[A-Z][a-z'\-]+ ){1,2}(?i-u:{street_types})(?-u:\b)",
        accept: street,
    },
    Row {
        kind: IdKind::Flat,
        name: "flat_number",
        pattern: r"(?i-u)(?-u:\b)(?:flat [0-9]{1,3}(?:[/\-][0-9]{1,3})?[a-z]?|[0-9]{1,2}/[0-9]{1,2},? [0-9]{1,4}(?: [A-Z][a-z]+)+|[0-9]{1,3}[a-f](?-u:\b))",
        accept: whole,
    },
    Row {
        kind: IdKind::RoomNumber,
        name: "room_number",
        pattern: r"(?i-u)(?-u:\b)(?:room|rm|bed|bay|ward|cell|pod|cubicle|side room) ?(?:no\.? ?|number |#)?[0-9]{1,3}[a-z]?(?-u:\b)",
        accept: whole,
    },
    Row {
        kind: IdKind::AccessCode,
        name: "access_code",
        pattern: r"(?i-u)(?-u:\b)(?:key ?safe|key box|lock ?box|door code|door entry|entry code|alarm code|gate code|code for the (?:door|gate|keysafe)|(?:door|gate|keysafe|alarm) (?:code|pin|number))(?-u:\b)[ -\-/-~]{0,40}?(?-u:\b)[0-9]{3,6}#?",
        accept: access_code,
    },
    Row {
        kind: IdKind::CaseReference,
        name: "case_reference",
        pattern: r"(?i-u)(?-u:\b)(?:case|client|file|referral|service user|su|record|patient|hospital|swift|carefirst|mosaic) ?(?:no\.?|number|ref(?:erence)?|id|#)\.?:? ?[a-z]{0,3}[0-9]{4,}(?-u:\b)",
        accept: whole,
    },
    Row {
        kind: IdKind::NamedSetting,
        name: "named_setting",
        pattern: r"(?-u:\b)(?:[A-Z][a-z'\-]+ ){1,2}(?:House|Lodge|Court|View|Care Home|Nursing Home|Care Centre|Day Centre|Day Services?|Resource Centre|Family Centre|Respite Centre|Care Village|Hospice|Hostel|Flats|Grange|Manor|Rise|Nursery|Unit|Ward|Hollow|Gardens|Cottage|Villa|Mains|Bank)(?-u:\b)",
        accept: whole,
    },
];

/// Ten digits, optionally grouped by single spaces, dots or dashes ("943 476 5919"): a CHI or an
/// NHS number.
const TEN_DIGITS: &str = r"(?-u:\b)[0-9](?:[ .\-]?[0-9]){9}(?-u:\b)";
const DATE: &str = r"(?:[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-](?:[0-9]{4}|[0-9]{2})|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*,? (?:[0-9]{4}|'?[0-9]{2}))";
const STREET_TYPES: &str = r"(?:road|rd|street|st|avenue|ave|crescent|cres|drive|dr|place|pl|terrace|terr|lane|ln|court|ct|gardens|gdns|park|way|brae|wynd|close|grove|row|square|sq|walk|loan|gate|mews|quadrant|vennel|path|circle|view|rise|green|hill|loaning|neuk|pend|brow|parade)";

/// The table's patterns, compiled once: each on its own, and all in one set so that one pass
/// says which can match at all (most drafts then run only two or three of them).
struct Compiled {
    each: Vec<Regex>,
    any: RegexSet,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let sources: Vec<String> =
            KINDS.iter().map(|row| row.pattern.replace("{date}", DATE).replace("{street_types}", STREET_TYPES)).collect();
        let each = sources
            .iter()
            .zip(KINDS)
            .map(|(p, row)| Regex::new(p).unwrap_or_else(|e| panic!("identifier pattern {}: {e}", row.name)))
            .collect();
        Compiled { each, any: RegexSet::new(&sources).expect("identifier pattern set") }
    })
}

/// The span of a match without its first word and the space after it.
fn after_first_word(matched: &str, at: usize) -> (usize, usize) {
    let skip = matched.find(' ').map_or(0, |i| i + 1);
    (at + skip, at + matched.len())
}

/// True when one of `words` ends within `window` bytes before `at` (case-insensitive).
fn preceded_by(text: &str, at: usize, window: usize, words: &[&str]) -> bool {
    let mut from = at.saturating_sub(window);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..at].to_ascii_lowercase();
    words.iter().any(|w| before.contains(w))
}

/// Words before a number that say it is an order, parcel or account number, not a person's.
const NOT_A_PERSON_NUMBER: &[&str] = &[
    "order",
    "tracking",
    "track",
    "parcel",
    "ref",
    "reference",
    "invoice",
    "account",
    "acc ",
    "booking",
    "ticket",
    "incident",
    "cert",
    "serial",
    "policy",
    "claim no",
    "complaint",
    "confirmation",
    "receipt",
    "sort code",
    "reg ",
    "registration",
    "pin",
    "flight",
    "phone",
    "tel",
    "call",
    "text",
    "mobile",
];

/// Finds every identifier in `text`, in order of position.
pub fn find(text: &str) -> Vec<Identifier> {
    let compiled = compiled();
    let mut out = Vec::new();
    for i in compiled.any.matches(text).iter() {
        let row = &KINDS[i];
        for m in compiled.each[i].find_iter(text) {
            if let Some((start, end)) = (row.accept)(text, m) {
                out.push(Identifier { kind: row.kind, start, end });
            }
        }
    }
    out.sort_by_key(|i| (i.start, i.end));
    out
}

/// Every match is an identifier as it stands.
fn whole(_: &str, m: Match) -> Option<(usize, usize)> {
    Some((m.start(), m.end()))
}

/// The digits of ten that may be a person's health number: not after +44 (a phone number), and
/// not after words that make it an order, parcel or account number unless a health word is there.
fn person_number(text: &str, m: &Match) -> Option<Vec<u32>> {
    let after_plus44 = text[..m.start()].trim_end().ends_with("+44");
    let labelled_health = preceded_by(text, m.start(), 24, &["chi", "nhs", "health", "patient"]);
    let not_a_person = !labelled_health && preceded_by(text, m.start(), 24, NOT_A_PERSON_NUMBER);
    (!after_plus44 && !not_a_person).then(|| digits_of(m.as_str()))
}

/// A valid CHI is also a valid NHS number; call it what it most likely is: a CHI, unless it is
/// labelled NHS.
fn reads_as_chi(text: &str, m: &Match, digits: &[u32]) -> bool {
    is_valid_chi(digits) && !preceded_by(text, m.start(), 16, &["nhs"])
}

fn chi(text: &str, m: Match) -> Option<(usize, usize)> {
    let digits = person_number(text, &m)?;
    // Called a CHI and starting with a date of birth: a CHI with a slip in its last digit still
    // points to one person.
    let slipped = !is_valid_nhs(&digits) && starts_with_a_date(&digits) && labelled_chi(text, m.start(), m.end());
    (reads_as_chi(text, &m, &digits) || slipped).then_some((m.start(), m.end()))
}

fn nhs(text: &str, m: Match) -> Option<(usize, usize)> {
    let digits = person_number(text, &m)?;
    (!reads_as_chi(text, &m, &digits) && is_valid_nhs(&digits)).then_some((m.start(), m.end()))
}

fn nino(text: &str, m: Match) -> Option<(usize, usize)> {
    let compact: String = m.as_str().chars().filter(char::is_ascii_alphanumeric).collect();
    // "QQ" is never issued and so appears in examples, but a worker typing "NI QQ 12 34 56 C"
    // about a real person is still sharing one.
    let labelled = preceded_by(text, m.start(), 24, &["ni ", "ni:", "nino", "insurance", "ni no", "ni number"]);
    let example_prefix = compact.len() == 9 && compact[..2].eq_ignore_ascii_case("qq");
    let valid = is_valid_nino(&compact) || (labelled && example_prefix && is_valid_nino(&format!("AA{}", &compact[2..])));
    valid.then_some((m.start(), m.end()))
}

fn postcode(_: &str, m: Match) -> Option<(usize, usize)> {
    let s = m.as_str();
    // Lower-case postcodes only count with their space ("eh4 3lp"), or "at 4pm" becomes one.
    let upper = s.chars().all(|c| !c.is_ascii_lowercase());
    let valid = is_valid_postcode(s) && (upper || s.contains(' ')) && s.chars().any(|c| c.is_ascii_alphabetic());
    valid.then_some((m.start(), m.end()))
}

// The district and street patterns match a leading word ("in KA7", "on Dunkeld Rd") that is not
// part of the identifier; plain matches and a split are much cheaper than capture groups.

fn postcode_district(text: &str, m: Match) -> Option<(usize, usize)> {
    let (start, end) = after_first_word(m.as_str(), m.start());
    let code = &text[start..end];
    let area: String = code.chars().take_while(char::is_ascii_alphabetic).collect();
    // "at EH4 3LP" is a full postcode, found as one.
    let inward_follows = text[end..].trim_start().as_bytes().first().is_some_and(u8::is_ascii_digit);
    (SCOTTISH_POSTCODE_AREAS.contains(&area.as_str()) && !inward_follows).then_some((start, end))
}

fn street(text: &str, m: Match) -> Option<(usize, usize)> {
    let (start, end) = after_first_word(m.as_str(), m.start());
    let start = if text[start..end].starts_with("the ") { start + 4 } else { start };
    Some((start, end))
}

fn phone(text: &str, m: Match) -> Option<(usize, usize)> {
    let digits = digits_of(m.as_str());
    let national: Vec<u32> = if m.as_str().starts_with("+44") {
        let rest = &digits[2..];
        if rest.first() == Some(&0) {
            rest[1..].to_vec()
        } else {
            rest.to_vec()
        }
    } else {
        digits[1..].to_vec()
    };
    let plausible = national.len() == 10 && matches!(national[0], 1 | 2 | 3 | 7 | 8);
    let not_a_phone = preceded_by(text, m.start(), 20, &["ref", "order", "tracking", "ticket", "incident"]);
    (plausible && !not_a_phone).then_some((m.start(), m.end()))
}

/// Underlines the code itself, so "remove it" takes out the code and not the sentence.
fn access_code(_: &str, m: Match) -> Option<(usize, usize)> {
    let code_len = m.as_str().bytes().rev().take_while(|b| b.is_ascii_digit() || *b == b'#').count();
    Some((m.end() - code_len, m.end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<IdKind> {
        find(text).into_iter().map(|i| i.kind).collect()
    }

    fn d(s: &str) -> Vec<u32> {
        digits_of(s)
    }

    #[test]
    fn each_kind_has_one_row_in_enum_order() {
        for (i, row) in KINDS.iter().enumerate() {
            assert_eq!(row.kind as usize, i, "{} is out of place in KINDS", row.name);
            assert!(KINDS[..i].iter().all(|r| r.name != row.name), "{} is named twice", row.name);
        }
    }

    #[test]
    fn chi_numbers_from_the_format_notes() {
        for valid in ["1904851231", "2902201230", "0101011237", "0101336489", "0101405073", "0101625707", "1811431232"] {
            assert!(is_valid_chi(&d(valid)), "{valid}");
        }
        for invalid in ["1904851232", "0101201234", "1009701234", "3201209999", "0113209999", "2902191230", "0011201234", "0000000000"] {
            assert!(!is_valid_chi(&d(invalid)), "{invalid}");
        }
    }

    #[test]
    fn nhs_numbers_from_the_format_notes() {
        for valid in ["401-023-2137", "221 395 1837", "0032698674", "943 476 5919", "943-476-5870"] {
            assert!(is_valid_nhs(&d(valid)), "{valid}");
        }
        for invalid in ["401-023-2138", "9434765871", "0000000000"] {
            assert!(!is_valid_nhs(&d(invalid)), "{invalid}");
        }
    }

    #[test]
    fn ni_numbers_from_the_format_notes() {
        for valid in ["AA123456B", "hh010203d", "tw987654a", "PR123612C", "YZ614868B"] {
            assert!(is_valid_nino(valid), "{valid}");
        }
        for invalid in ["AA123456H", "AB1234561", "FQ000000C", "BG123612A", "nt998877a", "UV987654B"] {
            assert!(!is_valid_nino(invalid), "{invalid}");
        }
    }

    #[test]
    fn postcodes_from_the_format_notes() {
        for valid in ["M1 1AA", "M60 1NW", "W1A 1HQ", "CR2 6XH", "DN55 1PT", "EC1A 1BB", "GIR 0AA", "EC1A1BB", "SW1A 1AA"] {
            assert!(is_valid_postcode(valid), "{valid}");
        }
        for invalid in ["QA1 1AA", "VA1 1AA", "XA1 1AA", "M1 1CA", "M1 1AI", "1A1 1AA"] {
            assert!(!is_valid_postcode(invalid), "{invalid}");
        }
    }

    #[test]
    fn identifiers_are_found_however_they_are_written() {
        assert_eq!(kinds("CHI 1904851231 on the label"), [IdKind::Chi]);
        assert_eq!(kinds("chi 19.04.85.12.31"), [IdKind::Chi]);
        assert_eq!(kinds("her NHS no. is 943 476 5919"), [IdKind::Nhs]);
        assert_eq!(kinds("9 4 3 4 7 6 5 9 1 9"), [IdKind::Nhs]);
        assert_eq!(kinds("NI number QQ 12 34 56 C"), [IdKind::Nino]);
        assert_eq!(kinds("ni qq192847b"), [IdKind::Nino]);
        assert!(kinds("QQ 12 34 56 C").is_empty(), "an unlabelled example prefix");
        assert_eq!(kinds("lives at EH4 3LP"), [IdKind::Postcode]);
        assert_eq!(kinds("call 07700 900123 now"), [IdKind::Phone]);
        assert_eq!(kinds("ring (0131) 496 0123"), [IdKind::Phone]);
        assert_eq!(kinds("my own number +44 7700 900318"), [IdKind::Phone]);
        assert_eq!(kinds("mail jo.bloggs@example.org"), [IdKind::Email]);
    }

    #[test]
    fn order_and_tracking_numbers_are_not_health_numbers() {
        assert!(kinds("ASOS order 2849173655 still processing").is_empty());
        assert!(!kinds("tracking ref 07951 448 302").contains(&IdKind::Nhs));
    }

    #[test]
    fn a_number_called_a_chi_counts_even_with_a_slip_in_its_check_digit() {
        assert_eq!(kinds("her CHI is 120384-2347 I think"), [IdKind::Chi]);
        assert_eq!(kinds("it keeps rejecting 0711496583 as a CHI"), [IdKind::Chi]);
        assert!(kinds("which one is 1203842347").is_empty(), "'which' is not 'CHI'");
        assert!(!kinds("CHI 3213842347").contains(&IdKind::Chi), "not a date of birth");
    }

    #[test]
    fn dates_of_birth_and_ages() {
        for text in
            ["DOB 03/04/2015", "d.o.b. 3.4.15", "born 3rd April 2015", "date of birth: 03-04-2015", "dob 27th aug 2006", "DOB 1977-05-02"]
        {
            assert_eq!(kinds(text), [IdKind::DateOfBirth], "{text}");
        }
        for text in ["aged 7", "a 7-year-old", "seven year old", "14 month old", "14 yo girl", "she's 91", "Little Ava (3)"] {
            assert!(kinds(text).contains(&IdKind::Age), "{text}");
        }
    }

    #[test]
    fn addresses_rooms_codes_and_settings() {
        assert!(kinds("I'm at 4 Station Brae").contains(&IdKind::StreetAddress));
        assert!(kinds("Flat 3/2, 14 Byres Road").contains(&IdKind::Flat));
        assert!(kinds("tenant at 3/2, 17 Whitehill Street").contains(&IdKind::Flat));
        assert!(kinds("the lady in room 3").contains(&IdKind::RoomNumber));
        assert!(kinds("Keysafe for Mr P is 1938").contains(&IdKind::AccessCode));
        assert!(kinds("back door code at Brae House is 4471#").contains(&IdKind::AccessCode));
        assert!(kinds("case no. 204881").contains(&IdKind::CaseReference));
        assert!(kinds("one of my ladies at Ravenscraig Lodge").contains(&IdKind::NamedSetting));
        assert!(kinds("our outing from Braeview Day Services").contains(&IdKind::NamedSetting));
        assert!(kinds("fun day at Craigie Family Centre").contains(&IdKind::NamedSetting));
        assert!(kinds("the home on Dunkeld Rd").contains(&IdKind::Street));
        assert!(kinds("gentleman in KA7, lives alone").contains(&IdKind::PostcodeDistrict));
        assert!(!kinds("the G20 summit").contains(&IdKind::PostcodeDistrict));
    }
}
