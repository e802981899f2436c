//! The cards of the catalogue: a vendor, product or event as every listing shows it, with
//! the links and image views they carry. Made once per build by the derive stage and
//! borrowed by every page and by the search index (documented for themes in docs/theme.md).

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct NamedLink {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// The fallback file (JPEG when published) about 640 pixels wide.
    pub src: String,
    pub alt: String,
    /// Size of the largest derivative: gives the browser the proportions (no layout shift).
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Every width of the fallback format: `a-320.jpg 320w, a-640.jpg 640w`.
    pub srcset: String,
    /// The other formats, for `<source type srcset>` (WebP first when configured so).
    pub sources: Vec<ImageSource>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImageSource {
    /// `image/webp`.
    pub mime: &'static str,
    pub srcset: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VendorCard {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub category: NamedLink,
    pub region: NamedLink,
    pub district: Option<NamedLink>,
    pub logo: Option<ImageView>,
    pub product_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProductCard {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub price: String,
    pub available: bool,
    pub image: Option<ImageView>,
    pub vendor: NamedLink,
    pub region: NamedLink,
}

#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    pub name: String,
    pub url: String,
    pub count: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Facet>,
}

#[derive(Debug, Serialize)]
pub struct LetterLink {
    pub letter: String,
    pub url: String,
}

/// An event in a list (see docs/theme.md, "event card").
#[derive(Debug, Clone, Serialize)]
pub struct EventCard {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub when: String,
    pub start_iso: String,
    pub end_iso: String,
    pub venue: String,
    pub region: Option<NamedLink>,
    pub district: Option<NamedLink>,
    pub cancelled: bool,
    pub recurrence: String,
}
