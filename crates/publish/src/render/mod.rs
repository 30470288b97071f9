//! The render stage: every file of the site made from the checked
//! newsroom, written through an [`output::sink::Sink`](crate::output::sink::Sink).
//!
//! - [`catalog`]: the newsroom's lists, which every renderer reads;
//! - [`api`]: the static JSON API;
//! - [`search`]: the search index's files;
//! - [`feeds`]: RSS, the sitemap and `robots.txt`;
//! - [`podcast`]: the podcast feeds;
//! - [`redirects`]: old addresses and `/a/{id}/`;
//! - [`headers`]: the `_headers` file (and the preview's headers);
//! - [`html`]: a document per route;
//! - [`offline`]: the service worker, the offline page, the web app
//!   manifest;
//! - [`recipe`]: what a file is made from, so that an unchanged one is
//!   kept rather than made again.

pub(crate) mod api;
pub(crate) mod catalog;
pub(crate) mod feeds;
pub mod headers;
pub(crate) mod html;
pub(crate) mod offline;
pub(crate) mod podcast;
pub(crate) mod recipe;
pub(crate) mod redirects;
pub(crate) mod search;

use bantin_model::search::SearchIndex;
use bantin_model::Site;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;

use crate::photos::Crop;

use crate::check::Newsroom;
use catalog::Catalog;
pub use catalog::RenderOptions;

/// What every renderer reads, made once per build: the site data
/// (`site.json`), the catalog of lists, and the search index's pointer.
pub struct RenderContext<'a> {
    pub site: Site,
    pub catalog: Catalog<'a>,
    pub search: SearchIndex,
    /// When the build runs (`--now`): time windows such as the news
    /// sitemap's follow it.
    pub now: DateTime<FixedOffset>,
    /// Each local photo's crops for structured data, by its `src`.
    pub crops: HashMap<String, Vec<Crop>>,
    /// The podcast's settings and cover, when it has episodes.
    pub podcast: Option<&'a crate::check::Podcast>,
}

impl<'a> RenderContext<'a> {
    pub fn new(newsroom: &'a Newsroom, options: &RenderOptions, search: SearchIndex) -> Self {
        RenderContext {
            site: catalog::site(newsroom, options),
            catalog: Catalog::new(newsroom),
            search,
            now: newsroom.now,
            crops: newsroom
                .photos
                .iter()
                .map(|p| (p.src(), p.crops()))
                .collect(),
            podcast: newsroom.podcast.as_ref(),
        }
    }
}
