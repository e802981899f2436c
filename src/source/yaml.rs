//! YAML to typed records, with errors located in the file the editor wrote.
//!
//! katalog keeps serde's model (records are plain `#[derive(Deserialize)]` structs) and reads
//! YAML with `serde-saphyr`, the maintained successor of the deprecated `serde_yaml`: it
//! reports a line and column for every error, including unknown and missing fields, and
//! enforces budgets against alias bombs and deep nesting. Booleans are strict (`yes`/`NO` stay
//! text), so an Indonesian `no` in a field is never read as `false`.

use crate::diagnostics::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;
use serde_saphyr::{Error, MessageFormatter};
use std::path::Path;

/// Separates a custom error's message from its hint (see [`hinted`]).
const HINT_MARK: &str = "\u{1f}hint:";

/// A custom deserialisation error with a hint, for use in `Deserialize` impls of fields.
pub fn hinted<E: serde::de::Error>(message: impl std::fmt::Display, hint: impl std::fmt::Display) -> E {
    E::custom(format!("{message}{HINT_MARK}{hint}"))
}

fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    options
}

/// Parses `yaml`, which starts `line_offset` lines into the file whose full text is `file_text`.
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file_text: &str,
    line_offset: usize,
    path: &Path,
) -> Result<T, Diagnostic> {
    // Blank lines in place of what precedes the YAML keep every location (errors and
    // `Spanned` fields alike) in the file's own line numbers.
    let padded;
    let text = if line_offset == 0 {
        yaml
    } else {
        padded = format!("{}{yaml}", "\n".repeat(line_offset));
        &padded
    };
    serde_saphyr::from_str_with_options(text, options())
        .map_err(|err| to_diagnostic(&err, file_text, path, line_offset))
}

/// Parses a YAML value that must be present: an empty document is reported as such.
pub fn parse_document<T: DeserializeOwned>(text: &str, path: &Path, what: &str) -> Result<T, Diagnostic> {
    if text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    }) {
        return Err(Diagnostic::file(path, format!("file is empty; expected {what}")));
    }
    parse(text, text, 0, path)
}

fn to_diagnostic(err: &Error, file_text: &str, path: &Path, line_offset: usize) -> Diagnostic {
    let err = err.without_snippet();
    let (line, column, width) = match err.location() {
        // The parser places a second document's start after its `---`.
        Some(loc) if loc.line() > 0 && matches!(err, Error::MultipleDocuments { .. }) => (loc.line() as usize, 1, 3),
        Some(loc) if loc.line() > 0 => {
            (loc.line() as usize, loc.column() as usize, (loc.span().len() as usize).clamp(1, 80))
        }
        _ => (0, 0, 1),
    };
    if is_syntax(err)
        && let Some(diagnostic) = syntax_cause(file_text, path, line_offset, line)
    {
        return diagnostic;
    }
    if let Error::SerdeMissingField { field, .. } = err {
        // The parser notices a missing field at the end of the record; the editor looks for
        // the record itself: the `---` line of front matter, or the `- ` of a list item.
        let (line, column) = record_start(file_text, line_offset, line, column);
        let hint = if column == 1 && line_offset > 0 && line == line_offset {
            format!("add a line `{field}: …` between the two `---` lines")
        } else {
            format!("add a line `{field}: …` to this record")
        };
        return Diagnostic::at(path, file_text, line, column, format!("missing required field `{field}`"))
            .with_hint(hint);
    }
    let source_line = file_text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let (message, hint) = describe(err, source_line, column, path);
    let mut diagnostic = if line > 0 {
        Diagnostic::at(path, file_text, line, column, message).with_width(width)
    } else {
        Diagnostic::file(path, message)
    };
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_hint(hint);
    }
    diagnostic
}

/// Errors of the YAML text itself (not of what a field holds).
fn is_syntax(err: &Error) -> bool {
    !matches!(
        err,
        Error::SerdeUnknownField { .. }
            | Error::SerdeUnknownVariant { .. }
            | Error::SerdeMissingField { .. }
            | Error::SerdeInvalidType { .. }
            | Error::SerdeInvalidValue { .. }
            | Error::InvalidScalar { .. }
            | Error::InvalidBooleanStrict { .. }
            | Error::Budget { .. }
            | Error::Message { .. }
            | Error::DuplicateMappingKey { .. }
    )
}

/// The two mistakes a text editor makes most, which the parser reports in its own terms and
/// sometimes a line early: a Tab in the indentation and a field without a space after its
/// colon. Looked for from the line before the one the parser names to the line after it.
fn syntax_cause(file_text: &str, path: &Path, line_offset: usize, error_line: usize) -> Option<Diagnostic> {
    let (first, last) = if error_line == 0 { (0, usize::MAX) } else { (error_line.saturating_sub(2), error_line + 1) };
    let lines = file_text
        .lines()
        .enumerate()
        .skip(line_offset)
        .take_while(|(i, l)| *i < last && !(line_offset > 0 && *i > line_offset && l.trim_end() == "---"))
        .skip_while(|(i, _)| *i < first);
    for (index, text) in lines {
        let number = index + 1;
        let indentation = &text[..text.len() - text.trim_start_matches([' ', '\t']).len()];
        if let Some(tab) = indentation.find('\t') {
            return Some(
                Diagnostic::at(path, file_text, number, tab + 1, "a Tab character indents this line")
                    .with_hint("YAML indents with spaces only: replace the Tab with spaces (two per level)"),
            );
        }
        if number < error_line
            && let Some((open, close)) = unclosed_bracket(text)
        {
            let fixed = format!("{}{close}", text.trim_end());
            return Some(
                Diagnostic::at(
                    path,
                    file_text,
                    number,
                    open + 1,
                    format!("`{}` is not closed on this line", &text[open..open + 1]),
                )
                .with_hint(format!("close it where the list ends: `{}`", fixed.trim_start())),
            );
        }
        if let Some((key, colon)) = key_without_space(text) {
            let value = text[colon + 1..].trim_end();
            return Some(
                Diagnostic::at(path, file_text, number, colon + 2, format!("no space after `{key}:`"))
                    .with_hint(format!("write `{key}: {value}`: YAML needs a space after the colon")),
            );
        }
    }
    None
}

/// The first `[` or `{` of `line` left open at its end (outside quotes), and what closes it.
fn unclosed_bracket(line: &str) -> Option<(usize, char)> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if i > 0 && line[..i].ends_with(' ') => break,
            (None, '[') => open.push((i, ']')),
            (None, '{') => open.push((i, '}')),
            (None, ']' | '}') => {
                open.pop();
            }
            _ => {}
        }
    }
    open.first().copied()
}

/// `name:Kopi` (also as a list item, `- name:Kopi`): the key and the byte index of its colon.
fn key_without_space(line: &str) -> Option<(&str, usize)> {
    let start = line.len() - line.trim_start().len();
    let rest = &line[start..];
    let (start, rest) = match rest.strip_prefix("- ") {
        Some(item) => (start + 2 + item.len() - item.trim_start().len(), item.trim_start()),
        None => (start, rest),
    };
    let key_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
    let after = &rest[key_len..];
    let next = after.strip_prefix(':')?.chars().next()?;
    (key_len > 0 && !next.is_whitespace() && next != ':' && next != '/').then(|| (&rest[..key_len], start + key_len))
}

/// Where the record that holds (`line`, `column`) starts: the front matter's `---` line (or
/// the first line of a YAML file) for a top-level field, else the list item or the first line
/// of the nested mapping.
fn record_start(file_text: &str, line_offset: usize, line: usize, column: usize) -> (usize, usize) {
    let lines: Vec<&str> = file_text.lines().collect();
    let first_line = || {
        if line_offset > 0 {
            return (line_offset, 1);
        }
        let first = lines.iter().position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        (first.map_or(1, |i| i + 1), 1)
    };
    if line == 0 || column <= 1 {
        return first_line();
    }
    let mut below = line;
    for number in (line_offset + 1..=line.min(lines.len())).rev() {
        let text = lines[number - 1];
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = text.len() - trimmed.len();
        if let Some(item) = trimmed.strip_prefix("- ") {
            let key_column = indent + 3 + item.len() - item.trim_start().len();
            if key_column == column {
                return (number, indent + 1);
            }
        }
        if indent + 1 < column {
            return (below, column);
        }
        below = number;
    }
    first_line()
}

/// The message and hint an editor needs for each kind of YAML error.
fn describe(err: &Error, source_line: &str, column: usize, path: &Path) -> (String, Option<String>) {
    match err {
        Error::SerdeUnknownField { field, expected, .. } => {
            let suggestion = did_you_mean(field, expected.iter().copied())
                .or_else(|| english_field(field).filter(|english| expected.contains(english)));
            let hint = match suggestion {
                Some(best) if english_field(field) == Some(best) => {
                    format!("did you mean `{best}`? (field names are in English)")
                }
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the fields here are: {}", list(expected)),
            };
            (format!("unknown field `{field}`"), Some(hint))
        }
        Error::SerdeUnknownVariant { variant, expected, .. } => {
            let hint = match did_you_mean(variant, expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("use one of: {}", list(expected)),
            };
            (format!("unknown value `{variant}`"), Some(hint))
        }
        Error::SerdeInvalidType { unexpected, expected, .. } => {
            (format!("wrong type: found {unexpected}, expected {expected}"), None)
        }
        Error::SerdeInvalidValue { unexpected, expected, .. } => {
            (format!("invalid value: found {unexpected}, expected {expected}"), None)
        }
        Error::InvalidScalar { ty, .. } => {
            let expected = match *ty {
                "bool" => "`true` or `false`",
                t if t.starts_with('u') || t.starts_with('i') => "a whole number",
                t if t.starts_with('f') => "a number",
                _ => "a different kind of value",
            };
            (format!("wrong type: expected {expected}"), None)
        }
        Error::InvalidBooleanStrict { .. } => (
            "wrong type: expected `true` or `false`".into(),
            Some("write `true` or `false` (`yes`, `no`, `ya` and `tidak` are not booleans)".into()),
        ),
        Error::Budget { .. } => (
            format!("YAML refused: {}", plain(err)),
            Some("the YAML is too large, too deeply nested or expands too many aliases; simplify it".into()),
        ),
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this field");
            (
                format!("`{key}` is written twice in this record"),
                Some("keep one of the two lines and delete the other".into()),
            )
        }
        Error::MultipleDocuments { .. } => {
            let hint = if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                "a `.yaml` record has no `---` lines around its fields (only `.md` files do): delete this line"
            } else {
                "one file holds one record: delete this `---` line or move what follows to its own file"
            };
            ("a second YAML document starts at this `---` line".into(), Some(hint.into()))
        }
        Error::Unexpected { expected, .. } if expected.contains("sequence") => {
            let key = field_of(source_line);
            let items: Vec<&str> = value_of(source_line).split(',').map(str::trim).filter(|i| !i.is_empty()).collect();
            let hint = match key {
                Some(key) if !items.is_empty() => {
                    format!(
                        "write a list in square brackets, `{key}: [{}]`, or one `- ` item per line",
                        items.join(", ")
                    )
                }
                _ => "write a list in square brackets, `[a, b]`, or one `- ` item per line".into(),
            };
            ("expected a list here".into(), Some(hint))
        }
        Error::Unexpected { expected, .. } if expected.contains("mapping") => (
            "expected fields here (`name: value` lines)".into(),
            Some("write one field per line as `name: value`, with a space after the colon".into()),
        ),
        _ => {
            let text = plain(err);
            if let Some((message, hint)) = text.split_once(HINT_MARK) {
                return (message.to_string(), Some(hint.to_string()));
            }
            syntax_message(&text, source_line, column)
        }
    }
}

/// Plain words for the YAML parser's own messages.
fn syntax_message(text: &str, source_line: &str, column: usize) -> (String, Option<String>) {
    let at_column: String = source_line.chars().skip(column.saturating_sub(1)).collect();
    let first = at_column.chars().next();
    let quoted = |line: &str| -> Option<String> {
        let key = field_of(line)?;
        let value = value_of(line);
        (!value.is_empty() && !value.contains('"')).then(|| format!("{key}: \"{value}\""))
    };
    if (text.contains("unexpected character") || text.contains("cannot start any token"))
        && let Some(c @ ('@' | '`' | '%' | '|' | '>' | '!' | '&' | '*')) = first
    {
        let hint = match quoted(source_line) {
            Some(fixed) => format!("put the value in double quotes: `{fixed}`"),
            None => "put the value in double quotes".to_string(),
        };
        return (format!("a value cannot start with `{c}` unless it is in quotes"), Some(hint));
    }
    if text.contains("mapping values are not allowed") {
        let hint = match quoted(source_line) {
            Some(fixed) => format!("put the whole value in double quotes: `{fixed}`"),
            None => "put the whole value in double quotes".to_string(),
        };
        return ("this value contains `: `, which YAML reads as the start of another field".into(), Some(hint));
    }
    if text.contains("expected ',' or ']'") || text.contains("expected ',' or '}'") {
        return (
            "a list `[…]` or a group `{…}` is not closed properly".into(),
            Some("close it on the same line, and put items that contain `,`, `:` or brackets in double quotes".into()),
        );
    }
    if text.contains("could not find expected ':'") || text.contains("did not find expected key") {
        return (
            "this line is not a field (`name: value`) at the right indentation".into(),
            Some(
                "fields of one record start in the same column; text that goes on must be in quotes or after `|`"
                    .into(),
            ),
        );
    }
    if text.contains("end of stream") || text.contains("found unexpected end") {
        return (
            "the YAML ends in the middle of a value".into(),
            Some("close the quotes or brackets opened above".into()),
        );
    }
    // Whatever else the parser says, without the names of its functions or options.
    let text = text.split("; use ").next().unwrap_or(text).split(", set ").next().unwrap_or(text);
    (
        format!("YAML: {text}"),
        Some("check the indentation (spaces only, the same for fields of one record) and put text that contains `: ` or ` #` in double quotes".into()),
    )
}

/// The field a line writes (`name` in `name: Kopi` or `- name: Kopi`).
fn field_of(line: &str) -> Option<&str> {
    let rest = line.trim_start();
    let rest = rest.strip_prefix("- ").map(str::trim_start).unwrap_or(rest);
    let (key, _) = rest.split_once(':')?;
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(key)
}

/// What follows the first `: ` of a line.
fn value_of(line: &str) -> &str {
    line.split_once(": ").map_or("", |(_, value)| value.trim())
}

/// The English field an editor meant by an Indonesian one.
fn english_field(field: &str) -> Option<&'static str> {
    Some(match field.to_lowercase().as_str() {
        "nama" | "nama_usaha" | "nama_produk" => "name",
        "judul" => "title",
        "harga" => "price",
        "kategori" => "category",
        "wilayah" | "kota" | "kabupaten" => "region",
        "kecamatan" => "district",
        "alamat" => "address",
        "pemilik" => "owner",
        "gambar" | "foto" => "images",
        "deskripsi" | "keterangan" => "description",
        "mulai" | "tanggal" => "start",
        "selesai" => "end",
        "tempat" | "lokasi" => "venue",
        "penyelenggara" => "organizer",
        "peserta" => "vendors",
        "varian" => "variants",
        "label" | "tag" => "tags",
        "tersedia" => "available",
        "draf" => "draft",
        "bergabung" => "joined",
        "sertifikasi" => "certifications",
        _ => return None,
    })
}

fn plain(err: &Error) -> String {
    let text = serde_saphyr::DefaultMessageFormatter.format_message(err).into_owned();
    // Locations are printed by the diagnostic itself.
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn list(words: &[&str]) -> String {
    words.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Rec {
        name: String,
        price: Option<u64>,
        draft: Option<bool>,
    }

    fn err(yaml: &str) -> Diagnostic {
        let file = format!("---\n{yaml}---\n");
        parse::<Rec>(yaml, &file, 1, Path::new("r.md")).unwrap_err()
    }

    #[test]
    fn unknown_field_is_located_with_suggestion() {
        let d = err("name: A\nprise: 5\n");
        assert_eq!((d.line, d.column), (3, 1));
        assert_eq!(d.message, "unknown field `prise`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `price`?"));
    }

    #[test]
    fn wrong_type_is_located() {
        let d = err("name: A\nprice: lima ribu\n");
        assert_eq!(d.line, 3);
        assert_eq!(d.column, 8);
        assert_eq!(d.message, "wrong type: expected a whole number");
    }

    #[test]
    fn missing_field_is_named() {
        let d = err("price: 5\n");
        assert!(d.message.contains("missing required field `name`"), "{}", d.message);
    }

    #[test]
    fn syntax_error_is_located() {
        let d = err("name: [A\nprice: 5\n");
        assert!(d.line >= 2, "{d:?}");
        assert!(d.message.starts_with("YAML"), "{}", d.message);
    }

    #[test]
    fn booleans_are_strict() {
        let d = err("name: A\ndraft: yes\n");
        assert_eq!(d.line, 3, "{d:?}");
        assert_eq!(d.message, "wrong type: expected `true` or `false`");
        assert!(d.hint.as_deref().unwrap_or("").contains("are not booleans"), "{d:?}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("a{}", i - 1) };
            yaml.push_str(&format!(
                "a{i}: &a{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
        }
        let r = parse::<serde_json::Value>(&yaml, &yaml, 0, Path::new("bomb.yaml"));
        assert!(r.is_err());
    }
}
