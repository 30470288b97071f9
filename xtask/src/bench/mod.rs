//! `cargo xtask bench`: the product measured the way readers, partners and
//! editors meet it, written to docs/benchmarks.md. Exits non-zero when a
//! budget is broken. Slow and machine-dependent: not part of `xtask test`.
//! One module per benchmark; each returns typed results, and the budgets
//! come from `crate::budgets`.

pub mod changes;
pub mod lighthouse;
pub mod list;
pub mod media;
pub mod navigation;
mod partner;
pub mod photos;
mod properties;
pub mod publish;
pub mod search;
pub mod serve;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::setup::{self, Needs};
use crate::tasks::{self, Nginx};
use crate::util::{output_of, root};
use crate::{budgets, sizes};

const PORT: &str = "18090";

/// A section of the report, and the budgets it broke.
#[derive(Debug, Default)]
pub struct Section {
    pub text: String,
    pub failures: Vec<String>,
}

impl Section {
    /// A section with no budget of its own.
    pub fn text(text: String) -> Section {
        Section {
            text,
            failures: Vec::new(),
        }
    }

    /// A `bench-…` command's output: the section printed, an error if it
    /// broke a budget.
    pub fn print(self) -> Result<()> {
        println!("{}", self.text);
        if !self.failures.is_empty() {
            bail!("{}", self.failures.join("\n"));
        }
        Ok(())
    }
}

/// `--counts 10000,100000` (default: 10 000 and the budgets' size).
fn counts(args: &[String]) -> Result<Vec<usize>> {
    match args.iter().position(|a| a == "--counts") {
        Some(i) => args
            .get(i + 1)
            .context("--counts takes a list like 10000,100000")?
            .split(',')
            .map(|n| n.parse().context("--counts takes numbers"))
            .collect(),
        None => Ok(vec![10_000, budgets::PUBLISH_ARTICLES]),
    }
}

/// `cargo xtask bench`: every section in order, into docs/benchmarks.md.
pub fn run_bench(args: &[String]) -> Result<()> {
    let counts = counts(args)?;
    setup::all(Needs::Everything)?;
    setup::apt(&[("hugo", "/usr/bin/hugo"), ("time", "/usr/bin/time")])?;
    let lighthouse_cli = lighthouse::install()?;
    let site_dir = root().join("target/bench-site");
    let base = format!("http://127.0.0.1:{PORT}");
    // The sample newsroom plus an article whose photo is a 16 MB camera file.
    let content = tasks::with_camera_photo(&root().join("target/bench-content"))?;
    tasks::site_of(&content, &site_dir, Some(&base))?;

    let mut sections = vec![transfer_sizes(&site_dir)?];
    // Real pages behind nginx with the shipped config.
    let server = Nginx::start_with(&site_dir, PORT, &partner::server_block()?)?;
    sections.push(lighthouse::section(&lighthouse_cli, &base, &site_dir)?);
    sections.push(partner::section(&lighthouse_cli)?);
    sections.push(navigation::section(&base)?);
    drop(server);
    sections.push(list::section()?);
    sections.push(publish::section(&counts)?);
    sections.push(changes::section(&counts, 1_000)?);
    sections.push(serve::section()?);
    sections.push(photos::section()?);
    sections.push(Section::text(search::run()?));
    sections.push(properties::section()?);

    let report: String = sections.iter().map(|s| s.text.as_str()).collect();
    let failures: Vec<String> = sections.into_iter().flat_map(|s| s.failures).collect();
    write_doc(args, &report, &failures)
}

/// The sizes a reader and a partner download, against their budgets.
fn transfer_sizes(site_dir: &Path) -> Result<Section> {
    let rows = sizes::rows(site_dir)?;
    Ok(Section {
        text: format!("## Transfer sizes\n\n{}", sizes::table(&rows)),
        failures: sizes::broken(&rows).map(|(_, line)| line).collect(),
    })
}

/// `docs/benchmarks.md`: the report under its heading, and the budgets
/// broken (an error if any is).
fn write_doc(args: &[String], report: &str, failures: &[String]) -> Result<()> {
    let commit = output_of("git", &["rev-parse", "--short", "HEAD"]).unwrap_or_default();
    let date = output_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default();
    let command = std::iter::once("cargo xtask bench".to_owned())
        .chain(args.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let mut doc = format!(
        "# Benchmarks\n\nWritten by `{command}` on {date} at commit `{commit}`, on this project's \
         machine (2 cores, 24 GiB). Budgets: {}.\n\n",
        budgets::summary()
    );
    doc.push_str(report);
    doc.push_str(
        "\nWall times of `bantin build` depend mostly on how fast this machine's disk creates \
         files: the same 100 000-article data-only build took 7.9 s writing to tmpfs and 21–52 s \
         to the disk in other runs. What the app's bytes are: \
         [size-analysis.md](size-analysis.md).\n",
    );
    if failures.is_empty() {
        doc.push_str("\nEvery budget holds.\n");
    } else {
        let _ = write!(
            doc,
            "\n## Budgets broken\n\n{}\n",
            failures
                .iter()
                .map(|f| format!("- {f}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    fs::write(root().join("docs/benchmarks.md"), &doc)?;
    println!("{doc}");
    if !failures.is_empty() {
        bail!("{} budget(s) broken", failures.len());
    }
    Ok(())
}
