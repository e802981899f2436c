//! Content errors, reported like a compiler's.
//!
//! Every problem katalog finds in a site — YAML syntax, a wrong type, an unknown category, a
//! missing image — becomes one [`Diagnostic`]: the file, the line and column, what was
//! expected, and a hint to fix it. Loading collects them across the whole site into
//! [`Diagnostics`] so an editor sees every error of a commit at once, not one per build.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// One located content error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path of the file, relative to the site directory (as the editor knows it).
    pub file: PathBuf,
    /// 1-based line in the file; 0 when the error concerns the whole file.
    pub line: usize,
    /// 1-based column (in characters); 0 when unknown.
    pub column: usize,
    /// How many characters the caret underlines (at least 1).
    pub width: usize,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the offending line, for the snippet.
    pub source_line: Option<String>,
    /// Another place that takes part in the error (the first of two duplicates, say).
    pub note: Option<String>,
}

impl Diagnostic {
    /// An error about a whole file (no line).
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            width: 1,
            message: message.into(),
            hint: None,
            source_line: None,
            note: None,
        }
    }

    /// An error at a line and column of a file whose text is `source`.
    pub fn at(file: impl Into<PathBuf>, source: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        let source_line =
            if line > 0 { source.lines().nth(line - 1).map(|l| l.trim_end_matches('\r').to_string()) } else { None };
        Diagnostic {
            file: file.into(),
            line,
            column,
            width: 1,
            message: message.into(),
            hint: None,
            source_line,
            note: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn with_width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    /// `file:line:col`, or just `file` when the error has no line.
    pub fn location(&self) -> String {
        let file = display_path(&self.file);
        match (self.line, self.column) {
            (0, _) => file,
            (line, 0) => format!("{file}:{line}"),
            (line, col) => format!("{file}:{line}:{col}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: error: {}", self.location(), self.message)?;
        if let Some(text) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {text}")?;
            if self.column > 0 {
                let lead: String =
                    text.chars().take(self.column - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                writeln!(f, "{pad} | {lead}{}", "^".repeat(self.width))?;
            }
        }
        if let Some(note) = &self.note {
            writeln!(f, "  = note: {note}")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Paths always print with forward slashes, the same on every system.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// All content errors of one load, kept in a stable order (by file, line, column).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorts and removes exact repeats, so the report is the same on every run.
    pub fn finish(mut self) -> Self {
        self.items
            .sort_by(|a, b| (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message)));
        self.items.dedup();
        self
    }

    /// The whole report: every diagnostic, then the count.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.items {
            let _ = writeln!(out, "{d}");
        }
        let n = self.items.len();
        let _ = writeln!(out, "error: {n} content error{} found", if n == 1 { "" } else { "s" });
        out
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(word, candidate);
        if score > best.map_or(0.0, |b| b.1) {
            best = Some((candidate, score));
        }
    }
    best.filter(|(_, score)| *score >= 0.8).map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_caret_and_hint() {
        let src = "---\nname: Kopi\ncategory: kopii\n---\n";
        let d = Diagnostic::at("content/vendors/kopi/index.md", src, 3, 11, "unknown category `kopii`")
            .with_width(5)
            .with_hint("did you mean `kopi`?");
        let text = d.to_string();
        assert!(text.starts_with("content/vendors/kopi/index.md:3:11: error: unknown category `kopii`\n"));
        assert!(text.contains("3 | category: kopii\n"));
        assert!(text.contains("  |           ^^^^^\n"));
        assert!(text.contains("= hint: did you mean `kopi`?"));
    }

    #[test]
    fn suggests_only_close_words() {
        assert_eq!(did_you_mean("prise", ["name", "price", "tags"]), Some("price"));
        assert_eq!(did_you_mean("zzz", ["name", "price", "tags"]), None);
    }

    #[test]
    fn report_counts_and_sorts() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::file("b.md", "second"));
        all.push(Diagnostic::file("a.md", "first"));
        all.push(Diagnostic::file("a.md", "first"));
        let report = all.finish().render();
        assert!(report.find("a.md").unwrap() < report.find("b.md").unwrap());
        assert!(report.contains("2 content errors found"));
    }
}
