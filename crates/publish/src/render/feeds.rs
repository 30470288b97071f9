//! RSS 2.0 feeds, the sitemap and robots.txt (docs/architecture.md, “Routes”): XML through
//! maintained crates, never string templates.

use anyhow::Result;
use bantin_model::{paths, rfc3339, Article, Site, PAGE_SIZE};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::output::sink::Sink;
use crate::render::catalog::{Catalog, List};
use crate::render::RenderContext;

/// Items in a feed.
pub const FEED_ITEMS: usize = 50;
/// URLs in one sitemap file (the protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;

/// One RSS 2.0 feed of the newest articles in `articles` (newest first).
pub fn rss(
    site: &Site,
    title: &str,
    link: &str,
    description: &str,
    articles: &[&Article],
) -> String {
    let items: Vec<rss::Item> = articles
        .iter()
        .take(FEED_ITEMS)
        .map(|a| {
            let url = site.absolute(&a.path);
            rss::ItemBuilder::default()
                .title(Some(a.title.clone()))
                .link(Some(url.clone()))
                .guid(Some(
                    rss::GuidBuilder::default()
                        .value(url)
                        .permalink(true)
                        .build(),
                ))
                .pub_date(Some(a.published.to_rfc2822()))
                .description(Some(html_text(&a.lead)))
                .categories(vec![rss::CategoryBuilder::default()
                    .name(a.category.name.clone())
                    .build()])
                .build()
        })
        .collect();
    let channel = rss::ChannelBuilder::default()
        .title(title.to_owned())
        .link(link.to_owned())
        .description(html_text(description))
        .language(Some(site.language.clone()))
        .last_build_date(articles.first().map(|a| a.modified.to_rfc2822()))
        .items(items)
        .build();
    channel.to_string()
}

/// A description, item's or channel's. RSS readers (and partner sites
/// that show descriptions) treat it as HTML, so the text is HTML-escaped
/// first: a lead holding `<img onerror=…>` or `giá <5%` shows as the
/// characters the editor wrote, never as markup. The `rss` crate then
/// writes it as CDATA or XML text, which needs nothing more.
fn html_text(text: &str) -> String {
    crate::markup::escape(text)
}

/// The feeds, the sitemap and `robots.txt`.
pub fn write(cx: &RenderContext, sink: &dyn Sink) -> Result<()> {
    write_feeds(cx, sink)?;
    write_sitemap(cx, sink)?;
    sink.put("robots.txt", robots(&cx.site).as_bytes())
}

/// Writes `rss.xml`, `c/{slug}/rss.xml` and `tac-gia/{slug}/rss.xml`.
pub fn write_feeds(cx: &RenderContext, sink: &dyn Sink) -> Result<()> {
    let (site, catalog) = (&cx.site, &cx.catalog);
    let newest = |list| -> Vec<&Article> { catalog.articles_in(list).take(FEED_ITEMS).collect() };
    let home = site.absolute("/");
    sink.put(
        paths::site_feed().trim_start_matches('/'),
        rss(
            site,
            &site.name,
            &home,
            &site.description,
            &newest(List::Latest),
        )
        .as_bytes(),
    )?;
    for category in catalog.categories() {
        let link = site.absolute(&paths::category_page(&category.slug, 1));
        let title = format!("{} – {}", category.name, site.name);
        let text = format!("Tin {} mới nhất", category.name);
        let items = newest(List::Category(category));
        sink.put(
            paths::category_feed(&category.slug).trim_start_matches('/'),
            rss(site, &title, &link, &text, &items).as_bytes(),
        )?;
    }
    for author in catalog.authors() {
        let link = site.absolute(&paths::author_page(&author.slug, 1));
        let title = format!("{} – {}", author.name, site.name);
        let text = format!("Các bài viết của tác giả {}", author.name);
        let items = newest(List::Author(author));
        sink.put(
            paths::author_feed(&author.slug).trim_start_matches('/'),
            rss(site, &title, &link, &text, &items).as_bytes(),
        )?;
    }
    Ok(())
}

/// Every page of the site worth indexing, with its last change if known.
fn urls(site: &Site, catalog: &Catalog) -> Vec<(String, Option<String>)> {
    let articles = catalog.articles();
    let newest = articles.first().map(|a| rfc3339::format(&a.modified));
    let mut urls = vec![
        (site.absolute("/"), newest),
        (site.absolute("/widget/"), None),
    ];
    for category in &site.categories {
        let pages = category.count.div_ceil(PAGE_SIZE).max(1);
        for n in 1..=pages {
            urls.push((
                site.absolute(&paths::category_page(&category.slug, n)),
                None,
            ));
        }
    }
    for author in catalog.authors() {
        for n in 1..=author.count.div_ceil(PAGE_SIZE).max(1) {
            urls.push((site.absolute(&paths::author_page(&author.slug, n)), None));
        }
    }
    urls.extend(
        articles
            .iter()
            .map(|a| (site.absolute(&a.path), Some(rfc3339::format(&a.modified)))),
    );
    urls
}

fn xml(build: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>) -> Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    build(&mut writer)?;
    Ok(writer.into_inner())
}

fn element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new(name)))?;
    writer.write_event(Event::Text(BytesText::new(text)))?;
    writer.write_event(Event::End(BytesEnd::new(name)))
}

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn urlset(urls: &[(String, Option<String>)]) -> Result<Vec<u8>> {
    xml(|w| {
        w.write_event(Event::Start(
            BytesStart::new("urlset").with_attributes([("xmlns", SITEMAP_NS)]),
        ))?;
        for (loc, lastmod) in urls {
            w.write_event(Event::Start(BytesStart::new("url")))?;
            element(w, "loc", loc)?;
            if let Some(lastmod) = lastmod {
                element(w, "lastmod", lastmod)?;
            }
            w.write_event(Event::End(BytesEnd::new("url")))?;
        }
        w.write_event(Event::End(BytesEnd::new("urlset")))
    })
}

/// `sitemap.xml`: one URL set, or past [`SITEMAP_URLS`] an index of
/// `sitemaps/{n}.xml` files, so no file grows with the archive.
pub fn write_sitemap(cx: &RenderContext, sink: &dyn Sink) -> Result<()> {
    let (site, catalog) = (&cx.site, &cx.catalog);
    let urls = urls(site, catalog);
    if urls.len() <= SITEMAP_URLS {
        return sink.put("sitemap.xml", &urlset(&urls)?);
    }
    let mut parts = Vec::new();
    for (i, chunk) in urls.chunks(SITEMAP_URLS).enumerate() {
        let path = format!("sitemaps/{}.xml", i + 1);
        sink.put(&path, &urlset(chunk)?)?;
        parts.push(site.absolute(&format!("/{path}")));
    }
    let index = xml(|w| {
        w.write_event(Event::Start(
            BytesStart::new("sitemapindex").with_attributes([("xmlns", SITEMAP_NS)]),
        ))?;
        for loc in &parts {
            w.write_event(Event::Start(BytesStart::new("sitemap")))?;
            element(w, "loc", loc)?;
            w.write_event(Event::End(BytesEnd::new("sitemap")))?;
        }
        w.write_event(Event::End(BytesEnd::new("sitemapindex")))
    })?;
    sink.put("sitemap.xml", &index)
}

pub fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nDisallow: /embed/\n\nSitemap: {}\n",
        site.absolute("/sitemap.xml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::sink::MemorySink;
    use crate::testing::Fixture;

    fn xml(sink: &MemorySink, path: &str) -> String {
        let text = sink
            .text(path)
            .unwrap_or_else(|| panic!("{path} was not written"));
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        text
    }

    #[test]
    fn a_feed_per_list_with_absolute_links_and_text_descriptions() {
        let fixture = Fixture::small();
        let cx = fixture.context();
        let (site, catalog) = (&cx.site, &cx.catalog);
        let sink = MemorySink::default();
        write_feeds(&cx, &sink).expect("feeds");
        let mut want = vec!["rss.xml".to_owned()];
        want.extend(
            catalog
                .categories()
                .iter()
                .map(|c| format!("c/{}/rss.xml", c.slug)),
        );
        want.extend(
            catalog
                .authors()
                .iter()
                .map(|a| format!("tac-gia/{}/rss.xml", a.slug)),
        );
        want.sort();
        assert_eq!(sink.files().keys().cloned().collect::<Vec<_>>(), want);
        let home = xml(&sink, "rss.xml");
        let doc = roxmltree::Document::parse(&home).expect("XML");
        let items: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("item"))
            .collect();
        assert_eq!(items.len(), catalog.articles().len().min(FEED_ITEMS));
        for item in items {
            let text = |tag: &str| {
                item.children()
                    .find(|n| n.has_tag_name(tag))
                    .and_then(|n| n.text())
                    .unwrap_or_default()
                    .to_owned()
            };
            assert!(text("link").starts_with(&site.base_url), "{}", text("link"));
            assert!(
                !text("description").contains('<'),
                "{}",
                text("description")
            );
        }
    }

    #[test]
    fn the_sitemap_lists_every_article_and_page() {
        let fixture = Fixture::small();
        let cx = fixture.context();
        let (site, catalog) = (&cx.site, &cx.catalog);
        let sink = MemorySink::default();
        write_sitemap(&cx, &sink).expect("sitemap");
        let text = xml(&sink, "sitemap.xml");
        for article in catalog.articles() {
            assert!(
                text.contains(&site.absolute(&article.path)),
                "{}",
                article.path
            );
        }
        assert!(text.contains(&site.absolute("/widget/")));
        assert!(robots(site).ends_with(&format!("Sitemap: {}/sitemap.xml\n", site.base_url)));
    }
}
