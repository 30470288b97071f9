//! Writing a photo's variants: lossy WebP at the design's widths, one JPEG
//! (PNG with transparency) fallback, the share card, the dominant colour.

use image::imageops::FilterType;
use image::{DynamicImage, GenericImageView};

use super::PhotoError;

/// WebP widths (docs/architecture.md, “Photos”), never wider than the source.
pub const WIDTHS: [u32; 5] = [240, 480, 800, 1200, 1600];
/// The `src` fallback's widest.
pub const FALLBACK_MAX: u32 = 960;
pub const WEBP_QUALITY: f32 = 72.0;
pub const JPEG_QUALITY: u8 = 80;
/// The ratios of the structured data's images: search engines pick the one
/// their layout needs (docs/architecture.md, “Photos”).
pub const CROP_RATIOS: [(u32, u32); 3] = [(16, 9), (4, 3), (1, 1)];
/// A crop's widest: what news results and Discover cards ask for.
pub const CROP_MAX_WIDTH: u32 = 1200;
/// A crop smaller than this is no use to a search engine: none is made.
pub const CROP_MIN_PIXELS: u64 = 50_000;

/// Everything that changes the bytes written, for the content hash.
pub fn settings() -> String {
    format!(
        "widths={WIDTHS:?} fallback={FALLBACK_MAX} webp={WEBP_QUALITY} jpeg={JPEG_QUALITY} card={}x{} libwebp={} image=0.25 bantin-photos=1",
        bantin_model::CARD_WIDTH,
        bantin_model::CARD_HEIGHT,
        libwebp_version()
    )
}

fn libwebp_version() -> String {
    let v = webp::Encoder::from_rgb(&[0, 0, 0], 1, 1)
        .encode_simple(false, 1.0)
        .map(|m| m.to_vec())
        .unwrap_or_default();
    // The version is not exposed; what one pixel encodes to stands for it.
    format!("{:016x}", bantin_model::fnv::fnv1a_64(&v))
}

/// The longest side libwebp encodes (`WEBP_MAX_DIMENSION`).
pub const WEBP_MAX_SIDE: u32 = 16_383;

/// The height of a `width`×`height` photo scaled to `to` px wide (never up).
fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    if to >= width {
        return height;
    }
    ((u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width.max(1))).max(1)
        as u32
}

/// The WebP widths for a source `width`×`height`: the design's widths up
/// to its width (or its own when it is narrower than the smallest), but
/// only those at which it is at most [`WEBP_MAX_SIDE`] tall. A long
/// infographic (1200×20000) gets its narrower variants; one too long even
/// at the narrowest gets none, and [`super::PhotoError::TooLong`].
pub fn webp_widths(width: u32, height: u32) -> Vec<u32> {
    let fitting: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w <= width).collect();
    let candidates = if fitting.is_empty() {
        vec![width]
    } else {
        fitting
    };
    candidates
        .into_iter()
        .filter(|&w| w <= WEBP_MAX_SIDE && scaled_height(width, height, w) <= WEBP_MAX_SIDE)
        .collect()
}

/// The fallback's width.
pub fn fallback_width(width: u32) -> u32 {
    width.min(FALLBACK_MAX)
}

/// `image` scaled to `width` (never up), keeping its proportions.
fn scaled(image: &DynamicImage, width: u32) -> DynamicImage {
    let (w, h) = image.dimensions();
    if width >= w {
        return image.clone();
    }
    image.resize_exact(width, scaled_height(w, h, width), FilterType::CatmullRom)
}

pub fn webp(image: &DynamicImage) -> Result<Vec<u8>, PhotoError> {
    let (w, h) = image.dimensions();
    // The fallible call: libwebp refuses some inputs (a side over its
    // limit), and `encode` would panic on them.
    let encoded = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        webp::Encoder::from_rgba(&rgba, w, h).encode_simple(false, WEBP_QUALITY)
    } else {
        let rgb = image.to_rgb8();
        webp::Encoder::from_rgb(&rgb, w, h).encode_simple(false, WEBP_QUALITY)
    };
    encoded
        .map(|m| m.to_vec())
        .map_err(|e| PhotoError::Unreadable(format!("the WebP encoder refused it ({e:?})")))
}

pub fn jpeg(image: &DynamicImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    image
        .to_rgb8()
        .write_with_encoder(encoder)
        .map_err(|e| PhotoError::Unreadable(e.to_string()))?;
    Ok(out)
}

pub fn png(image: &DynamicImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new(&mut out);
    image
        .to_rgba8()
        .write_with_encoder(encoder)
        .map_err(|e| PhotoError::Unreadable(e.to_string()))?;
    Ok(out)
}

/// One encoded file: its width and extension, and bytes.
pub struct Encoded {
    pub suffix: String,
    pub bytes: Vec<u8>,
}

/// Every file of a photo, widest first, each from the next wider one (a
/// 16 MB source is scaled down once, not five times).
pub fn variants(image: &DynamicImage) -> Result<Vec<Encoded>, PhotoError> {
    let (width, height) = image.dimensions();
    let mut out = Vec::new();
    let widths = webp_widths(width, height);
    if widths.is_empty() {
        return Err(PhotoError::TooLong { width, height });
    }
    // Each variant from the last one (no copy of the source itself).
    let mut current: Option<DynamicImage> = None;
    for &w in widths.iter().rev() {
        let next = scaled(current.as_ref().unwrap_or(image), w);
        out.push(Encoded {
            suffix: format!("{w}.webp"),
            bytes: webp(&next)?,
        });
        current = Some(next);
    }
    let fallback = scaled(image, fallback_width(width));
    let (suffix, bytes) = if image.color().has_alpha() {
        (format!("{}.png", fallback.width()), png(&fallback)?)
    } else {
        (format!("{}.jpg", fallback.width()), jpeg(&fallback)?)
    };
    out.push(Encoded { suffix, bytes });
    if has_card(image.width(), image.height()) {
        let card = image.resize_to_fill(
            bantin_model::CARD_WIDTH,
            bantin_model::CARD_HEIGHT,
            FilterType::CatmullRom,
        );
        out.push(Encoded {
            suffix: "card.jpg".to_owned(),
            bytes: jpeg(&card)?,
        });
    }
    let alpha = image.color().has_alpha();
    for ratio in CROP_RATIOS {
        if let Some((w, h)) = crop_size(width, height, ratio) {
            let crop = image.resize_to_fill(w, h, FilterType::CatmullRom);
            let bytes = if alpha { png(&crop)? } else { jpeg(&crop)? };
            out.push(Encoded {
                suffix: crop_suffix(w, h, alpha),
                bytes,
            });
        }
    }
    Ok(out)
}

/// The size of the largest `ratio` crop of a `width`×`height` photo,
/// scaled to at most [`CROP_MAX_WIDTH`] wide and never up; none when that
/// is under [`CROP_MIN_PIXELS`].
pub fn crop_size(width: u32, height: u32, (rw, rh): (u32, u32)) -> Option<(u32, u32)> {
    let widest = u64::from(width).min(u64::from(height) * u64::from(rw) / u64::from(rh));
    let w = widest.min(u64::from(CROP_MAX_WIDTH));
    let h = w * u64::from(rh) / u64::from(rw);
    (h > 0 && w * h >= CROP_MIN_PIXELS).then_some((w as u32, h as u32))
}

/// A crop's file suffix, its pixel size: `1200x675.jpg` (`.png` with
/// transparency). The size in the name, not in the photo's key: adding or
/// resizing crops adds files without renaming a photo's other files, and a
/// cache without them encodes the photo again.
pub fn crop_suffix(width: u32, height: u32, has_alpha: bool) -> String {
    let ext = if has_alpha { "png" } else { "jpg" };
    format!("{width}x{height}.{ext}")
}

/// Whether a photo is large enough for a share card (cropped, never
/// scaled up); smaller ones are shared as they are.
pub fn has_card(width: u32, height: u32) -> bool {
    width >= bantin_model::CARD_WIDTH && height >= bantin_model::CARD_HEIGHT
}

/// The dominant colour as `#rrggbb`: the average of a small copy.
pub fn color(image: &DynamicImage) -> String {
    let small = image.resize_exact(16, 16, FilterType::Triangle).to_rgb8();
    let n = u64::from(small.width() * small.height()).max(1);
    let mut sum = [0u64; 3];
    for pixel in small.pixels() {
        for (s, &c) in sum.iter_mut().zip(pixel.0.iter()) {
            *s += u64::from(c);
        }
    }
    format!("#{:02x}{:02x}{:02x}", sum[0] / n, sum[1] / n, sum[2] / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_upscale() {
        let cases: [(u32, &[u32], u32); 6] = [
            (5640, &[240, 480, 800, 1200, 1600], 960),
            (1600, &[240, 480, 800, 1200, 1600], 960),
            (1000, &[240, 480, 800], 960),
            (800, &[240, 480, 800], 800),
            (240, &[240], 240),
            (100, &[100], 100),
        ];
        for (width, webp, fallback) in cases {
            assert_eq!(webp_widths(width, width), webp, "{width}");
            assert_eq!(fallback_width(width), fallback, "{width}");
        }
    }

    #[test]
    fn long_photos_keep_the_variants_libwebp_can_encode() {
        // (width, height, WebP widths)
        let cases: [(u32, u32, &[u32]); 6] = [
            (1200, 20_000, &[240, 480, 800]),
            (1200, 16_383, &[240, 480, 800, 1200]),
            (16_384, 100, &[240, 480, 800, 1200, 1600]),
            (240, 16_384, &[]),
            (100, 20_000, &[]),
            (3000, 204_000, &[240]),
        ];
        for (width, height, want) in cases {
            assert_eq!(webp_widths(width, height), want, "{width}×{height}");
        }
    }

    #[test]
    fn a_long_infographic_is_encoded_without_a_panic() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            1200,
            20_000,
            image::Rgb([250, 250, 240]),
        ));
        let files = variants(&image).expect("variants");
        let names: Vec<&str> = files.iter().map(|f| f.suffix.as_str()).collect();
        assert_eq!(
            names,
            [
                "800.webp",
                "480.webp",
                "240.webp",
                "960.jpg",
                "card.jpg",
                "1200x675.jpg",
                "1200x900.jpg",
                "1200x1200.jpg"
            ]
        );
        // libwebp's own refusal is an error, never a panic.
        let tall = DynamicImage::ImageRgb8(image::RgbImage::new(10, 16_400));
        assert!(matches!(webp(&tall), Err(PhotoError::Unreadable(_))));
        let too_long = DynamicImage::ImageRgb8(image::RgbImage::new(100, 20_000));
        assert_eq!(
            variants(&too_long).err(),
            Some(PhotoError::TooLong {
                width: 100,
                height: 20_000
            })
        );
    }

    #[test]
    fn variants_and_colour() {
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            1000,
            500,
            image::Rgb([200, 100, 50]),
        ));
        let files = variants(&image).expect("variants");
        let names: Vec<&str> = files.iter().map(|f| f.suffix.as_str()).collect();
        assert_eq!(
            names,
            [
                "800.webp",
                "480.webp",
                "240.webp",
                "960.jpg",
                "888x499.jpg",
                "666x499.jpg",
                "500x500.jpg"
            ]
        );
        assert!(files[0].bytes.starts_with(b"RIFF"));
        assert!(files[3].bytes.starts_with(&[0xFF, 0xD8]));
        assert_eq!(color(&image), "#c86432");
        let clear = DynamicImage::ImageRgba8(image::RgbaImage::new(100, 100));
        let names: Vec<String> = variants(&clear)
            .expect("alpha")
            .into_iter()
            .map(|f| f.suffix)
            .collect();
        assert_eq!(names, ["100.webp", "100.png"]);
        let big = DynamicImage::ImageRgb8(image::RgbImage::new(1300, 700));
        let files = variants(&big).expect("big");
        assert!(files.iter().any(|f| f.suffix == "card.jpg"));
        let clear = DynamicImage::ImageRgba8(image::RgbaImage::new(400, 300));
        let files = variants(&clear).expect("alpha");
        assert_eq!(files.last().map(|f| f.suffix.as_str()), Some("300x300.png"));
        let decoded = image::load_from_memory(&files[files.len() - 1].bytes).expect("a PNG");
        assert_eq!(decoded.dimensions(), (300, 300));
    }

    #[test]
    fn crops_are_the_largest_of_their_ratio_never_upscaled() {
        // (width, height, ratio, crop)
        type Size = (u32, u32);
        let cases: [(u32, u32, Size, Option<Size>); 9] = [
            (5640, 3172, (16, 9), Some((1200, 675))),
            (5640, 3172, (4, 3), Some((1200, 900))),
            (5640, 3172, (1, 1), Some((1200, 1200))),
            // Smaller than 1200 wide: the whole width or height, not more.
            (800, 600, (16, 9), Some((800, 450))),
            (800, 600, (4, 3), Some((800, 600))),
            (800, 600, (1, 1), Some((600, 600))),
            // A tall photo: its width decides.
            (600, 2000, (16, 9), Some((600, 337))),
            // Under 50 000 pixels: none.
            (300, 150, (16, 9), None),
            (200, 200, (1, 1), None),
        ];
        for (width, height, ratio, want) in cases {
            assert_eq!(
                crop_size(width, height, ratio),
                want,
                "{width}×{height} {ratio:?}"
            );
            if let Some((w, h)) = want {
                assert!(w <= width && h <= height, "{width}×{height} {ratio:?}");
            }
        }
    }
}
