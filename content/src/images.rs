//! Exercise images: an upload checked by its first bytes (PNG, JPEG or WebP — never SVG),
//! its size read from the header before anything is decoded (so a small file declaring
//! 100,000 × 100,000 pixels is refused without allocating), decoded within memory limits and
//! re-encoded — which drops every metadata block (camera, place, author) — at full size for
//! zooming, at display size and as a thumbnail. The original bytes are never kept: their hash
//! names the files, so a URL is unguessable and identical uploads are stored once.
//!
//! Pure: bytes in, bytes out. Callers run it off the async runtime (it takes a CPU for up to a
//! second on a large photo).

use image::{DynamicImage, ImageFormat, ImageReader, Limits, RgbImage};
use sha2::{Digest, Sha256};
use std::io::Cursor;

/// Largest upload, in bytes.
pub const MAX_BYTES: usize = 15 * 1024 * 1024;
/// Longest side accepted, in pixels.
pub const MAX_SIDE: u32 = 10_000;
/// Most pixels accepted (width × height).
pub const MAX_PIXELS: u64 = 40_000_000;
/// Longest side of the full-size copy (kept for zooming).
pub const FULL_SIDE: u32 = 4000;
/// Longest side of the display copy.
pub const DISPLAY_SIDE: u32 = 1600;
/// Longest side of the thumbnail.
pub const THUMB_SIDE: u32 = 320;
/// Longest side of the icon shown in lists (64 CSS pixels, sharp on a screen of twice the
/// density).
pub const ICON_SIDE: u32 = 128;

/// Why an upload is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageProblem {
    /// Nothing was uploaded.
    #[error("the file is empty")]
    Empty,
    /// More than [`MAX_BYTES`].
    #[error("the file is larger than 15 MB")]
    TooLarge,
    /// SVG can carry scripts and links: refused.
    #[error("SVG drawings are not accepted: export the image as PNG or JPEG")]
    Svg,
    /// Not PNG, JPEG or WebP (whatever its name says).
    #[error("this is not a PNG, JPEG or WebP image")]
    NotAnImage,
    /// Too many pixels, or a side too long.
    #[error("the image is {0} × {1} pixels: at most 10,000 on a side and 40 million in all")]
    TooManyPixels(u32, u32),
    /// Cut short or damaged.
    #[error("the image is damaged or cut short and cannot be read")]
    Damaged,
}

/// An upload, processed.
#[derive(Clone)]
pub struct Processed {
    /// SHA-256 of the uploaded bytes, hex: the files' name.
    pub hash: String,
    /// Width of the full-size copy.
    pub width: u32,
    /// Height of the full-size copy.
    pub height: u32,
    /// Full size (longest side at most [`FULL_SIDE`]), JPEG.
    pub full: Vec<u8>,
    /// Display size, JPEG.
    pub display: Vec<u8>,
    /// Thumbnail, JPEG.
    pub thumb: Vec<u8>,
    /// Icon for lists ([`ICON_SIDE`]), JPEG.
    pub icon: Vec<u8>,
}

impl std::fmt::Debug for Processed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Processed {{ {} {}×{}, {} + {} + {} + {} bytes }}",
            self.hash,
            self.width,
            self.height,
            self.full.len(),
            self.display.len(),
            self.thumb.len(),
            self.icon.len()
        )
    }
}

/// The format of `bytes`, by their first bytes.
pub fn sniff(bytes: &[u8]) -> Result<ImageFormat, ImageProblem> {
    if bytes.is_empty() {
        return Err(ImageProblem::Empty);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(ImageFormat::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(ImageFormat::Jpeg);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Ok(ImageFormat::WebP);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let head = String::from_utf8_lossy(&text[start..text.len().min(start + 512)]).to_lowercase();
    if head.starts_with('<') && (head.contains("<svg") || head.starts_with("<?xml")) {
        return Err(ImageProblem::Svg);
    }
    Err(ImageProblem::NotAnImage)
}

/// `image` encoded as a JPEG of `quality` (1–100).
pub fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    // Encoding an in-memory RGB image into a Vec cannot fail.
    let _ = encoder.encode_image(image);
    out
}

/// `image` scaled down so its longest side is at most `side` (never up).
fn fit(image: &RgbImage, side: u32, filter: image::imageops::FilterType) -> RgbImage {
    let (w, h) = image.dimensions();
    let longest = w.max(h);
    if longest <= side {
        return image.clone();
    }
    let scale = f64::from(side) / f64::from(longest);
    let (nw, nh) = (
        ((f64::from(w) * scale).round() as u32).max(1),
        ((f64::from(h) * scale).round() as u32).max(1),
    );
    image::imageops::resize(image, nw, nh, filter)
}

/// Pixels with transparency laid on white (a document scan has no transparency to keep).
fn on_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(p[3]);
        for c in 0..3 {
            o[c] = ((u16::from(p[c]) * a + 255 * (255 - a)) / 255) as u8;
        }
    }
    out
}

/// The pixel size an upload declares, after the checks that need no decoding (size, format,
/// a whole JPEG, sides and pixels within the limits). What a caller budgets decoding by.
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), ImageProblem> {
    Ok(checked(bytes)?.1)
}

fn checked(bytes: &[u8]) -> Result<(ImageFormat, (u32, u32)), ImageProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(ImageProblem::TooLarge);
    }
    let format = sniff(bytes)?;
    // Decoders fill a cut-short JPEG with grey; a whole one ends with its end-of-image marker.
    if format == ImageFormat::Jpeg {
        let end = bytes.iter().rposition(|b| *b != 0).map_or(0, |i| i + 1);
        if !bytes[..end].ends_with(&[0xFF, 0xD9]) {
            return Err(ImageProblem::Damaged);
        }
    }
    let (w, h) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| ImageProblem::Damaged)?;
    if w == 0 || h == 0 {
        return Err(ImageProblem::Damaged);
    }
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(ImageProblem::TooManyPixels(w, h));
    }
    Ok((format, (w, h)))
}

/// Decodes a checked upload within the limits.
fn decode(bytes: &[u8]) -> Result<(ImageFormat, DynamicImage), ImageProblem> {
    let (format, _) = checked(bytes)?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|_| ImageProblem::Damaged)?;
    Ok((format, decoded))
}

/// Checks, decodes and re-encodes an upload.
pub fn process(bytes: &[u8]) -> Result<Processed, ImageProblem> {
    let (_, decoded) = decode(bytes)?;
    let full = fit(
        &on_white(decoded),
        FULL_SIDE,
        image::imageops::FilterType::Triangle,
    );
    let display = fit(&full, DISPLAY_SIDE, image::imageops::FilterType::Triangle);
    let thumb = fit(&display, THUMB_SIDE, image::imageops::FilterType::Triangle);
    let icon = icon_of(&thumb);
    Ok(Processed {
        hash: format!("{:x}", Sha256::digest(bytes)),
        width: full.width(),
        height: full.height(),
        full: jpeg(&full, 90),
        display: jpeg(&display, 85),
        thumb: jpeg(&thumb, 80),
        icon,
    })
}

/// The list icon of an image, from any of its larger copies: at most [`ICON_SIDE`] on its
/// longest side, a small JPEG (a few KiB).
fn icon_of(from: &RgbImage) -> Vec<u8> {
    jpeg(
        &fit(from, ICON_SIDE, image::imageops::FilterType::Triangle),
        60,
    )
}

/// The list icon made from a stored thumbnail (a JPEG this module wrote), for images kept
/// before icons existed.
pub fn icon_from_thumb(thumb: &[u8]) -> Result<Vec<u8>, ImageProblem> {
    let decoded = image::load_from_memory_with_format(thumb, image::ImageFormat::Jpeg)
        .map_err(|_| ImageProblem::Damaged)?;
    Ok(icon_of(&decoded.to_rgb8()))
}

/// A lesson image as trainees' browsers receive it: decoded within the limits, at most
/// [`FULL_SIDE`] on its longest side, and encoded again in its own format (PNG and WebP
/// losslessly, keeping transparency; JPEG at quality 90), so whatever the file declared or
/// carried besides its pixels (metadata, a 100,000-pixel-wide header) is gone. Returns the
/// bytes and their content type.
pub fn lesson_image(bytes: &[u8]) -> Result<(Vec<u8>, &'static str), ImageProblem> {
    let (format, decoded) = decode(bytes)?;
    let (w, h) = (decoded.width(), decoded.height());
    let decoded = if w.max(h) > FULL_SIDE {
        decoded.resize(FULL_SIDE, FULL_SIDE, image::imageops::FilterType::Triangle)
    } else {
        decoded
    };
    let mut out = Vec::new();
    let content_type = match format {
        ImageFormat::Jpeg => {
            out = jpeg(&decoded.to_rgb8(), 90);
            "image/jpeg"
        }
        ImageFormat::WebP => {
            image::codecs::webp::WebPEncoder::new_lossless(&mut out)
                .encode(
                    decoded.to_rgba8().as_raw(),
                    decoded.width(),
                    decoded.height(),
                    image::ExtendedColorType::Rgba8,
                )
                .map_err(|_| ImageProblem::Damaged)?;
            "image/webp"
        }
        _ => {
            decoded
                .to_rgba8()
                .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
                .map_err(|_| ImageProblem::Damaged)?;
            "image/png"
        }
    };
    Ok((out, content_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CRC-32 (IEEE), as PNG chunks carry it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in bytes {
            crc ^= u32::from(*b);
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

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn lesson_images_are_decoded_bounded_and_encoded_again() {
        let (out, kind) = lesson_image(&png(5000, 100)).unwrap();
        assert_eq!(kind, "image/png");
        let img = image::load_from_memory(&out).unwrap();
        assert_eq!((img.width(), img.height()), (FULL_SIDE, 80));
        // A JPEG with a GPS block comes back without it.
        let mut with_exif = jpeg(&RgbImage::new(64, 48), 90);
        with_exif.splice(
            2..2,
            b"\xFF\xE1\x00\x16Exif\x00\x00GPS 12.3N 45.6E"
                .iter()
                .copied(),
        );
        let (out, kind) = lesson_image(&with_exif).unwrap();
        assert_eq!(kind, "image/jpeg");
        assert!(!out.windows(3).any(|w| w == b"GPS"));
        // A PNG header declaring 100,000 × 100,000 pixels is refused before decoding.
        let mut huge = png(1, 1);
        huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&huge[12..29]);
        huge[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(
            lesson_image(&huge).unwrap_err(),
            ImageProblem::TooManyPixels(100_000, 100_000)
        );
        assert_eq!(dimensions(&png(30, 20)).unwrap(), (30, 20));
    }

    #[test]
    fn a_photo_gets_four_sizes_without_its_metadata() {
        let bytes = png(2400, 1200);
        let p = process(&bytes).unwrap();
        assert_eq!((p.width, p.height), (2400, 1200));
        assert_eq!(p.hash.len(), 64);
        let from_thumb = icon_from_thumb(&p.thumb).unwrap();
        for (file, side) in [
            (&p.full, 2400),
            (&p.display, 1600),
            (&p.thumb, 320),
            (&p.icon, 128),
            (&from_thumb, 128),
        ] {
            assert!(file.starts_with(&[0xFF, 0xD8, 0xFF]), "JPEG");
            let img = image::load_from_memory(file).unwrap();
            assert_eq!(img.width().max(img.height()), side);
        }
        assert_eq!(
            icon_from_thumb(b"not a jpeg").unwrap_err(),
            ImageProblem::Damaged
        );
        // A JPEG carrying an EXIF block (camera and place) comes back without it.
        let mut with_exif = jpeg(&RgbImage::new(64, 48), 90);
        let app1 = b"\xFF\xE1\x00\x16Exif\x00\x00GPS 12.3N 45.6E";
        with_exif.splice(2..2, app1.iter().copied());
        let p = process(&with_exif).unwrap();
        assert!(!p.full.windows(4).any(|w| w == b"Exif"));
        assert!(!p.full.windows(3).any(|w| w == b"GPS"));
    }

    #[test]
    fn what_is_not_a_sound_image_is_refused() {
        assert_eq!(process(b"").unwrap_err(), ImageProblem::Empty);
        assert_eq!(
            process(b"hello, this is text named photo.png").unwrap_err(),
            ImageProblem::NotAnImage
        );
        assert_eq!(
            process(b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>").unwrap_err(),
            ImageProblem::Svg
        );
        assert_eq!(
            process(b"  <svg onload=\"x()\"></svg>").unwrap_err(),
            ImageProblem::Svg
        );
        // A truncated JPEG.
        let whole = jpeg(
            &RgbImage::from_pixel(300, 200, image::Rgb([200, 10, 10])),
            90,
        );
        assert_eq!(
            process(&whole[..whole.len() / 3]).unwrap_err(),
            ImageProblem::Damaged
        );
        // A PNG whose header declares 100,000 × 100,000 pixels, in a few dozen bytes.
        let mut huge = png(1, 1);
        huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&huge[12..29]);
        huge[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(
            process(&huge).unwrap_err(),
            ImageProblem::TooManyPixels(100_000, 100_000)
        );
        assert_eq!(
            process(&vec![0xFF; MAX_BYTES + 1]).unwrap_err(),
            ImageProblem::TooLarge
        );
    }

    #[test]
    fn transparency_is_laid_on_white_and_the_hash_names_the_upload() {
        let clear = image::RgbaImage::from_pixel(10, 10, image::Rgba([0, 0, 0, 0]));
        let mut bytes = Vec::new();
        clear
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        let p = process(&bytes).unwrap();
        let back = image::load_from_memory(&p.full).unwrap().into_rgb8();
        assert!(
            back.pixels()
                .all(|px| px[0] > 240 && px[1] > 240 && px[2] > 240)
        );
        assert_eq!(
            process(&bytes).unwrap().hash,
            p.hash,
            "same upload, same name"
        );
        assert_ne!(process(&png(10, 10)).unwrap().hash, p.hash);
    }
}
