//! `bantin new`: a draft to start from, in `content/drafts/{category}/{id}.txt`,
//! with the next free id (over articles and drafts), the current Vietnam
//! time, the source URL in the site's own form and placeholders where the
//! editor's words go (warnings in a draft, errors once published). A
//! recording or video given with it is checked now, and copied into
//! `content/media/` (with its captions) when it is elsewhere.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use bantin_model::{rfc3339, VIETNAM_OFFSET_SECS};
use chrono::{DateTime, FixedOffset, Timelike};

use crate::content::load::{decode, SITE_FILE};
use crate::content::source::{
    parse_asset, parse_source_url, topic_problem, AUDIO_KEY, FIELDS_RULE, PLACEHOLDER_BODY,
    PLACEHOLDER_LEAD, TOPICS_KEY, TOPICS_MAX, VIDEO_KEY,
};
use crate::content::{youtube, DRAFTS_DIR};
use crate::media::{self, Kind};
use crate::photos::Cache;
use crate::text::{normalize, slugify};

/// What the editor asked for.
#[derive(Debug, Clone)]
pub struct NewDraft<'a> {
    pub content: &'a Path,
    pub category: &'a str,
    /// The byline, as it will be written (`Thu Hà, Văn Nam`); may be empty.
    pub by: &'a str,
    /// The topics, comma-separated (`Bóng đá, Nông thôn mới`); may be empty.
    pub topics: &'a str,
    /// A recording (`--audio`): a file, under `content/` or elsewhere.
    pub audio: Option<&'a Path>,
    /// A video (`--video`): a file, or a YouTube address.
    pub video: Option<&'a str>,
    pub title: &'a str,
    pub now: DateTime<FixedOffset>,
}

/// Writes the draft and returns its path.
pub fn draft(new: &NewDraft) -> Result<PathBuf> {
    let title = normalize(new.title.trim());
    if title.is_empty() {
        bail!("the title is empty — give it in quotes: bantin new --category SLUG \"Tiêu đề bài viết\"");
    }
    if title.contains('\n') || new.by.contains('\n') {
        bail!("the title and the byline are one line each — remove the line breaks");
    }
    let site = site_with(new.content, new.category)?;
    let id = next_id(new.content)?;
    let time = vietnam_time(new.now)?;
    let slug = match slugify(&title) {
        s if s.is_empty() => "bai-viet".to_owned(),
        s => s,
    };
    let url = format!(
        "{}/vi/news/{}/{slug}-{id}.html",
        site.base_url.trim_end_matches('/'),
        new.category
    );
    let by = normalize(new.by.trim());
    let mut keyed: Vec<String> = topics_line(new.topics)?.into_iter().collect();
    if let Some(audio) = new.audio {
        let file = media_file(new.content, audio, Kind::Audio)?;
        keyed.push(format!("{AUDIO_KEY}: {file}"));
    }
    if let Some(video) = new.video {
        keyed.push(format!("{VIDEO_KEY}: {}", video_value(new.content, video)?));
    }
    let mut lines = vec![
        title.as_str(),
        by.as_str(),
        &time,
        &time,
        &url,
        "",
        &site.name,
        "",
        PLACEHOLDER_LEAD,
        PLACEHOLDER_BODY,
    ];
    if !keyed.is_empty() {
        lines.extend(["", FIELDS_RULE]);
        lines.extend(keyed.iter().map(String::as_str));
    }
    let dir = new.content.join(DRAFTS_DIR).join(new.category);
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!("{id}.txt"));
    // Never over another file, whatever happens between the scan and now.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all((lines.join("\n") + "\n").as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// The keyed line of `--topics`, checked by the source format's rules;
/// `None` when none are given.
fn topics_line(given: &str) -> Result<Option<String>> {
    let given = normalize(given.trim());
    if given.is_empty() {
        return Ok(None);
    }
    if given.contains('\n') {
        bail!("the topics are one line — remove the line breaks");
    }
    let topics: Vec<&str> = given.split([',', ';']).map(str::trim).collect();
    for (k, topic) in topics.iter().enumerate() {
        if let Some((message, hint)) = topic_problem(topic) {
            bail!("--topics: topic {} {message} — {hint}", k + 1);
        }
    }
    if topics.len() > TOPICS_MAX {
        bail!(
            "--topics: {} topics are given; at most {TOPICS_MAX} are allowed — keep the ones a reader would follow",
            topics.len()
        );
    }
    Ok(Some(format!("{TOPICS_KEY}: {}", topics.join(", "))))
}

/// `--video`: a YouTube address as the source format takes it, or a file.
fn video_value(content: &Path, given: &str) -> Result<String> {
    let given = given.trim();
    if given.starts_with("http://") || given.starts_with("https://") {
        youtube::parse(given).map_err(|why| anyhow::anyhow!("--video: {why}"))?;
        return Ok(given.to_owned());
    }
    media_file(content, Path::new(given), Kind::Video)
}

/// A recording or video for the draft, checked as the build will check
/// it: its path under `content/`, where it is copied (with the captions
/// beside it) when it is elsewhere.
fn media_file(content: &Path, given: &Path, kind: Kind) -> Result<String> {
    let flag = match kind {
        Kind::Audio => "--audio",
        Kind::Video => "--video",
    };
    // `media/x.mp3` may mean the file under `content/`.
    let under_content = content.join(given);
    let given = if !given.exists() && given.is_relative() && under_content.is_file() {
        under_content.as_path()
    } else {
        given
    };
    // A file no build has seen: nothing is cached, nothing kept.
    let no_cache = Cache::read_only(&content.join(".no-cache"));
    media::process(given, &no_cache, kind)
        .map_err(|e| anyhow::anyhow!("{flag} {}: {e} — {}", given.display(), e.hint()))?;
    let root = content
        .canonicalize()
        .with_context(|| format!("cannot read {}", content.display()))?;
    let file = given
        .canonicalize()
        .with_context(|| format!("cannot read {}", given.display()))?;
    let relative = match file.strip_prefix(&root) {
        Ok(inside) => inside.to_path_buf(),
        Err(_) => copy_into_media(content, &file)?,
    };
    let relative = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    match parse_asset(&relative) {
        Ok(Some(_)) => Ok(relative),
        _ => bail!("{flag}: {relative:?} cannot be written on a source line — rename the file (letters, digits, `-`)"),
    }
}

/// Copies `file` and its captions into `content/media/`, never over a
/// different file of the same name.
fn copy_into_media(content: &Path, file: &Path) -> Result<PathBuf> {
    let name = file
        .file_name()
        .with_context(|| format!("{} has no file name", file.display()))?;
    let relative = Path::new("media").join(name);
    let captions = PathBuf::from(media::captions_path(&file.to_string_lossy()));
    let captions_to = PathBuf::from(media::captions_path(&relative.to_string_lossy()));
    let mut copies = vec![(file.to_path_buf(), relative.clone())];
    if captions.is_file() {
        copies.push((captions, captions_to));
    }
    fs::create_dir_all(content.join("media"))
        .with_context(|| format!("cannot create {}", content.join("media").display()))?;
    for (from, to) in copies {
        let to = content.join(to);
        let bytes = fs::read(&from).with_context(|| format!("cannot read {}", from.display()))?;
        match fs::read(&to) {
            Ok(there) if there == bytes => continue,
            Ok(_) => bail!(
                "{} already holds another file — rename yours, or give that one",
                to.display()
            ),
            Err(_) => {
                fs::write(&to, &bytes).with_context(|| format!("cannot write {}", to.display()))?
            }
        }
    }
    Ok(relative)
}

/// The site's settings, which must know `category`.
fn site_with(content: &Path, category: &str) -> Result<crate::content::site::SiteConfig> {
    let site_path = content.join(SITE_FILE);
    let bytes =
        fs::read(&site_path).with_context(|| format!("cannot read {}", site_path.display()))?;
    let site = decode(&site_path, &bytes)
        .and_then(|text| crate::content::site::parse(&site_path, &text))
        .map_err(|problems| {
            let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
            anyhow::anyhow!("{}", lines.join("\n"))
        })?;
    if site.category(category).is_none() {
        bail!(
            "unknown category {category:?}; the known categories are: {} — pick one, or add it to {}",
            site.known_slugs(),
            site_path.display()
        );
    }
    Ok(site)
}

/// `now` in Vietnam time, to the second, as the dates lines write it.
fn vietnam_time(now: DateTime<FixedOffset>) -> Result<String> {
    let vietnam = FixedOffset::east_opt(VIETNAM_OFFSET_SECS).context("the Vietnam offset")?;
    let now = now
        .with_timezone(&vietnam)
        .with_nanosecond(0)
        .unwrap_or(now);
    Ok(rfc3339::format(&now))
}

/// One more than the largest id any article or draft has (line 5's URL),
/// broken files included when their URL line reads.
fn next_id(content: &Path) -> Result<u32> {
    let mut largest = 0;
    for entry in walkdir::WalkDir::new(content) {
        let entry = entry.with_context(|| format!("cannot read {}", content.display()))?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let Ok(text) = fs::read_to_string(entry.path()) else {
            continue;
        };
        let id = text
            .lines()
            .nth(4)
            .and_then(|url| parse_source_url(url.trim()))
            .map_or(0, |u| u.id);
        largest = largest.max(id);
    }
    largest
        .checked_add(1)
        .context("every article id is taken (the largest is 4294967295)")
}
