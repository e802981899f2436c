//! Where the time of one photo goes, stage by stage, and what the alternatives would buy:
//! decode-time DCT scaling (jpeg-decoder's `scale`, which katalog does not use) against a full
//! decode (zune-jpeg, through `image`), and the SIMD resizer (fast_image_resize) against
//! `image`'s own resize. One core, median of 5.
//!
//!     cargo run --release --example gen_photos -- --count 1 --out /dev/shm/one
//!     cargo run --release --example image_cost -- /dev/shm/one/content/vendors/foto-bench/foto-0000.jpg

use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images::Image as FirImage};
use std::time::Instant;

fn median_ms(mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[2]
}

fn main() {
    let path = std::env::args().nth(1).expect("a JPEG path");
    let bytes = std::fs::read(&path).unwrap();
    let full = image::load_from_memory(&bytes).unwrap().into_rgb8();
    let (w, h) = full.dimensions();
    println!("{path}: {w}×{h}, {:.1} MB", bytes.len() as f64 / 1e6);
    let row = |name: &str, ms: f64| println!("{name:<48} {ms:>8.1} ms");

    row(
        "decode, full size (zune-jpeg via image; katalog)",
        median_ms(|| drop(image::load_from_memory(&bytes).unwrap())),
    );
    row(
        "decode, full size (jpeg-decoder)",
        median_ms(|| drop(jpeg_decoder::Decoder::new(&bytes[..]).decode().unwrap())),
    );
    row(
        "decode, DCT-scaled to 1/2 (jpeg-decoder)",
        median_ms(|| {
            let mut d = jpeg_decoder::Decoder::new(&bytes[..]);
            d.scale((w / 2) as u16, (h / 2) as u16).unwrap();
            drop(d.decode().unwrap());
        }),
    );

    let target = (1280, 1280 * h / w);
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    row(
        "resize to 1280, Lanczos3 (fast_image_resize; katalog)",
        median_ms(|| {
            let src = FirImage::from_vec_u8(w, h, full.as_raw().clone(), PixelType::U8x3).unwrap();
            let mut dst = FirImage::new(target.0, target.1, PixelType::U8x3);
            resizer.resize(&src, &mut dst, &options).unwrap();
        }),
    );
    row(
        "resize to 1280, Lanczos3 (image::imageops)",
        median_ms(|| {
            drop(image::imageops::resize(&full, target.0, target.1, image::imageops::FilterType::Lanczos3));
        }),
    );
    let small = image::imageops::resize(&full, target.0, target.1, image::imageops::FilterType::Triangle);
    row(
        "encode 1280 WebP q80 (libwebp)",
        median_ms(|| drop(webp::Encoder::from_rgb(small.as_raw(), target.0, target.1).encode(80.0).to_vec())),
    );
    row(
        "encode 1280 JPEG q80 (jpeg-encoder)",
        median_ms(|| {
            let mut out = Vec::new();
            let mut e = jpeg_encoder::Encoder::new(&mut out, 80);
            e.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
            e.encode(small.as_raw(), target.0 as u16, target.1 as u16, jpeg_encoder::ColorType::Rgb).unwrap();
        }),
    );
}
