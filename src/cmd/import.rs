//! `katalog import FILE [SITE_DIR]`: runs an [`import`](crate::import) and prints what it did
//! (or would do, with `--dry-run`); `--init-map` writes a column map to start from.

use super::{CONTENT_ERRORS, SUCCESS, USAGE_OR_IO, exit, report};
use crate::diagnostics::Format;
use crate::import::{self, ImportError, Options, Report};
use std::path::Path;
use std::process::ExitCode;

/// How many row errors are printed for people before the rest are counted.
const LISTED: usize = import::LISTED;

pub fn run(options: &Options, format: Format) -> ExitCode {
    match import::run(options) {
        Ok(report) => {
            print_report(options, &report, format);
            exit(SUCCESS)
        }
        Err(ImportError::Rows(diagnostics)) => {
            // A wrong export can hold an error in every one of 282,000 rows: people get the
            // first ones (machines every one).
            if format == Format::Human && diagnostics.len() > LISTED {
                let first: crate::diagnostics::Diagnostics = diagnostics.iter().take(LISTED).cloned().collect();
                eprint!("{}", first.render_items());
                eprintln!(
                    "… and {} more; fix these first, or see them all with `--format json`",
                    diagnostics.len() - LISTED
                );
                eprintln!("error: {}; nothing was imported", diagnostics.count());
            } else {
                report(&diagnostics, format, "; nothing was imported");
            }
            exit(CONTENT_ERRORS)
        }
        Err(ImportError::Unusable(diagnostics)) => {
            match format {
                Format::Human => eprint!("{}", diagnostics.render_items()),
                other => print!("{}", diagnostics.render_as(other)),
            }
            eprintln!("error: nothing was imported");
            exit(USAGE_OR_IO)
        }
    }
}

fn print_report(options: &Options, report: &Report, format: Format) {
    if !report.skipped.is_empty() {
        match format {
            Format::Human => eprint!("{}", report.skipped.render_items()),
            other => print!("{}", report.skipped.render_as(other)),
        }
        eprintln!("warning: {} left out (--skip-invalid)", report.skipped.count().replace("found", "in rows"));
    }
    if options.dry_run {
        for (new, change) in &report.listed {
            eprintln!("{} {}", if *new { '+' } else { '~' }, change.path);
            for (field, before, after) in &change.fields {
                match before {
                    Some(before) => eprintln!("    {field}: {before} → {after}"),
                    None => eprintln!("    {field}: {after}"),
                }
            }
        }
        let listed = report.added + report.changed;
        if listed > report.listed.len() {
            eprintln!("… and {} more", listed - report.listed.len());
        }
    }
    if !report.unmapped.is_empty() {
        eprintln!("note: columns not imported: {}", report.unmapped.join(", "));
    }
    if !report.absent.is_empty() {
        let shown: Vec<&str> = report.absent.iter().take(10).map(String::as_str).collect();
        let more =
            if report.absent.len() > 10 { format!(", … ({} in all)", report.absent.len()) } else { String::new() };
        eprintln!(
            "note: {} vendors of the site are not in this file and were left as they are: {}{more}",
            report.absent.len(),
            shown.join(", ")
        );
    }
    let verb = if options.dry_run { "would add" } else { "added" };
    let change = if options.dry_run { "would change" } else { "changed" };
    eprintln!(
        "{}: {} rows; {verb} {} records, {change} {}, {} unchanged; {} files written",
        if options.dry_run { "dry run" } else { "ok" },
        report.rows,
        report.added,
        report.changed,
        report.unchanged,
        report.written
    );
}

/// `--init-map OUT`: a column map from the file's header row; never overwrites.
pub fn init_map(options: &Options, out: &Path) -> ExitCode {
    if out.exists() {
        eprintln!("error: {} already exists; --init-map never overwrites", out.display());
        return exit(USAGE_OR_IO);
    }
    let is_header = |text: &str| import::map::default_field(text).is_some();
    let table = match import::table::read(&options.file, options.sheet.as_deref(), &is_header) {
        Ok(table) => table,
        Err(diagnostic) => {
            report(&diagnostic.into(), Format::Human, "");
            return exit(USAGE_OR_IO);
        }
    };
    let source = options
        .file
        .file_name()
        .map_or_else(|| options.file.display().to_string(), |n| n.to_string_lossy().into_owned());
    if let Err(e) = std::fs::write(out, import::map::initial(&table.headers, &source)) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return exit(USAGE_OR_IO);
    }
    eprintln!(
        "wrote {} ({} columns); check it, then: katalog import {} --map {}",
        out.display(),
        table.headers.len(),
        options.file.display(),
        out.display()
    );
    exit(SUCCESS)
}
