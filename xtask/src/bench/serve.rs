//! The preview's edit-to-visible latency: `bantin serve` (the `cli`
//! profile, with the app) running, an article's title changed on disk, the
//! time until the preview serves the new title in the article's JSON
//! (polled every 10 ms). Ten edits, the median, on the sample newsroom and
//! on 2 000 generated articles.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use std::{fs, thread};

use anyhow::{bail, Context, Result};

use super::publish::{cli_binary, median};
use super::Section;
use crate::util::root;

const EDITS: usize = 10;
/// Budgets, seconds: the sample, and 2 000 articles.
const SAMPLE_SECONDS: f64 = 1.0;
const LARGE_SECONDS: f64 = 3.0;

struct Preview(Child, u16);

impl Drop for Preview {
    /// SIGTERM, so the preview removes its temporary folder; SIGKILL if it
    /// hangs.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        for _ in 0..50 {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            thread::sleep(Duration::from_millis(100));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

fn start(bantin: &Path, content: &Path) -> Result<Preview> {
    let mut child = Command::new(bantin)
        .args(["serve", "--port", "0", "--app"])
        .arg(root().join("target/app"))
        .arg("--content")
        .arg(content)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start bantin serve")?;
    let mut lines = BufReader::new(child.stdout.take().context("no stdout")?).lines();
    let port = loop {
        let line = lines.next().context("bantin serve stopped")??;
        if let Some(rest) = line.strip_prefix("bantin serve: http://127.0.0.1:") {
            break rest.trim_end_matches('/').parse()?;
        }
    };
    thread::spawn(move || for _ in lines {});
    Ok(Preview(child, port))
}

/// Median seconds from saving a new title to the preview serving it.
fn latency(content: &Path) -> Result<(f64, Vec<f64>)> {
    let bantin = cli_binary()?;
    let article = crate::util::files_under(&content.join("articles"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .context("no article")?;
    let id = article
        .file_stem()
        .and_then(|s| s.to_str())
        .context("an article's name")?
        .to_owned();
    let original = fs::read_to_string(&article)?;
    let preview = start(&bantin, content)?;
    let json = format!("/api/v1/articles/{id}.json");
    let mut times = Vec::new();
    for edit in 0..EDITS {
        let title = format!("Tiêu đề sửa lần {edit} lúc xem trước");
        let (_, rest) = original.split_once('\n').context("an empty article")?;
        let started = Instant::now();
        fs::write(&article, format!("{title}\n{rest}"))?;
        loop {
            if get(preview.1, &json).is_ok_and(|a| a.contains(&title)) {
                break;
            }
            if started.elapsed() > Duration::from_secs(60) {
                bail!("the preview never showed edit {edit}");
            }
            thread::sleep(Duration::from_millis(10));
        }
        times.push(started.elapsed().as_secs_f64());
        // Let the preview settle before the next save.
        thread::sleep(Duration::from_millis(300));
    }
    fs::write(&article, original)?;
    Ok((median(&times), times))
}

/// The report's section and what broke a budget.
pub fn section() -> Result<Section> {
    let sample = root().join("target/bench-serve-sample");
    let _ = fs::remove_dir_all(&sample);
    crate::util::copy_dir(&root().join("content"), &sample)?;
    let large = root().join("target/bench-serve-2000");
    crate::gen::write(2_000, &large, None)?;
    let mut text = format!(
        "\n## The preview: from a saved edit to the new data served (`bantin serve`, `cli` profile, with the app; median of {EDITS} edits)\n\n| newsroom | median | each edit | budget |\n|---|---:|---|---:|\n"
    );
    let mut failures = Vec::new();
    for (name, content, budget) in [
        ("the sample (40 articles)", &sample, SAMPLE_SECONDS),
        ("2 000 generated articles", &large, LARGE_SECONDS),
    ] {
        let (median, times) = latency(content)?;
        text.push_str(&format!(
            "| {name} | {median:.3} s | {} | {budget:.0} s |\n",
            times
                .iter()
                .map(|t| format!("{t:.2}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        if median > budget {
            failures.push(format!(
                "preview latency on {name}: {median:.3} s > {budget} s"
            ));
        }
    }
    let _ = fs::remove_dir_all(&sample);
    let _ = fs::remove_dir_all(&large);
    Ok(Section { text, failures })
}

/// `cargo xtask bench-serve`: only the preview's edit-to-visible latency.
pub fn command() -> Result<()> {
    crate::tasks::ensure_app()?;
    section()?.print()
}
