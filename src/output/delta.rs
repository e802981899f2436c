//! Delta builds (`katalog build --delta`): the output folder receives only the files that
//! differ from the previous build, for a CI runner that restored `.katalog-cache/` but has
//! no previous output to link from.
//!
//! Every build saves a copy of its manifest in the cache beside its page states
//! (`previous::BuildState`). A delta build reads that copy into [`PreviousFiles`]: a page whose
//! fingerprint is unchanged is carried over as a line of the manifest, without a file; a
//! written file whose bytes equal the previous build's is not written either. The output
//! then holds the changed and new files, a complete manifest of the whole site, and the
//! marker [`MARKER`]; `katalog deploy` uploads from it what the bucket lacks, and refuses
//! before any upload when the bucket needs a file the delta does not hold (it was deployed
//! from another build than the one in the cache).

use super::manifest::{self, Digest};
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

/// The file that marks an output folder as a delta build (private: never published).
pub const MARKER: &str = ".katalog-delta";

/// Files a delta build always writes, changed or not: what `katalog deploy` reads from the
/// output besides the manifest.
pub fn always_written(path: &str) -> bool {
    path == super::redirects::PATH
}

/// The files of the previous build, from its manifest: looked up by path, a few dozen bytes
/// each (the paths themselves stay in the file), so that the three million files of a
/// Jakarta-sized site fit in about 130 MB.
pub struct PreviousFiles {
    /// The manifest file, streamed again when the new manifest is written.
    manifest: PathBuf,
    /// (hash of the path, content digest, size), sorted by the path's hash.
    files: Vec<(Digest, Digest, u64)>,
}

impl PreviousFiles {
    /// Reads the manifest at `path`; an error for anything that is not a whole manifest.
    pub fn read(path: &Path) -> io::Result<PreviousFiles> {
        let damaged = || io::Error::other(format!("{} is not a whole katalog manifest", path.display()));
        let mut lines = io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?).lines();
        if lines.next().transpose()?.as_deref() != Some(manifest::HEADER) {
            return Err(damaged());
        }
        let mut files = Vec::new();
        let mut ended = None;
        for line in lines {
            let line = line?;
            if let Some(count) = line.strip_prefix("end ") {
                ended = count.parse::<usize>().ok();
                break;
            }
            let entry = manifest::parse_line(&line).ok_or_else(damaged)?;
            files.push((Digest::of(entry.path.as_bytes()), entry.digest, entry.size));
        }
        if ended != Some(files.len()) {
            return Err(damaged());
        }
        files.sort_unstable_by_key(|file| file.0);
        Ok(PreviousFiles { manifest: path.to_path_buf(), files })
    }

    /// The manifest these files were read from.
    pub fn manifest(&self) -> &Path {
        &self.manifest
    }

    /// The previous build's digest and size of the file at `path`.
    pub fn get(&self, path: &str) -> Option<(Digest, u64)> {
        let key = Digest::of(path.as_bytes());
        let at = self.files.binary_search_by_key(&key, |file| file.0).ok()?;
        let (_, digest, size) = self.files[at];
        Some((digest, size))
    }

    /// Whether the previous build had exactly these bytes at `path`.
    pub fn has(&self, path: &str, digest: &Digest, size: u64) -> bool {
        self.get(path).is_some_and(|(d, s)| d == *digest && s == size)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Whether the output folder `dir` is a delta build.
pub fn is_delta(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::manifest::{Entry, Manifest};

    #[test]
    fn looks_up_the_previous_files_by_path_and_refuses_a_cut_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let entry =
            |path: &str, bytes: &[u8]| Entry { path: path.into(), size: bytes.len() as u64, digest: Digest::of(bytes) };
        let manifest = Manifest {
            entries: vec![entry("a/index.html", b"a"), entry("b c/index.html", b"bb"), entry("odd%\nname", b"")],
        };
        manifest::write(dir.path(), &manifest).unwrap();
        let files = PreviousFiles::read(&dir.path().join(manifest::FILE)).unwrap();
        assert_eq!(files.len(), 3);
        assert!(files.has("b c/index.html", &Digest::of(b"bb"), 2));
        assert!(!files.has("b c/index.html", &Digest::of(b"cc"), 2), "other bytes");
        assert!(files.has("odd%\nname", &Digest::of(b""), 0), "escaped paths are read back");
        assert_eq!(files.get("c/index.html"), None);
        let text = manifest.to_text();
        std::fs::write(dir.path().join("cut"), &text[..text.len() - 7]).unwrap();
        assert!(PreviousFiles::read(&dir.path().join("cut")).is_err());
    }
}
