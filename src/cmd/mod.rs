//! The subcommands, one file each. `main.rs` parses the command line and calls these.

pub mod build;
pub mod check;
pub mod cms_config;
pub mod deploy;
pub mod field_texts;
pub mod import;
pub mod init;
pub mod mv;
pub mod new;
pub mod schema;
pub mod serve;
mod terminal;

use std::process::ExitCode;

/// Exit status: the build or check succeeded.
pub const SUCCESS: u8 = 0;
/// Exit status: the content has errors (reported as diagnostics).
pub const CONTENT_ERRORS: u8 = 1;
/// Exit status: wrong usage, or the file system failed us.
pub const USAGE_OR_IO: u8 = 2;

/// The cache folder inside a site, unless `--cache-dir` or `KATALOG_CACHE_DIR` says otherwise.
pub const CACHE_DIR: &str = ".katalog-cache";

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}

/// Prints content errors: people read the report on stderr; machines read annotations or
/// JSON lines on stdout. The last line, on stderr in every format, counts them and adds
/// `consequence` (what `build` did not do).
fn report(diagnostics: &crate::diagnostics::Diagnostics, format: crate::diagnostics::Format, consequence: &str) {
    match format {
        crate::diagnostics::Format::Human => eprint!("{}", diagnostics.render_items()),
        other => print!("{}", diagnostics.render_as(other)),
    }
    eprintln!("error: {}{consequence}", diagnostics.count());
}

/// Refuses a folder that is not a katalog site, as every command that reads one does.
fn require_site(site_dir: &std::path::Path) -> Result<(), ExitCode> {
    if site_dir.join(crate::config::CONFIG_FILE).is_file() {
        return Ok(());
    }
    eprintln!(
        "error: {} is not a katalog site (no site.yaml)\n  = hint: run the command in the site's folder, or name it: `katalog check <site folder>`; `katalog init <folder>` starts a new site",
        site_dir.display()
    );
    Err(exit(USAGE_OR_IO))
}
