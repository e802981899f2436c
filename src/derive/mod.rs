//! The derive stage: what many pages and the search index share, computed once per build
//! from the model, the images and the theme's words, then only read.
//!
//! [`Catalog`] holds the cards (`cards`), the sorted listings of every category, region and
//! the A–Z list, their letter groups, the events in time (`events`), the site's URLs and the
//! image views. `render` and `search` both read it; neither knows the other. Plain-text
//! descriptions noted while pages render travel as [`Descriptions`], from `render` to `search`
//! through the build orchestrator.

pub mod cards;
pub mod descriptions;
pub mod events;
pub mod format;

pub use descriptions::Descriptions;

use crate::config::ImageFormat;
use crate::content::Site;
use crate::content::model::{ProductId, TermId, VendorId};
use crate::paths;
use crate::theme::Theme;
use cards::{Facet, ImageSource, ImageView, LetterLink, NamedLink, ProductCard, VendorCard};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// The two taxonomies listings are built from.
#[derive(Debug, Clone, Copy)]
pub enum Taxonomy {
    Categories,
    Regions,
}

/// What pages and the search index share, derived once per build and then only read.
pub struct Catalog<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    /// `/` or `/katalog/`.
    pub root: &'a str,
    /// `https://example.org/katalog/`.
    pub base: &'a str,
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
    /// Every old path that leads to a page now (records' aliases, and the products and
    /// booth cards under a vendor's), by old path.
    pub redirects: Vec<crate::content::aliases::Redirect>,
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
            redirects: crate::content::aliases::redirects(site),
        };
        catalog.vendor_cards = site.vendors.par_iter().map(|v| catalog.vendor_card(v)).collect();
        catalog.product_cards = site.products.par_iter().map(|p| catalog.product_card(p)).collect();

        let mut by_name: Vec<(String, VendorId, ProductId)> =
            site.products.par_iter().enumerate().map(|(i, p)| (sort_key(&p.name), p.vendor, ProductId(i))).collect();
        by_name.par_sort_unstable();
        let by_name = by_name.into_iter().map(|(_, _, p)| p);
        for p in by_name {
            for term in site.categories.self_and_ancestors(site.products[p].category) {
                catalog.category_products[term].push(p);
            }
        }
        let mut az: Vec<(String, &str, VendorId)> = site
            .vendors
            .par_iter()
            .enumerate()
            .map(|(i, v)| (sort_key(&v.name), v.slug.as_str(), VendorId(i)))
            .collect();
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
                let url = format!("{}#{}", catalog.url(&paths::paginated(paths::VENDORS, page)), letter_anchor(letter));
                catalog.letters.push(LetterLink { letter: letter.clone(), url });
            }
        }
        catalog.vendors_az = az;
        catalog.events = events::EventIndex::new(&catalog);
        catalog
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
        let (tree, counts): (_, &dyn Fn(TermId) -> usize) = match taxonomy {
            Taxonomy::Categories => (&self.site.categories, &|t| self.category_products[t].len()),
            Taxonomy::Regions => (&self.site.regions, &|t| self.region_vendors[t].len()),
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
                    count: counts(t),
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
pub fn fallback_format(formats: &[ImageFormat]) -> ImageFormat {
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

/// The fragment of a letter group on the A–Z list: `huruf-a`, or `huruf-lain` for names that
/// do not start with a letter.
pub fn letter_anchor(letter: &str) -> String {
    if letter == "#" { "huruf-lain".to_string() } else { format!("huruf-{}", letter.to_lowercase()) }
}
