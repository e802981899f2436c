//! Finding and parsing the record files under `content/`.
//!
//! Each vendor folder is read in parallel (rayon): its `index.md`, its product files and its
//! optional `products.yaml`. Events and free pages follow. Nothing here looks across
//! records; that is `validate`'s job. Symlinks are followed only while they stay inside the
//! site.
//!
//! `katalog serve` keeps what it parsed in a [`RecordCache`] and tells it which paths the
//! file watcher saw change, so a rebuild after one save re-reads one folder, not all of them.

use super::Bodies;
use super::model::Body;
use super::records::{EventRecord, PageRecord, ProductRecord, VendorRecord};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::slug::{is_slug, slugify};
use crate::source::yaml;
use crate::source::{SourceText, split_front_matter};
use rayon::prelude::*;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// File extensions of images, which live beside the records that use them.
pub const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp"];

/// Every record file parsed, not yet checked against the others.
#[derive(Default)]
pub struct Records {
    /// Every vendor folder with a valid name, loaded or not (so a vendor with errors does
    /// not also make every event that lists it fail).
    pub vendor_folders: std::collections::HashSet<String>,
    pub vendors: Vec<ParsedVendor>,
    pub products: Vec<ParsedProduct>,
    pub events: Vec<Parsed<EventRecord>>,
    pub pages: Vec<Parsed<PageRecord>>,
    /// `content/dihapus.yaml`, when the site has one.
    pub removed: Option<(SourceText, Vec<super::records::RemovedRecord>)>,
}

/// A parsed record with what later checks need to locate errors in it.
#[derive(Clone)]
pub struct Parsed<T> {
    pub slug: String,
    pub record: T,
    pub body: Body,
    /// The file's text (shared by all items of a `products.yaml`).
    pub source: Arc<SourceText>,
}

#[derive(Clone)]
pub struct ParsedVendor {
    pub parsed: Parsed<VendorRecord>,
    /// Absolute path of the vendor folder.
    pub dir: PathBuf,
}

#[derive(Clone)]
pub struct ParsedProduct {
    pub vendor_slug: String,
    pub parsed: Parsed<ProductRecord>,
    /// Where the slug was written, for items of `products.yaml`.
    pub slug_at: Option<(usize, usize)>,
}

/// What one vendor folder holds: the vendor, its products, and the errors found reading them.
type VendorFolder = (Option<ParsedVendor>, Vec<ParsedProduct>, Vec<Diagnostic>);
/// The records of one folder of events or pages, and the errors found reading them.
type FolderOf<T> = (Vec<Parsed<T>>, Vec<Diagnostic>);

/// Parsed record files kept between the builds of `katalog serve`, by folder: a vendor
/// folder, `content/events/` or `content/pages/`. The watcher reports each changed path with
/// [`RecordCache::forget`]; anything the cache cannot place empties it. Folders that hold
/// symlinks are never kept, since a change to a link's target is reported under the target.
#[derive(Default)]
pub struct RecordCache {
    /// What the kept records have of their bodies.
    bodies: Bodies,
    /// The vendor folders of `content/vendors/`.
    vendor_folders: Option<Vec<Listed>>,
    vendors: HashMap<PathBuf, VendorFolder>,
    events: Option<FolderOf<EventRecord>>,
    pages: Option<FolderOf<PageRecord>>,
    /// Whether this cache keeps anything at all (a plain build's does not).
    keeping: bool,
}

impl RecordCache {
    /// A cache that keeps what each load parses.
    pub fn keeping() -> RecordCache {
        RecordCache { keeping: true, ..RecordCache::default() }
    }

    /// Forgets whatever `path` (absolute, under the site folder `root`) may have changed.
    pub fn forget(&mut self, root: &Path, path: &Path) {
        let parts: Vec<_> = match path.strip_prefix(root) {
            Ok(relative) => relative.components().map(|c| c.as_os_str().to_owned()).collect(),
            Err(_) => return self.clear(),
        };
        let part = |i: usize| parts.get(i).and_then(|p| p.to_str());
        match (part(0), part(1), part(2)) {
            (Some("content"), Some("vendors"), Some(folder)) => {
                self.vendors.remove(&root.join("content/vendors").join(folder));
                if parts.len() == 3 {
                    // A folder (or a stray file) appeared, went or was renamed.
                    self.vendor_folders = None;
                }
            }
            // The folder itself: it may have been replaced by another one of the same name.
            (Some("content"), Some("vendors"), None) => {
                self.vendor_folders = None;
                self.vendors.clear();
            }
            (Some("content"), Some("events"), _) => self.events = None,
            (Some("content"), Some("pages"), _) => self.pages = None,
            // Taxonomies and settings are read anew on every load; so are other folders.
            (Some("content"), Some(_), _) if parts.len() == 2 => {}
            (Some(first), _, _) if first != "content" => {}
            _ => self.clear(),
        }
    }

    /// Keeps nothing from now on (the watcher cannot see every folder).
    pub fn stop_keeping(&mut self) {
        self.keeping = false;
        self.clear();
    }

    /// Forgets everything (after the watcher lost track of changes).
    pub fn clear(&mut self) {
        self.vendor_folders = None;
        self.vendors.clear();
        self.events = None;
        self.pages = None;
    }
}

/// Reads every record under `root/content`, taking unchanged folders from `cache` and keeping
/// the folders it had to read in it (if it keeps any).
/// `bodies` says what to keep of the markdown after each vendor's and product's front matter
/// (at Jakarta scale it is 1.5 GB).
pub fn load_records(root: &Path, bodies: Bodies, diagnostics: &mut Diagnostics, cache: &mut RecordCache) -> Records {
    if cache.bodies != bodies {
        cache.clear();
        cache.bodies = bodies;
    }
    let mut records = Records::default();
    let content = root.join("content");
    let vendor_dirs: Vec<Listed> = match &cache.vendor_folders {
        Some(folders) => folders.clone(),
        None => {
            let mut errors = Diagnostics::new();
            let listed = list(root, &content.join("vendors"), &mut errors);
            for file in listed.iter().filter(|l| l.path.is_file()) {
                errors.push(loose_vendor_file(root, &file.path));
            }
            strays(root, &content, &mut errors);
            let folders: Vec<Listed> = listed.into_iter().filter(|l| l.path.is_dir()).collect();
            if cache.keeping && errors.is_empty() {
                cache.vendor_folders = Some(folders.clone());
            }
            diagnostics.extend(errors);
            folders
        }
    };
    records.vendor_folders = vendor_dirs.iter().map(|d| stem(&d.path)).filter(|s| is_slug(s)).collect();
    // A folder linked to from another name may be reported under either name: with such a
    // link, no vendor folder is kept.
    let keep_folders = cache.keeping && !vendor_dirs.iter().any(|d| d.symlink);
    if keep_folders {
        let listed: std::collections::HashSet<&PathBuf> = vendor_dirs.iter().map(|d| &d.path).collect();
        cache.vendors.retain(|dir, _| listed.contains(dir));
    } else {
        cache.vendors.clear();
    }
    let cached = &cache.vendors;
    // Each folder, and whether to keep it (read now, and holding no symlink).
    let per_vendor: Vec<(VendorFolder, bool)> = vendor_dirs
        .par_iter()
        .map(|dir| match cached.get(&dir.path) {
            Some(folder) => (folder.clone(), false),
            None => {
                let (folder, has_links) = load_vendor_dir(root, &dir.path, bodies);
                (folder, !has_links)
            }
        })
        .collect();
    for (dir, (folder, keep)) in vendor_dirs.iter().zip(per_vendor) {
        if keep && keep_folders {
            cache.vendors.insert(dir.path.clone(), folder.clone());
        }
        let (vendor, products, errors) = folder;
        records.vendors.extend(vendor);
        records.products.extend(products);
        diagnostics.extend(errors);
    }
    let keeping = cache.keeping;
    let (events, errors) = cached_folder(&mut cache.events, keeping, || {
        load_dir(root, &content.join("events"), &["md", "yaml", "yml"], "an event")
    });
    records.events = events;
    diagnostics.extend(errors);
    let (pages, errors) =
        cached_folder(&mut cache.pages, keeping, || load_dir(root, &content.join("pages"), &["md"], "a page"));
    records.pages = pages;
    diagnostics.extend(errors);
    records
}

/// The records of a folder from `kept`, or read by `load` (and kept, unless it has symlinks).
fn cached_folder<T: Clone>(
    kept: &mut Option<FolderOf<T>>,
    keeping: bool,
    load: impl FnOnce() -> (FolderOf<T>, bool),
) -> FolderOf<T> {
    if let Some(folder) = kept {
        return folder.clone();
    }
    let (folder, has_links) = load();
    if keeping && !has_links {
        *kept = Some(folder.clone());
    }
    folder
}

/// Every record file of `dir` with one of `extensions`, parsed in parallel, with the errors
/// found; and whether the folder holds symlinks.
fn load_dir<T: serde::de::DeserializeOwned + Send>(
    root: &Path,
    dir: &Path,
    extensions: &[&str],
    what: &str,
) -> (FolderOf<T>, bool) {
    let mut errors = Diagnostics::new();
    let files = list(root, dir, &mut errors);
    // A refused symlink is reported, not listed: a folder with errors counts as linked.
    let has_links = !errors.is_empty() || files.iter().any(|f| f.symlink);
    for file in files.iter().filter(|f| f.path.is_file() && !extensions.contains(&extension(&f.path).as_str())) {
        if let Some(d) = not_a_record(root, &file.path, extensions[0]) {
            errors.push(d);
        }
    }
    let results: Vec<Result<Parsed<T>, Diagnostic>> = files
        .par_iter()
        .map(|l| &l.path)
        .filter(|p| p.is_file() && extensions.contains(&extension(p).as_str()))
        .map(|p| load_record::<T>(root, p, what, Bodies::InMemory))
        .collect();
    let mut errors: Vec<Diagnostic> = errors.into_iter().collect();
    let mut records = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(record) => records.push(record),
            Err(d) => errors.push(d),
        }
    }
    ((records, errors), has_links)
}

/// An entry of a listed folder.
#[derive(Clone)]
struct Listed {
    path: PathBuf,
    /// Whether the entry is a symlink (one that stays inside the site).
    symlink: bool,
}

/// The entries of `dir` in name order, hidden files skipped, symlinks out of the site refused.
fn list(root: &Path, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<Listed> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir).min_depth(1).max_depth(1).sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                diagnostics.push(Diagnostic::file(relative(root, dir), format!("cannot list folder: {e}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path().to_path_buf();
        let symlink = entry.path_is_symlink();
        if symlink && let Err(d) = check_inside(root, &path) {
            diagnostics.push(d);
            continue;
        }
        out.push(Listed { path, symlink });
    }
    out
}

/// Refuses a path whose real location (after symlinks) is outside the site.
pub fn check_inside(root: &Path, path: &Path) -> Result<PathBuf, Diagnostic> {
    let rel = relative(root, path);
    let real = path.canonicalize().map_err(|_| Diagnostic::file(&rel, "broken symlink: its target does not exist"))?;
    if real.starts_with(root) {
        Ok(real)
    } else {
        Err(Diagnostic::file(&rel, "symlink points outside the site; katalog only reads files inside it")
            .with_hint("copy the file into the site instead of linking to it"))
    }
}

pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

pub fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Checks a file or folder name used as a slug.
fn check_slug(name: &str, rel: &Path, what: &str) -> Result<(), Diagnostic> {
    if is_slug(name) {
        return Ok(());
    }
    let fixed = slugify(name);
    let hint = if fixed.is_empty() {
        "use lowercase letters a-z, digits and dashes".to_string()
    } else {
        format!("rename it to `{fixed}`")
    };
    Err(Diagnostic::file(
        rel,
        format!("{what} name `{name}` is not a valid slug (lowercase letters, digits and dashes)"),
    )
    .with_hint(hint))
}

/// Reads a `.md` record (front matter + body) or a `.yaml` record (one mapping).
fn load_record<T: serde::de::DeserializeOwned>(
    root: &Path,
    path: &Path,
    what: &str,
    bodies: Bodies,
) -> Result<Parsed<T>, Diagnostic> {
    let rel = relative(root, path);
    let slug = stem(path);
    check_slug(&slug, &rel, "file")?;
    let mut source = SourceText::read(path, &rel)?;
    if let Some(placeholder) = placeholders(&source) {
        return Err(placeholder);
    }
    let (record, body) = if extension(path) == "md" {
        let fm = split_front_matter(&source.text, &rel)?;
        let record = yaml::parse(fm.yaml, &source.text, fm.yaml_line_offset, &rel)?;
        let body = match bodies {
            Bodies::Dropped => Body::default(),
            Bodies::InFiles => Body::in_file(path, fm.body),
            Bodies::InMemory => Body::new(fm.body),
        };
        let body_len = fm.body.len();
        // Later errors point into the front matter only: keep that part of the text, not a
        // second copy of the body (at Jakarta scale, a gigabyte and a half).
        let front_matter_end = source.text.len() - body_len;
        source.text.truncate(front_matter_end);
        source.text.shrink_to_fit();
        (record, body)
    } else {
        (yaml::parse_document(&source.text, &rel, what)?, Body::default())
    };
    Ok(Parsed { slug, record, body, source: Arc::new(source) })
}

/// A vendor folder's records and errors, and whether the folder holds symlinks.
fn load_vendor_dir(root: &Path, dir: &Path, bodies: Bodies) -> (VendorFolder, bool) {
    let mut errors = Vec::new();
    let mut products = Vec::new();
    let rel = relative(root, dir);
    let slug = stem(dir);
    if let Err(d) = check_slug(&dir.file_name().unwrap_or_default().to_string_lossy(), &rel, "vendor folder") {
        return ((None, products, vec![d]), false);
    }
    let index = dir.join("index.md");
    let vendor = if index.is_file() {
        match load_record::<VendorRecord>(root, &index, "a vendor", bodies) {
            Ok(mut parsed) => {
                parsed.slug = slug.clone();
                Some(ParsedVendor { parsed, dir: dir.to_path_buf() })
            }
            Err(d) => {
                errors.push(d);
                None
            }
        }
    } else {
        let misnamed = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.eq_ignore_ascii_case("index.md") || n.eq_ignore_ascii_case("index.md.txt"));
        let hint = match misnamed {
            Some(name) => format!("rename `{name}` to `index.md` (small letters, no `.txt`)"),
            None => "add index.md with the vendor's front matter (name, category, region)".to_string(),
        };
        errors.push(Diagnostic::file(&rel, "vendor folder has no index.md").with_hint(hint));
        None
    };
    let mut listing = Diagnostics::new();
    let files = list(root, dir, &mut listing);
    // A refused symlink is reported, not listed: a folder with errors counts as linked.
    let has_links = !listing.is_empty() || files.iter().any(|f| f.symlink);
    errors.extend(listing);
    for Listed { path, .. } in files {
        if !path.is_file() {
            continue;
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let file_rel = relative(root, &path);
        match (name.as_str(), extension(&path).as_str()) {
            ("index.md", _) => {}
            (other, _) if other.eq_ignore_ascii_case("index.md") => {}
            ("products.yaml", _) => match load_bulk_products(root, &path, &slug) {
                Ok(items) => products.extend(items),
                Err(mut d) => errors.append(&mut d),
            },
            (_, "md") => match load_record::<ProductRecord>(root, &path, "a product", bodies) {
                Ok(parsed) => {
                    for (field, value) in [("slug", &parsed.record.slug), ("description", &parsed.record.description)] {
                        if let Some(v) = value {
                            errors.push(
                                at(
                                    &parsed.source,
                                    v,
                                    format!("`{field}` belongs in products.yaml, not in a product file"),
                                )
                                .with_hint(if field == "slug" {
                                    "a product file's name is its slug; rename the file instead"
                                } else {
                                    "write the description as the markdown after the closing `---`"
                                }),
                            );
                        }
                    }
                    products.push(ParsedProduct { vendor_slug: slug.clone(), parsed, slug_at: None });
                }
                Err(d) => errors.push(d),
            },
            (_, "yaml" | "yml") => {
                let hint = if stem(&path).eq_ignore_ascii_case("products") {
                    "rename it to `products.yaml` (small letters, `.yaml`)"
                } else {
                    "bulk products go in `products.yaml`; one product per file goes in `<slug>.md`"
                };
                errors.push(
                    Diagnostic::file(&file_rel, format!("unexpected YAML file `{name}` in a vendor folder"))
                        .with_hint(hint),
                )
            }
            (_, ext) if IMAGE_EXTENSIONS.contains(&ext) => {}
            _ => errors.extend(not_a_record(root, &path, "md")),
        }
    }
    ((vendor, products, errors), has_links)
}

/// A record a text editor saved under a name katalog does not read: `kopi.md.txt` (Notepad
/// adds `.txt`), `kopi.markdown`. Other files (images, notes such as `catatan.txt`) are left
/// alone.
fn not_a_record(root: &Path, path: &Path, expected: &str) -> Option<Diagnostic> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let lower = name.to_lowercase();
    let base = [".md.txt", ".yaml.txt", ".yml.txt", ".markdown"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix).map(|_| &name[..name.len() - suffix.len()]))?;
    Some(
        Diagnostic::file(relative(root, path), format!("`{name}` is not read: a record is a `.{expected}` text file"))
            .with_hint(format!(
                "save it as plain text named `{base}.{expected}` (in Notepad, choose \"All files\" so no `.txt` is added)"
            )),
    )
}

/// A file directly in `content/vendors/`: a record that belongs in a vendor's folder.
fn loose_vendor_file(root: &Path, path: &Path) -> Diagnostic {
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    Diagnostic::file(relative(root, path), format!("`{name}` is not in a vendor folder, so it is not read"))
        .with_hint(format!(
            "a vendor is a folder `content/vendors/<vendor>/` with an `index.md`; move a product to `content/vendors/<vendor>/{name}`"
        ))
}

/// What `content/` holds: anything else there is a mistake (a folder named in the singular,
/// a record outside its folder).
const CONTENT_ENTRIES: &[&str] = &["vendors", "events", "pages", "categories.yaml", "regions.yaml", "dihapus.yaml"];

fn strays(root: &Path, content: &Path, errors: &mut Diagnostics) {
    let Ok(entries) = std::fs::read_dir(content) else { return };
    let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    for name in names.iter().filter(|n| !n.starts_with('.') && !CONTENT_ENTRIES.contains(&n.as_str())) {
        let hint = match crate::diagnostics::did_you_mean(name, CONTENT_ENTRIES.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!(
                "`content/` holds {}",
                CONTENT_ENTRIES.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        errors.push(
            Diagnostic::file(relative(root, &content.join(name)), format!("`content/{name}` is not read"))
                .with_hint(hint),
        );
    }
}

/// What marks a value `katalog new` wrote as an example: a YAML comment `# GANTI` after it,
/// or an HTML comment `<!-- GANTI … -->` in the text. A record is refused while one is left.
pub const PLACEHOLDER_MARKS: [&str; 2] = ["# GANTI", "<!-- GANTI"];

/// The first placeholder left in a record file, with the lines of the others.
fn placeholders(source: &SourceText) -> Option<Diagnostic> {
    if !source.text.contains("GANTI") {
        return None;
    }
    let mut found = source.text.lines().enumerate().filter_map(|(index, line)| {
        PLACEHOLDER_MARKS.iter().find_map(|mark| line.find(mark)).map(|at| (index + 1, line, at))
    });
    let (line, text, at) = found.next()?;
    let others: Vec<String> = found.map(|(line, ..)| line.to_string()).collect();
    let shown = text[..at].trim();
    let message = if shown.is_empty() {
        "this text is a placeholder from `katalog new`".to_string()
    } else {
        format!("`{shown}` is a placeholder from `katalog new`")
    };
    let column = text[..at].chars().count() + 1;
    let mut diagnostic = Diagnostic::at(&source.path, &source.text, line, column, message)
        .with_width(text[at..].chars().count().min(40))
        .with_hint(
            "write the real value and delete the `GANTI` comment (in the text, the whole `<!-- GANTI … -->` line)",
        );
    if !others.is_empty() {
        diagnostic = diagnostic.with_note(format!("placeholders are also left on line {}", others.join(", ")));
    }
    Some(diagnostic)
}

/// A diagnostic at the location of a spanned value of a parsed file.
pub fn at<T>(source: &SourceText, value: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::at(
        &source.path,
        &source.text,
        value.referenced.line() as usize,
        value.referenced.column() as usize,
        message,
    )
}

/// `products.yaml`: a list of products, each slugged by `slug` or by its name.
fn load_bulk_products(root: &Path, path: &Path, vendor_slug: &str) -> Result<Vec<ParsedProduct>, Vec<Diagnostic>> {
    let rel = relative(root, path);
    let source = Arc::new(SourceText::read(path, &rel).map_err(|d| vec![d])?);
    if let Some(placeholder) = placeholders(&source) {
        return Err(vec![placeholder]);
    }
    // A list of products, or (for a vendor with one) a single mapping.
    let first_token =
        source.text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---").unwrap_or("");
    let what = "a list of products";
    let items: Vec<Spanned<ProductRecord>> = if first_token.starts_with('-') || first_token.starts_with('[') {
        yaml::parse_document(&source.text, &rel, what).map_err(|d| vec![d])?
    } else {
        vec![yaml::parse_document(&source.text, &rel, what).map_err(|d| vec![d])?]
    };
    let mut errors = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let item_at = (item.referenced.line() as usize, item.referenced.column() as usize);
        let mut record = item.value;
        let (slug, slug_at) = match &record.slug {
            Some(s) => {
                let where_ = (s.referenced.line() as usize, s.referenced.column() as usize);
                if !is_slug(&s.value) {
                    errors.push(
                        at(&source, s, format!("`{}` is not a valid slug", s.value))
                            .with_width(s.value.chars().count())
                            .with_hint(format!("write `slug: {}`", slugify(&s.value))),
                    );
                    continue;
                }
                (s.value.clone(), where_)
            }
            None => {
                let slug = slugify(&record.name);
                if slug.is_empty() {
                    errors.push(
                        Diagnostic::at(
                            &rel,
                            &source.text,
                            item_at.0,
                            item_at.1,
                            "cannot make a slug from this product's name",
                        )
                        .with_hint("add `slug: …` with lowercase letters, digits and dashes"),
                    );
                    continue;
                }
                (slug, item_at)
            }
        };
        let body = record.description.take().map(|d| Body::new(&d.value)).unwrap_or_default();
        out.push(ParsedProduct {
            vendor_slug: vendor_slug.to_string(),
            parsed: Parsed { slug, record, body, source: Arc::clone(&source) },
            slug_at: Some(slug_at),
        });
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(root: &Path) -> RecordCache {
        let mut cache = RecordCache::keeping();
        cache.vendor_folders = Some(Vec::new());
        for folder in ["a", "b"] {
            cache.vendors.insert(root.join("content/vendors").join(folder), (None, Vec::new(), Vec::new()));
        }
        cache.events = Some((Vec::new(), Vec::new()));
        cache.pages = Some((Vec::new(), Vec::new()));
        cache
    }

    fn kept(cache: &RecordCache) -> (bool, Vec<&str>, bool, bool) {
        let mut vendors: Vec<&str> = cache.vendors.keys().map(|k| k.file_name().unwrap().to_str().unwrap()).collect();
        vendors.sort();
        (cache.vendor_folders.is_some(), vendors, cache.events.is_some(), cache.pages.is_some())
    }

    #[test]
    fn a_change_forgets_only_what_it_can_touch() {
        let root = Path::new("/situs");
        let after = |path: &str| {
            let mut cache = filled(root);
            cache.forget(root, Path::new(path));
            let (listing, vendors, events, pages) = kept(&cache);
            (listing, vendors.join(","), events, pages)
        };
        // A file in a vendor folder: that folder only.
        assert_eq!(after("/situs/content/vendors/a/kopi.md"), (true, "b".into(), true, true));
        assert_eq!(after("/situs/content/vendors/a/foto/kopi.jpg"), (true, "b".into(), true, true));
        // A vendor folder made, removed or renamed: that folder and the list of folders.
        assert_eq!(after("/situs/content/vendors/a"), (false, "b".into(), true, true));
        assert_eq!(after("/situs/content/vendors/c"), (false, "a,b".into(), true, true));
        assert_eq!(after("/situs/content/vendors"), (false, String::new(), true, true));
        assert_eq!(after("/situs/content/events/bazar.md"), (true, "a,b".into(), false, true));
        assert_eq!(after("/situs/content/pages/tentang.md"), (true, "a,b".into(), true, false));
        // Settings, taxonomies, themes and static files are read anew on every build anyway.
        for path in ["/situs/site.yaml", "/situs/content/categories.yaml", "/situs/themes/x/a.html", "/situs/static/x"]
        {
            assert_eq!(after(path), (true, "a,b".into(), true, true), "{path}");
        }
        // Anything it cannot place empties the cache.
        for path in ["/situs/content", "/situs", "/lain/content/vendors/a/kopi.md", "/situs/content/lain/x.md"] {
            assert_eq!(after(path), (false, String::new(), false, false), "{path}");
        }
    }
}
