//! QR codes: for each product's URL (printed on booth cards), and for a vendor's QRIS code.
//!
//! Encoded with the `qrcode` crate at error-correction level M (about 15% of the code may be
//! damaged or covered and it still reads) with the standard 4-module quiet zone. Each code is
//! published as SVG (sharp at any print size) and PNG (for chat apps and printers), and the
//! SVG is also inlined in the product page.

use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode};

/// Pixels per module in the PNG and in the SVG's own size.
const MODULE_PX: u32 = 8;
/// Modules of white around the code, as the QR standard asks.
const QUIET_ZONE: u32 = 4;

/// One encoded QR code.
pub struct Code(QrCode);

impl Code {
    /// Encodes `text` at level M. Only text too long for any QR version fails.
    pub fn new(text: &str) -> Result<Code, String> {
        QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map(Code)
            .map_err(|e| format!("cannot encode a QR code for `{text}`: {e}"))
    }

    /// The code as an SVG file.
    pub fn svg(&self) -> String {
        self.0
            .render::<svg::Color>()
            .quiet_zone(true)
            .module_dimensions(MODULE_PX, MODULE_PX)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build()
    }

    /// The code as an `<svg>` element for inlining in HTML, hidden from screen readers (the
    /// page gives it a text alternative).
    pub fn inline_svg(&self) -> String {
        let file = self.svg();
        let start = file.find("<svg").unwrap_or(0);
        file[start..].replacen("<svg ", r#"<svg aria-hidden="true" focusable="false" "#, 1)
    }

    /// The code as a greyscale PNG.
    pub fn png(&self) -> Vec<u8> {
        let modules = self.0.width() as u32;
        let colors = self.0.to_colors();
        let side = (modules + 2 * QUIET_ZONE) * MODULE_PX;
        let mut pixels = vec![255u8; (side * side) as usize];
        for y in 0..modules {
            for x in 0..modules {
                if colors[(y * modules + x) as usize] == Color::Dark {
                    let (left, top) = ((x + QUIET_ZONE) * MODULE_PX, (y + QUIET_ZONE) * MODULE_PX);
                    for row in top..top + MODULE_PX {
                        let start = (row * side + left) as usize;
                        pixels[start..start + MODULE_PX as usize].fill(0);
                    }
                }
            }
        }
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Balanced);
        let mut writer = encoder.write_header().expect("writing a PNG header to memory cannot fail");
        writer.write_image_data(&pixels).expect("the pixel buffer has the PNG's size");
        writer.finish().expect("finishing a PNG in memory cannot fail");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_has_a_quiet_zone_and_decodes() {
        let png = Code::new("https://katalog.example.go.id/umkm/a/b/").unwrap().png();
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.width, info.height);
        // The first four modules of every edge are white.
        let quiet = (QUIET_ZONE * MODULE_PX) as usize;
        let w = info.width as usize;
        assert!((0..quiet).all(|y| buf[y * w..(y + 1) * w].iter().all(|&p| p == 255)));
        assert_eq!(buf[quiet * w + quiet], 0, "the finder pattern starts right after the quiet zone");
    }

    #[test]
    fn inline_svg_is_markup_without_an_xml_declaration() {
        let svg = Code::new("x").unwrap().inline_svg();
        assert!(
            svg.starts_with(r#"<svg aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg""#),
            "{svg}"
        );
        assert!(!svg.contains("<?xml"));
    }
}
