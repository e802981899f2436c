//! The site model: every record loaded, checked and linked, ready to render.
//!
//! Loading builds it once; renderers only read it. Records refer to each other by index
//! (`VendorId`, `TermId`), so the model has no cycles and no lookups by name at render time.
//! Drafts are already removed unless the build asked for them. The markdown bodies of vendors
//! and products may stay in their files until a page reads them ([`Body`]).

use super::records::{Certification, Price, Variant};
use crate::config::SiteConfig;
use std::path::PathBuf;
use std::sync::Arc;

/// Declares an id: the index of a record in its list of the [`Site`], typed so that a
/// vendor's id cannot index the products. Any `Vec` or slice is indexed by it (the listings
/// of `derive` are vectors by vendor, product or term), and it hashes as its number.
macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub usize);

        impl $name {
            /// The ids of a list of `len` records, in order.
            pub fn range(len: usize) -> impl DoubleEndedIterator<Item = $name> + ExactSizeIterator + Clone {
                (0..len).map($name)
            }

            /// The position in its list.
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl<T> std::ops::Index<$name> for [T] {
            type Output = T;
            fn index(&self, id: $name) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$name> for [T] {
            fn index_mut(&mut self, id: $name) -> &mut T {
                &mut self[id.0]
            }
        }

        impl<T> std::ops::Index<$name> for Vec<T> {
            type Output = T;
            fn index(&self, id: $name) -> &T {
                &self[id.0]
            }
        }

        impl<T> std::ops::IndexMut<$name> for Vec<T> {
            fn index_mut(&mut self, id: $name) -> &mut T {
                &mut self[id.0]
            }
        }
    )*};
}

ids! {
    /// A vendor: its place in [`Site::vendors`].
    VendorId;
    /// A product: its place in [`Site::products`].
    ProductId;
    /// A category, region or district: its place in its [`Taxonomy`]'s terms.
    TermId;
    /// An event: its place in [`Site::events`].
    EventId;
    /// A free page of `content/pages/`: its place in [`Site::free_pages`].
    FreePageId;
}

/// A loaded, checked site.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub categories: Taxonomy,
    pub regions: Taxonomy,
    /// Sorted by slug.
    pub vendors: Vec<Vendor>,
    /// Sorted by vendor slug, then product slug.
    pub products: Vec<Product>,
    /// Sorted by slug.
    pub events: Vec<Event>,
    /// Sorted by slug.
    pub free_pages: Vec<FreePage>,
    /// Published paths whose records are gone (`content/dihapus.yaml`), by path.
    pub removed: Vec<Removed>,
    /// What happened to dates from Git (for the build summary).
    pub git_dates: GitDating,
}

/// A published path whose record is gone: it gets a page that says so.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Removed {
    /// The old site path (`umkm/kopi-lama/keripik/`).
    pub path: String,
    pub reason: Option<String>,
    /// The site path of the page that takes its place (aliases resolved).
    pub replacement: Option<String>,
    /// The category its page links to.
    pub category: Option<TermId>,
    /// What the path was, from its shape.
    pub what: RemovedKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RemovedKind {
    /// `umkm/<vendor>/`.
    Vendor,
    /// `umkm/<vendor>/<product>/`: the vendor's slug (it may still be in the catalogue).
    Product { vendor: String },
    /// Anything else: an event, a free page.
    Other,
}

impl RemovedKind {
    /// What a removed path was, from its shape.
    pub fn of(path: &str) -> RemovedKind {
        match path.trim_end_matches('/').split('/').collect::<Vec<_>>().as_slice() {
            ["umkm", _] => RemovedKind::Vendor,
            ["umkm", vendor, _] => RemovedKind::Product { vendor: vendor.to_string() },
            _ => RemovedKind::Other,
        }
    }
}

/// Whether records were dated by their last Git commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitDating {
    /// Not asked for (`--no-git-dates`, `katalog serve`, `katalog check`).
    Off,
    /// This many files are dated.
    Dated(usize),
    /// Asked for, but there are none: why (no Git, not a repository, a shallow clone…).
    Unavailable(String),
}

impl std::fmt::Display for GitDating {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GitDating::Off => write!(f, "git dates off"),
            GitDating::Dated(n) => write!(f, "git dates for {n} files"),
            GitDating::Unavailable(reason) => write!(f, "no git dates: {reason}"),
        }
    }
}

/// A two-level tree of slugs: categories and subcategories, or kota/kabupaten and kecamatan.
#[derive(Debug, Default)]
pub struct Taxonomy {
    /// In the editor's order: each parent, then its children.
    pub terms: Vec<Term>,
}

#[derive(Debug)]
pub struct Term {
    pub slug: String,
    pub name: String,
    pub parent: Option<TermId>,
    pub children: Vec<TermId>,
}

impl Taxonomy {
    pub fn find(&self, slug: &str) -> Option<TermId> {
        self.terms.iter().position(|t| t.slug == slug).map(TermId)
    }

    pub fn top_level(&self) -> impl Iterator<Item = (TermId, &Term)> {
        self.terms.iter().enumerate().filter(|(_, t)| t.parent.is_none()).map(|(i, t)| (TermId(i), t))
    }

    /// The term and its ancestors (a product in `kopi` is also in `kuliner`).
    pub fn self_and_ancestors(&self, id: TermId) -> impl Iterator<Item = TermId> + '_ {
        std::iter::successors(Some(id), |&i| self.terms[i].parent)
    }
}

#[derive(Debug, Hash)]
pub struct Vendor {
    /// When the record's file last changed in Git (None without Git dates).
    pub updated: Option<jiff::Timestamp>,
    pub slug: String,
    pub name: String,
    pub owner: Option<String>,
    pub category: TermId,
    pub region: TermId,
    pub district: Option<TermId>,
    pub address: Option<String>,
    /// Normalised international form without `+`: `6281234567890`.
    pub whatsapp: Option<String>,
    pub instagram: Option<String>,
    pub website: Option<String>,
    pub logo: Option<Image>,
    pub jakpreneur_id: Option<String>,
    pub certifications: Vec<Certification>,
    pub qris: Option<super::qris::Qris>,
    pub joined: Option<jiff::civil::Date>,
    /// Old site paths that lead here (normalised: `umkm/kopi-lama/`).
    pub aliases: Vec<String>,
    pub draft: bool,
    /// The markdown profile.
    pub body: Body,
    pub source: PathBuf,
    /// Sorted by product slug.
    pub products: Vec<ProductId>,
}

#[derive(Debug, Hash)]
pub struct Product {
    /// When the record's file last changed in Git (None without Git dates).
    pub updated: Option<jiff::Timestamp>,
    pub slug: String,
    pub vendor: VendorId,
    pub name: String,
    pub price: Option<Price>,
    pub category: TermId,
    pub images: Vec<Image>,
    pub tags: Vec<String>,
    pub variants: Vec<Variant>,
    pub available: bool,
    /// Old site paths that lead here (normalised: `umkm/kopi-lama/`).
    pub aliases: Vec<String>,
    pub draft: bool,
    /// The markdown description.
    pub body: Body,
    pub source: PathBuf,
}

/// An image a record refers to, checked to exist inside the site.
#[derive(Debug, Clone, Hash)]
pub struct Image {
    /// Absolute path of the source file on disk.
    pub path: PathBuf,
    pub alt: String,
    /// The path as the record writes it (`kopi.jpg`).
    pub written: String,
    /// Where the record names the image: errors about the file itself are reported there.
    pub reference: Box<crate::diagnostics::Diagnostic>,
}

/// When an event happens, in the site's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventTime {
    Date(jiff::civil::Date),
    DateTime(jiff::civil::DateTime),
}

impl EventTime {
    /// The start of the moment, for comparisons between a date and a date-time.
    pub fn as_datetime(self) -> jiff::civil::DateTime {
        match self {
            EventTime::Date(d) => d.to_datetime(jiff::civil::Time::midnight()),
            EventTime::DateTime(dt) => dt,
        }
    }
}

#[derive(Debug, Hash)]
pub struct Event {
    /// When the record's file last changed in Git (None without Git dates).
    pub updated: Option<jiff::Timestamp>,
    pub slug: String,
    pub title: String,
    pub start: EventTime,
    pub end: Option<EventTime>,
    pub venue: String,
    pub address: Option<String>,
    pub region: Option<TermId>,
    pub district: Option<TermId>,
    pub organizer: Option<String>,
    pub vendors: Vec<VendorId>,
    pub recurrence: Option<crate::content::rrule::Rule>,
    pub cancelled: bool,
    /// Old site paths that lead here (normalised: `umkm/kopi-lama/`).
    pub aliases: Vec<String>,
    pub draft: bool,
    pub body: String,
    pub source: PathBuf,
}

/// A free page of `content/pages/` (tentang, cara-bergabung…). In katalog's code a "page"
/// is one HTML page of the built site; these records are "free pages".
#[derive(Debug, Hash)]
pub struct FreePage {
    /// When the record's file last changed in Git (None without Git dates).
    pub updated: Option<jiff::Timestamp>,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    /// Old site paths that lead here (normalised: `umkm/kopi-lama/`).
    pub aliases: Vec<String>,
    pub draft: bool,
    pub body: String,
    pub source: PathBuf,
}

/// A record's markdown body, hashed once at load: page fingerprints hash the body's 8-byte
/// hash instead of its text. The text is either kept in memory, shared (so cloning a body, as
/// `katalog serve` does with the records it keeps between builds, copies no text), or left in
/// its file and read again when a page needs it (`katalog build`: at Jakarta scale the bodies
/// are 1.5 GB that a build need not hold).
#[derive(Debug, Clone, Default)]
pub struct Body {
    text: BodyText,
    hash: u64,
}

#[derive(Debug, Clone, Default)]
enum BodyText {
    /// Not loaded (`katalog check`).
    #[default]
    Dropped,
    Kept(Arc<str>),
    /// After the front matter of this file.
    InFile(Arc<std::path::Path>),
}

impl Body {
    /// A body kept in memory.
    pub fn new(text: &str) -> Body {
        Body { text: BodyText::Kept(Arc::from(text)), hash: hash(text) }
    }

    /// The body `text` of the markdown file `path`, read again from there when needed.
    pub fn in_file(path: &std::path::Path, text: &str) -> Body {
        Body { text: BodyText::InFile(Arc::from(path)), hash: hash(text) }
    }

    /// The text of a body kept in memory, as events and free pages always are; empty otherwise.
    pub fn into_kept_text(self) -> String {
        match self.text {
            BodyText::Kept(text) => text.to_string(),
            BodyText::Dropped | BodyText::InFile(_) => String::new(),
        }
    }

    /// Whether the body was left in its file, so that [`Body::text`] reads it again.
    pub fn is_in_file(&self) -> bool {
        matches!(self.text, BodyText::InFile(_))
    }

    /// The markdown. A body left in its file is read again, and must be what was loaded.
    pub fn text(&self) -> std::io::Result<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        match &self.text {
            BodyText::Dropped => Ok(Cow::Borrowed("")),
            BodyText::Kept(text) => Ok(Cow::Borrowed(text)),
            BodyText::InFile(path) => {
                let failed = |d: crate::diagnostics::Diagnostic| {
                    std::io::Error::other(format!("{}: {} (build again)", path.display(), d.message))
                };
                let mut text = crate::source::SourceText::read(path, path).map_err(failed)?.text;
                let body = crate::source::split_front_matter(&text, path).map_err(failed)?.body;
                if hash(body) != self.hash {
                    return Err(std::io::Error::other(format!(
                        "{} changed while katalog was building the site; build again",
                        path.display()
                    )));
                }
                // The body is the end of the text: drop the front matter, copy nothing.
                let front_matter = text.len() - body.len();
                text.drain(..front_matter);
                Ok(Cow::Owned(text))
            }
        }
    }
}

fn hash(text: &str) -> u64 {
    let digest = blake3::hash(text.as_bytes());
    u64::from_le_bytes(digest.as_bytes()[..8].try_into().expect("a digest has 32 bytes"))
}

impl std::hash::Hash for Body {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hash.hash(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_left_in_its_file_is_read_again_and_must_not_have_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kopi.md");
        std::fs::write(&path, "\u{feff}---\r\nname: Kopi\r\n---\r\nKopi *susu*.\r\n").unwrap();
        let body = Body::in_file(&path, "Kopi *susu*.\n");
        assert_eq!(body.text().unwrap(), "Kopi *susu*.\n", "BOM and CRLF handled as when loading");
        // Same hash, so the same fingerprint, as the body kept in memory.
        let kept = Body::new("Kopi *susu*.\n");
        assert_eq!(crate::hash::hash_one(&body), crate::hash::hash_one(&kept));
        std::fs::write(&path, "---\nname: Kopi\n---\nKopi hitam.\n").unwrap();
        let error = body.text().unwrap_err().to_string();
        assert!(error.contains("kopi.md changed while katalog was building the site; build again"), "{error}");
        std::fs::remove_file(&path).unwrap();
        assert!(body.text().unwrap_err().to_string().contains("cannot read file"));
        assert_eq!(Body::default().text().unwrap(), "");
    }
}
