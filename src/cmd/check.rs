//! `katalog check`: load and validate the whole site and its theme, write nothing.

use super::{CONTENT_ERRORS, SUCCESS, USAGE_OR_IO, exit, report};
use crate::content::{Bodies, LoadOptions, load_site};
use crate::diagnostics::{Diagnostics, Format};
use crate::theme::Theme;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(site_dir: &Path, format: Format, cache_dir: &Path) -> ExitCode {
    let started = Instant::now();
    if !site_dir.is_dir() {
        eprintln!("error: {} is not a folder", site_dir.display());
        return exit(USAGE_OR_IO);
    }
    // Drafts are checked too: an editor wants to know before publishing them.
    let site = match load_site(site_dir, None, LoadOptions { drafts: true, git_dates: false, bodies: Bodies::Dropped })
    {
        Ok(site) => site,
        Err(diagnostics) => {
            report(&diagnostics, format);
            return exit(CONTENT_ERRORS);
        }
    };
    // The theme's templates and strings are part of what a build needs.
    if let Err(diagnostic) = Theme::load(&site.root, &site.config.theme, &site.config.language) {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(diagnostic);
        report(&diagnostics, format);
        return exit(CONTENT_ERRORS);
    }
    // Image headers: not an image, or over the limits (damaged pixels show only in a build).
    if let Err(diagnostics) = crate::images::inspect(&site, cache_dir) {
        report(&diagnostics, format);
        return exit(CONTENT_ERRORS);
    }
    eprintln!(
        "ok: {} vendors, {} products, {} events, {} pages checked in {:.2}s",
        site.vendors.len(),
        site.products.len(),
        site.events.len(),
        site.free_pages.len(),
        started.elapsed().as_secs_f64()
    );
    exit(SUCCESS)
}
