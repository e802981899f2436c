//! `katalog check`: load and validate the whole site and its theme, write nothing.

use super::{CONTENT_ERRORS, SUCCESS, USAGE_OR_IO, exit};
use crate::content::{LoadOptions, load_site};
use crate::render::theme::Theme;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(site_dir: &Path) -> ExitCode {
    let started = Instant::now();
    if !site_dir.is_dir() {
        eprintln!("error: {} is not a folder", site_dir.display());
        return exit(USAGE_OR_IO);
    }
    // Drafts are checked too: an editor wants to know before publishing them.
    let site = match load_site(site_dir, None, LoadOptions { drafts: true }) {
        Ok(site) => site,
        Err(diagnostics) => {
            eprint!("{}", diagnostics.render());
            return exit(CONTENT_ERRORS);
        }
    };
    // The theme's templates and strings are part of what a build needs.
    if let Err(diagnostic) = Theme::load(&site.root, &site.config.theme, &site.config.language) {
        eprint!("{diagnostic}");
        return exit(CONTENT_ERRORS);
    }
    eprintln!(
        "ok: {} vendors, {} products, {} events, {} pages checked in {:.2}s",
        site.vendors.len(),
        site.products.len(),
        site.events.len(),
        site.pages.len(),
        started.elapsed().as_secs_f64()
    );
    exit(SUCCESS)
}
