//! The photo pipeline (docs/architecture.md, “Photos”): every local image the content names is
//! decoded strictly, turned upright, stripped of all metadata (only pixels
//! are re-encoded) and written as WebP variants, a fallback and a share
//! card, named after a hash of its bytes and the settings. Encoded files
//! live in a cache folder between builds; the build links them into
//! `media/`.

mod cache;
mod decode;
mod encode;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use bantin_model::fnv::{fnv1a_64, fnv1a_64_from};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use cache::{is_key, Cache};
pub use encode::{fallback_width, webp_widths};

/// Why a photo cannot be published: a sentence for the editor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("cannot read {0}")]
    Missing(String),
    #[error("is not an image")]
    NotAnImage,
    #[error("is a {0} image; photos must be {SUPPORTED}", SUPPORTED = decode::SUPPORTED)]
    Unsupported(String),
    #[error("is cut short (the JPEG has no end): the upload or copy did not finish")]
    Truncated,
    #[error("is {width}×{height} pixels, over the {} megapixels a photo may have", decode::MAX_PIXELS / 1_000_000)]
    TooLarge { width: u32, height: u32 },
    #[error("is {} MB, over the {} MB a photo file may be", .bytes / 1_000_000, MAX_FILE_BYTES / 1_000_000)]
    FileTooLarge { bytes: u64 },
    #[error("is {width}×{height} pixels: too long to publish (even {} px wide it would be over {} px long)", encode::WIDTHS[0], encode::WEBP_MAX_SIDE)]
    TooLong { width: u32, height: u32 },
    #[error("cannot be decoded: {0}")]
    Unreadable(String),
    #[error("made the image decoder fail")]
    Panicked,
    #[error("cannot be written to the cache: {0}")]
    Cache(String),
}

impl PhotoError {
    /// How to fix it.
    pub fn hint(&self) -> &'static str {
        match self {
            PhotoError::Missing(_) => "check the file name, or put the photo under content/media/",
            PhotoError::TooLarge { .. } | PhotoError::FileTooLarge { .. } => {
                "export it smaller (4000 px wide is plenty) and save it again"
            }
            PhotoError::TooLong { .. } => "cut it into several images, each shorter",
            PhotoError::Cache(_) => "check that the cache folder (--cache) is writable",
            _ => "export or save the photo again as JPEG, PNG or WebP",
        }
    }
}

/// A published photo: its name, displayed size and colour; the files
/// follow from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    /// 16 hex digits of the hash of the source bytes and the settings.
    pub key: String,
    /// As displayed (after the EXIF rotation).
    pub width: u32,
    pub height: u32,
    pub has_alpha: bool,
    pub color: String,
}

/// One crop of a photo: its site path and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crop {
    pub path: String,
    pub width: u32,
    pub height: u32,
}

impl Photo {
    pub fn webp_widths(&self) -> Vec<u32> {
        webp_widths(self.width, self.height)
    }

    fn fallback_name(&self) -> String {
        let ext = if self.has_alpha { "png" } else { "jpg" };
        format!("{}-{}.{ext}", self.key, fallback_width(self.width))
    }

    /// File names in `media/`, as the build writes them.
    pub fn files(&self) -> Vec<String> {
        let mut files: Vec<String> = self
            .webp_widths()
            .iter()
            .map(|w| format!("{}-{w}.webp", self.key))
            .collect();
        files.push(self.fallback_name());
        if encode::has_card(self.width, self.height) {
            files.push(format!("{}-card.jpg", self.key));
        }
        files.extend(
            self.crops()
                .into_iter()
                .map(|c| c.path.trim_start_matches("/media/").to_owned()),
        );
        files
    }

    /// The site path of the fallback, for `src`.
    pub fn src(&self) -> String {
        format!("/media/{}", self.fallback_name())
    }

    /// `srcset` of the WebP variants.
    pub fn srcset(&self) -> String {
        self.webp_widths()
            .iter()
            .map(|w| format!("/media/{}-{w}.webp {w}w", self.key))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The share card, for photos large enough to have one.
    pub fn card(&self) -> Option<String> {
        encode::has_card(self.width, self.height).then(|| format!("/media/{}-card.jpg", self.key))
    }

    /// The crops for structured data, by ratio, where the photo allows.
    pub fn crops(&self) -> Vec<Crop> {
        encode::CROP_RATIOS
            .iter()
            .filter_map(|&ratio| {
                encode::crop_size(self.width, self.height, ratio).map(|(width, height)| Crop {
                    path: format!(
                        "/media/{}-{}",
                        self.key,
                        encode::crop_suffix(width, height, self.has_alpha)
                    ),
                    width,
                    height,
                })
            })
            .collect()
    }

    /// The API's image object for this photo.
    pub fn image(&self, alt: &str) -> bantin_model::Image {
        bantin_model::Image {
            src: self.src(),
            alt: alt.to_owned(),
            width: Some(self.width),
            height: Some(self.height),
            srcset: self.srcset(),
            color: Some(self.color.clone()),
            card: self.card(),
        }
    }
}

/// The largest photo file read, in bytes: checked before reading, so a
/// huge file named `.jpg` costs no memory.
pub const MAX_FILE_BYTES: u64 = 50_000_000;

/// A photo file's bytes, refused unread past [`MAX_FILE_BYTES`] (and never
/// more than that read, should it grow meanwhile).
fn read_capped(path: &Path) -> Result<Vec<u8>, PhotoError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| PhotoError::Missing(e.to_string()))?;
    let size = file
        .metadata()
        .map_err(|e| PhotoError::Missing(e.to_string()))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(PhotoError::FileTooLarge { bytes: size });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| PhotoError::Missing(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(PhotoError::FileTooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Processes every photo in `relatives` (paths under `content`), in
/// parallel, through `cache`.
pub fn process_all(
    content: &Path,
    cache: &Cache,
    relatives: &[String],
) -> BTreeMap<String, Result<Photo, PhotoError>> {
    relatives
        .par_iter()
        .map(|relative| (relative.clone(), process(&content.join(relative), cache)))
        .collect()
}

/// One photo: from the cache when its bytes were seen with these settings,
/// else decoded and encoded (a panic in a decoder is an error, not a crash).
pub fn process(path: &Path, cache: &Cache) -> Result<Photo, PhotoError> {
    if let Some(photo) = cache.known(path) {
        return Ok(photo);
    }
    let bytes = read_capped(path)?;
    let key = format!(
        "{:016x}",
        fnv1a_64_from(fnv1a_64(&bytes), cache.settings().as_bytes())
    );
    if let Some(photo) = cache.photo(&key) {
        cache.remember(path, &photo);
        return Ok(photo);
    }
    // `bantin check` decodes to check, and encodes nothing.
    let encode = cache.writes();
    let (photo, files) = catch_unwind(AssertUnwindSafe(|| {
        // The decoded pixels' share of the budget is held until every
        // variant is made, and given back only once they are freed.
        let (image, pixels) = decode::decode(&bytes, &decode::BUDGET)?;
        let files = if encode {
            encode::variants(&image)?
        } else {
            Vec::new()
        };
        let photo = Photo {
            key,
            width: image.width(),
            height: image.height(),
            has_alpha: image.color().has_alpha(),
            color: encode::color(&image),
        };
        drop(image);
        drop(pixels);
        Ok::<_, PhotoError>((photo, files))
    }))
    .map_err(|_| PhotoError::Panicked)??;
    if encode {
        for file in &files {
            cache.store(&format!("{}-{}", photo.key, file.suffix), &file.bytes)?;
        }
        cache.save_photo(&photo)?;
        cache.remember(path, &photo);
    }
    Ok(photo)
}

/// The default cache folder: `.bantin-cache` beside the content folder.
pub fn default_cache(content: &Path) -> PathBuf {
    let content = crate::folders::resolve(content);
    content.parent().map_or_else(
        || PathBuf::from(".bantin-cache"),
        |p| p.join(".bantin-cache"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_markup() {
        let photo = Photo {
            key: "3f9c2a1e7b0d5c44".into(),
            width: 1000,
            height: 750,
            has_alpha: false,
            color: "#6b7a5e".into(),
        };
        assert_eq!(
            photo.files(),
            [
                "3f9c2a1e7b0d5c44-240.webp",
                "3f9c2a1e7b0d5c44-480.webp",
                "3f9c2a1e7b0d5c44-800.webp",
                "3f9c2a1e7b0d5c44-960.jpg",
                "3f9c2a1e7b0d5c44-1000x562.jpg",
                "3f9c2a1e7b0d5c44-1000x750.jpg",
                "3f9c2a1e7b0d5c44-750x750.jpg",
            ]
        );
        let sizes: Vec<(u32, u32)> = photo.crops().iter().map(|c| (c.width, c.height)).collect();
        assert_eq!(sizes, [(1000, 562), (1000, 750), (750, 750)]);
        assert_eq!(photo.src(), "/media/3f9c2a1e7b0d5c44-960.jpg");
        assert_eq!(
            photo.srcset(),
            "/media/3f9c2a1e7b0d5c44-240.webp 240w, /media/3f9c2a1e7b0d5c44-480.webp 480w, /media/3f9c2a1e7b0d5c44-800.webp 800w"
        );
        let logo = Photo {
            width: 64,
            has_alpha: true,
            ..photo
        };
        assert_eq!(logo.src(), "/media/3f9c2a1e7b0d5c44-64.png");
        assert_eq!(logo.srcset(), "/media/3f9c2a1e7b0d5c44-64.webp 64w");
    }

    #[test]
    fn a_photo_is_encoded_once() {
        let dir = tempfile::tempdir().expect("tmp");
        let image = image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            300,
            200,
            image::Rgb([10, 20, 30]),
        ));
        let mut bytes = Vec::new();
        image
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new(&mut bytes))
            .expect("jpeg");
        let (a, b) = (dir.path().join("a.jpg"), dir.path().join("b.jpg"));
        std::fs::write(&a, &bytes).expect("a");
        std::fs::write(&b, &bytes).expect("b");
        let cache = Cache::open(&dir.path().join("cache")).expect("cache");
        let first = process(&a, &cache).expect("first");
        assert_eq!(cache.encoded(), 1);
        // The same file again, and the same bytes under another name: no encoding.
        assert_eq!(process(&a, &cache).expect("again"), first);
        assert_eq!(process(&b, &cache).expect("copy"), first);
        assert_eq!(cache.encoded(), 1);
        for name in first.files() {
            assert!(cache.file(&name).is_file(), "{name}");
        }
        // Another run reads the index it saved.
        cache.save_index().expect("index");
        let reopened = Cache::open(&dir.path().join("cache")).expect("cache");
        assert_eq!(reopened.known(&a), Some(first.clone()));
        // Other settings (a new quality, a new libwebp): encoded anew.
        let other = Cache::open(&dir.path().join("cache"))
            .expect("cache")
            .with_settings("webp=90");
        assert!(other.known(&a).is_none());
        assert_ne!(process(&a, &other).expect("re-encoded").key, first.key);
        // A changed file is not taken for the old one.
        std::fs::write(&a, b"not a photo any more").expect("change");
        assert!(reopened.known(&a).is_none());
        assert_eq!(process(&a, &reopened), Err(PhotoError::NotAnImage));
    }
}
