//! `bantin new`: a draft to start from, in `content/drafts/{category}/{id}.txt`,
//! with the next free id (over articles and drafts), the current Vietnam
//! time, the source URL in the site's own form and placeholders where the
//! editor's words go (warnings in a draft, errors once published).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use bantin_model::{rfc3339, VIETNAM_OFFSET_SECS};
use chrono::{DateTime, FixedOffset, Timelike};

use crate::content::load::{decode, SITE_FILE};
use crate::content::source::{
    parse_source_url, topic_problem, FIELDS_RULE, PLACEHOLDER_BODY, PLACEHOLDER_LEAD, TOPICS_KEY,
    TOPICS_MAX,
};
use crate::content::DRAFTS_DIR;
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
    let topics = topics_line(new.topics)?;
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
    if let Some(topics) = &topics {
        lines.extend(["", FIELDS_RULE, topics]);
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
