//! Benchmark data: a deterministic generator of catalogues of any size, in katalog's content
//! model and, with `--hugo DIR`, as the equivalent Hugo site (same records, same page set:
//! vendor, product, category/region/district listings paginated by 24, event pages, vendor
//! event lists, home, sitemap), so both tools build identical content. The Hugo templates are
//! the straightforward, idiomatic ones (taxonomies for categories, regions, kecamatan and
//! event participants; no per-page scans of all pages).
//!
//! `cargo run --release --example gen_catalog -- --vendors 10000 --out /dev/shm/k [--hugo /dev/shm/h]`
//! Options: `--products N` per vendor (5), or `--total-products N` spread evenly, `--events N`
//! (one per 10 vendors), `--seed N`,
//! `--images` (a small generated PNG per product),
//! `--shape realistic` (see [`Shape::Realistic`]; the default shape's output never changes:
//! other benchmarks and the CMS tests compare against it).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "shared/rng.rs"]
mod rng;
use rng::Rng;

/// A category slug and name, with its children as (slug, name).
type CategoryTree = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

const CATEGORIES: &[CategoryTree] = &[
    (
        "kuliner",
        "Kuliner",
        &[
            ("kopi", "Kopi"),
            ("keripik", "Keripik & Makanan Ringan"),
            ("kue", "Kue & Jajanan"),
            ("sambal", "Sambal & Bumbu"),
            ("minuman", "Minuman"),
        ],
    ),
    (
        "fashion",
        "Fashion",
        &[("batik", "Batik"), ("kaos", "Kaos & Sablon"), ("hijab", "Hijab & Busana Muslim"), ("tas", "Tas & Dompet")],
    ),
    (
        "kerajinan",
        "Kerajinan",
        &[("anyaman", "Anyaman"), ("keramik", "Keramik"), ("kayu", "Kerajinan Kayu"), ("aksesoris", "Aksesoris")],
    ),
];

const PREFIXES: &[&str] =
    &["Dapur", "Warung", "Kedai", "Toko", "Rumah", "Sentra", "Griya", "Galeri", "Pondok", "Saung"];
const NAMES: &[&str] = &[
    "Sari",
    "Makmur",
    "Jaya",
    "Barokah",
    "Sejahtera",
    "Bunda",
    "Mandiri",
    "Rasa",
    "Nusantara",
    "Betawi",
    "Melati",
    "Kenanga",
    "Cempaka",
    "Mawar",
    "Anggrek",
    "Srikandi",
    "Lestari",
    "Abadi",
    "Sentosa",
    "Harapan",
    "Mulia",
    "Berkah",
];
const OWNERS: &[&str] = &[
    "Siti Rahmawati",
    "Budi Santoso",
    "Dewi Lestari",
    "Ahmad Fauzi",
    "Nur Aini",
    "Rina Marlina",
    "Agus Salim",
    "Yuliana Putri",
    "Hendra Gunawan",
    "Sri Wahyuni",
    "Eko Prasetyo",
    "Fitri Handayani",
    "Joko Susilo",
    "Ratna Sari",
];
const PRODUCT_WORDS: &[(&str, &[&str])] = &[
    ("kopi", &["Kopi Susu Gula Aren", "Kopi Bubuk Robusta", "Kopi Arabika Gayo", "Cold Brew Botol", "Kopi Rempah"]),
    (
        "keripik",
        &["Keripik Singkong Balado", "Kripik Tempe", "Keripik Pisang Manis", "Rempeyek Kacang", "Makaroni Pedas"],
    ),
    ("kue", &["Kue Lapis Legit", "Kue Cubit", "Nastar Nanas", "Kue Pancong", "Dodol Betawi"]),
    ("sambal", &["Sambal Roa", "Sambal Bawang", "Sambal Cumi", "Bumbu Rendang", "Sambal Matah"]),
    ("minuman", &["Bir Pletok", "Es Selendang Mayang", "Jamu Kunyit Asam", "Sari Kedelai", "Wedang Jahe"]),
    ("batik", &["Batik Tulis Betawi", "Kemeja Batik Ondel-Ondel", "Kain Batik Cap", "Selendang Batik", "Outer Batik"]),
    ("kaos", &["Kaos Ondel-Ondel", "Kaos Monas", "Kaos Sablon Kustom", "Hoodie Jakarta", "Kaos Anak"]),
    ("hijab", &["Hijab Segi Empat", "Pashmina Motif", "Gamis Katun", "Mukena Travel", "Bros Hijab"]),
    ("tas", &["Tas Anyaman Pandan", "Dompet Kulit", "Totebag Kanvas", "Tas Rotan", "Pouch Batik"]),
    ("anyaman", &["Keranjang Bambu", "Tikar Pandan", "Tudung Saji", "Kipas Anyaman", "Topi Anyaman"]),
    ("keramik", &["Mug Keramik", "Vas Gerabah", "Piring Keramik", "Asbak Tanah Liat", "Cangkir Lukis"]),
    ("kayu", &["Talenan Jati", "Miniatur Bajaj", "Ondel-Ondel Kayu", "Sendok Kayu", "Nampan Kayu"]),
    ("aksesoris", &["Gelang Manik", "Kalung Kerang", "Anting Batik", "Gantungan Kunci", "Bros Ondel-Ondel"]),
];
const WORDS: &[&str] = &[
    "kami",
    "membuat",
    "produk",
    "dengan",
    "bahan",
    "pilihan",
    "dari",
    "petani",
    "lokal",
    "setiap",
    "hari",
    "resep",
    "keluarga",
    "sejak",
    "tahun",
    "Jakarta",
    "pelanggan",
    "kualitas",
    "terjaga",
    "tanpa",
    "pengawet",
    "dikemas",
    "rapi",
    "cocok",
    "untuk",
    "oleh-oleh",
    "acara",
    "kantor",
    "bazar",
    "pesanan",
    "dikirim",
    "seluruh",
    "kota",
    "harga",
    "terjangkau",
    "rasa",
    "khas",
    "Betawi",
    "tradisional",
    "modern",
    "usaha",
    "kecil",
    "binaan",
    "Jakpreneur",
];

/// What kind of catalogue to generate.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Short names, 5 products per vendor, small events (3 to 8 booths), one body per vendor
    /// and its first product: the shape every figure in docs/performance.md before issue 23
    /// was measured on.
    Default,
    /// What issue 23's independent catalogue looks like: bazaars with 8 to 40 booths, a pool
    /// of regulars so that most vendors take part in several events (one event per 8 vendors),
    /// 2 to 8 products per vendor, long names with quotes, ampersands and `<`, longer bodies
    /// with lists and headings, variants on 40 % of products, addresses, multi-day events, and
    /// Windows line endings in one vendor folder of 7 and one event of 5.
    Realistic,
}

struct Vendor {
    slug: String,
    name: String,
    category: &'static str,
    owner: &'static str,
    region: String,
    district: String,
    products: Vec<Product>,
    /// The profile; `None` reuses the first product's body (the default shape).
    body: Option<String>,
    address: Option<String>,
    /// Whether the vendor's files have Windows line endings.
    crlf: bool,
}

struct Product {
    slug: String,
    name: String,
    category: &'static str,
    parent: &'static str,
    price: String,
    tags: Vec<&'static str>,
    body: String,
    /// (name, price) of each variant.
    variants: Vec<(String, usize)>,
}

struct Event {
    slug: String,
    title: String,
    start: String,
    end: String,
    recurrence: Option<String>,
    region: String,
    vendors: Vec<usize>,
    body: String,
    venue: String,
    crlf: bool,
}

fn body(rng: &mut Rng, words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        let word = *rng.pick(WORDS);
        if i % 40 == 0 && i > 0 {
            text.push_str(".\n\n");
        } else if i > 0 {
            text.push(' ');
        }
        if i % 40 == 0 {
            let mut c = word.chars();
            text.extend(c.next().map(|f| f.to_ascii_uppercase()));
            text.push_str(c.as_str());
        } else if i % 17 == 5 {
            let _ = write!(text, "**{word}**");
        } else {
            text.push_str(word);
        }
    }
    text.push_str(".\n");
    text
}

fn regions() -> Vec<(String, Vec<String>)> {
    let text = include_str!("../content/regions.yaml");
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            out.push((line.trim_end_matches(':').to_string(), Vec::new()));
        } else if line.starts_with("    ")
            && let Some((slug, _)) = line.trim().split_once(':')
        {
            out.last_mut().unwrap().1.push(slug.to_string());
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let opt = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let vendors_n: usize = opt("--vendors").and_then(|v| v.parse().ok()).unwrap_or(1000);
    let per_vendor: usize = opt("--products").and_then(|v| v.parse().ok()).unwrap_or(5);
    // `--total-products N` spreads N products evenly instead (300,000 vendors, 1,000,000 products).
    let total: Option<usize> = opt("--total-products").and_then(|v| v.parse().ok());
    let events_n: usize = opt("--events").and_then(|v| v.parse().ok()).unwrap_or(vendors_n / 10);
    let seed: u64 = opt("--seed").and_then(|v| v.parse().ok()).unwrap_or(1);
    let out = PathBuf::from(opt("--out").expect("--out DIR is required"));
    let hugo = opt("--hugo").map(PathBuf::from);
    let images = args.iter().any(|a| a == "--images");
    let shape = match opt("--shape").as_deref() {
        None | Some("default") => Shape::Default,
        Some("realistic") => Shape::Realistic,
        Some(other) => panic!("--shape {other}: expected `default` or `realistic`"),
    };
    let mut rng = Rng(seed);
    let regions = regions();
    if shape == Shape::Realistic {
        let products = opt("--products").and_then(|v| v.parse().ok());
        let events_n = opt("--events").and_then(|v| v.parse().ok()).unwrap_or(vendors_n / 8);
        let (vendors, events) = realistic(&mut rng, &regions, vendors_n, products, total, events_n);
        write_katalog(&out, &vendors, &events, images);
        if let Some(hugo) = hugo {
            write_hugo(&hugo, &vendors, &events, shape);
        }
        let products: usize = vendors.iter().map(|v| v.products.len()).sum();
        let booths: usize = events.iter().map(|e| e.vendors.len()).sum();
        eprintln!(
            "generated {} vendors, {products} products, {} events with {booths} booths",
            vendors.len(),
            events.len()
        );
        return;
    }

    let mut vendors = Vec::with_capacity(vendors_n);
    for i in 0..vendors_n {
        let (parent, _, children) = rng.pick(CATEGORIES);
        let (category, _) = *rng.pick(children);
        let (region, districts) = rng.pick(&regions).clone();
        let district = rng.pick(&districts).clone();
        let name = format!("{} {} {}", rng.pick(PREFIXES), rng.pick(NAMES), rng.pick(NAMES));
        let slug = format!("{}-{i}", name.to_lowercase().replace(' ', "-"));
        let count = total.map_or(per_vendor, |n| n * (i + 1) / vendors_n - n * i / vendors_n);
        let mut products = Vec::with_capacity(count);
        for p in 0..count {
            let (category, names) = PRODUCT_WORDS.iter().find(|(c, _)| *c == category).unwrap();
            let base = *rng.pick(names);
            let name = format!("{base} {}", ["Original", "Spesial", "Premium", "Mini", "Jumbo", "Keluarga"][p % 6]);
            let price = if rng.below(5) == 0 {
                let min = rng.range(5, 50) * 1000;
                format!("{{ min: {min}, max: {} }}", min + rng.range(5, 100) * 1000)
            } else {
                (rng.range(5, 300) * 1000).to_string()
            };
            let words = rng.range(80, 300);
            products.push(Product {
                slug: format!("{}-{p}", name.to_lowercase().replace(' ', "-")),
                name,
                category,
                parent,
                price,
                tags: (0..rng.range(1, 3)).map(|_| *rng.pick(WORDS)).collect(),
                body: body(&mut rng, words),
                variants: Vec::new(),
            });
        }
        let owner = *rng.pick(OWNERS);
        vendors.push(Vendor {
            slug,
            name,
            category,
            owner,
            region,
            district,
            products,
            body: None,
            address: None,
            crlf: false,
        });
    }
    let mut events = Vec::with_capacity(events_n);
    for e in 0..events_n {
        let day = rng.range(0, 3 * 365);
        let start = jiff::civil::date(2025, 1, 1).checked_add(jiff::Span::new().days(day as i64)).unwrap();
        let recurring = e % 8 == 0;
        let participants: Vec<usize> = (0..rng.range(3, 8).min(vendors_n)).map(|_| rng.below(vendors_n)).collect();
        let (region, _) = rng.pick(&regions).clone();
        events.push(Event {
            slug: format!("bazar-umkm-{e}"),
            title: format!("Bazar UMKM {} {}", rng.pick(NAMES), e),
            start: format!("{start}T09:00"),
            end: format!("{start}T17:00"),
            recurrence: recurring.then(|| "FREQ=WEEKLY;COUNT=4".to_string()),
            region,
            vendors: participants,
            body: body(&mut rng, 100),
            venue: "Lapangan".into(),
            crlf: false,
        });
    }
    write_katalog(&out, &vendors, &events, images);
    if let Some(hugo) = hugo {
        write_hugo(&hugo, &vendors, &events, shape);
    }
    let products: usize = vendors.iter().map(|v| v.products.len()).sum();
    eprintln!("generated {} vendors, {products} products, {} events", vendors.len(), events.len());
}

/// Sentences with what editors really type: quotes, ampersands, `<` and `>`, rupiah amounts.
const HOSTILE: &[&str] = &[
    "Pesan ≥ 10 pcs & dapatkan harga \"grosir\" (< Rp 50.000/pcs).",
    "Tersedia di bazar & pameran <b>setiap</b> akhir pekan.",
    "Kata pelanggan: \"rasanya juara, kemasannya rapi\" & cocok untuk hampers.",
    "Untuk pesanan > 100 pcs, hubungi kami 3 hari sebelumnya: stok <i>terbatas</i>.",
    "Bisa COD di area Jakarta Pusat & sekitarnya; ongkir mulai Rp 9.000.",
    "Produk P-IRT No. 2093171010123-27 & bersertifikat halal MUI.",
];
const TAILS: &[&str] =
    &["Khas Betawi", "Asli Jakarta", "& Keluarga", "<Sejak 1998>", "Cabang Utama", "Rumahan \"Enak Tenan\""];
const VARIETIES: &[&str] = &[
    "Original",
    "Pedas Level 5",
    "Rasa \"Nenek\"",
    "Spesial & Premium",
    "Edisi Ramadan",
    "Tanpa Gula",
    "Isi 12",
    "Motif <Ondel-Ondel>",
];
const PACKS: &[&str] =
    &["Kemasan Standing Pouch", "Toples 500 gr", "Box Hampers Lebaran", "Kemasan Ekonomis", "Paket Reseller"];
const SIZES: [&[&str]; 3] = [
    &["100 gr", "250 gr", "500 gr", "1 kg", "Box \"Hampers\""],
    &["S", "M", "L", "XL", "XXL & Jumbo"],
    &["Kecil", "Sedang", "Besar", "Set isi 3", "Custom <nama>"],
];
const STREETS: &[&str] =
    &["H. Ridwan Rais", "Kebon Sirih", "Tanah Abang II", "Pramuka Raya", "K.H. Mas Mansyur", "Dr. Saharjo"];
const VENUES: &[&str] = &[
    "Lapangan Banteng",
    "Gedung \"Jakpreneur\" Lt. 2 & Atrium",
    "Taman <Kota> Waduk Pluit",
    "Hall A, JIExpo Kemayoran",
    "Plaza Selatan Monas",
];

/// A longer body: paragraphs with hostile sentences, a list and a heading.
fn realistic_body(rng: &mut Rng, words: usize) -> String {
    let mut text = body(rng, words);
    text.push_str("\n## Keterangan\n\n");
    for _ in 0..rng.range(2, 5) {
        let _ = writeln!(text, "- {}", rng.pick(HOSTILE));
    }
    let closing = *rng.pick(HOSTILE);
    let words = rng.range(20, 60);
    let _ = writeln!(text, "\n{closing} {}", body(rng, words).trim_end());
    text
}

/// A catalogue of [`Shape::Realistic`].
fn realistic(
    rng: &mut Rng,
    regions: &[(String, Vec<String>)],
    vendors_n: usize,
    per_vendor: Option<usize>,
    total: Option<usize>,
    events_n: usize,
) -> (Vec<Vendor>, Vec<Event>) {
    let mut vendors = Vec::with_capacity(vendors_n);
    for i in 0..vendors_n {
        let kind = rng.below(CATEGORIES.len());
        let (parent, _, children) = CATEGORIES[kind];
        let (category, category_name) = *rng.pick(children);
        let (region, districts) = rng.pick(regions).clone();
        let district = rng.pick(&districts).clone();
        let owner = *rng.pick(OWNERS);
        let (prefix, first, second) = (rng.pick(PREFIXES), rng.pick(NAMES), rng.pick(NAMES));
        let name = match rng.below(4) {
            0 => format!("{prefix} {first} {second} — {category_name} {}", rng.pick(TAILS)),
            1 => format!("{prefix} {first} {second} \"Bu {}\"", owner.split(' ').next().unwrap()),
            2 => format!("{prefix} {first} {second} {} ({category_name})", rng.pick(TAILS)),
            _ => format!("{prefix} {first} {second} {}", rng.pick(TAILS)),
        };
        let slug = format!("{}-{}-{}-{i}", prefix, first, second).to_lowercase();
        let count = match (total, per_vendor) {
            (Some(n), _) => n * (i + 1) / vendors_n - n * i / vendors_n,
            (None, Some(n)) => n,
            (None, None) => rng.range(2, 8),
        };
        let (_, names) = PRODUCT_WORDS.iter().find(|(c, _)| *c == category).unwrap();
        let mut products = Vec::with_capacity(count);
        for p in 0..count {
            let base = *rng.pick(names);
            let name = format!("{base} {} {}", rng.pick(VARIETIES), rng.pick(PACKS));
            let price = rng.range(5, 300) * 1000;
            let variants = if rng.below(5) < 2 {
                let sizes = SIZES[kind];
                let n = rng.range(2, sizes.len());
                sizes[..n].iter().enumerate().map(|(k, size)| (size.to_string(), price + k * 5000)).collect()
            } else {
                Vec::new()
            };
            let price = if rng.below(5) == 0 {
                format!("{{ min: {price}, max: {} }}", price + rng.range(5, 100) * 1000)
            } else {
                price.to_string()
            };
            let words = rng.range(150, 500);
            products.push(Product {
                slug: format!("{}-{p}", base.to_lowercase().replace(' ', "-")),
                name,
                category,
                parent,
                price,
                tags: (0..rng.range(2, 5)).map(|_| *rng.pick(WORDS)).collect(),
                body: realistic_body(rng, words),
                variants,
            });
        }
        let address = format!(
            "Jl. {} No. {}, RT {:03}/RW {:02}, Kec. {district}",
            rng.pick(STREETS),
            rng.range(1, 250),
            rng.range(1, 15),
            rng.range(1, 12)
        );
        let words = rng.range(150, 400);
        vendors.push(Vendor {
            slug,
            name,
            category,
            owner,
            region,
            district,
            products,
            body: Some(realistic_body(rng, words)),
            address: Some(address),
            crlf: i % 7 == 3,
        });
    }
    // Two vendors in five are regulars: six booths in ten go to them, so they take part in
    // many events, and most of the others in a few.
    let regulars: Vec<usize> = (0..vendors_n).filter(|i| i % 5 < 2).collect();
    let mut events = Vec::with_capacity(events_n);
    for e in 0..events_n {
        let day = rng.range(0, 3 * 365);
        let start = jiff::civil::date(2025, 1, 1).checked_add(jiff::Span::new().days(day as i64)).unwrap();
        let end = start.checked_add(jiff::Span::new().days(rng.range(0, 3) as i64)).unwrap();
        let booths = rng.range(8, 40).min(vendors_n);
        let mut participants: Vec<usize> = Vec::with_capacity(booths);
        while participants.len() < booths {
            let vendor = if rng.below(10) < 6 && !regulars.is_empty() && participants.len() < regulars.len() {
                *rng.pick(&regulars)
            } else {
                rng.below(vendors_n)
            };
            if !participants.contains(&vendor) {
                participants.push(vendor);
            }
        }
        let (region, _) = rng.pick(regions).clone();
        let title =
            format!("Bazar UMKM Jakpreneur \"{}\" & Pameran Produk Lokal {} #{e}", rng.pick(NAMES), rng.pick(NAMES));
        let words = rng.range(200, 500);
        events.push(Event {
            slug: format!("bazar-umkm-{e}"),
            title,
            start: format!("{start}T09:00"),
            end: format!("{end}T17:00"),
            recurrence: (e % 8 == 0).then(|| "FREQ=WEEKLY;COUNT=4".to_string()),
            region,
            vendors: participants,
            body: realistic_body(rng, words),
            venue: rng.pick(VENUES).to_string(),
            crlf: e % 5 == 2,
        });
    }
    (vendors, events)
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
}

/// Writes a record, with Windows line endings when `crlf`.
fn write_record(path: &Path, text: &str, crlf: bool) {
    if crlf {
        write(path, &text.replace('\n', "\r\n"));
    } else {
        write(path, text);
    }
}

/// A YAML scalar: plain when it is only letters, digits, spaces and `-.()` (every text of the
/// default shape), double-quoted otherwise.
fn yaml(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii_alphanumeric() || " -.()".contains(c)) {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The inside of a double-quoted YAML scalar, for Hugo's front matter.
fn quoted(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

fn write_katalog(out: &Path, vendors: &[Vendor], events: &[Event], images: bool) {
    let _ = fs::remove_dir_all(out);
    write(
        &out.join("site.yaml"),
        "title: Katalog Jakpreneur (benchmark)\nbase_url: https://katalog.example.go.id/\npaginate: 24\n",
    );
    let mut categories = String::new();
    for (slug, name, children) in CATEGORIES {
        let kids: Vec<String> = children.iter().map(|(s, n)| format!("{s}: \"{n}\"")).collect();
        let _ = writeln!(categories, "{slug}: {{ name: {name}, children: {{ {} }} }}", kids.join(", "));
    }
    write(&out.join("content/categories.yaml"), &categories);
    write(&out.join("content/regions.yaml"), include_str!("../content/regions.yaml"));
    for v in vendors {
        let dir = out.join("content/vendors").join(&v.slug);
        let profile = v.body.as_ref().unwrap_or(&v.products[0].body);
        let address = v.address.as_ref().map(|a| format!("address: {}\n", yaml(a))).unwrap_or_default();
        write_record(
            &dir.join("index.md"),
            &format!(
                "---\nname: {}\nowner: {}\ncategory: {}\nregion: {}\ndistrict: {}\nwhatsapp: 0812-0000-0000\n{address}---\n{profile}",
                yaml(&v.name),
                yaml(v.owner),
                v.category,
                v.region,
                v.district
            ),
            v.crlf,
        );
        for p in &v.products {
            let image = if images {
                let file = format!("{}.png", p.slug);
                write_png(&dir.join(&file), p.slug.len() as u8);
                format!("images: [{file}]\n")
            } else {
                String::new()
            };
            let mut variants = String::new();
            if !p.variants.is_empty() {
                variants.push_str("variants:\n");
                for (name, price) in &p.variants {
                    let _ = writeln!(variants, "  - {{ name: {}, price: {price} }}", yaml(name));
                }
            }
            write_record(
                &dir.join(format!("{}.md", p.slug)),
                &format!(
                    "---\nname: {}\nprice: {}\ntags: [{}]\n{image}{variants}---\n{}",
                    yaml(&p.name),
                    p.price,
                    p.tags.join(", "),
                    p.body
                ),
                v.crlf,
            );
        }
    }
    for e in events {
        let vendors: Vec<&str> = e.vendors.iter().map(|&i| vendors[i].slug.as_str()).collect();
        let recurrence = e.recurrence.as_ref().map(|r| format!("recurrence: \"{r}\"\n")).unwrap_or_default();
        write_record(
            &out.join("content/events").join(format!("{}.md", e.slug)),
            &format!(
                "---\ntitle: {}\nstart: {}\nend: {}\nvenue: {}\nregion: {}\nvendors: [{}]\n{recurrence}---\n{}",
                yaml(&e.title),
                e.start,
                e.end,
                yaml(&e.venue),
                e.region,
                vendors.join(", "),
                e.body
            ),
            e.crlf,
        );
    }
}

fn write_png(path: &Path, shade: u8) {
    let (w, h) = (64u32, 48u32);
    let mut pixels = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            pixels.extend([shade.wrapping_add(x as u8 * 3), (y * 5) as u8, 120]);
        }
    }
    let file = fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.write_header().unwrap().write_image_data(&pixels).unwrap();
}

/// The same catalogue as a Hugo site, with straightforward templates.
fn write_hugo(out: &Path, vendors: &[Vendor], events: &[Event], shape: Shape) {
    let _ = fs::remove_dir_all(out);
    write(
        &out.join("hugo.toml"),
        "baseURL = 'https://katalog.example.go.id/'\nlanguageCode = 'id'\ntitle = 'Katalog Jakpreneur (benchmark)'\ndisableKinds = ['rss']\n[pagination]\n  pagerSize = 24\n[taxonomies]\n  kategori = 'kategori'\n  wilayah = 'wilayah'\n  kecamatan = 'kecamatan'\n  peserta = 'peserta'\n",
    );
    for v in vendors {
        let dir = out.join("content/umkm").join(&v.slug);
        let address = v.address.as_ref().map(|a| format!("  address: \"{}\"\n", quoted(a))).unwrap_or_default();
        write_record(
            &dir.join("_index.md"),
            &format!(
                "---\ntitle: \"{}\"\nwilayah: [\"{}\"]\nkecamatan: [\"{}\"]\nparams:\n  category: {}\n  whatsapp: \"6281200000000\"\n{address}---\n{}",
                quoted(&v.name),
                v.region,
                v.district,
                v.category,
                v.body.as_ref().unwrap_or(&v.products[0].body)
            ),
            v.crlf,
        );
        for p in &v.products {
            let mut variants = String::new();
            if !p.variants.is_empty() {
                variants.push_str("  variants:\n");
                for (name, price) in &p.variants {
                    let _ = writeln!(variants, "    - {{ name: \"{}\", price: {price} }}", quoted(name));
                }
            }
            write_record(
                &dir.join(format!("{}.md", p.slug)),
                &format!(
                    "---\ntitle: \"{}\"\nkategori: [\"{}\", \"{}\"]\nparams:\n  price: \"{}\"\n  tags: [{}]\n{variants}---\n{}",
                    quoted(&p.name),
                    p.category,
                    p.parent,
                    p.price.replace('"', ""),
                    p.tags.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", "),
                    p.body
                ),
                v.crlf,
            );
        }
    }
    write(&out.join("content/umkm/_index.md"), "---\ntitle: Semua UMKM\n---\n");
    write(&out.join("content/acara/_index.md"), "---\ntitle: Acara\n---\n");
    for e in events {
        let vendors: Vec<String> = e.vendors.iter().map(|&i| format!("\"{}\"", vendors[i].slug)).collect();
        // The default shape's Hugo events carry no venue (its templates show none).
        let venue =
            if shape == Shape::Realistic { format!("  venue: \"{}\"\n", quoted(&e.venue)) } else { String::new() };
        write_record(
            &out.join("content/acara").join(format!("{}.md", e.slug)),
            &format!(
                "---\ntitle: \"{}\"\ndate: {}:00+07:00\npeserta: [{}]\nparams:\n  end: \"{}\"\n{venue}---\n{}",
                quoted(&e.title),
                e.start,
                vendors.join(", "),
                e.end,
                e.body
            ),
            e.crlf,
        );
    }
    let layouts = out.join("layouts");
    write(
        &layouts.join("baseof.html"),
        r#"<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title><link rel="canonical" href="{{ .Permalink }}"><meta name="description" content="{{ .Summary | plainify | truncate 160 }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <nav><a href="{{ "umkm/" | relURL }}">UMKM</a> <a href="{{ "kategori/" | relURL }}">Kategori</a> <a href="{{ "wilayah/" | relURL }}">Wilayah</a> <a href="{{ "acara/" | relURL }}">Acara</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>Katalog resmi UMKM binaan Jakpreneur</footer></body></html>
"#,
    );
    write(
        &layouts.join("home.html"),
        r#"{{ define "main" }}<h1>{{ site.Title }}</h1>
<h2>UMKM</h2><ul>{{ range first 8 (where site.Sections "Section" "umkm") }}{{ range first 8 .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>
<h2>Acara</h2><ul>{{ range first 4 (where site.RegularPages "Section" "acara") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"#,
    );
    // The realistic shape's templates also show what its records add (addresses, variants,
    // venues), as katalog's pages do.
    let widen = |template: &str, after: &str, added: &str| {
        assert!(template.contains(after));
        match shape {
            Shape::Default => template.to_string(),
            Shape::Realistic => template.replacen(after, &format!("{after}{added}"), 1),
        }
    };
    // Vendor list (/umkm/) and vendor pages (/umkm/<vendor>/): sections.
    write(
        &layouts.join("section.html"),
        &widen(
            r#"{{ define "main" }}{{ if eq .Section .File.Dir }}{{ end }}
{{ if eq .Path "/umkm" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Sections }}<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} produk)</li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}
{{ else if eq .Path "/acara" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}</li>{{ end }}</ul>
{{ else }}<article><h1>{{ .Title }}</h1><p>{{ .Params.category }} · {{ delimit .Params.wilayah ", " }}</p>
<p><a href="https://wa.me/{{ .Params.whatsapp }}">WhatsApp</a></p>{{ .Content }}
<h2>Produk</h2><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> Rp {{ .Params.price }}</li>{{ end }}</ul>
<h2>Acara</h2>{{ $slug := path.Base .RelPermalink }}{{ with index site.Taxonomies.peserta $slug }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</article>{{ end }}{{ end }}
"#,
            r#"{{ delimit .Params.wilayah ", " }}</p>"#,
            "{{ with .Params.address }}<p>{{ . }}</p>{{ end }}",
        ),
    );
    write(
        &layouts.join("page.html"),
        &widen(
            r#"{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Params.price }}<p>Rp {{ . }}</p>{{ end }}{{ with .Params.tags }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.peserta }}<h2>UMKM peserta</h2><ul>{{ range . }}<li><a href="{{ printf "umkm/%s/" . | relURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}{{ with .Parent }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}</article>{{ end }}
"#,
            "{{ with .Params.price }}<p>Rp {{ . }}</p>{{ end }}",
            "{{ with .Params.variants }}<ul>{{ range . }}<li>{{ .name }} Rp {{ .price }}</li>{{ end }}</ul>{{ end }}{{ with .Params.venue }}<p>{{ . }}</p>{{ end }}",
        ),
    );
    write(
        &layouts.join("taxonomy.html"),
        r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
"#,
    );
    write(
        &layouts.join("term.html"),
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}{{ end }}
"#,
    );
    write(
        &layouts.join("404.html"),
        r#"{{ define "main" }}<h1>Halaman tidak ditemukan</h1>{{ end }}
"#,
    );
}
