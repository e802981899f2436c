//! What a deploy sends, and in which order: each published file's headers (content type,
//! `Cache-Control`, a store redirect), the digest that says whether the copy in the bucket
//! is current, and the phases a visitor must never see out of order.
//!
//! Pure: the local manifest and the bucket's record in, a plan out. `deploy::run` carries it
//! out against the store.

use crate::output::manifest::{Digest, Entry, Manifest};
use std::collections::HashMap;

/// Long caching for files whose URL changes when their bytes do (`gambar/<hash>…`, and
/// `aset/` files linked with `?v=<hash>`), as docs/deploy.md sets them.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else: the browser asks again each time (a cheap 304 while unchanged).
pub const REVALIDATE: &str = "public, max-age=0, must-revalidate";

/// The phases of a deploy, in order. Deletions come after every upload, and the bucket's
/// record of the deploy after everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Images, QR codes and theme files: what pages link to.
    Assets,
    /// Pages (HTML), including redirect pages.
    Pages,
    /// Site-wide files: search index, sitemaps, feeds, open data; the roots that name
    /// other files (the search index root, the sitemap) last of all.
    SiteWide,
}

impl Phase {
    pub const ALL: [Phase; 3] = [Phase::Assets, Phase::Pages, Phase::SiteWide];

    pub fn name(self) -> &'static str {
        match self {
            Phase::Assets => "images and theme files",
            Phase::Pages => "pages",
            Phase::SiteWide => "site-wide files",
        }
    }
}

/// How one file is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headers {
    pub content_type: &'static str,
    pub cache_control: &'static str,
    /// For a redirect page: where the store itself should redirect (S3 website endpoints
    /// answer 301 with it), as a root-relative path.
    pub redirect: Option<String>,
}

/// Files of the output that are not published to a bucket: host recipes that a bucket does
/// not read (`_headers`, `_redirects`: the redirects go as store redirects instead).
pub fn is_host_recipe(path: &str) -> bool {
    path == "_headers" || path == crate::output::redirects::PATH
}

/// The headers of the file at `path`; `redirects` maps redirect pages (`old/index.html`) to
/// their targets.
pub fn headers(path: &str, redirects: &HashMap<String, String>) -> Headers {
    let content_type = crate::output::content_type::of(path);
    let cache_control = if path.starts_with("gambar/") || path.starts_with("aset/") { IMMUTABLE } else { REVALIDATE };
    Headers { content_type, cache_control, redirect: redirects.get(path).cloned() }
}

/// The phase of the file at `path`.
pub fn phase(path: &str, headers: &Headers) -> Phase {
    if headers.content_type.starts_with("text/html") {
        Phase::Pages
    } else if path.starts_with("gambar/")
        || path.starts_with("aset/")
        || headers.content_type.starts_with("image/")
        || headers.content_type.starts_with("font/")
    {
        Phase::Assets
    } else {
        Phase::SiteWide
    }
}

/// Files that name other files of their phase, uploaded after them: the search index root
/// and the sitemap (an index of sitemaps on a big site).
fn is_root(path: &str) -> bool {
    path == crate::paths::SEARCH_INDEX || path == "sitemap.xml"
}

/// What the bucket holds for a file, as the deploy records it: the file's content digest
/// with the headers it was stored with, so a change of either uploads it again.
pub fn stored_digest(content: &Digest, headers: &Headers) -> Digest {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&content.0);
    hasher.update(headers.content_type.as_bytes());
    hasher.update(b"\n");
    hasher.update(headers.cache_control.as_bytes());
    hasher.update(b"\n");
    hasher.update(headers.redirect.as_deref().unwrap_or("").as_bytes());
    let mut short = [0; 16];
    short.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
    Digest(short)
}

/// One file to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub path: String,
    pub size: u64,
    pub headers: Headers,
    /// What the bucket's record will say of it once uploaded.
    pub stored: Digest,
}

/// What a deploy does.
#[derive(Debug, Default)]
pub struct Plan {
    /// Uploads, by phase, each in upload order.
    pub uploads: Vec<(Phase, Vec<Upload>)>,
    /// Objects the new build no longer has (deleted only with `--prune`), sorted.
    pub deletions: Vec<String>,
    /// Files already current in the bucket.
    pub unchanged: usize,
    /// Objects in the bucket that the site no longer has (deleted, or with `--prune` only).
    pub gone: usize,
    /// The bucket's record after the deploy: every object it holds, with its stored digest
    /// (objects not deleted stay listed, so a later `--prune` still finds them).
    pub record: Manifest,
}

impl Plan {
    pub fn upload_count(&self) -> usize {
        self.uploads.iter().map(|(_, u)| u.len()).sum()
    }

    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().flat_map(|(_, u)| u).map(|u| u.size).sum()
    }
}

/// Compares the local manifest with `stored` (the bucket's record, with any uploads of an
/// interrupted deploy applied) and plans the uploads and deletions.
pub fn plan(local: &Manifest, stored: &Manifest, redirects: &HashMap<String, String>, prune: bool) -> Plan {
    let known: HashMap<&str, &Entry> = stored.entries.iter().map(|e| (e.path.as_str(), e)).collect();
    let mut by_phase: HashMap<Phase, Vec<Upload>> = HashMap::new();
    let mut record = Vec::with_capacity(local.entries.len());
    let mut unchanged = 0;
    let mut published = std::collections::HashSet::with_capacity(local.entries.len());
    for entry in local.entries.iter().filter(|e| !is_host_recipe(&e.path)) {
        published.insert(entry.path.as_str());
        let headers = headers(&entry.path, redirects);
        let stored_as = stored_digest(&entry.digest, &headers);
        record.push(Entry { path: entry.path.clone(), size: entry.size, digest: stored_as });
        if known.get(entry.path.as_str()).is_some_and(|e| e.digest == stored_as && e.size == entry.size) {
            unchanged += 1;
            continue;
        }
        let phase = phase(&entry.path, &headers);
        by_phase.entry(phase).or_default().push(Upload {
            path: entry.path.clone(),
            size: entry.size,
            headers,
            stored: stored_as,
        });
    }
    let mut deletions = Vec::new();
    let mut gone = 0;
    for entry in &stored.entries {
        if published.contains(entry.path.as_str()) {
            continue;
        }
        gone += 1;
        if prune {
            deletions.push(entry.path.clone());
        } else {
            record.push(entry.clone());
        }
    }
    record.sort_by(|a, b| a.path.cmp(&b.path));
    deletions.sort();
    let uploads = Phase::ALL
        .iter()
        .filter_map(|phase| {
            let mut files = by_phase.remove(phase)?;
            // Local manifests are sorted by path; the roots go last.
            files.sort_by(|a, b| (is_root(&a.path), &a.path).cmp(&(is_root(&b.path), &b.path)));
            Some((*phase, files))
        })
        .collect();
    Plan { uploads, deletions, unchanged, gone, record: Manifest { entries: record } }
}

/// Redirect pages from the `_redirects` text the build writes (`/old/ /new/ 301` per line):
/// the object of each old path (`old/index.html` under the base path) → its target.
pub fn redirects_from(text: &str, base_path: &str) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut parts = line.split_whitespace();
        let (Some(from), Some(to)) = (parts.next(), parts.next()) else { continue };
        let Some(relative) = from.strip_prefix(base_path) else { continue };
        let object = if relative.is_empty() || relative.ends_with('/') {
            format!("{relative}index.html")
        } else {
            relative.to_string()
        };
        map.insert(object, to.to_string());
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, bytes: &[u8]) -> Entry {
        Entry { path: path.into(), size: bytes.len() as u64, digest: Digest::of(bytes) }
    }

    fn manifest(entries: Vec<Entry>) -> Manifest {
        let mut entries = entries;
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Manifest { entries }
    }

    fn paths(plan: &Plan) -> Vec<(Phase, Vec<&str>)> {
        plan.uploads.iter().map(|(p, u)| (*p, u.iter().map(|u| u.path.as_str()).collect())).collect()
    }

    #[test]
    fn first_deploy_goes_up_in_phases_with_roots_last_and_without_host_recipes() {
        let local = manifest(vec![
            entry("index.html", b"home"),
            entry("gambar/abc-480.webp", b"img"),
            entry("aset/katalog.css", b"css"),
            entry("umkm/kopi/es/qr.svg", b"<svg/>"),
            entry("cari/indeks.json", b"{}"),
            entry("cari/a.json", b"[]"),
            entry("sitemap.xml", b"<x/>"),
            entry("acara/kalender.ics", b"BEGIN"),
            entry("_headers", b"/*"),
            entry("_redirects", b"/a/ /b/ 301"),
        ]);
        let plan = plan(&local, &Manifest::default(), &HashMap::new(), false);
        assert_eq!(
            paths(&plan),
            vec![
                (Phase::Assets, vec!["aset/katalog.css", "gambar/abc-480.webp", "umkm/kopi/es/qr.svg"]),
                (Phase::Pages, vec!["index.html"]),
                (Phase::SiteWide, vec!["acara/kalender.ics", "cari/a.json", "cari/indeks.json", "sitemap.xml"]),
            ]
        );
        assert_eq!(plan.record.entries.len(), 8, "the host recipes are not published");
        assert!(plan.deletions.is_empty());
    }

    #[test]
    fn unchanged_files_stay_and_a_header_change_uploads_again() {
        let local = manifest(vec![entry("index.html", b"home"), entry("lama/index.html", b"redirect page")]);
        let first = plan(&local, &Manifest::default(), &HashMap::new(), false);
        let again = plan(&local, &first.record, &HashMap::new(), false);
        assert_eq!(again.upload_count(), 0);
        assert_eq!(again.unchanged, 2);
        let redirects = HashMap::from([("lama/index.html".to_string(), "/baru/".to_string())]);
        let with_redirect = plan(&local, &first.record, &redirects, false);
        assert_eq!(paths(&with_redirect), vec![(Phase::Pages, vec!["lama/index.html"])]);
        assert_eq!(with_redirect.uploads[0].1[0].headers.redirect.as_deref(), Some("/baru/"));
    }

    #[test]
    fn removed_files_are_deleted_only_when_pruning_and_stay_recorded_otherwise() {
        let old = manifest(vec![entry("index.html", b"home"), entry("umkm/lama/index.html", b"gone")]);
        let first = plan(&old, &Manifest::default(), &HashMap::new(), false);
        let new = manifest(vec![entry("index.html", b"home")]);
        let kept = plan(&new, &first.record, &HashMap::new(), false);
        assert!(kept.deletions.is_empty());
        assert_eq!(kept.gone, 1);
        assert_eq!(kept.record, first.record, "still listed, so a later --prune finds it");
        let pruned = plan(&new, &first.record, &HashMap::new(), true);
        assert_eq!(pruned.deletions, vec!["umkm/lama/index.html"]);
        assert_eq!(pruned.record.entries.len(), 1);
    }

    #[test]
    fn types_and_caching_follow_the_deploy_guide() {
        let none = HashMap::new();
        let h = |p: &str| headers(p, &none);
        assert_eq!(h("acara/kalender.ics").content_type, "text/calendar; charset=utf-8");
        assert_eq!(h("umkm/a/b/qr.svg").content_type, "image/svg+xml");
        assert_eq!(h("gambar/x-480.webp").content_type, "image/webp");
        assert_eq!(h("gambar/x-480.webp").cache_control, IMMUTABLE);
        assert_eq!(h("aset/katalog.css").cache_control, IMMUTABLE);
        assert_eq!(h("umkm/index.html").cache_control, REVALIDATE);
        assert_eq!(h("data/umkm.json").content_type, "application/json");
    }

    #[test]
    fn redirects_map_old_folders_to_their_index_objects_under_the_base_path() {
        let text = "# comment\n/katalog/umkm/lama/ /katalog/umkm/baru/ 301\n/katalog/x.html /katalog/y/ 301\n";
        let map = redirects_from(text, "/katalog/");
        assert_eq!(map.get("umkm/lama/index.html").map(String::as_str), Some("/katalog/umkm/baru/"));
        assert_eq!(map.get("x.html").map(String::as_str), Some("/katalog/y/"));
    }
}
