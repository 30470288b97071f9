//! Navigation by document swap against document loads, on a throttled
//! phone (`bench/navigation/run.mjs`).

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use super::{Section, PORT};
use crate::setup::{self, Needs};
use crate::tasks::{self, Nginx};
use crate::util::{cmd, root};

pub const RUNS: usize = 5;

/// The goals of docs/benchmarks.md, "Navigation".
const RATIO: f64 = 0.25;
const BACK_MS: f64 = 50.0;
const PREFETCH_BYTES: f64 = 60_000.0;
const INP_MS: f64 = 100.0;

/// One kind of navigation; times are medians in ms, from the click until
/// painted.
#[derive(Debug, Deserialize)]
pub struct Row {
    pub kind: String,
    /// After a 150 ms hover, 300 ms after the page started.
    pub hover: f64,
    /// The same, after 4 s on the page.
    pub read: f64,
    /// Enter on a link just focused.
    pub key: f64,
    /// The same page as a document, from the same page: its first
    /// contentful paint.
    pub document: f64,
    /// Where the hover's time went: the document's arrival after the
    /// click, parsing and swapping it in, paint.
    pub data: f64,
    pub render: f64,
    pub paint: f64,
}

#[derive(Debug, Deserialize)]
pub struct Back {
    pub kind: String,
    pub painted: f64,
}

#[derive(Debug, Deserialize)]
pub struct Prefetch {
    pub page: String,
    pub bytes: f64,
    pub save_data: f64,
}

#[derive(Debug, Deserialize)]
pub struct Interaction {
    pub interaction: String,
    pub ms: f64,
}

#[derive(Debug, Deserialize)]
pub struct Outcome {
    pub runs: usize,
    pub results: Vec<Row>,
    pub backs: Vec<Back>,
    pub prefetch: Vec<Prefetch>,
    pub inp: Vec<Interaction>,
}

impl Outcome {
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| navigation | hover, click | ratio | after 4 s | ratio | Enter | ratio | document FCP | hover: data, swap, paint |\n\
             |---|---:|---:|---:|---:|---:|---:|---:|---|\n",
        );
        for r in &self.results {
            let document = r.document;
            out.push_str(&format!(
                "| {} | {:.0} ms | {:.2} | {:.0} ms | {:.2} | {:.0} ms | {:.2} | {:.0} ms | {:.0}, {:.0}, {:.0} ms |\n",
                r.kind,
                r.hover,
                r.hover / document,
                r.read,
                r.read / document,
                r.key,
                r.key / document,
                document,
                r.data,
                r.render,
                r.paint,
            ));
        }
        out.push_str("\n| Back | until painted |\n|---|---:|\n");
        for b in &self.backs {
            out.push_str(&format!("| {} | {:.0} ms |\n", b.kind, b.painted));
        }
        out.push_str("\n| prefetched in a page view (no interaction, 6 s) | plain | Save-Data |\n|---|---:|---:|\n");
        for p in &self.prefetch {
            out.push_str(&format!(
                "| {} | {:.1} KB | {:.1} KB |\n",
                p.page,
                p.bytes / 1000.0,
                p.save_data / 1000.0
            ));
        }
        out.push_str("\n| interaction (4× CPU) | longest event |\n|---|---:|\n");
        for i in &self.inp {
            let ms = if i.ms == 0.0 {
                "< 16 ms".to_owned()
            } else {
                format!("{:.0} ms", i.ms)
            };
            out.push_str(&format!("| {} | {ms} |\n", i.interaction));
        }
        out
    }

    /// The goals missed.
    pub fn failures(&self) -> Vec<String> {
        let mut failures = Vec::new();
        for r in &self.results {
            let ratio = r.hover / r.document;
            if ratio.is_nan() || ratio > RATIO {
                failures.push(format!(
                    "{}: with hover {ratio:.2} of a document navigation > {RATIO}",
                    r.kind,
                ));
            }
        }
        for b in &self.backs {
            if b.painted > BACK_MS {
                failures.push(format!(
                    "Back {}: {:.0} ms > {BACK_MS} ms",
                    b.kind, b.painted
                ));
            }
        }
        for p in &self.prefetch {
            if p.bytes > PREFETCH_BYTES || p.save_data > 0.0 {
                failures.push(format!(
                    "{}: prefetched {:.0} bytes ({:.0} under Save-Data), over {PREFETCH_BYTES} (0)",
                    p.page, p.bytes, p.save_data
                ));
            }
        }
        for i in &self.inp {
            if i.ms > INP_MS {
                failures.push(format!("{}: {:.0} ms > {INP_MS} ms", i.interaction, i.ms));
            }
        }
        failures
    }
}

/// Runs the script against a served site.
pub fn run(base: &str) -> Result<Outcome> {
    let out = cmd(
        "node",
        &["bench/navigation/run.mjs", base, &RUNS.to_string()],
    )
    .output()
    .context("cannot start node")?;
    if !out.status.success() {
        bail!(
            "bench/navigation/run.mjs failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().context("no output")?;
    serde_json::from_str(line).with_context(|| format!("unexpected output: {line}"))
}
/// The report's section: the table, and the goals missed.
pub fn section(base: &str) -> Result<Section> {
    let nav = run(base)?;
    let text = format!(
        "\n## Navigation and responsiveness (150 ms RTT, 1.6 Mbps, 4× CPU; median of {})\n\n\
         Timed inside the page: the document swap from the click (or Enter) until the new page's heading is painted; \
         the document from `location.href` on the same page until its first contentful paint. \
         Goals: hover ≤ {RATIO} of the document, Back ≤ {BACK_MS} ms, prefetch ≤ 60 KB a page view and none \
         under Save-Data, each interaction ≤ {INP_MS} ms.\n\n{}",
        nav.runs,
        nav.table()
    );
    Ok(Section {
        text,
        failures: nav.failures(),
    })
}

/// `cargo xtask bench-navigation`: only the navigation comparison,
/// printed.
pub fn command() -> Result<()> {
    setup::all(Needs::Everything)?;
    let site_dir = root().join("target/bench-site");
    let base = format!("http://127.0.0.1:{PORT}");
    tasks::site(&site_dir, Some(&base))?;
    let _server = Nginx::start(&site_dir, PORT)?;
    let nav = run(&base)?;
    println!("{}", nav.table());
    let failures = nav.failures();
    if !failures.is_empty() {
        bail!("{}", failures.join("\n"));
    }
    Ok(())
}
