//! Fingerprints: everything a page reads, folded into one number. A page whose fingerprint
//! equals the one it had in the previous build is not rendered again: its files are taken
//! from the previous output (see `output::previous`).
//!
//! Each page kind names what it reads — its template (with the templates it uses), the site
//! settings and UI strings, and the records it shows. An edited product changes the
//! fingerprints of its own page, its vendor's pages (they list it), and the listings that
//! show its card; nothing else. Fingerprints err on the side of re-rendering: a product page
//! reads its whole vendor family (the vendor, its products and its events), because it shows
//! "more from this vendor". The randomised test in `tests/incremental.rs` compares
//! incremental builds with clean ones byte for byte.

use super::{Catalog, Job};
use crate::content::model::{Image, ProductId, VendorId};
use rayon::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A stable 64-bit hash (SipHash with fixed keys) of anything hashable.
pub fn hash_one<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// What pages are made of, hashed once per build.
struct Inputs {
    /// Settings, taxonomies, UI strings, theme static files, katalog's version.
    global: u64,
    /// A product's card: the product and the vendor name, link and region it shows.
    product_card: Vec<u64>,
    /// A vendor's card: the vendor and its product count.
    vendor_card: Vec<u64>,
    /// A vendor, its products and its events (with the build time when it has events).
    family: Vec<u64>,
    /// Every event, the vendors they list, and the build time.
    events: u64,
    /// Everything: for the home page, which samples all of it.
    all: u64,
    category_counts: u64,
    region_counts: u64,
}

impl Catalog<'_> {
    /// The fingerprint of each job, in order; `keys` are the jobs' [`Catalog::job_key`]s.
    pub fn fingerprints(&self, jobs: &[Job], keys: &[String]) -> Vec<u64> {
        let inputs = self.inputs();
        jobs.par_iter().zip(keys).map(|(&job, key)| self.fingerprint(&inputs, job, key)).collect()
    }

    /// A name for a job that stays the same across builds (ids shift when records come and go).
    pub fn job_key(&self, job: Job) -> String {
        let site = self.site;
        match job {
            Job::Home => "home".into(),
            Job::NotFound => "404".into(),
            Job::VendorList(n) => format!("vendors/{n}"),
            Job::Vendor(v) => format!("vendor/{}", site.vendors[v].slug),
            Job::BoothCards(v) => format!("booth/{}", site.vendors[v].slug),
            Job::Product(p) => {
                let product = &site.products[p];
                format!("product/{}/{}", site.vendors[product.vendor].slug, product.slug)
            }
            Job::CategoryIndex => "categories".into(),
            Job::Category(t, n) => format!("category/{}/{n}", site.categories.terms[t].slug),
            Job::RegionIndex => "regions".into(),
            Job::Region(t, n) => format!("region/{}/{n}", site.regions.terms[t].slug),
            Job::Page(i) => format!("page/{}", site.pages[i].slug),
            Job::EventList => "events".into(),
            Job::Month(y, m) => format!("month/{y}-{m}"),
            Job::Event(e) => format!("event/{}", site.events[e].slug),
            Job::Search => "search".into(),
        }
    }

    fn inputs(&self) -> Inputs {
        let site = self.site;
        let images = |list: &mut dyn Iterator<Item = &Image>| -> u64 {
            hash_one(&list.map(|i| self.images.get(&i.path)).collect::<Vec<_>>())
        };
        let vendor: Vec<u64> =
            site.vendors.par_iter().map(|v| hash_one(&(v, images(&mut v.logo.iter()), v.products.len()))).collect();
        let product: Vec<u64> =
            site.products.par_iter().map(|p| hash_one(&(p, images(&mut p.images.iter())))).collect();
        let event: Vec<u64> = site.events.iter().map(hash_one).collect();
        let events_of = &self.events.vendor_events;
        let now = self.now;
        let family: Vec<u64> = (0..site.vendors.len())
            .into_par_iter()
            .map(|v: VendorId| {
                let products: Vec<u64> = site.vendors[v].products.iter().map(|&p: &ProductId| product[p]).collect();
                let events: Vec<u64> = events_of[v].iter().map(|&e| event[e]).collect();
                let when = (!events.is_empty()).then_some(now);
                hash_one(&(vendor[v], products, events, when))
            })
            .collect();
        let product_card: Vec<u64> =
            site.products.par_iter().enumerate().map(|(p, x)| hash_one(&(product[p], vendor[x.vendor]))).collect();
        let event_vendors: Vec<u64> = site.events.iter().flat_map(|e| e.vendors.iter().map(|&v| vendor[v])).collect();
        let events = hash_one(&(&event, event_vendors, now));
        let global = hash_one(&(
            crate::output::previous::BUILD_ID,
            format!("{:?}", site.config),
            format!("{:?}", site.categories),
            format!("{:?}", site.regions),
            self.theme.shared_fingerprint,
        ));
        let counts = |lists: &Vec<Vec<usize>>| hash_one(&lists.iter().map(Vec::len).collect::<Vec<_>>());
        Inputs {
            global,
            all: hash_one(&(&family, events, &site.pages.iter().map(hash_one).collect::<Vec<_>>())),
            vendor_card: vendor,
            product_card,
            family,
            events,
            category_counts: counts(&self.category_products),
            region_counts: counts(&self.region_vendors),
        }
    }

    fn fingerprint(&self, inputs: &Inputs, job: Job, key: &str) -> u64 {
        let per_page = self.site.config.paginate;
        let page_of = |list: &[usize], n: usize| {
            let start = (n - 1) * per_page;
            list.get(start..(start + per_page).min(list.len())).unwrap_or_default().to_vec()
        };
        let cards = |ids: Vec<usize>, of: &[u64]| ids.into_iter().map(|i| of[i]).collect::<Vec<u64>>();
        let reads: u64 = match job {
            Job::Home => hash_one(&(inputs.all, inputs.category_counts, inputs.region_counts)),
            Job::NotFound | Job::Search => 0,
            Job::Page(i) => hash_one(&self.site.pages[i]),
            Job::VendorList(n) => {
                let on_page = page_of(&self.vendors_az, n);
                let letters: Vec<(&str, &str)> =
                    self.letters.iter().map(|l| (l.letter.as_str(), l.url.as_str())).collect();
                hash_one(&(self.vendors_az.len(), cards(on_page, &inputs.vendor_card), letters))
            }
            Job::Vendor(v) | Job::BoothCards(v) => inputs.family[v],
            Job::Product(p) => inputs.family[self.site.products[p].vendor],
            Job::CategoryIndex => inputs.category_counts,
            Job::Category(t, n) => {
                let members = &self.category_products[t];
                hash_one(&(members.len(), cards(page_of(members, n), &inputs.product_card), inputs.category_counts))
            }
            Job::RegionIndex => inputs.region_counts,
            Job::Region(t, n) => {
                let members = &self.region_vendors[t];
                hash_one(&(members.len(), cards(page_of(members, n), &inputs.vendor_card), inputs.region_counts))
            }
            Job::EventList | Job::Month(..) | Job::Event(_) => inputs.events,
        };
        hash_one(&(inputs.global, self.theme.template_fingerprint(template(job)), key, reads))
    }
}

/// The template each page kind renders.
fn template(job: Job) -> &'static str {
    match job {
        Job::Home => "home.html",
        Job::NotFound => "404.html",
        Job::VendorList(_) => "vendor_list.html",
        Job::Vendor(_) => "vendor.html",
        Job::BoothCards(_) => "kartu_qr.html",
        Job::Product(_) => "product.html",
        Job::CategoryIndex => "category_index.html",
        Job::Category(..) => "category.html",
        Job::RegionIndex => "region_index.html",
        Job::Region(..) => "region.html",
        Job::Page(_) => "page.html",
        Job::EventList => "event_list.html",
        Job::Month(..) => "month.html",
        Job::Event(_) => "event.html",
        Job::Search => "search.html",
    }
}
