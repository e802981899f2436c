//! The records as editors write them: serde shapes of the front matter and YAML files.
//!
//! These structs mirror `CONTENT-MODEL.md` field for field and refuse unknown fields, so a
//! typo (`prise:`) is an error with a suggestion instead of a silently missing price. Fields
//! that later checks must point at (a category, an image path) keep their location as
//! [`Spanned`]. Checking what the values mean, and across files, is `validate`'s job.

use crate::source::yaml::hinted;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// `content/vendors/<slug>/index.md` front matter.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VendorRecord {
    pub name: String,
    #[serde(default)]
    pub owner: Option<String>,
    #[schemars(with = "String")]
    pub category: Spanned<String>,
    #[schemars(with = "String")]
    pub region: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub district: Option<Spanned<String>>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub whatsapp: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub instagram: Option<Spanned<String>>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub logo: Option<Spanned<String>>,
    #[serde(default)]
    pub logo_alt: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub jakpreneur_id: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub certifications: Vec<Certification>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub qris: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub joined: Option<Spanned<String>>,
    /// Old paths of this record (`umkm/kopi-lama/`) that now lead here: a redirect is
    /// published at each, so printed QR codes keep working.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
}

/// A list that may be written as `null` (or left empty, as web editors do): no items.
fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// The certifications the content model knows.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Certification {
    Halal,
    Pirt,
    Bpom,
    Sni,
    Haki,
}

impl Certification {
    pub fn code(self) -> &'static str {
        match self {
            Certification::Halal => "halal",
            Certification::Pirt => "pirt",
            Certification::Bpom => "bpom",
            Certification::Sni => "sni",
            Certification::Haki => "haki",
        }
    }

    /// How the certificate is written in Indonesia (the same in both UI languages).
    pub fn label(self) -> &'static str {
        match self {
            Certification::Halal => "Halal",
            Certification::Pirt => "P-IRT",
            Certification::Bpom => "BPOM",
            Certification::Sni => "SNI",
            Certification::Haki => "HaKI",
        }
    }
}

/// A product, from `<slug>.md` front matter or one item of `products.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductRecord {
    pub name: String,
    /// Only in `products.yaml` (a `.md` product's slug is its file name).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub slug: Option<Spanned<String>>,
    /// Only in `products.yaml` (a `.md` product's description is its body).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Spanned<String>>,
    #[serde(default)]
    pub price: Option<Price>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub category: Option<Spanned<String>>,
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schemars(with = "Vec<ImageRef>")]
    pub images: Vec<Spanned<ImageRef>>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    pub variants: Vec<Variant>,
    #[serde(default = "yes")]
    pub available: bool,
    /// Old paths of this record (`umkm/kopi-lama/`) that now lead here: a redirect is
    /// published at each, so printed QR codes keep working.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, JsonSchema, Hash)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub name: String,
    #[serde(default)]
    pub price: Option<Price>,
}

/// A price in rupiah: one amount, or a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Price {
    Fixed(u64),
    Range { min: u64, max: u64 },
}

impl Price {
    /// The lowest amount (for sorting and filters).
    pub fn min(self) -> u64 {
        match self {
            Price::Fixed(p) => p,
            Price::Range { min, .. } => min,
        }
    }
}

const PRICE_EXPECTED: &str = "an amount in rupiah such as `15000`, or a range `{ min: 10000, max: 25000 }`";

impl<'de> Deserialize<'de> for Price {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PriceVisitor;
        impl<'de> Visitor<'de> for PriceVisitor {
            type Value = Price;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(PRICE_EXPECTED)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Price, E> {
                Ok(Price::Fixed(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Price, E> {
                u64::try_from(v)
                    .map(Price::Fixed)
                    .map_err(|_| hinted(format!("a price cannot be negative ({v})"), PRICE_EXPECTED))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Price, E> {
                // YAML reads `85.000` as 85 and `85.500` as 85.5: a point with three digits
                // after it is a thousands separator; rupiah have no decimals.
                let thousands = v * 1000.0;
                let hint = if v > 0.0 && v < 1000.0 && (thousands - thousands.round()).abs() < 1e-6 {
                    format!("write thousands without a separator: `{}`", thousands.round() as u64)
                } else if v > 0.0 && v < 1e15 {
                    format!("rupiah have no decimals here: write `{}`", v.trunc() as u64)
                } else {
                    format!("write {PRICE_EXPECTED}")
                };
                Err(hinted("a price must be a whole number of rupiah", hint))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Price, E> {
                let hint = match price_in_text(v) {
                    Some(PriceText::Amount(amount)) => format!("write only the number: `price: {amount}`"),
                    Some(PriceText::Range(min, max)) => {
                        format!("write a range as `price: {{ min: {min}, max: {max} }}`")
                    }
                    None => format!("write {PRICE_EXPECTED}"),
                };
                Err(hinted(format!("a price must be a number, not the text `{v}`"), hint))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Price, A::Error> {
                let (mut min, mut max) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "min" => min = Some(map.next_value::<u64>()?),
                        "max" => max = Some(map.next_value::<u64>()?),
                        other => {
                            return Err(hinted(
                                format!("unknown field `{other}` in a price range"),
                                "a range has `min` and `max`",
                            ));
                        }
                    }
                }
                match (min, max) {
                    (Some(min), Some(max)) if min <= max => Ok(Price::Range { min, max }),
                    (Some(min), Some(max)) => Err(hinted(
                        format!("price range minimum {min} is above its maximum {max}"),
                        "swap `min` and `max`",
                    )),
                    _ => Err(hinted("a price range needs both `min` and `max`", PRICE_EXPECTED)),
                }
            }
        }
        deserializer.deserialize_any(PriceVisitor)
    }
}

/// What an editor meant by a price written as text: `Rp 15.000`, `15.000,-`, `15000,50`
/// (decimals dropped), or a range `10.000 - 20.000`.
#[derive(Debug, PartialEq)]
pub(crate) enum PriceText {
    Amount(u64),
    Range(u64, u64),
}

pub(crate) fn price_in_text(text: &str) -> Option<PriceText> {
    let amount = |part: &str| -> Option<u64> {
        let part = part.trim().trim_start_matches(|c: char| c.is_alphabetic() || c.is_whitespace());
        let part = part.trim_end_matches([',', '.', '-']).trim();
        // A comma with one or two digits after it ends a decimal part (`15000,50`).
        let whole = match part.rsplit_once(',') {
            Some((whole, cents)) if (1..=2).contains(&cents.len()) && cents.bytes().all(|b| b.is_ascii_digit()) => {
                whole
            }
            _ => part,
        };
        let digits: String = whole.chars().filter(|c| !matches!(c, '.' | ',' | ' ')).collect();
        (!digits.is_empty() && digits.len() < 13 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let separators = [" - ", "-", "–", " s/d ", " sampai "];
    for separator in separators {
        if let Some((low, high)) = text.split_once(separator)
            && let (Some(low), Some(high)) = (amount(low), amount(high))
        {
            return Some(PriceText::Range(low.min(high), low.max(high)));
        }
    }
    amount(text).map(PriceText::Amount)
}

/// An image reference: a path, or `{ src, alt }`.
#[derive(Debug, Clone)]
pub struct ImageRef {
    pub src: String,
    pub alt: Option<String>,
    /// Where `src` is written (line, column) when the image is a `{ src, alt }` map, so an
    /// error about the file points at its name rather than at the `{`.
    pub src_at: Option<(usize, usize)>,
}

impl<'de> Deserialize<'de> for ImageRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ImageVisitor;
        impl<'de> Visitor<'de> for ImageVisitor {
            type Value = ImageRef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an image path such as `kopi.jpg`, or `{ src: kopi.jpg, alt: … }`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ImageRef, E> {
                Ok(ImageRef { src: v.to_string(), alt: None, src_at: None })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ImageRef, A::Error> {
                let (mut src, mut alt) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "src" => src = Some(map.next_value::<Spanned<String>>()?),
                        "alt" => alt = Some(map.next_value::<String>()?),
                        other => {
                            return Err(hinted(
                                format!("unknown field `{other}` in an image"),
                                "an image has `src` and optionally `alt`",
                            ));
                        }
                    }
                }
                let src = src.ok_or_else(|| hinted("an image needs `src`", "write `{ src: kopi.jpg, alt: … }`"))?;
                let src_at = Some((src.referenced.line() as usize, src.referenced.column() as usize))
                    .filter(|(line, _)| *line > 0);
                Ok(ImageRef { src: src.value, alt, src_at })
            }
        }
        deserializer.deserialize_any(ImageVisitor)
    }
}

/// `content/events/<slug>.md|yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    pub title: String,
    #[schemars(with = "String")]
    pub start: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub end: Option<Spanned<String>>,
    pub venue: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub region: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub district: Option<Spanned<String>>,
    #[serde(default)]
    pub organizer: Option<String>,
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schemars(with = "Vec<String>")]
    pub vendors: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub recurrence: Option<Spanned<String>>,
    #[serde(default)]
    pub cancelled: bool,
    /// Old paths of this record (`umkm/kopi-lama/`) that now lead here: a redirect is
    /// published at each, so printed QR codes keep working.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
}

/// One entry of `content/dihapus.yaml`: a published path whose record is gone.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RemovedRecord {
    /// The path that was published (`umkm/kopi-lama/keripik/`), as an alias is written.
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    /// Why, in a sentence for visitors (optional).
    #[serde(default)]
    pub reason: Option<String>,
    /// A page of the site that takes its place (optional).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub replacement: Option<Spanned<String>>,
    /// The category to send visitors to (a slug of categories.yaml; optional).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub category: Option<Spanned<String>>,
    /// For a removed vendor: the slugs of its products, each of which gets its own page.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schemars(with = "Vec<String>")]
    pub products: Vec<Spanned<String>>,
}

/// `content/pages/<slug>.md`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageRecord {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Old paths of this record (`umkm/kopi-lama/`) that now lead here: a redirect is
    /// published at each, so printed QR codes keep working.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schemars(with = "Vec<String>")]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: bool,
}

/// `categories.yaml`: slug → `{ name, children }`, in the editor's order.
pub type CategoriesFile = OrderedMap<CategoryEntry>;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryEntry {
    pub name: String,
    #[serde(default)]
    pub children: OrderedMap<String>,
}

/// `regions.yaml`: slug → `{ name, districts }`, in the editor's order.
pub type RegionsFile = OrderedMap<RegionEntry>;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegionEntry {
    pub name: String,
    #[serde(default)]
    pub districts: OrderedMap<String>,
}

/// A YAML mapping kept in file order, each key with its location.
#[derive(Debug)]
pub struct OrderedMap<V>(pub Vec<(Spanned<String>, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping `slug: …`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    out.push((key, map.next_value()?));
                }
                Ok(OrderedMap(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _seq: A) -> Result<Self::Value, A::Error> {
                Err(hinted("expected a mapping `slug: …`, found a list", "write one `slug: Name` per line"))
            }
        }
        deserializer.deserialize_map(PairsVisitor(std::marker::PhantomData))
    }
}

/// JSON Schemas of the hand-written `Deserialize` types above, so editors get the same rules.
mod schemas {
    use super::{ImageRef, OrderedMap, Price};
    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
    use std::borrow::Cow;

    impl JsonSchema for Price {
        fn schema_name() -> Cow<'static, str> {
            "Price".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "Price in whole rupiah (15000, not 15.000), or a range.",
                "oneOf": [
                    { "type": "integer", "minimum": 0 },
                    {
                        "type": "object",
                        "properties": { "min": { "type": "integer", "minimum": 0 }, "max": { "type": "integer", "minimum": 0 } },
                        "required": ["min", "max"],
                        "additionalProperties": false
                    }
                ]
            })
        }
    }

    impl JsonSchema for ImageRef {
        fn schema_name() -> Cow<'static, str> {
            "ImageRef".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "An image next to the record (.jpg, .jpeg, .png, .webp), or { src, alt }.",
                "oneOf": [
                    { "type": "string", "pattern": "(?i)\\.(jpe?g|png|webp)$" },
                    {
                        "type": "object",
                        "properties": {
                            "src": { "type": "string", "pattern": "(?i)\\.(jpe?g|png|webp)$" },
                            "alt": { "type": "string" }
                        },
                        "required": ["src"],
                        "additionalProperties": false
                    }
                ]
            })
        }
    }

    impl<V: JsonSchema> JsonSchema for OrderedMap<V> {
        fn schema_name() -> Cow<'static, str> {
            format!("Map_of_{}", V::schema_name()).into()
        }
        fn json_schema(generator: &mut SchemaGenerator) -> Schema {
            let value = generator.subschema_for::<V>();
            json_schema!({
                "type": "object",
                "propertyNames": { "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$" },
                "additionalProperties": value
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PriceText, price_in_text};

    #[test]
    fn prices_written_as_text_are_understood_for_the_hint() {
        assert_eq!(price_in_text("Rp 15.000"), Some(PriceText::Amount(15000)));
        assert_eq!(price_in_text("Rp15.000,-"), Some(PriceText::Amount(15000)));
        assert_eq!(price_in_text("15000,50"), Some(PriceText::Amount(15000)));
        assert_eq!(price_in_text("1.250.000"), Some(PriceText::Amount(1_250_000)));
        assert_eq!(price_in_text("10000-20000"), Some(PriceText::Range(10000, 20000)));
        assert_eq!(price_in_text("Rp 25.000 - Rp 10.000"), Some(PriceText::Range(10000, 25000)));
        assert_eq!(price_in_text("hubungi kami"), None);
        assert_eq!(price_in_text("12345678901234567"), None);
    }
}
