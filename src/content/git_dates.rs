//! Dates from Git: when each content file last changed, for `lastmod` in the sitemap and the
//! "Diperbarui" line on pages.
//!
//! One `git log` over the whole history gives every file's newest commit (newest first, so
//! the first time a path appears is its date): the cost stays one process and one pass at any
//! catalogue size, never a `git log` per file. The log is limited to the site's own paths
//! ([`SITE_PATHS`]): a site kept beside other work (this repository's demo lives beside about
//! 12,000 fuzz-corpus files) would otherwise have Git list every file every commit touched
//! on every build, only for katalog to ignore them. A folder that is not a Git checkout, a Git that
//! is not installed, or a shallow clone (whose oldest commit would date every untouched file
//! wrongly) give no dates, and the build says why.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::SITE_PATHS;

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

/// Reads the dates of the site's files ([`SITE_PATHS`] under `site_root`), or says why there
/// are none.
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
    // Pathspecs are relative to `-C site_root`, and `--relative` prints paths from there too,
    // so a site in a subfolder of the checkout gets the same keys as one at its top.
    let mut args = vec!["log", "--format=%x01%ct", "--name-only", "--no-renames", "--relative", "--"];
    args.extend(SITE_PATHS);
    let log = git(&args)?;
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

    fn git(dir: &Path, args: &[&str], date: &str) {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.name=Editor", "-c", "user.email=editor@example.go.id", "-c", "commit.gpgsign=false"])
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The demo's shape: the site beside a fuzz corpus, at the top of the checkout or in a
    /// subfolder of it. Files outside the site's paths are never listed, whenever they changed.
    #[test]
    fn only_the_sites_own_paths_are_dated() {
        for site_dir in ["", "katalog"] {
            let tmp = tempfile::tempdir().unwrap();
            let repo = tmp.path();
            let site = repo.join(site_dir);
            write(&site.join("site.yaml"), "title: x\n");
            write(&site.join("content/vendors/kopi/index.md"), "---\nname: Kopi\n---\n");
            write(&site.join("static/robots.txt"), "\n");
            write(&site.join("notes.txt"), "not the site's\n");
            write(&repo.join("fuzz/corpus/records/0001"), "a\n");
            git(repo, &["init", "-q", "-b", "main"], "2024-01-01T00:00:00+00:00");
            git(repo, &["add", "."], "2024-01-01T00:00:00+00:00");
            git(repo, &["commit", "-q", "-m", "first"], "2024-01-10T00:00:00+00:00");
            // A later commit that touches only files outside the site's paths.
            write(&repo.join("fuzz/corpus/records/0002"), "b\n");
            write(&site.join("notes.txt"), "still not the site's\n");
            git(repo, &["add", "."], "2024-02-01T00:00:00+00:00");
            git(repo, &["commit", "-q", "-m", "fuzz"], "2024-02-01T00:00:00+00:00");

            let dates = read(&site).unwrap();
            let mut keys: Vec<_> = dates.dates.keys().map(|p| p.to_string_lossy().into_owned()).collect();
            keys.sort();
            assert_eq!(
                keys,
                ["content/vendors/kopi/index.md", "site.yaml", "static/robots.txt"],
                "site in {site_dir:?}"
            );
            let first = jiff::Timestamp::from_second(1704844800).unwrap();
            assert_eq!(dates.get(Path::new("content/vendors/kopi/index.md")), Some(first));
        }
    }

    #[test]
    fn a_folder_outside_git_has_no_dates() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(read(tmp.path()).is_err());
    }
}
