//! `katalog init DIR`: a new site with everything a first build needs.
//!
//! Writes `site.yaml`, the two taxonomies (all 44 kecamatan of DKI Jakarta), one vendor with
//! one product, one event and one free page. Refuses to touch a folder that is not empty.

use super::{SUCCESS, USAGE_OR_IO, exit};
use std::path::Path;
use std::process::ExitCode;

/// The full list of DKI Jakarta's kota/kabupaten and kecamatan (shared with the demo site).
const REGIONS: &str = include_str!("../../content/regions.yaml");

const SITE: &str = "\
# Settings of this catalogue. See docs/content.md of katalog for every field.
title: Katalog UMKM
base_url: https://katalog.example.go.id/   # where the site will be published
language: id                               # id (Bahasa Indonesia) or en
timezone: Asia/Jakarta
theme: default
paginate: 24
images: { widths: [320, 640, 1280], formats: [webp, jpeg], quality: 80 }
";

const CATEGORIES: &str = "\
# Category tree: slug -> name and optional children. Every slug is unique.
kuliner: { name: Kuliner, children: { kopi: Kopi, keripik: Keripik & Makanan Ringan } }
fashion: { name: Fashion, children: { batik: Batik, kaos: Kaos } }
kerajinan: { name: Kerajinan Tangan }
";

const VENDOR: &str = "\
---
name: Kopi Contoh Tebet
owner: Siti Rahma
category: kopi
region: jakarta-selatan
district: tebet
address: Jl. Tebet Raya No. 1, Jakarta Selatan
whatsapp: 0812-0000-0000
instagram: \"@kopicontoh\"
certifications: [halal, pirt]
joined: 2024-01-15
---
Kopi Contoh Tebet menyangrai biji kopi dari petani Jawa Barat setiap minggu.
Ganti teks ini dengan profil usaha Anda.
";

const PRODUCT: &str = "\
---
name: Kopi Susu Gula Aren
price: 18000
tags: [kopi, susu, gula aren]
variants:
  - { name: 250 ml, price: 18000 }
  - { name: 1 liter, price: 65000 }
---
Kopi susu dengan gula aren asli, dibuat segar setiap pagi.
";

const EVENT: &str = "\
---
title: Bazar UMKM Contoh
start: 2026-12-05T09:00
end: 2026-12-05T16:00
venue: Lapangan Tebet
address: Jl. Tebet Barat Dalam, Jakarta Selatan
region: jakarta-selatan
district: tebet
organizer: Suku Dinas PPKUKM Jakarta Selatan
vendors: [kopi-contoh-tebet]
---
Bazar contoh. Ganti dengan acara Anda.
";

const PAGE: &str = "\
---
title: Tentang katalog ini
description: Apa itu katalog UMKM ini dan siapa yang mengelolanya.
---
Katalog ini memuat UMKM binaan dan produk mereka.
";

pub fn run(dir: &Path) -> ExitCode {
    if dir.exists() {
        let empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            eprintln!(
                "error: {} already exists and is not empty; katalog init only writes into a new or empty folder",
                dir.display()
            );
            return exit(USAGE_OR_IO);
        }
    }
    let files: [(&str, &str); 8] = [
        ("site.yaml", SITE),
        (".gitignore", "# Built by `katalog build`; never commit them.\n/public/\n/.katalog-cache/\n"),
        ("content/categories.yaml", CATEGORIES),
        ("content/regions.yaml", REGIONS),
        ("content/vendors/kopi-contoh-tebet/index.md", VENDOR),
        ("content/vendors/kopi-contoh-tebet/kopi-susu-gula-aren.md", PRODUCT),
        ("content/events/bazar-umkm-contoh.md", EVENT),
        ("content/pages/tentang.md", PAGE),
    ];
    for (path, text) in files {
        let target = dir.join(path);
        let written =
            target.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|_| std::fs::write(&target, text));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", target.display());
            return exit(USAGE_OR_IO);
        }
    }
    let _ = std::fs::create_dir_all(dir.join("static"));
    eprintln!(
        "created a new catalogue in {}\nnext: katalog build {}   (the site goes to {}/public)",
        dir.display(),
        dir.display(),
        dir.display()
    );
    exit(SUCCESS)
}
