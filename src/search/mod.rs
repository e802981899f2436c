//! Search: the index behind `/cari/`, written at build time from the model (never from the
//! HTML), for the theme's search script to query in the browser. It reads the derived
//! catalogue (`derive`) and the descriptions pages noted, never `render`.
//!
//! - `crate::words` (shared with `config`): folding, words and spelling variants (the script
//!   applies the same rules);
//! - `index`: documents numbered in facet order, and the lists of who contains which word
//!   and prefix, weighed by field;
//! - `write`: the index as small files, so a query downloads only the parts it needs.
//!
//! Drafts are not in the model of a public build, so they are never in the index. The format
//! and the query rules are documented in docs/search.md.

pub mod index;
pub mod write;

use crate::derive::{Catalog, Descriptions};
use crate::words::Variants;

/// Why the index could not be made.
#[derive(Debug)]
pub enum SearchError {
    /// A record's body could not be read again from its file.
    Source(std::io::Error),
    /// An index file could not be written.
    Write(std::io::Error),
}

/// Builds the index of `catalog`, taking the descriptions the pages `noted`, and hands its
/// files to `sink`.
pub fn publish(catalog: &Catalog, noted: Descriptions, sink: write::Sink) -> Result<write::Written, SearchError> {
    let variants = Variants::new(&catalog.site.config.search_variants);
    let index = index::Index::build(catalog, noted, &variants).map_err(SearchError::Source)?;
    write::write(&index, catalog.site, &variants, sink).map_err(SearchError::Write)
}
