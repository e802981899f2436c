//! JSON-LD structured data (schema.org) for products, vendors and the site.
//!
//! Built with serde_json, then made safe to sit inside `<script type="application/ld+json">`:
//! `<`, `>` and `&` are written as JSON escapes, so no field can close the script element.

use serde_json::{Value, json};

/// Serialises `value` for embedding in a script element.
pub(crate) fn embed(value: &Value) -> String {
    crate::output::json::to_string(value)
}

pub(crate) struct ProductData<'a> {
    pub(crate) name: &'a str,
    pub(crate) description: &'a str,
    pub(crate) url: &'a str,
    pub(crate) images: Vec<String>,
    pub(crate) category: &'a str,
    pub(crate) vendor_name: &'a str,
    pub(crate) vendor_url: &'a str,
    pub(crate) price: Option<crate::content::records::Price>,
    pub(crate) available: bool,
    pub(crate) sku: String,
}

pub(crate) fn product(p: &ProductData) -> String {
    use crate::content::records::Price;
    let availability = if p.available { "https://schema.org/InStock" } else { "https://schema.org/OutOfStock" };
    let seller = json!({ "@type": "Organization", "name": p.vendor_name, "url": p.vendor_url });
    let offers = p.price.map(|price| match price {
        Price::Fixed(v) => json!({
            "@type": "Offer", "price": v.to_string(), "priceCurrency": "IDR",
            "availability": availability, "url": p.url, "seller": seller,
        }),
        Price::Range { min, max } => json!({
            "@type": "AggregateOffer", "lowPrice": min.to_string(), "highPrice": max.to_string(),
            "priceCurrency": "IDR", "availability": availability, "url": p.url, "seller": seller,
        }),
    });
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.name,
        "url": p.url,
        "sku": p.sku,
        "category": p.category,
        "brand": { "@type": "Brand", "name": p.vendor_name },
    });
    if !p.description.is_empty() {
        value["description"] = json!(p.description);
    }
    if !p.images.is_empty() {
        value["image"] = json!(p.images);
    }
    if let Some(offers) = offers {
        value["offers"] = offers;
    }
    embed(&value)
}

pub(crate) struct BusinessData<'a> {
    pub(crate) name: &'a str,
    pub(crate) description: &'a str,
    pub(crate) url: &'a str,
    pub(crate) logo: Option<String>,
    pub(crate) telephone: Option<String>,
    pub(crate) street: Option<&'a str>,
    pub(crate) locality: Option<&'a str>,
    pub(crate) region: &'a str,
    pub(crate) same_as: Vec<String>,
}

pub(crate) fn local_business(b: &BusinessData) -> String {
    let mut address = json!({ "@type": "PostalAddress", "addressRegion": b.region, "addressCountry": "ID" });
    if let Some(street) = b.street {
        address["streetAddress"] = json!(street);
    }
    if let Some(locality) = b.locality {
        address["addressLocality"] = json!(locality);
    }
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "LocalBusiness",
        "name": b.name,
        "url": b.url,
        "address": address,
    });
    if !b.description.is_empty() {
        value["description"] = json!(b.description);
    }
    if let Some(logo) = &b.logo {
        value["image"] = json!(logo);
    }
    if let Some(tel) = &b.telephone {
        value["telephone"] = json!(tel);
    }
    if !b.same_as.is_empty() {
        value["sameAs"] = json!(b.same_as);
    }
    embed(&value)
}

pub(crate) fn website(name: &str, url: &str) -> String {
    embed(&json!({ "@context": "https://schema.org", "@type": "WebSite", "name": name, "url": url }))
}

pub(crate) struct EventData<'a> {
    pub(crate) name: &'a str,
    pub(crate) description: &'a str,
    pub(crate) url: &'a str,
    pub(crate) start: &'a str,
    pub(crate) end: &'a str,
    pub(crate) venue: &'a str,
    pub(crate) address: Option<&'a str>,
    pub(crate) region: Option<&'a str>,
    pub(crate) organizer: Option<&'a str>,
    pub(crate) cancelled: bool,
}

pub(crate) fn event(e: &EventData) -> String {
    let mut address = json!({ "@type": "PostalAddress", "addressCountry": "ID" });
    if let Some(street) = e.address {
        address["streetAddress"] = json!(street);
    }
    if let Some(region) = e.region {
        address["addressRegion"] = json!(region);
    }
    let status = if e.cancelled { "https://schema.org/EventCancelled" } else { "https://schema.org/EventScheduled" };
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": e.name,
        "url": e.url,
        "startDate": e.start,
        "endDate": e.end,
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": { "@type": "Place", "name": e.venue, "address": address },
    });
    if !e.description.is_empty() {
        value["description"] = json!(e.description);
    }
    if let Some(organizer) = e.organizer {
        value["organizer"] = json!({ "@type": "Organization", "name": organizer });
    }
    embed(&value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cannot_close_the_script_element() {
        let text = website("</script><script>alert(1)</script>", "https://x.id/?a=1&b=2");
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script>");
    }
}
