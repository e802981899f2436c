//! `katalog serve`: build, serve on loopback, watch the sources, rebuild what changed, reload
//! the open pages. A content error keeps the last good site served and shows the errors in
//! the terminal and over the page; fixing the file clears them.
//!
//! The preview is built into `.katalog-cache/serve/` (so a second `serve` starts from the
//! first one's pages) for `http://<bind>:<port>/` plus the path of `site.yaml`'s `base_url`.

use super::build::{BuildArgs, Outcome, build};
use super::{USAGE_OR_IO, exit};
use crate::serve::Shared;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

pub struct ServeArgs {
    pub site_dir: PathBuf,
    pub port: u16,
    pub bind: String,
    pub open: bool,
    pub drafts: bool,
    pub cache_dir: Option<PathBuf>,
}

/// What is watched, below the site folder.
const WATCHED: &[&str] = &["site.yaml", "content", "themes", "static"];

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
        quiet: true,
        in_place: true,
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
    rebuild(&build_args, &shared);
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
    sources.rebuild_on_change(&build_args, &shared);
    exit(super::SUCCESS)
}

/// Builds once and tells the pages.
fn rebuild(args: &BuildArgs, shared: &Shared) {
    match build(args, false) {
        Outcome::Done(summary) => {
            eprintln!("{summary}");
            shared.built();
        }
        // Back to the last good build (an undone typo): clear the errors.
        Outcome::Unchanged(_) => shared.clear_errors(),
        Outcome::ContentErrors(report) => {
            eprint!("{report}");
            eprintln!("error: the site has errors; still serving the last good build");
            shared.failed(report);
        }
        Outcome::Failed(message) => {
            eprintln!("error: {message}");
            shared.failed(format!("error: {message}\n"));
        }
    }
}

/// The watched sources: `site.yaml`, `content/`, `themes/` and `static/`.
struct Sources {
    site: PathBuf,
    watcher: notify::RecommendedWatcher,
    events: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    watching: HashSet<PathBuf>,
}

impl Sources {
    fn watch(site_dir: &Path) -> notify::Result<Sources> {
        let (tx, events) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        let site = site_dir.canonicalize()?;
        // The site folder itself (not recursively) sees site.yaml and new themes/ or static/.
        watcher.watch(&site, RecursiveMode::NonRecursive)?;
        let mut sources = Sources { site, watcher, events, watching: HashSet::new() };
        sources.watch_folders();
        Ok(sources)
    }

    /// Watches each source folder that exists and is not watched yet.
    fn watch_folders(&mut self) {
        for name in &WATCHED[1..] {
            let dir = self.site.join(name);
            if dir.is_dir()
                && !self.watching.contains(&dir)
                && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watching.insert(dir);
            }
        }
    }

    /// Whether an event is a change to a source. Reading a file (as every build does) raises
    /// access events, which would otherwise rebuild forever.
    fn is_change(&self, event: &notify::Result<notify::Event>) -> bool {
        event.as_ref().is_ok_and(|e| {
            !matches!(e.kind, EventKind::Access(_))
                && e.paths.iter().any(|path| {
                    path.strip_prefix(&self.site)
                        .ok()
                        .and_then(|p| p.components().next())
                        .is_some_and(|first| WATCHED.iter().any(|w| first.as_os_str() == *w))
                })
        })
    }

    /// Rebuilds after each burst of changes, until the process ends.
    fn rebuild_on_change(mut self, args: &BuildArgs, shared: &Shared) {
        while let Ok(event) = self.events.recv() {
            if !self.is_change(&event) {
                continue;
            }
            // An editor's save is often several events: wait until they stop for a moment.
            while self.events.recv_timeout(DEBOUNCE).is_ok() {}
            rebuild(args, shared);
            self.watch_folders();
        }
    }
}

/// How long the sources must stay still before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(40);
