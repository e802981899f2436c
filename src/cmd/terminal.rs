//! How a build shows while it runs: progress bars on a terminal, plain lines in a CI log,
//! and with `KATALOG_TIMINGS` set, each stage's time on stderr (for the benchmarks).

use crate::build::{Reporter, StageTimes};
use crate::progress::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Instant;

/// The reporter of `katalog build`.
pub(super) struct Terminal {
    interactive: bool,
    bar: ProgressBar,
    started: Instant,
    timings: StageTimes,
}

impl Terminal {
    pub(super) fn new(interactive: bool) -> Terminal {
        let bar = if interactive {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} pages, {per_sec}, {eta} left")
                    .expect("a valid progress template")
                    .progress_chars("=> "),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        let now = Instant::now();
        Terminal { interactive, bar, started: now, timings: StageTimes::from_env() }
    }
}

impl Progress for Terminal {
    fn start(&self, stage: &str, steps: usize) {
        self.bar.set_length(steps as u64);
        self.bar.set_position(0);
        self.bar.set_message(stage.to_string());
    }

    fn step(&self) {
        self.bar.inc(1);
    }
}

impl Reporter for Terminal {
    fn loaded(&self, counts: &str) {
        if !self.interactive {
            eprintln!("loaded {counts} in {:.2}s; rendering", self.started.elapsed().as_secs_f64());
        }
    }

    fn loading(&self, site_dir: &std::path::Path) {
        if !self.interactive {
            eprintln!("loading {}", site_dir.display());
        }
    }

    fn stage_done(&self, stage: &str) {
        self.timings.lap(stage);
    }

    fn pages_written(&self) {
        self.bar.finish_and_clear();
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
