//! Generates the image benchmark's input: a small katalog site whose products each carry one
//! phone-sized photo (4000×3000 JPEG, 12 megapixels, quality 90), deterministic from the seed.
//! Photo-like content — smooth light, shapes, sensor-like noise — so the encoder and decoder
//! work as hard as on real photos.
//!
//!     cargo run --release --example gen_photos -- --count 200 --out /dev/shm/photos
//!
//! Writes `OUT/site.yaml`, `OUT/content/…` with the photos, and `OUT/photos.txt` listing the
//! photo paths (for `vipsthumbnail`).

use image::{Rgb, RgbImage};
use rayon::prelude::*;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned();
    let count: usize = value("--count").map_or(200, |v| v.parse().expect("--count N"));
    let seed: u64 = value("--seed").map_or(7, |v| v.parse().expect("--seed N"));
    let (width, height) = (4000u32, 3000u32);
    let out = PathBuf::from(value("--out").expect("--out DIR"));
    let vendor = out.join("content/vendors/foto-bench");
    std::fs::create_dir_all(&vendor).unwrap();
    std::fs::write(out.join("site.yaml"), "title: Foto Bench\nbase_url: https://example.org/\n").unwrap();
    std::fs::write(
        vendor.join("index.md"),
        "---\nname: Foto Bench\ncategory: kuliner\nregion: jakarta-selatan\n---\nFoto.\n",
    )
    .unwrap();
    std::fs::write(out.join("content/categories.yaml"), "kuliner:\n  name: Kuliner\n").unwrap();
    std::fs::write(out.join("content/regions.yaml"), include_str!("../content/regions.yaml")).unwrap();
    let paths: Vec<String> = (0..count)
        .into_par_iter()
        .map(|i| {
            let photo = photo(width, height, seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
            let mut bytes = Vec::new();
            jpeg_encoder::Encoder::new(&mut bytes, 90)
                .encode(photo.as_raw(), width as u16, height as u16, jpeg_encoder::ColorType::Rgb)
                .unwrap();
            let name = format!("foto-{i:04}.jpg");
            std::fs::write(vendor.join(&name), bytes).unwrap();
            std::fs::write(
                vendor.join(format!("produk-{i:04}.md")),
                format!("---\nname: Produk {i}\nprice: 10000\nimages: [{name}]\n---\n"),
            )
            .unwrap();
            vendor.join(name).display().to_string()
        })
        .collect();
    std::fs::write(out.join("photos.txt"), paths.join("\n") + "\n").unwrap();
    eprintln!("{count} photos of {width}×{height} in {}", out.display());
}

/// A photo-like picture: a lit background, a few soft discs, and per-pixel noise.
fn photo(width: u32, height: u32, seed: u64) -> RgbImage {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let base = [next() % 200 + 30, next() % 200 + 30, next() % 200 + 30].map(|v| v as f32);
    let discs: Vec<(f32, f32, f32, [f32; 3])> = (0..6)
        .map(|_| {
            let colour = [next() % 256, next() % 256, next() % 256].map(|v| v as f32);
            ((next() % width as u64) as f32, (next() % height as u64) as f32, (next() % 900 + 200) as f32, colour)
        })
        .collect();
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let light = 0.6 + 0.4 * (fx / width as f32) * (1.0 - fy / height as f32);
        let mut c = base.map(|v| v * light);
        for (cx, cy, r, colour) in &discs {
            let d = ((fx - cx).powi(2) + (fy - cy).powi(2)).sqrt();
            let t = (1.0 - d / r).clamp(0.0, 1.0);
            for k in 0..3 {
                c[k] = c[k] * (1.0 - t) + colour[k] * t;
            }
        }
        let h = (x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77) ^ seed as u32).wrapping_mul(0xC2B2_AE35);
        let noise = ((h >> 24) as f32 - 128.0) / 16.0;
        Rgb(c.map(|v| (v + noise).clamp(0.0, 255.0) as u8))
    })
}
