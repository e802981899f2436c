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
//! `--images` (a small generated PNG per product).

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

struct Vendor {
    slug: String,
    name: String,
    category: &'static str,
    owner: &'static str,
    region: String,
    district: String,
    products: Vec<Product>,
}

struct Product {
    slug: String,
    name: String,
    category: &'static str,
    parent: &'static str,
    price: String,
    tags: Vec<&'static str>,
    body: String,
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
    let mut rng = Rng(seed);
    let regions = regions();

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
            });
        }
        let owner = *rng.pick(OWNERS);
        vendors.push(Vendor { slug, name, category, owner, region, district, products });
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
        });
    }
    write_katalog(&out, &vendors, &events, images);
    if let Some(hugo) = hugo {
        write_hugo(&hugo, &vendors, &events);
    }
    let products: usize = vendors.iter().map(|v| v.products.len()).sum();
    eprintln!("generated {} vendors, {products} products, {} events", vendors.len(), events.len());
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, text).unwrap();
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
        let profile = &v.products[0].body;
        write(
            &dir.join("index.md"),
            &format!(
                "---\nname: {}\nowner: {}\ncategory: {}\nregion: {}\ndistrict: {}\nwhatsapp: 0812-0000-0000\n---\n{profile}",
                v.name, v.owner, v.category, v.region, v.district
            ),
        );
        for p in &v.products {
            let image = if images {
                let file = format!("{}.png", p.slug);
                write_png(&dir.join(&file), p.slug.len() as u8);
                format!("images: [{file}]\n")
            } else {
                String::new()
            };
            write(
                &dir.join(format!("{}.md", p.slug)),
                &format!(
                    "---\nname: {}\nprice: {}\ntags: [{}]\n{image}---\n{}",
                    p.name,
                    p.price,
                    p.tags.join(", "),
                    p.body
                ),
            );
        }
    }
    for e in events {
        let vendors: Vec<&str> = e.vendors.iter().map(|&i| vendors[i].slug.as_str()).collect();
        let recurrence = e.recurrence.as_ref().map(|r| format!("recurrence: \"{r}\"\n")).unwrap_or_default();
        write(
            &out.join("content/events").join(format!("{}.md", e.slug)),
            &format!(
                "---\ntitle: {}\nstart: {}\nend: {}\nvenue: Lapangan\nregion: {}\nvendors: [{}]\n{recurrence}---\n{}",
                e.title,
                e.start,
                e.end,
                e.region,
                vendors.join(", "),
                e.body
            ),
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
fn write_hugo(out: &Path, vendors: &[Vendor], events: &[Event]) {
    let _ = fs::remove_dir_all(out);
    write(
        &out.join("hugo.toml"),
        "baseURL = 'https://katalog.example.go.id/'\nlanguageCode = 'id'\ntitle = 'Katalog Jakpreneur (benchmark)'\ndisableKinds = ['rss']\n[pagination]\n  pagerSize = 24\n[taxonomies]\n  kategori = 'kategori'\n  wilayah = 'wilayah'\n  kecamatan = 'kecamatan'\n  peserta = 'peserta'\n",
    );
    for v in vendors {
        let dir = out.join("content/umkm").join(&v.slug);
        write(
            &dir.join("_index.md"),
            &format!(
                "---\ntitle: \"{}\"\nwilayah: [\"{}\"]\nkecamatan: [\"{}\"]\nparams:\n  category: {}\n  whatsapp: \"6281200000000\"\n---\n{}",
                v.name, v.region, v.district, v.category, v.products[0].body
            ),
        );
        for p in &v.products {
            write(
                &dir.join(format!("{}.md", p.slug)),
                &format!(
                    "---\ntitle: \"{}\"\nkategori: [\"{}\", \"{}\"]\nparams:\n  price: \"{}\"\n  tags: [{}]\n---\n{}",
                    p.name,
                    p.category,
                    p.parent,
                    p.price.replace('"', ""),
                    p.tags.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", "),
                    p.body
                ),
            );
        }
    }
    write(&out.join("content/umkm/_index.md"), "---\ntitle: Semua UMKM\n---\n");
    write(&out.join("content/acara/_index.md"), "---\ntitle: Acara\n---\n");
    for e in events {
        let vendors: Vec<String> = e.vendors.iter().map(|&i| format!("\"{}\"", vendors[i].slug)).collect();
        write(
            &out.join("content/acara").join(format!("{}.md", e.slug)),
            &format!(
                "---\ntitle: \"{}\"\ndate: {}:00+07:00\npeserta: [{}]\nparams:\n  end: \"{}\"\n---\n{}",
                e.title,
                e.start,
                vendors.join(", "),
                e.end,
                e.body
            ),
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
    // Vendor list (/umkm/) and vendor pages (/umkm/<vendor>/): sections.
    write(
        &layouts.join("section.html"),
        r#"{{ define "main" }}{{ if eq .Section .File.Dir }}{{ end }}
{{ if eq .Path "/umkm" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Sections }}<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} produk)</li>{{ end }}</ul>{{ template "_internal/pagination.html" . }}
{{ else if eq .Path "/acara" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2 January 2006" }}</li>{{ end }}</ul>
{{ else }}<article><h1>{{ .Title }}</h1><p>{{ .Params.category }} · {{ delimit .Params.wilayah ", " }}</p>
<p><a href="https://wa.me/{{ .Params.whatsapp }}">WhatsApp</a></p>{{ .Content }}
<h2>Produk</h2><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> Rp {{ .Params.price }}</li>{{ end }}</ul>
<h2>Acara</h2>{{ $slug := path.Base .RelPermalink }}{{ with index site.Taxonomies.peserta $slug }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}</article>{{ end }}{{ end }}
"#,
    );
    write(
        &layouts.join("page.html"),
        r#"{{ define "main" }}<article><h1>{{ .Title }}</h1>
{{ with .Params.price }}<p>Rp {{ . }}</p>{{ end }}{{ with .Params.tags }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.peserta }}<h2>UMKM peserta</h2><ul>{{ range . }}<li><a href="{{ printf "umkm/%s/" . | relURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ .Content }}{{ with .Parent }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}</article>{{ end }}
"#,
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
