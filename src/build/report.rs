//! What a build tells as it goes, to whoever runs it: the stages it passes, its progress
//! through images and pages, the moment every page is written. `katalog build` draws
//! progress bars on a terminal and prints plain lines in CI (`cmd::build`); `katalog serve`
//! reloads the browser when the pages are written (`cmd::serve`). [`Quiet`] tells nobody.

use crate::progress::Progress;
use std::sync::Mutex;
use std::time::Instant;

/// A listener to one build.
pub trait Reporter: Progress {
    /// Loading the site in this folder begins.
    fn loading(&self, _site_dir: &std::path::Path) {}
    /// The site is loaded (`"45 vendors, 176 products, 12 events, 3 pages"`).
    fn loaded(&self, _counts: &str) {}
    /// A stage ended (for phase times).
    fn stage_done(&self, _stage: &str) {}
    /// Every page is written, before the site-wide files (search index, sitemaps, feeds).
    fn pages_written(&self) {}
    /// The build is over, whatever its outcome: clear what was drawn.
    fn finish(&self) {}
}

/// Tells nobody.
pub struct Quiet;

impl Progress for Quiet {}

impl Reporter for Quiet {}

/// Each stage's time on stderr, when `KATALOG_TIMINGS` is set (for the benchmarks): for a
/// [`Reporter::stage_done`].
pub struct StageTimes(Option<Mutex<Instant>>);

impl StageTimes {
    pub fn from_env() -> StageTimes {
        StageTimes(std::env::var_os("KATALOG_TIMINGS").map(|_| Mutex::new(Instant::now())))
    }

    /// Starts timing from now: a build begins.
    pub fn restart(&self) {
        if let Some(last) = &self.0 {
            *last.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Instant::now();
        }
    }

    /// Prints the time since the last stage ended (or since the build began).
    pub fn lap(&self, stage: &str) {
        if let Some(last) = &self.0 {
            let mut last = last.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            eprintln!("timing: {stage:<24} {:>8.1} ms", last.elapsed().as_secs_f64() * 1e3);
            *last = Instant::now();
        }
    }
}
