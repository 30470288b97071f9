//! The static JSON API (docs/architecture.md, "Static API"), written file
//! by file into a [`Sink`] so that memory stays bounded by one file, not
//! the archive.

use anyhow::Result;
use bantin_model::paths;
use rayon::prelude::*;
use serde::Serialize;

use super::catalog::List;
use super::RenderContext;
use crate::output::sink::Sink;

/// Writes the static JSON API.
pub fn write(cx: &RenderContext, sink: &dyn Sink) -> Result<()> {
    let (catalog, site, search) = (&cx.catalog, &cx.site, &cx.search);
    put_json(sink, &paths::site(), site)?;
    put_json(sink, &paths::search_index(), search)?;
    (0..catalog.articles().len())
        .into_par_iter()
        .try_for_each(|index| {
            let full = catalog.full_article(index);
            put_json(sink, &paths::article(full.id), &full)
        })?;
    put_json(sink, &paths::home(), &catalog.home())?;
    put_json(
        sink,
        &paths::headlines(None),
        &catalog.headlines(site, None),
    )?;
    for page in catalog.pages(List::Latest) {
        put_json(sink, &paths::latest(page.block), &page)?;
    }
    for category in catalog.categories() {
        let headlines = catalog.headlines(site, Some(category));
        put_json(sink, &paths::headlines(Some(&category.slug)), &headlines)?;
        for page in catalog.pages(List::Category(category)) {
            put_json(sink, &paths::category(&category.slug, page.block), &page)?;
        }
    }
    for author in catalog.authors() {
        for page in catalog.pages(List::Author(author)) {
            put_json(sink, &paths::author(&author.slug, page.block), &page)?;
        }
    }
    for topic in catalog.topics() {
        for page in catalog.pages(List::Topic(topic)) {
            put_json(sink, &paths::topic(&topic.slug, page.block), &page)?;
        }
    }
    Ok(())
}

fn put_json(sink: &dyn Sink, site_path: &str, value: &impl Serialize) -> Result<()> {
    let bytes = serde_json::to_vec(value)?;
    sink.put(site_path.trim_start_matches('/'), &bytes)
}
