//! The check stage: rules across files, and the checked newsroom ready to
//! render. Each rule is a function returning its problems; [`validate`]
//! runs them in order.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use bantin_model::{paths, Article, AuthorRef, CategoryRef, Image, Source};
use chrono::{DateTime, FixedOffset};

use crate::content::load::{Loaded, SITE_FILE};
use crate::content::site::{find_line, SiteConfig};
use crate::content::source::{line, parse_asset, Asset, SourceArticle};
use crate::content::MEDIA_DIR;
use crate::media;
use crate::photos::{self, Cache, Photo, PhotoError};
use crate::problem::{Problem, Problems};
use crate::text::slugify;
use rules::{
    http_images_on_https, is_draft, known_category, lead_story, near_miss_draft, secure_assets,
    unique_id,
};

mod podcast;
mod recordings;
mod rules;
mod topics;

pub use podcast::Podcast;
pub use recordings::Attached;
use recordings::Recordings;

/// Why an article is not published by this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Under `content/drafts/`.
    Draft,
    /// Its `published` time is after the build's `--now`.
    Scheduled,
}

/// An article written but held back: in no output of the build.
#[derive(Debug, Clone)]
pub struct HeldBack {
    pub path: PathBuf,
    pub article: Article,
    pub why: Held,
}

/// The newsroom, checked: every article valid, ids unique, categories known,
/// local files present. Articles are newest first (ties: higher id first).
#[derive(Debug)]
pub struct Newsroom {
    pub content: PathBuf,
    pub site: SiteConfig,
    /// The site logo, site-absolute or remote.
    pub logo: Option<String>,
    pub lead_story: Option<u32>,
    pub articles: Vec<Article>,
    /// Every local photo some line names, processed: what `media/` holds.
    pub photos: Vec<Photo>,
    /// The recordings and videos published articles carry, by their name
    /// in the cache and in `media/`; their captions, to be written.
    pub recordings: Vec<String>,
    pub captions: Vec<media::Captions>,
    /// The podcast feed's settings and cover: when `[podcast]` is set and
    /// a published article has a recording.
    pub podcast: Option<Podcast>,
    /// What `check` mentions without failing (remote `http://` images on an
    /// `https` site, media files nothing names).
    pub notes: Vec<Problem>,
    /// Photos encoded by this run; the others came from the cache.
    pub encoded: usize,
    /// Drafts and scheduled articles that passed their checks, by path
    /// (in a preview they are in `articles` too).
    pub held: Vec<HeldBack>,
    /// The time the build ran at (`--now`): what is held back, and the
    /// window of the news sitemap.
    pub now: DateTime<FixedOffset>,
}

/// Things an editor should know that do not stop a build.
fn unnamed_media(content: &Path, files: &Files, site: &SiteConfig) -> Vec<Problem> {
    let (images, recordings) = (&files.images, &files.recordings);
    let mut named = recordings.relatives();
    // The podcast's cover is named by `site.toml`.
    named.extend(site.podcast.iter().map(|p| p.cover.clone()));
    let mut notes = Vec::new();
    let media = content.join(MEDIA_DIR);
    if let Ok(files) = crate::folders::files_under(&media) {
        for (path, relative) in files {
            let relative = format!("{MEDIA_DIR}/{relative}");
            if !images.photos.contains_key(&relative) && !named.contains(&relative) {
                notes.push(Problem::new(
                    &path,
                    0,
                    "note: no article or setting names this file, so it is not published",
                    "",
                ));
            }
        }
    }
    notes
}

/// A file as loaded: its path and what parsing it gave.
type Parsed = (PathBuf, Result<SourceArticle, Vec<Problem>>);

/// Checks everything loaded; articles published after `now` and drafts
/// are held back — or, in a `preview` (`bantin serve`), shown as if
/// published, and still listed in [`Newsroom::held`] for their banner.
pub fn validate(
    loaded: Loaded,
    cache: &Cache,
    now: DateTime<FixedOffset>,
    preview: bool,
) -> Result<Newsroom, Problems> {
    let Loaded {
        content,
        site,
        articles,
    } = loaded;
    let (drafts, articles): (Vec<_>, Vec<_>) = articles
        .into_iter()
        .partition(|(path, _)| is_draft(&content, path));
    let mut problems: Vec<Problem> = articles
        .iter()
        .filter_map(|(path, _)| near_miss_draft(&content, path))
        .collect();
    let site = site.map_err(|ps| problems.extend(ps)).ok();
    let files = Files::read(&content, cache, &articles, &drafts, site.as_ref());
    if let Err(err) = cache.save_index() {
        problems.push(Problem::new(&content, 0, err.to_string(), err.hint()));
    }
    let (site_path, site_text) = site_file(&content);
    let logo = site
        .as_ref()
        .map(|site| site_logo(site, &site_path, &site_text, &files.images));
    let mut found = Found {
        own_logo: own_logo(site.as_ref(), logo.as_ref()),
        ..Found::default()
    };
    found.articles(articles, site.as_ref(), &files, now);
    found.drafts(drafts, site.as_ref(), &files);
    problems.append(&mut found.problems);
    let (Some(site), Some(logo)) = (site, logo) else {
        problems.sort();
        return Err(Problems(problems));
    };
    let logo = logo.map_err(|p| problems.push(p)).ok().flatten();
    problems.extend(lead_story(&site, &site_path, &site_text, &found.ids));
    if !problems.is_empty() {
        problems.sort();
        return Err(Problems(problems));
    }
    let (checked, held, mut notes) = found.in_order(preview);
    let lead_story = shown_lead_story(&site, &checked, &site_path, &site_text, &mut notes);
    notes.extend(unnamed_media(&content, &files, &site));
    notes.extend(cache_warnings(cache));
    let photos = shown_photos(&files.images, &checked, logo.as_deref());
    let (recordings, captions) = shown_recordings(&files.recordings, &checked);
    let podcast = podcast_of(&site, &checked, (&site_path, &site_text), &mut notes)?;
    Ok(Newsroom {
        podcast,
        held,
        photos,
        recordings,
        captions,
        content,
        site,
        logo,
        lead_story,
        articles: checked,
        notes,
        encoded: cache.encoded(),
        now,
    })
}

/// `site.toml`'s path and text, for the lines of its problems.
fn site_file(content: &Path) -> (PathBuf, String) {
    let path = content.join(SITE_FILE);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    (path, text)
}

/// Every local file an article, a draft or the site names: the photos to
/// process.
fn local_files(
    articles: &[Parsed],
    drafts: &[Parsed],
    site: Option<&SiteConfig>,
) -> BTreeSet<String> {
    let site_logo = site
        .and_then(|s| s.logo.as_deref())
        .and_then(|l| parse_asset(l).ok().flatten());
    articles
        .iter()
        .chain(drafts)
        .filter_map(|(_, parsed)| parsed.as_ref().ok())
        .flat_map(|s| [s.image.as_ref(), s.source_logo.as_ref()])
        .chain([site_logo.as_ref()])
        .flatten()
        .filter_map(|asset| match asset {
            Asset::Local(relative) => Some(relative.clone()),
            Asset::Remote(_) => None,
        })
        .collect()
}

/// Every recording and video a parsed article or draft names.
fn named_recordings(articles: &[Parsed], drafts: &[Parsed]) -> BTreeSet<(String, media::Kind)> {
    articles
        .iter()
        .chain(drafts)
        .filter_map(|(_, parsed)| parsed.as_ref().ok())
        .flat_map(recordings::named)
        .collect()
}

/// The local files articles name, resolved.
struct Files<'a> {
    images: Images<'a>,
    recordings: Recordings<'a>,
}

impl<'a> Files<'a> {
    /// Every photo, recording and video the sources and the site name,
    /// read (in parallel).
    fn read(
        content: &'a Path,
        cache: &Cache,
        articles: &[Parsed],
        drafts: &[Parsed],
        site: Option<&SiteConfig>,
    ) -> Self {
        let photos = local_files(articles, drafts, site);
        Files {
            images: Images::new(content, cache, photos),
            recordings: Recordings::new(content, cache, named_recordings(articles, drafts)),
        }
    }

    /// An article's image, source logo, and recording and video.
    fn of_article(
        &self,
        path: &Path,
        source: &SourceArticle,
    ) -> Result<(Option<Image>, Option<Image>, Attached), Vec<Problem>> {
        let (image, logo) = self.images.of_article(path, source);
        let attached = self.recordings.of_article(path, source);
        match (image, logo, attached) {
            (Ok(image), Ok(logo), Ok(attached)) => Ok((image, logo, attached)),
            (image, logo, attached) => {
                let mut problems: Vec<Problem> =
                    image.err().into_iter().chain(logo.err()).collect();
                problems.extend(attached.err().into_iter().flatten());
                Err(problems)
            }
        }
    }
}

/// What the checks of articles and drafts found.
#[derive(Default)]
struct Found {
    checked: Vec<Article>,
    held: Vec<HeldBack>,
    notes: Vec<Problem>,
    problems: Vec<Problem>,
    /// Every id an article or a draft has, and whose it is.
    ids: HashMap<u32, PathBuf>,
    /// Where published and scheduled articles name their topics.
    topic_lines: Vec<topics::TopicLine>,
    /// The site's logo line, when it resolved: the station's own articles
    /// show it as their source logo.
    own_logo: Option<Asset>,
}

/// The site's logo as an asset, if it resolved to an image.
fn own_logo(
    site: Option<&SiteConfig>,
    logo: Option<&Result<Option<String>, Problem>>,
) -> Option<Asset> {
    matches!(logo, Some(Ok(Some(_))))
        .then(|| parse_asset(site?.logo.as_deref()?).ok().flatten())
        .flatten()
}

/// Cache entries ignored as untrustworthy, as warnings.
fn cache_warnings(cache: &Cache) -> impl Iterator<Item = Problem> {
    cache
        .warnings()
        .into_iter()
        .map(|(file, why)| Problem::new(&file, 0, format!("warning: the photo cache: {why}"), ""))
}

impl Found {
    /// The articles newest first (ties: higher id first), with the
    /// held-back ones in a preview, their topics folded; the held back by
    /// path; the notes.
    fn in_order(self, preview: bool) -> (Vec<Article>, Vec<HeldBack>, Vec<Problem>) {
        let Found {
            mut checked,
            mut held,
            mut notes,
            topic_lines,
            ..
        } = self;
        notes.extend(topics::near_slugs(&topic_lines));
        if preview {
            checked.extend(held.iter().map(|h| h.article.clone()));
        }
        checked.sort_by(|a, b| b.published.cmp(&a.published).then(b.id.cmp(&a.id)));
        topics::fold(&mut checked);
        held.sort_by(|a, b| a.path.cmp(&b.path));
        (checked, held, notes)
    }

    /// The articles to publish: each checked, scheduled ones held back.
    fn articles(
        &mut self,
        articles: Vec<Parsed>,
        site: Option<&SiteConfig>,
        files: &Files,
        now: DateTime<FixedOffset>,
    ) {
        let https = site.is_some_and(|s| s.base_url.starts_with("https://"));
        for (path, parsed) in articles {
            let mut source = match parsed {
                Ok(source) => source,
                Err(ps) => {
                    self.problems.extend(ps);
                    continue;
                }
            };
            self.problems.append(&mut source.unfinished);
            if let Some(site) = site {
                secure_assets(site, self.own_logo.as_ref(), &mut source);
            }
            self.notes
                .extend(http_images_on_https(https, &path, &source));
            let found = [
                unique_id(&mut self.ids, &path, &source),
                site.and_then(|site| known_category(site, &path, &source)),
            ];
            match (files.of_article(&path, &source), site) {
                (Ok((image, logo, attached)), Some(site)) if found.iter().all(Option::is_none) => {
                    if !source.topics.is_empty() {
                        let slugs = source.topics.iter().map(|t| slugify(t)).collect();
                        self.topic_lines
                            .push((slugs, path.clone(), source.topics_line));
                    }
                    let logo = logo.map(|l| l.src);
                    let article = to_article(site, source, image, logo, attached);
                    if article.published > now {
                        self.held.push(HeldBack {
                            path,
                            article,
                            why: Held::Scheduled,
                        });
                    } else {
                        self.checked.push(article);
                    }
                }
                (resolved, _) => {
                    self.problems.extend(found.into_iter().flatten());
                    self.problems.extend(resolved.err().into_iter().flatten());
                }
            }
        }
    }

    /// Drafts: the same checks, as warnings; an id an article has is theirs.
    fn drafts(&mut self, drafts: Vec<Parsed>, site: Option<&SiteConfig>, files: &Files) {
        let mut draft_ids: HashMap<u32, PathBuf> = HashMap::new();
        for (path, parsed) in drafts {
            let found = match parsed {
                Err(ps) => ps,
                Ok(source) => self.draft(path.clone(), source, site, files, &mut draft_ids),
            };
            self.notes.extend(found.into_iter().map(|mut p| {
                p.message = format!("warning (draft, not published): {}", p.message);
                p
            }));
        }
        for (id, path) in draft_ids {
            self.ids.entry(id).or_insert(path);
        }
    }

    /// One draft: held back with its banner when it passes, else its
    /// problems (to be printed as warnings).
    fn draft(
        &mut self,
        path: PathBuf,
        mut source: SourceArticle,
        site: Option<&SiteConfig>,
        files: &Files,
        draft_ids: &mut HashMap<u32, PathBuf>,
    ) -> Vec<Problem> {
        // Unfinished, a draft is still previewed.
        let unfinished = std::mem::take(&mut source.unfinished);
        let mut found = Vec::new();
        if let Some(first) = self.ids.get(&source.id) {
            found.push(Problem::new(
                &path,
                line::SOURCE_URL,
                format!(
                    "article id {} is already used by {}",
                    source.id,
                    first.display()
                ),
                "give the draft a free id (bantin new picks one)",
            ));
        }
        found.extend(unique_id(draft_ids, &path, &source));
        found.extend(site.and_then(|site| known_category(site, &path, &source)));
        if let Some(site) = site {
            secure_assets(site, self.own_logo.as_ref(), &mut source);
        }
        match (files.of_article(&path, &source), site) {
            (Ok((image, logo, attached)), Some(site)) if found.is_empty() => {
                self.held.push(HeldBack {
                    article: to_article(site, source, image, logo.map(|l| l.src), attached),
                    path,
                    why: Held::Draft,
                });
            }
            (resolved, _) => found.extend(resolved.err().into_iter().flatten()),
        }
        found.extend(unfinished);
        found
    }
}

/// The home page's lead story: the one `site.toml` names, unless it is
/// held back (then the newest, with a warning).
fn shown_lead_story(
    site: &SiteConfig,
    checked: &[Article],
    site_path: &Path,
    site_text: &str,
    notes: &mut Vec<Problem>,
) -> Option<u32> {
    let newest = checked.first().map(|a| a.id);
    match site.lead_story {
        Some(id) if !checked.iter().any(|a| a.id == id) => {
            notes.push(Problem::new(
                site_path,
                find_line(site_text, "lead_story"),
                format!("warning: lead_story {id} is held back (a draft, or scheduled for later), so the home page leads with the newest article"),
                "publish it, or name another article",
            ));
            newest
        }
        Some(id) => Some(id),
        None => newest,
    }
}

/// Only what published articles and the site show: a held-back article's
/// photo would tell of it.
fn shown_photos(images: &Images, checked: &[Article], logo: Option<&str>) -> Vec<Photo> {
    let shown: BTreeSet<&str> = checked
        .iter()
        .flat_map(|a| {
            [
                a.image.as_ref().map(|i| i.src.as_str()),
                a.source.logo.as_deref(),
            ]
        })
        .flatten()
        .chain(logo)
        .collect();
    images
        .published()
        .into_iter()
        .filter(|p| shown.contains(p.image("").src.as_str()))
        .collect()
}

/// Only what published articles carry, like [`shown_photos`]: the files
/// to link and the captions to write.
fn shown_recordings(
    recordings: &Recordings,
    checked: &[Article],
) -> (Vec<String>, Vec<media::Captions>) {
    let shown: BTreeSet<&str> = checked
        .iter()
        .flat_map(|a| [a.audio.as_ref(), a.video.as_ref()])
        .flatten()
        .map(|m| m.src.as_str())
        .collect();
    recordings.shown(&shown)
}

/// The podcast, when there is an episode to list: `[podcast]`'s cover
/// checked, or a note that recordings have no feed without it.
fn podcast_of(
    site: &SiteConfig,
    checked: &[Article],
    (site_path, site_text): (&Path, &str),
    notes: &mut Vec<Problem>,
) -> Result<Option<Podcast>, Problems> {
    let content = site_path.parent().unwrap_or(Path::new("."));
    match (&site.podcast, checked.iter().any(|a| a.audio.is_some())) {
        (Some(settings), true) => podcast::podcast(content, settings, site_path, site_text)
            .map(Some)
            .map_err(|p| Problems(vec![p])),
        (None, true) => {
            notes.push(Problem::new(
                site_path,
                0,
                "note: articles carry recordings, but there is no [podcast] table, so no podcast feed is written",
                "add [podcast] with cover, owner, email and category (docs/architecture.md, “Recordings”)",
            ));
            Ok(None)
        }
        (Some(settings), false) => {
            // Checked all the same, so a mistake shows before the first episode.
            podcast::podcast(content, settings, site_path, site_text)
                .map(|_| None)
                .map_err(|p| Problems(vec![p]))
        }
        (None, false) => Ok(None),
    }
}

/// `site.toml`'s logo, by the same rule as an article's image line.
fn site_logo(
    site: &SiteConfig,
    site_path: &Path,
    site_text: &str,
    images: &Images,
) -> Result<Option<String>, Problem> {
    let line = find_line(site_text, "logo");
    match site.logo.as_deref().map(parse_asset) {
        None | Some(Ok(None)) => Ok(None),
        Some(Ok(Some(asset))) => Ok(images
            .resolve(site_path, line, "logo", Some(&asset), &site.name)?
            .map(|i| i.src)),
        Some(Err(bad)) => Err(Problem::new(
            site_path,
            line,
            format!("the logo {bad:?} is neither an http(s) URL nor a relative path"),
            "write a path under content/ like media/logo.png",
        )),
    }
}

/// The article a checked source becomes, with its image, logo, recording
/// and video resolved.
pub fn to_article(
    site: &SiteConfig,
    s: SourceArticle,
    image: Option<Image>,
    logo: Option<String>,
    attached: Attached,
) -> Article {
    let slug = slugify(&s.title);
    // An all-punctuation title has no slug; the id alone still identifies it.
    let slug = if slug.is_empty() {
        format!("bai-{}", s.id)
    } else {
        slug
    };
    let category = site
        .category(&s.category)
        .map(|c| CategoryRef {
            slug: c.slug.clone(),
            name: c.name.clone(),
        })
        .unwrap_or_else(|| CategoryRef {
            slug: s.category.clone(),
            name: s.category.clone(),
        });
    Article {
        id: s.id,
        path: paths::article_page(s.id, &slug),
        slug,
        title: s.title,
        lead: s.lead,
        category,
        published: s.published,
        modified: s.modified,
        byline: s.byline,
        authors: s
            .authors
            .into_iter()
            .map(|name| {
                let slug = slugify(&name);
                AuthorRef {
                    path: paths::author_page(&slug, 0),
                    slug,
                    name,
                }
            })
            .collect(),
        image,
        body: s.body,
        credit: s.credit,
        topics: topics::refs(&s.topics),
        source: Source {
            name: s.source_name,
            url: s.source_url,
            logo,
        },
        media: bantin_model::Media::key(attached.audio.as_ref(), attached.video.as_ref()),
        audio: attached.audio,
        video: attached.video,
        related: Vec::new(),
    }
}

/// An image line resolved: the image, none, or what is wrong with it.
type Resolved = Result<Option<Image>, Problem>;

/// Resolves image lines to [`Image`]s: remote ones as given, local ones
/// through the photo pipeline (processed beforehand, in parallel).
struct Images<'a> {
    content: &'a Path,
    photos: BTreeMap<String, Result<Photo, PhotoError>>,
}

impl<'a> Images<'a> {
    /// Processes every local image the sources and the site name.
    fn new(content: &'a Path, cache: &Cache, local: BTreeSet<String>) -> Self {
        let relatives: Vec<String> = local
            .into_iter()
            .filter(|r| r.starts_with(&format!("{MEDIA_DIR}/")) && content.join(r).is_file())
            .collect();
        Images {
            content,
            photos: photos::process_all(content, cache, &relatives),
        }
    }

    /// The photos published: every one some line names, processed.
    fn published(&self) -> Vec<Photo> {
        let mut photos: Vec<Photo> = self
            .photos
            .values()
            .filter_map(|p| p.clone().ok())
            .collect();
        photos.sort_by(|a, b| a.key.cmp(&b.key));
        photos.dedup_by(|a, b| a.key == b.key);
        photos
    }

    /// An article's image (its title as alt text) and source logo.
    fn of_article(&self, path: &Path, source: &SourceArticle) -> (Resolved, Resolved) {
        (
            self.resolve(
                path,
                line::IMAGE,
                "image",
                source.image.as_ref(),
                &source.title,
            ),
            self.resolve(
                path,
                line::SOURCE_LOGO,
                "source logo",
                source.source_logo.as_ref(),
                "",
            ),
        )
    }

    fn resolve(
        &self,
        path: &Path,
        line: usize,
        what: &str,
        asset: Option<&Asset>,
        alt: &str,
    ) -> Resolved {
        let relative = match asset {
            None => return Ok(None),
            Some(Asset::Remote(url)) => {
                return Ok(Some(Image {
                    src: url.clone(),
                    alt: alt.to_owned(),
                    width: None,
                    height: None,
                    srcset: String::new(),
                    color: None,
                    card: None,
                }));
            }
            Some(Asset::Local(relative)) => relative,
        };
        if !relative.starts_with(&format!("{MEDIA_DIR}/")) {
            return Err(Problem::new(
                path,
                line,
                format!("the {what} {relative:?} is not in the media folder"),
                format!("move the file into content/{MEDIA_DIR}/ and write {MEDIA_DIR}/… here"),
            ));
        }
        match self.photos.get(relative) {
            Some(Ok(photo)) => Ok(Some(photo.image(alt))),
            Some(Err(err)) => Err(Problem::new(
                path,
                line,
                format!("the {what} {relative:?} {err}"),
                err.hint(),
            )),
            None => Err(Problem::new(
                path,
                line,
                format!(
                    "the {what} file {} does not exist",
                    self.content.join(relative).display()
                ),
                "check the spelling, or add the file to the media folder",
            )),
        }
    }
}
