//! The site's own `static/` folder: copied verbatim to the output root, last, so a file there
//! (your own `robots.txt`, say) replaces a generated one of the same path. Hidden files are
//! not published; a symlink is followed only when it stays inside the site.

use super::Staging;
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use std::path::PathBuf;

/// Why the static files could not be copied.
#[derive(Debug)]
pub enum StaticError {
    /// A symlink leads outside the site.
    Content(Diagnostic),
    Io(std::io::Error),
}

/// A hash of the site's `static/` folder: paths and bytes.
pub fn fingerprint(site: &Site) -> u64 {
    let dir = site.root.join("static");
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            (e.path().strip_prefix(&dir).unwrap_or(e.path()).to_path_buf(), std::fs::read(e.path()).unwrap_or_default())
        })
        .collect();
    files.sort();
    crate::hash::hash_one(&files)
}

/// Copies the site's `static/` folder to the output root.
pub fn copy(site: &Site, staging: &Staging) -> Result<(), StaticError> {
    let dir = site.root.join("static");
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| StaticError::Io(std::io::Error::other(e.to_string())))?;
        let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.is_empty() || name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let source = if entry.path_is_symlink() {
            crate::content::load::check_inside(&site.root, entry.path()).map_err(StaticError::Content)?
        } else {
            entry.path().to_path_buf()
        };
        if source.is_file() {
            staging.copy(&source, &name).map_err(StaticError::Io)?;
        }
    }
    Ok(())
}
