//! The guides say what the binary does: every command of `docs/panduan-editor.md` and
//! `docs/content.md` marked runnable is run against a copy of the demo catalogue, and every
//! error report they show is what `katalog check` prints for the files the marker names.
//!
//! Markers are HTML comments (invisible on GitHub and in rendered pages) on the line right
//! before a fenced block:
//! - `<!-- test: run -->` before a `sh` block: each line (a trailing `# note` dropped) is a
//!   `katalog` command, run in the site folder of a fresh copy of the demo; each must succeed.
//! - `<!-- test: output -->`: the block is part of what the last command of the run block
//!   before it printed (durations such as `in 0.10s` are not compared).
//! - `<!-- test: check` … `-->` holding `=== <path>` lines, each followed by the whole text of
//!   that file (or `(delete)`): in a fresh copy with those files, `katalog check` prints the
//!   block that follows.
//!
//! And no block that shows an error report goes without such a marker.

use crate::common::{copy_dir, katalog};
use std::path::{Path, PathBuf};

const GUIDES: [&str; 2] = ["docs/panduan-editor.md", "docs/content.md"];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh copy of the demo catalogue (its site folder).
fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("situs");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::copy(repo().join("site.yaml"), site.join("site.yaml")).unwrap();
    for folder in ["content", "themes", "static"] {
        if repo().join(folder).is_dir() {
            copy_dir(&repo().join(folder), &site.join(folder));
        }
    }
    (tmp, site)
}

/// One fenced block with the marker before it, if any.
struct Block {
    /// Line of the opening fence.
    line: usize,
    marker: Option<String>,
    text: String,
}

fn blocks(guide: &str) -> Vec<Block> {
    let lines: Vec<&str> = guide.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].starts_with("```") {
            i += 1;
            continue;
        }
        let open = i;
        // The marker: a comment that ends on the line before the fence.
        let marker = (open > 0 && lines[open - 1].trim_end().ends_with("-->"))
            .then(|| {
                let start = (0..open).rev().find(|&j| lines[j].starts_with("<!-- test:"))?;
                Some(lines[start..open].join("\n"))
            })
            .flatten();
        i += 1;
        let mut text = String::new();
        while i < lines.len() && !lines[i].starts_with("```") {
            text.push_str(lines[i]);
            text.push('\n');
            i += 1;
        }
        out.push(Block { line: open + 1, marker, text });
        i += 1;
    }
    out
}

/// Durations vary from run to run.
fn without_durations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" in ") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let number = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if number > 0 && rest[number..].starts_with('s') {
            out.push_str("<time>s");
            rest = &rest[number + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// Lines without trailing spaces, so a block matches what a terminal shows.
fn trimmed(text: &str) -> String {
    text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// `katalog …` of a run block, in `site`: its stderr, or why it failed.
fn run(site: &Path, command: &str) -> Result<String, String> {
    let words: Vec<&str> = command.split_whitespace().collect();
    let Some((&"katalog", args)) = words.split_first() else {
        return Err(format!("`{command}` is not a katalog command"));
    };
    assert!(args.first() != Some(&"serve"), "`katalog serve` never ends: do not mark it runnable");
    let output = katalog().args(args).current_dir(site).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() { Ok(stderr) } else { Err(format!("`{command}` failed:\n{stderr}")) }
}

/// The files of a check marker: (path, text or `None` to delete).
fn marker_files(marker: &str) -> Vec<(String, Option<String>)> {
    let body = marker.trim_start_matches("<!-- test: check").trim_end().trim_end_matches("-->");
    let mut files: Vec<(String, Option<String>)> = Vec::new();
    for line in body.lines() {
        if let Some(path) = line.strip_prefix("=== ") {
            files.push((path.trim_end().to_string(), Some(String::new())));
        } else if let Some((_, Some(text))) = files.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    for (_, text) in &mut files {
        if text.as_deref().map(str::trim) == Some("(delete)") {
            *text = None;
        }
    }
    files
}

/// Whether a block shows katalog's error report.
fn shows_errors(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("error: ") || l.contains(": error: ") || l.starts_with("  = hint: "))
}

#[test]
fn the_guides_show_what_the_binary_does() {
    let mut wrong = Vec::new();
    let mut counted = (0, 0, 0);
    for guide in GUIDES {
        let text = std::fs::read_to_string(repo().join(guide)).unwrap();
        let mut last_output: Option<String> = None;
        for block in blocks(&text) {
            let place = format!("{guide}:{}", block.line);
            let marker = block.marker.as_deref().unwrap_or("");
            if marker.starts_with("<!-- test: run") {
                counted.0 += 1;
                let (_tmp, site) = demo_copy();
                last_output = None;
                for line in block.text.lines() {
                    let command = line.split(" #").next().unwrap_or("").trim();
                    if command.is_empty() || command.starts_with('#') {
                        continue;
                    }
                    match run(&site, command) {
                        Ok(stderr) => last_output = Some(stderr),
                        Err(why) => wrong.push(format!("{place}: {why}")),
                    }
                }
            } else if marker.starts_with("<!-- test: output") {
                counted.1 += 1;
                let Some(output) = &last_output else {
                    wrong.push(format!("{place}: an output block with no run block before it"));
                    continue;
                };
                if !without_durations(&trimmed(output)).contains(&without_durations(&trimmed(&block.text))) {
                    wrong.push(format!("{place}: the guide shows\n{}\nbut the command printed\n{output}", block.text));
                }
            } else if marker.starts_with("<!-- test: check") {
                counted.2 += 1;
                let (_tmp, site) = demo_copy();
                for (path, text) in marker_files(marker) {
                    let target = site.join(&path);
                    match text {
                        Some(text) => {
                            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                            std::fs::write(&target, text).unwrap();
                        }
                        None if target.is_dir() => std::fs::remove_dir_all(&target).unwrap(),
                        None => std::fs::remove_file(&target).unwrap(),
                    }
                }
                let output = katalog().arg("check").current_dir(&site).output().unwrap();
                let report = String::from_utf8_lossy(&output.stderr);
                if output.status.code() != Some(1) || !trimmed(&report).contains(&trimmed(&block.text)) {
                    wrong.push(format!(
                        "{place}: the guide shows\n{}\nbut `katalog check` printed\n{report}",
                        block.text
                    ));
                }
            } else if shows_errors(&block.text) {
                wrong.push(format!("{place}: an error report without a `<!-- test: check` marker"));
            }
        }
    }
    // The guides keep their examples: a marker lost in an edit shows here.
    assert!(counted.0 >= 4 && counted.1 >= 1 && counted.2 >= 20, "markers found (run, output, check): {counted:?}");
    assert!(
        wrong.is_empty(),
        "{} places where the guides and the binary differ:\n\n{}",
        wrong.len(),
        wrong.join("\n\n")
    );
}

#[test]
fn durations_are_not_compared() {
    assert_eq!(
        without_durations("ok: 45 vendors checked in 0.10s\nbuilt in 12.5s; in 3 folders"),
        "ok: 45 vendors checked in <time>s\nbuilt in <time>s; in 3 folders"
    );
}
