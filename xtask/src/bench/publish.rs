//! The publisher against Hugo on the same generated articles.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use crate::budgets;
use crate::util::{cmd, root, run};

/// What is timed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tool {
    BantinData,
    BantinFull,
    Hugo,
}

impl Tool {
    pub const ALL: [Tool; 3] = [Tool::BantinData, Tool::BantinFull, Tool::Hugo];

    pub fn name(self) -> &'static str {
        match self {
            Tool::BantinData => "bantin, data only",
            Tool::BantinFull => "bantin, full site",
            Tool::Hugo => "hugo",
        }
    }
}

/// One timed build.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    pub articles: usize,
    pub tool: Tool,
    pub wall_s: f64,
    pub peak_kb: u64,
    pub output_bytes: u64,
}

impl Run {
    /// What this run breaks of the publisher's budgets.
    pub fn failures(&self) -> Vec<String> {
        if self.tool != Tool::BantinData || self.articles != budgets::PUBLISH_ARTICLES {
            return Vec::new();
        }
        let mut failures = Vec::new();
        if self.wall_s > budgets::PUBLISH_SECONDS {
            failures.push(format!(
                "bantin data-only, {} articles: {:.2} s > {} s",
                self.articles,
                self.wall_s,
                budgets::PUBLISH_SECONDS
            ));
        }
        if self.peak_kb > budgets::PUBLISH_PEAK_KB {
            failures.push(format!(
                "bantin data-only, {} articles: {} KB peak > 1 GiB",
                self.articles, self.peak_kb
            ));
        }
        failures
    }
}

/// `bantin` built as editors run it (the `cli` profile).
pub fn cli_binary() -> Result<PathBuf> {
    run(cmd(
        "cargo",
        &[
            "build",
            "--quiet",
            "--profile",
            "cli",
            "-p",
            "bantin-publish",
        ],
    ))?;
    Ok(crate::util::target_dir().join("cli/bantin"))
}

/// Every tool on `count` generated articles, in the order of [`Tool::ALL`].
pub fn runs(count: usize) -> Result<Vec<Run>> {
    let bantin = cli_binary()?;
    let work = root().join(format!("target/bench-corpus-{count}"));
    let content = work.join("content");
    let markdown = work.join("hugo");
    crate::gen::write(count, &content, Some(&markdown))?;
    hugo_theme(&markdown)?;
    let mut runs = Vec::new();
    for tool in Tool::ALL {
        let out = work.join(format!("out-{tool:?}"));
        let _ = fs::remove_dir_all(&out);
        let mut command = match tool {
            Tool::Hugo => {
                let mut c = Command::new("hugo");
                c.arg("--quiet")
                    .arg("-s")
                    .arg(&markdown)
                    .arg("-d")
                    .arg(&out);
                c
            }
            Tool::BantinData | Tool::BantinFull => {
                let mut c = Command::new(&bantin);
                c.arg("build")
                    .arg("--content")
                    .arg(&content)
                    .arg("--out")
                    .arg(&out);
                if tool == Tool::BantinFull {
                    c.arg("--app").arg(root().join("target/app"));
                }
                c
            }
        };
        let (wall_s, peak_kb) = timed(&mut command)?;
        runs.push(Run {
            articles: count,
            tool,
            wall_s,
            peak_kb,
            output_bytes: crate::util::bytes_under(&out, None),
        });
    }
    let _ = fs::remove_dir_all(&work);
    Ok(runs)
}

/// Wall seconds and peak RSS (KB) of a command, through GNU time.
fn timed(command: &mut Command) -> Result<(f64, u64)> {
    let report = root().join("target/bench-time.txt");
    let shown = format!("{command:?}");
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(command.get_program())
        .args(command.get_args())
        .current_dir(root());
    let started = Instant::now();
    let status = wrapped
        .status()
        .with_context(|| format!("cannot run {shown}"))?;
    let wall = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    let peak = fs::read_to_string(&report)?
        .trim()
        .lines()
        .last()
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    Ok((wall, peak))
}

/// A minimal Hugo theme: one HTML page per article and a home list, the
/// same work as `bantin build` without the API, feeds or redirects.
fn hugo_theme(site: &Path) -> Result<()> {
    fs::create_dir_all(site.join("layouts/_default"))?;
    fs::write(
        site.join("hugo.toml"),
        "baseURL = \"https://duytien.bantin.vn/\"\nlanguageCode = \"vi\"\ntitle = \"Đài Truyền thanh Thị xã Duy Tiên\"\n\
         disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\"]\n",
    )?;
    let head = "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>";
    fs::write(
        site.join("layouts/_default/single.html"),
        format!("{head}<article><h1>{{{{ .Title }}}}</h1><time datetime=\"{{{{ .Date.Format \"2006-01-02T15:04:05Z07:00\" }}}}\">{{{{ .Date.Format \"02/01/2006 15:04\" }}}}</time><p>{{{{ .Summary }}}}</p>{{{{ .Content }}}}</article></body></html>\n"),
    )?;
    let list = format!("{head}<ul>{{{{ range first 20 .Site.RegularPages }}}}<li><a href=\"{{{{ .RelPermalink }}}}\">{{{{ .Title }}}}</a></li>{{{{ end }}}}</ul></body></html>\n");
    fs::write(site.join("layouts/_default/list.html"), &list)?;
    fs::write(site.join("layouts/index.html"), &list)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_data_build_at_full_size_has_budgets() {
        let run = |tool, articles, wall_s, peak_kb| Run {
            articles,
            tool,
            wall_s,
            peak_kb,
            output_bytes: 0,
        };
        let cases = [
            (run(Tool::BantinData, 100_000, 9.0, 800_000), 0),
            (run(Tool::BantinData, 100_000, 11.0, 800_000), 1),
            (run(Tool::BantinData, 100_000, 11.0, 2_000_000), 2),
            (run(Tool::BantinData, 10_000, 11.0, 2_000_000), 0),
            (run(Tool::Hugo, 100_000, 47.0, 10_000_000), 0),
        ];
        for (run, broken) in cases {
            assert_eq!(run.failures().len(), broken, "{run:?}");
        }
    }
}
