//! `content/site.toml`: the site's name, base URL, language, logo and the
//! ordered category list.

use std::path::Path;

use serde::Deserialize;

use crate::problem::Problem;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub name: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// A path relative to `content/` (e.g. `media/logo.png`) or a URL.
    #[serde(default)]
    pub logo: Option<String>,
    /// One sentence about the site, for search engines and share cards.
    #[serde(default)]
    pub description: Option<String>,
    /// The home page's lead story; the newest article when absent.
    #[serde(default)]
    pub lead_story: Option<u32>,
    pub categories: Vec<CategoryConfig>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryConfig {
    pub slug: String,
    pub name: String,
}

fn default_language() -> String {
    "vi".into()
}

impl SiteConfig {
    pub fn known_slugs(&self) -> String {
        self.categories
            .iter()
            .map(|c| c.slug.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn category(&self, slug: &str) -> Option<&CategoryConfig> {
        self.categories.iter().find(|c| c.slug == slug)
    }
}

/// Parses `site.toml`, reporting syntax errors at their line and every
/// semantic problem found.
pub fn parse(path: &Path, text: &str) -> Result<SiteConfig, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let config: SiteConfig = match toml::from_str(text) {
        Ok(config) => config,
        Err(err) => {
            let line = err
                .span()
                .map(|span| line_of(text, span.start))
                .unwrap_or(1);
            let message = err.message().trim().to_owned();
            return Err(vec![Problem::new(
                path,
                line,
                message,
                "see content/site.toml in the bantin repository for a complete example",
            )]);
        }
    };
    let mut problems = Vec::new();
    let find = |needle: &str| find_line(text, needle);
    if config.name.trim().is_empty() {
        problems.push(Problem::new(
            path,
            find("name"),
            "the site name is empty",
            "set name = \"…\"",
        ));
    }
    let base = config.base_url.as_str();
    let has_scheme = base.starts_with("https://") || base.starts_with("http://");
    if !has_scheme
        || base
            .split("://")
            .nth(1)
            .is_none_or(|h| h.trim_matches('/').is_empty())
    {
        problems.push(Problem::new(
            path,
            find("base_url"),
            format!("base_url {base:?} is not an absolute http(s) URL"),
            "write the public address of the site, like https://duytien.example.vn",
        ));
    }
    if config.categories.is_empty() {
        problems.push(Problem::new(
            path,
            1,
            "no categories are listed",
            "add [[categories]] tables with slug and name",
        ));
    }
    for (index, category) in config.categories.iter().enumerate() {
        let line = find(&format!("\"{}\"", category.slug));
        if !crate::text::is_slug(&category.slug) {
            problems.push(Problem::new(
                path,
                line,
                format!("category slug {:?} is not a URL slug", category.slug),
                "use lower-case ASCII letters, digits and -, like chinh-tri",
            ));
        }
        if category.name.trim().is_empty() {
            problems.push(Problem::new(
                path,
                line,
                format!("category {:?} has an empty name", category.slug),
                "give it the name readers see, like name = \"Chính trị\"",
            ));
        }
        if config.categories[..index]
            .iter()
            .any(|c| c.slug == category.slug)
        {
            problems.push(Problem::new(
                path,
                line,
                format!("category {:?} is listed twice", category.slug),
                "keep one [[categories]] entry per slug",
            ));
        }
    }
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The first line mentioning `needle`, or 1: good enough to point an editor
/// at a key in a short file.
pub fn find_line(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match parse(Path::new("site.toml"), text) {
            Ok(_) => vec![],
            Err(ps) => ps.iter().map(ToString::to_string).collect(),
        }
    }

    const GOOD: &str = r#"name = "Đài"
base_url = "https://duytien.example.vn"
lead_story = 1678

[[categories]]
slug = "chinh-tri"
name = "Chính trị"
"#;

    #[test]
    fn good_config() {
        let config = parse(Path::new("site.toml"), GOOD).expect("valid");
        assert_eq!(config.language, "vi");
        assert_eq!(config.lead_story, Some(1678));
        assert_eq!(config.known_slugs(), "chinh-tri");
    }

    #[test]
    fn bad_configs() {
        let cases = [
            (
                GOOD.replace("lead_story = 1678", "lead_story = \"x\""),
                "site.toml:3: ",
            ),
            (
                GOOD.replace("https://duytien.example.vn", "duytien"),
                "site.toml:2: base_url \"duytien\"",
            ),
            (
                GOOD.replace("chinh-tri", "Chính Trị"),
                "site.toml:6: category slug",
            ),
            (
                format!("{GOOD}\n[[categories]]\nslug = \"chinh-tri\"\nname = \"X\"\n"),
                "site.toml:6: category \"chinh-tri\" is listed twice",
            ),
            (
                GOOD.replace("name = \"Đài\"", "nam = \"Đài\""),
                "site.toml:1: ",
            ),
        ];
        for (text, want) in cases {
            let got = problems(&text);
            assert_eq!(got.len(), 1, "{got:?}");
            assert!(got[0].starts_with(want), "{}", got[0]);
        }
    }
}
