//! What the previous build wrote, for incremental builds: each page's fingerprint, path and
//! files, kept in the cache folder (`.katalog-cache/pages/<output>.json`), never in the
//! published site.
//!
//! The state is trusted only while the output folder is the one it describes: the state
//! records the identity (inode and modification time) of the output's marker file, which
//! every build writes anew (an in-place update replaces it first), and which katalog wrote it
//! ([`BUILD_ID`]). If the folder was replaced, deleted or rebuilt by someone else, or katalog
//! changed, the next build is a full one.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

/// Which katalog wrote a build: its version and a hash of its sources (`build.rs`). Another
/// build of katalog, even one with the same version number, renders every page again.
pub const BUILD_ID: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("KATALOG_SOURCE_ID"));

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct BuildState {
    pub version: String,
    /// The fingerprint of the whole site (pages, images, static files), as hex.
    pub site: String,
    /// The identity of the output's marker file when this state was saved.
    pub marker: String,
    /// By job key (`product/kopi-tebet/kopi-susu`).
    pub pages: HashMap<String, PageState>,
    /// Every file of the output, for builds that update it in place (`katalog serve`).
    #[serde(default)]
    pub all_files: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageState {
    pub fingerprint: u64,
    /// The page's path (`umkm/kopi-tebet/`), for the sitemap.
    pub path: String,
    pub lastmod: Option<String>,
    /// Every file the page wrote, relative to the output.
    pub files: Vec<String>,
}

/// Where the state of the build that writes `output` lives.
pub fn state_file(cache_dir: &Path, output: &Path) -> PathBuf {
    let absolute = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let key = blake3::hash(absolute.to_string_lossy().as_bytes()).to_hex();
    cache_dir.join("pages").join(format!("{}.json", &key[..16]))
}

/// The identity of the marker file of `output` (changes whenever the folder is rebuilt).
pub fn marker_identity(output: &Path) -> Option<String> {
    let metadata = std::fs::metadata(output.join(super::OUTPUT_MARKER)).ok()?;
    let modified = metadata.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let inode = 0;
    Some(format!("{inode}:{modified}"))
}

impl BuildState {
    /// The state of the build that wrote `output`, if both still agree.
    pub fn load(cache_dir: &Path, output: &Path) -> Option<BuildState> {
        // An output without its marker (deleted, or never built) has no state to read: the
        // state file of a large site takes seconds to parse.
        let marker = marker_identity(output)?;
        let text = std::fs::read(state_file(cache_dir, output)).ok()?;
        let state: BuildState = serde_json::from_slice(&text).ok()?;
        (state.version == BUILD_ID && state.marker == marker).then_some(state)
    }

    /// Deletes the saved state of `output` (which is about to change in ways it will not
    /// describe until it is saved again).
    pub fn forget(cache_dir: &Path, output: &Path) {
        let _ = std::fs::remove_file(state_file(cache_dir, output));
    }

    /// Saves the state, after the output it describes has been published.
    pub fn save(&mut self, cache_dir: &Path, output: &Path) -> io::Result<()> {
        self.marker = marker_identity(output).ok_or_else(|| io::Error::other("the output has no marker file"))?;
        let path = state_file(cache_dir, output);
        let dir = path.parent().expect("a state file is in a folder");
        std::fs::create_dir_all(dir)?;
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        serde_json::to_writer(io::BufWriter::new(&mut file), self)?;
        file.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }
}
