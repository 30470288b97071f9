//! Search: the index at 10 000 and 100 000 articles, what the 20 queries
//! of `search-check` cost, and bantin against Pagefind 1.6 (npm
//! `pagefind`) on the same built 10 000-article site, in headless Chromium
//! (`bench/search/run.mjs`).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use bantin_model::search::words;
use serde::Deserialize;

use crate::search_check::{self, QUERIES};
use crate::tasks::Nginx;
use crate::util::{cmd, root};

const PORT: &str = "18092";
const PAGEFIND: &str = "pagefind@1.6.0";

#[derive(Debug, Deserialize)]
struct Found {
    q: String,
    #[serde(default)]
    ms: f64,
    top: Vec<String>,
    files: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Browser {
    bantin: Vec<Found>,
    #[serde(rename = "bantinWarm")]
    bantin_warm: Vec<Found>,
    pagefind: Vec<Found>,
    #[serde(rename = "pagefindWarm")]
    pagefind_warm: Vec<Found>,
}

/// A query without its marks: what a reader types on a phone without a
/// Vietnamese keyboard.
fn unaccented(q: &str) -> String {
    words(q)
        .iter()
        .map(|w| w.folded.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Transfer bytes of a site file: brotli, or the file as it is when it is
/// stored compressed already (Pagefind gzips its index files).
fn transfer(site: &Path, path: &str) -> usize {
    let Ok(bytes) = fs::read(site.join(path.trim_start_matches('/'))) else {
        return 0;
    };
    let brotli = crate::sizes::measure(&bytes).map_or(bytes.len(), |s| s.brotli);
    brotli.min(bytes.len())
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Builds a newsroom's data with the CLI and returns its closing line.
fn build(content: &Path, out: &Path, app: bool) -> Result<String> {
    let mut command = crate::util::bantin_build(content, out, true);
    if app {
        command.args([
            "--app",
            "target/app",
            "--base-url",
            "http://127.0.0.1:18092",
        ]);
    }
    let output = command.output()?;
    if !output.status.success() {
        bail!(
            "bantin build failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `search index 12.3 MB built in 0.45 s` from the build's closing line.
fn index_numbers(line: &str) -> Result<(f64, f64)> {
    let tail = line
        .split("search index ")
        .nth(1)
        .context("no search index in the build's output")?;
    let mut parts = tail.split_whitespace();
    let mb: f64 = parts.next().context("size")?.parse()?;
    let seconds: f64 = parts.nth(3).context("time")?.parse()?;
    Ok((mb, seconds))
}

pub fn run() -> Result<String> {
    let mut report = String::from("\n## Search\n\n");
    let sites = index_sizes(&mut report)?;
    query_costs(&mut report, &sites)?;
    // Against Pagefind on the 10 000-article site with the app.
    let (dir, _, bantin_s) = &sites[0];
    let site = dir.join("site");
    let mut sizes = pagefind_index(dir, &site)?;
    sizes.bantin_s = *bantin_s;
    let (queries, browser) = in_the_browser(&site)?;
    comparison(&mut report, &site, &queries, &browser, &sizes);
    Ok(report)
}

/// A built newsroom: its folder, its data-only site, the index's seconds.
type Built = (PathBuf, PathBuf, f64);

/// The index at 10 000 and 100 000 generated articles.
fn index_sizes(report: &mut String) -> Result<Vec<Built>> {
    report.push_str(
        "The index as `bantin build` writes it (generated newsrooms, `cargo xtask gen-content`), \
         data-only builds with the optimised CLI:\n\n\
         | articles | build (all files) | of which the index | index size | shards |\n|---:|---:|---:|---:|---:|\n",
    );
    let mut sites = Vec::new();
    for count in [10_000, 100_000] {
        let dir = root().join(format!("target/bench-search-{count}"));
        let content = dir.join("content");
        crate::gen::write(count, &content, None)?;
        let site = dir.join("data");
        let started = Instant::now();
        let line = build(&content, &site, false)?;
        let wall = started.elapsed().as_secs_f64();
        let (mb, seconds) = index_numbers(&line)?;
        let index = search_check::Index::open(&site)?;
        let _ = writeln!(
            report,
            "| {count} | {wall:.2} s | {seconds:.2} s | {mb:.1} MB | {} |",
            index.shard_sizes()?.len()
        );
        sites.push((dir, site, seconds));
    }
    Ok(sites)
}

/// What each of the 20 queries fetches, at both sizes.
fn query_costs(report: &mut String, sites: &[Built]) -> Result<()> {
    report.push_str(
        "\nThe 20 queries of `cargo xtask search-check`, as the app runs them (its shards, then \
         the rows of the first screen), weighed brotli-compressed on disk:\n\n\
         | query | requests (10 000) | brotli (10 000) | requests (100 000) | brotli (100 000) |\n|---|---:|---:|---:|---:|\n",
    );
    let costs: Vec<Vec<(usize, usize)>> = sites
        .iter()
        .map(|(_, site, _)| {
            let index = search_check::Index::open(site)?;
            QUERIES
                .iter()
                .map(|q| index.cost(q))
                .collect::<Result<Vec<_>>>()
        })
        .collect::<Result<_>>()?;
    for (i, q) in QUERIES.iter().enumerate() {
        let _ = writeln!(
            report,
            "| {q} | {} | {:.1} KB | {} | {:.1} KB |",
            costs[0][i].0,
            costs[0][i].1 as f64 / 1024.0,
            costs[1][i].0,
            costs[1][i].1 as f64 / 1024.0
        );
    }
    let worst = costs[1].iter().map(|c| c.1).max().unwrap_or(0);
    let most = costs[1].iter().map(|c| c.0).max().unwrap_or(0);
    let _ = writeln!(
        report,
        "\nAt 100 000 articles the heaviest query needs {:.1} KB in at most {most} requests \
         (budget: 120 KB, 12 requests).",
        worst as f64 / 1024.0
    );
    Ok(())
}

/// Both indexes' build time and size on disk.
#[derive(Default)]
struct Sizes {
    bantin_s: f64,
    pagefind_s: f64,
    bantin_bytes: u64,
    pagefind_bytes: u64,
}

/// The site with the app, and Pagefind's index of it.
fn pagefind_index(dir: &Path, site: &Path) -> Result<Sizes> {
    crate::tasks::build_app()?;
    build(&dir.join("content"), site, true)?;
    crate::util::run(cmd(
        "npm",
        &[
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            PAGEFIND,
        ],
    ))?;
    let started = Instant::now();
    crate::util::run(cmd(
        "node_modules/.bin/pagefind",
        &["--site", &site.to_string_lossy(), "--silent"],
    ))?;
    let pagefind_s = started.elapsed().as_secs_f64();
    let pagefind_bytes = crate::util::bytes_under(&site.join("pagefind"), None);
    let bantin_bytes = crate::util::bytes_under(&site.join("api/v1/search"), None);
    fs::write(
        site.join("pagefind-bench.html"),
        "<!doctype html><title>Pagefind</title>\n",
    )?;
    Ok(Sizes {
        pagefind_s,
        pagefind_bytes,
        bantin_bytes,
        ..Sizes::default()
    })
}

/// Every query and its form without diacritics, run in headless Chromium
/// against both.
fn in_the_browser(site: &Path) -> Result<(Vec<String>, Browser)> {
    let mut queries: Vec<String> = Vec::new();
    for q in QUERIES {
        for form in [q.to_owned(), unaccented(q)] {
            if !queries.contains(&form) {
                queries.push(form);
            }
        }
    }
    let _server = Nginx::start(site, PORT)?;
    let json = crate::util::output_of(
        "node",
        &[
            "bench/search/run.mjs",
            &format!("http://127.0.0.1:{PORT}"),
            &serde_json::to_string(&queries)?,
        ],
    )
    .context("bench/search/run.mjs failed")?;
    let browser: Browser = serde_json::from_str(&json)?;
    Ok((queries, browser))
}

/// Kilobytes each query fetched.
fn kilobytes(site: &Path, found: &[Found]) -> Vec<f64> {
    found
        .iter()
        .map(|f| f.files.iter().map(|p| transfer(site, p)).sum::<usize>() as f64 / 1024.0)
        .collect()
}

fn requests(found: &[Found]) -> Vec<f64> {
    found.iter().map(|f| f.files.len() as f64).collect()
}

fn top(found: &[Found], q: &str) -> Vec<String> {
    found
        .iter()
        .find(|f| f.q == q)
        .map(|f| f.top.clone())
        .unwrap_or_default()
}

/// Recall@10 of the unaccented query against the accented one, and over
/// how many queries.
fn recall(found: &[Found]) -> (f64, usize) {
    let mut sum = 0.0;
    let mut n = 0;
    for q in QUERIES {
        let bare = unaccented(q);
        if bare == q {
            continue;
        }
        let (with, without) = (top(found, q), top(found, &bare));
        if with.is_empty() {
            continue;
        }
        let with: BTreeSet<_> = with.into_iter().collect();
        let same = without.iter().filter(|u| with.contains(*u)).count();
        sum += same as f64 / with.len() as f64;
        n += 1;
    }
    (if n == 0 { f64::NAN } else { sum / n as f64 }, n)
}

/// The table of bantin against Pagefind, and bantin's time to results.
fn comparison(
    report: &mut String,
    site: &Path,
    queries: &[String],
    browser: &Browser,
    sizes: &Sizes,
) {
    let bytes = |found: &[Found]| kilobytes(site, found);
    let (bantin_recall, pairs) = recall(&browser.bantin);
    let (pagefind_recall, _) = recall(&browser.pagefind);
    let results = |found: &[Found]| median(found.iter().map(|f| f.top.len() as f64).collect());
    let _ = write!(
        report,
        "\n### Against Pagefind 1.6 on the same 10 000-article site\n\n\
         Pagefind run as it comes (`npx pagefind --site …`), queried through its JS API \
         (`search`, then `data()` of the first 10 results); bantin through its page `/tim-kiem/`, \
         typing the query. {} queries (the 20 above and their forms without diacritics), each cold \
         (a new browser context) and warm (one context, in turn). Bytes: brotli, or as stored where \
         the file is compressed already (Pagefind's index files). bantin's search code is inside \
         the reader app, which a reader has already loaded; Pagefind's JS and wasm count in its cold bytes.\n\n\
         | | bantin | Pagefind |\n|---|---:|---:|\n\
         | index build | {:.2} s (within `bantin build`) | {:.2} s (a second program) |\n\
         | index on disk | {:.1} MB | {:.1} MB |\n\
         | bytes per query, cold (median / max) | {:.1} / {:.1} KB | {:.1} / {:.1} KB |\n\
         | bytes per query, warm (median / max) | {:.1} / {:.1} KB | {:.1} / {:.1} KB |\n\
         | requests per query, cold (median / max) | {:.0} / {:.0} | {:.0} / {:.0} |\n\
         | results shown (median of the top 10 asked) | {:.0} | {:.0} |\n\
         | recall@10 of the unaccented query against the accented one ({pairs} queries) | {:.2} | {:.2} |\n",
        queries.len(),
        sizes.bantin_s,
        sizes.pagefind_s,
        sizes.bantin_bytes as f64 / 1e6,
        sizes.pagefind_bytes as f64 / 1e6,
        median(bytes(&browser.bantin)),
        bytes(&browser.bantin).into_iter().fold(0.0, f64::max),
        median(bytes(&browser.pagefind)),
        bytes(&browser.pagefind).into_iter().fold(0.0, f64::max),
        median(bytes(&browser.bantin_warm)),
        bytes(&browser.bantin_warm).into_iter().fold(0.0, f64::max),
        median(bytes(&browser.pagefind_warm)),
        bytes(&browser.pagefind_warm).into_iter().fold(0.0, f64::max),
        median(requests(&browser.bantin)),
        requests(&browser.bantin).into_iter().fold(0.0, f64::max),
        median(requests(&browser.pagefind)),
        requests(&browser.pagefind).into_iter().fold(0.0, f64::max),
        results(&browser.bantin),
        results(&browser.pagefind),
        bantin_recall,
        pagefind_recall,
    );
    let ms: Vec<f64> = browser.bantin.iter().map(|f| f.ms).collect();
    let _ = writeln!(
        report,
        "\nbantin, from the last keystroke to the results painted (headless Chromium, local \
         nginx, no throttling; includes the page's 250 ms pause after typing): median {:.0} ms, \
         slowest {:.0} ms.",
        median(ms.clone()),
        ms.into_iter().fold(0.0, f64::max)
    );
}

/// `cargo xtask bench-search`: only the search section, printed.
pub fn command() -> Result<()> {
    crate::setup::all(crate::setup::Needs::Everything)?;
    println!("{}", run()?);
    Ok(())
}
