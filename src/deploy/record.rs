//! What the bucket knows of its own contents: the record of the last finished deploy
//! (`.katalog/deploy-manifest.gz`, every object with the digest it was stored with) and the
//! progress notes of a deploy under way (`.katalog/progress/…`, one small object per batch of
//! finished uploads), so that an interrupted deploy, run again, skips what already went up.
//!
//! Both name the site they belong to (its base URL): a bucket holding another site's record
//! is refused rather than overwritten or pruned.

use crate::output::manifest::{Entry, Manifest};
use std::io::{Read, Write};

/// The folder of katalog's own objects, under the target's prefix.
pub const DIR: &str = ".katalog/";
/// The record of the last finished deploy.
pub const RECORD: &str = ".katalog/deploy-manifest.gz";
/// The progress notes of a deploy under way.
pub const PROGRESS: &str = ".katalog/progress/";

const RECORD_HEADER: &str = "katalog-deploy 1";
const PROGRESS_HEADER: &str = "katalog-deploy-progress 1";
/// A record inflating beyond this is not one of ours (a manifest line is under 300 bytes;
/// this allows some 14 million files).
const MAX_TEXT: u64 = 4 << 30;

/// Why a record read from the bucket cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub enum Unusable {
    /// Not a record katalog wrote, or cut short.
    Damaged,
    /// The record of another site (its base URL).
    OtherSite(String),
}

/// The record of `files` for the site at `site` (its base URL), compressed.
pub fn encode(files: &Manifest, site: &str) -> Vec<u8> {
    let mut text = format!("{RECORD_HEADER} {site}\n");
    text.push_str(&files.to_text());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes()).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// Reads a record written by [`encode`] for the site at `site`.
pub fn decode(bytes: &[u8], site: &str) -> Result<Manifest, Unusable> {
    let text = inflate(bytes).ok_or(Unusable::Damaged)?;
    let (first, rest) = text.split_once('\n').ok_or(Unusable::Damaged)?;
    let owner = first.strip_prefix(RECORD_HEADER).and_then(|s| s.strip_prefix(' ')).ok_or(Unusable::Damaged)?;
    let manifest = Manifest::parse(rest).ok_or(Unusable::Damaged)?;
    if owner != site {
        return Err(Unusable::OtherSite(owner.to_string()));
    }
    Ok(manifest)
}

fn inflate(bytes: &[u8]) -> Option<String> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes).take(MAX_TEXT).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The key of progress note `sequence` of the deploy that started at `started` (ms since
/// 1970): keys sort in the order the notes were written.
pub fn progress_key(started: u128, sequence: usize) -> String {
    format!("{PROGRESS}{started:020}-{sequence:08}")
}

/// A progress note: files now stored, with their stored digests.
pub fn encode_progress(files: &[Entry], site: &str) -> Vec<u8> {
    let mut sorted = files.to_vec();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    sorted.dedup_by(|a, b| a.path == b.path);
    let manifest = Manifest { entries: sorted };
    format!("{PROGRESS_HEADER} {site}\n{}", manifest.to_text()).into_bytes()
}

/// Reads a progress note; notes of another site or damaged ones are `None` (they only ever
/// save uploads, so ignoring one costs a re-upload, never a wrong file).
pub fn decode_progress(bytes: &[u8], site: &str) -> Option<Vec<Entry>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let (first, rest) = text.split_once('\n')?;
    if first != format!("{PROGRESS_HEADER} {site}") {
        return None;
    }
    Some(Manifest::parse(rest)?.entries)
}

/// `record` with the files of progress notes applied (later notes win).
pub fn apply_progress(record: Manifest, notes: Vec<Vec<Entry>>) -> Manifest {
    if notes.is_empty() {
        return record;
    }
    let mut by_path: std::collections::BTreeMap<String, Entry> =
        record.entries.into_iter().map(|e| (e.path.clone(), e)).collect();
    for entry in notes.into_iter().flatten() {
        by_path.insert(entry.path.clone(), entry);
    }
    Manifest { entries: by_path.into_values().collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::manifest::Digest;

    fn entry(path: &str, bytes: &[u8]) -> Entry {
        Entry { path: path.into(), size: bytes.len() as u64, digest: Digest::of(bytes) }
    }

    #[test]
    fn a_record_round_trips_and_refuses_damage_and_other_sites() {
        let files = Manifest { entries: vec![entry("a.html", b"a"), entry("b/index.html", b"b")] };
        let bytes = encode(&files, "https://katalog.example/");
        assert_eq!(decode(&bytes, "https://katalog.example/"), Ok(files.clone()));
        assert_eq!(
            decode(&bytes, "https://lain.example/"),
            Err(Unusable::OtherSite("https://katalog.example/".into()))
        );
        assert_eq!(decode(&bytes[..bytes.len() / 2], "https://katalog.example/"), Err(Unusable::Damaged));
        assert_eq!(decode(b"not gzip", "https://katalog.example/"), Err(Unusable::Damaged));
        // A record cut at a line end still fails: its count says so.
        let text = format!("{RECORD_HEADER} s\n{}", files.to_text().replace("end 2", "end 3"));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(text.as_bytes()).unwrap();
        assert_eq!(decode(&gz.finish().unwrap(), "s"), Err(Unusable::Damaged));
    }

    #[test]
    fn progress_notes_override_the_record_in_order() {
        let record = Manifest { entries: vec![entry("a.html", b"old"), entry("c.html", b"c")] };
        let note = decode_progress(&encode_progress(&[entry("a.html", b"new"), entry("b.html", b"b")], "s"), "s");
        let later = decode_progress(&encode_progress(&[entry("b.html", b"newer")], "s"), "s");
        assert!(decode_progress(&encode_progress(&[entry("x", b"x")], "s"), "other").is_none());
        let applied = apply_progress(record, vec![note.unwrap(), later.unwrap()]);
        assert_eq!(applied.entries, vec![entry("a.html", b"new"), entry("b.html", b"newer"), entry("c.html", b"c")]);
        assert!(progress_key(1, 2) < progress_key(1, 10));
        assert!(progress_key(1, 99) < progress_key(2, 0));
    }
}
