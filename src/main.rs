//! The `katalog` command line: parse arguments, run a subcommand, exit with its status.

use clap::{Parser, Subcommand};
use katalog::cmd;
use katalog::diagnostics::Format;
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build makes many short-lived allocations on
/// every thread (template contexts, page strings), where glibc's malloc spent a third of
/// the time (perf, 25,000-product catalogue).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Do not read last-commit dates from Git (for `lastmod` and "Diperbarui").
        #[arg(long)]
        no_git_dates: bool,
        /// Where resized images are kept between builds (default: SITE_DIR/.katalog-cache);
        /// point CI's cache at it.
        #[arg(long, env = "KATALOG_CACHE_DIR")]
        cache_dir: Option<PathBuf>,
        /// Update the output folder where it is (as `katalog serve` does): faster for a small
        /// change to a big site, but a failed build can leave it half updated.
        #[arg(long, hide = true, conflicts_with = "delta")]
        in_place: bool,
        /// Write only the files that changed since the previous build of this output, as the
        /// cache folder records it (for CI: restore the cache, build with --delta, then
        /// `katalog deploy`); the output then holds those files and a manifest of the whole
        /// site, not a site to serve. See docs/deploy.md.
        #[arg(long)]
        delta: bool,
        /// How content errors are printed: `human` (stderr), `github` (annotations on stdout,
        /// for GitHub Actions) or `json` (one object per line on stdout), as `check` does.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Load and validate every record; write nothing. Exit 1 on content errors.
    Check {
        /// The site folder (with site.yaml and content/).
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// How errors are printed: `human` (stderr), `github` (workflow-command annotations on
        /// stdout, for GitHub Actions) or `json` (one object per line on stdout).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The image cache a build left (default: SITE_DIR/.katalog-cache): images found there
        /// are not read again.
        #[arg(long, env = "KATALOG_CACHE_DIR")]
        cache_dir: Option<PathBuf>,
        /// The previous build's sitemap.xml, or its output folder (then its product QR codes
        /// are read too): every URL it published must still lead somewhere (a page, an
        /// alias's redirect, or a removed record's page).
        #[arg(long, value_name = "OLD")]
        against: Option<PathBuf>,
    },
    /// Build, serve on this machine, and rebuild and reload the browser on every change.
    Serve {
        /// The site folder (with site.yaml and content/).
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// The address to listen on. The default serves this machine only; `0.0.0.0` shows the
        /// preview to the whole network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include records marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Where resized images and the preview are kept (default: SITE_DIR/.katalog-cache).
        #[arg(long, env = "KATALOG_CACHE_DIR")]
        cache_dir: Option<PathBuf>,
    },
    /// Create a new vendor, product or event from a commented template.
    New {
        #[command(subcommand)]
        record: cmd::new::NewRecord,
        /// The site folder.
        #[arg(long, default_value = ".", global = true)]
        site: PathBuf,
    },
    /// Rename a vendor or product (or move a product to another vendor), keeping its old
    /// path as an alias so printed QR codes keep working; events' vendor lists follow.
    Mv {
        #[command(subcommand)]
        what: cmd::mv::Move,
        /// The site folder.
        #[arg(long, default_value = ".", global = true)]
        site: PathBuf,
    },
    /// Write JSON Schemas of site.yaml and every record kind (for editors and tools).
    Schema {
        /// Where to write them.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
    /// Write the web editor (Decap CMS): static/admin/config.yml, index.html and katalog-cms.js.
    CmsConfig {
        /// The site folder.
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Where to write config.yml, index.html and katalog-cms.js (default: SITE_DIR/static/admin).
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
    /// Import vendors and products from the programme's spreadsheets (CSV or XLSX).
    Import {
        /// The export: CSV (UTF-8 or Windows-1252, `,` or `;`) or XLSX.
        file: PathBuf,
        /// The site folder.
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// Which column fills which field (see `--init-map`); default: the form's headers.
        #[arg(long)]
        map: Option<PathBuf>,
        /// The sheet of an XLSX file (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Print what would be added and changed, field by field; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the good rows and list the bad ones, instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
        /// Write a column map made from FILE's header row, for an editor to check, and stop.
        #[arg(long, value_name = "MAP.yaml")]
        init_map: Option<PathBuf>,
        /// How row errors are printed (as `katalog check` prints content errors).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Publish the built site to object storage (S3, R2, GCS, Azure): only what changed.
    Deploy {
        /// The site folder (its site.yaml names the targets under `deploy:`).
        #[arg(default_value = ".")]
        site_dir: PathBuf,
        /// The built site (default: SITE_DIR/public).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The target's name (default: the first of `deploy.targets`).
        #[arg(long)]
        target: Option<String>,
        /// Print what would be uploaded and deleted, per kind of file; change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Delete from the bucket the files the site no longer has (after every upload).
        #[arg(long)]
        prune: bool,
        /// Uploads at once.
        #[arg(long, default_value_t = 16)]
        jobs: usize,
        /// Replace a deploy record in the bucket that is damaged or another site's, uploading
        /// every file.
        #[arg(long)]
        force: bool,
        /// Give up on a request that still fails after this many seconds of retries.
        #[arg(long, default_value_t = 120, value_name = "SECONDS")]
        retry_for: u64,
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
        Command::Build {
            site_dir,
            output,
            base_url,
            drafts,
            now,
            no_git_dates,
            cache_dir,
            in_place,
            delta,
            format,
        } => cmd::build::run(cmd::build::BuildArgs {
            site_dir,
            output,
            base_url,
            drafts,
            now,
            no_git_dates,
            cache_dir,
            in_place,
            delta,
            format,
        }),
        Command::Check { site_dir, format, cache_dir, against } => {
            let cache_dir = cache_dir.unwrap_or_else(|| site_dir.join(cmd::CACHE_DIR));
            cmd::check::run(&site_dir, format, &cache_dir, against.as_deref())
        }
        Command::Serve { site_dir, port, bind, open, drafts, cache_dir } => {
            cmd::serve::run(cmd::serve::ServeArgs { site_dir, port, bind, open, drafts, cache_dir })
        }
        Command::Init { dir } => cmd::init::run(&dir),
        Command::Import { file, site_dir, map, sheet, dry_run, skip_invalid, init_map, format } => {
            let options = katalog::import::Options { file, site_dir, map, sheet, dry_run, skip_invalid };
            match init_map {
                Some(out) => cmd::import::init_map(&options, &out),
                None => cmd::import::run(&options, format),
            }
        }
        Command::New { record, site } => cmd::new::run(&site, &record),
        Command::Mv { what, site } => cmd::mv::run(&site, &what),
        Command::Schema { out } => cmd::schema::run(&out),
        Command::Deploy { site_dir, output, target, dry_run, prune, jobs, force, retry_for } => {
            let options = katalog::deploy::Options {
                output: output.unwrap_or_else(|| site_dir.join("public")),
                target,
                dry_run,
                prune,
                jobs,
                force,
                retry_for: std::time::Duration::from_secs(retry_for),
            };
            cmd::deploy::run(&site_dir, &options)
        }
        Command::CmsConfig { site_dir, out } => cmd::cms_config::run(&site_dir, out.as_deref()),
    }
}
