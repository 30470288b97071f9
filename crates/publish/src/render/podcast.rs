//! The podcast feeds (docs/architecture.md, “Recordings”): `/podcast.xml`
//! with the station's newest recordings, and `/c/{slug}/podcast.xml` for
//! each category that has one. RSS 2.0 with Apple's `itunes:` and
//! Podcasting 2.0's `podcast:` names, written through quick-xml like the
//! sitemaps, so every text is escaped and the XML is always well formed.

use anyhow::Result;
use bantin_model::{paths, Article, Site};
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::check::Podcast;
use crate::output::sink::Sink;
use crate::render::catalog::List;
use crate::render::feeds::{element, html_text, xml};
use crate::render::RenderContext;

/// Episodes in a feed: the newest, so that no file grows with the archive.
pub const EPISODES: usize = 100;
pub const SITE_PODCAST: &str = "podcast.xml";
const ITUNES_NS: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const PODCAST_NS: &str = "https://podcastindex.org/namespace/1.0";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

pub fn category_podcast(slug: &str) -> String {
    format!("c/{slug}/podcast.xml")
}

/// Writes the feeds, when the newsroom has a podcast.
pub fn write(cx: &RenderContext, sink: &dyn Sink) -> Result<()> {
    let Some(podcast) = cx.podcast else {
        return Ok(());
    };
    let episodes = |list| -> Vec<&Article> {
        cx.catalog
            .articles_in(list)
            .filter(|a| a.audio.is_some())
            .take(EPISODES)
            .collect()
    };
    let site = &cx.site;
    let all = episodes(List::Latest);
    let channel = Channel {
        title: site.name.clone(),
        link: site.absolute("/"),
        feed: site.absolute(&format!("/{SITE_PODCAST}")),
        description: site.description.clone(),
    };
    sink.put(SITE_PODCAST, &feed(site, podcast, &channel, &all)?)?;
    for category in cx.catalog.categories() {
        let items = episodes(List::Category(category));
        if items.is_empty() {
            continue;
        }
        let path = category_podcast(&category.slug);
        let channel = Channel {
            title: format!("{} – {}", category.name, site.name),
            link: site.absolute(&paths::category_page(&category.slug, 0)),
            feed: site.absolute(&format!("/{path}")),
            description: format!("Bản tin {} của {}", category.name, site.name),
        };
        sink.put(&path, &feed(site, podcast, &channel, &items)?)?;
    }
    Ok(())
}

/// What differs between the feeds.
struct Channel {
    title: String,
    link: String,
    feed: String,
    description: String,
}

fn start<'a>(
    w: &mut Writer<Vec<u8>>,
    name: &'a str,
    attributes: &[(&'a str, &'a str)],
) -> std::io::Result<()> {
    let tag = BytesStart::new(name).with_attributes(attributes.iter().copied());
    w.write_event(Event::Start(tag))?;
    Ok(())
}

fn empty(w: &mut Writer<Vec<u8>>, name: &str, attributes: &[(&str, &str)]) -> std::io::Result<()> {
    let tag = BytesStart::new(name).with_attributes(attributes.iter().copied());
    w.write_event(Event::Empty(tag))?;
    Ok(())
}

fn end(w: &mut Writer<Vec<u8>>, name: &str) -> std::io::Result<()> {
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

fn feed(
    site: &Site,
    podcast: &Podcast,
    channel: &Channel,
    episodes: &[&Article],
) -> Result<Vec<u8>> {
    let settings = &podcast.settings;
    let cover = site.absolute(&format!("/media/{}", podcast.cover));
    xml(|w| {
        start(
            w,
            "rss",
            &[
                ("version", "2.0"),
                ("xmlns:itunes", ITUNES_NS),
                ("xmlns:podcast", PODCAST_NS),
                ("xmlns:atom", ATOM_NS),
            ],
        )?;
        start(w, "channel", &[])?;
        element(w, "title", &channel.title)?;
        element(w, "link", &channel.link)?;
        empty(
            w,
            "atom:link",
            &[
                ("href", &channel.feed),
                ("rel", "self"),
                ("type", "application/rss+xml"),
            ],
        )?;
        element(w, "description", &html_text(&channel.description))?;
        element(w, "language", &site.language)?;
        if let Some(newest) = episodes.first() {
            element(w, "lastBuildDate", &newest.modified.to_rfc2822())?;
        }
        empty(w, "itunes:image", &[("href", &cover)])?;
        start(w, "image", &[])?;
        element(w, "url", &cover)?;
        element(w, "title", &channel.title)?;
        element(w, "link", &channel.link)?;
        end(w, "image")?;
        empty(w, "itunes:category", &[("text", &settings.category)])?;
        element(w, "itunes:author", &settings.owner)?;
        start(w, "itunes:owner", &[])?;
        element(w, "itunes:name", &settings.owner)?;
        element(w, "itunes:email", &settings.email)?;
        end(w, "itunes:owner")?;
        element(w, "itunes:explicit", "false")?;
        element(w, "itunes:type", "episodic")?;
        for article in episodes {
            episode(w, site, article)?;
        }
        end(w, "channel")?;
        end(w, "rss")
    })
}

fn episode(w: &mut Writer<Vec<u8>>, site: &Site, article: &Article) -> std::io::Result<()> {
    let Some(audio) = &article.audio else {
        return Ok(());
    };
    start(w, "item", &[])?;
    element(w, "title", &article.title)?;
    element(w, "link", &site.absolute(&article.path))?;
    element(w, "description", &html_text(&article.lead))?;
    // The article's id never changes, whatever its title becomes: an
    // episode is never listed twice after an edit.
    start(w, "guid", &[("isPermaLink", "false")])?;
    let guid = site.absolute(&format!("/a/{}/", article.id));
    w.write_event(Event::Text(BytesText::new(&guid)))?;
    end(w, "guid")?;
    element(w, "pubDate", &article.published.to_rfc2822())?;
    let length = audio.bytes.to_string();
    empty(
        w,
        "enclosure",
        &[
            ("url", &site.absolute(&audio.src)),
            ("length", &length),
            ("type", &audio.mime),
        ],
    )?;
    element(
        w,
        "itunes:duration",
        &audio.duration_ms.div_ceil(1000).to_string(),
    )?;
    element(w, "itunes:episodeType", "full")?;
    if let Some(image) = &article.image {
        if !image.src.starts_with("http") {
            empty(w, "itunes:image", &[("href", &site.absolute(&image.src))])?;
        }
    }
    if let Some(captions) = &audio.captions {
        empty(
            w,
            "podcast:transcript",
            &[
                ("url", &site.absolute(captions)),
                ("type", "text/vtt"),
                ("language", "vi"),
                ("rel", "captions"),
            ],
        )?;
    }
    end(w, "item")
}
