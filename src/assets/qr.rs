//! QR codes: for each product's URL (printed on booth cards), and for a vendor's QRIS code.
//!
//! Encoded with the `fast_qr` crate at error-correction level M (about 15% of the code may be
//! damaged or covered and it still reads). A catalogue has a code per product, so cost
//! matters: `fast_qr` encodes in tens of microseconds (the `qrcode` crate took about 0.8 ms
//! a code here), and the drawings below are made directly from the module matrix — SVG as
//! one path of horizontal runs, PNG at one bit per pixel — each with the standard 4-module
//! quiet zone.

use fast_qr::{ECL, QRBuilder, QRCode};
use std::fmt::Write as _;

/// Pixels per module in the PNG (and the SVG's nominal size).
const MODULE_PX: usize = 8;
/// Modules of white around the code, as the QR standard asks.
const QUIET_ZONE: usize = 4;

/// One encoded QR code.
pub struct Code(QRCode);

impl Code {
    /// Encodes `text` at level M. Only text too long for any QR version fails.
    pub fn new(text: &str) -> Result<Code, String> {
        QRBuilder::new(text.as_bytes().to_vec())
            .ecl(ECL::M)
            .build()
            .map(Code)
            .map_err(|e| format!("cannot encode a QR code for `{text}`: {e:?}"))
    }

    /// Modules per side, without the quiet zone.
    pub fn modules(&self) -> usize {
        self.0.size
    }

    fn dark(&self, x: usize, y: usize) -> bool {
        self.0.data[y * self.0.size + x].value()
    }

    /// The dark modules as one SVG path of horizontal runs, in module units, quiet zone included.
    fn path(&self) -> String {
        let n = self.modules();
        let mut d = String::with_capacity(n * n);
        for y in 0..n {
            let mut x = 0;
            while x < n {
                if self.dark(x, y) {
                    let start = x;
                    while x < n && self.dark(x, y) {
                        x += 1;
                    }
                    let _ = write!(d, "M{} {}h{}v1h-{}z", start + QUIET_ZONE, y + QUIET_ZONE, x - start, x - start);
                } else {
                    x += 1;
                }
            }
        }
        d
    }

    fn svg_element(&self, extra: &str, path: &str) -> String {
        let side = self.modules() + 2 * QUIET_ZONE;
        let px = side * MODULE_PX;
        format!(
            r##"<svg {extra}xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" viewBox="0 0 {side} {side}" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
        )
    }

    /// The code as an SVG file.
    pub fn svg(&self) -> String {
        self.svg_file(&self.path())
    }

    fn svg_file(&self, path: &str) -> String {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n", self.svg_element("", path))
    }

    /// The code as an `<svg>` element for inlining in HTML, hidden from screen readers (the
    /// page gives it a text alternative).
    pub fn inline_svg(&self) -> String {
        self.svg_element(r#"aria-hidden="true" focusable="false" "#, &self.path())
    }

    /// Both SVG forms at once (the file, and the element to inline), tracing the code once.
    pub fn svg_file_and_inline(&self) -> (String, String) {
        let path = self.path();
        (self.svg_file(&path), self.svg_element(r#"aria-hidden="true" focusable="false" "#, &path))
    }

    /// The code as a black-and-white PNG (one bit per pixel).
    pub fn png(&self) -> Vec<u8> {
        let n = self.modules();
        let side = (n + 2 * QUIET_ZONE) * MODULE_PX;
        let row_bytes = side.div_ceil(8);
        // 1 is white, 0 black; start all white.
        let mut pixels = vec![0xFFu8; row_bytes * side];
        for y in 0..n {
            for x in 0..n {
                if self.dark(x, y) {
                    let (left, top) = ((x + QUIET_ZONE) * MODULE_PX, (y + QUIET_ZONE) * MODULE_PX);
                    for row in top..top + MODULE_PX {
                        for col in left..left + MODULE_PX {
                            pixels[row * row_bytes + col / 8] &= !(0x80 >> (col % 8));
                        }
                    }
                }
            }
        }
        let mut out = Vec::with_capacity(2048);
        let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().expect("writing a PNG header to memory cannot fail");
        writer.write_image_data(&pixels).expect("the pixel buffer has the PNG's size");
        writer.finish().expect("finishing a PNG in memory cannot fail");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png: &[u8]) -> (Vec<u8>, usize) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.width, info.height);
        (buf, info.width as usize)
    }

    #[test]
    fn png_has_a_quiet_zone_and_the_finder_pattern_after_it() {
        let png = Code::new("https://katalog.example.go.id/umkm/a/b/").unwrap().png();
        let (pixels, w) = decode(&png);
        let quiet = QUIET_ZONE * MODULE_PX;
        assert!((0..quiet).all(|y| pixels[y * w..(y + 1) * w].iter().all(|&p| p == 255)));
        assert_eq!(pixels[quiet * w + quiet], 0, "the finder pattern starts right after the quiet zone");
    }

    #[test]
    fn inline_svg_is_markup_without_an_xml_declaration() {
        let svg = Code::new("x").unwrap().inline_svg();
        assert!(
            svg.starts_with(r#"<svg aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg""#),
            "{svg}"
        );
        assert!(Code::new("x").unwrap().svg().starts_with("<?xml"));
    }
}
