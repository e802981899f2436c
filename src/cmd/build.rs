//! `katalog build`: load, validate, render into a staging folder, publish.

use super::{CONTENT_ERRORS, SUCCESS, USAGE_OR_IO, exit};
use crate::calendar::BuildTime;
use crate::config::BaseUrl;
use crate::content::{LoadOptions, load_site};
use crate::images::{self, PublishError, cache::Cache};
use crate::output::previous::BuildState;
use crate::output::{OUTPUT_MARKER, Staging};
use crate::render::{self, RenderError, theme::Theme};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

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
}

pub fn run(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let output = args.output.clone().unwrap_or_else(|| args.site_dir.join("public"));
    if let Err(message) = check_output_path(&args.site_dir, &output) {
        eprintln!("error: {message}");
        return exit(USAGE_OR_IO);
    }
    let base_url = match args.base_url.as_deref().map(BaseUrl::parse) {
        None => None,
        Some(Ok(url)) => Some(url),
        Some(Err(message)) => {
            eprintln!("error: --base-url: {message}");
            return exit(USAGE_OR_IO);
        }
    };
    let terminal = std::io::stderr().is_terminal();
    if !terminal {
        eprintln!("loading {}", args.site_dir.display());
    }
    let site =
        match load_site(&args.site_dir, base_url, LoadOptions { drafts: args.drafts, git_dates: !args.no_git_dates }) {
            Ok(site) => site,
            Err(diagnostics) => {
                eprint!("{}", diagnostics.render());
                eprintln!("error: the build failed; {} was not changed", output.display());
                return exit(CONTENT_ERRORS);
            }
        };
    let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let now = match BuildTime::resolve(args.now.as_deref(), source_date_epoch.as_deref(), &site.config.timezone) {
        Ok(time) => time.0,
        Err(message) => {
            eprintln!("error: {message}");
            return exit(USAGE_OR_IO);
        }
    };
    let theme = match Theme::load(&site.root, &site.config.theme, &site.config.language) {
        Ok(theme) => theme,
        Err(diagnostic) => {
            eprint!("{diagnostic}");
            return exit(CONTENT_ERRORS);
        }
    };
    let loaded = format!(
        "{} vendors, {} products, {} events, {} pages",
        site.vendors.len(),
        site.products.len(),
        site.events.len(),
        site.pages.len()
    );
    let progress = if terminal {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} pages, {per_sec}, {eta} left")
                .expect("a valid progress template")
                .progress_chars("=> "),
        );
        bar.set_message(format!("rendering {loaded}"));
        bar
    } else {
        eprintln!("loaded {loaded} in {:.2}s; rendering", started.elapsed().as_secs_f64());
        ProgressBar::hidden()
    };
    let cache_dir = args.cache_dir.clone().unwrap_or_else(|| args.site_dir.join(super::CACHE_DIR));
    let cache = match Cache::open(&cache_dir) {
        Ok(cache) => cache,
        Err(e) => {
            eprintln!("error: no folder for the images: {e}");
            return exit(USAGE_OR_IO);
        }
    };
    let images_progress = if terminal { progress.clone() } else { ProgressBar::hidden() };
    images_progress.set_message("images");
    let images = match images::prepare(&site, &cache, &images_progress) {
        Ok(images) => images,
        Err(PublishError::Content(diagnostics)) => {
            progress.finish_and_clear();
            eprint!("{}", diagnostics.render());
            eprintln!("error: the build failed; {} was not changed", output.display());
            return exit(CONTENT_ERRORS);
        }
        Err(PublishError::Io(e)) => {
            progress.finish_and_clear();
            eprintln!(
                "error: cannot write the images: {e}\nerror: the build failed; {} was not changed",
                output.display()
            );
            return exit(USAGE_OR_IO);
        }
    };
    let prune = |cache: &Cache| {
        cache.prune(&images.keys).unwrap_or_else(|e| {
            eprintln!("warning: cannot prune the image cache {}: {e}", cache_dir.display());
            0
        })
    };
    let plan = render::plan(&site, &theme, &images.images, now);
    let previous = BuildState::load(&cache_dir, &output);
    if previous.as_ref().is_some_and(|p| p.site == plan.site_fingerprint) {
        progress.finish_and_clear();
        let pruned = prune(&cache);
        eprintln!(
            "nothing changed: {} pages and {} images as built before, {pruned} cache files pruned; {} not touched ({:.2}s)",
            plan.jobs.len(),
            images.images.len(),
            output.display(),
            started.elapsed().as_secs_f64()
        );
        return exit(SUCCESS);
    }
    let mut staging = match Staging::create(&output) {
        Ok(staging) => staging,
        Err(e) => {
            eprintln!("error: cannot prepare the output folder {}: {e}", output.display());
            return exit(USAGE_OR_IO);
        }
    };
    if output.join(OUTPUT_MARKER).is_file() {
        staging.reuse_previous(&output);
    }
    if let Err(e) = images::write(&images, &staging) {
        eprintln!("error: cannot write the images: {e}\nerror: the build failed; {} was not changed", output.display());
        return exit(USAGE_OR_IO);
    }
    progress.set_position(0);
    progress.set_message(format!("rendering {loaded}"));
    let (report, mut state) = match plan.render(&staging, previous.as_ref(), &progress) {
        Ok(done) => done,
        Err(RenderError::Template(message)) => {
            eprintln!("error: {message}\nerror: the build failed; {} was not changed", output.display());
            return exit(CONTENT_ERRORS);
        }
        Err(e) => {
            eprintln!("error: {e}\nerror: the build failed; {} was not changed", output.display());
            return exit(USAGE_OR_IO);
        }
    };
    progress.finish_and_clear();
    let (files, linked, bytes) = (staging.files_written(), staging.files_linked(), staging.bytes_written());
    if let Err(e) = staging.publish() {
        eprintln!("error: cannot publish to {}: {e}", output.display());
        return exit(USAGE_OR_IO);
    }
    if let Err(e) = state.save(&cache_dir, &output) {
        eprintln!(
            "warning: cannot save the build state in {} (the next build is a full one): {e}",
            cache_dir.display()
        );
    }
    let pruned = prune(&cache);
    let git = match &site.git_dates {
        Ok(n) => format!("git dates for {n} files"),
        Err(reason) if reason == "off" => "git dates off".to_string(),
        Err(reason) => format!("no git dates: {reason}"),
    };
    eprintln!(
        "built {} pages ({} rendered; {} images: {} resized, {} from the cache, {pruned} cache files pruned; {} files, {} unchanged, {:.1} MB written; {git}; 0 errors) in {:.2}s → {}",
        report.pages,
        report.rendered,
        images.images.len(),
        images.processed,
        images.cached,
        files,
        linked,
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        output.display()
    );
    exit(SUCCESS)
}

/// Refuses output folders that would swallow or replace the site itself.
fn check_output_path(site_dir: &Path, output: &Path) -> Result<(), String> {
    let site =
        site_dir.canonicalize().map_err(|e| format!("cannot open the site folder {}: {e}", site_dir.display()))?;
    let absolute_output = if output.is_absolute() {
        output.to_path_buf()
    } else {
        std::env::current_dir().map_err(|e| e.to_string())?.join(output)
    };
    let output_real = resolve_existing_prefix(&absolute_output);
    if site.starts_with(&output_real) {
        return Err(format!(
            "the output folder {} contains the site; choose a folder such as {}/public",
            output.display(),
            site_dir.display()
        ));
    }
    for protected in ["content", "themes", "static", ".git"] {
        if output_real.starts_with(site.join(protected)) {
            return Err(format!("the output folder {} is inside the site's {protected}/ folder", output.display()));
        }
    }
    Ok(())
}

/// Canonicalises the longest existing ancestor of `path` and appends the rest.
fn resolve_existing_prefix(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for part in rest.into_iter().rev() {
        if part == ".." {
            resolved.pop();
        } else if part != "." {
            resolved.push(part);
        }
    }
    resolved
}
