//! Reading source files, below both `config` and `content`: one file's bytes to text, and a
//! markdown file into front matter and body (here); YAML into typed records with located
//! errors (`yaml`); slugs, the names that become URL segments (`slug`).
//!
//! Editors work on Windows and on phones, so a UTF-8 byte-order mark and CRLF line ends are
//! accepted and normalised here; line numbers stay those of the file on disk. A file that is
//! not UTF-8 is an error that names the first bad byte's line and column.

pub mod slug;
pub mod yaml;

use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};

/// Files larger than this are refused before they are read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A content file's text, normalised (no BOM, LF line ends), with its site-relative path.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub path: PathBuf,
    pub text: String,
}

impl SourceText {
    /// Reads `absolute`, reporting problems against `relative` (the path the editor knows).
    pub fn read(absolute: &Path, relative: &Path) -> Result<SourceText, Diagnostic> {
        let metadata =
            std::fs::metadata(absolute).map_err(|e| Diagnostic::file(relative, format!("cannot read file: {e}")))?;
        if metadata.len() > MAX_FILE_BYTES {
            return Err(Diagnostic::file(
                relative,
                format!(
                    "file is {} MB; content files may be at most {} MB",
                    metadata.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .with_hint("split the text, or move large data out of the content folder"));
        }
        let bytes =
            std::fs::read(absolute).map_err(|e| Diagnostic::file(relative, format!("cannot read file: {e}")))?;
        SourceText::from_bytes(bytes, relative)
    }

    pub fn from_bytes(bytes: Vec<u8>, relative: &Path) -> Result<SourceText, Diagnostic> {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let bytes = err.as_bytes();
                let bad = err.utf8_error().valid_up_to();
                let before = String::from_utf8_lossy(&bytes[..bad]);
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                let shown = String::from_utf8_lossy(bytes).into_owned();
                return Err(Diagnostic::at(
                    relative,
                    &shown,
                    line,
                    column,
                    format!("file is not valid UTF-8 (byte 0x{:02X})", bytes[bad]),
                )
                .with_hint("save the file as UTF-8 in your editor (\"Save with encoding: UTF-8\")"));
            }
        };
        Ok(SourceText { path: relative.to_path_buf(), text: normalise(text) })
    }
}

/// Drops a leading BOM and turns CRLF (and lone CR) into LF. Line numbers do not change.
fn normalise(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    text
}

/// A markdown record split into its YAML front matter and its markdown body.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// How many lines of the file come before the YAML (so YAML line 1 is file line `yaml_line_offset + 1`).
    pub yaml_line_offset: usize,
    /// The markdown after the closing `---`.
    pub body: &'a str,
}

/// Splits `text` at its `---` fences.
pub fn split_front_matter<'a>(text: &'a str, path: &Path) -> Result<FrontMatter<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::file(path, "file is empty; expected front matter between `---` lines")
            .with_hint("start the file with a line `---`, the fields (`name: …`), and another line `---`"));
    }
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::at(path, text, 1, 1, "expected front matter: the file must start with a line `---`")
            .with_width(first_line.chars().count().max(1))
            .with_hint("put the fields between two lines `---` at the top of the file"));
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start.min(text.len());
    let mut line_number = 1;
    for line in text[offset..].split_inclusive('\n') {
        line_number += 1;
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let yaml = &text[yaml_start..offset];
            let body = &text[offset + line.len()..];
            return Ok(FrontMatter { yaml, yaml_line_offset: 1, body });
        }
        offset += line.len();
    }
    Err(Diagnostic::at(path, text, 1, 1, "front matter is not closed: no second line `---` was found")
        .with_width(3)
        .with_hint(format!("add a line `---` after the last field (the file has {line_number} lines)")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.md")
    }

    #[test]
    fn splits_front_matter_and_body() {
        let fm = split_front_matter("---\nname: A\n---\nHello\n", p()).unwrap();
        assert_eq!(fm.yaml, "name: A\n");
        assert_eq!(fm.body, "Hello\n");
        assert_eq!(fm.yaml_line_offset, 1);
    }

    #[test]
    fn accepts_empty_front_matter_and_no_body() {
        let fm = split_front_matter("---\n---", p()).unwrap();
        assert_eq!(fm.yaml, "");
        assert_eq!(fm.body, "");
    }

    #[test]
    fn refuses_unclosed_missing_and_empty() {
        assert!(split_front_matter("---\nname: A\n", p()).unwrap_err().message.contains("not closed"));
        assert!(split_front_matter("name: A\n", p()).unwrap_err().message.contains("must start"));
        assert!(split_front_matter("  \n", p()).unwrap_err().message.contains("empty"));
    }

    #[test]
    fn normalises_bom_and_crlf_keeping_lines() {
        let src = SourceText::from_bytes(b"\xEF\xBB\xBF---\r\nname: A\r\n---\r\nBody\r\n".to_vec(), p()).unwrap();
        assert_eq!(src.text, "---\nname: A\n---\nBody\n");
    }

    #[test]
    fn locates_invalid_utf8() {
        let err = SourceText::from_bytes(b"---\nname: Caf\xE9\n---\n".to_vec(), p()).unwrap_err();
        assert_eq!((err.line, err.column), (2, 10));
        assert!(err.message.contains("not valid UTF-8"));
    }
}
