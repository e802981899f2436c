//! The `katalog` command line: parse arguments, run a subcommand, exit with its status.

use clap::{Parser, Subcommand};
use katalog::cmd;
use std::path::PathBuf;
use std::process::ExitCode;

/// Static-site generator for the Jakpreneur UMKM catalogue.
#[derive(Parser)]
#[command(name = "katalog", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder of static files (default: SITE_DIR/public).
    Build {
        /// The site folder (with site.yaml and content/).
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Where to write the site; replaced only when the build succeeds.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Publish for this base URL instead of site.yaml's (for previews).
        #[arg(long)]
        base_url: Option<String>,
        /// Include records marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Build as of this time (decides which events are upcoming): `2024-05-01T09:00`
        /// (site time zone) or `2024-05-01T02:00:00Z`. Default: `SOURCE_DATE_EPOCH` if set,
        /// else the start of today.
        #[arg(long)]
        now: Option<String>,
    },
    /// Load and validate every record; write nothing. Exit 1 on content errors.
    Check {
        /// The site folder (with site.yaml and content/).
        #[arg(default_value = ".")]
        site_dir: PathBuf,
    },
    /// Create a new site with sample records, ready to build.
    Init {
        /// A new or empty folder.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { cmd::exit(cmd::USAGE_OR_IO) } else { cmd::exit(cmd::SUCCESS) };
        }
    };
    match cli.command {
        Command::Build { site_dir, output, base_url, drafts, now } => {
            cmd::build::run(cmd::build::BuildArgs { site_dir, output, base_url, drafts, now })
        }
        Command::Check { site_dir } => cmd::check::run(&site_dir),
        Command::Init { dir } => cmd::init::run(&dir),
    }
}
