//! How values read on a page: rupiah, phone numbers, dates, social links.

use crate::content::records::Price;
use serde::Serialize;

/// `15000` → `Rp 15.000`.
pub(crate) fn rupiah(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    out.push_str("Rp ");
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A price as shown: `Rp 15.000`, or `Rp 10.000 – Rp 25.000`.
pub(crate) fn price_text(price: Option<Price>) -> String {
    match price {
        None => String::new(),
        Some(Price::Fixed(p)) => rupiah(p),
        Some(Price::Range { min, max }) if min == max => rupiah(min),
        Some(Price::Range { min, max }) => format!("{} – {}", rupiah(min), rupiah(max)),
    }
}

/// `6281234567890` → `+62 812-3456-7890`.
pub(crate) fn phone_display(international: &str) -> String {
    let national = international.strip_prefix("62").unwrap_or(international);
    let (a, rest) = national.split_at(3.min(national.len()));
    let (b, c) = rest.split_at(4.min(rest.len()));
    if c.is_empty() { format!("+62 {a}-{b}") } else { format!("+62 {a}-{b}-{c}") }
}

/// `2021-05-17` → `17 Mei 2021` (month names from the theme).
pub(crate) fn date_text(date: jiff::civil::Date, month_name: &str) -> String {
    format!("{} {} {}", date.day(), month_name, date.year())
}

/// A link to show: its text, and its target when it is safe to link.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Link {
    pub(crate) label: String,
    pub(crate) href: Option<String>,
}

/// An http(s) URL, or nothing (never `javascript:` or any other scheme).
pub(crate) fn http_url(text: &str) -> Option<String> {
    let url = url::Url::parse(text.trim()).ok()?;
    (matches!(url.scheme(), "http" | "https") && url.host_str().is_some()).then(|| url.to_string())
}

/// A website: linked only when it is an http(s) URL.
pub(crate) fn website_link(text: &str) -> Link {
    let label = text.trim().to_string();
    let href = http_url(&label);
    let label = label.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_string();
    Link { label, href }
}

/// An Instagram account: an http(s) URL, or a handle (`@kopitebet`) linked to its profile.
pub(crate) fn instagram_link(text: &str) -> Link {
    let text = text.trim();
    if let Some(href) = http_url(text) {
        let handle = url::Url::parse(&href)
            .ok()
            .and_then(|u| u.path_segments().and_then(|mut s| s.next().map(str::to_string)))
            .filter(|h| !h.is_empty());
        let label = handle.map(|h| format!("@{h}")).unwrap_or_else(|| text.to_string());
        return Link { label, href: Some(href) };
    }
    let handle = text.trim_start_matches('@');
    let valid = !handle.is_empty()
        && handle.len() <= 30
        && handle.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if valid {
        Link { label: format!("@{handle}"), href: Some(format!("https://www.instagram.com/{handle}/")) }
    } else {
        Link { label: text.to_string(), href: None }
    }
}

/// Percent-encodes text for a URL query value.
pub(crate) fn query_escape(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>().replace('+', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_rupiah() {
        assert_eq!(rupiah(0), "Rp 0");
        assert_eq!(rupiah(999), "Rp 999");
        assert_eq!(rupiah(15000), "Rp 15.000");
        assert_eq!(rupiah(1250000), "Rp 1.250.000");
        assert_eq!(price_text(Some(Price::Range { min: 10000, max: 25000 })), "Rp 10.000 – Rp 25.000");
        assert_eq!(price_text(None), "");
    }

    #[test]
    fn formats_phone() {
        assert_eq!(phone_display("6281234567890"), "+62 812-3456-7890");
    }

    #[test]
    fn links_only_safe_urls() {
        assert_eq!(website_link("https://toko.example/").href.as_deref(), Some("https://toko.example/"));
        assert_eq!(website_link("javascript:alert(1)").href, None);
        assert_eq!(website_link("www.toko.example").href, None);
        assert_eq!(instagram_link("@kopi.tebet").href.as_deref(), Some("https://www.instagram.com/kopi.tebet/"));
        assert_eq!(instagram_link("https://instagram.com/kopitebet").label, "@kopitebet");
        assert_eq!(instagram_link("kopi tebet <b>").href, None);
    }

    #[test]
    fn escapes_query_values() {
        assert_eq!(query_escape("Halo & <x>"), "Halo%20%26%20%3Cx%3E");
    }
}
