//! Folding a draft into a searchable form, and mapping positions back.
//!
//! Workers (and autocorrect) write the same thing many ways: curly apostrophes, en dashes,
//! full-width digits pasted from a phone, a zero-width space that hides a name from a naive
//! search, or Cyrillic letters that look Latin. Detectors run on the folded text; every finding is
//! mapped back to the exact characters of the original draft, so the underline lands on what the
//! worker typed.

/// The folded text and a map from its byte offsets back to the original's.
pub struct Folded<'a> {
    original: &'a str,
    folded: String,
    /// For each byte of `folded`: the (start, end) byte range of the original character that
    /// produced it. `None` when folding changed nothing, so the common case costs no memory.
    origin: Option<Vec<(u32, u32)>>,
}

/// Characters that render as nothing and can be slipped inside a word or number.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// The plain character a look-alike stands for, if it is one.
fn fold_char(c: char) -> Option<char> {
    let folded = match c {
        // Full-width forms of ASCII, as phones and some keyboards type them.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)?,
        '\u{3000}' | '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => ' ',
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        // Cyrillic and Greek letters that look Latin: a disguised name is still a name.
        'а' => 'a',
        'в' => 'b',
        'е' => 'e',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'ӏ' => 'l',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'У' => 'Y',
        'Х' => 'X',
        'І' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'Ԁ' => 'D',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        'ο' => 'o',
        'ν' => 'v',
        'ι' => 'i',
        _ => return None,
    };
    Some(folded)
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Folded<'a> {
        // Plain ASCII (bar the backtick) never needs folding; check it a byte at a time.
        let needs_folding = original.as_bytes().contains(&b'`')
            || (!original.is_ascii() && original.chars().any(|c| !c.is_ascii() && (is_invisible(c) || fold_char(c).is_some())));
        if !needs_folding {
            return Folded { original, folded: original.to_owned(), origin: None };
        }
        let mut folded = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            if is_invisible(c) {
                continue;
            }
            let span = (at as u32, (at + c.len_utf8()) as u32);
            let out = fold_char(c).unwrap_or(c);
            folded.push(out);
            origin.extend(std::iter::repeat_n(span, out.len_utf8()));
        }
        Folded { original, folded, origin: Some(origin) }
    }

    /// The text detectors search.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    pub fn original(&self) -> &'a str {
        self.original
    }

    /// Maps a byte range of the folded text to the original characters it came from.
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let Some(origin) = &self.origin else {
            return (start, end);
        };
        if origin.is_empty() {
            return (0, 0);
        }
        let s = origin.get(start).map_or(self.original.len(), |o| o.0 as usize);
        let e = if end == 0 { s } else { origin.get(end - 1).map_or(self.original.len(), |o| o.1 as usize) };
        (s, e.max(s))
    }
}

/// Converts UTF-8 byte offsets of one text into UTF-16 code-unit offsets (JavaScript's unit).
pub struct Utf16Index {
    /// (byte offset, UTF-16 offset) just after every non-ASCII character, in order. Between
    /// checkpoints every character is ASCII: one byte, one unit.
    checkpoints: Vec<(usize, usize)>,
    len: usize,
}

impl Utf16Index {
    pub fn new(text: &str) -> Utf16Index {
        let mut checkpoints = Vec::new();
        let mut units = 0usize;
        for (at, c) in text.char_indices() {
            units += c.len_utf16();
            if !c.is_ascii() {
                checkpoints.push((at + c.len_utf8(), units));
            }
        }
        Utf16Index { checkpoints, len: text.len() }
    }

    /// The UTF-16 offset of a byte offset on a character boundary.
    pub fn at(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        match self.checkpoints.partition_point(|&(b, _)| b <= byte) {
            0 => byte,
            i => {
                let (b, u) = self.checkpoints[i - 1];
                u + (byte - b)
            }
        }
    }
}

/// Byte ranges of the sentences of a text: split after . ! ? and at line breaks.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let ends = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' => {
                // A full stop inside a number or an abbreviation ("3.4.15", "Mr.") does not end a sentence.
                let next = bytes.get(i + 1).copied();
                matches!(next, None | Some(b' ' | b'\n' | b'\t' | b'\r' | b'"' | b'\'' | b')'))
                    && !(b == b'.' && ends_with_title(&text[start..i]))
            }
            _ => false,
        };
        if ends {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?') {
                end += 1;
            }
            if end > start {
                out.push((start, end));
            }
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// Splits sentences (as [`sentences`] gives them) into clauses: after a comma, semicolon or colon
/// followed by a space, and at a dash between spaces (" - ", " – ", " — "). "1,000" and "10:30"
/// stay whole.
pub fn clauses(text: &str, sentences: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(sentences.len());
    for &(start, end) in sentences {
        let mut from = start;
        let mut i = start;
        while i < end {
            let spaced = |at: usize| at < end && matches!(bytes[at], b' ' | b'\t' | b'\n' | b'\r');
            let cut = match bytes[i] {
                b',' | b';' | b':' if spaced(i + 1) => Some(i + 1),
                b'-' if i > start && spaced(i + 1) && bytes[i - 1] == b' ' => Some(i + 1),
                // En and em dashes: E2 80 93 / E2 80 94.
                0xE2 if i > start
                    && bytes[i - 1] == b' '
                    && bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0x93 | 0x94))
                    && spaced(i + 3) =>
                {
                    Some(i + 3)
                }
                _ => None,
            };
            match cut {
                Some(at) => {
                    out.push((from, at));
                    from = at;
                    i = at;
                }
                None => i += 1,
            }
        }
        if from < end {
            out.push((from, end));
        }
    }
    out
}

fn ends_with_title(before: &str) -> bool {
    let word = before.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    matches!(word, "Mr" | "Mrs" | "Ms" | "Dr" | "Mx" | "St" | "no" | "No")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_invisibles_and_maps_back() {
        let text = "Ag\u{200B}nes";
        let f = Folded::new(text);
        assert_eq!(f.as_str(), "Agnes");
        assert_eq!(f.to_original(0, 5), (0, text.len()));
    }

    #[test]
    fn folding_maps_full_width_digits_and_cyrillic() {
        let f = Folded::new("１９０４ Аgnes");
        assert_eq!(f.as_str(), "1904 Agnes");
        let (s, e) = f.to_original(5, 10);
        assert_eq!(&f.original()[s..e], "Аgnes");
    }

    #[test]
    fn unchanged_text_is_not_copied_into_a_map() {
        let f = Folded::new("plain text");
        assert!(f.origin.is_none());
        assert_eq!(f.to_original(2, 4), (2, 4));
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let text = "😀 é x";
        let idx = Utf16Index::new(text);
        assert_eq!(idx.at(0), 0);
        assert_eq!(idx.at(4), 2); // after the emoji (4 bytes, 2 units)
        assert_eq!(idx.at(5), 3); // after the space
        assert_eq!(idx.at(7), 4); // after é (2 bytes, 1 unit)
        assert_eq!(idx.at(text.len()), 6);
    }

    #[test]
    fn clauses_split_at_commas_colons_and_dashes_not_in_numbers() {
        let text = "Steaming on shift, keysafe is 1938; paid £1,000 at 10:30 – honest - aye. Next one";
        let parts: Vec<&str> = clauses(text, &sentences(text)).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(parts, ["Steaming on shift,", " keysafe is 1938;", " paid £1,000 at 10:30 –", " honest -", " aye.", " Next one"]);
        assert!(clauses("", &sentences("")).is_empty());
    }

    #[test]
    fn sentences_split_on_stops_not_on_dates_or_titles() {
        let s = sentences("Mr. B is 91. DOB 3.4.15 ok\nnext");
        let parts: Vec<&str> = s.iter().map(|&(a, b)| &"Mr. B is 91. DOB 3.4.15 ok\nnext"[a..b]).collect();
        assert_eq!(parts, ["Mr. B is 91.", " DOB 3.4.15 ok\n", "next"]);
    }
}
