//! JSON that is safe wherever it ends up: `<`, `>` and `&` inside strings are written as
//! `\u003c`, `\u003e`, `\u0026`, so no published JSON file can be read as markup, even by a
//! browser that sniffs content types or a page that inlines it.

use serde_json::ser::Formatter;
use std::io;

/// A compact serde_json formatter that escapes `<`, `>` and `&` in strings.
#[derive(Default, Clone, Copy)]
pub struct HtmlSafe;

impl Formatter for HtmlSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        let mut start = 0;
        for (i, byte) in fragment.bytes().enumerate() {
            let escaped: &[u8] = match byte {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[start..i])?;
            writer.write_all(escaped)?;
            start = i + 1;
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Serialises `value` as HTML-safe compact JSON.
pub fn to_string<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, HtmlSafe);
    value.serialize(&mut ser).expect("serialising to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_characters_and_round_trips() {
        let text = super::to_string(&serde_json::json!({ "name": "</script><b>&amp;" }));
        assert_eq!(text, r#"{"name":"\u003c/script\u003e\u003cb\u003e\u0026amp;"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><b>&amp;");
    }
}
