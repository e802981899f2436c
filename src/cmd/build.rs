//! `katalog build`: load, validate, render into a staging folder, publish.

use super::{CONTENT_ERRORS, SUCCESS, USAGE_OR_IO, exit};
use crate::calendar::BuildTime;
use crate::config::BaseUrl;
use crate::content::load::RecordCache;
use crate::content::{Bodies, LoadOptions, load_site_cached};
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
    /// No progress lines (for `katalog serve`, which prints its own).
    pub quiet: bool,
    /// Update the previous output where it is instead of publishing a fresh folder (for
    /// `katalog serve`: fast on a big site, but not atomic).
    pub in_place: bool,
}

pub fn run(args: BuildArgs) -> ExitCode {
    let output = args.output.clone().unwrap_or_else(|| args.site_dir.join("public"));
    match build(&args, std::io::stderr().is_terminal()) {
        Outcome::Done(summary) | Outcome::Unchanged(summary) => {
            eprintln!("{summary}");
            exit(SUCCESS)
        }
        Outcome::ContentErrors(report) => {
            eprint!("{report}");
            eprintln!("error: the build failed; {} was not changed", output.display());
            exit(CONTENT_ERRORS)
        }
        Outcome::Failed(message) => {
            eprintln!("error: {message}");
            exit(USAGE_OR_IO)
        }
    }
}

/// How a build ended.
pub enum Outcome {
    /// Built: the summary line.
    Done(String),
    /// Nothing had changed; the output was left alone.
    Unchanged(String),
    /// Content errors, as reported to the editor; the output was not changed.
    ContentErrors(String),
    /// A usage or I/O problem; the output was not changed.
    Failed(String),
}

/// What `katalog serve` keeps in memory from one build to the next, so that a rebuild after
/// one save costs what changed: the parsed record files, and the state of the output it
/// updates (which it alone writes, so each file of that state is known to be there).
pub struct Resident {
    pub records: RecordCache,
    pub state: Option<BuildState>,
    /// How many pages the last build deleted from the output (their records went).
    pub pages_removed: usize,
}

impl Default for Resident {
    fn default() -> Resident {
        Resident { records: RecordCache::keeping(), state: None, pages_removed: 0 }
    }
}

/// Builds the site: load, validate, images, render (incrementally), publish. `interactive`
/// shows progress bars; otherwise progress lines go to stderr unless `args.quiet`.
pub fn build(args: &BuildArgs, interactive: bool) -> Outcome {
    build_resident(args, interactive, None, &|| {})
}

/// [`build`], with what the previous build left in memory, if any. `pages_written` is called
/// once every page is written, before the site-wide files (search index, open data, feeds,
/// sitemaps): `katalog serve` reloads the browser then.
pub fn build_resident(
    args: &BuildArgs,
    interactive: bool,
    mut resident: Option<&mut Resident>,
    pages_written: &dyn Fn(),
) -> Outcome {
    let started = Instant::now();
    let mut timing = Timing::new(started);
    if let Some(resident) = resident.as_deref_mut() {
        resident.pages_removed = 0;
    }
    let output = args.output.clone().unwrap_or_else(|| args.site_dir.join("public"));
    if let Err(message) = check_output_path(&args.site_dir, &output) {
        return Outcome::Failed(message);
    }
    let base_url = match args.base_url.as_deref().map(BaseUrl::parse) {
        None => None,
        Some(Ok(url)) => Some(url),
        Some(Err(message)) => return Outcome::Failed(format!("--base-url: {message}")),
    };
    if !interactive && !args.quiet {
        eprintln!("loading {}", args.site_dir.display());
    }
    // serve keeps its records between builds, and their files change under it: it keeps the
    // bodies in memory. A build leaves them in their files until a page needs them.
    let bodies = if resident.is_some() { Bodies::InMemory } else { Bodies::InFiles };
    let mut no_cache = RecordCache::default();
    let records = match resident.as_deref_mut() {
        Some(resident) => &mut resident.records,
        None => &mut no_cache,
    };
    let site = match load_site_cached(
        &args.site_dir,
        base_url,
        LoadOptions { drafts: args.drafts, git_dates: !args.no_git_dates, bodies },
        records,
    ) {
        Ok(site) => site,
        Err(diagnostics) => return Outcome::ContentErrors(diagnostics.render()),
    };
    let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let now = match BuildTime::resolve(args.now.as_deref(), source_date_epoch.as_deref(), &site.config.timezone) {
        Ok(time) => time.0,
        Err(message) => return Outcome::Failed(message),
    };
    timing.lap("loaded");
    let theme = match Theme::load(&site.root, &site.config.theme, &site.config.language) {
        Ok(theme) => theme,
        Err(diagnostic) => return Outcome::ContentErrors(diagnostic.to_string()),
    };
    let loaded = format!(
        "{} vendors, {} products, {} events, {} pages",
        site.vendors.len(),
        site.products.len(),
        site.events.len(),
        site.pages.len()
    );
    let progress = if interactive {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} pages, {per_sec}, {eta} left")
                .expect("a valid progress template")
                .progress_chars("=> "),
        );
        bar.set_message(format!("rendering {loaded}"));
        bar
    } else {
        if !args.quiet {
            eprintln!("loaded {loaded} in {:.2}s; rendering", started.elapsed().as_secs_f64());
        }
        ProgressBar::hidden()
    };
    let cache_dir = args.cache_dir.clone().unwrap_or_else(|| args.site_dir.join(super::CACHE_DIR));
    let cache = match Cache::open(&cache_dir) {
        Ok(cache) => cache,
        Err(e) => return Outcome::Failed(format!("no folder for the images: {e}")),
    };
    let images_progress = if interactive { progress.clone() } else { ProgressBar::hidden() };
    images_progress.set_message("images");
    timing.lap("theme");
    let images = match images::prepare(&site, &cache, &images_progress) {
        Ok(images) => images,
        Err(PublishError::Content(diagnostics)) => {
            progress.finish_and_clear();
            return Outcome::ContentErrors(diagnostics.render());
        }
        Err(PublishError::Io(e)) => {
            progress.finish_and_clear();
            return Outcome::Failed(failed(&output, format!("cannot write the images: {e}")));
        }
    };
    let prune = |cache: &Cache| {
        cache.prune(&images.keys).unwrap_or_else(|e| {
            eprintln!("warning: cannot prune the image cache {}: {e}", cache_dir.display());
            0
        })
    };
    timing.lap("images");
    let plan = render::plan(&site, &theme, &images.images, now);
    timing.lap("planned");
    // In memory after serve's first build; from the cache folder otherwise.
    // Trusted only while the output is the folder it describes (not replaced or deleted).
    let marker = crate::output::previous::marker_identity(&output);
    let kept = resident.as_deref_mut().and_then(|r| r.state.take()).filter(|s| marker.as_ref() == Some(&s.marker));
    let from_memory = kept.is_some();
    let previous = kept.or_else(|| BuildState::load(&cache_dir, &output));
    let keep = |resident: Option<&mut Resident>, state: Option<BuildState>| {
        if let Some(resident) = resident {
            resident.state = state;
        }
    };
    if previous.as_ref().is_some_and(|p| p.site == plan.site_fingerprint) {
        progress.finish_and_clear();
        let pruned = prune(&cache);
        keep(resident, previous);
        return Outcome::Unchanged(format!(
            "nothing changed: {} pages and {} images as built before, {pruned} cache files pruned; {} not touched ({:.2}s)",
            plan.jobs.len(),
            images.images.len(),
            output.display(),
            started.elapsed().as_secs_f64()
        ));
    }
    timing.lap("state loaded");
    let in_place = args.in_place && previous.is_some();
    let staging = if in_place { Staging::in_place(&output) } else { Staging::create(&output) };
    let mut staging = match staging {
        Ok(staging) => staging,
        Err(e) => {
            keep(resident, previous);
            return Outcome::Failed(format!("cannot prepare the output folder {}: {e}", output.display()));
        }
    };
    if in_place && from_memory {
        staging.trust_previous_files();
    }
    if args.in_place {
        staging.track_files();
    }
    if !in_place && output.join(OUTPUT_MARKER).is_file() {
        staging.reuse_previous(&output);
    }
    // From here on, a failure may leave an in-place output half updated: its state is no
    // longer known, and the next build is a full one.
    if in_place {
        BuildState::forget(&cache_dir, &output);
    }
    if let Err(e) = images::write(&images, &staging) {
        return Outcome::Failed(failed(&output, format!("cannot write the images: {e}")));
    }
    timing.lap("staging+images written");
    let (report, pages) = match plan.render_pages(&staging, previous.as_ref(), &progress) {
        Ok(done) => done,
        Err(RenderError::Template(message)) => return Outcome::ContentErrors(format!("error: {message}\n")),
        Err(e) => return Outcome::Failed(failed(&output, e.to_string())),
    };
    progress.finish_and_clear();
    timing.lap("pages rendered");
    pages_written();
    let mut state = match plan.render_site_files(&staging, pages) {
        Ok(state) => state,
        Err(RenderError::Template(message)) => return Outcome::ContentErrors(format!("error: {message}\n")),
        Err(e) => return Outcome::Failed(failed(&output, e.to_string())),
    };
    let (files, linked, bytes) = (staging.files_written(), staging.files_linked(), staging.bytes_written());
    timing.lap("site-wide files");
    if args.in_place {
        // Every file written, and every file of every page (some were kept without a write).
        let mut all_files = staging.tracked_files();
        all_files.extend(state.pages.values().flat_map(|page| page.files.iter().cloned()));
        all_files.sort_unstable();
        all_files.dedup();
        state.all_files = all_files;
    }
    let published = match &previous {
        Some(previous) if in_place => staging.finish_in_place(&previous.all_files, &state.all_files).map(|_| ()),
        _ => staging.publish(),
    };
    let pages_removed = match &previous {
        Some(previous) if in_place => previous.pages.keys().filter(|key| !state.pages.contains_key(*key)).count(),
        _ => 0,
    };
    if let Err(e) = published {
        return Outcome::Failed(format!("cannot publish to {}: {e}", output.display()));
    }
    timing.lap("published");
    if let Err(e) = state.save(&cache_dir, &output) {
        eprintln!(
            "warning: cannot save the build state in {} (the next build is a full one): {e}",
            cache_dir.display()
        );
    }
    if let Some(resident) = resident.as_deref_mut() {
        resident.pages_removed = pages_removed;
    }
    keep(resident, Some(state));
    timing.lap("state saved");
    let pruned = prune(&cache);
    let git = match &site.git_dates {
        Ok(n) => format!("git dates for {n} files"),
        Err(reason) if reason == "off" => "git dates off".to_string(),
        Err(reason) => format!("no git dates: {reason}"),
    };
    Outcome::Done(format!(
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
    ))
}

/// Phase times on stderr when `KATALOG_TIMINGS` is set (for the benchmarks).
struct Timing {
    on: bool,
    last: Instant,
}

impl Timing {
    fn new(started: Instant) -> Timing {
        Timing { on: std::env::var_os("KATALOG_TIMINGS").is_some(), last: started }
    }

    fn lap(&mut self, phase: &str) {
        if self.on {
            eprintln!("timing: {phase:<24} {:>8.1} ms", self.last.elapsed().as_secs_f64() * 1e3);
        }
        self.last = Instant::now();
    }
}

fn failed(output: &Path, message: String) -> String {
    format!("{message}\nerror: the build failed; {} was not changed", output.display())
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
