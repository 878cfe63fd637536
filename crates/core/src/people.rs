//! People: names from a UK gazetteer, titles with surnames or initials, initials, nicknames tied
//! to a person ("Big Shuggie"), and the worker's own watch-list of the people they support.
//!
//! A name alone is not a breach (colleagues, footballers and the worker's own children have names
//! too); rules combine these signals with care, health or circumstance.

use crate::fnv::FnvSet;
use regex::Regex;
type WordSet = FnvSet<&'static str>;
use std::sync::OnceLock;

const FIRST_NAMES: &str = include_str!("../data/first_names.txt");
const SURNAMES: &str = include_str!("../data/surnames.txt");
/// Names that are also everyday words ("Will", "Hope", "Rose"), curated by hand.
const NAME_STOPWORDS: &str = include_str!("../data/name_stopwords.txt");

/// What kind of reference to a person was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonKind {
    /// A first name from the gazetteer, with its surname or initial if one follows.
    Name,
    /// A title with a surname or initial: "Mrs Kowalczyk", "Mr D", "Mr J.S.".
    TitledName,
    /// Initials standing for a person: "JM in flat 2", "K.D.".
    Initials,
    /// A nickname: "Big Shuggie", "wee Jimmy".
    Nickname,
    /// A name from the worker's watch-list.
    Watched,
    /// A watch-list name in full, first name and surname: found as [`PersonKind::Watched`] too.
    WatchedFullName,
}

impl PersonKind {
    pub const ALL: [PersonKind; 6] = [
        PersonKind::Name,
        PersonKind::TitledName,
        PersonKind::Initials,
        PersonKind::Nickname,
        PersonKind::Watched,
        PersonKind::WatchedFullName,
    ];

    /// The signal name rules use.
    pub fn name(self) -> &'static str {
        match self {
            PersonKind::Name => "person_name",
            PersonKind::TitledName => "titled_name",
            PersonKind::Initials => "initials",
            PersonKind::Nickname => "nickname",
            PersonKind::Watched => "watched_name",
            PersonKind::WatchedFullName => "watched_full_name",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub kind: PersonKind,
    pub start: usize,
    pub end: usize,
}

fn word_list(source: &'static str) -> WordSet {
    source.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

struct Gazetteer {
    first_names: WordSet,
    surnames: WordSet,
    everyday_words: WordSet,
    word: Regex,
}

fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(|| Gazetteer {
        first_names: word_list(FIRST_NAMES),
        surnames: word_list(SURNAMES),
        everyday_words: word_list(NAME_STOPWORDS),
        word: Regex::new(r"[A-Za-z][A-Za-z'\-]*").expect("word pattern"),
    })
}

const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "mister", "missus"];
const NICKNAME_WORDS: &[&str] = &["big", "wee", "auld", "old", "little", "young", "daft", "mad", "wee-"];

/// Capitalised abbreviations that are not initials of a person.
const ACRONYMS: &[&str] = &[
    "OK", "TV", "UK", "GP", "OT", "SW", "CP", "PE", "YP", "MH", "LD", "DM", "PM", "AM", "PA", "IT", "HR", "ID", "NI", "DD", "SU", "AA",
    "NA", "RE", "FB", "IG", "BBC", "NHS", "CHI", "MHO", "ASP", "PRN", "DWP", "PIP", "ADHD", "HSCP", "SSSC", "SVQ", "CJSW", "ELC", "MND",
    "COPD", "FASD", "CMHT", "POV", "PSA", "RIP", "FYI", "TBH", "LOL", "OMG", "AIBU", "NCS", "CPO", "CTO", "POA", "PVG", "KFC", "MSP", "MP",
    "SNP", "ICU", "AE", "GMB", "YOI", "CAMHS", "MAPPA", "STDC", "CCTV", "PB", "PS", "UC", "MR", "DNR", "DNACPR", "NB", "ASAP", "BSL",
    "ASD", "PTSD", "OCD", "EH", "KA", "KY", "FK", "ML", "PH", "AB", "DG", "IV", "TD", "ZE", "HS", "KW", "DD", "VE", "WW", "OG", "AF",
];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

fn bare(word: &str) -> &str {
    let word = word.trim_end_matches(['\'', '-']);
    word.strip_suffix("'s").unwrap_or(word)
}

struct Token<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    sentence_start: bool,
}

fn tokens<'t>(text: &'t str, sentence_starts: &[usize]) -> Vec<Token<'t>> {
    let mut out: Vec<Token<'t>> = Vec::new();
    let mut sentence = usize::MAX;
    for m in gazetteer().word.find_iter(text) {
        // A word begins a sentence when nothing but punctuation, space or emoji lies between the
        // sentence start and it. Only the first word of each sentence needs that look back.
        let this_sentence = sentence_starts.partition_point(|&s| s <= m.start()).saturating_sub(1);
        let sentence_start = this_sentence != sentence && {
            let from = sentence_starts.get(this_sentence).copied().unwrap_or(0);
            !text[from..m.start()].chars().any(char::is_alphanumeric)
        };
        sentence = this_sentence;
        out.push(Token { text: m.as_str(), start: m.start(), end: m.end(), sentence_start });
    }
    out
}

/// A watch-list entry prepared for matching.
struct Watched {
    first: String,
    surname: Option<String>,
    short_forms: Vec<String>,
}

/// Common short forms of first names, both ways round.
const SHORT_FORMS: &[(&str, &[&str])] = &[
    ("margaret", &["maggie", "mags", "meg", "peggy", "maisie", "rita"]),
    ("alexander", &["alex", "sandy", "eck", "alec", "ally", "sandra"]),
    ("alexandra", &["alex", "sandra", "lexie", "sandy"]),
    ("james", &["jim", "jimmy", "jamie", "jas", "hamish"]),
    ("robert", &["rab", "rob", "bob", "bobby", "robbie", "rabbie", "bert"]),
    ("william", &["willie", "wullie", "bill", "billy", "liam", "will"]),
    ("elizabeth", &["liz", "lizzie", "beth", "betty", "elsie", "libby", "bette"]),
    ("catherine", &["cathy", "kate", "katie", "cath", "kathy"]),
    ("katherine", &["kathy", "kate", "katie", "kath"]),
    ("thomas", &["tam", "tom", "tommy"]),
    ("john", &["johnny", "jock", "jack", "ian"]),
    ("hugh", &["shug", "shuggie", "hughie"]),
    ("isabel", &["isa", "bella", "izzy", "ishbel"]),
    ("isabella", &["isa", "bella", "izzy"]),
    ("christine", &["chris", "chrissie", "kirsty"]),
    ("christina", &["chris", "chrissie", "kirsty", "tina"]),
    ("patricia", &["pat", "tricia", "trish", "patsy"]),
    ("patrick", &["pat", "paddy"]),
    ("andrew", &["andy", "drew", "dand"]),
    ("anthony", &["tony", "ant"]),
    ("david", &["davie", "dave", "davy"]),
    ("daniel", &["danny", "dan"]),
    ("edward", &["eddie", "ted", "teddy", "ned"]),
    ("francis", &["frank", "frankie"]),
    ("george", &["dod", "geordie"]),
    ("gordon", &["gordie"]),
    ("helen", &["nell", "nellie", "ellen"]),
    ("janet", &["jessie", "jan", "jenny", "netta"]),
    ("jean", &["jeannie"]),
    ("joseph", &["joe", "joey"]),
    ("kenneth", &["kenny", "ken"]),
    ("mary", &["molly", "mamie", "may"]),
    ("michael", &["mick", "mike", "mikey"]),
    ("nicholas", &["nick", "nicky"]),
    ("rebecca", &["becky", "becca"]),
    ("richard", &["rick", "rich", "dick", "richie"]),
    ("samuel", &["sam", "sammy"]),
    ("samantha", &["sam", "sammy"]),
    ("stephen", &["steve", "stevie"]),
    ("steven", &["steve", "stevie"]),
    ("susan", &["sue", "susie"]),
    ("victoria", &["vicky", "tori"]),
    ("wilhelmina", &["mina", "wilma"]),
    ("agnes", &["nessie", "aggie", "nancy"]),
    ("annabel", &["annie", "bel"]),
    ("ann", &["annie"]),
    ("anne", &["annie"]),
    ("archibald", &["archie", "baldie"]),
    ("charles", &["charlie", "chic", "chick"]),
    ("donald", &["donnie", "don"]),
    ("duncan", &["dunc"]),
    ("gregor", &["greg"]),
    ("gregory", &["greg"]),
    ("ronald", &["ronnie", "ron"]),
    ("peter", &["pete"]),
    ("matthew", &["matt", "matty"]),
    ("jacqueline", &["jackie", "jacqui"]),
    ("josephine", &["jo", "josie"]),
    ("joanne", &["jo"]),
    ("deborah", &["debbie", "deb"]),
    ("frances", &["fran", "frankie"]),
    ("dorothy", &["dot", "dottie"]),
    ("euphemia", &["effie", "phemie"]),
    ("bernadette", &["bernie"]),
    ("bernard", &["bernie"]),
    ("benjamin", &["ben", "benny"]),
];

fn short_forms_of(first: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (full, shorts) in SHORT_FORMS {
        if *full == first {
            out.extend(shorts.iter().map(|s| s.to_string()));
        } else if shorts.contains(&first) {
            // Someone listed as "Jim" may be written as "James".
            out.push(full.to_string());
        }
    }
    // "Ellie-Mae" is often just "Ellie", or "ellie mae" typed with a space.
    if let Some((head, _)) = first.split_once('-').filter(|(head, _)| head.len() > 1) {
        out.push(head.to_string());
    }
    out
}

/// The worker's watch-list, ready to match.
pub struct Watchlist {
    people: Vec<Watched>,
}

impl Watchlist {
    pub fn new(names: &[String]) -> Watchlist {
        let people = names
            .iter()
            .filter_map(|n| {
                let folded = crate::text::Folded::new(n);
                let parts: Vec<String> = folded
                    .as_str()
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|p| !p.is_empty())
                    .map(|p| p.to_ascii_lowercase())
                    .collect();
                let first = parts.first()?.clone();
                let surname = parts.last().filter(|_| parts.len() > 1).cloned();
                let short_forms = short_forms_of(&first);
                Some(Watched { first, surname, short_forms })
            })
            .collect();
        Watchlist { people }
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// Whether a display name (who a message goes to, a group chat's name) is someone on the
    /// list, by the same matching as names in text. A display name is a name wherever it
    /// starts and however it is cased, so "sandy_f" is Sandy Fleming as "Sandy Fleming" is.
    pub fn matches_name(&self, name: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let folded = crate::text::Folded::new(name);
        // Capitalise every word, as a name in running text would be. Each word starts with an
        // ASCII letter, so changing its case keeps the text valid UTF-8.
        let mut bytes = folded.as_str().as_bytes().to_vec();
        for m in gazetteer().word.find_iter(folded.as_str()) {
            bytes[m.start()] = bytes[m.start()].to_ascii_uppercase();
        }
        let text = String::from_utf8(bytes).expect("ASCII case change keeps UTF-8");
        let mut toks = tokens(&text, &[]);
        for t in &mut toks {
            t.sentence_start = false;
        }
        let lowered = text.to_ascii_lowercase();
        let lower: Vec<&str> = toks.iter().map(|t| &lowered[t.start..t.start + bare(t.text).len()]).collect();
        let mut found = Vec::new();
        find_watched(&text, &toks, &lower, self, &mut found);
        !found.is_empty()
    }
}

/// Verbs that, straight after a capitalised word at the start of a sentence, show it is a name.
const NAME_VERBS: &[&str] = &[
    "is", "was", "has", "had", "fell", "said", "says", "asked", "told", "phoned", "called", "came", "went", "got", "keeps", "kept",
    "needs", "wants", "wanted", "loves", "loved", "won", "passed", "died", "refused", "kicked", "threw", "did", "does", "cried", "laughed",
    "shouted", "screamed", "tried", "managed", "walked", "ate",
];

/// Places that are also first names: "the ferry to Lewis" is not about Lewis.
const PLACE_NAMES: &[&str] = &[
    "lewis", "harris", "skye", "isla", "iona", "arran", "lorne", "ross", "douglas", "elgin", "kelso", "alva", "clyde", "carron", "nairn",
    "lochee", "denny", "fraser", "bute", "coll", "jura", "kyle", "troon", "largs", "cupar", "ayr",
];
const PLACE_PREPOSITIONS: &[&str] = &["to", "in", "on", "from", "at", "of", "over", "near", "off"];

/// Finds references to people in `text`.
pub fn find(text: &str, sentence_starts: &[usize], watchlist: &Watchlist) -> Vec<Person> {
    let g = gazetteer();
    let toks = tokens(text, sentence_starts);
    let mut out = Vec::new();
    // ASCII lower-casing keeps byte offsets, so each token's lower-case form is a slice.
    let lowered = text.to_ascii_lowercase();
    let lower: Vec<&str> = toks.iter().map(|t| &lowered[t.start..t.start + bare(t.text).len()]).collect();
    let next_is = |i: usize, pred: &dyn Fn(&Token) -> bool| {
        toks.get(i + 1).is_some_and(|t| {
            // Only directly adjacent words (a space between) form one name.
            text[toks[i].end..t.start].trim_matches(|c: char| c == ' ' || c == '.').is_empty() && pred(t)
        })
    };
    let is_initial = |t: &Token| t.text.len() == 1 && t.text.chars().all(|c| c.is_ascii_uppercase());
    let is_surname_like = |t: &Token| is_capitalised(t.text) && !g.everyday_words.contains(bare(t.text).to_ascii_lowercase().as_str());

    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let word = bare(t.text);
        let low = lower[i];

        // Title + surname or initial: "Mrs Lennox's", "Mr D", "Mr and Mrs Paterson".
        if TITLES.contains(&low) && is_capitalised(t.text) {
            let mut j = i + 1;
            if toks.get(j).is_some_and(|n| n.text == "and")
                && toks.get(j + 1).is_some_and(|n| TITLES.contains(&n.text.to_ascii_lowercase().as_str()))
            {
                j += 2;
            }
            if let Some(n) = toks.get(j).filter(|n| is_capitalised(n.text) && n.start - toks[j - 1].end <= 2) {
                let mut end = n.start + bare(n.text).len();
                // Dotted initials "Mr J.S." arrive as one token per letter.
                let mut k = j;
                while toks.get(k + 1).is_some_and(|m| is_initial(m) && m.start - toks[k].end <= 2) {
                    k += 1;
                    end = toks[k].end;
                }
                out.push(Person { kind: PersonKind::TitledName, start: t.start, end });
                i = k + 1;
                continue;
            }
        }

        // Nicknames: "Big Shuggie", "wee Jimmy", "Little Ava".
        if NICKNAME_WORDS.contains(&low) && next_is(i, &|n: &Token| is_capitalised(n.text) && n.text.len() > 2) {
            let n = &toks[i + 1];
            if !g.everyday_words.contains(bare(n.text).to_ascii_lowercase().as_str()) {
                out.push(Person { kind: PersonKind::Nickname, start: t.start, end: n.end });
                i += 2;
                continue;
            }
        }

        // Initials: "JM in flat 2", "K.D.", "(initials B.M.)".
        let two_caps = word.len() == 2 && word.chars().all(|c| c.is_ascii_uppercase()) && !ACRONYMS.contains(&word);
        let followed_by_place_word = toks.get(i + 1).is_some_and(|n| matches!(n.text, "in" | "at" | "from" | "on" | "fae" | "frm"));
        if two_caps && (followed_by_place_word || t.text.ends_with("'s")) {
            out.push(Person { kind: PersonKind::Initials, start: t.start, end: t.start + word.len() });
            i += 1;
            continue;
        }
        if is_initial(t)
            && text[t.end..].starts_with('.')
            && toks.get(i + 1).is_some_and(|n| is_initial(n) && n.start == t.end + 1)
            && !toks.get(i.wrapping_sub(1)).is_some_and(|p| TITLES.contains(&p.text.to_ascii_lowercase().as_str()))
        {
            out.push(Person { kind: PersonKind::Initials, start: t.start, end: toks[i + 1].end + 1 });
            i += 2;
            continue;
        }

        // Gazetteer first names, with a following surname or initial.
        if g.first_names.contains(low) && word.len() > 2 {
            let everyday = g.everyday_words.contains(low);
            let has_surname = next_is(i, &|n: &Token| {
                is_surname_like(n) && (g.surnames.contains(bare(n.text).to_ascii_lowercase().as_str()) || is_initial(n))
            }) || next_is(i, &|n: &Token| is_initial(n));
            let counts = if everyday {
                // "Will anyone…", "Rose gold", "Mark my words": only with a surname.
                is_capitalised(t.text) && has_surname
            } else {
                is_capitalised(t.text) || !t.sentence_start || t.text.len() > 3
            };
            if counts {
                let end = if has_surname { toks[i + 1].start + bare(toks[i + 1].text).len() } else { t.start + word.len() };
                out.push(Person { kind: PersonKind::Name, start: t.start, end });
                i += if has_surname { 2 } else { 1 };
                continue;
            }
        }
        i += 1;
    }

    if !watchlist.is_empty() {
        find_watched(text, &toks, &lower, watchlist, &mut out);
    }
    out.sort_by_key(|p| (p.start, p.end));
    out
}

fn find_watched(text: &str, toks: &[Token], lower: &[&str], watchlist: &Watchlist, out: &mut Vec<Person>) {
    let g = gazetteer();
    for (i, t) in toks.iter().enumerate() {
        let low = lower[i];
        let word_len = bare(t.text).len();
        for person in &watchlist.people {
            let next = toks.get(i + 1).filter(|n| text[t.end..n.start].trim() == "");
            let next_low = next.map(|_| lower[i + 1]);
            let prev_low = i.checked_sub(1).map(|p| lower[p]);

            // Surname with a title: "Mrs Kelly" for Moira Kelly.
            if let (Some(surname), Some(prev)) = (&person.surname, prev_low) {
                if low == surname && TITLES.contains(&prev) {
                    out.push(Person { kind: PersonKind::Watched, start: toks[i - 1].start, end: t.start + word_len });
                    continue;
                }
            }
            let first_matches = low == person.first || person.short_forms.iter().any(|f| f == low);
            if !first_matches {
                continue;
            }
            // "Agnes Moffat" is not Agnes Blackwood: a different surname means a different person.
            if let (Some(n), Some(n_low)) = (next, next_low) {
                let rest_of_first = person.first.split_once('-').is_some_and(|(_, tail)| tail == n_low);
                let surname_ok =
                    rest_of_first || person.surname.as_deref().is_none_or(|s| n_low == s || (n.text.len() == 1 && s.starts_with(n_low)));
                if is_capitalised(n.text) && !surname_ok && n.text.len() > 1 && !g.everyday_words.contains(n_low) {
                    continue;
                }
            }
            // "the ferry to Lewis": a place, not a person.
            if PLACE_NAMES.contains(&low) && prev_low.is_some_and(|p| PLACE_PREPOSITIONS.contains(&p)) {
                continue;
            }
            // "Will anyone…", "the grace of god", "always hope": everyday words need a capital
            // letter away from the start of a sentence.
            if g.everyday_words.contains(low) && (!is_capitalised(t.text) || t.sentence_start) {
                let surname_follows = person.surname.as_deref().is_some_and(|s| next_low == Some(s));
                // At the start of a sentence, "Frank fell again" and "Sandy's daughter" are
                // still the person: a possessive or a verb straight after the name says so.
                let reads_as_a_name =
                    is_capitalised(t.text) && (t.text.ends_with("'s") || next_low.is_some_and(|w| NAME_VERBS.contains(&w)));
                if !surname_follows && !reads_as_a_name {
                    continue;
                }
            }
            let end = match (next, &person.surname) {
                (Some(n), Some(s)) if next_low == Some(s.as_str()) || (n.text.len() == 1 && s.starts_with(next_low.unwrap_or("-"))) => {
                    n.start + bare(n.text).len()
                }
                _ => t.start + word_len,
            };
            out.push(Person { kind: PersonKind::Watched, start: t.start, end });
            if person.surname.as_deref().is_some_and(|s| next_low == Some(s)) {
                out.push(Person { kind: PersonKind::WatchedFullName, start: t.start, end });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str, watch: &[&str]) -> Vec<(PersonKind, String)> {
        let starts: Vec<usize> = crate::text::sentences(text).into_iter().map(|s| s.0).collect();
        let w = Watchlist::new(&watch.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        find(text, &starts, &w).into_iter().map(|p| (p.kind, text[p.start..p.end].to_string())).collect()
    }

    #[test]
    fn titles_with_surnames_and_initials() {
        assert_eq!(people("Selfie in Mrs Lennox's kitchen", &[]), [(PersonKind::TitledName, "Mrs Lennox".into())]);
        assert_eq!(people("Mr D on Gardner St", &[])[0], (PersonKind::TitledName, "Mr D".into()));
        assert_eq!(people("Mr J.S. from the town", &[])[0], (PersonKind::TitledName, "Mr J.S".into()));
    }

    #[test]
    fn gazetteer_names_with_surnames() {
        let found = people("Please keep Margaret Tulloch in your thoughts", &[]);
        assert_eq!(found, [(PersonKind::Name, "Margaret Tulloch".into())]);
        assert!(people("Will anyone be at the meeting?", &[]).is_empty());
        assert!(people("Rose gold everything", &[]).is_empty());
    }

    #[test]
    fn nicknames_and_initials() {
        assert!(people("Big Shuggie at the day centre", &[]).iter().any(|p| p.0 == PersonKind::Nickname));
        assert!(people("JM in flat 2 has been screaming", &[]).iter().any(|p| p.0 == PersonKind::Initials));
        assert!(!people("MHO here.", &[]).iter().any(|p| p.0 == PersonKind::Initials));
    }

    #[test]
    fn watchlist_matches_and_refuses() {
        let watched = |text: &str, w: &[&str]| people(text, w).into_iter().filter(|p| p.0 == PersonKind::Watched).count();
        assert_eq!(watched("Agnes's daughter finally showed up", &["Agnes Blackwood"]), 1);
        let full = |text: &str, w: &[&str]| people(text, w).into_iter().filter(|p| p.0 == PersonKind::WatchedFullName).count();
        assert_eq!(full("Agnes Blackwood was on form today", &["Agnes Blackwood"]), 1);
        assert_eq!(full("Agnes B was on form today", &["Agnes Blackwood"]), 0, "an initial is not the full name");
        assert_eq!(full("Agnes was on form today", &["Agnes Blackwood"]), 0);
        assert_eq!(watched("bernadette had us in stitches", &["Bernadette Quinn"]), 1);
        assert_eq!(watched("cake for Mrs Kelly's 80th", &["Moira Kelly"]), 1);
        assert_eq!(watched("Praying for Lorna B tonight", &["Lorna Baird"]), 1);
        assert_eq!(watched("Rab's had another fall", &["Robert Cowie"]), 1);
        assert_eq!(watched("ellie mae got her contact back", &["Ellie-Mae Robertson"]), 1);
        assert_eq!(watched("Ellie Mae got her contact back", &["Ellie-Mae Robertson"]), 1);
        assert_eq!(watched("Ellie got her contact back", &["Ellie-Mae Robertson"]), 1);
        assert_eq!(watched("today was Agnes Moffat's last day", &["Agnes Blackwood"]), 0);
        assert_eq!(watched("Will anyone be there?", &["Will Henderson"]), 0);
        assert_eq!(watched("Frank fell again last night", &["Frank Russell"]), 1);
        assert_eq!(watched("Sandy's daughter phoned about his meds", &["Sandy Fleming"]), 1);
        assert_eq!(watched("Sandy beach at Gullane today", &["Sandy Fleming"]), 0);
        assert_eq!(watched("by the grace of god", &["Grace Millar"]), 0);
        assert_eq!(watched("Ferry to Lewis cancelled", &["Lewis Grant"]), 0);
        assert_eq!(watched("New jeans and a Simpsons marathon", &["Jean Simpson"]), 0);
    }

    #[test]
    fn display_names_match_the_watchlist() {
        let list = Watchlist::new(&["Sandy Fleming".to_string(), "Robert Cowie".to_string(), "Moira Kelly".to_string()]);
        for name in ["Sandy Fleming", "sandy", "sandy_f", "Rab Cowie", "Mrs Kelly", "Moira", "MOIRA KELLY"] {
            assert!(list.matches_name(name), "{name} should match");
        }
        for name in ["Sandy Gallacher", "Kelly Brown", "Team Rowan", "", "Bob Marley"] {
            assert!(!list.matches_name(name), "{name} should not match");
        }
        assert!(!Watchlist::new(&[]).matches_name("Sandy"));
    }
}
