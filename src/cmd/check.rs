//! `katalog check`: load and validate the whole site, write nothing.

use super::{CONTENT_ERRORS, SUCCESS, USAGE_OR_IO, exit};
use crate::content::{LoadOptions, load_site};
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
    match load_site(site_dir, None, LoadOptions { drafts: true }) {
        Ok(site) => {
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
        Err(diagnostics) => {
            eprint!(
                "{}",
                diagnostics.render().replace("; nothing was written", "")
            );
            exit(CONTENT_ERRORS)
        }
    }
}
