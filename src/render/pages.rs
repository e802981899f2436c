//! One function per page kind: build its context, render its template.
//!
//! Each returns the page's site path (`umkm/kopi-tebet/`) and its HTML. Contexts start from
//! the shared base context and add only what the page shows.

use super::context::{
    BoothCard, BoothVendor, Certificate, Contact, LetterGroup, PageContent, PageLink, PageMeta, Pagination,
    ProductView, QrView, QrisView, RemovedView, Stats, TermView, VariantView, VendorView,
};
use super::jsonld;
use super::{RenderError, Rendered, Renderer};
use crate::content::model::{FreePageId, ProductId, RemovedKind, TermId, Vendor, VendorId};
use crate::derive::cards::{EventCard, NamedLink, ProductCard, VendorCard};
use crate::derive::descriptions::{Described, Noted};
use crate::derive::{Taxonomy, format, letter_anchor};
use crate::markdown;
use crate::paths;
use serde::Serialize;

/// Longest meta description, in characters.
const DESCRIPTION_CHARS: usize = 160;
/// Most products shown as "more from this vendor" on a product page.
const MORE_PRODUCTS: usize = 8;
/// Vendors and products highlighted on the home page.
const HOME_ITEMS: usize = 8;
/// Upcoming events on the home page.
const HOME_EVENTS: usize = 4;

/// A page's template context: the shared base plus `page` and the page's own variables.
pub(super) struct PageContext<'c> {
    renderer: &'c Renderer<'c>,
    context: tera::Context,
    path: String,
    files: Vec<(String, Vec<u8>)>,
    lastmod: Option<String>,
    noted: Option<Noted>,
}

impl<'c> PageContext<'c> {
    pub(super) fn new(renderer: &'c Renderer<'c>, path: String, meta: PageMeta) -> Self {
        let mut context = renderer.base_context.clone();
        context.insert("page", &meta);
        let lastmod = (!meta.updated_iso.is_empty()).then_some(meta.updated_iso);
        PageContext { renderer, context, path, files: Vec::new(), lastmod, noted: None }
    }

    /// The searchable start of the record's body, for the search index.
    pub(super) fn noting(mut self, noted: Option<Noted>) -> Self {
        self.noted = noted;
        self
    }

    pub(super) fn set<T: Serialize + ?Sized>(mut self, key: &str, value: &T) -> Self {
        self.context.insert(key, value);
        self
    }

    /// A file published with the page (a QR code, say), at a site path.
    pub(super) fn with_file(mut self, path: String, bytes: Vec<u8>) -> Self {
        self.files.push((path, bytes));
        self
    }

    pub(super) fn render(self, template: &str) -> Result<Rendered, RenderError> {
        let html = self.renderer.theme.tera.render(template, &self.context).map_err(|e| RenderError::Template {
            template: template.to_string(),
            page: self.path.clone(),
            message: crate::theme::tera_error_chain(&e),
        })?;
        Ok(Rendered { path: self.path, html, files: self.files, lastmod: self.lastmod, noted: self.noted })
    }
}

impl Renderer<'_> {
    pub(super) fn meta(&self, kind: &'static str, path: &str, title: String, description: String) -> PageMeta {
        PageMeta {
            kind,
            title,
            description: markdown::truncate_words(&description, DESCRIPTION_CHARS),
            url: self.url(path),
            canonical: self.absolute(path),
            og_type: "website",
            og_image: String::new(),
            jsonld: String::new(),
            breadcrumbs: Vec::new(),
            updated: String::new(),
            updated_iso: String::new(),
        }
    }

    /// Marks a page with the date its record last changed.
    pub(super) fn dated(&self, meta: &mut PageMeta, updated: Option<jiff::Timestamp>) {
        if let Some(ts) = updated {
            let date = ts.to_zoned_datetime(self.site.config.timezone.clone()).date();
            meta.updated = format::date_text(date, self.theme.month_name(date.month()));
            meta.updated_iso = date.to_string();
        }
    }

    pub(super) fn crumb(&self, key: &str, path: &str) -> NamedLink {
        NamedLink { name: self.theme.string(key).to_string(), url: self.url(path) }
    }

    pub(super) fn home_crumb(&self) -> NamedLink {
        self.crumb("nav_home", "")
    }

    /// `Title`, or `Title — Halaman 2` past the first page.
    fn paged_title(&self, title: String, n: usize) -> String {
        if n <= 1 {
            title
        } else {
            format!("{title} — {}", self.theme.string("page_n").replace("{n}", &n.to_string()))
        }
    }

    fn pagination(&self, base: &str, current: usize, total_items: usize) -> Pagination {
        let total = total_items.div_ceil(self.site.config.paginate).max(1);
        let url = |n: usize| self.url(&paths::paginated(base, n));
        let mut shown: Vec<usize> = if total <= 9 {
            (1..=total).collect()
        } else {
            let mut v = vec![1, total];
            v.extend(current.saturating_sub(2).max(1)..=(current + 2).min(total));
            v
        };
        shown.sort_unstable();
        shown.dedup();
        let mut previous = 0;
        let pages = shown
            .into_iter()
            .map(|n| {
                let link = PageLink { number: n, url: url(n), current: n == current, gap_before: n > previous + 1 };
                previous = n;
                link
            })
            .collect();
        Pagination {
            current,
            total,
            prev_url: (current > 1).then(|| url(current - 1)),
            next_url: (current < total).then(|| url(current + 1)),
            pages,
        }
    }

    fn page_slice<'x, T>(&self, items: &'x [T], n: usize) -> &'x [T] {
        let per = self.site.config.paginate;
        let start = ((n - 1) * per).min(items.len());
        &items[start..(start + per).min(items.len())]
    }

    fn vendor_view<'a>(&'a self, id: VendorId, profile_html: String) -> VendorView<'a> {
        let v: &'a Vendor = &self.site.vendors[id];
        let (upcoming_events, past_events) = self.events.of_vendor(id);
        VendorView {
            card: &self.vendor_cards[id],
            owner: v.owner.as_deref(),
            address: v.address.as_deref(),
            profile_html,
            jakpreneur_id: v.jakpreneur_id.as_deref(),
            joined: v.joined.map(|d| format::date_text(d, self.theme.month_name(d.month()))).unwrap_or_default(),
            certifications: v.certifications.iter().map(|c| Certificate { code: c.code(), name: c.label() }).collect(),
            whatsapp: v
                .whatsapp
                .as_ref()
                .map(|w| Contact { display: format::phone_display(w), href: format!("https://wa.me/{w}") }),
            instagram: v.instagram.as_deref().map(format::instagram_link),
            website: v.website.as_deref().map(format::website_link),
            products: v.products.iter().map(|&p| &self.product_cards[p]).collect(),
            upcoming_events,
            past_events,
            ics_url: (!self.events.vendor_events[id].is_empty()).then(|| self.url(&paths::vendor_feed(&v.slug))),
            booth_cards_url: self.url(&paths::booth_cards(&v.slug)),
            qris: self.qris_view(id),
        }
    }
}

pub(super) fn render_home(c: &Renderer, template: &str) -> Result<Rendered, RenderError> {
    let site = c.site;
    let mut meta = c.meta("home", "", site.config.title.clone(), c.site_description());
    meta.jsonld = jsonld::website(&site.config.title, c.base);
    // Featured: vendors with a logo and the most products; then the newest members' products.
    let mut featured: Vec<VendorId> = VendorId::range(site.vendors.len()).collect();
    featured.sort_by_key(|&v| {
        let vendor = &site.vendors[v];
        (vendor.logo.is_none(), std::cmp::Reverse(vendor.products.len()), vendor.slug.clone())
    });
    featured.truncate(HOME_ITEMS);
    let mut newest: Vec<VendorId> = VendorId::range(site.vendors.len()).collect();
    newest.sort_by_key(|&v| (std::cmp::Reverse(site.vendors[v].joined), site.vendors[v].slug.clone()));
    let latest: Vec<&ProductCard> = newest
        .iter()
        .filter_map(|&v| {
            let products = &site.vendors[v].products;
            products.iter().find(|&&p| !site.products[p].images.is_empty()).or(products.first())
        })
        .take(HOME_ITEMS)
        .map(|&p| &c.product_cards[p])
        .collect();
    let upcoming_events: Vec<&EventCard> =
        c.events.upcoming.iter().take(HOME_EVENTS).map(|&id| &c.events.cards[id]).collect();
    let featured: Vec<&VendorCard> = featured.iter().map(|&v| &c.vendor_cards[v]).collect();
    let regions = c.facets(Taxonomy::Regions, &top_level(&site.regions));
    let stats =
        Stats { vendors: site.vendors.len(), products: site.products.len(), regions: site.regions.top_level().count() };
    PageContext::new(c, String::new(), meta)
        .set("featured_vendors", &featured)
        .set("latest_products", &latest)
        .set("categories", &c.facets(Taxonomy::Categories, &top_level(&site.categories)))
        .set("regions", &regions)
        .set("stats", &stats)
        .set("upcoming_events", &upcoming_events)
        .set("events_url", &c.url(paths::EVENTS))
        .render(template)
}

impl Renderer<'_> {
    /// A listing's description: its title, then the site's description.
    pub(super) fn listing_description(&self, title: &str) -> String {
        format!("{title}. {}", self.site_description())
    }
}

pub(super) fn render_vendor_list(c: &Renderer, n: usize, template: &str) -> Result<Rendered, RenderError> {
    let path = paths::paginated(paths::VENDORS, n);
    let title = c.paged_title(c.theme.string("title_vendors").to_string(), n);
    let mut meta = c.meta("vendor_list", &path, title.clone(), c.listing_description(&title));
    meta.breadcrumbs = vec![c.home_crumb()];
    let mut groups: Vec<LetterGroup> = Vec::new();
    let per = c.site.config.paginate;
    let first = (n - 1) * per;
    for (offset, &v) in c.page_slice(&c.vendors_az, n).iter().enumerate() {
        let letter = &c.vendor_letters[first + offset];
        match groups.last_mut() {
            Some(g) if g.letter == *letter => g.vendors.push(&c.vendor_cards[v]),
            _ => groups.push(LetterGroup {
                anchor: letter_anchor(letter),
                letter: letter.clone(),
                vendors: vec![&c.vendor_cards[v]],
            }),
        }
    }
    PageContext::new(c, path, meta)
        .set("groups", &groups)
        .set("letters", &c.letters)
        .set("pagination", &c.pagination(paths::VENDORS, n, c.vendors_az.len()))
        .set("total", &c.vendors_az.len())
        .render(template)
}

pub(super) fn render_vendor(c: &Renderer, id: VendorId, template: &str) -> Result<Rendered, RenderError> {
    let v = &c.site.vendors[id];
    let path = paths::vendor(&v.slug);
    let body = v.body.text().map_err(RenderError::Source)?;
    let parsed = markdown::Markdown::parse(&body);
    let profile_text = parsed.plain_text(DESCRIPTION_CHARS);
    let view = c.vendor_view(id, parsed.into_html());
    let category = &c.site.categories.terms[v.category].name;
    let region = &c.site.regions.terms[v.region].name;
    let description =
        if profile_text.is_empty() { format!("{} — {category}, {region}", v.name) } else { profile_text.clone() };
    let mut meta = c.meta("vendor", &path, v.name.clone(), description);
    meta.og_type = "profile";
    c.dated(&mut meta, v.updated);
    meta.breadcrumbs = vec![c.home_crumb(), c.crumb("nav_vendors", paths::VENDORS)];
    let logo_url = v.logo.as_ref().map(|l| c.image_url(l));
    if let Some(logo) = &logo_url {
        meta.og_image = logo.clone();
    }
    let same_as: Vec<String> =
        [view.website.as_ref(), view.instagram.as_ref()].into_iter().flatten().filter_map(|l| l.href.clone()).collect();
    meta.jsonld = jsonld::local_business(&jsonld::BusinessData {
        name: &v.name,
        description: &profile_text,
        url: &meta.canonical,
        logo: logo_url,
        telephone: v.whatsapp.as_ref().map(|w| format!("+{w}")),
        street: v.address.as_deref(),
        locality: v.district.map(|d| c.site.regions.terms[d].name.as_str()),
        region,
        same_as,
    });
    let noted = Noted::of_body(Described::Vendor(id), &v.body, &body);
    let mut page = PageContext::new(c, path.clone(), meta).set("vendor", &view).noting(noted);
    if let Some(qris) = &v.qris {
        let svg = c.qr.svg(&qris.payload).map_err(|message| RenderError::Qr { page: path, message })?;
        page = page.with_file(paths::vendor_qris(&v.slug), svg);
    }
    page.render(template)
}

pub(super) fn render_product(c: &Renderer, id: ProductId, template: &str) -> Result<Rendered, RenderError> {
    let p = &c.site.products[id];
    let v = &c.site.vendors[p.vendor];
    let card = &c.product_cards[id];
    let path = paths::product(&v.slug, &p.slug);
    let categories = &c.site.categories;
    let body = p.body.text().map_err(RenderError::Source)?;
    let parsed = markdown::Markdown::parse(&body);
    let description_text = parsed.plain_text(DESCRIPTION_CHARS);
    let description = if description_text.is_empty() {
        format!("{} — {}. {}", p.name, v.name, card.price).trim_end_matches(['.', ' ']).to_string()
    } else {
        description_text.clone()
    };
    let mut meta = c.meta("product", &path, format!("{} — {}", p.name, v.name), description);
    meta.og_type = "product";
    c.dated(&mut meta, p.updated);
    meta.breadcrumbs = vec![
        c.home_crumb(),
        c.crumb("nav_vendors", paths::VENDORS),
        NamedLink { name: v.name.clone(), url: c.url(&paths::vendor(&v.slug)) },
    ];
    let image_urls: Vec<String> = p.images.iter().map(|i| c.image_url(i)).collect();
    if let Some(first) = image_urls.first() {
        meta.og_image = first.clone();
    }
    meta.jsonld = jsonld::product(&jsonld::ProductData {
        name: &p.name,
        description: &description_text,
        url: &meta.canonical,
        images: image_urls,
        category: &categories.terms[p.category].name,
        vendor_name: &v.name,
        vendor_url: &c.absolute(&paths::vendor(&v.slug)),
        price: p.price,
        available: p.available,
        sku: format!("{}/{}", v.slug, p.slug),
    });
    let order_href = v.whatsapp.as_ref().filter(|_| p.available).map(|w| {
        let text = c
            .theme
            .string("wa_order_text")
            .replace("{vendor}", &v.name)
            .replace("{product}", &p.name)
            .replace("{url}", &meta.canonical);
        format!("https://wa.me/{w}?text={}", format::query_escape(&text))
    });
    let qr_target = c.qr_target(p.vendor, id);
    let (qr_svg, qr_png) =
        c.qr.svg_and_png(&qr_target).map_err(|message| RenderError::Qr { page: path.clone(), message })?;
    let view = ProductView {
        card,
        description_html: parsed.into_html(),
        category: c.category_link(p.category),
        parent_category: categories.terms[p.category].parent.map(|t| c.category_link(t)),
        images: p.images.iter().map(|i| c.image_view(i)).collect(),
        tags: &p.tags,
        variants: p
            .variants
            .iter()
            .map(|x| VariantView { name: &x.name, price: format::price_text(x.price) })
            .collect(),
        order_href,
        qr: QrView {
            svg_url: c.url(&paths::product_qr(&v.slug, &p.slug, "svg")),
            png_url: c.url(&paths::product_qr(&v.slug, &p.slug, "png")),
            target: qr_target.clone(),
        },
    };
    let more: Vec<&ProductCard> =
        v.products.iter().filter(|&&other| other != id).take(MORE_PRODUCTS).map(|&o| &c.product_cards[o]).collect();
    PageContext::new(c, path, meta)
        .noting(Noted::of_body(Described::Product(id), &p.body, &body))
        .set("product", &view)
        .set("vendor", &c.vendor_cards[p.vendor])
        .set("more_products", &more)
        .with_file(paths::product_qr(&v.slug, &p.slug, "svg"), qr_svg)
        .with_file(paths::product_qr(&v.slug, &p.slug, "png"), qr_png)
        .render(template)
}

pub(super) fn render_booth_cards(c: &Renderer, id: VendorId, template: &str) -> Result<Rendered, RenderError> {
    let v = &c.site.vendors[id];
    let path = paths::booth_cards(&v.slug);
    let title = c.theme.string("booth_cards_title").replace("{vendor}", &v.name);
    let mut meta = c.meta("booth_cards", &path, title.clone(), title);
    meta.breadcrumbs = vec![
        c.home_crumb(),
        c.crumb("nav_vendors", paths::VENDORS),
        NamedLink { name: v.name.clone(), url: c.url(&paths::vendor(&v.slug)) },
    ];
    let mut available: Vec<ProductId> = v.products.iter().copied().filter(|&p| c.site.products[p].available).collect();
    available.sort_by_cached_key(|&p| (crate::derive::sort_key(&c.site.products[p].name), p));
    let cards: Vec<BoothCard> = available
        .iter()
        .map(|&p| {
            let product = &c.site.products[p];
            BoothCard {
                name: &product.name,
                price: &c.product_cards[p].price,
                qr_svg_url: c.url(&paths::product_qr(&v.slug, &product.slug, "svg")),
                target: c.qr_target(id, p),
            }
        })
        .collect();
    let vendor = BoothVendor { card: &c.vendor_cards[id], qris: c.qris_view(id) };
    PageContext::new(c, path, meta).set("vendor", &vendor).set("cards", &cards).render(template)
}

impl Renderer<'_> {
    /// What a product's QR code encodes: its absolute URL, plus `site.yaml`'s `qr.query`.
    pub(crate) fn qr_target(&self, vendor: VendorId, product: ProductId) -> String {
        let url = self.absolute(&paths::product(&self.site.vendors[vendor].slug, &self.site.products[product].slug));
        match self.site.config.qr_query.as_str() {
            "" => url,
            query => format!("{url}?{query}"),
        }
    }

    fn qris_view(&self, vendor: VendorId) -> Option<QrisView> {
        let v = &self.site.vendors[vendor];
        v.qris.as_ref().map(|q| QrisView {
            merchant_name: q.merchant_name.clone(),
            merchant_city: q.merchant_city.clone(),
            svg_url: self.url(&paths::vendor_qris(&v.slug)),
        })
    }
}

pub(super) fn render_category_index(c: &Renderer, template: &str) -> Result<Rendered, RenderError> {
    let title = c.theme.string("title_categories").to_string();
    let mut meta = c.meta("category_index", paths::CATEGORIES, title.clone(), c.listing_description(&title));
    meta.breadcrumbs = vec![c.home_crumb()];
    PageContext::new(c, paths::CATEGORIES.to_string(), meta)
        .set("categories", &c.facets(Taxonomy::Categories, &top_level(&c.site.categories)))
        .render(template)
}

pub(super) fn render_category(c: &Renderer, term: TermId, n: usize, template: &str) -> Result<Rendered, RenderError> {
    let t = &c.site.categories.terms[term];
    let base = paths::category(&t.slug);
    let path = paths::paginated(&base, n);
    let heading = c.theme.string("products_in").replace("{name}", &t.name);
    let title = c.paged_title(heading.clone(), n);
    let mut meta = c.meta("category", &path, title, c.listing_description(&heading));
    meta.breadcrumbs = vec![c.home_crumb(), c.crumb("nav_categories", paths::CATEGORIES)];
    if let Some(parent) = t.parent {
        meta.breadcrumbs.push(c.category_link(parent));
    }
    let all = &c.category_products[term];
    let products: Vec<&ProductCard> = c.page_slice(all, n).iter().map(|&p| &c.product_cards[p]).collect();
    let view = TermView {
        name: t.name.clone(),
        slug: t.slug.clone(),
        parent: t.parent.map(|p| c.category_link(p)),
        children: c.facets(Taxonomy::Categories, &t.children),
    };
    PageContext::new(c, path, meta)
        .set("category", &view)
        .set("products", &products)
        .set("pagination", &c.pagination(&base, n, all.len()))
        .set("total", &all.len())
        .render(template)
}

pub(super) fn render_region_index(c: &Renderer, template: &str) -> Result<Rendered, RenderError> {
    let title = c.theme.string("title_regions").to_string();
    let mut meta = c.meta("region_index", paths::REGIONS, title.clone(), c.listing_description(&title));
    meta.breadcrumbs = vec![c.home_crumb()];
    PageContext::new(c, paths::REGIONS.to_string(), meta)
        .set("regions", &c.facets(Taxonomy::Regions, &top_level(&c.site.regions)))
        .render(template)
}

pub(super) fn render_region(c: &Renderer, term: TermId, n: usize, template: &str) -> Result<Rendered, RenderError> {
    let regions = &c.site.regions;
    let t = &regions.terms[term];
    let base = c.region_path(term);
    let path = paths::paginated(&base, n);
    let heading = c.theme.string("vendors_in").replace("{name}", &t.name);
    let title = c.paged_title(heading.clone(), n);
    let kind = if t.parent.is_some() { "district" } else { "region" };
    let mut meta = c.meta(kind, &path, title, c.listing_description(&heading));
    meta.breadcrumbs = vec![c.home_crumb(), c.crumb("nav_regions", paths::REGIONS)];
    if let Some(parent) = t.parent {
        meta.breadcrumbs.push(c.region_link(parent));
    }
    let all = &c.region_vendors[term];
    let vendors: Vec<&VendorCard> = c.page_slice(all, n).iter().map(|&v| &c.vendor_cards[v]).collect();
    let view = TermView {
        name: t.name.clone(),
        slug: t.slug.clone(),
        parent: t.parent.map(|p| c.region_link(p)),
        children: c.facets(Taxonomy::Regions, &t.children),
    };
    PageContext::new(c, path, meta)
        .set("region", &view)
        .set("vendors", &vendors)
        .set("pagination", &c.pagination(&base, n, all.len()))
        .set("total", &all.len())
        .render(template)
}

pub(super) fn render_free_page(c: &Renderer, index: FreePageId, template: &str) -> Result<Rendered, RenderError> {
    let p = &c.site.free_pages[index];
    let path = paths::free_page(&p.slug);
    let description = p.description.clone().unwrap_or_else(|| markdown::to_plain_text(&p.body, DESCRIPTION_CHARS));
    let mut meta = c.meta("page", &path, p.title.clone(), description);
    c.dated(&mut meta, p.updated);
    meta.breadcrumbs = vec![c.home_crumb()];
    let content = PageContent { title: p.title.clone(), body_html: markdown::to_html(&p.body) };
    PageContext::new(c, path, meta).set("content", &content).render(template)
}

/// `/cari/`: the form, and a place for the search script to show results and filters. The
/// page itself is the same for every query; the script reads the query from the URL.
pub(super) fn render_search(c: &Renderer, template: &str) -> Result<Rendered, RenderError> {
    let path = paths::SEARCH.to_string();
    let mut meta = c.meta("search", &path, c.theme.string("title_search").to_string(), String::new());
    meta.breadcrumbs = vec![c.home_crumb()];
    // The strings the script shows, as an HTML-safe JSON data block.
    let strings: serde_json::Map<String, serde_json::Value> = c
        .theme
        .strings
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| ["search_", "filter_", "price_", "kind_"].iter().any(|p| key.starts_with(p)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    PageContext::new(c, path, meta)
        .set("search_index", &c.url(paths::SEARCH_INDEX))
        .set("search_strings", &crate::output::json::to_string(&strings))
        .render(template)
}

pub(super) fn render_not_found(c: &Renderer, template: &str) -> Result<Rendered, RenderError> {
    let mut meta = c.meta("not_found", "404.html", c.theme.string("title_not_found").to_string(), String::new());
    meta.canonical = String::new();
    PageContext::new(c, "404.html".to_string(), meta).render(template)
}

/// An old path's page: where the record is now, as a refresh, a canonical link and a visible
/// link (no script: it works under the strictest CSP and without JavaScript).
pub(super) fn render_redirect(c: &Renderer, index: usize, template: &str) -> Result<Rendered, RenderError> {
    let redirect = &c.redirects[index];
    let mut meta = c.meta("redirect", &redirect.from, redirect.title.clone(), String::new());
    meta.canonical = c.absolute(&redirect.to);
    let target = NamedLink { name: redirect.title.clone(), url: c.url(&redirect.to) };
    PageContext::new(c, redirect.from.clone(), meta).set("target", &target).render(template)
}

/// A published path whose record is gone: what it was, why, and where to go instead.
pub(super) fn render_removed(c: &Renderer, index: usize, template: &str) -> Result<Rendered, RenderError> {
    let removed = &c.site.removed[index];
    let title_key = match removed.what {
        RemovedKind::Vendor => "removed_vendor",
        RemovedKind::Product { .. } => "removed_product",
        RemovedKind::Other => "removed_page",
    };
    let title = c.theme.string(title_key).to_string();
    let description = removed.reason.clone().unwrap_or_else(|| title.clone());
    let mut meta = c.meta("removed", &removed.path, title, description);
    meta.canonical = String::new();
    let mut links = Vec::new();
    if let Some(replacement) = &removed.replacement {
        links.push(NamedLink { name: c.theme.string("removed_replacement").to_string(), url: c.url(replacement) });
    }
    if let RemovedKind::Product { vendor } = &removed.what
        && let Ok(v) = c.site.vendors.binary_search_by(|v| v.slug.as_str().cmp(vendor))
    {
        let name = c.theme.string("removed_vendor_link").replace("{vendor}", &c.site.vendors[v].name);
        links.push(NamedLink { name, url: c.url(&paths::vendor(vendor)) });
    }
    links.push(match removed.category {
        Some(term) => c.category_link(term),
        None => c.crumb("title_categories", paths::CATEGORIES),
    });
    let words: Vec<&str> =
        removed.path.trim_end_matches('/').rsplit('/').next().unwrap_or_default().split('-').collect();
    let search = format!("{}?q={}", c.url(paths::SEARCH), format::query_escape(&words.join(" ")));
    links.push(NamedLink { name: c.theme.string("removed_search").to_string(), url: search });
    let view = RemovedView { reason: removed.reason.as_deref(), links };
    PageContext::new(c, removed.path.clone(), meta).set("removed", &view).render(template)
}

fn top_level(taxonomy: &crate::content::model::Taxonomy) -> Vec<TermId> {
    taxonomy.top_level().map(|(id, _)| id).collect()
}
