//! Loading a site: from the files editors commit to a checked [`Site`] model.
//!
//! The pipeline is `site.yaml` → taxonomies → records (read and parsed in parallel) →
//! validation across records → the model. Every problem found on the way is collected as a
//! [`Diagnostic`], so one run reports all of a commit's errors, like a compiler.

pub mod aliases;
pub mod git_dates;
pub mod load;
pub mod model;
pub mod qris;
pub mod records;
pub mod removed;
pub mod rrule;
pub mod taxonomy;
pub mod validate;

pub use model::Site;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use std::path::Path;

/// What a site is made of, below its folder: its settings file first, then the folders of its
/// records, theme and static files. `katalog serve` watches these, and Git dates read only
/// their history.
pub const SITE_PATHS: &[&str] = &["site.yaml", "content", "themes", "static"];

/// What to include when loading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Keep records marked `draft: true`.
    pub drafts: bool,
    /// Date records by their last Git commit.
    pub git_dates: bool,
    /// What to keep of the markdown bodies of vendors and products.
    pub bodies: Bodies,
}

/// What loading keeps of the markdown bodies of vendors and products (events and free pages
/// are few: theirs are always kept).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Bodies {
    /// Nothing (`katalog check` needs none of it).
    #[default]
    Dropped,
    /// Their hash; the text stays in the files and is read again for the pages that show it.
    InFiles,
    /// In memory (`katalog serve`: its records outlive a build, and their files change).
    InMemory,
}

/// Loads and checks the whole site at `site_dir`; `base_url` overrides `site.yaml`'s.
pub fn load_site(
    site_dir: &Path,
    base_url: Option<crate::config::BaseUrl>,
    options: LoadOptions,
) -> Result<Site, Diagnostics> {
    load_site_cached(site_dir, base_url, options, &mut load::RecordCache::default())
}

/// [`load_site`], reading only the record folders `cache` does not hold (`katalog serve`).
pub fn load_site_cached(
    site_dir: &Path,
    base_url: Option<crate::config::BaseUrl>,
    options: LoadOptions,
    cache: &mut load::RecordCache,
) -> Result<Site, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let config = match SiteConfig::load(site_dir) {
        Ok(mut config) => {
            if let Some(url) = base_url {
                config.base_url = url;
            }
            Some(config)
        }
        Err(errors) => {
            diagnostics.extend(errors);
            None
        }
    };
    let root = match site_dir.canonicalize() {
        Ok(root) => root,
        Err(e) => {
            diagnostics
                .push(crate::diagnostics::Diagnostic::file(site_dir, format!("cannot open the site folder: {e}")));
            return Err(diagnostics.finish());
        }
    };
    let categories = taxonomy::load_categories(&root, &mut diagnostics);
    let regions = taxonomy::load_regions(&root, &mut diagnostics);
    let mut files = load::load_records(&root, options.bodies, &mut diagnostics, cache);
    files.removed = removed::load(&root, &mut diagnostics);
    let site = validate::build_model(root, config, categories, regions, files, options, &mut diagnostics);
    if diagnostics.is_empty() {
        let mut site = site.expect("a model is built whenever there are no errors");
        if options.git_dates {
            site.git_dates = match git_dates::read(&site.root) {
                Ok(dates) => model::GitDating::Dated(apply_dates(&mut site, &dates)),
                Err(reason) => model::GitDating::Unavailable(reason),
            };
        }
        Ok(site)
    } else {
        Err(diagnostics.finish())
    }
}

/// Gives every record the date of its file; returns how many files are dated.
fn apply_dates(site: &mut Site, dates: &git_dates::GitDates) -> usize {
    for v in &mut site.vendors {
        v.updated = dates.get(&v.source);
    }
    for p in &mut site.products {
        p.updated = dates.get(&p.source);
    }
    for e in &mut site.events {
        e.updated = dates.get(&e.source);
    }
    for p in &mut site.free_pages {
        p.updated = dates.get(&p.source);
    }
    dates.len()
}
