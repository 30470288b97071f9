//! The head of every route (docs/architecture.md, “Routes”): title, description, canonical,
//! Open Graph/Twitter, `article:*`, feeds and robots, built by one function
//! per route kind from the page's data. `bantin build` writes it into each
//! document; the app applies the same tags after a client-side navigation,
//! so a page's head is the same however the reader got there.

use crate::{paths, rfc3339, Article, ArticleSummary, Page, Site};

/// Marks the head elements that belong to the page (not to the template):
/// the ones the app replaces when the reader moves to another page.
pub const HEAD_MARK: &str = "data-bantin-head";
/// The page's head elements, as a selector (written out: formatting it in
/// the app costs the bundle more; a test keeps it with [`HEAD_MARK`]).
pub const HEAD_MARKED: &str = "head [data-bantin-head]";

/// The title of the not-found page.
pub const NOT_FOUND_TITLE: &str = "Không tìm thấy trang";
pub const SEARCH_TITLE: &str = "Tìm kiếm";

/// The head of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Head {
    /// The page's own title; the site's name is added by [`Head::document_title`].
    pub title: String,
    pub description: String,
    /// Absolute.
    pub canonical: String,
    /// Absolute, if any.
    pub image: Option<String>,
    /// The image's size when it is known (a share card).
    pub image_size: Option<(u32, u32)>,
    pub og_type: &'static str,
    pub noindex: bool,
    pub article: Option<ArticleTags>,
    /// RSS feeds to announce, the site's own first.
    pub feeds: Vec<Feed>,
}

/// `article:*` properties of an article page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleTags {
    pub published: String,
    pub modified: String,
    pub section: String,
    /// Absolute addresses of the authors' pages (Open Graph wants profiles).
    pub authors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    pub title: String,
    /// Absolute.
    pub href: String,
}

/// `&`, `<`, `>`, `"` and `'` as entities: text is text, in element
/// content and in attribute values alike. Five characters need no crate.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl Head {
    /// `{title} – {site}`, or the site's name alone on the home page.
    pub fn document_title(&self, site_name: &str) -> String {
        if self.title.is_empty() || self.title == site_name {
            site_name.to_owned()
        } else {
            format!("{} – {site_name}", self.title)
        }
    }

    /// The page's head elements as markup, each marked with [`HEAD_MARK`].
    pub fn tags(&self, site_name: &str) -> String {
        let mut tags = Vec::new();
        let mut meta = |attr: &str, key: &str, value: &str| {
            tags.push(format!(
                r#"<meta {attr}="{key}" content="{}" {HEAD_MARK}>"#,
                escape(value)
            ));
        };
        meta("name", "description", &self.description);
        if self.noindex {
            meta("name", "robots", "noindex");
        } else if self.article.is_some() {
            // Large previews of the photo (Google Discover's large cards).
            meta("name", "robots", "max-image-preview:large");
        }
        // Share cards show the site's name beside the title already.
        let title = if self.title.is_empty() {
            site_name
        } else {
            &self.title
        };
        meta("property", "og:site_name", site_name);
        meta("property", "og:locale", "vi_VN");
        meta("property", "og:type", self.og_type);
        meta("property", "og:title", title);
        meta("property", "og:description", &self.description);
        meta("property", "og:url", &self.canonical);
        if let Some(image) = &self.image {
            meta("property", "og:image", image);
            if let Some((width, height)) = self.image_size {
                meta("property", "og:image:width", &width.to_string());
                meta("property", "og:image:height", &height.to_string());
            }
        }
        let card = if self.image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        };
        meta("name", "twitter:card", card);
        meta("name", "twitter:title", title);
        meta("name", "twitter:description", &self.description);
        if let Some(article) = &self.article {
            meta("property", "article:published_time", &article.published);
            meta("property", "article:modified_time", &article.modified);
            meta("property", "article:section", &article.section);
            for author in &article.authors {
                meta("property", "article:author", author);
            }
        }
        tags.push(format!(
            r#"<link rel="canonical" href="{}" {HEAD_MARK}>"#,
            escape(&self.canonical)
        ));
        for feed in &self.feeds {
            tags.push(format!(
                r#"<link rel="alternate" type="application/rss+xml" title="{}" href="{}" {HEAD_MARK}>"#,
                escape(&feed.title),
                escape(&feed.href)
            ));
        }
        tags.join("\n    ")
    }
}

fn site_feed(site: &Site) -> Feed {
    Feed {
        title: site.name.clone(),
        href: site.absolute(paths::site_feed()),
    }
}

/// A list-like page of the site (home, category, configurator).
fn website(site: &Site, title: String, description: String, path: &str) -> Head {
    Head {
        title,
        description,
        canonical: site.absolute(path),
        image: site.logo.as_ref().map(|l| site.absolute(l)),
        image_size: None,
        og_type: "website",
        noindex: false,
        article: None,
        feeds: vec![site_feed(site)],
    }
}

/// `/`.
pub fn home(site: &Site) -> Head {
    website(site, String::new(), site.description.clone(), "/")
}

/// A list's title: its name, then the archive block's number on a block.
pub fn list_title(name: &str, block: usize) -> String {
    if block > 0 {
        format!("{name} – lưu trữ {block}")
    } else {
        name.to_owned()
    }
}

/// `/c/{slug}/`, `/c/{slug}/luu-tru-{n}/`; the same under `/tac-gia/{slug}/`
/// `/chu-de/{slug}/` and `/tin-moi/`.
pub fn list(site: &Site, page: &Page<ArticleSummary>) -> Head {
    let (name, description, path, feed) = match (&page.category, &page.author, &page.topic) {
        (_, _, Some(t)) => (
            &t.name,
            format!("Tin về chủ đề {} – {}", t.name, site.name),
            paths::topic_page(&t.slug, page.block),
            paths::topic_feed(&t.slug),
        ),
        (Some(c), _, None) => (
            &c.name,
            format!("Tin {} mới nhất – {}", c.name, site.name),
            paths::category_page(&c.slug, page.block),
            paths::category_feed(&c.slug),
        ),
        (None, Some(a), None) => (
            &a.name,
            format!("Các bài viết của tác giả {} – {}", a.name, site.name),
            paths::author_page(&a.slug, page.block),
            paths::author_feed(&a.slug),
        ),
        // The latest list, whose feed is the site's.
        (None, None, None) => {
            let path = paths::latest_page(page.block);
            let title = list_title(paths::LATEST_NAME, page.block);
            let description = format!("{} – {}", paths::LATEST_NAME, site.name);
            return website(site, title, description, &path);
        }
    };
    let mut head = website(site, list_title(name, page.block), description, &path);
    head.feeds.push(Feed {
        title: format!("{name} – {}", site.name),
        href: site.absolute(&feed),
    });
    head
}

/// `/a/{id}/{slug}/`.
pub fn article(site: &Site, article: &Article) -> Head {
    Head {
        title: article.title.clone(),
        description: article.lead.clone(),
        canonical: site.absolute(&article.path),
        // The share card where the build made one, else the photo itself.
        image: article
            .image
            .as_ref()
            .map(|i| site.absolute(i.card.as_deref().unwrap_or(&i.src))),
        image_size: article
            .image
            .as_ref()
            .and_then(|i| i.card.as_ref())
            .map(|_| (crate::CARD_WIDTH, crate::CARD_HEIGHT)),
        og_type: "article",
        noindex: false,
        article: Some(ArticleTags {
            published: rfc3339::format(&article.published),
            modified: rfc3339::format(&article.modified),
            section: article.category.name.clone(),
            authors: article
                .authors
                .iter()
                .map(|a| site.absolute(&a.path))
                .collect(),
        }),
        feeds: vec![site_feed(site)],
    }
}

/// `/widget/`, the partners' configurator.
pub fn widget(site: &Site) -> Head {
    website(
        site,
        "Hộp tin cho trang đối tác".to_owned(),
        format!(
            "Gắn hộp tin mới của {} lên trang của bạn bằng một đoạn mã.",
            site.name
        ),
        "/widget/",
    )
}

/// `/tim-kiem/`: one document whatever the query, never indexed (results
/// pages are not content), its title independent of `q`.
pub fn search(site: &Site) -> Head {
    let mut head = website(
        site,
        SEARCH_TITLE.to_owned(),
        format!("Tìm bài viết trên {}", site.name),
        paths::search_page(),
    );
    head.noindex = true;
    head
}

/// The title of the page the service worker shows offline.
pub const OFFLINE_TITLE: &str = "Bạn đang ngoại tuyến";

/// `/ngoai-tuyen/`: what the reader sees offline at an address this
/// browser never kept. Never indexed.
pub fn offline(site: &Site) -> Head {
    let mut head = website(
        site,
        OFFLINE_TITLE.to_owned(),
        format!(
            "Các bài viết của {} đã lưu để đọc khi không có mạng",
            site.name
        ),
        "/ngoai-tuyen/",
    );
    head.noindex = true;
    head
}

/// Any address that names nothing: never indexed.
pub fn not_found(site: &Site) -> Head {
    Head {
        title: NOT_FOUND_TITLE.to_owned(),
        description: site.description.clone(),
        canonical: site.absolute("/"),
        image: None,
        image_size: None,
        og_type: "website",
        noindex: true,
        article: None,
        feeds: vec![site_feed(site)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Category, CategoryRef};

    #[test]
    fn the_marked_selector_names_the_mark() {
        assert_eq!(HEAD_MARKED, format!("head [{HEAD_MARK}]"));
    }

    fn site() -> Site {
        Site {
            name: "Đài".into(),
            base_url: "https://x.vn".into(),
            language: "vi".into(),
            description: "Tin của đài".into(),
            logo: Some("/media/logo.png".into()),
            page_size: 20,
            lead_story: None,
            categories: vec![Category {
                slug: "y-te".into(),
                name: "Y tế".into(),
                count: 30,
            }],
        }
    }

    fn list(block: usize) -> Page<ArticleSummary> {
        Page {
            block,
            older: block.saturating_sub(1),
            newer: 0,
            total: None,
            category: Some(CategoryRef {
                slug: "y-te".into(),
                name: "Y tế".into(),
            }),
            author: None,
            topic: None,
            items: vec![],
        }
    }

    fn by_author(block: usize) -> Page<ArticleSummary> {
        Page {
            category: None,
            author: Some(CategoryRef {
                slug: "anh-tuyet".into(),
                name: "Ánh Tuyết".into(),
            }),
            ..list(block)
        }
    }

    fn on_topic(block: usize) -> Page<ArticleSummary> {
        Page {
            category: None,
            topic: Some(CategoryRef {
                slug: "bong-da".into(),
                name: "Bóng đá".into(),
            }),
            ..list(block)
        }
    }

    fn latest(block: usize) -> Page<ArticleSummary> {
        Page {
            category: None,
            ..list(block)
        }
    }

    #[test]
    fn titles_descriptions_canonicals() {
        let site = site();
        let cases = [
            (home(&site), "Đài", "Tin của đài", "https://x.vn/"),
            (
                super::list(&site, &list(0)),
                "Y tế – Đài",
                "Tin Y tế mới nhất – Đài",
                "https://x.vn/c/y-te/",
            ),
            (
                super::list(&site, &list(2)),
                "Y tế – lưu trữ 2 – Đài",
                "Tin Y tế mới nhất – Đài",
                "https://x.vn/c/y-te/luu-tru-2/",
            ),
            (
                super::list(&site, &by_author(0)),
                "Ánh Tuyết – Đài",
                "Các bài viết của tác giả Ánh Tuyết – Đài",
                "https://x.vn/tac-gia/anh-tuyet/",
            ),
            (
                super::list(&site, &by_author(2)),
                "Ánh Tuyết – lưu trữ 2 – Đài",
                "Các bài viết của tác giả Ánh Tuyết – Đài",
                "https://x.vn/tac-gia/anh-tuyet/luu-tru-2/",
            ),
            (
                not_found(&site),
                "Không tìm thấy trang – Đài",
                "Tin của đài",
                "https://x.vn/",
            ),
            (
                widget(&site),
                "Hộp tin cho trang đối tác – Đài",
                "Gắn hộp tin mới của Đài lên trang của bạn bằng một đoạn mã.",
                "https://x.vn/widget/",
            ),
        ];
        for (head, title, description, canonical) in cases {
            assert_eq!(head.document_title(&site.name), title);
            assert_eq!(head.description, description, "{title}");
            assert_eq!(head.canonical, canonical, "{title}");
        }
    }

    #[test]
    fn topic_and_latest_titles_descriptions_canonicals() {
        let site = site();
        let cases = [
            (
                super::list(&site, &on_topic(1)),
                "Bóng đá – lưu trữ 1 – Đài",
                "Tin về chủ đề Bóng đá – Đài",
                "https://x.vn/chu-de/bong-da/luu-tru-1/",
            ),
            (
                super::list(&site, &latest(0)),
                "Tin mới nhất – Đài",
                "Tin mới nhất – Đài",
                "https://x.vn/tin-moi/",
            ),
            (
                super::list(&site, &latest(3)),
                "Tin mới nhất – lưu trữ 3 – Đài",
                "Tin mới nhất – Đài",
                "https://x.vn/tin-moi/luu-tru-3/",
            ),
        ];
        for (head, title, description, canonical) in cases {
            assert_eq!(head.document_title(&site.name), title);
            assert_eq!(head.description, description, "{title}");
            assert_eq!(head.canonical, canonical, "{title}");
        }
    }

    #[test]
    fn tags_escape_text_and_mark_every_element() {
        let site = site();
        let mut head = home(&site);
        head.description = "\"A\" <b>&</b>".into();
        let tags = head.tags(&site.name);
        assert!(tags.contains(r#"content="&quot;A&quot; &lt;b&gt;&amp;&lt;/b&gt;""#));
        assert!(!tags.contains("<b>"));
        let elements = tags.matches('<').count();
        assert_eq!(tags.matches(HEAD_MARK).count(), elements, "{tags}");
        assert_eq!(tags.matches(r#"rel="canonical""#).count(), 1);
        assert_eq!(tags.matches(r#"name="description""#).count(), 1);
        assert!(!tags.contains("noindex"));
        assert!(!tags.contains("max-image-preview"), "only articles");
        assert!(not_found(&site)
            .tags(&site.name)
            .contains(r#"name="robots" content="noindex""#));
    }

    #[test]
    fn list_pages_announce_their_feed() {
        let site = site();
        let cases = [
            (list(0), "https://x.vn/c/y-te/rss.xml"),
            (by_author(2), "https://x.vn/tac-gia/anh-tuyet/rss.xml"),
        ];
        for (page, own) in cases {
            let feeds = super::list(&site, &page).feeds;
            let hrefs: Vec<&str> = feeds.iter().map(|f| f.href.as_str()).collect();
            assert_eq!(hrefs, ["https://x.vn/rss.xml", own]);
        }
    }

    #[test]
    fn escaping() {
        let cases = [
            (
                "Tin <script>alert(1)</script>",
                "Tin &lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("\"A\" & 'B'", "&quot;A&quot; &amp; &#39;B&#39;"),
            ("Chính trị", "Chính trị"),
        ];
        for (input, want) in cases {
            assert_eq!(escape(input), want);
        }
    }
}
