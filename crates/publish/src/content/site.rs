//! `content/site.toml`: the site's name, base URL, language, logo and the
//! ordered category list.

use std::path::Path;

use bantin_model::CategoryRef;
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
    /// Hosts that serve the same files over HTTPS: an `http://` image from
    /// one of them is published as `https://` (an https page would have it
    /// blocked or upgraded by the browser, with a console error).
    #[serde(default)]
    pub https_hosts: Vec<String>,
    #[serde(deserialize_with = "strict_categories")]
    pub categories: Vec<CategoryRef>,
    /// `[podcast]`: what podcast apps show of the station; without it no
    /// podcast feed is written (docs/architecture.md, “Recordings”).
    #[serde(default)]
    pub podcast: Option<PodcastConfig>,
}

/// `[podcast]` in `site.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodcastConfig {
    /// Square cover art, 1400–3000 px, JPEG or PNG, under `media/`.
    pub cover: String,
    /// Who directories (Apple Podcasts, Spotify) write to about the feed.
    pub owner: String,
    pub email: String,
    /// One of Apple Podcasts' categories, like "News".
    pub category: String,
}

/// Apple Podcasts' top-level categories, as `itunes:category` spells them.
pub const PODCAST_CATEGORIES: [&str; 19] = [
    "Arts",
    "Business",
    "Comedy",
    "Education",
    "Fiction",
    "Government",
    "Health & Fitness",
    "History",
    "Kids & Family",
    "Leisure",
    "Music",
    "News",
    "Religion & Spirituality",
    "Science",
    "Society & Culture",
    "Sports",
    "Technology",
    "True Crime",
    "TV & Film",
];

/// `[podcast]`'s owner, e-mail address and category.
fn podcast_rules(path: &Path, text: &str, podcast: Option<&PodcastConfig>) -> Vec<Problem> {
    let Some(podcast) = podcast else {
        return Vec::new();
    };
    let from = find_line(text, "[podcast]");
    let mut problems = Vec::new();
    let mut problem = |key: &str, message: String, hint: &str| {
        problems.push(Problem::new(path, find_key(text, from, key), message, hint));
    };
    if podcast.owner.trim().is_empty() {
        problem(
            "owner",
            "[podcast] owner is empty".into(),
            "write the station's name, like owner = \"Đài Truyền thanh Duy Tiên\"",
        );
    }
    let email_ok = podcast.email.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    }) && !podcast
        .email
        .contains(|c: char| c.is_whitespace() || c == '<' || c == '>');
    if !email_ok {
        problem(
            "email",
            format!(
                "[podcast] email {:?} is not an e-mail address",
                podcast.email
            ),
            "write the address directories may write to, like email = \"dai@duytien.vn\"",
        );
    }
    if !PODCAST_CATEGORIES.contains(&podcast.category.as_str()) {
        problem(
            "category",
            format!(
                "[podcast] category {:?} is not one of Apple Podcasts' categories",
                podcast.category
            ),
            "write one of: News, Government, Society & Culture, Education, Sports, …",
        );
    }
    if !matches!(
        crate::content::source::parse_asset(&podcast.cover),
        Ok(Some(crate::content::source::Asset::Local(_)))
    ) {
        problem(
            "cover",
            format!(
                "[podcast] cover {:?} is not a file under content/",
                podcast.cover
            ),
            "put the square cover art in content/media/ and write cover = \"media/podcast.jpg\"",
        );
    }
    problems
}

/// `[[categories]]` tables, with a misspelt key an error like anywhere else
/// in `site.toml` (the API's `CategoryRef` itself accepts unknown fields,
/// as a decoder of a newer file must).
fn strict_categories<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<CategoryRef>, D::Error> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Table {
        slug: String,
        name: String,
    }
    let tables = Vec::<Table>::deserialize(deserializer)?;
    Ok(tables
        .into_iter()
        .map(|Table { slug, name }| CategoryRef { slug, name })
        .collect())
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

    pub fn category(&self, slug: &str) -> Option<&CategoryRef> {
        self.categories.iter().find(|c| c.slug == slug)
    }
}

/// Parses `site.toml`, reporting syntax errors at their line and every
/// semantic problem found.
pub fn parse(path: &Path, text: &str) -> Result<SiteConfig, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut config: SiteConfig = match toml::from_str(text) {
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
    let mut problems = site_rules(path, text, &config);
    problems.extend(category_rules(path, text, &config.categories));
    problems.extend(host_rules(path, text, &config.https_hosts));
    problems.extend(podcast_rules(path, text, config.podcast.as_ref()));
    problems.extend(text_fields(path, text, &mut config));
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

/// The name, the address and that there are categories.
fn site_rules(path: &Path, text: &str, config: &SiteConfig) -> Vec<Problem> {
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
    if let Err(why) = base_url(&config.base_url) {
        problems.push(Problem::new(
            path,
            find("base_url"),
            format!("base_url {:?} {why}", config.base_url),
            BASE_URL_HINT,
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
    problems
}

/// Each of `https_hosts` a bare host name, as URLs write it.
fn host_rules(path: &Path, text: &str, hosts: &[String]) -> Vec<Problem> {
    hosts
        .iter()
        .filter(|host| {
            host.is_empty()
                || !host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        })
        .map(|host| {
            Problem::new(
                path,
                find_line(text, "https_hosts"),
                format!("https_hosts: {host:?} is not a host name"),
                "write the host alone, without http:// or a path, like \"duytien.hanamtv.vn\"",
            )
        })
        .collect()
}

/// Each category: a slug of its own that is a slug, and a name.
fn category_rules(path: &Path, text: &str, categories: &[CategoryRef]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let find = |needle: &str| find_line(text, needle);
    for (index, category) in categories.iter().enumerate() {
        if RESERVED_SLUGS.contains(&category.slug.as_str()) {
            problems.push(Problem::new(
                path,
                find(&format!("\"{}\"", category.slug)),
                format!(
                    "category slug {:?} is a name the build uses itself (headlines/all.json is every category's)",
                    category.slug
                ),
                "choose another slug, like tong-hop",
            ));
        }
        let line = find(&format!("\"{}\"", category.slug));
        if !bantin_model::paths::is_slug(&category.slug) {
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
        if categories[..index].iter().any(|c| c.slug == category.slug) {
            problems.push(Problem::new(
                path,
                line,
                format!("category {:?} is listed twice", category.slug),
                "keep one [[categories]] entry per slug",
            ));
        }
    }
    problems
}

/// The longest site name, description and category name, in characters:
/// the name goes wherever a title goes, the description wherever a lead.
pub const NAME_MAX: usize = crate::content::source::TITLE_MAX;
pub const DESCRIPTION_MAX: usize = crate::content::source::LEAD_MAX;
pub const CATEGORY_NAME_MAX: usize = 100;

/// The article text rules applied to the site's own words, which reach
/// every page title and feed: no invisible or direction-changing
/// character (TOML escapes like `\u0001` included), a length limit, and
/// NFC like every article field.
fn text_fields(path: &Path, text: &str, config: &mut SiteConfig) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut check = |value: &mut String, what: String, max: usize, line: usize| {
        if let Some(c) = value.chars().find(|&c| crate::text::is_forbidden(c)) {
            problems.push(Problem::new(
                path,
                line,
                format!("{what} has an invisible character U+{:04X}", u32::from(c)),
                crate::text::INVISIBLE_HINT,
            ));
        }
        *value = crate::text::normalize(value);
        if let Some(message) = crate::text::too_long(&what, value, max) {
            problems.push(Problem::new(path, line, message, "shorten it"));
        }
    };
    check(
        &mut config.name,
        "the site name".to_owned(),
        NAME_MAX,
        find_key(text, 1, "name"),
    );
    if let Some(description) = config.description.as_mut() {
        let line = find_key(text, 1, "description");
        check(
            description,
            "the description".to_owned(),
            DESCRIPTION_MAX,
            line,
        );
    }
    for category in &mut config.categories {
        let slug_line = find_line(text, &format!("\"{}\"", category.slug));
        let what = format!("the name of category {:?}", category.slug);
        let line = find_key(text, slug_line.saturating_sub(2).max(1), "name");
        check(&mut category.name, what, CATEGORY_NAME_MAX, line);
    }
    problems
}

/// The first line from `from` (1-based) that sets `key`, or `from`.
fn find_key(text: &str, from: usize, key: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(from - 1)
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(from, |(i, _)| i + 1)
}

/// Slugs the build writes files under itself.
pub const RESERVED_SLUGS: &[&str] = &["all"];

pub const BASE_URL_HINT: &str =
    "write the public address of the site, like https://duytien.example.vn";

/// The site's public address, checked and without a trailing `/`: an
/// absolute `http(s)` URL with a host (and maybe a port), no path beyond
/// `/`, and nothing that would need escaping wherever it is written (HTML,
/// JSON, feeds, `robots.txt`, partners' pages). The error says why not.
pub fn base_url(url: &str) -> Result<String, &'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("is not an absolute http:// or https:// address")?;
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    if host.is_empty() {
        return Err("has no host name");
    }
    let host_ok = host.split('.').all(|label| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    if !host_ok {
        return Err("has something other than a host name (and a port) after the scheme: no path, query, spaces or quotes");
    }
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err("has a port that is not a number");
        }
    }
    Ok(url.trim_end_matches('/').to_owned())
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
    fn podcast_settings_each_at_their_line() {
        let podcast = "\n[podcast]\ncover = \"media/podcast.jpg\"\nowner = \"Đài\"\nemail = \"dai@duytien.vn\"\ncategory = \"News\"\n";
        let config = parse(Path::new("site.toml"), &format!("{GOOD}{podcast}")).expect("valid");
        assert_eq!(config.podcast.map(|p| p.category), Some("News".into()));
        // (replace, with, problem)
        let cases = [
            ("owner = \"Đài\"", "owner = \" \"", "site.toml:11: [podcast] owner is empty"),
            ("dai@duytien.vn", "dai@duytien", "site.toml:12: [podcast] email \"dai@duytien\" is not an e-mail address"),
            ("\"News\"", "\"Tin tức\"", "site.toml:13: [podcast] category \"Tin tức\" is not one of Apple Podcasts' categories"),
            ("media/podcast.jpg", "http://x.vn/a.jpg", "site.toml:10: [podcast] cover \"http://x.vn/a.jpg\" is not a file under content/"),
            ("category = \"News\"", "categry = \"News\"", "site.toml:13: unknown field `categry`"),
        ];
        for (from, to, want) in cases {
            let found = problems(&format!("{GOOD}{}", podcast.replace(from, to)));
            assert!(
                found.iter().any(|p| p.starts_with(want)),
                "{want}: {found:?}"
            );
        }
    }

    #[test]
    fn text_is_composed() {
        // NFD "Chính trị" and a site name with trailing spaces.
        let text = GOOD
            .replace("Chính trị", "Chi\u{301}nh tri\u{323}")
            .replace("name = \"Đài\"", "name = \"Đài  \"");
        let config = parse(Path::new("site.toml"), &text).expect("valid");
        assert_eq!(config.categories[0].name, "Chính trị");
        assert_eq!(config.name, "Đài");
    }

    #[test]
    fn base_urls() {
        let cases = [
            (
                "https://duytien.example.vn",
                Ok("https://duytien.example.vn"),
            ),
            (
                "https://duytien.example.vn/",
                Ok("https://duytien.example.vn"),
            ),
            ("http://127.0.0.1:18080", Ok("http://127.0.0.1:18080")),
            ("javascript:alert(1)//", Err(())),
            ("https://x.vn/\"><b>", Err(())),
            ("duytien.example.vn", Err(())),
            ("https://x.vn\nDisallow: /", Err(())),
            ("https://", Err(())),
            ("https:///x", Err(())),
            ("https://x.vn/tin/", Err(())),
            ("https://x.vn?a=1", Err(())),
            ("https://x.vn:", Err(())),
            ("https://x.vn:80a", Err(())),
            ("https://user@x.vn", Err(())),
            ("https://x..vn", Err(())),
            ("https://x vn", Err(())),
        ];
        for (url, want) in cases {
            let got = base_url(url).map_err(|_| ());
            assert_eq!(got.as_deref(), want.as_deref(), "{url:?}");
        }
    }

    #[test]
    fn https_hosts_are_host_names() {
        let with = |hosts: &str| {
            parse(
                Path::new("site.toml"),
                &format!("https_hosts = [{hosts}]\n{GOOD}"),
            )
        };
        let config = with("\"duytien.hanamtv.vn\"").expect("a host name");
        assert_eq!(config.https_hosts, ["duytien.hanamtv.vn"]);
        for bad in ["\"http://x.vn/\"", "\"x.vn/anh\"", "\"\"", "\"x.vn:8080\""] {
            let problems = with(bad).expect_err(bad);
            assert_eq!(problems.len(), 1, "{bad}");
            assert_eq!(problems[0].line, 1, "{bad}");
            assert!(
                problems[0].message.contains("is not a host name"),
                "{bad}: {problems:?}"
            );
        }
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
                GOOD.replace("https://duytien.example.vn", "javascript:alert(1)//"),
                "site.toml:2: base_url \"javascript:alert(1)//\" is not an absolute",
            ),
            (
                GOOD.replace("slug = \"chinh-tri\"", "slug = \"all\""),
                "site.toml:6: category slug \"all\" is a name the build uses",
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
            // The text rules, TOML escapes included.
            (
                GOOD.replace("name = \"Đài\"", "name = \"Đài\\u000b\""),
                "site.toml:1: the site name has an invisible character U+000B",
            ),
            (
                GOOD.replace("name = \"Chính trị\"", "name = \"Chính\\u202etrị\""),
                "site.toml:7: the name of category \"chinh-tri\" has an invisible character U+202E",
            ),
            (
                format!("description = \"Tin\\u0001\"\n{GOOD}"),
                "site.toml:1: the description has an invisible character U+0001",
            ),
            (
                GOOD.replace("name = \"Đài\"", &format!("name = \"{}\"", "Đ".repeat(301))),
                "site.toml:1: the site name is 301 characters long; at most 300",
            ),
            (
                format!("description = \"{}\"\n{GOOD}", "x".repeat(1_501)),
                "site.toml:1: the description is 1501 characters long; at most 1500",
            ),
            (
                GOOD.replace("name = \"Chính trị\"", &format!("name = \"{}\"", "c".repeat(101))),
                "site.toml:7: the name of category \"chinh-tri\" is 101 characters long; at most 100",
            ),
        ];
        for (text, want) in cases {
            let got = problems(&text);
            assert_eq!(got.len(), 1, "{got:?}");
            assert!(got[0].starts_with(want), "{}", got[0]);
        }
    }
}
