//! The pipeline, named by its stages: content → check → render → output.
//!
//! [`build`] runs them all into a staging folder that replaces the output
//! at once; [`check`] runs the first two. Each stage's time is recorded
//! under its [`Stage`] for `bantin build --timings`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};

use crate::check::{HeldBack, Newsroom};
use crate::content::{load, site, MEDIA_DIR};
use crate::folders;
use crate::output::changes::{self, Counts};
use crate::output::sink::Sink;
use crate::output::{lock, prior, staging};
use crate::photos;
use crate::problem::{Problem, Problems};
use crate::render::html::documents;
use crate::render::html::template;
use crate::render::{api, feeds, headers, offline, podcast, search, RenderContext, RenderOptions};

/// Loads and validates the content folder (`bantin check`). Photos are
/// decoded to be checked, using what the build's cache (`None`:
/// `.bantin-cache` beside the content) already knows; nothing is encoded
/// or written. Articles published after `now` are held back, like drafts.
pub fn check(
    content: &Path,
    cache: Option<&Path>,
    now: DateTime<FixedOffset>,
) -> Result<Newsroom, Problems> {
    let cache_dir = cache.map_or_else(|| photos::default_cache(content), Path::to_path_buf);
    check_with(content, &photos::Cache::read_only(&cache_dir), now, false)
}

/// The clock scheduled articles are held back by, unless `--now` says.
pub fn clock() -> DateTime<FixedOffset> {
    // The system clock to the second (chrono's clock feature is not needed).
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since_epoch.as_secs())
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_default()
        .fixed_offset()
}

fn open_cache(dir: &Path) -> Result<photos::Cache, Problems> {
    photos::Cache::open(dir)
        .map_err(|e| Problems(vec![Problem::new(dir, 0, e.to_string(), e.hint())]))
}

fn check_with(
    content: &Path,
    cache: &photos::Cache,
    now: DateTime<FixedOffset>,
    preview: bool,
) -> Result<Newsroom, Problems> {
    let loaded = load::load(content).map_err(|p| Problems(vec![p]))?;
    crate::check::validate(loaded, cache, now, preview)
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub out: PathBuf,
    /// A Trunk release build whose assets are copied in.
    pub app: Option<PathBuf>,
    /// Encoded photos kept between builds (default `.bantin-cache` beside
    /// the content).
    pub cache: Option<PathBuf>,
    pub render: RenderOptions,
    /// Articles published after this are held back (`--now`; the clock).
    pub now: DateTime<FixedOffset>,
    /// `bantin serve`: drafts and scheduled articles built as if published
    /// (the preview marks them); never for a site to deploy.
    pub preview: bool,
    /// `--since`: the manifest of the deployed build, to write the change
    /// list against.
    pub since: Option<PathBuf>,
}

/// The pipeline's stages, in the order a build runs them; each is timed
/// (`bantin build --timings` prints their names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Content read and checked, photos through the cache.
    Check,
    /// The search index built in memory.
    SearchIndex,
    /// Its files written.
    SearchFiles,
    JsonApi,
    /// Feeds, sitemap, `robots.txt`, `_headers`.
    Feeds,
    /// The encoded photos some article names, linked in from the cache.
    Photos,
    /// The app build copied in.
    AppFiles,
    /// A document per route.
    Documents,
    /// The offline page, the web app manifest, the service worker.
    Offline,
    /// The staging folder swapped in for the output.
    Commit,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Check => "load and check",
            Stage::SearchIndex => "search index",
            Stage::SearchFiles => "search files",
            Stage::JsonApi => "JSON API",
            Stage::Feeds => "feeds and sitemap",
            Stage::Photos => "photos and recordings linked",
            Stage::AppFiles => "app files",
            Stage::Documents => "documents",
            Stage::Offline => "offline reading",
            Stage::Commit => "commit",
        }
    }
}

/// Wall time per pipeline stage, in order (`bantin build --timings`).
#[derive(Debug, Default, Clone)]
pub struct Timings(Vec<(Stage, std::time::Duration)>);

impl Timings {
    fn time<T>(&mut self, stage: Stage, work: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let result = work();
        self.0.push((stage, started.elapsed()));
        result
    }

    fn last(&self) -> std::time::Duration {
        self.0.last().map(|(_, d)| *d).unwrap_or_default()
    }

    pub fn stages(&self) -> &[(Stage, std::time::Duration)] {
        &self.0
    }
}

/// What a build wrote, for the closing message.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    pub categories: usize,
    /// What `check` would mention (warnings, notes).
    pub notes: Vec<Problem>,
    /// Drafts and scheduled articles, in no output.
    pub held: Vec<HeldBack>,
    /// Photos published, and how many of them were encoded (not cached).
    pub photos: usize,
    pub encoded: usize,
    /// Wall time per stage, in order.
    pub timings: Timings,
    /// Building the search index (not writing it), and its size.
    pub search_time: std::time::Duration,
    pub search_bytes: usize,
    /// Whether the index's base segment was the last build's, taken back.
    pub search_base_reused: bool,
    /// With `--since`: how much changed, and where the lists are.
    pub changes: Option<(Counts, PathBuf)>,
}

/// Builds the whole site into `options.out`, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let (lock, cache) = prepare(options)?;
    let mut timings = Timings::default();
    let newsroom = timings.time(Stage::Check, || {
        check_with(&options.content, &cache, options.now, options.preview)
    })?;
    let template = app_template(options.app.as_deref())?;
    // A bad deployed manifest is refused before anything changes.
    let deployed = options.since.as_deref().map(changes::read).transpose()?;
    let (parent, name) = (lock.parent.clone(), lock.name.clone());
    let staging = staging::Staging::create(lock)?;
    let prior = || prior_base(&parent, &name, &options.out);
    let search = timings.time(Stage::SearchIndex, || {
        search::index(&newsroom.articles, prior())
    })?;
    let base_record = search.base_record();
    // The index's own work; writing its files is the disk's, like the rest.
    let search_time = timings.last();
    // Written and dropped before the rest: the index's files need not stay
    // in memory while the API is serialised.
    timings.time(Stage::SearchFiles, || search::write(&search, &staging))?;
    let search_bytes = search.bytes();
    let search_base_reused = search.base_reused;
    let cx = RenderContext::new(&newsroom, &options.render, search.into_meta());
    timings.time(Stage::JsonApi, || api::write(&cx, &staging))?;
    timings.time(Stage::Feeds, || -> Result<()> {
        feeds::write(&cx, &staging)?;
        podcast::write(&cx, &staging)?;
        headers::write(&staging)
    })?;
    timings.time(Stage::Photos, || link_media(&newsroom, &cache, &staging))?;
    if let (Some(app), Some(template)) = (&options.app, &template) {
        let app_files = timings.time(Stage::AppFiles, || copy_tree(&staging, app))?;
        // Every route gets its own document; `404.html` carries the app
        // for every other path.
        timings.time(Stage::Documents, || {
            documents::write(&cx, template, &staging)
        })?;
        timings.time(Stage::Offline, || {
            offline::write(&cx, template, &app_files, &staging, |shell| {
                staging.build_id(shell)
            })
        })?;
    }
    let manifest = timings.time(Stage::Commit, || staging.commit())?;
    // Kept for the next build only once this one's files are the output.
    let keep = |record: String| prior::keep(&parent, &name, SEARCH_BASE, record.as_bytes());
    base_record.map_or(Ok(()), keep)?;
    let changes = match &deployed {
        Some(deployed) => Some((
            changes::write_list(&parent, &name, deployed, &manifest, &cx.site.base_url)?,
            changes::beside(&parent, &name, "upload"),
        )),
        None => None,
    };
    Ok(BuildReport {
        changes,
        articles: newsroom.articles.len(),
        categories: newsroom.site.categories.len(),
        notes: newsroom.notes.clone(),
        held: newsroom.held.clone(),
        photos: newsroom.photos.len(),
        encoded: newsroom.encoded,
        search_time,
        search_bytes,
        search_base_reused,
        timings,
    })
}

/// The name of the search base's record beside the output.
const SEARCH_BASE: &str = "search-base";

/// The last build's search base: its record beside the output (taken),
/// and the shard files it names, read back from the output; the index
/// checks them against the record before it uses any.
fn prior_base(parent: &Path, name: &str, out: &Path) -> Option<search::PriorBase> {
    let record = prior::take(parent, name, SEARCH_BASE)?;
    let (recipe, segment) = search::PriorBase::parse_record(std::str::from_utf8(&record).ok()?)?;
    let shards = (0..segment.shards)
        .map(|n| {
            let path = bantin_model::paths::search_shard(&segment.version, n);
            crate::output::beside::read(&out.join(path.trim_start_matches('/'))).ok()
        })
        .collect::<Option<Vec<_>>>()?;
    Some(search::PriorBase {
        recipe,
        segment,
        shards,
    })
}

/// Before anything is read: the flags checked, the folders apart, the
/// output locked, the photo cache open.
fn prepare(options: &BuildOptions) -> Result<(lock::OutputLock, photos::Cache)> {
    if let Some(url) = &options.render.base_url {
        site::base_url(url)
            .map_err(|why| anyhow::anyhow!("--base-url {url:?} {why} — {}", site::BASE_URL_HINT))?;
    }
    let cache_dir = options
        .cache
        .clone()
        .unwrap_or_else(|| photos::default_cache(&options.content));
    folders::check(&folders::Folders {
        content: &options.content,
        out: &options.out,
        app: options.app.as_deref(),
        cache: Some(&cache_dir),
    })?;
    let lock = lock::OutputLock::acquire(&options.out)?;
    let cache = open_cache(&cache_dir)?;
    Ok((lock, cache))
}

/// The app build's `index.html`, the template of every document.
fn app_template(app: Option<&Path>) -> Result<Option<template::Template>> {
    let Some(app) = app else {
        return Ok(None);
    };
    let path = app.join("index.html");
    anyhow::ensure!(
        path.is_file(),
        "{} has no index.html: build the app first (trunk build --release)",
        app.display()
    );
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let template =
        template::Template::parse(&text).with_context(|| format!("in {}", path.display()))?;
    Ok(Some(template))
}

/// Only the photos, recordings and videos some published line names, as
/// the pipeline kept them, and their captions.
fn link_media(
    newsroom: &Newsroom,
    cache: &photos::Cache,
    staging: &staging::Staging,
) -> Result<()> {
    let photos = newsroom.photos.iter().flat_map(|photo| photo.files());
    for name in photos.chain(newsroom.recordings.iter().cloned()) {
        staging.link(&cache.file(&name), &format!("{MEDIA_DIR}/{name}"))?;
    }
    if let Some(podcast) = &newsroom.podcast {
        staging.put(
            &format!("{MEDIA_DIR}/{}", podcast.cover),
            &podcast.cover_bytes,
        )?;
    }
    for captions in &newsroom.captions {
        staging.put(
            &format!("{MEDIA_DIR}/{}", captions.file),
            captions.text.as_bytes(),
        )?;
    }
    Ok(())
}

/// Copies the app build in; returns the files copied (site-relative).
fn copy_tree(staging: &staging::Staging, from: &Path) -> Result<Vec<String>> {
    if !from.is_dir() {
        return Ok(Vec::new());
    }
    let mut copied = Vec::new();
    for (path, relative) in folders::files_under(from)? {
        staging.copy(&path, &relative)?;
        copied.push(relative);
    }
    Ok(copied)
}
