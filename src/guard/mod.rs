//! The guard of published URLs (`katalog check --against OLD`): every URL the previous build
//! published must, in this one, still be a page, a redirect to a page (an alias), or a
//! removed record's page. A printed QR code must never become a 404.
//!
//! OLD is the previous build's `sitemap.xml` (a sitemap index is followed to its sitemaps,
//! beside it), the previous output folder, whose product QR codes (`qr.png`) are also
//! decoded back to their URLs and held to the same rule, or the published site's address
//! (`https://…/`, or its sitemap's), whose sitemaps are fetched. A later page (`…/halaman/N/`) of a
//! listing the site still has may go: a listing that shrank loses its last pages.

use crate::config::BaseUrl;
use crate::content::Site;
use crate::content::model::RemovedKind;
use crate::derive::Catalog;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::kinds;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A URL the previous build published, and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldUrl {
    pub url: String,
    /// The sitemap or QR code that carried it, for the message.
    pub found_in: String,
}

/// The URLs OLD published: from its sitemap(s), and from its QR codes when it is a folder.
pub fn published(old: &Path) -> Result<Vec<OldUrl>, String> {
    if let Some(url) = old.to_str().filter(|s| s.starts_with("http://") || s.starts_with("https://")) {
        return fetched(url);
    }
    let (folder, sitemap) = if old.is_dir() { (Some(old), old.join("sitemap.xml")) } else { (None, old.to_path_buf()) };
    let text = std::fs::read_to_string(&sitemap).map_err(|e| format!("cannot read {}: {e}", sitemap.display()))?;
    let beside = sitemap.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut urls = Vec::new();
    if text.contains("<sitemapindex") {
        for loc in locs(&text) {
            let name = loc.rsplit('/').next().unwrap_or_default();
            let part = beside.join(name);
            let text = std::fs::read_to_string(&part)
                .map_err(|e| format!("the sitemap index names {loc}, but {} cannot be read: {e}", part.display()))?;
            urls.extend(locs(&text).into_iter().map(|url| OldUrl { url, found_in: name.to_string() }));
        }
    } else {
        let name = sitemap.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        urls.extend(locs(&text).into_iter().map(|url| OldUrl { url, found_in: name.clone() }));
    }
    if let Some(folder) = folder {
        urls.extend(qr_codes(folder)?);
    }
    Ok(urls)
}

/// The URLs in the sitemap(s) of a published site, fetched.
fn fetched(address: &str) -> Result<Vec<OldUrl>, String> {
    let sitemap = if address.ends_with(".xml") {
        address.to_string()
    } else {
        format!("{}/sitemap.xml", address.trim_end_matches('/'))
    };
    let get = |url: &str| -> Result<String, String> {
        let mut response = ureq::get(url).call().map_err(|e| format!("cannot fetch {url}: {e}"))?;
        response
            .body_mut()
            .with_config()
            .limit(MAX_SITEMAP_BYTES)
            .read_to_string()
            .map_err(|e| format!("cannot read {url}: {e}"))
    };
    let text = get(&sitemap)?;
    let name = |url: &str| url.rsplit('/').next().unwrap_or_default().to_string();
    if !text.contains("<sitemapindex") {
        return Ok(locs(&text).into_iter().map(|url| OldUrl { url, found_in: name(&sitemap) }).collect());
    }
    let mut urls = Vec::new();
    for part in locs(&text) {
        let text = get(&part)?;
        urls.extend(locs(&text).into_iter().map(|url| OldUrl { url, found_in: name(&part) }));
    }
    Ok(urls)
}

/// The largest sitemap read (the protocol allows 50 MB uncompressed).
const MAX_SITEMAP_BYTES: u64 = 64 * 1024 * 1024;

/// The `<loc>` values of a sitemap, unescaped.
fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</loc>").map(|(loc, _)| loc.trim()))
        .map(|loc| {
            loc.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
        })
        .collect()
}

/// The URL of every product QR code (`qr.png`) in the folder, decoded from its pixels.
fn qr_codes(folder: &Path) -> Result<Vec<OldUrl>, String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(folder).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if entry.file_name() != "qr.png" {
            continue;
        }
        let relative = entry.path().strip_prefix(folder).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        let image = image::open(entry.path()).map_err(|e| format!("cannot read the QR code {relative}: {e}"))?;
        let mut prepared = rqrr::PreparedImage::prepare(image.to_luma8());
        let url = prepared
            .detect_grids()
            .first()
            .and_then(|grid| grid.decode().ok())
            .map(|(_, text)| text)
            .ok_or_else(|| format!("the QR code {relative} cannot be decoded"))?;
        found.push(OldUrl { url, found_in: relative });
    }
    Ok(found)
}

/// Every old URL that leads nowhere in `site` (a public build: no drafts), as located
/// errors at the record file that made it.
pub fn check(site: &Site, catalog: &Catalog, old: &[OldUrl]) -> Diagnostics {
    let base: &BaseUrl = &site.config.base_url;
    let mut leads: HashSet<String> = kinds::jobs(catalog).iter().map(|job| job.kind().path(catalog)).collect();
    leads.extend(catalog.redirects.iter().map(|r| r.from.clone()));
    leads.extend(site.removed.iter().map(|r| r.path.clone()));
    let gone_vendors: Vec<&str> =
        site.removed.iter().filter(|r| r.what == RemovedKind::Vendor).map(|r| r.path.as_str()).collect();
    let mut diagnostics = Diagnostics::new();
    let mut seen = HashSet::new();
    for old in old {
        let url = old.url.split(['?', '#']).next().unwrap_or_default();
        if !seen.insert(url.to_string()) {
            continue;
        }
        let Some(path) = url.strip_prefix(base.absolute.as_str()) else {
            diagnostics.push(
                Diagnostic::file(&old.found_in, format!("{url} is not under this site's base_url ({})", base.absolute))
                    .with_hint("compare with the sitemap of the site as it is published now"),
            );
            continue;
        };
        let path = if path.is_empty() || path.ends_with('/') || path.ends_with(".html") {
            path.to_string()
        } else {
            format!("{path}/")
        };
        if leads.contains(&path) || gone_vendors.iter().any(|v| path.starts_with(v)) || shrunk_listing(&path, &leads) {
            continue;
        }
        diagnostics.push(
            Diagnostic::file(record_file(&path), format!("{url} was published and now leads nowhere"))
                .with_note(format!("published in {}", old.found_in))
                .with_hint(format!(
                    "if the record was renamed, add `aliases: [{path}]` to it; if it was deleted, list `{path}` in content/dihapus.yaml"
                )),
        );
    }
    diagnostics.finish()
}

/// Whether the path is a later page (`…/halaman/N/`) of a listing the site still has: a
/// listing that shrank loses its last pages, which no one prints.
fn shrunk_listing(path: &str, leads: &HashSet<String>) -> bool {
    path.split_once("halaman/").is_some_and(|(listing, _)| leads.contains(listing))
}

/// The file a page's record lived in, from its path (the file may be gone).
fn record_file(path: &str) -> PathBuf {
    match path.trim_end_matches('/').split('/').collect::<Vec<_>>().as_slice() {
        ["umkm", vendor] => PathBuf::from(format!("content/vendors/{vendor}/index.md")),
        ["umkm", vendor, product] => PathBuf::from(format!("content/vendors/{vendor}/{product}.md")),
        ["acara", event] => PathBuf::from(format!("content/events/{event}.md")),
        [page] => PathBuf::from(format!("content/pages/{page}.md")),
        _ => PathBuf::from("content"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locs_are_read_and_unescaped() {
        let xml = "<urlset><url><loc>https://a.example/x/?a=1&amp;b=2</loc></url>\n<url><loc> https://a.example/y/ </loc></url></urlset>";
        assert_eq!(locs(xml), ["https://a.example/x/?a=1&b=2", "https://a.example/y/"]);
    }

    #[test]
    fn a_path_names_the_file_of_its_record() {
        assert_eq!(record_file("umkm/kopi/"), PathBuf::from("content/vendors/kopi/index.md"));
        assert_eq!(record_file("umkm/kopi/susu/"), PathBuf::from("content/vendors/kopi/susu.md"));
        assert_eq!(record_file("acara/bazar/"), PathBuf::from("content/events/bazar.md"));
        assert_eq!(record_file("tentang/"), PathBuf::from("content/pages/tentang.md"));
    }
}
