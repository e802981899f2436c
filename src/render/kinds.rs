//! Page kinds, declared once: for each kind, which pages of the site it makes, the name each
//! keeps across builds (its key), the template it renders, what its fingerprint covers, and
//! the function that renders it. Adding a page kind is a struct and its [`PageKind`] here,
//! its name in [`page_kinds!`], and its render function.
//!
//! What a page reads besides its own inputs — the settings, taxonomies, UI strings, the
//! theme's shared files and its template (with the templates that one uses) — is folded in
//! for every kind by `fingerprint`. `tests/testsuite/fingerprints.rs` changes one input at a time and
//! checks that every page whose output changed also changed its fingerprint.

use super::fingerprint::{Inputs, hash_one};
use super::{RenderError, Rendered, Renderer, events, pages};
use crate::content::model::{EventId, FreePageId, ProductId, TermId, VendorId};
use crate::derive::Catalog;
use crate::derive::events::MonthKey;
use crate::paths;

/// What every page kind declares.
pub trait PageKind: Sync {
    /// The template the page renders.
    fn template(&self) -> &'static str;
    /// A name for the page that stays the same across builds (ids shift when records come and
    /// go).
    fn key(&self, c: &Catalog) -> String;
    /// The page's site path (`umkm/kopi-tebet/`), as its render function gives it (a test
    /// holds the two together); for `check --against`, which needs every path unrendered.
    fn path(&self, c: &Catalog) -> String;
    /// A hash of the records and derived data the page shows (see the module comment for
    /// what every page reads besides).
    fn reads(&self, c: &Catalog, inputs: &Inputs) -> u64;
    /// Renders the page with [`PageKind::template`].
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError>;
    /// The file the page's HTML is written to, from its site path: a folder's `index.html`,
    /// or the path itself when it names a file (`404.html`, an alias such as `lama.html`).
    fn file(&self, path: &str) -> String {
        if path.is_empty() || path.ends_with('/') { paths::index_file(path) } else { path.to_string() }
    }
    /// Whether the sitemap lists the page.
    fn in_sitemap(&self) -> bool {
        true
    }
}

/// Lists the page kinds, in the order their pages are planned (and listed in the sitemap):
/// makes [`Job`], its dispatch to the kind, and [`jobs`].
macro_rules! page_kinds {
    ($($kind:ident: $all:expr),* $(,)?) => {
        /// One page to render: its kind, and which record or listing page it shows.
        #[derive(Debug, Clone, Copy)]
        pub enum Job {
            $($kind($kind)),*
        }

        impl Job {
            /// This page's kind.
            pub fn kind(&self) -> &dyn PageKind {
                match self {
                    $(Job::$kind(page) => page),*
                }
            }
        }

        /// Every page of the site, kind after kind, in a fixed order.
        pub fn jobs(c: &Catalog) -> Vec<Job> {
            let mut jobs = Vec::new();
            $(
                let all: fn(&Catalog) -> Vec<$kind> = $all;
                jobs.extend(all(c).into_iter().map(Job::$kind));
            )*
            jobs
        }
    };
}

page_kinds! {
    Home: |_| vec![Home],
    NotFound: |_| vec![NotFound],
    CategoryIndex: |_| vec![CategoryIndex],
    RegionIndex: |_| vec![RegionIndex],
    Search: |_| vec![Search],
    VendorList: |c| (1..=pages_of(c, c.site.vendors.len())).map(VendorList).collect(),
    VendorPage: |c| VendorId::range(c.site.vendors.len()).map(VendorPage).collect(),
    BoothCards: |c| VendorId::range(c.site.vendors.len()).map(BoothCards).collect(),
    ProductPage: |c| ProductId::range(c.site.products.len()).map(ProductPage).collect(),
    CategoryPage: |c| listing_pages(c, &c.category_products, CategoryPage),
    RegionPage: |c| listing_pages(c, &c.region_vendors, RegionPage),
    Article: |c| FreePageId::range(c.site.free_pages.len()).map(Article).collect(),
    EventList: |_| vec![EventList],
    MonthPage: |c| c.events.months().map(MonthPage).collect(),
    EventPage: |c| EventId::range(c.site.events.len()).map(EventPage).collect(),
    RedirectPage: |c| (0..c.redirects.len()).map(RedirectPage).collect(),
    RemovedPage: |c| (0..c.site.removed.len()).map(RemovedPage).collect(),
}

/// How many pages a listing of `items` takes (at least one).
fn pages_of(c: &Catalog, items: usize) -> usize {
    items.div_ceil(c.site.config.paginate).max(1)
}

/// The pages of each term's listing, term after term.
fn listing_pages<T, Id>(c: &Catalog, members: &[Vec<Id>], page: fn(TermId, usize) -> T) -> Vec<T> {
    TermId::range(members.len())
        .zip(members)
        .flat_map(|(term, items)| (1..=pages_of(c, items.len())).map(move |n| page(term, n)))
        .collect()
}

/// The records on page `n` of a paginated list.
fn page_of<Id: Copy>(c: &Catalog, list: &[Id], n: usize) -> Vec<Id> {
    let per_page = c.site.config.paginate;
    let start = (n - 1) * per_page;
    list.get(start..(start + per_page).min(list.len())).unwrap_or_default().to_vec()
}

/// The hashes of the cards of `ids`.
fn cards<Id>(ids: Vec<Id>, of: &[u64]) -> Vec<u64>
where
    [u64]: std::ops::Index<Id, Output = u64>,
{
    ids.into_iter().map(|i| of[i]).collect()
}

/// `/`: featured vendors, newest products, categories, regions, upcoming events.
#[derive(Debug, Clone, Copy)]
pub struct Home;

impl PageKind for Home {
    fn template(&self) -> &'static str {
        "home.html"
    }
    fn key(&self, _: &Catalog) -> String {
        "home".into()
    }
    fn path(&self, _: &Catalog) -> String {
        String::new()
    }
    fn reads(&self, _: &Catalog, inputs: &Inputs) -> u64 {
        hash_one(&(inputs.all, inputs.category_counts, inputs.region_counts))
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_home(r, self.template())
    }
}

/// `404.html`, at the root of the output, for hosts to send with a 404.
#[derive(Debug, Clone, Copy)]
pub struct NotFound;

impl PageKind for NotFound {
    fn template(&self) -> &'static str {
        "404.html"
    }
    fn key(&self, _: &Catalog) -> String {
        "404".into()
    }
    fn path(&self, _: &Catalog) -> String {
        "404.html".into()
    }
    fn reads(&self, _: &Catalog, _: &Inputs) -> u64 {
        0
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_not_found(r, self.template())
    }
    fn in_sitemap(&self) -> bool {
        false
    }
}

/// `/kategori/`: every category with its count.
#[derive(Debug, Clone, Copy)]
pub struct CategoryIndex;

impl PageKind for CategoryIndex {
    fn template(&self) -> &'static str {
        "category_index.html"
    }
    fn key(&self, _: &Catalog) -> String {
        "categories".into()
    }
    fn path(&self, _: &Catalog) -> String {
        paths::CATEGORIES.into()
    }
    fn reads(&self, _: &Catalog, inputs: &Inputs) -> u64 {
        inputs.category_counts
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_category_index(r, self.template())
    }
}

/// `/wilayah/`: every region and district with its count.
#[derive(Debug, Clone, Copy)]
pub struct RegionIndex;

impl PageKind for RegionIndex {
    fn template(&self) -> &'static str {
        "region_index.html"
    }
    fn key(&self, _: &Catalog) -> String {
        "regions".into()
    }
    fn path(&self, _: &Catalog) -> String {
        paths::REGIONS.into()
    }
    fn reads(&self, _: &Catalog, inputs: &Inputs) -> u64 {
        inputs.region_counts
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_region_index(r, self.template())
    }
}

/// `/cari/`: the same page for every query; the script reads the index.
#[derive(Debug, Clone, Copy)]
pub struct Search;

impl PageKind for Search {
    fn template(&self) -> &'static str {
        "search.html"
    }
    fn key(&self, _: &Catalog) -> String {
        "search".into()
    }
    fn path(&self, _: &Catalog) -> String {
        paths::SEARCH.into()
    }
    fn reads(&self, _: &Catalog, _: &Inputs) -> u64 {
        0
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_search(r, self.template())
    }
}

/// Page `n` (from 1) of the A–Z list of vendors.
#[derive(Debug, Clone, Copy)]
pub struct VendorList(pub usize);

impl PageKind for VendorList {
    fn template(&self) -> &'static str {
        "vendor_list.html"
    }
    fn key(&self, _: &Catalog) -> String {
        format!("vendors/{}", self.0)
    }
    fn path(&self, _: &Catalog) -> String {
        paths::paginated(paths::VENDORS, self.0)
    }
    fn reads(&self, c: &Catalog, inputs: &Inputs) -> u64 {
        let on_page = page_of(c, &c.vendors_az, self.0);
        let letters: Vec<(&str, &str)> = c.letters.iter().map(|l| (l.letter.as_str(), l.url.as_str())).collect();
        hash_one(&(c.vendors_az.len(), cards(on_page, &inputs.vendor_card), letters))
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_vendor_list(r, self.0, self.template())
    }
}

/// A vendor's page (and its QRIS drawing, when it has one).
#[derive(Debug, Clone, Copy)]
pub struct VendorPage(pub VendorId);

impl PageKind for VendorPage {
    fn template(&self) -> &'static str {
        "vendor.html"
    }
    fn key(&self, c: &Catalog) -> String {
        format!("vendor/{}", c.site.vendors[self.0].slug)
    }
    fn path(&self, c: &Catalog) -> String {
        paths::vendor(&c.site.vendors[self.0].slug)
    }
    fn reads(&self, _: &Catalog, inputs: &Inputs) -> u64 {
        inputs.family[self.0]
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_vendor(r, self.0, self.template())
    }
}

/// A vendor's sheet of booth cards, one QR code per available product, for printing.
#[derive(Debug, Clone, Copy)]
pub struct BoothCards(pub VendorId);

impl PageKind for BoothCards {
    fn template(&self) -> &'static str {
        "kartu_qr.html"
    }
    fn key(&self, c: &Catalog) -> String {
        format!("booth/{}", c.site.vendors[self.0].slug)
    }
    fn path(&self, c: &Catalog) -> String {
        paths::booth_cards(&c.site.vendors[self.0].slug)
    }
    fn reads(&self, _: &Catalog, inputs: &Inputs) -> u64 {
        inputs.family[self.0]
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_booth_cards(r, self.0, self.template())
    }
}

/// A product's page, with its QR code as SVG and PNG.
#[derive(Debug, Clone, Copy)]
pub struct ProductPage(pub ProductId);

impl PageKind for ProductPage {
    fn template(&self) -> &'static str {
        "product.html"
    }
    fn key(&self, c: &Catalog) -> String {
        let product = &c.site.products[self.0];
        format!("product/{}/{}", c.site.vendors[product.vendor].slug, product.slug)
    }
    fn path(&self, c: &Catalog) -> String {
        let product = &c.site.products[self.0];
        paths::product(&c.site.vendors[product.vendor].slug, &product.slug)
    }
    // The whole vendor family: the page shows "more from this vendor".
    fn reads(&self, c: &Catalog, inputs: &Inputs) -> u64 {
        inputs.family[c.site.products[self.0].vendor]
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_product(r, self.0, self.template())
    }
}

/// Page `n` of a category's products (its subcategories' included).
#[derive(Debug, Clone, Copy)]
pub struct CategoryPage(pub TermId, pub usize);

impl PageKind for CategoryPage {
    fn template(&self) -> &'static str {
        "category.html"
    }
    fn key(&self, c: &Catalog) -> String {
        format!("category/{}/{}", c.site.categories.terms[self.0].slug, self.1)
    }
    fn path(&self, c: &Catalog) -> String {
        paths::paginated(&paths::category(&c.site.categories.terms[self.0].slug), self.1)
    }
    fn reads(&self, c: &Catalog, inputs: &Inputs) -> u64 {
        let members = &c.category_products[self.0];
        hash_one(&(members.len(), cards(page_of(c, members, self.1), &inputs.product_card), inputs.category_counts))
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_category(r, self.0, self.1, self.template())
    }
}

/// Page `n` of a region's or district's vendors.
#[derive(Debug, Clone, Copy)]
pub struct RegionPage(pub TermId, pub usize);

impl PageKind for RegionPage {
    fn template(&self) -> &'static str {
        "region.html"
    }
    fn key(&self, c: &Catalog) -> String {
        format!("region/{}/{}", c.site.regions.terms[self.0].slug, self.1)
    }
    fn path(&self, c: &Catalog) -> String {
        paths::paginated(&c.region_path(self.0), self.1)
    }
    fn reads(&self, c: &Catalog, inputs: &Inputs) -> u64 {
        let members = &c.region_vendors[self.0];
        hash_one(&(members.len(), cards(page_of(c, members, self.1), &inputs.vendor_card), inputs.region_counts))
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_region(r, self.0, self.1, self.template())
    }
}

/// The page of a free page of `content/pages/` (tentang, cara-bergabung…).
#[derive(Debug, Clone, Copy)]
pub struct Article(pub FreePageId);

impl PageKind for Article {
    fn template(&self) -> &'static str {
        "page.html"
    }
    fn key(&self, c: &Catalog) -> String {
        format!("page/{}", c.site.free_pages[self.0].slug)
    }
    fn path(&self, c: &Catalog) -> String {
        paths::free_page(&c.site.free_pages[self.0].slug)
    }
    fn reads(&self, c: &Catalog, _: &Inputs) -> u64 {
        hash_one(&c.site.free_pages[self.0])
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_free_page(r, self.0, self.template())
    }
}

/// `/acara/`: upcoming and past events, and the months that have any.
#[derive(Debug, Clone, Copy)]
pub struct EventList;

impl PageKind for EventList {
    fn template(&self) -> &'static str {
        "event_list.html"
    }
    fn key(&self, _: &Catalog) -> String {
        "events".into()
    }
    fn path(&self, _: &Catalog) -> String {
        paths::EVENTS.into()
    }
    fn reads(&self, _: &Catalog, inputs: &Inputs) -> u64 {
        inputs.events
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        events::render_event_list(r, self.template())
    }
}

/// A month's calendar grid.
#[derive(Debug, Clone, Copy)]
pub struct MonthPage(pub MonthKey);

impl PageKind for MonthPage {
    fn template(&self) -> &'static str {
        "month.html"
    }
    fn key(&self, _: &Catalog) -> String {
        let (year, month) = self.0;
        format!("month/{year}-{month}")
    }
    fn path(&self, _: &Catalog) -> String {
        paths::event_month(self.0.0, self.0.1)
    }
    fn reads(&self, _: &Catalog, inputs: &Inputs) -> u64 {
        inputs.events
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        events::render_month(r, self.0, self.template())
    }
}

/// An event's page.
#[derive(Debug, Clone, Copy)]
pub struct EventPage(pub EventId);

impl PageKind for EventPage {
    fn template(&self) -> &'static str {
        "event.html"
    }
    fn key(&self, c: &Catalog) -> String {
        format!("event/{}", c.site.events[self.0].slug)
    }
    fn path(&self, c: &Catalog) -> String {
        paths::event(&c.site.events[self.0].slug)
    }
    fn reads(&self, _: &Catalog, inputs: &Inputs) -> u64 {
        inputs.events
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        events::render_event(r, self.0, self.template())
    }
}

/// An old path (an alias) that leads to a page now: a page that sends the browser on, for
/// any static host (`_redirects` gives hosts that read it a real 301 as well).
#[derive(Debug, Clone, Copy)]
pub struct RedirectPage(pub usize);

impl PageKind for RedirectPage {
    fn template(&self) -> &'static str {
        "redirect.html"
    }
    fn key(&self, c: &Catalog) -> String {
        format!("redirect/{}", c.redirects[self.0].from)
    }
    fn path(&self, c: &Catalog) -> String {
        c.redirects[self.0].from.clone()
    }
    fn reads(&self, c: &Catalog, _: &Inputs) -> u64 {
        hash_one(&c.redirects[self.0])
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_redirect(r, self.0, self.template())
    }
    fn in_sitemap(&self) -> bool {
        false
    }
}

/// A published path whose record is gone (`content/dihapus.yaml`): a page that says so and
/// links onwards.
#[derive(Debug, Clone, Copy)]
pub struct RemovedPage(pub usize);

impl PageKind for RemovedPage {
    fn template(&self) -> &'static str {
        "removed.html"
    }
    fn key(&self, c: &Catalog) -> String {
        format!("removed/{}", c.site.removed[self.0].path)
    }
    fn path(&self, c: &Catalog) -> String {
        c.site.removed[self.0].path.clone()
    }
    // The entry, and the vendor it links to (its name and whether it is still there).
    fn reads(&self, c: &Catalog, inputs: &Inputs) -> u64 {
        let removed = &c.site.removed[self.0];
        let vendor = match &removed.what {
            crate::content::model::RemovedKind::Product { vendor } => {
                c.site.vendors.binary_search_by(|v| v.slug.as_str().cmp(vendor)).ok().map(|v| inputs.vendor_card[v])
            }
            _ => None,
        };
        hash_one(&(removed, vendor))
    }
    fn render(&self, r: &Renderer) -> Result<Rendered, RenderError> {
        pages::render_removed(r, self.0, self.template())
    }
    fn in_sitemap(&self) -> bool {
        false
    }
}
