//! Fingerprints: everything a page reads, folded into one number. A page whose fingerprint
//! equals the one it had in the previous build is not rendered again: its files are taken
//! from the previous output (see `output::previous`).
//!
//! Every page reads its template (with the templates it uses), the site settings and UI
//! strings; each page kind names the records it shows (`kinds`). An edited product changes the
//! fingerprints of its own page, its vendor's pages (they list it), and the listings that
//! show its card; nothing else. Fingerprints err on the side of re-rendering: a product page
//! reads its whole vendor family (the vendor, its products and its events), because it shows
//! "more from this vendor". The randomised test in `tests/testsuite/incremental.rs` compares
//! incremental builds with clean ones byte for byte, and `tests/testsuite/fingerprints.rs` changes one
//! input at a time.

use super::kinds::Job;
use crate::content::model::{Image, ProductId, VendorId};
use crate::derive::Catalog;
use crate::theme::Theme;
use rayon::prelude::*;

pub use crate::hash::hash_one;

/// What pages are made of, hashed once per build; each page kind picks what it reads
/// ([`PageKind::reads`](super::kinds::PageKind::reads)).
pub struct Inputs {
    /// Settings, taxonomies, UI strings, theme static files, katalog's build.
    global: u64,
    /// A product's card: the product and the vendor name, link and region it shows.
    pub product_card: Vec<u64>,
    /// A vendor's card: the vendor and its product count.
    pub vendor_card: Vec<u64>,
    /// A vendor, its products and its events (with the build time when it has events).
    pub family: Vec<u64>,
    /// Every event, the vendors they list, and the build time.
    pub events: u64,
    /// Everything: for the home page, which samples all of it.
    pub all: u64,
    pub category_counts: u64,
    pub region_counts: u64,
}

/// The fingerprint of each job, in order; `keys` are the jobs' keys.
pub fn fingerprints(catalog: &Catalog, jobs: &[Job], keys: &[String]) -> Vec<u64> {
    let theme = catalog.theme;
    let inputs = inputs(catalog, theme);
    jobs.par_iter()
        .zip(keys)
        .map(|(job, key)| {
            let kind = job.kind();
            hash_one(&(inputs.global, theme.template_fingerprint(kind.template()), key, kind.reads(catalog, &inputs)))
        })
        .collect()
}

fn inputs(catalog: &Catalog, theme: &Theme) -> Inputs {
    let site = catalog.site;
    let images = |list: &mut dyn Iterator<Item = &Image>| -> u64 {
        hash_one(&list.map(|i| catalog.images.get(&i.path)).collect::<Vec<_>>())
    };
    let vendor: Vec<u64> =
        site.vendors.par_iter().map(|v| hash_one(&(v, images(&mut v.logo.iter()), v.products.len()))).collect();
    let product: Vec<u64> = site.products.par_iter().map(|p| hash_one(&(p, images(&mut p.images.iter())))).collect();
    let event: Vec<u64> = site.events.iter().map(hash_one).collect();
    let events_of = &catalog.events.vendor_events;
    let now = catalog.now;
    let family: Vec<u64> = (0..site.vendors.len())
        .into_par_iter()
        .map(VendorId)
        .map(|v| {
            let products: Vec<u64> = site.vendors[v].products.iter().map(|&p: &ProductId| product[p]).collect();
            let events: Vec<u64> = events_of[v].iter().map(|&e| event[e]).collect();
            let when = (!events.is_empty()).then_some(now);
            hash_one(&(vendor[v], products, events, when))
        })
        .collect();
    let product_card: Vec<u64> =
        site.products.par_iter().zip(&product).map(|(x, product)| hash_one(&(product, vendor[x.vendor]))).collect();
    let event_vendors: Vec<u64> = site.events.iter().flat_map(|e| e.vendors.iter().map(|&v| vendor[v])).collect();
    let events = hash_one(&(&event, event_vendors, now));
    let global = hash_one(&(
        crate::output::previous::BUILD_ID,
        format!("{:?}", site.config),
        format!("{:?}", site.categories),
        format!("{:?}", site.regions),
        theme.shared_fingerprint,
    ));
    fn counts<Id>(lists: &[Vec<Id>]) -> u64 {
        hash_one(&lists.iter().map(Vec::len).collect::<Vec<_>>())
    }
    Inputs {
        global,
        all: hash_one(&(&family, events, &site.free_pages.iter().map(hash_one).collect::<Vec<_>>())),
        vendor_card: vendor,
        product_card,
        family,
        events,
        category_counts: counts(&catalog.category_products),
        region_counts: counts(&catalog.region_vendors),
    }
}
