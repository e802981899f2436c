//! `data/katalog.json`: every public vendor and product, as open data.
//!
//! Written from the model (never from HTML), streamed vendor by vendor so a catalogue of any
//! size is not held twice in memory. Text is escaped by `output::json` (markup characters
//! too).

use super::Staging;
use crate::content::Site;
use crate::content::records::Price;
use crate::paths;
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer};
use std::io::{self, BufWriter, Write};

pub(crate) const PATH: &str = "data/katalog.json";

#[derive(Serialize)]
struct VendorData<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    category: &'a str,
    region: &'a str,
    district: Option<&'a str>,
    owner: Option<&'a str>,
    address: Option<&'a str>,
    whatsapp: Option<String>,
    instagram: Option<&'a str>,
    website: Option<&'a str>,
    jakpreneur_id: Option<&'a str>,
    certifications: Vec<&'static str>,
    joined: Option<String>,
    products: Vec<ProductData<'a>>,
}

#[derive(Serialize)]
struct ProductData<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    category: &'a str,
    price: Option<PriceData>,
    available: bool,
    tags: &'a [String],
    variants: Vec<VariantData<'a>>,
}

#[derive(Serialize)]
struct VariantData<'a> {
    name: &'a str,
    price: Option<PriceData>,
}

#[derive(Serialize)]
struct PriceData {
    min: u64,
    max: u64,
    currency: &'static str,
}

fn price(p: Option<Price>) -> Option<PriceData> {
    p.map(|p| match p {
        Price::Fixed(v) => PriceData { min: v, max: v, currency: "IDR" },
        Price::Range { min, max } => PriceData { min, max, currency: "IDR" },
    })
}

fn term(t: crate::content::model::TermId, taxonomy: &crate::content::model::Taxonomy) -> &str {
    taxonomy.terms[t].slug.as_str()
}

/// Writes the open-data file for `site`.
pub(crate) fn write(staging: &Staging, site: &Site) -> io::Result<()> {
    let file = staging.create_file(PATH)?;
    let mut out = BufWriter::new(file);
    let base = &site.config.base_url.absolute;
    write!(
        out,
        "{{\"title\":{},\"base_url\":{},\"vendors\":",
        super::json::to_string(&site.config.title),
        super::json::to_string(base)
    )?;
    let mut ser = serde_json::Serializer::with_formatter(&mut out, super::json::HtmlSafe);
    let mut seq = ser.serialize_seq(Some(site.vendors.len())).map_err(io::Error::other)?;
    for v in &site.vendors {
        let products = v
            .products
            .iter()
            .map(|&p| {
                let p = &site.products[p];
                ProductData {
                    slug: &p.slug,
                    name: &p.name,
                    url: format!("{base}{}", paths::product(&v.slug, &p.slug)),
                    category: term(p.category, &site.categories),
                    price: price(p.price),
                    available: p.available,
                    tags: &p.tags,
                    variants: p.variants.iter().map(|x| VariantData { name: &x.name, price: price(x.price) }).collect(),
                }
            })
            .collect();
        let data = VendorData {
            slug: &v.slug,
            name: &v.name,
            url: format!("{base}{}", paths::vendor(&v.slug)),
            category: term(v.category, &site.categories),
            region: term(v.region, &site.regions),
            district: v.district.map(|d| term(d, &site.regions)),
            owner: v.owner.as_deref(),
            address: v.address.as_deref(),
            whatsapp: v.whatsapp.as_ref().map(|w| format!("+{w}")),
            instagram: v.instagram.as_deref(),
            website: v.website.as_deref(),
            jakpreneur_id: v.jakpreneur_id.as_deref(),
            certifications: v.certifications.iter().map(|c| c.code()).collect(),
            joined: v.joined.map(|d| d.to_string()),
            products,
        };
        seq.serialize_element(&data).map_err(io::Error::other)?;
    }
    seq.end().map_err(io::Error::other)?;
    out.write_all(b"}\n")?;
    out.flush()?;
    drop(out);
    staging.count_file(PATH)
}
