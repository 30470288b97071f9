//! `[podcast]`'s cover art, checked like the directories check it: a
//! square JPEG or PNG of 1400 to 3000 pixels. It is published unchanged
//! (station artwork, not a reporter's photo: nothing to strip), under a
//! name made of its hash.

use std::io::Cursor;
use std::path::Path;

use crate::content::site::{find_line, PodcastConfig};
use crate::content::MEDIA_DIR;
use crate::problem::Problem;

/// Cover art's side, in pixels (Apple Podcasts' rule).
pub const COVER_MIN: u32 = 1400;
pub const COVER_MAX: u32 = 3000;
/// The largest cover file read, in bytes.
const COVER_MAX_BYTES: u64 = 10_000_000;

/// The podcast's settings and its cover, ready to publish.
#[derive(Debug, Clone)]
pub struct Podcast {
    pub settings: PodcastConfig,
    /// Its name in `media/`, and its bytes.
    pub cover: String,
    pub cover_bytes: Vec<u8>,
}

/// The podcast, or what is wrong with its cover at its `site.toml` line.
pub fn podcast(
    content: &Path,
    settings: &PodcastConfig,
    site_path: &Path,
    site_text: &str,
) -> Result<Podcast, Problem> {
    let line = find_line(site_text, "cover");
    let bad = |message: String| {
        Problem::new(
            site_path,
            line,
            format!("[podcast] cover {:?} {message}", settings.cover),
            "export square cover art, 3000×3000 px, as JPEG or PNG, into content/media/",
        )
    };
    if !settings.cover.starts_with(&format!("{MEDIA_DIR}/")) {
        return Err(bad("is not in the media folder".into()));
    }
    let path = content.join(&settings.cover);
    let size = std::fs::metadata(&path)
        .map_err(|_| bad("does not exist".into()))?
        .len();
    if size > COVER_MAX_BYTES {
        return Err(bad(format!(
            "is {} MB, over {} MB",
            size.div_ceil(1_000_000),
            COVER_MAX_BYTES / 1_000_000
        )));
    }
    let bytes = std::fs::read(&path).map_err(|e| bad(format!("cannot be read: {e}")))?;
    let reader = image::ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| bad(format!("cannot be read: {e}")))?;
    let extension = match reader.format() {
        Some(image::ImageFormat::Jpeg) => "jpg",
        Some(image::ImageFormat::Png) => "png",
        _ => return Err(bad("is not a JPEG or PNG image".into())),
    };
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| bad(format!("cannot be decoded: {e}")))?;
    if w != h || !(COVER_MIN..=COVER_MAX).contains(&w) {
        return Err(bad(format!(
            "is {w}×{h} px; podcast apps need a square of {COVER_MIN} to {COVER_MAX} px"
        )));
    }
    Ok(Podcast {
        settings: settings.clone(),
        cover: format!(
            "{:016x}-cover.{extension}",
            xxhash_rust::xxh3::xxh3_64(&bytes)
        ),
        cover_bytes: bytes,
    })
}
