//! The data page templates receive, as serialisable shapes (documented in `docs/theme.md`).
//!
//! Page contexts borrow the cards of the derived catalogue (`derive::cards`), so a listing
//! page costs its own items, not the whole site.

use crate::derive::cards::{EventCard, Facet, ImageView, NamedLink, ProductCard, VendorCard};
use crate::derive::format::Link;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink {
    pub(crate) number: usize,
    pub(crate) url: String,
    pub(crate) current: bool,
    /// Numbers were skipped before this one (show an ellipsis).
    pub(crate) gap_before: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Pagination {
    pub(crate) current: usize,
    pub(crate) total: usize,
    pub(crate) prev_url: Option<String>,
    pub(crate) next_url: Option<String>,
    pub(crate) pages: Vec<PageLink>,
}

/// What every page has (`page` in templates).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageMeta {
    pub(crate) kind: &'static str,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) url: String,
    pub(crate) canonical: String,
    pub(crate) og_type: &'static str,
    pub(crate) og_image: String,
    pub(crate) jsonld: String,
    pub(crate) breadcrumbs: Vec<NamedLink>,
    /// When the page's record last changed (from Git), as text and as `YYYY-MM-DD`; empty
    /// without Git dates.
    pub(crate) updated: String,
    pub(crate) updated_iso: String,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Certificate {
    pub(crate) code: &'static str,
    pub(crate) name: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Contact {
    pub(crate) display: String,
    pub(crate) href: String,
}

/// A vendor as its own page shows it.
#[derive(Debug, Serialize)]
pub(crate) struct VendorView<'a> {
    #[serde(flatten)]
    pub(crate) card: &'a VendorCard,
    pub(crate) owner: Option<&'a str>,
    pub(crate) address: Option<&'a str>,
    pub(crate) profile_html: String,
    pub(crate) jakpreneur_id: Option<&'a str>,
    pub(crate) joined: String,
    pub(crate) certifications: Vec<Certificate>,
    pub(crate) whatsapp: Option<Contact>,
    pub(crate) instagram: Option<Link>,
    pub(crate) website: Option<Link>,
    pub(crate) products: Vec<&'a ProductCard>,
    pub(crate) upcoming_events: Vec<&'a EventCard>,
    pub(crate) past_events: Vec<&'a EventCard>,
    pub(crate) ics_url: Option<String>,
    pub(crate) booth_cards_url: String,
    pub(crate) qris: Option<QrisView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct VariantView<'a> {
    pub(crate) name: &'a str,
    pub(crate) price: String,
}

/// A product as its own page shows it.
#[derive(Debug, Serialize)]
pub(crate) struct ProductView<'a> {
    #[serde(flatten)]
    pub(crate) card: &'a ProductCard,
    pub(crate) description_html: String,
    pub(crate) category: NamedLink,
    pub(crate) parent_category: Option<NamedLink>,
    pub(crate) images: Vec<ImageView>,
    pub(crate) tags: &'a [String],
    pub(crate) variants: Vec<VariantView<'a>>,
    pub(crate) order_href: Option<String>,
    pub(crate) qr: QrView,
}

/// A product's QR code as its page shows it.
#[derive(Debug, Serialize)]
pub(crate) struct QrView {
    pub(crate) svg_url: String,
    pub(crate) png_url: String,
    pub(crate) target: String,
}

/// A vendor's checked QRIS payment code.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QrisView {
    pub(crate) merchant_name: String,
    pub(crate) merchant_city: String,
    pub(crate) svg_url: String,
}

/// One card of the booth sheet.
#[derive(Debug, Serialize)]
pub(crate) struct BoothCard<'a> {
    pub(crate) name: &'a str,
    pub(crate) price: &'a str,
    pub(crate) qr_svg_url: String,
    pub(crate) target: String,
}

/// The vendor on its booth sheet.
#[derive(Debug, Serialize)]
pub(crate) struct BoothVendor<'a> {
    #[serde(flatten)]
    pub(crate) card: &'a VendorCard,
    pub(crate) qris: Option<QrisView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct LetterGroup<'a> {
    pub(crate) letter: String,
    pub(crate) anchor: String,
    pub(crate) vendors: Vec<&'a VendorCard>,
}

/// A category, region or district at the head of its listing.
#[derive(Debug, Serialize)]
pub(crate) struct TermView {
    pub(crate) name: String,
    pub(crate) slug: String,
    pub(crate) parent: Option<NamedLink>,
    pub(crate) children: Vec<Facet>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Stats {
    pub(crate) vendors: usize,
    pub(crate) products: usize,
    pub(crate) regions: usize,
}

/// A removed record's page (`removed.html`).
#[derive(Debug, Serialize)]
pub(crate) struct RemovedView<'a> {
    pub(crate) reason: Option<&'a str>,
    /// Onwards: the replacement, the vendor, the categories, search.
    pub(crate) links: Vec<NamedLink>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PageContent {
    pub(crate) title: String,
    pub(crate) body_html: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct MonthLink {
    pub(crate) label: String,
    pub(crate) url: String,
    pub(crate) count: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct MonthView {
    pub(crate) label: String,
    pub(crate) year: i16,
    pub(crate) month: i8,
}

#[derive(Debug, Serialize)]
pub(crate) struct DayEvent<'a> {
    pub(crate) title: &'a str,
    pub(crate) url: &'a str,
    pub(crate) time: String,
    pub(crate) cancelled: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct Day<'a> {
    pub(crate) day: Option<i8>,
    pub(crate) date_iso: String,
    pub(crate) events: Vec<DayEvent<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct MonthOccurrence<'a> {
    pub(crate) when: String,
    pub(crate) date_iso: String,
    pub(crate) title: &'a str,
    pub(crate) url: &'a str,
    pub(crate) venue: &'a str,
    pub(crate) cancelled: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct OccurrenceView {
    pub(crate) when: String,
    pub(crate) start_iso: String,
    pub(crate) past: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct EventView<'a> {
    #[serde(flatten)]
    pub(crate) card: &'a EventCard,
    pub(crate) body_html: String,
    pub(crate) address: Option<&'a str>,
    pub(crate) organizer: Option<&'a str>,
    pub(crate) ics_url: String,
    pub(crate) occurrences: Vec<OccurrenceView>,
    pub(crate) vendors: Vec<&'a VendorCard>,
}
