//! Where each thing lives in the built site (the path table of `CONTENT-MODEL.md`).
//!
//! Paths here are relative to the site root and end in `/` for pages
//! (`umkm/kopi-tebet/`); the page itself is written as `index.html` inside that folder.
//! Renderers add the base URL's path for links, or the whole base URL for absolute URLs.

pub const VENDORS: &str = "umkm/";
pub const CATEGORIES: &str = "kategori/";
pub const REGIONS: &str = "wilayah/";
pub const EVENTS: &str = "acara/";
pub const SEARCH: &str = "cari/";
/// The root file of the search index, the one the search page names.
pub const SEARCH_INDEX: &str = "cari/indeks.json";
pub const PAGE_SEGMENT: &str = "halaman";
/// The calendar of all events.
pub const EVENTS_FEED: &str = "acara/kalender.ics";

pub fn event(slug: &str) -> String {
    format!("{EVENTS}{slug}/")
}

/// The one-event calendar.
pub fn event_feed(slug: &str) -> String {
    format!("{EVENTS}{slug}/acara.ics")
}

/// A month of the event calendar: `acara/2024/08/`.
pub fn event_month(year: i16, month: i8) -> String {
    format!("{EVENTS}{year:04}/{month:02}/")
}

/// A vendor's calendar of events.
pub fn vendor_feed(vendor: &str) -> String {
    format!("{VENDORS}{vendor}/kalender.ics")
}

pub fn vendor(vendor: &str) -> String {
    format!("{VENDORS}{vendor}/")
}

pub fn product(vendor: &str, product: &str) -> String {
    format!("{VENDORS}{vendor}/{product}/")
}

/// A product's QR code files: `qr.svg` and `qr.png` in the product's folder.
pub fn product_qr(vendor: &str, product: &str, extension: &str) -> String {
    format!("{VENDORS}{vendor}/{product}/qr.{extension}")
}

/// The printable A4 sheet of QR cards for a vendor's booth.
pub fn booth_cards(vendor: &str) -> String {
    format!("{VENDORS}{vendor}/kartu-qr/")
}

/// A vendor's QRIS payment code.
pub fn vendor_qris(vendor: &str) -> String {
    format!("{VENDORS}{vendor}/qris.svg")
}

pub fn category(slug: &str) -> String {
    format!("{CATEGORIES}{slug}/")
}

/// A region, or a district inside its region.
pub fn region(region: &str, district: Option<&str>) -> String {
    match district {
        Some(d) => format!("{REGIONS}{region}/{d}/"),
        None => format!("{REGIONS}{region}/"),
    }
}

pub fn free_page(slug: &str) -> String {
    format!("{slug}/")
}

/// Page `n` (1-based) of a listing at `base`: `base` itself, then `base/halaman/n/`.
pub fn paginated(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}{PAGE_SEGMENT}/{n}/") }
}

/// The file a page path is written to.
pub fn index_file(page: &str) -> String {
    format!("{page}index.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_the_content_model() {
        assert_eq!(product("kopi", "susu"), "umkm/kopi/susu/");
        assert_eq!(region("jakarta-selatan", Some("tebet")), "wilayah/jakarta-selatan/tebet/");
        assert_eq!(paginated("kategori/kuliner/", 1), "kategori/kuliner/");
        assert_eq!(paginated("kategori/kuliner/", 2), "kategori/kuliner/halaman/2/");
        assert_eq!(index_file(""), "index.html");
    }
}
