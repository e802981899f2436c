//! `katalog serve`: build, serve on loopback, watch the sources, rebuild what changed, reload
//! the open pages. A content error keeps the last good site served and shows the errors in
//! the terminal and over the page; fixing the file clears them.
//!
//! The preview is built into `.katalog-cache/serve/` (so a second `serve` starts from the
//! first one's pages) for `http://<bind>:<port>/` plus the path of `site.yaml`'s `base_url`.
//!
//! Between builds, serve keeps the parsed records and the output's state in memory
//! ([`Resident`]); the watcher's events say which record folders to read again. The open
//! pages reload as soon as the pages are written, before the site-wide files.

use super::build::BuildArgs;
use super::{USAGE_OR_IO, exit};
use crate::build::{Build, BuildError, Reporter, Resident, StageTimes};
use crate::progress::Progress;
use crate::serve::Shared;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub struct ServeArgs {
    pub site_dir: PathBuf,
    pub port: u16,
    pub bind: String,
    pub open: bool,
    pub drafts: bool,
    pub cache_dir: Option<PathBuf>,
}

/// What is watched, below the site folder: the settings file, then the source folders.
const WATCHED: &[&str] = crate::content::SITE_PATHS;

pub fn run(args: ServeArgs) -> ExitCode {
    if !args.site_dir.is_dir() {
        eprintln!("error: {} is not a folder", args.site_dir.display());
        return exit(USAGE_OR_IO);
    }
    let server = match tiny_http::Server::http((args.bind.as_str(), args.port)) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("error: cannot listen on {}:{}: {e} (try another --port)", args.bind, args.port);
            return exit(USAGE_OR_IO);
        }
    };
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let root = crate::config::SiteConfig::load(&args.site_dir).map(|c| c.base_url.root).unwrap_or_else(|_| "/".into());
    let host = if args.bind.contains(':') { format!("[{}]", args.bind) } else { args.bind.clone() };
    let url = format!("http://{host}:{port}{root}");
    let cache_dir = args.cache_dir.clone().unwrap_or_else(|| args.site_dir.join(super::CACHE_DIR));
    let output = cache_dir.join("serve").join("site");
    let build_args = BuildArgs {
        site_dir: args.site_dir.clone(),
        output: Some(output.clone()),
        base_url: Some(url.clone()),
        drafts: args.drafts,
        now: None,
        no_git_dates: true,
        cache_dir: Some(cache_dir),
        in_place: true,
        delta: false,
        format: crate::diagnostics::Format::Human,
    };
    let options = match build_args.options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return exit(USAGE_OR_IO);
        }
    };
    // Watch before the first build and before saying where to look: an edit made meanwhile
    // must not be missed.
    let sources = match Sources::watch(&args.site_dir) {
        Ok(sources) => sources,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", args.site_dir.display());
            return exit(USAGE_OR_IO);
        }
    };
    let shared = Shared::new(output, root);
    let reporter = Reload {
        shared: std::sync::Arc::clone(&shared),
        early: AtomicBool::new(false),
        reloaded: AtomicBool::new(false),
        times: StageTimes::from_env(),
    };
    let mut build = Build::new(options, &reporter).resident();
    rebuild(&mut build, &reporter, false);
    {
        let shared = std::sync::Arc::clone(&shared);
        std::thread::spawn(move || crate::serve::run(server, shared));
    }
    eprintln!("serving {url} (Ctrl+C stops)");
    if args.open
        && let Err(e) = opener::open_browser(&url)
    {
        eprintln!("warning: cannot open a browser: {e}");
    }
    sources.rebuild_on_change(&mut build, &reporter);
    exit(super::SUCCESS)
}

/// Tells the open pages to reload as soon as the pages are written, when `early`.
struct Reload {
    shared: std::sync::Arc<Shared>,
    early: AtomicBool,
    reloaded: AtomicBool,
    times: StageTimes,
}

impl Progress for Reload {}

impl Reporter for Reload {
    fn loading(&self, _site_dir: &Path) {
        self.times.restart();
    }

    fn stage_done(&self, stage: &str) {
        self.times.lap(stage);
    }

    fn pages_written(&self) {
        if self.early.load(Ordering::Relaxed) {
            self.shared.pages_written();
            self.reloaded.store(true, Ordering::Relaxed);
        }
    }
}

/// Builds once and tells the pages: as soon as the pages are written when `early_reload`,
/// else once everything is.
fn rebuild(build: &mut Build, reload: &Reload, early_reload: bool) {
    reload.early.store(early_reload, Ordering::Relaxed);
    reload.reloaded.store(false, Ordering::Relaxed);
    let outcome = build.run();
    let shared = &reload.shared;
    let reloaded = reload.reloaded.load(Ordering::Relaxed);
    if reloaded {
        shared.site_files_written();
        // Pages of removed records are deleted last: a tab that showed one reloads again.
        if outcome.as_ref().is_ok_and(|summary| summary.pages_removed > 0) {
            shared.built();
        }
    }
    match outcome {
        // Back to the last good build (an undone typo): clear the errors.
        Ok(summary) if summary.unchanged => {
            eprintln!("{summary}");
            shared.clear_errors();
        }
        Ok(summary) => {
            eprintln!("{summary}");
            if !reloaded {
                shared.built();
            }
        }
        Err(error) if error.is_content() => {
            let report = match &error {
                BuildError::Content(diagnostics) => diagnostics.render(),
                other => format!("error: {other}\n"),
            };
            eprint!("{report}");
            eprintln!("error: the site has errors; still serving the last good build");
            shared.failed(report);
        }
        Err(error) => {
            let mut report = format!("error: {error}\n");
            if error.while_writing() {
                report += &format!("error: the build failed; {} was not changed\n", build.output().display());
            }
            eprint!("{report}");
            shared.failed(report);
        }
    }
}

/// The watched sources: `site.yaml`, `content/`, `themes/` and `static/`.
struct Sources {
    site: PathBuf,
    watcher: notify::RecommendedWatcher,
    events: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    watching: HashSet<PathBuf>,
    /// Whether a folder could not be watched (the system's limit on watches, say): then
    /// changes may go unseen, and no record is kept between builds.
    incomplete: bool,
}

impl Sources {
    fn watch(site_dir: &Path) -> notify::Result<Sources> {
        let (tx, events) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        let site = site_dir.canonicalize()?;
        // The site folder itself (not recursively) sees site.yaml and new themes/ or static/.
        watcher.watch(&site, RecursiveMode::NonRecursive)?;
        let mut sources = Sources { site, watcher, events, watching: HashSet::new(), incomplete: false };
        sources.watch_folders();
        Ok(sources)
    }

    /// Watches each source folder that exists and is not watched yet.
    fn watch_folders(&mut self) {
        for name in &WATCHED[1..] {
            let dir = self.site.join(name);
            if dir.is_dir() && !self.watching.contains(&dir) {
                match self.watcher.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watching.insert(dir);
                    }
                    Err(e) => self.lost_track(&e.to_string()),
                }
            }
        }
    }

    /// Whether an event is a change to a source (see [`is_change`]).
    fn is_change(&self, event: &notify::Result<notify::Event>) -> bool {
        is_change(&self.site, event)
    }

    /// Changes may go unseen from now on: say so once; every build reads every record.
    fn lost_track(&mut self, why: &str) {
        if !self.incomplete {
            eprintln!("warning: not every change can be watched ({why}); every rebuild reads every file");
        }
        self.incomplete = true;
    }

    /// Rebuilds after each burst of changes, until the process ends.
    fn rebuild_on_change(mut self, build: &mut Build, reload: &Reload) {
        while let Ok(event) = self.events.recv() {
            let resident = build.resident_mut().expect("serve keeps its build resident");
            if let Err(e) = &event {
                self.lost_track(&e.to_string());
            }
            if self.incomplete {
                resident.records.stop_keeping();
            }
            let Some(mut static_changed) = self.note(&event, resident) else { continue };
            // An editor's save is often several events: wait until they stop for a moment,
            // a shorter one once a file has been saved whole.
            let mut quiet = quiet_after(&self.site, &event, DEBOUNCE);
            while let Ok(event) = self.events.recv_timeout(quiet) {
                quiet = quiet_after(&self.site, &event, quiet);
                static_changed |= self.note(&event, resident).unwrap_or(false);
            }
            // Pages may use the site's own static files, which are copied last: when one
            // changed, reload only once it is there.
            rebuild(build, reload, !static_changed);
            self.watch_folders();
            if self.incomplete {
                build.resident_mut().expect("serve keeps its build resident").records.stop_keeping();
            }
        }
    }

    /// Tells the record cache what a change touched. `None` if the event is no change to a
    /// source; else whether it may have touched `static/`.
    fn note(&self, event: &notify::Result<notify::Event>, resident: &mut Resident) -> Option<bool> {
        match event {
            Ok(e) if !e.need_rescan() => {
                if !self.is_change(event) {
                    return None;
                }
                for path in &e.paths {
                    resident.records.forget(&self.site, path);
                }
                Some(e.paths.iter().any(|p| p.starts_with(self.site.join("static"))))
            }
            // The watcher lost track of what changed: read everything again.
            _ => {
                resident.records.clear();
                Some(true)
            }
        }
    }
}

/// Whether an event is a change to a source of the site in `site`. Reading a file (as every
/// build does) raises access events, which would otherwise rebuild forever.
fn is_change(site: &Path, event: &notify::Result<notify::Event>) -> bool {
    event
        .as_ref()
        .is_ok_and(|e| !matches!(e.kind, EventKind::Access(_)) && e.paths.iter().any(|path| is_source(site, path)))
}

/// Whether `path` is `site.yaml` or below a source folder of the site in `site`.
fn is_source(site: &Path, path: &Path) -> bool {
    path.strip_prefix(site)
        .ok()
        .and_then(|p| p.components().next())
        .is_some_and(|first| WATCHED.iter().any(|w| first.as_os_str() == *w))
}

/// How long to wait for more events after `event`, having waited `quiet` so far: short once
/// a source file is complete (closed after writing, or moved into place as editors that save
/// atomically do), the whole debounce after any other change, unchanged otherwise.
fn quiet_after(site: &Path, event: &notify::Result<notify::Event>, quiet: Duration) -> Duration {
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    let Ok(e) = event else { return DEBOUNCE };
    // A backup (`kopi.md~`) or hidden file (`.kopi.md.swp`) is written before the save
    // itself, not as its end.
    let saved = |path: &&PathBuf| {
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        !name.ends_with('~') && !name.starts_with('.')
    };
    let in_sources = || e.paths.iter().filter(saved).any(|path| is_source(site, path));
    match e.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            if in_sources() =>
        {
            SAVED_QUIET
        }
        EventKind::Access(_) => quiet,
        _ if is_change(site, event) => DEBOUNCE,
        _ => quiet,
    }
}

/// How long the sources must stay still before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(40);
/// The same once a file was saved whole: long enough for the rest of an editor's burst (a
/// backup file deleted after the save) to arrive with it.
const SAVED_QUIET: Duration = Duration::from_millis(5);

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RemoveKind, RenameMode};

    fn event(kind: EventKind, paths: &[&str]) -> notify::Result<notify::Event> {
        let mut event = notify::Event::new(kind);
        for path in paths {
            event = event.add_path(PathBuf::from(path));
        }
        Ok(event)
    }

    #[test]
    fn a_file_saved_whole_shortens_the_wait_and_other_changes_restore_it() {
        let site = Path::new("/site");
        let product = "/site/content/vendors/kopi/susu.md";
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let written = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Content));
        // A plain save: the writes keep the whole debounce, the close ends it.
        assert_eq!(quiet_after(site, &event(written, &[product]), DEBOUNCE), DEBOUNCE);
        assert_eq!(quiet_after(site, &event(closed, &[product]), DEBOUNCE), SAVED_QUIET);
        // An atomic save: the temporary file moved over the record.
        let moved = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let temporary = "/site/content/vendors/kopi/.susu.md.tmp";
        assert_eq!(quiet_after(site, &event(moved, &[temporary, product]), DEBOUNCE), SAVED_QUIET);
        // Anything after the save restores the whole wait: another file is still changing.
        let removed = EventKind::Remove(RemoveKind::File);
        assert_eq!(quiet_after(site, &event(removed, &["/site/content/vendors/kopi/susu.md~"]), SAVED_QUIET), DEBOUNCE);
        let created = EventKind::Create(CreateKind::File);
        assert_eq!(quiet_after(site, &event(created, &[product]), SAVED_QUIET), DEBOUNCE);
        // A backup or hidden file is written before the save, not as its end.
        assert_eq!(quiet_after(site, &event(closed, &["/site/content/vendors/kopi/susu.md~"]), DEBOUNCE), DEBOUNCE);
        assert_eq!(quiet_after(site, &event(closed, &["/site/content/vendors/kopi/.susu.md.swp"]), DEBOUNCE), DEBOUNCE);
        let backup = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert_eq!(quiet_after(site, &event(backup, &["/site/content/vendors/kopi/susu.md~"]), DEBOUNCE), DEBOUNCE);
        // Reads, and files outside the sources (the preview's own output), change nothing.
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert_eq!(quiet_after(site, &event(read, &[product]), SAVED_QUIET), SAVED_QUIET);
        let output = "/site/.katalog-cache/serve/index.html";
        assert_eq!(quiet_after(site, &event(closed, &[output]), DEBOUNCE), DEBOUNCE);
        assert_eq!(quiet_after(site, &event(written, &[output]), SAVED_QUIET), SAVED_QUIET);
        // A watcher error: wait the whole debounce.
        assert_eq!(quiet_after(site, &Err(notify::Error::generic("lost")), SAVED_QUIET), DEBOUNCE);
    }
}
