//! Writing the built site: into a staging folder, then published in one step.
//!
//! A build writes every file into a fresh folder beside the output directory. Only when the
//! whole build has succeeded is the previous output swapped for it; a failed or interrupted
//! build leaves the previous site untouched (and its leftovers are removed by the next run).
//! Every published folder carries a marker file; katalog replaces only an empty folder or
//! one it wrote itself, so a mistyped `-o ~/Documents` cannot delete anyone's files.
//!
//! Given the previous output, a file whose bytes have not changed is hard-linked from it
//! instead of written: its modification time stays, so `rsync` or an object-store sync
//! uploads nothing for it, and pages that need no rendering cost one link each.

pub mod content_type;
pub mod delta;
pub mod json;
pub mod manifest;
pub mod opendata;
pub mod previous;
pub mod redirects;
pub mod site_static;
pub mod sitemap;

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// A folder being filled with the next version of the site.
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    published: bool,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// The previous output, whose unchanged files are linked rather than written.
    previous: Option<PathBuf>,
    /// Files taken from the previous output.
    linked: AtomicUsize,
    /// Updating the output folder itself (`katalog serve`), not a staging copy of it.
    in_place: bool,
    /// Every file of the new output, when tracked (in place, to delete the others).
    tracked: Option<std::sync::Mutex<Vec<String>>>,
    /// In place: the previous build's files are known to be there (`katalog serve` kept
    /// their list in memory and alone writes the folder), so they are not looked up.
    trusted: bool,
    /// The manifest of the new output, recorded as files are written.
    manifest: manifest::Recorder,
    /// A delta build: the previous build's files, which are not written again.
    delta: Option<delta::PreviousFiles>,
}

const NEW_MARK: &str = ".katalog-new-";
const OLD_MARK: &str = ".katalog-old-";
/// The file that marks a folder as katalog's output, safe to replace.
pub const OUTPUT_MARKER: &str = ".katalog-output";

impl Staging {
    /// Prepares a staging folder for publishing to `target`.
    pub fn create(target: &Path) -> io::Result<Staging> {
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the output path has no folder name"))?
            .to_string_lossy()
            .into_owned();
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        if target.exists() && !target.is_dir() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not a folder", target.display()),
            ));
        }
        if target.is_dir() && !target.join(OUTPUT_MARKER).exists() && std::fs::read_dir(target)?.next().is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} is not empty and was not written by katalog; refusing to replace it (choose another folder, or empty it)",
                    target.display()
                ),
            ));
        }
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}{NEW_MARK}{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir(&dir)?;
        std::fs::write(
            dir.join(OUTPUT_MARKER),
            b"This folder is written by katalog build and replaced on every build.\n",
        )?;
        let manifest = manifest::Recorder::new(&dir);
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            published: false,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            previous: None,
            linked: AtomicUsize::new(0),
            in_place: false,
            tracked: None,
            trusted: false,
            manifest,
            delta: None,
        })
    }

    /// Updates `target` (a folder katalog built) where it is, for `katalog serve`: unchanged
    /// files stay untouched, changed ones are replaced one by one (write, then rename), and
    /// [`Staging::finish_in_place`] deletes what the new build no longer has. Faster than a
    /// fresh folder for a big site and a small change, but not atomic as a whole.
    pub fn in_place(target: &Path) -> io::Result<Staging> {
        let marker = target.join(OUTPUT_MARKER);
        if !marker.is_file() {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no katalog output to update"));
        }
        // A new marker file (new inode and time): a state saved for the folder as it was, by
        // this process or another one, no longer matches it.
        let fresh = target.join(".katalog-output.katalog-tmp");
        std::fs::copy(&marker, &fresh)?;
        std::fs::rename(&fresh, &marker)?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir: target.to_path_buf(),
            published: true,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            previous: None,
            linked: AtomicUsize::new(0),
            in_place: true,
            tracked: Some(std::sync::Mutex::new(Vec::new())),
            trusted: false,
            manifest: manifest::Recorder::new(target),
            delta: None,
        })
    }

    /// Makes this a delta build ([`delta`]): files that `previous` lists with the same bytes
    /// are recorded in the manifest but not written, and the folder is marked as a delta.
    pub fn write_only_changes(&mut self, previous: delta::PreviousFiles) -> io::Result<()> {
        std::fs::write(
            self.dir.join(delta::MARKER),
            b"This folder holds only the files that changed since the previous build (katalog build --delta);\n\
              .katalog-manifest lists the whole site. Deploy it with katalog deploy; it is not a whole site.\n",
        )?;
        self.delta = Some(previous);
        Ok(())
    }

    /// Records a file of the new output that the previous build left as it is (in a delta
    /// build, or in place): kept, tracked, and carried into the manifest.
    fn carry(&self, relative: &str) {
        self.track(relative);
        self.count_kept();
        self.manifest.carried(relative);
    }

    /// Records no manifest (for `katalog serve`'s folder, which nothing deploys: recording
    /// each of a big site's files on every save would delay the reload), and removes the one
    /// the folder may hold.
    pub fn without_manifest(&mut self) {
        self.manifest = manifest::Recorder::off(&self.dir);
    }

    /// In place: trusts that every file of the previous build is still there.
    pub fn trust_previous_files(&mut self) {
        self.trusted = self.in_place;
    }

    /// Records every file of the new output (to update it in place later).
    pub fn track_files(&mut self) {
        self.tracked.get_or_insert_with(Default::default);
    }

    fn track(&self, relative: &str) {
        if let Some(tracked) = &self.tracked {
            tracked.lock().expect("never poisoned").push(relative.to_string());
        }
    }

    /// The files of the new output, when tracked.
    pub fn tracked_files(&self) -> Vec<String> {
        self.tracked.as_ref().map(|t| t.lock().expect("never poisoned").clone()).unwrap_or_default()
    }

    /// In place: an unchanged file stays as it is; a changed one is written beside it and
    /// renamed over it.
    fn write_in_place(&self, relative: &str, path: &Path, contents: &[u8]) -> io::Result<()> {
        self.track(relative);
        self.manifest.wrote(relative, contents);
        if holds(path, contents) {
            self.count_kept();
            return Ok(());
        }
        let temporary = path.with_extension("katalog-tmp");
        std::fs::write(&temporary, contents)?;
        std::fs::rename(&temporary, path)?;
        self.count_written(contents.len() as u64);
        Ok(())
    }

    /// In place: deletes every file of `previous_files` that is not one of `new_files` (the
    /// files of the new build, sorted).
    pub fn finish_in_place(mut self, previous_files: &[String], new_files: &[String]) -> io::Result<usize> {
        // The previous manifest is read while the new one is written beside it.
        let previous = self.dir.join(format!("{}.previous", manifest::FILE));
        let had_previous = std::fs::rename(self.dir.join(manifest::FILE), &previous).is_ok();
        self.write_manifest(had_previous.then_some(previous.as_path()))?;
        if had_previous {
            let _ = std::fs::remove_file(&previous);
        }
        let mut removed = 0;
        for file in previous_files.iter().filter(|f| new_files.binary_search(f).is_err()) {
            let path = self.dir.join(file);
            match std::fs::remove_file(&path) {
                Ok(()) => {
                    removed += 1;
                    // Folders left empty go too (a removed product's page folder).
                    let mut dir = path.parent();
                    while let Some(d) = dir.filter(|d| *d != self.dir) {
                        if std::fs::remove_dir(d).is_err() {
                            break;
                        }
                        dir = d.parent();
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        Ok(removed)
    }
    /// Takes unchanged files from `previous` (the current output) instead of writing them.
    pub fn reuse_previous(&mut self, previous: &Path) {
        self.previous = Some(previous.to_path_buf());
    }

    /// Links `relative` from the previous output when it exists there with exactly `contents`.
    fn link_if_same(&self, relative: &str, path: &Path, contents: &[u8]) -> bool {
        let Some(previous) = &self.previous else { return false };
        let old = previous.join(relative);
        holds(&old, contents) && self.link(&old, path)
    }

    fn link(&self, old: &Path, path: &Path) -> bool {
        let linked = std::fs::hard_link(old, path).is_ok();
        if linked {
            self.count_kept();
        }
        linked
    }

    /// Counts a file of the new output taken unchanged from the previous one.
    fn count_kept(&self) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.linked.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a file of the new output written with `bytes` bytes.
    fn count_written(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Removes a staged file before it is written again: it may be a link to the previous
    /// output, and writing through it would change the published site.
    fn unlink_reused(&self, path: &Path) -> io::Result<()> {
        if self.previous.is_some() { remove_if_there(path) } else { Ok(()) }
    }

    /// Takes `relative` from the previous output as it is (for pages whose inputs did not
    /// change); false when the previous output lacks it.
    pub fn link_previous(&self, relative: &str) -> io::Result<bool> {
        if let Some(previous) = &self.delta {
            let there = previous.get(relative).is_some();
            if there {
                self.carry(relative);
            }
            return Ok(there);
        }
        if self.in_place {
            if self.trusted {
                // Not tracked either: the new state lists its pages' files itself.
                self.count_kept();
                self.manifest.carried(relative);
                return Ok(true);
            }
            let there = self.dir.join(relative).is_file();
            if there {
                self.carry(relative);
            }
            return Ok(there);
        }
        let Some(previous) = &self.previous else { return Ok(false) };
        let old = previous.join(relative);
        if !old.is_file() {
            return Ok(false);
        }
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let linked = self.link(&old, &path);
        if linked {
            self.track(relative);
            self.manifest.carried(relative);
        }
        Ok(linked)
    }

    /// Files taken unchanged from the previous output.
    pub fn files_linked(&self) -> usize {
        self.linked.load(Ordering::Relaxed)
    }

    /// Writes a file at `relative` (forward slashes, no `..`), creating its folders.
    pub fn write(&self, relative: &str, contents: &[u8]) -> io::Result<()> {
        debug_assert!(!relative.split('/').any(|p| p == ".." || p == "."));
        let path = self.dir.join(relative);
        if let Some(previous) = &self.delta {
            return self.write_if_changed(previous, relative, &path, contents);
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if self.in_place {
            return self.write_in_place(relative, &path, contents);
        }
        self.track(relative);
        self.manifest.wrote(relative, contents);
        self.unlink_reused(&path)?;
        if self.link_if_same(relative, &path, contents) {
            return Ok(());
        }
        std::fs::write(&path, contents).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.count_written(contents.len() as u64);
        Ok(())
    }

    /// A delta build: writes the file only when the previous build did not have these bytes.
    fn write_if_changed(
        &self,
        previous: &delta::PreviousFiles,
        relative: &str,
        path: &Path,
        contents: &[u8],
    ) -> io::Result<()> {
        self.track(relative);
        let (digest, size) = (manifest::Digest::of(contents), contents.len() as u64);
        self.manifest.wrote_digest(relative, size, &digest);
        if previous.has(relative, &digest, size) && !delta::always_written(relative) {
            // A path written twice keeps its last bytes: an earlier version goes.
            remove_if_there(path)?;
            self.count_kept();
            return Ok(());
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, contents).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        self.count_written(size);
        Ok(())
    }

    /// Copies a file whose name changes with its bytes (`gambar/<hash>-<width>.webp`): in a
    /// delta build, one the previous build published at the same size is carried over
    /// without being read.
    pub fn copy_content_named(&self, source: &Path, relative: &str) -> io::Result<()> {
        if let Some(previous) = &self.delta
            && let Some((_, size)) = previous.get(relative)
            && std::fs::metadata(source).is_ok_and(|m| m.len() == size)
        {
            self.carry(relative);
            return Ok(());
        }
        self.copy(source, relative)
    }

    /// Copies the file at `source` to `relative`.
    pub fn copy(&self, source: &Path, relative: &str) -> io::Result<()> {
        let unreadable = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", source.display()));
        // Read, so that the bytes are hashed for the manifest and, given a previous output,
        // compared with it as any written file is.
        self.write(relative, &std::fs::read(source).map_err(unreadable)?)
    }

    /// Creates a file for streaming writes (large files such as the open-data JSON); call
    /// [`Staging::count_file`] once it is complete.
    pub fn create_file(&self, relative: &str) -> io::Result<std::fs::File> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        self.unlink_reused(&path)?;
        std::fs::File::create(path)
    }

    /// Counts a file written through [`Staging::create_file`] in the totals.
    pub fn count_file(&self, relative: &str) -> io::Result<()> {
        self.track(relative);
        let path = self.dir.join(relative);
        // Read once: hashed for the manifest, and compared with the previous output.
        let bytes = std::fs::read(&path)?;
        let (digest, size) = (manifest::Digest::of(&bytes), bytes.len() as u64);
        self.manifest.wrote_digest(relative, size, &digest);
        if let Some(previous) = &self.delta
            && previous.has(relative, &digest, size)
            && !delta::always_written(relative)
        {
            std::fs::remove_file(&path)?;
            self.count_kept();
            return Ok(());
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(relative);
            let link = path.with_extension("katalog-link");
            if holds(&old, &bytes) && std::fs::hard_link(&old, &link).is_ok() {
                std::fs::rename(&link, &path)?;
                self.count_kept();
                return Ok(());
            }
        }
        self.count_written(size);
        Ok(())
    }

    pub fn files_written(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    pub fn bytes_written(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Writes the manifest of the new output (`.katalog-manifest`) into it, given the
    /// previous output's manifest for the files carried over unchanged.
    fn write_manifest(&mut self, previous: Option<&Path>) -> io::Result<()> {
        let recorder = std::mem::replace(&mut self.manifest, manifest::Recorder::new(&self.dir));
        recorder.finish(previous).map(|_| ())
    }

    /// Replaces the output with the staged site.
    pub fn publish(mut self) -> io::Result<()> {
        let previous = match &self.delta {
            Some(delta) => Some(delta.manifest().to_path_buf()),
            None => self.previous.as_ref().map(|p| p.join(manifest::FILE)),
        };
        self.write_manifest(previous.as_deref())?;
        let parent = self.dir.parent().unwrap_or(Path::new(".")).to_path_buf();
        let name = self.target.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let had_previous = self.target.exists();
        if had_previous {
            // One atomic step where the system allows it (Linux): the new site and the old
            // swap places, so there is no moment without a site at the output path.
            match exchange(&self.dir, &self.target) {
                Ok(()) => {
                    self.published = true;
                    // The staging path now holds the old site; a copy that cannot be removed
                    // now is removed as a leftover by the next build.
                    let _ = std::fs::remove_dir_all(&self.dir);
                    return Ok(());
                }
                Err(e) if !unsupported(&e) => return Err(e),
                Err(_) => {}
            }
        }
        // Two renames. A build killed between them leaves the old site under its `-old-`
        // name; the next build puts it back before anything else.
        let old = parent.join(format!(".{name}{OLD_MARK}{}", std::process::id()));
        if had_previous {
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_previous {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.published = true;
        if had_previous {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Deletes the file at `path` if there is one.
fn remove_if_there(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Whether the file at `path` holds exactly `contents` (the size is compared first, so a
/// changed file is rarely read).
fn holds(path: &Path, contents: &[u8]) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == contents.len() as u64)
        && std::fs::read(path).is_ok_and(|bytes| bytes == contents)
}

/// Swaps two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from_raw_os_error(rustix::io::Errno::NOSYS.raw_os_error()))
}

/// Whether the file system cannot exchange folders (then two renames do).
fn unsupported(error: &io::Error) -> bool {
    use rustix::io::Errno;
    [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP].iter().any(|e| error.raw_os_error() == Some(e.raw_os_error()))
}

/// Removes staging and old folders left by builds that were killed (not those of a build
/// of the same output that is still running). An old site whose replacement never arrived
/// (a build killed between its two renames) is put back first.
fn remove_leftovers(parent: &Path, name: &str) {
    let target = parent.join(name);
    if !target.exists()
        && let Ok(entries) = std::fs::read_dir(parent)
    {
        let old_prefix = format!(".{name}{OLD_MARK}");
        for entry in entries.flatten() {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            if let Some(pid) = file_name.strip_prefix(&old_prefix)
                && !process_is_running(pid)
                && std::fs::rename(entry.path(), &target).is_ok()
            {
                break;
            }
        }
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let new_prefix = format!(".{name}{NEW_MARK}");
    let old_prefix = format!(".{name}{OLD_MARK}");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = file_name.strip_prefix(&new_prefix).or_else(|| file_name.strip_prefix(&old_prefix));
        if let Some(pid) = pid
            && !process_is_running(pid)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether another process with this id is alive (Linux: `/proc/<pid>`; elsewhere assume not).
fn process_is_running(pid: &str) -> bool {
    pid.parse::<u32>().is_ok_and(|pid| pid != std::process::id() && Path::new("/proc").join(pid.to_string()).exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_site_left_between_two_renames_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // A dead build's old site, and no site at the output path.
        let old = tmp.path().join(format!(".public{OLD_MARK}4000000000"));
        std::fs::create_dir(&old).unwrap();
        std::fs::write(old.join(OUTPUT_MARKER), "").unwrap();
        std::fs::write(old.join("index.html"), "lama").unwrap();
        let staging = Staging::create(&out).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "lama");
        assert!(!old.exists());
        drop(staging);
    }

    #[test]
    fn publishes_atomically_and_replaces_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("stale.html"), "old").unwrap();
        std::fs::write(out.join(OUTPUT_MARKER), "").unwrap();
        let staging = Staging::create(&out).unwrap();
        staging.write("a/b/index.html", b"new").unwrap();
        assert_eq!(std::fs::read_to_string(out.join("stale.html")).unwrap(), "old");
        staging.publish().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/b/index.html")).unwrap(), "new");
        assert!(!out.join("stale.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
        assert!(out.join(OUTPUT_MARKER).exists());
    }

    #[test]
    fn refuses_to_replace_a_folder_it_did_not_write() {
        let tmp = tempfile::tempdir().unwrap();
        let precious = tmp.path().join("skripsi");
        std::fs::create_dir(&precious).unwrap();
        std::fs::write(precious.join("bab-1.docx"), "draft").unwrap();
        let err = Staging::create(&precious).err().unwrap();
        assert!(err.to_string().contains("was not written by katalog"), "{err}");
        assert_eq!(std::fs::read_to_string(precious.join("bab-1.docx")).unwrap(), "draft");
        // An empty folder is fine.
        let empty = tmp.path().join("kosong");
        std::fs::create_dir(&empty).unwrap();
        Staging::create(&empty).unwrap().publish().unwrap();
    }

    #[test]
    fn leaves_the_staging_folder_of_a_running_build_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let killed = tmp.path().join(format!(".public{NEW_MARK}999999999"));
        let running = tmp.path().join(format!(".public{NEW_MARK}1")); // pid 1 is always alive
        std::fs::create_dir(&killed).unwrap();
        std::fs::create_dir(&running).unwrap();
        let _staging = Staging::create(&out).unwrap();
        assert!(!killed.exists());
        assert!(running.exists());
    }

    #[test]
    fn a_delta_writes_only_changed_files_and_the_last_bytes_of_a_path_written_twice() {
        let tmp = tempfile::tempdir().unwrap();
        let before = tmp.path().join("before");
        let staging = Staging::create(&before).unwrap();
        for (path, bytes) in [("same.html", "sama"), ("twice.html", "lama"), ("gambar/abc-320.webp", "gambar")] {
            staging.write(path, bytes.as_bytes()).unwrap();
        }
        staging.publish().unwrap();
        let previous = delta::PreviousFiles::read(&before.join(manifest::FILE)).unwrap();

        let out = tmp.path().join("public");
        let mut staging = Staging::create(&out).unwrap();
        staging.write_only_changes(previous).unwrap();
        let source = tmp.path().join("cached.webp");
        std::fs::write(&source, "gambar").unwrap();
        staging.copy_content_named(&source, "gambar/abc-320.webp").unwrap();
        staging.write("same.html", b"sama").unwrap();
        staging.write("twice.html", b"baru").unwrap();
        staging.write("twice.html", b"lama").unwrap();
        staging.write("new.html", b"baru").unwrap();
        assert!(staging.link_previous("same.html").unwrap());
        assert!(!staging.link_previous("never.html").unwrap());
        staging.publish().unwrap();
        let mut files: Vec<String> = walkdir::WalkDir::new(&out)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&out).unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        assert_eq!(files, [delta::MARKER, manifest::FILE, OUTPUT_MARKER, "new.html"]);
        // The manifest is the whole site's, as a whole build would record it.
        let manifest = manifest::Manifest::read(&out).unwrap();
        let paths: Vec<&str> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["gambar/abc-320.webp", "new.html", "same.html", "twice.html"]);
        assert_eq!(manifest.entries[3].digest, manifest::Digest::of(b"lama"));
    }

    #[test]
    fn dropping_an_unpublished_build_keeps_the_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        std::fs::write(out.join(OUTPUT_MARKER), "").unwrap();
        {
            let staging = Staging::create(&out).unwrap();
            staging.write("index.html", b"half").unwrap();
        }
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
        assert!(out.join(OUTPUT_MARKER).exists());
    }
}
