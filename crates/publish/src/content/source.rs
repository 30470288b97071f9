//! The station's export format (docs/architecture.md, “Source format”): one field per line.

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::problem::Problem;
use crate::text::{normalize, slugify, split_authors};

/// Where a source file points for its image or logo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asset {
    /// An `http(s)` URL, kept as given.
    Remote(String),
    /// A path relative to `content/`, e.g. `media/x.jpg`.
    Local(String),
}

/// A keyed field's value and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed<T> {
    pub value: T,
    pub line: usize,
}

/// What a `Video:` line names: a file in `media/`, or a YouTube video.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoSource {
    File(String),
    YouTube(super::youtube::YouTube),
}

/// One article as parsed from its file, before cross-file checks.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceArticle {
    pub title: String,
    pub byline: String,
    pub authors: Vec<String>,
    pub published: DateTime<FixedOffset>,
    pub modified: DateTime<FixedOffset>,
    pub source_url: String,
    pub category: String,
    pub id: u32,
    pub image: Option<Asset>,
    pub source_name: String,
    pub source_logo: Option<Asset>,
    pub lead: String,
    pub body: Vec<String>,
    pub credit: Option<String>,
    /// Its topics ("Chủ đề") as written, one per slug, and their line.
    pub topics: Vec<String>,
    pub topics_line: usize,
    /// Its recording ("Âm thanh") and video ("Video"), as written, with
    /// their lines; checked against the files in the check stage.
    pub audio: Option<Keyed<Asset>>,
    pub video: Option<Keyed<VideoSource>>,
    /// Where `bantin new`'s placeholders still stand: errors in an
    /// article, warnings in a draft (which the preview still shows).
    pub unfinished: Vec<Problem>,
}

/// Line numbers of the fixed fields, for messages about them.
pub mod line {
    pub const TITLE: usize = 1;
    pub const BYLINE: usize = 2;
    pub const PUBLISHED: usize = 3;
    pub const MODIFIED: usize = 4;
    pub const SOURCE_URL: usize = 5;
    pub const IMAGE: usize = 6;
    pub const SOURCE_NAME: usize = 7;
    pub const SOURCE_LOGO: usize = 8;
    pub const LEAD: usize = 9;
}

const CREDIT_PREFIX: &str = "Tác giả bài viết";

/// The line that opens the keyed fields after the body
/// (docs/architecture.md, “Source format”).
pub const FIELDS_RULE: &str = "---";
/// The topics field's key: `Chủ đề: Bóng đá, Nông thôn mới`.
pub const TOPICS_KEY: &str = "Chủ đề";
/// The recording's key: `Âm thanh: media/ban-tin-0512.mp3`.
pub const AUDIO_KEY: &str = "Âm thanh";
/// The video's key: `Video: media/phong-su.mp4` or a YouTube address.
pub const VIDEO_KEY: &str = "Video";
/// Every key the keyed fields may use.
const KEYS: [&str; 3] = [TOPICS_KEY, AUDIO_KEY, VIDEO_KEY];
/// Topics per article, and characters per topic.
pub const TOPICS_MAX: usize = 5;
pub const TOPIC_MAX: usize = 60;

/// What `bantin new` writes where the editor's words go: a file still
/// holding one is not ready to publish.
pub const PLACEHOLDER_LEAD: &str = "[Viết sapo: một đoạn tóm tắt bài viết]";
pub const PLACEHOLDER_BODY: &str = "[Viết thân bài: mỗi đoạn một dòng]";

/// Limits (docs/architecture.md, “Source format”), in characters: what a page, a feed and a partner's
/// widget can carry without harm.
pub const TITLE_MAX: usize = 300;
pub const LEAD_MAX: usize = 1_500;
pub const PARAGRAPH_MAX: usize = 10_000;
pub const PARAGRAPHS_MAX: usize = 400;
/// A source file, in bytes.
pub const FILE_MAX: u64 = 1_000_000;
const URL_EXAMPLE: &str =
    "it should look like http://host/vi/news/chinh-tri/ten-bai-viet-1678.html";

/// Parses one file's text. Every problem found is returned, not just the first.
pub fn parse(path: &Path, text: &str) -> Result<SourceArticle, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        path,
        // `lines()` also drops the `\r` of CRLF files.
        lines: text.lines().map(normalize).collect(),
        problems: invisible_characters(path, text),
        unfinished: Vec::new(),
    };
    if reader.lines.len() < line::LEAD {
        reader.too_short();
        return Err(reader.problems);
    }
    let title = reader.title();
    let (byline, authors) = reader.byline();
    let published = reader.date(line::PUBLISHED, "published");
    let modified = reader.date(line::MODIFIED, "modified");
    reader.dates_in_order(published, modified);
    let (source_url, parsed_url) = reader.source_url();
    let image = reader.asset(line::IMAGE, "the image", "media/anh.jpg");
    let source_name = reader.field(line::SOURCE_NAME);
    let source_logo = reader.asset(line::SOURCE_LOGO, "the source logo", "media/logo.png");
    let lead = reader.lead();
    let fields = reader.fields_start();
    let (topics, topics_line) = reader.topics(fields);
    let audio = reader.audio(fields);
    let video = reader.video(fields);
    let (body, credit) = reader.body(fields);
    let (mut problems, unfinished) = (reader.problems, reader.unfinished);
    match (published, modified, parsed_url, image, source_logo) {
        (Some(published), Some(modified), Some(url), Ok(image), Ok(source_logo))
            if problems.is_empty() =>
        {
            Ok(SourceArticle {
                title,
                byline,
                authors,
                published,
                modified,
                source_url,
                category: url.category,
                id: url.id,
                image,
                source_name,
                source_logo,
                lead,
                body,
                credit,
                topics,
                topics_line,
                audio,
                video,
                unfinished,
            })
        }
        _ => {
            problems.extend(unfinished);
            problems.sort_by_key(|p| p.line);
            Err(problems)
        }
    }
}

/// One file's normalised lines, and what is wrong with them so far: each
/// field is read by a method of its own, in the order of the file.
struct Reader<'a> {
    path: &'a Path,
    lines: Vec<String>,
    problems: Vec<Problem>,
    /// `bantin new`'s placeholders still standing.
    unfinished: Vec<Problem>,
}

impl Reader<'_> {
    fn field(&self, n: usize) -> String {
        self.lines[n - 1].trim().to_owned()
    }

    fn problem(&mut self, line: usize, message: String, hint: &str) {
        self.problems
            .push(Problem::new(self.path, line, message, hint));
    }

    /// `what` over `max` characters is a problem at `line`.
    fn at_most(&mut self, line: usize, what: &str, text: &str, max: usize, hint: &str) {
        if let Some(message) = crate::text::too_long(what, text, max) {
            self.problem(line, message, hint);
        }
    }

    fn too_short(&mut self) {
        let n = self.lines.len();
        self.problem(
            n.max(1),
            format!(
                "the file ends after {n} line(s); an article needs at least {} (title, byline, published, modified, source URL, image, source name, source logo, lead)",
                line::LEAD
            ),
            "add the missing lines; leave the image or logo line empty if there is none",
        );
    }

    fn title(&mut self) -> String {
        let title = self.field(line::TITLE);
        if title.is_empty() {
            self.problem(
                line::TITLE,
                "the title is empty".into(),
                "write the headline on the first line",
            );
        }
        let hint = "shorten the headline: the rest belongs in the lead";
        self.at_most(line::TITLE, "the title", &title, TITLE_MAX, hint);
        title
    }

    /// The byline as written, and its co-authors.
    fn byline(&mut self) -> (String, Vec<String>) {
        let byline = self.field(line::BYLINE);
        let authors = split_authors(&byline);
        for name in authors.iter().filter(|name| slugify(name).is_empty()) {
            self.problem(
                line::BYLINE,
                format!("the author {name:?} has no letter or digit to name their page (/tac-gia/…/) by"),
                "write the author's name in letters, e.g. `Ánh Tuyết`; separate co-authors with `,`, `-` or ` và `",
            );
        }
        (byline, authors)
    }

    /// The `which` (published, modified) date on `line`.
    fn date(&mut self, line: usize, which: &str) -> Option<DateTime<FixedOffset>> {
        let text = self.field(line);
        let date = bantin_model::rfc3339::parse(&text);
        if date.is_none() {
            let message = format!("the {which} date {text:?} is not a valid date");
            self.problem(line, message, bantin_model::rfc3339::HINT);
        }
        date
    }

    fn dates_in_order(
        &mut self,
        published: Option<DateTime<FixedOffset>>,
        modified: Option<DateTime<FixedOffset>>,
    ) {
        if let (Some(p), Some(m)) = (published, modified) {
            if m < p {
                self.problem(
                    line::MODIFIED,
                    format!(
                        "the modified date {} is earlier than the published date {}",
                        m.to_rfc3339(),
                        p.to_rfc3339()
                    ),
                    "an article cannot change before it is published: fix one of the two dates",
                );
            }
        }
    }

    fn source_url(&mut self) -> (String, Option<SourceUrl>) {
        let url = self.field(line::SOURCE_URL);
        let parsed = parse_source_url(&url);
        if parsed.is_none() {
            self.problem(
                line::SOURCE_URL,
                format!("the source URL {url:?} does not give a category and a numeric id"),
                URL_EXAMPLE,
            );
        }
        (url, parsed)
    }

    /// An image or logo line (`what`); `example` is a path for the hint.
    fn asset(&mut self, line: usize, what: &str, example: &str) -> Result<Option<Asset>, String> {
        let asset = parse_asset(&self.field(line));
        if let Err(bad) = &asset {
            self.problem(
                line,
                format!("{what} {bad:?} is neither an http(s) URL nor a relative path"),
                &format!("give an http(s) URL, a path under content/ like {example}, or leave the line empty"),
            );
        }
        asset
    }

    fn lead(&mut self) -> String {
        let lead = self.field(line::LEAD);
        if lead.is_empty() {
            self.problem(
                line::LEAD,
                "the lead (sapo) is empty".into(),
                "write the summary paragraph on line 9, right after the source logo line",
            );
        }
        let hint = "keep the lead to a short summary and move the rest into the body";
        self.at_most(line::LEAD, "the lead", &lead, LEAD_MAX, hint);
        if lead == PLACEHOLDER_LEAD {
            self.unfinished.push(Problem::new(
                self.path,
                line::LEAD,
                "the lead is still the placeholder `bantin new` wrote",
                "write the summary paragraph (sapo) in its place",
            ));
        }
        lead
    }

    /// Where the keyed fields begin (the index of their `---` line), or
    /// the number of lines when there are none. The last `---` line opens
    /// them when every other line after it is a known `key: value`: a body
    /// paragraph that starts like a field, or a `---` the body uses as a
    /// break, stays body.
    fn fields_start(&self) -> usize {
        let end = self.lines.len();
        let Some(rule) = self.lines[line::LEAD..]
            .iter()
            .rposition(|l| l.trim() == FIELDS_RULE)
        else {
            return end;
        };
        let rule = line::LEAD + rule;
        let keyed = self.lines[rule + 1..]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .all(|l| KEYS.iter().any(|key| field_value(l, key).is_some()));
        if keyed {
            rule
        } else {
            end
        }
    }

    /// The one `key:` line among the keyed fields (its line number and
    /// value); a second one is a problem.
    fn keyed(&mut self, fields: usize, key: &str) -> Option<(usize, String)> {
        let mut found: Option<(usize, String)> = None;
        let keyed: Vec<(usize, String)> = self
            .lines
            .iter()
            .enumerate()
            .skip(fields + 1)
            .filter_map(|(i, l)| Some((i + 1, field_value(l, key)?.to_owned())))
            .collect();
        for (number, value) in keyed {
            if let Some((first, _)) = &found {
                let message = format!("`{key}:` is given twice (first on line {first})");
                self.problem(number, message, &format!("keep one `{key}:` line"));
                continue;
            }
            found = Some((number, value));
        }
        found
    }

    /// The recording: a file in `media/` (its format is checked with the
    /// file).
    fn audio(&mut self, fields: usize) -> Option<Keyed<Asset>> {
        let (line, value) = self.keyed(fields, AUDIO_KEY)?;
        match parse_asset(&value) {
            Ok(Some(Asset::Local(path))) => Some(Keyed {
                value: Asset::Local(path),
                line,
            }),
            _ => {
                self.problem(
                    line,
                    format!("the recording {value:?} is not a file under content/"),
                    "put the MP3, M4A or Opus file in content/media/ and write `Âm thanh: media/ten-tep.mp3`",
                );
                None
            }
        }
    }

    /// The video: a file in `media/` or a YouTube address.
    fn video(&mut self, fields: usize) -> Option<Keyed<VideoSource>> {
        let (line, value) = self.keyed(fields, VIDEO_KEY)?;
        let video = if value.contains("://") {
            super::youtube::parse(&value).map(VideoSource::YouTube)
        } else {
            match parse_asset(&value) {
                Ok(Some(Asset::Local(path))) => Ok(VideoSource::File(path)),
                _ => Err(format!("the video {value:?} is not a file under content/")),
            }
        };
        match video {
            Ok(value) => Some(Keyed { value, line }),
            Err(message) => {
                self.problem(
                    line,
                    message,
                    "write a file under content/media/ (`Video: media/phong-su.mp4`) or a YouTube video's address (`Video: https://youtu.be/…`)",
                );
                None
            }
        }
    }

    /// The topics field, checked: one per slug, in the order written.
    fn topics(&mut self, fields: usize) -> (Vec<String>, usize) {
        let Some((number, value)) = self.keyed(fields, TOPICS_KEY) else {
            return (Vec::new(), 0);
        };
        let mut topics: Vec<String> = Vec::new();
        let mut slugs: Vec<String> = Vec::new();
        let items: Vec<&str> = value.split([',', ';']).map(str::trim).collect();
        for (k, topic) in items.iter().enumerate() {
            match topic_problem(topic) {
                Some((message, hint)) => {
                    let message = format!("topic {} {message}", k + 1);
                    self.problem(number, message, hint);
                }
                None => {
                    let slug = slugify(topic);
                    if !slugs.contains(&slug) {
                        slugs.push(slug);
                        topics.push((*topic).to_owned());
                    }
                }
            }
        }
        if topics.len() > TOPICS_MAX {
            self.problem(
                number,
                format!(
                    "{} topics are given; at most {TOPICS_MAX} are allowed",
                    topics.len()
                ),
                "keep the topics a reader would follow; the rest belong in the text",
            );
        }
        (topics, number)
    }

    /// The paragraphs after the lead up to the keyed fields, and the
    /// author credit if the last one is a `Tác giả bài viết: …` trailer.
    fn body(&mut self, fields: usize) -> (Vec<String>, Option<String>) {
        // (line number, paragraph)
        let paragraphs: Vec<(usize, String)> = self.lines[line::LEAD..fields]
            .iter()
            .enumerate()
            .map(|(i, l)| (line::LEAD + 1 + i, l.trim().to_owned()))
            .filter(|(_, l)| !l.is_empty())
            .collect();
        for (number, paragraph) in &paragraphs {
            let hint = "split it into several lines, one paragraph each";
            self.at_most(*number, "this paragraph", paragraph, PARAGRAPH_MAX, hint);
        }
        for (number, _) in paragraphs.iter().filter(|(_, p)| p == PLACEHOLDER_BODY) {
            self.unfinished.push(Problem::new(
                self.path,
                *number,
                "this paragraph is still the placeholder `bantin new` wrote",
                "write the article's text in its place, one paragraph a line",
            ));
        }
        if let Some((number, _)) = paragraphs.get(PARAGRAPHS_MAX) {
            self.problem(
                *number,
                format!(
                    "the body has {} paragraphs; at most {PARAGRAPHS_MAX} are allowed",
                    paragraphs.len()
                ),
                "split the article in two",
            );
        }
        let mut body: Vec<String> = paragraphs.into_iter().map(|(_, p)| p).collect();
        let credit = body.last().and_then(|last| credit_of(last));
        if credit.is_some() {
            body.pop();
        }
        (body, credit)
    }
}

/// The value of a `key: value` line, when `line` is one of `key`
/// (letter case aside).
fn field_value<'l>(line: &'l str, key: &str) -> Option<&'l str> {
    let (name, value) = line.split_once(':')?;
    (name.trim().to_lowercase() == key.to_lowercase()).then(|| value.trim())
}

/// What is wrong with one topic, and how to fix it.
pub fn topic_problem(topic: &str) -> Option<(String, &'static str)> {
    if topic.is_empty() {
        return Some((
            "is empty".into(),
            "separate topics with one comma, and leave none empty: `Chủ đề: Bóng đá, Nông thôn mới`",
        ));
    }
    if let Some(message) = crate::text::too_long("", topic, TOPIC_MAX) {
        return Some((
            format!("{topic:?}{message}"),
            "a topic is a few words readers follow, e.g. `Bóng đá`",
        ));
    }
    let slug = slugify(topic);
    if slug.is_empty() {
        return Some((
            format!("{topic:?} has no letter or digit to name its page (/chu-de/…/) by"),
            "write the topic in words, e.g. `Bóng đá`",
        ));
    }
    // Its page would read as a list's page number (`/chu-de/luu-tru-2/`).
    let numbered =
        slug.bytes().all(|b| b.is_ascii_digit()) || slug.starts_with(bantin_model::paths::ARCHIVE);
    if numbered {
        return Some((
            format!(
                "{topic:?} would have the address /chu-de/{slug}/, which reads as a page number"
            ),
            "add a word to the topic, e.g. `Năm 2024` for `2024`",
        ));
    }
    None
}

/// What an old-site URL gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceUrl {
    pub category: String,
    pub id: u32,
    /// `/vi/news/{category}/{file}.html`, when it is plain enough to be a
    /// file of the site (a redirect document): ASCII letters, digits, `-`, `_`, `.`.
    pub path: Option<String>,
}

/// The old site's address of an article, for its redirect.
pub fn old_site_path(url: &str) -> Option<String> {
    parse_source_url(url)?.path
}

/// `http(s)://host/vi/news/{category}/{slug}-{id}.html`: the one rule.
pub fn parse_source_url(url: &str) -> Option<SourceUrl> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let (host, path) = rest.split_once('/')?;
    if host.is_empty() {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut segments = path.split('/');
    let (vi, news, category, file) = (
        segments.next()?,
        segments.next()?,
        segments.next()?,
        segments.next()?,
    );
    if vi != "vi" || news != "news" || segments.next().is_some() {
        return None;
    }
    if !bantin_model::paths::is_slug(category) {
        return None;
    }
    let stem = file.strip_suffix(".html")?;
    let digits = stem.rsplit('-').next()?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id: u32 = digits.parse().ok()?;
    let plain = file
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        && !file.starts_with('.');
    (id > 0).then(|| SourceUrl {
        category: category.to_owned(),
        id,
        path: plain.then(|| format!("/vi/news/{category}/{file}")),
    })
}

/// An image or logo line (or `site.toml`'s logo): empty, an `http(s)`
/// URL, or a relative path. The error carries the offending value.
pub fn parse_asset(s: &str) -> Result<Option<Asset>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    if let Some(rest) = s
        .strip_prefix("http://")
        .or_else(|| s.strip_prefix("https://"))
    {
        return if rest.is_empty() || rest.starts_with('/') || s.contains(char::is_whitespace) {
            Err(s.to_owned())
        } else {
            Ok(Some(Asset::Remote(s.to_owned())))
        };
    }
    let looks_relative = !s.starts_with('/')
        && !s.contains("://")
        && !s.contains('\\')
        && !s.contains(':')
        && s.split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..");
    if looks_relative {
        Ok(Some(Asset::Local(s.to_owned())))
    } else {
        Err(s.to_owned())
    }
}

/// Every line holding a character no article may hold, at its first one.
fn invisible_characters(path: &Path, text: &str) -> Vec<Problem> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (column, c) = crate::text::first_forbidden(line)?;
            Some(
                Problem::new(
                    path,
                    i + 1,
                    format!("invisible character U+{:04X}", u32::from(c)),
                    crate::text::INVISIBLE_HINT,
                )
                .at_column(column),
            )
        })
        .collect()
}

/// The `Tác giả bài viết: …` trailer's name, if `line` is one.
fn credit_of(line: &str) -> Option<String> {
    let rest = line.strip_prefix(CREDIT_PREFIX)?.trim_start();
    let name = rest.strip_prefix(':')?.trim();
    (!name.is_empty()).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../../../content/articles/chinh-tri/1678.txt");

    fn ok(text: &str) -> SourceArticle {
        parse(Path::new("x.txt"), text).expect("valid article")
    }

    fn problems(text: &str) -> Vec<String> {
        match parse(Path::new("x.txt"), text) {
            Ok(_) => vec![],
            Err(ps) => ps.iter().map(ToString::to_string).collect(),
        }
    }

    fn article(lines: &[&str]) -> String {
        lines.join("\n")
    }

    const GOOD: [&str; 10] = [
        "Tiêu đề",
        "Thu Hà và Văn Nam",
        "2024-07-05T14:40:29+07:00",
        "2024-07-06T08:00:00+07:00",
        "http://duytien.hanamtv.vn/vi/news/kinh-te/tieu-de-42.html",
        "media/anh.jpg",
        "Đài Truyền thanh Thị xã Duy Tiên",
        "",
        "Sapo.",
        "Thân bài.",
    ];

    #[test]
    fn the_shared_sample() {
        let a = ok(SAMPLE);
        assert_eq!(a.id, 1678);
        assert_eq!(a.category, "chinh-tri");
        assert_eq!(a.authors, ["Ánh Tuyết", "Xuân Thắng"]);
        assert!(a
            .lead
            .starts_with("Ban chỉ đạo 35 (BCĐ) thị xã Duy Tiên vừa tổ chức"));
        assert_eq!(a.body.len(), 3);
        assert!(a.body[0].starts_with("Sáu tháng đầu năm nay"));
        assert!(a.body[2].ends_with(
            "bảo vệ nền tảng tư tưởng của Đảng. Nâng cao chất lượng hoạt động của BCĐ 35 thị xã./."
        ));
        assert_eq!(a.credit.as_deref(), Some("Ánh Tuyết-Xuân Thắng"));
        assert!(a.body.iter().all(|p| !p.contains("Tác giả bài viết")));
        assert!(
            matches!(a.image, Some(Asset::Remote(ref u)) if u.ends_with("vlcsnap-2024-07-05-14h07m36s816.png"))
        );
    }

    #[test]
    fn untidy_input_parses_the_same() {
        let clean = ok(&article(&GOOD));
        let crlf_bom = format!("\u{feff}{}", GOOD.map(|l| format!("{l}  ")).join("\r\n"));
        let nfd = article(&GOOD)
            .replace('ê', "e\u{0302}")
            .replace('à', "a\u{0300}");
        let blank_lines = format!("{}\n\n\n{}\n\n", article(&GOOD), "Đoạn hai.");
        assert_eq!(ok(&crlf_bom), clean);
        assert_eq!(ok(&nfd), clean);
        let with_blanks = ok(&blank_lines);
        assert_eq!(with_blanks.body, ["Thân bài.", "Đoạn hai."]);
    }

    /// The sample article with `tail` lines after its body.
    fn with_tail(tail: &[&str]) -> String {
        format!("{}\n{}", article(&GOOD), tail.join("\n"))
    }

    #[test]
    fn topics_come_from_the_keyed_fields_after_a_rule() {
        // (lines after the body, topics, body paragraphs after `Thân bài.`)
        let cases: [(&[&str], &[&str], &[&str]); 8] = [
            (
                &["---", "Chủ đề: Bóng đá, Nông thôn mới"],
                &["Bóng đá", "Nông thôn mới"],
                &[],
            ),
            (
                &["---", "", "chủ đề:Bóng đá; Y tế  ", ""],
                &["Bóng đá", "Y tế"],
                &[],
            ),
            // The credit stays the body's last line, before the fields.
            (
                &["Tác giả bài viết: Thu Hà", "---", "Chủ đề: Y tế"],
                &["Y tế"],
                &[],
            ),
            // Spellings that fold to one slug are one topic, as first written.
            (
                &["---", "Chủ đề: Bóng đá, bong da, BÓNG ĐÁ"],
                &["Bóng đá"],
                &[],
            ),
            // A paragraph that starts like the field, with no rule: body.
            (
                &["Chủ đề: hôm nay bàn về nước sạch."],
                &[],
                &["Chủ đề: hôm nay bàn về nước sạch."],
            ),
            // A `---` break inside the body, then more body: body.
            (
                &["---", "Đoạn sau.", "Chủ đề: nước"],
                &[],
                &["---", "Đoạn sau.", "Chủ đề: nước"],
            ),
            // An unknown key after the rule: all body, not a lost field.
            (&["---", "Chu de: Y tế"], &[], &["---", "Chu de: Y tế"]),
            // The last rule opens the fields.
            (
                &["---", "Đoạn sau.", "---", "Chủ đề: Y tế"],
                &["Y tế"],
                &["---", "Đoạn sau."],
            ),
        ];
        for (tail, topics, more) in cases {
            let a = ok(&with_tail(tail));
            assert_eq!(a.topics, topics, "{tail:?}");
            assert_eq!(&a.body[1..], more, "{tail:?}");
        }
        assert_eq!(ok(&with_tail(&["---", "Chủ đề: Y tế"])).topics_line, 12);
    }

    #[test]
    fn recording_and_video_are_keyed_fields() {
        let a = ok(&with_tail(&[
            "---",
            "Chủ đề: Y tế",
            "Âm thanh: media/ban-tin.mp3",
            "video: https://youtu.be/dQw4w9WgXcQ?t=30",
        ]));
        assert_eq!(
            a.audio,
            Some(Keyed {
                value: Asset::Local("media/ban-tin.mp3".into()),
                line: 13
            })
        );
        let youtube = super::super::youtube::YouTube {
            id: "dQw4w9WgXcQ".into(),
            start: 30,
        };
        assert_eq!(
            a.video,
            Some(Keyed {
                value: VideoSource::YouTube(youtube),
                line: 14
            })
        );
        let file = ok(&with_tail(&["---", "Video: media/phong-su.mp4"]));
        assert_eq!(
            file.video.map(|v| v.value),
            Some(VideoSource::File("media/phong-su.mp4".into()))
        );
        // Without the rule, a paragraph that starts like a field is body.
        let body = ok(&with_tail(&["Video: hôm nay đài phát lại phóng sự."]));
        assert_eq!((body.video, body.body.len()), (None, 2));
        // (tail, problem)
        let cases: [(&[&str], &str); 4] = [
            (
                &["---", "Âm thanh: http://h/a.mp3"],
                "x.txt:12: the recording \"http://h/a.mp3\" is not a file under content/",
            ),
            (
                &["---", "Âm thanh: /srv/a.mp3"],
                "x.txt:12: the recording \"/srv/a.mp3\" is not a file",
            ),
            (
                &["---", "Video: https://vimeo.com/1"],
                "x.txt:12: the video \"https://vimeo.com/1\" is neither a file nor on YouTube",
            ),
            (
                &["---", "Video: media/a.mp4", "Video: media/b.mp4"],
                "x.txt:13: `Video:` is given twice (first on line 12)",
            ),
        ];
        for (tail, want) in cases {
            let found = problems(&with_tail(tail));
            assert!(
                found.iter().any(|p| p.starts_with(want)),
                "{tail:?}: {found:?}"
            );
        }
    }

    #[test]
    fn bad_topics_are_errors_on_their_line() {
        let long = format!("Chủ đề: {}", "dài ".repeat(20));
        let cases: [(&[&str], &str); 7] = [
            (
                &["---", "Chủ đề: Bóng đá,, Y tế"],
                "x.txt:12: topic 2 is empty",
            ),
            (&["---", "Chủ đề:"], "x.txt:12: topic 1 is empty"),
            (
                &["---", "Chủ đề: a, b, c, d, e, f"],
                "x.txt:12: 6 topics are given; at most 5",
            ),
            (&["---", &long], "characters long; at most 60 are allowed"),
            (
                &["---", "Chủ đề: ???"],
                "has no letter or digit to name its page",
            ),
            (
                &["---", "Chủ đề: 2024, Lưu trữ 3"],
                "/chu-de/2024/, which reads as a page number",
            ),
            (
                &["---", "Chủ đề: Y tế", "Chủ đề: Bóng đá"],
                "x.txt:13: `Chủ đề:` is given twice (first on line 12)",
            ),
        ];
        for (tail, want) in cases {
            let found = problems(&with_tail(tail));
            assert!(
                found.iter().any(|p| p.contains(want)),
                "{tail:?}: {found:#?}"
            );
        }
        let both = problems(&with_tail(&["---", "Chủ đề: 2024, Lưu trữ 3"]));
        assert!(
            both.iter().any(|p| p.contains("/chu-de/luu-tru-3/")),
            "{both:#?}"
        );
    }

    #[test]
    fn fields() {
        let a = ok(&article(&GOOD));
        assert_eq!(a.title, "Tiêu đề");
        assert_eq!(a.authors, ["Thu Hà", "Văn Nam"]);
        assert_eq!(a.image, Some(Asset::Local("media/anh.jpg".into())));
        assert_eq!(a.source_logo, None);
        assert_eq!(a.credit, None);
        assert_eq!((a.category.as_str(), a.id), ("kinh-te", 42));
    }

    #[test]
    fn empty_image_line_means_no_image() {
        let mut lines = GOOD;
        lines[5] = "";
        assert_eq!(ok(&article(&lines)).image, None);
    }

    #[test]
    fn markup_is_kept_as_text() {
        let mut lines = GOOD;
        lines[0] = "<b>Tin</b> & \"nóng\"";
        assert_eq!(ok(&article(&lines)).title, "<b>Tin</b> & \"nóng\"");
    }

    #[test]
    fn each_problem_has_its_line() {
        let cases: [(usize, &str, &str); 10] = [
            (0, "   ", "x.txt:1: the title is empty"),
            (2, "05/07/2024", "x.txt:3: the published date \"05/07/2024\" is not a valid date"),
            (3, "2024-07-05 14:40", "x.txt:4: the modified date \"2024-07-05 14:40\" is not a valid date"),
            (3, "2024-07-01T00:00:00+07:00", "x.txt:4: the modified date 2024-07-01T00:00:00+07:00 is earlier than the published date 2024-07-05T14:40:29+07:00"),
            (4, "http://duytien.hanamtv.vn/vi/news/kinh-te/tieu-de.html", "x.txt:5: the source URL"),
            (4, "duytien.hanamtv.vn/vi/news/kinh-te/tieu-de-42.html", "x.txt:5: the source URL"),
            (5, "ftp://example.org/a.jpg", "x.txt:6: the image \"ftp://example.org/a.jpg\" is neither"),
            (5, "/etc/passwd", "x.txt:6: the image \"/etc/passwd\" is neither"),
            (7, "../logo.png", "x.txt:8: the source logo \"../logo.png\" is neither"),
            (8, "", "x.txt:9: the lead (sapo) is empty"),
        ];
        for (index, value, want) in cases {
            let mut lines = GOOD;
            lines[index] = value;
            let got = problems(&article(&lines));
            assert_eq!(got.len(), 1, "{value:?}: {got:?}");
            assert!(got[0].starts_with(want), "{value:?}: {}", got[0]);
            assert!(got[0].contains(" — "), "a hint follows: {}", got[0]);
        }
    }

    #[test]
    fn text_rules_and_limits() {
        let long = |n: usize| "ạ".repeat(n);
        let cases: Vec<(usize, String, &str)> = vec![
            (
                0,
                "Tin\u{b}mới".into(),
                "x.txt:1:4: invisible character U+000B",
            ),
            (
                1,
                "\u{1}Thu Hà".into(),
                "x.txt:2:1: invisible character U+0001",
            ),
            (
                8,
                "Sapo\u{202e}".into(),
                "x.txt:9:5: invisible character U+202E",
            ),
            (
                9,
                "Thân\u{ffff}bài".into(),
                "x.txt:10:5: invisible character U+FFFF",
            ),
            (
                9,
                "Thân\rbài".into(),
                "x.txt:10:5: invisible character U+000D",
            ),
            (
                0,
                long(301),
                "x.txt:1: the title is 301 characters long; at most 300",
            ),
            (
                8,
                long(1_501),
                "x.txt:9: the lead is 1501 characters long; at most 1500",
            ),
            (
                9,
                long(10_001),
                "x.txt:10: this paragraph is 10001 characters long",
            ),
        ];
        for (index, value, want) in cases {
            let mut lines: Vec<String> = GOOD.iter().map(|l| (*l).to_owned()).collect();
            lines[index] = value;
            let text = lines.join("\n");
            let got = match parse(Path::new("x.txt"), &text) {
                Ok(_) => vec![],
                Err(ps) => ps.iter().map(ToString::to_string).collect(),
            };
            assert_eq!(got.len(), 1, "{want}: {got:?}");
            assert!(got[0].starts_with(want), "{}", got[0]);
        }
        // At the limits, and with tabs, all is well.
        let mut lines: Vec<String> = GOOD.iter().map(|l| (*l).to_owned()).collect();
        lines[0] = format!("{}\t", long(300));
        lines[8] = long(1_500);
        lines[9] = format!("Thân\tbài {}", long(9_990));
        let article = parse(Path::new("x.txt"), &lines.join("\n")).expect("valid at the limits");
        assert!(article.body[0].starts_with("Thân bài "));
    }

    #[test]
    fn at_most_400_paragraphs() {
        let mut lines: Vec<String> = GOOD.iter().map(|l| (*l).to_owned()).collect();
        lines.extend((0..400).map(|i| format!("Đoạn {i}.")));
        let text = lines.join("\n");
        let got = problems(&text);
        // The 401st paragraph, on line 10 + 400.
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0].starts_with("x.txt:410: the body has 401 paragraphs"),
            "{}",
            got[0]
        );
        lines.pop();
        assert!(problems(&lines.join("\n")).is_empty());
    }

    #[test]
    fn every_problem_is_reported() {
        let mut lines = GOOD;
        lines[0] = "";
        lines[2] = "hôm qua";
        lines[8] = "";
        let got = problems(&article(&lines));
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn short_file() {
        let got = problems("Chỉ có tiêu đề\nvà một dòng");
        assert_eq!(got.len(), 1);
        assert!(
            got[0].starts_with("x.txt:2: the file ends after 2 line(s)"),
            "{}",
            got[0]
        );
    }

    #[test]
    fn source_urls() {
        let cases = [
            (
                "http://h/vi/news/chinh-tri/a-b-1678.html",
                Some(("chinh-tri", 1678)),
            ),
            ("https://h/vi/news/y-te/x-7.html?utm=1", Some(("y-te", 7))),
            (
                "http://h/vi/news/chinh-tri/1678.html",
                Some(("chinh-tri", 1678)),
            ),
            ("http://h/vi/news/chinh-tri/a-b.html", None),
            ("http://h/vi/news/chinh-tri/a-0.html", None),
            ("http://h/en/news/chinh-tri/a-1.html", None),
            ("http://h/vi/news/Chinh Tri/a-1.html", None),
            ("http://h/vi/news/chinh-tri/a-99999999999.html", None),
            ("", None),
        ];
        for (url, want) in cases {
            let got = parse_source_url(url);
            assert_eq!(
                got.as_ref().map(|s| (s.category.as_str(), s.id)),
                want,
                "{url}"
            );
        }
    }
}
