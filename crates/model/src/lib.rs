//! The static API's schema (docs/architecture.md, “Static API”), defined once for every producer and
//! consumer. Kept light on purpose: it is linked into both wasm bundles.

pub mod archive;
mod date;
pub mod fnv;
pub mod head;
pub mod rfc3339;
pub mod search;
mod types;
pub mod widget;

pub use date::{date_line, date_short, to_vietnam_time, VIETNAM_OFFSET_SECS};
pub use types::*;

/// Base path of the static JSON API on the site.
pub const API_BASE: &str = "/api/v1";

/// Articles in the home page's latest list and in each category block.
pub const HOME_LATEST: usize = 10;
pub const HOME_SECTION: usize = 4;

/// Most items in a headlines file (the widget's `limit` is 1–20).
pub const HEADLINES_MAX: usize = 20;

/// Articles in an archive block of a list ([`archive`]).
pub const PAGE_SIZE: usize = 20;

/// Site-absolute API paths, so the CLI that writes files and the app that
/// fetches them cannot disagree.
pub mod paths {
    use super::API_BASE;

    pub fn site() -> String {
        format!("{API_BASE}/site.json")
    }
    pub fn home() -> String {
        format!("{API_BASE}/home.json")
    }
    pub fn article(id: u32) -> String {
        format!("{API_BASE}/articles/{id}.json")
    }
    /// A list's page: its landing page (`block` 0) or an archive block.
    /// New names, not the old `{n}.json`: an app still cached with the old
    /// numbering (newest first) finds nothing rather than other articles.
    pub fn list(list: &str, block: usize) -> String {
        if block == 0 {
            format!("{API_BASE}/{list}.json")
        } else {
            format!("{API_BASE}/{list}/archive/{block}.json")
        }
    }
    pub fn latest(block: usize) -> String {
        list("latest", block)
    }
    pub fn category(slug: &str, block: usize) -> String {
        list(&format!("categories/{slug}"), block)
    }
    pub fn author(slug: &str, block: usize) -> String {
        list(&format!("authors/{slug}"), block)
    }
    pub fn topic(slug: &str, block: usize) -> String {
        list(&format!("topics/{slug}"), block)
    }
    pub fn headlines(slug: Option<&str>) -> String {
        format!("{API_BASE}/headlines/{}.json", slug.unwrap_or("all"))
    }
    /// The current search index's segments and size (`SearchIndex`).
    pub fn search_index() -> String {
        format!("{API_BASE}/search.json")
    }
    /// The folder of one segment of the search index, by its version.
    pub fn search_folder(version: &str) -> String {
        format!("{API_BASE}/search/{version}")
    }
    /// A search shard, under its segment's version.
    pub fn search_shard(version: &str, n: u32) -> String {
        format!("{}/t/{n}.json", search_folder(version))
    }
    /// A file of result rows: docs `8n` to `8n + 7`, counted from the
    /// oldest, so only the newest file changes when an article is added.
    pub fn search_rows(n: u32) -> String {
        format!("{API_BASE}/search/r/{n}.json")
    }
    /// The search page (its query in `?q=`).
    pub fn search_page() -> &'static str {
        "/tim-kiem/"
    }
    /// The site feed and a category's feed (site paths, not API files).
    pub fn site_feed() -> &'static str {
        "/rss.xml"
    }
    pub fn category_feed(slug: &str) -> String {
        format!("/c/{slug}/rss.xml")
    }
    pub fn author_feed(slug: &str) -> String {
        format!("/tac-gia/{slug}/rss.xml")
    }
    pub fn topic_feed(slug: &str) -> String {
        format!("/chu-de/{slug}/rss.xml")
    }
    /// A URL slug as the site uses them (categories): lower-case ASCII
    /// letters, digits and `-`, not empty. The one rule, for the build
    /// that checks them and the app that reads them from links.
    pub fn is_slug(s: &str) -> bool {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }
    /// The canonical reader path of an article.
    pub fn article_page(id: u32, slug: &str) -> String {
        format!("/a/{id}/{slug}/")
    }
    /// A page of a list whose landing page is `first` (`/c/x/`): the
    /// landing page for `block` 0, else an archive block.
    pub fn list_page(first: &str, block: usize) -> String {
        if block == 0 {
            first.to_owned()
        } else {
            format!("{first}{ARCHIVE}{block}/")
        }
    }
    /// What names an archive block's folder before its number
    /// (Vietnamese: "archive"): one segment, so one route of the app
    /// serves a list's every page.
    pub const ARCHIVE: &str = "luu-tru-";
    /// A category page.
    pub fn category_page(slug: &str, block: usize) -> String {
        list_page(&format!("/c/{slug}/"), block)
    }
    /// An author's page.
    pub fn author_page(slug: &str, block: usize) -> String {
        list_page(&format!("/tac-gia/{slug}/"), block)
    }
    /// A topic's page ("Chủ đề").
    pub fn topic_page(slug: &str, block: usize) -> String {
        list_page(&format!("/chu-de/{slug}/"), block)
    }
    /// The latest articles of every category ("Mới nhất").
    pub fn latest_page(block: usize) -> String {
        list_page(LATEST_PAGE, block)
    }
    pub const LATEST_PAGE: &str = "/tin-moi/";
    /// The latest list's name, on its page and over the home page's block.
    pub const LATEST_NAME: &str = "Tin mới nhất";
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        let cases = [
            ("chinh-tri", true),
            ("y-te-2", true),
            ("", false),
            ("Chinh-tri", false),
            ("chính-trị", false),
            ("../site", false),
            ("a b", false),
        ];
        for (slug, want) in cases {
            assert_eq!(super::paths::is_slug(slug), want, "{slug:?}");
        }
    }
}
