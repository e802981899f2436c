//! `katalog import`: the programme's spreadsheets into vendor and product records.
//!
//! The flow: read the export into typed cells (`table`), map its columns to fields (`map`),
//! tidy each cell into a record value (`normalise`), key each row (a vendor by its
//! `jakpreneur_id`, else its slug; a product by its vendor and slug), then plan each record
//! file: new, changed (only the fields the map owns, set line by line by `edit`, so bodies,
//! comments and other fields stay), or unchanged. Nothing is written while any row has an
//! error (unless `--skip-invalid`), and each file is written whole: every new text goes to a
//! temporary file first, and only when all are written do they replace the records.
//!
//! Records the export does not name are never touched; vendors of the site missing from a
//! vendor export are listed, not removed.

pub mod edit;
pub mod map;
pub mod normalise;
pub mod table;

use crate::content::model::Taxonomy;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::slug::slugify;
use map::{Field, Map, Rows};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use table::{Row, Table};

/// What to import, and how.
pub struct Options {
    pub file: PathBuf,
    pub site_dir: PathBuf,
    pub map: Option<PathBuf>,
    pub sheet: Option<String>,
    pub dry_run: bool,
    pub skip_invalid: bool,
}

/// Why an import wrote nothing.
#[derive(Debug)]
pub enum ImportError {
    /// Rows (or the map) with errors: exit 1, as content errors.
    Rows(Diagnostics),
    /// The file, the site or the disk: exit 2.
    Unusable(Diagnostics),
}

/// One record file the import adds or changes.
#[derive(Debug, Clone)]
pub struct Change {
    /// The file, relative to the site.
    pub path: String,
    /// Field by field: (field, before, after); `before` is `None` for a new record or field.
    pub fields: Vec<(String, Option<String>, String)>,
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug, Default)]
pub struct Report {
    /// How many record files are new, changed, and unchanged.
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// The first [`LISTED`] new or changed records, field by field (`true`: new), with
    /// `--dry-run`; kept to that many so a Jakarta-sized import holds no million of them.
    pub listed: Vec<(bool, Change)>,
    /// Rows left out by `--skip-invalid`, with their errors.
    pub skipped: Diagnostics,
    /// Vendors of the site (by folder) that a vendor export does not name.
    pub absent: Vec<String>,
    /// Columns of the file that no field takes.
    pub unmapped: Vec<String>,
    pub rows: usize,
    pub written: usize,
}

/// How many changed records `--dry-run` lists field by field.
pub const LISTED: usize = 200;

/// A vendor row, tidied.
struct VendorRow {
    row: usize,
    name: String,
    /// The folder name: given, or made from the name.
    slug: String,
    jakpreneur_id: Option<String>,
    /// Field values in the order records list them.
    fields: Vec<(Field, Value)>,
}

/// A product row, tidied.
struct ProductRow {
    row: usize,
    /// Who it belongs to: a `jakpreneur_id`, or a vendor slug.
    vendor_id: Option<String>,
    vendor_slug: Option<String>,
    vendor_name: Option<String>,
    slug: String,
    fields: Vec<(Field, Value)>,
}

/// What the site holds already: vendor folders and who they are.
struct Existing {
    /// Folder name by `jakpreneur_id`.
    by_id: HashMap<String, String>,
    /// Each folder's `jakpreneur_id`, if any.
    folders: BTreeMap<String, Option<String>>,
    /// Each folder's vendor name, folded (to find a product's vendor by name).
    names: Vec<(String, String)>,
}

pub fn run(options: &Options) -> Result<Report, ImportError> {
    let root = options.site_dir.as_path();
    let unusable = |d: Diagnostic| ImportError::Unusable(Diagnostics::from(d));
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(unusable(Diagnostic::file(
            root.to_string_lossy().into_owned(),
            "not a katalog site (no site.yaml)",
        )));
    }
    let mut taxonomy_errors = Diagnostics::new();
    let categories = crate::content::taxonomy::load_categories(root, &mut taxonomy_errors);
    let regions = crate::content::taxonomy::load_regions(root, &mut taxonomy_errors);
    if !taxonomy_errors.is_empty() {
        return Err(ImportError::Rows(taxonomy_errors.finish()));
    }
    let named = options.map.as_deref().map(map::named_headers);
    let is_header = |text: &str| map::is_known_header(text, named.as_deref());
    let table = table::read(&options.file, options.sheet.as_deref(), &is_header).map_err(unusable)?;
    let map = map::resolve(&table.headers, options.map.as_deref())
        .map_err(|errors| ImportError::Unusable(errors.into_iter().collect::<Diagnostics>()))?;
    let existing = existing(root);
    let mut errors = Diagnostics::new();
    // Two rows with one key are found first, over every row, whatever else is wrong in them.
    let mut skipped_rows = duplicate_keys(&table, &map, &mut errors);
    let mut vendors = Vec::new();
    let mut products = Vec::new();
    // Vendors whose rows have errors: their products are not reported again as orphans.
    let mut refused_vendors = HashSet::new();
    for row in &table.rows {
        let before = errors.len();
        let kind = row_kind(&table, &map, row, &mut errors);
        match kind {
            Some(RowKind::Vendor) => {
                if let Some(v) = vendor_row(&table, &map, row, &categories, &regions, &mut errors) {
                    vendors.push(v);
                }
            }
            Some(RowKind::Product) => {
                if let Some(p) = product_row(&table, &map, row, &categories, &mut errors) {
                    products.push(p);
                }
            }
            None => {}
        }
        if errors.len() > before || skipped_rows.contains(&row.number) {
            skipped_rows.insert(row.number);
            if matches!(kind, Some(RowKind::Vendor)) {
                refused_vendors.extend(vendor_references(&map, row));
            }
        }
    }
    vendors.retain(|v| !skipped_rows.contains(&v.row));
    products.retain(|p| !skipped_rows.contains(&p.row));
    // The cells are tidied into rows: only the places of errors are needed from here on.
    let rows = table.rows.len();
    let table = Table { rows: Vec::new(), ..table };
    let folders = assign_folders(&vendors, &existing);
    let detail = options.dry_run;
    let plans = plan(root, &table, &vendors, &folders, &products, &existing, &refused_vendors, detail, &mut errors)
        .map_err(unusable)?;
    let (skipped, errors) = if options.skip_invalid {
        (errors.finish(), Diagnostics::new())
    } else {
        (Diagnostics::new(), errors.finish())
    };
    if !errors.is_empty() {
        return Err(ImportError::Rows(errors));
    }
    let mut report = Report { skipped, unmapped: map.unmapped.clone(), rows, ..Report::default() };
    let in_file: HashSet<&String> = folders.values().collect();
    if map.rows != Rows::Products {
        report.absent = existing.folders.keys().filter(|f| !in_file.contains(f)).cloned().collect();
    }
    let mut writes = Vec::new();
    for plan in plans {
        match plan {
            Plan::Unchanged => report.unchanged += 1,
            Plan::Write { path, text, change, new } => {
                if let Some(change) = change.filter(|_| report.listed.len() < LISTED) {
                    report.listed.push((new, change));
                }
                writes.push((path, text));
                if new { report.added += 1 } else { report.changed += 1 }
            }
        }
    }
    if !options.dry_run {
        write_all(root, &writes).map_err(unusable)?;
        report.written = writes.len();
    }
    Ok(report)
}

enum RowKind {
    Vendor,
    Product,
}

/// What a row of `rows` is, by the file or (`mixed` files) by its `kind` cell; `None` for a
/// `kind` that names neither.
fn kind_of(map: &Map, row: &Row) -> Option<RowKind> {
    match map.rows {
        Rows::Vendors => Some(RowKind::Vendor),
        Rows::Products => Some(RowKind::Product),
        Rows::Mixed => match crate::words::fold(&row.cell(map.column_of(Field::Kind)?).shown()).as_str() {
            "vendor" | "umkm" | "usaha" | "pelaku usaha" => Some(RowKind::Vendor),
            "product" | "produk" => Some(RowKind::Product),
            _ => None,
        },
    }
}

/// Whether a row is a vendor or a product; a `kind` cell that names neither is an error.
fn row_kind(table: &Table, map: &Map, row: &Row, errors: &mut Diagnostics) -> Option<RowKind> {
    let kind = kind_of(map, row);
    if kind.is_none()
        && let Some(column) = map.column_of(Field::Kind)
    {
        errors.push(
            table
                .error_at(
                    row.number,
                    column,
                    format!("`{}` is neither a vendor nor a product", row.cell(column).shown()),
                )
                .with_hint("write `umkm` for a vendor row, `produk` for a product row"),
        );
    }
    kind
}

/// The tidied value of `field` in `row`, or `None` when the cell is empty (or wrong, with the
/// error recorded).
fn value(
    table: &Table,
    map: &Map,
    row: &Row,
    field: Field,
    taxonomies: (&Taxonomy, &Taxonomy),
    region: Option<crate::content::model::TermId>,
    errors: &mut Diagnostics,
) -> Option<Value> {
    let column = map.column_of(field)?;
    let cell = row.cell(column);
    if cell.is_empty() {
        return None;
    }
    let (categories, regions) = taxonomies;
    let tidied = match field {
        Field::Category | Field::ProductCategory => normalise::text(cell)
            .and_then(|t| normalise::category(&t, categories))
            .map(|id| json!(categories.terms[id].slug)),
        Field::Region => {
            normalise::text(cell).and_then(|t| normalise::region(&t, regions)).map(|id| json!(regions.terms[id].slug))
        }
        Field::District => match region {
            Some(region) => normalise::text(cell)
                .and_then(|t| normalise::district(&t, region, regions))
                .map(|id| json!(regions.terms[id].slug)),
            None => Err((
                "a kecamatan needs its kota/kabupaten".to_string(),
                "fill in the kota/kabupaten column of this row".to_string(),
            )),
        },
        Field::Whatsapp => normalise::whatsapp(cell).map(|w| json!(w)),
        Field::Joined => normalise::date(cell).map(|d| json!(d.to_string())),
        Field::ProductPrice => normalise::price(cell).map(|p| json!(p)),
        Field::ProductAvailable => normalise::yes_no(cell).map(|b| json!(b)),
        Field::Instagram => normalise::text(cell).and_then(|t| instagram(&t)).map(|t| json!(t)),
        Field::Website => normalise::text(cell).and_then(|t| website(&t)).map(|t| json!(t)),
        Field::JakpreneurId => match cell {
            table::Cell::Number(_) => Ok(json!(cell.shown())),
            other => normalise::text(other).map(|t| json!(t)),
        },
        _ => normalise::text(cell).map(|t| json!(t)),
    };
    match tidied {
        Ok(value) => Some(value),
        Err((message, hint)) => {
            errors.push(table.error_at(row.number, column, message).with_hint(hint));
            None
        }
    }
}

/// `@handle` (from `handle` or `@handle`) or a link, by the rule `check` applies.
fn instagram(text: &str) -> Result<String, normalise::Refusal> {
    let text = text.trim();
    if !crate::content::validate::is_instagram_account(text) {
        return Err((
            format!("`{text}` is not an Instagram account"),
            "write the account as `@name` (letters, digits, `.` and `_`) or as an https:// link".into(),
        ));
    }
    Ok(if text.contains("://") { text.to_string() } else { format!("@{}", text.trim_start_matches('@')) })
}

/// A web address, with `https://` added to a bare `kopitebet.id`.
fn website(text: &str) -> Result<String, normalise::Refusal> {
    let text = text.trim();
    let full = if text.contains("://") { text.to_string() } else { format!("https://{text}") };
    match url::Url::parse(&full) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|h| h.contains('.')) => {
            Ok(full)
        }
        _ => Err((
            format!("`{text}` is not a web address"),
            "write the address, e.g. `kopitebet.id`, or leave it empty".into(),
        )),
    }
}

/// The vendor fields in the order records list them.
const VENDOR_FIELDS: &[Field] = &[
    Field::Name,
    Field::Owner,
    Field::Category,
    Field::Region,
    Field::District,
    Field::Address,
    Field::Whatsapp,
    Field::Instagram,
    Field::Website,
    Field::JakpreneurId,
    Field::Joined,
];

const PRODUCT_FIELDS: &[Field] =
    &[Field::ProductName, Field::ProductPrice, Field::ProductCategory, Field::ProductAvailable];

fn vendor_row(
    table: &Table,
    map: &Map,
    row: &Row,
    categories: &Taxonomy,
    regions: &Taxonomy,
    errors: &mut Diagnostics,
) -> Option<VendorRow> {
    let taxonomies = (categories, regions);
    let region_value = value(table, map, row, Field::Region, taxonomies, None, errors);
    let region = region_value.as_ref().and_then(|v| v.as_str()).and_then(|slug| regions.find(slug));
    let mut fields = Vec::new();
    for &field in VENDOR_FIELDS {
        let tidied = if field == Field::Region {
            region_value.clone()
        } else {
            value(table, map, row, field, taxonomies, region, errors)
        };
        if let Some(tidied) = tidied {
            fields.push((field, tidied));
        }
    }
    let get = |field: Field| fields.iter().find(|(f, _)| *f == field).and_then(|(_, v)| v.as_str()).map(str::to_string);
    for required in [Field::Name, Field::Category, Field::Region] {
        match map.column_of(required) {
            Some(column) if row.cell(column).is_empty() => errors.push(
                table
                    .error_at(row.number, column, format!("`{}` is empty", table.headers[column]))
                    .with_hint(format!("every vendor needs its {}", required.name())),
            ),
            Some(_) => {}
            None => errors.push(
                table
                    .error_in_row(row.number, format!("no column gives the vendor's `{}`", required.name()))
                    .with_hint("add the column to the file, or name it in the column map (`--map`)"),
            ),
        }
    }
    let name = get(Field::Name)?;
    let given = map.column_of(Field::Slug).map(|c| row.cell(c).shown()).filter(|s| !s.is_empty());
    let slug = match given {
        Some(slug) if crate::source::slug::is_slug(&slug) => slug,
        Some(slug) => {
            let column = map.column_of(Field::Slug).expect("a slug column");
            errors.push(
                table
                    .error_at(row.number, column, format!("`{slug}` is not a valid folder name"))
                    .with_hint(format!("write `{}` (small letters, digits and dashes)", slugify(&slug))),
            );
            return None;
        }
        None => slugify(&name),
    };
    if slug.is_empty() {
        let column = map.column_of(Field::Name).expect("a name column");
        errors.push(
            table
                .error_at(row.number, column, format!("no folder name can be made from `{name}`"))
                .with_hint("add a `slug` column with the folder name for this vendor"),
        );
        return None;
    }
    Some(VendorRow { row: row.number, name, slug, jakpreneur_id: get(Field::JakpreneurId), fields })
}

fn product_row(
    table: &Table,
    map: &Map,
    row: &Row,
    categories: &Taxonomy,
    errors: &mut Diagnostics,
) -> Option<ProductRow> {
    let no_regions = Taxonomy::default();
    let taxonomies = (categories, &no_regions);
    let mut fields = Vec::new();
    let before = errors.len();
    for &field in PRODUCT_FIELDS {
        if let Some(tidied) = value(table, map, row, field, taxonomies, None, errors) {
            fields.push((field, tidied));
        }
    }
    let vendor_id = map.column_of(Field::JakpreneurId).map(|c| row.cell(c).shown()).filter(|s| !s.is_empty());
    let vendor_slug = map.column_of(Field::Slug).map(|c| row.cell(c).shown()).filter(|s| !s.is_empty());
    let vendor_name = map.column_of(Field::Name).map(|c| row.cell(c).shown()).filter(|s| !s.is_empty());
    if vendor_id.is_none() && vendor_slug.is_none() && vendor_name.is_none() {
        errors.push(
            table
                .error_in_row(row.number, "this product names no vendor")
                .with_hint("fill in the vendor's registration number (jakpreneur_id) or its name"),
        );
    }
    let name = fields.iter().find(|(f, _)| *f == Field::ProductName).and_then(|(_, v)| v.as_str()).map(str::to_string);
    let Some(name) = name else {
        if errors.len() == before {
            match map.column_of(Field::ProductName) {
                Some(column) => errors.push(
                    table
                        .error_at(row.number, column, format!("`{}` is empty", table.headers[column]))
                        .with_hint("every product needs its name"),
                ),
                None => errors.push(
                    table
                        .error_in_row(row.number, "no column gives the product's name")
                        .with_hint("add the column, or map it to `product.name`"),
                ),
            }
        }
        return None;
    };
    let slug = map
        .column_of(Field::ProductSlug)
        .map(|c| row.cell(c).shown())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| slugify(&name));
    let reserved = crate::content::validate::RESERVED_PRODUCT_SLUGS.contains(&slug.as_str())
        || matches!(slug.as_str(), "index" | "products");
    if !crate::source::slug::is_slug(&slug) || reserved {
        let column = map.column_of(Field::ProductSlug).or(map.column_of(Field::ProductName)).unwrap_or(0);
        errors.push(
            table
                .error_at(row.number, column, format!("`{slug}` cannot be a product's file name"))
                .with_hint("add a `product.slug` column with another name (small letters, digits and dashes)"),
        );
        return None;
    }
    (errors.len() == before).then_some(ProductRow {
        row: row.number,
        vendor_id,
        vendor_slug,
        vendor_name,
        slug,
        fields,
    })
}

/// The site's vendor folders, with the registration number and name of each, read from the
/// front matter of each `index.md` (no full parse: at Jakarta scale this is 282,000 files).
fn existing(root: &Path) -> Existing {
    let dir = root.join("content/vendors");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort_unstable();
    let read: Vec<(Option<String>, Option<String>)> = names
        .par_iter()
        .map(|name| {
            let Ok(text) = std::fs::read_to_string(dir.join(name).join("index.md")) else { return (None, None) };
            let Some(front) = edit::FrontMatter::parse(&text) else { return (None, None) };
            (front.raw("jakpreneur_id"), front.value("name").map(|n| crate::words::fold(&shown(&n))))
        })
        .collect();
    let mut by_id = HashMap::new();
    let mut vendor_names = Vec::new();
    for (folder, (id, name)) in names.iter().zip(&read) {
        if let Some(id) = id {
            by_id.entry(id.clone()).or_insert_with(|| folder.clone());
        }
        if let Some(name) = name {
            vendor_names.push((name.clone(), folder.clone()));
        }
    }
    let folders = names.into_iter().zip(read.into_iter().map(|(id, _)| id)).collect();
    Existing { by_id, folders, names: vendor_names }
}

/// How a vendor row can be named by a product row: its registration number, its folder
/// (slug) and its name, folded.
fn vendor_references(map: &Map, row: &Row) -> Vec<String> {
    let shown = |field: Field| map.column_of(field).map(|c| row.cell(c).shown()).filter(|s| !s.is_empty());
    let mut references = Vec::new();
    references.extend(shown(Field::JakpreneurId).map(|id| format!("id:{id}")));
    references.extend(shown(Field::Slug).map(|slug| format!("slug:{slug}")));
    references.extend(shown(Field::Name).map(|name| format!("name:{}", crate::words::fold(&name))));
    references
}

/// The key of each vendor row as written (registration number, else folder name), checked
/// over every row: a key written twice is an error on each later row, and every row with
/// that key is left out (which of them is right is the editor's call). Returns those rows.
fn duplicate_keys(table: &Table, map: &Map, errors: &mut Diagnostics) -> HashSet<usize> {
    let is_vendor = |row: &Row| matches!(kind_of(map, row), Some(RowKind::Vendor));
    let shown = |row: &Row, field: Field| map.column_of(field).map(|c| row.cell(c).shown()).filter(|s| !s.is_empty());
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut left_out = HashSet::new();
    for row in table.rows.iter().filter(|r| is_vendor(r)) {
        let (key, what) = match shown(row, Field::JakpreneurId) {
            Some(id) => (format!("id:{id}"), format!("registration number `{id}`")),
            None => {
                let Some(slug) = shown(row, Field::Slug).or_else(|| shown(row, Field::Name).map(|n| slugify(&n)))
                else {
                    continue;
                };
                (format!("slug:{slug}"), format!("vendor `{slug}`"))
            }
        };
        match first.get(&key) {
            Some(&row_of_first) => {
                errors.push(
                    table
                        .error_in_row(row.number, format!("{what} is in the file twice"))
                        .with_note(format!("first in row {row_of_first}"))
                        .with_hint("keep one of the two rows"),
                );
                left_out.insert(row.number);
                left_out.insert(row_of_first);
            }
            None => {
                first.insert(key, row.number);
            }
        }
    }
    left_out
}

/// Each vendor row's folder: the folder holding its `jakpreneur_id`; else, in the order
/// `slug`, `slug-2`, `slug-3`, …, the first that is free: a new folder, or an existing one
/// with no registration number of its own (a record made by hand, or by an earlier import
/// of a row without a number), not already given to another row. So every row finds the
/// same folder on the next import. Slugs `check` reserves are skipped.
fn assign_folders(vendors: &[VendorRow], existing: &Existing) -> HashMap<usize, String> {
    let mut folders = HashMap::with_capacity(vendors.len());
    let mut assigned: HashSet<String> = HashSet::with_capacity(vendors.len());
    // Folders found by number first, so a row without one never takes them.
    for vendor in vendors {
        if let Some(folder) = vendor.jakpreneur_id.as_ref().and_then(|id| existing.by_id.get(id)) {
            assigned.insert(folder.clone());
            folders.insert(vendor.row, folder.clone());
        }
    }
    for vendor in vendors {
        if folders.contains_key(&vendor.row) {
            continue;
        }
        let folder = (1..)
            .map(|n| if n == 1 { vendor.slug.clone() } else { format!("{}-{n}", vendor.slug) })
            .find(|candidate| {
                !crate::content::validate::RESERVED_VENDOR_SLUGS.contains(&candidate.as_str())
                    && !assigned.contains(candidate)
                    && existing.folders.get(candidate).is_none_or(|id| id.is_none())
            })
            .expect("some numbered folder is free");
        assigned.insert(folder.clone());
        folders.insert(vendor.row, folder);
    }
    folders
}

enum Plan {
    Unchanged,
    /// `change` is there when asked for (`--dry-run` lists it).
    Write {
        path: String,
        text: String,
        change: Option<Change>,
        new: bool,
    },
}

#[allow(clippy::too_many_arguments)]
fn plan(
    root: &Path,
    table: &Table,
    vendors: &[VendorRow],
    folders: &HashMap<usize, String>,
    products: &[ProductRow],
    existing: &Existing,
    refused_vendors: &HashSet<String>,
    detail: bool,
    errors: &mut Diagnostics,
) -> Result<Vec<Plan>, Diagnostic> {
    let mut plans: Vec<Plan> = vendors
        .par_iter()
        .filter_map(|v| folders.get(&v.row).map(|folder| (v, folder)))
        .map(|(vendor, folder)| {
            plan_record(root, &format!("content/vendors/{folder}/index.md"), &vendor.fields, detail)
        })
        .collect::<Result<_, _>>()?;
    // A product's vendor: by registration number, else by folder name, else by name; in this
    // file first, then in the site.
    let mut by_id: HashMap<&str, &str> = existing.by_id.iter().map(|(id, f)| (id.as_str(), f.as_str())).collect();
    let mut by_name: HashMap<String, Vec<&str>> = HashMap::new();
    for (name, folder) in &existing.names {
        by_name.entry(name.clone()).or_default().push(folder.as_str());
    }
    for vendor in vendors {
        let Some(folder) = folders.get(&vendor.row) else { continue };
        if let Some(id) = &vendor.jakpreneur_id {
            by_id.insert(id.as_str(), folder.as_str());
        }
        let names = by_name.entry(crate::words::fold(&vendor.name)).or_default();
        if !names.contains(&folder.as_str()) {
            names.push(folder.as_str());
        }
    }
    let folders_in_file: HashSet<&str> = folders.values().map(String::as_str).collect();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut bulk: HashMap<String, HashSet<String>> = HashMap::new();
    let mut product_files = Vec::new();
    for product in products {
        let (folder, reference) = match (&product.vendor_id, &product.vendor_slug, &product.vendor_name) {
            (Some(id), ..) => (by_id.get(id.as_str()).map(|f| f.to_string()), format!("id:{id}")),
            (None, Some(slug), _) => (
                (folders_in_file.contains(slug.as_str()) || existing.folders.contains_key(slug)).then(|| slug.clone()),
                format!("slug:{slug}"),
            ),
            (None, None, Some(name)) => {
                let folded = crate::words::fold(name);
                match by_name.get(&folded).map(Vec::as_slice) {
                    Some([one]) => (Some(one.to_string()), format!("name:{folded}")),
                    Some(several) if several.len() > 1 => {
                        errors.push(
                            table
                                .error_in_row(product.row, format!("{} vendors are named `{name}`", several.len()))
                                .with_note(format!("their folders: {}", several.join(", ")))
                                .with_hint("give the vendor's registration number (or its folder name) in this row"),
                        );
                        continue;
                    }
                    _ => (None, format!("name:{folded}")),
                }
            }
            (None, None, None) => continue, // reported by `product_row`
        };
        let Some(folder) = folder else {
            if !refused_vendors.contains(&reference) {
                let named = reference.split_once(':').map_or(reference.as_str(), |(_, r)| r);
                errors.push(
                    table
                        .error_in_row(product.row, format!("no vendor `{named}` in the site or in this file"))
                        .with_hint(
                            "import the vendor first (or in the same file), or correct the vendor's number or name",
                        ),
                );
            }
            continue;
        };
        if let Some(first) = seen.insert((folder.clone(), product.slug.clone()), product.row) {
            errors.push(
                table
                    .error_in_row(product.row, format!("product `{}` of `{folder}` is in the file twice", product.slug))
                    .with_note(format!("first in row {first}"))
                    .with_hint("keep one of the two rows, or give one a `product.slug`"),
            );
            continue;
        }
        let in_bulk = bulk.entry(folder.clone()).or_insert_with(|| products_yaml_slugs(root, &folder));
        if in_bulk.contains(&product.slug) {
            errors.push(
                table
                    .error_in_row(
                        product.row,
                        format!("product `{}` of `{folder}` is written in its products.yaml", product.slug),
                    )
                    .with_hint(
                        "edit it there by hand, or move it to its own file first; the import writes product files",
                    ),
            );
            continue;
        }
        product_files.push((format!("content/vendors/{folder}/{}.md", product.slug), &product.fields));
    }
    let product_plans: Vec<Plan> = product_files
        .par_iter()
        .map(|(path, fields)| plan_record(root, path, fields, detail))
        .collect::<Result<_, _>>()?;
    plans.extend(product_plans);
    Ok(plans)
}

/// The slugs `products.yaml` of `folder` defines (by `slug`, or by name), in either of its
/// forms: a list, or one product.
fn products_yaml_slugs(root: &Path, folder: &str) -> HashSet<String> {
    let Ok(text) = std::fs::read_to_string(root.join("content/vendors").join(folder).join("products.yaml")) else {
        return HashSet::new();
    };
    let items: Vec<BTreeMap<String, Value>> = serde_saphyr::from_str::<Vec<BTreeMap<String, Value>>>(&text)
        .or_else(|_| serde_saphyr::from_str::<BTreeMap<String, Value>>(&text).map(|one| vec![one]))
        .unwrap_or_default();
    items
        .iter()
        .filter_map(|item| match item.get("slug").and_then(Value::as_str) {
            Some(slug) => Some(slug.to_string()),
            None => item.get("name").and_then(Value::as_str).map(slugify),
        })
        .collect()
}

/// A record file with `fields` set: new, changed, or unchanged; field by field with `detail`.
fn plan_record(root: &Path, path: &str, fields: &[(Field, Value)], detail: bool) -> Result<Plan, Diagnostic> {
    let written: Vec<(&str, String)> = fields.iter().map(|(f, v)| (f.record_key(), yaml_text(*f, v))).collect();
    match std::fs::read_to_string(root.join(path)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Diagnostic::file(
            path,
            format!("cannot read this record ({e}); the import does not replace what it cannot read"),
        )
        .with_hint("save the file as UTF-8 text (or fix its permissions) and run the import again")),
        Err(_) => Ok(Plan::Write {
            path: path.to_string(),
            text: edit::new_record(&written),
            change: detail.then(|| Change {
                path: path.to_string(),
                fields: written.iter().map(|(k, v)| (k.to_string(), None, v.clone())).collect(),
            }),
            new: true,
        }),
        Ok(before) => {
            let Some(front) = edit::FrontMatter::parse(&before) else {
                // Not a record katalog reads: leave it for `check` to report.
                return Ok(Plan::Unchanged);
            };
            let mut changed = Vec::new();
            let mut fields_changed = Vec::new();
            for ((field, value), (key, text)) in fields.iter().zip(&written) {
                let old = match field {
                    // Registration numbers as written: `00123` is not the number 123.
                    Field::JakpreneurId => front.raw(key).map(Value::String),
                    _ => front.value(key),
                };
                if !same(*field, old.as_ref(), value) {
                    changed.push((*key, text.clone()));
                    if detail {
                        fields_changed.push((key.to_string(), old.map(|o| shown(&o)), shown(value)));
                    }
                }
            }
            if changed.is_empty() {
                return Ok(Plan::Unchanged);
            }
            Ok(Plan::Write {
                path: path.to_string(),
                text: front.with_fields(&changed),
                change: detail.then(|| Change { path: path.to_string(), fields: fields_changed }),
                new: false,
            })
        }
    }
}

/// Whether a record's value already says what the export says (a number written another
/// way, a phone in another form, the same text).
fn same(field: Field, old: Option<&Value>, new: &Value) -> bool {
    let Some(old) = old else { return false };
    match field {
        Field::Whatsapp => {
            let digits = |v: &Value| crate::content::validate::normalise_whatsapp(&shown(v)).ok();
            digits(old).is_some() && digits(old) == digits(new)
        }
        Field::ProductPrice => match old {
            // A range written by hand is the editor's: the import's one price leaves it.
            Value::Object(_) => true,
            Value::String(text) => match crate::content::records::price_in_text(text) {
                Some(crate::content::records::PriceText::Amount(amount)) => Some(amount) == new.as_u64(),
                Some(crate::content::records::PriceText::Range(..)) => true,
                None => false,
            },
            other => other.as_u64().is_some() && other.as_u64() == new.as_u64(),
        },
        Field::Joined => {
            let old = shown(old);
            crate::content::validate::as_written_locally(&old).unwrap_or(old) == shown(new)
        }
        _ => shown(old).trim() == shown(new).trim(),
    }
}

fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A field's value as YAML text.
fn yaml_text(field: Field, value: &Value) -> String {
    match (field, value) {
        // Dates stay plain, as editors write them.
        (Field::Joined, Value::String(date)) => date.clone(),
        _ => edit::scalar(value),
    }
}

/// Writes every file whole: each new text to a temporary file beside its record, and only when
/// all are written, each renamed over its record. On a failure, the temporary files and any
/// folders made for them are removed, and no record has changed.
fn write_all(root: &Path, writes: &[(String, String)]) -> Result<(), Diagnostic> {
    let temporary = |path: &Path| path.with_extension("md.katalog-import");
    let mut made_dirs = Vec::new();
    for (path, _) in writes {
        let dir = root.join(path).parent().expect("a record has a folder").to_path_buf();
        if !dir.exists() {
            std::fs::create_dir_all(&dir)
                .map_err(|e| Diagnostic::file(path.as_str(), format!("cannot create the folder: {e}")))?;
            made_dirs.push(dir);
        }
    }
    let staged: Result<(), Diagnostic> = writes.par_iter().try_for_each(|(path, text)| {
        std::fs::write(temporary(&root.join(path)), text)
            .map_err(|e| Diagnostic::file(path.as_str(), format!("cannot write: {e}")))
    });
    if let Err(e) = staged {
        for (path, _) in writes {
            let _ = std::fs::remove_file(temporary(&root.join(path)));
        }
        for dir in made_dirs.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
        return Err(e.with_hint("nothing was imported; free some space or fix the permission and run the import again"));
    }
    writes.par_iter().try_for_each(|(path, _)| {
        let target = root.join(path);
        std::fs::rename(temporary(&target), &target)
            .map_err(|e| Diagnostic::file(path.as_str(), format!("cannot replace the record: {e}")))
    })
}
