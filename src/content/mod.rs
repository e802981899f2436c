//! Loading a site: from the files editors commit to a checked [`Site`] model.
//!
//! The pipeline is `site.yaml` → taxonomies → records (read and parsed in parallel) →
//! validation across records → the model. Every problem found on the way is collected as a
//! [`Diagnostic`], so one run reports all of a commit's errors, like a compiler.

pub mod load;
pub mod model;
pub mod qris;
pub mod records;
pub mod slug;
pub mod source;
pub mod taxonomy;
pub mod validate;
pub mod yaml;

pub use model::Site;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use std::path::Path;

/// What to include when loading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Keep records marked `draft: true`.
    pub drafts: bool,
}

/// Loads and checks the whole site at `site_dir`; `base_url` overrides `site.yaml`'s.
pub fn load_site(
    site_dir: &Path,
    base_url: Option<crate::config::BaseUrl>,
    options: LoadOptions,
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
    let files = load::load_records(&root, &mut diagnostics);
    let site = validate::build_model(root, config, categories, regions, files, options, &mut diagnostics);
    if diagnostics.is_empty() {
        Ok(site.expect("a model is built whenever there are no errors"))
    } else {
        Err(diagnostics.finish())
    }
}
