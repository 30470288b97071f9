//! An HTML document per route (design §6), from the app's `index.html`:
//! its own title, description, canonical link and share cards, so that
//! every route is a real file on a plain static host.

use anyhow::{Context, Result};
use bantin_model::{paths, Article, Site};
use serde_json::json;

/// Marks the head elements the build wrote; the app replaces them with its
/// own when it starts, so that no tag is there twice.
pub const HEAD_MARK: &str = "data-bantin-head";

/// `&`, `<`, `>`, `"` and `'` as entities: text is text, in element
/// content and in attribute values alike. Five characters do not need a crate.
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

/// The head of one document.
#[derive(Debug, Clone, Default)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// Absolute.
    pub canonical: String,
    /// Absolute, if any.
    pub image: Option<String>,
    pub og_type: &'static str,
    pub noindex: bool,
    /// `article:*` properties and the JSON-LD of an article page.
    pub article: Option<ArticleHead>,
    /// RSS feeds to announce: (title, absolute URL).
    pub feeds: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct ArticleHead {
    pub published: String,
    pub modified: String,
    pub section: String,
    pub authors: Vec<String>,
    pub json_ld: String,
}

impl Head {
    fn tags(&self, site_name: &str) -> String {
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
        }
        meta("property", "og:site_name", site_name);
        meta("property", "og:locale", "vi_VN");
        meta("property", "og:type", self.og_type);
        meta("property", "og:title", &self.title);
        meta("property", "og:description", &self.description);
        meta("property", "og:url", &self.canonical);
        if let Some(image) = &self.image {
            meta("property", "og:image", image);
        }
        let card = if self.image.is_some() {
            "summary_large_image"
        } else {
            "summary"
        };
        meta("name", "twitter:card", card);
        meta("name", "twitter:title", &self.title);
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
        for (title, href) in &self.feeds {
            tags.push(format!(
                r#"<link rel="alternate" type="application/rss+xml" title="{}" href="{}" {HEAD_MARK}>"#,
                escape(title),
                escape(href)
            ));
        }
        if let Some(article) = &self.article {
            tags.push(format!(
                r#"<script type="application/ld+json" {HEAD_MARK}>{}</script>"#,
                article.json_ld
            ));
        }
        tags.join("\n    ")
    }
}

/// The app's `index.html`, split where a document's own head goes.
#[derive(Debug, Clone)]
pub struct Template {
    before_title: String,
    after_title: String,
    /// Trunk's inline start-up script, moved to a file so that the
    /// Content-Security-Policy needs no `unsafe-inline`: (file name, code).
    pub start_script: Option<(String, String)>,
}

/// A 64-bit FNV-1a hash, for a content-addressed file name (not security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Moves `<script type="module">…</script>` without `src` into a file.
fn extract_start_script(html: &str) -> (String, Option<(String, String)>) {
    const OPEN: &str = "<script type=\"module\">";
    let Some(start) = html.find(OPEN) else {
        return (html.to_owned(), None);
    };
    let Some(len) = html[start..].find("</script>") else {
        return (html.to_owned(), None);
    };
    let scales = bantin_views::FONT_SCALES
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(",");
    let code = include_str!("js/start.js")
        .replace("__SCALES__", &format!("[{scales}]"))
        .replace("__KEY__", &format!("'{}'", bantin_views::FONT_SCALE_KEY))
        .replace("__DEFAULT__", &bantin_views::FONT_SCALE_DEFAULT.to_string())
        .replace("__APP__", html[start + OPEN.len()..start + len].trim());
    let name = format!("start-{:016x}.js", fnv1a(code.as_bytes()));
    let tag = format!("<script type=\"module\" src=\"/{name}\"></script>");
    let rest = drop_app_preloads(&html[start + len + "</script>".len()..]);
    (format!("{}{tag}{rest}", &html[..start]), Some((name, code)))
}

/// Removes Trunk's `<link rel="modulepreload">` and wasm `<link rel="preload">`
/// tags, which would fetch the app ahead of the page's own images.
fn drop_app_preloads(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link ") {
        let Some(end) = rest[at..].find('>') else {
            break;
        };
        let tag = &rest[at..at + end + 1];
        out.push_str(&rest[..at]);
        let preload = tag.contains("rel=\"modulepreload\"")
            || (tag.contains("rel=\"preload\"") && tag.contains(".wasm"));
        if !preload {
            out.push_str(tag);
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

impl Template {
    pub fn parse(html: &str) -> Result<Template> {
        let (html, start_script) = extract_start_script(html);
        let html = html.as_str();
        let start = html
            .find("<title>")
            .context("the app's index.html has no <title>")?;
        let end = html[start..]
            .find("</title>")
            .map(|i| start + i + "</title>".len())
            .context("the app's index.html has an unclosed <title>")?;
        Ok(Template {
            before_title: html[..start].to_owned(),
            after_title: html[end..].to_owned(),
            start_script,
        })
    }

    /// The document: `head`'s tags, and `body` (the pre-rendered page and
    /// its data) at the start of the template's `<body>`, which names the
    /// `route` the page was rendered for (the app hydrates it only there).
    pub fn render(&self, head: &Head, site_name: &str, route: Option<&str>, body: &str) -> String {
        let title = if head.title.is_empty() || head.title == site_name {
            site_name.to_owned()
        } else {
            format!("{} – {site_name}", head.title)
        };
        let after = match self.after_title.find("<body>") {
            Some(i) => {
                let open = match route {
                    Some(route) => {
                        format!("<body {}=\"{}\">", bantin_app::ROUTE_ATTR, escape(route))
                    }
                    None => "<body>".to_owned(),
                };
                format!(
                    "{}{open}{body}{}",
                    &self.after_title[..i],
                    &self.after_title[i + "<body>".len()..]
                )
            }
            None => format!("{}{body}", self.after_title),
        };
        format!(
            "{}<title>{}</title>\n    {}{after}",
            self.before_title,
            escape(&title),
            head.tags(site_name),
        )
    }
}

/// The head of an article page, with its `NewsArticle` JSON-LD.
pub fn article_head(site: &Site, article: &Article) -> Head {
    let canonical = site.absolute(&article.path);
    let image = article.image.as_ref().map(|i| site.absolute(&i.src));
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "mainEntityOfPage": canonical,
        "url": canonical,
        "datePublished": article.published.to_rfc3339(),
        "dateModified": article.modified.to_rfc3339(),
        "articleSection": article.category.name,
        "inLanguage": site.language,
        "author": article.authors.iter().map(|a| json!({ "@type": "Person", "name": a })).collect::<Vec<_>>(),
        "publisher": {
            "@type": "Organization",
            "name": site.name,
            "logo": site.logo.as_ref().map(|l| json!({ "@type": "ImageObject", "url": site.absolute(l) })),
        },
    });
    if let Some(image) = &image {
        ld["image"] = json!([image]);
    }
    Head {
        title: article.title.clone(),
        description: article.lead.clone(),
        canonical,
        image,
        og_type: "article",
        noindex: false,
        feeds: Vec::new(),
        article: Some(ArticleHead {
            published: article.published.to_rfc3339(),
            modified: article.modified.to_rfc3339(),
            section: article.category.name.clone(),
            authors: article.authors.clone(),
            json_ld: json_for_script(&ld),
        }),
    }
}

/// JSON safe inside `<script>`: no `</script>` or `<!--` can end it early.
pub fn json_for_script(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_owned())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A static redirect document: canonical link and meta refresh, for hosts
/// that read no `_redirects` file.
pub fn redirect_document(site: &Site, to_path: &str, title: &str) -> String {
    let to = escape(&site.absolute(to_path));
    let local = escape(to_path);
    format!(
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <link rel=\"canonical\" href=\"{to}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={local}\">\n</head>\n<body>\n\
         <p>Bài viết đã chuyển tới <a href=\"{local}\">{}</a>.</p>\n</body>\n</html>\n",
        escape(title),
        escape(title)
    )
}

/// The path of a category page's document.
pub fn category_file(slug: &str, page: usize) -> String {
    format!(
        "{}index.html",
        paths::category_page(slug, page).trim_start_matches('/')
    )
}

/// Redirects listed in `_redirects`: the newest articles' two each, within
/// the 2 000 static rules Cloudflare Pages reads; older links are served by
/// the redirect documents, so the file stays bounded.
pub const REDIRECT_RULES_ARTICLES: usize = 1000;

/// Writes every route's document (its head, the page pre-rendered by the
/// app's own components, and the page's data), the redirect documents and
/// `_redirects`.
pub fn documents(
    catalog: &crate::render::Catalog,
    site: &Site,
    description: &str,
    template: &Template,
    sink: &dyn crate::render::Sink,
) -> Result<()> {
    use rayon::prelude::*;

    let newsroom = catalog.newsroom;
    if let Some((name, code)) = &template.start_script {
        sink.put(name, code.as_bytes())?;
    }
    let site_feed = (site.name.clone(), site.absolute("/rss.xml"));
    let page = |path: &str, mut head: Head, route: Option<&str>, body: &str| {
        head.feeds.insert(0, site_feed.clone());
        sink.put(
            path,
            template.render(&head, &site.name, route, body).as_bytes(),
        )
    };
    let prerender = crate::prerender::Prerender::new(site);
    let logo = site.logo.as_ref().map(|l| site.absolute(l));
    let home = catalog.home();
    page(
        "index.html",
        Head {
            title: site.name.clone(),
            description: description.to_owned(),
            canonical: site.absolute("/"),
            image: logo.clone(),
            og_type: "website",
            ..Head::default()
        },
        Some("/"),
        &prerender.page("/", &paths::home(), &home),
    )?;
    let not_found = Head {
        title: "Không tìm thấy trang".into(),
        description: description.to_owned(),
        canonical: site.absolute("/"),
        og_type: "website",
        noindex: true,
        ..Head::default()
    };
    // The app decides what an unknown path shows; no page is pre-rendered.
    page("404.html", not_found, None, "")?;
    page(
        "widget/index.html",
        Head {
            title: "Hộp tin cho trang đối tác".into(),
            description: format!(
                "Gắn hộp tin mới của {} lên trang của bạn bằng một đoạn mã.",
                site.name
            ),
            canonical: site.absolute("/widget/"),
            image: logo.clone(),
            og_type: "website",
            ..Head::default()
        },
        Some("/widget/"),
        &prerender.site_page("/widget/"),
    )?;
    for category in &site.categories {
        let mut n = 1;
        while let Some(list) = catalog.category_page(&category.slug, &category.name, n) {
            let title = if n > 1 {
                format!("{} – trang {n}", category.name)
            } else {
                category.name.clone()
            };
            let route = paths::category_page(&category.slug, n);
            let body = prerender.page(&route, &paths::category(&category.slug, n), &list);
            page(
                &category_file(&category.slug, n),
                Head {
                    title,
                    description: format!("Tin {} mới nhất – {}", category.name, site.name),
                    canonical: site.absolute(&paths::category_page(&category.slug, n)),
                    image: logo.clone(),
                    og_type: "website",
                    feeds: vec![(
                        format!("{} – {}", category.name, site.name),
                        site.absolute(&format!("/c/{}/rss.xml", category.slug)),
                    )],
                    ..Head::default()
                },
                Some(&route),
                &body,
            )?;
            n += 1;
        }
    }
    (0..newsroom.articles.len())
        .into_par_iter()
        .try_for_each(|index| {
            let article = catalog.full_article(index);
            let dir = article.path.trim_start_matches('/');
            let body = prerender.page(&article.path, &paths::article(article.id), &article);
            page(
                &format!("{dir}index.html"),
                article_head(site, &article),
                Some(&article.path),
                &body,
            )?;
            let redirect = redirect_document(site, &article.path, &article.title);
            sink.put(&format!("a/{}/index.html", article.id), redirect.as_bytes())?;
            if let Some(old) = old_site_path(&article.source.url) {
                sink.put(old.trim_start_matches('/'), redirect.as_bytes())?;
            }
            Ok::<(), anyhow::Error>(())
        })?;

    let mut rules = String::from("# Old and short article links to their canonical address.\n");
    for article in newsroom.articles.iter().take(REDIRECT_RULES_ARTICLES) {
        rules.push_str(&format!("/a/{}/ {} 301\n", article.id, article.path));
        if let Some(old) = old_site_path(&article.source.url) {
            rules.push_str(&format!("{old} {} 301\n", article.path));
        }
    }
    sink.put("_redirects", rules.as_bytes())
}

/// `/vi/news/{category}/{slug}-{id}.html` of an old-site URL, if it is a
/// plain path (no query, nothing that could escape the output folder).
pub fn old_site_path(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next()?;
    let plain = path.starts_with("/vi/news/")
        && path.ends_with(".html")
        && !path.contains("..")
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-/._".contains(&b));
    plain.then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn json_cannot_close_its_script() {
        let value = json!({ "headline": "</script><script>alert(1)</script> & <!--" });
        let out = json_for_script(&value);
        assert!(!out.contains('<') && !out.contains('>'), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn template_gets_its_own_title() {
        let template = Template::parse(
            "<html><head><title>Bản tin</title><script src=x></script></head><body></body></html>",
        )
        .expect("template");
        let head = Head {
            title: "A & B".into(),
            canonical: "https://x.vn/".into(),
            og_type: "website",
            ..Head::default()
        };
        let html = template.render(&head, "Đài", None, "");
        assert!(html.contains("<title>A &amp; B – Đài</title>"), "{html}");
        assert!(html.contains(r#"<link rel="canonical" href="https://x.vn/" data-bantin-head>"#));
        assert!(html.ends_with("<script src=x></script></head><body></body></html>"));
        assert_eq!(html.matches("<title>").count(), 1);
    }
}
