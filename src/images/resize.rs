//! Making the published derivatives of one decoded image: downscaled to each configured width
//! (largest first, each step from the previous one), converted to sRGB, turned upright, and
//! encoded as lossy WebP (transparency kept) and baseline JPEG (transparency flattened onto
//! white). Encoders write pixels only: no EXIF, no GPS position, no comments.

use super::decode::{self, Decoded, Pixels, Problem};
use crate::config::ImageFormat;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image as FirImage};
use image::{DynamicImage, RgbImage, RgbaImage};

/// How derivatives are made (from `site.yaml` `images`).
#[derive(Debug, Clone)]
pub struct Settings {
    pub widths: Vec<u32>,
    pub formats: Vec<ImageFormat>,
    pub quality: u8,
}

/// One published file.
pub struct Derivative {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// The widths to publish for a source `source_width` pixels wide (as displayed), largest first:
/// every configured width the source can fill, plus the source's own width when some
/// configured width is wider than it (never upscale).
pub fn target_widths(widths: &[u32], source_width: u32) -> Vec<u32> {
    let mut out: Vec<u32> = widths.iter().copied().filter(|&w| w <= source_width).collect();
    if widths.iter().any(|&w| w > source_width) {
        out.push(source_width);
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    out.dedup();
    out
}

/// The height of a derivative `width` wide, keeping the source's proportions.
pub fn scaled_height(width: u32, source_width: u32, source_height: u32) -> u32 {
    let h = (u64::from(width) * u64::from(source_height) + u64::from(source_width) / 2) / u64::from(source_width);
    h.max(1) as u32
}

/// Every derivative of `decoded`.
pub fn derivatives(decoded: Decoded, settings: &Settings) -> Result<Vec<Derivative>, Problem> {
    let Decoded { header, pixels, orientation, profile } = decoded;
    let (width, height) = (header.width, header.height);
    let swap = decode::swaps_axes(orientation);
    let mut resizer = Resizer::new();
    let mut current: Option<Pixels> = None;
    let mut source = Some(pixels);
    let mut out = Vec::new();
    for w in target_widths(&settings.widths, width) {
        let h = scaled_height(w, width, height);
        let next = match current.take() {
            // The first (largest) size: from the source, then into sRGB and upright.
            None => {
                let stored = source.take().expect("the source is used once");
                let (sw, sh) = if swap { (h, w) } else { (w, h) };
                let mut step = resize(&mut resizer, stored, sw, sh);
                if let Some(profile) = &profile {
                    step = decode::to_srgb(step, profile)?;
                }
                upright(step, orientation)
            }
            Some(previous) => {
                let step = resize(&mut resizer, clone(&previous), w, h);
                drop(previous);
                step
            }
        };
        for &format in &settings.formats {
            out.push(Derivative { format, width: w, height: h, bytes: encode(&next, format, settings.quality) });
        }
        current = Some(next);
    }
    Ok(out)
}

fn clone(pixels: &Pixels) -> Pixels {
    match pixels {
        Pixels::Rgb(i) => Pixels::Rgb(i.clone()),
        Pixels::Rgba(i) => Pixels::Rgba(i.clone()),
    }
}

/// Resizes with a Lanczos filter (SIMD), alpha-aware; returns `pixels` itself at the same size.
fn resize(resizer: &mut Resizer, pixels: Pixels, width: u32, height: u32) -> Pixels {
    if pixels.dimensions() == (width, height) {
        return pixels;
    }
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let (w, h) = pixels.dimensions();
    let (kind, raw) = match pixels {
        Pixels::Rgb(i) => (PixelType::U8x3, i.into_raw()),
        Pixels::Rgba(i) => (PixelType::U8x4, i.into_raw()),
    };
    let src = FirImage::from_vec_u8(w, h, raw, kind).expect("the buffer matches its size");
    let mut dst = FirImage::new(width, height, kind);
    resizer.resize(&src, &mut dst, &options).expect("source and destination share a pixel type");
    let raw = dst.into_vec();
    match kind {
        PixelType::U8x3 => Pixels::Rgb(RgbImage::from_raw(width, height, raw).expect("sized")),
        _ => Pixels::Rgba(RgbaImage::from_raw(width, height, raw).expect("sized")),
    }
}

fn upright(pixels: Pixels, orientation: image::metadata::Orientation) -> Pixels {
    if orientation == image::metadata::Orientation::NoTransforms {
        return pixels;
    }
    let mut image = match pixels {
        Pixels::Rgb(i) => DynamicImage::ImageRgb8(i),
        Pixels::Rgba(i) => DynamicImage::ImageRgba8(i),
    };
    image.apply_orientation(orientation);
    match image {
        DynamicImage::ImageRgba8(i) => Pixels::Rgba(i),
        other => Pixels::Rgb(other.into_rgb8()),
    }
}

fn encode(pixels: &Pixels, format: ImageFormat, quality: u8) -> Vec<u8> {
    let (w, h) = pixels.dimensions();
    match format {
        ImageFormat::Webp => {
            let encoder = match pixels {
                Pixels::Rgb(i) => webp::Encoder::from_rgb(i.as_raw(), w, h),
                Pixels::Rgba(i) => webp::Encoder::from_rgba(i.as_raw(), w, h),
            };
            encoder.encode(f32::from(quality)).to_vec()
        }
        ImageFormat::Jpeg => {
            let flattened;
            let rgb = match pixels {
                Pixels::Rgb(i) => i.as_raw(),
                Pixels::Rgba(i) => {
                    flattened = on_white(i);
                    &flattened
                }
            };
            let mut bytes = Vec::new();
            let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, quality);
            encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
            // Not `set_optimized_huffman_tables`: libjpeg reads those files right, but zune-jpeg
            // 0.5.15 (the `image` crate's decoder, used by our tests and by other tools) decodes
            // their colours wrong. About 5% of size, kept for files every decoder reads.
            encoder
                .encode(rgb, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
                .expect("derivatives are at most 8192 pixels wide, within JPEG's limits");
            bytes
        }
        ImageFormat::Avif => unreachable!("the configuration refuses AVIF"),
    }
}

/// Composites RGBA onto a white background.
fn on_white(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::with_capacity(image.as_raw().len() / 4 * 3);
    for p in image.as_raw().chunks_exact(4) {
        let a = u32::from(p[3]);
        for &c in &p[..3] {
            out.push(((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_wider_than_the_source() {
        assert_eq!(target_widths(&[320, 640, 1280], 4000), vec![1280, 640, 320]);
        assert_eq!(target_widths(&[320, 640, 1280], 1000), vec![1000, 640, 320]);
        assert_eq!(target_widths(&[320, 640, 1280], 640), vec![640, 320]);
        assert_eq!(target_widths(&[320, 640, 1280], 200), vec![200]);
    }

    #[test]
    fn heights_keep_the_proportions() {
        assert_eq!(scaled_height(320, 4000, 3000), 240);
        assert_eq!(scaled_height(320, 3000, 4000), 427);
        assert_eq!(scaled_height(16, 10000, 10), 1);
    }

    #[test]
    fn transparency_is_flattened_onto_white() {
        let image = RgbaImage::from_raw(3, 1, vec![0, 0, 0, 0, 0, 0, 0, 255, 200, 0, 0, 128]).unwrap();
        assert_eq!(on_white(&image), vec![255, 255, 255, 0, 0, 0, 227, 127, 127]);
    }
}
