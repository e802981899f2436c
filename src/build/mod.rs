//! The build orchestrator: one run of the pipeline, stage after stage.
//!
//! [`Build::run`] reads as the stages it runs: load → theme → images → derive → plan →
//! (nothing changed? stop) → stage the output → pages → site-wide files → publish. Each is a
//! short method below. It reports through a [`Reporter`] and fails with a [`BuildError`];
//! `cmd::build` turns both into what a terminal or CI shows. `katalog serve` keeps a
//! [`Resident`] between runs: the parsed records and the state of the output it updates in
//! place.

pub mod error;
pub mod report;

pub use error::BuildError;
pub use report::{Quiet, Reporter, StageTimes};

use crate::assets::qr_cache::QrCache;
use crate::calendar::BuildTime;
use crate::config::BaseUrl;
use crate::content::load::RecordCache;
use crate::content::model::GitDating;
use crate::content::{Bodies, LoadOptions, Site, load_site_cached};
use crate::derive::{Catalog, Descriptions};
use crate::diagnostics::Diagnostics;
use crate::images::{self, PublishError, Published, cache::Cache};
use crate::output::delta::PreviousFiles;
use crate::output::previous::{BuildState, PageState, marker_identity};
use crate::output::{OUTPUT_MARKER, Staging, opendata, redirects, site_static, sitemap};
use crate::render::{self, Plan, RenderedPages};
use crate::theme::Theme;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub site_dir: PathBuf,
    pub output: PathBuf,
    /// Where resized images and the build state are kept.
    pub cache_dir: PathBuf,
    /// Overrides `site.yaml`'s `base_url`.
    pub base_url: Option<BaseUrl>,
    pub drafts: bool,
    /// Date records by their last Git commit.
    pub git_dates: bool,
    /// The build time (`--now`), else `SOURCE_DATE_EPOCH`, else the start of today.
    pub now: Option<String>,
    pub source_date_epoch: Option<String>,
    /// Update the previous output where it is instead of publishing a fresh folder
    /// (`katalog serve`: fast on a big site, but not atomic).
    pub in_place: bool,
    /// Write only the files that changed since the build whose state and manifest the cache
    /// holds, whatever the output folder holds (`output::delta`: a CI runner without it).
    pub delta: bool,
}

/// What `katalog serve` keeps in memory from one build to the next, so that a rebuild after
/// one save costs what changed: the parsed record files, and the state of the output it
/// updates (which it alone writes, so each file of that state is known to be there).
pub struct Resident {
    pub records: RecordCache,
    state: Option<BuildState>,
}

impl Default for Resident {
    fn default() -> Resident {
        Resident { records: RecordCache::keeping(), state: None }
    }
}

/// A build that went through.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Nothing had changed: the output was left alone.
    pub unchanged: bool,
    pub pages: usize,
    /// Pages rendered (the others were taken from the previous output).
    pub rendered: usize,
    /// Pages of the previous output whose records went (deleted last, in place).
    pub pages_removed: usize,
    pub images: usize,
    pub images_resized: usize,
    pub images_cached: usize,
    pub cache_files_pruned: usize,
    /// QR codes encoded and drawn in this build, and those whose drawings came from the cache
    /// (pages taken from the previous output need neither).
    pub qr_encoded: usize,
    pub qr_cached: usize,
    pub qr_cache_files_pruned: usize,
    pub files: usize,
    pub files_unchanged: usize,
    pub bytes_written: u64,
    pub git_dates: GitDating,
    pub seconds: f64,
    pub output: PathBuf,
    /// What a delta build was made against.
    pub delta: Delta,
}

/// What a build's output folder holds, as to the previous build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delta {
    /// The whole site (no `--delta`).
    Whole,
    /// Only the files that differ from the previous build, of which the cache held this many.
    Against(usize),
    /// `--delta`, but the cache held no previous build of this output: the whole site.
    NoPrevious,
}

impl Summary {
    /// What a build of `plan` will have done before it writes anything.
    fn of(plan: &Plan, images: &Published, site: &Site, output: &Path) -> Summary {
        Summary {
            unchanged: false,
            pages: plan.jobs.len(),
            rendered: 0,
            pages_removed: 0,
            images: images.images.len(),
            images_resized: images.processed,
            images_cached: images.cached,
            cache_files_pruned: 0,
            qr_encoded: 0,
            qr_cached: 0,
            qr_cache_files_pruned: 0,
            files: 0,
            files_unchanged: 0,
            bytes_written: 0,
            git_dates: site.git_dates.clone(),
            seconds: 0.0,
            output: output.to_path_buf(),
            delta: Delta::Whole,
        }
    }

    /// Counts what was written into `staging`.
    fn wrote(&mut self, rendered: usize, staging: &Staging) {
        self.rendered = rendered;
        (self.files, self.files_unchanged, self.bytes_written) =
            (staging.files_written(), staging.files_linked(), staging.bytes_written());
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.unchanged {
            return write!(
                f,
                "nothing changed: {} pages and {} images as built before, {} cache files pruned; {} not touched ({:.2}s)",
                self.pages,
                self.images,
                self.cache_files_pruned + self.qr_cache_files_pruned,
                self.output.display(),
                self.seconds
            );
        }
        match self.delta {
            Delta::Whole => {}
            Delta::Against(previous) => write!(
                f,
                "delta: {} holds only the {} changed files and a manifest of the whole site (the previous build had {previous} files); ",
                self.output.display(),
                self.files - self.files_unchanged,
            )?,
            Delta::NoPrevious => write!(
                f,
                "delta: the cache holds no earlier build of {} by this katalog, so every file is written; ",
                self.output.display()
            )?,
        }
        write!(
            f,
            "built {} pages ({} rendered; {} images: {} resized, {} from the cache, {} cache files pruned; QR codes: {} encoded, {} from the cache, {} cache files pruned; {} files, {} unchanged, {:.1} MB written; {}; 0 errors) in {:.2}s → {}",
            self.pages,
            self.rendered,
            self.images,
            self.images_resized,
            self.images_cached,
            self.cache_files_pruned,
            self.qr_encoded,
            self.qr_cached,
            self.qr_cache_files_pruned,
            self.files,
            self.files_unchanged,
            self.bytes_written as f64 / 1e6,
            self.git_dates,
            self.seconds,
            self.output.display()
        )
    }
}

/// One build of a site.
pub struct Build<'r> {
    options: Options,
    reporter: &'r dyn Reporter,
    /// `katalog serve`'s memory between builds; `None` for a one-off build.
    resident: Option<Resident>,
}

/// How the output is updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Update {
    /// A fresh staging folder, published in one rename (the previous output's unchanged
    /// files hard-linked into it).
    Fresh,
    /// The output folder itself; `trusted` when the previous state came from memory, so its
    /// files are known to be there.
    InPlace { trusted: bool },
}

impl<'r> Build<'r> {
    pub fn new(options: Options, reporter: &'r dyn Reporter) -> Build<'r> {
        Build { options, reporter, resident: None }
    }

    /// Keeps records and the output's state in memory from one [`Build::run`] to the next.
    pub fn resident(mut self) -> Build<'r> {
        self.resident = Some(Resident::default());
        self
    }

    /// The output folder.
    pub fn output(&self) -> &Path {
        &self.options.output
    }

    /// What is kept between runs (the watcher of `katalog serve` tells it what changed).
    pub fn resident_mut(&mut self) -> Option<&mut Resident> {
        self.resident.as_mut()
    }

    /// Runs every stage. On failure the previous output is as it was (see [`BuildError`]).
    pub fn run(&mut self) -> Result<Summary, BuildError> {
        let started = Instant::now();
        let result = self.stages(started);
        self.reporter.finish();
        result
    }

    fn stages(&mut self, started: Instant) -> Result<Summary, BuildError> {
        check_output_path(&self.options.site_dir, &self.options.output)?;
        let site = self.load()?;
        let now = self.build_time(&site)?;
        let theme = load_theme(&site)?;
        self.reporter.stage_done("theme");
        let cache = Cache::open(&self.options.cache_dir).map_err(BuildError::io("no folder for the images"))?;
        let images = self.images(&site, &cache)?;
        let catalog = Catalog::new(&site, &theme, &images.images, now);
        self.reporter.stage_done("derived");
        let plan = render::plan(&catalog).caching_qr(QrCache::open(&self.options.cache_dir));
        let site_fingerprint = site_fingerprint(&plan, &images, &site, &theme);
        self.reporter.stage_done("planned");
        let mut summary = Summary::of(&plan, &images, &site, &self.options.output);
        let (previous, from_memory, previous_files) = self.previous_state();
        if self.options.delta {
            summary.delta = previous_files.as_ref().map_or(Delta::NoPrevious, |files| Delta::Against(files.len()));
        }
        // A delta build always writes its folder: the output may be anything, or nothing.
        if !self.options.delta && previous.as_ref().is_some_and(|p| p.site == site_fingerprint) {
            self.keep_state(previous);
            summary.unchanged = true;
        } else {
            self.reporter.stage_done("state loaded");
            let update = match previous {
                Some(_) if self.options.in_place => Update::InPlace { trusted: from_memory },
                _ => Update::Fresh,
            };
            let staging = self.stage(update, previous_files)?;
            write_assets(&images, &theme, &staging)?;
            self.reporter.stage_done("staging+images written");
            let rendered = self.pages(&plan, &staging, previous.as_ref())?;
            self.reporter.pages_written();
            let pages = write_site_files(&plan, &staging, rendered.pages, rendered.noted)?;
            self.reporter.stage_done("site-wide files");
            summary.wrote(rendered.report.rendered, &staging);
            (summary.qr_encoded, summary.qr_cached) = {
                let counts = plan.renderer.qr.counts();
                (counts.encoded, counts.cached)
            };
            let state = self.state(&plan, &staging, pages, site_fingerprint);
            summary.pages_removed = self.publish(staging, update, previous, state)?;
        }
        summary.cache_files_pruned = self.prune(&cache, &images);
        summary.qr_cache_files_pruned = self.prune_qr(&plan);
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    }

    /// Loads and checks every record. serve keeps its records between builds, and their
    /// files change under it: it keeps the bodies in memory. A build leaves them in their
    /// files until a page needs them.
    fn load(&mut self) -> Result<Site, BuildError> {
        self.reporter.loading(&self.options.site_dir);
        let bodies = if self.resident.is_some() { Bodies::InMemory } else { Bodies::InFiles };
        let options = LoadOptions { drafts: self.options.drafts, git_dates: self.options.git_dates, bodies };
        let mut one_off = RecordCache::default();
        let records = self.resident.as_mut().map_or(&mut one_off, |r| &mut r.records);
        let site = load_site_cached(&self.options.site_dir, self.options.base_url.clone(), options, records)?;
        self.reporter.loaded(&format!(
            "{} vendors, {} products, {} events, {} pages",
            site.vendors.len(),
            site.products.len(),
            site.events.len(),
            site.free_pages.len()
        ));
        self.reporter.stage_done("loaded");
        Ok(site)
    }

    /// The time that decides which events are upcoming.
    fn build_time(&self, site: &Site) -> Result<jiff::Timestamp, BuildError> {
        let (now, epoch) = (self.options.now.as_deref(), self.options.source_date_epoch.as_deref());
        BuildTime::resolve(now, epoch, &site.config.timezone).map(|time| time.0).map_err(BuildError::Usage)
    }

    /// Every image a record names, at each width and format (resized only when not cached).
    fn images(&self, site: &Site, cache: &Cache) -> Result<Published, BuildError> {
        let images = images::prepare(site, cache, self.reporter).map_err(|e| match e {
            PublishError::Content(diagnostics) => BuildError::Content(diagnostics),
            PublishError::Io(error) => BuildError::Write { doing: "cannot write the images".into(), error },
        })?;
        self.reporter.stage_done("images");
        Ok(images)
    }

    /// The previous build's state, whether it came from memory, and for a delta build the
    /// files of its manifest. In memory after serve's first build, else from the cache
    /// folder, trusted only while the output is the folder it describes; a delta build reads
    /// it whatever the output folder holds.
    fn previous_state(&mut self) -> (Option<BuildState>, bool, Option<PreviousFiles>) {
        if self.options.delta {
            return match BuildState::load_for_delta(&self.options.cache_dir, &self.options.output) {
                Some((state, files)) => (Some(state), false, Some(files)),
                None => (None, false, None),
            };
        }
        let marker = marker_identity(&self.options.output);
        let kept = self.resident.as_mut().and_then(|r| r.state.take()).filter(|s| marker.as_ref() == Some(&s.marker));
        match kept {
            Some(state) => (Some(state), true, None),
            None => (BuildState::load(&self.options.cache_dir, &self.options.output), false, None),
        }
    }

    /// The folder the new output is written into; given the previous build's files, a delta.
    fn stage(&self, update: Update, previous_files: Option<PreviousFiles>) -> Result<Staging, BuildError> {
        let output = &self.options.output;
        let staging = match update {
            Update::Fresh => Staging::create(output),
            Update::InPlace { .. } => Staging::in_place(output),
        };
        let mut staging = staging.map_err(|error| {
            BuildError::Usage(format!("cannot prepare the output folder {}: {error}", output.display()))
        })?;
        if update == (Update::InPlace { trusted: true }) {
            staging.trust_previous_files();
        }
        // serve (whose state stays in memory) publishes to a folder nothing deploys.
        if self.resident.is_some() {
            staging.without_manifest();
        }
        if self.options.in_place {
            staging.track_files();
        }
        if let Some(files) = previous_files {
            staging.write_only_changes(files).map_err(BuildError::io("cannot prepare the output folder"))?;
        } else if update == Update::Fresh && !self.options.delta && output.join(OUTPUT_MARKER).is_file() {
            staging.reuse_previous(output);
        }
        // From here on, a failure may leave an in-place output half updated: its state is no
        // longer known, and the next build is a full one.
        if update != Update::Fresh {
            BuildState::forget(&self.options.cache_dir, output);
        }
        Ok(staging)
    }

    /// Every page: rendered, or linked from the previous output when its fingerprint is the
    /// same.
    fn pages<'p>(
        &self,
        plan: &Plan,
        staging: &Staging,
        previous: Option<&'p BuildState>,
    ) -> Result<RenderedPages<'p>, BuildError> {
        self.reporter.start("pages", plan.jobs.len());
        let reporter = self.reporter;
        let rendered = plan.render_pages(staging, previous, &|| reporter.step())?;
        self.reporter.stage_done("pages rendered");
        Ok(rendered)
    }

    /// The state this build leaves for the next one.
    fn state(&self, plan: &Plan, staging: &Staging, pages: Vec<PageState>, site: String) -> BuildState {
        let mut state = BuildState {
            version: crate::output::previous::BUILD_ID.to_string(),
            site,
            marker: String::new(),
            all_files: Vec::new(),
            manifest: None,
            pages: plan.keys.iter().cloned().zip(pages).collect(),
        };
        if self.options.in_place {
            // Every file written, and every file of every page (some were kept without a write).
            let mut all_files = staging.tracked_files();
            all_files.extend(state.pages.values().flat_map(|page| page.files.iter().cloned()));
            all_files.sort_unstable();
            all_files.dedup();
            state.all_files = all_files;
        }
        state
    }

    /// Makes the new output the output, saves its state, and says how many pages of the
    /// previous one were deleted (in place).
    fn publish(
        &mut self,
        staging: Staging,
        update: Update,
        previous: Option<BuildState>,
        state: BuildState,
    ) -> Result<usize, BuildError> {
        let output = self.options.output.clone();
        let (published, pages_removed) = match (&previous, update) {
            (Some(previous), Update::InPlace { .. }) => (
                staging.finish_in_place(&previous.all_files, &state.all_files).map(|_| ()),
                previous.pages.keys().filter(|key| !state.pages.contains_key(*key)).count(),
            ),
            _ => (staging.publish(), 0),
        };
        published.map_err(BuildError::io(format!("cannot publish to {}", output.display())))?;
        self.reporter.stage_done("published");
        let mut state = state;
        // serve updates its folder too often for a copy of the manifest to be worth keeping.
        if let Err(e) = state.save(&self.options.cache_dir, &output, !self.options.in_place) {
            eprintln!(
                "warning: cannot save the build state in {} (the next build is a full one): {e}",
                self.options.cache_dir.display()
            );
        }
        self.keep_state(Some(state));
        self.reporter.stage_done("state saved");
        Ok(pages_removed)
    }

    fn keep_state(&mut self, state: Option<BuildState>) {
        if let Some(resident) = self.resident.as_mut() {
            resident.state = state;
        }
    }

    /// Deletes cached QR drawings no page publishes any more.
    fn prune_qr(&self, plan: &Plan) -> usize {
        plan.renderer.qr.prune(&plan.qr_keys()).unwrap_or_else(|e| {
            eprintln!("warning: cannot prune the QR cache {}: {e}", self.options.cache_dir.display());
            0
        })
    }

    /// Deletes cached images no record uses any more.
    fn prune(&self, cache: &Cache, images: &Published) -> usize {
        cache.prune(&images.keys).unwrap_or_else(|e| {
            eprintln!("warning: cannot prune the image cache {}: {e}", self.options.cache_dir.display());
            0
        })
    }
}

/// The theme's templates, strings and assets.
fn load_theme(site: &Site) -> Result<Theme, BuildError> {
    Theme::load(&site.root, &site.config.theme, &site.config.language)
        .map_err(|diagnostic| BuildError::Content(Diagnostics::from(diagnostic)))
}

/// All of the site at once: pages, images, theme and site static files. A build whose site
/// fingerprint equals the previous one has nothing to write.
fn site_fingerprint(plan: &Plan, images: &Published, site: &Site, theme: &Theme) -> String {
    let mut image_files: Vec<&String> = images.images.values().flat_map(|r| r.files.iter().map(|f| &f.path)).collect();
    image_files.sort();
    let parts = (&plan.keys, &plan.fingerprints, image_files, site_static::fingerprint(site), theme.shared_fingerprint);
    format!("{:016x}", crate::hash::hash_one(&parts))
}

/// What pages link to, before them: the images and the theme's static files.
fn write_assets(images: &Published, theme: &Theme, staging: &Staging) -> Result<(), BuildError> {
    images::write(images, staging).map_err(BuildError::write("cannot write the images"))?;
    for (path, bytes) in &theme.static_files {
        staging.write(path, bytes).map_err(BuildError::write("cannot write the site"))?;
    }
    Ok(())
}

/// What covers the whole site — the search index, sitemaps, robots.txt and `_redirects`, open data,
/// calendar feeds — side by side (the search index, the largest, is itself parallel), then
/// the site's own static files, last. Returns the pages' states, owned.
fn write_site_files(
    plan: &Plan,
    staging: &Staging,
    pages: Vec<Cow<'_, PageState>>,
    noted: Descriptions,
) -> Result<Vec<PageState>, BuildError> {
    let catalog = plan.renderer.catalog;
    let urls = plan.sitemap_urls(&pages);
    let sink = |path: &str, bytes: &[u8]| staging.write(path, bytes);
    let sitemaps = || -> std::io::Result<()> {
        sitemap::write_sitemaps(staging, catalog.base, urls)?;
        staging.write("robots.txt", sitemap::robots_txt(catalog.base).as_bytes())?;
        let old_paths = catalog.redirects.iter().map(|r| (r.from.as_str(), r.to.as_str()));
        match redirects::file(catalog.root, old_paths) {
            Some(text) => staging.write(redirects::PATH, text.as_bytes()),
            None => Ok(()),
        }
    };
    let (search, (sitemaps, (opendata, feeds))) = rayon::join(
        || crate::search::publish(catalog, noted, &sink),
        || {
            rayon::join(sitemaps, || {
                rayon::join(|| opendata::write(staging, catalog.site), || render::events::write_feeds(catalog, staging))
            })
        },
    );
    // Errors are reported in a fixed order.
    sitemaps.map_err(BuildError::write("cannot write the sitemaps"))?;
    opendata.map_err(BuildError::write("cannot write the open data"))?;
    search.map_err(|e| match e {
        crate::search::SearchError::Source(error) => BuildError::Source(error),
        crate::search::SearchError::Write(error) => {
            BuildError::Write { doing: "cannot write the search index".into(), error }
        }
    })?;
    feeds?;
    site_static::copy(catalog.site, staging).map_err(|e| match e {
        site_static::StaticError::Content(diagnostic) => BuildError::Content(Diagnostics::from(diagnostic)),
        site_static::StaticError::Io(error) => BuildError::Write { doing: "cannot copy static/".into(), error },
    })?;
    Ok(pages.into_iter().map(Cow::into_owned).collect())
}

/// Refuses output folders that would swallow or replace the site itself.
fn check_output_path(site_dir: &Path, output: &Path) -> Result<(), BuildError> {
    let site = site_dir
        .canonicalize()
        .map_err(|e| BuildError::Usage(format!("cannot open the site folder {}: {e}", site_dir.display())))?;
    let absolute_output = if output.is_absolute() {
        output.to_path_buf()
    } else {
        std::env::current_dir().map_err(|e| BuildError::Usage(e.to_string()))?.join(output)
    };
    let output_real = resolve_existing_prefix(&absolute_output);
    if site.starts_with(&output_real) {
        return Err(BuildError::Usage(format!(
            "the output folder {} contains the site; choose a folder such as {}/public",
            output.display(),
            site_dir.display()
        )));
    }
    for protected in ["content", "themes", "static", ".git"] {
        if output_real.starts_with(site.join(protected)) {
            return Err(BuildError::Usage(format!(
                "the output folder {} is inside the site's {protected}/ folder",
                output.display()
            )));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Copies a fixture site to a temporary folder.
    fn fixture_copy(name: &str) -> tempfile::TempDir {
        let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        dir
    }

    #[test]
    fn descriptions_noted_by_rendered_pages_are_not_read_again_and_index_the_same() {
        use crate::content::model::{ProductId, VendorId};
        use crate::content::{Bodies, LoadOptions, load_site};
        use crate::derive::Catalog;
        use crate::render::kinds::{Job, ProductPage, VendorPage};
        use crate::search::index::Index;
        use crate::words::Variants;
        use std::collections::HashMap;
        let dir = fixture_copy("basic");
        let options = LoadOptions { drafts: false, git_dates: false, bodies: Bodies::InFiles };
        let site = load_site(dir.path(), None, options).unwrap_or_else(|d| panic!("{}", d.render()));
        let theme = crate::theme::Theme::load(&site.root, &site.config.theme, &site.config.language).unwrap();
        let images = HashMap::new();
        let now = jiff::Timestamp::UNIX_EPOCH;
        let variants = Variants::new(&site.config.search_variants);
        let catalog = Catalog::new(&site, &theme, &images, now);
        let read_again = Index::build(&catalog, Descriptions::new(&site), &variants).unwrap();

        let renderer = crate::render::Renderer::new(&catalog);
        let mut noted = Descriptions::new(&site);
        let jobs = ProductId::range(site.products.len())
            .map(|id| Job::ProductPage(ProductPage(id)))
            .chain(VendorId::range(site.vendors.len()).map(|id| Job::VendorPage(VendorPage(id))));
        for job in jobs {
            // Bodies kept in memory (`products.yaml`) are not noted.
            if let Some(note) = renderer.render(job).unwrap().noted {
                noted.keep(note);
            }
        }
        // Every body was noted: the index no longer needs the records' files.
        std::fs::remove_dir_all(dir.path().join("content/vendors")).unwrap();
        let noted = Index::build(&catalog, noted, &variants).unwrap();
        assert!(!noted.words.is_empty());
        assert_eq!(noted.words, read_again.words);
        assert_eq!(noted.prefixes, read_again.prefixes);
        assert_eq!(noted.common, read_again.common);
        // And a catalog whose pages were not rendered reads them, and fails without them.
        assert!(Index::build(&catalog, Descriptions::new(&site), &variants).is_err());
    }
}
