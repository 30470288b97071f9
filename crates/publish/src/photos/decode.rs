//! Reading a photo strictly: a known format, whole, not a bomb, upright.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use super::PhotoError;

/// Pixels a source may have (design §9).
pub const MAX_PIXELS: u64 = 50_000_000;

/// The formats accepted, as editors know them.
pub const SUPPORTED: &str = "JPEG, PNG or WebP";

/// Decodes `bytes` into an upright image: EXIF orientation applied, no
/// metadata kept (only pixels leave this function).
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, PhotoError> {
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
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => PhotoError::TooLarge { width, height },
        other => PhotoError::Unreadable(other.to_string()),
    })?;
    image.apply_orientation(orientation);
    Ok(image)
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
