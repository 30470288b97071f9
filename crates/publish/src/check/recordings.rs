//! An article's recording and video resolved through the media pipeline
//! ([`crate::media`]): files read beforehand in parallel, each line's
//! problem at its line, captions checked at theirs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use bantin_model::Media;

use crate::content::source::{Asset, Keyed, SourceArticle, VideoSource};
use crate::content::MEDIA_DIR;
use crate::media::{self, Captions, CaptionsProblem, Kind, MediaError, Recording};
use crate::photos::Cache;
use crate::problem::Problem;

/// An article's recording and video, as the API gives them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attached {
    pub audio: Option<Media>,
    pub video: Option<Media>,
}

/// The files a source names, with the line they belong on.
pub fn named(source: &SourceArticle) -> Vec<(String, Kind)> {
    let audio = source.audio.as_ref().and_then(|a| match &a.value {
        Asset::Local(path) => Some((path.clone(), Kind::Audio)),
        Asset::Remote(_) => None,
    });
    let video = source.video.as_ref().and_then(|v| match &v.value {
        VideoSource::File(path) => Some((path.clone(), Kind::Video)),
        VideoSource::YouTube(_) => None,
    });
    audio.into_iter().chain(video).collect()
}

/// Every recording and video named, read; their captions, checked.
pub struct Recordings<'a> {
    content: &'a Path,
    files: BTreeMap<String, Result<Recording, MediaError>>,
    captions: BTreeMap<String, (PathBuf, Result<Captions, CaptionsProblem>)>,
}

impl<'a> Recordings<'a> {
    pub fn new(content: &'a Path, cache: &Cache, named: BTreeSet<(String, Kind)>) -> Self {
        let named: Vec<(String, Kind)> = named
            .into_iter()
            .filter(|(r, _)| r.starts_with(&format!("{MEDIA_DIR}/")) && content.join(r).is_file())
            .collect();
        let captions = named
            .iter()
            .filter_map(|(r, _)| Some((r.clone(), media::captions(content, r)?)))
            .collect();
        Recordings {
            content,
            files: media::process_all(content, cache, &named),
            captions,
        }
    }

    /// Every file under `media/` a recording line or its captions use.
    pub fn relatives(&self) -> BTreeSet<String> {
        self.files
            .keys()
            .flat_map(|r| [r.clone(), media::captions_path(r)])
            .collect()
    }

    /// An article's recording and video, or every problem with them.
    pub fn of_article(
        &self,
        path: &Path,
        source: &SourceArticle,
    ) -> Result<Attached, Vec<Problem>> {
        let mut problems = Vec::new();
        let audio = source.audio.as_ref().and_then(|line| {
            let Asset::Local(relative) = &line.value else {
                return None;
            };
            self.file(path, line, relative, "recording")
                .map_err(|p| problems.extend(p))
                .ok()
        });
        let video = source.video.as_ref().and_then(|line| match &line.value {
            VideoSource::File(relative) => self
                .file(path, line, relative, "video")
                .map_err(|p| problems.extend(p))
                .ok(),
            VideoSource::YouTube(video) => Some(Media {
                src: video.embed(),
                mime: Media::YOUTUBE.to_owned(),
                bytes: 0,
                duration_ms: 0,
                width: None,
                height: None,
                captions: None,
                page: Some(video.watch()),
            }),
        });
        if problems.is_empty() {
            Ok(Attached { audio, video })
        } else {
            Err(problems)
        }
    }

    fn file<T>(
        &self,
        path: &Path,
        line: &Keyed<T>,
        relative: &str,
        what: &str,
    ) -> Result<Media, Vec<Problem>> {
        if !relative.starts_with(&format!("{MEDIA_DIR}/")) {
            return Err(vec![Problem::new(
                path,
                line.line,
                format!("the {what} {relative:?} is not in the media folder"),
                format!("move the file into content/{MEDIA_DIR}/ and write {MEDIA_DIR}/… here"),
            )]);
        }
        let recording = match self.files.get(relative) {
            Some(Ok(recording)) => recording,
            Some(Err(err)) => {
                return Err(vec![Problem::new(
                    path,
                    line.line,
                    format!("the {what} {relative:?} {err}"),
                    err.hint(),
                )])
            }
            None => {
                return Err(vec![Problem::new(
                    path,
                    line.line,
                    format!(
                        "the {what} file {} does not exist",
                        self.content.join(relative).display()
                    ),
                    "check the spelling, or add the file to the media folder",
                )])
            }
        };
        match self.captions.get(relative) {
            None => Ok(recording.media(None)),
            Some((_, Ok(captions))) => Ok(recording.media(Some(&captions.file))),
            Some((vtt, Err((at, message, hint)))) => {
                Err(vec![Problem::new(vtt, *at, message.clone(), *hint)])
            }
        }
    }

    /// The files `media/` gets for what the shown articles carry: each
    /// recording's cache file, and captions as text (by published name).
    pub fn shown(&self, shown: &BTreeSet<&str>) -> (Vec<String>, Vec<Captions>) {
        let mut files = Vec::new();
        let mut captions = Vec::new();
        for (relative, recording) in &self.files {
            let Ok(recording) = recording else { continue };
            if !shown.contains(format!("/media/{}", recording.file()).as_str()) {
                continue;
            }
            files.push(recording.file());
            if let Some((_, Ok(c))) = self.captions.get(relative) {
                captions.push(c.clone());
            }
        }
        files.sort();
        files.dedup();
        captions.sort_by(|a, b| a.file.cmp(&b.file));
        captions.dedup_by(|a, b| a.file == b.file);
        (files, captions)
    }
}
