//! `katalog deploy`: reads the site's deploy targets, runs a [`crate::deploy`] with a
//! progress bar on a terminal and plain lines in CI, and turns the outcome into a one-line
//! summary and an exit status (2 for any failure: the bucket still serves a whole site).

use super::{SUCCESS, USAGE_OR_IO, exit};
use crate::config::SiteConfig;
use crate::deploy::{Options, Reporter};
use crate::progress::Progress;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

pub fn run(site_dir: &Path, options: &Options) -> ExitCode {
    if let Err(code) = super::require_site(site_dir) {
        return code;
    }
    let config = match SiteConfig::load(site_dir) {
        Ok(config) => config,
        Err(errors) => {
            let mut diagnostics = crate::diagnostics::Diagnostics::new();
            diagnostics.extend(errors);
            super::report(&diagnostics, crate::diagnostics::Format::Human, "; nothing was deployed");
            return exit(USAGE_OR_IO);
        }
    };
    let reporter = DeployTerminal::new(std::io::stderr().is_terminal());
    let outcome = crate::deploy::run(&config, options, &reporter);
    reporter.bar.finish_and_clear();
    match outcome {
        Ok(summary) => {
            eprintln!("{summary}");
            exit(SUCCESS)
        }
        Err(error) => {
            let text = error.to_string();
            let (message, hint) = text.split_once("\nhint: ").map_or((text.as_str(), None), |(m, h)| (m, Some(h)));
            eprintln!("error: {message}");
            if let Some(hint) = hint {
                eprintln!("  = hint: {hint}");
            }
            exit(USAGE_OR_IO)
        }
    }
}

/// A bar per phase on a terminal; in CI, a line when a phase starts and ends.
struct DeployTerminal {
    interactive: bool,
    bar: ProgressBar,
}

impl DeployTerminal {
    fn new(interactive: bool) -> DeployTerminal {
        let bar = if interactive {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} files, {per_sec}, {eta} left")
                    .expect("a valid progress template")
                    .progress_chars("=> "),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        DeployTerminal { interactive, bar }
    }
}

impl Progress for DeployTerminal {
    fn start(&self, stage: &str, steps: usize) {
        if !self.interactive && steps > 0 {
            eprintln!("{stage}: {steps} files");
        }
        self.bar.set_length(steps as u64);
        self.bar.set_position(0);
        self.bar.set_message(stage.to_string());
    }

    fn step(&self) {
        self.bar.inc(1);
    }
}

impl Reporter for DeployTerminal {
    fn note(&self, line: &str) {
        self.bar.suspend(|| eprintln!("note: {line}"));
    }

    fn phase_done(&self, phase: &str, files: usize, bytes: u64) {
        if !self.interactive && files > 0 {
            eprintln!("{phase}: done ({files} files, {:.1} MB)", bytes as f64 / 1e6);
        }
    }
}
