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
    serde_saphyr::from_str_with_options(text, options()).map_err(|err| to_diagnostic(&err, file_text, path))
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

fn to_diagnostic(err: &Error, file_text: &str, path: &Path) -> Diagnostic {
    let err = err.without_snippet();
    let (line, column, width) = match err.location() {
        Some(loc) if loc.line() > 0 => {
            (loc.line() as usize, loc.column() as usize, (loc.span().len() as usize).clamp(1, 80))
        }
        _ => (0, 0, 1),
    };
    let (message, hint) = describe(err);
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

/// The message and hint an editor needs for each kind of YAML error.
fn describe(err: &Error) -> (String, Option<String>) {
    match err {
        Error::SerdeUnknownField { field, expected, .. } => {
            let hint = match did_you_mean(field, expected.iter().copied()) {
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
        Error::SerdeMissingField { field, .. } => {
            (format!("missing required field `{field}`"), Some(format!("add a line `{field}: …`")))
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
        _ => {
            let text = plain(err);
            match text.split_once(HINT_MARK) {
                Some((message, hint)) => (message.to_string(), Some(hint.to_string())),
                None => (
                    format!("YAML: {text}"),
                    Some("check the indentation and quoting here; text containing `: ` or ` #` needs quotes".into()),
                ),
            }
        }
    }
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
