//! Recordings and videos (docs/architecture.md, “Recordings”): the file an
//! article's `Âm thanh:` or `Video:` line names is told apart by its bytes,
//! measured without decoding, capped in size, and published unchanged
//! under a name made of its hash, with its captions (a `.vtt` file of the
//! same name beside it). The cache keeps each file and its facts, so an
//! unchanged recording is neither read nor copied again.

mod captions;
mod mp3;
mod probe;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::photos::{is_key, Cache};

/// The largest recording, in bytes: an hour and a half at 128 kbit/s.
pub const AUDIO_MAX_BYTES: u64 = 100_000_000;
/// The largest video, in bytes: about ten minutes of 720p at 2.5 Mbit/s.
/// Longer reports belong on YouTube, which the `Video:` line takes too.
pub const VIDEO_MAX_BYTES: u64 = 200_000_000;

/// Audio or video: which line a file belongs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Audio,
    Video,
}

/// A format the web plays everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Mp3,
    M4a,
    Opus,
    Mp4,
    WebM,
}

impl Format {
    pub fn kind(self) -> Kind {
        match self {
            Format::Mp3 | Format::M4a | Format::Opus => Kind::Audio,
            Format::Mp4 | Format::WebM => Kind::Video,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Mp3 => "mp3",
            Format::M4a => "m4a",
            Format::Opus => "opus",
            Format::Mp4 => "mp4",
            Format::WebM => "webm",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Mp3 => "audio/mpeg",
            Format::M4a => "audio/mp4",
            Format::Opus => "audio/ogg",
            Format::Mp4 => "video/mp4",
            Format::WebM => "video/webm",
        }
    }

    /// As an editor knows it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Mp3 => "MP3",
            Format::M4a => "M4A",
            Format::Opus => "Opus",
            Format::Mp4 => "MP4",
            Format::WebM => "WebM",
        }
    }
}

/// Why a recording or video cannot be published: a sentence for the editor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    #[error("cannot read {0}")]
    Missing(String),
    #[error("is not a recording or a video (its bytes are no MP3, M4A, Opus, MP4 or WebM)")]
    NotMedia,
    #[error("is {0}, which is not published")]
    Unsupported(String),
    #[error("is cut short (its last part is missing): the upload or copy did not finish")]
    Truncated,
    #[error("is {} MB, over the {} MB a {} file may be", .bytes.div_ceil(1_000_000), .cap / 1_000_000, .what)]
    TooLarge {
        bytes: u64,
        cap: u64,
        what: &'static str,
    },
    #[error("cannot be read: {0}")]
    Unreadable(String),
    #[error("is a recording ({0}); a `Video:` line names a video")]
    NotVideo(&'static str),
    #[error("is a video ({0}); an `Âm thanh:` line names a recording")]
    NotAudio(&'static str),
    #[error("made the media reader fail")]
    Panicked,
    #[error("cannot be written to the cache: {0}")]
    Cache(String),
}

impl MediaError {
    /// How to fix it.
    pub fn hint(&self) -> &'static str {
        match self {
            MediaError::Missing(_) => "check the file name, or put the file under content/media/",
            MediaError::NotMedia | MediaError::Unreadable(_) | MediaError::Panicked => {
                "export the recording as MP3 or the video as MP4 (H.264) again"
            }
            MediaError::Unsupported(_) => {
                "export recordings as MP3 (Audacity: File → Export → MP3, 128 kbps; or `ffmpeg -i in.wav -b:a 128k out.mp3`) and videos as MP4 with H.264 (`ffmpeg -i in.mov -c:v libx264 -c:a aac out.mp4`)"
            }
            MediaError::Truncated => "copy or export the file again, whole",
            MediaError::TooLarge { .. } => {
                "export it at a lower bitrate (128 kbps is plenty for speech), or put a long video on YouTube and give its address"
            }
            MediaError::NotVideo(_) => "write `Âm thanh: media/…` for a recording",
            MediaError::NotAudio(_) => "write `Video: media/…` for a video",
            MediaError::Cache(_) => "check that the cache folder (--cache) is writable",
        }
    }
}

/// A published recording or video: its name and its facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recording {
    /// 16 hex digits of the hash of its bytes.
    pub key: String,
    pub format: Format,
    pub bytes: u64,
    pub duration_ms: u64,
    pub kbps: u32,
    /// A video's picture; 0 for audio.
    pub width: u32,
    pub height: u32,
}

impl Recording {
    /// Its name in `media/` and in the cache.
    pub fn file(&self) -> String {
        format!("{}.{}", self.key, self.format.extension())
    }

    /// The API's media object, with its captions' file if any.
    pub fn media(&self, captions: Option<&str>) -> bantin_model::Media {
        let video = self.format.kind() == Kind::Video;
        bantin_model::Media {
            src: format!("/media/{}", self.file()),
            mime: self.format.mime().to_owned(),
            bytes: self.bytes,
            duration_ms: self.duration_ms,
            width: video.then_some(self.width),
            height: video.then_some(self.height),
            captions: captions.map(|file| format!("/media/{file}")),
            page: None,
        }
    }
}

/// Why cached facts cannot be trusted: the cache may come from elsewhere
/// (restored by CI), and the key becomes a path.
fn untrusted(key: &str, recording: &Recording) -> Option<&'static str> {
    if recording.key != key || !is_key(&recording.key) {
        Some("its key is not its file's name (16 hex digits)")
    } else if recording.duration_ms == 0 || recording.bytes == 0 {
        Some("it has no duration or size")
    } else if recording.format.kind() == Kind::Video
        && (recording.width == 0 || recording.height == 0)
    {
        Some("the video has no size")
    } else {
        None
    }
}

/// The largest file read, checked before reading.
fn cap(kind: Kind) -> (u64, &'static str) {
    match kind {
        Kind::Audio => (AUDIO_MAX_BYTES, "recording"),
        Kind::Video => (VIDEO_MAX_BYTES, "video"),
    }
}

/// A file's bytes, refused unread past `cap` (and never more read).
fn read_capped(path: &Path, kind: Kind) -> Result<Vec<u8>, MediaError> {
    use std::io::Read;
    let (cap, what) = cap(kind);
    let file = std::fs::File::open(path).map_err(|e| MediaError::Missing(e.to_string()))?;
    let size = file
        .metadata()
        .map_err(|e| MediaError::Missing(e.to_string()))?
        .len();
    let too_large = |bytes| MediaError::TooLarge { bytes, cap, what };
    if size > cap {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| MediaError::Missing(e.to_string()))?;
    if bytes.len() as u64 > cap {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads one recording or video: from the cache when its path, size and
/// time are known, else read, measured and (for a build) kept.
pub fn process(path: &Path, cache: &Cache, kind: Kind) -> Result<Recording, MediaError> {
    let recording = match cached(path, cache) {
        Some(recording) => recording,
        None => read(path, cache, kind)?,
    };
    match (kind, recording.format.kind()) {
        (Kind::Audio, Kind::Video) => Err(MediaError::NotAudio(recording.format.name())),
        (Kind::Video, Kind::Audio) => Err(MediaError::NotVideo(recording.format.name())),
        _ => Ok(recording),
    }
}

fn cached(path: &Path, cache: &Cache) -> Option<Recording> {
    let key = cache.known_key(path)?;
    let facts = cache.file(&format!("{key}.media.json"));
    let recording: Recording = serde_json::from_str(&std::fs::read_to_string(&facts).ok()?).ok()?;
    if let Some(why) = untrusted(&key, &recording) {
        cache.warn_about(facts, format!("{why}; ignored, the file is read again"));
        return None;
    }
    // `check` reads a cache it does not fill: the facts alone will do.
    (!cache.writes() || cache.file(&recording.file()).is_file()).then_some(recording)
}

fn read(path: &Path, cache: &Cache, kind: Kind) -> Result<Recording, MediaError> {
    let bytes = read_capped(path, kind)?;
    let facts = catch_unwind(AssertUnwindSafe(|| probe::facts(&bytes)))
        .map_err(|_| MediaError::Panicked)??;
    let recording = Recording {
        key: format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes)),
        format: facts.format,
        bytes: bytes.len() as u64,
        duration_ms: facts.duration_ms,
        kbps: facts.kbps,
        width: facts.width,
        height: facts.height,
    };
    // The other kind's cap applies to a file on the wrong line, too.
    let (cap, what) = cap(facts.format.kind());
    if recording.bytes > cap {
        return Err(MediaError::TooLarge {
            bytes: recording.bytes,
            cap,
            what,
        });
    }
    if cache.writes() {
        let json = serde_json::to_vec(&recording).map_err(|e| MediaError::Cache(e.to_string()))?;
        let store = |name: &str, bytes: &[u8]| {
            cache
                .store(name, bytes)
                .map_err(|e| MediaError::Cache(e.to_string()))
        };
        store(&recording.file(), &bytes)?;
        store(&format!("{}.media.json", recording.key), &json)?;
        cache.remember_key(path, &recording.key);
        cache.count_new();
    }
    Ok(recording)
}

/// Captions beside a file: `media/x.mp3` → `media/x.vtt`.
pub fn captions_path(relative: &str) -> String {
    let stem =
        relative.rsplit_once('.').map_or(
            relative,
            |(stem, ext)| {
                if ext.contains('/') {
                    relative
                } else {
                    stem
                }
            },
        );
    format!("{stem}.vtt")
}

/// Checked captions, published as `{hash}.vtt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captions {
    pub file: String,
    pub text: String,
}

/// What is wrong with a captions file: its line, the message, the hint.
pub type CaptionsProblem = (usize, String, &'static str);

/// The captions beside `media` (a path under `content`), if there are any.
pub fn captions(
    content: &Path,
    media: &str,
) -> Option<(PathBuf, Result<Captions, CaptionsProblem>)> {
    let path = content.join(captions_path(media));
    let bytes = std::fs::read(&path).ok()?;
    let checked = captions::check(&bytes)
        .map(|text| Captions {
            file: format!("{:016x}.vtt", xxhash_rust::xxh3::xxh3_64(text.as_bytes())),
            text,
        })
        .map_err(|p| (p.line, p.message, p.hint));
    Some((path, checked))
}

/// Every named file, read in parallel: by path under `content`.
pub fn process_all(
    content: &Path,
    cache: &Cache,
    named: &[(String, Kind)],
) -> BTreeMap<String, Result<Recording, MediaError>> {
    named
        .par_iter()
        .map(|(relative, kind)| {
            (
                relative.clone(),
                process(&content.join(relative), cache, *kind),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_sit_beside_their_file() {
        // (file, captions)
        let cases = [
            ("media/ban-tin.mp3", "media/ban-tin.vtt"),
            ("media/2024/phong.su.mp4", "media/2024/phong.su.vtt"),
            ("media/v.1/tep", "media/v.1/tep.vtt"),
        ];
        for (file, want) in cases {
            assert_eq!(captions_path(file), want);
        }
    }

    #[test]
    fn only_what_bantin_writes_is_trusted() {
        let good = Recording {
            key: "3f9c2a1e7b0d5c44".into(),
            format: Format::Mp4,
            bytes: 10,
            duration_ms: 1_000,
            kbps: 128,
            width: 640,
            height: 360,
        };
        // (facts, trusted)
        let cases = [
            (good.clone(), true),
            (
                Recording {
                    key: "../../x/pwn".into(),
                    ..good.clone()
                },
                false,
            ),
            (
                Recording {
                    duration_ms: 0,
                    ..good.clone()
                },
                false,
            ),
            (
                Recording {
                    width: 0,
                    ..good.clone()
                },
                false,
            ),
            (
                Recording {
                    format: Format::Mp3,
                    width: 0,
                    height: 0,
                    ..good.clone()
                },
                true,
            ),
        ];
        for (facts, trusted) in cases {
            assert_eq!(
                untrusted("3f9c2a1e7b0d5c44", &facts).is_none(),
                trusted,
                "{facts:?}"
            );
        }
    }
}
