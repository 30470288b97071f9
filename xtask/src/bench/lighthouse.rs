//! Lighthouse on real pages behind nginx with the shipped config, and what
//! the script embed adds to a plain partner page.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use std::fmt::Write as _;

use anyhow::{bail, Context, Result};

use super::Section;
use crate::budgets;
use crate::util::{cmd, root, run};

pub const VERSION: &str = "12.2.3";
pub const RUNS: usize = 3;

/// The numbers read from one report (or the median of several).
#[derive(Default, Clone, Copy, Debug)]
pub struct Metrics {
    pub performance: f64,
    pub accessibility: f64,
    pub best_practices: f64,
    pub seo: f64,
    pub lcp_ms: f64,
    pub tbt_ms: f64,
    pub cls: f64,
    pub fcp_ms: f64,
    /// Bytes transferred for the page and everything it loaded.
    pub bytes: f64,
}

/// A median report, and the audits that failed in any run, by id, with
/// in how many runs (`is-on-https (3/3)`).
pub struct Measured {
    pub metrics: Metrics,
    pub failing: Vec<String>,
}

impl Metrics {
    /// What an article page breaks of its budgets.
    pub fn article_failures(&self) -> Vec<String> {
        let checks = [
            (
                self.lcp_ms > budgets::ARTICLE_LCP_MS,
                format!(
                    "article LCP {:.0} ms > {} ms",
                    self.lcp_ms,
                    budgets::ARTICLE_LCP_MS
                ),
            ),
            (
                self.tbt_ms > budgets::ARTICLE_TBT_MS,
                format!(
                    "article TBT {:.0} ms > {} ms",
                    self.tbt_ms,
                    budgets::ARTICLE_TBT_MS
                ),
            ),
            (
                self.cls > budgets::ARTICLE_CLS,
                format!("article CLS {:.3} > {}", self.cls, budgets::ARTICLE_CLS),
            ),
            (
                self.accessibility < budgets::ARTICLE_ACCESSIBILITY,
                format!("article accessibility {:.0} < 100", self.accessibility),
            ),
            (
                self.seo < budgets::ARTICLE_SEO,
                format!("article SEO {:.0} < 100", self.seo),
            ),
        ];
        checks
            .into_iter()
            .filter(|(broken, _)| *broken)
            .map(|(_, message)| message)
            .collect()
    }
}

/// The reader pages measured.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Page {
    Home,
    Category,
    Article,
    Author,
    Search,
    Offline,
}

impl Page {
    pub fn name(self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::Category => "category",
            Page::Article => "article",
            Page::Author => "author",
            Page::Search => "search",
            Page::Offline => "offline",
        }
    }
}

/// Lighthouse, installed apart from the test tools (it is large).
pub fn install() -> Result<PathBuf> {
    let prefix = root().join("target/bench-tools");
    let cli = prefix.join("node_modules/lighthouse/cli/index.js");
    if !cli.is_file() {
        fs::create_dir_all(&prefix)?;
        run(cmd(
            "npm",
            &[
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                &prefix.to_string_lossy(),
                &format!("lighthouse@{VERSION}"),
            ],
        ))?;
    }
    Ok(cli)
}

/// The median of [`RUNS`] runs on `url`, metric by metric, and the
/// audits that failed.
pub fn median(cli: &Path, url: &str) -> Result<Measured> {
    let mut runs = Vec::new();
    let mut failing: std::collections::BTreeMap<String, usize> = Default::default();
    for _ in 0..RUNS {
        let out = Command::new("node")
            .arg(cli)
            .args([
                url,
                "--output=json",
                "--output-path=stdout",
                "--quiet",
                "--chrome-path=/usr/bin/chromium",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
            ])
            .output()
            .context("cannot run lighthouse")?;
        if !out.status.success() {
            bail!(
                "lighthouse failed on {url}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let json = String::from_utf8_lossy(&out.stdout).into_owned();
        runs.push(parse(&json).with_context(|| format!("unexpected lighthouse output for {url}"))?);
        for id in failing_audits(&json) {
            *failing.entry(id).or_default() += 1;
        }
    }
    let median = |f: fn(&Metrics) -> f64| {
        let mut v: Vec<f64> = runs.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let metrics = Metrics {
        performance: median(|m| m.performance),
        accessibility: median(|m| m.accessibility),
        best_practices: median(|m| m.best_practices),
        seo: median(|m| m.seo),
        lcp_ms: median(|m| m.lcp_ms),
        tbt_ms: median(|m| m.tbt_ms),
        cls: median(|m| m.cls),
        fcp_ms: median(|m| m.fcp_ms),
        bytes: median(|m| m.bytes),
    };
    let failing = failing
        .into_iter()
        .map(|(id, runs)| format!("{id} ({runs}/{RUNS})"))
        .collect();
    Ok(Measured { metrics, failing })
}

/// The audits of the four categories that count (weight above zero) and
/// did not pass (score below 1; informative audits have none).
fn failing_audits(json: &str) -> Vec<String> {
    let Ok(report) = serde_json::from_str::<serde_json::Value>(json) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = report["categories"]
        .as_object()
        .into_iter()
        .flat_map(|categories| categories.values())
        .flat_map(|category| {
            category["auditRefs"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter(|r| r["weight"].as_f64().is_some_and(|w| w > 0.0))
        .filter_map(|r| r["id"].as_str().map(str::to_owned))
        .filter(|id| {
            report["audits"][id]["score"]
                .as_f64()
                .is_some_and(|s| s < 1.0)
        })
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Reads the few numbers needed from Lighthouse's JSON report.
fn parse(json: &str) -> Option<Metrics> {
    let report: serde_json::Value = serde_json::from_str(json).ok()?;
    let score = |id: &str| {
        report["categories"][id]["score"]
            .as_f64()
            .map(|s| s * 100.0)
    };
    let audit = |id: &str| report["audits"][id]["numericValue"].as_f64();
    Some(Metrics {
        performance: score("performance")?,
        accessibility: score("accessibility")?,
        best_practices: score("best-practices")?,
        seo: score("seo")?,
        lcp_ms: audit("largest-contentful-paint")?,
        tbt_ms: audit("total-blocking-time")?,
        cls: audit("cumulative-layout-shift")?,
        fcp_ms: audit("first-contentful-paint")?,
        bytes: audit("total-byte-weight")?,
    })
}

/// The site path of article `id` of a built site.
pub fn article_path(site: &Path, id: u32) -> Result<String> {
    let file = site.join(format!("api/v1/articles/{id}.json"));
    let article: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?,
    )?;
    article["path"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("{} has no path", file.display()))
}

/// Lighthouse on the home, a category, the camera article and an author.
pub fn section(lighthouse_cli: &Path, base: &str, site_dir: &Path) -> Result<Section> {
    let mut report = String::new();
    let mut failures = Vec::new();
    let article = article_path(site_dir, crate::tasks::CAMERA_ARTICLE)?;
    let _ = write!(
        &mut report,
        "\n## Lighthouse {} (mobile defaults: simulated slow 4G, 4× CPU slowdown), median of {}\n\n\
         | page | performance | accessibility | best practices | SEO | LCP | TBT | CLS | FCP | failing audits |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
        VERSION,
        RUNS
    );
    for (page, path) in [
        (Page::Home, "/".to_owned()),
        (Page::Category, "/c/chinh-tri/".to_owned()),
        (Page::Article, article),
        // The camera article's byline, Thu Hà (`tasks::with_camera_photo`).
        (Page::Author, "/tac-gia/thu-ha/".to_owned()),
        (Page::Search, "/tim-kiem/?q=voi".to_owned()),
        (Page::Offline, "/ngoai-tuyen/".to_owned()),
    ] {
        let Measured {
            metrics: m,
            failing,
        } = median(lighthouse_cli, &format!("{base}{path}"))?;
        let _ = writeln!(
            &mut report,
            "| {} (`{path}`) | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} s | {:.0} ms | {:.3} | {:.2} s | {} |",
            page.name(),
            m.performance,
            m.accessibility,
            m.best_practices,
            m.seo,
            m.lcp_ms / 1000.0,
            m.tbt_ms,
            m.cls,
            m.fcp_ms / 1000.0,
            if failing.is_empty() { "none".to_owned() } else { failing.join(", ") }
        );
        if page == Page::Article {
            failures.extend(m.article_failures());
        }
        if page == Page::Author && m.accessibility < 100.0 {
            failures.push(format!(
                "author page accessibility {:.0} < 100",
                m.accessibility
            ));
        }
    }
    Ok(Section {
        text: report,
        failures,
    })
}

/// `cargo xtask bench-lighthouse`: only the reader pages, printed.
pub fn command() -> Result<()> {
    crate::setup::all(crate::setup::Needs::Everything)?;
    let cli = install()?;
    let site_dir = root().join("target/bench-site");
    let base = format!("http://127.0.0.1:{}", super::PORT);
    let content = crate::tasks::with_camera_photo(&root().join("target/bench-content"))?;
    crate::tasks::site_of(&content, &site_dir, Some(&base))?;
    let _server = crate::tasks::Nginx::start(&site_dir, super::PORT)?;
    section(&cli, &base, &site_dir)?.print()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_budgets() {
        let good = Metrics {
            performance: 100.0,
            accessibility: 100.0,
            best_practices: 100.0,
            seo: 100.0,
            lcp_ms: 1400.0,
            tbt_ms: 40.0,
            cls: 0.0,
            fcp_ms: 1000.0,
            bytes: 0.0,
        };
        let cases = [
            (good, 0),
            (
                Metrics {
                    lcp_ms: 2600.0,
                    ..good
                },
                1,
            ),
            (
                Metrics {
                    cls: 0.05,
                    seo: 92.0,
                    ..good
                },
                2,
            ),
        ];
        for (metrics, broken) in cases {
            assert_eq!(metrics.article_failures().len(), broken, "{metrics:?}");
        }
    }

    #[test]
    fn reads_a_report() {
        let json = r#"{"categories":{"performance":{"score":0.99},"accessibility":{"score":1},
            "best-practices":{"score":0.79},"seo":{"score":1}},
            "audits":{"largest-contentful-paint":{"numericValue":1380.5},"total-blocking-time":{"numericValue":40},
            "cumulative-layout-shift":{"numericValue":0},"first-contentful-paint":{"numericValue":1010},
            "total-byte-weight":{"numericValue":250000}}}"#;
        let m = parse(json).expect("report");
        assert_eq!((m.performance, m.lcp_ms, m.bytes), (99.0, 1380.5, 250000.0));
        assert!(parse("{}").is_none());
    }

    #[test]
    fn failing_audits_are_the_weighted_ones_below_a_full_score() {
        let json = r#"{
            "categories": {
                "seo": {"auditRefs": [{"id": "crawlable-anchors", "weight": 1}, {"id": "is-crawlable", "weight": 4}]},
                "best-practices": {"auditRefs": [{"id": "is-on-https", "weight": 5}, {"id": "js-libraries", "weight": 0}]}
            },
            "audits": {
                "crawlable-anchors": {"score": 0},
                "is-crawlable": {"score": 1},
                "is-on-https": {"score": 0.5},
                "js-libraries": {"score": 0}
            }
        }"#;
        assert_eq!(failing_audits(json), ["crawlable-anchors", "is-on-https"]);
    }
}
