//! `katalog build`: turns the command line into a [`Build`], runs it, and turns its outcome
//! into what a terminal or CI shows and an exit status.

use super::terminal::Terminal;
use super::{CONTENT_ERRORS, SUCCESS, USAGE_OR_IO, exit};
use crate::build::{Build, BuildError, Options};
use crate::config::BaseUrl;
use crate::diagnostics::Format;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

pub struct BuildArgs {
    pub site_dir: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The build time (`--now`); else `SOURCE_DATE_EPOCH`; else the start of today.
    pub now: Option<String>,
    /// Do not date pages by their last Git commit.
    pub no_git_dates: bool,
    /// Where resized images are kept (default: SITE_DIR/.katalog-cache).
    pub cache_dir: Option<PathBuf>,
    /// Update the previous output where it is instead of publishing a fresh folder.
    pub in_place: bool,
    /// Write only what changed since the previous build the cache records (`--delta`).
    pub delta: bool,
    /// How content errors are printed (as `katalog check` prints them).
    pub format: Format,
}

impl BuildArgs {
    /// The build's options: default folders filled in, `--base-url` parsed,
    /// `SOURCE_DATE_EPOCH` read.
    pub fn options(&self) -> Result<Options, String> {
        let base_url = match self.base_url.as_deref().map(BaseUrl::parse) {
            None => None,
            Some(Ok(url)) => Some(url),
            Some(Err(message)) => return Err(format!("--base-url: {message}")),
        };
        Ok(Options {
            output: self.output.clone().unwrap_or_else(|| self.site_dir.join("public")),
            cache_dir: self.cache_dir.clone().unwrap_or_else(|| self.site_dir.join(super::CACHE_DIR)),
            site_dir: self.site_dir.clone(),
            base_url,
            drafts: self.drafts,
            git_dates: !self.no_git_dates,
            now: self.now.clone(),
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
            in_place: self.in_place,
            delta: self.delta,
        })
    }
}

pub fn run(args: BuildArgs) -> ExitCode {
    let options = match args.options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return exit(USAGE_OR_IO);
        }
    };
    if let Err(code) = super::require_site(&options.site_dir) {
        return code;
    }
    let reporter = Terminal::new(std::io::stderr().is_terminal());
    let output = options.output.clone();
    match Build::new(options, &reporter).run() {
        Ok(summary) => {
            eprintln!("{summary}");
            exit(SUCCESS)
        }
        Err(error) => {
            report_failure(&error, args.format, &output);
            exit(if error.is_content() { CONTENT_ERRORS } else { USAGE_OR_IO })
        }
    }
}

/// Prints why a build failed: content errors as `katalog check --format` prints them, and
/// that the output was left as it was.
fn report_failure(error: &BuildError, format: Format, output: &std::path::Path) {
    let unchanged = format!("; {} was not changed", output.display());
    match error {
        BuildError::Content(diagnostics) => super::report(diagnostics, format, &unchanged),
        error if error.while_writing() => eprintln!("error: {error}\nerror: the build failed{unchanged}"),
        error => eprintln!("error: {error}"),
    }
}
