//! Client-side navigation against document loads, on a throttled phone
//! (`bench/navigation/run.mjs`).

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use super::{Section, PORT};
use crate::setup::{self, Needs};
use crate::tasks::{self, Nginx};
use crate::util::{cmd, root};

pub const RUNS: usize = 5;

#[derive(Debug, Deserialize)]
pub struct Row {
    pub kind: String,
    /// Median ms from the click after a 150 ms hover.
    pub hover: f64,
    /// Median ms from Enter on a link just focused.
    pub key: f64,
    /// Median `loadEventEnd` of the same page as a document (warm cache).
    pub document: f64,
}

#[derive(Debug, Deserialize)]
pub struct Outcome {
    pub runs: usize,
    pub results: Vec<Row>,
}

impl Outcome {
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| navigation | hover, then click | ratio | Enter, no hover | ratio | document load |\n|---|---:|---:|---:|---:|---:|\n",
        );
        for r in &self.results {
            out.push_str(&format!(
                "| {} | {:.0} ms | {:.2} | {:.0} ms | {:.2} | {:.0} ms |\n",
                r.kind,
                r.hover,
                r.hover / r.document,
                r.key,
                r.key / r.document,
                r.document
            ));
        }
        out
    }

    /// The goals: with hover at most half a document load; without, no slower.
    pub fn failures(&self) -> Vec<String> {
        let mut failures = Vec::new();
        for r in &self.results {
            if r.hover / r.document > 0.5 {
                failures.push(format!(
                    "{}: with hover {:.2} of a document load > 0.5",
                    r.kind,
                    r.hover / r.document
                ));
            }
            if r.key / r.document > 1.0 {
                failures.push(format!(
                    "{}: without hover {:.2} of a document load > 1.0",
                    r.kind,
                    r.key / r.document
                ));
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
        "\n## Navigation in the app against document loads (150 ms RTT, 1.6 Mbps, 4× CPU; median of {})\n\n\
         From the click (or Enter) until the new page's heading is in the document; the document load is the \
         same page's `loadEventEnd` from a warm HTTP cache. Goal: with hover ≤ 0.5, without ≤ 1.0.\n\n{}",
        nav.runs,
        nav.table()
    );
    Ok(Section {
        text,
        failures: nav.failures(),
    })
}

/// `cargo xtask bench-navigation`: only the navigation comparison, printed.
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
