//! Setting fields in a record file's front matter line by line, so everything else stays as
//! the editor wrote it: other fields, comments, their order, the markdown body, the line ends.

use serde_json::Value;

/// A record file split into its front-matter lines and the rest.
pub struct FrontMatter<'a> {
    /// A byte-order mark the file starts with, kept.
    bom: &'a str,
    /// The lines between the opening `---` and the closing `---` (or `...`), without line ends.
    lines: Vec<&'a str>,
    /// Everything from the closing line on, as written.
    rest: &'a str,
    newline: &'static str,
}

impl<'a> FrontMatter<'a> {
    /// `None` when the file does not start with front matter.
    pub fn parse(text: &'a str) -> Option<FrontMatter<'a>> {
        let (bom, body) = match text.strip_prefix('\u{feff}') {
            Some(body) => (&text[..3], body),
            None => ("", text),
        };
        let first = body.find('\n')? + 1;
        if body[..first].trim_end() != "---" {
            return None;
        }
        // The front matter's own line ends, not the body's.
        let newline = if body[..first].ends_with("\r\n") { "\r\n" } else { "\n" };
        let mut offset = first;
        let mut lines = Vec::new();
        loop {
            let end = body[offset..].find('\n').map_or(body.len(), |i| offset + i + 1);
            let line = body[offset..end].trim_end_matches(['\n', '\r']);
            if matches!(line.trim_end(), "---" | "...") {
                return Some(FrontMatter { bom, lines, rest: &body[offset..], newline });
            }
            if end == offset {
                return None;
            }
            lines.push(line);
            offset = end;
        }
    }

    /// The value of a top-level field as YAML reads it (`None` when absent or unreadable).
    pub fn value(&self, key: &str) -> Option<Value> {
        let block = block(&self.lines, key)?;
        let text = self.lines[block].join("\n");
        let map: std::collections::BTreeMap<String, Value> = serde_saphyr::from_str(&text).ok()?;
        map.into_values().next().filter(|v| !v.is_null())
    }

    /// The text of a one-line top-level field as written, without quotes or a comment: an id
    /// such as `00123` stays `00123` (YAML would read the number 123).
    pub fn raw(&self, key: &str) -> Option<String> {
        let block = block(&self.lines, key)?;
        let line = self.lines[block.start];
        let value = line[line.find(':')? + 1..].trim();
        let value = &value[..comment_start(value).unwrap_or(value.len())];
        let value = value.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        (!unquoted.is_empty()).then(|| unquoted.to_string())
    }

    /// The whole file with `fields` (key, YAML text) set: each in place of its old lines (a
    /// comment at the end of the old line kept), or after the last field.
    pub fn with_fields(&self, fields: &[(&str, String)]) -> String {
        let mut lines: Vec<String> = self.lines.iter().map(|l| l.to_string()).collect();
        for (key, value) in fields {
            let mut line = format!("{key}: {value}");
            match block(&lines, key) {
                Some(block) => {
                    let old = &lines[block.start];
                    if block.len() == 1
                        && let Some(at) = comment_start(old)
                    {
                        line.push_str("  ");
                        line.push_str(old[at..].trim_start());
                    }
                    lines.splice(block, [line]);
                }
                None => lines.push(line),
            }
        }
        let mut out = String::with_capacity(self.rest.len() + lines.len() * 40);
        out.push_str(self.bom);
        out.push_str("---");
        out.push_str(self.newline);
        for line in &lines {
            out.push_str(line);
            out.push_str(self.newline);
        }
        out.push_str(self.rest);
        out
    }
}

/// Where a ` #` comment starts in a YAML line (outside quotes), at its space.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote = None;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b':' => quote = Some(b),
            (None, b'#') if i > 0 && (bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') => return Some(i - 1),
            _ => {}
        }
    }
    None
}

/// Whether `line` writes the top-level field `key`: `key:`, `"key":`, `'key':` or `key :`.
fn writes(line: &str, key: &str) -> bool {
    let rest = line
        .strip_prefix(key)
        .or_else(|| line.strip_prefix('"').and_then(|l| l.strip_prefix(key)).and_then(|l| l.strip_prefix('"')))
        .or_else(|| line.strip_prefix('\'').and_then(|l| l.strip_prefix(key)).and_then(|l| l.strip_prefix('\'')));
    let Some(rest) = rest.map(|r| r.trim_start_matches([' ', '\t'])) else { return false };
    rest.strip_prefix(':').is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t']))
}

/// The lines of the top-level field `key`: its own and those that continue it (indented
/// lines, list items, and blank lines followed by more of them).
fn block<S: AsRef<str>>(lines: &[S], key: &str) -> Option<std::ops::Range<usize>> {
    let start = lines.iter().position(|l| writes(l.as_ref(), key))?;
    let continues = |line: &str| line.starts_with([' ', '\t']) || line.starts_with('-');
    let mut end = start + 1;
    let mut scan = end;
    while scan < lines.len() {
        let line = lines[scan].as_ref();
        if line.trim().is_empty() {
            scan += 1;
        } else if continues(line) {
            scan += 1;
            end = scan;
        } else {
            break;
        }
    }
    Some(start..end)
}

/// A new record file: `fields` between the `---` lines, and no body.
pub fn new_record(fields: &[(&str, String)]) -> String {
    let mut out = String::from("---\n");
    for (key, value) in fields {
        out.push_str(key);
        out.push_str(": ");
        out.push_str(value);
        out.push('\n');
    }
    out.push_str("---\n");
    out
}

/// A value as YAML text: plain where YAML reads it back as the same text, else double-quoted.
pub fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) if is_plain(text) => text.clone(),
        Value::String(text) => serde_json::to_string(text).expect("a string serialises"),
        other => other.to_string(),
    }
}

/// Whether `text` may be written without quotes: it starts with a letter, holds only letters,
/// digits, spaces and harmless punctuation, and is no word YAML reads as something else.
fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    first.is_alphabetic()
        && text == text.trim()
        && text.chars().all(|c| c.is_alphanumeric() || " .,&()/'-_".contains(c))
        && !matches!(text.to_lowercase().as_str(), "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const RECORD: &str = "---\r\nname: Kopi Lama  # nama di papan\r\nowner: Budi\r\ntags:\r\n  - kopi\r\n# catatan editor\r\n---\r\nBadan teks yang ditulis editor.\r\n";

    #[test]
    fn fields_change_and_everything_else_stays() {
        let fm = FrontMatter::parse(RECORD).unwrap();
        assert_eq!(fm.value("name"), Some(json!("Kopi Lama")));
        assert_eq!(fm.value("tags"), Some(json!(["kopi"])));
        assert_eq!(fm.value("region"), None);
        let text = fm.with_fields(&[
            ("name", "Kopi Baru".into()),
            ("tags", "[teh]".into()),
            ("region", "jakarta-timur".into()),
        ]);
        assert_eq!(
            text,
            "---\r\nname: Kopi Baru  # nama di papan\r\nowner: Budi\r\ntags: [teh]\r\n# catatan editor\r\nregion: jakarta-timur\r\n---\r\nBadan teks yang ditulis editor.\r\n"
        );
    }

    #[test]
    fn keys_comments_blocks_and_fences_as_editors_write_them() {
        let text = "\u{feff}---\n\"name\": Lama  # di papan\nowner :   Budi\naddress: Jl. Satu\n\n  Blok B\nid: 00123 # nomor\n...\nTeks\n---\nlagi\n";
        let fm = FrontMatter::parse(text).unwrap();
        assert_eq!(fm.value("name"), Some(json!("Lama")));
        assert_eq!(fm.value("owner"), Some(json!("Budi")));
        assert_eq!(fm.raw("id").as_deref(), Some("00123"));
        let out = fm.with_fields(&[("name", "Baru".into()), ("owner", "Ani".into()), ("address", "Jl. Dua".into())]);
        assert_eq!(
            out,
            "\u{feff}---\nname: Baru  # di papan\nowner: Ani\naddress: Jl. Dua\nid: 00123 # nomor\n...\nTeks\n---\nlagi\n"
        );
    }

    #[test]
    fn values_are_quoted_only_when_needed() {
        assert_eq!(scalar(&json!("Kopi Tebet")), "Kopi Tebet");
        assert_eq!(scalar(&json!("Pempek: Cek Ida")), "\"Pempek: Cek Ida\"");
        assert_eq!(scalar(&json!("@kopitebet")), "\"@kopitebet\"");
        assert_eq!(scalar(&json!("+6281234567890")), "\"+6281234567890\"");
        assert_eq!(scalar(&json!("Yes")), "\"Yes\"");
        assert_eq!(scalar(&json!("Kopi #1")), "\"Kopi #1\"");
        assert_eq!(scalar(&json!(15000)), "15000");
        for text in ["Kopi Tebet", "Pempek: Cek Ida", "@x", "no", "Kopi #1", "Toko \"Ibu\""] {
            let yaml = format!("v: {}\n", scalar(&json!(text)));
            let back: std::collections::BTreeMap<String, String> = serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(back["v"], text);
        }
    }
}
