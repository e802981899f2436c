//! Rendering the model into pages: shared data once, then every page in parallel.
//!
//! [`Catalog`] precomputes what many pages share (cards, sorted listings, image URLs, the
//! common template context). Each page kind has one function in `pages`; they run as a rayon
//! parallel iterator and write their files as soon as they are rendered, so the build never
//! holds the whole site's HTML in memory.

pub mod context;
pub mod events;
pub mod fingerprint;
pub mod format;
pub mod jsonld;
pub mod markdown;
pub mod pages;
pub mod theme;

use crate::config::ImageFormat;
use crate::content::Site;
use crate::content::model::{ProductId, TermId, VendorId};
use crate::output::Staging;
use crate::output::previous::{BuildState, PageState};
use crate::paths;
use context::*;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use theme::Theme;

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed (an error in the theme).
    Template(String),
    /// A record's file could not be read again for its body, or changed during the build.
    Source(std::io::Error),
    Io(std::io::Error),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template(msg) => write!(f, "{msg}"),
            RenderError::Source(e) => write!(f, "{e}"),
            RenderError::Io(e) => write!(f, "cannot write the site: {e}"),
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
    pub pages: usize,
    /// Pages rendered in this build (the others were taken from the previous output).
    pub rendered: usize,
}

/// The two taxonomies listings are built from.
#[derive(Debug, Clone, Copy)]
pub enum Taxonomy {
    Categories,
    Regions,
}

/// A rendered page: its site path, its HTML, and files published with it.
pub struct Rendered {
    pub path: String,
    pub html: String,
    pub files: Vec<(String, Vec<u8>)>,
    /// `lastmod` for the sitemap.
    pub lastmod: Option<String>,
}

/// One page to render.
#[derive(Debug, Clone, Copy)]
pub enum Job {
    Home,
    VendorList(usize),
    Vendor(VendorId),
    Product(ProductId),
    CategoryIndex,
    Category(TermId, usize),
    RegionIndex,
    Region(TermId, usize),
    Page(usize),
    NotFound,
    EventList,
    Month(i16, i8),
    Event(usize),
    BoothCards(VendorId),
    Search,
}

/// What pages share, computed once per build.
pub struct Catalog<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    /// `/` or `/katalog/`.
    pub root: &'a str,
    /// `https://example.org/katalog/`.
    pub base: &'a str,
    pub base_context: tera::Context,
    /// Source image path → its published derivatives.
    pub images: &'a HashMap<PathBuf, crate::images::Responsive>,
    pub vendor_cards: Vec<VendorCard>,
    pub product_cards: Vec<ProductCard>,
    /// Products of each category, its subcategories included, sorted by name.
    pub category_products: Vec<Vec<ProductId>>,
    /// Vendors of each region or district, sorted by name.
    pub region_vendors: Vec<Vec<VendorId>>,
    /// All vendors in A–Z order.
    pub vendors_az: Vec<VendorId>,
    /// The letter group of each vendor of `vendors_az` (`A`…`Z`, or `#`).
    pub vendor_letters: Vec<String>,
    /// Where each letter group starts on the paginated A–Z list.
    pub letters: Vec<LetterLink>,
    /// The build time: what is "upcoming" is measured from it.
    pub now: jiff::Timestamp,
    pub events: events::EventIndex,
    /// The search index's share of the bodies that pages read.
    pub search_descriptions: crate::search::index::Descriptions,
}

/// A build's pages, planned: what each reads (its fingerprint), before anything is written.
pub struct Plan<'a> {
    pub catalog: Catalog<'a>,
    pub jobs: Vec<Job>,
    pub keys: Vec<String>,
    pub fingerprints: Vec<u64>,
    /// All of the site at once: pages, images, theme and site static files. A build whose
    /// site fingerprint equals the previous one has nothing to write.
    pub site_fingerprint: String,
}

/// Plans the pages of `site`.
pub fn plan<'a>(
    site: &'a Site,
    theme: &'a Theme,
    images: &'a HashMap<PathBuf, crate::images::Responsive>,
    now: jiff::Timestamp,
) -> Plan<'a> {
    let catalog = Catalog::new(site, theme, images, now);
    let jobs = catalog.jobs();
    let keys: Vec<String> = jobs.iter().map(|&job| catalog.job_key(job)).collect();
    let fingerprints = catalog.fingerprints(&jobs, &keys);
    let mut image_files: Vec<&String> = images.values().flat_map(|r| r.files.iter().map(|f| &f.path)).collect();
    image_files.sort();
    let site_fingerprint = format!(
        "{:016x}",
        fingerprint::hash_one(&(&keys, &fingerprints, image_files, static_fingerprint(site), theme.shared_fingerprint))
    );
    Plan { catalog, jobs, keys, fingerprints, site_fingerprint }
}

impl Plan<'_> {
    /// Renders every page into `staging` — or, for a page whose fingerprint is the one it had
    /// in `previous`, links its files from the previous output — after the theme's static
    /// files. What the pages link to is then in place; the site-wide files follow with
    /// [`Plan::render_site_files`].
    pub fn render_pages<'p>(
        &self,
        staging: &Staging,
        previous: Option<&'p BuildState>,
        progress: &indicatif::ProgressBar,
    ) -> Result<(RenderReport, Vec<Cow<'p, PageState>>), RenderError> {
        let catalog = &self.catalog;
        for (path, bytes) in &catalog.theme.static_files {
            staging.write(path, bytes)?;
        }
        progress.set_length(self.jobs.len() as u64);
        let rendered = std::sync::atomic::AtomicUsize::new(0);
        let pages: Vec<Cow<'p, PageState>> = (0..self.jobs.len())
            .into_par_iter()
            .map(|i| {
                progress.inc(1);
                let fingerprint = self.fingerprints[i];
                if let Some(old) = previous.and_then(|p| p.pages.get(&self.keys[i]))
                    && old.fingerprint == fingerprint
                    && link_all(staging, &old.files)?
                {
                    return Ok(Cow::Borrowed(old));
                }
                rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let job = self.jobs[i];
                let Rendered { path, html, files, lastmod } = pages::render(catalog, job)?;
                let file = match job {
                    Job::NotFound => "404.html".to_string(),
                    _ => paths::index_file(&path),
                };
                staging.write(&file, html.as_bytes())?;
                let mut written = vec![file];
                for (file, bytes) in files {
                    staging.write(&file, &bytes)?;
                    written.push(file);
                }
                Ok(Cow::Owned(PageState { fingerprint, path, lastmod, files: written }))
            })
            .collect::<Result<_, RenderError>>()?;
        let report = RenderReport { pages: self.jobs.len(), rendered: rendered.into_inner() };
        Ok((report, pages))
    }

    /// Writes what covers the whole site — sitemaps, robots, open data, the search index,
    /// calendar feeds — and then the site's own static files (last, so a `static/robots.txt`
    /// replaces the generated one). Returns the new state.
    pub fn render_site_files(
        &self,
        staging: &Staging,
        pages: Vec<Cow<'_, PageState>>,
    ) -> Result<BuildState, RenderError> {
        let catalog = &self.catalog;
        let urls: Vec<(String, Option<String>)> = self
            .jobs
            .iter()
            .zip(&pages)
            .filter(|(job, _)| !matches!(job, Job::NotFound))
            .map(|(_, page)| (format!("{}{}", catalog.base, page.path), page.lastmod.clone()))
            .collect();
        let site = catalog.site;
        // The site-wide files do not depend on each other: the search index (the largest,
        // itself parallel) is made beside the sitemaps, the open data and the feeds, which
        // are mostly serial. Errors are reported in a fixed order.
        let sitemaps = || -> std::io::Result<()> {
            crate::output::sitemap::write_sitemaps(staging, catalog.base, urls)?;
            staging.write("robots.txt", crate::output::sitemap::robots_txt(catalog.base).as_bytes())
        };
        let (search, (sitemaps, (opendata, feeds))) = rayon::join(
            || crate::search::publish(catalog, staging),
            || {
                rayon::join(sitemaps, || {
                    rayon::join(
                        || crate::output::opendata::write(staging, site),
                        || events::write_feeds(catalog, staging),
                    )
                })
            },
        );
        sitemaps?;
        opendata?;
        search?;
        feeds?;
        copy_site_static(site, staging)?;
        Ok(BuildState {
            version: crate::output::previous::BUILD_ID.to_string(),
            site: self.site_fingerprint.clone(),
            marker: String::new(),
            all_files: Vec::new(),
            pages: self.keys.iter().cloned().zip(pages.into_iter().map(Cow::into_owned)).collect(),
        })
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

/// A hash of the site's `static/` folder: paths and bytes.
fn static_fingerprint(site: &Site) -> u64 {
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
    fingerprint::hash_one(&files)
}

/// Copies the site's `static/` folder verbatim to the output root. It comes last, so a file
/// there (your own `robots.txt`, say) replaces a generated one of the same path.
fn copy_site_static(site: &Site, staging: &Staging) -> Result<(), RenderError> {
    let dir = site.root.join("static");
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.map_err(|e| RenderError::Io(std::io::Error::other(e.to_string())))?;
        let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let name = relative.to_string_lossy().replace('\\', "/");
        if name.is_empty() || name.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let source = if entry.path_is_symlink() {
            crate::content::load::check_inside(&site.root, entry.path())
                .map_err(|d| RenderError::Template(d.to_string()))?
        } else {
            entry.path().to_path_buf()
        };
        if source.is_file() {
            staging.copy(&source, &name)?;
        }
    }
    Ok(())
}

impl<'a> Catalog<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        images: &'a HashMap<PathBuf, crate::images::Responsive>,
        now: jiff::Timestamp,
    ) -> Self {
        let root = site.config.base_url.root.as_str();
        let base = site.config.base_url.absolute.as_str();
        let mut catalog = Catalog {
            site,
            theme,
            root,
            base,
            base_context: tera::Context::new(),
            images,
            vendor_cards: Vec::new(),
            product_cards: Vec::new(),
            category_products: vec![Vec::new(); site.categories.terms.len()],
            region_vendors: vec![Vec::new(); site.regions.terms.len()],
            vendors_az: Vec::new(),
            vendor_letters: Vec::new(),
            letters: Vec::new(),
            now,
            events: events::EventIndex::default(),
            search_descriptions: crate::search::index::Descriptions::new(site),
        };
        catalog.base_context = catalog.make_base_context();
        catalog.vendor_cards = site.vendors.par_iter().map(|v| catalog.vendor_card(v)).collect();
        catalog.product_cards = site.products.par_iter().map(|p| catalog.product_card(p)).collect();

        let mut by_name: Vec<(String, VendorId, ProductId)> =
            site.products.par_iter().enumerate().map(|(i, p)| (sort_key(&p.name), p.vendor, i)).collect();
        by_name.par_sort_unstable();
        let by_name = by_name.into_iter().map(|(_, _, p)| p);
        for p in by_name {
            for term in site.categories.self_and_ancestors(site.products[p].category) {
                catalog.category_products[term].push(p);
            }
        }
        let mut az: Vec<(String, &str, VendorId)> =
            site.vendors.par_iter().enumerate().map(|(i, v)| (sort_key(&v.name), v.slug.as_str(), i)).collect();
        az.par_sort_unstable();
        let az: Vec<VendorId> = az.into_iter().map(|(_, _, v)| v).collect();
        for &v in &az {
            let vendor = &site.vendors[v];
            catalog.region_vendors[vendor.region].push(v);
            if let Some(d) = vendor.district {
                catalog.region_vendors[d].push(v);
            }
        }
        catalog.vendor_letters = az.iter().map(|&v| letter_of(&site.vendors[v].name)).collect();
        for (i, letter) in catalog.vendor_letters.iter().enumerate() {
            if catalog.letters.last().is_none_or(|l| l.letter != *letter) {
                let page = i / site.config.paginate + 1;
                let url = format!(
                    "{}#{}",
                    catalog.url(&paths::paginated(paths::VENDORS, page)),
                    pages::letter_anchor(letter)
                );
                catalog.letters.push(LetterLink { letter: letter.clone(), url });
            }
        }
        catalog.vendors_az = az;
        catalog.events = events::EventIndex::new(&catalog);
        catalog
    }

    /// Every page of the site, in a fixed order.
    pub fn jobs(&self) -> Vec<Job> {
        let per_page = self.site.config.paginate;
        let pages_of = |n: usize| n.div_ceil(per_page).max(1);
        let mut jobs = vec![Job::Home, Job::NotFound, Job::CategoryIndex, Job::RegionIndex, Job::Search];
        jobs.extend((1..=pages_of(self.site.vendors.len())).map(Job::VendorList));
        jobs.extend((0..self.site.vendors.len()).map(Job::Vendor));
        jobs.extend((0..self.site.vendors.len()).map(Job::BoothCards));
        jobs.extend((0..self.site.products.len()).map(Job::Product));
        for (term, products) in self.category_products.iter().enumerate() {
            jobs.extend((1..=pages_of(products.len())).map(|n| Job::Category(term, n)));
        }
        for (term, vendors) in self.region_vendors.iter().enumerate() {
            jobs.extend((1..=pages_of(vendors.len())).map(|n| Job::Region(term, n)));
        }
        jobs.extend((0..self.site.pages.len()).map(Job::Page));
        jobs.push(Job::EventList);
        jobs.extend(self.events.months().map(|(y, m)| Job::Month(y, m)));
        jobs.extend((0..self.site.events.len()).map(Job::Event));
        jobs
    }

    fn make_base_context(&self) -> tera::Context {
        let mut ctx = tera::Context::new();
        let config = &self.site.config;
        let description = self.site_description();
        ctx.insert("lang", &config.language);
        ctx.insert("t", &self.theme.strings);
        ctx.insert("tm", &self.theme.macro_strings);
        ctx.insert(
            "site",
            &serde_json::json!({ "title": config.title, "description": description, "root": self.root, "base_url": self.base }),
        );
        ctx.insert(
            "nav",
            &serde_json::json!({
                "home": self.root,
                "vendors": self.url(paths::VENDORS),
                "categories": self.url(paths::CATEGORIES),
                "regions": self.url(paths::REGIONS),
                "events": self.url(paths::EVENTS),
                "search": self.url(paths::SEARCH),
            }),
        );
        let asset = |path: &str| match self.theme.static_files.get(path) {
            Some(bytes) => format!("{}{path}?v={}", self.root, &blake3::hash(bytes).to_hex()[..10]),
            None => format!("{}{path}", self.root),
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

    /// The site's description, or the theme's default one.
    pub fn site_description(&self) -> String {
        if self.site.config.description.is_empty() {
            self.theme.string("home_description").to_string()
        } else {
            self.site.config.description.clone()
        }
    }

    /// Root-relative URL of a site path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.root)
    }

    /// Absolute URL of a site path.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn category_link(&self, term: TermId) -> NamedLink {
        let t = &self.site.categories.terms[term];
        NamedLink { name: t.name.clone(), url: self.url(&paths::category(&t.slug)) }
    }

    /// The site path of a region or district listing.
    pub fn region_path(&self, term: TermId) -> String {
        let regions = &self.site.regions;
        let t = &regions.terms[term];
        match t.parent {
            Some(p) => paths::region(&regions.terms[p].slug, Some(&t.slug)),
            None => paths::region(&t.slug, None),
        }
    }

    pub fn region_link(&self, term: TermId) -> NamedLink {
        let name = self.site.regions.terms[term].name.clone();
        NamedLink { name, url: self.url(&self.region_path(term)) }
    }

    /// Links with counts to `terms` of a taxonomy, each with its children.
    pub fn facets(&self, taxonomy: Taxonomy, terms: &[TermId]) -> Vec<Facet> {
        let (tree, members) = match taxonomy {
            Taxonomy::Categories => (&self.site.categories, &self.category_products),
            Taxonomy::Regions => (&self.site.regions, &self.region_vendors),
        };
        terms
            .iter()
            .map(|&t| {
                let link = match taxonomy {
                    Taxonomy::Categories => self.category_link(t),
                    Taxonomy::Regions => self.region_link(t),
                };
                Facet {
                    name: link.name,
                    url: link.url,
                    count: members[t].len(),
                    children: self.facets(taxonomy, &tree.terms[t].children),
                }
            })
            .collect()
    }

    /// The absolute URL of an image's largest fallback file (for `og:image` and JSON-LD).
    pub fn image_url(&self, image: &crate::content::model::Image) -> String {
        let files = self.images.get(&image.path).map(|r| r.files.as_slice()).unwrap_or_default();
        let fallback = fallback_format(&self.site.config.images.formats);
        files.iter().find(|f| f.format == fallback).map(|f| self.absolute(&f.path)).unwrap_or_default()
    }

    /// What `<picture>` needs: a `srcset` per format, the fallback `<img>`, and the size.
    pub fn image_view(&self, image: &crate::content::model::Image) -> ImageView {
        let files = self.images.get(&image.path).map(|r| r.files.as_slice()).unwrap_or_default();
        let formats = &self.site.config.images.formats;
        let fallback = fallback_format(formats);
        let srcset = |format: ImageFormat| {
            let mut of_format: Vec<_> = files.iter().filter(|f| f.format == format).collect();
            of_format.sort_by_key(|f| f.width);
            of_format.iter().map(|f| format!("{} {}w", self.url(&f.path), f.width)).collect::<Vec<_>>().join(", ")
        };
        let mut fallbacks: Vec<_> = files.iter().filter(|f| f.format == fallback).collect();
        fallbacks.sort_by_key(|f| f.width);
        let largest = fallbacks.last();
        let src = fallbacks.iter().find(|f| f.width >= 640).or(largest).map(|f| self.url(&f.path)).unwrap_or_default();
        ImageView {
            src,
            alt: image.alt.clone(),
            width: largest.map(|f| f.width),
            height: largest.map(|f| f.height),
            srcset: srcset(fallback),
            sources: formats
                .iter()
                .filter(|&&f| f != fallback)
                .map(|&f| ImageSource { mime: mime(f), srcset: srcset(f) })
                .collect(),
        }
    }

    fn vendor_card(&self, v: &crate::content::model::Vendor) -> VendorCard {
        VendorCard {
            slug: v.slug.clone(),
            name: v.name.clone(),
            url: self.url(&paths::vendor(&v.slug)),
            category: self.category_link(v.category),
            region: self.region_link(v.region),
            district: v.district.map(|d| self.region_link(d)),
            logo: v.logo.as_ref().map(|l| self.image_view(l)),
            product_count: v.products.len(),
        }
    }

    fn product_card(&self, p: &crate::content::model::Product) -> ProductCard {
        let vendor = &self.site.vendors[p.vendor];
        ProductCard {
            slug: p.slug.clone(),
            name: p.name.clone(),
            url: self.url(&paths::product(&vendor.slug, &p.slug)),
            price: format::price_text(p.price),
            available: p.available,
            image: p.images.first().map(|i| self.image_view(i)),
            vendor: NamedLink { name: vendor.name.clone(), url: self.url(&paths::vendor(&vendor.slug)) },
            region: self.region_link(vendor.region),
        }
    }
}

/// The format of `<img>` itself: JPEG when published (every browser and social site reads it),
/// else the last configured format.
pub(crate) fn fallback_format(formats: &[ImageFormat]) -> ImageFormat {
    if formats.contains(&ImageFormat::Jpeg) { ImageFormat::Jpeg } else { *formats.last().unwrap_or(&ImageFormat::Jpeg) }
}

fn mime(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Webp => "image/webp",
        ImageFormat::Jpeg => "image/jpeg",
        ImageFormat::Avif => "image/avif",
    }
}

/// The A–Z group of a name: its first letter, or `#`.
fn letter_of(name: &str) -> String {
    match sort_key(name).chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase().to_string(),
        _ => "#".to_string(),
    }
}

/// The key names sort by: case, accents and leading punctuation ignored.
pub fn sort_key(name: &str) -> String {
    let folded = deunicode::deunicode(name).to_lowercase();
    folded.trim_start_matches(|c: char| !c.is_ascii_alphanumeric()).to_string()
}
