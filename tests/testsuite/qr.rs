//! QR codes and booth cards: every product's `qr.png` and `qr.svg` decode, with independent
//! decoders (`rqrr` on the PNG, and on the SVG rasterised by `resvg`), to the product's
//! absolute URL, and its page shows the `qr.svg`; the QRIS code of a vendor decodes to its
//! checked payload; the drawings come from the QR cache when their text has not changed.

use crate::common;
use common::{Site, stderr};

fn decode_luma(width: usize, height: usize, luma: &[u8]) -> (rqrr::MetaData, String) {
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "exactly one QR code in the image");
    grids[0].decode().expect("the QR code decodes")
}

fn decode_png(bytes: &[u8]) -> (rqrr::MetaData, String, Vec<u8>, usize) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    let (w, h) = (info.width as usize, info.height as usize);
    let (meta, text) = decode_luma(w, h, &buf[..w * h]);
    (meta, text, buf, w)
}

fn decode_svg(svg: &str) -> String {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("valid SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(&tree, resvg::tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    let luma: Vec<u8> = pixmap.data().chunks(4).map(|p| p[0]).collect();
    decode_luma(size.width() as usize, size.height() as usize, &luma).1
}

const PRODUCTS: &[(&str, &str)] = &[
    ("kopi-tebet", "kopi-susu"),
    ("kopi-tebet", "kopi-bubuk-robusta"),
    ("kopi-tebet", "keripik-kopi"),
    ("batik-ayu", "kemeja-batik"),
];

#[test]
fn every_product_qr_decodes_to_its_url() {
    let site = Site::new("basic");
    site.build(&[]).success();
    for (vendor, product) in PRODUCTS {
        let url = format!("https://katalog.example.go.id/umkm/{vendor}/{product}/");
        let png = std::fs::read(site.out().join(format!("umkm/{vendor}/{product}/qr.png"))).unwrap();
        let (meta, text, pixels, width) = decode_png(&png);
        assert_eq!(text, url);
        assert_ne!(meta.ecc_level, 1, "error correction L is too weak; M or better");
        // A quiet zone of 4 modules: the image is (modules + 8) modules wide, all white at the edges.
        let modules = 17 + 4 * meta.version.0;
        let module_px = width / (modules + 8);
        assert_eq!(width % (modules + 8), 0);
        let quiet = 4 * module_px;
        for y in 0..quiet {
            assert!(pixels[y * width..(y + 1) * width].iter().all(|&p| p == 255), "row {y} of the quiet zone");
        }
        let svg = site.page(&format!("umkm/{vendor}/{product}/qr.svg"));
        assert_eq!(decode_svg(&svg), url, "qr.svg of {product}");
        let page = site.page(&format!("umkm/{vendor}/{product}/index.html"));
        // The page shows the code as an image of its `qr.svg` (the drawing is not written twice),
        // named by the URL it encodes.
        assert!(!page.contains("<svg"), "no inline copy of the drawing");
        let shown = format!(
            "<div class=\"qr\"><img src=\"/umkm/{vendor}/{product}/qr.svg\" alt=\"Kode QR halaman produk ini: {url}\" width=\"176\" height=\"176\""
        );
        assert!(page.contains(&shown), "{shown}");
        assert!(page.contains(&format!("href=\"/umkm/{vendor}/{product}/qr.png\"")));
        assert!(page.contains(&format!("href=\"/umkm/{vendor}/{product}/qr.svg\"")));
    }
}

#[test]
fn a_query_from_site_yaml_is_added_to_the_qr_url() {
    let site = Site::new("basic");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{config}qr: {{ query: \"src=qr\" }}\n"));
    site.build(&["--base-url", "https://example.org/katalog/"]).success();
    let png = std::fs::read(site.out().join("umkm/kopi-tebet/kopi-susu/qr.png")).unwrap();
    assert_eq!(decode_png(&png).1, "https://example.org/katalog/umkm/kopi-tebet/kopi-susu/?src=qr");
}

#[test]
fn booth_sheet_lists_available_products_and_the_qris_code() {
    let site = Site::new("basic");
    site.build(&[]).success();
    let sheet = site.page("umkm/kopi-tebet/kartu-qr/index.html");
    assert!(sheet.contains("Kopi Susu Gula Aren") && sheet.contains("Kopi Bubuk Robusta"));
    assert!(!sheet.contains("Keripik Kopi"), "sold-out products get no card");
    assert!(sheet.contains("src=\"/umkm/kopi-tebet/kopi-susu/qr.svg\""));
    assert!(sheet.contains("Rp 18.000"));
    assert!(sheet.contains("KOPI TEBET"), "the QRIS card carries the merchant name from the payload");
    assert!(site.page("umkm/kopi-tebet/index.html").contains("href=\"/umkm/kopi-tebet/kartu-qr/\""));
    let qris_svg = site.page("umkm/kopi-tebet/qris.svg");
    let payload = std::fs::read_to_string(site.root().join("content/vendors/kopi-tebet/index.md"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("qris: ").map(|v| v.trim_matches('"').to_string()))
        .unwrap();
    assert_eq!(decode_svg(&qris_svg), payload);
    let vendor = site.page("umkm/kopi-tebet/index.html");
    assert!(vendor.contains("src=\"/umkm/kopi-tebet/qris.svg\"") && vendor.contains("KOPI TEBET"));
    assert!(!site.out().join("umkm/batik-ayu/qris.svg").exists(), "no QRIS, no code");
}

/// The QR clause of a build's summary: (encoded, from the cache, cache files pruned).
fn qr_counts(summary: &str) -> (usize, usize, usize) {
    let clause = summary.split("QR codes: ").nth(1).and_then(|rest| rest.split(';').next()).expect(summary);
    let numbers: Vec<usize> = clause.split(", ").map(|part| part.split(' ').next().unwrap().parse().unwrap()).collect();
    assert_eq!(
        clause,
        format!("{} encoded, {} from the cache, {} cache files pruned", numbers[0], numbers[1], numbers[2])
    );
    (numbers[0], numbers[1], numbers[2])
}

/// Every QR drawing of the output (products' `qr.svg` and `qr.png`, vendors' `qris.svg`).
fn qr_files(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = site.output_files();
    files.retain(|path, _| path.ends_with("/qr.svg") || path.ends_with("/qr.png") || path.ends_with("/qris.svg"));
    files
}

#[test]
fn a_rebuild_with_the_cache_and_no_previous_output_encodes_no_qr_code() {
    let site = Site::new("basic");
    let cache = site.tmp.path().join("ci-cache");
    // Each build starts without an output folder, as on a CI runner that restored the cache.
    let build = |args: &[&str]| qr_counts(&stderr(&site.build_fresh(&cache, args).success()));
    let first = build(&[]);
    let drawings = qr_files(&site);
    let products = drawings.keys().filter(|p| p.ends_with("/qr.png")).count();
    let codes = products + drawings.keys().filter(|p| p.ends_with("/qris.svg")).count();
    assert!(products >= 4 && codes > products, "{drawings:?}");
    assert_eq!(first, (codes, 0, 0));

    assert_eq!(build(&[]), (0, codes, 0), "an unchanged catalogue encodes no QR code");
    assert_eq!(qr_files(&site), drawings, "drawings from the cache are the same bytes");

    // Another `qr.query` changes every product's text (not the QRIS payloads): each is encoded
    // again, and the entries of the old texts (one file each) are pruned.
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", format!("{config}qr: {{ query: \"src=qr\" }}\n"));
    assert_eq!(build(&[]), (products, codes - products, products));
    let png = std::fs::read(site.out().join("umkm/kopi-tebet/kopi-susu/qr.png")).unwrap();
    assert_eq!(decode_png(&png).1, "https://katalog.example.go.id/umkm/kopi-tebet/kopi-susu/?src=qr");
    assert_eq!(build(&[]), (0, codes, 0));

    // So does another base URL.
    assert_eq!(build(&["--base-url", "https://example.org/katalog/"]), (products, codes - products, products));
    let svg = site.page("umkm/kopi-tebet/kopi-susu/qr.svg");
    assert_eq!(decode_svg(&svg), "https://example.org/katalog/umkm/kopi-tebet/kopi-susu/?src=qr");
}
