//! Aliases: old paths that now lead to a record. A URL that was published may be printed on
//! a booth card, so when a record is renamed or moved, its old path stays as an alias and the
//! build writes a redirect there (`render::kinds::RedirectPage`, and `_redirects`).
//!
//! An alias is written as a path of the site (`umkm/kopi-lama/`, with or without the slashes,
//! or with the site's base path) or as a full URL on the site's own base URL. It must stay
//! inside the site, must not be a page the site still has (a record's, a listing's or a
//! section's), and only one record may claim it. A vendor's alias also carries its products
//! and its booth-card sheet: `umkm/kopi-lama/kopi-susu/` leads to the product's page now.

use super::Site;
use crate::config::BaseUrl;
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::paths;
use std::collections::{HashMap, HashSet};

/// First path segments of the site's own files and sections, never an alias.
const SECTIONS: &[&str] = &["kategori", "wilayah", "cari", "gambar", "aset", "data"];

/// An alias as written, normalised to a site path: relative to the site's root, ending in `/`
/// for a page (or in its file name, such as `lama.html`). Or what is wrong with it, and a hint.
pub(crate) fn normalise(written: &str, base: &BaseUrl, what: &str) -> Result<String, (String, String)> {
    let text = written.trim();
    let outside = |why: &str| {
        (
            format!("the {what} `{written}` is outside the site ({why})"),
            format!("write a path of this site, such as `umkm/kopi-lama/`, or a URL starting with {}", base.absolute),
        )
    };
    let path = if let Some(rest) = text.strip_prefix(base.absolute.as_str()) {
        rest
    } else if text.contains("://") || text.starts_with("//") {
        return Err(outside("another address"));
    } else if let Some(rest) = text.strip_prefix(base.root.as_str()) {
        rest
    } else if text.starts_with('/') {
        return Err(outside(&format!("the site starts at {}", base.root)));
    } else {
        text
    };
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        return Err((
            format!("the {what} `{written}` is the home page"),
            "an alias names an old page, not the site's root".into(),
        ));
    }
    let segments: Vec<&str> = path.split('/').collect();
    if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
        return Err(outside("empty, `.` or `..` parts"));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~%".contains(c);
    if let Some(bad) = path.chars().find(|&c| !allowed(c) && c != '/') {
        return Err((
            format!("the {what} `{written}` has a `{bad}`, which is not part of a path"),
            "write the old path as it appeared in the address bar, without `?`, `#` or spaces".into(),
        ));
    }
    if SECTIONS.contains(&segments[0]) {
        return Err((
            format!("the {what} `{written}` is inside `{}/`, which the site makes itself", segments[0]),
            "aliases are old paths of vendors, products, events and free pages".into(),
        ));
    }
    let file = segments.last().is_some_and(|last| last.contains('.'));
    Ok(if file { path.to_string() } else { format!("{path}/") })
}

/// A record's claim to an alias: its normalised path and where it is written.
#[derive(Debug, Clone)]
pub(crate) struct Claim {
    /// `alias` or `removed path`, for messages.
    pub what: &'static str,
    pub path: String,
    /// The alias's location in its file, with no message yet.
    pub at: Diagnostic,
}

/// The pages the site has that an alias could be mistaken for: every record's, every
/// taxonomy listing's first page, and the sections. (Later pages of listings and calendar
/// months are recognised by their shape: [`is_listing`].)
pub(crate) fn live_paths(site: &Site) -> HashSet<String> {
    let mut live: HashSet<String> = HashSet::with_capacity(
        2 + 2 * site.vendors.len() + site.products.len() + site.events.len() + site.free_pages.len(),
    );
    live.extend(["umkm/", "acara/"].map(String::from));
    for v in &site.vendors {
        live.insert(paths::vendor(&v.slug));
        live.insert(paths::booth_cards(&v.slug));
    }
    for p in &site.products {
        live.insert(paths::product(&site.vendors[p.vendor].slug, &p.slug));
    }
    live.extend(site.events.iter().map(|e| paths::event(&e.slug)));
    live.extend(site.free_pages.iter().map(|p| paths::free_page(&p.slug)));
    live
}

/// An old path and the page it leads to now.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Redirect {
    /// The old site path (`umkm/kopi-lama/`).
    pub from: String,
    /// The site path of the page it leads to.
    pub to: String,
    /// That page's title, for the link the redirect page shows.
    pub title: String,
}

/// The redirects of every alias, sorted by old path. A vendor's alias carries its products
/// and booth-card sheet; where such a path is also a product's own alias, the product's wins.
pub fn redirects(site: &Site) -> Vec<Redirect> {
    let mut explicit = Vec::new();
    let mut carried = Vec::new();
    let add = |to: &mut Vec<Redirect>, from: &str, path: String, title: &str| {
        to.push(Redirect { from: from.to_string(), to: path, title: title.to_string() })
    };
    for v in &site.vendors {
        for alias in &v.aliases {
            add(&mut explicit, alias, paths::vendor(&v.slug), &v.name);
            if alias.ends_with('/') {
                add(&mut carried, &format!("{alias}kartu-qr/"), paths::booth_cards(&v.slug), &v.name);
                for &p in &v.products {
                    let product = &site.products[p];
                    add(
                        &mut carried,
                        &format!("{alias}{}/", product.slug),
                        paths::product(&v.slug, &product.slug),
                        &product.name,
                    );
                }
            }
        }
    }
    for p in &site.products {
        for alias in &p.aliases {
            add(&mut explicit, alias, paths::product(&site.vendors[p.vendor].slug, &p.slug), &p.name);
        }
    }
    for e in &site.events {
        for alias in &e.aliases {
            add(&mut explicit, alias, paths::event(&e.slug), &e.title);
        }
    }
    for page in &site.free_pages {
        for alias in &page.aliases {
            add(&mut explicit, alias, paths::free_page(&page.slug), &page.title);
        }
    }
    explicit.append(&mut carried);
    explicit.sort_by(|a, b| a.from.cmp(&b.from));
    explicit.dedup_by(|later, first| later.from == first.from);
    explicit
}

/// Checks every claim against the pages the site still has and against each other.
pub(crate) fn check(claims: &[Claim], live: &HashSet<String>, diagnostics: &mut Diagnostics) {
    let mut first: HashMap<&str, &Claim> = HashMap::new();
    for claim in claims {
        let error = |message: String| Diagnostic { message, ..claim.at.clone() };
        if live.contains(&claim.path) || is_listing(&claim.path) {
            diagnostics.push(
                error(format!("the {} `{}` is a page the site still has", claim.what, claim.path))
                    .with_hint("an alias or a removed path is an old path that no page uses any more; remove it"),
            );
        } else if let Some(other) = first.get(claim.path.as_str()) {
            diagnostics.push(
                error(format!("the {} `{}` is claimed twice", claim.what, claim.path))
                    .with_note(format!("also claimed in {}:{}", display_path(&other.at.file), other.at.line))
                    .with_hint(
                        "an old path can lead to one place only: one record's alias, or one entry of dihapus.yaml",
                    ),
            );
        } else {
            first.insert(&claim.path, claim);
        }
    }
}

/// Whether a path is one of the pages made from listings: page N of anything, or a month of
/// the calendar.
fn is_listing(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    segments.contains(&"halaman")
        || (segments.first() == Some(&"acara")
            && segments.get(1).is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BaseUrl {
        BaseUrl::parse("https://katalog.example.go.id/katalog/").unwrap()
    }

    #[test]
    fn aliases_are_written_many_ways_and_mean_one_path() {
        for written in [
            "umkm/kopi-lama/",
            "umkm/kopi-lama",
            "/katalog/umkm/kopi-lama/",
            "https://katalog.example.go.id/katalog/umkm/kopi-lama",
            " umkm/kopi-lama/ ",
        ] {
            assert_eq!(normalise(written, &base(), "alias").as_deref(), Ok("umkm/kopi-lama/"), "{written}");
        }
        assert_eq!(normalise("lama/produk.html", &base(), "alias").as_deref(), Ok("lama/produk.html"));
    }

    #[test]
    fn aliases_outside_the_site_or_over_its_sections_are_refused() {
        for written in [
            "https://other.example/umkm/x/",
            "//other.example/x/",
            "/umkm/x/",
            "umkm/../rahasia/",
            "umkm//x/",
            "umkm/x?ref=qr",
            "umkm/x y/",
            "",
            "/katalog/",
            "kategori/kopi/",
            "gambar/foto.jpg",
        ] {
            assert!(normalise(written, &base(), "alias").is_err(), "{written:?} was accepted");
        }
    }

    #[test]
    fn listings_are_pages_the_site_has() {
        assert!(is_listing("umkm/halaman/2/"));
        assert!(is_listing("acara/2024/05/"));
        assert!(!is_listing("acara/bazar-lama/"));
        assert!(!is_listing("umkm/kopi-lama/"));
    }
}
