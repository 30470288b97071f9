//! Redirects (docs/architecture.md, “Routes”): a static document per old address (canonical
//! link and meta refresh, for hosts that read no rules) and `_redirects`.

use anyhow::Result;
use bantin_model::{Article, Site};

use crate::content::source::old_site_path;
use crate::markup::escape;
use crate::output::sink::Sink;

/// Redirects listed in `_redirects`: the newest articles' two each, within
/// the 2 000 static rules Cloudflare Pages reads; older links are served by
/// the redirect documents, so the file stays bounded.
pub const RULES_ARTICLES: usize = 1000;

/// A static redirect document.
pub fn document(site: &Site, to_path: &str, title: &str) -> String {
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

/// The short link `/a/{id}/` and the old site's address of one article,
/// both to its canonical path.
pub fn write_article(site: &Site, article: &Article, sink: &dyn Sink) -> Result<()> {
    let redirect = document(site, &article.path, &article.title);
    sink.put(&format!("a/{}/index.html", article.id), redirect.as_bytes())?;
    if let Some(old) = old_site_path(&article.source.url) {
        sink.put(old.trim_start_matches('/'), redirect.as_bytes())?;
    }
    Ok(())
}

/// `_redirects`, for hosts that read one (newest articles first).
pub fn write_rules(articles: &[Article], sink: &dyn Sink) -> Result<()> {
    let mut rules = String::from("# Old and short article links to their canonical address.\n");
    for article in articles.iter().take(RULES_ARTICLES) {
        rules.push_str(&format!("/a/{}/ {} 301\n", article.id, article.path));
        if let Some(old) = old_site_path(&article.source.url) {
            rules.push_str(&format!("{old} {} 301\n", article.path));
        }
    }
    sink.put("_redirects", rules.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_site_paths() {
        let cases = [
            (
                "http://duytien.hanamtv.vn/vi/news/chinh-tri/ban-chi-dao-1678.html",
                Some("/vi/news/chinh-tri/ban-chi-dao-1678.html"),
            ),
            (
                "https://x.vn/vi/news/y-te/a-1.html?x=1#top",
                Some("/vi/news/y-te/a-1.html"),
            ),
            ("https://x.vn/vi/news/../../etc/a-1.html", None),
            ("https://x.vn/vi/news/y-te/ti%E1%BA%BFng-1.html", None),
            ("https://x.vn/other/a-1.html", None),
            ("not a url", None),
        ];
        for (url, want) in cases {
            assert_eq!(old_site_path(url).as_deref(), want, "{url}");
        }
    }
}

#[cfg(test)]
mod rendered {
    use super::*;
    use crate::output::sink::MemorySink;
    use crate::testing::Fixture;

    #[test]
    fn short_and_old_links_lead_to_the_canonical_path() {
        let fixture = Fixture::small();
        let site = fixture.context().site;
        let sink = MemorySink::default();
        for article in &fixture.newsroom.articles {
            write_article(&site, article, &sink).expect("redirect");
        }
        write_rules(&fixture.newsroom.articles, &sink).expect("rules");
        let rules = sink.text("_redirects").expect("_redirects");
        for article in &fixture.newsroom.articles {
            let short = sink
                .text(&format!("a/{}/index.html", article.id))
                .expect("the short link's document");
            let canonical = escape(&site.absolute(&article.path));
            assert!(short.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")));
            assert!(short.contains(&format!("content=\"0; url={}\"", escape(&article.path))));
            assert!(rules.contains(&format!("/a/{}/ {} 301\n", article.id, article.path)));
            if let Some(old) = old_site_path(&article.source.url) {
                assert_eq!(sink.text(old.trim_start_matches('/')), Some(short));
                assert!(rules.contains(&format!("{old} {} 301\n", article.path)));
            }
        }
        // Titles are text here too.
        assert!(sink
            .files()
            .values()
            .all(|b| !String::from_utf8_lossy(b).contains("<script>")));
    }
}
