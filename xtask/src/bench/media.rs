//! `cargo xtask bench-media [--count 2000]`: what recordings cost
//! (docs/architecture.md, "Recordings and videos"), in a generated
//! newsroom of `--count` articles of which 100 carry a minute-long MP3 of
//! their own (made by Debian's ffmpeg):
//!
//! - the rebuild when nothing changed, with the recordings and without
//!   them (the same newsroom, the `Âm thanh:` lines taken out), median of
//!   five builds each, full site (`--app target/app`);
//! - the files one new newest article with a recording changes, from the
//!   change list of a build against the one before (`--since`);
//! - what a reader's browser downloads on that article before pressing
//!   play, and the recording's bytes after (Resource Timing inside the
//!   page, `bench/media/bytes.mjs`).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, ensure, Context, Result};
use serde::Deserialize;

use super::{Section, PORT};
use crate::setup::{self, Needs};
use crate::tasks::{self, Nginx};
use crate::util::{cmd, root, run};

/// Articles with a recording.
const RECORDINGS: usize = 100;
const REBUILDS: usize = 5;
const NOW: &str = "2026-01-01T00:00:00+07:00";
/// The new article's id: above every generated one.
const NEW_ID: u32 = 950_000;

/// ffmpeg's arguments for a minute of tone at `hz`, as a 64 kbit/s MP3.
fn recording_args(hz: usize, file: &str) -> String {
    format!(
        "-hide_banner -loglevel error -y -f lavfi -i sine=frequency={hz}:duration=60 \
         -ac 1 -c:a libmp3lame -b:a 64k {file}"
    )
}

fn ffmpeg(args: &str, dir: &Path) -> Result<()> {
    let mut c = cmd("ffmpeg", &args.split_whitespace().collect::<Vec<_>>());
    c.current_dir(dir);
    run(c).context("ffmpeg: install it (cargo xtask setup)")
}

/// Adds `line` to an article's keyed fields.
fn add_field(file: &Path, line: &str) -> Result<()> {
    let mut text = fs::read_to_string(file)?;
    let keyed = text
        .lines()
        .rev()
        .find(|l| l.trim() == "---" || !l.contains(": "))
        .is_some_and(|l| l.trim() == "---");
    if !keyed {
        text.push_str("\n---\n");
    } else if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(line);
    text.push('\n');
    fs::write(file, text)?;
    Ok(())
}

struct Newsroom {
    bantin: PathBuf,
    content: PathBuf,
    out: PathBuf,
    cache: PathBuf,
}

impl Newsroom {
    fn build(&self, since: Option<&Path>) -> Result<f64> {
        let mut c = Command::new(&self.bantin);
        c.arg("build")
            .arg("--content")
            .arg(&self.content)
            .arg("--out")
            .arg(&self.out)
            .arg("--cache")
            .arg(&self.cache)
            .arg("--app")
            .arg(root().join("target/app"))
            .args(["--now", NOW]);
        if let Some(manifest) = since {
            c.arg("--since").arg(manifest);
        }
        let started = Instant::now();
        let output = c.output().context("cannot run bantin")?;
        let seconds = started.elapsed().as_secs_f64();
        ensure!(
            output.status.success(),
            "bantin build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        Ok(seconds)
    }

    /// The median of [`REBUILDS`] builds after a first that fills the
    /// cache.
    fn rebuild_median(&self) -> Result<f64> {
        self.build(None)?;
        let mut times = (0..REBUILDS)
            .map(|_| self.build(None))
            .collect::<Result<Vec<_>>>()?;
        times.sort_by(f64::total_cmp);
        Ok(times[REBUILDS / 2])
    }

    fn beside(&self, what: &str) -> PathBuf {
        self.out.with_file_name(format!(".site.{what}"))
    }

    fn lines(&self, what: &str) -> Result<Vec<String>> {
        let path = self.beside(what);
        Ok(fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .lines()
            .map(str::to_owned)
            .collect())
    }
}

/// A newsroom of `count` articles, the first [`RECORDINGS`] with a
/// recording each, and `[podcast]`.
fn create(count: usize, work: &Path) -> Result<Newsroom> {
    let content = work.join("content");
    crate::gen::write(count, &content, None)?;
    let media = content.join("media");
    fs::create_dir_all(&media)?;
    ffmpeg(
        "-hide_banner -loglevel error -y -f lavfi -i color=c=0x1f6f8b:s=1400x1400 -frames:v 1 podcast.png",
        &media,
    )?;
    let mut articles = crate::util::files_under(&content.join("articles"));
    articles.sort();
    for (k, file) in articles.iter().take(RECORDINGS).enumerate() {
        let name = format!("ban-tin-{k}.mp3");
        ffmpeg(&recording_args(200 + k, &name), &media)?;
        add_field(file, &format!("Âm thanh: media/{name}"))?;
    }
    let mut site = fs::read_to_string(content.join("site.toml"))?;
    site.push_str(
        "\n[podcast]\ncover = \"media/podcast.png\"\nowner = \"Đài Truyền thanh Thị xã Duy Tiên\"\n\
         email = \"dai@duytien.example.vn\"\ncategory = \"News\"\n",
    );
    fs::write(content.join("site.toml"), site)?;
    Ok(Newsroom {
        bantin: super::publish::cli_binary()?,
        content,
        out: work.join("site"),
        cache: work.join("cache"),
    })
}

/// The same newsroom without its recordings' lines.
fn without_recordings(newsroom: &Newsroom, work: &Path) -> Result<Newsroom> {
    let content = work.join("content-without");
    let _ = fs::remove_dir_all(&content);
    crate::util::copy_dir(&newsroom.content, &content)?;
    for file in crate::util::files_under(&content.join("articles")) {
        let text = fs::read_to_string(&file)?;
        if text.contains("Âm thanh: ") {
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| !l.starts_with("Âm thanh: "))
                .collect();
            fs::write(&file, kept.join("\n") + "\n")?;
        }
    }
    Ok(Newsroom {
        bantin: newsroom.bantin.clone(),
        content,
        out: work.join("site-without"),
        cache: work.join("cache-without"),
    })
}

/// The newest article, with a recording of its own.
fn add_newest(newsroom: &Newsroom) -> Result<String> {
    let media = newsroom.content.join("media");
    ffmpeg(&recording_args(1_000, "ban-tin-moi.mp3"), &media)?;
    let folder = newsroom.content.join("articles/chinh-tri/new");
    fs::create_dir_all(&folder)?;
    let at = "2025-12-31T18:00:00+07:00";
    fs::write(
        folder.join(format!("{NEW_ID}.txt")),
        format!(
            "Bản tin thời sự tối 31/12\nThu Hà\n{at}\n{at}\n\
             http://duytien.hanamtv.vn/vi/news/chinh-tri/ban-tin-{NEW_ID}.html\n\n\
             Đài Truyền thanh Thị xã Duy Tiên\n\nBản tin của đài, nghe ngay trên trang.\n\
             Thân bài.\n---\nÂm thanh: media/ban-tin-moi.mp3\n"
        ),
    )?;
    let json = fs::read_to_string(newsroom.out.join(format!("api/v1/articles/{NEW_ID}.json"))).ok();
    ensure!(json.is_none(), "the new article was there before");
    Ok(format!("api/v1/articles/{NEW_ID}.json"))
}

#[derive(Debug, Deserialize)]
struct Bytes {
    page: u64,
    requests: usize,
    media_before: u64,
    media_after: u64,
}

/// The bytes on the article's page in `site`, before and after play.
fn bytes_on(site: &Path, path: &str) -> Result<Bytes> {
    let base = format!("http://127.0.0.1:{PORT}");
    let _server = Nginx::start(site, PORT)?;
    let out = cmd("node", &["bench/media/bytes.mjs", &base, path])
        .output()
        .context("cannot start node")?;
    if !out.status.success() {
        bail!(
            "bench/media/bytes.mjs failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().context("no output")?;
    serde_json::from_str(line).with_context(|| format!("unexpected output: {line}"))
}

pub fn section(count: usize) -> Result<Section> {
    tasks::ensure_app()?;
    let work = root().join("target/bench-media");
    let _ = fs::remove_dir_all(&work);
    let newsroom = create(count, &work)?;
    let with = newsroom.rebuild_median()?;
    let without = without_recordings(&newsroom, &work)?.rebuild_median()?;
    let mut text = format!(
        "## Recordings (`cargo xtask bench-media --count {count}`)\n\n\
         A generated newsroom of {count} articles, {RECORDINGS} of them with a minute-long \
         64 kbit/s MP3 of their own, full-site builds (`--app`), median of {REBUILDS} after \
         one that fills the cache:\n\n\
         | rebuild, nothing changed | seconds |\n|---|---:|\n\
         | with the {RECORDINGS} recordings | {with:.2} |\n\
         | the same newsroom without them | {without:.2} |\n\n"
    );
    let path = one_new_article(&newsroom, &work, &mut text)?;
    let seen = bytes_on(&newsroom.out, &path)?;
    let _ = writeln!(
        text,
        "Its page in headless Chromium (no service worker), bytes over the wire: \
         **{:.1} KB** in {} requests before play, of which the recording **{} bytes**; \
         {:.1} KB of the recording one second after a (muted) play.\n",
        seen.page as f64 / 1024.0,
        seen.requests,
        seen.media_before,
        seen.media_after as f64 / 1024.0
    );
    let mut failures = Vec::new();
    if seen.media_before > 0 {
        failures.push(format!(
            "{} bytes of the recording before play",
            seen.media_before
        ));
    }
    if seen.media_after == 0 {
        failures.push("no recording bytes seen after play: the measurement sees nothing".into());
    }
    Ok(Section { text, failures })
}

/// Publishes the newest article with a recording against the manifest
/// before; writes its change list's row to `text` and returns its page.
fn one_new_article(newsroom: &Newsroom, work: &Path, text: &mut String) -> Result<String> {
    let deployed = work.join("deployed.manifest");
    fs::copy(newsroom.beside("manifest"), &deployed)?;
    let api = add_newest(newsroom)?;
    newsroom.build(Some(&deployed))?;
    let upload = newsroom.lines("upload")?;
    let (delete, purge) = (newsroom.lines("delete")?, newsroom.lines("purge")?);
    let bytes: u64 = upload
        .iter()
        .filter_map(|p| fs::metadata(newsroom.out.join(p)).ok())
        .map(|m| m.len())
        .sum();
    let media: Vec<&String> = upload.iter().filter(|p| p.starts_with("media/")).collect();
    let podcasts: Vec<&String> = upload
        .iter()
        .filter(|p| p.ends_with("podcast.xml"))
        .collect();
    let _ = writeln!(
        text,
        "One new newest article with a recording, built against the manifest before: \
         upload **{} files** ({:.0} KB), delete {}, purge {} URLs; of the upload, the \
         recording {media:?} and the podcast feeds {podcasts:?}.\n",
        upload.len(),
        bytes as f64 / 1024.0,
        delete.len(),
        purge.len()
    );
    let article: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(newsroom.out.join(&api))?)?;
    Ok(article["path"]
        .as_str()
        .context("the article's path")?
        .to_owned())
}

pub fn command(args: &[String]) -> Result<()> {
    setup::all(Needs::Everything)?;
    let count = match args.iter().position(|a| a == "--count") {
        Some(i) => args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .context("--count takes a number")?,
        None => 2_000,
    };
    section(count)?.print()
}
