//! What a recording or video file is, told from its bytes, never its
//! name, and its facts (duration, bitrate, size) read by maintained
//! parsers that do not decode: lofty for MP3 and Ogg/Opus, Firefox's
//! `mp4parse` for MP4 and M4A, `matroska` for WebM.

use std::io::Cursor;
use std::time::Duration;

use lofty::config::ParseOptions;
use lofty::file::{AudioFile, FileType};
use lofty::probe::Probe;
use mp4parse::{CodecType, SampleEntry, TrackType};

use super::{mp3, Format, MediaError};

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Mp3,
    Iso,
    Ogg,
    Matroska,
}

/// Formats a browser plays but the web does not use, or a station records
/// in: refused with how to export them.
fn refused(bytes: &[u8]) -> Option<&'static str> {
    let at = |range: std::ops::Range<usize>| bytes.get(range).unwrap_or_default();
    match (at(0..4), at(8..12)) {
        (b"RIFF", b"WAVE") => Some("WAV"),
        (b"RIFF", b"AVI ") => Some("AVI"),
        (b"FORM", b"AIFF" | b"AIFC") => Some("AIFF"),
        (b"fLaC", _) => Some("FLAC"),
        (b"\x30\x26\xb2\x75", _) => Some("WMA/WMV"),
        _ => None,
    }
}

fn container(bytes: &[u8]) -> Result<Container, MediaError> {
    if let Some(format) = refused(bytes) {
        return Err(MediaError::Unsupported(format.into()));
    }
    let head = bytes.get(..12).unwrap_or_default();
    Ok(match head {
        [_, _, _, _, b'f', b't', b'y', b'p', ..] => Container::Iso,
        [b'O', b'g', b'g', b'S', ..] => Container::Ogg,
        [0x1a, 0x45, 0xdf, 0xa3, ..] => Container::Matroska,
        [b'I', b'D', b'3', ..] | [0xff, 0xe0..=0xff, ..] => Container::Mp3,
        _ => return Err(MediaError::NotMedia),
    })
}

/// A file's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub format: Format,
    pub duration_ms: u64,
    pub kbps: u32,
    /// A video's picture, as displayed; 0 for audio.
    pub width: u32,
    pub height: u32,
}

/// Reads a file's facts from its bytes.
pub fn facts(bytes: &[u8]) -> Result<Facts, MediaError> {
    let facts = match container(bytes)? {
        Container::Mp3 => mp3(bytes)?,
        Container::Ogg => ogg(bytes)?,
        Container::Iso => iso(bytes)?,
        Container::Matroska => webm(bytes)?,
    };
    if facts.duration_ms == 0 {
        return Err(MediaError::Unreadable("it lasts no time at all".into()));
    }
    Ok(facts)
}

fn kbps(bytes: usize, duration_ms: u64) -> u32 {
    u32::try_from(bytes as u64 * 8 / duration_ms.max(1)).unwrap_or(u32::MAX)
}

/// lofty's reading of an audio file of a known type.
fn lofty(bytes: &[u8], kind: FileType) -> Result<(Duration, Option<u32>), MediaError> {
    let file = Probe::with_file_type(Cursor::new(bytes), kind)
        .options(ParseOptions::new().read_tags(false).read_cover_art(false))
        .read()
        .map_err(|e| MediaError::Unreadable(e.to_string()))?;
    let properties = file.properties();
    Ok((properties.duration(), properties.audio_bitrate()))
}

fn mp3(bytes: &[u8]) -> Result<Facts, MediaError> {
    let walked = mp3::walk(bytes).map_err(|problem| match problem {
        mp3::Problem::NotMp3 => MediaError::NotMedia,
        mp3::Problem::Truncated => MediaError::Truncated,
    })?;
    let (duration, bitrate) = lofty(bytes, FileType::Mpeg)?;
    let duration_ms = duration.as_millis() as u64;
    // A duration tag claiming more than the frames hold: frames were lost.
    if duration_ms > walked.duration_ms() + 1_000 {
        return Err(MediaError::Truncated);
    }
    Ok(Facts {
        format: Format::Mp3,
        duration_ms,
        kbps: bitrate.unwrap_or_else(|| kbps(bytes.len(), duration_ms)),
        width: 0,
        height: 0,
    })
}

fn ogg(bytes: &[u8]) -> Result<Facts, MediaError> {
    if !bytes.windows(8).take(512).any(|w| w == b"OpusHead") {
        let what = if bytes.windows(7).take(512).any(|w| w == b"\x01vorbis") {
            "Ogg Vorbis"
        } else {
            "Ogg"
        };
        return Err(MediaError::Unsupported(what.into()));
    }
    let (duration, bitrate) = lofty(bytes, FileType::Opus)?;
    let duration_ms = duration.as_millis() as u64;
    Ok(Facts {
        format: Format::Opus,
        duration_ms,
        kbps: bitrate.unwrap_or_else(|| kbps(bytes.len(), duration_ms)),
        width: 0,
        height: 0,
    })
}

/// MP4 with H.264 video (and AAC sound, or none) is video; AAC alone is
/// an M4A recording.
fn iso(bytes: &[u8]) -> Result<Facts, MediaError> {
    if !boxes_fit(bytes) {
        return Err(MediaError::Truncated);
    }
    let context = mp4parse::read_mp4(&mut Cursor::new(bytes)).map_err(|e| match e {
        mp4parse::Error::UnexpectedEOF => MediaError::Truncated,
        other => MediaError::Unreadable(format!("{other:?}")),
    })?;
    let mut duration_ms = 0u64;
    let mut picture: Option<(u32, u32)> = None;
    let mut sound = false;
    for track in context.tracks.iter() {
        if let (Some(d), Some(scale)) = (track.duration, track.timescale) {
            duration_ms = duration_ms.max(d.0 * 1000 / scale.0.max(1));
        }
        let entries = track.stsd.iter().flat_map(|s| s.descriptions.iter());
        for entry in entries {
            match (&track.track_type, entry) {
                (TrackType::Video, SampleEntry::Video(v)) if v.codec_type == CodecType::H264 => {
                    let (w, h) = track
                        .tkhd
                        .as_ref()
                        .map(|t| (t.width >> 16, t.height >> 16))
                        .filter(|&(w, h)| w > 0 && h > 0)
                        .unwrap_or((u32::from(v.width), u32::from(v.height)));
                    picture = Some((w, h));
                }
                (TrackType::Video, SampleEntry::Video(v)) => {
                    return Err(MediaError::Unsupported(format!("{:?} video", v.codec_type)));
                }
                (TrackType::Audio, SampleEntry::Audio(a)) if a.codec_type == CodecType::AAC => {
                    sound = true;
                }
                (TrackType::Audio, SampleEntry::Audio(a)) => {
                    return Err(MediaError::Unsupported(format!(
                        "{:?} sound in MP4",
                        a.codec_type
                    )));
                }
                _ => {}
            }
        }
    }
    let (format, (width, height)) = match (picture, sound) {
        (Some(picture), _) => (Format::Mp4, picture),
        (None, true) => (Format::M4a, (0, 0)),
        (None, false) => return Err(MediaError::Unreadable("it has no sound or picture".into())),
    };
    Ok(Facts {
        format,
        duration_ms,
        kbps: kbps(bytes.len(), duration_ms),
        width,
        height,
    })
}

/// Whether the top-level boxes of an MP4 end where the file does: a copy
/// cut short leaves its last box (the pictures, or the index after them)
/// longer than what is left, which the parser reports only as bad data.
fn boxes_fit(bytes: &[u8]) -> bool {
    let be = |at: usize, n: usize| {
        bytes
            .get(at..at + n)
            .map(|b| b.iter().fold(0u64, |v, &x| (v << 8) | u64::from(x)))
    };
    let mut at = 0usize;
    while at < bytes.len() {
        let size = match be(at, 4) {
            Some(1) => be(at + 8, 8),
            Some(0) => return true,
            size => size,
        };
        match size.and_then(|s| usize::try_from(s).ok()) {
            Some(size) if size >= 8 => at = at.saturating_add(size),
            _ => return false,
        }
    }
    at == bytes.len()
}

/// WebM: VP8, VP9 or AV1 with Opus or Vorbis sound.
fn webm(bytes: &[u8]) -> Result<Facts, MediaError> {
    let file = matroska::Matroska::open(Cursor::new(bytes))
        .map_err(|e| MediaError::Unreadable(e.to_string()))?;
    let mut picture = None;
    for track in &file.tracks {
        let codec = track.codec_id.as_str();
        match &track.settings {
            matroska::Settings::Video(v) if matches!(codec, "V_VP8" | "V_VP9" | "V_AV1") => {
                let w = v.display_width.unwrap_or(v.pixel_width);
                let h = v.display_height.unwrap_or(v.pixel_height);
                picture = Some((u32::try_from(w).unwrap_or(0), u32::try_from(h).unwrap_or(0)));
            }
            matroska::Settings::Audio(_) if matches!(codec, "A_OPUS" | "A_VORBIS") => {}
            matroska::Settings::Video(_) | matroska::Settings::Audio(_) => {
                return Err(MediaError::Unsupported(format!("Matroska {codec}")));
            }
            matroska::Settings::None => {}
        }
    }
    let Some((width, height)) = picture.filter(|&(w, h)| w > 0 && h > 0) else {
        return Err(MediaError::Unsupported("WebM without a picture".into()));
    };
    let duration_ms = file.info.duration.map_or(0, |d| d.as_millis() as u64);
    Ok(Facts {
        format: Format::WebM,
        duration_ms,
        kbps: kbps(bytes.len(), duration_ms),
        width,
        height,
    })
}
