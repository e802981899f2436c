//! Dates from Git: when each content file last changed, for `lastmod` in the sitemap and the
//! "Diperbarui" line on pages.
//!
//! One `git log` over the whole history gives every file's newest commit (newest first, so
//! the first time a path appears is its date): the cost stays one process and one pass at any
//! catalogue size, never a `git log` per file. A folder that is not a Git checkout, a Git that
//! is not installed, or a shallow clone (whose oldest commit would date every untouched file
//! wrongly) give no dates, and the build says why.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Last-commit times of the site's files, by path relative to the site folder.
#[derive(Debug, Default)]
pub(crate) struct GitDates {
    dates: HashMap<PathBuf, jiff::Timestamp>,
}

impl GitDates {
    pub(crate) fn get(&self, relative: &Path) -> Option<jiff::Timestamp> {
        self.dates.get(relative).copied()
    }

    pub(crate) fn len(&self) -> usize {
        self.dates.len()
    }
}

/// Reads the dates of every file under `site_root`, or says why there are none.
pub(crate) fn read(site_root: &Path) -> Result<GitDates, String> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(site_root)
            .args(["-c", "core.quotepath=off"])
            .args(args)
            .output()
            .map_err(|e| format!("git is not available ({e})"))
    };
    let inside = git(&["rev-parse", "--is-inside-work-tree"])?;
    if !inside.status.success() || !String::from_utf8_lossy(&inside.stdout).trim().eq("true") {
        return Err("not a Git checkout".into());
    }
    let shallow = git(&["rev-parse", "--is-shallow-repository"])?;
    if String::from_utf8_lossy(&shallow.stdout).trim() == "true" {
        return Err("shallow clone (fetch the full history, e.g. `fetch-depth: 0`, for dates)".into());
    }
    let log = git(&["log", "--format=%x01%ct", "--name-only", "--no-renames", "--relative", "--", "."])?;
    if !log.status.success() {
        // An empty repository has no commits: no dates, but nothing is wrong.
        return Ok(GitDates::default());
    }
    Ok(parse_log(&String::from_utf8_lossy(&log.stdout)))
}

/// Parses `git log --format=%x01%ct --name-only` output, newest commit first.
fn parse_log(text: &str) -> GitDates {
    let mut dates = HashMap::new();
    let mut current = None;
    for line in text.lines() {
        if let Some(seconds) = line.strip_prefix('\u{1}') {
            current = seconds.trim().parse::<i64>().ok().and_then(|s| jiff::Timestamp::from_second(s).ok());
        } else if !line.is_empty()
            && let Some(time) = current
        {
            dates.entry(PathBuf::from(line)).or_insert(time);
        }
    }
    GitDates { dates }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins() {
        let log = "\u{1}1700000300\n\ncontent/a.md\n\n\u{1}1700000200\n\ncontent/a.md\ncontent/b.md\n";
        let dates = parse_log(log);
        assert_eq!(dates.get(Path::new("content/a.md")).unwrap().as_second(), 1700000300);
        assert_eq!(dates.get(Path::new("content/b.md")).unwrap().as_second(), 1700000200);
        assert_eq!(dates.len(), 2);
    }

    #[test]
    fn a_folder_outside_git_has_no_dates() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(read(tmp.path()).is_err());
    }
}
