//! `katalog deploy`: publishes a built site to object storage, uploading only what changed.
//!
//! The build records every file's size and content hash in `<output>/.katalog-manifest`
//! (`output::manifest`); the bucket keeps the record of its last finished deploy
//! (`record`). Comparing the two says what to upload, whatever the files' modification
//! times: a CI runner that built the site from scratch uploads the same few files as one
//! that kept its output. The uploads go in phases a visitor never sees out of order
//! (`plan::Phase`: images and theme files, then pages, then site-wide files), deletions come
//! only with `--prune` and after every upload, and the new record last of all. Finished
//! uploads are noted in the bucket as they go, so an interrupted deploy, run again, skips
//! them.

pub mod plan;
pub mod record;
pub mod store;

use crate::config::{DeployTarget, SiteConfig};
use crate::output::manifest::{self, Digest, Entry, Manifest};
use crate::progress::Progress;
use futures::StreamExt;
use object_store::path::Path as StorePath;
use object_store::{Attribute, Attributes, ObjectStore, ObjectStoreExt, PutOptions, PutPayload};
use plan::{Phase, Upload};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to deploy, where, and how.
pub struct Options {
    /// The built site (with its `.katalog-manifest`).
    pub output: PathBuf,
    /// The target's name; the first target of `deploy.targets` when `None`.
    pub target: Option<String>,
    /// Plan and print, change nothing.
    pub dry_run: bool,
    /// Delete objects the site no longer has.
    pub prune: bool,
    /// Uploads in flight at once.
    pub jobs: usize,
    /// Replace a bucket record that is damaged or another site's, uploading everything.
    pub force: bool,
    /// How long one request is retried before the deploy gives up.
    pub retry_for: Duration,
}

/// Listens to a deploy.
pub trait Reporter: Progress {
    /// A line worth telling (what was planned, what was skipped).
    fn note(&self, _line: &str) {}
    /// A phase is over.
    fn phase_done(&self, _phase: &str, _files: usize, _bytes: u64) {}
}

/// What a deploy did (or, with `--dry-run`, would do).
#[derive(Debug, Default)]
pub struct Summary {
    pub target: String,
    pub dry_run: bool,
    /// Per phase: files and bytes uploaded.
    pub phases: Vec<(Phase, usize, u64)>,
    pub unchanged: usize,
    pub deleted: usize,
    /// Objects the site no longer has, left in the bucket (no `--prune`).
    pub stale: usize,
    /// Uploads an interrupted earlier deploy had already made.
    pub resumed: usize,
    pub elapsed: Duration,
}

impl Summary {
    pub fn uploaded(&self) -> usize {
        self.phases.iter().map(|p| p.1).sum()
    }

    pub fn bytes(&self) -> u64 {
        self.phases.iter().map(|p| p.2).sum()
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.dry_run { "would upload" } else { "uploaded" };
        write!(f, "deploy to {}: {verb} {} files ({})", self.target, self.uploaded(), megabytes(self.bytes()))?;
        let kinds: Vec<String> =
            self.phases.iter().map(|(p, n, b)| format!("{n} {} ({})", p.name(), megabytes(*b))).collect();
        if !kinds.is_empty() {
            write!(f, ": {}", kinds.join(", "))?;
        }
        write!(f, "; {} unchanged", self.unchanged)?;
        if self.resumed > 0 {
            write!(f, ", {} already up from an interrupted deploy", self.resumed)?;
        }
        if self.deleted > 0 {
            write!(f, "; {} {}", if self.dry_run { "would delete" } else { "deleted" }, self.deleted)?;
        }
        if self.stale > 0 {
            write!(f, "; {} no longer in the site (kept: --prune deletes them)", self.stale)?;
        }
        write!(f, " in {:.1}s", self.elapsed.as_secs_f64())
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// Why a deploy failed. Every one leaves the bucket serving a whole site: the new record is
/// written only after every upload and deletion.
#[derive(Debug)]
pub enum DeployError {
    /// `site.yaml`'s targets, or the command line, do not say where to deploy.
    Target(String),
    /// The output is not a built site, or changed since it was built.
    Output(String),
    /// The bucket's record cannot be used.
    Record(String),
    /// A request to the store failed (after its retries).
    Store(String),
}

impl std::fmt::Display for DeployError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DeployError::Target(m) | DeployError::Output(m) | DeployError::Record(m) | DeployError::Store(m) => {
                f.write_str(m)
            }
        }
    }
}

impl std::error::Error for DeployError {}

/// The target called `name`, or the first one.
pub fn choose_target<'c>(config: &'c SiteConfig, name: Option<&str>) -> Result<&'c DeployTarget, DeployError> {
    let targets = &config.deploy_targets;
    if targets.is_empty() {
        return Err(DeployError::Target(
            "site.yaml names no deploy target\nhint: add one under `deploy: targets:` (name, url: s3://bucket); see docs/deploy.md"
                .into(),
        ));
    }
    match name {
        None => Ok(&targets[0]),
        Some(name) => targets.iter().find(|t| t.name == name).ok_or_else(|| {
            let names: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
            DeployError::Target(format!("no deploy target named `{name}`\nhint: site.yaml names {}", names.join(", ")))
        }),
    }
}

/// Deploys the site in `options.output`, configured by `config`, to its target.
pub fn run(config: &SiteConfig, options: &Options, reporter: &dyn Reporter) -> Result<Summary, DeployError> {
    let target = choose_target(config, options.target.as_deref())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| DeployError::Store(format!("cannot start the uploads: {e}")))?;
    runtime.block_on(deploy(config, target, options, reporter))
}

async fn deploy(
    config: &SiteConfig,
    target: &DeployTarget,
    options: &Options,
    reporter: &dyn Reporter,
) -> Result<Summary, DeployError> {
    let started = Instant::now();
    let site = config.base_url.absolute.clone();
    let local = local_manifest(&options.output, reporter)?;
    let connected = store::connect(target, options.retry_for).map_err(DeployError::Target)?;
    let store = connected.store.clone();
    let unreachable = |doing: &str, e: object_store::Error| {
        DeployError::Store(format!(
            "cannot {doing} on target `{}` ({}): {e}\nhint: check the bucket's name, the endpoint, and the credentials in the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for S3)",
            target.name, target.url
        ))
    };

    // What the bucket holds: its record, plus the notes of an interrupted deploy.
    let mut notes = Vec::new();
    let mut note_keys = Vec::new();
    let mut listing = store.list(Some(&StorePath::from(record::PROGRESS)));
    while let Some(item) = listing.next().await {
        let meta = item.map_err(|e| unreachable("list the deploy's progress notes", e))?;
        note_keys.push(meta.location);
    }
    note_keys.sort();
    for key in &note_keys {
        let bytes = get(store.as_ref(), key).await.map_err(|e| unreachable("read a progress note", e))?;
        if let Some(entries) = bytes.as_deref().and_then(|b| record::decode_progress(b, &site)) {
            notes.push(entries);
        }
    }
    let record_bytes = get(store.as_ref(), &StorePath::from(record::RECORD))
        .await
        .map_err(|e| unreachable("read the deploy record", e))?;
    let recorded = match record_bytes {
        None => Manifest::default(),
        Some(bytes) => match record::decode(&bytes, &site) {
            Ok(recorded) => recorded,
            Err(_) if options.force => {
                reporter.note("the bucket's deploy record is unusable: --force uploads every file and replaces it");
                Manifest::default()
            }
            Err(record::Unusable::Damaged) => {
                return Err(DeployError::Record(format!(
                    "the deploy record in target `{}` ({}{}) is damaged; nothing was changed\nhint: `katalog deploy --force` uploads every file and writes a new record",
                    target.name,
                    target.url.trim_end_matches('/'),
                    format_args!("/{}", record::RECORD)
                )));
            }
            Err(record::Unusable::OtherSite(other)) => {
                return Err(DeployError::Record(format!(
                    "target `{}` ({}) holds the site {other}, not {site}; nothing was changed\nhint: deploy to another bucket or folder, or, if this bucket is really meant for this site now, `katalog deploy --force`",
                    target.name, target.url
                )));
            }
        },
    };
    let resumable = notes.iter().map(Vec::len).sum::<usize>();
    let stored = record::apply_progress(recorded.clone(), notes);

    let redirects = match (
        target_store_redirects(target, &connected),
        local.entries.iter().any(|e| e.path == crate::output::redirects::PATH),
    ) {
        (true, true) => {
            let text = std::fs::read_to_string(options.output.join(crate::output::redirects::PATH))
                .map_err(|e| DeployError::Output(format!("cannot read the redirects of the build: {e}")))?;
            plan::redirects_from(&text, &config.base_url.root)
        }
        _ => HashMap::new(),
    };
    let plan = plan::plan(&local, &stored, &redirects, options.prune);
    // Uploads an interrupted deploy already made: planned against the record alone, they
    // would go up again (planned a second time only when there are notes).
    let resumed = if resumable == 0 {
        0
    } else {
        let before = plan::plan(&local, &recorded, &redirects, options.prune).upload_count();
        before.saturating_sub(plan.upload_count()).min(resumable)
    };
    if crate::output::delta::is_delta(&options.output) {
        require_delta_holds_uploads(&options.output, &plan, target)?;
    }
    let mut summary = Summary {
        target: format!("{} ({})", target.name, target.url),
        dry_run: options.dry_run,
        unchanged: plan.unchanged,
        deleted: if options.prune { plan.deletions.len() } else { 0 },
        stale: if options.prune { 0 } else { plan.gone },
        resumed,
        ..Summary::default()
    };
    if options.dry_run {
        summary.phases = plan.uploads.iter().map(|(p, u)| (*p, u.len(), u.iter().map(|u| u.size).sum())).collect();
        summary.elapsed = started.elapsed();
        return Ok(summary);
    }

    let deploy_id = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_millis();
    let mut notes_written = 0;
    for (phase, uploads) in &plan.uploads {
        let (files, bytes) = upload_phase(
            &connected,
            &options.output,
            *phase,
            uploads,
            options,
            reporter,
            &site,
            deploy_id,
            &mut notes_written,
        )
        .await?;
        reporter.phase_done(phase.name(), files, bytes);
        summary.phases.push((*phase, files, bytes));
    }
    if options.prune && !plan.deletions.is_empty() {
        delete_all(store.as_ref(), &plan.deletions, options.jobs, reporter)
            .await
            .map_err(|e| unreachable("delete the files the site no longer has", e))?;
    }
    // The record last: until it is written, the previous one (plus the notes) still says
    // what the bucket holds.
    put(store.as_ref(), record::RECORD, record::encode(&plan.record, &site), "application/gzip")
        .await
        .map_err(|e| unreachable("write the deploy record", e))?;
    for key in
        note_keys.iter().cloned().chain((0..notes_written).map(|n| StorePath::from(record::progress_key(deploy_id, n))))
    {
        // Leftover notes cost a few bytes and are read by the next deploy; not worth failing.
        let _ = store.delete(&key).await;
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Whether the target stores redirect pages with the store's own redirect.
fn target_store_redirects(target: &DeployTarget, connected: &store::Target) -> bool {
    connected.has_store_redirects() && target.store_redirects.unwrap_or(target.endpoint.is_none())
}

/// A delta build (`katalog build --delta`) holds only the files that changed since the build
/// in the cache: it can bring the bucket up to date only if the bucket holds that build. A
/// file the bucket needs and the folder lacks stops the deploy before anything is sent.
fn require_delta_holds_uploads(output: &Path, plan: &plan::Plan, target: &DeployTarget) -> Result<(), DeployError> {
    let mut missing = plan.uploads.iter().flat_map(|(_, uploads)| uploads).filter(|u| !output.join(&u.path).is_file());
    let Some(first) = missing.next() else { return Ok(()) };
    Err(DeployError::Output(format!(
        "{} is a delta build (katalog build --delta), and target `{}` ({}) lacks {} files that are not in it, such as {}: the bucket was not deployed from the build the delta was made against; nothing was changed\nhint: build without --delta (a whole site) and deploy that; it uploads only what differs from the bucket",
        output.display(),
        target.name,
        target.url,
        1 + missing.count(),
        first.path
    )))
}

/// The manifest of the built site in `output`, read from `.katalog-manifest` (made by
/// reading every file for an output built without one).
fn local_manifest(output: &Path, reporter: &dyn Reporter) -> Result<Manifest, DeployError> {
    if !output.join(crate::output::OUTPUT_MARKER).is_file() {
        return Err(DeployError::Output(format!(
            "{} is not a site built by katalog\nhint: run `katalog build` first (or name the output folder with --output)",
            output.display()
        )));
    }
    match Manifest::read(output) {
        Some(manifest) => Ok(manifest),
        None => {
            reporter.note(&format!("{} has no {}: reading every file", output.display(), manifest::FILE));
            Manifest::scan(output).map_err(|e| DeployError::Output(format!("cannot read {}: {e}", output.display())))
        }
    }
}

async fn get(store: &dyn ObjectStore, key: &StorePath) -> Result<Option<Vec<u8>>, object_store::Error> {
    match store.get(key).await {
        Ok(result) => Ok(Some(result.bytes().await?.to_vec())),
        Err(object_store::Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

async fn put(
    store: &dyn ObjectStore,
    key: &str,
    bytes: Vec<u8>,
    content_type: &'static str,
) -> Result<(), object_store::Error> {
    let mut attributes = Attributes::new();
    attributes.insert(Attribute::ContentType, content_type.into());
    attributes.insert(Attribute::CacheControl, "no-store".into());
    let options = PutOptions { attributes, ..PutOptions::default() };
    store.put_opts(&StorePath::from(key), PutPayload::from(bytes), options).await.map(|_| ())
}

/// How many finished uploads go into one progress note, and how long a note may wait.
const NOTE_FILES: usize = 500;
const NOTE_EVERY: Duration = Duration::from_secs(10);

/// Uploads one phase's files, `options.jobs` at a time, noting finished ones in the bucket.
#[allow(clippy::too_many_arguments)]
async fn upload_phase(
    target: &store::Target,
    output: &Path,
    phase: Phase,
    uploads: &[Upload],
    options: &Options,
    reporter: &dyn Reporter,
    site: &str,
    deploy_id: u128,
    notes_written: &mut usize,
) -> Result<(usize, u64), DeployError> {
    reporter.start(&format!("uploading {}", phase.name()), uploads.len());
    let mut finished: Vec<Entry> = Vec::new();
    let mut last_note = Instant::now();
    let mut bytes = 0;
    let mut count = 0;
    let mut in_flight = futures::stream::iter(uploads.iter().map(|upload| upload_one(target, output, upload)))
        .buffer_unordered(options.jobs.max(1));
    let mut failure = None;
    while let Some(result) = in_flight.next().await {
        match result {
            Ok(entry) => {
                bytes += entry.size;
                count += 1;
                finished.push(entry);
                reporter.step();
            }
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
        if finished.len() >= NOTE_FILES || (!finished.is_empty() && last_note.elapsed() >= NOTE_EVERY) {
            write_note(target, site, deploy_id, notes_written, &mut finished).await?;
            last_note = Instant::now();
        }
    }
    drop(in_flight);
    // What went up before a failure is noted too, so that a rerun skips it.
    if !finished.is_empty() {
        let noted = write_note(target, site, deploy_id, notes_written, &mut finished).await;
        if failure.is_none() {
            noted?;
        }
    }
    match failure {
        Some(e) => Err(e),
        None => Ok((count, bytes)),
    }
}

async fn write_note(
    target: &store::Target,
    site: &str,
    deploy_id: u128,
    notes_written: &mut usize,
    finished: &mut Vec<Entry>,
) -> Result<(), DeployError> {
    let key = record::progress_key(deploy_id, *notes_written);
    put(target.store.as_ref(), &key, record::encode_progress(finished, site), "text/plain; charset=utf-8")
        .await
        .map_err(|e| DeployError::Store(format!("cannot note the deploy's progress: {e}")))?;
    *notes_written += 1;
    finished.clear();
    Ok(())
}

/// Uploads one file; its entry for the bucket's record when done.
async fn upload_one(target: &store::Target, output: &Path, upload: &Upload) -> Result<Entry, DeployError> {
    let bytes = tokio::fs::read(output.join(&upload.path))
        .await
        .map_err(|e| DeployError::Output(format!("cannot read {}: {e}", output.join(&upload.path).display())))?;
    // The file must still be what the build recorded (an edit since, or a half-finished
    // build over the folder, would publish bytes the record does not describe).
    if bytes.len() as u64 != upload.size || plan::stored_digest(&Digest::of(&bytes), &upload.headers) != upload.stored {
        return Err(DeployError::Output(format!(
            "{} changed since the site was built\nhint: the output must be exactly what `katalog build` wrote: delete the output folder, build again, then deploy",
            output.join(&upload.path).display()
        )));
    }
    let size = bytes.len() as u64;
    let headers = &upload.headers;
    match &headers.redirect {
        Some(location) => target
            .put_with_redirect(&upload.path, bytes, headers.content_type, headers.cache_control, location)
            .await
            .map_err(DeployError::Store)?,
        None => {
            let mut attributes = Attributes::new();
            attributes.insert(Attribute::ContentType, headers.content_type.into());
            attributes.insert(Attribute::CacheControl, headers.cache_control.into());
            let options = PutOptions { attributes, ..PutOptions::default() };
            target
                .store
                .put_opts(&StorePath::from(upload.path.as_str()), PutPayload::from(bytes), options)
                .await
                .map_err(|e| DeployError::Store(format!("cannot upload {}: {e}", upload.path)))?;
        }
    }
    Ok(Entry { path: upload.path.clone(), size, digest: upload.stored })
}

/// Deletes `paths`, `jobs` at a time.
async fn delete_all(
    store: &dyn ObjectStore,
    paths: &[String],
    jobs: usize,
    reporter: &dyn Reporter,
) -> Result<(), object_store::Error> {
    reporter.start("deleting", paths.len());
    let mut deletions = futures::stream::iter(paths.iter().map(|path| async move {
        match store.delete(&StorePath::from(path.as_str())).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }))
    .buffer_unordered(jobs.max(1));
    while let Some(result) = deletions.next().await {
        result?;
        reporter.step();
    }
    reporter.phase_done("deletions", paths.len(), 0);
    Ok(())
}
