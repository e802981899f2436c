//! The manifest of a built site: every published file with its size and content hash, in
//! `<output>/.katalog-manifest`, recorded by the build as it writes (no second pass over the
//! files) and read by `katalog deploy` to upload only what changed.
//!
//! One line per file, sorted by path, so the same site gives the same bytes:
//!
//! ```text
//! katalog-manifest 1
//! <blake3, first 16 bytes, hex> <size> <path>
//! …
//! end <number of files>
//! ```
//!
//! A file taken unchanged from the previous output (a page whose inputs did not change) keeps
//! its line from the previous manifest; only a file with no line there is read again.

use std::io::{self, BufRead, Write};
use std::path::Path;
use std::sync::Mutex;

/// The manifest's file name, at the root of the output folder (never published).
pub const FILE: &str = ".katalog-manifest";
pub(crate) const HEADER: &str = "katalog-manifest 1";

/// The content hash of a file: the first 16 bytes of its BLAKE3 hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(pub [u8; 16]);

impl Digest {
    pub fn of(bytes: &[u8]) -> Digest {
        let full = blake3::hash(bytes);
        let mut short = [0; 16];
        short.copy_from_slice(&full.as_bytes()[..16]);
        Digest(short)
    }

    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn parse(hex: &str) -> Option<Digest> {
        if hex.len() != 32 || !hex.is_ascii() {
            return None;
        }
        let mut bytes = [0; 16];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Digest(bytes))
    }
}

/// One published file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Relative to the output root, forward slashes.
    pub path: String,
    pub size: u64,
    pub digest: Digest,
}

/// Every published file, sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub entries: Vec<Entry>,
}

impl Manifest {
    /// The manifest as text (sorted; the same files give the same bytes).
    pub fn to_text(&self) -> String {
        let mut text = String::with_capacity(self.entries.len() * 80 + HEADER.len() + 1);
        text.push_str(HEADER);
        text.push('\n');
        for entry in &self.entries {
            text.push_str(&entry.digest.hex());
            text.push(' ');
            text.push_str(&entry.size.to_string());
            text.push(' ');
            text.push_str(&escape(&entry.path));
            text.push('\n');
        }
        text.push_str(&format!("end {}\n", self.entries.len()));
        text
    }

    /// Reads a manifest written by [`Manifest::to_text`]; `None` for anything else.
    pub fn parse(text: &str) -> Option<Manifest> {
        let body = text.strip_prefix(HEADER)?.strip_prefix('\n')?.strip_suffix('\n')?;
        // The last line counts the files: a manifest cut short is refused, not read as a
        // smaller site.
        let (files, last) = body.rsplit_once('\n').unwrap_or(("", body));
        let count: usize = last.strip_prefix("end ")?.parse().ok()?;
        let entries = files.lines().map(parse_line).collect::<Option<Vec<Entry>>>()?;
        let sorted = entries.windows(2).all(|w| w[0].path < w[1].path);
        (sorted && entries.len() == count).then_some(Manifest { entries })
    }

    /// The manifest of the output folder `dir`, if it has a readable one.
    pub fn read(dir: &Path) -> Option<Manifest> {
        Manifest::parse(&std::fs::read_to_string(dir.join(FILE)).ok()?)
    }

    /// The manifest of `dir` made by reading every file (for an output with no manifest,
    /// such as one built by an older katalog).
    pub fn scan(dir: &Path) -> io::Result<Manifest> {
        let mut entries = Vec::new();
        for item in walkdir::WalkDir::new(dir).follow_links(false) {
            let item = item.map_err(io::Error::other)?;
            if !item.file_type().is_file() {
                continue;
            }
            let relative = item.path().strip_prefix(dir).expect("under dir");
            let path = relative.to_string_lossy().replace('\\', "/");
            if is_private(&path) {
                continue;
            }
            let bytes = std::fs::read(item.path())?;
            entries.push(Entry { path, size: bytes.len() as u64, digest: Digest::of(&bytes) });
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Manifest { entries })
    }
}

/// Files of the output folder that are katalog's own bookkeeping, never published: the
/// output marker, the manifest and the build state at the root.
pub fn is_private(path: &str) -> bool {
    !path.contains('/') && path.starts_with(".katalog")
}

pub(crate) fn parse_line(line: &str) -> Option<Entry> {
    let (digest, rest) = line.split_once(' ')?;
    let (size, path) = rest.split_once(' ')?;
    Some(Entry { path: unescape(path)?, size: size.parse().ok()?, digest: Digest::parse(digest)? })
}

/// A path on one line: `%` and line ends are percent-encoded.
fn escape(path: &str) -> String {
    if !path.contains(['%', '\n', '\r']) {
        return path.to_string();
    }
    path.replace('%', "%25").replace('\n', "%0A").replace('\r', "%0D")
}

fn unescape(path: &str) -> Option<String> {
    if !path.contains('%') {
        return Some(path.to_string());
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    Some(decoded.into_owned())
}

/// Collects the manifest while a build writes: the files it wrote (hashed from the bytes in
/// hand) and the files it carried over from the previous output unchanged.
///
/// A Jakarta-sized build writes over three million files while its catalogue is in memory,
/// so the records go to a spill file in the folder being written (a few dozen bytes each,
/// through a small buffer), not into memory; [`Recorder::finish`] sorts them once the pages
/// are done and streams the manifest out.
pub struct Recorder {
    spill: Mutex<Option<(io::BufWriter<std::fs::File>, std::path::PathBuf)>>,
    dir: std::path::PathBuf,
    failed: std::sync::atomic::AtomicBool,
    /// Off for an output nothing deploys (`katalog serve`'s): nothing is recorded.
    off: bool,
}

/// The spill file's name in the folder being written.
const SPILL: &str = ".katalog-manifest.spill";
const WROTE: u8 = 0;
const CARRIED: u8 = 1;

impl Recorder {
    /// A recorder spilling into `dir` (the folder the build writes).
    pub fn new(dir: &Path) -> Recorder {
        Recorder { spill: Mutex::new(None), dir: dir.to_path_buf(), failed: Default::default(), off: false }
    }

    /// A recorder that records nothing, and whose [`Recorder::finish`] removes the manifest
    /// `dir` may hold (it would no longer describe the folder).
    pub fn off(dir: &Path) -> Recorder {
        Recorder { off: true, ..Recorder::new(dir) }
    }

    pub fn wrote(&self, path: &str, bytes: &[u8]) {
        // Off, the bytes are not even hashed.
        if self.off {
            return;
        }
        self.wrote_digest(path, bytes.len() as u64, &Digest::of(bytes));
    }

    /// A written file whose digest is already known.
    pub fn wrote_digest(&self, path: &str, size: u64, digest: &Digest) {
        self.record(WROTE, path, size, digest);
    }

    pub fn carried(&self, path: &str) {
        self.record(CARRIED, path, 0, &Digest([0; 16]));
    }

    fn record(&self, kind: u8, path: &str, size: u64, digest: &Digest) {
        if self.off {
            return;
        }
        let mut spill = self.spill.lock().expect("never poisoned");
        if spill.is_none() {
            let file_path = self.dir.join(SPILL);
            match std::fs::File::create(&file_path) {
                Ok(file) => *spill = Some((io::BufWriter::with_capacity(1 << 16, file), file_path)),
                Err(_) => {
                    self.failed.store(true, std::sync::atomic::Ordering::Relaxed);
                    return;
                }
            }
        }
        let (writer, _) = spill.as_mut().expect("created above");
        let result = writer
            .write_all(&[kind])
            .and_then(|_| writer.write_all(&(path.len() as u32).to_le_bytes()))
            .and_then(|_| writer.write_all(path.as_bytes()))
            .and_then(|_| writer.write_all(&size.to_le_bytes()))
            .and_then(|_| writer.write_all(&digest.0));
        if result.is_err() {
            self.failed.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// Writes the manifest of the new output in `dir` (`.katalog-manifest`): the written
    /// files, and the carried ones with their lines from `previous` (the previous output's
    /// manifest file, read as a stream), or read again from `dir` where it has none. A path
    /// written twice keeps its last bytes. Returns the number of files.
    pub fn finish(self, previous: Option<&Path>) -> io::Result<usize> {
        if self.off {
            return super::remove_if_there(&self.dir.join(FILE)).map(|()| 0);
        }
        let spill = self.spill.into_inner().expect("never poisoned");
        if self.failed.into_inner() {
            if let Some((_, path)) = &spill {
                let _ = std::fs::remove_file(path);
            }
            return Err(io::Error::other("cannot record the manifest of the output"));
        }
        let records = match spill {
            None => Vec::new(),
            Some((writer, path)) => {
                drop(writer.into_inner().map_err(|e| e.into_error())?);
                let bytes = std::fs::read(&path)?;
                std::fs::remove_file(&path)?;
                bytes
            }
        };
        // Where each record starts, in the order recorded.
        let mut starts = Vec::new();
        let mut at = 0;
        while at < records.len() {
            starts.push(at);
            let len = u32::from_le_bytes(records[at + 1..at + 5].try_into().expect("4 bytes")) as usize;
            at += 1 + 4 + len + 8 + 16;
        }
        let path_of = |start: usize| {
            let len = u32::from_le_bytes(records[start + 1..start + 5].try_into().expect("4 bytes")) as usize;
            &records[start + 5..start + 5 + len]
        };
        // By path; of several records of one path, the last.
        starts.sort_by(|a, b| path_of(*a).cmp(path_of(*b)).then(a.cmp(b)));
        let mut unique: Vec<usize> = Vec::with_capacity(starts.len());
        for start in starts {
            match unique.last_mut() {
                Some(last) if path_of(*last) == path_of(start) => *last = start,
                _ => unique.push(start),
            }
        }
        let mut previous = previous.and_then(|p| PreviousLines::open(p).ok());
        let temporary = self.dir.join(format!("{FILE}.katalog-tmp"));
        let mut out = io::BufWriter::new(std::fs::File::create(&temporary)?);
        writeln!(out, "{HEADER}")?;
        let mut count = 0;
        for start in unique {
            let path = std::str::from_utf8(path_of(start)).expect("recorded from a str");
            if is_private(path) {
                continue;
            }
            let tail = start + 5 + path.len();
            let entry = if records[start] == WROTE {
                let size = u64::from_le_bytes(records[tail..tail + 8].try_into().expect("8 bytes"));
                let digest = Digest(records[tail + 8..tail + 24].try_into().expect("16 bytes"));
                Entry { path: path.to_string(), size, digest }
            } else {
                match previous.as_mut().and_then(|p| p.find(path)) {
                    Some(entry) => entry,
                    None => {
                        let bytes = std::fs::read(self.dir.join(path))?;
                        Entry { path: path.to_string(), size: bytes.len() as u64, digest: Digest::of(&bytes) }
                    }
                }
            };
            writeln!(out, "{} {} {}", entry.digest.hex(), entry.size, escape(&entry.path))?;
            count += 1;
        }
        writeln!(out, "end {count}")?;
        out.into_inner().map_err(|e| e.into_error())?;
        std::fs::rename(&temporary, self.dir.join(FILE))?;
        Ok(count)
    }
}

/// The lines of a previous manifest, read in order while looking up paths in order.
struct PreviousLines {
    lines: io::Lines<io::BufReader<std::fs::File>>,
    next: Option<Entry>,
}

impl PreviousLines {
    fn open(path: &Path) -> io::Result<PreviousLines> {
        let mut lines = io::BufReader::new(std::fs::File::open(path)?).lines();
        if lines.next().transpose()?.as_deref() != Some(HEADER) {
            return Err(io::Error::other("not a manifest"));
        }
        let mut previous = PreviousLines { lines, next: None };
        previous.advance();
        Ok(previous)
    }

    fn advance(&mut self) {
        self.next = self.lines.next().and_then(|l| l.ok()).and_then(|l| parse_line(&l));
    }

    /// The entry of `path`, given that paths are asked for in sorted order.
    fn find(&mut self, path: &str) -> Option<Entry> {
        while let Some(entry) = &self.next {
            match entry.path.as_str().cmp(path) {
                std::cmp::Ordering::Less => self.advance(),
                std::cmp::Ordering::Equal => {
                    let found = self.next.take();
                    self.advance();
                    return found;
                }
                std::cmp::Ordering::Greater => return None,
            }
        }
        None
    }
}

/// Writes `manifest` into the output folder `dir` (write, then rename).
pub fn write(dir: &Path, manifest: &Manifest) -> io::Result<()> {
    let temporary = dir.join(format!("{FILE}.katalog-tmp"));
    std::fs::write(&temporary, manifest.to_text())?;
    std::fs::rename(&temporary, dir.join(FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, bytes: &[u8]) -> Entry {
        Entry { path: path.into(), size: bytes.len() as u64, digest: Digest::of(bytes) }
    }

    #[test]
    fn text_round_trips_odd_paths_and_refuses_damage() {
        let manifest = Manifest {
            entries: vec![
                entry("a b/index.html", b"x"),
                entry("odd%name\nline.txt", b"yy"),
                entry("umkm/kopi/index.html", b""),
            ],
        };
        let text = manifest.to_text();
        assert_eq!(text.lines().count(), 5, "one line per file: {text}");
        assert_eq!(Manifest::parse(&Manifest::default().to_text()), Some(Manifest::default()));
        assert_eq!(Manifest::parse(&text), Some(manifest.clone()));
        assert_eq!(Manifest::parse(&text[..text.len() - 5]), None, "a cut line");
        assert_eq!(Manifest::parse(&text.replace("katalog-manifest 1", "katalog-manifest 9")), None);
        let unsorted = format!("{HEADER}\n{}\nend 3\n", {
            let mut lines: Vec<&str> = text.lines().skip(1).take(3).collect();
            lines.reverse();
            lines.join("\n")
        });
        assert_eq!(Manifest::parse(&unsorted), None, "out of order");
    }

    #[test]
    fn recorder_takes_carried_lines_from_the_previous_manifest_and_reads_only_the_unknown() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("carried.html"), b"on disk").unwrap();
        std::fs::write(dir.path().join("unknown.html"), b"read again").unwrap();
        let previous_dir = tempfile::tempdir().unwrap();
        let previous = Manifest { entries: vec![entry("a.html", b"a"), entry("carried.html", b"as recorded")] };
        write(previous_dir.path(), &previous).unwrap();
        let recorder = Recorder::new(dir.path());
        recorder.wrote("new.html", b"first");
        recorder.wrote(".katalog-output", b"marker");
        recorder.carried("unknown.html");
        recorder.carried("carried.html");
        recorder.wrote("new.html", b"new");
        assert_eq!(recorder.finish(Some(&previous_dir.path().join(FILE))).unwrap(), 3);
        let manifest = Manifest::read(dir.path()).unwrap();
        assert_eq!(
            manifest.entries,
            vec![
                entry("carried.html", b"as recorded"),
                entry("new.html", b"new"),
                entry("unknown.html", b"read again")
            ]
        );
        assert!(!dir.path().join(SPILL).exists(), "the spill file is gone");
        // A recorder that is off records nothing and removes what the folder held.
        let off = Recorder::off(dir.path());
        off.wrote("new.html", b"new");
        assert_eq!(off.finish(None).unwrap(), 0);
        assert!(!dir.path().join(FILE).exists() && !dir.path().join(SPILL).exists());
        // Nothing recorded: an empty manifest.
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(Recorder::new(empty.path()).finish(None).unwrap(), 0);
        assert_eq!(Manifest::read(empty.path()), Some(Manifest::default()));
    }
}
