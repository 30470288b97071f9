use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// A category as articles refer to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
}

/// A co-author of an article, as the byline names them, with their page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorRef {
    pub name: String,
    pub slug: String,
    pub path: String,
}

/// A topic as articles refer to it: an author reference's shape (name,
/// slug, page), so one decoder in the app reads both.
pub type TopicRef = AuthorRef;

/// An author on their own pages: slug, name and how many articles they
/// signed. The shape of a category in `site.json`, so one decoder in the
/// app reads both.
pub type Author = Category;

/// A category in `site.json`, with its article count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
    /// Absent from the copy of `site.json` the documents carry (see
    /// [`Site`]); present in the file.
    #[serde(default)]
    pub count: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An image: a site-absolute `/media/…` path or a remote URL as given.
/// Width, height (as displayed, after the photo's rotation), variants and
/// colour are known for local files only (the photo pipeline, docs/architecture.md, “Photos”).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// The fallback (JPEG, or PNG with transparency) at most 960 px wide.
    pub src: String,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// WebP variants, `"/media/…-240.webp 240w, …"`; `""` for remote images.
    #[serde(default)]
    pub srcset: String,
    /// The dominant colour, `#rrggbb`, shown until the image arrives.
    #[serde(default)]
    pub color: Option<String>,
    /// The 1200×630 share card (`og:image`), for local photos.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
}

/// Size of the share card (`og:image`), in pixels.
pub const CARD_WIDTH: u32 = 1200;
pub const CARD_HEIGHT: u32 = 630;

impl Image {
    /// The smallest variant (for thumbnails the size of a thumb), or `src`.
    pub fn smallest(&self) -> &str {
        self.srcset
            .split(',')
            .next()
            .and_then(|first| first.split_whitespace().next())
            .filter(|url| !url.is_empty())
            .unwrap_or(&self.src)
    }
}

/// Where the article was first published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub url: String,
    pub logo: Option<String>,
}

/// What lists show of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: u32,
    pub slug: String,
    pub path: String,
    pub title: String,
    pub lead: String,
    pub category: CategoryRef,
    #[serde(with = "crate::rfc3339")]
    pub published: DateTime<FixedOffset>,
    pub image: Option<Image>,
}

/// `articles/{id}.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: u32,
    pub slug: String,
    pub path: String,
    pub title: String,
    pub lead: String,
    pub category: CategoryRef,
    #[serde(with = "crate::rfc3339")]
    pub published: DateTime<FixedOffset>,
    #[serde(with = "crate::rfc3339")]
    pub modified: DateTime<FixedOffset>,
    /// As written; `authors` are its co-authors, each with their page.
    pub byline: String,
    pub authors: Vec<AuthorRef>,
    pub image: Option<Image>,
    pub body: Vec<String>,
    /// The `Tác giả bài viết: …` trailer, when the source has one.
    #[serde(default)]
    pub credit: Option<String>,
    pub source: Source,
    /// Its topics ("Chủ đề"), each with its page; absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicRef>,
    /// Its recording and its video (docs/architecture.md, “Recordings”);
    /// absent when none. The app reads only [`Article::media`]: the
    /// players are in the documents (bantin-views' `media.rs`), so in
    /// WebAssembly these cost no decoder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub audio: Option<Media>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub video: Option<Media>,
    /// The files of its recording and video, [`Media::key`]: what tells
    /// the page's players for this article from another's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub media: String,
    #[serde(default)]
    pub related: Vec<ArticleSummary>,
}

/// A recording or a video an article carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    /// The file, `/media/{key}.mp3`; for YouTube, the privacy-enhanced
    /// player, loaded only when the reader presses play.
    pub src: String,
    /// The file's MIME type (`audio/mpeg`, `video/mp4`, …), or
    /// [`Media::YOUTUBE`].
    #[serde(rename = "type")]
    pub mime: String,
    /// The file's size (0 for YouTube): the download link's and the
    /// podcast enclosure's.
    #[serde(default)]
    pub bytes: u64,
    /// 0 when unknown (YouTube).
    #[serde(default)]
    pub duration_ms: u64,
    /// A video's size as displayed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Captions (WebVTT), `/media/{key}.vtt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captions: Option<String>,
    /// A YouTube video's page, for a reader without JavaScript.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl Media {
    pub const YOUTUBE: &'static str = "youtube";

    pub fn is_youtube(&self) -> bool {
        self.mime == Self::YOUTUBE
    }

    /// An article's [`Article::media`]: its recording's and video's files,
    /// `""` when it has neither.
    pub fn key(audio: Option<&Media>, video: Option<&Media>) -> String {
        match (audio, video) {
            (None, None) => String::new(),
            (a, v) => format!(
                "{} {}",
                a.map_or("", |m| m.src.as_str()),
                v.map_or("", |m| m.src.as_str())
            ),
        }
    }
}

impl Article {
    pub fn summary(&self) -> ArticleSummary {
        ArticleSummary {
            id: self.id,
            slug: self.slug.clone(),
            path: self.path.clone(),
            title: self.title.clone(),
            lead: self.lead.clone(),
            category: self.category.clone(),
            published: self.published,
            image: self.image.clone(),
        }
    }

    /// Whether the article was edited after publication.
    pub fn was_modified(&self) -> bool {
        self.modified > self.published
    }
}

/// One page of a list ([`crate::archive`]): a landing page
/// (`latest.json`, `categories/{slug}.json`, `authors/{slug}.json`,
/// `topics/{slug}.json`) or an
/// archive block (`…/archive/{n}.json`). A block never says how long the
/// list is, so a new article leaves it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// 0 on the landing page; else the block, counted from the oldest (1).
    pub block: usize,
    /// The next older block; 0 when there is none.
    pub older: usize,
    /// The next newer block; 0 (and absent) when that is the landing page.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub newer: usize,
    /// The list's length, on the landing page only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<CategoryRef>,
    /// An author's slug and name (their count is the landing page's
    /// `total`: a block carries no totals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<CategoryRef>,
    /// A topic's slug and name ("Chủ đề").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<CategoryRef>,
    pub items: Vec<T>,
}

/// `home.json`: everything the home page shows, in one request (slow
/// mobile networks pay for each round trip).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Home {
    pub lead: Option<ArticleSummary>,
    pub latest: Vec<ArticleSummary>,
    pub sections: Vec<Section>,
}

/// A category's newest articles on the home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub category: CategoryRef,
    pub items: Vec<ArticleSummary>,
}

/// `headlines/{slug}.json` and `headlines/all.json`: the partner widget's
/// own small file. Only what it shows, with absolute URLs and the date
/// already formatted, so the widget needs no date code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headlines {
    /// The site's name and home page, for the box's header and fallback.
    pub site: String,
    pub url: String,
    /// The category's name, or `null` for all categories.
    pub category: Option<String>,
    pub items: Vec<Headline>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    pub title: String,
    /// Absolute.
    pub url: String,
    /// RFC 3339, for `<time datetime>`.
    pub datetime: String,
    /// `05/07/2024 14:40`, Vietnam time.
    pub date: String,
    /// Absolute thumbnail URL, if any.
    pub image: Option<String>,
    /// Whether the article has a recording or a video: the widget marks
    /// it with "▶".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub media: bool,
}

/// `site.json`. Every document carries a copy for the app without what
/// changes with each new article — `lead_story` and the categories'
/// counts — so that publishing one article leaves the other articles'
/// documents as they were (the app reads neither from here; the home page
/// and list pages have their own). The search index's pointer is its own
/// file, `search.json`, for the same reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub name: String,
    pub base_url: String,
    pub language: String,
    /// One sentence about the site (`site.toml`, else its name): the home
    /// page's description, the same in the documents and in the app.
    pub description: String,
    pub logo: Option<String>,
    pub page_size: usize,
    pub lead_story: Option<u32>,
    pub categories: Vec<Category>,
}

impl Site {
    /// The categories as the navigation names them, in the site's order.
    pub fn category_refs(&self) -> Vec<CategoryRef> {
        self.categories
            .iter()
            .map(|c| CategoryRef {
                slug: c.slug.clone(),
                name: c.name.clone(),
            })
            .collect()
    }

    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }

    /// The absolute URL of a site path (`/a/1/x/`); a remote URL as it is.
    pub fn absolute(&self, path_or_url: &str) -> String {
        if path_or_url.starts_with('/') {
            format!("{}{path_or_url}", self.base_url.trim_end_matches('/'))
        } else {
            path_or_url.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_page_omits_category_on_latest_and_round_trips() {
        let page: Page<ArticleSummary> = Page {
            block: 0,
            older: 0,
            newer: 0,
            total: Some(0),
            category: None,
            author: None,
            topic: None,
            items: vec![],
        };
        let json = serde_json::to_string(&page).expect("serialise");
        assert_eq!(json, r#"{"block":0,"older":0,"total":0,"items":[]}"#);
        let back: Page<ArticleSummary> = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, page);
    }

    #[test]
    fn an_archive_block_carries_no_totals() {
        let block = |block, newer| Page::<ArticleSummary> {
            block,
            older: block - 1,
            newer,
            total: None,
            category: None,
            author: None,
            topic: None,
            items: vec![],
        };
        let cases = [
            (block(2, 3), r#"{"block":2,"older":1,"newer":3,"items":[]}"#),
            // The newest block: newer is the landing page.
            (block(3, 0), r#"{"block":3,"older":2,"items":[]}"#),
        ];
        for (page, want) in cases {
            let json = serde_json::to_string(&page).expect("serialise");
            assert_eq!(json, want);
            let back: Page<ArticleSummary> = serde_json::from_str(&json).expect("parse");
            assert_eq!(back, page);
        }
    }

    #[test]
    fn dates_keep_their_offset() {
        let json = r#"{"id":1,"slug":"a","path":"/a/1/a/","title":"T","lead":"L",
            "category":{"slug":"c","name":"C"},"published":"2024-07-05T14:40:29+07:00","image":null}"#;
        let s: ArticleSummary = serde_json::from_str(json).expect("parse");
        assert_eq!(s.published.offset().local_minus_utc(), 7 * 3600);
        let out = serde_json::to_string(&s).expect("serialise");
        assert!(
            out.contains(r#""published":"2024-07-05T14:40:29+07:00""#),
            "{out}"
        );
    }

    #[test]
    fn wrong_field_type_is_an_error_not_a_panic() {
        let json = r#"{"block":"one","older":1,"items":[]}"#;
        assert!(serde_json::from_str::<Page<ArticleSummary>>(json).is_err());
    }
}
