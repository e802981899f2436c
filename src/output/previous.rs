//! What the previous build wrote, for incremental builds: each page's fingerprint, path and
//! files, kept in the cache folder (`.katalog-cache/pages/<output>.json`), never in the
//! published site.
//!
//! The state is trusted only while the output folder is the one it describes: the state
//! records the identity (inode and modification time) of the output's marker file, which
//! every build writes anew (an in-place update replaces it first), and which katalog wrote it
//! ([`BUILD_ID`]). If the folder was replaced, deleted or rebuilt by someone else, or katalog
//! changed, the next build is a full one. A delta build (`output::delta`) reads the state
//! without its output, together with the copy of the output's manifest saved beside it.

use super::delta::PreviousFiles;
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
    /// The copy of the output's manifest kept beside this state, for delta builds (a file
    /// name in the same folder).
    #[serde(default)]
    pub manifest: Option<String>,
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

/// Where the state of the build that writes `output` lives: named after where the output is
/// as seen from the cache folder (`../public`), so that a CI runner that restores the cache
/// into a checkout at another path finds the state of the same output.
pub fn state_file(cache_dir: &Path, output: &Path) -> PathBuf {
    let key = blake3::hash(relative_to(cache_dir, output).as_bytes()).to_hex();
    cache_dir.join("pages").join(format!("{}.json", &key[..16]))
}

/// The path of `to` from the folder `from` (both made absolute, compared as written).
fn relative_to(from: &Path, to: &Path) -> String {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let (from, to) = (absolute(from), absolute(to));
    let (from, to): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let up = std::iter::repeat_n("..".to_string(), from.len() - common);
    let down = to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned());
    up.chain(down).collect::<Vec<_>>().join("/")
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

    /// The state of the last build that wrote `output`, whatever the output folder holds now
    /// (a CI runner that restored the cache has none), with the files of its manifest; for
    /// a delta build. `None` without both, or when another katalog saved them.
    pub fn load_for_delta(cache_dir: &Path, output: &Path) -> Option<(BuildState, PreviousFiles)> {
        let path = state_file(cache_dir, output);
        let state: BuildState = serde_json::from_slice(&std::fs::read(&path).ok()?).ok()?;
        if state.version != BUILD_ID {
            return None;
        }
        let manifest = path.with_file_name(state.manifest.as_deref()?);
        let files = PreviousFiles::read(&manifest).ok()?;
        Some((state, files))
    }

    /// Deletes the saved state of `output` (which is about to change in ways it will not
    /// describe until it is saved again).
    pub fn forget(cache_dir: &Path, output: &Path) {
        let _ = std::fs::remove_file(state_file(cache_dir, output));
    }

    /// Saves the state, after the output it describes has been published; with
    /// `keep_manifest`, a copy of the output's manifest beside it (a hard link where the
    /// cache and the output share a file system), for a later delta build.
    pub fn save(&mut self, cache_dir: &Path, output: &Path, keep_manifest: bool) -> io::Result<()> {
        self.marker = marker_identity(output).ok_or_else(|| io::Error::other("the output has no marker file"))?;
        let path = state_file(cache_dir, output);
        let dir = path.parent().expect("a state file is in a folder");
        std::fs::create_dir_all(dir)?;
        let stem = path.file_stem().expect("a state file has a name").to_string_lossy().into_owned();
        self.manifest = None;
        if keep_manifest {
            // Named after this build's marker, so that a state never names another build's copy.
            let name = format!("{stem}.{}.manifest", self.marker.replace(':', "-"));
            let (from, to) = (output.join(super::manifest::FILE), dir.join(&name));
            let _ = std::fs::remove_file(&to);
            if std::fs::hard_link(&from, &to).is_ok() || std::fs::copy(&from, &to).is_ok() {
                self.manifest = Some(name);
            }
        }
        // Copies of earlier builds' manifests go.
        for entry in std::fs::read_dir(dir)?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(&format!("{stem}."))
                && name.ends_with(".manifest")
                && Some(&name) != self.manifest.as_ref()
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        serde_json::to_writer(io::BufWriter::new(&mut file), self)?;
        file.persist(&path).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_of_an_output_is_found_from_a_checkout_at_another_path() {
        let here =
            state_file(Path::new("/home/runner/work/a/a/.katalog-cache"), Path::new("/home/runner/work/a/a/public"));
        let there = state_file(Path::new("/builds/1/katalog/.katalog-cache"), Path::new("/builds/1/katalog/public"));
        assert_eq!(here, Path::new("/home/runner/work/a/a/.katalog-cache/pages").join(there.file_name().unwrap()));
        let other = state_file(Path::new("/builds/1/katalog/.katalog-cache"), Path::new("/builds/1/katalog/out"));
        assert_ne!(there.file_name(), other.file_name(), "another output, another state");
        assert_eq!(relative_to(Path::new("/a/b/cache"), Path::new("/a/c/public")), "../../c/public");
    }
}
