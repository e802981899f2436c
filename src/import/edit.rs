//! Setting fields in a record file's front matter line by line, so everything else stays as
//! the editor wrote it: other fields, comments, their order, the markdown body, the line ends.

use serde_json::Value;

/// A record file split into its front-matter lines and the rest.
pub struct FrontMatter<'a> {
    /// The lines between the two `---` lines, without line ends.
    lines: Vec<&'a str>,
    /// Everything from the closing `---` line on, as written.
    rest: &'a str,
    newline: &'static str,
}

impl<'a> FrontMatter<'a> {
    /// `None` when the file does not start with front matter.
    pub fn parse(text: &'a str) -> Option<FrontMatter<'a>> {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut offset = body.find('\n')? + 1;
        if body[..offset].trim_end() != "---" {
            return None;
        }
        let mut lines = Vec::new();
        loop {
            let end = body[offset..].find('\n').map_or(body.len(), |i| offset + i + 1);
            let line = body[offset..end].trim_end_matches(['\n', '\r']);
            if line.trim_end() == "---" {
                return Some(FrontMatter { lines, rest: &body[offset..], newline });
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
        map.get(key).cloned().filter(|v| !v.is_null())
    }

    /// The whole file with `fields` (key, YAML text) set: each in place of its old lines, or
    /// after the last field.
    pub fn with_fields(&self, fields: &[(&str, String)]) -> String {
        let mut lines: Vec<String> = self.lines.iter().map(|l| l.to_string()).collect();
        for (key, value) in fields {
            let line = format!("{key}: {value}");
            match block(&lines, key) {
                Some(block) => {
                    lines.splice(block, [line]);
                }
                None => lines.push(line),
            }
        }
        let mut out = String::with_capacity(self.rest.len() + lines.len() * 40);
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

/// The lines of the top-level field `key`: its own and those that continue it (indented, or
/// list items).
fn block<S: AsRef<str>>(lines: &[S], key: &str) -> Option<std::ops::Range<usize>> {
    let start = lines.iter().position(|l| {
        l.as_ref()
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':') && (rest.len() == 1 || rest[1..].starts_with(' ')))
    })?;
    let mut end = start + 1;
    while end < lines.len() && (lines[end].as_ref().starts_with([' ', '\t']) || lines[end].as_ref().starts_with('-')) {
        end += 1;
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
            "---\r\nname: Kopi Baru\r\nowner: Budi\r\ntags: [teh]\r\n# catatan editor\r\nregion: jakarta-timur\r\n---\r\nBadan teks yang ditulis editor.\r\n"
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
