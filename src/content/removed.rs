//! Removed records: `content/dihapus.yaml` lists published paths whose records are gone, so
//! that a printed QR code for them still leads somewhere: a page that says the product is no
//! longer sold (or the UMKM no longer listed), with links onwards.
//!
//! ```yaml
//! - path: umkm/kopi-tebet/keripik-kopi/
//!   reason: Tidak diproduksi lagi.
//!   replacement: umkm/kopi-tebet/kopi-susu/
//! - path: umkm/warung-tutup/          # a vendor: its products follow it
//!   products: [kopi-susu, keripik]     # each gets its own page
//! ```
//!
//! Paths are written as aliases are (`aliases::normalise`) and checked with them: one path,
//! one claim; never a page the site still has. A replacement must be a page of the site or an
//! alias of one (which it then names directly).

use super::aliases::{self, Claim};
use super::model::{Removed, RemovedKind, Site};
use super::records::RemovedRecord;
use crate::config::BaseUrl;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::SourceText;
use crate::source::yaml;
use std::path::Path;

/// The file, relative to the site.
pub(crate) const REMOVED_FILE: &str = "content/dihapus.yaml";

/// The file's entries, when the site has one.
pub(crate) fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<(SourceText, Vec<RemovedRecord>)> {
    let path = Path::new(REMOVED_FILE);
    let absolute = root.join(REMOVED_FILE);
    if !absolute.is_file() {
        return None;
    }
    let source = SourceText::read(&absolute, path).map_err(|d| diagnostics.push(d)).ok()?;
    if source.text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#') || l.trim() == "---") {
        return Some((source, Vec::new())); // nothing removed yet
    }
    let entries: Option<Vec<RemovedRecord>> = yaml::parse_document(&source.text, path, "removed records")
        .map_err(|d: Diagnostic| diagnostics.push(d))
        .ok()?;
    Some((source, entries.unwrap_or_default()))
}

/// An entry whose path is claimed, waiting for the whole site to check its replacement.
pub(crate) struct Pending {
    path: String,
    reason: Option<String>,
    /// The replacement as written, normalised, and where.
    replacement: Option<(String, Diagnostic)>,
    /// The category's slug as written, and where.
    category: Option<(String, Diagnostic)>,
}

/// Normalises each entry's path (and its products' paths), claiming each like an alias.
pub(crate) fn claim(
    source: &SourceText,
    entries: Vec<RemovedRecord>,
    base: &BaseUrl,
    claims: &mut Vec<Claim>,
    diagnostics: &mut Diagnostics,
) -> Vec<Pending> {
    let located = |value: &serde_saphyr::Spanned<String>| {
        super::load::at(source, value, "").with_width(value.value.chars().count().max(1))
    };
    let mut pending = Vec::new();
    for entry in entries {
        let at = located(&entry.path);
        let path = match aliases::normalise(&entry.path.value, base, "removed path") {
            Ok(path) => path,
            Err((message, hint)) => {
                diagnostics.push(Diagnostic { message, ..at }.with_hint(hint));
                continue;
            }
        };
        let replacement =
            entry.replacement.as_ref().and_then(|r| match aliases::normalise(&r.value, base, "replacement") {
                Ok(target) => Some((target, located(r))),
                Err((message, hint)) => {
                    diagnostics.push(Diagnostic { message, ..located(r) }.with_hint(hint));
                    None
                }
            });
        let category = entry.category.as_ref().map(|c| (c.value.trim().to_string(), located(c)));
        if !entry.products.is_empty() && RemovedKind::of(&path) != RemovedKind::Vendor {
            diagnostics.push(
                Diagnostic {
                    message: format!("`products` belongs to a removed vendor; `{path}` is not a vendor's path"),
                    ..at.clone()
                }
                .with_hint("write the vendor's path, `umkm/<vendor>/`, or list each product as its own entry"),
            );
        }
        for product in &entry.products {
            let product_path = format!("{path}{}/", product.value.trim());
            if !crate::source::slug::is_slug(product.value.trim()) {
                diagnostics.push(
                    Diagnostic { message: format!("`{}` is not a product slug", product.value), ..located(product) }
                        .with_hint("write the product's slug as it was in its URL: `kopi-susu`"),
                );
                continue;
            }
            claims.push(Claim { what: "removed path", path: product_path.clone(), at: located(product) });
            pending.push(Pending {
                path: product_path,
                reason: entry.reason.clone(),
                replacement: replacement.clone(),
                category: category.clone(),
            });
        }
        claims.push(Claim { what: "removed path", path: path.clone(), at });
        pending.push(Pending { path, reason: entry.reason, replacement, category });
    }
    pending
}

/// The removed paths of the model, each replacement checked against the site: a page it has
/// (a record's, a section's, a taxonomy's listing) or an alias of one, named directly.
pub(crate) fn resolve(
    pending: Vec<Pending>,
    site: &Site,
    live: &std::collections::HashSet<String>,
    diagnostics: &mut Diagnostics,
) -> Vec<Removed> {
    let redirects = aliases::redirects(site);
    let listings: std::collections::HashSet<String> = site
        .categories
        .terms
        .iter()
        .map(|t| crate::paths::category(&t.slug))
        .chain(site.regions.terms.iter().map(|t| match t.parent {
            Some(p) => crate::paths::region(&site.regions.terms[p].slug, Some(&t.slug)),
            None => crate::paths::region(&t.slug, None),
        }))
        .chain(["kategori/", "wilayah/", "cari/", ""].map(String::from))
        .collect();
    let mut removed: Vec<Removed> = pending
        .into_iter()
        .map(|p| {
            let replacement = p.replacement.and_then(|(target, at)| {
                if live.contains(&target) || listings.contains(&target) {
                    return Some(target);
                }
                if let Ok(i) = redirects.binary_search_by(|r| r.from.as_str().cmp(&target)) {
                    return Some(redirects[i].to.clone());
                }
                diagnostics.push(
                    Diagnostic { message: format!("the replacement `{target}` is not a page of the site"), ..at }
                        .with_hint(
                            "name a product, vendor, event or free page that is published, or leave `replacement` out",
                        ),
                );
                None
            });
            let category = p.category.and_then(|(slug, at)| {
                let found = site.categories.find(&slug);
                if found.is_none() {
                    let known = site.categories.terms.iter().map(|t| t.slug.as_str());
                    let hint = match crate::diagnostics::did_you_mean(&slug, known) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => "use a category slug of content/categories.yaml".to_string(),
                    };
                    diagnostics
                        .push(Diagnostic { message: format!("unknown category `{slug}`"), ..at }.with_hint(hint));
                }
                found
            });
            Removed { what: RemovedKind::of(&p.path), path: p.path, reason: p.reason, replacement, category }
        })
        .collect();
    removed.sort_by(|a, b| a.path.cmp(&b.path));
    removed
}
