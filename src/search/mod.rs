//! Search: the index behind `/cari/`, written at build time from the model (never from the
//! HTML), for the theme's search script to query in the browser.
//!
//! - `text`: folding, words and spelling variants (the script applies the same rules);
//! - `index`: documents numbered in facet order, and the lists of who contains which word
//!   and prefix, weighed by field;
//! - `write`: the index as small files, so a query downloads only the parts it needs.
//!
//! Drafts are not in the model of a public build, so they are never in the index. The format
//! and the query rules are documented in docs/search.md.

pub mod index;
pub mod text;
pub mod write;

use crate::output::Staging;
use crate::render::{Catalog, RenderError};

/// Builds the index of `catalog` and writes it into `staging`.
pub fn publish(catalog: &Catalog, staging: &Staging) -> Result<write::Written, RenderError> {
    let variants = text::Variants::new(&catalog.site.config.search_variants);
    // Only reading a record's body again can fail here.
    let index = index::Index::build(catalog, &variants).map_err(RenderError::Source)?;
    Ok(write::write(&index, catalog.site, &variants, staging)?)
}
