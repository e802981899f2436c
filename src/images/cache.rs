//! The derivative cache (`.katalog-cache/gambar/` by default): what was made from a source
//! image, keyed by the hash of its bytes and of the settings — never by modification times,
//! which a fresh CI checkout resets. A rebuild with unchanged images decodes none of them.
//!
//! Each entry is `<key>.json` (the manifest: the source's size and the derivatives) beside the
//! derivative files `<key>-<width>.<ext>`. Files are written under a temporary name and renamed,
//! so a killed build or two builds sharing the cache never leave a half-written entry. After a
//! successful build, [`Cache::prune`] deletes the entries that build did not use.

use crate::cache_files::{prune_entries, write_atomic};
use crate::config::ImageFormat;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

/// Bumped whenever the pipeline's output changes for the same settings (a new resize filter,
/// encoder options…), so old entries are not reused.
const PIPELINE_VERSION: u32 = 1;

pub struct Cache {
    /// `None` only for a read-only cache that does not exist.
    dir: Option<PathBuf>,
    /// When the cache folder cannot be created, a temporary one that lasts for this build.
    _temporary: Option<tempfile::TempDir>,
}

/// What the cache knows about one source.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// The source's displayed size (after the EXIF orientation).
    pub width: u32,
    pub height: u32,
    pub derivatives: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    /// Short hash of the file's bytes: its published name.
    pub hash: String,
}

/// The cache key of a source: its bytes and everything that shapes its derivatives.
pub fn key(bytes: &[u8], settings: &super::resize::Settings) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(
        format!(
            "katalog images v{PIPELINE_VERSION} {:?} {:?} {}\n",
            settings.widths, settings.formats, settings.quality
        )
        .as_bytes(),
    );
    hasher.update(bytes);
    hasher.finalize().to_hex().to_string()
}

impl Cache {
    /// Opens (creating) the cache in `root`. Without a usable folder, it says so and keeps the
    /// images of this build in a temporary folder.
    pub fn open(root: &Path) -> io::Result<Cache> {
        let dir = root.join("gambar");
        match std::fs::create_dir_all(&dir) {
            Ok(()) => Ok(Cache { dir: Some(dir), _temporary: None }),
            Err(e) => {
                eprintln!("warning: no image cache: cannot create {}: {e}", dir.display());
                let temporary = tempfile::tempdir()?;
                Ok(Cache { dir: Some(temporary.path().to_path_buf()), _temporary: Some(temporary) })
            }
        }
    }

    /// The cache as it is, for `katalog check`, which only reads.
    pub fn read_only(root: &Path) -> Cache {
        let dir = root.join("gambar");
        Cache { dir: dir.is_dir().then_some(dir), _temporary: None }
    }

    /// The manifest of `key`, if it and every file it lists are present.
    pub fn lookup(&self, key: &str) -> Option<Manifest> {
        let dir = self.dir.as_ref()?;
        let text = std::fs::read(dir.join(format!("{key}.json"))).ok()?;
        let manifest: Manifest = serde_json::from_slice(&text).ok()?;
        manifest
            .derivatives
            .iter()
            .all(|d| self.file(key, d.width, d.format).is_some_and(|p| p.is_file()))
            .then_some(manifest)
    }

    /// Where the derivative of `key` at `width` in `format` is kept.
    pub fn file(&self, key: &str, width: u32, format: ImageFormat) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join(format!("{key}-{width}.{}", extension(format))))
    }

    /// Keeps one derivative (the build publishes it from here).
    pub fn store_file(&self, key: &str, width: u32, format: ImageFormat, bytes: &[u8]) -> io::Result<()> {
        match self.file(key, width, format) {
            Some(path) => write_atomic(&path, bytes),
            None => Err(io::Error::other("the image cache is read-only")),
        }
    }

    /// Records that every file of `manifest` is stored (written last, so a hit is complete).
    pub fn store_manifest(&self, key: &str, manifest: &Manifest) {
        if let Some(dir) = &self.dir {
            let json = serde_json::to_vec(manifest).expect("a manifest serialises");
            let _ = write_atomic(&dir.join(format!("{key}.json")), &json);
        }
    }

    /// Deletes every entry whose key is not in `used`; returns how many files went.
    pub fn prune(&self, used: &HashSet<String>) -> io::Result<usize> {
        match &self.dir {
            Some(dir) => prune_entries(dir, used),
            None => Ok(0),
        }
    }
}

pub fn extension(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Webp => "webp",
        ImageFormat::Jpeg => "jpg",
        ImageFormat::Avif => "avif",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::resize::Settings;

    fn settings(quality: u8) -> Settings {
        Settings { widths: vec![320, 640], formats: vec![ImageFormat::Webp, ImageFormat::Jpeg], quality }
    }

    #[test]
    fn the_key_covers_bytes_and_settings() {
        assert_eq!(key(b"abc", &settings(80)), key(b"abc", &settings(80)));
        assert_ne!(key(b"abc", &settings(80)), key(b"abd", &settings(80)));
        assert_ne!(key(b"abc", &settings(80)), key(b"abc", &settings(81)));
    }

    #[test]
    fn stores_looks_up_and_prunes() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let (a, b) = (key(b"a", &settings(80)), key(b"b", &settings(80)));
        let entry = Entry { format: ImageFormat::Webp, width: 320, height: 240, hash: "0123".into() };
        let manifest = Manifest { width: 640, height: 480, derivatives: vec![entry] };
        for k in [&a, &b] {
            assert!(cache.lookup(k).is_none());
            cache.store_file(k, 320, ImageFormat::Webp, b"pixels").unwrap();
            cache.store_manifest(k, &manifest);
            assert_eq!(cache.lookup(k).unwrap().width, 640);
        }
        std::fs::write(dir.path().join("gambar/README"), "not ours").unwrap();
        let removed = cache.prune(&HashSet::from([a.clone()])).unwrap();
        assert_eq!(removed, 2, "b's manifest and file");
        assert!(cache.lookup(&a).is_some());
        assert!(cache.lookup(&b).is_none());
        assert!(dir.path().join("gambar/README").exists(), "files that are not entries stay");
    }

    #[test]
    fn a_manifest_without_its_files_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let k = key(b"a", &settings(80));
        let entry = Entry { format: ImageFormat::Jpeg, width: 320, height: 240, hash: "0123".into() };
        cache.store_manifest(&k, &Manifest { width: 640, height: 480, derivatives: vec![entry] });
        assert!(cache.lookup(&k).is_none());
    }
}
