//! `katalog new vendor|product|event`: a new record from a commented template.
//!
//! The template lists the fields with their rules, fills in today's date where the record
//! has one, and offers the site's own category and region slugs. It never overwrites a file,
//! and checks the slug (suggesting the fixed one) and, for a product, that its vendor exists.

use super::{SUCCESS, USAGE_OR_IO, exit};
use crate::content::taxonomy;
use crate::content::validate::{RESERVED_PRODUCT_SLUGS, RESERVED_VENDOR_SLUGS};
use crate::diagnostics::Diagnostics;
use crate::source::slug::{is_slug, slugify};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What to create.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum NewRecord {
    /// A vendor (UMKM): content/vendors/<slug>/index.md
    Vendor { slug: String },
    /// A product of an existing vendor: content/vendors/<vendor>/<slug>.md
    Product { vendor: String, slug: String },
    /// An event: content/events/<slug>.md
    Event { slug: String },
}

pub fn run(site_dir: &Path, record: &NewRecord) -> ExitCode {
    match create(site_dir, record) {
        Ok(path) => {
            eprintln!(
                "created {}\nnext: replace every value marked GANTI (and delete the mark), then run `katalog check`",
                path.display()
            );
            exit(SUCCESS)
        }
        Err(message) => {
            eprintln!("error: {message}");
            exit(USAGE_OR_IO)
        }
    }
}

fn check_slug(slug: &str, what: &str) -> Result<(), String> {
    let reserved = match what {
        "vendor" => RESERVED_VENDOR_SLUGS,
        "product" => RESERVED_PRODUCT_SLUGS,
        _ => &[],
    };
    if reserved.contains(&slug) {
        return Err(format!(
            "`{slug}` is a name katalog uses for its own pages and cannot be a {what} slug; choose another"
        ));
    }
    if is_slug(slug) {
        return Ok(());
    }
    let fixed = slugify(slug);
    Err(if fixed.is_empty() {
        format!("`{slug}` is not a valid {what} slug: use lowercase letters, digits and dashes")
    } else {
        format!("`{slug}` is not a valid {what} slug; use `{fixed}`")
    })
}

/// Writes the record and returns its path.
pub fn create(site_dir: &Path, record: &NewRecord) -> Result<PathBuf, String> {
    if !site_dir.join(crate::config::CONFIG_FILE).is_file() {
        return Err(format!("{} is not a katalog site (no site.yaml)", site_dir.display()));
    }
    let today = today(site_dir);
    let (path, text) = match record {
        NewRecord::Vendor { slug } => {
            check_slug(slug, "vendor")?;
            let dir = site_dir.join("content/vendors").join(slug);
            if dir.exists() {
                return Err(format!("{} already exists; katalog new never overwrites", dir.display()));
            }
            (dir.join("index.md"), vendor_template(site_dir, &today))
        }
        NewRecord::Product { vendor, slug } => {
            check_slug(slug, "product")?;
            let dir = site_dir.join("content/vendors").join(vendor);
            if !dir.join("index.md").is_file() {
                let known = list_vendors(site_dir);
                let hint = crate::diagnostics::did_you_mean(vendor, known.iter().map(String::as_str))
                    .map(|best| format!("; did you mean `{best}`?"))
                    .unwrap_or_else(|| "; create it first with `katalog new vendor`".to_string());
                return Err(format!("there is no vendor `{vendor}`{hint}"));
            }
            (dir.join(format!("{slug}.md")), PRODUCT_TEMPLATE.to_string())
        }
        NewRecord::Event { slug } => {
            check_slug(slug, "event")?;
            let dir = site_dir.join("content/events");
            if dir.join(format!("{slug}.yaml")).exists() {
                return Err(format!("content/events/{slug}.yaml already exists; katalog new never overwrites"));
            }
            (dir.join(format!("{slug}.md")), event_template(site_dir, &today))
        }
    };
    if path.exists() {
        return Err(format!("{} already exists; katalog new never overwrites", path.display()));
    }
    std::fs::create_dir_all(path.parent().expect("a record file has a folder")).map_err(|e| e.to_string())?;
    // `create_new` refuses to replace a file created in the meantime.
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    file.write_all(text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

fn today(site_dir: &Path) -> String {
    let tz = crate::config::SiteConfig::load(site_dir)
        .map(|c| c.timezone)
        .unwrap_or_else(|_| jiff::tz::TimeZone::get("Asia/Jakarta").unwrap_or(jiff::tz::TimeZone::UTC));
    jiff::Timestamp::now().to_zoned_datetime(tz).date().to_string()
}

fn list_vendors(site_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site_dir.join("content/vendors"))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

/// The slugs of a taxonomy file, for the template's comments (empty if it cannot be read).
fn slugs(site_dir: &Path, categories: bool) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let root = site_dir.canonicalize().unwrap_or_else(|_| site_dir.to_path_buf());
    let mut ignored = Diagnostics::new();
    let tree = if categories {
        taxonomy::load_categories(&root, &mut ignored)
    } else {
        taxonomy::load_regions(&root, &mut ignored)
    };
    let all = tree.terms.iter().map(|t| t.slug.clone()).collect();
    let nested = tree
        .top_level()
        .map(|(_, t)| (t.slug.clone(), t.children.iter().map(|&c| tree.terms[c].slug.clone()).collect()))
        .collect();
    (all, nested)
}

fn vendor_template(site_dir: &Path, today: &str) -> String {
    let (categories, _) = slugs(site_dir, true);
    let (_, regions) = slugs(site_dir, false);
    let region_lines: String =
        regions.iter().map(|(r, districts)| format!("#   {r}: {}\n", districts.join(", "))).collect();
    format!(
        "---
# A vendor (UMKM). Lines starting with # are notes; delete them freely. Replace every value
# marked GANTI and delete the mark: `katalog check` refuses the record until then.
name: Nama Usaha                 # GANTI (required)
owner: Nama Pemilik              # GANTI (optional)
# category (required), one of: {cats}
category: {first_cat}                # GANTI
# region (required) and district (optional, a kecamatan of that region):
{region_lines}region: {first_region}          # GANTI
# district:
address: Jl. …                   # GANTI (optional)
whatsapp: 0812-0000-0000         # GANTI (optional; any Indonesian mobile format)
# instagram: \"@namausaha\"        # optional; a handle or an https:// link
# website: https://…             # optional
# logo: logo.png                 # optional; an image in this folder
# jakpreneur_id: JP-2024-000000  # optional; unique across vendors
certifications: []               # any of: halal, pirt, bpom, sni, haki
# qris: \"000201…\"                # optional; the static QRIS payload, exactly as given
joined: {today}
draft: true                      # remove (or set false) to publish
---
<!-- GANTI: ceritakan usaha ini: apa yang dibuat, sejak kapan, di mana pembeli bisa menemukannya. -->
",
        cats = categories.join(", "),
        first_cat = categories.first().map(String::as_str).unwrap_or("kuliner"),
        first_region = regions.first().map(|(r, _)| r.as_str()).unwrap_or("jakarta-pusat"),
    )
}

const PRODUCT_TEMPLATE: &str = "---
# A product. Lines starting with # are notes; delete them freely. Replace every value
# marked GANTI and delete the mark: `katalog check` refuses the record until then.
name: Nama Produk                # GANTI (required)
price: 15000                     # GANTI: whole rupiah (15000, not 15.000); or a range: {min: 10000, max: 25000}
# category: kopi                 # optional; defaults to the vendor's
images: []                       # e.g. [foto.jpg] or [{src: foto.jpg, alt: \"…\"}]; the first is the cover
tags: []                         # e.g. [kopi, susu]
# variants:
#   - {name: 250 ml, price: 18000}
available: true
draft: true                      # remove (or set false) to publish
---
<!-- GANTI: deskripsi produk: bahan, ukuran, cara penyajian atau perawatan. -->
";

fn event_template(site_dir: &Path, today: &str) -> String {
    let (_, regions) = slugs(site_dir, false);
    format!(
        "---
# An event (bazaar, expo, Jumat Beli Lokal…). Replace every value marked GANTI and delete
# the mark: `katalog check` refuses the record until then.
title: Nama Acara                # GANTI (required)
start: {today}T09:00            # GANTI (required; local time, WIB, or a date for an all-day event)
end: {today}T16:00              # GANTI (optional; same form as start, not before it)
venue: Nama Tempat               # GANTI (required)
address: Jl. …                   # GANTI (optional)
region: {first_region}          # GANTI (optional; a kota/kabupaten slug)
# district: …                    # optional; a kecamatan of that region
# organizer: …                   # optional
vendors: []                      # participating vendors by folder name, e.g. [kopi-tebet]
# recurrence: \"FREQ=WEEKLY;BYDAY=FR;UNTIL=20251231\"   # optional; WEEKLY or MONTHLY
# cancelled: true
draft: true                      # remove (or set false) to publish
---
<!-- GANTI: tentang acara ini: siapa yang diundang, apa yang bisa ditemukan pengunjung. -->
",
        first_region = regions.first().map(|(r, _)| r.as_str()).unwrap_or("jakarta-pusat"),
    )
}
