//! The image pipeline, through the real binary: responsive derivatives, orientation, colour,
//! transparency, metadata, limits, the cache, and determinism.

use crate::common;

use common::{Site, all_files, katalog, stderr};
use image::{DynamicImage, GenericImageView, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use std::io::Cursor;

const VENDOR: &str = "content/vendors/kopi-tebet";
const PRODUCT_PAGE: &str = "umkm/kopi-tebet/foto-uji/index.html";

/// A product of the fixture's `kopi-tebet` whose only image is `file`.
fn site_with_image(file: &str, bytes: &[u8]) -> Site {
    let site = Site::new("basic");
    site.write(&format!("{VENDOR}/{file}"), bytes);
    site.write(&format!("{VENDOR}/foto-uji.md"), format!("---\nname: Foto Uji\nprice: 10000\nimages: [{file}]\n---\n"));
    site
}

fn jpeg(image: &RgbImage, segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 95);
    for (nr, data) in segments {
        encoder.add_app_segment(*nr, data.clone()).unwrap();
    }
    encoder.encode(image.as_raw(), image.width() as u16, image.height() as u16, jpeg_encoder::ColorType::Rgb).unwrap();
    bytes
}

fn png(image: DynamicImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).unwrap();
    bytes
}

/// An EXIF block (APP1) with an orientation and a description carrying a fake GPS position.
fn exif(orientation: u16, secret: &str) -> Vec<u8> {
    let mut text = secret.as_bytes().to_vec();
    text.push(0);
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&2u16.to_be_bytes());
    // 0x010E ImageDescription, ASCII, stored after the IFD (8 + 2 + 2*12 + 4 = 38).
    tiff.extend_from_slice(&[0x01, 0x0E, 0, 2]);
    tiff.extend_from_slice(&(text.len() as u32).to_be_bytes());
    tiff.extend_from_slice(&38u32.to_be_bytes());
    // 0x0112 Orientation, SHORT, 1 value.
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    tiff.extend_from_slice(&text);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    app1
}

/// The `(url, width)` pairs of the first `srcset` of `kind` (`source` for WebP, `img` for JPEG)
/// on the product page.
fn srcset(site: &Site, kind: &str) -> Vec<(String, u32)> {
    let html = site.page(PRODUCT_PAGE);
    let cover = &html[html.find("product-cover").expect("a cover image")..];
    let tag = &cover[cover.find(&format!("<{kind} ")).unwrap()..];
    let tag = &tag[..tag.find('>').unwrap()];
    let set = tag.split("srcset=\"").nth(1).unwrap().split('"').next().unwrap();
    set.split(", ")
        .map(|entry| {
            let (url, w) = entry.rsplit_once(' ').unwrap();
            (url.to_string(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

fn published(site: &Site, url: &str) -> Vec<u8> {
    std::fs::read(site.out().join(url.trim_start_matches('/'))).unwrap()
}

fn decoded(site: &Site, url: &str) -> DynamicImage {
    image::load_from_memory(&published(site, url)).unwrap()
}

fn close(a: [u8; 3], b: [u8; 3], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

#[test]
fn derivatives_at_each_width_never_wider_than_the_source_in_picture_markup() {
    let photo = RgbImage::from_fn(1000, 750, |x, y| Rgb([(x / 4) as u8, (y / 3) as u8, 90]));
    let site = site_with_image("foto.jpg", &jpeg(&photo, &[]));
    site.build(&[]).success();
    let webp = srcset(&site, "source");
    let jpg = srcset(&site, "img");
    assert_eq!(webp.iter().map(|w| w.1).collect::<Vec<_>>(), vec![320, 640, 1000]);
    assert_eq!(jpg.iter().map(|w| w.1).collect::<Vec<_>>(), vec![320, 640, 1000]);
    for (url, width) in webp.iter().chain(&jpg) {
        let image = decoded(&site, url);
        assert_eq!(image.dimensions(), (*width, width * 3 / 4), "{url}");
        // Names carry a hash of the bytes: `gambar/<16 hex>-<width>.<ext>`.
        let name = url.strip_prefix("/gambar/").unwrap();
        assert_eq!(name.find('-'), Some(16), "{url}");
    }
    assert!(webp.iter().all(|(u, _)| u.ends_with(".webp") && published(&site, u).starts_with(b"RIFF")));
    assert!(jpg.iter().all(|(u, _)| u.ends_with(".jpg") && published(&site, u).starts_with(&[0xFF, 0xD8])));
    let html = site.page(PRODUCT_PAGE);
    assert!(html.contains(r#"<source type="image/webp" srcset=""#), "{html}");
    assert!(html.contains(r#"width="1000" height="750""#), "the size of the largest derivative: {html}");
    assert!(html.contains(r#"alt="Foto Uji""#), "the product name is the default alt text");
    assert!(html.contains(&format!(r#"<img src="{}""#, jpg[1].0)), "the fallback is the 640 JPEG");
    // The original is never published.
    let original = std::fs::read(site.root().join(VENDOR).join("foto.jpg")).unwrap();
    assert!(site.output_files().values().all(|bytes| *bytes != original));
}

#[test]
fn a_small_source_is_published_at_its_own_width_only() {
    let site = site_with_image("kecil.png", &png(DynamicImage::ImageRgb8(RgbImage::new(200, 100))));
    site.build(&[]).success();
    assert_eq!(srcset(&site, "img").iter().map(|w| w.1).collect::<Vec<_>>(), vec![200]);
}

#[test]
fn webp_is_lossy_and_smaller_than_lossless() {
    let noise = RgbImage::from_fn(640, 480, |x, y| {
        let v = (x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503)) as u8;
        Rgb([v, v / 2, 255 - v])
    });
    let site = site_with_image("bising.png", &png(DynamicImage::ImageRgb8(noise.clone())));
    site.build(&[]).success();
    let (url, _) = srcset(&site, "source").pop().unwrap();
    let bytes = published(&site, &url);
    assert_eq!(&bytes[12..16], b"VP8 ", "a lossy VP8 bitstream, not VP8L");
    let mut lossless = Vec::new();
    DynamicImage::ImageRgb8(noise).write_to(&mut Cursor::new(&mut lossless), ImageFormat::WebP).unwrap();
    assert!(bytes.len() * 2 < lossless.len(), "lossy {} vs lossless {}", bytes.len(), lossless.len());
}

#[test]
fn exif_orientation_is_applied_and_every_metadata_byte_is_stripped() {
    // Stored landscape, 400×300, with a red marker at the bottom-left. Orientation 6 means
    // "rotate 90° clockwise to show": the marker must end up top-left of a 300×400 portrait.
    let mut stored = RgbImage::from_pixel(400, 300, Rgb([20, 160, 40]));
    for x in 0..60 {
        for y in 240..300 {
            stored.put_pixel(x, y, Rgb([230, 10, 10]));
        }
    }
    let secret = "GPS -6.2088 106.8456 rumah Bu Sari";
    let xmp = format!("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>{secret}</x:xmpmeta>").into_bytes();
    let site = site_with_image("putar.jpg", &jpeg(&stored, &[(1, exif(6, secret)), (1, xmp)]));
    site.build(&[]).success();
    for kind in ["source", "img"] {
        for (url, width) in srcset(&site, kind) {
            let image = decoded(&site, &url).to_rgb8();
            assert_eq!(image.dimensions(), (width, width * 4 / 3), "portrait: {url}");
            let top_left = image.get_pixel(2, 2).0;
            assert!(close(top_left, [230, 10, 10], 40), "marker top-left in {url}: {top_left:?}");
            for (x, y) in [(image.width() - 3, 2), (2, image.height() - 3), (image.width() - 3, image.height() - 3)] {
                assert!(close(image.get_pixel(x, y).0, [20, 160, 40], 40), "{url} at {x},{y}");
            }
        }
    }
    for (path, bytes) in site.output_files() {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("Bu Sari") && !text.contains("106.8456"), "metadata leaked into {path}");
        if path.starts_with("gambar/") {
            assert!(!bytes.windows(4).any(|w| w == b"Exif" || w == b"EXIF" || w == b"XMP "), "{path} has EXIF/XMP");
        }
    }
}

#[test]
fn palette_grey_and_sixteen_bit_sources_become_8_bit_srgb() {
    let cases: Vec<(&str, Vec<u8>, [u8; 3])> = vec![
        ("abu.png", png(DynamicImage::ImageLuma8(image::GrayImage::from_pixel(64, 48, image::Luma([100])))), [100; 3]),
        (
            "enambelas.png",
            png(DynamicImage::ImageRgb16(image::ImageBuffer::from_pixel(64, 48, Rgb([65535u16, 32896, 0])))),
            [255, 128, 0],
        ),
        ("palet.png", palette_png(64, 48, [12, 200, 120]), [12, 200, 120]),
    ];
    for (file, bytes, expected) in cases {
        let site = site_with_image(file, &bytes);
        site.build(&[]).success();
        for kind in ["source", "img"] {
            let (url, _) = &srcset(&site, kind)[0];
            let image = decoded(&site, url);
            assert_eq!(image.color(), image::ColorType::Rgb8, "{file} → {url}");
            let pixel = image.to_rgb8().get_pixel(10, 10).0;
            assert!(close(pixel, expected, 6), "{file} → {url}: {pixel:?}, expected {expected:?}");
        }
    }
}

fn palette_png(width: u32, height: u32, colour: [u8; 3]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_palette(vec![0, 0, 0, colour[0], colour[1], colour[2]]);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&vec![1u8; (width * height) as usize]).unwrap();
    writer.finish().unwrap();
    bytes
}

#[test]
fn cmyk_jpeg_is_converted_to_rgb() {
    // Full cyan ink, nothing else: shows as cyan, not as its inverted or raw channels.
    let inks: Vec<u8> = [255u8, 0, 0, 0].repeat(64 * 48);
    let mut bytes = Vec::new();
    jpeg_encoder::Encoder::new(&mut bytes, 95).encode(&inks, 64, 48, jpeg_encoder::ColorType::Cmyk).unwrap();
    let site = site_with_image("cmyk.jpg", &bytes);
    site.build(&[]).success();
    let (url, _) = &srcset(&site, "img")[0];
    let pixel = decoded(&site, url).to_rgb8().get_pixel(10, 10).0;
    assert!(close(pixel, [0, 255, 255], 12), "{pixel:?}");
}

/// A minimal ICC v2 CMYK output profile whose A2B0 table sends every ink mix to mid grey
/// (Lab 50, 0, 0): a converter that honours the profile shows grey, one that ignores it shows
/// the naive colour of the inks.
fn cmyk_profile_to_grey() -> Vec<u8> {
    let be32 = |v: u32| v.to_be_bytes();
    let s15 = |v: f64| ((v * 65536.0).round() as i32).to_be_bytes();
    // lut8Type: 4 inputs, 3 outputs, 2 grid points, identity matrix and curves.
    let mut lut = b"mft1\0\0\0\0".to_vec();
    lut.extend_from_slice(&[4, 3, 2, 0]);
    for i in 0..9 {
        lut.extend_from_slice(&s15(if i % 4 == 0 { 1.0 } else { 0.0 }));
    }
    for _ in 0..4 {
        lut.extend((0..=255u8).collect::<Vec<_>>());
    }
    for _ in 0..16 {
        lut.extend_from_slice(&[128, 128, 128]);
    }
    for _ in 0..3 {
        lut.extend((0..=255u8).collect::<Vec<_>>());
    }
    let mut wtpt = b"XYZ \0\0\0\0".to_vec();
    for v in [0.9642, 1.0, 0.8249] {
        wtpt.extend_from_slice(&s15(v));
    }
    let tags_start = 128 + 4 + 2 * 12;
    let lut_at = tags_start;
    let wtpt_at = lut_at + lut.len() + (4 - lut.len() % 4) % 4;
    let size = wtpt_at + wtpt.len();
    let mut icc = vec![0u8; 128];
    icc[0..4].copy_from_slice(&be32(size as u32));
    icc[8..12].copy_from_slice(&be32(0x0210_0000));
    icc[12..16].copy_from_slice(b"prtr");
    icc[16..20].copy_from_slice(b"CMYK");
    icc[20..24].copy_from_slice(b"Lab ");
    icc[36..40].copy_from_slice(b"acsp");
    for (i, v) in [0.9642, 1.0, 0.8249].into_iter().enumerate() {
        icc[68 + 4 * i..72 + 4 * i].copy_from_slice(&s15(v));
    }
    icc.extend_from_slice(&be32(2));
    for (sig, at, len) in [(b"A2B0", lut_at, lut.len()), (b"wtpt", wtpt_at, wtpt.len())] {
        icc.extend_from_slice(sig);
        icc.extend_from_slice(&be32(at as u32));
        icc.extend_from_slice(&be32(len as u32));
    }
    icc.extend_from_slice(&lut);
    icc.resize(wtpt_at, 0);
    icc.extend_from_slice(&wtpt);
    icc
}

#[test]
fn a_cmyk_jpeg_is_converted_through_its_embedded_profile() {
    let inks: Vec<u8> = [255u8, 0, 0, 0].repeat(64 * 48);
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 95);
    encoder.add_icc_profile(&cmyk_profile_to_grey()).unwrap();
    encoder.encode(&inks, 64, 48, jpeg_encoder::ColorType::Cmyk).unwrap();
    let site = site_with_image("cmyk-icc.jpg", &bytes);
    site.build(&[]).success();
    let (url, _) = &srcset(&site, "img")[0];
    let pixel = decoded(&site, url).to_rgb8().get_pixel(10, 10).0;
    assert!(close(pixel, [119, 119, 119], 12), "the profile says grey, got {pixel:?}");
}

#[test]
fn an_embedded_display_p3_profile_is_honoured() {
    // An iPhone photo: Display P3 pixels. The same numbers mean a more saturated colour than in
    // sRGB, so converting them must push red up and green and blue down.
    let p3 = moxcms::ColorProfile::new_display_p3().encode().unwrap();
    let photo = RgbImage::from_pixel(64, 48, Rgb([200, 100, 60]));
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 100);
    encoder.add_icc_profile(&p3).unwrap();
    encoder.encode(photo.as_raw(), 64, 48, jpeg_encoder::ColorType::Rgb).unwrap();
    let site = site_with_image("p3.jpg", &bytes);
    site.build(&[]).success();
    for kind in ["source", "img"] {
        let (url, _) = &srcset(&site, kind)[0];
        let [r, g, b] = decoded(&site, url).to_rgb8().get_pixel(10, 10).0;
        assert!(r >= 210 && g <= 96 && b <= 50, "{url}: ({r}, {g}, {b}) is not P3 (200, 100, 60) in sRGB");
        assert!(!published(&site, url).windows(4).any(|w| w == b"ICC_"), "sRGB output carries no profile");
    }
}

#[test]
fn transparency_is_kept_in_webp_and_flattened_onto_white_in_jpeg() {
    let logo = RgbaImage::from_fn(64, 64, |x, _| if x < 32 { Rgba([200, 0, 0, 255]) } else { Rgba([0, 0, 200, 0]) });
    let site = site_with_image("logo-transparan.png", &png(DynamicImage::ImageRgba8(logo)));
    site.build(&[]).success();
    let (webp, _) = &srcset(&site, "source")[0];
    let webp = decoded(&site, webp).to_rgba8();
    assert_eq!(webp.get_pixel(50, 30).0[3], 0, "transparent stays transparent");
    assert_eq!(webp.get_pixel(10, 30).0[3], 255);
    let (jpg, _) = &srcset(&site, "img")[0];
    let jpg = decoded(&site, jpg).to_rgb8();
    assert!(close(jpg.get_pixel(50, 30).0, [255, 255, 255], 6), "{:?}", jpg.get_pixel(50, 30));
    assert!(close(jpg.get_pixel(10, 30).0, [200, 0, 0], 20), "{:?}", jpg.get_pixel(10, 30));
}

/// A PNG whose header claims `width`×`height` but that holds no pixel data: a pixel bomb.
fn bomb(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = png(DynamicImage::ImageRgb8(RgbImage::new(1, 1)));
    bytes[16..20].copy_from_slice(&width.to_be_bytes());
    bytes[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// The fixture with `foto-uji` referencing an image on line 4, and a good previous build.
fn assert_refused(file: &str, bytes: &[u8], expected: &str, in_check: bool) {
    let site = site_with_image("baik.png", &png(DynamicImage::ImageRgb8(RgbImage::new(32, 32))));
    site.build(&[]).success();
    let before = site.output_files();
    site.write(&format!("{VENDOR}/{file}"), bytes);
    site.write(&format!("{VENDOR}/foto-uji.md"), format!("---\nname: Foto Uji\nprice: 10000\nimages: [{file}]\n---\n"));
    let location = format!("{VENDOR}/foto-uji.md:4:10");
    let build = stderr(&site.build(&[]).code(1));
    assert!(build.contains(&location), "located at the reference: {build}");
    assert!(build.contains(&format!("image `{file}` {expected}")), "{build}");
    assert!(build.contains("help:") || build.contains("hint"), "{build}");
    assert_eq!(site.output_files(), before, "the previous output is untouched");
    let check = katalog().arg("check").arg(site.root()).assert();
    if in_check {
        let check = stderr(&check.code(1));
        assert!(check.contains(&location) && check.contains(expected), "{check}");
    } else {
        check.success();
    }
}

#[test]
fn a_png_with_damaged_pixel_data_fails_the_build() {
    let photo = RgbImage::from_fn(400, 300, |x, y| Rgb([x as u8, y as u8, (x ^ y) as u8]));
    let mut bytes = png(DynamicImage::ImageRgb8(photo));
    bytes.truncate(bytes.len() * 2 / 3);
    // The header is intact, so `check` (which reads headers only) passes; the build decodes.
    assert_refused("rusak.png", &bytes, "is damaged or truncated", false);
}

#[test]
fn a_pixel_bomb_is_refused_from_its_header() {
    let bytes = bomb(60000, 60000);
    assert!(bytes.len() < 100);
    assert_refused(
        "bom.png",
        &bytes,
        "is 60000×60000 pixels (3600.0 megapixels), over the limit of 50 megapixels",
        true,
    );
}

#[test]
fn the_megapixel_limit_is_configurable() {
    let site = site_with_image("besar.png", &png(DynamicImage::ImageRgb8(RgbImage::new(1200, 1000))));
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{config}\nimages:\n  max_megapixels: 1\n"));
    let out = stderr(&site.build(&[]).code(1));
    assert!(out.contains("over the limit of 1 megapixels"), "{out}");
}

#[test]
fn a_truncated_jpeg_is_a_located_error() {
    let photo = RgbImage::from_fn(400, 300, |x, y| Rgb([x as u8, y as u8, (x ^ y) as u8]));
    let mut bytes = jpeg(&photo, &[]);
    bytes.truncate(bytes.len() / 3);
    assert_refused("potong.jpg", &bytes, "is truncated", true);
}

#[test]
fn a_file_that_is_not_an_image_is_a_located_error() {
    assert_refused("bukan.jpg", b"<html>not a photo</html>", "is not a JPEG, PNG or WebP image", true);
}

fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no `{needle}` in {text}"))
}

#[test]
fn the_cache_serves_unchanged_images_and_prunes_unused_ones() {
    let a = jpeg(&RgbImage::from_pixel(700, 500, Rgb([10, 20, 30])), &[]);
    let b = jpeg(&RgbImage::from_pixel(500, 700, Rgb([200, 20, 30])), &[]);
    let site = site_with_image("a.jpg", &a);
    site.write(&format!("{VENDOR}/b.jpg"), &b);
    site.write(&format!("{VENDOR}/foto-dua.md"), "---\nname: Foto Dua\nprice: 5000\nimages: [b.jpg]\n---\n");
    let cache = site.tmp.path().join("ci-cache");
    // Each build starts without an output folder, so it publishes every image (an unchanged
    // site would otherwise be left alone as a whole: tests/testsuite/incremental.rs).
    let build = |site: &Site| line_with(&stderr(&site.build_fresh(&cache, &[]).success()), "built ").to_string();
    // Four sources: the fixture's two, a.jpg and b.jpg.
    assert!(build(&site).contains("4 images: 4 resized, 0 from the cache"));
    let first = site.output_files();
    assert!(!site.root().join(".katalog-cache").exists(), "the cache is where KATALOG_CACHE_DIR says");
    let entries = || std::fs::read_dir(cache.join("gambar")).unwrap().count();
    let full = entries();
    assert!(build(&site).contains("4 images: 0 resized, 4 from the cache, 0 cache files pruned"));
    assert_eq!(site.output_files(), first, "a cache hit publishes the same bytes");
    // A changed image is made again; the old entry is pruned.
    site.write(&format!("{VENDOR}/a.jpg"), jpeg(&RgbImage::from_pixel(700, 500, Rgb([90, 20, 30])), &[]));
    let line = build(&site);
    assert!(line.contains("4 images: 1 resized, 3 from the cache, 7 cache files pruned"), "{line}");
    // Removing the only reference to b.jpg prunes its entry: manifest + (2 widths × 2 formats).
    site.remove(&format!("{VENDOR}/foto-dua.md"));
    let line = build(&site);
    assert!(line.contains("3 images: 0 resized, 3 from the cache, 5 cache files pruned"), "{line}");
    assert_eq!(entries(), full - 5);
}

#[test]
fn check_reads_no_pixels_of_cached_images_and_a_missing_cache_is_fine() {
    let site = site_with_image("foto.png", &png(DynamicImage::ImageRgb8(RgbImage::new(50, 40))));
    katalog().arg("check").arg(site.root()).assert().success();
    site.build(&[]).success();
    assert!(site.root().join(".katalog-cache/gambar").is_dir(), "the default cache is inside the site");
    katalog().arg("check").arg(site.root()).assert().success();
}

#[test]
fn derivatives_are_byte_identical_across_clean_builds() {
    let photo = RgbImage::from_fn(900, 600, |x, y| Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8]));
    let site = site_with_image("foto.jpg", &jpeg(&photo, &[]));
    site.build(&[]).success();
    let first: Vec<_> = all_files(&site.out().join("gambar")).into_iter().collect();
    std::fs::remove_dir_all(site.root().join(".katalog-cache")).unwrap();
    std::fs::remove_dir_all(site.out()).unwrap();
    site.build(&[]).success();
    let second: Vec<_> = all_files(&site.out().join("gambar")).into_iter().collect();
    assert_eq!(first.len(), 4 + 6);
    assert!(first == second, "derivative names and bytes differ between clean builds");
}
