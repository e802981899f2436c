//! The data page templates receive, as serialisable shapes (documented in `docs/theme.md`).
//!
//! Page contexts borrow the cards of the derived catalogue (`derive::cards`), so a listing
//! page costs its own items, not the whole site.

use crate::derive::cards::{EventCard, Facet, ImageView, NamedLink, ProductCard, VendorCard};
use crate::derive::format::Link;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Numbers were skipped before this one (show an ellipsis).
    pub gap_before: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub pages: Vec<PageLink>,
}

/// What every page has (`page` in templates).
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub url: String,
    pub canonical: String,
    pub og_type: &'static str,
    pub og_image: String,
    pub jsonld: String,
    pub breadcrumbs: Vec<NamedLink>,
    /// When the page's record last changed (from Git), as text and as `YYYY-MM-DD`; empty
    /// without Git dates.
    pub updated: String,
    pub updated_iso: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Certificate {
    pub code: &'static str,
    pub name: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub display: String,
    pub href: String,
}

/// A vendor as its own page shows it.
#[derive(Debug, Serialize)]
pub struct VendorView<'a> {
    #[serde(flatten)]
    pub card: &'a VendorCard,
    pub owner: Option<&'a str>,
    pub address: Option<&'a str>,
    pub profile_html: String,
    pub jakpreneur_id: Option<&'a str>,
    pub joined: String,
    pub certifications: Vec<Certificate>,
    pub whatsapp: Option<Contact>,
    pub instagram: Option<Link>,
    pub website: Option<Link>,
    pub products: Vec<&'a ProductCard>,
    pub upcoming_events: Vec<&'a EventCard>,
    pub past_events: Vec<&'a EventCard>,
    pub ics_url: Option<String>,
    pub booth_cards_url: String,
    pub qris: Option<QrisView>,
}

#[derive(Debug, Serialize)]
pub struct VariantView<'a> {
    pub name: &'a str,
    pub price: String,
}

/// A product as its own page shows it.
#[derive(Debug, Serialize)]
pub struct ProductView<'a> {
    #[serde(flatten)]
    pub card: &'a ProductCard,
    pub description_html: String,
    pub category: NamedLink,
    pub parent_category: Option<NamedLink>,
    pub images: Vec<ImageView>,
    pub tags: &'a [String],
    pub variants: Vec<VariantView<'a>>,
    pub order_href: Option<String>,
    pub qr: QrView,
}

/// A product's QR code as its page shows it.
#[derive(Debug, Serialize)]
pub struct QrView {
    pub inline_html: String,
    pub svg_url: String,
    pub png_url: String,
    pub target: String,
}

/// A vendor's checked QRIS payment code.
#[derive(Debug, Clone, Serialize)]
pub struct QrisView {
    pub merchant_name: String,
    pub merchant_city: String,
    pub svg_url: String,
}

/// One card of the booth sheet.
#[derive(Debug, Serialize)]
pub struct BoothCard<'a> {
    pub name: &'a str,
    pub price: &'a str,
    pub qr_svg_url: String,
    pub target: String,
}

/// The vendor on its booth sheet.
#[derive(Debug, Serialize)]
pub struct BoothVendor<'a> {
    #[serde(flatten)]
    pub card: &'a VendorCard,
    pub qris: Option<QrisView>,
}

#[derive(Debug, Serialize)]
pub struct LetterGroup<'a> {
    pub letter: String,
    pub anchor: String,
    pub vendors: Vec<&'a VendorCard>,
}

/// A category, region or district at the head of its listing.
#[derive(Debug, Serialize)]
pub struct TermView {
    pub name: String,
    pub slug: String,
    pub parent: Option<NamedLink>,
    pub children: Vec<Facet>,
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub vendors: usize,
    pub products: usize,
    pub regions: usize,
}

#[derive(Debug, Serialize)]
pub struct PageContent {
    pub title: String,
    pub body_html: String,
}

#[derive(Debug, Serialize)]
pub struct MonthLink {
    pub label: String,
    pub url: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct MonthView {
    pub label: String,
    pub year: i16,
    pub month: i8,
}

#[derive(Debug, Serialize)]
pub struct DayEvent<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub time: String,
    pub cancelled: bool,
}

#[derive(Debug, Serialize)]
pub struct Day<'a> {
    pub day: Option<i8>,
    pub date_iso: String,
    pub events: Vec<DayEvent<'a>>,
}

#[derive(Debug, Serialize)]
pub struct MonthOccurrence<'a> {
    pub when: String,
    pub date_iso: String,
    pub title: &'a str,
    pub url: &'a str,
    pub venue: &'a str,
    pub cancelled: bool,
}

#[derive(Debug, Serialize)]
pub struct OccurrenceView {
    pub when: String,
    pub start_iso: String,
    pub past: bool,
}

#[derive(Debug, Serialize)]
pub struct EventView<'a> {
    #[serde(flatten)]
    pub card: &'a EventCard,
    pub body_html: String,
    pub address: Option<&'a str>,
    pub organizer: Option<&'a str>,
    pub ics_url: String,
    pub occurrences: Vec<OccurrenceView>,
    pub vendors: Vec<&'a VendorCard>,
}
