//! Checking records against each other and building the [`Site`] model.
//!
//! Here the parsed records meet the taxonomies and each other: categories, regions and
//! districts must exist (and fit together), event participants must be vendors, registration
//! numbers must be unique, images must exist inside the site, dates must be dates. Each
//! failure is a located diagnostic with a hint; all are collected before giving up.

use super::LoadOptions;
use super::aliases::{self, Claim};
use super::load::{
    IMAGE_EXTENSIONS, Parsed, ParsedProduct, ParsedVendor, Records, at, check_inside, extension, relative,
};
use super::model::{Event, EventTime, FreePage, Image, Product, ProductId, Site, Taxonomy, TermId, Vendor, VendorId};
use super::records::{EventRecord, ImageRef};
use crate::config::{BaseUrl, SiteConfig};
use crate::content::rrule::Rule;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean, display_path};
use crate::source::SourceText;
use crate::source::slug::slugify;
use serde_saphyr::Spanned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Vendor slugs that would collide with the site's own paths under `/umkm/`.
pub(crate) const RESERVED_VENDOR_SLUGS: &[&str] = &["halaman"];
/// Product slugs that would collide with a vendor's own pages.
pub(crate) const RESERVED_PRODUCT_SLUGS: &[&str] = &["kartu-qr", "halaman"];
/// Free-page slugs that would collide with the site's sections and files.
pub(crate) const RESERVED_PAGE_SLUGS: &[&str] =
    &["umkm", "kategori", "wilayah", "acara", "cari", "data", "aset", "gambar", "halaman", "404", "sitemap", "robots"];

/// Each product's vendor and slug, with the file (and line, in a `products.yaml`) that
/// defined it first.
type SeenProducts = HashMap<(VendorId, String), (std::sync::Arc<SourceText>, Option<usize>)>;

pub(crate) fn build_model(
    root: PathBuf,
    config: Option<SiteConfig>,
    categories: Taxonomy,
    regions: Taxonomy,
    records: Records,
    options: LoadOptions,
    diagnostics: &mut Diagnostics,
) -> Option<Site> {
    let base = config.as_ref().map(|c| c.base_url.clone());
    let mut checker = Checker {
        root: &root,
        categories: &categories,
        regions: &regions,
        base: base.as_ref(),
        diagnostics,
        claims: Vec::new(),
    };

    let mut vendors: Vec<Vendor> = Vec::with_capacity(records.vendors.len());
    let mut id_owner: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for ParsedVendor { parsed, dir } in records.vendors {
        if let Some(vendor) = checker.vendor(parsed, &dir, &mut id_owner) {
            vendors.push(vendor);
        }
    }
    vendors.sort_by(|a, b| a.slug.cmp(&b.slug));
    let vendor_ids: HashMap<&str, VendorId> =
        vendors.iter().zip(VendorId::range(vendors.len())).map(|(v, i)| (v.slug.as_str(), i)).collect();

    let mut products: Vec<Product> = Vec::with_capacity(records.products.len());
    let mut seen_products = SeenProducts::with_capacity(records.products.len());
    for parsed in records.products {
        let Some(&vendor_id) = vendor_ids.get(parsed.vendor_slug.as_str()) else {
            continue; // the vendor itself failed to load; its error is reported
        };
        if let Some(product) = checker.product(parsed, vendor_id, &vendors[vendor_id], &mut seen_products) {
            products.push(product);
        }
    }

    let mut events = Vec::with_capacity(records.events.len());
    let mut seen_events: HashMap<String, PathBuf> = HashMap::new();
    for parsed in records.events {
        if let Some(previous) = seen_events.insert(parsed.slug.clone(), parsed.source.path.clone()) {
            checker.diagnostics.push(
                Diagnostic::file(&parsed.source.path, format!("event `{}` is defined twice", parsed.slug))
                    .with_note(format!("also defined in {}", display_path(&previous)))
                    .with_hint("keep one of the two files"),
            );
            continue;
        }
        if let Some(event) = checker.event(parsed, &vendor_ids, &records.vendor_folders) {
            events.push(event);
        }
    }

    let mut pages = Vec::with_capacity(records.pages.len());
    for parsed in records.pages {
        if RESERVED_PAGE_SLUGS.contains(&parsed.slug.as_str()) {
            checker.diagnostics.push(
                Diagnostic::file(
                    &parsed.source.path,
                    format!("`{}` is a section of the site and cannot be a page name", parsed.slug),
                )
                .with_hint(format!("rename the file, e.g. `tentang-{}.md`", parsed.slug)),
            );
            continue;
        }
        let aliases = checker.aliases(&parsed.source, &parsed.record.aliases);
        pages.push(FreePage {
            updated: None,
            slug: parsed.slug,
            title: parsed.record.title,
            description: text(parsed.record.description),
            aliases,
            draft: parsed.record.draft,
            body: parsed.body.into_kept_text(),
            source: parsed.source.path.clone(),
        });
    }

    let mut claims = std::mem::take(&mut checker.claims);
    let pending = match (records.removed, base.as_ref()) {
        (Some((source, entries)), Some(base)) => {
            super::removed::claim(&source, entries, base, &mut claims, checker.diagnostics)
        }
        _ => Vec::new(),
    };
    let config = config?;
    if !checker.diagnostics.is_empty() {
        return None;
    }
    let site = Site {
        root,
        config,
        categories,
        regions,
        vendors,
        products,
        events,
        free_pages: pages,
        removed: Vec::new(),
        git_dates: super::model::GitDating::Off,
    };
    let mut site = finish(site, options);
    // The site's own paths, needed only where old paths are claimed (most saves have none).
    if !claims.is_empty() || !pending.is_empty() {
        let live = aliases::live_paths(&site);
        aliases::check(&claims, &live, diagnostics);
        site.removed = super::removed::resolve(pending, &site, &live, diagnostics);
    }
    diagnostics.is_empty().then_some(site)
}

/// Links products to vendors, sorts, and drops drafts unless they were asked for.
fn finish(mut site: Site, options: LoadOptions) -> Site {
    if !options.drafts {
        let keep_vendor: Vec<bool> = site.vendors.iter().map(|v| !v.draft).collect();
        let mut new_index = vec![VendorId(usize::MAX); site.vendors.len()];
        let mut next = 0;
        for (i, keep) in keep_vendor.iter().enumerate() {
            if *keep {
                new_index[i] = VendorId(next);
                next += 1;
            }
        }
        site.vendors.retain(|v| !v.draft);
        site.products.retain(|p| !p.draft && keep_vendor[p.vendor]);
        for p in &mut site.products {
            p.vendor = new_index[p.vendor];
        }
        site.events.retain(|e| !e.draft);
        for e in &mut site.events {
            e.vendors = e.vendors.iter().filter(|&&v| keep_vendor[v]).map(|&v| new_index[v]).collect();
        }
        site.free_pages.retain(|p| !p.draft);
    }
    site.products.sort_by(|a, b| (a.vendor, &a.slug).cmp(&(b.vendor, &b.slug)));
    for v in &mut site.vendors {
        v.products.clear();
    }
    for (p, id) in site.products.iter().zip(ProductId::range(site.products.len())) {
        site.vendors[p.vendor].products.push(id);
    }
    site.events.sort_by(|a, b| a.slug.cmp(&b.slug));
    site.free_pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    site
}

struct Checker<'a> {
    root: &'a Path,
    categories: &'a Taxonomy,
    regions: &'a Taxonomy,
    /// The site's base URL, when `site.yaml` loaded: aliases are read against it.
    base: Option<&'a BaseUrl>,
    diagnostics: &'a mut Diagnostics,
    /// Every alias a record claims, checked once all records are known.
    claims: Vec<Claim>,
}

impl Checker<'_> {
    /// A record's aliases, normalised; each is claimed for the check across records.
    fn aliases(&mut self, src: &SourceText, written: &[Spanned<String>]) -> Vec<String> {
        let Some(base) = self.base else { return Vec::new() };
        let mut paths = Vec::new();
        for alias in written {
            let located = at(src, alias, "").with_width(alias.value.chars().count().max(1));
            match aliases::normalise(&alias.value, base, "alias") {
                Ok(path) => {
                    self.claims.push(Claim { what: "alias", path: path.clone(), at: located });
                    paths.push(path);
                }
                Err((message, hint)) => self.error(Diagnostic { message, ..located }.with_hint(hint)),
            }
        }
        paths
    }

    fn error(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn vendor(
        &mut self,
        parsed: Parsed<super::records::VendorRecord>,
        dir: &Path,
        id_owner: &mut HashMap<String, (PathBuf, usize)>,
    ) -> Option<Vendor> {
        let before = self.diagnostics.len();
        let src = &*parsed.source;
        let r = parsed.record;
        if RESERVED_VENDOR_SLUGS.contains(&parsed.slug.as_str()) {
            self.error(
                Diagnostic::file(
                    relative(self.root, dir),
                    format!("`{}` is reserved for page numbers and cannot be a vendor folder", parsed.slug),
                )
                .with_hint("rename the folder"),
            );
        }
        let category = self.term(src, &r.category, Kind::Category);
        let region = self.term(src, &r.region, Kind::Region);
        let district = given(&r.district).and_then(|d| self.district(src, d, region));
        let whatsapp =
            given(&r.whatsapp).and_then(|w| match normalise_whatsapp(&w.value) {
                Ok(number) => Some(number),
                Err(msg) => {
                    self.error(at(src, w, msg).with_width(w.value.chars().count()).with_hint(
                        "write an Indonesian mobile number such as `0812-3456-7890` or `+62 812 3456 7890`",
                    ));
                    None
                }
            });
        if let Some(id) = given(&r.jakpreneur_id) {
            let line = id.referenced.line() as usize;
            match id_owner.get(id.value.trim()) {
                Some((first, first_line)) => self.error(
                    at(src, id, format!("jakpreneur_id `{}` is already used by another vendor", id.value))
                        .with_note(format!("first used in {}:{first_line}", display_path(first)))
                        .with_hint("registration numbers are unique; check which vendor this number belongs to"),
                ),
                None => {
                    id_owner.insert(id.value.trim().to_string(), (src.path.clone(), line));
                }
            }
        }
        let logo = given(&r.logo).and_then(|logo| {
            let image = ImageRef { src: logo.value.clone(), alt: r.logo_alt.clone(), src_at: None };
            self.image(src, dir, &Spanned::new(image, logo.referenced, logo.defined), &r.name)
        });
        let joined = given(&r.joined).and_then(|j| self.date(src, j));
        let instagram = given(&r.instagram).and_then(|handle| self.instagram(src, handle));
        let aliases = self.aliases(src, &r.aliases);
        let qris = given(&r.qris).and_then(|q| match super::qris::parse(&q.value) {
            Ok(qris) => Some(qris),
            Err(e) => {
                self.error(at(src, q, e.message).with_width(q.value.chars().count().min(60)).with_hint(e.hint));
                None
            }
        });
        if self.diagnostics.len() > before {
            return None;
        }
        Some(Vendor {
            updated: None,
            slug: parsed.slug,
            name: r.name,
            owner: text(r.owner),
            category: category?,
            region: region?,
            district,
            address: text(r.address),
            whatsapp,
            instagram,
            website: r.website.filter(|s| !s.trim().is_empty()),
            logo,
            jakpreneur_id: given(&r.jakpreneur_id).map(|i| i.value.trim().to_string()),
            certifications: dedup_sorted(r.certifications),
            qris,
            joined,
            aliases,
            draft: r.draft,
            body: parsed.body,
            source: src.path.clone(),
            products: Vec::new(),
        })
    }

    /// An Instagram account: `@handle`, `handle`, or an `https://` link.
    fn instagram(&mut self, src: &SourceText, handle: &Spanned<String>) -> Option<String> {
        let text = handle.value.trim();
        if is_instagram_account(text) {
            return Some(text.to_string());
        }
        let curly = ['“', '”', '‘', '’'];
        let hint = if text.contains(curly) {
            let fixed: String = text.chars().filter(|c| !curly.contains(c)).collect();
            format!("use straight quotes, not curly ones: `instagram: \"{fixed}\"`")
        } else {
            "write the account as `\"@name\"` (letters, digits, `.` and `_`) or as an `https://` link".to_string()
        };
        self.error(
            at(src, handle, format!("`{text}` is not an Instagram account"))
                .with_width(text.chars().count())
                .with_hint(hint),
        );
        None
    }

    fn product(
        &mut self,
        parsed: ParsedProduct,
        vendor_id: VendorId,
        vendor: &Vendor,
        seen: &mut SeenProducts,
    ) -> Option<Product> {
        let before = self.diagnostics.len();
        let ParsedProduct { vendor_slug, parsed, slug_at } = parsed;
        let src = &*parsed.source;
        let r = parsed.record;
        let locate = |msg: String| match slug_at {
            Some((line, column)) => Diagnostic::at(&src.path, &src.text, line, column, msg),
            None => Diagnostic::file(&src.path, msg),
        };
        if RESERVED_PRODUCT_SLUGS.contains(&parsed.slug.as_str()) {
            self.error(locate(format!(
                "`{}` is a name katalog uses for the vendor's own pages and cannot be a product slug",
                parsed.slug
            )));
        }
        let key = (vendor_id, parsed.slug.clone());
        if let Some((first, first_line)) = seen.get(&key) {
            let place = match first_line {
                Some(line) => format!("{}:{line}", display_path(&first.path)),
                None => display_path(&first.path),
            };
            self.error(
                locate(format!("product `{}` of vendor `{vendor_slug}` is defined twice", parsed.slug))
                    .with_note(format!("also defined in {place}"))
                    .with_hint("give one of them another slug"),
            );
        } else {
            seen.insert(key, (std::sync::Arc::clone(&parsed.source), slug_at.map(|(line, _)| line)));
        }
        let category = match given(&r.category) {
            Some(c) => self.term(src, c, Kind::Category),
            None => Some(vendor.category),
        };
        let images: Vec<Image> = if r.images.is_empty() {
            Vec::new()
        } else {
            let vendor_dir = self.root.join("content/vendors").join(&vendor.slug);
            r.images.iter().filter_map(|img| self.image(src, &vendor_dir, img, &r.name)).collect()
        };
        let aliases = self.aliases(src, &r.aliases);
        if self.diagnostics.len() > before {
            return None;
        }
        Some(Product {
            updated: None,
            slug: parsed.slug,
            vendor: vendor_id,
            name: r.name,
            price: r.price,
            category: category?,
            images,
            tags: r.tags.into_iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect(),
            variants: r.variants,
            available: r.available,
            aliases,
            draft: r.draft,
            body: parsed.body,
            source: src.path.clone(),
        })
    }

    fn event(
        &mut self,
        parsed: Parsed<EventRecord>,
        vendor_ids: &HashMap<&str, VendorId>,
        vendor_folders: &std::collections::HashSet<String>,
    ) -> Option<Event> {
        let before = self.diagnostics.len();
        let src = &*parsed.source;
        let r = parsed.record;
        let start = self.event_time(src, &r.start);
        let end = given(&r.end).and_then(|e| self.event_time(src, e));
        if let (Some(start), Some(end), Some(end_at)) = (start, end, given(&r.end)) {
            let same_kind = matches!(
                (start, end),
                (EventTime::Date(_), EventTime::Date(_)) | (EventTime::DateTime(_), EventTime::DateTime(_))
            );
            if !same_kind {
                self.error(at(src, end_at, "`start` and `end` must both be dates or both be date-times").with_hint(
                    "for an all-day event write dates (`2023-08-29`); for a timed one, times (`2023-08-29T09:00`)",
                ));
            } else if end < start {
                self.error(
                    at(src, end_at, format!("the event ends ({}) before it starts ({})", end_at.value, r.start.value))
                        .with_width(end_at.value.chars().count())
                        .with_hint("check the dates; `end` must be the same as or after `start`"),
                );
            }
        }
        let region = given(&r.region).and_then(|reg| self.term(src, reg, Kind::Region));
        let district = match (given(&r.district), region) {
            (Some(d), Some(_)) => self.district(src, d, region),
            (Some(d), None) if given(&r.region).is_none() => {
                self.error(
                    at(src, d, "a `district` needs its `region`").with_hint("add `region: …` (the kota/kabupaten)"),
                );
                None
            }
            _ => None,
        };
        let mut ids = Vec::new();
        for v in &r.vendors {
            match vendor_ids.get(v.value.as_str()) {
                Some(&id) => {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                None if vendor_folders.contains(&v.value) => {} // its own errors are reported
                None => {
                    let mut known: Vec<&str> = vendor_folders.iter().map(String::as_str).collect();
                    known.sort_unstable();
                    let hint = match did_you_mean(&v.value, known) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => "list vendors by their folder name under content/vendors/".to_string(),
                    };
                    self.error(
                        at(src, v, format!("unknown vendor `{}`", v.value))
                            .with_width(v.value.chars().count())
                            .with_hint(hint),
                    );
                }
            }
        }
        let recurrence = match given(&r.recurrence) {
            Some(rule) => match Rule::parse(&rule.value) {
                Ok(parsed) => Some(parsed),
                Err(msg) => {
                    self.error(at(src, rule, msg).with_width(rule.value.chars().count()).with_hint(
                        "write e.g. `FREQ=WEEKLY;BYDAY=FR;UNTIL=20220325` (FREQ, BYDAY, INTERVAL, UNTIL, COUNT)",
                    ));
                    None
                }
            },
            None => None,
        };
        if self.diagnostics.len() > before {
            return None;
        }
        Some(Event {
            updated: None,
            slug: parsed.slug,
            title: r.title,
            start: start?,
            end,
            venue: r.venue,
            address: text(r.address),
            region,
            district,
            organizer: text(r.organizer),
            vendors: ids,
            recurrence,
            cancelled: r.cancelled,
            aliases: self.aliases(src, &r.aliases),
            draft: r.draft,
            body: parsed.body.into_kept_text(),
            source: src.path.clone(),
        })
    }

    fn term(&mut self, src: &SourceText, slug: &Spanned<String>, kind: Kind) -> Option<TermId> {
        let taxonomy = match kind {
            Kind::Category => self.categories,
            Kind::Region => self.regions,
        };
        if let Some(id) = taxonomy.find(&slug.value) {
            if kind == Kind::Region && taxonomy.terms[id].parent.is_some() {
                let parent = &taxonomy.terms[taxonomy.terms[id].parent.unwrap()];
                self.error(
                    at(src, slug, format!("`{}` is a kecamatan, not a kota/kabupaten", slug.value))
                        .with_width(slug.value.chars().count())
                        .with_hint(format!("write `region: {}` and `district: {}`", parent.slug, slug.value)),
                );
                return None;
            }
            return Some(id);
        }
        let (what, file) = match kind {
            Kind::Category => ("category", super::taxonomy::CATEGORIES_FILE),
            Kind::Region => ("region", super::taxonomy::REGIONS_FILE),
        };
        let candidates = || taxonomy.terms.iter().filter(|t| kind == Kind::Category || t.parent.is_none());
        // The term's display name (`Jakarta Selatan`, `Keripik & Makanan Ringan`) or a slug in
        // capitals: the editor knows the term, and needs its slug.
        let folded = crate::words::fold(&slug.value);
        let named = candidates().find(|t| crate::words::fold(&t.name) == folded || slugify(&slug.value) == t.slug);
        let hint = match named {
            Some(term) => format!("write the slug of `{}`: `{}: {}`", term.name, field_name(kind), term.slug),
            None => match did_you_mean(&slug.value, candidates().map(|t| t.slug.as_str())) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("use a slug from {file}, or add `{}` there", slug.value),
            },
        };
        self.error(
            at(src, slug, format!("unknown {what} `{}`", slug.value))
                .with_width(slug.value.chars().count())
                .with_hint(hint),
        );
        None
    }

    fn district(&mut self, src: &SourceText, slug: &Spanned<String>, region: Option<TermId>) -> Option<TermId> {
        let region = region?;
        let regions = self.regions;
        let found = regions.find(&slug.value);
        match found {
            Some(id) if regions.terms[id].parent == Some(region) => Some(id),
            Some(id) => {
                let actual = regions.terms[id].parent.map(|p| regions.terms[p].slug.as_str()).unwrap_or("none");
                self.error(
                    at(src, slug, format!("kecamatan `{}` is not in `{}`", slug.value, regions.terms[region].slug))
                        .with_width(slug.value.chars().count())
                        .with_hint(format!("`{}` is in `{actual}`; correct the region or the district", slug.value)),
                );
                None
            }
            None => {
                let own = regions.terms[region].children.iter().map(|&c| regions.terms[c].slug.as_str());
                let hint = match did_you_mean(&slug.value, own) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!(
                        "the kecamatan of `{}` are listed in {}",
                        regions.terms[region].slug,
                        super::taxonomy::REGIONS_FILE
                    ),
                };
                self.error(
                    at(src, slug, format!("unknown kecamatan `{}`", slug.value))
                        .with_width(slug.value.chars().count())
                        .with_hint(hint),
                );
                None
            }
        }
    }

    /// Resolves an image path relative to `dir`, refusing anything outside the site.
    fn image(&mut self, src: &SourceText, dir: &Path, image: &Spanned<ImageRef>, default_alt: &str) -> Option<Image> {
        let value = &image.value.src;
        let width = value.chars().count();
        let located = |msg: String| match image.value.src_at {
            Some((line, column)) => Diagnostic::at(&src.path, &src.text, line, column, msg),
            None => at(src, image, msg),
        };
        let fail = |this: &mut Self, msg: String, hint: String| {
            this.error(located(msg).with_width(width).with_hint(hint));
            None
        };
        let path = Path::new(value);
        if value.trim().is_empty() {
            return fail(self, "empty image path".into(), "write the file name, e.g. `kopi.jpg`".into());
        }
        if path.is_absolute() || value.starts_with('/') || value.starts_with('\\') || value.contains(':') {
            return fail(
                self,
                format!("image path `{value}` must be relative to the record's folder"),
                "write the file name as it sits beside the record, e.g. `kopi.jpg`".into(),
            );
        }
        if !lexically_inside(self.root, &dir.join(path)) {
            return fail(
                self,
                format!("image path `{value}` leaves the site"),
                "images must be files inside the site; remove the `..` parts".into(),
            );
        }
        let ext = extension(path);
        if !IMAGE_EXTENSIONS.contains(&ext.as_str()) {
            return fail(
                self,
                format!("`{value}` is not a supported image type"),
                "use a .jpg, .jpeg, .png or .webp file".into(),
            );
        }
        let joined = dir.join(path);
        if !joined.exists() {
            let nearby = std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .filter(|n| IMAGE_EXTENSIONS.contains(&extension(Path::new(n)).as_str()))
                        .collect::<std::collections::BTreeSet<_>>()
                })
                .unwrap_or_default();
            let same_but_case = nearby.iter().find(|n| n.to_lowercase() == value.to_lowercase());
            let hint = match (same_but_case, did_you_mean(value, nearby.iter().map(String::as_str))) {
                (Some(name), _) => {
                    format!("the file is named `{name}`: write the name exactly, small and capital letters too")
                }
                (None, Some(best)) => format!("did you mean `{best}`?"),
                (None, None) => format!("put the file in {}", display_path(&relative(self.root, dir))),
            };
            let rel = display_path(&relative(self.root, &joined));
            if joined.symlink_metadata().is_ok() {
                return fail(
                    self,
                    format!("image `{value}` is a broken symlink"),
                    "replace it with the image file".into(),
                );
            }
            return fail(self, format!("image `{value}` not found ({rel})"), hint);
        }
        let real = match check_inside(self.root, &joined) {
            Ok(real) => real,
            Err(_) => {
                return fail(
                    self,
                    format!("image `{value}` is outside the site"),
                    "images must be files inside the site (a symlink must not point outside it)".into(),
                );
            }
        };
        if !real.is_file() {
            return fail(self, format!("image `{value}` is not a file"), "name an image file".into());
        }
        Some(Image {
            path: real,
            written: value.clone(),
            reference: Box::new(located(String::new()).with_width(width)),
            alt: image.value.alt.clone().filter(|a| !a.trim().is_empty()).unwrap_or_else(|| default_alt.to_string()),
        })
    }

    fn date(&mut self, src: &SourceText, value: &Spanned<String>) -> Option<jiff::civil::Date> {
        match value.value.trim().parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                self.error(
                    at(src, value, format!("`{}` is not a date", value.value))
                        .with_width(value.value.chars().count())
                        .with_hint(match as_written_locally(&value.value) {
                            Some(iso) => format!("write dates as year-month-day: `{iso}`"),
                            None => "write dates as year-month-day (YYYY-MM-DD), e.g. `2021-05-17`".to_string(),
                        }),
                );
                None
            }
        }
    }

    fn event_time(&mut self, src: &SourceText, value: &Spanned<String>) -> Option<EventTime> {
        match parse_event_time(&value.value) {
            Some(t) => Some(t),
            None => {
                self.error(
                    at(src, value, format!("`{}` is not a date or a local date-time", value.value))
                        .with_width(value.value.chars().count())
                        .with_hint(match as_written_locally(&value.value) {
                            Some(iso) => format!("write `{iso}` (year-month-day, and `T` before a time)"),
                            None => {
                                "write `2023-08-29` for an all-day event or `2023-08-29T09:00` for a time (local, WIB)"
                                    .to_string()
                            }
                        }),
                );
                None
            }
        }
    }
}

/// An Instagram account as editors may write it: `@name` or `name` (letters, digits, `.` and
/// `_`, at most 30), or an `http(s)://` link.
pub(crate) fn is_instagram_account(text: &str) -> bool {
    let bare = text.trim_start_matches('@');
    let is_handle =
        !bare.is_empty() && bare.len() <= 30 && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    is_handle || text.starts_with("https://") || text.starts_with("http://")
}

/// The field that names a term of `kind`.
fn field_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Category => "category",
        Kind::Region => "region",
    }
}

/// A date (and time) as Indonesians write it by hand, in the form katalog reads:
/// `24/05/2022`, `24-05-2022` or `24.05.2022` become `2022-05-24`; a time after a space,
/// `2022-05-24 10.00` or `24/05/2022 10:00`, becomes `2022-05-24T10:00`.
pub(crate) fn as_written_locally(text: &str) -> Option<String> {
    let text = text.trim();
    let (date, time) = match text.split_once([' ', 'T']) {
        Some((date, time)) => (date, Some(time.trim())),
        None => (text, None),
    };
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else { return None };
    let number = |p: &str| p.parse::<u32>().ok().filter(|_| p.bytes().all(|b| b.is_ascii_digit()));
    let (year, month, day) = match (number(a)?, number(b)?, number(c)?) {
        (y, m, d) if a.len() == 4 => (y, m, d),
        (d, m, y) if c.len() == 4 => (y, m, d),
        _ => return None,
    };
    let date =
        jiff::civil::Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
    let Some(time) = time else { return Some(date.to_string()) };
    let (hour, minute) = time.split_once([':', '.'])?;
    let (hour, minute) = (number(hour)?, number(minute)?);
    (hour < 24 && minute < 60).then(|| format!("{date}T{hour:02}:{minute:02}"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Category,
    Region,
}

/// Whether `path`, with `.` and `..` resolved by name only, stays under `root`.
fn lexically_inside(root: &Path, path: &Path) -> bool {
    let mut normal = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                if !normal.pop() {
                    return false;
                }
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    normal.starts_with(root)
}

/// An optional field, unless it was left empty (`district: ""`, as web editors write cleared
/// fields): an empty value means the field is absent.
fn given(field: &Option<Spanned<String>>) -> Option<&Spanned<String>> {
    field.as_ref().filter(|f| !f.value.trim().is_empty())
}

/// Optional text, absent when empty.
fn text(field: Option<String>) -> Option<String> {
    field.filter(|t| !t.trim().is_empty())
}

fn dedup_sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
    v.sort();
    v.dedup();
    v
}

/// Parses `2023-08-29` (all day) or `2023-08-29T09:00[:00]` / `2023-08-29 09:00` (local time).
pub(crate) fn parse_event_time(text: &str) -> Option<EventTime> {
    let text = text.trim();
    if text.len() == 10 {
        return text.parse::<jiff::civil::Date>().ok().map(EventTime::Date);
    }
    let normalised = text.replacen(' ', "T", 1);
    if normalised.contains(['Z', '+']) || normalised.get(10..).is_none_or(|time| time.contains('-')) {
        return None; // an offset: content times are local
    }
    normalised.parse::<jiff::civil::DateTime>().ok().map(EventTime::DateTime)
}

/// Normalises an Indonesian phone number to `62…` digits.
pub(crate) fn normalise_whatsapp(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    let digits: String = trimmed.chars().filter(|c| c.is_ascii_digit()).collect();
    let allowed = trimmed.chars().all(|c| c.is_ascii_digit() || " -.()+".contains(c));
    if !allowed || trimmed.matches('+').count() > 1 || (trimmed.contains('+') && !trimmed.starts_with('+')) {
        return Err(format!("`{trimmed}` is not a phone number"));
    }
    let national = if let Some(rest) = digits.strip_prefix("62") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        rest.to_string()
    } else if digits.starts_with('8') && !trimmed.starts_with('+') {
        digits.clone()
    } else {
        return Err(format!("`{trimmed}` is not an Indonesian number (+62 or 0…)"));
    };
    if !national.starts_with('8') || !(9..=12).contains(&national.len()) {
        return Err(format!("`{trimmed}` is not an Indonesian mobile number"));
    }
    Ok(format!("62{national}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whatsapp_numbers_normalise() {
        for input in ["0812-3456-7890", "081234567890", "+62 812 3456 7890", "6281234567890", "(0812) 3456.7890"] {
            assert_eq!(normalise_whatsapp(input).unwrap(), "6281234567890", "{input}");
        }
        for bad in ["12345", "+1 415 555 0100", "0812-abc", "021-555-1234", "", "javascript:alert(1)"] {
            assert!(normalise_whatsapp(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_written_by_hand_get_their_iso_form() {
        assert_eq!(as_written_locally("24/05/2022").as_deref(), Some("2022-05-24"));
        assert_eq!(as_written_locally("24-05-2022").as_deref(), Some("2022-05-24"));
        assert_eq!(as_written_locally("2026-01-02 10.00").as_deref(), Some("2026-01-02T10:00"));
        assert_eq!(as_written_locally("7/3/2026 9:30").as_deref(), Some("2026-03-07T09:30"));
        assert_eq!(as_written_locally("31/02/2022"), None);
        assert_eq!(as_written_locally("besok"), None);
    }

    #[test]
    fn event_times() {
        assert!(matches!(parse_event_time("2023-08-29"), Some(EventTime::Date(_))));
        assert!(matches!(parse_event_time("2023-08-29T09:00"), Some(EventTime::DateTime(_))));
        assert!(matches!(parse_event_time("2023-08-29 09:00"), Some(EventTime::DateTime(_))));
        assert!(parse_event_time("2023-08-29T09:00+07:00").is_none());
        assert!(parse_event_time("29 Agustus 2023").is_none());
        assert!(parse_event_time("2023-02-30").is_none());
        for short_or_odd in ["besok", "2023", "", "2023-08-2é", "Sabtu, 2 Agustus 2025 pukul 9"] {
            assert!(parse_event_time(short_or_odd).is_none(), "{short_or_odd}");
        }
    }
}
