//! Which column holds which field: a small YAML file an editor can read, or the defaults for
//! the headers Jakpreneur's forms use (`Nama Usaha`, `No. HP/WA`, `Kota/Kabupaten`, …).
//!
//! ```yaml
//! rows: vendors            # vendors, products, or mixed (a `kind` column says per row)
//! columns:
//!   Nama Usaha: name
//!   No. HP/WA: whatsapp
//!   Catatan Internal: ~    # not imported
//! ```

use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::source::yaml;
use std::collections::BTreeMap;
use std::path::Path;

/// A field the import can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    // The vendor's (also the vendor a product row belongs to).
    Name,
    Slug,
    Owner,
    Category,
    Region,
    District,
    Address,
    Whatsapp,
    Instagram,
    Website,
    JakpreneurId,
    Joined,
    // The product's.
    ProductName,
    ProductSlug,
    ProductPrice,
    ProductCategory,
    ProductAvailable,
    /// Whether a row is a vendor or a product (`mixed` files).
    Kind,
}

/// Every field by the name a map file gives it, with a word on what it takes.
pub const FIELDS: &[(&str, Field, &str)] = &[
    ("name", Field::Name, "the vendor's name (Nama Usaha)"),
    ("slug", Field::Slug, "the vendor's folder name; made from the name when absent"),
    ("owner", Field::Owner, "the owner's name"),
    ("category", Field::Category, "a category name or slug of content/categories.yaml"),
    ("region", Field::Region, "the kota/kabupaten: `Jakarta Timur`, `JAKARTA TIMUR`, `Jaktim`, or its slug"),
    ("district", Field::District, "the kecamatan, by name or slug"),
    ("address", Field::Address, "the address"),
    ("whatsapp", Field::Whatsapp, "a mobile number in any Indonesian form"),
    ("instagram", Field::Instagram, "`@name` or a link"),
    ("website", Field::Website, "an https:// address"),
    ("jakpreneur_id", Field::JakpreneurId, "the registration number; the key of a vendor"),
    ("joined", Field::Joined, "the date of registration"),
    ("product.name", Field::ProductName, "the product's name"),
    ("product.slug", Field::ProductSlug, "the product's file name; made from its name when absent"),
    ("product.price", Field::ProductPrice, "the price: `15000`, `15.000` or `Rp 15.000`"),
    ("product.category", Field::ProductCategory, "the product's category when not the vendor's"),
    ("product.available", Field::ProductAvailable, "`ya`/`tidak`, `true`/`false`"),
    ("kind", Field::Kind, "`vendor`/`umkm` or `product`/`produk` (mixed files)"),
];

impl Field {
    pub fn name(self) -> &'static str {
        FIELDS.iter().find(|(_, f, _)| *f == self).map_or("?", |(n, _, _)| n)
    }

    /// The record field it writes (`product.price` writes `price`).
    pub fn record_key(self) -> &'static str {
        let name = self.name();
        name.strip_prefix("product.").unwrap_or(name)
    }

    pub fn is_product(self) -> bool {
        self.name().starts_with("product.")
    }
}

/// Header words (folded, punctuation as spaces) of Jakpreneur's forms and common exports.
const DEFAULT_HEADERS: &[(&str, Field)] = &[
    ("nama usaha", Field::Name),
    ("nama umkm", Field::Name),
    ("nama toko", Field::Name),
    ("nama brand", Field::Name),
    ("nama merek", Field::Name),
    ("slug", Field::Slug),
    ("nama pemilik", Field::Owner),
    ("pemilik", Field::Owner),
    ("nama pelaku usaha", Field::Owner),
    ("kategori", Field::Category),
    ("kategori usaha", Field::Category),
    ("jenis usaha", Field::Category),
    ("sektor usaha", Field::Category),
    ("kota kabupaten", Field::Region),
    ("kota kab", Field::Region),
    ("kota", Field::Region),
    ("kabupaten", Field::Region),
    ("wilayah", Field::Region),
    ("kecamatan", Field::District),
    ("alamat", Field::Address),
    ("alamat usaha", Field::Address),
    ("no hp wa", Field::Whatsapp),
    ("no hp", Field::Whatsapp),
    ("no wa", Field::Whatsapp),
    ("nomor hp", Field::Whatsapp),
    ("nomor wa", Field::Whatsapp),
    ("nomor whatsapp", Field::Whatsapp),
    ("whatsapp", Field::Whatsapp),
    ("no telepon", Field::Whatsapp),
    ("instagram", Field::Instagram),
    ("akun instagram", Field::Instagram),
    ("website", Field::Website),
    ("situs web", Field::Website),
    ("nomor registrasi", Field::JakpreneurId),
    ("no registrasi", Field::JakpreneurId),
    ("id jakpreneur", Field::JakpreneurId),
    ("jakpreneur id", Field::JakpreneurId),
    ("tanggal daftar", Field::Joined),
    ("tanggal registrasi", Field::Joined),
    ("tanggal bergabung", Field::Joined),
    ("tgl daftar", Field::Joined),
    ("nama produk", Field::ProductName),
    ("produk", Field::ProductName),
    ("slug produk", Field::ProductSlug),
    ("harga", Field::ProductPrice),
    ("harga rp", Field::ProductPrice),
    ("harga satuan", Field::ProductPrice),
    ("kategori produk", Field::ProductCategory),
    ("tersedia", Field::ProductAvailable),
    ("stok tersedia", Field::ProductAvailable),
    ("jenis baris", Field::Kind),
    ("jenis data", Field::Kind),
    ("kind", Field::Kind),
];

/// A header as the defaults compare it: folded, punctuation as single spaces.
fn header_words(header: &str) -> String {
    crate::words::words(header).collect::<Vec<_>>().join(" ")
}

/// The default field of a header, if it is one the forms use.
pub fn default_field(header: &str) -> Option<Field> {
    let words = header_words(header);
    DEFAULT_HEADERS.iter().find(|(h, _)| *h == words).map(|(_, f)| *f)
}

/// What a file's rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rows {
    Vendors,
    Products,
    Mixed,
}

/// The map file as written.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    #[serde(default)]
    rows: Option<Rows>,
    #[serde(default)]
    columns: BTreeMap<String, Option<String>>,
}

/// Columns by header, resolved against a table's headers.
#[derive(Debug, Clone)]
pub struct Map {
    pub rows: Rows,
    /// For each column of the table, the field it fills.
    pub columns: Vec<Option<Field>>,
    /// Headers with no field (listed, so an editor sees what was left out).
    pub unmapped: Vec<String>,
    /// The column of each field (asked for every cell of every row).
    by_field: std::collections::HashMap<Field, usize>,
}

impl Map {
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.by_field.get(&field).copied()
    }
}

/// What a file must have, whatever its rows: refused as a whole (not row by row) when a
/// column is missing.
fn missing_columns(rows: Rows, columns: &[Option<Field>]) -> Vec<String> {
    let has = |field: Field| columns.contains(&Some(field));
    let mut missing = Vec::new();
    if rows != Rows::Products {
        for field in [Field::Name, Field::Category, Field::Region] {
            if !has(field) {
                missing.push(format!("`{}` (the vendor's)", field.name()));
            }
        }
    }
    if rows != Rows::Vendors {
        if !has(Field::ProductName) {
            missing.push("`product.name`".to_string());
        }
        if !has(Field::JakpreneurId) && !has(Field::Name) && !has(Field::Slug) {
            missing.push("the product's vendor (`jakpreneur_id`, `name` or `slug`)".to_string());
        }
    }
    missing
}

/// The map for `headers`: the file's own when given, else the defaults.
pub fn resolve(headers: &[String], file: Option<&Path>) -> Result<Map, Vec<Diagnostic>> {
    let (rows, named) = match file {
        Some(path) => {
            let (rows, named) = load(path)?;
            (rows, Some(named))
        }
        None => (None, None),
    };
    // Where a map error is reported: the map file, or the defaults.
    let source = file.map_or_else(|| "(the default column map)".to_string(), |p| p.to_string_lossy().into_owned());
    let mut errors = Vec::new();
    let mut columns = Vec::with_capacity(headers.len());
    let mut unmapped = Vec::new();
    for header in headers {
        let field = match &named {
            Some(named) => named.get(header.trim()).copied().flatten(),
            None => default_field(header),
        };
        if field.is_none() && !header.trim().is_empty() {
            unmapped.push(header.clone());
        }
        columns.push(field);
    }
    if let (Some(named), Some(path)) = (&named, file) {
        for name in named.keys() {
            if !headers.iter().any(|h| h.trim() == name) {
                let hint = match did_you_mean(name, headers.iter().map(String::as_str)) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the file's columns are: {}", headers.join(", ")),
                };
                errors.push(
                    Diagnostic::file(path, format!("the map names a column `{name}` the file does not have"))
                        .with_hint(hint),
                );
            }
        }
    }
    let mut seen = std::collections::HashMap::new();
    for (i, field) in columns.iter().enumerate() {
        if let Some(field) = field
            && let Some(first) = seen.insert(*field, i)
        {
            errors.push(
                Diagnostic::file(
                    source.clone(),
                    format!("two columns fill `{}`: `{}` and `{}`", field.name(), headers[first], headers[i]),
                )
                .with_hint("map one of them to `~` (not imported)"),
            );
        }
    }
    let rows = rows.unwrap_or_else(|| {
        if columns.contains(&Some(Field::Kind)) {
            Rows::Mixed
        } else if columns.contains(&Some(Field::ProductName)) {
            Rows::Products
        } else {
            Rows::Vendors
        }
    });
    if rows == Rows::Mixed && !columns.contains(&Some(Field::Kind)) {
        errors.push(Diagnostic::file(source.clone(), "`rows: mixed` needs a column mapped to `kind`"));
    }
    let missing = missing_columns(rows, &columns);
    if !missing.is_empty() {
        errors.push(
            Diagnostic::file(
                source.clone(),
                format!("no column gives {}", missing.join(", ")),
            )
            .with_hint(format!(
                "the file's columns are: {}; name their fields in a map (`katalog import FILE --init-map peta.yaml`, then `--map peta.yaml`)",
                headers.iter().filter(|h| !h.trim().is_empty()).cloned().collect::<Vec<_>>().join(", ")
            )),
        );
    }
    let by_field = columns.iter().enumerate().filter_map(|(i, f)| Some(((*f)?, i))).collect();
    if errors.is_empty() { Ok(Map { rows, columns, unmapped, by_field }) } else { Err(errors) }
}

/// Each header a map file names, and its field (`None`: not imported).
type Named = BTreeMap<String, Option<Field>>;

/// A map file: the rows it declares, and its columns.
fn load(path: &Path) -> Result<(Option<Rows>, Named), Vec<Diagnostic>> {
    let shown = path.to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path)
        .map_err(|e| vec![Diagnostic::file(&shown, format!("cannot read the column map: {e}"))])?;
    let file: MapFile = yaml::parse_document(&text, Path::new(&shown), "a column map").map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let mut named = BTreeMap::new();
    for (header, field) in file.columns {
        let field = match field.as_deref().map(str::trim) {
            None | Some("" | "~" | "-") => None,
            Some(name) => match FIELDS.iter().find(|(n, _, _)| *n == name) {
                Some((_, field, _)) => Some(*field),
                None => {
                    let quoted = serde_json::to_string(&header).unwrap_or_default();
                    let line = text
                        .lines()
                        .position(|l| {
                            let l = l.trim_start();
                            l.starts_with(&format!("{quoted}:")) || l.starts_with(&format!("{header}:"))
                        })
                        .map_or(0, |i| i + 1);
                    let mut d = Diagnostic::at(&shown, &text, line, 1, format!("unknown field `{name}`"));
                    if line == 0 {
                        d = Diagnostic::file(&shown, format!("unknown field `{name}`"));
                    }
                    let hint = match did_you_mean(name, FIELDS.iter().map(|(n, _, _)| *n)) {
                        Some(best) => format!("did you mean `{best}`?"),
                        None => format!(
                            "the fields are: {}; `~` leaves the column out",
                            FIELDS.iter().map(|(n, _, _)| *n).collect::<Vec<_>>().join(", ")
                        ),
                    };
                    errors.push(d.with_hint(hint));
                    None
                }
            },
        };
        named.insert(header.trim().to_string(), field);
    }
    if errors.is_empty() { Ok((file.rows, named)) } else { Err(errors) }
}

/// A map for `headers` to start from: each known header with its field, the others left out,
/// and every field explained in comments.
pub fn initial(headers: &[String], source: &str) -> String {
    let mut out = format!(
        "# Column map for `katalog import`, made from the header row of {source}.\n\
         # Each column names the field it fills; `~` leaves it out. Fields:\n"
    );
    for (name, _, what) in FIELDS {
        out.push_str(&format!("#   {name}: {what}\n"));
    }
    let fields: Vec<Option<Field>> = headers.iter().map(|h| default_field(h)).collect();
    let rows = if fields.contains(&Some(Field::Kind)) {
        "mixed"
    } else if fields.contains(&Some(Field::ProductName)) {
        "products"
    } else {
        "vendors"
    };
    out.push_str(&format!("rows: {rows}   # vendors, products, or mixed (a `kind` column says per row)\ncolumns:\n"));
    for (header, field) in headers.iter().zip(&fields) {
        if header.trim().is_empty() {
            continue;
        }
        let key = serde_json::to_string(header.trim()).expect("a string serialises");
        match field {
            Some(field) => out.push_str(&format!("  {key}: {}\n", field.name())),
            None => out.push_str(&format!("  {key}: ~   # not recognised: name its field, or leave it out\n")),
        }
    }
    out
}

/// Whether a header names a known column (to find the header row under titles).
pub fn is_known_header(header: &str, file_map: Option<&[String]>) -> bool {
    match file_map {
        Some(names) => names.iter().any(|n| n == header.trim()),
        None => default_field(header).is_some(),
    }
}

/// The headers a map file names, to find the header row by them.
pub fn named_headers(path: &Path) -> Vec<String> {
    load(path).map(|(_, named)| named.into_keys().collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_headers_are_known_whatever_their_punctuation() {
        assert_eq!(default_field("Nama Usaha"), Some(Field::Name));
        assert_eq!(default_field("NAMA USAHA "), Some(Field::Name));
        assert_eq!(default_field("No. HP/WA"), Some(Field::Whatsapp));
        assert_eq!(default_field("Kota/Kabupaten"), Some(Field::Region));
        assert_eq!(default_field("Harga (Rp)"), Some(Field::ProductPrice));
        assert_eq!(default_field("Catatan"), None);
    }

    #[test]
    fn the_defaults_decide_what_rows_are() {
        let headers = |h: &[&str]| h.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let map = resolve(&headers(&["Nama Usaha", "Kategori", "Kota", "Kecamatan", "Catatan"]), None).unwrap();
        assert_eq!(map.rows, Rows::Vendors);
        assert_eq!(map.unmapped, vec!["Catatan".to_string()]);
        let map = resolve(&headers(&["Nomor Registrasi", "Nama Produk", "Harga"]), None).unwrap();
        assert_eq!(map.rows, Rows::Products);
        let missing = resolve(&headers(&["Nama Usaha", "Kecamatan"]), None).unwrap_err();
        assert!(missing[0].message.contains("no column gives `category` (the vendor's), `region`"), "{missing:?}");
        assert!(resolve(&headers(&["Nama Usaha", "Nama UMKM"]), None).is_err(), "two columns for one field");
    }

    #[test]
    fn an_initial_map_reads_back() {
        let headers: Vec<String> = ["Nama Usaha", "Kategori", "Kota", "No. HP/WA", "Catatan: internal"]
            .iter()
            .map(|h| h.to_string())
            .collect();
        let text = initial(&headers, "data.csv");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.yaml");
        std::fs::write(&path, &text).unwrap();
        let map = resolve(&headers, Some(&path)).unwrap();
        assert_eq!(
            map.columns,
            vec![Some(Field::Name), Some(Field::Category), Some(Field::Region), Some(Field::Whatsapp), None]
        );
    }
}
