//! What a build tells as it goes, to whoever runs it: the stages it passes, its progress
//! through images and pages, the moment every page is written. `katalog build` draws
//! progress bars on a terminal and prints plain lines in CI (`cmd::build`); `katalog serve`
//! reloads the browser when the pages are written (`cmd::serve`). [`Quiet`] tells nobody.

use crate::progress::Progress;

/// A listener to one build.
pub trait Reporter: Progress {
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

impl Progress for Quiet {
    fn start(&self, _: &str, _: usize) {}
    fn step(&self) {}
}

impl Reporter for Quiet {}
