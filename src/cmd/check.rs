//! `katalog check`: load and validate the whole site and its theme, write nothing.

use super::{CONTENT_ERRORS, SUCCESS, USAGE_OR_IO, exit, report};
use crate::content::{Bodies, LoadOptions, load_site};
use crate::diagnostics::{Diagnostics, Format};
use crate::theme::Theme;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(site_dir: &Path, format: Format, cache_dir: &Path, against: Option<&Path>) -> ExitCode {
    let started = Instant::now();
    if let Err(code) = super::require_site(site_dir) {
        return code;
    }
    // Drafts are checked too: an editor wants to know before publishing them.
    let site = match load_site(site_dir, None, LoadOptions { drafts: true, git_dates: false, bodies: Bodies::Dropped })
    {
        Ok(site) => site,
        Err(diagnostics) => {
            report(&diagnostics, format, "");
            return exit(CONTENT_ERRORS);
        }
    };
    // The theme's templates and strings are part of what a build needs.
    if let Err(diagnostic) = Theme::load(&site.root, &site.config.theme, &site.config.language) {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(diagnostic);
        report(&diagnostics, format, "");
        return exit(CONTENT_ERRORS);
    }
    // Image headers: not an image, or over the limits (damaged pixels show only in a build).
    if let Err(diagnostics) = crate::images::inspect(&site, cache_dir) {
        report(&diagnostics, format, "");
        return exit(CONTENT_ERRORS);
    }
    if let Some(old) = against {
        match guard(site_dir, old) {
            Ok((diagnostics, count)) if diagnostics.is_empty() => {
                eprintln!("ok: every one of the {count} URLs of {} still leads somewhere", old.display())
            }
            Ok((diagnostics, _)) => {
                report(&diagnostics, format, "");
                return exit(CONTENT_ERRORS);
            }
            Err(message) => {
                eprintln!("error: {message}");
                return exit(USAGE_OR_IO);
            }
        }
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

/// `--against OLD`: the URLs OLD published that lead nowhere in the public build of the site
/// (drafts left out, as `build` leaves them), and how many URLs OLD had.
fn guard(site_dir: &Path, old: &Path) -> Result<(Diagnostics, usize), String> {
    let published = crate::guard::published(old)?;
    let options = LoadOptions { drafts: false, git_dates: false, bodies: Bodies::Dropped };
    let site = load_site(site_dir, None, options).map_err(|d| d.render())?;
    let theme = Theme::load(&site.root, &site.config.theme, &site.config.language).map_err(|d| d.to_string())?;
    let images = std::collections::HashMap::new();
    let now = crate::calendar::BuildTime::resolve(
        None,
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
        &site.config.timezone,
    )?;
    let catalog = crate::derive::Catalog::new(&site, &theme, &images, now.0);
    Ok((crate::guard::check(&site, &catalog, &published), published.len()))
}
