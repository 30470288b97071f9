//! Reading a photo strictly: a known format, whole, not a bomb, upright.

use std::io::Cursor;
use std::sync::{Condvar, Mutex, PoisonError};

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::PhotoError;

/// Pixels a source may have (docs/architecture.md, “Photos”).
pub const MAX_PIXELS: u64 = 50_000_000;

/// The formats accepted, as editors know them.
pub const SUPPORTED: &str = "JPEG, PNG or WebP";

/// Pixels decoded at once across all threads: photos are processed one
/// per core, and a large one holds several copies of its pixels while its
/// variants are made. A photo waits until its pixels fit, so the pipeline's
/// memory has a ceiling whatever the number of cores (docs/photos.md).
pub const PIXELS_AT_ONCE: u64 = MAX_PIXELS;

/// A count of pixels in use, shared by the threads that decode.
pub struct PixelBudget {
    used: Mutex<u64>,
    freed: Condvar,
    limit: u64,
}

/// The build's budget.
pub static BUDGET: PixelBudget = PixelBudget::new(PIXELS_AT_ONCE);

impl PixelBudget {
    pub const fn new(limit: u64) -> PixelBudget {
        PixelBudget {
            used: Mutex::new(0),
            freed: Condvar::new(),
            limit,
        }
    }

    /// Waits until `pixels` (at most the whole budget) fit, and takes them.
    pub fn take(&self, pixels: u64) -> Permit<'_> {
        let pixels = pixels.min(self.limit);
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used + pixels > self.limit {
            used = self
                .freed
                .wait(used)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *used += pixels;
        Permit {
            budget: self,
            pixels,
        }
    }

    fn give_back(&self, pixels: u64) {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used -= pixels;
        self.freed.notify_all();
    }
}

/// Pixels taken from a [`PixelBudget`], given back when dropped (a panic
/// in a decoder included).
pub struct Permit<'a> {
    budget: &'a PixelBudget,
    pixels: u64,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.budget.give_back(self.pixels);
    }
}

/// Decodes `bytes` into an upright image: EXIF orientation applied, no
/// metadata kept (only pixels leave this function). The pixels are taken
/// from `budget` before they are decoded; the permit goes with the image.
pub fn decode<'b>(
    bytes: &[u8],
    budget: &'b PixelBudget,
) -> Result<(DynamicImage, Permit<'b>), PhotoError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PhotoError::Unreadable(e.to_string()))?;
    let format = match reader.format() {
        Some(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        Some(other) => return Err(PhotoError::Unsupported(format!("{other:?}").to_uppercase())),
        None => return Err(PhotoError::NotAnImage),
    };
    if format == ImageFormat::Jpeg && !ends_with_eoi(bytes) {
        // A cut JPEG decodes "fine" with grey where the rest was.
        return Err(PhotoError::Truncated);
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    // Room for the decoded pixels of the largest allowed photo, RGBA.
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| PhotoError::Unreadable(e.to_string()))?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PhotoError::TooLarge { width, height });
    }
    if super::encode::webp_widths(width, height).is_empty() {
        return Err(PhotoError::TooLong { width, height });
    }
    let permit = budget.take(u64::from(width) * u64::from(height));
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoError::TooLarge { width, height },
        other => PhotoError::Unreadable(other.to_string()),
    })?;
    image.apply_orientation(orientation);
    Ok((image, permit))
}

/// Whether a JPEG ends with its end-of-image marker (`FF D9`), allowing
/// the padding some writers add after it.
fn ends_with_eoi(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|&b| b != 0x00 && b != b'\n' && b != b'\r' && b != b' ')
        .map_or(0, |i| i + 1);
    bytes[..end].ends_with(&[0xFF, 0xD9])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        }));
        let mut out = Vec::new();
        image
            .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
                &mut out, 90,
            ))
            .expect("jpeg");
        out
    }

    /// A PNG header claiming `width`×`height` (no pixels follow: a bomb's shape).
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&width.to_be_bytes());
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut crc_input = b"IHDR".to_vec();
        crc_input.extend_from_slice(&ihdr);
        let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
        out.extend_from_slice(&13u32.to_be_bytes());
        out.extend_from_slice(&crc_input);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
        // An empty image data chunk: the decoder reads the header up to it.
        out.extend_from_slice(&0u32.to_be_bytes());
        out.extend_from_slice(b"IDAT");
        out.extend_from_slice(&crc32(b"IDAT").to_be_bytes());
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn each_bad_photo_has_its_error() {
        let whole = jpeg(400, 300);
        let cut = whole[..whole.len() * 6 / 10].to_vec();
        let cases: Vec<(&str, Vec<u8>, PhotoError)> = vec![
            ("a JPEG cut at 60 %", cut, PhotoError::Truncated),
            (
                "text named .jpg",
                b"<html>not a photo</html>".to_vec(),
                PhotoError::NotAnImage,
            ),
            (
                "a GIF",
                b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec(),
                PhotoError::Unsupported("GIF".into()),
            ),
            (
                "a BMP",
                b"BM\x00\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00".to_vec(),
                PhotoError::Unsupported("BMP".into()),
            ),
            (
                "a 10000×6000 PNG",
                png_header(10_000, 6_000),
                PhotoError::TooLarge {
                    width: 10_000,
                    height: 6_000,
                },
            ),
            (
                "a 100×20000 PNG",
                png_header(100, 20_000),
                PhotoError::TooLong {
                    width: 100,
                    height: 20_000,
                },
            ),
        ];
        for (what, bytes, want) in cases {
            assert_eq!(decode(&bytes, &BUDGET).err(), Some(want), "{what}");
        }
        assert_eq!(
            decode(&whole, &BUDGET)
                .map(|(i, _)| (i.width(), i.height()))
                .ok(),
            Some((400, 300))
        );
    }

    /// `jpeg` with a minimal EXIF segment holding only `orientation`.
    fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let mut exif = b"Exif\0\0II\x2a\0\x08\0\0\0\x01\0".to_vec();
        exif.extend_from_slice(&0x0112u16.to_le_bytes());
        exif.extend_from_slice(&3u16.to_le_bytes());
        exif.extend_from_slice(&1u32.to_le_bytes());
        exif.extend_from_slice(&u32::from(orientation).to_le_bytes());
        exif.extend_from_slice(&0u32.to_le_bytes());
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&(exif.len() as u16 + 2).to_be_bytes());
        out.extend(exif);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn photos_are_turned_upright() {
        let landscape = jpeg(40, 20);
        let cases = [(1, (40, 20)), (3, (40, 20)), (6, (20, 40)), (8, (20, 40))];
        for (orientation, want) in cases {
            let (image, _) =
                decode(&with_orientation(&landscape, orientation), &BUDGET).expect("decodes");
            assert_eq!(
                (image.width(), image.height()),
                want,
                "orientation {orientation}"
            );
        }
    }

    #[test]
    fn messages_say_what_and_how() {
        let cases = [
            (PhotoError::Truncated, "is cut short"),
            (
                PhotoError::Unsupported("GIF".into()),
                "is a GIF image; photos must be JPEG, PNG or WebP",
            ),
            (
                PhotoError::TooLarge {
                    width: 10_000,
                    height: 6_000,
                },
                "is 10000×6000 pixels, over the 50 megapixels",
            ),
            (PhotoError::NotAnImage, "is not an image"),
        ];
        for (error, want) in cases {
            assert!(error.to_string().starts_with(want), "{error}");
            assert!(!error.hint().is_empty());
        }
    }

    #[test]
    fn the_budget_holds_a_photo_until_the_pixels_are_given_back() {
        let budget = PixelBudget::new(100);
        let first = budget.take(60);
        // A photo over the whole budget takes all of it, and waits for it.
        let started = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            let waiter = s.spawn(|| {
                let _second = budget.take(1_000);
                started.store(true, std::sync::atomic::Ordering::SeqCst);
            });
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!started.load(std::sync::atomic::Ordering::SeqCst));
            drop(first);
            waiter.join().expect("the second photo ran");
        });
        assert!(started.load(std::sync::atomic::Ordering::SeqCst));
        assert_eq!(*budget.used.lock().expect("lock"), 0);
    }

    #[test]
    fn end_of_image() {
        let cases: [(&[u8], bool); 5] = [
            (&[0xFF, 0xD8, 0x00, 0xFF, 0xD9], true),
            (&[0xFF, 0xD8, 0x00, 0xFF, 0xD9, 0x00, 0x00], true),
            (&[0xFF, 0xD8, 0x00, 0x12], false),
            (&[0xFF, 0xD8, 0xFF, 0xD9, 0x12, 0x34], false),
            (&[], false),
        ];
        for (bytes, want) in cases {
            assert_eq!(ends_with_eoi(bytes), want, "{bytes:?}");
        }
    }
}
