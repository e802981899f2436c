//! The render stage: every page of the site from the derived catalogue, in parallel.
//!
//! Each page kind is declared once in `kinds` (its key, template, fingerprint inputs and
//! render function); the functions that fill each kind's template are in `pages` and
//! `events`. [`plan`] lists the pages and their fingerprints; [`Plan::render_pages`] renders
//! the pages whose fingerprint changed — writing each page's files as soon as it is rendered,
//! so the build never holds the whole site's HTML — and links the others from the previous
//! output. It returns the pages' state and the descriptions they noted for the search index.
//! The calendar feeds are rendered here too ([`events::write_feeds`]); the other site-wide
//! files are not `render`'s.

pub mod context;
pub mod events;
pub mod fingerprint;
pub mod jsonld;
pub mod kinds;
pub mod pages;

use crate::assets::qr_cache::{self, QrCache};
use crate::derive::Catalog;
use crate::derive::descriptions::{Descriptions, Noted};
use crate::output::Staging;
use crate::output::previous::{BuildState, PageState};
use crate::paths;
use kinds::Job;
use rayon::prelude::*;
use std::borrow::Cow;

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed (an error in the theme): which one, for which page, and why.
    Template { template: String, page: String, message: String },
    /// A text too long for a QR code (a product URL, a QRIS payload).
    Qr { page: String, message: String },
    /// A record's file could not be read again for its body, or changed during the build.
    Source(std::io::Error),
    /// A page's file could not be written or linked.
    Io(std::io::Error),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template { template, page, message } => {
                write!(f, "template `{template}` failed for /{page}: {message}")
            }
            RenderError::Qr { page, message } => write!(f, "no QR code for /{page}: {message}"),
            RenderError::Source(e) => write!(f, "{e}"),
            RenderError::Io(e) => write!(f, "cannot write the site: {e}"),
        }
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RenderError::Source(e) | RenderError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for RenderError {
    fn from(e: std::io::Error) -> Self {
        RenderError::Io(e)
    }
}

/// Counts for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderReport {
    /// Pages rendered in this build (the others were taken from the previous output).
    pub rendered: usize,
}

/// A rendered page: its site path, its HTML, and files published with it.
pub struct Rendered {
    pub path: String,
    pub html: String,
    pub files: Vec<(String, Vec<u8>)>,
    /// `lastmod` for the sitemap.
    pub lastmod: Option<String>,
    /// The searchable start of the record's body, when the page read it from its file.
    pub noted: Option<Noted>,
}

/// What renders pages: the derived catalogue (which it reads through, as `r.site`,
/// `r.product_cards`…), the theme, the context every page starts from, and the QR codes'
/// drawings kept between builds.
pub struct Renderer<'a> {
    pub catalog: &'a Catalog<'a>,
    pub base_context: tera::Context,
    pub qr: QrCache,
}

impl<'a> Renderer<'a> {
    /// A renderer that encodes every QR code (see [`Plan::caching_qr`]).
    pub fn new(catalog: &'a Catalog<'a>) -> Renderer<'a> {
        Renderer { catalog, base_context: base_context(catalog), qr: QrCache::none() }
    }

    /// Renders one page.
    pub fn render(&self, job: Job) -> Result<Rendered, RenderError> {
        job.kind().render(self)
    }
}

impl<'a> std::ops::Deref for Renderer<'a> {
    type Target = Catalog<'a>;
    fn deref(&self) -> &Catalog<'a> {
        self.catalog
    }
}

/// A build's pages, planned: what each reads (its fingerprint), before anything is written.
pub struct Plan<'a> {
    pub renderer: Renderer<'a>,
    pub jobs: Vec<Job>,
    pub keys: Vec<String>,
    pub fingerprints: Vec<u64>,
}

/// What [`Plan::render_pages`] made.
pub struct RenderedPages<'p> {
    pub report: RenderReport,
    /// Each page's state, in plan order: taken from the previous build when it was kept.
    pub pages: Vec<Cow<'p, PageState>>,
    /// The descriptions the rendered pages noted, for the search index.
    pub noted: Descriptions,
}

/// Plans the pages of `catalog`.
pub fn plan<'a>(catalog: &'a Catalog<'a>) -> Plan<'a> {
    let jobs = kinds::jobs(catalog);
    let keys: Vec<String> = jobs.iter().map(|job| job.kind().key(catalog)).collect();
    let fingerprints = fingerprint::fingerprints(catalog, &jobs, &keys);
    Plan { renderer: Renderer::new(catalog), jobs, keys, fingerprints }
}

impl<'a> Plan<'a> {
    /// Takes the QR codes' drawings from `cache`, and keeps those it encodes there.
    pub fn caching_qr(mut self, cache: QrCache) -> Plan<'a> {
        self.renderer.qr = cache;
        self
    }

    /// The QR cache keys of every code the site's pages publish, rendered in this build or
    /// not: what pruning the cache keeps.
    pub fn qr_keys(&self) -> std::collections::HashSet<String> {
        self.jobs
            .iter()
            .filter_map(|job| match *job {
                Job::ProductPage(kinds::ProductPage(id)) => {
                    Some(self.renderer.qr_target(self.renderer.site.products[id].vendor, id))
                }
                Job::VendorPage(kinds::VendorPage(id)) => {
                    self.renderer.site.vendors[id].qris.as_ref().map(|q| q.payload.clone())
                }
                _ => None,
            })
            .map(|text| qr_cache::key(&text))
            .collect()
    }

    /// Renders every page into `staging` — or, for a page whose fingerprint is the one it had
    /// in `previous`, links its files from the previous output. `tick` is called once a page.
    pub fn render_pages<'p>(
        &self,
        staging: &Staging,
        previous: Option<&'p BuildState>,
        tick: &(dyn Fn() + Sync),
    ) -> Result<RenderedPages<'p>, RenderError> {
        let rendered = std::sync::atomic::AtomicUsize::new(0);
        // Each rendered page's note goes straight into its record's slot, so no second list
        // of a million pages is held beside the pages' states.
        let noted = std::sync::Mutex::new(Descriptions::new(self.renderer.site));
        let pages: Vec<Cow<'p, PageState>> = (0..self.jobs.len())
            .into_par_iter()
            .map(|i| {
                tick();
                let fingerprint = self.fingerprints[i];
                if let Some(old) = previous.and_then(|p| p.pages.get(&self.keys[i]))
                    && old.fingerprint == fingerprint
                    && link_all(staging, &old.files)?
                {
                    return Ok(Cow::Borrowed(old));
                }
                rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let kind = self.jobs[i].kind();
                let Rendered { path, html, files, lastmod, noted: note } = kind.render(&self.renderer)?;
                if let Some(note) = note {
                    noted.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).keep(note);
                }
                let file = kind.file(&path);
                staging.write(&file, html.as_bytes())?;
                let mut written = vec![file];
                for (file, bytes) in files {
                    staging.write(&file, &bytes)?;
                    written.push(file);
                }
                Ok(Cow::Owned(PageState { fingerprint, path, lastmod, files: written }))
            })
            .collect::<Result<_, RenderError>>()?;
        let noted = noted.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        let report = RenderReport { rendered: rendered.into_inner() };
        Ok(RenderedPages { report, pages, noted })
    }

    /// The absolute URL and `lastmod` of every page the sitemap lists, in plan order.
    pub fn sitemap_urls(&self, pages: &[Cow<'_, PageState>]) -> Vec<(String, Option<String>)> {
        self.jobs
            .iter()
            .zip(pages)
            .filter(|(job, _)| job.kind().in_sitemap())
            .map(|(_, page)| (self.renderer.absolute(&page.path), page.lastmod.clone()))
            .collect()
    }
}

/// Links every file of a page from the previous output; false if one is missing there.
fn link_all(staging: &Staging, files: &[String]) -> std::io::Result<bool> {
    for file in files {
        if !staging.link_previous(file)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The context every page starts from: language, UI strings, site, navigation, assets.
fn base_context(catalog: &Catalog) -> tera::Context {
    let mut ctx = tera::Context::new();
    let config = &catalog.site.config;
    let description = catalog.site_description();
    ctx.insert("lang", &config.language);
    ctx.insert("t", &catalog.theme.strings);
    ctx.insert("tm", &catalog.theme.macro_strings);
    ctx.insert(
        "site",
        &serde_json::json!({ "title": config.title, "description": description, "root": catalog.root, "base_url": catalog.base }),
    );
    ctx.insert(
        "nav",
        &serde_json::json!({
            "home": catalog.root,
            "vendors": catalog.url(paths::VENDORS),
            "categories": catalog.url(paths::CATEGORIES),
            "regions": catalog.url(paths::REGIONS),
            "events": catalog.url(paths::EVENTS),
            "search": catalog.url(paths::SEARCH),
        }),
    );
    let asset = |path: &str| match catalog.theme.static_files.get(path) {
        Some(bytes) => format!("{}{path}?v={}", catalog.root, &blake3::hash(bytes).to_hex()[..10]),
        None => format!("{}{path}", catalog.root),
    };
    ctx.insert(
        "assets",
        &serde_json::json!({
            "css": asset("aset/katalog.css"),
            "print_css": asset("aset/cetak.css"),
            "events_js": asset("aset/acara.js"),
            "search_js": asset("aset/cari.js"),
        }),
    );
    ctx
}
