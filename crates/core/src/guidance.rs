//! The guidance summary: the three areas of the SSSC social media guidance and the Code of
//! Practice statements they rest on, in the project's own words (data in `rules/guidance.toml`).
//!
//! Rules cite areas and statements by id; the popup and `postcare guidance` show the same data.

use crate::Category;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const GUIDANCE_TOML: &str = include_str!("../rules/guidance.toml");

/// One of the three areas of the social media guidance.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Area {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub points: Vec<String>,
    /// The engine's categories that fall under this area.
    pub categories: Vec<Category>,
    /// Ids of the Code statements this area rests on.
    pub code: Vec<String>,
}

/// A Code of Practice statement, as quoted by the guidance.
#[derive(Debug, Clone, Serialize)]
pub struct CodeStatement {
    pub id: String,
    pub text: String,
}

/// The whole summary, as the popup renders it.
#[derive(Debug, Clone, Serialize)]
pub struct Guidance {
    pub intro: String,
    pub codes_url: String,
    pub areas: Vec<Area>,
    pub code: Vec<CodeStatement>,
}

#[derive(Deserialize)]
struct GuidanceFile {
    intro: String,
    codes_url: String,
    area: Vec<Area>,
    code: BTreeMap<String, String>,
}

impl Guidance {
    /// The summary compiled into the engine, parsed once.
    pub fn get() -> &'static Guidance {
        static GUIDANCE: OnceLock<Guidance> = OnceLock::new();
        GUIDANCE.get_or_init(|| Guidance::parse(GUIDANCE_TOML).unwrap_or_else(|e| panic!("rules/guidance.toml: {e}")))
    }

    fn parse(source: &str) -> Result<Guidance, String> {
        let file: GuidanceFile = toml::from_str(source).map_err(|e| e.to_string())?;
        let code: Vec<CodeStatement> = file.code.into_iter().map(|(id, text)| CodeStatement { id, text }).collect();
        for area in &file.area {
            for id in &area.code {
                if !code.iter().any(|c| &c.id == id) {
                    return Err(format!("area {} cites unknown Code statement {id}", area.id));
                }
            }
        }
        Ok(Guidance { intro: file.intro, codes_url: file.codes_url, areas: file.area, code })
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    pub fn statement(&self, id: &str) -> Option<&CodeStatement> {
        self.code.iter().find(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every category's area is checked with the rest of what a category needs, in
    /// tests/categories.rs.
    #[test]
    fn guidance_has_the_three_areas() {
        let g = Guidance::get();
        let titles: Vec<&str> = g.areas.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Sharing information", "Maintaining boundaries", "Protecting yourself"]);
    }
}
