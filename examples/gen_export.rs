//! Benchmark data for `katalog import`: a programme export of any size, as the registration
//! office would hand it over: one sheet (or CSV) with a `Jenis Baris` column, each vendor row
//! followed by its product rows; Indonesian headers; kota written several ways (`JAKARTA
//! TIMUR`, `Jaktim`, `Kota Adm. Jakarta Timur`); phones in every form; prices as `Rp 15.000`,
//! `15.000` or digits; registration dates. Kecamatan and categories come from the site given
//! with `--site`, so every row is valid there.
//!
//! `cargo run --release --example gen_export -- --vendors 282000 --site . --out <dir>/ekspor.csv`
//! (`--products N` per vendor, default 3; `--seed N`). With `.xlsx`, a workbook of two sheets,
//! `UMKM` and `Produk` (one sheet holds at most 1,048,576 rows).

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;

#[path = "shared/rng.rs"]
mod rng;
use rng::Rng;

const HEADERS: [&str; 12] = [
    "Jenis Baris",
    "Nomor Registrasi",
    "Nama Usaha",
    "Nama Pemilik",
    "Kategori",
    "Kota/Kabupaten",
    "Kecamatan",
    "Alamat",
    "No. HP/WA",
    "Tanggal Daftar",
    "Nama Produk",
    "Harga",
];

const FIRST: &[&str] =
    &["Siti", "Budi", "Dewi", "Ahmad", "Rina", "Joko", "Sri", "Agus", "Nur", "Hendra", "Wati", "Eko"];
const LAST: &[&str] =
    &["Rahayu", "Santoso", "Lestari", "Hidayat", "Wijaya", "Pratama", "Saputra", "Kusuma", "Nasution"];
const KIND: &[&str] = &["Dapur", "Toko", "Warung", "Kedai", "Rumah", "Sanggar", "Griya", "Pawon", "Butik", "Bengkel"];
const GOODS: &[&str] =
    &["Kopi", "Keripik", "Batik", "Kue", "Sambal", "Rendang", "Tenun", "Anyaman", "Madu", "Kerupuk", "Dodol", "Jamu"];
const ADJ: &[&str] = &["Original", "Pedas", "Manis", "Premium", "Spesial", "Gurih", "Klasik", "Mini", "Jumbo"];

/// A kota/kabupaten: slug, name, and the names of its kecamatan.
type Region = (String, String, Vec<String>);

/// The site's kota/kabupaten, and its category names.
fn taxonomies(site: &std::path::Path) -> (Vec<Region>, Vec<String>) {
    type Regions = BTreeMap<String, serde_json::Value>;
    let regions: Regions =
        serde_saphyr::from_str(&std::fs::read_to_string(site.join("content/regions.yaml")).unwrap()).unwrap();
    let regions = regions
        .into_iter()
        .map(|(slug, value)| {
            let name = value["name"].as_str().unwrap_or(&slug).to_string();
            let districts = value["districts"]
                .as_object()
                .map(|d| {
                    d.values()
                        .map(|v| {
                            v.as_str().map_or_else(|| v["name"].as_str().unwrap_or("").to_string(), str::to_string)
                        })
                        .collect()
                })
                .unwrap_or_default();
            (slug, name, districts)
        })
        .collect();
    let categories: BTreeMap<String, serde_json::Value> =
        serde_saphyr::from_str(&std::fs::read_to_string(site.join("content/categories.yaml")).unwrap()).unwrap();
    let mut names = Vec::new();
    for (slug, value) in categories {
        match &value {
            serde_json::Value::String(name) => names.push(name.clone()),
            other => {
                names.push(other["name"].as_str().unwrap_or(&slug).to_string());
                if let Some(children) = other["children"].as_object() {
                    names.extend(children.values().map(|c| {
                        c.as_str().map_or_else(|| c["name"].as_str().unwrap_or("").to_string(), str::to_string)
                    }));
                }
            }
        }
    }
    (regions, names)
}

fn main() {
    let mut vendors = 1000usize;
    let mut products = 3usize;
    let mut seed = 7u64;
    let mut site = PathBuf::from(".");
    let mut out = PathBuf::from("ekspor.csv");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--vendors" => vendors = value().parse().unwrap(),
            "--products" => products = value().parse().unwrap(),
            "--seed" => seed = value().parse().unwrap(),
            "--site" => site = value().into(),
            "--out" => out = value().into(),
            other => panic!("unknown option {other}"),
        }
    }
    let (regions, categories) = taxonomies(&site);
    let mut rng = Rng(seed);
    let mut rows: Vec<[String; 12]> = Vec::with_capacity(vendors * (products + 1));
    for v in 0..vendors {
        let (slug, name, districts) = rng.pick(&regions).clone();
        let written_region = match rng.below(4) {
            0 => name.to_uppercase(),
            1 => format!("Kota Adm. {name}"),
            2 => slug.clone(),
            _ => name.clone(),
        };
        let vendor_name = format!("{} {} {} {}", rng.pick(KIND), rng.pick(GOODS), rng.pick(FIRST), v);
        let phone = 812_0000_0000u64 + (v as u64 * 7919) % 1_0000_0000;
        let written_phone = match rng.below(3) {
            0 => format!("0{phone}"),
            1 => format!("+62 {}-{:04}-{:04}", phone / 1_0000_0000, phone / 10_000 % 10_000, phone % 10_000),
            _ => format!("62{phone}"),
        };
        let id = format!("JP-{}-{:06}", 2017 + v % 6, v);
        rows.push([
            "UMKM".into(),
            id.clone(),
            vendor_name.clone(),
            format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
            rng.pick(&categories).clone(),
            written_region,
            rng.pick(&districts).clone(),
            format!(
                "Jl. {} No. {}, RT {:03}/RW {:02}",
                rng.pick(LAST),
                1 + rng.below(200),
                1 + rng.below(20),
                1 + rng.below(15)
            ),
            written_phone,
            format!("{:02}/{:02}/{}", 1 + rng.below(28), 1 + rng.below(12), 2017 + v % 6),
            String::new(),
            String::new(),
        ]);
        for p in 0..products {
            let price = 5_000 + 500 * rng.below(200);
            let written_price = match rng.below(3) {
                0 => format!("Rp {}.{:03}", price / 1000, price % 1000),
                1 => format!("{}.{:03}", price / 1000, price % 1000),
                _ => price.to_string(),
            };
            let mut row: [String; 12] = Default::default();
            row[0] = "Produk".into();
            row[1] = id.clone();
            row[10] = format!("{} {} {}", rng.pick(GOODS), rng.pick(ADJ), p + 1);
            row[11] = written_price;
            rows.push(row);
        }
    }
    if out.extension().is_some_and(|e| e == "xlsx") {
        // A sheet holds at most 1,048,576 rows: vendors and products go in two sheets, as an
        // office would keep them (`--sheet UMKM`, then `--sheet Produk`).
        let mut book = rust_xlsxwriter::Workbook::new();
        let vendor_columns = [1usize, 2, 3, 4, 5, 6, 7, 8, 9];
        let product_columns = [1usize, 10, 11];
        for (sheet_name, kind, columns) in
            [("UMKM", "UMKM", &vendor_columns[..]), ("Produk", "Produk", &product_columns[..])]
        {
            let sheet = book.add_worksheet_with_constant_memory().unwrap().set_name(sheet_name).unwrap();
            for (c, &column) in columns.iter().enumerate() {
                sheet.write_string(0, c as u16, HEADERS[column]).unwrap();
            }
            for (r, row) in (1u32..).zip(rows.iter().filter(|row| row[0] == kind)) {
                for (c, &column) in columns.iter().enumerate() {
                    if !row[column].is_empty() {
                        sheet.write_string(r, c as u16, &row[column]).unwrap();
                    }
                }
            }
        }
        book.save(&out).unwrap();
    } else {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&out).unwrap());
        writeln!(file, "{}", HEADERS.join(";")).unwrap();
        for row in &rows {
            let quoted: Vec<String> =
                row.iter().map(|c| if c.contains(';') { format!("\"{c}\"") } else { c.clone() }).collect();
            writeln!(file, "{}", quoted.join(";")).unwrap();
        }
    }
    eprintln!("wrote {} ({vendors} vendors, {} products, {} rows)", out.display(), vendors * products, rows.len());
}
