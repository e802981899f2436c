//! The searchable start of each product's and vendor's description, noted as pages render.
//!
//! A product or vendor page reads its record's body anyway; noting the first words then
//! spares the search index a second read of every record's file (at 100,000 vendors on a
//! machine whose page cache no longer held the site, that second read took a minute of a
//! three-minute build). `render` returns what its pages noted, the orchestrator hands it to
//! `search`, and the index takes each description once, freeing it as it goes. A record
//! whose page was not rendered (an incremental build kept it) is read again. Bodies already
//! in memory (`products.yaml`, `katalog serve`) are not noted: they cost nothing to read
//! again. About 450 bytes a record, held from its page until the index takes it.

use crate::content::Site;
use crate::content::model::{Body, ProductId, VendorId};

/// Words of a description that are indexed (the start of the body).
pub const DESCRIPTION_WORDS: usize = 60;

/// Whose description a page noted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Described {
    Product(ProductId),
    Vendor(VendorId),
}

/// One page's note: the searchable start of its record's body.
#[derive(Debug)]
pub struct Noted {
    pub of: Described,
    pub text: Box<str>,
}

impl Noted {
    /// The note of a page that read `body` as `text`; none for a body kept in memory.
    pub fn of_body(of: Described, body: &Body, text: &str) -> Option<Noted> {
        body.is_in_file().then(|| Noted { of, text: description(text).into() })
    }
}

/// The descriptions noted by one build's pages, by record.
#[derive(Debug, Default)]
pub struct Descriptions {
    products: Vec<Option<Box<str>>>,
    vendors: Vec<Option<Box<str>>>,
}

impl Descriptions {
    /// No description noted yet, for the records of `site`.
    pub fn new(site: &Site) -> Descriptions {
        Descriptions { products: vec![None; site.products.len()], vendors: vec![None; site.vendors.len()] }
    }

    /// Keeps a page's note (the first one, when two pages note the same record).
    pub fn keep(&mut self, noted: Noted) {
        let slot = match noted.of {
            Described::Product(id) => self.products.get_mut(id.index()),
            Described::Vendor(id) => self.vendors.get_mut(id.index()),
        };
        if let Some(slot) = slot
            && slot.is_none()
        {
            *slot = Some(noted.text);
        }
    }

    /// Takes a noted description out: each is read once, and freed as the index goes.
    pub fn take(&mut self, of: Described) -> Option<String> {
        let slot = match of {
            Described::Product(id) => self.products.get_mut(id.index()),
            Described::Vendor(id) => self.vendors.get_mut(id.index()),
        };
        slot.and_then(Option::take).map(String::from)
    }
}

/// The first [`DESCRIPTION_WORDS`] words of a markdown body, as text. Only the start of the
/// markdown is parsed: up to the last space before 700 bytes, enough for those words.
pub fn description(body: &str) -> String {
    let mut end = body.len().min(700);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    if end < body.len() {
        end = body[..end].rfind(char::is_whitespace).unwrap_or(end);
    }
    let text = crate::markdown::to_plain_text(&body[..end], DESCRIPTION_WORDS * 12);
    text.split_whitespace().take(DESCRIPTION_WORDS).collect::<Vec<_>>().join(" ")
}
