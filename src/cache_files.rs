//! Entries of the cache folder (`.katalog-cache/`) that are files named after a key of 64 hex
//! digits (a BLAKE3 hash): written whole or not at all, and pruned by key. The image cache
//! (`images::cache`) and the QR cache (`assets::qr_cache`) keep their entries this way.

use std::collections::HashSet;
use std::io;
use std::path::Path;

/// Writes `path` under a temporary name in its folder, then renames it: readers see the whole
/// file or none.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().expect("cache files live in a folder");
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    io::Write::write_all(&mut file, bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Deletes the files of `dir` named after a key (64 hex digits, then anything) that is not in
/// `used`; other files stay. Returns how many went.
pub fn prune_entries(dir: &Path, used: &HashSet<String>) -> io::Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(key) = name.get(..64).filter(|k| k.bytes().all(|b| b.is_ascii_hexdigit())) else { continue };
        if !used.contains(key) {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}
