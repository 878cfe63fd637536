//! Finds the rule files (`rules/*.toml`, but `guidance.toml`) and lexicon files
//! (`rules/lexicons/*.toml`), so adding one means adding the file and nothing else:
//! - `rule_files.rs` compiles them all into the engine (the WebAssembly build has no file access);
//! - `rule_example_tests.rs` holds one test per rule, named after it (`confidentiality.case-talk`
//!   becomes `rules::rule_examples::confidentiality::case_talk`), which runs the rule's examples.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let rules_dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("rules");
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
    // A directory is watched as a whole: a new, removed or changed file reruns this script.
    println!("cargo:rerun-if-changed=rules");

    // guidance.toml is the guidance summary the rules cite, not a rule file (see guidance.rs).
    let rule_files: Vec<PathBuf> = toml_files(&rules_dir).into_iter().filter(|p| !p.ends_with("guidance.toml")).collect();
    let lexicon_files = toml_files(&rules_dir.join("lexicons"));

    let mut files = String::new();
    write_list(&mut files, "Rule files, by category.", "RULE_FILES", &rules_dir, &rule_files);
    write_list(&mut files, "Lexicon files.", "LEXICON_FILES", &rules_dir, &lexicon_files);
    fs::write(out_dir.join("rule_files.rs"), files).expect("write rule_files.rs");

    let mut ids = Vec::new();
    for path in &rule_files {
        let source = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        ids.extend(rule_ids(&source));
    }
    fs::write(out_dir.join("rule_example_tests.rs"), example_tests(&ids)).expect("write rule_example_tests.rs");
}

/// The `.toml` files directly in `dir`, sorted by name so the build does not depend on the file
/// system's order.
fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

/// `pub const NAME: &[(&str, &str)]`: each file's path under `rules/` and its text.
fn write_list(out: &mut String, doc: &str, name: &str, rules_dir: &Path, files: &[PathBuf]) {
    writeln!(out, "/// {doc} Found by build.rs; compiled in so the WebAssembly build needs no file access.").unwrap();
    writeln!(out, "pub const {name}: &[(&str, &str)] = &[").unwrap();
    for path in files {
        let relative = path.strip_prefix(rules_dir).expect("under rules/").to_str().expect("UTF-8 file name");
        let absolute = path.to_str().expect("UTF-8 path");
        writeln!(out, "    ({relative:?}, include_str!({absolute:?})),").unwrap();
    }
    writeln!(out, "];").unwrap();
}

/// The ids of a rule file's rules: the `id = "…"` lines of its `[[rule]]` tables (a file may hold
/// other tables, such as prompts, with ids of their own). A test checks these against the parsed
/// rule set, so a rule written some other way cannot go untested.
fn rule_ids(source: &str) -> Vec<String> {
    let mut in_rule = false;
    let mut ids = Vec::new();
    for line in source.lines().map(str::trim) {
        if line.starts_with('[') {
            in_rule = line == "[[rule]]";
        } else if let Some(id) = line.strip_prefix("id = \"").and_then(|r| r.strip_suffix('"')) {
            if in_rule {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

/// A module per category and a test per rule, each calling `check_examples(id)`, and `RULE_IDS`.
fn example_tests(ids: &[String]) -> String {
    let mut by_category: Vec<(&str, Vec<&str>)> = Vec::new();
    for id in ids {
        let category = id.split_once('.').map_or("uncategorised", |(c, _)| c);
        match by_category.iter_mut().find(|(c, _)| *c == category) {
            Some((_, rules)) => rules.push(id),
            None => by_category.push((category, vec![id])),
        }
    }
    let mut out = String::new();
    for (category, rules) in &by_category {
        writeln!(out, "mod {} {{", identifier(category)).unwrap();
        for id in rules {
            let name = id.split_once('.').map_or(id.as_ref(), |(_, n)| n);
            writeln!(out, "    #[test]\n    fn {}() {{\n        super::check_examples({id:?});\n    }}", identifier(name)).unwrap();
        }
        writeln!(out, "}}").unwrap();
    }
    writeln!(out, "/// Every rule id a test was generated for.\nconst RULE_IDS: &[&str] = &{ids:?};").unwrap();
    out
}

/// A Rust identifier for a rule id part: `case-talk` becomes `case_talk`.
fn identifier(part: &str) -> String {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else", "enum", "extern",
        "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override",
        "priv", "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized",
        "use", "virtual", "where", "while", "yield",
    ];
    let mut name: String = part.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) || KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "rule_");
    }
    name
}
