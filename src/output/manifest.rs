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

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

/// The manifest's file name, at the root of the output folder (never published).
pub const FILE: &str = ".katalog-manifest";
const HEADER: &str = "katalog-manifest 1";

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

fn parse_line(line: &str) -> Option<Entry> {
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
#[derive(Default)]
pub struct Recorder {
    written: Mutex<Vec<Entry>>,
    carried: Mutex<Vec<String>>,
}

impl Recorder {
    pub fn wrote(&self, path: &str, bytes: &[u8]) {
        let entry = Entry { path: path.to_string(), size: bytes.len() as u64, digest: Digest::of(bytes) };
        self.written.lock().expect("never poisoned").push(entry);
    }

    pub fn carried(&self, path: &str) {
        self.carried.lock().expect("never poisoned").push(path.to_string());
    }

    /// The manifest of the new output in `dir`: the written files, and the carried ones with
    /// their lines from `previous` (the previous output's manifest), or read again from `dir`
    /// where it has none. A path written twice keeps its last bytes.
    pub fn finish(self, dir: &Path, previous: Option<&Manifest>) -> io::Result<Manifest> {
        let written = self.written.into_inner().expect("never poisoned");
        let carried = self.carried.into_inner().expect("never poisoned");
        let mut by_path: HashMap<String, Entry> = HashMap::with_capacity(written.len() + carried.len());
        let known: HashMap<&str, &Entry> = match previous {
            Some(m) if !carried.is_empty() => m.entries.iter().map(|e| (e.path.as_str(), e)).collect(),
            _ => HashMap::new(),
        };
        for path in carried {
            let entry = match known.get(path.as_str()) {
                Some(entry) => (*entry).clone(),
                None => {
                    let bytes = std::fs::read(dir.join(&path))?;
                    Entry { size: bytes.len() as u64, digest: Digest::of(&bytes), path: path.clone() }
                }
            };
            by_path.insert(path, entry);
        }
        for entry in written {
            by_path.insert(entry.path.clone(), entry);
        }
        let mut entries: Vec<Entry> = by_path.into_values().filter(|e| !is_private(&e.path)).collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Manifest { entries })
    }
}

/// Writes `manifest` into the output folder `dir` (write, then rename).
pub fn write(dir: &Path, manifest: &Manifest) -> io::Result<()> {
    let temporary = dir.join(format!("{FILE}.katalog-tmp"));
    let mut file = io::BufWriter::new(std::fs::File::create(&temporary)?);
    file.write_all(manifest.to_text().as_bytes())?;
    file.into_inner().map_err(|e| e.into_error())?.sync_all().ok();
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
        let previous = Manifest { entries: vec![entry("carried.html", b"as recorded")] };
        let recorder = Recorder::default();
        recorder.wrote("new.html", b"new");
        recorder.wrote(".katalog-output", b"marker");
        recorder.carried("carried.html");
        recorder.carried("unknown.html");
        let manifest = recorder.finish(dir.path(), Some(&previous)).unwrap();
        assert_eq!(
            manifest.entries,
            vec![
                entry("carried.html", b"as recorded"),
                entry("new.html", b"new"),
                entry("unknown.html", b"read again")
            ]
        );
    }
}
