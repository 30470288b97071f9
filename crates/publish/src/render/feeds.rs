//! RSS 2.0 feeds, the sitemap and robots.txt (docs/architecture.md, “Routes”): XML through
//! maintained crates, never string templates.

use anyhow::Result;
use bantin_model::{archive, paths, rfc3339, Article, Site};
use chrono::{DateTime, Datelike, FixedOffset};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::output::sink::Sink;
use crate::render::catalog::{Catalog, List};
use crate::render::RenderContext;

/// Items in a feed.
pub const FEED_ITEMS: usize = 50;
/// URLs in one sitemap file (the protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;
/// The sitemap of the pages that are not articles.
const PAGES_SITEMAP: &str = "sitemaps/pages.xml";
/// Google News sitemap: the articles of the last [`NEWS_HOURS`] hours,
/// at most [`NEWS_URLS`] (Google's rules for it).
pub const NEWS_SITEMAP: &str = "sitemap-news.xml";
pub const NEWS_HOURS: i64 = 48;
pub const NEWS_URLS: usize = 1_000;
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

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
pub(crate) fn html_text(text: &str) -> String {
    crate::markup::escape(text)
}

/// The feeds, the sitemap and `robots.txt`.
pub fn write(cx: &RenderContext, sink: &dyn Sink) -> Result<()> {
    write_feeds(cx, sink)?;
    write_sitemap(cx, sink)?;
    let news = news_sitemap(cx)?;
    if let Some(news) = &news {
        sink.put(NEWS_SITEMAP, news)?;
    }
    sink.put("robots.txt", robots(&cx.site, news.is_some()).as_bytes())
}

/// Writes `rss.xml`, `c/{slug}/rss.xml`, `tac-gia/{slug}/rss.xml` and
/// `chu-de/{slug}/rss.xml`.
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
        let link = site.absolute(&paths::category_page(&category.slug, 0));
        let title = format!("{} – {}", category.name, site.name);
        let text = format!("Tin {} mới nhất", category.name);
        let items = newest(List::Category(category));
        sink.put(
            paths::category_feed(&category.slug).trim_start_matches('/'),
            rss(site, &title, &link, &text, &items).as_bytes(),
        )?;
    }
    for author in catalog.authors() {
        let link = site.absolute(&paths::author_page(&author.slug, 0));
        let title = format!("{} – {}", author.name, site.name);
        let text = format!("Các bài viết của tác giả {}", author.name);
        let items = newest(List::Author(author));
        sink.put(
            paths::author_feed(&author.slug).trim_start_matches('/'),
            rss(site, &title, &link, &text, &items).as_bytes(),
        )?;
    }
    for topic in catalog.topics() {
        let link = site.absolute(&paths::topic_page(&topic.slug, 0));
        let title = format!("{} – {}", topic.name, site.name);
        let text = format!("Tin về chủ đề {}", topic.name);
        let items = newest(List::Topic(topic));
        sink.put(
            paths::topic_feed(&topic.slug).trim_start_matches('/'),
            rss(site, &title, &link, &text, &items).as_bytes(),
        )?;
    }
    Ok(())
}

/// The pages that are not articles, with their last change if known: the
/// home page, the widget's page, each list's landing page. Their archive
/// blocks are in [`archive_files`]: this file stays small, as the home
/// page's `<lastmod>` changes it with every new article.
fn pages(site: &Site, catalog: &Catalog) -> Vec<(String, Option<String>)> {
    let newest = catalog
        .articles()
        .first()
        .map(|a| rfc3339::format(&a.modified));
    let mut urls = vec![
        (site.absolute("/"), newest),
        (site.absolute(paths::LATEST_PAGE), None),
        (site.absolute("/widget/"), None),
    ];
    for category in &site.categories {
        urls.push((
            site.absolute(&paths::category_page(&category.slug, 0)),
            None,
        ));
    }
    for author in catalog.authors() {
        urls.push((site.absolute(&paths::author_page(&author.slug, 0)), None));
    }
    for topic in catalog.topics() {
        urls.push((site.absolute(&paths::topic_page(&topic.slug, 0)), None));
    }
    urls
}

/// Each list's archive blocks, oldest first, in a file of its own:
/// `sitemaps/tin-moi.xml`, `sitemaps/c/{slug}.xml`,
/// `sitemaps/tac-gia/{slug}.xml`, `sitemaps/chu-de/{slug}.xml` (past `cap`
/// blocks, `….{k}.xml` from 2). A block's address never changes, so a new
/// article changes no such file but, one in twenty, its lists' own.
fn archive_files(site: &Site, catalog: &Catalog, cap: usize) -> Vec<(String, Vec<String>)> {
    let latest = (1..=archive::blocks(catalog.articles().len()))
        .map(|n| site.absolute(&paths::latest_page(n)))
        .collect();
    let mut lists: Vec<(String, Vec<String>)> = vec![("sitemaps/tin-moi".to_owned(), latest)];
    for category in &site.categories {
        let blocks = (1..=archive::blocks(category.count))
            .map(|n| site.absolute(&paths::category_page(&category.slug, n)))
            .collect();
        lists.push((format!("sitemaps/c/{}", category.slug), blocks));
    }
    for author in catalog.authors() {
        let blocks = (1..=archive::blocks(author.count))
            .map(|n| site.absolute(&paths::author_page(&author.slug, n)))
            .collect();
        lists.push((format!("sitemaps/tac-gia/{}", author.slug), blocks));
    }
    for topic in catalog.topics() {
        let blocks = (1..=archive::blocks(topic.count))
            .map(|n| site.absolute(&paths::topic_page(&topic.slug, n)))
            .collect();
        lists.push((format!("sitemaps/chu-de/{}", topic.slug), blocks));
    }
    let mut files = Vec::new();
    for (stem, blocks) in lists {
        for (k, part) in blocks.chunks(cap).enumerate() {
            let name = if k == 0 {
                format!("{stem}.xml")
            } else {
                format!("{stem}.{}.xml", k + 1)
            };
            files.push((name, part.to_vec()));
        }
    }
    files
}

/// The month an article was published, in Vietnam time: `2024-07`.
fn month_of(article: &Article) -> String {
    let local = bantin_model::to_vietnam_time(&article.published);
    format!("{:04}-{:02}", local.year(), local.month())
}

/// The articles' sitemap files, oldest month first: `sitemaps/{yyyy}-{mm}.xml`,
/// or past `cap` articles in a month `sitemaps/{yyyy}-{mm}-{k}.xml`, each
/// part in order of publication. An article's file follows from its own
/// date alone (and, in a month past the cap, from the older articles of
/// that month), so a new article changes its month's file and nothing
/// else of the articles' files, however large the archive.
fn article_files<'a>(articles: &[&'a Article], cap: usize) -> Vec<(String, Vec<&'a Article>)> {
    let mut by_month: Vec<(String, Vec<&Article>)> = Vec::new();
    let mut sorted = articles.to_vec();
    sorted.sort_by_key(|a| (a.published, a.id));
    for article in sorted {
        let month = month_of(article);
        match by_month.last_mut() {
            Some((m, list)) if *m == month => list.push(article),
            _ => by_month.push((month, vec![article])),
        }
    }
    let mut files = Vec::new();
    for (month, list) in by_month {
        if list.len() <= cap {
            files.push((format!("sitemaps/{month}.xml"), list));
        } else {
            for (k, part) in list.chunks(cap).enumerate() {
                files.push((format!("sitemaps/{month}-{}.xml", k + 1), part.to_vec()));
            }
        }
    }
    files
}

pub(crate) fn xml(
    build: impl FnOnce(&mut Writer<Vec<u8>>) -> std::io::Result<()>,
) -> Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    build(&mut writer)?;
    Ok(writer.into_inner())
}

pub(crate) fn element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
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

/// `sitemap.xml`, an index of files that stay put as the archive grows:
/// `sitemaps/pages.xml` (the home page and the lists' landing pages), each
/// list's archive blocks ([`archive_files`]) and the articles by month of
/// publication ([`article_files`]). Each article file carries the last
/// change of what it lists, so a crawler reads again only what changed.
pub fn write_sitemap(cx: &RenderContext, sink: &dyn Sink) -> Result<()> {
    let (site, catalog) = (&cx.site, &cx.catalog);
    let mut children = Vec::new();
    let pages = pages(site, catalog);
    sink.put(PAGES_SITEMAP, &urlset(&pages)?)?;
    children.push((site.absolute(&format!("/{PAGES_SITEMAP}")), None));
    for (path, blocks) in archive_files(site, catalog, SITEMAP_URLS) {
        let urls: Vec<(String, Option<String>)> = blocks.into_iter().map(|u| (u, None)).collect();
        sink.put(&path, &urlset(&urls)?)?;
        children.push((site.absolute(&format!("/{path}")), None));
    }
    let articles: Vec<&Article> = catalog.articles().iter().collect();
    for (path, list) in article_files(&articles, SITEMAP_URLS) {
        let urls: Vec<(String, Option<String>)> = list
            .iter()
            .map(|a| (site.absolute(&a.path), Some(rfc3339::format(&a.modified))))
            .collect();
        sink.put(&path, &urlset(&urls)?)?;
        let last = list.iter().map(|a| a.modified).max();
        children.push((
            site.absolute(&format!("/{path}")),
            last.map(|t| rfc3339::format(&t)),
        ));
    }
    let index = xml(|w| {
        w.write_event(Event::Start(
            BytesStart::new("sitemapindex").with_attributes([("xmlns", SITEMAP_NS)]),
        ))?;
        for (loc, lastmod) in &children {
            w.write_event(Event::Start(BytesStart::new("sitemap")))?;
            element(w, "loc", loc)?;
            if let Some(lastmod) = lastmod {
                element(w, "lastmod", lastmod)?;
            }
            w.write_event(Event::End(BytesEnd::new("sitemap")))?;
        }
        w.write_event(Event::End(BytesEnd::new("sitemapindex")))
    })?;
    sink.put("sitemap.xml", &index)
}

/// The articles a news sitemap lists at `now`: published in the
/// [`NEWS_HOURS`] hours before it, newest first, at most [`NEWS_URLS`].
/// Articles published after `now` are held back before they get here.
fn news_articles(
    articles: &[Article],
    now: DateTime<FixedOffset>,
) -> impl Iterator<Item = &Article> {
    let since = now - chrono::Duration::hours(NEWS_HOURS);
    articles
        .iter()
        .filter(move |a| a.published > since && a.published <= now)
        .take(NEWS_URLS)
}

/// `sitemap-news.xml` (Google News): each recent article with the
/// publication's name and language, its date and its title, as text.
/// None when nothing is recent: the schema wants at least one `<url>`,
/// so the file is left out and `robots.txt` does not name it.
fn news_sitemap(cx: &RenderContext) -> Result<Option<Vec<u8>>> {
    let site = &cx.site;
    if news_articles(cx.catalog.articles(), cx.now)
        .next()
        .is_none()
    {
        return Ok(None);
    }
    let file = xml(|w| {
        w.write_event(Event::Start(
            BytesStart::new("urlset")
                .with_attributes([("xmlns", SITEMAP_NS), ("xmlns:news", NEWS_NS)]),
        ))?;
        for article in news_articles(cx.catalog.articles(), cx.now) {
            w.write_event(Event::Start(BytesStart::new("url")))?;
            element(w, "loc", &site.absolute(&article.path))?;
            w.write_event(Event::Start(BytesStart::new("news:news")))?;
            w.write_event(Event::Start(BytesStart::new("news:publication")))?;
            element(w, "news:name", &site.name)?;
            element(w, "news:language", &site.language)?;
            w.write_event(Event::End(BytesEnd::new("news:publication")))?;
            element(
                w,
                "news:publication_date",
                &rfc3339::format(&bantin_model::to_vietnam_time(&article.published)),
            )?;
            element(w, "news:title", &article.title)?;
            w.write_event(Event::End(BytesEnd::new("news:news")))?;
            w.write_event(Event::End(BytesEnd::new("url")))?;
        }
        w.write_event(Event::End(BytesEnd::new("urlset")))
    })?;
    Ok(Some(file))
}

/// `robots.txt`: the sitemap index, and the news sitemap when there is one.
pub fn robots(site: &Site, news: bool) -> String {
    let mut text = format!(
        "User-agent: *\nAllow: /\nDisallow: /embed/\n\nSitemap: {}\n",
        site.absolute("/sitemap.xml")
    );
    if news {
        text.push_str(&format!(
            "Sitemap: {}\n",
            site.absolute(&format!("/{NEWS_SITEMAP}"))
        ));
    }
    text
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
        want.extend(
            catalog
                .topics()
                .iter()
                .map(|t| format!("chu-de/{}/rss.xml", t.slug)),
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

    /// Every `<loc>` of the sitemap index and of the files it lists.
    fn sitemap_locs(sink: &MemorySink, base_url: &str) -> Vec<String> {
        let locs = |path: &str| -> Vec<String> {
            let text = xml(sink, path);
            let doc = roxmltree::Document::parse(&text).expect("XML");
            doc.descendants()
                .filter(|n| n.has_tag_name("loc"))
                .filter_map(|n| n.text())
                .map(str::to_owned)
                .collect()
        };
        let mut all = Vec::new();
        for child in locs("sitemap.xml") {
            let path = child.strip_prefix(base_url).expect("on the site");
            all.extend(locs(path.trim_start_matches('/')));
        }
        all
    }

    #[test]
    fn the_sitemap_lists_every_article_and_page_once() {
        let fixture = Fixture::small();
        let cx = fixture.context();
        let (site, catalog) = (&cx.site, &cx.catalog);
        let sink = MemorySink::default();
        write_sitemap(&cx, &sink).expect("sitemap");
        let locs = sitemap_locs(&sink, &site.base_url);
        for article in catalog.articles() {
            let url = site.absolute(&article.path);
            assert_eq!(locs.iter().filter(|l| **l == url).count(), 1, "{url}");
        }
        assert!(locs.contains(&site.absolute("/widget/")));
        assert!(locs.contains(&site.absolute("/")));
        assert!(robots(site, false).ends_with(&format!("Sitemap: {}/sitemap.xml\n", site.base_url)));
    }

    /// An article published at `date`, numbered `id`.
    fn article_at(template: &Article, id: u32, date: &str) -> Article {
        let when = rfc3339::parse(date).expect("a date");
        Article {
            id,
            path: format!("/a/{id}/x/"),
            published: when,
            modified: when,
            ..template.clone()
        }
    }

    #[test]
    fn articles_go_to_their_months_file_in_parts_past_the_cap() {
        let fixture = Fixture::small();
        let template = &fixture.newsroom.articles[0];
        // (id, published): Vietnam time decides the month (18:00 UTC on
        // 31 July is 1 August in Hà Nội); each part in order of publication.
        let articles: Vec<Article> = [
            (1, "2024-07-05T10:00:00+07:00"),
            (2, "2024-07-31T18:00:00+00:00"),
            (3, "2024-08-02T10:00:00+07:00"),
            (4, "2024-08-01T10:00:00+07:00"),
            (5, "2024-06-30T23:59:00+07:00"),
            (6, "2024-08-03T10:00:00+07:00"),
        ]
        .iter()
        .map(|(id, date)| article_at(template, *id, date))
        .collect();
        let refs: Vec<&Article> = articles.iter().collect();
        let files: Vec<(String, Vec<u32>)> = article_files(&refs, 2)
            .into_iter()
            .map(|(path, list)| (path, list.iter().map(|a| a.id).collect()))
            .collect();
        let want: Vec<(String, Vec<u32>)> = [
            ("sitemaps/2024-06.xml", vec![5]),
            ("sitemaps/2024-07.xml", vec![1]),
            ("sitemaps/2024-08-1.xml", vec![2, 4]),
            ("sitemaps/2024-08-2.xml", vec![3, 6]),
        ]
        .into_iter()
        .map(|(p, ids)| (p.to_owned(), ids))
        .collect();
        assert_eq!(files, want);
    }

    #[test]
    fn a_new_article_changes_the_index_the_pages_and_its_month() {
        let mut fixture = Fixture::small();
        let before = MemorySink::default();
        write_sitemap(&fixture.context(), &before).expect("sitemap");
        let newest = fixture.newsroom.articles[0].clone();
        let id = fixture
            .newsroom
            .articles
            .iter()
            .map(|a| a.id)
            .max()
            .unwrap_or(0)
            + 1;
        let later = rfc3339::format(&(newest.published + chrono::Duration::minutes(1)));
        let new = article_at(&newest, id, &later);
        assert_eq!(
            month_of(&new),
            month_of(&newest),
            "the fixture's newest is at a month's end"
        );
        fixture.newsroom.articles.insert(0, new);
        let after = MemorySink::default();
        write_sitemap(&fixture.context(), &after).expect("sitemap");
        let (old, new) = (before.files(), after.files());
        assert_eq!(
            old.keys().collect::<Vec<_>>(),
            new.keys().collect::<Vec<_>>()
        );
        let changed: Vec<&str> = new
            .keys()
            .filter(|k| old[*k] != new[*k])
            .map(String::as_str)
            .collect();
        // The index changes too when the new article is its month's latest
        // change (its `<lastmod>`); the fixture's newest was edited later.
        let month = format!("sitemaps/{}.xml", month_of(&newest));
        assert!(changed.contains(&month.as_str()), "{changed:?}");
        // (Its lists' archive files too when it starts a new block: not
        // with the fixture's few articles.)
        let allowed = ["sitemap.xml", month.as_str(), "sitemaps/pages.xml"];
        assert!(changed.iter().all(|c| allowed.contains(c)), "{changed:?}");
        assert!(
            old.len() > allowed.len(),
            "the fixture spans several months"
        );
    }

    #[test]
    fn each_lists_archive_blocks_have_a_file_cut_past_the_cap() {
        let fixture = Fixture::small();
        let cx = fixture.context();
        let mut site = cx.site.clone();
        let slug = site.categories[0].slug.clone();
        // 85 articles: the landing page and blocks 1 to 3.
        site.categories[0].count = 85;
        let files = archive_files(&site, &cx.catalog, 2);
        let of = |name: &str| {
            files
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, urls)| urls.clone())
                .unwrap_or_default()
        };
        let block = |n| site.absolute(&paths::category_page(&slug, n));
        assert_eq!(of(&format!("sitemaps/c/{slug}.xml")), [block(1), block(2)]);
        assert_eq!(of(&format!("sitemaps/c/{slug}.2.xml")), [block(3)]);
        // A list with no archive block has no file; landing pages are in
        // pages.xml, blocks never.
        assert!(files.iter().all(|(_, urls)| !urls.is_empty()));
        let pages: Vec<String> = pages(&site, &cx.catalog)
            .into_iter()
            .map(|(u, _)| u)
            .collect();
        assert!(pages.contains(&block(0)));
        assert!(!pages.contains(&block(1)));
    }

    #[test]
    fn the_news_window_is_the_last_48_hours_newest_first_capped() {
        let fixture = Fixture::small();
        let template = &fixture.newsroom.articles[0];
        let now = rfc3339::parse("2024-07-10T12:00:00+07:00").expect("a date");
        // One article a minute for 30 hours, newest first, as the catalog
        // keeps them: 1 800, of which the newest 1 000 are listed.
        let articles: Vec<Article> = (0..1_800)
            .map(|k| {
                let at = now - chrono::Duration::minutes(k);
                article_at(template, 5_000 - k as u32, &rfc3339::format(&at))
            })
            .collect();
        let listed: Vec<u32> = news_articles(&articles, now).map(|a| a.id).collect();
        assert_eq!(listed.len(), NEWS_URLS);
        assert_eq!(listed.first(), Some(&5_000));
        assert_eq!(listed.last(), Some(&(5_000 - NEWS_URLS as u32 + 1)));
        // (minutes before now, listed): the window's edge is open.
        let hours = NEWS_HOURS * 60;
        for (before, want) in [
            (0, true),
            (hours - 1, true),
            (hours, false),
            (hours + 60, false),
        ] {
            let at = now - chrono::Duration::minutes(before);
            let one = [article_at(template, 1, &rfc3339::format(&at))];
            assert_eq!(
                news_articles(&one, now).count() == 1,
                want,
                "{before} min before"
            );
        }
    }
}
