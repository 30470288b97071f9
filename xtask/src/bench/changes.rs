//! `cargo xtask bench-changes [--counts 10000,100000] [--publishes 1000]`:
//! what one publish costs on a CDN — the files `bantin build --since`
//! lists to upload, delete and purge, and the bytes uploaded — for one new
//! article (a local photo, two authors), one edited title and one deleted
//! article in a generated newsroom of about each count; then, at the first
//! count, the same for `--publishes` new articles one after another (the
//! search index's merges included), as totals and per publish.
//!
//! The newsroom has one article less than a multiple of the search index's
//! `TAIL_DOCS` (9 983 for 10 000), so that the first new article is the one
//! that merges the index's tail into its base, and the second an ordinary
//! one: both are measured.
//!
//! Each build is the full site (`--app target/app`) at a fixed `--now`,
//! compared with the manifest of the build before, as a deploy would be.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{ensure, Context, Result};

use super::Section;
use crate::util::root;

/// Sources of at most this many bytes, so that each publish encodes a
/// photo of a phone's size, not a 16 MB wallpaper.
const PHOTO_MAX_BYTES: u64 = 2_000_000;

/// What one publish changed.
#[derive(Debug, Default, Clone, Copy)]
pub struct Change {
    pub upload: usize,
    pub delete: usize,
    pub purge: usize,
    pub bytes: u64,
    /// Files under the search index among those uploaded.
    pub search: usize,
}

/// A generated newsroom, built and "deployed" (its manifest kept).
struct Newsroom {
    bantin: PathBuf,
    content: PathBuf,
    out: PathBuf,
    deployed: PathBuf,
    photos: Vec<Vec<u8>>,
    /// The next new article's number.
    next: u32,
}

impl Newsroom {
    fn create(count: usize, work: &Path) -> Result<Newsroom> {
        let content = work.join("content");
        crate::gen::write(count, &content, None)?;
        let photos = crate::gen::mate_photos()?
            .into_iter()
            .filter(|p| fs::metadata(p).is_ok_and(|m| m.len() <= PHOTO_MAX_BYTES))
            .map(fs::read)
            .collect::<Result<Vec<_>, _>>()?;
        ensure!(
            !photos.is_empty(),
            "no photo of at most {PHOTO_MAX_BYTES} bytes"
        );
        fs::create_dir_all(content.join("media"))?;
        let out = work.join("site");
        let _ = fs::remove_dir_all(&out);
        let newsroom = Newsroom {
            bantin: super::publish::cli_binary()?,
            content,
            deployed: work.join("deployed.manifest"),
            out,
            photos,
            next: 900_000,
        };
        newsroom.build(false)?;
        newsroom.keep_manifest()?;
        Ok(newsroom)
    }

    /// The manifest `bantin build` writes beside the output.
    fn beside(&self, what: &str) -> PathBuf {
        let name = self
            .out
            .file_name()
            .expect("a folder name")
            .to_string_lossy();
        self.out.with_file_name(format!(".{name}.{what}"))
    }

    fn keep_manifest(&self) -> Result<()> {
        fs::copy(self.beside("manifest"), &self.deployed)
            .with_context(|| format!("no manifest beside {}", self.out.display()))?;
        Ok(())
    }

    fn build(&self, since: bool) -> Result<()> {
        let mut c = Command::new(&self.bantin);
        c.arg("build")
            .arg("--content")
            .arg(&self.content)
            .arg("--out")
            .arg(&self.out)
            .arg("--app")
            .arg(root().join("target/app"))
            .args(["--now", "2026-01-01T00:00:00+07:00"]);
        if since {
            c.arg("--since").arg(&self.deployed);
        }
        let output = c.output().context("cannot run bantin")?;
        ensure!(
            output.status.success(),
            "bantin build failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        Ok(())
    }

    /// Builds against the deployed manifest; the result is then deployed.
    fn publish(&self) -> Result<Change> {
        self.build(true)?;
        // What is measured is a new *newest* article: the latest list must
        // begin with the last one added.
        let latest = fs::read_to_string(self.out.join("api/v1/latest.json"))?;
        let newest = format!("\"items\":[{{\"id\":{},", self.next - 1);
        ensure!(
            self.next == 900_000 || latest.contains(&newest),
            "the new article {} is not the newest",
            self.next - 1
        );
        let lines = |what: &str| -> Result<Vec<String>> {
            let path = self.beside(what);
            Ok(fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?
                .lines()
                .map(str::to_owned)
                .collect())
        };
        let upload = lines("upload")?;
        let change = Change {
            upload: upload.len(),
            delete: lines("delete")?.len(),
            purge: lines("purge")?.len(),
            bytes: upload
                .iter()
                .filter_map(|p| fs::metadata(self.out.join(p)).ok())
                .map(|m| m.len())
                .sum(),
            search: upload
                .iter()
                .filter(|p| p.starts_with("api/v1/search"))
                .count(),
        };
        self.keep_manifest()?;
        Ok(change)
    }

    /// A new article, newer than every other, with its own photo and two
    /// authors.
    fn add_newest(&mut self) -> Result<()> {
        let id = self.next;
        self.next += 1;
        let k = id - 900_000;
        let photo_name = format!("media/new-{id}.jpg");
        let source = &self.photos[k as usize % self.photos.len()];
        let photo = crate::gen::unique_jpeg(source, &format!("bench-changes {id}"));
        fs::write(self.content.join(&photo_name), photo)?;
        // After every generated article (the generator's dates end in
        // early 2025 at 100 000 articles) and before `--now`.
        let (day, minute) = (k / 1_440, k % 1_440);
        let at = format!(
            "2025-{:02}-{:02}T{:02}:{:02}:00+07:00",
            6 + day / 28 % 6,
            1 + day % 28,
            minute / 60,
            minute % 60
        );
        let folder = self.content.join("articles/chinh-tri/new");
        fs::create_dir_all(&folder)?;
        fs::write(
            folder.join(format!("{id}.txt")),
            format!(
                "Tin mới số {k} của thị xã Duy Tiên\nThu Hà-Minh Huệ\n{at}\n{at}\n\
                 http://duytien.hanamtv.vn/vi/news/chinh-tri/tin-moi-{id}.html\n{photo_name}\n\
                 Đài Truyền thanh Thị xã Duy Tiên\n\n\
                 Sapo của tin mới số {k}: hội nghị triển khai nhiệm vụ của thị xã.\n\
                 Thân bài thứ nhất của tin mới, về công tác tiêm chủng ở tổ dân phố.\n\
                 Thân bài thứ hai, về an ninh trật tự và khu công nghiệp.\n"
            ),
        )?;
        Ok(())
    }

    /// A generated article's file, the `n`th in name order.
    fn old_article(&self, n: usize) -> Result<PathBuf> {
        let mut files = crate::util::files_under(&self.content.join("articles"));
        files.retain(|f| !f.to_string_lossy().contains("/new/"));
        files.sort();
        files.get(n).cloned().context("too few articles")
    }

    /// An old article's title edited.
    fn edit_title(&self) -> Result<()> {
        let file = self.old_article(0)?;
        let text = fs::read_to_string(&file)?;
        let (title, rest) = text.split_once('\n').context("an empty article")?;
        fs::write(&file, format!("{title} (đã sửa)\n{rest}"))?;
        Ok(())
    }

    /// An old article deleted.
    fn delete_one(&self) -> Result<()> {
        Ok(fs::remove_file(self.old_article(1)?)?)
    }
}

/// One line of the table.
fn row(text: &mut String, what: &str, articles: usize, c: Change) {
    let _ = writeln!(
        text,
        "| {what} | {articles} | {} | {} | {} | {} | {:.1} KB |",
        c.upload,
        c.search,
        c.delete,
        c.purge,
        c.bytes as f64 / 1024.0
    );
}

pub fn section(counts: &[usize], publishes: usize) -> Result<Section> {
    crate::tasks::ensure_app()?;
    let mut text = String::from(
        "## What one publish changes on the host (`cargo xtask bench-changes`)\n\n\
         Full-site builds of generated newsrooms at a fixed `--now`, each against the manifest \
         of the build before (`--since`), as a deploy would be. A new article is newer than \
         every other, with its own photo and two authors.\n\n\
         | publish | articles | upload (files) | of which search | delete | purge (URLs) | \
         upload (bytes) |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut amortised = String::new();
    let tail = bantin_model::search::TAIL_DOCS as usize;
    for (i, &count) in counts.iter().enumerate() {
        let count = count / tail * tail - 1;
        let work = root().join(format!("target/bench-changes/{count}"));
        let mut newsroom = Newsroom::create(count, &work)?;
        newsroom.add_newest()?;
        row(
            &mut text,
            "one new article, the one that merges the search index",
            count + 1,
            newsroom.publish()?,
        );
        newsroom.add_newest()?;
        row(&mut text, "one new article", count + 2, newsroom.publish()?);
        newsroom.edit_title()?;
        row(
            &mut text,
            "an old article's title edited",
            count + 1,
            newsroom.publish()?,
        );
        newsroom.delete_one()?;
        row(
            &mut text,
            "an old article deleted",
            count,
            newsroom.publish()?,
        );
        if i == 0 && publishes > 0 {
            amortised = run_publishes(&mut newsroom, count, publishes)?;
        }
    }
    text.push('\n');
    text.push_str(&amortised);
    Ok(Section::text(text))
}

/// `publishes` new articles one after another: totals, per publish, and
/// the largest.
fn run_publishes(newsroom: &mut Newsroom, count: usize, publishes: usize) -> Result<String> {
    let mut total = Change::default();
    let mut largest = Change::default();
    let mut merges = 0;
    for _ in 0..publishes {
        newsroom.add_newest()?;
        let c = newsroom.publish()?;
        total.upload += c.upload;
        total.delete += c.delete;
        total.purge += c.purge;
        total.bytes += c.bytes;
        total.search += c.search;
        if c.upload > largest.upload {
            largest = c;
        }
        // A merge rewrites the base: hundreds of shards.
        if c.search > 100 {
            merges += 1;
        }
    }
    let n = publishes as f64;
    let mut text = format!(
        "{publishes} new articles published one after another from {count} ({merges} of the \
         publishes merged the search index's tail into its base):\n\n\
         | | upload (files) | of which search | delete | purge (URLs) | upload (bytes) |\n\
         |---|---:|---:|---:|---:|---:|\n"
    );
    let _ = writeln!(
        text,
        "| per publish (amortised) | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} KB |",
        total.upload as f64 / n,
        total.search as f64 / n,
        total.delete as f64 / n,
        total.purge as f64 / n,
        total.bytes as f64 / n / 1024.0
    );
    let _ = writeln!(
        text,
        "| the largest publish | {} | {} | {} | {} | {:.1} KB |\n",
        largest.upload,
        largest.search,
        largest.delete,
        largest.purge,
        largest.bytes as f64 / 1024.0
    );
    Ok(text)
}

pub fn command(args: &[String]) -> Result<()> {
    let counts = super::counts(args)?;
    let publishes = match args.iter().position(|a| a == "--publishes") {
        Some(i) => args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .context("--publishes takes a number")?,
        None => 1_000,
    };
    section(&counts, publishes)?.print()
}
