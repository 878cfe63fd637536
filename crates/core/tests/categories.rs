//! Everything a category needs, so that adding one to `Category` (and `Category::ALL`) fails here
//! until the rest is in place: a name, a guidance area, rules, and a row in the README's table.
//! The extension takes the list from the engine; its translations are checked on its side.

use postcare_core::guidance::Guidance;
use postcare_core::rules::RuleSet;
use postcare_core::Category;

#[test]
fn categories_are_listed_once_in_declaration_order() {
    for (i, c) in Category::ALL.into_iter().enumerate() {
        assert_eq!(c as usize, i, "{c} is out of place in Category::ALL");
        assert_eq!(Category::parse(c.as_str()), Some(c), "{c} does not parse back");
    }
    assert_eq!(Category::COUNT, Category::ALL.len());
}

/// Rules, settings and the JSON output all spell a category as `as_str` does.
#[test]
fn serialised_names_are_the_category_names() {
    for c in Category::ALL {
        assert_eq!(serde_json::to_value(c).unwrap(), c.as_str(), "{c} serialises under another name");
        assert_eq!(serde_json::from_value::<Category>(c.as_str().into()).unwrap(), c);
    }
}

#[test]
fn every_category_has_a_guidance_area_rules_and_a_readme_row() {
    let guidance = Guidance::get();
    let rules = &RuleSet::get().rules;
    let readme = include_str!("../../../README.md");
    let mut missing = Vec::new();
    for c in Category::ALL {
        if !guidance.areas.iter().any(|a| a.categories.contains(&c)) {
            missing.push(format!("{c}: no guidance area lists it (rules/guidance.toml)"));
        }
        if !rules.iter().any(|r| r.source.category == c) {
            missing.push(format!("{c}: no rule (rules/{c}.toml)"));
        }
        if !readme.lines().any(|l| l.starts_with(&format!("| {c} |"))) {
            missing.push(format!("{c}: no row in the README's table of categories"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
