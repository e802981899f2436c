//! The search index as files under `cari/`, split so that a query downloads only what it
//! needs (the format is documented for theme authors in docs/search.md):
//!
//! - `cari/indeks.json`: what every query needs — facet names, price steps, the variant
//!   list, and the first key of each dictionary shard;
//! - `cari/r-<hash>.bin`: the run table (facet values of each run of documents);
//! - `cari/k/<hash>.json`: dictionary shards, each a sorted range of words and prefixes with
//!   their document counts and where their lists are (short lists are written inline);
//! - `cari/i/<hash>.bin`: a list's header (blocks, and per-run counts when it has several
//!   blocks) and its blocks of document numbers, one tier per block;
//! - `cari/d/<folder>/<n>.json`: the result cards of documents `n * 32 …`, 32 files a folder,
//!   each folder named after the documents it holds.
//!
//! Numbers in `.bin` files are unsigned LEB128 varints, and the files are gzipped. Files named by hash never change
//! content, so a rebuild rewrites only what changed and hosts may cache them forever.

use super::index::{Card, Index, NONE, PRICE_STEPS};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::io;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// Where the index's files go: called with each file's site path and bytes, from several
/// threads at once (the build passes its staging folder's `write`).
pub type Sink<'a> = &'a (dyn Fn(&str, &[u8]) -> io::Result<()> + Sync);

/// Files to write: site path and bytes.
type Files = Vec<(String, Vec<u8>)>;

/// Documents per result-card file.
pub const CARDS_PER_FILE: usize = 32;
/// Result-card files per folder (`cari/d/<folder>/`): 1,024 documents, so that a Jakarta-sized
/// index names about 1,100 folders in `indeks.json`.
pub const FILES_PER_FOLDER: usize = 32;
/// Document numbers per list block.
const BLOCK: usize = 4096;
/// Lists this short are written into the dictionary itself.
const INLINE: usize = 32;
/// A dictionary shard is cut after this many bytes.
const SHARD_BYTES: usize = 8 * 1024;

/// The price ranges offered as filters (rupiah; the last has no upper bound). Each bound is
/// one of [`PRICE_STEPS`].
const BANDS: &[(u64, Option<u64>)] = &[
    (0, Some(25_000)),
    (25_000, Some(50_000)),
    (50_000, Some(100_000)),
    (100_000, Some(250_000)),
    (250_000, Some(1_000_000)),
    (1_000_000, None),
];

/// What was written, for the build summary and the benchmark.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub documents: usize,
    pub files: usize,
    pub bytes: u64,
}

pub fn write(
    index: &Index,
    site: &crate::content::Site,
    variants: &crate::words::Variants,
    sink: Sink,
) -> io::Result<Written> {
    let out = Out { sink, files: AtomicUsize::new(0), bytes: AtomicU64::new(0), by_hash: Default::default() };

    // Result cards, in fixed-size files by document number, grouped in folders of
    // `FILES_PER_FOLDER` files, each folder named after its documents (their URLs in order):
    // lists of another build never meet these cards, and an edit that moves a document only
    // within its folder's range (a rename in a run of the same price) renames that folder
    // alone, not the cards of the whole catalogue.
    let folders: Vec<String> = index
        .cards
        .par_chunks(CARDS_PER_FILE * FILES_PER_FOLDER)
        .enumerate()
        .map(|(k, cards)| {
            let mut numbering = blake3::Hasher::new();
            numbering.update(format!("{k}\n").as_bytes());
            for card in cards {
                numbering.update(card.url.as_bytes());
                numbering.update(b"\n");
            }
            numbering.finalize().to_hex()[..12].to_string()
        })
        .collect();
    // Written as they are made: a million documents' files are never all in memory.
    index.cards.par_chunks(CARDS_PER_FILE).enumerate().try_for_each(|(n, cards)| {
        let json = Value::Array(cards.iter().map(card_json).collect());
        let folder = &folders[n / FILES_PER_FOLDER];
        out.put(&format!("cari/d/{folder}/{n}.json"), crate::output::json::to_string(&json).as_bytes())
    })?;

    // Lists, then the dictionary that points to them.
    let mut entries: Vec<(&str, bool, &Vec<u32>)> = index
        .words
        .iter()
        .map(|(k, v)| (k.as_str(), false, v))
        .chain(index.prefixes.iter().map(|(k, v)| (k.as_str(), true, v)))
        .collect();
    entries.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let run_starts = run_starts(index);
    let references: Vec<Value> = entries
        .par_iter()
        .map(|(_, _, list)| {
            let (reference, files) = encode_list(list, &run_starts);
            for (path, bytes) in files {
                out.put(&path, &bytes)?;
            }
            Ok(reference)
        })
        .collect::<io::Result<_>>()?;
    let mut shards: Vec<(String, Value)> = Vec::new();
    let mut words: Vec<Value> = Vec::new();
    let mut prefixes: Vec<Value> = Vec::new();
    let mut first = String::new();
    let mut size = 0;
    for (i, ((key, is_prefix, list), reference)) in entries.iter().zip(&references).enumerate() {
        let mut entry = vec![json!(key), json!(list.len()), reference.clone()];
        if !is_prefix && index.common.contains(*key) {
            entry.push(json!(1));
        }
        size += key.len() + reference.to_string().len() + 12;
        if *is_prefix {
            prefixes.push(Value::Array(entry))
        } else {
            words.push(Value::Array(entry))
        }
        let next_key = entries.get(i + 1).map(|e| e.0);
        if next_key.is_none() || (size >= SHARD_BYTES && next_key != Some(*key)) {
            let shard = json!({ "w": std::mem::take(&mut words), "p": std::mem::take(&mut prefixes) });
            shards.push((std::mem::replace(&mut first, next_key.unwrap_or_default().to_string()), shard));
            size = 0;
        }
    }
    if shards.is_empty() {
        shards.push((String::new(), json!({ "w": [], "p": [] })));
    }
    let mut shard_refs = Vec::with_capacity(shards.len());
    for (first, shard) in &shards {
        let bytes = crate::output::json::to_string(shard).into_bytes();
        let hash = hash(&bytes);
        out.put(&format!("cari/k/{hash}.json"), &bytes)?;
        shard_refs.push(json!([first, hash]));
    }

    // The run table and the root file.
    let runs = gzip(&encode_runs(&index.runs));
    let runs_file = format!("cari/r-{}.bin", hash(&runs));
    out.put(&runs_file, &runs)?;

    let site = index_site_json(site);
    let root = json!({
        "format": 2,
        "documents": index.cards.len(),
        "cards_per_file": CARDS_PER_FILE,
        "files_per_folder": FILES_PER_FOLDER,
        "categories": site.0,
        "places": site.1,
        "steps": PRICE_STEPS,
        "bands": BANDS.iter().map(|(lo, hi)| json!([lo, hi])).collect::<Vec<_>>(),
        "variants": variants.pairs(),
        "runs": runs_file.trim_start_matches("cari/"),
        "shards": shard_refs,
        "cards": folders,
    });
    out.put(crate::paths::SEARCH_INDEX, crate::output::json::to_string(&root).as_bytes())?;
    Ok(Written { documents: index.cards.len(), files: out.files.into_inner(), bytes: out.bytes.into_inner() })
}

/// Writes into the staging folder from any thread, counting.
struct Out<'a> {
    sink: Sink<'a>,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Files named by their content's hash already handed to the sink: words with the same
    /// documents share a list file, which is written once.
    by_hash: std::sync::Mutex<std::collections::HashSet<String>>,
}

impl Out<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        if path.starts_with("cari/i/")
            && !self.by_hash.lock().unwrap_or_else(|p| p.into_inner()).insert(path.to_string())
        {
            return Ok(());
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        (self.sink)(path, bytes)
    }
}

/// The run table: the number of runs, then per run what changed from the run before — 3 the
/// kind (then kind, category + 1, place + 1), 2 the category (then category + 1, place + 1),
/// 1 the place (then place + 1), 0 only the price step — then step + 1 and the length.
/// Runs are sorted, so most change only their step: about three bytes each.
fn encode_runs(runs: &[(super::index::RunKey, u32)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(runs.len() * 3 + 4);
    varint(&mut out, runs.len() as u64);
    let mut previous: Option<super::index::RunKey> = None;
    for (key, len) in runs {
        let level = match previous {
            Some(p) if p.kind == key.kind && p.category == key.category && p.place == key.place => 0,
            Some(p) if p.kind == key.kind && p.category == key.category => 1,
            Some(p) if p.kind == key.kind => 2,
            _ => 3,
        };
        varint(&mut out, level);
        if level == 3 {
            varint(&mut out, key.kind as u64);
        }
        if level >= 2 {
            varint(&mut out, plus_one(key.category) as u64);
        }
        if level >= 1 {
            varint(&mut out, plus_one(key.place) as u64);
        }
        varint(&mut out, plus_one(key.step) as u64);
        varint(&mut out, *len as u64);
        previous = Some(*key);
    }
    out
}

fn plus_one(value: u32) -> u32 {
    if value == NONE { 0 } else { value + 1 }
}

/// Categories and places as the script needs them: `[slug, name, parent or -1]`, indexed
/// by term number.
fn index_site_json(site: &crate::content::Site) -> (Vec<Value>, Vec<Value>) {
    let terms = |t: &[crate::content::model::Term]| {
        t.iter().map(|t| json!([t.slug, t.name, t.parent.map_or(-1, |p| p.index() as i64)])).collect::<Vec<_>>()
    };
    (terms(&site.categories.terms), terms(&site.regions.terms))
}

/// The first document of each run, and the total at the end.
fn run_starts(index: &Index) -> Vec<u32> {
    let mut starts = Vec::with_capacity(index.runs.len() + 1);
    let mut at = 0;
    for (_, len) in &index.runs {
        starts.push(at);
        at += len;
    }
    starts.push(at);
    starts
}

/// A list (`document << 2 | tier`, sorted by document): inline when short, else files.
/// Returns the dictionary's reference and the files to write.
fn encode_list(list: &[u32], run_starts: &[u32]) -> (Value, Files) {
    if list.len() <= INLINE {
        return (json!(list), Vec::new());
    }
    // Blocks of one tier each, tiers in rank order, documents ascending.
    let mut by_tier: [Vec<u32>; 4] = Default::default();
    for &p in list {
        by_tier[(p & 3) as usize].push(p >> 2);
    }
    let blocks: Vec<(usize, &[u32])> =
        by_tier.iter().enumerate().flat_map(|(tier, docs)| docs.chunks(BLOCK).map(move |c| (tier, c))).collect();
    let mut files = Vec::new();
    let mut header = Vec::new();
    varint(&mut header, list.len() as u64);
    varint(&mut header, blocks.len() as u64);
    for (tier, docs) in &blocks {
        varint(&mut header, *tier as u64);
        varint(&mut header, docs[0] as u64);
        varint(&mut header, (docs[docs.len() - 1] - docs[0]) as u64);
        varint(&mut header, docs.len() as u64);
    }
    let payload = |docs: &[u32]| {
        let mut bytes = Vec::with_capacity(docs.len() + 8);
        for pair in docs.windows(2) {
            varint(&mut bytes, (pair[1] - pair[0]) as u64);
        }
        bytes
    };
    if blocks.len() == 1 {
        header.extend(payload(blocks[0].1));
    } else {
        for (_, docs) in &blocks {
            let bytes = gzip(&payload(docs));
            let hash = hash(&bytes);
            header.extend_from_slice(hash.as_bytes());
            files.push((format!("cari/i/{hash}.bin"), bytes));
        }
        // How many documents of the list fall in each run: facet counts of a one-word query
        // without downloading every block.
        // `list` is in document order, so runs are met in order.
        let mut counts: Vec<(u32, u32)> = Vec::new();
        let mut run = 0;
        for doc in list.iter().map(|p| p >> 2) {
            while run_starts[run + 1] <= doc {
                run += 1;
            }
            match counts.last_mut() {
                Some((r, n)) if *r == run as u32 => *n += 1,
                _ => counts.push((run as u32, 1)),
            }
        }
        varint(&mut header, counts.len() as u64);
        let mut previous = 0;
        for (run, n) in counts {
            varint(&mut header, (run - previous) as u64);
            varint(&mut header, n as u64);
            previous = run;
        }
    }
    let header = gzip(&header);
    let hash = hash(&header);
    files.push((format!("cari/i/{hash}.bin"), header));
    (json!(hash), files)
}

fn card_json(card: &Card) -> Value {
    let thumb = match &card.thumb {
        Some(t) => json!([t.src, t.webp.as_deref().unwrap_or(""), t.width, t.height]),
        None => json!(0),
    };
    json!([card.kind as u8, card.url, card.name, card.detail, card.vendor, card.place, thumb])
}

/// `.bin` files are gzipped by katalog itself (the script inflates them with the browser's
/// `DecompressionStream`): many hosts compress JSON but not `application/octet-stream`, and
/// differences of dense lists shrink to a third.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::with_capacity(bytes.len() / 2 + 32), flate2::Compression::new(6));
    encoder.write_all(bytes).expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

/// 12 hex digits of BLAKE3: the name of a file that never changes.
fn hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..12].to_string()
}

fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        use std::io::Read;
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, 1 << 21] {
            varint(&mut out, v);
        }
        assert_eq!(out, [0, 1, 127, 0x80, 1, 0xac, 2, 0x80, 0x80, 0x80, 1]);
    }

    #[test]
    fn runs_say_what_changed_from_the_run_before() {
        use crate::search::index::{Kind, RunKey};
        let key = |kind, category, place, step| RunKey { kind, category, place, step };
        let runs = [
            (key(Kind::Product, 0, 5, 2), 3),
            (key(Kind::Product, 0, 5, 4), 1),
            (key(Kind::Product, 0, 6, 4), 200),
            (key(Kind::Product, 1, 6, NONE), 1),
            (key(Kind::Event, NONE, NONE, NONE), 2),
        ];
        assert_eq!(
            encode_runs(&runs),
            [5, 3, 0, 1, 6, 3, 3, 0, 5, 1, 1, 7, 5, 0xc8, 1, 2, 2, 7, 0, 1, 3, 2, 0, 0, 0, 2]
        );
    }

    #[test]
    fn short_lists_are_inline_and_long_ones_are_blocks_by_tier() {
        let starts = [0, 10_000, 20_000];
        let (reference, files) = encode_list(&[1 << 2, 5 << 2 | 3], &starts);
        assert_eq!(reference, json!([4, 23]));
        assert!(files.is_empty());

        // 5000 name matches and 3 tag matches: two name blocks and one tag block.
        let mut list: Vec<u32> = (0..5000).map(|d| (d * 3) << 2).collect();
        list.extend([1u32, 4, 15_001].map(|d| d << 2 | 1));
        list.sort_unstable_by_key(|p| p >> 2);
        let (reference, files) = encode_list(&list, &starts);
        assert_eq!(files.len(), 4, "three blocks and the header");
        let header = gunzip(&files.last().unwrap().1);
        assert_eq!(reference, json!(files.last().unwrap().0.trim_start_matches("cari/i/").trim_end_matches(".bin")));
        // total 5003, three blocks: (tier 0, first 0, span 12285, 4096), …
        assert_eq!(&header[..3], &[0x8b, 0x27, 3]);
        assert_eq!(header[3], 0, "the first block holds names");
    }
}
