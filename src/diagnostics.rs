//! Content errors, reported like a compiler's.
//!
//! Every problem katalog finds in a site — YAML syntax, a wrong type, an unknown category, a
//! missing image — becomes one [`Diagnostic`]: the file, the line and column, what was
//! expected, and a hint to fix it. Loading collects them across the whole site into
//! [`Diagnostics`] so an editor sees every error of a commit at once, not one per build.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

/// One located content error.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
        format!("{}error: {}\n", self.render_items(), self.count())
    }

    /// Every diagnostic, each followed by a blank line.
    pub fn render_items(&self) -> String {
        let mut out = String::new();
        for d in &self.items {
            let _ = writeln!(out, "{d}");
        }
        out
    }

    /// `3 content errors found`: the last line of every report, whatever its format.
    pub fn count(&self) -> String {
        let n = self.items.len();
        format!("{n} content error{} found", if n == 1 { "" } else { "s" })
    }
}

/// How a report is printed: for people, as GitHub Actions annotations, or as JSON lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Github,
    Json,
}

impl Diagnostics {
    /// The report in `format`.
    pub fn render_as(&self, format: Format) -> String {
        match format {
            Format::Human => self.render(),
            Format::Github => self.items.iter().map(|d| d.github_annotation() + "\n").collect(),
            Format::Json => self.items.iter().map(|d| d.json_line() + "\n").collect(),
        }
    }
}

impl Diagnostic {
    /// A GitHub Actions workflow command, so the error shows on the pull request's line.
    pub fn github_annotation(&self) -> String {
        let mut properties = format!("file={}", escape_property(&display_path(&self.file)));
        if self.line > 0 {
            properties.push_str(&format!(",line={}", self.line));
            if self.column > 0 {
                properties.push_str(&format!(",col={},endColumn={}", self.column, self.column + self.width));
            }
        }
        let mut message = self.message.clone();
        if let Some(note) = &self.note {
            message.push_str(&format!("\nnote: {note}"));
        }
        if let Some(hint) = &self.hint {
            message.push_str(&format!("\nhint: {hint}"));
        }
        format!("::error {properties},title=katalog::{}", escape_data(&message))
    }

    /// One JSON object on one line.
    pub fn json_line(&self) -> String {
        let value = serde_json::json!({
            "severity": "error",
            "file": display_path(&self.file),
            "line": (self.line > 0).then_some(self.line),
            "column": (self.column > 0).then_some(self.column),
            "end_column": (self.column > 0).then_some(self.column + self.width),
            "message": self.message,
            "hint": self.hint,
            "note": self.note,
        });
        value.to_string()
    }
}

/// Escapes a workflow command's message (`%`, CR and LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Diagnostics { items: vec![diagnostic] }
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics { items: iter.into_iter().collect() }
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
    fn github_annotations_and_json_lines() {
        let d =
            Diagnostic::at("content/a,b.md", "x: 1\n", 1, 1, "unknown field `x`: 100%").with_hint("did you mean `y`?");
        assert_eq!(
            d.github_annotation(),
            "::error file=content/a%2Cb.md,line=1,col=1,endColumn=2,title=katalog::unknown field `x`: 100%25%0Ahint: did you mean `y`?"
        );
        let json: serde_json::Value = serde_json::from_str(&d.json_line()).unwrap();
        assert_eq!(json["file"], "content/a,b.md");
        assert_eq!(json["line"], 1);
        assert_eq!(json["hint"], "did you mean `y`?");
        let whole_file = Diagnostic::file("site.yaml", "missing");
        assert_eq!(whole_file.github_annotation(), "::error file=site.yaml,title=katalog::missing");
        assert!(whole_file.json_line().contains("\"line\":null"));
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
