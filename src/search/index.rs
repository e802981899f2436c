//! The search index in memory: documents in facet order, and who contains which word.
//!
//! Documents (products, vendors, events) are numbered in the order of their facet values —
//! kind, category, place, price step — so that every combination of values is one *run* of
//! consecutive numbers. The script counts facets and applies filters from the run table
//! alone, without a per-document table (docs/search.md).
//!
//! Each document's words are weighed by the field they come from ([`Tier`]): a word in the
//! name ranks above one in the tags, then category, vendor and place names, then the
//! description. Besides whole words, every prefix of two letters or more of a name, tag or
//! category word, and of its other spellings, has its own list (`ke`, `ker`, …, `keripi`,
//! `kr`, …, `kripi`), so typing finds words before they are finished at the cost of one list.

use crate::content::Site;
use crate::content::model::{EventId, ProductId, TermId, VendorId};
use crate::content::records::Price;
use crate::derive::descriptions::{Described, description};
use crate::derive::{Catalog, Descriptions};
use crate::words::{self as text, Variants};
use rayon::prelude::*;
use std::collections::HashMap;

/// Where a word was found, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Name = 0,
    Tags = 1,
    Context = 2,
    Description = 3,
}

/// The kinds of documents, in numbering order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Product = 0,
    Vendor = 1,
    Event = 2,
}

/// Lower bounds of the price steps, in rupiah: a product sits in the step of its lowest
/// price. Price filters are exact at these amounts (docs/search.md).
pub const PRICE_STEPS: &[u64] = &[
    0, 5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000, 75_000, 100_000, 150_000, 200_000, 250_000,
    500_000, 750_000, 1_000_000, 2_500_000, 5_000_000,
];

/// Marks a value that does not apply (no category, no place, no price).
pub const NONE: u32 = u32::MAX;

/// The facet values of a document: what numbers documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RunKey {
    pub kind: Kind,
    /// Category term, or [`NONE`] (events).
    pub category: u32,
    /// Region term: the district when known, else the kota/kabupaten; or [`NONE`].
    pub place: u32,
    /// Index in [`PRICE_STEPS`], or [`NONE`] (no price; vendors and events).
    pub step: u32,
}

/// What a result shows.
#[derive(Debug, Clone)]
pub struct Card {
    pub kind: Kind,
    /// Root-relative URL.
    pub url: String,
    pub name: String,
    /// The price of a product, the date of an event, empty for a vendor.
    pub detail: String,
    /// The vendor of a product; empty otherwise.
    pub vendor: String,
    /// District and region names.
    pub place: String,
    /// The smallest WebP and fallback derivatives of the cover or logo, with the size.
    pub thumb: Option<Thumb>,
}

#[derive(Debug, Clone)]
pub struct Thumb {
    pub webp: Option<String>,
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// A document before numbering: its facet values, its card, and the record it is.
pub struct Document {
    pub key: RunKey,
    pub price: u64,
    pub sort: String,
    pub card: Card,
    pub source: Source,
}

/// The record a document is made from.
#[derive(Debug, Clone, Copy)]
pub enum Source {
    Product(ProductId),
    Vendor(VendorId),
    Event(EventId),
}

impl Source {
    /// Whose description a page may have noted for this document.
    fn described(self) -> Option<Described> {
        match self {
            Source::Product(id) => Some(Described::Product(id)),
            Source::Vendor(id) => Some(Described::Vendor(id)),
            Source::Event(_) => None,
        }
    }
}

/// The built index.
pub struct Index {
    /// In document order.
    pub cards: Vec<Card>,
    /// Runs in document order: their key and length.
    pub runs: Vec<(RunKey, u32)>,
    /// Whole words: `(document << 2) | tier`, by document.
    pub words: Lists,
    /// Prefixes of name, tag and context words, the same way.
    pub prefixes: Lists,
    /// Words so common in descriptions that their description matches are not listed (the
    /// script then does not require them).
    pub common: std::collections::HashSet<String>,
}

/// A word in more descriptions than this share (and at least [`COMMON_MIN`] of them) is not
/// indexed in descriptions: such a list would cost more to download than it tells.
const COMMON_SHARE: f64 = 0.05;
const COMMON_MIN: usize = 1000;

/// Term → `(document << 2) | tier`, by document.
pub type Lists = HashMap<String, Vec<u32>, foldhash::fast::RandomState>;

/// Documents per parallel chunk of [`Index::build`].
const CHUNK: usize = 4096;

impl Index {
    /// Fails only when a record's body cannot be read again from its file. Takes each
    /// description the pages noted out of `noted` as it goes.
    pub fn build(catalog: &Catalog, mut noted: Descriptions, variants: &Variants) -> std::io::Result<Index> {
        let sources = documents(catalog);

        let mut runs: Vec<(RunKey, u32)> = Vec::new();
        for s in &sources {
            match runs.last_mut() {
                Some((key, len)) if *key == s.key => *len += 1,
                _ => runs.push((s.key, 1)),
            }
        }

        // Lists of chunks of documents in parallel, appended in document order a few chunks
        // at a time. A word found in more descriptions than `limit` is common: its
        // description matches are dropped as soon as it is known to be, so they never pile up.
        let limit = ((sources.len() as f64 * COMMON_SHARE) as usize).max(COMMON_MIN);
        let mut words = Lists::default();
        let mut prefixes = Lists::default();
        let mut in_descriptions: HashMap<String, usize, foldhash::fast::RandomState> = HashMap::default();
        let mut common = std::collections::HashSet::new();
        let is_description = |p: &u32| p & 3 == Tier::Description as u32;
        let group = CHUNK * rayon::current_num_threads() * 2;
        for (g, docs) in sources.chunks(group).enumerate() {
            // This group's noted descriptions, taken out (and so freed after the group).
            let mut group_noted: Vec<Option<String>> =
                docs.iter().map(|d| d.source.described().and_then(|of| noted.take(of))).collect();
            let chunks: Vec<(Lists, Lists)> = docs
                .par_chunks(CHUNK)
                .zip(group_noted.par_chunks_mut(CHUNK))
                .enumerate()
                .map(|(n, (chunk, chunk_noted))| lists_of(chunk, chunk_noted, g * group + n * CHUNK, catalog, variants))
                .collect::<std::io::Result<_>>()?;
            for (chunk_words, chunk_prefixes) in chunks {
                for (term, list) in chunk_words {
                    if common.contains(&term) {
                        words.entry(term).or_default().extend(list.into_iter().filter(|p| !is_description(p)));
                        continue;
                    }
                    let count = in_descriptions.entry(term.clone()).or_default();
                    *count += list.iter().filter(|p| is_description(p)).count();
                    let into = words.entry(term.clone()).or_default();
                    into.extend(list);
                    if *count > limit {
                        into.retain(|p| !is_description(p));
                        common.insert(term);
                    }
                }
                for (term, list) in chunk_prefixes {
                    prefixes.entry(term).or_default().extend(list);
                }
            }
        }
        // A common word found only in descriptions keeps its (empty) entry: the script must
        // know it, to not require it.
        Ok(Index { cards: sources.into_iter().map(|s| s.card).collect(), runs, words, prefixes, common })
    }
}

/// The word and prefix lists of `chunk`, whose first document is `first`.
fn lists_of(
    chunk: &[Document],
    noted: &mut [Option<String>],
    first: usize,
    catalog: &Catalog,
    variants: &Variants,
) -> std::io::Result<(Lists, Lists)> {
    let mut words = Lists::default();
    let mut prefixes = Lists::default();
    let mut best: HashMap<String, Tier, foldhash::fast::RandomState> = HashMap::default();
    for (i, (s, noted)) in chunk.iter().zip(noted).enumerate() {
        best.clear();
        for (tier, text) in
            [Tier::Name, Tier::Tags, Tier::Context, Tier::Description].into_iter().zip(s.fields(catalog, noted.take())?)
        {
            for term in text::terms(&text, variants) {
                best.entry(term).or_insert(tier);
            }
        }
        let mut best_prefix: HashMap<&str, Tier, foldhash::fast::RandomState> = HashMap::default();
        for (term, &tier) in &best {
            if tier != Tier::Description {
                // The prefixes of the word's other spellings too: typing `krip` finds
                // *Keripik* with one list, as typing `kerip` does.
                let spellings =
                    std::iter::once(term.as_str()).chain(variants.spellings(term).iter().map(String::as_str));
                for prefix in spellings.flat_map(prefixes_of) {
                    let at = best_prefix.entry(prefix).or_insert(tier);
                    *at = (*at).min(tier);
                }
            }
        }
        let doc = u32::try_from(first + i).ok().filter(|&d| d < 1 << 30).expect("fewer than 2^30 documents") << 2;
        for (prefix, tier) in best_prefix {
            match prefixes.get_mut(prefix) {
                Some(list) => list.push(doc | tier as u32),
                None => {
                    prefixes.insert(prefix.to_string(), vec![doc | tier as u32]);
                }
            }
        }
        for (term, tier) in best.drain() {
            words.entry(term).or_default().push(doc | tier as u32);
        }
    }
    Ok((words, prefixes))
}

/// The prefixes of `word` that have their own list: two letters or more, shorter than the word.
pub fn prefixes_of(word: &str) -> impl Iterator<Item = &str> {
    word.char_indices().skip(2).map(move |(i, _)| &word[..i])
}

/// The step of a price in [`PRICE_STEPS`].
pub fn price_step(amount: u64) -> u32 {
    (PRICE_STEPS.partition_point(|&low| low <= amount) - 1) as u32
}

/// One document per public product, vendor and event, in document order (without its
/// text: [`Document::fields`] makes it when it is indexed, so a million descriptions are
/// never held at once).
pub fn documents(catalog: &Catalog) -> Vec<Document> {
    let site: &Site = catalog.site;
    let place_text = |term: Option<TermId>| place_names(site, term);
    let products = site.products.par_iter().enumerate().map(|(id, p)| {
        let id = ProductId(id);
        let vendor = &site.vendors[p.vendor];
        let card = &catalog.product_cards[id];
        let place = vendor.district.unwrap_or(vendor.region);
        let price = p.price.map(Price::min);
        Document {
            key: RunKey {
                kind: Kind::Product,
                category: p.category.index() as u32,
                place: place.index() as u32,
                step: price.map_or(NONE, price_step),
            },
            price: price.unwrap_or(0),
            sort: crate::derive::sort_key(&p.name),
            source: Source::Product(id),
            card: Card {
                kind: Kind::Product,
                url: card.url.clone(),
                name: p.name.clone(),
                detail: card.price.clone(),
                vendor: vendor.name.clone(),
                place: place_text(Some(place)),
                thumb: p.images.first().and_then(|i| thumb(catalog, &i.path)),
            },
        }
    });
    let vendors = site.vendors.par_iter().enumerate().map(|(id, v)| {
        let id = VendorId(id);
        let card = &catalog.vendor_cards[id];
        let place = v.district.unwrap_or(v.region);
        Document {
            key: RunKey {
                kind: Kind::Vendor,
                category: v.category.index() as u32,
                place: place.index() as u32,
                step: NONE,
            },
            price: 0,
            sort: crate::derive::sort_key(&v.name),
            source: Source::Vendor(id),
            card: Card {
                kind: Kind::Vendor,
                url: card.url.clone(),
                name: v.name.clone(),
                detail: String::new(),
                vendor: String::new(),
                place: place_text(Some(place)),
                thumb: v.logo.as_ref().and_then(|i| thumb(catalog, &i.path)),
            },
        }
    });
    let events = site.events.par_iter().enumerate().map(|(id, e)| {
        let id = EventId(id);
        let card = &catalog.events.cards[id];
        let place = e.district.or(e.region);
        Document {
            key: RunKey {
                kind: Kind::Event,
                category: NONE,
                place: place.map_or(NONE, |p| p.index() as u32),
                step: NONE,
            },
            price: 0,
            sort: crate::derive::sort_key(&e.title),
            source: Source::Event(id),
            card: Card {
                kind: Kind::Event,
                url: card.url.clone(),
                name: e.title.clone(),
                detail: card.when.clone(),
                vendor: e.venue.clone(),
                place: place_text(place),
                thumb: None,
            },
        }
    });
    let mut sources: Vec<Document> = products.chain(vendors).chain(events).collect();
    sources.par_sort_by(|a, b| (a.key, a.price, &a.sort, &a.card.url).cmp(&(b.key, b.price, &b.sort, &b.card.url)));
    sources
}

impl Document {
    /// The document's searchable text, by [`Tier`]: name; tags and variant names; category,
    /// vendor, owner, venue and place names; the first words of the description: `noted`,
    /// the one its page noted, else read from the body.
    pub fn fields(&self, catalog: &Catalog, noted: Option<String>) -> std::io::Result<[String; 4]> {
        let site = catalog.site;
        let category_text = |term: TermId| {
            let names: Vec<&str> =
                site.categories.self_and_ancestors(term).map(|t| site.categories.terms[t].name.as_str()).collect();
            names.join(" ")
        };
        match self.source {
            Source::Product(id) => {
                let p = &site.products[id];
                let vendor = &site.vendors[p.vendor];
                let mut tags = p.tags.join(" ");
                for variant in &p.variants {
                    tags.push(' ');
                    tags.push_str(&variant.name);
                }
                let place = place_names(site, Some(vendor.district.unwrap_or(vendor.region)));
                let context = format!("{} {} {place}", category_text(p.category), vendor.name);
                let description = match noted {
                    Some(text) => text,
                    None => description(&p.body.text()?),
                };
                Ok([p.name.clone(), tags, context, description])
            }
            Source::Vendor(id) => {
                let v = &site.vendors[id];
                let place = place_names(site, Some(v.district.unwrap_or(v.region)));
                let owner = v.owner.as_deref().unwrap_or_default();
                let context = format!("{} {owner} {place}", category_text(v.category));
                let description = match noted {
                    Some(text) => text,
                    None => description(&v.body.text()?),
                };
                Ok([v.name.clone(), String::new(), context, description])
            }
            Source::Event(id) => {
                let e = &site.events[id];
                let place = place_names(site, e.district.or(e.region));
                let organizer = e.organizer.as_deref().unwrap_or_default();
                Ok([e.title.clone(), String::new(), format!("{} {organizer} {place}", e.venue), description(&e.body)])
            }
        }
    }
}

/// `Tebet, Jakarta Selatan`: a place and the places it is in.
fn place_names(site: &Site, term: Option<TermId>) -> String {
    let regions = &site.regions.terms;
    let mut names: Vec<&str> = Vec::new();
    let mut at = term;
    while let Some(t) = at {
        names.push(&regions[t].name);
        at = regions[t].parent;
    }
    names.join(", ")
}

/// The smallest published derivative of an image, in WebP and in the fallback format.
fn thumb(catalog: &Catalog, path: &std::path::Path) -> Option<Thumb> {
    use crate::config::ImageFormat;
    let files = &catalog.images.get(path)?.files;
    let smallest = |format: ImageFormat| files.iter().filter(|f| f.format == format).min_by_key(|f| f.width);
    let fallback = smallest(crate::derive::fallback_format(&catalog.site.config.images.formats))?;
    Some(Thumb {
        webp: smallest(ImageFormat::Webp).filter(|w| w.path != fallback.path).map(|f| catalog.url(&f.path)),
        src: catalog.url(&fallback.path),
        width: fallback.width,
        height: fallback.height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_two_letters_or_more_and_shorter_than_the_word() {
        assert_eq!(prefixes_of("kopi").collect::<Vec<_>>(), ["ko", "kop"]);
        assert_eq!(prefixes_of("es").count(), 0);
        assert_eq!(prefixes_of("kué").collect::<Vec<_>>(), ["ku"]);
    }

    #[test]
    fn prices_fall_in_the_step_of_their_lower_bound() {
        assert_eq!(price_step(0), 0);
        assert_eq!(price_step(4_999), 0);
        assert_eq!(price_step(5_000), 1);
        assert_eq!(price_step(24_999), 4);
        assert_eq!(price_step(25_000), 5);
        assert_eq!(price_step(99_000_000), PRICE_STEPS.len() as u32 - 1);
    }
}
