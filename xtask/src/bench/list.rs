//! Item 3 of the benchmark: bantin-views' `HeadlineList` (1 000 rows, the
//! app's Leptos build) against the same markup built by hand in vanilla JS,
//! timed in one headless Chromium by `bench/list/run.mjs`.

use std::fs;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use super::Section;
use crate::util::{build_wasm, cmd, root};

pub const ROWS: usize = 1000;
pub const RUNS: usize = 31;

#[derive(Debug, Deserialize)]
pub struct ListTiming {
    pub rows: usize,
    pub runs: usize,
    pub leptos_ms: f64,
    pub vanilla_ms: f64,
    /// The median of each run's Leptos / vanilla ratio.
    pub ratio: f64,
}

impl ListTiming {
    pub fn table(&self) -> String {
        format!(
            "| list | median (creation + forced layout) |\n|---|---:|\n\
             | bantin `HeadlineList` (Leptos, release wasm) | {:.1} ms |\n\
             | hand-written vanilla JS, same markup | {:.1} ms |\n\
             | ratio Leptos / vanilla (median of the {} runs' ratios) | {:.2}× |\n",
            self.leptos_ms, self.vanilla_ms, self.runs, self.ratio
        )
    }
}

/// Builds the bench page into `target/bench-list` and runs it.
pub fn run() -> Result<ListTiming> {
    let dir = root().join("target/bench-list");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir)?;
    build_wasm("bantin-bench-list", &dir)?;
    let page = root().join("bench/list/page");
    for entry in fs::read_dir(&page).with_context(|| format!("cannot read {}", page.display()))? {
        let entry = entry?;
        fs::copy(entry.path(), dir.join(entry.file_name()))?;
    }
    fs::copy(root().join("style/main.css"), dir.join("main.css"))?;

    let out = cmd(
        "node",
        &[
            "bench/list/run.mjs",
            &dir.to_string_lossy(),
            &ROWS.to_string(),
            &RUNS.to_string(),
        ],
    )
    .output()
    .context("cannot start node")?;
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        bail!("bench/list/run.mjs failed ({})", out.status);
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.trim())
        .with_context(|| format!("bench/list/run.mjs printed {stdout:?}"))
}

/// The report's section: the list rendered by Leptos and by vanilla JS.
pub fn section() -> Result<Section> {
    let list = run()?;
    Ok(Section::text(format!(
        "\n## Rendering {} headlines: Leptos against vanilla JS (headless Chromium, {} runs each, alternating)\n\n{}",
        list.rows,
        list.runs,
        list.table()
    )))
}

/// `cargo xtask bench-list`: only this part, printed.
pub fn command() -> Result<()> {
    crate::setup::all(crate::setup::Needs::Everything)?;
    let timing = run()?;
    println!(
        "{} rows, {} runs\n\n{}",
        timing.rows,
        timing.runs,
        timing.table()
    );
    Ok(())
}
