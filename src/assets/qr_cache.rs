//! The QR drawing cache (`.katalog-cache/qr/` by default): each code's SVG and PNG, keyed by
//! the hash of the text it encodes and of the drawing settings, in the spirit of the image
//! cache (`images::cache`). A rebuild of an unchanged catalogue — a CI runner that restored the
//! cache folder, with no previous output — encodes no QR code; a changed `qr.query` or
//! `base_url` changes the texts, so the keys.
//!
//! A product's code is one file, `<key>.qr`: the lengths of its SVG and its PNG (4 bytes
//! each, little-endian), the SVG, then the PNG. A build reads one file a product, and a cache
//! at Jakarta scale holds 846,000 files rather than twice as many (each small file takes whole
//! disk blocks). A vendor's QRIS code, only published as SVG, is `<key>.svg`. Files are
//! written under a temporary name and renamed, so a killed build or two builds sharing the
//! cache never leave a half-written entry. After a successful build, [`QrCache::prune`]
//! deletes the entries no page of the site uses any more.

use super::qr::{Code, drawing_settings};
use crate::cache_files::{prune_entries, write_atomic};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Draws QR codes, from the cache when it has them.
pub struct QrCache {
    /// `None` when there is no cache: every code is encoded.
    dir: Option<PathBuf>,
    encoded: AtomicUsize,
    cached: AtomicUsize,
}

/// How many codes a build encoded, and how many it took from the cache.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct QrCounts {
    pub encoded: usize,
    pub cached: usize,
}

/// The layout of the entries (1: a product's SVG and PNG in two files; 2: in one). It is part
/// of every key, so a cache of another layout is a miss, and pruned.
const LAYOUT: u32 = 2;

/// The cache key of a code: its text and everything that shapes its drawings.
pub fn key(text: &str) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(format!("katalog qr {}, layout {LAYOUT}\n", drawing_settings()).as_bytes());
    hasher.update(text.as_bytes());
    hasher.finalize().to_hex().to_string()
}

impl QrCache {
    /// Opens (creating) the cache in `root`. Without a usable folder, it says so and encodes
    /// every code of this build.
    pub fn open(root: &Path) -> QrCache {
        let dir = root.join("qr");
        match std::fs::create_dir_all(&dir) {
            Ok(()) => QrCache::in_dir(Some(dir)),
            Err(e) => {
                eprintln!("warning: no QR cache: cannot create {}: {e}", dir.display());
                QrCache::in_dir(None)
            }
        }
    }

    /// No cache: every code is encoded (tests, and renderers outside a build).
    pub fn none() -> QrCache {
        QrCache::in_dir(None)
    }

    fn in_dir(dir: Option<PathBuf>) -> QrCache {
        QrCache { dir, encoded: AtomicUsize::new(0), cached: AtomicUsize::new(0) }
    }

    /// The code of `text` as an SVG file.
    pub fn svg(&self, text: &str) -> Result<Vec<u8>, String> {
        let key = key(text);
        if let Some(svg) = self.read(&key, "svg") {
            self.cached.fetch_add(1, Ordering::Relaxed);
            return Ok(svg);
        }
        let svg = self.encode(text)?.svg().into_bytes();
        self.store(&key, "svg", &svg);
        Ok(svg)
    }

    /// The code of `text` as an SVG file and as a PNG.
    pub fn svg_and_png(&self, text: &str) -> Result<(Vec<u8>, Vec<u8>), String> {
        let key = key(text);
        if let Some(both) = self.read(&key, "qr").and_then(split_drawings) {
            self.cached.fetch_add(1, Ordering::Relaxed);
            return Ok(both);
        }
        let code = self.encode(text)?;
        let (svg, png) = (code.svg().into_bytes(), code.png());
        self.store(&key, "qr", &join_drawings(&svg, &png));
        Ok((svg, png))
    }

    /// What this cache has done so far.
    pub fn counts(&self) -> QrCounts {
        QrCounts { encoded: self.encoded.load(Ordering::Relaxed), cached: self.cached.load(Ordering::Relaxed) }
    }

    /// Deletes every entry whose key is not in `used`; returns how many files went.
    pub fn prune(&self, used: &HashSet<String>) -> io::Result<usize> {
        match &self.dir {
            Some(dir) => prune_entries(dir, used),
            None => Ok(0),
        }
    }

    fn encode(&self, text: &str) -> Result<Code, String> {
        self.encoded.fetch_add(1, Ordering::Relaxed);
        Code::new(text)
    }

    fn read(&self, key: &str, extension: &str) -> Option<Vec<u8>> {
        std::fs::read(self.dir.as_ref()?.join(format!("{key}.{extension}"))).ok()
    }

    /// Keeps a drawing; a cache that cannot be written only costs the next build an encoding.
    fn store(&self, key: &str, extension: &str, bytes: &[u8]) {
        if let Some(dir) = &self.dir {
            let _ = write_atomic(&dir.join(format!("{key}.{extension}")), bytes);
        }
    }
}

/// A product's entry: the lengths of the SVG and the PNG, the SVG, the PNG.
fn join_drawings(svg: &[u8], png: &[u8]) -> Vec<u8> {
    let length = |bytes: &[u8]| u32::try_from(bytes.len()).expect("a QR drawing is a few kilobytes").to_le_bytes();
    let mut entry = Vec::with_capacity(8 + svg.len() + png.len());
    entry.extend_from_slice(&length(svg));
    entry.extend_from_slice(&length(png));
    entry.extend_from_slice(svg);
    entry.extend_from_slice(png);
    entry
}

/// The SVG and the PNG of an entry; `None` (a miss) for one that is not whole.
fn split_drawings(entry: Vec<u8>) -> Option<(Vec<u8>, Vec<u8>)> {
    let length = |at: usize| Some(u32::from_le_bytes(entry.get(at..at + 4)?.try_into().ok()?) as usize);
    let (svg_length, png_length) = (length(0)?, length(4)?);
    if entry.len() != 8usize.checked_add(svg_length)?.checked_add(png_length)? {
        return None;
    }
    let (svg, png) = entry[8..].split_at(svg_length);
    (svg.starts_with(b"<") && png.starts_with(b"\x89PNG\r\n\x1a\n")).then(|| (svg.to_vec(), png.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_covers_the_text_and_the_settings() {
        assert_eq!(key("https://a.example/x/"), key("https://a.example/x/"));
        assert_ne!(key("https://a.example/x/"), key("https://a.example/x/?src=qr"));
        assert!(key("x").bytes().all(|b| b.is_ascii_hexdigit()) && key("x").len() == 64);
    }

    #[test]
    fn a_second_cache_on_the_same_folder_draws_the_same_bytes_without_encoding() {
        let dir = tempfile::tempdir().unwrap();
        let text = "https://katalog.example.go.id/umkm/kopi-tebet/kopi-susu/";
        let first = QrCache::open(dir.path());
        let drawn = first.svg_and_png(text).unwrap();
        let qris = first.svg("00020101021126").unwrap();
        assert_eq!(first.counts(), QrCounts { encoded: 2, cached: 0 });
        let code = Code::new(text).unwrap();
        assert_eq!(drawn, (code.svg().into_bytes(), code.png()));

        let second = QrCache::open(dir.path());
        assert_eq!(second.svg_and_png(text).unwrap(), drawn);
        assert_eq!(second.svg("00020101021126").unwrap(), qris);
        assert_eq!(second.counts(), QrCounts { encoded: 0, cached: 2 });
        // The QRIS entry has no PNG: asking for both draws it again.
        second.svg_and_png("00020101021126").unwrap();
        assert_eq!(second.counts(), QrCounts { encoded: 1, cached: 2 });
    }

    #[test]
    fn a_products_drawings_are_one_file_and_a_damaged_one_is_drawn_again() {
        let dir = tempfile::tempdir().unwrap();
        let text = "https://katalog.example.go.id/umkm/kopi-tebet/kopi-susu/";
        let drawn = QrCache::open(dir.path()).svg_and_png(text).unwrap();
        let entries: Vec<_> = std::fs::read_dir(dir.path().join("qr")).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(entries, [dir.path().join(format!("qr/{}.qr", key(text)))]);
        let entry = std::fs::read(&entries[0]).unwrap();
        assert_eq!(entry.len(), 8 + drawn.0.len() + drawn.1.len());
        // Cut short, with a byte too many, with lengths past its end or swapped: a miss,
        // drawn and stored again.
        let longer = [&entry[..], b"x"].concat();
        let swapped = [&entry[4..8], &entry[..4], &entry[8..]].concat();
        let huge = [&[0xff; 8][..], &entry[8..]].concat();
        for damaged in [&entry[..entry.len() - 1], &entry[..3], &longer, &swapped, &huge] {
            std::fs::write(&entries[0], damaged).unwrap();
            let cache = QrCache::open(dir.path());
            assert_eq!(cache.svg_and_png(text).unwrap(), drawn);
            assert_eq!(cache.counts(), QrCounts { encoded: 1, cached: 0 });
            assert_eq!(std::fs::read(&entries[0]).unwrap(), entry, "the entry is whole again");
        }
    }

    #[test]
    fn without_a_folder_every_code_is_encoded() {
        let none = QrCache::none();
        none.svg("x").unwrap();
        none.svg("x").unwrap();
        assert_eq!(none.counts(), QrCounts { encoded: 2, cached: 0 });
        assert_eq!(none.prune(&HashSet::new()).unwrap(), 0);
    }

    #[test]
    fn prunes_the_entries_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let cache = QrCache::open(dir.path());
        cache.svg_and_png("a").unwrap();
        cache.svg_and_png("b").unwrap();
        std::fs::write(dir.path().join("qr/README"), "not ours").unwrap();
        assert_eq!(cache.prune(&HashSet::from([key("a")])).unwrap(), 1, "b's entry");
        let again = QrCache::open(dir.path());
        again.svg_and_png("a").unwrap();
        again.svg_and_png("b").unwrap();
        assert_eq!(again.counts(), QrCounts { encoded: 1, cached: 1 });
        assert!(dir.path().join("qr/README").exists(), "files that are not entries stay");
    }
}
