//! The publisher against Hugo on the same generated articles, in pairs of
//! runs whose order alternates, in three situations:
//!
//! - **new article**: one article newer than all the others added to both
//!   corpora, then each tool builds into the output it wrote before — an
//!   editor's day: publish, rebuild (Hugo writes over `public/`; bantin
//!   rewrites what changed in its spare and swaps it in);
//! - **rebuild**: the same, nothing changed in between;
//! - **fresh**: each tool builds into a new, empty folder. The previous
//!   pair's folders are deleted first and the disk left alone for 35 s:
//!   ext4 without a journal (this machine's) skips inodes freed in the last
//!   30 s when it allocates, so without the pause each run would pay for
//!   the deletion before it.
//!
//! Both on this machine's disk (ext4 on /dev/vda, no journal), outputs under
//! `target/`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::Section;
use crate::budgets;
use crate::setup;
use crate::tasks;
use crate::util::{cmd, root, run};

/// What is timed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Tool {
    BantinData,
    BantinFull,
    Hugo,
}

impl Tool {
    pub fn name(self) -> &'static str {
        match self {
            Tool::BantinData => "bantin, data only",
            Tool::BantinFull => "bantin, full site",
            Tool::Hugo => "hugo",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    NewArticle,
    Rebuild,
    Fresh,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::NewArticle => "new article",
            Mode::Rebuild => "rebuild",
            Mode::Fresh => "fresh folder",
        }
    }
}

/// One timed build.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    pub articles: usize,
    pub tool: Tool,
    pub mode: Mode,
    pub wall_s: f64,
    pub peak_kb: u64,
    pub bytes: u64,
    pub files: usize,
    /// Folders under the output, the output itself included.
    pub folders: usize,
}

/// Everything measured at one size.
pub struct Report {
    pub articles: usize,
    pub runs: Vec<Run>,
    /// `bantin build --timings` of the full site: a stage, and its seconds
    /// per situation (fresh folder, rebuild, new article).
    pub stages: Vec<(String, [f64; 3])>,
}

impl Report {
    fn of(&self, tool: Tool, mode: Mode) -> Vec<&Run> {
        self.runs
            .iter()
            .filter(|r| r.tool == tool && r.mode == mode)
            .collect()
    }

    /// bantin's full site over Hugo, pair by pair (runs are in pair order).
    pub fn ratios(&self, mode: Mode) -> Vec<f64> {
        self.of(Tool::BantinFull, mode)
            .iter()
            .zip(self.of(Tool::Hugo, mode))
            .map(|(b, h)| b.wall_s / h.wall_s)
            .collect()
    }

    pub fn table(&self) -> String {
        let mut out = String::new();
        for mode in [Mode::NewArticle, Mode::Rebuild, Mode::Fresh] {
            let ratios = self.ratios(mode);
            let show = |tool| -> String {
                let runs = self.of(tool, mode);
                let Some(last) = runs.last() else {
                    return String::from("| | | | |");
                };
                let walls: Vec<f64> = runs.iter().map(|r| r.wall_s).collect();
                format!(
                    "{:.2} s ({}) | {:.0} MB | {:.0} MB | {}",
                    median(&walls),
                    walls
                        .iter()
                        .map(|w| format!("{w:.2}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    runs.iter().map(|r| r.peak_kb).max().unwrap_or(0) as f64 / 1024.0,
                    last.bytes as f64 / 1e6,
                    last.files
                )
            };
            for tool in [Tool::BantinFull, Tool::Hugo, Tool::BantinData] {
                if self.of(tool, mode).is_empty() {
                    continue;
                }
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    self.articles,
                    mode.name(),
                    tool.name(),
                    show(tool)
                );
            }
            let _ = writeln!(
                out,
                "| {} | {} | **bantin full site / Hugo, median of {} pairs** | **{:.2}** ({}) | | | |",
                self.articles,
                mode.name(),
                ratios.len(),
                median(&ratios),
                ratios
                    .iter()
                    .map(|r| format!("{r:.2}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        out
    }

    pub fn stage_table(&self) -> String {
        let mut out = format!(
            "\n`bantin build --timings`, full site, {} articles:\n\n| stage | fresh folder | rebuild | new article |\n|---|---:|---:|---:|\n",
            self.articles
        );
        for (stage, [fresh, rebuild, new]) in &self.stages {
            let _ = writeln!(
                out,
                "| {stage} | {fresh:.2} s | {rebuild:.2} s | {new:.2} s |"
            );
        }
        out
    }

    /// Files and folders, and bytes, per article of bantin's full site.
    pub fn per_article(&self) -> Option<(f64, f64)> {
        let run = self.of(Tool::BantinFull, Mode::Fresh).last().copied()?;
        let n = self.articles as f64;
        Some(((run.files + run.folders) as f64 / n, run.bytes as f64 / n))
    }

    /// The archive's budgets (issue #27): a new article's republish, a
    /// fresh folder against Hugo, inodes and bytes per article.
    fn archive_failures(&self) -> Vec<String> {
        let mut failures = Vec::new();
        let fresh = median(&self.ratios(Mode::Fresh));
        let sized = [10_000, budgets::PUBLISH_ARTICLES].contains(&self.articles);
        if sized && fresh > budgets::FRESH_RATIO {
            failures.push(format!(
                "fresh folder, {} articles: {fresh:.2}× Hugo's time > {}",
                self.articles,
                budgets::FRESH_RATIO
            ));
        }
        if let (10_000, Some((inodes, bytes))) = (self.articles, self.per_article()) {
            if inodes > budgets::INODES_PER_ARTICLE || bytes > budgets::BYTES_PER_ARTICLE {
                failures.push(format!(
                    "10 000 articles: {inodes:.2} files and folders, {:.1} KB per article > {} and {} KB",
                    bytes / 1e3,
                    budgets::INODES_PER_ARTICLE,
                    budgets::BYTES_PER_ARTICLE / 1e3
                ));
            }
        }
        if self.articles == budgets::PUBLISH_ARTICLES {
            for (tool, limit) in [
                (Tool::BantinFull, budgets::NEW_ARTICLE_SECONDS),
                (Tool::BantinData, budgets::DATA_NEW_ARTICLE_SECONDS),
            ] {
                let walls: Vec<f64> = self
                    .of(tool, Mode::NewArticle)
                    .iter()
                    .map(|r| r.wall_s)
                    .collect();
                let wall = median(&walls);
                if wall > limit {
                    failures.push(format!(
                        "{} after a new article, {} articles: {wall:.2} s > {limit} s",
                        tool.name(),
                        self.articles
                    ));
                }
            }
        }
        failures
    }

    /// What this size breaks of the publisher's budgets.
    pub fn failures(&self) -> Vec<String> {
        let mut failures = self.archive_failures();
        if self.articles == 10_000 {
            // The editor's rebuild: after publishing an article.
            let ratio = median(&self.ratios(Mode::NewArticle));
            if ratio > budgets::FULL_SITE_RATIO {
                failures.push(format!(
                    "full site at 10 000 articles: {ratio:.2}× Hugo's time (median of paired rebuilds after a new article) > {}",
                    budgets::FULL_SITE_RATIO
                ));
            }
        }
        if self.articles != budgets::PUBLISH_ARTICLES {
            return failures;
        }
        for run in &self.runs {
            let limit = match (run.tool, run.mode) {
                (Tool::BantinData, _) => budgets::PUBLISH_SECONDS,
                (Tool::BantinFull, Mode::Rebuild | Mode::NewArticle) => budgets::FULL_SITE_SECONDS,
                _ => continue,
            };
            if run.wall_s > limit {
                failures.push(format!(
                    "{} ({:?}), {} articles: {:.2} s > {limit} s",
                    run.tool.name(),
                    run.mode,
                    run.articles,
                    run.wall_s
                ));
            }
            if run.peak_kb > budgets::PUBLISH_PEAK_KB {
                failures.push(format!(
                    "{} ({:?}), {} articles: {} KB peak > 1 GiB",
                    run.tool.name(),
                    run.mode,
                    run.articles,
                    run.peak_kb
                ));
            }
        }
        failures
    }
}

pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
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

struct Bench {
    bantin: PathBuf,
    content: PathBuf,
    markdown: PathBuf,
    work: PathBuf,
    articles: usize,
}

impl Bench {
    fn command(&self, tool: Tool, out: &Path) -> Command {
        match tool {
            Tool::Hugo => {
                let mut c = Command::new("hugo");
                c.arg("--quiet")
                    .arg("-s")
                    .arg(&self.markdown)
                    .arg("-d")
                    .arg(out);
                c
            }
            Tool::BantinData | Tool::BantinFull => {
                let mut c = Command::new(&self.bantin);
                c.arg("build")
                    .arg("--content")
                    .arg(&self.content)
                    .arg("--out")
                    .arg(out)
                    .args(["--now", "2026-01-01T00:00:00+07:00"]);
                if tool == Tool::BantinFull {
                    c.arg("--app").arg(root().join("target/app"));
                }
                c
            }
        }
    }

    fn run(&self, tool: Tool, mode: Mode, out: &Path) -> Result<Run> {
        let (wall_s, peak_kb) = timed(&mut self.command(tool, out))?;
        let files = crate::util::files_under(out);
        Ok(Run {
            articles: self.articles,
            tool,
            mode,
            wall_s,
            peak_kb,
            bytes: files
                .iter()
                .filter_map(|f| fs::metadata(f).ok())
                .map(|m| m.len())
                .sum(),
            files: files.len(),
            folders: crate::util::folders_under(out),
        })
    }

    /// The stages of one full build into `out`.
    fn stages(&self, out: &Path) -> Result<Vec<(String, f64)>> {
        let output = self
            .command(Tool::BantinFull, out)
            .arg("--timings")
            .output()
            .context("cannot run bantin build --timings")?;
        if !output.status.success() {
            bail!("bantin build --timings failed");
        }
        Ok(String::from_utf8_lossy(&output.stderr)
            .lines()
            .filter_map(|line| {
                let (stage, time) = line.trim().rsplit_once("  ")?;
                let seconds = time.trim().strip_suffix(" s")?.trim().parse().ok()?;
                Some((stage.trim().to_owned(), seconds))
            })
            .collect())
    }
}

/// Deletes `folders`, then leaves the disk alone long enough that the
/// freed inodes no longer slow anyone's allocation (see the module doc).
fn clear(folders: &[PathBuf]) -> Result<()> {
    for folder in folders {
        let _ = fs::remove_dir_all(folder);
        // bantin's lock file and spare beside its output.
        if let (Some(parent), Some(name)) = (folder.parent(), folder.file_name()) {
            let name = name.to_string_lossy();
            let _ = fs::remove_dir_all(parent.join(format!(".{name}.staging")));
            let _ = fs::remove_file(parent.join(format!(".{name}.lock")));
        }
    }
    run(cmd("sync", &[]))?;
    std::thread::sleep(Duration::from_secs(35));
    Ok(())
}

/// Paired, alternating runs of bantin's full site and Hugo on `count`
/// generated articles, `pairs` of each situation, plus one data-only build.
pub fn measure(count: usize, pairs: usize) -> Result<Report> {
    let work = root().join(format!("target/bench-corpus-{count}"));
    let _ = fs::remove_dir_all(&work);
    let bench = Bench {
        bantin: cli_binary()?,
        content: work.join("content"),
        markdown: work.join("hugo"),
        work: work.clone(),
        articles: count,
    };
    crate::gen::write(count, &bench.content, Some(&bench.markdown))?;
    hugo_theme(&bench.markdown)?;
    let mut runs = Vec::new();
    let fresh = bench.fresh_runs(pairs, &mut runs)?;
    let rebuild = bench.rebuild_runs(pairs, &mut runs)?;
    let new_article = bench.new_article_runs(pairs, &mut runs)?;
    let _ = fs::remove_dir_all(&work);
    let seconds = |of: &[(String, f64)], stage: &str| {
        of.iter()
            .find(|(s, _)| s == stage)
            .map_or(f64::NAN, |(_, t)| *t)
    };
    let stages = fresh
        .iter()
        .map(|(stage, fresh)| {
            let times = [
                *fresh,
                seconds(&rebuild, stage),
                seconds(&new_article, stage),
            ];
            (stage.clone(), times)
        })
        .collect();
    Ok(Report {
        articles: count,
        runs,
        stages,
    })
}

impl Bench {
    fn out(&self, name: &str) -> PathBuf {
        self.work.join(name)
    }

    /// Each tool's last output (bantin's spare beside its own).
    fn last_output(&self, tool: Tool) -> PathBuf {
        self.out(if tool == Tool::Hugo {
            "hugo-public"
        } else {
            "bantin"
        })
    }

    /// Fresh folders, the stages of a fresh build first.
    fn fresh_runs(&self, pairs: usize, runs: &mut Vec<Run>) -> Result<Vec<(String, f64)>> {
        clear(&[])?;
        let stages = self.stages(&self.out("stages"))?;
        let mut previous = vec![self.out("stages")];
        for pair in 0..pairs {
            clear(&previous)?;
            previous.clear();
            for tool in order(pair) {
                let folder = match tool {
                    Tool::Hugo => self.out(&format!("fresh-hugo-{pair}")),
                    _ => self.out(&format!("fresh-bantin-{pair}")),
                };
                runs.push(self.run(tool, Mode::Fresh, &folder)?);
                previous.push(folder);
            }
        }
        clear(&previous)?;
        runs.push(self.run(Tool::BantinData, Mode::Fresh, &self.out("data"))?);
        Ok(stages)
    }

    /// Rebuilds: each tool's output (and bantin's spare) in place first.
    fn rebuild_runs(&self, pairs: usize, runs: &mut Vec<Run>) -> Result<Vec<(String, f64)>> {
        let (bantin_out, hugo_out) = (
            self.last_output(Tool::BantinFull),
            self.last_output(Tool::Hugo),
        );
        self.run(Tool::Hugo, Mode::Rebuild, &hugo_out)?;
        self.run(Tool::BantinFull, Mode::Rebuild, &bantin_out)?;
        self.run(Tool::BantinFull, Mode::Rebuild, &bantin_out)?;
        let stages = self.stages(&bantin_out)?;
        for pair in 0..pairs {
            for tool in order(pair) {
                runs.push(self.run(tool, Mode::Rebuild, &self.last_output(tool))?);
            }
        }
        runs.push(self.run(Tool::BantinData, Mode::Rebuild, &self.out("data"))?);
        runs.push(self.run(Tool::BantinData, Mode::Rebuild, &self.out("data"))?);
        Ok(stages)
    }

    /// A new article before each pair, both tools into their last output.
    fn new_article_runs(&self, pairs: usize, runs: &mut Vec<Run>) -> Result<Vec<(String, f64)>> {
        let add = |n: usize| {
            crate::gen::add_newest(self.articles, n, &self.content, Some(&self.markdown))
        };
        add(0)?;
        self.run(Tool::Hugo, Mode::NewArticle, &self.last_output(Tool::Hugo))?;
        let stages = self.stages(&self.last_output(Tool::BantinFull))?;
        for pair in 0..pairs {
            add(pair + 1)?;
            for tool in order(pair) {
                runs.push(self.run(tool, Mode::NewArticle, &self.last_output(tool))?);
            }
        }
        add(pairs + 1)?;
        runs.push(self.run(Tool::BantinData, Mode::NewArticle, &self.out("data"))?);
        Ok(stages)
    }
}

/// Who goes first alternates from pair to pair.
fn order(pair: usize) -> [Tool; 2] {
    if pair.is_multiple_of(2) {
        [Tool::Hugo, Tool::BantinFull]
    } else {
        [Tool::BantinFull, Tool::Hugo]
    }
}

/// Wall seconds and peak RSS (KB) of a command, through GNU time.
pub fn timed(command: &mut Command) -> Result<(f64, u64)> {
    let report = root().join("target/bench-time.txt");
    let shown = format!("{command:?}");
    let mut wrapped = Command::new("/usr/bin/time");
    wrapped
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(command.get_program())
        .args(command.get_args())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
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

/// The publisher against Hugo at each size, paired runs: the report's
/// section and what broke a budget.
pub fn section(counts: &[usize]) -> Result<Section> {
    let mut text = String::from(
        "\n## Publishing: `bantin build` against Hugo 0.111 (paired, alternating runs)\n\n\
         On this machine's disk (ext4, no journal, on /dev/vda). Each pair runs both tools one after the other, \
         the order alternating from pair to pair; the ratio is bantin's full site over Hugo's minimal theme \
         (one page per article and a home list), pair by pair, and its median. *New article*: one article newer \
         than all others added to both corpora before each pair, then each tool builds into its previous output \
         (Hugo writes over `public/`; bantin rewrites what changed in its spare and swaps it in) — the editor's \
         rebuild, which the budgets apply to. *Rebuild*: the same with nothing changed. \
         *Fresh*: a new empty folder, the previous pair's folders deleted and the disk left alone 35 s first \
         (see `xtask/src/bench/publish.rs`). Written: what the output folder holds after the run.\n\n\
         | articles | situation | tool | wall, median (each run) | peak memory | written | files |\n|---:|---|---|---:|---:|---:|---:|\n",
    );
    let mut failures = Vec::new();
    let mut stages = String::new();
    for &count in counts {
        let pairs = if count <= 10_000 { 5 } else { 2 };
        let report = measure(count, pairs)?;
        text.push_str(&report.table());
        if let Some((inodes, bytes)) = report.per_article() {
            stages.push_str(&format!(
                "\nbantin's full site at {count} articles (a fresh folder): {inodes:.2} files and folders and {:.1} KB per article.\n",
                bytes / 1e3
            ));
        }
        stages.push_str(&report.stage_table());
        failures.extend(report.failures());
    }
    text.push_str(&stages);
    Ok(Section { text, failures })
}

/// `cargo xtask bench-publish [--counts 10000]`: only the publisher against
/// Hugo, printed.
pub fn command(args: &[String]) -> Result<()> {
    setup::apt(&[("hugo", "/usr/bin/hugo"), ("time", "/usr/bin/time")])?;
    let counts = super::counts(args)?;
    tasks::ensure_app()?;
    section(&counts)?.print()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(tool: Tool, mode: Mode, articles: usize, wall_s: f64, peak_kb: u64) -> Run {
        Run {
            articles,
            tool,
            mode,
            wall_s,
            peak_kb,
            bytes: 0,
            files: 0,
            folders: 0,
        }
    }

    #[test]
    fn budgets_apply_to_what_they_name() {
        let report = |runs| Report {
            articles: 100_000,
            runs,
            stages: Vec::new(),
        };
        let cases = [
            (run(Tool::BantinData, Mode::Fresh, 100_000, 9.0, 800_000), 0),
            (
                run(Tool::BantinData, Mode::Fresh, 100_000, 11.0, 800_000),
                1,
            ),
            (
                run(Tool::BantinData, Mode::Rebuild, 100_000, 11.0, 2_000_000),
                2,
            ),
            (
                run(Tool::BantinFull, Mode::Rebuild, 100_000, 29.0, 900_000),
                0,
            ),
            (
                run(Tool::BantinFull, Mode::Rebuild, 100_000, 31.0, 900_000),
                1,
            ),
            (
                run(Tool::BantinFull, Mode::Fresh, 100_000, 60.0, 900_000),
                0,
            ),
            // Over the full site's 30 s, and the archive's 2 s.
            (
                run(Tool::BantinFull, Mode::NewArticle, 100_000, 31.0, 900_000),
                2,
            ),
            (run(Tool::Hugo, Mode::Rebuild, 100_000, 47.0, 10_000_000), 0),
        ];
        for (run, broken) in cases {
            assert_eq!(report(vec![run]).failures().len(), broken, "{run:?}");
        }
    }

    #[test]
    fn the_ratio_is_the_median_over_pairs_after_a_new_article() {
        let report = |pairs: &[(f64, f64)], mode| Report {
            articles: 10_000,
            runs: pairs
                .iter()
                .flat_map(|&(b, h)| {
                    [
                        run(Tool::Hugo, mode, 10_000, h, 0),
                        run(Tool::BantinFull, mode, 10_000, b, 0),
                    ]
                })
                .collect(),
            stages: Vec::new(),
        };
        let faster = report(&[(2.0, 2.5), (3.0, 2.0), (2.0, 4.0)], Mode::NewArticle);
        assert_eq!(faster.ratios(Mode::NewArticle), [0.8, 1.5, 0.5]);
        assert_eq!(median(&faster.ratios(Mode::NewArticle)), 0.8);
        assert!(faster.failures().is_empty());
        let slower = [(3.0, 2.5), (3.0, 2.0), (2.0, 4.0)];
        assert_eq!(report(&slower, Mode::NewArticle).failures().len(), 1);
        // The budget is the editor's rebuild's, not a rebuild of nothing.
        assert!(report(&slower, Mode::Rebuild).failures().is_empty());
        assert_eq!(median(&[1.0, 2.0, 3.0, 4.0]), 2.5);
    }

    #[test]
    fn the_archive_budgets_apply_to_what_they_name() {
        let at = |articles, runs: Vec<Run>| {
            Report {
                articles,
                runs,
                stages: Vec::new(),
            }
            .archive_failures()
            .len()
        };
        let new = |tool, walls: &[f64]| -> Vec<Run> {
            let n = 100_000;
            walls
                .iter()
                .map(|&w| run(tool, Mode::NewArticle, n, w, 0))
                .collect()
        };
        assert_eq!(at(100_000, new(Tool::BantinFull, &[1.9, 2.5, 1.8])), 0);
        assert_eq!(at(100_000, new(Tool::BantinFull, &[2.1, 2.5, 1.8])), 1);
        assert_eq!(at(100_000, new(Tool::BantinData, &[4.0])), 0);
        assert_eq!(at(100_000, new(Tool::BantinData, &[6.0])), 1);
        // The republish budget is the 100 000-article archive's.
        assert_eq!(at(10_000, new(Tool::BantinFull, &[3.0])), 0);
        let fresh = |bantin, hugo| {
            vec![
                run(Tool::Hugo, Mode::Fresh, 10_000, hugo, 0),
                run(Tool::BantinFull, Mode::Fresh, 10_000, bantin, 0),
            ]
        };
        assert_eq!(at(10_000, fresh(4.0, 5.0)), 0);
        assert_eq!(at(10_000, fresh(5.0, 4.0)), 1);
        assert_eq!(at(1_000, fresh(5.0, 4.0)), 0);
        let output = |files, folders, bytes| {
            let mut runs = fresh(4.0, 5.0);
            runs[1] = Run {
                files,
                folders,
                bytes,
                ..runs[1]
            };
            runs
        };
        assert_eq!(at(10_000, output(40_000, 4_000, 250_000_000)), 0);
        assert_eq!(at(10_000, output(40_000, 6_000, 250_000_000)), 1);
        assert_eq!(at(10_000, output(40_000, 4_000, 310_000_000)), 1);
    }
}
