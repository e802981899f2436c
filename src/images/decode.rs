//! Reading one source image: its format and size from the header, refusing pixel bombs before
//! any large allocation, then its pixels as 8-bit RGB or RGBA with what is needed to show them
//! right: the EXIF orientation and the embedded ICC colour profile.
//!
//! Supported sources are JPEG (including CMYK), PNG (palette, grey, 16-bit, alpha) and WebP.
//! A CMYK JPEG with a CMYK profile is converted through that profile; other profiles (Display
//! P3 from phones, Adobe RGB, grey) are applied by [`to_srgb`] after the first downscale, where
//! it costs a fraction of the full-size image.

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbImage, RgbaImage};
use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};
use std::io::Cursor;

/// Why an image cannot be published, in the words of a content error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub hint: String,
}

impl Problem {
    fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem { message: message.into(), hint: hint.into() }
    }
}

/// What a source image may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_pixels: u64,
}

/// What the header says, read without decoding any pixel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Width and height as displayed, after the EXIF orientation.
    pub width: u32,
    pub height: u32,
}

/// The decoded pixels, as stored (before the orientation is applied).
pub struct Decoded {
    /// The displayed size, as [`probe`] reads it.
    pub header: Header,
    pub pixels: Pixels,
    pub orientation: Orientation,
    /// A colour profile still to apply (RGB or grey sources); `None` when the pixels are sRGB.
    pub profile: Option<ColorProfile>,
}

/// 8-bit pixels; RGBA only when the source has transparency.
pub enum Pixels {
    Rgb(RgbImage),
    Rgba(RgbaImage),
}

impl Pixels {
    pub fn dimensions(&self) -> (u32, u32) {
        match self {
            Pixels::Rgb(i) => i.dimensions(),
            Pixels::Rgba(i) => i.dimensions(),
        }
    }
}

/// Reads the header only: format, size and orientation; refuses what is over the limits.
pub fn probe(bytes: &[u8], limits: Limits) -> Result<Header, Problem> {
    let (_, mut decoder) = open(bytes, limits)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = decoder.dimensions();
    Ok(oriented(width, height, orientation))
}

/// Decodes the pixels, converted to 8 bits per channel.
pub fn decode(bytes: &[u8], limits: Limits) -> Result<Decoded, Problem> {
    let (format, mut decoder) = open(bytes, limits)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = decoder.dimensions();
    let header = oriented(width, height, orientation);
    let profile = decoder.icc_profile().ok().flatten().and_then(|icc| ColorProfile::new_from_slice(&icc).ok());
    if format == ImageFormat::Jpeg
        && let Some(cmyk) = profile.as_ref().filter(|p| p.color_space == DataColorSpace::Cmyk)
    {
        drop(decoder);
        let pixels = decode_cmyk_jpeg(bytes, cmyk)?;
        return Ok(Decoded { header, pixels: Pixels::Rgb(pixels), orientation, profile: None });
    }
    let image = DynamicImage::from_decoder(decoder).map_err(|e| unreadable(&e))?;
    let grey = matches!(image, DynamicImage::ImageLuma8(_) | DynamicImage::ImageLuma16(_));
    let grey_alpha = matches!(image, DynamicImage::ImageLumaA8(_) | DynamicImage::ImageLumaA16(_));
    let alpha = image.color().has_alpha();
    match profile {
        // A grey profile describes one channel: apply it before the channels are widened.
        Some(p) if p.color_space == DataColorSpace::Gray && (grey || grey_alpha) => {
            let pixels = if grey_alpha {
                let la = image.into_luma_alpha8();
                let (w, h) = la.dimensions();
                let mut out = vec![0u8; w as usize * h as usize * 4];
                transform(&p, Layout::GrayAlpha, la.as_raw(), Layout::Rgba, &mut out)?;
                Pixels::Rgba(RgbaImage::from_raw(w, h, out).expect("sized for the image"))
            } else {
                let l = image.into_luma8();
                let (w, h) = l.dimensions();
                let mut out = vec![0u8; w as usize * h as usize * 3];
                transform(&p, Layout::Gray, l.as_raw(), Layout::Rgb, &mut out)?;
                Pixels::Rgb(RgbImage::from_raw(w, h, out).expect("sized for the image"))
            };
            Ok(Decoded { header, pixels, orientation, profile: None })
        }
        profile => {
            let pixels = if alpha { Pixels::Rgba(image.into_rgba8()) } else { Pixels::Rgb(image.into_rgb8()) };
            let profile = profile.filter(|p| p.color_space == DataColorSpace::Rgb);
            Ok(Decoded { header, pixels, orientation, profile })
        }
    }
}

/// Converts pixels described by an RGB `profile` to sRGB, in place of the buffer.
pub fn to_srgb(pixels: Pixels, profile: &ColorProfile) -> Result<Pixels, Problem> {
    Ok(match pixels {
        Pixels::Rgb(image) => {
            let (w, h) = image.dimensions();
            let mut out = vec![0u8; image.as_raw().len()];
            transform(profile, Layout::Rgb, image.as_raw(), Layout::Rgb, &mut out)?;
            Pixels::Rgb(RgbImage::from_raw(w, h, out).expect("sized for the image"))
        }
        Pixels::Rgba(image) => {
            let (w, h) = image.dimensions();
            let mut out = vec![0u8; image.as_raw().len()];
            transform(profile, Layout::Rgba, image.as_raw(), Layout::Rgba, &mut out)?;
            Pixels::Rgba(RgbaImage::from_raw(w, h, out).expect("sized for the image"))
        }
    })
}

fn transform(profile: &ColorProfile, from: Layout, src: &[u8], to: Layout, dst: &mut [u8]) -> Result<(), Problem> {
    let bad_profile = |e: moxcms::CmsError| {
        Problem::new(
            format!("has an embedded colour profile that cannot be applied ({e})"),
            "export the image again as sRGB",
        )
    };
    let executor = profile
        .create_transform_8bit(from, &ColorProfile::new_srgb(), to, TransformOptions::default())
        .map_err(bad_profile)?;
    executor.transform(src, dst).map_err(bad_profile)
}

/// Detects the format, builds the decoder with allocation limits, checks the size, and
/// refuses a JPEG cut short.
fn open(bytes: &[u8], limits: Limits) -> Result<(ImageFormat, Box<dyn ImageDecoder + '_>), Problem> {
    let format = image::guess_format(bytes).map_err(|_| {
        Problem::new("is not a JPEG, PNG or WebP image (its first bytes match none of them)", EXPORT_AGAIN)
    })?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(Problem::new(
            format!("is a {} image; only JPEG, PNG and WebP are supported", format.extensions_str()[0].to_uppercase()),
            EXPORT_AGAIN,
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut image_limits = image::Limits::default();
    image_limits.max_alloc = Some(limits.max_pixels.saturating_mul(8).saturating_add(64 << 20));
    reader.limits(image_limits);
    let decoder = reader.into_decoder().map_err(|e| unreadable(&e))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(Problem::new(format!("has no pixels ({width}×{height})"), EXPORT_AGAIN));
    }
    within_limits(width, height, limits)?;
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(Problem::new("is truncated: its image data stops before the end marker", EXPORT_AGAIN));
    }
    Ok((format, Box::new(decoder)))
}

/// Refuses a size over the megapixel limit.
pub fn within_limits(width: u32, height: u32, limits: Limits) -> Result<(), Problem> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(Problem::new(
            format!(
                "is {width}×{height} pixels ({:.1} megapixels), over the limit of {} megapixels",
                pixels as f64 / 1e6,
                limits.max_pixels / 1_000_000
            ),
            "scale it down before committing (2,000 pixels wide is plenty), or raise `images.max_megapixels` in site.yaml",
        ));
    }
    Ok(())
}

const EXPORT_AGAIN: &str = "open it in an image editor and export it again as JPEG or PNG";

fn unreadable(error: &image::ImageError) -> Problem {
    match error {
        image::ImageError::Limits(_) => Problem::new(
            "needs more memory to decode than katalog allows",
            "scale it down before committing, or raise `images.max_megapixels` in site.yaml",
        ),
        image::ImageError::Unsupported(e) => {
            Problem::new(format!("uses a feature katalog cannot read: {e}"), EXPORT_AGAIN)
        }
        e => Problem::new(format!("is damaged or truncated: {e}"), EXPORT_AGAIN),
    }
}

fn oriented(width: u32, height: u32, orientation: Orientation) -> Header {
    if swaps_axes(orientation) { Header { width: height, height: width } } else { Header { width, height } }
}

/// Whether an orientation turns the image by a quarter.
pub fn swaps_axes(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90 | Orientation::Rotate270 | Orientation::Rotate90FlipH | Orientation::Rotate270FlipH
    )
}

/// A CMYK JPEG with a CMYK profile: the raw ink values, converted to sRGB through the profile.
fn decode_cmyk_jpeg(bytes: &[u8], profile: &ColorProfile) -> Result<RgbImage, Problem> {
    use zune_jpeg::zune_core::{colorspace::ColorSpace, options::DecoderOptions};
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::CMYK);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(Cursor::new(bytes), options);
    let damaged = |e: &dyn std::fmt::Display| Problem::new(format!("is damaged or truncated: {e}"), EXPORT_AGAIN);
    decoder.decode_headers().map_err(|e| damaged(&e))?;
    let (width, height) = decoder.dimensions().expect("headers were decoded");
    if decoder.input_colorspace() != Some(ColorSpace::CMYK) {
        // YCCK and friends: let the general decoder convert them without the profile.
        let image = image::load_from_memory_with_format(bytes, ImageFormat::Jpeg).map_err(|e| unreadable(&e))?;
        return Ok(image.into_rgb8());
    }
    let mut inks = decoder.decode().map_err(|e| damaged(&e))?;
    // Adobe applications store CMYK JPEGs inverted (0 = full ink), and mark them with APP14.
    if has_adobe_marker(bytes) {
        inks.iter_mut().for_each(|v| *v = 255 - *v);
    }
    let mut rgb = vec![0u8; width * height * 3];
    transform(profile, Layout::Rgba, &inks, Layout::Rgb, &mut rgb)?;
    Ok(RgbImage::from_raw(width as u32, height as u32, rgb).expect("sized for the image"))
}

/// The JPEG header segments before the first scan: `(marker, offset of the segment)`.
fn jpeg_segments(bytes: &[u8]) -> impl Iterator<Item = (u8, usize)> + '_ {
    let mut at = 2;
    std::iter::from_fn(move || {
        if at + 4 > bytes.len() || bytes[at] != 0xFF {
            return None;
        }
        let found = (bytes[at + 1], at);
        at = if found.0 == 0xDA {
            usize::MAX - 4
        } else {
            at + 2 + u16::from_be_bytes([bytes[at + 2], bytes[at + 3]]) as usize
        };
        Some(found)
    })
}

/// Whether the JPEG has an Adobe APP14 segment, before its first scan.
fn has_adobe_marker(bytes: &[u8]) -> bool {
    jpeg_segments(bytes)
        .take_while(|&(m, _)| m != 0xDA)
        .any(|(m, at)| m == 0xEE && bytes.get(at + 4..at + 9) == Some(b"Adobe"))
}

/// Whether the image data after the first scan ends with an end-of-image marker. Decoders
/// fill a cut-off JPEG with grey instead of failing; entropy-coded data never holds `FF D9`,
/// so its absence means the file was cut short. (Data a phone appends after the marker, such
/// as a motion photo's video, is fine.)
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let Some((_, scan)) = jpeg_segments(bytes).find(|&(m, _)| m == 0xDA) else { return false };
    bytes[scan..].windows(2).any(|w| w == [0xFF, 0xD9])
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: Limits = Limits { max_pixels: 50_000_000 };

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        RgbImage::new(width, height).write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).unwrap();
        bytes
    }

    #[test]
    fn a_header_claiming_huge_dimensions_is_refused_before_decoding() {
        let mut bytes = png(1, 1);
        // IHDR width and height (bytes 16..24), claiming 60000×60000, CRC fixed up.
        bytes[16..20].copy_from_slice(&60000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&60000u32.to_be_bytes());
        let crc = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        let problem = probe(&bytes, LIMITS).unwrap_err();
        assert!(problem.message.contains("60000×60000"), "{problem:?}");
        assert!(problem.message.contains("over the limit of 50 megapixels"), "{problem:?}");
        assert!(decode(&bytes, LIMITS).is_err());
    }

    #[test]
    fn text_is_not_an_image() {
        let problem = probe(b"hello, this is not a picture", LIMITS).unwrap_err();
        assert!(problem.message.contains("not a JPEG, PNG or WebP"), "{problem:?}");
    }

    #[test]
    fn a_truncated_png_is_damaged() {
        let mut bytes = Vec::new();
        RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8, y as u8, 7]))
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png)
            .unwrap();
        bytes.truncate(bytes.len() / 2);
        assert!(probe(&bytes, LIMITS).is_ok(), "the header is intact");
        let problem = decode(&bytes, LIMITS).err().expect("the pixels are cut short");
        assert!(problem.message.starts_with("is damaged or truncated"), "{problem:?}");
    }

    #[test]
    fn a_jpeg_cut_short_is_incomplete() {
        let mut bytes = Vec::new();
        RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8, y as u8, 7]))
            .write_to(&mut Cursor::new(&mut bytes), ImageFormat::Jpeg)
            .unwrap();
        assert!(jpeg_is_complete(&bytes));
        let mut with_trailer = bytes.clone();
        with_trailer.extend_from_slice(b"....ftypmp42 a motion photo's video");
        assert!(jpeg_is_complete(&with_trailer));
        bytes.truncate(bytes.len() - 20);
        assert!(!jpeg_is_complete(&bytes));
        assert!(probe(&bytes, LIMITS).unwrap_err().message.starts_with("is truncated"));
    }

    #[test]
    fn finds_the_adobe_marker() {
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xEE, 0, 14];
        jpeg.extend_from_slice(b"Adobe\0\0\0\0\0\0\0");
        jpeg.extend_from_slice(&[0xFF, 0xDA]);
        assert!(has_adobe_marker(&jpeg));
        assert!(!has_adobe_marker(&jpeg[..8]));
    }
}
