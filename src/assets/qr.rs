//! QR codes: for each product's URL (printed on booth cards), and for a vendor's QRIS code.
//!
//! Encoded with the `fast_qr` crate at error-correction level M (about 15% of the code may be
//! damaged or covered and it still reads). A catalogue has a code per product, so cost
//! matters: `fast_qr` encodes in tens of microseconds (the `qrcode` crate took about 0.8 ms
//! a code here), and the drawings below are made directly from the module matrix — SVG as
//! one path of horizontal runs, PNG at one bit per pixel — each with the standard 4-module
//! quiet zone.

use fast_qr::{ECL, QRBuilder, QRCode};

/// Pixels per module in the PNG (and the SVG's nominal size).
const MODULE_PX: usize = 8;
/// Modules of white around the code, as the QR standard asks.
const QUIET_ZONE: usize = 4;
/// Bumped whenever the drawings change for the same text (the SVG's markup, the PNG's
/// encoding, a `fast_qr` update that picks other modules…), so that cached drawings made by
/// the previous code are not reused.
const DRAWING_VERSION: u32 = 1;

/// What shapes a code's drawings besides its text, for the QR cache's keys.
pub fn drawing_settings() -> String {
    format!("v{DRAWING_VERSION} ecl M, {MODULE_PX} px a module, quiet zone {QUIET_ZONE}")
}

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
                    // `M{x} {y}h{run}v1h-{run}z`, without `fmt`: this runs for every run of
                    // every product's code.
                    let run = x - start;
                    d.push('M');
                    push_number(&mut d, start + QUIET_ZONE);
                    d.push(' ');
                    push_number(&mut d, y + QUIET_ZONE);
                    d.push('h');
                    push_number(&mut d, run);
                    d.push_str("v1h-");
                    push_number(&mut d, run);
                    d.push('z');
                } else {
                    x += 1;
                }
            }
        }
        d
    }

    fn svg_element(&self, path: &str) -> String {
        let side = self.modules() + 2 * QUIET_ZONE;
        let px = side * MODULE_PX;
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" viewBox="0 0 {side} {side}" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
        )
    }

    /// The code as an SVG file.
    pub fn svg(&self) -> String {
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n", self.svg_element(&self.path()))
    }

    /// The code as a black-and-white PNG (one bit per pixel).
    pub fn png(&self) -> Vec<u8> {
        let n = self.modules();
        let side = (n + 2 * QUIET_ZONE) * MODULE_PX;
        let row_bytes = side.div_ceil(8);
        // 1 is white, 0 black; start all white. Each row of modules is drawn once, in the
        // first of its pixel rows, and copied to the others.
        let mut pixels = vec![0xFFu8; row_bytes * side];
        for y in 0..n {
            let top = (y + QUIET_ZONE) * MODULE_PX;
            let band = &mut pixels[top * row_bytes..(top + MODULE_PX) * row_bytes];
            let (first, rest) = band.split_at_mut(row_bytes);
            for x in (0..n).filter(|&x| self.dark(x, y)) {
                let left = (x + QUIET_ZONE) * MODULE_PX;
                for col in left..left + MODULE_PX {
                    first[col / 8] &= !(0x80 >> (col % 8));
                }
            }
            for row in rest.chunks_exact_mut(row_bytes) {
                row.copy_from_slice(first);
            }
        }
        let mut out = Vec::with_capacity(2048);
        let mut encoder = png::Encoder::new(&mut out, side as u32, side as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        // The `Up` filter with the fastest deflate: a pixel row that repeats the one above
        // (7 rows in 8 here) filters to zeros.
        encoder.set_compression(png::Compression::Fastest);
        let mut writer = encoder.write_header().expect("writing a PNG header to memory cannot fail");
        writer.write_image_data(&pixels).expect("the pixel buffer has the PNG's size");
        writer.finish().expect("finishing a PNG in memory cannot fail");
        out
    }
}

/// Appends `n` in decimal.
fn push_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).expect("ASCII digits"));
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
    fn png_pixels_are_the_modules() {
        let code = Code::new("https://katalog.example.go.id/umkm/kopi-tebet/kopi-susu-gula-aren/?src=qr").unwrap();
        let (pixels, w) = decode(&code.png());
        let n = code.modules();
        assert_eq!(w, (n + 2 * QUIET_ZONE) * MODULE_PX);
        for py in 0..w {
            for px in 0..w {
                let (mx, my) = ((px / MODULE_PX).wrapping_sub(QUIET_ZONE), (py / MODULE_PX).wrapping_sub(QUIET_ZONE));
                let dark = mx < n && my < n && code.dark(mx, my);
                assert_eq!(pixels[py * w + px] == 0, dark, "pixel ({px}, {py})");
            }
        }
    }

    #[test]
    fn svg_path_draws_each_run_of_dark_modules() {
        let code = Code::new("https://katalog.example.go.id/umkm/kopi-tebet/").unwrap();
        let n = code.modules();
        let side = n + 2 * QUIET_ZONE;
        // Fill a grid from the path's `M{x} {y}h{run}v1h-{run}z` rectangles.
        let mut drawn = vec![false; side * side];
        let path = code.path();
        for rect in path.split('M').skip(1) {
            let (x, rest) = rect.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let (run, rest) = rest.split_once("v1h-").unwrap();
            assert_eq!(rest, format!("{run}z"), "{rect}");
            let (x, y, run): (usize, usize, usize) = (x.parse().unwrap(), y.parse().unwrap(), run.parse().unwrap());
            assert!(run > 0 && x + run <= side && y < side, "{rect}");
            for cell in &mut drawn[y * side + x..y * side + x + run] {
                assert!(!*cell, "drawn twice: {rect}");
                *cell = true;
            }
        }
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = (x.wrapping_sub(QUIET_ZONE), y.wrapping_sub(QUIET_ZONE));
                let dark = mx < n && my < n && code.dark(mx, my);
                assert_eq!(drawn[y * side + x], dark, "module ({x}, {y})");
            }
        }
        let mut s = String::new();
        for n in [0, 7, 10, 99, 100, 185, 1234567, usize::MAX] {
            push_number(&mut s, n);
            s.push(',');
        }
        assert_eq!(s, format!("0,7,10,99,100,185,1234567,{},", usize::MAX));
    }

    #[test]
    fn svg_is_a_file_with_an_xml_declaration() {
        let svg = Code::new("x").unwrap().svg();
        assert!(
            svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
    }
}
