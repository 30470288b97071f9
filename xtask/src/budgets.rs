//! Every budget the project holds itself to (docs/benchmarks.md), in one table:
//! `cargo xtask sizes`, the test command and `cargo xtask bench` read them here.

pub const KB: usize = 1000;

/// What a page with an island (search) downloads: the most any page does.
pub const APP: &str = "app: wasm, JS, sw.js, offline.js";
/// What every other page downloads: no wasm (docs/architecture.md, "Islands").
pub const PAGE_JS: &str = "a page without islands: start, sw.js, offline.js";
pub const CSS: &str = "app CSS";
pub const WIDGET: &str = "widget wasm + JS";
pub const CONFIGURATOR: &str = "configurator wasm + JS (/widget/)";
pub const EMBED: &str = "embed.js";
pub const WORKER: &str = "sw.js (service worker)";
/// Loaded only on an article with a recording or a video.
pub const MEDIA_JS: &str = "media.js (articles with recordings, videos)";
pub const HEADLINES: &str = "headlines/all.json (20 items)";

/// Transfer sizes, brotli bytes.
pub const TRANSFER: &[(&str, usize)] = &[
    (APP, 90 * KB),
    (PAGE_JS, 8 * KB),
    (CSS, 12 * KB),
    (WIDGET, 40 * KB),
    (CONFIGURATOR, 60 * KB),
    (EMBED, 3 * KB),
    (WORKER, 4 * KB),
    (MEDIA_JS, 2 * KB),
    (HEADLINES, 6 * KB),
];

/// The transfer budget of an asset, if it has one.
pub fn transfer(name: &str) -> Option<usize> {
    TRANSFER.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
}

/// Lighthouse (mobile defaults) on an article page with a local photo.
pub const ARTICLE_LCP_MS: f64 = 2500.0;
pub const ARTICLE_TBT_MS: f64 = 200.0;
pub const ARTICLE_CLS: f64 = 0.02;
pub const ARTICLE_ACCESSIBILITY: f64 = 100.0;
pub const ARTICLE_SEO: f64 = 100.0;

/// `bantin build`, data only, on this many articles…
pub const PUBLISH_ARTICLES: usize = 100_000;
/// …in at most this many seconds…
pub const PUBLISH_SECONDS: f64 = 10.0;
/// …and this much memory (peak resident, KB).
pub const PUBLISH_PEAK_KB: u64 = 1024 * 1024;

/// The full site (documents included) rebuilt at [`PUBLISH_ARTICLES`],
/// unchanged or after a new article: at most this many seconds (and
/// [`PUBLISH_PEAK_KB`])…
pub const FULL_SITE_SECONDS: f64 = 30.0;
/// …and at 10 000 articles, the median of bantin's wall time over Hugo's
/// in paired runs after a new article, at most this.
pub const FULL_SITE_RATIO: f64 = 1.0;

/// Issue #27, the archive: after a new article at [`PUBLISH_ARTICLES`],
/// the full site's median wall time (seconds)…
pub const NEW_ARTICLE_SECONDS: f64 = 2.0;
/// …and the data-only build's.
pub const DATA_NEW_ARTICLE_SECONDS: f64 = 5.0;
/// A fresh folder, bantin's full site over Hugo (median of paired runs),
/// at 10 000 and at [`PUBLISH_ARTICLES`] articles.
pub const FRESH_RATIO: f64 = 1.0;
/// At 10 000 articles, the plain static host's output: files and folders
/// per article…
pub const INODES_PER_ARTICLE: f64 = 4.5;
/// …and bytes per article.
pub const BYTES_PER_ARTICLE: f64 = 30.0 * KB as f64;

/// What a warm rebuild of 1 000 cached photos may add, seconds.
pub const WARM_PHOTOS_SECONDS: f64 = 1.0;

/// The budgets in one sentence, for the benchmark report.
pub fn summary() -> String {
    let transfer: Vec<String> = TRANSFER
        .iter()
        .map(|(name, budget)| format!("{name} ≤ {} KB", budget / KB))
        .collect();
    format!(
        "brotli {}; article page LCP ≤ {ARTICLE_LCP_MS:.0} ms, TBT ≤ {ARTICLE_TBT_MS:.0} ms, \
         CLS ≤ {ARTICLE_CLS}, accessibility and SEO {ARTICLE_SEO:.0}; `bantin build` data only, \
         {PUBLISH_ARTICLES} articles ≤ {PUBLISH_SECONDS:.0} s and ≤ 1 GiB; the full site rebuilt, ≤ {FULL_SITE_SECONDS:.0} s and ≤ 1 GiB, and at 10 000 articles no slower than Hugo (median ratio of paired runs ≤ {FULL_SITE_RATIO}); a warm rebuild of 1 000 cached photos adds ≤ {WARM_PHOTOS_SECONDS:.0} s; \
         after a new article at {PUBLISH_ARTICLES} articles the full site ≤ {NEW_ARTICLE_SECONDS:.0} s and data only ≤ {DATA_NEW_ARTICLE_SECONDS:.0} s (medians); \
         a fresh folder ≤ {FRESH_RATIO}× Hugo at 10 000 and {PUBLISH_ARTICLES}; at 10 000 articles ≤ {INODES_PER_ARTICLE} files and folders and ≤ {} KB per article",
        BYTES_PER_ARTICLE / KB as f64,
        transfer.join(", ")
    )
}
