//! Images: the stage between the model and rendering that turns every picture a record
//! references (product `images`, vendor `logo`) into published derivatives.
//!
//! - [`inspect`] (for `katalog check`) reads only headers: a file that is not an image, or is
//!   over the size limits, is a content error located at the record that references it.
//! - [`prepare`] (for `katalog build`) makes the derivatives of each source once, in parallel
//!   (one decoded image per worker, so memory does not grow with the number of images), into
//!   the [`cache::Cache`]; [`write`] then copies them into the output. Published names carry
//!   a hash of the file's bytes (`gambar/<hash>-<width>.webp`), so hosts can cache them forever.
//!
//! Sources themselves are never published: phone photos carry GPS positions.

pub mod cache;
pub mod decode;
pub mod resize;

use crate::config::{ImageFormat, ImagesConfig};
use crate::content::model::{Image, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::progress::Progress;
use cache::{Cache, Entry, Manifest};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Source files above this size are refused before they are read.
const MAX_FILE_BYTES: u64 = 200 << 20;

/// The published derivatives of one source.
#[derive(Debug, Clone, Hash)]
pub struct Responsive {
    /// Every file, grouped by format in the configured order, each group widest first.
    pub files: Vec<PublishedFile>,
}

#[derive(Debug, Clone, Hash)]
pub struct PublishedFile {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    /// Path inside the site (`gambar/<hash>-<width>.webp`).
    pub path: String,
}

/// What [`prepare`] did.
#[derive(Debug, Default)]
pub struct Published {
    pub images: HashMap<PathBuf, Responsive>,
    /// Each derivative to publish: the cache file and its path in the site.
    pub files: Vec<(PathBuf, String)>,
    /// Sources decoded in this build, and sources served whole from the cache.
    pub processed: usize,
    pub cached: usize,
    /// The cache keys in use, for [`Cache::prune`].
    pub keys: HashSet<String>,
}

/// Why the images could not be prepared.
#[derive(Debug)]
pub enum PublishError {
    /// Images that are not images, too large, or damaged: located at the records naming them.
    Content(Diagnostics),
    /// The cache folder could not be read or written.
    Io(std::io::Error),
}

impl From<&ImagesConfig> for resize::Settings {
    fn from(config: &ImagesConfig) -> Self {
        resize::Settings { widths: config.widths.clone(), formats: config.formats.clone(), quality: config.quality }
    }
}

fn limits(config: &ImagesConfig) -> decode::Limits {
    decode::Limits { max_pixels: u64::from(config.max_megapixels) * 1_000_000 }
}

/// Each source file once, with the first record that references it (for error locations).
fn sources(site: &Site) -> Vec<&Image> {
    let mut all: Vec<&Image> = site
        .vendors
        .iter()
        .filter_map(|v| v.logo.as_ref())
        .chain(site.products.iter().flat_map(|p| p.images.iter()))
        .collect();
    all.sort_by(|a, b| {
        a.path
            .cmp(&b.path)
            .then_with(|| (&a.reference.file, a.reference.line).cmp(&(&b.reference.file, b.reference.line)))
    });
    all.dedup_by(|a, b| a.path == b.path);
    all
}

/// Reads the source, refusing files too large to be images worth reading.
fn read(image: &Image) -> Result<Vec<u8>, Diagnostic> {
    let size = std::fs::metadata(&image.path).map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES {
        return Err(located(
            image,
            decode::Problem {
                message: format!("is {} MB; katalog reads image files up to {} MB", size >> 20, MAX_FILE_BYTES >> 20),
                hint: "scale it down or export it again with more compression".into(),
            },
        ));
    }
    std::fs::read(&image.path).map_err(|e| {
        located(
            image,
            decode::Problem { message: format!("cannot be read: {e}"), hint: "check the file's permissions".into() },
        )
    })
}

fn located(image: &Image, problem: decode::Problem) -> Diagnostic {
    let mut diagnostic = (*image.reference).clone();
    diagnostic.message = format!("image `{}` {}", image.written, problem.message);
    diagnostic.with_hint(problem.hint)
}

/// Checks every source's header (or its cache entry) without decoding pixels.
pub fn inspect(site: &Site, cache_root: &std::path::Path) -> Result<(), Diagnostics> {
    let config = &site.config.images;
    let settings = resize::Settings::from(config);
    let cache = Cache::read_only(cache_root);
    let limits = limits(config);
    let errors: Vec<Diagnostic> = sources(site)
        .par_iter()
        .filter_map(|image| {
            let bytes = match read(image) {
                Ok(bytes) => bytes,
                Err(d) => return Some(d),
            };
            if let Some(manifest) = cache.lookup(&cache::key(&bytes, &settings)) {
                return decode::within_limits(manifest.width, manifest.height, limits).err().map(|p| located(image, p));
            }
            decode::probe(&bytes, limits).err().map(|p| located(image, p))
        })
        .collect();
    if errors.is_empty() {
        return Ok(());
    }
    Err(into_diagnostics(errors))
}

fn into_diagnostics(mut errors: Vec<Diagnostic>) -> Diagnostics {
    errors.sort_by_key(|d| (d.file.clone(), d.line, d.column));
    let mut diagnostics = Diagnostics::new();
    errors.into_iter().for_each(|d| diagnostics.push(d));
    diagnostics
}

/// Copies every derivative [`prepare`] made into the output.
pub fn write(published: &Published, staging: &Staging) -> std::io::Result<()> {
    published.files.par_iter().try_for_each(|(source, path)| staging.copy_content_named(source, path))
}

/// Makes (or finds in the cache) the derivatives of every source.
pub fn prepare(site: &Site, cache: &Cache, progress: &dyn Progress) -> Result<Published, PublishError> {
    let config = &site.config.images;
    let settings = resize::Settings::from(config);
    let limits = limits(config);
    let sources = sources(site);
    progress.start("images", sources.len());
    let processed = AtomicUsize::new(0);
    let outcomes: Vec<Result<(PathBuf, String, Responsive), Failure>> = sources
        .par_iter()
        .map(|image| {
            let outcome = prepare_one(image, &settings, limits, cache, &processed);
            progress.step();
            outcome.map(|(key, responsive)| (image.path.clone(), key, responsive))
        })
        .collect();
    let mut published = Published::default();
    let mut errors = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok((path, key, responsive)) => {
                for file in &responsive.files {
                    let source = cache.file(&key, file.width, file.format).expect("an open cache has a folder");
                    published.files.push((source, file.path.clone()));
                }
                published.images.insert(path, responsive);
                published.keys.insert(key);
            }
            Err(Failure::Content(d)) => errors.push(d),
            Err(Failure::Io(e)) => return Err(PublishError::Io(e)),
        }
    }
    if !errors.is_empty() {
        return Err(PublishError::Content(into_diagnostics(errors)));
    }
    published.files.sort();
    published.files.dedup();
    published.processed = processed.into_inner();
    published.cached = published.images.len() - published.processed;
    Ok(published)
}

enum Failure {
    Content(Diagnostic),
    Io(std::io::Error),
}

fn prepare_one(
    image: &Image,
    settings: &resize::Settings,
    limits: decode::Limits,
    cache: &Cache,
    processed: &AtomicUsize,
) -> Result<(String, Responsive), Failure> {
    let bytes = read(image).map_err(Failure::Content)?;
    let key = cache::key(&bytes, settings);
    let manifest = match cache.lookup(&key) {
        Some(manifest) => {
            decode::within_limits(manifest.width, manifest.height, limits)
                .map_err(|p| Failure::Content(located(image, p)))?;
            manifest
        }
        None => {
            let decoded = decode::decode(&bytes, limits).map_err(|p| Failure::Content(located(image, p)))?;
            let header = decoded.header;
            drop(bytes);
            let derivatives =
                resize::derivatives(decoded, settings).map_err(|p| Failure::Content(located(image, p)))?;
            let mut entries = Vec::with_capacity(derivatives.len());
            for d in derivatives {
                let hash = blake3::hash(&d.bytes).to_hex()[..16].to_string();
                let entry = Entry { format: d.format, width: d.width, height: d.height, hash };
                cache.store_file(&key, d.width, d.format, &d.bytes).map_err(Failure::Io)?;
                entries.push(entry);
            }
            let manifest = Manifest { width: header.width, height: header.height, derivatives: entries };
            cache.store_manifest(&key, &manifest);
            processed.fetch_add(1, Ordering::Relaxed);
            manifest
        }
    };
    let files = manifest
        .derivatives
        .iter()
        .map(|d| PublishedFile { format: d.format, width: d.width, height: d.height, path: published_path(d) })
        .collect();
    Ok((key, Responsive { files }))
}

fn published_path(entry: &Entry) -> String {
    format!("gambar/{}-{}.{}", entry.hash, entry.width, cache::extension(entry.format))
}
